//! The device's side of sync through the store: enrolment, numbers from blocks, the events it
//! sends, applying a page of another device's events (exactly once, in one transaction with the
//! cursor), verdicts that overrule a local change, conflicts, a refused row kept whole, and
//! pages of what it sends bounded by bytes, never splitting a change.
//! The centre is played here by a list that numbers what devices send and judges each event with
//! the same merge the real centre runs (`otau_sync::merge`).

mod common;

use common::*;
use otau_core::Coded;
use otau_store::sync::{Block, ConflictChoice, Enrolment, PullEntry, Series};
use otau_store::{Duplicates, Store, StoreError};
use otau_sync::merge::{advance, verdict, Claims, Heads};
use serde_json::json;
use std::collections::HashMap;

fn enrolment(name: &str, blocks: Vec<Block>) -> Enrolment {
    Enrolment {
        centre_url: "http://127.0.0.1:1".into(),
        centre_id: "0193a000-0000-7000-8000-000000000001".into(),
        centre_name: "Орталық".into(),
        centre_public_key: "key".into(),
        cert_sha256: None,
        device_name: name.into(),
        device_key: "00".repeat(32),
        blocks,
        pending_enrolment: None,
    }
}

fn regno_block(first: i64, last: i64) -> Block {
    Block { series: Series::Regno, year: 2026, first, last }
}

/// The centre as a list: what devices pushed, in the order it accepted it, each with its verdict.
#[derive(Default)]
struct Centre {
    log: Vec<PullEntry>,
    heads: HashMap<uuid::Uuid, Heads>,
    claims: Claims,
}

impl Centre {
    /// Takes every event a device has not pushed yet.
    fn push(&mut self, store: &mut Store) {
        let pushed = store.sync_state().expect("state").map_or(0, |s| s.pushed_through);
        let events = store.outgoing(pushed, 10_000, usize::MAX).expect("outgoing");
        let mut acks = vec![];
        for e in events {
            let envelope = e.verify().expect("a sound event");
            let server_seq = self.log.len() as i64 + 1;
            let heads = self.heads.get(&envelope.entity_id).cloned().unwrap_or_default();
            let judged = verdict(&envelope, &heads, &self.claims);
            let moved = advance(&envelope, &judged, &self.claims);
            self.heads.entry(envelope.entity_id).or_default().extend(moved.heads);
            for key in moved.claims {
                self.claims.insert(key, envelope.event_id);
            }
            acks.push((envelope.device_seq, server_seq));
            self.log.push(PullEntry { server_seq, event: e.event, hash: e.hash, verdict: judged });
        }
        let held = acks.last().map_or(pushed, |a| a.0);
        store.record_pushed(&acks, held).expect("record pushed");
    }

    fn pull(&self, store: &mut Store) -> otau_store::sync::ApplyReport {
        let cursor = store.sync_state().expect("state").map_or(0, |s| s.pull_cursor);
        let page: Vec<PullEntry> =
            self.log.iter().filter(|e| e.server_seq > cursor).cloned().collect();
        let high = self.log.len() as i64;
        store.apply_pulled(&page, high).expect("apply")
    }
}

/// A first device with its office, enrolled, and a second one that joins it empty.
fn two_devices() -> (TestOffice, TestOffice, Centre) {
    let mut a = office();
    a.store
        .save_enrolment(at(), &enrolment("counter", vec![regno_block(1, 1000)]))
        .expect("enrol a");
    let dir = tempfile::tempdir().expect("dir");
    let mut b_store = Store::open(&dir.path().join("b.sqlite")).expect("open b");
    b_store
        .join_office(
            at(),
            "0193b000-0000-7000-8000-00000000000b",
            "PVL01",
            &enrolment("field laptop", vec![regno_block(1001, 2000)]),
        )
        .expect("join");
    let mut centre = Centre::default();
    centre.push(&mut a.store);
    centre.pull(&mut b_store);
    b_store
        .set_local_password(&otau_store::Context::system(at()), "admin", ADMIN_PASSWORD)
        .expect("password on b");
    let admin = b_store.sign_in("admin", ADMIN_PASSWORD).expect("admin signs in on b");
    let b = TestOffice { dir, store: b_store, admin };
    (a, b, centre)
}

