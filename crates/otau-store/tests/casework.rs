//! Case work in the store: kandas statuses around each boundary, the regional quota at its
//! limit and after a change during the year, plan items and services counted, and the import
//! of a 1,000-row XLSX with bad rows mixed in (dry run and real run agree; a second run adds
//! nothing).

mod common;

use chrono::{Datelike, NaiveDate};
use common::*;
use otau_core::casework::import::{suggest_mapping, Mapping};
use otau_core::casework::plan::{PlanArea, PlanItemState, ServiceKind};
use otau_core::casework::quota::{QuotaRow, NATIONAL};
use otau_core::casework::status::{Decision, EndReason, Recommendation, StatusRules, StatusState};
use otau_core::model::{DocumentKind, Relation, Sex};
use otau_store::casework::plan::{NewPlanItem, NewService, PlanItemChange};
use otau_store::casework::status::{Scope, StatusStages};
use otau_store::registry::import::read_sheet;
use otau_store::{Duplicates, StoreError};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// The shared example family registered; returns the head's number.
fn with_family(o: &mut TestOffice) -> String {
    let admin = o.admin.clone();
    o.store
        .register_family(&ctx(&admin), &example_family(), Duplicates::Refuse)
        .expect("register")
        .family_regno
}

fn field_codes(e: &StoreError) -> Vec<(String, String)> {
    e.field_errors().iter().map(|f| (f.field.clone(), f.code.clone())).collect()
}

// ---------------------------------------------------------------- kandas status

fn granted_stages() -> StatusStages {
    StatusStages {
        applied_on: Some(d("2025-02-01")),
        recommended_on: Some(d("2025-02-20")),
        recommendation: Some(Recommendation::Recommended),
        decided_on: Some(d("2025-03-10")),
        decision: Some(Decision::Granted),
        refusal_reason: None,
    }
}

#[test]
fn a_status_is_granted_for_a_year_extended_once_and_ended_by_citizenship() {
    let mut o = office();
    let regno = with_family(&mut o);
    let admin = o.admin.clone();
    let views = o
        .store
        .record_status(
            &Context::new(&admin, at(), d("2025-03-10")),
            &regno,
            &granted_stages(),
            Scope::Person,
            None,
        )
        .expect("record");
    assert_eq!(views.len(), 1);
    assert_eq!(
        views[0].state,
        StatusState::Granted { from: d("2025-03-10"), until: d("2026-03-10") }
    );
    assert_eq!(views[0].days_left, Some(365));

    let state = |o: &TestOffice, on: &str| o.store.status(&regno, d(on)).expect("status").state;
    assert_eq!(state(&o, "2025-01-31"), StatusState::NoStatus);
    assert_eq!(state(&o, "2025-02-01").name(), "applied");
    assert_eq!(state(&o, "2025-02-20").name(), "recommended");
    assert_eq!(state(&o, "2026-03-10").name(), "granted");
    assert_eq!(state(&o, "2026-03-11"), StatusState::Expired { on: d("2026-03-11") });

    // Extended on the last day of the year, by the default 6 months.
    let v = o
        .store
        .extend_status(
            &Context::new(&admin, at(), d("2026-03-10")),
            &regno,
            d("2026-03-10"),
            None,
            Scope::Person,
        )
        .expect("extend");
    assert_eq!(v[0].state, StatusState::Extended { from: d("2025-03-10"), until: d("2026-09-10") });
    assert_eq!(v[0].current.as_ref().and_then(|c| c.extension_months), Some(6));
    assert_eq!(state(&o, "2026-09-10").name(), "extended");
    assert_eq!(state(&o, "2026-09-11"), StatusState::Expired { on: d("2026-09-11") });
    let again = o
        .store
        .extend_status(&ctx(&admin), &regno, d("2026-04-01"), None, Scope::Person)
        .expect_err("once");
    assert_eq!(field_codes(&again), [("extended_on".into(), "status-already-extended".into())]);

    let v = o
        .store
        .end_status(
            &ctx(&admin),
            &regno,
            d("2026-06-01"),
            EndReason::Citizenship,
            Some("Указ № 123"),
            Scope::Person,
        )
        .expect("end");
    assert_eq!(v[0].state, StatusState::EndedByCitizenship { on: d("2026-06-01") });
    assert_eq!(state(&o, "2026-05-31").name(), "extended");
    assert_eq!(state(&o, "2026-06-01").name(), "ended_by_citizenship");
    let current = o.store.status(&regno, today()).expect("status").current.expect("record");
    assert_eq!(current.end_note.as_deref(), Some("Указ № 123"));
    assert_eq!(current.valid_until, Some(d("2026-09-10")));
}

