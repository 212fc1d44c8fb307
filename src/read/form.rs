//! Reading an Excel form back (`.xlsx`, from `par-index template`, filled in Excel or
//! LibreOffice) into a submission, every problem placed at its sheet and cell.
//!
//! The cells are turned into the same document tree a JSON submission is parsed into, and
//! read by the same reader (`read/submission.rs`): one description of a submission, whatever
//! it was written in. Sheets and columns are found by the keys of their hidden first row
//! (`model/form.rs`), so renamed or reordered sheets and columns read as before.
//!
//! **Numbers.** An Excel number cell holds a binary double. It is converted here, once, to
//! the shortest decimal that reads back as the same double (what Excel shows for it: `0.87`,
//! never `0.8699999999999999`), and from then on it is that exact decimal. This is the only
//! place the crate reads a float. Text cells holding numbers are read as written, with a
//! decimal comma (`0,87`) taken as a decimal point; a comma before exactly three digits
//! (`1,000`) could be either and is refused. A satisfaction may be written as a percentage
//! (`87%`).
//!
//! **Dates.** A date cell is its day (a time of day is refused); text dates are read as
//! `dd/mm/yyyy` (also with `-` or `.`) or `yyyy-mm-dd`.
//!
//! **Merged cells** hold their value in every cell they cover.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

use calamine::{DataRef, Dimensions, Reader as _, Xlsx};

use crate::error::{Problem, ProblemKind};
use crate::model::date::Date;
use crate::model::form::{
    FORM_FORMAT, Input, SheetKind, cell_address, entry_kind, parse_evidence_key, yes_no,
};
use crate::read::limits::Limits;
use crate::read::submission::SubmissionRead;
use crate::read::tree::{Node, Str, Value};

/// A cell's value, as the form reader uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cell {
    Text(String),
    /// A number cell, as the shortest decimal text of its double.
    Number(String),
    Bool(bool),
    Date(Date),
    /// A date cell with a time of day, or a duration: what it shows.
    Moment(String),
    /// An Excel error (`#N/A`, `#DIV/0!`).
    Error(String),
}

impl Cell {
    fn is_blank(&self) -> bool {
        matches!(self, Cell::Text(t) if t.trim().is_empty())
    }
}

/// Merged regions a sheet may have: each cell looked up may be checked against each.
const MERGED_REGIONS: usize = 1_000;

/// Rows the unit sheet may have (it has seven, and a title).
const UNIT_SHEET_ROWS: usize = 100;

/// One sheet of the form.
struct Sheet {
    name: String,
    kind: SheetKind,
    cells: BTreeMap<(u32, u32), Cell>,
    merged: Vec<Dimensions>,
    /// Column of each key (`value1`, `ev2.date`).
    columns: BTreeMap<String, u32>,
}

impl Sheet {
    /// The value of a cell (a merged cell's own value in every cell it covers), blank text
    /// as nothing.
    fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        let own = self.cells.get(&(row, col)).or_else(|| {
            let region = self.merged.iter().find(|d| {
                (d.start.0..=d.end.0).contains(&row) && (d.start.1..=d.end.1).contains(&col)
            })?;
            self.cells.get(&region.start)
        });
        own.filter(|c| !c.is_blank())
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
        self.cells
            .keys()
            .map(|(r, _)| *r)
            .filter(|r| *r >= 2)
            .collect()
    }
}

/// What is built while reading: the cell of each node's position, and the problems found in
/// the cells themselves.
struct Build {
    limits: Limits,
    cells: Vec<String>,
    problems: Vec<Problem>,
    /// The SHA-256 of the methodology the form was made from, and its cell's position.
    made_from: Option<(String, Option<(u32, u32)>)>,
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
    Ok(read)
}

/// Read an Excel form within `limits`.
pub(crate) fn read_form_within(bytes: &[u8], limits: &Limits) -> SubmissionRead {
    let mut b = Build {
        limits: *limits,
        cells: Vec::new(),
        problems: Vec::new(),
        made_from: None,
    };
    let root = match sheets(bytes, limits) {
        Ok(sheets) => tree(&sheets, &mut b),
        Err(p) => {
            b.problems.push(p);
            None
        }
    };
    match root {
        Some(root) => SubmissionRead::from_cells(&root, limits, b.cells, b.problems, b.made_from),
        None => SubmissionRead::from_problems(b.problems),
    }
}