/// Asserts the row counts a checkpoint signs, kept by triggers, are the tables' own, and that
/// the device's audit verifies clean.
fn assert_counts_kept(store: &mut Store) {
    let conn = store.raw_connection();
    let mut stmt = conn.prepare("SELECT tbl, n FROM state_row_counts").expect("kept counts");
    let kept: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    drop(stmt);
    assert_eq!(kept.len(), otau_store::checkpoint::STATE_TABLES.len());
    for (table, n) in kept {
        let real: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        assert_eq!(n, real, "{table}");
    }
    let report = store.verify_audit(at()).expect("verify");
    assert!(report.is_clean(), "{:#?}", report.findings);
}

/// Asserts two devices hold the same records, showing only the rows that differ.
fn assert_same_records(a: &Store, b: &Store) {
    let (ra, rb) = (a.office_rows().expect("rows"), b.office_rows().expect("rows"));
    let only_a: Vec<&String> = ra.iter().filter(|r| !rb.contains(r)).collect();
    let only_b: Vec<&String> = rb.iter().filter(|r| !ra.contains(r)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "only on a: {only_a:#?}\nonly on b: {only_b:#?}"
    );
}

#[test]
fn a_joining_device_receives_the_office_and_ends_with_the_same_records() {
    let (mut a, mut b, mut centre) = two_devices();
    let admin = a.admin.clone();
    let reg = a
        .store
        .register_family(&ctx(&admin), &example_family(), Duplicates::Refuse)
        .expect("register on a");
    centre.push(&mut a.store);
    let report = centre.pull(&mut b.store);
    assert_eq!(
        report.applied, 10,
        "a family, three persons, three documents, two consents and a child's covering reason"
    );
    assert_same_records(&a.store, &b.store);
    // Found on b by any spelling, as on a.
    let hits = b.store.find("Seiitkali", 10).expect("find on b");
    assert_eq!(hits[0].regno, reg.family_regno);
    // The history on b says where the change was made.
    let history = b.store.audit_for(&reg.family_regno).expect("history");
    assert!(history.iter().all(|e| e.origin == otau_store::events::Origin::Remote));
    assert_eq!(history[0].user_login, "admin");
    // What each device's checkpoints sign is what it holds, written or applied.
    assert_counts_kept(&mut a.store);
    assert_counts_kept(&mut b.store);
}

#[test]
fn a_page_applied_twice_changes_nothing_the_second_time() {
    let (mut a, mut b, mut centre) = two_devices();
    let admin = a.admin.clone();
    a.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    centre.push(&mut a.store);
    centre.pull(&mut b.store);
    let before = b.store.office_rows().expect("rows");
    // The same page again, as after a crash between applying and hearing back.
    let again = b.store.apply_pulled(&centre.log, centre.log.len() as i64).expect("again");
    assert_eq!(again.applied, 0);
    assert_eq!(again.already_held as usize, centre.log.len());
    assert_eq!(b.store.office_rows().expect("rows"), before);
    // A's own events come back to it: held already, nothing applied.
    let own = centre.pull(&mut a.store);
    assert_eq!(own.applied, 0);
}