#[test]
fn a_stage_recorded_differently_needs_a_correction_and_a_family_is_recorded_at_once() {
    let mut o = office();
    let regno = with_family(&mut o);
    let admin = o.admin.clone();
    let stages = StatusStages { applied_on: Some(d("2026-10-01")), ..StatusStages::default() };
    let views = o
        .store
        .record_status(&ctx(&admin), &regno, &stages, Scope::Family, None)
        .expect("the family applies");
    assert_eq!(views.len(), 3, "every member");
    assert!(views.iter().all(|v| v.state == StatusState::Applied { since: d("2026-10-01") }));

    let other = StatusStages { applied_on: Some(d("2026-10-02")), ..StatusStages::default() };
    let e = o
        .store
        .record_status(&ctx(&admin), &regno, &other, Scope::Person, None)
        .expect_err("a different date");
    assert_eq!(field_codes(&e), [("applied_on".into(), "status-stage-recorded".into())]);
    o.store
        .record_status(&ctx(&admin), &regno, &other, Scope::Person, Some("typo"))
        .expect("corrected with a reason");
    let audit = o.store.audit_for(&regno).expect("audit");
    assert!(audit.iter().any(|a| a.reason.as_deref() == Some("typo")));

    let refused = StatusStages {
        decided_on: Some(d("2026-10-20")),
        decision: Some(Decision::Refused),
        ..StatusStages::default()
    };
    let e = o
        .store
        .record_status(&ctx(&admin), &regno, &refused, Scope::Person, None)
        .expect_err("no reason");
    assert_eq!(
        field_codes(&e),
        [("refusal_reason".into(), "status-refusal-reason-missing".into())]
    );
    let refused = StatusStages { refusal_reason: Some("documents incomplete".into()), ..refused };
    let v = o
        .store
        .record_status(&ctx(&admin), &regno, &refused, Scope::Person, None)
        .expect("refused");
    assert_eq!(v[0].state.name(), "refused");
    // A new application after the refusal starts a new record.
    let anew = StatusStages { applied_on: Some(d("2026-11-01")), ..StatusStages::default() };
    let v = o
        .store
        .record_status(&ctx(&admin), &regno, &anew, Scope::Person, None)
        .expect("new application");
    assert_eq!(v[0].history.len(), 2);
    assert_eq!(v[0].state, StatusState::Applied { since: d("2026-11-01") });
}

#[test]
fn statuses_ending_soon_are_listed_soonest_first() {
    let mut o = office();
    let regno = with_family(&mut o);
    let admin = o.admin.clone();
    let family = o.store.family(&regno).expect("family");
    let numbers: Vec<String> = family.members.iter().map(|m| m.person.regno.clone()).collect();
    // Granted on three dates: ends 2026-11-30, 2026-12-25, 2027-01-10.
    for (n, decided) in numbers.iter().zip(["2025-11-30", "2025-12-25", "2026-01-10"]) {
        let stages = StatusStages {
            applied_on: Some(d("2025-11-01")),
            decided_on: Some(d(decided)),
            decision: Some(Decision::Granted),
            ..StatusStages::default()
        };
        o.store.record_status(&ctx(&admin), n, &stages, Scope::Person, None).expect("granted");
    }
    let due = o.store.statuses_due(today(), 30).expect("due");
    let listed: Vec<(&str, i64)> = due.iter().map(|s| (s.regno.as_str(), s.days_left)).collect();
    assert_eq!(listed, [(numbers[0].as_str(), 5), (numbers[1].as_str(), 30)]);
    assert!(due[0].can_extend);
    assert_eq!(o.store.statuses_due(today(), 4).expect("due").len(), 0);
    // Extended: no longer ending soon.
    o.store.extend_status(&ctx(&admin), &numbers[0], today(), None, Scope::Person).expect("extend");
    let due = o.store.statuses_due(today(), 30).expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].regno, numbers[1]);
}

