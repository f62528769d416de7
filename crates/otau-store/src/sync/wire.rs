//! What the store takes from the centre and gives to it: the wire types of `otau-sync`, which
//! the store reads and writes without any network code.

pub use otau_sync::merge::{Case, Conflict, ConflictKind, Verdict};
pub use otau_sync::messages::{History, NumberUsed, OwnEntry, PullEntry, ReferenceItem, Want};
pub use otau_sync::{Block, Series, SignedEvent};
