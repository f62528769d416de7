//! Realistic sample documents for the rendering tests (shared by `render.rs`).
#![allow(dead_code)]

use chrono::NaiveDate;
use otau_core::model::{AccommodationCategory, Relation, Sex};
use otau_core::money::{MciHundredths, Tiyn};
use otau_print::data::{
    AgeCounts, ClosedMark, CountryCount, Counts, EducationCounts, LateCount, Money, QuotaUse,
    StatusCounts, SubsidyRow,
};
use otau_print::{
    content_hash, CertificateData, CertificateMember, DecisionData, DecisionLine, DocumentContent,
    IssuedDocument, LedgerEntryKind, LedgerLine, MonthlySummaryData, OfficeHeader, Seal,
    StatementData,
};

pub const SECRET: [u8; 32] = [42; 32];

pub fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

pub fn office() -> OfficeHeader {
    OfficeHeader {
        code: "PVL01".into(),
        name: "Павлодар облысы әкімдігінің қандастарды бейімдеу және кіріктіру орталығы".into(),
        region: "KZ-55".into(),
    }
}

pub fn issue(number: &str, content: DocumentContent, duplicate: bool) -> IssuedDocument {
    let issued_on = d("2026-11-25");
    let issued_by = "Әлия Серікқызы Жұмабаева".to_string();
    let hash = content_hash(number, issued_on, &issued_by, &content);
    let subject = otau_print::seal::subject_of(&content);
    let seal = Seal::sign("PVL01", content.kind(), number, issued_on, &subject, &hash, &SECRET);
    IssuedDocument { number: number.into(), issued_on, issued_by, content, seal, duplicate }
}

pub fn certificate() -> CertificateData {
    CertificateData {
        office: office(),
        family_regno: "PVL01-2026-00001".into(),
        registered_on: d("2026-09-16"),
        arrival_date: d("2026-09-14"),
        country_of_origin: "UZ".into(),
        region: "KZ-55".into(),
        settlement: "Павлодар".into(),
        address: Some("Павлодар қ., Қайырбаев к-сі, 52, 14-пәтер".into()),
        accommodation_category: Some(AccommodationCategory::RegionInvites),
        members: vec![
            CertificateMember {
                regno: "PVL01-2026-00001".into(),
                relation: Relation::Head,
                name: "Сейітқали Нұрсұлтан Болатұлы".into(),
                name_latin: Some("SEIITKALI NURSULTAN".into()),
                birth_date: d("1985-04-12"),
                sex: Sex::Male,
                iin: Some("850412310211".into()),
                document: Some("FA2233445".into()),
            },
            CertificateMember {
                regno: "PVL01-2026-00002".into(),
                relation: Relation::Spouse,
                name: "Сейітқали Әлия".into(),
                name_latin: Some("SEIITKALI ALIYA".into()),
                birth_date: d("1988-11-03"),
                sex: Sex::Female,
                iin: None,
                document: Some("FA2233446".into()),
            },
            CertificateMember {
                regno: "PVL01-2026-00003".into(),
                relation: Relation::Child,
                name: "Нұрсұлтанқызы Ұлжан".into(),
                name_latin: Some("NURSULTANKYZY ULZHAN".into()),
                birth_date: d("2014-02-27"),
                sex: Sex::Female,
                iin: None,
                document: Some("I-ТШ 0456789".into()),
            },
        ],
    }
}

fn line(kk: &str, ru: &str, rate: i64, persons: Option<u32>, months: Option<u32>) -> DecisionLine {
    let rate = MciHundredths::from_whole(rate);
    let n = i64::from(persons.unwrap_or(1)) * i64::from(months.unwrap_or(1));
    let amount = rate.checked_mul(n).expect("amount");
    DecisionLine {
        subsidy_kk: kk.into(),
        subsidy_ru: ru.into(),
        rate,
        persons,
        months,
        amount,
        mci_tenge: 4325,
        mci_from: d("2026-01-01"),
        tenge: amount.to_tiyn(4325).expect("tiyn"),
        due_date: None,
        explanation_kk: None,
        explanation_ru: None,
    }
}

