//! Users, roles and sign-in: who may act, and who the audit names.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::office::current_office;
use crate::record::{from_row, Record};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use otau_core::roles::{Action, Permissions, Role};

/// The signed-in user: the "who" of every audit row.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The user's id (none for the system itself, e.g. during `init`).
    pub user_id: Option<Uuid>,
    /// The login, as the audit shows it.
    pub login: String,
    /// The role.
    pub role: Role,
    /// The user's full name, if recorded.
    pub full_name: Option<String>,
}

impl Actor {
    /// Refuses unless the role may do `action`.
    pub fn require(&self, action: Action) -> Result<()> {
        if self.role.may(action) {
            Ok(())
        } else {
            Err(StoreError::Forbidden { role: self.role.to_string(), action: action.as_str() })
        }
    }

    /// The system acting on its own (creating an office).
    pub fn system() -> Actor {
        Actor { user_id: None, login: "system".into(), role: Role::Admin, full_name: None }
    }
}

/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRec {
    /// Id.
    pub id: Uuid,
    /// Office the user works at.
    pub office_id: Uuid,
    /// Login (lowercase).
    pub login: String,
    /// Full name.
    pub full_name: Option<String>,
    /// Role.
    pub role: Role,
    /// 1 if the user may sign in.
    pub active: i64,
    /// Who set the password the user signs in with now: the user, or the administrator who made
    /// the account or reset it (maker–checker by person). `None` for a password set before
    /// migration 0016.
    #[serde(default)]
    pub password_set_by: Option<Uuid>,
    /// Version.
    pub version: i64,
}

impl Record for UserRec {
    const TABLE: &'static str = "users";
    const ENTITY: &'static str = "user";
    fn id(&self) -> Uuid {
        self.id
    }
    fn version(&self) -> i64 {
        self.version
    }
    fn set_version(&mut self, version: i64) {
        self.version = version;
    }
}

/// A user's password on this device (`credentials`). The user's record travels to the other
/// devices of the office; the password's hash never leaves the device that set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialRec {
    /// The user (the credential has the user's id).
    pub id: Uuid,
    /// Argon2 PHC string.
    pub password_hash: String,
    /// Version.
    pub version: i64,
}

impl Record for CredentialRec {
    const TABLE: &'static str = "credentials";
    const ENTITY: &'static str = "credential";
    const REDACTED: &'static [&'static str] = &["password_hash"];
    const PRIVATE: bool = true;
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

/// Hashes a password with Argon2id and a fresh salt.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Password(e.to_string()))
}

fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Checks a login's shape: 2–32 of a–z, 0–9, `.`, `_`, `-`.
pub fn normalize_login(login: &str) -> Result<String> {
    let l = login.trim().to_lowercase();
    let ok = (2..=32).contains(&l.chars().count())
        && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok {
        Ok(l)
    } else {
        Err(StoreError::Invalid(vec![otau_core::FieldError::bare("login", "store-bad-login")]))
    }
}

/// Checks a new password for `login` (and the user's full name) by the core's rule
/// (`otau_core::password`): long enough, not one character repeated or a run, not a common
/// password, not the login or the name. Each refusal says what to choose.
pub fn check_new_password(password: &str, login: &str, full_name: Option<&str>) -> Result<()> {
    otau_core::password::check_new_password(password, login, full_name)
        .map_err(|e| StoreError::Invalid(vec![e]))
}

/// Looks a user up by login.
pub(crate) fn find_user(conn: &Connection, login: &str) -> Result<Option<UserRec>> {
    Ok(conn
        .prepare_cached("SELECT * FROM users WHERE login = ?1")?
        .query_row([login.trim().to_lowercase()], from_row)
        .optional()?)
}

/// What checking a login's password found.
enum Checked {
    /// The password is right and the user may sign in.
    Ok(Actor),
    /// The password is right but the user was deactivated.
    Inactive,
    /// An unknown login or a wrong password (not saying which).
    Wrong,
}

/// Checks a password; the same answer, in the same time, for an unknown login and a wrong
/// password.
fn check(conn: &Connection, login: &str, password: &str) -> Result<Checked> {
    let user = find_user(conn, login)?;
    let hash: Option<String> = match &user {
        Some(u) => conn
            .prepare_cached("SELECT password_hash FROM credentials WHERE id = ?1")?
            .query_row([u.id.to_string()], |r| r.get(0))
            .optional()?,
        None => None,
    };
    Ok(match (user, hash) {
        (Some(u), Some(hash)) if verify_password(password, &hash) => {
            if u.active == 1 {
                Checked::Ok(Actor {
                    user_id: Some(u.id),
                    login: u.login,
                    role: u.role,
                    full_name: u.full_name,
                })
            } else {
                Checked::Inactive
            }
        }
        (Some(_), Some(_)) => Checked::Wrong,
        _ => {
            // Spend the same time as a real check so logins cannot be guessed by timing.
            let _ = verify_password(password, DUMMY_HASH);
            Checked::Wrong
        }
    })
}

