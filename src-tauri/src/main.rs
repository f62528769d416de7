//! Entry point of the Otau desktop app: reads the start-up settings, sets up the desk (the store
//! and the session), registers the commands the UI may call and opens the main window. Nothing
//! else lives here: each command is a thin function in `commands`, and the rules behind it live
//! in the library crates.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod desk;
mod error;
mod form;
mod settings;
#[cfg(test)]
mod testkit;
// Case work: kandas status, quota, adaptation plan and services.
mod casework;
mod commands_casework;
// Subsidies and the payment ledger.
mod commands_subsidy;
mod subsidy;
// Documents: certificates, statements, decisions, the register, the monthly summary.
mod commands_documents;
mod documents;

use tauri::Manager;

fn main() {
    let from_env = settings::Settings::from_env();
    for warning in &from_env.warnings {
        eprintln!("otau-desktop: {warning}");
    }
    let settings = from_env.settings;

    let result = tauri::Builder::default()
        .setup(move |app| {
            // The same default as the `otau` command line: <data folder>/otau/otau.sqlite.
            let default_db = app.path().data_dir().map(|dir| dir.join(settings::DEFAULT_DB)).ok();
            let settings = settings.with_default_db(default_db);
            app.manage(desk::Desk::new(settings.db_path.clone(), settings.idle_seconds));
            app.manage(settings);
            // Documents: the folder issued documents are saved in.
            app.manage(settings::DocsDir::from_env(app.path().document_dir().ok()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::reference,
            commands::sign_in,
            commands::session,
            commands::sign_out,
            commands::lock,
            commands::unlock,
            commands::home,
            commands::find,
            commands::read_date,
            commands::check_iin,
            commands::check_family,
            commands::register_family,
            commands::person_card,
            commands::edit_person,
            // Case work: kandas status, quota, adaptation plan and services.
            commands_casework::casework_panel,
            commands_casework::record_status,
            commands_casework::extend_status,
            commands_casework::end_status,
            commands_casework::include_in_quota,
            commands_casework::plan_screen,
            commands_casework::add_plan_item,
            commands_casework::update_plan_item,
            commands_casework::record_service,
            commands_casework::set_stay,
            commands_casework::casework_screen,
            commands_casework::set_quota,
            // Subsidies and the payment ledger.
            commands_subsidy::subsidy_statement,
            commands_subsidy::subsidy_preview,
            commands_subsidy::prepare_subsidy,
            commands_subsidy::approve_subsidy,
            commands_subsidy::pay_subsidy,
            commands_subsidy::reverse_subsidy,
            commands_subsidy::move_away,
            commands_subsidy::payments,
            commands_subsidy::approve_recalc,
            commands_subsidy::reference_data,
            commands_subsidy::add_mci,
            commands_subsidy::add_rules,
            // Documents.
            commands_documents::issue_document,
            commands_documents::reprint_document,
            commands_documents::open_document,
            commands_documents::family_documents,
            commands_documents::document_register,
            commands_documents::void_document,
            commands_documents::verify_document,
            commands_documents::monthly_summary,
            commands_documents::close_month,
        ])
        .run(tauri::tauri_build_context!());

    if let Err(error) = result {
        eprintln!("otau-desktop: could not start: {error}");
        std::process::exit(1);
    }
}
