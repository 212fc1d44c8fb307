//! Thresholds and rounding are decided by the exact values, whatever digits the readers
//! accept: 28-digit operands generated next to every threshold and every rounding midpoint,
//! checked against an oracle in arbitrary-precision integers (`num-bigint`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use num_bigint::BigInt;
use par_index::{
    Submission, catalog, methodology::Branch, methodology::Measure, methodology::Rule, score,
    submission::Answer,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A decimal as an exact fraction m / 10^s.
fn frac(d: Decimal) -> (BigInt, u32) {
    (BigInt::from(d.mantissa()), d.scale())
}

fn pow10(n: u32) -> BigInt {
    BigInt::from(10u8).pow(n)
}

/// 100 × num ≥ at × den, exactly.
fn oracle_meets(num: Decimal, den: Decimal, at: Decimal) -> bool {
    let (mn, sn) = frac(num);
    let (md, sd) = frac(den);
    let (ma, sa) = frac(at);
    // 100 mn / 10^sn ≥ ma md / 10^(sa+sd)
    BigInt::from(100) * mn * pow10(sa + sd) >= ma * md * pow10(sn)
}

/// round_half_away(100 × max × num ÷ (target × den), 2) for non-negative operands.
fn oracle_proportional(max: Decimal, num: Decimal, den: Decimal, target: Decimal) -> Decimal {
    let (mm, sm) = frac(max);
    let (mn, sn) = frac(num);
    let (mt, st) = frac(target);
    let (md, sd) = frac(den);
    let n = BigInt::from(100) * mm * mn * pow10(st + sd);
    let d = mt * md * pow10(sm + sn);
    // k = floor((200 n + d) / (2 d)): the value × 100, rounded half up.
    let k: BigInt = (BigInt::from(200) * n + &d) / (BigInt::from(2) * d);
    let k = i128::try_from(k).unwrap();
    Decimal::from_i128_with_scale(k, 2).normalize()
}

fn m() -> &'static par_index::Methodology {
    catalog::default_methodology()
}

fn full() -> Submission {
    Submission::from_file("tests/cases/full-marks.json").unwrap()
}

/// A positive decimal of up to 28 digits with any scale.
fn any_den() -> impl Strategy<Value = Decimal> {
    (1u128..10u128.pow(28), 0u32..=28)
        .prop_map(|(m, s)| Decimal::from_i128_with_scale(m as i128, s))
}

/// A decimal next to den × f: the nearest 28-digit value, give or take a few units of its
/// last place, clamped to [0, den].
fn near(den: Decimal, f: Decimal, delta: i64) -> Decimal {
    let approx = den.checked_mul(f).unwrap_or(den);
    let ulp = Decimal::new(1, approx.scale());
    let shifted = if delta >= 0 {
        (0..delta).fold(approx, |a, _| a.checked_add(ulp).unwrap_or(a))
    } else {
        (0..-delta).fold(approx, |a, _| a.checked_sub(ulp).unwrap_or(a))
    };
    shifted.max(Decimal::ZERO).min(den)
}

