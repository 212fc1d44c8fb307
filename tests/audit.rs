//! Auditing: committed schemas, content hashes, re-verification of scorecards, explanations
//! and the improvements they suggest. Expected values are computed by hand from the
//! methodology text (arithmetic in comments).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use par_index::{
    Lang, Scorecard, Submission, analysis::improvements, catalog, methodology, report::explain,
    schema, score, verify,
};
use serde_json::Value;

fn sample(name: &str) -> Scorecard {
    let s = Submission::from_file(format!("examples/data/{name}.json")).unwrap();
    score(catalog::default_methodology(), &s).unwrap()
}

const SAMPLES: &[&str] = &[
    "xa-dong-tam",
    "xa-kien-quoc",
    "xa-nghia-an",
    "xa-ung-hoe",
    "xa-hong-du",
];

#[test]
fn committed_schemas_are_the_generated_ones() {
    for name in schema::NAMES {
        let path = format!("schemas/{name}.schema.json");
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let generated = schema::json_schema(name).unwrap();
        assert!(
            committed == generated,
            "{path} differs from the generated schema: run `cargo run -- schema {name} > {path}` and review the change (a changed format needs a new version)"
        );
    }
}

#[test]
fn scorecards_carry_the_format_the_engine_and_both_hashes() {
    let card = sample("xa-dong-tam");
    assert_eq!(card.format, "par-index/scorecard/4");
    assert_eq!(card.engine.version, env!("CARGO_PKG_VERSION"));
    let m = catalog::default_methodology();
    assert_eq!(card.methodology.sha256, m.sha256());
    let s = Submission::from_file("examples/data/xa-dong-tam.json").unwrap();
    assert_eq!(card.submission_sha256, s.sha256());
    assert_eq!(card.submission_sha256.len(), 64);
}

#[test]
fn the_submission_hash_depends_on_the_facts_only() {
    let a = Submission::from_json(
        r#"{"methodology": "commune-2024-model", "unit": {"code": "X", "name": "Xã X"},
            "period": "2024", "answers": {
              "3.2.1": {"num": 912, "den": 1000, "evidence": [
                {"number": "2/BC", "date": "2024-12-01", "issuer": "UBND", "title": "B"},
                {"number": "1/BC", "date": "2024-12-01", "issuer": "UBND", "title": "A"}]},
              "1.4.1": {"met": true}}}"#,
    )
    .unwrap();
    // The same facts: other key order, whitespace, number formats, evidence order, and an
    // explicit default.
    let b = Submission::from_json(
        r#"{"answers":{"1.4.1":{"met":true},"3.2.1":{"evidence":[
              {"title":"A","issuer":"UBND","date":"2024-12-01","number":"1/BC"},
              {"title":"B","issuer":"UBND","date":"2024-12-01","number":"2/BC"}],
            "den":"1000.00","num":"912.0"}},"survey_held":true,"period":"2024",
            "unit":{"name":"Xã X","code":"X"},"methodology":"commune-2024-model"}"#,
    )
    .unwrap();
    assert_eq!(a.sha256(), b.sha256());
    // Any fact changed changes it.
    for (from, to) in [
        ("912", "913"),
        ("\"met\": true", "\"met\": false"),
        ("Xã X", "Xã Y"),
        ("\"1/BC\"", "\"1a/BC\""),
    ] {
        let text = a.to_json().replacen(from, to, 1);
        let c = Submission::from_json(&text).unwrap();
        assert_ne!(a.sha256(), c.sha256(), "{from} → {to}");
    }
}

#[test]
fn the_methodology_hash_ignores_layout_and_order_but_not_content() {
    let m = catalog::default_methodology();
    let text = catalog::source(m.id()).unwrap();
    // Move the first [[items]] table to the end, and add a comment.
    let first = text.find("[[items]]").unwrap();
    let second = first + 1 + text[first + 1..].find("[[items]]").unwrap();
    let moved = format!(
        "# reordered\n{}{}\n{}",
        &text[..first],
        &text[second..],
        &text[first..second]
    );
    let again = methodology::load_str(&moved, None).unwrap();
    assert_eq!(again.sha256(), m.sha256());
    // A changed threshold is a different methodology.
    let changed = text.replacen("at = 95", "at = 96", 1);
    let other = methodology::load_str(&changed, None).unwrap();
    assert_ne!(other.sha256(), m.sha256());
}

