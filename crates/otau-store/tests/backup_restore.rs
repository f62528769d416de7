//! Backups that restore: a backup taken with SQLite's online backup API and checked by opening
//! it gives back, after a restore, exactly the records, events and documents it was taken
//! with; a damaged or truncated backup, another office's and a database open elsewhere are
//! refused before anything is replaced; rotation keeps what it says.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::*;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_core::model::FamilyInput;
use otau_print::DocumentContent;
use otau_store::backup::{check_backup, list, Written};
use otau_store::restore::restore;
use otau_store::{Duplicates, NewOffice, NewUser, Role, Store, StoreError};
use std::path::{Path, PathBuf};

/// The example family with its `n`th set of identity numbers (every family is new).
fn family(n: u32) -> FamilyInput {
    let mut f = example_family();
    for (i, m) in f.members.iter_mut().enumerate() {
        m.iin = None;
        if let Some(doc) = m.document.as_mut() {
            doc.number = format!("N{n:03}{i:04}");
        }
        m.given_name = format!("{}{}", m.given_name, "а".repeat(n as usize));
    }
    f
}

fn register(o: &mut TestOffice, n: u32) -> String {
    o.store
        .register_family(&ctx(&o.admin), &family(n), Duplicates::Allow)
        .expect("register")
        .family_regno
}

/// Every row of the records a restore must give back, as text, in a stable order.
fn records(store: &Store) -> Vec<String> {
    let conn = store.raw_connection();
    let mut out = vec![];
    for (table, order) in [
        ("families", "id"),
        ("persons", "id"),
        ("documents", "id"),
        ("consents", "id"),
        ("issued_documents", "number"),
        ("events", "seq"),
    ] {
        let mut stmt =
            conn.prepare(&format!("SELECT * FROM {table} ORDER BY {order}")).expect("sql");
        let width = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut row = vec![table.to_owned()];
                for i in 0..width {
                    let value: rusqlite::types::Value = r.get(i)?;
                    row.push(format!("{value:?}"));
                }
                Ok(row.join("|"))
            })
            .expect("rows");
        out.extend(rows.map(|r| r.expect("row")));
    }
    out
}

