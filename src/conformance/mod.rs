//! Conformance cases: test files for methodologies that a non-programmer can write, and the
//! runner behind `par-index test`.
//!
//! A case file is TOML (format: `docs/case-format.md`, schema: `par-index schema case`). Each
//! `[[case]]` names a methodology (an embedded id or a file), a submission (a JSON file, a
//! table written inline, or the file's default), changes to its answers, and what is
//! expected: total, index, band, any item or area points, flags and branches, or, for a bad
//! case, the error kind and item code.
//!
//! ```
//! use par_index::conformance::{load_cases_str, Runner};
//! let file = load_cases_str(r#"
//! methodology = "commune-2024-model"
//!
//! [[case]]
//! name = "one item answered"
//! note = "912/1000 = 91.2% ≥ 90% → tier 2 = 2 points; nothing else answered: 2 of 100"
//! submission = { methodology = "commune-2024-model", unit = { code = "X", name = "Xã X" }, period = "2024", answers = {} }
//! answers."3.2.1" = { num = 912, den = 1000, explanation = "Báo cáo số 15/BC-UBND" }
//! expect = { total = 2, index = 2, band = "Kém", points = { "3.2.1" = 2 }, branches = { "3.2.1" = "tier-2" } }
//! "#, "inline.cases.toml", std::path::Path::new(".")).unwrap();
//! let mut runner = Runner::default();
//! let results = runner.run_file(&file);
//! assert!(results[0].passed(), "{:?}", results[0].failures);
//! ```

mod coverage;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

pub use coverage::{Coverage, ItemCoverage, Reach};

use crate::catalog;
use crate::engine::score::score;
use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::methodology::Methodology;
use crate::model::scorecard::{ScoreNode, Scorecard};
use crate::read::json::parse_json;
use crate::read::methodology::load_methodology_file;
use crate::read::submission::{MEASURE_KEYS, SubmissionRead};
use crate::read::tree::{Node, Obj, Reader, Site, Value, by_code, parse_toml};

/// Where a case's methodology comes from.
///
/// ```
/// use par_index::conformance::MethodologySource;
/// let s = MethodologySource::Embedded("commune-2024-model".into());
/// assert_eq!(s.to_string(), "commune-2024-model");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum MethodologySource {
    /// An embedded methodology, by id.
    Embedded(String),
    /// A methodology file, by path (resolved against the case file's folder).
    File(PathBuf),
}

impl std::fmt::Display for MethodologySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MethodologySource::Embedded(id) => f.write_str(id),
            MethodologySource::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// What a good case expects; every field is optional, and only what is given is checked.
///
/// ```
/// let e = par_index::conformance::ScoreExpectation::default();
/// assert!(e.total.is_none() && e.points.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScoreExpectation {
    /// The total.
    pub total: Option<Decimal>,
    /// The index.
    pub index: Option<Decimal>,
    /// The applicable maximum.
    pub applicable_max: Option<Decimal>,
    /// The band's label, Vietnamese or English (`Tốt`, `Good`).
    pub band: Option<String>,
    /// Points of items or areas, by code.
    pub points: BTreeMap<Code, Decimal>,
    /// The exact set of flags of leaves, by code (`unsupported`, `explained`,
    /// `not_applicable`, `unanswered`); an empty list means none.
    pub flags: BTreeMap<Code, Vec<String>>,
    /// The branch of leaves, by code ([`crate::Branch::name`]: `tier-2`, `late`, …).
    pub branches: BTreeMap<Code, String>,
}

/// What a bad case expects: an error with this kind, and this item code and field if given.
///
/// ```
/// use par_index::{conformance::ErrorExpectation, ProblemKind};
/// let e = ErrorExpectation { kind: ProblemKind::UnknownCode, code: Some("9.9.9".parse().unwrap()), field: None };
/// assert_eq!(e.to_string(), "unknown-code at 9.9.9");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorExpectation {
    /// The problem kind.
    pub kind: ProblemKind,
    /// The item code the problem names.
    pub code: Option<Code>,
    /// The field the problem names (`answers.3.2.1.num`, `items[3].max`).
    pub field: Option<String>,
}

