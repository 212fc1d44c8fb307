//! Reading an Excel form back (`.xlsx`, from `par-index template`, filled in Excel or
//! LibreOffice) into a submission, every problem placed at its sheet and cell.
//!
//! The cells are turned into the same document tree a JSON submission is parsed into, and
//! read by the same reader (`read/submission.rs`): one description of a submission, whatever
//! it was written in. Sheets and columns are found by the keys of their hidden first row
//! (`model/form.rs`), so renamed or reordered sheets and columns read as before; a key in two
//! columns is refused, naming both. Only the form's sheets are read past their first row
//! (`read/xlsx.rs`), each part once.
//!
//! **Numbers** are read as Excel shows them (`read/xlsx.rs`): a number cell to 15
//! significant digits, a formula of literals exactly, any other formula from its saved value.
//! Text cells holding numbers are read as written, never guessed: a separator (`.` or `,`)
//! followed by exactly three digits after a whole part that could lead a thousands group
//! (one to three digits, not zero: `1.862`, `1,862`) could be a thousands separator or a
//! decimal one, and is refused; everything else reads (`0,614`, `0.614`, `12,5`, `1862`,
//! `1234.567`). A satisfaction may be written as a percentage (`87%`).
//!
//! **Dates.** A date cell is its day (a time of day, or a serial Excel cannot show as a date,
//! is refused); text dates are read as `dd/mm/yyyy` (also with `-` or `.`) or `yyyy-mm-dd`.
//!
//! **Text** is NFC, so words typed with combining marks (`Có` as `C`, `o`, U+0301) read as
//! the same words; every cell's text is counted each time it is used, within the limit of one
//! input.
//!
//! **Merged cells** hold their value in every cell they cover. **Hidden** rows and sheets
//! with answers are read, each named in a note ([`SubmissionRead::notes`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Problem, ProblemKind};
use crate::model::date::Date;
use crate::model::form::{
    FORM_FORMAT, Input, SheetKind, cell_address, entry_kind, parse_evidence_key, yes_no,
};
use crate::read::limits::Limits;
use crate::read::submission::SubmissionRead;
use crate::read::tree::{Node, Str, Value};
use crate::read::xlsx::{self, Book, TextRef};

/// A cell's value, as the form reader uses it: text borrowed from the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell<'b> {
    Text(&'b str),
    /// A number, as the decimal Excel shows.
    Number(&'b str),
    Bool(bool),
    Date(Date),
    /// A date cell with a time of day, or a duration: what it shows.
    Moment(&'b str),
    /// An Excel error (`#N/A`, `#DIV/0!`).
    Error(&'b str),
    /// A value the workbook reader refused, with the reason.
    Bad(&'b str),
}

impl Cell<'_> {
    fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(t) if t.trim().is_empty())
    }
}

/// Rows the unit sheet may have (it has seven, and a title).
const UNIT_SHEET_ROWS: usize = 100;

/// One sheet of the form.
struct Sheet<'b> {
    name: String,
    kind: SheetKind,
    /// Hidden in Excel.
    hidden: bool,
    data: xlsx::Sheet,
    strings: &'b [String],
    /// Column of each key (`value1`, `ev2.date`).
    columns: BTreeMap<String, u32>,
}

impl<'b> Sheet<'b> {
    /// The value of a cell (a merged cell's own value in every cell it covers), blank text
    /// as nothing.
    fn get(&self, row: u32, col: u32) -> Option<Cell<'_>> {
        let own = self.data.cells.get(&(row, col)).or_else(|| {
            let (start, _) = self
                .data
                .merged
                .iter()
                .find(|(a, z)| (a.0..=z.0).contains(&row) && (a.1..=z.1).contains(&col))?;
            self.data.cells.get(start)
        })?;
        let view = match own {
            xlsx::Cell::Text(t) => Cell::Text(match t {
                TextRef::Own(s) => s,
                TextRef::Shared(i) => usize::try_from(*i)
                    .ok()
                    .and_then(|i| self.strings.get(i))
                    .map_or("", String::as_str),
            }),
            xlsx::Cell::Number(n) => Cell::Number(n),
            xlsx::Cell::Bool(b) => Cell::Bool(*b),
            xlsx::Cell::Date(d) => Cell::Date(*d),
            xlsx::Cell::Moment(m) => Cell::Moment(m),
            xlsx::Cell::Error(e) => Cell::Error(e),
            xlsx::Cell::Bad(m) => Cell::Bad(m),
        };
        (!view.is_blank()).then_some(view)
    }

    /// Rows below the headers that hold anything, when there are at most `limit`: a sheet
    /// with more is refused whole (each row's cells are looked up against every merged
    /// region, so the rows bound the work).
    fn rows_within(&self, b: &mut Build, limit: usize, what: &str) -> Option<BTreeSet<u32>> {
        let rows = self.rows();
        if rows.len() > limit {
            b.problems.push(whole(
                format!(
                    "sheet `{}` has {} rows, more than the {limit} {what}",
                    self.name,
                    rows.len()
                ),
                ProblemKind::TooLarge,
            ));
            return None;
        }
        Some(rows)
    }

    fn col(&self, key: &str) -> Option<u32> {
        self.columns.get(key).copied()
    }

    /// Rows below the headers that hold anything.
    fn rows(&self) -> BTreeSet<u32> {
        self.data
            .cells
            .keys()
            .map(|(r, _)| *r)
            .filter(|r| *r >= 2)
            .collect()
    }

    /// Whether a row is hidden in Excel.
    fn row_hidden(&self, row: u32) -> bool {
        self.data.hidden_rows.contains(&row)
    }
}