fn whole(message: String, kind: ProblemKind) -> Problem {
    Problem::new(kind, None, "", message)
}

/// The sheets of the workbook that are the form's, found by their keys.
fn sheets(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, Problem> {
    check_archive(bytes, limits)?;
    let not_xlsx = |e: calamine::XlsxError| {
        whole(
            format!("not a readable Excel workbook (.xlsx): {e}"),
            ProblemKind::Syntax,
        )
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let names = book.sheet_names();
    let mut out: Vec<Sheet> = Vec::new();
    let mut count = 0usize;
    for name in names {
        let merged: Vec<Dimensions> = book.merge_cells_by_sheet_name(&name).map_err(not_xlsx)?;
        let mut cells = BTreeMap::new();
        {
            let mut reader = book.worksheet_cells_reader(&name).map_err(not_xlsx)?;
            while let Some(cell) = reader.next_cell().map_err(not_xlsx)? {
                let Some(value) = convert(cell.get_value()) else {
                    continue;
                };
                count = count.saturating_add(1);
                if count > limits.values {
                    return Err(whole(
                        format!("more than {} cells, over the limit", limits.values),
                        ProblemKind::TooLarge,
                    ));
                }
                cells.insert(cell.get_position(), value);
            }
        }
        if merged.len() > MERGED_REGIONS {
            return Err(whole(
                format!(
                    "sheet {name}: {} merged regions, over the limit of {MERGED_REGIONS}",
                    merged.len()
                ),
                ProblemKind::TooLarge,
            ));
        }
        // The hidden first row names the sheet and its columns: `items:value1`.
        let mut kind = None;
        let mut columns = BTreeMap::new();
        for ((_, col), value) in cells.range((0, 0)..(1, 0)) {
            let Cell::Text(key) = value else { continue };
            let Some((sheet, column)) = key.split_once(':') else {
                continue;
            };
            let Some(k) = SheetKind::from_key(sheet) else {
                continue;
            };
            kind = Some(k);
            columns.insert(column.to_owned(), *col);
        }
        if let Some(kind) = kind {
            out.push(Sheet {
                name,
                kind,
                cells,
                merged,
                columns,
            });
        }
    }
    Ok(out)
}

/// A sheet's cells as text, by (row, column).
pub(crate) type TextCells = BTreeMap<(u32, u32), String>;

/// The first sheet of a workbook as text cells (numbers as the decimal Excel shows, dates
/// as `YYYY-MM-DD`), with the sheet's name: a table a roster is read from. Within the same
/// limits as a form.
pub(crate) fn first_sheet_text(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(String, TextCells), Problem> {
    check_archive(bytes, limits)?;
    let not_xlsx = |e: calamine::XlsxError| {
        whole(
            format!("not a readable Excel workbook (.xlsx): {e}"),
            ProblemKind::Syntax,
        )
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let Some(name) = book.sheet_names().into_iter().next() else {
        return Err(whole(
            "the workbook has no sheet".into(),
            ProblemKind::MissingKey,
        ));
    };
    let mut out = BTreeMap::new();
    let mut reader = book.worksheet_cells_reader(&name).map_err(not_xlsx)?;
    while let Some(cell) = reader.next_cell().map_err(not_xlsx)? {
        let text = match convert(cell.get_value()) {
            None => continue,
            Some(Cell::Text(s) | Cell::Number(s) | Cell::Moment(s)) => s,
            Some(Cell::Date(d)) => d.to_string(),
            Some(Cell::Bool(b)) => if b { "TRUE" } else { "FALSE" }.to_owned(),
            Some(Cell::Error(e)) => format!("#{e}"),
        };
        if out.len() >= limits.values {
            return Err(whole(
                format!("more than {} cells, over the limit", limits.values),
                ProblemKind::TooLarge,
            ));
        }
        out.insert(cell.get_position(), text);
    }
    drop(reader);
    Ok((name, out))
}

/// The archive's entries declare their sizes: a workbook that would unpack to more than the
/// limit allows is refused before anything is unpacked.
fn check_archive(bytes: &[u8], limits: &Limits) -> Result<(), Problem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        whole(
            format!("not a readable Excel workbook (.xlsx is a zip archive): {e}"),
            ProblemKind::Syntax,
        )
    })?;
    // The unpacked workbook is the text that is parsed: the limit on one input applies to it
    // (a commune's form is about 25 kB packed, 150 kB unpacked).
    let cap = u64::try_from(limits.input_bytes).unwrap_or(u64::MAX);
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| {
            whole(
                format!("not a readable Excel workbook: {e}"),
                ProblemKind::Syntax,
            )
        })?;
        total = total.saturating_add(entry.size());
    }
    if total > cap {
        return Err(whole(
            format!(
                "the workbook unpacks to {total} bytes, over the limit of {cap} bytes of one input"
            ),
            ProblemKind::TooLarge,
        ));
    }
    Ok(())
}

