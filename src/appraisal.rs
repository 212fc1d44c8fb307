//! Appraisal as data: the appraising office's decisions on a self-assessment, stage by stage,
//! the unit's explanation round between them, and the citizen-survey results, combined at
//! scoring time without overwriting anything given.
//!
//! A **stage file** (JSON, schema `par-index schema stage`) is either an appraisal
//! (`"kind": "appraisal"`), with one decision per item it changes, or the unit's
//! explanation (`"kind": "explanation"`), with its response per item:
//!
//! ```json
//! { "kind": "appraisal", "stage": "appraisal-1", "methodology": "commune-2024-model",
//!   "unit": "NG-05", "by": "Phòng Nội vụ huyện Ninh Giang", "date": "2025-01-10",
//!   "decisions": {
//!     "3.2.1": { "measure": { "num": 912, "den": 1000 },
//!                "reason": "Số liệu trên Hệ thống thông tin giải quyết TTHC của tỉnh" },
//!     "1.4.1": { "reject_evidence": ["12/KH-UBND"], "reason": "Ban hành sau thời hạn" },
//!     "1.6.1": { "points": 1, "reason": "Giải pháp chưa cụ thể" },
//!     "2.2.1": { "accept": true } },
//!   "bonus": [ { "entry": 0, "reject": true, "reason": "Sáng kiến chưa được công nhận" } ] }
//! ```
//!
//! Staged scoring ([`score_stages`]) starts from the self-assessment and applies the stages in
//! order: an appraisal corrects measures, sets points (judgement items, or any item with a
//! reason), rejects cited evidence (the evidence policy then applies) and appraises bonus and
//! penalty entries; an explanation adds evidence and an explanation. Items a stage does not
//! mention keep what they had. Every stage gets its own scorecard, each changed item carrying
//! the decision in its trace ([`ItemAppraisal`]).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::date::Date;
use crate::error::{Error, Problem, ProblemKind};
use crate::methodology::Methodology;
use crate::rule::Rule;
use crate::score::{Appraised, score_appraised};
use crate::scorecard::{ItemAppraisal, Scorecard};
use crate::submission::{
    Answer, Evidence, MEASURE_KEYS, Measure, Submission, read_evidence, read_measure,
};
use crate::tree::{Node, Reader, Site, Value, by_code};

/// What a staged scorecard records of its appraisal, so that [`crate::verify`] can rebuild
/// the self-assessment, re-apply every recorded decision and rescore: the self-assessment's
/// hash and the answers the stages or the survey changed (as the unit gave them), the survey
/// results used for the unit, and every stage applied, in order, each with its hash.
///
/// A scorecard with no stage and no survey file has no record; any appraisal note on such a
/// scorecard is then a mismatch.
///
/// ```
/// use par_index::{catalog, score_stages, Stage};
/// let m = catalog::default_methodology();
/// let sub = par_index::sample_submission();
/// let stage = Stage::from_json(r#"{"kind": "appraisal", "stage": "final",
///   "methodology": "commune-2024-model", "unit": "NG-01", "by": "Phòng Nội vụ", "date": "2025-01-20",
///   "decisions": {"3.2.1": {"measure": {"num": 1710, "den": 1900}, "reason": "Số liệu hệ thống"}}}"#).unwrap();
/// let cards = score_stages(m, &sub, &[stage.clone()], None).unwrap();
/// let record = cards[1].card.appraisal.as_ref().unwrap();
/// assert_eq!(record.self_assessment_sha256, sub.sha256());
/// assert_eq!(record.stages[0].sha256, stage.sha256());
/// // 3.2.1 as the unit gave it: 1862/1900.
/// let own = record.self_answers[&"3.2.1".parse().unwrap()].as_ref().unwrap();
/// assert_eq!(own.measure, par_index::Measure::Ratio { num: 1862.into(), den: 1900.into() });
/// assert!(cards[0].card.appraisal.is_none()); // the self-assessment: nothing appraised
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppraisalRecord {
    /// SHA-256 of the self-assessment's canonical form, before any stage or survey
    /// ([`Submission::sha256`]).
    pub self_assessment_sha256: String,
    /// The self-assessment's answer to every item whose answer the stages or the survey
    /// changed, as the unit gave it; `null` for an item the unit did not answer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub self_answers: BTreeMap<Code, Option<RecordedAnswer>>,
    /// The self-assessment's `survey_held`.
    pub self_survey_held: bool,
    /// The survey file used, when one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveyRecord>,
    /// The stages applied, in the order applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageRecord>,
}

/// An answer as recorded in an [`AppraisalRecord`]: the measure, the evidence, the
/// explanation.
///
/// ```
/// let a = par_index::RecordedAnswer::from(par_index::Answer::new(par_index::Measure::Check { met: true }));
/// assert!(a.evidence.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordedAnswer {
    /// The measure.
    pub measure: Measure,
    /// The evidence documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// The explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

impl From<Answer> for RecordedAnswer {
    fn from(a: Answer) -> RecordedAnswer {
        RecordedAnswer {
            measure: a.measure,
            evidence: a.evidence,
            explanation: a.explanation,
        }
    }
}

impl From<RecordedAnswer> for Answer {
    fn from(a: RecordedAnswer) -> Answer {
        Answer {
            measure: a.measure,
            evidence: a.evidence,
            explanation: a.explanation,
        }
    }
}

/// The survey file used for a staged scorecard: its name, methodology and reference, the
/// SHA-256 of the whole file ([`SurveyFile::sha256`], to compare with the published file),
/// and the results of this unit.
///
/// ```
/// let s = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
/// let sub = par_index::Submission::from_file("examples/data/district/NG-04.json").unwrap();
/// let cards = par_index::score_stages(par_index::catalog::default_methodology(), &sub, &[], Some(&s)).unwrap();
/// let rec = cards[0].card.appraisal.as_ref().unwrap().survey.as_ref().unwrap();
/// assert_eq!(rec.sha256, s.sha256());
/// assert_eq!(rec.results.as_ref().unwrap().len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyRecord {
    /// The survey's name.
    pub survey: String,
    /// The methodology id the file answers.
    pub methodology: String,
    /// The reference document cited for every survey item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Evidence>,
    /// SHA-256 of the whole survey file's canonical form.
    pub sha256: String,
    /// This unit's results; `null` when the file does not list the unit.
    pub results: Option<BTreeMap<Code, Decimal>>,
}

