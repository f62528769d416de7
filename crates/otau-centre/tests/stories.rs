//! Stories of the centre over real HTTPS on 127.0.0.1, with synthetic events from three devices
//! (two of PVL01, one of AKM01), each story run against SQLite and against a real PostgreSQL.
//! Pages of pull and own are also read from the storage itself, with byte budgets of any size.

mod support;

use otau_sync::client::CentreClient;
use otau_sync::merge::{ConflictKind, Verdict};
use otau_sync::messages::{DeviceStateQuery, PushStatus, Want};
use otau_sync::plan::{plan, DeviceFacts, OwnCompare, Plan};
use otau_sync::{Op, Series, SyncError};
use reqwest::Method;
use serde_json::{json, Value};
use support::{Backend, Device, TestCentre};
use uuid::Uuid;

fn centre(backend: Backend) -> TestCentre {
    let c = TestCentre::new(backend);
    c.office("PVL01", "KZ-55");
    c.office("AKM01", "KZ-11");
    c
}

fn verdict_of(
    entries: &[otau_sync::messages::PullEntry],
    event: &otau_sync::SignedEvent,
) -> Verdict {
    entries.iter().find(|e| e.hash == event.hash).map(|e| e.verdict.clone()).expect("pulled")
}

fn enrolment_first_join_expired_and_reused_codes(backend: Backend) {
    let c = centre(backend);
    let code = c.code("PVL01");
    let first = Device::try_enrol(&c, &code, false).expect("first device keeps its data");
    assert_eq!(first.enrolled.mode, otau_sync::messages::EnrolMode::First);
    assert_eq!(first.enrolled.office.region, "KZ-55");
    assert!(!first.enrolled.blocks.is_empty());
    // A used code, a code for nothing and an expired one get the same answer.
    assert_eq!(Device::try_enrol(&c, &code, true).err(), Some(SyncError::EnrolCodeInvalid));
    let unknown = otau_sync::code::EnrolCode::new([9; 10], &c.cert()).format();
    assert_eq!(Device::try_enrol(&c, &unknown, true).err(), Some(SyncError::EnrolCodeInvalid));
    // A joining device must be empty; the code is not spent by the refusal.
    let join = c.code("PVL01");
    assert_eq!(Device::try_enrol(&c, &join, false).err(), Some(SyncError::EnrolNotEmpty));
    let second = Device::try_enrol(&c, &join, true).expect("joins");
    assert_eq!(second.enrolled.mode, otau_sync::messages::EnrolMode::Join);
    // A code naming another certificate is refused by the device before it sends anything.
    let wrong_pin = otau_sync::code::EnrolCode::new([1; 10], &[0; 32]).format();
    let req = support::enrol_request(&wrong_pin, &first.key, true);
    assert_eq!(CentreClient::enrol(&c.url(), &req).err(), Some(SyncError::CertificateMismatch));
    // An expired code.
    let admin = c.admin();
    let (expired, _) = admin
        .enrol_code_until("PVL01", otau_centre::clock::now() - chrono::Duration::seconds(1))
        .unwrap();
    assert_eq!(Device::try_enrol(&c, &expired, true).err(), Some(SyncError::EnrolCodeInvalid));
    assert!(admin.enrol_code("PVL01", 0).is_err(), "at least an hour");
    assert!(admin.enrol_code("NOPE1", 1).is_err(), "an office that exists");
    let devices = admin.devices().unwrap();
    assert_eq!(devices.len(), 2);
    assert!(devices.iter().all(|d| d.last_seen.is_some()));
}

fn push_and_pull_in_pages_with_duplicates_and_gaps(backend: Backend) {
    let c = centre(backend);
    let mut a = Device::enrol(&c, "PVL01", false);
    let mut b = Device::enrol(&c, "PVL01", true);
    for i in 0..25 {
        a.person(&format!("PVL01-2026-{i:05}"), Value::Null);
    }
    let r = a.push_from(1).expect("push");
    assert_eq!(r.held_through, 25);
    assert!(r.results.iter().all(|x| x.status == PushStatus::Accepted));
    assert_eq!(
        r.results.iter().map(|x| x.server_seq).collect::<Vec<_>>(),
        (1..=25).collect::<Vec<_>>()
    );
    // The same events again: acknowledged duplicates with their server seqs.
    let again = a.push_from(20).expect("duplicates");
    assert!(again.results.iter().all(|x| x.status == PushStatus::Duplicate));
    assert_eq!(again.results[0].server_seq, 20);
    // B writes too; A's events and B's interleave in one gapless office stream.
    b.person("PVL01-2026-01001", Value::Null);
    b.push_from(1).unwrap();
    a.person("PVL01-2026-00100", Value::Null);
    a.person("PVL01-2026-00101", Value::Null);
    a.person("PVL01-2026-00102", Value::Null);
    // A gap: seq 28 without 27. 26 before it is kept.
    let events = vec![a.events[25].clone(), a.events[27].clone()];
    assert_eq!(a.client.push(&events).err(), Some(SyncError::Gap { expected: 27 }));
    let rest = a.push_from(27).unwrap();
    assert_eq!(
        rest.results.iter().map(|x| x.status).collect::<Vec<_>>(),
        vec![PushStatus::Accepted, PushStatus::Accepted]
    );
    let (entries, high) = b.pull_all(0, 7);
    assert_eq!((entries.len(), high), (29, 29));
    let (rest, _) = b.pull_all(20, 1000);
    assert_eq!(rest.len(), 9);
    assert_eq!(rest[0].server_seq, 21);
    // The centre holds exactly what was accepted.
    let status = c.admin().status().unwrap();
    assert_eq!(status.events, 29);
}

