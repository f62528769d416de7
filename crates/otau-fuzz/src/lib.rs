//! The four doors hostile bytes come in by, each one function that must never panic and must
//! keep its promises: the family JSON (`otau family add --file`, the window's form), the import
//! mapping file, the XLSX/CSV reader of `otau import`, and the QR payload a verifier reads off a
//! paper. The fuzz targets in `fuzz/` call them with what libFuzzer makes; the tests replay the
//! committed corpora (`fuzz/corpus/<target>/`) through them, so every input a fuzzer once kept
//! stays checked on the stable toolchain.
//!
//! A panic here is a finding: an assertion states a promise the code makes (what is read and
//! written back reads the same; a verdict depends only on the value), a panic anywhere below
//! is a crash a clerk's file could cause.
#![deny(missing_docs)]

pub mod seeds;

use chrono::NaiveDate;
use otau_core::casework::import::{prepare, suggest_mapping, ImportField, Mapping};
use otau_core::model::FamilyInput;
use otau_core::validate::validate_family;
use otau_print::seal::{decode_public_key, Seal};
use otau_store::registry::import::{read_sheet_within, ImportLimits};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A fuzz target: what it does with one input.
pub type Target = fn(&[u8]);

/// The fuzz targets, by the name of their corpus folder and of their `fuzz/` binary.
pub const TARGETS: [(&str, Target); 4] = [
    ("family_json", family_json),
    ("import_mapping", import_mapping),
    ("import_file", import_file),
    ("qr_payload", qr_payload),
];

/// The date the checks run on (registration rules depend on the date).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// A family as JSON: read, validated, written back and read again.
pub fn family_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(family) = serde_json::from_str::<FamilyInput>(text) else { return };
    let verdict = validate_family(&family, today());
    let written = serde_json::to_string(&family);
    assert!(written.is_ok(), "a family read from JSON is written back");
    let again = written.ok().and_then(|w| serde_json::from_str::<FamilyInput>(&w).ok());
    assert_eq!(again.as_ref(), Some(&family), "a family written back reads the same");
    if let Some(again) = again {
        assert_eq!(verdict, validate_family(&again, today()), "the verdict depends on the value");
    }
}

/// The headings of the sheet a mapping is tried against: those offices use, in Kazakh.
const HEADINGS: [&str; 11] = [
    "Отбасы №",
    "Тегі",
    "Аты",
    "Туған күні",
    "Жынысы",
    "ЖСН",
    "Туыстығы",
    "Құжат нөмірі",
    "Құжат түрі",
    "Келген күні",
    "Шыққан елі",
];

/// An import mapping file: read, then applied to a small sheet of two families.
pub fn import_mapping(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mapping) = Mapping::from_json(text) else { return };
    let _ = prepare(&seeds::sheet(), &mapping, today());
}

/// Limits far below the real ones, so one input stays quick; the code paths are the same.
const LIMITS: ImportLimits =
    ImportLimits { file_bytes: 1 << 20, unpacked_bytes: 8 << 20, rows: 2_000, columns: 64 };

/// A file given to `otau import`: the first byte says CSV (even) or XLSX (odd), the rest is the
/// file. Read within limits, then prepared with the mapping a clerk would be offered.
pub fn import_file(data: &[u8]) {
    let Some((&kind, body)) = data.split_first() else { return };
    let ext = if kind % 2 == 0 { "csv" } else { "xlsx" };
    let Some(path) = scratch_file(ext, body) else { return };
    let Ok(mapping) = Mapping::from_json("{}") else { return };
    let read = read_sheet_within(&path, &mapping, LIMITS);
    let Ok(sheet) = read else { return };
    assert!(sheet.rows.len() <= LIMITS.rows, "no more rows than the limit");
    assert!(sheet.headers.len() <= LIMITS.columns, "no more columns than the limit");
    let _ = prepare(&sheet, &offered_mapping(&sheet.headers), today());
}

/// What `otau import --suggest-mapping` offers for these headings, with the defaults a clerk
/// adds for the family fields the file lacks.
pub fn offered_mapping(headers: &[String]) -> Mapping {
    let mut mapping = suggest_mapping(headers);
    mapping.defaults = BTreeMap::from([
        (ImportField::ArrivalDate, "14.09.2026".into()),
        (ImportField::CountryOfOrigin, "Өзбекстан".into()),
        (ImportField::Region, "Павлодар облысы".into()),
        (ImportField::Settlement, "Павлодар".into()),
    ]);
    mapping
}

/// Writes `body` to this process's scratch file with the extension `ext` (the reader decides
/// by the extension, as `otau import` does).
fn scratch_file(ext: &str, body: &[u8]) -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("otau-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("input.{ext}"));
    std::fs::write(&path, body).ok()?;
    Some(path)
}

/// The text of a paper's QR code: parsed; a seal written back parses the same, and checking
/// its signature (against the seeds' key and against a key read from the text) never panics.
pub fn qr_payload(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(seal) = Seal::parse(text) {
        let again = Seal::parse(&seal.payload());
        assert_eq!(again.as_ref().ok(), Some(&seal), "a seal written back parses the same");
        let _ = seal.verify(&seeds::public_key());
        if let Some(key) = decode_public_key(&seal.signature) {
            let _ = seal.verify(&key);
        }
    }
    let _ = decode_public_key(text);
}
