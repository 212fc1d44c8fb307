//! Reading case files (TOML): every problem located; base submissions patched by each case.

use std::collections::BTreeMap;
use std::path::Path;

use crate::catalog;
use crate::conformance::case::Case;
use crate::conformance::case::CaseFile;
use crate::conformance::case::ErrorExpectation;
use crate::conformance::case::Expect;
use crate::conformance::case::FLAG_NAMES;
use crate::conformance::case::MethodologySource;
use crate::conformance::case::ScoreExpectation;
use crate::error::{Error, ProblemKind};
use crate::model::code::Code;
use crate::read::json::parse_json;
use crate::read::submission::MEASURE_KEYS;
use crate::read::tree::{Node, Obj, Reader, Site, Str, Value, by_code, parse_toml};

const FILE_KEYS: &[&str] = &["methodology", "submission", "case"];

const CASE_KEYS: &[&str] = &[
    "name",
    "note",
    "methodology",
    "submission",
    "answers",
    "unanswered",
    "survey_held",
    "bonus",
    "penalty",
    "expect",
];

const EXPECT_KEYS: &[&str] = &[
    "total",
    "index",
    "applicable_max",
    "band",
    "points",
    "flags",
    "branches",
    "error",
];

/// Read a case file.
///
/// ```
/// let file = par_index::conformance::load_cases("tests/cases/bad/submissions.cases.toml").unwrap();
/// assert!(!file.cases.is_empty());
/// assert!(par_index::conformance::load_cases("no/such.cases.toml").is_err());
/// ```
pub fn load_cases(path: impl AsRef<Path>) -> Result<CaseFile, Error> {
    let path = path.as_ref();
    let (text, shown) = crate::read::io::read_text(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    load_cases_str(&text, &shown, dir)
}

/// Read a case file from its text; `file` names it in problems and reports, and relative
/// paths in it are resolved against `dir`. Every problem is reported, with its position.
///
/// ```
/// use par_index::{conformance::load_cases_str, ProblemKind};
/// let text = "methodology = \"commune-2024-model\"\nsubmission = \"s.json\"\n\n[[case]]\nname = \"a\"\nexpct = {}\n";
/// let err = load_cases_str(text, "x.cases.toml", ".".as_ref()).unwrap_err();
/// let found: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
/// assert_eq!(found, [
///     "x.cases.toml:4:1: `case[0].expect`: missing key `expect` (the expected results)",
///     "x.cases.toml:6:9: `case[0].expct`: unknown key `expct` (expected one of: name, note, methodology, submission, answers, unanswered, survey_held, bonus, penalty, expect)",
/// ]);
/// ```
pub fn load_cases_str(text: &str, file: &str, dir: &Path) -> Result<CaseFile, Error> {
    let root = parse_toml(text.trim_start_matches('\u{feff}'))
        .map_err(|p| Error::Invalid(vec![p]).in_file(file))?;
    let mut r = Reader::default();
    let top = Site::top();
    let Some(mut t) = r.table(&root, &top) else {
        return Err(Error::Invalid(r.problems).in_file(file));
    };
    let default_m = t.opt(&mut r, None, "methodology", Reader::string);
    let default_s = t.get("submission");
    let mut names: BTreeMap<String, ()> = BTreeMap::new();
    let cases = t
        .must(
            &mut r,
            None,
            "case",
            "one or more [[case]] tables",
            |r, n, s| {
                r.tables(n, s, |r, c, _, pos| {
                    read_case(
                        r,
                        c,
                        pos,
                        &Defaults {
                            methodology: default_m.as_deref(),
                            submission: default_s,
                            dir,
                            file,
                        },
                        &mut names,
                    )
                })
            },
        )
        .map(|(_, cases)| cases)
        .unwrap_or_default();
    t.finish(&mut r, None, FILE_KEYS);
    if r.problems.is_empty() {
        Ok(CaseFile {
            file: file.to_owned(),
            cases,
        })
    } else {
        Err(Error::Invalid(r.problems).in_file(file))
    }
}

struct Defaults<'a> {
    methodology: Option<&'a str>,
    submission: Option<&'a Node>,
    dir: &'a Path,
    file: &'a str,
}

