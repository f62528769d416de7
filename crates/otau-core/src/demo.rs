//! Demo families for training, screenshots and tests, and the small deterministic random source
//! every generator here draws from. Deterministic for a given seed; pure (the seed and `today`
//! come in). Populations of any size, over years and offices, are [`crate::population`]'s.

use crate::model::FamilyInput;
use crate::population::{Act, Office, Population, Size, Spec};
use chrono::NaiveDate;
use std::collections::HashSet;

/// A small deterministic random source (xorshift64*): demo data must be reproducible.
#[derive(Debug, Clone)]
pub struct DemoRng(u64);

impl DemoRng {
    /// A generator from a seed (0 is replaced by a fixed constant).
    pub fn new(seed: u64) -> Self {
        DemoRng(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Demo families: `count` of them, deterministic for `seed`, all registered on `today` and
/// arrived within the two years before, settling mostly in Pavlodar region. `serial_base` keeps
/// document numbers of different batches apart; `used_iins` holds the IINs already taken
/// (those in the database) and receives the new ones, so none repeats. The population
/// generator ([`crate::population`]) makes them, as it makes offices of any size.
pub fn families(
    seed: u64,
    count: usize,
    today: NaiveDate,
    serial_base: u32,
    used_iins: &mut HashSet<String>,
) -> Vec<FamilyInput> {
    let office = Office { code: "DEMO01".into(), region: "KZ-55".into() };
    let mut spec = Spec::new(seed, vec![office], Size::Families(count), today);
    spec.serial_base = u64::from(serial_base);
    let Ok(population) = Population::of(&spec, "DEMO01") else { return vec![] };
    let mut acts = population.acts();
    acts.avoid_iins(used_iins.iter().map(String::as_str));
    let families: Vec<FamilyInput> = acts
        .flat_map(|act| match act {
            Act::Register { families, .. } => families,
            _ => vec![],
        })
        .map(|f| f.input)
        .collect();
    for f in &families {
        used_iins.extend(f.members.iter().filter_map(|m| m.iin.clone()));
    }
    families
}
