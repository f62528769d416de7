//! The monthly summary as a spreadsheet (XLSX), with the same numbers as its PDF.
//!
//! # Design
//! Counts are written as integers. Amounts are written from their exact decimal text (`70`,
//! `302750.50`): the spreadsheet stores the nearest binary number, which reads back as the same
//! two decimals for any amount below 90 trillion tenge, so the sheet reconciles with the ledger
//! to the tiyn without any arithmetic on floating point here.

use crate::data::{DocumentContent, IssuedDocument, MonthlySummaryData};
use crate::error::PrintError;
use crate::kinds::titles;
use crate::text::{both, country, date, region, value_both};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

fn err(e: XlsxError) -> PrintError {
    PrintError::Xlsx { detail: e.to_string() }
}

/// An exact amount in minor units as the spreadsheet's number (see the module's design note).
// A spreadsheet keeps every number as a float: written here from the exact decimal text of the
// integer, never by arithmetic on floats.
#[allow(clippy::disallowed_types)]
fn amount(minor: i64) -> f64 {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100).parse().unwrap_or_default()
}

/// Writes the monthly summary of an issued document as XLSX bytes.
pub fn render_xlsx(doc: &IssuedDocument) -> Result<Vec<u8>, PrintError> {
    let DocumentContent::MonthlySummary(d) = &doc.content else {
        return Err(PrintError::NoSpreadsheet { kind: doc.kind().to_string() });
    };
    let mut book = Workbook::new();
    let at = doc.issued_on.and_hms_opt(0, 0, 0).unwrap_or_default();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(format!("{} {}", titles(&doc.content).1, doc.number))
        .set_author(&d.office.name)
        .set_creation_datetime(&at);
    book.set_properties(&props);
    let sheet = book.add_worksheet();
    sheet.set_name(d.month.to_string()).map_err(err)?;
    write_summary(sheet, doc, d).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

struct Formats {
    title: Format,
    head: Format,
    label: Format,
    int: Format,
    mci: Format,
    tenge: Format,
    total_label: Format,
    total_int: Format,
    total_mci: Format,
    total_tenge: Format,
    note: Format,
}

fn formats() -> Formats {
    let base = Format::new().set_font_name("Noto Sans").set_font_size(10);
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color("8A96A3");
    let total = |f: Format| border(f.set_bold().set_background_color("E8EDF4"));
    Formats {
        title: base.clone().set_bold().set_font_size(13).set_font_color("173A66"),
        head: border(base.clone().set_bold().set_background_color("E8EDF4").set_text_wrap())
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        label: border(base.clone().set_text_wrap()),
        int: border(base.clone().set_num_format("#,##0")),
        mci: border(base.clone().set_num_format("#,##0.00")),
        tenge: border(base.clone().set_num_format("#,##0.00 \"₸\"")),
        total_label: total(base.clone()),
        total_int: total(base.clone().set_num_format("#,##0")),
        total_mci: total(base.clone().set_num_format("#,##0.00")),
        total_tenge: total(base.clone().set_num_format("#,##0.00 \"₸\"")),
        note: base.set_italic().set_font_color("5C6270"),
    }
}

fn write_summary(
    s: &mut Worksheet,
    doc: &IssuedDocument,
    d: &MonthlySummaryData,
) -> Result<(), XlsxError> {
    let f = formats();
    s.set_column_width(0, 46)?;
    for c in 1..=6 {
        s.set_column_width(c, 16)?;
    }
    let (kk, ru) = titles(&doc.content);
    let mut r: u32 = 0;
    s.write_string_with_format(r, 0, format!("{kk} / {ru}"), &f.title)?;
    r += 1;
    s.write_string_with_format(r, 0, &d.office.name, &f.note)?;
    r += 1;
    s.write_string_with_format(r, 0, region(&d.office.region), &f.note)?;
    r += 1;
    s.write_string(r, 0, both("doc-col-number"))?;
    s.write_string(r, 1, &doc.number)?;
    r += 1;
    s.write_string(r, 0, both("doc-col-date"))?;
    s.write_string(r, 1, date(doc.issued_on))?;
    r += 1;
    s.write_string(r, 0, both("doc-col-month"))?;
    s.write_string(r, 1, d.month.to_string())?;
    if let Some(c) = &d.closed {
        r += 1;
        s.write_string_with_format(
            r,
            0,
            format!("{}: {}, {}", both("doc-closed"), date(c.closed_on), c.closed_by),
            &f.note,
        )?;
    }
    r += 2;

    let counts = |s: &mut Worksheet,
                  r: &mut u32,
                  title: &str,
                  first: &str,
                  heads: &[&str],
                  rows: Vec<(String, Vec<i64>)>,
                  total: bool|
     -> Result<(), XlsxError> {
        s.write_string_with_format(*r, 0, both(title), &f.title)?;
        *r += 1;
        s.write_string_with_format(*r, 0, both(first), &f.head)?;
        for (i, h) in heads.iter().enumerate() {
            s.write_string_with_format(*r, i as u16 + 1, both(h), &f.head)?;
        }
        *r += 1;
        let mut sums = vec![0i64; heads.len()];
        for (name, values) in rows {
            s.write_string_with_format(*r, 0, name, &f.label)?;
            for (i, v) in values.iter().enumerate() {
                #[allow(clippy::disallowed_types)]
                // A count of persons, as the spreadsheet's number.
                s.write_number_with_format(*r, i as u16 + 1, *v as f64, &f.int)?;
                if let Some(sum) = sums.get_mut(i) {
                    *sum += v;
                }
            }
            *r += 1;
        }
        if total {
            s.write_string_with_format(*r, 0, both("doc-total"), &f.total_label)?;
            for (i, v) in sums.iter().enumerate() {
                #[allow(clippy::disallowed_types)]
                // A count of persons, as the spreadsheet's number.
                s.write_number_with_format(*r, i as u16 + 1, *v as f64, &f.total_int)?;
            }
            *r += 1;
        }
        *r += 1;
        Ok(())
    };
    let fp = ["doc-col-families", "doc-col-persons"];
    counts(
        s,
        &mut r,
        "doc-section-arrivals",
        "doc-col-indicator",
        &fp,
        vec![
            (both("doc-row-arrived"), vec![d.arrivals.families, d.arrivals.persons]),
            (both("doc-row-registered"), vec![d.registered.families, d.registered.persons]),
        ],
        false,
    )?;
    for late in &d.late {
        s.write_string_with_format(
            r - 1,
            0,
            format!(
                "{}: {} ({} / {}; {} / {})",
                both("doc-late"),
                late.month,
                late.arrivals.families,
                late.arrivals.persons,
                late.registered.families,
                late.registered.persons
            ),
            &f.note,
        )?;
        r += 1;
    }
    if !d.offices.is_empty() {
        counts(
            s,
            &mut r,
            "doc-section-offices",
            "doc-col-office",
            &["doc-col-arrived-families", "doc-col-arrived-persons", fp[0], fp[1]],
            d.offices
                .iter()
                .map(|o| {
                    (
                        crate::kinds::office_line(o).replace('\n', " — "),
                        crate::kinds::office_counts(o),
                    )
                })
                .collect(),
            true,
        )?;
    }
    counts(
        s,
        &mut r,
        "doc-section-countries",
        "doc-col-country",
        &fp,
        d.by_country
            .iter()
            .map(|c| (country(&c.country), vec![c.counts.families, c.counts.persons]))
            .collect(),
        true,
    )?;
    counts(
        s,
        &mut r,
        "doc-section-age",
        "doc-col-group",
        &["doc-col-persons"],
        vec![
            (both("doc-age-below_working_age"), vec![d.by_age.below_working_age]),
            (both("doc-age-working_age"), vec![d.by_age.working_age]),
            (both("doc-age-pension_age"), vec![d.by_age.pension_age]),
        ],
        true,
    )?;
    let e = &d.by_education;
    counts(
        s,
        &mut r,
        "doc-section-education",
        "doc-col-education",
        &["doc-col-persons"],
        vec![
            (value_both("education", &"higher"), vec![e.higher]),
            (value_both("education", &"secondary_vocational"), vec![e.secondary_vocational]),
            (value_both("education", &"general_secondary"), vec![e.general_secondary]),
            (value_both("education", &"none"), vec![e.none]),
            (both("doc-not-recorded"), vec![e.not_recorded]),
        ],
        true,
    )?;
    match &d.statuses {
        Some(st) => counts(
            s,
            &mut r,
            "doc-section-statuses",
            "doc-col-indicator",
            &["doc-col-persons"],
            vec![
                (both("doc-status-granted"), vec![st.granted]),
                (both("doc-status-extended"), vec![st.extended]),
                (both("doc-status-ending"), vec![st.ending]),
            ],
            false,
        )?,
        None => not_kept(s, &mut r, &f, "doc-section-statuses")?,
    }
    match &d.quota {
        Some(q) => counts(
            s,
            &mut r,
            "doc-section-quota",
            "doc-col-indicator",
            &["doc-col-persons"],
            vec![
                (both("doc-quota-region"), vec![q.quota]),
                (both("doc-quota-before"), vec![q.used_before]),
                (both("doc-quota-month"), vec![q.used_in_month]),
                (both("doc-quota-used"), vec![q.used()]),
                (both("doc-quota-left"), vec![q.left()]),
            ],
            false,
        )?,
        None => not_kept(s, &mut r, &f, "doc-section-quota")?,
    }
    match &d.subsidies {
        Some(rows) => {
            s.write_string_with_format(r, 0, both("doc-section-subsidies-month"), &f.title)?;
            r += 1;
            let heads = [
                "doc-col-subsidy",
                "doc-col-accrued-mci",
                "doc-col-accrued-tenge",
                "doc-col-approved-mci",
                "doc-col-approved-tenge",
                "doc-col-paid-mci",
                "doc-col-paid-tenge",
            ];
            for (i, h) in heads.iter().enumerate() {
                s.write_string_with_format(r, i as u16, both(h), &f.head)?;
            }
            r += 1;
            for row in rows {
                s.write_string_with_format(
                    r,
                    0,
                    format!("{} / {}", row.subsidy_kk, row.subsidy_ru),
                    &f.label,
                )?;
                for (i, m) in [row.accrued, row.approved, row.paid].into_iter().enumerate() {
                    let c = 1 + 2 * i as u16;
                    s.write_number_with_format(r, c, amount(m.mci.0), &f.mci)?;
                    s.write_number_with_format(r, c + 1, amount(m.tenge.0), &f.tenge)?;
                }
                r += 1;
            }
            if let Some(total) = crate::data::SubsidyRow::totals(rows) {
                s.write_string_with_format(r, 0, both("doc-total"), &f.total_label)?;
                for (i, m) in total.into_iter().enumerate() {
                    let c = 1 + 2 * i as u16;
                    s.write_number_with_format(r, c, amount(m.mci.0), &f.total_mci)?;
                    s.write_number_with_format(r, c + 1, amount(m.tenge.0), &f.total_tenge)?;
                }
            }
            r += 2;
        }
        None => not_kept(s, &mut r, &f, "doc-section-subsidies-month")?,
    }
    s.write_string_with_format(r, 0, format!("QR: {}", doc.seal.payload()), &f.note)?;
    Ok(())
}

fn not_kept(s: &mut Worksheet, r: &mut u32, f: &Formats, title: &str) -> Result<(), XlsxError> {
    s.write_string_with_format(*r, 0, both(title), &f.title)?;
    *r += 1;
    s.write_string_with_format(*r, 0, both("doc-not-kept"), &f.note)?;
    *r += 2;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_keep_their_two_decimals() {
        for minor in [0i64, 1, 99, 100, 30_275_000, 123_456_789_012, -50, 900_000_000_000_099] {
            let shown = format!("{:.2}", amount(minor));
            let abs = minor.unsigned_abs();
            let sign = if minor < 0 { "-" } else { "" };
            assert_eq!(shown, format!("{sign}{}.{:02}", abs / 100, abs % 100));
        }
    }
}
