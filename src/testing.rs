//! Generators for auditing score computations in other people's tests (feature `testing`):
//! [proptest](https://docs.rs/proptest) strategies for answers, self-assessments, appraisal
//! stages and methodologies that are valid under any methodology given, so that a portal's
//! own test suite can state, as a property, that the scores it stores are the engine's.
//!
//! Every value generated is valid: a submission passes its methodology's check, the stages
//! generated for it apply without a problem, a methodology loads. What is generated covers
//! the field's shapes: every rule kind with its edge measures (ratios above 100 % where an
//! item allows them, dates on and after a deadline, counts past a deduction's floor), not
//! applicable answers where the item has a policy, unanswered items, claims with and without
//! evidence and explanation, bonus and penalty entries, surveys held or not; appraisals that
//! accept, correct a measure, set points and reject evidence, explanations that add evidence.
//!
//! ```
//! use par_index::{catalog, score, testing};
//! use proptest::prelude::*;
//!
//! // A portal's stored result, say: here its own arithmetic of the total, to be audited.
//! fn stored_total(card: &par_index::Scorecard) -> rust_decimal::Decimal {
//!     let gross = card.appraised.points + card.survey.points + card.bonus.points - card.penalty.points;
//!     gross.max(rust_decimal::Decimal::ZERO).min(card.appraised.applicable_max + card.survey.applicable_max)
//! }
//!
//! let m = catalog::default_methodology();
//! proptest!(ProptestConfig::with_cases(32), |(sub in testing::submission(m))| {
//!     let card = score(m, &sub).unwrap();
//!     prop_assert_eq!(stored_total(&card), card.total);
//!     // And what the engine computed verifies.
//!     prop_assert!(par_index::verify(&card, m).is_ok());
//! });
//! ```

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::methodology::{Criterion, Methodology};
use crate::model::rule::{Basis, Measure, Rule};
use crate::model::stage::{EntryDecision, ItemDecision, Response, Source, Stage, StageKind};
use crate::model::submission::{AdjustmentEntry, Answer, Evidence, Submission, Unit};

/// A decimal of `units` × 10^-`scale`.
fn dec(units: u32, scale: u32) -> Decimal {
    Decimal::new(i64::from(units), scale)
}

/// A date of 2024, day `day` of `month` (the first of January if it does not exist).
fn date(month: u8, day: u8) -> Date {
    Date::new(2024, month, day).unwrap_or(Date::FALLBACK)
}

/// An evidence document numbered `n`.
///
/// ```
/// assert_eq!(par_index::testing::evidence(7).number, "7/BC-UBND");
/// ```
#[must_use]
pub fn evidence(n: u32) -> Evidence {
    Evidence {
        number: format!("{n}/BC-UBND"),
        date: date(12, 1),
        issuer: "UBND xã Thử Nghiệm".into(),
        title: format!("Báo cáo số {n}"),
        locator: None,
        link: None,
    }
}

/// Arbitrary valid measures for an item scored by `rule` with maximum `max`: every kind a
/// rule accepts, over the range where its branches lie.
///
/// ```
/// use par_index::methodology::{Measure, Rule};
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let m = par_index::testing::measure(&Rule::Check, 1.into()).new_tree(&mut runner).unwrap().current();
/// assert!(matches!(m, Measure::Check { .. }));
/// ```
pub fn measure(rule: &Rule, max: Decimal) -> BoxedStrategy<Measure> {
    match rule {
        Rule::Check => any::<bool>().prop_map(|met| Measure::Check { met }).boxed(),
        Rule::Deadline { .. } => (1u8..=28, prop::option::of(1u8..=28))
            .prop_map(|(due, done)| Measure::Deadline {
                due: date(6, due),
                done: done.map(|d| date(6, d)),
            })
            .boxed(),
        Rule::Tiers {
            on: Basis::Ratio, ..
        }
        | Rule::Proportional { .. } => {
            let over = rule.allows_over_100();
            (1u32..=2000, 0u32..=2400)
                .prop_map(move |(den, num)| {
                    let num = if over { num } else { num.min(den) };
                    Measure::Ratio {
                        num: dec(num, 0),
                        den: dec(den, 0),
                    }
                })
                .boxed()
        }
        Rule::Tiers {
            on: Basis::Number, ..
        } => (0u32..=6000)
            .prop_map(|v| Measure::Number { value: dec(v, 2) })
            .boxed(),
        Rule::Deduction { .. } => (0u32..=8)
            .prop_map(|count| Measure::Count { count })
            .boxed(),
        Rule::Survey => (0u32..=10000)
            .prop_map(|s| Measure::Satisfaction {
                satisfaction: dec(s, 4),
            })
            .boxed(),
        Rule::Judgement { step } => {
            let step = *step;
            let steps = max
                .checked_div(step)
                .and_then(|n| u32::try_from(n.trunc().mantissa()).ok())
                .unwrap_or(0);
            (0u32..=steps)
                .prop_map(move |q| Measure::Points {
                    points: step.checked_mul(Decimal::from(q)).unwrap_or_default(),
                })
                .boxed()
        }
    }
}

