//! `otau sync …`: enrol this office database with its centre, sync it, and see and settle what
//! sync found (its status, conflicts, review cases). Thin calls into `otau_device` and the store.

use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, pairs, Table};
use clap::{Args, Subcommand, ValueEnum};
use otau_core::Coded;
use otau_device::{DeviceError, Enrolment, JoinRequest, SyncReport};
use otau_i18n::tr0;
use otau_store::sync::payments::{PaidSide, PaymentDecision};
use otau_store::sync::{CaseDecision, ConflictChoice};
use otau_store::vault::{RecoveryCode, Unlock, VaultFile, VaultKeys, WrapKind};
use otau_store::StoreError;
use serde_json::json;
use uuid::Uuid;

/// `otau sync [COMMAND]`: without a command, syncs now.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    /// What to do (default: sync now).
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

/// The commands of `otau sync`.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Enrol this database with a centre using a one-time code. An office's first device keeps
    /// its records and uploads them (`--user` an administrator); a new device of an office starts
    /// from an empty database and downloads them (`--admin` the administrator who will use it;
    /// their new password on this device comes from $OTAU_PASSWORD or standard input).
    Enrol {
        /// The centre's address (https://host:port).
        #[arg(long, required_unless_present = "card")]
        centre: Option<String>,
        /// For a device with no line: the centre's card (`otau centre enrol --card`); the
        /// enrolment then travels in the next packet (`otau packet export`).
        #[arg(long, conflicts_with_all = ["centre", "admin"])]
        card: Option<std::path::PathBuf>,
        /// The code `otau centre enrol` printed.
        #[arg(long)]
        code: String,
        /// A name for this device (shown at the centre).
        #[arg(long, default_value = "Otau")]
        name: String,
        /// For a new, empty device: the office administrator who will use it.
        #[arg(long)]
        admin: Option<String>,
    },
    /// Sync now: send what the centre has not, receive what the office's other devices did.
    Now,
    /// The centre, the last sync, events waiting, conflicts and review cases.
    Status,
    /// Conflicts waiting for a person (`--all` for resolved ones too).
    Conflicts {
        /// Resolved ones too.
        #[arg(long)]
        all: bool,
    },
    /// Resolve a conflict: keep the value that stayed, take the other, or type the right one.
    Resolve {
        /// The conflict's id.
        id: Uuid,
        /// Which value ends up in the record.
        #[arg(long, value_enum, required_unless_present = "value")]
        take: Option<Take>,
        /// The right value, typed (names, contacts, addresses, numbers).
        #[arg(long, conflicts_with = "take")]
        value: Option<String>,
        /// Why (kept in the history).
        #[arg(long)]
        reason: String,
    },
    /// Review cases waiting for a manager (`--all` for decided ones too).
    Cases {
        /// Decided ones too.
        #[arg(long)]
        all: bool,
    },
    /// The same person registered here and in another office, as the centre found them
    /// (`--all` for decided ones too).
    Duplicates {
        /// Decided ones too.
        #[arg(long)]
        all: bool,
    },
    /// Decide whether a person registered here and in another office is one person; the
    /// decision reaches the other office through the centre.
    Duplicate {
        /// The case's id.
        id: Uuid,
        /// The decision.
        #[arg(long, value_enum)]
        decision: Crossing,
        /// Why (kept in the history, shown to the other office).
        #[arg(long)]
        reason: String,
    },
    /// One family paid the same one-time subsidy here and in another office, as the centre
    /// found it: both payments side by side (`--all` for decided ones too).
    Payments {
        /// Decided ones too.
        #[arg(long)]
        all: bool,
    },
    /// Decide a case of one family paid twice (managers): both payments stand, or one is to be
    /// recovered; the decision reaches the other office through the centre.
    Payment {
        /// The case's id.
        id: Uuid,
        /// The decision.
        #[arg(long, value_enum)]
        decision: PaidTwice,
        /// Why (kept in the history, shown to the other office).
        #[arg(long)]
        reason: String,
    },
    /// Decide a review case (managers).
    Decide {
        /// The case's id.
        id: Uuid,
        /// The decision.
        #[arg(long, value_enum)]
        decision: Decision,
        /// Why (kept in the history).
        #[arg(long)]
        reason: String,
    },
}

/// A decision on a person registered in two offices.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Crossing {
    /// Both records are one person.
    SamePerson,
    /// Two different people.
    DifferentPeople,
}

/// A decision on one family paid the same one-time subsidy in two offices.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PaidTwice {
    /// Both payments stand.
    KeepBoth,
    /// One payment is to be recovered.
    Recover,
}

