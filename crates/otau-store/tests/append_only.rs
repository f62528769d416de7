//! Append-only tables stay append-only whatever SQL is tried on them: a replacing insert, an
//! upsert or a replacing update of any row is refused and changes nothing, and the `ledger_lines`
//! projection only ever holds what the ledger entries say. The ordinary operations that write
//! these tables (register, issue, void, approve, pay, close a month) still work.

mod common;

use chrono::{Datelike, NaiveDate};
use common::*;
use otau_core::casework::quota::QuotaRow;
use otau_core::casework::status::{Decision, Recommendation};
use otau_core::iin::check_digit;
use otau_core::model::{ConsentInput, FamilyInput, MemberInput, Relation, Sex};
use otau_core::subsidy::SubsidyKind;
use otau_print::{DocumentContent, Month};
use otau_store::casework::status::{Scope, StatusStages};
use otau_store::documents::RegistryOnly;
use otau_store::{Actor, Duplicates, NewUser, PrepareRequest, Role};
use rusqlite::types::Value;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A valid IIN for a birth date and sex; `serial` makes it unique.
fn iin(birth: NaiveDate, sex: Sex, serial: u32) -> String {
    let century = match (birth.year() / 100, sex) {
        (19, Sex::Male) => 3,
        (19, Sex::Female) => 4,
        (_, Sex::Male) => 5,
        (_, Sex::Female) => 6,
    };
    (serial..)
        .find_map(|n| {
            let text = format!(
                "{:02}{:02}{:02}{century}{:04}",
                birth.year() % 100,
                birth.month(),
                birth.day(),
                n % 10_000
            );
            let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
            let first11: [u8; 11] = digits.try_into().expect("11 digits");
            check_digit(&first11).map(|check| format!("{text}{check}"))
        })
        .expect("some serial has a check digit")
}

/// A family of two with IINs (a payment needs them), arriving in January 2024.
fn family(tag: u32) -> FamilyInput {
    let member = |relation, given: &str, sex, birth: &str, serial| MemberInput {
        relation,
        surname: "Оразов".into(),
        given_name: given.into(),
        patronymic: None,
        surname_latin: None,
        given_name_latin: None,
        patronymic_latin: None,
        birth_date: d(birth),
        sex,
        iin: Some(iin(d(birth), sex, serial)),
        citizenship: None,
        education: None,
        document: None,
        phone: None,
        email: None,
        consent: Some(ConsentInput::signed_form(d("2024-01-15"))),
        no_consent: None,
    };
    FamilyInput {
        arrival_date: d("2024-01-15"),
        country_of_origin: "UZ".into(),
        region: "KZ-55".into(),
        settlement: "Павлодар".into(),
        accommodation_category: None,
        address: None,
        members: vec![
            member(Relation::Head, "Нұрлан", Sex::Male, "1981-04-12", tag * 100),
            member(Relation::Spouse, "Әлия", Sex::Female, "1984-09-03", tag * 100 + 50),
        ],
    }
}

fn user(o: &mut TestOffice, login: &str, role: Role) -> Actor {
    let admin = o.admin.clone();
    o.store
        .add_user(
            &ctx(&admin),
            &NewUser { login: login.into(), role, full_name: None, password: "pw-123456".into() },
        )
        .expect("add user");
    o.store.sign_in(login, "pw-123456").expect("sign in")
}

