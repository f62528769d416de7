//! Entry point of the Otau desktop app: reads the start-up settings, sets up the desk (the store
//! and the session), registers the one handler of every command the UI may call and opens the
//! main window. Nothing else lives here: the commands, their arguments and their rules are
//! `otau-api`'s ([`otau_api::commands`]); this shell only reads the clock (for each call, and
//! for the desk's background sync), hands each call to the API off the window's thread and
//! turns its answer or error into the IPC's.
//!
//! **Architecture Invariant**: only this crate knows Tauri.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod memory;
mod rendering;

use otau_api::settings::{DocsDir, Settings, DEFAULT_DB};
use otau_api::{Desk, Now};
use std::sync::Arc;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::{Manager, Runtime};

/// How often the app checks whether it is at rest and gives memory back.
const REST_CHECK: std::time::Duration = std::time::Duration::from_secs(15);
/// How long without a person's command counts as a rest.
const REST_AFTER: chrono::Duration = chrono::Duration::seconds(15);

fn main() {
    memory::few_arenas();
    rendering::paint_on_the_cpu();
    let from_env = Settings::from_env();
    for warning in &from_env.warnings {
        eprintln!("otau-desktop: {warning}");
    }
    let settings = from_env.settings;
    // Background sync: how often, and the clock it reads (here, at the edge).
    let (sync_every, warning) = otau_api::sync::interval_from(
        std::env::var_os(otau_api::sync::ENV_SYNC_MINUTES).as_deref(),
    );
    if let Some(warning) = warning {
        eprintln!("otau-desktop: {warning}");
    }

    let result = tauri::Builder::default()
        .setup(move |app| {
            // The same default as the `otau` command line: <data folder>/otau/otau.sqlite.
            let default_db = app.path().data_dir().map(|dir| dir.join(DEFAULT_DB)).ok();
            let settings = settings.with_default_db(default_db);
            // Documents: the folder issued documents are saved in.
            let docs = DocsDir::from_env(app.path().document_dir().ok());
            // Sync: once the database is enrolled, a worker of its own syncs in the background.
            let clock: otau_api::sync::Clock = Arc::new(now);
            app.manage(Desk::open(settings, docs).with_background_sync(clock, sync_every));
            // Memory: the desk's page cache given back after a quarter minute without a
            // person's command, and what is freed handed back to the system.
            let handle = app.handle().clone();
            memory::give_back_freed_memory(REST_CHECK, move || {
                handle.state::<Desk>().rest(now(), REST_AFTER);
            });
            Ok(())
        })
        .invoke_handler(handle)
        .run(tauri::tauri_build_context!());

    if let Err(error) = result {
        eprintln!("otau-desktop: could not start: {error}");
        std::process::exit(1);
    }
}

/// Answers one call of the UI: `false` for a command the API does not have. The call runs on a
/// blocking thread of the async runtime, never on the window's thread, so hashing a password,
/// searching or enrolling never freezes the window; the clock is read here, once per call.
fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let name = invoke.message.command().to_owned();
    if !otau_api::commands::NAMES.contains(&name.as_str()) {
        return false;
    }
    let args = match invoke.message.payload() {
        InvokeBody::Json(args) => args.clone(),
        InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let webview = invoke.message.webview();
    let at = now();
    invoke.resolver.respond_async_serialized(async move {
        // Commands block (SQLite, password hashing, and the blocking HTTPS client of enrolment
        // and joining, which must not run on an async worker): each gets a blocking thread.
        let answer = tauri::async_runtime::spawn_blocking(move || {
            let desk = webview.state::<Desk>();
            otau_api::commands::dispatch(&desk, &name, args, at)
        })
        .await;
        match answer {
            Ok(Some(Ok(answer))) => Ok(InvokeResponseBody::Json(answer.to_string())),
            Ok(Some(Err(error))) => Err(InvokeError::from(error)),
            Ok(None) | Err(_) => {
                Err(InvokeError::from(otau_api::ApiError::coded(otau_api::error::code::INTERNAL)))
            }
        }
    });
    true
}

/// The moment (for the audit) and today's date where the office is (the date of the law).
#[allow(clippy::disallowed_methods)] // The clock is read here, at the edge, and nowhere below.
fn now() -> Now {
    Now { at: chrono::Utc::now(), today: chrono::Local::now().date_naive() }
}
