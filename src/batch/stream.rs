//! A streamed batch as a pipeline: **walk** the paths (within the batch's byte limit),
//! **classify** and **read** each file in a first pass (stage files kept, self-assessments
//! scored at once when the methodology is known before), **decide** the methodology, then
//! **score** what is left and the units with stages in a second pass, and **reduce** each
//! unit to what its consumer keeps ([`Keep`]: a batch's units, ranking rows, gap items, the
//! last scorecard). A [`Plan`] holds what a run needs; each step is one function.

use super::{
    BatchFailure, FileRead, Seen, Staged, file_text, methodology_of, read_file, read_form,
    read_text, refused,
};
use crate::engine::score::{Detail, Figures};
use crate::engine::stages::StageCard;
use crate::error::{Error, ProblemKind};
use crate::model::methodology::Methodology;
use crate::model::submission::Submission;
use crate::model::survey::SurveyFile;
use crate::read::detect::FileKind;
use crate::read::limits::Limits;

/// Units of a batch reduced as they are scored, with the methodology they were scored with
/// (when there was one for the batch).
pub(super) struct Streamed<'m, T> {
    pub kept: Vec<T>,
    pub m: Option<&'m Methodology>,
    pub failures: Vec<BatchFailure>,
    pub notes: Vec<String>,
}

impl<T> Streamed<'_, T> {
    /// Nothing kept: the batch refused whole (over a limit) or nothing could be scored.
    fn refused(failures: Vec<BatchFailure>, notes: Vec<String>) -> Self {
        Streamed {
            kept: Vec::new(),
            m: None,
            failures,
            notes,
        }
    }
}

/// How the units of a batch find their methodology.
#[derive(Clone, Copy)]
pub(super) enum Against<'a, 'm> {
    /// One methodology for every unit.
    One(&'m Methodology),
    /// Each unit the one it names: one of these by id, else an embedded one (the survey file
    /// applied to the units of its own methodology only).
    Each(&'a [&'m Methodology]),
    /// The embedded one the first self-assessment that reads names.
    FirstNamed,
}

impl<'a, 'm> Against<'a, 'm> {
    /// One methodology given, or the one the first self-assessment names.
    pub(super) fn given(m: Option<&'m Methodology>) -> Self {
        m.map_or(Against::FirstNamed, Against::One)
    }
}

/// What a batch keeps of each unit (`None`: nothing), from its file and what its scoring
/// built: every stage's scorecard, or the last stage's figures to a detail (a ranking needs
/// the numbers only, a gap analysis the leaves).
pub(super) enum Keep<'a, T> {
    /// From every stage's scorecard (reading, verifying, comparing a batch).
    Cards(&'a (dyn Fn(String, Vec<StageCard>) -> Option<T> + Sync)),
    /// From the last stage's figures, built to the detail given.
    Figures(Detail, &'a (dyn Fn(String, Figures) -> Option<T> + Sync)),
}

/// A streamed batch: the survey file, how units find their methodology, the limits, and
/// what is kept of each unit.
pub(super) struct Plan<'a, 'm, T> {
    pub survey: Option<&'a SurveyFile>,
    pub against: Against<'a, 'm>,
    pub limits: Limits,
    pub keep: Keep<'a, T>,
}

/// One unit scored and reduced: where it is, its code, what was kept (or why not); or the
/// failure to read it.
type Unit<T> = Result<(String, String, Result<Option<T>, Error>), BatchFailure>;

/// A file done: its place among the files, its units, the notes of its reading.
type Done<T> = (usize, Vec<Unit<T>>, Vec<String>);

/// What was read of one file: its units, each read or failed.
type ReadUnits = Vec<Result<(String, Submission), BatchFailure>>;

/// A self-assessment of a streamed batch: read already (an element of an array), or a file
/// left unread until it is scored.
enum Input {
    Read(String, Submission),
    Unread(std::path::PathBuf),
}

/// What the first pass made of one file.
enum First<T> {
    /// A self-assessment left for the second pass.
    Unread,
    /// Read: a stage, a note, units (when the methodology was not known), a failure.
    Read(FileRead),
    /// Self-assessments scored with no stages (the methodology known).
    Scored(Vec<Unit<T>>),
}

/// The files walked, in order, and the failures and notes of the walk.
struct Walked {
    files: Vec<std::path::PathBuf>,
    /// Failures of reading, with the position of their file, to keep the files' order.
    read_failures: Vec<(usize, BatchFailure)>,
    notes: Vec<String>,
}

/// The first pass sorted: the self-assessments left to score, those scored, the stage
/// files, and the failures and notes so far.
struct Sorted<T> {
    inputs: Vec<(usize, Input)>,
    scored: Vec<(usize, std::path::PathBuf, Vec<Unit<T>>)>,
    stages: Vec<(String, crate::model::stage::Stage)>,
    read_failures: Vec<(usize, BatchFailure)>,
    notes: Vec<String>,
}

/// Read and score a batch as `plan` says (the one entry point of the pipeline).
pub(super) fn stream<'m, P: AsRef<std::path::Path>, T: Send>(
    paths: &[P],
    plan: &Plan<'_, 'm, T>,
    progress: &mut dyn FnMut(usize, usize),
) -> Streamed<'m, T> {
    plan.run(paths, progress)
}