/// The methodology of a case: its own, or the file's default; an embedded id or a file
/// beside the case file.
fn case_methodology(
    r: &mut Reader,
    t: &mut Obj<'_>,
    d: &Defaults<'_>,
) -> Option<MethodologySource> {
    let methodology = match t.opt(r, None, "methodology", Reader::string) {
        Some(m) => Some(m),
        None if t.has("methodology") => None,
        None => match d.methodology {
            Some(m) => Some(m.to_owned()),
            None => {
                let site = t.site(None, "methodology");
                r.report(
                    ProblemKind::MissingKey,
                    &site,
                    t.pos,
                    "missing key `methodology` (an embedded id or a file), and the file gives no default".into(),
                );
                None
            }
        },
    };
    methodology.map(|m| {
        if catalog::source(&m).is_some() {
            MethodologySource::Embedded(m)
        } else {
            MethodologySource::File(d.dir.join(m))
        }
    })
}

/// The submission a case starts from: its own (a JSON file or an inline table), or the
/// file's default.
fn case_base(r: &mut Reader, t: &mut Obj<'_>, d: &Defaults<'_>) -> Option<Result<Node, Error>> {
    // The submission: the case's own, or the file's default.
    let sub_node = t.get("submission").or(d.submission);
    let sub_site = t.site(None, "submission");
    match sub_node {
        None => {
            r.report(
                ProblemKind::MissingKey,
                &sub_site,
                t.pos,
                "missing key `submission` (a JSON file, or an inline table), and the file gives no default".into(),
            );
            None
        }
        Some(Node {
            value: Value::Str(path),
            ..
        }) => Some(read_base(&d.dir.join(path))),
        Some(
            n @ Node {
                value: Value::Table(_),
                ..
            },
        ) => {
            let mut n = n.clone();
            fix_done(&mut n);
            Some(Ok(n))
        }
        Some(n) => {
            let msg = format!("expected a file name or a table, found {}", n.type_name());
            r.report(ProblemKind::WrongType, &sub_site, n.pos, msg);
            None
        }
    }
}

fn read_case(
    r: &mut Reader,
    mut t: Obj<'_>,
    pos: Option<(u32, u32)>,
    d: &Defaults<'_>,
    names: &mut BTreeMap<String, ()>,
) -> Option<Case> {
    let name = t.must(r, None, "name", "the case's name", Reader::string);
    if let Some(n) = &name
        && names.insert(n.clone(), ()).is_some()
    {
        let site = t.site(None, "name");
        r.report(
            ProblemKind::DuplicateName,
            &site,
            t.pos_of("name"),
            format!("case name `{n}` is used twice in this file; names must be unique"),
        );
    }
    let note = t.opt(r, None, "note", Reader::string);
    let methodology = case_methodology(r, &mut t, d);
    let base = case_base(r, &mut t, d);
    // Changes on top of it, checked for shape here and for content by the submission reader.
    let answers = t.opt(r, None, "answers", |r, n, s| {
        let mut a = r.table(n, s)?;
        a.take_all();
        let mut out = Vec::new();
        for (code, patch) in a.keys() {
            let site = Site {
                code: Some(code),
                field: format!("{}.{code}", s.field).into(),
            };
            if r.table(patch, &site).is_some() {
                let mut p = patch.clone();
                fix_answer_done(&mut p);
                out.push((Str::new(code), p));
            }
        }
        Some(out)
    });
    let unanswered = t.opt(r, None, "unanswered", |r, n, s| {
        let items = r.array(n, s)?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let site = Site {
                code: None,
                field: format!("{}[{i}]", s.field).into(),
            };
            out.push((r.code(item, &site)?, item.pos, site.field));
        }
        Some(out)
    });
    // Removing an answer the base does not have is a mistake in the case, not a no-op.
    if let (Some(Ok(node)), Some(codes)) = (&base, &unanswered) {
        let given = answer_codes(node);
        for (code, pos, field) in codes {
            if !given.contains(&code.as_str()) {
                let site = Site {
                    code: Some(code.as_str()),
                    field: field.clone(),
                };
                r.report(
                    ProblemKind::UnknownCode,
                    &site,
                    *pos,
                    format!("`{code}` is listed as unanswered, but the base submission has no answer for it"),
                );
            }
        }
    }
    let unanswered: Option<Vec<Code>> =
        unanswered.map(|v| v.into_iter().map(|(c, _, _)| c).collect());
    let mut replace = Vec::new();
    for key in ["survey_held", "bonus", "penalty"] {
        if let Some(n) = t.get(key) {
            replace.push((key, n.clone()));
        }
    }
    let expect = t.must(r, None, "expect", "the expected results", read_expect);
    t.finish(r, None, CASE_KEYS);
    let submission = base.map(|b| {
        b.map(|mut node| {
            apply(
                &mut node,
                answers.unwrap_or_default(),
                &unanswered.unwrap_or_default(),
                replace,
            );
            node
        })
    });
    Some(Case {
        name: name?,
        note,
        file: d.file.to_owned(),
        position: pos,
        methodology: methodology?,
        expect: expect?,
        submission: submission?,
    })
}

