//! Rule kinds, and how each turns a measure into points.
//!
//! The kinds are a closed set; a methodology file picks one per sub-criterion and gives its
//! parameters. Semantics (normative for the embedded set, see `docs/semantics.md`):
//!
//! | kind | measure | points |
//! |---|---|---|
//! | `check` | yes/no | yes → max, no → 0 |
//! | `deadline` | due date, date done or not done | on or before due → max; after → `late`; not done → 0 |
//! | `tiers` | ratio (two counts) or a number | the first tier met, best first; none → 0 |
//! | `proportional` | ratio | max × min(ratio ÷ target, 1); below `floor` → 0 |
//! | `deduction` | count of violations | max(0, max − per × count) |
//! | `survey` | satisfaction in \[0, 1\] | max × satisfaction |
//! | `judgement` | the assessor's points | as given, in \[0, max\], in steps of `step` |

use std::cmp::Ordering;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::date::Date;
use crate::model::exact::{cmp_products, round_quotient};

/// What a `tiers` rule compares.
///
/// ```
/// use par_index::methodology::Basis;
/// assert_eq!(serde_json::to_string(&Basis::Ratio).unwrap(), "\"ratio\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Basis {
    /// A ratio of two counts; thresholds are percentages.
    Ratio,
    /// A plain number (a count, minutes); thresholds are in the same unit.
    Number,
}

/// Whether higher or lower measures are better in a `tiers` rule.
///
/// ```
/// use par_index::methodology::Direction;
/// assert_eq!(Direction::default(), Direction::AtLeast);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Direction {
    /// A tier is met when the measure is ≥ its threshold (the default).
    #[default]
    AtLeast,
    /// A tier is met when the measure is ≤ its threshold (waiting minutes).
    AtMost,
}

/// One tier: a threshold and the points it gives.
///
/// ```
/// use par_index::methodology::Tier;
/// use rust_decimal::Decimal;
/// let t = Tier { at: Decimal::from(95), points: Decimal::from(3) };
/// assert_eq!(t.at, Decimal::from(95));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Tier {
    /// The threshold: a percentage for ratios, a number otherwise. Inclusive.
    pub at: Decimal,
    /// The points for meeting it.
    pub points: Decimal,
}

/// How a sub-criterion turns its measure into points. A closed set: the methodology picks
/// a kind per item with `rule = { kind = "...", ... }`.
///
/// ```
/// use par_index::{methodology::Measure, methodology::Rule};
/// use rust_decimal::Decimal;
/// let rule = Rule::Deduction { per: Decimal::new(5, 1) };
/// let max = Decimal::from(2);
/// let (raw, _branch) = rule.evaluate(max, &Measure::Count { count: 3 }).unwrap();
/// assert_eq!(raw, Decimal::new(5, 1)); // 2 − 0.5 × 3 = 0.5
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Rule {
    /// Yes → max, no → 0.
    Check,
    /// Done on or before the due date → max; done later → `late`; not done → 0.
    Deadline {
        /// Points when done after the due date.
        late: Decimal,
    },
    /// The first tier (best first) whose threshold the measure meets gives its points.
    Tiers {
        /// Ratio of two counts, or a plain number.
        on: Basis,
        /// At least (default) or at most.
        #[serde(default)]
        direction: Direction,
        /// Whether the ratio may exceed 100% (numerator above denominator).
        #[serde(default, skip_serializing_if = "crate::model::is_false")]
        over_100: bool,
        /// Tiers, best first.
        tiers: Vec<Tier>,
    },
    /// max × min(ratio ÷ target, 1); with a floor, a ratio below it gives 0.
    Proportional {
        /// The target, a percentage > 0.
        target: Decimal,
        /// Below this percentage the item gets 0.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        floor: Option<Decimal>,
        /// Whether the ratio may exceed 100%.
        #[serde(default, skip_serializing_if = "crate::model::is_false")]
        over_100: bool,
    },
    /// max(0, max − per × violations).
    Deduction {
        /// Points lost per violation.
        per: Decimal,
    },
    /// max × satisfaction, satisfaction in \[0, 1\], from the survey organiser.
    Survey,
    /// The assessor's points in \[0, max\], in steps of `step`.
    Judgement {
        /// The step points must be a multiple of (0.25 by default).
        #[serde(default = "quarter")]
        step: Decimal,
    },
}

fn quarter() -> Decimal {
    Decimal::new(25, 2)
}

