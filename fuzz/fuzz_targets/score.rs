//! Scoring of arbitrary structured submissions (built with `arbitrary` from the methodology's
//! own items and rules): scoring never panics, and every scorecard keeps the laws: points
//! within [0, max], parents the sums of their children, an index in [0, 100], and a fresh
//! scorecard verifies.
#![no_main]
use arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use par_index::{submission::Answer, methodology::Basis, submission::Evidence, methodology::Measure, methodology::Rule, Submission, catalog};
use rust_decimal::Decimal;

fn decimal(u: &mut Unstructured<'_>) -> Result<Decimal> {
    let units = i64::from(u32::arbitrary(u)?);
    let scale = u32::from(u8::arbitrary(u)? % 5);
    Ok(Decimal::new(units, scale))
}

fn measure(u: &mut Unstructured<'_>, rule: &Rule) -> Result<Measure> {
    Ok(match rule {
        Rule::Check => Measure::Check {
            met: bool::arbitrary(u)?,
        },
        Rule::Deadline { .. } => {
            let day = |u: &mut Unstructured<'_>| -> Result<par_index::Date> {
                Ok(par_index::Date::new(
                    2024,
                    1 + u8::arbitrary(u)? % 12,
                    1 + u8::arbitrary(u)? % 28,
                )
                .unwrap_or_else(|| {
                    par_index::Date::new(2024, 1, 1).unwrap_or_else(|| unreachable!())
                }))
            };
            Measure::Deadline {
                due: day(u)?,
                done: if bool::arbitrary(u)? {
                    Some(day(u)?)
                } else {
                    None
                },
            }
        }
        Rule::Tiers {
            on: Basis::Number, ..
        } => Measure::Number { value: decimal(u)? },
        Rule::Tiers { .. } | Rule::Proportional { .. } => {
            let den = decimal(u)?;
            let num = decimal(u)?;
            let num = if rule.allows_over_100() {
                num
            } else {
                num.min(den)
            };
            Measure::Ratio { num, den }
        }
        Rule::Deduction { .. } => Measure::Count {
            count: u32::arbitrary(u)? % 1000,
        },
        Rule::Survey => Measure::Satisfaction {
            satisfaction: Decimal::new(i64::from(u16::arbitrary(u)? % 10_001), 4),
        },
        Rule::Judgement { .. } => Measure::Points {
            points: Decimal::new(i64::from(u8::arbitrary(u)? % 7) * 25, 2),
        },
        // A rule kind added later: an arbitrary check answer (scored as a wrong measure).
        _ => Measure::Check {
            met: bool::arbitrary(u)?,
        },
    })
}

fn submission(u: &mut Unstructured<'_>) -> Result<Submission> {
    let m = catalog::default_methodology();
    let mut s = par_index::catalog::sample_submission();
    s.survey_held = u.ratio(9, 10)?;
    s.answers.clear();
    for leaf in m.leaves() {
        let Some(rule) = leaf.rule() else { continue };
        if !bool::arbitrary(u)? || (matches!(rule, Rule::Survey) && !s.survey_held) {
            continue;
        }
        let measure = if leaf.na_policy().is_some() && u.ratio(1, 10)? {
            Measure::NotApplicable {
                not_applicable: true,
            }
        } else {
            measure(u, rule)?
        };
        let evidence = (0..u8::arbitrary(u)? % 3)
            .map(|i| Evidence {
                number: format!("{i}/BC"),
                date: par_index::Date::new(2024, 12, 1).unwrap_or_else(|| unreachable!()),
                issuer: "UBND".into(),
                title: "Báo cáo".into(),
                locator: None,
                link: None,
            })
            .collect();
        let explanation = if bool::arbitrary(u)? {
            Some(String::arbitrary(u)?)
        } else {
            None
        };
        s.answers.insert(
            leaf.code().clone(),
            Answer {
                measure,
                evidence,
                explanation,
            },
        );
    }
    Ok(s)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(sub) = submission(&mut u) else { return };
    let m = catalog::default_methodology();
    // Generated measures can still be invalid (a zero denominator where N/A is not allowed):
    // those are errors, never panics.
    let Ok(card) = par_index::score(m, &sub) else {
        return;
    };
    assert!(card.index >= Decimal::ZERO && card.index <= Decimal::ONE_HUNDRED);
    for leaf in card.leaves() {
        assert!(leaf.points >= Decimal::ZERO && leaf.points <= leaf.max);
    }
    for area in &card.areas {
        let sum: Decimal = area.children.iter().map(|c| c.points).sum();
        assert_eq!(area.points, sum.min(area.max));
    }
    assert!(par_index::verify(&card, m).is_ok());
});
