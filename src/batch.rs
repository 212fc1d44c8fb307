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

use crate::engine::stages::{StageCard, score_stages};

use crate::analysis::rank::BandCount;
use crate::analysis::rank::BatchFailure;
use crate::analysis::rank::Ranking;
use crate::analysis::rank::rank_refs;
use crate::error::Error;
use crate::model::methodology::Methodology;
use crate::model::scorecard::Scorecard;
use crate::model::submission::Submission;
use crate::model::survey::SurveyFile;

/// A unit of a batch: where it came from and the scorecard of every stage.
///
/// ```
/// let batch = par_index::read_batch(&["examples/data/district"], None, None);
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
    /// let batch = par_index::read_batch(&["examples/data/district"], None, None);
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
/// let batch = par_index::read_batch(&["examples/data/district"], None, None);
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
/// [`crate::order_stages`]; a unit whose stages cannot be ordered is a failure) and the
/// survey file. A unit that fails is reported and the others are scored; so is a unit
/// code given twice, and a stage file for a unit without a self-assessment. Units are scored
/// in parallel on every core; the result does not depend on it. `progress` is called from the
/// calling thread with (done, total) as the work goes on, and once at the end.
///
/// ```
/// use par_index::{catalog, score_batch, Submission};
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
    let mut out = Batch::default();
    let mut by_unit: BTreeMap<String, Vec<(String, Stage)>> = BTreeMap::new();
    for (file, s) in stages {
        by_unit.entry(s.unit.clone()).or_default().push((file, s));
    }
    // Each unit's stages in the one order (date, sequence); a unit whose stages cannot be
    // ordered is not scored.
    let mut unordered: BTreeMap<String, Error> = BTreeMap::new();
    for (unit, list) in &mut by_unit {
        match crate::engine::stages::order_stages(std::mem::take(list)) {
            Ok(ordered) => *list = ordered,
            Err(e) => {
                unordered.insert(unit.clone(), e);
            }
        }
    }
    // Duplicate unit codes first (sequentially, so that the first file keeps the code).
    // Codes that differ only in case are one unit given twice, not two units.
    let mut seen: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut work: Vec<(String, Submission)> = Vec::with_capacity(submissions.len());
    for (file, sub) in submissions {
        let key = sub.unit.code.to_ascii_uppercase();
        if let Some((code, first)) = seen.get(&key) {
            let error = if *code == sub.unit.code {
                format!(
                    "{file}: unit code {code} is also used by {first}; each unit must be given once"
                )
            } else {
                format!(
                    "{file}: unit code {} differs from {code} of {first} only in case; each unit must be given once, with one code",
                    sub.unit.code
                )
            };
            out.failures.push(BatchFailure { error, file });
            continue;
        }
        seen.insert(key, (sub.unit.code.clone(), file.clone()));
        work.push((file, sub));
    }
    // Score on every core (rayon); results keep the input order, so the output does not
    // depend on the scheduling. The calling thread reports progress as units finish.
    let total = work.len();
    let score_one = |sub: &Submission| match unordered.get(&sub.unit.code) {
        Some(e) => Err(Error::Invalid(e.problems().to_vec())),
        None => {
            let unit_stages: Vec<Stage> = by_unit
                .get(&sub.unit.code)
                .map(|v| v.iter().map(|(_, s)| s.clone()).collect())
                .unwrap_or_default();
            score_stages(m, sub, &unit_stages, survey)
        }
    };
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let results = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            use rayon::prelude::*;
            work.par_iter()
                .map_with(tx, |tx, (_, sub)| {
                    let r = score_one(sub);
                    // The receiver lives until every sender is dropped; a send cannot fail
                    // before, and progress is only a report.
                    let _ = tx.send(());
                    r
                })
                .collect::<Vec<_>>()
        });
        progress(0, total);
        let mut done = 0usize;
        for () in rx {
            done = done.saturating_add(1);
            progress(done.min(total), total);
        }
        worker.join().ok()
    });
    match results {
        Some(results) => {
            for ((file, _), r) in work.into_iter().zip(results) {
                match r {
                    Ok(cards) => out.units.push(BatchUnit {
                        file,
                        stages: cards,
                    }),
                    Err(e) => out.failures.push(BatchFailure {
                        error: e.in_file(&file).to_string(),
                        file,
                    }),
                }
            }
        }
        None => {
            for (file, _) in work {
                out.failures.push(BatchFailure {
                    error: format!("{file}: not scored (a worker stopped)"),
                    file,
                });
            }
        }
    }
    progress(total, total);
    let exact: std::collections::BTreeSet<&String> = seen.values().map(|(c, _)| c).collect();
    for (unit, files) in &by_unit {
        if !exact.contains(unit) {
            let near = seen
                .get(&unit.to_ascii_uppercase())
                .map(|(code, f)| {
                    format!(
                        " (the self-assessment of {f} is for {code}: a code must match exactly)"
                    )
                })
                .unwrap_or_default();
            for (file, _) in files {
                out.failures.push(BatchFailure {
                    file: file.clone(),
                    error: format!(
                        "{file}: a stage for unit {unit}, which has no self-assessment in the batch{near}"
                    ),
                });
            }
        }
    }
    out.units.sort_by(|a, b| {
        let code = |u: &BatchUnit| u.stages.first().map(|s| s.card.unit.code.clone());
        code(a).cmp(&code(b))
    });
    out
}

