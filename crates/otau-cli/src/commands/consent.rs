//! Consent commands: `person consent`, `person withdraw-consent` and `person export`, and the
//! consent lines of `person show`.

use super::enum_label;
use crate::args::ConsentArgs;
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::json;
use otau_core::consent::{ConsentBasis, ConsentStatus};
use otau_core::dates::read_date;
use otau_core::model::{ConsentInput, ConsentMethod, ConsentPurpose, ConsentTerm};
use otau_core::FieldError;
use otau_i18n::Lang;
use otau_store::registry::consent::WithdrawalInput;
use otau_store::{PersonView, StoreError};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::path::{Path, PathBuf};

/// A date as typed on the command line, or the problem naming `field`.
fn date(field: &str, value: &str) -> Result<chrono::NaiveDate, CliError> {
    read_date(value.trim()).ok_or_else(|| {
        CliError::Fields(vec![
            FieldError::bare(field, "cli-bad-date").with_arg("value", value.trim())
        ])
    })
}

/// A choice from a list (`signed_form`, `adaptation`, …), or the problem naming `field`.
fn choice<T: DeserializeOwned>(field: &str, value: &str, choices: &str) -> Result<T, CliError> {
    serde_json::from_value(json!(value.trim())).map_err(|_| {
        CliError::Fields(vec![FieldError::bare(field, "cli-bad-choice")
            .with_arg("value", value.trim())
            .with_arg("choices", choices)])
    })
}

const METHODS: &str = "signed_form, eds, representative";
const PURPOSES: &str = "adaptation, status_and_quota, state_support, employment, other";

/// `otau person consent`
pub fn record(ctx: &mut Ctx, args: ConsentArgs) -> Result<(), CliError> {
    let given_on = date("consent.given_on", &args.on)?;
    let valid_until = args.until.as_deref().map(|u| date("consent.valid_until", u)).transpose()?;
    let consent = ConsentInput {
        given_on,
        purpose_code: choice::<ConsentPurpose>("consent.purpose_code", &args.purpose, PURPOSES)?,
        purpose: args.purpose_text.trim().to_string(),
        term: if valid_until.is_some() {
            ConsentTerm::UntilDate
        } else {
            ConsentTerm::ProgrammeEnd
        },
        valid_until,
        method: choice::<ConsentMethod>("consent.method", &args.method, METHODS)?,
    };
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let view = store.record_consent(&acting, &args.regno, &consent)?;
    shown(ctx, &view, acting.today);
    Ok(())
}

/// `otau person withdraw-consent`
pub fn withdraw(
    ctx: &mut Ctx,
    regno: &str,
    on: &str,
    method: &str,
    note: Option<String>,
) -> Result<(), CliError> {
    let input = WithdrawalInput {
        withdrawn_on: date("withdrawn_on", on)?,
        method: choice::<ConsentMethod>("method", method, METHODS)?,
        note,
    };
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let view = store.withdraw_consent(&acting, regno, &input)?;
    shown(ctx, &view, acting.today);
    Ok(())
}

/// `otau person export`: one JSON file, private to its owner, never over an existing file
/// unless `force`.
pub fn export(
    ctx: &mut Ctx,
    regno: &str,
    out: Option<PathBuf>,
    force: bool,
) -> Result<(), CliError> {
    let store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let bytes = otau_api::consent::export_bytes(&store, &acting, regno)?;
    let out = out
        .unwrap_or_else(|| PathBuf::from(otau_api::consent::export_file_name(regno, acting.today)));
    write(&out, &bytes, force)?;
    if ctx.json {
        json(&json!({ "path": out.display().to_string(), "bytes": bytes.len() }));
    } else {
        println!(
            "{}",
            crate::output::shown(&msg(
                ctx.lang,
                "cli-person-exported",
                &[("path", out.display().to_string()), ("bytes", bytes.len().to_string())],
            ))
        );
    }
    Ok(())
}

