//! Reference data from the centre: MCI rows, subsidy rules, quota rows and the document keys of
//! the offices' devices, each kept by its natural key. Logged as the centre's (origin
//! `reference`), never sent back.
//!
//! # Design
//! Items carry the domain's own types (an `MciRow`, a `SubsidyRule`, a `QuotaRow`), so they are
//! checked by the same rules as a row an administrator adds. A row already held with the same
//! key is left as it is unless the centre changed its value (an MCI or a quota corrected); kinds
//! this build does not know are skipped, so a newer centre can add kinds.

use crate::context::Context;
use crate::documents::keys::KnownKeyRec;
use crate::documents::register::VoidedElsewhereRec;
use crate::error::{Result, StoreError};
use crate::record::from_row;
use crate::subsidy::mci::MciRec;
use crate::subsidy::reference::RuleRec;
use crate::sync::crossing::{CrossCaseRec, CrossDecisionRec};
use crate::sync::payments::{PaymentCaseRec, PaymentDecisionRec};
use crate::sync::wire::ReferenceItem;
use crate::Store;
use chrono::{DateTime, Utc};
use otau_core::casework::quota::QuotaRow;
use otau_core::mci::MciRow;
use otau_core::subsidy::rules::SubsidyRule;
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use uuid::Uuid;

/// The document key of one device of an office, as the centre hands it out.
#[derive(Debug, Deserialize)]
struct OfficeKey {
    office_code: String,
    #[serde(default)]
    office_name: Option<String>,
    public_key: String,
}

/// A case of the same person in two offices, as the centre hands it to this office.
#[derive(Deserialize)]
struct HandedCase {
    case_id: Uuid,
    key: String,
    found_at: String,
    person_id: Uuid,
    other_office: String,
    other_person_id: Uuid,
    other: serde_json::Value,
}

/// One family paid the same one-time subsidy here and in another office, as the centre hands
/// it to this office.
#[derive(Deserialize)]
struct HandedPayments {
    case_id: Uuid,
    subsidy_kind: String,
    key: String,
    found_at: String,
    here: serde_json::Value,
    other: serde_json::Value,
}

/// A document another office voided, as the centre hands it out.
#[derive(Deserialize)]
struct VoidedDocument {
    office_code: String,
    number: String,
    voided_on: chrono::NaiveDate,
}

