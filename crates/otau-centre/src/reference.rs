//! Reference data as the centre hands it out: MCI rows, subsidy rules, quota rows, offices and
//! their document keys, each an item with a natural key that devices upsert by. Seeded from the
//! data shipped in `assets/reference` at `otau centre init`.

use crate::error::{CentreError, Result};
use chrono::NaiveDate;
use otau_core::casework::quota::{QuotaRow, DEFAULT_QUOTAS_JSON};
use otau_core::mci::{MciRow, DEFAULT_MCI_JSON};
use otau_core::subsidy::rules::{SubsidyRule, DEFAULT_RULES_JSON};
use serde::Deserialize;
use serde_json::Value;

/// An item to append: kind, natural key, record.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Kind.
    pub kind: &'static str,
    /// Natural key.
    pub key: String,
    /// Record.
    pub record: Value,
}

fn to_value(v: &impl serde::Serialize) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| CentreError::bad("record", e.to_string()))
}

/// An MCI row, keyed by date and purpose.
pub fn mci_item(row: &MciRow) -> Result<Item> {
    if row.tenge <= 0 {
        return Err(CentreError::bad("tenge", "must be positive"));
    }
    Ok(Item {
        kind: "mci_row",
        key: format!("{}|{}", row.effective_from, row.purpose.as_str()),
        record: to_value(row)?,
    })
}

/// A quota row, keyed by region, year and date.
pub fn quota_item(row: &QuotaRow) -> Result<Item> {
    otau_core::casework::quota::check_row(row).map_err(|problems| {
        CentreError::bad(
            problems.first().map(|p| p.field.as_str()).unwrap_or("quota"),
            problems.first().map(|p| p.code.clone()).unwrap_or_default(),
        )
    })?;
    Ok(Item {
        kind: "quota_row",
        key: format!("{}|{}|{}", row.region, row.year, row.effective_from),
        record: to_value(row)?,
    })
}

/// A subsidy rule version, keyed by id and version.
pub fn rule_item(rule: &SubsidyRule) -> Result<Item> {
    rule.check().map_err(|e| CentreError::bad("rule", e.to_string()))?;
    Ok(Item {
        kind: "subsidy_rule",
        key: format!("{}|{}", rule.id, rule.version),
        record: to_value(rule)?,
    })
}

/// Reads a rule file: one rule, or `{"rules": [...]}`.
pub fn rules_from_json(text: &str) -> Result<Vec<SubsidyRule>> {
    #[derive(Deserialize)]
    struct File {
        rules: Vec<SubsidyRule>,
    }
    if let Ok(f) = serde_json::from_str::<File>(text) {
        return Ok(f.rules);
    }
    serde_json::from_str::<SubsidyRule>(text)
        .map(|r| vec![r])
        .map_err(|e| CentreError::bad("file", e.to_string()))
}

/// The reference data shipped with Otau.
pub fn shipped() -> Result<Vec<Item>> {
    #[derive(Deserialize)]
    struct Rows<T> {
        rows: Vec<T>,
    }
    let bad = |what: &str, e: serde_json::Error| CentreError::bad(what, e.to_string());
    let mut items = vec![];
    let mci: Rows<MciRow> =
        serde_json::from_str(DEFAULT_MCI_JSON).map_err(|e| bad("mci.json", e))?;
    for row in &mci.rows {
        items.push(mci_item(row)?);
    }
    for rule in rules_from_json(DEFAULT_RULES_JSON)? {
        items.push(rule_item(&rule)?);
    }
    let quotas: Rows<QuotaRow> =
        serde_json::from_str(DEFAULT_QUOTAS_JSON).map_err(|e| bad("quotas.json", e))?;
    for row in &quotas.rows {
        items.push(quota_item(row)?);
    }
    Ok(items)
}

/// Reads a date option.
pub fn date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| CentreError::bad(field, format!("not a date (YYYY-MM-DD): {text}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_reference_data_reads() {
        let items = shipped().unwrap();
        for kind in ["mci_row", "subsidy_rule", "quota_row"] {
            assert!(items.iter().any(|i| i.kind == kind), "{kind}");
        }
        assert!(items.iter().any(|i| i.key == "2026-01-01|social_payments"));
    }
}