#[test]
fn the_extension_length_is_reference_data_only_an_admin_changes() {
    let mut o = office();
    let clerk = o.clerk("clerk1");
    assert_eq!(o.store.status_rules().expect("rules").extension_months, 6);
    let e = o
        .store
        .set_status_rules(&ctx(&clerk), StatusRules { extension_months: 3 }, None)
        .expect_err("clerk");
    assert!(matches!(e, StoreError::Forbidden { .. }));
    let admin = o.admin.clone();
    let e = o
        .store
        .set_status_rules(&ctx(&admin), StatusRules { extension_months: 13 }, None)
        .expect_err("too long");
    assert_eq!(field_codes(&e), [("extension_months".into(), "status-extension-length".into())]);
    o.store
        .set_status_rules(&ctx(&admin), StatusRules { extension_months: 3 }, Some("order".into()))
        .expect("admin");
    assert_eq!(o.store.status_rules().expect("rules").extension_months, 3);
    let regno = with_family(&mut o);
    o.store
        .record_status(&ctx(&admin), &regno, &granted_stages(), Scope::Person, None)
        .expect("granted");
    let v = o
        .store
        .extend_status(
            &Context::new(&admin, at(), d("2026-03-01")),
            &regno,
            d("2026-03-01"),
            None,
            Scope::Person,
        )
        .expect("extend");
    assert_eq!(v[0].state.until(), Some(d("2026-06-10")));
}

// ---------------------------------------------------------------- quota

#[test]
fn the_shipped_quotas_are_loaded_at_init_and_shown_with_what_is_left() {
    let o = office();
    let summary = o.store.quota_summary(2026, today()).expect("summary");
    let pavlodar = summary.regions.iter().find(|l| l.region == "KZ-55").expect("Pavlodar");
    assert_eq!((pavlodar.quota, pavlodar.used, pavlodar.remaining), (Some(977), 0, Some(977)));
    assert_eq!(summary.regions.len(), 8);
    assert_eq!(summary.national.as_ref().and_then(|n| n.quota), Some(2281));
    let s2024 = o.store.quota_summary(2024, today()).expect("2024");
    assert_eq!(s2024.national.and_then(|n| n.quota), Some(3033), "the raised figure");
}

#[test]
fn an_inclusion_over_the_quota_is_refused_and_a_mid_year_change_applies_from_its_date() {
    let mut o = office();
    let admin = o.admin.clone();
    let regno = with_family(&mut o); // 3 people in KZ-55
    let set = |o: &mut TestOffice, people: i64, from: &str| {
        o.store
            .set_quota(
                &ctx(&admin),
                &QuotaRow {
                    region: "KZ-55".into(),
                    year: 2025,
                    people,
                    effective_from: d(from),
                    note: None,
                },
            )
            .expect("set")
    };
    set(&mut o, 2, "2025-01-01");
    set(&mut o, 5, "2025-06-01");
    let before = o.counts();
    assert_eq!(o.store.family_inclusion(&regno).expect("inclusion"), None);
    let e = o
        .store
        .include_in_quota(&ctx(&admin), &regno, d("2025-05-31"), None, None)
        .expect_err("3 people, 2 places");
    let f = &e.field_errors()[0];
    assert_eq!((f.field.as_str(), f.code.as_str()), ("people", "quota-exceeded"));
    assert_eq!(f.args["remaining"], "2");
    assert_eq!(f.args["quota"], "2");
    assert_eq!(o.counts(), before, "nothing written");
    let inc = o
        .store
        .include_in_quota(&ctx(&admin), &regno, d("2025-06-01"), None, Some("№ 45"))
        .expect("fits the raised quota");
    assert_eq!(inc.inclusion.people, 3);
    assert_eq!(o.store.family_inclusion(&regno).expect("inclusion"), Some(inc.inclusion.clone()));
    assert_eq!((inc.line.quota, inc.line.used, inc.line.remaining), (Some(5), 3, Some(2)));
    let e = o
        .store
        .include_in_quota(&ctx(&admin), &regno, d("2025-07-01"), None, None)
        .expect_err("again");
    assert_eq!(field_codes(&e)[0].1, "quota-already-included");

    // A second family: 2 places left, a family of 3 does not fit, 2 of them do.
    let mut other = example_family();
    for (i, m) in other.members.iter_mut().enumerate() {
        m.iin = None;
        m.surname = format!("Басқа{i}");
        m.surname_latin = None;
        m.document = None;
    }
    let second = o
        .store
        .register_family(&ctx(&admin), &other, Duplicates::Refuse)
        .expect("second family")
        .family_regno;
    let e = o
        .store
        .include_in_quota(&ctx(&admin), &second, d("2025-08-01"), None, None)
        .expect_err("over");
    assert_eq!(e.field_errors()[0].args["remaining"], "2");
    let inc = o
        .store
        .include_in_quota(&ctx(&admin), &second, d("2025-08-01"), Some(2), None)
        .expect("exactly at the limit");
    assert_eq!(inc.line.remaining, Some(0));
    // Lowered later in the year below what is used: shown as over, nothing more fits.
    set(&mut o, 4, "2025-10-01");
    let summary = o.store.quota_summary(2025, today()).expect("summary");
    let line = summary.regions.iter().find(|l| l.region == "KZ-55").expect("line");
    assert_eq!((line.quota, line.used, line.remaining), (Some(4), 5, Some(-1)));
    assert_eq!(o.store.quota_inclusions(2025, Some("KZ-55")).expect("list").len(), 2);
    let national = summary.national.expect("national 2025");
    assert_eq!((national.region.as_str(), national.used), (NATIONAL, 5));
}

