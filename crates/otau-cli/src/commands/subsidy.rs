//! Subsidy commands: `subsidy prepare|check|show|approve|pay|reverse|move-away`, and what the
//! other subsidy commands share: reading dates, kinds and amounts, and showing decisions with
//! their explanations.

use super::enum_label;
use super::subsidy_args::{PrepareArgs, SubsidyCommand};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, pairs, Table};
use chrono::NaiveDate;
use otau_core::money::parse_tenge;
use otau_core::subsidy::{Explanation, SettlementType, SubsidyKind};
use otau_core::FieldError;
use otau_i18n::{tr, Lang};
use otau_store::{ActionDone, DecisionView, PrepareRequest};
use serde::Serialize;
use serde_json::Value;

/// A date given on the command line, or an error naming `field`.
pub fn date(field: &str, value: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::Fields(vec![
            FieldError::bare(field, "cli-bad-date").with_arg("value", value.trim())
        ])
    })
}

/// A kind of subsidy given on the command line.
pub fn kind(value: &str) -> Result<SubsidyKind, CliError> {
    SubsidyKind::parse(value).ok_or_else(|| {
        CliError::Fields(vec![FieldError::bare("subsidy.kind", "subsidy-cli-bad-kind")
            .with_arg("value", value.trim())])
    })
}

/// An explanation in the reader's language.
pub fn explain(lang: Lang, e: &Explanation) -> String {
    tr(lang, &e.code, &e.args)
}

/// The label of a kind of subsidy.
pub fn kind_label(lang: Lang, kind: SubsidyKind) -> String {
    enum_label(lang, "subsidy_kind", &kind)
}

