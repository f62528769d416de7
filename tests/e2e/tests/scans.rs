//! End-to-end test of scans of identity documents in the real window: a clerk opens a person's
//! card, attaches a photo of the passport from the file chooser, sees its thumbnail on the card,
//! opens it whole, and a file that is not a scan, whatever its name, is refused in words.
#![allow(clippy::disallowed_methods)]

use otau_e2e::{App, Key, CLERK};

/// A photo of a passport page as a phone takes it: a pale page, a portrait, lines of text.
fn passport_photo() -> Vec<u8> {
    let (w, h) = (1400u32, 1000u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let photo = (90..430).contains(&x) && (260..720).contains(&y);
        let line = x > 500 && x < 1300 && (y % 90) < 22 && y > 250 && y < 900;
        let header = y < 160;
        let rgb = if photo {
            [120, 132, 150]
        } else if line {
            [40, 48, 60]
        } else if header {
            [30, 77, 123]
        } else {
            [235, 240, 232]
        };
        image::Rgb(rgb)
    });
    let mut out = vec![];
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88)
        .encode_image(&img)
        .expect("a jpeg");
    out
}

#[test]
fn a_scan_attached_to_a_passport_shows_on_the_card_and_opens_whole() {
    let mut head = String::new();
    let mut app = App::start_office("scans", &[], |otau| {
        otau.office()?;
        let family = std::fs::read_to_string(otau_e2e::repo_root().join("tests/data/family.json"))
            .map_err(|e| otau_e2e::Error::new(format!("tests/data/family.json: {e}")))?;
        let added = otau.add_family(&family)?;
        head = added["family_regno"].as_str().unwrap_or_default().to_owned();
        Ok(())
    });
    let (login, password, _) = CLERK;
    app.sign_in(login, password);
    app.chord(Key::Control, 'k');
    app.wait_until("the search box has the focus", |app| app.focused() == "find-query");
    app.replace_text("850412310211");
    app.wait_until("the head is found", |app| {
        app.attr("[data-testid=find-hit]", "data-regno").as_deref() == Some(head.as_str())
    });
    app.keys(&char::from(Key::Enter).to_string());
    app.wait_for_text("[data-testid=card-regno]", &head);
    app.wait_for_text_containing("[data-testid=document-scans]", "Әзірге скан тіркелмеген");

    // A text file named like a photo is refused by its content.
    app.choose_file("[data-testid=scan-file]", "паспорт.jpg", b"not a photo at all");
    app.wait_for_text_containing("[data-testid=scan-refused]", "JPEG, PNG немесе PDF емес");
    assert_eq!(app.count("[data-testid=scan-thumb]"), 0);

    let photo = passport_photo();
    app.choose_file("[data-testid=scan-file]", "паспорт.jpg", &photo);
    app.wait_for("[data-testid=scan-thumb-img]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text_containing("[data-testid=document-scans]", "Скан тіркелді");
    app.wait_for_text_containing("[data-testid=document-scans]", "1400×1000");
    // The thumbnail is a real picture the window decoded, of the photo's shape.
    app.wait_until("the thumbnail is decoded", |app| {
        let size = app.execute(
            "const img = document.querySelector('[data-testid=scan-thumb-img]');\
             return img && img.complete ? [img.naturalWidth, img.naturalHeight] : null;",
            vec![],
        );
        let (w, h) = match size {
            Ok(v) => (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0)),
            Err(_) => (0, 0),
        };
        w == 240 && (170..=172).contains(&h)
    });
    app.wait_for_text_containing("[data-testid=history-item]", "Скан тіркелді");
    app.scroll_to("[data-testid=document-scans]");
    app.screenshot("card-with-scan");

    // Opened whole: the photo as it was taken.
    app.click("[data-testid=scan-thumb]");
    app.wait_for("[data-testid=scan-viewer]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_until("the photo is shown whole", |app| {
        let size = app.execute(
            "const img = document.querySelector('[data-testid=scan-page]');\
             return img && img.complete ? [img.naturalWidth, img.naturalHeight] : null;",
            vec![],
        );
        matches!(size, Ok(v) if v == serde_json::json!([1400, 1000]))
    });
    app.screenshot("scan-viewer");
    let violations = app.accessibility_violations().unwrap_or_else(|e| panic!("axe-core: {e}"));
    assert!(violations.is_empty(), "the viewer: {violations:?}");
    // Modal: Tab goes round the viewer's own buttons.
    for _ in 0..4 {
        app.keys(&char::from(Key::Tab).to_string());
        let inside = app.execute(
            "return !!document.activeElement?.closest('[data-testid=scan-viewer]');",
            vec![],
        );
        assert_eq!(inside.ok(), Some(serde_json::json!(true)), "the focus left the viewer");
    }
    app.keys(&char::from(Key::Escape).to_string());
    app.wait_until("the viewer closes", |app| app.count("[data-testid=scan-viewer]") == 0);
    let back = app.execute("return document.activeElement?.dataset?.testid ?? null;", vec![]);
    assert_eq!(
        back.ok(),
        Some(serde_json::json!("scan-thumb")),
        "the focus went back to the thumbnail"
    );
}