#[test]
fn a_region_without_a_quota_refuses_and_only_an_admin_sets_one() {
    let mut o = office();
    let regno = with_family(&mut o);
    let admin = o.admin.clone();
    let e = o
        .store
        .include_in_quota(&ctx(&admin), &regno, d("2025-03-01"), None, None)
        .expect_err("no 2025 quota for KZ-55 shipped");
    assert_eq!(field_codes(&e)[0].1, "quota-none");
    let clerk = o.clerk("clerk1");
    let row = QuotaRow {
        region: "kz-55".into(),
        year: 2025,
        people: 10,
        effective_from: d("2025-01-01"),
        note: None,
    };
    assert!(matches!(
        o.store.set_quota(&ctx(&clerk), &row).expect_err("clerk"),
        StoreError::Forbidden { .. }
    ));
    let rec = o.store.set_quota(&ctx(&admin), &row).expect("admin");
    assert_eq!(rec.region, "KZ-55");
    o.store
        .include_in_quota(&ctx(&clerk), &regno, d("2025-03-01"), None, None)
        .expect("a clerk records the decision");
    let bad = QuotaRow { region: "KZ-99".into(), people: -1, ..row };
    let e = o.store.set_quota(&ctx(&admin), &bad).expect_err("bad row");
    assert_eq!(field_codes(&e).len(), 2);
}

// ---------------------------------------------------------------- plan and services

#[test]
fn plan_items_and_services_are_recorded_and_counted_by_month() {
    let mut o = office();
    let regno = with_family(&mut o);
    let clerk = o.clerk("aigerim");
    let plan = o
        .store
        .add_plan_item(
            &ctx(&clerk),
            &regno,
            &NewPlanItem {
                area: PlanArea::Housing,
                description: "Пәтер іздеу".into(),
                responsible: None,
                due_date: Some(d("2026-11-20")),
                note: None,
            },
        )
        .expect("add");
    assert_eq!(plan.items.len(), 1);
    assert_eq!(plan.items[0].item.number, 1);
    assert_eq!(plan.items[0].responsible_login.as_deref(), Some("aigerim"));
    assert!(plan.items[0].overdue, "due 20.11, today 25.11");
    let stay = plan.stay.expect("the plan opens the stay");
    assert_eq!((stay.stay.started_on, stay.stay.planned_end), (today(), d("2027-05-25")));
    let plan = o
        .store
        .add_plan_item(
            &ctx(&clerk),
            &regno,
            &NewPlanItem {
                area: PlanArea::LanguageCourses,
                description: "Қазақ тілі курсы".into(),
                responsible: Some("admin".into()),
                due_date: None,
                note: None,
            },
        )
        .expect("add");
    assert_eq!(plan.items[1].item.number, 2);
    assert_eq!(plan.open_items, 2);

    let e = o
        .store
        .add_plan_item(
            &ctx(&clerk),
            &regno,
            &NewPlanItem {
                area: PlanArea::Legal,
                description: " ".into(),
                responsible: Some("nobody".into()),
                due_date: None,
                note: None,
            },
        )
        .expect_err("blank");
    assert_eq!(field_codes(&e)[0].0, "description");

    let plan = o
        .store
        .update_plan_item(
            &ctx(&clerk),
            &regno,
            1,
            &PlanItemChange { state: Some(PlanItemState::Done), ..PlanItemChange::default() },
        )
        .expect("done");
    assert_eq!(plan.items[0].item.done_on, Some(today()));
    assert_eq!((plan.open_items, plan.overdue_items), (1, 0));
    let e = o
        .store
        .update_plan_item(&ctx(&clerk), &regno, 9, &PlanItemChange::default())
        .expect_err("no item 9");
    assert_eq!(field_codes(&e), [("number".into(), "plan-unknown-item".into())]);

    let family = o.store.family(&regno).expect("family");
    let child = family.members[2].person.regno.clone();
    let services = [
        (ServiceKind::LegalConsultation, "2026-10-05", None, None),
        (ServiceKind::HousingSearchHelp, "2026-11-10", None, Some(1)),
        (ServiceKind::HousingSearchHelp, "2026-11-20", None, Some(1)),
        (ServiceKind::SchoolPlacement, "2026-11-21", Some(child.clone()), None),
        (ServiceKind::KazakhLanguageCourse, "2026-11-25", None, Some(2)),
    ];
    for (kind, on, person, item) in services {
        o.store
            .record_service(
                &ctx(&clerk),
                &regno,
                &NewService {
                    kind,
                    given_on: d(on),
                    person,
                    given_by: None,
                    plan_item: item,
                    note: None,
                },
            )
            .expect("service");
    }
    let e = o
        .store
        .record_service(
            &ctx(&clerk),
            &regno,
            &NewService {
                kind: ServiceKind::MedicalExamination,
                given_on: d("2026-11-26"),
                person: None,
                given_by: Some("ghost".into()),
                plan_item: Some(7),
                note: None,
            },
        )
        .expect_err("tomorrow");
    assert_eq!(field_codes(&e), [("given_on".into(), "plan-date-in-future".into())]);

    let plan = o.store.plan(&regno, today()).expect("plan");
    assert_eq!(plan.services.len(), 5);
    assert_eq!(plan.items[0].services, 2);
    assert_eq!(plan.services[3].person_regno.as_deref(), Some(child.as_str()));
    assert_eq!(plan.services[3].given_by_login, "aigerim");

    let nov = o.store.services_month(2026, 11).expect("november");
    assert_eq!(nov.counts.total, 4);
    let count = |k: ServiceKind| nov.counts.by_kind.iter().find(|(x, _)| *x == k).map(|(_, n)| *n);
    assert_eq!(count(ServiceKind::HousingSearchHelp), Some(2));
    assert_eq!(count(ServiceKind::LegalConsultation), Some(0));
    assert_eq!((nov.families_served, nov.plan_items_done, nov.families_staying), (1, 1, 1));
    let oct = o.store.services_month(2026, 10).expect("october");
    assert_eq!((oct.counts.total, oct.families_staying), (1, 0));

    let plan = o.store.set_stay(&ctx(&clerk), &regno, None, None, Some(today())).expect("left");
    assert_eq!(plan.stay.expect("stay").stay.ended_on, Some(today()));
    assert_eq!(o.store.services_month(2026, 11).expect("nov").stays_ended, 1);
    // Everything went through the write path.
    assert!(o.store.verify_audit_chain().expect("chain").first_broken_seq.is_none());
}

