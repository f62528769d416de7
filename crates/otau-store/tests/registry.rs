//! Registering families, registration numbers, likely duplicates, search across scripts and
//! the search projection compared with the records.

mod common;

use common::*;
use otau_core::model::{FamilyInput, Relation};
use otau_store::{DuplicateReason, Duplicates, StoreError};

fn register(o: &mut TestOffice, f: &FamilyInput) -> otau_store::Registered {
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), f, Duplicates::Refuse).expect("register")
}

#[test]
fn the_shared_example_registers_with_numbers_head_first() {
    let mut o = office();
    let reg = register(&mut o, &example_family());
    let numbers: Vec<&str> = reg.members.iter().map(|m| m.regno.as_str()).collect();
    assert_eq!(numbers, ["PVL01-2026-00001", "PVL01-2026-00002", "PVL01-2026-00003"]);
    assert_eq!(reg.family_regno, "PVL01-2026-00001");
    let family = o.store.family("PVL01-2026-00003").expect("family by a child's number");
    assert_eq!(family.members.len(), 3);
    assert_eq!(family.members[0].person.relation, Relation::Head);
    assert_eq!(family.members[0].person.surname, "Сейітқали");
    assert_eq!(family.members[0].person.phone.as_deref(), Some("+77015551234"));
    let child = o.store.person("pvl01-2026-00003").expect("lowercase number accepted");
    assert_eq!(child.person.given_name, "Ұлжан");
    assert_eq!(child.documents[0].number, "I-ТШ 0456789");
}

#[test]
fn numbers_continue_per_office_and_year() {
    let mut o = office();
    register(&mut o, &example_family());
    let mut other = example_family();
    for (i, m) in other.members.iter_mut().enumerate() {
        m.iin = None;
        let letter = ["А", "Б", "В"][i];
        m.surname = format!("Басқа{letter}");
        m.surname_latin = Some(format!("BASKA{}", ["A", "B", "V"][i]));
        if let Some(d) = m.document.as_mut() {
            d.number = format!("ZZ99000{i}");
        }
    }
    other.members[2].document.as_mut().expect("doc").kind =
        otau_core::model::DocumentKind::Passport;
    let reg = register(&mut o, &other);
    assert_eq!(reg.members[0].regno, "PVL01-2026-00004");
}

#[test]
fn the_same_family_again_is_refused_as_a_likely_duplicate() {
    let mut o = office();
    register(&mut o, &example_family());
    let before = o.counts();
    let admin = o.admin.clone();
    let mut again = example_family();
    again.members[0].iin = None; // so the duplicate check, not the IIN rule, speaks
    let err =
        o.store.register_family(&ctx(&admin), &again, Duplicates::Refuse).expect_err("refused");
    let StoreError::Duplicates(hits) = err else { panic!("expected duplicates, got {err:?}") };
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert_eq!(hits[0].existing_regno, "PVL01-2026-00001");
    assert_eq!(hits[0].reason, DuplicateReason::SameDocument);
    assert_eq!(o.counts(), before, "nothing saved");
}

#[test]
fn same_name_in_another_script_and_birth_date_is_a_likely_duplicate() {
    let mut o = office();
    register(&mut o, &example_family());
    let mut f = example_family();
    f.members.truncate(1);
    let m = &mut f.members[0];
    m.iin = None;
    m.document = None;
    m.surname = "Сейиткали".into(); // Russian-style Cyrillic
    m.given_name = "Нурсултан".into();
    m.surname_latin = None;
    m.given_name_latin = None;
    let hits = o.store.find_duplicates(&f).expect("check");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].reason, DuplicateReason::SameNameAndBirthDate);
    // Allowed when the clerk has checked they are different people.
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &f, Duplicates::Allow).expect("allowed");
}

