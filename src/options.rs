//! One options value for reading inputs: the limits, the file name problems are shown with,
//! and the methodology a batch is scored against. A builder in the manner of
//! `regex::RegexBuilder`: set what differs from the defaults, then read.
//!
//! One spelling per operation: reading a text with the default options is a constructor of
//! its type ([`crate::methodology::load_str`], [`crate::Submission::from_json`],
//! [`crate::Stage::from_json`], [`crate::SurveyFile::from_json`]); reading with other
//! options, and every operation over files and folders (batches, rankings, gaps, results,
//! verification, validation), is a method of [`Options`].

use std::path::Path;

use crate::analysis::gaps::BatchGaps;
use crate::analysis::rank::Ranking;
use crate::batch::{
    Batch, BatchOutcome, Verified, gaps_files_within, rank_files_within, read_batch_within,
    verify_files_within,
};
use crate::error::Error;
use crate::model::methodology::Methodology;
use crate::model::stage::Stage;
use crate::model::submission::Submission;
use crate::model::survey::SurveyFile;
use crate::read::limits::Limits;
use crate::read::submission::SubmissionRead;
use crate::validate::SubmissionCheck;

/// How to read inputs: limits, the name of the file the text came from, and the methodology
/// of a batch.
///
/// ```
/// use par_index::{catalog, Limits, Options, ProblemKind};
/// let text = catalog::source("commune-2024-model").unwrap();
/// let small = Options::new().limits(Limits::default().items(50)).file("set.toml");
/// let err = small.load_methodology(text).unwrap_err();
/// assert_eq!(err.problems()[0].kind, ProblemKind::TooLarge);
/// assert_eq!(err.to_string(), "set.toml:110:1: `items`: 91 items, over the limit of 50");
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Options<'m> {
    limits: Limits,
    file: Option<String>,
    methodology: Option<&'m Methodology>,
}

