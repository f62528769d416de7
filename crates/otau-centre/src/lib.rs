//! The Otau centre: the server every office device syncs with (`docs/SYNC.md`), on an embedded
//! SQLite file by default and on PostgreSQL in production.
//!
//! **Architecture Invariant**: only this crate writes SQL on the server, and only in `storage`.
//! **Architecture Invariant**: the merge rules are `otau_sync::merge`, applied once, when an
//! event is accepted, under the office's lock that also allocates its gapless `server_seq`.
#![deny(missing_docs)]

pub mod admin;
pub mod clock;
pub mod crossing;
pub mod data;
pub mod enrolment;
pub mod error;
pub mod http;
pub mod packets;
pub mod payments;
pub mod pg_temp;
pub mod push;
pub mod reference;
pub mod replica;
pub mod reports;
pub mod rules;
pub mod server;
pub mod storage;
pub mod summary;

pub use data::{DataDir, Identity};
pub use error::{CentreError, Result};
pub use storage::Storage;

use std::sync::Arc;

/// The protocol version the centre answers with.
pub const PROTOCOL_VERSION: u32 = otau_sync::PROTOCOL_MAX;
/// Numbers in a block, unless `--block-size` says otherwise.
pub const DEFAULT_BLOCK_SIZE: i64 = 1000;

/// A running centre's state: who it is, where it stores, how it hands out numbers.
pub struct Centre {
    /// Identity and certificate.
    pub identity: Identity,
    /// Storage.
    pub storage: Arc<dyn Storage>,
    /// Numbers per block.
    pub block_size: i64,
    /// The event text a page of pull or own holds at most ([`http::MAX_PAGE_BYTES`]).
    pub page_bytes: i64,
}

/// Where the centre's data is.
#[derive(Debug, Clone)]
pub struct Location {
    /// The data folder (identity, certificate, the SQLite file).
    pub data: std::path::PathBuf,
    /// A PostgreSQL URL instead of the SQLite file.
    pub database_url: Option<String>,
}

/// Opens the storage of a centre and checks it belongs to the centre of the data folder.
pub async fn open_storage(identity: &Identity, location: &Location) -> Result<Arc<dyn Storage>> {
    let storage: Arc<dyn Storage> = match &location.database_url {
        Some(url) => {
            Arc::new(storage::postgres::PgStorage::connect(url).await?) as Arc<dyn Storage>
        }
        None => Arc::new(storage::sqlite::SqliteStorage::open(
            &DataDir::new(&location.data).database(),
        )?),
    };
    let row = storage::CentreRow { id: identity.id, name: identity.name.clone() };
    storage.init_centre(&row, &admin::now()).await?;
    Ok(storage)
}