/// A stage as applied to a staged scorecard, with the SHA-256 of its canonical form
/// ([`Stage::sha256`]).
///
/// ```
/// let s = par_index::Stage::from_file("examples/data/district/appraisals/NG-05.appraisal-1.json").unwrap();
/// let r = par_index::StageRecord { sha256: s.sha256(), stage: s };
/// assert_eq!(r.sha256.len(), 64);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRecord {
    /// SHA-256 of the stage's canonical form.
    pub sha256: String,
    /// The stage as read.
    pub stage: Stage,
}

/// Where a stage or survey file was read from: the file and the position of every key path,
/// so that a problem found later (when the stage is applied to its self-assessment) names the
/// stage's own file, line and column. Not part of the stage's content: two stages that say
/// the same are equal wherever they were read, and it is neither written nor hashed.
///
/// ```
/// let s = par_index::Stage::from_file("examples/data/district/appraisals/NG-05.appraisal-1.json").unwrap();
/// assert!(s.source.file.as_deref().unwrap().ends_with("NG-05.appraisal-1.json"));
/// assert_eq!(s.source.position("unit"), Some((5, 11)));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The file, when read from one.
    pub file: Option<String>,
    positions: BTreeMap<String, (u32, u32)>,
}

impl PartialEq for Source {
    fn eq(&self, _: &Source) -> bool {
        true
    }
}

impl Eq for Source {}

impl Source {
    fn of(root: &Node) -> Source {
        let mut positions = BTreeMap::new();
        crate::tree::positions(root, String::new(), &mut positions);
        Source {
            file: None,
            positions,
        }
    }

    /// The 1-based line and column of a key path (`decisions.3.2.1.points`), when known.
    pub fn position(&self, path: &str) -> Option<(u32, u32)> {
        self.positions.get(path).copied()
    }

    /// A problem placed in this source: its file and the position of its field (or of the
    /// nearest key path above it that has one).
    pub(crate) fn place(&self, mut p: Problem) -> Problem {
        if p.position.is_none() {
            let mut path = p.field.as_str();
            loop {
                if let Some(pos) = self.position(path) {
                    p.position = Some(pos);
                    break;
                }
                match path.rfind(['.', '[']) {
                    Some(i) => path = path.get(..i).unwrap_or_default(),
                    None => break,
                }
            }
        }
        match &self.file {
            Some(f) => p.in_file(f),
            None => p,
        }
    }
}

/// Whether a stage file is the appraising office's or the unit's.
///
/// ```
/// use par_index::StageKind;
/// assert_eq!(serde_json::to_string(&StageKind::Explanation).unwrap(), "\"explanation\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StageKind {
    /// The appraising office's decisions.
    Appraisal,
    /// The unit's response between appraisal rounds (*giải trình*).
    Explanation,
}

/// The appraiser's decision on one item. Exactly one of: `accept`; a corrected `measure`
/// and/or `reject_evidence`; or `points` set directly. Anything but `accept` needs a reason.
///
/// ```
/// let d = par_index::ItemDecision { accept: true, ..Default::default() };
/// assert!(d.reason.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDecision {
    /// Accepted as it stands.
    #[serde(default, skip_serializing_if = "is_false")]
    pub accept: bool,
    /// The measure the appraiser found, replacing the unit's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// Points set directly, in \[0, max\].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Decimal>,
    /// Numbers of cited evidence documents the appraiser does not accept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reject_evidence: Vec<String>,
    /// Why (required for anything but `accept`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who decided, when not the stage's `by`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// When, when not the stage's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The unit's response on one item in an explanation round: more evidence, an explanation.
///
/// ```
/// let r = par_index::Response { evidence: vec![], explanation: Some("Đã bổ sung".into()) };
/// assert!(r.evidence.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Evidence documents added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// The explanation, replacing the one given before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// The appraiser's decision on a bonus or penalty entry, by its position in the
/// self-assessment: accept it, reject it, or correct its amount.
///
/// ```
/// let d = par_index::EntryDecision { entry: 0, reject: true, reason: Some("x".into()), ..Default::default() };
/// assert!(d.amount.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryDecision {
    /// The entry's position (0-based) in the self-assessment's `bonus` or `penalty`.
    pub entry: usize,
    /// Accepted as claimed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub accept: bool,
    /// Not counted.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reject: bool,
    /// The amount the appraiser accepts instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// Why (required unless accepted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who decided, when not the stage's `by`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// One stage file: an appraisal or an explanation, for one unit.
///
/// ```
/// let s = par_index::Stage::from_json(r#"{"kind": "appraisal", "stage": "final",
///   "methodology": "commune-2024-model", "unit": "NG-01", "by": "Phòng Nội vụ",
///   "date": "2025-01-20", "decisions": {"1.4.1": {"accept": true}}}"#).unwrap();
/// assert_eq!(s.stage, "final");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// `appraisal` or `explanation`.
    pub kind: StageKind,
    /// The stage's name (`appraisal-1`, `explanation`, `final`).
    pub stage: String,
    /// The methodology id.
    pub methodology: String,
    /// The unit's code.
    pub unit: String,
    /// The appraising office, or who answers for the unit.
    pub by: String,
    /// The stage's date.
    pub date: Date,
    /// The stage's place among stages of the same date (1, 2, …). Stages are applied by date,
    /// then by sequence; two stages of one date that decide the same item need one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u32>,
    /// Appraisal: decisions by item code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub decisions: BTreeMap<Code, ItemDecision>,
    /// Explanation: responses by item code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub responses: BTreeMap<Code, Response>,
    /// Appraisal: decisions on bonus entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus: Vec<EntryDecision>,
    /// Appraisal: decisions on penalty entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalty: Vec<EntryDecision>,
    /// Where the stage was read from (not part of its content).
    #[serde(skip)]
    #[schemars(skip)]
    pub source: Source,
}

const STAGE_KEYS: &[&str] = &[
    "kind",
    "stage",
    "methodology",
    "unit",
    "by",
    "date",
    "sequence",
    "decisions",
    "responses",
    "bonus",
    "penalty",
];
const DECISION_KEYS: &[&str] = &[
    "accept",
    "measure",
    "points",
    "reject_evidence",
    "reason",
    "by",
    "date",
];

impl Stage {
    /// Read a stage file from JSON, with every problem and its position. Numbers are read
    /// exactly. Checks against a methodology and a submission happen in [`score_stages`].
    ///
    /// ```
    /// let err = par_index::Stage::from_json(r#"{"kind": "appraisal", "stage": "final",
    ///   "methodology": "m", "unit": "X", "by": "P", "date": "2025-01-20",
    ///   "decisions": {"1.4.1": {"points": 1}, "1.6.1": {"acept": true}}}"#).unwrap_err();
    /// let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
    /// assert_eq!(fields, ["decisions.1.4.1.reason", "decisions.1.6.1.acept"]);
    /// ```
    pub fn from_json(text: &str) -> Result<Stage, Error> {
        Stage::from_json_with(text, &crate::limits::Limits::default())
    }

