//! `otau centre …`: make and serve a centre, add offices, hand out enrolment codes, watch
//! devices, change reference data. Thin calls into `otau_centre::admin` and `otau_centre::server`.

use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, pairs, Table};
use clap::{Args, Subcommand};
use otau_centre::admin::Admin;
use otau_centre::server::{Running, ServeOptions};
use otau_centre::{CentreError, Location};
use otau_core::Coded;
use otau_i18n::tr0;
use serde_json::json;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Where the centre's data is.
#[derive(Debug, Clone, Args)]
pub struct At {
    /// The centre's data folder: identity, certificate and (by default) its SQLite database
    /// (default: $OTAU_CENTRE_DATA, else the platform's data folder).
    #[arg(long, env = "OTAU_CENTRE_DATA")]
    pub data: Option<PathBuf>,
    /// A PostgreSQL database instead of the SQLite file (postgres://user@host:port/db).
    #[arg(long, env = "OTAU_CENTRE_DATABASE_URL")]
    pub database_url: Option<String>,
}

impl At {
    fn location(&self) -> Location {
        let data = self.data.clone().unwrap_or_else(|| {
            dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("otau").join("centre")
        });
        Location { data, database_url: self.database_url.clone() }
    }
}

/// `otau centre …`
#[derive(Debug, Subcommand)]
pub enum CentreCommand {
    /// Make a new centre: its identity, a self-signed TLS certificate and the reference data.
    Init {
        #[command(flatten)]
        at: At,
        /// The centre's name.
        #[arg(long, default_value = "Otau centre")]
        name: String,
    },
    /// Serve devices over HTTPS until stopped (Ctrl-C).
    Serve {
        #[command(flatten)]
        at: At,
        /// Address and port to listen on (e.g. 0.0.0.0:8443).
        #[arg(long)]
        listen: String,
        /// Plain HTTP instead of HTTPS, only on a loopback address (tests).
        #[arg(long)]
        insecure_http: bool,
        /// Numbers in a block handed to a device.
        #[arg(long, default_value_t = otau_centre::DEFAULT_BLOCK_SIZE)]
        block_size: i64,
    },
    /// Offices.
    #[command(subcommand)]
    Office(OfficeCommand),
    /// Make a one-time enrolment code for a device of an office.
    Enrol {
        #[command(flatten)]
        at: At,
        /// The office's code.
        #[arg(long)]
        office: String,
        /// How long the code works.
        #[arg(long, default_value_t = 72)]
        valid_hours: i64,
        /// For a device with no line: write the centre's card to this file (the code printed
        /// then pins the card; give it apart from the card).
        #[arg(long)]
        card: Option<PathBuf>,
    },
    /// Packets for devices with no line.
    #[command(subcommand)]
    Packet(CentrePacketCommand),
    /// Enrolled devices: office, last seen, quarantined or retired.
    Devices {
        #[command(flatten)]
        at: At,
    },
    /// Likely duplicates across offices: the same IIN, identity document, or name and birth
    /// date in two offices.
    Duplicates {
        #[command(flatten)]
        at: At,
    },
    /// Monthly summaries of a region or the whole country, from every office's records.
    #[command(subcommand)]
    Report(CentreReportCommand),
    /// One family paid the same one-time subsidy in two offices: each pair of payments, the
    /// key that links the families, and what the offices decided.
    Payments {
        #[command(flatten)]
        at: At,
    },
    /// Lift a device's quarantine.
    Release {
        #[command(flatten)]
        at: At,
        /// The device's id.
        device: String,
    },
    /// Offices, events, quarantined devices and alerts.
    Status {
        #[command(flatten)]
        at: At,
    },
    /// The MCI table handed to devices.
    #[command(subcommand)]
    Mci(CentreMciCommand),
    /// Regional quotas handed to devices.
    #[command(subcommand)]
    Quota(CentreQuotaCommand),
    /// Subsidy rules handed to devices.
    #[command(subcommand)]
    Rule(CentreRuleCommand),
}

/// `otau centre packet …`
#[derive(Debug, Subcommand)]
pub enum CentrePacketCommand {
    /// Import a device's packet: its events, what it holds and asks for (and its enrolment).
    Import {
        #[command(flatten)]
        at: At,
        /// The packet file.
        file: PathBuf,
    },
    /// Write the packet for a device: what it has not received, sealed to it.
    Export {
        #[command(flatten)]
        at: At,
        /// The device's id (`otau centre devices`).
        #[arg(long)]
        device: String,
        /// The file to write (refused if it exists).
        #[arg(long)]
        out: PathBuf,
    },
}

