//! Reports as documents: what a report is made of, in no format. A report topic (gaps,
//! ranking, …) builds one [`Document`] once; one renderer per format in
//! [`crate::report::out`] (text, Markdown, CSV, HTML, Excel) renders any document, and
//! [`crate::report::render`] is the entry point for every format. Adding a format is one
//! renderer; adding a report is one builder.
//!
//! Values are kept typed (points, counts, ranks, a part of a whole) and written by the
//! renderer: as each language writes decimals in text, as numbers in Excel. What a format
//! cannot show it leaves out (a bar chart in Markdown, say): every chart of a document draws
//! numbers that a table of the same document lists.
//!
//! ```
//! use par_index::report::document::{Block, Cell, Column, Document, Row, Table};
//! use par_index::report::out::to_markdown;
//! use par_index::Lang;
//! let mut table = Table::new("Lost", vec![Column::text("Office", 30), Column::points("Lost")]);
//! table.rows.push(Row::new(vec![Cell::text("Văn phòng"), Cell::Points(rust_decimal::Decimal::new(15, 1))]));
//! let mut doc = Document::new("Points lost", Lang::Vi);
//! doc.blocks.push(Block::Table(table));
//! assert_eq!(to_markdown(&doc), "# Points lost\n\n| Office | Lost |\n|---|---:|\n| Văn phòng | 1,5 |\n");
//! ```

use rust_decimal::Decimal;

use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;

/// A report in no format: a title and the lines under it, the language its words are in,
/// and blocks in order.
///
/// ```
/// use par_index::report::document::{Block, Document, Fact};
/// use par_index::report::out::to_text;
/// let mut doc = Document::new("Gaps", par_index::Lang::En);
/// doc.meta.push("Xã Đồng Tâm (NG-01)".into());
/// doc.blocks.push(Block::Facts(vec![Fact::new("Index", "95.29%")]));
/// assert_eq!(to_text(&doc), "Gaps\nXã Đồng Tâm (NG-01)\n\nIndex:  95.29%\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title: a page's heading, a workbook's title.
    pub title: String,
    /// Lines under the title: whose report, under which methodology.
    pub meta: Vec<String>,
    /// The language of the document's words (and how its decimals are written).
    pub lang: Lang,
    /// What the document says, in order.
    pub blocks: Vec<Block>,
    /// A short answer rather than a report (readiness, an explanation): in a terminal its
    /// blocks follow each other without blank lines, and figures are not aligned.
    pub compact: bool,
}

impl Document {
    /// An empty document.
    ///
    /// ```
    /// let d = par_index::report::document::Document::new("T", par_index::Lang::Vi);
    /// assert!(d.blocks.is_empty() && d.meta.is_empty());
    /// ```
    #[must_use]
    pub fn new(title: impl Into<String>, lang: Lang) -> Document {
        Document {
            title: title.into(),
            meta: Vec::new(),
            lang,
            blocks: Vec::new(),
            compact: false,
        }
    }
}

/// One part of a document.
///
/// ```
/// use par_index::report::document::Block;
/// let b = Block::Section("By office".into());
/// assert!(matches!(b, Block::Section(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Block {
    /// A heading that opens a section.
    Section(String),
    /// A heading at a depth of its own: 1 the document's, 2 a section's (as
    /// [`Block::Section`]), deeper for the sections of a part (a block of a ranking by
    /// roster, say).
    Heading(u8, String),
    /// Labelled values: the figures that head a report.
    Facts(Vec<Fact>),
    /// The few figures a reader looks for first, shown large where the format can.
    Headline(Vec<Fact>),
    /// A table of typed columns.
    Table(Table),
    /// A horizontal bar chart (drawn where the format can draw; its numbers are in a table
    /// of the same document).
    Bars(Bars),
    /// Rows against columns, each cell coloured by its share of a maximum (drawn where the
    /// format can draw; its numbers are in a table of the same document).
    HeatMap(HeatMap),
    /// What the colours of the charts mean.
    Legend(Vec<Swatch>),
    /// A paragraph of running text.
    Paragraph(String),
    /// A list of sentences.
    List(Vec<String>),
    /// Lines of text, one entry each, without bullets.
    Lines(Vec<String>),
    /// A small note: where the numbers come from, how to check them.
    Note(String),
    /// The next block starts a new printed page.
    PageBreak,
    /// A block shown only in these media: what one medium says in a table another may say
    /// in lines (a terminal has no room for a wide table).
    Only(Vec<Medium>, Box<Block>),
}

