//! The case file format as types, for its JSON Schema only (`par-index schema case`): the
//! reader (`read.rs`) works on the document tree, to report every problem with its position.

#![allow(dead_code)]

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;

use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::submission::{AdjustmentEntry, Evidence, Submission};

/// A file of conformance cases (`*.cases.toml`).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The default methodology of the cases: an embedded id, or a methodology file
    /// (relative to this file).
    pub methodology: Option<String>,
    /// The default base submission of the cases.
    pub submission: Option<SubmissionRef>,
    /// The cases.
    pub case: Vec<Case>,
}

/// A submission: a JSON file (relative to the case file) or a table written inline.
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum SubmissionRef {
    /// A JSON file.
    File(String),
    /// A submission written inline, read when the case runs (so that a case can expect
    /// the error of a bad one): the submission format.
    Inline(#[schemars(with = "serde_json::Map<String, serde_json::Value>")] Box<Submission>),
}

/// One case.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The name, unique in the file.
    pub name: String,
    /// The hand computation behind the expected values.
    pub note: Option<String>,
    /// The methodology, if not the file's default.
    pub methodology: Option<String>,
    /// The base submission, if not the file's default.
    pub submission: Option<SubmissionRef>,
    /// Changes to answers by item code: a measure replaces the base answer's measure;
    /// `evidence` and `explanation` replace the base's when given (`evidence = []`
    /// removes it).
    /// Item codes are read as written, so that a case can expect the error of a bad one.
    pub answers: Option<BTreeMap<String, AnswerChange>>,
    /// Items whose answer is removed.
    pub unanswered: Option<Vec<Code>>,
    /// Whether the survey was held (replaces the base's).
    pub survey_held: Option<bool>,
    /// Bonus entries (replace the base's).
    pub bonus: Option<Vec<AdjustmentEntry>>,
    /// Penalty entries (replace the base's).
    pub penalty: Option<Vec<AdjustmentEntry>>,
    /// What is expected.
    pub expect: Expect,
}

/// A change to one answer: any of a measure's keys, evidence, explanation. The values
/// are read as written and checked when the case runs, so that a case can give a bad
/// one and expect the error it gets (an unknown key included): the types below are what a
/// good answer holds.
#[derive(JsonSchema)]
pub struct AnswerChange {
    /// `check`: whether the requirement is met.
    #[schemars(with = "Option<serde_json::Value>")]
    pub met: Option<bool>,
    /// `deadline`: the due date.
    #[schemars(with = "Option<serde_json::Value>")]
    pub due: Option<Date>,
    /// `deadline`: the date done, or `false` when not done (TOML has no null).
    #[schemars(with = "Option<serde_json::Value>")]
    pub done: Option<Done>,
    /// A ratio's numerator.
    #[schemars(with = "Option<serde_json::Value>")]
    pub num: Option<Decimal>,
    /// A ratio's denominator (0: did not arise).
    #[schemars(with = "Option<serde_json::Value>")]
    pub den: Option<Decimal>,
    /// A number.
    #[schemars(with = "Option<serde_json::Value>")]
    pub value: Option<Decimal>,
    /// A count of violations.
    #[schemars(with = "Option<serde_json::Value>")]
    pub count: Option<u32>,
    /// The assessor's points.
    #[schemars(with = "Option<serde_json::Value>")]
    pub points: Option<Decimal>,
    /// Survey satisfaction in \[0, 1\].
    #[schemars(with = "Option<serde_json::Value>")]
    pub satisfaction: Option<Decimal>,
    /// The item did not arise.
    #[schemars(with = "Option<serde_json::Value>")]
    pub not_applicable: Option<bool>,
    /// Evidence documents.
    #[schemars(with = "Option<serde_json::Value>")]
    pub evidence: Option<Vec<Evidence>>,
    /// An explanation.
    #[schemars(with = "Option<serde_json::Value>")]
    pub explanation: Option<String>,
}

/// A date done, or `false`: not done.
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum Done {
    /// Done on this date.
    Date(Date),
    /// `false`: not done.
    NotDone(bool),
}

/// What a case expects: results, or an error.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The total.
    pub total: Option<Decimal>,
    /// The index.
    pub index: Option<Decimal>,
    /// The applicable maximum.
    pub applicable_max: Option<Decimal>,
    /// The band's label, Vietnamese or English.
    pub band: Option<String>,
    /// Points of items or areas by code.
    pub points: Option<BTreeMap<Code, Decimal>>,
    /// The exact set of flags of leaves by code.
    pub flags: Option<BTreeMap<Code, Vec<Flag>>>,
    /// The branch of leaves by code (`tier-2`, `late`, `below-floor`, …).
    pub branches: Option<BTreeMap<Code, String>>,
    /// For a bad case: the error expected.
    pub error: Option<ExpectedError>,
}

/// A flag of a leaf.
#[derive(JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// No answer.
    Unanswered,
    /// Not applicable.
    NotApplicable,
    /// Claimed without evidence or explanation.
    Unsupported,
    /// Claimed with an explanation only.
    Explained,
}

/// The names of the problem kinds, the values `kind` may take.
fn problem_kinds(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let names: Vec<&str> = crate::ProblemKind::ALL.iter().map(|k| k.name()).collect();
    schemars::json_schema!({
        "description": "The problem kind (`sum-mismatch`, `unknown-code`, …).",
        "type": "string",
        "enum": names,
    })
}

/// The error a bad case expects.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectedError {
    /// The problem kind (`sum-mismatch`, `unknown-code`, …).
    #[schemars(schema_with = "problem_kinds")]
    pub kind: String,
    /// The item code the problem names.
    pub code: Option<Code>,
    /// The field the problem names.
    pub field: Option<String>,
}
