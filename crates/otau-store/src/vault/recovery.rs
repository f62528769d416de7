//! The recovery code: 160 random bits, printed once at `otau init` in groups of four letters
//! and digits to be written down and read aloud; it opens the vault when the office secret is
//! lost.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use data_encoding::BASE32_NOPAD;
use zeroize::Zeroizing;

/// A recovery code, as printed (`ABCD-EFGH-…`, eight groups).
pub struct RecoveryCode(Zeroizing<String>);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl RecoveryCode {
    /// A fresh code.
    pub fn generate() -> RecoveryCode {
        let mut bytes = Zeroizing::new([0u8; 20]);
        OsRng.fill_bytes(bytes.as_mut());
        let plain = Zeroizing::new(BASE32_NOPAD.encode(bytes.as_ref()));
        let mut grouped = Zeroizing::new(String::with_capacity(40));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                grouped.push('-');
            }
            grouped.push(c);
        }
        RecoveryCode(grouped)
    }

    /// The code as printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as typed back, without its separators and case, the way keys are derived from
    /// it; `None` when it is not 32 letters and digits of the code's alphabet.
    pub fn normalise(typed: &str) -> Option<Zeroizing<String>> {
        let text: Zeroizing<String> = Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    '0' => 'O',
                    '1' => 'I',
                    '8' => 'B',
                    other => other,
                })
                .collect(),
        );
        let ok = text.len() == 32 && BASE32_NOPAD.decode(text.as_bytes()).is_ok();
        ok.then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_however_it_is_typed() {
        let code = RecoveryCode::generate();
        assert_eq!(code.as_str().len(), 39);
        assert_eq!(code.as_str().split('-').count(), 8);
        let typed = code.as_str().to_lowercase().replace('-', " ");
        let back = RecoveryCode::normalise(&typed).expect("reads");
        assert_eq!(back.as_str(), code.as_str().replace('-', ""));
        assert!(RecoveryCode::normalise("ABCD-EFGH").is_none());
    }
}
