//! Checking files as `par-index validate` does, with typed outcomes: a self-assessment read
//! and checked against its methodology (through
//! [`crate::Options::check_submission_file`]), and a set of files and folders, each told
//! apart by what it is and checked as its kind ([`crate::Options::validate_files`]). What the
//! command line, a server and the bindings call; none of them decides what a file is or
//! matches a failure to its file by itself.

use std::fmt;
use std::path::Path;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::methodology::Methodology;
use crate::model::stage::StageKind;
use crate::model::submission::Submission;
use crate::read::detect::FileKind;
use crate::read::limits::Limits;
use crate::read::submission::SubmissionRead;

/// A self-assessment file read and checked ([`crate::Options::check_submission_file`]): the
/// notes of the reading, whatever the outcome, and the outcome.
///
/// ```
/// let read = par_index::Options::new().check_submission_file("examples/data/xa-dong-tam.json", &[]);
/// assert!(read.notes.is_empty());
/// assert!(read.outcome.is_ok());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct SubmissionCheck<'m> {
    /// Notes of the reading: answers read from hidden rows or sheets of a form
    /// ([`crate::ProblemKind::HiddenInput`]).
    pub notes: Vec<Problem>,
    /// The submission checked against its methodology, or every problem found.
    pub outcome: Result<Checked<'m>, Error>,
}

/// A self-assessment that passed its check, with the methodology it was checked against.
///
/// ```
/// let read = par_index::Options::new().check_submission_file("examples/data/xa-dong-tam.json", &[]);
/// let checked = read.outcome.unwrap();
/// let card = par_index::score(checked.methodology, &checked.submission).unwrap();
/// assert_eq!(card.unit.code, "NG-01");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct Checked<'m> {
    /// The submission, as checked.
    pub submission: Submission,
    /// The methodology it was checked against.
    pub methodology: &'m Methodology,
}

/// Read a self-assessment from its file and check it: against `given`; else one of `among`
/// by the id it names; else the embedded one it names.
pub(crate) fn check_submission_file<'m>(
    path: &Path,
    given: Option<&'m Methodology>,
    among: &'m [Methodology],
    limits: &Limits,
) -> SubmissionCheck<'m> {
    let shown = path.display().to_string();
    let read = match crate::read::file::read_submission_file(path, limits) {
        Ok(read) => read,
        Err(e) => {
            return SubmissionCheck {
                notes: Vec::new(),
                outcome: Err(e),
            };
        }
    };
    let notes = read.notes.clone();
    let outcome = check_read(read, given, among).map_err(|e| e.in_file(&shown));
    SubmissionCheck { notes, outcome }
}

/// Read a self-assessment from bytes and check it, as [`check_submission_file`] does a file:
/// an Excel form when the bytes are a zip archive (every `.xlsx` is), else JSON text. Every
/// problem names `name` (an upload's file name, say).
pub(crate) fn check_submission_bytes<'m>(
    bytes: &[u8],
    name: &str,
    given: Option<&'m Methodology>,
    among: &'m [Methodology],
    limits: &Limits,
) -> SubmissionCheck<'m> {
    if let Some(checked) = checked_at_once(bytes, given, among, limits) {
        return SubmissionCheck {
            notes: Vec::new(),
            outcome: Ok(checked),
        };
    }
    let read = match read_submission_bytes(bytes, limits) {
        Ok(read) => read,
        Err(e) => {
            return SubmissionCheck {
                notes: Vec::new(),
                outcome: Err(e.in_file(name)),
            };
        }
    };
    let notes: Vec<Problem> = read.notes.iter().map(|p| p.clone().in_file(name)).collect();
    let outcome = check_read(read, given, among).map_err(|e| e.in_file(name));
    SubmissionCheck { notes, outcome }
}

/// JSON text with no problem at all, read and checked in one pass (the direct reader, then
/// the check against its methodology); `None` for anything else, which the full reader then
/// reads again to place every problem at its line and column. The same submission either way.
fn checked_at_once<'m>(
    bytes: &[u8],
    given: Option<&'m Methodology>,
    among: &'m [Methodology],
    limits: &Limits,
) -> Option<Checked<'m>> {
    if bytes.len() > limits.input_bytes || bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let text = std::str::from_utf8(bytes)
        .ok()?
        .trim_start_matches('\u{feff}');
    let submission = crate::read::direct::submission(text, limits)?;
    let methodology = match given {
        Some(m) => m,
        None => crate::catalog::among(&submission.methodology, among).ok()?,
    };
    submission.check(methodology).is_empty().then_some(Checked {
        submission,
        methodology,
    })
}

