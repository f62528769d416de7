//! Subsidies through the store: decisions with the published figures, instalments keeping the MCI
//! of their due date, the mobility certificate's cap, eligibility refusals, maker–checker, the
//! ledger's triggers, recalculation after an MCI row or a rule version, moving away, the views
//! and their totals, and a property test that the ledger always sums to the decisions.

mod common;

use chrono::{Datelike, NaiveDate};
use common::*;
use otau_core::casework::quota::QuotaRow;
use otau_core::casework::status::{Decision, Recommendation};
use otau_core::iin::check_digit;
use otau_core::mci::{MciPurpose, MciRow};
use otau_core::model::{ConsentInput, FamilyInput, MemberInput, NoConsentInput, Relation, Sex};
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::subsidy::{
    EntryKind, InstalmentState, LedgerTotals, SettlementType, SubsidyError, SubsidyKind,
};
use otau_core::Coded;
use otau_store::casework::status::{Scope, StatusStages};
use otau_store::{
    Actor, DecisionView, Duplicates, NewUser, PrepareRequest, RecalcSelection, Registered, Role,
    Store, StoreError,
};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// Writes the expected text with ordinary spaces, for readable tests.
fn nb(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

/// A valid IIN for a birth date and sex; `serial` makes it unique.
fn iin(birth: NaiveDate, sex: Sex, serial: &mut u32) -> String {
    let century = match (birth.year() / 100, sex) {
        (19, Sex::Male) => 3,
        (19, Sex::Female) => 4,
        (_, Sex::Male) => 5,
        (_, Sex::Female) => 6,
    };
    loop {
        *serial += 1;
        let text = format!(
            "{:02}{:02}{:02}{century}{:04}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            *serial % 10_000
        );
        let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        let first11: [u8; 11] = digits.try_into().expect("11 digits");
        if let Some(check) = check_digit(&first11) {
            return format!("{text}{check}");
        }
    }
}

const SURNAMES: [&str; 6] = ["Әбенов", "Қасымов", "Нұрланов", "Серікбаев", "Оразов", "Төлегенов"];

/// A family of `members` (head, spouse, children), every member with an IIN.
fn family(members: usize, arrival: &str, serial: &mut u32) -> FamilyInput {
    let surname = SURNAMES[(*serial as usize / 7) % SURNAMES.len()];
    let mut list = vec![];
    for i in 0..members {
        let (relation, sex, birth) = match i {
            0 => (Relation::Head, Sex::Male, d("1981-04-12")),
            1 => (Relation::Spouse, Sex::Female, d("1984-09-03")),
            n => (Relation::Child, Sex::Female, d(&format!("20{:02}-02-1{}", 8 + n, n % 9))),
        };
        list.push(MemberInput {
            relation,
            surname: surname.to_string(),
            given_name: ["Нұрлан", "Әлия", "Ұлжан", "Айгерім", "Дана", "Томирис", "Жанар"][i % 7]
                .to_string(),
            patronymic: None,
            surname_latin: None,
            given_name_latin: None,
            patronymic_latin: None,
            birth_date: birth,
            sex,
            iin: Some(iin(birth, sex, serial)),
            citizenship: None,
            education: None,
            document: None,
            phone: None,
            email: None,
            consent: (i < 2).then(|| ConsentInput::signed_form(d("2024-01-10"))),
            no_consent: (i >= 2).then(|| NoConsentInput::minor_covered_by(0)),
        });
    }
    FamilyInput {
        arrival_date: d(arrival),
        country_of_origin: "UZ".into(),
        region: "KZ-55".into(),
        settlement: "Павлодар".into(),
        accommodation_category: None,
        address: None,
        members: list,
    }
}

/// The office with a clerk, two managers and case-work facts for its families.
struct Office {
    o: TestOffice,
    clerk: Actor,
    manager: Actor,
    boss: Actor,
    serial: u32,
}

fn user(o: &mut TestOffice, login: &str, role: Role) -> Actor {
    let admin = o.admin.clone();
    o.store
        .add_user(
            &ctx(&admin),
            &NewUser {
                login: login.into(),
                role,
                full_name: None,
                password: "user-password".into(),
            },
        )
        .expect("add user");
    o.store.sign_in(login, "user-password").expect("sign in")
}

fn setup() -> Office {
    let mut o = office();
    let clerk = user(&mut o, "aigerim", Role::Clerk);
    let manager = user(&mut o, "marat", Role::Manager);
    let boss = user(&mut o, "saule", Role::Manager);
    Office { o, clerk, manager, boss, serial: 0 }
}

/// Puts the family in the regional quota on `quota_on` and grants the head's kandas status on
/// `granted_on` (for a year), through case work's own functions.
fn include_in_quota(store: &mut Store, reg: &Registered, quota_on: &str, granted_on: &str) {
    let admin = Actor { user_id: None, login: "admin".into(), role: Role::Admin, full_name: None };
    let on = d(quota_on);
    // Only 2026 has shipped regional figures; an administrator sets the others.
    if on.year() != 2026 {
        store
            .set_quota(
                &ctx(&admin),
                &QuotaRow {
                    region: "KZ-55".into(),
                    year: on.year(),
                    people: 100_000,
                    effective_from: NaiveDate::from_ymd_opt(on.year(), 1, 1).expect("1 January"),
                    note: None,
                },
            )
            .expect("quota");
    }
    let head = reg.members.iter().find(|m| m.relation == Relation::Head).expect("head");
    let granted = d(granted_on);
    let stages = StatusStages {
        applied_on: Some(granted),
        recommended_on: Some(granted),
        recommendation: Some(Recommendation::Recommended),
        decided_on: Some(granted),
        decision: Some(Decision::Granted),
        refusal_reason: None,
    };
    store.record_status(&ctx(&admin), &head.regno, &stages, Scope::Person, None).expect("status");
    store
        .include_in_quota(&ctx(&admin), &reg.family_regno, on, None, None)
        .expect("quota inclusion");
}

impl Office {
    /// A registered family in the quota with a status from its arrival for a year.
    fn family(&mut self, members: usize, arrival: &str) -> Registered {
        let f = family(members, arrival, &mut self.serial);
        let admin = self.o.admin.clone();
        let reg =
            self.o.store.register_family(&ctx(&admin), &f, Duplicates::Allow).expect("register");
        include_in_quota(&mut self.o.store, &reg, arrival, arrival);
        reg
    }

    fn prepare(&mut self, reg: &Registered, kind: SubsidyKind, on: &str) -> DecisionView {
        let clerk = self.clerk.clone();
        self.o.store.prepare_decision(&ctx(&clerk), &request(reg, kind, on)).expect("prepare")
    }

    fn ledger_rows(&self) -> i64 {
        self.o
            .store
            .raw_connection()
            .query_row("SELECT COUNT(*) FROM ledger_entries", [], |r| r.get(0))
            .expect("count")
    }
}

/// The `ledger_lines` projection as stored, every column, by line.
fn lines_projection(store: &Store) -> Vec<Vec<String>> {
    store
        .raw_connection()
        .prepare("SELECT * FROM ledger_lines ORDER BY line_id")
        .expect("prepare")
        .query_map([], |r| {
            (0..14)
                .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                .collect::<Result<Vec<String>, _>>()
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// The projection kept by the triggers equals one rebuilt from the entries.
fn assert_projection_is_the_truth(store: &mut Store) {
    let kept = lines_projection(store);
    let n = store.rebuild_ledger_lines().expect("rebuild");
    assert_eq!(n, kept.len());
    assert_eq!(lines_projection(store), kept);
}

fn request(reg: &Registered, kind: SubsidyKind, on: &str) -> PrepareRequest {
    PrepareRequest {
        family: reg.family_regno.clone(),
        kind,
        decided_on: d(on),
        first_due_on: None,
        settlement_type: None,
        housing_cost: None,
        months: None,
        note: None,
    }
}

fn code(err: &StoreError) -> &'static str {
    err.code()
}

#[test]
fn a_family_of_four_in_2024_gets_1_033_760_tenge_with_its_explanation() {
    let mut t = setup();
    let reg = t.family(4, "2024-01-15");
    let decision = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    assert_eq!(decision.number, "PVL01-S-2024-00001");
    assert_eq!((decision.rule_id.as_str(), decision.rule_version), ("relocation-2023", 1));
    assert_eq!(decision.members, 4);
    assert_eq!(decision.instalments.len(), 1);
    let i = &decision.instalments[0];
    assert_eq!(i.amount_tiyn, Tiyn(103_376_000));
    assert_eq!(i.amount_tiyn.format_tenge(), nb("1 033 760 ₸"));
    assert_eq!(i.amount_mci, Some(MciHundredths::from_whole(280)));
    assert_eq!((i.mci.effective_from, i.mci.tenge), (d("2024-01-01"), 3692));
    assert_eq!(i.state, InstalmentState::AwaitingApproval);
    assert_eq!(i.prepared_by, "aigerim");
    assert_eq!(i.explanation.code, "subsidy-explain-per-member");
    assert_eq!(i.explanation.args["members"], "4");
    assert_eq!(i.explanation.args["amount"], nb("1 033 760 ₸"));
    assert_eq!(decision.totals.awaiting_approval_tiyn, Tiyn(103_376_000));
    assert!(decision.totals.reconciles);
    // The ledger row carries the MCI row it was computed with.
    let (from, tenge): (String, i64) =
        t.o.store
            .raw_connection()
            .query_row("SELECT mci_effective_from, mci_tenge FROM ledger_entries", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("row");
    assert_eq!((from.as_str(), tenge), ("2024-01-01", 3692));
}

#[test]
fn seventy_mci_per_person_is_the_published_figure_each_year() {
    let mut t = setup();
    for (on, tiyn) in [
        ("2023-09-01", 24_150_000),
        ("2024-03-01", 25_844_000),
        ("2025-03-01", 27_524_000),
        ("2026-03-01", 30_275_000),
    ] {
        let reg = t.family(1, &format!("{}-01-10", &on[..4]));
        let decision = t.prepare(&reg, SubsidyKind::Relocation, on);
        assert_eq!(decision.total_at_decision_tiyn, Tiyn(tiyn), "{on}");
    }
}

#[test]
fn approval_payment_and_the_statement() {
    let mut t = setup();
    let reg = t.family(4, "2024-01-15");
    let decision = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    let manager = t.manager.clone();
    let done = t.o.store.approve(&ctx(&manager), &decision.number, &[]).expect("approve");
    assert_eq!(done.instalments, [1]);
    assert_eq!(done.decision.instalments[0].state, InstalmentState::Approved);
    assert_eq!(done.decision.instalments[0].approved_by.as_deref(), Some("marat"));
    let paid =
        t.o.store
            .pay(&ctx(&manager), &decision.number.to_lowercase(), &[], " 1234 ", d("2024-03-20"))
            .expect("pay");
    let i = &paid.decision.instalments[0];
    assert_eq!(i.state, InstalmentState::Paid);
    let payment = i.payment.as_ref().expect("payment");
    assert_eq!((payment.order_number.as_str(), payment.paid_on), ("1234", d("2024-03-20")));
    let s = t.o.store.statement(&reg.members[2].regno).expect("statement by a child's number");
    assert_eq!(s.family_regno, reg.family_regno);
    let kinds: Vec<EntryKind> = s.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EntryKind::Accrued, EntryKind::Approved, EntryKind::Paid]);
    assert_eq!(s.totals.paid_tiyn, Tiyn(103_376_000));
    assert_eq!(s.totals.net_tiyn, Tiyn(103_376_000));
    assert!(s.totals.reconciles);
    // Each entry is in the family's audit trail.
    let audit = t.o.store.audit_for(&reg.family_regno).expect("audit");
    let ledger_rows = audit.iter().filter(|e| e.entity == "ledger_entry").count();
    assert_eq!(ledger_rows, 3);
    assert!(t.o.store.verify_audit_chain().expect("verify").first_broken_seq.is_none());
}

#[test]
fn finding_5_an_account_the_approver_made_cannot_be_the_maker_of_what_they_approve() {
    let mut t = setup();
    let admin = t.o.admin.clone();
    let clerk = t.clerk.clone();
    let manager = t.manager.clone();
    // The administrator made aigerim's account and knows its password: she prepares, the
    // administrator may not approve.
    let reg = t.family(2, "2024-01-15");
    let by_clerk =
        t.o.store
            .prepare_decision(&ctx(&clerk), &request(&reg, SubsidyKind::Relocation, "2024-03-01"))
            .expect("prepare");
    let before = t.ledger_rows();
    let err = t.o.store.approve(&ctx(&admin), &by_clerk.number, &[]).expect_err("one person");
    assert_eq!(code(&err), "ledger-maker-checker-account");
    assert_eq!(
        (err.args()["approver"].as_str(), err.args()["setter"].as_str()),
        ("admin", "admin")
    );
    assert_eq!(err.args()["owner"], "aigerim");
    assert_eq!(t.ledger_rows(), before, "nothing written");
    // Nor the other way round: the administrator prepares, and marat, whose password the
    // administrator set, may not approve.
    let reg2 = t.family(2, "2024-01-15");
    let by_admin =
        t.o.store
            .prepare_decision(&ctx(&admin), &request(&reg2, SubsidyKind::Relocation, "2024-03-01"))
            .expect("prepare");
    let err = t.o.store.approve(&ctx(&manager), &by_admin.number, &[]).expect_err("one person");
    assert_eq!(code(&err), "ledger-maker-checker-account");
    assert_eq!((err.args()["setter"].as_str(), err.args()["owner"].as_str()), ("admin", "marat"));
    // Once each has set a password of their own, they are two people.
    t.o.store.set_local_password(&ctx(&manager), "marat", "Marat-Oz-Kilti-7").expect("own");
    t.o.store.approve(&ctx(&manager), &by_admin.number, &[]).expect("approved by marat");
    t.o.store.set_local_password(&ctx(&clerk), "aigerim", "Aigerim-Oz-Kilti-7").expect("own");
    t.o.store.approve(&ctx(&admin), &by_clerk.number, &[]).expect("approved by the administrator");
    // A reset by the administrator makes them one person again until she sets her own.
    t.o.store.reset_password(&ctx(&admin), "aigerim", "Uaqytsha-Kilt-26").expect("reset");
    let reg3 = t.family(2, "2024-01-15");
    let again =
        t.o.store
            .prepare_decision(&ctx(&clerk), &request(&reg3, SubsidyKind::Relocation, "2024-03-01"))
            .expect("prepare");
    let err = t.o.store.approve(&ctx(&admin), &again.number, &[]).expect_err("reset");
    assert_eq!(code(&err), "ledger-maker-checker-account");
    // Who set a password travels with the user's record, so the rule holds on every device.
    let set_by: Option<String> = t
        .o
        .store
        .raw_connection()
        .query_row("SELECT password_set_by FROM users WHERE login = 'aigerim'", [], |r| r.get(0))
        .expect("row");
    assert_eq!(set_by, admin.user_id.map(|id| id.to_string()));
}

#[test]
fn the_preparer_cannot_approve_and_a_clerk_cannot_approve_at_all() {
    let mut t = setup();
    let reg = t.family(2, "2024-01-15");
    // A manager prepares: another manager must approve.
    let manager = t.manager.clone();
    let decision =
        t.o.store
            .prepare_decision(&ctx(&manager), &request(&reg, SubsidyKind::Relocation, "2024-03-01"))
            .expect("prepare");
    let before = t.ledger_rows();
    let err = t.o.store.approve(&ctx(&manager), &decision.number, &[]).expect_err("maker-checker");
    assert_eq!(code(&err), "ledger-maker-checker");
    assert_eq!(err.args()["login"], "marat");
    assert_eq!(t.ledger_rows(), before, "nothing written");
    let clerk = t.clerk.clone();
    let err = t.o.store.approve(&ctx(&clerk), &decision.number, &[]).expect_err("role");
    assert_eq!(code(&err), "store-forbidden");
    let err =
        t.o.store.pay(&ctx(&clerk), &decision.number, &[], "1", d("2024-03-05")).expect_err("role");
    assert_eq!(code(&err), "store-forbidden");
    // Paying before approval is refused.
    let err =
        t.o.store
            .pay(&ctx(&manager), &decision.number, &[1], "1", d("2024-03-05"))
            .expect_err("not approved");
    assert_eq!(code(&err), "ledger-wrong-state");
    let boss = t.boss.clone();
    t.o.store.approve(&ctx(&boss), &decision.number, &[1]).expect("another manager approves");
    let err = t.o.store.approve(&ctx(&boss), &decision.number, &[1]).expect_err("twice");
    assert_eq!(code(&err), "ledger-wrong-state");
}

#[test]
fn the_database_refuses_what_the_library_refuses() {
    let mut t = setup();
    let reg = t.family(2, "2024-01-15");
    let decision = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    let conn = t.o.store.raw_connection();
    let line: String =
        conn.query_row("SELECT id FROM ledger_entries", [], |r| r.get(0)).expect("line");
    let copy = |kind: &str, acted_by: &str, extra: &str| {
        format!(
            "INSERT INTO ledger_entries (id, line_id, decision_id, instalment_id, family_id,
                 subsidy_kind, kind, due_date, amount_tiyn, amount_mci, mci_effective_from,
                 mci_tenge, rule_id, rule_version, explanation, order_number, paid_on,
                 reverses_kind, reason, prepared_by, acted_by, at, version)
             SELECT '{kind}-{acted_by}', id, decision_id, instalment_id, family_id, subsidy_kind,
                 '{kind}', due_date, amount_tiyn, amount_mci, mci_effective_from, mci_tenge,
                 rule_id, rule_version, explanation, {extra}, prepared_by, '{acted_by}', at, 1
             FROM ledger_entries WHERE id = '{line}'"
        )
    };
    let refused = |sql: &str| conn.execute_batch(sql).expect_err("refused").to_string();
    // Maker–checker in the database too.
    let e = refused(&copy("approved", "aigerim", "NULL, NULL, NULL, NULL"));
    assert!(e.contains("cannot approve"), "{e}");
    // No payment without approval.
    let e = refused(&copy("paid", "marat", "'77', '2024-03-05', NULL, NULL"));
    assert!(e.contains("approval first"), "{e}");
    // Append-only.
    for table in ["ledger_entries", "subsidy_decisions", "subsidy_instalments", "subsidy_rules"] {
        let e = refused(&format!("UPDATE {table} SET version = 2"));
        assert!(e.contains("append-only"), "{table}: {e}");
        let e = refused(&format!("DELETE FROM {table}"));
        assert!(e.contains("append-only"), "{table}: {e}");
    }
    // A second open line for the same instalment.
    let e = refused(&format!(
        "INSERT INTO ledger_entries SELECT 'x', 'x', decision_id, instalment_id, family_id,
             subsidy_kind, kind, due_date, amount_tiyn, amount_mci, mci_effective_from, mci_tenge,
             rule_id, rule_version, explanation, NULL, NULL, NULL, NULL, prepared_by, acted_by,
             at, 1 FROM ledger_entries WHERE id = '{line}'"
    ));
    assert!(e.contains("open line"), "{e}");
    // After a payment, the line never changes.
    let (manager, boss) = (t.manager.clone(), t.boss.clone());
    t.o.store.approve(&ctx(&manager), &decision.number, &[]).expect("approve");
    t.o.store.pay(&ctx(&boss), &decision.number, &[], "5", d("2024-03-05")).expect("pay");
    let conn = t.o.store.raw_connection();
    let e = conn
        .execute_batch(&format!(
            "INSERT INTO ledger_entries (id, line_id, decision_id, instalment_id, family_id,
                 subsidy_kind, kind, due_date, amount_tiyn, amount_mci, mci_effective_from,
                 mci_tenge, rule_id, rule_version, explanation, reverses_kind, reason, prepared_by,
                 acted_by, at, version)
             SELECT 'rev', id, decision_id, instalment_id, family_id, subsidy_kind, 'reversed',
                 due_date, amount_tiyn, amount_mci, mci_effective_from, mci_tenge, rule_id,
                 rule_version, explanation, 'approved', 'oops', prepared_by, 'saule', at, 1
             FROM ledger_entries WHERE id = '{line}'"
        ))
        .expect_err("paid is final")
        .to_string();
    assert!(e.contains("never changes"), "{e}");

    // A fractional amount, or one that is not hundredths × tenge, on an instalment whose line
    // was reversed (so only the amount is wrong).
    let other = t.family(1, "2024-01-15");
    let second = t.prepare(&other, SubsidyKind::Relocation, "2024-03-01");
    t.o.store.reverse(&ctx(&boss), &second.number, &[], "test").expect("reverse");
    let conn = t.o.store.raw_connection();
    let second_line: String = conn
        .query_row(
            "SELECT id FROM ledger_entries WHERE decision_id = ?1 AND kind = 'accrued'",
            [second.id.to_string()],
            |r| r.get(0),
        )
        .expect("line");
    for (id, amount) in [("frac", "amount_tiyn + 0.5"), ("off", "amount_tiyn + 1")] {
        let e = conn
            .execute_batch(&format!(
                "INSERT INTO ledger_entries SELECT '{id}', '{id}', decision_id, instalment_id,
                     family_id, subsidy_kind, kind, due_date, {amount}, amount_mci,
                     mci_effective_from, mci_tenge, rule_id, rule_version, explanation, NULL, NULL,
                     NULL, NULL, prepared_by, acted_by, at, 1
                 FROM ledger_entries WHERE id = '{second_line}'"
            ))
            .expect_err("refused")
            .to_string();
        assert!(e.contains("CHECK"), "{id}: {e}");
    }
}