fn tiers_321() -> Rule {
    m().find(&"3.2.1".parse().unwrap())
        .unwrap()
        .rule()
        .unwrap()
        .clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// 3.2.1: tiers at 95%, 90%, 80%. The tier taken is the first the exact ratio meets.
    #[test]
    fn tiers_are_met_by_the_exact_ratio(den in any_den(), which in 0usize..3, delta in -3i64..=3) {
        let ats = [Decimal::from(95), Decimal::from(90), Decimal::from(80)];
        let num = near(den, ats[which] / Decimal::ONE_HUNDRED, delta);
        let rule = tiers_321();
        let (points, branch) = rule.evaluate(3.into(), &Measure::Ratio { num, den }).unwrap();
        let expected = ats.iter().position(|at| oracle_meets(num, den, *at));
        match expected {
            Some(i) => {
                prop_assert_eq!(branch, Branch::Tier { tier: i as u32 + 1 });
                prop_assert_eq!(points, Decimal::from(3 - i as i64));
            }
            None => prop_assert_eq!(branch, Branch::BelowTiers),
        }
    }

    /// 3.4.2: proportional, target 50%, max 1. Next to the target and next to every rounding
    /// midpoint, the points are the exact value rounded half away from zero.
    #[test]
    fn proportional_points_round_as_the_exact_value(
        den in any_den(),
        k in 0u32..100,
        delta in -3i64..=3,
        at_target in any::<bool>(),
    ) {
        // q = 2 × num / den (max 1, target 50%); q = (k + 0.5) / 100 at num = den × (2k + 1) / 400.
        let f = if at_target {
            Decimal::new(5, 1)
        } else {
            Decimal::from(2 * k + 1) / Decimal::from(400)
        };
        let num = near(den, f, delta);
        let mut sub = full();
        let mut answer = sub.answers[&"3.4.2".parse().unwrap()].clone();
        answer.measure = Measure::Ratio { num, den };
        sub.answers.insert("3.4.2".parse().unwrap(), Answer { ..answer });
        let card = score(m(), &sub).unwrap();
        let leaf = card.find(&"3.4.2".parse().unwrap()).unwrap();
        let target = Decimal::from(50);
        let expected = if oracle_meets(num, den, target) {
            Decimal::ONE
        } else {
            oracle_proportional(Decimal::ONE, num, den, target)
        };
        prop_assert_eq!(leaf.points, expected, "num {} den {}", num, den);
        // The total is exact: 99 + the item's points; the index is the total (max 100).
        prop_assert_eq!(card.total, Decimal::from(99) + expected);
    }
}

/// A rule evaluated on its own (outside a validated methodology, whose parameters are at
/// most 10^9) on values past the decimal range answers `Overflow`: no panic, no wrapped or
/// saturated number.
#[test]
fn arithmetic_past_the_decimal_range_is_an_overflow() {
    use par_index::methodology::RuleError;
    let big = Decimal::MAX; // 79 228 162 514 264 337 593 543 950 335
    // Deduction: per × count = MAX × 2 > MAX.
    let deduction = Rule::Deduction { per: big };
    let count = |count| Measure::Count { count };
    assert_eq!(
        deduction.evaluate(1.into(), &count(2)),
        Err(RuleError::Overflow)
    );
    // The same rule with one count: MAX × 1 = MAX fits; MAX ≥ max 1, so the floor, 0.
    assert_eq!(
        deduction.evaluate(1.into(), &count(1)),
        Ok((Decimal::ZERO, Branch::DeductionFloor))
    );
    // Survey: max × satisfaction = MAX × 2 > MAX (a satisfaction over 1 is refused by the
    // checks; the rule alone still says overflow).
    let two = Measure::Satisfaction {
        satisfaction: 2.into(),
    };
    assert_eq!(Rule::Survey.evaluate(big, &two), Err(RuleError::Overflow));
    // Proportional, target MAX %, num = MAX ÷ 10, den = 100: 100 × num = MAX × 10 is less
    // than target × den = MAX × 100, so below the target. 100 × num overflows, so the rule
    // divides first: ratio = MAX ÷ 1000, and max × ratio = MAX × MAX ÷ 1000 > MAX.
    let proportional = Rule::Proportional {
        target: big,
        floor: None,
        over_100: false,
    };
    let ratio = Measure::Ratio {
        num: big / Decimal::TEN,
        den: 100.into(),
    };
    assert_eq!(proportional.evaluate(big, &ratio), Err(RuleError::Overflow));
    // With max 1 the divided-first order fits: 1 × (MAX ÷ 1000) × 100 ÷ MAX = 1/10.
    assert_eq!(
        proportional.evaluate(1.into(), &ratio),
        Ok((Decimal::new(1, 1), Branch::Proportional))
    );
}