/// What is built while reading: the cell of each node's position, and the problems found in
/// the cells themselves.
struct Build {
    limits: Limits,
    cells: Vec<String>,
    problems: Vec<Problem>,
    /// Remarks that do not stop the reading: answers read from hidden rows or sheets.
    notes: Vec<Problem>,
    /// The SHA-256 of the methodology the form was made from, and its cell's position.
    made_from: Option<(String, Option<(u32, u32)>)>,
    /// Bytes of text the tree may still take: every use of a cell's text counts.
    text_left: usize,
    /// The text budget ran out (said once).
    text_spent: bool,
}

impl Build {
    /// The position that stands for a cell (`(i + 1, 1)` for `cells[i]`).
    fn pos(&mut self, sheet: &Sheet, row: u32, col: u32) -> Option<(u32, u32)> {
        self.cells.push(cell_address(&sheet.name, row, col));
        u32::try_from(self.cells.len()).ok().map(|i| (i, 1))
    }

    fn problem(
        &mut self,
        kind: ProblemKind,
        code: Option<&str>,
        field: &str,
        at: (&Sheet, u32, u32),
        message: String,
    ) {
        let mut p = Problem::new(kind, code, field, message);
        p.cell = Some(cell_address(&at.0.name, at.1, at.2).into());
        self.problems.push(p);
    }

    fn node(&mut self, value: Value, sheet: &Sheet, row: u32, col: u32) -> Node {
        Node {
            value,
            pos: self.pos(sheet, row, col),
        }
    }

    /// Take `len` bytes of text into the tree: false, with one problem, once the text of
    /// the form's cells, counted each time a cell is used, passes the limit of one input.
    fn take_text(&mut self, len: usize) -> bool {
        match self.text_left.checked_sub(len) {
            Some(left) => {
                self.text_left = left;
                true
            }
            None => {
                if !self.text_spent {
                    self.text_spent = true;
                    self.problems.push(whole(
                        format!(
                            "the text of the form's cells, counted each time a cell is used, is over the limit of {} bytes of one input",
                            self.limits.input_bytes
                        ),
                        ProblemKind::TooLarge,
                    ));
                }
                false
            }
        }
    }

    /// A note at a cell.
    fn note(&mut self, sheet: &Sheet, row: u32, col: u32, code: Option<&str>, message: String) {
        let mut p = Problem::new(ProblemKind::HiddenInput, code, "", message);
        p.cell = Some(cell_address(&sheet.name, row, col).into());
        self.notes.push(p);
    }
}

/// Read a submission from an Excel form's bytes (`.xlsx`), as much as can be read, with
/// every problem at its sheet and cell. [`SubmissionRead::check`] then checks it against a
/// methodology, placing those problems at their cells too.
///
/// ```
/// let read = par_index::form::read_form(b"not a workbook");
/// assert!(read.submission.is_none());
/// assert!(read.problems[0].message.starts_with("not a readable Excel workbook"));
/// ```
#[must_use]
pub fn read_form(bytes: &[u8]) -> SubmissionRead {
    read_form_within(bytes, &Limits::default())
}

/// Read an Excel form from a file within `limits` (its size counted as it is read), every
/// problem naming the file.
///
/// ```
/// use par_index::{form, Limits};
/// let err = form::read_form_file("no/such.xlsx".as_ref(), &Limits::default()).unwrap_err();
/// assert!(err.to_string().starts_with("cannot read no/such.xlsx"));
/// ```
pub fn read_form_file(
    path: &std::path::Path,
    limits: &Limits,
) -> Result<SubmissionRead, crate::error::Error> {
    let (bytes, shown) = crate::read::io::read_bytes_within(path, limits.input_bytes)?;
    let mut read = read_form_within(&bytes, limits);
    read.problems = std::mem::take(&mut read.problems)
        .into_iter()
        .map(|p| p.in_file(&shown))
        .collect();
    read.notes = std::mem::take(&mut read.notes)
        .into_iter()
        .map(|p| p.in_file(&shown))
        .collect();
    Ok(read)
}

/// Read an Excel form within `limits`.
pub(crate) fn read_form_within(bytes: &[u8], limits: &Limits) -> SubmissionRead {
    let mut b = Build {
        limits: *limits,
        cells: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
        made_from: None,
        text_left: limits.input_bytes,
        text_spent: false,
    };
    let mut book = match Book::open(bytes, limits) {
        Ok(book) => book,
        Err(p) => return SubmissionRead::from_problems(vec![p]),
    };
    let data = match form_sheets(&mut book) {
        Ok(data) => data,
        Err(p) => return SubmissionRead::from_problems(vec![p]),
    };
    let strings = book.into_strings();
    let sheets = keyed(data, &strings, &mut b);
    let root = tree(&sheets, &mut b);
    let mut read = match root {
        Some(root) => SubmissionRead::from_cells(&root, limits, b.cells, b.problems, b.made_from),
        None => SubmissionRead::from_problems(b.problems),
    };
    read.notes = b.notes;
    read
}

fn whole(message: String, kind: ProblemKind) -> Problem {
    Problem::new(kind, None, "", message)
}

/// A cell's text as a message quotes it: at most 60 characters, then `…` (a cell may hold
/// 32,767, and a message is not the place for them).
fn quoted(t: &str) -> std::borrow::Cow<'_, str> {
    match t.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", t.get(..at).unwrap_or(t)).into(),
        None => t.into(),
    }
}

/// The longest text an item code cell may hold: codes are short (`3.2.1`); a longer text is
/// not a code, and is not copied.
const CODE_CHARS: usize = 64;

/// The key of a first-row cell, `sheet:column`, when its sheet is one of the form's.
fn form_key(text: &str) -> Option<(SheetKind, &str)> {
    let (sheet, column) = text.trim().split_once(':')?;
    Some((SheetKind::from_key(sheet)?, column))
}

