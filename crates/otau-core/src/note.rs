//! A sentence kept in a record's text column (a reversal's reason, a reimbursement case's
//! reason): either what a person typed, kept as typed, or a sentence the system wrote, kept as a
//! message code with its arguments and translated where it is read (the command line, the
//! desktop app), never stored as prose in one language.
//!
//! # Context
//! Databases made before codes were kept hold English prose written by the system ("moved away
//! on 2026-12-06: …", the default reason of a recalculation); [`Note::from_stored`] reads those
//! known sentences back as their codes, and anything else as typed.

use crate::canonical::canonical_json;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The code of the reason written when a family's move away cancels instalments or opens a
/// reimbursement case: arguments `on` (the date of the move) and `reason` (as typed).
pub const MOVED_AWAY: &str = "ledger-reason-moved-away";
/// The code of the reason written when a recalculation is approved without one typed.
pub const RECALCULATION: &str = "ledger-reason-recalculation";

/// What a text column says: typed by a person, or written by the system as a code.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Note {
    /// Written by the system: a message id and its arguments.
    Coded {
        /// The message id.
        code: String,
        /// Its arguments, formatted.
        args: BTreeMap<String, String>,
    },
    /// Typed by a person, kept as typed.
    Typed(String),
}

impl Note {
    /// A note of the system: `code` with `args`.
    pub fn coded(code: &str, args: &[(&str, String)]) -> Note {
        Note::Coded {
            code: code.to_string(),
            args: args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    /// The text kept in the column: typed text as is, a coded note as canonical JSON
    /// (`{"args":{…},"code":"…"}`).
    pub fn to_stored(&self) -> String {
        match self {
            Note::Typed(text) => text.clone(),
            Note::Coded { code, args } => {
                canonical_json(&serde_json::json!({ "code": code, "args": args }))
            }
        }
    }

    /// Reads a column back: a coded note, a sentence older databases wrote in English (read as
    /// its code), or text as typed.
    pub fn from_stored(text: &str) -> Note {
        if text.starts_with('{') {
            if let Ok(Note::Coded { code, args }) = serde_json::from_str::<Note>(text) {
                return Note::Coded { code, args };
            }
        }
        if let Some(rest) = text.strip_prefix("moved away on ") {
            if let Some((on, reason)) = rest.split_once(": ") {
                if on.parse::<chrono::NaiveDate>().is_ok() {
                    return Note::coded(
                        MOVED_AWAY,
                        &[("on", on.to_string()), ("reason", reason.to_string())],
                    );
                }
            }
        }
        if text == "recalculation after a change of the MCI or of the rule" {
            return Note::coded(RECALCULATION, &[]);
        }
        Note::Typed(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coded_note_is_kept_as_json_and_read_back() {
        let note = Note::coded(MOVED_AWAY, &[("on", "2027-02-01".into()), ("reason", "x".into())]);
        let stored = note.to_stored();
        assert_eq!(
            stored,
            r#"{"args":{"on":"2027-02-01","reason":"x"},"code":"ledger-reason-moved-away"}"#
        );
        assert_eq!(Note::from_stored(&stored), note);
    }

    #[test]
    fn old_english_prose_reads_as_its_code_and_typed_text_as_typed() {
        assert_eq!(
            Note::from_stored("moved away on 2026-12-06: moved to Almaty"),
            Note::coded(
                MOVED_AWAY,
                &[("on", "2026-12-06".into()), ("reason", "moved to Almaty".into())]
            )
        );
        assert_eq!(
            Note::from_stored("recalculation after a change of the MCI or of the rule"),
            Note::coded(RECALCULATION, &[])
        );
        assert_eq!(Note::from_stored("contract ended"), Note::Typed("contract ended".into()));
        assert_eq!(Note::from_stored("{not json"), Note::Typed("{not json".into()));
        assert_eq!(Note::Typed("as typed".into()).to_stored(), "as typed");
    }

    #[test]
    fn a_typed_note_crosses_as_text_and_a_coded_one_as_code_and_arguments() {
        assert_eq!(serde_json::to_value(Note::Typed("x".into())).ok(), Some("x".into()));
        let coded = serde_json::to_value(Note::coded(RECALCULATION, &[])).ok();
        assert_eq!(coded, Some(serde_json::json!({ "code": RECALCULATION, "args": {} })));
    }
}
