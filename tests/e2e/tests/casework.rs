//! End-to-end test of case work in the real window: a clerk opens a person's card, records the
//! kandas status granted about 11.5 months ago (so it ends within 30 days), sees the family's
//! quota inclusion refused over a small quota (set with the `otau` command line before) with the
//! places left in words, adds an item to the family's adaptation plan and records a service;
//! then the home screen and the case-work screen list the status ending soon.
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

use chrono::{Datelike, Days, Local, NaiveDate};
use otau_e2e::{App, Key, CLERK};

/// `today − days` as the forms show a date (`DD.MM.YYYY`).
fn typed(today: NaiveDate, days: u64) -> String {
    today.checked_sub_days(Days::new(days)).unwrap_or(today).format("%d.%m.%Y").to_string()
}

#[test]
fn a_clerk_records_a_status_a_refused_inclusion_a_plan_item_and_a_service() {
    let today = Local::now().date_naive();
    let year = today.year().to_string();
    let arrival = today.checked_sub_days(Days::new(400)).unwrap_or(today);
    let mut head = String::new();
    let mut app = App::start_office("casework", &[], |otau| {
        otau.office()?;
        let family = std::fs::read_to_string(otau_e2e::repo_root().join("tests/data/family.json"))
            .map_err(|e| otau_e2e::Error::new(format!("tests/data/family.json: {e}")))?;
        let added = otau.add_family(&family.replace("2026-09-14", &arrival.to_string()))?;
        head = added["family_regno"].as_str().unwrap_or_default().to_owned();
        // A quota of one person: the family of three does not fit.
        otau.run(
            &[
                "--user",
                "admin",
                "quota",
                "set",
                "--region",
                "KZ-55",
                "--year",
                &year,
                "--people",
                "1",
                "--from",
                &format!("{year}-01-01"),
            ],
            "",
        )?;
        Ok(())
    });
    let (login, password, _) = CLERK;
    app.sign_in(login, password);

    // The clerk finds the head and opens the card.
    app.click("[data-testid=nav-find]");
    app.wait_until("the search box has the focus", |app| app.focused() == "find-query");
    app.replace_text("Сейітқали Нұрсұлтан");
    app.wait_until("the head is found", |app| {
        app.attr("[data-testid=find-hit]", "data-regno").as_deref() == Some(head.as_str())
    });
    app.press("#find-query", Key::Enter);
    app.wait_for_text("[data-testid=cw-status-state]", "Мәртебесі жоқ");
    app.scroll_to("[data-testid=casework-panel]");
    app.screenshot("1-card-without-status");

    // The decision: applied, recommended, granted about 11.5 months ago.
    app.click("[data-testid=cw-action-status]");
    app.type_into("#cw-applied_on", &typed(today, 390));
    app.type_into("#cw-recommended_on", &typed(today, 365));
    app.click("#cw-recommendation option[value=recommended]");
    app.type_into("#cw-decided_on", &typed(today, 350));
    app.click("#cw-decision option[value=granted]");
    app.scroll_to("[data-testid=cw-form-status]");
    app.screenshot("2-status-form");
    app.click("[data-testid=cw-save]");
    app.wait_for_text("[data-testid=cw-status-state]", "Берілді");
    app.wait_for_text_containing("[data-testid=cw-saved]", "Мәртебе бойынша шешім сақталды.");
    app.wait_for_text_containing("[data-testid=cw-days-left]", "күн қалды");
    app.wait_for_text_containing("[data-testid=cw-stages]", &typed(today, 350));
    // The card itself is refreshed: its status block and history show the decision.
    app.wait_for_text("[data-testid=card-status-state]", "Берілді");
    app.wait_for_text_containing("[data-testid=card-history]", "Қандас мәртебесі жазылды");
    app.scroll_to("[data-testid=casework-panel]");
    app.screenshot("3-status-granted");

    // Inclusion in the quota of one: refused, with the one place left in words.
    app.click("[data-testid=cw-action-quota]");
    app.click("[data-testid=cw-save]");
    app.wait_for_text_containing("[data-testid=cw-people-error]", "небәрі 1 орын қалды");
    app.wait_for_text_containing("[data-testid=cw-people-error]", "3 адамды енгізуге болмайды");
    assert!(app.value("#cw-decided_on").contains(&year), "the typed date is kept");
    app.scroll_to("[data-testid=cw-form-quota]");
    app.screenshot("4-quota-refused");

    // The adaptation plan: an item and a service.
    app.click("[data-testid=cw-open-plan]");
    app.wait_for("[data-testid=plan-screen]").unwrap_or_else(|e| panic!("{e}"));
    app.click("[data-testid=plan-add-item]");
    app.click("#plan-area option[value=housing]");
    app.type_into("#plan-description", "Пәтер іздеу");
    app.type_into("#plan-due_date", &today.format("%d.%m.%Y").to_string());
    app.screenshot("5-plan-item-form");
    app.click("[data-testid=plan-save]");
    app.wait_for_text_containing("[data-testid=plan-saved]", "Жоспар тармағы қосылды.");
    app.wait_for_text_containing("[data-testid=plan-area-housing]", "Тұрғын үй іздеу");
    app.wait_for_text_containing("[data-testid=plan-item]", "Пәтер іздеу");
    app.click("[data-testid=plan-add-service]");
    app.click("#plan-kind option[value=legal_consultation]");
    app.click("#plan-plan_item option[value='1']");
    app.click("[data-testid=plan-save]");
    app.wait_for_text_containing("[data-testid=plan-saved]", "Қызмет жазылды.");
    app.wait_for_text_containing("[data-testid=plan-service]", "Заң кеңесі");
    app.wait_for_text_containing("[data-testid=plan-stay]", "Орталықта тұру");
    app.screenshot("6-plan");

    // Home: the status ends soon.
    app.click("[data-testid=nav-home]");
    app.wait_for_text_containing("[data-testid=home-due]", "Сейітқали Нұрсұлтан");
    app.screenshot("7-home-due");

    // The case-work screen lists it, with the quota and this month's service.
    app.click("[data-testid=nav-casework]");
    app.wait_for_text_containing("[data-testid=casework-due]", "Сейітқали Нұрсұлтан");
    let pavlodar = "[data-testid=casework-quota-row][data-region='KZ-55']";
    app.wait_for_text_containing(pavlodar, "Павлодар облысы");
    app.wait_for_text_containing("[data-testid=casework-services]", "Заң кеңесі");
    // Quota 1, none used (the inclusion was refused), 1 left, in force from 1 January.
    let cells = app.text(pavlodar).unwrap_or_default();
    let figures: Vec<&str> = cells.split(['\t', '\n']).map(str::trim).collect();
    let from = format!("01.01.{year}");
    assert!(figures.ends_with(&["1", "0", "1", from.as_str()]), "{cells:?}");
    assert_eq!(app.count("[data-testid=casework-set-quota]"), 0, "a clerk does not set quotas");
    app.screenshot("8-casework-screen");

    // Its name opens the card.
    app.click("[data-testid=casework-due-row] .link");
    app.wait_for_text("[data-testid=cw-status-state]", "Берілді");
}
