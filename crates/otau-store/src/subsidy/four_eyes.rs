//! Maker–checker by person, not only by login: a line is not approved by its preparer, nor by
//! an account whose password the preparer set, nor by whoever set the password the preparer
//! signs in with (an administrator who made a clerk's account, or reset its password, knows
//! that password until the clerk sets one of their own). Read from the users' records, which
//! travel, so every device of the office applies the same rule.

use crate::error::Result;
use crate::record::from_row;
use crate::users::{Actor, UserRec};
use otau_core::subsidy::SubsidyError;
use rusqlite::{Connection, OptionalExtension};

/// Refuses unless `approver` and the preparer `prepared_by` (a login) are two people as far as
/// the accounts tell: the login check itself is `otau_core::subsidy::ledger::check_approve`.
pub(crate) fn check_accounts(
    conn: &Connection,
    approver: &Actor,
    prepared_by: &str,
    decision: &str,
    seq: u32,
) -> Result<()> {
    let Some(approver_id) = approver.user_id else { return Ok(()) };
    let Some(preparer) = user_by_login(conn, prepared_by)? else { return Ok(()) };
    if preparer.id == approver_id {
        return Ok(());
    }
    let refuse = |setter: &str, owner: &str| -> crate::error::StoreError {
        SubsidyError::MakerCheckerAccount {
            approver: approver.login.clone(),
            setter: setter.to_string(),
            owner: owner.to_string(),
            decision: decision.to_string(),
            seq,
        }
        .into()
    };
    if preparer.password_set_by == Some(approver_id) {
        return Err(refuse(&approver.login, &preparer.login));
    }
    let approver_set_by: Option<Option<uuid::Uuid>> = conn
        .prepare_cached("SELECT password_set_by FROM users WHERE id = ?1")?
        .query_row([approver_id.to_string()], |r| {
            let id: Option<String> = r.get(0)?;
            Ok(id.and_then(|id| uuid::Uuid::parse_str(&id).ok()))
        })
        .optional()?;
    if approver_set_by.flatten() == Some(preparer.id) {
        return Err(refuse(&preparer.login, &approver.login));
    }
    Ok(())
}

fn user_by_login(conn: &Connection, login: &str) -> Result<Option<UserRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM users WHERE login = ?1")?
        .query_row([login.trim().to_lowercase()], from_row)
        .optional()?)
}
