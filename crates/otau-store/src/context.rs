//! Who acts, at what moment, and on which date of the law: the three things every change needs,
//! read once at the edge (the clock is never read below it) and passed down as one value.

use crate::users::Actor;
use chrono::{DateTime, NaiveDate, Utc};

/// The context of one operation: who makes it, the moment recorded in the audit, and the local
/// calendar date the law is applied on (registration year, "not in the future", terms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The signed-in user (or the system itself), the "who" of every audit row.
    pub actor: Actor,
    /// The moment of the change (UTC), for the audit and the outbox only.
    pub at: DateTime<Utc>,
    /// Today's date where the office is.
    pub today: NaiveDate,
}

impl Context {
    /// `actor` acting at `at` on `today`.
    pub fn new(actor: &Actor, at: DateTime<Utc>, today: NaiveDate) -> Context {
        Context { actor: actor.clone(), at, today }
    }

    /// The system acting on its own (creating an office, loading shipped reference data), on
    /// the UTC date of `at`.
    pub fn system(at: DateTime<Utc>) -> Context {
        Context { actor: Actor::system(), at, today: at.date_naive() }
    }
}
