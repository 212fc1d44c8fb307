//! Reading a roster from TOML or from CSV (UTF-8, with or without a byte-order mark, as
//! Excel saves it). The CSV is turned into the same document tree the TOML is parsed into
//! and read by one reader, so both say the same things about the same mistakes, at their
//! line and column.
//!
//! CSV columns, by their header: `code`, `name`, `kind`, `block`, and optionally
//! `predecessors`: `NG-04@2024;NG-05@2024*0.6` (code `@` year, an optional `*` weight, `;`
//! between them), and `year`: the roster's year (every line that gives it the same). Lines
//! end as any spreadsheet saves them: CR LF, LF, or CR alone (Excel for Mac).
//!
//! What is checked ([`Roster`]): every unit once, declared blocks, each unit's predecessors
//! distinct and at most [`MAX_PREDECESSORS`], weights bounded, no units formed from each other
//! (a cycle through predecessors of one year), and, when the roster gives its year, every
//! predecessor of an earlier year. Work is linear in the roster's size.

use std::collections::BTreeMap;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::roster::{Block, MAX_WEIGHT, Predecessor, Roster, RosterUnit, WEIGHT_DECIMALS};
use crate::read::tree::{Node, Obj, Reader, Site, Value};

const ROSTER_KEYS: &[&str] = &["title", "year", "blocks", "units"];
const BLOCK_KEYS: &[&str] = &["id", "name"];
const UNIT_KEYS: &[&str] = &["code", "name", "kind", "block", "predecessors"];
const PREDECESSOR_KEYS: &[&str] = &["code", "year", "weight"];

impl Roster {
    /// Read a roster from TOML, every problem listed with its line and column.
    ///
    /// ```
    /// let err = par_index::Roster::from_toml_str("title = \"x\"\n[[units]]\ncode = \"A\"\n", Some("r.toml")).unwrap_err();
    /// assert!(err.to_string().contains("r.toml:2:1: `units[0].name`: missing key `name`"));
    /// ```
    pub fn from_toml_str(text: &str, file: Option<&str>) -> Result<Roster, Error> {
        let limits = crate::read::limits::Limits::default();
        let root = crate::read::tree::parse_toml_with(text, &limits)
            .map_err(|p| Error::Invalid(vec![p]).in_file(file.unwrap_or("")))?;
        read(&root, file)
    }

    /// Read a roster from CSV (see the module's text for the columns).
    ///
    /// ```
    /// let csv = "\u{feff}code,name,kind,block,predecessors\nX1,Xã Một,xa,xa,NG-04@2024;NG-05@2024*0.4\n";
    /// let r = par_index::Roster::from_csv_str(csv, None).unwrap();
    /// assert_eq!(r.units[0].predecessors.len(), 2);
    /// assert_eq!(r.units[0].predecessors[1].weight, Some("0.4".parse().unwrap()));
    /// ```
    pub fn from_csv_str(text: &str, file: Option<&str>) -> Result<Roster, Error> {
        let root =
            csv_tree(text).map_err(|p| Error::Invalid(vec![p]).in_file(file.unwrap_or("")))?;
        read(&root, file)
    }