#[test]
fn a_registered_iin_is_never_registered_twice() {
    let mut o = office();
    register(&mut o, &example_family());
    let mut f = example_family();
    f.members.truncate(1);
    f.members[0].document = None;
    f.members[0].surname = "Басқа".into();
    f.members[0].surname_latin = None;
    let admin = o.admin.clone();
    let err = o
        .store
        .register_family(&ctx(&admin), &f, Duplicates::Allow)
        .expect_err("refused even when duplicates are allowed");
    assert!(matches!(err, StoreError::IinTaken { ref regno, .. } if regno == "PVL01-2026-00001"));
}

#[test]
fn invalid_input_is_refused_naming_the_field_and_nothing_is_saved() {
    let mut o = office();
    let before = o.counts();
    let mut f = example_family();
    f.members[0].iin = Some("850412310212".into()); // wrong check digit
    let admin = o.admin.clone();
    let err = o.store.register_family(&ctx(&admin), &f, Duplicates::Refuse).expect_err("refused");
    let fields: Vec<&str> = err.field_errors().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["members[0].iin"]);
    assert_eq!(o.counts(), before);
}

#[test]
fn find_works_across_scripts_and_ranks_the_closer_spelling_first() {
    let mut o = office();
    register(&mut o, &example_family());
    let cases = [
        ("Нұрсұлтан", "PVL01-2026-00001"),
        ("Нурсултан", "PVL01-2026-00001"),
        ("Nursultan", "PVL01-2026-00001"),
        ("Nūrsūltan", "PVL01-2026-00001"),
        ("Әлия", "PVL01-2026-00002"),
        ("Алия", "PVL01-2026-00002"),
        ("Aliya", "PVL01-2026-00002"),
        ("Äliia", "PVL01-2026-00002"),
        ("Ulzhan", "PVL01-2026-00003"),
        ("Ұлжан", "PVL01-2026-00003"),
        ("seiitkali nurs", "PVL01-2026-00001"),
        ("850412310211", "PVL01-2026-00001"),
        ("8504", "PVL01-2026-00001"),
        ("FA2233446", "PVL01-2026-00002"),
        ("fa 2233 446", "PVL01-2026-00002"),
        ("I-ТШ 0456789", "PVL01-2026-00003"),
    ];
    for (query, expected) in cases {
        let hits = o.store.find(query, 10).expect("find");
        assert_eq!(
            hits.first().map(|h| h.regno.as_str()),
            Some(expected),
            "query {query}: {hits:?}"
        );
    }
    // The head's name as written ranks the head before the daughter whose surname is
    // the patronymic form of it.
    let hits = o.store.find("Нұрсұлтан", 10).expect("find");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits[0].score < hits[1].score);
    assert!(o.store.find("Zzzz", 10).expect("find").is_empty());
}

/// Every column of the search projection and every duplicate key, by person row.
type Projection = (Vec<(i64, String, String, String)>, Vec<(String, String, i64)>);

fn projection(o: &TestOffice) -> Projection {
    let conn = o.store.raw_connection();
    let search = conn
        .prepare("SELECT rowid, names, ids, born FROM person_search ORDER BY rowid")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let keys = conn
        .prepare("SELECT word, variant, persons FROM name_words ORDER BY word")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    (search, keys)
}

#[test]
fn the_search_projection_equals_a_rebuild_from_the_records() {
    let mut o = office();
    let admin = o.admin.clone();
    let mut used = o.store.registered_iins().expect("iins");
    let families = otau_core::demo::families(7, 60, today(), 0, &mut used);
    o.store.register_families(&ctx(&admin), &families, Duplicates::Allow).expect("demo");
    let incremental = projection(&o);
    assert!(incremental.0.len() > 100);
    let n = o.store.rebuild_search().expect("rebuild");
    assert_eq!(n, incremental.0.len());
    assert_eq!(projection(&o), incremental);
}

