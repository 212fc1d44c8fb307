//! Re-verification of a published scorecard: recompute every leaf from the measure recorded
//! in its trace and every sum above it, check the content hashes, and list each difference.
//!
//! A scorecard carries everything needed to recompute it: each leaf's trace records the
//! measure, evidence and explanation that were scored, and the top records the unit, the
//! period, whether the survey was held and the bonus and penalty entries. [`verify`] rebuilds
//! the submission from them, checks that it hashes to the recorded `submission_sha256`,
//! scores it again with the methodology given, and compares the two scorecards field by
//! field. An unedited scorecard passes; one edited by hand in any number (a leaf, an area,
//! the total, the index, the band), a measure or a rule parameter fails, and the report names
//! the item.
//!
//! A staged scorecard (scored with appraisal stages or a survey file) also records its
//! appraisal ([`crate::scorecard::AppraisalRecord`]): the self-assessment is rebuilt from it and hashed,
//! each stage's hash is checked, and the recorded survey results and stages are applied
//! again, so every appraisal note in a trace must be what the recorded stages give. A note on
//! a scorecard without a record is a mismatch.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::model::record::AppraisalRecord;

use crate::model::stage::Stage;

use crate::model::survey::SurveyFile;

use crate::engine::carry::{carry_over, map_of, rebuild_original};
use crate::engine::score::{Appraised, score, score_appraised};
use crate::engine::stages::score_stages;
use crate::model::code::Code;
use crate::model::exact::ROUNDING;
use crate::model::methodology::Methodology;
use crate::model::scorecard::{
    CarriedOver, DropReason, Engine, SCORECARD_FORMAT, ScoreNode, Scorecard,
};
use crate::model::submission::{Answer, Submission};

/// One difference between a scorecard as recorded and as recomputed.
///
/// ```
/// let mut card = par_index::catalog::sample_scorecard();
/// card.total += rust_decimal::Decimal::ONE;
/// let report = par_index::verify(&card, par_index::catalog::default_methodology());
/// let m = &report.mismatches[0];
/// assert_eq!((m.code.as_ref(), m.field.as_str()), (None, "total"));
/// assert!(m.to_string().starts_with("total: recorded"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mismatch {
    /// The item or area it concerns; `None` for the scorecard's top-level fields.
    pub code: Option<Code>,
    /// The field, relative to the item (`points`, `trace.raw`) or to the scorecard (`total`).
    pub field: String,
    /// The value recorded in the scorecard.
    pub recorded: String,
    /// The value recomputed.
    pub recomputed: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(c) => write!(f, "{c} {}", self.field)?,
            None => write!(f, "{}", self.field)?,
        }
        write!(
            f,
            ": recorded {}, recomputed {}",
            self.recorded, self.recomputed
        )
    }
}

/// The outcome of [`verify`]: every mismatch found, and notes that do not fail it.
///
/// ```
/// use par_index::{catalog, verify};
/// use par_index::catalog::sample_scorecard;
/// let report = verify(&sample_scorecard(), catalog::default_methodology());
/// assert!(report.is_ok());
/// assert_eq!(report.checked, 54);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Report {
    /// Differences between the scorecard and its recomputation; empty when it verifies.
    pub mismatches: Vec<Mismatch>,
    /// Remarks that do not fail verification (a scorecard computed by another version).
    pub notes: Vec<String>,
    /// The number of leaves recomputed.
    pub checked: usize,
}

impl Report {
    /// Whether the scorecard verified: no mismatch.
    ///
    /// ```
    /// assert!(par_index::scorecard::Report::default().is_ok());
    /// ```
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.mismatches.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for m in &self.mismatches {
            writeln!(f, "{m}")?;
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        if self.is_ok() {
            write!(
                f,
                "verified: {} items recomputed, hashes match",
                self.checked
            )
        } else {
            let n = self.mismatches.len();
            write!(f, "{n} {}", if n == 1 { "mismatch" } else { "mismatches" })
        }
    }
}

