//! Document commands run as real processes: issuing certificates and statements, the monthly
//! summary as PDF and XLSX, the register, voiding, closing a month and verifying papers from
//! their QR text or a picture of the page.

// The `otau` process reads the clock; these tests read it too, to know its date.
#![allow(clippy::disallowed_methods)]

use assert_cmd::Command;
use chrono::Datelike;
use serde_json::Value;
use std::path::{Path, PathBuf};

const ADMIN_PASSWORD: &str = "admin-password";
const MANAGER_PASSWORD: &str = "manager-password";

struct Office {
    dir: tempfile::TempDir,
    db: PathBuf,
}

fn otau(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("otau").expect("otau binary");
    cmd.env("OTAU_OFFICE_SECRET", "Otau office secret 2026")
        .env_remove("OTAU_PASSWORD")
        .env_remove("OTAU_LANG")
        .env_remove("OTAU_DB")
        .arg("--db")
        .arg(db);
    cmd
}

fn json_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn office(code: &str, region: &str) -> Office {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("office.sqlite");
    let out = otau(&db)
        .args([
            "--json",
            "init",
            "--office",
            code,
            "--office-name",
            "Бейімдеу және кіріктіру орталығы",
        ])
        .args(["--region", region])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("init");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = otau(&db)
        .args([
            "--json",
            "--user",
            "admin",
            "user",
            "add",
            "--password-stdin",
            "--login",
            "manager",
            "--role",
            "manager",
        ])
        .args(["--full-name", "Ғалым Төлеуов"])
        .write_stdin(format!("{ADMIN_PASSWORD}\n{MANAGER_PASSWORD}\n"))
        .output()
        .expect("add manager");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    Office { dir, db }
}

fn family(o: &Office) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/family.json");
    let out = otau(&o.db)
        .args(["--json", "--user", "admin", "family", "add", "--file"])
        .arg(file)
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("family add");
    assert!(out.status.success());
    json_of(&out)["family_regno"].as_str().expect("regno").to_string()
}

fn as_admin(o: &Office, args: &[&str]) -> std::process::Output {
    otau(&o.db)
        .arg("--json")
        .args(["--user", "admin"])
        .args(args)
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run")
}

