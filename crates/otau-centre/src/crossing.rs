//! The same person in two offices, as only the centre can see it: the keys a person's events
//! carry (IIN, identity document, folded name with birth date), compared across offices as the
//! events arrive.
//!
//! # Design
//! Pure: the keys of one event, from the event alone. A person's IIN and name come with the
//! person's insert (and a new IIN with an edit); a document's number with the document's insert,
//! on behalf of its person. Names are folded loosely (`otau_core::names::fold_loose`), so
//! Сейітқали, Сейиткали and SEIITKALI with the same birth date are one key. The storage keeps
//! every key it saw per office and, in the transaction that accepts an event, records a case
//! for each person of another office holding one of its keys.

use otau_sync::{Envelope, Op};
use serde::Serialize;
use uuid::Uuid;

/// A key that names a person, held by a person of an office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonKey {
    /// The person.
    pub person: Uuid,
    /// `iin:<iin>`, `doc:<kind>:<number>` or `name:<surname> <given name>|<birth date>`.
    pub key: String,
}

/// A likely duplicate across offices, as the centre keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrossCase {
    /// Id.
    pub id: String,
    /// The key both hold.
    pub key: String,
    /// The office that held it first, and its person.
    pub office_a: String,
    /// Its person.
    pub person_a: String,
    /// The office whose event found it, and its person.
    pub office_b: String,
    /// Its person.
    pub person_b: String,
    /// When it was found.
    pub found_at: String,
    /// `open` until the offices decide.
    pub state: String,
}

fn text<'a>(e: &'a Envelope, field: &str) -> Option<&'a str> {
    e.after.get(field).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty())
}

/// The keys an accepted event gives its person.
pub fn person_keys(e: &Envelope) -> Vec<PersonKey> {
    let mut out = vec![];
    match (e.entity.as_str(), e.op) {
        ("person", Op::Insert | Op::Update) => {
            if let Some(iin) = text(e, "iin") {
                out.push(PersonKey { person: e.entity_id, key: format!("iin:{iin}") });
            }
            if e.op == Op::Insert {
                if let (Some(surname), Some(given), Some(born)) =
                    (text(e, "surname"), text(e, "given_name"), text(e, "birth_date"))
                {
                    let name = otau_core::names::fold_loose(&format!("{surname} {given}"));
                    if !name.is_empty() {
                        let key = format!("name:{name}|{born}");
                        out.push(PersonKey { person: e.entity_id, key });
                    }
                }
            }
        }
        ("document", Op::Insert) => {
            let person = text(e, "person_id").and_then(|p| Uuid::parse_str(p).ok());
            let number = text(e, "number_norm").or_else(|| text(e, "number"));
            if let (Some(person), Some(kind), Some(number)) = (person, text(e, "kind"), number) {
                out.push(PersonKey { person, key: format!("doc:{kind}:{number}") });
            }
        }
        _ => {}
    }
    out
}

/// What an office registered of a person, from the person's insert: shown to the other office
/// of a case beside its own record.
pub fn snapshot(e: &Envelope) -> Option<serde_json::Value> {
    if e.entity != "person" || e.op != Op::Insert {
        return None;
    }
    let field = |f: &str| e.after.get(f).cloned().unwrap_or(serde_json::Value::Null);
    Some(serde_json::json!({
        "regno": field("regno"),
        "surname": field("surname"),
        "given_name": field("given_name"),
        "patronymic": field("patronymic"),
        "birth_date": field("birth_date"),
        "iin": field("iin"),
        "registered_at": e.at,
    }))
}

/// The reference item (`cross_duplicate`) that hands a case to one of its two offices: its own
/// person, and the other office with what it registered.
#[allow(clippy::too_many_arguments)]
pub fn handed(
    case_id: &str,
    key: &str,
    found_at: &str,
    person: &str,
    other_office: &str,
    other_person: &str,
    other: &serde_json::Value,
) -> serde_json::Value {
    serde_json::json!({
        "case_id": case_id,
        "key": key,
        "found_at": found_at,
        "person_id": person,
        "other_office": other_office,
        "other_person_id": other_person,
        "other": other,
    })
}

/// A decision on a case made in an office (`cross_decision` insert): the case's id and the
/// decision as the other office receives it.
pub fn decision_of(e: &Envelope) -> Option<(String, serde_json::Value)> {
    if e.entity != "cross_decision" || e.op != Op::Insert {
        return None;
    }
    let case_id = text(e, "case_id")?.to_string();
    let mut record = serde_json::Value::Object(e.after.clone());
    record["id"] = serde_json::json!(e.entity_id);
    Some((case_id, record))
}

/// The id of the case of two persons (the same whichever office's event found it).
pub fn case_id(person_a: &str, person_b: &str) -> String {
    let (lo, hi) = if person_a <= person_b { (person_a, person_b) } else { (person_b, person_a) };
    otau_sync::merge::derived_id(Uuid::nil(), &format!("cross|{lo}|{hi}")).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use otau_sync::Actor;
    use serde_json::json;

    fn event(entity: &str, op: Op, after: serde_json::Value) -> Envelope {
        Envelope {
            wire: 1,
            event_id: Uuid::now_v7(),
            change_id: Uuid::now_v7(),
            office: "PVL01".into(),
            device_id: Uuid::nil(),
            device_seq: 1,
            at: "2026-12-06T10:00:00.000Z".into(),
            actor: Actor { user_id: None, login: "a".into() },
            action: "x".into(),
            reason: None,
            entity: entity.into(),
            entity_id: Uuid::from_u128(7),
            subject_id: None,
            op,
            base_version: 0,
            before: Default::default(),
            after: after.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn a_person_is_known_by_iin_document_and_name_in_any_script() {
        let kk = event(
            "person",
            Op::Insert,
            json!({"surname": "Сейітқали", "given_name": "Нұрсұлтан", "birth_date": "1985-04-12", "iin": "850412310211"}),
        );
        let latin = event(
            "person",
            Op::Insert,
            json!({"surname": "SEIITKALI", "given_name": "NURSULTAN", "birth_date": "1985-04-12", "iin": null}),
        );
        let keys: Vec<String> = person_keys(&kk).into_iter().map(|k| k.key).collect();
        assert_eq!(keys[0], "iin:850412310211");
        assert_eq!(person_keys(&latin)[0].key, keys[1], "one name key across scripts");
        let doc = event(
            "document",
            Op::Insert,
            json!({"person_id": Uuid::from_u128(9).to_string(), "kind": "passport", "number_norm": "FA2233445"}),
        );
        assert_eq!(
            person_keys(&doc),
            vec![PersonKey { person: Uuid::from_u128(9), key: "doc:passport:FA2233445".into() }]
        );
        let phone = event("person", Op::Update, json!({"phone": "+77010000000"}));
        assert!(person_keys(&phone).is_empty());
        assert_eq!(case_id("a", "b"), case_id("b", "a"));
    }
}
