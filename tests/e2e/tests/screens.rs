//! Every screen of the app in the real window, at the two sizes an office's screens have
//! (1280×800 and the smallest the window allows, 1024×768): nothing scrolls sideways or is cut
//! off at the right, every element the Tab key reaches shows a focus ring, and axe-core finds
//! no violation of WCAG 2.1 A and AA. The administrator of the README's demo office (families,
//! payments awaiting approval and paid, documents) goes through them all from the sidebar, the
//! import screen with a file checked, office settings, and a family's card with a scan of a
//! passport; a screenshot of each at 1024×768 is kept.

// A test is an edge: it reads the clock to make the data it imports.
#![allow(clippy::disallowed_methods)]

use otau_core::old_register::{old_register, HEADINGS};
use otau_e2e::{App, Key};

/// The demo office administrator's password (`scripts/demo-office.sh`).
const DEMO_ADMIN_PASSWORD: &str = "admin-demo";

/// The window sizes checked, largest first.
const SIZES: [(u32, u32); 2] = [(1280, 800), (1024, 768)];

/// Checks the screen shown now at every size, then returns to the first size.
fn check(app: &mut App, screen: &str, problems: &mut Vec<String>) {
    for (width, height) in SIZES {
        app.resize(width, height);
        match app.sideways() {
            Ok(found) => problems
                .extend(found.into_iter().map(|p| format!("{screen} at {width}×{height}: {p}"))),
            Err(e) => problems.push(format!("{screen}: cannot measure: {e}")),
        }
        if width == SIZES[1].0 {
            app.screenshot(screen);
        }
    }
    match app.focus_without_ring(60) {
        // The sidebar alone has more than ten places to go; the sign-in screen has its form and
        // the languages.
        Ok((reached, _)) if reached < if screen == "sign-in" { 5 } else { 10 } => {
            problems.push(format!("{screen}: the Tab key reached only {reached} elements"))
        }
        Ok((_, found)) => {
            problems.extend(found.into_iter().map(|p| format!("{screen}: no focus ring on {p}")))
        }
        Err(e) => problems.push(format!("{screen}: cannot walk the focus: {e}")),
    }
    match app.accessibility_violations() {
        Ok(found) => problems.extend(found.into_iter().map(|p| format!("{screen}: {p}"))),
        Err(e) => problems.push(format!("{screen}: axe did not run: {e}")),
    }
    app.resize(SIZES[0].0, SIZES[0].1);
}

