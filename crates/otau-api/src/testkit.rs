//! What the desk's tests share: the fixed day and moment they run on, a new office database with
//! its administrator, a clerk and two managers, and the family of the example file as the
//! registration form has it.

use otau_store::Context;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::model::{DocumentKind, Relation, Sex};
use otau_store::{Actor, NewOffice, NewUser, Role, Store};

use crate::desk::Desk;
use crate::form::{ConsentForm, DocumentForm, FamilyForm, MemberForm};
use crate::Now;

/// The day the tests are run on.
pub const TODAY: &str = "2026-11-25";

/// A date written `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

/// The moment of every change the tests make.
pub fn at() -> DateTime<Utc> {
    "2026-11-25T09:30:00Z".parse().unwrap_or_default()
}

/// The moment and the date of every command the tests give.
pub fn now() -> Now {
    Now { at: at(), today: d(TODAY) }
}

/// The users every test office has besides `admin`: login, role, full name; each password is
/// `<login>-password`.
pub const USERS: [(&str, Role, &str); 3] = [
    ("aigerim", Role::Clerk, "Әйгерім Сәрсенова"),
    ("bolat", Role::Manager, "Болат Ержанов"),
    ("saule", Role::Manager, "Сәуле Қасымова"),
];

/// A new office PVL01 (Pavlodar region) in a temporary folder with `admin`/`admin-password` and
/// the [`USERS`]: the folder, the database's path, the open store and its administrator.
pub fn office() -> (tempfile::TempDir, PathBuf, Store, Actor) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("otau.sqlite");
    let mut store = Store::open(&path).expect("open");
    let table = MciTable::from_json(DEFAULT_MCI_JSON).expect("mci");
    store
        .init_office(
            at(),
            &NewOffice {
                code: "PVL01".into(),
                name: "Павлодар облыстық бейімдеу орталығы".into(),
                region: "KZ-55".into(),
                admin_login: "admin".into(),
                admin_password: "admin-password".into(),
            },
            &table,
        )
        .expect("init");
    let admin = store.sign_in("admin", "admin-password").expect("admin");
    for (login, role, name) in USERS {
        let user = NewUser {
            login: login.into(),
            role,
            full_name: Some(name.into()),
            password: format!("{login}-password"),
        };
        store.add_user(&Context::new(&admin, at(), d(TODAY)), &user).expect("user");
    }
    (dir, path, store, admin)
}

/// A desk on a new [`office`], nobody signed in.
pub fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, path, store, _) = office();
    drop(store);
    (dir, Desk::new(Some(path), 900))
}

/// The head of the example family, as typed in the registration form.
pub fn head() -> MemberForm {
    MemberForm {
        relation: Relation::Head,
        surname: "Сейітқали".into(),
        given_name: "Нұрсұлтан".into(),
        patronymic: "Болатұлы".into(),
        surname_latin: "SEIITKALI".into(),
        given_name_latin: "NURSULTAN".into(),
        patronymic_latin: String::new(),
        birth_date: "12.04.1985".into(),
        sex: Some(Sex::Male),
        iin: "850412310211".into(),
        citizenship: String::new(),
        education: None,
        document: DocumentForm {
            kind: DocumentKind::Passport,
            number: "FA2233445".into(),
            issuing_country: "UZ".into(),
            issued_on: "20.05.2019".into(),
            valid_until: "19.05.2029".into(),
        },
        phone: "+7 701 555 12 34".into(),
        email: String::new(),
        consent: ConsentForm {
            given: true,
            given_on: "14.09.2026".into(),
            purpose: "Бейімдеу қызметтері".into(),
        },
    }
}

/// The example family arrived on 14.09.2026 in Pavlodar from Uzbekistan, with `members`.
pub fn family_of(members: Vec<MemberForm>) -> FamilyForm {
    FamilyForm {
        arrival_date: "14.09.2026".into(),
        country_of_origin: "UZ".into(),
        region: "KZ-55".into(),
        settlement: "Павлодар".into(),
        accommodation_category: None,
        address: String::new(),
        members,
    }
}

/// The example family: its head alone.
pub fn family() -> FamilyForm {
    family_of(vec![head()])
}
