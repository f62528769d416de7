//! One module per group of commands; each command is a thin call into the libraries.

pub mod admin;
pub mod backup;
pub mod casework;
pub mod centre;
pub mod consent;
pub mod documents;
pub mod import;
pub mod ledger;
pub mod packet;
pub mod recalc;
pub mod reference;
pub mod registry;
pub mod rule;
pub mod subsidy;
pub mod subsidy_args;
pub mod sync;
pub mod vault;

use crate::args::Command;
use crate::context::Ctx;
use crate::error::CliError;
use otau_i18n::Lang;

/// Runs a command.
pub fn run(ctx: &mut Ctx, command: Command) -> Result<(), CliError> {
    match command {
        Command::Init(args) => admin::init(ctx, args),
        Command::User(cmd) => admin::user(ctx, cmd),
        Command::Demo(args) => admin::demo(ctx, args),
        Command::RebuildIndex => admin::rebuild_index(ctx),
        Command::VerifyAudit => admin::verify_audit(ctx),
        Command::Family(cmd) => registry::family(ctx, cmd),
        Command::Person(cmd) => registry::person(ctx, cmd),
        Command::Find(args) => registry::find(ctx, args),
        Command::Audit(args) => registry::audit(ctx, args),
        Command::Iin(cmd) => reference::iin(ctx, cmd),
        Command::Mci(cmd) => reference::mci(ctx, cmd),
        Command::Status(cmd) => casework::status(ctx, cmd),
        Command::Quota(cmd) => casework::quota(ctx, cmd),
        Command::Plan(cmd) => casework::plan(ctx, cmd),
        Command::Service(cmd) => casework::service(ctx, cmd),
        Command::Import(args) => import::import(ctx, args),
        Command::Doc(cmd) => documents::doc(ctx, cmd),
        Command::Report(cmd) => documents::report(ctx, cmd),
        Command::Verify(args) => documents::verify(ctx, args),
        Command::Subsidy(cmd) => subsidy::subsidy(ctx, cmd),
        Command::Ledger(cmd) => ledger::ledger(ctx, cmd),
        Command::Rule(cmd) => rule::rule(ctx, cmd),
        Command::Recalc(cmd) => recalc::recalc(ctx, cmd),
        Command::Centre(cmd) => centre::centre(ctx, cmd),
        Command::Sync(args) => sync::sync(ctx, args),
        Command::Packet(cmd) => packet::packet(ctx, cmd),
        Command::Backup(args) => backup::backup(ctx, args),
        Command::Restore(args) => backup::restore(ctx, args),
        Command::Vault(cmd) => vault::vault(ctx, cmd),
        Command::Key(cmd) => vault::key(ctx, cmd),
    }
}

/// The translated label of an enum value (`relation-head`, `sex-female`, …).
pub use otau_i18n::value_label as enum_label;

/// The translated label of a field.
pub fn label(lang: Lang, field: &str) -> String {
    crate::error::field_label(lang, field)
}
