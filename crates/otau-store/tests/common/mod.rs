//! Shared helpers of the store's tests: a fresh office database and the example family.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::model::FamilyInput;
use otau_store::documents::{OfficeRecords, Words};
pub use otau_store::Context;
use otau_store::{Actor, NewOffice, NewUser, Role, Store};

pub const ADMIN_PASSWORD: &str = "admin-password";

pub fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 30, 0).single().expect("valid moment")
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid date")
}

/// `actor` acting at [`at`] on [`today`].
pub fn ctx(actor: &Actor) -> Context {
    Context::new(actor, at(), today())
}

/// A database in a temporary folder with office PVL01 and its administrator signed in.
pub struct TestOffice {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub admin: Actor,
}

pub fn office() -> TestOffice {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("office.sqlite");
    let mut store = Store::open(&path).expect("open");
    store
        .init_office(
            at(),
            &NewOffice {
                code: "PVL01".into(),
                name: "Павлодар облыстық бейімдеу орталығы".into(),
                region: "KZ-55".into(),
                admin_login: "admin".into(),
                admin_password: ADMIN_PASSWORD.into(),
            },
            &MciTable::from_json(DEFAULT_MCI_JSON).expect("shipped MCI"),
        )
        .expect("init");
    let admin = store.sign_in("admin", ADMIN_PASSWORD).expect("sign in");
    TestOffice { dir, store, admin }
}

impl TestOffice {
    pub fn clerk(&mut self, login: &str) -> Actor {
        self.store
            .add_user(
                &ctx(&self.admin),
                &NewUser {
                    login: login.into(),
                    role: Role::Clerk,
                    full_name: Some("Test Clerk".into()),
                    password: "clerk-password".into(),
                },
            )
            .expect("add clerk");
        self.store.sign_in(login, "clerk-password").expect("clerk signs in")
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("office.sqlite")
    }

    /// Counts of families, persons, events in the log, and events for the centre.
    pub fn counts(&self) -> (i64, i64, i64, i64) {
        self.store
            .raw_connection()
            .query_row(
                "SELECT (SELECT COUNT(*) FROM families), (SELECT COUNT(*) FROM persons),
                        (SELECT COUNT(*) FROM events),
                        (SELECT COUNT(*) FROM events WHERE origin = 'local')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .expect("counts")
    }
}

pub fn example_family() -> FamilyInput {
    let text = include_str!("../../../../tests/data/family.json");
    serde_json::from_str(text).expect("the shared example parses")
}

/// The words documents print, translated as the edges translate them.
pub struct TestWords;

impl Words for TestWords {
    fn subsidy(&self, kind: otau_core::subsidy::SubsidyKind) -> (String, String) {
        subsidy_names(kind)
    }
    fn explanation(&self, e: &otau_core::subsidy::Explanation) -> (String, String) {
        use otau_i18n::{tr, Lang};
        (tr(Lang::Kk, &e.code, &e.args), tr(Lang::Ru, &e.code, &e.args))
    }
    fn document_kind(&self, kind: otau_print::DocKind) -> Vec<String> {
        let id = format!("doc-kind-{}", kind.as_str());
        otau_i18n::Lang::ALL.iter().map(|lang| otau_i18n::tr0(*lang, &id)).collect()
    }
}

/// Case work and the ledger of the test database, with their words.
pub const OFFICE_RECORDS: OfficeRecords<'static> = OfficeRecords { words: &TestWords };

/// A subsidy's name in Kazakh and Russian.
pub fn subsidy_names(kind: otau_core::subsidy::SubsidyKind) -> (String, String) {
    let id = format!("subsidy_kind-{}", kind.as_str());
    (otau_i18n::tr0(otau_i18n::Lang::Kk, &id), otau_i18n::tr0(otau_i18n::Lang::Ru, &id))
}
