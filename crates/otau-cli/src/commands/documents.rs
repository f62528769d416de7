//! Document commands: `doc certificate|statement|decision|reprint|register|void|key|trust`,
//! `report monthly|close` and `verify`.

use crate::args::{DocCommand, ReportCommand, VerifyArgs};
use crate::context::Ctx;
use crate::error::{msg, CliError};
use crate::output::{json, pairs, Table};
use otau_api::documents::{DocRequest, FileFormat, SavedFile};
use otau_api::words::OFFICE_RECORDS;
use otau_core::dates::Month;
use otau_core::FieldError;
use otau_i18n::Lang;
use otau_print::{DocKind, IssuedDocument};
use otau_store::documents::{DocumentError, RegisterEntry, Verification, VerifyStatus};
use serde_json::json;
use std::path::{Path, PathBuf};

/// The format named by the file's extension; `.xlsx` only where allowed.
pub(crate) fn format_of(out: &Path, xlsx_allowed: bool) -> Result<FileFormat, CliError> {
    let ext = out.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(FileFormat::Pdf),
        "xlsx" if xlsx_allowed => Ok(FileFormat::Xlsx),
        _ => Err(CliError::Fields(vec![FieldError::bare(
            "out",
            if xlsx_allowed { "doc-bad-output-report" } else { "doc-bad-output" },
        )
        .with_arg("path", out.display())])),
    }
}

/// Writes the rendered document where the user asked: a new file, or with `force` in place of
/// the one there; never through a symbolic link. A failure aborts its registration, and a
/// document that then could not be registered has its file removed.
fn write_to(out: &Path, bytes: &[u8], force: bool) -> Result<SavedFile, DocumentError> {
    let path = || ("path".to_string(), out.display().to_string());
    let written = if force {
        crate::commands::packet::replace_file(out, bytes)
    } else {
        crate::commands::packet::create_new_file(out, bytes)
    };
    written.map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            DocumentError::Output { code: "doc-file-exists", args: [path()].into() }
        } else {
            DocumentError::Output {
                code: "doc-file-write",
                args: [path(), ("detail".into(), e.to_string())].into(),
            }
        }
    })?;
    Ok(SavedFile { path: out.to_path_buf(), bytes: bytes.len() as u64 })
}

/// Produces a document with the application's one way of doing it and writes it to `out`.
fn produce(
    ctx: &mut Ctx,
    request: DocRequest,
    out: &Path,
    format: FileFormat,
    force: bool,
) -> Result<(), CliError> {
    let mut store = ctx.open()?;
    let acting = ctx.acting(&store)?;
    let (doc, saved) =
        otau_api::documents::produce(&mut store, &acting, &request, format, |_, bytes| {
            write_to(out, bytes, force)
        })?;
    report_issued(ctx, &doc, out, saved.bytes);
    Ok(())
}

fn kind_label(lang: Lang, kind: DocKind) -> String {
    msg(lang, &format!("doc-kind-{}", kind.as_str()), &[])
}

fn report_issued(ctx: &Ctx, doc: &IssuedDocument, out: &Path, bytes: u64) {
    if ctx.json {
        json(&json!({
            "number": doc.number,
            "kind": doc.kind(),
            "subject": doc.content.subject_label(),
            "issued_on": doc.issued_on,
            "issued_by": doc.issued_by,
            "duplicate": doc.duplicate,
            "content_hash": doc.seal.content_hash,
            "qr": doc.seal.payload(),
            "out": out.display().to_string(),
            "bytes": bytes,
        }));
    } else {
        let id = if doc.duplicate { "doc-reprinted" } else { "doc-issued" };
        println!(
            "{}",
            msg(
                ctx.lang,
                id,
                &[
                    ("kind", kind_label(ctx.lang, doc.kind())),
                    ("number", doc.number.clone()),
                    ("path", out.display().to_string()),
                ]
            )
        );
    }
}

