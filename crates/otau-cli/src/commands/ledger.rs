//! Ledger commands: `ledger statement|due|awaiting|paid|totals|rebuild` — what managers work from, each a
//! thin call into the store's views.

use super::enum_label;
use super::subsidy::{date, explain, json_with_texts, kind_label, mci_cell, print_decision};
use super::subsidy_args::LedgerCommand;
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, Table};
use otau_core::subsidy::LedgerTotals;
use otau_core::FieldError;
use otau_i18n::Lang;
use otau_store::LineItem;

/// `otau ledger …`
pub fn ledger(ctx: &mut Ctx, cmd: LedgerCommand) -> Result<(), CliError> {
    match cmd {
        LedgerCommand::Statement { regno } => {
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let s = store.statement(&regno)?;
            if ctx.json {
                json_with_texts(ctx.lang, &s);
                return Ok(());
            }
            let lang = ctx.lang;
            println!(
                "{}",
                msg(
                    lang,
                    "ledger-cli-statement",
                    &[("regno", s.family_regno.clone()), ("name", s.head_name.clone())]
                )
            );
            if let Some(d) = &s.departure {
                println!(
                    "{}",
                    msg(
                        lang,
                        "ledger-cli-departure",
                        &[("on", d.moved_on.to_string()), ("reason", d.reason.clone())]
                    )
                );
            }
            for d in &s.decisions {
                println!();
                print_decision(lang, d);
            }
            println!();
            let mut t = Table::new(vec![
                msg(lang, "subsidy-col-decision", &[]),
                msg(lang, "subsidy-col-seq", &[]),
                msg(lang, "subsidy-col-entry", &[]),
                msg(lang, "subsidy-col-amount", &[]),
                msg(lang, "subsidy-col-mci", &[]),
                msg(lang, "subsidy-col-by", &[]),
                msg(lang, "subsidy-col-order", &[]),
                msg(lang, "subsidy-col-explanation", &[]),
            ]);
            for e in &s.entries {
                let detail = match (&e.order_number, e.paid_on, &e.reason) {
                    (Some(o), Some(on), _) => format!("{o} ({on})"),
                    (_, _, Some(reason)) => crate::error::note_text(lang, reason),
                    _ => String::new(),
                };
                t.row(vec![
                    e.decision_number.clone(),
                    e.seq.to_string(),
                    enum_label(lang, "entry_kind", &e.kind),
                    e.amount_tiyn.format_tenge(),
                    mci_cell(e.mci.tenge, e.mci.effective_from),
                    e.acted_by.clone(),
                    detail,
                    explain(lang, &e.explanation),
                ]);
            }
            println!("{}", t.render());
            println!();
            print_totals(lang, &[(msg(lang, "ledger-cli-all-kinds", &[]), s.totals, None)]);
            for c in &s.reimbursement_cases {
                let number = s
                    .decisions
                    .iter()
                    .find(|d| d.id == c.decision_id)
                    .map(|d| d.number.clone())
                    .unwrap_or_default();
                println!(
                    "{}",
                    msg(
                        lang,
                        "subsidy-cli-case",
                        &[
                            ("amount", c.amount_tiyn.format_tenge()),
                            ("decision", number),
                            ("term_ends_on", c.term_ends_on.to_string()),
                        ]
                    )
                );
            }
        }
        LedgerCommand::Due { month } => {
            let (year, m) = parse_month(&month)?;
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let due = store.due_in_month(year, m)?;
            if ctx.json {
                json(&due);
                return Ok(());
            }
            println!(
                "{}",
                msg(
                    ctx.lang,
                    "ledger-cli-due",
                    &[
                        ("month", due.month.clone()),
                        ("count", due.count.to_string()),
                        ("total", due.total_tiyn.format_tenge()),
                        ("approved", due.approved_tiyn.format_tenge()),
                        ("awaiting", due.awaiting_approval_tiyn.format_tenge()),
                    ]
                )
            );
            print_lines(ctx.lang, &due.items);
        }
        LedgerCommand::Awaiting => {
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let view = store.awaiting_approval()?;
            if ctx.json {
                json(&view);
                return Ok(());
            }
            println!(
                "{}",
                msg(
                    ctx.lang,
                    "ledger-cli-awaiting",
                    &[("count", view.count.to_string()), ("total", view.total_tiyn.format_tenge())]
                )
            );
            print_lines(ctx.lang, &view.items);
        }
        LedgerCommand::Paid { from, to } => {
            let (from, to) = period(&from, &to)?;
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let view = store.paid_between(from, to)?;
            if ctx.json {
                json(&view);
                return Ok(());
            }
            let lang = ctx.lang;
            println!(
                "{}",
                msg(
                    lang,
                    "ledger-cli-paid",
                    &[
                        ("from", from.to_string()),
                        ("to", to.to_string()),
                        ("count", view.count.to_string()),
                        ("total", view.total_tiyn.format_tenge()),
                    ]
                )
            );
            let mut t = Table::new(vec![
                msg(lang, "subsidy-col-paid-on", &[]),
                msg(lang, "subsidy-col-order", &[]),
                msg(lang, "subsidy-col-decision", &[]),
                msg(lang, "subsidy-col-seq", &[]),
                msg(lang, "subsidy-col-family", &[]),
                msg(lang, "subsidy-col-kind", &[]),
                msg(lang, "subsidy-col-amount", &[]),
            ]);
            for p in &view.items {
                t.row(vec![
                    p.paid_on.to_string(),
                    p.order_number.clone(),
                    p.decision_number.clone(),
                    p.seq.to_string(),
                    p.family_regno.clone(),
                    kind_label(lang, p.kind),
                    p.amount_tiyn.format_tenge(),
                ]);
            }
            println!("{}", t.render());
        }
        LedgerCommand::Rebuild => {
            let mut store = ctx.open()?;
            let n = store.rebuild_ledger_lines()?;
            if ctx.json {
                json(&serde_json::json!({ "lines": n }));
            } else {
                println!("{}", msg(ctx.lang, "ledger-cli-rebuilt", &[("count", n.to_string())]));
            }
        }
        LedgerCommand::Totals { from, to } => {
            let (from, to) = period(&from, &to)?;
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let view = store.ledger_totals(from, to)?;
            if ctx.json {
                json(&view);
            } else {
                let lang = ctx.lang;
                println!(
                    "{}",
                    msg(
                        lang,
                        "ledger-cli-totals",
                        &[
                            ("from", from.to_string()),
                            ("to", to.to_string()),
                            ("paid", view.paid_in_period_tiyn.format_tenge()),
                        ]
                    )
                );
                let mut rows: Vec<(String, LedgerTotals, Option<String>)> = view
                    .by_kind
                    .iter()
                    .map(|k| {
                        (
                            kind_label(lang, k.kind),
                            k.totals,
                            Some(k.paid_in_period_tiyn.format_tenge()),
                        )
                    })
                    .collect();
                rows.push((
                    msg(lang, "ledger-cli-all-kinds", &[]),
                    view.all,
                    Some(view.paid_in_period_tiyn.format_tenge()),
                ));
                print_totals(lang, &rows);
                let code = if view.reconciles {
                    "ledger-cli-reconciles"
                } else {
                    "ledger-cli-not-reconciled"
                };
                println!("{}", msg(lang, code, &[]));
            }
            if !view.reconciles {
                return Err(CliError::Reported);
            }
        }
    }
    Ok(())
}

