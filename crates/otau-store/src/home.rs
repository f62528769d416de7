//! What the home screen shows: counts, the latest arrivals and the office's recent work.

use crate::error::Result;
use crate::Store;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A family in a list: its number, its head and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FamilyBrief {
    /// The family's registration number.
    pub regno: String,
    /// The head's name as written.
    pub head_name: String,
    /// Members.
    pub members: i64,
    /// Country of origin.
    pub country_of_origin: String,
    /// Settlement.
    pub settlement: String,
    /// Arrival date.
    pub arrival_date: NaiveDate,
}

/// One piece of recent work in the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecentWork {
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who.
    pub user_login: String,
    /// What (`family.register`, `person.edit`, …).
    pub action: String,
    /// The person or family concerned, if any.
    pub regno: Option<String>,
    /// Their name.
    pub name: Option<String>,
    /// The reason given, for corrections.
    pub reason: Option<String>,
}

/// The home screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HomeView {
    /// The date the view is for.
    pub today: NaiveDate,
    /// Families in the registry.
    pub families: i64,
    /// Persons in the registry.
    pub persons: i64,
    /// Families that arrived in the last 7 days (today's first), newest first.
    pub arrivals: Vec<FamilyBrief>,
    /// The latest changes, newest first.
    pub recent_work: Vec<RecentWork>,
}

impl Store {
    /// The home screen's figures on `today`.
    pub fn home(&self, today: NaiveDate) -> Result<HomeView> {
        let (families, persons) = self.counts()?;
        let week_ago = today.checked_sub_days(Days::new(7)).unwrap_or(today);
        let arrivals = self
            .conn()
            .prepare_cached(
                "SELECT f.regno,
                        COALESCE((SELECT p.surname || ' ' || p.given_name FROM persons p
                                  WHERE p.family_id = f.id AND p.relation = 'head'), ''),
                        (SELECT COUNT(*) FROM persons p WHERE p.family_id = f.id),
                        f.country_of_origin, f.settlement, f.arrival_date
                 FROM families f
                 WHERE f.arrival_date > ?1 AND f.arrival_date <= ?2
                 ORDER BY f.arrival_date DESC, f.regno DESC LIMIT 50",
            )?
            .query_map([week_ago.to_string(), today.to_string()], |r| {
                Ok(FamilyBrief {
                    regno: r.get(0)?,
                    head_name: r.get(1)?,
                    members: r.get(2)?,
                    country_of_origin: r.get(3)?,
                    settlement: r.get(4)?,
                    arrival_date: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(HomeView { today, families, persons, arrivals, recent_work: self.recent_work(10)? })
    }

    /// The latest `limit` pieces of work: one per change (a registration writes many rows).
    pub fn recent_work(&self, limit: usize) -> Result<Vec<RecentWork>> {
        let mut stmt = self.conn().prepare_cached(
            // Each envelope unpacked once (MATERIALIZED), not once for each field read from it.
            "WITH recent AS MATERIALIZED (
                 SELECT seq, id_text(subject_key) AS subject_id, envelope_json(body) AS e FROM events
                 WHERE origin <> 'private' ORDER BY seq DESC LIMIT 500)
             SELECT COALESCE(a.e ->> '$.at', ''), COALESCE(a.e ->> '$.actor.login', ''),
                    COALESCE(a.e ->> '$.action', ''), a.e ->> '$.reason',
                    COALESCE(p.regno, f.regno),
                    COALESCE(p.surname || ' ' || p.given_name,
                             (SELECT h.surname || ' ' || h.given_name FROM persons h
                              WHERE h.family_id = f.id AND h.relation = 'head'))
             FROM recent a
             LEFT JOIN persons p ON p.id = a.subject_id
             LEFT JOIN families f ON f.id = a.subject_id
             ORDER BY a.seq DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RecentWork {
                at: r.get(0)?,
                user_login: r.get(1)?,
                action: r.get(2)?,
                reason: r.get(3)?,
                regno: r.get(4)?,
                name: r.get(5)?,
            })
        })?;
        let mut seen = HashSet::new();
        let mut out = vec![];
        for row in rows {
            let w = row?;
            // A registration is one piece of work however many rows it wrote.
            let key = (w.at.clone(), w.user_login.clone(), w.action.clone());
            if !seen.insert(key) {
                continue;
            }
            out.push(w);
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }
}
