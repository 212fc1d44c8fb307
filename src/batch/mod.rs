//! Many units at once: score every self-assessment with its appraisal stages and the survey
//! file, then rank them, with bands, band counts, per-area points and ranks, and statistics.
//!
//! **Ranking** (documented tie-break): units are ordered by index (higher first), then by
//! appraised points (the points of the non-survey items, higher first), then by unit code
//! (for a stable listing only). Units equal in both index and appraised points share a rank,
//! shown as a tie (`3=`); the next rank skips accordingly (1, 2, 2, 4). Per-area ranks are by
//! area points, ties shared the same way.
//!
//! **Statistics** (mean, median, min, max) are computed exactly; the mean and the median are
//! then rounded to 2 decimals, half away from zero, for display (the same rounding as
//! scores).

use std::collections::BTreeMap;

use crate::model::stage::Stage;
use crate::read::detect::FileKind;

use crate::engine::score::Detail;
use crate::engine::score::Figures;
use crate::engine::stages::{StageCard, score_stages, stage_figures};

pub use crate::analysis::rank::BatchFailure;
use crate::analysis::rank::Ranking;
use crate::analysis::rank::rank_refs;
use crate::error::{Error, Problem, ProblemKind};

mod stream;

#[cfg(feature = "xlsx")]
mod inputs;
#[cfg(feature = "xlsx")]
pub use inputs::{Inputs, Role};

/// A batch ranked: one ranking per methodology (in the order of their ids), and the ranking
/// by the roster's blocks when a roster was given; each ranking lists the files that could
/// not be scored.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Ranked {
    /// One ranking per methodology.
    pub rankings: Vec<Ranking>,
    /// The ranking by the roster's blocks, when a roster was given.
    pub blocks: Option<crate::analysis::rank::BlockRanking>,
}

use stream::{Against, Keep, Plan, stream};

/// A file of a batch refused for a reason of the batch (a unit given twice, a stage with no
/// self-assessment, a limit): one problem of `kind`, at the file.
fn refused(file: &str, kind: ProblemKind, message: String) -> BatchFailure {
    BatchFailure {
        file: file.to_owned(),
        error: Error::Invalid(vec![Problem::new(kind, None, "", message).in_file(file)]),
    }
}
use crate::model::methodology::Methodology;
use crate::model::scorecard::Scorecard;

/// The order results are given in: by unit code, then period.
pub(crate) fn by_unit(a: &Scorecard, b: &Scorecard) -> std::cmp::Ordering {
    a.unit
        .code
        .cmp(&b.unit.code)
        .then_with(|| a.period.cmp(&b.period))
}

/// A scorecard read from a file, used only when it verifies against `against` (its
/// methodology, given or embedded): one that does not verify, or cannot be, is a failure
/// naming the file, never a result.
pub(crate) fn verified(
    card: Scorecard,
    against: Option<&Methodology>,
    shown: &str,
) -> Result<Scorecard, BatchFailure> {
    let Some(against) = against else {
        return Err(refused(
            shown,
            ProblemKind::MethodologyMismatch,
            format!(
                "the scorecard's methodology `{}` is neither embedded nor given, so it cannot be verified; give it with --methodology",
                card.methodology.id
            ),
        ));
    };
    let report = crate::engine::verify::verify(&card, against);
    if report.is_ok() {
        return Ok(card);
    }
    let first: Vec<String> = report
        .mismatches
        .iter()
        .take(3)
        .map(ToString::to_string)
        .collect();
    Err(refused(
        shown,
        ProblemKind::BadValue,
        format!(
            "the scorecard does not verify, so it is not used ({} mismatches: {}{})",
            report.mismatches.len(),
            first.join("; "),
            if report.mismatches.len() > 3 {
                "; …"
            } else {
                ""
            }
        ),
    ))
}

use crate::model::submission::Submission;
use crate::model::survey::SurveyFile;

/// A unit of a batch: where it came from and the scorecard of every stage.
///
/// ```
/// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
/// let u = &batch.units[0];
/// assert_eq!(u.stages[0].stage, "self");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchUnit {
    /// The submission's file (and position, for a file of many).
    pub file: String,
    /// The scorecard of each stage, the self-assessment first.
    pub stages: Vec<StageCard>,
}

impl BatchUnit {
    /// The scorecard of the last stage: the one ranked.
    ///
    /// ```
    /// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// assert!(batch.units.iter().all(|u| u.latest().is_some()));
    /// ```
    #[must_use]
    pub fn latest(&self) -> Option<&StageCard> {
        self.stages.last()
    }
}

/// The outcome of scoring a batch: the units scored and the inputs that failed.
///
/// ```
/// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
/// assert!(batch.failures.is_empty());
/// assert_eq!(batch.units.len(), 22);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Batch {
    /// Units scored, in unit-code order.
    pub units: Vec<BatchUnit>,
    /// Inputs that could not be read or scored.
    pub failures: Vec<BatchFailure>,
    /// Remarks (a survey file found but not given, …).
    pub notes: Vec<String>,
}

