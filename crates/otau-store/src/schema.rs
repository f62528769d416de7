//! Schema migrations: append-only `.sql` files, applied all-or-nothing on open.

use crate::error::{Result, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// The migrations, in order. Never edit one that has landed; add a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_foundation.sql"),
    include_str!("../migrations/0002_casework.sql"),
    include_str!("../migrations/0003_documents.sql"),
    include_str!("../migrations/0004_subsidies.sql"),
    include_str!("../migrations/0005_sync.sql"),
    include_str!("../migrations/0006_packets.sql"),
    include_str!("../migrations/0007_search.sql"),
    include_str!("../migrations/0008_payments_across_offices.sql"),
    include_str!("../migrations/0009_summary_indexes.sql"),
    include_str!("../migrations/0010_append_only_guards.sql"),
    include_str!("../migrations/0011_sign_ins.sql"),
    include_str!("../migrations/0012_sealed_document_numbers.sql"),
    include_str!("../migrations/0013_audit_checkpoints_and_access_log.sql"),
    include_str!("../migrations/0014_consent_terms_and_withdrawals.sql"),
    include_str!("../migrations/0015_sealed_signing_keys.sql"),
    include_str!("../migrations/0016_password_set_by.sql"),
    include_str!("../migrations/0017_state_row_counts.sql"),
    include_str!("../migrations/0018_document_scans.sql"),
    include_str!("../migrations/0019_device_settings.sql"),
    include_str!("../migrations/0020_compact_event_log.sql"),
    include_str!("../migrations/0021_compact_event_log_in_place.sql"),
    include_str!("../migrations/0022_event_log_keys_as_bytes.sql"),
    include_str!("../migrations/0023_office_envelope_dictionaries.sql"),
    include_str!("../migrations/0024_event_log_indexed_by_tags.sql"),
    include_str!("../migrations/0025_search_index_by_column.sql"),
    include_str!("../migrations/0026_finished_variant_keys.sql"),
    include_str!("../migrations/0027_event_log_tags_in_time_order.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i {
                // 0005 moves the audit and the outbox into the event log.
                4 => M::up_with_hook(sql, crate::events_migration::audit_and_outbox_to_events),
                // 0007 makes the search index anew: it is filled from the records.
                6 => M::up_with_hook(sql, crate::search::rebuild_hook),
                // 0013 signs a first checkpoint of the log as the database holds it.
                12 => M::up_with_hook(sql, crate::checkpoint::migration_hook),
                // 0020 copies the event log into its compacted table; 0021 puts it in place.
                19 => M::up_with_hook(sql, crate::events_compaction::compact_event_log),
                // 0023 makes the office's envelope dictionary and compresses the log with it.
                22 => M::up_with_hook(sql, crate::envelope_dictionary::migration_hook),
                // 0026 finishes the vocabulary's variant keys.
                25 => M::up_with_hook(sql, crate::search::variant_keys_hook),
                _ => M::up(sql),
            })
            // Foreign keys are off while migrations run (`migrate`): each checks them before
            // it commits instead.
            .map(M::foreign_key_check)
            .collect(),
    )
}

/// The schema version this build brings a database to.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version of an open database (`user_version`).
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the database up to date; refuses one from a newer build without touching it.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = version(conn)?;
    if found > latest_version() {
        return Err(StoreError::SchemaTooNew { found, supported: latest_version() });
    }
    // SQLite's way of changing a table (0021) asks for foreign keys off while it runs; every
    // migration checks them before it commits.
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations().to_latest(conn).map_err(|e| StoreError::Migration(e.to_string()));
    if enforced {
        conn.pragma_update(None, "foreign_keys", "ON")?;
    }
    migrated?;
    // The compacted log and indexes (0020 to 0025) leave the old ones' pages free inside the
    // file; an office sees the smaller database on its disk and in its backups only once they
    // are given back. Not a condition of opening: a database that could not be vacuumed (a full disk) is
    // whole and migrated, and its free pages are used again as it grows.
    if (1..COMPACTED).contains(&found) && latest_version() >= COMPACTED {
        let _ = conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
    }
    Ok(())
}

/// The schema version from which the event log and the indexes are as small as this build keeps
/// them (0025).
const COMPACTED: i64 = 25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        let mut conn = Connection::open_in_memory().expect("open");
        crate::events_codec::register_functions(&conn).expect("functions");
        migrate(&mut conn).expect("every migration applies to an empty database");
        assert_eq!(version(&conn).expect("version"), latest_version());
    }
}
