//! End-to-end tests of finding a person and reading their card in the real window: the head of
//! a registered family found by a Latin spelling, a Russian-style Cyrillic spelling and the
//! IIN; Enter opens the card; a correction needs a reason (a refused one keeps what was typed);
//! the history shows who changed what, when, from what to what, and why.

use otau_e2e::{App, Key, CLERK};

fn key(k: Key) -> String {
    char::from(k).to_string()
}

#[test]
fn finds_the_head_by_any_spelling_and_reads_the_history_of_a_correction() {
    let mut head = String::new();
    let mut app = App::start_office("find", &[], |otau| {
        otau.office()?;
        otau.demo(30)?;
        let family = std::fs::read_to_string(otau_e2e::repo_root().join("tests/data/family.json"))
            .map_err(|e| otau_e2e::Error::new(format!("tests/data/family.json: {e}")))?;
        let added = otau.add_family(&family)?;
        head = added["family_regno"].as_str().unwrap_or_default().to_owned();
        Ok(())
    });
    let (login, password, _) = CLERK;
    app.sign_in(login, password);

    app.chord(Key::Control, 'k');
    app.wait_until("the search box has the focus", |app| app.focused() == "find-query");
    for query in
        ["Seiitkali Nursultan", "Сеиткали Нурсултан", "Сейітқали Нұрсұлтан", "850412310211"]
    {
        app.replace_text(query);
        app.wait_until(&format!("{query} finds the head first"), |app| {
            app.attr("[data-testid=find-hit]", "data-regno").as_deref() == Some(head.as_str())
                && app.value("#find-query") == query
        });
        if query == "Сеиткали Нурсултан" {
            app.screenshot("russian-spelling");
        }
    }
    app.replace_text("Seiitkali");
    app.wait_until("the Latin surname finds the family", |app| {
        app.count("[data-testid=find-hit]") >= 2
    });
    app.screenshot("latin-spelling");

    // ↓ and Enter open the second hit; Alt+← returns; Enter opens the first.
    app.keys(&key(Key::Down));
    app.wait_for("[data-testid=find-hit]:nth-child(2).selected").unwrap_or_else(|e| panic!("{e}"));
    app.replace_text("Seiitkali Nursultan");
    app.wait_until("the head is first again", |app| {
        app.attr("[data-testid=find-hit]", "data-regno").as_deref() == Some(head.as_str())
    });
    app.keys(&key(Key::Enter));
    app.wait_for_text("[data-testid=card-regno]", &head);
    app.wait_for_text("[data-testid=card-name]", "Сейітқали Нұрсұлтан Болатұлы");
    app.wait_for_text("[data-testid=card-latin]", "SEIITKALI NURSULTAN");
    app.wait_for_text("[data-testid=card-iin]", "850412310211");
    app.wait_for_text_containing("[data-testid=history-item]", "Отбасы тіркелді");
    app.wait_for_text_containing("[data-testid=card-status-state]", "Мәртебесі жоқ");
    app.screenshot("card");

    // A correction without a reason is refused; what was typed stays.
    app.chord(Key::Control, 'e');
    app.wait_until("the surname has the focus", |app| app.focused() == "f-surname");
    app.click("#f-phone");
    app.replace_text("+7 702 000 00 00");
    app.chord(Key::Control, 's');
    app.wait_for_text_containing("[data-testid=f-reason-error]", "Түзетудің себебін жазыңыз");
    assert_eq!(app.value("#f-phone"), "+7 702 000 00 00");
    assert_eq!(app.focused(), "f-reason");
    app.screenshot("edit-refused");

    app.keys("Жаңа телефон нөмірі");
    app.chord(Key::Control, 's');
    app.wait_for("[data-testid=card-saved]").unwrap_or_else(|e| panic!("{e}"));
    app.wait_for_text("[data-testid=card-phone]", "+77020000000");

    // The history, newest first: who, what, why, before and after.
    let newest = "[data-testid=history-item]:first-child";
    app.wait_for_text_containing(newest, "Деректер түзетілді");
    app.wait_for_text_containing(newest, login);
    app.wait_for_text_containing(
        &format!("{newest} [data-testid=history-reason]"),
        "Себебі: Жаңа телефон нөмірі",
    );
    app.wait_for_text_containing(&format!("{newest} [data-testid=history-diff]"), "Телефон");
    app.wait_for_text_containing(&format!("{newest} [data-testid=history-diff]"), "+77015551234");
    app.wait_for_text_containing(&format!("{newest} [data-testid=history-diff]"), "+77020000000");
    assert_eq!(app.count("[data-testid=history-item]"), 2);
    let history = app.invoke("person_card", serde_json::json!({ "regno": head }));
    let history = history.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(history["history"][0]["user_login"], login, "{history}");
    app.scroll_to("[data-testid=card-history]");
    app.screenshot("history");
}
