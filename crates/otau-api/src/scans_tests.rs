//! Scans of identity documents from the card (issue 15): attached to a passport, shown as a
//! thumbnail, opened whole with the same bytes, refused by content and size with a translated
//! code, in the person's export, taken off the card, and carried by sync to another device of
//! the office.

use crate::commands::dispatch;
use crate::error::ApiResult;
use crate::testkit::{at, d, desk_with_folder, enrolled, family, joined, Centre, TODAY};
use crate::{Desk, Now};
use base64::prelude::{Engine, BASE64_STANDARD};
use serde_json::{json, Value};
use std::io::Cursor;

fn now() -> Now {
    Now { at: at(), today: d(TODAY) }
}

fn call(desk: &Desk, name: &str, args: Value) -> ApiResult<Value> {
    dispatch(desk, name, args, now()).unwrap_or_else(|| panic!("{name} is a command"))
}

/// A PNG of `side`×`side` pixels; `noise` makes it as large as a photo (it does not compress).
fn png(side: u32, noise: bool) -> Vec<u8> {
    let mut state: u32 = 0x9E37_79B9 ^ side;
    let img = image::RgbImage::from_fn(side, side, |x, y| {
        if noise {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let [a, b, c, _] = state.to_le_bytes();
            image::Rgb([a, b, c])
        } else {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
        }
    });
    let mut out = Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

/// Registers the example family; the head's regno and the id of their passport.
fn head_and_passport(desk: &Desk) -> (String, String) {
    let args = json!({ "form": family(), "allow_duplicates": false });
    let registered = call(desk, "register_family", args).expect("register");
    let regno = registered["members"][0]["regno"].as_str().unwrap_or_default().to_owned();
    let card = call(desk, "person_card", json!({ "regno": regno })).expect("card");
    let passport = card["person"]["documents"][0]["id"].as_str().unwrap_or_default().to_owned();
    (regno, passport)
}

fn attach(desk: &Desk, regno: &str, document: &str, name: &str, bytes: &[u8]) -> ApiResult<Value> {
    let args = json!({
        "regno": regno, "document_id": document, "file_name": name,
        "content_base64": BASE64_STANDARD.encode(bytes),
    });
    call(desk, "attach_scan", args)
}

#[test]
fn a_scan_attached_to_a_passport_shows_on_the_card_and_opens_with_the_same_bytes() {
    let (_dir, desk, folder) = desk_with_folder();
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    let (regno, passport) = head_and_passport(&desk);
    let bytes = png(900, false);
    let card = attach(&desk, &regno, &passport, "C:\\scans\\паспорт.png", &bytes).expect("attach");
    let scans = card["person"]["scans"].as_array().cloned().unwrap_or_default();
    assert_eq!(scans.len(), 1);
    let scan = &scans[0];
    assert_eq!(scan["document_id"], passport.as_str());
    assert_eq!((scan["kind"].as_str(), scan["width"].as_i64()), (Some("png"), Some(900)));
    assert_eq!(scan["file_name"], "паспорт.png");
    assert_eq!(scan["bytes"].as_u64(), Some(bytes.len() as u64));
    assert!(scan.get("content").is_none(), "the card carries no file");
    let thumbnail = BASE64_STANDARD.decode(scan["thumbnail"].as_str().unwrap_or_default());
    let thumbnail = image::load_from_memory(&thumbnail.expect("base64")).expect("a jpeg");
    assert_eq!((thumbnail.width(), thumbnail.height()), (240, 240));
    // The history says a scan was attached, without the file.
    let history = card["history"].as_array().cloned().unwrap_or_default();
    let attached = history.iter().find(|e| e["entity"] == "document_scan").expect("in history");
    assert!(attached["after"].get("content").is_none());
    assert!(attached["after"]["sha256"].is_string());
    // Opened whole: the same bytes.
    let id = scan["id"].as_str().unwrap_or_default();
    let opened = call(&desk, "open_scan", json!({ "scan_id": id })).expect("open");
    assert_eq!(opened["mime"], "image/png");
    let back = BASE64_STANDARD.decode(opened["content_base64"].as_str().unwrap_or_default());
    assert_eq!(back.expect("base64"), bytes);

    // In everything held about the person, with the file.
    desk.sign_out().expect("sign out");
    desk.sign_in("bolat", "bolat-password").expect("manager");
    let saved = call(&desk, "export_person", json!({ "regno": regno })).expect("export");
    let text =
        std::fs::read_to_string(folder.join(saved["file_name"].as_str().unwrap_or_default()));
    let export: Value = serde_json::from_str(&text.expect("saved")).expect("json");
    let kept = &export["document_scans"][0];
    assert_eq!(kept["content"].as_str(), Some(BASE64_STANDARD.encode(&bytes).as_str()));
    // Taken off the card: no longer shown, still in the export.
    let card = call(&desk, "remove_scan", json!({ "scan_id": id })).expect("remove");
    assert_eq!(card["person"]["scans"].as_array().map(Vec::len), Some(0));
    let refused = call(&desk, "remove_scan", json!({ "scan_id": id })).expect_err("again");
    assert_eq!(refused.code, "store-not-found");
    let saved = call(&desk, "export_person", json!({ "regno": regno })).expect("export");
    let text =
        std::fs::read_to_string(folder.join(saved["file_name"].as_str().unwrap_or_default()));
    let export: Value = serde_json::from_str(&text.expect("saved")).expect("json");
    assert_eq!(export["document_scans"][0]["removed_by"], "bolat");
}

#[test]
fn a_file_that_is_not_a_scan_is_refused_by_its_content_with_a_translated_message() {
    let (_dir, desk, _folder) = desk_with_folder();
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    let (regno, passport) = head_and_passport(&desk);
    let code_of = |name: &str, bytes: &[u8]| {
        let err = attach(&desk, &regno, &passport, name, bytes).expect_err(name);
        err.fields.first().map(|f| f.code.clone()).unwrap_or(err.code)
    };
    assert_eq!(code_of("passport.jpg", b"GIF89a\x01\x00\x01\x00\x80\x00\x00"), "scan-not-accepted");
    assert_eq!(code_of("passport.pdf", b"PK\x03\x04 a workbook renamed"), "scan-not-accepted");
    let mut cut = png(300, false);
    cut.truncate(cut.len() / 2);
    assert_eq!(code_of("cut.png", &cut), "scan-unreadable");
    let big = [b"%PDF-1.7\n".as_slice(), &vec![b' '; otau_core::scan::MAX_SCAN_BYTES]].concat();
    assert_eq!(code_of("big.pdf", &big), "scan-too-large");
    assert_eq!(code_of("empty.png", b""), "scan-empty");
    let err = call(
        &desk,
        "attach_scan",
        json!({ "regno": regno, "document_id": passport, "file_name": "a.png", "content_base64": "@@" }),
    )
    .expect_err("not base64");
    assert_eq!(err.code, "desk-import-not-received");
    let err =
        attach(&desk, &regno, "00000000-0000-7000-8000-000000000000", "a.png", &png(20, false))
            .expect_err("another document");
    assert_eq!(err.code, "store-not-found");
    // Nothing was kept.
    let card = call(&desk, "person_card", json!({ "regno": regno })).expect("card");
    assert_eq!(card["person"]["scans"].as_array().map(Vec::len), Some(0));
    for lang in otau_i18n::Lang::ALL {
        for code in [
            "scan-empty",
            "scan-too-large",
            "scan-not-accepted",
            "scan-unreadable",
            "scan-too-many-pixels",
            "scan-encrypted",
        ] {
            assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
        }
    }
}

#[test]
fn scans_larger_than_a_sync_page_reach_another_device_of_the_office_whole() {
    let centre = Centre::new();
    let (_a_dir, a) = enrolled(&centre);
    let (regno, passport) = head_and_passport(&a);
    // Five photos of about 3.6 MB each: more than one page of sync carries.
    let photos: Vec<Vec<u8>> = (0..5).map(|i| png(1090 + i, true)).collect();
    for (i, photo) in photos.iter().enumerate() {
        assert!(photo.len() > 3_500_000 && photo.len() <= otau_core::scan::MAX_SCAN_BYTES);
        attach(&a, &regno, &passport, &format!("photo-{i}.png"), photo).expect("attach");
    }
    a.sync_now(now()).expect("sync a");
    let (_b_dir, b) = joined(&centre);
    b.sync_now(now()).expect("sync b");
    let card = call(&b, "person_card", json!({ "regno": regno })).expect("card on b");
    let scans = card["person"]["scans"].as_array().cloned().unwrap_or_default();
    assert_eq!(scans.len(), 5);
    for (scan, photo) in scans.iter().zip(&photos) {
        let id = scan["id"].as_str().unwrap_or_default();
        let opened = call(&b, "open_scan", json!({ "scan_id": id })).expect("open on b");
        let back = BASE64_STANDARD.decode(opened["content_base64"].as_str().unwrap_or_default());
        assert!(back.expect("base64") == *photo, "{} arrived whole", scan["file_name"]);
    }
}
