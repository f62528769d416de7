//! End-to-end test of the interface language on the working screens: Kazakh by default, then
//! Russian and English at run time — navigation, headings, field labels and the messages of a
//! refused save all follow.

use otau_e2e::{App, Key, CLERK};

#[test]
fn the_working_screens_switch_between_kazakh_russian_and_english() {
    let mut app = App::start_office("language", &[], |otau| otau.office());
    let (login, password, name) = CLERK;
    app.sign_in(login, password);
    app.wait_for_text("[data-testid=nav-home] .label", "Басты бет");
    app.wait_for_text("[data-testid=nav-register] .label", "Отбасын тіркеу");

    app.click("[data-testid=lang-ru]");
    app.wait_for_text("[data-testid=nav-home] .label", "Главная");
    app.wait_for_text("[data-testid=home-greeting]", &format!("Добро пожаловать, {name}!"));
    app.screenshot("home-ru");

    // A refused save, in Russian, then the same messages in English.
    app.chord(Key::Control, 'n');
    app.wait_for("[data-testid=register-form]").unwrap_or_else(|e| panic!("{e}"));
    app.chord(Key::Control, 's');
    app.wait_for_text("label[for=f-settlement]", "Населённый пункт *");
    app.wait_for_text_containing("[data-testid=f-settlement-error]", "Поле не заполнено");
    app.wait_for_text_containing("[data-testid=f-members-0-sex-error]", "Поле не заполнено");
    app.screenshot("register-ru");

    app.click("[data-testid=lang-en]");
    app.wait_for_text("[data-testid=nav-register] .label", "Register a family");
    app.wait_for_text("label[for=f-settlement]", "Town or village *");
    app.wait_for_text_containing(
        "[data-testid=f-settlement-error]",
        "This field is empty: fill it in.",
    );
    app.wait_for_text_containing("[data-testid=register-problems]", "Fields to correct");
    app.screenshot("register-en");

    app.click("[data-testid=lang-kk]");
    app.wait_for_text("label[for=f-settlement]", "Елді мекен *");
    app.wait_for_text_containing("[data-testid=f-settlement-error]", "Өріс толтырылмаған");
}
