//! `dictionary`: trains a zstd dictionary the event log compresses its envelopes with (or its
//! checkpoints their bodies, `--kind checkpoints`), from those of office databases, and says how
//! small the texts that were not among the samples become with it, for each database (an
//! envelope followed by that office's own words, as the store uses it: `envelope_dictionaries`).
//!
//! The envelopes should be those an office writes over the years, so train on both a population
//! (`otau-bench --persons 100000` makes one: registrations) and a demo office
//! (`scripts/demo-office.sh`: statuses, quotas, plans, subsidies, payments, certificates). An
//! encrypted database is opened with `$OTAU_OFFICE_SECRET` and the keys file beside it. Judge a
//! dictionary by the offices given with `--measure`, never trained on: trained on an office, a
//! dictionary learns its ids and names and flatters its figure there.
//!
//! Run: `OTAU_OFFICE_SECRET=demo-office-secret cargo run --release -p otau-bench --bin dictionary
//! -- --population /tmp/otau-bench/population-100000.sqlite --population /tmp/demo.sqlite
//! --measure /tmp/other-demo.sqlite --out crates/otau-store/dictionaries/events-N.zdict`
//!
//! A dictionary that has compressed a row is never changed or removed: a new one gets a new file
//! (and zstd gives it a new id), added beside the others in `otau_store::events_codec`.

use clap::Parser;
use otau_store::vault::{Unlock, VaultFile};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

#[derive(Parser)]
struct Args {
    /// An office database to take texts from, read only (may be given several times).
    #[arg(long, required = true)]
    population: Vec<PathBuf>,
    /// An office database only measured, never trained on (may be given several times): how
    /// the dictionary does for an office it has never seen.
    #[arg(long)]
    measure: Vec<PathBuf>,
    /// Where to write the dictionary.
    #[arg(long)]
    out: PathBuf,
    /// The dictionary's size in bytes.
    #[arg(long, default_value_t = 16 * 1024)]
    size: usize,
    /// Texts to train on from each database (every k-th row; as many again are kept to test it).
    #[arg(long, default_value_t = 20_000)]
    samples: usize,
    /// What to train on: `events` (envelopes) or `checkpoints` (checkpoint bodies).
    #[arg(long, default_value = "events")]
    kind: String,
    /// The compression level the figures are measured at (the store's is 3).
    #[arg(long, default_value_t = 3)]
    level: i32,
    /// A dictionary already in use, to measure the same texts with it beside the new one.
    #[arg(long)]
    against: Option<PathBuf>,
}

type Failure = Box<dyn std::error::Error>;

/// Opens an office database read only: with its keys when a keys file lies beside it.
fn open(path: &Path) -> Result<Connection, Failure> {
    let key = match VaultFile::read(path)? {
        Some(vault) => {
            let secret = std::env::var("OTAU_OFFICE_SECRET")
                .map_err(|_| format!("{} is encrypted: set OTAU_OFFICE_SECRET", path.display()))?;
            Some(vault.unlock(Unlock::OfficeSecret(&secret))?.database)
        }
        None => None,
    };
    Ok(otau_store::backup::open_backup(path, key.as_ref())?)
}

/// Every k-th text of one database, so that about `2 × samples` are taken from the whole file.
fn texts(conn: &Connection, kind: &str, samples: usize) -> Result<Vec<String>, Failure> {
    let (table, key) = match kind {
        "events" => ("events", "seq"),
        "checkpoints" => ("audit_checkpoints", "id"),
        other => return Err(format!("--kind events or checkpoints, not {other:?}").into()),
    };
    let rows: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
    let step = (rows / (2 * samples as i64)).max(1);
    // Either layout: text in a database of before migration 0020, a frame after it.
    let column = match kind {
        "events" => {
            let compact: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM pragma_table_info('events') WHERE name = 'body')",
                [],
                |r| r.get(0),
            )?;
            if compact {
                "envelope_json(body)"
            } else {
                "envelope"
            }
        }
        _ => "CASE typeof(body) WHEN 'blob' THEN envelope_json(body) ELSE body END",
    };
    let sql = format!("SELECT {column} FROM {table} WHERE {key} % ?1 = 0 ORDER BY {key}");
    let mut stmt = conn.prepare(&sql)?;
    let texts = stmt
        .query_map([step], |r| r.get::<_, Option<String>>(0))?
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<_>>()?;
    Ok(texts)
}

