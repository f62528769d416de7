//! Case-work commands: `status record|extend|end|show|due|rules`, `quota set|include|show`,
//! `plan add|update|show|stay`, `service record|summary`. Each is a thin call into the store.

use super::{enum_label, label};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, pairs, Table};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use otau_core::casework::plan::{parse_value, PlanArea, PlanItemState, ServiceKind};
use otau_core::casework::quota::{QuotaLine, QuotaRow, NATIONAL};
use otau_core::casework::status::{
    parse_days, Decision, EndReason, Recommendation, StatusRules, StatusState,
};
use otau_core::FieldError;
use otau_i18n::Lang;
use otau_store::casework::plan::{NewPlanItem, NewService, PlanItemChange, PlanView, ServiceView};
use otau_store::casework::status::{Scope, StatusDue, StatusStages, StatusView, DEFAULT_DUE_DAYS};
use serde_json::json;

/// `otau status …`
#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    /// Record stages of a person's kandas status (application, recommendation, decision).
    Record(StatusRecordArgs),
    /// Extend a granted status, once.
    Extend {
        /// Registration number of the person.
        regno: String,
        /// Day of the decision to extend (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// Length in months (default: the reference length, see `otau status rules`).
        #[arg(long)]
        months: Option<u32>,
        /// Every member of the person's family who has a status.
        #[arg(long)]
        family: bool,
    },
    /// End a status (on citizenship or for another reason).
    End {
        /// Registration number of the person.
        regno: String,
        /// The first day without the status (YYYY-MM-DD).
        #[arg(long)]
        on: String,
        /// citizenship, left_country, death or other.
        #[arg(long, default_value = "citizenship")]
        reason: String,
        /// A note (the decree's number, …).
        #[arg(long)]
        note: Option<String>,
        /// Every member of the person's family who has a status.
        #[arg(long)]
        family: bool,
    },
    /// A person's status on a date.
    Show {
        /// Registration number of the person.
        regno: String,
        /// The date (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Statuses in force that end soon.
    Due {
        /// How far ahead: 30d, 30, 2w, 1m.
        #[arg(long, default_value = "30d")]
        within: String,
    },
    /// The rules of statuses: show them, or set the extension's length (administrators).
    Rules {
        /// New length of the extension in months (sources say 3 or 6).
        #[arg(long)]
        extension_months: Option<u32>,
        /// Where the new value comes from.
        #[arg(long)]
        note: Option<String>,
    },
}

/// `otau status record`
#[derive(Debug, Args)]
pub struct StatusRecordArgs {
    /// Registration number of the person.
    pub regno: String,
    /// Day of the application (YYYY-MM-DD).
    #[arg(long)]
    pub applied: Option<String>,
    /// Day of the commission's recommendation.
    #[arg(long, requires = "recommendation")]
    pub recommended: Option<String>,
    /// What the commission recommended: yes (recommended) or no (not_recommended).
    #[arg(long, requires = "recommended")]
    pub recommendation: Option<String>,
    /// Day the status was granted.
    #[arg(long, conflicts_with = "refused")]
    pub granted: Option<String>,
    /// Day the status was refused (give --refusal-reason).
    #[arg(long)]
    pub refused: Option<String>,
    /// Why it was refused.
    #[arg(long)]
    pub refusal_reason: Option<String>,
    /// Record the same for every member of the person's family (children follow the applicant).
    #[arg(long)]
    pub family: bool,
    /// Correct a stage recorded with another value; the reason goes into the audit.
    #[arg(long)]
    pub correction: Option<String>,
}