impl std::fmt::Display for ErrorExpectation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(c) = &self.code {
            write!(f, " at {c}")?;
        }
        if let Some(field) = &self.field {
            write!(f, " in `{field}`")?;
        }
        Ok(())
    }
}

impl ErrorExpectation {
    /// Whether a problem is the one expected.
    ///
    /// ```
    /// use par_index::{conformance::ErrorExpectation, Problem, ProblemKind};
    /// let e = ErrorExpectation { kind: ProblemKind::BadDate, code: None, field: None };
    /// assert!(e.matches(&Problem::new(ProblemKind::BadDate, Some("1.1.1"), "answers.1.1.1.due", "x")));
    /// ```
    pub fn matches(&self, p: &Problem) -> bool {
        p.kind == self.kind
            && self
                .code
                .as_ref()
                .is_none_or(|c| p.code.as_deref() == Some(c.as_str()))
            && self.field.as_ref().is_none_or(|f| &p.field == f)
    }
}

/// What a case expects.
///
/// ```
/// use par_index::conformance::{Expect, ScoreExpectation};
/// assert!(matches!(Expect::Score(ScoreExpectation::default()), Expect::Score(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// The submission scores, with these results.
    Score(ScoreExpectation),
    /// Loading or scoring fails with this problem.
    Error(ErrorExpectation),
}

/// One conformance case, as read from a case file.
///
/// ```
/// use par_index::conformance::load_cases;
/// let file = load_cases("tests/cases/good/tiers.cases.toml").unwrap();
/// assert!(file.cases.iter().any(|c| c.name == "three tiers at 91.2%"));
/// ```
#[derive(Debug)]
pub struct Case {
    /// The case's name, unique in its file.
    pub name: String,
    /// The hand computation or other note.
    pub note: Option<String>,
    /// The case file.
    pub file: String,
    /// Where the case starts in the file (line, column).
    pub position: Option<(u32, u32)>,
    /// The methodology.
    pub methodology: MethodologySource,
    /// What is expected.
    pub expect: Expect,
    /// The submission document, with the case's changes applied; or why it could not be had.
    submission: Result<Node, Error>,
}