// ---------------------------------------------------------------- import

fn kk_relation(r: Relation) -> &'static str {
    match r {
        Relation::Head => "басшысы",
        Relation::Spouse => "жұбайы",
        Relation::Child => "баласы",
        Relation::Parent => "ата-анасы",
        Relation::Sibling => "бауыры",
        Relation::Grandchild => "немересі",
        Relation::Grandparent => "атасы",
        Relation::ChildInLaw => "келіні",
        Relation::OtherRelative => "туысы",
    }
}

const HEADINGS: [&str; 16] = [
    "Отбасы №",
    "Тегі",
    "Аты",
    "Әкесінің аты",
    "Тегі (латын)",
    "Аты (латын)",
    "Туған күні",
    "Жынысы",
    "ЖСН",
    "Туыстығы",
    "Құжат түрі",
    "Құжат нөмірі",
    "Берілген күні",
    "Келген күні",
    "Шыққан елі",
    "Өңір",
];

/// What a test spreadsheet holds: the number of rows and the rows deliberately broken.
struct Made {
    rows: usize,
    bad_rows: Vec<usize>,
}

/// Writes `count` data rows of demo families to an XLSX, breaking one row in 40 in one of
/// five ways; the settlement comes from the mapping's defaults.
fn make_xlsx(path: &std::path::Path, count: usize) -> Made {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut used = std::collections::HashSet::new();
    let families = otau_core::demo::families(99, 600, today(), 0, &mut used);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2026").expect("name");
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    for (c, h) in HEADINGS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("heading");
    }
    let date = |s: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, d: NaiveDate| {
        let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
            .expect("excel date");
        s.write_datetime_with_format(r, c, &dt, &date_format).expect("date");
    };
    let mut row: u32 = 1;
    let mut bad_rows = vec![];
    'families: for (fi, f) in families.iter().enumerate() {
        for m in &f.members {
            if row as usize > count {
                break 'families;
            }
            let r = row;
            let key = format!("{}", fi + 1);
            // Only the head's row carries the family number, as in merged cells.
            if m.relation == Relation::Head || matches!(r % 7, 0) {
                sheet.write_string(r, 0, &key).expect("key");
            }
            sheet.write_string(r, 1, &m.surname).expect("w");
            sheet.write_string(r, 2, &m.given_name).expect("w");
            if let Some(p) = &m.patronymic {
                sheet.write_string(r, 3, p).expect("w");
            }
            if let Some(s) = &m.surname_latin {
                sheet.write_string(r, 4, s).expect("w");
            }
            if let Some(g) = &m.given_name_latin {
                sheet.write_string(r, 5, g).expect("w");
            }
            date(sheet, r, 6, m.birth_date);
            sheet.write_string(r, 7, if m.sex == Sex::Male { "ер" } else { "әйел" }).expect("w");
            if let Some(iin) = &m.iin {
                // As a number: a spreadsheet drops the leading zero of those born 2000–2009.
                #[allow(clippy::disallowed_types)] // A spreadsheet's numbers are floats.
                sheet.write_number(r, 8, iin.parse::<f64>().expect("digits")).expect("w");
            }
            sheet.write_string(r, 9, kk_relation(m.relation)).expect("w");
            if let Some(doc) = &m.document {
                let kind = match doc.kind {
                    DocumentKind::Passport => "паспорт",
                    DocumentKind::BirthCertificate => "туу туралы куәлік",
                    _ => "басқа",
                };
                sheet.write_string(r, 10, kind).expect("w");
                sheet.write_string(r, 11, &doc.number).expect("w");
                if let Some(issued) = doc.issued_on {
                    date(sheet, r, 12, issued);
                }
            }
            date(sheet, r, 13, f.arrival_date);
            sheet.write_string(r, 14, &f.country_of_origin).expect("w");
            sheet.write_string(r, 15, &f.region).expect("w");
            // One row in 40 is broken, five different ways.
            if r % 40 == 17 {
                bad_rows.push(r as usize + 1);
                match (r / 40) % 5 {
                    0 => sheet.write_string(r, 6, "31.02.1990").map(|_| ()),
                    1 => sheet.write_string(r, 7, "?").map(|_| ()),
                    2 => sheet.write_string(r, 8, "850412310212").map(|_| ()),
                    3 => sheet.write_string(r, 1, " ").map(|_| ()),
                    _ => sheet.write_string(r, 15, "KZ-99").map(|_| ()),
                }
                .expect("break a row");
            }
            row += 1;
        }
    }
    book.save(path).expect("save xlsx");
    Made { rows: count, bad_rows }
}

