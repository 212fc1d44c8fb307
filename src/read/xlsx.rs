//! Reading Excel workbooks (`.xlsx`, Office Open XML) within limits: the parts a form or a
//! roster needs, each parsed at most once, every cell as Excel shows it.
//!
//! This is a reader of its own (on `zip` and `quick-xml`) rather than a general one because
//! what the form needs is what general readers leave out or do at a cost the limits cannot
//! bound: the hidden state of rows and sheets, a formula beside its saved value, each sheet's
//! part (two sheets may name one part), the first row of a sheet before the rest (a sheet
//! that is not the form's is not read further), and shared strings held once and referred to
//! by cells (a cell holds an index, not a copy).
//!
//! **What a cell is.** Every value is read as Excel shows it:
//!
//! - a number cell holds a binary double; it is read as Excel shows it, to 15 significant
//!   digits (`11.399999999999999` is `11.4`; `model::form::shown_number`). This is the crate's one
//!   float conversion;
//! - a formula made only of numbers and `+ - * / ^ %` and brackets is evaluated exactly in
//!   decimals and shown to 15 significant digits; its saved value, when there is one, must
//!   agree (else the workbook was not recalculated, and the cell says so). Any other formula
//!   is read from its saved value; with none, the cell asks for a recalculation;
//! - a cell formatted as a date is a date serial: a whole serial is a day, a fraction a time
//!   of day; a serial Excel cannot show as a date (below 1, serial 60, Excel's 29 February
//!   1900, past 31 December 9999) is refused with the reason;
//! - text (shared or inline) is read as NFC, with Excel's `_xHHHH_` escapes undone.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Problem, ProblemKind};
use crate::model::date::Date;
use crate::read::limits::Limits;

/// Entries an archive may have.
const ENTRIES: usize = 10_000;
/// Sheets a workbook may list.
const SHEETS: usize = 1_000;
/// Merged regions a sheet may have: each cell looked up may be checked against each.
pub(crate) const MERGED_REGIONS: usize = 1_000;
use crate::model::form::DIGITS;
/// The last row and column (0-based) of a sheet.
const LAST_ROW: u32 = 1_048_575;
const LAST_COL: u32 = 16_383;

fn whole(kind: ProblemKind, message: String) -> Problem {
    Problem::new(kind, None, "", message)
}

fn broken(what: &str, why: impl std::fmt::Display) -> Problem {
    whole(
        ProblemKind::Syntax,
        format!("not a readable Excel workbook (.xlsx): {what}: {why}"),
    )
}

/// A cell's text: a shared string, by its index, or the cell's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TextRef {
    /// The index of a shared string.
    Shared(u32),
    /// The cell's own text (inline, or a formula's text result).
    Own(Box<str>),
}

/// A cell's value, as Excel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    /// Text.
    Text(TextRef),
    /// A number, as the decimal Excel shows.
    Number(Box<str>),
    /// TRUE or FALSE.
    Bool(bool),
    /// A day.
    Date(Date),
    /// A time of day, or a day and time, or a duration: what it shows.
    Moment(Box<str>),
    /// An Excel error (`#N/A`, `#DIV/0!`).
    Error(Box<str>),
    /// A value the reader refuses, with the reason (a date serial Excel cannot show, a
    /// formula with no saved value or one that contradicts it).
    Bad(Box<str>),
}

/// A sheet the workbook lists.
#[derive(Debug, Clone)]
pub(crate) struct SheetInfo {
    /// Its name.
    pub name: String,
    /// Hidden (or very hidden) in Excel.
    pub hidden: bool,
    /// The part holding its cells, when the workbook names one that exists.
    part: Option<String>,
}

/// A sheet's cells, merged regions and hidden rows.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    /// Every cell holding anything, by (row, column), 0-based.
    pub cells: BTreeMap<(u32, u32), Cell>,
    /// Merged regions: (first row, first column), (last row, last column).
    pub merged: Vec<((u32, u32), (u32, u32))>,
    /// Rows hidden in Excel.
    pub hidden_rows: BTreeSet<u32>,
}

/// A number format: what a number cell in it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shows {
    Number,
    DateTime,
    Duration,
}

/// An open workbook: its sheets, shared strings and styles, read once.
pub(crate) struct Book<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// The sheets, in the workbook's order.
    pub sheets: Vec<SheetInfo>,
    strings: Vec<String>,
    styles: Vec<Shows>,
    date1904: bool,
    limits: Limits,
    /// Bytes unpacked so far.
    unpacked: u64,
    /// Parts already parsed.
    parsed: BTreeSet<String>,
}

