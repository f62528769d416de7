//! The HTTP API of protocol v1 (`docs/SYNC.md`): routes, the protocol version check, sessions
//! and the authorisation of every request. Handlers read the clock and call the storage; the
//! rules live in `otau_sync` and [`crate::push`].

use crate::error::CentreError;
use crate::storage::{DeviceRow, Incoming, StoredEntry, StoredItem};
use crate::Centre;
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, SecondsFormat};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use otau_sync::code::session_message;
use otau_sync::messages::*;
use otau_sync::{sha256_hex, SyncError, PROTOCOL_HEADER, REQUEST_HEADER};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use uuid::Uuid;

/// How long a challenge lives.
const CHALLENGE_SECONDS: i64 = 60;
/// How long a session lives.
const SESSION_SECONDS: i64 = 3600;
/// The largest page of pull, own and reference.
pub const MAX_PAGE: i64 = 5000;
/// The event text a page of pull or own holds at most (16 MiB), beside [`MAX_PAGE`] events:
/// events may carry scans of documents (megabytes each). An event larger than this still goes,
/// alone in its page, so a device always advances.
pub const MAX_PAGE_BYTES: i64 = 16 * 1024 * 1024;
/// The largest push.
pub const MAX_PUSH: usize = 5000;

/// An error answered to a device.
pub struct ApiError(SyncError);

impl From<SyncError> for ApiError {
    fn from(e: SyncError) -> Self {
        ApiError(e)
    }
}

impl From<CentreError> for ApiError {
    fn from(e: CentreError) -> Self {
        ApiError(e.to_sync())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.0.body())).into_response()
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;
type Shared = State<Arc<Centre>>;

fn now() -> String {
    crate::clock::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn later(seconds: i64) -> String {
    (crate::clock::now() + Duration::seconds(seconds)).to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// The routes of protocol v1.
pub fn router(centre: Arc<Centre>) -> Router {
    Router::new()
        .route("/v1/hello", get(hello))
        .route("/v1/enrol", post(enrol))
        .route("/v1/session", post(session))
        .route("/v1/session/confirm", post(confirm))
        .route("/v1/device/state", get(device_state))
        .route("/v1/device/fork", post(fork))
        .route("/v1/push", post(push))
        .route("/v1/pull", get(pull))
        .route("/v1/own", get(own))
        .route("/v1/blocks", post(blocks))
        .route("/v1/blocks/held", post(blocks_held))
        .route("/v1/reference", get(reference))
        .layer(middleware::from_fn(protocol))
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .with_state(centre)
}

/// Refuses a request without a protocol version this centre speaks, naming both ranges.
async fn protocol(req: Request, next: Next) -> Response {
    let asked = req
        .headers()
        .get(PROTOCOL_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok());
    match asked {
        Some(v) if ProtocolRange::OURS.contains(v) => {
            let mut resp = next.run(req).await;
            resp.headers_mut().insert(PROTOCOL_HEADER, HeaderValue::from(crate::PROTOCOL_VERSION));
            resp
        }
        other => {
            let v = other.unwrap_or(0);
            ApiError(SyncError::ProtocolUnsupported {
                ours: ProtocolRange::OURS,
                theirs: ProtocolRange { min: v, max: v },
            })
            .into_response()
        }
    }
}

/// Whether quarantined devices may make the request.
#[derive(PartialEq)]
enum Quarantine {
    Refused,
    Allowed,
}

/// The device of the request's session; refuses replays, retired and quarantined devices.
async fn device(c: &Centre, headers: &HeaderMap, q: Quarantine) -> Result<DeviceRow, ApiError> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(SyncError::Unauthorised)?;
    let request = headers
        .get(REQUEST_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| Uuid::parse_str(v.trim()).ok())
        .ok_or(SyncError::BadRequest { reason: format!("{REQUEST_HEADER} must be a UUID") })?;
    let d = c
        .storage
        .session(&sha256_hex(token.trim().as_bytes()), &request.to_string(), &now())
        .await?
        .ok_or(SyncError::Unauthorised)?;
    if d.retired_at_seq.is_some() {
        return Err(SyncError::DeviceRetired.into());
    }
    if let (Some(reason), Quarantine::Refused) = (&d.quarantine_reason, q) {
        return Err(SyncError::Quarantined { reason: reason.clone() }.into());
    }
    Ok(d)
}

async fn hello(State(c): Shared) -> ApiResult<Hello> {
    Ok(Json(Hello {
        protocol: ProtocolRange::OURS,
        centre_id: c.identity.id,
        centre_name: c.identity.name.clone(),
        centre_public_key: c.identity.public_key(),
    }))
}

async fn enrol(State(c): Shared, Json(req): Json<EnrolRequest>) -> ApiResult<Enrolled> {
    let channel = crate::enrolment::Channel::Https;
    let enrolled =
        crate::enrolment::enrol(&c.identity, &*c.storage, req, c.block_size, channel, &now())
            .await?;
    Ok(Json(enrolled))
}

async fn session(State(c): Shared, Json(req): Json<SessionRequest>) -> ApiResult<Challenge> {
    match c.storage.device(req.device_id).await? {
        Some(d) if d.retired_at_seq.is_none() => {}
        Some(_) => return Err(SyncError::DeviceRetired.into()),
        None => return Err(SyncError::Unauthorised.into()),
    }
    let challenge = random_hex(32);
    c.storage.add_challenge(req.device_id, &challenge, &later(CHALLENGE_SECONDS)).await?;
    Ok(Json(Challenge { challenge }))
}

async fn confirm(State(c): Shared, Json(req): Json<SessionConfirm>) -> ApiResult<SessionToken> {
    if !c.storage.take_challenge(req.device_id, &req.challenge, &now()).await? {
        return Err(SyncError::Unauthorised.into());
    }
    let d = c.storage.device(req.device_id).await?.ok_or(SyncError::Unauthorised)?;
    let key: [u8; 32] = hex::decode(&d.device_key)
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or(SyncError::Unauthorised)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| SyncError::Unauthorised)?;
    let sig: [u8; 64] = hex::decode(req.signature.trim())
        .ok()
        .and_then(|v| v.try_into().ok())
        .ok_or(SyncError::Unauthorised)?;
    let message = session_message(c.identity.id, req.device_id, &req.challenge);
    key.verify(message.as_bytes(), &Signature::from_bytes(&sig))
        .map_err(|_| SyncError::Unauthorised)?;
    let token = random_hex(32);
    c.storage
        .add_session(&sha256_hex(token.as_bytes()), req.device_id, &later(SESSION_SECONDS), &now())
        .await?;
    Ok(Json(SessionToken { token, expires_in: SESSION_SECONDS }))
}

