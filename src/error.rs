//! One error type with context: the file, the item code and the field of every problem.
//!
//! Loading a methodology and checking a submission report *all* problems found, not
//! only the first, so an official fixing a file sees the whole list at once.

use std::fmt;

/// What kind of problem a [`Problem`] is. Stable names (kebab-case) that test cases and
/// tools can match on.
///
/// ```
/// use par_index::ProblemKind;
/// assert_eq!(ProblemKind::DuplicateCode.name(), "duplicate-code");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The text is not well-formed TOML or JSON.
    Syntax,
    /// A key that the format does not know (typos are errors, never ignored).
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value of the wrong type (a string where a number was expected, …).
    WrongType,
    /// A value of the right type that is not allowed (a negative count, a bad code, …).
    BadValue,
    /// The same code appears twice.
    DuplicateCode,
    /// An item whose parent code is not declared.
    MissingParent,
    /// A maximum that differs from the sum of the maxima below it.
    SumMismatch,
    /// Tiers that are not strictly ordered, or whose points exceed the max or do not decrease.
    BadTiers,
    /// A rule whose parameters are inconsistent (a target ≤ 0, a floor above the target, …).
    BadRule,
    /// Bands that are not strictly ordered or do not cover 0.
    BadBands,
    /// A submission answers a code the methodology does not have, or a group instead of a leaf.
    UnknownCode,
    /// The measure given does not fit the item's rule.
    WrongMeasure,
    /// A ratio whose numerator exceeds its denominator where the item does not allow it.
    RatioAboveOne,
    /// A not-applicable answer (or a zero denominator) for an item without an N/A policy.
    NotApplicableRejected,
    /// A date that does not exist or is not written `YYYY-MM-DD`.
    BadDate,
    /// The submission names another methodology than the one it is scored against.
    MethodologyMismatch,
    /// Arithmetic would overflow the decimal range.
    Overflow,
    /// No item applies, so no index can be computed.
    NothingApplicable,
    /// A name (of a test case) used twice in one file.
    DuplicateName,
    /// A JSON object that repeats a key.
    DuplicateKey,
    /// An input over a limit ([`crate::Limits`]): too many bytes, items, answers, evidence
    /// documents, characters in a string, or levels of nesting.
    TooLarge,
    /// Not a problem but a note: an answer of an Excel form read from a hidden row or sheet
    /// ([`crate::submission::SubmissionRead::notes`]).
    HiddenInput,
}

impl ProblemKind {
    /// The stable kebab-case name of the kind.
    ///
    /// ```
    /// assert_eq!(par_index::ProblemKind::RatioAboveOne.name(), "ratio-above-one");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::Syntax => "syntax",
            ProblemKind::UnknownKey => "unknown-key",
            ProblemKind::MissingKey => "missing-key",
            ProblemKind::WrongType => "wrong-type",
            ProblemKind::BadValue => "bad-value",
            ProblemKind::DuplicateCode => "duplicate-code",
            ProblemKind::MissingParent => "missing-parent",
            ProblemKind::SumMismatch => "sum-mismatch",
            ProblemKind::BadTiers => "bad-tiers",
            ProblemKind::BadRule => "bad-rule",
            ProblemKind::BadBands => "bad-bands",
            ProblemKind::UnknownCode => "unknown-code",
            ProblemKind::WrongMeasure => "wrong-measure",
            ProblemKind::RatioAboveOne => "ratio-above-one",
            ProblemKind::NotApplicableRejected => "not-applicable-rejected",
            ProblemKind::BadDate => "bad-date",
            ProblemKind::MethodologyMismatch => "methodology-mismatch",
            ProblemKind::Overflow => "overflow",
            ProblemKind::NothingApplicable => "nothing-applicable",
            ProblemKind::DuplicateName => "duplicate-name",
            ProblemKind::DuplicateKey => "duplicate-key",
            ProblemKind::TooLarge => "too-large",
            ProblemKind::HiddenInput => "hidden-input",
        }
    }

    /// Every kind, in declaration order.
    ///
    /// ```
    /// use par_index::ProblemKind;
    /// assert!(ProblemKind::ALL.iter().all(|k| ProblemKind::from_name(k.name()) == Some(*k)));
    /// ```
    pub const ALL: &[ProblemKind] = &[
        ProblemKind::Syntax,
        ProblemKind::UnknownKey,
        ProblemKind::MissingKey,
        ProblemKind::WrongType,
        ProblemKind::BadValue,
        ProblemKind::DuplicateCode,
        ProblemKind::MissingParent,
        ProblemKind::SumMismatch,
        ProblemKind::BadTiers,
        ProblemKind::BadRule,
        ProblemKind::BadBands,
        ProblemKind::UnknownCode,
        ProblemKind::WrongMeasure,
        ProblemKind::RatioAboveOne,
        ProblemKind::NotApplicableRejected,
        ProblemKind::BadDate,
        ProblemKind::MethodologyMismatch,
        ProblemKind::Overflow,
        ProblemKind::NothingApplicable,
        ProblemKind::DuplicateName,
        ProblemKind::DuplicateKey,
        ProblemKind::TooLarge,
        ProblemKind::HiddenInput,
    ];

    /// The kind with this stable name.
    ///
    /// ```
    /// use par_index::ProblemKind;
    /// assert_eq!(ProblemKind::from_name("sum-mismatch"), Some(ProblemKind::SumMismatch));
    /// assert_eq!(ProblemKind::from_name("typo"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<ProblemKind> {
        ProblemKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem found in an input: where it is (file, line, item code, field) and what was
