//! Self-assessments: answers, measures, evidence, explanations, bonus and penalty entries.
//!
//! A submission is JSON (schema: `par-index schema submission`):
//!
//! ```json
//! {
//!   "methodology": "commune-2024-model",
//!   "unit": { "code": "NG-01", "name": "Xã Đồng Tâm" },
//!   "period": "2024",
//!   "answers": {
//!     "1.1.1": { "due": "2024-01-15", "done": "2024-01-10",
//!                "evidence": [{ "number": "05/KH-UBND", "date": "2024-01-10",
//!                               "issuer": "UBND xã Đồng Tâm", "title": "Kế hoạch CCHC năm 2024" }] },
//!     "3.2.1": { "num": 912, "den": 1000, "evidence": [ ... ] },
//!     "3.1.1": { "not_applicable": true, "explanation": "Không phát sinh TTHC" },
//!     "S.1":   { "satisfaction": "0.87" }
//!   },
//!   "bonus": [{ "amount": 1, "reason": "...", "evidence": [ ... ] }],
//!   "penalty": []
//! }
//! ```
//!
//! Numbers may be written as JSON numbers or strings; either way they are read exactly.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::date::Date;
use crate::error::{Error, Problem, ProblemKind};
use crate::methodology::Methodology;
use crate::rule::Rule;
use crate::tree::{Node, Obj, Reader, Site, Value};

/// The unit being scored.
///
/// ```
/// let u = par_index::Unit { code: "NG-01".into(), name: "Xã Đồng Tâm".into() };
/// assert_eq!(u.name, "Xã Đồng Tâm");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The unit's code (administrative code or an office's own).
    pub code: String,
    /// The unit's name, as written (`Xã Đồng Tâm`).
    pub name: String,
}

/// A reference to an evidence document (*tài liệu kiểm chứng*).
///
/// ```
/// let e = par_index::Evidence {
///     number: "12/KH-UBND".into(),
///     date: "2024-01-10".parse().unwrap(),
///     issuer: "UBND xã Đồng Tâm".into(),
///     title: "Kế hoạch CCHC năm 2024".into(),
///     locator: Some("mục II".into()),
///     link: None,
/// };
/// assert_eq!(e.number, "12/KH-UBND");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The document number (`12/KH-UBND`).
    pub number: String,
    /// The date of the document.
    pub date: Date,
    /// The body that issued it.
    pub issuer: String,
    /// The title (*trích yếu*).
    pub title: String,
    /// The part that counts, when only part does (section, page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// Where it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The measure an answer gives: what the item's rule needs. Written flat in the answer
/// object; the keys say which measure it is.
///
/// ```
/// use par_index::Measure;
/// let m = Measure::Ratio { num: 912.into(), den: 1000.into() };
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"num":"912","den":"1000"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
pub enum Measure {
    /// `check`: `{"met": true}`.
    Check {
        /// Whether the requirement is met.
        met: bool,
    },
    /// `deadline`: `{"due": "2024-01-31", "done": "2024-01-20"}`; `"done": null` when not done.
    // `done` may be null but not absent: absence is a mistake, not "not done".
    #[schemars(extend("required" = ["due", "done"]))]
    Deadline {
        /// The due date.
        due: Date,
        /// The date done; `null` (`None`) when not done. Required: write `null` explicitly.
        done: Option<Date>,
    },
    /// A ratio of two counts: `{"num": 912, "den": 1000}`; `den` 0 means "did not arise".
    Ratio {
        /// Numerator, ≥ 0.
        num: Decimal,
        /// Denominator, ≥ 0.
        den: Decimal,
    },
    /// A number (count, minutes): `{"value": 12}`.
    Number {
        /// The number, ≥ 0.
        value: Decimal,
    },
    /// A count of violations: `{"count": 1}`.
    Count {
        /// Violations.
        count: u32,
    },
    /// The assessor's points for a `judgement` item: `{"points": "1.25"}`.
    Points {
        /// Points in \[0, max\].
        points: Decimal,
    },
    /// A satisfaction ratio in \[0, 1\] for a survey item: `{"satisfaction": "0.87"}`.
    Satisfaction {
        /// Satisfaction, in \[0, 1\].
        satisfaction: Decimal,
    },
    /// The item did not arise: `{"not_applicable": true}`.
    NotApplicable {
        /// Always `true`.
        not_applicable: bool,
    },
}

impl Measure {
    /// Whether the measure says "not applicable": explicitly, or as a ratio with a zero
    /// denominator.
    ///
    /// ```
    /// use par_index::Measure;
    /// assert!(Measure::Ratio { num: 0.into(), den: 0.into() }.is_not_applicable());
    /// assert!(!Measure::Check { met: false }.is_not_applicable());
    /// ```
    pub fn is_not_applicable(&self) -> bool {
        match self {
            Measure::NotApplicable { .. } => true,
            Measure::Ratio { den, .. } => den.is_zero(),
            _ => false,
        }
    }

