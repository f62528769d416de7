//! Registry commands: `family add|show`, `person show`, `find`, `audit`.

use super::{enum_label, label};
use crate::args::{AuditArgs, AuditCommand, FamilyCommand, FindArgs, PersonCommand};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, pairs, Table};
use otau_core::model::FamilyInput;
use otau_core::FieldError;
use otau_i18n::Lang;
use otau_store::access::AccessKind;
use otau_store::{Duplicates, PersonView};
use serde_json::json;

/// `otau family add|show`
pub fn family(ctx: &mut Ctx, cmd: FamilyCommand) -> Result<(), CliError> {
    match cmd {
        FamilyCommand::Add { file, allow_duplicate } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                CliError::with(
                    "cli-file-unreadable",
                    &[("path", file.display().to_string()), ("detail", e.to_string())],
                )
            })?;
            let input: FamilyInput = serde_json::from_str(&text).map_err(|e| {
                CliError::Fields(vec![FieldError::bare("file", "cli-file-invalid")
                    .with_arg("path", file.display())
                    .with_arg("line", e.line())
                    .with_arg("column", e.column())
                    .with_arg("detail", e)])
            })?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let policy = if allow_duplicate { Duplicates::Allow } else { Duplicates::Refuse };
            let registered = store.register_family(&acting, &input, policy)?;
            if ctx.json {
                json(&registered);
            } else {
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-family-registered",
                        &[("regno", registered.family_regno.clone())]
                    )
                );
                let mut t = Table::new(vec![
                    msg(ctx.lang, "cli-col-regno", &[]),
                    msg(ctx.lang, "cli-col-name", &[]),
                    label(ctx.lang, "relation"),
                ]);
                for m in &registered.members {
                    t.row(vec![
                        m.regno.clone(),
                        m.name.clone(),
                        enum_label(ctx.lang, "relation", &m.relation),
                    ]);
                }
                println!("{}", t.render());
            }
        }
        FamilyCommand::Show { regno } => {
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let view = store.family(&regno)?;
            if ctx.json {
                json(&view);
            } else {
                let f = &view.family;
                let region = otau_core::regions::region(&f.region)
                    .map(|r| region_name(ctx.lang, r))
                    .unwrap_or_else(|| f.region.clone());
                pairs(&[
                    (msg(ctx.lang, "cli-family-regno", &[]), f.regno.clone()),
                    (label(ctx.lang, "arrival_date"), f.arrival_date.to_string()),
                    (
                        label(ctx.lang, "country_of_origin"),
                        country_name(ctx.lang, &f.country_of_origin),
                    ),
                    (label(ctx.lang, "region"), region),
                    (label(ctx.lang, "settlement"), f.settlement.clone()),
                    (
                        label(ctx.lang, "accommodation_category"),
                        f.accommodation_category
                            .map(|c| enum_label(ctx.lang, "category", &c))
                            .unwrap_or_default(),
                    ),
                ]);
                println!();
                let mut t = Table::new(vec![
                    msg(ctx.lang, "cli-col-regno", &[]),
                    msg(ctx.lang, "cli-col-name", &[]),
                    label(ctx.lang, "relation"),
                    label(ctx.lang, "birth_date"),
                    label(ctx.lang, "iin"),
                ]);
                for m in &view.members {
                    let p = &m.person;
                    t.row(vec![
                        p.regno.clone(),
                        p.full_name(),
                        enum_label(ctx.lang, "relation", &p.relation),
                        p.birth_date.to_string(),
                        p.iin.clone().unwrap_or_else(|| "—".into()),
                    ]);
                }
                println!("{}", t.render());
            }
        }
    }
    Ok(())
}