fn read_base(path: &Path) -> Result<Node, Error> {
    let (text, shown) = crate::read::io::read_text(path)?;
    let mut node = parse_json(&text).map_err(|ps| Error::Invalid(ps).in_file(&shown))?;
    // Positions in another file would mislead in problems named after the case file.
    strip_positions(&mut node);
    Ok(node)
}

fn strip_positions(node: &mut Node) {
    node.pos = None;
    match &mut node.value {
        Value::Table(entries) => entries.iter_mut().for_each(|(_, n)| strip_positions(n)),
        Value::Array(items) => items.iter_mut().for_each(strip_positions),
        _ => {}
    }
}

/// TOML has no `null`: in case files `done = false` means "not done".
fn fix_answer_done(answer: &mut Node) {
    if let Value::Table(entries) = &mut answer.value {
        for (k, v) in entries.iter_mut() {
            if k == "done" && matches!(v.value, Value::Bool(false)) {
                v.value = Value::Null;
            }
        }
    }
}

fn fix_done(submission: &mut Node) {
    if let Some(answers) = entry_mut(submission, "answers")
        && let Value::Table(entries) = &mut answers.value
    {
        entries.iter_mut().for_each(|(_, a)| fix_answer_done(a));
    }
}

/// The codes a submission document answers.
fn answer_codes(node: &Node) -> Vec<&str> {
    let answers = match &node.value {
        Value::Table(entries) => entries.iter().find(|(k, _)| k == "answers").map(|(_, n)| n),
        _ => None,
    };
    match answers.map(|a| &a.value) {
        Some(Value::Table(entries)) => entries.iter().map(|(k, _)| k.as_str()).collect(),
        _ => Vec::new(),
    }
}

fn entry_mut<'n>(node: &'n mut Node, key: &str) -> Option<&'n mut Node> {
    match &mut node.value {
        Value::Table(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, n)| n),
        _ => None,
    }
}

fn set(node: &mut Node, key: &str, value: Node) {
    if let Value::Table(entries) = &mut node.value {
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some((_, slot)) => *slot = value,
            None => entries.push((key.into(), value)),
        }
    }
}

/// Apply a case's changes to its base submission: each answer's measure is replaced when
/// the change gives one, its evidence and explanation when it gives them; `unanswered`
/// removes answers; `survey_held`, `bonus` and `penalty` replace the base's.
fn apply(
    node: &mut Node,
    answers: Vec<(Str, Node)>,
    unanswered: &[Code],
    replace: Vec<(&str, Node)>,
) {
    let measure_keys = MEASURE_KEYS;
    if (!answers.is_empty() || !unanswered.is_empty()) && entry_mut(node, "answers").is_none() {
        set(
            node,
            "answers",
            Node {
                value: Value::Table(Vec::new()),
                pos: None,
            },
        );
    }
    if let Some(Node {
        value: Value::Table(base),
        ..
    }) = entry_mut(node, "answers")
    {
        for (code, patch) in answers {
            let Value::Table(changes) = patch.value else {
                continue;
            };
            let gives_measure = changes
                .iter()
                .any(|(k, _)| measure_keys.contains(&k.as_str()));
            match base.iter_mut().find(|(k, _)| *k == code) {
                Some((_, existing)) => {
                    if let Value::Table(fields) = &mut existing.value {
                        if gives_measure {
                            fields.retain(|(k, _)| !measure_keys.contains(&k.as_str()));
                        }
                        for (k, v) in changes {
                            match fields.iter_mut().find(|(f, _)| *f == k) {
                                Some((_, slot)) => *slot = v,
                                None => fields.push((k, v)),
                            }
                        }
                    }
                    existing.pos = patch.pos;
                }
                None => base.push((
                    code,
                    Node {
                        value: Value::Table(changes),
                        pos: patch.pos,
                    },
                )),
            }
        }
        base.retain(|(k, _)| !unanswered.iter().any(|c| c.as_str() == k));
    }
    for (key, value) in replace {
        set(node, key, value);
    }
}