#[test]
fn a_paid_instalment_is_never_reversed() {
    let mut t = setup();
    let reg = t.family(2, "2024-01-15");
    let decision = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    let (manager, boss) = (t.manager.clone(), t.boss.clone());
    t.o.store.approve(&ctx(&manager), &decision.number, &[]).expect("approve");
    t.o.store.pay(&ctx(&boss), &decision.number, &[], "5", d("2024-03-05")).expect("pay");
    let err = t.o.store.reverse(&ctx(&boss), &decision.number, &[1], "wrong").expect_err("paid");
    assert_eq!(code(&err), "ledger-paid-final");
    let err = t.o.store.reverse(&ctx(&boss), &decision.number, &[], "wrong").expect_err("nothing");
    assert_eq!(code(&err), "ledger-nothing");
    let err = t.o.store.reverse(&ctx(&boss), &decision.number, &[1], "  ").expect_err("reason");
    assert_eq!(err.field_errors()[0].field, "ledger.reason");
}

#[test]
fn a_reversal_cancels_and_a_new_decision_corrects() {
    let mut t = setup();
    let reg = t.family(3, "2024-01-15");
    let wrong = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    let clerk = t.clerk.clone();
    let err =
        t.o.store
            .prepare_decision(&ctx(&clerk), &request(&reg, SubsidyKind::Relocation, "2024-03-02"))
            .expect_err("granted once");
    assert_eq!(code(&err), "subsidy-not-eligible");
    assert_eq!(err.field_errors()[0].code, "subsidy-refused-already-granted");
    assert_eq!(err.field_errors()[0].args["decision"], wrong.number);
    // The clerk withdraws their own unapproved decision.
    let done =
        t.o.store
            .reverse(&ctx(&clerk), &wrong.number, &[], "wrong decision date")
            .expect("reverse");
    assert_eq!(done.decision.instalments[0].state, InstalmentState::Cancelled);
    assert_eq!(done.decision.totals.net_tiyn, Tiyn::ZERO);
    assert!(done.decision.totals.reconciles);
    let right = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-02");
    assert_eq!(right.number, "PVL01-S-2024-00002");
    // A clerk may not reverse an approved line.
    let manager = t.manager.clone();
    t.o.store.approve(&ctx(&manager), &right.number, &[]).expect("approve");
    let err = t.o.store.reverse(&ctx(&clerk), &right.number, &[], "x").expect_err("approved");
    assert_eq!(code(&err), "store-forbidden");
    let s = t.o.store.statement(&reg.family_regno).expect("statement");
    assert_eq!(s.decisions.len(), 2);
    assert_eq!(s.totals.net_tiyn, right.total_at_decision_tiyn);
    let reversal = s.entries.iter().find(|e| e.kind == EntryKind::Reversed).expect("reversal");
    assert_eq!(reversal.reason, Some(otau_core::note::Note::Typed("wrong decision date".into())));
    assert_eq!(reversal.reverses_kind, Some(EntryKind::Accrued));
}