/// Which value a conflict ends with.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Take {
    /// The value that stayed.
    Kept,
    /// The value that did not take effect.
    Proposed,
    /// Nothing to change (an insert that is not needed).
    Dismiss,
}

/// A decision on a review case.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Decision {
    /// Both facts stand.
    BothStand,
    /// Money is recovered or a record corrected.
    Correction,
    /// The same person.
    SamePerson,
    /// Different people.
    DifferentPeople,
}

impl From<DeviceError> for CliError {
    fn from(e: DeviceError) -> Self {
        match e {
            DeviceError::Store(s) => s.into(),
            DeviceError::Sync(s) => CliError::Coded { code: s.code(), args: s.args() },
            DeviceError::Packet(p) => CliError::Coded { code: p.code(), args: p.args() },
        }
    }
}

fn say(ctx: &Ctx, code: &str, args: &[(&str, String)]) {
    println!("{}", msg(ctx.lang, code, args));
}

fn report(ctx: &Ctx, r: &SyncReport) {
    if ctx.json {
        json(r);
        return;
    }
    let n = |v: u32| v.to_string();
    say(
        ctx,
        "cli-sync-done",
        &[("pushed", n(r.pushed)), ("applied", n(r.applied)), ("conflicts", n(r.conflicts))],
    );
    if let Some(restore) = r.restore {
        let code = match restore {
            otau_device::Restore::Device => "cli-sync-restored-device",
            otau_device::Restore::DeviceForked => "cli-sync-restored-forked",
            otau_device::Restore::Centre => "cli-sync-restored-centre",
        };
        say(ctx, code, &[]);
    }
    if r.cases > 0 {
        say(ctx, "cli-sync-cases-opened", &[("count", n(r.cases))]);
    }
}

/// The vault of a database made by joining an office: the one beside it already (a join
/// retried), else a new one under the office secret, with its recovery code to print.
fn join_vault(ctx: &mut Ctx) -> Result<(VaultFile, VaultKeys, Option<RecoveryCode>), CliError> {
    if let Some(file) = VaultFile::read(&ctx.db).map_err(StoreError::from)? {
        let secret = ctx.new_office_secret(true)?;
        let keys = file.unlock(Unlock::OfficeSecret(&secret)).map_err(StoreError::from)?;
        return Ok((file, keys, None));
    }
    let secret = ctx.new_office_secret(true)?;
    let keys = VaultKeys::generate();
    let recovery = RecoveryCode::generate();
    let file = VaultFile::new(&keys, &secret, &recovery).map_err(StoreError::from)?;
    file.save(&ctx.db).map_err(StoreError::from)?;
    Ok((file, keys, Some(recovery)))
}