#[test]
fn numbers_come_from_the_blocks_of_each_device_and_never_collide() {
    let (mut a, mut b, mut centre) = two_devices();
    let (admin_a, admin_b) = (a.admin.clone(), b.admin.clone());
    let on_a =
        a.store.register_family(&ctx(&admin_a), &example_family(), Duplicates::Refuse).expect("a");
    let mut other = example_family();
    for m in &mut other.members {
        m.iin = None;
        m.surname = "Бекова".into();
        m.surname_latin = None;
        if let Some(doc) = &mut m.document {
            doc.number = format!("{}9", doc.number);
        }
    }
    let on_b = b.store.register_family(&ctx(&admin_b), &other, Duplicates::Refuse).expect("b");
    assert_eq!(on_a.family_regno, "PVL01-2026-00001");
    assert_eq!(on_b.family_regno, "PVL01-2026-01001");
    centre.push(&mut a.store);
    centre.push(&mut b.store);
    centre.pull(&mut a.store);
    centre.pull(&mut b.store);
    assert_same_records(&a.store, &b.store);
    // Blocks used up: refused with a code that says to sync, nothing saved.
    let mut small = office();
    small.store.save_enrolment(at(), &enrolment("tiny", vec![regno_block(1, 3)])).expect("enrol");
    let admin = small.admin.clone();
    let regno_years = |store: &Store| -> Vec<i32> {
        let wanted = store.blocks_wanted(today()).expect("wanted");
        wanted.iter().filter(|w| w.series == Series::Regno).map(|w| w.year).collect()
    };
    assert_eq!(regno_years(&small.store), [2027], "three of three left this year");
    small
        .store
        .register_family(&ctx(&admin), &example_family(), Duplicates::Refuse)
        .expect("three members, three numbers");
    let err = small
        .store
        .register_family(&ctx(&admin), &other, Duplicates::Refuse)
        .expect_err("three members, no number left");
    assert!(matches!(err, StoreError::NumbersExhausted { series: "regno", year: 2026 }), "{err:?}");
    assert_eq!(small.counts().0, 1, "the refused family saved nothing");
    assert_eq!(regno_years(&small.store), [2026, 2027], "none left this year");
}

#[test]
fn a_verdict_that_keeps_the_other_devices_value_overrules_the_local_edit() {
    let (mut a, mut b, mut centre) = two_devices();
    let admin = a.admin.clone();
    let reg = a
        .store
        .register_family(&ctx(&admin), &example_family(), Duplicates::Refuse)
        .expect("register");
    centre.push(&mut a.store);
    centre.pull(&mut b.store);
    let regno = reg.family_regno.clone();

    // Both correct the surname offline, differently.
    let mut on_a = a.store.person(&regno).expect("p").as_input();
    on_a.surname = "Сейтқали".into();
    a.store.edit_person(&ctx(&admin), &regno, &on_a, 1, "паспорт бойынша").expect("edit a");
    let admin_b = b.admin.clone();
    let mut on_b = b.store.person(&regno).expect("p").as_input();
    on_b.surname = "Сейітқалиев".into();
    b.store.edit_person(&ctx(&admin_b), &regno, &on_b, 1, "куәлік бойынша").expect("edit b");

    // The centre takes a's first; b's arrives second and the surname stays a's, with a
    // conflict for a person to resolve.
    centre.push(&mut a.store);
    centre.push(&mut b.store);
    centre.pull(&mut a.store);
    let on_b_report = centre.pull(&mut b.store);
    assert_eq!(on_b_report.overruled, 1);
    assert_eq!(b.store.person(&regno).expect("p").person.surname, "Сейтқали");
    assert_same_records(&a.store, &b.store);
    assert_eq!(a.store.sync_status().expect("status").open_conflicts, 1);

    // The conflict screen shows both values, who gave each and why.
    let view = a.store.conflict_views(false).expect("views").remove(0);
    assert_eq!(view.kept.as_ref().map(|k| k.value.clone()), Some(json!("Сейтқали")));
    assert_eq!(view.kept.and_then(|k| k.reason), Some("паспорт бойынша".into()));
    assert_eq!(view.proposed.value, json!("Сейітқалиев"));
    assert_eq!(view.proposed.reason.as_deref(), Some("куәлік бойынша"));
    assert_eq!(view.proposed.login.as_deref(), Some("admin"));
    assert!(view.subject.is_some_and(|s| s.starts_with(&regno)));

    // a's history says b's correction arrived but did not take effect here; a's own did.
    let history = a.store.audit_for(&regno).expect("history");
    let remote = history
        .iter()
        .find(|e| e.origin == otau_store::events::Origin::Remote && e.action == "person.edit")
        .expect("b's correction is in a's history");
    assert_eq!(remote.not_applied, ["surname"]);
    assert!(!remote.dropped);
    let own = history
        .iter()
        .filter(|e| e.action == "person.edit" && e.origin != otau_store::events::Origin::Remote);
    assert!(own.clone().count() == 1 && own.clone().all(|e| e.not_applied.is_empty()));

    // Resolved on b with the other value and a reason; a receives both.
    let conflict = b.store.conflicts(true).expect("conflicts").remove(0);
    b.store
        .resolve_conflict(&ctx(&admin_b), conflict.id, &ConflictChoice::Proposed, "куәлікті көрдім")
        .expect("resolve");
    centre.push(&mut b.store);
    centre.pull(&mut a.store);
    centre.pull(&mut b.store);
    assert_eq!(a.store.person(&regno).expect("p").person.surname, "Сейітқалиев");
    assert_eq!(a.store.sync_status().expect("status").open_conflicts, 0);
    assert_same_records(&a.store, &b.store);
    assert_eq!(a.store.find("Сейітқалиев", 5).expect("find").len(), 1, "search follows");
}

