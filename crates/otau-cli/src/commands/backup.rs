//! `otau backup` and `otau restore`: a checked, rotated copy of the office database, and the
//! database replaced by a backup once the backup is checked.

use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::json;
use clap::Args;
use otau_i18n::Lang;
use otau_store::backup::{default_dir, BackupProgress, BackupStage, Holdings};
use serde_json::json;
use std::cell::Cell;
use std::path::PathBuf;

/// `otau backup`
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The folder to write the backup to (default: `backups/` beside the database).
    #[arg(long)]
    pub to: Option<PathBuf>,
}

/// `otau restore`
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file.
    pub file: PathBuf,
    /// Restore a backup of another office too (it replaces this office's database).
    #[arg(long)]
    pub force: bool,
}

/// A size as people read it: bytes, KB or MB (1024-based, one decimal below 10 MB).
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} B")
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB))
    } else if bytes < 10 * MB {
        let tenths = (bytes * 10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} MB", bytes.div_ceil(MB))
    }
}

/// The arguments every message about what a database holds takes.
fn holdings_args(lang: Lang, h: &Holdings) -> Vec<(&'static str, String)> {
    vec![
        ("office", h.office.clone()),
        ("families", h.families.to_string()),
        ("persons", h.persons.to_string()),
        ("documents", h.issued_documents.to_string()),
        ("events", h.events.to_string()),
        (
            "newest",
            h.newest_change
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_else(|| msg(lang, "cli-backup-no-change", &[])),
        ),
    ]
}

/// A database of fewer pages than this (64 MiB of 4 KiB pages) is copied too fast to tell how far.
const PAGES_WORTH_TELLING: u64 = 16_384;

/// Tells on standard error, for a large database, each tenth of the copy and then the check.
fn telling(lang: Lang) -> impl Fn(BackupProgress) {
    let told = Cell::new(None::<u64>);
    move |p: BackupProgress| match p.stage {
        BackupStage::Copying if p.total >= PAGES_WORTH_TELLING => {
            let tenth = 10 * p.done / p.total;
            if told.get() < Some(tenth) {
                told.set(Some(tenth));
                let percent = (10 * tenth).to_string();
                eprintln!("{}", msg(lang, "cli-backup-copying", &[("percent", percent)]));
            }
        }
        BackupStage::Checking if told.get().is_some() => {
            eprintln!("{}", msg(lang, "cli-backup-checking", &[]));
        }
        _ => {}
    }
}

/// `otau backup [--to DIR]`
pub fn backup(ctx: &mut Ctx, args: BackupArgs) -> Result<(), CliError> {
    let store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let dir = args.to.unwrap_or_else(|| default_dir(&ctx.db));
    let written = if ctx.json {
        store.back_up(&acting, &dir)?
    } else {
        store.back_up_telling(&acting, &dir, &telling(ctx.lang))?
    };
    if ctx.json {
        json(&json!({
            "path": written.file.path,
            "bytes": written.file.bytes,
            "taken_at": written.file.taken_at,
            "holdings": written.holdings,
            "removed": written.removed,
        }));
        return Ok(());
    }
    let mut args = holdings_args(ctx.lang, &written.holdings);
    args.push(("path", written.file.path.display().to_string()));
    args.push(("size", size(written.file.bytes)));
    println!("{}", msg(ctx.lang, "cli-backup-done", &args));
    if !written.removed.is_empty() {
        let count = written.removed.len().to_string();
        println!("{}", msg(ctx.lang, "cli-backup-rotated", &[("count", count)]));
    }
    Ok(())
}

/// `otau restore FILE [--force]`
pub fn restore(ctx: &mut Ctx, args: RestoreArgs) -> Result<(), CliError> {
    let (at, _) = ctx.now();
    let keys = ctx.keys_beside(&args.file)?;
    let restored =
        otau_store::restore::restore(&ctx.db, &args.file, args.force, at, keys.as_ref())?;
    if ctx.json {
        json(&json!({
            "db": ctx.db,
            "from": args.file,
            "backup": restored.backup,
            "replaced": restored.replaced,
            "saved_as": restored.saved_as.as_ref().map(|f| &f.path),
            "other_office": restored.other_office,
        }));
        return Ok(());
    }
    let lang = ctx.lang;
    println!("{}", msg(lang, "cli-restore-backup-held", &holdings_args(lang, &restored.backup)));
    if let Some(replaced) = &restored.replaced {
        println!("{}", msg(lang, "cli-restore-database-held", &holdings_args(lang, replaced)));
    }
    if restored.other_office {
        let here = restored.replaced.as_ref().map(|h| h.office.clone()).unwrap_or_default();
        let args = [("backup", restored.backup.office.clone()), ("here", here)];
        println!("{}", msg(lang, "cli-restore-other-office", &args));
    }
    let saved = restored
        .saved_as
        .as_ref()
        .map(|f| f.path.display().to_string())
        .unwrap_or_else(|| msg(lang, "cli-restore-nothing-saved", &[]));
    let done = [
        ("db", ctx.db.display().to_string()),
        ("from", args.file.display().to_string()),
        ("saved", saved),
    ];
    println!("{}", msg(lang, "cli-restore-done", &done));
    println!("{}", msg(lang, "cli-restore-sync", &[]));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(size(900), "900 B");
        assert_eq!(size(1500), "2 KB");
        assert_eq!(size(3 * 1024 * 1024 + 1), "3.1 MB");
        assert_eq!(size(25 * 1024 * 1024), "25 MB");
    }
}