#[test]
fn unedited_scorecards_verify_through_json() {
    for name in SAMPLES {
        let card = sample(name);
        let back: Scorecard = serde_json::from_str(&card.to_json()).unwrap();
        let report = verify(&back, catalog::default_methodology());
        assert!(report.is_ok(), "{name}: {report}");
        assert_eq!(report.checked, 54);
    }
    let m = methodology::load_file("tests/fixtures/department-mini.toml").unwrap();
    let s = Submission::from_file("tests/fixtures/department-mini-sub.json").unwrap();
    let card = score(&m, &s).unwrap();
    assert!(verify(&card, &m).is_ok());
    // Against another methodology it fails, saying so.
    let report = verify(&card, catalog::default_methodology());
    let fields: Vec<&str> = report.mismatches.iter().map(|x| x.field.as_str()).collect();
    assert!(fields.starts_with(&["methodology.id", "methodology.sha256"]));
}

/// Edit one value of the scorecard's JSON at a JSON pointer and verify the result.
fn edited(card: &Scorecard, pointer: &str, value: &str) -> par_index::scorecard::Report {
    let mut v = serde_json::to_value(card).unwrap();
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = Value::String(value.into());
    let back: Scorecard = serde_json::from_value(v).unwrap();
    verify(&back, catalog::default_methodology())
}

#[test]
fn any_edited_number_fails_verification_naming_the_item() {
    let card = sample("xa-kien-quoc");
    let lines = |r: &par_index::scorecard::Report| {
        r.mismatches
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    // areas[2] is area 3; children[1] is 3.2; its children[0] is 3.2.1 (1420/1600 = 88.75%,
    // tier 3 → 1 point).
    let leaf = "/areas/2/children/1/children/0";
    assert_eq!(
        lines(&edited(&card, &format!("{leaf}/points"), "3.00")),
        ["3.2.1 points: recorded 3.00, recomputed 1"]
    );
    assert_eq!(
        lines(&edited(&card, "/areas/2/points", "3")),
        ["3 points: recorded 3, recomputed 2.36"]
    );
    assert_eq!(
        lines(&edited(&card, "/total", "40")),
        ["total: recorded 40, recomputed 35.93"]
    );
    assert_eq!(
        lines(&edited(&card, "/index", "50.00")),
        ["index: recorded 50.00, recomputed 35.93"]
    );
    assert_eq!(
        lines(&edited(&card, "/band/label/vi", "Trung bình")),
        ["band.label.vi: recorded Trung bình, recomputed Kém"]
    );
    assert_eq!(
        lines(&edited(
            &card,
            &format!("{leaf}/trace/rule/tiers/2/at"),
            "85"
        )),
        ["3.2.1 trace.rule.tiers[2].at: recorded 85, recomputed 80"]
    );
    // A measure edited with every number above it made consistent still fails: the
    // submission hash no longer matches.
    let r = edited(&card, &format!("{leaf}/trace/measure/num"), "1520");
    assert_eq!(r.mismatches[0].field, "submission_sha256");
    assert!(lines(&r).contains(&"3.2.1 points: recorded 1, recomputed 3".to_owned()));
    // A value written differently but equal is not an edit.
    assert!(edited(&card, "/total", "35.930").is_ok());
}

#[test]
fn verify_report_shape() {
    let card = sample("xa-kien-quoc");
    let r = edited(
        &card,
        "/areas/2/children/1/children/0/trace/measure/num",
        "1520",
    );
    insta::assert_snapshot!("verify-edited-measure", r.to_string());
}

#[test]
fn explain_a_leaf_and_an_area() {
    let card = sample("xa-kien-quoc");
    // 3.2.1: 1420/1600 = 88.75% → tier 3 (≥ 80%) = 1. Tier 2 needs 90% of 1600 = 1440
    // (+1 → 2), tier 1 needs 95% of 1600 = 1520 (+2 → 3).
    let leaf = card.find(&"3.2.1".parse().unwrap()).unwrap();
    let steps = improvements(leaf);
    let what: Vec<String> = steps
        .iter()
        .map(|i| par_index::report::words::describe_improvement(i, Lang::En))
        .collect();
    assert_eq!(
        what,
        [
            "reach 1440/1600 (90%) → 2 (+1)",
            "reach 1520/1600 (95%) → 3 (+2)"
        ]
    );
    insta::assert_snapshot!(
        "explain-3.2.1-vi",
        explain(&card, &"3.2.1".parse().unwrap(), Lang::Vi).unwrap()
    );
    insta::assert_snapshot!(
        "explain-3.2.1-en",
        explain(&card, &"3.2.1".parse().unwrap(), Lang::En).unwrap()
    );
    insta::assert_snapshot!(
        "explain-area-3-vi",
        explain(&card, &"3".parse().unwrap(), Lang::Vi).unwrap()
    );
}

#[test]
fn improvements_at_each_rule_kind() {
    let card = sample("xa-kien-quoc");
    let steps = |code: &str| -> Vec<(String, String)> {
        let leaf = card.find(&code.parse().unwrap()).unwrap();
        improvements(leaf)
            .into_iter()
            .map(|i| {
                (
                    par_index::report::words::describe_improvement(&i, Lang::En),
                    i.gain.to_string(),
                )
            })
            .collect()
    };
    // proportional 3.4.2, target 50%: 140/1000 → 1 × 14/50 = 0.28; 500/1000 reaches it: +0.72.
    assert_eq!(
        steps("3.4.2"),
        [("reach 500/1000 (50%) → 1 (+0.72)".into(), "0.72".into())]
    );
    // at-most tiers 3.7.1 (≤ 15 → 1, ≤ 30 → 0.5): the sample waits longer than 30 minutes.
    let waiting = steps("3.7.1");
    assert_eq!(waiting.len(), 2);
    assert_eq!(waiting[0].1, "0.5");
    assert_eq!(waiting[1].1, "1");
    // judgement 1.6.1: 0.5 of 1.5 → full marks +1.
    assert_eq!(
        steps("1.6.1"),
        [("the assessor's full marks → 1.5 (+1)".into(), "1".into())]
    );
}

#[test]
fn vietnamese_typed_in_nfd_reads_as_nfc() {
    // "Xã Ứng Hòe" with precomposed letters (NFC) and with combining marks (NFD).
    let nfc = "X\u{e3} \u{1ee8}ng H\u{f2}e";
    let nfd = "Xa\u{303} U\u{31b}\u{301}ng Ho\u{300}e";
    assert_ne!(nfc, nfd);
    let sub = |name: &str| {
        Submission::from_json(&format!(
            r#"{{"methodology": "commune-2024-model", "unit": {{"code": "NG-05", "name": "{name}"}},
                "period": "2024", "answers": {{"1.4.1": {{"met": true, "explanation": "{name}"}}}}}}"#
        ))
        .unwrap()
    };
    let (a, b) = (sub(nfc), sub(nfd));
    assert_eq!(a.unit.name, nfc);
    assert_eq!(b.unit.name, nfc);
    assert_eq!(a, b);
    assert_eq!(a.sha256(), b.sha256());
    // Built in code without normalising, the canonical form (and hash) still agree.
    let mut c = a.clone();
    c.unit.name = nfd.into();
    assert_eq!(c.sha256(), a.sha256());
    // Codes stay ASCII: a full-width digit is not a code.
    assert!("３.2.1".parse::<par_index::Code>().is_err());
}

