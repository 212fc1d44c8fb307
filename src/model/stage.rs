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

use crate::error::Problem;
use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::rule::Measure;
use crate::model::submission::Evidence;

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
    /// A source with the positions of its key paths (the readers fill them in).
    pub(crate) fn with_positions(positions: BTreeMap<String, (u32, u32)>) -> Source {
        Source {
            file: None,
            positions,
        }
    }

    /// The 1-based line and column of a key path (`decisions.3.2.1.points`), when known.
    #[must_use]
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
/// use par_index::appraisal::StageKind;
/// assert_eq!(serde_json::to_string(&StageKind::Explanation).unwrap(), "\"explanation\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
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
/// let d = par_index::appraisal::ItemDecision { accept: true, ..Default::default() };
/// assert!(d.reason.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDecision {
    /// Accepted as it stands.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
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

/// The unit's response on one item in an explanation round: more evidence, an explanation.
///
/// ```
/// let r = par_index::appraisal::Response { evidence: vec![], explanation: Some("Đã bổ sung".into()) };
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
/// let d = par_index::appraisal::EntryDecision { entry: 0, reject: true, reason: Some("x".into()), ..Default::default() };
/// assert!(d.amount.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryDecision {
    /// The entry's position (0-based) in the self-assessment's `bonus` or `penalty`.
    pub entry: usize,
    /// Accepted as claimed.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub accept: bool,
    /// Not counted.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
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

impl Stage {
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
    #[must_use]
    pub fn sha256(&self) -> String {
        crate::model::canonical::sha256_of(&self.canonical())
    }
}