    /// [`Stage::from_json`] within the embedder's [`crate::Limits`].
    ///
    /// ```
    /// let tight = par_index::Limits { input_bytes: 10, ..Default::default() };
    /// assert!(par_index::Stage::from_json_with("{\"kind\": \"appraisal\"}", &tight).is_err());
    /// ```
    pub fn from_json_with(text: &str, limits: &crate::limits::Limits) -> Result<Stage, Error> {
        let root = crate::json::parse_json_with(text, limits).map_err(Error::Invalid)?;
        Stage::from_node_with(&root, limits)
    }

    /// A stage from a parsed document (batches parse each file once).
    pub(crate) fn from_node(root: &Node) -> Result<Stage, Error> {
        Stage::from_node_with(root, &crate::limits::Limits::default())
    }

    fn from_node_with(root: &Node, limits: &crate::limits::Limits) -> Result<Stage, Error> {
        let mut r = Reader {
            limits: *limits,
            ..Reader::default()
        };
        let stage = read_stage(&mut r, root);
        match stage {
            Some(mut s) if r.problems.is_empty() => {
                s.source = Source::of(root);
                Ok(s)
            }
            _ => Err(Error::Invalid(r.problems)),
        }
    }

    /// Read a stage file; every problem names the file.
    ///
    /// ```
    /// let s = par_index::Stage::from_file("examples/data/district/appraisals/NG-05.appraisal-1.json").unwrap();
    /// assert_eq!(s.unit, "NG-05");
    /// ```
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Stage, Error> {
        let (text, shown) = crate::error::read_text(path.as_ref())?;
        let mut s = Stage::from_json(&text).map_err(|e| e.in_file(&shown))?;
        s.source.file = Some(shown);
        Ok(s)
    }

    /// The stage in canonical form: decimals normalised, the evidence of each response sorted.
    ///
    /// ```
    /// let a = par_index::Stage::from_json(r#"{"kind": "appraisal", "stage": "final",
    ///   "methodology": "m", "unit": "X", "by": "P", "date": "2025-01-20",
    ///   "decisions": {"1.6.1": {"points": "1.50", "reason": "r"}}}"#).unwrap();
    /// assert_eq!(a.canonical().decisions[&"1.6.1".parse().unwrap()].points, Some("1.5".parse().unwrap()));
    /// ```
    pub fn canonical(&self) -> Stage {
        let mut s = self.clone();
        for d in s.decisions.values_mut() {
            d.measure = d.measure.as_ref().map(Measure::normalized);
            d.points = d.points.map(|p| p.normalize());
        }
        for r in s.responses.values_mut() {
            r.evidence.sort();
        }
        for d in s.bonus.iter_mut().chain(s.penalty.iter_mut()) {
            d.amount = d.amount.map(|a| a.normalize());
        }
        s
    }

    /// The SHA-256 of the stage's canonical JSON, in hex: what a staged scorecard records of
    /// each stage, to compare with the stage file on record.
    ///
    /// ```
    /// let a = par_index::Stage::from_file("examples/data/district/appraisals/NG-05.appraisal-1.json").unwrap();
    /// let mut b = a.clone();
    /// assert_eq!(a.sha256(), b.sha256());
    /// b.by.push('.');
    /// assert_ne!(a.sha256(), b.sha256());
    /// ```
    pub fn sha256(&self) -> String {
        crate::canonical::sha256_of(&self.canonical())
    }
}

fn top() -> Site<'static> {
    Site {
        code: None,
        field: String::new(),
    }
}

fn read_stage(r: &mut Reader, root: &Node) -> Option<Stage> {
    let mut t = r.table(root, &top())?;
    let kind = t.must(
        r,
        None,
        "kind",
        "`appraisal` or `explanation`",
        |r, n, s| match r.string(n, s)?.as_str() {
            "appraisal" => Some(StageKind::Appraisal),
            "explanation" => Some(StageKind::Explanation),
            other => {
                r.report(
                    ProblemKind::BadValue,
                    s,
                    n.pos,
                    format!(
                        "`{other}` is not a stage kind (expected `appraisal` or `explanation`)"
                    ),
                );
                None
            }
        },
    );
    let stage = t.must(
        r,
        None,
        "stage",
        "the stage's name, e.g. appraisal-1",
        Reader::string,
    );
    let methodology = t.must(r, None, "methodology", "the methodology id", Reader::string);
    let unit = t.must(r, None, "unit", "the unit's code", Reader::ident);
    let by = t.must(
        r,
        None,
        "by",
        "the appraising office or the unit",
        Reader::string,
    );
    let date = t.must(
        r,
        None,
        "date",
        "the stage's date, YYYY-MM-DD",
        Reader::date,
    );
    let sequence = t.opt(r, None, "sequence", Reader::count);
    let decisions = t
        .opt(r, None, "decisions", |r, n, s| {
            by_code(r, n, s, read_decision)
        })
        .unwrap_or_default();
    let responses = t
        .opt(r, None, "responses", |r, n, s| {
            by_code(r, n, s, read_response)
        })
        .unwrap_or_default();
    let bonus = t
        .opt(r, None, "bonus", read_entry_decisions)
        .unwrap_or_default();
    let penalty = t
        .opt(r, None, "penalty", read_entry_decisions)
        .unwrap_or_default();
    t.finish(r, None, STAGE_KEYS);
    let kind = kind?;
    match kind {
        StageKind::Appraisal if !responses.is_empty() => r.report(
            ProblemKind::UnknownKey,
            &Site {
                code: None,
                field: "responses".into(),
            },
            root.pos,
            "an appraisal has `decisions`, not `responses`".into(),
        ),
        StageKind::Explanation
            if !decisions.is_empty() || !bonus.is_empty() || !penalty.is_empty() =>
        {
            r.report(
                ProblemKind::UnknownKey,
                &Site {
                    code: None,
                    field: "decisions".into(),
                },
                root.pos,
                "an explanation has `responses`, not decisions".into(),
            );
        }
        _ => {}
    }
    Some(Stage {
        kind,
        stage: stage?,
        methodology: methodology?,
        unit: unit?,
        by: by?,
        date: date?,
        sequence,
        decisions,
        responses,
        bonus,
        penalty,
        source: Source::default(),
    })
}

