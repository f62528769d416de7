//! End-to-end test of one family paid the same one-time subsidy in two offices, in the real
//! window. The demo office DEMO01 and office AKM01, both on a line to one centre, register the
//! same family (the same head, with the same IIN) and each pays it the relocation subsidy (prepared by one
//! person, approved and paid by a manager, with the real `otau`); after both sync, the centre
//! hands the case to both. In DEMO01's window a clerk sees the case, both payments side by side,
//! and why only a manager decides it; the manager finds it counted in the sidebar, is refused
//! without a reason, and decides with one; the decision is shown with who made it and reaches
//! AKM01 with the next syncs. Screenshots of each step are saved.

use std::path::Path;

use otau_e2e::centre::Centre;
use otau_e2e::{App, Otau};

const FAMILY: &str = include_str!("../../data/family.json");
const AKMOLA_PASSWORD: &str = "akmola-admin";
const AKMOLA_MANAGER: &str = "Akmola-Manager-Oz-7";

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Runs `otau --json --user <login> <args>` on `db` with `password`; its JSON answer.
fn as_user(db: &Path, login: &str, password: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json", "--user", login];
    all.extend_from_slice(args);
    json(&Otau::on(db, password).run(&all, "").unwrap_or_else(|e| panic!("{e}")))
}

/// Gives the family at `regno` a status, includes it in the quota and has `maker` prepare and
/// `checker` approve and pay its relocation subsidy.
fn pay_relocation(db: &Path, admin: &str, regno: &str, maker: (&str, &str), checker: (&str, &str)) {
    let status = [
        "status",
        "record",
        regno,
        "--family",
        "--applied",
        "2026-11-02",
        "--recommended",
        "2026-11-03",
        "--recommendation",
        "yes",
        "--granted",
        "2026-11-04",
    ];
    as_user(db, "admin", admin, &status);
    as_user(db, "admin", admin, &["quota", "include", regno, "--on", "2026-11-05"]);
    let prepare = [
        "subsidy",
        "prepare",
        "--family",
        regno,
        "--kind",
        "relocation",
        "--decided-on",
        "2026-11-06",
    ];
    let prepared = as_user(db, maker.0, maker.1, &prepare);
    let number = prepared["number"].as_str().unwrap_or_else(|| panic!("{prepared}")).to_string();
    as_user(db, checker.0, checker.1, &["subsidy", "approve", &number]);
    let pay = ["subsidy", "pay", &number, "--order", "ПП-2026-0042", "--paid-on", "2026-12-01"];
    as_user(db, checker.0, checker.1, &pay);
}

