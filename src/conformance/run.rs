//! Running cases: score each case, compare with what it expects, explain each failure.

use std::fmt::Write as _;
use std::path::Path;

use rust_decimal::Decimal;

use crate::catalog;
use crate::conformance::case::Case;
use crate::conformance::case::CaseFile;
use crate::conformance::case::Expect;
use crate::conformance::case::MethodologySource;
use crate::conformance::case::ScoreExpectation;
use crate::conformance::case::flag_names;
use crate::conformance::coverage::Coverage;
use crate::conformance::read::load_cases;
use crate::engine::score::score;
use crate::error::Error;
use crate::model::code::Code;
use crate::model::methodology::Methodology;
use crate::model::scorecard::{ScoreNode, Scorecard};
use crate::read::methodology::load_methodology_file;
use crate::read::submission::SubmissionRead;

/// The outcome of one case.
///
/// ```
/// use par_index::conformance::run;
/// let run = run(&["tests/cases/good/tiers.cases.toml"]);
/// assert!(run.results.iter().all(|r| r.passed()));
/// ```
#[derive(Debug)]
#[non_exhaustive]
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
    #[must_use]
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
#[non_exhaustive]
pub struct BrokenFile {
    /// The path.
    pub file: String,
    /// Why it could not be run.
    pub error: crate::Error,
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
#[non_exhaustive]
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
        let not_files = walked.not_files.into_iter().map(|what| {
            crate::Error::Invalid(vec![crate::Problem::new(
                crate::ProblemKind::BadValue,
                None,
                "",
                what,
            )])
        });
        for error in walked.problems.into_iter().chain(not_files) {
            out.broken.push(BrokenFile {
                file: p.display().to_string(),
                error,
            });
        }
        let files = walked.files;
        if files.is_empty() && p.is_dir() {
            out.broken.push(BrokenFile {
                file: p.display().to_string(),
                error: crate::Error::Invalid(vec![
                    crate::Problem::new(
                        crate::ProblemKind::MissingKey,
                        None,
                        "",
                        "no case files (*.cases.toml) found",
                    )
                    .in_file(&p.display().to_string()),
                ]),
            });
        }
        for f in files {
            match load_cases(&f) {
                Ok(file) => {
                    let results = out.runner.run_file(&file);
                    out.results.extend(results);
                }
                Err(error) => out.broken.push(BrokenFile {
                    file: f.display().to_string(),
                    error,
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
    #[must_use]
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed()).count()
    }

    /// The number of cases that failed, plus one per broken file.
    ///
    /// ```
    /// assert_eq!(par_index::conformance::Run::default().failed(), 0);
    /// ```
    #[must_use]
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
    #[must_use]
    pub fn report(&self) -> String {
        let mut s = String::new();
        for b in &self.broken {
            let _ = writeln!(
                s,
                "BROKEN {}\n  {}",
                b.file,
                b.error.to_string().replace('\n', "\n  ")
            );
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
    #[must_use]
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