/// Arbitrary answers for one sub-criterion, or none: a measure (with 0–2 evidence documents
/// and maybe an explanation), no answer, or not applicable where the item has a policy.
///
/// ```
/// let m = par_index::catalog::default_methodology();
/// let leaf = m.leaves().next().unwrap();
/// let _answers = par_index::testing::answer(leaf);
/// ```
pub fn answer(leaf: &Criterion) -> BoxedStrategy<Option<Answer>> {
    let Some(rule) = leaf.rule() else {
        return Just(None).boxed();
    };
    let measured = (
        measure(rule, leaf.max()),
        prop::collection::vec(1u32..50, 0..3),
        prop::option::of("[a-z][a-z ]{0,11}"),
    )
        .prop_map(|(measure, ev, explanation)| {
            let mut evidence: Vec<Evidence> = Vec::new();
            for n in ev {
                if !evidence
                    .iter()
                    .any(|e| e.number == self::evidence(n).number)
                {
                    evidence.push(self::evidence(n));
                }
            }
            Answer {
                measure,
                evidence,
                explanation,
            }
        });
    let mut choices: Vec<BoxedStrategy<Option<Answer>>> =
        vec![measured.prop_map(Some).boxed(), Just(None).boxed()];
    if leaf.na_policy().is_some() {
        choices.push(
            Just(Some(Answer::new(Measure::NotApplicable {
                not_applicable: true,
            })))
            .boxed(),
        );
    }
    prop::strategy::Union::new(choices).boxed()
}

/// Arbitrary bonus or penalty entries: up to two, each of 0.01–3 points, with or without
/// evidence.
///
/// ```
/// let _entries = par_index::testing::entries();
/// ```
pub fn entries() -> impl Strategy<Value = Vec<AdjustmentEntry>> {
    prop::collection::vec((1u32..=300, any::<bool>()), 0..3).prop_map(|v| {
        v.into_iter()
            .map(|(a, ev)| AdjustmentEntry {
                amount: dec(a, 2),
                reason: "lý do".into(),
                evidence: if ev { vec![evidence(a)] } else { vec![] },
            })
            .collect()
    })
}

/// Arbitrary valid self-assessments to `m`: each sub-criterion answered (as [`answer`]) or
/// not, bonus and penalty entries, the survey held (85 %) or not (its items then
/// unanswered). Unit `TN`, period 2024. Each passes `m`'s check.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let m = par_index::catalog::get("commune-2025-model").unwrap();
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let sub = par_index::testing::submission(m).new_tree(&mut runner).unwrap().current();
/// assert!(sub.check(m).is_empty());
/// ```
pub fn submission(m: &Methodology) -> impl Strategy<Value = Submission> + use<> {
    let leaves: Vec<&Criterion> = m.leaves().collect();
    let codes: Vec<(Code, bool)> = leaves
        .iter()
        .map(|l| (l.code().clone(), matches!(l.rule(), Some(Rule::Survey))))
        .collect();
    let answers: Vec<_> = leaves.iter().map(|l| answer(l)).collect();
    let id = m.id().to_owned();
    (answers, entries(), entries(), prop::bool::weighted(0.85)).prop_map(
        move |(answers, bonus, penalty, held)| {
            let mut map = BTreeMap::new();
            for ((code, survey), a) in codes.iter().zip(answers) {
                if let Some(a) = a
                    && (held || !*survey)
                {
                    map.insert(code.clone(), a);
                }
            }
            Submission {
                methodology: id.clone(),
                unit: Unit {
                    code: "TN".into(),
                    name: "Xã Thử Nghiệm".into(),
                },
                period: "2024".into(),
                survey_held: held,
                answers: map,
                bonus,
                penalty,
            }
        },
    )
}

/// What an appraiser may decide on one answered item.
#[derive(Debug, Clone)]
enum Decide {
    Accept,
    Points(u32),
    Measure(Measure),
    Reject,
}