/// Score a batch: each submission with the stage files of its unit (ordered by
/// [`crate::appraisal::order_stages`]; a unit whose stages cannot be ordered is a failure) and the
/// survey file. A unit that fails is reported and the others are scored; so is a unit
/// code given twice, and a stage file for a unit without a self-assessment. Units are scored
/// in parallel on every core; the result does not depend on it. `progress` is called from the
/// calling thread with (done, total) as the work goes on, and once at the end.
///
/// ```
/// use par_index::{catalog, batch::score_batch, Submission};
/// let sub = par_index::catalog::sample_submission();
/// let batch = score_batch(catalog::default_methodology(), vec![("a.json".into(), sub)], vec![], None, &mut |_, _| {});
/// assert_eq!(batch.units.len(), 1);
/// ```
pub fn score_batch(
    m: &Methodology,
    submissions: Vec<(String, Submission)>,
    stages: Vec<(String, Stage)>,
    survey: Option<&SurveyFile>,
    progress: &mut dyn FnMut(usize, usize),
) -> Batch {
    let scored = score_units(m, submissions, stages, survey, progress, &|file, stages| {
        BatchUnit { file, stages }
    });
    Batch {
        units: scored.units,
        failures: scored.failures,
        notes: Vec::new(),
    }
}

/// The stage files of a batch by unit, each unit's in the one order (date, sequence), and
/// the units whose stages cannot be ordered (not scored).
struct Staged {
    by_unit: BTreeMap<String, Vec<(String, Stage)>>,
    unordered: BTreeMap<String, Error>,
}

impl Staged {
    fn of(stages: Vec<(String, Stage)>) -> Staged {
        let mut by_unit: BTreeMap<String, Vec<(String, Stage)>> = BTreeMap::new();
        for (file, s) in stages {
            by_unit.entry(s.unit.clone()).or_default().push((file, s));
        }
        let mut unordered: BTreeMap<String, Error> = BTreeMap::new();
        for (unit, list) in &mut by_unit {
            match crate::engine::stages::order_stages(std::mem::take(list)) {
                Ok(ordered) => *list = ordered,
                Err(e) => {
                    unordered.insert(unit.clone(), e);
                }
            }
        }
        Staged { by_unit, unordered }
    }

    /// A unit's stages, in order (refused when they cannot be ordered).
    fn of_unit(&self, sub: &Submission) -> Result<Vec<Stage>, Error> {
        match self.unordered.get(&sub.unit.code) {
            Some(e) => Err(Error::Invalid(e.problems().to_vec())),
            None => Ok(self
                .by_unit
                .get(&sub.unit.code)
                .map(|v| v.iter().map(|(_, s)| s.clone()).collect())
                .unwrap_or_default()),
        }
    }

    /// Score a unit with its stages and the survey file: every stage's scorecard.
    fn score(
        &self,
        m: &Methodology,
        sub: &Submission,
        survey: Option<&SurveyFile>,
    ) -> Result<Vec<StageCard>, Error> {
        score_stages(m, sub, &self.of_unit(sub)?, survey)
    }

    /// Score a unit with its stages and the survey file, to the last stage's figures only.
    fn figures(
        &self,
        m: &Methodology,
        sub: &Submission,
        survey: Option<&SurveyFile>,
        detail: Detail,
    ) -> Result<Figures, Error> {
        stage_figures(m, sub, &self.of_unit(sub)?, survey, detail)
    }

    /// Whether a unit has stage files (its scorecards differ from its self-assessment's).
    fn has(&self, unit: &str) -> bool {
        self.by_unit.contains_key(unit)
    }

    /// Stage files for units that have no self-assessment in the batch.
    fn stray(&self, seen: &Seen) -> Vec<BatchFailure> {
        let exact: std::collections::BTreeSet<&String> = seen.0.values().map(|(c, _)| c).collect();
        let mut out = Vec::new();
        for (unit, files) in &self.by_unit {
            if !exact.contains(unit) {
                let near = seen
                    .0
                    .get(&unit.to_ascii_uppercase())
                    .map(|(code, f)| {
                        format!(
                            " (the self-assessment of {f} is for {code}: a code must match exactly)"
                        )
                    })
                    .unwrap_or_default();
                for (file, _) in files {
                    out.push(refused(
                        file,
                        ProblemKind::UnknownCode,
                        format!(
                            "a stage for unit {unit}, which has no self-assessment in the batch{near}"
                        ),
                    ));
                }
            }
        }
        out
    }
}

/// Unit codes given so far (by code in capitals: codes that differ only in case are one unit
/// given twice, not two units), with the code as written and its file.
#[derive(Default)]
struct Seen(BTreeMap<String, (String, String)>);

impl Seen {
    /// Take the code for this file, or say that an earlier file has it.
    fn first_use(&mut self, file: &str, unit: &str) -> Option<BatchFailure> {
        let key = unit.to_ascii_uppercase();
        if let Some((code, first)) = self.0.get(&key) {
            let message = if code == unit {
                format!("unit code {code} is also used by {first}; each unit must be given once")
            } else {
                format!(
                    "unit code {unit} differs from {code} of {first} only in case; each unit must be given once, with one code"
                )
            };
            return Some(refused(file, ProblemKind::DuplicateCode, message));
        }
        self.0.insert(key, (unit.to_owned(), file.to_owned()));
        None
    }
}