impl<'a> Book<'a> {
    /// Open a workbook: the archive's declared sizes are checked before anything is
    /// unpacked, then the workbook, its relationships, shared strings and styles are read.
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Book<'a>, Problem> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            whole(
                ProblemKind::Syntax,
                format!("not a readable Excel workbook (.xlsx is a zip archive): {e}"),
            )
        })?;
        if zip.len() > ENTRIES {
            return Err(whole(
                ProblemKind::TooLarge,
                format!(
                    "the workbook has {} parts, over the limit of {ENTRIES}",
                    zip.len()
                ),
            ));
        }
        // The unpacked workbook is the text that is parsed: the limit on one input applies to
        // it (a commune's form is about 25 kB packed, 150 kB unpacked).
        let cap = u64::try_from(limits.input_bytes).unwrap_or(u64::MAX);
        let mut total = 0u64;
        for i in 0..zip.len() {
            let entry = zip
                .by_index_raw(i)
                .map_err(|e| broken("an entry of the archive", e))?;
            total = total.saturating_add(entry.size());
        }
        if total > cap {
            return Err(whole(
                ProblemKind::TooLarge,
                format!(
                    "the workbook unpacks to {total} bytes, over the limit of {cap} bytes of one input"
                ),
            ));
        }
        let mut book = Book {
            zip,
            sheets: Vec::new(),
            strings: Vec::new(),
            styles: Vec::new(),
            date1904: false,
            limits: *limits,
            unpacked: 0,
            parsed: BTreeSet::new(),
        };
        let workbook = book
            .office_document()?
            .unwrap_or_else(|| "xl/workbook.xml".to_owned());
        let Some(text) = book.part(&workbook)? else {
            return Err(broken("no workbook part", &workbook));
        };
        let listed = read_workbook(&text, &mut book.date1904)?;
        let rels = book.relationships(&workbook)?;
        for (name, hidden, id) in listed {
            let part = rels
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.target.clone())
                .filter(|p| book.zip.index_for_name(p).is_some());
            book.sheets.push(SheetInfo { name, hidden, part });
        }
        let of_type = |suffix: &str| {
            rels.iter()
                .find(|r| r.kind.ends_with(suffix))
                .map(|r| r.target.clone())
        };
        let strings = of_type("/sharedStrings").unwrap_or_else(|| "xl/sharedStrings.xml".into());
        if let Some(text) = book.part(&strings)? {
            book.strings = read_shared_strings(&text, limits)?;
        }
        let styles = of_type("/styles").unwrap_or_else(|| "xl/styles.xml".into());
        if let Some(text) = book.part(&styles)? {
            book.styles = read_styles(&text)?;
        }
        Ok(book)
    }

    /// The shared strings, once every sheet needed is read.
    pub(crate) fn into_strings(self) -> Vec<String> {
        self.strings
    }

    /// The text of a cell.
    pub(crate) fn text<'b>(&'b self, t: &'b TextRef) -> &'b str {
        match t {
            TextRef::Own(s) => s,
            TextRef::Shared(i) => usize::try_from(*i)
                .ok()
                .and_then(|i| self.strings.get(i))
                .map_or("", String::as_str),
        }
    }

    /// A part's text, counted against the input limit as it is unpacked; `None` when the
    /// archive has no such part. A part already parsed is refused: no part is parsed twice.
    fn part(&mut self, name: &str) -> Result<Option<String>, Problem> {
        if !self.parsed.insert(name.to_owned()) {
            return Err(whole(
                ProblemKind::DuplicateKey,
                format!("the workbook names its part `{name}` twice (two sheets in one part?)"),
            ));
        }
        let cap = u64::try_from(self.limits.input_bytes).unwrap_or(u64::MAX);
        let left = cap.saturating_sub(self.unpacked);
        let entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(broken(name, e)),
        };
        let mut bytes = Vec::new();
        entry
            .take(left.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| broken(name, e))?;
        self.unpacked = self
            .unpacked
            .saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        if self.unpacked > cap {
            return Err(whole(
                ProblemKind::TooLarge,
                format!("the workbook unpacks to more than the limit of {cap} bytes of one input"),
            ));
        }
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| broken(name, "not UTF-8 text"))
    }

    /// The workbook part the package's relationships name, if any.
    fn office_document(&mut self) -> Result<Option<String>, Problem> {
        let Some(text) = self.part("_rels/.rels")? else {
            return Ok(None);
        };
        let rels = read_relationships(&text, "")?;
        Ok(rels
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map(|r| r.target))
    }

    /// The relationships of a part (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`).
    fn relationships(&mut self, of: &str) -> Result<Vec<Relationship>, Problem> {
        let (dir, file) = of.rsplit_once('/').unwrap_or(("", of));
        let path = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        match self.part(&path)? {
            Some(text) => read_relationships(&text, dir),
            None => Ok(Vec::new()),
        }
    }

    /// Read a sheet: its first row is passed to `wanted`, and the rest is read only when it
    /// says so (`None` otherwise). A sheet whose part is missing reads as empty.
    pub(crate) fn sheet(
        &mut self,
        index: usize,
        wanted: impl Fn(&Book<'_>, &BTreeMap<(u32, u32), Cell>) -> bool,
    ) -> Result<Option<Sheet>, Problem> {
        let Some(info) = self.sheets.get(index) else {
            return Ok(None);
        };
        let name = info.name.clone();
        let Some(part) = info.part.clone() else {
            return Ok(Some(Sheet::default()));
        };
        let Some(text) = self.part(&part)? else {
            return Ok(Some(Sheet::default()));
        };
        self.read_sheet(&text, &name, wanted)
    }

    fn read_sheet(
        &self,
        text: &str,
        name: &str,
        wanted: impl Fn(&Book<'_>, &BTreeMap<(u32, u32), Cell>) -> bool,
    ) -> Result<Option<Sheet>, Problem> {
        let bad = |e: &dyn std::fmt::Display| broken(&format!("sheet `{name}`"), e);
        let mut xml = Reader::from_str(text);
        let mut sheet = Sheet::default();
        let mut row: u32 = 0;
        let mut next_col: u32 = 0;
        let mut first_checked = false;
        let mut in_data = false;
        let mut shared_formulas: BTreeMap<String, String> = BTreeMap::new();
        let mut merges = 0usize;
        let (mut seen_row, mut row_numbered) = (false, false);
        loop {
            let event = xml.read_event().map_err(|e| bad(&e))?;
            match event {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheetData" => {
                    in_data = true;
                }
                Event::End(e) if e.local_name().as_ref() == "sheetData" => {
                    in_data = false;
                    if !first_checked && !wanted(self, &sheet.cells) {
                        return Ok(None);
                    }
                    first_checked = true;
                }
                Event::Start(e) | Event::Empty(e)
                    if in_data && e.local_name().as_ref() == "row" =>
                {
                    let r = attr(&e, "r").map_err(|x| bad(&x))?;
                    row_numbered = r.is_some();
                    // A row without its number follows the one before (the first is row 1).
                    row = match r {
                        Some(r) => r
                            .parse::<u32>()
                            .ok()
                            .and_then(|r| r.checked_sub(1))
                            .filter(|r| *r <= LAST_ROW)
                            .ok_or_else(|| bad(&format!("row number `{r}`")))?,
                        None if !seen_row => 0,
                        None => row.saturating_add(1),
                    };
                    seen_row = true;
                    next_col = 0;
                    if row > 0 && !first_checked {
                        first_checked = true;
                        if !wanted(self, &sheet.cells) {
                            return Ok(None);
                        }
                    }
                    if let Some(h) = attr(&e, "hidden").map_err(|x| bad(&x))?
                        && (h == "1" || h == "true")
                    {
                        sheet.hidden_rows.insert(row);
                    }
                }
                Event::Start(e) if in_data && e.local_name().as_ref() == "c" => {
                    let pos = match attr(&e, "r").map_err(|x| bad(&x))? {
                        Some(r) => cell_position(&r)
                            .ok_or_else(|| bad(&format!("cell reference `{r}`")))?,
                        None => (row, next_col),
                    };
                    // A cell's own reference places it; in a numbered row it must be that row.
                    if pos.1 > LAST_COL || (row_numbered && pos.0 != row) {
                        return Err(bad(&format!("a cell out of its row ({})", pos.0)));
                    }
                    if pos.0 != row {
                        if pos.0 > 0 && !first_checked {
                            first_checked = true;
                            if !wanted(self, &sheet.cells) {
                                return Ok(None);
                            }
                        }
                        row = pos.0;
                    }
                    next_col = pos.1.saturating_add(1);
                    let raw = read_cell(&mut xml, &e, &mut shared_formulas).map_err(|x| bad(&x))?;
                    if let Some(cell) = self.cell(raw) {
                        if sheet.cells.len() >= self.limits.values {
                            return Err(whole(
                                ProblemKind::TooLarge,
                                format!(
                                    "sheet `{name}` has more than {} cells, over the limit",
                                    self.limits.values
                                ),
                            ));
                        }
                        sheet.cells.insert(pos, cell);
                    }
                }
                Event::Empty(e) if in_data && e.local_name().as_ref() == "c" => {
                    // An empty cell (a style only): its place moves the next one along.
                    if let Some(r) = attr(&e, "r").map_err(|x| bad(&x))? {
                        let pos = cell_position(&r)
                            .ok_or_else(|| bad(&format!("cell reference `{r}`")))?;
                        next_col = pos.1.saturating_add(1);
                    } else {
                        next_col = next_col.saturating_add(1);
                    }
                }
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "mergeCell" => {
                    if let Some(r) = attr(&e, "ref").map_err(|x| bad(&x))? {
                        merges = merges.saturating_add(1);
                        if sheet.merged.len() >= MERGED_REGIONS {
                            // Counted, not kept: the count is reported at the end.
                            continue;
                        }
                        let (a, b) = r.split_once(':').unwrap_or((&r, &r));
                        match (cell_position(a), cell_position(b)) {
                            (Some(a), Some(b)) if a.0 <= b.0 && a.1 <= b.1 => {
                                sheet.merged.push((a, b));
                            }
                            _ => return Err(bad(&format!("merged region `{r}`"))),
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !first_checked && !wanted(self, &sheet.cells) {
            return Ok(None);
        }
        if merges > MERGED_REGIONS {
            return Err(whole(
                ProblemKind::TooLarge,
                format!(
                    "sheet {name}: {merges} merged regions, over the limit of {MERGED_REGIONS}"
                ),
            ));
        }
        Ok(Some(sheet))
    }

    /// A raw cell as Excel shows it; `None` for a cell with nothing in it.
    fn cell(&self, raw: RawCell) -> Option<Cell> {
        let RawCell {
            kind,
            style,
            value,
            inline,
            formula,
        } = raw;
        let shows = style
            .and_then(|s| usize::try_from(s).ok())
            .and_then(|s| self.styles.get(s))
            .copied()
            .unwrap_or(Shows::Number);
        // What the saved value is, as a cell.
        let saved: Option<Cell> = match kind.as_deref() {
            Some("s") => value.as_deref().map(|v| match v.trim().parse::<u32>() {
                Ok(i) if usize::try_from(i).is_ok_and(|i| i < self.strings.len()) => {
                    Cell::Text(TextRef::Shared(i))
                }
                _ => Cell::Bad(
                    format!("the cell names shared string `{v}`, which the workbook does not have")
                        .into(),
                ),
            }),
            Some("inlineStr") => inline.map(|t| Cell::Text(TextRef::Own(t.into()))),
            Some("str") => value.map(|t| {
                Cell::Text(TextRef::Own(
                    crate::model::text::nfc(&unescape_ooxml(&t)).into(),
                ))
            }),
            Some("b") => value.map(|v| Cell::Bool(v.trim() == "1" || v.trim() == "true")),
            Some("e") => value.map(|v| Cell::Error(v.into())),
            Some("d") => value.map(|v| iso_date(&v)),
            _ => value.map(|v| match shows {
                Shows::Number => match shown_number_text(&v) {
                    Some(n) => Cell::Number(n.into()),
                    None => Cell::Bad(format!("`{v}` is not a number Excel can show").into()),
                },
                Shows::DateTime => serial_date(&v, self.date1904),
                Shows::Duration => Cell::Moment(v.into()),
            }),
        };
        let Some(formula) = formula else {
            return saved.filter(|c| !matches!(c, Cell::Text(TextRef::Own(t)) if t.is_empty()));
        };
        match (evaluate(&formula), saved) {
            (Some(exact), saved) => {
                let shown = round_shown(exact);
                if let Some(Cell::Number(n)) = &saved
                    && !agree(shown, n)
                {
                    return Some(Cell::Bad(format!(
                        "the formula `={formula}` gives {} but the value saved with it is {n}: the workbook was not recalculated; recalculate it (F9 in Excel) and save",
                        shown.normalize()
                    ).into()));
                }
                if shows == Shows::DateTime {
                    return Some(serial_date(&shown.normalize().to_string(), self.date1904));
                }
                Some(Cell::Number(shown.normalize().to_string().into()))
            }
            (None, Some(saved)) => Some(saved),
            (None, None) => Some(Cell::Bad(format!(
                "the cell holds the formula `={formula}` with no saved value: open the form in Excel or LibreOffice, recalculate it and save"
            ).into())),
        }
    }
}

/// A cell as written in the sheet's XML.
struct RawCell {
    kind: Option<String>,
    style: Option<u32>,
    value: Option<String>,
    inline: Option<String>,
    formula: Option<String>,
}

/// The text of an attribute, unescaped.
fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|x| x.to_string())?;
        if a.key.local_name().as_ref() == name {
            return a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| Some(v.into_owned()))
                .map_err(|x| x.to_string());
        }
    }
    Ok(None)
}

/// The text of an element, up to its end, with entities resolved; elements inside it are
/// read through, and those named in `skip` (phonetic runs) left out.
fn element_text(xml: &mut Reader<&[u8]>, end: &str, skip: &[&str]) -> Result<String, String> {
    let mut out = String::new();
    let mut skipping = 0usize;
    loop {
        match xml.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if skip.contains(&e.local_name().as_ref()) => {
                skipping = skipping.saturating_add(1)
            }
            Event::End(e) if skip.contains(&e.local_name().as_ref()) => {
                skipping = skipping.saturating_sub(1);
            }
            Event::End(e) if e.local_name().as_ref() == end => return Ok(out),
            Event::Text(t) if skipping == 0 => out.push_str(&t.xml10_content()),
            Event::CData(t) if skipping == 0 => {
                out.push_str(&t.into_inner());
            }
            Event::GeneralRef(r) if skipping == 0 => match r.resolve_char_ref() {
                Ok(Some(c)) => out.push(c),
                Ok(None) => out.push(match &*r {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    other => return Err(format!("unknown entity `&{other};`")),
                }),
                Err(e) => return Err(e.to_string()),
            },
            Event::Eof => return Err("the text ends inside an element".into()),
            _ => {}
        }
    }
}

