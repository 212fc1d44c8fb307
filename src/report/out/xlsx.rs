//! The Excel renderer: any [`Document`] as a workbook, one sheet per table (the figures on
//! a sheet of their own, first), each with the document's title, a header row repeated on
//! every printed page, rows as tall as their wrapped text, numbers as Excel numbers
//! (decimals exactly, as `report/form.rs` writes them) and ranks as numbers with ties shown
//! by the cell's format. The same document gives the same bytes. Charts are left out: their
//! numbers are in the tables.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::error::Error;
use crate::report::document::{Block, Cell, Document, Medium};
use crate::report::form::write_decimal;
use crate::report::labels::{Label, label};

/// A document as an Excel workbook (`.xlsx` bytes).
///
/// # Errors
///
/// [`Error::Output`] when the writer refuses the workbook (a failure of the output, not of
/// any input).
///
/// ```
/// use par_index::report::document::{Block, Cell, Column, Document, Row, Table};
/// use par_index::report::out::to_xlsx;
/// let mut t = Table::new("Items", vec![Column::code("Code"), Column::points("Lost")]);
/// t.rows.push(Row::new(vec![Cell::text("1.1"), Cell::Points(rust_decimal::Decimal::ONE)]));
/// let mut doc = Document::new("Gaps", par_index::Lang::En);
/// doc.blocks.push(Block::Table(t));
/// assert_eq!(&to_xlsx(&doc).unwrap()[..2], b"PK");
/// ```
pub fn to_xlsx(doc: &Document) -> Result<Vec<u8>, Error> {
    let s = Styles::new();
    let mut wb = workbook(&doc.title).map_err(excel_error)?;
    let mut names: Vec<String> = Vec::new();
    let blocks: Vec<&Block> = doc
        .blocks
        .iter()
        .filter_map(|b| b.for_medium(Medium::Excel))
        .collect();
    // Everything but the tables, in order, on the first sheet: the lines under the title,
    // the figures, and each list or paragraph under its section's heading.
    let mut summary = Table::new(
        &sheet_name(label(Label::SummarySheet, doc.lang), &mut names),
        doc.title.clone(),
        &[("", 34), ("", 60)],
    );
    for m in &doc.meta {
        summary.push(vec![V::Text(m.clone()), V::Blank], false);
    }
    let mut section = String::new();
    for b in &blocks {
        match b {
            Block::Section(h) | Block::Heading(_, h) => section.clone_from(h),
            Block::Facts(facts) | Block::Headline(facts) => {
                for f in facts {
                    summary.push(
                        vec![V::Text(f.label.clone()), value(&f.value, doc.lang)],
                        false,
                    );
                }
            }
            Block::List(lines) | Block::Lines(lines) => {
                for l in lines {
                    summary.push(vec![V::Text(section.clone()), V::Text(l.clone())], false);
                }
            }
            Block::Paragraph(p) | Block::Note(p) => {
                summary.push(vec![V::Text(section.clone()), V::Text(p.clone())], false);
            }
            _ => {}
        }
    }
    if !summary.rows.is_empty() {
        sheet(&mut wb, &summary, &s).map_err(excel_error)?;
    }
    for b in &blocks {
        let Block::Table(table) = b else { continue };
        let head: Vec<(&str, u16)> = table
            .columns
            .iter()
            .map(|c| (c.head.as_str(), c.width))
            .collect();
        let mut t = Table::new(
            &sheet_name(&table.name, &mut names),
            doc.title.clone(),
            &head,
        );
        t.frozen = table.frozen;
        t.scaled = (0..table.columns.len())
            .filter(|c| table.columns.get(*c).is_some_and(|c| c.scale))
            .filter_map(|c| u16::try_from(c).ok())
            .collect();
        for r in &table.rows {
            t.push(
                r.cells.iter().map(|c| value(c, doc.lang)).collect(),
                r.emphasis,
            );
        }
        sheet(&mut wb, &t, &s).map_err(excel_error)?;
    }
    done(&mut wb)
}

