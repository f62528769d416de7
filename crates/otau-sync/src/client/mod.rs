//! The device's blocking HTTP client for the centre (feature `client`).
//!
//! # Design
//! Blocking, because the device syncs from a background thread of the desktop app or from the
//! `otau` command line, neither of which runs an async runtime. HTTPS trusts only the centre's
//! certificate pinned by SHA-256 (`tls`); plain HTTP is allowed only to a loopback address
//! (tests). Every request carries `Otau-Protocol`; after a session is opened every request also
//! carries the bearer token and a fresh `Otau-Request` id. Error bodies become [`SyncError`]s
//! with their codes.

pub mod tls;

use crate::code::{session_message, EnrolCode};
use crate::error::SyncError;
use crate::messages::*;
use crate::{Block, SignedEvent, PROTOCOL_HEADER, PROTOCOL_MAX, REQUEST_HEADER};
use ed25519_dalek::{Signer, SigningKey};
use reqwest::blocking::{Client, RequestBuilder};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tls::{Pin, Seen};
use uuid::Uuid;

pub use crate::blocks::Block as NumberBlock;

/// A connection to the centre.
pub struct CentreClient {
    base: String,
    http: Client,
    seen: Arc<Mutex<Seen>>,
    token: Option<String>,
    protocol: u32,
}

impl std::fmt::Debug for CentreClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CentreClient").field("base", &self.base).finish_non_exhaustive()
    }
}

fn unreachable(e: impl std::fmt::Display) -> SyncError {
    SyncError::Unreachable { reason: e.to_string() }
}

/// Whether `url` is plain HTTP to a loopback address (allowed without a pin, for tests).
fn loopback_http(url: &reqwest::Url) -> bool {
    url.scheme() == "http"
        && match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            _ => false,
        }
}

impl CentreClient {
    /// A client for the centre at `url` (`https://host:port`) whose certificate has the SHA-256
    /// `cert_sha256` (as pinned at enrolment). `http://127.0.0.1:…` and `http://[::1]:…` work
    /// without TLS, for tests.
    pub fn new(url: &str, cert_sha256: [u8; 32]) -> Result<CentreClient, SyncError> {
        CentreClient::build(url, Pin::Full(cert_sha256))
    }

