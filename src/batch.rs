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

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::stage::Stage;

use crate::engine::stages::{StageCard, score_stages};

use crate::error::Error;
use crate::model::exact::round_points;
use crate::model::methodology::Methodology;
use crate::model::scorecard::Scorecard;
use crate::model::submission::{Submission, Unit};
use crate::model::survey::SurveyFile;
use crate::model::text::{Lang, Text};
use crate::report::describe::fmt_decimal;
use crate::report::diff::csv_line;

/// A unit of a batch: where it came from and the scorecard of every stage.
///
/// ```
/// let batch = par_index::read_batch(&["examples/data/district"], None, None);
/// let u = &batch.units[0];
/// assert_eq!(u.stages[0].stage, "self");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub fn latest(&self) -> Option<&StageCard> {
        self.stages.last()
    }
}

/// An input of a batch that could not be scored, with why; the rest are scored.
///
/// ```
/// let f = par_index::BatchFailure { file: "x.json".into(), error: "bad".into() };
/// assert_eq!(f.file, "x.json");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchFailure {
    /// The file.
    pub file: String,
    /// Every problem, as text.
    pub error: String,
}

/// The outcome of scoring a batch: the units scored and the inputs that failed.
///
/// ```
/// let batch = par_index::read_batch(&["examples/data/district"], None, None);
/// assert!(batch.failures.is_empty());
/// assert_eq!(batch.units.len(), 22);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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
/// let sub = par_index::sample_submission();
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
    read_batch_with(paths, survey, m, &mut |_, _| {})
}

/// [`read_batch`] with a progress callback (done, total).
///
/// ```
/// let mut last = (0, 0);
/// let batch = par_index::read_batch_with(&["examples/data/district"], None, None, &mut |d, t| last = (d, t));
/// assert_eq!(last, (22, 22));
/// ```
pub fn read_batch_with<P: AsRef<std::path::Path>>(
    paths: &[P],
    survey: Option<&SurveyFile>,
    m: Option<&Methodology>,
    progress: &mut dyn FnMut(usize, usize),
) -> Batch {
    let walked = crate::read::walk::walk(paths, &|p| crate::read::walk::has_ext(p, &["json"]));
    let limits = crate::read::limits::Limits::default();
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
                let read = crate::read::submission::SubmissionRead::from_node(node);
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
        match classify(&root) {
            Kind::Submission => {
                units = units.saturating_add(1);
                if units > limits.batch_units {
                    return refused(&shown, too_many);
                }
                push_submission(&root, shown.clone(), &mut failures);
            }
            Kind::Stage => match Stage::from_node(&root) {
                Ok(mut s) => {
                    s.source.file = Some(shown.clone());
                    stages.push((shown, s));
                }
                Err(e) => failures.push(BatchFailure {
                    error: e.in_file(&shown).to_string(),
                    file: shown,
                }),
            },
            Kind::Survey if survey.is_none() => notes.push(format!(
                "{shown} looks like a survey file; it is used only when given with --survey"
            )),
            Kind::Survey => {}
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

enum Kind {
    Submission,
    Stage,
    Survey,
}

/// What a JSON object is, from its top-level keys (the readers then check it fully).
fn classify(root: &crate::read::tree::Node) -> Kind {
    let has = |k: &str| match &root.value {
        crate::read::tree::Value::Table(entries) => entries.iter().any(|(x, _)| x == k),
        _ => false,
    };
    if has("kind") && !has("answers") {
        Kind::Stage
    } else if has("units") && has("survey") {
        Kind::Survey
    } else {
        Kind::Submission
    }
}

/// Mean, median, minimum and maximum of a column.
///
/// ```
/// use par_index::Stats;
/// use rust_decimal::Decimal;
/// let s = Stats::of(&[1.into(), 2.into(), 4.into()]).unwrap();
/// assert_eq!((s.mean, s.median, s.min, s.max), (Decimal::new(233, 2), 2.into(), 1.into(), 4.into()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The mean, rounded to 2 decimals half away from zero.
    pub mean: Decimal,
    /// The median (the mean of the middle two for an even count), rounded the same way.
    pub median: Decimal,
    /// The smallest.
    pub min: Decimal,
    /// The largest.
    pub max: Decimal,
}

impl Stats {
    /// The statistics of some values; `None` when there are none.
    ///
    /// ```
    /// assert!(par_index::Stats::of(&[]).is_none());
    /// let s = par_index::Stats::of(&[3.into(), 1.into(), 2.into(), 10.into()]).unwrap();
    /// assert_eq!(s.median, rust_decimal::Decimal::new(25, 1)); // (2 + 3) / 2
    /// ```
    pub fn of(values: &[Decimal]) -> Option<Stats> {
        let mut v = values.to_vec();
        v.sort();
        let n = Decimal::from(v.len());
        let sum = v.iter().try_fold(Decimal::ZERO, |a, x| a.checked_add(*x))?;
        let mean = sum.checked_div(n)?;
        let mid = v.len() / 2;
        let median = if v.len().is_multiple_of(2) {
            v.get(mid.checked_sub(1)?)?
                .checked_add(*v.get(mid)?)?
                .checked_div(Decimal::TWO)?
        } else {
            *v.get(mid)?
        };
        Some(Stats {
            mean: round_points(mean).normalize(),
            median: round_points(median).normalize(),
            min: *v.first()?,
            max: *v.last()?,
        })
    }
}

/// An area's points and rank in one unit's row.
///
/// ```
/// let c = par_index::AreaCell { code: "1".parse().unwrap(), points: 5.into(), rank: 1, tied: false };
/// assert_eq!(c.rank, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaCell {
    /// The area's code.
    pub code: crate::model::code::Code,
    /// Points.
    pub points: Decimal,
    /// Rank among the units (1 = best), ties shared.
    pub rank: usize,
    /// Whether another unit has the same points in this area.
    pub tied: bool,
}