#[test]
fn a_row_the_database_refuses_is_kept_whole_as_a_conflict_and_sync_goes_on() {
    let (mut a, mut b, mut centre) = two_devices();
    let admin = a.admin.clone();
    a.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    centre.push(&mut a.store);
    // A consent for a person b has never heard of (its insert was lost): the foreign key fails.
    let mut orphan =
        centre.log.iter().find(|e| e.event["entity"] == "document").expect("doc").clone();
    orphan.event["event_id"] = json!(uuid::Uuid::now_v7());
    orphan.event["entity_id"] = json!(uuid::Uuid::now_v7());
    orphan.event["after"]["person_id"] = json!(uuid::Uuid::now_v7());
    orphan.event["device_seq"] = json!(1_000);
    orphan.hash = otau_store::events::envelope_hash(&orphan.event);
    orphan.server_seq = centre.log.len() as i64 + 1;
    let orphan_id = orphan.event["entity_id"].clone();
    centre.log.push(orphan);
    let report = centre.pull(&mut b.store);
    assert_eq!(report.conflicts, 1, "{:#?}", b.store.conflicts(false));
    let conflicts = b.store.conflicts(true).expect("conflicts");
    assert_eq!(conflicts[0].kind, "refused_insert");
    assert!(conflicts[0].proposed_json.contains("FA2233445"), "{}", conflicts[0].proposed_json);
    assert_eq!(b.store.find("Seiitkali", 5).expect("the rest applied").len(), 2);
    // The history says the refused record did not take effect, and only that one.
    let regno = b.store.find("Seiitkali", 5).expect("find").remove(0).regno;
    let history = b.store.audit_for(&regno).expect("history");
    let dropped: Vec<_> = history.iter().filter(|e| e.dropped).collect();
    assert_eq!(dropped.len(), 1, "{history:#?}");
    assert_eq!(dropped[0].entity, "document");
    assert_eq!(json!(dropped[0].entity_id), orphan_id);
}

#[test]
fn a_tampered_event_is_refused_and_nothing_of_its_page_is_applied() {
    let (mut a, mut b, mut centre) = two_devices();
    let admin = a.admin.clone();
    a.store.register_family(&ctx(&admin), &example_family(), Duplicates::Refuse).expect("register");
    centre.push(&mut a.store);
    let before = b.store.office_rows().expect("rows");
    let last = centre.log.len() - 1;
    centre.log[last].event["after"]["number"] = json!("ZZ0000000");
    let cursor = b.store.sync_state().expect("s").map(|s| s.pull_cursor);
    let page: Vec<PullEntry> =
        centre.log.iter().skip(cursor.unwrap_or(0) as usize).cloned().collect();
    let err = b.store.apply_pulled(&page, centre.log.len() as i64).expect_err("refused");
    assert!(matches!(err, StoreError::Sync { code: "sync-tampered-event", .. }), "{err:?}");
    // The clerk's message names the event, in every language.
    let event_id = centre.log[last].event["event_id"].as_str().expect("id").to_string();
    for lang in otau_i18n::Lang::ALL {
        let text = otau_i18n::tr(lang, err.code(), &err.args());
        assert!(text.contains(&event_id) && !text.contains('{'), "{lang}: {text}");
    }
    assert_eq!(b.store.office_rows().expect("rows"), before);
    assert_eq!(b.store.sync_state().expect("s").map(|s| s.pull_cursor), cursor);
}

