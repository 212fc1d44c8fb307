//! A batch given as named files in memory (an upload, a zip of a folder) rather than as paths:
//! each file told apart by its role or its name and content, read within the limits, then
//! ranked as `par-index rank` ranks a folder.

use std::io::Read;

use super::Ranked;
use crate::analysis::rank::rank_by_roster_sets;
use crate::error::{Error, Problem, ProblemKind};
use crate::model::methodology::Methodology;
use crate::model::roster::Roster;
use crate::model::scorecard::Scorecard;
use crate::model::stage::Stage;
use crate::model::submission::Submission;
use crate::model::survey::SurveyFile;
use crate::read::detect::{FileKind, detect_kind};
use crate::read::limits::Limits;

/// What a file of a batch is, when its sender says so (a form field's name); `Any` is told
/// apart by its name and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Role {
    /// A self-assessment, a stage file, a survey file, a roster or a zip of them: by name and
    /// content.
    Any,
    /// The survey results file.
    Survey,
    /// The roster (CSV, or TOML).
    Roster,
}

/// The files of a batch, read: self-assessments (JSON or filled forms), stage files, the
/// survey file and the roster.
///
/// ```
/// use par_index::batch::{Inputs, Role};
/// let mut inputs = Inputs::new(par_index::Limits::default());
/// for f in ["NG-01.json", "NG-02.json", "survey.json"] {
///     let bytes = std::fs::read(format!("examples/data/district/{f}")).unwrap();
///     inputs.add(f, Role::Any, &bytes).unwrap();
/// }
/// assert_eq!(inputs.submissions.len(), 2);
/// assert!(inputs.survey.is_some());
/// let ranked = inputs.rank(&[], false).unwrap();
/// assert_eq!(ranked.rankings[0].rows.len(), 2);
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct Inputs {
    /// Self-assessments, with the names they came under.
    pub submissions: Vec<(String, Submission)>,
    /// Stage files, with their names.
    pub stages: Vec<(String, Stage)>,
    /// Scorecards (results already scored, as `score` or `appraise --format json` write
    /// them), with their names; of an array of stages, the last. Used only once verified.
    pub results: Vec<(String, Scorecard)>,
    /// The survey results file.
    pub survey: Option<SurveyFile>,
    /// The roster.
    pub roster: Option<Roster>,
    /// The name the roster came under.
    roster_name: String,
    /// The methodology every self-assessment is scored against, when one is asked for.
    against: Option<String>,
    limits: Limits,
    /// Bytes taken so far (unpacked, for a zip), against the batch limit.
    taken: u64,
}

impl Inputs {
    /// No files yet; every file will be read within `limits`.
    ///
    /// ```
    /// let i = par_index::batch::Inputs::new(par_index::Limits::default());
    /// assert!(i.submissions.is_empty());
    /// ```
    #[must_use]
    pub fn new(limits: Limits) -> Inputs {
        Inputs {
            submissions: Vec::new(),
            stages: Vec::new(),
            results: Vec::new(),
            survey: None,
            roster: None,
            roster_name: String::new(),
            against: None,
            limits,
            taken: 0,
        }
    }

    /// Score every self-assessment against the methodology `id` (one of those given to
    /// [`Inputs::rank`] or [`Inputs::scorecards`], else an embedded one) instead of the one
    /// each names, as `par-index rank -m` does: one that names another is not scored, and
    /// says so.
    ///
    /// ```
    /// use par_index::batch::{Inputs, Role};
    /// let mut inputs = Inputs::new(par_index::Limits::default()).against("commune-2025-model");
    /// let bytes = std::fs::read("examples/data/district/NG-04.json").unwrap(); // names 2024's
    /// inputs.add("NG-04.json", Role::Any, &bytes).unwrap();
    /// let (cards, failures) = inputs.scorecards(&[]).unwrap();
    /// assert!(cards.is_empty());
    /// assert!(failures[0].error.to_string().contains("scored against `commune-2025-model`"));
    /// ```
    #[must_use]
    pub fn against(mut self, id: &str) -> Inputs {
        self.against = Some(id.to_owned());
        self
    }

