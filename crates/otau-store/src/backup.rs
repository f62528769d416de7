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
        self.conn().execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }
}