/// Re-verify a scorecard against a methodology: check the format and the methodology hash,
/// rebuild the submission from the traces and check its hash, recompute every leaf and every
/// sum, and compare. Never fails: every problem is a [`Mismatch`] in the report.
///
/// ```
/// use par_index::{catalog, verify};
/// use par_index::catalog::sample_scorecard;
/// let mut card = sample_scorecard();
/// card.total += rust_decimal::Decimal::ONE; // edited by hand
/// let report = verify(&card, catalog::default_methodology());
/// assert!(!report.is_ok());
/// assert!(report.mismatches[0].to_string().starts_with("total: recorded"));
/// ```
#[must_use]
pub fn verify(card: &Scorecard, m: &Methodology) -> Report {
    let mut report = Report::default();
    let version = card.format_version();
    check_header(card, m, version, &mut report);
    let sub = submission_of(card);
    // Format 1 kept the appraisal notes in the traces with no record of the stages: such a
    // card is recomputed with its notes taken as written.
    let notes_only = version == Some(1) && card.appraisal.is_none() && has_appraisal_notes(card);
    // A plain self-assessment is rescored here, once; its scorecard carries the hash of the
    // submission rebuilt, so it is not computed twice.
    let plain = (card.appraisal.is_none() && !notes_only).then(|| score(m, &sub));
    let plain_hash = || match &plain {
        Some(Ok(again)) => again.submission_sha256.clone(),
        _ => sub.sha256(),
    };
    // The submission the scorecard's hash names: the one scored, or, for a carried-over
    // scorecard of format 4, the one given, rebuilt from the record and carried again.
    let hash = match (&card.carried_over, version) {
        (Some(rec), Some(v)) if v >= 4 => check_carried_v4(card, m, &sub, rec, &mut report),
        (Some(rec), _) => {
            check_carried_v3(m, &sub, rec, &mut report);
            Some(plain_hash())
        }
        (None, _) => Some(plain_hash()),
    };
    if let Some(hash) = hash
        && hash != card.submission_sha256
    {
        report.mismatches.push(Mismatch {
            code: None,
            field: "submission_sha256".into(),
            recorded: card.submission_sha256.clone(),
            recomputed: if card.carried_over.is_some() {
                format!(
                    "{hash} (the submission rebuilt from the measures, evidence, entries and record of carrying is not the one that was hashed)"
                )
            } else {
                format!(
                    "{hash} (the measures, evidence or entries recorded are not those that were hashed)"
                )
            },
        });
    }
    report.checked = card.leaves().count();
    let again = match (plain, &card.appraisal) {
        // A plain self-assessment: scored with no appraisal note at all, so a note written
        // into a trace by hand is a mismatch.
        (Some(again), _) => again,
        (None, Some(rec)) => restage(m, &sub, rec, &mut report),
        (None, None) => {
            report.notes.push(FORMAT_1_APPRAISAL.into());
            score_appraised(m, &sub, &appraised_of(card))
        }
    };
    compare_recomputed(card, again, &mut report);
    report
}

/// What a scorecard says of itself, against the methodology and this version: its format
/// (an earlier one noted), the methodology's id and hash, the rounding, a record of
/// carrying on a staged scorecard (a mismatch), and the engine that computed it (a note).
fn check_header(card: &Scorecard, m: &Methodology, version: Option<u8>, report: &mut Report) {
    let mut top = |field: &str, recorded: String, recomputed: String| {
        report.mismatches.push(Mismatch {
            code: None,
            field: field.to_owned(),
            recorded,
            recomputed,
        });
    };
    if version.is_none() {
        top(
            "format",
            card.format.clone(),
            format!("{SCORECARD_FORMAT} (the format this version writes)"),
        );
    }
    if card.methodology.id != m.id() {
        top(
            "methodology.id",
            card.methodology.id.clone(),
            m.id().to_owned(),
        );
    }
    if card.methodology.sha256 != m.sha256() {
        top(
            "methodology.sha256",
            card.methodology.sha256.clone(),
            format!(
                "{} (the methodology given is not the one scored)",
                m.sha256()
            ),
        );
    }
    if card.rounding != ROUNDING {
        top(
            "rounding",
            card.rounding.clone(),
            format!("{ROUNDING} (the one rounding every version has used)"),
        );
    }
    if card.appraisal.is_some() && card.carried_over.is_some() {
        top(
            "carried_over",
            "a record of carrying on a staged scorecard".into(),
            "(absent: only a self-assessment is carried over, and it has no stage)".into(),
        );
    }
    if let Some(note) = version.and_then(earlier_format_note) {
        report.notes.push(format!(
            "written in the earlier format {}: {note}",
            card.format
        ));
    }
    let current = Engine::current();
    if card.engine != current {
        report.notes.push(format!(
            "computed by {}, verified by {current}",
            card.engine
        ));
    }
}

