//! Correcting a person (reason required, stale edits refused, audit with before and after) and
//! the home screen's figures.

mod common;

use common::*;
use otau_store::{Duplicates, StoreError};

#[test]
fn a_correction_needs_a_reason_and_shows_in_the_audit_with_before_and_after() {
    let mut o = office();
    let clerk = o.clerk("dana");
    o.store.register_family(&ctx(&clerk), &example_family(), Duplicates::Refuse).expect("register");
    let spouse = o.store.person("PVL01-2026-00002").expect("spouse");
    let mut edited = spouse.as_input();
    edited.iin = Some("881103400120".into());

    let err = o
        .store
        .edit_person(&ctx(&clerk), "PVL01-2026-00002", &edited, spouse.person.version, " ")
        .expect_err("no reason");
    assert_eq!(err.field_errors()[0].field, "reason");

    let after = o
        .store
        .edit_person(
            &ctx(&clerk),
            "PVL01-2026-00002",
            &edited,
            spouse.person.version,
            "IIN issued on 2026-11-20",
        )
        .expect("edit");
    assert_eq!(after.person.iin.as_deref(), Some("881103400120"));
    assert_eq!(after.person.version, spouse.person.version + 1);

    let history = o.store.audit_for("PVL01-2026-00002").expect("audit");
    let last = history.last().expect("a row");
    assert_eq!(last.action, "person.edit");
    assert_eq!(last.user_login, "dana");
    assert_eq!(last.reason.as_deref(), Some("IIN issued on 2026-11-20"));
    assert_eq!(last.before.as_ref().map(|b| b["iin"].clone()), Some(serde_json::Value::Null));
    assert_eq!(last.after["iin"], "881103400120");
    assert_eq!(o.store.find("881103400120", 5).expect("find")[0].regno, "PVL01-2026-00002");

    // The same form sent again was filled from the old version: refused, not overwritten.
    let err = o
        .store
        .edit_person(&ctx(&clerk), "PVL01-2026-00002", &edited, spouse.person.version, "x")
        .expect_err("stale");
    assert!(matches!(err, StoreError::VersionConflict { .. }), "{err:?}");
}

#[test]
fn a_wrong_correction_names_the_field_of_the_person_and_changes_nothing() {
    let mut o = office();
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    let head = o.store.person("PVL01-2026-00001").expect("head");
    let mut edited = head.as_input();
    edited.sex = otau_core::model::Sex::Female; // disagrees with the IIN
    let before = o.counts();
    let err = o
        .store
        .edit_person(&ctx(&admin), "PVL01-2026-00001", &edited, head.person.version, "typo")
        .expect_err("refused");
    let fields: Vec<&str> = err.field_errors().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["iin"], "{err:?}");
    assert_eq!(o.counts(), before);
}

#[test]
fn the_home_screen_counts_arrivals_and_recent_work() {
    let mut o = office();
    let clerk = o.clerk("dana");
    let mut family = example_family();
    family.arrival_date = today();
    o.store.register_family(&ctx(&clerk), &family, Duplicates::Refuse).expect("register");
    let home = o.store.home(today()).expect("home");
    assert_eq!((home.families, home.persons), (1, 3));
    assert_eq!(home.arrivals.len(), 1);
    assert_eq!(home.arrivals[0].head_name, "Сейітқали Нұрсұлтан");
    assert_eq!(home.arrivals[0].members, 3);
    let first = &home.recent_work[0];
    assert_eq!((first.action.as_str(), first.user_login.as_str()), ("family.register", "dana"));
    assert!(first.regno.as_deref().is_some_and(|r| r.starts_with("PVL01-2026-")));
    assert_eq!(home.recent_work.iter().filter(|w| w.action == "family.register").count(), 1);
}
