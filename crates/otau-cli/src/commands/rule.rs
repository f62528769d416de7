//! Reference-data commands of subsidies: `rule add|list` and `mci add` (administrator), each
//! followed by the recalculations the change proposes.

use super::subsidy::{date, kind, kind_label};
use super::subsidy_args::{MciAddArgs, RuleCommand};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, Table};
use otau_core::mci::{MciPurpose, MciRow};
use otau_core::subsidy::{Basis, RuleSet, SubsidyError, SubsidyRule};
use otau_core::FieldError;
use otau_i18n::Lang;
use serde_json::json;

/// `otau rule …`
pub fn rule(ctx: &mut Ctx, cmd: RuleCommand) -> Result<(), CliError> {
    match cmd {
        RuleCommand::Add { file, shipped } => {
            let rules = match &file {
                Some(path) => Some(read_rules(path)?),
                None => None,
            };
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            match rules {
                Some(rules) => {
                    let added = store.add_rules(&acting, rules)?;
                    let recalc = store.recalc_proposals()?.proposals.len();
                    if ctx.json {
                        json(&json!({ "rules": added.rules, "recalculations": recalc }));
                        return Ok(());
                    }
                    for r in &added.rules {
                        println!(
                            "{}",
                            msg(
                                ctx.lang,
                                "rule-cli-added",
                                &[("id", r.id.clone()), ("version", r.version.to_string())]
                            )
                        );
                    }
                    recalc_hint(ctx.lang, recalc);
                }
                None if shipped => {
                    let count = store.load_shipped_rules(&acting)?;
                    if ctx.json {
                        json(&json!({ "loaded": count }));
                    } else {
                        println!(
                            "{}",
                            msg(ctx.lang, "rule-cli-loaded", &[("count", count.to_string())])
                        );
                    }
                }
                None => {
                    return Err(CliError::Fields(vec![FieldError::bare(
                        "rule.file",
                        "store-required",
                    )]))
                }
            }
        }
        RuleCommand::List { kind: k } => {
            let kind = k.as_deref().map(kind).transpose()?;
            let store = ctx.open()?;
            let list = store.rule_list(kind)?;
            if ctx.json {
                json(&json!({ "rules": list }));
                return Ok(());
            }
            let lang = ctx.lang;
            let mut t = Table::new(vec![
                msg(lang, "subsidy-col-rule", &[]),
                msg(lang, "subsidy-col-version", &[]),
                msg(lang, "subsidy-col-kind", &[]),
                msg(lang, "subsidy-col-valid", &[]),
                msg(lang, "subsidy-col-terms", &[]),
                msg(lang, "subsidy-col-decisions", &[]),
                msg(lang, "subsidy-col-current", &[]),
            ]);
            for v in &list {
                let r = &v.rule;
                let valid = format!(
                    "{} – {}",
                    r.valid_from,
                    r.valid_to.map(|d| d.to_string()).unwrap_or_default()
                );
                t.row(vec![
                    r.id.clone(),
                    r.version.to_string(),
                    kind_label(lang, r.kind),
                    valid,
                    terms(lang, r),
                    v.decisions.to_string(),
                    if v.current { "✓".into() } else { String::new() },
                ]);
            }
            println!("{}", t.render());
        }
    }
    Ok(())
}

/// The amounts of a rule in a few words: "70 MCI per family member", "50% ≤ 1 160 MCI", tiers.
fn terms(lang: Lang, r: &SubsidyRule) -> String {
    let unit = match lang {
        Lang::Kk => "АЕК",
        Lang::Ru => "МРП",
        Lang::En => "MCI",
    };
    let mut out = match (r.basis, r.amount_mci) {
        (Basis::ShareOfCost, _) => {
            let mut s = format!("{}%", r.percent.unwrap_or(0));
            if let Some(cap) = r.cap_mci {
                s.push_str(&format!(" ≤ {} {unit}", cap.format_number()));
            }
            s
        }
        (basis, Some(amount)) => {
            format!(
                "{} {unit} {}",
                amount.format_number(),
                super::enum_label(lang, "basis", &basis)
            )
        }
        (basis, None) => {
            let tiers: Vec<String> = r
                .tiers
                .iter()
                .map(|t| {
                    let place = super::enum_label(lang, "settlement_type", &t.settlement);
                    format!("{place} {}: {}", t.sizes(), t.amount_mci.format_number())
                })
                .collect();
            format!("{} {unit} {}", tiers.join("; "), super::enum_label(lang, "basis", &basis))
        }
    };
    if let Some(months) = r.months {
        out.push_str(&format!(" × {months}"));
    }
    out
}

fn read_rules(path: &std::path::Path) -> Result<Vec<SubsidyRule>, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::with(
            "cli-file-unreadable",
            &[("path", path.display().to_string()), ("detail", e.to_string())],
        )
    })?;
    // One rule or `{"rules": [...]}`, read as the desktop app reads it (`RuleSet::read_file`).
    let rules = RuleSet::read_file(&text)
        .map_err(|e| CliError::Store(otau_store::StoreError::Subsidy(SubsidyError::Rule(e))))?;
    Ok(rules)
}

fn recalc_hint(lang: Lang, count: usize) {
    if count > 0 {
        println!("{}", msg(lang, "mci-cli-recalc", &[("count", count.to_string())]));
    }
}

/// `otau mci add`
pub fn mci_add(ctx: &mut Ctx, args: MciAddArgs) -> Result<(), CliError> {
    let effective_from = date("mci.effective_from", &args.from)?;
    let purpose: MciPurpose = serde_json::from_value(json!(args.purpose.trim())).map_err(|_| {
        CliError::Fields(vec![FieldError::bare("mci.purpose", "cli-bad-purpose")
            .with_arg("value", args.purpose.trim())])
    })?;
    let row = MciRow { effective_from, purpose, tenge: args.tenge, note: args.note.clone() };
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let rec = if args.correct {
        store.correct_mci_row(&acting, row, args.reason.as_deref().unwrap_or_default())?
    } else {
        store.add_mci_row(&acting, row)?
    };
    let recalc = store.recalc_proposals()?.proposals.len();
    if ctx.json {
        json(&json!({ "row": rec, "recalculations": recalc }));
        return Ok(());
    }
    println!(
        "{}",
        msg(
            ctx.lang,
            "mci-cli-added",
            &[
                ("from", rec.effective_from.to_string()),
                ("tenge", otau_core::money::format_whole_tenge(rec.tenge))
            ]
        )
    );
    recalc_hint(ctx.lang, recalc);
    Ok(())
}