/// Runs `otau sync …`.
pub fn sync(ctx: &mut Ctx, args: SyncArgs) -> Result<(), CliError> {
    match args.command.unwrap_or(SyncCommand::Now) {
        SyncCommand::Enrol { card: Some(card), code, name, .. } => {
            let card = otau_device::packet::read_card(&crate::commands::packet::read_file(&card)?)?;
            let mut store = ctx.open()?;
            let actor = ctx.actor(&store)?;
            actor.require(otau_store::Action::ManageUsers)?;
            let (at, _) = ctx.now();
            otau_device::packet::enrol_by_card(&mut store, at, &card, &code, &name)?;
            if ctx.json {
                json(&json!({"enrolled": true, "centre": card.centre.name, "by": "packet"}));
            } else {
                say(ctx, "cli-sync-enrolled-by-card", &[("centre", card.centre.name)]);
            }
            Ok(())
        }
        SyncCommand::Enrol { centre, code, name, admin, .. } => {
            let (at, today) = ctx.now();
            let centre = centre.unwrap_or_default();
            let enrolment = Enrolment { centre_url: centre, code, device_name: name };
            let report = match admin {
                Some(login) => {
                    let password = ctx.acting_password(&login)?;
                    let (mut file, keys, recovery) = join_vault(ctx)?;
                    let req = JoinRequest {
                        enrolment,
                        admin_login: login.clone(),
                        admin_password: password.to_string(),
                    };
                    let (store, report) = otau_device::join(&ctx.db, &keys, at, today, &req)?;
                    file.office = store.office().ok().map(|info| info.office);
                    file.set_wrap(&keys, WrapKind::User, Some(&login), &password)
                        .map_err(StoreError::from)?;
                    file.save(&ctx.db).map_err(StoreError::from)?;
                    if let Some(code) = recovery {
                        if ctx.json {
                            json(&json!({ "recovery_code": code.as_str() }));
                        } else {
                            super::vault::print_recovery(ctx, &code);
                        }
                    }
                    report
                }
                None => {
                    let mut store = ctx.open()?;
                    let actor = ctx.actor(&store)?;
                    actor.require(otau_store::Action::ManageUsers)?;
                    otau_device::enrol(&mut store, at, today, &enrolment)?
                }
            };
            report_enrolled(ctx, &report)
        }
        SyncCommand::Now => {
            let mut store = ctx.open()?;
            let (at, today) = ctx.now();
            let r = otau_device::sync(&mut store, at, today)?;
            report(ctx, &r);
            Ok(())
        }
        SyncCommand::Status => status(ctx),
        SyncCommand::Conflicts { all } => conflicts(ctx, all),
        SyncCommand::Resolve { id, take, value, reason } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let choice = match (take, value) {
                (_, Some(v)) => ConflictChoice::Typed(v),
                (Some(Take::Kept), None) => ConflictChoice::Kept,
                (Some(Take::Proposed), None) => ConflictChoice::Proposed,
                (Some(Take::Dismiss), None) => ConflictChoice::Dismiss,
                (None, None) => return Err(CliError::coded("cli-sync-choose")),
            };
            let done = store.resolve_conflict(&acting, id, &choice, &reason)?;
            if ctx.json {
                json(&done);
            } else {
                say(ctx, "cli-sync-resolved", &[("id", id.to_string())]);
            }
            Ok(())
        }
        SyncCommand::Cases { all } => cases(ctx, all),
        SyncCommand::Duplicates { all } => {
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let list: Vec<_> =
                store.cross_cases()?.into_iter().filter(|c| all || c.decision.is_none()).collect();
            if ctx.json {
                json(&json!({ "cases": list }));
                return Ok(());
            }
            let h = |id: &str| tr0(ctx.lang, id);
            let mut t = Table::new(vec![
                h("cli-sync-col-id"),
                h("cli-sync-col-here"),
                h("cli-sync-col-there"),
                h("cli-sync-col-same-by"),
                h("cli-sync-col-state"),
            ]);
            for c in list {
                let field = |k: &str| c.other[k].as_str().unwrap_or("").to_string();
                let there = format!(
                    "{} {} {} {}, {}",
                    c.other_office,
                    field("regno"),
                    field("surname"),
                    field("given_name"),
                    field("birth_date")
                );
                let here = format!(
                    "{} {}",
                    c.regno.clone().unwrap_or_default(),
                    c.name.clone().unwrap_or_default()
                );
                let state = c.decision.as_ref().map(|d| d.decision.clone()).unwrap_or_default();
                t.row(vec![c.id.to_string(), here, there, c.key.clone(), state]);
            }
            println!("{}", t.render());
            Ok(())
        }
        SyncCommand::Duplicate { id, decision, reason } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let decision = match decision {
                Crossing::SamePerson => otau_store::sync::crossing::CrossDecision::SamePerson,
                Crossing::DifferentPeople => {
                    otau_store::sync::crossing::CrossDecision::DifferentPeople
                }
            };
            let done = store.decide_cross_case(&acting, id, decision, &reason)?;
            if ctx.json {
                json(&done);
            } else {
                say(ctx, "cli-sync-decided", &[("id", id.to_string())]);
            }
            Ok(())
        }
        SyncCommand::Payments { all } => payments(ctx, all),
        SyncCommand::Payment { id, decision, reason } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let decision = match decision {
                PaidTwice::KeepBoth => PaymentDecision::KeepBoth,
                PaidTwice::Recover => PaymentDecision::Recover,
            };
            let done = store.decide_payment_case(&acting, id, decision, &reason)?;
            if ctx.json {
                json(&done);
            } else {
                say(ctx, "cli-sync-decided", &[("id", id.to_string())]);
            }
            Ok(())
        }
        SyncCommand::Decide { id, decision, reason } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let decision = match decision {
                Decision::BothStand => CaseDecision::BothStand,
                Decision::Correction => CaseDecision::Correction,
                Decision::SamePerson => CaseDecision::SamePerson,
                Decision::DifferentPeople => CaseDecision::DifferentPeople,
            };
            let done = store.decide_case(&acting, id, decision, &reason)?;
            if ctx.json {
                json(&done);
            } else {
                say(ctx, "cli-sync-decided", &[("id", id.to_string())]);
            }
            Ok(())
        }
    }
}

