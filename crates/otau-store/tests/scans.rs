//! Scans of identity documents in the store (issue 15): attached to a person's document, read
//! back whole, checked by `audit verify` like every record; a scan's content changed behind the
//! store's back is refused when opened and named by the audit.

mod common;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use common::*;
use otau_store::Duplicates;

/// A small PNG of `side` pixels a side.
fn png(side: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(side, side, |x, y| image::Rgb([x as u8, y as u8, 77]));
    let mut out = std::io::Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Png).expect("png");
    out.into_inner()
}

/// An office with the example family: its administrator, the head's regno and passport.
fn office_with_a_passport() -> (TestOffice, otau_store::Actor, String, uuid::Uuid) {
    let mut o = office();
    let admin = o.admin.clone();
    let reg = o
        .store
        .register_family(&ctx(&admin), &example_family(), Duplicates::Refuse)
        .expect("register");
    let head = reg.members[0].regno.clone();
    let passport = o.store.person(&head).expect("person").documents[0].id;
    (o, admin, head, passport)
}

#[test]
fn a_scan_changed_behind_the_stores_back_is_refused_when_opened_and_named_by_the_audit() {
    let (mut o, admin, head, passport) = office_with_a_passport();
    let bytes = png(120);
    let view = o
        .store
        .attach_scan(&ctx(&admin), &head, passport, Some("passport.png"), &bytes)
        .expect("attach");
    let scan = view.scans[0].id;
    assert_eq!(o.store.open_scan(&ctx(&admin), scan).expect("open").content, bytes);
    let report = o.store.verify_audit(at()).expect("verify");
    assert_eq!(report.findings, vec![], "clean with a scan");

    // Someone with the file swaps the picture, guards dropped.
    let conn = rusqlite::Connection::open(o.path()).expect("open the file");
    conn.execute_batch("DROP TRIGGER document_scans_content_kept").expect("drop the guard");
    conn.execute(
        "UPDATE document_scans SET content = ?1 WHERE id = ?2",
        rusqlite::params![BASE64.encode(png(60)), scan.to_string()],
    )
    .expect("swap");
    drop(conn);
    let refused = o.store.open_scan(&ctx(&admin), scan).expect_err("refused");
    assert!(matches!(refused, otau_store::StoreError::Corrupt(_)), "{refused:?}");
    let report = o.store.verify_audit(at()).expect("verify");
    let named = report.findings.iter().any(|f| {
        f.code == "audit-state-differs"
            && f.table.as_deref() == Some("document_scans")
            && f.field.as_deref() == Some("content")
    });
    assert!(named, "{:?}", report.findings);
}

#[test]
fn a_scan_is_never_overwritten_or_deleted_through_sql() {
    let (mut o, admin, head, passport) = office_with_a_passport();
    o.store.attach_scan(&ctx(&admin), &head, passport, None, &png(40)).expect("attach");
    let conn = o.store.raw_connection();
    assert!(conn.execute("DELETE FROM document_scans", []).is_err(), "deleted");
    assert!(conn.execute("UPDATE document_scans SET sha256 = 'x'", []).is_err(), "rewritten");
    assert!(conn.execute("UPDATE document_scans SET person_id = 'x'", []).is_err(), "moved");
}
