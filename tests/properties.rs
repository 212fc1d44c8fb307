//! The laws of scoring, checked on arbitrary valid submissions to the embedded set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use par_index::testing;
use par_index::{
    Code, Scorecard, Submission, analysis::improvements, catalog, methodology::Direction,
    methodology::Measure, methodology::Rule, score, scorecard::ScoreNode, submission::Answer,
    verify,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

fn m() -> &'static par_index::Methodology {
    catalog::default_methodology()
}

fn dec(units: u32, scale: u32) -> Decimal {
    Decimal::new(i64::from(units), scale)
}

// The generators are the crate's own (`par_index::testing`, feature `testing`): the ones a
// portal's test suite uses to audit its stored scores.
use par_index::testing::evidence as doc;

fn submission() -> impl Strategy<Value = Submission> {
    testing::submission(m())
}

fn generated() -> impl Strategy<Value = (par_index::Methodology, Submission)> {
    testing::methodology_and_submission()
}

fn check_node(n: &ScoreNode) {
    assert!(
        n.points >= Decimal::ZERO && n.points <= n.max,
        "{}: {} of {}",
        n.code,
        n.points,
        n.max
    );
    assert!(n.applicable_max <= n.max);
    if !n.children.is_empty() {
        let sum: Decimal = n.children.iter().map(|c| c.points).sum();
        assert_eq!(n.points, sum, "{} is not the sum of its children", n.code);
        let amax: Decimal = n.children.iter().map(|c| c.applicable_max).sum();
        assert_eq!(n.applicable_max, amax);
        n.children.iter().for_each(check_node);
    }
}