/// Signs a user in without counting or logging the attempt (tests, benchmarks, a program
/// acting as a user it has just made): people sign in through [`crate::Store::sign_in_at`].
pub(crate) fn authenticate(conn: &Connection, login: &str, password: &str) -> Result<Actor> {
    match check(conn, login, password)? {
        Checked::Ok(actor) => Ok(actor),
        Checked::Inactive => Err(StoreError::UserInactive { login: login.trim().to_lowercase() }),
        Checked::Wrong => Err(StoreError::BadCredentials),
    }
}

const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2XoZ0NC2Fb0Rw9z4Bb7eaZNOi3UqlaeC2zL2sDn5Cm8";

/// A new user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login.
    pub login: String,
    /// Role.
    pub role: Role,
    /// Full name.
    pub full_name: Option<String>,
    /// Password.
    pub password: String,
}

impl crate::Store {
    /// Adds a user; only an administrator may.
    pub fn add_user(&mut self, ctx: &Context, new: &NewUser) -> Result<UserRec> {
        ctx.actor.require(Action::ManageUsers)?;
        let login = normalize_login(&new.login)?;
        check_new_password(&new.password, &login, new.full_name.as_deref())?;
        if crate::users::find_user(self.conn(), &login)?.is_some() {
            return Err(StoreError::LoginTaken(login));
        }
        let password_hash = hash_password(&new.password)?;
        self.write(ctx, "user.add", |change| {
            let (office_id, _) = current_office(change.tx())?;
            let mut user = UserRec {
                id: Uuid::now_v7(),
                office_id,
                login,
                full_name: new.full_name.clone().filter(|s| !s.trim().is_empty()),
                role: new.role,
                active: 1,
                password_set_by: ctx.actor.user_id,
                version: 0,
            };
            change.insert(&mut user)?;
            change.insert(&mut CredentialRec { id: user.id, password_hash, version: 0 })?;
            Ok(user)
        })
    }

    /// The users of this office.
    pub fn users(&self) -> Result<Vec<UserRec>> {
        Ok(self
            .conn()
            .prepare("SELECT * FROM users ORDER BY login")?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the user `user_id` may still sign in (`active`, and not removed): the desk asks
    /// before each command, so a user deactivated meanwhile (here or on another device of the
    /// office) is signed out at once.
    pub fn user_is_active(&self, user_id: Uuid) -> Result<bool> {
        let active: Option<i64> = self
            .conn()
            .prepare_cached("SELECT active FROM users WHERE id = ?1")?
            .query_row([user_id.to_string()], |r| r.get(0))
            .optional()?;
        Ok(active == Some(1))
    }

    /// Whether someone else set the password `user_id` signs in with now (an administrator who
    /// made the account or reset it): the app asks the user to choose their own, and until then
    /// that person approves nothing they prepare ([`crate::subsidy`]'s maker–checker by person).
    pub fn password_set_by_other(&self, user_id: Uuid) -> Result<bool> {
        let set_by: Option<Option<String>> = self
            .conn()
            .prepare_cached("SELECT password_set_by FROM users WHERE id = ?1")?
            .query_row([user_id.to_string()], |r| r.get(0))
            .optional()?;
        Ok(set_by.flatten().is_some_and(|by| by != user_id.to_string()))
    }

    /// Sets another user's password on this device as an administrator (a temporary one the
    /// user is told), by the same rule as every password; it ends a lock failed sign-ins earned.
    pub fn reset_password(&mut self, ctx: &Context, login: &str, password: &str) -> Result<()> {
        ctx.actor.require(Action::ManageUsers)?;
        self.set_local_password(ctx, login, password)
    }

    /// Signs a user in, checking without counting or logging the attempt: for tests,
    /// benchmarks and a program acting as a user it has just made. People sign in through
    /// [`crate::Store::sign_in_at`], which counts failures and logs every attempt.
    #[doc(hidden)]
    pub fn sign_in(&self, login: &str, password: &str) -> Result<Actor> {
        crate::users::authenticate(self.conn(), login, password)
    }

    /// Deactivates (`active` false) or activates a user: an inactive user cannot sign in. Only
    /// an administrator may; an administrator can deactivate neither themselves nor the last
    /// active administrator. The change travels to the office's other devices like any other.
    pub fn set_user_active(&mut self, ctx: &Context, login: &str, active: bool) -> Result<UserRec> {
        ctx.actor.require(Action::ManageUsers)?;
        let login = normalize_login(login)?;
        let before = find_user(self.conn(), &login)?
            .ok_or(StoreError::NotFound { what: "user", key: login.clone() })?;
        if !active {
            if ctx.actor.user_id == Some(before.id) {
                return Err(StoreError::DeactivateSelf);
            }
            let other_admins: i64 = self.conn().query_row(
                "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND id <> ?1",
                [before.id.to_string()],
                |r| r.get(0),
            )?;
            if before.role == Role::Admin && before.active == 1 && other_admins == 0 {
                return Err(StoreError::LastAdministrator { login });
            }
        }
        let wanted = i64::from(active);
        if before.active == wanted {
            return Ok(before);
        }
        let action = if active { "user.activate" } else { "user.deactivate" };
        self.write(ctx, action, |change| {
            let mut after = UserRec { active: wanted, ..before.clone() };
            change.update(&before, &mut after)?;
            Ok(after)
        })
    }
}
