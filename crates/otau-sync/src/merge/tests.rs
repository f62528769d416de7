//! The verdict's rules, one table row each, and the invariant that the order of unrelated events
//! does not change any verdict.

use super::*;
use crate::envelope::Actor;
use crate::policy;
use proptest::prelude::*;
use rstest::rstest;
use serde_json::json;
use std::collections::HashMap;

const RECORD: Uuid = Uuid::from_u128(0x100);
const OTHER_EVENT: Uuid = Uuid::from_u128(0x200);
const THIS_EVENT: Uuid = Uuid::from_u128(0x300);

fn ev(entity: &str, op: Op, before: Value, after: Value) -> Envelope {
    let map = |v: Value| match v {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    Envelope {
        wire: 1,
        event_id: THIS_EVENT,
        change_id: THIS_EVENT,
        office: "PVL01".into(),
        device_id: Uuid::from_u128(0x400),
        device_seq: 1,
        at: "2026-12-06T10:00:00.000Z".into(),
        actor: Actor { user_id: None, login: "aigerim".into() },
        action: format!("{entity}.{op:?}"),
        reason: None,
        entity: entity.into(),
        entity_id: RECORD,
        subject_id: None,
        op,
        base_version: if op == Op::Insert { 0 } else { 1 },
        before: map(before),
        after: map(after),
    }
}

fn heads(h: Value) -> Heads {
    h.as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), Head { value: v.clone(), event_id: OTHER_EVENT }))
                .collect()
        })
        .unwrap_or_default()
}

/// Claims held by OTHER_EVENT: those `holder` (an insert) would take.
fn claimed_by(holder: Option<Envelope>) -> Claims {
    holder
        .map(|e| policy::claims(&e).into_iter().map(|c| (c.key, OTHER_EVENT)).collect())
        .unwrap_or_default()
}

#[rstest]
#[case::nobody_touched_the_field(json!({"surname": "A"}), json!({"surname": "B"}), json!({}), "B", false)]
#[case::the_device_saw_the_latest(json!({"surname": "A"}), json!({"surname": "B"}), json!({"surname": "A"}), "B", false)]
#[case::the_same_change_twice(json!({"surname": "A"}), json!({"surname": "B"}), json!({"surname": "B"}), "B", false)]
#[case::identity_changed_concurrently_keeps_the_first(json!({"surname": "A"}), json!({"surname": "B"}), json!({"surname": "C"}), "C", true)]
#[case::a_field_not_listed_is_identity(json!({"education": "none"}), json!({"education": "higher"}), json!({"education": "general_secondary"}), "general_secondary", true)]
#[case::contact_changed_concurrently_takes_the_last_accepted(json!({"phone": "1"}), json!({"phone": "2"}), json!({"phone": "3"}), "2", false)]
#[case::email_too(json!({"email": null}), json!({"email": "a@b.kz"}), json!({"email": "c@d.kz"}), "a@b.kz", false)]
fn an_update_merges_field_by_field(
    #[case] before: Value,
    #[case] after: Value,
    #[case] head: Value,
    #[case] effective: &str,
    #[case] conflict: bool,
) {
    let e = ev("person", Op::Update, before, after.clone());
    let v = verdict(&e, &heads(head.clone()), &Claims::new());
    let (field, proposed) = after.as_object().unwrap().iter().next().unwrap();
    assert_eq!(v.effective[field], json!(effective));
    assert!(!v.dropped && v.cases.is_empty());
    assert_eq!(v.conflicts.len(), usize::from(conflict));
    if conflict {
        let c = &v.conflicts[0];
        assert_eq!(c.kind, ConflictKind::Field);
        assert_eq!(
            (c.field.as_str(), &c.kept, c.kept_event),
            (field.as_str(), &head[field], OTHER_EVENT)
        );
        assert_eq!((&c.proposed, c.proposed_event, c.entity_id), (proposed, THIS_EVENT, RECORD));
        assert_eq!(c.id, derived_id(THIS_EVENT, field));
    }
}

#[test]
fn an_address_of_a_family_takes_the_last_accepted_and_its_region_does_not() {
    let e = ev(
        "family",
        Op::Update,
        json!({"address": "x", "region": "KZ-55"}),
        json!({"address": "y", "region": "KZ-11"}),
    );
    let v = verdict(&e, &heads(json!({"address": "z", "region": "KZ-10"})), &Claims::new());
    assert_eq!(
        v.effective,
        json!({"address": "y", "region": "KZ-10"}).as_object().unwrap().clone()
    );
    assert_eq!(v.conflicts.len(), 1);
    assert_eq!(v.conflicts[0].field, "region");
}

fn person(regno: &str, iin: Value) -> Envelope {
    ev("person", Op::Insert, json!({}), json!({"regno": regno, "iin": iin, "surname": "A"}))
}

