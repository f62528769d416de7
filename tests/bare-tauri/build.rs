//! Build script of the bare baseline app: generates its Tauri context (config, the embedded
//! `dist/index.html`) from this folder's `tauri.conf.json`, as the desktop shell does for Otau.

fn main() {
    let attributes = tauri_build::Attributes::new().codegen(tauri_build::CodegenContext::new());
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("bare-tauri build: {error:#}");
        std::process::exit(1);
    }
}