fn leaf_points(card: &Scorecard, code: &Code) -> Decimal {
    card.find(code).unwrap().points
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn nodes_are_bounded_and_parents_are_sums(s in submission()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); }; // all excluded: no index
        card.areas.iter().for_each(check_node);
    }

    #[test]
    fn total_is_the_clamped_sum_and_index_is_a_percentage(s in submission()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        let gross = card.appraised.points + card.survey.points + card.bonus.points - card.penalty.points;
        prop_assert_eq!(card.total, gross.max(Decimal::ZERO).min(card.applicable_max));
        prop_assert!(card.bonus.points <= card.bonus.cap && card.penalty.points <= card.penalty.cap);
        prop_assert!(card.index >= Decimal::ZERO && card.index <= Decimal::ONE_HUNDRED);
        let areas: Decimal = card.areas.iter().map(|a| a.points).sum();
        prop_assert_eq!(areas, card.appraised.points + card.survey.points);
        prop_assert_eq!(card.index, par_index::methodology::round_points(card.total * Decimal::ONE_HUNDRED / card.applicable_max));
        prop_assert_eq!(&card.band.label, &m().band_of(card.index).label);
    }

    #[test]
    fn scorecard_json_round_trips(s in submission()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        let back: Scorecard = serde_json::from_str(&card.to_json()).unwrap();
        prop_assert_eq!(back, card);
    }

    #[test]
    fn submission_json_round_trips(s in submission()) {
        prop_assert_eq!(Submission::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn raising_a_measure_never_lowers_points(s in submission(), pick in any::<prop::sample::Index>(), up in 1u32..500) {
        let Ok(before) = score(m(), &s) else { return Ok(()); };
        let answered: Vec<(Code, Answer)> = s.answers.iter()
            .filter(|(_, a)| !a.measure.is_not_applicable())
            .map(|(c, a)| (c.clone(), a.clone())).collect();
        if answered.is_empty() { return Ok(()); }
        let (code, a) = pick.get(&answered).clone();
        let rule = m().find(&code).unwrap().rule().unwrap().clone();
        let better = match (&rule, &a.measure) {
            (_, Measure::Ratio { num, den }) => {
                let raised = *num + Decimal::from(up);
                let num = if rule.allows_over_100() { raised } else { raised.min(*den) };
                Measure::Ratio { num, den: *den }
            }
            (Rule::Tiers { direction: Direction::AtMost, .. }, Measure::Number { value }) => {
                Measure::Number { value: (*value - Decimal::from(up)).max(Decimal::ZERO) }
            }
            (_, Measure::Number { value }) => Measure::Number { value: *value + Decimal::from(up) },
            (_, Measure::Count { count }) => Measure::Count { count: count.saturating_sub(up) },
            (_, Measure::Satisfaction { satisfaction }) => Measure::Satisfaction {
                satisfaction: (*satisfaction + dec(up, 3)).min(Decimal::ONE),
            },
            (_, Measure::Check { .. }) => Measure::Check { met: true },
            (_, Measure::Deadline { due, .. }) => Measure::Deadline { due: *due, done: Some(*due) },
            (_, other) => other.clone(),
        };
        let mut s2 = s.clone();
        s2.answers.insert(code.clone(), Answer { measure: better, ..a });
        let after = score(m(), &s2).unwrap();
        prop_assert!(leaf_points(&after, &code) >= leaf_points(&before, &code), "{}", code);
        prop_assert!(after.total >= before.total);
    }

    #[test]
    fn adding_evidence_never_lowers_points(s in submission()) {
        let Ok(before) = score(m(), &s) else { return Ok(()); };
        let mut s2 = s.clone();
        for a in s2.answers.values_mut() {
            a.evidence.push(doc(999));
        }
        for e in &mut s2.bonus {
            e.evidence.push(doc(998));
        }
        let after = score(m(), &s2).unwrap();
        for (b, a) in before.leaves().zip(after.leaves()) {
            prop_assert!(a.points >= b.points, "{}", a.code);
        }
        prop_assert!(after.total >= before.total);
    }

    #[test]
    fn order_of_answers_and_evidence_changes_nothing(s in submission(), seed in any::<u64>()) {
        let card = score(m(), &s);
        // The same facts written in another order: answers reversed, evidence rotated.
        let mut entries: Vec<String> = s.answers.iter().map(|(code, a)| {
            let mut a = a.clone();
            if !a.evidence.is_empty() {
                let k = (seed as usize) % a.evidence.len();
                a.evidence.rotate_left(k);
                a.evidence.reverse();
            }
            format!("{}: {}", serde_json::to_string(code.as_str()).unwrap(), serde_json::to_string(&a).unwrap())
        }).collect();
        entries.reverse();
        let mut head = serde_json::to_value(&s).unwrap();
        head.as_object_mut().unwrap().remove("answers");
        let head = serde_json::to_string(&head).unwrap();
        let text = format!("{{\"answers\": {{{}}}, {}", entries.join(",\n  "), head.trim_start_matches('{'));
        let s2 = Submission::from_json(&text).unwrap();
        let card2 = score(m(), &s2);
        match (card, card2) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.to_json(), b.to_json()),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            _ => prop_assert!(false, "one scored and the other did not"),
        }
    }
}

/// Keys whose string values are decimals in a scorecard.
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