    /// Read a roster from the first sheet of an Excel workbook laid out as the CSV is (a
    /// header row, a row per unit); every problem at its cell.
    ///
    /// ```
    /// let err = par_index::Roster::from_xlsx(b"not a workbook", Some("r.xlsx")).unwrap_err();
    /// assert!(err.to_string().starts_with("r.xlsx: not a readable Excel workbook"));
    /// ```
    #[cfg(feature = "xlsx")]
    pub fn from_xlsx(bytes: &[u8], file: Option<&str>) -> Result<Roster, Error> {
        let in_file = |e: Error| match file {
            Some(f) => e.in_file(f),
            None => e,
        };
        let limits = crate::read::limits::Limits::default();
        let (sheet, cells) = crate::read::form::first_sheet_text(bytes, &limits)
            .map_err(|p| in_file(Error::Invalid(vec![p])))?;
        // Rows of cells, each placed at a position that stands for its cell.
        let mut addresses = Vec::new();
        let mut rows: Vec<CsvRow> = Vec::new();
        let mut last_row = None;
        for ((row, col), text) in cells {
            if last_row != Some(row) {
                rows.push(Vec::new());
                last_row = Some(row);
            }
            let mut at = |c: u32| {
                addresses.push(crate::model::form::cell_address(&sheet, row, c));
                (u32::try_from(addresses.len()).unwrap_or(u32::MAX), 1)
            };
            if let Some(r) = rows.last_mut() {
                // Empty cells are absent: keep the columns in place, each at its own cell.
                while let Some(c) = u32::try_from(r.len()).ok().filter(|c| *c < col) {
                    r.push((String::new(), at(c)));
                }
                r.push((text, at(col)));
            }
        }
        rows.retain(|r| r.iter().any(|(c, _)| !c.trim().is_empty()));
        let place = |mut p: Problem| {
            if let Some((i, _)) = p.position.take() {
                let at = usize::try_from(i).ok().and_then(|i| i.checked_sub(1));
                p.cell = at.and_then(|i| addresses.get(i)).map(|a| a.as_str().into());
            }
            p
        };
        let root = rows_tree(rows).map_err(|p| in_file(Error::Invalid(vec![place(p)])))?;
        read(&root, None).map_err(|e| {
            let problems = e.problems().iter().cloned().map(place).collect();
            in_file(Error::Invalid(problems))
        })
    }

    /// Read a roster file: `.csv` as CSV, `.xlsx` as an Excel sheet, anything else as TOML.
    ///
    /// ```
    /// let r = par_index::Roster::from_file("examples/data/district/roster.csv").unwrap();
    /// assert_eq!(r.units.len(), 22);
    /// assert_eq!(r.blocks.iter().map(|b| b.id.as_str()).collect::<Vec<_>>(), ["Khối thị trấn", "Khối xã"]);
    /// ```
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Roster, Error> {
        let path = path.as_ref();
        #[cfg(feature = "xlsx")]
        if crate::read::walk::has_ext(path, &["xlsx"]) {
            let limits = crate::read::limits::Limits::default();
            let (bytes, shown) = crate::read::io::read_bytes_within(path, limits.input_bytes)?;
            return Roster::from_xlsx(&bytes, Some(&shown));
        }
        let (text, shown) = crate::read::io::read_text(path)?;
        if crate::read::walk::has_ext(path, &["csv"]) {
            Roster::from_csv_str(&text, Some(&shown))
        } else {
            Roster::from_toml_str(&text, Some(&shown))
        }
    }
}

fn read(root: &Node, file: Option<&str>) -> Result<Roster, Error> {
    let mut r = Reader::default();
    let roster = read_roster(&mut r, root);
    let fail = |problems: Vec<Problem>| {
        let e = Error::Invalid(problems);
        match file {
            Some(f) => e.in_file(f),
            None => e,
        }
    };
    match roster {
        Some(x) if r.problems.is_empty() => Ok(x),
        _ => Err(fail(r.problems)),
    }
}

/// Predecessors one unit may have.
pub const MAX_PREDECESSORS: usize = 1_000;

