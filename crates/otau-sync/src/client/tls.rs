//! TLS for devices: the centre's self-signed certificate is trusted by its SHA-256 alone (pinned
//! at enrolment), never by a certificate authority.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

/// What a certificate must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin {
    /// The full SHA-256, pinned at enrolment.
    Full([u8; 32]),
    /// The first 128 bits, from an enrolment code.
    Prefix([u8; 16]),
}

/// What the verifier saw of the centre's certificate.
#[derive(Debug, Default)]
pub struct Seen {
    /// The SHA-256 of the last certificate presented.
    pub fingerprint: Option<[u8; 32]>,
    /// The last certificate presented did not match the pin.
    pub mismatch: bool,
}

/// A verifier that accepts exactly the pinned certificate.
#[derive(Debug)]
pub struct PinVerifier {
    pin: Pin,
    provider: Arc<CryptoProvider>,
    seen: Arc<Mutex<Seen>>,
}

impl PinVerifier {
    /// A verifier for `pin`, recording what it sees in `seen`.
    pub fn new(pin: Pin, provider: Arc<CryptoProvider>, seen: Arc<Mutex<Seen>>) -> PinVerifier {
        PinVerifier { pin, provider, seen }
    }
}

impl ServerCertVerifier for PinVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let fingerprint: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        let ok = match self.pin {
            Pin::Full(p) => p == fingerprint,
            Pin::Prefix(p) => fingerprint[..16] == p,
        };
        if let Ok(mut seen) = self.seen.lock() {
            seen.fingerprint = Some(fingerprint);
            seen.mismatch = !ok;
        }
        if ok {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("the centre's certificate is not the pinned one".into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// A rustls client configuration trusting only `pin`.
pub fn client_config(
    pin: Pin,
    seen: Arc<Mutex<Seen>>,
) -> Result<rustls::ClientConfig, rustls::Error> {
    // ring builds with a C compiler alone (aws-lc-rs needs cmake); a pinned self-signed
    // certificate gains nothing from the post-quantum key exchange ring lacks.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(PinVerifier::new(pin, provider.clone(), seen));
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}
