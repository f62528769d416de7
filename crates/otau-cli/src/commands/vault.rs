//! `otau vault status|secret|recover|encrypt` and `otau key rotate`: the office secret, the
//! recovery code, encrypting an older database, and a new document-signing key.

use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::json;
use clap::Subcommand;
use otau_store::vault::{encrypt_database, RecoveryCode, Unlock, VaultFile, VaultKeys, WrapKind};
use otau_store::{FileKind, Store, StoreError};
use serde_json::json;

/// `otau vault …`
#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Whether the database is encrypted, and who has a key on this computer.
    Status,
    /// Change the office secret (administrators; the new one from standard input).
    Secret,
    /// Set a new office secret with the recovery code (both from standard input).
    Recover,
    /// Encrypt an older, plain database (administrators; the office secret from
    /// $OTAU_OFFICE_SECRET or standard input). Prints the recovery code once.
    Encrypt,
}

/// `otau key …`
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make a new signing key (administrators): papers are sealed with it from now on; the old
    /// one still verifies the papers it sealed.
    Rotate,
}

/// Prints the recovery code, once, with what to do with it.
pub fn print_recovery(ctx: &Ctx, code: &RecoveryCode) {
    println!(
        "{}",
        msg(ctx.lang, "cli-vault-recovery-code", &[("code", code.as_str().to_string())])
    );
}

/// After a password change: the user's key on this computer opens with the new password only.
pub fn rewrap_user(ctx: &mut Ctx, login: &str, password: &str) -> Result<(), CliError> {
    let Some((file, keys)) = ctx.vault().cloned() else { return Ok(()) };
    let mut file = file;
    file.set_wrap(&keys, WrapKind::User, Some(login), password).map_err(StoreError::from)?;
    file.save(&ctx.db).map_err(StoreError::from)?;
    ctx.set_vault(file, keys);
    Ok(())
}

/// A deactivated user's key on this computer is removed.
pub fn forget_user(ctx: &mut Ctx, login: &str) -> Result<(), CliError> {
    let Some((file, keys)) = ctx.vault().cloned() else { return Ok(()) };
    let mut file = file;
    if file.remove_user(login) {
        file.save(&ctx.db).map_err(StoreError::from)?;
    }
    ctx.set_vault(file, keys);
    Ok(())
}

fn say(ctx: &Ctx, id: &str, args: &[(&str, String)]) {
    println!("{}", msg(ctx.lang, id, args));
}

/// `otau vault …`
pub fn vault(ctx: &mut Ctx, cmd: VaultCommand) -> Result<(), CliError> {
    match cmd {
        VaultCommand::Status => {
            let file = VaultFile::read(&ctx.db).map_err(StoreError::from)?;
            let kind = otau_store::file_kind(&ctx.db)?;
            let state = match (kind, &file) {
                (FileKind::Encrypted, Some(_)) => "encrypted",
                (FileKind::Encrypted, None) => "locked",
                (FileKind::Plain, _) => "plain",
                (FileKind::Missing, _) => "missing",
            };
            let users = file.as_ref().map(VaultFile::users).unwrap_or_default();
            if ctx.json {
                json(&json!({ "state": state, "users": users, "db": ctx.db }));
            } else {
                say(
                    ctx,
                    &format!("cli-vault-state-{state}"),
                    &[("db", ctx.db.display().to_string())],
                );
                if !users.is_empty() {
                    say(ctx, "cli-vault-users", &[("users", users.join(", "))]);
                }
            }
        }
        VaultCommand::Secret => {
            let store = ctx.open()?;
            let actor = ctx.actor(&store)?;
            actor.require(otau_store::Action::ManageUsers)?;
            let (file, keys) = ctx
                .vault()
                .cloned()
                .ok_or(StoreError::from(otau_store::vault::VaultError::Plain))?;
            let secret = ctx.new_office_secret(false)?;
            let mut file = file;
            file.set_wrap(&keys, WrapKind::Office, None, &secret).map_err(StoreError::from)?;
            file.save(&ctx.db).map_err(StoreError::from)?;
            if ctx.json {
                json(&json!({ "office_secret": "changed" }));
            } else {
                say(ctx, "cli-vault-secret-changed", &[]);
            }
        }
        VaultCommand::Recover => {
            let mut file = VaultFile::read(&ctx.db)
                .map_err(StoreError::from)?
                .ok_or(StoreError::from(otau_store::vault::VaultError::Plain))?;
            let code = zeroize::Zeroizing::new(
                ctx.secret_line(&format!("{}: ", msg(ctx.lang, "cli-vault-recovery-prompt", &[])))?,
            );
            let keys = file.unlock(Unlock::Recovery(&code)).map_err(StoreError::from)?;
            // The code opens the database itself, not only the file.
            drop(Store::open_encrypted(&ctx.db, &keys)?);
            let secret = ctx.new_office_secret(false)?;
            file.set_wrap(&keys, WrapKind::Office, None, &secret).map_err(StoreError::from)?;
            file.save(&ctx.db).map_err(StoreError::from)?;
            if ctx.json {
                json(&json!({ "office_secret": "changed" }));
            } else {
                say(ctx, "cli-vault-recovered", &[]);
            }
        }
        VaultCommand::Encrypt => {
            if VaultFile::read(&ctx.db).map_err(StoreError::from)?.is_some()
                && otau_store::file_kind(&ctx.db)? == FileKind::Encrypted
            {
                return Err(
                    StoreError::from(otau_store::vault::VaultError::AlreadyEncrypted).into()
                );
            }
            let (office, login, password) = {
                let store = match otau_store::file_kind(&ctx.db)? {
                    FileKind::Plain => Store::open(&ctx.db)?,
                    FileKind::Encrypted => {
                        return Err(StoreError::from(otau_store::vault::VaultError::Locked).into())
                    }
                    FileKind::Missing => return Err(StoreError::NotInitialised.into()),
                };
                let actor = ctx.actor(&store)?;
                actor.require(otau_store::Action::ManageUsers)?;
                let password = ctx.acting_password(&actor.login)?;
                (store.office()?.office, actor.login, password)
            };
            let secret = ctx.new_office_secret(true)?;
            let keys = VaultKeys::generate();
            let recovery = RecoveryCode::generate();
            let mut file = VaultFile::new(&keys, &secret, &recovery).map_err(StoreError::from)?;
            file.office = Some(office);
            file.set_wrap(&keys, WrapKind::User, Some(&login), &password)
                .map_err(StoreError::from)?;
            // The keys file first: no moment leaves an encrypted database without its keys.
            file.save(&ctx.db).map_err(StoreError::from)?;
            encrypt_database(&ctx.db, &keys)?;
            if ctx.json {
                json(&json!({ "encrypted": true, "recovery_code": recovery.as_str() }));
            } else {
                say(ctx, "cli-vault-encrypted", &[("db", ctx.db.display().to_string())]);
                print_recovery(ctx, &recovery);
            }
        }
    }
    Ok(())
}

/// `otau key …`
pub fn key(ctx: &mut Ctx, cmd: KeyCommand) -> Result<(), CliError> {
    match cmd {
        KeyCommand::Rotate => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let public = store.rotate_office_key(&acting)?;
            if ctx.json {
                json(&json!({ "public_key": public }));
            } else {
                say(ctx, "cli-key-rotated", &[("key", public)]);
            }
        }
    }
    Ok(())
}