    fn build(url: &str, pin: Pin) -> Result<CentreClient, SyncError> {
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| SyncError::BadRequest { reason: format!("centre address: {e}") })?;
        if parsed.scheme() != "https" && !loopback_http(&parsed) {
            return Err(SyncError::BadRequest {
                reason: "the centre is reached over https (plain http only on a loopback address)"
                    .into(),
            });
        }
        let seen = Arc::new(Mutex::new(Seen::default()));
        let config = tls::client_config(pin, seen.clone()).map_err(unreachable)?;
        let http = Client::builder()
            .tls_backend_preconfigured(config)
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(unreachable)?;
        Ok(CentreClient {
            base: url.trim_end_matches('/').to_string(),
            http,
            seen,
            token: None,
            protocol: PROTOCOL_MAX,
        })
    }

    /// Speaks another protocol version than this build's (to test refusals).
    pub fn with_protocol(mut self, version: u32) -> CentreClient {
        self.protocol = version;
        self
    }

    /// The SHA-256 of the certificate the centre last presented (none over plain HTTP).
    pub fn seen_certificate(&self) -> Option<[u8; 32]> {
        self.seen.lock().ok().and_then(|s| s.fingerprint)
    }

    /// Sends a request and reads the answer; `request_id` overrides the fresh `Otau-Request` id.
    /// The building block of every method, public for tools and tests.
    pub fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: Option<&[(&str, String)]>,
        body: Option<&B>,
        request_id: Option<Uuid>,
    ) -> Result<T, SyncError> {
        let mut req: RequestBuilder = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(PROTOCOL_HEADER, self.protocol.to_string());
        if let Some(token) = &self.token {
            req = req
                .bearer_auth(token)
                .header(REQUEST_HEADER, request_id.unwrap_or_else(Uuid::new_v4).to_string());
        }
        if let Some(q) = query {
            req = req.query(q);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = match req.send() {
            Ok(r) => r,
            Err(e) => {
                let mismatch = self.seen.lock().map(|s| s.mismatch).unwrap_or(false);
                return Err(if mismatch { SyncError::CertificateMismatch } else { unreachable(e) });
            }
        };
        let status = resp.status();
        let bytes = resp.bytes().map_err(unreachable)?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| SyncError::Unreachable {
                reason: format!("unreadable answer from the centre: {e}"),
            });
        }
        match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(body) => Err(SyncError::from_body(body)),
            Err(_) => Err(SyncError::Server {
                reason: format!("{status}: {}", String::from_utf8_lossy(&bytes)),
            }),
        }
    }

    fn get<T: DeserializeOwned>(&self, path: &str, q: &[(&str, String)]) -> Result<T, SyncError> {
        self.call::<(), T>(Method::GET, path, Some(q), None, None)
    }

    fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, SyncError> {
        self.call(Method::POST, path, None, Some(body), None)
    }

    /// `GET /v1/hello`.
    pub fn hello(&self) -> Result<Hello, SyncError> {
        self.get("/v1/hello", &[])
    }

    /// Enrols this device with a one-time code: the centre's certificate is accepted only if its
    /// SHA-256 starts with the code's pin. Returns the answer and the full fingerprint to pin from
    /// now on (over plain loopback HTTP, the one the centre names).
    pub fn enrol(url: &str, request: &EnrolRequest) -> Result<(Enrolled, [u8; 32]), SyncError> {
        let code = EnrolCode::parse(&request.code)?;
        let client = CentreClient::build(url, Pin::Prefix(code.pin))?;
        let enrolled: Enrolled = client.post("/v1/enrol", request)?;
        let named: [u8; 32] = hex::decode(&enrolled.cert_sha256)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or(SyncError::CertificateMismatch)?;
        match client.seen_certificate() {
            Some(seen) if seen != named => Err(SyncError::CertificateMismatch),
            _ => Ok((enrolled, named)),
        }
    }

    /// Opens a session: signs the centre's challenge with the device key.
    pub fn open_session(
        &mut self,
        centre_id: Uuid,
        device_id: Uuid,
        device_key: &SigningKey,
    ) -> Result<(), SyncError> {
        self.token = None;
        let Challenge { challenge } = self.post("/v1/session", &SessionRequest { device_id })?;
        let message = session_message(centre_id, device_id, &challenge);
        let signature = hex::encode(device_key.sign(message.as_bytes()).to_bytes());
        let token: SessionToken =
            self.post("/v1/session/confirm", &SessionConfirm { device_id, challenge, signature })?;
        self.token = Some(token.token);
        Ok(())
    }

    /// `GET /v1/device/state`, telling the centre what the device believes.
    pub fn device_state(&self, query: DeviceStateQuery) -> Result<DeviceState, SyncError> {
        let mut q = vec![];
        if let Some(a) = query.acked {
            q.push(("acked", a.to_string()));
        }
        if let Some(c) = query.cursor {
            q.push(("cursor", c.to_string()));
        }
        self.get("/v1/device/state", &q)
    }

    /// `POST /v1/push`.
    pub fn push(&self, events: &[SignedEvent]) -> Result<PushResponse, SyncError> {
        #[derive(Serialize)]
        struct Req<'a> {
            events: &'a [SignedEvent],
        }
        self.post("/v1/push", &Req { events })
    }

    /// `GET /v1/pull`.
    pub fn pull(&self, after: i64, limit: u32) -> Result<PullResponse, SyncError> {
        self.get("/v1/pull", &[("after", after.to_string()), ("limit", limit.to_string())])
    }

    /// `GET /v1/own`: the device's own events back.
    pub fn own(&self, after: i64, limit: u32) -> Result<OwnResponse, SyncError> {
        self.get("/v1/own", &[("after", after.to_string()), ("limit", limit.to_string())])
    }

    /// `POST /v1/device/fork`: a new identity. The session stays with the old id: open a new
    /// one for the new id.
    pub fn fork(&self, from_seq: i64) -> Result<Forked, SyncError> {
        self.post("/v1/device/fork", &ForkRequest { from_seq })
    }

    /// `POST /v1/blocks`: top up number blocks.
    pub fn blocks(&self, want: &[Want]) -> Result<Vec<Block>, SyncError> {
        let b: Blocks = self.post("/v1/blocks", &BlocksRequest { want: want.to_vec() })?;
        Ok(b.blocks)
    }

    /// `POST /v1/blocks/held`: report the blocks the device holds.
    pub fn report_blocks(&self, blocks: &[Block]) -> Result<HeldRecorded, SyncError> {
        self.post("/v1/blocks/held", &Blocks { blocks: blocks.to_vec() })
    }

    /// `GET /v1/reference`.
    pub fn reference(&self, after: i64, limit: u32) -> Result<ReferencePage, SyncError> {
        self.get("/v1/reference", &[("after", after.to_string()), ("limit", limit.to_string())])
    }
}