/// Arbitrary valid appraisal stages of `sub` under `m`: an appraisal (`appraisal-1`, on
/// 15 January 2025) deciding on some answered items (accept, set points within the item's
/// maximum, correct the measure, reject a cited evidence document) and on some bonus and
/// penalty entries; then, sometimes, the unit's explanation (`explanation`, 20 January)
/// adding evidence and an explanation to some items. Each applies to `sub` without a
/// problem, in the order given.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let m = par_index::catalog::default_methodology();
/// let sub = par_index::catalog::sample_submission();
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let stages = par_index::testing::stages(m, &sub).new_tree(&mut runner).unwrap().current();
/// let cards = par_index::appraisal::score_stages(m, &sub, &stages, None).unwrap();
/// assert_eq!(cards.len(), stages.len() + 1);
/// ```
pub fn stages(m: &Methodology, sub: &Submission) -> impl Strategy<Value = Vec<Stage>> + use<> {
    let items = decidable(m, sub);
    let picks: Vec<_> = items
        .iter()
        .map(|(_, _, d)| prop::option::weighted(0.3, d.clone()))
        .collect();
    let codes: Vec<Code> = items.into_iter().map(|(c, _, _)| c).collect();
    let entries = (
        prop::collection::vec(0u8..3, sub.bonus.len()),
        prop::collection::vec(0u8..3, sub.penalty.len()),
    );
    // The items the unit may explain: answered, not the survey's.
    let answered: Vec<Code> = sub
        .answers
        .keys()
        .filter(|c| {
            m.find(c)
                .and_then(Criterion::rule)
                .is_some_and(|r| !matches!(r, Rule::Survey))
        })
        .cloned()
        .collect();
    let responses = prop::collection::vec(prop::option::weighted(0.2, 100u32..200), answered.len());
    let first_evidence: BTreeMap<Code, String> = sub
        .answers
        .iter()
        .filter_map(|(c, a)| Some((c.clone(), a.evidence.first()?.number.clone())))
        .collect();
    let amounts: (Vec<Decimal>, Vec<Decimal>) = (
        sub.bonus.iter().map(|e| e.amount).collect(),
        sub.penalty.iter().map(|e| e.amount).collect(),
    );
    let (id, unit) = (m.id().to_owned(), sub.unit.code.clone());
    (picks, entries, responses, any::<bool>()).prop_map(
        move |(picks, (bonus, penalty), responses, explain)| {
            let mut decisions = BTreeMap::new();
            for (code, pick) in codes.iter().zip(picks) {
                let Some(pick) = pick else { continue };
                let d = decide(pick, code, &first_evidence);
                decisions.insert(code.clone(), d);
            }
            // Accepted, rejected, or corrected to half the amount claimed (at least 0.01).
            let half = |a: &Decimal| {
                let h = a.checked_div(Decimal::TWO).unwrap_or_default().round_dp(2);
                h.max(dec(1, 2)).min(*a)
            };
            let entry = |(i, (pick, amount)): (usize, (u8, &Decimal))| EntryDecision {
                entry: i,
                accept: pick == 0,
                reject: pick == 1,
                amount: (pick == 2).then(|| half(amount)),
                reason: (pick != 0).then(|| "Thẩm định".to_owned()),
                by: None,
            };
            let appraisal = Stage {
                kind: StageKind::Appraisal,
                stage: "appraisal-1".into(),
                methodology: id.clone(),
                unit: unit.clone(),
                by: "Sở Nội vụ".into(),
                date: Date::new(2025, 1, 15).unwrap_or(Date::FALLBACK),
                sequence: None,
                decisions,
                responses: BTreeMap::new(),
                bonus: bonus
                    .into_iter()
                    .zip(&amounts.0)
                    .enumerate()
                    .map(entry)
                    .collect(),
                penalty: penalty
                    .into_iter()
                    .zip(&amounts.1)
                    .enumerate()
                    .map(entry)
                    .collect(),
                source: Source::default(),
            };
            let mut out = vec![appraisal];
            if explain {
                let responses: BTreeMap<Code, Response> = answered
                    .iter()
                    .zip(responses)
                    .filter_map(|(code, r)| {
                        let n = r?;
                        Some((
                            code.clone(),
                            Response {
                                evidence: vec![evidence(n)],
                                explanation: Some("Đơn vị giải trình".into()),
                            },
                        ))
                    })
                    .collect();
                out.push(Stage {
                    kind: StageKind::Explanation,
                    stage: "explanation".into(),
                    methodology: id.clone(),
                    unit: unit.clone(),
                    by: "UBND xã Thử Nghiệm".into(),
                    date: Date::new(2025, 1, 20).unwrap_or(Date::FALLBACK),
                    sequence: None,
                    decisions: BTreeMap::new(),
                    responses,
                    bonus: Vec::new(),
                    penalty: Vec::new(),
                    source: Source::default(),
                });
            }
            out
        },
    )
}