/// What the submission must give for a rule: the name of the measure.
///
/// ```
/// use par_index::methodology::Rule;
/// assert_eq!(Rule::Check.expects(), "`met` (true or false)");
/// ```
impl Rule {
    /// The kind's name as written in methodology files.
    ///
    /// ```
    /// assert_eq!(par_index::methodology::Rule::Survey.kind(), "survey");
    /// ```
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::Check => "check",
            Rule::Deadline { .. } => "deadline",
            Rule::Tiers { .. } => "tiers",
            Rule::Proportional { .. } => "proportional",
            Rule::Deduction { .. } => "deduction",
            Rule::Survey => "survey",
            Rule::Judgement { .. } => "judgement",
        }
    }

    /// The rule with every decimal parameter normalised (`0.50` → `0.5`): the form hashed in
    /// a methodology's canonical form.
    ///
    /// ```
    /// use par_index::methodology::Rule;
    /// use rust_decimal::Decimal;
    /// let r = Rule::Deduction { per: Decimal::new(50, 2) }.normalized();
    /// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"kind":"deduction","per":"0.5"}"#);
    /// ```
    #[must_use]
    pub fn normalized(&self) -> Rule {
        match self {
            Rule::Check => Rule::Check,
            Rule::Survey => Rule::Survey,
            Rule::Deadline { late } => Rule::Deadline {
                late: late.normalize(),
            },
            Rule::Tiers {
                on,
                direction,
                over_100,
                tiers,
            } => Rule::Tiers {
                on: *on,
                direction: *direction,
                over_100: *over_100,
                tiers: tiers
                    .iter()
                    .map(|t| Tier {
                        at: t.at.normalize(),
                        points: t.points.normalize(),
                    })
                    .collect(),
            },
            Rule::Proportional {
                target,
                floor,
                over_100,
            } => Rule::Proportional {
                target: target.normalize(),
                floor: floor.map(|f| f.normalize()),
                over_100: *over_100,
            },
            Rule::Deduction { per } => Rule::Deduction {
                per: per.normalize(),
            },
            Rule::Judgement { step } => Rule::Judgement {
                step: step.normalize(),
            },
        }
    }

    /// The measure a submission must give for this rule, in words.
    ///
    /// ```
    /// assert_eq!(par_index::methodology::Rule::Survey.expects(), "`satisfaction` (a ratio in [0, 1])");
    /// ```
    #[must_use]
    pub fn expects(&self) -> &'static str {
        match self {
            Rule::Check => "`met` (true or false)",
            Rule::Deadline { .. } => "`due` and `done` (dates; `done` null when not done)",
            Rule::Tiers {
                on: Basis::Ratio, ..
            }
            | Rule::Proportional { .. } => "`num` and `den` (two counts)",
            Rule::Tiers {
                on: Basis::Number, ..
            } => "`value` (a number)",
            Rule::Deduction { .. } => "`count` (violations, a whole number)",
            Rule::Survey => "`satisfaction` (a ratio in [0, 1])",
            Rule::Judgement { .. } => "`points` (the assessor's points)",
        }
    }

    /// Whether a ratio measure may have its numerator above its denominator.
    ///
    /// ```
    /// assert!(!par_index::methodology::Rule::Check.allows_over_100());
    /// ```
    #[must_use]
    pub fn allows_over_100(&self) -> bool {
        matches!(
            self,
            Rule::Tiers { over_100: true, .. } | Rule::Proportional { over_100: true, .. }
        )
    }

    /// Whether `measure` is the kind of measure this rule takes (not-applicable aside).
    ///
    /// ```
    /// use par_index::{methodology::Measure, methodology::Rule};
    /// assert!(Rule::Check.accepts(&Measure::Check { met: true }));
    /// assert!(!Rule::Check.accepts(&Measure::Count { count: 1 }));
    /// ```
    #[must_use]
    pub fn accepts(&self, measure: &Measure) -> bool {
        matches!(
            (self, measure),
            (Rule::Check, Measure::Check { .. })
                | (Rule::Deadline { .. }, Measure::Deadline { .. })
                | (
                    Rule::Tiers {
                        on: Basis::Ratio,
                        ..
                    },
                    Measure::Ratio { .. }
                )
                | (Rule::Proportional { .. }, Measure::Ratio { .. })
                | (
                    Rule::Tiers {
                        on: Basis::Number,
                        ..
                    },
                    Measure::Number { .. }
                )
                | (Rule::Deduction { .. }, Measure::Count { .. })
                | (Rule::Survey, Measure::Satisfaction { .. })
                | (Rule::Judgement { .. }, Measure::Points { .. })
        )
    }

    /// Points before rounding, and the branch taken, for a measure this rule accepts.
    /// A ratio must have a denominator > 0 (a zero denominator means "not applicable" and
    /// is handled by scoring before rules are asked). All arithmetic is checked.
    ///
    /// ```
    /// use par_index::{methodology::Branch, methodology::Measure, methodology::Rule, methodology::Tier, methodology::Basis, methodology::Direction};
    /// use rust_decimal::Decimal;
    /// let rule = Rule::Tiers {
    ///     on: Basis::Ratio,
    ///     direction: Direction::AtLeast,
    ///     over_100: false,
    ///     tiers: vec![
    ///         Tier { at: 95.into(), points: 3.into() },
    ///         Tier { at: 90.into(), points: 2.into() },
    ///     ],
    /// };
    /// let m = Measure::Ratio { num: 912.into(), den: 1000.into() };
    /// let (raw, branch) = rule.evaluate(3.into(), &m).unwrap();
    /// assert_eq!(raw, Decimal::from(2)); // 91.2% ≥ 90%: tier 2
    /// assert!(matches!(branch, Branch::Tier { tier: 2, .. }));
    /// ```
    pub fn evaluate(
        &self,
        max: Decimal,
        measure: &Measure,
    ) -> Result<(Decimal, Branch), RuleError> {
        let ov = || RuleError::Overflow;
        match (self, measure) {
            (Rule::Check, Measure::Check { met }) => Ok(if *met {
                (max, Branch::Met)
            } else {
                (Decimal::ZERO, Branch::NotMet)
            }),
            (Rule::Deadline { late }, Measure::Deadline { due, done }) => Ok(match done {
                Some(d) if d <= due => (max, Branch::OnTime),
                Some(_) => (*late, Branch::Late),
                None => (Decimal::ZERO, Branch::NotDone),
            }),
            (
                Rule::Tiers {
                    on,
                    direction,
                    tiers,
                    ..
                },
                m,
            ) => {
                // Compare without dividing, exactly: ratio ≥ at% ⇔ 100 × num ≥ at × den, with
                // products as wide as they need to be (no digit is lost to rounding).
                let cmp = |at: Decimal| match (on, m) {
                    (Basis::Ratio, Measure::Ratio { num, den }) if !den.is_zero() => {
                        Ok(cmp_products(&[*num, Decimal::ONE_HUNDRED], &[at, *den]))
                    }
                    (Basis::Number, Measure::Number { value }) => Ok(value.cmp(&at)),
                    _ => Err(RuleError::WrongMeasure),
                };
                for (i, tier) in tiers.iter().enumerate() {
                    let order = cmp(tier.at)?;
                    let met = match direction {
                        Direction::AtLeast => order != Ordering::Less,
                        Direction::AtMost => order != Ordering::Greater,
                    };
                    if met {
                        let tier_no = u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX);
                        return Ok((tier.points, Branch::Tier { tier: tier_no }));
                    }
                }
                if tiers.is_empty() {
                    cmp(Decimal::ZERO)?;
                }
                Ok((Decimal::ZERO, Branch::BelowTiers))
            }
            (Rule::Proportional { target, floor, .. }, Measure::Ratio { num, den })
                if !den.is_zero() =>
            {
                let pct = |at: Decimal| cmp_products(&[*num, Decimal::ONE_HUNDRED], &[at, *den]);
                if let Some(floor) = floor
                    && pct(*floor) == Ordering::Less
                {
                    return Ok((Decimal::ZERO, Branch::BelowFloor));
                }
                if pct(*target) != Ordering::Less {
                    return Ok((max, Branch::TargetMet));
                }
                // max × (100 × num) ÷ (target × den): one division, last. Operands too large
                // for that order are divided first: ratio < target ÷ 100, so max × ratio ×
                // 100 ÷ target < max cannot overflow. The value is exact to 28 digits; its
                // rounding is made exact by `Rule::round`.
                let raw = num
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|p| max.checked_mul(p))
                    .zip(target.checked_mul(*den))
                    .and_then(|(a, b)| a.checked_div(b))
                    .or_else(|| {
                        num.checked_div(*den)
                            .and_then(|ratio| max.checked_mul(ratio))
                            .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED))
                            .and_then(|x| x.checked_div(*target))
                    })
                    .ok_or_else(ov)?;
                Ok((raw, Branch::Proportional))
            }
            (Rule::Deduction { per }, Measure::Count { count }) => {
                let lost = per.checked_mul(Decimal::from(*count)).ok_or_else(ov)?;
                if lost >= max {
                    Ok((Decimal::ZERO, Branch::DeductionFloor))
                } else {
                    Ok((max.checked_sub(lost).ok_or_else(ov)?, Branch::Deduction))
                }
            }
            (Rule::Survey, Measure::Satisfaction { satisfaction }) => Ok((
                max.checked_mul(*satisfaction).ok_or_else(ov)?,
                Branch::Survey,
            )),
            (Rule::Judgement { .. }, Measure::Points { points }) => {
                Ok((*points, Branch::Judgement))
            }
            _ => Err(RuleError::WrongMeasure),
        }
    }
}