impl Block {
    /// A block shown only in these media.
    ///
    /// ```
    /// use par_index::report::document::{Block, Medium};
    /// let b = Block::only(&[Medium::Text], Block::Lines(vec!["a".into()]));
    /// assert!(b.shown_in(Medium::Text) && !b.shown_in(Medium::Html));
    /// ```
    #[must_use]
    pub fn only(media: &[Medium], block: Block) -> Block {
        Block::Only(media.to_vec(), Box::new(block))
    }

    /// Whether a medium shows this block at all.
    ///
    /// ```
    /// use par_index::report::document::{Block, Medium};
    /// assert!(Block::PageBreak.shown_in(Medium::Markdown));
    /// ```
    #[must_use]
    pub fn shown_in(&self, medium: Medium) -> bool {
        match self {
            Block::Only(media, _) => media.contains(&medium),
            _ => true,
        }
    }

    /// The block a medium renders: the inner block of [`Block::Only`] when the medium is
    /// among its media, nothing when it is not, the block itself otherwise.
    ///
    /// ```
    /// use par_index::report::document::{Block, Medium};
    /// let b = Block::only(&[Medium::Excel], Block::PageBreak);
    /// assert_eq!(b.for_medium(Medium::Excel), Some(&Block::PageBreak));
    /// assert_eq!(b.for_medium(Medium::Text), None);
    /// ```
    #[must_use]
    pub fn for_medium(&self, medium: Medium) -> Option<&Block> {
        match self {
            Block::Only(media, inner) if media.contains(&medium) => inner.for_medium(medium),
            Block::Only(..) => None,
            other => Some(other),
        }
    }
}

/// A medium a document is rendered in: one per renderer.
///
/// ```
/// use par_index::report::document::Medium;
/// assert_ne!(Medium::Text, Medium::Markdown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Medium {
    /// Plain text for a terminal.
    Text,
    /// Markdown.
    Markdown,
    /// CSV: one table.
    Csv,
    /// A printable HTML page.
    Html,
    /// An Excel workbook.
    Excel,
}

/// A labelled value.
///
/// ```
/// let f = par_index::report::document::Fact::new("Index", "95.29%").id("index");
/// assert_eq!(f.id, Some("index"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// What the value is.
    pub label: String,
    /// The value, typed as a table's cell is.
    pub value: Cell,
    /// A name a page gives the value (an HTML `id`), for tools that read the page.
    pub id: Option<&'static str>,
}

impl Fact {
    /// A labelled value.
    ///
    /// ```
    /// let f = par_index::report::document::Fact::new("Unit", "Xã Đồng Tâm");
    /// assert_eq!(f.value.shown(par_index::Lang::Vi), "Xã Đồng Tâm");
    /// ```
    #[must_use]
    pub fn new(label: impl Into<String>, value: impl Into<Cell>) -> Fact {
        Fact {
            label: label.into(),
            value: value.into(),
            id: None,
        }
    }

    /// The same value, named for tools that read the page.
    ///
    /// ```
    /// let f = par_index::report::document::Fact::new("Index", "95.29%").id("index");
    /// assert_eq!(f.id, Some("index"));
    /// ```
    #[must_use]
    pub fn id(mut self, id: &'static str) -> Fact {
        self.id = Some(id);
        self
    }
}

/// A table: columns with their kinds, and rows.
///
/// ```
/// use par_index::report::document::{Column, Table};
/// let t = Table::new("Items", vec![Column::code("Code"), Column::text("Item", 44)]);
/// assert_eq!(t.columns.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// A short name for the table (an Excel sheet's name: at most 31 characters).
    pub name: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each with one cell per column.
    pub rows: Vec<Row>,
    /// How many columns on the left stay in view when the rest scroll (where the format
    /// scrolls: Excel).
    pub frozen: u16,
}

impl Table {
    /// An empty table of these columns.
    ///
    /// ```
    /// let t = par_index::report::document::Table::new("T", vec![]);
    /// assert!(t.rows.is_empty());
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Table {
        Table {
            name: name.into(),
            columns,
            rows: Vec::new(),
            frozen: 0,
        }
    }
}

