//! Copies of the office database: one consistent file taken while the app works.

use crate::error::{Result, StoreError};
use crate::Store;
use std::path::Path;

impl Store {
    /// Writes a consistent copy of the whole database to `path` (which must not exist yet).
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        if path.exists() {
            return Err(StoreError::Corrupt(format!("{} exists already", path.display())));
        }
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Corrupt(format!("{} is not UTF-8", path.display())))?;
        // Created empty and private first (SQLite fills an empty file), so the copy of every
        // record is never readable by another user, not even for a moment.
        crate::private::create_new(path)
            .map_err(|e| StoreError::Corrupt(format!("cannot create {}: {e}", path.display())))?;
        if let Err(e) = self.conn().execute("VACUUM INTO ?1", [target]) {
            // Best effort: the empty file is ours, and the error is what the caller needs.
            let _ = std::fs::remove_file(path);
            return Err(e.into());
        }
        crate::private::restrict_database(path)
            .map_err(|e| StoreError::Corrupt(format!("cannot protect {}: {e}", path.display())))
    }
}
