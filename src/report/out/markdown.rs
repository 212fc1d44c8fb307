//! The Markdown renderer: any [`Document`] as Markdown: the title as `#`, sections as
//! `##`, figures as a bold-labelled list, tables with numeric columns aligned right and
//! totals in bold. Every cell is made safe for one table cell. Charts are left out: their
//! numbers are in the tables.

use crate::model::text::Lang;
use crate::report::document::{Block, Cell, Document, Kind, Medium, Table};

/// A document as Markdown.
///
/// ```
/// use par_index::report::document::{Block, Document, Fact};
/// use par_index::report::out::to_markdown;
/// let mut doc = Document::new("Gaps", par_index::Lang::En);
/// doc.blocks.push(Block::Facts(vec![Fact::new("Index", "95.29%")]));
/// assert_eq!(to_markdown(&doc), "# Gaps\n\n- **Index:** 95.29%\n");
/// ```
#[must_use]
pub fn to_markdown(doc: &Document) -> String {
    let lang = doc.lang;
    let mut o = format!("# {}\n", doc.title);
    if !doc.meta.is_empty() {
        o.push('\n');
        for m in &doc.meta {
            o.push_str(&format!("- {m}\n"));
        }
    }
    for block in doc
        .blocks
        .iter()
        .filter_map(|b| b.for_medium(Medium::Markdown))
    {
        let shown = match block {
            Block::Section(s) => format!("## {s}\n"),
            Block::Heading(level, s) => {
                format!("{} {s}\n", "#".repeat(usize::from(*level).clamp(1, 6)))
            }
            Block::Facts(facts) | Block::Headline(facts) => facts
                .iter()
                .map(|f| format!("- **{}:** {}\n", f.label, f.value.shown(lang)))
                .collect(),
            Block::Table(t) => table(t, lang),
            Block::Paragraph(s) => format!("{s}\n"),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {}\n", md_item(i)))
                .collect(),
            Block::Lines(lines) => lines.iter().map(|l| format!("{l}  \n")).collect(),
            Block::Note(s) => format!("_{s}_\n"),
            Block::Bars(_)
            | Block::HeatMap(_)
            | Block::Legend(_)
            | Block::PageBreak
            | Block::Only(..) => continue,
        };
        o.push('\n');
        o.push_str(&shown);
    }
    crate::model::text::into_printable(o)
}

/// A table: numeric columns aligned right, emphasised rows in bold.
pub(crate) fn table(t: &Table, lang: Lang) -> String {
    let head: Vec<&str> = t.columns.iter().map(|c| c.head.as_str()).collect();
    let rule: Vec<&str> = t
        .columns
        .iter()
        .map(|c| {
            if c.kind == Kind::Number {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let mut s = format!("| {} |\n|{}|\n", head.join(" | "), rule.join("|"));
    for r in &t.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                let shown = md(c, lang);
                if r.emphasis {
                    format!("**{shown}**")
                } else {
                    shown
                }
            })
            .collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    s
}

/// A cell in Markdown: words made safe for one table cell, a cell that stands out in bold.
fn md(c: &Cell, lang: Lang) -> String {
    match c {
        Cell::Text(x) | Cell::Band { label: x, .. } => md_cell(x),
        Cell::Strong(inner) => format!("**{}**", md(inner, lang)),
        other => other.shown(lang),
    }
}

/// A list item: `|` escaped as in a cell, a line break continuing the item on an indented
/// line (so that no text can end the list or start a block of its own).
fn md_item(s: &str) -> String {
    crate::model::text::printable(s)
        .replace('|', "\\|")
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\n  ")
}

/// A Markdown table cell: `|` escaped, line breaks as spaces (so that no text can end a row
/// or add one), control and invisible characters escaped ([`crate::report::words::printable`]).
pub(crate) fn md_cell(s: &str) -> String {
    crate::model::text::printable(s)
        .replace('|', "\\|")
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
}