/// `otau quota …`
#[derive(Debug, Subcommand)]
pub enum QuotaCommand {
    /// Set a region's quota for a year from a date (administrators).
    Set {
        /// Region code (KZ-55), or KZ for the national total.
        #[arg(long)]
        region: String,
        /// The quota's year.
        #[arg(long)]
        year: i32,
        /// Number of people.
        #[arg(long)]
        people: i64,
        /// In force from (YYYY-MM-DD; default 1 January of the year).
        #[arg(long)]
        from: Option<String>,
        /// The order or source.
        #[arg(long)]
        note: Option<String>,
    },
    /// Include a person's family in its region's quota.
    Include {
        /// Registration number of any member.
        regno: String,
        /// Day of the decision (YYYY-MM-DD).
        #[arg(long)]
        on: String,
        /// People included (default: every member).
        #[arg(long)]
        people: Option<i64>,
        /// A note (the decision's number).
        #[arg(long)]
        note: Option<String>,
    },
    /// The quota per region for a year: quota, used, remaining.
    Show {
        /// The year (default: this year).
        #[arg(long)]
        year: Option<i32>,
        /// Also list the families included in this region.
        #[arg(long)]
        region: Option<String>,
    },
}

/// `otau plan …`
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Add an item to a family's adaptation and integration plan.
    Add {
        /// Registration number of any member.
        regno: String,
        /// Area: arrival_transport, family_composition, financial_help, employment_training,
        /// housing, language_courses, legal, medical, social, educational.
        #[arg(long)]
        area: String,
        /// What is to be done.
        #[arg(long)]
        description: String,
        /// Login of the user responsible (default: you).
        #[arg(long)]
        responsible: Option<String>,
        /// Due date (YYYY-MM-DD).
        #[arg(long)]
        due: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// Change an item of a family's plan.
    Update {
        /// Registration number of any member.
        regno: String,
        /// The item's number in the plan.
        number: i64,
        /// New state: planned, in_progress, done, cancelled.
        #[arg(long)]
        state: Option<String>,
        /// New due date.
        #[arg(long)]
        due: Option<String>,
        /// New responsible user (login).
        #[arg(long)]
        responsible: Option<String>,
        /// New area.
        #[arg(long)]
        area: Option<String>,
        /// New description.
        #[arg(long)]
        description: Option<String>,
        /// Day it was done (default today, with --state done).
        #[arg(long)]
        done_on: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// A family's plan, stay and services.
    Show {
        /// Registration number of any member.
        regno: String,
        /// The date for overdue items and days left (default today).
        #[arg(long)]
        on: Option<String>,
    },
    /// The family's stay at the centre: start, planned end, the day it left.
    Stay {
        /// Registration number of any member.
        regno: String,
        /// First day at the centre (default: the registration date).
        #[arg(long)]
        start: Option<String>,
        /// Planned last day (default: start + the stay length, 6 months).
        #[arg(long)]
        planned_end: Option<String>,
        /// The day the family left.
        #[arg(long)]
        left: Option<String>,
    },
}

/// `otau service …`
#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Record a service given to a family (or one member).
    Record {
        /// Registration number of any member of the family.
        regno: String,
        /// Kind of service (see `otau service kinds`).
        #[arg(long)]
        kind: String,
        /// The day it was given (YYYY-MM-DD; default today).
        #[arg(long)]
        on: Option<String>,
        /// The member served (registration number).
        #[arg(long)]
        person: Option<String>,
        /// Login of who gave it (default: you).
        #[arg(long)]
        by: Option<String>,
        /// The plan item it serves (its number).
        #[arg(long)]
        item: Option<i64>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// Services given in a month, by kind.
    Summary {
        /// The month, YYYY-MM (default: this month).
        #[arg(long)]
        month: Option<String>,
    },
    /// The kinds of service.
    Kinds,
}

fn date(field: &str, value: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::Fields(vec![
            FieldError::bare(field, "cli-bad-date").with_arg("value", value.trim())
        ])
    })
}