/// Read a `<c>` element: its type and style, its saved value, its inline text, its formula.
fn read_cell(
    xml: &mut Reader<&[u8]>,
    c: &BytesStart<'_>,
    shared: &mut BTreeMap<String, String>,
) -> Result<RawCell, String> {
    let kind = attr(c, "t")?;
    let style = match attr(c, "s")? {
        Some(s) => Some(
            s.trim()
                .parse::<u32>()
                .map_err(|_| format!("style `{s}`"))?,
        ),
        None => None,
    };
    let mut raw = RawCell {
        kind,
        style,
        value: None,
        inline: None,
        formula: None,
    };
    loop {
        match xml.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.local_name().as_ref() == "v" => {
                raw.value = Some(element_text(xml, "v", &[])?);
            }
            Event::Start(e) if e.local_name().as_ref() == "is" => {
                let t = element_text(xml, "is", &["rPh"])?;
                raw.inline = Some(crate::model::text::nfc(&unescape_ooxml(&t)));
            }
            Event::Start(e) if e.local_name().as_ref() == "f" => {
                let si = attr(&e, "si")?;
                let text = element_text(xml, "f", &[])?;
                if let Some(si) = si
                    && !text.trim().is_empty()
                {
                    shared.insert(si, text.clone());
                }
                raw.formula = Some(text);
            }
            Event::Empty(e) if e.local_name().as_ref() == "f" => {
                // A shared formula's other cells: the anchor's text (a formula of literals
                // reads the same in every cell; any other is read from its saved value).
                let si = attr(&e, "si")?;
                raw.formula = Some(si.and_then(|s| shared.get(&s).cloned()).unwrap_or_default());
            }
            Event::End(e) if e.local_name().as_ref() == "c" => return Ok(raw),
            Event::Eof => return Err("the text ends inside a cell".into()),
            _ => {}
        }
    }
}