/// A list of instalment numbers, `1, 2, 3`.
pub fn seqs(list: &[u32]) -> String {
    list.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// Prints `value` as JSON with a `text` beside every explanation (`{code, args}` of a
/// `subsidy-explain-*` message), in the reader's language.
pub fn json_with_texts<T: Serialize>(lang: Lang, value: &T) {
    fn walk(lang: Lang, v: &mut Value) {
        match v {
            Value::Object(map) => {
                let is_explanation = map
                    .get("code")
                    .and_then(Value::as_str)
                    .is_some_and(|c| c.starts_with("subsidy-explain-"))
                    && map.get("args").is_some_and(Value::is_object);
                if is_explanation {
                    if let Ok(e) = serde_json::from_value::<Explanation>(Value::Object(map.clone()))
                    {
                        map.insert("text".into(), Value::from(explain(lang, &e)));
                    }
                }
                for child in map.values_mut() {
                    walk(lang, child);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| walk(lang, i)),
            _ => {}
        }
    }
    match serde_json::to_value(value) {
        Ok(mut v) => {
            walk(lang, &mut v);
            json(&v);
        }
        Err(e) => eprintln!("{e}"),
    }
}

/// "3 692 ₸ (2024-01-01)": an MCI row as the tables show it.
pub fn mci_cell(tenge: i64, from: NaiveDate) -> String {
    format!("{} ({from})", otau_core::money::format_whole_tenge(tenge))
}

/// Prints a decision: its heading, its instalments with explanations, its total.
pub fn print_decision(lang: Lang, d: &DecisionView) {
    println!(
        "{}",
        msg(
            lang,
            "subsidy-cli-decision",
            &[
                ("number", d.number.clone()),
                ("kind", d.kind.as_str().to_string()),
                ("regno", d.family_regno.clone()),
            ]
        )
    );
    println!(
        "{}",
        msg(
            lang,
            "subsidy-cli-basis",
            &[
                ("rule", d.rule_id.clone()),
                ("version", d.rule_version.to_string()),
                ("decided_on", d.decided_on.to_string()),
                ("members", d.members.to_string()),
            ]
        )
    );
    let mut t = Table::new(vec![
        msg(lang, "subsidy-col-seq", &[]),
        msg(lang, "subsidy-col-due", &[]),
        msg(lang, "subsidy-col-mci", &[]),
        msg(lang, "subsidy-col-amount", &[]),
        msg(lang, "subsidy-col-state", &[]),
        msg(lang, "subsidy-col-explanation", &[]),
    ]);
    for i in &d.instalments {
        t.row(vec![
            i.seq.to_string(),
            i.due_date.to_string(),
            mci_cell(i.mci.tenge, i.mci.effective_from),
            i.amount_tiyn.format_tenge(),
            enum_label(lang, "instalment_state", &i.state),
            explain(lang, &i.explanation),
        ]);
    }
    println!("{}", t.render());
    println!("{}", msg(lang, "subsidy-cli-total", &[("amount", d.totals.net_tiyn.format_tenge())]));
}

/// `otau subsidy …`
pub fn subsidy(ctx: &mut Ctx, cmd: SubsidyCommand) -> Result<(), CliError> {
    match cmd {
        SubsidyCommand::Prepare(args) => prepare(ctx, args),
        SubsidyCommand::Check { family, kind: k, decided_on } => {
            let kind = kind(&k)?;
            let on = date("subsidy.decided_on", &decided_on)?;
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let report = store.eligibility(&family, kind, on)?;
            if ctx.json {
                json(&report);
            } else if report.eligible {
                let rule = report.rule.as_ref().map(|r| format!("{} ({})", r.id, r.version));
                println!(
                    "{}",
                    msg(ctx.lang, "subsidy-cli-eligible", &[("rule", rule.unwrap_or_default())])
                );
            }
            if report.eligible {
                Ok(())
            } else if ctx.json {
                Err(CliError::Reported)
            } else {
                Err(CliError::Store(otau_store::StoreError::Subsidy(
                    otau_core::subsidy::SubsidyError::NotEligible(report.refusals),
                )))
            }
        }
        SubsidyCommand::Show { number } => {
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let d = store.decision(&number)?;
            if ctx.json {
                json_with_texts(ctx.lang, &d);
            } else {
                print_decision(ctx.lang, &d);
            }
            Ok(())
        }
        SubsidyCommand::Approve { number, instalments } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let done = store.approve(&acting, &number, &instalments)?;
            report_done(ctx, "subsidy-cli-approved", &done, &[]);
            Ok(())
        }
        SubsidyCommand::Pay { number, order, paid_on, instalments } => {
            let paid_on = date("ledger.paid_on", &paid_on)?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let done = store.pay(&acting, &number, &instalments, &order, paid_on)?;
            let extra = [("order", order.trim().to_string()), ("paid_on", paid_on.to_string())];
            report_done(ctx, "subsidy-cli-paid", &done, &extra);
            Ok(())
        }
        SubsidyCommand::Reverse { number, reason, instalments } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let done = store.reverse(&acting, &number, &instalments, &reason)?;
            report_done(ctx, "subsidy-cli-reversed", &done, &[]);
            Ok(())
        }
        SubsidyCommand::MoveAway { family, on, reason } => {
            let on = date("subsidy.moved_on", &on)?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let done = store.record_move_away(&acting, &family, on, &reason)?;
            if ctx.json {
                json(&done);
                return Ok(());
            }
            println!(
                "{}",
                msg(
                    ctx.lang,
                    "subsidy-cli-moved-away",
                    &[
                        ("regno", done.family_regno.clone()),
                        ("on", on.to_string()),
                        ("cancelled", done.cancelled.len().to_string()),
                        ("cases", done.reimbursement_cases.len().to_string()),
                    ]
                )
            );
            let decisions = store.statement(&done.family_regno)?.decisions;
            for c in &done.reimbursement_cases {
                let number = decisions
                    .iter()
                    .find(|d| d.id == c.decision_id)
                    .map(|d| d.number.clone())
                    .unwrap_or_default();
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "subsidy-cli-case",
                        &[
                            ("amount", c.amount_tiyn.format_tenge()),
                            ("decision", number),
                            ("term_ends_on", c.term_ends_on.to_string()),
                        ]
                    )
                );
            }
            Ok(())
        }
    }
}

