//! The administrators' users screen: the office's users with their role, whether they may sign
//! in, their last sign-in and a lock on this device; adding a user, setting a temporary
//! password, deactivating and activating, and the sign-in log, newest first.
//!
//! # Design
//! Every operation is the store's, which refuses anyone but an administrator
//! (`Action::ManageUsers`), oneself's deactivation and the last active administrator's; the
//! screen is built from the same reads after each change. The two passwords typed are compared
//! here, as only a form has two; the password rule is the core's, its message says what to
//! choose.

use chrono::{DateTime, Utc};
use otau_core::FieldError;
use otau_store::signin::SignInAttempt;
use otau_store::{Action, NewUser, Role, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::desk::{Desk, SessionInfo};
use crate::error::{ApiError, ApiResult};
use crate::Now;

/// How many sign-in attempts the screen shows.
pub const SIGN_IN_LOG_LIMIT: u32 = 200;

/// The users screen's own error codes; each is a message in `assets/i18n/*/ui-admin.ftl`.
pub mod code {
    /// The password typed again is not the same.
    pub const PASSWORDS_DIFFER: &str = "desk-passwords-differ";
    /// The current password typed to change it is not the user's.
    pub const CURRENT_PASSWORD_WRONG: &str = "desk-current-password-wrong";
    /// Every code above, for the test that they are all translated.
    #[cfg(test)]
    pub const ALL: [&str; 2] = [PASSWORDS_DIFFER, CURRENT_PASSWORD_WRONG];
}

/// One user as the screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UserRow {
    /// The login.
    pub login: String,
    /// The full name, if recorded.
    pub full_name: Option<String>,
    /// The role.
    pub role: Role,
    /// Whether they may sign in.
    pub active: bool,
    /// Their last successful sign-in on this device.
    pub last_sign_in: Option<DateTime<Utc>>,
    /// Until when their login is locked on this device after failed sign-ins, if it is.
    pub locked_until: Option<DateTime<Utc>>,
    /// Whether this is the administrator looking (who cannot deactivate themselves).
    pub is_me: bool,
}

/// The users screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UsersScreen {
    /// The office's users, by login.
    pub users: Vec<UserRow>,
    /// The sign-in attempts on this device, newest first.
    pub sign_ins: Vec<SignInAttempt>,
}

/// A new user as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewUserForm {
    /// Login.
    pub login: String,
    /// Full name (may be empty).
    pub full_name: String,
    /// Role.
    pub role: Role,
    /// Password.
    pub password: String,
    /// The password typed again.
    pub password_again: String,
}

/// Refuses two passwords that differ, naming the second field.
fn same_twice(password: &str, again: &str) -> ApiResult<()> {
    if password == again {
        Ok(())
    } else {
        Err(ApiError::invalid(vec![FieldError::bare("password_again", code::PASSWORDS_DIFFER)]))
    }
}

fn screen(store: &Store, ctx: &otau_store::Context) -> ApiResult<UsersScreen> {
    let states = store.sign_in_states(ctx)?;
    let users = store
        .users()?
        .into_iter()
        .map(|u| {
            let state = states.iter().find(|s| s.login == u.login);
            UserRow {
                is_me: ctx.actor.user_id == Some(u.id),
                active: u.active == 1,
                last_sign_in: state.and_then(|s| s.last_sign_in),
                locked_until: state.and_then(|s| s.locked_until),
                login: u.login,
                full_name: u.full_name,
                role: u.role,
            }
        })
        .collect();
    let sign_ins = store.sign_ins(ctx, None, SIGN_IN_LOG_LIMIT)?;
    Ok(UsersScreen { users, sign_ins })
}

impl Desk {
    /// The users screen at `now` (administrators).
    pub fn users_screen(&self, now: Now) -> ApiResult<UsersScreen> {
        self.acting(now, |store, ctx| {
            ctx.actor.require(Action::ManageUsers)?;
            screen(store, ctx)
        })
    }

    /// Adds a user with the password typed twice (administrators).
    pub fn add_user(&self, form: &NewUserForm, now: Now) -> ApiResult<UsersScreen> {
        self.acting(now, |store, ctx| {
            ctx.actor.require(Action::ManageUsers)?;
            same_twice(&form.password, &form.password_again)?;
            let full_name = Some(form.full_name.trim().to_owned()).filter(|n| !n.is_empty());
            let new = NewUser {
                login: form.login.clone(),
                role: form.role,
                full_name,
                password: form.password.clone(),
            };
            store.add_user(ctx, &new)?;
            screen(store, ctx)
        })
    }

    /// Sets a temporary password for `login` on this device (administrators); it ends a lock.
    pub fn reset_password(
        &self,
        login: &str,
        password: &str,
        password_again: &str,
        now: Now,
    ) -> ApiResult<UsersScreen> {
        self.acting(now, |store, ctx| {
            ctx.actor.require(Action::ManageUsers)?;
            same_twice(password, password_again)?;
            store.reset_password(ctx, login, password)?;
            screen(store, ctx)
        })
    }

    /// Changes the signed-in user's own password: the current one checked (a wrong one counts
    /// as a failed sign-in), the new one typed twice and held to the password rule. From then on
    /// nobody else knows it ([`crate::desk::SessionInfo::choose_own_password`] is false, and an
    /// administrator who made the account may approve what the user prepares); on an encrypted
    /// database the user's key on this computer opens with the new password.
    pub fn change_own_password(
        &self,
        current: &str,
        password: &str,
        password_again: &str,
        now: Now,
    ) -> ApiResult<SessionInfo> {
        let login = self.acting(now, |store, ctx| {
            let login = ctx.actor.login.clone();
            match store.sign_in_at(now.at, &login, current) {
                Ok(_) => {}
                Err(otau_store::StoreError::BadCredentials) => {
                    return Err(ApiError::invalid(vec![FieldError::bare(
                        "current_password",
                        code::CURRENT_PASSWORD_WRONG,
                    )]))
                }
                Err(e) => return Err(e.into()),
            }
            same_twice(password, password_again)?;
            store.set_local_password(ctx, &login, password)?;
            Ok(login)
        })?;
        self.remember_password(&login, password)?;
        self.session()?.ok_or_else(|| ApiError::coded(crate::error::code::SIGNED_OUT))
    }

    /// Deactivates or activates `login` (administrators; never oneself or the last active
    /// administrator).
    pub fn set_user_active(&self, login: &str, active: bool, now: Now) -> ApiResult<UsersScreen> {
        self.acting(now, |store, ctx| {
            store.set_user_active(ctx, login, active)?;
            screen(store, ctx)
        })
    }
}
