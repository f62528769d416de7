//! End-to-end tests of the sign-in screen in the real desktop window: the Kazakh start, the
//! language switch, the message for empty fields, and the database path the shell was given.

use otau_e2e::{App, Key};

#[test]
fn sign_in_screen_speaks_kazakh_switches_to_russian_and_asks_for_credentials() {
    let mut app = App::start("signin");

    // The shell sees the database the test gave it in OTAU_DB.
    let info =
        app.invoke("app_info", serde_json::json!({})).unwrap_or_else(|e| panic!("app_info: {e}"));
    let db = app.db_path().to_string_lossy().into_owned();
    assert_eq!(info["db_path"], serde_json::json!(db), "app_info: {info}");
    assert_eq!(info["db_from_env"], serde_json::json!(true), "app_info: {info}");
    assert_eq!(info["lang"], serde_json::json!("kk"), "app_info: {info}");
    app.wait_for_text("[data-testid=db-path]", &format!("Дерекқор: {db}"));

    // Kazakh by default.
    app.wait_for_text("[data-testid=signin-title]", "Жүйеге кіру");
    app.wait_for_text("[data-testid=wordmark]", "Otau — Отау");
    app.wait_for_text("[data-testid=signin-submit]", "Кіру");
    app.wait_for_text("label[for=signin-password]", "Құпиясөз");
    app.screenshot("kk");

    // Empty sign-in shows the message next to the fields.
    app.click("[data-testid=signin-submit]");
    app.wait_for_text("[data-testid=signin-message]", "Логин мен құпиясөзді енгізіңіз.");
    assert_eq!(app.attr("#signin-login", "aria-invalid").as_deref(), Some("true"));
    app.screenshot("kk-empty");

    // Switching to Russian changes the labels and the message.
    app.click("[data-testid=lang-ru]");
    app.wait_for_text("[data-testid=signin-title]", "Вход в систему");
    app.wait_for_text("label[for=signin-login]", "Логин");
    app.wait_for_text("label[for=signin-password]", "Пароль");
    app.wait_for_text("[data-testid=signin-submit]", "Войти");
    app.wait_for_text("[data-testid=signin-message]", "Введите логин и пароль.");
    app.screenshot("ru-empty");

    // Typing the login leaves only the password to ask for.
    app.type_into("#signin-login", "clerk");
    app.click("[data-testid=signin-submit]");
    app.wait_for_text("[data-testid=signin-message]", "Введите пароль.");

    app.click("[data-testid=lang-en]");
    app.wait_for_text("[data-testid=signin-title]", "Sign in");
    app.wait_for_text("[data-testid=signin-message]", "Enter your password.");
    app.screenshot("en-no-password");
}

#[test]
fn starts_in_the_language_of_otau_lang_and_signs_in_with_the_keyboard() {
    // An empty OTAU_DB counts as unset: the app falls back to <data folder>/otau/otau.sqlite,
    // the same default as the `otau` command line (here inside the test's own HOME).
    let mut app = App::start_with("signin-ru", &[("OTAU_LANG", "ru"), ("OTAU_DB", "")]);
    let info = app.invoke("app_info", serde_json::json!({})).unwrap_or_else(|e| panic!("{e}"));
    let default_db = app.dir().join("home/.local/share/otau/otau.sqlite");
    assert_eq!(info["db_path"], serde_json::json!(default_db.to_string_lossy()), "{info}");
    assert_eq!(info["db_from_env"], serde_json::json!(false), "{info}");
    assert_eq!(info["lang"], serde_json::json!("ru"), "{info}");

    app.wait_for_text("[data-testid=signin-title]", "Вход в систему");
    assert_eq!(app.attr("[data-testid=lang-ru]", "aria-pressed").as_deref(), Some("true"));

    // Enter in the password field submits the form, as a clerk expects.
    app.type_into("#signin-login", "clerk");
    app.press("#signin-password", Key::Enter);
    app.wait_for_text("[data-testid=signin-message]", "Введите пароль.");

    app.type_into("#signin-password", "clerk-demo");
    app.press("#signin-password", Key::Enter);
    app.wait_for_text(
        "[data-testid=signin-message]",
        "Подключение к базе данных ещё не готово. Попробуйте позже.",
    );
    app.screenshot("ru-keyboard");
}