    /// Add a file: a zip archive's entries each in turn (a folder zipped), a filled form, or
    /// a JSON or roster file by its role, name and content.
    ///
    /// # Errors
    ///
    /// A file that does not read (every problem, naming it), a second survey file or roster,
    /// a file of a kind a batch does not take, or the batch's limits passed.
    pub fn add(&mut self, name: &str, role: Role, bytes: &[u8]) -> Result<(), Error> {
        self.take(name, bytes.len())?;
        let lower = name.to_ascii_lowercase();
        let zip = bytes.starts_with(b"PK\x03\x04");
        if zip && role == Role::Any && !lower.ends_with(".xlsx") && !is_workbook(bytes) {
            return self.unpack(name, bytes);
        }
        if zip {
            return self.add_form(name, bytes);
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| {
                refused(
                    name,
                    &format!("not UTF-8 text: invalid at byte {}", e.valid_up_to()),
                )
            })?
            .trim_start_matches('\u{feff}');
        match role {
            Role::Roster => return self.add_roster(name, text),
            Role::Survey => return self.add_survey(name, text),
            Role::Any => {}
        }
        if lower.ends_with(".csv") || lower.ends_with("roster.toml") {
            return self.add_roster(name, text);
        }
        match detect_kind(name, text) {
            FileKind::Submission => {
                let read = Submission::read_json_within(text, &self.limits);
                match read.submission {
                    Some(s) if read.problems.is_empty() => {
                        self.submissions.push((name.to_owned(), s));
                        Ok(())
                    }
                    _ => Err(Error::Invalid(read.problems).in_file(name)),
                }
            }
            FileKind::Stage => {
                let stage =
                    Stage::from_json_within(text, &self.limits).map_err(|e| e.in_file(name))?;
                self.stages.push((name.to_owned(), stage));
                Ok(())
            }
            FileKind::Survey => self.add_survey(name, text),
            FileKind::Scorecard => {
                let mut cards =
                    Scorecard::from_json_one_or_many(text).map_err(|e| e.in_file(name))?;
                if let Some(card) = cards.pop() {
                    self.results.push((name.to_owned(), card));
                }
                Ok(())
            }
            other => Err(refused(
                name,
                &format!(
                    "a {other:?} file is not part of a batch (self-assessments, stage files, scorecards, a survey file, a roster)"
                ),
            )),
        }
    }

    /// Count a file against the batch's limits.
    fn take(&mut self, name: &str, len: usize) -> Result<(), Error> {
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        self.taken = self.taken.saturating_add(len);
        let files = self
            .submissions
            .len()
            .saturating_add(self.stages.len())
            .saturating_add(self.results.len());
        if self.taken > self.limits.batch_bytes || files >= self.limits.batch_units {
            return Err(refused(
                name,
                &format!(
                    "the batch is over its limits ({} bytes, {} files)",
                    self.limits.batch_bytes, self.limits.batch_units
                ),
            ));
        }
        Ok(())
    }

    fn add_form(&mut self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        #[cfg(feature = "xlsx")]
        {
            let read = crate::read::form::read_form_within(bytes, &self.limits);
            match read.submission {
                Some(s) if read.problems.is_empty() => {
                    self.submissions.push((name.to_owned(), s));
                    Ok(())
                }
                _ => Err(Error::Invalid(read.problems).in_file(name)),
            }
        }
        #[cfg(not(feature = "xlsx"))]
        {
            let _ = bytes;
            Err(refused(
                name,
                "an Excel form, and this build reads none (feature `xlsx`)",
            ))
        }
    }