fn main() -> Result<(), Failure> {
    let args = Args::parse();
    // Alternate rows train and test, so the figures are for texts the dictionary never saw.
    let mut train: Vec<String> = Vec::new();
    // Each database's texts to measure, with its office's words.
    let mut tests: Vec<(&Path, Vec<String>, String)> = Vec::new();
    for path in &args.population {
        let conn = open(path)?;
        let (even, odd): (Vec<_>, Vec<_>) = texts(&conn, &args.kind, args.samples)?
            .into_iter()
            .enumerate()
            .partition(|(i, _)| i % 2 == 0);
        train.extend(even.into_iter().map(|(_, t)| t));
        let words = office_words(&conn, &args.kind)?;
        tests.push((path, odd.into_iter().map(|(_, t)| t).collect(), words));
    }
    for path in &args.measure {
        let conn = open(path)?;
        tests.push((
            path,
            texts(&conn, &args.kind, args.samples)?,
            office_words(&conn, &args.kind)?,
        ));
    }
    let samples: Vec<&[u8]> = train.iter().map(|t| t.as_bytes()).collect();
    let dictionary = zstd::dict::from_samples(&samples, args.size)?;
    std::fs::write(&args.out, &dictionary)?;
    println!("{} bytes of dictionary from {} texts", dictionary.len(), train.len());

    let old = args.against.as_ref().map(std::fs::read).transpose()?;
    for (path, test, words) in &tests {
        // As the store uses it: followed by the office's own words, when it has them.
        let n = test.len().max(1);
        let raw: usize = test.iter().map(String::len).sum();
        let packed = packed_size(test, &with_words(&dictionary, words), args.level)?;
        let before = match (&old, &args.against) {
            (Some(old), Some(name)) => format!(
                " ({} with {})",
                packed_size(test, &with_words(old, words), args.level)? / n,
                name.display()
            ),
            _ => String::new(),
        };
        println!(
            "{}: {} texts not trained on, {} bytes each as text, {} compressed{before}",
            path.display(),
            test.len(),
            raw / n,
            packed / n
        );
    }
    Ok(())
}

/// The words the office's newest envelope dictionary adds to the built-in one (migration
/// 0023; none before it, and none for checkpoint bodies, which have no office dictionary).
fn office_words(conn: &Connection, kind: &str) -> Result<String, Failure> {
    if kind != "events" {
        return Ok(String::new());
    }
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'envelope_dictionaries')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(String::new());
    }
    let words: Option<String> = conn
        .query_row("SELECT words FROM envelope_dictionaries ORDER BY n DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    Ok(words.unwrap_or_default())
}

/// A dictionary followed by an office's words, under an id of its own, as an office's envelope
/// dictionary is made (`otau_store`'s `envelope_dictionary.rs`).
fn with_words(dictionary: &[u8], words: &str) -> Vec<u8> {
    let mut bytes = dictionary.to_vec();
    if !words.is_empty() && bytes.len() >= 8 {
        bytes[4..8].copy_from_slice(&123_456_789_u32.to_le_bytes());
        bytes.extend_from_slice(words.as_bytes());
    }
    bytes
}

/// The bytes the texts take compressed one by one with a dictionary, as the log stores them.
fn packed_size(texts: &[String], dictionary: &[u8], level: i32) -> Result<usize, Failure> {
    let mut compressor = zstd::bulk::Compressor::with_dictionary(level, dictionary)?;
    let mut packed = 0;
    for text in texts {
        packed += compressor.compress(text.as_bytes())?.len();
    }
    Ok(packed)
}