/// Units scored, each reduced to what the caller keeps (`T`), in unit-code order, and the
/// inputs that failed.
pub(crate) struct Scored<T> {
    pub units: Vec<T>,
    pub failures: Vec<BatchFailure>,
}

/// [`score_batch`], keeping of each unit only what `keep` makes of its file and stage
/// scorecards: a ranking keeps a few numbers per unit, not the scorecards, so that memory
/// does not grow with the size of a scorecard times the number of units. Each submission is
/// dropped once scored.
pub(crate) fn score_units<T: Send>(
    m: &Methodology,
    submissions: Vec<(String, Submission)>,
    stages: Vec<(String, Stage)>,
    survey: Option<&SurveyFile>,
    progress: &mut dyn FnMut(usize, usize),
    keep: &(dyn Fn(String, Vec<StageCard>) -> T + Sync),
) -> Scored<T> {
    let mut out = Scored {
        units: Vec::new(),
        failures: Vec::new(),
    };
    let staged = Staged::of(stages);
    // Duplicate unit codes first (sequentially, so that the first file keeps the code).
    let mut seen = Seen::default();
    let mut work: Vec<(String, Submission)> = Vec::with_capacity(submissions.len());
    for (file, sub) in submissions {
        if let Some(dup) = seen.first_use(&file, &sub.unit.code) {
            out.failures.push(dup);
            continue;
        }
        work.push((file, sub));
    }
    // Score on every core (rayon); results keep the input order, so the output does not
    // depend on the scheduling. The calling thread reports progress as units finish.
    let score_one = |sub: &Submission| staged.score(m, sub, survey);
    let files: Vec<String> = work.iter().map(|(f, _)| f.clone()).collect();
    let results = map_with_progress(
        work,
        &|(file, sub): (String, Submission)| {
            let code = sub.unit.code.clone();
            (code, score_one(&sub).map(|cards| keep(file, cards)))
        },
        progress,
    );
    let mut units: Vec<(String, T)> = Vec::with_capacity(files.len());
    match results {
        Some(results) => {
            for (file, (code, r)) in files.into_iter().zip(results) {
                match r {
                    Ok(kept) => units.push((code, kept)),
                    Err(e) => out.failures.push(BatchFailure {
                        error: e.in_file(&file),
                        file,
                    }),
                }
            }
        }
        None => {
            for file in files {
                out.failures.push(BatchFailure {
                    error: Error::Interrupted { file: file.clone() },
                    file,
                });
            }
        }
    }
    out.failures.extend(staged.stray(&seen));
    // Unit codes are unique in the batch (duplicates failed above): a stable order.
    units.sort_by(|a, b| a.0.cmp(&b.0));
    out.units = units.into_iter().map(|(_, kept)| kept).collect();
    out
}

/// [`crate::Options::read_batch`]: the batch streamed (see `stream`), keeping every
/// unit's stage scorecards.
pub(crate) fn read_batch_within<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
    limits: &crate::read::limits::Limits,
    progress: &mut dyn FnMut(usize, usize),
) -> Batch {
    let keep = |file, stages| Some(BatchUnit { file, stages });
    let plan = Plan {
        survey,
        against: Against::given(m),
        limits: *limits,
        keep: Keep::Cards(&keep),
    };
    let s = stream(paths, &plan, progress);
    Batch {
        units: s.kept,
        failures: s.failures,
        notes: s.notes,
    }
}

/// The embedded methodology the first submission names, when none is given.
fn methodology_of(
    subs: &[(String, Submission)],
) -> Option<Result<&'static Methodology, BatchFailure>> {
    let (_, first) = subs.first()?;
    Some(
        crate::catalog::get(&first.methodology).map_err(|error| BatchFailure {
            file: String::new(),
            error,
        }),
    )
}

/// The methodology a unit is scored against: the batch's, or the one it names.
type Resolve<'r, 'm> = dyn Fn(&Submission) -> Result<&'m Methodology, Error> + 'r;

/// What one file of a batch holds.
enum FileRead {
    Failed(BatchFailure),
    /// Submissions (one, or the elements of an array), each read or failed; `stopped` when
    /// the array had more elements than a batch may have units.
    Units {
        units: Vec<Result<(String, Submission), BatchFailure>>,
        stopped: bool,
        /// Notes of the reading: answers of an Excel form read from hidden rows or sheets.
        notes: Vec<String>,
    },
    Stage(String, Box<Stage>),
    Note(String),
    Nothing,
}

/// Read one file of a batch, and the bytes read.
fn read_file(
    f: &std::path::Path,
    limits: &crate::read::limits::Limits,
    survey_given: bool,
) -> (u64, FileRead) {
    if crate::read::walk::has_ext(f, &["xlsx"]) {
        return (form_len(f), read_form(f, limits, None));
    }
    match file_text(f, limits) {
        Ok(text) => read_text(f, &text, limits, survey_given),
        Err(failed) => (0, FileRead::Failed(failed)),
    }
}

