//! Writes the seed inputs of every fuzzer into `fuzz/corpus/<target>/` (run from the
//! repository's root: `cargo run -p otau-fuzz --bin seed-corpora`). Inputs the fuzzers found
//! and kept stay beside them.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = Path::new("fuzz/corpus");
    for (target, name, bytes) in otau_fuzz::seeds::corpora() {
        let dir = root.join(target);
        if let Err(e) =
            std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(&name), bytes))
        {
            eprintln!("cannot write {}: {e}", dir.join(&name).display());
            return ExitCode::FAILURE;
        }
        println!("{target}/{name}");
    }
    ExitCode::SUCCESS
}