fn read_decision(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<ItemDecision> {
    let c = s.code;
    let mut t = r.table(n, s)?;
    let accept = t.opt(r, c, "accept", Reader::boolean).unwrap_or(false);
    let measure = t.opt(r, c, "measure", |r, n, s| {
        let mut m = r.table(n, s)?;
        let measure = read_measure(r, &mut m, c);
        m.finish(r, c, MEASURE_KEYS);
        measure
    });
    let points = t.opt(r, c, "points", Reader::points);
    let reject_evidence = t
        .opt(r, c, "reject_evidence", |r, n, s| {
            let items = r.array(n, s)?;
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let site = Site {
                    code: c,
                    field: format!("{}[{i}]", s.field),
                };
                out.push(r.string(item, &site)?);
            }
            Some(out)
        })
        .unwrap_or_default();
    let reason = t.opt(r, c, "reason", Reader::string);
    let by = t.opt(r, c, "by", Reader::string);
    let date = t.opt(r, c, "date", Reader::date);
    let had = |k: &str| t.has(k);
    let given_changes = had("measure") || had("points") || had("reject_evidence");
    let site = Site {
        code: c,
        field: s.field.clone(),
    };
    if accept && given_changes {
        r.report(
            ProblemKind::BadValue,
            &site,
            n.pos,
            "`accept` cannot come with a change: give either `accept` or the change".into(),
        );
    } else if !accept && !given_changes && t.keys().all(|(k, _)| DECISION_KEYS.contains(&k)) {
        r.report(
            ProblemKind::MissingKey,
            &site,
            n.pos,
            "no decision: give `accept`, a corrected `measure`, `reject_evidence` or `points`"
                .into(),
        );
    }
    if had("points") && had("measure") {
        r.report(
            ProblemKind::BadValue,
            &site,
            n.pos,
            "give a corrected `measure` or `points`, not both".into(),
        );
    }
    if given_changes && !had("reason") {
        r.report(
            ProblemKind::MissingKey,
            &Site {
                code: c,
                field: format!("{}.reason", s.field),
            },
            n.pos,
            "missing key `reason`: every change needs its reason".into(),
        );
    }
    t.finish(r, c, DECISION_KEYS);
    Some(ItemDecision {
        accept,
        measure,
        points,
        reject_evidence,
        reason,
        by,
        date,
    })
}

