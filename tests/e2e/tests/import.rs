//! End-to-end test of importing a spreadsheet in the real desktop window: a clerk opens Import
//! from the registration screen, chooses a 500-row XLSX of an office's old register with one row
//! in 25 broken, gives the settlement the file lacks, and the dry run lists every broken row
//! with its reason; she saves the refused rows to correct, imports with a progress bar, and the
//! families are found.

// A test is an edge: it reads the clock to make the data it imports.
#![allow(clippy::disallowed_methods)]

use otau_core::old_register::{old_register, OldRegister, HEADINGS};
use otau_e2e::{App, CLERK};

/// The register as an XLSX workbook, every cell as text, as an office types it.
fn xlsx(register: &OldRegister) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, heading) in (0u16..).zip(HEADINGS) {
        sheet.write_string(0, c, heading).unwrap_or_else(|e| panic!("heading: {e}"));
    }
    for (r, row) in (1u32..).zip(&register.rows) {
        for (c, cell) in (0u16..).zip(row) {
            if !cell.is_empty() {
                sheet.write_string(r, c, cell).unwrap_or_else(|e| panic!("cell: {e}"));
            }
        }
    }
    book.save_to_buffer().unwrap_or_else(|e| panic!("xlsx: {e}"))
}

/// Records every state of the progress bar while it is on the screen.
const WATCH_PROGRESS: &str = "
    window.progressSeen = [];
    new MutationObserver(() => {
        const text = document.querySelector('[data-testid=import-progress-text]');
        const bar = document.querySelector('[data-testid=import-progress] [role=progressbar]');
        if (text) window.progressSeen.push([text.textContent, bar && bar.getAttribute('aria-valuenow')]);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
";

#[test]
fn a_clerk_imports_a_500_row_spreadsheet_with_bad_rows_and_finds_the_families() {
    let docs = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a folder: {e}"));
    let docs_dir = docs.path().join("Otau documents");
    let docs_env = docs_dir.to_string_lossy().into_owned();
    let mut app =
        App::start_office("import", &[("OTAU_DOCS_DIR", &docs_env)], |otau| otau.office());
    let (login, password, _) = CLERK;
    app.sign_in(login, password);
    let today = chrono::Local::now().date_naive();
    let register = old_register(2026, 500, today);

    app.click("[data-testid=nav-register]");
    app.click("[data-testid=register-import]");
    app.wait_for("[data-testid=import-choose]").unwrap_or_else(|e| panic!("no import screen: {e}"));
    app.choose_file("[data-testid=import-file-input]", "тізілім 2025.xlsx", &xlsx(&register));
    app.wait_for_text_containing("[data-testid=import-opened]", "тізілім 2025.xlsx");
    app.wait_for_text_containing("[data-testid=import-opened]", "500");
    let surname = app.attr("[data-testid=import-column-surname]", "value");
    assert_eq!(surname.as_deref(), Some("Тегі"), "the mapping is suggested from the headings");
    app.screenshot("mapping");

    // The file has no settlement: the check names the field, then a default fills it.
    app.click("[data-testid=import-check]");
    app.wait_for_text_containing("[data-testid=import-refusal]", "Елді мекен");
    app.type_into("[data-testid=import-default-settlement]", "Павлодар");
    app.click("[data-testid=import-check]");
    app.wait_for("[data-testid=import-run]").unwrap_or_else(|e| panic!("no dry run: {e}"));
    let refused = app
        .execute(
            "return [...document.querySelectorAll('[data-testid=import-refused-row]')]
                .map((r) => Number(r.dataset.row));",
            vec![],
        )
        .unwrap_or_else(|e| panic!("cannot read the refused rows: {e}"));
    let refused: Vec<usize> = serde_json::from_value(refused).unwrap_or_default();
    for broken in &register.broken {
        assert!(refused.contains(broken), "row {broken} is listed as refused: {refused:?}");
    }
    let first = format!("[data-testid=import-refused-row][data-row=\"{}\"]", register.broken[0]);
    app.wait_for_text_containing(&first, "31.02.1990");
    app.screenshot("checked");

    app.click("[data-testid=import-save-refused]");
    app.wait_for_text_containing("[data-testid=import-refused-saved]", "тізілім 2025-refused.xlsx");
    assert!(docs_dir.join("тізілім 2025-refused.xlsx").is_file(), "saved in the documents folder");

    app.execute(WATCH_PROGRESS, vec![]).unwrap_or_else(|e| panic!("cannot watch: {e}"));
    app.click("[data-testid=import-run]");
    app.wait_for_text_containing("[data-testid=import-outcome]", "Не импортталды");
    let seen = app
        .execute("return window.progressSeen;", vec![])
        .unwrap_or_else(|e| panic!("cannot read the progress: {e}"));
    let seen: Vec<(String, Option<String>)> = serde_json::from_value(seen).unwrap_or_default();
    assert!(!seen.is_empty(), "a progress bar showed while importing");
    assert!(
        seen.iter().any(|(text, _)| text.contains("тіркелуде") || text.contains("тексерілуде")),
        "the bar said how far it was: {seen:?}"
    );
    app.screenshot("imported");

    // The families are in the registry: the head of the first registered is found by name.
    let head = app
        .execute(
            "return document.querySelector('[data-testid=import-family] td:nth-child(2)').textContent.trim();",
            vec![],
        )
        .unwrap_or_else(|e| panic!("cannot read the first family: {e}"));
    let head = head.as_str().unwrap_or_default().to_owned();
    assert!(!head.is_empty(), "the families registered are listed");
    app.click("[data-testid=nav-find]");
    app.type_into("[data-testid=find-query]", &head);
    let surname = head.split_whitespace().next().unwrap_or_default();
    app.wait_for_text_containing("[data-testid=find-results]", surname);
}
