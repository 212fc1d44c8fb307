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
