//! Staged scoring: the self-assessment, then each appraisal stage and explanation in order
//! (date, then sequence), with the survey results, each stage with its own scorecard and
//! every decision recorded for verification.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::engine::score::{Appraised, Detail, Figures, figures, score_appraised};
use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::methodology::{Criterion, Methodology};
use crate::model::record::AppraisalRecord;
use crate::model::record::RecordedAnswer;
use crate::model::record::StageRecord;
use crate::model::record::SurveyRecord;
use crate::model::rule::Measure;
use crate::model::rule::Rule;
use crate::model::scorecard::{ItemAppraisal, Scorecard};
use crate::model::stage::Source;
use crate::model::stage::StageKind;
use crate::model::stage::{ItemDecision, Response, Stage};
use crate::model::submission::{Answer, Submission};
use crate::model::survey::SurveyFile;

impl SurveyFile {
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
    #[must_use]
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

/// The scorecard of one stage.
///
/// ```
/// use par_index::{catalog, appraisal::score_stages, Submission};
/// let sub = par_index::catalog::sample_submission();
/// let stages = score_stages(catalog::default_methodology(), &sub, &[], None).unwrap();
/// assert_eq!(stages.len(), 1);
/// assert_eq!(stages[0].stage, "self");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
/// use par_index::{catalog, appraisal::score_stages, Stage, Submission};
/// let m = catalog::default_methodology();
/// let sub = par_index::catalog::sample_submission(); // 3.2.1: 1862/1900 = 98% → tier 1 = 3
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
    let cards = stage_loop(m, sub, stages, survey, |state, notes, applied| {
        let mut card = score_appraised(m, state, notes)?;
        card.appraisal = record(sub, state, survey, applied);
        Ok(card)
    })?;
    Ok(cards
        .into_iter()
        .map(|(h, card)| StageCard {
            stage: h.stage,
            kind: h.kind,
            by: h.by,
            date: h.date,
            card,
        })
        .collect())
}

/// [`score_stages`] to the figures of the last stage only, built to `detail` (what a batch
/// that ranks or analyses gaps keeps of a unit; every stage is still scored, so that a
/// problem of any stage is reported as [`score_stages`] reports it).
pub(crate) fn stage_figures(
    m: &Methodology,
    sub: &Submission,
    stages: &[Stage],
    survey: Option<&SurveyFile>,
    detail: Detail,
) -> Result<Figures, Error> {
    let mut all = stage_loop(m, sub, stages, survey, |state, notes, _| {
        figures(m, state, notes, detail)
    })?;
    all.pop()
        .map(|(_, f)| f)
        .ok_or_else(|| Error::Invalid(Vec::new()))
}

/// Who decided a stage, and when: what a stage card says beside its scorecard.
struct Head {
    stage: String,
    kind: Option<StageKind>,
    by: String,
    date: Option<Date>,
}