fn as_manager(o: &Office, args: &[&str]) -> std::process::Output {
    otau(&o.db)
        .arg("--json")
        .args(["--user", "manager"])
        .args(args)
        .env("OTAU_PASSWORD", MANAGER_PASSWORD)
        .output()
        .expect("run")
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Renders the first page of a PDF to PNG at 150 dpi.
fn page_png(pdf: &Path) -> PathBuf {
    let prefix = pdf.with_extension("");
    tool(
        "pdftoppm",
        &["-r", "150", "-png", "-singlefile", &pdf.to_string_lossy(), &prefix.to_string_lossy()],
    );
    prefix.with_extension("png")
}

fn verify(o: &Office, args: &[&str]) -> (Option<i32>, Value) {
    let out = otau(&o.db).arg("--json").arg("verify").args(args).output().expect("verify");
    (out.status.code(), json_of(&out))
}

#[test]
fn a_certificate_is_issued_read_back_from_its_picture_and_voided() {
    let o = office("PVL01", "KZ-55");
    let regno = family(&o);
    let pdf = o.dir.path().join("certificate.pdf");
    let out = as_admin(&o, &["doc", "certificate", &regno, "--out", &pdf.to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let issued = json_of(&out);
    let number = issued["number"].as_str().expect("number").to_string();
    assert!(number.starts_with("PVL01-") && number.ends_with("-D00001"), "{number}");
    assert_eq!(issued["kind"], "certificate");

    let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    for word in
        ["ТІРКЕУ ТУРАЛЫ АНЫҚТАМА", "Сейітқали Нұрсұлтан Болатұлы", "Нұрсұлтанқызы Ұлжан", &number]
    {
        assert!(text.contains(word), "{word} not in:\n{text}");
    }
    let fonts = tool("pdffonts", &[&pdf.to_string_lossy()]);
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes yes ")), "{fonts}");

    let png = page_png(&pdf);
    let zbar = tool("zbarimg", &["--quiet", "--raw", &png.to_string_lossy()]);
    assert_eq!(zbar.trim(), issued["qr"].as_str().expect("qr"));
    let (code, v) = verify(&o, &["--image", &png.to_string_lossy()]);
    assert_eq!((code, v["status"].as_str()), (Some(0), Some("valid")), "{v}");
    assert_eq!(v["register"]["subject"], regno.as_str());
    // A photo of a 200 dpi scan: smaller, JPEG-compressed, on a grey ground.
    let scan = o.dir.path().join("scan.pdf");
    std::fs::copy(&pdf, &scan).expect("copy");
    let prefix = scan.with_extension("");
    tool(
        "pdftoppm",
        &["-r", "200", "-png", "-singlefile", &scan.to_string_lossy(), &prefix.to_string_lossy()],
    );
    let img = image::open(prefix.with_extension("png")).expect("png").to_luma8();
    let (w, h) = img.dimensions();
    let small =
        image::imageops::resize(&img, w * 4 / 5, h * 4 / 5, image::imageops::FilterType::Triangle);
    let mut ground = image::GrayImage::from_pixel(w, h, image::Luma([170u8]));
    image::imageops::overlay(&mut ground, &small, i64::from(w / 12), i64::from(h / 14));
    let jpg = o.dir.path().join("photo.jpg");
    let mut file = std::fs::File::create(&jpg).expect("jpg");
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut file, 70)
        .encode_image(&ground)
        .expect("encode");
    let (code, v) = verify(&o, &["--image", &jpg.to_string_lossy()]);
    assert_eq!((code, v["status"].as_str()), (Some(0), Some("valid")), "{v}");

    // One changed byte.
    let qr = issued["qr"].as_str().expect("qr");
    let mut bytes = qr.as_bytes().to_vec();
    let i = qr.len() - 10;
    bytes[i] = if bytes[i] == b'x' { b'y' } else { b'x' };
    let changed = String::from_utf8_lossy(&bytes).into_owned();
    let (code, v) = verify(&o, &["--qr", &changed]);
    assert_eq!((code, v["status"].as_str()), (Some(1), Some("tampered")), "{v}");

    // A clerk's role may not void; a manager voids with a reason; the paper then says voided.
    let out = as_admin(&o, &["doc", "void", &number, "--reason", "x"]);
    assert_eq!(json_of(&out)["error"]["code"], "store-forbidden");
    let out = as_manager(&o, &["doc", "void", &number, "--reason", "Мекенжайы қате"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let (code, v) = verify(&o, &["--image", &png.to_string_lossy()]);
    assert_eq!((code, v["status"].as_str()), (Some(1), Some("voided")), "{v}");
    let out = otau(&o.db).args(["--lang", "ru", "verify", "--qr", qr]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("АННУЛИРОВАН"));

    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "doc", "register"])
        .output()
        .expect("register");
    let r = json_of(&out);
    assert_eq!(r["count"], 1);
    assert_eq!(r["documents"][0]["void"]["reason"], "Мекенжайы қате");
    let out = as_admin(&o, &["doc", "reprint", &number, "--out", &pdf.to_string_lossy()]);
    assert_eq!(json_of(&out)["error"]["code"], "doc-already-voided");
}

#[test]
fn a_reprint_says_duplicate_and_keeps_the_number_and_seal() {
    let o = office("PVL01", "KZ-55");
    let regno = family(&o);
    let first = o.dir.path().join("a.pdf");
    let out = as_admin(&o, &["doc", "statement", &regno, "--out", &first.to_string_lossy()]);
    let issued = json_of(&out);
    assert_eq!(issued["kind"], "statement");
    let text = tool("pdftotext", &[&first.to_string_lossy(), "-"]);
    assert!(text.contains("ТӨЛЕМДЕР ТУРАЛЫ ҮЗІНДІ КӨШІРМЕ"), "{text}");
    let copy = o.dir.path().join("b.pdf");
    let number = issued["number"].as_str().expect("number");
    let out = as_admin(&o, &["doc", "reprint", number, "--out", &copy.to_string_lossy()]);
    let dup = json_of(&out);
    assert_eq!(dup["duplicate"], true);
    assert_eq!(dup["qr"], issued["qr"]);
    let text = tool("pdftotext", &[&copy.to_string_lossy(), "-"]);
    assert!(text.contains("ДУБЛИКАТ / DUPLICATE"));
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "doc", "register"])
        .output()
        .expect("register");
    assert_eq!(json_of(&out)["count"], 2);
}