#[test]
fn eligibility_refusals_each_say_what_is_missing_and_nothing_is_saved() {
    let mut t = setup();
    let mut f = family(3, "2024-01-15", &mut t.serial);
    f.members[2].iin = None;
    let admin = t.o.admin.clone();
    let reg = t.o.store.register_family(&ctx(&admin), &f, Duplicates::Allow).expect("register");
    let before = t.ledger_rows();
    let clerk = t.clerk.clone();
    // No case-work tables at all: not in the quota, no status.
    let err =
        t.o.store
            .prepare_decision(&ctx(&clerk), &request(&reg, SubsidyKind::Relocation, "2024-03-01"))
            .expect_err("refused");
    let got: Vec<(&str, &str)> =
        err.field_errors().iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(
        got,
        [
            ("subsidy.quota", "subsidy-refused-not-in-quota"),
            ("subsidy.status", "subsidy-refused-status"),
            ("members[2].iin", "subsidy-refused-iin-missing"),
        ]
    );
    // Included in the quota only later, status expired.
    include_in_quota(&mut t.o.store, &reg, "2024-04-01", "2023-01-01");
    let report =
        t.o.store
            .eligibility(&reg.family_regno, SubsidyKind::Relocation, d("2024-03-01"))
            .expect("report");
    assert!(!report.eligible);
    assert_eq!(report.facts.quota_included_on, Some(d("2024-04-01")));
    let codes: Vec<&str> = report.refusals.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["subsidy-refused-quota-later", "subsidy-refused-status", "subsidy-refused-iin-missing"]
    );
    assert_eq!(t.ledger_rows(), before);
    // No rule in force.
    let report =
        t.o.store
            .eligibility(&reg.family_regno, SubsidyKind::Relocation, d("2022-06-01"))
            .expect("report");
    assert!(report.refusals.iter().any(|r| r.code == "subsidy-no-rule"));
    let err =
        t.o.store
            .prepare_decision(&ctx(&clerk), &request(&reg, SubsidyKind::Relocation, "2022-06-01"))
            .expect_err("no rule");
    assert!(
        matches!(err, StoreError::Invalid(_) | StoreError::Subsidy(SubsidyError::NoRule { .. })),
        "{err:?}"
    );
}

