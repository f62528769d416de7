//! Who looked at whom (finding 6): every view of a person's card and every print of a document
//! about their family is logged with who and when, and the card shows it to a manager or an
//! administrator, never to a clerk.

use crate::documents::{DocFormat, IssueKind};
use crate::testkit::{at, desk, family, now};
use crate::Now;
use otau_store::access::AccessKind;
use otau_store::Role;

/// The moment `minutes` after the tests' moment, so the log's order shows.
fn later(minutes: i64) -> Now {
    Now { at: at() + chrono::Duration::minutes(minutes), today: now().today }
}

#[test]
fn finding_6_every_card_view_and_print_is_logged_with_who_and_when() {
    let (dir, desk) = desk();
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    let regno = desk.register_family(&family(), false, now()).expect("register").family_regno;
    desk.person_card(&regno, later(1)).expect("card");
    let folder = dir.path().join("docs");
    std::fs::create_dir_all(&folder).expect("folder");
    let paper = desk
        .issue_document(Some(&folder), IssueKind::Certificate, &regno, DocFormat::Pdf, later(2))
        .expect("certificate");
    desk.sign_in("bolat", "bolat-password").expect("manager");
    let card = desk.person_card(&regno, later(3)).expect("card");
    let log = card.viewed_by.expect("a manager sees who looked");
    assert_eq!(log.total, 3);
    let seen: Vec<(&str, AccessKind, &str, Option<&str>)> = log
        .entries
        .iter()
        .map(|e| (e.login.as_str(), e.kind, e.at.as_str(), e.detail.as_deref()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("bolat", AccessKind::Card, "2026-11-25T09:33:00.000Z", None),
            ("aigerim", AccessKind::Print, "2026-11-25T09:32:00.000Z", Some(paper.number.as_str())),
            ("aigerim", AccessKind::Card, "2026-11-25T09:31:00.000Z", None),
        ]
    );
    assert!(log.entries[1].family_wide, "a certificate is about the whole family");
    assert_eq!(log.entries[0].role, Role::Manager);
}

#[test]
fn finding_6_a_manager_sees_viewed_by_and_a_clerk_does_not() {
    let (_dir, desk) = desk();
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    let regno = desk.register_family(&family(), false, now()).expect("register").family_regno;
    for minute in 1..=25 {
        let card = desk.person_card(&regno, later(minute)).expect("card");
        assert_eq!(card.viewed_by, None, "a clerk never sees who looked");
    }
    desk.sign_in("admin", "admin-password").expect("administrator");
    let card = desk.person_card(&regno, later(30)).expect("card");
    let log = card.viewed_by.expect("an administrator sees who looked");
    // Limited on the card, with the count of all.
    assert_eq!(log.total, 26);
    assert_eq!(log.entries.len(), crate::desk::VIEWS_ON_CARD as usize);
    assert_eq!(log.entries[0].login, "admin");
    assert_eq!(log.entries[1].at, "2026-11-25T09:55:00.000Z");
    desk.sign_in("saule", "saule-password").expect("manager");
    let log = desk.person_card(&regno, later(31)).expect("card").viewed_by.expect("manager");
    assert_eq!((log.total, log.entries[0].login.as_str()), (27, "saule"));
    // The command the window calls refuses the signed-out desk as before.
    desk.sign_out().expect("sign out");
    assert!(desk.person_card(&regno, later(32)).is_err());
}
