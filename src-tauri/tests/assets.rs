//! Checks of the files the desktop app ships: the fonts cover every Kazakh, Russian and Latin
//! letter the app and its printed documents need, the icon is a square RGBA PNG, and the root
//! `tauri.conf.json` names the app as expected and points at files that exist.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// All 42 letters of the Kazakh Cyrillic alphabet, capitals.
const KAZAKH: &str = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ";
const LATIN: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const OTHER: &str = "0123456789«»—–№₸…’“”";

const FONTS: [&str; 4] =
    ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"];

#[test]
fn kazakh_alphabet_has_42_letters() {
    assert_eq!(KAZAKH.chars().count(), 42);
}

#[test]
fn fonts_cover_kazakh_russian_and_latin() {
    let needed: Vec<char> = [KAZAKH, LATIN, OTHER]
        .iter()
        .flat_map(|s| s.chars())
        .chain(KAZAKH.to_lowercase().chars())
        .chain(LATIN.to_lowercase().chars())
        .collect();
    for font in FONTS {
        let path = repo().join("assets/fonts").join(font);
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let face = ttf_parser::Face::parse(&data, 0)
            .unwrap_or_else(|e| panic!("{}: not a font: {e}", path.display()));
        let missing: String = needed.iter().filter(|c| face.glyph_index(**c).is_none()).collect();
        assert!(missing.is_empty(), "{font} lacks {missing}");
    }
}

#[test]
fn fonts_ship_with_their_license() {
    let license = std::fs::read_to_string(repo().join("assets/fonts/OFL.txt"))
        .unwrap_or_else(|e| panic!("assets/fonts/OFL.txt: {e}"));
    assert!(license.contains("SIL OPEN FONT LICENSE"));
}

#[test]
fn icon_is_a_square_rgba_png() {
    let path = repo().join("assets/icons/icon.png");
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&data[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    // IHDR: width and height (big-endian u32) at 16..24, colour type at 25 (6 = RGBA).
    let width = u32::from_be_bytes([data[16], data[17], data[18], data[19]]);
    let height = u32::from_be_bytes([data[20], data[21], data[22], data[23]]);
    assert_eq!(width, height, "icon is {width}x{height}");
    assert!(width >= 256, "icon is only {width}px wide");
    assert_eq!(data[25], 6, "icon must be RGBA");
}

#[test]
fn root_config_names_the_app_and_points_at_real_files() {
    let path = repo().join("tauri.conf.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let config: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("tauri.conf.json: {e}"));
    assert_eq!(config["identifier"], "kz.otau.desktop");
    assert_eq!(config["productName"], "Otau");
    assert_eq!(config["build"]["frontendDist"], "ui/dist");
    assert_eq!(config["bundle"]["active"], false);
    let window = &config["app"]["windows"][0];
    assert_eq!(window["title"], "Otau");
    assert_eq!((window["width"].as_u64(), window["height"].as_u64()), (Some(1280), Some(800)));
    for icon in config["bundle"]["icon"].as_array().into_iter().flatten() {
        let icon = icon.as_str().unwrap_or_default();
        assert!(repo().join(icon).is_file(), "icon {icon} does not exist");
    }
    assert!(
        !Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json").exists(),
        "the config lives at the repository root only"
    );
}