impl Rule {
    /// The leaf's points from the rule's value before rounding and the branch that gave it:
    /// 2 decimals, half away from zero ([`crate::methodology::round_points`]), as the exact value rounds.
    /// A proportional or survey value is a quotient or product that can need more than 28
    /// digits; when a rounding midpoint lies between it and its 28-digit approximation, the
    /// exact value decides. Clamped to \[0, max\].
    pub(crate) fn round(
        &self,
        max: Decimal,
        measure: &Measure,
        branch: &Branch,
        raw: Decimal,
    ) -> Decimal {
        let hundred = Decimal::ONE_HUNDRED;
        let rounded = match (self, measure, branch) {
            (
                Rule::Proportional { target, .. },
                Measure::Ratio { num, den },
                Branch::Proportional,
            ) if !den.is_zero() && *target > Decimal::ZERO => {
                round_quotient(raw, &[max, *num, hundred], &[*target, *den])
            }
            (Rule::Survey, Measure::Satisfaction { satisfaction }, Branch::Survey) => {
                round_quotient(raw, &[max, *satisfaction], &[Decimal::ONE])
            }
            _ => crate::model::exact::round_points(raw),
        };
        rounded.max(Decimal::ZERO).min(max).normalize()
    }
}

/// Why a rule could not evaluate a measure.
///
/// ```
/// use par_index::{methodology::Measure, methodology::Rule, methodology::RuleError};
/// let err = Rule::Check.evaluate(1.into(), &Measure::Count { count: 1 }).unwrap_err();
/// assert_eq!(err, RuleError::WrongMeasure);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// The measure is not the kind the rule takes.
    #[error("the measure does not fit the rule")]
    WrongMeasure,
    /// The arithmetic would overflow the decimal range.
    #[error("arithmetic overflow: the numbers are too large")]
    Overflow,
}