fn code<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    use otau_core::Coded;
    match result {
        Err(e) => e.code().to_owned(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn backups_dir(o: &TestOffice) -> PathBuf {
    o.dir.path().join("backups")
}

fn back_up(o: &TestOffice, at: DateTime<Utc>) -> Written {
    let context = Context::new(&o.admin, at, at.date_naive());
    o.store.back_up(&context, &backups_dir(o)).expect("backup")
}

fn before_restore_copies(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("before-restore"))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn backup_then_restore_returns_the_same_records_events_and_documents() {
    let mut o = office();
    let first = register(&mut o, 1);
    register(&mut o, 2);
    let admin = o.admin.clone();
    let (family_id, data) = o.store.certificate_data(&first).expect("certificate data");
    o.store
        .issue_document(&ctx(&admin), Some(family_id), DocumentContent::Certificate(data), |_| {
            Ok(())
        })
        .expect("issue");
    let written = back_up(&o, at());
    let taken = records(&o.store);
    assert_eq!((written.holdings.families, written.holdings.issued_documents), (2, 1));
    assert_eq!(written.holdings.persons, o.store.counts().expect("counts").1);
    assert!(written.file.bytes > 0 && written.file.path.starts_with(backups_dir(&o)));
    assert_eq!(
        check_backup(&written.file.path, None).expect("the backup checks"),
        written.holdings
    );

    // More work after the backup, then the backup comes back.
    register(&mut o, 3);
    let later = records(&o.store);
    assert_ne!(later, taken);
    let path = o.path();
    let TestOffice { dir, store, .. } = o;
    drop(store);
    let restored = restore(&path, &written.file.path, false, at() + Duration::hours(1), None)
        .expect("restore");
    assert_eq!(restored.backup.families, 2);
    assert_eq!(restored.replaced.as_ref().map(|h| h.families), Some(3));
    assert!(!restored.other_office);

    let store = Store::open(&path).expect("the restored database opens");
    assert_eq!(records(&store), taken, "the records, events and documents of the backup");
    assert_eq!(store.verify_audit_chain().expect("chain").first_broken_seq, None);
    assert!(store.sign_in("admin", ADMIN_PASSWORD).is_ok());

    // The database it replaced was kept, checked, in the backups folder.
    let saved = restored.saved_as.expect("the replaced database was saved");
    assert!(saved
        .path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("before-restore-PVL01-")));
    assert_eq!(check_backup(&saved.path, None).expect("the saved copy checks").families, 3);
    drop(dir);
}

#[test]
fn a_damaged_or_truncated_backup_is_refused_before_anything_is_replaced() {
    let mut o = office();
    register(&mut o, 1);
    let written = back_up(&o, at());
    register(&mut o, 2);
    let bytes = std::fs::read(&written.file.path).expect("read");
    let page = 4096;
    assert!(bytes.len() > 4 * page, "a backup of several pages");
    let truncated = o.dir.path().join("truncated.sqlite");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let damaged = o.dir.path().join("damaged.sqlite");
    let mut broken = bytes.clone();
    // The header of every page after the first is overwritten.
    for start in (page..broken.len()).step_by(page) {
        broken[start..start + 12].copy_from_slice(b"not a b-tree");
    }
    std::fs::write(&damaged, &broken).expect("write");
    let text = o.dir.path().join("notes.sqlite");
    std::fs::write(&text, "this is not a database").expect("write");
    let empty = o.dir.path().join("empty.sqlite");
    std::fs::write(&empty, "").expect("write");
    let missing = o.dir.path().join("missing.sqlite");

    let path = o.path();
    let before = records(&o.store);
    let TestOffice { dir, store, .. } = o;
    drop(store);
    for bad in [&truncated, &damaged, &text, &empty, &missing] {
        assert_eq!(code(check_backup(bad, None)), "store-backup-damaged", "{}", bad.display());
        let refused = restore(&path, bad, true, at(), None);
        assert_eq!(code(refused), "store-backup-damaged", "{}", bad.display());
    }
    let store = Store::open(&path).expect("open");
    assert_eq!(records(&store), before, "nothing was replaced");
    assert_eq!(before_restore_copies(&dir.path().join("backups")), 0, "nothing was even copied");
}

#[test]
fn a_backup_of_another_office_is_refused_unless_forced_and_an_open_database_never_replaced() {
    let o = office();
    let other_dir = tempfile::tempdir().expect("dir");
    let mut other = Store::open(&other_dir.path().join("ast.sqlite")).expect("open");
    other
        .init_office(
            at(),
            &NewOffice {
                code: "AST01".into(),
                name: "Астана".into(),
                region: "KZ-71".into(),
                admin_login: "admin".into(),
                admin_password: ADMIN_PASSWORD.into(),
            },
            &MciTable::from_json(DEFAULT_MCI_JSON).expect("mci"),
        )
        .expect("init");
    let other_admin = other.sign_in("admin", ADMIN_PASSWORD).expect("admin");
    let theirs =
        other.back_up(&ctx(&other_admin), &other_dir.path().join("backups")).expect("their backup");
    let path = o.path();

    // The app holds the database open: nothing is replaced.
    let refused = restore(&path, &theirs.file.path, true, at(), None);
    assert_eq!(code(refused), "store-database-in-use");

    let TestOffice { dir, store, .. } = o;
    drop(store);
    match restore(&path, &theirs.file.path, false, at(), None) {
        Err(StoreError::BackupOtherOffice { backup, here }) => {
            assert_eq!((backup.as_str(), here.as_str()), ("AST01", "PVL01"))
        }
        other => panic!("not refused as another office's: {other:?}"),
    }
    let forced = restore(&path, &theirs.file.path, true, at(), None).expect("forced");
    assert!(forced.other_office);
    let store = Store::open(&path).expect("open");
    assert_eq!(store.office().expect("office").office.code, "AST01");
    drop(dir);
}

#[test]
fn a_backup_is_taken_by_administrators_and_managers_only() {
    let mut o = office();
    let clerk = o.clerk("aigerim");
    let refused = o.store.back_up(&ctx(&clerk), &backups_dir(&o));
    assert_eq!(code(refused), "store-forbidden");
    o.store
        .add_user(
            &ctx(&o.admin),
            &NewUser {
                login: "bolat".into(),
                role: Role::Manager,
                full_name: None,
                password: "bolat-password".into(),
            },
        )
        .expect("manager");
    let manager = o.store.sign_in("bolat", "bolat-password").expect("manager");
    assert!(o.store.back_up(&ctx(&manager), &backups_dir(&o)).is_ok());
}

#[test]
fn rotation_keeps_seven_days_and_four_weeks_and_never_the_others_files() {
    let o = office();
    let dir = backups_dir(&o);
    std::fs::create_dir_all(&dir).expect("dir");
    let foreign = dir.join("otau-AST01-00000000-20261001T090000Z.sqlite");
    std::fs::write(&foreign, "another office's").expect("write");
    let note = dir.join("before-restore-PVL01-00000000-20261001T090000Z.sqlite");
    std::fs::write(&note, "a copy before a restore").expect("write");
    // A half-written copy a stopped program left; it is removed once an hour old.
    let part = dir.join(".otau-PVL01-00000000-20261101T090000Z.sqlite.part");
    std::fs::write(&part, "half a copy").expect("write");
    // One backup a day from Monday 2026-11-02 to Saturday 2026-11-21.
    let start: DateTime<Utc> = "2026-11-02T17:00:00Z".parse().expect("moment");
    let mut removed = 0;
    for day in 0..20 {
        removed += back_up(&o, start + Duration::days(day)).removed.len();
    }
    let kept: Vec<String> = list(&dir, Some("PVL01"))
        .expect("list")
        .iter()
        .map(|b| b.taken_at.format("%m-%d").to_string())
        .collect();
    // The last seven days, and the newest of each of the last four weeks: 21.11 and 15.11 are
    // days already, then Sunday 08.11; the week before had none.
    assert_eq!(kept, ["11-21", "11-20", "11-19", "11-18", "11-17", "11-16", "11-15", "11-08"]);
    assert_eq!(removed, 12);
    assert!(foreign.exists() && note.exists());
    // The file was written now, and the last backup's moment is days before: not stale then.
    assert!(part.exists());
    let written: DateTime<Utc> =
        std::fs::metadata(&part).and_then(|m| m.modified()).expect("modified").into();
    let later = Context::new(&o.admin, written + Duration::hours(2), today());
    o.store.back_up(&later, &dir).expect("backup");
    assert!(!part.exists(), "a stale half-written copy is removed");
}

#[test]
fn a_backup_tells_how_far_it_is_and_keeps_the_moment_it_began_while_the_office_writes() {
    use otau_store::backup::{BackupProgress, BackupStage, PAGES_PER_STEP};
    use std::cell::RefCell;

    let mut o = office();
    register(&mut o, 1);
    // An office's database of some size: about 12 MiB, several steps of the copy.
    o.store
        .raw_connection()
        .execute_batch(
            "CREATE TABLE padding (bytes BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 192)
             INSERT INTO padding SELECT randomblob(65536) FROM n;",
        )
        .expect("padding");
    let (families_before, ..) = o.counts();

    // The counter goes on working on its own connection while the copy is half way.
    let counter = RefCell::new(Store::open(&o.path()).expect("a second connection"));
    let seen = RefCell::new(Vec::<BackupProgress>::new());
    let admin = o.admin.clone();
    let tell = |p: BackupProgress| {
        let first_step = seen.borrow().is_empty();
        seen.borrow_mut().push(p);
        if first_step {
            counter
                .borrow_mut()
                .register_family(&ctx(&admin), &family(2), Duplicates::Allow)
                .expect("registered during the backup");
        }
    };
    let at = at();
    let written = o
        .store
        .back_up_telling(&Context::new(&o.admin, at, at.date_naive()), &backups_dir(&o), &tell)
        .expect("a backup while the office writes");

    let seen = seen.into_inner();
    let copying: Vec<&BackupProgress> =
        seen.iter().filter(|p| p.stage == BackupStage::Copying).collect();
    let total = copying.first().expect("copying was told").total;
    let pages_per_step = u64::try_from(PAGES_PER_STEP).expect("positive");
    assert!(total > 2 * pages_per_step, "a database of {total} pages takes several steps");
    assert!(copying.len() as u64 >= total / pages_per_step, "told after each step: {copying:?}");
    assert!(copying.windows(2).all(|w| w[0].done < w[1].done && w[0].total == w[1].total));
    assert_eq!(copying.last().map(|p| p.done), Some(total), "the copy ends with every page");
    assert_eq!(
        seen.last(),
        Some(&BackupProgress { stage: BackupStage::Checking, done: 0, total: 0 }),
        "the check comes last"
    );

    // The copy is of the moment it began; the office's database has the family since.
    assert_eq!(written.holdings.families, families_before);
    let copy = check_backup(&written.file.path, None).expect("the copy checks");
    assert_eq!(copy.families, families_before);
    assert_eq!(o.counts().0, families_before + 1);
}