fn opt_date(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>, CliError> {
    value.as_deref().map(|v| date(field, v)).transpose()
}

fn value<T: serde::de::DeserializeOwned + serde::Serialize>(
    field: &str,
    v: &str,
    all: &[T],
) -> Result<T, CliError> {
    parse_value(field, v, all).map_err(|e| CliError::Fields(vec![e]))
}

fn scope(family: bool) -> Scope {
    if family {
        Scope::Family
    } else {
        Scope::Person
    }
}

/// The state of a status in words: "Granted, until 2026-03-10 (105 days left)".
fn state_text(lang: Lang, state: &StatusState, days_left: Option<i64>) -> String {
    let name = msg(lang, &format!("status_state-{}", state.name()), &[]);
    let detail = match state {
        StatusState::NoStatus => String::new(),
        StatusState::Applied { since } => since.to_string(),
        StatusState::Recommended { since, recommendation } => {
            format!("{since}, {}", enum_label(lang, "recommendation", recommendation))
        }
        StatusState::Refused { on, reason } => format!("{on}: {reason}"),
        StatusState::Granted { from, until } | StatusState::Extended { from, until } => msg(
            lang,
            "cli-status-term",
            &[
                ("from", from.to_string()),
                ("until", until.to_string()),
                ("days", days_left.unwrap_or(0).to_string()),
            ],
        ),
        StatusState::Expired { on } | StatusState::EndedByCitizenship { on } => {
            msg(lang, "cli-status-since", &[("on", on.to_string())])
        }
        StatusState::Ended { on, reason } => format!(
            "{}, {}",
            msg(lang, "cli-status-since", &[("on", on.to_string())]),
            enum_label(lang, "end_reason", reason)
        ),
    };
    if detail.is_empty() {
        name
    } else {
        format!("{name} — {detail}")
    }
}

fn print_status(lang: Lang, v: &StatusView) {
    pairs(&[
        (msg(lang, "cli-col-regno", &[]), v.regno.clone()),
        (msg(lang, "cli-col-name", &[]), v.name.clone()),
        (msg(lang, "cli-family-regno", &[]), v.family_regno.clone()),
        (msg(lang, "cli-status-on", &[]), v.on.to_string()),
        (msg(lang, "cli-status-state", &[]), state_text(lang, &v.state, v.days_left)),
    ]);
    if v.history.is_empty() {
        return;
    }
    println!();
    let mut t = Table::new(vec![
        label(lang, "applied_on"),
        label(lang, "recommendation"),
        label(lang, "decision"),
        label(lang, "valid_until"),
        label(lang, "extended_on"),
        label(lang, "ended_on"),
    ]);
    let dash = || "—".to_string();
    for r in &v.history {
        t.row(vec![
            r.applied_on.to_string(),
            match (r.recommended_on, r.recommendation) {
                (Some(on), Some(rec)) => {
                    format!("{on} {}", enum_label(lang, "recommendation", &rec))
                }
                _ => dash(),
            },
            match (r.decided_on, r.decision) {
                (Some(on), Some(d)) => format!("{on} {}", enum_label(lang, "decision", &d)),
                _ => dash(),
            },
            r.valid_until.map(|d| d.to_string()).unwrap_or_else(dash),
            match (r.extended_on, r.extension_months) {
                (Some(on), Some(m)) => msg(
                    lang,
                    "cli-status-extension",
                    &[("on", on.to_string()), ("months", m.to_string())],
                ),
                _ => dash(),
            },
            match (r.ended_on, r.end_reason) {
                (Some(on), Some(reason)) => {
                    format!("{on} {}", enum_label(lang, "end_reason", &reason))
                }
                _ => dash(),
            },
        ]);
    }
    println!("{}", t.render());
}

fn print_statuses(ctx: &Ctx, views: &[StatusView]) {
    if ctx.json {
        json(&json!({ "statuses": views }));
        return;
    }
    let mut t = Table::new(vec![
        msg(ctx.lang, "cli-col-regno", &[]),
        msg(ctx.lang, "cli-col-name", &[]),
        msg(ctx.lang, "cli-status-state", &[]),
    ]);
    for v in views {
        t.row(vec![v.regno.clone(), v.name.clone(), state_text(ctx.lang, &v.state, v.days_left)]);
    }
    println!("{}", t.render());
}

/// `otau status …`
pub fn status(ctx: &mut Ctx, cmd: StatusCommand) -> Result<(), CliError> {
    match cmd {
        StatusCommand::Record(a) => {
            let recommendation = match a.recommendation.as_deref().map(str::trim) {
                None => None,
                Some("yes" | "иә" | "да") => Some(Recommendation::Recommended),
                Some("no" | "жоқ" | "нет") => Some(Recommendation::NotRecommended),
                Some(other) => Some(value(
                    "recommendation",
                    other,
                    &[Recommendation::Recommended, Recommendation::NotRecommended],
                )?),
            };
            let (decided_on, decision) = match (&a.granted, &a.refused) {
                (Some(g), _) => (Some(date("decided_on", g)?), Some(Decision::Granted)),
                (None, Some(r)) => (Some(date("decided_on", r)?), Some(Decision::Refused)),
                (None, None) => (None, None),
            };
            let stages = StatusStages {
                applied_on: opt_date("applied_on", &a.applied)?,
                recommended_on: opt_date("recommended_on", &a.recommended)?,
                recommendation,
                decided_on,
                decision,
                refusal_reason: a.refusal_reason.clone(),
            };
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let views = store.record_status(
                &acting,
                &a.regno,
                &stages,
                scope(a.family),
                a.correction.as_deref(),
            )?;
            print_statuses(ctx, &views);
        }
        StatusCommand::Extend { regno, on, months, family } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let on = opt_date("extended_on", &on)?.unwrap_or(acting.today);
            let views = store.extend_status(&acting, &regno, on, months, scope(family))?;
            print_statuses(ctx, &views);
        }
        StatusCommand::End { regno, on, reason, note, family } => {
            let on = date("ended_on", &on)?;
            let reason = value(
                "end_reason",
                &reason,
                &[
                    EndReason::Citizenship,
                    EndReason::LeftCountry,
                    EndReason::Death,
                    EndReason::Other,
                ],
            )?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let views =
                store.end_status(&acting, &regno, on, reason, note.as_deref(), scope(family))?;
            print_statuses(ctx, &views);
        }
        StatusCommand::Show { regno, on } => {
            let (_, today) = ctx.now();
            let on = opt_date("on", &on)?.unwrap_or(today);
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let view = store.status(&regno, on)?;
            if ctx.json {
                json(&view);
            } else {
                print_status(ctx.lang, &view);
            }
        }
        StatusCommand::Due { within } => {
            let days = parse_days(&within).ok_or_else(|| {
                CliError::Fields(vec![
                    FieldError::bare("within", "cli-bad-days").with_arg("value", within.trim())
                ])
            })?;
            let (_, today) = ctx.now();
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let due = store.statuses_due(today, days)?;
            print_due(ctx, today, days, &due);
        }
        StatusCommand::Rules { extension_months, note } => {
            let mut store = ctx.open()?;
            let rules = match extension_months {
                Some(months) => {
                    let acting = ctx.acting(&store)?;
                    store.set_status_rules(
                        &acting,
                        StatusRules { extension_months: months },
                        note,
                    )?
                }
                None => store.status_rules()?,
            };
            if ctx.json {
                json(&json!({
                    "term_months": otau_core::casework::status::TERM_MONTHS,
                    "extension_months": rules.extension_months,
                    "stay_months": store.stay_months()?,
                    "due_days": DEFAULT_DUE_DAYS,
                }));
            } else {
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-status-rules",
                        &[("months", rules.extension_months.to_string())]
                    )
                );
            }
        }
    }
    Ok(())
}

