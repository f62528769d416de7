//! Consent from the card (issue 13, finding 7): a child registered as covered by the head's
//! consent, a withdrawal recorded and shown, no new paper afterwards, and everything held about
//! a person saved in the documents folder by a manager only.

use crate::commands::dispatch;
use crate::error::ApiResult;
use crate::testkit::{at, d, desk_with_folder, family_of, head, TODAY};
use crate::{Desk, Now};
use otau_core::consent::ConsentBasis;
use otau_core::model::Relation;
use serde_json::{json, Value};
use std::path::PathBuf;

fn now() -> Now {
    Now { at: at(), today: d(TODAY) }
}

fn call(desk: &Desk, name: &str, args: Value) -> ApiResult<Value> {
    dispatch(desk, name, args, now()).unwrap_or_else(|| panic!("{name} is a command"))
}

fn sign_in(desk: &Desk, login: &str) {
    let args = json!({ "login": login, "password": format!("{login}-password") });
    call(desk, "sign_in", args).expect("sign in");
}

/// The example head and a daughter of 12, covered by the head's consent: the regnos.
fn registered(desk: &Desk) -> (String, String) {
    let mut child = head();
    child.relation = Relation::Child;
    child.given_name = "Ұлжан".into();
    child.given_name_latin = "ULZHAN".into();
    child.birth_date = "27.02.2014".into();
    child.sex = Some(otau_core::model::Sex::Female);
    child.iin = String::new();
    child.phone = String::new();
    child.document.number = "FA2233447".into();
    child.consent.basis = Some(ConsentBasis::Minor);
    child.consent.covered_by = Some(0);
    let args = json!({ "form": family_of(vec![head(), child]), "allow_duplicates": false });
    let registered = call(desk, "register_family", args).expect("register");
    let regno =
        |i: usize| registered["members"][i]["regno"].as_str().unwrap_or_default().to_owned();
    (regno(0), regno(1))
}

#[test]
fn finding_7_a_child_is_covered_by_a_representatives_consent() {
    let (_dir, desk, _folder) = desk_with_folder();
    sign_in(&desk, "aigerim");
    let (head, child) = registered(&desk);
    let card = call(&desk, "person_card", json!({ "regno": child })).expect("card");
    assert_eq!(card["consent"]["status"], "covered");
    assert_eq!(card["covered_by"]["regno"], head.as_str());
    assert_eq!(card["form"]["consent"]["basis"], "minor");
    assert_eq!(card["form"]["consent"]["covered_by"], 0);
}

#[test]
fn finding_7_a_withdrawal_is_recorded_and_shown() {
    let (_dir, desk, _folder) = desk_with_folder();
    sign_in(&desk, "aigerim");
    let (head, _) = registered(&desk);
    let form = json!({ "withdrawn_on": "20.11.2026", "method": "eds", "note": "" });
    let card =
        call(&desk, "withdraw_consent", json!({ "regno": head, "form": form })).expect("withdraw");
    assert_eq!(card["consent"]["status"], "withdrawn");
    assert_eq!(card["consent"]["since"], "2026-11-20");
    assert_eq!(card["person"]["withdrawals"][0]["received_by"], "aigerim");
    assert_eq!(card["person"]["withdrawals"][0]["method"], "eds");
    assert!(card["history"]
        .as_array()
        .is_some_and(|h| h.iter().any(|e| e["entity"] == "consent_withdrawal")));
    // No new paper about the family while it is so.
    let args = json!({ "kind": "certificate", "subject": head, "format": "pdf" });
    let refused = call(&desk, "issue_document", args).expect_err("refused");
    assert_eq!(refused.code, "store-consent-not-in-force");
    // A consent given again from the card.
    let mut consent = crate::form::ConsentForm::blank();
    consent.given_on = "24.11.2026".into();
    let card = call(&desk, "record_consent", json!({ "regno": head, "form": consent }))
        .expect("consent again");
    assert_eq!(card["consent"]["status"], "in_force");
    // A date that cannot be read is refused at its field.
    let form = json!({ "withdrawn_on": "yesterday", "method": "eds", "note": "" });
    let refused = call(&desk, "withdraw_consent", json!({ "regno": head, "form": form }))
        .expect_err("unreadable");
    assert_eq!(refused.fields[0].field, "withdrawn_on");
}

#[test]
fn finding_7_person_export_holds_everything_about_the_person() {
    let (_dir, desk, folder) = desk_with_folder();
    sign_in(&desk, "aigerim");
    let (head, child) = registered(&desk);
    let refused = call(&desk, "export_person", json!({ "regno": head })).expect_err("a clerk");
    assert_eq!(refused.code, "store-forbidden");
    let session = call(&desk, "session", json!({})).expect("session");
    assert_eq!(session["permissions"]["may_export_person"], false);

    call(&desk, "sign_out", json!({})).expect("sign out");
    sign_in(&desk, "bolat");
    let saved = call(&desk, "export_person", json!({ "regno": head })).expect("export");
    let path = PathBuf::from(saved["path"].as_str().unwrap_or_default());
    assert_eq!(path.parent(), Some(folder.as_path()), "in the documents folder");
    assert_eq!(saved["file_name"], format!("person-{head}-{TODAY}.json").as_str());
    let text = std::fs::read_to_string(&path).expect("written");
    let export: Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(export["person"]["person"]["regno"], head.as_str());
    assert_eq!(export["consent"]["status"], "in_force");
    assert!(export["audit"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(!text.contains(&child), "nothing about the child");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "private to its owner");
    }
    // A second export is a new file beside the first, never over it.
    let again = call(&desk, "export_person", json!({ "regno": head })).expect("again");
    assert_ne!(again["path"], saved["path"]);
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), text);
}