/// A self-assessment read from bytes: a form when they are a zip archive, else JSON.
fn read_submission_bytes(bytes: &[u8], limits: &Limits) -> Result<SubmissionRead, Error> {
    if bytes.len() > limits.input_bytes {
        return Err(Error::Invalid(vec![Problem::new(
            ProblemKind::TooLarge,
            None,
            "",
            format!(
                "an input of {} bytes, over the limit of {} bytes",
                bytes.len(),
                limits.input_bytes
            ),
        )]));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        #[cfg(feature = "xlsx")]
        return Ok(crate::read::form::read_form_within(bytes, limits));
        #[cfg(not(feature = "xlsx"))]
        return Err(Error::Invalid(vec![Problem::new(
            ProblemKind::Syntax,
            None,
            "",
            "an Excel form, and this build reads none (build with the `xlsx` feature)",
        )]));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Submission::read_json_within(
            text.trim_start_matches('\u{feff}'),
            limits,
        )),
        Err(e) => Err(Error::Invalid(vec![Problem::new(
            ProblemKind::Syntax,
            None,
            "",
            format!(
                "neither an Excel form nor UTF-8 JSON text: invalid UTF-8 at byte {}",
                e.valid_up_to()
            ),
        )])),
    }
}

fn check_read<'m>(
    read: SubmissionRead,
    given: Option<&'m Methodology>,
    among: &'m [Methodology],
) -> Result<Checked<'m>, Error> {
    let Some(named) = read.submission.as_ref().map(|s| s.methodology.clone()) else {
        return Err(Error::Invalid(read.problems));
    };
    let methodology = match given {
        Some(m) => m,
        None => match among.iter().find(|m| m.id() == named) {
            Some(m) => m,
            // No methodology named: the reader's problems say so.
            None if named.is_empty() => return Err(Error::Invalid(read.problems)),
            None => match crate::catalog::get(&named) {
                Ok(m) => m,
                Err(e) => {
                    // Named and not here: said where the submission names it.
                    let mut problems = read.problems.clone();
                    let p = Problem::new(
                        ProblemKind::MethodologyMismatch,
                        None,
                        "methodology",
                        format!("{e}; pass --methodology PATH to score against a methodology file"),
                    );
                    problems.push(read.locate(p, "methodology"));
                    return Err(Error::Invalid(problems));
                }
            },
        },
    };
    let submission = read.check(methodology)?;
    Ok(Checked {
        submission,
        methodology,
    })
}

/// What `validate` found in files and folders: each file's outcome, in the order they are
/// reported (methodology files first, then the others as walked), the entries that could not
/// be read, and the entries that are not regular files.
///
/// ```
/// let v = par_index::Options::new().validate_files(&["examples/data/district"]);
/// assert_eq!(v.files.len(), 22 + 32 + 1);
/// assert_eq!(v.failed(), 0);
/// assert!(v.is_ok());
/// ```
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Validation {
    /// Every file found, with what it is and its outcome.
    pub files: Vec<FileCheck>,
    /// What could not be read: entries of folders ([`Error::Io`], [`Error::Folder`]), or
    /// nothing found at all ([`Error::NothingToRead`], then `files` is empty).
    pub unread: Vec<Error>,
    /// Entries of the folders that are not regular files (FIFOs, sockets, devices): not
    /// read, said.
    pub not_files: Vec<String>,
}

impl Validation {
    /// How many files have problems.
    ///
    /// ```
    /// let v = par_index::Options::new().validate_files(&["tests/bad/methodologies/duplicate-code.toml", "criteria"]);
    /// assert_eq!(v.failed(), 1);
    /// assert!(!v.is_ok());
    /// ```
    #[must_use]
    pub fn failed(&self) -> usize {
        self.files.iter().filter(|f| f.outcome.is_err()).count()
    }

    /// Whether every file was read and has no problem.
    ///
    /// ```
    /// assert!(!par_index::Options::new().validate_files(&["no/such/folder"]).is_ok());
    /// ```
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.failed() == 0 && self.unread.is_empty()
    }
}

/// One file checked: its path, what it is, the notes of its reading and its outcome.
///
/// ```
/// use par_index::files::FileKind;
/// let v = par_index::Options::new().validate_files(&["examples/data/district/survey.json"]);
/// assert_eq!(v.files[0].kind, FileKind::Survey);
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct FileCheck {
    /// The file, as shown.
    pub file: String,
    /// What it is.
    pub kind: FileKind,
    /// Notes of its reading (answers in hidden rows or sheets of a form).
    pub notes: Vec<Problem>,
    /// What it holds, or every problem found in it.
    pub outcome: Result<Found, Error>,
}