fn print_due(ctx: &Ctx, today: NaiveDate, days: i64, due: &[StatusDue]) {
    if ctx.json {
        json(&json!({ "today": today, "within_days": days, "count": due.len(), "statuses": due }));
        return;
    }
    if due.is_empty() {
        println!("{}", msg(ctx.lang, "cli-status-due-none", &[("days", days.to_string())]));
        return;
    }
    println!(
        "{}",
        msg(
            ctx.lang,
            "cli-status-due",
            &[("count", due.len().to_string()), ("days", days.to_string())]
        )
    );
    let mut t = Table::new(vec![
        msg(ctx.lang, "cli-col-regno", &[]),
        msg(ctx.lang, "cli-col-name", &[]),
        msg(ctx.lang, "cli-status-state", &[]),
        label(ctx.lang, "valid_until"),
        msg(ctx.lang, "cli-col-days-left", &[]),
    ]);
    for s in due {
        let mut state = msg(ctx.lang, &format!("status_state-{}", s.state.name()), &[]);
        if s.can_extend {
            state = format!("{state} ({})", msg(ctx.lang, "cli-status-can-extend", &[]));
        }
        t.row(vec![
            s.regno.clone(),
            s.name.clone(),
            state,
            s.until.to_string(),
            s.days_left.to_string(),
        ]);
    }
    println!("{}", t.render());
}

