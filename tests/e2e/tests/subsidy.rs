//! End-to-end test of subsidies in the real window: a clerk prepares a relocation subsidy for a
//! family that arrived today (status granted and quota decided with the `otau` command line),
//! sees its explanation before saving, and cannot approve her own decision; a manager approves
//! it, records the payment order, and the statement shows the paid line with its order number.
//! Then the office's payments screen lists the payment, and an administrator sees the MCI table
//! and the rules.
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

use chrono::Local;
use otau_e2e::{App, Error, CLERK};

const MANAGER: (&str, &str) = ("marat", "marat-password");
const ORDER: &str = "ПП-2026-0042";

/// The check digit of the first 11 digits of an IIN (weights 1..11, then 3..11,1,2).
fn check_digit(first11: &[u32]) -> Option<u32> {
    let pass = |shift: u32| -> u32 {
        (0u32..).zip(first11).map(|(i, d)| d * ((i + shift) % 11 + 1)).sum::<u32>() % 11
    };
    let first = pass(0);
    let digit = if first == 10 { pass(2) } else { first };
    (digit != 10).then_some(digit)
}

/// A valid IIN for a birth date `YYMMDD` and century-and-sex digit.
fn iin(yymmdd: &str, century_sex: u32) -> String {
    (1..10_000)
        .find_map(|serial| {
            let text = format!("{yymmdd}{century_sex}{serial:04}");
            let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
            check_digit(&digits).map(|c| format!("{text}{c}"))
        })
        .unwrap_or_default()
}

/// `tests/data/family.json` arriving today, every member with an IIN (payments need them).
fn family_arriving(today: &str) -> Result<String, Error> {
    let text = std::fs::read_to_string(otau_e2e::repo_root().join("tests/data/family.json"))
        .map_err(|e| Error::new(format!("tests/data/family.json: {e}")))?;
    let mut family: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Error::new(format!("family.json: {e}")))?;
    family["arrival_date"] = serde_json::json!(today);
    let iins = [None, Some(iin("881103", 4)), Some(iin("140227", 6))];
    if let Some(members) = family["members"].as_array_mut() {
        for (member, iin) in members.iter_mut().zip(iins) {
            if let Some(iin) = iin {
                member["iin"] = serde_json::json!(iin);
            }
        }
    }
    Ok(family.to_string())
}

/// Opens the card of the family that arrived today, then its subsidy screen.
fn open_family_subsidies(app: &mut App) {
    app.wait_for_text_containing("[data-testid=home-arrivals] tbody tr:first-child", "Сейітқали");
    app.click("[data-testid=home-arrivals] tbody tr:first-child .link");
    app.wait_for_text_containing("[data-testid=card-subsidies]", "Субсидиялар");
    app.scroll_to("[data-testid=card-subsidies]");
    app.screenshot("card-subsidies-panel");
    app.click("[data-testid=card-open-subsidies]");
    app.wait_for("[data-testid=subsidies]").unwrap_or_else(|e| panic!("subsidy screen: {e}"));
}

