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
use crate::read::tree::{Reader, Site};

/// Read a code map from TOML, every problem at its line and column.
///
/// ```
/// let map = par_index::read_code_map("[codes]\n\"1.1.1\" = \"1.2.1\"\n", None).unwrap();
/// assert_eq!(map[&"1.1.1".parse().unwrap()].as_str(), "1.2.1");
/// let err = par_index::read_code_map("[codes]\n\"1.1.1\" = \"x y\"\n", Some("m.toml")).unwrap_err();
/// assert!(err.to_string().starts_with("m.toml:2:11: item 1.1.1: `codes.1.1.1`"));
/// ```
pub fn read_code_map(text: &str, file: Option<&str>) -> Result<BTreeMap<Code, Code>, Error> {
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