fn ledger(line: &str, kind: &str) -> Envelope {
    ev(
        "ledger_entry",
        Op::Insert,
        json!({}),
        json!({"line_id": line, "kind": kind, "amount_tiyn": 100}),
    )
}

#[rstest]
#[case::a_new_key(person("PVL01-2026-00001", Value::Null), None, false, 0)]
#[case::a_registration_number_taken_is_dropped(
    person("PVL01-2026-00001", Value::Null),
    Some(person("PVL01-2026-00001", Value::Null)),
    true,
    0
)]
#[case::an_iin_registered_twice_is_reviewed(person("PVL01-2026-00002", json!("850412310211")), Some(person("PVL01-2026-00001", json!("850412310211"))), false, 1)]
#[case::no_iin_claims_nothing(
    person("PVL01-2026-00002", Value::Null),
    Some(person("PVL01-2026-00001", Value::Null)),
    false,
    0
)]
#[case::two_approvals_of_a_line(ledger("L1", "approved"), Some(ledger("L1", "approved")), false, 1)]
#[case::two_payments_of_a_line_are_one_case(
    ledger("L1", "paid"),
    Some(ledger("L1", "paid")),
    false,
    1
)]
#[case::a_payment_and_a_reversal(ledger("L1", "reversed"), Some(ledger("L1", "paid")), false, 1)]
#[case::accruals_claim_nothing(ledger("L1", "accrued"), Some(ledger("L1", "accrued")), false, 0)]
#[case::another_line(ledger("L2", "paid"), Some(ledger("L1", "paid")), false, 0)]
#[case::a_document_number_twice(
    ev("issued_document", Op::Insert, json!({}), json!({"number": "D1", "copy_of": null})),
    Some(ev("issued_document", Op::Insert, json!({}), json!({"number": "D1", "copy_of": null}))), true, 0)]
#[case::a_reprint_keeps_the_number(
    ev("issued_document", Op::Insert, json!({}), json!({"number": "D1", "copy_of": "x"})),
    Some(ev("issued_document", Op::Insert, json!({}), json!({"number": "D1", "copy_of": null}))), false, 0)]
#[case::a_month_closed_twice(
    ev("closed_month", Op::Insert, json!({}), json!({"office_code": "PVL01", "month": "2026-10"})),
    Some(ev("closed_month", Op::Insert, json!({}), json!({"office_code": "PVL01", "month": "2026-10"}))), true, 0)]
#[case::a_document_voided_twice(
    ev("document_void", Op::Insert, json!({}), json!({"document_id": "x"})),
    Some(ev("document_void", Op::Insert, json!({}), json!({"document_id": "x"}))), true, 0)]
#[case::a_decision_number_twice(
    ev("subsidy_decision", Op::Insert, json!({}), json!({"number": "PVL01-S-2026-00001"})),
    Some(ev("subsidy_decision", Op::Insert, json!({}), json!({"number": "PVL01-S-2026-00001"}))), true, 0)]
#[case::a_plan_item_number_twice_in_a_family(
    ev("plan_item", Op::Insert, json!({}), json!({"family_id": "F", "number": 3})),
    Some(ev("plan_item", Op::Insert, json!({}), json!({"family_id": "F", "number": 3}))), true, 0)]
#[case::the_same_plan_item_number_in_another_family(
    ev("plan_item", Op::Insert, json!({}), json!({"family_id": "G", "number": 3})),
    Some(ev("plan_item", Op::Insert, json!({}), json!({"family_id": "F", "number": 3}))), false, 0)]
fn an_insert_claims_its_unique_keys(
    #[case] event: Envelope,
    #[case] holder: Option<Envelope>,
    #[case] dropped: bool,
    #[case] cases: usize,
) {
    let claims = claimed_by(holder);
    let v = verdict(&event, &Heads::new(), &claims);
    assert_eq!(v.dropped, dropped);
    assert!(v.effective.is_empty());
    assert_eq!(v.cases.len(), cases);
    if dropped {
        let c = &v.conflicts[0];
        assert_eq!(
            (c.kind, c.kept_event, c.proposed_event),
            (ConflictKind::DuplicateInsert, OTHER_EVENT, THIS_EVENT)
        );
        assert_eq!(c.proposed, Value::Object(event.after.clone()));
        assert!(advance(&event, &v, &claims).heads.is_empty());
    } else {
        assert!(v.conflicts.is_empty());
        assert_eq!(advance(&event, &v, &claims).heads.len(), event.after.len());
    }
    for case in &v.cases {
        assert_eq!((case.first_event, case.second_event), (OTHER_EVENT, THIS_EVENT));
    }
}

#[test]
fn a_kept_value_stays_the_head_and_a_taken_one_moves_it() {
    let e = ev(
        "person",
        Op::Update,
        json!({"surname": "A", "phone": "1"}),
        json!({"surname": "B", "phone": "2"}),
    );
    let h = heads(json!({"surname": "C", "phone": "3"}));
    let v = verdict(&e, &h, &Claims::new());
    let a = advance(&e, &v, &Claims::new());
    assert_eq!(a.heads.keys().collect::<Vec<_>>(), vec!["phone"]);
    assert_eq!(a.heads["phone"], Head { value: json!("2"), event_id: THIS_EVENT });
}