/// The answered items an appraisal may decide on (not the survey's), with their maxima and
/// what may be decided on each.
fn decidable(m: &Methodology, sub: &Submission) -> Vec<(Code, Decimal, BoxedStrategy<Decide>)> {
    sub.answers
        .iter()
        .filter_map(|(code, a)| {
            let leaf = m.find(code)?;
            let rule = leaf.rule().filter(|r| !matches!(r, Rule::Survey))?;
            let max = leaf.max();
            let hundredths = max
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| u32::try_from(x.trunc().mantissa()).ok())
                .unwrap_or(0);
            let mut choices: Vec<BoxedStrategy<Decide>> = vec![
                Just(Decide::Accept).boxed(),
                (0u32..=hundredths).prop_map(Decide::Points).boxed(),
                measure(rule, max).prop_map(Decide::Measure).boxed(),
            ];
            if !a.evidence.is_empty() {
                choices.push(Just(Decide::Reject).boxed());
            }
            Some((
                code.clone(),
                max,
                prop::strategy::Union::new(choices).boxed(),
            ))
        })
        .collect()
}

/// An appraiser's decision on one item.
fn decide(pick: Decide, code: &Code, first_evidence: &BTreeMap<Code, String>) -> ItemDecision {
    let reason = Some("Thẩm định".to_owned());
    match pick {
        Decide::Accept => ItemDecision {
            accept: true,
            ..ItemDecision::default()
        },
        Decide::Points(p) => ItemDecision {
            points: Some(dec(p, 2)),
            reason,
            ..ItemDecision::default()
        },
        Decide::Measure(measure) => ItemDecision {
            measure: Some(measure),
            reason,
            ..ItemDecision::default()
        },
        Decide::Reject => ItemDecision {
            reject_evidence: first_evidence.get(code).cloned().into_iter().collect(),
            reason,
            ..ItemDecision::default()
        },
    }
}