/// A cell's value; `None` for an empty cell.
fn convert(value: &DataRef<'_>) -> Option<Cell> {
    Some(match value {
        DataRef::Empty => return None,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Int(i) => Cell::Number(i.to_string()),
        DataRef::Float(f) => match float_text(*f) {
            Some(t) => Cell::Number(t),
            None => Cell::Error("a number that is not finite".into()),
        },
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(x) => {
            let (y, mo, d, h, mi, s, ms) = x.to_ymd_hms_milli();
            let date = Date::new(y, mo, d);
            match date {
                Some(date) if !x.is_duration() && (h, mi, s, ms) == (0, 0, 0, 0) => {
                    Cell::Date(date)
                }
                _ => Cell::Moment(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")),
            }
        }
        DataRef::DateTimeIso(s) => {
            let (day, time) = s.split_once('T').unwrap_or((s.as_str(), ""));
            match day.parse::<Date>() {
                Ok(d) if time.trim_start_matches("00:00:00").is_empty() => Cell::Date(d),
                _ => Cell::Moment(s.clone()),
            }
        }
        DataRef::DurationIso(s) => Cell::Moment(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    })
}

/// The shortest decimal text that reads back as the double `f` (Rust's `Display` of a
/// double is exactly that, with no exponent): the one float conversion of the crate.
fn float_text(f: f64) -> Option<String> {
    f.is_finite().then(|| {
        let t = format!("{f}");
        if t == "-0" { "0".to_owned() } else { t }
    })
}

/// The text of a number written as text, as a decimal the submission reader takes.
fn text_number(raw: &str, percent: bool) -> Result<String, String> {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let (t, is_percent) = match t.strip_suffix('%') {
        Some(x) if percent => (x.to_owned(), true),
        Some(_) => return Err(format!("`{raw}` is a percentage; write the number itself")),
        None => (t, false),
    };
    let t = match (t.matches(',').count(), t.contains('.')) {
        (0, _) => t,
        (1, false) => {
            let after = t.rsplit(',').next().unwrap_or("");
            if after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "`{raw}` could be a thousands separator or a decimal comma; write the number without separators (1000, or 1.5)"
                ));
            }
            t.replacen(',', ".", 1)
        }
        _ => {
            return Err(format!(
                "`{raw}` has separators; write the number without them (1000, or 1.5)"
            ));
        }
    };
    let valid = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && t.matches('.').count() <= 1
        && t.bytes().any(|b| b.is_ascii_digit());
    if !valid {
        return Err(format!("`{raw}` is not a number"));
    }
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
    let out = match (cell, want) {
        (Cell::Error(e), _) => Err((
            ProblemKind::BadValue,
            format!("the cell holds the Excel error {e}; expected a value"),
        )),
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
                format!("`{t}` is not a date; expected dd/mm/yyyy, e.g. 15/01/2024"),
            )),
        (Cell::Number(n), Want::Date) => Err((
            ProblemKind::BadDate,
            format!(
                "the number {n} is not a date; expected dd/mm/yyyy (format the cell as a date)"
            ),
        )),
        (Cell::Bool(x), Want::YesNo) => Ok(Value::Bool(*x)),
        (Cell::Text(t), Want::YesNo) => yes_no(t)
            .map(Value::Bool)
            .ok_or((ProblemKind::BadValue, bad(&format!("`{t}`")))),
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
            .map(|k| k.name(crate::model::text::Lang::Vi))
            .collect();
        b.problems.push(whole(
            format!(
                "not a par-index form: no `{}` sheet (a form has a hidden first row of keys on each sheet; make one with `par-index template`)",
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
    let rows = s.rows_within(b, UNIT_SHEET_ROWS, "rows the unit sheet may have")?;
    for row in rows {
        let Some(Cell::Text(key)) = s.get(row, kc) else {
            continue;
        };
        let key = key.trim();
        let at = (row, vc);
        match key {
            "form" => {
                form_seen = true;
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
            }
            "methodology" => {
                if let Some(n) = text_or_empty(b, s, at, "methodology") {
                    top.push(("methodology".into(), n));
                }
            }
            "methodology_sha256" => {
                if let Some(Cell::Text(t)) = s.get(row, vc) {
                    let pos = b.pos(s, row, vc);
                    b.made_from = Some((t.trim().to_owned(), pos));
                }
            }
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
                    format!("`{other}` is not a field of the unit sheet"),
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
    for row in rows {
        let written: Vec<u32> = inputs
            .iter()
            .copied()
            .filter(|c| s.get(row, *c).is_some())
            .collect();
        let code = match s.get(row, cc) {
            Some(Cell::Text(t)) => Some(t.trim().to_owned()),
            Some(Cell::Number(n)) => Some(n.clone()),
            _ => None,
        };
        let Some(code) = code else {
            if let Some(c) = written.first() {
                b.problem(
                    ProblemKind::MissingKey,
                    None,
                    "answers",
                    (s, row, *c),
                    "a row with answers but no item code: answers go on the rows the form made"
                        .into(),
                );
            }
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
        let base = format!("answers.{code}");
        let mut answer: Vec<(Str, Node)> = Vec::new();
        let mut cell_failed = false;
        let ticked = na.and_then(|c| {
            let n = value(
                b,
                s,
                (row, c),
                Want::YesNo,
                Some(&code),
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
                        Some(&code),
                        &base,
                        (s, row, c),
                        "not applicable is chosen and a value is written: keep one".into(),
                    );
                    continue;
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
                    if let Some(n) =
                        value(b, s, (row, v1), want, Some(&code), &format!("{base}.{f1}"))
                    {
                        answer.push((f1.into(), n));
                    }
                    if let (Some(f2), Some(c2)) = (f2, v2) {
                        match value(b, s, (row, c2), want, Some(&code), &format!("{base}.{f2}")) {
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
    for row in rows {
        let Some(first) = inputs.iter().copied().find(|c| s.get(row, *c).is_some()) else {
            continue;
        };
        let is_bonus = match s.get(row, kc) {
            Some(Cell::Text(t)) => match entry_kind(t) {
                Some(k) => k,
                None => {
                    b.problem(
                        ProblemKind::BadValue,
                        None,
                        "bonus",
                        (s, row, kc),
                        format!("`{t}` is not Thưởng or Trừ (Bonus or Penalty)"),
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
        assert!(
            text_number("1,000", false)
                .unwrap_err()
                .contains("thousands")
        );
        assert!(text_number("1.000,5", false).is_err());
        assert!(text_number("abc", false).is_err());
        assert!(text_number("", false).is_err());
    }

    #[test]
    fn doubles_read_as_the_decimal_excel_shows() {
        assert_eq!(float_text(0.87).unwrap(), "0.87");
        assert_eq!(float_text(912.0).unwrap(), "912");
        assert_eq!(
            float_text(0.300_000_000_000_000_04).unwrap(),
            "0.30000000000000004"
        );
        assert_eq!(float_text(-0.0).unwrap(), "0");
        assert_eq!(float_text(1e21).unwrap(), "1000000000000000000000");
        assert!(float_text(f64::NAN).is_none());
    }

    #[test]
    fn text_dates() {
        assert_eq!(text_date("15/01/2024"), Date::new(2024, 1, 15));
        assert_eq!(text_date("5-1-2024"), Date::new(2024, 1, 5));
        assert_eq!(text_date("2024-01-15"), Date::new(2024, 1, 15));
        assert_eq!(text_date("31/02/2024"), None);
        assert_eq!(text_date("01/15/24"), None);
    }
}
