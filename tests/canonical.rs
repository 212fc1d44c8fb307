//! The canonical JSON of par-index is RFC 8785 (JCS): held to a maintained implementation,
//! `serde_json_canonicalizer`, on arbitrary values of the kinds canonical forms hold (objects,
//! arrays, strings of any Unicode including control characters and characters above U+FFFF,
//! booleans, null, integers).

use par_index::canonical::canonical_json;
use proptest::prelude::*;
use serde_json::{Map, Value};

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![
        // Keys and strings near the ordering edges: ASCII, controls, BMP private use and
        // specials (U+E000–U+FFFF), and astral characters (surrogate pairs in UTF-16).
        prop::collection::vec(
            prop_oneof![
                0x00u32..0x80,
                0x80u32..0x800,
                0xE000u32..0x1_0000,
                0x1_0000u32..0x11_0000,
            ]
            .prop_filter_map("a char", char::from_u32),
            0..6
        )
        .prop_map(|cs| cs.into_iter().collect()),
        ".*",
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::from(n % 9_007_199_254_740_991)),
        any_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any_string(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #[test]
    fn canonical_json_is_rfc_8785(v in any_value()) {
        let jcs = serde_json_canonicalizer::to_string(&v).unwrap();
        prop_assert_eq!(canonical_json(&v), jcs);
    }
}

#[test]
fn the_canonical_forms_of_the_samples_are_rfc_8785() {
    let m = par_index::catalog::default_methodology();
    let v: Value = serde_json::from_str(&m.canonical_json()).unwrap();
    assert_eq!(
        m.canonical_json(),
        serde_json_canonicalizer::to_string(&v).unwrap()
    );
    for entry in std::fs::read_dir("examples/data/district").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("NG-") && name.ends_with(".json")) {
            continue;
        }
        let s = par_index::Submission::from_file(&path).unwrap();
        let c = s.canonical_json();
        let v: Value = serde_json::from_str(&c).unwrap();
        assert_eq!(
            c,
            serde_json_canonicalizer::to_string(&v).unwrap(),
            "{name}"
        );
    }
}

/// Text as typed anywhere: Vietnamese in NFC or NFD, combining marks, control characters,
/// astral characters.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Xã Đồng Tâm".to_owned()),
        Just("Xa\u{303} \u{110}o\u{302}\u{300}ng Ta\u{302}m".to_owned()), // NFD
        Just("e\u{323}\u{302} \u{1EC7} \u{212B} \u{F900}".to_owned()),    // marks, singletons
        any_string(),
    ]
}

fn any_decimal() -> impl Strategy<Value = rust_decimal::Decimal> {
    (any::<i64>(), 0u32..8).prop_map(|(n, s)| rust_decimal::Decimal::new(n % 10_000_000, s))
}

fn any_date() -> impl Strategy<Value = par_index::Date> {
    (prop_oneof![1u16..3000, 9990u16..=65535], 1u8..=12, 1u8..=28)
        .prop_filter_map("a date", |(y, m, d)| par_index::Date::new(y, m, d))
}

fn any_evidence() -> impl Strategy<Value = par_index::submission::Evidence> {
    (
        any_text(),
        any_date(),
        any_text(),
        any_text(),
        prop::option::of(any_text()),
        prop::option::of(any_text()),
    )
        .prop_map(|(number, date, issuer, title, locator, link)| {
            par_index::submission::Evidence {
                number,
                date,
                issuer,
                title,
                locator,
                link,
            }
        })
}

fn any_measure() -> impl Strategy<Value = par_index::methodology::Measure> {
    use par_index::methodology::Measure;
    prop_oneof![
        any::<bool>().prop_map(|met| Measure::Check { met }),
        (any_date(), prop::option::of(any_date()))
            .prop_map(|(due, done)| Measure::Deadline { due, done }),
        (any_decimal(), any_decimal()).prop_map(|(num, den)| Measure::Ratio { num, den }),
        any_decimal().prop_map(|value| Measure::Number { value }),
        any::<u32>().prop_map(|count| Measure::Count { count }),
        any_decimal().prop_map(|points| Measure::Points { points }),
        any_decimal().prop_map(|satisfaction| Measure::Satisfaction { satisfaction }),
        any::<bool>().prop_map(|not_applicable| Measure::NotApplicable { not_applicable }),
    ]
}

fn any_entries() -> impl Strategy<Value = Vec<par_index::submission::AdjustmentEntry>> {
    prop::collection::vec(
        (
            any_decimal(),
            any_text(),
            prop::collection::vec(any_evidence(), 0..3),
        )
            .prop_map(|(amount, reason, evidence)| {
                par_index::submission::AdjustmentEntry {
                    amount,
                    reason,
                    evidence,
                }
            }),
        0..3,
    )
}

fn any_submission() -> impl Strategy<Value = par_index::Submission> {
    let code = "[0-9A-Z]{1,2}(\\.[0-9a-z]{1,2}){0,2}"
        .prop_filter_map("a code", |c| c.parse::<par_index::Code>().ok());
    let answer = (
        any_measure(),
        prop::collection::vec(any_evidence(), 0..4),
        prop::option::of(any_text()),
    )
        .prop_map(|(measure, evidence, explanation)| {
            let mut a = par_index::submission::Answer::new(measure);
            a.evidence = evidence;
            a.explanation = explanation;
            a
        });
    (
        any_text(),
        any_text(),
        any_text(),
        any_text(),
        any::<bool>(),
        prop::collection::btree_map(code, answer, 0..8),
        any_entries(),
        any_entries(),
    )
        .prop_map(
            |(methodology, code, name, period, survey_held, answers, bonus, penalty)| {
                par_index::Submission {
                    methodology,
                    unit: par_index::submission::Unit { code, name },
                    period,
                    survey_held,
                    answers,
                    bonus,
                    penalty,
                }
            },
        )
}

proptest! {
    /// The submission's canonical JSON and hash are written straight from the submission;
    /// they equal the serde form of `Submission::canonical()` in JCS, the definition.
    #[test]
    fn the_streamed_canonical_form_is_the_serde_one(s in any_submission()) {
        let by_definition = canonical_json(&serde_json::to_value(s.canonical()).unwrap());
        prop_assert_eq!(s.canonical_json(), by_definition.clone());
        prop_assert_eq!(s.sha256(), par_index::canonical::sha256_hex(by_definition.as_bytes()));
    }
}

#[test]
fn the_streamed_canonical_form_of_every_sample_is_the_serde_one() {
    let mut n = 0;
    for dir in ["examples/data", "examples/data/district"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(s) = par_index::Submission::from_file(&path) else {
                continue;
            };
            let by_definition = canonical_json(&serde_json::to_value(s.canonical()).unwrap());
            assert_eq!(s.canonical_json(), by_definition, "{}", path.display());
            assert_eq!(
                s.sha256(),
                par_index::canonical::sha256_hex(by_definition.as_bytes())
            );
            n += 1;
        }
    }
    assert!(n >= 23, "{n} samples");
}
