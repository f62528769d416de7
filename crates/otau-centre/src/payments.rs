//! One family paid the same one-time subsidy in two offices, as only the centre can see it:
//! what a ledger event tells (the family, the kind, the amount, whether it is a payment or the
//! reversal of one), what a person's and a family's inserts tell of the family (its members,
//! its head, its number), and the case handed to both offices.
//!
//! # Design
//! Pure: each fact comes from one event alone. Families of two offices are the same when a
//! person of one shares a person key ([`crate::crossing`]) with a person of the other; the
//! storage joins the keys, the members and the payments it keeps, in the transaction that
//! accepts the event that completes a pair (a payment, or a key that links two families
//! already paid), whichever office's event arrives first. A case is one per pair of payments
//! (its id is derived from both entries), so a replayed event or a packet repeating what HTTPS
//! brought finds it held. A reversed payment no longer makes a case.

use otau_core::subsidy::SubsidyKind;
use otau_sync::{Envelope, Op};
use serde::Serialize;
use uuid::Uuid;

/// Whether a family may be paid a kind of subsidy only once (`DOMAIN.md`: the relocation
/// subsidy and the economic mobility certificate are one-time; rent is monthly, and the
/// employer subsidy is paid to an employer, not to the family).
pub fn one_time(kind: SubsidyKind) -> bool {
    matches!(kind, SubsidyKind::Relocation | SubsidyKind::MobilityCertificate)
}

/// A payment of a one-time subsidy to a family, from its ledger entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The ledger entry (`paid`).
    pub entry: Uuid,
    /// The line it pays.
    pub line: Uuid,
    /// The family paid.
    pub family: Uuid,
    /// The kind of subsidy.
    pub kind: SubsidyKind,
    /// The amount in tiyn.
    pub amount_tiyn: i64,
    /// The date paid.
    pub paid_on: String,
}

/// What a ledger event tells the centre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LedgerFact {
    /// A one-time subsidy paid.
    Paid(Payment),
    /// A line reversed (a payment on it, if any, no longer stands).
    Reversed {
        /// The line.
        line: Uuid,
    },
}

fn text<'a>(e: &'a Envelope, field: &str) -> Option<&'a str> {
    e.after.get(field).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty())
}

fn id(e: &Envelope, field: &str) -> Option<Uuid> {
    text(e, field).and_then(|t| Uuid::parse_str(t).ok())
}

/// What a ledger entry's insert tells: a payment of a one-time subsidy, or a reversal. Other
/// entries (accruals, approvals, payments of a recurring subsidy) tell nothing here.
pub fn ledger_fact(e: &Envelope) -> Option<LedgerFact> {
    if e.entity != "ledger_entry" || e.op != Op::Insert {
        return None;
    }
    match text(e, "kind")? {
        "paid" => {
            let kind = SubsidyKind::parse(text(e, "subsidy_kind")?)?;
            if !one_time(kind) {
                return None;
            }
            Some(LedgerFact::Paid(Payment {
                entry: e.entity_id,
                line: id(e, "line_id")?,
                family: id(e, "family_id")?,
                kind,
                amount_tiyn: e.after.get("amount_tiyn")?.as_i64()?,
                paid_on: text(e, "paid_on")?.to_string(),
            }))
        }
        "reversed" => Some(LedgerFact::Reversed { line: id(e, "line_id")? }),
        _ => None,
    }
}

/// A person of a family, from the person's insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The person.
    pub person: Uuid,
    /// The family.
    pub family: Uuid,
    /// `head`, `spouse`, `child`, …
    pub relation: String,
    /// Surname, given name and patronymic as registered.
    pub name: String,
}

/// The family a person's insert places the person in.
pub fn member_of(e: &Envelope) -> Option<Member> {
    if e.entity != "person" || e.op != Op::Insert {
        return None;
    }
    let name: Vec<&str> =
        ["surname", "given_name", "patronymic"].iter().filter_map(|f| text(e, f)).collect();
    Some(Member {
        person: e.entity_id,
        family: id(e, "family_id")?,
        relation: text(e, "relation").unwrap_or("").to_string(),
        name: name.join(" "),
    })
}

/// A family's registration number, from its insert.
pub fn family_of(e: &Envelope) -> Option<(Uuid, String)> {
    if e.entity != "family" || e.op != Op::Insert {
        return None;
    }
    Some((e.entity_id, text(e, "regno")?.to_string()))
}

/// The id of the case of two payments (the same whichever arrived first).
pub fn case_id(entry_a: &str, entry_b: &str) -> String {
    let (lo, hi) = if entry_a <= entry_b { (entry_a, entry_b) } else { (entry_b, entry_a) };
    otau_sync::merge::derived_id(Uuid::nil(), &format!("payment|{lo}|{hi}")).to_string()
}

