//! The device's record of packets carried by hand: each packet from the centre is imported once,
//! and a device enrolled by packet keeps its enrolment request until the centre answers it.

use crate::error::Result;
use crate::Store;
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// When the packet `packet_id` was imported or written here, if it was.
    pub fn packet_seen(&self, packet_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT at FROM packets WHERE packet_id = ?1", [packet_id], |r| r.get(0))
            .optional()?)
    }

    /// Records a packet imported (`in`) or written (`out`) with what it carried (JSON).
    pub fn record_packet(
        &mut self,
        packet_id: &str,
        direction: &str,
        at: DateTime<Utc>,
        summary: &str,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO packets (packet_id, direction, at, summary) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (packet_id) DO NOTHING",
            params![packet_id, direction, at.to_rfc3339_opts(SecondsFormat::Millis, true), summary],
        )?;
        Ok(())
    }

    /// The enrolment request of a device enrolled by packet, until the centre answers it.
    pub fn pending_enrolment(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT pending_enrolment FROM sync_state", [], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// The centre answered the enrolment.
    pub fn clear_pending_enrolment(&mut self) -> Result<()> {
        self.conn().execute("UPDATE sync_state SET pending_enrolment = NULL", [])?;
        Ok(())
    }
}
