//! Every kind of document rendered for real: PDF to text (pdftotext) and to PNG (pdftoppm),
//! fonts embedded (pdffonts), the QR code on the page read back (zbarimg and rqrr) and verified;
//! the PNGs are kept in `test-artefacts/documents/` to be looked at.

mod samples;

use otau_print::seal::public_key;
use otau_print::{render_pdf, render_xlsx, DocumentContent, Fonts, IssuedDocument, Seal};
use samples::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn artefacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-artefacts/documents");
    std::fs::create_dir_all(&dir).expect("artefacts dir");
    dir
}

struct Rendered {
    pdf: PathBuf,
    text: String,
    pngs: Vec<PathBuf>,
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn render(name: &str, doc: &IssuedDocument) -> Rendered {
    let bytes = render_pdf(doc, Fonts::shipped().expect("fonts")).expect("render");
    let dir = artefacts();
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&pdf, &bytes).expect("write pdf");
    let text = flat(&run(Command::new("pdftotext").arg(&pdf).arg("-")));
    for old in std::fs::read_dir(&dir).expect("dir").flatten() {
        let n = old.file_name().to_string_lossy().into_owned();
        if is_page_of(&n, name) {
            let _ = std::fs::remove_file(old.path());
        }
    }
    run(Command::new("pdftoppm").args(["-r", "150", "-png"]).arg(&pdf).arg(dir.join(name)));
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            is_page_of(&n, name)
        })
        .collect();
    pngs.sort();
    assert!(!pngs.is_empty());
    Rendered { pdf, text, pngs }
}

/// `name-1.png`, `name-02.png`: a page of `name` (not of `name-duplicate`).
fn is_page_of(file: &str, name: &str) -> bool {
    file.strip_prefix(name)
        .and_then(|r| r.strip_prefix('-'))
        .and_then(|r| r.strip_suffix(".png"))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// The text with every run of white space (line breaks, no-break spaces) as one space.
fn flat(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Fonts listed by pdffonts: (name, embedded, subset).
fn fonts_of(pdf: &Path) -> Vec<(String, bool, bool)> {
    let out = run(Command::new("pdffonts").arg(pdf));
    out.lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let n = cols.len();
            (cols[0].to_string(), cols[n - 5] == "yes", cols[n - 4] == "yes")
        })
        .collect()
}