/// expected.
///
/// ```
/// use par_index::{methodology, ProblemKind};
/// let err = methodology::load_str("id = 3", Some("bad.toml")).unwrap_err();
/// let first = &err.problems()[0];
/// assert_eq!(first.file.as_deref(), Some("bad.toml"));
/// assert_eq!(first.field, "id");
/// assert_eq!(first.kind, ProblemKind::WrongType);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The file the input came from, when known.
    pub file: Option<String>,
    /// 1-based line and column in that file, when known.
    pub position: Option<(u32, u32)>,
    /// The spreadsheet cell (`Tiêu chí!H23`), for a problem in an Excel form.
    pub cell: Option<Box<str>>,
    /// The code of the item the problem belongs to (`3.2.1`), when there is one.
    pub code: Option<String>,
    /// The key path of the field (`rule.tiers[1].points`), empty for the whole document.
    pub field: String,
    /// What kind of problem it is.
    pub kind: ProblemKind,
    /// What is wrong and what was expected, lower-case.
    pub message: String,
}

impl Problem {
    /// A problem without file or position; callers add them with [`Problem::in_file`].
    ///
    /// ```
    /// use par_index::{Problem, ProblemKind};
    /// let p = Problem::new(ProblemKind::BadValue, Some("1.1"), "max", "must be > 0");
    /// assert_eq!(p.to_string(), "item 1.1: `max`: must be > 0");
    /// ```
    pub fn new(
        kind: ProblemKind,
        code: Option<&str>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: None,
            position: None,
            cell: None,
            code: code.map(str::to_owned),
            field: field.into(),
            kind,
            message: message.into(),
        }
    }

    /// The same problem, attributed to `file` unless it already names one.
    ///
    /// ```
    /// use par_index::{Problem, ProblemKind};
    /// let p = Problem::new(ProblemKind::BadValue, None, "id", "empty").in_file("a.toml");
    /// assert_eq!(p.to_string(), "a.toml: `id`: empty");
    /// ```
    #[must_use]
    pub fn in_file(mut self, file: &str) -> Problem {
        if self.file.is_none() {
            self.file = Some(file.to_owned());
        }
        self
    }

    pub(crate) fn at(mut self, position: Option<(u32, u32)>) -> Problem {
        self.position = position;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut prefix = false;
        if let Some(file) = &self.file {
            f.write_str(file)?;
            if let Some((line, col)) = self.position {
                write!(f, ":{line}:{col}")?;
            }
            prefix = true;
        } else if let Some((line, col)) = self.position {
            write!(f, "line {line}, column {col}")?;
            prefix = true;
        }
        if let Some(cell) = &self.cell {
            if prefix {
                f.write_str(": ")?;
            }
            f.write_str(cell)?;
            prefix = true;
        }
        if let Some(code) = &self.code {
            if prefix {
                f.write_str(": ")?;
            }
            write!(f, "item {code}")?;
            prefix = true;
        }
        if !self.field.is_empty() {
            if prefix {
                f.write_str(": ")?;
            }
            write!(f, "`{}`", self.field)?;
            prefix = true;
        }
        if prefix {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

/// Everything that can go wrong in par-index.
///
/// ```
/// use par_index::{catalog, Error};
/// let err = catalog::get("no-such-set").unwrap_err();
/// assert!(matches!(err, Error::UnknownMethodology { .. }));
/// assert_eq!(
///     err.to_string(),
///     "unknown methodology `no-such-set` (embedded: commune-2024-model, commune-2025-model, department-2025-model)"
/// );
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has one or more problems; all of them are listed.
    #[error("{}", display_problems(.0))]
    Invalid(Vec<Problem>),
    /// A file could not be read. The message says why (the operating system's words), once:
    /// the cause is in the message, not repeated as `source()`.
    #[error("cannot read {path}: {cause}")]
    Io {
        /// The path that was read.
        path: String,
        /// The operating system's error.
        cause: std::io::Error,
    },
    /// No embedded methodology has this id.
    #[error("unknown methodology `{id}` (embedded: {known})")]
    UnknownMethodology {
        /// The id asked for.
        id: String,
        /// The embedded ids, comma-separated.
        known: String,
    },
    /// A methodology named by a user is neither embedded nor a file
    /// ([`crate::catalog::resolve`]).
    #[error("`{given}` is neither an embedded methodology ({known}) nor a file")]
    NotAMethodology {
        /// What was given.
        given: String,
        /// The embedded ids, comma-separated.
        known: String,
    },
    /// A folder being walked, or one of its entries, could not be read: the walk went on
    /// without it.
    #[error("cannot read {}{path}: {cause}", if *.entry { "an entry of " } else { "folder " })]
    Folder {
        /// The folder.
        path: String,
        /// Whether it was an entry of the folder (not the folder itself) that could not be
        /// read.
        entry: bool,
        /// The operating system's error.
        cause: std::io::Error,
    },
    /// The paths given held no file of the kind a command reads.
    #[error("nothing to read in {paths}: no {what} files{}", skipped_files(*.skipped))]
    NothingToRead {
        /// The paths walked, comma-separated.
        paths: String,
        /// The kind of file looked for (`.json or .xlsx`).
        what: String,
        /// How many files of other kinds were skipped.
        skipped: usize,
    },
    /// A file of a batch was not scored because the work stopped before it (a worker
    /// failed): not a problem of the file.
    #[error("{file}: not scored (a worker stopped)")]
    Interrupted {
        /// The file.
        file: String,
    },
    /// An output could not be made (an Excel workbook the writer refused): not a problem of
    /// the input.
    #[error("cannot write {what}: {cause}")]
    Output {
        /// What was being written (`the Excel workbook`).
        what: String,
        /// Why, in the writer's words.
        cause: String,
    },
}

fn skipped_files(skipped: usize) -> String {
    if skipped > 0 {
        format!(" ({skipped} other files skipped)")
    } else {
        String::new()
    }
}

/// A copy of an I/O error: its kind and its message (an operating system's error code is
/// kept as its message).
fn copy_io(e: &std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(e.kind(), e.to_string()),
    }
}

