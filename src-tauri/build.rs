//! Build script of the desktop shell: reads `tauri.conf.json` from the repository root (not from
//! this crate's folder) and generates the application context (config, embedded `ui/dist`, ACL).
//!
//! # Design
//! The context is generated here rather than by `generate_context!` so that cargo's
//! `rerun-if-changed` lines for the config, the icon and `ui/dist` are honoured: a new UI build is
//! picked up by a plain `cargo build` without touching any file.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .codegen(tauri_build::CodegenContext::new());
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports through its exit status; say what to fix first.
        eprintln!("otau-desktop build: {error:#}");
        eprintln!("hint: build the UI first (`npm ci && npm run build` in ui/) so ui/dist exists");
        std::process::exit(1);
    }
}
