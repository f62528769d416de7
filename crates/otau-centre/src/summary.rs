//! A region's or the country's monthly summary: the offices' summaries added up, figure by
//! figure, to the person and the tiyn.
//!
//! # Design
//! Pure. Counts add; countries, late months and subsidies add by their key; a region's quota is
//! one figure that every office of the region reports (the centre's reference data), so it is
//! taken once per region while the inclusions of its offices add. Money adds with overflow
//! checked: an overflow is an error, never a wrong total.

use crate::error::{CentreError, Result};
use otau_print::data::{CountryCount, Counts, LateCount, OfficeLine, StatusCounts, SubsidyRow};
use otau_print::{Month, MonthlySummaryData, OfficeHeader};
use std::collections::BTreeMap;

fn add(a: &mut Counts, b: Counts) {
    a.families += b.families;
    a.persons += b.persons;
}

fn overflow() -> CentreError {
    CentreError::bad("summary", "an amount too large to add up")
}

/// A summary of `month` that counts nobody.
pub fn empty(office: OfficeHeader, month: Month) -> MonthlySummaryData {
    MonthlySummaryData {
        office,
        month,
        arrivals: Counts::default(),
        registered: Counts::default(),
        by_country: vec![],
        by_age: Default::default(),
        by_education: Default::default(),
        late: vec![],
        statuses: None,
        quota: None,
        subsidies: None,
        closed: None,
        offices: vec![],
    }
}

