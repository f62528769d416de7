//! Encryption at rest (issue 13): the office database encrypted with a key kept wrapped in the
//! vault, the signing secret sealed under its own key, rotation of the signing key, recovery
//! and a password change rewrapping.

mod common;

use common::*;
use otau_core::mci::{MciTable, DEFAULT_MCI_JSON};
use otau_print::DocumentContent;
use otau_store::documents::VerifyStatus;
use otau_store::vault::{
    encrypt_database, keys_for_sign_in, remember_user, RecoveryCode, Unlock, VaultError, VaultFile,
    VaultKeys,
};
use otau_store::{Duplicates, NewOffice, Store, StoreError};
use std::path::Path;

const SECRET: &str = "Павлодар office secret 2026";

fn new_office(store: &mut Store) {
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
}

/// An encrypted office at `path` with a family registered; its vault and recovery code.
fn encrypted_office(path: &Path) -> (VaultFile, RecoveryCode) {
    let keys = VaultKeys::generate();
    let recovery = RecoveryCode::generate();
    let vault = VaultFile::new(&keys, SECRET, &recovery).expect("vault");
    vault.save(path).expect("save vault");
    let mut store = Store::open_encrypted(path, &keys).expect("open encrypted");
    new_office(&mut store);
    let admin = store.sign_in("admin", ADMIN_PASSWORD).expect("sign in");
    store.register_family(&ctx(&admin), &example_family(), Duplicates::Allow).expect("register");
    (vault, recovery)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn certificate(store: &mut Store) -> String {
    let admin = store.sign_in("admin", ADMIN_PASSWORD).expect("sign in");
    let regno: String = store
        .raw_connection()
        .query_row("SELECT regno FROM families LIMIT 1", [], |r| r.get(0))
        .expect("a family");
    let (family, data) = store.certificate_data(&regno).expect("data");
    let (doc, ()) = store
        .issue_document(&ctx(&admin), Some(family), DocumentContent::Certificate(data), |_| Ok(()))
        .expect("issue");
    doc.seal.payload()
}

#[test]
fn finding_2_a_copied_database_is_unreadable_without_the_secret() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let (vault, _) = encrypted_office(&path);
    let bytes = std::fs::read(&path).expect("read");
    assert!(!bytes.starts_with(b"SQLite format 3"), "no SQLite header");
    for known in ["Сейітқали", "SEIITKALI", "PVL01", "persons", "office_signing_keys"] {
        assert!(!contains(&bytes, known.as_bytes()), "{known} is readable in the file");
    }
    let copy = dir.path().join("copy.sqlite");
    std::fs::copy(&path, &copy).expect("copy");
    // Opened as a plain database: refused as locked, not as damaged.
    let plain = Store::open(&copy).err();
    assert!(matches!(plain, Some(StoreError::Vault(VaultError::Locked))), "{plain:?}");
    // With another key: refused as the wrong secret.
    let other = Store::open_encrypted(&copy, &VaultKeys::generate()).err();
    assert!(matches!(other, Some(StoreError::Vault(VaultError::WrongSecret))), "{other:?}");
    // The keys file opens nothing without a secret that unwraps it.
    assert!(matches!(
        vault.unlock(Unlock::OfficeSecret("not the secret at all")),
        Err(VaultError::WrongSecret)
    ));
    let keys = vault.unlock(Unlock::OfficeSecret(SECRET)).expect("the secret opens it");
    let store = Store::open_encrypted(&copy, &keys).expect("opens with the key");
    assert_eq!(store.counts().expect("counts").0, 1);
    // The keys file is private and holds no key in the clear.
    let text = std::fs::read_to_string(VaultFile::path_for(&path)).expect("keys file");
    assert!(!text.contains(&hex::encode(keys.database.bytes())));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(VaultFile::path_for(&path)).expect("meta").permissions();
        assert_eq!(mode.mode() & 0o777, 0o600);
    }
}