fn print_lines(lang: Lang, items: &[LineItem]) {
    let mut t = Table::new(vec![
        msg(lang, "subsidy-col-due", &[]),
        msg(lang, "subsidy-col-decision", &[]),
        msg(lang, "subsidy-col-seq", &[]),
        msg(lang, "subsidy-col-family", &[]),
        msg(lang, "subsidy-col-kind", &[]),
        msg(lang, "subsidy-col-amount", &[]),
        msg(lang, "subsidy-col-state", &[]),
        msg(lang, "subsidy-col-by", &[]),
    ]);
    for i in items {
        t.row(vec![
            i.due_date.to_string(),
            i.decision_number.clone(),
            format!("{}/{}", i.seq, i.of),
            i.family_regno.clone(),
            kind_label(lang, i.kind),
            i.amount_tiyn.format_tenge(),
            enum_label(lang, "instalment_state", &i.state),
            i.prepared_by.clone(),
        ]);
    }
    println!("{}", t.render());
}

fn print_totals(lang: Lang, rows: &[(String, LedgerTotals, Option<String>)]) {
    let mut header = vec![
        msg(lang, "subsidy-col-kind", &[]),
        msg(lang, "ledger-col-accrued", &[]),
        msg(lang, "ledger-col-reversed", &[]),
        msg(lang, "ledger-col-net", &[]),
        msg(lang, "ledger-col-awaiting", &[]),
        msg(lang, "ledger-col-approved", &[]),
        msg(lang, "ledger-col-paid", &[]),
    ];
    let with_period = rows.iter().any(|r| r.2.is_some());
    if with_period {
        header.push(msg(lang, "ledger-col-paid-in-period", &[]));
    }
    let mut t = Table::new(header);
    for (label, totals, paid) in rows {
        let mut row = vec![
            label.clone(),
            totals.accrued_tiyn.format_tenge(),
            totals.reversed_tiyn.format_tenge(),
            totals.net_tiyn.format_tenge(),
            totals.awaiting_approval_tiyn.format_tenge(),
            totals.approved_unpaid_tiyn.format_tenge(),
            totals.paid_tiyn.format_tenge(),
        ];
        if with_period {
            row.push(paid.clone().unwrap_or_default());
        }
        t.row(row);
    }
    println!("{}", t.render());
}

/// `YYYY-MM` (also `YYYY-M`), by the core's one reader.
fn parse_month(s: &str) -> Result<(i32, u32), CliError> {
    otau_core::dates::Month::parse_loose(s).map(|m| (m.year(), m.month())).map_err(|_| {
        CliError::Fields(vec![
            FieldError::bare("ledger.month", "ledger-bad-month").with_arg("value", s.trim())
        ])
    })
}

/// `--from` and `--to`, both checked at once.
fn period(from: &str, to: &str) -> Result<(chrono::NaiveDate, chrono::NaiveDate), CliError> {
    match (date("ledger.from", from), date("ledger.to", to)) {
        (Ok(f), Ok(t)) => Ok((f, t)),
        (f, t) => {
            let mut all = vec![];
            for e in [f.err(), t.err()].into_iter().flatten() {
                if let CliError::Fields(list) = e {
                    all.extend(list);
                }
            }
            Err(CliError::Fields(all))
        }
    }
}
