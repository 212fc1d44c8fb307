//! The CSV renderer: the first table of a [`Document`] that CSV shows, as RFC 4180 lines
//! (CRLF), decimals written with a point as the data holds them (a spreadsheet of any
//! locale reads them), every cell made safe to open. A table for people (a heading with
//! Vietnamese words) starts with a byte-order mark so that spreadsheet programs read the
//! text as UTF-8; a table for programs (ASCII keys) does not.

use crate::report::document::{Block, Cell, Document, Medium, Table};

/// A document's first table as CSV (an empty string when it has none).
///
/// ```
/// use par_index::report::document::{Block, Cell, Column, Document, Row, Table};
/// use par_index::report::out::to_csv;
/// let mut t = Table::new("T", vec![Column::code("Mã"), Column::points("Điểm")]);
/// t.rows.push(Row::new(vec![Cell::text("1.1"), Cell::Points(rust_decimal::Decimal::new(25, 1))]));
/// let mut doc = Document::new("Bảng", par_index::Lang::Vi);
/// doc.blocks.push(Block::Table(t));
/// assert_eq!(to_csv(&doc), "\u{feff}Mã,Điểm\r\n1.1,2.5\r\n");
/// ```
#[must_use]
pub fn to_csv(doc: &Document) -> String {
    doc.blocks
        .iter()
        .filter_map(|b| b.for_medium(Medium::Csv))
        .find_map(|b| match b {
            Block::Table(t) => Some(table(t)),
            _ => None,
        })
        .unwrap_or_default()
}

fn table(t: &Table) -> String {
    let head: Vec<&str> = t.columns.iter().map(|c| c.head.as_str()).collect();
    let mut o = String::new();
    if !head.iter().all(|h| h.is_ascii()) {
        o.push('\u{feff}');
    }
    o.push_str(&csv_line(&head));
    for r in &t.rows {
        let cells: Vec<String> = r.cells.iter().map(value).collect();
        o.push_str(&csv_line(
            &cells.iter().map(String::as_str).collect::<Vec<_>>(),
        ));
    }
    o
}

/// A cell as the data holds it: decimals with a point, ranks with `=` for a tie.
fn value(c: &Cell) -> String {
    match c {
        Cell::Text(s) | Cell::Band { label: s, .. } => s.clone(),
        Cell::Points(x) | Cell::Change(x) | Cell::Signed(x) | Cell::Percent(x) => x.to_string(),
        Cell::Count(n) => n.to_string(),
        Cell::Rank { rank, tied } => format!("{rank}{}", if *tied { "=" } else { "" }),
        Cell::Of(p, m) => format!("{p}/{m}"),
        Cell::Strong(inner) => value(inner),
        Cell::Empty => String::new(),
    }
}

/// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted.
pub(crate) fn csv_line(fields: &[&str]) -> String {
    let mut o = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        let f = csv_safe(f);
        if f.contains([',', '"', '\n', '\r']) {
            o.push('"');
            o.push_str(&f.replace('"', "\"\""));
            o.push('"');
        } else {
            o.push_str(&f);
        }
    }
    o.push_str("\r\n");
    o
}

/// A CSV cell that a spreadsheet cannot run (the OWASP rule): text that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`, unless it is a number (`-1.5`, a
/// change the program wrote); control and invisible characters are escaped.
pub(crate) fn csv_safe(f: &str) -> std::borrow::Cow<'_, str> {
    let risky = f.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && crate::model::exact::parse_decimal(f).is_err();
    match (risky, crate::model::text::printable(f)) {
        (true, text) => std::borrow::Cow::Owned(format!("'{text}")),
        (false, text) => text,
    }
}
