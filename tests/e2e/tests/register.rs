//! End-to-end tests of registering a family in the real window, as a clerk does it: a family of
//! three with the mouse and keyboard, the likely-duplicate warning when one of them comes again
//! (with the link to the existing record, and the form kept meanwhile), a refused save that keeps
//! everything typed and shows each problem next to its field, and a family of five registered
//! with the keyboard alone.
// A test or benchmark is an edge: it reads the clock to set up what it runs against.
#![allow(clippy::disallowed_methods)]

use chrono::{Datelike, Local};
use otau_e2e::{App, Key, CLERK};

fn year() -> i32 {
    Local::now().date_naive().year()
}

fn key(k: Key) -> String {
    char::from(k).to_string()
}

/// Types into member `i`'s fields, by the field's name.
fn fill(app: &mut App, i: usize, fields: &[(&str, &str)]) {
    for (name, value) in fields {
        app.type_into(&format!("#f-members-{i}-{name}"), value);
    }
}

fn open_register(app: &mut App) {
    app.chord(Key::Control, 'n');
    app.wait_for("[data-testid=register-form]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_until("the arrival date has the focus", |app| app.focused() == "f-arrival_date");
}

/// The family's fields: arrival 14.09.2026 from Uzbekistan to Pavlodar.
fn family_fields(app: &mut App) {
    app.type_into("#f-arrival_date", "14.09.2026");
    app.click("#f-country_of_origin option[value=UZ]");
    app.click("#f-region option[value='KZ-55']");
    app.type_into("#f-settlement", "Павлодар");
}

#[test]
fn registers_a_family_of_three_and_warns_of_a_duplicate_when_one_comes_again() {
    let mut app = App::start_office("register-three", &[], |otau| otau.office());
    let (login, password, _) = CLERK;
    app.sign_in(login, password);
    open_register(&mut app);
    family_fields(&mut app);

    // The head: a valid IIN fills the birth date and sex it encodes.
    fill(
        &mut app,
        0,
        &[
            ("surname", "Сейітқали"),
            ("given_name", "Нұрсұлтан"),
            ("patronymic", "Болатұлы"),
            ("surname_latin", "SEIITKALI"),
            ("given_name_latin", "NURSULTAN"),
            ("iin", "850412310211"),
        ],
    );
    app.wait_until("the IIN filled the birth date", |app| {
        app.value("#f-members-0-birth_date") == "12.04.1985"
    });
    assert!(app.checked("#f-members-0-sex-male"));
    app.wait_for_text("[data-testid=f-members-0-iin-hint]", "ЖСН дұрыс · 12.04.1985 · Ер");
    fill(&mut app, 0, &[("document-number", "FA2233445"), ("phone", "+7 701 555 12 34")]);
    assert_eq!(app.value("#f-members-0-document-issuing_country"), "UZ");
    app.click("#f-members-0-consent-basis-given");
    assert_eq!(app.value("#f-members-0-consent-given_on"), "14.09.2026");

    // The spouse, added with the button.
    app.click("[data-testid=add-member]");
    assert_eq!(app.value("#f-members-1-relation"), "spouse");
    fill(
        &mut app,
        1,
        &[
            ("surname", "Сейітқали"),
            ("given_name", "Әлия"),
            ("surname_latin", "SEIITKALI"),
            ("given_name_latin", "ALIYA"),
            ("birth_date", "03.11.1988"),
            ("document-number", "FA2233446"),
        ],
    );
    app.click("#f-members-1-sex-female");
    app.scroll_to("#f-members-1-consent-basis-given");
    app.click("#f-members-1-consent-basis-given");

    // The daughter, added with Alt+A; her document is a birth certificate.
    app.chord(Key::Alt, 'a');
    app.wait_until("the third member has the focus", |app| app.focused() == "f-members-2-surname");
    assert_eq!(app.value("#f-members-2-relation"), "child");
    app.keys("Нұрсұлтанқызы");
    fill(
        &mut app,
        2,
        &[
            ("given_name", "Ұлжан"),
            ("surname_latin", "NURSULTANKYZY"),
            ("given_name_latin", "ULZHAN"),
        ],
    );
    fill(&mut app, 2, &[("birth_date", "2014-02-27")]);
    app.click("#f-members-2-sex-female");
    app.click("#f-members-2-document-kind option[value=birth_certificate]");
    fill(&mut app, 2, &[("document-number", "I-ТШ 0456789")]);
    app.click("#f-members-2-surname");
    app.wait_until("the birth date is shown as DD.MM.YYYY", |app| {
        app.value("#f-members-2-birth_date") == "27.02.2014"
    });
    // A girl of twelve: covered by her father's consent unless the clerk chooses otherwise.
    app.wait_until("the child's consent is the head's", |app| {
        app.checked("#f-members-2-consent-basis-minor")
    });
    app.screenshot("filled");

    app.chord(Key::Control, 's');
    app.wait_for("[data-testid=register-done]").unwrap_or_else(|e| panic!("{e}"));
    let family = format!("PVL01-{}-00001", year());
    app.wait_for_text("[data-testid=register-done-regno]", &family);
    assert_eq!(app.count("[data-testid=register-done] tbody tr"), 3);
    app.screenshot("registered");

    // The head comes again, this time without the IIN: shown as a likely duplicate before saving.
    app.click("[data-testid=register-another]");
    app.wait_for("[data-testid=register-form]").unwrap_or_else(|e| panic!("{e}"));
    family_fields(&mut app);
    fill(
        &mut app,
        0,
        &[("surname", "Сейітқали"), ("given_name", "Нұрсұлтан"), ("birth_date", "12.04.1985")],
    );
    app.click("#f-members-0-sex-male");
    app.scroll_to("#f-members-0-consent-basis-given");
    app.click("#f-members-0-consent-basis-given");
    app.wait_for("[data-testid=duplicates]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text_containing("[data-testid=duplicate-row]", &family);
    app.wait_for_text_containing("[data-testid=duplicate-row]", "аты-жөні мен туған күні бірдей");
    app.wait_for("[data-testid=member-0-duplicate]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text_containing("[data-testid=register-duplicates-note]", "ұқсастық: 1");
    app.scroll_to("#members-title");
    app.screenshot("duplicate-warning");

    // Saving anyway is refused until the clerk confirms; nothing is registered.
    app.chord(Key::Control, 's');
    app.wait_until("the confirmation has the focus", |app| app.focused() == "allow-duplicates");
    app.screenshot("duplicate-refused");
    let home = app.invoke("home", serde_json::json!({})).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(home["home"]["families"], 1, "{home}");

    // The link opens the existing record; going back finds the form as it was.
    app.click("[data-testid=duplicate-link]");
    app.wait_for_text("[data-testid=card-regno]", &family);
    app.chord(Key::Alt, '\u{E012}');
    app.wait_for("[data-testid=register-form]").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.value("#f-members-0-surname"), "Сейітқали");
    assert_eq!(app.value("#f-members-0-birth_date"), "12.04.1985");
    assert_eq!(app.value("#f-settlement"), "Павлодар");
    app.wait_for("[data-testid=duplicates]").unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_refused_save_keeps_everything_typed_and_names_each_field() {
    let mut app = App::start_office("register-refused", &[], |otau| otau.office());
    let (login, password, _) = CLERK;
    app.sign_in(login, password);
    open_register(&mut app);
    app.type_into("#f-arrival_date", "14.09.2026");
    app.click("#f-country_of_origin option[value=UZ]");
    app.click("#f-region option[value='KZ-55']");
    fill(
        &mut app,
        0,
        &[
            ("surname", "Сейітқали"),
            ("given_name", "Нұрсұлтан"),
            ("given_name_latin", "НҰРСҰЛТАН"),
            ("birth_date", "31.02.1985"),
            ("iin", "850412310212"),
        ],
    );
    app.click("#f-members-0-sex-male");
    app.chord(Key::Control, 's');

    // Each problem next to its field, saying what to fix; the focus on the first.
    app.wait_for_text_containing("[data-testid=f-settlement-error]", "Өріс толтырылмаған");
    app.wait_for_text_containing(
        "[data-testid=f-members-0-birth_date-error]",
        "«31.02.1985» күн емес",
    );
    app.wait_for_text_containing(
        "[data-testid=f-members-0-given_name_latin-error]",
        "«Н» латын әрпі емес",
    );
    app.wait_for_text_containing("[data-testid=f-members-0-iin-error]", "бақылау цифры");
    // The fifth: no consent (nor a reason) chosen for the head yet.
    app.wait_for_text_containing(
        "[data-testid=register-problems]",
        "Түзетуді қажет ететін өрістер: 5",
    );
    assert_eq!(app.focused(), "f-settlement");
    app.screenshot("refused");

    // Nothing was saved, and nothing typed was lost.
    let home = app.invoke("home", serde_json::json!({})).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(home["home"]["families"], 0, "{home}");
    for (field, value) in [
        ("#f-arrival_date", "14.09.2026"),
        ("#f-country_of_origin", "UZ"),
        ("#f-members-0-surname", "Сейітқали"),
        ("#f-members-0-given_name_latin", "НҰРСҰЛТАН"),
        ("#f-members-0-birth_date", "31.02.1985"),
        ("#f-members-0-iin", "850412310212"),
    ] {
        assert_eq!(app.value(field), value, "{field}");
    }
    assert!(app.checked("#f-members-0-sex-male"));

    // Correcting the fields saves the family.
    app.keys("Павлодар");
    app.click("#f-members-0-given_name_latin");
    app.replace_text("NURSULTAN");
    app.click("#f-members-0-birth_date");
    app.replace_text("12.04.1985");
    app.click("#f-members-0-iin");
    app.replace_text("850412310211");
    app.scroll_to("#f-members-0-consent-basis-given");
    app.click("#f-members-0-consent-basis-given");
    app.wait_until("the problems are gone", |app| app.count("[role=alert]") == 0);
    app.chord(Key::Control, 's');
    app.wait_for_text("[data-testid=register-done-regno]", &format!("PVL01-{}-00001", year()));
}

#[test]
fn a_family_of_five_is_registered_with_the_keyboard_alone() {
    let mut app = App::start_office("register-keyboard", &[], |otau| otau.office());
    let (login, password, _) = CLERK;
    app.wait_for("#signin-login").unwrap_or_else(|e| panic!("{e}"));
    app.keys(&format!("{login}{}{password}{}", key(Key::Tab), key(Key::Enter)));
    app.wait_for("[data-testid=home]").unwrap_or_else(|e| panic!("{e}"));
    open_register(&mut app);

    let tab = key(Key::Tab);
    // Family: arrival date, country and region chosen by typing their names, settlement;
    // the category and address are left; then into the head's surname.
    app.keys(&format!("14092026{tab}Өзб{tab}Павлодар{tab}Павлодар{tab}{tab}{tab}{tab}"));
    assert_eq!(app.value("#f-country_of_origin"), "UZ");
    assert_eq!(app.value("#f-region"), "KZ-55");
    assert_eq!(app.focused(), "f-members-0-surname");

    // Surname, given name, patronymic, three Latin fields, birth date, sex (Space = the first,
    // → = the next), IIN, citizenship, education, document kind, document number.
    let space = " ";
    let right = key(Key::Right);
    // An adult gives consent: past the issuing country, the document's dates, phone and e-mail
    // to the consent's choices, Space on the first ("consent given", dated the arrival); a
    // child is covered by the head's consent as the form starts.
    let member = |surname: &str, given: &str, latin: &str, birth: &str, female: bool, doc: &str| {
        let sex = if female { format!("{space}{right}") } else { space.to_owned() };
        let adult = birth.ends_with("1980")
            || birth.ends_with("1983")
            || birth.ends_with("1955")
            || birth.ends_with("2008");
        let consent = if adult { format!("{}{space}", tab.repeat(6)) } else { String::new() };
        format!(
            "{surname}{tab}{given}{tab}{tab}{latin}{tab}{tab}{tab}{birth}{tab}{sex}{tab}{tab}{tab}{tab}{tab}{doc}{consent}"
        )
    };
    app.keys(&member("Омаров", "Бауыржан", "OMAROV", "05.06.1980", false, "N1234567"));
    let people = [
        ("Омарова", "Гүлнар", "OMAROVA", "11.02.1983", true, "N1234568"),
        ("Омаров", "Ерлан", "OMAROV", "01.09.2008", false, "N1234569"),
        ("Омарова", "Дана", "OMAROVA", "17.03.2012", true, "N1234570"),
        ("Омарова", "Зейнеп", "OMAROVA", "20.01.1955", true, "N1234571"),
    ];
    for (surname, given, latin, birth, female, doc) in people {
        app.chord(Key::Alt, 'a');
        let n = app.count("[data-testid^=member-]:not([data-testid$=remove])") - 1;
        app.wait_until("the new member has the focus", |app| {
            app.focused() == format!("f-members-{n}-surname")
        });
        if given == "Зейнеп" {
            // The grandmother is the head's mother: back to the relation, one down from
            // "child" to "parent", and on to the surname.
            app.chord(Key::Shift, '\u{E004}');
            app.keys(&format!("{}{tab}", key(Key::Down)));
        }
        app.keys(&member(surname, given, latin, birth, female, doc));
    }
    assert_eq!(app.value("#f-members-1-relation"), "spouse");
    assert_eq!(app.value("#f-members-4-relation"), "parent");
    assert!(app.checked("#f-members-3-sex-female"));
    app.screenshot("five-typed");

    app.chord(Key::Control, 's');
    app.wait_for("[data-testid=register-done]").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(app.count("[data-testid=register-done] tbody tr"), 5);
    app.screenshot("five-registered");

    // Enter on the focused button opens the head's card.
    app.wait_until("the card button has the focus", |app| app.focused() == "register-open-card");
}
