//! Numbers allocated offline: blocks of registration, document, decision and plan numbers that
//! the centre reserves for each device, and the pure helpers a device numbers with.
//!
//! # Context
//! Two devices of one office allocate numbers offline; the printed formats stay the ones offices
//! and the ministry know (`PVL01-2026-00042`), so uniqueness comes from disjoint blocks per device
//! rather than from a device mark in the number. A lost device wastes only its unused block.
//!
//! A device holds numbers of other devices too (pulled records), so "the greatest number used"
//! is always taken *within one block*: [`next_number`] asks the caller for it block by block.

use crate::messages::Want;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// What is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Series {
    /// Registration numbers of persons and families (`PVL01-2026-00042`).
    Regno,
    /// Document numbers (`PVL01-2026-D00042`).
    Document,
    /// Subsidy decision numbers (`PVL01-S-2026-00042`).
    Decision,
    /// Plan item numbers.
    Plan,
}

impl Series {
    /// Every series.
    pub const ALL: [Series; 4] = [Series::Regno, Series::Document, Series::Decision, Series::Plan];

    /// The name on the wire and in the centre's tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Series::Regno => "regno",
            Series::Document => "document",
            Series::Decision => "decision",
            Series::Plan => "plan",
        }
    }

    /// The series named `s`.
    pub fn parse(s: &str) -> Option<Series> {
        Series::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Numbers `first..=last` of a series and year, reserved for one device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Block {
    /// The series.
    pub series: Series,
    /// The year the numbers carry.
    pub year: i32,
    /// The first number.
    pub first: i64,
    /// The last number.
    pub last: i64,
}

impl Block {
    /// How many numbers it holds.
    pub fn len(&self) -> i64 {
        (self.last - self.first + 1).max(0)
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether two blocks share a number.
    pub fn overlaps(&self, other: &Block) -> bool {
        self.series == other.series
            && self.year == other.year
            && self.first <= other.last
            && other.first <= self.last
    }
}

/// The device's blocks of one series and year, in order.
fn of(blocks: &[Block], series: Series, year: i32) -> Vec<&Block> {
    let mut v: Vec<&Block> =
        blocks.iter().filter(|b| b.series == series && b.year == year).collect();
    v.sort();
    v
}

/// The next free number of a series and year in the device's blocks, or `None` when they are
/// used up (`store-numbers-exhausted`). `max_in(block)` is the greatest number the device used
/// inside that block (`None` for none).
pub fn next_number(
    blocks: &[Block],
    series: Series,
    year: i32,
    mut max_in: impl FnMut(&Block) -> Option<i64>,
) -> Option<i64> {
    for b in of(blocks, series, year) {
        match max_in(b) {
            None => return Some(b.first),
            Some(m) if m < b.last => return Some((m + 1).max(b.first)),
            Some(_) => {}
        }
    }
    None
}

/// How many numbers of a series and year are left in the device's blocks.
pub fn left(
    blocks: &[Block],
    series: Series,
    year: i32,
    mut max_in: impl FnMut(&Block) -> Option<i64>,
) -> i64 {
    of(blocks, series, year)
        .into_iter()
        .map(|b| match max_in(b) {
            None => b.len(),
            Some(m) => (b.last - m.max(b.first - 1)).max(0),
        })
        .sum()
}

/// The next number when the greatest number used in the device's blocks is `max_used` (numbers
/// are used in block order).
pub fn next_after(blocks: &[Block], series: Series, year: i32, max_used: i64) -> Option<i64> {
    next_number(blocks, series, year, |b| {
        if max_used >= b.last {
            Some(b.last)
        } else if max_used >= b.first {
            Some(max_used)
        } else {
            None
        }
    })
}

/// The years numbers are needed for on `today`: this one, and the next from 1 October.
pub fn years_needed(today: NaiveDate) -> Vec<i32> {
    if today.month() >= 10 {
        vec![today.year(), today.year() + 1]
    } else {
        vec![today.year()]
    }
}

/// What to ask the centre for: every series and year needed on `today` where fewer than a
/// quarter of the newest block is left (or there is no block). `left_of(series, year)` is
/// [`left`] over the device's data.
pub fn wants(
    blocks: &[Block],
    today: NaiveDate,
    mut left_of: impl FnMut(Series, i32) -> i64,
) -> Vec<Want> {
    let mut out = vec![];
    for year in years_needed(today) {
        for series in Series::ALL {
            let newest = of(blocks, series, year).last().map(|b| b.len()).unwrap_or(0);
            if newest == 0 || left_of(series, year) * 4 < newest {
                out.push(Want { series, year });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(first: i64, last: i64) -> Block {
        Block { series: Series::Regno, year: 2026, first, last }
    }

    #[test]
    fn numbers_come_from_the_blocks_in_order_and_skip_the_numbers_of_others() {
        let blocks = [b(2001, 3000), b(1, 1000)];
        assert_eq!(next_after(&blocks, Series::Regno, 2026, 0), Some(1));
        assert_eq!(next_after(&blocks, Series::Regno, 2026, 41), Some(42));
        assert_eq!(next_after(&blocks, Series::Regno, 2026, 1000), Some(2001));
        assert_eq!(next_after(&blocks, Series::Regno, 2026, 3000), None);
        assert_eq!(next_after(&blocks, Series::Document, 2026, 0), None);
        // Another device's 1500 is in no block of this one: asked per block, it does not count.
        let used = [5_i64, 1500];
        let max_in = |blk: &Block| {
            used.iter().filter(|n| **n >= blk.first && **n <= blk.last).max().copied()
        };
        assert_eq!(next_number(&blocks, Series::Regno, 2026, max_in), Some(6));
        assert_eq!(left(&blocks, Series::Regno, 2026, max_in), 995 + 1000);
    }

    #[test]
    fn a_block_is_wanted_below_a_quarter_and_the_next_year_from_october() {
        let blocks = [b(1, 1000)];
        let june = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let oct = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let regno = |w: &[Want]| w.iter().filter(|w| w.series == Series::Regno).count();
        assert_eq!(regno(&wants(&blocks, june, |_, _| 250)), 0);
        assert_eq!(regno(&wants(&blocks, june, |_, _| 249)), 1);
        assert_eq!(wants(&blocks, june, |_, _| 500).len(), 3, "the other series have no block");
        let w = wants(&blocks, oct, |_, y| if y == 2026 { 500 } else { 0 });
        assert!(w.contains(&Want { series: Series::Regno, year: 2027 }));
        assert!(!w.contains(&Want { series: Series::Regno, year: 2026 }));
        assert_eq!(years_needed(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap()), vec![2026]);
    }

    #[test]
    fn overlapping_blocks_are_seen() {
        assert!(b(1, 10).overlaps(&b(10, 20)));
        assert!(!b(1, 10).overlaps(&b(11, 20)));
    }
}
