//! What a leaf would need to earn more: the measure that reaches each better tier, the
//! target, the floor, fewer violations, evidence for an unsupported claim. Every gain is
//! computed by scoring the suggested measure with the item's own rule, so applying a
//! suggestion raises the item by exactly the gain stated.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::rule::{Basis, Branch, Direction, Rule};

use crate::model::rule::Measure;
use crate::model::scorecard::ScoreNode;

/// What a step asks of the unit; the report says it in words, with the measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// The appraiser set the points: only a new appraisal decision changes them (up to max).
    NewAppraisal,
    /// The claim was zeroed for want of evidence: attach it.
    AttachEvidence,
    /// Unanswered: answer it, with evidence (up to max).
    Answer,
    /// `check`: meet the requirement.
    Meet,
    /// `deadline`: finish by the due date (the measure's `due`).
    FinishBy,
    /// `tiers` or `proportional`: reach the measure given (a ratio or a number).
    Reach,
    /// `deduction`: cut violations to the measure's count.
    CutViolations,
    /// `survey`: satisfaction 100%.
    FullSatisfaction,
    /// `judgement`: the assessor's full marks.
    FullMarks,
}

/// One way for a leaf to earn more points.
///
/// ```
/// use par_index::analysis::improvements;
/// use par_index::catalog::sample_scorecard;
/// let card = sample_scorecard();
/// let leaf = card.find(&"3.2.1".parse().unwrap()).unwrap();
/// // The sample's 3.2.1 is at tier 1 already: nothing to gain.
/// assert!(improvements(leaf).is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Improvement {
    /// What to do (in words: [`crate::report::words::describe_improvement`], `reach 950/1000 (95%) → 3 (+1)`).
    pub step: Step,
    /// The measure that earns it, when one can be named (none for "attach evidence").
    pub measure: Option<Measure>,
    /// The item's points after the change.
    pub points: Decimal,
    /// The points gained: `points` − the item's points now; always > 0.
    pub gain: Decimal,
}

