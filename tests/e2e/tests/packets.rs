//! End-to-end test of the exchange by USB stick and of the same person in two offices, in the real
//! window. The counter of DEMO01 has no line: it was enrolled with the centre's card and code. A
//! clerk exports the office's packet from the sync screen onto the USB stick it offers (its
//! enrolment and history go in it); the centre (the real `otau centre packet import`) enrols the
//! counter from it. Meanwhile office AKM01 registers the same family over its line, so the centre
//! finds the head in both offices. The centre's answer (`otau centre packet export`), written to
//! the stick, is listed first; the counter's own packet is refused as addressed to another; the
//! answer is imported and summed up in words — from the centre to the counter, its changes
//! acknowledged, its members also registered in another office. Imported again, it is
//! refused and nothing changes. The case is then opened on the sync screen, both records side by
//! side, and decided with a reason; the decision reaches AKM01 through the next packet. Screenshots
//! of each step are saved.

use std::path::Path;

use otau_e2e::centre::Centre;
use otau_e2e::{App, Otau};

const FAMILY: &str = include_str!("../../data/family.json");
const AKMOLA_PASSWORD: &str = "akmola-admin";

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Replaces the text of the input `css` with `text`.
fn fill(app: &mut App, css: &str, text: &str) {
    app.click(css);
    app.replace_text(text);
    app.wait_until(&format!("{css} holds {text}"), |app| app.value(css) == text);
}

/// Office AKM01 at `db` with the example family, enrolled with `centre` over its line.
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
    otau.add_family(FAMILY).unwrap_or_else(|e| panic!("{e}"));
    let code = centre.code("AKM01").unwrap_or_else(|e| panic!("{e}"));
    otau.run(&["--user", "admin", "sync", "enrol", "--centre", &centre.url, "--code", &code], "")
        .unwrap_or_else(|e| panic!("{e}"));
    otau
}