/// A carried-over scorecard of format 4: the submission as given rebuilt from the record,
/// the map's hash checked, the carrying replayed. The hash of the submission as given, or
/// `None` (with the mismatches) when it cannot be rebuilt.
fn check_carried_v4(
    card: &Scorecard,
    m: &Methodology,
    sub: &Submission,
    rec: &CarriedOver,
    report: &mut Report,
) -> Option<String> {
    let original = match rebuild_original(sub, rec) {
        Ok(original) => original,
        Err(wrong) => {
            for (field, why) in wrong {
                report.mismatches.push(Mismatch {
                    code: None,
                    field,
                    recorded: why,
                    recomputed: "(a carrying par-index would record)".into(),
                });
            }
            return None;
        }
    };
    let map = rec.map_sha256.as_ref().map(|_| &rec.map);
    match &rec.map_sha256 {
        Some(h) if *h != CarriedOver::map_hash(&rec.map) => {
            report.mismatches.push(Mismatch {
                code: None,
                field: "carried_over.map_sha256".into(),
                recorded: h.clone(),
                recomputed: format!(
                    "{} (the map recorded is not the one that was hashed)",
                    CarriedOver::map_hash(&rec.map)
                ),
            });
        }
        None if !rec.map.is_empty() => report.mismatches.push(Mismatch {
            code: None,
            field: "carried_over.map_sha256".into(),
            recorded: "(absent)".into(),
            recomputed: CarriedOver::map_hash(&rec.map),
        }),
        _ => {}
    }
    replay_carry(card, m, sub, &original, map, rec, report);
    Some(original.sha256())
}

/// The scorecard against its recomputation: every difference in what is compared (the
/// hashes, the format, the rounding and the record of carrying were checked before, with
/// their reasons), or why it cannot be recomputed.
fn compare_recomputed(
    card: &Scorecard,
    again: Result<Scorecard, crate::error::Error>,
    report: &mut Report,
) {
    match again {
        // The usual case: equal in everything compared (no difference to list).
        Ok(again) if same_as_compared(card, &again) => {}
        Ok(again) => {
            let recorded = serde_json::to_value(card).unwrap_or(Value::Null);
            let recomputed = serde_json::to_value(&again).unwrap_or(Value::Null);
            let mut found = Vec::new();
            diff(&recorded, &recomputed, &mut Place::default(), &mut found);
            found.retain(|x| {
                !(x.code.is_none()
                    && (matches!(
                        x.field.as_str(),
                        "methodology.sha256"
                            | "submission_sha256"
                            | "engine.version"
                            // Checked above; an earlier format is read as this one.
                            | "format"
                            | "rounding"
                    ) || x.field.starts_with("carried_over")))
            });
            report.mismatches.extend(found);
        }
        Err(e) => {
            for p in e.problems() {
                report.mismatches.push(Mismatch {
                    code: p.code.as_deref().and_then(|c| c.parse().ok()),
                    field: if p.field.is_empty() {
                        "measure".into()
                    } else {
                        p.field.clone()
                    },
                    recorded: p.message.clone(),
                    recomputed: "cannot be scored".into(),
                });
            }
        }
    }
}

/// What a scorecard of an earlier format is verified on, for the report's note; `None` for
/// the current format.
fn earlier_format_note(version: u8) -> Option<&'static str> {
    match version {
        1 => Some(
            "its prose was set aside; its numbers, measures, branches, evidence and hashes verified",
        ),
        2 => Some(
            "its prose was set aside; its numbers, measures, branches, evidence, appraisal record and hashes verified",
        ),
        3 => Some("verified as it was written (format 4 changed only carried-over scorecards)"),
        _ => None,
    }
}

/// The note on a staged scorecard of format 1, which recorded no appraisal.
const FORMAT_1_APPRAISAL: &str = "format 1 did not record the appraisal behind this scorecard: the self-assessment before it, the stage files and their hashes, and the survey file's hash are not in it, so the appraisal notes in its traces (stage, points set, corrected measures, rejected or added evidence, reasons, who and when) and the survey source were taken as written; every number was recomputed from them and from the final answers, whose hash was checked";

/// Whether a scorecard's traces, entries or survey carry an appraisal note.
fn has_appraisal_notes(card: &Scorecard) -> bool {
    card.leaves()
        .any(|l| l.trace.as_ref().is_some_and(|t| t.appraisal.is_some()))
        || card
            .bonus
            .entries
            .iter()
            .chain(&card.penalty.entries)
            .any(|e| e.appraisal.is_some())
        || card.survey.source.is_some()
        || card.survey.not_in_source
}

/// The appraisal notes a scorecard of format 1 records, as scoring takes them: points set
/// by an appraiser replace the rule's.
fn appraised_of(card: &Scorecard) -> Appraised {
    Appraised {
        items: card
            .leaves()
            .filter_map(|l| {
                let a = l.trace.as_ref()?.appraisal.clone()?;
                Some((l.code.clone(), a))
            })
            .collect(),
        bonus: card
            .bonus
            .entries
            .iter()
            .map(|e| e.appraisal.clone())
            .collect(),
        penalty: card
            .penalty
            .entries
            .iter()
            .map(|e| e.appraisal.clone())
            .collect(),
        survey_source: card.survey.source.clone(),
        not_in_survey: card.survey.not_in_source,
    }
}