/// A column: its heading, the kind of its values and a width (in characters, for formats
/// that lay out columns themselves, as Excel does).
///
/// ```
/// use par_index::report::document::{Column, Kind};
/// assert_eq!(Column::points("Lost").kind, Kind::Number);
/// assert_eq!(Column::text("Item", 44).width, 44);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The heading.
    pub head: String,
    /// What the values are.
    pub kind: Kind,
    /// The width, in characters.
    pub width: u16,
    /// Whether a terminal shows the column (a wide column of words may be left to the
    /// media with room for it).
    pub in_text: bool,
    /// Whether the column's numbers are coloured as a scale, low to high, where the format
    /// can (Excel's colour scale).
    pub scale: bool,
}

impl Column {
    /// A column of words.
    ///
    /// ```
    /// assert_eq!(par_index::report::document::Column::text("Why", 40).width, 40);
    /// ```
    #[must_use]
    pub fn text(head: impl Into<String>, width: u16) -> Column {
        Column {
            head: head.into(),
            kind: Kind::Text,
            width,
            in_text: true,
            scale: false,
        }
    }

    /// A column of codes (`3.2.1`, `NG-01`).
    ///
    /// ```
    /// use par_index::report::document::{Column, Kind};
    /// assert_eq!(Column::code("Code").kind, Kind::Code);
    /// ```
    #[must_use]
    pub fn code(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            kind: Kind::Code,
            width: 8,
            in_text: true,
            scale: false,
        }
    }

    /// A column of points (or any number): right-aligned, numbers in Excel.
    ///
    /// ```
    /// use par_index::report::document::{Column, Kind};
    /// assert_eq!(Column::points("Points").kind, Kind::Number);
    /// ```
    #[must_use]
    pub fn points(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            kind: Kind::Number,
            width: 10,
            in_text: true,
            scale: false,
        }
    }

    /// The same column, left out in a terminal.
    ///
    /// ```
    /// assert!(!par_index::report::document::Column::text("Office", 22).not_in_text().in_text);
    /// ```
    #[must_use]
    pub fn not_in_text(mut self) -> Column {
        self.in_text = false;
        self
    }

    /// The same column, its numbers coloured as a scale where the format can.
    ///
    /// ```
    /// assert!(par_index::report::document::Column::points("Index").colour_scale().scale);
    /// ```
    #[must_use]
    pub fn colour_scale(mut self) -> Column {
        self.scale = true;
        self
    }

    /// The same column, `width` characters wide.
    ///
    /// ```
    /// assert_eq!(par_index::report::document::Column::points("Lost").wide(12).width, 12);
    /// ```
    #[must_use]
    pub fn wide(mut self, width: u16) -> Column {
        self.width = width;
        self
    }
}

/// What a column holds, which decides how it is aligned and written.
///
/// ```
/// use par_index::report::document::Kind;
/// assert_ne!(Kind::Text, Kind::Number);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// Words, left-aligned.
    Text,
    /// Codes, left-aligned, never wrapped.
    Code,
    /// Numbers (points, counts, ranks, parts of a whole), right-aligned.
    Number,
}

/// A row of cells; an emphasised row (a total, a group) stands out.
///
/// ```
/// use par_index::report::document::{Cell, Row};
/// assert!(Row::total(vec![Cell::text("Total")]).emphasis);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// A total or a group's row.
    pub emphasis: bool,
}

impl Row {
    /// A row.
    ///
    /// ```
    /// use par_index::report::document::{Cell, Row};
    /// assert!(!Row::new(vec![Cell::Count(3)]).emphasis);
    /// ```
    #[must_use]
    pub fn new(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            emphasis: false,
        }
    }

    /// A total's row.
    ///
    /// ```
    /// use par_index::report::document::{Cell, Row};
    /// assert!(Row::total(vec![Cell::Count(3)]).emphasis);
    /// ```
    #[must_use]
    pub fn total(cells: Vec<Cell>) -> Row {
        Row {
            cells,
            emphasis: true,
        }
    }
}

