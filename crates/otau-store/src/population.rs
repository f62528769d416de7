//! Writes a generated population ([`otau_core::population`]) into this office's database,
//! act by act, through the same operations a clerk and a manager use: registrations (a day's
//! families in one transaction), statuses, quota inclusions, subsidy decisions, approvals,
//! payments and withdrawals — each with its events and search index, as at the counter.
//!
//! # Design
//! Each act runs on its own date: the context's `today` is the act's day, its moment that day at
//! 09:00 UTC, so numbers take the year of their day and nothing is "in the future". What the
//! office's rules refuse (a quota already used up, a subsidy without a rule in force) is
//! counted by its error code, as an office would see it refused, and the rest goes on.

use crate::casework::quota::quota_table_in;
use crate::casework::status::{Scope, StatusStages};
use crate::context::Context;
use crate::error::{Result, StoreError};
use crate::registry::Duplicates;
use crate::subsidy::PrepareRequest;
use crate::users::Actor;
use crate::Store;
use chrono::{NaiveDate, TimeZone, Utc};
use otau_core::casework::quota::QuotaRow;
use otau_core::population::{Act, StatusStep, SubsidyStep};
use otau_core::Coded;
use std::collections::{BTreeMap, HashMap};

/// Who does the work: a clerk registers and prepares, a manager approves and pays (none: those
/// steps are left undone), an administrator sets missing quota rows (none: left unset).
#[derive(Debug, Clone)]
pub struct Staff {
    /// Registers families, records statuses and quota inclusions, prepares subsidies.
    pub clerk: Actor,
    /// Approves and pays.
    pub manager: Option<Actor>,
    /// Sets a region's quota for a year the reference data has none for.
    pub admin: Option<Actor>,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    /// Families registered.
    pub families: usize,
    /// Persons registered.
    pub persons: usize,
    /// Acts done, by kind (`status`, `quota`, `prepare`, `approve`, `pay`, …).
    pub done: BTreeMap<String, usize>,
    /// Acts refused by the office's rules, by error code.
    pub refused: BTreeMap<String, usize>,
    /// Acts left undone for want of a manager or an administrator.
    pub skipped: usize,
}

impl Written {
    fn done(&mut self, kind: &str) {
        *self.done.entry(kind.to_string()).or_default() += 1;
    }
}

/// The writer's memory of the families and decisions later acts name.
#[derive(Default)]
struct Names {
    families: HashMap<u64, String>,
    decisions: HashMap<(u64, u8), String>,
}