/// Errors are cloned with their I/O causes copied (kind and message), so that results
/// holding them (a batch's failures) can be cloned.
impl Clone for Error {
    fn clone(&self) -> Error {
        match self {
            Error::Invalid(p) => Error::Invalid(p.clone()),
            Error::Io { path, cause } => Error::Io {
                path: path.clone(),
                cause: copy_io(cause),
            },
            Error::UnknownMethodology { id, known } => Error::UnknownMethodology {
                id: id.clone(),
                known: known.clone(),
            },
            Error::NotAMethodology { given, known } => Error::NotAMethodology {
                given: given.clone(),
                known: known.clone(),
            },
            Error::Folder { path, entry, cause } => Error::Folder {
                path: path.clone(),
                entry: *entry,
                cause: copy_io(cause),
            },
            Error::NothingToRead {
                paths,
                what,
                skipped,
            } => Error::NothingToRead {
                paths: paths.clone(),
                what: what.clone(),
                skipped: *skipped,
            },
            Error::Interrupted { file } => Error::Interrupted { file: file.clone() },
            Error::Output { what, cause } => Error::Output {
                what: what.clone(),
                cause: cause.clone(),
            },
        }
    }
}

/// Two errors are equal when they are the same variant with the same fields; I/O causes
/// are compared by kind and message.
///
/// ```
/// let a = par_index::catalog::get("x").unwrap_err();
/// assert_eq!(a.clone(), a);
/// ```
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        let io = |a: &std::io::Error, b: &std::io::Error| {
            a.kind() == b.kind() && a.to_string() == b.to_string()
        };
        match (self, other) {
            (Error::Invalid(a), Error::Invalid(b)) => a == b,
            (Error::Io { path: p, cause: c }, Error::Io { path: q, cause: d }) => {
                p == q && io(c, d)
            }
            (
                Error::UnknownMethodology { id: a, known: k },
                Error::UnknownMethodology { id: b, known: l },
            ) => a == b && k == l,
            (
                Error::NotAMethodology { given: a, known: k },
                Error::NotAMethodology { given: b, known: l },
            ) => a == b && k == l,
            (
                Error::Folder {
                    path: p,
                    entry: e,
                    cause: c,
                },
                Error::Folder {
                    path: q,
                    entry: f,
                    cause: d,
                },
            ) => p == q && e == f && io(c, d),
            (
                Error::NothingToRead {
                    paths: a,
                    what: w,
                    skipped: s,
                },
                Error::NothingToRead {
                    paths: b,
                    what: x,
                    skipped: t,
                },
            ) => a == b && w == x && s == t,
            (Error::Interrupted { file: a }, Error::Interrupted { file: b }) => a == b,
            (Error::Output { what: a, cause: c }, Error::Output { what: b, cause: d }) => {
                a == b && c == d
            }
            _ => false,
        }
    }
}