    /// The same measure with its decimals in their shortest form (`0.50` → `0.5`), as
    /// recorded in traces, so that equal facts always give equal bytes.
    ///
    /// ```
    /// use par_index::Measure;
    /// use rust_decimal::Decimal;
    /// let m = Measure::Number { value: Decimal::new(1500, 2) };
    /// assert_eq!(m.normalized(), Measure::Number { value: 15.into() });
    /// ```
    pub fn normalized(&self) -> Measure {
        match self {
            Measure::Ratio { num, den } => Measure::Ratio {
                num: num.normalize(),
                den: den.normalize(),
            },
            Measure::Number { value } => Measure::Number {
                value: value.normalize(),
            },
            Measure::Points { points } => Measure::Points {
                points: points.normalize(),
            },
            Measure::Satisfaction { satisfaction } => Measure::Satisfaction {
                satisfaction: satisfaction.normalize(),
            },
            other => other.clone(),
        }
    }

    /// Values out of range, as (field, what is wrong): negative counts, a satisfaction
    /// outside \[0, 1\], `not_applicable: false`. The JSON reader never produces these; a
    /// submission built in code can, and [`Submission::check`] reports them.
    ///
    /// ```
    /// use par_index::Measure;
    /// use rust_decimal::Decimal;
    /// let m = Measure::Satisfaction { satisfaction: Decimal::new(12, 1) };
    /// assert_eq!(m.range_problems(), [("satisfaction", "must be a ratio in [0, 1], found 1.2".to_owned())]);
    /// assert!(Measure::Count { count: 3 }.range_problems().is_empty());
    /// ```
    pub fn range_problems(&self) -> Vec<(&'static str, String)> {
        let negative = |field: &'static str, d: &Decimal| {
            (d.is_sign_negative() && !d.is_zero())
                .then(|| (field, format!("must not be negative, found {d}")))
        };
        match self {
            Measure::Ratio { num, den } => [negative("num", num), negative("den", den)]
                .into_iter()
                .flatten()
                .collect(),
            Measure::Number { value } => negative("value", value).into_iter().collect(),
            Measure::Points { points } => negative("points", points).into_iter().collect(),
            Measure::Satisfaction { satisfaction }
                if *satisfaction < Decimal::ZERO || *satisfaction > Decimal::ONE =>
            {
                vec![(
                    "satisfaction",
                    format!("must be a ratio in [0, 1], found {satisfaction}"),
                )]
            }
            Measure::NotApplicable {
                not_applicable: false,
            } => {
                vec![(
                    "not_applicable",
                    "can only be true; give the measure instead".to_owned(),
                )]
            }
            _ => Vec::new(),
        }
    }

    /// The measure's name, as used in messages.
    ///
    /// ```
    /// assert_eq!(par_index::Measure::Count { count: 0 }.name(), "count");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Measure::Check { .. } => "met",
            Measure::Deadline { .. } => "due/done",
            Measure::Ratio { .. } => "num/den",
            Measure::Number { .. } => "value",
            Measure::Count { .. } => "count",
            Measure::Points { .. } => "points",
            Measure::Satisfaction { .. } => "satisfaction",
            Measure::NotApplicable { .. } => "not_applicable",
        }
    }
}

/// One answer of a self-assessment: the measure, the evidence cited, an explanation.
///
/// ```
/// use par_index::{Answer, Measure};
/// let a = Answer::new(Measure::Check { met: true });
/// assert!(a.evidence.is_empty() && a.explanation.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
// One measure plus evidence and explanation; nothing else is read.
#[schemars(extend("unevaluatedProperties" = false))]
pub struct Answer {
    /// The measure the item's rule needs.
    #[serde(flatten)]
    pub measure: Measure,
    /// Evidence documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// An explanation (*giải trình*), or a note for a not-applicable answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

impl Answer {
    /// An answer with a measure, no evidence and no explanation.
    ///
    /// ```
    /// let a = par_index::Answer::new(par_index::Measure::Count { count: 2 });
    /// assert_eq!(a.measure.name(), "count");
    /// ```
    pub fn new(measure: Measure) -> Answer {
        Answer {
            measure,
            evidence: Vec::new(),
            explanation: None,
        }
    }
}

/// A bonus (*điểm thưởng*) or penalty (*điểm trừ*) entry.
///
/// ```
/// let e = par_index::AdjustmentEntry { amount: 1.into(), reason: "Giải thưởng CCHC".into(), evidence: vec![] };
/// assert_eq!(e.amount, 1.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentEntry {
    /// Points, > 0.
    pub amount: Decimal,
    /// Why.
    pub reason: String,
    /// Evidence documents.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// A unit's self-assessment against one methodology.
///
/// ```
/// use par_index::{catalog, score, Submission};
/// let json = r#"{"methodology": "commune-2024-model", "unit": {"code": "X", "name": "Xã X"},
///                "period": "2024", "answers": {"1.4.1": {"met": false}}}"#;
/// let sub = Submission::from_json(json).unwrap();
/// let card = score(catalog::default_methodology(), &sub).unwrap();
/// assert_eq!(card.total, 0.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The id of the methodology the answers follow.
    pub methodology: String,
    /// The unit.
    pub unit: Unit,
    /// The period assessed (`2024`).
    pub period: String,
    /// Whether the citizen survey was held for this unit (default true). When false, every
    /// survey item is not applicable.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub survey_held: bool,
    /// One answer per sub-criterion code; a missing answer scores 0 and is listed.
    pub answers: BTreeMap<Code, Answer>,
    /// Bonus entries, capped by the methodology.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus: Vec<AdjustmentEntry>,
    /// Penalty entries, capped by the methodology.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalty: Vec<AdjustmentEntry>,
}

