//! A scan or photo of an identity document, checked before it is kept: within the size limit,
//! a JPEG, PNG or PDF by its content, read whole as that kind, and — for an image — a small
//! JPEG thumbnail for the person's card.
//!
//! # Design
//! The first bytes tell the kind ([`ScanKind::sniff`]); the file is then decoded as that kind
//! (an image within [`MAX_SCAN_SIDE`] pixels a side and a bounded allocation; a PDF parsed and
//! its pages counted, an encrypted one refused since nobody could open it later), so a file
//! renamed or cut short is refused with what to do instead. Decoders are third-party code
//! handed a stranger's bytes: a panic in one is caught and reported as an unreadable file.
//! The bytes kept are the bytes received; only the thumbnail is made here.

use otau_core::scan::{ScanKind, MAX_SCAN_BYTES, MAX_SCAN_SIDE};
use otau_core::Coded;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 240;

/// Memory an image may take while it is decoded (a 10,000 × 10,000 RGBA image fits).
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// A scan that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedScan {
    /// What it is.
    pub kind: ScanKind,
    /// An image's width and height in pixels (as it is shown, after its orientation).
    pub size_px: Option<(u32, u32)>,
    /// A PDF's number of pages.
    pub pages: Option<u32>,
    /// A JPEG of at most [`THUMBNAIL_SIDE`] pixels a side (images only).
    pub thumbnail: Option<Vec<u8>>,
}

/// Why a file cannot be kept as a scan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than [`MAX_SCAN_BYTES`].
    #[error("the file has {size} bytes, more than {limit}")]
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The content is none of JPEG, PNG, PDF (whatever its name says).
    #[error("the file is not a JPEG, PNG or PDF")]
    NotAccepted,
    /// It starts as one of them but cannot be read as it.
    #[error("the {kind:?} file cannot be read")]
    Unreadable {
        /// What it started as.
        kind: ScanKind,
    },
    /// An image larger than [`MAX_SCAN_SIDE`] pixels a side.
    #[error("the image has {width}×{height} pixels")]
    TooManyPixels {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
    /// A PDF locked with a password.
    #[error("the PDF is locked with a password")]
    Encrypted,
}

impl Coded for ScanError {
    fn code(&self) -> &'static str {
        match self {
            ScanError::Empty => "scan-empty",
            ScanError::TooLarge { .. } => "scan-too-large",
            ScanError::NotAccepted => "scan-not-accepted",
            ScanError::Unreadable { .. } => "scan-unreadable",
            ScanError::TooManyPixels { .. } => "scan-too-many-pixels",
            ScanError::Encrypted => "scan-encrypted",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        match self {
            ScanError::TooLarge { size, limit } => {
                a.insert("size".into(), megabytes(*size));
                a.insert("limit".into(), megabytes(*limit));
            }
            ScanError::Unreadable { kind } => {
                a.insert("kind".into(), kind.as_str().to_uppercase());
            }
            ScanError::TooManyPixels { width, height } => {
                a.insert("width".into(), width.to_string());
                a.insert("height".into(), height.to_string());
                a.insert("limit".into(), MAX_SCAN_SIDE.to_string());
            }
            ScanError::Empty | ScanError::NotAccepted | ScanError::Encrypted => {}
        }
        a
    }
}

/// Bytes as megabytes with one decimal, rounded up ("4.1"), so a file just over the limit never
/// reads as equal to it.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10).div_ceil(1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Checks a file offered as a scan and makes its thumbnail.
pub fn check_scan(bytes: &[u8]) -> Result<CheckedScan, ScanError> {
    if bytes.is_empty() {
        return Err(ScanError::Empty);
    }
    if bytes.len() > MAX_SCAN_BYTES {
        return Err(ScanError::TooLarge { size: bytes.len(), limit: MAX_SCAN_BYTES });
    }
    let kind = ScanKind::sniff(bytes).ok_or(ScanError::NotAccepted)?;
    let read = || match kind {
        ScanKind::Jpeg | ScanKind::Png => read_image(kind, bytes),
        ScanKind::Pdf => read_pdf(bytes),
    };
    catch_unwind(AssertUnwindSafe(read)).unwrap_or(Err(ScanError::Unreadable { kind }))
}

fn read_image(kind: ScanKind, bytes: &[u8]) -> Result<CheckedScan, ScanError> {
    use image::{ImageDecoder, ImageFormat, ImageReader};
    let unreadable = |_| ScanError::Unreadable { kind };
    let format = match kind {
        ScanKind::Png => ImageFormat::Png,
        _ => ImageFormat::Jpeg,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // The sides are checked here, from the header, to name them; the allocation bound stops
    // what the header does not show (a deep colour type, a corrupt size field).
    let mut limits = image::Limits::no_limits();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let (width, height) = decoder.dimensions();
    let too_many = ScanError::TooManyPixels { width, height };
    if width > MAX_SCAN_SIDE || height > MAX_SCAN_SIDE {
        return Err(too_many);
    }
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => too_many,
        _ => ScanError::Unreadable { kind },
    })?;
    image.apply_orientation(orientation);
    let shown = (image.width(), image.height());
    let small = image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE).into_rgb8();
    let mut jpeg = vec![];
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode_image(&small)
        .map_err(unreadable)?;
    Ok(CheckedScan { kind, size_px: Some(shown), pages: None, thumbnail: Some(jpeg) })
}

