//! Records: the rows of the registry tables, and their conversion to and from SQLite rows.
//!
//! A record is a flat serde struct whose field names are its table's column names. That one
//! fact lets the write path ([`crate::write`]) insert, diff and update any record generically,
//! and lets the audit and the outbox carry the record as JSON without a second mapping.

use crate::error::{Result, StoreError};
use rusqlite::types::{Value, ValueRef};
use rusqlite::Row;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Map;
use uuid::Uuid;

/// A row of a table written only through the one write path.
pub trait Record: Serialize + DeserializeOwned {
    /// The table.
    const TABLE: &'static str;
    /// The entity name used in the audit and in events (`person`, `family`, …).
    const ENTITY: &'static str;
    /// Fields never copied into an event (secrets): left out, with no placeholder.
    const REDACTED: &'static [&'static str] = &[];
    /// Records of this device alone (its own keys and passwords): logged, never sent.
    const PRIVATE: bool = false;

    /// The record's id.
    fn id(&self) -> Uuid;
    /// The version stored with the record (1 on insert, +1 on each change).
    fn version(&self) -> i64;
    /// Sets the version.
    fn set_version(&mut self, version: i64);
    /// The id of the person or family this record belongs to, for `otau audit`.
    fn subject(&self) -> Option<Uuid> {
        Some(self.id())
    }
    /// The person whose search entry must be refreshed when this record changes.
    fn search_person(&self) -> Option<Uuid> {
        None
    }
}

/// A record as a map of column → JSON value (flat).
pub(crate) fn to_map<R: Record>(record: &R) -> Result<Map<String, serde_json::Value>> {
    match serde_json::to_value(record) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        Ok(_) => Err(StoreError::Corrupt(format!("{} is not a flat record", R::TABLE))),
        Err(e) => Err(StoreError::Corrupt(e.to_string())),
    }
}

/// A JSON value as an SQLite value.
pub(crate) fn to_sql(value: &serde_json::Value) -> Result<Value> {
    Ok(match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => return Err(StoreError::Corrupt(format!("non-integer number {n} in a record"))),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => return Err(StoreError::Corrupt(format!("nested value {other} in a record"))),
    })
}

/// Reads a whole row (selected with `SELECT *` or named columns) into a record.
pub fn from_row<R: DeserializeOwned>(row: &Row<'_>) -> rusqlite::Result<R> {
    let stmt = row.as_ref();
    let mut map = Map::new();
    for i in 0..stmt.column_count() {
        let name = stmt.column_name(i)?.to_string();
        let value = match row.get_ref(i)? {
            ValueRef::Null => serde_json::Value::Null,
            ValueRef::Integer(n) => serde_json::Value::from(n),
            ValueRef::Real(f) => serde_json::Value::from(f),
            ValueRef::Text(t) => serde_json::Value::String(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => serde_json::Value::String(hex::encode(b)),
        };
        map.insert(name, value);
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// (De)serializes a value as a JSON text column, so a structured value fits a flat record.
pub(crate) mod json_text {
    use serde::de::DeserializeOwned;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<T: Serialize, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(v).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }

    pub(crate) fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(serde::de::Error::custom)
    }
}
