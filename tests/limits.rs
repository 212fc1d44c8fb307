//! The laws at the limits: every methodology that validates scores, ranks, explains, reports
//! its gaps and verifies, without overflow or abort, whatever answers it gets. Methodologies
//! are generated at the edges of what loading accepts: codes as deep as allowed, maxima and
//! caps at the largest allowed, rule parameters with the most digits allowed; submissions
//! with 28-digit ratios, the largest counts and numbers, and bonus and penalty at their limit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod rendered;
use rendered::Rendered;

use std::collections::BTreeMap;

use par_index::{
    Code, Date, Lang, Limits, Scorecard, Submission, analysis::gaps, analysis::rank, methodology,
    methodology::Measure, report::explain, score, submission::AdjustmentEntry, submission::Answer,
    submission::Evidence, submission::Unit, verify,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// One leaf's rule, written as TOML, for an item of `max` points.
#[derive(Debug, Clone)]
enum Kind {
    Check,
    Deadline,
    TiersRatio,
    TiersNumber,
    Proportional,
    Deduction,
    Judgement,
    Survey,
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Check),
        Just(Kind::Deadline),
        Just(Kind::TiersRatio),
        Just(Kind::TiersNumber),
        Just(Kind::Proportional),
        Just(Kind::Deduction),
        Just(Kind::Judgement),
        Just(Kind::Survey),
    ]
}

fn rule_toml(k: &Kind, max: Decimal) -> String {
    match k {
        Kind::Check => r#"{ kind = "check" }"#.into(),
        Kind::Deadline => format!(
            r#"{{ kind = "deadline", late = "{}" }}"#,
            (max / Decimal::TWO).round_dp(2)
        ),
        // Thresholds with six decimals, as many as allowed.
        Kind::TiersRatio => format!(
            r#"{{ kind = "tiers", on = "ratio", tiers = [{{ at = "99.999999", points = "{max}" }}, {{ at = "0.000001", points = "0" }}] }}"#
        ),
        Kind::TiersNumber => format!(
            r#"{{ kind = "tiers", on = "number", direction = "at-most", tiers = [{{ at = "0.000001", points = "{max}" }}, {{ at = "1000000000", points = "0" }}] }}"#
        ),
        Kind::Proportional => {
            r#"{ kind = "proportional", target = "0.000001", floor = "0.000001", over_100 = true }"#
                .into()
        }
        Kind::Deduction => r#"{ kind = "deduction", per = "1000000000" }"#.into(),
        Kind::Judgement => r#"{ kind = "judgement", step = "0.01" }"#.into(),
        Kind::Survey => r#"{ kind = "survey" }"#.into(),
    }
}

/// A methodology with `areas` areas, each a chain of criteria `depth` codes deep ending in
/// leaves; the areas share the largest total allowed (1,000,000 points), the leaves their
/// area's max.
fn methodology(
    depth: usize,
    leaves: &[(Kind, bool)],
    areas: usize,
) -> (String, Vec<(String, Kind, Decimal)>) {
    // The total at the largest allowed, shared by the areas (in cents).
    let total = Decimal::from(1_000_000);
    let areas_n = Decimal::from(areas);
    let area_max =
        (total / areas_n).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    let mut t = String::from(
        "id = \"limits\"\ntitle = { vi = \"Bộ thử ở giới hạn\" }\nlevel = \"commune\"\nyear = 2025\n",
    );
    t.push_str(&format!("max = {}\n", area_max * areas_n));
    t.push_str("evidence_policy = \"zero\"\nbonus_cap = 1000000\npenalty_cap = 1000000\n");
    t.push_str("[provenance]\nderived_from = \"tests/limits.rs\"\nnote = \"generated\"\n");
    t.push_str("[[bands]]\nlabel = { vi = \"Tốt\" }\nmin = 99.99\n[[bands]]\nlabel = { vi = \"Kém\" }\nmin = 0\n");
    let mut out = Vec::new();
    for a in 1..=areas {
        t.push_str(&format!("[[areas]]\ncode = \"{a}\"\ntitle = {{ vi = \"Lĩnh vực {a}\" }}\nmax = {area_max}\noffice = {{ vi = \"Văn phòng\" }}\n"));
        // The chain a.1, a.1.1, … down to depth − 1, each with the area's max.
        let mut code = a.to_string();
        for _ in 2..depth {
            code.push_str(".1");
            t.push_str(&format!("[[items]]\ncode = \"{code}\"\ntitle = {{ vi = \"Nhóm {code}\" }}\nmax = {area_max}\n"));
        }
        // Leaves share the max: equal parts in cents, the remainder on the first.
        let n = Decimal::from(leaves.len());
        let part = (area_max / n).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
        let first = area_max - part * (n - Decimal::ONE);
        for (i, (k, na)) in leaves.iter().enumerate() {
            let leaf = format!("{code}.{}", i + 1);
            let max = if i == 0 { first } else { part };
            let na = if *na || matches!(k, Kind::Survey) {
                "na = \"exclude\"\n"
            } else {
                ""
            };
            t.push_str(&format!(
                "[[items]]\ncode = \"{leaf}\"\ntitle = {{ vi = \"Tiêu chí {leaf}\" }}\nmax = {max}\nrule = {}\n{na}",
                rule_toml(k, max)
            ));
            out.push((leaf, k.clone(), max));
        }
    }
    (t, out)
}