#[test]
fn bad_requests_name_their_fields() {
    let mut t = setup();
    let reg = t.family(2, "2024-01-15");
    let clerk = t.clerk.clone();
    let mut req = request(&reg, SubsidyKind::Rent, "2024-01-10");
    req.housing_cost = Some(Tiyn(100));
    let err = t.o.store.prepare_decision(&ctx(&clerk), &req).expect_err("before arrival");
    assert_eq!(err.field_errors()[0].code, "subsidy-decision-before-arrival");
    req.decided_on = d("2024-02-01");
    let err = t.o.store.prepare_decision(&ctx(&clerk), &req).expect_err("facts");
    let fields: Vec<&str> = err.field_errors().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["subsidy.settlement_type", "subsidy.housing_cost"]);
    req.decided_on = d("2027-01-01");
    let err = t.o.store.prepare_decision(&ctx(&clerk), &req).expect_err("future");
    assert_eq!(err.field_errors()[0].code, "date-in-future");
    let err = t.o.store.decision("PVL01-2024-00001").expect_err("not a decision number");
    assert_eq!(code(&err), "subsidy-bad-number");
    let err = t.o.store.decision("PVL01-S-2024-00009").expect_err("none");
    assert_eq!(code(&err), "store-not-found");
}

#[test]
fn the_mobility_certificate_is_half_the_cost_up_to_1160_mci_and_once() {
    let mut t = setup();
    let reg = t.family(3, "2024-01-15");
    let clerk = t.clerk.clone();
    let mut req = request(&reg, SubsidyKind::MobilityCertificate, "2024-05-01");
    req.housing_cost = Some(Tiyn(1_000_000_000)); // 10 000 000 ₸
    let cert = t.o.store.prepare_decision(&ctx(&clerk), &req).expect("prepare");
    let i = &cert.instalments[0];
    assert_eq!(i.amount_tiyn.format_tenge(), nb("4 282 720 ₸"));
    assert_eq!(i.amount_mci, Some(MciHundredths::from_whole(1160)));
    assert_eq!(i.explanation.code, "subsidy-explain-share-capped");
    let err = t.o.store.prepare_decision(&ctx(&clerk), &req).expect_err("once");
    assert_eq!(err.field_errors()[0].code, "subsidy-refused-already-granted");
    // Under the cap: exactly half, no amount in MCI.
    let other = t.family(2, "2024-01-15");
    let mut req = request(&other, SubsidyKind::MobilityCertificate, "2024-05-01");
    req.housing_cost = Some(Tiyn(600_000_000));
    let cert = t.o.store.prepare_decision(&ctx(&clerk), &req).expect("prepare");
    assert_eq!(cert.instalments[0].amount_tiyn, Tiyn(300_000_000));
    assert_eq!(cert.instalments[0].amount_mci, None);
}

fn rent(t: &mut Office, reg: &Registered, on: &str, first_due: &str) -> DecisionView {
    let clerk = t.clerk.clone();
    let mut req = request(reg, SubsidyKind::Rent, on);
    req.first_due_on = Some(d(first_due));
    req.settlement_type = Some(SettlementType::Town);
    t.o.store.prepare_decision(&ctx(&clerk), &req).expect("prepare rent")
}