#[test]
fn finding_1_the_signing_key_is_never_stored_in_the_clear() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let (vault, _) = encrypted_office(&path);
    let keys = vault.unlock(Unlock::OfficeSecret(SECRET)).expect("unlock");
    let mut store = Store::open_encrypted(&path, &keys).expect("open");
    let payload = certificate(&mut store);
    assert_eq!(store.verify_document(&payload).expect("verify").status, VerifyStatus::Valid);
    let secret = store.current_signing_secret().expect("secret");
    let blank: String = store
        .raw_connection()
        .query_row("SELECT group_concat(secret_key, '') FROM office_signing_keys", [], |r| r.get(0))
        .expect("column");
    assert_eq!(blank, "", "no secret in the clear");
    // A plain dump of the decrypted database: neither the bytes nor their hex.
    // A backup is encrypted like the database.
    let backup = dir.path().join("backup.sqlite");
    store.backup_to(&backup).expect("backup");
    let head = std::fs::read(&backup).expect("read backup");
    assert!(!head.starts_with(b"SQLite format 3"), "the backup is encrypted too");
    let dump = dir.path().join("dump.sqlite");
    store
        .raw_connection()
        .execute("ATTACH DATABASE ?1 AS dump KEY ''", [dump.to_string_lossy()])
        .expect("attach");
    store
        .raw_connection()
        .query_row("SELECT sqlcipher_export('dump')", [], |_| Ok(()))
        .expect("plain dump");
    let version = otau_store::schema::latest_version();
    store
        .raw_connection()
        .execute_batch(&format!("PRAGMA dump.user_version = {version}; DETACH DATABASE dump;"))
        .expect("detach");
    drop(store);
    let text = std::fs::read(&dump).expect("dump");
    assert!(text.starts_with(b"SQLite format 3") && contains(&text, "PVL01".as_bytes()));
    for file in [&path, &backup, &dump] {
        let bytes = std::fs::read(file).expect("read");
        assert!(!contains(&bytes, secret.as_ref()), "secret bytes in {}", file.display());
        assert!(
            !contains(&bytes, hex::encode(secret.as_ref()).as_bytes()),
            "hex in {}",
            file.display()
        );
    }
    // The dump is a plain database whose sealed secret does not open without the vault's key.
    let plain = Store::open(&dump).expect("a plain copy opens");
    assert!(plain.current_signing_secret().is_err(), "sealed under the vault's key");
}

#[test]
fn finding_1_a_secret_an_older_build_left_in_the_clear_is_sealed_when_opened() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.sqlite");
    let secret = [7u8; 32];
    {
        // A database as the build before migration 0013 left it.
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        let old = rusqlite_migration::Migrations::new(
            otau_store::schema::MIGRATIONS[..12]
                .iter()
                .map(|sql| rusqlite_migration::M::up(sql))
                .collect(),
        );
        old.to_latest(&mut conn).expect("old schema");
        conn.execute_batch(
            "INSERT INTO offices (id, code, name, region, version)
               VALUES ('00000000-0000-0000-0000-000000000001', 'PVL01', 'P', 'KZ-55', 1);",
        )
        .expect("office");
        conn.execute(
            "INSERT INTO office_signing_keys (id, office_id, public_key, secret_key, created_at, version)
             VALUES ('k1', '00000000-0000-0000-0000-000000000001', 'pub', ?1, '2026-01-01', 1)",
            [hex::encode(secret)],
        )
        .expect("key in the clear");
    }
    let keys = VaultKeys::generate();
    VaultFile::new(&keys, SECRET, &RecoveryCode::generate())
        .expect("vault")
        .save(&path)
        .expect("save");
    encrypt_database(&path, &keys).expect("encrypt");
    let store = Store::open_encrypted(&path, &keys).expect("open");
    let (blank, sealed): (String, i64) = store
        .raw_connection()
        .query_row(
            "SELECT secret_key, (SELECT COUNT(*) FROM office_signing_secrets) FROM office_signing_keys",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert_eq!((blank.as_str(), sealed), ("", 1));
    let changed = store
        .raw_connection()
        .execute("UPDATE office_signing_keys SET public_key = 'other'", [])
        .err();
    assert!(changed.is_some(), "still append-only");
    let again = store
        .raw_connection()
        .execute(
            "INSERT INTO office_signing_keys (id, office_id, public_key, secret_key, created_at, version)
             VALUES ('k2', '00000000-0000-0000-0000-000000000001', 'p2', 'abcd', '2026-01-02', 1)",
            [],
        )
        .err();
    assert!(again.is_some(), "no secret in the clear is written again");
    drop(store);
    let bytes = std::fs::read(&path).expect("read");
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!contains(&bytes, hex::encode(secret).as_bytes()));
}

