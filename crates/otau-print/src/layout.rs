//! A small layout layer over printpdf: A4 pages with margins, a letterhead and a running
//! header, footers with "page X of Y" and the document number, paragraphs wrapped with the
//! font's real glyph widths, tables whose header row repeats on every page and whose rows break
//! across pages, field lists, signature lines and the QR seal.
//!
//! # Design
//! Coordinates are points measured from the top of the page (PDF measures from the bottom; the
//! conversion happens where ops are written). Content is laid out top to bottom in one pass;
//! footers are added at the end, when the number of pages is known. Nothing here reads the clock
//! or a random source: the same input gives the same bytes.

// Geometry in points: the one place of the documents with floating point, and none of it money.
#![allow(clippy::disallowed_types)]

use crate::error::PrintError;
use crate::fonts::{FontStyle, Fonts};
use crate::qr::QrMatrix;
use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, WindingOrder,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// A4 width in points.
pub const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub const PAGE_H: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;

/// Left margin (25 mm, room for binding), right 15 mm, top 15 mm, bottom 20 mm.
pub const MARGIN_LEFT: f32 = 25.0 * MM;
/// Right margin.
pub const MARGIN_RIGHT: f32 = 15.0 * MM;
/// Top margin.
pub const MARGIN_TOP: f32 = 15.0 * MM;
/// Bottom margin (the footer sits inside it).
pub const MARGIN_BOTTOM: f32 = 20.0 * MM;

/// Width of the text column.
pub const CONTENT_W: f32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;

/// Colours of ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Body text.
    Black,
    /// Labels and notes.
    Muted,
    /// Rules and headings: a dark blue.
    Accent,
    /// The duplicate stamp.
    Red,
}

impl Ink {
    fn color(self) -> Color {
        let (r, g, b) = match self {
            Ink::Black => (0.08, 0.08, 0.1),
            Ink::Muted => (0.36, 0.38, 0.42),
            Ink::Accent => (0.09, 0.23, 0.40),
            Ink::Red => (0.72, 0.11, 0.11),
        };
        rgb(r, g, b)
    }
}

fn rgb(r: f32, g: f32, b: f32) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right (numbers).
    Right,
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Face.
    pub font: FontStyle,
    /// Size in points.
    pub size: f32,
    /// Ink.
    pub ink: Ink,
}

impl TextStyle {
    /// Body text: regular 10 pt.
    pub const BODY: TextStyle = TextStyle { font: FontStyle::Regular, size: 10.0, ink: Ink::Black };
    /// A second-language echo of body text: italic 9 pt, muted.
    pub const ECHO: TextStyle = TextStyle { font: FontStyle::Italic, size: 9.0, ink: Ink::Muted };
    /// Labels: regular 8.5 pt, muted.
    pub const LABEL: TextStyle = TextStyle { font: FontStyle::Regular, size: 8.5, ink: Ink::Muted };
    /// Values beside labels: bold 10 pt.
    pub const VALUE: TextStyle = TextStyle { font: FontStyle::Bold, size: 10.0, ink: Ink::Black };
    /// Small print: regular 8 pt, muted.
    pub const SMALL: TextStyle = TextStyle { font: FontStyle::Regular, size: 8.0, ink: Ink::Muted };

    /// Height of one line.
    pub fn line_height(&self) -> f32 {
        self.size * 1.32
    }
}

/// What frames every page: the office, the title, the number and date, the duplicate mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The office's name.
    pub office_name: String,
    /// The office's code.
    pub office_code: String,
    /// The region, in Kazakh and Russian.
    pub region: String,
    /// Title in Kazakh.
    pub title_kk: String,
    /// Title in Russian.
    pub title_ru: String,
    /// Document number.
    pub number: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// A reprint: "ДУБЛИКАТ / DUPLICATE" on every page.
    pub duplicate: bool,
}

/// A table column: its share of the width and its alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Relative width (shares are normalised to the text column).
    pub share: f32,
    /// Alignment of its cells.
    pub align: Align,
}