/// At the edge of a tier in 28 digits: 1 / 1.052631578947368421052631579 is below 95%
/// (95 × 1.052631578947368421052631579 = 100.00000000000000000000000000005 > 100 × 1), though
/// its 28-digit quotient is 0.95. Tier 2 (≥ 90%) → 2 points; the explanation says "≈ 95%",
/// not "= 95%", and names the numerator that reaches tier 1 (3 points, +1).
#[test]
fn explain_at_the_28_digit_edge_of_a_tier() {
    let m = catalog::default_methodology();
    let mut s = catalog::sample_submission();
    s.answers
        .get_mut(&"3.2.1".parse().unwrap())
        .unwrap()
        .measure = par_index::methodology::Measure::Ratio {
        num: "1".parse().unwrap(),
        den: "1.052631578947368421052631579".parse().unwrap(),
    };
    let card = score(m, &s).unwrap();
    let leaf = card.find(&"3.2.1".parse().unwrap()).unwrap();
    assert_eq!(leaf.points, "2".parse().unwrap());
    let text = explain(&card, &"3.2.1".parse().unwrap(), Lang::En).unwrap();
    assert!(
        text.contains("1/1.052631578947368421052631579 ≈ 95%"),
        "{text}"
    );
    assert!(!text.contains("To earn more: none"), "{text}");
    let steps = improvements(leaf);
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(
        (steps[0].points, steps[0].gain),
        ("3".parse().unwrap(), "1".parse().unwrap())
    );
    // The numerator it names reaches the tier: scored, it gives 3.
    let mut reached = s.clone();
    reached
        .answers
        .get_mut(&"3.2.1".parse().unwrap())
        .unwrap()
        .measure = steps[0].measure.clone().unwrap();
    let again = score(m, &reached).unwrap();
    assert_eq!(
        again.find(&"3.2.1".parse().unwrap()).unwrap().points,
        "3".parse().unwrap()
    );
}