fn zbar(png: &Path) -> Option<String> {
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(png)
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn rqrr_decode(png: &Path) -> Option<String> {
    let img = image::open(png).ok()?.to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    prepared.detect_grids().into_iter().find_map(|g| g.decode().ok().map(|(_, text)| text))
}

/// Checks what every document must be: text with Kazakh letters, fonts embedded and subset, a
/// QR code on the last page that reads back to the signed payload.
fn check_common(r: &Rendered, doc: &IssuedDocument) {
    for word in
        ["ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", "Кеңсе коды / Код офиса: PVL01", &doc.number, "25.11.2026"]
    {
        assert!(r.text.contains(word), "{word:?} not in the text:\n{}", r.text);
    }
    let fonts = fonts_of(&r.pdf);
    assert!(!fonts.is_empty());
    for (name, embedded, subset) in &fonts {
        assert!(*embedded && *subset, "{name} embedded {embedded} subset {subset}");
        assert!(name.contains("NotoSans"), "{name}");
    }
    let last = r.pngs.last().expect("a page");
    let payload =
        zbar(last).unwrap_or_else(|| panic!("zbarimg read no QR code on {}", last.display()));
    assert_eq!(payload, doc.seal.payload());
    assert_eq!(rqrr_decode(last).as_deref(), Some(payload.as_str()), "rqrr reads it too");
    let seal = Seal::parse(&payload).expect("parses");
    assert!(seal.verify(&public_key(&SECRET)));
    let mut changed = payload.into_bytes();
    changed[20] ^= 1;
    let changed = String::from_utf8_lossy(&changed).into_owned();
    assert!(!Seal::parse(&changed).map(|s| s.verify(&public_key(&SECRET))).unwrap_or(false));
}

#[test]
fn the_certificate_names_the_family_in_kazakh_and_russian() {
    let doc = issue("PVL01-2026-D00001", DocumentContent::Certificate(certificate()), false);
    let r = render("certificate", &doc);
    check_common(&r, &doc);
    for word in [
        "ТІРКЕУ ТУРАЛЫ АНЫҚТАМА",
        "СПРАВКА О РЕГИСТРАЦИИ",
        "Сейітқали Нұрсұлтан Болатұлы",
        "Нұрсұлтанқызы Ұлжан",
        "SEIITKALI NURSULTAN",
        "850412310211",
        "I-ТШ 0456789",
        "14.09.2026",
        "Өзбекстан / Узбекистан",
        "Павлодар облысы / Павлодарская область",
        "Отбасы басшысы / Глава семьи",
        "Әлия Серікқызы Жұмабаева",
    ] {
        assert!(r.text.contains(word), "{word:?} not in:\n{}", r.text);
    }
    assert_eq!(r.pngs.len(), 1, "a certificate fits on one page");
    assert!(!r.text.contains("ДУБЛИКАТ"));
}

#[test]
fn a_duplicate_says_so_and_keeps_the_same_seal() {
    let original = issue("PVL01-2026-D00001", DocumentContent::Certificate(certificate()), false);
    let mut dup = original.clone();
    dup.duplicate = true;
    let r = render("certificate-duplicate", &dup);
    check_common(&r, &dup);
    assert!(r.text.contains("ДУБЛИКАТ / DUPLICATE"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = issue("PVL01-2026-D00001", DocumentContent::Certificate(certificate()), false);
    let fonts = Fonts::shipped().expect("fonts");
    let a = render_pdf(&doc, fonts).expect("a");
    let b = render_pdf(&doc, fonts).expect("b");
    assert_eq!(a, b);
    assert!(a.len() < 200_000, "fonts are subset: {} bytes", a.len());
}

#[test]
fn the_decision_explains_each_amount() {
    let doc = issue("PVL01-2026-D00002", DocumentContent::Decision(decision()), false);
    let r = render("decision", &doc);
    check_common(&r, &doc);
    for word in [
        "СУБСИДИЯ ТАҒАЙЫНДАУ ТУРАЛЫ ШЕШІМ",
        "3 адам × 70 АЕК = 210 АЕК",
        "3 чел. × 70 МРП = 210 МРП",
        "908 250 ₸",
        "12 ай × 20 АЕК = 240 АЕК",
        "1 038 000 ₸",
        "1 946 250 ₸",
        "Ғалым Асқарұлы Төлеуов",
    ] {
        assert!(r.text.contains(word), "{word:?} not in:\n{}", r.text);
    }
}

#[test]
fn a_long_statement_breaks_across_pages_with_the_header_repeated() {
    let doc = issue("PVL01-2026-D00003", DocumentContent::Statement(statement(70)), false);
    let r = render("statement-long", &doc);
    check_common(&r, &doc);
    assert!(r.pngs.len() >= 2, "{} pages", r.pngs.len());
    let page2 = run(Command::new("pdftotext").args(["-f", "2", "-l", "2"]).arg(&r.pdf).arg("-"));
    let page2 = flat(&page2);
    assert!(page2.contains("Күні / Дата"), "header repeated:\n{page2}");
    assert!(page2.contains(&format!("Страница 2 из {}", r.pngs.len())), "{page2}");
    let text = &r.text;
    assert!(text.contains("908 250 ₸"));
    assert!(text.contains("Есептелді / Начислено"), "{text}");
    assert!(text.contains("2 897 750 ₸"), "the accrued total: {text}");
}

#[test]
fn an_empty_statement_says_nothing_was_paid() {
    let mut s = statement(0);
    s.lines.clear();
    let doc = issue("PVL01-2026-D00004", DocumentContent::Statement(s), false);
    let r = render("empty-statement", &doc);
    check_common(&r, &doc);
    assert!(r.text.contains("субсидии семье не начислялись"), "{}", r.text);
}

#[test]
fn the_monthly_summary_has_every_section_and_its_numbers() {
    let doc = issue("PVL01-2026-D00005", DocumentContent::MonthlySummary(monthly()), false);
    let r = render("monthly", &doc);
    check_common(&r, &doc);
    let text = &r.text;
    for word in [
        "АЙЛЫҚ ЖИЫНТЫҚ ЕСЕП",
        "2026 жылғы қазан",
        "октябрь 2026 г.",
        "Қытай / Китай",
        "Еңбекке қабілетті жастағы",
        "Мәртебе берілді",
        "977",
        "798",
        "42 687 750 ₸",
        "2026-09",
        "Ай 03.11.2026 жабылды",
    ] {
        assert!(text.contains(word), "{word:?} not in:\n{text}");
    }
}

#[test]
fn the_monthly_summary_as_xlsx_carries_the_same_numbers() {
    let doc = issue("PVL01-2026-D00005", DocumentContent::MonthlySummary(monthly()), false);
    let bytes = render_xlsx(&doc).expect("xlsx");
    std::fs::write(artefacts().join("monthly.xlsx"), &bytes).expect("write");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("read");
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .expect("strings")
        .read_to_string(&mut strings)
        .expect("read");
    for v in
        ["148", "141", "52", "977", "96", "42687750", "9870", "640.5", "2770162.5", "45457912.5"]
    {
        assert!(sheet.contains(&format!("<v>{v}</v>")), "{v} not in the sheet");
    }
    for s in ["Өзбекстан / Узбекистан", "PVL01-2026-D00005", "Еңбекке қабілетті жастағы"]
    {
        assert!(strings.contains(s), "{s} not in the strings");
    }
    let cert = issue("X", DocumentContent::Certificate(certificate()), false);
    assert!(render_xlsx(&cert).is_err(), "only the summary has a spreadsheet form");
}