fn quota_cell(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| "—".into())
}

fn region_label(lang: Lang, code: &str) -> String {
    if code == NATIONAL {
        return msg(lang, "cli-quota-national", &[]);
    }
    otau_core::regions::region(code)
        .map(|r| format!("{code} {}", super::registry::region_name(lang, r)))
        .unwrap_or_else(|| code.to_string())
}

fn quota_table(lang: Lang, lines: &[&QuotaLine]) -> String {
    let mut t = Table::new(vec![
        label(lang, "region"),
        msg(lang, "cli-col-quota", &[]),
        label(lang, "effective_from"),
        msg(lang, "cli-col-used", &[]),
        msg(lang, "cli-col-remaining", &[]),
    ]);
    for l in lines {
        t.row(vec![
            region_label(lang, &l.region),
            quota_cell(l.quota),
            l.effective_from.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            l.used.to_string(),
            quota_cell(l.remaining),
        ]);
    }
    t.render()
}

/// `otau quota …`
pub fn quota(ctx: &mut Ctx, cmd: QuotaCommand) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let (at, today) = ctx.now();
    store.ensure_reference_data(at)?;
    match cmd {
        QuotaCommand::Set { region, year, people, from, note } => {
            let effective_from = match from {
                Some(f) => date("effective_from", &f)?,
                None => NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| {
                    CliError::Fields(vec![
                        FieldError::bare("year", "quota-year").with_arg("year", year)
                    ])
                })?,
            };
            let acting = ctx.acting(&store)?;
            let row = QuotaRow { region, year, people, effective_from, note };
            let rec = store.set_quota(&acting, &row)?;
            if ctx.json {
                json(&json!({ "quota_row": rec }));
            } else {
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-quota-set",
                        &[
                            ("region", region_label(ctx.lang, &rec.region)),
                            ("year", rec.year.to_string()),
                            ("people", rec.people.to_string()),
                            ("from", rec.effective_from.to_string()),
                        ]
                    )
                );
            }
        }
        QuotaCommand::Include { regno, on, people, note } => {
            let on = date("decided_on", &on)?;
            let acting = ctx.acting(&store)?;
            let inc = store.include_in_quota(&acting, &regno, on, people, note.as_deref())?;
            if ctx.json {
                json(&inc);
            } else {
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-quota-included",
                        &[
                            ("regno", inc.family_regno.clone()),
                            ("people", inc.inclusion.people.to_string()),
                            ("region", region_label(ctx.lang, &inc.inclusion.region)),
                            ("year", inc.inclusion.year.to_string()),
                        ]
                    )
                );
                println!("{}", quota_table(ctx.lang, &[&inc.line]));
            }
        }
        QuotaCommand::Show { year, region } => {
            let year = year.unwrap_or(today.year());
            let summary = store.quota_summary(year, today)?;
            let region = region.map(|r| r.trim().to_uppercase());
            let inclusions = match &region {
                Some(r) => Some(store.quota_inclusions(year, Some(r))?),
                None => None,
            };
            if ctx.json {
                json(&json!({ "summary": summary, "inclusions": inclusions }));
                return Ok(());
            }
            println!(
                "{}",
                msg(
                    ctx.lang,
                    "cli-quota-title",
                    &[("year", year.to_string()), ("on", summary.on.to_string())]
                )
            );
            let mut lines: Vec<&QuotaLine> = summary.regions.iter().collect();
            if let Some(n) = &summary.national {
                lines.push(n);
            }
            println!("{}", quota_table(ctx.lang, &lines));
            if let Some(list) = inclusions {
                println!();
                let mut t = Table::new(vec![
                    msg(ctx.lang, "cli-family-regno", &[]),
                    label(ctx.lang, "decided_on"),
                    label(ctx.lang, "people"),
                    label(ctx.lang, "note"),
                ]);
                for i in list {
                    t.row(vec![
                        i.family_regno,
                        i.inclusion.decided_on.to_string(),
                        i.inclusion.people.to_string(),
                        i.inclusion.note.unwrap_or_default(),
                    ]);
                }
                println!("{}", t.render());
            }
        }
    }
    Ok(())
}