/// A sheet's name as Excel takes it: none of `[]:*?/\'`, at most 31 characters, unlike
/// every name already given (Excel compares them without case).
fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '-' } else { c })
        .take(27)
        .collect();
    let mut n = clean.clone();
    let mut k = 1u32;
    while taken.iter().any(|x| x.to_lowercase() == n.to_lowercase()) {
        k = k.saturating_add(1);
        n = format!("{clean} {k}");
    }
    taken.push(n.clone());
    n
}

/// A document's cell as an Excel value.
fn value(c: &Cell, lang: crate::model::text::Lang) -> V {
    match c {
        Cell::Points(x) => V::Num(*x),
        Cell::Count(n) => V::Int(*n),
        Cell::Rank { rank, tied } => V::Rank {
            rank: *rank,
            tied: *tied,
        },
        Cell::Percent(x) => V::Percent(*x),
        Cell::Change(x) | Cell::Signed(x) => V::Num(*x),
        Cell::Strong(inner) => value(inner, lang),
        Cell::Empty => V::Blank,
        Cell::Band { label, place, of } => V::Filled(label.clone(), band_color(*place, *of)),
        Cell::Text(_) | Cell::Of(..) => V::Text(c.shown(lang)),
    }
}

/// The fill of a band by its place among the bands, best first: green to red.
pub(crate) fn band_color(place: usize, bands: usize) -> Color {
    const SCALE: [u32; 5] = [
        0x00C6_EFCE,
        0x00E2_F0D9,
        0x00FF_F2CC,
        0x00FC_E4D6,
        0x00FF_C7CE,
    ];
    let last = bands.saturating_sub(1).max(1);
    let i = place
        .saturating_mul(SCALE.len().saturating_sub(1))
        .checked_div(last)
        .unwrap_or(0);
    Color::RGB(SCALE.get(i).copied().unwrap_or(0x00FF_FFFF))
}

/// A cell of an output table.
pub(crate) enum V {
    Text(String),
    Num(Decimal),
    Int(usize),
    /// A rank: a number (so that a column of ranks sorts as numbers), a tie shown by the
    /// cell's format (`14=`).
    Rank {
        rank: usize,
        tied: bool,
    },
    /// A percentage: the number, shown with `%`.
    Percent(Decimal),
    /// Text on a coloured fill (a band).
    Filled(String, Color),
    Blank,
}

/// One sheet: a title row, a header row and rows; `bold` rows (areas) in bold.
pub(crate) struct Table {
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) head: Vec<String>,
    pub(crate) widths: Vec<u16>,
    pub(crate) rows: Vec<Vec<V>>,
    pub(crate) bold: Vec<bool>,
    /// The columns coloured as a scale, low to high.
    pub(crate) scaled: Vec<u16>,
    /// The columns that stay in view when the rest scroll.
    pub(crate) frozen: u16,
}

impl Table {
    pub(crate) fn new(name: &str, title: String, head: &[(&str, u16)]) -> Table {
        Table {
            name: name.to_owned(),
            title,
            head: head.iter().map(|(h, _)| (*h).to_owned()).collect(),
            widths: head.iter().map(|(_, w)| *w).collect(),
            rows: Vec::new(),
            bold: Vec::new(),
            scaled: Vec::new(),
            frozen: 0,
        }
    }

    pub(crate) fn push(&mut self, row: Vec<V>, bold: bool) {
        self.rows.push(row);
        self.bold.push(bold);
    }
}

pub(crate) struct Styles {
    pub(crate) title: Format,
    pub(crate) head: Format,
    pub(crate) cell: Format,
    pub(crate) bold: Format,
    pub(crate) num: Format,
    pub(crate) num_bold: Format,
    /// A rank, and a rank shared with another unit (shown `14=`).
    pub(crate) rank: Format,
    pub(crate) rank_tied: Format,
    /// A percentage, `95.29%` (the number is 95.29, not 0.9529).
    pub(crate) percent: Format,
}

