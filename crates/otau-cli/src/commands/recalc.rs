//! Recalculation commands: `recalc list` (unpaid instalments whose amount would change, old and
//! new) and `recalc approve` (a manager applies them).

use super::subsidy::{explain, kind_label, mci_cell};
use super::subsidy_args::RecalcCommand;
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, Table};
use otau_i18n::{tr, Lang};
use otau_store::{InstalmentRef, RecalcProposal, RecalcSelection};
use serde_json::json;

/// `otau recalc …`
pub fn recalc(ctx: &mut Ctx, cmd: RecalcCommand) -> Result<(), CliError> {
    match cmd {
        RecalcCommand::List => {
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let list = store.recalc_proposals()?;
            if ctx.json {
                super::subsidy::json_with_texts(ctx.lang, &list);
                return Ok(());
            }
            if list.proposals.is_empty() {
                println!("{}", msg(ctx.lang, "recalc-cli-none", &[]));
            } else {
                print_proposals(ctx.lang, &list.proposals);
            }
            for b in &list.blocked {
                let reason = tr(ctx.lang, &b.code, &b.args);
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "recalc-cli-blocked",
                        &[
                            ("decision", b.decision_number.clone()),
                            ("seq", b.seq.to_string()),
                            ("reason", reason)
                        ]
                    )
                );
            }
        }
        RecalcCommand::Approve { instalments, all, reason } => {
            let selection = if all {
                RecalcSelection::All
            } else {
                RecalcSelection::Only(
                    InstalmentRef::parse_all(&instalments).map_err(CliError::Fields)?,
                )
            };
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let applied = store.approve_recalc(&acting, &selection, reason.as_deref())?;
            if ctx.json {
                json(&json!({ "applied": applied.len(), "recalculations": applied }));
                return Ok(());
            }
            println!(
                "{}",
                msg(ctx.lang, "recalc-cli-applied", &[("count", applied.len().to_string())])
            );
            if !applied.is_empty() {
                print_proposals(ctx.lang, &applied);
            }
        }
    }
    Ok(())
}

fn print_proposals(lang: Lang, proposals: &[RecalcProposal]) {
    let mut t = Table::new(vec![
        msg(lang, "subsidy-col-decision", &[]),
        msg(lang, "subsidy-col-due", &[]),
        msg(lang, "subsidy-col-family", &[]),
        msg(lang, "subsidy-col-kind", &[]),
        msg(lang, "subsidy-col-old", &[]),
        msg(lang, "subsidy-col-new", &[]),
        msg(lang, "subsidy-col-difference", &[]),
        msg(lang, "subsidy-col-explanation", &[]),
    ]);
    for p in proposals {
        t.row(vec![
            format!("{}/{}", p.decision_number, p.seq),
            p.due_date.to_string(),
            p.family_regno.clone(),
            kind_label(lang, p.kind),
            format!(
                "{} · {}",
                p.old.amount_tiyn.format_tenge(),
                mci_cell(p.old.mci.tenge, p.old.mci.effective_from)
            ),
            format!(
                "{} · {}",
                p.new.amount_tiyn.format_tenge(),
                mci_cell(p.new.mci.tenge, p.new.mci.effective_from)
            ),
            p.difference_tiyn.format_tenge(),
            explain(lang, &p.new_explanation),
        ]);
    }
    println!("{}", t.render());
}