fn mapping_for(path: &std::path::Path) -> Mapping {
    let headers = read_sheet(path, &Mapping { header_row: 1, ..Mapping::default() })
        .expect("read headings")
        .headers;
    let mut m = suggest_mapping(&headers);
    m.sheet = Some("2026".into());
    m.defaults.insert(otau_core::casework::import::ImportField::Settlement, "Орталық".into());
    m
}

#[test]
fn a_thousand_row_xlsx_imports_as_its_dry_run_said_and_a_second_run_adds_nothing() {
    let mut o = office();
    let path = o.dir.path().join("families.xlsx");
    let made = make_xlsx(&path, 1000);
    let mapping = mapping_for(&path);
    assert_eq!(mapping.family_key.as_deref(), Some("Отбасы №"));
    assert_eq!(mapping.columns.len(), 15, "{mapping:?}");
    let sheet = read_sheet(&path, &mapping).expect("read");
    assert_eq!(sheet.rows.len(), made.rows);
    let admin = o.admin.clone();
    let before = o.counts();

    let started = std::time::Instant::now();
    let dry = o.store.import(&ctx(&admin), &sheet, &mapping, true).expect("dry run");
    let dry_time = started.elapsed();
    assert!(dry.dry_run);
    assert_eq!(o.counts(), before, "a dry run writes nothing");
    let refused_rows: Vec<usize> = dry.refused.iter().map(|r| r.row).collect();
    for bad in &made.bad_rows {
        assert!(refused_rows.contains(bad), "row {bad} refused: {refused_rows:?}");
    }
    assert_eq!(made.bad_rows.len(), 25);
    let accounted: usize = dry.families.iter().map(|f| f.rows.len()).sum::<usize>()
        + dry.already_registered.iter().map(|f| f.rows.len()).sum::<usize>()
        + dry.refused.len();
    assert_eq!(accounted, made.rows, "every row is created, skipped or refused");
    // Each kind of broken row has its reason.
    let codes: std::collections::BTreeSet<&str> =
        dry.refused.iter().flat_map(|r| r.problems.iter().map(|p| p.code.as_str())).collect();
    for code in [
        "import-bad-date",
        "import-bad-value",
        "iin-check-digit",
        "value-required",
        "import-family-refused",
    ] {
        assert!(codes.contains(code), "{code} in {codes:?}");
    }
    // KZ-99 on a head's row is an unknown region, on a member's row a disagreement.
    assert!(codes.contains("region-unknown") || codes.contains("import-family-field-conflict"));

    let started = std::time::Instant::now();
    let real = o.store.import(&ctx(&admin), &sheet, &mapping, false).expect("import");
    let real_time = started.elapsed();
    assert!(!real.dry_run);
    let shape = |r: &otau_store::registry::import::ImportReport| {
        (
            r.families.iter().map(|f| (f.key.clone(), f.rows.clone())).collect::<Vec<_>>(),
            r.refused.clone(),
            r.already_registered.len(),
            r.persons,
        )
    };
    assert_eq!(shape(&real), shape(&dry), "the real run did what the dry run said");
    let after = o.counts();
    assert_eq!(after.0 - before.0, real.families.len() as i64);
    assert_eq!(after.1 - before.1, real.persons as i64);
    assert!(real.families.iter().all(|f| f.registered.is_some()));
    // One broken row refuses its whole family (of four on average).
    assert!(real.persons > 750, "most rows are good: {}", real.persons);
    // The leading zero of IINs stored as numbers came back.
    assert!(o.store.registered_iins().expect("iins").iter().any(|i| i.starts_with('0')));

    let again = o.store.import(&ctx(&admin), &sheet, &mapping, false).expect("again");
    assert!(again.families.is_empty(), "nothing new: {:?}", again.families.first());
    assert_eq!(again.already_registered.len(), real.families.len());
    assert_eq!(again.refused, real.refused);
    assert_eq!(o.counts().0, after.0);
    assert_eq!(o.counts().1, after.1);
    assert!(o.store.verify_audit_chain().expect("chain").first_broken_seq.is_none());
    eprintln!(
        "import of {} rows: dry run {:?}, real run {:?} ({} families, {} persons)",
        made.rows,
        dry_time,
        real_time,
        real.families.len(),
        real.persons
    );
}