/// Carry the rebuilt submission over again with the map its record gives, and compare: the
/// answers carried must be those the traces record, and the record the one recorded.
fn replay_carry(
    card: &Scorecard,
    m: &Methodology,
    carried: &Submission,
    original: &Submission,
    map: Option<&BTreeMap<Code, Code>>,
    recorded: &CarriedOver,
    report: &mut Report,
) {
    if original.methodology == m.id() {
        report.mismatches.push(Mismatch {
            code: None,
            field: "carried_over.from".into(),
            recorded: recorded.from.clone(),
            recomputed: format!(
                "(absent: a submission made for {} is scored as it is, not carried over)",
                m.id()
            ),
        });
        return;
    }
    let (again, mut record) = carry_over(original, m, map);
    compare_carry(card, carried, &again, recorded, &mut record, report);
}

/// Compare a carrying done again with the scorecard's: the answers carried, then the record.
/// The words of a refusal are the checks' words: compared only when this version wrote them.
fn compare_carry(
    card: &Scorecard,
    carried: &Submission,
    again: &Submission,
    recorded: &CarriedOver,
    record: &mut CarriedOver,
    report: &mut Report,
) {
    let codes: BTreeSet<&Code> = carried.answers.keys().chain(again.answers.keys()).collect();
    for code in codes {
        let (a, b) = (carried.answers.get(code), again.answers.get(code));
        if a != b {
            let shown = |x: Option<&crate::model::submission::Answer>| match x {
                None => "(no answer)".to_owned(),
                Some(x) => serde_json::to_string(x).unwrap_or_default(),
            };
            report.mismatches.push(Mismatch {
                code: Some(code.clone()),
                field: "carried_over (the answer carried here)".into(),
                recorded: shown(a),
                recomputed: shown(b),
            });
        }
    }
    record
        .submission_sha256
        .clone_from(&recorded.submission_sha256);
    if recorded.submission_sha256.is_some() {
        // Format 3 recorded no map: the carrying was done again with the one its moves and
        // drops show.
        record.map.clone_from(&recorded.map);
        record.map_sha256.clone_from(&recorded.map_sha256);
    }
    let same_words = card.engine == Engine::current();
    let mut theirs = recorded.clone();
    for (d, r) in record.dropped.iter_mut().zip(&mut theirs.dropped) {
        // A record of format 3 has no answers; the submission given has them.
        if r.answer.is_none() {
            d.answer = None;
        }
        if let (DropReason::Refused { message: mine }, DropReason::Refused { message: recorded }) =
            (&mut d.why, &mut r.why)
            && !same_words
        {
            mine.clear();
            recorded.clear();
        }
    }
    if *record != theirs {
        let a = serde_json::to_value(&theirs).unwrap_or(Value::Null);
        let b = serde_json::to_value(&*record).unwrap_or(Value::Null);
        let mut at = Place {
            code: None,
            path: vec!["carried_over".into()],
        };
        diff(&a, &b, &mut at, &mut report.mismatches);
    }
}

/// What a carried-over scorecard of format 3 can be checked on without the submission as
/// given (that format kept neither its answers that were not carried nor a hash binding the
/// record): every move lands on an answer, every drop has the reason this methodology gives.
fn check_carried_v3(m: &Methodology, carried: &Submission, rec: &CarriedOver, report: &mut Report) {
    let mut wrong = |field: String, recorded: String, recomputed: String| {
        report.mismatches.push(Mismatch {
            code: None,
            field,
            recorded,
            recomputed,
        });
    };
    if rec.from == m.id() {
        wrong(
            "carried_over.from".into(),
            rec.from.clone(),
            format!(
                "(absent: a submission made for {} is not carried over)",
                m.id()
            ),
        );
    }
    let mut to_seen = BTreeSet::new();
    let mut from_seen = BTreeSet::new();
    for (i, mv) in rec.moved.iter().enumerate() {
        if mv.from == mv.to || !from_seen.insert(&mv.from) || !to_seen.insert(&mv.to) {
            wrong(
                format!("carried_over.moved[{i}]"),
                format!("{} → {}", mv.from, mv.to),
                "(each answer moved once, onto another code, no two onto one)".into(),
            );
        } else if !carried.answers.contains_key(&mv.to) {
            wrong(
                format!("carried_over.moved[{i}].to"),
                mv.to.to_string(),
                "(no answer was carried there)".into(),
            );
        }
    }
    for (i, d) in rec.dropped.iter().enumerate() {
        let node = m.find(&d.to);
        let holds = match &d.why {
            DropReason::NotAnItem => node.is_none(),
            DropReason::Group => node.is_some_and(|n| n.rule().is_none()),
            DropReason::Taken { by } => {
                carried.answers.contains_key(&d.to)
                    && by != &d.code
                    && (rec.moved.iter().any(|mv| &mv.from == by && mv.to == d.to)
                        || (by == &d.to && !to_seen.contains(&d.to)))
            }
            DropReason::Refused { .. } => {
                node.is_some_and(|n| n.rule().is_some()) && !carried.answers.contains_key(&d.to)
            }
        };
        if !holds {
            wrong(
                format!("carried_over.dropped[{i}].why"),
                serde_json::to_string(&d.why).unwrap_or_default(),
                format!(
                    "(not why {} would not be carried to {} under {})",
                    d.code,
                    d.to,
                    m.id()
                ),
            );
        }
    }
    report.notes.push(format!(
        "format 3 did not keep the answers it did not carry, nor bind its record of carrying to a hash: the submission made for {} (sha256 {}) and the carrying are checked only with that file (par-index verify --submission FILE)",
        rec.from,
        rec.submission_sha256.as_deref().unwrap_or("not recorded")
    ));
}