/// What a valid file holds, in brief. Its `Display` is the line `par-index validate`
/// prints after `ok FILE: `.
///
/// ```
/// let v = par_index::Options::new().validate_files(&["examples/data/xa-dong-tam.json"]);
/// assert_eq!(
///     v.files[0].outcome.as_ref().unwrap().to_string(),
///     "submission of Xã Đồng Tâm (NG-01), 54 answers, checked against commune-2024-model"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Found {
    /// A methodology.
    Methodology {
        /// Its id.
        id: String,
        /// Its items (leaves).
        items: usize,
    },
    /// A case file.
    Cases {
        /// Its cases.
        cases: usize,
    },
    /// A code map.
    CodeMap {
        /// Its codes.
        codes: usize,
    },
    /// A stage file, checked against its self-assessment where the files hold it.
    Stage {
        /// Appraisal or explanation.
        kind: StageKind,
        /// The stage's name.
        stage: String,
        /// The unit's code.
        unit: String,
        /// Who made it.
        by: String,
        /// Its decisions.
        decisions: usize,
        /// Its responses.
        responses: usize,
    },
    /// A survey file, checked against its methodology.
    Survey {
        /// The survey's name.
        survey: String,
        /// Its units.
        units: usize,
        /// The methodology it was checked against.
        methodology: String,
    },
    /// A scorecard file (one scorecard or the array of a unit's stages).
    Scorecards {
        /// The unit's name (of the last scorecard).
        name: String,
        /// The unit's code.
        code: String,
        /// How many scorecards (stages) the file holds.
        stages: usize,
    },
    /// A self-assessment, checked against its methodology.
    Submission {
        /// The unit's name.
        name: String,
        /// The unit's code.
        code: String,
        /// Its answers.
        answers: usize,
        /// The methodology it was checked against.
        methodology: String,
    },
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Methodology { id, items } => write!(f, "methodology {id}, {items} items"),
            Found::Cases { cases } => write!(f, "case file, {cases} cases"),
            Found::CodeMap { codes } => write!(f, "code map, {codes} codes"),
            Found::Stage {
                kind,
                stage,
                unit,
                by,
                decisions,
                responses,
            } => write!(
                f,
                "{} stage `{stage}` of unit {unit} by {by}, {decisions} decisions, {responses} responses",
                if *kind == StageKind::Appraisal {
                    "appraisal"
                } else {
                    "explanation"
                }
            ),
            Found::Survey {
                survey,
                units,
                methodology,
            } => write!(
                f,
                "survey `{survey}`, {units} units, checked against {methodology}"
            ),
            Found::Scorecards { name, code, stages } => write!(
                f,
                "scorecard of {name} ({code}), {stages} stage(s); `par-index verify` checks it"
            ),
            Found::Submission {
                name,
                code,
                answers,
                methodology,
            } => write!(
                f,
                "submission of {name} ({code}), {answers} answers, checked against {methodology}"
            ),
        }
    }
}

/// Validate files and folders ([`crate::Options::validate_files`]).
pub(crate) fn validate_files<P: AsRef<Path>>(
    paths: &[P],
    given: Option<&Methodology>,
    limits: &Limits,
) -> Validation {
    let walked = crate::read::walk::walk_inputs(paths, &["toml", "json", "xlsx"]);
    let mut out = Validation {
        files: Vec::new(),
        unread: walked.problems.clone(),
        not_files: walked.not_files.clone(),
    };
    if let Some(nothing) = walked.nothing_found(paths, ".toml, .json or .xlsx") {
        out.unread.push(nothing);
        return out;
    }
    let files = walked.files;
    // What each file is, decided once (a JSON file's top-level keys are read once).
    let kinds: Vec<FileKind> = files
        .iter()
        .map(|f| crate::read::detect::detect_file_kind(f))
        .collect();
    // Methodology files first, so that submissions can be checked against the sets given
    // on the same command line (by the id they name) as well as the embedded ones.
    let mut loaded: Vec<Methodology> = Vec::new();
    for (f, _) in files
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == FileKind::Methodology)
    {
        let outcome = crate::read::methodology::load_methodology_file(f).map(|m| {
            let found = Found::Methodology {
                id: m.id().to_owned(),
                items: m.leaves().count(),
            };
            loaded.push(m);
            found
        });
        out.files.push(FileCheck {
            file: f.display().to_string(),
            kind: FileKind::Methodology,
            notes: Vec::new(),
            outcome,
        });
    }
    for (f, kind) in files.iter().zip(&kinds) {
        if *kind != FileKind::Methodology {
            out.files.push(check_file(f, *kind, given, &loaded, limits));
        }
    }
    check_stages(&mut out, &files, &kinds, given, limits);
    out
}