#[test]
fn a_csv_with_semicolons_imports_and_a_bad_mapping_changes_nothing() {
    let mut o = office();
    let path = o.dir.path().join("families.csv");
    std::fs::write(
        &path,
        "\u{feff}№ семьи;Фамилия;Имя;Дата рождения;Пол;ИИН;Родство;Дата прибытия;Страна исхода;Регион;Населенный пункт\n\
         1;Сейітқали;Нұрсұлтан;12.04.1985;муж;850412310211;глава;14.09.2026;Узбекистан;Павлодарская область;Павлодар\n\
         ;Сейітқали;Әлия;03.11.1988;жен;;жена;;;;\n\
         \n\
         2;Омаров;Бақыт;05.01.1970;муж;;глава;01.10.2026;CN;KZ-55;Екібастұз\n",
    )
    .expect("write csv");
    let mapping = mapping_for(&path);
    let mapping = Mapping { sheet: None, ..mapping };
    let sheet = read_sheet(&path, &mapping).expect("read");
    assert_eq!(sheet.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 3, 5]);
    let admin = o.admin.clone();
    let report = o.store.import(&ctx(&admin), &sheet, &mapping, false).expect("import");
    assert_eq!(report.families.len(), 2, "{:?}", report.refused);
    assert_eq!(report.persons, 3);
    let reg = report.families[0].registered.as_ref().expect("numbers");
    let family = o.store.family(&reg.family_regno).expect("family");
    assert_eq!(family.family.country_of_origin, "UZ");
    assert_eq!(family.members[1].person.relation, Relation::Spouse);
    // An old list has no consent columns: each person's consent is to be collected, which
    // other corrections keep, until a clerk records the consent.
    let head = &family.members[0];
    assert_eq!(
        head.latest_consent().map(|c| c.basis),
        Some(otau_core::consent::ConsentBasis::ToCollect)
    );
    let status = head.consent_standing(today()).status;
    assert_eq!(status, otau_core::consent::ConsentStatus::ToCollect);
    let mut input = head.as_input();
    input.phone = Some("+77015551234".into());
    o.store
        .edit_person(&ctx(&admin), &head.person.regno, &input, head.person.version, "Телефон")
        .expect("a correction keeps the consent to be collected");

    let mut bad = mapping.clone();
    bad.columns.insert(otau_core::casework::import::ImportField::Phone, "Телефон".into());
    let before = o.counts();
    let e = o.store.import(&ctx(&admin), &sheet, &bad, false).expect_err("bad mapping");
    assert_eq!(field_codes(&e), [("columns.phone".into(), "import-column-missing".into())]);
    assert_eq!(o.counts(), before);
    let e = read_sheet(&o.dir.path().join("x.pdf"), &mapping).expect_err("kind");
    assert_eq!(field_codes(&e)[0].1, "import-file-kind");
}