/// The files on record for a scorecard, to compare with what it records ([`check_inputs`]):
/// the submission as given (the self-assessment of a staged scorecard), the stage files, the
/// survey file, the code map of a carried-over scorecard. Each is optional.
///
/// ```
/// let sub = par_index::catalog::sample_submission();
/// let files = par_index::scorecard::OnRecord::default().submission(&sub);
/// assert!(files.stages.is_empty() && files.survey.is_none());
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct OnRecord<'a> {
    /// The submission as given.
    pub submission: Option<&'a Submission>,
    /// The stage files.
    pub stages: &'a [Stage],
    /// The survey file.
    pub survey: Option<&'a SurveyFile>,
    /// The code map.
    pub map: Option<&'a BTreeMap<Code, Code>>,
}

impl<'a> OnRecord<'a> {
    /// With the submission as given.
    ///
    /// ```
    /// let sub = par_index::catalog::sample_submission();
    /// assert!(par_index::scorecard::OnRecord::default().submission(&sub).submission.is_some());
    /// ```
    #[must_use]
    pub fn submission(mut self, s: &'a Submission) -> Self {
        self.submission = Some(s);
        self
    }

    /// With the stage files.
    ///
    /// ```
    /// assert!(par_index::scorecard::OnRecord::default().stages(&[]).stages.is_empty());
    /// ```
    #[must_use]
    pub fn stages(mut self, s: &'a [Stage]) -> Self {
        self.stages = s;
        self
    }

    /// With the survey file.
    ///
    /// ```
    /// let s = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    /// assert!(par_index::scorecard::OnRecord::default().survey(&s).survey.is_some());
    /// ```
    #[must_use]
    pub fn survey(mut self, s: &'a SurveyFile) -> Self {
        self.survey = Some(s);
        self
    }

    /// With the code map.
    ///
    /// ```
    /// let map = par_index::methodology::read_code_map("[codes]\n\"8.4.1\" = \"1.7.1\"\n", None).unwrap();
    /// assert!(par_index::scorecard::OnRecord::default().map(&map).map.is_some());
    /// ```
    #[must_use]
    pub fn map(mut self, m: &'a BTreeMap<Code, Code>) -> Self {
        self.map = Some(m);
        self
    }
}

/// Verify a scorecard and compare the inputs it records with the files on record: [`verify`]
/// and [`check_inputs`] in one report. A carried-over scorecard whose submission, carried
/// again, gave the same answers, moves and drops says so in a note. What `par-index verify
/// --submission …` prints.
///
/// ```
/// use par_index::{catalog, scorecard::verify_on_record, scorecard::OnRecord};
/// let (m, sub) = (catalog::default_methodology(), catalog::sample_submission());
/// let card = par_index::score(m, &sub).unwrap();
/// assert!(verify_on_record(&card, m, &OnRecord::default().submission(&sub)).is_ok());
/// let mut other = sub.clone();
/// other.unit.name = "Xã khác".into();
/// let report = verify_on_record(&card, m, &OnRecord::default().submission(&other));
/// assert_eq!(report.mismatches[0].field, "submission_sha256");
/// ```
#[must_use]
pub fn verify_on_record(card: &Scorecard, m: &Methodology, files: &OnRecord<'_>) -> Report {
    let mut report = verify(card, m);
    let found = check_inputs(card, m, files);
    if found.is_empty() && files.submission.is_some() && card.carried_over.is_some() {
        report.notes.push(
            "the submission given was carried over again: the same answers, moves and drops".into(),
        );
    }
    report.mismatches.extend(found);
    report
}

