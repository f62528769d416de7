//! End-to-end test of the administrators' users screen in the real desktop window: the
//! administrator signs in (the daily backup is written meanwhile and shows on the home screen),
//! opens Users from the sidebar, deactivates the clerk, signs out, and the clerk cannot sign
//! in, told why in Kazakh; and a clerk whose password the administrator set is asked, on every
//! screen, for a password of her own, chooses it in the window, and is not asked again; and an
//! administrator adds a clerk in the window, who signs in, then deactivates her, and she can no
//! longer sign in.

use otau_e2e::{App, ADMIN_PASSWORD, CLERK};

/// Signs out, then `login` tries her password and is told in Kazakh that her account is
/// deactivated.
fn refused_after_sign_out(app: &mut App, login: &str, password: &str) {
    app.click("[data-testid=sign-out]");
    app.wait_for("#signin-login").unwrap_or_else(|e| panic!("no sign-in screen: {e}"));
    app.type_into("#signin-login", login);
    app.type_into("#signin-password", password);
    app.click("[data-testid=signin-submit]");
    app.wait_for_text_containing("[data-testid=signin-message]", "пайдаланушысы өшірілген");
    app.screenshot("refused");
}

#[test]
fn an_administrator_deactivates_a_user_who_then_cannot_sign_in() {
    let mut app = App::start_office("users", &[], |otau| otau.office());
    app.sign_in("admin", ADMIN_PASSWORD);

    // The first sign-in of the day writes a backup in the background; the panel shows it.
    app.wait_for_text_containing("[data-testid=backup-last]", "Соңғы көшірме:");
    app.screenshot("home-backup");

    app.click("[data-testid=nav-users]");
    let (login, password, name) = CLERK;
    let row = format!("[data-testid=user-row][data-login={login}]");
    app.wait_for_text_containing(&row, name);
    app.click(&format!("{row} [data-testid=user-toggle]"));
    app.wait_for_text_containing("[data-testid=users-message]", "өшірілді");
    app.wait_for_text_containing(&row, "Өшірілген");
    app.screenshot("deactivated");

    refused_after_sign_out(&mut app, login, password);
}

#[test]
fn a_clerk_whose_password_the_administrator_set_chooses_her_own() {
    let (login, password, _) = CLERK;
    // The administrator sets a temporary password for her.
    let mut app = App::start_office("own-password", &[], |otau| {
        otau.office()?;
        otau.run(&["--user", "admin", "user", "password", login], &format!("{password}\n"))?;
        Ok(())
    });
    app.sign_in(login, password);
    app.wait_for_text_containing("[data-testid=own-password-due]", "Құпиясөзіңізді әкімші қойған");
    app.screenshot("own-password-due");
    app.click("[data-testid=own-password-choose]");
    app.type_into("[data-testid=own-current]", password);
    app.type_into("[data-testid=own-new]", "Aigerim-Oz-Kilti-7");
    app.type_into("[data-testid=own-again]", "Aigerim-Oz-Kilti-7");
    app.screenshot("own-password-form");
    app.click("[data-testid=own-save]");
    app.wait_for_text_containing("[data-testid=own-password-message]", "енді оны тек сіз білесіз");
    assert_eq!(app.count("[data-testid=own-password-due]"), 0);
    app.screenshot("own-password-saved");

    // Next time, the new password alone, and no notice.
    app.click("[data-testid=sign-out]");
    app.sign_in(login, "Aigerim-Oz-Kilti-7");
    app.wait_for("[data-testid=home]").unwrap_or_else(|e| panic!("home: {e}"));
    assert_eq!(app.count("[data-testid=own-password-due]"), 0);
}

#[test]
fn an_administrator_adds_a_clerk_in_the_window_then_deactivates_her() {
    let mut app = App::start_office("users-add", &[], |otau| otau.office());
    app.sign_in("admin", ADMIN_PASSWORD);
    app.click("[data-testid=nav-users]");
    app.wait_for("[data-testid=add-form]").unwrap_or_else(|e| panic!("no form: {e}"));
    app.type_into("#add-login", "dana");
    app.type_into("#add-name", "Дана Ермекова");
    app.click("#add-role option[value=clerk]");
    app.type_into("#add-password", "dana-counter-2026");
    app.type_into("#add-again", "dana-counter-2026");
    app.click("[data-testid=add-save]");
    app.wait_for_text_containing("[data-testid=users-message]", "dana пайдаланушысы қосылды");
    let row = "[data-testid=user-row][data-login=dana]";
    app.wait_for_text_containing(row, "Дана Ермекова");
    app.wait_for_text_containing(row, "Маман");
    app.screenshot("added");

    // She signs in with the password the administrator gave her.
    app.click("[data-testid=sign-out]");
    app.sign_in("dana", "dana-counter-2026");
    app.wait_for_text_containing("[data-testid=home-greeting]", "Дана");
    app.click("[data-testid=sign-out]");

    // She leaves the office: the administrator deactivates her account.
    app.sign_in("admin", ADMIN_PASSWORD);
    app.click("[data-testid=nav-users]");
    app.wait_for_text_containing(row, "Дана Ермекова");
    app.click(&format!("{row} [data-testid=user-toggle]"));
    app.wait_for_text_containing("[data-testid=users-message]", "dana өшірілді");
    app.wait_for_text_containing(row, "Өшірілген");
    refused_after_sign_out(&mut app, "dana", "dana-counter-2026");
}