#[test]
fn the_monthly_summary_is_written_as_pdf_or_xlsx_and_bad_input_names_the_field() {
    let o = office("PVL01", "KZ-55");
    family(&o);
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let pdf = o.dir.path().join("m.pdf");
    let out =
        as_admin(&o, &["report", "monthly", "--month", &month, "--out", &pdf.to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let text = tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    assert!(text.contains("АЙЛЫҚ ЖИЫНТЫҚ ЕСЕП"));
    assert!(text.contains("Өзбекстан / Узбекистан"), "{text}");
    // The family of three registered this month, as the store counts it.
    let flat: Vec<&str> = text.split_whitespace().collect();
    let flat = flat.join(" ");
    assert!(flat.contains("Зарегистрировано за месяц 1 3"), "{flat}");
    let xlsx = o.dir.path().join("m.xlsx");
    let out =
        as_admin(&o, &["report", "monthly", "--month", &month, "--out", &xlsx.to_string_lossy()]);
    assert!(out.status.success());
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));

    for (lang, word) in [("kk", "Ай"), ("ru", "Месяц"), ("en", "Month")] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "report", "monthly", "--month", "2026-13"])
            .args(["--out", &pdf.to_string_lossy()])
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(word) && stderr.contains("2026-13"), "{lang}: {stderr}");
    }
    let out = as_admin(&o, &["doc", "certificate", "PVL01-2026-00001", "--out", "x.docx"]);
    assert_eq!(json_of(&out)["error"]["fields"][0]["field"], "out");
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "doc", "register"])
        .output()
        .expect("register");
    assert_eq!(json_of(&out)["count"], 2, "refused commands registered nothing");
}