/// Read a batch from files and folders: submissions (an object with `answers`, or a JSON
/// array of them), stage files (an object with `kind`), each unit's stages in the order of
/// [`crate::order_stages`] (date, then sequence). A survey file found in a folder is not used unless given (`survey`); a note
/// says so. Files that cannot be read are failures; the rest are scored against `m` (default:
/// the embedded methodology the first submission names).
///
/// ```
/// let survey = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
/// let batch = par_index::read_batch(&["examples/data/district"], Some(&survey), None);
/// let u = batch.units.iter().find(|u| u.file.ends_with("NG-04.json")).unwrap();
/// let names: Vec<&str> = u.stages.iter().map(|s| s.stage.as_str()).collect();
/// assert_eq!(names, ["self", "appraisal-1", "explanation", "final"]);
/// ```
pub fn read_batch<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
) -> Batch {
    read_batch_within(
        paths,
        survey,
        m,
        &crate::read::limits::Limits::default(),
        &mut |_, _| {},
    )
}

/// [`read_batch`] with a progress callback (done, total).
pub(crate) fn read_batch_within<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
    limits: &crate::read::limits::Limits,
    progress: &mut dyn FnMut(usize, usize),
) -> Batch {
    let walked = crate::read::walk::walk(paths, &|p| crate::read::walk::has_ext(p, &["json"]));
    let limits = *limits;
    let nothing = walked.nothing_found(paths, ".json");
    let files = walked.files;
    let mut failures: Vec<BatchFailure> = walked
        .problems
        .into_iter()
        .chain(nothing)
        .map(|error| BatchFailure {
            file: String::new(),
            error,
        })
        .collect();
    let mut notes = Vec::new();
    let mut subs = Vec::new();
    let mut stages: Vec<(String, Stage)> = Vec::new();
    let mut bytes: u64 = 0;
    let mut units = 0usize;
    // A batch over a limit is refused whole: nothing is scored, and reading stops there.
    let refused = |file: &str, why: String| Batch {
        units: Vec::new(),
        failures: vec![BatchFailure {
            file: file.to_owned(),
            error: format!("{file}: {why}: split the batch; nothing was scored"),
        }],
        notes: Vec::new(),
    };
    let too_many = format!(
        "the batch has more than {} units (the limit of units in a batch)",
        limits.batch_units
    );
    for f in &files {
        let shown = f.display().to_string();
        let text = match crate::read::io::read_text_within(f, limits.input_bytes) {
            Ok((t, _)) => t,
            Err(e) => {
                failures.push(BatchFailure {
                    file: shown,
                    error: e.to_string(),
                });
                continue;
            }
        };
        bytes = bytes.saturating_add(u64::try_from(text.len()).unwrap_or(u64::MAX));
        if bytes > limits.batch_bytes {
            return refused(
                &shown,
                format!(
                    "the batch's files add up to more than {} bytes (the limit of bytes in a batch)",
                    limits.batch_bytes
                ),
            );
        }
        let mut push_submission =
            |node: &crate::read::tree::Node, at: String, failures: &mut Vec<BatchFailure>| {
                // Only the problems of the text are used: no positions to keep.
                let read =
                    crate::read::submission::SubmissionRead::from_node_with(node, &limits, false);
                match read.submission {
                    Some(s) if read.problems.is_empty() => subs.push((at, s)),
                    _ => failures.push(BatchFailure {
                        error: Error::Invalid(read.problems).in_file(&shown).to_string(),
                        file: at,
                    }),
                }
            };
        // Many submissions in one file: read one element at a time, so that the memory is
        // that of the submissions, not of the whole document's tree.
        let mut stopped = false;
        let streamed = crate::read::json::for_each_element(&text, &limits, &mut |i, node| {
            units = units.saturating_add(1);
            if units > limits.batch_units {
                stopped = true;
                return false;
            }
            push_submission(&node, format!("{shown}[{i}]"), &mut failures);
            true
        });
        match streamed {
            Ok(true) if stopped => return refused(&shown, too_many),
            Ok(true) => continue,
            Ok(false) => {}
            Err(problems) => {
                failures.push(BatchFailure {
                    error: Error::Invalid(problems).in_file(&shown).to_string(),
                    file: shown,
                });
                continue;
            }
        }
        // Parsed once, by the strict reader (numbers exact); what it is follows from its shape.
        let root = match crate::read::json::parse_json_with(&text, &limits) {
            Ok(root) => root,
            Err(problems) => {
                failures.push(BatchFailure {
                    error: Error::Invalid(problems).in_file(&shown).to_string(),
                    file: shown,
                });
                continue;
            }
        };
        match crate::read::detect::json_kind(&root) {
            FileKind::Submission | FileKind::Methodology | FileKind::Cases | FileKind::Other => {
                units = units.saturating_add(1);
                if units > limits.batch_units {
                    return refused(&shown, too_many);
                }
                push_submission(&root, shown.clone(), &mut failures);
            }
            FileKind::Stage => match Stage::from_node(&root) {
                Ok(mut s) => {
                    s.source.file = Some(shown.clone());
                    stages.push((shown, s));
                }
                Err(e) => failures.push(BatchFailure {
                    error: e.in_file(&shown).to_string(),
                    file: shown,
                }),
            },
            FileKind::Survey if survey.is_none() => notes.push(format!(
                "{shown} looks like a survey file; it is used only when given with --survey"
            )),
            FileKind::Survey => {}
            FileKind::Scorecard => failures.push(BatchFailure {
                error: format!(
                    "{shown}: a scorecard, not a self-assessment (`par-index verify` checks it)"
                ),
                file: shown,
            }),
        }
    }
    let embedded;
    let m = match m {
        Some(m) => m,
        None => {
            let id = subs.first().map(|(_, s)| s.methodology.clone());
            match id.as_deref().map(crate::catalog::get) {
                Some(Ok(found)) => {
                    embedded = found;
                    embedded
                }
                Some(Err(e)) => {
                    failures.push(BatchFailure {
                        file: String::new(),
                        error: e.to_string(),
                    });
                    return Batch {
                        units: Vec::new(),
                        failures,
                        notes,
                    };
                }
                None => {
                    return Batch {
                        units: Vec::new(),
                        failures,
                        notes,
                    };
                }
            }
        }
    };
    let mut batch = score_batch(m, subs, stages, survey, progress);
    failures.extend(batch.failures);
    batch.failures = failures;
    batch.notes = notes;
    batch
}

/// Rank a batch: the latest stage of every unit, with the batch's failures, and every band of
/// the methodology listed (empty ones with 0).
///
/// ```
/// let survey = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
/// let batch = par_index::read_batch(&["examples/data/district"], Some(&survey), None);
/// let r = par_index::rank_batch(&batch, par_index::catalog::default_methodology());
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
    r.methodology = m.id().to_owned();
    for b in m.bands() {
        if !r.bands.iter().any(|x| x.label == b.label) {
            r.bands.push(BandCount {
                label: b.label.clone(),
                min: b.min,
                count: 0,
            });
        }
    }
    r.bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    r.failures.clone_from(&batch.failures);
    r
}
