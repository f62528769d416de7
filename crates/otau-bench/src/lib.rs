//! What the benchmark binaries share: registering a family as the counter does
//! ([`register_at_counter`]), and tracing a connection's writes to replay them as plain SQL
//! ([`replay`]).

pub mod replay;

use otau_core::model::FamilyInput;
use otau_store::{Context, Duplicates, Store, StoreError};

/// Registers one family in its own transaction as the clerk does: the duplicate check first,
/// and a family with likely duplicates is looked at and registered all the same.
pub fn register_at_counter(
    store: &mut Store,
    ctx: &Context,
    family: &FamilyInput,
) -> Result<(), StoreError> {
    match store.register_family(ctx, family, Duplicates::Refuse) {
        Err(StoreError::Duplicates(_)) => {
            store.register_family(ctx, family, Duplicates::Allow).map(drop)
        }
        other => other.map(drop),
    }
}
