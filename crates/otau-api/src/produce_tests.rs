//! Producing documents the one way the command line and the desktop app share: the content is
//! gathered, the document registered, rendered and handed over with its bytes; a refused save or
//! a format the kind has not registers nothing; reprints come out as duplicates; the register is
//! looked through by family and by words.

use crate::documents::{produce as produce_document, DocRequest, FileFormat, SavedFile};
use crate::testkit::{at, d, TODAY};
use crate::words::Translations;
use otau_core::model::FamilyInput;
use otau_print::{DocKind, Month};
use otau_store::documents::DocumentError;
use otau_store::{Actor, Context, Duplicates, Store, StoreError};

/// An office database with its administrator signed in.
struct TestOffice {
    dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    admin: Actor,
}

fn office() -> TestOffice {
    let (dir, path, store, admin) = crate::testkit::office();
    TestOffice { dir, path, store, admin }
}

fn ctx(actor: &Actor) -> Context {
    Context::new(actor, at(), d(TODAY))
}

fn example_family() -> FamilyInput {
    let text = include_str!("../../../tests/data/family.json");
    serde_json::from_str(text).expect("the shared example parses")
}

fn registered(o: &mut TestOffice) -> String {
    let admin = o.admin.clone();
    o.store
        .register_family(&ctx(&admin), &example_family(), Duplicates::Allow)
        .expect("register")
        .family_regno
}

fn produce(
    o: &mut TestOffice,
    request: DocRequest,
    format: FileFormat,
) -> Result<(otau_print::IssuedDocument, Vec<u8>), StoreError> {
    let admin = o.admin.clone();
    produce_document(&mut o.store, &ctx(&admin), &request, format, |_, bytes| Ok(bytes.to_vec()))
}

#[test]
fn every_kind_is_produced_registered_and_handed_over_with_its_bytes() {
    let mut o = office();
    let regno = registered(&mut o);
    let (cert, pdf) = produce(&mut o, DocRequest::Certificate(regno.clone()), FileFormat::Pdf)
        .expect("certificate");
    assert_eq!(cert.number, "PVL01-2026-D00001");
    assert_eq!(cert.kind(), DocKind::Certificate);
    assert!(pdf.starts_with(b"%PDF"));
    let (statement, _) =
        produce(&mut o, DocRequest::Statement(regno.clone()), FileFormat::Pdf).expect("statement");
    assert_eq!(statement.kind(), DocKind::Statement);
    let month: Month = "2026-11".parse().expect("month");
    let (summary, xlsx) =
        produce(&mut o, DocRequest::MonthlySummary(month), FileFormat::Xlsx).expect("summary");
    assert_eq!(summary.kind(), DocKind::MonthlySummary);
    assert!(xlsx.starts_with(b"PK"), "a spreadsheet is a zip");
    let (copy, _) = produce(&mut o, DocRequest::Reprint(cert.number.clone()), FileFormat::Pdf)
        .expect("reprint");
    assert!(copy.duplicate);
    assert_eq!((copy.number.as_str(), &copy.seal), (cert.number.as_str(), &cert.seal));
    let unknown =
        produce(&mut o, DocRequest::Decision("PVL01-S-2026-00001".into()), FileFormat::Pdf);
    assert!(matches!(unknown, Err(StoreError::NotFound { .. })), "{unknown:?}");

    let numbers: Vec<_> = o
        .store
        .family_documents(&regno)
        .expect("family")
        .into_iter()
        .map(|l| (l.entry.number, l.entry.kind, l.entry.duplicate))
        .collect();
    assert_eq!(
        numbers,
        [
            ("PVL01-2026-D00001".to_owned(), DocKind::Certificate, true),
            ("PVL01-2026-D00002".to_owned(), DocKind::Statement, false),
            ("PVL01-2026-D00001".to_owned(), DocKind::Certificate, false),
        ]
    );
}