/// One sub-criterion of a generated methodology: its maximum in quarter points, its rule
/// (as TOML) and its N/A policy.
fn leaf_def() -> impl Strategy<Value = (u32, String, Option<&'static str>)> {
    (1u32..=20, 0usize..8, 1u32..=3, 0usize..3).prop_map(|(quarters, kind, k, na)| {
        let max = dec(quarters.saturating_mul(25), 2).normalize();
        // Tier i of k: max × (k - i) / k, rounded as points are.
        let tier_points = |i: u32| {
            let p = max
                .checked_mul(Decimal::from(k.saturating_sub(i)))
                .and_then(|x| x.checked_div(Decimal::from(k)))
                .unwrap_or_default();
            crate::model::exact::round_points(p).normalize()
        };
        let tiers = |ats: [u32; 3]| {
            ats.iter()
                .zip(0..k)
                .map(|(at, i)| format!("{{ at = {at}, points = {} }}", tier_points(i)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let pick = |list: [&'static str; 3]| {
            list.get(usize::try_from(k.saturating_sub(1)).unwrap_or(0))
                .copied()
                .unwrap_or("1")
        };
        let rule = match kind {
            0 => "{ kind = \"check\" }".to_owned(),
            1 => "{ kind = \"deadline\", late = 0 }".to_owned(),
            2 => format!(
                "{{ kind = \"tiers\", on = \"ratio\", tiers = [{}] }}",
                tiers([95, 80, 50])
            ),
            3 => format!(
                "{{ kind = \"tiers\", on = \"number\", direction = \"at-most\", tiers = [{}] }}",
                tiers([10, 20, 30])
            ),
            4 => format!(
                "{{ kind = \"proportional\", target = {}, floor = 30 }}",
                pick(["50", "80", "100"])
            ),
            5 => format!(
                "{{ kind = \"deduction\", per = {} }}",
                pick(["0.25", "0.5", "1"])
            ),
            6 => "{ kind = \"survey\" }".to_owned(),
            _ => "{ kind = \"judgement\", step = 0.25 }".to_owned(),
        };
        let na = if kind == 6 {
            Some("exclude")
        } else {
            [None, Some("full"), Some("exclude")]
                .get(na)
                .copied()
                .flatten()
        };
        (quarters, rule, na)
    })
}

/// Arbitrary methodologies of the field's shapes, as the TOML text of a methodology file:
/// 1–3 areas of 1–3 criteria of 1–3 sub-criteria, every rule kind (checks, deadlines, tiers
/// on ratios and on numbers, proportional, deductions, survey items, judgement), N/A
/// policies, either evidence policy, bonus and penalty caps, two bands. Each loads.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// let mut runner = proptest::test_runner::TestRunner::deterministic();
/// let text = par_index::testing::methodology_text().new_tree(&mut runner).unwrap().current();
/// assert!(par_index::methodology::load_str(&text, None).is_ok());
/// ```
pub fn methodology_text() -> impl Strategy<Value = String> {
    let criterion = prop::collection::vec(leaf_def(), 1..=3);
    let area = prop::collection::vec(criterion, 1..=3);
    (prop::collection::vec(area, 1..=3), any::<bool>(), 0u32..=8, 0u32..=8).prop_map(
        |(areas, flag, bonus, penalty)| {
            let quarter = |q: u32| dec(q.saturating_mul(25), 2).normalize();
            let mut items = String::new();
            let mut area_defs = String::new();
            let mut total = 0u32;
            for (a, criteria) in (1u32..).zip(&areas) {
                let mut area_q = 0u32;
                for (c, leaves) in (1u32..).zip(criteria) {
                    let crit_q: u32 = leaves.iter().fold(0u32, |s, l| s.saturating_add(l.0));
                    area_q = area_q.saturating_add(crit_q);
                    items.push_str(&format!(
                        "[[items]]\ncode = \"{a}.{c}\"\ntitle = {{ vi = \"Tiêu chí {a}.{c}\" }}\nmax = {}\n\n",
                        quarter(crit_q)
                    ));
                    for (l, (q, rule, na)) in (1u32..).zip(leaves) {
                        items.push_str(&format!(
                            "[[items]]\ncode = \"{a}.{c}.{l}\"\ntitle = {{ vi = \"Tiêu chí thành phần\" }}\nmax = {}\nrule = {rule}\n",
                            quarter(*q)
                        ));
                        if let Some(na) = na {
                            items.push_str(&format!("na = \"{na}\"\n"));
                        }
                        items.push('\n');
                    }
                }
                total = total.saturating_add(area_q);
                area_defs.push_str(&format!(
                    "[[areas]]\ncode = \"{a}\"\ntitle = {{ vi = \"Lĩnh vực {a}\" }}\nmax = {}\noffice = {{ vi = \"Văn phòng\" }}\n\n",
                    quarter(area_q)
                ));
            }
            format!(
                "id = \"generated\"\ntitle = {{ vi = \"Bộ tiêu chí sinh ngẫu nhiên\" }}\nlevel = \"district\"\nyear = 2024\n\
                 max = {}\nevidence_policy = \"{}\"\nbonus_cap = {}\npenalty_cap = {}\n\n\
                 [provenance]\nderived_from = \"proptest\"\nnote = \"generated\"\n\n\
                 [[bands]]\nlabel = {{ vi = \"Đạt\" }}\nmin = 60\n\n[[bands]]\nlabel = {{ vi = \"Chưa đạt\" }}\nmin = 0\n\n{area_defs}{items}",
                quarter(total),
                if flag { "flag" } else { "zero" },
                quarter(bonus),
                quarter(penalty),
            )
        },
    )
}

/// Arbitrary methodologies of the field's shapes ([`methodology_text`], loaded), each with
/// arbitrary valid self-assessments to it ([`submission`]).
///
/// ```
/// use proptest::prelude::*;
/// use par_index::ProblemKind;
/// proptest!(ProptestConfig::with_cases(8), |((m, sub) in par_index::testing::methodology_and_submission())| {
///     match par_index::score(&m, &sub) {
///         Ok(card) => prop_assert!(card.total <= m.max()),
///         // Every item not applicable and excluded from the maximum: no index to compute,
///         // and the engine says so rather than dividing by zero.
///         Err(e) => prop_assert!(e.problems().iter().all(|p| p.kind == ProblemKind::NothingApplicable)),
///     }
/// });
/// ```
pub fn methodology_and_submission() -> impl Strategy<Value = (Methodology, Submission)> {
    methodology_text()
        .prop_filter_map("a generated methodology loads", |text| {
            crate::read::methodology::load_methodology_str(&text, Some("generated.toml")).ok()
        })
        .prop_flat_map(|m| {
            let subs = submission(&m);
            (Just(m), subs)
        })
}