/// A value in a table, typed: the renderer writes it for its format and language.
///
/// ```
/// use par_index::report::document::Cell;
/// use par_index::Lang;
/// use rust_decimal::Decimal;
/// assert_eq!(Cell::Points(Decimal::new(15, 1)).shown(Lang::Vi), "1,5");
/// assert_eq!(Cell::Of(Decimal::ONE, Decimal::TWO).shown(Lang::En), "1 / 2");
/// assert_eq!(Cell::Rank { rank: 14, tied: true }.shown(Lang::Vi), "14=");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cell {
    /// Words.
    Text(String),
    /// Points, or any decimal.
    Points(Decimal),
    /// A count.
    Count(usize),
    /// A rank, `tied` when another unit shares it (written `14=`).
    Rank {
        /// The place.
        rank: usize,
        /// Whether another unit shares it.
        tied: bool,
    },
    /// A part of a whole: points out of a maximum, `1,5 / 2`.
    Of(Decimal, Decimal),
    /// A percentage, `95,29%`.
    Percent(Decimal),
    /// A change, signed: `+0,5`, `−1` (a true minus sign), `0`.
    Change(Decimal),
    /// A change as a program writes a number: `+1,5`, `-3,42`, `0` (a plus sign on a rise;
    /// [`Cell::Change`] writes a fall with the typographic minus instead).
    Signed(Decimal),
    /// A cell that stands out (bold where the format has bold).
    Strong(Box<Cell>),
    /// A band's label, coloured by the band's place among the methodology's bands (`place`
    /// 0 the best of `of`) where the format has colour.
    Band {
        /// The band's label.
        label: String,
        /// Its place, the best 0.
        place: usize,
        /// How many bands there are.
        of: usize,
    },
    /// Nothing.
    Empty,
}

impl Cell {
    /// A cell of words.
    ///
    /// ```
    /// use par_index::report::document::Cell;
    /// assert_eq!(Cell::text("a"), Cell::Text("a".into()));
    /// ```
    #[must_use]
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The same cell, standing out.
    ///
    /// ```
    /// use par_index::report::document::Cell;
    /// assert_eq!(Cell::text("1").strong(), Cell::Strong(Box::new(Cell::text("1"))));
    /// ```
    #[must_use]
    pub fn strong(self) -> Cell {
        Cell::Strong(Box::new(self))
    }

    /// The cell as text reads it, decimals as `lang` writes them.
    ///
    /// ```
    /// use par_index::report::document::Cell;
    /// assert_eq!(Cell::Count(12).shown(par_index::Lang::Vi), "12");
    /// assert_eq!(Cell::Empty.shown(par_index::Lang::Vi), "");
    /// ```
    #[must_use]
    pub fn shown(&self, lang: Lang) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Points(x) => fmt_decimal(*x, lang),
            Cell::Count(n) => n.to_string(),
            Cell::Rank { rank, tied } => {
                format!("{rank}{}", if *tied { "=" } else { "" })
            }
            Cell::Of(p, m) => format!("{} / {}", fmt_decimal(*p, lang), fmt_decimal(*m, lang)),
            Cell::Percent(x) => format!("{}%", fmt_decimal(*x, lang)),
            Cell::Change(x) => {
                if *x > Decimal::ZERO {
                    format!("+{}", fmt_decimal(*x, lang))
                } else if *x < Decimal::ZERO {
                    format!("−{}", fmt_decimal(x.abs(), lang))
                } else {
                    "0".to_owned()
                }
            }
            Cell::Signed(x) if *x > Decimal::ZERO => format!("+{}", fmt_decimal(*x, lang)),
            Cell::Signed(x) => fmt_decimal(*x, lang),
            Cell::Strong(inner) => inner.shown(lang),
            Cell::Band { label, .. } => label.clone(),
            Cell::Empty => String::new(),
        }
    }
}

/// A horizontal bar chart: one bar per label, each against the longest.
///
/// ```
/// use par_index::report::document::{Bar, Bars, Tone};
/// let b = Bars { title: "Lost by office".into(), show_max: false, bars: vec![Bar::new("VP", rust_decimal::Decimal::ONE, rust_decimal::Decimal::TWO, Tone::Loss)] };
/// assert_eq!(b.bars.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bars {
    /// What the chart shows (read aloud by screen readers).
    pub title: String,
    /// The bars, in order.
    pub bars: Vec<Bar>,
    /// Whether each bar's value is written with its maximum (`17,5 / 18`).
    pub show_max: bool,
}