/// A case file: its cases in order.
///
/// ```
/// let file = par_index::conformance::load_cases("tests/cases/good/tiers.cases.toml").unwrap();
/// assert!(file.file.ends_with("tiers.cases.toml"));
/// ```
#[derive(Debug)]
pub struct CaseFile {
    /// The path, as shown in reports.
    pub file: String,
    /// The cases.
    pub cases: Vec<Case>,
}

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
/// The flag names a case may expect, as the scorecard's JSON writes them.
///
/// ```
/// assert_eq!(par_index::conformance::FLAG_NAMES, ["unanswered", "not_applicable", "unsupported", "explained"]);
/// ```
pub const FLAG_NAMES: &[&str] = &["unanswered", "not_applicable", "unsupported", "explained"];

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
    let top = Site {
        code: None,
        field: String::new(),
    };
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
    let methodology = methodology.map(|m| {
        if catalog::source(&m).is_some() {
            MethodologySource::Embedded(m)
        } else {
            MethodologySource::File(d.dir.join(m))
        }
    });
    // The submission: the case's own, or the file's default.
    let sub_node = t.get("submission").or(d.submission);
    let sub_site = t.site(None, "submission");
    let base: Option<Result<Node, Error>> = match sub_node {
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
    };
    // Changes on top of it, checked for shape here and for content by the submission reader.
    let answers = t.opt(r, None, "answers", |r, n, s| {
        let mut a = r.table(n, s)?;
        a.take_all();
        let mut out = Vec::new();
        for (code, patch) in a.keys() {
            let site = Site {
                code: Some(code),
                field: format!("{}.{code}", s.field),
            };
            if r.table(patch, &site).is_some() {
                let mut p = patch.clone();
                fix_answer_done(&mut p);
                out.push((code.to_owned(), p));
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
                field: format!("{}[{i}]", s.field),
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
            None => entries.push((key.to_owned(), value)),
        }
    }
}

/// Apply a case's changes to its base submission: each answer's measure is replaced when
/// the change gives one, its evidence and explanation when it gives them; `unanswered`
/// removes answers; `survey_held`, `bonus` and `penalty` replace the base's.
fn apply(
    node: &mut Node,
    answers: Vec<(String, Node)>,
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

/// The outcome of one case.
///
/// ```
/// use par_index::conformance::run;
/// let run = run(&["tests/cases/good/tiers.cases.toml"]);
/// assert!(run.results.iter().all(|r| r.passed()));
/// ```
#[derive(Debug)]
pub struct CaseResult {
    /// The case file.
    pub file: String,
    /// The case's name.
    pub name: String,
    /// Each expectation not met: `total: expected 98, got 99`. Empty when the case passed.
    pub failures: Vec<String>,
    /// The trace of each item that differs, for the failure report.
    pub traces: Vec<String>,
    /// The scorecard, when the submission scored.
    pub scorecard: Option<Scorecard>,
    /// Which of the runner's methodologies scored it.
    methodology: Option<usize>,
}

impl CaseResult {
    /// Whether every expectation was met.
    ///
    /// ```
    /// let run = par_index::conformance::run(&["tests/cases/good/tiers.cases.toml"]);
    /// assert!(run.results[0].passed());
    /// ```
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs cases, loading each methodology once.
///
/// ```
/// use par_index::conformance::{load_cases, Runner};
/// let mut runner = Runner::default();
/// let file = load_cases("tests/cases/good/tiers.cases.toml").unwrap();
/// let results = runner.run_file(&file);
/// assert!(results.iter().all(|r| r.passed()));
/// assert_eq!(runner.methodologies().count(), 1);
/// ```
#[derive(Debug, Default)]
pub struct Runner {
    loaded: Vec<(MethodologySource, Result<Methodology, Error>)>,
}

impl Runner {
    /// The methodologies loaded so far, in the order first used.
    ///
    /// ```
    /// assert_eq!(par_index::conformance::Runner::default().methodologies().count(), 0);
    /// ```
    pub fn methodologies(&self) -> impl Iterator<Item = &Methodology> {
        self.loaded.iter().filter_map(|(_, m)| m.as_ref().ok())
    }

    /// The index of a methodology in `loaded`, loading it the first time.
    fn index_of(&mut self, source: &MethodologySource) -> usize {
        match self.loaded.iter().position(|(s, _)| s == source) {
            Some(i) => i,
            None => {
                let m = match source {
                    MethodologySource::Embedded(id) => catalog::get(id).cloned(),
                    MethodologySource::File(p) => load_methodology_file(p),
                };
                self.loaded.push((source.clone(), m));
                self.loaded.len().saturating_sub(1)
            }
        }
    }

    /// Run every case of a file.
    ///
    /// ```
    /// use par_index::conformance::{load_cases, Runner};
    /// let file = load_cases("tests/cases/bad/submissions.cases.toml").unwrap();
    /// assert!(Runner::default().run_file(&file).iter().all(|r| r.passed()));
    /// ```
    pub fn run_file(&mut self, file: &CaseFile) -> Vec<CaseResult> {
        file.cases.iter().map(|c| self.run_case(c)).collect()
    }

    /// Run one case.
    ///
    /// ```
    /// use par_index::conformance::{load_cases, Runner};
    /// let file = load_cases("tests/cases/good/tiers.cases.toml").unwrap();
    /// let result = Runner::default().run_case(&file.cases[0]);
    /// assert!(result.passed());
    /// assert!(result.scorecard.is_some());
    /// ```
    pub fn run_case(&mut self, case: &Case) -> CaseResult {
        let mut result = CaseResult {
            file: case.file.clone(),
            name: case.name.clone(),
            failures: Vec::new(),
            traces: Vec::new(),
            scorecard: None,
            methodology: None,
        };
        let index = self.index_of(&case.methodology);
        let Some((_, m)) = self.loaded.get(index) else {
            result.failures.push(format!(
                "methodology {} could not be loaded",
                case.methodology
            ));
            return result;
        };
        let outcome: Result<Scorecard, &Error> = match (m, &case.submission) {
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(e),
            (Ok(m), Ok(node)) => {
                let read = SubmissionRead::from_node(node);
                match read.check(m).and_then(|s| score(m, &s)) {
                    Ok(card) => Ok(card),
                    Err(e) => {
                        let e = e.in_file(&case.file);
                        return finish_error(result, &case.expect, &e);
                    }
                }
            }
        };
        match outcome {
            Err(e) => finish_error(result, &case.expect, e),
            Ok(card) => {
                match &case.expect {
                    Expect::Error(x) => result.failures.push(format!(
                        "expected an error {x}, but it scored: total {}, index {}, {}",
                        card.total, card.index, card.band.label.vi
                    )),
                    Expect::Score(x) => compare(x, &card, &mut result),
                }
                result.methodology = Some(index);
                result.scorecard = Some(card);
                result
            }
        }
    }
}

fn finish_error(mut result: CaseResult, expect: &Expect, e: &Error) -> CaseResult {
    match expect {
        Expect::Error(x) if e.problems().iter().any(|p| x.matches(p)) => {}
        Expect::Error(x) => {
            result
                .failures
                .push(format!("expected an error {x}, got other errors:"));
            result.traces.push(e.to_string());
        }
        Expect::Score(_) => {
            result.failures.push("expected a score, got errors:".into());
            result.traces.push(e.to_string());
        }
    }
    result
}

fn compare(x: &ScoreExpectation, card: &Scorecard, out: &mut CaseResult) {
    let mut value = |what: &str, want: Option<Decimal>, got: Decimal| {
        if let Some(w) = want
            && w != got
        {
            out.failures
                .push(format!("{what}: expected {w}, got {got}"));
        }
    };
    value("total", x.total, card.total);
    value("index", x.index, card.index);
    value("applicable_max", x.applicable_max, card.applicable_max);
    if let Some(b) = &x.band
        && *b != card.band.label.vi
        && Some(b) != card.band.label.en.as_ref()
    {
        out.failures
            .push(format!("band: expected {b}, got {}", card.band.label.vi));
    }
    let mut differing: Vec<&Code> = Vec::new();
    let node = |code: &Code, out: &mut CaseResult| -> Option<ScoreNode> {
        let n = card.find(code).cloned();
        if n.is_none() {
            out.failures.push(format!(
                "{code}: methodology `{}` has no such item",
                card.methodology.id
            ));
        }
        n
    };
    for (code, want) in &x.points {
        if let Some(n) = node(code, out)
            && n.points != *want
        {
            out.failures
                .push(format!("{code} points: expected {want}, got {}", n.points));
            differing.push(code);
        }
    }
    for (code, want) in &x.flags {
        if let Some(n) = node(code, out) {
            let got = flag_names(&n);
            if got != *want {
                out.failures.push(format!(
                    "{code} flags: expected [{}], got [{}]",
                    want.join(", "),
                    got.join(", ")
                ));
                differing.push(code);
            }
        }
    }
    for (code, want) in &x.branches {
        if let Some(n) = node(code, out) {
            let got = n.trace.as_ref().map(|t| t.branch.name());
            if got.as_ref() != Some(want) {
                out.failures.push(format!(
                    "{code} branch: expected {want}, got {}",
                    got.as_deref().unwrap_or("(a group has no branch)")
                ));
                differing.push(code);
            }
        }
    }
    // A total or index that differs with no item named: show where points were lost.
    if differing.is_empty() && !out.failures.is_empty() {
        differing.extend(
            card.leaves()
                .filter(|l| l.applicable && l.points < l.max)
                .map(|l| &l.code),
        );
    }
    differing.sort();
    differing.dedup();
    for code in differing {
        if let Some(n) = card.find(code) {
            out.traces.push(trace_line(card, n));
        }
    }
}

/// The flag names set on a node's trace, sorted.
pub(crate) fn flag_names(n: &ScoreNode) -> Vec<String> {
    let Some(t) = &n.trace else {
        return Vec::new();
    };
    let f = t.flags;
    let mut out: Vec<String> = [
        (f.unanswered, "unanswered"),
        (f.not_applicable, "not_applicable"),
        (f.unsupported, "unsupported"),
        (f.explained, "explained"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, name)| (*name).to_owned())
    .collect();
    out.sort();
    out
}

/// One line of trace for a failure report.
fn trace_line(card: &Scorecard, n: &ScoreNode) -> String {
    match &n.trace {
        Some(t) => {
            let mut s = format!(
                "{} ({}, max {}): {}; raw {}, rounded {}, points {}",
                n.code,
                t.rule.kind(),
                n.max,
                crate::report::render::describe_trace(card, n, crate::Lang::En),
                t.raw,
                t.rounded,
                n.points
            );
            if let Some(a) = t.adjustment {
                let a = crate::report::render::describe_override(
                    a,
                    t.rounded,
                    n.points,
                    crate::Lang::En,
                );
                let _ = write!(s, " ({a})");
            }
            let _ = write!(s, "; evidence: {}", t.evidence.len());
            let flags = flag_names(n);
            if !flags.is_empty() {
                let _ = write!(s, "; flags: {}", flags.join(", "));
            }
            s
        }
        None => {
            let parts: Vec<String> = n
                .children
                .iter()
                .map(|c| format!("{} {}", c.code, c.points))
                .collect();
            format!(
                "{}: {} of {} = {}",
                n.code,
                n.points,
                n.max,
                parts.join(" + ")
            )
        }
    }
}

/// A case file that could not be read, or a folder without case files.
///
/// ```
/// let run = par_index::conformance::run(&["no/such.cases.toml"]);
/// assert_eq!(run.broken.len(), 1);
/// assert_eq!(run.failed(), 1);
/// ```
#[derive(Debug)]
pub struct BrokenFile {
    /// The path.
    pub file: String,
    /// Why it could not be run.
    pub error: String,
}

/// The outcome of running case files: every case's result, the files that could not be
/// read, and the methodologies used (for [`Run::coverage`]).
///
/// ```
/// let run = par_index::conformance::run(&["tests/cases"]);
/// assert_eq!(run.failed(), 0, "{}", run.report());
/// assert!(run.passed() >= 60);
/// assert!(run.report().ends_with(&format!("{} passed, 0 failed\n", run.passed())));
/// ```
#[derive(Debug, Default)]
pub struct Run {
    /// Every case run, in file and case order.
    pub results: Vec<CaseResult>,
    /// Case files that could not be read; each counts as one failure.
    pub broken: Vec<BrokenFile>,
    runner: Runner,
}

/// Run the case files at these paths: files, or folders searched recursively for files
/// named `*.cases.toml` (other files there are fixtures the cases refer to). A folder
/// without case files is reported as broken, so that nothing passes by running nothing.
///
/// ```
/// let run = par_index::conformance::run(&["tests/cases/good"]);
/// assert!(run.passed() > 0);
/// ```
pub fn run<P: AsRef<Path>>(paths: &[P]) -> Run {
    let mut out = Run::default();
    for p in paths {
        let p = p.as_ref();
        let is_case = |f: &Path| {
            f.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.to_ascii_lowercase().ends_with(".cases.toml"))
        };
        let walked = crate::read::walk::walk(&[p], &is_case);
        for problem in walked.problems {
            out.broken.push(BrokenFile {
                file: p.display().to_string(),
                error: problem,
            });
        }
        let files = walked.files;
        if files.is_empty() && p.is_dir() {
            out.broken.push(BrokenFile {
                file: p.display().to_string(),
                error: format!("{}: no case files (*.cases.toml) found", p.display()),
            });
        }
        for f in files {
            match load_cases(&f) {
                Ok(file) => {
                    let results = out.runner.run_file(&file);
                    out.results.extend(results);
                }
                Err(e) => out.broken.push(BrokenFile {
                    file: f.display().to_string(),
                    error: e.to_string(),
                }),
            }
        }
    }
    out
}

impl Run {
    /// The number of cases that passed.
    ///
    /// ```
    /// assert_eq!(par_index::conformance::Run::default().passed(), 0);
    /// ```
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed()).count()
    }

    /// The number of cases that failed, plus one per broken file.
    ///
    /// ```
    /// assert_eq!(par_index::conformance::Run::default().failed(), 0);
    /// ```
    pub fn failed(&self) -> usize {
        self.results
            .iter()
            .filter(|r| !r.passed())
            .count()
            .saturating_add(self.broken.len())
    }

    /// The report: each broken file and failing case with every expectation against the
    /// actual value and the trace of the items that differ, then the line
    /// `N passed, N failed`.
    ///
    /// ```
    /// let run = par_index::conformance::run(&["tests/cases/good/tiers.cases.toml"]);
    /// assert_eq!(run.report(), format!("{} passed, 0 failed\n", run.passed()));
    /// ```
    pub fn report(&self) -> String {
        let mut s = String::new();
        for b in &self.broken {
            let _ = writeln!(s, "BROKEN {}\n  {}", b.file, b.error.replace('\n', "\n  "));
        }
        for r in self.results.iter().filter(|r| !r.passed()) {
            let _ = writeln!(s, "FAIL {}: {}", r.file, r.name);
            for f in &r.failures {
                let _ = writeln!(s, "  {f}");
            }
            for t in &r.traces {
                let _ = writeln!(s, "    {}", t.replace('\n', "\n    "));
            }
        }
        let _ = writeln!(s, "{} passed, {} failed", self.passed(), self.failed());
        s
    }

    /// Branch coverage of each methodology the cases scored against, in the order first
    /// used.
    ///
    /// ```
    /// let run = par_index::conformance::run(&["tests/cases"]);
    /// let cov = run.coverage();
    /// let model = cov.iter().find(|c| c.methodology == "commune-2024-model").unwrap();
    /// assert_eq!(model.unreached().count(), 0, "{}", model.render(false));
    /// ```
    pub fn coverage(&self) -> Vec<Coverage> {
        self.runner
            .loaded
            .iter()
            .enumerate()
            .filter_map(|(i, (_, m))| m.as_ref().ok().map(|m| (i, m)))
            .map(|(i, m)| {
                let cards = self
                    .results
                    .iter()
                    .filter(|r| r.methodology == Some(i))
                    .filter_map(|r| r.scorecard.as_ref());
                Coverage::of(m, cards)
            })
            .collect()
    }
}

