//! The desk's sync against a real centre over HTTPS on 127.0.0.1: an administrator enrols the
//! office's database, a new install joins the office and signs in, both register and correct,
//! a surname corrected differently on both is one conflict with both values that a clerk
//! resolves with a reason, and the background worker syncs at once when asked without holding
//! the desk.

use super::*;
use crate::testkit::{desk, enrol_form, enrolled, family, joined, now, office, Centre};
use std::sync::atomic::{AtomicU32, Ordering};

fn surname(desk: &Desk, regno: &str) -> String {
    desk.person_card(regno, now()).expect("card").person.person.surname
}

fn correct_surname(desk: &Desk, regno: &str, surname: &str, reason: &str) {
    let card = desk.person_card(regno, now()).expect("card");
    let mut form = card.form.clone();
    form.surname = surname.into();
    desk.edit_person(regno, &form, card.person.person.version, reason, now()).expect("edit");
}

#[test]
fn a_database_that_is_not_enrolled_says_so_and_syncs_nothing() {
    let (_dir, desk) = desk();
    assert_eq!(desk.sync_status(now()).err().map(|e| e.code), Some("desk-signed-out".into()));
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    let panel = desk.sync_status(now()).expect("status");
    assert!(!panel.enrolled && !panel.syncing && !panel.background);
    assert_eq!((panel.open_conflicts, panel.open_cases), (0, 0));
    assert!(panel.waiting > 0, "the office's history goes up at enrolment");
    assert_eq!(panel.last_sync_at, None);
    let refused = desk.sync_now(now()).err().map(|e| e.code);
    assert_eq!(refused, Some("sync-not-enrolled".into()));
}

#[test]
fn only_an_administrator_enrols_and_every_field_is_asked_for() {
    let centre = Centre::new();
    let (_dir, desk) = desk();
    let clerk = desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    assert!(!clerk.permissions.may_enrol && clerk.permissions.may_resolve_conflicts);
    let refused = desk.enrol_device(&enrol_form(&centre), now()).err().map(|e| e.code);
    assert_eq!(refused, Some("store-forbidden".into()));

    let admin = desk.sign_in("admin", "admin-password").expect("admin");
    assert!(admin.permissions.may_enrol);
    let empty = desk.enrol_device(&EnrolForm::default(), now()).err();
    let fields: Vec<_> = empty
        .iter()
        .flat_map(|e| e.fields.iter().map(|f| (f.field.as_str(), f.code.as_str())))
        .collect();
    assert_eq!(fields, [("centre_url", code::REQUIRED), ("code", code::REQUIRED)]);
    let wrong = EnrolForm { code: "OTAU1-AAAA-BBBB".into(), ..enrol_form(&centre) };
    let refused = desk.enrol_device(&wrong, now()).err().map(|e| e.code);
    assert!(refused.as_deref().is_some_and(|c| c.starts_with("sync-")), "{refused:?}");
    assert!(!desk.sync_status(now()).expect("status").enrolled);
}