/// Compare the inputs a scorecard records with the files on record ([`OnRecord`]): the
/// self-assessment (or, for a plain scorecard, the submission; for a carried-over one, the
/// submission made for the other methodology), the stage files, the survey file and the
/// code map. Each file whose hash differs from the recorded one, each stage file the
/// scorecard does not record, and a survey file or map given for a scorecard that used none,
/// is a [`Mismatch`]. A carried-over scorecard of format 3 is carried over again from the
/// submission given (under `m`, the methodology it was scored under), which checks its
/// record in full. With [`verify`], this closes the one gap verification alone leaves: a
/// scorecard whose record was edited and re-hashed as a whole.
///
/// ```
/// use par_index::{catalog, scorecard::check_inputs, appraisal::score_stages, scorecard::OnRecord, Stage, Submission};
/// let m = catalog::default_methodology();
/// let sub = Submission::from_file("examples/data/district/NG-05.json").unwrap();
/// let stage = Stage::from_file("examples/data/district/appraisals/NG-05.appraisal-1.json").unwrap();
/// let cards = score_stages(m, &sub, &[stage.clone()], None).unwrap();
/// let stages = [stage.clone()];
/// assert!(check_inputs(&cards[1].card, m, &OnRecord::default().submission(&sub).stages(&stages)).is_empty());
/// let mut other = stage.clone();
/// other.by = "Ai đó".into();
/// let others = [other];
/// let found = check_inputs(&cards[1].card, m, &OnRecord::default().submission(&sub).stages(&others));
/// assert_eq!(found[0].field, "appraisal.stages[0].sha256");
/// ```
#[must_use]
pub fn check_inputs(card: &Scorecard, m: &Methodology, files: &OnRecord<'_>) -> Vec<Mismatch> {
    let OnRecord {
        submission,
        stages,
        survey,
        map,
    } = *files;
    let mut out = Vec::new();
    // The carrying done again from the submission given (a format-3 record): its
    // differences, after the hashes.
    let mut replayed = Vec::new();
    let mut push = |field: String, recorded: String, recomputed: String| {
        out.push(Mismatch {
            code: None,
            field,
            recorded,
            recomputed,
        });
    };
    let rec = card.appraisal.as_ref();
    if let Some(given) = map {
        let hash = CarriedOver::map_hash(given);
        match &card.carried_over {
            Some(c) => match &c.map_sha256 {
                Some(h) if *h == hash => {}
                Some(h) => push(
                    "carried_over.map_sha256".into(),
                    h.clone(),
                    format!("{hash} (the code map on record)"),
                ),
                // Format 3 recorded no map: the map given is used to carry again, below.
                None if c.submission_sha256.is_some() => {}
                None => push(
                    "carried_over.map_sha256".into(),
                    "(absent: carried over with no code map)".into(),
                    format!("{hash} (the code map on record)"),
                ),
            },
            None => push(
                "carried_over".into(),
                "(absent)".into(),
                "a code map on record, for a scorecard that was not carried over".into(),
            ),
        }
    }
    // A format-3 record of carrying names the original's hash; format 4 names it in the
    // scorecard's own `submission_sha256`.
    let carried_v3 = card
        .carried_over
        .as_ref()
        .filter(|c| c.submission_sha256.is_some());
    if let Some(sub) = submission {
        let (field, recorded) = match (rec, carried_v3) {
            (Some(r), _) => (
                "appraisal.self_assessment_sha256",
                &r.self_assessment_sha256,
            ),
            (None, Some(c)) => (
                "carried_over.submission_sha256",
                c.submission_sha256
                    .as_ref()
                    .unwrap_or(&card.submission_sha256),
            ),
            (None, None) => ("submission_sha256", &card.submission_sha256),
        };
        let hash = sub.sha256();
        if &hash != recorded {
            push(
                field.into(),
                recorded.clone(),
                format!("{hash} (the submission on record)"),
            );
        }
        if let Some(c) = carried_v3 {
            let shown = map_of(c);
            let (again, mut record) = carry_over(sub, m, Some(map.unwrap_or(&shown)));
            let mut report = Report::default();
            compare_carry(
                card,
                &submission_of(card),
                &again,
                c,
                &mut record,
                &mut report,
            );
            replayed = report.mismatches;
        }
    }
    let recorded: &[crate::model::record::StageRecord] = rec.map_or(&[], |r| r.stages.as_slice());
    for s in stages {
        let hash = s.sha256();
        match recorded.iter().position(|r| r.stage.stage == s.stage) {
            Some(i) => {
                let r = recorded
                    .get(i)
                    .map(|r| r.sha256.clone())
                    .unwrap_or_default();
                if r != hash {
                    push(
                        format!("appraisal.stages[{i}].sha256"),
                        r,
                        format!("{hash} (stage `{}` on record)", s.stage),
                    );
                }
            }
            None => push(
                "appraisal.stages".into(),
                "(absent)".into(),
                format!(
                    "stage `{}` on record, which the scorecard does not apply",
                    s.stage
                ),
            ),
        }
    }
    if let Some(sv) = survey {
        let hash = sv.sha256();
        match rec.and_then(|r| r.survey.as_ref()) {
            Some(r) if r.sha256 == hash => {}
            Some(r) => push(
                "appraisal.survey.sha256".into(),
                r.sha256.clone(),
                format!("{hash} (the survey file on record)"),
            ),
            None => push(
                "appraisal.survey".into(),
                "(absent)".into(),
                format!(
                    "survey `{}` on record, which the scorecard does not use",
                    sv.survey
                ),
            ),
        }
    }
    out.extend(replayed);
    out
}