/// One unit of a ranking.
///
/// ```
/// let r = par_index::rank(&[par_index::sample_scorecard()]);
/// assert_eq!(r.rows[0].rank, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankRow {
    /// Rank (1 = best); units equal in index and appraised points share it.
    pub rank: usize,
    /// Whether the rank is shared.
    pub tied: bool,
    /// The unit.
    pub unit: Unit,
    /// The index.
    pub index: Decimal,
    /// The total.
    pub total: Decimal,
    /// Points of the appraised (non-survey) items: the second ranking key.
    pub appraised: Decimal,
    /// The band's label.
    pub band: Text,
    /// Points and rank per area, in the methodology's area order.
    pub areas: Vec<AreaCell>,
    /// The survey file the unit is missing from, when it is: it was scored without a survey,
    /// as the methodology provides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_in_survey: Option<String>,
}

/// How many units fell in a band.
///
/// ```
/// let r = par_index::rank(&[par_index::sample_scorecard()]);
/// assert_eq!(r.bands.iter().map(|b| b.count).sum::<usize>(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BandCount {
    /// The band.
    pub label: Text,
    /// Its lowest index.
    pub min: Decimal,
    /// Units in it.
    pub count: usize,
}

/// An area's statistics over the units.
///
/// ```
/// let r = par_index::rank(&[par_index::sample_scorecard()]);
/// assert_eq!(r.areas[0].code.as_str(), "1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaStats {
    /// The area's code.
    pub code: crate::model::code::Code,
    /// Its title.
    pub title: Text,
    /// Its maximum.
    pub max: Decimal,
    /// The statistics of its points.
    pub stats: Stats,
}

/// A ranking of units with bands, band counts, per-area ranks and statistics.
///
/// ```
/// let r = par_index::rank(&[par_index::sample_scorecard()]);
/// assert_eq!(r.index.unwrap().max, rust_decimal::Decimal::new(9529, 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    /// The methodology id.
    pub methodology: String,
    /// The units, best first.
    pub rows: Vec<RankRow>,
    /// Units per band, best band first (every band of the methodology, even when empty).
    pub bands: Vec<BandCount>,
    /// Per-area statistics.
    pub areas: Vec<AreaStats>,
    /// Statistics of the index.
    pub index: Option<Stats>,
    /// Statistics of the total.
    pub total: Option<Stats>,
    /// Inputs that could not be scored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<BatchFailure>,
}