/// A case of one family paid twice across offices, as the centre hands it to this office.
fn payment_case(id: uuid::Uuid) -> otau_store::sync::ReferenceItem {
    let side = |office: &str, regno: &str| {
        json!({"office": office, "office_name": office, "entry_id": "e", "family_id": "f",
            "regno": regno, "head": "Қасымов Ержан", "amount_tiyn": 30_275_000,
            "paid_on": "2026-12-01"})
    };
    otau_store::sync::ReferenceItem {
        ref_seq: 1,
        kind: "payment_duplicate".into(),
        key: id.to_string(),
        record: json!({"case_id": id, "subsidy_kind": "relocation", "key": "iin:840302307707",
            "found_at": "2026-12-06T10:00:00.000Z",
            "here": side("PVL01", "PVL01-2026-00001"), "other": side("AKM01", "AKM01-2026-00001")}),
    }
}

#[test]
fn a_payment_case_is_decided_once_by_a_manager_with_a_reason_and_reaches_the_offices_devices() {
    use otau_store::sync::payments::PaymentDecision;
    let (mut a, mut b, mut centre) = two_devices();
    let id = uuid::Uuid::now_v7();
    for store in [&mut a.store, &mut b.store] {
        store.apply_reference(at(), &[payment_case(id)], 1).expect("handed");
        // The same item again (a packet after HTTPS) adds nothing.
        assert_eq!(store.apply_reference(at(), &[payment_case(id)], 1).expect("again"), 0);
    }
    let cases = a.store.payment_cases().expect("cases");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].other.regno.as_deref(), Some("AKM01-2026-00001"));
    assert_eq!(cases[0].here.amount_tiyn, 30_275_000);
    assert_eq!(a.store.sync_status().expect("status").open_payment_cases, 1);
    let clerk = a.clerk("aigerim");
    let refused = a.store.decide_payment_case(&ctx(&clerk), id, PaymentDecision::Recover, "x");
    assert!(matches!(refused, Err(StoreError::Forbidden { .. })), "{refused:?}");
    let admin = a.admin.clone();
    let blank = a.store.decide_payment_case(&ctx(&admin), id, PaymentDecision::Recover, " ");
    assert!(matches!(blank, Err(StoreError::Invalid(_))), "{blank:?}");
    let unknown = uuid::Uuid::now_v7();
    let missing = a.store.decide_payment_case(&ctx(&admin), unknown, PaymentDecision::Recover, "x");
    assert!(matches!(missing, Err(StoreError::NotFound { .. })), "{missing:?}");
    let done = a
        .store
        .decide_payment_case(&ctx(&admin), id, PaymentDecision::KeepBoth, "екі отбасы")
        .expect("decided");
    assert_eq!((done.decision.as_str(), done.office_code.as_str()), ("keep_both", "PVL01"));
    let again = a.store.decide_payment_case(&ctx(&admin), id, PaymentDecision::Recover, "x");
    assert!(matches!(again, Err(StoreError::Sync { code: "sync-case-decided", .. })), "{again:?}");
    assert_eq!(a.store.sync_status().expect("status").open_payment_cases, 0);
    // The decision travels to the office's other device like any change.
    centre.push(&mut a.store);
    centre.pull(&mut b.store);
    let on_b = b.store.payment_cases().expect("cases");
    assert_eq!(on_b[0].decision.as_ref().map(|d| d.reason.as_str()), Some("екі отбасы"));
    assert_same_records(&a.store, &b.store);
}