impl Store {
    /// Writes acts of a generated population in their order; `progress` is called after each
    /// registration day with what is written so far.
    pub fn write_population(
        &mut self,
        acts: impl IntoIterator<Item = Act>,
        staff: &Staff,
        mut progress: impl FnMut(&Written),
    ) -> Result<Written> {
        let mut written = Written::default();
        let mut names = Names::default();
        for act in acts {
            let on = act.on();
            if let Act::Register { families, .. } = &act {
                let ctx = context(&staff.clerk, on);
                let inputs: Vec<_> = families.iter().map(|f| f.input.clone()).collect();
                let registered = self.register_families(&ctx, &inputs, Duplicates::Allow)?;
                for (family, reg) in families.iter().zip(registered) {
                    written.families += 1;
                    written.persons += reg.members.len();
                    names.families.insert(family.key, reg.family_regno);
                }
                progress(&written);
                continue;
            }
            match self.write_step(&act, staff, &mut names, &mut written) {
                Ok(()) => {}
                Err(e) if refusal(&e) => {
                    *written.refused.entry(e.code().to_string()).or_default() += 1;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(written)
    }

    fn write_step(
        &mut self,
        act: &Act,
        staff: &Staff,
        names: &mut Names,
        written: &mut Written,
    ) -> Result<()> {
        let on = act.on();
        let family = |key: &u64| -> Result<String> {
            names.families.get(key).cloned().ok_or_else(|| StoreError::NotFound {
                what: "generated family",
                key: key.to_string(),
            })
        };
        match act {
            Act::Register { .. } => {}
            Act::SetQuota { region, year, people, .. } => {
                let Some(admin) = &staff.admin else {
                    written.skipped += 1;
                    return Ok(());
                };
                let has_row = quota_table_in(self.conn())?
                    .rows()
                    .iter()
                    .any(|r| &r.region == region && r.year == *year);
                if !has_row {
                    let row = QuotaRow {
                        region: region.clone(),
                        year: *year,
                        people: *people,
                        effective_from: on,
                        note: Some("demo population".into()),
                    };
                    self.set_quota(&context(admin, on), &row)?;
                    written.done("quota_row");
                }
            }
            Act::Status { family: key, step, .. } => {
                let regno = family(key)?;
                let ctx = context(&staff.clerk, on);
                match step {
                    StatusStep::Decide {
                        applied_on,
                        recommended_on,
                        recommendation,
                        decided_on,
                        decision,
                        refusal_reason,
                    } => {
                        let stages = StatusStages {
                            applied_on: Some(*applied_on),
                            recommended_on: Some(*recommended_on),
                            recommendation: Some(*recommendation),
                            decided_on: Some(*decided_on),
                            decision: Some(*decision),
                            refusal_reason: refusal_reason.clone(),
                        };
                        self.record_status(&ctx, &regno, &stages, Scope::Family, None)?;
                        written.done("status");
                    }
                    StatusStep::Extend => {
                        self.extend_status(&ctx, &regno, on, None, Scope::Family)?;
                        written.done("status_extension");
                    }
                    StatusStep::End { reason } => {
                        self.end_status(&ctx, &regno, on, *reason, None, Scope::Family)?;
                        written.done("status_end");
                    }
                }
            }
            Act::Quota { family: key, .. } => {
                let regno = family(key)?;
                self.include_in_quota(&context(&staff.clerk, on), &regno, on, None, None)?;
                written.done("quota_inclusion");
            }
            Act::Subsidy { family: key, decision, step, .. } => {
                let number = names.decisions.get(&(*key, *decision)).cloned();
                match (step, number) {
                    (SubsidyStep::Prepare { kind, first_due_on, settlement_type }, _) => {
                        let request = PrepareRequest {
                            family: family(key)?,
                            kind: *kind,
                            decided_on: on,
                            first_due_on: Some(*first_due_on),
                            settlement_type: *settlement_type,
                            housing_cost: None,
                            months: None,
                            note: None,
                        };
                        let view = self.prepare_decision(&context(&staff.clerk, on), &request)?;
                        names.decisions.insert((*key, *decision), view.number);
                        written.done("subsidy_decision");
                    }
                    // A decision refused when it was prepared has nothing to approve or pay.
                    (_, None) => {}
                    (SubsidyStep::Withdraw { reason }, Some(number)) => {
                        self.reverse(&context(&staff.clerk, on), &number, &[], reason)?;
                        written.done("subsidy_withdrawal");
                    }
                    (SubsidyStep::Approve, Some(number)) => {
                        let Some(manager) = &staff.manager else {
                            written.skipped += 1;
                            return Ok(());
                        };
                        self.approve(&context(manager, on), &number, &[])?;
                        written.done("subsidy_approval");
                    }
                    (SubsidyStep::Pay { order }, Some(number)) => {
                        let Some(manager) = &staff.manager else {
                            written.skipped += 1;
                            return Ok(());
                        };
                        self.pay(&context(manager, on), &number, &[], order, on)?;
                        written.done("subsidy_payment");
                    }
                }
            }
        }
        Ok(())
    }
}

/// The context of an act done on `on`: that day at 09:00 UTC.
fn context(actor: &Actor, on: NaiveDate) -> Context {
    let at = on
        .and_hms_opt(9, 0, 0)
        .map(|t| Utc.from_utc_datetime(&t))
        .unwrap_or_else(|| Utc.timestamp_opt(0, 0).single().unwrap_or_default());
    Context::new(actor, at, on)
}

/// Whether an error is the office's rules refusing the act (counted), not a failure.
fn refusal(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Invalid(_)
            | StoreError::Subsidy(_)
            | StoreError::NotFound { .. }
            | StoreError::Forbidden { .. }
    )
}
