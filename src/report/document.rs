//! Reports as documents: what a report is made of, in no format. A report topic (gaps,
//! ranking, …) builds one [`Document`] once; one renderer per format ([`to_markdown`],
//! [`to_text`], [`to_html`], [`to_xlsx`]) renders any document. Adding a format is one
//! renderer; adding a report is one builder.
//!
//! Values are kept typed (points, counts, ranks, a part of a whole) and written by the
//! renderer: as each language writes decimals in text, as numbers in Excel. What a format
//! cannot show it leaves out (a bar chart in Markdown, say): every chart of a document draws
//! numbers that a table of the same document lists.
//!
//! ```
//! use par_index::report::document::{Block, Cell, Column, Document, Row, Table, to_markdown};
//! use par_index::Lang;
//! let mut table = Table::new("Lost", vec![Column::text("Office", 30), Column::points("Lost")]);
//! table.rows.push(Row::new(vec![Cell::text("Văn phòng"), Cell::Points(rust_decimal::Decimal::new(15, 1))]));
//! let doc = Document { title: "Points lost".into(), lang: Lang::Vi, blocks: vec![Block::Table(table)] };
//! assert_eq!(to_markdown(&doc), "# Points lost\n\n| Office | Lost |\n|---|---:|\n| Văn phòng | 1,5 |\n");
//! ```

use rust_decimal::Decimal;

use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;

#[cfg(feature = "html")]
pub use crate::report::out::html::to_html;
pub use crate::report::out::markdown::to_markdown;
pub use crate::report::out::text::to_text;
#[cfg(feature = "xlsx")]
pub use crate::report::out::xlsx::to_xlsx;

/// A report in no format: a title, the language its words are in, and blocks in order.
///
/// ```
/// use par_index::report::document::{Block, Document, Fact, to_text};
/// let doc = Document {
///     title: "Gaps".into(),
///     lang: par_index::Lang::En,
///     blocks: vec![Block::Facts(vec![Fact::new("Index", "95.29%")])],
/// };
/// assert_eq!(to_text(&doc), "Gaps\n\nIndex:  95.29%\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title: a page's heading, a workbook's title.
    pub title: String,
    /// The language of the document's words (and how its decimals are written).
    pub lang: Lang,
    /// What the document says, in order.
    pub blocks: Vec<Block>,
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
    /// Labelled values: the figures that head a report.
    Facts(Vec<Fact>),
    /// A table of typed columns.
    Table(Table),
    /// A horizontal bar chart (drawn where the format can draw; its numbers are in a table
    /// of the same document).
    Bars(Bars),
    /// A paragraph of running text.
    Paragraph(String),
    /// A list of sentences.
    List(Vec<String>),
    /// A small note: where the numbers come from, how to check them.
    Note(String),
    /// The next block starts a new printed page.
    PageBreak,
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
    /// The value, as written.
    pub value: String,
    /// A name a page gives the value (an HTML `id`), for tools that read the page.
    pub id: Option<&'static str>,
}

impl Fact {
    /// A labelled value.
    ///
    /// ```
    /// let f = par_index::report::document::Fact::new("Unit", "Xã Đồng Tâm");
    /// assert_eq!((f.label.as_str(), f.value.as_str()), ("Unit", "Xã Đồng Tâm"));
    /// ```
    #[must_use]
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Fact {
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
        }
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
            Cell::Empty => String::new(),
        }
    }
}

/// A horizontal bar chart: one bar per label, each against the longest.
///
/// ```
/// use par_index::report::document::{Bar, Bars, Tone};
/// let b = Bars { title: "Lost by office".into(), bars: vec![Bar { label: "VP".into(), value: rust_decimal::Decimal::ONE, max: rust_decimal::Decimal::TWO, tone: Tone::Loss }] };
/// assert_eq!(b.bars.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bars {
    /// What the chart shows (read aloud by screen readers).
    pub title: String,
    /// The bars, in order.
    pub bars: Vec<Bar>,
}

/// One bar: a label, a value against a maximum, and what the colour means.
///
/// ```
/// use par_index::report::document::{Bar, Tone};
/// let b = Bar { label: "VP".into(), value: rust_decimal::Decimal::ONE, max: rust_decimal::Decimal::TWO, tone: Tone::Loss };
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
}
