//! What each kind of document says, gathered from the registry: a family's registration
//! certificate and payment statement; case work and the ledger come in through [`CaseWork`].

use super::office_header;
use crate::error::Result;
use crate::Store;
use chrono::NaiveDate;
use otau_core::subsidy::{Explanation, SubsidyKind};
use otau_print::data::{QuotaUse, StatusCounts, SubsidyRow};
use otau_print::{CertificateData, CertificateMember, DocKind, LedgerLine, Month, StatementData};
use rusqlite::Connection;
use uuid::Uuid;

/// The parts of documents that come from case work and the payment ledger.
///
/// The registry fills the rest. Each method gives `None` (or nothing) where that part is not
/// kept, and the document says so. Every method reads on the connection it is given, so a month
/// is summed up inside the transaction that closes it.
pub trait CaseWork {
    /// Kandas statuses granted, extended and ending in the month.
    fn statuses(
        &self,
        _conn: &Connection,
        _office: &str,
        _month: Month,
    ) -> Result<Option<StatusCounts>> {
        Ok(None)
    }
    /// The region's quota and its use up to and in the month.
    fn quota(&self, _conn: &Connection, _office: &str, _month: Month) -> Result<Option<QuotaUse>> {
        Ok(None)
    }
    /// Subsidies accrued, approved and paid in the month, by kind, in MCI and tenge.
    fn subsidies(
        &self,
        _conn: &Connection,
        _office: &str,
        _month: Month,
    ) -> Result<Option<Vec<SubsidyRow>>> {
        Ok(None)
    }
    /// Every ledger row of a family up to a date, oldest first.
    fn ledger(
        &self,
        _conn: &Connection,
        _family: Uuid,
        _as_of: NaiveDate,
    ) -> Result<Vec<LedgerLine>> {
        Ok(vec![])
    }
}

/// The registry alone: no case work or ledger recorded.
#[derive(Debug, Clone, Copy, Default)]
pub struct RegistryOnly;

impl CaseWork for RegistryOnly {}

/// The words a document prints for what the store keeps as codes: the names of subsidies and
/// the explanations of amounts in Kazakh and Russian, the names of kinds of document in every
/// language people search the register in.
///
/// # Design
/// The store translates nothing: the edge that speaks the reader's languages (`otau-api`)
/// gives these words, and the document keeps them as it was issued with them.
pub trait Words {
    /// A kind of subsidy in Kazakh and Russian.
    fn subsidy(&self, kind: SubsidyKind) -> (String, String);
    /// An explanation of an amount in Kazakh and Russian.
    fn explanation(&self, explanation: &Explanation) -> (String, String);
    /// A kind of document in every language the register is searched in.
    fn document_kind(&self, kind: DocKind) -> Vec<String>;
}

impl Store {
    /// What a family's registration certificate says (any member's number, or the family's).
    pub fn certificate_data(&self, regno: &str) -> Result<(Uuid, CertificateData)> {
        let view = self.family(regno)?;
        let (_, office) = office_header(self.conn())?;
        let f = &view.family;
        let members = view
            .members
            .iter()
            .map(|m| {
                let p = &m.person;
                CertificateMember {
                    regno: p.regno.clone(),
                    relation: p.relation,
                    name: p.full_name(),
                    name_latin: p.full_name_latin(),
                    birth_date: p.birth_date,
                    sex: p.sex,
                    iin: p.iin.clone(),
                    document: m.documents.first().map(|d| d.number.clone()),
                }
            })
            .collect();
        Ok((
            f.id,
            CertificateData {
                office,
                family_regno: f.regno.clone(),
                registered_on: f.registered_on,
                arrival_date: f.arrival_date,
                country_of_origin: f.country_of_origin.clone(),
                region: f.region.clone(),
                settlement: f.settlement.clone(),
                address: f.address.clone(),
                accommodation_category: f.accommodation_category,
                members,
            },
        ))
    }

    /// What a family's payment statement says as of a date.
    pub fn statement_data(
        &self,
        regno: &str,
        as_of: NaiveDate,
        case: &dyn CaseWork,
    ) -> Result<(Uuid, StatementData)> {
        let view = self.family(regno)?;
        let (_, office) = office_header(self.conn())?;
        let head = view.members.first().map(|m| m.person.full_name()).unwrap_or_default();
        let lines = case.ledger(self.conn(), view.family.id, as_of)?;
        Ok((
            view.family.id,
            StatementData {
                office,
                family_regno: view.family.regno.clone(),
                head_name: head,
                family_size: u32::try_from(view.members.len()).unwrap_or(u32::MAX),
                as_of,
                lines,
            },
        ))
    }
}