#[test]
fn an_office_enrolled_and_joined_converges_and_a_conflict_is_resolved_once_with_a_reason() {
    let centre = Centre::new();
    let (_a_dir, a) = enrolled(&centre);
    let panel = a.sync_status(now()).expect("status");
    assert_eq!(panel.centre_name.as_deref(), Some("Орталық"));
    assert_eq!(panel.waiting, 0, "the history went up at enrolment");
    assert_eq!(panel.minutes_since_sync, Some(0));
    assert!(panel.last_report.is_some_and(|r| r.pushed > 0));

    // A clerk registers a family on the counter and it goes up.
    a.sign_in("aigerim", "aigerim-password").expect("clerk");
    let regno = a.register_family(&family(), false, now()).expect("register").family_regno;
    assert!(a.sync_status(now()).expect("status").waiting > 0);
    let after = a.sync_now(now()).expect("sync");
    assert_eq!(after.waiting, 0);
    assert!(!after.syncing);

    // A new install joins the office and finds the family.
    let (_b_dir, b) = joined(&centre);
    let found = b.find("Сейітқали", 10).expect("find");
    assert_eq!(found.hits.first().map(|h| h.regno.as_str()), Some(regno.as_str()));

    // The same surname corrected differently on both: the first to reach the centre stays.
    correct_surname(&a, &regno, "Сейітқалиев", "паспорт бойынша");
    correct_surname(&b, &regno, "Сейтқали", "куәлік бойынша");
    a.sync_now(now()).expect("sync a");
    let b_panel = b.sync_now(now()).expect("sync b");
    assert_eq!(b_panel.open_conflicts, 1);
    assert_eq!(b_panel.last_report.map(|r| r.conflicts), Some(1));
    assert_eq!(surname(&b, &regno), "Сейітқалиев");

    let screen = b.sync_conflicts(false).expect("conflicts");
    assert!(screen.may_resolve);
    let [conflict] = screen.conflicts.as_slice() else { panic!("one conflict: {screen:?}") };
    assert_eq!((conflict.kind.as_str(), conflict.field.as_deref()), ("field", Some("surname")));
    assert!(conflict.open && conflict.may_type);
    assert_eq!(conflict.subject_regno.as_deref(), Some(regno.as_str()));
    let kept = conflict.kept.as_ref().expect("kept");
    assert_eq!(kept.value, Value::from("Сейітқалиев"));
    assert_eq!((kept.login.as_deref(), kept.this_device), (Some("aigerim"), false));
    assert_eq!(kept.reason.as_deref(), Some("паспорт бойынша"));
    assert_eq!(conflict.proposed.value, Value::from("Сейтқали"));
    assert!(conflict.proposed.this_device);
    assert_eq!(conflict.proposed.reason.as_deref(), Some("куәлік бойынша"));
    assert_eq!(conflict.proposed.device.as_ref().map(String::len), Some(8));

    // A reason is required; then the typed value wins everywhere.
    let id = conflict.id;
    let typed = ConflictChoice::Typed("Сейітқали".into());
    let refused = b.resolve_conflict(id, &typed, "  ", now()).err();
    assert_eq!(
        refused.map(|e| e.fields.into_iter().map(|f| f.field).collect::<Vec<_>>()),
        Some(vec!["reason".to_owned()])
    );
    let left = b.resolve_conflict(id, &typed, "құжатпен салыстырдым", now()).expect("resolve");
    assert!(left.conflicts.is_empty());
    let all = b.sync_conflicts(true).expect("all");
    let done = all.conflicts.first().expect("resolved one");
    assert!(!done.open && !done.may_type);
    assert_eq!(done.resolution, Some(Value::from("Сейітқали")));
    assert_eq!(done.resolved_by.as_deref(), Some("admin"));
    b.sync_now(now()).expect("sync b");
    let a_panel = a.sync_now(now()).expect("sync a");
    assert_eq!(a_panel.open_conflicts, 0);
    assert_eq!(surname(&a, &regno), "Сейітқали");
    assert_eq!(surname(&b, &regno), "Сейітқали");

    // On the counter, the correction is in the history as synced from another device.
    let card = a.person_card(&regno, now()).expect("card");
    let newest = card.history.first().expect("history");
    assert_eq!(newest.entry.origin, otau_store::events::Origin::Remote);
    assert!(newest.entry.device_id.is_some());
}

