//! A bare Tauri 2 app, the baseline of the desktop memory benchmark (`tests/e2e/tests/measure.rs`,
//! run by `scripts/measure-desktop.sh`): one window of Otau's size showing one static HTML page,
//! with no commands, no plugins and no state, built and started the same way as `otau-desktop`.

// No console window on Windows release builds, as in the desktop shell.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::tauri_build_context!()) {
        eprintln!("bare-tauri: could not start: {error}");
        std::process::exit(1);
    }
}
