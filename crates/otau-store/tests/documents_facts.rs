//! Documents with case work and the ledger: a family put in the quota, given a status and a
//! relocation and a rent decision (approved, paid, one instalment reversed) shows in its payment
//! statement, its decision document and the monthly summaries, whose subsidy rows add up to the
//! ledger's period totals to the tiyn.

mod common;

use chrono::{Datelike, NaiveDate};
use common::*;
use otau_core::casework::quota::QuotaRow;
use otau_core::casework::status::{Decision, Recommendation};
use otau_core::iin::check_digit;
use otau_core::model::{ConsentInput, FamilyInput, MemberInput, NoConsentInput, Relation, Sex};
use otau_core::money::{MciHundredths, Tiyn};
use otau_core::subsidy::{SettlementType, SubsidyKind};
use otau_print::data::{LedgerEntryKind, Money};
use otau_print::Month;
use otau_store::casework::status::{Scope, StatusStages};
use otau_store::{Actor, Duplicates, NewUser, PrepareRequest, Registered, Role, Store};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn month(s: &str) -> Month {
    s.parse().expect("month")
}

fn iin(birth: NaiveDate, digit: u8, serial: &mut u32) -> String {
    loop {
        *serial += 1;
        let text = format!(
            "{:02}{:02}{:02}{digit}{:04}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            *serial
        );
        let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        let first11: [u8; 11] = digits.try_into().expect("11 digits");
        if let Some(c) = check_digit(&first11) {
            return format!("{text}{c}");
        }
    }
}

fn family(members: usize, arrival: &str, serial: &mut u32) -> FamilyInput {
    let list = (0..members)
        .map(|i| {
            let (relation, sex, birth, digit) = match i {
                0 => (Relation::Head, Sex::Male, d("1981-04-12"), 3),
                1 => (Relation::Spouse, Sex::Female, d("1984-09-03"), 4),
                _ => (Relation::Child, Sex::Female, d("2012-02-14"), 6),
            };
            MemberInput {
                relation,
                surname: if sex == Sex::Male { "Қасымов" } else { "Қасымова" }.into(),
                given_name: ["Нұрлан", "Әлия", "Ұлжан", "Дана"][i % 4].into(),
                patronymic: None,
                surname_latin: None,
                given_name_latin: None,
                patronymic_latin: None,
                birth_date: birth,
                sex,
                iin: Some(iin(birth, digit, serial)),
                citizenship: None,
                education: None,
                document: None,
                phone: None,
                email: None,
                consent: (i < 2).then(|| ConsentInput::signed_form(d("2024-01-10"))),
                no_consent: (i >= 2).then(|| NoConsentInput::minor_covered_by(0)),
            }
        })
        .collect();
    FamilyInput {
        arrival_date: d(arrival),
        country_of_origin: "CN".into(),
        region: "KZ-55".into(),
        settlement: "Екібастұз".into(),
        accommodation_category: None,
        address: None,
        members: list,
    }
}

fn user(o: &mut TestOffice, login: &str, role: Role, name: Option<&str>) -> Actor {
    let admin = o.admin.clone();
    o.store
        .add_user(
            &ctx(&admin),
            &NewUser {
                login: login.into(),
                role,
                full_name: name.map(str::to_string),
                password: "user-password".into(),
            },
        )
        .expect("add user");
    o.store.sign_in(login, "user-password").expect("sign in")
}

/// A family of four arrived on 15 January 2024, its head granted the status and the family
/// included in the 2024 quota on that day, through case work's own functions.
fn family_in_quota(o: &mut TestOffice) -> Registered {
    let admin = o.admin.clone();
    let mut serial = 0;
    let reg = o
        .store
        .register_family(&ctx(&admin), &family(4, "2024-01-15", &mut serial), Duplicates::Allow)
        .expect("register");
    o.store
        .set_quota(
            &ctx(&admin),
            &QuotaRow {
                region: "KZ-55".into(),
                year: 2024,
                people: 100_000,
                effective_from: d("2024-01-01"),
                note: None,
            },
        )
        .expect("quota");
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
    o.store.record_status(&ctx(&admin), &head.regno, &stages, Scope::Person, None).expect("status");
    o.store
        .include_in_quota(&ctx(&admin), &reg.family_regno, on, None, None)
        .expect("quota inclusion");
    reg
}

fn request(reg: &Registered, kind: SubsidyKind) -> PrepareRequest {
    PrepareRequest {
        family: reg.family_regno.clone(),
        kind,
        decided_on: d("2024-03-01"),
        first_due_on: None,
        settlement_type: None,
        housing_cost: None,
        months: None,
        note: None,
    }
}

struct Setup {
    o: TestOffice,
    reg: Registered,
    relocation: String,
    rent: String,
}

