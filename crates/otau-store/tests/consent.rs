//! Consent after registration (issue 13, finding 7): a consent recorded later, its withdrawal,
//! a term that lapses, and no new document about a family while a member's consent is
//! withdrawn or lapsed.

mod common;

use chrono::NaiveDate;
use common::*;
use otau_core::consent::{ConsentBasis, ConsentStatus};
use otau_core::model::{ConsentInput, ConsentMethod, ConsentTerm};
use otau_core::Coded;
use otau_print::DocumentContent;
use otau_store::registry::consent::WithdrawalInput;
use otau_store::{Duplicates, Registered};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn registered(o: &mut TestOffice) -> Registered {
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register")
}

fn certificate(o: &mut TestOffice, regno: &str) -> Result<(), otau_store::StoreError> {
    let admin = o.admin.clone();
    let (family, data) = o.store.certificate_data(regno)?;
    o.store
        .issue_document(&ctx(&admin), Some(family), DocumentContent::Certificate(data), |_| Ok(()))
        .map(|_| ())
}

#[test]
fn finding_7_a_child_is_covered_by_a_representatives_consent() {
    let mut o = office();
    let reg = registered(&mut o);
    let (head, child) = (&reg.members[0], &reg.members[2]);
    let view = o.store.person(&child.regno).expect("child");
    let latest = view.latest_consent().expect("a recorded reason");
    assert_eq!(latest.basis, ConsentBasis::Minor);
    assert_eq!(latest.covered_by, Some(head.id), "the head's consent covers the child");
    assert_eq!(view.consent_standing(today()).status, ConsentStatus::Covered);
    // The edit form gives the representative back by their place in the family.
    let family = o.store.family(&child.regno).expect("family").as_input();
    assert_eq!(family.members[2].no_consent.as_ref().and_then(|n| n.covered_by), Some(0));
}

#[test]
fn finding_7_a_withdrawal_is_recorded_and_shown() {
    let mut o = office();
    let reg = registered(&mut o);
    let clerk = o.clerk("aigerim");
    let spouse = &reg.members[1];
    certificate(&mut o, &reg.family_regno).expect("a certificate while consent holds");

    let withdrawal = WithdrawalInput {
        withdrawn_on: d("2026-11-20"),
        method: ConsentMethod::SignedForm,
        note: Some("Өтініш №17".into()),
    };
    // Not in the future, not before the consent.
    let future = WithdrawalInput { withdrawn_on: d("2026-11-26"), ..withdrawal.clone() };
    let err = o.store.withdraw_consent(&ctx(&clerk), &spouse.regno, &future).expect_err("future");
    assert_eq!(err.field_errors()[0].code, "date-in-future");
    let early = WithdrawalInput { withdrawn_on: d("2026-09-13"), ..withdrawal.clone() };
    let err = o.store.withdraw_consent(&ctx(&clerk), &spouse.regno, &early).expect_err("early");
    assert_eq!(err.field_errors()[0].code, "consent-withdrawn-before-given");

    let view =
        o.store.withdraw_consent(&ctx(&clerk), &spouse.regno, &withdrawal).expect("withdraw");
    let w = view.latest_withdrawal().expect("recorded");
    assert_eq!((w.withdrawn_on, w.method), (d("2026-11-20"), ConsentMethod::SignedForm));
    assert_eq!(w.received_by, "aigerim");
    let standing = view.consent_standing(today());
    assert_eq!(standing.status, ConsentStatus::Withdrawn);
    assert_eq!(standing.since, Some(d("2026-11-20")));
    // In the history, as any change, and once only.
    let history = o.store.audit_for(&spouse.regno).expect("audit");
    assert!(history.iter().any(|e| e.action == "consent.withdraw" && e.user_login == "aigerim"));
    let again =
        o.store.withdraw_consent(&ctx(&clerk), &spouse.regno, &withdrawal).expect_err("twice");
    assert_eq!(again.code(), "store-consent-nothing-to-withdraw");

    // No new paper about the family, naming whose consent was withdrawn.
    let err = certificate(&mut o, &reg.family_regno).expect_err("refused after a withdrawal");
    assert_eq!(err.code(), "store-consent-not-in-force");
    assert_eq!(err.args().get("regno"), Some(&spouse.regno));
    assert_eq!(err.args().get("state").map(String::as_str), Some("withdrawn"));

    // A consent given again is in force again, and papers can be issued.
    let again = ConsentInput::signed_form(d("2026-11-24"));
    let view = o.store.record_consent(&ctx(&clerk), &spouse.regno, &again).expect("consent again");
    assert_eq!(view.consent_standing(today()).status, ConsentStatus::InForce);
    assert_eq!(view.withdrawals.len(), 1, "the withdrawal stays in the record");
    certificate(&mut o, &reg.family_regno).expect("a certificate once consent is given again");
}

#[test]
fn finding_7_a_lapsed_consent_is_shown_as_lapsed() {
    let mut o = office();
    let reg = registered(&mut o);
    let head = &reg.members[0];
    let admin = o.admin.clone();
    let short = ConsentInput {
        term: ConsentTerm::UntilDate,
        valid_until: Some(d("2026-11-24")),
        ..ConsentInput::signed_form(d("2026-10-01"))
    };
    let view = o.store.record_consent(&ctx(&admin), &head.regno, &short).expect("record");
    let latest = view.latest_consent().expect("latest");
    assert_eq!(latest.term, Some(ConsentTerm::UntilDate));
    let on_its_last_day = view.consent_standing(d("2026-11-24"));
    assert_eq!(on_its_last_day.status, ConsentStatus::InForce);
    let lapsed = view.consent_standing(today());
    assert_eq!(lapsed.status, ConsentStatus::Lapsed);
    assert_eq!(lapsed.since, Some(d("2026-11-24")), "expired on its last day");
    let err = certificate(&mut o, &reg.family_regno).expect_err("refused after a lapse");
    assert_eq!(err.code(), "store-consent-not-in-force");
    assert_eq!(err.args().get("state").map(String::as_str), Some("lapsed"));
    // A term that ends before it starts is refused.
    let wrong = ConsentInput { valid_until: Some(d("2026-09-30")), ..short };
    let err = o.store.record_consent(&ctx(&admin), &head.regno, &wrong).expect_err("refused");
    assert_eq!(err.field_errors()[0].field, "consent.valid_until");
}

#[test]
fn finding_7_registration_without_consent_or_a_reason_is_refused_naming_the_person() {
    let mut o = office();
    let admin = o.admin.clone();
    let mut family = example_family();
    family.members[2].no_consent = None;
    let err = o.store.register_family(&ctx(&admin), &family, Duplicates::Refuse).expect_err("no");
    let e = &err.field_errors()[0];
    assert_eq!((e.field.as_str(), e.code.as_str()), ("members[2].consent", "consent-required"));
    assert_eq!(e.args.get("name").map(String::as_str), Some("Нұрсұлтанқызы Ұлжан"));
    assert_eq!(o.counts().1, 0, "nobody registered");
}
