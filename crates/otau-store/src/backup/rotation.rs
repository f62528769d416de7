//! Which backups are kept: the newest of each of the last days and of the last weeks that have
//! one, and always the newest of all.
//!
//! # Design
//! [`keep`] decides from the moments alone (no files), so the policy is tested as arithmetic;
//! [`rotate`] applies it to one office's backups in a folder. Days and weeks are UTC calendar
//! days and ISO weeks, as the names write the moments. A copy taken before a restore is not a
//! rotation backup and is never removed here.

use super::{list, BackupFile, SIDECARS};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Datelike, Utc};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How many days and weeks keep a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// The newest backup of each of this many most recent days that have one.
    pub daily: usize,
    /// The newest backup of each of this many most recent ISO weeks that have one.
    pub weekly: usize,
}

/// Seven daily backups and four weekly ones.
pub const POLICY: Policy = Policy { daily: 7, weekly: 4 };

/// For each moment of `taken` (in any order; of equal moments, the one listed first counts as
/// the newer), whether its backup is kept by `policy`.
pub fn keep(taken: &[DateTime<Utc>], policy: Policy) -> Vec<bool> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|a, b| taken[*b].cmp(&taken[*a]).then(a.cmp(b)));
    let mut kept = vec![false; taken.len()];
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    for (rank, i) in order.into_iter().enumerate() {
        let day = taken[i].date_naive();
        let week = (day.iso_week().year(), day.iso_week().week());
        let newest = rank == 0;
        let new_day = days.len() < policy.daily && days.insert(day);
        let new_week = weeks.len() < policy.weekly && weeks.insert(week);
        kept[i] = newest || new_day || new_week;
        // A day or week already seen does not count again.
        days.insert(day);
        weeks.insert(week);
    }
    kept
}

/// Removes the backups of `office` in `dir` that [`POLICY`]-like `policy` does not keep (and
/// the files their sets carry); `just_written` is kept whatever its moment. Returns what was
/// removed.
pub fn rotate(
    dir: &Path,
    office: &str,
    just_written: &Path,
    policy: Policy,
) -> Result<Vec<PathBuf>> {
    let backups: Vec<BackupFile> = list(dir, Some(office))?;
    let taken: Vec<DateTime<Utc>> = backups.iter().map(|b| b.taken_at).collect();
    let mut removed = vec![];
    for (backup, kept) in backups.iter().zip(keep(&taken, policy)) {
        if kept || backup.path == just_written {
            continue;
        }
        std::fs::remove_file(&backup.path).map_err(|e| {
            StoreError::FileFailed(format!("cannot remove {}: {e}", backup.path.display()))
        })?;
        for suffix in SIDECARS {
            // Best effort: a set without its key file is unreadable anyway.
            let _ = std::fs::remove_file(crate::private::beside(&backup.path, suffix));
        }
        removed.push(backup.path.clone());
    }
    Ok(removed)
}

/// How old a half-written copy (`.<name>.part`) must be before it is taken for one a stopped
/// program left behind, rather than one another program is writing now.
pub const STALE_PART: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// Removes from `dir` the half-written copies older than [`STALE_PART`] at `at`: a program
/// stopped in the middle of a backup leaves one. Best effort: what cannot be removed is left.
pub fn remove_stale_parts(dir: &Path, at: DateTime<Utc>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.ends_with(".sqlite.part")) {
            continue;
        }
        let modified = entry.metadata().and_then(|m| m.modified()).map(DateTime::<Utc>::from);
        if modified.is_ok_and(|m| at - m >= STALE_PART) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn the_newest_of_each_of_seven_days_and_four_weeks_are_kept() {
        // Two backups a day for 40 days from Monday 2026-10-05.
        let mut taken = vec![];
        for day in 0..40 {
            let date = chrono::NaiveDate::from_ymd_opt(2026, 10, 5).unwrap_or_default()
                + chrono::Duration::days(day);
            for hour in [9, 17] {
                taken.push(date.and_hms_opt(hour, 0, 0).unwrap_or_default().and_utc());
            }
        }
        let kept: Vec<DateTime<Utc>> =
            taken.iter().zip(keep(&taken, POLICY)).filter(|(_, k)| *k).map(|(t, _)| *t).collect();
        let mut expected: Vec<DateTime<Utc>> = vec![];
        // The last seven days' evening backups: 2026-11-07 … 2026-11-13.
        for d in 7..=13 {
            expected.push(at(&format!("2026-11-{d:02}T17:00:00Z")));
        }
        // The newest of each of the last four ISO weeks: 13.11 and Sunday 08.11 are kept as
        // days already, then Sundays 01.11 and 25.10.
        for d in ["2026-10-25", "2026-11-01"] {
            expected.push(at(&format!("{d}T17:00:00Z")));
        }
        expected.sort();
        assert_eq!(kept, expected);
    }

    #[test]
    fn the_newest_is_always_kept_even_with_no_days_or_weeks() {
        let taken = [at("2026-11-01T09:00:00Z"), at("2026-11-25T09:00:00Z")];
        assert_eq!(keep(&taken, Policy { daily: 0, weekly: 0 }), [false, true]);
        assert_eq!(keep(&[], POLICY), Vec::<bool>::new());
    }
}