fn read_response(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<Response> {
    let c = s.code;
    let mut t = r.table(n, s)?;
    let evidence = t.opt(r, c, "evidence", read_evidence).unwrap_or_default();
    let explanation = t.opt(r, c, "explanation", Reader::string);
    if evidence.is_empty() && explanation.is_none() && !t.has("evidence") && !t.has("explanation") {
        r.report(
            ProblemKind::MissingKey,
            &Site {
                code: c,
                field: s.field.clone(),
            },
            n.pos,
            "an empty response: give `evidence`, `explanation` or both".into(),
        );
    }
    t.finish(r, c, &["evidence", "explanation"]);
    Some(Response {
        evidence,
        explanation,
    })
}

fn read_entry_decisions(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<Vec<EntryDecision>> {
    let (_, out) = r.tables(n, s, |r, mut t, _, pos| {
        let entry = t.must(
            r,
            None,
            "entry",
            "the entry's position, from 0",
            |r, n, s| r.count(n, s).and_then(|c| usize::try_from(c).ok()),
        );
        let accept = t.opt(r, None, "accept", Reader::boolean).unwrap_or(false);
        let reject = t.opt(r, None, "reject", Reader::boolean).unwrap_or(false);
        let amount = t.opt(r, None, "amount", Reader::points);
        let reason = t.opt(r, None, "reason", Reader::string);
        let by = t.opt(r, None, "by", Reader::string);
        let site = Site {
            code: None,
            field: t.field().to_owned(),
        };
        let n_actions = [accept, reject, t.has("amount")]
            .iter()
            .filter(|x| **x)
            .count();
        if n_actions != 1 {
            r.report(
                ProblemKind::BadValue,
                &site,
                pos,
                "give exactly one of `accept`, `reject` or a corrected `amount`".into(),
            );
        }
        if !accept && !t.has("reason") {
            r.report(
                ProblemKind::MissingKey,
                &Site {
                    code: None,
                    field: t.path("reason"),
                },
                pos,
                "missing key `reason`: every change needs its reason".into(),
            );
        }
        t.finish(
            r,
            None,
            &["entry", "accept", "reject", "amount", "reason", "by"],
        );
        Some(EntryDecision {
            entry: entry?,
            accept,
            reject,
            amount,
            reason,
            by,
        })
    })?;
    Some(out)
}

/// Citizen-survey results for many units (*kết quả điều tra xã hội học*): one file from the
/// survey's organiser, merged into each unit's submission when it is scored.
///
/// ```
/// let s = par_index::SurveyFile::from_json(r#"{"survey": "SIPAS 2024", "methodology": "commune-2024-model",
///   "units": {"NG-01": {"S.1": "0.92", "S.2": 0.88, "S.3": "0.9", "S.4": "0.91", "S.5": "0.85"}}}"#).unwrap();
/// assert_eq!(s.units["NG-01"].len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyFile {
    /// The survey's name, as reports cite it.
    pub survey: String,
    /// The methodology id whose survey items it answers.
    pub methodology: String,
    /// The document that publishes the results, cited as the evidence of every survey item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Evidence>,
    /// Satisfaction in \[0, 1\] per survey item, by unit code.
    pub units: BTreeMap<String, BTreeMap<Code, Decimal>>,
    /// Where the file was read from (not part of its content).
    #[serde(skip)]
    #[schemars(skip)]
    pub source: Source,
}

impl SurveyFile {
    /// Read a survey file from JSON, every problem with its position; numbers exact.
    ///
    /// ```
    /// let err = par_index::SurveyFile::from_json(r#"{"survey": "x", "methodology": "m",
    ///   "units": {"NG-01": {"S.1": 1.2}}}"#).unwrap_err();
    /// assert_eq!(err.problems()[0].field, "units.NG-01.S.1");
    /// ```
    pub fn from_json(text: &str) -> Result<SurveyFile, Error> {
        SurveyFile::from_json_with(text, &crate::limits::Limits::default())
    }

    /// [`SurveyFile::from_json`] within the embedder's [`crate::Limits`].
    ///
    /// ```
    /// let tight = par_index::Limits { input_bytes: 10, ..Default::default() };
    /// assert!(par_index::SurveyFile::from_json_with("{\"survey\": \"SIPAS 2024\"}", &tight).is_err());
    /// ```
    pub fn from_json_with(text: &str, limits: &crate::limits::Limits) -> Result<SurveyFile, Error> {
        let root = crate::json::parse_json_with(text, limits).map_err(Error::Invalid)?;
        let mut r = Reader {
            limits: *limits,
            ..Reader::default()
        };
        let read = (|| {
            let mut t = r.table(&root, &top())?;
            let survey = t.must(&mut r, None, "survey", "the survey's name", Reader::string);
            let methodology = t.must(
                &mut r,
                None,
                "methodology",
                "the methodology id",
                Reader::string,
            );
            let reference = t.opt(&mut r, None, "reference", |r, n, s| {
                let wrapped = Node {
                    value: Value::Array(vec![n.clone()]),
                    pos: n.pos,
                };
                read_evidence(r, &wrapped, s).and_then(|mut v| v.pop())
            });
            let units = t.must(&mut r, None, "units", "results by unit code", |r, n, s| {
                let mut u = r.table(n, s)?;
                u.take_all();
                let mut out = BTreeMap::new();
                for (unit, node) in u.keys() {
                    let site = Site {
                        code: None,
                        field: format!("units.{}", crate::code::printable(unit)),
                    };
                    if let Some(msg) = crate::code::ident_problem(unit) {
                        r.report(ProblemKind::BadValue, &site, node.pos, msg);
                        continue;
                    }
                    let items = by_code(r, node, &site, |r, n, s| {
                        let d = r.non_negative(n, s)?;
                        if d > Decimal::ONE {
                            r.report(
                                ProblemKind::BadValue,
                                s,
                                n.pos,
                                format!("must be a ratio in [0, 1], found {d}"),
                            );
                            return None;
                        }
                        Some(d)
                    });
                    if let Some(items) = items {
                        out.insert(unit.to_owned(), items);
                    }
                }
                Some(out)
            });
            t.finish(
                &mut r,
                None,
                &["survey", "methodology", "reference", "units"],
            );
            Some(SurveyFile {
                survey: survey?,
                methodology: methodology?,
                reference,
                units: units?,
                source: Source::default(),
            })
        })();
        match read {
            Some(mut s) if r.problems.is_empty() => {
                s.source = Source::of(&root);
                Ok(s)
            }
            _ => Err(Error::Invalid(r.problems)),
        }
    }

    /// Read a survey file; every problem names the file.
    ///
    /// ```
    /// let s = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    /// assert!(s.units.len() >= 20);
    /// ```
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<SurveyFile, Error> {
        let (text, shown) = crate::error::read_text(path.as_ref())?;
        let mut s = SurveyFile::from_json(&text).map_err(|e| e.in_file(&shown))?;
        s.source.file = Some(shown);
        Ok(s)
    }

    /// The SHA-256 of the survey file's canonical JSON (decimals normalised), in hex: what a
    /// staged scorecard records of the survey file it used.
    ///
    /// ```
    /// let a = par_index::SurveyFile::from_json(r#"{"survey": "S", "methodology": "m",
    ///   "units": {"X": {"S.1": "0.90"}}}"#).unwrap();
    /// let b = par_index::SurveyFile::from_json(r#"{"units": {"X": {"S.1": 0.9}},
    ///   "methodology": "m", "survey": "S"}"#).unwrap();
    /// assert_eq!(a.sha256(), b.sha256());
    /// ```
    pub fn sha256(&self) -> String {
        let mut s = self.clone();
        for items in s.units.values_mut() {
            for v in items.values_mut() {
                *v = v.normalize();
            }
        }
        crate::canonical::sha256_of(&s)
    }

    /// What a staged scorecard records of this file for one unit.
    fn record_for(&self, unit: &str) -> SurveyRecord {
        SurveyRecord {
            survey: self.survey.clone(),
            methodology: self.methodology.clone(),
            reference: self.reference.clone(),
            sha256: self.sha256(),
            results: self
                .units
                .get(unit)
                .map(|r| r.iter().map(|(c, v)| (c.clone(), v.normalize())).collect()),
        }
    }

    /// The survey file as far as a record shows it: this unit's results only.
    pub(crate) fn from_record(rec: &SurveyRecord, unit: &str) -> SurveyFile {
        SurveyFile {
            survey: rec.survey.clone(),
            methodology: rec.methodology.clone(),
            reference: rec.reference.clone(),
            units: rec
                .results
                .iter()
                .map(|r| (unit.to_owned(), r.clone()))
                .collect(),
            source: Source::default(),
        }
    }

    /// Check the file against a methodology: its id, and that each unit gives exactly the
    /// methodology's survey items.
    ///
    /// ```
    /// let s = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    /// assert!(s.check(par_index::catalog::default_methodology()).is_empty());
    /// ```
    pub fn check(&self, m: &Methodology) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.methodology != m.id() {
            out.push(Problem::new(
                ProblemKind::MethodologyMismatch,
                None,
                "methodology",
                format!(
                    "the survey answers `{}` but the units are scored against `{}`",
                    self.methodology,
                    m.id()
                ),
            ));
        }
        let survey_items: Vec<&Code> = m
            .leaves()
            .filter(|l| matches!(l.rule(), Some(Rule::Survey)))
            .map(|l| l.code())
            .collect();
        for (unit, items) in &self.units {
            for code in items.keys() {
                if !survey_items.contains(&code) {
                    out.push(Problem::new(
                        ProblemKind::UnknownCode,
                        Some(code.as_str()),
                        format!("units.{unit}.{code}"),
                        format!("`{code}` is not a survey item of `{}`", m.id()),
                    ));
                }
            }
            for code in &survey_items {
                if !items.contains_key(*code) {
                    out.push(Problem::new(
                        ProblemKind::MissingKey,
                        Some(code.as_str()),
                        format!("units.{unit}"),
                        format!("unit {unit} has no result for survey item {code}"),
                    ));
                }
            }
        }
        out
    }

    /// Merge the results into a unit's submission: the survey's results replace the unit's
    /// survey answers (citing the reference document); a unit the file does not list is
    /// scored without a survey, and the note says so.
    fn merge(&self, m: &Methodology, sub: &mut Submission, a: &mut Appraised) {
        let survey_codes: Vec<Code> = m
            .leaves()
            .filter(|l| matches!(l.rule(), Some(Rule::Survey)))
            .map(|l| l.code().clone())
            .collect();
        match self.units.get(&sub.unit.code) {
            Some(items) => {
                sub.survey_held = true;
                for (code, sat) in items {
                    sub.answers.insert(
                        code.clone(),
                        Answer {
                            measure: Measure::Satisfaction { satisfaction: *sat },
                            evidence: self.reference.iter().cloned().collect(),
                            explanation: None,
                        },
                    );
                }
                a.survey_source = Some(self.survey.clone());
            }
            None => {
                sub.survey_held = false;
                sub.answers.retain(|c, _| !survey_codes.contains(c));
                a.survey_source = Some(self.survey.clone());
                a.not_in_survey = true;
            }
        }
    }
}