impl Column {
    /// A left-aligned column.
    pub fn left(share: f32) -> Column {
        Column { share, align: Align::Left }
    }
    /// A right-aligned column (numbers).
    pub fn right(share: f32) -> Column {
        Column { share, align: Align::Right }
    }
    /// A centred column.
    pub fn center(share: f32) -> Column {
        Column { share, align: Align::Center }
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// One text per column; `\n` breaks a line.
    pub cells: Vec<String>,
    /// A total or subtotal: bold on a light ground.
    pub total: bool,
}

impl Row {
    /// A body row.
    pub fn new(cells: Vec<String>) -> Row {
        Row { cells, total: false }
    }
    /// A totals row.
    pub fn total(cells: Vec<String>) -> Row {
        Row { cells, total: true }
    }
}

/// A table: columns, a header row (repeated on each page) and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Columns.
    pub columns: Vec<Column>,
    /// Header cells.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Row>,
    /// Smaller type, for tables of many rows.
    pub compact: bool,
}

const CELL_PAD_X: f32 = 3.5;
const CELL_PAD_Y: f32 = 2.6;
const HEADER_STYLE: TextStyle = TextStyle { font: FontStyle::Bold, size: 8.0, ink: Ink::Black };
const CELL_STYLE: TextStyle = TextStyle { font: FontStyle::Regular, size: 8.8, ink: Ink::Black };
const TOTAL_STYLE: TextStyle = TextStyle { font: FontStyle::Bold, size: 8.8, ink: Ink::Black };
const COMPACT_SIZE: f32 = 8.0;

/// A document being laid out.
pub struct Layout<'f> {
    fonts: &'f Fonts,
    frame: Frame,
    pages: Vec<Vec<Op>>,
    /// Top of the free space on the current page.
    y: f32,
    used: [BTreeSet<char>; 3],
}