#[test]
fn joining_needs_every_field_a_long_password_and_a_new_install() {
    let centre = Centre::new();
    let dir = tempfile::tempdir().expect("dir");
    let desk = Desk::new(Some(dir.path().join("new.sqlite")), 900);
    let short = JoinForm { login: "admin".into(), password: "short".into(), ..Default::default() };
    let error = desk.join_office(&short, now()).err();
    let fields: Vec<_> = error
        .iter()
        .flat_map(|e| e.fields.iter().map(|f| (f.field.as_str(), f.code.as_str())))
        .collect();
    assert_eq!(
        fields,
        [
            ("centre_url", code::REQUIRED),
            ("code", code::REQUIRED),
            ("office_secret", code::REQUIRED),
            ("password", "store-short-password")
        ]
    );
    // A database that already holds an office is not made anew.
    let (_office_dir, existing) = {
        let (dir, path, store, _) = office();
        drop(store);
        (dir, Desk::new(Some(path), 900))
    };
    let form = JoinForm {
        centre_url: centre.url(),
        code: centre.code(),
        device_name: String::new(),
        login: "admin".into(),
        password: "laptop-password".into(),
        office_secret: crate::testkit::LAPTOP_SECRET.into(),
    };
    assert_eq!(
        existing.join_office(&form, now()).err().map(|e| e.code),
        Some(code::HAS_OFFICE.into())
    );
    assert!(existing.sign_in("admin", "admin-password").is_ok(), "nothing changed");
}

#[test]
fn the_background_worker_syncs_when_asked_and_the_desk_stays_free() {
    let centre = Centre::new();
    let (dir, path, store, _) = office();
    drop(store);
    let reads = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&reads);
    let clock: Clock = Arc::new(move || {
        counted.fetch_add(1, Ordering::SeqCst);
        now()
    });
    let hour = Duration::from_secs(3600);
    let desk = Desk::new(Some(path.clone()), 900).with_background_sync(Arc::clone(&clock), hour);
    desk.sign_in("admin", "admin-password").expect("admin");
    assert!(!desk.sync_status(now()).expect("status").background, "not enrolled: no worker");
    desk.enrol_device(&enrol_form(&centre), now()).expect("enrol");
    let wait_idle = |desk: &Desk| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let panel = desk.sync_status(now()).expect("status");
            if !panel.syncing {
                return panel;
            }
            assert!(Instant::now() < deadline, "the worker never finished: {panel:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let first = wait_idle(&desk);
    assert!(first.background && first.enrolled);
    // Enrolling synced: the worker waits for the interval (or a request) before the next.
    assert_eq!(reads.load(Ordering::SeqCst), 0, "no second sync right after enrolling");

    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    desk.register_family(&family(), false, now()).expect("register");
    let asked = desk.sync_now(now()).expect("sync now");
    assert!(asked.syncing, "the answer comes at once, with the sync under way");
    // The desk answers while the worker syncs.
    assert!(desk.home(now().today).is_ok());
    let done = wait_idle(&desk);
    assert!(reads.load(Ordering::SeqCst) >= 1, "the worker read the shell's clock");
    assert_eq!(done.waiting, 0);
    assert!(done.last_report.is_some_and(|r| r.pushed > 0));
    assert_eq!(done.problem, None);
    drop(desk);

    // An enrolled database syncs as soon as the app opens it.
    let before = reads.load(Ordering::SeqCst);
    let reopened = Desk::new(Some(path), 900).with_background_sync(clock, hour);
    reopened.sign_in("aigerim", "aigerim-password").expect("clerk");
    let opened = wait_idle(&reopened);
    assert!(opened.background);
    assert!(reads.load(Ordering::SeqCst) > before, "a sync at once");
    assert!(opened.last_report.is_some());
    drop(reopened);
    drop(dir);
}

#[test]
fn an_unreachable_centre_is_noted_with_its_moment_and_the_work_goes_on() {
    let centre = Centre::new();
    let (_dir, desk) = enrolled(&centre);
    drop(centre);
    let later = Now { at: now().at + chrono::Duration::minutes(7), ..now() };
    let panel = desk.sync_now(later).expect("sync now answers");
    assert_eq!(panel.problem.as_ref().map(|p| p.code.as_str()), Some("sync-unreachable"));
    assert!(panel.problem.is_some_and(|p| p.args.contains_key("reason")));
    assert!(panel.unreachable_since.is_some());
    assert_eq!(panel.minutes_since_sync, Some(7));
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    desk.register_family(&family(), false, now()).expect("offline work goes on");
}

