//! Reading a roster from TOML or from CSV (UTF-8, with or without a byte-order mark, as
//! Excel saves it). The CSV is turned into the same document tree the TOML is parsed into
//! and read by one reader, so both say the same things about the same mistakes, at their
//! line and column.
//!
//! CSV columns, by their header: `code`, `name`, `kind`, `block`, and optionally
//! `predecessors`: `NG-04@2024;NG-05@2024*0.6` (code `@` year, an optional `*` weight, `;`
//! between them).

use std::collections::BTreeMap;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::roster::{Block, Predecessor, Roster, RosterUnit};
use crate::read::tree::{Node, Obj, Reader, Site, Value};

const ROSTER_KEYS: &[&str] = &["title", "blocks", "units"];
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

fn read_roster(r: &mut Reader, root: &Node) -> Option<Roster> {
    let mut t = r.table(root, &Site::top())?;
    let title = t.opt(r, None, "title", Reader::string).unwrap_or_default();
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
            for (i, (u, pos)) in units.iter().enumerate() {
                if !ids.contains_key(u.block.as_str()) {
                    let known: Vec<&str> = blocks.iter().map(|b| b.id.as_str()).collect();
                    r.report(
                        ProblemKind::BadValue,
                        &Site {
                            code: None,
                            field: format!("units[{i}].block").into(),
                        },
                        *pos,
                        format!(
                            "block `{}` is not declared (blocks: {})",
                            u.block,
                            known.join(", ")
                        ),
                    );
                }
            }
            blocks
        }
        None => {
            let mut blocks: Vec<Block> = Vec::new();
            for (u, _) in &units {
                if !blocks.iter().any(|b| b.id == u.block) {
                    blocks.push(Block {
                        id: u.block.clone(),
                        name: u.block.clone(),
                    });
                }
            }
            blocks
        }
    };
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
    Some(Roster {
        title,
        blocks,
        units: units.into_iter().map(|(u, _)| u).collect(),
    })
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
            let (_, list) = r.tables(n, s, |r, mut p, _, _| {
                let code = p.must(r, None, "code", "the earlier unit's code", Reader::ident);
                let year = p.must(r, None, "year", "the year it was scored", |r, n, s| {
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
                });
                let weight = p.opt(r, None, "weight", |r, n, s| {
                    let w = r.non_negative(n, s)?;
                    if w.is_zero() {
                        r.report(
                            ProblemKind::BadValue,
                            s,
                            n.pos,
                            "a weight must be greater than 0".into(),
                        );
                        return None;
                    }
                    Some(w)
                });
                p.finish(r, None, PREDECESSOR_KEYS);
                Some(Predecessor {
                    code: code?,
                    year: year?,
                    weight,
                })
            })?;
            Some(list)
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
            '\r' => {}
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
    Ok(Node {
        value: Value::Table(vec![("units".into(), node(Value::Array(units), (1, 1)))]),
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
    }
}
