//! The signed checkpoints against the log: each signed by a document key of this device and
//! naming the one before it; the log reaching every checkpoint's row with the hash it signed;
//! nothing after the last one unsigned; the rows of each state table as the last one counted.

use super::AuditFinding;
use crate::checkpoint::{self, CheckpointBody};
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

/// Checks every checkpoint; returns how many there are.
pub(super) fn check(conn: &Connection, findings: &mut Vec<AuditFinding>) -> Result<i64> {
    let keys = checkpoint::checkpoint_keys(conn)?;
    let stored = checkpoint::all(conn)?;
    let (head_seq, head_hash) = checkpoint::log_head(conn)?;
    let mut prev_signature: Option<String> = None;
    let mut last_good: Option<CheckpointBody> = None;
    for cp in &stored {
        let signed = keys.iter().any(|k| cp.signed_by(k));
        let body = match cp.body() {
            Ok(body) if signed => body,
            _ => {
                findings.push(
                    AuditFinding::new("audit-checkpoint-unsigned")
                        .table("audit_checkpoints")
                        .id(cp.id),
                );
                continue;
            }
        };
        if body.prev != prev_signature && prev_signature.is_some() {
            findings.push(
                AuditFinding::new("audit-checkpoint-gap").table("audit_checkpoints").id(cp.id),
            );
        }
        prev_signature = Some(cp.signature.clone());
        if body.event_seq > head_seq {
            findings.push(
                AuditFinding::new("audit-tail-missing")
                    .table("events")
                    .id(cp.id)
                    .seq(body.event_seq)
                    .expected(body.event_seq)
                    .found(head_seq),
            );
        } else if body.event_seq > 0 {
            let hash: Option<String> = conn
                .prepare_cached("SELECT chain_hash FROM events WHERE seq = ?1")?
                .query_row([body.event_seq], |r| crate::events_codec::hash_from_sql(r.get_ref(0)?))
                .optional()?;
            match hash {
                Some(h) if h == body.chain_hash => {}
                other => findings.push(
                    AuditFinding::new("audit-chain-rewritten")
                        .table("events")
                        .id(cp.id)
                        .seq(body.event_seq)
                        .expected(&body.chain_hash[..16])
                        .found(
                            other
                                .map(|h| h.chars().take(16).collect::<String>())
                                .unwrap_or_default(),
                        ),
                ),
            }
        }
        last_good = Some(body);
    }
    match &last_good {
        None if head_seq > 0 && !keys.is_empty() => {
            findings.push(AuditFinding::new("audit-no-checkpoint").table("audit_checkpoints"));
        }
        None => {}
        Some(last) => {
            if head_seq > last.event_seq {
                findings.push(
                    AuditFinding::new("audit-tail-unsigned")
                        .table("events")
                        .seq(last.event_seq + 1)
                        .expected(last.event_seq)
                        .found(head_seq),
                );
            } else if head_seq == last.event_seq && head_hash == last.chain_hash {
                // The log is as the last checkpoint signed it: so must the state tables be.
                let now = checkpoint::state_counts(conn)?;
                for (table, expected) in &last.counts {
                    let found = now.get(table).copied().unwrap_or(0);
                    if found != *expected {
                        findings.push(
                            AuditFinding::new("audit-count-differs")
                                .table(table)
                                .expected(expected)
                                .found(found),
                        );
                    }
                }
            }
        }
    }
    Ok(stored.len() as i64)
}
