//! Embeds every `.ftl` file of `assets/i18n/<lang>/` (the UI's own `ui.ftl` included, so a code
//! is translated the same wherever it is shown) and rebuilds when one changes.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time: a build script compiled for one checkout may be reused for another
    // (a shared target folder), and `env!` would keep the first checkout's path.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&manifest_dir).join("../../assets/i18n");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::new();
    for lang in ["kk", "ru", "en"] {
        let dir = root.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "ftl"));
        files.sort();
        let _ = writeln!(out, "const {}: &[&str] = &[", lang.to_uppercase());
        for f in &files {
            println!("cargo:rerun-if-changed={}", f.display());
            let _ = writeln!(out, "    include_str!({:?}),", f.display().to_string());
        }
        let _ = writeln!(out, "];");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("ftl_files.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