fn yes() -> bool {
    true
}

const SUBMISSION_KEYS: &[&str] = &[
    "methodology",
    "unit",
    "period",
    "survey_held",
    "answers",
    "bonus",
    "penalty",
];
/// The measures an answer can give, in words.
pub(crate) const MEASURE_SHAPES: &str = "`met`; `due` and `done`; `num` and `den`; `value`; `count`; `points`; `satisfaction`; `not_applicable`";
/// The keys of the measures an answer can give.
pub(crate) const MEASURE_KEYS: &[&str] = &[
    "met",
    "due",
    "done",
    "num",
    "den",
    "value",
    "count",
    "points",
    "satisfaction",
    "not_applicable",
];
const ANSWER_KEYS: &[&str] = &[
    "met",
    "due",
    "done",
    "num",
    "den",
    "value",
    "count",
    "points",
    "satisfaction",
    "not_applicable",
    "evidence",
    "explanation",
];
const EVIDENCE_KEYS: &[&str] = &["number", "date", "issuer", "title", "locator", "link"];

impl Submission {
    /// Read a submission from JSON, reporting every structural problem (unknown keys, wrong
    /// types, impossible dates, negative counts, satisfaction outside \[0, 1\]) with the
    /// item code and field. Checks against a methodology happen in [`Submission::check`].
    ///
    /// ```
    /// let err = par_index::Submission::from_json(
    ///     r#"{"methodology": "m", "unit": {"code": "X", "name": "X"}, "period": "2024",
    ///         "answers": {"1.1.1": {"due": "2024-02-30", "done": null}, "3.2.1": {"num": -1, "den": 5}}}"#,
    /// ).unwrap_err();
    /// let msgs: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    /// assert_eq!(msgs, [
    ///     "line 2, column 38: item 1.1.1: `answers.1.1.1.due`: `2024-02-30` is not a date that exists (expected YYYY-MM-DD)",
    ///     "line 2, column 84: item 3.2.1: `answers.3.2.1.num`: must not be negative, found -1",
    /// ]);
    /// ```
    pub fn from_json(text: &str) -> Result<Submission, Error> {
        match Submission::read_json(text) {
            SubmissionRead {
                submission: Some(s),
                problems,
                ..
            } if problems.is_empty() => Ok(s),
            read => Err(Error::Invalid(read.problems)),
        }
    }

    /// Read as much of a submission as can be read, with every problem found: fields that
    /// could not be read are left empty and answers that could not be read are left out, so
    /// that [`SubmissionRead::check`] can still report the problems of the rest, in the same
    /// pass and with their line and column.
    ///
    /// ```
    /// use par_index::{catalog, Submission, ProblemKind};
    /// let read = Submission::read_json(r#"{"methodology": "commune-2024-model",
    ///   "unit": {"code": "X"}, "period": "2024",
    ///   "answers": {"1.1.1": {"due": "2024-02-30", "done": null}, "3.2.1": {"num": 5, "den": 4}}}"#);
    /// let err = read.check(catalog::default_methodology()).unwrap_err();
    /// let found: Vec<_> = err.problems().iter().map(|p| (p.kind, p.position)).collect();
    /// assert_eq!(found, [
    ///     (ProblemKind::MissingKey, Some((2, 11))),
    ///     (ProblemKind::BadDate, Some((3, 32))),
    ///     (ProblemKind::RatioAboveOne, Some((3, 78))), // placed by the later check
    /// ]);
    /// ```
    pub fn read_json(text: &str) -> SubmissionRead {
        Submission::read_json_with(text, &crate::limits::Limits::default())
    }