/// The size of an Excel form of a batch (read whole when it is read).
fn form_len(f: &std::path::Path) -> u64 {
    std::fs::metadata(f).map_or(0, |m| m.len())
}

/// Read an Excel form of a batch; checked against `m` when given, so that the check's
/// problems are placed at their cells too.
fn read_form<'m>(
    f: &std::path::Path,
    limits: &crate::read::limits::Limits,
    m: Option<&Resolve<'_, 'm>>,
) -> FileRead {
    let shown = f.display().to_string();
    let fail = |e: Error, shown: String| BatchFailure {
        error: e.in_file(&shown),
        file: shown,
    };
    let read = crate::read::file::read_submission_file(f, limits);
    // The notes of the reading (answers in hidden rows or sheets), kept whatever the outcome.
    let notes: Vec<String> = read
        .as_ref()
        .map(|r| r.notes.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    let unit = match read {
        Ok(read) => match (m, read.submission.is_some() && read.problems.is_empty()) {
            (Some(m), true) => {
                let against = read
                    .submission
                    .as_ref()
                    .map_or_else(|| Err(Error::Invalid(Vec::new())), m);
                against
                    .and_then(|m| read.check(m))
                    .map_err(|e| fail(e, shown.clone()))
            }
            (None, true) => read
                .submission
                .ok_or_else(|| fail(Error::Invalid(Vec::new()), shown.clone())),
            (_, false) => Err(fail(Error::Invalid(read.problems), shown.clone())),
        }
        .map(|s| (shown, s)),
        Err(e) => Err(fail(e, shown)),
    };
    FileRead::Units {
        units: vec![unit],
        stopped: false,
        notes,
    }
}

/// The text of a file of a batch, within the limit of one input.
fn file_text(
    f: &std::path::Path,
    limits: &crate::read::limits::Limits,
) -> Result<String, BatchFailure> {
    crate::read::io::read_text_within(f, limits.input_bytes)
        .map(|(t, _)| t)
        .map_err(|error| BatchFailure {
            file: f.display().to_string(),
            error,
        })
}

/// Read the text of one file of a batch, and the bytes read.
fn read_text(
    f: &std::path::Path,
    text: &str,
    limits: &crate::read::limits::Limits,
    survey_given: bool,
) -> (u64, FileRead) {
    let shown = f.display().to_string();
    let len = u64::try_from(text.len()).unwrap_or(u64::MAX);
    let submission = |node: &crate::read::tree::Node, at: String| {
        // Only the problems of the text are used: no positions to keep.
        let read = crate::read::submission::SubmissionRead::from_node_with(node, limits, false);
        match read.submission {
            Some(s) if read.problems.is_empty() => Ok((at, s)),
            _ => Err(BatchFailure {
                error: Error::Invalid(read.problems).in_file(&shown),
                file: at,
            }),
        }
    };
    // A submission with no problem, in one pass; anything else by the full reader below.
    if let Some(s) = crate::read::direct::submission(text, limits) {
        return (
            len,
            FileRead::Units {
                units: vec![Ok((shown, s))],
                stopped: false,
                notes: Vec::new(),
            },
        );
    }
    // Many submissions in one file: read one element at a time, so that the memory is
    // that of the submissions, not of the whole document's tree.
    let mut list = Vec::new();
    let mut stopped = false;
    let streamed = crate::read::json::for_each_element(text, limits, &mut |i, node| {
        if list.len() >= limits.batch_units {
            stopped = true;
            return false;
        }
        list.push(submission(&node, format!("{shown}[{i}]")));
        true
    });
    let failed = |problems| {
        FileRead::Failed(BatchFailure {
            error: Error::Invalid(problems).in_file(&shown),
            file: shown.clone(),
        })
    };
    match streamed {
        Ok(true) => {
            return (
                len,
                FileRead::Units {
                    units: list,
                    stopped,
                    notes: Vec::new(),
                },
            );
        }
        Ok(false) => {}
        Err(problems) => return (len, failed(problems)),
    }
    // Parsed once, by the strict reader (numbers exact); what it is follows from its shape.
    let root = match crate::read::json::parse_json_with(text, limits) {
        Ok(root) => root,
        Err(problems) => return (len, failed(problems)),
    };
    let read = match crate::read::detect::json_kind(&root) {
        FileKind::Submission
        | FileKind::Methodology
        | FileKind::Cases
        | FileKind::CodeMap
        | FileKind::Other => FileRead::Units {
            units: vec![submission(&root, shown.clone())],
            stopped: false,
            notes: Vec::new(),
        },
        FileKind::Stage => match Stage::from_node(&root) {
            Ok(mut s) => {
                s.source.file = Some(shown.clone());
                FileRead::Stage(shown, Box::new(s))
            }
            Err(e) => FileRead::Failed(BatchFailure {
                error: e.in_file(&shown),
                file: shown,
            }),
        },
        FileKind::Survey if !survey_given => FileRead::Note(format!(
            "{shown} looks like a survey file; it is used only when given with --survey"
        )),
        FileKind::Survey => FileRead::Nothing,
        // A result, not an input (last year's, kept beside this year's files): said, not
        // scored again.
        FileKind::Scorecard => FileRead::Note(format!(
            "{shown} is a scorecard: a result, not scored again (`par-index verify` checks it; `compare --previous` reads it)"
        )),
    };
    (len, read)
}

/// What a batch read as it is scored gives: the result, the inputs that failed, and notes
/// (a survey file found but not given, …). See [`crate::Options::rank_files`] and
/// [`crate::Options::gaps_files`].
///
/// ```
/// let out = par_index::Options::new().gaps_files(&["examples/data/district"], None, &mut |_, _| {});
/// assert_eq!(out.value.units, 22);
/// assert!(out.failures.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchOutcome<T> {
    /// The ranking, the gap analysis, …
    pub value: T,
    /// Inputs that could not be read or scored.
    pub failures: Vec<BatchFailure>,
    /// Remarks on the batch.
    pub notes: Vec<String>,
}