fn read_year(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<u16> {
    let y = r.count(n, s)?;
    match u16::try_from(y) {
        Ok(y) if (1990..=2100).contains(&y) => Some(y),
        _ => {
            r.report(
                ProblemKind::BadValue,
                s,
                n.pos,
                format!("{y} is not a year from 1990 to 2100"),
            );
            None
        }
    }
}

fn read_roster(r: &mut Reader, root: &Node) -> Option<Roster> {
    let mut t = r.table(root, &Site::top())?;
    let title = t.opt(r, None, "title", Reader::string).unwrap_or_default();
    let year = t.opt(r, None, "year", read_year);
    let declared = t.opt(r, None, "blocks", |r, n, s| {
        let (_, blocks) = r.tables(n, s, |r, t, _, _| read_block(r, t))?;
        Some(blocks)
    });
    let units_pos = t.pos_of("units");
    let mut listed = 0usize;
    let units = t
        .must(r, None, "units", "the units, one table each", |r, n, s| {
            if let Value::Array(items) = &n.value {
                listed = items.len();
            }
            let (_, units) = r.tables(n, s, |r, t, _, pos| read_unit(r, t).map(|u| (u, pos)))?;
            Some(units)
        })
        .unwrap_or_default();
    t.finish(r, None, ROSTER_KEYS);
    // Every unit once (codes match without regard to case, as unit identity does).
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (u, pos)) in units.iter().enumerate() {
        if let Some(first) = seen.insert(u.code.to_ascii_lowercase(), i) {
            r.report(
                ProblemKind::DuplicateCode,
                &Site {
                    code: None,
                    field: format!("units[{i}].code").into(),
                },
                *pos,
                format!(
                    "unit {} is on the roster twice (first as units[{first}])",
                    u.code
                ),
            );
        }
    }
    // Blocks: as declared (every unit's block among them), or from the units in order.
    let blocks = match declared {
        Some(blocks) => {
            let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, b) in blocks.iter().enumerate() {
                if ids.insert(b.id.as_str(), i).is_some() {
                    r.report(
                        ProblemKind::DuplicateCode,
                        &Site {
                            code: None,
                            field: format!("blocks[{i}].id").into(),
                        },
                        None,
                        format!("block `{}` is declared twice", b.id),
                    );
                }
            }
            // The blocks declared, named once (at most ten) for every unit that names another.
            let mut known: Vec<&str> = blocks.iter().map(|b| b.id.as_str()).take(10).collect();
            if blocks.len() > 10 {
                known.push("…");
            }
            let known = known.join(", ");
            for (i, (u, pos)) in units.iter().enumerate() {
                if !ids.contains_key(u.block.as_str()) {
                    r.report(
                        ProblemKind::BadValue,
                        &Site {
                            code: None,
                            field: format!("units[{i}].block").into(),
                        },
                        *pos,
                        format!("block `{}` is not declared (blocks: {known})", u.block),
                    );
                }
            }
            blocks
        }
        None => {
            let mut blocks: Vec<Block> = Vec::new();
            let mut ids: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
            for (u, _) in &units {
                if ids.insert(u.block.as_str()) {
                    blocks.push(Block {
                        id: u.block.clone(),
                        name: u.block.clone(),
                    });
                }
            }
            blocks
        }
    };
    let mut roster = Roster {
        title,
        year,
        blocks,
        units: Vec::new(),
    };
    // Units formed from each other in one year: a cycle is nonsense whatever the roster's
    // year (a unit's own code in an earlier year is not a cycle: it is the unit before).
    for (field, pos, message) in cycles(&units) {
        r.report(
            ProblemKind::BadValue,
            &Site {
                code: None,
                field: field.into(),
            },
            pos,
            message,
        );
    }
    // With its year, every predecessor must be of an earlier one.
    if let Some(year) = year {
        roster.units = units.iter().map(|(u, _)| u.clone()).collect();
        for p in roster.check_period(&year.to_string()) {
            let pos = p
                .field
                .strip_prefix("units[")
                .and_then(|f| f.split(']').next())
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| units.get(i))
                .and_then(|(_, pos)| *pos);
            r.report(
                p.kind,
                &Site {
                    code: None,
                    field: p.field.clone().into(),
                },
                pos,
                p.message,
            );
        }
    }
    if listed == 0 && units_pos.is_some() {
        r.report(
            ProblemKind::MissingKey,
            &Site {
                code: None,
                field: "units".into(),
            },
            units_pos,
            "a roster lists at least one unit".into(),
        );
    }
    roster.units = units.into_iter().map(|(u, _)| u).collect();
    Some(roster)
}

/// A problem found after reading: its field, its position, its words.
type Found = (String, Option<(u32, u32)>, String);