#[test]
fn a_refused_save_or_a_kind_without_a_spreadsheet_registers_nothing() {
    let mut o = office();
    let regno = registered(&mut o);
    let admin = o.admin.clone();
    let refused = produce_document(
        &mut o.store,
        &ctx(&admin),
        &DocRequest::Certificate(regno.clone()),
        FileFormat::Pdf,
        |_, _| -> Result<(), DocumentError> {
            Err(DocumentError::Output { code: "doc-file-write", args: Default::default() })
        },
    );
    assert!(matches!(
        refused,
        Err(StoreError::Document(DocumentError::Output { code: "doc-file-write", .. }))
    ));
    let xlsx = produce(&mut o, DocRequest::Certificate(regno.clone()), FileFormat::Xlsx);
    assert_eq!(
        xlsx.err().map(|e| otau_core::Coded::code(&e).to_owned()),
        Some("doc-no-spreadsheet".to_owned())
    );
    assert_eq!(o.store.document_register(10).expect("register"), vec![]);
    let (first, _) =
        produce(&mut o, DocRequest::Certificate(regno), FileFormat::Pdf).expect("issue");
    assert_eq!(first.number, "PVL01-2026-D00001", "the refused ones took no number");
}

#[test]
fn the_register_is_found_by_number_kind_name_subject_and_issuer() {
    let mut o = office();
    let regno = registered(&mut o);
    produce(&mut o, DocRequest::Certificate(regno.clone()), FileFormat::Pdf).expect("certificate");
    let month: Month = "2026-10".parse().expect("month");
    produce(&mut o, DocRequest::MonthlySummary(month), FileFormat::Pdf).expect("summary");
    let head = example_family().members[0].surname.clone();
    let found = |query: &str| -> Vec<String> {
        o.store
            .find_documents(query, 10, &Translations)
            .expect("find")
            .into_iter()
            .map(|l| l.entry.number)
            .collect()
    };
    assert_eq!(found(""), ["PVL01-2026-D00002", "PVL01-2026-D00001"]);
    let lower = head.to_lowercase();
    for query in ["d00001", lower.as_str(), "Справка", "тіркеу анықтама", regno.as_str()]
    {
        assert_eq!(found(query), ["PVL01-2026-D00001"], "{query}");
    }
    for query in ["2026-10", "monthly_summary", "сводный"] {
        assert_eq!(found(query), ["PVL01-2026-D00002"], "{query}");
    }
    assert_eq!(found("admin").len(), 2);
    assert_eq!(found("справка 2026-10"), Vec::<String>::new(), "every word must match");
    assert_eq!(o.store.find_documents("", 1, &Translations).expect("limit").len(), 1);
    let lines = o.store.find_documents("D00001", 10, &Translations).expect("find");
    let name = lines.first().and_then(|l| l.subject_name.clone()).unwrap_or_default();
    assert!(name.starts_with(&head), "{name}");
}

/// Documents were rendered and their files written while the store held its write lock, so
/// every other desk waited for a PDF and a disk. Now a document is rendered and saved outside
/// any transaction and registered after: another desk issues meanwhile, and as the number this
/// document was sealed with is spent, the other desk's paper takes the next one, so no file
/// carries a number the register gives to another.
#[test]
fn a_document_is_rendered_outside_the_write_and_a_number_taken_meanwhile_is_not_reused() {
    let mut o = office();
    let regno = registered(&mut o);
    let admin = o.admin.clone();
    let folder = o.dir.path().join("papers");
    std::fs::create_dir_all(&folder).expect("folder");
    let mut other = Store::open(&o.path).expect("another desk");
    let mut written = vec![];
    let (doc, saved) = produce_document(
        &mut o.store,
        &ctx(&admin),
        &DocRequest::Certificate(regno.clone()),
        FileFormat::Pdf,
        |doc, bytes| {
            let path = folder.join(format!("{}.pdf", doc.number));
            std::fs::write(&path, bytes).expect("written");
            written.push(doc.number.clone());
            if written.len() == 1 {
                // Nothing holds the store while this one renders: the other desk issues now.
                let (id, data) = other.certificate_data(&regno).expect("data");
                other
                    .issue_document(
                        &ctx(&admin),
                        Some(id),
                        otau_print::DocumentContent::Certificate(data),
                        |_| Ok(()),
                    )
                    .expect("the other desk is not kept waiting");
            }
            Ok(SavedFile { path, bytes: bytes.len() as u64 })
        },
    )
    .expect("issued");
    assert_eq!(written, ["PVL01-2026-D00001"]);
    assert_eq!(doc.number, "PVL01-2026-D00001");
    assert_eq!(saved.path, folder.join("PVL01-2026-D00001.pdf"));
    assert!(saved.path.is_file());
    let mut numbers: Vec<String> =
        o.store.document_register(10).expect("register").into_iter().map(|e| e.number).collect();
    numbers.sort();
    assert_eq!(
        numbers,
        ["PVL01-2026-D00001", "PVL01-2026-D00002"],
        "each number once, the other desk's paper the next"
    );
}

