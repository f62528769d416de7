//! End-to-end test of sync in the real window: a centre served by the real `otau centre serve` on
//! 127.0.0.1, the counter of office DEMO01 (the demo office, enrolled as its first computer) and a
//! field laptop that joined the office. On the counter a clerk registers a family and presses
//! "Sync now"; on the laptop (a second run of the app, its own database) the administrator syncs
//! and finds the family. The same surname is then corrected differently on both; in the laptop's
//! window the conflict shows both values on the sync screen and is resolved with a reason; after
//! syncing, the counter holds the chosen value and its card says the change came from another
//! device. Screenshots of each step are saved.

use std::path::Path;

use otau_e2e::centre::Centre;
use otau_e2e::{App, Key, Otau};

const LAPTOP_PASSWORD: &str = "laptop-password";
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
    let out = otau.run(&["--json", "person", "show", regno], "").unwrap_or_else(|e| panic!("{e}"));
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
    let laptop =
        centre.join(&laptop_db, "DEMO01", LAPTOP_PASSWORD).unwrap_or_else(|e| panic!("{e}"));

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

    // The laptop, another computer of the office: the administrator syncs and finds the family.
    {
        let mut app = open("sync-laptop", &laptop_db);
        app.sign_in("admin", LAPTOP_PASSWORD);
        sync_now(&mut app);
        open_card(&mut app, "Токтарбеков Бауыржан", &regno);
        app.wait_for_text("[data-testid=card-name]", &format!("{SURNAME} Бауыржан"));
        app.wait_for("[data-testid=history-synced]").unwrap_or_else(|e| panic!("{e}"));
        app.screenshot("laptop-found");
    }

    // The same surname corrected differently on both computers; the counter's reaches the
    // centre first.
    counter
        .run(
            &["--user", "admin", "person", "edit", &regno, "--surname", ON_COUNTER, "--reason", "паспорт бойынша"],
            "",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    laptop
        .run(
            &["--user", "admin", "person", "edit", &regno, "--surname", ON_LAPTOP, "--reason", "куәлік бойынша"],
            "",
        )
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
        app.wait_until("the reason has the focus", |app| {
            app.focused().ends_with("-reason")
        });
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

    // The counter syncs and holds the chosen value; its card says the change came from another
    // computer.
    counter.run(&["sync"], "").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(surname_on(&counter, &regno), ON_LAPTOP);
    assert_eq!(surname_on(&laptop, &regno), ON_LAPTOP);
    {
        let mut app = open("sync-counter-after", &counter_db);
        app.sign_in("clerk", "clerk-demo");
        open_card(&mut app, ON_LAPTOP, &regno);
        app.wait_for_text("[data-testid=card-name]", &format!("{ON_LAPTOP} Бауыржан"));
        app.wait_for_text_containing(
            "[data-testid=history-item]:first-child [data-testid=history-synced]",
            "Басқа құрылғыдан келді",
        );
        app.scroll_to("[data-testid=card-history]");
        app.screenshot("counter-history");
    }
    drop(centre);
}
