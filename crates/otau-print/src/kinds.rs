//! The four kinds of document laid out on A4: registration certificate, subsidy decision,
//! payment statement and monthly summary. Headings and fixed phrases are bilingual (Kazakh
//! first, Russian after), names and numbers as recorded.

use crate::data::{
    CertificateData, DecisionData, DocumentContent, IssuedDocument, LedgerEntryKind, Money,
    MonthlySummaryData, StatementData,
};
use crate::error::PrintError;
use crate::fonts::{FontStyle, Fonts};
use crate::layout::{Align, Column, Frame, Ink, Layout, Row, Table, TextStyle};
use crate::qr::QrMatrix;
use crate::text::{both, count, country, date, kk, mci, pair, region, ru, tenge, value_both, with};
use otau_i18n::Lang;

/// Lays out an issued document as PDF bytes: A4, fonts subset and embedded, the QR seal on the
/// last page, "ДУБЛИКАТ / DUPLICATE" on every page of a reprint. Equal input, equal bytes.
pub fn render_pdf(doc: &IssuedDocument, fonts: &Fonts) -> Result<Vec<u8>, PrintError> {
    let office = doc.content.office();
    let (title_kk, title_ru) = titles(&doc.content);
    let frame = Frame {
        office_name: office.name.clone(),
        office_code: office.code.clone(),
        region: region(&office.region),
        title_kk,
        title_ru,
        number: doc.number.clone(),
        issued_on: doc.issued_on,
        duplicate: doc.duplicate,
    };
    let mut l = Layout::new(fonts, frame);
    let signatures = match &doc.content {
        DocumentContent::Certificate(d) => certificate(&mut l, d, &doc.issued_by),
        DocumentContent::Decision(d) => decision(&mut l, d),
        DocumentContent::Statement(d) => statement(&mut l, d, &doc.issued_by),
        DocumentContent::MonthlySummary(d) => monthly(&mut l, d, &doc.issued_by),
    };
    closing(&mut l, doc, &signatures)?;
    let identity = format!("{}|{}", doc.seal.payload(), doc.duplicate);
    l.finish(&identity)
}

/// The title of a kind in Kazakh and Russian.
pub fn titles(content: &DocumentContent) -> (String, String) {
    let id = match content {
        DocumentContent::Certificate(_) => "doc-title-certificate",
        DocumentContent::Decision(_) => "doc-title-decision",
        DocumentContent::Statement(_) => "doc-title-statement",
        DocumentContent::MonthlySummary(_) => "doc-title-monthly-summary",
    };
    (kk(id), ru(id))
}

/// Signature lines: (role, name).
type Signatures = Vec<(String, String)>;

fn closing(
    l: &mut Layout<'_>,
    doc: &IssuedDocument,
    signatures: &[(String, String)],
) -> Result<(), PrintError> {
    let qr = QrMatrix::encode(&doc.seal.payload())?;
    let title = TextStyle { font: FontStyle::Bold, size: 8.5, ink: Ink::Accent };
    let note = TextStyle { font: FontStyle::Regular, size: 7.0, ink: Ink::Muted };
    let note_ru = TextStyle { font: FontStyle::Italic, size: 7.0, ink: Ink::Muted };
    let hash = TextStyle { font: FontStyle::Regular, size: 6.5, ink: Ink::Muted };
    l.closing(
        signatures,
        &qr,
        &[
            (both("doc-seal-title"), title),
            (kk("doc-seal-note"), note),
            (ru("doc-seal-note"), note_ru),
            (format!("SHA-256: {}", doc.seal.content_hash), hash),
        ],
    );
    Ok(())
}

fn label(id: &str) -> String {
    both(id)
}