    fn add_survey(&mut self, name: &str, text: &str) -> Result<(), Error> {
        if self.survey.is_some() {
            return Err(refused(name, "a second survey file: a batch has one"));
        }
        let survey =
            SurveyFile::from_json_within(text, &self.limits).map_err(|e| e.in_file(name))?;
        self.survey = Some(survey);
        Ok(())
    }

    fn add_roster(&mut self, name: &str, text: &str) -> Result<(), Error> {
        if self.roster.is_some() {
            return Err(refused(name, "a second roster: a batch has one"));
        }
        let roster = if name.to_ascii_lowercase().ends_with(".toml") {
            Roster::from_toml_str(text, Some(name))?
        } else {
            Roster::from_csv_str(text, Some(name))?
        };
        self.roster = Some(roster);
        name.clone_into(&mut self.roster_name);
        Ok(())
    }

    /// Every file of a zip archive, in the archive's order (directories and names that are
    /// not files of a batch skipped); each counted as it is unpacked.
    fn unpack(&mut self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| refused(name, &format!("not a readable zip archive: {e}")))?;
        for i in 0..zip.len() {
            let mut entry = zip
                .by_index(i)
                .map_err(|e| refused(name, &format!("entry {i}: {e}")))?;
            let inner = entry
                .name()
                .map_err(|e| refused(name, &format!("entry {i}: {e}")))?
                .into_owned();
            let lower = inner.to_ascii_lowercase();
            let wanted = [".json", ".xlsx", ".csv", "roster.toml"]
                .iter()
                .any(|x| lower.ends_with(x));
            let hidden = inner
                .split('/')
                .any(|p| p.starts_with('.') || p == "__MACOSX");
            if entry.is_dir() || entry.is_symlink() || !wanted || hidden {
                continue;
            }
            let room = self.limits.batch_bytes.saturating_sub(self.taken);
            let cap = room.min(u64::try_from(self.limits.input_bytes).unwrap_or(u64::MAX));
            let mut data = Vec::new();
            (&mut entry)
                .take(cap.saturating_add(1))
                .read_to_end(&mut data)
                .map_err(|e| refused(name, &format!("entry `{inner}`: {e}")))?;
            if u64::try_from(data.len()).unwrap_or(u64::MAX) > cap {
                return Err(refused(
                    name,
                    &format!("entry `{inner}` unpacks past the limits"),
                ));
            }
            drop(entry);
            let shown = format!("{name}:{inner}");
            self.add(&shown, Role::Any, &data)?;
        }
        Ok(())
    }

    /// Score and rank the batch: each self-assessment against the methodology it names (one
    /// of `among` by id, else an embedded one), with its stage files and the survey file of
    /// its methodology; one ranking per methodology; by the roster's blocks when there is a
    /// roster. A unit that cannot be scored is listed among its ranking's failures.
    ///
    /// # Errors
    ///
    /// No self-assessment; a scorecard among the files (a ranking scores the
    /// self-assessments itself); a methodology named that is neither given nor embedded.
    pub fn rank(&self, among: &[Methodology], include_unlisted: bool) -> Result<Ranked, Error> {
        if !self.results.is_empty() {
            let names: Vec<&str> = self.results.iter().map(|(n, _)| n.as_str()).collect();
            return Err(refused(
                &names.join(", "),
                "a scorecard is not ranked: a ranking scores the self-assessments (with their stage files) itself",
            ));
        }
        let mut rankings = Vec::new();
        for (m, subs) in self.by_methodology(among)? {
            let survey = self.survey.as_ref().filter(|s| s.methodology == m.id());
            let batch = super::score_batch(m, subs, self.stages.clone(), survey, &mut |_, _| {});
            rankings.push(super::rank_batch(&batch, m));
        }
        let blocks = self
            .roster
            .as_ref()
            .map(|r| rank_by_roster_sets(&rankings, r, include_unlisted));
        Ok(Ranked { rankings, blocks })
    }
}