/// `otau doc …`
pub fn doc(ctx: &mut Ctx, cmd: DocCommand) -> Result<(), CliError> {
    match cmd {
        DocCommand::Certificate { regno, out, force } => {
            issue(ctx, &regno, out, force, DocKind::Certificate)
        }
        DocCommand::Statement { regno, out, force } => {
            issue(ctx, &regno, out, force, DocKind::Statement)
        }
        DocCommand::Decision { number, out, force } => {
            issue(ctx, &number, out, force, DocKind::Decision)
        }
        DocCommand::Reprint { number, out, force } => {
            let format = {
                let store = ctx.open()?;
                let (original, _) = store.issued_document(&number)?;
                format_of(&out, original.kind() == DocKind::MonthlySummary)?
            };
            produce(ctx, DocRequest::Reprint(number), &out, format, force)
        }
        DocCommand::Register { limit } => {
            let store = ctx.open()?;
            ctx.reading(&store)?;
            let entries = store.document_register(limit)?;
            if ctx.json {
                json(&json!({ "count": entries.len(), "documents": entries }));
            } else {
                print_register(ctx.lang, &entries);
            }
            Ok(())
        }
        DocCommand::Void { number, reason } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let void = store.void_document(&acting, &number, &reason)?;
            if ctx.json {
                json(&void);
            } else {
                println!(
                    "{}",
                    msg(
                        ctx.lang,
                        "doc-voided",
                        &[("number", void.number), ("reason", void.reason)]
                    )
                );
            }
            Ok(())
        }
        DocCommand::Key => {
            let mut store = ctx.open()?;
            let (at, _) = ctx.now();
            let key = store.ensure_office_key(at)?;
            let office = store.office()?.office;
            if ctx.json {
                json(&json!({ "office": office.code, "name": office.name, "public_key": key }));
            } else {
                println!(
                    "{}",
                    msg(ctx.lang, "doc-key-line", &[("office", office.code), ("key", key)])
                );
            }
            Ok(())
        }
        DocCommand::Trust { office, key, name } => {
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let rec = store.trust_office_key(&acting, &office, name.as_deref(), &key)?;
            if ctx.json {
                json(&rec);
            } else {
                println!("{}", msg(ctx.lang, "doc-trusted", &[("office", rec.office_code)]));
            }
            Ok(())
        }
    }
}

fn issue(
    ctx: &mut Ctx,
    regno: &str,
    out: PathBuf,
    force: bool,
    kind: DocKind,
) -> Result<(), CliError> {
    let format = format_of(&out, false)?;
    let request = match kind {
        DocKind::Statement => DocRequest::Statement(regno.to_string()),
        DocKind::Decision => DocRequest::Decision(regno.to_string()),
        _ => DocRequest::Certificate(regno.to_string()),
    };
    produce(ctx, request, &out, format, force)
}

fn print_register(lang: Lang, entries: &[RegisterEntry]) {
    let mut t = Table::new(vec![
        msg(lang, "doc-col-number-short", &[]),
        msg(lang, "doc-col-kind", &[]),
        msg(lang, "doc-col-subject", &[]),
        msg(lang, "doc-col-issued-on", &[]),
        msg(lang, "doc-col-issued-by", &[]),
        msg(lang, "doc-col-status", &[]),
    ]);
    for e in entries {
        let status = match (&e.void, e.duplicate) {
            (Some(v), _) => msg(
                lang,
                "doc-status-voided",
                &[
                    ("date", v.voided_on.format("%d.%m.%Y").to_string()),
                    ("reason", v.reason.clone()),
                ],
            ),
            (None, true) => msg(lang, "doc-status-duplicate", &[]),
            (None, false) => msg(lang, "doc-status-issued", &[]),
        };
        t.row(vec![
            e.number.clone(),
            kind_label(lang, e.kind),
            e.subject.clone(),
            e.issued_on.format("%d.%m.%Y").to_string(),
            e.issued_login.clone(),
            status,
        ]);
    }
    println!("{}", t.render());
}

/// `YYYY-MM`, by the core's one reader.
pub(crate) fn parse_month(text: &str) -> Result<Month, CliError> {
    Month::parse(text).map_err(|e| CliError::Fields(vec![FieldError::new("month", &e)]))
}