fn print_plan(lang: Lang, p: &PlanView) {
    let mut items = vec![
        (msg(lang, "cli-family-regno", &[]), p.family_regno.clone()),
        (msg(lang, "cli-plan-head", &[]), p.head_name.clone()),
    ];
    if let Some(s) = &p.stay {
        let mut text = format!("{} → {}", s.stay.started_on, s.stay.planned_end);
        match (s.stay.ended_on, s.days_left) {
            (Some(left), _) => text.push_str(&format!(
                ", {}",
                msg(lang, "cli-plan-left", &[("on", left.to_string())])
            )),
            (None, Some(days)) => text.push_str(&format!(
                ", {}",
                msg(lang, "cli-plan-stay-days", &[("days", days.to_string())])
            )),
            (None, None) => {}
        }
        items.push((msg(lang, "cli-plan-stay", &[]), text));
    }
    items.push((
        msg(lang, "cli-plan-open", &[]),
        msg(
            lang,
            "cli-plan-open-count",
            &[("open", p.open_items.to_string()), ("overdue", p.overdue_items.to_string())],
        ),
    ));
    pairs(&items);
    if !p.items.is_empty() {
        println!();
        let mut t = Table::new(vec![
            "№".to_string(),
            label(lang, "area"),
            label(lang, "description"),
            label(lang, "responsible"),
            label(lang, "due_date"),
            label(lang, "state"),
        ]);
        for i in &p.items {
            let mut state = enum_label(lang, "plan_state", &i.item.state);
            if let Some(done) = i.item.done_on {
                state = format!("{state} {done}");
            }
            if i.overdue {
                state = format!("{state} ({})", msg(lang, "cli-plan-overdue", &[]));
            }
            t.row(vec![
                i.item.number.to_string(),
                enum_label(lang, "plan_area", &i.item.area),
                i.item.description.clone(),
                i.responsible_login.clone().unwrap_or_default(),
                i.item.due_date.map(|d| d.to_string()).unwrap_or_default(),
                state,
            ]);
        }
        println!("{}", t.render());
    }
    if !p.services.is_empty() {
        println!();
        println!("{}", service_table(lang, &p.services));
    }
}

fn service_table(lang: Lang, services: &[ServiceView]) -> String {
    let mut t = Table::new(vec![
        label(lang, "given_on"),
        label(lang, "kind"),
        label(lang, "person"),
        label(lang, "given_by"),
        label(lang, "plan_item"),
    ]);
    for s in services {
        t.row(vec![
            s.service.given_on.to_string(),
            enum_label(lang, "service_kind", &s.service.kind),
            s.person_name.clone().unwrap_or_default(),
            s.given_by_login.clone(),
            s.plan_item.map(|n| n.to_string()).unwrap_or_default(),
        ]);
    }
    t.render()
}

/// `otau plan …`
pub fn plan(ctx: &mut Ctx, cmd: PlanCommand) -> Result<(), CliError> {
    let view = match cmd {
        PlanCommand::Add { regno, area, description, responsible, due, note } => {
            let area = value("area", &area, &PlanArea::ALL)?;
            let due_date = opt_date("due_date", &due)?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let new = NewPlanItem { area, description, responsible, due_date, note };
            store.add_plan_item(&acting, &regno, &new)?
        }
        PlanCommand::Update {
            regno,
            number,
            state,
            due,
            responsible,
            area,
            description,
            done_on,
            note,
        } => {
            let states = [
                PlanItemState::Planned,
                PlanItemState::InProgress,
                PlanItemState::Done,
                PlanItemState::Cancelled,
            ];
            let changes = PlanItemChange {
                area: area.as_deref().map(|a| value("area", a, &PlanArea::ALL)).transpose()?,
                description,
                responsible,
                due_date: opt_date("due_date", &due)?,
                state: state.as_deref().map(|s| value("state", s, &states)).transpose()?,
                done_on: opt_date("done_on", &done_on)?,
                note,
            };
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            store.update_plan_item(&acting, &regno, number, &changes)?
        }
        PlanCommand::Show { regno, on } => {
            let (_, today) = ctx.now();
            let on = opt_date("on", &on)?.unwrap_or(today);
            let store = ctx.open()?;
            ctx.reading(&store)?;
            store.plan(&regno, on)?
        }
        PlanCommand::Stay { regno, start, planned_end, left } => {
            let start = opt_date("started_on", &start)?;
            let planned_end = opt_date("planned_end", &planned_end)?;
            let left = opt_date("ended_on", &left)?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            store.set_stay(&acting, &regno, start, planned_end, left)?
        }
    };
    if ctx.json {
        json(&view);
    } else {
        print_plan(ctx.lang, &view);
    }
    Ok(())
}