impl<'f> Layout<'f> {
    /// Starts a document: the first page with its letterhead and title.
    pub fn new(fonts: &'f Fonts, frame: Frame) -> Layout<'f> {
        let mut l =
            Layout { fonts, frame, pages: vec![vec![]], y: MARGIN_TOP, used: Default::default() };
        l.letterhead();
        l
    }

    /// The fonts.
    pub fn fonts(&self) -> &Fonts {
        self.fonts
    }

    /// Space left on the current page above the footer.
    pub fn remaining(&self) -> f32 {
        PAGE_H - MARGIN_BOTTOM - self.y
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn keep(&mut self, height: f32) {
        if height > self.remaining() {
            self.new_page();
        }
    }

    /// Vertical space.
    pub fn space(&mut self, height: f32) {
        self.y += height;
        if self.y > PAGE_H - MARGIN_BOTTOM {
            self.new_page();
        }
    }

    /// Starts a new page with the running header.
    pub fn new_page(&mut self) {
        self.pages.push(vec![]);
        self.y = MARGIN_TOP;
        let small = TextStyle::SMALL;
        let name = self.fit(&self.frame.office_name.clone(), small, CONTENT_W * 0.62);
        self.text(MARGIN_LEFT, self.y + small.size, small, &name);
        let number = format!("№ {}", self.frame.number);
        let w = self.fonts.width(small.font, small.size, &number);
        self.text(PAGE_W - MARGIN_RIGHT - w, self.y + small.size, small, &number);
        self.y += small.line_height() + 2.0;
        self.hline(self.y, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 0.5, Ink::Accent);
        self.y += 10.0;
        self.duplicate_stamp();
    }

    fn letterhead(&mut self) {
        let state = TextStyle { font: FontStyle::Regular, size: 7.5, ink: Ink::Muted };
        self.centered_line("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ  ·  РЕСПУБЛИКА КАЗАХСТАН", state);
        self.y += 3.0;
        let name = TextStyle { font: FontStyle::Bold, size: 12.5, ink: Ink::Accent };
        let office_name = self.frame.office_name.clone();
        self.paragraph(&office_name, name, Align::Center);
        let region = TextStyle { font: FontStyle::Regular, size: 8.5, ink: Ink::Muted };
        let line = format!(
            "{}  ·  {}: {}",
            self.frame.region,
            crate::text::both("doc-office-code"),
            self.frame.office_code
        );
        self.paragraph(&line, region, Align::Center);
        self.y += 4.0;
        self.hline(self.y, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 1.4, Ink::Accent);
        self.hline(self.y + 2.6, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 0.45, Ink::Accent);
        self.y += 15.0;
        let title = TextStyle { font: FontStyle::Bold, size: 14.0, ink: Ink::Black };
        let kk = self.frame.title_kk.to_uppercase();
        self.paragraph(&kk, title, Align::Center);
        let title_ru = TextStyle { font: FontStyle::Regular, size: 11.0, ink: Ink::Muted };
        let ru = self.frame.title_ru.to_uppercase();
        self.paragraph(&ru, title_ru, Align::Center);
        self.y += 7.0;
        let body = TextStyle::BODY;
        let number = format!("№ {}", self.frame.number);
        let date = crate::text::date(self.frame.issued_on);
        let baseline = self.y + body.size;
        self.text(MARGIN_LEFT, baseline, TextStyle::VALUE, &number);
        let w = self.fonts.width(FontStyle::Bold, body.size, &date);
        self.text(PAGE_W - MARGIN_RIGHT - w, baseline, TextStyle::VALUE, &date);
        self.y += body.line_height() + 9.0;
        self.duplicate_stamp();
    }

    fn duplicate_stamp(&mut self) {
        if !self.frame.duplicate {
            return;
        }
        let style = TextStyle { font: FontStyle::Bold, size: 10.0, ink: Ink::Red };
        let label = "ДУБЛИКАТ / DUPLICATE";
        let w = self.fonts.width(style.font, style.size, label) + 14.0;
        let h = 19.0;
        let x = PAGE_W - MARGIN_RIGHT - w;
        let top = MARGIN_TOP * 0.35;
        self.stroke_rect(x, top, w, h, 1.2, Ink::Red);
        self.stroke_rect(x + 2.0, top + 2.0, w - 4.0, h - 4.0, 0.4, Ink::Red);
        self.text(x + 7.0, top + 13.3, style, label);
    }

    fn centered_line(&mut self, text: &str, style: TextStyle) {
        let w = self.fonts.width(style.font, style.size, text);
        self.text(MARGIN_LEFT + (CONTENT_W - w) / 2.0, self.y + style.size, style, text);
        self.y += style.line_height();
    }

    /// Shortens `text` with an ellipsis to fit `width`.
    fn fit(&self, text: &str, style: TextStyle, width: f32) -> String {
        if self.fonts.width(style.font, style.size, text) <= width {
            return text.to_string();
        }
        let mut out: String = text.to_string();
        while !out.is_empty()
            && self.fonts.width(style.font, style.size, &format!("{out}…")) > width
        {
            out.pop();
        }
        format!("{}…", out.trim_end())
    }

    /// Breaks `text` into lines no wider than `width` (at spaces; `\n` forces a break; a word
    /// wider than the line is broken between letters).
    pub fn wrap(&self, text: &str, style: TextStyle, width: f32) -> Vec<String> {
        let measure = |s: &str| self.fonts.width(style.font, style.size, s);
        let mut lines = vec![];
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let candidate =
                    if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if measure(&candidate) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if measure(word) <= width {
                    line = word.to_string();
                } else {
                    for c in word.chars() {
                        let mut next = line.clone();
                        next.push(c);
                        if measure(&next) > width && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line.push(c);
                        } else {
                            line = next;
                        }
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    /// A paragraph across the text column, wrapped, breaking across pages.
    pub fn paragraph(&mut self, text: &str, style: TextStyle, align: Align) {
        self.paragraph_in(text, style, align, MARGIN_LEFT, CONTENT_W);
    }

    /// A paragraph in a narrower column starting at `x`.
    pub fn paragraph_in(&mut self, text: &str, style: TextStyle, align: Align, x: f32, width: f32) {
        let lh = style.line_height();
        for line in self.wrap(text, style, width) {
            self.keep(lh);
            let w = self.fonts.width(style.font, style.size, &line);
            let lx = match align {
                Align::Left => x,
                Align::Center => x + (width - w) / 2.0,
                Align::Right => x + width - w,
            };
            self.text(lx, self.y + style.size, style, &line);
            self.y += lh;
        }
    }

    /// A paragraph in Kazakh followed by its Russian echo, kept together where they fit.
    pub fn bilingual(&mut self, kk: &str, ru: &str) {
        let h = self.wrap(kk, TextStyle::BODY, CONTENT_W).len() as f32
            * TextStyle::BODY.line_height()
            + self.wrap(ru, TextStyle::ECHO, CONTENT_W).len() as f32
                * TextStyle::ECHO.line_height();
        if h < PAGE_H / 3.0 {
            self.keep(h);
        }
        self.paragraph(kk, TextStyle::BODY, Align::Left);
        self.y += 1.5;
        self.paragraph(ru, TextStyle::ECHO, Align::Left);
        self.y += 7.0;
    }

    /// A section heading: Kazakh in bold, Russian after a slash, with a rule below; kept with
    /// at least `keep_with` points of what follows.
    pub fn heading(&mut self, kk: &str, ru: &str, keep_with: f32) {
        let style = TextStyle { font: FontStyle::Bold, size: 10.5, ink: Ink::Accent };
        let text = crate::text::pair(kk, ru);
        let lines = self.wrap(&text, style, CONTENT_W).len() as f32;
        self.keep(lines * style.line_height() + 6.0 + keep_with);
        self.y += 4.0;
        self.paragraph(&text, style, Align::Left);
        self.hline(self.y + 1.0, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 0.4, Ink::Accent);
        self.y += 7.0;
    }

    /// Label–value lines: the bilingual label small and muted on the left, the value bold on
    /// the right; both wrap.
    pub fn fields(&mut self, rows: &[(String, String)]) {
        let label_w = CONTENT_W * 0.42;
        let gap = 10.0;
        let value_w = CONTENT_W - label_w - gap;
        for (label, value) in rows {
            let ll = self.wrap(label, TextStyle::LABEL, label_w);
            let vl = self.wrap(value, TextStyle::VALUE, value_w);
            let h = (ll.len() as f32 * TextStyle::LABEL.line_height())
                .max(vl.len() as f32 * TextStyle::VALUE.line_height());
            self.keep(h + 2.5);
            // Labels and values share a first baseline.
            let base = self.y + TextStyle::VALUE.size;
            for (i, line) in ll.iter().enumerate() {
                let y = base + i as f32 * TextStyle::LABEL.line_height();
                self.text(MARGIN_LEFT, y, TextStyle::LABEL, line);
            }
            for (i, line) in vl.iter().enumerate() {
                let y = base + i as f32 * TextStyle::VALUE.line_height();
                self.text(MARGIN_LEFT + label_w + gap, y, TextStyle::VALUE, line);
            }
            self.y += h + 1.5;
            self.hline(self.y, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 0.25, Ink::Muted);
            self.y += 2.5;
        }
        self.y += 5.0;
    }

    /// A table with a grid; the header row repeats on every page; rows move to the next page
    /// whole when they fit on one, else break between their lines.
    pub fn table(&mut self, table: &Table) {
        let (cell, total_style) = if table.compact {
            (
                TextStyle { size: COMPACT_SIZE, ..CELL_STYLE },
                TextStyle { size: COMPACT_SIZE, ..TOTAL_STYLE },
            )
        } else {
            (CELL_STYLE, TOTAL_STYLE)
        };
        let total: f32 = table.columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = table.columns.iter().map(|c| c.share / total * CONTENT_W).collect();
        let wrap_row = |l: &Self, cells: &[String], style: TextStyle| -> Vec<Vec<String>> {
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let text = cells.get(i).map(String::as_str).unwrap_or("");
                    l.wrap(text, style, w - 2.0 * CELL_PAD_X)
                })
                .collect()
        };
        let header = wrap_row(self, &table.header, HEADER_STYLE);
        let header_h = row_height(&header, HEADER_STYLE);
        let first_row_h = table
            .rows
            .first()
            .map(|r| row_height(&wrap_row(self, &r.cells, cell), cell))
            .unwrap_or(0.0);
        let whole = header_h
            + table
                .rows
                .iter()
                .map(|r| {
                    let style = if r.total { total_style } else { cell };
                    row_height(&wrap_row(self, &r.cells, style), style)
                })
                .sum::<f32>();
        // A short table is kept on one page; a long one starts where its header and first row fit.
        if whole < PAGE_H / 3.0 {
            self.keep(whole);
        } else {
            self.keep(header_h + first_row_h.min(PAGE_H / 4.0));
        }
        self.draw_row(&widths, &table.columns, &header, HEADER_STYLE, true);
        for row in &table.rows {
            let style = if row.total { total_style } else { cell };
            let mut lines = wrap_row(self, &row.cells, style);
            loop {
                let h = row_height(&lines, style);
                if h <= self.remaining() {
                    self.draw_row(&widths, &table.columns, &lines, style, row.total);
                    break;
                }
                let page_room = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - header_h - 40.0;
                let fit = ((self.remaining() - 2.0 * CELL_PAD_Y) / style.line_height()).floor();
                if h <= page_room || fit < 1.0 {
                    self.new_page();
                    self.draw_row(&widths, &table.columns, &header, HEADER_STYLE, true);
                    continue;
                }
                // A row taller than a page: what fits here, the rest on the next page.
                let n = fit as usize;
                let head: Vec<Vec<String>> =
                    lines.iter().map(|c| c.iter().take(n).cloned().collect()).collect();
                lines = lines.iter().map(|c| c.iter().skip(n).cloned().collect()).collect();
                self.draw_row(&widths, &table.columns, &head, style, row.total);
                self.new_page();
                self.draw_row(&widths, &table.columns, &header, HEADER_STYLE, true);
            }
        }
        self.y += 10.0;
    }

    fn draw_row(
        &mut self,
        widths: &[f32],
        columns: &[Column],
        lines: &[Vec<String>],
        style: TextStyle,
        shaded: bool,
    ) {
        let h = row_height(lines, style);
        let top = self.y;
        if shaded {
            self.fill_rect(MARGIN_LEFT, top, CONTENT_W, h, rgb(0.91, 0.93, 0.96));
        }
        let mut x = MARGIN_LEFT;
        for (i, w) in widths.iter().enumerate() {
            let align = columns.get(i).map(|c| c.align).unwrap_or(Align::Left);
            for (n, line) in lines.get(i).into_iter().flatten().enumerate() {
                let tw = self.fonts.width(style.font, style.size, line);
                let lx = match align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Center => x + (w - tw) / 2.0,
                    Align::Right => x + w - CELL_PAD_X - tw,
                };
                let baseline = top + CELL_PAD_Y + style.size + n as f32 * style.line_height();
                self.text(lx, baseline, style, line);
            }
            x += w;
        }
        // The grid: top, bottom and the verticals of this row.
        let grid = Ink::Muted;
        self.hline(top, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 0.45, grid);
        self.hline(top + h, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 0.45, grid);
        let mut x = MARGIN_LEFT;
        self.vline(x, top, top + h, 0.45, grid);
        for w in widths {
            x += w;
            self.vline(x, top, top + h, 0.45, grid);
        }
        self.y += h;
    }

    /// The closing block, kept on one page: signature lines on the left (role, a line to sign
    /// on, the name), "М.О. / М.П." below them, the QR seal on the right, and the seal's caption
    /// under the signatures.
    pub fn closing(
        &mut self,
        signatures: &[(String, String)],
        qr: &QrMatrix,
        caption: &[(String, TextStyle)],
    ) {
        let size = 38.0 * MM;
        let left_w = CONTENT_W - size - 16.0;
        let mut wrapped = vec![];
        for (text, style) in caption {
            for line in self.wrap(text, *style, left_w) {
                wrapped.push((line, *style));
            }
        }
        let caption_h: f32 = wrapped.iter().map(|(_, s)| s.line_height()).sum();
        let row_h = 27.0;
        let signs_h = signatures.len() as f32 * row_h + 22.0;
        let height = (signs_h + caption_h).max(size) + 6.0;
        self.keep(height + 6.0);
        self.y += 6.0;
        let top = self.y;

        // Signatures.
        let line_x = MARGIN_LEFT + left_w * 0.31;
        let line_end = line_x + left_w * 0.24;
        let name_style = TextStyle { size: 9.5, ..TextStyle::VALUE };
        let hint = TextStyle { font: FontStyle::Italic, size: 6.5, ink: Ink::Muted };
        let sign = crate::text::both("doc-signature");
        let sw = self.fonts.width(hint.font, hint.size, &sign);
        let mut y = top;
        for (role, name) in signatures {
            let base = y + 14.0;
            // A bilingual role on two lines: Kazakh, then Russian.
            let (first, second) = role.split_once(" / ").unwrap_or((role.as_str(), ""));
            let role_w = line_x - MARGIN_LEFT - 6.0;
            let first = self.fit(first, TextStyle::LABEL, role_w);
            self.text(MARGIN_LEFT, base - 4.0, TextStyle::LABEL, &first);
            let second = self.fit(second, TextStyle::LABEL, role_w);
            self.text(MARGIN_LEFT, base + 6.5, TextStyle::LABEL, &second);
            self.hline(base + 2.0, line_x, line_end, 0.5, Ink::Black);
            self.text(line_x + (line_end - line_x - sw) / 2.0, base + 9.5, hint, &sign);
            let nx = line_end + 8.0;
            let name = self.fit(name, name_style, MARGIN_LEFT + left_w - nx);
            self.text(nx, base, name_style, &name);
            y += row_h;
        }
        let stamp = crate::text::both("doc-stamp-place");
        self.text(MARGIN_LEFT, y + 7.0, TextStyle::SMALL, &stamp);
        y += 22.0;

        // The seal's caption under the signatures.
        for (line, style) in wrapped {
            self.text(MARGIN_LEFT, y + style.size, style, &line);
            y += style.line_height();
        }

        // The QR code at the right margin.
        let qr_x = PAGE_W - MARGIN_RIGHT - size;
        let module = size / qr.width as f32;
        let mut ops = vec![Op::SetFillColor { col: rgb(0.0, 0.0, 0.0) }];
        for (row, col, len) in qr.runs() {
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(qr_x + col as f32 * module),
                    y: Pt(PAGE_H - (top + (row + 1) as f32 * module)),
                    width: Pt(len as f32 * module),
                    height: Pt(module),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
        self.ops().extend(ops);
        self.y = top + height;
    }

    /// Finishes: footers with page numbers, fonts subset and embedded, the PDF written with a
    /// file identifier derived from `identity` (so equal input gives equal bytes).
    pub fn finish(mut self, identity: &str) -> Result<Vec<u8>, PrintError> {
        let total = self.pages.len();
        for index in 0..total {
            self.footer(index, total);
        }
        let title = format!("{} {}", self.frame.title_ru, self.frame.number);
        let mut doc = PdfDocument::new(&title);
        let midnight =
            self.frame.issued_on.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()).unwrap_or(0);
        if let Ok(at) = printpdf::OffsetDateTime::from_unix_timestamp(midnight) {
            doc.metadata.info.creation_date = at;
            doc.metadata.info.modification_date = at;
            doc.metadata.info.metadata_date = at;
        }
        doc.metadata.info.producer = "Otau".into();
        doc.metadata.info.creator = "Otau".into();
        doc.metadata.info.author = self.frame.office_name.clone();
        doc.metadata.info.subject = self.frame.number.clone();
        for style in FontStyle::ALL {
            let chars = &self.used[style_index(style)];
            if chars.is_empty() {
                continue;
            }
            let font = self.fonts.subset(style, chars)?;
            doc.resources
                .fonts
                .map
                .insert(FontId(style.subset_tag().to_string()), PdfFont::new(font));
        }
        doc.pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|ops| PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops))
            .collect();
        let opts = PdfSaveOptions {
            optimize: true,
            subset_fonts: false,
            secure: true,
            image_optimization: None,
        };
        let mut lo = doc.to_lopdf_document(&opts, &mut Vec::new());
        // printpdf draws the file identifier from a process-wide counter; ours is derived from
        // the document, so the same document is the same file.
        let id = Sha256::digest(identity.as_bytes())[..16].to_vec();
        lo.trailer.set(
            "ID",
            lopdf::Object::Array(vec![
                lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
                lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
            ]),
        );
        lo.compress();
        let mut out = vec![];
        lo.save_to(&mut out)
            .map_err(|e| PrintError::Subset { name: "pdf".into(), detail: e.to_string() })?;
        Ok(out)
    }

    fn footer(&mut self, index: usize, total: usize) {
        let page = self.pages.len();
        // Write into page `index` by swapping it to the end temporarily.
        self.pages.swap(index, page - 1);
        let style = TextStyle::SMALL;
        let base = PAGE_H - MARGIN_BOTTOM * 0.45;
        self.hline(base - style.size - 4.0, MARGIN_LEFT, PAGE_W - MARGIN_RIGHT, 0.4, Ink::Muted);
        let n = (index + 1).to_string();
        let t = total.to_string();
        let left = format!(
            "{}  ·  {}",
            crate::text::with(
                otau_i18n::Lang::Kk,
                "doc-page-of",
                &[("n", n.clone()), ("total", t.clone())]
            ),
            crate::text::with(otau_i18n::Lang::Ru, "doc-page-of", &[("n", n), ("total", t)])
        );
        self.text(MARGIN_LEFT, base, style, &left);
        let right = format!("№ {}", self.frame.number);
        let w = self.fonts.width(style.font, style.size, &right);
        self.text(PAGE_W - MARGIN_RIGHT - w, base, style, &right);
        self.pages.swap(index, page - 1);
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(vec![]);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Text at `x` with its baseline at `baseline` (both from the top-left of the page).
    fn text(&mut self, x: f32, baseline: f32, style: TextStyle, text: &str) {
        if text.is_empty() {
            return;
        }
        self.used[style_index(style.font)].extend(text.chars());
        let font = FontId(style.font.subset_tag().to_string());
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(style.size) },
            Op::SetFillColor { col: style.ink.color() },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(PAGE_H - baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    fn hline(&mut self, y: f32, x0: f32, x1: f32, thickness: f32, ink: Ink) {
        self.line(x0, y, x1, y, thickness, ink);
    }

    fn vline(&mut self, x: f32, y0: f32, y1: f32, thickness: f32, ink: Ink) {
        self.line(x, y0, x, y1, thickness, ink);
    }

    fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, thickness: f32, ink: Ink) {
        let p =
            |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_H - y) }, bezier: false };
        self.ops().extend([
            Op::SetOutlineColor { col: ink.color() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![p(x0, y0), p(x1, y1)], is_closed: false } },
        ]);
    }

    fn stroke_rect(&mut self, x: f32, top: f32, w: f32, h: f32, thickness: f32, ink: Ink) {
        let p =
            |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_H - y) }, bezier: false };
        self.ops().extend([
            Op::SetOutlineColor { col: ink.color() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![p(x, top), p(x + w, top), p(x + w, top + h), p(x, top + h)],
                    is_closed: true,
                },
            },
        ]);
    }

    fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, color: Color) {
        self.ops().extend([
            Op::SetFillColor { col: color },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(PAGE_H - top - h),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
        ]);
    }
}

fn style_index(style: FontStyle) -> usize {
    match style {
        FontStyle::Regular => 0,
        FontStyle::Bold => 1,
        FontStyle::Italic => 2,
    }
}

fn row_height(lines: &[Vec<String>], style: TextStyle) -> f32 {
    let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    n as f32 * style.line_height() + 2.0 * CELL_PAD_Y
}