fn a_different_hash_quarantines_and_changes_nothing(backend: Backend) {
    let c = centre(backend);
    let mut a = Device::enrol(&c, "PVL01", false);
    let b = Device::enrol(&c, "PVL01", true);
    a.person("PVL01-2026-00001", Value::Null);
    a.push_from(1).unwrap();
    let before = b.pull_all(0, 100);
    // Seq 1 again, with other content.
    a.events.clear();
    a.seq = 0;
    a.person("PVL01-2026-00999", Value::Null);
    assert_eq!(a.push_from(1).err(), Some(SyncError::SequenceConflict { seq: 1 }));
    let after = b.pull_all(0, 100);
    assert_eq!(before, after, "the centre's data is unchanged");
    // Quarantined: nothing but the device state.
    assert!(matches!(a.client.pull(0, 10).err(), Some(SyncError::Quarantined { .. })));
    let state = a.client.device_state(DeviceStateQuery::default()).unwrap();
    assert!(state.quarantined.is_some());
    let status = c.admin().status().unwrap();
    assert_eq!(status.quarantined.len(), 1);
    assert!(status.alerts.iter().any(|x| x.kind == "sequence-conflict"));
    assert!(c.admin().release(&a.id.to_string()).unwrap());
    assert!(a.client.pull(0, 10).is_ok());
}

fn strangers_tampering_and_replays_get_nothing(backend: Backend) {
    let c = centre(backend);
    let mut a = Device::enrol(&c, "PVL01", false);
    let mut other = Device::enrol(&c, "AKM01", false);
    a.person("PVL01-2026-00001", Value::Null);
    a.push_from(1).unwrap();
    other.person("AKM01-2026-00001", Value::Null);
    other.push_from(1).unwrap();
    // Another office's device sees only its own office.
    let (entries, _) = other.pull_all(0, 100);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].event["office"], "AKM01");
    // A tampered event: refused whole, nothing stored.
    let mut t =
        a.write("person", Op::Update, Uuid::now_v7(), json!({"phone": "1"}), json!({"phone": "2"}));
    t.event["after"]["phone"] = json!("3");
    assert!(matches!(a.client.push(&[t]), Err(SyncError::TamperedEvent { .. })));
    // An event of another device: refused.
    let foreign = other.write(
        "person",
        Op::Update,
        Uuid::now_v7(),
        json!({"phone": "1"}),
        json!({"phone": "2"}),
    );
    assert_eq!(a.client.push(&[foreign]).err(), Some(SyncError::WrongOwner));
    // A replayed request id.
    let id = Uuid::new_v4();
    let first: Result<Value, _> = a.client.call::<(), Value>(
        Method::GET,
        "/v1/pull",
        Some(&[("after", "0".into())]),
        None,
        Some(id),
    );
    assert!(first.is_ok());
    let replay: Result<Value, _> = a.client.call::<(), Value>(
        Method::GET,
        "/v1/pull",
        Some(&[("after", "0".into())]),
        None,
        Some(id),
    );
    assert_eq!(replay.err(), Some(SyncError::ReplayedRequest));
    // An unenrolled device: no session, and no answer without one.
    let stranger = CentreClient::new(&c.url(), c.cert()).unwrap();
    let mut s2 = CentreClient::new(&c.url(), c.cert()).unwrap();
    assert_eq!(
        s2.open_session(a.centre_id, Uuid::now_v7(), &a.key).err(),
        Some(SyncError::Unauthorised)
    );
    assert!(matches!(stranger.pull(0, 10).err(), Some(SyncError::Unauthorised)));
    // A device signing with a key that is not its own.
    let wrong = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    assert_eq!(s2.open_session(a.centre_id, a.id, &wrong).err(), Some(SyncError::Unauthorised));
    // The centre holds two events: one per office.
    assert_eq!(c.admin().status().unwrap().events, 2);
    // A centre pinned wrongly is never talked to.
    let pinned_wrong = CentreClient::new(&c.url(), [0; 32]).unwrap();
    assert_eq!(pinned_wrong.hello().err(), Some(SyncError::CertificateMismatch));
}

fn concurrent_edits_merge_by_the_rules(backend: Backend) {
    let c = centre(backend);
    let mut a = Device::enrol(&c, "PVL01", false);
    let (person, _) = a.person("PVL01-2026-00001", Value::Null);
    a.push_from(1).unwrap();
    let mut b = Device::enrol(&c, "PVL01", true);
    // Both edit offline: the surname (identity) and the phone (contact).
    let a_name = a.write(
        "person",
        Op::Update,
        person,
        json!({"surname": "Сейітқали", "phone": "+77015551234"}),
        json!({"surname": "Сейiтқали", "phone": "+77010000001"}),
    );
    let b_name = b.write(
        "person",
        Op::Update,
        person,
        json!({"surname": "Сейітқали", "phone": "+77015551234"}),
        json!({"surname": "Seiitkali", "phone": "+77020000002"}),
    );
    // Both register the same number offline, and the same IIN twice.
    let (_, a_dup) = a.person("PVL01-2026-00002", json!("850412310211"));
    let (_, b_dup) = b.person("PVL01-2026-00002", Value::Null);
    let (_, b_iin) = b.person("PVL01-2026-00003", json!("850412310211"));
    // Two payments of one ledger line.
    let line = Uuid::now_v7();
    let pay = |d: &mut Device| {
        d.write("ledger_entry", Op::Insert, Uuid::now_v7(), Value::Null,
        json!({"line_id": line.to_string(), "kind": "paid", "amount_tiyn": 30275000, "order_number": "PO-1"}))
    };
    let a_pay = pay(&mut a);
    let b_pay = pay(&mut b);
    a.push_from(2).unwrap();
    b.push_from(1).unwrap();
    let (entries, _) = a.pull_all(0, 100);
    let v = verdict_of(&entries, &b_name);
    assert_eq!(v.effective["surname"], "Сейiтқали", "the value accepted first stays");
    assert_eq!(v.effective["phone"], "+77020000002", "contact details take the last accepted");
    assert_eq!(v.conflicts.len(), 1);
    let k = &v.conflicts[0];
    assert_eq!(
        (k.kind, k.field.as_str(), &k.proposed),
        (ConflictKind::Field, "surname", &json!("Seiitkali"))
    );
    assert_eq!(k.kept_event.to_string(), a_name.event["event_id"].as_str().unwrap());
    assert!(verdict_of(&entries, &a_name).conflicts.is_empty());
    let v = verdict_of(&entries, &b_dup);
    assert!(v.dropped);
    assert_eq!(v.conflicts[0].kind, ConflictKind::DuplicateInsert);
    assert!(!verdict_of(&entries, &a_dup).dropped);
    let v = verdict_of(&entries, &b_iin);
    assert!(!v.dropped && v.cases.len() == 1 && v.cases[0].key == "iin");
    let v = verdict_of(&entries, &b_pay);
    assert_eq!(v.cases.len(), 1, "two payments of one line: one review case");
    assert_eq!(v.cases[0].first_event.to_string(), a_pay.event["event_id"].as_str().unwrap());
    assert!(!v.dropped, "a ledger fact is never dropped");
    // Every device derives the same ids: the verdict stored is the verdict served.
    let (again, _) = b.pull_all(0, 3);
    assert_eq!(entries, again);
}