#[test]
fn a_rent_instalment_due_after_an_mci_change_uses_the_new_mci_and_paid_ones_keep_theirs() {
    let mut t = setup();
    let reg = t.family(4, "2026-05-01");
    let decision = rent(&mut t, &reg, "2026-06-01", "2026-06-10");
    assert_eq!(decision.instalments.len(), 12);
    assert!(decision.instalments.iter().all(|i| i.mci.tenge == 4325));
    let (manager, boss, admin) = (t.manager.clone(), t.boss.clone(), t.o.admin.clone());
    t.o.store.approve(&ctx(&manager), &decision.number, &[]).expect("approve all");
    let paid =
        t.o.store
            .pay(&ctx(&boss), &decision.number, &[], "PO-11", d("2026-11-20"))
            .expect("pay what is due");
    assert_eq!(paid.instalments, [1, 2, 3, 4, 5, 6], "June to November");

    // The 2027 MCI is published.
    t.o.store
        .add_mci_row(
            &ctx(&admin),
            MciRow {
                effective_from: d("2027-01-01"),
                purpose: MciPurpose::SocialPayments,
                tenge: 4600,
                note: None,
            },
        )
        .expect("add MCI");
    // Nothing changed by itself.
    let same = t.o.store.decision(&decision.number).expect("decision");
    assert_eq!(same.instalments, paid.decision.instalments);
    let list = t.o.store.recalc_proposals().expect("proposals");
    let seqs: Vec<u32> = list.proposals.iter().map(|p| p.seq).collect();
    assert_eq!(seqs, [8, 9, 10, 11, 12], "January to May 2027; nothing paid, nothing in 2026");
    let p = &list.proposals[0];
    assert_eq!((p.old.mci.tenge, p.new.mci.tenge), (4325, 4600));
    assert_eq!(
        (p.old.amount_tiyn, p.new.amount_tiyn),
        (Tiyn(30 * 4325 * 100), Tiyn(30 * 4600 * 100))
    );
    assert_eq!(p.difference_tiyn, Tiyn(30 * 275 * 100));
    assert_eq!(list.total_difference_tiyn, Tiyn(5 * 30 * 275 * 100));
    assert_eq!(p.state, InstalmentState::Approved);

    // The preparer cannot approve a recalculation of their own decision.
    let clerk = t.clerk.clone();
    let err =
        t.o.store.approve_recalc(&ctx(&clerk), &RecalcSelection::All, None).expect_err("role");
    assert_eq!(code(&err), "store-forbidden");
    let applied =
        t.o.store.approve_recalc(&ctx(&manager), &RecalcSelection::All, None).expect("apply");
    assert_eq!(applied.len(), 5);
    assert!(t.o.store.recalc_proposals().expect("none left").proposals.is_empty());

    let after = t.o.store.decision(&decision.number).expect("decision");
    for i in &after.instalments {
        if i.seq <= 6 {
            assert_eq!(i.state, InstalmentState::Paid);
            assert_eq!(i.mci.tenge, 4325, "paid instalment {} keeps its MCI", i.seq);
            assert_eq!(i.amount_tiyn, Tiyn(30 * 4325 * 100));
            assert_eq!(i.reversed_lines, 0);
        } else if i.seq == 7 {
            assert_eq!((i.state, i.mci.tenge), (InstalmentState::Approved, 4325), "December 2026");
        } else {
            assert_eq!((i.state, i.mci.tenge), (InstalmentState::Approved, 4600), "{}", i.seq);
            assert_eq!(i.reversed_lines, 1);
            assert_eq!(i.approved_by.as_deref(), Some("marat"));
            assert_eq!(i.prepared_by, "aigerim", "the line keeps its preparer");
        }
    }
    let expected = (6 + 1) * 30 * 4325 * 100 + 5 * 30 * 4600 * 100;
    assert_eq!(after.totals.net_tiyn, Tiyn(expected));
    assert!(after.totals.reconciles);

    // A rent decision made now takes the new MCI for its 2027 instalments directly.
    let other = t.family(1, "2026-10-01");
    let fresh = rent(&mut t, &other, "2026-11-01", "2026-11-15");
    let by_year: Vec<i64> = fresh.instalments.iter().map(|i| i.mci.tenge).collect();
    assert_eq!(by_year[..2], [4325, 4325]);
    assert!(by_year[2..].iter().all(|t| *t == 4600));
}

#[test]
fn a_corrected_mci_row_proposes_recalculation_and_a_chosen_one_is_applied() {
    let mut t = setup();
    let reg = t.family(2, "2026-01-10");
    let decision = rent(&mut t, &reg, "2026-02-01", "2026-02-05");
    let admin = t.o.admin.clone();
    let err =
        t.o.store
            .correct_mci_row(
                &ctx(&admin),
                MciRow {
                    effective_from: d("2026-01-01"),
                    purpose: MciPurpose::SocialPayments,
                    tenge: 4400,
                    note: None,
                },
                "",
            )
            .expect_err("reason");
    assert_eq!(err.field_errors()[0].field, "mci.reason");
    t.o.store
        .correct_mci_row(
            &ctx(&admin),
            MciRow {
                effective_from: d("2026-01-01"),
                purpose: MciPurpose::SocialPayments,
                tenge: 4400,
                note: None,
            },
            "typo in the budget law figure",
        )
        .expect("correct");
    let list = t.o.store.recalc_proposals().expect("list");
    assert_eq!(list.proposals.len(), 12);
    let one = otau_store::InstalmentRef::parse(&format!("{}/3", decision.number.to_lowercase()))
        .expect("ref");
    let boss = t.boss.clone();
    let applied =
        t.o.store
            .approve_recalc(
                &ctx(&boss),
                &RecalcSelection::Only(vec![one.clone()]),
                Some("MCI corrected"),
            )
            .expect("apply one");
    assert_eq!(applied.len(), 1);
    let after = t.o.store.decision(&decision.number).expect("decision");
    assert_eq!(after.instalments[2].mci.tenge, 4400);
    assert_eq!(
        after.instalments[2].state,
        InstalmentState::AwaitingApproval,
        "still needs approval"
    );
    assert_eq!(after.instalments[3].mci.tenge, 4325);
    let err =
        t.o.store
            .approve_recalc(&ctx(&boss), &RecalcSelection::Only(vec![one]), None)
            .expect_err("already applied");
    assert_eq!(code(&err), "recalc-not-proposed");
    assert_eq!(t.o.store.recalc_proposals().expect("list").proposals.len(), 11);
}

#[test]
fn a_new_rule_version_never_changes_decisions_and_proposes_recalculation() {
    let mut t = setup();
    let reg = t.family(3, "2024-01-15");
    let old = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    let rules = t.o.store.subsidy_rules().expect("rules");
    let mut v2 = rules.latest("relocation-2023").expect("rule").clone();
    v2.amount_mci = Some(MciHundredths::from_whole(75));
    v2.version = 1;
    let clerk = t.clerk.clone();
    let err = t.o.store.add_rules(&ctx(&clerk), vec![v2.clone()]).expect_err("admin only");
    assert_eq!(code(&err), "store-forbidden");
    let admin = t.o.admin.clone();
    let added = t.o.store.add_rules(&ctx(&admin), vec![v2]).expect("add");
    assert_eq!(added.rules[0].version, 2);
    let same = t.o.store.decision(&old.number).expect("decision");
    assert_eq!(same.instalments[0].amount_tiyn, old.instalments[0].amount_tiyn);
    assert_eq!(same.rule_version, 1);
    let list = t.o.store.recalc_proposals().expect("list");
    assert_eq!(list.proposals.len(), 1);
    assert_eq!(list.proposals[0].new.rule_version, 2);
    assert_eq!(list.proposals[0].new.amount_tiyn, Tiyn(3 * 75 * 3692 * 100));
    let listed = t.o.store.rule_list(Some(SubsidyKind::Relocation)).expect("list");
    let v1 =
        listed.iter().find(|r| r.rule.id == "relocation-2023" && r.rule.version == 1).expect("v1");
    assert!(!v1.current);
    assert_eq!(v1.decisions, 1);
    // An overlapping new rule is refused, and nothing is added.
    let mut overlap = rules.latest("relocation-2023").expect("rule").clone();
    overlap.id = "relocation-2026".into();
    let err = t.o.store.add_rules(&ctx(&admin), vec![overlap]).expect_err("overlap");
    assert_eq!(code(&err), "rule-overlap");
    assert_eq!(t.o.store.subsidy_rules().expect("rules").rules().len(), 6);
}