/// Rebuild the self-assessment of a staged scorecard from its final answers and the answers
/// the record keeps, check the hashes the record gives, and apply the recorded survey and
/// stages again.
fn restage(
    m: &Methodology,
    fin: &Submission,
    rec: &AppraisalRecord,
    report: &mut Report,
) -> Result<Scorecard, crate::Error> {
    let mut own = fin.clone();
    for (code, answer) in &rec.self_answers {
        match answer {
            Some(a) => {
                own.answers.insert(code.clone(), a.clone().into());
            }
            None => {
                own.answers.remove(code);
            }
        }
    }
    own.survey_held = rec.self_survey_held;
    let hash = own.sha256();
    if hash != rec.self_assessment_sha256 {
        report.mismatches.push(Mismatch {
            code: None,
            field: "appraisal.self_assessment_sha256".into(),
            recorded: rec.self_assessment_sha256.clone(),
            recomputed: format!(
                "{hash} (the self-assessment rebuilt from the scorecard is not the one that was hashed)"
            ),
        });
    }
    report.notes.push(format!(
        "self-assessment sha256 {}",
        rec.self_assessment_sha256
    ));
    for (i, s) in rec.stages.iter().enumerate() {
        let hash = s.stage.sha256();
        if hash != s.sha256 {
            report.mismatches.push(Mismatch {
                code: None,
                field: format!("appraisal.stages[{i}].sha256"),
                recorded: s.sha256.clone(),
                recomputed: format!(
                    "{hash} (stage `{}` as recorded is not the one that was hashed)",
                    s.stage.stage
                ),
            });
        }
        report.notes.push(format!(
            "stage `{}` ({}, {}) sha256 {}",
            s.stage.stage, s.stage.date, s.stage.by, s.sha256
        ));
    }
    if let Some(sv) = &rec.survey {
        report
            .notes
            .push(format!("survey file `{}` sha256 {}", sv.survey, sv.sha256));
    }
    report.notes.push(
        "these are the inputs the scorecard records: compare them with the files on record (par_index::check_inputs; par-index verify --submission, --stage, --survey)"
            .into(),
    );
    let survey = rec
        .survey
        .as_ref()
        .map(|r| SurveyFile::from_record(r, &own.unit.code));
    let stages: Vec<Stage> = rec.stages.iter().map(|s| s.stage.clone()).collect();
    let mut cards = score_stages(m, &own, &stages, survey.as_ref())?;
    let mut last = match cards.pop() {
        Some(c) => c.card,
        None => return score(m, &own),
    };
    // The whole survey file is not in the scorecard: its hash is the recorded one.
    if let (Some(again), Some(recorded)) = (
        last.appraisal.as_mut().and_then(|a| a.survey.as_mut()),
        &rec.survey,
    ) {
        again.sha256.clone_from(&recorded.sha256);
    }
    Ok(last)
}

/// The submission a scorecard records: each leaf's measure, evidence and explanation, and
/// the unit, period, survey and entries at the top.
fn submission_of(card: &Scorecard) -> Submission {
    let answers = card
        .leaves()
        .filter_map(|leaf: &ScoreNode| {
            let t = leaf.trace.as_ref()?;
            let measure = t.measure.clone()?;
            Some((
                leaf.code.clone(),
                Answer {
                    measure,
                    evidence: t.evidence.clone(),
                    explanation: t.explanation.clone(),
                },
            ))
        })
        .collect();
    Submission {
        methodology: card.methodology.id.clone(),
        unit: card.unit.clone(),
        period: card.period.clone(),
        survey_held: card.survey.held,
        answers,
        bonus: card.bonus.entries.iter().map(|e| e.entry.clone()).collect(),
        penalty: card
            .penalty
            .entries
            .iter()
            .map(|e| e.entry.clone())
            .collect(),
    }
}

/// Where the diff is: the nearest item code above, and the path from it.
#[derive(Default)]
struct Place {
    code: Option<Code>,
    path: Vec<String>,
}

