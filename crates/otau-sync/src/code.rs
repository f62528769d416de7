//! The enrolment code `OTAU1-<secret>-<pin>` and the message a device signs to open a session.
//!
//! `secret` is 80 random bits (the centre keeps only its hash), `pin` the first 128 bits of the
//! SHA-256 of the centre's certificate, both base32 without padding: the code alone lets a
//! device recognise the right centre on its first connection.

use crate::error::SyncError;
use data_encoding::BASE32_NOPAD;
use uuid::Uuid;

/// The prefix, which is also the code format's version.
pub const PREFIX: &str = "OTAU1";

/// An enrolment code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnrolCode {
    /// 80 random bits.
    pub secret: [u8; 10],
    /// The first 128 bits of the certificate's SHA-256.
    pub pin: [u8; 16],
}

impl EnrolCode {
    /// A code for a secret and a certificate's SHA-256.
    pub fn new(secret: [u8; 10], cert_sha256: &[u8; 32]) -> EnrolCode {
        let mut pin = [0; 16];
        pin.copy_from_slice(&cert_sha256[..16]);
        EnrolCode { secret, pin }
    }

    /// The text form.
    pub fn format(&self) -> String {
        format!("{PREFIX}-{}-{}", BASE32_NOPAD.encode(&self.secret), BASE32_NOPAD.encode(&self.pin))
    }

    /// Reads a code as typed or pasted (any case, surrounding spaces).
    pub fn parse(text: &str) -> Result<EnrolCode, SyncError> {
        let upper = text.trim().to_ascii_uppercase();
        let mut parts = upper.split('-');
        let (Some(PREFIX), Some(secret), Some(pin), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(SyncError::CodeMalformed);
        };
        let decode =
            |s: &str| BASE32_NOPAD.decode(s.as_bytes()).map_err(|_| SyncError::CodeMalformed);
        let secret: [u8; 10] = decode(secret)?.try_into().map_err(|_| SyncError::CodeMalformed)?;
        let pin: [u8; 16] = decode(pin)?.try_into().map_err(|_| SyncError::CodeMalformed)?;
        Ok(EnrolCode { secret, pin })
    }

    /// Whether a certificate (its SHA-256) is the one the code names.
    pub fn pins(&self, cert_sha256: &[u8; 32]) -> bool {
        cert_sha256[..16] == self.pin
    }

    /// What the centre stores of the secret: hex SHA-256.
    pub fn secret_hash(&self) -> String {
        crate::sha256_hex(&self.secret)
    }
}

/// The text a device signs with its device key to open a session.
pub fn session_message(centre_id: Uuid, device_id: Uuid, challenge: &str) -> String {
    format!("otau-session-v1|{centre_id}|{device_id}|{challenge}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_and_pins_its_certificate() {
        let cert = [7u8; 32];
        let code = EnrolCode::new([1; 10], &cert);
        let text = code.format();
        assert!(text.starts_with("OTAU1-") && !text.contains('='));
        assert_eq!(EnrolCode::parse(&format!("  {}\n", text.to_lowercase())).unwrap(), code);
        assert!(code.pins(&cert));
        assert!(!code.pins(&[8u8; 32]));
    }

    #[test]
    fn malformed_codes_are_refused() {
        for bad in ["", "OTAU1", "OTAU2-AAAA-BBBB", "OTAU1-AE-AE", "OTAU1-!!!!-????", "OTAU1-a-b-c"]
        {
            assert_eq!(EnrolCode::parse(bad), Err(SyncError::CodeMalformed), "{bad}");
        }
    }

    #[test]
    fn the_session_message_names_centre_device_and_challenge() {
        let m = session_message(Uuid::nil(), Uuid::max(), "abc");
        assert_eq!(m, format!("otau-session-v1|{}|{}|abc", Uuid::nil(), Uuid::max()));
    }
}