impl<'a, 'm, T: Send> Plan<'a, 'm, T> {
    /// The pipeline: walk, first pass (classify, read, score what can be), methodology,
    /// second pass (score the rest), reduce.
    ///
    /// Two passes over the files, each on all cores: so each file is read once (twice for a
    /// unit with stages), and memory holds the stages and what is kept, and one submission
    /// and its scorecards per core at a time, not the batch's submissions. Units come in
    /// unit-code order; failures in the files' order: reading, units given twice, scoring,
    /// stages without a unit.
    fn run<P: AsRef<std::path::Path>>(
        &self,
        paths: &[P],
        progress: &mut dyn FnMut(usize, usize),
    ) -> Streamed<'m, T> {
        // A batch refused whole keeps the methodology given (a ranking lists its bands).
        let given = match self.against {
            Against::One(m) => Some(m),
            _ => None,
        };
        let refused = |r: Streamed<'m, T>| Streamed { m: given, ..r };
        let walked = match self.walk(paths) {
            Ok(w) => w,
            Err(r) => return refused(r),
        };
        let known = self.known(&walked.files);
        let first = self.first_pass(&walked.files, known, progress);
        let mut sorted = match self.sort(walked, first) {
            Ok(s) => s,
            Err(r) => return refused(r),
        };
        let m = match self.methodology(known, &mut sorted) {
            Ok(m) => m,
            Err(r) => return refused(r),
        };
        let staged = Staged::of(std::mem::take(&mut sorted.stages));
        let done = self.second_pass(m, sorted.inputs, sorted.scored, &staged, known, progress);
        let mut out = Self::collect(done, sorted.read_failures, &staged);
        out.m = m;
        let mut notes = sorted.notes;
        notes.append(&mut out.notes);
        out.notes = notes;
        out
    }

    /// Walk the paths: the files in order with their sizes, within the batch's byte limit
    /// (else the batch is refused whole).
    fn walk<P: AsRef<std::path::Path>>(&self, paths: &[P]) -> Result<Walked, Streamed<'m, T>> {
        let mut walked = crate::read::walk::walk(paths, &|p| {
            crate::read::walk::has_ext(p, crate::read::file::SUBMISSION_EXTS)
        });
        let nothing = walked.nothing_found(paths, crate::read::file::SUBMISSION_FILES);
        let notes = std::mem::take(&mut walked.not_files);
        let read_failures = walked
            .problems
            .into_iter()
            .chain(nothing)
            .map(|error| {
                let f = BatchFailure {
                    file: String::new(),
                    error,
                };
                (0, f)
            })
            .collect();
        let mut on_disk: u64 = 0;
        for (f, size) in walked.files.iter().zip(&walked.sizes) {
            on_disk = on_disk.saturating_add(*size);
            if on_disk > self.limits.batch_bytes {
                return Err(Streamed {
                    notes,
                    ..Streamed::refused(vec![self.too_many_bytes(f)], Vec::new())
                });
            }
        }
        Ok(Walked {
            files: walked.files,
            read_failures,
            notes,
        })
    }

    /// The batch refused at this file: its files add up to more bytes than a batch may have.
    fn too_many_bytes(&self, f: &std::path::Path) -> BatchFailure {
        refusal(
            f,
            format!(
                "the batch's files add up to more than {} bytes (the limit of bytes in a batch)",
                self.limits.batch_bytes
            ),
        )
    }

    /// The batch refused at this file: more units than a batch may have.
    fn too_many_units(&self, f: &std::path::Path) -> BatchFailure {
        refusal(
            f,
            format!(
                "the batch has more than {} units (the limit of units in a batch)",
                self.limits.batch_units
            ),
        )
    }

    /// The methodology, when it is known before the files are read: the one given, one per
    /// unit (`Some(None)`), or the one the first self-assessment that reads names (in the
    /// files' order; usually the first file). Known, self-assessments are scored in the
    /// first pass as they are read, with no stages; `None`: the first pass only finds kinds
    /// and stages.
    fn known(&self, files: &[std::path::PathBuf]) -> Option<Option<&'m Methodology>> {
        match self.against {
            Against::One(m) => Some(Some(m)),
            Against::Each(_) => Some(None),
            Against::FirstNamed => files
                .iter()
                .find_map(
                    |f| match read_file(f, &self.limits, self.survey.is_some()).1 {
                        FileRead::Units { units, .. } => units.into_iter().find_map(Result::ok),
                        _ => None,
                    },
                )
                .and_then(|first| match methodology_of(std::slice::from_ref(&first)) {
                    Some(Ok(m)) => Some(Some(m)),
                    _ => None,
                }),
        }
    }

    /// The methodology of a unit: `m` (the batch's), or the one it names.
    fn resolve(
        &self,
        m: Option<&'m Methodology>,
        sub: &Submission,
    ) -> Result<&'m Methodology, Error> {
        if let Some(m) = m {
            return Ok(m);
        }
        let each: &[&'m Methodology] = match self.against {
            Against::Each(each) => each,
            _ => &[],
        };
        match each.iter().find(|x| x.id() == sub.methodology) {
            Some(x) => Ok(*x),
            None => crate::catalog::get(&sub.methodology),
        }
    }

    /// The survey file for the units of `m`: with a methodology per unit, only its own.
    fn survey_of(&self, m: &Methodology) -> Option<&'a SurveyFile> {
        let each = matches!(self.against, Against::Each(_));
        self.survey.filter(|s| m.id() == s.methodology || !each)
    }

    /// Score one unit with its stages as much as the plan keeps, and reduce it.
    fn reduce(
        &self,
        staged: &Staged,
        m: &'m Methodology,
        sub: &crate::model::submission::Submission,
        at: String,
    ) -> Result<Option<T>, Error> {
        let survey = self.survey_of(m);
        match &self.keep {
            Keep::Cards(f) => staged.score(m, sub, survey).map(|cards| f(at, cards)),
            Keep::Figures(detail, f) => staged
                .figures(m, sub, survey, *detail)
                .map(|figures| f(at, figures)),
        }
    }

    /// Score what was read of one file with its stages, and reduce it.
    fn score_read(
        &self,
        read: ReadUnits,
        m: Option<&'m Methodology>,
        staged: &Staged,
    ) -> Vec<Unit<T>> {
        read.into_iter()
            .map(|read| {
                read.map(|(at, sub)| {
                    let kept = self
                        .resolve(m, &sub)
                        .and_then(|m| self.reduce(staged, m, &sub, at.clone()));
                    (at, sub.unit.code, kept)
                })
            })
            .collect()
    }

    /// Pass 1 over every file, on all cores: its kind, its stages; self-assessments scored
    /// without stages when the methodology is known (a unit that turns out to have stages is
    /// scored again in pass 2), else left unread.
    fn first_pass(
        &self,
        files: &[std::path::PathBuf],
        known: Option<Option<&'m Methodology>>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Vec<(u64, First<T>)> {
        let unstaged = Staged::of(Vec::new());
        let one = |f: &std::path::PathBuf| self.first_of(f, known, &unstaged);
        if known.is_some() {
            super::map_with_progress(files.iter().collect(), &one, progress).unwrap_or_default()
        } else {
            use rayon::prelude::*;
            files.par_iter().map(one).collect()
        }
    }

    /// Pass 1 over one file: the bytes read, and what it is.
    fn first_of(
        &self,
        f: &std::path::Path,
        known: Option<Option<&'m Methodology>>,
        unstaged: &Staged,
    ) -> (u64, First<T>) {
        let survey_given = self.survey.is_some();
        let len = |text: &str| u64::try_from(text.len()).unwrap_or(u64::MAX);
        match file_text(f, &self.limits) {
            // An Excel form is a self-assessment, read when it is scored.
            _ if crate::read::walk::has_ext(f, &["xlsx"]) => {
                (std::fs::metadata(f).map_or(0, |m| m.len()), First::Unread)
            }
            Err(e) => (0, First::Read(FileRead::Failed(e))),
            // The usual file: a self-assessment with no problem, read in one pass (a text
            // the direct reader takes has a submission's keys only), and scored at once.
            Ok(text)
                if let Some(m) = known
                    && let Some(sub) = crate::read::direct::submission(&text, &self.limits) =>
            {
                let read = vec![Ok((f.display().to_string(), sub))];
                (
                    len(&text),
                    First::Scored(self.score_read(read, m, unstaged)),
                )
            }
            Ok(text) => match (crate::read::detect::sniff_object(&text), known) {
                (Some(FileKind::Submission), None) => (len(&text), First::Unread),
                (Some(FileKind::Submission), Some(m)) => {
                    match read_text(f, &text, &self.limits, survey_given) {
                        (len, FileRead::Units { units, .. }) => {
                            (len, First::Scored(self.score_read(units, m, unstaged)))
                        }
                        (len, other) => (len, First::Read(other)),
                    }
                }
                _ => {
                    let (len, read) = read_text(f, &text, &self.limits, survey_given);
                    (len, First::Read(read))
                }
            },
        }
    }

    /// Sort the first pass by what each file is, in the files' order, within the batch's
    /// limits of bytes and units (else the batch is refused whole, with no notes).
    fn sort(
        &self,
        walked: Walked,
        first: Vec<(u64, First<T>)>,
    ) -> Result<Sorted<T>, Streamed<'m, T>> {
        let mut out = Sorted {
            inputs: Vec::new(),
            scored: Vec::new(),
            stages: Vec::new(),
            read_failures: walked.read_failures,
            notes: walked.notes,
        };
        let (mut bytes, mut units) = (0u64, 0usize);
        for (i, (f, (len, read))) in walked.files.iter().zip(first).enumerate() {
            bytes = bytes.saturating_add(len);
            if bytes > self.limits.batch_bytes {
                return Err(Streamed::refused(vec![self.too_many_bytes(f)], Vec::new()));
            }
            let mut over = false;
            match read {
                First::Unread => {
                    units = units.saturating_add(1);
                    out.inputs.push((i, Input::Unread(f.clone())));
                }
                First::Scored(list) => {
                    units = units.saturating_add(1);
                    out.scored.push((i, f.clone(), list));
                }
                First::Read(FileRead::Units {
                    units: list,
                    stopped,
                    notes,
                }) => {
                    out.notes.extend(notes);
                    units = units.saturating_add(list.len());
                    over = stopped;
                    for u in list {
                        match u {
                            Ok((at, sub)) => out.inputs.push((i, Input::Read(at, sub))),
                            Err(e) => out.read_failures.push((i, e)),
                        }
                    }
                }
                First::Read(FileRead::Failed(e)) => out.read_failures.push((i, e)),
                First::Read(FileRead::Stage(file, s)) => out.stages.push((file, *s)),
                First::Read(FileRead::Note(n)) => out.notes.push(n),
                First::Read(FileRead::Nothing) => {}
            }
            if over || units > self.limits.batch_units {
                return Err(Streamed::refused(vec![self.too_many_units(f)], Vec::new()));
            }
        }
        Ok(out)
    }

    /// Read one input left unread (an array's element read already is copied).
    fn read_input(&self, input: &Input) -> ReadUnits {
        match input {
            Input::Read(at, sub) => vec![Ok((at.clone(), sub.clone()))],
            Input::Unread(f) => match read_file(f, &self.limits, self.survey.is_some()).1 {
                FileRead::Units { units, .. } => units,
                FileRead::Failed(e) => vec![Err(e)],
                // The kind was found from the same keys the reader sees.
                FileRead::Stage(..) | FileRead::Note(_) | FileRead::Nothing => Vec::new(),
            },
        }
    }

    /// The methodology of the batch: the one given, or known before, or the embedded one the
    /// first self-assessment that reads names (`None` with one per unit). When there is none
    /// to be had, nothing is scored: every file's failure to read, then why.
    fn methodology(
        &self,
        known: Option<Option<&'m Methodology>>,
        sorted: &mut Sorted<T>,
    ) -> Result<Option<&'m Methodology>, Streamed<'m, T>> {
        match (self.against, known) {
            (Against::One(m), _) => return Ok(Some(m)),
            (Against::Each(_), _) => return Ok(None),
            (Against::FirstNamed, Some(known)) => return Ok(known),
            (Against::FirstNamed, None) => {}
        }
        let first = sorted
            .inputs
            .iter()
            .flat_map(|(_, input)| self.read_input(input))
            .find_map(Result::ok);
        match methodology_of(first.as_slice()) {
            Some(Ok(m)) => Ok(Some(m)),
            stop => {
                let mut failures = std::mem::take(&mut sorted.read_failures);
                for (i, input) in &sorted.inputs {
                    if let Input::Unread(_) = input {
                        let failed = self.read_input(input).into_iter().filter_map(Result::err);
                        failures.extend(failed.map(|e| (*i, e)));
                    }
                }
                failures.sort_by_key(|(i, _)| *i);
                let mut failures: Vec<BatchFailure> =
                    failures.into_iter().map(|(_, f)| f).collect();
                failures.extend(stop.and_then(Result::err));
                let notes = std::mem::take(&mut sorted.notes);
                Err(Streamed::refused(failures, notes))
            }
        }
    }

    /// Pass 2, on all cores: read, score and reduce each self-assessment not scored yet, and
    /// again those scored in pass 1 whose unit has stages. In the files' order.
    fn second_pass(
        &self,
        m: Option<&'m Methodology>,
        mut inputs: Vec<(usize, Input)>,
        scored: Vec<(usize, std::path::PathBuf, Vec<Unit<T>>)>,
        staged: &Staged,
        known: Option<Option<&'m Methodology>>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Vec<Done<T>> {
        let mut done_already: Vec<Done<T>> = Vec::new();
        for (i, f, list) in scored {
            let has_stages = list
                .iter()
                .any(|u| matches!(u, Ok((_, code, _)) if staged.has(code)));
            if has_stages {
                inputs.push((i, Input::Unread(f)));
            } else {
                done_already.push((i, list, Vec::new()));
            }
        }
        inputs.sort_by_key(|(i, _)| *i);
        let resolve = |sub: &Submission| self.resolve(m, sub);
        let one = &|(i, input): (usize, Input)| {
            let mut notes = Vec::new();
            let read = match input {
                Input::Read(at, sub) => vec![Ok((at, sub))],
                // A form is checked as it is read: its problems at their cells, its notes kept.
                Input::Unread(f) if crate::read::walk::has_ext(&f, &["xlsx"]) => {
                    match read_form(&f, &self.limits, Some(&resolve)) {
                        FileRead::Units {
                            units, notes: n, ..
                        } => {
                            notes = n;
                            units
                        }
                        _ => Vec::new(),
                    }
                }
                unread => self.read_input(&unread),
            };
            (i, self.score_read(read, m, staged), notes)
        };
        if known.is_some() {
            // Progress was reported by pass 1, which did most of the work.
            use rayon::prelude::*;
            let mut all: Vec<_> = inputs.into_par_iter().map(one).collect();
            all.extend(done_already);
            // In the files' order (the elements of one file keep theirs).
            all.sort_by_key(|(i, _, _)| *i);
            // Pass 1 counted files; the last report counts the units scored.
            progress(all.len(), all.len());
            all
        } else {
            super::map_with_progress(inputs, one, progress).unwrap_or_default()
        }
    }

    /// Reduce: what each unit kept, in unit-code order; the failures in the files' order:
    /// reading failures, then units given twice (the first file keeps the code), then
    /// scoring failures, then stages without a unit.
    fn collect(
        done: Vec<Done<T>>,
        mut read_failures: Vec<(usize, BatchFailure)>,
        staged: &Staged,
    ) -> Streamed<'m, T> {
        let mut out = Streamed::refused(Vec::new(), Vec::new());
        let mut seen = Seen::default();
        let (mut twice, mut failed) = (Vec::new(), Vec::new());
        let mut kept: Vec<(String, T)> = Vec::new();
        for (i, units, notes) in done {
            out.notes.extend(notes);
            for unit in units {
                let (at, code, result) = match unit {
                    Err(e) => {
                        read_failures.push((i, e));
                        continue;
                    }
                    Ok(unit) => unit,
                };
                if let Some(dup) = seen.first_use(&at, &code) {
                    twice.push(dup);
                    continue;
                }
                match result {
                    Ok(Some(t)) => kept.push((code, t)),
                    Ok(None) => {}
                    Err(e) => failed.push(BatchFailure {
                        error: e.in_file(&at),
                        file: at,
                    }),
                }
            }
        }
        read_failures.sort_by_key(|(i, _)| *i);
        out.failures = read_failures.into_iter().map(|(_, f)| f).collect();
        out.failures.extend(twice);
        out.failures.extend(failed);
        out.failures.extend(staged.stray(&seen));
        kept.sort_by(|a, b| a.0.cmp(&b.0));
        out.kept = kept.into_iter().map(|(_, t)| t).collect();
        out
    }
}

/// A batch refused at a file, over a limit.
fn refusal(file: &std::path::Path, why: String) -> BatchFailure {
    refused(
        &file.display().to_string(),
        ProblemKind::TooLarge,
        format!("{why}: split the batch; nothing was scored"),
    )
}