impl Place {
    fn field(&self) -> String {
        let mut s = String::new();
        for p in &self.path {
            if !s.is_empty() && !p.starts_with('[') {
                s.push('.');
            }
            s.push_str(p);
        }
        s
    }
}

/// Keys whose values are decimals, compared by value (`3.00` = `3`).
const DECIMAL_KEYS: &[&str] = &[
    "points",
    "max",
    "applicable_max",
    "raw",
    "rounded",
    "total",
    "index",
    "min",
    "claimed",
    "cap",
    "amount",
    "num",
    "den",
    "value",
    "satisfaction",
    "at",
    "late",
    "target",
    "floor",
    "per",
    "step",
];

fn show(v: Option<&Value>) -> String {
    match v {
        None => "(absent)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn same_decimal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            match (Decimal::from_str_exact(x), Decimal::from_str_exact(y)) {
                (Ok(x), Ok(y)) => x == y,
                _ => x == y,
            }
        }
        _ => a == b,
    }
}

/// Whether two scorecards are equal in everything the comparison below looks at: all but
/// the format, the engine's version, the hashes (checked apart, with reasons) and the
/// rounding sentence. Decimals compare by value, as there. Every field is named, so that a
/// new one cannot be left out.
fn same_as_compared(a: &Scorecard, b: &Scorecard) -> bool {
    let Scorecard {
        format: _,
        engine,
        methodology,
        submission_sha256: _,
        unit,
        period,
        appraised,
        survey,
        bonus,
        penalty,
        total,
        max,
        applicable_max,
        index,
        band,
        unanswered,
        rounding: _,
        appraisal,
        // How the answers came from another methodology's submission: a record of the
        // carrying, checked with that submission (not here); the answers scored are in
        // the traces, and recomputed.
        carried_over: _,
        areas,
    } = a;
    engine.name == b.engine.name
        && methodology.id == b.methodology.id
        && methodology.title == b.methodology.title
        && methodology.level == b.methodology.level
        && methodology.year == b.methodology.year
        && methodology.origin == b.methodology.origin
        && *unit == b.unit
        && *period == b.period
        && *appraised == b.appraised
        && *survey == b.survey
        && *bonus == b.bonus
        && *penalty == b.penalty
        && *total == b.total
        && *max == b.max
        && *applicable_max == b.applicable_max
        && *index == b.index
        && *band == b.band
        && *unanswered == b.unanswered
        && *appraisal == b.appraisal
        && *areas == b.areas
}

fn diff(a: &Value, b: &Value, at: &mut Place, out: &mut Vec<Mismatch>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            // A node of the tree: name its code and restart the path there.
            let code = x
                .get("code")
                .and_then(Value::as_str)
                .filter(|_| x.contains_key("points"))
                .and_then(|c| c.parse::<Code>().ok());
            let saved = code.as_ref().map(|c| {
                let old = (at.code.replace(c.clone()), std::mem::take(&mut at.path));
                if y.get("code") != x.get("code") {
                    out.push(Mismatch {
                        code: Some(c.clone()),
                        field: "code".into(),
                        recorded: c.to_string(),
                        recomputed: show(y.get("code")),
                    });
                }
                old
            });
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                at.path.push(k.clone());
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) if DECIMAL_KEYS.contains(&k.as_str()) => {
                        if !same_decimal(p, q) {
                            if p.is_string() && q.is_string() {
                                push(at, out, Some(p), Some(q));
                            } else {
                                diff(p, q, at, out);
                            }
                        }
                    }
                    (Some(p), Some(q)) => diff(p, q, at, out),
                    (p, q) => push(at, out, p, q),
                }
                at.path.pop();
            }
            if let Some((code, path)) = saved {
                at.code = code;
                at.path = path;
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                out.push(Mismatch {
                    code: at.code.clone(),
                    field: at.field(),
                    recorded: format!("{} entries", x.len()),
                    recomputed: format!("{} entries", y.len()),
                });
                return;
            }
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                // Children of a node are named by their own code, not their place.
                at.path.push(format!("[{i}]"));
                diff(p, q, at, out);
                at.path.pop();
            }
        }
        (p, q) if p == q => {}
        (p, q) => push(at, out, Some(p), Some(q)),
    }
}

fn push(at: &Place, out: &mut Vec<Mismatch>, p: Option<&Value>, q: Option<&Value>) {
    let shown = |v: Option<&Value>| match v {
        Some(Value::Object(_) | Value::Array(_)) => v.map(|v| v.to_string()).unwrap_or_default(),
        _ => show(v),
    };
    out.push(Mismatch {
        code: at.code.clone(),
        field: at.field(),
        recorded: shown(p),
        recomputed: shown(q),
    });
}
