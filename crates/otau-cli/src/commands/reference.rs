//! Reference commands: `iin check`, `mci at` (and `mci add`, in [`super::rule`]).

use crate::args::{IinCommand, MciCommand};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, pairs};
use chrono::NaiveDate;
use otau_core::iin::Iin;
use otau_core::mci::MciPurpose;
use otau_core::{Coded, FieldError};
use otau_i18n::tr;
use serde_json::json;

/// `otau iin check`
pub fn iin(ctx: &mut Ctx, cmd: IinCommand) -> Result<(), CliError> {
    let IinCommand::Check { iin } = cmd;
    match Iin::parse(&iin) {
        Ok(parsed) => {
            if ctx.json {
                json(&json!({
                    "valid": true,
                    "iin": parsed.as_str(),
                    "birth_date": parsed.birth_date(),
                    "sex": parsed.sex(),
                    "century": parsed.century(),
                }));
            } else {
                println!("{}", msg(ctx.lang, "cli-iin-valid", &[("iin", parsed.to_string())]));
                pairs(&[
                    (super::label(ctx.lang, "birth_date"), parsed.birth_date().to_string()),
                    (
                        super::label(ctx.lang, "sex"),
                        super::enum_label(ctx.lang, "sex", &parsed.sex()),
                    ),
                ]);
            }
            Ok(())
        }
        Err(e) => {
            let message = tr(ctx.lang, e.code(), &e.args());
            if ctx.json {
                json(&json!({
                    "valid": false,
                    "iin": iin.trim(),
                    "error": { "code": e.code(), "args": e.args(), "message": message },
                }));
                Err(CliError::Reported)
            } else {
                Err(CliError::Fields(vec![FieldError::new("iin", &e)]))
            }
        }
    }
}

/// `otau mci at`
pub fn mci(ctx: &mut Ctx, cmd: MciCommand) -> Result<(), CliError> {
    let (date, purpose) = match cmd {
        MciCommand::At { date, purpose } => (date, purpose),
        MciCommand::Add(args) => return super::rule::mci_add(ctx, args),
    };
    let on = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::Fields(vec![
            FieldError::bare("date", "cli-bad-date").with_arg("value", date.trim())
        ])
    })?;
    let purpose: MciPurpose = serde_json::from_value(json!(purpose.trim())).map_err(|_| {
        CliError::Fields(vec![
            FieldError::bare("purpose", "cli-bad-purpose").with_arg("value", purpose.trim())
        ])
    })?;
    let store = ctx.open()?;
    let table = store.mci_table()?;
    let row = table
        .in_force(on, purpose)
        .ok_or_else(|| CliError::with("cli-mci-none", &[("date", on.to_string())]))?;
    if ctx.json {
        json(&json!({ "date": on, "purpose": purpose, "tenge": row.tenge, "row": row }));
    } else {
        println!(
            "{}",
            msg(
                ctx.lang,
                "cli-mci-at",
                &[
                    ("date", on.to_string()),
                    ("tenge", row.tenge.to_string()),
                    ("from", row.effective_from.to_string())
                ]
            )
        );
        if let Some(note) = &row.note {
            println!("{note}");
        }
    }
    Ok(())
}