    /// [`Submission::read_json`] within the embedder's [`crate::Limits`] (size, depth, number
    /// of answers, evidence per answer, string length), each checked before the work it guards.
    ///
    /// ```
    /// use par_index::{Limits, ProblemKind, Submission};
    /// let strict = Limits { answers: 10, ..Limits::default() };
    /// let read = Submission::read_json_with(par_index::catalog::sample_source(), &strict);
    /// assert_eq!(read.problems[0].kind, ProblemKind::TooLarge);
    /// assert_eq!(read.problems[0].field, "answers");
    /// ```
    pub fn read_json_with(text: &str, limits: &crate::limits::Limits) -> SubmissionRead {
        let root = match crate::json::parse_json_with(text, limits) {
            Ok(root) => root,
            Err(problems) => {
                return SubmissionRead {
                    submission: None,
                    problems,
                    positions: BTreeMap::new(),
                };
            }
        };
        SubmissionRead::from_node_with(&root, limits)
    }

    /// Read a submission from a JSON file; every problem names the file.
    ///
    /// ```
    /// let sub = par_index::Submission::from_file("examples/data/xa-dong-tam.json").unwrap();
    /// assert_eq!(sub.unit.code, "NG-01");
    /// let err = par_index::Submission::from_file("no/such.json").unwrap_err();
    /// assert!(err.to_string().starts_with("cannot read no/such.json"));
    /// ```
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Submission, Error> {
        let (text, shown) = crate::error::read_text(path.as_ref())?;
        Submission::from_json(&text).map_err(|e| e.in_file(&shown))
    }

    /// The submission as pretty JSON (decimals as strings); [`Submission::from_json`] reads
    /// it back to an equal value.
    ///
    /// ```
    /// let sub = par_index::Submission::default();
    /// assert!(sub.to_json().contains("\"answers\": {}"));
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The submission in canonical form: every decimal normalised, text in Unicode NFC, and
    /// the evidence of each answer and entry sorted. Scoring does not depend on anything this
    /// changes.
    ///
    /// ```
    /// let sub = par_index::sample_submission();
    /// assert_eq!(sub.canonical().canonical(), sub.canonical());
    /// ```
    pub fn canonical(&self) -> Submission {
        use crate::tree::nfc;
        let text = |e: &mut Evidence| {
            for f in [&mut e.number, &mut e.issuer, &mut e.title] {
                *f = nfc(f);
            }
            for f in [&mut e.locator, &mut e.link].into_iter().flatten() {
                *f = nfc(f);
            }
        };
        let mut s = self.clone();
        s.unit.code = nfc(&s.unit.code);
        s.unit.name = nfc(&s.unit.name);
        s.period = nfc(&s.period);
        for a in s.answers.values_mut() {
            a.measure = a.measure.normalized();
            a.evidence.iter_mut().for_each(text);
            a.evidence.sort();
            a.explanation = a.explanation.as_deref().map(nfc);
        }
        for e in s.bonus.iter_mut().chain(s.penalty.iter_mut()) {
            e.amount = e.amount.normalize();
            e.reason = nfc(&e.reason);
            e.evidence.iter_mut().for_each(text);
            e.evidence.sort();
        }
        s
    }

    /// The canonical JSON of the submission (see [`crate::canonical_json`]): what
    /// [`Submission::sha256`] hashes.
    ///
    /// ```
    /// let a = par_index::Submission::from_json(r#"{"methodology": "m", "unit": {"name": "X", "code": "1"},
    ///   "period": "2024", "answers": {"3.2.1": {"num": 912, "den": "1000.0"}}}"#).unwrap();
    /// assert_eq!(a.canonical_json(), r#"{"answers":{"3.2.1":{"den":"1000","num":"912"}},"methodology":"m","period":"2024","unit":{"code":"1","name":"X"}}"#);
    /// ```
    pub fn canonical_json(&self) -> String {
        crate::canonical::canonical_of(&self.canonical())
    }

    /// The SHA-256 of the submission's canonical JSON, in hex: the same facts give the same
    /// hash whatever the key order, whitespace or number format of the file.
    ///
    /// ```
    /// use par_index::Submission;
    /// let a = Submission::from_json(r#"{"methodology": "m", "unit": {"code": "1", "name": "X"},
    ///   "period": "2024", "answers": {"1.4.1": {"met": true}}}"#).unwrap();
    /// let b = Submission::from_json(r#"{"answers": {"1.4.1": {"met": true}}, "period": "2024",
    ///   "survey_held": true, "unit": {"name": "X", "code": "1"}, "methodology": "m"}"#).unwrap();
    /// assert_eq!(a.sha256(), b.sha256());
    /// ```
    pub fn sha256(&self) -> String {
        crate::canonical::sha256_of(&self.canonical())
    }

