//! Everything that can go wrong in sync, each with a stable `sync-…` code that crosses the wire
//! in the error body `{code, message, args}` and is translated on the device.

use crate::messages::{ErrorBody, ProtocolRange};
use otau_core::Coded;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A refusal or failure of sync.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    /// The other side speaks no protocol version this one does.
    #[error("protocol version {theirs:?} is not supported (supported: {ours:?})")]
    ProtocolUnsupported {
        /// What this side speaks.
        ours: ProtocolRange,
        /// What the other side asked for.
        theirs: ProtocolRange,
    },
    /// An event of a newer wire version than this build knows.
    #[error("event wire version {wire} is newer than {known}")]
    WireUnsupported {
        /// The event's wire version.
        wire: u64,
        /// The newest this build knows.
        known: u64,
    },
    /// An event whose hash does not match its content.
    #[error("event {event_id} does not match its hash")]
    TamperedEvent {
        /// The event's id as it claims it.
        event_id: String,
    },
    /// An event that is not a wire-1 envelope (a float, a missing field, a wrong type).
    #[error("bad event: {reason}")]
    BadEvent {
        /// What is wrong.
        reason: String,
    },
    /// A request the centre cannot read.
    #[error("bad request: {reason}")]
    BadRequest {
        /// What is wrong.
        reason: String,
    },
    /// No valid session: unknown or revoked device, bad signature, expired token.
    #[error("not authorised")]
    Unauthorised,
    /// The device is quarantined.
    #[error("device quarantined: {reason}")]
    Quarantined {
        /// Why.
        reason: String,
    },
    /// A request id seen before in this session.
    #[error("request replayed")]
    ReplayedRequest,
    /// An event carries a sequence the centre holds with another hash; the device is quarantined.
    #[error("device sequence {seq} is held with another hash")]
    SequenceConflict {
        /// The sequence.
        seq: i64,
    },
    /// An event skips a sequence.
    #[error("gap in device sequence: expected {expected}")]
    Gap {
        /// The sequence the centre expects next.
        expected: i64,
    },
    /// The event belongs to another device or office than the one authenticated.
    #[error("event of another device or office")]
    WrongOwner,
    /// An enrolment code that does not exist, expired or was used.
    #[error("enrolment code invalid")]
    EnrolCodeInvalid,
    /// A device joining an office that already has devices must be empty.
    #[error("a device joining an office must be empty")]
    EnrolNotEmpty,
    /// An enrolment code that is not `OTAU1-<secret>-<pin>`.
    #[error("enrolment code malformed")]
    CodeMalformed,
    /// The centre's certificate is not the one pinned (or not the one the code names).
    #[error("the centre's certificate does not match")]
    CertificateMismatch,
    /// The device talks to a centre other than the one it enrolled with.
    #[error("another centre: {found}")]
    OtherCentre {
        /// The centre id found.
        found: String,
    },
    /// A device id that the centre retired (forked); the device must use its new one.
    #[error("device retired")]
    DeviceRetired,
    /// Something the request names does not exist.
    #[error("not found")]
    NotFound,
    /// The centre could not be reached or answered something unreadable.
    #[error("centre unreachable: {reason}")]
    Unreachable {
        /// What the transport said.
        reason: String,
    },
    /// The centre failed (its storage); nothing was changed.
    #[error("centre failure: {reason}")]
    Server {
        /// What failed, for the logs.
        reason: String,
    },
    /// A code from a newer centre that this build does not know.
    #[error("centre answered {code}: {message}")]
    Other {
        /// The code as received.
        code: String,
        /// Its English message.
        message: String,
    },
}

/// Every code the protocol defines, with its HTTP status.
const CODES: &[(&str, u16)] = &[
    ("sync-protocol-unsupported", 426),
    ("sync-tampered-event", 400),
    ("sync-bad-event", 400),
    ("sync-bad-request", 400),
    ("sync-unauthorised", 401),
    ("sync-quarantined", 403),
    ("sync-replayed-request", 409),
    ("sync-sequence-conflict", 409),
    ("sync-gap", 409),
    ("sync-wrong-owner", 403),
    ("sync-enrol-code-invalid", 403),
    ("sync-enrol-not-empty", 409),
    ("sync-code-malformed", 400),
    ("sync-certificate-mismatch", 495),
    ("sync-other-centre", 409),
    ("sync-device-retired", 410),
    ("sync-not-found", 404),
    ("sync-unreachable", 503),
    ("sync-server-error", 500),
];

impl SyncError {
    /// The HTTP status the centre answers this error with.
    pub fn status(&self) -> u16 {
        let code = self.code();
        CODES.iter().find(|(c, _)| *c == code).map(|(_, s)| *s).unwrap_or(500)
    }

    /// The error body sent on the wire.
    pub fn body(&self) -> ErrorBody {
        let args = match self {
            SyncError::ProtocolUnsupported { ours, theirs } => {
                json!({"supported": ours, "requested": theirs})
            }
            SyncError::WireUnsupported { wire, known } => json!({"wire": wire, "known": known}),
            SyncError::TamperedEvent { event_id } => json!({"event_id": event_id}),
            SyncError::BadEvent { reason } | SyncError::BadRequest { reason } => {
                json!({"reason": reason})
            }
            SyncError::Quarantined { reason } => json!({"reason": reason}),
            SyncError::SequenceConflict { seq } => json!({"seq": seq}),
            SyncError::Gap { expected } => json!({"expected": expected}),
            SyncError::OtherCentre { found } => json!({"found": found}),
            SyncError::Unreachable { reason } | SyncError::Server { reason } => {
                json!({"reason": reason})
            }
            SyncError::Other { code, .. } => json!({"code": code}),
            _ => json!({}),
        };
        let args = match args {
            Value::Object(m) => m.into_iter().collect(),
            _ => BTreeMap::new(),
        };
        ErrorBody { code: self.code().to_string(), message: self.to_string(), args }
    }