/// One file that is not a methodology, checked as its kind.
fn check_file(
    f: &Path,
    kind: FileKind,
    given: Option<&Methodology>,
    loaded: &[Methodology],
    limits: &Limits,
) -> FileCheck {
    let shown = f.display().to_string();
    let mut notes = Vec::new();
    let outcome = match kind {
        FileKind::Cases => crate::conformance::load_cases(f).map(|c| Found::Cases {
            cases: c.cases.len(),
        }),
        FileKind::CodeMap => crate::read::io::read_text_file(f)
            .and_then(|t| crate::read::codemap::read_code_map(&t, Some(&shown)))
            .map(|map| Found::CodeMap { codes: map.len() }),
        FileKind::Stage => crate::model::stage::Stage::from_file(f).map(|s| Found::Stage {
            kind: s.kind,
            decisions: s.decisions.len(),
            responses: s.responses.len(),
            stage: s.stage,
            unit: s.unit,
            by: s.by,
        }),
        FileKind::Survey => crate::model::survey::SurveyFile::from_file(f).and_then(|s| {
            let m = match given {
                Some(m) => std::borrow::Cow::Borrowed(m),
                None => crate::catalog::resolve(&s.methodology)?,
            };
            let problems = s.check(&m);
            if problems.is_empty() {
                Ok(Found::Survey {
                    survey: s.survey.clone(),
                    units: s.units.len(),
                    methodology: m.id().to_owned(),
                })
            } else {
                Err(Error::Invalid(problems).in_file(&shown))
            }
        }),
        FileKind::Scorecard => crate::read::io::read_text_file(f)
            .and_then(|t| crate::model::scorecard::Scorecard::from_json_one_or_many(&t))
            .map(|cards| {
                let (name, code) = cards
                    .last()
                    .map(|c| (c.unit.name.clone(), c.unit.code.clone()))
                    .unwrap_or_default();
                Found::Scorecards {
                    name,
                    code,
                    stages: cards.len(),
                }
            })
            .map_err(|e| e.in_file(&shown)),
        FileKind::Submission => {
            let read = check_submission_file(f, given, loaded, limits);
            notes = read.notes;
            read.outcome.map(|c| Found::Submission {
                name: c.submission.unit.name,
                code: c.submission.unit.code,
                answers: c.submission.answers.len(),
                methodology: c.methodology.id().to_owned(),
            })
        }
        _ => Err(Error::Invalid(vec![
            Problem::new(
                ProblemKind::BadValue,
                None,
                "",
                "not a methodology (.toml), submission (.json) or case file (.cases.toml)",
            )
            .in_file(&shown),
        ])),
    };
    FileCheck {
        file: shown,
        kind,
        notes,
        outcome,
    }
}

/// Stage files checked against their self-assessments exactly as a batch applies them (the
/// unit's submission among the files given, the order of dates and sequences): a stage file
/// that reads but does not apply gets the batch's failure of it, found by the file the
/// failure is of or its problems are located in.
fn check_stages(
    out: &mut Validation,
    files: &[std::path::PathBuf],
    kinds: &[FileKind],
    given: Option<&Methodology>,
    limits: &Limits,
) {
    if !kinds.contains(&FileKind::Stage) {
        return;
    }
    let inputs: Vec<&std::path::PathBuf> = files
        .iter()
        .zip(kinds)
        .filter(|(_, k)| {
            !matches!(
                k,
                FileKind::Methodology | FileKind::Cases | FileKind::CodeMap | FileKind::Other
            )
        })
        .map(|(f, _)| f)
        .collect();
    let batch = crate::batch::read_batch_within(&inputs, None, given, limits, &mut |_, _| {});
    for failure in batch.failures {
        let of = |c: &FileCheck| {
            c.kind == FileKind::Stage
                && (failure.file == c.file
                    || failure
                        .error
                        .problems()
                        .iter()
                        .any(|p| p.file.as_deref() == Some(c.file.as_str())))
        };
        if let Some(check) = out.files.iter_mut().find(|c| of(c))
            && check.outcome.is_ok()
        {
            check.outcome = Err(failure.error);
        }
    }
}
