//! The office this database belongs to: creating it (`otau init`) and reading it back.

use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::record::{from_row, Record};
use crate::subsidy::mci::MciRec;
use crate::users::{
    check_new_password, hash_password, normalize_login, CredentialRec, Role, UserRec,
};
use crate::write::Change;
use crate::Store;
use chrono::{DateTime, SecondsFormat, Utc};
use otau_core::mci::MciTable;
use otau_core::regno::OfficeCode;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A row of `offices`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeRec {
    /// Id.
    pub id: Uuid,
    /// Office code, unique in the country (`PVL01`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Region (ISO 3166-2).
    pub region: String,
    /// Version.
    pub version: i64,
}

impl Record for OfficeRec {
    const TABLE: &'static str = "offices";
    const ENTITY: &'static str = "office";
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

/// What `otau init` needs.
#[derive(Debug, Clone)]
pub struct NewOffice {
    /// Office code.
    pub code: String,
    /// Office name.
    pub name: String,
    /// Region code.
    pub region: String,
    /// Login of the first administrator.
    pub admin_login: String,
    /// Their password.
    pub admin_password: String,
}

/// The office and device this database belongs to.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeInfo {
    /// The office.
    pub office: OfficeRec,
    /// This device's id.
    pub device_id: String,
}

impl Store {
    /// Creates the office, its first administrator, its document-signing key and the shipped
    /// reference data.
    pub fn init_office(
        &mut self,
        at: DateTime<Utc>,
        new: &NewOffice,
        mci: &MciTable,
    ) -> Result<OfficeInfo> {
        let code = OfficeCode::parse(&new.code)
            .map_err(|e| StoreError::Invalid(vec![otau_core::FieldError::new("office", &e)]))?;
        let mut errors = vec![];
        if otau_core::regions::region(new.region.trim()).is_none() {
            errors.push(
                otau_core::FieldError::bare("region", "store-unknown-region")
                    .with_arg("value", new.region.trim()),
            );
        }
        if new.name.trim().is_empty() {
            errors.push(otau_core::FieldError::bare("office_name", "store-required"));
        }
        let login = match normalize_login(&new.admin_login) {
            Ok(l) => Some(l),
            Err(e) => {
                errors.extend(e.field_errors().iter().cloned());
                None
            }
        };
        if let Err(e) = check_new_password(&new.admin_password, &new.admin_login, None) {
            errors.extend(e.field_errors().iter().cloned());
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        if let Some(existing) = self.device_office_code()? {
            return Err(StoreError::AlreadyInitialised { office: existing });
        }
        let login = login.unwrap_or_default();
        let password_hash = hash_password(&new.admin_password)?;
        let device_id = Uuid::now_v7().to_string();
        let system = Context::system(at);
        let kek = self.signing_kek().clone();
        // The device row, the office, its administrator and the reference data in one
        // transaction: a failure leaves an empty database on which `init` can run again.
        let tx =
            self.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO device (singleton, device_id, office_code, created_at) VALUES (1, ?1, ?2, ?3)",
            params![device_id, code.to_string(), at.to_rfc3339_opts(SecondsFormat::Millis, true)],
        )?;
        let office = {
            let mut change =
                Change::new(&tx, &system, (device_id.clone(), code.to_string()), "office.init");
            let mut office = OfficeRec {
                id: Uuid::now_v7(),
                code: code.to_string(),
                name: new.name.trim().to_string(),
                region: new.region.trim().to_string(),
                version: 0,
            };
            change.insert(&mut office)?;
            let admin_id = Uuid::now_v7();
            let mut admin = UserRec {
                id: admin_id,
                office_id: office.id,
                login,
                full_name: None,
                role: Role::Admin,
                active: 1,
                password_set_by: Some(admin_id),
                version: 0,
            };
            change.insert(&mut admin)?;
            change.insert(&mut CredentialRec { id: admin.id, password_hash, version: 0 })?;
            for row in mci.rows() {
                let mut rec = MciRec::from_core(row);
                change.insert(&mut rec)?;
            }
            crate::casework::settings::load_shipped_in(&mut change)?;
            // The key that signs the office's documents; its public half is handed out by the
            // centre so other offices can check this office's papers.
            crate::documents::keys::create_office_key(
                &mut change,
                &kek,
                office.id,
                &office.code,
                &office.name,
            )?;
            crate::subsidy::reference::insert_shipped_rules(&mut change)?;
            change.finish()?;
            office
        };
        tx.commit()?;
        Ok(OfficeInfo { office, device_id })
    }

    /// The office and device of this database.
    pub fn office(&self) -> Result<OfficeInfo> {
        let device_id: String = self
            .conn()
            .query_row("SELECT device_id FROM device", [], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotInitialised)?;
        let (id, _) = current_office(self.conn())?;
        let office = self
            .conn()
            .prepare_cached("SELECT * FROM offices WHERE id = ?1")?
            .query_row([id.to_string()], from_row)?;
        Ok(OfficeInfo { office, device_id })
    }

    fn device_office_code(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT office_code FROM device")?
            .query_row([], |r| r.get(0))
            .optional()?)
    }
}

/// This device's office: id and code.
pub(crate) fn current_office(conn: &Connection) -> Result<(Uuid, String)> {
    let row: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT o.id, o.code FROM device d JOIN offices o ON o.code = d.office_code",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, code) = row.ok_or(StoreError::NotInitialised)?;
    let id = Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt(format!("office id: {e}")))?;
    Ok((id, code))
}

impl Store {
    /// Sets a user's password on this device (a device that joined an office receives its users
    /// without passwords: they never travel), as `ctx`'s actor (the user themself when the
    /// system acts: enrolment). Refuses a short password or an unknown login. Who set it is kept
    /// on the user's record, which travels: maker–checker is by person
    /// ([`crate::subsidy::four_eyes`]).
    pub fn set_local_password(&mut self, ctx: &Context, login: &str, password: &str) -> Result<()> {
        let login = normalize_login(login)?;
        let user = crate::users::find_user(self.conn(), &login)?
            .ok_or(StoreError::NotFound { what: "user", key: login.clone() })?;
        check_new_password(password, &login, user.full_name.as_deref())?;
        let password_hash = hash_password(password)?;
        let existing: Option<CredentialRec> = self
            .conn()
            .prepare("SELECT * FROM credentials WHERE id = ?1")?
            .query_row([user.id.to_string()], from_row)
            .optional()?;
        let set_by = Some(ctx.actor.user_id.unwrap_or(user.id));
        self.write(ctx, "user.password", |change| {
            match existing {
                Some(before) => {
                    let mut after = CredentialRec { password_hash, ..before.clone() };
                    change.update(&before, &mut after)?;
                }
                None => {
                    change.insert(&mut CredentialRec { id: user.id, password_hash, version: 0 })?;
                }
            }
            if user.password_set_by != set_by {
                let mut after = UserRec { password_set_by: set_by, ..user.clone() };
                change.update(&user, &mut after)?;
            }
            // A password set anew ends a lock the old one's failures earned.
            crate::signin::clear_failures(change.tx(), &login)
        })
    }
}
