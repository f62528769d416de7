//! Small decisions both storage backends take alike: whether a device's view reveals a restored
//! centre, and what to do with a block a device reports.

use crate::storage::DeviceRow;
use otau_sync::messages::DeviceStateQuery;
use otau_sync::Block;
use uuid::Uuid;

/// A message for administrators when the device knows more than the centre holds (the centre
/// was restored from an older copy).
pub fn restore_seen(device: &DeviceRow, query: DeviceStateQuery, high: i64) -> Option<String> {
    let acked = query.acked.filter(|a| *a > device.held_through);
    let cursor = query.cursor.filter(|c| *c > high);
    match (acked, cursor) {
        (None, None) => None,
        _ => Some(format!(
            "device {} knows more than the centre holds (acknowledged {:?} > held {}, cursor {:?} > high {}): \
             the centre was restored; the device pushes again what was lost",
            device.id, query.acked, device.held_through, query.cursor, high
        )),
    }
}

/// What to do with a block a device reports holding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeldAction {
    /// The centre knows it.
    Known,
    /// The centre lost it: record it again for the device.
    Record,
    /// It overlaps another block: tell an administrator, record nothing.
    Overlap(String),
}

/// Decides over the blocks of the same series and year that overlap `block`
/// (`first, last, device id`).
pub fn held_block_action(
    block: &Block,
    device: Uuid,
    overlapping: &[(i64, i64, String)],
) -> HeldAction {
    let me = device.to_string();
    if overlapping.iter().any(|(f, l, d)| *f == block.first && *l == block.last && *d == me) {
        return HeldAction::Known;
    }
    if let Some((f, l, d)) = overlapping.first() {
        return HeldAction::Overlap(format!(
            "device {device} reports {} {} {}..{} overlapping {f}..{l} of device {d}",
            block.series.as_str(),
            block.year,
            block.first,
            block.last
        ));
    }
    HeldAction::Record
}

/// The blocks a device may ask for, once each: yearly series of this year or the next (clocks
/// differ by a day or two, not a year), plan item numbers as year 0.
pub fn wanted_blocks(
    mut want: Vec<otau_sync::messages::Want>,
    this_year: i32,
) -> Result<Vec<otau_sync::messages::Want>, otau_sync::SyncError> {
    want.sort();
    want.dedup();
    let fits = |w: &otau_sync::messages::Want| {
        if w.series.yearly() {
            (w.year - this_year).abs() <= 1
        } else {
            w.year == 0
        }
    };
    if want.len() > 16 || !want.iter().all(fits) {
        return Err(otau_sync::SyncError::BadRequest {
            reason: "blocks: this year or the next, once each".into(),
        });
    }
    Ok(want)
}