    /// The error an error body stands for (the device's side of [`SyncError::body`]).
    pub fn from_body(body: ErrorBody) -> SyncError {
        let int = |k: &str| body.args.get(k).and_then(Value::as_i64).unwrap_or(0);
        let text = |k: &str| {
            body.args.get(k).and_then(Value::as_str).map(str::to_string).unwrap_or_default()
        };
        let range = |k: &str| {
            body.args
                .get(k)
                .and_then(|v| serde_json::from_value::<ProtocolRange>(v.clone()).ok())
                .unwrap_or(ProtocolRange { min: 0, max: 0 })
        };
        match body.code.as_str() {
            "sync-protocol-unsupported" => {
                if body.args.contains_key("wire") {
                    SyncError::WireUnsupported {
                        wire: int("wire") as u64,
                        known: int("known") as u64,
                    }
                } else {
                    // The centre's "supported" is the other side from the device's point of view.
                    SyncError::ProtocolUnsupported {
                        ours: range("requested"),
                        theirs: range("supported"),
                    }
                }
            }
            "sync-tampered-event" => SyncError::TamperedEvent { event_id: text("event_id") },
            "sync-bad-event" => SyncError::BadEvent { reason: text("reason") },
            "sync-bad-request" => SyncError::BadRequest { reason: text("reason") },
            "sync-unauthorised" => SyncError::Unauthorised,
            "sync-quarantined" => SyncError::Quarantined { reason: text("reason") },
            "sync-replayed-request" => SyncError::ReplayedRequest,
            "sync-sequence-conflict" => SyncError::SequenceConflict { seq: int("seq") },
            "sync-gap" => SyncError::Gap { expected: int("expected") },
            "sync-wrong-owner" => SyncError::WrongOwner,
            "sync-enrol-code-invalid" => SyncError::EnrolCodeInvalid,
            "sync-enrol-not-empty" => SyncError::EnrolNotEmpty,
            "sync-code-malformed" => SyncError::CodeMalformed,
            "sync-certificate-mismatch" => SyncError::CertificateMismatch,
            "sync-other-centre" => SyncError::OtherCentre { found: text("found") },
            "sync-device-retired" => SyncError::DeviceRetired,
            "sync-not-found" => SyncError::NotFound,
            "sync-unreachable" => SyncError::Unreachable { reason: text("reason") },
            "sync-server-error" => SyncError::Server { reason: text("reason") },
            _ => SyncError::Other { code: body.code, message: body.message },
        }
    }
}

impl Coded for SyncError {
    fn code(&self) -> &'static str {
        match self {
            SyncError::ProtocolUnsupported { .. } | SyncError::WireUnsupported { .. } => {
                "sync-protocol-unsupported"
            }
            SyncError::TamperedEvent { .. } => "sync-tampered-event",
            SyncError::BadEvent { .. } => "sync-bad-event",
            SyncError::BadRequest { .. } => "sync-bad-request",
            SyncError::Unauthorised => "sync-unauthorised",
            SyncError::Quarantined { .. } => "sync-quarantined",
            SyncError::ReplayedRequest => "sync-replayed-request",
            SyncError::SequenceConflict { .. } => "sync-sequence-conflict",
            SyncError::Gap { .. } => "sync-gap",
            SyncError::WrongOwner => "sync-wrong-owner",
            SyncError::EnrolCodeInvalid => "sync-enrol-code-invalid",
            SyncError::EnrolNotEmpty => "sync-enrol-not-empty",
            SyncError::CodeMalformed => "sync-code-malformed",
            SyncError::CertificateMismatch => "sync-certificate-mismatch",
            SyncError::OtherCentre { .. } => "sync-other-centre",
            SyncError::DeviceRetired => "sync-device-retired",
            SyncError::NotFound => "sync-not-found",
            SyncError::Unreachable { .. } => "sync-unreachable",
            SyncError::Server { .. } => "sync-server-error",
            SyncError::Other { .. } => "sync-server-error",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        self.body()
            .args
            .into_iter()
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, text)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_survives_the_wire() {
        let all = [
            SyncError::Gap { expected: 7 },
            SyncError::SequenceConflict { seq: 3 },
            SyncError::Quarantined { reason: "x".into() },
            SyncError::WireUnsupported { wire: 2, known: 1 },
            SyncError::ReplayedRequest,
            SyncError::EnrolCodeInvalid,
        ];
        for e in all {
            let body = e.body();
            let back = SyncError::from_body(
                serde_json::from_value(serde_json::to_value(&body).unwrap()).unwrap(),
            );
            assert_eq!(back, e);
            assert!(e.status() >= 400);
        }
    }

    #[test]
    fn every_code_has_a_status() {
        for (code, status) in CODES {
            assert!(code.starts_with("sync-") && *status >= 400);
        }
    }
}
