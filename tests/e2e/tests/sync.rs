//! End-to-end test of sync in the real window: a centre served by the real `otau centre serve` on
//! 127.0.0.1, the counter of office DEMO01 (the demo office, enrolled as its first computer) and a
//! field laptop, a new install that joins the office from its sign-in screen. On the counter a
//! clerk registers a family and presses "Sync now"; on the laptop (a second run of the app, its
//! own database) the administrator joins the office with a one-time code and finds the family.
//! The same surname is then corrected differently on both, and one instalment is approved on
//! both; in the laptop's window the conflict shows both values and is resolved with a reason, and
//! a manager decides the review case the two approvals opened. After syncing, the counter holds
//! the chosen value, its card says the change came from another device (and that the laptop's
//! first correction did not take effect there), and with the centre gone its sidebar says since
//! when the centre is unreachable. A second test connects an office database from the sync
//! screen: a clerk is told an administrator does it; the administrator pastes the centre's code
//! (a wrong one is refused whole). Screenshots of each step are saved.

// The decision the demo office leaves awaiting approval is numbered in the current year: read
// here, as the other end-to-end tests read the date.
#![allow(clippy::disallowed_methods)]

use std::path::Path;

use chrono::{Datelike, Local};
use otau_e2e::centre::Centre;
use otau_e2e::{App, Key, Otau, OFFICE_SECRET};

const LAPTOP_PASSWORD: &str = "laptop-password";
const MANAGER_PASSWORD: &str = "manager-demo";
const LAPTOP_MANAGER_PASSWORD: &str = "manager-laptop";
const SURNAME: &str = "Тоқтарбеков";
const ON_COUNTER: &str = "Тоқтарбекұлы";
const ON_LAPTOP: &str = "Токтарбеков";

fn key(k: Key) -> String {
    char::from(k).to_string()
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The app on the database at `db` (a computer the test keeps across runs of the app).
fn open(name: &str, db: &Path) -> App {
    App::start_with(name, &[("OTAU_DB", &path_text(db)), ("OTAU_LANG", "kk")])
}

/// Presses "Sync now" in the sidebar and waits until a sync that started after the press has
/// ended with nothing left to send.
fn sync_now(app: &mut App) {
    app.wait_for("[data-testid=sync-status][data-enrolled=true]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_until("the sync button is free", |app| {
        app.attr("[data-testid=sync-now]", "disabled").is_none()
    });
    let before = app.attr("[data-testid=sync-status]", "data-last-sync").unwrap_or_default();
    app.click("[data-testid=sync-now]");
    app.wait_until("a new sync ended with nothing waiting", |app| {
        let status = "[data-testid=sync-status]";
        app.attr(status, "data-syncing").as_deref() == Some("false")
            && app.attr(status, "data-waiting").as_deref() == Some("0")
            && app.attr(status, "data-last-sync").is_some_and(|at| !at.is_empty() && at != before)
    });
}

/// Finds `query` with Ctrl+K and opens the first hit, which must be `regno`.
fn open_card(app: &mut App, query: &str, regno: &str) {
    app.chord(Key::Control, 'k');
    app.wait_until("the search box has the focus", |app| app.focused() == "find-query");
    app.replace_text(query);
    app.wait_until(&format!("{query} finds {regno}"), |app| {
        app.attr("[data-testid=find-hit]", "data-regno").as_deref() == Some(regno)
    });
    app.keys(&key(Key::Enter));
    app.wait_for_text("[data-testid=card-regno]", regno);
}

fn surname_on(otau: &Otau, regno: &str) -> String {
    let out = otau
        .run(&["--json", "--user", "admin", "person", "show", regno], "")
        .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("person show said {out}: {e}"));
    v["person"]["surname"]
        .as_str()
        .or_else(|| v["surname"].as_str())
        .unwrap_or_else(|| panic!("no surname in {v}"))
        .to_owned()
}