/// Map `items` on all cores (rayon), keeping their order, while the calling thread reports
/// progress (done, total) as items finish; `None` if a worker stopped.
///
/// The workers only count what they finish (one atomic counter); the calling thread looks at
/// the count every [`PROGRESS_EVERY`] and reports it when it moved, so a batch of many small
/// files costs no message or wake-up per file. The first report is (0, total), the last
/// (total, total).
fn map_with_progress<I: Send, R: Send>(
    items: Vec<I>,
    f: &(dyn Fn(I) -> R + Sync),
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Vec<R>> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let total = items.len();
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let caller = std::thread::current();
    progress(0, total);
    let results = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let r = items
                .into_par_iter()
                .map(|item| {
                    let r = f(item);
                    done.fetch_add(1, Ordering::Relaxed);
                    r
                })
                .collect::<Vec<_>>();
            finished.store(true, Ordering::Release);
            caller.unpark();
            r
        });
        let mut shown = 0usize;
        // Until the worker ends: it says so and wakes this thread; one that panicked is seen
        // at the next look.
        while !finished.load(Ordering::Acquire) && !worker.is_finished() {
            std::thread::park_timeout(PROGRESS_EVERY);
            let now = done.load(Ordering::Relaxed).min(total);
            if now != shown {
                shown = now;
                progress(now, total);
            }
        }
        worker.join().ok()
    });
    progress(total, total);
    results
}

/// How often a batch's progress is looked at and reported.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// Read, score and rank a batch without keeping its scorecards (see
/// [`crate::Options::rank_files`]). The ranking equals [`rank_batch`] of [`read_batch`].
pub(crate) fn rank_files_within<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
    limits: &crate::read::limits::Limits,
    progress: &mut dyn FnMut(usize, usize),
) -> BatchOutcome<Ranking> {
    use crate::analysis::rank::{AreaHead, RankEntry, rank_entries};
    // A ranking keeps a few numbers of each unit: its cards are scored for those only.
    let keep = |_, f: Figures| {
        Some((
            RankEntry::of_figures(&f),
            AreaHead::of(&f.areas),
            f.methodology,
        ))
    };
    let plan = Plan {
        survey,
        against: Against::given(m),
        limits: *limits,
        keep: Keep::Figures(Detail::Numbers, &keep),
    };
    let s = stream(paths, &plan, progress);
    // The first unit's areas head the statistics, as in `rank`.
    let mut heads = AreaHead::default();
    let mut id = String::new();
    let entries: Vec<RankEntry> = s
        .kept
        .into_iter()
        .enumerate()
        .map(|(i, (e, h, m))| {
            if i == 0 {
                heads = h;
                id = m;
            }
            e
        })
        .collect();
    let mut r = rank_entries(entries, &heads, id);
    if let Some(m) = s.m {
        with_bands(&mut r, m);
    }
    r.failures.clone_from(&s.failures);
    BatchOutcome {
        value: r,
        failures: s.failures,
        notes: s.notes,
    }
}

/// Read, score and rank a batch whose units may be scored against different methodologies
/// (departments and communes of one province): each unit against the one it names, one of
/// `each` by id or an embedded set; one ranking per methodology, in the order of their ids.
/// The survey file applies to the units of its own methodology.
pub(crate) fn rank_files_by_set_within<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    each: &[&Methodology],
    limits: &crate::read::limits::Limits,
    progress: &mut dyn FnMut(usize, usize),
) -> BatchOutcome<Vec<Ranking>> {
    use crate::analysis::rank::{AreaHead, RankEntry, rank_entries};
    let keep = |_, f: Figures| {
        Some((
            RankEntry::of_figures(&f),
            AreaHead::of(&f.areas),
            f.methodology,
        ))
    };
    let plan = Plan {
        survey,
        against: Against::Each(each),
        limits: *limits,
        keep: Keep::Figures(Detail::Numbers, &keep),
    };
    let s = stream(paths, &plan, progress);
    let mut sets: BTreeMap<String, (AreaHead, Vec<RankEntry>)> = BTreeMap::new();
    for (e, h, id) in s.kept {
        sets.entry(id).or_insert_with(|| (h, Vec::new())).1.push(e);
    }
    let rankings = sets
        .into_iter()
        .map(|(id, (heads, entries))| {
            let mut r = rank_entries(entries, &heads, id.clone());
            let m = each
                .iter()
                .find(|m| m.id() == id)
                .copied()
                .or_else(|| crate::catalog::get(&id).ok());
            if let Some(m) = m {
                with_bands(&mut r, m);
            }
            r
        })
        .collect();
    BatchOutcome {
        value: rankings,
        failures: s.failures,
        notes: s.notes,
    }
}

