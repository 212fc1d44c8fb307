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
//! appraisal ([`crate::AppraisalRecord`]): the self-assessment is rebuilt from it and hashed,
//! each stage's hash is checked, and the recorded survey results and stages are applied
//! again, so every appraisal note in a trace must be what the recorded stages give. A note on
//! a scorecard without a record is a mismatch.

use std::fmt;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::model::record::AppraisalRecord;

use crate::model::stage::Stage;

use crate::model::survey::SurveyFile;

use crate::engine::score::score;
use crate::engine::stages::score_stages;
use crate::model::code::Code;
use crate::model::methodology::Methodology;
use crate::model::scorecard::{Engine, SCORECARD_FORMAT, SCORECARD_FORMAT_2, ScoreNode, Scorecard};
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
    /// assert!(par_index::Report::default().is_ok());
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
    let mut top = |field: &str, recorded: String, recomputed: String| {
        report.mismatches.push(Mismatch {
            code: None,
            field: field.to_owned(),
            recorded,
            recomputed,
        });
    };
    if card.format == SCORECARD_FORMAT_2 {
        report.notes.push(format!(
            "written in the earlier format {SCORECARD_FORMAT_2}: its prose was set aside, its numbers, measures, branches, evidence and hashes verified"
        ));
    } else if card.format != SCORECARD_FORMAT {
        top(
            "format",
            card.format.clone(),
            format!("{SCORECARD_FORMAT} (the format this version reads)"),
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
    let current = Engine::current();
    if card.engine != current {
        report.notes.push(format!(
            "computed by {}, verified by {current}",
            card.engine
        ));
    }
    let sub = submission_of(card);
    // A plain self-assessment is rescored here, once; its scorecard carries the hash of the
    // submission rebuilt, so it is not computed twice.
    let plain = card.appraisal.is_none().then(|| score(m, &sub));
    let hash = match &plain {
        Some(Ok(again)) => again.submission_sha256.clone(),
        _ => sub.sha256(),
    };
    if hash != card.submission_sha256 {
        report.mismatches.push(Mismatch {
            code: None,
            field: "submission_sha256".into(),
            recorded: card.submission_sha256.clone(),
            recomputed: format!(
                "{hash} (the measures, evidence or entries recorded are not those that were hashed)"
            ),
        });
    }
    report.checked = card.leaves().count();
    let again = match (plain, &card.appraisal) {
        // A plain self-assessment: scored with no appraisal note at all, so a note written
        // into a trace by hand is a mismatch.
        (Some(again), _) => again,
        (None, Some(rec)) => restage(m, &sub, rec, &mut report),
        (None, None) => score(m, &sub),
    };
    match again {
        // The usual case: equal in everything compared (no difference to list).
        Ok(again) if same_as_compared(card, &again) => {}
        Ok(again) => {
            let recorded = serde_json::to_value(card).unwrap_or(Value::Null);
            let recomputed = serde_json::to_value(&again).unwrap_or(Value::Null);
            let mut found = Vec::new();
            diff(&recorded, &recomputed, &mut Place::default(), &mut found);
            // The methodology and submission hashes were checked above, with reasons.
            found.retain(|x| {
                !(x.code.is_none()
                    && matches!(
                        x.field.as_str(),
                        "methodology.sha256"
                            | "submission_sha256"
                            | "engine.version"
                            // Checked above; the earlier format is read as this one.
                            | "format"
                            // Words about the rounding, not the rounding: the numbers are
                            // compared, so a different rounding shows in them.
                            | "rounding"
                    ))
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
    report
}

/// Compare the inputs a scorecard records with the files on record: the self-assessment (or,
/// for a plain scorecard, the submission), the stage files and the survey file. Each file
/// whose hash differs from the recorded one, each stage file the scorecard does not record,
/// and a survey file given for a scorecard that used none, is a [`Mismatch`]. With
/// [`verify`], this closes the one gap verification alone leaves: a scorecard whose record was
/// edited and re-hashed as a whole.
///
/// ```
/// use par_index::{catalog, check_inputs, score_stages, Stage, Submission};
/// let sub = Submission::from_file("examples/data/district/NG-05.json").unwrap();
/// let stage = Stage::from_file("examples/data/district/appraisals/NG-05.appraisal-1.json").unwrap();
/// let cards = score_stages(catalog::default_methodology(), &sub, &[stage.clone()], None).unwrap();
/// assert!(check_inputs(&cards[1].card, Some(&sub), &[stage.clone()], None).is_empty());
/// let mut other = stage.clone();
/// other.by = "Ai đó".into();
/// let found = check_inputs(&cards[1].card, Some(&sub), &[other], None);
/// assert_eq!(found[0].field, "appraisal.stages[0].sha256");
/// ```
#[must_use]
pub fn check_inputs(
    card: &Scorecard,
    submission: Option<&Submission>,
    stages: &[Stage],
    survey: Option<&SurveyFile>,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut push = |field: String, recorded: String, recomputed: String| {
        out.push(Mismatch {
            code: None,
            field,
            recorded,
            recomputed,
        });
    };
    let rec = card.appraisal.as_ref();
    if let Some(sub) = submission {
        let (field, recorded) = match rec {
            Some(r) => (
                "appraisal.self_assessment_sha256",
                &r.self_assessment_sha256,
            ),
            None => ("submission_sha256", &card.submission_sha256),
        };
        let hash = sub.sha256();
        if &hash != recorded {
            push(
                field.into(),
                recorded.clone(),
                format!("{hash} (the self-assessment on record)"),
            );
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