impl RuleError {
    /// The kind of problem this is when scoring meets it at an answer.
    ///
    /// ```
    /// use par_index::{ProblemKind, methodology::RuleError};
    /// assert_eq!(RuleError::Overflow.problem_kind(), ProblemKind::Overflow);
    /// assert_eq!(RuleError::WrongMeasure.problem_kind(), ProblemKind::WrongMeasure);
    /// ```
    #[must_use]
    pub fn problem_kind(self) -> crate::error::ProblemKind {
        match self {
            RuleError::WrongMeasure => crate::error::ProblemKind::WrongMeasure,
            RuleError::Overflow => crate::error::ProblemKind::Overflow,
        }
    }
}

/// How an item is treated when it did not arise (*không phát sinh*).
///
/// ```
/// use par_index::methodology::NaPolicy;
/// assert_eq!(serde_json::to_string(&NaPolicy::Exclude).unwrap(), "\"exclude\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NaPolicy {
    /// The item gets its max and stays in the denominator.
    Full,
    /// The item leaves the assessment and the denominator.
    Exclude,
}

/// The branch a leaf's scoring took: which tier, late, below the floor, not applicable, …
///
/// ```
/// use par_index::methodology::Branch;
/// let json = serde_json::to_string(&Branch::Tier { tier: 2 }).unwrap();
/// assert_eq!(json, r#"{"kind":"tier","tier":2}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Branch {
    /// `check`: yes.
    Met,
    /// `check`: no.
    NotMet,
    /// `deadline`: done on or before the due date.
    OnTime,
    /// `deadline`: done after the due date.
    Late,
    /// `deadline`: not done.
    NotDone,
    /// `tiers`: this tier (1 = best) was the first met.
    Tier {
        /// 1-based tier number.
        tier: u32,
    },
    /// `tiers`: no tier met.
    BelowTiers,
    /// `proportional`: at or above the target: full points.
    TargetMet,
    /// `proportional`: between the floor and the target.
    Proportional,
    /// `proportional`: below the floor.
    BelowFloor,
    /// `deduction`: max − per × count.
    Deduction,
    /// `deduction`: the deductions reached 0 (the floor).
    DeductionFloor,
    /// `survey`: max × satisfaction.
    Survey,
    /// `judgement`: the assessor's points.
    Judgement,
    /// Not applicable, under the item's policy.
    NotApplicable {
        /// The policy applied.
        policy: NaPolicy,
    },
    /// No answer was given: 0 points.
    Unanswered,
}