/// Read, score and analyse the gaps of a batch without keeping its scorecards (see
/// [`crate::Options::gaps_files`]). The result equals [`crate::analysis::batch_gaps`] of the latest
/// scorecards of [`read_batch`].
pub(crate) fn gaps_files_within<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
    limits: &crate::read::limits::Limits,
    progress: &mut dyn FnMut(usize, usize),
) -> BatchOutcome<crate::analysis::gaps::BatchGaps> {
    use crate::analysis::gaps::{UnitLosses, gaps_of_units};
    // The losses are the leaves' points: their traces are not built.
    let keep = |_, f: Figures| Some(UnitLosses::of(&f.areas));
    let plan = Plan {
        survey,
        against: Against::given(m),
        limits: *limits,
        keep: Keep::Figures(Detail::Leaves, &keep),
    };
    let s = stream(paths, &plan, progress);
    BatchOutcome {
        value: gaps_of_units(s.kept),
        failures: s.failures,
        notes: s.notes,
    }
}

/// Every band of the methodology listed, empty ones with 0, best first.
fn with_bands(r: &mut Ranking, m: &Methodology) {
    r.methodology = m.id().to_owned();
    r.list_bands(m.bands().iter().map(|b| (&b.label, b.min)));
}

/// Rank a batch: the latest stage of every unit, with the batch's failures, and every band of
/// the methodology listed (empty ones with 0).
///
/// ```
/// let survey = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
/// let batch = par_index::Options::new().read_batch(&["examples/data/district"], Some(&survey), &mut |_, _| {});
/// let r = par_index::batch::rank_batch(&batch, par_index::catalog::default_methodology());
/// assert_eq!(r.rows.len(), 22);
/// assert_eq!(r.bands.iter().map(|b| b.count).sum::<usize>(), 22);
/// ```
#[must_use]
pub fn rank_batch(batch: &Batch, m: &Methodology) -> Ranking {
    let cards: Vec<&Scorecard> = batch
        .units
        .iter()
        .filter_map(|u| u.latest().map(|s| &s.card))
        .collect();
    let mut r = rank_refs(&cards);
    with_bands(&mut r, m);
    r.failures.clone_from(&batch.failures);
    r
}

/// A scorecard of a batch verified (see [`crate::Options::verify_files`]): where it is
/// (`file`, or `file[i]` in an array of scorecards) and the report, or why it could not be
/// verified (unreadable, or its methodology unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// The file, and the position for an array of scorecards.
    pub file: String,
    /// The verification report, or why there is none.
    pub outcome: Result<crate::engine::verify::Report, Error>,
}

/// Verify every scorecard of files and folders, on all cores, each file read, verified and
/// dropped in turn: memory holds the reports, not the scorecards. In the files' order.
pub(crate) fn verify_files_within<P: AsRef<std::path::Path>>(
    paths: &[P],
    m: Option<&Methodology>,
    limits: &crate::read::limits::Limits,
    progress: &mut dyn FnMut(usize, usize),
) -> BatchOutcome<Vec<Verified>> {
    let walked = crate::read::walk::walk(paths, &|p| crate::read::walk::has_ext(p, &["json"]));
    let nothing = walked.nothing_found(paths, ".json");
    let notes = walked.not_files.clone();
    let failures: Vec<BatchFailure> = walked
        .problems
        .into_iter()
        .chain(nothing)
        .map(|error| BatchFailure {
            file: String::new(),
            error,
        })
        .collect();
    let verify_file = |f: &std::path::PathBuf| -> Vec<Verified> {
        let shown = f.display().to_string();
        let one = |file: String, outcome| Verified { file, outcome };
        let text = match file_text(f, limits) {
            Ok(t) => t,
            Err(e) => return vec![one(shown, Err(e.error))],
        };
        let cards = match Scorecard::from_json_one_or_many(&text) {
            Ok(cards) => cards,
            Err(e) => return vec![one(shown.clone(), Err(e.in_file(&shown)))],
        };
        let many = cards.len() > 1;
        cards
            .iter()
            .enumerate()
            .map(|(i, card)| {
                let at = if many {
                    format!("{shown}[{i}]")
                } else {
                    shown.clone()
                };
                let m = match m {
                    Some(m) => Ok(m),
                    None => crate::catalog::get(&card.methodology.id),
                };
                one(at, m.map(|m| crate::engine::verify::verify(card, m)))
            })
            .collect()
    };
    let files: Vec<&std::path::PathBuf> = walked.files.iter().collect();
    let results = map_with_progress(files, &|f| verify_file(f), progress);
    BatchOutcome {
        value: results.unwrap_or_default().into_iter().flatten().collect(),
        failures,
        notes,
    }
}