#[test]
fn a_clerk_prepares_a_relocation_subsidy_and_a_manager_approves_and_pays_it() {
    let today = Local::now().date_naive().to_string();
    let mut app = App::start_office("subsidy", &[], |otau| {
        otau.office()?;
        otau.run(
            &[
                "--user",
                "admin",
                "user",
                "add",
                "--password-stdin",
                "--login",
                "marat",
                "--role",
                "manager",
                "--full-name",
                "Марат Ахметов",
            ],
            "marat-password\n",
        )?;
        let added = otau.add_family(&family_arriving(&today)?)?;
        let regno = added["family_regno"].as_str().unwrap_or_default().to_owned();
        otau.run(
            &[
                "--user",
                "admin",
                "status",
                "record",
                &regno,
                "--applied",
                &today,
                "--recommended",
                &today,
                "--recommendation",
                "yes",
                "--granted",
                &today,
            ],
            "",
        )?;
        otau.run(&["--user", "admin", "quota", "include", &regno, "--on", &today], "")?;
        Ok(())
    });

    // The clerk opens the family: no subsidy yet.
    let (login, password, _) = CLERK;
    app.sign_in(login, password);
    open_family_subsidies(&mut app);
    app.wait_for("[data-testid=subsidy-none]").unwrap_or_else(|e| panic!("empty: {e}"));
    app.screenshot("clerk-family-without-subsidy");

    // She prepares a relocation subsidy: first the eligibility and the instalment explained.
    app.click("[data-testid=subsidy-prepare]");
    app.wait_for("[data-testid=prepare-form]").unwrap_or_else(|e| panic!("form: {e}"));
    app.click("[data-testid=prepare-check]");
    app.wait_for_text_containing("[data-testid=prepare-eligible]", "relocation-2023");
    // Three persons × 70 MCI × the MCI in force today.
    app.wait_for_text_containing("[data-testid=preview-explanation]", "3 адам × 70 АЕК ×");
    let explanation =
        app.text("[data-testid=preview-explanation]").unwrap_or_default().replace('\u{a0}', " ");
    assert!(explanation.contains(" ₸ = ") && explanation.ends_with('₸'), "{explanation}");
    app.screenshot("clerk-preview");
    app.click("[data-testid=prepare-save]");
    app.wait_for_text_containing("[data-testid=subsidy-message]", "-S-");
    app.wait_for_text("[data-testid=instalment-state]", "Бекітуді күтуде");
    app.wait_for_text_containing("[data-testid=instalment-explanation]", "3 адам × 70 АЕК ×");
    app.screenshot("clerk-prepared");

    // The clerk cannot approve her own decision: the store refuses, and the screen says why.
    app.click("[data-testid=decision-approve]");
    app.wait_for_text_containing("[data-testid=subsidy-message]", "рұқсат бермейді");
    app.wait_for_text("[data-testid=instalment-state]", "Бекітуді күтуде");
    app.screenshot("clerk-cannot-approve");
    app.click("[data-testid=sign-out]");

    // The manager sees it awaiting approval on the payments screen, then on the family's screen.
    app.sign_in(MANAGER.0, MANAGER.1);
    app.click("[data-testid=nav-payments]");
    app.wait_for_text_containing("[data-testid=payments-awaiting]", "aigerim");
    app.screenshot("manager-payments-awaiting");
    app.click("[data-testid=nav-home]");
    open_family_subsidies(&mut app);
    app.click("[data-testid=decision-approve]");
    app.wait_for_text("[data-testid=instalment-state]", "Бекітілді");
    app.wait_for_text_containing("[data-testid=subsidy-message]", "бекітілді");
    app.screenshot("manager-approved");

    // The payment order.
    app.click("[data-testid=decision-pay]");
    app.wait_for("[data-testid=pay-form]").unwrap_or_else(|e| panic!("pay form: {e}"));
    app.type_into("[data-testid=pay-order]", ORDER);
    app.screenshot("manager-pay-form");
    app.click("[data-testid=pay-save]");
    app.wait_for_text("[data-testid=instalment-state]", "Төленді");
    app.wait_for_text_containing("[data-testid=instalment-payment]", ORDER);
    app.wait_for_text_containing("[data-testid=ledger-order]", ORDER);
    assert_eq!(app.count("[data-testid=ledger-entry]"), 3, "accrued, approved, paid");
    app.wait_for_text_containing("[data-testid=totals-reconcile]", "сәйкес келеді");
    let paid = app.text("[data-testid=totals-paid]").unwrap_or_default().replace('\u{a0}', " ");
    assert!(paid.ends_with('₸') && !paid.starts_with('0'), "{paid}");
    app.scroll_to("[data-testid=subsidy-ledger]");
    app.screenshot("manager-paid-statement");

    // The payments screen lists the payment of this month.
    app.click("[data-testid=nav-payments]");
    app.wait_for_text_containing("[data-testid=payments-paid]", ORDER);
    app.wait_for_text_containing("[data-testid=payments-awaiting]", "Бекітуді күтетін төлем жоқ");
    app.scroll_to("[data-testid=payments-totals]");
    app.screenshot("manager-payments-paid");

    // The administrator's reference data: the MCI table and the rules.
    app.click("[data-testid=sign-out]");
    app.sign_in("admin", otau_e2e::ADMIN_PASSWORD);
    app.click("[data-testid=nav-reference]");
    app.wait_for_text_containing("[data-testid=reference-rules]", "relocation-2023");
    app.wait_for_text_containing("[data-testid=reference-mci]", "01.01.2026");
    app.screenshot("admin-reference-data");
}