#[test]
fn a_packet_goes_to_the_centre_its_answer_is_imported_and_a_person_in_two_offices_is_decided() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a folder: {e}"));
    // A USB stick, mounted where the app is told drives are mounted.
    let media = work.path().join("media");
    let stick = media.join("KINGSTON");
    std::fs::create_dir_all(&stick).unwrap_or_else(|e| panic!("{e}"));
    let centre = Centre::start(
        work.path(),
        &[("DEMO01", "Павлодар орталығы", "KZ-55"), ("AKM01", "Ақмола орталығы", "KZ-11")],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let counter_db = work.path().join("counter.sqlite");
    let card = work.path().join("card.json");
    let counter =
        centre.demo_office_by_card(&counter_db, 30, &card).unwrap_or_else(|e| panic!("{e}"));
    counter.add_family(FAMILY).unwrap_or_else(|e| panic!("{e}"));

    let mut app = App::start_with(
        "packets",
        &[
            ("OTAU_DB", &path_text(&counter_db)),
            ("OTAU_LANG", "kk"),
            ("OTAU_MEDIA_DIRS", &path_text(&media)),
        ],
    );
    app.sign_in("clerk", "clerk-demo");
    // No line: the sidebar offers packets, not "Sync now".
    app.wait_for("[data-testid=sync-by-packet]").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.count("[data-testid=sync-now]"), 0);
    app.click("[data-testid=nav-sync]");
    app.wait_for("[data-testid=packet-exchange]").unwrap_or_else(|e| panic!("{e}"));
    // The packet is offered on the stick, named after the office and the day.
    app.wait_until("a packet path is offered", |app| {
        app.value("[data-testid=packet-export-path]").ends_with(".otau")
    });
    let offered = app.value("[data-testid=packet-export-path]");
    assert!(offered.starts_with(&path_text(&stick.join("otau-DEMO01-"))), "{offered}");
    let drive = app.text("[data-testid=packet-drive]").unwrap_or_default();
    assert!(drive.contains("KINGSTON"), "{drive}");

    // Export for the centre, onto the stick, where it was offered.
    let out = std::path::PathBuf::from(&offered);
    app.click("[data-testid=packet-export]");
    app.wait_for("[data-testid=packet-exported]").unwrap_or_else(|e| panic!("{e}"));
    let said = app.text("[data-testid=packet-exported]").unwrap_or_default();
    assert!(said.contains(&path_text(&out)), "{said}");
    assert!(said.contains("қосу өтініші"), "it carries the enrolment: {said}");
    assert!(out.is_file());
    app.scroll_to("[data-testid=sync-packets]");
    app.screenshot("exported");

    // At the centre: the counter is enrolled from its packet. AKM01 registers the same family.
    let imported = centre.packet_import(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported["enrolled"], true, "{imported}");
    let device = imported["device_id"].as_str().unwrap_or_else(|| panic!("{imported}")).to_owned();
    let akm = akmola(&centre, &work.path().join("akmola.sqlite"));
    let answer = stick.join("centre-to-counter.otau");
    centre.packet_export(&device, &answer).unwrap_or_else(|e| panic!("{e}"));

    // Import from the centre: a look again lists the answer on the stick, newest first; the
    // packet this computer wrote is not for it and is refused.
    app.click("[data-testid=packet-refresh]");
    app.wait_until("both packets on the stick are listed", |app| {
        app.count("[data-testid=packet-file]") == 2
    });
    let first = app.attr("[data-testid=packet-file]", "data-name").unwrap_or_default();
    assert_eq!(first, "centre-to-counter.otau", "the newest first");
    fill(&mut app, "[data-testid=packet-import-path]", &path_text(&out));
    app.click("[data-testid=packet-import]");
    app.wait_for("[data-testid=packet-refused]").unwrap_or_else(|e| panic!("{e}"));
    let refused = app.text("[data-testid=packet-refused]").unwrap_or_default();
    assert!(refused.contains("басқа компьютерге"), "a packet for another: {refused}");
    app.click("[data-testid=packet-file][data-name='centre-to-counter.otau']");
    assert_eq!(app.value("[data-testid=packet-import-path]"), path_text(&answer));
    app.scroll_to("[data-testid=sync-packets]");
    app.screenshot("listed");
    app.click("[data-testid=packet-import]");
    app.wait_for("[data-testid=packet-summary]").unwrap_or_else(|e| panic!("{e}"));
    let summary = app.text("[data-testid=packet-summary]").unwrap_or_default();
    assert!(summary.contains("Пакет жүктелді"), "{summary}");
    assert!(
        summary.contains("«Павлодар облысы» орталығынан «Counter» компьютеріне, DEMO01 бөлімі"),
        "{summary}"
    );
    assert!(summary.contains("Орталық растаған осы компьютердің өзгерістері"), "{summary}");
    assert!(summary.contains("Басқа бөлімде де тіркелген адамдар"), "{summary}");
    assert!(summary.contains("Тіркеу нөмірлерінің блоктары"), "{summary}");
    // Every member of the family is registered in both offices.
    let members = json(FAMILY)["members"].as_array().map_or(0, Vec::len);
    let cross = app.text("[data-testid=packet-sum-cross]").unwrap_or_default();
    assert!(
        cross.trim_end().ends_with(&members.to_string()),
        "{members} persons in two offices: {cross}"
    );
    app.scroll_to("[data-testid=sync-packets]");
    app.screenshot("imported");

    app.scroll_to("[data-testid=sync]");
    app.screenshot("status");

    // The same packet again: refused, nothing changed.
    app.click("[data-testid=packet-import]");
    app.wait_for("[data-testid=packet-refused]").unwrap_or_else(|e| panic!("{e}"));
    let refused = app.text("[data-testid=packet-refused]").unwrap_or_default();
    assert!(refused.contains("ештеңе өзгерген жоқ"), "{refused}");
    assert!(!refused.contains("packet-replayed"), "translated: {refused}");
    app.scroll_to("[data-testid=packet-exchange]");
    app.screenshot("refused");

    // The same person in two offices: counted, opened, both records side by side, decided.
    app.wait_until("the sidebar counts the person in two offices", |app| {
        app.count("[data-testid=sync-cross-link]") == 1
    });
    app.click("[data-testid=sync-cross-link]");
    app.wait_for("[data-testid=cross-case][data-open=true]").unwrap_or_else(|e| panic!("{e}"));
    let shared = app.text("[data-testid=cross-shared]").unwrap_or_default();
    assert!(shared.contains("бірдей"), "what both share, in words: {shared}");
    let there = app.text("[data-testid=cross-there]").unwrap_or_default();
    assert!(there.contains("AKM01-"), "the other office's number: {there}");
    app.scroll_to("[data-testid=sync-cross]");
    app.screenshot("cross-case");
    app.click("[data-testid=cross-same]");
    app.wait_for("[data-testid=cross-problem]").unwrap_or_else(|e| panic!("{e}"));
    app.type_into("[data-testid=cross-reason]", "паспорт пен ЖСН бірдей, Ақмоламен сөйлестік");
    app.click("[data-testid=cross-same]");
    app.wait_until("the case is decided", |app| {
        app.count("[data-testid=cross-case][data-open=true]") == members - 1
    });
    app.wait_for("[data-testid=sync-notice]").unwrap_or_else(|e| panic!("{e}"));
    app.click("[data-testid=sync-cross-show-decided]");
    app.wait_for("[data-testid=cross-decision]").unwrap_or_else(|e| panic!("{e}"));
    let decided = app.text("[data-testid=cross-decision]").unwrap_or_default();
    assert!(decided.contains("clerk") && decided.contains("Бір адам"), "{decided}");
    app.scroll_to("[data-testid=cross-case][data-open=false]");
    app.screenshot("cross-decided");
    // The same in English.
    app.click("[data-testid=lang-en]");
    app.wait_for_text_containing("[data-testid=cross-decision]", "The same person");
    app.scroll_to("[data-testid=cross-case][data-open=true]");
    app.screenshot("cross-case-en");
    app.scroll_to("[data-testid=sync-packets]");
    app.screenshot("packets-en");
    drop(app);

    // The decision reaches AKM01 with the counter's next packet.
    let next = stick.join("counter-to-centre-2.otau");
    counter
        .run(&["--user", "admin", "packet", "export", "--out", &path_text(&next)], "")
        .unwrap_or_else(|e| panic!("{e}"));
    centre.packet_import(&next).unwrap_or_else(|e| panic!("{e}"));
    akm.run(&["--user", "admin", "sync"], "").unwrap_or_else(|e| panic!("{e}"));
    let theirs = json(
        &akm.run(&["--json", "--user", "admin", "sync", "duplicates", "--all"], "")
            .unwrap_or_default(),
    );
    let decided: Vec<&serde_json::Value> = theirs["cases"]
        .as_array()
        .map(|cases| cases.iter().filter(|c| !c["decision"].is_null()).collect())
        .unwrap_or_default();
    assert_eq!(decided.len(), 1, "{theirs}");
    assert_eq!(decided[0]["decision"]["decision"], "same_person", "{theirs}");
    assert_eq!(decided[0]["decision"]["office_code"], "DEMO01", "{theirs}");
}