fn a_restored_centre_is_detected_and_healed(backend: Backend) {
    let mut c = centre(backend);
    let mut a = Device::enrol(&c, "PVL01", false);
    for i in 1..=3 {
        a.person(&format!("PVL01-2026-{i:05}"), Value::Null);
    }
    a.push_from(1).unwrap();
    let snap = c.snapshot();
    a.reconnect(&c);
    for i in 4..=6 {
        a.person(&format!("PVL01-2026-{i:05}"), Value::Null);
    }
    a.push_from(4).unwrap();
    let year = chrono::Datelike::year(&otau_centre::clock::now());
    let got = a.client.blocks(&[Want { series: Series::Document, year }]);
    let extra = got.map(|b| b[0]).ok();
    let (pulled, high) = a.pull_all(0, 100);
    assert_eq!((pulled.len(), high), (6, 6));
    // The centre comes back from the copy taken at 3 events.
    c.restore(&snap);
    a.reconnect(&c);
    let facts = DeviceFacts { centre_id: Some(a.centre_id), newest_seq: 6, acked: 6, cursor: 6 };
    let state =
        a.client.device_state(DeviceStateQuery { acked: Some(6), cursor: Some(6) }).unwrap();
    assert_eq!((state.held_through, state.high), (3, 3));
    let step = plan(&facts, &state, None);
    assert_eq!(step, Plan::RestoredCentre { push_from: 4, pull_after: 3 });
    assert!(c.admin().status().unwrap().alerts.iter().any(|x| x.kind == "restored-centre"));
    // Healing: push again what was lost, report the blocks held.
    let r = a.push_from(4).unwrap();
    assert_eq!(r.held_through, 6);
    assert_eq!(r.results.iter().map(|x| x.server_seq).collect::<Vec<_>>(), vec![4, 5, 6]);
    let mut held = a.enrolled.blocks.clone();
    held.extend(extra);
    let recorded = a.client.report_blocks(&held).unwrap();
    assert_eq!(recorded.recorded as usize, extra.iter().count());
    let next = a.client.blocks(&[Want { series: Series::Document, year }]).unwrap();
    assert!(held.iter().all(|b| !b.overlaps(&next[0])), "no number handed out twice");
    let (pulled, high) = a.pull_all(3, 100);
    assert_eq!((pulled.len(), high), (3, 6));
}

fn a_restored_device_fetches_its_own_events_and_forks(backend: Backend) {
    let c = centre(backend);
    let mut a = Device::enrol(&c, "PVL01", false);
    let b = Device::enrol(&c, "PVL01", true);
    for i in 1..=5 {
        a.person(&format!("PVL01-2026-{i:05}"), Value::Null);
    }
    a.push_from(1).unwrap();
    // Restored from a backup holding 2 events: it fetches the other 3 back.
    let facts = DeviceFacts { centre_id: Some(a.centre_id), newest_seq: 2, acked: 2, cursor: 0 };
    let state =
        a.client.device_state(DeviceStateQuery { acked: Some(2), cursor: Some(0) }).unwrap();
    assert_eq!(plan(&facts, &state, None), Plan::CheckOwn { after: 2 });
    let own = a.client.own(2, 100).unwrap();
    let compare: Vec<OwnCompare> = own
        .entries
        .iter()
        .map(|e| OwnCompare { seq: e.device_seq, centre: e.hash.clone(), local: None })
        .collect();
    assert_eq!(plan(&facts, &state, Some(&compare)), Plan::FetchOwn { after: 2, through: 5 });
    for (e, mine) in own.entries.iter().zip(&a.events[2..]) {
        assert_eq!(&e.signed(), mine, "the device gets its own events back as they were");
    }
    // Restored from the backup of 2 and wrote 2 new events: seqs 3 and 4 differ, so it forks.
    let mut local: Vec<otau_sync::SignedEvent> = a.events[..2].to_vec();
    a.events.truncate(2);
    a.seq = 2;
    a.person("PVL01-2026-00901", Value::Null);
    a.person("PVL01-2026-00902", Value::Null);
    local.extend(a.events[2..].iter().cloned());
    let facts = DeviceFacts { newest_seq: 4, ..facts };
    let compare: Vec<OwnCompare> = own
        .entries
        .iter()
        .map(|e| OwnCompare {
            seq: e.device_seq,
            centre: e.hash.clone(),
            local: local.get(e.device_seq as usize - 1).map(|s| s.hash.clone()),
        })
        .collect();
    assert_eq!(plan(&facts, &state, Some(&compare)), Plan::Fork { from_seq: 3 });
    let forked = a.client.fork(3).unwrap();
    assert_eq!(forked.retired_at, 5);
    assert_eq!(a.client.pull(0, 10).err(), Some(SyncError::DeviceRetired));
    // The forked events go again under the new id from seq 1.
    let old_id = a.id;
    a.id = forked.device_id;
    a.reconnect(&c);
    let forked_events: Vec<_> = local[2..].to_vec();
    a.events.clear();
    a.seq = 0;
    for s in forked_events {
        let mut e = s.verify().unwrap();
        a.seq += 1;
        e.device_id = a.id;
        e.device_seq = a.seq;
        a.events.push(otau_sync::SignedEvent::seal(&e).unwrap());
    }
    let r = a.push_from(1).unwrap();
    assert_eq!(r.held_through, 2);
    // The old identity's events stay in the office's stream, to be received as foreign ones.
    let (entries, high) = b.pull_all(0, 100);
    assert_eq!(high, 7);
    assert_eq!(entries.iter().filter(|e| e.event["device_id"] == old_id.to_string()).count(), 5);
    assert!(c
        .admin()
        .devices()
        .unwrap()
        .iter()
        .any(|d| d.id == old_id && d.retired_at_seq == Some(5)));
}

