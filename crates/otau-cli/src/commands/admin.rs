//! Office administration: `init`, `user add|list|password|deactivate|activate|sign-ins`, `demo`, `rebuild-index`, `verify-audit`.

use crate::args::{DemoArgs, InitArgs, UserCommand};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, Table};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::population::{Office, Population, Size, Spec};
use otau_store::population::Staff;
use otau_store::vault::{RecoveryCode, VaultFile, VaultKeys, WrapKind};
use otau_store::{FileKind, NewOffice, NewUser, Role, Store, StoreError};
use serde_json::json;

/// `otau init`: the office database, encrypted under a new vault whose recovery code is printed
/// once (a database already plain, from an older build, stays plain: `otau vault encrypt`).
pub fn init(ctx: &mut Ctx, args: InitArgs) -> Result<(), CliError> {
    let password = ctx.acting_password(&args.admin)?;
    let mci = MciTable::from_json(DEFAULT_MCI_JSON)
        .map_err(|e| CliError::with("cli-reference-data", &[("detail", e.to_string())]))?;
    let new = NewOffice {
        code: args.office,
        name: args.office_name,
        region: args.region,
        admin_login: args.admin.clone(),
        admin_password: password.to_string(),
    };
    let (at, _) = ctx.now();
    let fresh = VaultFile::read(&ctx.db).map_err(StoreError::from)?.is_none()
        && otau_store::file_kind(&ctx.db)? == FileKind::Missing;
    let (info, recovery) = if fresh {
        let secret = ctx.new_office_secret(!args.secret_stdin)?;
        let keys = VaultKeys::generate();
        let recovery = RecoveryCode::generate();
        let mut vault = VaultFile::new(&keys, &secret, &recovery).map_err(StoreError::from)?;
        // A new account has no data folder yet (that of the default database,
        // ~/.local/share/otau): made here; when it cannot be, saving the keys file says why.
        if let Some(folder) = ctx.db.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(folder);
        }
        vault.save(&ctx.db).map_err(StoreError::from)?;
        let made = Store::open_encrypted(&ctx.db, &keys)
            .and_then(|mut store| store.init_office(at, &new, &mci));
        let info = match made {
            Ok(info) => info,
            Err(e) => {
                // Nothing was written: neither file stays, so `init` can run again.
                let _ = std::fs::remove_file(VaultFile::path_for(&ctx.db));
                for suffix in ["", "-wal", "-shm"] {
                    let mut name = ctx.db.as_os_str().to_owned();
                    name.push(suffix);
                    let _ = std::fs::remove_file(std::path::PathBuf::from(name));
                }
                return Err(e.into());
            }
        };
        vault.office = Some(info.office.clone());
        vault
            .set_wrap(&keys, WrapKind::User, Some(&new.admin_login), &password)
            .map_err(StoreError::from)?;
        vault.save(&ctx.db).map_err(StoreError::from)?;
        (info, Some(recovery))
    } else {
        let mut store = ctx.open()?;
        (store.init_office(at, &new, &mci)?, None)
    };
    if ctx.json {
        json(&json!({
            "office": info.office,
            "device_id": info.device_id,
            "admin": args.admin.trim().to_lowercase(),
            "db": ctx.db,
            "encrypted": recovery.is_some(),
            "recovery_code": recovery.as_ref().map(RecoveryCode::as_str),
        }));
    } else {
        println!(
            "{}",
            msg(
                ctx.lang,
                "cli-init-done",
                &[
                    ("office", info.office.code.clone()),
                    ("name", info.office.name.clone()),
                    ("db", ctx.db.display().to_string()),
                ]
            )
        );
        if let Some(code) = &recovery {
            super::vault::print_recovery(ctx, code);
        }
    }
    Ok(())
}