/// `otau centre office …`
#[derive(Debug, Subcommand)]
pub enum OfficeCommand {
    /// Add an office.
    Add {
        #[command(flatten)]
        at: At,
        /// Code, unique in the country (PVL01).
        #[arg(long)]
        code: String,
        /// Name.
        #[arg(long)]
        name: String,
        /// Region (ISO 3166-2, e.g. KZ-55).
        #[arg(long)]
        region: String,
    },
}

/// `otau centre mci …`
#[derive(Debug, Subcommand)]
pub enum CentreMciCommand {
    /// Add an MCI row.
    Add {
        #[command(flatten)]
        at: At,
        /// In force from (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// One MCI in tenge.
        #[arg(long)]
        tenge: i64,
        /// social_payments or fines_and_other.
        #[arg(long, default_value = "social_payments")]
        purpose: String,
        /// Source or remark.
        #[arg(long)]
        note: Option<String>,
    },
}

/// `otau centre quota …`
#[derive(Debug, Subcommand)]
pub enum CentreQuotaCommand {
    /// Set a region's quota for a year from a date.
    Set {
        #[command(flatten)]
        at: At,
        /// Region (KZ-55, or KZ for the national total).
        #[arg(long)]
        region: String,
        /// Year.
        #[arg(long)]
        year: i32,
        /// Number of people.
        #[arg(long)]
        people: i64,
        /// In force from (YYYY-MM-DD).
        #[arg(long)]
        from: String,
        /// Source or remark.
        #[arg(long)]
        note: Option<String>,
    },
}

/// `otau centre rule …`
#[derive(Debug, Subcommand)]
pub enum CentreRuleCommand {
    /// Add subsidy rule versions from a JSON file (one rule, or {"rules": [...]}).
    Add {
        #[command(flatten)]
        at: At,
        /// The file.
        #[arg(long)]
        file: PathBuf,
    },
}

/// `otau centre report …`
#[derive(Debug, Subcommand)]
pub enum CentreReportCommand {
    /// The monthly summary of a region or the whole country as PDF or XLSX (by the file's
    /// extension): every office's summary added up, as the offices' records at the centre say.
    Monthly {
        #[command(flatten)]
        at: At,
        /// Month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// A region (ISO 3166-2, e.g. KZ-55); without it, the whole country.
        #[arg(long)]
        region: Option<String>,
        /// The file to write: .pdf or .xlsx.
        #[arg(long)]
        out: PathBuf,
        /// Replace the file if one is there (a symbolic link is replaced, never followed).
        #[arg(long)]
        force: bool,
        /// Who issues it, as the paper names them (default: the centre's name).
        #[arg(long)]
        by: Option<String>,
    },
    /// Close a month at the centre for a region or the country, once every office of it has
    /// closed the month: its figures never change again.
    Close {
        #[command(flatten)]
        at: At,
        /// Month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// A region (ISO 3166-2, e.g. KZ-55); without it, the whole country.
        #[arg(long)]
        region: Option<String>,
        /// Who closes it, as the paper names them.
        #[arg(long)]
        by: String,
    },
}

/// Runs `otau centre report …`.
fn report(ctx: &mut Ctx, cmd: CentreReportCommand) -> Result<(), CliError> {
    use crate::commands::documents::{format_of, parse_month};
    use otau_api::words::OFFICE_RECORDS;
    let (_, today) = ctx.now();
    match cmd {
        CentreReportCommand::Monthly { at, month, region, out, force, by } => {
            let month = parse_month(&month)?;
            let format = format_of(&out, true)?;
            let admin = open(&at)?;
            let report =
                admin.monthly_report(month, region.as_deref(), &OFFICE_RECORDS).map_err(coded)?;
            let by = by.unwrap_or_else(|| admin.identity.name.clone());
            let doc = admin.report_document(&report.data, today, by.trim());
            let bytes = match format {
                otau_api::documents::FileFormat::Pdf => {
                    let fonts = otau_print::Fonts::shipped().map_err(print_error)?;
                    otau_print::render_pdf(&doc, fonts).map_err(print_error)?
                }
                otau_api::documents::FileFormat::Xlsx => {
                    otau_print::render_xlsx(&doc).map_err(print_error)?
                }
            };
            let written = if force {
                crate::commands::packet::replace_file(&out, &bytes)
            } else {
                crate::commands::packet::create_new_file(&out, &bytes)
            };
            written.map_err(|e| {
                let path = out.display().to_string();
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    CliError::with("cli-file-exists-force", &[("path", path)])
                } else {
                    CliError::with(
                        "cli-file-unwritable",
                        &[("path", path), ("detail", e.to_string())],
                    )
                }
            })?;
            if ctx.json {
                json(&json!({ "number": doc.number, "path": out, "report": report }));
                return Ok(());
            }
            say(
                ctx,
                "cli-centre-report-written",
                &[("number", doc.number.clone()), ("path", out.display().to_string())],
            );
            report_lines(ctx, &report);
            Ok(())
        }
        CentreReportCommand::Close { at, month, region, by } => {
            let month = parse_month(&month)?;
            let report = open(&at)?
                .close_report(month, region.as_deref(), &by, today, &OFFICE_RECORDS)
                .map_err(coded)?;
            if ctx.json {
                json(&report);
                return Ok(());
            }
            say(
                ctx,
                "cli-centre-report-closed",
                &[("month", month.to_string()), ("scope", report.data.office.code.clone())],
            );
            report_lines(ctx, &report);
            Ok(())
        }
    }
}