/// The case file format as types, for its JSON Schema only (`par-index schema case`): the
/// reader above works on the document tree, to report every problem with its position.
#[allow(dead_code)]
pub(crate) mod format {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;
    use schemars::JsonSchema;

    use crate::model::code::Code;
    use crate::model::date::Date;
    use crate::model::submission::{AdjustmentEntry, Evidence, Submission};

    /// A file of conformance cases (`*.cases.toml`).
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct CaseFile {
        /// The default methodology of the cases: an embedded id, or a methodology file
        /// (relative to this file).
        pub methodology: Option<String>,
        /// The default base submission of the cases.
        pub submission: Option<SubmissionRef>,
        /// The cases.
        pub case: Vec<Case>,
    }

    /// A submission: a JSON file (relative to the case file) or a table written inline.
    #[derive(JsonSchema)]
    #[serde(untagged)]
    pub enum SubmissionRef {
        /// A JSON file.
        File(String),
        /// A submission written inline, read when the case runs (so that a case can expect
        /// the error of a bad one): the submission format.
        Inline(#[schemars(with = "serde_json::Map<String, serde_json::Value>")] Box<Submission>),
    }

    /// One case.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Case {
        /// The name, unique in the file.
        pub name: String,
        /// The hand computation behind the expected values.
        pub note: Option<String>,
        /// The methodology, if not the file's default.
        pub methodology: Option<String>,
        /// The base submission, if not the file's default.
        pub submission: Option<SubmissionRef>,
        /// Changes to answers by item code: a measure replaces the base answer's measure;
        /// `evidence` and `explanation` replace the base's when given (`evidence = []`
        /// removes it).
        /// Item codes are read as written, so that a case can expect the error of a bad one.
        pub answers: Option<BTreeMap<String, AnswerChange>>,
        /// Items whose answer is removed.
        pub unanswered: Option<Vec<Code>>,
        /// Whether the survey was held (replaces the base's).
        pub survey_held: Option<bool>,
        /// Bonus entries (replace the base's).
        pub bonus: Option<Vec<AdjustmentEntry>>,
        /// Penalty entries (replace the base's).
        pub penalty: Option<Vec<AdjustmentEntry>>,
        /// What is expected.
        pub expect: Expect,
    }