    /// Check the submission against a methodology: every problem with its code and field
    /// (unknown codes, answers to groups, a measure that does not fit the rule, num > den
    /// where not allowed, not-applicable answers an item does not allow, judgement points
    /// outside \[0, max\] or off-step, a survey answer when no survey was held).
    ///
    /// ```
    /// use par_index::{catalog, Submission, ProblemKind};
    /// let sub = Submission::from_json(r#"{"methodology": "commune-2024-model",
    ///   "unit": {"code": "X", "name": "X"}, "period": "2024",
    ///   "answers": {"9.9.9": {"met": true}, "1.4.1": {"count": 1}, "3.2.1": {"num": 5, "den": 4}}}"#).unwrap();
    /// let problems = sub.check(catalog::default_methodology());
    /// let kinds: Vec<_> = problems.iter().map(|p| p.kind).collect();
    /// assert_eq!(kinds, [ProblemKind::WrongMeasure, ProblemKind::RatioAboveOne, ProblemKind::UnknownCode]);
    /// ```
    pub fn check(&self, m: &Methodology) -> Vec<Problem> {
        let mut out = Vec::new();
        if !self.methodology.is_empty() && self.methodology != m.id() {
            out.push(Problem::new(
                ProblemKind::MethodologyMismatch,
                None,
                "methodology",
                format!(
                    "the submission is for `{}` but is scored against `{}`",
                    self.methodology,
                    m.id()
                ),
            ));
        }
        if !self.survey_held {
            for leaf in m
                .leaves()
                .filter(|l| matches!(l.rule(), Some(Rule::Survey)) && l.na_policy().is_none())
            {
                out.push(Problem::new(
                    ProblemKind::NotApplicableRejected,
                    Some(leaf.code().as_str()),
                    "survey_held",
                    format!("no survey was held, but survey item {} has no N/A policy: it always applies", leaf.code()),
                ));
            }
        }
        for (name, entries) in [("bonus", &self.bonus), ("penalty", &self.penalty)] {
            for (i, e) in entries.iter().enumerate() {
                if e.amount <= Decimal::ZERO {
                    out.push(Problem::new(
                        ProblemKind::BadValue,
                        None,
                        format!("{name}[{i}].amount"),
                        format!("must be greater than 0, found {}", e.amount),
                    ));
                }
            }
        }
        for (code, answer) in &self.answers {
            let c = Some(code.as_str());
            let field = format!("answers.{code}");
            let Some(item) = m.find(code) else {
                out.push(Problem::new(
                    ProblemKind::UnknownCode,
                    c,
                    field,
                    format!("methodology `{}` has no item `{code}`", m.id()),
                ));
                continue;
            };
            let Some(rule) = item.rule() else {
                out.push(Problem::new(
                    ProblemKind::UnknownCode,
                    c,
                    field,
                    format!("`{code}` is a group; answer its sub-criteria instead"),
                ));
                continue;
            };
            let bad_values = answer.measure.range_problems();
            if !bad_values.is_empty() {
                for (key, msg) in bad_values {
                    out.push(Problem::new(
                        ProblemKind::BadValue,
                        c,
                        format!("{field}.{key}"),
                        msg,
                    ));
                }
                continue;
            }
            let survey = matches!(rule, Rule::Survey);
            if survey
                && !self.survey_held
                && !matches!(answer.measure, Measure::NotApplicable { .. })
            {
                out.push(Problem::new(
                    ProblemKind::WrongMeasure,
                    c,
                    field.clone(),
                    "`survey_held` is false, so survey items take no answer".to_owned(),
                ));
            }
            if answer.measure.is_not_applicable() {
                if item.na_policy().is_none() {
                    let how = if matches!(answer.measure, Measure::Ratio { .. }) {
                        "a denominator of 0 means the item did not arise, but"
                    } else {
                        "a not-applicable answer is given, but"
                    };
                    out.push(Problem::new(
                        ProblemKind::NotApplicableRejected,
                        c,
                        field,
                        format!("{how} item {code} has no N/A policy: it always applies"),
                    ));
                }
                continue;
            }
            if !rule.accepts(&answer.measure) {
                out.push(Problem::new(
                    ProblemKind::WrongMeasure,
                    c,
                    field,
                    format!(
                        "item {code} is scored by rule `{}`, which takes {}; found `{}`",
                        rule.kind(),
                        rule.expects(),
                        answer.measure.name()
                    ),
                ));
                continue;
            }
            match (&answer.measure, rule) {
                (Measure::Ratio { num, den }, _) if num > den && !rule.allows_over_100() => {
                    out.push(Problem::new(
                        ProblemKind::RatioAboveOne,
                        c,
                        format!("{field}.num"),
                        format!("num {num} is greater than den {den}; item {code} does not allow ratios above 100%"),
                    ));
                }
                (Measure::Points { points }, Rule::Judgement { step }) => {
                    if *points > item.max() {
                        out.push(Problem::new(
                            ProblemKind::BadValue,
                            c,
                            format!("{field}.points"),
                            format!("points {points} exceed the item's max {}", item.max()),
                        ));
                    } else if points.checked_rem(*step).is_none_or(|r| !r.is_zero()) {
                        out.push(Problem::new(
                            ProblemKind::BadValue,
                            c,
                            format!("{field}.points"),
                            format!("points {points} are not a multiple of the step {step}"),
                        ));
                    }
                }
                _ => {}
            }
        }
        out
    }
}

