//! Rebuilds the centre when a migration file changes (they are embedded with `include_str!`).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
