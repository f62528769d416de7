//! The merge policy as data, in one place: which fields take the change accepted last, and which
//! keys must stay unique in an office (and what happens to an insert that breaks one).
//!
//! # Context
//! Identity fields (names, birth date, sex, IIN, documents) always go to a person when two devices
//! change them concurrently; contact details take the change the centre accepted last. Every
//! field not listed here is treated as identity: the safe default for a field added later.

use crate::envelope::Envelope;
use otau_core::canonical::canonical_json;
use serde_json::Value;

/// How a field changed concurrently on two devices merges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// The value accepted first stays; the other becomes a conflict for a person.
    Person,
    /// The change the centre accepted last wins (contact details).
    LastAccepted,
}

/// What happens to an insert whose unique key another event already claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMode {
    /// The insert does not take effect; its content is kept in a `duplicate_insert` conflict.
    Drop,
    /// The insert takes effect and a review case names both events (money: never merged).
    Review,
}

/// When a unique key applies to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// Only when this field is not null.
    NotNull(&'static str),
    /// Only when this field is null.
    IsNull(&'static str),
    /// Only when this field holds one of these texts.
    In(&'static str, &'static [&'static str]),
}

/// A key that is unique among an office's records of one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniqueKey {
    /// Its name (stable: part of claim keys and of conflict and case ids).
    pub name: &'static str,
    /// The fields it is made of.
    pub fields: &'static [&'static str],
    /// When it applies.
    pub when: When,
    /// What a second insert with the same key becomes.
    pub mode: KeyMode,
}

/// The policy of one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityPolicy {
    /// The entity's name in events.
    pub entity: &'static str,
    /// Fields that take the change accepted last.
    pub last_accepted: &'static [&'static str],
    /// Keys unique in an office.
    pub keys: &'static [UniqueKey],
}

const fn key(
    name: &'static str,
    fields: &'static [&'static str],
    when: When,
    mode: KeyMode,
) -> UniqueKey {
    UniqueKey { name, fields, when, mode }
}

const fn plain(entity: &'static str) -> EntityPolicy {
    EntityPolicy { entity, last_accepted: &[], keys: &[] }
}

/// Every entity the office side writes, with its policy.
pub const ENTITIES: &[EntityPolicy] = &[
    plain("office"),
    plain("user"),
    EntityPolicy {
        entity: "family",
        last_accepted: &["address"],
        keys: &[key("regno", &["regno"], When::Always, KeyMode::Drop)],
    },
    EntityPolicy {
        entity: "person",
        last_accepted: &["phone", "email"],
        keys: &[
            key("regno", &["regno"], When::Always, KeyMode::Drop),
            key("iin", &["iin"], When::NotNull("iin"), KeyMode::Review),
        ],
    },
    plain("document"),
    plain("consent"),
    plain("consent_withdrawal"),
    plain("mci_row"),
    plain("kandas_status"),
    plain("casework_setting"),
    plain("quota_row"),
    plain("quota_inclusion"),
    EntityPolicy {
        entity: "plan_item",
        last_accepted: &[],
        keys: &[key("number", &["family_id", "number"], When::Always, KeyMode::Drop)],
    },
    plain("service"),
    plain("stay"),
    plain("office_key"),
    plain("known_office_key"),
    EntityPolicy {
        entity: "issued_document",
        last_accepted: &[],
        keys: &[key("number", &["number"], When::IsNull("copy_of"), KeyMode::Drop)],
    },
    EntityPolicy {
        entity: "document_void",
        last_accepted: &[],
        keys: &[key("document", &["document_id"], When::Always, KeyMode::Drop)],
    },
    EntityPolicy {
        entity: "closed_month",
        last_accepted: &[],
        keys: &[key("month", &["office_code", "month"], When::Always, KeyMode::Drop)],
    },
    plain("subsidy_rule"),
    EntityPolicy {
        entity: "subsidy_decision",
        last_accepted: &[],
        keys: &[key("number", &["number"], When::Always, KeyMode::Drop)],
    },
    plain("subsidy_instalment"),
    EntityPolicy {
        entity: "ledger_entry",
        last_accepted: &[],
        keys: &[
            // Two approvals, two payments or two reversals of one line.
            key(
                "line_kind",
                &["line_id", "kind"],
                When::In("kind", &["approved", "paid", "reversed"]),
                KeyMode::Review,
            ),
            // A line both paid and reversed.
            key(
                "line_settled",
                &["line_id"],
                When::In("kind", &["paid", "reversed"]),
                KeyMode::Review,
            ),
        ],
    },
    plain("family_departure"),
    plain("reimbursement_case"),
];

/// The policy of an entity (an unknown entity has no contact fields and no keys).
pub fn of(entity: &str) -> EntityPolicy {
    ENTITIES.iter().find(|p| p.entity == entity).copied().unwrap_or(EntityPolicy {
        entity: "",
        last_accepted: &[],
        keys: &[],
    })
}

/// How a field of an entity merges.
pub fn field_class(entity: &str, field: &str) -> FieldClass {
    if of(entity).last_accepted.contains(&field) {
        FieldClass::LastAccepted
    } else {
        FieldClass::Person
    }
}

/// One unique key an insert claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// `entity:name:[values]`: equal for two records with the same key.
    pub key: String,
    /// The key's name.
    pub name: &'static str,
    /// The key's values as JSON text.
    pub value: String,
    /// What a second claim becomes.
    pub mode: KeyMode,
}

/// The unique keys an insert claims (none for an update).
pub fn claims(event: &Envelope) -> Vec<Claim> {
    if event.op != crate::Op::Insert {
        return vec![];
    }
    let after = &event.after;
    let text = |f: &str| after.get(f).and_then(Value::as_str);
    of(&event.entity)
        .keys
        .iter()
        .filter(|k| match k.when {
            When::Always => true,
            When::NotNull(f) => after.get(f).is_some_and(|v| !v.is_null()),
            When::IsNull(f) => after.get(f).is_none_or(Value::is_null),
            When::In(f, values) => text(f).is_some_and(|v| values.contains(&v)),
        })
        .filter(|k| k.fields.iter().all(|f| after.get(*f).is_some_and(|v| !v.is_null())))
        .map(|k| {
            let values: Vec<Value> =
                k.fields.iter().map(|f| after.get(*f).cloned().unwrap_or(Value::Null)).collect();
            let value = canonical_json(&Value::Array(values));
            Claim {
                key: format!("{}:{}:{value}", event.entity, k.name),
                name: k.name,
                value,
                mode: k.mode,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_is_listed_once() {
        let mut names: Vec<&str> = ENTITIES.iter().map(|p| p.entity).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
        assert_eq!(n, 26);
    }

    #[test]
    fn contact_fields_take_the_last_accepted_and_everything_else_goes_to_a_person() {
        assert_eq!(field_class("person", "phone"), FieldClass::LastAccepted);
        assert_eq!(field_class("person", "email"), FieldClass::LastAccepted);
        assert_eq!(field_class("family", "address"), FieldClass::LastAccepted);
        assert_eq!(field_class("person", "surname"), FieldClass::Person);
        assert_eq!(field_class("person", "a_field_added_later"), FieldClass::Person);
        assert_eq!(field_class("unknown_entity", "phone"), FieldClass::Person);
    }
}