fn certificate(l: &mut Layout<'_>, d: &CertificateData, issued_by: &str) -> Signatures {
    let args = [("date", date(d.registered_on)), ("regno", d.family_regno.clone())];
    l.bilingual(&with(Lang::Kk, "doc-cert-intro", &args), &with(Lang::Ru, "doc-cert-intro", &args));

    l.heading(&kk("doc-section-family"), &ru("doc-section-family"), 60.0);
    let mut fields = vec![
        (label("doc-family-regno"), d.family_regno.clone()),
        (label("doc-registered-on"), date(d.registered_on)),
        (label("doc-arrival-date"), date(d.arrival_date)),
        (label("doc-country-of-origin"), country(&d.country_of_origin)),
        (label("doc-region"), region(&d.region)),
        (label("doc-settlement"), d.settlement.clone()),
    ];
    if let Some(address) = &d.address {
        fields.push((label("doc-address"), address.clone()));
    }
    if let Some(c) = &d.accommodation_category {
        fields.push((label("doc-category"), value_both("category", c)));
    }
    fields.push((label("doc-family-size"), d.members.len().to_string()));
    l.fields(&fields);

    l.heading(&kk("doc-section-members"), &ru("doc-section-members"), 60.0);
    let rows = d
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut name = m.name.clone();
            if let Some(latin) = &m.name_latin {
                name.push('\n');
                name.push_str(latin);
            }
            Row::new(vec![
                (i + 1).to_string(),
                name,
                value_both("relation", &m.relation),
                date(m.birth_date),
                m.iin.clone().unwrap_or_else(|| "—".into()),
                format!("{}\n{}", m.regno, m.document.clone().unwrap_or_else(|| "—".into())),
            ])
        })
        .collect();
    l.table(&Table {
        columns: vec![
            Column::center(0.35),
            Column::left(2.55),
            Column::left(1.55),
            Column::center(1.05),
            Column::center(1.2),
            Column::left(1.6),
        ],
        header: vec![
            "№".into(),
            label("doc-col-name"),
            label("doc-col-relation"),
            label("doc-col-birth-date"),
            label("doc-col-iin"),
            label("doc-col-regno-document"),
        ],
        rows,
        compact: false,
    });
    l.bilingual(&kk("doc-cert-purpose"), &ru("doc-cert-purpose"));
    vec![(label("doc-issued-by"), issued_by.to_string())]
}

/// "3 адам × 70 АЕК = 210 АЕК" in a language.
fn factors(lang: Lang, line: &crate::data::DecisionLine) -> String {
    let unit = with(lang, "doc-unit-mci", &[]);
    let mut parts = vec![];
    if let Some(p) = line.persons {
        parts.push(with(lang, "doc-persons-n", &[("n", p.to_string())]));
    }
    if let Some(m) = line.months {
        parts.push(with(lang, "doc-months-n", &[("n", m.to_string())]));
    }
    parts.push(format!("{}\u{a0}{unit}", mci(line.rate)));
    format!("{} = {}\u{a0}{unit}", parts.join(" × "), mci(line.amount))
}

/// How an amount was computed, to be read aloud: the factors in Kazakh and Russian, the
/// conversion to tenge at the MCI applied, and where that MCI comes from.
fn explanation(line: &crate::data::DecisionLine) -> String {
    let mci_tenge = otau_core::money::format_whole_tenge(line.mci_tenge);
    let from = date(line.mci_from);
    let how = match (&line.explanation_kk, &line.explanation_ru) {
        (Some(kk), Some(ru)) if kk == ru => kk.clone(),
        (Some(kk), Some(ru)) => format!("{kk}\n{ru}"),
        _ => format!(
            "{}\n{}\n{} × {} = {}",
            factors(Lang::Kk, line),
            factors(Lang::Ru, line),
            mci(line.amount),
            mci_tenge,
            tenge(line.tenge)
        ),
    };
    format!(
        "{how}\n{}",
        pair(
            &with(Lang::Kk, "doc-mci-from", &[("date", from.clone())]),
            &with(Lang::Ru, "doc-mci-from", &[("date", from)])
        )
    )
}