/// Every number of a scorecard's JSON: (pointer, code of the enclosing node).
fn numbers(v: &Value, at: String, code: Option<String>, out: &mut Vec<(String, Option<String>)>) {
    match v {
        Value::Object(map) => {
            let code = match (map.get("code"), map.contains_key("points")) {
                (Some(Value::String(c)), true) => Some(c.clone()),
                _ => code,
            };
            for (k, x) in map {
                let p = format!("{at}/{k}");
                match x {
                    Value::String(s)
                        if DECIMAL_KEYS.contains(&k.as_str())
                            && Decimal::from_str_exact(s).is_ok() =>
                    {
                        out.push((p, code.clone()));
                    }
                    _ => numbers(x, p, code.clone(), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                numbers(x, format!("{at}/{i}"), code.clone(), out);
            }
        }
        Value::Number(_) => out.push((at, code)),
        _ => {}
    }
}

/// JSON text of a value with keys in reverse order, whitespace from `seed`, and decimals of
/// measures written as JSON numbers with a trailing zero.
fn relaid(v: &Value, key: Option<&str>, seed: u64, out: &mut String) {
    let ws = |n: u64| [" ", "\n", "\t  ", ""][(n % 4) as usize];
    match v {
        Value::Object(map) => {
            out.push('{');
            out.push_str(ws(seed));
            let mut keys: Vec<&String> = map.keys().collect();
            keys.reverse();
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    out.push_str(ws(seed >> (i % 16)));
                }
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push_str(ws(seed >> 3));
                out.push(':');
                relaid(&map[*k], Some(k), seed.rotate_left(7), out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                relaid(x, None, seed, out);
            }
            out.push(']');
        }
        Value::String(s)
            if matches!(
                key,
                Some("num" | "den" | "value" | "points" | "satisfaction" | "amount")
            ) =>
        {
            out.push_str(s);
            if !s.contains('.') {
                out.push_str(".0");
            } else {
                out.push('0');
            }
        }
        other => out.push_str(&other.to_string()),
    }
}

fn changed(m: &Measure) -> Measure {
    match m {
        Measure::Check { met } => Measure::Check { met: !met },
        Measure::Deadline { due, done } => Measure::Deadline {
            due: *due,
            done: match done {
                Some(_) => None,
                None => Some(*due),
            },
        },
        Measure::Ratio { num, den } => Measure::Ratio {
            num: *num + Decimal::ONE,
            den: *den,
        },
        Measure::Number { value } => Measure::Number {
            value: *value + Decimal::new(1, 2),
        },
        Measure::Count { count } => Measure::Count { count: count + 1 },
        Measure::Points { points } => Measure::Points {
            points: *points + Decimal::new(25, 2),
        },
        Measure::Satisfaction { satisfaction } => Measure::Satisfaction {
            satisfaction: *satisfaction + Decimal::new(1, 4),
        },
        Measure::NotApplicable { not_applicable } => Measure::NotApplicable {
            not_applicable: !not_applicable,
        },
        other => panic!("no change known for {other:?}"),
    }
}

/// A submission and stages generated for it (`par_index::testing::stages`).
fn staged() -> impl Strategy<Value = (Submission, Vec<par_index::Stage>)> {
    submission().prop_flat_map(|s| {
        let stages = testing::stages(m(), &s);
        (Just(s), stages)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The audit law through appraisal: the stages generated apply without a problem, every
    /// stage's scorecard verifies, the last one with its files on record, and its JSON
    /// reads back to the same scorecard.
    #[test]
    fn staged_scorecards_verify_with_their_files(
        (s, stages) in staged()
    ) {
        let cards = match par_index::appraisal::score_stages(m(), &s, &stages, None) {
            Ok(cards) => cards,
            // Every item excluded as not applicable: no index, at any stage.
            Err(e) => {
                prop_assert!(e.problems().iter().all(|p| p.kind == par_index::ProblemKind::NothingApplicable), "{e}");
                return Ok(());
            }
        };
        prop_assert_eq!(cards.len(), stages.len() + 1);
        for c in &cards {
            let report = verify(&c.card, m());
            prop_assert!(report.is_ok(), "{}: {report}", c.stage);
        }
        let last = &cards.last().unwrap().card;
        let files = par_index::scorecard::OnRecord::default().submission(&s).stages(&stages);
        let report = par_index::scorecard::verify_on_record(last, m(), &files);
        prop_assert!(report.is_ok(), "{report}");
        let again = Scorecard::from_json(&last.to_json()).unwrap();
        prop_assert_eq!(&again, last);
    }

    #[test]
    fn a_scorecard_verifies_after_a_json_round_trip(s in submission()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        let back: Scorecard = serde_json::from_str(&card.to_json()).unwrap();
        let report = verify(&back, m());
        prop_assert!(report.is_ok(), "{}", report);
    }

    #[test]
    fn changing_any_number_of_a_scorecard_fails_verification(s in submission(), pick in any::<prop::sample::Index>()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        let v = serde_json::to_value(&card).unwrap();
        let mut all = Vec::new();
        numbers(&v, String::new(), None, &mut all);
        let (pointer, code) = pick.get(&all).clone();
        let mut edited = v.clone();
        let slot = edited.pointer_mut(&pointer).unwrap();
        *slot = match slot {
            Value::String(d) => Value::String((Decimal::from_str_exact(d).unwrap() + Decimal::ONE).to_string()),
            Value::Number(n) => Value::from(n.as_u64().unwrap() + 1),
            _ => unreachable!(),
        };
        // A measure edited out of its range is refused when read (the scorecard's measures
        // are read as a submission's are); any other edit is read and fails verification.
        let back: Scorecard = match serde_json::from_value(edited) {
            Ok(back) => back,
            Err(e) => {
                prop_assert!(e.to_string().contains("must be"), "{} edited: {}", pointer, e);
                return Ok(());
            }
        };
        let report = verify(&back, m());
        prop_assert!(!report.is_ok(), "{} edited, yet it verifies", pointer);
        // The report names the item edited, or the hash of the facts it came from.
        if let Some(code) = code {
            prop_assert!(
                report.mismatches.iter().any(|x| x.code.as_ref().map(Code::as_str) == Some(code.as_str())
                    || x.field == "submission_sha256"),
                "{} edited; report: {}", pointer, report
            );
        }
    }

    #[test]
    fn the_submission_hash_ignores_key_order_whitespace_and_number_format(s in submission(), seed in any::<u64>()) {
        let v = serde_json::to_value(&s).unwrap();
        let mut text = String::new();
        relaid(&v, None, seed, &mut text);
        let again = Submission::from_json(&text).unwrap();
        prop_assert_eq!(again.sha256(), s.sha256(), "{}", text);
    }

    #[test]
    fn the_submission_hash_changes_when_any_measure_changes(s in submission(), pick in any::<prop::sample::Index>()) {
        let codes: Vec<Code> = s.answers.keys().cloned().collect();
        if codes.is_empty() { return Ok(()); }
        let code = pick.get(&codes);
        let mut t = s.clone();
        let a = t.answers.get_mut(code).unwrap();
        a.measure = changed(&a.measure);
        prop_assert_ne!(t.sha256(), s.sha256());
    }

    #[test]
    fn applying_a_suggested_measure_gains_exactly_what_it_says(s in submission(), pick in any::<prop::sample::Index>()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        let options: Vec<(Code, par_index::analysis::Improvement)> = card
            .leaves()
            .flat_map(|l| improvements(l).into_iter().map(move |i| (l.code.clone(), i)))
            .filter(|(_, i)| i.measure.is_some())
            .collect();
        if options.is_empty() { return Ok(()); }
        let (code, step) = pick.get(&options).clone();
        prop_assert!(step.gain > Decimal::ZERO);
        let before = card.find(&code).unwrap().points;
        let mut t = s.clone();
        let old = t.answers.get(&code).cloned().unwrap();
        let evidence = if old.evidence.is_empty() { vec![doc(1)] } else { old.evidence };
        t.answers.insert(code.clone(), Answer { measure: step.measure.clone().unwrap(), evidence, explanation: old.explanation });
        let after = score(m(), &t).unwrap();
        let now = after.find(&code).unwrap().points;
        prop_assert_eq!(now, step.points);
        prop_assert_eq!(now - before, step.gain, "{}: {}", code, par_index::report::words::describe_improvement(&step, par_index::Lang::En));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The laws hold for any valid methodology, not only the embedded one.
    #[test]
    fn laws_hold_for_generated_methodologies((meth, s) in generated()) {
        let card = match score(&meth, &s) {
            Ok(card) => card,
            Err(e) => {
                prop_assert_eq!(e.problems()[0].kind, par_index::ProblemKind::NothingApplicable, "{}", e);
                return Ok(());
            }
        };
        card.areas.iter().for_each(check_node);
        let gross = card.appraised.points + card.survey.points + card.bonus.points - card.penalty.points;
        prop_assert_eq!(card.total, gross.max(Decimal::ZERO).min(card.applicable_max));
        prop_assert!(card.index >= Decimal::ZERO && card.index <= Decimal::ONE_HUNDRED);
        let excluded: Decimal = card.leaves().filter(|l| !l.applicable).map(|l| l.max).sum();
        prop_assert_eq!(card.applicable_max, meth.max() - excluded);
        let back: Scorecard = serde_json::from_str(&card.to_json()).unwrap();
        prop_assert_eq!(back, card);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary text never panics the readers; if it reads, scoring never panics either.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        if let Ok(s) = Submission::from_json(&text) {
            let _ = score(m(), &s);
        }
        let _ = par_index::methodology::load_str(&text, None);
    }

    /// The sample with one character replaced or one byte range cut never panics anything.
    #[test]
    fn damaged_inputs_never_panic(pos in any::<prop::sample::Index>(), len in 0usize..40, with in "\\PC{0,3}") {
        let stage = include_str!("../examples/data/district/appraisals/NG-04.appraisal-1.json");
        let explanation = include_str!("../examples/data/district/appraisals/NG-04.explanation.json");
        let survey = include_str!("../examples/data/district/survey.json");
        let cases = include_str!("cases/good/every-branch.cases.toml");
        let district = Submission::from_json(include_str!("../examples/data/district/NG-04.json")).unwrap();
        for original in [catalog::sample_source(), catalog::source(catalog::DEFAULT_ID).unwrap(), stage, explanation, survey, cases] {
            let mut cut = pos.index(original.len());
            while !original.is_char_boundary(cut) { cut -= 1; }
            let mut end = (cut + len).min(original.len());
            while !original.is_char_boundary(end) { end -= 1; }
            let damaged = format!("{}{}{}", &original[..cut], with, &original[end..]);
            if let Ok(s) = Submission::from_json(&damaged) {
                let _ = score(m(), &s);
            }
            if let Ok(meth) = par_index::methodology::load_str(&damaged, None) {
                let _ = score(&meth, &par_index::catalog::sample_submission());
            }
            if let Ok(st) = par_index::Stage::from_json(&damaged) {
                let _ = par_index::appraisal::score_stages(m(), &district, &[st], None);
            }
            if let Ok(sv) = par_index::SurveyFile::from_json(&damaged) {
                let _ = par_index::appraisal::score_stages(m(), &district, &[], Some(&sv));
            }
            if original == cases
                && let Ok(file) = par_index::conformance::load_cases_str(&damaged, "x.cases.toml", "tests/cases/good".as_ref())
                && let Some(case) = file.cases.first()
            {
                let _ = par_index::conformance::Runner::default().run_case(case);
            }
        }
    }
}

#[test]
fn huge_numbers_score_exactly_or_are_errors() {
    let max = "79228162514264337593543950335";
    let text = catalog::sample_source().replacen(
        "\"num\": 24,\n      \"den\": 25",
        &format!("\"num\": {max},\n      \"den\": {max}"),
        1,
    );
    assert_ne!(text, catalog::sample_source());
    let s = Submission::from_json(&text).unwrap();
    // 1.1.2: tiers 100% → 2, 80% → 1. num = den = the largest decimal: 100%, compared
    // exactly (100 × num ≥ 100 × den needs 103 bits) → tier 1 = 2 points.
    let card = score(m(), &s).unwrap();
    let leaf = card.find(&"1.1.2".parse().unwrap()).unwrap();
    assert_eq!(leaf.points, Decimal::from(2));
    assert!(par_index::verify(&card, m()).is_ok());
    let too_long = catalog::sample_source().replacen(
        "\"den\": 25",
        "\"den\": 792281625142643375935439503350",
        1,
    );
    assert!(Submission::from_json(&too_long).is_err());
}

/// An appraisal that accepts every answered item explicitly.
fn accept_all(s: &Submission) -> par_index::Stage {
    par_index::Stage {
        kind: par_index::appraisal::StageKind::Appraisal,
        stage: "final".into(),
        methodology: s.methodology.clone(),
        unit: s.unit.code.clone(),
        by: "Phòng Nội vụ".into(),
        date: "2025-01-20".parse().unwrap(),
        sequence: None,
        source: Default::default(),
        decisions: s
            .answers
            .keys()
            // Survey items are not appraised: their points come from the survey.
            .filter(|c| !c.as_str().starts_with("S."))
            .map(|c| {
                (
                    c.clone(),
                    par_index::appraisal::ItemDecision {
                        accept: true,
                        ..Default::default()
                    },
                )
            })
            .collect(),
        responses: BTreeMap::new(),
        bonus: (0..s.bonus.len())
            .map(|i| par_index::appraisal::EntryDecision {
                entry: i,
                accept: true,
                ..Default::default()
            })
            .collect(),
        penalty: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn accepting_everything_changes_nothing(s in submission()) {
        // Whatever scores, an accepting stage applies: it cannot be the stage that fails.
        let Ok(own) = score(m(), &s) else { return Ok(()); };
        let stages = par_index::appraisal::score_stages(m(), &s, &[accept_all(&s)], None).unwrap();
        prop_assert_eq!(own.to_json(), stages[0].card.to_json());
        // The appraised card records the stage and no changed answer; nothing else differs.
        let mut appraised = stages[1].card.clone();
        let record = appraised.appraisal.take().unwrap();
        prop_assert!(record.self_answers.is_empty());
        prop_assert_eq!(record.stages.len(), 1);
        prop_assert_eq!(stages[0].card.to_json(), appraised.to_json());
        prop_assert!(par_index::verify(&stages[1].card, m()).is_ok());
        prop_assert!(par_index::appraisal::diff(&stages[0].card, &stages[1].card).rows.is_empty());
    }

    #[test]
    fn the_diff_of_a_scorecard_with_itself_is_empty(s in submission()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        prop_assert!(par_index::appraisal::diff(&card, &card).rows.is_empty());
    }

    #[test]
    fn a_diff_adds_up(a in submission(), b in submission()) {
        let (Ok(x), Ok(y)) = (score(m(), &a), score(m(), &b)) else { return Ok(()); };
        let d = par_index::appraisal::diff(&x, &y);
        // Every row's change is its difference; the area rows add up to the change of the
        // appraised and survey points.
        for r in &d.rows {
            prop_assert_eq!(r.change, r.to - r.from);
        }
        let areas: Decimal = d.rows.iter().filter(|r| r.code.as_ref().is_some_and(|c| c.depth() == 1)).map(|r| r.change).sum();
        prop_assert_eq!(areas, (y.appraised.points + y.survey.points) - (x.appraised.points + x.survey.points));
    }

    #[test]
    fn ranking_is_a_total_order_whatever_the_input_order(subs in prop::collection::vec(submission(), 2..7), seed in any::<u64>()) {
        let cards: Vec<Scorecard> = subs.iter().enumerate().filter_map(|(i, s)| {
            let mut s = s.clone();
            s.unit.code = format!("U{:02}", (i as u64 * 7 + seed) % 50);
            score(m(), &s).ok()
        }).collect();
        let mut codes: Vec<&str> = cards.iter().map(|c| c.unit.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        if codes.len() != cards.len() { return Ok(()); }
        let r = par_index::analysis::rank(&cards);
        let mut rev = cards.clone();
        rev.reverse();
        prop_assert_eq!(&par_index::analysis::rank(&rev).rows, &r.rows);
        // Ranks never increase down the table; a rank is shared exactly when the keys tie.
        for w in r.rows.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            prop_assert!((a.index, a.appraised) >= (b.index, b.appraised));
            if (a.index, a.appraised) == (b.index, b.appraised) {
                prop_assert!(a.rank == b.rank && a.tied && b.tied);
                prop_assert!(a.unit.code < b.unit.code);
            } else {
                prop_assert!(a.rank < b.rank);
            }
        }
        prop_assert_eq!(r.bands.iter().map(|b| b.count).sum::<usize>(), cards.len());
    }

    #[test]
    fn gaps_are_never_negative_and_add_up(s in submission()) {
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        let g = par_index::analysis::gaps(&card);
        for i in &g.items {
            prop_assert!(i.lost > Decimal::ZERO && i.gain >= Decimal::ZERO && i.gain <= i.lost);
            prop_assert!(i.steps.iter().all(|s| s.gain > Decimal::ZERO));
        }
        let offices: Decimal = g.offices.iter().map(|o| o.lost).sum();
        let areas: Decimal = g.areas.iter().map(|o| o.lost).sum();
        prop_assert_eq!(offices, g.lost);
        prop_assert_eq!(areas, g.lost);
        prop_assert_eq!(g.lost, card.applicable_max - card.appraised.points - card.survey.points);
    }

    #[test]
    fn readiness_brackets_the_index(s in submission()) {
        let Ok(r) = par_index::submission::readiness(m(), &s) else { return Ok(()); };
        prop_assert!(r.index_min <= r.index && r.index <= r.index_max, "{} {} {}", r.index_min, r.index, r.index_max);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scorecard_json_is_byte_stable(s in submission()) {
        // scorecard → JSON → parse → JSON gives the same bytes.
        let Ok(card) = score(m(), &s) else { return Ok(()); };
        let json = card.to_json();
        let back = Scorecard::from_json(&json).unwrap();
        prop_assert_eq!(back.to_json(), json);
    }

    #[test]
    fn submission_text_survives_a_round_trip(s in submission(), name in "[a-zA-Z ]{1,12}", diacritics in prop::sample::select(vec!["Xã Đồng Tâm", "Thị trấn Ninh Giang", "Xã Ứng Hòe", "Xa\u{303} U\u{31b}\u{301}ng Ho\u{300}e"])) {
        // Vietnamese text comes back byte for byte (after NFC normalisation on reading).
        let mut s = s;
        s.unit.name = format!("{diacritics} {name}");
        let back = Submission::from_json(&s.to_json()).unwrap();
        let nfc: String = unicode_normalization::UnicodeNormalization::nfc(s.unit.name.as_str()).collect();
        prop_assert_eq!(&back.unit.name, &nfc);
        prop_assert_eq!(back.sha256(), s.sha256());
        // And a second trip changes nothing.
        prop_assert_eq!(Submission::from_json(&back.to_json()).unwrap(), back);
    }
}

/// Arbitrary JSON documents, biased towards the keys and shapes of the formats so that the
/// readers get past the first check.
fn json_value() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "methodology",
        "unit",
        "code",
        "name",
        "period",
        "answers",
        "1.4.1",
        "3.2.1",
        "S.1",
        "num",
        "den",
        "met",
        "due",
        "done",
        "value",
        "count",
        "points",
        "satisfaction",
        "not_applicable",
        "evidence",
        "number",
        "date",
        "issuer",
        "title",
        "bonus",
        "amount",
        "reason",
        "kind",
        "stage",
        "by",
        "decisions",
        "responses",
        "measure",
        "accept",
        "reject_evidence",
        "entry",
        "reject",
        "survey",
        "units",
        "survey_held",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[0-9.eE+-]{0,12}".prop_map(Value::String),
        "\\PC{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "commune-2024-model",
            "2024-02-29",
            "appraisal",
            "NG-01",
            "0.5",
            "1e400"
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..8).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_json_never_panics_any_reader(v in json_value()) {
        let text = v.to_string();
        let m = m();
        let read = Submission::read_json(&text);
        if let Ok(s) = read.check(m) {
            let _ = score(m, &s);
            let _ = par_index::submission::readiness(m, &s);
        }
        if let Ok(stage) = par_index::Stage::from_json(&text) {
            let _ = par_index::appraisal::score_stages(m, &par_index::catalog::sample_submission(), &[stage], None);
        }
        if let Ok(survey) = par_index::SurveyFile::from_json(&text) {
            let _ = par_index::appraisal::score_stages(m, &par_index::catalog::sample_submission(), &[], Some(&survey));
        }
        let _ = Scorecard::from_json(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_methodology_survives_a_round_trip((meth, _) in generated()) {
        // methodology → TOML → load gives the same methodology and the same hash.
        let again = par_index::methodology::load_str(&meth.file().to_toml(), None).unwrap();
        prop_assert_eq!(again.sha256(), meth.sha256());
        prop_assert_eq!(&again, &meth);
    }
}

#[test]
fn the_fixtures_survive_a_round_trip() {
    for path in [
        "criteria/commune-2024-model.toml",
        "tests/fixtures/department-mini.toml",
    ] {
        let m = par_index::methodology::load_file(path).unwrap();
        let again = par_index::methodology::load_str(&m.file().to_toml(), None).unwrap();
        assert_eq!(again, m, "{path}");
    }
}