/// The cycles among the roster's units through predecessors of one year (A lists B@2024 and
/// B lists A@2024): each once, at the first unit of the cycle, with the path. Linear in the
/// number of predecessors (each unit is left once, per year).
fn cycles(units: &[(RosterUnit, Option<(u32, u32)>)]) -> Vec<Found> {
    let index: BTreeMap<String, usize> = units
        .iter()
        .enumerate()
        .map(|(i, (u, _))| (u.code.to_ascii_lowercase(), i))
        .collect();
    let years: std::collections::BTreeSet<u16> = units
        .iter()
        .flat_map(|(u, _)| u.predecessors.iter().map(|p| p.year))
        .collect();
    let mut out = Vec::new();
    for year in years {
        // The edges of this year: a unit to each other roster unit it lists for `year`.
        let next = |i: usize| -> Vec<usize> {
            units.get(i).map_or_else(Vec::new, |(u, _)| {
                u.predecessors
                    .iter()
                    .filter(|p| p.year == year)
                    .filter_map(|p| index.get(&p.code.to_ascii_lowercase()).copied())
                    .filter(|j| *j != i)
                    .collect()
            })
        };
        // 0: not seen, 1: on the path, 2: done.
        let mut state = vec![0u8; units.len()];
        for start in 0..units.len() {
            if state.get(start) != Some(&0) {
                continue;
            }
            let mut path: Vec<(usize, Vec<usize>)> = vec![(start, next(start))];
            if let Some(s) = state.get_mut(start) {
                *s = 1;
            }
            while let Some((at, todo)) = path.last_mut() {
                let at = *at;
                match todo.pop() {
                    Some(j) if state.get(j) == Some(&1) => {
                        // A cycle: from j, along the path, back to j.
                        let from = path.iter().position(|(k, _)| *k == j).unwrap_or(0);
                        let codes: Vec<String> = path
                            .get(from..)
                            .unwrap_or_default()
                            .iter()
                            .filter_map(|(k, _)| units.get(*k).map(|(u, _)| u.code.clone()))
                            .collect();
                        let (first, pos) = units
                            .get(j)
                            .map_or((String::new(), None), |(u, p)| (u.code.clone(), *p));
                        out.push((
                            format!("units[{j}].predecessors"),
                            pos,
                            format!(
                                "units formed from each other in {year}: {} → {first}; a unit cannot be formed from one formed from it",
                                codes.join(" → ")
                            ),
                        ));
                    }
                    Some(j) if state.get(j) == Some(&0) => {
                        if let Some(s) = state.get_mut(j) {
                            *s = 1;
                        }
                        path.push((j, next(j)));
                    }
                    Some(_) => {}
                    None => {
                        if let Some(s) = state.get_mut(at) {
                            *s = 2;
                        }
                        path.pop();
                    }
                }
            }
        }
    }
    out
}

fn read_block(r: &mut Reader, mut t: Obj<'_>) -> Option<Block> {
    let id = t.must(r, None, "id", "the block's id", Reader::string);
    let name = t.must(r, None, "name", "the block's name", Reader::string);
    t.finish(r, None, BLOCK_KEYS);
    Some(Block {
        id: id?,
        name: name?,
    })
}

