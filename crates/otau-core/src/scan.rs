//! Electronic copies of identity documents (since 2024 an office keeps a scan or a photo instead
//! of a paper copy): the kinds accepted, how large one may be, and what a file is, told by its
//! first bytes and never by its name.
//!
//! # Design
//! Telling the kind here is only the first look: the document crate (`otau_print::scan`) then
//! reads the whole file as that kind, so a file that starts like a JPEG but is not one is
//! refused there. Both limits are the law of this module, so every face refuses the same files.

use serde::{Deserialize, Serialize};

/// The largest scan kept, in bytes (4 MiB: a page scanned at 300 dpi or a phone's photo of a
/// passport; a scan travels in the office's sync like any record).
pub const MAX_SCAN_BYTES: usize = 4 * 1024 * 1024;

/// The largest image kept, in pixels a side (a 60-megapixel photo is refused before it is
/// decoded into memory).
pub const MAX_SCAN_SIDE: u32 = 10_000;

/// What a scan is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanKind {
    /// A JPEG photo or scan.
    Jpeg,
    /// A PNG image.
    Png,
    /// A PDF from a scanner.
    Pdf,
}

impl ScanKind {
    /// The kind a file's first bytes announce, if it is one accepted.
    pub fn sniff(bytes: &[u8]) -> Option<ScanKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ScanKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ScanKind::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(ScanKind::Pdf)
        } else {
            None
        }
    }

    /// Its media type.
    pub fn mime(self) -> &'static str {
        match self {
            ScanKind::Jpeg => "image/jpeg",
            ScanKind::Png => "image/png",
            ScanKind::Pdf => "application/pdf",
        }
    }

    /// The name stored and sent (`jpeg`, `png`, `pdf`), also the usual file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            ScanKind::Jpeg => "jpeg",
            ScanKind::Png => "png",
            ScanKind::Pdf => "pdf",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_told_by_its_first_bytes() {
        assert_eq!(ScanKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(ScanKind::Jpeg));
        assert_eq!(ScanKind::sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(ScanKind::Png));
        assert_eq!(ScanKind::sniff(b"%PDF-1.7\n"), Some(ScanKind::Pdf));
        assert_eq!(ScanKind::sniff(b"GIF89a"), None);
        assert_eq!(ScanKind::sniff(b"PK\x03\x04"), None);
        assert_eq!(ScanKind::sniff(b""), None);
        assert_eq!(ScanKind::sniff(&[0xFF, 0xD8]), None);
    }
}