    /// A change to one answer: any of a measure's keys, evidence, explanation. The values
    /// are read as written and checked when the case runs, so that a case can give a bad
    /// one and expect the error it gets (an unknown key included): the types below are what a
    /// good answer holds.
    #[derive(JsonSchema)]
    pub struct AnswerChange {
        /// `check`: whether the requirement is met.
        #[schemars(with = "Option<serde_json::Value>")]
        pub met: Option<bool>,
        /// `deadline`: the due date.
        #[schemars(with = "Option<serde_json::Value>")]
        pub due: Option<Date>,
        /// `deadline`: the date done, or `false` when not done (TOML has no null).
        #[schemars(with = "Option<serde_json::Value>")]
        pub done: Option<Done>,
        /// A ratio's numerator.
        #[schemars(with = "Option<serde_json::Value>")]
        pub num: Option<Decimal>,
        /// A ratio's denominator (0: did not arise).
        #[schemars(with = "Option<serde_json::Value>")]
        pub den: Option<Decimal>,
        /// A number.
        #[schemars(with = "Option<serde_json::Value>")]
        pub value: Option<Decimal>,
        /// A count of violations.
        #[schemars(with = "Option<serde_json::Value>")]
        pub count: Option<u32>,
        /// The assessor's points.
        #[schemars(with = "Option<serde_json::Value>")]
        pub points: Option<Decimal>,
        /// Survey satisfaction in \[0, 1\].
        #[schemars(with = "Option<serde_json::Value>")]
        pub satisfaction: Option<Decimal>,
        /// The item did not arise.
        #[schemars(with = "Option<serde_json::Value>")]
        pub not_applicable: Option<bool>,
        /// Evidence documents.
        #[schemars(with = "Option<serde_json::Value>")]
        pub evidence: Option<Vec<Evidence>>,
        /// An explanation.
        #[schemars(with = "Option<serde_json::Value>")]
        pub explanation: Option<String>,
    }