fn read_unit(r: &mut Reader, mut t: Obj<'_>) -> Option<RosterUnit> {
    let code = t.must(r, None, "code", "the unit's code", Reader::ident);
    let name = t.must(r, None, "name", "the unit's name", Reader::string);
    let kind = t.must(r, None, "kind", "xa, phuong, dac-khu, so, …", Reader::ident);
    let block = t.must(r, None, "block", "its ranking block", Reader::string);
    let predecessors = t
        .opt(r, None, "predecessors", |r, n, s| {
            if let Value::Array(items) = &n.value
                && items.len() > MAX_PREDECESSORS
            {
                r.report(
                    ProblemKind::TooLarge,
                    s,
                    n.pos,
                    format!(
                        "{} predecessors, over the limit of {MAX_PREDECESSORS}",
                        items.len()
                    ),
                );
                return None;
            }
            let base = s.field.to_str();
            let (_, list) = r.tables(n, s, |r, mut p, i, pos| {
                let code = p.must(r, None, "code", "the earlier unit's code", Reader::ident);
                let year = p.must(r, None, "year", "the year it was scored", read_year);
                let weight = p.opt(r, None, "weight", |r, n, s| {
                    let w = r.non_negative(n, s)?;
                    let why = if w.is_zero() {
                        Some("a weight must be greater than 0".to_owned())
                    } else if w > rust_decimal::Decimal::from(MAX_WEIGHT) {
                        Some(format!("a weight is at most {MAX_WEIGHT}, found {w}"))
                    } else if w.normalize().scale() > WEIGHT_DECIMALS {
                        Some(format!(
                            "a weight has at most {WEIGHT_DECIMALS} decimals, found {w}"
                        ))
                    } else {
                        None
                    };
                    if let Some(why) = why {
                        r.report(ProblemKind::BadValue, s, n.pos, why);
                        return None;
                    }
                    Some(w.normalize())
                });
                p.finish(r, None, PREDECESSOR_KEYS);
                Some((
                    Predecessor {
                        code: code?,
                        year: year?,
                        weight,
                    },
                    format!("{base}[{i}]"),
                    pos,
                ))
            })?;
            // Each predecessor once: listed twice, it would count twice in the mean.
            let mut seen: BTreeMap<(String, u16), usize> = BTreeMap::new();
            let mut out = Vec::with_capacity(list.len());
            for (i, (p, field, pos)) in list.into_iter().enumerate() {
                if let Some(first) = seen.insert((p.code.to_ascii_lowercase(), p.year), i) {
                    r.report(
                        ProblemKind::DuplicateCode,
                        &Site {
                            code: None,
                            field: field.into(),
                        },
                        pos,
                        format!(
                            "{}@{} is listed twice (first as predecessor {}): it would count twice in the mean",
                            p.code,
                            p.year,
                            first.saturating_add(1)
                        ),
                    );
                    continue;
                }
                out.push(p);
            }
            Some(out)
        })
        .unwrap_or_default();
    t.finish(r, None, UNIT_KEYS);
    Some(RosterUnit {
        code: code?,
        name: name?,
        kind: kind?,
        block: block?,
        predecessors,
    })
}

/// The cells of a CSV text, each with its 1-based line and column: RFC 4180 (quoted fields
/// may hold commas, quotes doubled and line breaks).
/// A CSV line: each cell's text and its 1-based line and column.
type CsvRow = Vec<(String, (u32, u32))>;

fn csv_cells(text: &str) -> Result<Vec<CsvRow>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let (mut line, mut col) = (1u32, 1u32);
    let mut start = (1u32, 1u32);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        // A line ends at LF, CR LF, or a CR alone (Excel for Mac): each as one LF.
        let c = if c == '\r' {
            if chars.peek() == Some(&'\n') {
                continue;
            }
            '\n'
        } else {
            c
        };
        let here = (line, col);
        if c == '\n' {
            line = line.saturating_add(1);
            col = 1;
        } else {
            col = col.saturating_add(1);
        }
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col = col.saturating_add(1);
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                row.push((std::mem::take(&mut cell), start));
                start = (line, col);
                at_start = true;
            }
            '\n' => {
                row.push((std::mem::take(&mut cell), start));
                rows.push(std::mem::take(&mut row));
                start = (line, col);
                at_start = true;
            }
            c => {
                if at_start {
                    start = here;
                }
                at_start = false;
                cell.push(c);
            }
        }
    }
    if quoted {
        return Err(Problem::new(
            ProblemKind::Syntax,
            None,
            "",
            "a quoted field is not closed",
        )
        .at(Some(start)));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push((cell, start));
        rows.push(row);
    }
    // Lines with nothing in them are not units.
    rows.retain(|r: &CsvRow| r.iter().any(|(c, _)| !c.trim().is_empty()));
    Ok(rows)
}

/// The document tree of a CSV roster: `{ units = [ { code, name, … }, … ] }`.
fn csv_tree(text: &str) -> Result<Node, Problem> {
    rows_tree(csv_cells(text)?)
}