/// `otau person show`
pub fn person(ctx: &mut Ctx, cmd: PersonCommand) -> Result<(), CliError> {
    let regno = match cmd {
        PersonCommand::Show { regno } => regno,
        PersonCommand::Edit(args) => return edit_person(ctx, *args),
        PersonCommand::Views { regno, limit } => return views(ctx, &regno, limit),
        PersonCommand::Consent(args) => return super::consent::record(ctx, *args),
        PersonCommand::WithdrawConsent { regno, on, method, note } => {
            return super::consent::withdraw(ctx, &regno, &on, &method, note)
        }
        PersonCommand::AttachScan { regno, file, document } => {
            return super::consent::attach_scan(ctx, &regno, &file, document.as_deref())
        }
        PersonCommand::Export { regno, out, force } => {
            return super::consent::export(ctx, &regno, out, force)
        }
    };
    let store = ctx.open()?;
    let reader = ctx.reading(&store)?;
    let view = store.person(&regno)?;
    store.log_access(&reader, view.person.id, AccessKind::Card, None)?;
    let today = ctx.now().1;
    if ctx.json {
        json(&view);
    } else {
        print_person(ctx.lang, &view, today);
    }
    Ok(())
}

fn print_person(lang: Lang, view: &PersonView, today: chrono::NaiveDate) {
    let p = &view.person;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut items = vec![
        (msg(lang, "cli-col-regno", &[]), p.regno.clone()),
        (msg(lang, "cli-family-regno", &[]), view.family_regno.clone()),
        (label(lang, "surname"), p.surname.clone()),
        (label(lang, "given_name"), p.given_name.clone()),
        (label(lang, "patronymic"), opt(&p.patronymic)),
        (msg(lang, "cli-name-latin", &[]), p.full_name_latin().unwrap_or_else(|| "—".into())),
        (label(lang, "birth_date"), p.birth_date.to_string()),
        (label(lang, "sex"), enum_label(lang, "sex", &p.sex)),
        (label(lang, "iin"), opt(&p.iin)),
        (label(lang, "relation"), enum_label(lang, "relation", &p.relation)),
        (
            label(lang, "education"),
            p.education.map(|e| enum_label(lang, "education", &e)).unwrap_or_else(|| "—".into()),
        ),
        (
            label(lang, "citizenship"),
            p.citizenship.as_deref().map(|c| country_name(lang, c)).unwrap_or_else(|| "—".into()),
        ),
        (label(lang, "phone"), opt(&p.phone)),
        (label(lang, "email"), opt(&p.email)),
    ];
    for d in &view.documents {
        let mut text = format!(
            "{} {} ({})",
            enum_label(lang, "document_kind", &d.kind),
            d.number,
            d.issuing_country
        );
        if let Some(until) = d.valid_until {
            text.push_str(&format!(", → {until}"));
        }
        items.push((label(lang, "document"), text));
    }
    items.extend(super::consent::lines(lang, view, today));
    pairs(&items);
}

/// `otau find`
pub fn find(ctx: &mut Ctx, args: FindArgs) -> Result<(), CliError> {
    let store = ctx.open()?;
    ctx.reading(&store)?;
    let query = args.text.join(" ");
    let hits = store.find(&query, args.limit)?;
    if ctx.json {
        json(&json!({ "query": query, "count": hits.len(), "results": hits }));
        return Ok(());
    }
    if hits.is_empty() {
        println!("{}", msg(ctx.lang, "cli-find-none", &[("query", query)]));
        return Ok(());
    }
    let mut t = Table::new(vec![
        msg(ctx.lang, "cli-col-regno", &[]),
        msg(ctx.lang, "cli-col-name", &[]),
        msg(ctx.lang, "cli-name-latin", &[]),
        label(ctx.lang, "birth_date"),
        label(ctx.lang, "iin"),
    ]);
    for h in hits {
        t.row(vec![
            h.regno,
            h.name,
            h.name_latin.unwrap_or_default(),
            h.birth_date.to_string(),
            h.iin.unwrap_or_else(|| "—".into()),
        ]);
    }
    println!("{}", t.render());
    Ok(())
}

