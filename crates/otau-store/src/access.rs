//! Who looked at whom: every view of a person's card, every print of a document about a person
//! or their family and every export, logged with who, when and what; read by managers and
//! administrators.
//!
//! # Design
//! `access_log` is append-only (triggers refuse UPDATE, DELETE and REPLACE) and stays on this
//! device: a look is not a change of a record, so it is no event, neither in the chain's
//! history nor in the outbox, and a card opened offline is never held back by sync. A print is
//! logged in the transaction that registers its document (`register_document`), so a paper is
//! logged exactly when it is in the register.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::users::{Action, Role};
use crate::Store;
use chrono::SecondsFormat;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What was done with a person's data.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessKind {
    /// Their card was shown (the window's card, `otau person show`).
    Card,
    /// A document about them or their family was printed.
    Print,
    /// Everything about them was exported to a file.
    Export,
    /// They were found by a search.
    Search,
}

impl AccessKind {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessKind::Card => "card",
            AccessKind::Print => "print",
            AccessKind::Export => "export",
            AccessKind::Search => "search",
        }
    }

    fn parse(s: &str) -> Result<AccessKind> {
        Ok(match s {
            "card" => AccessKind::Card,
            "print" => AccessKind::Print,
            "export" => AccessKind::Export,
            "search" => AccessKind::Search,
            other => return Err(StoreError::Corrupt(format!("access kind {other:?}"))),
        })
    }
}

/// One look at a person's data.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who (login).
    pub login: String,
    /// Their role then.
    pub role: Role,
    /// What was done.
    pub kind: AccessKind,
    /// About the family as a whole (a family's document) rather than the person alone.
    pub family_wide: bool,
    /// The document's number or the file, if any.
    pub detail: Option<String>,
}

/// The newest looks at a person's data, and how many there are in all.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLog {
    /// The newest first, at most the limit asked.
    pub entries: Vec<AccessEntry>,
    /// All of them.
    pub total: i64,
}

/// Writes one row of the log (inside the caller's transaction, or on its own).
pub(crate) fn insert(
    conn: &Connection,
    ctx: &Context,
    kind: AccessKind,
    person_id: Option<Uuid>,
    family_id: Option<Uuid>,
    detail: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO access_log (at, user_id, login, role, kind, person_id, family_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        ctx.at.to_rfc3339_opts(SecondsFormat::Millis, true),
        ctx.actor.user_id.map(|u| u.to_string()),
        ctx.actor.login,
        ctx.actor.role.as_str(),
        kind.as_str(),
        person_id.map(|u| u.to_string()),
        family_id.map(|u| u.to_string()),
        detail,
    ])?;
    Ok(())
}

impl Store {
    /// Logs that `ctx.actor` looked at a person's data (`kind`), at `ctx.at`; `detail` names
    /// the document or file, if any. The one function every face calls for a view, a print or
    /// an export it makes itself.
    pub fn log_access(
        &self,
        ctx: &Context,
        person_id: Uuid,
        kind: AccessKind,
        detail: Option<&str>,
    ) -> Result<()> {
        let family: Option<String> = self
            .conn()
            .prepare_cached("SELECT family_id FROM persons WHERE id = ?1")?
            .query_row([person_id.to_string()], |r| r.get(0))
            .map_err(|_| StoreError::NotFound { what: "person", key: person_id.to_string() })?;
        let family = family.and_then(|f| Uuid::parse_str(&f).ok());
        // Held for the card's "viewed by": the family is kept with the person.
        insert(self.conn(), ctx, kind, Some(person_id), family, detail)
    }

    /// The looks at a person's data, and at their family's as a whole, newest first, at most
    /// `limit` (managers and administrators).
    pub fn views_of(&self, ctx: &Context, regno: &str, limit: u32) -> Result<AccessLog> {
        ctx.actor.require(Action::SeeViews)?;
        let view = self.person(regno)?;
        let person = view.person.id.to_string();
        let family = view.person.family_id.to_string();
        let total: i64 = self
            .conn()
            .prepare_cached(
                "SELECT COUNT(*) FROM access_log
             WHERE person_id = ?1 OR (person_id IS NULL AND family_id = ?2)",
            )?
            .query_row([&person, &family], |r| r.get(0))?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, login, role, kind, person_id IS NULL, detail FROM access_log
             WHERE person_id = ?1 OR (person_id IS NULL AND family_id = ?2)
             ORDER BY id DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![person, family, limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut entries = vec![];
        for row in rows {
            let (at, login, role, kind, family_wide, detail) = row?;
            entries.push(AccessEntry {
                at,
                login,
                role: role.parse().map_err(|_| StoreError::Corrupt(format!("role {role:?}")))?,
                kind: AccessKind::parse(&kind)?,
                family_wide,
                detail,
            });
        }
        Ok(AccessLog { entries, total })
    }
}