/// A stage's name for people: `self` → *Tự chấm* / *Self-assessed*, `appraisal-2` →
/// *Thẩm định lần 2* / *Appraisal 2*, `explanation` → *Giải trình*, `final` → *Thẩm định
/// chính thức* / *Final*; other names as they are.
///
/// ```
/// use par_index::{stage_label, Lang};
/// assert_eq!(stage_label("appraisal-1", Lang::Vi), "Thẩm định lần 1");
/// assert_eq!(stage_label("final", Lang::En), "Final");
/// ```
pub fn stage_label(stage: &str, lang: crate::text::Lang) -> String {
    use crate::text::Lang;
    let vi = lang == Lang::Vi;
    match stage {
        "self" => (if vi { "Tự chấm" } else { "Self-assessed" }).into(),
        "explanation" => (if vi { "Giải trình" } else { "Explanation" }).into(),
        "final" => (if vi {
            "Thẩm định chính thức"
        } else {
            "Final"
        })
        .into(),
        other => match other.strip_prefix("appraisal-") {
            Some(n) if vi => format!("Thẩm định lần {n}"),
            Some(n) => format!("Appraisal {n}"),
            None => other.to_owned(),
        },
    }
}

/// The scorecard of one stage.
///
/// ```
/// use par_index::{catalog, score_stages, Submission};
/// let sub = par_index::sample_submission();
/// let stages = score_stages(catalog::default_methodology(), &sub, &[], None).unwrap();
/// assert_eq!(stages.len(), 1);
/// assert_eq!(stages[0].stage, "self");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCard {
    /// `self` for the self-assessment, else the stage's name.
    pub stage: String,
    /// `None` for the self-assessment.
    pub kind: Option<StageKind>,
    /// Who decided (the stage's `by`); the unit for the self-assessment.
    pub by: String,
    /// The stage's date.
    pub date: Option<Date>,
    /// The scorecard after this stage.
    pub card: Scorecard,
}

