//! The desk's administration, tested with a made-up clock: the daily backup written once a day
//! in the background and its panel, "Back up now", the users screen, a lock-out the sign-in
//! screen can show in local time, and a user deactivated while signed in.

use chrono::{DateTime, Duration, Utc};
use otau_core::roles::Role;
use otau_store::backup::{default_dir, list};
use otau_store::{Context, Store};

use crate::testkit::{at, d, desk, TODAY};
use crate::users::NewUserForm;
use crate::Now;

fn now_at(moment: DateTime<Utc>) -> Now {
    Now { at: moment, today: moment.date_naive() }
}

fn backups(dir: &tempfile::TempDir) -> Vec<DateTime<Utc>> {
    let db = dir.path().join("otau.sqlite");
    list(&default_dir(&db), Some("PVL01")).expect("list").into_iter().map(|b| b.taken_at).collect()
}

fn code<T: std::fmt::Debug>(result: crate::ApiResult<T>) -> String {
    match result {
        Err(e) => e.code,
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

#[test]
fn the_daily_backup_is_written_once_a_day_in_the_background_when_someone_signs_in() {
    let (dir, desk) = desk();
    let t0 = at();
    desk.sign_in_at("aigerim", "aigerim-password", now_at(t0)).expect("sign in");
    desk.wait_for_backup();
    assert_eq!(backups(&dir), [t0], "the first sign-in writes one");

    // Later the same day: none is due.
    for hours in [1, 8, 23] {
        desk.sign_in_at("bolat", "bolat-password", now_at(t0 + Duration::hours(hours)))
            .expect("sign in");
        desk.wait_for_backup();
    }
    assert_eq!(backups(&dir), [t0]);
    let panel = desk.backup_panel(now_at(t0 + Duration::hours(23))).expect("panel");
    assert!(!panel.due && !panel.running && panel.failed.is_none());
    let last = panel.last.expect("the last backup");
    assert_eq!(last.at, t0);
    assert!(last.bytes > 0 && last.path.contains("backups"));

    // A day later it is due, and the next sign-in (an unlock too) writes it.
    let t1 = t0 + Duration::hours(25);
    assert!(desk.backup_panel(now_at(t1)).expect("panel").due);
    desk.lock().expect("lock");
    desk.unlock("bolat", "bolat-password", now_at(t1)).expect("unlock");
    desk.wait_for_backup();
    assert_eq!(backups(&dir), [t1, t0]);
    assert!(!desk.backup_panel(now_at(t1)).expect("panel").due);
}

#[test]
fn a_failed_backup_shows_on_the_panel_until_one_succeeds() {
    let (dir, desk) = desk();
    // Something that is not a folder where the backups go.
    let folder = dir.path().join("backups");
    std::fs::write(&folder, "not a folder").expect("write");
    let t0 = at();
    desk.sign_in_at("bolat", "bolat-password", now_at(t0)).expect("the sign-in still works");
    desk.wait_for_backup();
    let panel = desk.backup_panel(now_at(t0)).expect("panel");
    let failed = panel.failed.expect("the failure is kept");
    assert_eq!(failed.code, "store-file-failed");
    assert!(panel.due && panel.last.is_none());

    std::fs::remove_file(&folder).expect("remove");
    let started = desk.back_up_now(now_at(t0 + Duration::minutes(5))).expect("back up now");
    assert!(started.running || started.last.is_some());
    desk.wait_for_backup();
    let panel = desk.backup_panel(now_at(t0 + Duration::minutes(5))).expect("panel");
    assert!(panel.failed.is_none() && !panel.due);
    assert_eq!(panel.last.map(|l| l.at), Some(t0 + Duration::minutes(5)));
}

#[test]
fn the_backup_panel_tells_how_far_the_backup_is_while_it_is_written() {
    use otau_store::backup::BackupStage;
    let (dir, desk) = desk();
    // An office's database of some size: about 32 MiB, eight steps of the copy and a check.
    let padded = Store::open(&dir.path().join("otau.sqlite")).expect("open");
    padded
        .raw_connection()
        .execute_batch(
            "CREATE TABLE padding (bytes BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 512)
                 INSERT INTO padding SELECT randomblob(65536) FROM n;",
        )
        .expect("padding");
    drop(padded);
    let t0 = at();
    desk.sign_in_at("admin", "admin-password", now_at(t0)).expect("sign in");
    let mut seen = vec![];
    loop {
        let panel = desk.backup_panel(now_at(t0)).expect("panel");
        if !panel.running {
            assert_eq!(panel.progress, None, "no progress once it has ended");
            assert!(panel.last.is_some() && panel.failed.is_none());
            break;
        }
        seen.extend(panel.progress);
    }
    desk.wait_for_backup();
    assert!(!seen.is_empty(), "the panel told how far the backup was");
    for progress in &seen {
        match progress.stage {
            BackupStage::Copying => assert!(progress.done <= progress.total && progress.total > 0),
            BackupStage::Checking => assert_eq!((progress.done, progress.total), (0, 0)),
        }
    }
    let copying = seen.iter().filter(|p| p.stage == BackupStage::Copying);
    assert!(copying.clone().zip(copying.skip(1)).all(|(a, b)| a.done <= b.done));
}

#[test]
fn back_up_now_is_for_administrators_and_managers() {
    let (dir, desk) = desk();
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    assert_eq!(code(desk.back_up_now(now_at(at()))), "store-forbidden");
    desk.wait_for_backup();
    assert!(backups(&dir).is_empty());
    desk.sign_in("admin", "admin-password").expect("admin");
    desk.back_up_now(now_at(at())).expect("admin");
    desk.wait_for_backup();
    assert_eq!(backups(&dir).len(), 1);
}

#[test]
fn finding_5_the_sign_in_screen_learns_until_when_a_login_is_locked() {
    let (_dir, desk) = desk();
    let t0 = at();
    for i in 0..4 {
        let refused = desk.sign_in_at("aigerim", "wrong", now_at(t0 + Duration::seconds(i)));
        assert_eq!(code(refused), "store-bad-credentials");
    }
    let fifth = desk.sign_in_at("aigerim", "wrong", now_at(t0 + Duration::seconds(4))).err();
    let fifth = fifth.expect("locked");
    assert_eq!(fifth.code, "store-sign-in-locked");
    // The moment itself, so the window writes it in local time.
    assert_eq!(fifth.args.get("until_utc").map(String::as_str), Some("2026-11-25T09:31:04Z"));
    let right = desk.sign_in_at("aigerim", "aigerim-password", now_at(t0 + Duration::seconds(30)));
    assert_eq!(code(right), "store-sign-in-locked", "even the right password, while locked");
    let after = t0 + Duration::seconds(65);
    assert!(desk.sign_in_at("aigerim", "aigerim-password", now_at(after)).is_ok());
}

#[test]
fn finding_5_a_user_deactivated_while_signed_in_is_signed_out_at_their_next_command() {
    let (dir, desk) = desk();
    desk.sign_in("aigerim", "aigerim-password").expect("clerk");
    assert!(desk.find("x", 10).is_ok());
    {
        // An administrator deactivates her, elsewhere (another window, the command line or
        // another device through sync): the same database.
        let mut store = Store::open(&dir.path().join("otau.sqlite")).expect("open");
        let admin = store.sign_in("admin", "admin-password").expect("admin");
        store
            .set_user_active(&Context::new(&admin, at(), d(TODAY)), "aigerim", false)
            .expect("deactivate");
    }
    let refused = desk.find("x", 10).expect_err("refused");
    assert_eq!(refused.code, "store-user-inactive");
    assert_eq!(refused.args.get("login").map(String::as_str), Some("aigerim"));
    assert_eq!(desk.session().expect("session"), None, "signed out");
    assert_eq!(code(desk.find("x", 10)), "desk-signed-out");
    let again = desk.sign_in_at("aigerim", "aigerim-password", now_at(at()));
    assert_eq!(code(again), "store-user-inactive");
}

#[test]
fn the_users_screen_lists_adds_resets_and_deactivates_for_administrators_only() {
    let (_dir, desk) = desk();
    let t0 = at();
    desk.sign_in_at("aigerim", "aigerim-password", now_at(t0)).expect("clerk");
    assert_eq!(code(desk.users_screen(now_at(t0))), "store-forbidden");
    for i in 1..=5 {
        let _ = desk.sign_in_at("bolat", "wrong", now_at(t0 + Duration::seconds(i)));
    }
    desk.sign_in_at("admin", "admin-password", now_at(t0 + Duration::seconds(10))).expect("admin");
    let now = now_at(t0 + Duration::seconds(20));
    let screen = desk.users_screen(now).expect("screen");
    let logins: Vec<&str> = screen.users.iter().map(|u| u.login.as_str()).collect();
    assert_eq!(logins, ["admin", "aigerim", "bolat", "saule"]);
    let row = |s: &crate::users::UsersScreen, login: &str| {
        s.users.iter().find(|u| u.login == login).cloned().expect("listed")
    };
    assert!(row(&screen, "admin").is_me && !row(&screen, "aigerim").is_me);
    assert_eq!(row(&screen, "aigerim").last_sign_in, Some(t0));
    assert_eq!(row(&screen, "bolat").locked_until, Some(t0 + Duration::seconds(65)));
    let newest = &screen.sign_ins[0];
    assert_eq!((newest.login.as_str(), newest.at), ("admin", t0 + Duration::seconds(10)));

    // Adding: the two passwords must agree, and the rule says what to choose.
    let mut form = NewUserForm {
        login: "marat".into(),
        full_name: "Марат Оспанов".into(),
        role: Role::Clerk,
        password: "Tundik-7-Kiiz".into(),
        password_again: "Tundik-7-Kiis".into(),
    };
    let differ = desk.add_user(&form, now).expect_err("refused");
    assert_eq!(differ.fields.first().map(|f| f.field.as_str()), Some("password_again"));
    assert_eq!(differ.fields.first().map(|f| f.code.as_str()), Some("desk-passwords-differ"));
    form.password = "12345678".into();
    form.password_again = "12345678".into();
    let weak = desk.add_user(&form, now).expect_err("refused");
    assert_eq!(weak.fields.first().map(|f| f.code.as_str()), Some("password-too-simple"));
    form.password = "Tundik-7-Kiiz".into();
    form.password_again = "Tundik-7-Kiiz".into();
    let screen = desk.add_user(&form, now).expect("added");
    assert_eq!(row(&screen, "marat").role, Role::Clerk);
    assert!(row(&screen, "marat").active);

    // A temporary password ends bolat's lock.
    let screen = desk.reset_password("bolat", "Jana-Kilt-42", "Jana-Kilt-42", now).expect("reset");
    assert_eq!(row(&screen, "bolat").locked_until, None);
    assert!(desk.sign_in_at("bolat", "Jana-Kilt-42", now).is_ok());
    desk.sign_in_at("admin", "admin-password", now).expect("admin");

    // Deactivating: never oneself; another user is refused at sign-in, then let in again.
    assert_eq!(code(desk.set_user_active("admin", false, now)), "store-deactivate-self");
    let screen = desk.set_user_active("marat", false, now).expect("deactivate");
    assert!(!row(&screen, "marat").active);
    let refused = desk.sign_in_at("marat", "Tundik-7-Kiiz", now);
    assert_eq!(code(refused), "store-user-inactive");
    desk.sign_in_at("admin", "admin-password", now).expect("admin");
    let screen = desk.set_user_active("marat", true, now).expect("activate");
    assert!(row(&screen, "marat").active);
    assert_eq!(screen.sign_ins[1].outcome, otau_store::signin::SignInOutcome::Inactive);
}

#[test]
fn every_code_of_the_users_screen_is_translated() {
    for lang in otau_i18n::Lang::ALL {
        for code in crate::users::code::ALL {
            assert!(otau_i18n::has(lang, code), "{code} has no message in {lang}");
        }
    }
}