/// A submission read leniently from JSON ([`Submission::read_json`]): what could be read,
/// the problems of the text, and where every field stands, so that problems found later
/// against a methodology can be placed too.
///
/// ```
/// let read = par_index::Submission::read_json(par_index::catalog::sample_source());
/// assert!(read.problems.is_empty());
/// assert_eq!(read.position("answers.3.2.1.num"), Some((171, 14)));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SubmissionRead {
    /// What could be read; `None` only when the text is not a JSON object.
    pub submission: Option<Submission>,
    /// The problems of the text.
    pub problems: Vec<Problem>,
    positions: BTreeMap<String, (u32, u32)>,
}

impl SubmissionRead {
    /// Read a submission from a document tree (JSON, or a table of a TOML case file).
    pub(crate) fn from_node(root: &Node) -> SubmissionRead {
        SubmissionRead::from_node_with(root, &crate::limits::Limits::default())
    }

    /// [`SubmissionRead::from_node`] within limits.
    pub(crate) fn from_node_with(root: &Node, limits: &crate::limits::Limits) -> SubmissionRead {
        let mut r = Reader {
            limits: *limits,
            ..Reader::default()
        };
        let submission = read_submission(&mut r, root);
        let mut positions = BTreeMap::new();
        crate::tree::positions(root, String::new(), &mut positions);
        SubmissionRead {
            submission,
            problems: r.problems,
            positions,
        }
    }

    /// The 1-based (line, column) of a field (`answers.3.2.1.num`), or of its nearest
    /// enclosing field that was written.
    ///
    /// ```
    /// let read = par_index::Submission::read_json("{\n  \"answers\": {}\n}");
    /// assert_eq!(read.position("answers.1.1.1.met"), Some((2, 14)));
    /// ```
    pub fn position(&self, field: &str) -> Option<(u32, u32)> {
        let mut f = field;
        loop {
            if let Some(p) = self.positions.get(f) {
                return Some(*p);
            }
            f = f.get(..f.rfind(['.', '['])?)?;
        }
    }

    /// The problems of the text and, for what could be read, those of
    /// [`Submission::check`] against `m`, each with its position. The submission when there
    /// are none.
    ///
    /// ```
    /// let read = par_index::Submission::read_json(par_index::catalog::sample_source());
    /// let sub = read.check(par_index::catalog::default_methodology()).unwrap();
    /// assert_eq!(sub.unit.name, "Xã Đồng Tâm");
    /// ```
    pub fn check(self, m: &Methodology) -> Result<Submission, Error> {
        let Some(sub) = self.submission.as_ref() else {
            return Err(Error::Invalid(self.problems));
        };
        let mut problems = self.problems.clone();
        for p in sub.check(m) {
            let pos = self.position(&p.field);
            problems.push(p.at(pos));
        }
        match self.submission {
            Some(sub) if problems.is_empty() => Ok(sub),
            _ => Err(Error::Invalid(problems)),
        }
    }
}

fn read_submission(r: &mut Reader, root: &Node) -> Option<Submission> {
    let top = Site {
        code: None,
        field: String::new(),
    };
    let mut t = r.table(root, &top)?;
    let methodology = t.must(r, None, "methodology", "the methodology id", Reader::string);
    let unit = t.must(r, None, "unit", "the unit's code and name", |r, n, s| {
        let mut u = r.table(n, s)?;
        let code = u.must(r, None, "code", "the unit's code", Reader::ident);
        let name = u.must(r, None, "name", "the unit's name", Reader::string);
        u.finish(r, None, &["code", "name"]);
        Some(Unit {
            code: code.unwrap_or_default(),
            name: name.unwrap_or_default(),
        })
    });
    let period = t.must(
        r,
        None,
        "period",
        "the period assessed, e.g. \"2024\"",
        |r, n, s| match &n.value {
            Value::Num(x) => Some(x.clone()),
            _ => r.string(n, s),
        },
    );
    let survey_held = t.opt(r, None, "survey_held", Reader::boolean);
    let answers = t.must(
        r,
        None,
        "answers",
        "an object of answers by item code",
        |r, n, s| {
            let mut a = r.table(n, s)?;
            a.take_all();
            let count = a.keys().count();
            if count > r.limits.answers {
                let msg = format!("{count} answers, over the limit of {}", r.limits.answers);
                r.report(ProblemKind::TooLarge, s, n.pos, msg);
                return None;
            }
            let mut out = BTreeMap::new();
            for (key, node) in a.keys() {
                let site = Site {
                    code: Some(key),
                    field: format!("answers.{key}"),
                };
                let code = match key.parse::<Code>() {
                    Ok(c) => c,
                    Err(e) => {
                        r.report(ProblemKind::BadValue, &site, node.pos, e.to_string());
                        continue;
                    }
                };
                if let Some(answer) = read_answer(r, node, &site) {
                    out.insert(code, answer);
                }
            }
            Some(out)
        },
    );
    let bonus = t.opt(r, None, "bonus", read_entries).unwrap_or_default();
    let penalty = t.opt(r, None, "penalty", read_entries).unwrap_or_default();
    t.finish(r, None, SUBMISSION_KEYS);
    Some(Submission {
        methodology: methodology.unwrap_or_default(),
        unit: unit.unwrap_or_default(),
        period: period.unwrap_or_default(),
        survey_held: survey_held.unwrap_or(true),
        answers: answers.unwrap_or_default(),
        bonus,
        penalty,
    })
}

