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