/// `(row, column)`, 0-based, of a reference like `B3` (`$` signs allowed).
pub(crate) fn cell_position(r: &str) -> Option<(u32, u32)> {
    let r = r.trim().replace('$', "");
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let mut col: u32 = 0;
    for b in letters.bytes() {
        col = col
            .checked_mul(26)?
            .checked_add(u32::from(b.to_ascii_uppercase().checked_sub(b'A')?).checked_add(1)?)?;
    }
    let row: u32 = digits.parse().ok()?;
    let (row, col) = (row.checked_sub(1)?, col.checked_sub(1)?);
    (row <= LAST_ROW && col <= LAST_COL).then_some((row, col))
}

/// Undo Excel's `_xHHHH_` escapes of characters XML cannot hold (`_x000D_`).
fn unescape_ooxml(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        let (before, at) = rest.split_at(i);
        out.push_str(before);
        let code = at
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| at.get(6..7) == Some("_"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = at.get(7..).unwrap_or("");
            }
            None => {
                out.push_str("_x");
                rest = at.get(2..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// A relationship of a part.
struct Relationship {
    id: String,
    kind: String,
    target: String,
}

fn read_relationships(text: &str, dir: &str) -> Result<Vec<Relationship>, Problem> {
    let mut xml = Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match xml.read_event().map_err(|e| broken("relationships", e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let get = |n: &str| attr(&e, n).map_err(|x| broken("relationships", x));
                if get("TargetMode")?.as_deref() == Some("External") {
                    continue;
                }
                if let (Some(id), Some(kind), Some(target)) =
                    (get("Id")?, get("Type")?, get("Target")?)
                {
                    out.push(Relationship {
                        id,
                        kind,
                        target: resolve(dir, &target),
                    });
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship's target as a path in the archive: relative to `dir`, or absolute.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None if dir.is_empty() => target.to_owned(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The sheets a workbook lists (name, hidden, relationship id), and its date system.
fn read_workbook(text: &str, date1904: &mut bool) -> Result<Vec<(String, bool, String)>, Problem> {
    let mut xml = Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match xml
            .read_event()
            .map_err(|e| broken("the workbook part", e))?
        {
            Event::Start(e) | Event::Empty(e) => {
                let get = |n: &str| attr(&e, n).map_err(|x| broken("the workbook part", x));
                match e.local_name().as_ref() {
                    "workbookPr" => {
                        if let Some(v) = get("date1904")? {
                            *date1904 = v == "1" || v == "true";
                        }
                    }
                    "sheet" => {
                        if out.len() >= SHEETS {
                            return Err(whole(
                                ProblemKind::TooLarge,
                                format!(
                                    "the workbook lists more than {SHEETS} sheets, over the limit"
                                ),
                            ));
                        }
                        let name = get("name")?.unwrap_or_default();
                        let hidden = get("state")?.is_some_and(|s| s != "visible");
                        let id = get("id")?.unwrap_or_default();
                        out.push((crate::model::text::nfc(&name), hidden, id));
                    }
                    _ => {}
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The shared strings, each as NFC, their text counted against the input limit.
fn read_shared_strings(text: &str, limits: &Limits) -> Result<Vec<String>, Problem> {
    let mut xml = Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match xml
            .read_event()
            .map_err(|e| broken("the shared strings", e))?
        {
            Event::Start(e) if e.local_name().as_ref() == "si" => {
                if out.len() >= limits.values {
                    return Err(whole(
                        ProblemKind::TooLarge,
                        format!("more than {} shared strings, over the limit", limits.values),
                    ));
                }
                let t = element_text(&mut xml, "si", &["rPh"])
                    .map_err(|e| broken("the shared strings", e))?;
                out.push(crate::model::text::nfc(&unescape_ooxml(&t)));
            }
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// What each cell style's number format shows.
fn read_styles(text: &str) -> Result<Vec<Shows>, Problem> {
    let mut xml = Reader::from_str(text);
    let mut custom: BTreeMap<u32, Shows> = BTreeMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    loop {
        match xml.read_event().map_err(|e| broken("the styles", e))? {
            Event::Start(e) | Event::Empty(e) => {
                let get = |n: &str| attr(&e, n).map_err(|x| broken("the styles", x));
                match e.local_name().as_ref() {
                    "numFmt" => {
                        if let (Some(id), Some(code)) = (get("numFmtId")?, get("formatCode")?)
                            && let Ok(id) = id.trim().parse::<u32>()
                        {
                            custom.insert(id, format_shows(&code));
                        }
                    }
                    "cellXfs" => in_xfs = true,
                    "xf" if in_xfs => {
                        let id = get("numFmtId")?
                            .and_then(|i| i.trim().parse::<u32>().ok())
                            .unwrap_or(0);
                        out.push(
                            custom
                                .get(&id)
                                .copied()
                                .unwrap_or_else(|| builtin_shows(id)),
                        );
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// What a built-in number format shows (ECMA-376, 18.8.30).
fn builtin_shows(id: u32) -> Shows {
    match id {
        14..=22 | 27..=36 | 45 | 47 | 50..=58 => Shows::DateTime,
        46 => Shows::Duration,
        _ => Shows::Number,
    }
}

/// What a custom number format shows: a date or time when its first section has a date or
/// time letter outside quotes, brackets and escapes; a duration when it has `[h]`, `[m]` or
/// `[s]`.
fn format_shows(code: &str) -> Shows {
    let section = code.split(';').next().unwrap_or("");
    let mut chars = section.chars().peekable();
    let mut shows = Shows::Number;
    while let Some(c) = chars.next() {
        match c {
            '\\' | '_' | '*' => {
                chars.next();
            }
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                let inner: String = chars.by_ref().take_while(|c| *c != ']').collect();
                let l = inner.to_ascii_lowercase();
                if !l.is_empty() && l.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    return Shows::Duration;
                }
            }
            'd' | 'D' | 'y' | 'Y' | 'm' | 'M' | 'h' | 'H' | 's' | 'S' => shows = Shows::DateTime,
            _ => {}
        }
    }
    shows
}

/// The decimal Excel shows for a double written as text (`11.399999999999999` → `11.4`):
/// 15 significant digits, half away from zero, no exponent. `None` for text that is not a
/// finite number or a number past the decimals this crate holds.
pub(crate) fn shown_number_text(v: &str) -> Option<String> {
    let f: f64 = v.trim().parse().ok()?;
    crate::model::form::shown_number(f)
}

/// A decimal as Excel shows it: 15 significant digits, half away from zero.
fn round_shown(d: Decimal) -> Decimal {
    d.round_sf_with_strategy(DIGITS, RoundingStrategy::MidpointAwayFromZero)
        .unwrap_or(d)
}

/// Whether a formula's exact value and the value saved with it agree as Excel shows them:
/// equal, or one unit apart in the 15th digit (where Excel's binary arithmetic rounded the
/// other way).
fn agree(exact: Decimal, saved: &str) -> bool {
    let Ok(saved) = saved.parse::<Decimal>() else {
        return false;
    };
    if exact == saved {
        return true;
    }
    // One unit in the 15th significant digit of the larger: 10^(e − 14) for a value of
    // e + 1 digits before the point.
    let larger = exact.abs().max(saved.abs()).normalize();
    let digits = i64::try_from(larger.mantissa().unsigned_abs().to_string().len()).unwrap_or(0);
    let e = digits
        .saturating_sub(1)
        .saturating_sub(i64::from(larger.scale()));
    let unit = match u32::try_from(14i64.saturating_sub(e)) {
        Ok(k) if k <= 28 => Decimal::new(1, k),
        Ok(_) => Decimal::new(1, 28),
        Err(_) => match pow10(u32::try_from(e.saturating_sub(14)).unwrap_or(u32::MAX)) {
            Some(u) => u,
            None => return false,
        },
    };
    exact.checked_sub(saved).is_some_and(|d| d.abs() <= unit)
}

/// The exact value of a formula of literals: numbers, `+ - * / ^` (a whole power), `%`,
/// brackets. `None` for any other formula (a reference, a function, text).
pub(crate) fn evaluate(formula: &str) -> Option<Decimal> {
    let mut p = Arith {
        s: formula.as_bytes(),
        at: 0,
        depth: 0,
    };
    let v = p.sum()?;
    p.space();
    (p.at == p.s.len()).then_some(v)
}

/// A recursive-descent reader of formulas of literals, with checked arithmetic.
struct Arith<'s> {
    s: &'s [u8],
    at: usize,
    depth: usize,
}

impl Arith<'_> {
    fn space(&mut self) {
        while self.s.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at = self.at.saturating_add(1);
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.s.get(self.at).copied()
    }

    fn sum(&mut self) -> Option<Decimal> {
        let mut v = self.product()?;
        while let Some(op @ (b'+' | b'-')) = self.peek() {
            self.at = self.at.saturating_add(1);
            let r = self.product()?;
            v = if op == b'+' {
                v.checked_add(r)?
            } else {
                v.checked_sub(r)?
            };
        }
        Some(v)
    }

    fn product(&mut self) -> Option<Decimal> {
        let mut v = self.power()?;
        while let Some(op @ (b'*' | b'/')) = self.peek() {
            self.at = self.at.saturating_add(1);
            let r = self.power()?;
            v = if op == b'*' {
                v.checked_mul(r)?
            } else {
                v.checked_div(r)?
            };
        }
        Some(v)
    }

    fn power(&mut self) -> Option<Decimal> {
        let base = self.unary()?;
        if self.peek() == Some(b'^') {
            self.at = self.at.saturating_add(1);
            let e = self.unary()?;
            if e.fract() != Decimal::ZERO || e.abs() > Decimal::from(64) {
                return None;
            }
            let n = i64::try_from(e).ok()?;
            let mut out = Decimal::ONE;
            for _ in 0..n.unsigned_abs() {
                out = out.checked_mul(base)?;
            }
            return if n < 0 {
                Decimal::ONE.checked_div(out)
            } else {
                Some(out)
            };
        }
        Some(base)
    }

    fn unary(&mut self) -> Option<Decimal> {
        match self.peek()? {
            b'-' => {
                self.at = self.at.saturating_add(1);
                Decimal::ZERO.checked_sub(self.unary()?)
            }
            b'+' => {
                self.at = self.at.saturating_add(1);
                self.unary()
            }
            _ => self.percent(),
        }
    }

    fn percent(&mut self) -> Option<Decimal> {
        let mut v = self.atom()?;
        while self.peek() == Some(b'%') {
            self.at = self.at.saturating_add(1);
            v = v.checked_div(Decimal::ONE_HUNDRED)?;
        }
        Some(v)
    }

    fn atom(&mut self) -> Option<Decimal> {
        if self.peek()? == b'(' {
            self.depth = self.depth.saturating_add(1);
            if self.depth > 64 {
                return None;
            }
            self.at = self.at.saturating_add(1);
            let v = self.sum()?;
            if self.peek()? != b')' {
                return None;
            }
            self.at = self.at.saturating_add(1);
            self.depth = self.depth.saturating_sub(1);
            return Some(v);
        }
        let start = self.at;
        while self
            .s
            .get(self.at)
            .is_some_and(|b| b.is_ascii_digit() || *b == b'.')
        {
            self.at = self.at.saturating_add(1);
        }
        let mantissa = std::str::from_utf8(self.s.get(start..self.at)?).ok()?;
        if mantissa.is_empty() || mantissa == "." {
            return None;
        }
        let mut v: Decimal = mantissa.parse().ok()?;
        if self
            .s
            .get(self.at)
            .is_some_and(|b| *b == b'e' || *b == b'E')
        {
            self.at = self.at.saturating_add(1);
            let sign = match self.s.get(self.at) {
                Some(b'-') => {
                    self.at = self.at.saturating_add(1);
                    -1
                }
                Some(b'+') => {
                    self.at = self.at.saturating_add(1);
                    1
                }
                _ => 1,
            };
            let from = self.at;
            while self.s.get(self.at).is_some_and(u8::is_ascii_digit) {
                self.at = self.at.saturating_add(1);
            }
            let e: u32 = std::str::from_utf8(self.s.get(from..self.at)?)
                .ok()?
                .parse()
                .ok()?;
            if e > 28 {
                return None;
            }
            let ten = pow10(e)?;
            v = if sign < 0 {
                v.checked_div(ten)?
            } else {
                v.checked_mul(ten)?
            };
        }
        Some(v)
    }
}

/// 10 to the power `n`, when it is a decimal.
fn pow10(n: u32) -> Option<Decimal> {
    let mut out = Decimal::ONE;
    for _ in 0..n {
        out = out.checked_mul(Decimal::TEN)?;
    }
    Some(out)
}

/// A date cell holding an ISO 8601 date (`t="d"`): a day, or a day and time.
fn iso_date(v: &str) -> Cell {
    let v = v.trim();
    let (day, time) = v.split_once('T').unwrap_or((v, ""));
    let midnight = time
        .trim_end_matches('Z')
        .bytes()
        .all(|b| matches!(b, b'0' | b':' | b'.'));
    match day.parse::<Date>() {
        Ok(d) if midnight => Cell::Date(d),
        Ok(_) => Cell::Moment(v.into()),
        Err(_) => Cell::Bad(format!("`{v}` is not a date").into()),
    }
}

/// The last serial Excel shows as a date: 31 December 9999 (1900 system, and 1904).
const LAST_SERIAL_1900: i64 = 2_958_465;
const LAST_SERIAL_1904: i64 = 2_957_003;

/// A number cell formatted as a date: its serial as the day Excel shows, a time of day, or
/// a serial Excel cannot show as a date.
fn serial_date(v: &str, date1904: bool) -> Cell {
    let Some(shown) = shown_number_text(v) else {
        return Cell::Bad(format!("`{v}` is not a date serial Excel can show").into());
    };
    let Ok(serial) = shown.parse::<Decimal>() else {
        return Cell::Bad(format!("`{v}` is not a date serial Excel can show").into());
    };
    let days = serial.trunc();
    let fraction = serial.checked_sub(days).unwrap_or_default();
    let Ok(days) = i64::try_from(days) else {
        return Cell::Bad(
            format!("the date serial {shown} is past 31/12/9999, the last day Excel shows").into(),
        );
    };
    let (first, last) = if date1904 {
        (0, LAST_SERIAL_1904)
    } else {
        (1, LAST_SERIAL_1900)
    };
    if serial < Decimal::ZERO {
        return Cell::Bad(
            format!("the date serial {shown} is negative: Excel shows no date for it").into(),
        );
    }
    if days > last {
        return Cell::Bad(
            format!("the date serial {shown} is past 31/12/9999, the last day Excel shows").into(),
        );
    }
    if days < first {
        if fraction > Decimal::ZERO {
            return Cell::Moment(time_of_day(fraction).into());
        }
        return Cell::Bad(format!(
            "the date serial {shown} is day 0, before the first day of Excel's calendar (1/1/1900): not a date"
        ).into());
    }
    if !date1904 && days == 60 {
        return Cell::Bad(
            "the date serial 60 is 29/02/1900, a day that did not exist (Excel keeps it from Lotus 1-2-3): write the date again"
                .into(),
        );
    }
    // Days from 1970-01-01: the 1900 system counts from 31/12/1899 up to its phantom day,
    // from 30/12/1899 after it; the 1904 system from 01/01/1904.
    let from_1970 = if date1904 {
        days.saturating_sub(24_107)
    } else if days < 60 {
        days.saturating_sub(25_568)
    } else {
        days.saturating_sub(25_569)
    };
    let Some(date) = civil(from_1970) else {
        return Cell::Bad(format!("the date serial {shown} is not a day Excel shows").into());
    };
    if fraction.is_zero() {
        Cell::Date(date)
    } else {
        Cell::Moment(format!("{date} {}", time_of_day(fraction)).into())
    }
}

/// A fraction of a day as `hh:mm:ss`, to the nearest second.
fn time_of_day(fraction: Decimal) -> String {
    let seconds = fraction
        .checked_mul(Decimal::from(86_400))
        .unwrap_or_default()
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let s = i64::try_from(seconds).unwrap_or(0).clamp(0, 86_399);
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// The day `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
// `days` is a serial Excel shows (within three million days of 1970), so no step overflows.
#[allow(clippy::arithmetic_side_effects)]
fn civil(days: i64) -> Option<Date> {
    if days.unsigned_abs() > 10_000_000 {
        return None;
    }
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    Date::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::form::shown_number;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        // =12*0.95 saves the double nearest 11.4 from below; Excel shows 11.4.
        assert_eq!(shown_number(11.399_999_999_999_999).unwrap(), "11.4");
        assert_eq!(shown_number_text("11.399999999999999").unwrap(), "11.4");
        assert_eq!(shown_number_text("0.30000000000000004").unwrap(), "0.3");
        assert_eq!(shown_number(0.87).unwrap(), "0.87");
        assert_eq!(shown_number(912.0).unwrap(), "912");
        assert_eq!(shown_number(-0.0).unwrap(), "0");
        assert_eq!(shown_number(-2.5).unwrap(), "-2.5");
        // 15 digits kept: 1/3 shows as 0.333333333333333.
        assert_eq!(
            shown_number(0.333_333_333_333_333_3).unwrap(),
            "0.333333333333333"
        );
        assert_eq!(
            shown_number(0.666_666_666_666_666_6).unwrap(),
            "0.666666666666667"
        );
        // Half away from zero at the 16th digit: 123456789012345.5 is a double exactly.
        assert_eq!(
            shown_number(123_456_789_012_344.5).unwrap(),
            "123456789012345"
        );
        assert_eq!(shown_number(0.000_001_5).unwrap(), "0.0000015");
        assert_eq!(shown_number(1e21).unwrap(), "1000000000000000000000");
        assert_eq!(shown_number(9.999_999_999_999_999).unwrap(), "10");
        assert!(shown_number(f64::NAN).is_none());
        assert!(shown_number(1e300).is_none());
    }

    #[test]
    fn formulas_of_literals_are_exact() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(evaluate("12*0.95"), Some(d("11.40")));
        assert_eq!(
            evaluate(" (1862 - 62) / 1900 "),
            Some(d("1800") / d("1900"))
        );
        assert_eq!(evaluate("50%"), Some(d("0.5")));
        assert_eq!(evaluate("-2^2"), Some(d("4")));
        assert_eq!(evaluate("2^-1"), Some(d("0.5")));
        assert_eq!(evaluate("1.5E2"), Some(d("150")));
        assert_eq!(evaluate("B5*2"), None);
        assert_eq!(evaluate("SUM(1,2)"), None);
        assert_eq!(evaluate("1/0"), None);
        assert_eq!(evaluate("(1"), None);
        assert_eq!(evaluate(""), None);
    }

    #[test]
    fn date_serials_as_excel_shows_them() {
        assert_eq!(
            serial_date("45306", false),
            Cell::Date(Date::new(2024, 1, 15).unwrap())
        );
        assert_eq!(
            serial_date("1", false),
            Cell::Date(Date::new(1900, 1, 1).unwrap())
        );
        assert_eq!(
            serial_date("59", false),
            Cell::Date(Date::new(1900, 2, 28).unwrap())
        );
        assert_eq!(
            serial_date("61", false),
            Cell::Date(Date::new(1900, 3, 1).unwrap())
        );
        assert_eq!(
            serial_date("2958465", false),
            Cell::Date(Date::new(9999, 12, 31).unwrap())
        );
        assert_eq!(
            serial_date("0", true),
            Cell::Date(Date::new(1904, 1, 1).unwrap())
        );
        assert_eq!(
            serial_date("43844", true),
            Cell::Date(Date::new(2024, 1, 15).unwrap())
        );
        for bad in ["0", "-1", "60", "2958466", "1e20"] {
            assert!(matches!(serial_date(bad, false), Cell::Bad(_)), "{bad}");
        }
        assert!(matches!(serial_date("60", false), Cell::Bad(m) if m.contains("29/02/1900")));
        assert_eq!(
            serial_date("45306.5", false),
            Cell::Moment("2024-01-15 12:00:00".into())
        );
        assert_eq!(serial_date("0.25", false), Cell::Moment("06:00:00".into()));
    }

    #[test]
    fn formats_that_show_dates() {
        assert_eq!(format_shows("dd/mm/yyyy"), Shows::DateTime);
        assert_eq!(format_shows("[$-42A]d mmmm yyyy"), Shows::DateTime);
        assert_eq!(format_shows("0.00"), Shows::Number);
        assert_eq!(format_shows("#,##0\" đ\""), Shows::Number);
        assert_eq!(format_shows("\"day\" 0"), Shows::Number);
        assert_eq!(format_shows("[h]:mm:ss"), Shows::Duration);
        assert_eq!(format_shows("[Red]0.00"), Shows::Number);
        assert_eq!(builtin_shows(14), Shows::DateTime);
        assert_eq!(builtin_shows(0), Shows::Number);
    }

    #[test]
    fn references_and_escapes() {
        assert_eq!(cell_position("A1"), Some((0, 0)));
        assert_eq!(cell_position("$AB$12"), Some((11, 27)));
        assert_eq!(cell_position("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_position("XFE1"), None);
        assert_eq!(cell_position("A0"), None);
        assert_eq!(unescape_ooxml("a_x000D_b"), "a\rb");
        assert_eq!(unescape_ooxml("_x_y"), "_x_y");
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl", "/xl/worksheets/a.xml"), "xl/worksheets/a.xml");
        assert_eq!(
            resolve("xl/worksheets", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
    }

    mod laws {
        use super::*;
        use proptest::prelude::*;

        /// A decimal of at most 15 significant digits, as typed into a cell.
        fn typed() -> impl Strategy<Value = Decimal> {
            (any::<i64>(), 0u32..=15).prop_filter_map("15 digits at most", |(m, scale)| {
                let m = m % 1_000_000_000_000_000;
                Some(Decimal::new(m, scale).normalize())
            })
        }

        /// A formula of literals, with its exact value (sums and products only, so that
        /// every value is exact; `None` past the decimal range).
        fn formula() -> impl Strategy<Value = (String, Option<Decimal>)> {
            let leaf = (0i64..100_000, 0u32..4).prop_map(|(m, s)| {
                let d = Decimal::new(m, s);
                (d.to_string(), Some(d))
            });
            leaf.prop_recursive(4, 16, 2, |inner| {
                (
                    inner.clone(),
                    inner,
                    prop_oneof![Just('+'), Just('-'), Just('*')],
                )
                    .prop_map(|((a, x), (b, y), op)| {
                        let v = x.zip(y).and_then(|(x, y)| match op {
                            '+' => x.checked_add(y),
                            '-' => x.checked_sub(y),
                            _ => x.checked_mul(y),
                        });
                        (format!("({a}){op}({b})"), v)
                    })
            })
        }

        proptest! {
            /// What was typed is what Excel shows, and so what is read.
            #[test]
            fn a_typed_number_reads_as_typed(d in typed()) {
                let f: f64 = d.to_string().parse().unwrap();
                prop_assert_eq!(shown_number(f).unwrap(), d.to_string());
            }

            /// What is shown, stored again, is shown the same: the rule is a fixed point.
            #[test]
            fn what_is_shown_is_stable(f in any::<f64>().prop_filter("finite", |f| f.is_finite() && f.abs() < 1e27 && f.abs() > 1e-20)) {
                if let Some(s) = shown_number(f) {
                    let again: f64 = s.parse().unwrap();
                    prop_assert_eq!(shown_number(again).unwrap(), s);
                }
            }

            /// Order is kept: a larger double never shows as a smaller decimal.
            #[test]
            fn showing_keeps_order(a in -1e12f64..1e12, b in -1e12f64..1e12) {
                let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                let lo: Decimal = shown_number(lo).unwrap().parse().unwrap();
                let hi: Decimal = shown_number(hi).unwrap().parse().unwrap();
                prop_assert!(lo <= hi);
            }

            /// A formula of literals is its exact value; past the decimal range, no value
            /// (the cell is then read from its saved value, or asks for a recalculation).
            #[test]
            fn a_formula_of_literals_is_exact((text, value) in formula()) {
                prop_assert_eq!(evaluate(&text), value);
                prop_assert_eq!(evaluate(&format!(" {text} ")), value);
            }
        }
    }
}