/// The projection test compared two of its columns, and never after a correction.
#[test]
fn the_search_projection_equals_a_rebuild_in_every_column_after_corrections() {
    let mut o = office();
    let admin = o.admin.clone();
    let reg = register(&mut o, &example_family());
    let spouse = o.store.person(&reg.members[1].regno).expect("spouse");
    let mut edited = spouse.as_input();
    edited.surname = "Жұмабаева".into();
    edited.surname_latin = Some("ZHUMABAYEVA".into());
    edited.given_name = "Әлия".into();
    edited.iin = Some("881103400120".into());
    if let Some(document) = edited.document.as_mut() {
        document.number = "FA7654321".into();
    }
    o.store
        .edit_person(&ctx(&admin), &spouse.person.regno, &edited, spouse.person.version, "married")
        .expect("corrected");
    let incremental = projection(&o);
    assert!(incremental.0.iter().any(|(_, names, ids, born)| {
        names.contains("jumabaeva") && ids.contains("fa7654321") && born.contains("19881103")
    }));
    o.store.rebuild_search().expect("rebuild");
    assert_eq!(projection(&o), incremental);
    // Ranking reads the corrected names as written from the record: the name as now written
    // ranks first, exactly.
    let hits = o.store.find("Жұмабаева Әлия", 5).expect("find");
    assert_eq!((hits[0].regno.as_str(), hits[0].score), (spouse.person.regno.as_str(), 0));
    assert_eq!(o.store.find("Жумабаева", 5).expect("find")[0].regno, spouse.person.regno);
}

#[test]
fn sign_in_refuses_wrong_passwords_and_unknown_users_alike() {
    let o = office();
    let a = o.store.sign_in("admin", "wrong-password").expect_err("refused");
    let b = o.store.sign_in("nobody", "wrong-password").expect_err("refused");
    assert!(matches!(a, StoreError::BadCredentials));
    assert!(matches!(b, StoreError::BadCredentials));
}

#[test]
fn only_an_admin_adds_users() {
    let mut o = office();
    let clerk = o.clerk("clerk1");
    let err = o
        .store
        .add_user(
            &ctx(&clerk),
            &otau_store::NewUser {
                login: "x1".into(),
                role: otau_store::Role::Admin,
                full_name: None,
                password: "long-enough".into(),
            },
        )
        .expect_err("refused");
    assert!(matches!(err, StoreError::Forbidden { .. }));
}

#[test]
fn the_shipped_mci_table_is_loaded_at_init() {
    let o = office();
    let table = o.store.mci_table().expect("table");
    let d = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).expect("date");
    let row = table.in_force(d, otau_core::mci::MciPurpose::SocialPayments).expect("row");
    assert_eq!(row.tenge, 3692);
}

#[test]
fn a_batch_refuses_a_family_that_repeats_an_earlier_one_of_the_same_batch() {
    let mut o = office();
    let first = example_family();
    let mut second = example_family();
    second.members.truncate(1);
    second.members[0].iin = None;
    second.members[0].document = None;
    second.members[0].surname = "Сейиткали".into();
    second.members[0].surname_latin = None;
    let before = o.counts();
    let admin = o.admin.clone();
    let err = o
        .store
        .register_families(&ctx(&admin), &[first, second], Duplicates::Refuse)
        .expect_err("the second repeats the head of the first");
    assert!(
        matches!(err, StoreError::Duplicates(ref hits) if hits[0].reason == DuplicateReason::SameNameAndBirthDate)
    );
    assert_eq!(o.counts(), before, "the whole batch is refused");
}

/// ARCHITECTURE.md said search ranks with `otau_core::names::match_rank` while the store kept a
/// copy of the ranks of its own: a one-word query now scores each person as the core ranks the
/// word against their names.
#[test]
fn search_ranks_with_the_core_match_rank() {
    let mut o = office();
    register(&mut o, &example_family());
    for query in ["Нұрсұлтан", "Нурсултан", "Nursultan", "NŪRSŪLTAN", "нұр", "seiit", "Алия"]
    {
        let hits = o.store.find(query, 10).expect("find");
        assert!(!hits.is_empty(), "{query}");
        for hit in hits {
            let words: Vec<String> = [Some(hit.name.clone()), hit.name_latin.clone()]
                .into_iter()
                .flatten()
                .flat_map(|n| n.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect();
            let core = words.iter().filter_map(|w| otau_core::names::match_rank(query, w)).min();
            assert_eq!(Some(hit.score), core, "{query} / {}", hit.name);
        }
    }
}
