//! Signing in as people do: failed attempts counted per login and locked for longer each time
//! (`otau_core::password::lock_minutes`), every attempt logged with its login, moment and
//! outcome, and the log read by administrators.
//!
//! # Design
//! The count and the log are this device's alone (`sign_in_failures`, `sign_in_log`, migration
//! 0011): they are written here with plain SQL, outside [`crate::Store::write`], because they
//! are not the office's records and no event may carry them; they live in the database so a
//! lock survives a restart of the app or a new `otau` process. A locked login is refused
//! before its password is checked, so a guess during a lock tells nothing.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::users::{normalize_login, Action, Actor};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

/// The longest login kept in the log (what was typed may be anything).
const LOGGED_LOGIN_CHARS: usize = 64;

/// What came of a sign-in attempt.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignInOutcome {
    /// Signed in.
    Success,
    /// An unknown login or a wrong password.
    Failure,
    /// Refused unchecked: the login was locked after failed attempts.
    Locked,
    /// The right password of a deactivated user.
    Inactive,
}

impl SignInOutcome {
    /// The name kept in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            SignInOutcome::Success => "success",
            SignInOutcome::Failure => "failure",
            SignInOutcome::Locked => "locked",
            SignInOutcome::Inactive => "inactive",
        }
    }

    fn read(text: &str) -> Option<SignInOutcome> {
        [Self::Success, Self::Failure, Self::Locked, Self::Inactive]
            .into_iter()
            .find(|o| o.as_str() == text)
    }
}

/// One attempt to sign in on this device.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInAttempt {
    /// The login as typed (lowercase, at most 64 characters).
    pub login: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What came of it.
    pub outcome: SignInOutcome,
}

/// Where a user stands with signing in on this device: their last success and a lock.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInState {
    /// The login.
    pub login: String,
    /// Their last successful sign-in on this device.
    pub last_sign_in: Option<DateTime<Utc>>,
    /// Failed attempts in a row.
    pub failures: u32,
    /// Until when the login is locked, if it is (at the moment asked).
    pub locked_until: Option<DateTime<Utc>>,
}

/// The login as the count and the log keep it: a valid login as it is stored, anything else
/// trimmed, lowercase and cut short.
fn logged_login(login: &str) -> String {
    normalize_login(login)
        .unwrap_or_else(|_| login.trim().to_lowercase().chars().take(LOGGED_LOGIN_CHARS).collect())
}

