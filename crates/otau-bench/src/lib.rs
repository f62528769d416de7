//! What the benchmark binaries share: tracing a connection's writes and replaying them as plain
//! SQL ([`replay`]).

pub mod replay;