#[test]
fn finding_1_a_rotated_key_signs_new_papers_and_old_papers_still_verify() {
    let mut o = office();
    let region = example_family();
    let admin = o.admin.clone();
    o.store.register_family(&ctx(&admin), &region, Duplicates::Allow).expect("register");
    let old_public = o.store.office_public_key().expect("key").expect("one");
    let old_paper = certificate(&mut o.store);
    let clerk = o.clerk("clerk");
    let refused = o.store.rotate_office_key(&ctx(&clerk)).err();
    assert!(matches!(refused, Some(StoreError::Forbidden { .. })), "{refused:?}");
    let new_public = o.store.rotate_office_key(&ctx(&admin)).expect("rotate");
    assert_ne!(new_public, old_public);
    assert_eq!(o.store.office_public_key().expect("key"), Some(new_public.clone()));
    let new_paper = certificate(&mut o.store);
    assert!(new_paper != old_paper);
    for paper in [&old_paper, &new_paper] {
        let v = o.store.verify_document(paper).expect("verify");
        assert_eq!(v.status, VerifyStatus::Valid, "{paper}");
    }
    // The new paper is sealed with the new key: it does not verify under the old one alone.
    let trusted: i64 = o
        .store
        .raw_connection()
        .query_row("SELECT COUNT(*) FROM known_office_keys WHERE office_code = 'PVL01'", [], |r| {
            r.get(0)
        })
        .expect("count");
    assert_eq!(trusted, 2, "both public halves trusted");
}

#[test]
fn the_recovery_code_opens_the_vault_and_sets_a_new_office_secret() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let (mut vault, recovery) = encrypted_office(&path);
    assert!(matches!(vault.unlock(Unlock::Recovery("AAAA-BBBB")), Err(VaultError::WrongSecret)));
    let typed = recovery.as_str().to_lowercase();
    let keys = vault.unlock(Unlock::Recovery(&typed)).expect("the code opens it");
    vault
        .set_wrap(&keys, otau_store::vault::WrapKind::Office, None, "a new office secret 2027")
        .expect("rewrap");
    vault.save(&path).expect("save");
    let vault = VaultFile::read(&path).expect("read").expect("there");
    assert!(vault.unlock(Unlock::OfficeSecret(SECRET)).is_err(), "the old secret is gone");
    let keys = vault.unlock(Unlock::OfficeSecret("a new office secret 2027")).expect("new");
    assert!(Store::open_encrypted(&path, &keys).is_ok());
}

#[test]
fn a_user_signs_in_with_the_office_secret_once_then_with_the_password_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let (mut vault, _) = encrypted_office(&path);
    let first = keys_for_sign_in(&vault, "admin", ADMIN_PASSWORD, None).err();
    assert!(matches!(first, Some(VaultError::NeedsOfficeSecret { .. })), "{first:?}");
    let keys = keys_for_sign_in(&vault, "admin", ADMIN_PASSWORD, Some(SECRET)).expect("secret");
    let store = Store::open_encrypted(&path, &keys).expect("open");
    store.sign_in("admin", ADMIN_PASSWORD).expect("sign in");
    drop(store);
    remember_user(&path, &mut vault, &keys, "ADMIN", ADMIN_PASSWORD).expect("remember");
    let vault = VaultFile::read(&path).expect("read").expect("there");
    assert!(vault.has_user("admin"));
    let keys = keys_for_sign_in(&vault, "admin", ADMIN_PASSWORD, None).expect("password alone");
    assert!(Store::open_encrypted(&path, &keys).is_ok());
    let wrong = keys_for_sign_in(&vault, "admin", "wrong password", None).err();
    assert!(matches!(wrong, Some(VaultError::WrongSecret)), "{wrong:?}");
}

#[test]
fn a_password_change_rewraps_and_a_removed_user_has_no_key_here() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let (mut vault, _) = encrypted_office(&path);
    let keys = vault.unlock(Unlock::OfficeSecret(SECRET)).expect("unlock");
    remember_user(&path, &mut vault, &keys, "admin", ADMIN_PASSWORD).expect("remember");
    let mut store = Store::open_encrypted(&path, &keys).expect("open");
    store
        .set_local_password(&otau_store::Context::system(at()), "admin", "a-new-long-password-9")
        .expect("password");
    remember_user(&path, &mut vault, &keys, "admin", "a-new-long-password-9").expect("rewrap");
    let vault = VaultFile::read(&path).expect("read").expect("there");
    assert_eq!(vault.users(), ["admin"], "one wrap per user");
    assert!(keys_for_sign_in(&vault, "admin", ADMIN_PASSWORD, None).is_err(), "old password");
    assert!(keys_for_sign_in(&vault, "admin", "a-new-long-password-9", None).is_ok());
    let mut vault = vault;
    assert!(vault.remove_user("admin"));
    let gone = keys_for_sign_in(&vault, "admin", "a-new-long-password-9", None).err();
    assert!(matches!(gone, Some(VaultError::NeedsOfficeSecret { .. })));
}