impl Branch {
    /// The branch's stable name, as used in case files and coverage reports: `met`,
    /// `not-met`, `on-time`, `late`, `not-done`, `tier-1`, `tier-2`, …, `below-tiers`,
    /// `target-met`, `proportional`, `below-floor`, `deduction`, `deduction-floor`, `survey`,
    /// `judgement`, `not-applicable`, `unanswered`.
    ///
    /// ```
    /// use par_index::{methodology::Branch, methodology::NaPolicy};
    /// assert_eq!(Branch::Tier { tier: 2 }.name(), "tier-2");
    /// assert_eq!(Branch::NotApplicable { policy: NaPolicy::Full }.name(), "not-applicable");
    /// ```
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Branch::Met => "met".into(),
            Branch::NotMet => "not-met".into(),
            Branch::OnTime => "on-time".into(),
            Branch::Late => "late".into(),
            Branch::NotDone => "not-done".into(),
            Branch::Tier { tier } => format!("tier-{tier}"),
            Branch::BelowTiers => "below-tiers".into(),
            Branch::TargetMet => "target-met".into(),
            Branch::Proportional => "proportional".into(),
            Branch::BelowFloor => "below-floor".into(),
            Branch::Deduction => "deduction".into(),
            Branch::DeductionFloor => "deduction-floor".into(),
            Branch::Survey => "survey".into(),
            Branch::Judgement => "judgement".into(),
            Branch::NotApplicable { .. } => "not-applicable".into(),
            Branch::Unanswered => "unanswered".into(),
        }
    }
}

impl Rule {
    /// The names of the branches this rule can take (see [`Branch::name`]), best first.
    ///
    /// ```
    /// use par_index::methodology::Rule;
    /// assert_eq!(Rule::Deadline { late: 1.into() }.branch_names(), ["on-time", "late", "not-done"]);
    /// ```
    #[must_use]
    pub fn branch_names(&self) -> Vec<String> {
        let v = |names: &[&str]| names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        match self {
            Rule::Check => v(&["met", "not-met"]),
            Rule::Deadline { .. } => v(&["on-time", "late", "not-done"]),
            Rule::Tiers { tiers, .. } => (1..=tiers.len())
                .map(|i| format!("tier-{i}"))
                .chain(std::iter::once("below-tiers".to_owned()))
                .collect(),
            Rule::Proportional { floor, .. } => {
                let mut out = v(&["target-met", "proportional"]);
                if floor.is_some() {
                    out.push("below-floor".into());
                }
                out
            }
            Rule::Deduction { .. } => v(&["deduction", "deduction-floor"]),
            Rule::Survey => v(&["survey"]),
            Rule::Judgement { .. } => v(&["judgement"]),
        }
    }
}