/// Relocation approved and paid; rent for six months from 10 March, two instalments approved,
/// the first paid and the second reversed.
fn setup() -> Setup {
    let mut o = office();
    let clerk = user(&mut o, "aigerim", Role::Clerk, Some("Айгерім Сәрсенова"));
    let manager = user(&mut o, "marat", Role::Manager, Some("Марат Оспанов"));
    let reg = family_in_quota(&mut o);
    let relocation = o
        .store
        .prepare_decision(&ctx(&clerk), &request(&reg, SubsidyKind::Relocation))
        .expect("relocation")
        .number;
    let rent = PrepareRequest {
        first_due_on: Some(d("2024-03-10")),
        settlement_type: Some(SettlementType::Town),
        months: Some(6),
        ..request(&reg, SubsidyKind::Rent)
    };
    let rent = o.store.prepare_decision(&ctx(&clerk), &rent).expect("rent").number;
    o.store.approve(&ctx(&manager), &relocation, &[]).expect("approve");
    o.store.approve(&ctx(&manager), &rent, &[1, 2]).expect("approve rent");
    o.store.pay(&ctx(&manager), &relocation, &[], "PO-17", d("2024-03-20")).expect("pay");
    o.store.pay(&ctx(&manager), &rent, &[1], "PO-18", d("2024-03-20")).expect("pay rent");
    o.store.reverse(&ctx(&manager), &rent, &[2], "ошибка в расчёте").expect("reverse");
    Setup { o, reg, relocation, rent }
}

/// The monthly summary's subsidy rows add up to the ledger's period totals, kind by kind and
/// in all, to the tiyn.
fn assert_reconciles(store: &Store, m: Month) {
    let rows = store.monthly_summary(m, &OFFICE_RECORDS).expect("summary").subsidies.expect("kept");
    let totals = store.ledger_totals(m.first_day(), m.last_day()).expect("totals");
    assert!(totals.reconciles, "{m}");
    assert_eq!(rows.len(), totals.by_kind.len(), "{m}: a row for each kind with entries");
    let mut all = [Money::default(); 3];
    for k in &totals.by_kind {
        let (kk, ru) = subsidy_names(k.kind);
        let row = rows.iter().find(|r| r.subsidy_kk == kk).expect("row of the kind");
        assert_eq!(row.subsidy_ru, ru);
        let t = &k.totals;
        assert_eq!(row.accrued.tenge, t.net_tiyn, "{m} {:?} accrued", k.kind);
        assert_eq!(
            row.approved.tenge,
            t.approved_unpaid_tiyn.checked_add(t.paid_tiyn).expect("sum"),
            "{m} {:?} approved",
            k.kind
        );
        assert_eq!(row.paid.tenge, t.paid_tiyn, "{m} {:?} paid", k.kind);
        for (sum, part) in all.iter_mut().zip([row.accrued, row.approved, row.paid]) {
            *sum = sum.checked_add(part).expect("sum");
        }
    }
    assert_eq!(all[0].tenge, totals.all.net_tiyn, "{m}");
    assert_eq!(
        all[1].tenge,
        totals.all.approved_unpaid_tiyn.checked_add(totals.all.paid_tiyn).expect("sum"),
        "{m}"
    );
    assert_eq!(all[2].tenge, totals.all.paid_tiyn, "{m}");
}

#[test]
fn the_monthly_summaries_subsidies_reconcile_with_the_ledger_totals_every_month() {
    let t = setup();
    let mut m = month("2024-01");
    while m <= month("2024-12") {
        assert_reconciles(&t.o.store, m);
        m = m.next();
    }
    // March: the relocation paid and the first rent instalment paid.
    let march = t.o.store.monthly_summary(month("2024-03"), &OFFICE_RECORDS).expect("march");
    let rows = march.subsidies.expect("kept");
    let (reloc_kk, _) = subsidy_names(SubsidyKind::Relocation);
    let reloc = rows.iter().find(|r| r.subsidy_kk == reloc_kk).expect("relocation");
    let paid = Money { mci: MciHundredths::from_whole(280), tenge: Tiyn(103_376_000) };
    assert_eq!((reloc.accrued, reloc.approved, reloc.paid), (paid, paid, paid));
    // April: the second rent instalment approved and reversed nets to nothing.
    let april = t.o.store.monthly_summary(month("2024-04"), &OFFICE_RECORDS).expect("april");
    let rent = &april.subsidies.expect("kept")[0];
    assert_eq!(rent.accrued, Money::default());
    assert_eq!(rent.approved, Money::default());
    assert_eq!(rent.paid, Money::default());
    // May: accrued, not approved.
    let may = t.o.store.monthly_summary(month("2024-05"), &OFFICE_RECORDS).expect("may");
    let rent = &may.subsidies.expect("kept")[0];
    assert!(rent.accrued.tenge > Tiyn::ZERO);
    assert_eq!(rent.approved, Money::default());
}

