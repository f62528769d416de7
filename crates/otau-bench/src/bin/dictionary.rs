//! `dictionary`: trains a zstd dictionary the event log compresses its envelopes with (or its
//! checkpoints their bodies, `--kind checkpoints`), from those of a demo population
//! (`otau-bench --persons 100000` makes one), and says how small the texts of the same file that
//! were not among the samples become with it.
//!
//! Run: `cargo run --release -p otau-bench --bin dictionary -- --population
//! /tmp/otau-bench/population-100000.sqlite --out crates/otau-store/dictionaries/events-N.zdict`
//!
//! A dictionary that has compressed a row is never changed or removed: a new one gets a new file
//! (and zstd gives it a new id), added beside the others in `otau_store::events_codec`.

use clap::Parser;
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;

#[derive(Parser)]
struct Args {
    /// An office database (a demo population), read only.
    #[arg(long)]
    population: PathBuf,
    /// Where to write the dictionary.
    #[arg(long)]
    out: PathBuf,
    /// The dictionary's size in bytes.
    #[arg(long, default_value_t = 16 * 1024)]
    size: usize,
    /// Texts to train on (every k-th row; as many again are kept to test it).
    #[arg(long, default_value_t = 20_000)]
    samples: usize,
    /// What to train on: `events` (envelopes) or `checkpoints` (checkpoint bodies).
    #[arg(long, default_value = "events")]
    kind: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let conn = Connection::open_with_flags(&args.population, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    otau_store::events_codec::register_functions(&conn)?;
    let (table, key) = match args.kind.as_str() {
        "events" => ("events", "seq"),
        "checkpoints" => ("audit_checkpoints", "id"),
        other => return Err(format!("--kind events or checkpoints, not {other:?}").into()),
    };
    // Either layout: text in a database of before migration 0020, a frame after it.
    let rows: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
    let step = (rows / (2 * args.samples as i64)).max(1);
    let column = match args.kind.as_str() {
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
    let texts: Vec<String> = stmt
        .query_map([step], |r| r.get::<_, Option<String>>(0))?
        .filter_map(|r| r.transpose())
        .collect::<rusqlite::Result<_>>()?;
    // Alternate rows train and test, so the figure is for envelopes the dictionary never saw.
    let (train, test): (Vec<_>, Vec<_>) = texts.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let train: Vec<&[u8]> = train.iter().map(|(_, t)| t.as_bytes()).collect();
    let dictionary = zstd::dict::from_samples(&train, args.size)?;
    std::fs::write(&args.out, &dictionary)?;

    let mut compressor = zstd::bulk::Compressor::with_dictionary(3, &dictionary)?;
    let (mut raw, mut packed) = (0usize, 0usize);
    for (_, text) in &test {
        raw += text.len();
        packed += compressor.compress(text.as_bytes())?.len();
    }
    let n = test.len().max(1);
    println!(
        "{} bytes of dictionary from {} texts; {} others: {} bytes each as text, {} compressed",
        dictionary.len(),
        train.len(),
        test.len(),
        raw / n,
        packed / n
    );
    Ok(())
}