fn number_blocks_are_handed_out_topped_up_and_never_overlap(backend: Backend) {
    let c = centre(backend);
    let a = Device::enrol(&c, "PVL01", false);
    let b = Device::enrol(&c, "PVL01", true);
    let other = Device::enrol(&c, "AKM01", false);
    let mut all = vec![];
    all.extend(a.enrolled.blocks.clone());
    all.extend(b.enrolled.blocks.clone());
    let year = a.enrolled.blocks[0].year;
    assert!(a
        .enrolled
        .blocks
        .iter()
        .any(|x| x.series == Series::Regno && x.first == 1 && x.last == 1000));
    assert!(b.enrolled.blocks.iter().any(|x| x.series == Series::Regno && x.first == 1001));
    for _ in 0..3 {
        all.extend(
            a.client
                .blocks(&[
                    Want { series: Series::Regno, year },
                    Want { series: Series::Plan, year: 0 },
                ])
                .unwrap(),
        );
        all.extend(b.client.blocks(&[Want { series: Series::Regno, year }]).unwrap());
    }
    for (i, x) in all.iter().enumerate() {
        for y in &all[i + 1..] {
            assert!(!x.overlaps(y), "{x:?} and {y:?}");
        }
    }
    // Another office numbers on its own.
    assert!(other.enrolled.blocks.iter().any(|x| x.series == Series::Regno && x.first == 1));
    // A device's state lists its blocks; what to ask for is decided on the device.
    let state = a.client.device_state(DeviceStateQuery::default()).unwrap();
    assert_eq!(
        state.blocks.iter().filter(|x| x.series == Series::Regno && x.year == year).count(),
        4
    );
    let want = otau_sync::blocks::wants(
        &state.blocks,
        chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap(),
        |_, _| 100,
    );
    assert!(want.iter().all(|w| w.year == w.series.block_year(year)), "{want:?}");
    assert!(
        a.client.blocks(&[Want { series: Series::Regno, year: year + 5 }]).is_err(),
        "only this year and the next"
    );
}

/// What pages of `max_bytes` hold, in turn, of events of `sizes`: as many as fit, at least one.
fn page_lengths(sizes: &[i64], max_bytes: i64) -> Vec<usize> {
    let mut pages = vec![];
    let (mut len, mut bytes) = (0, 0);
    for size in sizes {
        if len > 0 && bytes + size > max_bytes {
            pages.push(len);
            (len, bytes) = (0, 0);
        }
        len += 1;
        bytes += size;
    }
    pages.extend((len > 0).then_some(len));
    pages
}

fn pages_of_pull_and_own_are_bounded_by_bytes_and_hold_everything(backend: Backend) {
    let mut c = centre(backend);
    let mut a = Device::enrol(&c, "PVL01", false);
    let mut b = Device::enrol(&c, "PVL01", true);
    for i in 1..=12 {
        // Events of different sizes.
        let (id, _) = a.person(&format!("PVL01-2026-{i:05}"), Value::Null);
        if i % 3 == 0 {
            let note = "ескертпе ".repeat(i * 20);
            a.write("person", Op::Update, id, json!({"email": null}), json!({"email": note}));
        }
    }
    a.push_from(1).unwrap();
    let count = a.events.len();

    // The storage itself, with any budget.
    c.stop();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let identity = otau_centre::DataDir::new(&c.location.data).load().unwrap();
    let storage = runtime.block_on(otau_centre::open_storage(&identity, &c.location)).unwrap();
    let (all, high) = runtime.block_on(storage.pull("PVL01", 0, 1000, i64::MAX)).unwrap();
    assert_eq!((all.len(), high), (count, count as i64));
    let sizes: Vec<i64> = all.iter().map(|e| e.event.get().len() as i64).collect();
    let total: i64 = sizes.iter().sum();
    let (smallest, largest) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert_eq!(runtime.block_on(storage.pull("PVL01", 0, 5, i64::MAX)).unwrap().0.len(), 5);
    for budget in [1, smallest + smallest / 2, *largest, 3 * largest, total / 2, total] {
        let expected = page_lengths(&sizes, budget);
        assert_eq!(expected.len() > 1, budget < total);
        let (mut pulled, mut lengths, mut after) = (vec![], vec![], 0);
        loop {
            let (page, h) = runtime.block_on(storage.pull("PVL01", after, 1000, budget)).unwrap();
            assert_eq!(h, count as i64, "high stays the office's");
            let Some(last) = page.last() else { break };
            after = last.server_seq;
            lengths.push(page.len());
            pulled.extend(page.iter().map(|e| (e.server_seq, e.hash.clone())));
        }
        assert_eq!(lengths, expected, "pull, budget {budget}");
        let every: Vec<(i64, String)> =
            all.iter().map(|e| (e.server_seq, e.hash.clone())).collect();
        assert_eq!(pulled, every, "pull, budget {budget}: each event once, in order");
        let (mut own, mut lengths, mut after) = (vec![], vec![], 0);
        loop {
            let page = runtime.block_on(storage.own(a.id, after, 1000, budget)).unwrap();
            let Some(last) = page.last().and_then(|e| e.device_seq) else { break };
            after = last;
            lengths.push(page.len());
            own.extend(page.iter().map(|e| (e.server_seq, e.hash.clone())));
        }
        assert_eq!(lengths, expected, "own, budget {budget}");
        assert_eq!(own, every, "own, budget {budget}: each event once, in order");
    }
    drop(storage);

    // Over HTTP, with the centre's budget: a short page, and the device pulls to the end.
    let budget = 2 * largest;
    let expected = page_lengths(&sizes, budget);
    assert!(expected.len() > 2);
    c.page_bytes = budget;
    c.start();
    a.reconnect(&c);
    b.reconnect(&c);
    let page = b.client.pull(0, 1000).unwrap();
    assert_eq!((page.entries.len(), page.high), (expected[0], count as i64));
    let (entries, high) = b.pull_all(0, 1000);
    assert_eq!((entries.len(), high), (count, count as i64));
    assert_eq!(a.client.own(0, 1000).unwrap().entries.len(), expected[0]);
}

