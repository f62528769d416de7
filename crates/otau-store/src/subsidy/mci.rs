//! The MCI table as reference data in the store: shipped defaults loaded at `init`, read back
//! as an `otau_core::mci::MciTable`.

use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::Store;
use chrono::NaiveDate;
use otau_core::mci::{MciPurpose, MciRow, MciTable};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `mci_rows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MciRec {
    /// Id.
    pub id: Uuid,
    /// In force from.
    pub effective_from: NaiveDate,
    /// Purpose.
    pub purpose: MciPurpose,
    /// Whole tenge.
    pub tenge: i64,
    /// Note (source, confidence).
    pub note: Option<String>,
    /// Version.
    pub version: i64,
}

impl MciRec {
    /// A new record from a table row.
    pub fn from_core(row: &MciRow) -> MciRec {
        MciRec {
            id: Uuid::now_v7(),
            effective_from: row.effective_from,
            purpose: row.purpose,
            tenge: row.tenge,
            note: row.note.clone(),
            version: 0,
        }
    }

    fn to_core(&self) -> MciRow {
        MciRow {
            effective_from: self.effective_from,
            purpose: self.purpose,
            tenge: self.tenge,
            note: self.note.clone(),
        }
    }
}

impl Record for MciRec {
    const TABLE: &'static str = "mci_rows";
    const ENTITY: &'static str = "mci_row";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
    fn subject(&self) -> Option<Uuid> {
        None
    }
}

impl Store {
    /// The MCI table as stored.
    pub fn mci_table(&self) -> Result<MciTable> {
        let recs: Vec<MciRec> = self
            .conn()
            .prepare_cached("SELECT * FROM mci_rows ORDER BY effective_from, purpose")?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        MciTable::new(recs.iter().map(MciRec::to_core).collect())
            .map_err(|e| StoreError::Corrupt(format!("MCI table: {e}")))
    }
}