    /// A date done, or `false`: not done.
    #[derive(JsonSchema)]
    #[serde(untagged)]
    pub enum Done {
        /// Done on this date.
        Date(Date),
        /// `false`: not done.
        NotDone(bool),
    }

    /// What a case expects: results, or an error.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Expect {
        /// The total.
        pub total: Option<Decimal>,
        /// The index.
        pub index: Option<Decimal>,
        /// The applicable maximum.
        pub applicable_max: Option<Decimal>,
        /// The band's label, Vietnamese or English.
        pub band: Option<String>,
        /// Points of items or areas by code.
        pub points: Option<BTreeMap<Code, Decimal>>,
        /// The exact set of flags of leaves by code.
        pub flags: Option<BTreeMap<Code, Vec<Flag>>>,
        /// The branch of leaves by code (`tier-2`, `late`, `below-floor`, …).
        pub branches: Option<BTreeMap<Code, String>>,
        /// For a bad case: the error expected.
        pub error: Option<ExpectedError>,
    }

    /// A flag of a leaf.
    #[derive(JsonSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Flag {
        /// No answer.
        Unanswered,
        /// Not applicable.
        NotApplicable,
        /// Claimed without evidence or explanation.
        Unsupported,
        /// Claimed with an explanation only.
        Explained,
    }

    /// The names of the problem kinds, the values `kind` may take.
    fn problem_kinds(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = crate::ProblemKind::ALL.iter().map(|k| k.name()).collect();
        schemars::json_schema!({
            "description": "The problem kind (`sum-mismatch`, `unknown-code`, …).",
            "type": "string",
            "enum": names,
        })
    }

    /// The error a bad case expects.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct ExpectedError {
        /// The problem kind (`sum-mismatch`, `unknown-code`, …).
        #[schemars(schema_with = "problem_kinds")]
        pub kind: String,
        /// The item code the problem names.
        pub code: Option<Code>,
        /// The field the problem names.
        pub field: Option<String>,
    }
}