fn reference_data_streams_in_order(backend: Backend) {
    let c = centre(backend);
    let a = Device::enrol(&c, "PVL01", false);
    let page = a.client.reference(0, 5).unwrap();
    assert_eq!(page.items.len(), 5);
    assert!(page.high > 20);
    let mut all = vec![];
    let mut cursor = 0;
    loop {
        let p = a.client.reference(cursor, 10).unwrap();
        let Some(last) = p.items.last() else { break };
        cursor = last.ref_seq;
        all.extend(p.items);
    }
    for kind in ["mci_row", "subsidy_rule", "quota_row", "office", "office_key"] {
        assert!(all.iter().any(|i| i.kind == kind), "{kind}");
    }
    assert!(all.iter().any(|i| i.kind == "office" && i.key == "AKM01"));
    assert!(all.iter().any(|i| i.kind == "office_key"
        && i.record["public_key"] == hex::encode(a.key.verifying_key().to_bytes())));
    let admin = c.admin();
    admin.mci_add("2027-01-01", "social_payments", 4500, None).unwrap();
    admin.quota_set("KZ-55", 2027, 900, "2027-01-01", None).unwrap();
    let p = a.client.reference(cursor, 10).unwrap();
    let kinds: Vec<(&str, &str)> =
        p.items.iter().map(|i| (i.kind.as_str(), i.key.as_str())).collect();
    assert_eq!(
        kinds,
        vec![("mci_row", "2027-01-01|social_payments"), ("quota_row", "KZ-55|2027|2027-01-01")]
    );
}

fn an_unsupported_protocol_is_refused_politely(backend: Backend) {
    let c = centre(backend);
    let hello = CentreClient::new(&c.url(), c.cert()).unwrap().hello().unwrap();
    assert_eq!((hello.protocol.min, hello.protocol.max), (1, 1));
    let newer = CentreClient::new(&c.url(), c.cert()).unwrap().with_protocol(2);
    match newer.hello() {
        Err(SyncError::ProtocolUnsupported { ours, theirs }) => {
            assert_eq!((ours.min, theirs.min, theirs.max), (2, 1, 1));
        }
        other => panic!("{other:?}"),
    }
    // An event of a newer wire version is refused the same way.
    let mut a = Device::enrol(&c, "PVL01", false);
    let mut s =
        a.write("person", Op::Update, Uuid::now_v7(), json!({"phone": "1"}), json!({"phone": "2"}));
    s.event["wire"] = json!(2);
    s.hash = otau_sync::envelope::hash_of(&s.event);
    assert_eq!(a.client.push(&[s]).err(), Some(SyncError::WireUnsupported { wire: 2, known: 1 }));
}

#[test]
fn plain_http_on_loopback_serves_the_same_api() {
    let c = centre(Backend::Sqlite).plain_http();
    assert!(c.url().starts_with("http://127.0.0.1:"));
    let mut a = Device::enrol(&c, "PVL01", false);
    a.person("PVL01-2026-00001", Value::Null);
    assert_eq!(a.push_from(1).unwrap().held_through, 1);
    assert_eq!(a.pull_all(0, 10).0.len(), 1);
    // Plain HTTP to anything but loopback is refused by the client.
    assert!(matches!(
        CentreClient::new("http://192.0.2.1:8443", [0; 32]),
        Err(SyncError::BadRequest { .. })
    ));
}

/// A device's packet sealed to the centre (what `otau packet export` writes).
fn device_packet(
    c: &TestCentre,
    d: &Device,
    enrol: Option<otau_sync::messages::EnrolRequest>,
    acked: i64,
    cursor: i64,
) -> Vec<u8> {
    use otau_sync::packet::{self, Header, PacketKind, Party, PartyKind};
    let events: Vec<_> = d.events.iter().skip(acked as usize).cloned().collect();
    let content = otau_sync::carried::DevicePacket {
        device_id: d.id,
        office: d.office.clone(),
        acked,
        cursor,
        reference_cursor: 0,
        events,
        blocks_held: vec![],
        wants: vec![Want { series: Series::Plan, year: 0 }],
        enrol: enrol.clone(),
    };
    let centre = c.admin().identity;
    let header = Header {
        kind: if enrol.is_some() { PacketKind::Enrolment } else { PacketKind::FromDevice },
        packet_id: Uuid::now_v7(),
        sender: Party { kind: PartyKind::Device, id: d.id },
        recipient: Party { kind: PartyKind::Centre, id: centre.id },
        office: d.office.clone(),
        first: acked + 1,
        last: d.seq,
    };
    let bytes = serde_json::to_vec(&content).unwrap();
    let to = packet::recipient_key(&centre.key.verifying_key());
    let sealed = packet::seal(header, &bytes, &d.key, to, [5; 32], [6; 12]).unwrap();
    packet::write(&sealed)
}

/// Opens the centre's packet as the device does.
fn centre_packet(c: &TestCentre, d: &Device, bytes: &[u8]) -> otau_sync::carried::CentrePacket {
    use otau_sync::packet::{self, PacketKey, Party, PartyKind};
    let p = packet::read(bytes).unwrap();
    let me = Party { kind: PartyKind::Device, id: d.id };
    let centre_key = c.admin().identity.key.verifying_key();
    let content = packet::open(&p, me, &PacketKey::of(&d.key), Some(&centre_key)).unwrap();
    serde_json::from_slice(&content).unwrap()
}