pub fn decision() -> DecisionData {
    DecisionData {
        office: office(),
        decision_ref: "PVL01-S-2026-00017".into(),
        family_regno: "PVL01-2026-00001".into(),
        head_name: "Сейітқали Нұрсұлтан Болатұлы".into(),
        family_size: 3,
        decided_on: d("2026-11-20"),
        lines: vec![
            line("Қоныс аударуға арналған субсидия", "Субсидия на переезд", 70, Some(3), None),
            line(
                "Тұрғын үй жалдауға және коммуналдық қызметтерге ақы төлеуге арналған субсидия",
                "Субсидия на аренду жилья и оплату коммунальных услуг",
                20,
                None,
                Some(12),
            ),
        ],
        prepared_by: "Әлия Серікқызы Жұмабаева".into(),
        approved_by: Some("Ғалым Асқарұлы Төлеуов".into()),
    }
}

pub fn statement(rows: usize) -> StatementData {
    let mut lines = vec![];
    let relocation = MciHundredths::from_whole(210);
    lines.push(LedgerLine {
        date: d("2026-11-20"),
        entry: LedgerEntryKind::Accrued,
        subsidy_kk: "Қоныс аударуға арналған субсидия".into(),
        subsidy_ru: "Субсидия на переезд".into(),
        amount: relocation,
        mci_tenge: 4325,
        tenge: relocation.to_tiyn(4325).expect("tiyn"),
        reference: "S-2026-00017/1".into(),
    });
    let mut date = d("2026-11-21");
    for i in 0..rows.saturating_sub(1) {
        let entry =
            [LedgerEntryKind::Accrued, LedgerEntryKind::Approved, LedgerEntryKind::Paid][i % 3];
        let amount = MciHundredths::from_whole(20);
        lines.push(LedgerLine {
            date,
            entry,
            subsidy_kk: "Тұрғын үй жалдауға арналған субсидия".into(),
            subsidy_ru: "Субсидия на аренду жилья".into(),
            amount,
            mci_tenge: 4325,
            tenge: amount.to_tiyn(4325).expect("tiyn"),
            reference: format!("S-2026-00018/{}", i / 3 + 1),
        });
        if i % 3 == 2 {
            date = date.checked_add_months(chrono::Months::new(1)).expect("date");
        }
    }
    StatementData {
        office: office(),
        family_regno: "PVL01-2026-00001".into(),
        head_name: "Сейітқали Нұрсұлтан Болатұлы".into(),
        family_size: 3,
        as_of: d("2026-11-25"),
        lines,
    }
}

fn money(mci: i64) -> Money {
    let m = MciHundredths(mci);
    Money { mci: m, tenge: m.to_tiyn(4325).unwrap_or(Tiyn::ZERO) }
}

pub fn monthly() -> MonthlySummaryData {
    let c = |country: &str, families, persons| CountryCount {
        country: country.into(),
        counts: Counts { families, persons },
    };
    MonthlySummaryData {
        office: office(),
        month: "2026-10".parse().expect("month"),
        arrivals: Counts { families: 41, persons: 148 },
        registered: Counts { families: 39, persons: 141 },
        by_country: vec![
            c("UZ", 14, 52),
            c("CN", 9, 35),
            c("MN", 7, 24),
            c("TM", 4, 13),
            c("RU", 3, 9),
            c("KG", 1, 5),
            c("AF", 1, 3),
        ],
        by_age: AgeCounts { below_working_age: 54, working_age: 76, pension_age: 11 },
        by_education: EducationCounts {
            higher: 28,
            secondary_vocational: 34,
            general_secondary: 41,
            none: 30,
            not_recorded: 8,
        },
        late: vec![LateCount {
            month: "2026-09".parse().expect("month"),
            arrivals: Counts { families: 2, persons: 7 },
            registered: Counts { families: 0, persons: 0 },
        }],
        statuses: Some(StatusCounts { granted: 63, extended: 12, ending: 5 }),
        quota: Some(QuotaUse { year: 2026, quota: 977, used_before: 702, used_in_month: 96 }),
        subsidies: Some(vec![
            SubsidyRow {
                subsidy_kk: "Қоныс аударуға арналған субсидия".into(),
                subsidy_ru: "Субсидия на переезд".into(),
                accrued: money(987_000),
                approved: money(945_000),
                paid: money(882_000),
            },
            SubsidyRow {
                subsidy_kk: "Тұрғын үй жалдауға арналған субсидия".into(),
                subsidy_ru: "Субсидия на аренду жилья".into(),
                accrued: money(64_050),
                approved: money(60_000),
                paid: money(58_000),
            },
        ]),
        closed: Some(ClosedMark {
            closed_on: d("2026-11-03"), closed_by: "Ғалым Төлеуов".into()
        }),
        offices: vec![],
    }
}