/// `otau person attach-scan`: the file read up to one byte past the limit (so a huge file is
/// refused without being read whole), checked and kept by the store.
pub fn attach_scan(
    ctx: &mut Ctx,
    regno: &str,
    file: &Path,
    document: Option<&str>,
) -> Result<(), CliError> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| {
        CliError::with(
            "cli-file-unreadable",
            &[("path", file.display().to_string()), ("detail", e.to_string())],
        )
    };
    let mut bytes = vec![];
    let limit = otau_core::scan::MAX_SCAN_BYTES as u64 + 1;
    std::fs::File::open(file)
        .and_then(|f| f.take(limit).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let view = store.person(regno)?;
    let document = match document {
        Some(id) => uuid::Uuid::parse_str(id.trim()).map_err(|_| {
            CliError::Fields(vec![
                FieldError::bare("document", "cli-scan-document-id").with_arg("value", id)
            ])
        })?,
        None => match view.documents.last() {
            Some(d) => d.id,
            None => {
                return Err(StoreError::NotFound { what: "document", key: regno.to_string() }.into())
            }
        },
    };
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
    let view = store.attach_scan(&acting, regno, document, name.as_deref(), &bytes)?;
    if ctx.json {
        json(&json!({ "person": view.person.regno, "scans": view.scans }));
    } else if let Some(scan) = view.scans.last() {
        let size = scan.width.zip(scan.height).map(|(w, h)| format!("{w}×{h}"));
        let pages = scan.pages.map(|p| format!("PDF, {p}"));
        println!(
            "{}",
            crate::output::shown(&msg(
                ctx.lang,
                "cli-scan-attached",
                &[
                    ("regno", view.person.regno.clone()),
                    ("kind", scan.kind.as_str().to_uppercase()),
                    ("size", size.or(pages).unwrap_or_default()),
                    ("id", scan.id.to_string()),
                ],
            ))
        );
    }
    Ok(())
}

fn write(out: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    let shown = out.display().to_string();
    let written = if force {
        crate::commands::packet::replace_file(out, bytes)
    } else {
        crate::commands::packet::create_new_file(out, bytes)
    };
    written.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            CliError::with("cli-file-exists-force", &[("path", shown)])
        } else {
            CliError::with("cli-file-unwritable", &[("path", shown), ("detail", e.to_string())])
        }
    })
}

fn shown(ctx: &Ctx, view: &PersonView, today: chrono::NaiveDate) {
    if ctx.json {
        json(&json!({ "person": view, "consent": view.consent_standing(today) }));
    } else {
        crate::output::pairs(&lines(ctx.lang, view, today));
    }
}

/// The consent lines of a person: where it stands, the latest consent or reason with its term
/// and method, and every withdrawal.
pub fn lines(lang: Lang, view: &PersonView, today: chrono::NaiveDate) -> Vec<(String, String)> {
    let label = |field: &str| super::label(lang, field);
    let standing = view.consent_standing(today);
    let mut status = enum_label(lang, "consent_status", &standing.status);
    if let Some(since) = standing.since {
        status.push_str(&format!(" ({since})"));
    }
    let mut items = vec![(label("consent"), status)];
    if let Some(c) = view.latest_consent() {
        match c.basis {
            ConsentBasis::Given => {
                let purpose = c
                    .purpose_code
                    .map(|p| enum_label(lang, "consent_purpose", &p))
                    .unwrap_or_default();
                let words = [purpose, c.purpose.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" — ");
                items.push((label("consent.given_on"), c.given_on.to_string()));
                items.push((label("consent.purpose"), words));
                let term = match (c.term, c.valid_until) {
                    (Some(ConsentTerm::UntilDate), Some(until)) => until.to_string(),
                    _ => enum_label(lang, "consent_term", &ConsentTerm::ProgrammeEnd),
                };
                items.push((label("consent.term"), term));
                if let Some(m) = c.method {
                    items.push((label("consent.method"), enum_label(lang, "consent_method", &m)));
                }
            }
            basis => {
                if let Some(reason) = basis.reason() {
                    let mut text = enum_label(lang, "no_consent_reason", &reason);
                    if let Some(note) = &c.reason {
                        text.push_str(&format!(": {note}"));
                    }
                    items.push((label("no_consent.reason"), text));
                }
            }
        }
    }
    for w in &view.withdrawals {
        items.push((
            msg(lang, "cli-consent-withdrawn", &[]),
            format!(
                "{} — {} — {}{}",
                w.withdrawn_on,
                enum_label(lang, "consent_method", &w.method),
                w.received_by,
                w.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default()
            ),
        ));
    }
    if !standing.status.allows_processing() || standing.status == ConsentStatus::Missing {
        items.push((String::new(), msg(lang, "cli-consent-warning", &[])));
    }
    items
}