/// Office AKM01 at `db` with a manager, enrolled with `centre` over its line.
fn akmola(centre: &Centre, db: &Path) -> Otau {
    let otau = Otau::on(db, AKMOLA_PASSWORD);
    let init = [
        "init",
        "--office",
        "AKM01",
        "--office-name",
        "Ақмола облыстық бейімдеу орталығы",
        "--region",
        "KZ-11",
        "--admin",
        "admin",
    ];
    otau.run(&init, "").unwrap_or_else(|e| panic!("{e}"));
    let manager = [
        "--user",
        "admin",
        "user",
        "add",
        "--password-stdin",
        "--login",
        "manager",
        "--role",
        "manager",
    ];
    otau.run(&manager, "akmola-manager\n").unwrap_or_else(|e| panic!("{e}"));
    // The manager chooses a password of their own: the administrator who made the account may
    // then prepare what the manager approves.
    otau.run_with_password(
        &["--user", "manager", "user", "password", "manager"],
        &format!("{AKMOLA_MANAGER}\n"),
        "akmola-manager",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let code = centre.code("AKM01").unwrap_or_else(|e| panic!("{e}"));
    otau.run(&["--user", "admin", "sync", "enrol", "--centre", &centre.url, "--code", &code], "")
        .unwrap_or_else(|e| panic!("{e}"));
    otau
}

#[test]
fn a_family_paid_the_same_subsidy_in_two_offices_is_decided_by_a_manager_in_the_window() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a folder: {e}"));
    let centre = Centre::start(
        work.path(),
        &[
            ("DEMO01", "Павлодар орталығы", "KZ-55"),
            ("AKM01", "Ақмола облыстық бейімдеу орталығы", "KZ-11"),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let demo_db = work.path().join("demo.sqlite");
    let demo = centre.demo_office(&demo_db, 30).unwrap_or_else(|e| panic!("{e}"));
    let akm_db = work.path().join("akm.sqlite");
    let akm = akmola(&centre, &akm_db);

    // The same family registered and paid in both offices: the head alone, whose IIN is known
    // (every member needs one before a payment).
    let mut family = json(FAMILY);
    if let Some(members) = family["members"].as_array_mut() {
        members.truncate(1);
    }
    let family = family.to_string();
    let here = demo.add_family(&family).unwrap_or_else(|e| panic!("{e}"));
    let here = here["family_regno"].as_str().unwrap_or_else(|| panic!("{here}")).to_string();
    pay_relocation(
        &demo_db,
        "admin-demo",
        &here,
        ("clerk", "clerk-demo"),
        ("manager", "manager-demo"),
    );
    let there = akm.add_family(&family).unwrap_or_else(|e| panic!("{e}"));
    let there = there["family_regno"].as_str().unwrap_or_else(|| panic!("{there}")).to_string();
    pay_relocation(
        &akm_db,
        AKMOLA_PASSWORD,
        &there,
        ("admin", AKMOLA_PASSWORD),
        ("manager", AKMOLA_MANAGER),
    );
    for otau in [&demo, &akm, &demo] {
        otau.run(&["--user", "admin", "sync"], "").unwrap_or_else(|e| panic!("{e}"));
    }

    // A clerk reads the case and why they cannot decide it.
    let mut app =
        App::start_with("paycases", &[("OTAU_DB", &path_text(&demo_db)), ("OTAU_LANG", "kk")]);
    app.sign_in("clerk", "clerk-demo");
    assert_eq!(
        app.count("[data-testid=sync-paid-link]"),
        0,
        "a clerk's sidebar does not count them"
    );
    app.click("[data-testid=nav-sync]");
    app.wait_for("[data-testid=paycase-case][data-open=true]").unwrap_or_else(|e| panic!("{e}"));
    let mine = app.text("[data-testid=paycase-here]").unwrap_or_default();
    assert!(mine.contains(&here) && mine.contains("Сейітқали"), "{mine}");
    assert!(mine.contains("Көшуге арналған субсидия") && mine.contains("₸"), "{mine}");
    let theirs = app.text("[data-testid=paycase-there]").unwrap_or_default();
    assert!(theirs.contains(&there) && theirs.contains("AKM01"), "{theirs}");
    let shared = app.text("[data-testid=paycase-shared]").unwrap_or_default();
    // Said in words: the head's passport or IIN, whichever key the centre matched first.
    assert!(shared.contains("FA2233445") || shared.contains("850412310211"), "{shared}");
    assert_eq!(app.count("[data-testid=paycase-form]"), 0);
    app.wait_for("[data-testid=paycase-managers]").unwrap_or_else(|e| panic!("{e}"));
    app.scroll_to("[data-testid=sync-paid]");
    app.screenshot("clerk");
    drop(app);

    // The manager: counted in the sidebar, refused without a reason, decided with one.
    let mut app = App::start_with(
        "paycases-manager",
        &[("OTAU_DB", &path_text(&demo_db)), ("OTAU_LANG", "kk")],
    );
    app.sign_in("manager", "manager-demo");
    app.wait_for("[data-testid=sync-paid-link]").unwrap_or_else(|e| panic!("{e}"));
    app.click("[data-testid=sync-paid-link]");
    app.wait_for("[data-testid=paycase-form]").unwrap_or_else(|e| panic!("{e}"));
    app.screenshot("manager");
    app.wait_for_text("[data-testid=sync-screen-paid]", "1");
    app.scroll_to("[data-testid=sync-overview]");
    app.screenshot("status");
    app.scroll_to("[data-testid=sync-paid]");
    app.click("[data-testid=paycase-recover]");
    app.wait_for("[data-testid=paycase-problem]").unwrap_or_else(|e| panic!("{e}"));
    app.type_into("[data-testid=paycase-reason]", "бір көшу үшін екі рет төленді");
    app.click("[data-testid=paycase-recover]");
    app.wait_until("the case is decided", |app| {
        app.count("[data-testid=paycase-case][data-open=true]") == 0
    });
    app.click("[data-testid=sync-paid-show-decided]");
    app.wait_for("[data-testid=paycase-decision]").unwrap_or_else(|e| panic!("{e}"));
    let decided = app.text("[data-testid=paycase-decision]").unwrap_or_default();
    assert!(decided.contains("manager") && decided.contains("бір көшу үшін"), "{decided}");
    app.scroll_to("[data-testid=paycase-case]");
    app.screenshot("decided");
    app.click("[data-testid=lang-en]");
    app.wait_for_text_containing(
        "[data-testid=paycase-decision]",
        "One payment is to be recovered",
    );
    app.scroll_to("[data-testid=sync-paid]");
    app.screenshot("decided-en");
    drop(app);

    // The decision reaches AKM01.
    demo.run(&["--user", "admin", "sync"], "").unwrap_or_else(|e| panic!("{e}"));
    akm.run(&["--user", "admin", "sync"], "").unwrap_or_else(|e| panic!("{e}"));
    let theirs = json(
        &akm.run(&["--json", "--user", "admin", "sync", "payments", "--all"], "")
            .unwrap_or_default(),
    );
    assert_eq!(theirs["cases"][0]["decision"]["decision"], "recover", "{theirs}");
    assert_eq!(theirs["cases"][0]["decision"]["office_code"], "DEMO01", "{theirs}");
}