impl Styles {
    pub(crate) fn new() -> Styles {
        let base = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            head: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00D9_E1F2)),
            bold: base.clone().set_bold(),
            num: base.clone().set_num_format("0.##"),
            num_bold: base.clone().set_num_format("0.##").set_bold(),
            rank: base.clone().set_num_format("0"),
            rank_tied: base.clone().set_num_format("0\"=\""),
            percent: base.clone().set_num_format("0.##\"%\""),
            cell: base,
        }
    }
}

pub(crate) fn workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("par-index")
            .set_creation_datetime(&created),
    );
    Ok(wb)
}

/// Write a table on a new sheet; returns the sheet for extra formatting.
pub(crate) fn sheet<'w>(
    wb: &'w mut Workbook,
    table: &Table,
    s: &Styles,
) -> Result<&'w mut Worksheet, XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(table.name.as_str())?;
    ws.write_string_with_format(0, 0, table.title.as_str(), &s.title)?;
    // Each row as tall as its tallest wrapped cell, so that the printout reads.
    let mut heights = crate::report::rows::Heights::default();
    for (i, (h, w)) in table.head.iter().zip(&table.widths).enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(2, col, h.as_str(), &s.head)?;
        ws.set_column_width(col, *w)?;
        heights.note(2, h, *w, true);
    }
    for (r, (row, bold)) in table.rows.iter().zip(&table.bold).enumerate() {
        let r = u32::try_from(r).unwrap_or(u32::MAX).saturating_add(3);
        for (i, v) in row.iter().enumerate() {
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            let (text_style, num_style) = if *bold {
                (&s.bold, &s.num_bold)
            } else {
                (&s.cell, &s.num)
            };
            match v {
                V::Text(x) => {
                    ws.write_string_with_format(r, col, x.as_str(), text_style)?;
                    if let Some(w) = table.widths.get(i) {
                        heights.note(r, x, *w, *bold);
                    }
                }
                V::Rank { rank, tied } => {
                    let style = if *tied { &s.rank_tied } else { &s.rank };
                    let n = u32::try_from(*rank).unwrap_or(u32::MAX);
                    ws.write_number_with_format(r, col, n, style)?;
                }
                V::Num(d) => write_decimal(ws, r, col, *d, num_style)?,
                V::Percent(d) => write_decimal(ws, r, col, *d, &s.percent)?,
                V::Filled(x, fill) => {
                    let style = text_style.clone().set_background_color(*fill);
                    ws.write_string_with_format(r, col, x.as_str(), &style)?;
                    if let Some(w) = table.widths.get(i) {
                        heights.note(r, x, *w, *bold);
                    }
                }
                V::Int(n) => {
                    ws.write_number_with_format(
                        r,
                        col,
                        u32::try_from(*n).unwrap_or(u32::MAX),
                        num_style,
                    )?;
                }
                V::Blank => {
                    ws.write_blank(r, col, text_style)?;
                }
            }
        }
    }
    heights.apply(ws)?;
    ws.set_freeze_panes(3, table.frozen)?;
    ws.set_repeat_rows(2, 2)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    if !table.rows.is_empty() {
        let last_row = u32::try_from(table.rows.len())
            .unwrap_or(u32::MAX)
            .saturating_add(2);
        let last_col = u16::try_from(table.head.len().saturating_sub(1)).unwrap_or(0);
        ws.autofilter(2, 0, last_row, last_col)?;
        for col in &table.scaled {
            ws.add_conditional_format(
                3,
                *col,
                last_row,
                *col,
                &rust_xlsxwriter::ConditionalFormat3ColorScale::new(),
            )?;
        }
    }
    Ok(ws)
}

pub(crate) fn done(wb: &mut Workbook) -> Result<Vec<u8>, Error> {
    wb.save_to_buffer().map_err(excel_error)
}

/// The writer refused the workbook: an output failure, not a problem of the input.
pub(crate) fn excel_error(e: XlsxError) -> Error {
    Error::Output {
        what: "the Excel file".into(),
        cause: e.to_string(),
    }
}
