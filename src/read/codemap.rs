//! A code map: where each item of one methodology is in another, for `methodology diff`
//! (and, later, for re-scoring under another set). TOML:
//!
//! ```toml
//! [codes]
//! "1.1.1" = "1.2.1"   # A's 1.1.1 is B's 1.2.1
//! ```

use std::collections::BTreeMap;

use crate::error::{Error, ProblemKind};
use crate::model::code::Code;
use crate::model::methodology::Methodology;
use crate::read::tree::{Reader, Site};

/// Read a code map from TOML, every problem at its line and column.
///
/// ```
/// let map = par_index::methodology::read_code_map("[codes]\n\"1.1.1\" = \"1.2.1\"\n", None).unwrap();
/// assert_eq!(map[&"1.1.1".parse().unwrap()].as_str(), "1.2.1");
/// let err = par_index::methodology::read_code_map("[codes]\n\"1.1.1\" = \"x y\"\n", Some("m.toml")).unwrap_err();
/// assert!(err.to_string().starts_with("m.toml:2:11: item 1.1.1: `codes.1.1.1`"));
/// ```
pub fn read_code_map(text: &str, file: Option<&str>) -> Result<BTreeMap<Code, Code>, Error> {
    read_map(text, file, None)
}

/// Read a code map from TOML for carrying answers from methodology `from` to `to` (or
/// comparing them): as [`read_code_map`], and every source code must be an item (or group)
/// of one of `from`, every target one of `to`, each problem at its line and column.
///
/// ```
/// use par_index::{catalog, methodology::read_code_map_for};
/// let (a, b) = (catalog::get("commune-2024-model").unwrap(), catalog::get("commune-2025-model").unwrap());
/// assert!(read_code_map_for("[codes]\n\"8.4.1\" = \"1.7.1\"\n", None, &[a], &[b]).is_ok());
/// let err = read_code_map_for("[codes]\n\"9.9.9\" = \"1.7.1\"\n\"8.4.1\" = \"9.8.7\"\n", Some("m.toml"), &[a], &[b]).unwrap_err();
/// let problems: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
/// assert_eq!(problems, [
///     "m.toml:2:1: item 9.9.9: `codes.9.9.9`: 9.9.9 is not an item of commune-2024-model, the methodology the map leads from",
///     "m.toml:3:11: item 8.4.1: `codes.8.4.1`: 9.8.7 is not an item of commune-2025-model, the methodology the map leads to",
/// ]);
/// ```
pub fn read_code_map_for(
    text: &str,
    file: Option<&str>,
    from: &[&Methodology],
    to: &[&Methodology],
) -> Result<BTreeMap<Code, Code>, Error> {
    read_map(text, file, Some((from, to)))
}

/// The ids of methodologies, for a message: `a` or `any of a, b`.
fn ids(sets: &[&Methodology]) -> String {
    let ids: Vec<&str> = sets.iter().map(|m| m.id()).collect();
    match ids.as_slice() {
        [one] => (*one).to_owned(),
        many => format!("any of {}", many.join(", ")),
    }
}

fn read_map(
    text: &str,
    file: Option<&str>,
    sets: Option<(&[&Methodology], &[&Methodology])>,
) -> Result<BTreeMap<Code, Code>, Error> {
    let limits = crate::read::limits::Limits::default();
    let in_file = |e: Error| match file {
        Some(f) => e.in_file(f),
        None => e,
    };
    let root = crate::read::tree::parse_toml_with(text, &limits)
        .map_err(|p| in_file(Error::Invalid(vec![p])))?;
    let mut r = Reader::default();
    let mut out = BTreeMap::new();
    if let Some(mut t) = r.table(&root, &Site::top()) {
        t.opt(&mut r, None, "codes", |r, n, s| {
            let mut codes = r.table(n, s)?;
            codes.take_all();
            let mut targets: BTreeMap<Code, Code> = BTreeMap::new();
            for (key, node) in codes.keys() {
                let site = Site {
                    code: Some(key),
                    field: crate::read::tree::Field::Under("codes", key),
                };
                let from = match key.parse::<Code>() {
                    Ok(c) => c,
                    Err(e) => {
                        r.report(ProblemKind::BadValue, &site, node.pos, e.to_string());
                        continue;
                    }
                };
                let Some(to) = r.code(node, &site) else {
                    continue;
                };
                if let Some((a, b)) = sets {
                    if !a.is_empty() && a.iter().all(|m| m.find(&from).is_none()) {
                        r.report(
                            ProblemKind::UnknownCode,
                            &site,
                            key_pos(node.pos, key),
                            format!(
                                "{from} is not an item of {}, the methodology the map leads from",
                                ids(a)
                            ),
                        );
                    }
                    if !b.is_empty() && b.iter().all(|m| m.find(&to).is_none()) {
                        r.report(
                            ProblemKind::UnknownCode,
                            &site,
                            node.pos,
                            format!(
                                "{to} is not an item of {}, the methodology the map leads to",
                                ids(b)
                            ),
                        );
                    }
                }
                if let Some(other) = targets.insert(to.clone(), from.clone()) {
                    r.report(
                        ProblemKind::DuplicateCode,
                        &site,
                        node.pos,
                        format!("{other} and {from} both map to {to}"),
                    );
                }
                out.insert(from, to);
            }
            Some(())
        });
        t.finish(&mut r, None, &["codes"]);
    }
    if r.problems.is_empty() {
        Ok(out)
    } else {
        Err(in_file(Error::Invalid(r.problems)))
    }
}

/// Where a key of `codes` is written: the start of its line (the value's position is where
/// the parser placed the entry; the key is on the same line).
fn key_pos(value: Option<(u32, u32)>, _key: &str) -> Option<(u32, u32)> {
    value.map(|(line, _)| (line, 1))
}
