//! House rules of the repository, checked as ordinary tests: every Rust file of the crates, the
//! shell and the end-to-end harness opens with a `//!` doc saying what it is for, every
//! TypeScript or Svelte file of the UI opens with a comment doing the same, the store neither
//! translates nor renders, and the UI calls commands only through the generated functions.

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
    for dir in ["crates", "src-tauri/src", "src-tauri/tests", "src-tauri/build.rs", "tests/e2e"] {
        let path = repo().join(dir);
        if path.is_file() {
            found.push(path);
        } else {
            files(&path, &[".rs"], &mut found);
        }
    }
    assert!(found.len() >= 100, "found only {found:?}");
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

/// The store translated (it depended on `otau-i18n`) and rendered PDFs inside its write lock:
/// it now returns codes with arguments and registers documents the caller rendered and saved.
#[test]
fn the_store_neither_translates_nor_renders() {
    let manifest = std::fs::read_to_string(repo().join("crates/otau-store/Cargo.toml"))
        .expect("the store's manifest");
    let dependencies = manifest
        .split("[dev-dependencies]")
        .next()
        .unwrap_or_default()
        .split("[dependencies]")
        .nth(1)
        .unwrap_or_default();
    assert!(!dependencies.contains("otau-i18n"), "the store depends on otau-i18n");
    let mut sources = Vec::new();
    files(&repo().join("crates/otau-store/src"), &[".rs"], &mut sources);
    let bad: Vec<String> = sources
        .iter()
        .filter(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            ["otau_i18n", "render_pdf", "render_xlsx", "Fonts::", "std::fs::write", "File::create"]
                .iter()
                .any(|word| text.contains(word))
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(bad.is_empty(), "these store files translate, render or write files: {bad:?}");
}

/// Command names and their arguments were string literals in TypeScript; the UI now calls the
/// functions generated from the Rust command table (`ui/src/lib/bindings/commands.ts`), and only
/// `ui/src/lib/ipc.ts` knows `invoke`.
#[test]
fn the_ui_calls_commands_only_through_the_generated_functions() {
    let mut found = Vec::new();
    files(&repo().join("ui/src"), &[".ts", ".svelte"], &mut found);
    let bad: Vec<String> = found
        .iter()
        .filter(|path| {
            let name = path.to_string_lossy();
            if name.ends_with("lib/ipc.ts")
                || name.contains("lib/bindings/")
                || name.ends_with(".test.ts")
                || name.contains("/test/")
            {
                return false;
            }
            let text = std::fs::read_to_string(path).unwrap_or_default();
            text.contains("invoke(") || text.contains("invoke<") || text.contains("call<")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(bad.is_empty(), "these files call commands by name: {bad:?}");
}
