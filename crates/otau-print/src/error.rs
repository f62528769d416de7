//! What can go wrong while laying out or writing a document.

use otau_core::Coded;
use std::collections::BTreeMap;

/// A document could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    /// A font's bytes are not a usable TrueType font.
    #[error("the font {name} cannot be read")]
    Font {
        /// Which font.
        name: String,
    },
    /// Subsetting a font for embedding failed.
    #[error("the font {name} cannot be subset: {detail}")]
    Subset {
        /// Which font.
        name: String,
        /// What the subsetter said.
        detail: String,
    },
    /// The QR code cannot hold the payload.
    #[error("the QR code cannot hold the payload: {detail}")]
    Qr {
        /// What the encoder said.
        detail: String,
    },
    /// The spreadsheet writer failed.
    #[error("the spreadsheet cannot be written: {detail}")]
    Xlsx {
        /// What the writer said.
        detail: String,
    },
    /// The document's kind has no spreadsheet form.
    #[error("a {kind} has no spreadsheet form")]
    NoSpreadsheet {
        /// The kind.
        kind: String,
    },
}

impl Coded for PrintError {
    fn code(&self) -> &'static str {
        match self {
            PrintError::Font { .. } => "doc-font",
            PrintError::Subset { .. } => "doc-font-subset",
            PrintError::Qr { .. } => "doc-qr",
            PrintError::Xlsx { .. } => "doc-xlsx",
            PrintError::NoSpreadsheet { .. } => "doc-no-spreadsheet",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        match self {
            PrintError::Font { name } => {
                a.insert("name".into(), name.clone());
            }
            PrintError::Subset { name, detail } => {
                a.insert("name".into(), name.clone());
                a.insert("detail".into(), detail.clone());
            }
            PrintError::Qr { detail } | PrintError::Xlsx { detail } => {
                a.insert("detail".into(), detail.clone());
            }
            PrintError::NoSpreadsheet { kind } => {
                a.insert("kind".into(), kind.clone());
            }
        }
        a
    }
}
