//! A person's history as the card shows it: the audit rows of the person and their family, with
//! every amount of money in them written by `otau-core` as people read it, so the UI lays the
//! history out without formatting money itself.

use std::collections::BTreeMap;

use otau_core::money::{format_whole_tenge, MciHundredths, Tiyn};
use otau_store::audit::AuditEntry;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// One audit row with its amounts written out.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HistoryEntry {
    /// The row as the audit keeps it.
    #[serde(flatten)]
    #[ts(flatten)]
    pub entry: AuditEntry,
    /// The amounts of the record before, by field: tenge as `1 033 760 ₸`, MCI as the number
    /// (`15,50`) for the reader's unit.
    pub money_before: BTreeMap<String, String>,
    /// The amounts of the record after, likewise.
    pub money_after: BTreeMap<String, String>,
}

/// The unit a record's field holds money in, by the field's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Integer tiyn (`amount_tiyn`, `total_tiyn`, …).
    Tiyn,
    /// Whole tenge: the value of one MCI (`mci_tenge`, `tenge`).
    WholeTenge,
    /// Hundredths of an MCI (`amount_mci`, `cap_mci`).
    Mci,
}

fn unit(field: &str) -> Option<Unit> {
    match field {
        "mci_tenge" | "tenge" => Some(Unit::WholeTenge),
        "amount_mci" | "cap_mci" => Some(Unit::Mci),
        _ if field.ends_with("_tiyn") => Some(Unit::Tiyn),
        _ => None,
    }
}

/// The amounts of a record, written out.
pub(crate) fn money(record: Option<&Value>) -> BTreeMap<String, String> {
    let Some(Value::Object(fields)) = record else { return BTreeMap::new() };
    fields
        .iter()
        .filter_map(|(field, value)| {
            let unit = unit(field)?;
            let minor = value.as_i64()?;
            let text = match unit {
                Unit::Tiyn => Tiyn(minor).format_tenge(),
                Unit::WholeTenge => format_whole_tenge(minor),
                Unit::Mci => MciHundredths(minor).format_number(),
            };
            Some((field.clone(), text))
        })
        .collect()
}

impl From<AuditEntry> for HistoryEntry {
    fn from(entry: AuditEntry) -> HistoryEntry {
        HistoryEntry {
            money_before: money(entry.before.as_ref()),
            money_after: money(Some(&entry.after)),
            entry,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_of_a_row_are_written_by_the_core() {
        let after = serde_json::json!({
            "amount_tiyn": 103_376_000, "mci_tenge": 4325, "amount_mci": 1550,
            "total_tiyn": -90_825_000, "seq": 3, "kind": "paid", "tenge": 3692,
        });
        let shown = money(Some(&after));
        assert_eq!(
            shown.get("amount_tiyn").map(String::as_str),
            Some("1\u{a0}033\u{a0}760\u{a0}₸")
        );
        assert_eq!(shown.get("total_tiyn").map(String::as_str), Some("-908\u{a0}250\u{a0}₸"));
        assert_eq!(shown.get("mci_tenge").map(String::as_str), Some("4\u{a0}325\u{a0}₸"));
        assert_eq!(shown.get("tenge").map(String::as_str), Some("3\u{a0}692\u{a0}₸"));
        assert_eq!(shown.get("amount_mci").map(String::as_str), Some("15,50"));
        assert_eq!(shown.len(), 5, "no other field is money: {shown:?}");
        assert_eq!(money(None), BTreeMap::new());
    }
}