impl<'m> Options<'m> {
    /// The defaults: [`Limits::default`], no file name, the methodology each batch names.
    ///
    /// ```
    /// let o = par_index::Options::new();
    /// assert!(o.read_submission(par_index::catalog::sample_source()).problems.is_empty());
    /// ```
    pub fn new() -> Options<'m> {
        Options::default()
    }

    /// Read within these limits (size, depth, counts), each checked before the work it guards.
    ///
    /// ```
    /// use par_index::{Limits, Options, ProblemKind};
    /// let o = Options::new().limits(Limits::default().answers(10));
    /// let read = o.read_submission(par_index::catalog::sample_source());
    /// assert_eq!(read.problems[0].kind, ProblemKind::TooLarge);
    /// assert_eq!(read.problems[0].field, "answers");
    /// ```
    pub fn limits(mut self, limits: Limits) -> Options<'m> {
        self.limits = limits;
        self
    }

    /// The name of the file the text came from, shown in every problem of a methodology.
    ///
    /// ```
    /// let err = par_index::Options::new().file("x.toml").load_methodology("").unwrap_err();
    /// assert!(err.to_string().starts_with("x.toml:1:1: `id`: missing key `id`"), "{err}");
    /// ```
    pub fn file(mut self, name: impl Into<String>) -> Options<'m> {
        self.file = Some(name.into());
        self
    }

    /// Score batches against this methodology (default: the embedded one the submissions
    /// name).
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// let batch = par_index::Options::new().methodology(m).read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// assert_eq!(batch.units.len(), 22);
    /// ```
    pub fn methodology(mut self, m: &'m Methodology) -> Options<'m> {
        self.methodology = Some(m);
        self
    }

    /// Load a methodology from TOML text and validate it (see
    /// [`crate::methodology::load_str`]).
    ///
    /// ```
    /// let text = par_index::catalog::source("commune-2024-model").unwrap();
    /// assert!(par_index::Options::new().load_methodology(text).is_ok());
    /// ```
    pub fn load_methodology(&self, text: &str) -> Result<Methodology, Error> {
        crate::read::methodology::load_methodology_str_within(
            text,
            self.file.as_deref(),
            &self.limits,
        )
    }

    /// Read a submission from JSON (see [`Submission::from_json`]).
    ///
    /// ```
    /// let s = par_index::Options::new().submission(par_index::catalog::sample_source()).unwrap();
    /// assert_eq!(s.unit.code, "NG-01");
    /// ```
    pub fn submission(&self, text: &str) -> Result<Submission, Error> {
        let read = self.read_submission(text);
        match read.submission {
            Some(s) if read.problems.is_empty() => Ok(s),
            _ => Err(Error::Invalid(read.problems)),
        }
    }

    /// Read as much of a submission as can be read, with every problem (see
    /// [`Submission::read_json`]).
    ///
    /// ```
    /// let read = par_index::Options::new().read_submission("{}");
    /// assert!(!read.problems.is_empty());
    /// ```
    pub fn read_submission(&self, text: &str) -> SubmissionRead {
        Submission::read_json_within(text, &self.limits)
    }

    /// Read a stage file from JSON (see [`Stage::from_json`]).
    ///
    /// ```
    /// use par_index::{Limits, Options};
    /// let tight = Options::new().limits(Limits::default().input_bytes(10));
    /// assert!(tight.stage("{\"kind\": \"appraisal\"}").is_err());
    /// ```
    pub fn stage(&self, text: &str) -> Result<Stage, Error> {
        Stage::from_json_within(text, &self.limits)
    }

    /// Read a survey file from JSON (see [`SurveyFile::from_json`]).
    ///
    /// ```
    /// use par_index::{Limits, Options};
    /// let tight = Options::new().limits(Limits::default().input_bytes(10));
    /// assert!(tight.survey("{\"survey\": \"SIPAS 2024\"}").is_err());
    /// ```
    pub fn survey(&self, text: &str) -> Result<SurveyFile, Error> {
        SurveyFile::from_json_within(text, &self.limits)
    }

    /// Read and score a batch from files and folders: submissions (an object with `answers`,
    /// or a JSON array of them), stage files (an object with `kind`), each unit's stages in
    /// the order of [`crate::appraisal::order_stages`] (date, then sequence). A survey file
    /// found in a folder is not used unless given (`survey`); a note says so. Files that
    /// cannot be read are failures; the rest are scored against these options' methodology
    /// (default: the embedded one the first submission names). `progress` is called with
    /// (done, total) as the files are read and the units scored; the last call counts the
    /// units.
    ///
    /// ```
    /// let survey = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    /// let batch = par_index::Options::new().read_batch(&["examples/data/district"], Some(&survey), &mut |_, _| {});
    /// let u = batch.units.iter().find(|u| u.file.ends_with("NG-04.json")).unwrap();
    /// let names: Vec<&str> = u.stages.iter().map(|s| s.stage.as_str()).collect();
    /// assert_eq!(names, ["self", "appraisal-1", "explanation", "final"]);
    /// ```
    ///
    /// ```
    /// let mut last = (0, 0);
    /// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |d, t| last = (d, t));
    /// assert_eq!(last, (22, 22));
    /// ```
    pub fn read_batch<P: AsRef<Path>>(
        &self,
        paths: &[P],
        survey: Option<&SurveyFile>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Batch {
        read_batch_within(paths, survey, self.methodology, &self.limits, progress)
    }

    /// The results of many units: scorecard files read as they are (of an array, as `appraise
    /// --format json` writes, the last stage), and every other input read and scored with its
    /// stage files and the survey as [`Options::read_batch`] does, the last stage kept;
    /// without a methodology in these options, each against the methodology it names (the
    /// survey file applied to the units of its own). Sorted by unit code, then period. What
    /// `par-index compare` reads, this year's and last year's. A scorecard is used only once
    /// it verifies ([`crate::verify`]) against its methodology (these options' when it names
    /// it, else the embedded one it names): one that does not, or whose
    /// methodology is neither given nor embedded, is a failure that says why. Within
    /// [`crate::Limits`]: scorecards count against the units and bytes of a batch,
    /// self-assessments as in any batch.
    ///
    /// ```
    /// let out = par_index::Options::new().read_results(&["examples/data/province/2024"], None);
    /// assert_eq!(out.value.len(), 22);
    /// assert_eq!(out.value[3].unit.code, "NG-04");
    /// // Its last stage: the final appraisal.
    /// assert_eq!(out.value[3].appraisal.as_ref().unwrap().stages.last().unwrap().stage.stage, "final");
    /// ```
    ///
    /// ```
    /// let small = par_index::Limits::default().batch_units(2);
    /// let out = par_index::Options::new().limits(small).read_results(&["examples/data/province/2024"], None);
    /// assert!(out.value.is_empty());
    /// assert!(out.failures[0].error.to_string().contains("more than 2 scorecards"));
    /// ```
    pub fn read_results<P: AsRef<Path>>(
        &self,
        paths: &[P],
        survey: Option<&SurveyFile>,
    ) -> BatchOutcome<Vec<crate::model::scorecard::Scorecard>> {
        crate::batch::read_results_within(paths, survey, self.methodology, &self.limits)
    }

    /// Read, score and rank a batch from files and folders, keeping of each unit only its
    /// ranking row: the same ranking as [`crate::batch::rank_batch`] of [`Options::read_batch`],
    /// with memory for the submissions read and a row per unit, not a scorecard per unit.
    /// Files are read and units scored on all cores.
    ///
    /// ```
    /// use par_index::{catalog, Options};
    /// let out = Options::new().rank_files(&["examples/data/district"], None, &mut |_, _| {});
    /// let batch = Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// assert_eq!(out.value, par_index::batch::rank_batch(&batch, catalog::default_methodology()));
    /// assert_eq!(out.value.rows.len(), 22);
    /// assert!(out.notes.iter().any(|n| n.contains("survey")));
    /// ```
    pub fn rank_files<P: AsRef<Path>>(
        &self,
        paths: &[P],
        survey: Option<&SurveyFile>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> BatchOutcome<Ranking> {
        rank_files_within(paths, survey, self.methodology, &self.limits, progress)
    }

    /// Read, score and rank a batch whose units are scored against different methodologies
    /// (a province's departments and communes): each unit against the one it names, one of
    /// `each` by id or an embedded set; one ranking per methodology (by id). The survey file
    /// applies to the units of its own methodology. [`crate::analysis::rank_by_roster_sets`] ranks the
    /// roster's blocks from them.
    ///
    /// ```
    /// let out = par_index::Options::new().rank_files_by_set(
    ///     &["examples/data/district", "examples/data/province/2025"], None, &[], &mut |_, _| {});
    /// let sets: Vec<(&str, usize)> = out.value.iter().map(|r| (r.methodology.as_str(), r.rows.len())).collect();
    /// assert_eq!(sets, [("commune-2024-model", 22), ("commune-2025-model", 63), ("department-2025-model", 14)]);
    /// ```
    pub fn rank_files_by_set<P: AsRef<Path>>(
        &self,
        paths: &[P],
        survey: Option<&SurveyFile>,
        each: &[&Methodology],
        progress: &mut dyn FnMut(usize, usize),
    ) -> BatchOutcome<Vec<Ranking>> {
        crate::batch::rank_files_by_set_within(paths, survey, each, &self.limits, progress)
    }

    /// Rank files and folders as `par-index rank` does. Without a roster: one ranking, each
    /// unit scored against the methodology of these options (else the one the units name).
    /// With a roster: each unit scored against the one it names (one of `among` by id, else
    /// embedded), one ranking per methodology, and each block of the roster ranked on its own
    /// (units not on the roster ranked in the whole list only with `include_unlisted`; listed
    /// either way). A batch with nothing scored is ranked empty, with the bands of the
    /// methodology given (else the default's). Files not scored are the rankings' failures
    /// (and the outcome's, with a roster).
    ///
    /// ```
    /// let r = par_index::Roster::from_file("examples/data/province/roster.csv").unwrap();
    /// let out = par_index::Options::new().rank_paths(&["examples/data/province/2025"], None, Some(&r), &[], false, &mut |_, _| {});
    /// let blocks = out.value.blocks.unwrap();
    /// assert_eq!(blocks.blocks.len(), 3);
    /// let out = par_index::Options::new().rank_paths(&["examples/data/district"], None, None, &[], false, &mut |_, _| {});
    /// assert_eq!(out.value.rankings[0].rows.len(), 22);
    /// ```
    pub fn rank_paths<P: AsRef<Path>>(
        &self,
        paths: &[P],
        survey: Option<&SurveyFile>,
        roster: Option<&crate::model::roster::Roster>,
        among: &[&Methodology],
        include_unlisted: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> BatchOutcome<crate::batch::Ranked> {
        let empty = |m: Option<&Methodology>| {
            let m = m.unwrap_or_else(|| crate::catalog::default_methodology());
            crate::batch::rank_batch(&crate::batch::Batch::default(), m)
        };
        let Some(roster) = roster else {
            let out = self.rank_files(paths, survey, progress);
            let mut ranking = out.value;
            if ranking.methodology.is_empty() {
                // Nothing was scored and no methodology named: the bands of the one given
                // (or the default's), all empty.
                let failures = std::mem::take(&mut ranking.failures);
                ranking = empty(self.methodology);
                ranking.failures = failures;
            }
            return BatchOutcome {
                value: crate::batch::Ranked {
                    rankings: vec![ranking],
                    blocks: None,
                },
                failures: out.failures,
                notes: out.notes,
            };
        };
        let out = self.rank_files_by_set(paths, survey, among, progress);
        let mut rankings = out.value;
        if rankings.is_empty() {
            // Nothing was scored: the bands of the first methodology given, or the default's.
            rankings.push(empty(among.first().copied()));
        }
        let blocks =
            crate::analysis::rank::rank_by_roster_sets(&rankings, roster, include_unlisted);
        BatchOutcome {
            value: crate::batch::Ranked {
                rankings,
                blocks: Some(blocks),
            },
            failures: out.failures,
            notes: out.notes,
        }
    }

    /// Read, score and analyse the gaps of a batch (the latest stage of each unit), keeping
    /// of each unit only the items that lost points: [`crate::analysis::batch_gaps`] of the batch's
    /// scorecards, without keeping them.
    ///
    /// ```
    /// use par_index::Options;
    /// let out = Options::new().gaps_files(&["examples/data/district"], None, &mut |_, _| {});
    /// let batch = Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// let cards: Vec<_> = batch.units.iter().map(|u| u.latest().unwrap().card.clone()).collect();
    /// assert_eq!(out.value, par_index::analysis::batch_gaps(&cards));
    /// ```
    pub fn gaps_files<P: AsRef<Path>>(
        &self,
        paths: &[P],
        survey: Option<&SurveyFile>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> BatchOutcome<BatchGaps> {
        gaps_files_within(paths, survey, self.methodology, &self.limits, progress)
    }

    /// Verify every scorecard of files and folders (each a scorecard or an array of them,
    /// as `appraise --format json` writes), against the methodology of these options or the
    /// embedded one each scorecard names; on all cores, keeping the reports, not the
    /// scorecards. In the files' order.
    ///
    /// ```
    /// use par_index::Options;
    /// let dir = std::env::temp_dir().join(format!("par-index-doc-verify-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("a.json"), par_index::catalog::sample_scorecard().to_json()).unwrap();
    /// let out = Options::new().verify_files(&[&dir], &mut |_, _| {});
    /// assert_eq!(out.value.len(), 1);
    /// assert!(out.value[0].outcome.as_ref().unwrap().is_ok());
    /// std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn verify_files<P: AsRef<Path>>(
        &self,
        paths: &[P],
        progress: &mut dyn FnMut(usize, usize),
    ) -> BatchOutcome<Vec<Verified>> {
        verify_files_within(paths, self.methodology, &self.limits, progress)
    }

    /// Read a self-assessment from its file (JSON or an Excel form) and check it against its
    /// methodology: the one of these options; else one of `among` (sets loaded alongside,
    /// by the id the submission names); else the embedded one it names. Every problem of
    /// the file and of the check is in the error, located; a methodology named that is
    /// neither among those given nor embedded is a problem at the submission's
    /// `methodology` key. The notes of the reading (answers in hidden rows or sheets) are
    /// kept whatever the outcome.
    ///
    /// ```
    /// use par_index::{Options, ProblemKind};
    /// let read = Options::new().check_submission_file("examples/data/xa-kien-quoc.json", &[]);
    /// let checked = read.outcome.unwrap();
    /// assert_eq!(checked.methodology.id(), "commune-2024-model");
    /// assert_eq!(checked.submission.unit.code, "NG-07");
    ///
    /// let other = par_index::catalog::get("commune-2025-model").unwrap();
    /// let read = Options::new().methodology(other).check_submission_file("examples/data/xa-kien-quoc.json", &[]);
    /// let err = read.outcome.unwrap_err();
    /// assert_eq!(err.problems()[0].kind, ProblemKind::MethodologyMismatch);
    /// assert_eq!(err.problems()[0].file.as_deref(), Some("examples/data/xa-kien-quoc.json"));
    /// ```
    pub fn check_submission_file(
        &self,
        path: impl AsRef<Path>,
        among: &'m [Methodology],
    ) -> SubmissionCheck<'m> {
        crate::validate::check_submission_file(path.as_ref(), self.methodology, among, &self.limits)
    }

    /// Read a self-assessment from bytes and check it, as
    /// [`Options::check_submission_file`] does a file (what a server or a binding is
    /// given): an Excel form when the bytes are a zip archive (every `.xlsx` is), else JSON
    /// text. Every problem names `name`; the input counts against the limits.
    ///
    /// ```
    /// use par_index::Options;
    /// let json = std::fs::read("examples/data/xa-dong-tam.json").unwrap();
    /// let read = Options::new().check_submission_bytes(&json, "upload.json", &[]);
    /// assert_eq!(read.outcome.unwrap().submission.unit.code, "NG-01");
    /// let read = Options::new().check_submission_bytes(b"{", "upload.json", &[]);
    /// let err = read.outcome.unwrap_err();
    /// assert_eq!(err.problems()[0].file.as_deref(), Some("upload.json"));
    /// ```
    pub fn check_submission_bytes(
        &self,
        bytes: &[u8],
        name: &str,
        among: &'m [Methodology],
    ) -> SubmissionCheck<'m> {
        crate::validate::check_submission_bytes(bytes, name, self.methodology, among, &self.limits)
    }

    /// Check every file of files and folders as `par-index validate` does: what each file
    /// is, each read and checked as its kind (methodologies first, so that submissions are
    /// checked against the sets given alongside; stage files against their
    /// self-assessments as a batch applies them), with a typed outcome per file. Against
    /// the methodology of these options when set.
    ///
    /// ```
    /// use par_index::validate::Found;
    /// let v = par_index::Options::new().validate_files(&["criteria"]);
    /// assert_eq!(v.failed(), 0);
    /// assert!(matches!(&v.files[0].outcome, Ok(Found::Methodology { items: 54, .. })));
    /// assert_eq!(v.files[0].outcome.as_ref().unwrap().to_string(), "methodology commune-2024-model, 54 items");
    /// ```
    pub fn validate_files<P: AsRef<Path>>(&self, paths: &[P]) -> crate::validate::Validation {
        crate::validate::validate_files(paths, self.methodology, &self.limits)
    }
}