#[test]
fn moving_away_ends_future_instalments_and_opens_a_reimbursement_case() {
    let mut t = setup();
    let reg = t.family(3, "2026-01-10");
    let relocation = t.prepare(&reg, SubsidyKind::Relocation, "2026-02-01");
    let rent = rent(&mut t, &reg, "2026-02-01", "2026-02-15");
    let (manager, boss) = (t.manager.clone(), t.boss.clone());
    t.o.store.approve(&ctx(&manager), &relocation.number, &[]).expect("approve");
    t.o.store.pay(&ctx(&boss), &relocation.number, &[], "PO-1", d("2026-02-10")).expect("pay");
    t.o.store.approve(&ctx(&manager), &rent.number, &[1, 2, 3]).expect("approve");
    t.o.store.pay(&ctx(&boss), &rent.number, &[], "PO-2", d("2026-04-20")).expect("pay");
    let clerk = t.clerk.clone();
    let err =
        t.o.store
            .record_move_away(&ctx(&clerk), &reg.family_regno, d("2026-05-01"), "left for Almaty")
            .expect_err("role");
    assert_eq!(code(&err), "store-forbidden");
    let done =
        t.o.store
            .record_move_away(&ctx(&manager), &reg.family_regno, d("2026-05-01"), "left for Almaty")
            .expect("move away");
    // Rent: Feb, Mar, Apr paid; May 15 onwards cancelled.
    let cancelled: Vec<u32> = done.cancelled.iter().map(|c| c.seq).collect();
    assert_eq!(cancelled, [4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert_eq!(done.reimbursement_cases.len(), 1, "relocation within 12 months");
    let case = &done.reimbursement_cases[0];
    assert_eq!(case.decision_id, relocation.id);
    assert_eq!(case.amount_tiyn, relocation.total_at_decision_tiyn);
    assert_eq!(case.term_ends_on, d("2027-02-01"));
    let s = t.o.store.statement(&reg.family_regno).expect("statement");
    assert_eq!(s.departure.as_ref().map(|d| d.moved_on), Some(d("2026-05-01")));
    assert_eq!(s.reimbursement_cases.len(), 1);
    let rent_now = s.decisions.iter().find(|d| d.kind == SubsidyKind::Rent).expect("rent");
    let states: Vec<InstalmentState> = rent_now.instalments.iter().map(|i| i.state).collect();
    assert_eq!(states[..3], [InstalmentState::Paid; 3]);
    assert!(states[3..].iter().all(|s| *s == InstalmentState::Cancelled));
    let err = t.prepare_err(&reg, SubsidyKind::MobilityCertificate);
    assert!(err.field_errors().iter().any(|e| e.code == "subsidy-refused-moved-away"), "{err:?}");
    let err =
        t.o.store
            .record_move_away(&ctx(&manager), &reg.family_regno, d("2026-06-01"), "again")
            .expect_err("once");
    assert_eq!(code(&err), "subsidy-already-moved-away");
}

/// The store wrote English prose into append-only ledger rows ("moved away on …", the default
/// reason of a recalculation): now the system's reasons are kept as codes with arguments,
/// translated where they are read, and what a person typed is kept as typed.
#[test]
fn the_ledger_keeps_the_reasons_the_system_writes_as_codes_not_english_prose() {
    use otau_core::note::{Note, MOVED_AWAY, RECALCULATION};
    let mut t = setup();
    let reg = t.family(3, "2026-01-10");
    rent(&mut t, &reg, "2026-02-01", "2026-02-15");
    let manager = t.manager.clone();
    t.o.store
        .record_move_away(&ctx(&manager), &reg.family_regno, d("2026-05-01"), "left for Almaty")
        .expect("move away");
    let s = t.o.store.statement(&reg.family_regno).expect("statement");
    let reversal = s.entries.iter().find(|e| e.kind == EntryKind::Reversed).expect("reversal");
    assert_eq!(
        reversal.reason,
        Some(Note::coded(
            MOVED_AWAY,
            &[("on", "2026-05-01".into()), ("reason", "left for Almaty".into())]
        ))
    );
    let stored: Vec<String> =
        t.o.store
            .raw_connection()
            .prepare("SELECT reason FROM ledger_entries WHERE reason IS NOT NULL")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
    assert!(
        !stored.is_empty() && stored.iter().all(|r| !r.contains("moved away on")),
        "{stored:?}"
    );
    // An old database's English prose still reads, as its code.
    assert_eq!(
        Note::from_stored("recalculation after a change of the MCI or of the rule"),
        Note::coded(RECALCULATION, &[])
    );
    for lang in otau_i18n::Lang::ALL {
        for code in [MOVED_AWAY, RECALCULATION] {
            assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
        }
    }
}

impl Office {
    fn prepare_err(&mut self, reg: &Registered, kind: SubsidyKind) -> StoreError {
        let clerk = self.clerk.clone();
        let mut req = request(reg, kind, "2026-06-01");
        req.housing_cost = Some(Tiyn(1_000_000));
        self.o.store.prepare_decision(&ctx(&clerk), &req).expect_err("refused")
    }
}

#[test]
fn payment_needs_every_iin() {
    let mut t = setup();
    let reg = t.family(2, "2024-01-15");
    let decision = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    let manager = t.manager.clone();
    t.o.store.approve(&ctx(&manager), &decision.number, &[]).expect("approve");
    // An IIN removed after the decision blocks the payment. (The registry has no correction
    // command yet, so the test changes the row directly.)
    t.o.store
        .raw_connection()
        .execute_batch(&format!(
            "UPDATE persons SET iin = NULL WHERE regno = '{}'",
            reg.members[1].regno
        ))
        .expect("registry correction");
    let err =
        t.o.store
            .pay(&ctx(&manager), &decision.number, &[], "9", d("2024-03-05"))
            .expect_err("no IIN");
    assert_eq!(err.field_errors()[0].code, "subsidy-refused-iin-missing");
    assert_eq!(err.field_errors()[0].args["regno"], reg.members[1].regno);
}

#[test]
fn views_due_awaiting_paid_and_totals_reconcile_with_the_statements() {
    let mut t = setup();
    let a = t.family(4, "2026-05-01");
    let b = t.family(2, "2026-05-01");
    let rent_a = rent(&mut t, &a, "2026-06-01", "2026-06-10");
    let reloc_b = t.prepare(&b, SubsidyKind::Relocation, "2026-06-01");
    let employer_a = t.prepare(&a, SubsidyKind::Employer, "2026-06-01");
    let (manager, boss) = (t.manager.clone(), t.boss.clone());
    t.o.store.approve(&ctx(&manager), &rent_a.number, &[1, 2, 3, 4, 5, 6]).expect("approve");
    t.o.store.pay(&ctx(&boss), &rent_a.number, &[1, 2, 3], "A-1", d("2026-08-25")).expect("pay");
    t.o.store.approve(&ctx(&manager), &reloc_b.number, &[]).expect("approve");
    t.o.store.pay(&ctx(&boss), &reloc_b.number, &[], "B-1", d("2026-06-05")).expect("pay");
    t.o.store
        .reverse(&ctx(&boss), &employer_a.number, &[], "no employer contract")
        .expect("reverse");

    let due = t.o.store.due_in_month(2026, 11).expect("due");
    assert_eq!(due.month, "2026-11");
    let seqs: Vec<(String, u32, InstalmentState)> =
        due.items.iter().map(|i| (i.decision_number.clone(), i.seq, i.state)).collect();
    assert_eq!(seqs, [(rent_a.number.clone(), 6, InstalmentState::Approved)]);
    assert_eq!(due.approved_tiyn, Tiyn(30 * 4325 * 100));
    let due = t.o.store.due_in_month(2026, 12).expect("due");
    assert_eq!(due.items[0].state, InstalmentState::AwaitingApproval);
    assert!(t.o.store.due_in_month(2026, 13).is_err());

    let awaiting = t.o.store.awaiting_approval().expect("awaiting");
    assert_eq!(awaiting.count, 6, "rent instalments 7 to 12");
    assert_eq!(awaiting.total_tiyn, Tiyn(6 * 30 * 4325 * 100));

    let paid = t.o.store.paid_between(d("2026-06-01"), d("2026-06-30")).expect("paid");
    assert_eq!(paid.count, 1);
    assert_eq!(paid.items[0].order_number, "B-1");
    let paid = t.o.store.paid_between(d("2026-01-01"), d("2026-12-31")).expect("paid");
    assert_eq!(paid.count, 4);
    assert!(t.o.store.paid_between(d("2026-12-31"), d("2026-01-01")).is_err());

    let totals = t.o.store.ledger_totals(d("2026-01-01"), d("2027-12-31")).expect("totals");
    assert!(totals.reconciles);
    let statements: Vec<LedgerTotals> = [&a, &b]
        .iter()
        .map(|r| t.o.store.statement(&r.family_regno).expect("statement").totals)
        .collect();
    let add =
        |f: fn(&LedgerTotals) -> Tiyn| Tiyn::checked_sum(statements.iter().map(f)).expect("sum");
    assert_eq!(totals.all.net_tiyn, add(|t| t.net_tiyn));
    assert_eq!(totals.all.paid_tiyn, add(|t| t.paid_tiyn));
    assert_eq!(totals.all.approved_unpaid_tiyn, add(|t| t.approved_unpaid_tiyn));
    assert_eq!(totals.all.awaiting_approval_tiyn, add(|t| t.awaiting_approval_tiyn));
    assert_eq!(totals.all.reversed_tiyn, employer_a.total_at_decision_tiyn);
    assert_eq!(totals.paid_in_period_tiyn, totals.all.paid_tiyn);
    let kinds: Vec<SubsidyKind> = totals.by_kind.iter().map(|k| k.kind).collect();
    assert_eq!(kinds, [SubsidyKind::Relocation, SubsidyKind::Rent, SubsidyKind::Employer]);
    // A period holding only the autumn: the instalments due in it.
    let autumn = t.o.store.ledger_totals(d("2026-09-01"), d("2026-11-30")).expect("totals");
    assert_eq!(autumn.all.net_tiyn, Tiyn(3 * 30 * 4325 * 100));
    assert_eq!(autumn.paid_in_period_tiyn, Tiyn::ZERO, "paid in August");
    assert_projection_is_the_truth(&mut t.o.store);
}

#[test]
fn shipped_rules_are_loaded_at_init_and_again_only_when_missing() {
    let mut t = setup();
    let rules = t.o.store.subsidy_rules().expect("rules");
    assert_eq!(rules.rules().len(), 5);
    let admin = t.o.admin.clone();
    assert_eq!(t.o.store.load_shipped_rules(&ctx(&admin)).expect("load"), 0);
    let list = t.o.store.rule_list(None).expect("list");
    assert!(list.iter().all(|r| r.current && r.decisions == 0));
}

mod property {
    //! The ledger always sums to the decisions, whatever the order of actions.

    use super::*;
    use chrono::{TimeZone, Utc};
    use otau_core::mci::MciTable;
    use otau_core::mci::DEFAULT_MCI_JSON;
    use otau_store::NewOffice;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[derive(Debug, Clone)]
    enum Op {
        Prepare { family: usize, kind: usize, by: usize },
        Approve { decision: usize, by: usize },
        Pay { decision: usize },
        Reverse { decision: usize, seq: u32 },
        Mci { tenge: i64 },
        Recalc { by: usize },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => (0..3usize, 0..4usize, 0..3usize).prop_map(|(family, kind, by)| Op::Prepare { family, kind, by }),
            4 => (0..4usize, 0..3usize).prop_map(|(decision, by)| Op::Approve { decision, by }),
            3 => (0..4usize).prop_map(|decision| Op::Pay { decision }),
            1 => (0..4usize, 1..4u32).prop_map(|(decision, seq)| Op::Reverse { decision, seq }),
            1 => (4326..5000i64).prop_map(|tenge| Op::Mci { tenge }),
            1 => (0..3usize).prop_map(|by| Op::Recalc { by }),
        ]
    }

    fn actors() -> [Actor; 3] {
        let a =
            |login: &str, role| Actor { user_id: None, login: login.into(), role, full_name: None };
        [a("clerk", Role::Clerk), a("marat", Role::Manager), a("saule", Role::Manager)]
    }

    fn fresh() -> (Store, Actor, Vec<Registered>) {
        let mut store = Store::open_in_memory().expect("memory");
        store
            .init_office(
                Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).single().expect("at"),
                &NewOffice {
                    code: "PVL01".into(),
                    name: "P".into(),
                    region: "KZ-55".into(),
                    admin_login: "admin".into(),
                    admin_password: "admin-password".into(),
                },
                &MciTable::from_json(DEFAULT_MCI_JSON).expect("mci"),
            )
            .expect("init");
        let admin =
            Actor { user_id: None, login: "admin".into(), role: Role::Admin, full_name: None };
        let mut serial = 0;
        let mut regs = vec![];
        for members in [1, 3, 5] {
            let f = family(members, "2026-01-10", &mut serial);
            let reg = store.register_family(&ctx(&admin), &f, Duplicates::Allow).expect("register");
            include_in_quota(&mut store, &reg, "2026-01-10", "2026-01-10");
            regs.push(reg);
        }
        (store, admin, regs)
    }

    fn rows(store: &Store) -> i64 {
        store
            .raw_connection()
            .query_row("SELECT COUNT(*) FROM ledger_entries", [], |r| r.get(0))
            .expect("count")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn the_ledger_always_sums_to_the_decisions(ops in proptest::collection::vec(op(), 1..40)) {
            let (mut store, admin, regs) = fresh();
            let people = actors();
            let kinds = [SubsidyKind::Relocation, SubsidyKind::Rent, SubsidyKind::MobilityCertificate, SubsidyKind::Employer];
            let mut numbers: Vec<String> = vec![];
            let mut untouched: HashMap<String, bool> = HashMap::new();
            let mut paid_lines: HashMap<uuid::Uuid, Tiyn> = HashMap::new();
            for op in ops {
                let before = rows(&store);
                let result: Result<(), StoreError> = match &op {
                    Op::Prepare { family, kind, by } => {
                        let mut req = request(&regs[*family], kinds[*kind], "2026-03-01");
                        req.first_due_on = Some(d("2026-03-15"));
                        if kinds[*kind] == SubsidyKind::Rent { req.settlement_type = Some(SettlementType::Village); }
                        if kinds[*kind] == SubsidyKind::MobilityCertificate { req.housing_cost = Some(Tiyn(1_234_567_891)); }
                        store.prepare_decision(&ctx(&people[*by]), &req).map(|v| {
                            untouched.insert(v.number.clone(), true);
                            numbers.push(v.number);
                        })
                    }
                    Op::Approve { decision, by } => match numbers.get(*decision) {
                        Some(n) => store.approve(&ctx(&people[*by]), n, &[]).map(|_| ()),
                        None => Ok(()),
                    },
                    Op::Pay { decision } => match numbers.get(*decision) {
                        Some(n) => store.pay(&ctx(&people[2]), n, &[], "PO", today()).map(|done| {
                            for i in &done.decision.instalments {
                                if let (Some(line), InstalmentState::Paid) = (i.line_id, i.state) {
                                    paid_lines.entry(line).or_insert(i.amount_tiyn);
                                }
                            }
                        }),
                        None => Ok(()),
                    },
                    Op::Reverse { decision, seq } => match numbers.get(*decision) {
                        Some(n) => store.reverse(&ctx(&people[1]), n, &[*seq], "property").map(|_| {
                            untouched.insert(n.clone(), false);
                        }),
                        None => Ok(()),
                    },
                    Op::Mci { tenge } => {
                        let row = MciRow { effective_from: d("2026-09-01"), purpose: MciPurpose::SocialPayments, tenge: *tenge, note: None };
                        store.add_mci_row(&ctx(&admin), row.clone())
                            .or_else(|_| store.correct_mci_row(&ctx(&admin), row, "property"))
                            .map(|_| ())
                    }
                    Op::Recalc { by } => store.approve_recalc(&ctx(&people[*by]), &RecalcSelection::All, None).map(|applied| {
                        for p in applied {
                            untouched.insert(p.decision_number, false);
                        }
                    }),
                };
                if result.is_err() {
                    prop_assert_eq!(rows(&store), before, "a refused action wrote nothing: {:?}", op);
                }
            }
            // Every amount is whole tiyn, and hundredths × tenge when in MCI.
            let bad: i64 = store.raw_connection().query_row(
                "SELECT COUNT(*) FROM ledger_entries WHERE typeof(amount_tiyn) <> 'integer'
                    OR (amount_mci IS NOT NULL AND amount_tiyn <> amount_mci * mci_tenge)",
                [], |r| r.get(0)).expect("check");
            prop_assert_eq!(bad, 0);

            let mut sum_of_decisions = LedgerTotals::default();
            let mut nets = Tiyn::ZERO;
            for reg in &regs {
                let s = store.statement(&reg.family_regno).expect("statement");
                for dv in &s.decisions {
                    let open: Vec<(InstalmentState, Tiyn)> = dv.instalments.iter().map(|i| (i.state, i.amount_tiyn)).collect();
                    let (awaiting, approved, paid) = LedgerTotals::from_states(open.iter().copied()).expect("sum");
                    prop_assert!(dv.totals.reconciles);
                    prop_assert_eq!(dv.totals.awaiting_approval_tiyn, awaiting);
                    prop_assert_eq!(dv.totals.approved_unpaid_tiyn, approved);
                    prop_assert_eq!(dv.totals.paid_tiyn, paid);
                    let live = Tiyn::checked_sum(open.iter().filter(|(s, _)| *s != InstalmentState::Cancelled).map(|(_, a)| *a)).expect("sum");
                    prop_assert_eq!(dv.totals.net_tiyn, live);
                    if untouched.get(&dv.number) == Some(&true) {
                        prop_assert_eq!(dv.totals.net_tiyn, dv.total_at_decision_tiyn, "{}", dv.number);
                    }
                    for i in &dv.instalments {
                        if let Some(amount) = i.line_id.and_then(|l| paid_lines.get(&l)) {
                            prop_assert_eq!(i.state, InstalmentState::Paid);
                            prop_assert_eq!(i.amount_tiyn, *amount, "a paid amount never changes");
                        }
                    }
                    nets = nets.checked_add(dv.totals.net_tiyn).expect("sum");
                }
                sum_of_decisions.paid_tiyn = sum_of_decisions.paid_tiyn.checked_add(s.totals.paid_tiyn).expect("sum");
                sum_of_decisions.awaiting_approval_tiyn = sum_of_decisions.awaiting_approval_tiyn.checked_add(s.totals.awaiting_approval_tiyn).expect("sum");
                sum_of_decisions.approved_unpaid_tiyn = sum_of_decisions.approved_unpaid_tiyn.checked_add(s.totals.approved_unpaid_tiyn).expect("sum");
            }
            let totals = store.ledger_totals(d("2000-01-01"), d("2100-12-31")).expect("totals");
            prop_assert!(totals.reconciles);
            prop_assert_eq!(totals.all.net_tiyn, nets);
            prop_assert_eq!(totals.all.paid_tiyn, sum_of_decisions.paid_tiyn);
            prop_assert_eq!(totals.all.awaiting_approval_tiyn, sum_of_decisions.awaiting_approval_tiyn);
            prop_assert_eq!(totals.all.approved_unpaid_tiyn, sum_of_decisions.approved_unpaid_tiyn);
            assert_projection_is_the_truth(&mut store);
            let paid_count = paid_lines.len() as i64;
            let paid_rows: i64 = store.raw_connection().query_row(
                "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'paid'", [], |r| r.get(0)).expect("count");
            prop_assert_eq!(paid_rows, paid_count);
        }
    }
}

