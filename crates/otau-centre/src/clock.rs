//! The centre's clock: the one place the server reads the time (for enrolment codes, sessions,
//! "last seen" and which year's numbers a device may ask for). Requests are the centre's edge,
//! as a command is `otau`'s; nothing below takes the time but as an argument from here.

use chrono::{DateTime, Utc};

/// Now, by the centre's clock.
#[allow(clippy::disallowed_methods)] // The server's edge reads the clock here, and only here.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}