fn decision(l: &mut Layout<'_>, d: &DecisionData) -> Signatures {
    l.heading(&kk("doc-section-family"), &ru("doc-section-family"), 60.0);
    l.fields(&[
        (label("doc-family-regno"), d.family_regno.clone()),
        (label("doc-head"), d.head_name.clone()),
        (label("doc-family-size"), d.family_size.to_string()),
        (label("doc-decided-on"), date(d.decided_on)),
        (label("doc-decision-ref"), d.decision_ref.clone()),
    ]);
    l.bilingual(&kk("doc-decision-basis"), &ru("doc-decision-basis"));
    l.heading(&kk("doc-section-subsidies"), &ru("doc-section-subsidies"), 60.0);
    let total = Money::checked_sum(d.lines.iter().map(|l| Money { mci: l.amount, tenge: l.tenge }));
    let mut rows = vec![];
    for (i, line) in d.lines.iter().enumerate() {
        rows.push(Row::new(vec![
            (i + 1).to_string(),
            match line.due_date {
                Some(due) => format!(
                    "{}\n{}\n{}",
                    line.subsidy_kk,
                    line.subsidy_ru,
                    pair(
                        &with(Lang::Kk, "doc-due-on", &[("date", date(due))]),
                        &with(Lang::Ru, "doc-due-on", &[("date", date(due))])
                    )
                ),
                None => format!("{}\n{}", line.subsidy_kk, line.subsidy_ru),
            },
            explanation(line),
            mci(line.amount),
            tenge(line.tenge),
        ]));
    }
    if let Some(total) = total {
        rows.push(Row::total(vec![
            String::new(),
            label("doc-total"),
            String::new(),
            mci(total.mci),
            tenge(total.tenge),
        ]));
    }
    l.table(&Table {
        columns: vec![
            Column::center(0.35),
            Column::left(2.3),
            Column::left(3.3),
            Column::right(0.9),
            Column::right(1.45),
        ],
        header: vec![
            "№".into(),
            label("doc-col-subsidy"),
            label("doc-col-calculation"),
            label("doc-col-mci"),
            label("doc-col-tenge"),
        ],
        rows,
        compact: false,
    });
    if let Some(total) = total {
        let args = [("mci", mci(total.mci)), ("tenge", tenge(total.tenge))];
        l.bilingual(
            &with(Lang::Kk, "doc-decision-total", &args),
            &with(Lang::Ru, "doc-decision-total", &args),
        );
    }
    vec![
        (label("doc-prepared-by"), d.prepared_by.clone()),
        (label("doc-approved-by"), d.approved_by.clone().unwrap_or_default()),
    ]
}