impl Eq for Error {}

/// A problem in JSON, as a server answers it and a binding hands it on: its kind by name
/// ([`ProblemKind::name`]), then where (file, line, column, cell, item code, field), then the
/// message; what is not known is left out.
///
/// ```
/// use par_index::{Problem, ProblemKind};
/// let p = Problem::new(ProblemKind::BadValue, Some("1.1"), "max", "must be > 0").in_file("m.toml");
/// assert_eq!(serde_json::to_string(&p).unwrap(),
///     r#"{"kind":"bad-value","file":"m.toml","code":"1.1","field":"max","message":"must be > 0"}"#);
/// ```
impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", self.kind.name())?;
        if let Some(f) = &self.file {
            m.serialize_entry("file", f)?;
        }
        if let Some((line, column)) = self.position {
            m.serialize_entry("line", &line)?;
            m.serialize_entry("column", &column)?;
        }
        if let Some(c) = &self.cell {
            m.serialize_entry("cell", c)?;
        }
        if let Some(c) = &self.code {
            m.serialize_entry("code", c)?;
        }
        m.serialize_entry("field", &self.field)?;
        m.serialize_entry("message", &self.message)?;
        m.end()
    }
}

/// An error is written into JSON (a batch's failures) as its message.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Error {
    /// The problems of an [`Error::Invalid`], empty for other errors.
    ///
    /// ```
    /// let err = par_index::methodology::load_str("", None).unwrap_err();
    /// assert!(err.problems().iter().any(|p| p.field == "id"));
    /// ```
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(problems) => problems,
            _ => &[],
        }
    }

    /// The same error with every problem attributed to `file` (unless it names one).
    ///
    /// ```
    /// use par_index::Error;
    /// let err = par_index::methodology::load_str("", None).unwrap_err().in_file("x.toml");
    /// assert!(err.problems().iter().all(|p| p.file.as_deref() == Some("x.toml")));
    /// ```
    #[must_use]
    pub fn in_file(self, file: &str) -> Error {
        match self {
            Error::Invalid(problems) => {
                Error::Invalid(problems.into_iter().map(|p| p.in_file(file)).collect())
            }
            other => other,
        }
    }
}

fn display_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&p.to_string());
    }
    if problems.is_empty() {
        out.push_str("invalid input");
    }
    out
}

/// A name that is not one of the names a setting takes: a language (`vi`, `en`) or an
/// output format (`text`, `markdown`, `json`). The error of their `FromStr`.
///
/// ```
/// let err = "fr".parse::<par_index::Lang>().unwrap_err();
/// assert_eq!(err.found, "fr");
/// assert_eq!(err.to_string(), "unknown language `fr` (expected vi or en)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{found}` (expected {expected})")]
#[non_exhaustive]
pub struct UnknownName {
    /// What was being named: `language`, `format`.
    pub what: &'static str,
    /// The name given.
    pub found: String,
    /// The names accepted, in words.
    pub expected: &'static str,
}
