//! `otau import FILE --mapping M.json [--dry-run]`: families from an office's XLSX or CSV file;
//! `--suggest-mapping` proposes the mapping file from the file's headings.

use super::label;
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, Table};
use clap::Args;
use otau_core::casework::import::{suggest_mapping, Mapping};
use otau_core::FieldError;
use otau_i18n::Lang;
use otau_print::refused::problem_text;
use otau_store::registry::import::{read_sheet, ImportReport};
use std::path::PathBuf;

/// `otau import`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The XLSX or CSV file.
    pub file: PathBuf,
    /// The mapping file (JSON: which column holds which field; see README.md).
    #[arg(long, required_unless_present = "suggest_mapping")]
    pub mapping: Option<PathBuf>,
    /// Only show what would be created and which rows would be refused; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print a mapping proposed from the file's headings, to check and save as M.json.
    #[arg(long, conflicts_with_all = ["mapping", "dry_run"])]
    pub suggest_mapping: bool,
    /// With --suggest-mapping: the row of the headings (default 1).
    #[arg(long, default_value_t = 1)]
    pub header_row: usize,
    /// With --suggest-mapping: the XLSX sheet (default the first).
    #[arg(long)]
    pub sheet: Option<String>,
}

/// `otau import`
pub fn import(ctx: &mut Ctx, args: ImportArgs) -> Result<(), CliError> {
    if args.suggest_mapping {
        let probe =
            Mapping { header_row: args.header_row, sheet: args.sheet, ..Mapping::default() };
        let sheet = read_sheet(&args.file, &probe)?;
        let mut mapping = suggest_mapping(&sheet.headers);
        mapping.header_row = probe.header_row;
        mapping.sheet = probe.sheet;
        // The proposal is itself the document, with or without --json.
        json(&mapping);
        return Ok(());
    }
    let Some(mapping_path) = args.mapping else {
        return Err(CliError::Fields(vec![FieldError::bare("mapping", "value-required")]));
    };
    let text = std::fs::read_to_string(&mapping_path).map_err(|e| {
        CliError::with(
            "cli-file-unreadable",
            &[("path", mapping_path.display().to_string()), ("detail", e.to_string())],
        )
    })?;
    let mapping = Mapping::from_json(&text).map_err(|e| CliError::Fields(vec![e]))?;
    let sheet = read_sheet(&args.file, &mapping)?;
    let mut store = ctx.open()?;
    let (_, today) = ctx.now();
    let report = if args.dry_run {
        store.import_plan(&sheet, &mapping, today)?.report
    } else {
        let acting = ctx.acting(&store)?;
        store.import(&acting, &sheet, &mapping, false)?
    };
    if ctx.json {
        json(&with_messages(ctx.lang, &report));
    } else {
        print_report(ctx.lang, &args.file, &report);
    }
    Ok(())
}

/// The report as JSON, each refused row's problems with their message in the language.
fn with_messages(lang: Lang, report: &ImportReport) -> serde_json::Value {
    let mut doc = serde_json::to_value(report).unwrap_or_default();
    if let Some(rows) = doc.get_mut("refused").and_then(|r| r.as_array_mut()) {
        for (row, refused) in rows.iter_mut().zip(&report.refused) {
            if let Some(problems) = row.get_mut("problems").and_then(|p| p.as_array_mut()) {
                for (p, problem) in problems.iter_mut().zip(&refused.problems) {
                    if let Some(obj) = p.as_object_mut() {
                        obj.insert("message".into(), problem_text(lang, problem).into());
                    }
                }
            }
        }
    }
    doc
}

fn print_report(lang: Lang, file: &std::path::Path, r: &ImportReport) {
    let refused_families: std::collections::BTreeSet<&str> =
        r.refused.iter().filter_map(|x| x.family_key.as_deref()).collect();
    println!(
        "{}",
        msg(
            lang,
            if r.dry_run { "cli-import-dry-run" } else { "cli-import-done" },
            &[
                ("file", file.display().to_string()),
                ("rows", r.rows.to_string()),
                ("families", r.families.len().to_string()),
                ("persons", r.persons.to_string()),
                ("skipped", r.already_registered.len().to_string()),
                ("refused", r.refused.len().to_string()),
                ("refused_families", refused_families.len().to_string()),
            ]
        )
    );
    println!();
    let mut t =
        Table::new(vec![msg(lang, "cli-import-field", &[]), msg(lang, "cli-import-column", &[])]);
    if let Some(key) = &r.family_key {
        t.row(vec![msg(lang, "cli-import-family-key", &[]), key.clone()]);
    }
    for c in &r.columns {
        let field = c.field.name();
        let source = match (&c.column, &c.default) {
            (Some(col), Some(d)) => format!("{col} ({} {d})", msg(lang, "cli-import-default", &[])),
            (Some(col), None) => col.clone(),
            (None, Some(d)) => format!("{} {d}", msg(lang, "cli-import-default", &[])),
            (None, None) => String::new(),
        };
        t.row(vec![
            label(
                lang,
                &field.replacen("document_", "document.", 1).replacen("consent_", "consent.", 1),
            ),
            source,
        ]);
    }
    println!("{}", t.render());
    if !r.families.is_empty() {
        println!();
        let mut t = Table::new(vec![
            msg(lang, "cli-import-rows", &[]),
            msg(lang, "cli-family-regno", &[]),
            msg(lang, "cli-plan-head", &[]),
            msg(lang, "cli-import-members", &[]),
        ]);
        for f in &r.families {
            t.row(vec![
                rows_text(&f.rows),
                f.registered.as_ref().map(|x| x.family_regno.clone()).unwrap_or_else(|| "—".into()),
                f.head.clone(),
                f.members.to_string(),
            ]);
        }
        println!("{}", t.render());
    }
    if !r.already_registered.is_empty() {
        println!();
        println!("{}", msg(lang, "cli-import-skipped", &[]));
        let mut t = Table::new(vec![
            msg(lang, "cli-import-rows", &[]),
            msg(lang, "cli-plan-head", &[]),
            msg(lang, "cli-col-regno", &[]),
        ]);
        for s in &r.already_registered {
            t.row(vec![rows_text(&s.rows), s.head.clone(), s.existing_regno.clone()]);
        }
        println!("{}", t.render());
    }
    if !r.refused.is_empty() {
        println!();
        println!("{}", msg(lang, "cli-import-refused", &[]));
        let mut t = Table::new(vec![
            msg(lang, "cli-import-row", &[]),
            msg(lang, "cli-import-column", &[]),
            msg(lang, "cli-import-reason", &[]),
        ]);
        for row in &r.refused {
            for p in &row.problems {
                t.row(vec![
                    row.row.to_string(),
                    p.column.clone().unwrap_or_default(),
                    problem_text(lang, p),
                ]);
            }
        }
        println!("{}", t.render());
    }
}

fn rows_text(rows: &[usize]) -> String {
    match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if a != b && rows.len() == b - a + 1 => format!("{a}–{b}"),
        _ => rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", "),
    }
}
