//! The seal of a document: the QR payload, its content hash and the office's Ed25519 signature.
//!
//! # Design
//! A payload is one line of eight fields separated by `|`:
//!
//! ```text
//! OTAU2|PVL01|CERT|PVL01-2026-D00001|2026-11-25|Сейітқали Нұрсұлтан Болатұлы, 12.04.1985|<content hash>|<signature>
//! ```
//!
//! version, office code, kind code ([`DocKind::code`]), document number, date of issue, the
//! **subject** ([`subject_of`]: what the paper must say of whom it is about — the holder's name
//! and birth date, the family's size and amount of a decision), the SHA-256 of the document's
//! canonical content ([`content_hash`]) and the Ed25519 signature of everything before the last
//! `|`, both in unpadded URL-safe base64 (43 and 86 characters). The version comes first so that
//! a later format can be told apart; office codes, numbers and subjects never contain `|`.
//! Anyone with the office's public key can check a paper offline: a changed byte breaks the
//! signature, and a genuine code copied onto a forged paper names another person than the
//! paper. Papers of the first format (`OTAU1`, seven fields, no subject) still verify.

use crate::data::{DocKind, DocumentContent};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use otau_core::canonical::canonical_json;
use otau_core::Coded;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// The first field of every payload of this format.
pub const SEAL_VERSION: &str = "OTAU2";
/// The first format, without a subject: papers printed with it still verify.
pub const SEAL_VERSION_1: &str = "OTAU1";
/// The longest subject, in characters.
pub const SUBJECT_MAX: usize = 120;

/// The seal of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Seal {
    /// Issuing office's code.
    pub office: String,
    /// Kind of document.
    pub kind: DocKind,
    /// Document number.
    pub number: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// What the paper must say of whom it is about (absent in papers of the first format).
    pub subject: Option<String>,
    /// SHA-256 of the canonical content, unpadded URL-safe base64.
    pub content_hash: String,
    /// Ed25519 signature of [`Seal::signed_text`], unpadded URL-safe base64.
    pub signature: String,
}

/// Why a text is not a seal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Not seven fields, or a field of the wrong shape.
    #[error("not an Otau document code: {reason}")]
    Malformed {
        /// Which part is wrong.
        reason: &'static str,
    },
    /// A format this build does not know.
    #[error("unknown document code version {found}")]
    Version {
        /// The version found.
        found: String,
    },
}

impl Coded for SealError {
    fn code(&self) -> &'static str {
        match self {
            SealError::Malformed { .. } => "doc-seal-malformed",
            SealError::Version { .. } => "doc-seal-version",
        }
    }
    fn args(&self) -> BTreeMap<String, String> {
        match self {
            SealError::Malformed { reason } => {
                BTreeMap::from([("reason".into(), reason.to_string())])
            }
            SealError::Version { found } => BTreeMap::from([("found".into(), found.clone())]),
        }
    }
}

impl Seal {
    /// Seals a document: signs its fields with the office's secret key.
    pub fn sign(
        office: &str,
        kind: DocKind,
        number: &str,
        issued_on: NaiveDate,
        subject: &str,
        content_hash: &str,
        secret_key: &[u8; 32],
    ) -> Seal {
        let mut seal = Seal {
            office: office.to_string(),
            kind,
            number: number.to_string(),
            issued_on,
            subject: Some(clean_subject(subject)),
            content_hash: content_hash.to_string(),
            signature: String::new(),
        };
        let key = SigningKey::from_bytes(secret_key);
        let signature = key.sign(seal.signed_text().as_bytes());
        seal.signature = URL_SAFE_NO_PAD.encode(signature.to_bytes());
        seal
    }

    /// The text the signature covers: every field but the signature.
    pub fn signed_text(&self) -> String {
        let head = format!(
            "{}|{}|{}|{}",
            self.office,
            self.kind.code(),
            self.number,
            self.issued_on.format("%Y-%m-%d")
        );
        match &self.subject {
            Some(subject) => format!("{SEAL_VERSION}|{head}|{subject}|{}", self.content_hash),
            None => format!("{SEAL_VERSION_1}|{head}|{}", self.content_hash),
        }
    }

    /// The QR payload.
    pub fn payload(&self) -> String {
        format!("{}|{}", self.signed_text(), self.signature)
    }

