//! House rules for the desktop app's own files, checked as ordinary tests: every Rust file of the
//! shell and the end-to-end harness opens with a `//!` doc saying what it is for, and every
//! TypeScript or Svelte file of the UI opens with a comment doing the same.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(name.as_ref(), "node_modules" | "dist" | "gen" | "target") {
                files(&path, extensions, out);
            }
        } else if extensions.iter().any(|ext| name.ends_with(ext)) {
            out.push(path);
        }
    }
}

fn first_line(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let mut found = Vec::new();
    for dir in ["src-tauri/src", "src-tauri/tests", "src-tauri/build.rs", "tests/e2e"] {
        let path = repo().join(dir);
        if path.is_file() {
            found.push(path);
        } else {
            files(&path, &[".rs"], &mut found);
        }
    }
    assert!(found.len() >= 5, "found only {found:?}");
    let bad: Vec<_> = found
        .iter()
        .filter(|path| !first_line(path).starts_with("//!"))
        .map(|path| path.display().to_string())
        .collect();
    assert!(bad.is_empty(), "these files do not start with `//!`: {bad:?}");
}

#[test]
fn every_ui_source_opens_with_a_comment() {
    let mut found = Vec::new();
    files(&repo().join("ui/src"), &[".ts", ".svelte"], &mut found);
    assert!(found.len() >= 5, "found only {found:?}");
    let bad: Vec<_> = found
        .iter()
        .filter(|path| {
            let line = first_line(path);
            !(line.starts_with("//") || line.starts_with("<!--") || line.starts_with("/*"))
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(bad.is_empty(), "these files do not start with a comment: {bad:?}");
}
