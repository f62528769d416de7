//! The fonts of the documents (Noto Sans, shipped in `assets/fonts`): glyph widths for line
//! breaking, and subsets of only the glyphs a document uses for embedding.
//!
//! # Design
//! printpdf 0.12 subsets fonts only with its HTML layout engine, which we do not use; so each
//! document is laid out with the full font's advance widths, then every face is subset with
//! allsorts (printpdf's own font library) to the characters the document used, and the subset
//! is what gets embedded. A certificate embeds some tens of kilobytes instead of half a
//! megabyte per face.

// Font metrics in points: floating point for geometry, none of it money.
#![allow(clippy::disallowed_types)]

use crate::error::PrintError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::ParsedFont;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// A face of the document font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontStyle {
    /// Regular.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
}

impl FontStyle {
    /// Every style.
    pub const ALL: [FontStyle; 3] = [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic];

    fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
        }
    }

    /// The PostScript name embedded in the PDF.
    pub fn postscript_name(self) -> &'static str {
        match self {
            FontStyle::Regular => "NotoSans-Regular",
            FontStyle::Bold => "NotoSans-Bold",
            FontStyle::Italic => "NotoSans-Italic",
        }
    }

    /// The six-letter subset tag (ISO 32000-1, 9.6.4), fixed so output is reproducible.
    pub(crate) fn subset_tag(self) -> &'static str {
        match self {
            FontStyle::Regular => "OTAURG",
            FontStyle::Bold => "OTAUBD",
            FontStyle::Italic => "OTAUIT",
        }
    }
}

struct Face {
    bytes: Vec<u8>,
    parsed: ParsedFont,
    units_per_em: f32,
    /// Advance width in font units by character, for the characters seen so far.
    widths: HashMap<char, u16>,
}

/// The three faces of the document font, parsed once.
pub struct Fonts {
    faces: [Face; 3],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(NotoSans)")
    }
}

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Italic.ttf");

impl Fonts {
    /// Parses three TrueType fonts: regular, bold and italic.
    pub fn from_bytes(regular: &[u8], bold: &[u8], italic: &[u8]) -> Result<Fonts, PrintError> {
        let face = |bytes: &[u8], style: FontStyle| -> Result<Face, PrintError> {
            let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .filter(|p| p.units_per_em > 0 && !p.codepoint_to_glyph.is_empty())
                .ok_or(PrintError::Font { name: style.postscript_name().to_string() })?;
            let units_per_em = f32::from(parsed.units_per_em);
            let mut face =
                Face { bytes: bytes.to_vec(), parsed, units_per_em, widths: HashMap::new() };
            // Pre-compute the widths of the scripts documents use (Latin, Cyrillic with the
            // Kazakh letters, punctuation), so measuring is a hash lookup.
            let ranges = [0x20..0x250u32, 0x400..0x530, 0x2000..0x2070, 0x20B8..0x20B9];
            for cp in ranges.into_iter().flatten() {
                if let Some(c) = char::from_u32(cp) {
                    if let Some(w) = face.advance(c) {
                        face.widths.insert(c, w);
                    }
                }
            }
            Ok(face)
        };
        Ok(Fonts {
            faces: [
                face(regular, FontStyle::Regular)?,
                face(bold, FontStyle::Bold)?,
                face(italic, FontStyle::Italic)?,
            ],
        })
    }

    /// The shipped Noto Sans faces, parsed once per process.
    pub fn shipped() -> Result<&'static Fonts, PrintError> {
        static FONTS: OnceLock<Result<Fonts, PrintError>> = OnceLock::new();
        FONTS
            .get_or_init(|| Fonts::from_bytes(REGULAR, BOLD, ITALIC))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn face(&self, style: FontStyle) -> &Face {
        &self.faces[style.index()]
    }

    /// The width of `text` set in `style` at `size` points, in points (no kerning).
    pub fn width(&self, style: FontStyle, size: f32, text: &str) -> f32 {
        let face = self.face(style);
        let units: u32 = text
            .chars()
            .map(|c| {
                u32::from(face.widths.get(&c).copied().or_else(|| face.advance(c)).unwrap_or(0))
            })
            .sum();
        units as f32 * size / face.units_per_em
    }

    /// The characters of `text` the face has no glyph for (they would print as boxes).
    pub fn missing(&self, style: FontStyle, text: &str) -> Vec<char> {
        let face = self.face(style);
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control() && face.parsed.lookup_glyph_index(u32::from(*c)).is_none())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The face reduced to the glyphs of `chars`, ready to embed under its subset name.
    pub(crate) fn subset(
        &self,
        style: FontStyle,
        chars: &BTreeSet<char>,
    ) -> Result<ParsedFont, PrintError> {
        let face = self.face(style);
        let err = |detail: String| PrintError::Subset {
            name: style.postscript_name().to_string(),
            detail,
        };
        let scope = ReadScope::new(&face.bytes);
        let data = scope.read::<FontData<'_>>().map_err(|e| err(e.to_string()))?;
        let provider = data.table_provider(0).map_err(|e| err(e.to_string()))?;
        // Glyph 0 (.notdef) must come first; the rest in ascending order, each once.
        let glyphs: BTreeSet<u16> = chars
            .iter()
            .filter_map(|c| face.parsed.lookup_glyph_index(u32::from(*c)))
            .filter(|g| *g != 0)
            .collect();
        let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
        let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| err(e.to_string()))?;
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
            .ok_or_else(|| err("the subset does not parse".into()))?;
        parsed.font_name = Some(format!("{}+{}", style.subset_tag(), style.postscript_name()));
        Ok(parsed)
    }
}

impl Face {
    fn advance(&self, c: char) -> Option<u16> {
        let gid = self.parsed.lookup_glyph_index(u32::from(c))?;
        self.parsed.get_glyph_width(gid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 42 letters of the Kazakh Cyrillic alphabet, capital and small.
    pub(crate) const KAZAKH: &str =
        "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

    #[test]
    fn every_face_has_all_42_kazakh_letters_and_the_tenge_sign() {
        let fonts = Fonts::shipped().unwrap();
        assert_eq!(KAZAKH.chars().count(), 84);
        for style in FontStyle::ALL {
            assert!(fonts.missing(style, KAZAKH).is_empty(), "{style:?}");
            assert!(fonts.missing(style, "₸№«»—–").is_empty(), "{style:?}");
        }
    }

    #[test]
    fn bold_is_wider_and_width_grows_with_size() {
        let fonts = Fonts::shipped().unwrap();
        let r = fonts.width(FontStyle::Regular, 10.0, "Қазақстан");
        assert!(r > 30.0 && r < 60.0, "{r}");
        assert!(fonts.width(FontStyle::Bold, 10.0, "Қазақстан") > r);
        assert!((fonts.width(FontStyle::Regular, 20.0, "Қазақстан") - 2.0 * r).abs() < 0.01);
    }

    #[test]
    fn a_subset_keeps_only_what_is_used() {
        let fonts = Fonts::shipped().unwrap();
        let chars: BTreeSet<char> = "Әлия 2026".chars().collect();
        let sub = fonts.subset(FontStyle::Regular, &chars).unwrap();
        assert!(sub.original_bytes.len() < 20_000, "{}", sub.original_bytes.len());
        assert!(sub.lookup_glyph_index(u32::from('Ә')).is_some());
        assert_eq!(sub.font_name.as_deref(), Some("OTAURG+NotoSans-Regular"));
    }
}
