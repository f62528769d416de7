//! Canonical JSON: the one text form of a value that every hash in Otau is taken over.
//!
//! # Context
//! The audit chain, sync events, document content hashes and QR seals are hashes of JSON. The
//! desktop app, the command line and the centre must produce the same bytes for the same value,
//! whatever order a map was built in, so the text is fixed here once: object keys sorted at every
//! level, no whitespace, strings escaped as `serde_json` escapes them, integers only (Otau never
//! puts a float into a hashed value).

use serde_json::{Map, Value};

/// `value` as canonical JSON text.
pub fn canonical_json(value: &Value) -> String {
    // Serialising a `Value` cannot fail: every key is a string.
    serde_json::to_string(&sorted(value)).unwrap_or_default()
}

fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                if let Some(v) = map.get(k) {
                    out.insert(k.clone(), sorted(v));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_json;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_level_and_nothing_else_changes() {
        let value = json!({"b": 1, "a": {"d": [ {"z": null, "y": "Ә"} ], "c": true}});
        assert_eq!(canonical_json(&value), r#"{"a":{"c":true,"d":[{"y":"Ә","z":null}]},"b":1}"#);
    }

    #[test]
    fn the_same_content_built_in_another_order_gives_the_same_text() {
        let mut one = serde_json::Map::new();
        one.insert("x".into(), json!(1));
        one.insert("a".into(), json!("q\"\n"));
        let mut two = serde_json::Map::new();
        two.insert("a".into(), json!("q\"\n"));
        two.insert("x".into(), json!(1));
        assert_eq!(canonical_json(&one.into()), canonical_json(&two.into()));
    }
}
