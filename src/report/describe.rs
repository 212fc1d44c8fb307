//! Rules, measures and branches in words, in Vietnamese or English: what the trace holds as
//! data, said for people. Decimals and dates as each language writes them.

use crate::report::labels::{Label, Sentence, label, say};
use rust_decimal::Decimal;

use crate::model::date::Date;
use crate::model::rule::Measure;
use crate::model::rule::{Basis, Branch, Direction, NaPolicy, Rule};
use crate::model::text::Lang;

/// A decimal for people: `91.2` in English, `91,2` in Vietnamese.
///
/// ```
/// use par_index::Lang;
/// use par_index::report::words::fmt_decimal;
/// use rust_decimal::Decimal;
/// assert_eq!(fmt_decimal(Decimal::new(9120, 2), Lang::Vi), "91,2");
/// assert_eq!(fmt_decimal(Decimal::new(9120, 2), Lang::En), "91.2");
/// ```
#[must_use]
pub fn fmt_decimal(d: Decimal, lang: Lang) -> String {
    let s = d.normalize().to_string();
    match lang {
        Lang::En => s,
        Lang::Vi => s.replace('.', ","),
    }
}

/// A ratio as a percentage for people, `= 91.2%` when exact to 2 decimals, else `≈ 44.29%`.
/// Exact means exact: the percentage times the denominator is the numerator times 100 (a
/// quotient that rounds to 95 in 28 digits but is not 95 is `≈ 95%`).
fn fmt_percent(num: Decimal, den: Decimal, lang: Lang) -> String {
    let pct = num
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|n| n.checked_div(den));
    match pct {
        Some(p) => {
            let r = p.round_dp(2);
            let sign = if is_percent_of(r, num, den) {
                "="
            } else {
                "≈"
            };
            format!("{sign} {}%", fmt_decimal(r, lang))
        }
        None => "?".to_owned(),
    }
}

/// Whether `p`% is exactly `num` / `den`.
fn is_percent_of(p: Decimal, num: Decimal, den: Decimal) -> bool {
    crate::model::exact::cmp_products(&[p, den], &[num, Decimal::ONE_HUNDRED])
        == std::cmp::Ordering::Equal
}

fn fmt_date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Vi => d.to_vietnamese(),
    }
}

/// The measure in words: `912/1000 = 91.2%`, `done 2024-01-20, due 2024-01-31`.
///
/// ```
/// use par_index::{Lang, methodology::Measure};
/// use par_index::report::words::describe_measure;
/// let m = Measure::Ratio { num: 912.into(), den: 1000.into() };
/// assert_eq!(describe_measure(&m, Lang::En), "912/1000 = 91.2%");
/// assert_eq!(describe_measure(&m, Lang::Vi), "912/1000 = 91,2%");
/// ```
#[must_use]
pub fn describe_measure(m: &Measure, lang: Lang) -> String {
    match m {
        Measure::Check { met } => label(
            if *met {
                Label::YesValue
            } else {
                Label::NoAnswerValue
            },
            lang,
        )
        .into(),
        Measure::Deadline { due, done } => {
            let due = fmt_date(*due, lang);
            match done {
                Some(d) => say(
                    Sentence::DoneDue {
                        done: &fmt_date(*d, lang),
                        due: &due,
                    },
                    lang,
                ),
                None => say(Sentence::NotDoneDue { due: &due }, lang),
            }
        }
        Measure::Ratio { num, den } if den.is_zero() => {
            let tail = label(Label::DidNotArise, lang);
            format!(
                "{}/{} ({tail})",
                fmt_decimal(*num, lang),
                fmt_decimal(*den, lang)
            )
        }
        Measure::Ratio { num, den } => format!(
            "{}/{} {}",
            fmt_decimal(*num, lang),
            fmt_decimal(*den, lang),
            fmt_percent(*num, *den, lang)
        ),
        Measure::Number { value } => fmt_decimal(*value, lang),
        Measure::Count { count } => say(
            Sentence::Violations {
                count: &count.to_string(),
            },
            lang,
        ),
        Measure::Satisfaction { satisfaction } => {
            let what = label(Label::Satisfaction, lang);
            format!(
                "{what} {}",
                fmt_percent(*satisfaction, Decimal::ONE, lang).trim_start_matches(['=', ' '])
            )
        }
        Measure::Points { points } => say(
            Sentence::PointsGiven {
                points: &fmt_decimal(*points, lang),
            },
            lang,
        ),
        Measure::NotApplicable { .. } => label(Label::NotApplicableValue, lang).into(),
    }
}