/// An office with a row in every append-only table, made by the ordinary operations: a family
/// with a relocation decision approved (one line) and another paid, a certificate issued and
/// voided, a closed month, and an earlier identity of the device.
fn office_with_history() -> TestOffice {
    let mut o = office();
    let admin = o.admin.clone();
    let clerk = user(&mut o, "aigerim", Role::Clerk);
    let manager = user(&mut o, "marat", Role::Manager);
    // Only 2026 has shipped regional figures; an administrator sets 2024's.
    let quota = QuotaRow {
        region: "KZ-55".into(),
        year: 2024,
        people: 1_000,
        effective_from: d("2024-01-01"),
        note: None,
    };
    o.store.set_quota(&ctx(&admin), &quota).expect("quota 2024");
    let mut numbers = vec![];
    for tag in [1, 2] {
        let reg = o
            .store
            .register_family(&ctx(&admin), &family(tag), Duplicates::Allow)
            .expect("register");
        let head = reg.members.iter().find(|m| m.relation == Relation::Head).expect("head");
        let on = d("2024-01-15");
        let stages = StatusStages {
            applied_on: Some(on),
            recommended_on: Some(on),
            recommendation: Some(Recommendation::Recommended),
            decided_on: Some(on),
            decision: Some(Decision::Granted),
            refusal_reason: None,
        };
        o.store
            .record_status(&ctx(&admin), &head.regno, &stages, Scope::Person, None)
            .expect("status");
        o.store.include_in_quota(&ctx(&admin), &reg.family_regno, on, None, None).expect("quota");
        let request = PrepareRequest {
            family: reg.family_regno.clone(),
            kind: SubsidyKind::Relocation,
            decided_on: d("2024-03-01"),
            first_due_on: None,
            settlement_type: None,
            housing_cost: None,
            months: None,
            note: None,
        };
        let decision = o.store.prepare_decision(&ctx(&clerk), &request).expect("prepare");
        o.store.approve(&ctx(&manager), &decision.number, &[]).expect("approve");
        numbers.push(decision.number);
    }
    o.store.pay(&ctx(&manager), &numbers[1], &[], "1234", d("2024-03-20")).expect("pay");

    let regno = o.store.find("Оразов", 1).expect("find")[0].family_regno.clone();
    let (family_id, data) = o.store.certificate_data(&regno).expect("certificate data");
    let (doc, ()) = o
        .store
        .issue_document(&ctx(&admin), Some(family_id), DocumentContent::Certificate(data), |_| {
            Ok(())
        })
        .expect("issue");
    o.store.void_document(&ctx(&manager), &doc.number, "misprint").expect("void");
    let oct: Month = "2026-10".parse().expect("month");
    o.store.close_month(&ctx(&manager), oct, &RegistryOnly).expect("close month");
    // Only a restore from a backup writes this table; a plain insert is what it does.
    o.store
        .raw_connection()
        .execute(
            "INSERT INTO device_incarnations (device_id, retired_after, retired_at)
             VALUES ('0190d3a2-0000-7000-8000-000000000001', 3, '2026-11-01T00:00:00Z')",
            [],
        )
        .expect("an earlier identity");
    o
}

