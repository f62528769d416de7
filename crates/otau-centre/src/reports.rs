//! The centre's monthly summaries of a region or the whole country: every office's summary,
//! read from the office's replica with the office's own code, added up; closed at the centre
//! once every office of the scope has closed the month, and frozen from then on.
//!
//! # Design
//! An office's figures for a month are final when the office closes the month (late entries
//! count in its next open month), so a region's month closed at the centre only after each of
//! its offices closed it adds up frozen figures and stays equal to the sum of the offices'
//! summaries. Before that the centre's summary is provisional and says which offices are open.
//! The paper is the office's summary laid out the same way, with the offices it adds up, sealed
//! with the centre's key under the number `<scope>-<YYYY-MM>`.

use crate::admin::Admin;
use crate::error::{CentreError, Result};
use crate::{replica, summary};
use chrono::NaiveDate;
use otau_print::data::ClosedMark;
use otau_print::{
    content_hash, DocKind, DocumentContent, IssuedDocument, Month, MonthlySummaryData,
    OfficeHeader, Seal,
};
use otau_store::documents::{CaseWork, DocumentError};
use otau_sync::messages::OfficeInfo;

/// The code of the whole country as a scope.
pub const COUNTRY: &str = "KZ";

/// A region's or the country's summary of a month, and the offices whose month is still open.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// The figures.
    pub data: MonthlySummaryData,
    /// Offices (by code) that have not closed the month: the figures may still change.
    pub open: Vec<String>,
}

/// The summary of an office the centre has no records of yet.
fn nobody(office: &OfficeInfo, month: Month) -> MonthlySummaryData {
    let header = OfficeHeader {
        code: office.code.clone(),
        name: office.name.clone(),
        region: office.region.clone(),
    };
    summary::empty(header, month)
}

impl Admin {
    /// The header of a region's (`KZ-55`) or the country's (none) summary.
    fn scope(&self, region: Option<&str>) -> Result<OfficeHeader> {
        let code = match region.map(str::trim) {
            None => COUNTRY.to_string(),
            Some(r) if otau_core::regions::region(r).is_some() => r.to_string(),
            Some(r) => {
                return Err(CentreError::bad("region", format!("not a region of Kazakhstan: {r}")))
            }
        };
        Ok(OfficeHeader { code: code.clone(), name: self.identity.name.clone(), region: code })
    }

    fn offices_in(&self, scope: &OfficeHeader) -> Result<Vec<OfficeInfo>> {
        let offices: Vec<OfficeInfo> = self
            .block_on(self.storage().status())?
            .offices
            .into_iter()
            .map(|o| o.office)
            .filter(|o| scope.code == COUNTRY || o.region == scope.code)
            .collect();
        if offices.is_empty() {
            return Err(CentreError::NoOffices { scope: scope.code.clone() });
        }
        Ok(offices)
    }

    /// The summary of `month` for a region (`KZ-55`) or the country (none): as frozen if it was
    /// closed at the centre, else every office's summary as its replica holds it, added up.
    pub fn monthly_report(
        &self,
        month: Month,
        region: Option<&str>,
        case: &dyn CaseWork,
    ) -> Result<Report> {
        let scope = self.scope(region)?;
        let frozen =
            self.block_on(self.storage().closed_report(&scope.code, &month.to_string()))?;
        if let Some(json) = frozen {
            let data = serde_json::from_str(&json)
                .map_err(|e| CentreError::Migration(format!("closed report unreadable: {e}")))?;
            return Ok(Report { data, open: vec![] });
        }
        let mut parts = vec![];
        for office in self.offices_in(&scope)? {
            let store = self.block_on(replica::refresh(
                &self.identity,
                self.storage(),
                self.data(),
                &office,
            ))?;
            match store.monthly_summary(month, case) {
                Ok(summary) => parts.push(summary),
                // An office whose records have not reached the centre yet counts nobody.
                Err(otau_store::StoreError::NotInitialised) => parts.push(nobody(&office, month)),
                Err(e) => return Err(e.into()),
            }
        }
        let data = summary::add_up(scope, month, &parts)?;
        let open =
            data.offices.iter().filter(|o| !o.closed).map(|o| o.office.code.clone()).collect();
        Ok(Report { data, open })
    }

    /// Closes `month` at the centre for a region or the country, once it is over and every
    /// office of the scope has closed it: its figures are frozen as they stand, `by` named.
    pub fn close_report(
        &self,
        month: Month,
        region: Option<&str>,
        by: &str,
        today: NaiveDate,
        case: &dyn CaseWork,
    ) -> Result<Report> {
        if today <= month.last_day() {
            let not_over = DocumentError::MonthNotOver { month: month.to_string() };
            return Err(CentreError::Store(not_over.into()));
        }
        let by = by.trim();
        if by.is_empty() {
            return Err(CentreError::bad("by", "the name of who closes the month"));
        }
        let mut report = self.monthly_report(month, region, case)?;
        let scope = report.data.office.code.clone();
        if report.data.closed.is_some() {
            return Err(CentreError::ReportClosed { scope, month: month.to_string() });
        }
        if !report.open.is_empty() {
            return Err(CentreError::OfficesOpen {
                month: month.to_string(),
                offices: report.open.join(", "),
            });
        }
        report.data.closed = Some(ClosedMark { closed_on: today, closed_by: by.to_string() });
        let json = serde_json::to_string(&report.data)
            .map_err(|e| CentreError::Migration(format!("summary: {e}")))?;
        let month_text = month.to_string();
        let stored = self.block_on(self.storage().close_report(
            &scope,
            &month_text,
            &json,
            by,
            &crate::admin::now(),
        ))?;
        if !stored {
            return Err(CentreError::ReportClosed { scope, month: month_text });
        }
        Ok(report)
    }

    /// The paper of a summary: numbered `<scope>-<YYYY-MM>`, issued today by `by`, sealed with
    /// the centre's key.
    pub fn report_document(
        &self,
        data: &MonthlySummaryData,
        today: NaiveDate,
        by: &str,
    ) -> IssuedDocument {
        let number = format!("{}-{}", data.office.code, data.month);
        let content = DocumentContent::MonthlySummary(data.clone());
        let hash = content_hash(&number, today, by, &content);
        let seal = Seal::sign(
            &data.office.code,
            DocKind::MonthlySummary,
            &number,
            today,
            &otau_print::seal::subject_of(&content),
            &hash,
            &self.identity.key.to_bytes(),
        );
        IssuedDocument {
            number,
            issued_on: today,
            issued_by: by.to_string(),
            content,
            seal,
            duplicate: false,
        }
    }
}
