//! The text renderer: any [`Document`] as plain text for a terminal: the title, figures
//! with their labels aligned, tables in fixed-width columns under a dashed rule (widths by
//! the terminal's columns, so Vietnamese lines up), lists indented. Charts are left out:
//! their numbers are in the tables.

use crate::model::text::Lang;
use crate::report::document::{Block, Cell, Document, Kind, Medium, Table};

/// A document as plain text.
///
/// ```
/// use par_index::report::document::{Block, Cell, Column, Document, Row, Table};
/// use par_index::report::out::to_text;
/// let mut t = Table::new("T", vec![Column::code("Mã"), Column::points("Điểm")]);
/// t.rows.push(Row::new(vec![Cell::text("1.1"), Cell::Points(rust_decimal::Decimal::new(25, 1))]));
/// let mut doc = Document::new("Bảng", par_index::Lang::Vi);
/// doc.blocks.push(Block::Table(t));
/// assert_eq!(to_text(&doc), "Bảng\n\nMã   Điểm\n---------\n1.1   2,5\n");
/// ```
#[must_use]
pub fn to_text(doc: &Document) -> String {
    let lang = doc.lang;
    let mut o = format!("{}\n", doc.title);
    for m in &doc.meta {
        o.push_str(m);
        o.push('\n');
    }
    // A section's heading sits on the line above its first block.
    let mut under_heading = false;
    for block in doc.blocks.iter().filter_map(|b| b.for_medium(Medium::Text)) {
        let shown = match block {
            Block::Section(s) | Block::Heading(_, s) => format!("{s}\n"),
            Block::Facts(facts) | Block::Headline(facts) if doc.compact => facts
                .iter()
                .map(|f| match &f.value {
                    Cell::Empty => format!("{}:\n", f.label),
                    v => format!("{}: {}\n", f.label, v.shown(lang)),
                })
                .collect(),
            Block::Facts(facts) | Block::Headline(facts) => {
                let kw = facts.iter().map(|f| width(&f.label)).max().unwrap_or(0);
                facts
                    .iter()
                    .map(|f| {
                        format!(
                            "{}  {}\n",
                            pad(&format!("{}:", f.label), kw.saturating_add(1), false),
                            f.value.shown(lang)
                        )
                    })
                    .collect()
            }
            Block::Table(t) => grid(t, lang),
            Block::Paragraph(s) | Block::Note(s) => format!("{s}\n"),
            Block::List(items) => items.iter().map(|i| format!("  - {i}\n")).collect(),
            Block::Lines(lines) => lines.iter().map(|l| format!("  {l}\n")).collect(),
            Block::Bars(_)
            | Block::HeatMap(_)
            | Block::Legend(_)
            | Block::PageBreak
            | Block::Only(..) => continue,
        };
        if !std::mem::take(&mut under_heading) && !doc.compact {
            o.push('\n');
        }
        under_heading = matches!(block, Block::Section(_) | Block::Heading(..));
        o.push_str(&shown);
    }
    crate::model::text::into_printable(o)
}

/// A table in fixed-width columns (the columns a terminal shows) under a dashed rule.
pub(crate) fn grid(t: &Table, lang: Lang) -> String {
    let columns: Vec<usize> = (0..t.columns.len())
        .filter(|c| t.columns.get(*c).is_some_and(|c| c.in_text))
        .collect();
    let pick = |cells: Vec<String>| -> Vec<String> {
        columns
            .iter()
            .map(|c| cells.get(*c).cloned().unwrap_or_default())
            .collect()
    };
    let mut rows = vec![pick(t.columns.iter().map(|c| c.head.clone()).collect())];
    rows.extend(
        t.rows
            .iter()
            .map(|r| pick(r.cells.iter().map(|c| one_line(&c.shown(lang))).collect())),
    );
    let right: Vec<bool> = columns
        .iter()
        .map(|c| t.columns.get(*c).is_some_and(|c| c.kind == Kind::Number))
        .collect();
    table(&rows, &right)
}

/// A cell on one line: its line breaks as spaces, so that no cell can end a row.
fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.replace("\r\n", " ").replace(['\n', '\r'], " ")
    } else {
        s.to_owned()
    }
}

/// The width of text in a terminal's columns (combining marks take none, wide characters
/// two): every table of every report pads by it.
pub(crate) fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Text padded to `w` columns, on the left when `right`.
pub(crate) fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

pub(crate) fn table(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut o = String::new();
    for (i, r) in rows.iter().enumerate() {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, s)| {
                pad(
                    s,
                    widths.get(c).copied().unwrap_or(0),
                    right.get(c).copied().unwrap_or(false),
                )
            })
            .collect();
        o.push_str(cells.join("  ").trim_end());
        o.push('\n');
        if i == 0 {
            let total = widths
                .iter()
                .fold(0usize, |a, w| a.saturating_add(*w))
                .saturating_add(widths.len().saturating_sub(1).saturating_mul(2));
            o.push_str(&"-".repeat(total));
            o.push('\n');
        }
    }
    o
}