/// `otau user add|list|password|deactivate|activate|sign-ins`
pub fn user(ctx: &mut Ctx, cmd: UserCommand) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    match cmd {
        UserCommand::Add { login, role, full_name, password_stdin } => {
            let role: Role = role.trim().parse().map_err(|e| CliError::Fields(vec![e]))?;
            let acting = ctx.acting(&store)?;
            let password = ctx.new_password(&login, password_stdin)?;
            let user = store.add_user(&acting, &NewUser { login, role, full_name, password })?;
            if ctx.json {
                json(&json!({ "login": user.login, "role": user.role, "id": user.id }));
            } else {
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-user-added",
                        &[("login", user.login.clone()), ("role", user.role.to_string())]
                    )
                );
            }
        }
        UserCommand::Password { login } => {
            let acting = ctx.acting(&store)?;
            // Anyone may change their own password; only an administrator another's.
            if acting.actor.login != login.trim().to_lowercase() {
                acting.actor.require(otau_store::Action::ManageUsers)?;
            }
            let password = zeroize::Zeroizing::new(ctx.secret_line(&format!("{login} (new): "))?);
            store.set_local_password(&acting, &login, &password)?;
            // Their key on this computer now opens with the new password only.
            super::vault::rewrap_user(ctx, &login, &password)?;
            if !ctx.json {
                println!("{}", msg(ctx.lang, "cli-user-password-set", &[("login", login)]));
            } else {
                json(&json!({ "login": login }));
            }
        }
        UserCommand::List => {
            let users = store.users()?;
            if ctx.json {
                let list: Vec<_> = users
                    .iter()
                    .map(|u| json!({"login": u.login, "role": u.role, "full_name": u.full_name, "active": u.active == 1}))
                    .collect();
                json(&json!({ "users": list }));
            } else {
                let mut t = Table::new(vec![
                    msg(ctx.lang, "cli-col-login", &[]),
                    msg(ctx.lang, "cli-col-role", &[]),
                    msg(ctx.lang, "cli-col-name", &[]),
                ]);
                for u in users {
                    t.row(vec![
                        u.login,
                        super::enum_label(ctx.lang, "role", &u.role),
                        u.full_name.unwrap_or_default(),
                    ]);
                }
                println!("{}", t.render());
            }
        }
        UserCommand::Deactivate { login } => set_active(ctx, &mut store, &login, false)?,
        UserCommand::Activate { login } => set_active(ctx, &mut store, &login, true)?,
        UserCommand::SignIns { login, limit } => {
            let acting = ctx.acting(&store)?;
            let attempts = store.sign_ins(&acting, login.as_deref(), limit)?;
            if ctx.json {
                json(&json!({ "sign_ins": attempts }));
            } else {
                let mut t = Table::new(vec![
                    msg(ctx.lang, "cli-col-when", &[]),
                    msg(ctx.lang, "cli-col-login", &[]),
                    msg(ctx.lang, "cli-col-outcome", &[]),
                ]);
                for a in attempts {
                    let outcome = format!("cli-sign-in-{}", a.outcome.as_str());
                    t.row(vec![
                        a.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                        a.login,
                        msg(ctx.lang, &outcome, &[]),
                    ]);
                }
                println!("{}", t.render());
            }
        }
    }
    Ok(())
}

/// `otau user deactivate|activate LOGIN`
fn set_active(
    ctx: &mut Ctx,
    store: &mut otau_store::Store,
    login: &str,
    active: bool,
) -> Result<(), CliError> {
    let acting = ctx.acting(store)?;
    let user = store.set_user_active(&acting, login, active)?;
    if !active {
        super::vault::forget_user(ctx, &user.login)?;
    }
    if ctx.json {
        json(&json!({ "login": user.login, "active": user.active == 1 }));
    } else {
        let id = if active { "cli-user-activated" } else { "cli-user-deactivated" };
        println!("{}", msg(ctx.lang, id, &[("login", user.login)]));
    }
    Ok(())
}