/// The document tree of a roster table (CSV lines, or a sheet's rows).
fn rows_tree(rows: Vec<CsvRow>) -> Result<Node, Problem> {
    let Some((head, body)) = rows.split_first() else {
        return Err(Problem::new(
            ProblemKind::MissingKey,
            None,
            "units",
            "an empty file: expected a header `code,name,kind,block,predecessors` and a line per unit",
        ));
    };
    let node = |value: Value, pos: (u32, u32)| Node {
        value,
        pos: Some(pos),
    };
    let keys: CsvRow = head
        .iter()
        .map(|(k, p)| (k.trim().to_lowercase(), *p))
        .collect();
    let mut units = Vec::new();
    // The roster's year, from a `year` column: every line that gives it gives the same.
    let mut year: Option<(String, (u32, u32))> = None;
    for row in body {
        let mut unit = Vec::new();
        let first = row.first().map_or((1, 1), |(_, p)| *p);
        for (i, (value, pos)) in row.iter().enumerate() {
            let Some((key, _)) = keys.get(i) else {
                unit.push((
                    format!("column {}", i.saturating_add(1)).into(),
                    node(Value::Str(value.into()), *pos),
                ));
                continue;
            };
            let value = value.trim();
            if key == "year" {
                if value.is_empty() {
                    continue;
                }
                match &year {
                    Some((y, at)) if y != value => {
                        return Err(Problem::new(
                            ProblemKind::BadValue,
                            None,
                            "year",
                            format!(
                                "the year column says {y} at line {} and {value} here: a roster lists the units of one year",
                                at.0
                            ),
                        )
                        .at(Some(*pos)));
                    }
                    Some(_) => {}
                    None => year = Some((value.to_owned(), *pos)),
                }
                continue;
            }
            if key == "predecessors" {
                if value.is_empty() {
                    continue;
                }
                let list = value
                    .split(';')
                    .map(|p| {
                        let (code_year, weight) = match p.split_once('*') {
                            Some((a, w)) => (a, Some(w.trim())),
                            None => (p, None),
                        };
                        let (code, year) = code_year.split_once('@').unwrap_or((code_year, ""));
                        let mut t = vec![
                            ("code".into(), node(Value::Str(code.trim().into()), *pos)),
                            ("year".into(), node(Value::Num(year.trim().into()), *pos)),
                        ];
                        if let Some(w) = weight {
                            t.push(("weight".into(), node(Value::Num(w.into()), *pos)));
                        }
                        node(Value::Table(t), *pos)
                    })
                    .collect();
                unit.push((key.into(), node(Value::Array(list), *pos)));
            } else {
                unit.push((key.into(), node(Value::Str(value.into()), *pos)));
            }
        }
        units.push(node(Value::Table(unit), first));
    }
    let mut top = vec![("units".into(), node(Value::Array(units), (1, 1)))];
    if let Some((y, at)) = year {
        top.push(("year".into(), node(Value::Num(y.as_str().into()), at)));
    }
    Ok(Node {
        value: Value::Table(top),
        pos: Some((1, 1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_as_rfc_4180_writes_them() {
        let rows = csv_cells("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\n1,2,3").unwrap();
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|(c, _)| c.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [vec!["a", "b, c", "say \"hi\""], vec!["1", "2", "3"]]
        );
        assert_eq!(rows[1][2].1, (3, 5));
        assert!(csv_cells("a,\"open").is_err());
        // Lines ended by CR alone (Excel for Mac) are lines; a CR in quotes stays in its cell.
        let mac = csv_cells("a,b\r1,2\r\"x\ry\",3\r").unwrap();
        let texts: Vec<Vec<&str>> = mac
            .iter()
            .map(|r| r.iter().map(|(c, _)| c.as_str()).collect())
            .collect();
        assert_eq!(texts, [vec!["a", "b"], vec!["1", "2"], vec!["x\ny", "3"]]);
        assert_eq!(mac[1][1].1, (2, 3));
    }
}
