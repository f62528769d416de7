//! Output for people (aligned tables, label–value lists) and for programs (one JSON document).

use serde::Serialize;
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Text from the records as a terminal may show it: a control character or a text-direction
/// override (refused at entry, but a record may come from an older database or another
/// device) is written out as `\u{1b}` instead of reaching the terminal, where it could move
/// the cursor, rewrite the screen or reverse what follows.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(otau_core::validate::is_forbidden_in_text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if otau_core::validate::is_forbidden_in_text(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Prints one JSON document.
pub fn json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}

/// A table with a header row, columns aligned by display width (Cyrillic and Latin alike).
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these headings.
    pub fn new(header: Vec<String>) -> Table {
        Table { header, rows: vec![] }
    }

    /// Adds a row; what a cell holds is [`shown`] safely.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(|c| shown(&c).into_owned()).collect());
    }

    /// Renders the table.
    pub fn render(&self) -> String {
        let cols = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let line = |cells: &[String]| -> String {
            let mut out = String::new();
            for (i, cell) in cells.iter().enumerate().take(cols) {
                out.push_str(cell);
                if i + 1 < cols {
                    out.push_str(&" ".repeat(widths[i].saturating_sub(cell.width()) + 2));
                }
            }
            out.trim_end().to_string()
        };
        let mut out = vec![line(&self.header)];
        out.push(widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  "));
        for row in &self.rows {
            out.push(line(row));
        }
        out.join("\n")
    }
}

/// Prints label–value pairs aligned on the labels.
pub fn pairs(items: &[(String, String)]) {
    let width = items.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
    for (label, value) in items {
        println!("{label}{}  {}", " ".repeat(width - label.width()), shown(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width_across_scripts() {
        let mut t = Table::new(vec!["№".into(), "Аты".into()]);
        t.row(vec!["PVL01-2026-00001".into(), "Сейітқали Нұрсұлтан".into()]);
        t.row(vec!["X".into(), "Ә".into()]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "№                 Аты");
        assert_eq!(lines[3], "X                 Ә");
    }

    #[test]
    fn finding_8_control_and_direction_characters_from_the_records_never_reach_the_terminal() {
        assert_eq!(shown("Сейітқали"), "Сейітқали");
        assert_eq!(shown("A\u{1b}[2J\u{0}B\u{202e}C"), "A\\u{1b}[2J\\u{0}B\\u{202e}C");
        let mut t = Table::new(vec!["Аты".into()]);
        t.row(vec!["Әлия\u{1b}]0;x\u{7}".into()]);
        let text = t.render();
        assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
        assert!(text.contains("Әлия\\u{1b}]0;x\\u{7}"), "{text:?}");
    }
}