pub(crate) fn read_entries(
    r: &mut Reader,
    node: &Node,
    site: &Site<'_>,
) -> Option<Vec<AdjustmentEntry>> {
    let (_, entries) = r.tables(node, site, |r, mut t, _, _| {
        let amount = t.must(r, None, "amount", "points > 0", |r, n, s| {
            let d = r.points(n, s)?;
            if d.is_zero() {
                r.report(
                    ProblemKind::BadValue,
                    s,
                    n.pos,
                    "must be greater than 0".into(),
                );
                return None;
            }
            Some(d)
        });
        let reason = t.must(
            r,
            None,
            "reason",
            "why the points are given",
            Reader::string,
        );
        let evidence = t
            .opt(r, None, "evidence", read_evidence)
            .unwrap_or_default();
        t.finish(r, None, &["amount", "reason", "evidence"]);
        Some(AdjustmentEntry {
            amount: amount?,
            reason: reason?,
            evidence,
        })
    })?;
    Some(entries)
}

pub(crate) fn read_evidence(r: &mut Reader, node: &Node, site: &Site<'_>) -> Option<Vec<Evidence>> {
    let c = site.code;
    let max = r.limits.evidence_per_item;
    r.array_at_most(node, site, max, "evidence documents")?;
    let (_, docs) = r.tables(node, site, |r, mut t, _, _| {
        let number = t.must(
            r,
            c,
            "number",
            "the document number, e.g. 12/KH-UBND",
            Reader::string,
        );
        let date = t.must(
            r,
            c,
            "date",
            "the document's date, YYYY-MM-DD",
            Reader::date,
        );
        let issuer = t.must(r, c, "issuer", "the issuing body", Reader::string);
        let title = t.must(r, c, "title", "the document's title", Reader::string);
        let locator = t.opt(r, c, "locator", Reader::string);
        let link = t.opt(r, c, "link", Reader::string);
        t.finish(r, c, EVIDENCE_KEYS);
        Some(Evidence {
            number: number?,
            date: date?,
            issuer: issuer?,
            title: title?,
            locator,
            link,
        })
    })?;
    Some(docs)
}

fn read_answer(r: &mut Reader, node: &Node, site: &Site<'_>) -> Option<Answer> {
    let c = site.code;
    let mut t = r.table(node, site)?;
    let measure = read_measure(r, &mut t, c);
    let evidence = t.opt(r, c, "evidence", read_evidence).unwrap_or_default();
    let explanation = t.opt(r, c, "explanation", Reader::string);
    t.finish(r, c, ANSWER_KEYS);
    Some(Answer {
        measure: measure?,
        evidence,
        explanation,
    })
}

/// Read the measure of an answer and check its values with [`Measure::range_problems`], the
/// same check that [`Submission::check`] applies to submissions built in code.
pub(crate) fn read_measure(r: &mut Reader, t: &mut Obj<'_>, c: Option<&str>) -> Option<Measure> {
    let measure = read_measure_shape(r, t, c)?;
    let problems = measure.range_problems();
    for (key, msg) in &problems {
        let site = t.site(c, key);
        r.report(ProblemKind::BadValue, &site, t.pos_of(key), msg.clone());
    }
    problems.is_empty().then_some(measure)
}