/// `otau report …`
pub fn report(ctx: &mut Ctx, cmd: ReportCommand) -> Result<(), CliError> {
    match cmd {
        ReportCommand::Monthly { month, out, force } => {
            let month = parse_month(&month)?;
            let format = format_of(&out, true)?;
            produce(ctx, DocRequest::MonthlySummary(month), &out, format, force)
        }
        ReportCommand::Close { month } => {
            let month = parse_month(&month)?;
            let mut store = ctx.open()?;
            let acting = ctx.acting(&store)?;
            let data = store.close_month(&acting, month, &OFFICE_RECORDS)?;
            if ctx.json {
                json(&data);
            } else {
                println!(
                    "{}",
                    msg(ctx.lang, "doc-month-closed-done", &[("month", month.to_string())])
                );
                pairs(&[
                    (
                        msg(ctx.lang, "doc-row-arrived", &[]),
                        format!("{} / {}", data.arrivals.families, data.arrivals.persons),
                    ),
                    (
                        msg(ctx.lang, "doc-row-registered", &[]),
                        format!("{} / {}", data.registered.families, data.registered.persons),
                    ),
                ]);
            }
            Ok(())
        }
    }
}

/// The text of the first QR code found in a scan or photo.
fn qr_from_image(path: &Path) -> Result<String, CliError> {
    let img = image::open(path).map_err(|e| {
        CliError::Fields(vec![FieldError::bare("image", "doc-image-unreadable")
            .with_arg("path", path.display())
            .with_arg("detail", e)])
    })?;
    let gray = img.to_luma8();
    let (w, h) = gray.dimensions();
    let longest = w.max(h).max(1);
    // A phone photo is large: a smaller copy decodes faster and as well. A scan may be small or
    // soft (JPEG): enlarged and cut to black and white at its mean grey, the modules separate.
    let base = if longest > 2400 {
        let scale = |v: u32| (u64::from(v) * 2000 / u64::from(longest)).max(1) as u32;
        image::imageops::resize(&gray, scale(w), scale(h), image::imageops::FilterType::Triangle)
    } else {
        gray
    };
    let (bw, bh) = base.dimensions();
    let decode = |candidate: image::GrayImage| -> Option<String> {
        let mut prepared = rqrr::PreparedImage::prepare(candidate);
        prepared.detect_grids().into_iter().find_map(|grid| grid.decode().ok().map(|(_, t)| t))
    };
    if let Some(text) = decode(base.clone()) {
        return Ok(text);
    }
    // Copies at 1×, 1.5× and 2×, each cut to black and white at several greys: a soft or
    // unevenly lit picture separates its modules at one of them.
    for factor in [2u32, 3, 4] {
        if bw.max(bh) * factor / 2 > 4000 {
            continue;
        }
        let copy = if factor == 2 {
            base.clone()
        } else {
            image::imageops::resize(
                &base,
                bw * factor / 2,
                bh * factor / 2,
                image::imageops::FilterType::CatmullRom,
            )
        };
        if factor != 2 {
            if let Some(text) = decode(copy.clone()) {
                return Ok(text);
            }
        }
        for threshold in thresholds(&copy) {
            if let Some(text) = decode(binarize(&copy, threshold)) {
                return Ok(text);
            }
        }
    }
    Err(CliError::with("doc-no-qr", &[("path", path.display().to_string())]))
}

/// Greys to cut a picture at: its mean, midway between its darkest and lightest, and a few
/// fixed ones.
fn thresholds(img: &image::GrayImage) -> Vec<u8> {
    let n = u64::from(img.width()) * u64::from(img.height());
    let sum: u64 = img.pixels().map(|p| u64::from(p.0[0])).sum();
    let mean = (sum / n.max(1)) as u8;
    let (lo, hi) = img.pixels().fold((255u8, 0u8), |(lo, hi), p| (lo.min(p.0[0]), hi.max(p.0[0])));
    let mid = ((u16::from(lo) + u16::from(hi)) / 2) as u8;
    let mut out = vec![mean, mid, 128, 96, 160];
    out.dedup();
    out
}