/// `otau person views REGNO`
fn views(ctx: &mut Ctx, regno: &str, limit: u32) -> Result<(), CliError> {
    let store = ctx.open()?;
    let reader = ctx.reading(&store)?;
    let log = store.views_of(&reader, regno, limit)?;
    if ctx.json {
        json(&log);
        return Ok(());
    }
    println!(
        "{}",
        msg(
            ctx.lang,
            "cli-views-count",
            &[("shown", log.entries.len().to_string()), ("total", log.total.to_string())]
        )
    );
    let mut t = Table::new(vec![
        msg(ctx.lang, "cli-col-when", &[]),
        msg(ctx.lang, "cli-col-who", &[]),
        msg(ctx.lang, "cli-col-what", &[]),
        msg(ctx.lang, "cli-col-document", &[]),
    ]);
    for e in log.entries {
        t.row(vec![
            e.at.replace('T', " ").chars().take(19).collect(),
            e.login,
            msg(ctx.lang, &format!("access-kind-{}", e.kind.as_str()), &[]),
            e.detail.unwrap_or_default(),
        ]);
    }
    println!("{}", t.render());
    Ok(())
}

/// `otau audit REGNO`, or `otau audit verify`
pub fn audit(ctx: &mut Ctx, args: AuditArgs) -> Result<(), CliError> {
    let regno = match (args.command, args.regno) {
        (Some(AuditCommand::Verify), _) | (None, None) => return super::admin::verify_audit(ctx),
        (None, Some(regno)) => regno,
    };
    let store = ctx.open()?;
    ctx.reading(&store)?;
    let entries = store.audit_for(&regno)?;
    if ctx.json {
        json(&json!({ "regno": regno.trim().to_uppercase(), "entries": entries }));
        return Ok(());
    }
    let mut t = Table::new(vec![
        msg(ctx.lang, "cli-col-when", &[]),
        msg(ctx.lang, "cli-col-who", &[]),
        msg(ctx.lang, "cli-col-action", &[]),
        msg(ctx.lang, "cli-col-what", &[]),
        msg(ctx.lang, "cli-col-changes", &[]),
    ]);
    for e in entries {
        let changes = match &e.before {
            None => msg(ctx.lang, "cli-audit-created", &[]),
            Some(before) => changed_fields(before, &e.after),
        };
        t.row(vec![
            e.at.replace('T', " ").chars().take(19).collect(),
            e.user_login,
            e.action,
            e.entity,
            changes,
        ]);
    }
    println!("{}", t.render());
    Ok(())
}

fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> String {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return String::new();
    };
    a.iter()
        .filter(|(k, v)| k.as_str() != "version" && b.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k}: {} → {}", b.get(k).map(short).unwrap_or_default(), short(v)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn short(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        other => other.to_string(),
    }
}

/// A region's name in the language.
pub fn region_name(lang: Lang, r: &otau_core::regions::Region) -> String {
    match lang {
        Lang::Kk => r.name_kk,
        Lang::Ru => r.name_ru,
        Lang::En => r.name_en,
    }
    .to_string()
}

/// A country's name in the language, or its code.
pub fn country_name(lang: Lang, code: &str) -> String {
    match otau_core::regions::country(code) {
        Some(c) => match lang {
            Lang::Kk => c.name_kk,
            Lang::Ru => c.name_ru,
            Lang::En => c.name_en,
        }
        .to_string(),
        None => code.to_string(),
    }
}

/// `otau person edit`: the fields given replace the stored ones; the rest stays.
fn edit_person(ctx: &mut Ctx, args: crate::args::PersonEditArgs) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let view = store.person(&args.regno)?;
    let mut input = view.as_input();
    let optional = |v: String| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    if let Some(v) = args.surname {
        input.surname = v;
    }
    if let Some(v) = args.given_name {
        input.given_name = v;
    }
    if let Some(v) = args.patronymic {
        input.patronymic = optional(v);
    }
    if let Some(v) = args.surname_latin {
        input.surname_latin = optional(v);
    }
    if let Some(v) = args.given_name_latin {
        input.given_name_latin = optional(v);
    }
    if let Some(v) = args.iin {
        input.iin = optional(v);
    }
    if let Some(v) = args.phone {
        input.phone = optional(v);
    }
    if let Some(v) = args.email {
        input.email = optional(v);
    }
    let after =
        store.edit_person(&acting, &args.regno, &input, view.person.version, &args.reason)?;
    if ctx.json {
        json(&after);
    } else {
        print_person(ctx.lang, &after, acting.today);
    }
    Ok(())
}