/// The survey merged, then the self-assessment and every stage applied in turn, each scored
/// by `build` (from the answers so far, the appraisal's notes and the stages applied).
fn stage_loop<T>(
    m: &Methodology,
    sub: &Submission,
    stages: &[Stage],
    survey: Option<&SurveyFile>,
    build: impl Fn(&Submission, &Appraised, &[Stage]) -> Result<T, Error>,
) -> Result<Vec<(Head, T)>, Error> {
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
    // The answers as appraised so far: the self-assessment's own until a survey or a stage
    // changes them (copied then, once).
    let mut state = std::borrow::Cow::Borrowed(sub);
    let mut notes = Appraised::default();
    if let Some(s) = survey
        && problems.is_empty()
    {
        s.merge(m, state.to_mut(), &mut notes);
    }
    let mut out = Vec::with_capacity(stages.len().saturating_add(1));
    if problems.is_empty() {
        let head = Head {
            stage: "self".into(),
            kind: None,
            by: sub.unit.name.clone(),
            date: None,
        };
        out.push((head, build(&state, &notes, &[])?));
    }
    for (i, stage) in stages.iter().enumerate() {
        let before = problems.len();
        apply(m, stage, i, state.to_mut(), &mut notes, &mut problems);
        if problems.len() > before {
            continue;
        }
        match build(&state, &notes, stages.get(..=i).unwrap_or_default()) {
            Ok(value) => {
                let head = Head {
                    stage: stage.stage.clone(),
                    kind: Some(stage.kind),
                    by: stage.by.clone(),
                    date: Some(stage.date),
                };
                out.push((head, value));
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
/// use par_index::{appraisal::order_stages, Stage};
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
    let mut at = Applying {
        m,
        stage,
        index,
        problems,
    };
    if stage.methodology != m.id() {
        at.problem(
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
        at.problem(
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
    for (code, d) in &stage.decisions {
        at.decision(code, d, sub, notes);
    }
    for (code, resp) in &stage.responses {
        at.response(code, resp, sub, notes);
    }
    at.entries(sub, notes);
}

/// One stage being applied: the methodology, the stage and its place, and the problems
/// found so far (each located in the stage's file, or named by the stage's place).
struct Applying<'a> {
    m: &'a Methodology,
    stage: &'a Stage,
    index: usize,
    problems: &'a mut Vec<Problem>,
}

impl Applying<'_> {
    fn problem(&mut self, kind: ProblemKind, code: Option<&str>, field: String, msg: String) {
        let p = Problem::new(kind, code, field, msg);
        let stage = self.stage;
        self.problems.push(match stage.source.file {
            // Read from a file: the problem is that file's, at its own line and column.
            Some(_) => stage.source.place(p),
            None => {
                let mut p = stage.source.place(p);
                p.field = format!("stages[{}] ({}): {}", self.index, stage.stage, p.field);
                p
            }
        });
    }

    /// The sub-criterion of this code, if the methodology has one.
    fn leaf(&self, code: &Code) -> Option<&Criterion> {
        self.m.find(code).filter(|c| c.rule().is_some())
    }

    /// An appraisal's decision on one item: accepted, or its measure corrected, its points
    /// set, its evidence rejected; the item's note recorded.
    fn decision(
        &mut self,
        code: &Code,
        d: &ItemDecision,
        sub: &mut Submission,
        notes: &mut Appraised,
    ) {
        let c = Some(code.as_str());
        let field = format!("decisions.{code}");
        let Some(item) = self.leaf(code) else {
            let msg = format!("`{}` has no sub-criterion `{code}`", self.m.id());
            self.problem(ProblemKind::UnknownCode, c, field, msg);
            return;
        };
        if matches!(item.rule(), Some(Rule::Survey)) {
            self.problem(
                ProblemKind::BadValue,
                c,
                field,
                format!(
                    "item {code} is a survey item: its points come from the survey results, not from an appraisal"
                ),
            );
            return;
        }
        if d.accept {
            return;
        }
        let (rule, max) = (item.rule(), item.max());
        let stage = self.stage;
        let mut note = ItemAppraisal {
            stage: stage.stage.clone(),
            set_points: notes.items.get(code).and_then(|n| n.set_points),
            reason: d.reason.clone(),
            by: d.by.clone().unwrap_or_else(|| stage.by.clone()),
            date: Some(d.date.unwrap_or(stage.date)),
            ..ItemAppraisal::default()
        };
        if let Some(measure) = &d.measure {
            if let Some(rule) = rule
                && !rule.accepts(measure)
                && !measure.is_not_applicable()
            {
                self.problem(
                    ProblemKind::WrongMeasure,
                    c,
                    format!("{field}.measure"),
                    format!(
                        "item {code} is scored by rule `{}`, which takes {}",
                        rule.kind(),
                        rule.expects()
                    ),
                );
                return;
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
            let wrong = if p > max {
                Some(format!("points {p} exceed the item's max {max}"))
            } else if p.normalize().scale() > 2 {
                Some(format!("points {p} have more than 2 decimals"))
            } else {
                None
            };
            if let Some(msg) = wrong {
                self.problem(ProblemKind::BadValue, c, format!("{field}.points"), msg);
                return;
            }
            note.set_points = Some(p.normalize());
        }
        for number in &d.reject_evidence {
            self.reject(code, number, sub, notes, &mut note);
        }
        notes.items.insert(code.clone(), note);
    }

    /// Evidence rejected by a decision: taken from the answer and recorded in the note, or a
    /// problem if the item does not cite it (or it was rejected already).
    fn reject(
        &mut self,
        code: &Code,
        number: &str,
        sub: &mut Submission,
        notes: &Appraised,
        note: &mut ItemAppraisal,
    ) {
        let answer = sub.answers.get_mut(code);
        let found = answer
            .as_ref()
            .is_some_and(|a| a.evidence.iter().any(|e| e.number == number));
        if !found {
            let earlier = notes
                .items
                .get(code)
                .filter(|n| n.rejected_evidence.iter().any(|r| r == number));
            let msg = if note.rejected_evidence.iter().any(|r| r == number) {
                format!("evidence `{number}` is rejected twice in this decision")
            } else if let Some(n) = earlier {
                format!(
                    "evidence `{number}` of item {code} was already rejected by stage `{}`",
                    n.stage
                )
            } else {
                format!("item {code} cites no evidence numbered `{number}`")
            };
            let field = format!("decisions.{code}.reject_evidence");
            self.problem(ProblemKind::BadValue, Some(code.as_str()), field, msg);
            return;
        }
        if let Some(a) = answer {
            a.evidence.retain(|e| e.number != number);
        }
        note.rejected_evidence.push(number.to_owned());
    }

    /// The unit's explanation of one item: evidence added, the explanation replaced; the
    /// item's note recorded.
    fn response(
        &mut self,
        code: &Code,
        resp: &Response,
        sub: &mut Submission,
        notes: &mut Appraised,
    ) {
        let c = Some(code.as_str());
        let field = format!("responses.{code}");
        let leaf = self
            .leaf(code)
            .map(|i| matches!(i.rule(), Some(Rule::Survey)));
        let wrong = match leaf {
            Some(true) => Some((
                ProblemKind::BadValue,
                format!(
                    "item {code} is a survey item: its points come from the survey results, not from an explanation"
                ),
            )),
            None => Some((
                ProblemKind::UnknownCode,
                format!("`{}` has no sub-criterion `{code}`", self.m.id()),
            )),
            Some(false) if !sub.answers.contains_key(code) => Some((
                ProblemKind::UnknownCode,
                format!("item {code} was not self-assessed: there is nothing to explain"),
            )),
            Some(false) => None,
        };
        if let Some((kind, msg)) = wrong {
            self.problem(kind, c, field, msg);
            return;
        }
        let Some(answer) = sub.answers.get_mut(code) else {
            return;
        };
        answer.evidence.extend(resp.evidence.iter().cloned());
        if let Some(x) = &resp.explanation {
            answer.explanation = Some(x.clone());
        }
        let previous = notes.items.get(code);
        let stage = self.stage;
        notes.items.insert(
            code.clone(),
            ItemAppraisal {
                stage: stage.stage.clone(),
                set_points: previous.and_then(|n| n.set_points),
                added_evidence: resp.evidence.iter().map(|e| e.number.clone()).collect(),
                reason: resp.explanation.clone(),
                by: stage.by.clone(),
                date: Some(stage.date),
                ..ItemAppraisal::default()
            },
        );
    }

    /// Decisions on the bonus and penalty entries: accepted, rejected or set to an amount.
    fn entries(&mut self, sub: &mut Submission, notes: &mut Appraised) {
        let stage = self.stage;
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
                    self.problem(
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
                        stage: stage.stage.clone(),
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
}
