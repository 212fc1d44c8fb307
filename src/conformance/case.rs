//! Conformance cases as data: what a case names and expects.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::scorecard::ScoreNode;
use crate::read::tree::Node;

/// Where a case's methodology comes from.
///
/// ```
/// use par_index::conformance::MethodologySource;
/// let s = MethodologySource::Embedded("commune-2024-model".into());
/// assert_eq!(s.to_string(), "commune-2024-model");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
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
    /// The branch of leaves, by code ([`crate::methodology::Branch::name`]: `tier-2`, `late`, …).
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
    #[must_use]
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
#[non_exhaustive]
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
    pub(crate) submission: Result<Node, Error>,
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

/// The flag names a case may expect, as the scorecard's JSON writes them.
///
/// ```
/// assert_eq!(par_index::conformance::FLAG_NAMES, ["unanswered", "not_applicable", "unsupported", "explained"]);
/// ```
pub const FLAG_NAMES: &[&str] = &["unanswered", "not_applicable", "unsupported", "explained"];

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