/// Score a self-assessment and every stage after it, in the order given (put stage files in
/// the one order first with [`order_stages`]): the scorecard of the self-assessment, then one
/// per stage. The survey file, when given, supplies the survey
/// items of every stage. Every problem of every stage is reported (a decision on an unknown
/// item, a measure that does not fit the rule, points out of range, evidence that was not
/// cited, an entry that does not exist, a stage for another unit or methodology).
///
/// ```
/// use par_index::{catalog, score_stages, Stage, Submission};
/// let m = catalog::default_methodology();
/// let sub = par_index::sample_submission(); // 3.2.1: 1862/1900 = 98% → tier 1 = 3
/// let stage = Stage::from_json(r#"{"kind": "appraisal", "stage": "final",
///   "methodology": "commune-2024-model", "unit": "NG-01", "by": "Phòng Nội vụ", "date": "2025-01-20",
///   "decisions": {"3.2.1": {"measure": {"num": 1710, "den": 1900}, "reason": "Số liệu hệ thống"}}}"#).unwrap();
/// let stages = score_stages(m, &sub, &[stage], None).unwrap();
/// // 1710/1900 = 90% → tier 2 = 2: one point less than the self-assessment.
/// let item = |i: usize| stages[i].card.find(&"3.2.1".parse().unwrap()).unwrap().points;
/// assert_eq!((item(0), item(1)), (3.into(), 2.into()));
/// ```
pub fn score_stages(
    m: &Methodology,
    sub: &Submission,
    stages: &[Stage],
    survey: Option<&SurveyFile>,
) -> Result<Vec<StageCard>, Error> {
    let mut problems = Vec::new();
    if let Some(s) = survey {
        problems.extend(s.check(m).into_iter().map(|p| s.source.place(p)));
        let code = &sub.unit.code;
        if !s.units.contains_key(code)
            && let Some(near) = s.units.keys().find(|k| k.eq_ignore_ascii_case(code))
        {
            problems.push(s.source.place(Problem::new(
                ProblemKind::BadValue,
                None,
                format!("units.{near}"),
                format!(
                    "the survey file `{}` lists `{near}`, which differs from unit {code} only in case: a near miss is not applied; write the code exactly",
                    s.survey
                ),
            )));
        }
    }
    let mut state = sub.clone();
    let mut notes = Appraised::default();
    if let Some(s) = survey
        && problems.is_empty()
    {
        s.merge(m, &mut state, &mut notes);
    }
    let mut out = Vec::with_capacity(stages.len().saturating_add(1));
    if problems.is_empty() {
        match score_appraised(m, &state, &notes) {
            Ok(mut card) => out.push(StageCard {
                card: {
                    card.appraisal = record(sub, &state, survey, &[]);
                    card
                },
                stage: "self".into(),
                kind: None,
                by: sub.unit.name.clone(),
                date: None,
            }),
            Err(e) => return Err(e),
        }
    }
    for (i, stage) in stages.iter().enumerate() {
        let before = problems.len();
        apply(m, stage, i, &mut state, &mut notes, &mut problems);
        if problems.len() > before {
            continue;
        }
        match score_appraised(m, &state, &notes) {
            Ok(mut card) => {
                card.appraisal = record(sub, &state, survey, stages.get(..=i).unwrap_or_default());
                out.push(StageCard {
                    stage: stage.stage.clone(),
                    kind: Some(stage.kind),
                    by: stage.by.clone(),
                    date: Some(stage.date),
                    card,
                });
            }
            Err(e) => problems.extend(e.problems().iter().map(|p| {
                let mut p = p.clone();
                p.field = format!("stages[{i}] ({}): {}", stage.stage, p.field);
                p
            })),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Put stage files in the one order every command applies them: by unit, then date, then
/// `sequence` (a stage without one comes before those with one), then stage name and file
/// name. Refused, with
/// every problem naming its files: two stages of one unit with the same name, and two stages
/// of one unit and date, in no stated order (neither has a `sequence`, or both the same), that decide the
/// same item or entry: which decision stands would depend on file names.
///
/// ```
/// use par_index::{order_stages, Stage};
/// let stage = |name: &str, date: &str, seq: &str| Stage::from_json(&format!(r#"{{"kind": "appraisal",
///   "stage": "{name}", "methodology": "m", "unit": "X", "by": "P", "date": "{date}"{seq},
///   "decisions": {{"1.6.1": {{"points": 1, "reason": "r"}}}}}}"#)).unwrap();
/// let a = ("a.json".to_owned(), stage("final", "2025-01-20", ""));
/// let b = ("b.json".to_owned(), stage("appraisal-1", "2025-01-10", ""));
/// let ordered = order_stages(vec![a.clone(), b.clone()]).unwrap();
/// assert_eq!(ordered[0].0, "b.json");
/// // The same date, the same item, no sequence: refused.
/// let c = ("c.json".to_owned(), stage("review", "2025-01-20", ""));
/// let err = order_stages(vec![a.clone(), c]).unwrap_err();
/// assert!(err.to_string().contains("a.json"), "{err}");
/// // With a sequence, the order is stated.
/// let d = ("d.json".to_owned(), stage("review", "2025-01-20", r#", "sequence": 2"#));
/// assert_eq!(order_stages(vec![d, a]).unwrap()[1].0, "d.json");
/// ```
pub fn order_stages(mut stages: Vec<(String, Stage)>) -> Result<Vec<(String, Stage)>, Error> {
    stages.sort_by(|(fa, a), (fb, b)| {
        (&a.unit, a.date, a.sequence, &a.stage, fa)
            .cmp(&(&b.unit, b.date, b.sequence, &b.stage, fb))
    });
    let touched = |s: &Stage| -> std::collections::BTreeSet<String> {
        s.decisions
            .keys()
            .chain(s.responses.keys())
            .map(|c| format!("item {c}"))
            .chain(s.bonus.iter().map(|d| format!("bonus entry {}", d.entry)))
            .chain(
                s.penalty
                    .iter()
                    .map(|d| format!("penalty entry {}", d.entry)),
            )
            .collect()
    };
    let mut problems = Vec::new();
    for (i, (fa, a)) in stages.iter().enumerate() {
        for (fb, b) in stages.iter().skip(i.saturating_add(1)) {
            if a.unit != b.unit {
                break;
            }
            if a.stage == b.stage {
                problems.push(
                    Problem::new(
                        ProblemKind::DuplicateName,
                        None,
                        "stage",
                        format!(
                            "unit {} has two stages named `{}`: {fa} and {fb}; each stage of a unit needs its own name",
                            a.unit, a.stage
                        ),
                    )
                    .in_file(fb),
                );
            }
            let unordered = a.date == b.date && a.sequence == b.sequence;
            if unordered && let Some(what) = touched(a).intersection(&touched(b)).next() {
                problems.push(
                    Problem::new(
                        ProblemKind::BadValue,
                        None,
                        "sequence",
                        format!(
                            "stages `{}` ({fa}) and `{}` ({fb}) of unit {} are both of {} and both decide {what}, in no stated order: give them a `sequence` (1, 2, …)",
                            a.stage, b.stage, a.unit, a.date
                        ),
                    )
                    .in_file(fb),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(stages)
    } else {
        Err(Error::Invalid(problems))
    }
}

/// The record a staged scorecard keeps of its appraisal: `None` when nothing was applied.
fn record(
    own: &Submission,
    state: &Submission,
    survey: Option<&SurveyFile>,
    applied: &[Stage],
) -> Option<AppraisalRecord> {
    if survey.is_none() && applied.is_empty() {
        return None;
    }
    let mut self_answers = BTreeMap::new();
    for code in own.answers.keys().chain(state.answers.keys()) {
        let given = own.answers.get(code);
        if given != state.answers.get(code) {
            self_answers.insert(code.clone(), given.cloned().map(RecordedAnswer::from));
        }
    }
    Some(AppraisalRecord {
        self_assessment_sha256: own.sha256(),
        self_answers,
        self_survey_held: own.survey_held,
        survey: survey.map(|s| s.record_for(&own.unit.code)),
        stages: applied
            .iter()
            .map(|s| StageRecord {
                sha256: s.sha256(),
                stage: s.clone(),
            })
            .collect(),
    })
}

fn apply(
    m: &Methodology,
    stage: &Stage,
    index: usize,
    sub: &mut Submission,
    notes: &mut Appraised,
    problems: &mut Vec<Problem>,
) {
    let name = &stage.stage;
    let mut problem = |kind: ProblemKind, code: Option<&str>, field: String, msg: String| {
        let p = Problem::new(kind, code, field, msg);
        problems.push(match stage.source.file {
            // Read from a file: the problem is that file's, at its own line and column.
            Some(_) => stage.source.place(p),
            None => {
                let mut p = stage.source.place(p);
                p.field = format!("stages[{index}] ({name}): {}", p.field);
                p
            }
        });
    };
    if stage.methodology != m.id() {
        problem(
            ProblemKind::MethodologyMismatch,
            None,
            "methodology".into(),
            format!("the stage is for `{}`, not `{}`", stage.methodology, m.id()),
        );
        return;
    }
    if stage.unit != sub.unit.code {
        let near = if stage.unit.eq_ignore_ascii_case(&sub.unit.code) {
            ": the codes differ only in case, and a code must match exactly"
        } else {
            ""
        };
        problem(
            ProblemKind::BadValue,
            None,
            "unit".into(),
            format!(
                "the stage is for unit {}, not {} ({}){near}",
                stage.unit, sub.unit.code, sub.unit.name
            ),
        );
        return;
    }
    let leaf = |code: &Code| m.find(code).filter(|c| c.rule().is_some());
    for (code, d) in &stage.decisions {
        let c = Some(code.as_str());
        let field = format!("decisions.{code}");
        let Some(item) = leaf(code) else {
            problem(
                ProblemKind::UnknownCode,
                c,
                field,
                format!("`{}` has no sub-criterion `{code}`", m.id()),
            );
            continue;
        };
        if matches!(item.rule(), Some(Rule::Survey)) {
            problem(
                ProblemKind::BadValue,
                c,
                field,
                format!(
                    "item {code} is a survey item: its points come from the survey results, not from an appraisal"
                ),
            );
            continue;
        }
        if d.accept {
            continue;
        }
        let mut note = ItemAppraisal {
            stage: name.clone(),
            set_points: notes.items.get(code).and_then(|n| n.set_points),
            reason: d.reason.clone(),
            by: d.by.clone().unwrap_or_else(|| stage.by.clone()),
            date: Some(d.date.unwrap_or(stage.date)),
            ..ItemAppraisal::default()
        };
        if let Some(measure) = &d.measure {
            if let Some(rule) = item.rule()
                && !rule.accepts(measure)
                && !measure.is_not_applicable()
            {
                problem(
                    ProblemKind::WrongMeasure,
                    c,
                    format!("{field}.measure"),
                    format!(
                        "item {code} is scored by rule `{}`, which takes {}",
                        rule.kind(),
                        rule.expects()
                    ),
                );
                continue;
            }
            let answer = sub
                .answers
                .entry(code.clone())
                .or_insert_with(|| Answer::new(measure.clone()));
            if answer.measure != *measure {
                note.corrected_from = Some(answer.measure.normalized());
            }
            answer.measure = measure.clone();
            note.set_points = None;
        }
        if let Some(p) = d.points {
            if p > item.max() {
                problem(
                    ProblemKind::BadValue,
                    c,
                    format!("{field}.points"),
                    format!("points {p} exceed the item's max {}", item.max()),
                );
                continue;
            }
            if p.normalize().scale() > 2 {
                problem(
                    ProblemKind::BadValue,
                    c,
                    format!("{field}.points"),
                    format!("points {p} have more than 2 decimals"),
                );
                continue;
            }
            note.set_points = Some(p.normalize());
        }
        for number in &d.reject_evidence {
            let answer = sub.answers.get_mut(code);
            let found = answer
                .as_ref()
                .is_some_and(|a| a.evidence.iter().any(|e| &e.number == number));
            if !found {
                let earlier = notes
                    .items
                    .get(code)
                    .filter(|n| n.rejected_evidence.contains(number));
                let msg = if note.rejected_evidence.contains(number) {
                    format!("evidence `{number}` is rejected twice in this decision")
                } else if let Some(n) = earlier {
                    format!(
                        "evidence `{number}` of item {code} was already rejected by stage `{}`",
                        n.stage
                    )
                } else {
                    format!("item {code} cites no evidence numbered `{number}`")
                };
                problem(
                    ProblemKind::BadValue,
                    c,
                    format!("{field}.reject_evidence"),
                    msg,
                );
                continue;
            }
            if let Some(a) = answer {
                a.evidence.retain(|e| &e.number != number);
            }
            note.rejected_evidence.push(number.clone());
        }
        notes.items.insert(code.clone(), note);
    }
    for (code, resp) in &stage.responses {
        let c = Some(code.as_str());
        if leaf(code).is_some_and(|i| matches!(i.rule(), Some(Rule::Survey))) {
            problem(
                ProblemKind::BadValue,
                c,
                format!("responses.{code}"),
                format!(
                    "item {code} is a survey item: its points come from the survey results, not from an explanation"
                ),
            );
            continue;
        }
        if leaf(code).is_none() {
            problem(
                ProblemKind::UnknownCode,
                c,
                format!("responses.{code}"),
                format!("`{}` has no sub-criterion `{code}`", m.id()),
            );
            continue;
        }
        let Some(answer) = sub.answers.get_mut(code) else {
            problem(
                ProblemKind::UnknownCode,
                c,
                format!("responses.{code}"),
                format!("item {code} was not self-assessed: there is nothing to explain"),
            );
            continue;
        };
        answer.evidence.extend(resp.evidence.iter().cloned());
        if let Some(x) = &resp.explanation {
            answer.explanation = Some(x.clone());
        }
        let previous = notes.items.get(code);
        notes.items.insert(
            code.clone(),
            ItemAppraisal {
                stage: name.clone(),
                set_points: previous.and_then(|n| n.set_points),
                added_evidence: resp.evidence.iter().map(|e| e.number.clone()).collect(),
                reason: resp.explanation.clone(),
                by: stage.by.clone(),
                date: Some(stage.date),
                ..ItemAppraisal::default()
            },
        );
    }
    for (list, decisions, label) in [
        (&mut sub.bonus, &stage.bonus, "bonus"),
        (&mut sub.penalty, &stage.penalty, "penalty"),
    ] {
        let entry_notes = if label == "bonus" {
            &mut notes.bonus
        } else {
            &mut notes.penalty
        };
        entry_notes.resize(list.len(), None);
        for d in decisions {
            if d.entry >= list.len() {
                problem(
                    ProblemKind::BadValue,
                    None,
                    format!("{label}[{}]", d.entry),
                    format!(
                        "the self-assessment has {} {label} entries; there is no entry {}",
                        list.len(),
                        d.entry
                    ),
                );
                continue;
            }
            if d.accept {
                continue;
            }
            let amount = if d.reject {
                Decimal::ZERO
            } else {
                d.amount.unwrap_or_default().normalize()
            };
            if let Some(slot) = entry_notes.get_mut(d.entry) {
                *slot = Some(ItemAppraisal {
                    stage: name.clone(),
                    set_points: Some(amount),
                    reason: d.reason.clone(),
                    by: d.by.clone().unwrap_or_else(|| stage.by.clone()),
                    date: Some(stage.date),
                    ..ItemAppraisal::default()
                });
            }
        }
    }
}

/// Reads as [`Stage::from_json`] reads, whatever the caller: one description of the format,
/// the same checks, limits, positions and errors (an error's message is the reader's, with
/// every problem). Only JSON deserializers can give the text this needs (`serde_json`; a
/// value nested in a larger document is read as its own text).
///
/// ```
/// let text = std::fs::read_to_string("examples/data/district/appraisals/NG-02.appraisal-1.json").unwrap();
/// let by_serde: par_index::Stage = serde_json::from_str(&text).unwrap();
/// assert_eq!(by_serde, par_index::Stage::from_json(&text).unwrap());
/// ```
impl<'de> serde::Deserialize<'de> for Stage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw =
            <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
        Stage::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}

/// Reads as [`SurveyFile::from_json`] reads, whatever the caller: one description of the format,
/// the same checks, limits, positions and errors (an error's message is the reader's, with
/// every problem). Only JSON deserializers can give the text this needs (`serde_json`; a
/// value nested in a larger document is read as its own text).
///
/// ```
/// let text = std::fs::read_to_string("examples/data/district/survey.json").unwrap();
/// let by_serde: par_index::SurveyFile = serde_json::from_str(&text).unwrap();
/// assert_eq!(by_serde, par_index::SurveyFile::from_json(&text).unwrap());
/// ```
impl<'de> serde::Deserialize<'de> for SurveyFile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw =
            <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
        SurveyFile::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}