/// How a leaf was scored, in words: the measure (left out when it is only "not applicable",
/// which the branch says) and the branch: `912/1000 = 91.2%; tier 2: ≥ 90% → 2`. Used for the
/// trace's `detail` and for the reasons in reports.
///
/// ```
/// use par_index::{methodology::Branch, Lang, methodology::Measure, methodology::NaPolicy, methodology::Rule};
/// use par_index::report::words::describe_leaf;
/// let m = Measure::Check { met: true };
/// assert_eq!(describe_leaf(&Rule::Check, 1.into(), Some(&m), &Branch::Met, Lang::En), "yes; met → 1");
/// let na = Branch::NotApplicable { policy: NaPolicy::Full };
/// let m = Measure::NotApplicable { not_applicable: true };
/// assert_eq!(describe_leaf(&Rule::Check, 1.into(), Some(&m), &na, Lang::En), "not applicable, full points → 1");
/// ```
#[must_use]
pub fn describe_leaf(
    rule: &Rule,
    max: Decimal,
    measure: Option<&Measure>,
    branch: &Branch,
    lang: Lang,
) -> String {
    let b = describe_branch(rule, max, branch, lang);
    match measure {
        // An explicit "not applicable" adds nothing to the branch; `0/0 (did not arise)` does.
        Some(m) if !matches!(m, Measure::NotApplicable { .. }) => {
            format!("{}; {b}", describe_measure(m, lang))
        }
        _ => b,
    }
}

/// The branch in words, with the threshold it met: `tier 2: ≥ 90% → 2`.
///
/// ```
/// use par_index::{methodology::Branch, Lang, methodology::Rule};
/// use par_index::report::words::describe_branch;
/// use rust_decimal::Decimal;
/// let rule = Rule::Deadline { late: Decimal::new(5, 1) };
/// assert_eq!(describe_branch(&rule, 1.into(), &Branch::Late, Lang::En), "late → 0.5");
/// assert_eq!(describe_branch(&rule, 1.into(), &Branch::Late, Lang::Vi), "chậm hạn → 0,5");
/// ```
#[must_use]
pub fn describe_branch(rule: &Rule, max: Decimal, branch: &Branch, lang: Lang) -> String {
    let d = |x: Decimal| fmt_decimal(x, lang);
    match (branch, rule) {
        (Branch::Met, _) => format!("{} → {}", label(Label::Met, lang), d(max)),
        (Branch::NotMet, _) => format!("{} → 0", label(Label::NotMet, lang)),
        (Branch::OnTime, _) => format!("{} → {}", label(Label::OnTime, lang), d(max)),
        (Branch::Late, Rule::Deadline { late }) => {
            format!("{} → {}", label(Label::Late, lang), d(*late))
        }
        (Branch::NotDone, _) => format!("{} → 0", label(Label::NotDone, lang)),
        (
            Branch::Tier { tier },
            Rule::Tiers {
                on,
                direction,
                tiers,
                ..
            },
        ) => {
            let t = usize::try_from(*tier)
                .ok()
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| tiers.get(i));
            match t {
                Some(t) => format!(
                    "{} {tier}: {} {}{} → {}",
                    label(Label::Tier, lang),
                    if *direction == Direction::AtLeast {
                        "≥"
                    } else {
                        "≤"
                    },
                    d(t.at),
                    if *on == Basis::Ratio { "%" } else { "" },
                    d(t.points)
                ),
                None => format!("{} {tier}", label(Label::Tier, lang)),
            }
        }
        (
            Branch::BelowTiers,
            Rule::Tiers {
                on,
                direction,
                tiers,
                ..
            },
        ) => {
            let last = tiers.last().map(|t| t.at).unwrap_or_default();
            format!(
                "{} ({} {}{}) → 0",
                label(Label::BelowAllTiers, lang),
                if *direction == Direction::AtLeast {
                    "<"
                } else {
                    ">"
                },
                d(last),
                if *on == Basis::Ratio { "%" } else { "" },
            )
        }
        (Branch::TargetMet, Rule::Proportional { target, .. }) => {
            format!(
                "{} {}% → {}",
                label(Label::TargetMet, lang),
                d(*target),
                d(max)
            )
        }
        (Branch::Proportional, Rule::Proportional { target, .. }) => format!(
            "{} {} × {} ÷ {}%",
            label(Label::Proportional, lang),
            d(max),
            label(Label::Ratio, lang),
            d(*target)
        ),
        (Branch::BelowFloor, Rule::Proportional { floor, .. }) => format!(
            "{} {}% → 0",
            label(Label::BelowTheFloor, lang),
            d(floor.unwrap_or_default())
        ),
        (Branch::Deduction, Rule::Deduction { per }) => format!(
            "{} {} − {} × {}",
            label(Label::Deduction, lang),
            d(max),
            d(*per),
            label(Label::Count, lang)
        ),
        (Branch::DeductionFloor, _) => label(Label::DeductionsReachFloor, lang).to_owned(),
        (Branch::Survey, _) => format!("{} × {}", d(max), label(Label::Satisfaction, lang)),
        (Branch::Judgement, _) => format!(
            "{} [0{} {}]",
            label(Label::AssessorJudgementIn, lang),
            label(Label::RangeSeparator, lang),
            d(max)
        ),
        (
            Branch::NotApplicable {
                policy: NaPolicy::Full,
            },
            _,
        ) => format!(
            "{} → {}",
            label(Label::NotApplicableFullPoints, lang),
            d(max)
        ),
        (
            Branch::NotApplicable {
                policy: NaPolicy::Exclude,
            },
            _,
        ) => label(Label::NotApplicableExcludedFromThe, lang).to_owned(),
        (Branch::Unanswered, _) => label(Label::UnansweredZero, lang).to_owned(),
        (other, _) => format!("{other:?}"),
    }
}