/// The summary of `scope` for `month`: every office's summary (with whether the office had
/// closed the month) added up.
pub fn add_up(
    scope: OfficeHeader,
    month: Month,
    parts: &[MonthlySummaryData],
) -> Result<MonthlySummaryData> {
    let mut sum = empty(scope, month);
    let mut countries: BTreeMap<String, Counts> = BTreeMap::new();
    let mut late: BTreeMap<Month, (Counts, Counts)> = BTreeMap::new();
    let mut quotas: BTreeMap<String, otau_print::data::QuotaUse> = BTreeMap::new();
    let mut subsidies: Vec<SubsidyRow> = vec![];
    for part in parts {
        add(&mut sum.arrivals, part.arrivals);
        add(&mut sum.registered, part.registered);
        for c in &part.by_country {
            add(countries.entry(c.country.clone()).or_default(), c.counts);
        }
        sum.by_age.below_working_age += part.by_age.below_working_age;
        sum.by_age.working_age += part.by_age.working_age;
        sum.by_age.pension_age += part.by_age.pension_age;
        let (e, p) = (&mut sum.by_education, &part.by_education);
        e.higher += p.higher;
        e.secondary_vocational += p.secondary_vocational;
        e.general_secondary += p.general_secondary;
        e.none += p.none;
        e.not_recorded += p.not_recorded;
        for l in &part.late {
            let entry = late.entry(l.month).or_default();
            add(&mut entry.0, l.arrivals);
            add(&mut entry.1, l.registered);
        }
        if let Some(s) = part.statuses {
            let t = sum.statuses.get_or_insert(StatusCounts::default());
            t.granted += s.granted;
            t.extended += s.extended;
            t.ending += s.ending;
        }
        if let Some(q) = part.quota {
            let region =
                quotas.entry(part.office.region.clone()).or_insert(otau_print::data::QuotaUse {
                    year: q.year,
                    quota: q.quota,
                    ..Default::default()
                });
            region.quota = region.quota.max(q.quota);
            region.used_before += q.used_before;
            region.used_in_month += q.used_in_month;
        }
        if let Some(rows) = &part.subsidies {
            for row in rows {
                match subsidies.iter_mut().find(|s| s.subsidy_kk == row.subsidy_kk) {
                    Some(s) => {
                        s.accrued = s.accrued.checked_add(row.accrued).ok_or_else(overflow)?;
                        s.approved = s.approved.checked_add(row.approved).ok_or_else(overflow)?;
                        s.paid = s.paid.checked_add(row.paid).ok_or_else(overflow)?;
                    }
                    None => subsidies.push(row.clone()),
                }
            }
            sum.subsidies.get_or_insert_with(Vec::new);
        }
        sum.offices.push(OfficeLine {
            office: part.office.clone(),
            arrivals: part.arrivals,
            registered: part.registered,
            closed: part.closed.is_some(),
        });
    }
    let mut by_country: Vec<CountryCount> =
        countries.into_iter().map(|(country, counts)| CountryCount { country, counts }).collect();
    by_country.sort_by(|a, b| {
        b.counts.persons.cmp(&a.counts.persons).then_with(|| a.country.cmp(&b.country))
    });
    sum.by_country = by_country;
    sum.late = late
        .into_iter()
        .map(|(month, (arrivals, registered))| LateCount { month, arrivals, registered })
        .collect();
    if !quotas.is_empty() {
        let year = quotas.values().map(|q| q.year).max().unwrap_or(month.year());
        let mut total = otau_print::data::QuotaUse { year, ..Default::default() };
        for q in quotas.values() {
            total.quota += q.quota;
            total.used_before += q.used_before;
            total.used_in_month += q.used_in_month;
        }
        sum.quota = Some(total);
    }
    if sum.subsidies.is_some() {
        sum.subsidies = Some(subsidies);
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use otau_print::data::{ClosedMark, Money, QuotaUse};

    fn office(code: &str, region: &str) -> OfficeHeader {
        OfficeHeader { code: code.into(), name: code.into(), region: region.into() }
    }

    fn part(code: &str, region: &str, persons: i64, paid: i64) -> MonthlySummaryData {
        let month: Month = "2026-11".parse().expect("month");
        let mut d = empty(office(code, region), month);
        d.registered = Counts { families: 1, persons };
        d.by_country =
            vec![CountryCount { country: "UZ".into(), counts: Counts { families: 1, persons } }];
        d.quota =
            Some(QuotaUse { year: 2026, quota: 977, used_before: 10, used_in_month: persons });
        let money = |tenge: i64| Money {
            mci: otau_core::money::MciHundredths(tenge / 43),
            tenge: otau_core::money::Tiyn(tenge),
        };
        d.subsidies = Some(vec![SubsidyRow {
            subsidy_kk: "Көшуге".into(),
            subsidy_ru: "Переезд".into(),
            accrued: money(paid),
            approved: money(paid),
            paid: money(paid),
        }]);
        d.late = vec![LateCount {
            month: month.prev(),
            arrivals: Counts { families: 1, persons: 2 },
            registered: Counts::default(),
        }];
        d
    }

    #[test]
    fn a_region_quota_counts_once_and_everything_else_adds() {
        let month: Month = "2026-11".parse().expect("month");
        let mut a = part("PVL01", "KZ-55", 3, 100_000);
        a.closed = Some(ClosedMark {
            closed_on: "2026-12-01".parse().expect("date"),
            closed_by: "x".into(),
        });
        let b = part("PVL02", "KZ-55", 4, 250_000);
        let c = part("AKM01", "KZ-11", 5, 7);
        let sum = add_up(office("KZ", "KZ"), month, &[a, b, c]).expect("sum");
        assert_eq!(sum.registered, Counts { families: 3, persons: 12 });
        assert_eq!(sum.by_country[0].counts, Counts { families: 3, persons: 12 });
        let q = sum.quota.expect("quota");
        assert_eq!((q.quota, q.used_before, q.used_in_month), (977 * 2, 30, 12), "{q:?}");
        let rows = sum.subsidies.expect("subsidies");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].paid.tenge, otau_core::money::Tiyn(350_007));
        assert_eq!(sum.late.len(), 1);
        assert_eq!(sum.late[0].arrivals, Counts { families: 3, persons: 6 });
        let closed: Vec<bool> = sum.offices.iter().map(|o| o.closed).collect();
        assert_eq!(closed, vec![true, false, false]);
        assert!(sum.closed.is_none(), "a sum is closed only at the centre");
    }

    #[test]
    fn money_that_cannot_be_added_is_an_error_not_a_wrong_total() {
        let month: Month = "2026-11".parse().expect("month");
        let a = part("PVL01", "KZ-55", 1, i64::MAX - 1);
        let b = part("PVL02", "KZ-55", 1, 10);
        assert!(add_up(office("KZ", "KZ"), month, &[a, b]).is_err());
    }
}