    /// Reads a payload (surrounding white space is ignored).
    pub fn parse(text: &str) -> Result<Seal, SealError> {
        let malformed = |reason| SealError::Malformed { reason };
        let fields: Vec<&str> = text.trim().split('|').collect();
        let version = fields.first().copied().unwrap_or_default();
        if version != SEAL_VERSION && version != SEAL_VERSION_1 && version.starts_with("OTAU") {
            return Err(SealError::Version { found: version.to_string() });
        }
        let (office, kind, number, date, subject, hash, signature) = match fields[..] {
            [SEAL_VERSION, office, kind, number, date, subject, hash, signature] => {
                (office, kind, number, date, Some(subject), hash, signature)
            }
            [SEAL_VERSION_1, office, kind, number, date, hash, signature] => {
                (office, kind, number, date, None, hash, signature)
            }
            [SEAL_VERSION | SEAL_VERSION_1, ..] => return Err(malformed("fields")),
            _ => return Err(malformed("version")),
        };
        if let Some(subject) = subject {
            if subject.is_empty()
                || subject.chars().count() > SUBJECT_MAX
                || subject.chars().any(char::is_control)
                || subject != subject.trim()
            {
                return Err(malformed("subject"));
            }
        }
        let kind = DocKind::from_code(kind).ok_or(malformed("kind"))?;
        let clean = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_graphic());
        if !clean(office) {
            return Err(malformed("office"));
        }
        if !clean(number) {
            return Err(malformed("number"));
        }
        // Exactly `YYYY-MM-DD`: chrono's `%Y` also reads a sign and fewer digits (`-026`).
        let digits_at = |range: std::ops::Range<usize>| {
            date.get(range).is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
        };
        let shape = date.len() == 10
            && digits_at(0..4)
            && date.get(4..5) == Some("-")
            && digits_at(5..7)
            && date.get(7..8) == Some("-")
            && digits_at(8..10);
        if !shape {
            return Err(malformed("date"));
        }
        let issued_on =
            NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| malformed("date"))?;
        if URL_SAFE_NO_PAD.decode(hash).map(|b| b.len()) != Ok(32) {
            return Err(malformed("hash"));
        }
        if URL_SAFE_NO_PAD.decode(signature).map(|b| b.len()) != Ok(64) {
            return Err(malformed("signature"));
        }
        Ok(Seal {
            office: office.to_string(),
            kind,
            number: number.to_string(),
            issued_on,
            subject: subject.map(str::to_string),
            content_hash: hash.to_string(),
            signature: signature.to_string(),
        })
    }

    /// Whether the signature is the office's (`public_key`) over these exact fields.
    pub fn verify(&self, public_key: &[u8; 32]) -> bool {
        let Ok(key) = VerifyingKey::from_bytes(public_key) else {
            return false;
        };
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(&self.signature) else {
            return false;
        };
        let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else {
            return false;
        };
        let signature = Signature::from_bytes(&bytes);
        key.verify_strict(self.signed_text().as_bytes(), &signature).is_ok()
    }
}

impl fmt::Display for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.payload())
    }
}

impl TryFrom<String> for Seal {
    type Error = SealError;
    fn try_from(s: String) -> Result<Seal, SealError> {
        Seal::parse(&s)
    }
}

impl From<Seal> for String {
    fn from(s: Seal) -> String {
        s.payload()
    }
}

/// A subject as a seal carries it: one line without `|` or control characters, spaces
/// collapsed, at most [`SUBJECT_MAX`] characters (`—` when nothing is left).
pub fn clean_subject(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c.is_control() || c == '|')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let line: String = words.join(" ").chars().take(SUBJECT_MAX).collect();
    match line.trim() {
        "" => "—".to_string(),
        t => t.to_string(),
    }
}

/// What a paper must say of whom it is about, as its seal names it: a certificate's holder (the
/// head) with the birth date; a decision's head, family size and total; a statement's head and
/// family size; a summary's month.
pub fn subject_of(content: &DocumentContent) -> String {
    let date = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
    let text = match content {
        DocumentContent::Certificate(c) => match c.members.first() {
            Some(m) => format!("{}, {}", m.name, date(m.birth_date)),
            None => c.family_regno.clone(),
        },
        DocumentContent::Decision(d) => {
            let total = d
                .lines
                .iter()
                .try_fold(otau_core::money::Tiyn::ZERO, |sum, l| sum.checked_add(l.tenge));
            match total {
                Some(t) => format!("{}, {} ×, {}", d.head_name, d.family_size, t.format_tenge()),
                None => format!("{}, {} ×", d.head_name, d.family_size),
            }
        }
        DocumentContent::Statement(st) => format!("{}, {} ×", st.head_name, st.family_size),
        DocumentContent::MonthlySummary(m) => format!("{} {}", m.office.code, m.month),
    };
    clean_subject(&text)
}

/// The public half of a secret key.
pub fn public_key(secret_key: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret_key).verifying_key().to_bytes()
}

/// A key as people copy it: unpadded URL-safe base64 (43 characters).
pub fn encode_key(key: &[u8; 32]) -> String {
    URL_SAFE_NO_PAD.encode(key)
}

/// Reads a key written by [`encode_key`]; `None` unless it is 32 bytes and a valid Ed25519
/// public key.
pub fn decode_public_key(text: &str) -> Option<[u8; 32]> {
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
    let key = <[u8; 32]>::try_from(bytes.as_slice()).ok()?;
    VerifyingKey::from_bytes(&key).ok()?;
    Some(key)
}

