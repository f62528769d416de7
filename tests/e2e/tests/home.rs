//! End-to-end test of the home screen of a working office: the counts, the family that arrived
//! today at the top of the week's arrivals, the kandas statuses ending within 30 days (recorded
//! with the `otau` command line) and the recent work, each name opening its card.
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

use chrono::{Datelike, Days, Local, NaiveDate};
use otau_e2e::{App, CLERK};

fn days_ago(today: NaiveDate, days: u64) -> String {
    today.checked_sub_days(Days::new(days)).unwrap_or(today).to_string()
}

#[test]
fn the_home_screen_shows_todays_arrival_statuses_ending_soon_and_recent_work() {
    let today = Local::now().date_naive();
    let year = today.year();
    let mut app = App::start_office("home", &[], |otau| {
        otau.office()?;
        otau.demo(40)?;
        // Two statuses granted almost a year ago end within 30 days; one granted later does not.
        for (seq, granted) in [(1, 355), (5, 345), (9, 200)] {
            let regno = format!("PVL01-{year}-{seq:05}");
            otau.run(
                &[
                    "--user",
                    "admin",
                    "status",
                    "record",
                    &regno,
                    "--applied",
                    &days_ago(today, granted + 40),
                    "--recommended",
                    &days_ago(today, granted + 10),
                    "--recommendation",
                    "yes",
                    "--granted",
                    &days_ago(today, granted),
                ],
                "",
            )?;
        }
        let family = std::fs::read_to_string(otau_e2e::repo_root().join("tests/data/family.json"))
            .map_err(|e| otau_e2e::Error::new(format!("tests/data/family.json: {e}")))?;
        otau.add_family(&family.replace("2026-09-14", &today.to_string()))?;
        Ok(())
    });
    let (login, password, _) = CLERK;
    app.sign_in(login, password);

    app.wait_for_text("[data-testid=stat-families]", "41");
    app.wait_for_text("[data-testid=stat-due]", "2");
    app.wait_for_text_containing("[data-testid=home-arrivals] tbody tr:first-child", "Бүгін");
    app.wait_for_text_containing(
        "[data-testid=home-arrivals] tbody tr:first-child",
        "Сейітқали Нұрсұлтан",
    );
    assert_eq!(app.count("[data-testid=home-due] li"), 2);
    app.wait_for_text_containing("[data-testid=home-due] li:first-child", "күн қалды");
    app.wait_for_text_containing("[data-testid=home-work] tbody tr:first-child", "Отбасы тіркелді");
    app.wait_for_text_containing("[data-testid=home-work]", "Қандас мәртебесі жазылды");
    app.screenshot("office");

    // A status's name opens the card, where the status shows.
    app.click("[data-testid=home-due] li:first-child .link");
    app.wait_for_text("[data-testid=card-status-state]", "Берілді");
    app.screenshot("card-with-status");
}