/// The improvements open to a leaf of a scorecard, best gain last in rule order (the next
/// tier first). Empty for groups, for items at their max and for items not applicable.
///
/// A claim without evidence that the evidence policy zeroed gets "attach evidence" first;
/// the measures suggested after it assume the evidence is attached.
///
/// ```
/// use par_index::{catalog, analysis::improvements, score, Lang, Submission};
/// use par_index::report::words::describe_improvement;
/// let sub = Submission::from_json(r#"{"methodology": "commune-2024-model",
///   "unit": {"code": "X", "name": "Xã X"}, "period": "2024",
///   "answers": {"3.2.1": {"num": 912, "den": 1000, "explanation": "Báo cáo 15/BC-UBND"}}}"#).unwrap();
/// let card = score(catalog::default_methodology(), &sub).unwrap();
/// let leaf = card.find(&"3.2.1".parse().unwrap()).unwrap();
/// let steps = improvements(leaf);
/// // 95% of 1000 = 950 → tier 1 = 3 points: +1 over tier 2.
/// assert_eq!(describe_improvement(&steps[0], Lang::En), "reach 950/1000 (95%) → 3 (+1)");
/// assert_eq!(steps[0].gain, 1.into());
/// ```
#[must_use]
pub fn improvements(leaf: &ScoreNode) -> Vec<Improvement> {
    let Some(t) = &leaf.trace else {
        return Vec::new();
    };
    let max = leaf.max;
    let now = leaf.points;
    let mut out = Vec::new();
    if t.flags.not_applicable {
        return out;
    }
    // A step that no measure names: its words, then the points it leads to.
    let step = |step: Step, points: Decimal| {
        let gain = points.checked_sub(now).unwrap_or_default().normalize();
        Improvement {
            step,
            measure: None,
            points,
            gain,
        }
    };
    // Points the appraiser set: only a new appraisal decision changes them.
    if t.appraisal.as_ref().is_some_and(|a| a.set_points.is_some()) {
        if max > now {
            out.push(step(Step::NewAppraisal, max));
        }
        return out;
    }
    // An unsupported claim zeroed by the evidence policy: evidence restores it.
    let zeroed = t.adjustment.is_some() && now < t.rounded;
    if zeroed {
        out.push(step(Step::AttachEvidence, t.rounded));
    }
    let Some(measure) = &t.measure else {
        // Unanswered.
        if max > now {
            out.push(step(Step::Answer, max));
        }
        return out;
    };
    // Points now, as if evidence were attached.
    let base = if zeroed { t.rounded } else { now };
    let score_of = |m: &Measure| -> Option<Decimal> {
        let (raw, branch) = t.rule.evaluate(max, m).ok()?;
        Some(t.rule.round(max, m, &branch, raw.normalize()))
    };
    let mut push = |m: Measure, step: Step| {
        let Some(points) = score_of(&m) else {
            return;
        };
        if points <= base
            || out
                .iter()
                .any(|i| i.points == points && i.measure.is_some())
        {
            return;
        }
        let gain = points.checked_sub(now).unwrap_or_default().normalize();
        out.push(Improvement {
            step,
            measure: Some(m),
            points,
            gain,
        });
    };
    match (&t.rule, measure, &t.branch) {
        (Rule::Check, Measure::Check { met: false }, _) => {
            push(Measure::Check { met: true }, Step::Meet);
        }
        (Rule::Deadline { .. }, Measure::Deadline { due, .. }, _) => {
            let m = Measure::Deadline {
                due: *due,
                done: Some(*due),
            };
            push(m, Step::FinishBy);
        }
        (
            Rule::Tiers {
                on,
                direction,
                tiers,
                ..
            },
            m,
            _,
        ) => {
            // Every tier better than the one met, nearest first.
            for tier in tiers.iter().rev() {
                let target = match (on, m) {
                    (Basis::Ratio, Measure::Ratio { num, den }) => {
                        ratio_at(tier.at, *num, *den, *direction)
                    }
                    (Basis::Number, Measure::Number { .. }) => {
                        Some(Measure::Number { value: tier.at })
                    }
                    _ => None,
                };
                if let Some(target) = target {
                    push(target, Step::Reach);
                }
            }
        }
        (
            Rule::Proportional { target, floor, .. },
            Measure::Ratio { num, den },
            Branch::BelowFloor | Branch::Proportional,
        ) => {
            if let Some(f) = floor
                && let Some(m) = ratio_at(*f, *num, *den, Direction::AtLeast)
            {
                push(m, Step::Reach);
            }
            if let Some(m) = ratio_at(*target, *num, *den, Direction::AtLeast) {
                push(m, Step::Reach);
            }
        }
        (Rule::Deduction { per }, Measure::Count { count }, _) if *count > 0 => {
            // The largest count that still earns points, one fewer, and none.
            let mut counts = vec![count.saturating_sub(1), 0];
            if !per.is_zero()
                && let Some(q) = max.checked_div(*per)
            {
                let last = q
                    .round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity)
                    .checked_sub(Decimal::ONE)
                    .and_then(|d| u32::try_from(d.mantissa()).ok().filter(|_| d.scale() == 0));
                if let Some(l) = last.filter(|l| l < count) {
                    counts.insert(0, l);
                }
            }
            counts.sort_unstable_by(|a, b| b.cmp(a));
            counts.dedup();
            for c in counts {
                push(Measure::Count { count: c }, Step::CutViolations);
            }
        }
        (Rule::Survey, Measure::Satisfaction { .. }, _) => {
            push(
                Measure::Satisfaction {
                    satisfaction: Decimal::ONE,
                },
                Step::FullSatisfaction,
            );
        }
        (Rule::Judgement { .. }, Measure::Points { .. }, _) => {
            push(Measure::Points { points: max }, Step::FullMarks);
        }
        _ => {}
    }
    out
}

/// The ratio with the same denominator that just meets `at`%: the least numerator for
/// "at least", the greatest for "at most"; whole numbers when the counts are whole. The
/// numerator meets the tier exactly (checked as products, not as a 28-digit quotient): where
/// `at × den ÷ 100` has more digits than a decimal holds, it is rounded the way that meets
/// the tier.
fn ratio_at(at: Decimal, num: Decimal, den: Decimal, direction: Direction) -> Option<Measure> {
    let exact = at.checked_mul(den)?.checked_div(Decimal::ONE_HUNDRED)?;
    let whole = num.normalize().scale() == 0 && den.normalize().scale() == 0;
    let needed = match (whole, direction) {
        (true, Direction::AtLeast) => {
            exact.round_dp_with_strategy(0, RoundingStrategy::ToPositiveInfinity)
        }
        (true, Direction::AtMost) => {
            exact.round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity)
        }
        (false, _) => exact,
    };
    // needed × 100 against at × den, exactly: one unit of its last digit the other way when
    // the rounding of the quotient crossed the tier.
    let meets = |n: Decimal| {
        let o = crate::model::exact::cmp_products(&[n, Decimal::ONE_HUNDRED], &[at, den]);
        match direction {
            Direction::AtLeast => o != std::cmp::Ordering::Less,
            Direction::AtMost => o != std::cmp::Ordering::Greater,
        }
    };
    let needed = if meets(needed) {
        needed
    } else {
        let ulp = Decimal::new(1, needed.scale());
        match direction {
            Direction::AtLeast => needed.checked_add(ulp)?,
            Direction::AtMost => needed.checked_sub(ulp)?,
        }
    };
    if !meets(needed) {
        return None;
    }
    Some(Measure::Ratio {
        num: needed.normalize(),
        den: den.normalize(),
    })
}
