//! A generated population written into an office database through the operations clerks and
//! managers use: registrations over several years, then statuses, quota inclusions and
//! subsidies approved and paid, each with its events.

mod common;

use common::*;
use otau_core::population::{Office, Population, Size, Spec};
use otau_store::population::Staff;
use otau_store::{NewUser, Role};

#[test]
fn a_population_over_years_with_its_case_work_is_written_as_an_office_would() {
    let mut o = office();
    let clerk = o.clerk("aigerim");
    o.store
        .add_user(
            &ctx(&o.admin),
            &NewUser {
                login: "marat".into(),
                role: Role::Manager,
                full_name: None,
                password: "manager-password".into(),
            },
        )
        .expect("manager");
    let manager = o.store.sign_in("marat", "manager-password").expect("manager signs in");
    let office = Office { code: "PVL01".into(), region: "KZ-55".into() };
    let mut spec = Spec::new(5, vec![office], Size::Persons(2_000), today());
    spec.years = Some(2023..=2026);
    spec.casework = true;
    let acts = Population::of(&spec, "PVL01").expect("spec").acts();
    let staff = Staff { clerk, manager: Some(manager), admin: Some(o.admin.clone()) };
    let mut days = 0;
    let written = o.store.write_population(acts, &staff, |_| days += 1).expect("written");

    let (families, persons, events, _) = o.counts();
    assert_eq!(written.families as i64, families);
    assert_eq!(written.persons as i64, persons);
    assert!(persons >= 2_000 && days > 300, "{persons} persons on {days} days");
    for kind in
        ["status", "quota_inclusion", "subsidy_decision", "subsidy_approval", "subsidy_payment"]
    {
        assert!(written.done.get(kind).is_some_and(|n| *n > 0), "no {kind}: {written:?}");
    }
    let refused: usize = written.refused.values().sum();
    let done: usize = written.done.values().sum();
    assert!(refused * 20 < done, "refused {refused} of {done}: {:?}", written.refused);
    assert_eq!(written.skipped, 0);

    let conn = o.store.raw_connection();
    let (paid, years): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM ledger_entries WHERE kind = 'paid'),
                    (SELECT COUNT(DISTINCT substr(regno, 7, 4)) FROM persons)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("counts");
    assert!(paid > 0);
    assert_eq!(years, 4);
    assert!(events > persons * 2, "{events} events");
    assert_eq!(o.store.verify_audit_chain().expect("chain").first_broken_seq, None);
}
