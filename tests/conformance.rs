//! The conformance corpus: named cases on the embedded commune set, each a submission with
//! the expected total, index, band and item points computed by hand from
//! `commune-2024-model.md` (the arithmetic is in the comment of every case).
//!
//! Every case starts from full marks (100 = 70 appraised + 30 survey, index 100, Tốt) and
//! changes a few answers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{dec, full, m, sub, with};
use par_index::{Branch, score};
use serde_json::{Value, json};

struct Case {
    name: &'static str,
    doc: Value,
    total: &'static str,
    index: &'static str,
    band: &'static str,
    items: &'static [(&'static str, &'static str)],
}

fn case(
    name: &'static str,
    overrides: &[(&str, Value)],
    total: &'static str,
    index: &'static str,
    band: &'static str,
    items: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        name,
        doc: with(full(), overrides),
        total,
        index,
        band,
        items,
    }
}

fn set(mut doc: Value, key: &str, value: Value) -> Value {
    doc[key] = value;
    doc
}

fn bonus(amount: &str, with_evidence: bool) -> Value {
    let mut e = json!({"amount": amount, "reason": "Sáng kiến CCHC được UBND tỉnh công nhận"});
    if with_evidence {
        e["evidence"] = json!([{"number": "3125/QĐ-UBND", "date": "2024-11-28",
            "issuer": "UBND tỉnh Hải Dương", "title": "Quyết định công nhận sáng kiến"}]);
    }
    e
}

