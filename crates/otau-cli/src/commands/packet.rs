//! `otau packet …`: a device with no line writes its packet for the centre and imports the
//! centre's. Thin calls into `otau_device::packet`.

use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::json;
use clap::Subcommand;
use std::path::{Path, PathBuf};

/// `otau packet …`
#[derive(Debug, Subcommand)]
pub enum PacketCommand {
    /// Write a packet for the centre: every event it has not acknowledged, encrypted to the
    /// centre and signed by this device (a lost stick exposes nothing).
    Export {
        /// The file to write (refused if it exists).
        #[arg(long)]
        out: PathBuf,
    },
    /// Import the centre's packet for this device: the office's events, acknowledgements,
    /// reference data and numbers.
    Import {
        /// The packet file.
        file: PathBuf,
    },
}

/// Writes `bytes` to a new file at `path` and flushes it to the disk (a stick may be pulled
/// out right after); an existing file is never replaced, a symbolic link never followed.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let shown = path.display().to_string();
    create_new_file(path, bytes).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            CliError::with("cli-file-exists", &[("path", shown.clone())])
        } else {
            CliError::with("cli-file-unwritable", &[("path", shown), ("detail", e.to_string())])
        }
    })
}

/// Creates `path` with `bytes`, private to its owner and flushed to the disk. Fails with
/// `AlreadyExists` when anything is at `path`, a symbolic link included (dangling or not):
/// nothing is ever written through one.
pub fn create_new_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    otau_store::private::write_new(path, bytes)
}

/// Writes `bytes` at `path`, replacing what is there: a new file beside it, renamed over it.
/// A symbolic link at `path` is replaced itself, never followed; a reader never sees half a
/// file.
pub fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.part", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let written = create_new_file(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        // Best effort: the temporary file is ours, and what went wrong is reported below.
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Reads a file given on the command line.
pub fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|e| {
        CliError::with(
            "cli-file-unreadable",
            &[("path", path.display().to_string()), ("detail", e.to_string())],
        )
    })
}

/// Runs `otau packet …`.
pub fn packet(ctx: &mut Ctx, cmd: PacketCommand) -> Result<(), CliError> {
    match cmd {
        PacketCommand::Export { out } => {
            let mut store = ctx.open()?;
            let (at, today) = ctx.now();
            let (bytes, written) = otau_device::packet::export(&mut store, at, today)?;
            write_new(&out, &bytes)?;
            if ctx.json {
                json(&written);
            } else {
                let path = out.display().to_string();
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-packet-written",
                        &[("path", path), ("events", written.events.to_string())]
                    )
                );
                if written.enrolment {
                    println!("{}", msg(ctx.lang, "cli-packet-with-enrolment", &[]));
                }
            }
            Ok(())
        }
        PacketCommand::Import { file } => {
            let bytes = read_file(&file)?;
            let mut store = ctx.open()?;
            let (at, _) = ctx.now();
            let lang = ctx.lang;
            let quiet = ctx.json;
            let mut progress = |done: usize, total: usize| {
                if !quiet && total >= 5_000 {
                    eprintln!(
                        "{}",
                        msg(
                            lang,
                            "cli-packet-progress",
                            &[("done", done.to_string()), ("total", total.to_string())]
                        )
                    );
                }
            };
            let report = otau_device::packet::import(&mut store, at, &bytes, &mut progress)?;
            if ctx.json {
                json(&report);
            } else {
                let n = |v: u32| v.to_string();
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-packet-imported",
                        &[
                            ("applied", n(report.applied)),
                            ("acknowledged", n(report.pushed)),
                            ("conflicts", n(report.conflicts)),
                        ]
                    )
                );
                if report.cases > 0 {
                    println!(
                        "{}",
                        msg(ctx.lang, "cli-sync-cases-opened", &[("count", n(report.cases))])
                    );
                }
            }
            Ok(())
        }
    }
}