#[test]
fn finding_7_person_export_holds_everything_about_the_person() {
    let mut t = setup();
    let reg = t.family(4, "2024-01-15");
    let decision = t.prepare(&reg, SubsidyKind::Relocation, "2024-03-01");
    let manager = t.manager.clone();
    t.o.store.approve(&ctx(&manager), &decision.number, &[]).expect("approve");
    t.o.store.pay(&ctx(&manager), &decision.number, &[], "1234", d("2024-03-20")).expect("pay");
    let (family_id, data) = t.o.store.certificate_data(&reg.family_regno).expect("data");
    let (certificate, ()) =
        t.o.store
            .issue_document(
                &ctx(&manager),
                Some(family_id),
                otau_print::DocumentContent::Certificate(data),
                |_| Ok(()),
            )
            .expect("issue");
    let head = &reg.members[0];

    // A clerk may not take everything about a person out of the office.
    let clerk = t.clerk.clone();
    let refused = t.o.store.person_export(&ctx(&clerk), &head.regno).expect_err("clerk");
    assert_eq!(refused.code(), "store-forbidden");

    let export = t.o.store.person_export(&ctx(&manager), &head.regno).expect("export");
    let text = serde_json::to_string_pretty(&export).expect("json");
    // The export is in the access log: who took it, and that it was an export.
    let views = t.o.store.views_of(&ctx(&manager), &head.regno, 10).expect("views");
    assert_eq!(views.entries[0].kind, otau_store::access::AccessKind::Export);
    assert_eq!(views.entries[0].login, manager.login);
    // The records: the person, the family, their consent, their status.
    assert_eq!(export.person.person.regno, head.regno);
    assert_eq!(export.family.regno, reg.family_regno);
    assert_eq!(export.person.consents.len(), 1);
    assert_eq!(export.kandas_statuses.len(), 1);
    assert_eq!(export.quota_inclusions.len(), 1);
    // The document issued, by number and date, without the content naming the others.
    assert_eq!(export.documents_issued.len(), 1);
    assert_eq!(export.documents_issued[0]["number"], certificate.number.as_str());
    assert!(export.documents_issued[0].contains_key("issued_on"));
    assert!(!export.documents_issued[0].contains_key("content_json"));
    // The decision, its instalments and every ledger entry, amounts exact and written out.
    assert_eq!(export.subsidy_decisions.len(), 1);
    assert_eq!(export.subsidy_decisions[0]["number"], decision.number.as_str());
    let kinds: Vec<&str> =
        export.ledger_entries.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, ["accrued", "approved", "paid"]);
    let paid = &export.ledger_entries[2];
    let tiyn = paid["amount_tiyn"].as_i64().expect("an integer amount");
    assert_eq!(Tiyn(tiyn), decision.instalments[0].amount_tiyn);
    assert_eq!(paid["amount_tiyn_text"], Tiyn(tiyn).format_tenge().as_str());
    // Every audit event naming the person or the family: the registration, the payment, the
    // certificate.
    let actions: Vec<&str> = export.audit.iter().map(|e| e.action.as_str()).collect();
    for action in ["family.register", "subsidy.prepare", "subsidy.approve", "subsidy.pay"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(export.audit.iter().any(|e| e.entity == "issued_document"));
    assert!(export.audit.iter().any(|e| e.entity == "person"));
    // Nothing about another person: no other member's id, number or given name.
    for other in &reg.members[1..] {
        let given = other.name.split_whitespace().nth(1).expect("given name");
        for needle in [other.id.to_string(), other.regno.clone(), given.to_string()] {
            assert!(!text.contains(&needle), "the export names another member: {needle}");
        }
    }
}