fn read_pdf(bytes: &[u8]) -> Result<CheckedScan, ScanError> {
    let unreadable = ScanError::Unreadable { kind: ScanKind::Pdf };
    let document = lopdf::Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::AlreadyEncrypted => ScanError::Encrypted,
        _ => unreadable.clone(),
    })?;
    if document.is_encrypted() {
        return Err(ScanError::Encrypted);
    }
    let pages = u32::try_from(document.get_pages().len()).map_err(|_| unreadable.clone())?;
    if pages == 0 {
        return Err(unreadable);
    }
    Ok(CheckedScan { kind: ScanKind::Pdf, size_px: None, pages: Some(pages), thumbnail: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `w`×`h` pixels, a gradient so it compresses like a picture.
    pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Cursor::new(vec![]);
        img.write_to(&mut out, image::ImageFormat::Png).expect("png");
        out.into_inner()
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, 40, (y % 256) as u8])
        });
        let mut out = vec![];
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&img)
            .expect("jpeg");
        out
    }

    fn pdf(pages: usize) -> Vec<u8> {
        use lopdf::{dictionary, Document, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut kids = vec![];
        for _ in 0..pages {
            let content = doc.add_object(Stream::new(dictionary! {}, b"0 0 m 10 10 l S".to_vec()));
            let page = doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Contents" => content,
            });
            kids.push(Object::Reference(page));
        }
        let count = kids.len() as i64;
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = vec![];
        doc.save_to(&mut out).expect("pdf");
        out
    }

    #[test]
    fn an_image_is_read_whole_and_gets_a_jpeg_thumbnail_of_its_shape() {
        let scan = check_scan(&png(1200, 800)).expect("a png");
        assert_eq!(scan.kind, ScanKind::Png);
        assert_eq!(scan.size_px, Some((1200, 800)));
        let thumb = image::load_from_memory(&scan.thumbnail.expect("thumbnail")).expect("jpeg");
        assert_eq!((thumb.width(), thumb.height()), (240, 160));
        assert_eq!(ScanKind::sniff(&jpeg(10, 10)), Some(ScanKind::Jpeg));
        let scan = check_scan(&jpeg(600, 900)).expect("a jpeg");
        assert_eq!((scan.kind, scan.size_px), (ScanKind::Jpeg, Some((600, 900))));
    }

    #[test]
    fn a_pdf_is_parsed_and_its_pages_counted() {
        let scan = check_scan(&pdf(3)).expect("a pdf");
        assert_eq!((scan.kind, scan.pages, scan.thumbnail), (ScanKind::Pdf, Some(3), None));
    }

    #[test]
    fn a_file_is_judged_by_its_content_and_size_not_its_name() {
        assert_eq!(check_scan(b""), Err(ScanError::Empty));
        assert_eq!(check_scan(b"GIF89a\x01\x00\x01\x00"), Err(ScanError::NotAccepted));
        assert_eq!(check_scan(b"PK\x03\x04 a spreadsheet"), Err(ScanError::NotAccepted));
        let mut cut = png(300, 300);
        cut.truncate(cut.len() / 2);
        assert_eq!(check_scan(&cut), Err(ScanError::Unreadable { kind: ScanKind::Png }));
        let mut cut = jpeg(300, 300);
        cut.truncate(200);
        assert_eq!(check_scan(&cut), Err(ScanError::Unreadable { kind: ScanKind::Jpeg }));
        assert_eq!(
            check_scan(b"%PDF-1.4\nthis is no pdf"),
            Err(ScanError::Unreadable { kind: ScanKind::Pdf })
        );
        let big = vec![0xFF; MAX_SCAN_BYTES + 1];
        let err = check_scan(&big).expect_err("too large");
        assert_eq!(err, ScanError::TooLarge { size: MAX_SCAN_BYTES + 1, limit: MAX_SCAN_BYTES });
        assert_eq!(err.args().get("size").map(String::as_str), Some("4.1"));
        assert_eq!(err.args().get("limit").map(String::as_str), Some("4.0"));
    }

    #[test]
    fn an_image_too_large_to_decode_is_refused_before_it_is_decoded() {
        // A PNG that says it is 20,000 pixels wide: refused from its header.
        let mut header = png(1, 1);
        header[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        let err = check_scan(&header).expect_err("refused");
        assert!(
            matches!(err, ScanError::TooManyPixels { .. } | ScanError::Unreadable { .. }),
            "{err:?}"
        );
        let err = check_scan(&png(MAX_SCAN_SIDE + 1, 2)).expect_err("too wide");
        assert_eq!(err, ScanError::TooManyPixels { width: MAX_SCAN_SIDE + 1, height: 2 });
    }
}
