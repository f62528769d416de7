//! QR codes as a grid of modules, drawn by the layout as vector rectangles (sharp at any
//! printer resolution, and decodable from a scan or a phone photo).

use crate::error::PrintError;
use qrcode::{Color, EcLevel, QrCode};

/// A QR code's modules: `width × width`, row by row, `true` for dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side (without the quiet zone).
    pub width: usize,
    /// Dark modules, row by row.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes a payload with error correction level M (15% of the code may be damaged).
    pub fn encode(payload: &str) -> Result<QrMatrix, PrintError> {
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
            .map_err(|e| PrintError::Qr { detail: e.to_string() })?;
        let width = code.width();
        let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
        Ok(QrMatrix { width, dark })
    }

    /// Runs of dark modules per row: `(row, first column, length)`, so a code is drawn with a
    /// few hundred rectangles instead of thousands.
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut out = vec![];
        for row in 0..self.width {
            let mut col = 0;
            while col < self.width {
                if self.dark[row * self.width + col] {
                    let start = col;
                    while col < self.width && self.dark[row * self.width + col] {
                        col += 1;
                    }
                    out.push((row, start, col - start));
                } else {
                    col += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let m = QrMatrix::encode("OTAU1|PVL01|CERT|PVL01-2026-D00001").unwrap();
        let dark = m.dark.iter().filter(|d| **d).count();
        let covered: usize = m.runs().iter().map(|r| r.2).sum();
        assert_eq!(dark, covered);
        assert_eq!(m.dark.len(), m.width * m.width);
    }
}