/// The sheets of the workbook whose first row has a key of the form's: the others are not
/// read past their first row. With each, its name and whether it is hidden.
fn form_sheets(book: &mut Book<'_>) -> Result<Vec<(String, bool, xlsx::Sheet)>, Problem> {
    let mut out = Vec::new();
    for i in 0..book.sheets.len() {
        let wanted = |bk: &Book<'_>, first: &BTreeMap<(u32, u32), xlsx::Cell>| {
            first.iter().any(|((r, _), c)| {
                *r == 0 && matches!(c, xlsx::Cell::Text(t) if form_key(bk.text(t)).is_some())
            })
        };
        if let Some(sheet) = book.sheet(i, wanted)? {
            let info = book.sheets.get(i).map(|s| (s.name.clone(), s.hidden));
            if let Some((name, hidden)) = info {
                out.push((name, hidden, sheet));
            }
        }
    }
    Ok(out)
}

/// Each sheet with its kind and the column of each key of its hidden first row; a key in
/// two columns is a problem naming both.
fn keyed<'b>(
    data: Vec<(String, bool, xlsx::Sheet)>,
    strings: &'b [String],
    b: &mut Build,
) -> Vec<Sheet<'b>> {
    let mut out = Vec::new();
    for (name, hidden, data) in data {
        let mut kind = None;
        let mut columns: BTreeMap<String, u32> = BTreeMap::new();
        let mut sheet = Sheet {
            name,
            kind: SheetKind::Guide,
            hidden,
            data,
            strings,
            columns: BTreeMap::new(),
        };
        let first: Vec<(u32, String)> = sheet
            .data
            .cells
            .range((0, 0)..(1, 0))
            .filter_map(|((_, col), _)| match sheet.get(0, *col) {
                Some(Cell::Text(t)) => Some((*col, t.to_owned())),
                _ => None,
            })
            .collect();
        for (col, key) in first {
            let Some((k, column)) = form_key(&key) else {
                continue;
            };
            kind.get_or_insert(k);
            if let Some(other) = columns.insert(column.to_owned(), col) {
                let mut p = Problem::new(
                    ProblemKind::DuplicateKey,
                    None,
                    "",
                    format!(
                        "the hidden key `{}` is in two columns, {} and {}: keep one (a copied column?)",
                        key.trim(),
                        crate::model::form::column_name(other),
                        crate::model::form::column_name(col)
                    ),
                );
                p.cell = Some(cell_address(&sheet.name, 0, col).into());
                b.problems.push(p);
            }
        }
        if let Some(kind) = kind {
            sheet.kind = kind;
            sheet.columns = columns;
            out.push(sheet);
        }
    }
    out
}

/// A sheet's cells as text, by (row, column).
pub(crate) type TextCells = BTreeMap<(u32, u32), String>;

/// The first sheet of a workbook as text cells (numbers as the decimal Excel shows, dates
/// as `YYYY-MM-DD`), with the sheet's name: a table a roster is read from. Within the same
/// limits as a form: every cell's text counted each time it is used.
pub(crate) fn first_sheet_text(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(String, TextCells), Problem> {
    let mut book = Book::open(bytes, limits)?;
    let Some(name) = book.sheets.first().map(|s| s.name.clone()) else {
        return Err(whole(
            "the workbook has no sheet".into(),
            ProblemKind::MissingKey,
        ));
    };
    let sheet = book.sheet(0, |_, _| true)?.unwrap_or_default();
    let mut left = limits.input_bytes;
    let mut out = BTreeMap::new();
    for (pos, cell) in &sheet.cells {
        let text: std::borrow::Cow<'_, str> = match cell {
            xlsx::Cell::Text(t) => book.text(t).into(),
            xlsx::Cell::Number(s) | xlsx::Cell::Moment(s) => s.as_ref().into(),
            xlsx::Cell::Date(d) => d.to_string().into(),
            xlsx::Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            xlsx::Cell::Error(e) => format!("#{e}").into(),
            xlsx::Cell::Bad(m) => {
                let (r, c) = *pos;
                return Err(whole(
                    format!("{}: {m}", cell_address(&name, r, c)),
                    ProblemKind::BadValue,
                ));
            }
        };
        left = left.checked_sub(text.len()).ok_or_else(|| {
            whole(
                format!(
                    "the text of the sheet's cells, counted each time a cell is used, is over the limit of {} bytes of one input",
                    limits.input_bytes
                ),
                ProblemKind::TooLarge,
            )
        })?;
        out.insert(*pos, text.into_owned());
    }
    Ok((name, out))
}

/// The text of a number written as text, as a decimal the submission reader takes, never
/// guessed: one separator (`.` or `,`) is a decimal separator, unless exactly three digits
/// follow it after a whole part that could lead a thousands group (one to three digits, not
/// zero: `1.862`, `12,500`), which could as well be a thousands separator and is refused;
/// more than one separator is refused. `0,614` (a group never starts with zero), `12,5` and
/// `1234.567` (no group has four digits) read as decimals.
fn text_number(raw: &str, percent: bool) -> Result<String, String> {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let (t, is_percent) = match t.strip_suffix('%') {
        Some(x) if percent => (x.to_owned(), true),
        Some(_) => return Err(format!("`{raw}` is a percentage; write the number itself")),
        None => (t, false),
    };
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(&t)),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let plain = match body.find([',', '.']) {
        None if !body.is_empty() && digits(body) => body.to_owned(),
        None => return Err(format!("`{raw}` is not a number")),
        Some(i) => {
            let (whole, rest) = body.split_at(i);
            let frac = rest.get(1..).unwrap_or("");
            if frac.contains([',', '.']) {
                return Err(format!(
                    "`{raw}` has separators; write the number without them (1000, or 1.5)"
                ));
            }
            if !digits(whole) || !digits(frac) || (whole.is_empty() && frac.is_empty()) {
                return Err(format!("`{raw}` is not a number"));
            }
            if frac.len() == 3 && whole.len() <= 3 && whole.bytes().any(|b| b != b'0') {
                return Err(format!(
                    "`{raw}` could be {whole}{frac} (a thousands separator) or {whole}.{frac} (a decimal one); write it in a number cell, or without the separator ({whole}{frac}), or with a fourth decimal ({whole}.{frac}0)"
                ));
            }
            let whole = if whole.is_empty() { "0" } else { whole };
            if frac.is_empty() {
                whole.to_owned()
            } else {
                format!("{whole}.{frac}")
            }
        }
    };
    let t = format!("{sign}{plain}");
    if is_percent {
        let d: rust_decimal::Decimal = t.parse().map_err(|_| format!("`{raw}` is not a number"))?;
        let d = d
            .checked_div(rust_decimal::Decimal::ONE_HUNDRED)
            .ok_or_else(|| format!("`{raw}` is out of range"))?;
        return Ok(d.normalize().to_string());
    }
    Ok(t)
}