#[test]
fn an_import_stopped_while_registering_writes_nothing_and_its_progress_counts_every_family() {
    use otau_store::registry::import::{read_sheet_bytes, ImportStage, IMPORT_LIMITS};
    let mut o = office();
    let path = o.dir.path().join("families.xlsx");
    make_xlsx(&path, 200);
    let mapping = mapping_for(&path);
    // The window hands over the file's bytes: they read as the file on disk does.
    let bytes = std::fs::read(&path).expect("bytes");
    let sheet = read_sheet_bytes("families.xlsx", &bytes, &mapping, IMPORT_LIMITS).expect("read");
    assert_eq!(sheet, read_sheet(&path, &mapping).expect("read the file"));
    let admin = o.admin.clone();
    let before = o.counts();

    let mut seen: Vec<(ImportStage, usize, usize)> = vec![];
    let e = o
        .store
        .import_watched(&ctx(&admin), &sheet, &mapping, false, &mut |stage, done, total| {
            seen.push((stage, done, total));
            !(stage == ImportStage::Registering && done == total / 2)
        })
        .expect_err("stopped");
    assert!(matches!(e, StoreError::Cancelled), "{e:?}");
    assert_eq!(o.counts(), before, "nothing of a stopped import is written");
    let checking: Vec<_> = seen.iter().filter(|s| s.0 == ImportStage::Checking).collect();
    let families = checking[0].2;
    assert!(families > 30, "{families} families in 200 rows");
    assert_eq!(checking.len(), families + 1, "told before each family and at the end");
    assert!(checking.windows(2).all(|w| w[1].1 == w[0].1 + 1));
    let registering: Vec<_> = seen.iter().filter(|s| s.0 == ImportStage::Registering).collect();
    assert_eq!(registering.last().map(|s| s.1), Some(registering[0].2 / 2));

    // Stopped while checking, too; then the whole import runs and says the same as the dry run.
    let e = o
        .store
        .import_watched(&ctx(&admin), &sheet, &mapping, false, &mut |_, done, _| done < 3)
        .expect_err("stopped while checking");
    assert!(matches!(e, StoreError::Cancelled), "{e:?}");
    assert_eq!(o.counts(), before);
    let report = o.store.import(&ctx(&admin), &sheet, &mapping, false).expect("import");
    assert_eq!(o.counts().0 - before.0, report.families.len() as i64);
    assert!(o.store.verify_audit_chain().expect("chain").first_broken_seq.is_none());
}

// ---------------------------------------------------------------- reference data

#[test]
fn a_database_from_before_case_work_gets_the_shipped_quotas_once() {
    let mut o = office();
    // As a database made before the quota table shipped: no rows, no marker.
    o.store
        .raw_connection()
        .execute_batch(
            "DELETE FROM quota_rows; DELETE FROM casework_settings WHERE key = 'reference.quotas_loaded';",
        )
        .expect("make old");
    assert!(o.store.quota_table().expect("table").rows().is_empty());
    let n = o.store.ensure_reference_data(at()).expect("ensure");
    assert_eq!(n, 14);
    assert_eq!(o.store.ensure_reference_data(at()).expect("again"), 0);
    // An administrator's change is not overwritten.
    let admin = o.admin.clone();
    o.store
        .set_quota(
            &ctx(&admin),
            &QuotaRow {
                region: "KZ-55".into(),
                year: 2026,
                people: 900,
                effective_from: d("2026-01-01"),
                note: None,
            },
        )
        .expect("set");
    assert_eq!(o.store.ensure_reference_data(at()).expect("again"), 0);
    let t = o.store.quota_table().expect("table");
    assert_eq!(t.in_force("KZ-55", 2026, today()).map(|r| r.people), Some(900));
}

#[test]
fn a_database_at_the_foundation_schema_migrates_to_case_work() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(otau_store::schema::MIGRATIONS[0]).expect("foundation");
        conn.pragma_update(None, "user_version", 1).expect("version 1");
    }
    let store = otau_store::Store::open(&path).expect("migrates");
    let conn = store.raw_connection();
    assert_eq!(
        otau_store::schema::version(conn).expect("version"),
        otau_store::schema::latest_version()
    );
    for table in
        ["kandas_statuses", "quota_rows", "quota_inclusions", "plan_items", "services", "stays"]
    {
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = ?1", [table], |r| r.get(0))
            .expect("query");
        assert_eq!(n, 1, "{table}");
    }
}