// ---- the order of unrelated events changes no verdict ----

/// A small office: three persons inserted first, then two devices editing them offline.
#[derive(Debug, Clone)]
struct Edit {
    record: u8,
    field: u8,
    value: u8,
}

const FIELDS: [&str; 3] = ["surname", "phone", "birth_date"];

fn device_events(device: u128, edits: &[Edit], inserts: &[(u8, u8)]) -> Vec<Envelope> {
    // The device's own view: every record starts as inserted with value "0".
    let mut local: HashMap<(u8, u8), String> = HashMap::new();
    let mut out = vec![];
    let mut seq = 0;
    let mut next = |e: &mut Envelope| {
        seq += 1;
        e.device_seq = seq;
        e.device_id = Uuid::from_u128(device);
        e.event_id = Uuid::from_u128(device << 64 | seq as u128);
    };
    for (record, regno) in inserts {
        let mut e = person(&format!("R{regno}"), Value::Null);
        e.entity_id = Uuid::from_u128(0x1000 + device * 0x100 + *record as u128);
        next(&mut e);
        out.push(e);
    }
    for edit in edits {
        let field = FIELDS[edit.field as usize % FIELDS.len()];
        let before = local.get(&(edit.record, edit.field)).cloned().unwrap_or_else(|| "0".into());
        let after = format!("{}-{}", device, edit.value);
        local.insert((edit.record, edit.field), after.clone());
        let mut e = ev("person", Op::Update, json!({ field: before }), json!({ field: after }));
        e.entity_id = Uuid::from_u128(edit.record as u128 % 3);
        next(&mut e);
        out.push(e);
    }
    out
}

fn setup() -> Vec<Envelope> {
    (0..3u128)
        .map(|r| {
            let mut e = ev(
                "person",
                Op::Insert,
                json!({}),
                json!({"regno": format!("S{r}"), "surname": "0", "phone": "0", "birth_date": "0"}),
            );
            e.entity_id = Uuid::from_u128(r);
            e.event_id = Uuid::from_u128(0x9000 + r);
            e
        })
        .collect()
}

fn run(order: &[Envelope]) -> BTreeMap<Uuid, Verdict> {
    let mut heads: HashMap<Uuid, Heads> = HashMap::new();
    let mut claims = Claims::new();
    let mut out = BTreeMap::new();
    for e in order {
        let h = heads.get(&e.entity_id).cloned().unwrap_or_default();
        let c: Claims = policy::claims(e)
            .into_iter()
            .filter_map(|c| claims.get(&c.key).map(|holder| (c.key, *holder)))
            .collect();
        let v = verdict(e, &h, &c);
        let a = advance(e, &v, &c);
        heads.entry(e.entity_id).or_default().extend(a.heads);
        for k in a.claims {
            claims.insert(k, e.event_id);
        }
        out.insert(e.event_id, v);
    }
    out
}

fn related(a: &Envelope, b: &Envelope) -> bool {
    let keys = |e: &Envelope| policy::claims(e).into_iter().map(|c| c.key).collect::<Vec<_>>();
    a.device_id == b.device_id
        || a.entity_id == b.entity_id
        || keys(a).iter().any(|k| keys(b).contains(k))
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (0u8..3, 0u8..3, 0u8..4).prop_map(|(record, field, value)| Edit { record, field, value }),
        0..8,
    )
}

proptest! {
    #[test]
    fn the_order_of_unrelated_events_changes_no_verdict(
        a in edits(), b in edits(),
        a_inserts in prop::collection::vec((0u8..2, 0u8..3), 0..3),
        b_inserts in prop::collection::vec((0u8..2, 0u8..3), 0..3),
        interleave in prop::collection::vec(any::<bool>(), 0..30),
        swaps in prop::collection::vec(0usize..30, 0..40),
    ) {
        let mut a_ev = device_events(1, &a, &a_inserts).into_iter();
        let mut b_ev = device_events(2, &b, &b_inserts).into_iter();
        let mut order = setup();
        let mut choices = interleave.into_iter();
        loop {
            let next = if choices.next().unwrap_or(true) { a_ev.next().or_else(|| b_ev.next()) } else { b_ev.next().or_else(|| a_ev.next()) };
            match next { Some(e) => order.push(e), None => break }
        }
        let first = run(&order);
        let mut other = order.clone();
        for i in swaps {
            let i = 3 + i % other.len().saturating_sub(3).max(1);
            if i + 1 < other.len() && !related(&other[i], &other[i + 1]) {
                other.swap(i, i + 1);
            }
        }
        prop_assert_eq!(first, run(&other));
    }
}