fn read_expect(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<Expect> {
    let mut t = r.table(n, s)?;
    let error = t.opt(r, None, "error", |r, n, s| {
        let mut e = r.table(n, s)?;
        let kind = e.must(r, None, "kind", "a problem kind", |r, n, s| {
            let name = r.string(n, s)?;
            let kind = ProblemKind::from_name(&name);
            if kind.is_none() {
                let names: Vec<&str> = ProblemKind::ALL.iter().map(|k| k.name()).collect();
                r.report(
                    ProblemKind::BadValue,
                    s,
                    n.pos,
                    format!(
                        "unknown problem kind `{name}` (expected one of: {})",
                        names.join(", ")
                    ),
                );
            }
            kind
        });
        let code = e.opt(r, None, "code", Reader::code);
        let field = e.opt(r, None, "field", Reader::string);
        e.finish(r, None, &["kind", "code", "field"]);
        Some(ErrorExpectation {
            kind: kind?,
            code,
            field,
        })
    });
    let mut x = ScoreExpectation {
        total: t.opt(r, None, "total", Reader::decimal),
        index: t.opt(r, None, "index", Reader::decimal),
        applicable_max: t.opt(r, None, "applicable_max", Reader::decimal),
        band: t.opt(r, None, "band", Reader::string),
        ..ScoreExpectation::default()
    };
    x.points = t
        .opt(r, None, "points", |r, n, s| {
            by_code(r, n, s, Reader::decimal)
        })
        .unwrap_or_default();
    x.flags = t
        .opt(r, None, "flags", |r, n, s| {
            by_code(r, n, s, |r, n, s| {
                let items = r.array(n, s)?;
                let mut out = Vec::new();
                for item in items {
                    let f = r.string(item, s)?;
                    if !FLAG_NAMES.contains(&f.as_str()) {
                        r.report(
                            ProblemKind::BadValue,
                            s,
                            item.pos,
                            format!(
                                "unknown flag `{f}` (expected one of: {})",
                                FLAG_NAMES.join(", ")
                            ),
                        );
                        return None;
                    }
                    out.push(f);
                }
                out.sort();
                out.dedup();
                Some(out)
            })
        })
        .unwrap_or_default();
    x.branches = t
        .opt(r, None, "branches", |r, n, s| {
            by_code(r, n, s, Reader::string)
        })
        .unwrap_or_default();
    let has_score = x != ScoreExpectation::default();
    t.finish(r, None, EXPECT_KEYS);
    match (error, has_score) {
        (Some(_), true) => {
            r.report(
                ProblemKind::BadValue,
                s,
                n.pos,
                "give either `error` or expected results, not both".into(),
            );
            None
        }
        (Some(e), false) => Some(Expect::Error(e)),
        (None, true) => Some(Expect::Score(x)),
        // Something was given but could not be read: already reported.
        (None, false) if has_expect_key(n) => None,
        (None, false) => {
            r.report(
                ProblemKind::MissingKey,
                s,
                n.pos,
                format!(
                    "nothing expected: give at least one of {}",
                    EXPECT_KEYS.join(", ")
                ),
            );
            None
        }
    }
}

/// Whether an `expect` table has any key it may have.
fn has_expect_key(n: &Node) -> bool {
    matches!(&n.value, Value::Table(e) if e.iter().any(|(k, _)| EXPECT_KEYS.contains(&k.as_str())))
}