fn read_measure_shape(r: &mut Reader, t: &mut Obj<'_>, c: Option<&str>) -> Option<Measure> {
    let shapes: [(&str, &[&str]); 8] = [
        ("met", &["met"]),
        ("due/done", &["due", "done"]),
        ("num/den", &["num", "den"]),
        ("value", &["value"]),
        ("count", &["count"]),
        ("points", &["points"]),
        ("satisfaction", &["satisfaction"]),
        ("not_applicable", &["not_applicable"]),
    ];
    let present: Vec<&str> = shapes
        .iter()
        .filter(|(_, keys)| keys.iter().any(|k| t.has(k)))
        .map(|(name, _)| *name)
        .collect();
    let site = Site {
        code: c,
        field: t.field().to_owned(),
    };
    match present.as_slice() {
        [] => {
            r.report(
                ProblemKind::MissingKey,
                &site,
                t.pos,
                "no measure: expected one of `met`, `due`+`done`, `num`+`den`, `value`, `count`, `points`, `satisfaction`, `not_applicable`".into(),
            );
            None
        }
        [one] => match *one {
            "met" => t
                .opt(r, c, "met", Reader::boolean)
                .map(|met| Measure::Check { met }),
            "due/done" => {
                let due = t.must(r, c, "due", "the due date", Reader::date);
                let done = t.must(
                    r,
                    c,
                    "done",
                    "the date done, or null if not done",
                    |r, n, s| match n.value {
                        Value::Null => Some(None),
                        _ => r.date(n, s).map(Some),
                    },
                );
                Some(Measure::Deadline {
                    due: due?,
                    done: done?,
                })
            }
            "num/den" => {
                let num = t.must(r, c, "num", "the numerator", Reader::decimal);
                let den = t.must(
                    r,
                    c,
                    "den",
                    "the denominator (0 if it did not arise)",
                    Reader::decimal,
                );
                Some(Measure::Ratio {
                    num: num?,
                    den: den?,
                })
            }
            "value" => t
                .opt(r, c, "value", Reader::decimal)
                .map(|value| Measure::Number { value }),
            "count" => t
                .opt(r, c, "count", Reader::count)
                .map(|count| Measure::Count { count }),
            "points" => t
                .opt(r, c, "points", Reader::decimal)
                .map(|points| Measure::Points { points }),
            "satisfaction" => t
                .opt(r, c, "satisfaction", Reader::decimal)
                .map(|satisfaction| Measure::Satisfaction { satisfaction }),
            _ => t
                .opt(r, c, "not_applicable", Reader::boolean)
                .map(|not_applicable| Measure::NotApplicable { not_applicable }),
        },
        many => {
            for (_, keys) in &shapes {
                keys.iter().for_each(|k| {
                    t.get(k);
                });
            }
            r.report(
                ProblemKind::WrongMeasure,
                &site,
                t.pos,
                format!(
                    "more than one measure given ({}); give exactly one",
                    many.join(", ")
                ),
            );
            None
        }
    }
}

/// Reads as [`Submission::from_json`] reads, whatever the caller: one description of the format,
/// the same checks, limits, positions and errors (an error's message is the reader's, with
/// every problem). Only JSON deserializers can give the text this needs (`serde_json`; a
/// value nested in a larger document is read as its own text).
///
/// ```
/// let text = std::fs::read_to_string("examples/data/xa-nghia-an.json").unwrap();
/// let by_serde: par_index::Submission = serde_json::from_str(&text).unwrap();
/// assert_eq!(by_serde, par_index::Submission::from_json(&text).unwrap());
/// ```
impl<'de> serde::Deserialize<'de> for Submission {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw =
            <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
        Submission::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}

/// Reads as an answer's measure is read in a submission (numbers or decimal strings, one
/// shape, values in range), whatever the caller.
///
/// ```
/// let m: par_index::Measure = serde_json::from_str(r#"{"num": 912, "den": "1000"}"#).unwrap();
/// assert_eq!(m, par_index::Measure::Ratio { num: 912.into(), den: 1000.into() });
/// let err = serde_json::from_str::<par_index::Measure>(r#"{"num": -1, "den": 5}"#).unwrap_err();
/// assert!(err.to_string().contains("must not be negative"), "{err}");
/// ```
impl<'de> serde::Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::tree::deserialize_through(deserializer, |r, node| {
            let site = Site {
                code: None,
                field: String::new(),
            };
            let mut t = r.table(node, &site)?;
            let m = read_measure(r, &mut t, None);
            t.finish(r, None, MEASURE_KEYS);
            m
        })
    }
}

/// Reads as an answer is read in a submission, whatever the caller.
///
/// ```
/// let a: par_index::Answer = serde_json::from_str(r#"{"met": true, "evidence": []}"#).unwrap();
/// assert!(a.evidence.is_empty());
/// assert!(serde_json::from_str::<par_index::Answer>(r#"{"met": true, "x": 1}"#).is_err());
/// ```
impl<'de> serde::Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::tree::deserialize_through(deserializer, |r, node| {
            read_answer(
                r,
                node,
                &Site {
                    code: None,
                    field: String::new(),
                },
            )
        })
    }
}