fn report_done(ctx: &Ctx, code: &str, done: &ActionDone, extra: &[(&str, String)]) {
    if ctx.json {
        json_with_texts(ctx.lang, done);
        return;
    }
    let mut args =
        vec![("number", done.decision.number.clone()), ("seqs", seqs(&done.instalments))];
    args.extend(extra.iter().cloned());
    println!("{}", msg(ctx.lang, code, &args));
    println!();
    print_decision(ctx.lang, &done.decision);
}

/// `otau subsidy prepare`
fn prepare(ctx: &mut Ctx, args: PrepareArgs) -> Result<(), CliError> {
    // Every problem with the options at once, before the database is touched.
    let mut errors = vec![];
    let kind = kind(&args.kind).map_err(|e| errors.extend(fields(e))).ok();
    let decided_on =
        date("subsidy.decided_on", &args.decided_on).map_err(|e| errors.extend(fields(e))).ok();
    let first_due_on = match &args.first_due {
        Some(s) => date("subsidy.first_due_on", s).map_err(|e| errors.extend(fields(e))).ok(),
        None => None,
    };
    let settlement_type = match &args.settlement_type {
        Some(s) => match SettlementType::parse(s) {
            Some(t) => Some(t),
            None => {
                errors.push(
                    FieldError::bare("subsidy.settlement_type", "subsidy-cli-bad-settlement")
                        .with_arg("value", s.trim()),
                );
                None
            }
        },
        None => None,
    };
    let housing_cost = match &args.housing_cost {
        Some(s) => match parse_tenge(s) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(FieldError::new("subsidy.housing_cost", &e));
                None
            }
        },
        None => None,
    };
    let (Some(kind), Some(decided_on)) = (kind, decided_on) else {
        return Err(CliError::Fields(errors));
    };
    if !errors.is_empty() {
        return Err(CliError::Fields(errors));
    }
    let req = PrepareRequest {
        family: args.family,
        kind,
        decided_on,
        first_due_on,
        settlement_type,
        housing_cost,
        months: args.months,
        note: args.note,
    };
    let mut store = ctx.open()?;
    let (_, today) = ctx.now();
    if args.dry_run {
        let preview = store.preview_decision(today, &req)?;
        if ctx.json {
            json_with_texts(ctx.lang, &preview);
        } else {
            let mut t = Table::new(vec![
                msg(ctx.lang, "subsidy-col-seq", &[]),
                msg(ctx.lang, "subsidy-col-due", &[]),
                msg(ctx.lang, "subsidy-col-mci", &[]),
                msg(ctx.lang, "subsidy-col-amount", &[]),
                msg(ctx.lang, "subsidy-col-explanation", &[]),
            ]);
            for i in &preview.decision.instalments {
                t.row(vec![
                    i.seq.to_string(),
                    i.due_date.to_string(),
                    mci_cell(i.mci.tenge, i.mci.effective_from),
                    i.amount_tiyn.format_tenge(),
                    explain(ctx.lang, &i.explanation),
                ]);
            }
            println!("{}", t.render());
            println!(
                "{}",
                msg(
                    ctx.lang,
                    "subsidy-cli-total",
                    &[("amount", preview.decision.total_tiyn.format_tenge())]
                )
            );
            print_refusals(ctx.lang, &preview.eligibility.refusals);
        }
        return Ok(());
    }
    let acting = ctx.acting(&store)?;
    let decision = store.prepare_decision(&acting, &req)?;
    if ctx.json {
        json_with_texts(ctx.lang, &decision);
    } else {
        print_decision(ctx.lang, &decision);
    }
    Ok(())
}

fn print_refusals(lang: Lang, refusals: &[FieldError]) {
    if refusals.is_empty() {
        return;
    }
    println!();
    let items: Vec<(String, String)> = refusals
        .iter()
        .map(|f| (crate::error::field_label(lang, &f.field), crate::error::field_message(lang, f)))
        .collect();
    pairs(&items);
}

/// The field errors of a command-line error (for gathering every problem at once).
fn fields(e: CliError) -> Vec<FieldError> {
    match e {
        CliError::Fields(f) => f,
        _ => vec![],
    }
}
