//! The device's blocking HTTP client.