/// One side of a case: what an office paid, to whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paid {
    /// The office's code.
    pub office: String,
    /// The office's name.
    pub office_name: String,
    /// The ledger entry.
    pub entry_id: String,
    /// The family.
    pub family_id: String,
    /// The family's registration number (absent when its insert was not seen).
    pub regno: Option<String>,
    /// The head's name (absent when not seen).
    pub head: Option<String>,
    /// The amount in tiyn.
    pub amount_tiyn: i64,
    /// The date paid.
    pub paid_on: String,
}

/// A payment case, as the centre keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaymentCase {
    /// Id.
    pub id: String,
    /// The kind of subsidy paid twice.
    pub subsidy_kind: String,
    /// The person key that links the families.
    pub key: String,
    /// The office paid first (as the centre heard it), and its entry.
    pub office_a: String,
    /// Its entry.
    pub entry_a: String,
    /// The other office and its entry.
    pub office_b: String,
    /// Its entry.
    pub entry_b: String,
    /// When it was found.
    pub found_at: String,
    /// `open` until an office decides.
    pub state: String,
}

/// The reference item (`payment_duplicate`) that hands a case to one of its offices: what
/// this office paid beside what the other paid.
pub fn handed(
    case_id: &str,
    kind: &str,
    key: &str,
    found_at: &str,
    here: &Paid,
    other: &Paid,
) -> serde_json::Value {
    serde_json::json!({
        "case_id": case_id,
        "subsidy_kind": kind,
        "key": key,
        "found_at": found_at,
        "here": here,
        "other": other,
    })
}

/// A decision on a payment case made in an office (`payment_decision` insert): the case's id
/// and the decision as the other office receives it.
pub fn decision_of(e: &Envelope) -> Option<(String, serde_json::Value)> {
    if e.entity != "payment_decision" || e.op != Op::Insert {
        return None;
    }
    let case_id = text(e, "case_id")?.to_string();
    let mut record = serde_json::Value::Object(e.after.clone());
    record["id"] = serde_json::json!(e.entity_id);
    Some((case_id, record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use otau_sync::Actor;
    use serde_json::json;

    fn event(entity: &str, after: serde_json::Value) -> Envelope {
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
            op: Op::Insert,
            base_version: 0,
            before: Default::default(),
            after: after.as_object().cloned().unwrap_or_default(),
        }
    }

    fn entry(kind: &str, subsidy: &str) -> Envelope {
        event(
            "ledger_entry",
            json!({"kind": kind, "subsidy_kind": subsidy, "line_id": Uuid::from_u128(1).to_string(),
                "family_id": Uuid::from_u128(2).to_string(), "amount_tiyn": 30_275_000,
                "paid_on": "2026-12-01"}),
        )
    }

    #[test]
    fn a_ledger_event_tells_a_one_time_payment_or_a_reversal() {
        assert_eq!(
            ledger_fact(&entry("paid", "relocation")),
            Some(LedgerFact::Paid(Payment {
                entry: Uuid::from_u128(7),
                line: Uuid::from_u128(1),
                family: Uuid::from_u128(2),
                kind: SubsidyKind::Relocation,
                amount_tiyn: 30_275_000,
                paid_on: "2026-12-01".into(),
            }))
        );
        assert!(matches!(
            ledger_fact(&entry("paid", "mobility_certificate")),
            Some(LedgerFact::Paid(_))
        ));
        assert_eq!(ledger_fact(&entry("paid", "rent")), None, "monthly");
        assert_eq!(ledger_fact(&entry("paid", "employer")), None, "not the family's");
        assert_eq!(ledger_fact(&entry("approved", "relocation")), None);
        assert_eq!(
            ledger_fact(&entry("reversed", "relocation")),
            Some(LedgerFact::Reversed { line: Uuid::from_u128(1) })
        );
        assert_eq!(ledger_fact(&entry("paid", "what")), None);
    }

    #[test]
    fn a_person_insert_names_its_family_and_a_family_insert_its_number() {
        let p = event(
            "person",
            json!({"family_id": Uuid::from_u128(2).to_string(), "relation": "head",
                "surname": "Сейітқали", "given_name": "Нұрсұлтан", "patronymic": null}),
        );
        let m = member_of(&p).expect("member");
        assert_eq!((m.family, m.relation.as_str()), (Uuid::from_u128(2), "head"));
        assert_eq!(m.name, "Сейітқали Нұрсұлтан");
        let f = event("family", json!({"regno": "PVL01-2026-00001"}));
        assert_eq!(family_of(&f), Some((Uuid::from_u128(7), "PVL01-2026-00001".into())));
        assert_eq!(case_id("a", "b"), case_id("b", "a"));
    }
}