/// The measure an answer gives: what the item's rule needs. Written flat in the answer
/// object; the keys say which measure it is.
///
/// ```
/// use par_index::methodology::Measure;
/// let m = Measure::Ratio { num: 912.into(), den: 1000.into() };
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"num":"912","den":"1000"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
#[non_exhaustive]
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
    /// use par_index::methodology::Measure;
    /// assert!(Measure::Ratio { num: 0.into(), den: 0.into() }.is_not_applicable());
    /// assert!(!Measure::Check { met: false }.is_not_applicable());
    /// ```
    #[must_use]
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
    /// use par_index::methodology::Measure;
    /// use rust_decimal::Decimal;
    /// let m = Measure::Number { value: Decimal::new(1500, 2) };
    /// assert_eq!(m.normalized(), Measure::Number { value: 15.into() });
    /// ```
    #[must_use]
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
    /// submission built in code can, and [`Submission::check`](crate::Submission::check) reports them.
    ///
    /// ```
    /// use par_index::methodology::Measure;
    /// use rust_decimal::Decimal;
    /// let m = Measure::Satisfaction { satisfaction: Decimal::new(12, 1) };
    /// assert_eq!(m.range_problems(), [("satisfaction", "must be a ratio in [0, 1], found 1.2".to_owned())]);
    /// assert!(Measure::Count { count: 3 }.range_problems().is_empty());
    /// ```
    #[must_use]
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
    /// assert_eq!(par_index::methodology::Measure::Count { count: 0 }.name(), "count");
    /// ```
    #[must_use]
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn ratio(num: &str, den: &str) -> Measure {
        Measure::Ratio {
            num: d(num),
            den: d(den),
        }
    }

    /// A zero denominator is not a ratio: scoring reads it as "not applicable" before any
    /// rule is asked; a rule asked directly refuses it rather than calling it 100%.
    #[test]
    fn a_zero_denominator_is_refused_by_every_ratio_rule() {
        let tiers = Rule::Tiers {
            on: Basis::Ratio,
            direction: Direction::AtLeast,
            over_100: false,
            tiers: vec![Tier {
                at: d("95"),
                points: d("3"),
            }],
        };
        assert_eq!(
            tiers.evaluate(d("3"), &ratio("1", "0")),
            Err(RuleError::WrongMeasure)
        );
        let proportional = Rule::Proportional {
            target: d("90"),
            floor: None,
            over_100: false,
        };
        assert_eq!(
            proportional.evaluate(d("3"), &ratio("1", "0")),
            Err(RuleError::WrongMeasure)
        );
        // The same rules on a ratio: 1/1 = 100% meets both.
        assert_eq!(
            tiers.evaluate(d("3"), &ratio("1", "1")),
            Ok((d("3"), Branch::Tier { tier: 1 }))
        );
        assert_eq!(
            proportional.evaluate(d("3"), &ratio("1", "1")),
            Ok((d("3"), Branch::TargetMet))
        );
    }

    /// Rounding a proportional value with no quotient to check (a zero denominator or a zero
    /// target, which `evaluate` never gives a proportional branch) is plain rounding: 0.125
    /// → 0.13, half away from zero, not a step past it.
    #[test]
    fn rounding_without_a_quotient_is_plain_rounding() {
        for (target, den) in [("0", "4"), ("90", "0"), ("0", "0")] {
            let rule = Rule::Proportional {
                target: d(target),
                floor: None,
                over_100: false,
            };
            assert_eq!(
                rule.round(d("1"), &ratio("1", den), &Branch::Proportional, d("0.125")),
                d("0.13"),
                "target {target}, den {den}"
            );
        }
        // With both, the exact quotient decides: 1 × 100 × 1 / (90 × 8) = 0.13888… → 0.14.
        let rule = Rule::Proportional {
            target: d("90"),
            floor: None,
            over_100: false,
        };
        let (raw, branch) = rule.evaluate(d("1"), &ratio("1", "8")).unwrap();
        assert_eq!(branch, Branch::Proportional);
        assert_eq!(
            rule.round(d("1"), &ratio("1", "8"), &branch, raw),
            d("0.14")
        );
    }

    /// A survey value is a product that can need more digits than a decimal holds: 9 ×
    /// 0.8894444444444444444444444444 = 8.0049999999999999999999999996, which a decimal rounds
    /// to 8.005 (a midpoint). The exact value is below it: 8.00, not 8.01.
    #[test]
    fn a_survey_product_rounds_as_its_exact_value() {
        let s = Measure::Satisfaction {
            satisfaction: d("0.8894444444444444444444444444"),
        };
        let (raw, branch) = Rule::Survey.evaluate(d("9"), &s).unwrap();
        assert_eq!(raw, d("8.005"));
        assert_eq!(Rule::Survey.round(d("9"), &s, &branch, raw), d("8"));
        // Just at the midpoint, exactly: 10 × 0.8005 = 8.005 → 8.01.
        let s = Measure::Satisfaction {
            satisfaction: d("0.8005"),
        };
        let (raw, branch) = Rule::Survey.evaluate(d("10"), &s).unwrap();
        assert_eq!(Rule::Survey.round(d("10"), &s, &branch, raw), d("8.01"));
    }
}