/// The id a reference row takes on every device: the same for the same item of the centre.
/// Whether `table` holds a row of id `id` (an item handed again changes nothing).
fn held(tx: &rusqlite::Transaction<'_>, table: &str, id: Uuid) -> Result<bool> {
    Ok(tx
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Inserts the record an item carries as it is (a decision taken in another office), unless
/// its id is held already; whether it was new.
fn insert_new<R: crate::record::Record + serde::de::DeserializeOwned>(
    change: &mut crate::write::Change<'_>,
    item: &ReferenceItem,
) -> Result<bool> {
    let mut rec: R = serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
    if held(change.tx(), R::TABLE, rec.id())? {
        return Ok(false);
    }
    rec.set_version(0);
    change.insert(&mut rec)?;
    Ok(true)
}

fn reference_id(item: &ReferenceItem) -> Uuid {
    otau_sync::merge::derived_id(Uuid::nil(), &format!("{}|{}", item.kind, item.key))
}

/// A 32-byte key written in hex.
fn hex_key(text: &str) -> Option<[u8; 32]> {
    hex::decode(text.trim()).ok().and_then(|v| v.try_into().ok())
}

fn bad(item: &ReferenceItem, e: impl std::fmt::Display) -> StoreError {
    StoreError::Sync {
        code: "sync-bad-reference",
        detail: format!("{} {}: {e}", item.kind, item.key),
    }
}

impl Store {
    /// Applies a page of reference data and moves the reference cursor, in one transaction.
    /// Returns how many rows were added or changed.
    pub fn apply_reference(
        &mut self,
        at: DateTime<Utc>,
        items: &[ReferenceItem],
        cursor: i64,
    ) -> Result<u32> {
        let ctx = Context::system(at);
        let origin = crate::events::Origin::Reference;
        let changed = self.write_from(&ctx, "reference.sync", origin, |change| {
            let mut changed = 0;
            for item in items {
                let tx = change.tx();
                match item.kind.as_str() {
                    "mci_row" => {
                        let row: MciRow =
                            serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
                        let held: Option<MciRec> = tx
                            .prepare_cached(
                                "SELECT * FROM mci_rows WHERE effective_from = ?1 AND purpose = ?2",
                            )?
                            .query_row(
                                params![row.effective_from.to_string(), row.purpose.as_str()],
                                from_row,
                            )
                            .optional()?;
                        match held {
                            None => change.insert(&mut MciRec {
                                id: reference_id(item),
                                ..MciRec::from_core(&row)
                            })?,
                            Some(before) if before.tenge != row.tenge => {
                                let mut after = before.clone();
                                after.tenge = row.tenge;
                                after.note = row.note.clone().or(before.note.clone());
                                change.update(&before, &mut after)?;
                            }
                            Some(_) => continue,
                        }
                    }
                    "subsidy_rule" => {
                        let rule: SubsidyRule =
                            serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
                        let held = tx
                            .prepare_cached(
                                "SELECT 1 FROM subsidy_rules WHERE rule_id = ?1 AND rule_version = ?2",
                            )?
                            .query_row(params![rule.id, rule.version], |_| Ok(()))
                            .optional()?;
                        if held.is_some() {
                            continue;
                        }
                        rule.check().map_err(|e| bad(item, e))?;
                        change.insert(&mut RuleRec { id: reference_id(item), ..RuleRec::new(rule) })?;
                    }
                    "quota_row" => {
                        let row: QuotaRow =
                            serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
                        let held: Option<crate::casework::quota::QuotaRowRec> = tx
                            .prepare_cached(
                                "SELECT * FROM quota_rows
                                 WHERE region = ?1 AND year = ?2 AND effective_from = ?3",
                            )?
                            .query_row(
                                params![row.region, row.year, row.effective_from.to_string()],
                                from_row,
                            )
                            .optional()?;
                        let fresh = crate::casework::quota::QuotaRowRec {
                            id: reference_id(item),
                            ..crate::casework::quota::QuotaRowRec::from_core(&row)
                        };
                        match held {
                            None => change.insert(&mut { fresh })?,
                            Some(before) if before.people != fresh.people => {
                                let mut after = before.clone();
                                after.people = fresh.people;
                                change.update(&before, &mut after)?;
                            }
                            Some(_) => continue,
                        }
                    }
                    "office_key" => {
                        let mut key: OfficeKey =
                            serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
                        // The centre names keys in hex; papers name them as this store does.
                        if let Some(bytes) = hex_key(&key.public_key) {
                            key.public_key = otau_print::seal::encode_key(&bytes);
                        }
                        let held = tx
                            .prepare_cached(
                                "SELECT 1 FROM known_office_keys WHERE office_code = ?1 AND public_key = ?2",
                            )?
                            .query_row(params![key.office_code, key.public_key], |_| Ok(()))
                            .optional()?;
                        if held.is_some() {
                            continue;
                        }
                        change.insert(&mut KnownKeyRec {
                            id: crate::documents::keys::known_key_id(
                                &key.office_code,
                                &key.public_key,
                            ),
                            office_code: key.office_code,
                            office_name: key.office_name,
                            public_key: key.public_key,
                            added_on: ctx.today,
                            version: 0,
                        })?;
                    }
                    "voided_document" => {
                        let void: VoidedDocument =
                            serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
                        let held = tx
                            .prepare_cached(
                                "SELECT 1 FROM voided_elsewhere WHERE office_code = ?1 AND number = ?2",
                            )?
                            .query_row(params![void.office_code, void.number], |_| Ok(()))
                            .optional()?;
                        if held.is_some() {
                            continue;
                        }
                        change.insert(&mut VoidedElsewhereRec {
                            id: reference_id(item),
                            office_code: void.office_code,
                            number: void.number,
                            voided_on: void.voided_on,
                            version: 0,
                        })?;
                    }
                    "cross_duplicate" => {
                        let case: HandedCase =
                            serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
                        if held(tx, "cross_office_cases", case.case_id)? {
                            continue;
                        }
                        change.insert(&mut CrossCaseRec {
                            id: case.case_id,
                            key: case.key,
                            person_id: case.person_id,
                            other_office: case.other_office,
                            other_person_id: case.other_person_id,
                            other: case.other.to_string(),
                            found_at: case.found_at,
                            version: 0,
                        })?;
                    }
                    "cross_decision" => {
                        if !insert_new::<CrossDecisionRec>(change, item)? {
                            continue;
                        }
                    }
                    "payment_duplicate" => {
                        let case: HandedPayments =
                            serde_json::from_value(item.record.clone()).map_err(|e| bad(item, e))?;
                        if held(tx, "payment_cases", case.case_id)? {
                            continue;
                        }
                        let other_office = case.other["office"].as_str().unwrap_or("").to_string();
                        change.insert(&mut PaymentCaseRec {
                            id: case.case_id,
                            subsidy_kind: case.subsidy_kind,
                            key: case.key,
                            here: case.here.to_string(),
                            other_office,
                            other: case.other.to_string(),
                            found_at: case.found_at,
                            version: 0,
                        })?;
                    }
                    "payment_decision" => {
                        if !insert_new::<PaymentDecisionRec>(change, item)? {
                            continue;
                        }
                    }
                    // A kind of a newer centre: kept there, not applied here.
                    _ => continue,
                }
                changed += 1;
            }
            change.tx().execute(
                "UPDATE sync_state SET reference_cursor = MAX(reference_cursor, ?1)",
                [cursor],
            )?;
            Ok(changed)
        })?;
        Ok(changed)
    }
}
