//! Office administration: `init`, `user add|list`, `demo`, `rebuild-index`, `verify-audit`.

use crate::args::{DemoArgs, InitArgs, UserCommand};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, Table};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_store::{Duplicates, NewOffice, NewUser, Role};
use serde_json::json;
use std::collections::HashSet;

/// `otau init`
pub fn init(ctx: &mut Ctx, args: InitArgs) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let password = ctx.acting_password(&args.admin)?;
    let mci = MciTable::from_json(DEFAULT_MCI_JSON)
        .map_err(|e| CliError::with("cli-reference-data", &[("detail", e.to_string())]))?;
    let (at, _) = ctx.now();
    let info = store.init_office(
        at,
        &NewOffice {
            code: args.office,
            name: args.office_name,
            region: args.region,
            admin_login: args.admin.clone(),
            admin_password: password,
        },
        &mci,
    )?;
    if ctx.json {
        json(&json!({
            "office": info.office,
            "device_id": info.device_id,
            "admin": args.admin.trim().to_lowercase(),
            "db": ctx.db,
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
    }
    Ok(())
}

/// `otau user add|list`
pub fn user(ctx: &mut Ctx, cmd: UserCommand) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    match cmd {
        UserCommand::Add { login, role, full_name } => {
            let role: Role = role.trim().parse().map_err(|e| CliError::Fields(vec![e]))?;
            let acting = ctx.acting(&store)?;
            let password = ctx.secret_line(&format!("{login} (new): "))?;
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
            let actor = ctx.actor(&store)?;
            actor.require(otau_store::Action::ManageUsers)?;
            let password = ctx.secret_line(&format!("{login} (new): "))?;
            let (at, _) = ctx.now();
            store.set_local_password(at, &login, &password)?;
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
    }
    Ok(())
}

/// `otau demo`
pub fn demo(ctx: &mut Ctx, args: DemoArgs) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let (_, persons_before) = store.counts()?;
    let mut used: HashSet<String> = store.registered_iins()?;
    let families = otau_core::demo::families(
        args.seed ^ persons_before as u64,
        args.families,
        acting.today,
        persons_before as u32,
        &mut used,
    );
    let mut registered = 0usize;
    for chunk in families.chunks(500) {
        registered += store.register_families(&acting, chunk, Duplicates::Allow)?.len();
    }
    let (families_now, persons_now) = store.counts()?;
    if ctx.json {
        json(&json!({
            "registered_families": registered,
            "families": families_now,
            "persons": persons_now,
        }));
    } else {
        println!(
            "{}",
            msg(
                ctx.lang,
                "cli-demo-done",
                &[
                    ("families", registered.to_string()),
                    ("total_families", families_now.to_string()),
                    ("total_persons", persons_now.to_string()),
                ]
            )
        );
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

/// `otau verify-audit`
pub fn verify_audit(ctx: &mut Ctx) -> Result<(), CliError> {
    let store = ctx.open()?;
    let report = store.verify_audit_chain()?;
    if ctx.json {
        json(&json!({
            "ok": report.first_broken_seq.is_none(),
            "rows": report.rows,
            "first_broken_seq": report.first_broken_seq,
        }));
    }
    match report.first_broken_seq {
        None => {
            if !ctx.json {
                println!("{}", msg(ctx.lang, "cli-audit-ok", &[("rows", report.rows.to_string())]));
            }
            Ok(())
        }
        Some(_) if ctx.json => Err(CliError::Reported),
        Some(seq) => Err(CliError::with("cli-audit-broken", &[("seq", seq.to_string())])),
    }
}