/// Every row of a table, every column, in rowid order (the rowid with them).
fn rows(conn: &rusqlite::Connection, table: &str) -> Vec<Vec<Value>> {
    let mut stmt =
        conn.prepare(&format!("SELECT rowid, * FROM {table} ORDER BY rowid")).expect("prepare");
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// The `ledger_lines` projection (a table without rowid), every column, by line.
fn lines(conn: &rusqlite::Connection) -> Vec<Vec<Value>> {
    let mut stmt = conn.prepare("SELECT * FROM ledger_lines ORDER BY line_id").expect("prepare");
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("lines")
}

/// The stored columns of a table (generated columns are not written).
fn stored_columns(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    conn.prepare("SELECT name FROM pragma_table_info(?1)")
        .expect("prepare")
        .query_map([table], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("columns")
}

/// An append-only table, the row tried (`WHERE`), a column to change with its new value, and
/// the key columns whose change alone meets another unique key of the row (a second row with
/// the same number, document or month replaces the first).
struct Case {
    table: &'static str,
    row: &'static str,
    column: &'static str,
    value: &'static str,
    other_key_by_new: &'static str,
}

const CASES: &[Case] = &[
    Case {
        table: "events",
        row: "seq = 1",
        column: "chain_hash",
        value: "'forged'",
        other_key_by_new: "seq",
    },
    Case {
        table: "office_signing_keys",
        row: "1",
        column: "public_key",
        value: "'forged'",
        other_key_by_new: "",
    },
    Case {
        table: "subsidy_rules",
        row: "1",
        column: "body",
        value: "'{}'",
        other_key_by_new: "id",
    },
    Case {
        table: "subsidy_decisions",
        row: "1",
        column: "note",
        value: "'forged'",
        other_key_by_new: "id",
    },
    Case {
        table: "subsidy_instalments",
        row: "1",
        column: "due_date",
        value: "'2099-01-01'",
        other_key_by_new: "id",
    },
    // The approved entry: rewriting it names another approver.
    Case {
        table: "ledger_entries",
        row: "kind = 'approved'",
        column: "acted_by",
        value: "'forged'",
        other_key_by_new: "",
    },
    Case {
        table: "issued_documents",
        row: "1",
        column: "subject_label",
        value: "'forged'",
        other_key_by_new: "id",
    },
    // Replacing the void with one of another document un-voids the first.
    Case {
        table: "document_voids",
        row: "1",
        column: "reason",
        value: "'forged'",
        other_key_by_new: "id",
    },
    Case {
        table: "closed_months",
        row: "1",
        column: "summary_json",
        value: "'{}'",
        other_key_by_new: "id",
    },
    Case {
        table: "device_incarnations",
        row: "1",
        column: "retired_at",
        value: "'forged'",
        other_key_by_new: "",
    },
];

/// The statements that would rewrite a row of `case` without an UPDATE or DELETE statement.
fn attempts(conn: &rusqlite::Connection, case: &Case) -> Vec<String> {
    let Case { table, row, column, value, other_key_by_new } = case;
    let cols = stored_columns(conn, table);
    let list = cols.join(", ");
    let changed = |which: &str, to: &str| -> String {
        cols.iter()
            .map(|c| if c == which { to.to_string() } else { c.clone() })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let one = format!("FROM {table} WHERE {row} ORDER BY rowid LIMIT 1");
    let mut out = vec![
        format!("INSERT OR REPLACE INTO {table} ({list}) SELECT {} {one}", changed(column, value)),
        format!("REPLACE INTO {table} ({list}) SELECT {} {one}", changed(column, value)),
        format!(
            "INSERT INTO {table} ({list}) SELECT {list} {one} ON CONFLICT DO UPDATE SET {column} = {value}"
        ),
        format!("UPDATE OR REPLACE {table} SET {column} = {value} WHERE rowid = (SELECT rowid {one})"),
    ];
    // The same rowid under a new key replaces the row the rowid names.
    let first = &cols[0];
    if *table != "events" {
        out.push(format!(
            "INSERT OR REPLACE INTO {table} (rowid, {list}) SELECT rowid, {} {one}",
            changed(first, &format!("{first} || '-new'"))
        ));
    }
    if !other_key_by_new.is_empty() {
        let fresh = if *other_key_by_new == "seq" {
            "(SELECT MAX(seq) + 1000 FROM events)".to_string()
        } else {
            format!("{other_key_by_new} || '-new'")
        };
        out.push(format!(
            "INSERT OR REPLACE INTO {table} ({list}) SELECT {} {one}",
            changed(other_key_by_new, &fresh)
        ));
    }
    out
}

#[test]
fn finding_3_replace_and_upsert_never_rewrite_an_append_only_row() {
    let o = office_with_history();
    let conn = o.store.raw_connection();
    for case in CASES {
        let before = rows(conn, case.table);
        assert!(!before.is_empty(), "{} has rows to try", case.table);
        for sql in attempts(conn, case) {
            let err = conn.execute(&sql, []).expect_err(&sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
            assert_eq!(rows(conn, case.table), before, "{sql} changed {}", case.table);
        }
    }
}

#[test]
fn finding_3_ledger_lines_hold_only_what_the_entries_say() {
    let mut o = office_with_history();
    let before = lines(o.store.raw_connection());
    assert_eq!(before.len(), 2);
    let conn = o.store.raw_connection();
    let cols = stored_columns(conn, "ledger_lines").join(", ");
    let approved = "(SELECT line_id FROM ledger_lines WHERE state = 'approved')";
    for sql in [
        format!("UPDATE ledger_lines SET state = 'paid' WHERE line_id = {approved}"),
        format!("UPDATE OR REPLACE ledger_lines SET amount_tiyn = 1 WHERE line_id = {approved}"),
        format!("DELETE FROM ledger_lines WHERE line_id = {approved}"),
        "DELETE FROM ledger_lines".to_string(),
        format!(
            "INSERT OR REPLACE INTO ledger_lines ({cols})
             SELECT 'paid', due_date, decision_number, seq, line_id, instalment_id, decision_id,
                    family_regno, subsidy_kind, instalments, amount_tiyn, amount_mci, mci_tenge,
                    prepared_by
             FROM ledger_lines WHERE line_id = {approved}"
        ),
        format!(
            "INSERT INTO ledger_lines ({cols}) SELECT {cols} FROM ledger_lines
             WHERE line_id = {approved} ON CONFLICT DO UPDATE SET state = 'paid'"
        ),
        // A line no entry opened.
        format!(
            "INSERT INTO ledger_lines ({cols})
             SELECT state, due_date, decision_number, seq + 10, line_id || '-new', instalment_id,
                    decision_id, family_regno, subsidy_kind, instalments, amount_tiyn, amount_mci,
                    mci_tenge, prepared_by
             FROM ledger_lines WHERE line_id = {approved}"
        ),
    ] {
        let err = conn.execute(&sql, []).expect_err(&sql);
        assert!(err.to_string().contains("ledger_lines"), "{sql}: {err}");
        assert_eq!(lines(conn), before, "{sql}");
    }
    // The entries still move the lines, and the rebuild agrees with what the triggers kept.
    let manager = o.store.sign_in("marat", "pw-123456").expect("sign in");
    let number: String = conn
        .query_row("SELECT decision_number FROM ledger_lines WHERE state = 'approved'", [], |r| {
            r.get(0)
        })
        .expect("approved line");
    o.store.pay(&ctx(&manager), &number, &[], "5678", d("2024-03-21")).expect("pay");
    let kept = lines(o.store.raw_connection());
    assert_eq!(o.store.rebuild_ledger_lines().expect("rebuild"), 2);
    assert_eq!(lines(o.store.raw_connection()), kept);
    let states: Vec<String> = o
        .store
        .raw_connection()
        .prepare("SELECT state FROM ledger_lines ORDER BY state")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("states");
    assert_eq!(states, ["paid", "paid"]);
}

#[test]
fn finding_3_a_rebuild_repairs_a_projection_that_disagrees_with_the_entries() {
    let mut o = office_with_history();
    let kept = lines(o.store.raw_connection());
    // The guards only exist in the schema; without them the projection can be damaged, and the
    // rebuild brings it back to the entries once they are there again.
    let conn = o.store.raw_connection();
    let guards: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'ledger_lines'")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("guards");
    assert!(!guards.is_empty(), "ledger_lines has guards");
    for (name, _) in &guards {
        conn.execute_batch(&format!("DROP TRIGGER {name}")).expect("drop");
    }
    conn.execute_batch("UPDATE ledger_lines SET state = 'cancelled'").expect("damage");
    for (_, sql) in &guards {
        conn.execute_batch(sql).expect("restore the guard");
    }
    assert_eq!(o.store.rebuild_ledger_lines().expect("rebuild"), 2);
    assert_eq!(lines(o.store.raw_connection()), kept);
}

// Finding 4: `audit verify` shows what an attacker with the file did. Each test tampers as one
// would: on a connection of its own, with the guard triggers dropped.

/// A connection to the office's file with the guards of `tables` dropped.
fn attacker(o: &TestOffice, tables: &[&str]) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(o.path()).expect("open the file");
    otau_store::events_codec::register_functions(&conn).expect("the log's functions");
    for table in tables {
        let names: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1")
            .expect("prepare")
            .query_map([table], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("triggers");
        for name in names {
            conn.execute_batch(&format!("DROP TRIGGER {name}")).expect("drop a guard");
        }
    }
    conn
}

fn verify(o: &mut TestOffice) -> otau_store::verify::AuditReport {
    o.store.verify_audit(at()).expect("verify")
}

fn codes(report: &otau_store::verify::AuditReport) -> Vec<&str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

fn sha(text: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(text.as_bytes()))
}

#[test]
fn an_untouched_office_verifies_clean_and_each_change_is_checkpointed() {
    let mut o = office_with_history();
    let report = verify(&mut o);
    assert_eq!(report.findings, vec![], "clean");
    assert!(report.rows > 20 && report.records > 10, "{report:?}");
    // Every change signed a checkpoint of the log as it ended.
    let (checkpoints, last, head): (i64, i64, i64) = o
        .store
        .raw_connection()
        .query_row(
            "SELECT COUNT(*), MAX(event_seq), (SELECT MAX(seq) FROM events) FROM audit_checkpoints",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("checkpoints");
    assert!(checkpoints > 10, "{checkpoints}");
    assert_eq!(last, head);
    assert!(report.checkpoints >= checkpoints - 1);
}

#[test]
fn finding_4_a_truncated_tail_is_detected() {
    let mut o = office_with_history();
    let head: i64 = o
        .store
        .raw_connection()
        .query_row("SELECT MAX(seq) FROM events", [], |r| r.get(0))
        .expect("head");
    let conn = attacker(&o, &["events", "audit_checkpoints"]);
    // The last change's events go; the chain of what is left is intact.
    conn.execute("DELETE FROM events WHERE seq > ?1", [head - 2]).expect("truncate");
    assert_eq!(o.store.verify_audit_chain().expect("chain").first_broken_seq, None);
    let report = verify(&mut o);
    let missing = report
        .findings
        .iter()
        .rfind(|f| f.code == "audit-tail-missing")
        .unwrap_or_else(|| panic!("no truncation found: {report:?}"));
    assert_eq!(missing.seq, Some(head));
    assert_eq!(missing.found.as_deref(), Some((head - 2).to_string().as_str()));
    // The closed month's record lost its event: the replay names it too.
    assert!(codes(&report).contains(&"audit-state-without-event"), "{report:?}");
    // Removing the checkpoints too leaves rows no event made.
    conn.execute("DELETE FROM audit_checkpoints WHERE event_seq > ?1", [head - 2]).expect("cut");
    let report = verify(&mut o);
    assert!(codes(&report).contains(&"audit-state-without-event"), "{report:?}");
}

#[test]
fn finding_4_a_changed_actor_is_detected() {
    let mut o = office_with_history();
    let (seq, user): (i64, String) = o
        .store
        .raw_connection()
        .query_row(
            "SELECT seq, envelope_json(body) ->> '$.actor.user_id' FROM events
             WHERE envelope_json(body) ->> '$.action' = 'subsidy.approve' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("an approval");
    let clerk: String = o
        .store
        .raw_connection()
        .query_row("SELECT id FROM users WHERE login = 'aigerim'", [], |r| r.get(0))
        .expect("clerk");
    assert_ne!(user, clerk);
    let conn = attacker(&o, &["events"]);
    // The user id is inside the hashed envelope: naming another approver breaks the row.
    conn.execute(
        "UPDATE events SET body = envelope_body(json_set(envelope_json(body),
             '$.actor.user_id', ?2, '$.actor.login', 'aigerim')) WHERE seq = ?1",
        rusqlite::params![seq, clerk],
    )
    .expect("change the actor");
    let report = verify(&mut o);
    let broken = report.findings.iter().find(|f| f.code == "audit-row-broken").expect("found");
    assert_eq!(broken.seq, Some(seq));
    assert_eq!(broken.table.as_deref(), Some("events"));
}

#[test]
fn finding_4_a_rewritten_chain_is_detected() {
    let mut o = office_with_history();
    let conn = attacker(&o, &["events", "audit_checkpoints", "persons"]);
    // Rename a person in their registration event and in the record, and recompute every hash
    // and link from there: the chain verifies, the signed checkpoints do not.
    let (first, person): (i64, String) = conn
        .query_row(
            "SELECT seq, id_text(entity_key) FROM events
             WHERE envelope_json(body) ->> '$.entity' = 'person'
             AND envelope_json(body) ->> '$.op' = 'insert' ORDER BY seq LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a registration");
    conn.execute(
        "UPDATE events
         SET body = envelope_body(json_set(envelope_json(body), '$.after.surname', 'Жалған'))
         WHERE seq = ?1",
        [first],
    )
    .expect("rewrite the event");
    conn.execute("UPDATE persons SET surname = 'Жалған' WHERE id = ?1", [&person]).expect("state");
    let rows: Vec<(i64, String, String)> = conn
        .prepare("SELECT seq, origin, envelope_json(body) FROM events WHERE seq >= ?1 ORDER BY seq")
        .expect("prepare")
        .query_map([first], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let mut prev: String = conn
        .query_row("SELECT lower(hex(chain_hash)) FROM events WHERE seq = ?1", [first - 1], |r| {
            r.get(0)
        })
        .expect("prev");
    for (seq, origin, text) in rows {
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        let canonical = otau_core::canonical::canonical_json(&value);
        let hash = sha(&canonical);
        let chain = sha(&format!("{prev}:{seq}:{origin}:{hash}"));
        conn.execute(
            "UPDATE events SET body = envelope_body(?2), chain_hash = unhex(?3) WHERE seq = ?1",
            rusqlite::params![seq, canonical, chain],
        )
        .expect("rewrite");
        prev = chain;
    }
    assert_eq!(o.store.verify_audit_chain().expect("chain").first_broken_seq, None);
    let report = verify(&mut o);
    assert!(codes(&report).contains(&"audit-chain-rewritten"), "{report:?}");
    assert!(!report.is_clean());
    // A checkpoint the attacker signs with a key of their own is not the device's.
    let forged = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let (head, hash): (i64, String) = conn
        .query_row(
            "SELECT seq, lower(hex(chain_hash)) FROM events ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("head");
    let body = format!(
        r#"{{"at":"2026-11-25T10:00:00.000Z","chain_hash":"{hash}","counts":{{}},"device_seq":0,"event_seq":{head},"v":1}}"#
    );
    use ed25519_dalek::Signer;
    conn.execute(
        "INSERT INTO audit_checkpoints (at, event_seq, body, public_key, signature)
         VALUES ('2026-11-25T10:00:00.000Z', ?1, checkpoint_body(?2), ?3, ?4)",
        rusqlite::params![
            head,
            body,
            &forged.verifying_key().to_bytes()[..],
            &forged.sign(body.as_bytes()).to_bytes()[..]
        ],
    )
    .expect("forge");
    let report = verify(&mut o);
    assert!(codes(&report).contains(&"audit-checkpoint-unsigned"), "{report:?}");
    assert!(codes(&report).contains(&"audit-chain-rewritten"), "{report:?}");
}

#[test]
fn finding_4_a_state_row_that_disagrees_with_its_events_is_reported_with_where() {
    let mut o = office_with_history();
    let conn = attacker(&o, &["persons", "ledger_entries"]);
    let (person, seq): (String, i64) = conn
        .query_row(
            "SELECT id_text(entity_key), seq FROM events
             WHERE envelope_json(body) ->> '$.entity' = 'person'
             AND envelope_json(body) ->> '$.after.given_name' = 'Әлия' ORDER BY seq LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a person");
    conn.execute("UPDATE persons SET given_name = 'Алия' WHERE id = ?1", [&person]).expect("edit");
    let report = verify(&mut o);
    let found = report
        .findings
        .iter()
        .find(|f| f.code == "audit-state-differs")
        .unwrap_or_else(|| panic!("not found: {report:?}"));
    assert_eq!(found.table.as_deref(), Some("persons"));
    assert_eq!(found.id.as_deref(), Some(person.as_str()));
    assert_eq!(found.field.as_deref(), Some("given_name"));
    assert_eq!(found.seq, Some(seq));
    assert_eq!(found.expected.as_deref(), Some("Әлия"));
    assert_eq!(found.found.as_deref(), Some("Алия"));
    // Another approver named in the ledger is found where it is.
    let entry: (String, String) = conn
        .query_row(
            "SELECT id, line_id FROM ledger_entries WHERE kind = 'approved' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("entry");
    conn.execute("UPDATE ledger_entries SET acted_by = 'someone-else' WHERE id = ?1", [&entry.0])
        .expect("name another approver");
    let report = verify(&mut o);
    assert!(
        report.findings.iter().any(|f| f.code == "audit-state-differs"
            && f.table.as_deref() == Some("ledger_entries")
            && f.id.as_deref() == Some(entry.0.as_str())
            && f.field.as_deref() == Some("acted_by")),
        "{report:?}"
    );
}

#[test]
fn finding_4_a_damaged_projection_is_reported() {
    let mut o = office_with_history();
    let conn = attacker(&o, &["ledger_lines"]);
    let line: String = conn
        .query_row("SELECT line_id FROM ledger_lines WHERE state = 'approved' LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("an approved line");
    conn.execute("UPDATE ledger_lines SET state = 'paid' WHERE line_id = ?1", [&line])
        .expect("damage the ledger's projection");
    conn.execute("UPDATE person_search SET ids = '' WHERE rowid = 1", []).expect("damage search");
    let report = verify(&mut o);
    let ledger = report
        .findings
        .iter()
        .find(|f| f.table.as_deref() == Some("ledger_lines"))
        .unwrap_or_else(|| panic!("not found: {report:?}"));
    assert_eq!(ledger.code, "audit-projection-differs");
    assert_eq!(ledger.id.as_deref(), Some(line.as_str()));
    assert_eq!(ledger.field.as_deref(), Some("state"));
    assert_eq!(ledger.expected.as_deref(), Some("approved"));
    assert_eq!(ledger.found.as_deref(), Some("paid"));
    assert!(
        report.findings.iter().any(|f| f.code == "audit-projection-differs"
            && f.table.as_deref() == Some("person_search")
            && f.field.as_deref() == Some("ids")),
        "{report:?}"
    );
}