fn packets_carry_the_same_push_and_pull_exactly_once(backend: Backend) {
    use otau_sync::packet::PacketError;
    let c = centre(backend);
    let admin = c.admin();
    let mut a = Device::enrol(&c, "PVL01", false);
    let mut b = Device::enrol(&c, "PVL01", true);
    for i in 1..=3 {
        a.person(&format!("PVL01-2026-0000{i}"), Value::Null);
    }
    // a's events go by packet; b's by HTTPS.
    let p1 = device_packet(&c, &a, None, 0, 0);
    let done = admin.packet_import(&p1).unwrap();
    assert_eq!((done.events, done.accepted, done.duplicates), (3, 3, 0));
    assert_eq!(done.blocks_given, 1, "the plan block asked for");
    let replay = admin.packet_import(&p1).unwrap_err();
    assert!(matches!(replay, otau_centre::CentreError::Packet(PacketError::Replayed { .. })));
    b.person("PVL01-2026-01001", Value::Null);
    b.push_from(1).unwrap();
    // A later packet repeats what was not acknowledged: taken once.
    a.person("PVL01-2026-00004", Value::Null);
    let p2 = device_packet(&c, &a, None, 0, 0);
    let done = admin.packet_import(&p2).unwrap();
    assert_eq!((done.accepted, done.duplicates), (1, 3));
    // The centre's packet for a: its four events acknowledged, the office's five events.
    let (bytes, out) = admin.packet_export(&a.id.to_string()).unwrap();
    assert_eq!((out.after, out.high, out.events, out.acknowledged), (0, 5, 5, 4));
    let back = centre_packet(&c, &a, &bytes);
    assert_eq!(back.held_through, 4);
    assert_eq!(back.own.iter().map(|o| o.device_seq).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    assert!(back.entries.iter().any(|e| e.event["device_id"] == json!(b.id)));
    assert!(back.blocks.iter().any(|bl| bl.series == Series::Plan), "{:?}", back.blocks);
    assert!(!back.reference.is_empty(), "the reference data goes too");
    // Once a reports its cursor, the next packet starts there.
    let p3 = device_packet(&c, &a, None, 4, 5);
    assert_eq!(admin.packet_import(&p3).unwrap().accepted, 0);
    let (_, out) = admin.packet_export(&a.id.to_string()).unwrap();
    assert_eq!((out.after, out.events, out.acknowledged), (5, 0, 0));
    // A packet for another centre, and one of a stranger, change nothing.
    let events_before = admin.status().unwrap().events;
    let mut stranger = Device::enrol(&c, "AKM01", false);
    stranger.id = Uuid::now_v7();
    stranger.person("AKM01-2026-00001", Value::Null);
    let err = admin.packet_import(&device_packet(&c, &stranger, None, 0, 0)).unwrap_err();
    assert!(matches!(err, otau_centre::CentreError::Packet(PacketError::UnknownSender { .. })));
    assert_eq!(admin.status().unwrap().events, events_before);
    // A device with no line enrols by packet with the centre's card code.
    c.office("MNG01", "KZ-47");
    let (code, _, card) = admin.enrol_card("MNG01", 24).unwrap();
    assert_eq!(card.office.code, "MNG01");
    // (A key and an id of its own: the HTTPS enrolment only lends the synthetic device.)
    let mut field = Device::enrol(&c, "PVL01", true);
    field.id = Uuid::now_v7();
    field.office = "MNG01".into();
    field.person("MNG01-2026-00007", Value::Null);
    let mut req = support::enrol_request(&code, &field.key, false);
    req.device_id = Some(field.id);
    let done = admin.packet_import(&device_packet(&c, &field, Some(req.clone()), 0, 0)).unwrap();
    assert!(done.enrolled);
    assert_eq!(done.accepted, 1);
    // The card's code does not work over HTTPS, where the certificate is what a device pins.
    let (https_code, _, _) = admin.enrol_card("MNG01", 24).unwrap();
    let refused = otau_sync::client::CentreClient::enrol(
        &c.url(),
        &support::enrol_request(&https_code, &field.key, true),
    );
    assert_eq!(refused.err(), Some(SyncError::CertificateMismatch));
}

fn the_same_person_in_two_offices_becomes_one_case_as_events_arrive(backend: Backend) {
    let c = centre(backend);
    let mut pvl = Device::enrol(&c, "PVL01", false);
    let mut akm = Device::enrol(&c, "AKM01", false);
    let mut pvl2 = Device::enrol(&c, "PVL01", true);
    let person = |d: &mut Device, regno: &str, surname: &str, iin: Value| {
        let id = Uuid::now_v7();
        d.write(
            "person",
            Op::Insert,
            id,
            Value::Null,
            json!({"regno": regno, "iin": iin, "surname": surname, "given_name": "Нұрсұлтан",
                "birth_date": "1985-04-12", "sex": "male", "phone": null, "email": null}),
        );
        id
    };
    // The same name in two scripts and the same birth date, in two offices: one case.
    let kk = person(&mut pvl, "PVL01-2026-00001", "Сейітқали", Value::Null);
    pvl.push_from(1).unwrap();
    let lat = person(&mut akm, "AKM01-2026-00001", "SEIITKALI", json!("850412310211"));
    akm.push_from(1).unwrap();
    let cases = c.admin().cross_cases().unwrap();
    assert_eq!(cases.len(), 1, "{cases:#?}");
    assert_eq!(
        (cases[0].office_a.as_str(), cases[0].office_b.as_str()),
        ("PVL01", "AKM01"),
        "{cases:#?}"
    );
    assert_eq!(
        (cases[0].person_a.clone(), cases[0].person_b.clone()),
        (kk.to_string(), lat.to_string())
    );
    assert!(cases[0].key.starts_with("name:"), "{}", cases[0].key);
    // Within one office the same keys are not a case (the office's own check sees them).
    person(&mut pvl2, "PVL01-2026-01001", "Сейиткали", Value::Null);
    pvl2.push_from(1).unwrap();
    assert_eq!(c.admin().cross_cases().unwrap().len(), 2, "the laptop's person meets AKM01's");
    // The same IIN under another name: found by the IIN; the same pair again is one case.
    person(&mut pvl, "PVL01-2026-00002", "Басқа", json!("850412310211"));
    pvl.push_from(2).unwrap();
    let cases = c.admin().cross_cases().unwrap();
    assert_eq!(cases.len(), 3, "{cases:#?}");
    assert!(cases.iter().any(|k| k.key == "iin:850412310211"), "{cases:#?}");
    // Pushing the same events again finds nothing new.
    akm.push_from(1).unwrap();
    assert_eq!(c.admin().cross_cases().unwrap().len(), 3);
}

/// A family registered with its head (IIN or not), as an office device writes it.
fn family(d: &mut Device, regno: &str, surname: &str, iin: Value) -> (Uuid, Uuid) {
    let (family, head) = (Uuid::now_v7(), Uuid::now_v7());
    d.write(
        "family",
        Op::Insert,
        family,
        Value::Null,
        json!({"regno": regno, "registered_on": "2026-11-02", "arrival_date": "2026-11-02",
            "region": "KZ-55", "settlement": "Павлодар", "country_of_origin": "UZ"}),
    );
    d.write(
        "person",
        Op::Insert,
        head,
        Value::Null,
        json!({"family_id": family.to_string(), "regno": regno, "relation": "head", "iin": iin,
            "surname": surname, "given_name": "Ержан", "patronymic": null,
            "birth_date": "1984-03-02", "sex": "male", "phone": null, "email": null}),
    );
    (family, head)
}

/// A ledger entry of a family's line: `paid` (a new line) or `reversed` (of `line`).
fn ledger(d: &mut Device, family: Uuid, kind: &str, subsidy: &str, line: Option<Uuid>) -> Uuid {
    let entry = Uuid::now_v7();
    let paid = kind == "paid";
    d.write(
        "ledger_entry",
        Op::Insert,
        entry,
        Value::Null,
        json!({"line_id": line.unwrap_or(entry).to_string(), "family_id": family.to_string(),
            "decision_id": Uuid::now_v7().to_string(), "instalment_id": Uuid::now_v7().to_string(),
            "subsidy_kind": subsidy, "kind": kind, "due_date": "2026-12-01",
            "amount_tiyn": 30_275_000, "paid_on": if paid { json!("2026-12-01") } else { Value::Null },
            "order_number": if paid { json!("ПП-17") } else { Value::Null }}),
    );
    entry
}

/// The payment cases handed to a device's office.
fn handed_payments(d: &Device) -> Vec<Value> {
    let page = d.client.reference(0, 5000).expect("reference");
    page.items.into_iter().filter(|i| i.kind == "payment_duplicate").map(|i| i.record).collect()
}

fn one_family_paid_a_one_time_subsidy_in_two_offices_becomes_a_case_in_both(backend: Backend) {
    let c = centre(backend);
    let admin = c.admin();
    let mut pvl = Device::enrol(&c, "PVL01", false);
    let mut akm = Device::enrol(&c, "AKM01", false);
    // PVL01 pays first, then AKM01 pays the same family (the same IIN): one case.
    let (f1, _) = family(&mut pvl, "PVL01-2026-00001", "Қасымов", json!("840302300018"));
    let e1 = ledger(&mut pvl, f1, "paid", "relocation", None);
    pvl.push_from(1).unwrap();
    let (f2, _) = family(&mut akm, "AKM01-2026-00001", "Kasymov", json!("840302300018"));
    let e2 = ledger(&mut akm, f2, "paid", "relocation", None);
    akm.push_from(1).unwrap();
    let cases = admin.payment_cases().unwrap();
    assert_eq!(cases.len(), 1, "{cases:#?}");
    assert_eq!((cases[0].office_a.as_str(), cases[0].office_b.as_str()), ("PVL01", "AKM01"));
    assert_eq!(
        (cases[0].entry_a.clone(), cases[0].entry_b.clone()),
        (e1.to_string(), e2.to_string())
    );
    assert_eq!(cases[0].key, "iin:840302300018");
    assert_eq!(cases[0].subsidy_kind, "relocation");
    // Handed to both offices, each with its own payment beside the other's.
    let (on_pvl, on_akm) = (handed_payments(&pvl), handed_payments(&akm));
    assert_eq!((on_pvl.len(), on_akm.len()), (1, 1), "{on_pvl:#?} {on_akm:#?}");
    assert_eq!(on_pvl[0]["case_id"], on_akm[0]["case_id"]);
    assert_eq!(on_pvl[0]["here"]["regno"], "PVL01-2026-00001");
    assert_eq!(on_pvl[0]["here"]["head"], "Қасымов Ержан");
    assert_eq!(on_pvl[0]["other"]["office"], "AKM01");
    assert_eq!(on_pvl[0]["other"]["regno"], "AKM01-2026-00001");
    assert_eq!(on_pvl[0]["other"]["head"], "Kasymov Ержан");
    assert_eq!(on_pvl[0]["other"]["amount_tiyn"], 30_275_000);
    assert_eq!(on_pvl[0]["other"]["paid_on"], "2026-12-01");
    assert_eq!(on_akm[0]["here"]["office"], "AKM01");
    assert_eq!(on_akm[0]["other"]["regno"], "PVL01-2026-00001");
    assert_eq!(on_akm[0]["subsidy_kind"], "relocation");

    // Replayed by HTTPS and by packet: nothing new.
    akm.push_from(1).unwrap();
    let done = admin.packet_import(&device_packet(&c, &akm, None, 0, 0)).unwrap();
    assert_eq!((done.accepted, done.duplicates), (0, 3));
    assert_eq!(admin.payment_cases().unwrap().len(), 1);
    assert_eq!(handed_payments(&pvl).len(), 1);

    // The other order: AKM01 pays the mobility certificate first, PVL01 after; found too.
    ledger(&mut akm, f2, "paid", "mobility_certificate", None);
    akm.push_from(4).unwrap();
    assert_eq!(admin.payment_cases().unwrap().len(), 1, "PVL01 has not paid it");
    ledger(&mut pvl, f1, "paid", "mobility_certificate", None);
    pvl.push_from(4).unwrap();
    let cases = admin.payment_cases().unwrap();
    assert_eq!(cases.len(), 2, "{cases:#?}");
    assert_eq!(cases[1].subsidy_kind, "mobility_certificate");
    assert_eq!((cases[1].office_a.as_str(), cases[1].office_b.as_str()), ("AKM01", "PVL01"));

    // A reversed payment, another kind, a monthly subsidy: no case.
    let (f3, _) = family(&mut pvl, "PVL01-2026-00002", "Бекова", json!("900101400015"));
    let paid = ledger(&mut pvl, f3, "paid", "relocation", None);
    ledger(&mut pvl, f3, "reversed", "relocation", Some(paid));
    let (f4, _) = family(&mut pvl, "PVL01-2026-00003", "Омаров", json!("750505300012"));
    ledger(&mut pvl, f4, "paid", "relocation", None);
    let (f5, _) = family(&mut pvl, "PVL01-2026-00004", "Жанов", json!("800808300017"));
    ledger(&mut pvl, f5, "paid", "rent", None);
    pvl.push_from(5).unwrap();
    let (g3, _) = family(&mut akm, "AKM01-2026-00002", "Bekova", json!("900101400015"));
    ledger(&mut akm, g3, "paid", "relocation", None);
    let (g4, _) = family(&mut akm, "AKM01-2026-00003", "Omarov", json!("750505300012"));
    ledger(&mut akm, g4, "paid", "mobility_certificate", None);
    let (g5, _) = family(&mut akm, "AKM01-2026-00004", "Zhanov", json!("800808300017"));
    ledger(&mut akm, g5, "paid", "rent", None);
    akm.push_from(5).unwrap();
    assert_eq!(admin.payment_cases().unwrap().len(), 2, "{:#?}", admin.payment_cases());

    // Two families paid apart, linked later when one office records the IIN: found then.
    let (f6, _) = family(&mut pvl, "PVL01-2026-00005", "Сәрсенов", json!("660606300019"));
    ledger(&mut pvl, f6, "paid", "relocation", None);
    pvl.push_from(pvl.seq - 2).unwrap();
    let (g6, head) = family(&mut akm, "AKM01-2026-00005", "Sarsenuly", Value::Null);
    ledger(&mut akm, g6, "paid", "relocation", None);
    akm.push_from(akm.seq - 2).unwrap();
    assert_eq!(admin.payment_cases().unwrap().len(), 2);
    akm.write("person", Op::Update, head, json!({"iin": null}), json!({"iin": "660606300019"}));
    akm.push_from(akm.seq).unwrap();
    assert_eq!(admin.payment_cases().unwrap().len(), 3);

    // A decision in AKM01 reaches PVL01 and marks the case at the centre.
    let case = cases[0].id.clone();
    akm.write(
        "payment_decision",
        Op::Insert,
        Uuid::now_v7(),
        Value::Null,
        json!({"case_id": case, "office_code": "AKM01", "decision": "recover",
            "reason": "екі рет төленді", "decided_by": "manager", "decided_at": "2026-12-06T11:00:00.000Z"}),
    );
    akm.push_from(akm.seq).unwrap();
    let decided = admin.payment_cases().unwrap();
    assert_eq!(decided.iter().find(|k| k.id == case).map(|k| k.state.as_str()), Some("recover"));
    let page = pvl.client.reference(0, 5000).unwrap();
    let decision: Vec<_> = page.items.iter().filter(|i| i.kind == "payment_decision").collect();
    assert_eq!(decision.len(), 1);
    assert_eq!(decision[0].record["reason"], "екі рет төленді");
    let own = akm.client.reference(0, 5000).unwrap();
    assert!(!own.items.iter().any(|i| i.kind == "payment_decision"), "not sent back to its office");
}

/// A key made after enrolment (`otau key rotate`) reaches the other offices once through the
/// reference data, named as enrolment names keys; the device's first key is not handed twice.
fn a_rotated_office_key_reaches_every_other_office(backend: Backend) {
    let c = centre(backend);
    let mut pvl = Device::enrol(&c, "PVL01", false);
    let akm = Device::enrol(&c, "AKM01", false);
    let keys_of = |d: &Device| -> Vec<String> {
        let page = d.client.reference(0, 5000).expect("reference");
        page.items
            .into_iter()
            .filter(|i| i.kind == "office_key" && i.record["office_code"] == "PVL01")
            .map(|i| i.record["public_key"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let first = hex::encode(pvl.key.verifying_key().to_bytes());
    assert_eq!(keys_of(&akm), vec![first.clone()]);
    // The device installs its first key as a record, then rotates to a new one.
    let rotated = ed25519_dalek::SigningKey::from_bytes(&[42; 32]).verifying_key().to_bytes();
    for public in [pvl.key.verifying_key().to_bytes(), rotated] {
        pvl.write(
            "office_key",
            Op::Insert,
            Uuid::now_v7(),
            Value::Null,
            json!({"public_key": otau_print::seal::encode_key(&public), "secret_key": "",
                "created_at": "2026-12-06T10:00:00.000Z"}),
        );
    }
    pvl.push_from(1).unwrap();
    assert_eq!(keys_of(&akm), vec![first, hex::encode(rotated)]);
}

macro_rules! stories {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name(super::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() { super::$name(super::Backend::Postgres) } )*
        }
    };
}

stories!(
    enrolment_first_join_expired_and_reused_codes,
    push_and_pull_in_pages_with_duplicates_and_gaps,
    a_different_hash_quarantines_and_changes_nothing,
    strangers_tampering_and_replays_get_nothing,
    concurrent_edits_merge_by_the_rules,
    a_restored_centre_is_detected_and_healed,
    a_restored_device_fetches_its_own_events_and_forks,
    number_blocks_are_handed_out_topped_up_and_never_overlap,
    pages_of_pull_and_own_are_bounded_by_bytes_and_hold_everything,
    reference_data_streams_in_order,
    an_unsupported_protocol_is_refused_politely,
    packets_carry_the_same_push_and_pull_exactly_once,
    the_same_person_in_two_offices_becomes_one_case_as_events_arrive,
    one_family_paid_a_one_time_subsidy_in_two_offices_becomes_a_case_in_both,
    a_rotated_office_key_reaches_every_other_office,
);
