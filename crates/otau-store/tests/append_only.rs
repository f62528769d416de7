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
        column: "hash",
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