/// Rank scorecards (of one methodology) by the documented keys: index, then appraised
/// points, then unit code; equal index and appraised points share a rank.
///
/// ```
/// use par_index::{catalog, rank, score, Submission};
/// let m = catalog::default_methodology();
/// let a = par_index::sample_scorecard();
/// let mut s = par_index::sample_submission();
/// s.unit.code = "NG-00".into();
/// let b = score(m, &s).unwrap(); // the same facts under another code
/// let r = rank(&[a, b]);
/// let ranks: Vec<(usize, bool, &str)> = r.rows.iter().map(|x| (x.rank, x.tied, x.unit.code.as_str())).collect();
/// assert_eq!(ranks, [(1, true, "NG-00"), (1, true, "NG-01")]);
/// ```
pub fn rank(cards: &[Scorecard]) -> Ranking {
    rank_refs(&cards.iter().collect::<Vec<_>>())
}

fn rank_refs(cards: &[&Scorecard]) -> Ranking {
    let mut order: Vec<&Scorecard> = cards.to_vec();
    order.sort_by(|a, b| {
        b.index
            .cmp(&a.index)
            .then_with(|| b.appraised.points.cmp(&a.appraised.points))
            .then_with(|| a.unit.code.cmp(&b.unit.code))
    });
    let key = |c: &Scorecard| (c.index, c.appraised.points);
    let first = cards.first().copied();
    let area_count = first.map_or(0, |c| c.areas.len());
    // Area points of every unit, per area, for area ranks.
    let area_points: Vec<Vec<Decimal>> = (0..area_count)
        .map(|i| {
            order
                .iter()
                .map(|c| c.areas.get(i).map(|a| a.points).unwrap_or_default())
                .collect()
        })
        .collect();
    // Each area's points sorted best first: a unit's rank is 1 + the number of better values.
    let sorted: Vec<Vec<Decimal>> = area_points
        .iter()
        .map(|col| {
            let mut c = col.clone();
            c.sort_unstable_by(|a, b| b.cmp(a));
            c
        })
        .collect();
    let place = |col: &[Decimal], x: Decimal| {
        let better = col.partition_point(|p| *p > x);
        let upto = col.partition_point(|p| *p >= x);
        (better, upto.saturating_sub(better))
    };
    // `order` is sorted by the keys: equal keys are adjacent.
    let keys: Vec<(Decimal, Decimal)> = order.iter().map(|c| key(c)).collect();
    let rows: Vec<RankRow> = order
        .iter()
        .map(|c| {
            let k = key(c);
            let better = keys.partition_point(|o| *o > k);
            let same = keys.partition_point(|o| *o >= k).saturating_sub(better);
            let areas = c
                .areas
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let col = sorted.get(i).map(Vec::as_slice).unwrap_or_default();
                    let (better, same) = place(col, a.points);
                    AreaCell {
                        code: a.code.clone(),
                        points: a.points,
                        rank: better.saturating_add(1),
                        tied: same > 1,
                    }
                })
                .collect();
            RankRow {
                rank: better.saturating_add(1),
                tied: same > 1,
                unit: c.unit.clone(),
                index: c.index,
                total: c.total,
                appraised: c.appraised.points,
                band: c.band.label.clone(),
                areas,
                not_in_survey: c
                    .survey
                    .not_in_source
                    .then(|| c.survey.source.clone().unwrap_or_default()),
            }
        })
        .collect();
    let mut bands: Vec<BandCount> = Vec::new();
    for c in &order {
        match bands.iter_mut().find(|b| b.label == c.band.label) {
            Some(b) => b.count = b.count.saturating_add(1),
            None => bands.push(BandCount {
                label: c.band.label.clone(),
                min: c.band.min,
                count: 1,
            }),
        }
    }
    bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    let areas = first
        .map(|c| {
            c.areas
                .iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    Some(AreaStats {
                        code: a.code.clone(),
                        title: a.title.clone(),
                        max: a.max,
                        stats: Stats::of(area_points.get(i)?)?,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let column =
        |f: fn(&Scorecard) -> Decimal| -> Vec<Decimal> { order.iter().map(|c| f(c)).collect() };
    Ranking {
        methodology: first.map(|c| c.methodology.id.clone()).unwrap_or_default(),
        rows,
        bands,
        areas,
        index: Stats::of(&column(|c| c.index)),
        total: Stats::of(&column(|c| c.total)),
        failures: Vec::new(),
    }
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

impl Ranking {
    /// The ranking as pretty JSON.
    ///
    /// ```
    /// let r = par_index::rank(&[par_index::sample_scorecard()]);
    /// assert!(r.to_json().contains("\"rank\": 1"));
    /// ```
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    fn rank_label(r: &RankRow) -> String {
        if r.tied {
            format!("{}=", r.rank)
        } else {
            r.rank.to_string()
        }
    }

    /// The ranking as Markdown: the table (rank, unit, index, total, band, each area's
    /// points with its rank), band counts, statistics, and the failures.
    ///
    /// ```
    /// let r = par_index::rank(&[par_index::sample_scorecard()]);
    /// let md = r.to_markdown(par_index::Lang::Vi);
    /// assert!(md.contains("| 1 | Xã Đồng Tâm (NG-01) | 95,29 |"));
    /// ```
    pub fn to_markdown(&self, lang: Lang) -> String {
        crate::model::text::printable(&self.markdown_raw(lang)).into_owned()
    }

    fn markdown_raw(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let d = |x: Decimal| fmt_decimal(x, lang);
        let mut o = format!(
            "# {} ({})\n\n",
            if vi {
                "Xếp hạng Chỉ số CCHC"
            } else {
                "PAR Index ranking"
            },
            self.methodology
        );
        let mut head = vec![
            (if vi { "Hạng" } else { "Rank" }).to_owned(),
            (if vi { "Đơn vị" } else { "Unit" }).to_owned(),
            (if vi { "Chỉ số" } else { "Index" }).to_owned(),
            (if vi { "Tổng điểm" } else { "Total" }).to_owned(),
            (if vi { "Xếp loại" } else { "Band" }).to_owned(),
        ];
        head.extend(self.areas.iter().map(|a| a.code.to_string()));
        o.push_str(&format!("| {} |\n", head.join(" | ")));
        o.push_str(&format!(
            "|---:|---|---:|---:|---|{}\n",
            "---:|".repeat(self.areas.len())
        ));
        for r in &self.rows {
            let mut cells = vec![
                Ranking::rank_label(r),
                format!("{} ({})", r.unit.name, r.unit.code),
                d(r.index),
                d(r.total),
                r.band.get(lang).to_owned(),
            ];
            if r.not_in_survey.is_some()
                && let Some(c) = cells.get_mut(1)
            {
                c.push_str(" ¹");
            }
            cells.extend(r.areas.iter().map(|a| {
                format!(
                    "{} ({}{})",
                    d(a.points),
                    a.rank,
                    if a.tied { "=" } else { "" }
                )
            }));
            let cells: Vec<String> = cells
                .iter()
                .map(|c| crate::report::render::md_cell(c))
                .collect();
            o.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        if self.rows.iter().any(|r| r.not_in_survey.is_some()) {
            o.push_str(if vi {
                "\n¹ Không có trong tệp kết quả khảo sát: chấm không có điểm khảo sát, theo bộ tiêu chí.\n"
            } else {
                "\n¹ Not in the survey file: scored without a survey, as the methodology provides.\n"
            });
        }
        o.push_str(if vi {
            "\nXếp hạng theo chỉ số, rồi điểm các tiêu chí thẩm định, rồi mã đơn vị; bằng nhau cả chỉ số và điểm thẩm định thì đồng hạng (=). Trong ngoặc: hạng của đơn vị ở lĩnh vực đó.\n"
        } else {
            "\nRanked by index, then appraised points, then unit code; units equal in index and appraised points share a rank (=). In brackets: the unit's rank in that area.\n"
        });
        o.push_str(&format!(
            "\n## {}\n\n",
            if vi {
                "Số đơn vị theo xếp loại"
            } else {
                "Units per band"
            }
        ));
        for b in &self.bands {
            o.push_str(&format!(
                "- {} (≥ {}): {}\n",
                b.label.get(lang),
                d(b.min),
                b.count
            ));
        }
        o.push_str(&format!(
            "\n## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|\n",
            if vi { "Thống kê" } else { "Statistics" },
            if vi { "Mã" } else { "Code" },
            if vi { "Lĩnh vực" } else { "Area" },
            if vi { "Tối đa" } else { "Max" },
            if vi { "Trung bình" } else { "Mean" },
            if vi { "Trung vị" } else { "Median" },
            if vi {
                "Thấp nhất – cao nhất"
            } else {
                "Min – max"
            },
        ));
        for a in &self.areas {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} – {} |\n",
                a.code,
                crate::report::render::md_cell(a.title.get(lang)),
                d(a.max),
                d(a.stats.mean),
                d(a.stats.median),
                d(a.stats.min),
                d(a.stats.max)
            ));
        }
        if let Some(s) = &self.index {
            o.push_str(&format!(
                "| | **{}** | 100 | {} | {} | {} – {} |\n",
                if vi { "Chỉ số CCHC" } else { "PAR Index" },
                d(s.mean),
                d(s.median),
                d(s.min),
                d(s.max)
            ));
        }
        if !self.failures.is_empty() {
            o.push_str(&format!(
                "\n## {}\n\n",
                if vi {
                    "Không chấm được"
                } else {
                    "Not scored"
                }
            ));
            for f in &self.failures {
                o.push_str(&format!("- {}\n", f.error.replace('\n', "\n  ")));
            }
        }
        o
    }

    /// The ranking as CSV: UTF-8 with a byte-order mark (spreadsheet programs then read the
    /// Vietnamese text correctly), one row per unit, decimals with a point.
    ///
    /// ```
    /// let r = par_index::rank(&[par_index::sample_scorecard()]);
    /// let csv = r.to_csv();
    /// assert!(csv.starts_with("\u{feff}Hạng,Mã đơn vị,Đơn vị,Chỉ số,Tổng điểm,Điểm thẩm định,Xếp loại,"));
    /// ```
    pub fn to_csv(&self) -> String {
        let mut o = String::from("\u{feff}");
        let mut head: Vec<String> = [
            "Hạng",
            "Mã đơn vị",
            "Đơn vị",
            "Chỉ số",
            "Tổng điểm",
            "Điểm thẩm định",
            "Xếp loại",
        ]
        .map(str::to_owned)
        .to_vec();
        for a in &self.areas {
            head.push(format!("Lĩnh vực {}", a.code));
            head.push(format!("Hạng lĩnh vực {}", a.code));
        }
        head.push("Ghi chú".into());
        o.push_str(&csv_line(
            &head.iter().map(String::as_str).collect::<Vec<_>>(),
        ));
        for r in &self.rows {
            let mut cells = vec![
                Ranking::rank_label(r),
                r.unit.code.clone(),
                r.unit.name.clone(),
                r.index.to_string(),
                r.total.to_string(),
                r.appraised.to_string(),
                r.band.vi.clone(),
            ];
            for a in &r.areas {
                cells.push(a.points.to_string());
                cells.push(format!("{}{}", a.rank, if a.tied { "=" } else { "" }));
            }
            cells.push(
                r.not_in_survey
                    .as_deref()
                    .map(|file| crate::report::render::not_in_survey(&r.unit.code, file, Lang::En))
                    .unwrap_or_default(),
            );
            o.push_str(&csv_line(
                &cells.iter().map(String::as_str).collect::<Vec<_>>(),
            ));
        }
        o
    }
}