#[test]
fn the_monthly_summary_counts_the_status_granted_and_the_quota_inclusion_of_its_month() {
    let t = setup();
    let jan = t.o.store.monthly_summary(month("2024-01"), &OFFICE_RECORDS).expect("january");
    let statuses = jan.statuses.expect("statuses kept");
    assert_eq!((statuses.granted, statuses.extended, statuses.ending), (1, 0, 0));
    let quota = jan.quota.expect("quota kept");
    assert_eq!(
        (quota.year, quota.quota, quota.used_before, quota.used_in_month),
        (2024, 100_000, 0, 4)
    );
    let feb = t.o.store.monthly_summary(month("2024-02"), &OFFICE_RECORDS).expect("february");
    assert_eq!(feb.statuses.expect("kept").granted, 0);
    let quota = feb.quota.expect("quota kept");
    assert_eq!((quota.used_before, quota.used_in_month), (4, 0));
    // The status was granted for a year: it ends in January 2025.
    let ending = t.o.store.monthly_summary(month("2025-01"), &OFFICE_RECORDS).expect("2025-01");
    assert_eq!(ending.statuses.expect("kept").ending, 1);
    // No quota row nor inclusion in 2023: not kept, and the document says so.
    let before = t.o.store.monthly_summary(month("2023-06"), &OFFICE_RECORDS).expect("2023-06");
    assert_eq!(before.quota, None);
}

#[test]
fn the_statement_lists_every_ledger_row_oldest_first_with_reversals_negative() {
    let t = setup();
    let (id, data) =
        t.o.store.statement_data(&t.reg.family_regno, today(), &OFFICE_RECORDS).expect("data");
    assert_eq!(id, t.reg.family_id);
    let dates: Vec<NaiveDate> = data.lines.iter().map(|l| l.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "oldest first");
    let paid: Vec<_> = data.lines.iter().filter(|l| l.entry == LedgerEntryKind::Paid).collect();
    assert_eq!(paid.len(), 2);
    let reloc = paid.iter().find(|l| l.tenge == Tiyn(103_376_000)).expect("relocation paid");
    assert_eq!(reloc.date, d("2024-03-20"));
    assert_eq!(reloc.amount, MciHundredths::from_whole(280));
    assert_eq!(reloc.mci_tenge, 3692);
    assert!(reloc.reference.contains(&t.relocation) && reloc.reference.contains("PO-17"));
    assert_eq!(reloc.subsidy_kk, subsidy_names(SubsidyKind::Relocation).0);
    let reversed: Vec<_> =
        data.lines.iter().filter(|l| l.entry == LedgerEntryKind::Reversed).collect();
    assert_eq!(reversed.len(), 1);
    assert!(reversed[0].tenge < Tiyn::ZERO && reversed[0].amount < MciHundredths::ZERO);
    assert!(reversed[0].reference.contains(&format!("{} №2", t.rent)));
    // Six rent accruals and one relocation accrual, all due by today.
    let accrued = data.lines.iter().filter(|l| l.entry == LedgerEntryKind::Accrued).count();
    assert_eq!(accrued, 7);
    // As of a day in March, what falls due or is paid later is not yet on the statement.
    let (_, march) =
        t.o.store.statement_data(&t.reg.family_regno, d("2024-03-15"), &OFFICE_RECORDS).expect("m");
    assert!(march.lines.iter().all(|l| l.date <= d("2024-03-15")));
    assert_eq!(march.lines.iter().filter(|l| l.entry == LedgerEntryKind::Accrued).count(), 2);
}

#[test]
fn the_decision_document_explains_each_amount_in_kazakh_and_russian() {
    let t = setup();
    let (family, data) = t.o.store.decision_data(&t.relocation, &TestWords).expect("decision");
    assert_eq!(family, t.reg.family_id);
    assert_eq!(data.decision_ref, t.relocation);
    assert_eq!(data.family_regno, t.reg.family_regno);
    assert_eq!(data.family_size, 4);
    assert_eq!(data.decided_on, d("2024-03-01"));
    assert_eq!(data.prepared_by, "Айгерім Сәрсенова");
    assert_eq!(data.approved_by.as_deref(), Some("Марат Оспанов"));
    assert_eq!(data.lines.len(), 1);
    let line = &data.lines[0];
    assert_eq!(line.tenge, Tiyn(103_376_000));
    assert_eq!(line.amount, MciHundredths::from_whole(280));
    assert_eq!((line.mci_from, line.mci_tenge), (d("2024-01-01"), 3692));
    assert_eq!(line.due_date, Some(d("2024-03-01")));
    let plain = |s: &Option<String>| {
        s.as_deref()
            .unwrap_or_default()
            .replace(['\u{a0}', '\u{2068}', '\u{2069}'], " ")
            .replace("  ", " ")
    };
    assert_eq!(plain(&line.explanation_kk), "4 адам × 70 АЕК × 3 692 ₸ = 1 033 760 ₸");
    assert_eq!(plain(&line.explanation_ru), "4 чел. × 70 МРП × 3 692 ₸ = 1 033 760 ₸");
    // The rent decision: the reversed instalment is left out, the others keep their due dates.
    let (_, rent) = t.o.store.decision_data(&t.rent, &TestWords).expect("rent");
    let dues: Vec<_> = rent.lines.iter().filter_map(|l| l.due_date).collect();
    assert_eq!(dues.len(), 5);
    assert!(!dues.contains(&d("2024-04-10")));
    assert!(t.o.store.decision_data("PVL01-S-2024-00999", &TestWords).is_err());
}