/// The example family with its `n`th set of document numbers and names (every family is new).
fn numbered_family(n: usize) -> otau_core::model::FamilyInput {
    let mut f = example_family();
    for (i, m) in f.members.iter_mut().enumerate() {
        m.iin = None;
        if let Some(doc) = m.document.as_mut() {
            doc.number = format!("N{n:03}{i:04}");
        }
        m.given_name = format!("{}{}", m.given_name, "а".repeat(n + 1));
    }
    f
}

#[test]
fn outgoing_pages_bounded_by_bytes_keep_changes_whole_and_together_hold_everything() {
    let mut a = office();
    a.store.save_enrolment(at(), &enrolment("counter", vec![regno_block(1, 1000)])).expect("enrol");
    let admin = a.admin.clone();
    for n in 0..4 {
        a.store
            .register_family(&ctx(&admin), &numbered_family(n), Duplicates::Allow)
            .expect("register");
    }
    let all = a.store.outgoing(0, usize::MAX, usize::MAX).expect("all");
    // Each event's envelope text as stored, and the changes in order with their sizes.
    let sizes: HashMap<String, usize> = {
        let conn = a.store.raw_connection();
        let mut stmt = conn
            .prepare(
                "SELECT envelope_json(body) ->> '$.event_id', length(CAST(envelope_json(body) AS BLOB))
                 FROM events",
            )
            .expect("sql");
        let rows =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))).expect("rows");
        rows.collect::<Result<_, _>>().expect("sizes")
    };
    let seq = |e: &otau_sync::SignedEvent| e.event["device_seq"].as_i64().expect("device_seq");
    let event_id =
        |e: &otau_sync::SignedEvent| e.event["event_id"].as_str().expect("event_id").to_string();
    let mut changes: Vec<(serde_json::Value, usize, usize)> = vec![]; // change id, events, bytes
    for e in &all {
        let id = e.event["change_id"].clone();
        match changes.last_mut() {
            Some(last) if last.0 == id => {
                last.1 += 1;
                last.2 += sizes[&event_id(e)];
            }
            _ => changes.push((id, 1, sizes[&event_id(e)])),
        }
    }
    assert!(changes.iter().filter(|c| c.1 > 5).count() >= 4, "four families of many events each");
    let total: usize = changes.iter().map(|c| c.2).sum();
    let largest = changes.iter().map(|c| c.2).max().expect("changes");

    // A count limit alone still keeps the first change whole.
    assert_eq!(a.store.outgoing(0, 1, usize::MAX).expect("page").len(), changes[0].1);

    for budget in [1, largest / 2, largest, 2 * largest, total / 3, total] {
        let mut after = 0;
        let (mut paged, mut pages, mut change) = (vec![], 0, 0);
        loop {
            let page = a.store.outgoing(after, usize::MAX, budget).expect("page");
            let Some(last) = page.last() else { break };
            after = seq(last);
            pages += 1;
            // The page is whole changes, in order: at least one, and the next does not fit.
            let (mut events, mut bytes, first) = (0, 0, change);
            while events < page.len() {
                assert_eq!(page[events].event["change_id"], changes[change].0, "budget {budget}");
                events += changes[change].1;
                bytes += changes[change].2;
                change += 1;
            }
            assert_eq!(events, page.len(), "budget {budget}: a change split across pages");
            assert!(bytes <= budget || change == first + 1, "budget {budget}: {bytes} bytes");
            if let Some(next) = changes.get(change) {
                assert!(bytes + next.2 > budget, "budget {budget}: the next change fit");
            }
            paged.extend(page);
        }
        assert_eq!(paged, all, "budget {budget}: every event once, in order");
        assert_eq!(pages > 1, budget < total, "budget {budget}: {pages} pages");
    }
    // The smallest budget sends each change alone.
    let one = a.store.outgoing(0, usize::MAX, 1).expect("page");
    assert_eq!(one.len(), changes[0].1);
    assert!(one.len() < all.len());
}