/// Black and white at a grey.
fn binarize(img: &image::GrayImage, threshold: u8) -> image::GrayImage {
    image::GrayImage::from_fn(img.width(), img.height(), |x, y| {
        image::Luma([if img.get_pixel(x, y).0[0] < threshold { 0 } else { 255 }])
    })
}

/// `otau verify`
pub fn verify(ctx: &mut Ctx, args: VerifyArgs) -> Result<(), CliError> {
    let payload = match (&args.qr, &args.image) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => qr_from_image(path)?,
        (None, None) => return Err(CliError::coded("doc-verify-source")),
    };
    let store = ctx.open()?;
    let v = store.verify_document(&payload)?;
    if ctx.json {
        json(&json!({
            "status": v.status,
            "valid": v.status == VerifyStatus::Valid,
            "reason": v.reason,
            "payload": payload,
            "seal": v.seal.as_ref().map(|s| json!({
                "office": s.office,
                "kind": s.kind,
                "number": s.number,
                "issued_on": s.issued_on,
                "subject": s.subject,
                "content_hash": s.content_hash,
            })),
            "office_name": v.office_name,
            "register": v.register,
            "voided_by_office": v.voided_by_office,
            "as_of": v.as_of,
        }));
    } else {
        print_verification(ctx.lang, &v);
    }
    if v.status == VerifyStatus::Valid {
        Ok(())
    } else {
        Err(CliError::Reported)
    }
}

fn print_verification(lang: Lang, v: &Verification) {
    let verdict = match v.status {
        VerifyStatus::Valid => "doc-verify-valid",
        VerifyStatus::Tampered => "doc-verify-tampered",
        VerifyStatus::UnknownOffice => "doc-verify-unknown-office",
        VerifyStatus::Voided => "doc-verify-voided",
    };
    let office = v.seal.as_ref().map(|s| s.office.clone()).unwrap_or_default();
    match &v.voided_by_office {
        Some(by) => {
            let name = by.office_name.clone().unwrap_or_else(|| by.office_code.clone());
            let args = [
                ("office", format!("{} ({name})", by.office_code)),
                ("date", by.voided_on.format("%d.%m.%Y").to_string()),
            ];
            println!("{}", msg(lang, "doc-verify-voided-by", &args));
        }
        None => println!("{}", msg(lang, verdict, &[("office", office)])),
    }
    if v.status != VerifyStatus::Tampered {
        match &v.as_of {
            Some(at) => println!("{}", msg(lang, "doc-verify-as-of", &[("at", at.clone())])),
            None => println!("{}", msg(lang, "doc-verify-never-synced", &[])),
        }
    }
    if let Some(reason) = &v.reason {
        println!("{}", msg(lang, &format!("doc-verify-reason-{reason}"), &[]));
    }
    let mut items = vec![];
    if let Some(s) = &v.seal {
        items.push((msg(lang, "doc-col-number-short", &[]), s.number.clone()));
        items.push((msg(lang, "doc-col-kind", &[]), kind_label(lang, s.kind)));
        items.push((
            msg(lang, "doc-col-issued-on", &[]),
            s.issued_on.format("%d.%m.%Y").to_string(),
        ));
        let office = match &v.office_name {
            Some(name) => format!("{} ({name})", s.office),
            None => s.office.clone(),
        };
        items.push((msg(lang, "doc-col-office", &[]), office));
        if let Some(subject) = &s.subject {
            items.push((msg(lang, "doc-verify-subject", &[]), subject.clone()));
        }
    }
    if let Some(r) = &v.register {
        items.push((msg(lang, "doc-col-subject", &[]), r.subject.clone()));
        items.push((msg(lang, "doc-col-issued-by", &[]), r.issued_by.clone()));
        if let Some(void) = &r.void {
            items.push((
                msg(lang, "doc-col-status", &[]),
                msg(
                    lang,
                    "doc-status-voided",
                    &[
                        ("date", void.voided_on.format("%d.%m.%Y").to_string()),
                        ("reason", void.reason.clone()),
                    ],
                ),
            ));
        }
    }
    pairs(&items);
}

impl From<DocumentError> for CliError {
    fn from(e: DocumentError) -> Self {
        CliError::Store(otau_store::StoreError::Document(e))
    }
}