/// `otau sync payments`: both payments of each case side by side.
fn payments(ctx: &mut Ctx, all: bool) -> Result<(), CliError> {
    let store = ctx.open()?;
    ctx.reading(&store)?;
    let list: Vec<_> =
        store.payment_cases()?.into_iter().filter(|c| all || c.decision.is_none()).collect();
    if ctx.json {
        json(&json!({ "cases": list }));
        return Ok(());
    }
    let h = |id: &str| tr0(ctx.lang, id);
    let mut t = Table::new(vec![
        h("cli-sync-col-id"),
        h("field-subsidy-kind"),
        h("cli-sync-col-here"),
        h("cli-sync-col-there"),
        h("cli-sync-col-state"),
    ]);
    let paid = |p: &PaidSide| {
        format!(
            "{} {} {}, {}, {}",
            p.office,
            p.regno.clone().unwrap_or_default(),
            p.head.clone().unwrap_or_default(),
            otau_core::money::Tiyn(p.amount_tiyn).format_tenge(),
            p.paid_on
        )
    };
    for c in list {
        let kind = tr0(ctx.lang, &format!("subsidy_kind-{}", c.subsidy_kind));
        let state = c.decision.as_ref().map(|d| d.decision.clone()).unwrap_or_default();
        t.row(vec![c.id.to_string(), kind, paid(&c.here), paid(&c.other), state]);
    }
    println!("{}", t.render());
    Ok(())
}

fn report_enrolled(ctx: &Ctx, r: &SyncReport) -> Result<(), CliError> {
    if !ctx.json {
        say(ctx, "cli-sync-enrolled", &[]);
    }
    report(ctx, r);
    Ok(())
}

fn status(ctx: &mut Ctx) -> Result<(), CliError> {
    let store = ctx.open()?;
    let s = store.sync_status()?;
    if ctx.json {
        json(&s);
        return Ok(());
    }
    if !s.enrolled {
        say(ctx, "cli-sync-not-enrolled", &[]);
        return Ok(());
    }
    let h = |id: &str| tr0(ctx.lang, id);
    let none = || "—".to_string();
    pairs(&[
        (h("cli-sync-centre"), s.centre_name.clone().unwrap_or_else(none)),
        (h("cli-sync-address"), s.centre_url.clone().unwrap_or_else(none)),
        (h("cli-sync-last"), s.last_sync_at.clone().unwrap_or_else(none)),
        (h("cli-sync-waiting"), s.waiting.to_string()),
        (h("cli-sync-open-conflicts"), s.open_conflicts.to_string()),
        (h("cli-sync-open-cases"), s.open_cases.to_string()),
        (h("cli-sync-open-payment-cases"), s.open_payment_cases.to_string()),
        (h("cli-sync-unreachable-since"), s.unreachable_since.clone().unwrap_or_else(none)),
        (
            h("cli-sync-last-error"),
            s.last_error_code.as_deref().map(|c| msg(ctx.lang, c, &[])).unwrap_or_else(none),
        ),
    ]);
    Ok(())
}

fn conflicts(ctx: &mut Ctx, all: bool) -> Result<(), CliError> {
    let store = ctx.open()?;
    ctx.reading(&store)?;
    let list = store.conflicts(!all)?;
    if ctx.json {
        json(&json!({ "conflicts": list }));
        return Ok(());
    }
    let h = |id: &str| tr0(ctx.lang, id);
    let mut t = Table::new(vec![
        h("cli-sync-col-id"),
        h("cli-sync-col-record"),
        h("cli-sync-col-field"),
        h("cli-sync-col-kept"),
        h("cli-sync-col-proposed"),
        h("cli-sync-col-state"),
    ]);
    for c in list {
        t.row(vec![
            c.id.to_string(),
            c.entity.clone(),
            c.field.clone().unwrap_or_default(),
            c.kept_json.clone().unwrap_or_default(),
            c.proposed_json.clone(),
            c.state.clone(),
        ]);
    }
    println!("{}", t.render());
    Ok(())
}

fn cases(ctx: &mut Ctx, all: bool) -> Result<(), CliError> {
    let store = ctx.open()?;
    ctx.reading(&store)?;
    let list = store.review_cases(!all)?;
    if ctx.json {
        json(&json!({ "cases": list }));
        return Ok(());
    }
    let h = |id: &str| tr0(ctx.lang, id);
    let mut t = Table::new(vec![
        h("cli-sync-col-id"),
        h("cli-sync-col-record"),
        h("cli-sync-col-key"),
        h("cli-sync-col-state"),
    ]);
    for c in list {
        t.row(vec![c.id.to_string(), c.entity.clone(), format!("{} {}", c.key, c.value), c.state]);
    }
    println!("{}", t.render());
    Ok(())
}