fn print_error(e: otau_print::PrintError) -> CliError {
    CliError::Coded { code: e.code(), args: e.args() }
}

/// The figures a person checks first, and which offices have not closed the month.
fn report_lines(ctx: &Ctx, report: &otau_centre::reports::Report) {
    let d = &report.data;
    pairs(&[
        (
            msg(ctx.lang, "doc-row-arrived", &[]),
            format!("{} / {}", d.arrivals.families, d.arrivals.persons),
        ),
        (
            msg(ctx.lang, "doc-row-registered", &[]),
            format!("{} / {}", d.registered.families, d.registered.persons),
        ),
        (tr0(ctx.lang, "cli-centre-report-offices"), d.offices.len().to_string()),
    ]);
    if !report.open.is_empty() {
        say(ctx, "cli-centre-report-provisional", &[("offices", report.open.join(", "))]);
    }
}

fn coded(e: CentreError) -> CliError {
    CliError::Coded { code: e.code(), args: e.args() }
}

fn open(at: &At) -> Result<Admin, CliError> {
    Admin::open(&at.location()).map_err(coded)
}

fn say(ctx: &Ctx, code: &str, args: &[(&str, String)]) {
    println!("{}", msg(ctx.lang, code, args));
}

/// Runs `otau centre …`.
pub fn centre(ctx: &mut Ctx, cmd: CentreCommand) -> Result<(), CliError> {
    match cmd {
        CentreCommand::Init { at, name } => {
            let (_, made) = Admin::init(&at.location(), &name).map_err(coded)?;
            if ctx.json {
                json(&made);
            } else {
                say(
                    ctx,
                    "cli-centre-made",
                    &[("name", made.name.clone()), ("data", made.data.clone())],
                );
                pairs(&[
                    (tr0(ctx.lang, "cli-centre-id"), made.centre_id.to_string()),
                    (tr0(ctx.lang, "cli-centre-cert"), made.cert_sha256.clone()),
                    (tr0(ctx.lang, "cli-centre-backend"), made.backend.to_string()),
                    (tr0(ctx.lang, "cli-centre-reference"), made.reference_items.to_string()),
                ]);
            }
            Ok(())
        }
        CentreCommand::Serve { at, listen, insecure_http, block_size } => {
            let addr: SocketAddr = listen.trim().parse().map_err(|_| {
                CliError::with("cli-centre-bad-listen", &[("value", listen.clone())])
            })?;
            if insecure_http && !addr.ip().is_loopback() {
                return Err(CliError::with(
                    "cli-centre-insecure-not-loopback",
                    &[("value", listen)],
                ));
            }
            if !(10..=1_000_000).contains(&block_size) {
                return Err(coded(CentreError::bad("block-size", "10 to 1000000")));
            }
            let running = Running::start(ServeOptions {
                location: at.location(),
                listen: addr,
                insecure_http,
                block_size,
                page_bytes: otau_centre::http::MAX_PAGE_BYTES,
            })
            .map_err(coded)?;
            let url = running.url(insecure_http);
            let cert = running.identity.cert_hex();
            if ctx.json {
                json(&json!({"listening": url, "cert_sha256": cert}));
            } else {
                say(ctx, "cli-centre-listening", &[("url", url), ("cert", cert)]);
            }
            use std::io::Write;
            let _ = std::io::stdout().flush();
            running.wait_for_signal().map_err(coded)
        }
        CentreCommand::Office(OfficeCommand::Add { at, code, name, region }) => {
            let office = open(&at)?.add_office(&code, &name, &region).map_err(coded)?;
            if ctx.json {
                json(&office);
            } else {
                say(
                    ctx,
                    "cli-centre-office-added",
                    &[("office", office.code), ("name", office.name)],
                );
            }
            Ok(())
        }
        CentreCommand::Enrol { at, office, valid_hours, card: Some(path) } => {
            let (code, expires, card) =
                open(&at)?.enrol_card(&office, valid_hours).map_err(coded)?;
            let bytes = serde_json::to_vec_pretty(&card).unwrap_or_default();
            crate::commands::packet::write_new(&path, &bytes)?;
            if ctx.json {
                json(&json!({"office": card.office.code, "code": code, "expires_at": expires,
                    "card": path.display().to_string()}));
            } else {
                println!("{code}");
                let path = path.display().to_string();
                eprintln!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-centre-card-written",
                        &[("office", card.office.code), ("path", path)]
                    )
                );
                eprintln!("{}", msg(ctx.lang, "cli-centre-code-expires", &[("expires", expires)]));
            }
            Ok(())
        }
        CentreCommand::Packet(CentrePacketCommand::Import { at, file }) => {
            let bytes = crate::commands::packet::read_file(&file)?;
            let done = open(&at)?.packet_import(&bytes).map_err(coded)?;
            if ctx.json {
                json(&done);
            } else {
                let (device, office) = (done.device_id.to_string(), done.office.clone());
                if done.enrolled {
                    say(
                        ctx,
                        "cli-centre-packet-enrolled",
                        &[("device", device.clone()), ("office", office.clone())],
                    );
                }
                say(
                    ctx,
                    "cli-centre-packet-imported",
                    &[
                        ("device", device),
                        ("office", office),
                        ("accepted", done.accepted.to_string()),
                        ("duplicates", done.duplicates.to_string()),
                    ],
                );
            }
            Ok(())
        }
        CentreCommand::Packet(CentrePacketCommand::Export { at, device, out }) => {
            let (bytes, done) = open(&at)?.packet_export(&device).map_err(coded)?;
            crate::commands::packet::write_new(&out, &bytes)?;
            if ctx.json {
                json(&done);
            } else {
                say(
                    ctx,
                    "cli-centre-packet-written",
                    &[
                        ("device", done.device_id.to_string()),
                        ("path", out.display().to_string()),
                        ("events", done.events.to_string()),
                        ("reference", done.reference.to_string()),
                        ("blocks", done.blocks.to_string()),
                    ],
                );
            }
            Ok(())
        }
        CentreCommand::Enrol { at, office, valid_hours, card: None } => {
            let (code, expires) = open(&at)?.enrol_code(&office, valid_hours).map_err(coded)?;
            if ctx.json {
                json(
                    &json!({"office": office.trim().to_ascii_uppercase(), "code": code, "expires_at": expires}),
                );
            } else {
                println!("{code}");
                eprintln!("{}", msg(ctx.lang, "cli-centre-code-expires", &[("expires", expires)]));
            }
            Ok(())
        }
        CentreCommand::Devices { at } => {
            let devices = open(&at)?.devices().map_err(coded)?;
            if ctx.json {
                json(&json!({ "devices": devices }));
                return Ok(());
            }
            let h = |id: &str| tr0(ctx.lang, id);
            let mut t = Table::new(vec![
                h("cli-centre-col-device"),
                h("cli-centre-col-office"),
                h("cli-centre-col-name"),
                h("cli-centre-col-held"),
                h("cli-centre-col-last-seen"),
                h("cli-centre-col-state"),
            ]);
            for d in devices {
                let state = match (&d.quarantine_reason, d.retired_at_seq) {
                    (Some(r), _) => {
                        msg(ctx.lang, "cli-centre-quarantined", &[("reason", r.clone())])
                    }
                    (None, Some(seq)) => {
                        msg(ctx.lang, "cli-centre-retired", &[("seq", seq.to_string())])
                    }
                    (None, None) => h("cli-centre-active"),
                };
                t.row(vec![
                    d.id.to_string(),
                    d.office,
                    d.name,
                    d.held_through.to_string(),
                    d.last_seen.unwrap_or_default(),
                    state,
                ]);
            }
            println!("{}", t.render());
            Ok(())
        }
        CentreCommand::Duplicates { at } => {
            let cases = open(&at)?.cross_cases().map_err(coded)?;
            if ctx.json {
                json(&json!({ "cases": cases }));
                return Ok(());
            }
            let h = |id: &str| tr0(ctx.lang, id);
            let mut t = Table::new(vec![
                h("cli-centre-col-key"),
                h("cli-centre-col-office"),
                h("cli-centre-col-person"),
                h("cli-centre-col-office"),
                h("cli-centre-col-person"),
                h("cli-centre-col-found"),
            ]);
            for c in cases {
                t.row(vec![c.key, c.office_a, c.person_a, c.office_b, c.person_b, c.found_at]);
            }
            println!("{}", t.render());
            Ok(())
        }
        CentreCommand::Report(cmd) => report(ctx, cmd),
        CentreCommand::Payments { at } => {
            let cases = open(&at)?.payment_cases().map_err(coded)?;
            if ctx.json {
                json(&json!({ "cases": cases }));
                return Ok(());
            }
            let h = |id: &str| tr0(ctx.lang, id);
            let mut t = Table::new(vec![
                h("field-subsidy-kind"),
                h("cli-centre-col-office"),
                h("cli-centre-col-payment"),
                h("cli-centre-col-office"),
                h("cli-centre-col-payment"),
                h("cli-centre-col-key"),
                h("cli-centre-col-found"),
                h("cli-centre-col-state"),
            ]);
            for c in cases {
                let kind = tr0(ctx.lang, &format!("subsidy_kind-{}", c.subsidy_kind));
                t.row(vec![
                    kind, c.office_a, c.entry_a, c.office_b, c.entry_b, c.key, c.found_at, c.state,
                ]);
            }
            println!("{}", t.render());
            Ok(())
        }
        CentreCommand::Release { at, device } => {
            let released = open(&at)?.release(&device).map_err(coded)?;
            if ctx.json {
                json(&json!({"device": device, "released": released}));
            } else if released {
                say(ctx, "cli-centre-released", &[("device", device)]);
            } else {
                say(ctx, "cli-centre-not-quarantined", &[("device", device)]);
            }
            Ok(())
        }
        CentreCommand::Status { at } => {
            let admin = open(&at)?;
            let status = admin.status().map_err(coded)?;
            if ctx.json {
                json(&json!({
                    "centre_id": admin.identity.id,
                    "name": admin.identity.name,
                    "backend": admin.backend(),
                    "cert_sha256": admin.identity.cert_hex(),
                    "status": status,
                }));
                return Ok(());
            }
            pairs(&[
                (tr0(ctx.lang, "cli-centre-id"), admin.identity.id.to_string()),
                (tr0(ctx.lang, "cli-centre-backend"), admin.backend().to_string()),
                (tr0(ctx.lang, "cli-centre-events"), status.events.to_string()),
                (tr0(ctx.lang, "cli-centre-reference"), status.reference_high.to_string()),
            ]);
            let h = |id: &str| tr0(ctx.lang, id);
            let mut t = Table::new(vec![
                h("cli-centre-col-office"),
                h("cli-centre-col-name"),
                h("cli-centre-col-region"),
                h("cli-centre-col-devices"),
                h("cli-centre-col-high"),
            ]);
            for o in &status.offices {
                t.row(vec![
                    o.office.code.clone(),
                    o.office.name.clone(),
                    o.office.region.clone(),
                    o.devices.to_string(),
                    o.high.to_string(),
                ]);
            }
            println!("{}", t.render());
            for d in &status.quarantined {
                let reason = d.quarantine_reason.clone().unwrap_or_default();
                println!(
                    "{} {}",
                    d.id,
                    msg(ctx.lang, "cli-centre-quarantined", &[("reason", reason)])
                );
            }
            for a in &status.alerts {
                println!("{} {} {}", a.at, a.kind, a.message);
            }
            Ok(())
        }
        CentreCommand::Mci(CentreMciCommand::Add { at, from, tenge, purpose, note }) => {
            let seq = open(&at)?.mci_add(&from, &purpose, tenge, note).map_err(coded)?;
            reference_added(ctx, seq)
        }
        CentreCommand::Quota(CentreQuotaCommand::Set { at, region, year, people, from, note }) => {
            let seq = open(&at)?.quota_set(&region, year, people, &from, note).map_err(coded)?;
            reference_added(ctx, seq)
        }
        CentreCommand::Rule(CentreRuleCommand::Add { at, file }) => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                CliError::with(
                    "cli-file-unreadable",
                    &[("path", file.display().to_string()), ("detail", e.to_string())],
                )
            })?;
            let keys = open(&at)?.rules_add(&text).map_err(coded)?;
            if ctx.json {
                json(&json!({"added": keys}));
            } else {
                for k in keys {
                    say(ctx, "cli-centre-rule-added", &[("rule", k)]);
                }
            }
            Ok(())
        }
    }
}

fn reference_added(ctx: &Ctx, seq: i64) -> Result<(), CliError> {
    if ctx.json {
        json(&json!({"ref_seq": seq}));
    } else {
        say(ctx, "cli-centre-reference-added", &[("seq", seq.to_string())]);
    }
    Ok(())
}
