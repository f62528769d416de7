//! Every input the fuzzers keep (`fuzz/corpus/<target>/`: the seeds and what libFuzzer found
//! worth keeping, crashes it found included once fixed) goes through its target again here, on
//! the stable toolchain, in every test run.

use std::path::PathBuf;

fn corpus(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target)
}

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = corpus(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("read");
            (path.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_kept_input_of_every_fuzzer_passes_its_target_again() {
    for (target, run) in otau_fuzz::TARGETS {
        let inputs = inputs(target);
        assert!(inputs.len() >= 2, "{target}: the corpus is committed");
        for (name, bytes) in inputs {
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{target}: {name} panics");
        }
    }
}

#[test]
fn the_committed_seeds_are_those_the_demo_families_make() {
    for (target, name, bytes) in otau_fuzz::seeds::corpora() {
        let path = corpus(target).join(&name);
        let held = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            held == bytes,
            "{target}/{name} differs: run `cargo run -p otau-fuzz --bin seed-corpora`"
        );
    }
}

#[test]
fn the_seeds_reach_past_the_parsers() {
    // A seed that fails to parse would only test the parser's first refusal.
    let seeds = otau_fuzz::seeds::corpora();
    let families = seeds.iter().filter(|(t, _, _)| *t == "family_json");
    for (_, name, bytes) in families {
        let family: Result<otau_core::model::FamilyInput, _> = serde_json::from_slice(bytes);
        assert!(family.is_ok(), "{name} is a family");
    }
    for (_, name, bytes) in seeds.iter().filter(|(t, _, _)| *t == "qr_payload") {
        let text = std::str::from_utf8(bytes).expect("text");
        let seal = otau_print::seal::Seal::parse(text).expect(name);
        assert!(seal.verify(&otau_fuzz::seeds::public_key()), "{name} verifies");
    }
    let kinds: Vec<u8> =
        seeds.iter().filter(|(t, _, _)| *t == "import_file").map(|(_, _, b)| b[0]).collect();
    assert_eq!(kinds, vec![0, 1], "a CSV and an XLSX list");
    let sheet = otau_fuzz::seeds::sheet();
    let mapping = otau_fuzz::offered_mapping(&sheet.headers);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    let prepared = otau_core::casework::import::prepare(&sheet, &mapping, today);
    assert!(prepared.is_ok(), "the seed sheet prepares: {prepared:?}");
}
