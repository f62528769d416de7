//! What the desk's tests share: the fixed day and moment they run on, a new office database with
//! its administrator, a clerk and two managers, and the family of the example file as the
//! registration form has it; a real centre on loopback.

use otau_store::Context;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::model::{DocumentKind, Relation, Sex};
use otau_store::{Actor, NewOffice, NewUser, Role, Store};

use crate::desk::Desk;
use crate::form::{ConsentForm, DocumentForm, FamilyForm, MemberForm};
use crate::sync::{EnrolForm, JoinForm};
use crate::Now;
use otau_centre::admin::Admin;
use otau_centre::server::{Running, ServeOptions};
use otau_centre::Location;

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
    office_of("PVL01", "Павлодар облыстық бейімдеу орталығы", "KZ-55")
}

/// A new office `code` as [`office`] makes PVL01.
pub fn office_of(
    code: &str,
    name: &str,
    region: &str,
) -> (tempfile::TempDir, PathBuf, Store, Actor) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("otau.sqlite");
    let mut store = Store::open(&path).expect("open");
    let table = MciTable::from_json(DEFAULT_MCI_JSON).expect("mci");
    store
        .init_office(
            at(),
            &NewOffice {
                code: code.into(),
                name: name.into(),
                region: region.into(),
                admin_login: "admin".into(),
                admin_password: "admin-password".into(),
            },
            &table,
        )
        .expect("init");
    let admin = store.sign_in("admin", "admin-password").expect("admin");
    add_users(&mut store, &admin);
    (dir, path, store, admin)
}

/// Adds the [`USERS`], each with the password `<login>-password`, as `admin`.
pub fn add_users(store: &mut Store, admin: &Actor) {
    for (login, role, name) in USERS {
        let user = NewUser {
            login: login.into(),
            role,
            full_name: Some(name.into()),
            password: format!("{login}-password"),
        };
        store.add_user(&Context::new(admin, at(), d(TODAY)), &user).expect("user");
    }
}

/// A desk on a new [`office`], nobody signed in.
pub fn desk() -> (tempfile::TempDir, Desk) {
    let (dir, path, store, _) = office();
    drop(store);
    (dir, Desk::new(Some(path), 900))
}

/// A desk on a new office database (as [`desk`]) that saves documents in `docs` under its
/// temporary folder: the folder, the desk and the documents folder.
pub fn desk_with_folder() -> (tempfile::TempDir, Desk, PathBuf) {
    let (dir, path, store, _) = office();
    drop(store);
    let folder = dir.path().join("docs");
    let settings = crate::settings::Settings {
        db_path: Some(path),
        db_from_env: false,
        lang: otau_i18n::Lang::default(),
        idle_seconds: 900,
        idle_from_env: false,
    };
    (dir, Desk::open(settings, crate::settings::DocsDir::fixed(Some(folder.clone()))), folder)
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
            basis: Some(otau_core::consent::ConsentBasis::Given),
            given_on: "14.09.2026".into(),
            purpose: "Бейімдеу қызметтері".into(),
            ..ConsentForm::blank()
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

/// A centre on SQLite with office PVL01, serving HTTPS on a free port of 127.0.0.1.
pub struct Centre {
    /// Its data folder.
    pub location: Location,
    running: Option<Running>,
    _dir: tempfile::TempDir,
}

impl Centre {
    /// A new centre, serving.
    pub fn new() -> Centre {
        let dir = tempfile::tempdir().expect("dir");
        let location = Location { data: dir.path().join("centre"), database_url: None };
        let (admin, _) = Admin::init(&location, "Орталық").expect("init");
        admin.add_office("PVL01", "Павлодар", "KZ-55").expect("office");
        drop(admin);
        let running = Running::start(ServeOptions {
            location: location.clone(),
            listen: "127.0.0.1:0".parse().expect("addr"),
            insecure_http: false,
            block_size: 1000,
            page_bytes: otau_centre::http::MAX_PAGE_BYTES,
        })
        .expect("centre starts");
        Centre { location, running: Some(running), _dir: dir }
    }

    /// Its address.
    pub fn url(&self) -> String {
        self.running.as_ref().map(|r| r.url(false)).unwrap_or_default()
    }

    /// A one-time enrolment code for PVL01.
    pub fn code(&self) -> String {
        self.code_for("PVL01")
    }

    /// A one-time enrolment code for `office`.
    pub fn code_for(&self, office: &str) -> String {
        Admin::open(&self.location).expect("admin").enrol_code(office, 72).expect("code").0
    }

    /// The centre's administration (packets, offices).
    pub fn admin(&self) -> Admin {
        Admin::open(&self.location).expect("admin")
    }
}

impl Drop for Centre {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.stop();
        }
    }
}

/// The enrolment form of PVL01's counter for `centre`.
pub fn enrol_form(centre: &Centre) -> EnrolForm {
    EnrolForm { centre_url: centre.url(), code: centre.code(), device_name: "Counter".into() }
}

/// A desk on a new office PVL01, enrolled by its administrator (who stays signed in).
pub fn enrolled(centre: &Centre) -> (tempfile::TempDir, Desk) {
    let (dir, desk) = desk();
    desk.sign_in("admin", "admin-password").expect("admin");
    let panel = desk.enrol_device(&enrol_form(centre), now()).expect("enrol");
    assert!(panel.enrolled);
    (dir, desk)
}

/// The office secret a joined install's database is encrypted under.
pub const LAPTOP_SECRET: &str = "laptop office secret 2026";

/// Another connection to the database at `path`: plain, or encrypted with the keys the office
/// secret of a joined install unwraps.
pub fn open_db(path: &std::path::Path) -> Store {
    match otau_store::vault::VaultFile::read(path).expect("keys file") {
        Some(file) => {
            let keys = file
                .unlock(otau_store::vault::Unlock::OfficeSecret(LAPTOP_SECRET))
                .expect("the secret opens it");
            Store::open_encrypted(path, &keys).expect("open encrypted")
        }
        None => Store::open(path).expect("open"),
    }
}

/// A new install that joined PVL01 as `admin` with `laptop-password`.
pub fn joined(centre: &Centre) -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().expect("dir");
    let desk = Desk::new(Some(dir.path().join("laptop.sqlite")), 900);
    assert_eq!(desk.office_if_any(), None, "a new install has no office");
    let form = JoinForm {
        centre_url: centre.url(),
        code: centre.code(),
        device_name: "Field laptop".into(),
        login: "admin".into(),
        password: "laptop-password".into(),
        office_secret: LAPTOP_SECRET.into(),
    };
    let session = desk.join_office(&form, now()).expect("join");
    assert_eq!(session.actor.login, "admin");
    assert_eq!(session.office.code, "PVL01");
    (dir, desk)
}