/// `otau demo`
pub fn demo(ctx: &mut Ctx, args: DemoArgs) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let manager = match &args.manager {
        Some(login) => {
            let password = std::env::var("OTAU_MANAGER_PASSWORD")
                .map_err(|_| CliError::with("cli-manager-password", &[("login", login.clone())]))?;
            let (at, _) = ctx.now();
            Some(store.sign_in_at(at, login, &password)?)
        }
        None => None,
    };
    let (_, persons_before) = store.counts()?;
    let office = store.office()?.office;
    let mut codes = args.offices.clone();
    if codes.is_empty() {
        codes.push(office.code.clone());
    }
    // Only this office's share is written: the others' regions do not matter here.
    let offices = codes
        .iter()
        .map(|code| Office { code: code.trim().to_uppercase(), region: office.region.clone() })
        .collect();
    let size = match args.persons {
        Some(p) => Size::Persons(p),
        None => Size::Families(args.families),
    };
    let mut spec = Spec::new(args.seed ^ persons_before as u64, offices, size, acting.today);
    spec.years = args.years.map(|(first, last)| first..=last);
    spec.casework = args.casework;
    spec.serial_base = persons_before as u64;
    let population = Population::of(&spec, &office.code)
        .map_err(|e| CliError::with("cli-demo-spec", &[("detail", e.to_string())]))?;
    let mut acts = population.acts();
    let used = store.registered_iins()?;
    acts.avoid_iins(used.iter().map(String::as_str));
    let staff = Staff {
        clerk: acting.actor.clone(),
        manager,
        admin: acting
            .actor
            .role
            .may(otau_store::Action::ManageReference)
            .then(|| acting.actor.clone()),
    };
    let written = store.write_population(acts, &staff, |_| {})?;
    let (families_now, persons_now) = store.counts()?;
    if ctx.json {
        json(&json!({
            "registered_families": written.families,
            "registered_persons": written.persons,
            "families": families_now,
            "persons": persons_now,
            "casework": written.done,
            "refused": written.refused,
            "skipped": written.skipped,
        }));
    } else {
        println!(
            "{}",
            msg(
                ctx.lang,
                "cli-demo-done",
                &[
                    ("families", written.families.to_string()),
                    ("total_families", families_now.to_string()),
                    ("total_persons", persons_now.to_string()),
                ]
            )
        );
        if args.casework {
            let done: Vec<String> = written.done.iter().map(|(k, n)| format!("{k} {n}")).collect();
            let refused: Vec<String> =
                written.refused.iter().map(|(k, n)| format!("{k} {n}")).collect();
            println!(
                "{}",
                msg(
                    ctx.lang,
                    "cli-demo-casework",
                    &[("done", done.join(", ")), ("refused", refused.join(", "))]
                )
            );
        }
    }
    Ok(())
}

/// `otau rebuild-index`
pub fn rebuild_index(ctx: &mut Ctx) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let n = store.rebuild_search()?;
    if ctx.json {
        json(&json!({ "indexed": n }));
    } else {
        println!("{}", msg(ctx.lang, "cli-index-rebuilt", &[("count", n.to_string())]));
    }
    Ok(())
}

/// `otau audit verify` (and `otau verify-audit`): the whole check, each finding in words with
/// where it is; the exit status is 0 only when nothing was found.
pub fn verify_audit(ctx: &mut Ctx) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let reader = ctx.reading(&store)?;
    let report = store.verify_audit(reader.at)?;
    if ctx.json {
        json(&json!({
            "ok": report.is_clean(),
            "rows": report.rows,
            "checkpoints": report.checkpoints,
            "records": report.records,
            "findings": report.findings,
        }));
        return if report.is_clean() { Ok(()) } else { Err(CliError::Reported) };
    }
    if report.is_clean() {
        let args = [
            ("rows", report.rows.to_string()),
            ("checkpoints", report.checkpoints.to_string()),
            ("records", report.records.to_string()),
        ];
        println!("{}", msg(ctx.lang, "cli-audit-ok", &args));
        return Ok(());
    }
    for f in &report.findings {
        let none = || "—".to_string();
        let args = [
            ("table", f.table.clone().unwrap_or_else(none)),
            ("id", f.id.clone().unwrap_or_else(none)),
            ("field", f.field.clone().unwrap_or_else(none)),
            ("seq", f.seq.map(|s| s.to_string()).unwrap_or_else(none)),
            ("expected", f.expected.clone().unwrap_or_else(none)),
            ("found", f.found.clone().unwrap_or_else(none)),
        ];
        println!("{}", msg(ctx.lang, &f.code, &args));
    }
    Err(CliError::with("cli-audit-broken", &[("count", report.findings.len().to_string())]))
}
