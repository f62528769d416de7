//! End-to-end tests of signing in, locking and signing out in the real desktop window: the
//! Kazakh start, the language switch, the messages for empty fields and a wrong password, the
//! database path the shell was given, the lock after Ctrl+L and after the idle time, and
//! unlocking with the same user's password.

use otau_e2e::{App, Key, CLERK};

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

    // That default database has no office yet: the message says how to create one.
    app.type_into("#signin-password", "clerk-demo");
    app.press("#signin-password", Key::Enter);
    app.wait_for_text_containing(
        "[data-testid=signin-message]",
        "В этой базе ещё нет офиса. Создайте его: otau init",
    );
    app.screenshot("ru-keyboard");
}

#[test]
fn a_clerk_signs_in_locks_the_screen_unlocks_and_signs_out() {
    // The screen locks after 12 idle seconds here, so the test can see it happen.
    let mut app =
        App::start_office("session", &[("OTAU_IDLE_MINUTES", "0.2")], |otau| otau.office());
    let (login, password, name) = CLERK;

    // The sign-in screen names the office of the database.
    app.wait_for_text("[data-testid=signin-office]", "Павлодар облыстық бейімдеу орталығы");

    // A wrong password: the message, the password cleared and focused for another try.
    app.type_into("#signin-login", login);
    app.type_into("#signin-password", "not-the-password");
    app.press("#signin-password", Key::Enter);
    app.wait_for_text("[data-testid=signin-message]", "Логин немесе құпиясөз қате.");
    assert_eq!(app.value("#signin-password"), "");
    assert_eq!(app.focused(), "signin-password");
    app.screenshot("wrong-password");

    app.keys(&format!("{password}{}", char::from(Key::Enter)));
    app.wait_for("[data-testid=home]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text_containing("[data-testid=current-user]", name);
    app.wait_for_text_containing(
        "[data-testid=office-name]",
        "Павлодар облыстық бейімдеу орталығы",
    );
    app.wait_for_text("[data-testid=home-greeting]", &format!("Қош келдіңіз, {name}!"));
    app.screenshot("home");

    // Ctrl+L locks at once; nothing can be read while locked, the work stays underneath.
    app.chord(Key::Control, 'l');
    app.wait_for("[data-testid=lock-screen]").unwrap_or_else(|e| panic!("{e}"));
    let refused = app.invoke("home", serde_json::json!({}));
    assert!(refused.as_ref().is_err_and(|e| e.to_string().contains("desk-locked")), "{refused:?}");
    app.wait_for_text_containing("[data-testid=lock-user]", login);
    app.keys(&format!("wrong{}", char::from(Key::Enter)));
    app.wait_for_text("[data-testid=lock-message]", "Логин немесе құпиясөз қате.");
    app.screenshot("locked");
    app.keys(&format!("{password}{}", char::from(Key::Enter)));
    app.wait_until("the lock screen is gone", |app| app.count("[data-testid=lock-screen]") == 0);
    assert!(app.invoke("home", serde_json::json!({})).is_ok());

    // Left alone, the screen locks by itself after the idle time.
    std::thread::sleep(std::time::Duration::from_secs(13));
    app.wait_for("[data-testid=lock-screen]").unwrap_or_else(|e| panic!("{e}"));
    app.keys(&format!("{password}{}", char::from(Key::Enter)));
    app.wait_until("the lock screen is gone", |app| app.count("[data-testid=lock-screen]") == 0);

    // Signing out returns to the sign-in screen and refuses every command.
    app.click("[data-testid=sign-out]");
    app.wait_for("#signin-login").unwrap_or_else(|e| panic!("{e}"));
    let refused = app.invoke("home", serde_json::json!({}));
    assert!(
        refused.as_ref().is_err_and(|e| e.to_string().contains("desk-signed-out")),
        "{refused:?}"
    );
}