fn cases() -> Vec<Case> {
    let none: &[(&str, &str)] = &[];
    let mut v = vec![
        // 70 appraised + 30 survey = 100; index 100 × 100 / 100 = 100.
        case(
            "full marks",
            &[],
            "100",
            "100",
            "Tốt",
            &[("1", "12"), ("3", "14"), ("S", "30")],
        ),
        // check: no → 0. 100 − 0.5 = 99.5.
        case(
            "check no",
            &[("1.4.1", json!({"met": false}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("1.4.1", "0"), ("1.4", "1.5")],
        ),
        // deadline done on the due date is on time (inclusive) → 1.
        case(
            "deadline on the due date",
            &[("1.1.1", json!({"due": "2024-01-15", "done": "2024-01-15"}))],
            "100",
            "100",
            "Tốt",
            &[("1.1.1", "1")],
        ),
        // one day late → late points 0.5. 100 − 0.5 = 99.5.
        case(
            "deadline one day late",
            &[("1.1.1", json!({"due": "2024-01-15", "done": "2024-01-16"}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("1.1.1", "0.5")],
        ),
        // not done → 0. 100 − 1 = 99.
        case(
            "deadline not done",
            &[("1.1.1", json!({"due": "2024-01-15", "done": null}))],
            "99",
            "99",
            "Tốt",
            &[("1.1.1", "0")],
        ),
        // deadline across a leap day: due 2024-02-29, done 2024-03-01 → late 0.5.
        case(
            "deadline leap day",
            &[("5.2.2", json!({"due": "2024-02-29", "done": "2024-03-01"}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("5.2.2", "0.5")],
        ),
        // tiers 100% → 2; 25/25 = 100% → 2.
        case(
            "tiers ratio exactly 100%",
            &[("1.1.2", json!({"num": 25, "den": 25}))],
            "100",
            "100",
            "Tốt",
            &[("1.1.2", "2")],
        ),
        // 999/1000 = 99.9% < 100%, ≥ 80% → tier 2 = 1. 100 − 1 = 99.
        case(
            "tiers ratio just below 100%",
            &[("1.1.2", json!({"num": 999, "den": 1000}))],
            "99",
            "99",
            "Tốt",
            &[("1.1.2", "1")],
        ),
        // 80/100 = 80% ≥ 80% (inclusive) → 1. 100 − 1 = 99.
        case(
            "tiers ratio at 80%",
            &[("1.1.2", json!({"num": 80, "den": 100}))],
            "99",
            "99",
            "Tốt",
            &[("1.1.2", "1")],
        ),
        // 799/1000 = 79.9% < 80% → 0. 100 − 2 = 98.
        case(
            "tiers ratio just below 80%",
            &[("1.1.2", json!({"num": 799, "den": 1000}))],
            "98",
            "98",
            "Tốt",
            &[("1.1.2", "0")],
        ),
        // 3.2.1: ≥ 95% → 3; 95/100 → 3.
        case(
            "three tiers at 95%",
            &[("3.2.1", json!({"num": 95, "den": 100}))],
            "100",
            "100",
            "Tốt",
            &[("3.2.1", "3")],
        ),
        // 9499/10000 = 94.99% → tier 2 (≥ 90%) = 2. 100 − 1 = 99.
        case(
            "three tiers at 94.99%",
            &[("3.2.1", json!({"num": 9499, "den": 10000}))],
            "99",
            "99",
            "Tốt",
            &[("3.2.1", "2")],
        ),
        // 912/1000 = 91.2% → tier 2 = 2. 100 − 1 = 99.
        case(
            "three tiers at 91.2%",
            &[("3.2.1", json!({"num": 912, "den": 1000}))],
            "99",
            "99",
            "Tốt",
            &[("3.2.1", "2")],
        ),
        // 8999/10000 = 89.99% → tier 3 (≥ 80%) = 1. 100 − 2 = 98.
        case(
            "three tiers at 89.99%",
            &[("3.2.1", json!({"num": 8999, "den": 10000}))],
            "98",
            "98",
            "Tốt",
            &[("3.2.1", "1")],
        ),
        // 80/100 → tier 3 = 1. 100 − 2 = 98.
        case(
            "three tiers at 80%",
            &[("3.2.1", json!({"num": 80, "den": 100}))],
            "98",
            "98",
            "Tốt",
            &[("3.2.1", "1")],
        ),
        // 7999/10000 = 79.99% → below all tiers = 0. 100 − 3 = 97.
        case(
            "three tiers below 80%",
            &[("3.2.1", json!({"num": 7999, "den": 10000}))],
            "97",
            "97",
            "Tốt",
            &[("3.2.1", "0"), ("3.2", "1")],
        ),
        // 1.5.1 on number: ≥ 2 → 1.5; 3 → 1.5.
        case(
            "tiers number above the best",
            &[("1.5.1", json!({"value": 3}))],
            "100",
            "100",
            "Tốt",
            &[("1.5.1", "1.5")],
        ),
        // 1 → tier 2 = 1. 100 − 0.5 = 99.5.
        case(
            "tiers number 1",
            &[("1.5.1", json!({"value": 1}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("1.5.1", "1")],
        ),
        // 0 → 0. 100 − 1.5 = 98.5.
        case(
            "tiers number 0",
            &[("1.5.1", json!({"value": 0}))],
            "98.5",
            "98.5",
            "Tốt",
            &[("1.5.1", "0")],
        ),
        // 3.7.1 at most: ≤ 15 → 1; 15 → 1.
        case(
            "at most: 15 minutes",
            &[("3.7.1", json!({"value": 15}))],
            "100",
            "100",
            "Tốt",
            &[("3.7.1", "1")],
        ),
        // 15.5 > 15, ≤ 30 → 0.5. 100 − 0.5 = 99.5.
        case(
            "at most: 15.5 minutes",
            &[("3.7.1", json!({"value": "15.5"}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("3.7.1", "0.5")],
        ),
        // 30 ≤ 30 → 0.5.
        case(
            "at most: 30 minutes",
            &[("3.7.1", json!({"value": 30}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("3.7.1", "0.5")],
        ),
        // 31 > 30 → 0. 100 − 1 = 99.
        case(
            "at most: 31 minutes",
            &[("3.7.1", json!({"value": 31}))],
            "99",
            "99",
            "Tốt",
            &[("3.7.1", "0")],
        ),
        // 8.1.1 allows ratios above 100%: 2.35/2.2 = 106.8% ≥ 100% → 2.
        case(
            "ratio above 100% where allowed",
            &[("8.1.1", json!({"num": "2.35", "den": "2.2"}))],
            "100",
            "100",
            "Tốt",
            &[("8.1.1", "2")],
        ),
        // 2.09/2.2 = 95% → tier 2 = 1. 100 − 1 = 99.
        case(
            "revenue at 95% of the estimate",
            &[("8.1.1", json!({"num": "2.09", "den": "2.2"}))],
            "99",
            "99",
            "Tốt",
            &[("8.1.1", "1")],
        ),
        // proportional 3.4.1 target 80%: 80/100 → 1 × min(80/80, 1) = 1.
        case(
            "proportional at the target",
            &[("3.4.1", json!({"num": 80, "den": 100}))],
            "100",
            "100",
            "Tốt",
            &[("3.4.1", "1")],
        ),
        // 40/100 → 1 × 40/80 = 0.5. 100 − 0.5 = 99.5.
        case(
            "proportional at half the target",
            &[("3.4.1", json!({"num": 40, "den": 100}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("3.4.1", "0.5")],
        ),
        // 10/100 → 1 × 10/80 = 0.125 → 0.13 (half away from zero). 100 − 0.87 = 99.13.
        case(
            "proportional rounds .125 up",
            &[("3.4.1", json!({"num": 10, "den": 100}))],
            "99.13",
            "99.13",
            "Tốt",
            &[("3.4.1", "0.13")],
        ),
        // 5.4.1 target 100%: 19/20 → 1.5 × 0.95 = 1.425 → 1.43. 100 − 0.07 = 99.93.
        case(
            "proportional rounds 1.425 up",
            &[("5.4.1", json!({"num": 19, "den": 20}))],
            "99.93",
            "99.93",
            "Tốt",
            &[("5.4.1", "1.43")],
        ),
        // 7.1.1 target 65%: 50/100 → 2 × 50/65 = 1.538461… → 1.54. 100 − 0.46 = 99.54.
        case(
            "proportional repeating decimal",
            &[("7.1.1", json!({"num": 50, "den": 100}))],
            "99.54",
            "99.54",
            "Tốt",
            &[("7.1.1", "1.54")],
        ),
        // 3.4.2 target 50%: 1/3 → 1 × 33.33…/50 = 0.6666… → 0.67. 100 − 0.33 = 99.67.
        case(
            "proportional one third",
            &[("3.4.2", json!({"num": 1, "den": 3}))],
            "99.67",
            "99.67",
            "Tốt",
            &[("3.4.2", "0.67")],
        ),
        // 5.3.1 floor 50%: 50/100 is at the floor, not below → 2 × 0.5 = 1. 100 − 1 = 99.
        case(
            "proportional at the floor",
            &[("5.3.1", json!({"num": 50, "den": 100}))],
            "99",
            "99",
            "Tốt",
            &[("5.3.1", "1")],
        ),
        // 49/100 < 50% → 0. 100 − 2 = 98.
        case(
            "proportional below the floor",
            &[("5.3.1", json!({"num": 49, "den": 100}))],
            "98",
            "98",
            "Tốt",
            &[("5.3.1", "0")],
        ),
        // deduction 1.2.1: 2 − 0.5 × 3 = 0.5. 100 − 1.5 = 98.5.
        case(
            "deduction three violations",
            &[("1.2.1", json!({"count": 3}))],
            "98.5",
            "98.5",
            "Tốt",
            &[("1.2.1", "0.5")],
        ),
        // 2 − 0.5 × 4 = 0. 100 − 2 = 98.
        case(
            "deduction reaches zero",
            &[("1.2.1", json!({"count": 4}))],
            "98",
            "98",
            "Tốt",
            &[("1.2.1", "0")],
        ),
        // max(0, 2 − 0.5 × 10) = 0. 100 − 2 = 98.
        case(
            "deduction floors at zero",
            &[("1.2.1", json!({"count": 10}))],
            "98",
            "98",
            "Tốt",
            &[("1.2.1", "0")],
        ),
        // survey: 6 × 0.875 = 5.25. 100 − 0.75 = 99.25.
        case(
            "survey ratio",
            &[("S.1", json!({"satisfaction": "0.875"}))],
            "99.25",
            "99.25",
            "Tốt",
            &[("S.1", "5.25"), ("S", "29.25")],
        ),
        // 6 × 0.8333 = 4.9998 → 5.00. 100 − 1 = 99.
        case(
            "survey rounds",
            &[("S.2", json!({"satisfaction": "0.8333"}))],
            "99",
            "99",
            "Tốt",
            &[("S.2", "5")],
        ),
        // 6 × 0 = 0. 100 − 6 = 94.
        case(
            "survey zero",
            &[("S.3", json!({"satisfaction": 0}))],
            "94",
            "94",
            "Tốt",
            &[("S.3", "0")],
        ),
        // judgement 1.6.1: 1.25 of 1.5. 100 − 0.25 = 99.75.
        case(
            "judgement in quarter steps",
            &[("1.6.1", json!({"points": "1.25"}))],
            "99.75",
            "99.75",
            "Tốt",
            &[("1.6.1", "1.25")],
        ),
        // N/A full, explicit: 1.3.1 keeps its max 2 and stays in the denominator: 100/100.
        case(
            "not applicable, full",
            &[("1.3.1", json!({"not_applicable": true}))],
            "100",
            "100",
            "Tốt",
            &[("1.3.1", "2")],
        ),
        // N/A full by a zero denominator: 3.2.2 0/0 → 1.
        case(
            "zero denominator, full",
            &[("3.2.2", json!({"num": 0, "den": 0}))],
            "100",
            "100",
            "Tốt",
            &[("3.2.2", "1")],
        ),
        // N/A exclude: 3.2.1 0/0 leaves the denominator: total 97, applicable max 97, index 100.
        case(
            "zero denominator, exclude",
            &[("3.2.1", json!({"num": 0, "den": 0}))],
            "97",
            "100",
            "Tốt",
            &[("3.2.1", "0"), ("3.2", "1")],
        ),
        // exclude 3.2.1 (max 3) and lose 1.4.1 (0.5): 96.5 / 97 × 100 = 99.484536… → 99.48.
        case(
            "exclude and a loss",
            &[
                ("3.2.1", json!({"num": 0, "den": 0})),
                ("1.4.1", json!({"met": false})),
            ],
            "96.5",
            "99.48",
            "Tốt",
            &[],
        ),
        // the whole of 3.3 and 3.4 excluded (2 + 1 + 1 = 4): 96/96 → 100.
        case(
            "several excluded",
            &[
                ("3.3.1", json!({"not_applicable": true})),
                ("3.4.1", json!({"not_applicable": true})),
                ("3.4.2", json!({"not_applicable": true})),
            ],
            "96",
            "100",
            "Tốt",
            &[("3.4", "0")],
        ),
        // no survey held: the 30 survey points leave; 70/70 → 100.
        case("no survey, full", &[], "70", "100", "Tốt", &[("S", "0")]),
        // no survey, 1.4.1 lost: 69.5 / 70 × 100 = 99.285714… → 99.29.
        case(
            "no survey, a loss",
            &[("1.4.1", json!({"met": false}))],
            "69.5",
            "99.29",
            "Tốt",
            &[],
        ),
        // evidence policy zero: 1.4.1 claimed without evidence or explanation → 0. 100 − 0.5.
        case(
            "unsupported claim earns 0",
            &[("1.4.1", json!({"met": true, "evidence": []}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("1.4.1", "0")],
        ),
        // with an explanation but no evidence it keeps its points (flagged): 100.
        case(
            "explained claim keeps its points",
            &[(
                "1.4.1",
                json!({"met": true, "evidence": [], "explanation": "Kế hoạch đang trình ký"}),
            )],
            "100",
            "100",
            "Tốt",
            &[("1.4.1", "0.5")],
        ),
        // N/A answers need no evidence: 1.3.1 N/A full without evidence → 2.
        case(
            "not applicable needs no evidence",
            &[("1.3.1", json!({"not_applicable": true, "evidence": []}))],
            "100",
            "100",
            "Tốt",
            &[("1.3.1", "2")],
        ),
        // a claim of 0 points needs no evidence: 1.4.1 no → 0, not flagged. 99.5.
        case(
            "zero claim without evidence",
            &[("1.4.1", json!({"met": false, "evidence": []}))],
            "99.5",
            "99.5",
            "Tốt",
            &[("1.4.1", "0")],
        ),
        // an unanswered item scores 0: 1.1.1 missing → 100 − 1 = 99.
        case(
            "unanswered item",
            &[("1.1.1", Value::Null)],
            "99",
            "99",
            "Tốt",
            &[("1.1.1", "0")],
        ),
        // band edge: S.1 0 (−6), S.2 0.5 (6 × 0.5 = 3, −3), 1.1.1 not done (−1): 90 → Tốt (≥ 90).
        case(
            "band edge at 90",
            &[
                ("S.1", json!({"satisfaction": 0})),
                ("S.2", json!({"satisfaction": "0.5"})),
                ("1.1.1", json!({"due": "2024-01-15", "done": null})),
            ],
            "90",
            "90",
            "Tốt",
            &[],
        ),
        // as above and 3.4.2 495/1000 → 1 × 49.5/50 = 0.99 (−0.01): 89.99 → Khá.
        case(
            "band edge at 89.99",
            &[
                ("S.1", json!({"satisfaction": 0})),
                ("S.2", json!({"satisfaction": "0.5"})),
                ("1.1.1", json!({"due": "2024-01-15", "done": null})),
                ("3.4.2", json!({"num": 495, "den": 1000})),
            ],
            "89.99",
            "89.99",
            "Khá",
            &[("3.4.2", "0.99")],
        ),
        // all survey items 0: 70 → Khá (≥ 70).
        case(
            "band edge at 70",
            &[
                ("S.1", json!({"satisfaction": 0})),
                ("S.2", json!({"satisfaction": 0})),
                ("S.3", json!({"satisfaction": 0})),
                ("S.4", json!({"satisfaction": 0})),
                ("S.5", json!({"satisfaction": 0})),
            ],
            "70",
            "70",
            "Khá",
            &[("S", "0")],
        ),
    ];
    // Cases that change more than answers.
    let survey_zero: Vec<(&str, Value)> = ["S.1", "S.2", "S.3", "S.4", "S.5"]
        .iter()
        .map(|c| (*c, json!({"satisfaction": 0})))
        .collect();
    let mut area3_4_gone: Vec<(&str, Value)> = m()
        .leaves()
        .filter(|l| matches!(l.code().area(), "3" | "4"))
        .map(|l| (l.code().as_str(), Value::Null))
        .collect();
    area3_4_gone.extend(survey_zero.iter().cloned());
    area3_4_gone.push(("1.1.1", json!({"due": "2024-01-15", "done": null})));
    // survey 0 (−30), areas 3 and 4 unanswered (−14 − 5), 1.1.1 not done (−1): 50 → Trung bình.
    v.push(case(
        "band edge at 50",
        &area3_4_gone,
        "50",
        "50",
        "Trung bình",
        &[("3", "0"), ("4", "0")],
    ));
    let mut below = area3_4_gone.clone();
    // as above and 1.6.1 at 1.25 (−0.25): 49.75 → Kém.
    below.push(("1.6.1", json!({"points": "1.25"})));
    v.push(case(
        "band edge below 50",
        &below,
        "49.75",
        "49.75",
        "Kém",
        &[],
    ));
    // Survey not held.
    for c in v.iter_mut().filter(|c| c.name.starts_with("no survey")) {
        let answers = c.doc["answers"].as_object_mut().unwrap();
        answers.retain(|k, _| !k.starts_with("S."));
        c.doc["survey_held"] = json!(false);
    }
    let losses = [
        ("1.2.1", json!({"count": 4})),
        ("1.1.2", json!({"num": 1, "den": 2})),
    ];
    // 100 − 2 (1.2.1) − 2 (1.1.2) = 96; bonus 1.5 with evidence: 97.5.
    v.push(Case {
        doc: set(with(full(), &losses), "bonus", json!([bonus("1.5", true)])),
        ..case("bonus within the cap", &[], "97.5", "97.5", "Tốt", none)
    });
    // 96 + min(1.5 + 1, 2) = 98.
    v.push(Case {
        doc: set(
            with(full(), &losses),
            "bonus",
            json!([bonus("1.5", true), bonus("1", true)]),
        ),
        ..case("bonus over the cap", &[], "98", "98", "Tốt", none)
    });
    // a bonus without evidence is not counted under `zero`: 96 + 0 = 96.
    v.push(Case {
        doc: set(with(full(), &losses), "bonus", json!([bonus("1", false)])),
        ..case("bonus without evidence", &[], "96", "96", "Tốt", none)
    });
    // penalty 1: 100 − 1 = 99.
    v.push(Case {
        doc: set(full(), "penalty", json!([bonus("1", true)])),
        ..case("penalty", &[], "99", "99", "Tốt", none)
    });
    // penalty 2 + 2 = 4, capped at 3: 100 − 3 = 97.
    v.push(Case {
        doc: set(
            full(),
            "penalty",
            json!([bonus("2", true), bonus("2", true)]),
        ),
        ..case("penalty over the cap", &[], "97", "97", "Tốt", none)
    });
    // 100 + bonus 2 = 102, clamped to the applicable max 100: index 100.
    v.push(Case {
        doc: set(full(), "bonus", json!([bonus("2", true)])),
        ..case("total clamped at the top", &[], "100", "100", "Tốt", none)
    });
    // nothing answered: 0 − penalty 3 = −3, clamped to 0: index 0, Kém.
    let mut empty = full();
    empty["answers"] = json!({});
    v.push(Case {
        doc: set(empty, "penalty", json!([bonus("3", true)])),
        ..case(
            "total clamped at zero",
            &[],
            "0",
            "0",
            "Kém",
            &[("1", "0"), ("S", "0")],
        )
    });
    v
}

#[test]
fn corpus_has_enough_cases_with_unique_names() {
    let cs = cases();
    assert!(cs.len() >= 60, "only {} cases", cs.len());
    let mut names: Vec<_> = cs.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cs.len(), "case names must be unique");
}

#[test]
fn every_case_scores_as_computed_by_hand() {
    let mut failures = Vec::new();
    for c in cases() {
        let card = match score(m(), &sub(&c.doc)) {
            Ok(card) => card,
            Err(e) => {
                failures.push(format!("{}: error {e}", c.name));
                continue;
            }
        };
        let mut check = |what: &str, got: rust_decimal::Decimal, want: &str| {
            if got != dec(want) {
                failures.push(format!("{}: {what}: expected {want}, got {got}", c.name));
            }
        };
        check("total", card.total, c.total);
        check("index", card.index, c.index);
        for (code, want) in c.items {
            let node = card
                .find(&code.parse().unwrap())
                .unwrap_or_else(|| panic!("{}: no node {code}", c.name));
            check(code, node.points, want);
        }
        if card.band.label.vi != c.band {
            failures.push(format!(
                "{}: band: expected {}, got {}",
                c.name, c.band, card.band.label.vi
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn flags_and_branches_are_traced() {
    let find = |doc: &Value, code: &str| {
        let card = score(m(), &sub(doc)).unwrap();
        card.find(&code.parse().unwrap()).unwrap().clone()
    };
    let leaf = find(
        &with(full(), &[("1.4.1", json!({"met": true, "evidence": []}))]),
        "1.4.1",
    );
    let t = leaf.trace.unwrap();
    assert!(t.flags.unsupported && !t.flags.explained);
    assert_eq!((t.rounded, leaf.points), (dec("0.5"), dec("0")));
    assert!(t.adjustment.unwrap().contains("evidence policy"));

    let leaf = find(
        &with(
            full(),
            &[(
                "1.4.1",
                json!({"met": true, "evidence": [], "explanation": "x"}),
            )],
        ),
        "1.4.1",
    );
    let t = leaf.trace.unwrap();
    assert!(t.flags.explained && !t.flags.unsupported);

    let leaf = find(
        &with(full(), &[("3.2.1", json!({"num": 912, "den": 1000}))]),
        "3.2.1",
    );
    let t = leaf.trace.unwrap();
    assert_eq!(t.branch, Branch::Tier { tier: 2 });
    assert_eq!(t.detail, "912/1000 = 91.2%; tier 2: ≥ 90% → 2");

    let leaf = find(
        &with(full(), &[("3.4.2", json!({"num": 1, "den": 3}))]),
        "3.4.2",
    );
    let t = leaf.trace.unwrap();
    // 1 × 100 × 1 / (50 × 3) = 0.666…: kept before rounding.
    assert!(t.raw > dec("0.6666666") && t.raw < dec("0.6666667"));
    assert_eq!(t.rounded, dec("0.67"));

    let leaf = find(
        &with(full(), &[("3.2.1", json!({"num": 0, "den": 0}))]),
        "3.2.1",
    );
    assert!(!leaf.applicable);
    assert!(leaf.trace.unwrap().flags.not_applicable);

    let mut doc = with(full(), &[("1.1.1", Value::Null)]);
    doc["answers"].as_object_mut().unwrap().remove("1.1.2");
    let card = score(m(), &sub(&doc)).unwrap();
    let codes: Vec<String> = card.unanswered.iter().map(ToString::to_string).collect();
    assert_eq!(codes, ["1.1.1", "1.1.2"]);
}