/// `otau service …`
pub fn service(ctx: &mut Ctx, cmd: ServiceCommand) -> Result<(), CliError> {
    match cmd {
        ServiceCommand::Record { regno, kind, on, person, by, item, note } => {
            let kind = value("kind", &kind, &ServiceKind::ALL)?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let given_on = opt_date("given_on", &on)?.unwrap_or(acting.today);
            let new = NewService { kind, given_on, person, given_by: by, plan_item: item, note };
            let view = store.record_service(&acting, &regno, &new)?;
            if ctx.json {
                json(&view);
            } else {
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "cli-service-recorded",
                        &[
                            ("kind", enum_label(ctx.lang, "service_kind", &view.service.kind)),
                            ("on", view.service.given_on.to_string()),
                        ]
                    )
                );
            }
        }
        ServiceCommand::Summary { month } => {
            let (_, today) = ctx.now();
            let (year, month) = match month {
                Some(m) => otau_core::casework::parse_month(&m).ok_or_else(|| {
                    CliError::Fields(vec![
                        FieldError::bare("month", "plan-bad-month").with_arg("value", m.trim())
                    ])
                })?,
                None => (today.year(), today.month()),
            };
            let store = ctx.open()?;
            let s = store.services_month(year, month)?;
            if ctx.json {
                json(&s);
                return Ok(());
            }
            println!(
                "{}",
                msg(
                    ctx.lang,
                    "cli-service-summary",
                    &[
                        ("month", format!("{year}-{month:02}")),
                        ("total", s.counts.total.to_string()),
                        ("families", s.families_served.to_string()),
                        ("done", s.plan_items_done.to_string()),
                        ("staying", s.families_staying.to_string()),
                        ("left", s.stays_ended.to_string()),
                    ]
                )
            );
            let mut t =
                Table::new(vec![label(ctx.lang, "kind"), msg(ctx.lang, "cli-col-count", &[])]);
            for (category, n) in &s.counts.by_category {
                t.row(vec![
                    enum_label(ctx.lang, "service_category", category).to_uppercase(),
                    n.to_string(),
                ]);
                for (kind, n) in s.counts.by_kind.iter().filter(|(k, _)| k.category() == *category)
                {
                    if *n > 0 {
                        t.row(vec![
                            format!("  {}", enum_label(ctx.lang, "service_kind", kind)),
                            n.to_string(),
                        ]);
                    }
                }
            }
            println!("{}", t.render());
        }
        ServiceCommand::Kinds => {
            if ctx.json {
                let kinds: Vec<_> = ServiceKind::ALL
                    .iter()
                    .map(|k| {
                        json!({
                            "kind": k,
                            "category": k.category(),
                            "label": enum_label(ctx.lang, "service_kind", k),
                        })
                    })
                    .collect();
                json(&json!({ "kinds": kinds }));
            } else {
                let mut t =
                    Table::new(vec![label(ctx.lang, "kind"), msg(ctx.lang, "cli-col-label", &[])]);
                for k in ServiceKind::ALL {
                    let code = serde_json::to_value(k)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default();
                    t.row(vec![code, enum_label(ctx.lang, "service_kind", &k)]);
                }
                println!("{}", t.render());
            }
        }
    }
    Ok(())
}