async fn device_state(
    State(c): Shared,
    headers: HeaderMap,
    Query(q): Query<DeviceStateQuery>,
) -> ApiResult<DeviceState> {
    let d = device(&c, &headers, Quarantine::Allowed).await?;
    if let (Some(acked), Some(cursor)) = (q.acked, q.cursor) {
        let report = crate::storage::DeviceReport { acked, cursor, reference_cursor: None };
        c.storage.note_report(d.id, report, &now()).await?;
    }
    Ok(Json(c.storage.device_state(&d, q, c.identity.id, &now()).await?))
}

async fn fork(
    State(c): Shared,
    headers: HeaderMap,
    Json(req): Json<ForkRequest>,
) -> ApiResult<Forked> {
    let d = device(&c, &headers, Quarantine::Refused).await?;
    Ok(Json(c.storage.fork(&d, req.from_seq, Uuid::now_v7(), &now()).await?))
}

async fn push(
    State(c): Shared,
    headers: HeaderMap,
    Json(req): Json<PushRequest>,
) -> ApiResult<PushResponse> {
    let d = device(&c, &headers, Quarantine::Refused).await?;
    if req.events.len() > MAX_PUSH {
        return Err(
            SyncError::BadRequest { reason: format!("at most {MAX_PUSH} events a push") }.into()
        );
    }
    let mut events = Vec::with_capacity(req.events.len());
    for signed in req.events {
        let envelope = signed.verify()?;
        if envelope.office != d.office || envelope.device_id != d.id {
            return Err(SyncError::WrongOwner.into());
        }
        events.push(Incoming { envelope, signed });
    }
    if events.is_empty() {
        return Ok(Json(PushResponse { results: vec![], held_through: d.held_through }));
    }
    Ok(Json(c.storage.push(&d, events, &now()).await?))
}

#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    after: i64,
    #[serde(default)]
    limit: Option<i64>,
}

impl Page {
    fn limit(&self) -> i64 {
        self.limit.unwrap_or(1000).clamp(1, MAX_PAGE)
    }
}

#[derive(Serialize)]
struct PullPage {
    entries: Vec<StoredEntry>,
    high: i64,
}

async fn pull(State(c): Shared, headers: HeaderMap, Query(p): Query<Page>) -> ApiResult<PullPage> {
    let d = device(&c, &headers, Quarantine::Refused).await?;
    let (entries, high) = c.storage.pull(&d.office, p.after, p.limit(), c.page_bytes).await?;
    Ok(Json(PullPage { entries, high }))
}

#[derive(Serialize)]
struct OwnPage {
    entries: Vec<StoredEntry>,
    held_through: i64,
}

async fn own(State(c): Shared, headers: HeaderMap, Query(p): Query<Page>) -> ApiResult<OwnPage> {
    let d = device(&c, &headers, Quarantine::Refused).await?;
    let entries = c.storage.own(d.id, p.after, p.limit(), c.page_bytes).await?;
    Ok(Json(OwnPage { entries, held_through: d.held_through }))
}

async fn blocks(
    State(c): Shared,
    headers: HeaderMap,
    Json(req): Json<BlocksRequest>,
) -> ApiResult<Blocks> {
    let d = device(&c, &headers, Quarantine::Refused).await?;
    let this_year = chrono::Datelike::year(&crate::clock::now().date_naive());
    let want = crate::rules::wanted_blocks(req.want, this_year)?;
    Ok(Json(Blocks { blocks: c.storage.blocks(&d, &want, c.block_size, &now()).await? }))
}

async fn blocks_held(
    State(c): Shared,
    headers: HeaderMap,
    Json(req): Json<Blocks>,
) -> ApiResult<HeldRecorded> {
    let d = device(&c, &headers, Quarantine::Refused).await?;
    Ok(Json(HeldRecorded { recorded: c.storage.held_blocks(&d, &req.blocks, &now()).await? }))
}

#[derive(Serialize)]
struct RefPage {
    items: Vec<StoredItem>,
    high: i64,
}

async fn reference(
    State(c): Shared,
    headers: HeaderMap,
    Query(p): Query<Page>,
) -> ApiResult<RefPage> {
    let d = device(&c, &headers, Quarantine::Refused).await?;
    let (items, high) = c.storage.reference(&d.office, p.after, p.limit()).await?;
    Ok(Json(RefPage { items, high }))
}