fn moment(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn log(conn: &Connection, login: &str, at: DateTime<Utc>, outcome: SignInOutcome) -> Result<()> {
    conn.prepare_cached("INSERT INTO sign_in_log (login, at, outcome) VALUES (?1, ?2, ?3)")?
        .execute(rusqlite::params![login, moment(at), outcome.as_str()])?;
    Ok(())
}

/// The failed attempts in a row of `login` and until when it is locked.
fn failures(conn: &Connection, login: &str) -> Result<(u32, Option<DateTime<Utc>>)> {
    let row: Option<(i64, Option<String>)> = conn
        .prepare_cached("SELECT failures, locked_until FROM sign_in_failures WHERE login = ?1")?
        .query_row([login], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((count, until)) = row else { return Ok((0, None)) };
    let until = until
        .map(|t| {
            DateTime::parse_from_rfc3339(&t)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| StoreError::Corrupt(format!("sign-in lock of {login}: {e}")))
        })
        .transpose()?;
    Ok((u32::try_from(count).unwrap_or(u32::MAX), until))
}

/// Forgets the failed attempts of `login` (a success, or a password set anew).
pub(crate) fn clear_failures(conn: &Connection, login: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM sign_in_failures WHERE login = ?1")?.execute([login])?;
    Ok(())
}

impl crate::Store {
    /// Signs a user in at `at`: a login locked after failed attempts is refused until its lock
    /// ends (`store-sign-in-locked`, saying until when) without its password being checked; a
    /// failure counts, and from the fifth in a row locks the login for 1, 2, 4 … minutes; a
    /// success forgets the failures. Every attempt is logged, whatever came of it.
    pub fn sign_in_at(&self, at: DateTime<Utc>, login: &str, password: &str) -> Result<Actor> {
        let key = logged_login(login);
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)?;
        let (count, until) = failures(&tx, &key)?;
        if let Some(until) = until.filter(|u| *u > at) {
            log(&tx, &key, at, SignInOutcome::Locked)?;
            tx.commit()?;
            return Err(StoreError::SignInLocked { login: key, until });
        }
        let checked = crate::users::authenticate(&tx, login, password);
        let result = match checked {
            Ok(actor) => {
                clear_failures(&tx, &key)?;
                log(&tx, &key, at, SignInOutcome::Success)?;
                Ok(actor)
            }
            Err(StoreError::BadCredentials) => {
                let count = count.saturating_add(1);
                let until = otau_core::password::lock_minutes(count)
                    .map(|minutes| at + chrono::Duration::minutes(minutes));
                tx.prepare_cached(
                    "INSERT INTO sign_in_failures (login, failures, locked_until)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT (login) DO UPDATE SET failures = excluded.failures,
                         locked_until = excluded.locked_until",
                )?
                .execute(rusqlite::params![
                    key,
                    i64::from(count),
                    until.map(moment)
                ])?;
                log(&tx, &key, at, SignInOutcome::Failure)?;
                Err(match until {
                    Some(until) => StoreError::SignInLocked { login: key, until },
                    None => StoreError::BadCredentials,
                })
            }
            Err(e @ StoreError::UserInactive { .. }) => {
                log(&tx, &key, at, SignInOutcome::Inactive)?;
                Err(e)
            }
            Err(e) => return Err(e),
        };
        tx.commit()?;
        result
    }

    /// Where each user of the office stands with signing in on this device at `ctx.at`, by
    /// login. Only an administrator may read it.
    pub fn sign_in_states(&self, ctx: &Context) -> Result<Vec<SignInState>> {
        ctx.actor.require(Action::ManageUsers)?;
        let logins: Vec<String> = self
            .conn()
            .prepare_cached("SELECT login FROM users ORDER BY login")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = vec![];
        for login in logins {
            let last: Option<String> = self
                .conn()
                .prepare_cached(
                    "SELECT MAX(at) FROM sign_in_log WHERE login = ?1 AND outcome = 'success'",
                )?
                .query_row([&login], |r| r.get(0))?;
            let last_sign_in = last
                .map(|t| {
                    DateTime::parse_from_rfc3339(&t)
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(|e| StoreError::Corrupt(format!("sign-in moment {t}: {e}")))
                })
                .transpose()?;
            let (failures, until) = failures(self.conn(), &login)?;
            let locked_until = until.filter(|u| *u > ctx.at);
            out.push(SignInState { login, last_sign_in, failures, locked_until });
        }
        Ok(out)
    }

    /// The sign-in attempts on this device, newest first, at most `limit` (of one login when
    /// given). Only an administrator may read them.
    pub fn sign_ins(
        &self,
        ctx: &Context,
        login: Option<&str>,
        limit: u32,
    ) -> Result<Vec<SignInAttempt>> {
        ctx.actor.require(Action::ManageUsers)?;
        let login = login.map(logged_login);
        let mut stmt = self.conn().prepare_cached(
            "SELECT login, at, outcome FROM sign_in_log
             WHERE ?1 IS NULL OR login = ?1 ORDER BY id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![login, i64::from(limit)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut out = vec![];
        for row in rows {
            let (login, at, outcome) = row?;
            let at = DateTime::parse_from_rfc3339(&at)
                .map_err(|e| StoreError::Corrupt(format!("sign-in moment {at}: {e}")))?
                .with_timezone(&Utc);
            let outcome = SignInOutcome::read(&outcome)
                .ok_or_else(|| StoreError::Corrupt(format!("sign-in outcome {outcome}")))?;
            out.push(SignInAttempt { login, at, outcome });
        }
        Ok(out)
    }
}