#[test]
fn every_screen_fits_both_window_sizes_and_passes_the_accessibility_check() {
    // The demo office of the README: families, subsidies awaiting approval, approved and paid,
    // documents issued.
    let mut app = App::start_office("screens", &[], |otau| {
        let binary = otau_e2e::otau_binary()?;
        let script = otau_e2e::repo_root().join("scripts/demo-office.sh");
        let out = std::process::Command::new("bash")
            .arg(&script)
            .arg(&binary)
            .arg(otau.db_path())
            .arg("30")
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(|e| otau_e2e::Error::new(format!("{}: {e}", script.display())))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(otau_e2e::Error::new(format!(
                "{} failed: {}",
                script.display(),
                String::from_utf8_lossy(&out.stderr)
            )))
        }
    });
    let mut problems = vec![];
    app.wait_for("#signin-login").unwrap_or_else(|e| panic!("no sign-in screen: {e}"));
    check(&mut app, "sign-in", &mut problems);
    app.sign_in("admin", DEMO_ADMIN_PASSWORD);
    // The version opens to show where the office's data is.
    app.click("[data-testid=about] summary");
    let db = app.db_path().to_string_lossy().into_owned();
    app.wait_for_text("[data-testid=about-data-path]", &db);
    check(&mut app, "home", &mut problems);

    // The sidebar's screens, each waited for by what it shows first.
    for (nav, shown) in [
        ("nav-find", "[data-testid=find-query]"),
        ("nav-register", "[data-testid=register-form]"),
        ("nav-casework", "[data-testid=casework-screen]"),
        ("nav-payments", "[data-testid=payments]"),
        ("nav-documents", "[data-testid=documents]"),
        ("nav-summary", "[data-testid=summary]"),
        ("nav-reference", "[data-testid=reference]"),
        ("nav-users", "[data-testid=users]"),
        ("nav-settings", "[data-testid=settings-form]"),
        ("nav-sync", "[data-testid=sync]"),
    ] {
        app.click(&format!("[data-testid={nav}]"));
        app.wait_for(shown).unwrap_or_else(|e| panic!("{nav} did not open {shown}: {e}"));
        check(&mut app, nav.trim_start_matches("nav-"), &mut problems);
    }

    // Import, with a file open and checked: its mapping table and refused rows are the widest.
    app.click("[data-testid=nav-register]");
    app.click("[data-testid=register-import]");
    app.wait_for("[data-testid=import-choose]").unwrap_or_else(|e| panic!("no import: {e}"));
    let register = old_register(5, 60, chrono::Local::now().date_naive());
    let mut csv = HEADINGS.join(";");
    for row in &register.rows {
        csv.push('\n');
        csv.push_str(&row.join(";"));
    }
    app.choose_file("[data-testid=import-file-input]", "тізілім.csv", csv.as_bytes());
    app.wait_for("[data-testid=import-mapping]").unwrap_or_else(|e| panic!("not opened: {e}"));
    app.type_into("[data-testid=import-default-settlement]", "Павлодар");
    app.click("[data-testid=import-check]");
    app.wait_for("[data-testid=import-refused-row]").unwrap_or_else(|e| panic!("no check: {e}"));
    check(&mut app, "import", &mut problems);

    // Found by name, then a family's card, its plan and its subsidies.
    app.click("[data-testid=nav-find]");
    app.type_into("[data-testid=find-query]", "Жұмабаев");
    app.wait_for("[data-testid=find-hit]").unwrap_or_else(|e| panic!("nothing found: {e}"));
    check(&mut app, "find-results", &mut problems);
    app.press("#find-query", Key::Enter);
    app.wait_for("[data-testid=person-card]").unwrap_or_else(|e| panic!("no card: {e}"));
    // With a scan of the passport on it.
    app.choose_file("[data-testid=scan-file]", "паспорт.png", &scan());
    app.wait_for("[data-testid=scan-thumb-img]").unwrap_or_else(|e| panic!("no scan: {e}"));
    check(&mut app, "card", &mut problems);
    app.wait_for("[data-testid=cw-open-plan]").unwrap_or_else(|e| panic!("{e}"));
    app.scroll_to("[data-testid=cw-open-plan]");
    app.click("[data-testid=cw-open-plan]");
    app.wait_for("[data-testid=plan-head]").unwrap_or_else(|e| panic!("no plan: {e}"));
    check(&mut app, "plan", &mut problems);
    app.click("[data-testid=nav-find]");
    app.type_into("[data-testid=find-query]", "Жұмабаев");
    app.wait_for("[data-testid=find-hit]").unwrap_or_else(|e| panic!("no results: {e}"));
    app.press("#find-query", Key::Enter);
    app.wait_for("[data-testid=person-card]").unwrap_or_else(|e| panic!("no card: {e}"));
    app.wait_for("[data-testid=card-open-subsidies]").unwrap_or_else(|e| panic!("{e}"));
    app.scroll_to("[data-testid=card-open-subsidies]");
    app.click("[data-testid=card-open-subsidies]");
    app.wait_for("[data-testid=subsidies]").unwrap_or_else(|e| panic!("no subsidies: {e}"));
    check(&mut app, "subsidies", &mut problems);

    if !problems.is_empty() {
        app.fail(&format!("{} problems:\n{}", problems.len(), problems.join("\n")));
    }
}

/// A scan of a passport page: a pale page with a photo and lines of text, as a PNG.
fn scan() -> Vec<u8> {
    let img = image::RgbImage::from_fn(900, 640, |x, y| {
        let photo = (60..280).contains(&x) && (160..460).contains(&y);
        let line = x > 330 && x < 840 && (y % 60) < 14 && y > 160;
        image::Rgb(if photo {
            [130, 140, 155]
        } else if line {
            [45, 50, 60]
        } else {
            [238, 242, 235]
        })
    });
    let mut out = std::io::Cursor::new(vec![]);
    if let Err(e) = img.write_to(&mut out, image::ImageFormat::Png) {
        panic!("the scan cannot be written: {e}");
    }
    out.into_inner()
}