/// One bar: a label, a value against a maximum, and what the colour means.
///
/// ```
/// use par_index::report::document::{Bar, Tone};
/// let b = Bar::new("VP", rust_decimal::Decimal::ONE, rust_decimal::Decimal::TWO, Tone::Loss);
/// assert!(b.value < b.max);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The label before the bar.
    pub label: String,
    /// The bar's length.
    pub value: Decimal,
    /// The track's length (the bar's whole).
    pub max: Decimal,
    /// What the colour says.
    pub tone: Tone,
    /// What is written after the bar, when not its value alone (`95,29 · Tốt`).
    pub text: Option<String>,
}

impl Bar {
    /// A bar of `value` against `max`.
    ///
    /// ```
    /// use par_index::report::document::{Bar, Tone};
    /// let b = Bar::new("VP", rust_decimal::Decimal::ONE, rust_decimal::Decimal::TWO, Tone::Loss);
    /// assert!(b.text.is_none());
    /// ```
    #[must_use]
    pub fn new(label: impl Into<String>, value: Decimal, max: Decimal, tone: Tone) -> Bar {
        Bar {
            label: label.into(),
            value,
            max,
            tone,
            text: None,
        }
    }

    /// The same bar, with these words after it instead of its value alone.
    ///
    /// ```
    /// use par_index::report::document::{Bar, Tone};
    /// let b = Bar::new("NG-01", rust_decimal::Decimal::ONE, rust_decimal::Decimal::TWO, Tone::Neutral).text("1 · Tốt");
    /// assert_eq!(b.text.as_deref(), Some("1 · Tốt"));
    /// ```
    #[must_use]
    pub fn text(mut self, text: impl Into<String>) -> Bar {
        self.text = Some(text.into());
        self
    }
}

/// What a bar's colour says.
///
/// ```
/// use par_index::report::document::Tone;
/// assert_ne!(Tone::Loss, Tone::Gain);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tone {
    /// Points lost.
    Loss,
    /// Points won.
    Gain,
    /// A plain value.
    Neutral,
    /// No change, or nothing to say.
    Muted,
    /// A band, by its place among the methodology's bands (0 the best of `of`).
    Band {
        /// Its place, the best 0.
        place: usize,
        /// How many bands there are.
        of: usize,
    },
    /// A share of a maximum, in percent (a heat map's cell): the higher, the greener.
    Share(Decimal),
}

/// One entry of a legend: what a colour means.
///
/// ```
/// use par_index::report::document::{Swatch, Tone};
/// let s = Swatch { label: "Tốt (≥ 80)".into(), tone: Tone::Band { place: 1, of: 5 } };
/// assert_eq!(s.label, "Tốt (≥ 80)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swatch {
    /// What the colour means.
    pub label: String,
    /// The colour's meaning.
    pub tone: Tone,
}

/// A heat map: rows (units) against columns (areas), each cell a value against its maximum,
/// coloured by the share.
///
/// ```
/// use par_index::report::document::{HeatColumn, HeatMap, HeatRow};
/// use rust_decimal::Decimal;
/// let h = HeatMap {
///     title: "Areas".into(),
///     columns: vec![HeatColumn { code: "1".into(), title: "Chỉ đạo, điều hành".into() }],
///     rows: vec![HeatRow { label: "Xã Đồng Tâm".into(), cells: vec![(Decimal::from(9), Decimal::from(10))] }],
/// };
/// assert_eq!(h.rows[0].cells.len(), h.columns.len());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatMap {
    /// What the map shows.
    pub title: String,
    /// The columns, left to right.
    pub columns: Vec<HeatColumn>,
    /// The rows, top to bottom.
    pub rows: Vec<HeatRow>,
}

/// A column of a heat map: a short code over it and its full title.
///
/// ```
/// let c = par_index::report::document::HeatColumn { code: "1".into(), title: "Chỉ đạo".into() };
/// assert_eq!(c.code, "1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatColumn {
    /// The short code written over the column.
    pub code: String,
    /// The full title (shown on hover where the format can).
    pub title: String,
}

/// A row of a heat map: its label and one `(value, max)` per column.
///
/// ```
/// use rust_decimal::Decimal;
/// let r = par_index::report::document::HeatRow { label: "NG-01".into(), cells: vec![(Decimal::ONE, Decimal::TWO)] };
/// assert_eq!(r.cells[0].1, Decimal::TWO);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatRow {
    /// The row's label.
    pub label: String,
    /// Each column's value and maximum.
    pub cells: Vec<(Decimal, Decimal)>,
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
}

impl From<Decimal> for Cell {
    fn from(x: Decimal) -> Cell {
        Cell::Points(x)
    }
}