/// The SHA-256 (unpadded URL-safe base64) of a document's canonical form: its number, date,
/// issuer and content as JSON with keys sorted at every level. The duplicate mark is not part
/// of it: a reprint carries the same hash as the original.
pub fn content_hash(
    number: &str,
    issued_on: NaiveDate,
    issued_by: &str,
    content: &DocumentContent,
) -> String {
    let value = serde_json::json!({
        "number": number,
        "issued_on": issued_on,
        "issued_by": issued_by,
        "content": content,
    });
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical_json(&value).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: [u8; 32] = [7; 32];

    fn seal() -> Seal {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let hash = URL_SAFE_NO_PAD.encode([1u8; 32]);
        Seal::sign(
            "PVL01",
            DocKind::Certificate,
            "PVL01-2026-D00001",
            date,
            "Сейітқали Нұрсұлтан, 12.04.1985",
            &hash,
            &SECRET,
        )
    }

    /// Found by the QR payload fuzzer: `-026-11-25` is ten characters and chrono read it as
    /// the year −26, a seal that was written back as `-0026-11-25` and no longer parsed.
    #[test]
    fn fuzz_finding_a_date_with_a_sign_or_short_year_is_malformed() {
        let text = seal().payload();
        for bad in ["-026-11-25", "+026-11-25", "2026-1-250", "2026/11/25", "20２6-11-25"] {
            let forged = text.replacen("2026-11-25", bad, 1);
            assert_eq!(Seal::parse(&forged), Err(SealError::Malformed { reason: "date" }), "{bad}");
        }
        assert!(Seal::parse(&text).is_ok());
    }

    #[test]
    fn a_payload_reads_back_and_verifies() {
        let s = seal();
        let text = s.payload();
        assert!(
            text.starts_with(
                "OTAU2|PVL01|CERT|PVL01-2026-D00001|2026-11-25|Сейітқали Нұрсұлтан, 12.04.1985|"
            ),
            "{text}"
        );
        let back = Seal::parse(&text).unwrap();
        assert_eq!(back, s);
        assert!(back.verify(&public_key(&SECRET)));
        assert!(!back.verify(&public_key(&[8; 32])));
    }

    #[test]
    fn every_changed_character_is_caught() {
        let text = seal().payload();
        let key = public_key(&SECRET);
        for (i, c) in text.char_indices() {
            let replacement = if c == 'A' { 'B' } else { 'A' };
            let mut changed = text.clone();
            changed.replace_range(i..i + c.len_utf8(), &replacement.to_string());
            let ok = Seal::parse(&changed).map(|s| s.verify(&key)).unwrap_or(false);
            assert!(!ok, "a change at {i} passed: {changed}");
        }
    }

    #[test]
    fn other_versions_and_shapes_are_refused() {
        assert_eq!(Seal::parse("OTAU3|x"), Err(SealError::Version { found: "OTAU3".into() }));
        assert_eq!(Seal::parse("OTAU2|x"), Err(SealError::Malformed { reason: "fields" }));
        assert!(matches!(Seal::parse("hello"), Err(SealError::Malformed { .. })));
        let text = seal().payload().replace("CERT", "XXXX");
        assert_eq!(Seal::parse(&text), Err(SealError::Malformed { reason: "kind" }));
    }

    #[test]
    fn a_paper_of_the_first_format_still_verifies() {
        let mut old = seal();
        old.subject = None;
        let key = SigningKey::from_bytes(&SECRET);
        old.signature = URL_SAFE_NO_PAD.encode(key.sign(old.signed_text().as_bytes()).to_bytes());
        let text = old.payload();
        assert!(text.starts_with("OTAU1|PVL01|CERT|") && text.split('|').count() == 7, "{text}");
        let back = Seal::parse(&text).unwrap();
        assert_eq!(back.subject, None);
        assert!(back.verify(&public_key(&SECRET)));
    }

    #[test]
    fn a_genuine_code_names_whom_its_paper_is_about_and_another_subject_breaks_it() {
        let s = seal();
        let forged = s.payload().replace("Сейітқали Нұрсұлтан", "Басқа Адам");
        let back = Seal::parse(&forged).unwrap();
        assert!(!back.verify(&public_key(&SECRET)), "the subject is signed");
        assert_eq!(clean_subject("  a|b\n\tc  "), "a b c");
        assert_eq!(clean_subject(" | "), "—");
        assert_eq!(clean_subject(&"ж".repeat(500)).chars().count(), SUBJECT_MAX);
    }

    #[test]
    fn keys_round_trip_as_text() {
        let key = public_key(&SECRET);
        assert_eq!(decode_public_key(&encode_key(&key)), Some(key));
        assert_eq!(decode_public_key("not a key"), None);
    }
}