/// [`crate::Options::read_results`].
pub(crate) fn read_results_within<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
    limits: &crate::read::limits::Limits,
) -> BatchOutcome<Vec<Scorecard>> {
    read_results_among(paths, survey, m, &[], limits)
}

/// [`read_results_within`], each unit (without `m`) against the methodology it names among
/// `among`, else an embedded one.
pub(crate) fn read_results_among<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
    among: &[&Methodology],
    limits: &crate::read::limits::Limits,
) -> BatchOutcome<Vec<Scorecard>> {
    let limits = *limits;
    let walked =
        crate::read::walk::walk(paths, &|p| crate::read::walk::has_ext(p, &["json", "xlsx"]));
    let walk_notes = walked.not_files.clone();
    let mut failures: Vec<BatchFailure> = walked
        .problems
        .iter()
        .cloned()
        .chain(walked.nothing_found(paths, ".json or .xlsx"))
        .map(|error| BatchFailure {
            file: String::new(),
            error,
        })
        .collect();
    let (cards, others): (Vec<_>, Vec<_>) = walked
        .files
        .iter()
        .partition(|f| crate::read::detect::detect_file_kind(f) == FileKind::Scorecard);
    // Scorecards are kept whole (their items are compared): within the limits of a batch,
    // in units and in bytes, or none is read.
    let mut on_disk: u64 = 0;
    for (i, f) in cards.iter().enumerate() {
        on_disk = on_disk.saturating_add(std::fs::metadata(f).map_or(0, |m| m.len()));
        let why = if i >= limits.batch_units {
            format!(
                "more than {} scorecards (the limit of units in a batch)",
                limits.batch_units
            )
        } else if on_disk > limits.batch_bytes {
            format!(
                "the scorecards add up to more than {} bytes (the limit of bytes in a batch)",
                limits.batch_bytes
            )
        } else {
            continue;
        };
        failures.push(refused(
            &f.display().to_string(),
            ProblemKind::TooLarge,
            format!("{why}: split the batch; nothing was read"),
        ));
        return BatchOutcome {
            value: Vec::new(),
            failures,
            notes: Vec::new(),
        };
    }
    // Each scorecard read is verified against its methodology (the one given, or the
    // embedded one it names) before it is used: one that does not verify, or cannot be, is
    // a failure, never a result.
    let read_one = |f: &&std::path::PathBuf| -> Result<Option<Scorecard>, BatchFailure> {
        let shown = f.display().to_string();
        let mut cards = file_text(f, &limits).and_then(|text| {
            Scorecard::from_json_one_or_many(&text).map_err(|e| BatchFailure {
                error: e.in_file(&shown),
                file: shown.clone(),
            })
        })?;
        let Some(card) = cards.pop() else {
            return Ok(None);
        };
        let against = match m {
            Some(m) if m.id() == card.methodology.id => Some(m),
            _ => among
                .iter()
                .find(|s| s.id() == card.methodology.id)
                .copied()
                .or_else(|| crate::catalog::get(&card.methodology.id).ok()),
        };
        verified(card, against, &shown).map(Some)
    };
    let mut out: Vec<Scorecard> = Vec::new();
    let read: Vec<Result<Option<Scorecard>, BatchFailure>> = {
        use rayon::prelude::*;
        cards.par_iter().map(read_one).collect()
    };
    for r in read {
        match r {
            Ok(card) => out.extend(card),
            Err(e) => failures.push(e),
        }
    }
    let mut notes = walk_notes;
    if !others.is_empty() {
        // Streamed: of each unit, the scorecard of its last stage is kept. Without a
        // methodology given, each unit is scored against the one it names (a province's
        // departments and communes together).
        let keep = |_, mut cards: Vec<StageCard>| cards.pop().map(|c| c.card);
        let plan = Plan {
            survey,
            against: m.map_or(Against::Each(among), Against::One),
            limits,
            keep: Keep::Cards(&keep),
        };
        let s = stream(&others, &plan, &mut |_, _| {});
        out.extend(s.kept);
        failures.extend(s.failures);
        notes.extend(s.notes);
    }
    out.sort_by(by_unit);
    BatchOutcome {
        value: out,
        failures,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scorecard::ScoreNode;

    /// A full scorecard reduced to what `detail` builds: no hash of the submission, no
    /// appraisal record; leaves without their trace, or no leaves.
    fn reduced(mut c: Scorecard, detail: Detail) -> Scorecard {
        fn prune(n: &mut ScoreNode, detail: Detail) {
            match detail {
                Detail::Numbers => n.children.retain(|c| c.trace.is_none()),
                _ => n.trace = None,
            }
            n.children.iter_mut().for_each(|c| prune(c, detail));
        }
        c.areas.iter_mut().for_each(|a| prune(a, detail));
        c.submission_sha256.clear();
        c.appraisal = None;
        c
    }

    /// Progress starts at (0, n), never goes back, and ends at (n, n); the results keep the
    /// items' order.
    #[test]
    fn progress_is_counted_and_ends_at_the_total() {
        let mut seen = Vec::new();
        let items: Vec<u64> = (0..2000).collect();
        let out = map_with_progress(items, &|x: u64| x * 2, &mut |d, t| seen.push((d, t)));
        let out = out.unwrap_or_default();
        assert_eq!(out.len(), 2000);
        assert!(out.iter().enumerate().all(|(i, x)| *x == 2 * i as u64));
        assert_eq!(seen.first(), Some(&(0, 2000)));
        assert_eq!(seen.last(), Some(&(2000, 2000)));
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 == 2000));
        // Nothing to do: still a first and a last report.
        let mut seen = Vec::new();
        let none = map_with_progress(Vec::<u8>::new(), &|x| x, &mut |d, t| seen.push((d, t)));
        assert_eq!(none, Some(Vec::new()));
        assert_eq!(seen, [(0, 0), (0, 0)]);
    }

    /// While the workers run, the calling thread reports what they have finished: the first
    /// item finishes, the others wait until a report between 0 and the total is seen (or
    /// five seconds pass, and the test fails).
    #[test]
    fn progress_is_reported_while_the_workers_run() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let seen = AtomicBool::new(false);
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let items: Vec<u32> = (0..8).collect();
        let out = map_with_progress(
            items,
            &|x: u32| {
                while x > 0 && !seen.load(Ordering::Acquire) && std::time::Instant::now() < until {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                x
            },
            &mut |d, t| {
                if d > 0 && d < t {
                    seen.store(true, Ordering::Release);
                }
            },
        );
        assert_eq!(out, Some((0..8).collect()));
        assert!(
            seen.load(Ordering::Acquire),
            "no report while the workers ran"
        );
    }

    /// A worker that panics ends the map with `None`; the caller does not wait for it forever.
    #[test]
    fn a_worker_that_panics_ends_the_map() {
        let items: Vec<u32> = (0..100).collect();
        let out = map_with_progress(
            items,
            &|x: u32| {
                assert!(x != 57, "a worker stops");
                x
            },
            &mut |_, _| {},
        );
        assert_eq!(out, None);
    }

    /// Scoring for the numbers only gives the numbers of the full scoring, every stage of
    /// every unit, with stages and a survey file (the district) and with units under two
    /// methodologies (the province).
    #[test]
    fn scoring_with_less_detail_gives_the_numbers_of_the_full_scorecard() {
        let limits = crate::read::limits::Limits::default();
        let district = SurveyFile::from_file("examples/data/district/survey.json").ok();
        let province = SurveyFile::from_file("examples/data/province/2025/survey.json").ok();
        let cases = [
            ("examples/data/district", district.as_ref(), None),
            ("examples/data/district", None, None),
            (
                "examples/data/province/2025",
                province.as_ref(),
                Some(&[][..]),
            ),
        ];
        let mut compared = 0usize;
        for (path, survey, each) in cases {
            let cards = |_: String, cards: Vec<StageCard>| Some(cards);
            let figures = |_: String, f: Figures| Some(f);
            let against = || each.map_or(Against::FirstNamed, Against::Each);
            let plan = Plan {
                survey,
                against: against(),
                limits,
                keep: Keep::Cards(&cards),
            };
            let full = stream(&[path], &plan, &mut |_, _| {});
            for detail in [Detail::Leaves, Detail::Numbers] {
                let plan = Plan {
                    survey,
                    against: against(),
                    limits,
                    keep: Keep::Figures(detail, &figures),
                };
                let less = stream(&[path], &plan, &mut |_, _| {});
                assert_eq!(full.failures, less.failures, "{path}");
                assert_eq!(full.kept.len(), less.kept.len(), "{path}");
                for (f, n) in full.kept.iter().zip(less.kept) {
                    // The last stage's scorecard, reduced, has the figures' numbers and tree.
                    let r = reduced(f.last().unwrap().card.clone(), detail);
                    assert_eq!(r.methodology.id, n.methodology, "{path}");
                    assert_eq!(
                        (
                            &r.unit,
                            &r.period,
                            &r.appraised,
                            &r.survey,
                            &r.bonus,
                            &r.penalty
                        ),
                        (
                            &n.unit,
                            &n.period,
                            &n.appraised,
                            &n.survey,
                            &n.bonus,
                            &n.penalty
                        ),
                        "{path} {detail:?}"
                    );
                    assert_eq!(
                        (r.total, r.applicable_max, r.index, &r.band, &r.unanswered),
                        (n.total, n.applicable_max, n.index, &n.band, &n.unanswered),
                        "{path} {detail:?}"
                    );
                    assert_eq!(r.areas, n.areas, "{path} {detail:?}");
                    compared = compared.saturating_add(1);
                }
            }
        }
        // Two details: the 22 communes, twice, and the province's 77 units.
        assert_eq!(compared, 2 * (22 * 2 + 77), "{compared}");
    }
}