/// A 28-digit decimal in [0, 1].
fn unit_interval() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ONE),
        Just(Decimal::ZERO),
        (0u128..=10u128.pow(28)).prop_map(|m| Decimal::from_i128_with_scale(m as i128, 28)),
    ]
}

fn big() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::new(1, 28)),
        any::<i64>().prop_map(|x| Decimal::new(x, 0)),
    ]
}

fn doc() -> Evidence {
    Evidence {
        number: "1/KH-UBND".into(),
        date: Date::new(2025, 1, 2).unwrap(),
        issuer: "UBND".into(),
        title: "Kế hoạch".into(),
        locator: None,
        link: None,
    }
}

#[derive(Debug, Clone)]
struct Pick {
    num: Decimal,
    den: Decimal,
    value: Decimal,
    count: u32,
    met: bool,
    cents: u32,
    answered: bool,
}

fn pick() -> impl Strategy<Value = Pick> {
    (
        unit_interval(),
        big(),
        big(),
        any::<u32>(),
        any::<bool>(),
        any::<u32>(),
        prop::bool::weighted(0.9),
    )
        .prop_map(|(r, den, value, count, met, cents, answered)| {
            let den = den.abs().max(Decimal::new(1, 28));
            // num ≤ den, or up to the largest decimal for over-100% rules.
            let num = (den * r).min(den);
            Pick {
                num,
                den,
                value,
                count,
                met,
                cents,
                answered,
            }
        })
}

fn measure(k: &Kind, max: Decimal, p: &Pick) -> Measure {
    match k {
        Kind::Check => Measure::Check { met: p.met },
        Kind::Deadline => Measure::Deadline {
            due: Date::new(2025, 1, 31).unwrap(),
            done: p.met.then(|| Date::new(2025, 2, 1).unwrap()),
        },
        Kind::TiersRatio => Measure::Ratio {
            num: p.num,
            den: p.den,
        },
        Kind::Proportional => Measure::Ratio {
            num: if p.met { Decimal::MAX } else { p.num },
            den: p.den,
        },
        Kind::TiersNumber => Measure::Number {
            value: p.value.abs(),
        },
        Kind::Deduction => Measure::Count { count: p.count },
        Kind::Judgement => Measure::Points {
            points: (Decimal::from(p.cents) / Decimal::ONE_HUNDRED).min(max),
        },
        Kind::Survey => Measure::Satisfaction {
            satisfaction: (p.num / p.den).min(Decimal::ONE),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn whatever_validates_scores_ranks_explains_and_verifies(
        depth in 2usize..=Limits::default().code_depth,
        areas in 1usize..=3,
        leaves in prop::collection::vec((kind(), any::<bool>()), 1..6),
        picks in prop::collection::vec(pick(), 6),
        bonus in prop::collection::vec(1u32..=1_000_000, 0..4),
        survey_held in any::<bool>(),
    ) {
        let (text, items) = methodology(depth, &leaves, areas);
        let m = methodology::load_str(&text, Some("limits.toml"))
            .unwrap_or_else(|e| panic!("a methodology at the limits must load: {e}\n{text}"));
        let mut answers = BTreeMap::new();
        for (i, (code, k, max)) in items.iter().enumerate() {
            let p = &picks[i % picks.len()];
            if !p.answered || (matches!(k, Kind::Survey) && !survey_held) {
                continue;
            }
            let mut a = Answer::new(measure(k, *max, p));
            a.evidence.push(doc());
            answers.insert(code.parse::<Code>().unwrap(), a);
        }
        let entry = |amount: u32| AdjustmentEntry {
            amount: Decimal::from(amount),
            reason: "Lý do".into(),
            evidence: vec![doc()],
        };
        let sub = Submission {
            methodology: "limits".into(),
            unit: Unit { code: "U-1".into(), name: "Xã U".into() },
            period: "2025".into(),
            survey_held,
            answers,
            bonus: bonus.iter().copied().map(entry).collect(),
            penalty: bonus.iter().rev().copied().map(entry).collect(),
        };
        let card = match score(&m, &sub) {
            Ok(card) => card,
            // Every item excluded is the one refusal allowed; never an overflow.
            Err(e) => {
                prop_assert!(
                    e.problems().iter().all(|p| p.kind == par_index::ProblemKind::NothingApplicable),
                    "{e}"
                );
                return Ok(());
            }
        };
        prop_assert!(card.index >= Decimal::ZERO && card.index <= Decimal::ONE_HUNDRED);
        prop_assert!(card.total <= card.applicable_max);
        prop_assert!(verify(&card, &m).is_ok());
        let back = Scorecard::from_json(&card.to_json()).unwrap();
        prop_assert!(verify(&back, &m).is_ok());
        let r = rank(std::slice::from_ref(&card));
        prop_assert_eq!(r.rows.len(), 1);
        let _ = r.md(Lang::Vi);
        let _ = r.csv();
        for (code, _, _) in &items {
            prop_assert!(explain(&card, &code.parse().unwrap(), Lang::En).is_some());
        }
        let _ = gaps(&card).md(Lang::Vi);
        let _ = par_index::report::render(&card, par_index::report::Format::Text, Lang::Vi).unwrap();
        for leaf in card.leaves() {
            let _ = par_index::analysis::improvements(leaf);
        }
    }
}
