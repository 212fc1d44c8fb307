//! The appraisal record of a staged scorecard: what `verify` needs to rebuild the
//! self-assessment and re-apply every stage.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::code::Code;
use crate::model::rule::Measure;
use crate::model::stage::Stage;
use crate::model::submission::{Answer, Evidence};

/// What a staged scorecard records of its appraisal, so that [`crate::verify`] can rebuild
/// the self-assessment, re-apply every recorded decision and rescore: the self-assessment's
/// hash and the answers the stages or the survey changed (as the unit gave them), the survey
/// results used for the unit, and every stage applied, in order, each with its hash.
///
/// A scorecard with no stage and no survey file has no record; any appraisal note on such a
/// scorecard is then a mismatch.
///
/// ```
/// use par_index::{catalog, appraisal::score_stages, Stage};
/// let m = catalog::default_methodology();
/// let sub = par_index::catalog::sample_submission();
/// let stage = Stage::from_json(r#"{"kind": "appraisal", "stage": "final",
///   "methodology": "commune-2024-model", "unit": "NG-01", "by": "Phòng Nội vụ", "date": "2025-01-20",
///   "decisions": {"3.2.1": {"measure": {"num": 1710, "den": 1900}, "reason": "Số liệu hệ thống"}}}"#).unwrap();
/// let cards = score_stages(m, &sub, &[stage.clone()], None).unwrap();
/// let record = cards[1].card.appraisal.as_ref().unwrap();
/// assert_eq!(record.self_assessment_sha256, sub.sha256());
/// assert_eq!(record.stages[0].sha256, stage.sha256());
/// // 3.2.1 as the unit gave it: 1862/1900.
/// let own = record.self_answers[&"3.2.1".parse().unwrap()].as_ref().unwrap();
/// assert_eq!(own.measure, par_index::methodology::Measure::Ratio { num: 1862.into(), den: 1900.into() });
/// assert!(cards[0].card.appraisal.is_none()); // the self-assessment: nothing appraised
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AppraisalRecord {
    /// SHA-256 of the self-assessment's canonical form, before any stage or survey
    /// (`Submission::sha256`).
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
/// let a = par_index::scorecard::RecordedAnswer::from(par_index::submission::Answer::new(par_index::methodology::Measure::Check { met: true }));
/// assert!(a.evidence.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
/// SHA-256 of the whole file (`SurveyFile::sha256`, to compare with the published file),
/// and the results of this unit.
///
/// ```
/// let s = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
/// let sub = par_index::Submission::from_file("examples/data/district/NG-04.json").unwrap();
/// let cards = par_index::appraisal::score_stages(par_index::catalog::default_methodology(), &sub, &[], Some(&s)).unwrap();
/// let rec = cards[0].card.appraisal.as_ref().unwrap().survey.as_ref().unwrap();
/// assert_eq!(rec.sha256, s.sha256());
/// assert_eq!(rec.results.as_ref().unwrap().len(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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
/// let sub = par_index::Submission::from_file("examples/data/district/NG-05.json").unwrap();
/// let cards = par_index::appraisal::score_stages(par_index::catalog::default_methodology(), &sub, &[s.clone()], None).unwrap();
/// let r = &cards[1].card.appraisal.as_ref().unwrap().stages[0];
/// assert_eq!((r.sha256.as_str(), &r.stage), (s.sha256().as_str(), &s));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StageRecord {
    /// SHA-256 of the stage's canonical form.
    pub sha256: String,
    /// The stage as read.
    pub stage: Stage,
}