/// A file that cannot be written leaves no number registered; a document that could not be
/// registered leaves no file.
#[test]
fn a_document_that_cannot_be_registered_leaves_no_file() {
    let mut o = office();
    let regno = registered(&mut o);
    let clerk = o.store.sign_in("aigerim", "aigerim-password").expect("clerk");
    let folder = o.dir.path().join("papers");
    std::fs::create_dir_all(&folder).expect("folder");
    // The original is voided while its reprint is being rendered: the reprint is refused.
    let (original, _) =
        produce(&mut o, DocRequest::Certificate(regno), FileFormat::Pdf).expect("original");
    let mut manager = Store::open(&o.path).expect("a manager's desk");
    let bolat = manager.sign_in("bolat", "bolat-password").expect("manager");
    let refused = produce_document(
        &mut o.store,
        &ctx(&clerk),
        &DocRequest::Reprint(original.number.clone()),
        FileFormat::Pdf,
        |doc, bytes| {
            let path = folder.join(format!("{}-duplicate.pdf", doc.number));
            std::fs::write(&path, bytes).expect("written");
            manager.void_document(&ctx(&bolat), &doc.number, "wrong address").expect("voided");
            Ok(SavedFile { path, bytes: bytes.len() as u64 })
        },
    );
    assert!(matches!(refused, Err(StoreError::Document(DocumentError::AlreadyVoided { .. }))));
    assert_eq!(std::fs::read_dir(&folder).expect("folder").count(), 0, "no file left");
}

/// Finding 10: a paper was sealed and saved, then its registration failed; the file was left
/// as a validly signed paper the register did not hold, and its number was sealed again on the
/// next paper. Now the file is removed, and the number, spent when it was sealed, is given to
/// no other paper.
#[test]
fn finding_10_a_failed_registration_leaves_no_signed_paper_and_its_number_is_not_issued_again() {
    let mut o = office();
    let regno = registered(&mut o);
    let admin = o.admin.clone();
    let folder = o.dir.path().join("papers");
    std::fs::create_dir_all(&folder).expect("folder");
    // The database refuses the register's row, as a full disk would, once the file is saved.
    let failing = Store::open(&o.path).expect("another connection");
    let failing = failing.raw_connection();
    let mut save = |doc: &otau_print::IssuedDocument, bytes: &[u8]| {
        let path = folder.join(format!("{}.pdf", doc.number));
        std::fs::write(&path, bytes).expect("written");
        Ok(SavedFile { path, bytes: bytes.len() as u64 })
    };
    let failed = {
        failing
            .execute_batch(
                "CREATE TRIGGER register_fails BEFORE INSERT ON issued_documents
                 BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
            )
            .expect("trigger");
        produce_document(
            &mut o.store,
            &ctx(&admin),
            &DocRequest::Certificate(regno.clone()),
            FileFormat::Pdf,
            &mut save,
        )
    };
    assert!(failed.is_err(), "{failed:?}");
    let files = |folder: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("folder")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(files(&folder), Vec::<String>::new(), "no signed paper is left");
    assert_eq!(o.store.document_register(10).expect("register"), vec![]);

    failing.execute_batch("DROP TRIGGER register_fails").expect("drop");
    let (next, _) = produce_document(
        &mut o.store,
        &ctx(&admin),
        &DocRequest::Certificate(regno.clone()),
        FileFormat::Pdf,
        &mut save,
    )
    .expect("the next paper");
    assert_eq!(next.number, "PVL01-2026-D00002", "the failed paper's number is not given again");
    assert_eq!(files(&folder), ["PVL01-2026-D00002.pdf"]);
    // Not by another connection to the database either (another window, the command line).
    let mut other = Store::open(&o.path).expect("another desk");
    let (id, data) = other.certificate_data(&regno).expect("data");
    let (third, ()) = other
        .issue_document(
            &ctx(&admin),
            Some(id),
            otau_print::DocumentContent::Certificate(data),
            |_| Ok(()),
        )
        .expect("issued elsewhere");
    assert_eq!(third.number, "PVL01-2026-D00003");
}
