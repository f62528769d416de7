//! End-to-end test of documents in the real window: a clerk issues a family's registration
//! certificate from its card (the PDF is saved in `OTAU_DOCS_DIR` and says the family's name and
//! the document's number), the document is in the register; a manager voids it with a reason and
//! the register shows it voided; a pasted QR text that is not an Otau code checks as tampered;
//! the manager saves last month's summary as XLSX and PDF and closes the month.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::prelude::Engine as _;
use otau_e2e::{App, Key, CLERK};

/// The text of a PDF, by `pdftotext`.
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext: {e}"));
    assert!(
        out.status.success(),
        "pdftotext {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first page of a PDF as a PNG at 60 dpi in the artefacts folder, for looking at.
fn render_page(pdf: &Path, label: &str) -> PathBuf {
    let dir = otau_e2e::artefacts_dir();
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot make {}: {e}", dir.display()));
    let prefix = dir.join(format!("documents-{label}"));
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap_or_else(|e| panic!("cannot run pdftoppm: {e}"));
    assert!(status.success(), "pdftoppm {}", pdf.display());
    prefix.with_extension("png")
}

/// The saved file the notice names, once it shows, checked to exist with the given ending.
fn saved_path(app: &mut App, ending: &str) -> PathBuf {
    app.wait_until(&format!("a saved {ending} file is shown"), |app| {
        app.text("[data-testid=doc-saved-path]").is_ok_and(|t| t.ends_with(ending))
    });
    let path = PathBuf::from(app.text("[data-testid=doc-saved-path]").unwrap_or_default());
    if !path.is_file() {
        app.fail(&format!("{} was not saved", path.display()));
    }
    path
}

#[test]
fn a_certificate_is_issued_registered_voided_and_the_month_summarised_and_closed() {
    let docs = tempfile::tempdir().unwrap_or_else(|e| panic!("cannot make a folder: {e}"));
    let docs_dir = docs.path().join("Otau documents");
    let docs_env = docs_dir.to_string_lossy().into_owned();
    let mut head = String::new();
    let mut app = App::start_office("documents", &[("OTAU_DOCS_DIR", &docs_env)], |otau| {
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
        otau.demo(12)?;
        let family = std::fs::read_to_string(otau_e2e::repo_root().join("tests/data/family.json"))
            .map_err(|e| otau_e2e::Error::new(format!("tests/data/family.json: {e}")))?;
        let added = otau.add_family(&family)?;
        head = added["family_regno"].as_str().unwrap_or_default().to_owned();
        Ok(())
    });

    // The clerk opens the family's card and issues its registration certificate.
    let (login, password, _) = CLERK;
    app.sign_in(login, password);
    app.chord(Key::Control, 'k');
    app.wait_until("the search box has the focus", |app| app.focused() == "find-query");
    app.replace_text("Сейітқали Нұрсұлтан");
    app.wait_until("the head is found", |app| {
        app.attr("[data-testid=find-hit]", "data-regno").as_deref() == Some(head.as_str())
    });
    app.keys(&char::from(Key::Enter).to_string());
    app.wait_for_text("[data-testid=card-regno]", &head);
    app.wait_for_text_containing(
        "[data-testid=card-documents]",
        "Бұл отбасына әлі құжат берілмеген",
    );
    app.scroll_to("[data-testid=card-documents]");
    app.screenshot("card-before");

    app.click("[data-testid=doc-issue-certificate]");
    let certificate = saved_path(&mut app, ".pdf");
    app.wait_for("[data-testid=doc-row]").unwrap_or_else(|e| panic!("{e}"));
    let number = app.attr("[data-testid=doc-row]", "data-number").unwrap_or_default();
    assert!(number.starts_with("PVL01-") && number.contains("-D0"), "number {number:?}");
    assert!(
        certificate.starts_with(&docs_dir),
        "{} is in the documents folder",
        certificate.display()
    );
    assert_eq!(
        certificate.file_name().and_then(|n| n.to_str()),
        Some(format!("{number}.pdf").as_str())
    );
    app.wait_for_text_containing("[data-testid=doc-saved]", &number);
    app.wait_for_text_containing("[data-testid=doc-row] [data-testid=doc-status]", "Берілді");
    app.scroll_to("[data-testid=card-documents]");
    app.screenshot("card-certificate-issued");

    // Printed from the window: the system's print dialog is replaced here by a recorder of
    // what the print-only view holds when it is called (under Xvfb nobody could answer it).
    app.execute(
        "window.__printed = [];\
         window.print = () => window.__printed.push(Array.from(\
           document.querySelectorAll('#print-view img'),\
           (img) => ({ alt: img.alt, width: img.naturalWidth, height: img.naturalHeight, src: img.src })));",
        vec![],
    )
    .unwrap_or_else(|e| panic!("cannot watch the print dialog: {e}"));
    app.click("[data-testid=doc-print]");
    app.wait_until("the certificate is sent to the print dialog", |app| {
        app.execute("return window.__printed.length;", vec![]).ok() == Some(serde_json::json!(1))
    });
    let printed = app.execute("return window.__printed[0];", vec![]).unwrap_or_default();
    let pages = printed.as_array().cloned().unwrap_or_default();
    assert_eq!(pages.len(), 1, "one page of the certificate: {printed}");
    assert_eq!(pages[0]["alt"], format!("{number}.pdf 1/1"));
    // Drawn by pdf.js at 144 dpi: an A4 page is 1191 × 1684 pixels.
    let (width, height) =
        (pages[0]["width"].as_u64().unwrap_or(0), pages[0]["height"].as_u64().unwrap_or(0));
    assert!((1180..1200).contains(&width) && (1675..1695).contains(&height), "{printed}");
    assert_eq!(app.count("#print-view img"), 0, "the print view is emptied after the dialog");
    // The page as it went to the printer, kept beside the screenshots to be looked at.
    let png = pages[0]["src"].as_str().and_then(|src| src.strip_prefix("data:image/png;base64,"));
    let png = png.and_then(|b64| base64::prelude::BASE64_STANDARD.decode(b64).ok());
    let png = png.unwrap_or_else(|| panic!("the printed page is a PNG"));
    let dir = otau_e2e::artefacts_dir();
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("documents-printed-page.png"), png))
        .unwrap_or_else(|e| panic!("cannot keep the printed page: {e}"));

    let text = pdf_text(&certificate);
    assert!(text.contains("Сейітқали Нұрсұлтан"), "the certificate names the family:\n{text}");
    assert!(text.contains(&number), "the certificate carries its number:\n{text}");
    let page = render_page(&certificate, "certificate");
    assert!(page.is_file(), "{} rendered", page.display());

    // The document is in the register, found by the head's name.
    app.click("[data-testid=nav-documents]");
    app.wait_for(&format!("[data-testid=doc-register-row][data-number='{number}']"))
        .unwrap_or_else(|e| panic!("{e}"));
    app.type_into("[data-testid=doc-search]", "Сейітқали");
    app.wait_until("the search keeps the certificate only", |app| {
        app.count("[data-testid=doc-register-row]") == 1
            && app.attr("[data-testid=doc-register-row]", "data-number").as_deref()
                == Some(number.as_str())
    });
    assert_eq!(app.count("[data-testid=doc-void]"), 0, "a clerk may not void");
    app.screenshot("register-clerk");

    // The manager voids it with a reason; it stays in the register, voided.
    app.click("[data-testid=sign-out]");
    app.sign_in("marat", "marat-password");
    app.click("[data-testid=nav-documents]");
    let row = format!("[data-testid=doc-register-row][data-number='{number}']");
    app.wait_for(&format!("{row} [data-testid=doc-void]")).unwrap_or_else(|e| panic!("{e}"));
    app.click(&format!("{row} [data-testid=doc-void]"));
    app.wait_for("[data-testid=void-reason]").unwrap_or_else(|e| panic!("{e}"));
    app.click("[data-testid=void-confirm]");
    app.wait_for_text_containing("[data-testid=void-error]", "себебін");
    app.type_into("[data-testid=void-reason]", "Мекенжайы қате жазылған");
    app.screenshot("void-reason");
    app.click("[data-testid=void-confirm]");
    app.wait_for(&format!("{row} [data-testid=doc-status][data-status=voided]"))
        .unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text_containing(
        &format!("{row} [data-testid=doc-void-reason]"),
        "Мекенжайы қате жазылған",
    );
    app.wait_for_text_containing("[data-testid=doc-notice]", &number);

    // A text that is not an Otau code is not a valid document.
    app.type_into("[data-testid=verify-payload]", "OTAU1|PVL01|CERT|forged");
    app.click("[data-testid=verify-run]");
    app.wait_until("the check answers tampered", |app| {
        app.attr("[data-testid=verify-result]", "data-status").as_deref() == Some("tampered")
    });
    app.wait_for_text_containing("[data-testid=verify-result]", "Жарамсыз");
    app.screenshot("register-voided");

    // The monthly summary of last month, saved as XLSX and PDF, then the month closed.
    app.click("[data-testid=nav-summary]");
    app.wait_for("[data-testid=summary-figures]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for("[data-testid=summary-state][data-closed=false]")
        .unwrap_or_else(|e| panic!("{e}"));
    app.screenshot("summary");
    app.click("[data-testid=summary-xlsx]");
    let xlsx = saved_path(&mut app, ".xlsx");
    let bytes = std::fs::read(&xlsx).unwrap_or_default();
    assert!(bytes.starts_with(b"PK"), "{} is a spreadsheet", xlsx.display());
    app.click("[data-testid=summary-pdf]");
    let summary = saved_path(&mut app, ".pdf");
    assert!(pdf_text(&summary).contains("PVL01"), "the summary names the office");
    render_page(&summary, "summary");
    app.click("[data-testid=summary-close]");
    app.wait_for("[data-testid=summary-close-confirm]").unwrap_or_else(|e| panic!("{e}"));
    app.screenshot("summary-close-confirm");
    app.click("[data-testid=summary-close-confirm]");
    app.wait_for("[data-testid=summary-state][data-closed=true]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text_containing("[data-testid=summary-state]", "Марат Ахметов");
    assert_eq!(app.count("[data-testid=summary-close]"), 0, "a closed month is not closed again");
    app.screenshot("summary-closed");
}
