//! A survey file: the citizen-survey (SIPAS) results of many units, by item code.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::code::Code;
use crate::model::stage::Source;
use crate::model::submission::Evidence;

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
    #[must_use]
    pub fn sha256(&self) -> String {
        let mut s = self.clone();
        for items in s.units.values_mut() {
            for v in items.values_mut() {
                *v = v.normalize();
            }
        }
        crate::model::canonical::sha256_of(&s)
    }
}