/// One step to earn more points, in words, with the points it leads to and the gain:
/// `reach 950/1000 (95%) → 3 (+1)`, `attach evidence (+0.5)`, `answer it, with evidence: up to
/// 2 (+2)`.
///
/// ```
/// use par_index::{catalog, analysis::improvements, Lang};
/// use par_index::report::words::describe_improvement;
/// use par_index::catalog::sample_scorecard;
/// let card = sample_scorecard();
/// let leaf = card.find(&"3.4.2".parse().unwrap()).unwrap();
/// let steps = improvements(leaf);
/// assert_eq!(describe_improvement(&steps[0], Lang::En), "reach 700/1400 (50%) → 1 (+0.11)");
/// assert_eq!(describe_improvement(&steps[0], Lang::Vi), "đạt 700/1400 (50%) → 1 (+0,11)");
/// ```
#[must_use]
pub fn describe_improvement(i: &crate::analysis::gain::Improvement, lang: Lang) -> String {
    use crate::analysis::gain::Step;
    let gain = fmt_decimal(i.gain, lang);
    let upto = |words: &str| format!("{words} {} (+{gain})", fmt_decimal(i.points, lang));
    let to = |words: String| format!("{words} → {} (+{gain})", fmt_decimal(i.points, lang));
    match (i.step, &i.measure) {
        (Step::NewAppraisal, _) => upto(label(Label::PointsSetByTheAppraiser, lang)),
        (Step::AttachEvidence, _) => format!("{} (+{gain})", label(Label::AttachEvidence, lang)),
        (Step::Answer, _) => upto(label(Label::AnswerItWithEvidenceUp, lang)),
        (Step::Meet, _) => to(label(Label::MeetIt, lang).into()),
        (Step::FinishBy, Some(Measure::Deadline { due, .. })) => to(format!(
            "{} {}",
            label(Label::FinishBy, lang),
            match lang {
                Lang::Vi => due.to_vietnamese(),
                Lang::En => due.to_string(),
            }
        )),
        (Step::Reach, Some(m)) => to(format!(
            "{} {}",
            label(Label::Reach, lang),
            words_of(m, lang)
        )),
        (Step::CutViolations, Some(Measure::Count { count })) => to(say(
            Sentence::CutViolationsTo {
                count: &count.to_string(),
            },
            lang,
        )),
        (Step::FullSatisfaction, _) => to(label(Label::FullSatisfaction, lang).into()),
        (Step::FullMarks, _) => to(label(Label::AssessorFullMarks, lang).into()),
        (_, Some(m)) => to(describe_measure(m, lang)),
        (_, None) => format!("(+{gain})"),
    }
}

fn words_of(m: &Measure, lang: Lang) -> String {
    match m {
        Measure::Ratio { num, den } => {
            let pct = num
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|n| n.checked_div(*den))
                .map(|p| p.normalize());
            match pct {
                // Exact when short and exact (90.625%), else approximately (≈ 33.33%).
                Some(p) if p.scale() <= 4 && is_percent_of(p, *num, *den) => format!(
                    "{}/{} ({}%)",
                    fmt_decimal(*num, lang),
                    fmt_decimal(*den, lang),
                    fmt_decimal(p, lang)
                ),
                Some(p) => format!(
                    "{}/{} (≈ {}%)",
                    fmt_decimal(*num, lang),
                    fmt_decimal(*den, lang),
                    fmt_decimal(p.round_dp(2), lang)
                ),
                None => describe_measure(m, lang),
            }
        }
        _ => describe_measure(m, lang),
    }
}