/// Whether the raw key opens the file at `path` with SQLCipher's defaults (HMAC-SHA512) or,
/// `sha256`, with HMAC-SHA256: read straight through SQLCipher, not through the store.
fn opens_with(path: &Path, keys: &VaultKeys, sha256: bool) -> bool {
    let conn = rusqlite::Connection::open(path).expect("open");
    let profile = if sha256 { "PRAGMA cipher_hmac_algorithm = HMAC_SHA256;" } else { "" };
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; {profile}",
        hex::encode(keys.database.bytes())
    ))
    .expect("key");
    conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_ok()
}

#[test]
fn a_new_database_is_encrypted_with_hmac_sha256_pages() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let (vault, _) = encrypted_office(&path);
    let keys = vault.unlock(Unlock::OfficeSecret(SECRET)).expect("unlock");
    assert!(opens_with(&path, &keys, true), "HMAC-SHA256 pages");
    assert!(!opens_with(&path, &keys, false), "not SQLCipher's default HMAC-SHA512");
    // `otau vault encrypt` makes the same kind of file.
    let plain = dir.path().join("plain.sqlite");
    {
        let mut store = Store::open(&plain).expect("open plain");
        new_office(&mut store);
    }
    let new_keys = VaultKeys::generate();
    encrypt_database(&plain, &new_keys).expect("encrypt");
    assert!(opens_with(&plain, &new_keys, true) && !opens_with(&plain, &new_keys, false));
}

#[test]
fn a_database_encrypted_with_sqlcipher_defaults_still_opens_backs_up_and_restores() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("otau.sqlite");
    let (vault, _) = encrypted_office(&path);
    let keys = vault.unlock(Unlock::OfficeSecret(SECRET)).expect("unlock");
    // The same records re-encrypted with SQLCipher 4's defaults, as the first builds with
    // encryption wrote them.
    let older = dir.path().join("older.sqlite");
    {
        let store = Store::open_encrypted(&path, &keys).expect("open");
        let conn = store.raw_connection();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
        conn.execute(
            &format!(
                "ATTACH DATABASE ?1 AS older KEY \"x'{}'\"",
                hex::encode(keys.database.bytes())
            ),
            [older.to_string_lossy()],
        )
        .expect("attach");
        conn.query_row("SELECT sqlcipher_export('older')", [], |_| Ok(())).expect("export");
        let version = otau_store::schema::latest_version();
        conn.execute_batch(&format!(
            "PRAGMA older.user_version = {version}; DETACH DATABASE older;"
        ))
        .expect("detach");
    }
    drop(std::fs::remove_file(&path));
    for suffix in ["-wal", "-shm"] {
        drop(std::fs::remove_file(dir.path().join(format!("otau.sqlite{suffix}"))));
    }
    std::fs::rename(&older, &path).expect("replace");
    assert!(opens_with(&path, &keys, false) && !opens_with(&path, &keys, true));

    let store = Store::open_encrypted(&path, &keys).expect("an older encrypted database opens");
    assert_eq!(store.counts().expect("counts").0, 1);
    // Another key is still refused as the wrong secret, whatever the profile tried.
    let other = Store::open_encrypted(&path, &VaultKeys::generate()).err();
    assert!(matches!(other, Some(StoreError::Vault(VaultError::WrongSecret))), "{other:?}");
    // Its backup is made page for page in its own profile and checks.
    let backup = dir.path().join("backup.sqlite");
    store.backup_to(&backup).expect("backup of an older encrypted database");
    assert!(opens_with(&backup, &keys, false), "the backup keeps the database's profile");
    drop(store);
    otau_store::restore::restore(&path, &backup, false, at(), Some(&keys)).expect("restore");
    let store = Store::open_encrypted(&path, &keys).expect("open restored");
    assert_eq!(store.counts().expect("counts").0, 1);
}