#[test]
fn a_family_registered_on_one_computer_reaches_another_and_a_conflict_is_resolved_in_the_window() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a folder: {e}"));
    let centre = Centre::start(work.path(), &[("DEMO01", "Павлодар орталығы", "KZ-55")])
        .unwrap_or_else(|e| panic!("{e}"));
    let counter_db = work.path().join("counter.sqlite");
    let laptop_db = work.path().join("laptop.sqlite");
    let counter = centre.demo_office(&counter_db, 30).unwrap_or_else(|e| panic!("{e}"));
    // The demo office's second relocation decision waits for a manager's approval.
    let decision = format!("DEMO01-S-{}-00002", Local::now().year());

    // The counter: a clerk registers a family and syncs now.
    let regno = {
        let mut app = open("sync-counter", &counter_db);
        app.sign_in("clerk", "clerk-demo");
        app.wait_for("[data-testid=sync-status][data-enrolled=true]")
            .unwrap_or_else(|e| panic!("{e}"));
        app.chord(Key::Control, 'n');
        app.wait_for("[data-testid=register-form]").unwrap_or_else(|e| panic!("{e}"));
        app.wait_until("the arrival date has the focus", |app| app.focused() == "f-arrival_date");
        app.type_into("#f-arrival_date", "01.12.2026");
        app.click("#f-country_of_origin option[value=MN]");
        app.click("#f-region option[value='KZ-55']");
        app.type_into("#f-settlement", "Павлодар");
        for (field, value) in [
            ("surname", SURNAME),
            ("given_name", "Бауыржан"),
            ("surname_latin", "TOKTARBEKOV"),
            ("given_name_latin", "BAUYRZHAN"),
            ("birth_date", "15.03.1979"),
            ("document-number", "E5550101"),
        ] {
            app.type_into(&format!("#f-members-0-{field}"), value);
        }
        app.click("#f-members-0-sex-male");
        app.scroll_to("#f-members-0-consent-basis-given");
        app.click("#f-members-0-consent-basis-given");
        app.chord(Key::Control, 's');
        app.wait_for("[data-testid=register-done]").unwrap_or_else(|e| panic!("{e}"));
        let regno = app.text("[data-testid=register-done-regno]").unwrap_or_default();
        assert!(regno.starts_with("DEMO01-"), "registered as {regno:?}");
        app.screenshot("registered");

        sync_now(&mut app);
        app.wait_for_text_containing("[data-testid=sync-last]", "Жаңа ғана синхрондалды");
        app.wait_for_text_containing("[data-testid=sync-waiting]", "Бәрі жіберілді");
        app.screenshot("sidebar-synced");
        app.click("[data-testid=nav-sync]");
        app.wait_for("[data-testid=sync-overview] [data-testid=sync-centre]")
            .unwrap_or_else(|e| panic!("{e}"));
        app.wait_for_text("[data-testid=sync-centre]", "Павлодар облысы");
        app.wait_for_text("[data-testid=sync-screen-waiting]", "0");
        app.wait_for("[data-testid=sync-no-conflicts]").unwrap_or_else(|e| panic!("{e}"));
        app.screenshot("sync-screen");
        regno
    };

    // The laptop, a new install: its administrator joins the office from the sign-in screen with
    // a one-time code, and finds the family.
    let code = centre.code("DEMO01").unwrap_or_else(|e| panic!("{e}"));
    {
        let mut app = open("sync-laptop", &laptop_db);
        app.wait_for("[data-testid=join-offer]").unwrap_or_else(|e| panic!("{e}"));
        app.click("[data-testid=join-open]");
        app.wait_for("[data-testid=join-form]").unwrap_or_else(|e| panic!("{e}"));
        app.wait_until("the centre's address has the focus", |app| {
            app.focused() == "join-centre_url"
        });
        app.keys(&centre.url);
        app.type_into("#join-code", &code);
        app.type_into("#join-device_name", "Далалық ноутбук");
        assert_eq!(app.value("#join-login"), "admin");
        // Too short a password is refused next to its field, and nothing is asked of the centre.
        app.type_into("#join-password", "short");
        app.click("[data-testid=join-submit]");
        app.wait_for("#join-password-problem").unwrap_or_else(|e| panic!("{e}"));
        app.wait_until("the password has the focus", |app| app.focused() == "join-password");
        app.screenshot("join-form-refused");
        app.replace_text(LAPTOP_PASSWORD);
        // The laptop's database is encrypted under an office secret its administrator sets.
        app.type_into("#join-office_secret", OFFICE_SECRET);
        app.screenshot("join-form");
        app.keys(&key(Key::Enter));
        app.wait_for("[data-testid=home]").unwrap_or_else(|e| panic!("{e}"));
        // Its recovery code is shown once, to be written down.
        app.wait_for("[data-testid=recovery-code]").unwrap_or_else(|e| panic!("{e}"));
        app.screenshot("join-recovery-code");
        app.click("[data-testid=recovery-code] button");
        app.wait_for("[data-testid=sync-status][data-enrolled=true]")
            .unwrap_or_else(|e| panic!("{e}"));
        app.wait_for_text_containing("[data-testid=current-user]", "admin");
        open_card(&mut app, "Токтарбеков Бауыржан", &regno);
        app.wait_for_text("[data-testid=card-name]", &format!("{SURNAME} Бауыржан"));
        app.wait_for("[data-testid=history-synced]").unwrap_or_else(|e| panic!("{e}"));
        app.screenshot("laptop-found");
    }
    let laptop = Otau::on(&laptop_db, LAPTOP_PASSWORD);

    // The same surname corrected differently on both computers, and the same instalment
    // approved by a manager on both; the counter's changes reach the centre first.
    counter
        .run(
            &[
                "--user",
                "admin",
                "person",
                "edit",
                &regno,
                "--surname",
                ON_COUNTER,
                "--reason",
                "паспорт бойынша",
            ],
            "",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    laptop
        .run(
            &[
                "--user",
                "admin",
                "person",
                "edit",
                &regno,
                "--surname",
                ON_LAPTOP,
                "--reason",
                "куәлік бойынша",
            ],
            "",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    Otau::on(&counter_db, MANAGER_PASSWORD)
        .run(&["--user", "manager", "subsidy", "approve", &decision], "")
        .unwrap_or_else(|e| panic!("{e}"));
    // Passwords never travel: the manager gets one on the laptop from its administrator.
    laptop
        .run(
            &["--user", "admin", "user", "password", "manager"],
            &format!("{LAPTOP_MANAGER_PASSWORD}\n"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    Otau::on(&laptop_db, LAPTOP_MANAGER_PASSWORD)
        .run(&["--user", "manager", "subsidy", "approve", &decision], "")
        .unwrap_or_else(|e| panic!("{e}"));
    counter.run(&["sync"], "").unwrap_or_else(|e| panic!("{e}"));

    // On the laptop the conflict shows both values and is resolved with a reason.
    {
        let mut app = open("sync-conflict", &laptop_db);
        app.sign_in("admin", LAPTOP_PASSWORD);
        sync_now(&mut app);
        app.wait_until("the sidebar counts one conflict", |app| {
            app.attr("[data-testid=sync-status]", "data-conflicts").as_deref() == Some("1")
        });
        app.wait_for_text_containing("[data-testid=sync-conflicts-link]", "1 қайшылық");
        app.screenshot("sidebar-conflict");
        app.click("[data-testid=sync-conflicts-link]");
        app.wait_for("[data-testid=conflict][data-open=true]").unwrap_or_else(|e| panic!("{e}"));
        app.wait_for_text("[data-testid=conflict-kept-value]", ON_COUNTER);
        app.wait_for_text("[data-testid=conflict-proposed-value]", ON_LAPTOP);
        app.wait_for_text_containing("[data-testid=conflict-kept]", "паспорт бойынша");
        app.wait_for_text_containing("[data-testid=conflict-proposed]", "осы компьютер");
        app.wait_for_text_containing("[data-testid=conflict]", &regno);
        app.screenshot("conflict");

        // A reason is needed: the refusal shows next to it.
        app.click("[data-testid=conflict-proposed]");
        assert!(app.checked("[data-testid=conflict-choose-proposed]"));
        app.click("[data-testid=conflict-resolve]");
        app.wait_for("[data-testid=conflict-reason-problem]").unwrap_or_else(|e| panic!("{e}"));
        app.wait_until("the reason has the focus", |app| app.focused().ends_with("-reason"));
        app.keys("куәлікпен салыстырылды");
        app.keys(&key(Key::Enter));
        app.wait_for("[data-testid=sync-notice]").unwrap_or_else(|e| panic!("{e}"));
        app.wait_for("[data-testid=sync-no-conflicts]").unwrap_or_else(|e| panic!("{e}"));
        app.click("[data-testid=sync-show-resolved]");
        app.wait_for_text_containing("[data-testid=conflict-resolution]", ON_LAPTOP);
        app.wait_for_text_containing("[data-testid=conflict-resolution]", "куәлікпен салыстырылды");
        app.screenshot("conflict-resolved");
        sync_now(&mut app);
        app.wait_until("no conflict is left", |app| {
            app.attr("[data-testid=sync-status]", "data-conflicts").as_deref() == Some("0")
        });
    }

    // On the laptop a manager finds the review case the two approvals opened, with both facts,
    // and decides it with a reason.
    {
        let mut app = open("sync-case", &laptop_db);
        app.sign_in("manager", LAPTOP_MANAGER_PASSWORD);
        app.wait_for_text_containing("[data-testid=sync-cases-link]", "Тексерілетін 1 жағдай");
        app.click("[data-testid=sync-cases-link]");
        app.wait_for("[data-testid=review-case][data-open=true]").unwrap_or_else(|e| panic!("{e}"));
        app.wait_for_text_containing("[data-testid=review-case]", "екі рет");
        app.wait_for_text_containing("[data-testid=case-first]", "manager");
        app.wait_for_text_containing("[data-testid=case-second]", "осы компьютер");
        app.screenshot("review-case");
        app.click("[data-testid=case-decision] option[value=both_stand]");
        app.type_into("[data-testid=case-reason]", "бір төлем, екі мақұлдау");
        app.click("[data-testid=case-decide]");
        app.wait_for("[data-testid=sync-notice]").unwrap_or_else(|e| panic!("{e}"));
        app.wait_for("[data-testid=sync-no-cases]").unwrap_or_else(|e| panic!("{e}"));
        app.click("[data-testid=sync-show-decided]");
        app.wait_for_text_containing("[data-testid=case-decision-done]", "бір төлем, екі мақұлдау");
        app.scroll_to("[data-testid=sync-cases]");
        app.screenshot("review-case-decided");
        sync_now(&mut app);
    }

    // The counter syncs and holds the chosen value; its card says the change came from another
    // computer. With the centre gone, its sidebar says since when it is unreachable.
    counter.run(&["sync"], "").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(surname_on(&counter, &regno), ON_LAPTOP);
    assert_eq!(surname_on(&laptop, &regno), ON_LAPTOP);
    let status = counter.run(&["--json", "sync", "status"], "").unwrap_or_else(|e| panic!("{e}"));
    let status: serde_json::Value =
        serde_json::from_str(&status).unwrap_or_else(|e| panic!("sync status said {status}: {e}"));
    assert_eq!(
        status["open_cases"],
        serde_json::json!(0),
        "the decision reached the counter: {status}"
    );
    drop(centre);
    {
        let mut app = open("sync-counter-after", &counter_db);
        app.sign_in("clerk", "clerk-demo");
        open_card(&mut app, ON_LAPTOP, &regno);
        app.wait_for_text("[data-testid=card-name]", &format!("{ON_LAPTOP} Бауыржан"));
        app.wait_for_text_containing(
            "[data-testid=history-item]:first-child [data-testid=history-synced]",
            "Басқа құрылғыдан келді",
        );
        // The laptop's own correction arrived too, and says it did not take effect here.
        app.wait_for_text_containing(
            "[data-testid=history-item]:nth-child(2) [data-testid=history-not-applied]",
            "күшіне енбеді",
        );
        app.wait_for_text_containing("[data-testid=history-item]:nth-child(2)", ON_LAPTOP);
        app.wait_for_text_containing("[data-testid=sync-unreachable]", "қолжетімсіз");
        app.scroll_to("[data-testid=card-history]");
        app.screenshot("counter-history");
    }
}

#[test]
fn an_administrator_connects_an_office_by_pasting_the_centres_code() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a folder: {e}"));
    let centre = Centre::start(work.path(), &[("PVL01", "Павлодар орталығы", "KZ-55")])
        .unwrap_or_else(|e| panic!("{e}"));
    let code = centre.code("PVL01").unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::start_office("sync-enrol", &[], |otau| {
        otau.office()?;
        otau.demo(3)
    });

    // A clerk sees that an administrator connects this computer.
    let (login, password, _) = otau_e2e::CLERK;
    app.sign_in(login, password);
    app.wait_for_text_containing("[data-testid=sync-status]", "Орталыққа қосылмаған");
    app.click("[data-testid=nav-sync]");
    app.wait_for("[data-testid=enrol-admins]").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.count("[data-testid=enrol-form]"), 0);
    app.click("[data-testid=sign-out]");

    // The administrator pastes the code; a wrong one is refused whole, the right one connects.
    app.sign_in("admin", otau_e2e::ADMIN_PASSWORD);
    app.click("[data-testid=nav-sync]");
    app.wait_for("[data-testid=enrol-form]").unwrap_or_else(|e| panic!("{e}"));
    app.type_into("#enrol-centre_url", &centre.url);
    app.type_into("#enrol-device_name", "1-терезе");
    app.type_into("#enrol-code", "OTAU1-AAAAAAAAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBBBBBB");
    app.click("[data-testid=enrol-submit]");
    app.wait_for("[data-testid=enrol-message]").unwrap_or_else(|e| panic!("{e}"));
    app.screenshot("enrol-refused");
    app.click("#enrol-code");
    app.replace_text(&code);
    app.screenshot("enrol-form");
    app.click("[data-testid=enrol-submit]");
    app.wait_for("[data-testid=sync-notice]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for("[data-testid=sync-status][data-enrolled=true]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text("[data-testid=sync-centre]", "Павлодар облысы");
    app.wait_until("the office's history went up", |app| {
        app.attr("[data-testid=sync-status]", "data-waiting").as_deref() == Some("0")
    });
    app.screenshot("enrolled");
}
