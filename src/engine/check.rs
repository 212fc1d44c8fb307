//! Checking a submission against a methodology: every answer for an item that exists, with
//! the measure its rule takes and values in range; every problem found in one pass.

use crate::error::{Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::methodology::{Criterion, Methodology};
use crate::model::rule::Measure;
use crate::model::rule::Rule;
use crate::model::submission::{Answer, Submission};
use rust_decimal::Decimal;

impl Submission {
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
    #[must_use]
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
        // Answers and the methodology's nodes are both in code order: one pass pairs them.
        let mut nodes = m.codes().peekable();
        for (code, answer) in &self.answers {
            while nodes.next_if(|(c, _)| *c < code).is_some() {}
            let item = nodes
                .next_if(|(c, _)| *c == code)
                .and_then(|(_, p)| m.at(p));
            self.check_answer(m, code, answer, item, &mut out);
        }
        out
    }

    /// One answer against the item of its code (`None`: the methodology has none).
    fn check_answer(
        &self,
        m: &Methodology,
        code: &Code,
        answer: &Answer,
        item: Option<&Criterion>,
        out: &mut Vec<Problem>,
    ) {
        let c = Some(code.as_str());
        // Built only when a problem is reported.
        let field = || format!("answers.{code}");
        let Some(item) = item else {
            out.push(Problem::new(
                ProblemKind::UnknownCode,
                c,
                field(),
                format!("methodology `{}` has no item `{code}`", m.id()),
            ));
            return;
        };
        let Some(rule) = item.rule() else {
            out.push(Problem::new(
                ProblemKind::UnknownCode,
                c,
                field(),
                format!("`{code}` is a group; answer its sub-criteria instead"),
            ));
            return;
        };
        let bad_values = answer.measure.range_problems();
        if !bad_values.is_empty() {
            for (key, msg) in bad_values {
                out.push(Problem::new(
                    ProblemKind::BadValue,
                    c,
                    format!("{}.{key}", field()),
                    msg,
                ));
            }
            return;
        }
        let survey = matches!(rule, Rule::Survey);
        if survey && !self.survey_held && !matches!(answer.measure, Measure::NotApplicable { .. }) {
            out.push(Problem::new(
                ProblemKind::WrongMeasure,
                c,
                field(),
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
                    field(),
                    format!("{how} item {code} has no N/A policy: it always applies"),
                ));
            }
            return;
        }
        if !rule.accepts(&answer.measure) {
            out.push(Problem::new(
                ProblemKind::WrongMeasure,
                c,
                field(),
                format!(
                    "item {code} is scored by rule `{}`, which takes {}; found `{}`",
                    rule.kind(),
                    rule.expects(),
                    answer.measure.name()
                ),
            ));
            return;
        }
        match (&answer.measure, rule) {
            (Measure::Ratio { num, den }, _) if num > den && !rule.allows_over_100() => {
                out.push(Problem::new(
                    ProblemKind::RatioAboveOne,
                    c,
                    format!("{}.num", field()),
                    format!("num {num} is greater than den {den}; item {code} does not allow ratios above 100%"),
                ));
            }
            (Measure::Points { points }, Rule::Judgement { step }) => {
                if *points > item.max() {
                    out.push(Problem::new(
                        ProblemKind::BadValue,
                        c,
                        format!("{}.points", field()),
                        format!("points {points} exceed the item's max {}", item.max()),
                    ));
                } else if points.checked_rem(*step).is_none_or(|r| !r.is_zero()) {
                    out.push(Problem::new(
                        ProblemKind::BadValue,
                        c,
                        format!("{}.points", field()),
                        format!("points {points} are not a multiple of the step {step}"),
                    ));
                }
            }
            _ => {}
        }
    }
}