impl Inputs {
    /// Each unit's latest scorecard: the self-assessments scored to their last stage, as
    /// [`Inputs::rank`] scores them, and the scorecards given, each verified against its
    /// methodology (one of `among` by id, else an embedded one); with the files that could
    /// not be scored or did not verify. In the order of unit codes, then periods.
    ///
    /// # Errors
    ///
    /// Neither a self-assessment nor a scorecard; a methodology named by a self-assessment
    /// that is neither given nor embedded.
    ///
    /// ```
    /// use par_index::batch::{Inputs, Role};
    /// let mut inputs = Inputs::new(par_index::Limits::default());
    /// let bytes = std::fs::read("examples/data/district/NG-04.json").unwrap();
    /// inputs.add("NG-04.json", Role::Any, &bytes).unwrap();
    /// let (cards, failures) = inputs.scorecards(&[]).unwrap();
    /// assert_eq!((cards.len(), failures.len()), (1, 0));
    /// ```
    pub fn scorecards(
        &self,
        among: &[Methodology],
    ) -> Result<(Vec<crate::Scorecard>, Vec<super::BatchFailure>), Error> {
        let mut cards = Vec::new();
        let mut failures = Vec::new();
        for (name, card) in &self.results {
            let against = crate::catalog::among(&card.methodology.id, among).ok();
            match super::verified(card.clone(), against, name) {
                Ok(card) => cards.push(card),
                Err(f) => failures.push(f),
            }
        }
        let groups = if self.submissions.is_empty() && !self.results.is_empty() {
            Vec::new()
        } else {
            self.by_methodology(among)?
        };
        for (m, subs) in groups {
            let survey = self.survey.as_ref().filter(|s| s.methodology == m.id());
            let batch = super::score_batch(m, subs, self.stages.clone(), survey, &mut |_, _| {});
            // Each unit's last stage, taken (the batch is not kept).
            cards.extend(
                batch
                    .units
                    .into_iter()
                    .filter_map(|mut u| u.stages.pop())
                    .map(|s| s.card),
            );
            failures.extend(batch.failures);
        }
        cards.sort_by(super::by_unit);
        Ok((cards, failures))
    }

    /// Compare this year's results (these files: self-assessments with their stage files and
    /// survey, or scorecards) with last year's (`before`'s), as `par-index compare` does:
    /// through this batch's roster (merged units and their predecessors) and a code map
    /// (`map`: its name and TOML text) for items that moved; only the unit `unit` when one is
    /// named. See [`crate::analysis::compare_results`].
    ///
    /// # Errors
    ///
    /// A file of either year that could not be scored or does not verify (all of them
    /// listed, each by its name); a roster among last year's files; a code map that does not
    /// read; no result (of the unit named); predecessors of the roster that cannot be a
    /// baseline for this year's periods (named in the roster).
    ///
    /// ```
    /// use par_index::{analysis::Compared, batch::{Inputs, Role}};
    /// let mut now = Inputs::new(par_index::Limits::default());
    /// now.add("NG-04.json", Role::Any, &std::fs::read("examples/data/district/NG-04.json").unwrap()).unwrap();
    /// let mut before = Inputs::new(par_index::Limits::default());
    /// let card = par_index::catalog::sample_scorecard(); // NG-01, 2024: no baseline of NG-04
    /// before.add("NG-01.json", Role::Any, card.to_json().as_bytes()).unwrap();
    /// let Ok(Compared::One(c)) = now.compare(&before, None, None, &[]) else { panic!() };
    /// assert_eq!(c.unit.code, "NG-04");
    /// assert_eq!(c.basis, par_index::analysis::BaselineKind::None);
    /// ```
    pub fn compare(
        &self,
        before: &Inputs,
        map: Option<(&str, &str)>,
        unit: Option<&str>,
        among: &[Methodology],
    ) -> Result<crate::analysis::Compared, Error> {
        if before.roster.is_some() {
            return Err(refused(
                &before.roster_name,
                "a roster among last year's files: the roster is this year's (it names each unit's predecessors)",
            ));
        }
        let (now, mut failures) = self.scorecards(among)?;
        let (pool, before_failures) = before.scorecards(among)?;
        failures.extend(before_failures);
        refuse_failures(failures)?;
        let map = match map {
            Some((name, text)) => Some(crate::read::codemap::read_code_map_for(
                text,
                Some(name),
                &crate::catalog::named_by(&pool, among),
                &crate::catalog::named_by(&now, among),
            )?),
            None => None,
        };
        let roster = self.roster.as_ref().map(|r| (r, self.roster_name.as_str()));
        crate::analysis::compare_results(now, &pool, roster, map.as_ref(), unit)
    }