fn statement(l: &mut Layout<'_>, d: &StatementData, issued_by: &str) -> Signatures {
    l.heading(&kk("doc-section-family"), &ru("doc-section-family"), 60.0);
    l.fields(&[
        (label("doc-family-regno"), d.family_regno.clone()),
        (label("doc-head"), d.head_name.clone()),
        (label("doc-family-size"), d.family_size.to_string()),
        (label("doc-as-of"), date(d.as_of)),
    ]);
    l.heading(&kk("doc-section-ledger"), &ru("doc-section-ledger"), 60.0);
    if d.lines.is_empty() {
        let args = [("date", date(d.as_of))];
        l.bilingual(
            &with(Lang::Kk, "doc-ledger-empty", &args),
            &with(Lang::Ru, "doc-ledger-empty", &args),
        );
    } else {
        let mut rows: Vec<Row> = d
            .lines
            .iter()
            .map(|line| {
                Row::new(vec![
                    date(line.date),
                    value_both("doc-entry", &line.entry),
                    pair(&line.subsidy_kk, &line.subsidy_ru),
                    mci(line.amount),
                    otau_core::money::format_whole_tenge(line.mci_tenge),
                    tenge(line.tenge),
                    line.reference.clone(),
                ])
            })
            .collect();
        for kind in LedgerEntryKind::ALL {
            let of_kind: Vec<_> = d.lines.iter().filter(|r| r.entry == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            let total =
                Money::checked_sum(of_kind.iter().map(|r| Money { mci: r.amount, tenge: r.tenge }));
            if let Some(total) = total {
                rows.push(Row::total(vec![
                    label("doc-total"),
                    value_both("doc-entry", &kind),
                    String::new(),
                    mci(total.mci),
                    String::new(),
                    tenge(total.tenge),
                    String::new(),
                ]));
            }
        }
        l.table(&Table {
            columns: vec![
                Column::center(0.95),
                Column::left(1.4),
                Column::left(1.95),
                Column::right(0.65),
                Column::right(0.85),
                Column::right(1.15),
                Column::left(1.9),
            ],
            header: vec![
                label("doc-col-date"),
                label("doc-col-entry"),
                label("doc-col-subsidy"),
                label("doc-col-mci"),
                label("doc-col-mci-tenge"),
                label("doc-col-tenge"),
                label("doc-col-reference"),
            ],
            rows,
            compact: true,
        });
    }
    vec![(label("doc-issued-by"), issued_by.to_string())]
}

fn money_cell(m: Money) -> String {
    format!(
        "{}\u{a0}{}\n{}",
        mci(m.mci),
        pair(&kk("doc-unit-mci"), &ru("doc-unit-mci")),
        tenge(m.tenge)
    )
}

fn counts_table(
    l: &mut Layout<'_>,
    first: &str,
    rows: Vec<(String, Vec<i64>)>,
    heads: &[&str],
    total: bool,
) {
    let n = heads.len();
    let mut columns = vec![Column::left(3.6)];
    columns.extend((0..n).map(|_| Column::right(1.2)));
    let mut header = vec![label(first)];
    header.extend(heads.iter().map(|h| label(h)));
    let sums: Vec<i64> =
        (0..n).map(|i| rows.iter().map(|r| r.1.get(i).copied().unwrap_or(0)).sum()).collect();
    let mut body: Vec<Row> = rows
        .into_iter()
        .map(|(name, values)| {
            let mut cells = vec![name];
            cells.extend(values.iter().map(|v| count(*v)));
            Row::new(cells)
        })
        .collect();
    if total {
        let mut cells = vec![label("doc-total")];
        cells.extend(sums.iter().map(|v| count(*v)));
        body.push(Row::total(cells));
    }
    l.table(&Table { columns, header, rows: body, compact: false });
}

/// An office's line in a region's or the country's summary: code, name, and whether its
/// month is closed.
pub(crate) fn office_line(o: &crate::data::OfficeLine) -> String {
    let state = if o.closed { "doc-office-closed" } else { "doc-office-open" };
    format!("{} {}\n{}", o.office.code, o.office.name, both(state))
}

/// An office's four counts: arrived families and persons, registered families and persons.
pub(crate) fn office_counts(o: &crate::data::OfficeLine) -> Vec<i64> {
    vec![o.arrivals.families, o.arrivals.persons, o.registered.families, o.registered.persons]
}

fn not_kept(l: &mut Layout<'_>) {
    l.paragraph(&both("doc-not-kept"), TextStyle::ECHO, Align::Left);
    l.space(8.0);
}

fn monthly(l: &mut Layout<'_>, d: &MonthlySummaryData, issued_by: &str) -> Signatures {
    let month_id = format!("doc-month-{}", d.month.month());
    let period = |lang: Lang| {
        with(
            lang,
            "doc-period",
            &[
                ("year", d.month.year().to_string()),
                ("month", with(lang, &month_id, &[])),
                ("from", date(d.month.first_day())),
                ("to", date(d.month.last_day())),
            ],
        )
    };
    l.bilingual(&period(Lang::Kk), &period(Lang::Ru));
    if let Some(c) = &d.closed {
        let args = [("date", date(c.closed_on)), ("who", c.closed_by.clone())];
        l.bilingual(
            &with(Lang::Kk, "doc-month-closed", &args),
            &with(Lang::Ru, "doc-month-closed", &args),
        );
    }

    l.heading(&kk("doc-section-arrivals"), &ru("doc-section-arrivals"), 60.0);
    counts_table(
        l,
        "doc-col-indicator",
        vec![
            (label("doc-row-arrived"), vec![d.arrivals.families, d.arrivals.persons]),
            (label("doc-row-registered"), vec![d.registered.families, d.registered.persons]),
        ],
        &["doc-col-families", "doc-col-persons"],
        false,
    );
    for late in &d.late {
        let args = [
            ("month", late.month.to_string()),
            ("arrived_families", late.arrivals.families.to_string()),
            ("arrived_persons", late.arrivals.persons.to_string()),
            ("families", late.registered.families.to_string()),
            ("persons", late.registered.persons.to_string()),
        ];
        l.bilingual(
            &with(Lang::Kk, "doc-late-entries", &args),
            &with(Lang::Ru, "doc-late-entries", &args),
        );
    }

    if !d.offices.is_empty() {
        l.heading(&kk("doc-section-offices"), &ru("doc-section-offices"), 60.0);
        counts_table(
            l,
            "doc-col-office",
            d.offices.iter().map(|o| (office_line(o), office_counts(o))).collect(),
            &[
                "doc-col-arrived-families",
                "doc-col-arrived-persons",
                "doc-col-families",
                "doc-col-persons",
            ],
            true,
        );
    }

    l.heading(&kk("doc-section-countries"), &ru("doc-section-countries"), 60.0);
    counts_table(
        l,
        "doc-col-country",
        d.by_country
            .iter()
            .map(|c| (country(&c.country), vec![c.counts.families, c.counts.persons]))
            .collect(),
        &["doc-col-families", "doc-col-persons"],
        true,
    );

    l.heading(&kk("doc-section-age"), &ru("doc-section-age"), 60.0);
    counts_table(
        l,
        "doc-col-group",
        vec![
            (label("doc-age-below_working_age"), vec![d.by_age.below_working_age]),
            (label("doc-age-working_age"), vec![d.by_age.working_age]),
            (label("doc-age-pension_age"), vec![d.by_age.pension_age]),
        ],
        &["doc-col-persons"],
        true,
    );

    l.heading(&kk("doc-section-education"), &ru("doc-section-education"), 60.0);
    let e = &d.by_education;
    counts_table(
        l,
        "doc-col-education",
        vec![
            (value_both("education", &"higher"), vec![e.higher]),
            (value_both("education", &"secondary_vocational"), vec![e.secondary_vocational]),
            (value_both("education", &"general_secondary"), vec![e.general_secondary]),
            (value_both("education", &"none"), vec![e.none]),
            (label("doc-not-recorded"), vec![e.not_recorded]),
        ],
        &["doc-col-persons"],
        true,
    );

    l.heading(&kk("doc-section-statuses"), &ru("doc-section-statuses"), 60.0);
    match &d.statuses {
        Some(s) => counts_table(
            l,
            "doc-col-indicator",
            vec![
                (label("doc-status-granted"), vec![s.granted]),
                (label("doc-status-extended"), vec![s.extended]),
                (label("doc-status-ending"), vec![s.ending]),
            ],
            &["doc-col-persons"],
            false,
        ),
        None => not_kept(l),
    }

    l.heading(&kk("doc-section-quota"), &ru("doc-section-quota"), 60.0);
    match &d.quota {
        Some(q) => {
            l.fields(&[
                (label("doc-quota-year"), q.year.to_string()),
                (label("doc-quota-region"), count(q.quota)),
                (label("doc-quota-before"), count(q.used_before)),
                (label("doc-quota-month"), count(q.used_in_month)),
                (label("doc-quota-used"), count(q.used())),
                (label("doc-quota-left"), count(q.left())),
            ]);
        }
        None => not_kept(l),
    }

    l.heading(&kk("doc-section-subsidies-month"), &ru("doc-section-subsidies-month"), 60.0);
    match &d.subsidies {
        Some(rows) if !rows.is_empty() => {
            let mut body: Vec<Row> = rows
                .iter()
                .map(|r| {
                    Row::new(vec![
                        format!("{}\n{}", r.subsidy_kk, r.subsidy_ru),
                        money_cell(r.accrued),
                        money_cell(r.approved),
                        money_cell(r.paid),
                    ])
                })
                .collect();
            if let Some([accrued, approved, paid]) = crate::data::SubsidyRow::totals(rows) {
                body.push(Row::total(vec![
                    label("doc-total"),
                    money_cell(accrued),
                    money_cell(approved),
                    money_cell(paid),
                ]));
            }
            l.table(&Table {
                columns: vec![
                    Column::left(2.4),
                    Column::right(1.4),
                    Column::right(1.4),
                    Column::right(1.4),
                ],
                header: vec![
                    label("doc-col-subsidy"),
                    label("doc-col-accrued"),
                    label("doc-col-approved"),
                    label("doc-col-paid"),
                ],
                rows: body,
                compact: false,
            });
        }
        Some(_) => {
            l.paragraph(&both("doc-no-subsidies"), TextStyle::ECHO, Align::Left);
            l.space(8.0);
        }
        None => not_kept(l),
    }
    vec![
        (label("doc-prepared-by"), issued_by.to_string()),
        (label("doc-head-of-office"), String::new()),
    ]
}
