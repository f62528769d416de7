//! Documents in the store: the office key made at init (its secret never in the audit or the
//! outbox), numbering per office and year, the register with reprints and voids, checking
//! seals, and monthly summaries with closed months frozen.

mod common;

use chrono::NaiveDate;
use common::*;
use otau_core::model::{Education, FamilyInput};
use otau_print::{DocKind, DocumentContent, Month};
use otau_store::documents::{DocumentError, RegistryOnly, VerifyStatus};
use otau_store::{Actor, Duplicates, NewUser, Role, StoreError};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn manager(o: &mut TestOffice) -> Actor {
    let admin = o.admin.clone();
    o.store
        .add_user(
            &ctx(&admin),
            &NewUser {
                login: "manager".into(),
                role: Role::Manager,
                full_name: Some("Ғалым Төлеуов".into()),
                password: "manager-password".into(),
            },
        )
        .expect("add manager");
    o.store.sign_in("manager", "manager-password").expect("sign in")
}

/// A family of `n` members (a head and children) arriving on `arrival`, unique by `tag`.
fn family(tag: usize, n: usize, arrival: &str, country: &str) -> FamilyInput {
    let mut f = example_family();
    f.arrival_date = d(arrival);
    f.country_of_origin = country.into();
    let template = f.members.clone();
    f.members = (0..n)
        .map(|i| {
            let mut m = template[i.min(2)].clone();
            if i > 2 {
                m.relation = otau_core::model::Relation::Child;
            }
            m.iin = None;
            m.surname = format!("Тест{}", letters(tag, "АБВГДЕЖЗИК"));
            m.surname_latin = Some(format!("TEST{}", letters(tag, "ABCDEFGHIK")));
            m.given_name = format!("{}{}", m.given_name, letters(i, "абвгдежзик"));
            m.given_name_latin = Some(format!("NAME{}", letters(i, "ABCDEFGHIK")));
            m.document = None;
            if let Some(c) = m.consent.as_mut() {
                c.given_on = d(arrival);
            }
            m
        })
        .collect();
    f
}

/// A number spelt with letters (names have no digits).
fn letters(n: usize, alphabet: &str) -> String {
    let a: Vec<char> = alphabet.chars().collect();
    n.to_string().chars().map(|c| a[c.to_digit(10).unwrap_or(0) as usize]).collect()
}

fn register(o: &mut TestOffice, f: &FamilyInput, today: &str) -> String {
    let admin = o.admin.clone();
    o.store
        .register_family(&Context::new(&admin, at(), d(today)), f, Duplicates::Allow)
        .expect("register")
        .family_regno
}

fn certificate(o: &mut TestOffice, regno: &str) -> otau_print::IssuedDocument {
    let admin = o.admin.clone();
    let (family, data) = o.store.certificate_data(regno).expect("data");
    let (doc, ()) = o
        .store
        .issue_document(&ctx(&admin), Some(family), DocumentContent::Certificate(data), |_| Ok(()))
        .expect("issue");
    doc
}