#[test]
fn a_manager_closes_a_past_month_once() {
    let o = office("PVL01", "KZ-55");
    let last =
        chrono::Local::now().date_naive().with_day(1).and_then(|d| d.pred_opt()).expect("date");
    let month = last.format("%Y-%m").to_string();
    let out = as_admin(&o, &["report", "close", "--month", &month]);
    assert_eq!(json_of(&out)["error"]["code"], "store-forbidden");
    let out = as_manager(&o, &["report", "close", "--month", &month]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let closed = json_of(&out);
    assert_eq!(closed["month"], month.as_str());
    assert_eq!(closed["closed"]["closed_by"], "Ғалым Төлеуов");
    let out = as_manager(&o, &["report", "close", "--month", &month]);
    assert_eq!(json_of(&out)["error"]["code"], "doc-month-already-closed");
    let this = chrono::Local::now().format("%Y-%m").to_string();
    let out = as_manager(&o, &["report", "close", "--month", &this]);
    assert_eq!(json_of(&out)["error"]["code"], "doc-month-not-over");
}

#[test]
fn a_paper_of_another_office_is_unknown_until_its_key_is_trusted() {
    let pvl = office("PVL01", "KZ-55");
    let regno = family(&pvl);
    let pdf = pvl.dir.path().join("c.pdf");
    let issued =
        json_of(&as_admin(&pvl, &["doc", "certificate", &regno, "--out", &pdf.to_string_lossy()]));
    let qr = issued["qr"].as_str().expect("qr");
    let akm = office("AKM01", "KZ-11");
    let (code, v) = verify(&akm, &["--qr", qr]);
    assert_eq!((code, v["status"].as_str()), (Some(1), Some("unknown_office")), "{v}");
    let key = json_of(&otau(&pvl.db).args(["--json", "doc", "key"]).output().expect("key"));
    let key = key["public_key"].as_str().expect("key");
    let out =
        as_admin(&akm, &["doc", "trust", "--office", "PVL01", "--key", key, "--name", "Павлодар"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let (code, v) = verify(&akm, &["--qr", qr]);
    assert_eq!((code, v["status"].as_str()), (Some(0), Some("valid")), "{v}");
    let out = otau(&akm.db)
        .args(["--json", "verify", "--image", "/nonexistent.png"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["error"]["fields"][0]["field"], "image");
}

/// How many documents the register holds.
fn registered(o: &Office) -> u64 {
    let out = otau(&o.db)
        .args(["--user", "admin"])
        .env("OTAU_PASSWORD", ADMIN_PASSWORD)
        .args(["--json", "doc", "register"])
        .output()
        .expect("register");
    json_of(&out)["count"].as_u64().expect("count")
}

#[test]
fn finding_8_out_never_overwrites_a_file_unless_forced_and_never_follows_a_symlink() {
    let o = office("PVL01", "KZ-55");
    let regno = family(&o);
    let dir = o.dir.path();
    let mine = dir.join("notes.pdf");
    std::fs::write(&mine, b"a clerk's own file").expect("write");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, b"never to be written through a link").expect("write");
    let link = dir.join("link.pdf");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    let dangling = dir.join("dangling.pdf");
    std::os::unix::fs::symlink(dir.join("made-through-the-link.pdf"), &dangling).expect("symlink");
    let month = chrono::Local::now().format("%Y-%m").to_string();
    assert_eq!(registered(&o), 0);

    for target in [&mine, &link, &dangling] {
        let path = target.to_string_lossy().to_string();
        for args in [
            vec!["doc", "certificate", regno.as_str(), "--out", &path],
            vec!["report", "monthly", "--month", &month, "--out", &path],
        ] {
            let out = as_admin(&o, &args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert_eq!(json_of(&out)["error"]["code"], "doc-file-exists", "{args:?}");
        }
    }
    assert_eq!(std::fs::read(&mine).expect("mine"), b"a clerk's own file");
    assert_eq!(std::fs::read(&victim).expect("victim"), b"never to be written through a link");
    assert!(!dir.join("made-through-the-link.pdf").exists());
    assert_eq!(registered(&o), 0, "nothing was registered");
    for lang in ["kk", "ru", "en"] {
        let out = otau(&o.db)
            .args(["--lang", lang, "--user", "admin", "doc", "certificate", &regno, "--out"])
            .arg(&mine)
            .env("OTAU_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--force") && stderr.contains("notes.pdf"), "{lang}: {stderr}");
    }

    // Forced: the file is replaced, and a link is replaced by the file, its target untouched.
    for target in [&mine, &link] {
        let path = target.to_string_lossy().to_string();
        let out = as_admin(&o, &["doc", "certificate", &regno, "--out", &path, "--force"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        assert!(std::fs::read(target).expect("written").starts_with(b"%PDF"));
        let meta = std::fs::symlink_metadata(target).expect("meta");
        assert!(meta.file_type().is_file(), "a file, not a link");
    }
    assert_eq!(std::fs::read(&victim).expect("victim"), b"never to be written through a link");
    let out = as_admin(
        &o,
        &["report", "monthly", "--month", &month, "--out", &mine.to_string_lossy(), "--force"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(registered(&o), 3);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

/// Documents, backups and packets hold people's records: each is created `0600` whatever the
/// umask, and a file replaced with `--force` is replaced by a private one. (Packets are written
/// by the same function as documents, `packet::create_new_file`.)
#[cfg(unix)]
#[test]
fn finding_2_documents_backups_and_packets_are_written_private() {
    use std::os::unix::fs::PermissionsExt;
    let o = office("PVL01", "KZ-55");
    assert_eq!(mode(&o.db), 0o600, "the database otau init made");
    let regno = family(&o);
    let pdf = o.dir.path().join("certificate.pdf");
    let out = as_admin(&o, &["doc", "certificate", &regno, "--out", &pdf.to_string_lossy()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(mode(&pdf), 0o600, "a document");

    let month = chrono::Local::now().format("%Y-%m").to_string();
    let xlsx = o.dir.path().join("summary.xlsx");
    std::fs::write(&xlsx, b"an older file").expect("write");
    std::fs::set_permissions(&xlsx, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = as_admin(
        &o,
        &["report", "monthly", "--month", &month, "--out", &xlsx.to_string_lossy(), "--force"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));
    assert_eq!(mode(&xlsx), 0o600, "a file replaced with --force");

    let backup = o.dir.path().join("backup.sqlite");
    otau_store::vault::open_with_secret(&o.db, "Otau office secret 2026")
        .expect("open")
        .backup_to(&backup)
        .expect("backup");
    assert_eq!(mode(&backup), 0o600, "a backup");
}