    /// Each unit's latest scorecard, as [`Inputs::scorecards`], when every file scored or
    /// verified.
    ///
    /// # Errors
    ///
    /// As [`Inputs::scorecards`], and every file that could not be scored or did not verify
    /// (all of their problems, each naming its file).
    ///
    /// ```
    /// use par_index::batch::{Inputs, Role};
    /// let mut inputs = Inputs::new(par_index::Limits::default());
    /// let mut card = par_index::catalog::sample_scorecard();
    /// card.index = rust_decimal::Decimal::ONE_HUNDRED; // edited after scoring
    /// inputs.add("NG-01.json", Role::Any, card.to_json().as_bytes()).unwrap();
    /// let err = inputs.scored(&[]).unwrap_err();
    /// assert!(err.to_string().starts_with("NG-01.json: the scorecard does not verify"), "{err}");
    /// ```
    pub fn scored(&self, among: &[Methodology]) -> Result<Vec<crate::Scorecard>, Error> {
        let (cards, failures) = self.scorecards(among)?;
        refuse_failures(failures)?;
        Ok(cards)
    }

    /// The self-assessments by the methodology each names (one of `among` by id, else an
    /// embedded one), in the order of the ids.
    fn by_methodology<'m>(&self, among: &'m [Methodology]) -> Result<Vec<Group<'m>>, Error> {
        if self.submissions.is_empty() {
            return Err(refused("", "no self-assessment among the files given"));
        }
        let mut by_set: std::collections::BTreeMap<String, Vec<(String, Submission)>> =
            std::collections::BTreeMap::new();
        for (name, s) in &self.submissions {
            by_set
                .entry(
                    self.against
                        .clone()
                        .unwrap_or_else(|| s.methodology.clone()),
                )
                .or_default()
                .push((name.clone(), s.clone()));
        }
        by_set
            .into_iter()
            .map(|(id, subs)| {
                let m = crate::catalog::among(&id, among).map_err(|e| {
                    let names: Vec<&str> = subs.iter().map(|(n, _)| n.as_str()).collect();
                    refused(&names.join(", "), &e.to_string())
                })?;
                Ok((m, subs))
            })
            .collect()
    }
}

/// The self-assessments of one methodology, with their names.
type Group<'m> = (&'m Methodology, Vec<(String, Submission)>);

/// Files that could not be scored (or verified), as one error with all their problems.
fn refuse_failures(failures: Vec<super::BatchFailure>) -> Result<(), Error> {
    if failures.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid(
        failures
            .into_iter()
            .flat_map(|f| match f.error {
                Error::Invalid(p) => p,
                other => vec![
                    Problem::new(ProblemKind::BadValue, None, "", other.to_string())
                        .in_file(&f.file),
                ],
            })
            .collect(),
    ))
}

/// Whether a zip archive is an Excel workbook (it has `xl/workbook.xml`).
fn is_workbook(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map(|z| z.index_for_name("xl/workbook.xml").is_some())
        .unwrap_or(false)
}

fn refused(name: &str, message: &str) -> Error {
    let p = Problem::new(ProblemKind::BadValue, None, "", message);
    Error::Invalid(vec![if name.is_empty() { p } else { p.in_file(name) }])
}