#[test]
fn init_makes_a_signing_key_whose_secret_never_reaches_an_event() {
    let mut o = office();
    let public = o.store.office_public_key().expect("key").expect("made at init");
    assert_eq!(public.len(), 43);
    let secret: String = o
        .store
        .raw_connection()
        .query_row("SELECT sealed FROM office_signing_secrets", [], |r| r.get(0))
        .expect("secret");
    let leaks: i64 = o
        .store
        .raw_connection()
        .query_row(
            "SELECT COUNT(*) FROM events WHERE envelope_json(body) LIKE '%' || ?1 || '%'",
            [&secret],
            |r| r.get(0),
        )
        .expect("search");
    assert_eq!(leaks, 0);
    // The key's event is private (never sent) and holds no placeholder for the secret either.
    let (origin, envelope): (String, String) = o
        .store
        .raw_connection()
        .query_row(
            "SELECT origin, envelope_json(body) FROM events WHERE envelope_json(body) ->> '$.entity' = 'office_key'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("key event");
    assert_eq!(origin, "private");
    assert!(!envelope.contains("secret_key") && !envelope.contains("redacted"), "{envelope}");
    let before = o.counts();
    assert_eq!(o.store.ensure_office_key(at()).expect("ensure"), public, "idempotent");
    assert_eq!(o.counts(), before, "nothing written");
}

#[test]
fn documents_are_numbered_per_office_and_year_and_verify() {
    let mut o = office();
    let regno = register(&mut o, &family(1, 3, "2026-09-14", "UZ"), "2026-09-16");
    let first = certificate(&mut o, &regno);
    let second = certificate(&mut o, &regno);
    assert_eq!(first.number, "PVL01-2026-D00001");
    assert_eq!(second.number, "PVL01-2026-D00002");
    assert_eq!(first.kind(), DocKind::Certificate);
    let DocumentContent::Certificate(c) = &first.content else { panic!("certificate") };
    assert_eq!(c.members.len(), 3);
    assert_eq!(c.members[0].name, "ТестБ Нұрсұлтана Болатұлы");
    let v = o.store.verify_document(&first.seal.payload()).expect("verify");
    assert_eq!(v.status, VerifyStatus::Valid);
    assert_eq!(v.register.as_ref().map(|r| r.subject.as_str()), Some(regno.as_str()));
    let register = o.store.document_register(10).expect("register");
    assert_eq!(register.len(), 2);
    assert_eq!(register[0].number, "PVL01-2026-D00002", "newest first");
}

#[test]
fn a_document_that_cannot_be_produced_is_not_registered() {
    let mut o = office();
    let regno = register(&mut o, &family(1, 2, "2026-09-14", "UZ"), "2026-09-16");
    let admin = o.admin.clone();
    let (family, data) = o.store.certificate_data(&regno).expect("data");
    let before = o.counts();
    let err = o
        .store
        .issue_document(
            &ctx(&admin),
            Some(family),
            DocumentContent::Certificate(data),
            |_| -> Result<(), DocumentError> {
                Err(DocumentError::Output { code: "cli-file-write", args: Default::default() })
            },
        )
        .expect_err("refused");
    assert_eq!(otau_core::Coded::code(&err), "cli-file-write");
    assert_eq!(o.counts(), before);
    assert!(o.store.document_register(10).expect("register").is_empty());
    assert_eq!(certificate(&mut o, &regno).number, "PVL01-2026-D00001", "the number was not used");
}

#[test]
fn a_reprint_is_a_duplicate_with_the_same_seal_and_a_row_of_its_own() {
    let mut o = office();
    let regno = register(&mut o, &family(1, 2, "2026-09-14", "UZ"), "2026-09-16");
    let original = certificate(&mut o, &regno);
    // Later edits of the family do not change what the reprint says.
    let admin = o.admin.clone();
    let (dup, ()) =
        o.store.reprint_document(&ctx(&admin), "pvl01-2026-d00001", |_| Ok(())).expect("reprint");
    assert!(dup.duplicate);
    assert_eq!(dup.seal, original.seal);
    assert_eq!(dup.content, original.content);
    let register = o.store.document_register(10).expect("register");
    assert_eq!(register.len(), 2);
    assert!(register[0].duplicate && !register[1].duplicate);
    assert_eq!(register[0].number, register[1].number);
}

#[test]
fn a_voided_document_stays_in_the_register_with_its_reason_and_verifies_as_voided() {
    let mut o = office();
    let regno = register(&mut o, &family(1, 2, "2026-09-14", "UZ"), "2026-09-16");
    let doc = certificate(&mut o, &regno);
    let clerk = o.clerk("aigerim");
    let err = o
        .store
        .void_document(&ctx(&clerk), &doc.number, "misprint")
        .expect_err("clerks may not void");
    assert!(matches!(err, StoreError::Forbidden { .. }), "{err:?}");
    let m = manager(&mut o);
    let err = o.store.void_document(&ctx(&m), &doc.number, "  ").expect_err("reason");
    assert_eq!(err.field_errors()[0].field, "reason");
    o.store.void_document(&ctx(&m), &doc.number, "Мекенжайы қате жазылған").expect("void");
    let v = o.store.verify_document(&doc.seal.payload()).expect("verify");
    assert_eq!(v.status, VerifyStatus::Voided);
    let void = v.register.and_then(|r| r.void).expect("void info");
    assert_eq!(void.reason, "Мекенжайы қате жазылған");
    assert_eq!(void.voided_by, "manager");
    let again = o.store.void_document(&ctx(&m), &doc.number, "again").expect_err("once");
    assert!(matches!(again, StoreError::Document(DocumentError::AlreadyVoided { .. })));
    let admin = o.admin.clone();
    let reprint = o.store.reprint_document(&ctx(&admin), &doc.number, |_| Ok(()));
    assert!(reprint.is_err(), "a voided document is not reprinted");
    let register = o.store.document_register(10).expect("register");
    assert_eq!(register.len(), 1, "still there");
    // The register is append-only, below the library too.
    let conn = o.store.raw_connection();
    assert!(conn.execute("UPDATE issued_documents SET issued_by = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM document_voids", []).is_err());
}

#[test]
fn a_changed_byte_is_tampered_and_another_office_is_unknown_until_trusted() {
    let mut o = office();
    let regno = register(&mut o, &family(1, 2, "2026-09-14", "UZ"), "2026-09-16");
    let doc = certificate(&mut o, &regno);
    let payload = doc.seal.payload();
    for i in [6, 12, 20, 40, 60, 100, payload.len() - 1] {
        let mut bytes = payload.clone().into_bytes();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        // A byte inside a letter of the subject leaves a replacement character: still a change.
        let changed = String::from_utf8_lossy(&bytes).into_owned();
        let v = o.store.verify_document(&changed).expect("verify");
        assert_ne!(v.status, VerifyStatus::Valid, "byte {i}: {changed}");
    }
    let v = o.store.verify_document("hello").expect("verify");
    assert_eq!((v.status, v.reason.as_deref()), (VerifyStatus::Tampered, Some("malformed")));

    // The same office code with another key: a forgery.
    let same_code = office();
    let v = same_code.store.verify_document(&payload).expect("verify");
    assert_eq!((v.status, v.reason.as_deref()), (VerifyStatus::Tampered, Some("signature")));

    let dir = tempfile::tempdir().expect("dir");
    let mut other = otau_store::Store::open(&dir.path().join("akm.sqlite")).expect("open");
    other
        .init_office(
            at(),
            &otau_store::NewOffice {
                code: "AKM01".into(),
                name: "Ақмола орталығы".into(),
                region: "KZ-11".into(),
                admin_login: "admin".into(),
                admin_password: ADMIN_PASSWORD.into(),
            },
            &o.store.mci_table().expect("mci"),
        )
        .expect("init");
    let v = other.verify_document(&payload).expect("verify");
    assert_eq!(v.status, VerifyStatus::UnknownOffice);
    let admin = other.sign_in("admin", ADMIN_PASSWORD).expect("sign in");
    let key = o.store.office_public_key().expect("key").expect("some");
    let err = other.trust_office_key(&ctx(&admin), "PVL01", None, "not-a-key").expect_err("bad");
    assert_eq!(err.field_errors()[0].field, "key");
    other.trust_office_key(&ctx(&admin), "PVL01", Some("Павлодар"), &key).expect("trust");
    let v = other.verify_document(&payload).expect("verify");
    assert_eq!(v.status, VerifyStatus::Valid);
    assert!(v.register.is_none(), "not issued here");
}

#[test]
fn the_monthly_summary_counts_the_registry_and_a_closed_month_never_changes() {
    let mut o = office();
    // October 2026: three families registered, one arriving in September.
    register(&mut o, &family(1, 3, "2026-10-02", "UZ"), "2026-10-05");
    register(&mut o, &family(2, 4, "2026-10-10", "CN"), "2026-10-12");
    register(&mut o, &family(3, 1, "2026-09-28", "CN"), "2026-10-01");
    let oct: Month = "2026-10".parse().expect("month");
    let s = o.store.monthly_summary(oct, &RegistryOnly).expect("summary");
    assert_eq!((s.arrivals.families, s.arrivals.persons), (2, 7));
    assert_eq!((s.registered.families, s.registered.persons), (3, 8));
    assert_eq!(s.by_country[0].country, "CN");
    assert_eq!((s.by_country[0].counts.families, s.by_country[0].counts.persons), (2, 5));
    // Members: the head (1985), the spouse (1988), children (2014) — ages on registration.
    assert_eq!(s.by_age.working_age + s.by_age.below_working_age + s.by_age.pension_age, 8);
    assert_eq!(s.by_age.working_age, 5, "{:?}", s.by_age);
    assert_eq!(s.by_education.higher, 3, "{:?}", s.by_education);
    assert!(s.statuses.is_none() && s.quota.is_none() && s.subsidies.is_none());

    let m = manager(&mut o);
    let err = o
        .store
        .close_month(&Context::new(&m, at(), d("2026-10-31")), oct, &RegistryOnly)
        .expect_err("not over");
    assert!(matches!(err, StoreError::Document(DocumentError::MonthNotOver { .. })));
    let admin = o.admin.clone();
    let err = o
        .store
        .close_month(&Context::new(&admin, at(), d("2026-11-03")), oct, &RegistryOnly)
        .expect_err("role");
    assert!(matches!(err, StoreError::Forbidden { .. }));
    let closed = o
        .store
        .close_month(&Context::new(&m, at(), d("2026-11-03")), oct, &RegistryOnly)
        .expect("close");
    assert_eq!(closed.closed.as_ref().map(|c| c.closed_on), Some(d("2026-11-03")));
    let frozen = serde_json::to_string(&o.store.monthly_summary(oct, &RegistryOnly).expect("s"))
        .expect("json");
    let err = o
        .store
        .close_month(&Context::new(&m, at(), d("2026-11-04")), oct, &RegistryOnly)
        .expect_err("twice");
    assert!(matches!(err, StoreError::Document(DocumentError::MonthClosed { .. })));

    // A family arriving in October, recorded in November: October stays as closed, November
    // counts it and says it is late.
    let mut late = family(4, 2, "2026-10-20", "MN");
    late.members[0].education = Some(Education::None);
    register(&mut o, &late, "2026-11-10");
    register(&mut o, &family(5, 2, "2026-11-02", "UZ"), "2026-11-05");
    let again = serde_json::to_string(&o.store.monthly_summary(oct, &RegistryOnly).expect("s"))
        .expect("json");
    assert_eq!(again, frozen, "a closed month reproduces exactly");
    let nov = o.store.monthly_summary(oct.next(), &RegistryOnly).expect("november");
    assert_eq!((nov.arrivals.families, nov.arrivals.persons), (2, 4), "its own and the late one");
    assert_eq!(nov.late.len(), 1);
    assert_eq!(nov.late[0].month, oct);
    assert_eq!((nov.late[0].arrivals.families, nov.late[0].arrivals.persons), (1, 2));
    assert_eq!(nov.registered.families, 2);
    assert_eq!(o.store.closed_months().expect("closed").len(), 1);
    let conn = o.store.raw_connection();
    assert!(conn.execute("UPDATE closed_months SET summary_json = '{}'", []).is_err());
}

/// Case work that registers a family through another connection while the month's summary is
/// being computed: what a clerk at another desk might do at that very moment.
struct RegistersMeanwhile {
    other: std::cell::RefCell<otau_store::Store>,
    admin: Actor,
    family: FamilyInput,
    registered: std::cell::Cell<bool>,
}

impl otau_store::documents::CaseWork for RegistersMeanwhile {
    fn statuses(
        &self,
        _conn: &rusqlite::Connection,
        _office: &str,
        _month: Month,
    ) -> otau_store::Result<Option<otau_print::data::StatusCounts>> {
        let ctx = Context::new(&self.admin, at(), d("2026-10-31"));
        let done = self.other.borrow_mut().register_family(&ctx, &self.family, Duplicates::Allow);
        self.registered.set(done.is_ok());
        Ok(None)
    }
}

/// `close_month` computed the summary outside its write and read the watermark inside it: a
/// family registered in between was counted in neither the closed month nor the next.
#[test]
fn a_family_registered_while_its_month_closes_is_counted_in_that_month_or_the_next() {
    let mut o = office();
    register(&mut o, &family(1, 2, "2026-10-02", "UZ"), "2026-10-05");
    let oct: Month = "2026-10".parse().expect("month");
    let m = manager(&mut o);
    let other = otau_store::Store::open(&o.path()).expect("a second desk");
    other.raw_connection().busy_timeout(std::time::Duration::from_millis(50)).expect("timeout");
    let meanwhile = RegistersMeanwhile {
        other: std::cell::RefCell::new(other),
        admin: o.admin.clone(),
        family: family(2, 3, "2026-10-20", "CN"),
        registered: std::cell::Cell::new(false),
    };
    let closed = o
        .store
        .close_month(&Context::new(&m, at(), d("2026-11-03")), oct, &meanwhile)
        .expect("close");
    if !meanwhile.registered.get() {
        // The closing write held the office: the other desk registers right after it.
        register(&mut o, &meanwhile.family, "2026-10-31");
    }
    let nov = o.store.monthly_summary(oct.next(), &RegistryOnly).expect("november");
    let late = nov.late.iter().find(|l| l.month == oct).map_or(0, |l| l.registered.families);
    assert_eq!(
        closed.registered.families + late,
        2,
        "every family registered for October is counted once: closed {:?}, late {:?}",
        closed.registered,
        nov.late
    );
}

/// A family recorded for September after September closed was counted late in October's
/// closed summary, and counted late again in November's: every later month whose chain of
/// closed months reached September counted it once more.
#[test]
fn a_late_entry_counted_in_one_closed_month_is_not_counted_again_in_the_next() {
    let mut o = office();
    let m = manager(&mut o);
    let sep: Month = "2026-09".parse().expect("month");
    register(&mut o, &family(1, 2, "2026-09-03", "UZ"), "2026-09-04");
    o.store.close_month(&Context::new(&m, at(), d("2026-10-01")), sep, &RegistryOnly).expect("sep");
    // Recorded in October for September: late in October.
    register(&mut o, &family(2, 3, "2026-09-20", "CN"), "2026-09-21");
    register(&mut o, &family(3, 1, "2026-10-05", "MN"), "2026-10-06");
    let oct = o
        .store
        .close_month(&Context::new(&m, at(), d("2026-11-02")), sep.next(), &RegistryOnly)
        .expect("oct");
    assert_eq!(oct.late.len(), 1, "{:?}", oct.late);
    assert_eq!((oct.late[0].registered.families, oct.late[0].registered.persons), (1, 3));
    assert_eq!((oct.registered.families, oct.registered.persons), (2, 4));

    register(&mut o, &family(4, 2, "2026-11-10", "TM"), "2026-11-11");
    let nov = o.store.monthly_summary(sep.next().next(), &RegistryOnly).expect("november");
    assert!(nov.late.is_empty(), "counted in October already: {:?}", nov.late);
    assert_eq!((nov.registered.families, nov.registered.persons), (1, 2));
    assert_eq!((nov.arrivals.families, nov.arrivals.persons), (1, 2));

    // Still late when nothing counted it: a family recorded for September now.
    register(&mut o, &family(5, 1, "2026-09-25", "UZ"), "2026-09-26");
    let nov = o.store.monthly_summary(sep.next().next(), &RegistryOnly).expect("november");
    assert_eq!(nov.late.len(), 1, "{:?}", nov.late);
    assert_eq!((nov.late[0].month, nov.late[0].registered.persons), (sep, 1));
}
