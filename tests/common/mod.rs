//! Helpers shared by the integration tests: a full-marks submission for the embedded
//! methodology, built from its rules, and a way to override answers with JSON snippets.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use par_index::{Methodology, Submission, catalog, methodology::Basis, methodology::Rule};
use serde_json::{Map, Value, json};

pub fn m() -> &'static Methodology {
    catalog::default_methodology()
}

pub fn evidence(code: &str) -> Value {
    json!([{
        "number": format!("{}/BC-UBND", code.replace('.', "")),
        "date": "2024-12-15",
        "issuer": "UBND xã Thử Nghiệm",
        "title": format!("Báo cáo kết quả thực hiện tiêu chí {code}")
    }])
}

/// The full-marks answer of a leaf, from its rule (without evidence).
pub fn full_answer(rule: &Rule, max: &str) -> Value {
    match rule {
        Rule::Check => json!({"met": true}),
        Rule::Deadline { .. } => json!({"due": "2024-01-15", "done": "2024-01-10"}),
        Rule::Tiers {
            on: Basis::Ratio, ..
        }
        | Rule::Proportional { .. } => json!({"num": 100, "den": 100}),
        Rule::Tiers {
            on: Basis::Number,
            tiers,
            ..
        } => json!({"value": tiers[0].at.to_string()}),
        Rule::Deduction { .. } => json!({"count": 0}),
        Rule::Survey => json!({"satisfaction": "1"}),
        Rule::Judgement { .. } => json!({"points": max}),
        other => panic!("no full-marks answer known for rule `{}`", other.kind()),
    }
}

/// A submission at full marks: every leaf answered with its best measure and evidence.
pub fn full() -> Value {
    let mut answers = Map::new();
    for leaf in m().leaves() {
        let mut a = full_answer(leaf.rule().unwrap(), &leaf.max().to_string());
        if !matches!(leaf.rule(), Some(Rule::Survey)) {
            a["evidence"] = evidence(leaf.code().as_str());
        }
        answers.insert(leaf.code().to_string(), a);
    }
    json!({
        "methodology": "commune-2024-model",
        "unit": {"code": "TN-01", "name": "Xã Thử Nghiệm"},
        "period": "2024",
        "answers": answers
    })
}

/// Replace answers. An override without an `evidence` key gets the default evidence unless
/// it is a not-applicable answer or a survey item; `"evidence": []` means none. `null`
/// removes the answer.
pub fn with(mut doc: Value, overrides: &[(&str, Value)]) -> Value {
    for (code, ans) in overrides {
        let answers = doc["answers"].as_object_mut().unwrap();
        if ans.is_null() {
            answers.remove(*code);
            continue;
        }
        let mut a = ans.clone();
        let obj = a.as_object_mut().unwrap();
        let na =
            obj.contains_key("not_applicable") || obj.get("den").is_some_and(|d| d == &json!(0));
        if !obj.contains_key("evidence") && !code.starts_with("S.") && !na {
            obj.insert("evidence".into(), evidence(code));
        }
        if obj
            .get("evidence")
            .is_some_and(|e| e.as_array().is_some_and(Vec::is_empty))
        {
            obj.remove("evidence");
        }
        answers.insert(code.to_string(), a);
    }
    doc
}

pub fn sub(doc: &Value) -> Submission {
    Submission::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn dec(s: &str) -> rust_decimal::Decimal {
    rust_decimal::Decimal::from_str_exact(s).unwrap()
}