/// A date written as text: `dd/mm/yyyy` (or with `-` or `.`), or `yyyy-mm-dd`.
fn text_date(raw: &str) -> Option<Date> {
    let t = raw.trim();
    if let Ok(d) = t.parse::<Date>() {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// What a field of a form takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Text,
    Number { percent: bool },
    Date,
    YesNo,
}

/// The node for a cell, or a problem at the cell.
fn value(
    b: &mut Build,
    sheet: &Sheet,
    (row, col): (u32, u32),
    want: Want,
    code: Option<&str>,
    field: &str,
) -> Option<Node> {
    let cell = sheet.get(row, col)?;
    let bad = |what: &str| -> String {
        match want {
            Want::Text => format!("{what}; expected text"),
            Want::Number { .. } => format!("{what}; expected a number"),
            Want::Date => format!("{what}; expected a date (dd/mm/yyyy)"),
            Want::YesNo => format!("{what}; expected Có or Không (Yes or No)"),
        }
    };
    let taken = match cell {
        Cell::Text(t) | Cell::Number(t) | Cell::Moment(t) => t.len(),
        _ => 0,
    };
    if !b.take_text(taken) {
        return None;
    }
    let out = match (cell, want) {
        (Cell::Error(e), _) => Err((
            ProblemKind::BadValue,
            format!("the cell holds the Excel error {e}; expected a value"),
        )),
        (Cell::Bad(m), Want::Date) => Err((ProblemKind::BadDate, m.to_owned())),
        (Cell::Bad(m), _) => Err((ProblemKind::BadValue, m.to_owned())),
        (Cell::Moment(m), Want::Date) => Err((
            ProblemKind::BadDate,
            format!("`{m}` has a time of day; expected a date alone"),
        )),
        (Cell::Moment(m), _) => Err((
            ProblemKind::WrongType,
            bad(&format!("a date and time `{m}`")),
        )),
        (Cell::Text(t), Want::Text) => Ok(Value::Str(t.into())),
        (Cell::Number(n), Want::Text) => Ok(Value::Str(n.into())),
        (Cell::Date(d), Want::Text) => Ok(Value::Str(d.to_string().into())),
        (Cell::Bool(_), Want::Text) => Err((ProblemKind::WrongType, bad("TRUE or FALSE"))),
        (Cell::Number(n), Want::Number { .. }) => Ok(Value::Num(n.into())),
        (Cell::Text(t), Want::Number { percent }) => text_number(t, percent)
            .map(|n| Value::Num(n.into()))
            .map_err(|m| (ProblemKind::WrongType, m)),
        (Cell::Date(d), Want::Number { .. }) => {
            Err((ProblemKind::WrongType, bad(&format!("a date {d}"))))
        }
        (Cell::Bool(_), Want::Number { .. }) => Err((ProblemKind::WrongType, bad("TRUE or FALSE"))),
        (Cell::Date(d), Want::Date) => Ok(Value::Str(d.to_string().into())),
        (Cell::Text(t), Want::Date) => text_date(t)
            .map(|d| Value::Str(d.to_string().into()))
            .ok_or((
                ProblemKind::BadDate,
                format!(
                    "`{}` is not a date; expected dd/mm/yyyy, e.g. 15/01/2024",
                    quoted(t)
                ),
            )),
        (Cell::Number(n), Want::Date) => Err((
            ProblemKind::BadDate,
            format!(
                "the number {n} is not a date; expected dd/mm/yyyy (format the cell as a date)"
            ),
        )),
        (Cell::Bool(x), Want::YesNo) => Ok(Value::Bool(x)),
        (Cell::Text(t), Want::YesNo) => yes_no(t)
            .map(Value::Bool)
            .ok_or((ProblemKind::BadValue, bad(&format!("`{}`", quoted(t))))),
        (Cell::Number(n), Want::YesNo) => yes_no(n)
            .map(Value::Bool)
            .ok_or((ProblemKind::BadValue, bad(&format!("the number {n}")))),
        (Cell::Bool(_), Want::Date) => Err((ProblemKind::BadDate, bad("TRUE or FALSE"))),
        (Cell::Date(d), Want::YesNo) => Err((ProblemKind::WrongType, bad(&format!("a date {d}")))),
    };
    match out {
        Ok(v) => Some(b.node(v, sheet, row, col)),
        Err((kind, message)) => {
            b.problem(kind, code, field, (sheet, row, col), message);
            None
        }
    }
}

/// The form's `form` row: the format this version reads, or the whole form refused.
fn form_version(s: &Sheet, b: &mut Build, row: u32, vc: u32) -> Option<()> {
    match s.get(row, vc) {
        Some(Cell::Text(t)) if t.trim() == FORM_FORMAT => {}
        other => {
            let shown = match other {
                Some(Cell::Text(t)) => format!("`{t}`"),
                _ => "nothing".into(),
            };
            b.problem(
                ProblemKind::BadValue,
                None,
                "form",
                (s, row, vc),
                format!("the form's format is {shown}; this version reads `{FORM_FORMAT}` (make a new form with `par-index template`)"),
            );
            return None;
        }
    }
    Some(())
}

/// The `methodology_sha256` row: the hash of the methodology the form was made from.
fn made_from(s: &Sheet, b: &mut Build, row: u32, vc: u32) {
    match s.get(row, vc) {
        Some(Cell::Text(t))
            if t.trim().len() == 64 && t.trim().bytes().all(|c| c.is_ascii_hexdigit()) =>
        {
            let pos = b.pos(s, row, vc);
            b.made_from = Some((t.trim().to_ascii_lowercase(), pos));
        }
        other => {
            let shown = match other {
                None => "empty".to_owned(),
                Some(Cell::Text(t) | Cell::Number(t)) => format!("`{}`", quoted(t)),
                Some(_) => "not text".to_owned(),
            };
            b.problem(
            ProblemKind::BadValue,
            None,
            "methodology_sha256",
            (s, row, vc),
            format!(
                "the SHA-256 of the methodology the form was made from is {shown}; expected the 64 hexadecimal digits `par-index template` wrote (make the form again with `par-index template`; `--from` carries the answers over)"
            ),
        );
        }
    }
}

/// Build the submission's document tree from the form's sheets.
fn tree(sheets: &[Sheet], b: &mut Build) -> Option<Node> {
    let mut by_kind: BTreeMap<SheetKind, &Sheet> = BTreeMap::new();
    for s in sheets {
        if let Some(other) = by_kind.insert(s.kind, s) {
            b.problems.push(whole(
                format!(
                    "sheets `{}` and `{}` are both the form's {} sheet (a copy?): keep one",
                    other.name,
                    s.name,
                    s.kind.key()
                ),
                ProblemKind::DuplicateKey,
            ));
            return None;
        }
    }
    let (Some(unit), Some(items)) = (
        by_kind.get(&SheetKind::Unit),
        by_kind.get(&SheetKind::Items),
    ) else {
        let missing: Vec<&str> = [SheetKind::Unit, SheetKind::Items]
            .into_iter()
            .filter(|k| !by_kind.contains_key(k))
            .map(|k| k.key())
            .collect();
        b.problems.push(whole(
            format!(
                "not a par-index form: no `{}` sheet (a sheet whose hidden first row holds its keys, `unit:…` or `items:…`; make a form with `par-index template`)",
                missing.join("`, `")
            ),
            ProblemKind::MissingKey,
        ));
        return None;
    };
    let mut top: Vec<(Str, Node)> = Vec::new();
    unit_fields(unit, b, &mut top)?;
    let answers = answers(items, b);
    top.push((
        "answers".into(),
        Node {
            value: Value::Table(answers),
            pos: None,
        },
    ));
    if let Some(entries_sheet) = by_kind.get(&SheetKind::Entries) {
        let (bonus, penalty) = entries(entries_sheet, b);
        for (key, list) in [("bonus", bonus), ("penalty", penalty)] {
            if !list.is_empty() {
                top.push((
                    key.into(),
                    Node {
                        value: Value::Array(list),
                        pos: None,
                    },
                ));
            }
        }
    }
    Some(Node {
        value: Value::Table(top),
        pos: None,
    })
}

fn unit_fields(s: &Sheet, b: &mut Build, top: &mut Vec<(Str, Node)>) -> Option<()> {
    let (Some(kc), Some(vc)) = (s.col("key"), s.col("value")) else {
        b.problems.push(whole(
            format!(
                "sheet `{}`: its hidden first row lost the `unit:key` or `unit:value` key",
                s.name
            ),
            ProblemKind::MissingKey,
        ));
        return None;
    };
    let mut unit: Vec<(Str, Node)> = Vec::new();
    let mut form_seen = false;
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let rows = s.rows_within(b, UNIT_SHEET_ROWS, "rows the unit sheet may have")?;
    if s.hidden && !rows.is_empty() {
        b.note(
            s,
            0,
            vc,
            None,
            format!("sheet `{}` is hidden; its fields were read", s.name),
        );
    }
    for row in rows {
        let Some(Cell::Text(key)) = s.get(row, kc) else {
            continue;
        };
        let key = key.trim();
        let at = (row, vc);
        if let Some(first) = seen.insert(key.to_owned(), row) {
            b.problem(
                ProblemKind::DuplicateKey,
                None,
                key,
                (s, row, kc),
                format!(
                    "`{}` has a second row (the first is row {}): keep one",
                    quoted(key),
                    u64::from(first).saturating_add(1)
                ),
            );
            continue;
        }
        if s.row_hidden(row) && s.get(row, vc).is_some() {
            b.note(
                s,
                row,
                vc,
                None,
                format!(
                    "row {} (`{key}`) is hidden; its value was read",
                    u64::from(row) + 1
                ),
            );
        }
        match key {
            "form" => {
                form_seen = true;
                form_version(s, b, row, vc)?;
            }
            "methodology" => {
                if let Some(n) = text_or_empty(b, s, at, "methodology") {
                    top.push(("methodology".into(), n));
                }
            }
            "methodology_sha256" => made_from(s, b, row, vc),
            "unit.code" | "unit.name" => {
                if let Some(n) = text_or_empty(b, s, at, key) {
                    unit.push((key.trim_start_matches("unit.").into(), n));
                }
            }
            "period" => {
                if let Some(n) = text_or_empty(b, s, at, "period") {
                    top.push(("period".into(), n));
                }
            }
            "survey_held" => {
                if let Some(n) = value(b, s, at, Want::YesNo, None, "survey_held") {
                    top.push(("survey_held".into(), n));
                }
            }
            other => {
                b.problem(
                    ProblemKind::UnknownKey,
                    None,
                    other,
                    (s, row, kc),
                    format!("`{}` is not a field of the unit sheet", quoted(other)),
                );
            }
        }
    }
    if !form_seen {
        b.problems.push(whole(
            format!("sheet `{}` has no `form` row: not a par-index form", s.name),
            ProblemKind::MissingKey,
        ));
        return None;
    }
    if !seen.contains_key("methodology_sha256") {
        let mut p = Problem::new(
            ProblemKind::MissingKey,
            None,
            "methodology_sha256",
            format!(
                "sheet `{}` has no `methodology_sha256` row: the form cannot be checked against the methodology it was made from (make the form again with `par-index template`; `--from` carries the answers over)",
                s.name
            ),
        );
        p.cell = Some(cell_address(&s.name, 0, kc).into());
        b.problems.push(p);
    }
    let pos = s.col("value").and_then(|c| {
        let row = s
            .rows()
            .into_iter()
            .find(|r| matches!(s.get(*r, kc), Some(Cell::Text(k)) if k.trim() == "unit.code"))?;
        b.pos(s, row, c)
    });
    top.push((
        "unit".into(),
        Node {
            value: Value::Table(unit),
            pos,
        },
    ));
    Some(())
}

/// A text cell of the unit sheet; an empty one as empty text at its cell, which the reader
/// then refuses there.
fn text_or_empty(b: &mut Build, s: &Sheet, at: (u32, u32), field: &str) -> Option<Node> {
    if s.get(at.0, at.1).is_none() {
        return Some(b.node(Value::Str(Str::default()), s, at.0, at.1));
    }
    value(b, s, at, Want::Text, None, field)
}

/// The evidence documents of a row: one per slot with anything written.
fn evidence(s: &Sheet, row: u32, b: &mut Build, code: Option<&str>, base: &str) -> Option<Node> {
    let mut slots: BTreeMap<usize, Vec<(&str, u32)>> = BTreeMap::new();
    for (key, col) in &s.columns {
        if let Some((slot, field)) = parse_evidence_key(key) {
            slots.entry(slot).or_default().push((field, *col));
        }
    }
    let mut docs = Vec::new();
    let mut first = None;
    for fields in slots.values_mut() {
        fields.sort_by_key(|(_, c)| *c);
        let filled: Vec<(&str, u32)> = fields
            .iter()
            .copied()
            .filter(|(_, c)| s.get(row, *c).is_some())
            .collect();
        let Some((_, first_col)) = filled.first().copied() else {
            continue;
        };
        first.get_or_insert(first_col);
        let i = docs.len();
        let mut doc = Vec::new();
        // The fields a document must have, left empty: empty text at their own cell, which
        // the reader refuses there.
        for (field, col) in fields.iter().copied() {
            if matches!(field, "number" | "date" | "issuer" | "title") && s.get(row, col).is_none()
            {
                let n = b.node(Value::Str(Str::default()), s, row, col);
                doc.push((field.into(), n));
            }
        }
        for (field, col) in filled {
            let want = if field == "date" {
                Want::Date
            } else {
                Want::Text
            };
            let name = format!("{base}.evidence[{i}].{field}");
            if let Some(n) = value(b, s, (row, col), want, code, &name) {
                doc.push((field.into(), n));
            }
        }
        docs.push(b.node(Value::Table(doc), s, row, first_col));
    }
    let first = first?;
    Some(b.node(Value::Array(docs), s, row, first))
}

/// The item code of a row of the items sheet (none for a row without one, which may not
/// carry answers).
fn row_code(s: &Sheet, b: &mut Build, row: u32, cc: u32, written: &[u32]) -> Option<String> {
    let code = match s.get(row, cc) {
        Some(Cell::Text(t)) if t.trim().len() > CODE_CHARS => {
            b.problem(
                ProblemKind::UnknownCode,
                None,
                "answers",
                (s, row, cc),
                format!("`{}` is not an item code", quoted(t.trim())),
            );
            return None;
        }
        Some(Cell::Text(t)) => Some(t.trim().to_owned()),
        Some(Cell::Number(n)) => Some(n.to_owned()),
        _ => None,
    };
    if code.is_none()
        && let Some(c) = written.first()
    {
        b.problem(
            ProblemKind::MissingKey,
            None,
            "answers",
            (s, row, *c),
            "a row with answers but no item code: answers go on the rows the form made".into(),
        );
    }
    code
}

/// The columns an answer's value is read from.
struct AnswerCols {
    v1: u32,
    v2: Option<u32>,
    na: Option<u32>,
}

/// The measure of an answer (or its "not applicable"), pushed onto `answer`: `None` when the
/// row is refused, else whether a value cell could not be read.
fn measure(
    s: &Sheet,
    b: &mut Build,
    row: u32,
    cols: &AnswerCols,
    input: Input,
    code: &str,
    answer: &mut Vec<(Str, Node)>,
) -> Option<bool> {
    let AnswerCols { v1, v2, na } = *cols;
    let base = format!("answers.{code}");
    let mut cell_failed = false;
    let ticked = na.and_then(|c| {
        let n = value(
            b,
            s,
            (row, c),
            Want::YesNo,
            Some(code),
            &format!("{base}.not_applicable"),
        )?;
        Some((c, n))
    });
    let (f1, f2) = input.fields();
    let has_value = s.get(row, v1).is_some() || v2.is_some_and(|c| s.get(row, c).is_some());
    match ticked {
        Some((c, n)) if matches!(n.value, Value::Bool(true)) => {
            if has_value {
                b.problem(
                    ProblemKind::WrongMeasure,
                    Some(code),
                    &base,
                    (s, row, c),
                    "not applicable is chosen and a value is written: keep one".into(),
                );
                return None;
            }
            answer.push(("not_applicable".into(), n));
        }
        _ => {
            let want = match input {
                Input::Met => Want::YesNo,
                Input::Dates => Want::Date,
                Input::Satisfaction => Want::Number { percent: true },
                _ => Want::Number { percent: false },
            };
            if has_value {
                let before = b.problems.len();
                if let Some(n) = value(b, s, (row, v1), want, Some(code), &format!("{base}.{f1}")) {
                    answer.push((f1.into(), n));
                }
                if let (Some(f2), Some(c2)) = (f2, v2) {
                    match value(b, s, (row, c2), want, Some(code), &format!("{base}.{f2}")) {
                        Some(n) => answer.push((f2.into(), n)),
                        // Not done: the date done left empty.
                        None if input == Input::Dates && s.get(row, c2).is_none() => {
                            let n = b.node(Value::Null, s, row, c2);
                            answer.push((f2.into(), n));
                        }
                        None => {}
                    }
                }
                // A value cell that could not be read is its own problem: the answer's
                // other cells are still read for theirs, but it is not read as missing.
                cell_failed = b.problems.len() > before;
            }
        }
    }
    Some(cell_failed)
}

/// The columns of a sheet that hold answers (everything a unit writes).
fn input_columns(s: &Sheet, keys: &[&str]) -> Vec<u32> {
    let mut cols: Vec<u32> = s
        .columns
        .iter()
        .filter(|(k, _)| keys.contains(&k.as_str()) || parse_evidence_key(k).is_some())
        .map(|(_, c)| *c)
        .collect();
    cols.sort_unstable();
    cols
}

fn answers(s: &Sheet, b: &mut Build) -> Vec<(Str, Node)> {
    let mut out = Vec::new();
    let (Some(cc), Some(kc), Some(v1)) = (s.col("code"), s.col("kind"), s.col("value1")) else {
        b.problems.push(whole(
            format!("sheet `{}`: its hidden first row lost the `items:code`, `items:kind` or `items:value1` key", s.name),
            ProblemKind::MissingKey,
        ));
        return out;
    };
    // A form has a row per area, criterion and sub-criterion: no more than a methodology
    // has items.
    let Some(rows) = s.rows_within(b, b.limits.items, "items a methodology may have") else {
        return out;
    };
    let v2 = s.col("value2");
    let na = s.col("na");
    let ex = s.col("explanation");
    let inputs = input_columns(s, &["value1", "value2", "na", "explanation"]);
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let mut sheet_noted = false;
    for row in rows {
        let written: Vec<u32> = inputs
            .iter()
            .copied()
            .filter(|c| s.get(row, *c).is_some())
            .collect();
        let Some(code) = row_code(s, b, row, cc, &written) else {
            continue;
        };
        let kind = match s.get(row, kc) {
            Some(Cell::Text(t)) => Input::from_key(t.trim()),
            _ => None,
        };
        let Some(input) = kind else {
            if let Some(c) = written.first() {
                b.problem(
                    ProblemKind::UnknownCode,
                    Some(&code),
                    &format!("answers.{code}"),
                    (s, row, *c),
                    format!("{code} is an area or criterion, or a row the form did not make: answers go on sub-criterion rows"),
                );
            }
            continue;
        };
        if let Some(first) = seen.insert(code.clone(), row) {
            b.problem(
                ProblemKind::DuplicateCode,
                Some(&code),
                &format!("answers.{code}"),
                (s, row, cc),
                format!(
                    "item {code} has a second row (the first is row {}): keep one",
                    u64::from(first).saturating_add(1)
                ),
            );
            continue;
        }
        if written.is_empty() {
            continue;
        }
        hidden_note(
            b,
            s,
            row,
            written.first().copied(),
            Some(&code),
            &mut sheet_noted,
        );
        let base = format!("answers.{code}");
        let mut answer: Vec<(Str, Node)> = Vec::new();
        let cols = AnswerCols { v1, v2, na };
        let Some(cell_failed) = measure(s, b, row, &cols, input, &code, &mut answer) else {
            continue;
        };
        if let Some(c) = ex
            && let Some(n) = value(
                b,
                s,
                (row, c),
                Want::Text,
                Some(&code),
                &format!("{base}.explanation"),
            )
        {
            answer.push(("explanation".into(), n));
        }
        if let Some(n) = evidence(s, row, b, Some(&code), &base) {
            answer.push(("evidence".into(), n));
        }
        if cell_failed {
            continue;
        }
        // The answer is placed at its first value cell: a missing measure is reported there.
        let node = b.node(Value::Table(answer), s, row, v1);
        out.push((code.into(), node));
    }
    out
}

/// A note for an answer read from a hidden row, or the first one read from a hidden sheet.
fn hidden_note(
    b: &mut Build,
    s: &Sheet,
    row: u32,
    col: Option<u32>,
    code: Option<&str>,
    sheet_noted: &mut bool,
) {
    let col = col.unwrap_or(0);
    if s.hidden && !*sheet_noted {
        *sheet_noted = true;
        b.note(
            s,
            row,
            col,
            code,
            format!("sheet `{}` is hidden; its answers were read", s.name),
        );
    }
    if s.row_hidden(row) {
        let what = code.map_or_else(|| "an entry".to_owned(), |c| format!("the answer to {c}"));
        b.note(
            s,
            row,
            col,
            code,
            format!("row {} is hidden; {what} was read", u64::from(row) + 1),
        );
    }
}

fn entries(s: &Sheet, b: &mut Build) -> (Vec<Node>, Vec<Node>) {
    let (mut bonus, mut penalty) = (Vec::new(), Vec::new());
    let Some(kc) = s.col("kind") else {
        b.problems.push(whole(
            format!(
                "sheet `{}`: its hidden first row lost the `entries:kind` key",
                s.name
            ),
            ProblemKind::MissingKey,
        ));
        return (bonus, penalty);
    };
    let inputs = input_columns(s, &["kind", "amount", "reason"]);
    let Some(rows) = s.rows_within(b, b.limits.answers, "entries a form may have") else {
        return (bonus, penalty);
    };
    let mut sheet_noted = false;
    for row in rows {
        let Some(first) = inputs.iter().copied().find(|c| s.get(row, *c).is_some()) else {
            continue;
        };
        hidden_note(b, s, row, Some(first), None, &mut sheet_noted);
        let is_bonus = match s.get(row, kc) {
            Some(Cell::Text(t)) => match entry_kind(t) {
                Some(k) => k,
                None => {
                    b.problem(
                        ProblemKind::BadValue,
                        None,
                        "bonus",
                        (s, row, kc),
                        format!("`{}` is not Thưởng or Trừ (Bonus or Penalty)", quoted(t)),
                    );
                    continue;
                }
            },
            _ => {
                b.problem(
                    ProblemKind::MissingKey,
                    None,
                    "bonus",
                    (s, row, first),
                    "an entry with no kind: choose Thưởng or Trừ (Bonus or Penalty)".into(),
                );
                continue;
            }
        };
        let (list, name) = if is_bonus {
            (&mut bonus, "bonus")
        } else {
            (&mut penalty, "penalty")
        };
        let base = format!("{name}[{}]", list.len());
        let mut entry: Vec<(Str, Node)> = Vec::new();
        if let Some(c) = s.col("amount")
            && let Some(n) = value(
                b,
                s,
                (row, c),
                Want::Number { percent: false },
                None,
                &format!("{base}.amount"),
            )
        {
            entry.push(("amount".into(), n));
        }
        if let Some(c) = s.col("reason")
            && let Some(n) = value(b, s, (row, c), Want::Text, None, &format!("{base}.reason"))
        {
            entry.push(("reason".into(), n));
        }
        if let Some(n) = evidence(s, row, b, None, &base) {
            entry.push(("evidence".into(), n));
        }
        let node = b.node(Value::Table(entry), s, row, kc);
        list.push(node);
    }
    (bonus, penalty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_written_as_text_read_as_meant() {
        assert_eq!(text_number("912", false).unwrap(), "912");
        assert_eq!(text_number(" 0,87 ", false).unwrap(), "0.87");
        assert_eq!(text_number("87%", true).unwrap(), "0.87");
        assert_eq!(text_number("87,5%", true).unwrap(), "0.875");
        assert!(text_number("87%", false).is_err());
        assert!(text_number("1.000,5", false).is_err());
        assert!(text_number("1.862.000", false).is_err());
        assert!(text_number("abc", false).is_err());
        assert!(text_number("", false).is_err());
        assert!(text_number("-", false).is_err());
        assert!(text_number(",", false).is_err());
    }

    /// A separator before exactly three digits after a whole part that could lead a
    /// thousands group could be either kind, whichever it is; everything else is one number.
    #[test]
    fn a_separator_is_ambiguous_only_before_three_digits_after_a_whole_number() {
        for ambiguous in ["1.862", "1,862", "-1,862", "12.500", "999,999", "001,862"] {
            let e = text_number(ambiguous, false).unwrap_err();
            assert!(e.contains("thousands separator"), "{ambiguous}: {e}");
        }
        for (text, read) in [
            ("0,614", "0.614"),
            ("0.614", "0.614"),
            ("-0,614", "-0.614"),
            ("00,614", "00.614"),
            (",614", "0.614"),
            ("12,5", "12.5"),
            ("1862", "1862"),
            ("1,8620", "1.8620"),
            ("1862,000", "1862.000"),
            ("1.86", "1.86"),
            ("12,", "12"),
            ("+3", "3"),
        ] {
            assert_eq!(text_number(text, false).unwrap(), read, "{text}");
        }
        // A percentage: 95,125% is 0.95125 either way; 1.862% is as ambiguous as 1.862.
        assert_eq!(text_number("95,5%", true).unwrap(), "0.955");
        assert!(text_number("1.862%", true).is_err());
    }

    #[test]
    fn text_dates() {
        assert_eq!(text_date("15/01/2024"), Date::new(2024, 1, 15));
        assert_eq!(text_date("5-1-2024"), Date::new(2024, 1, 5));
        assert_eq!(text_date("2024-01-15"), Date::new(2024, 1, 15));
        assert_eq!(text_date("31/02/2024"), None);
        assert_eq!(text_date("01/15/24"), None);
    }

    mod laws {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// A number written with either separator reads as that number, unless it has
            /// exactly three digits after a whole part of one to three digits that is not
            /// zero: then it is refused, whichever the separator.
            #[test]
            fn a_text_number_reads_exactly_or_is_refused_as_ambiguous(
                whole in 0u64..100_000_000,
                frac in proptest::option::of("[0-9]{1,8}"),
                comma in any::<bool>(),
                negative in any::<bool>(),
            ) {
                let sep = if comma { "," } else { "." };
                let sign = if negative { "-" } else { "" };
                let text = match &frac {
                    Some(f) => format!("{sign}{whole}{sep}{f}"),
                    None => format!("{sign}{whole}"),
                };
                let read = text_number(&text, false);
                let whole_text = whole.to_string();
                let ambiguous = frac.as_ref().is_some_and(|f| f.len() == 3)
                    && whole_text.len() <= 3
                    && whole != 0;
                if ambiguous {
                    prop_assert!(read.unwrap_err().contains("thousands separator"));
                } else {
                    let expected: rust_decimal::Decimal = match &frac {
                        Some(f) => format!("{sign}{whole}.{f}"),
                        None => format!("{sign}{whole}"),
                    }
                    .parse()
                    .unwrap();
                    let got: rust_decimal::Decimal = read.unwrap().parse().unwrap();
                    prop_assert_eq!(got, expected);
                }
            }
        }
    }
}