#[test]
fn the_sync_interval_is_read_in_whole_minutes() {
    assert_eq!(interval_from(None), (DEFAULT_INTERVAL, None));
    assert_eq!(interval_from(Some(OsStr::new("2"))), (Duration::from_secs(120), None));
    let (interval, warning) = interval_from(Some(OsStr::new("0.5")));
    assert_eq!(interval, DEFAULT_INTERVAL);
    assert!(warning.is_some_and(|w| w.contains(ENV_SYNC_MINUTES)));
    assert!(interval_from(Some(OsStr::new("0"))).1.is_some());
}

#[test]
fn every_code_of_the_sync_screens_is_translated() {
    for lang in otau_i18n::Lang::ALL {
        for code in code::ALL {
            assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
        }
    }
}

#[test]
fn a_family_paid_twice_across_offices_is_shown_to_managers_and_only_they_decide() {
    let (dir, path, mut store, _) = office();
    let side = |office: &str, regno: &str, tiyn: i64| {
        serde_json::json!({"office": office, "office_name": office, "entry_id": "e",
            "family_id": "f", "regno": regno, "head": "Қасымов Ержан", "amount_tiyn": tiyn,
            "paid_on": "2026-12-01"})
    };
    let id = Uuid::now_v7();
    let item = otau_store::sync::ReferenceItem {
        ref_seq: 1,
        kind: "payment_duplicate".into(),
        key: id.to_string(),
        record: serde_json::json!({"case_id": id, "subsidy_kind": "relocation",
            "key": "iin:840302307707", "found_at": "2026-12-06T10:00:00.000Z",
            "here": side("PVL01", "PVL01-2026-00001", 30_275_000),
            "other": side("AKM01", "AKM01-2026-00001", 30_275_000)}),
    };
    store.apply_reference(now().at, &[item], 1).expect("applied");
    drop(store);
    let desk = Desk::new(Some(path), 900);
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    let screen = desk.payment_cases(false).expect("listed");
    assert!(!screen.may_decide);
    let case = &screen.cases[0];
    assert_eq!(
        (case.here.regno.as_deref(), case.other.office.as_str()),
        (Some("PVL01-2026-00001"), "AKM01")
    );
    assert_eq!(case.other.amount.tiyn, 30_275_000);
    assert!(case.other.amount.text.starts_with("302"), "{}", case.other.amount.text);
    // Both payments side by side, whole, and what links them read into its parts.
    assert_eq!(
        (case.here.head.as_deref(), case.here.paid_on.as_str()),
        (Some("Қасымов Ержан"), "2026-12-01")
    );
    assert_eq!(case.here.amount.tiyn, 30_275_000);
    assert_eq!(case.other.regno.as_deref(), Some("AKM01-2026-00001"));
    assert_eq!((case.key_kind.as_str(), case.key_value.as_str()), ("iin", "840302307707"));
    assert_eq!(screen.open, 1);
    assert_eq!(desk.sync_status(now()).expect("status").open_payment_cases, 1);
    let refused = desk.decide_payment_case(id, PaymentDecision::Recover, "екі рет", now());
    assert_eq!(refused.err().map(|e| e.code), Some("store-forbidden".to_string()));
    desk.sign_in("bolat", "bolat-password").expect("manager");
    let args = serde_json::json!({"id": id, "decision": "keep_both", "reason": "екі отбасы"});
    let done = crate::commands::dispatch(&desk, "decide_payment_case", args, now())
        .and_then(Result::ok)
        .expect("decided");
    assert_eq!(done["cases"], serde_json::json!([]));
    let all =
        crate::commands::dispatch(&desk, "payment_cases", serde_json::json!({"all": true}), now())
            .and_then(Result::ok)
            .expect("listed");
    assert_eq!(all["cases"][0]["decision"], "keep_both");
    assert_eq!(all["cases"][0]["decided_office"], "PVL01");
    assert_eq!(all["cases"][0]["decided_here"], true);
    assert_eq!(desk.sync_status(now()).expect("status").open_payment_cases, 0);
    drop(dir);
}
