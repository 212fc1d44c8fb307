//! One description per format. Every sample, case base and fixture:
//! - reads identically through `serde_json::from_str` and through the strict reader
//!   (the same value, or both refuse it with the reader's message), and
//! - validates against its committed JSON Schema (`schemas/`), which the types generate.
//!
//! Methodologies and case files are TOML: they have no `Deserialize` (their one reader
//! works on the document tree, for positions), and are checked against their schemas here
//! through `toml`'s JSON form.

#![allow(clippy::unwrap_used, clippy::panic)] // test helpers

use std::path::{Path, PathBuf};

use par_index::{Scorecard, Stage, Submission, SurveyFile};
use serde_json::Value;

fn files(dir: &str, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(p.to_str().unwrap(), ext, out);
        } else if p.to_string_lossy().ends_with(ext) {
            out.push(p);
        }
    }
}

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(format!("schemas/{name}.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn valid(name: &str, path: &Path, v: &Value) {
    let errors: Vec<String> = schema(name)
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{} does not match schemas/{name}.schema.json:\n{}",
        path.display(),
        errors.join("\n")
    );
}

/// `serde_json::from_str` and the reader agree: the same value, or the same refusal.
fn same<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    path: &Path,
    text: &str,
    reader: fn(&str) -> Result<T, par_index::Error>,
) -> bool {
    let by_serde = serde_json::from_str::<T>(text);
    match (reader(text), by_serde) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{}", path.display());
            true
        }
        (Err(a), Err(b)) => {
            // serde_json adds where it stood; the words are the reader's.
            assert!(
                b.to_string().starts_with(&a.to_string()),
                "{}: reader `{a}`, serde `{b}`",
                path.display()
            );
            false
        }
        (a, b) => panic!(
            "{}: the reader says {:?}, serde_json says {:?}",
            path.display(),
            a.map(|_| "ok"),
            b.map(|_| "ok")
        ),
    }
}

#[test]
fn every_json_input_reads_the_same_through_serde_and_validates() {
    let mut all = Vec::new();
    for dir in [
        "examples/data",
        "tests/cases",
        "tests/fixtures",
        "tests/compat",
    ] {
        files(dir, ".json", &mut all);
    }
    let mut read = 0;
    for path in &all {
        let Ok(text) = std::fs::read_to_string(path) else {
            // Not UTF-8 (the bad corpus): refused by the file readers before any format.
            assert!(Submission::from_file(path).is_err());
            continue;
        };
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            // Deliberately broken JSON (the bad corpus): both refuse it.
            assert!(!same(path, &text, Submission::from_json));
            continue;
        };
        let bad = path.to_string_lossy().contains("/bad/");
        let ok = if v.is_array() {
            let ok = same(path, &text, Scorecard::from_json_array);
            for card in v.as_array().unwrap() {
                if card["format"] == par_index::scorecard::SCORECARD_FORMAT {
                    valid("scorecard", path, card);
                }
            }
            ok
        } else if v.get("format").is_some() {
            // Scorecards of the earlier format read (and verify, tests/compat.rs) but are not
            // of this schema.
            let ok = same(path, &text, Scorecard::from_json);
            if v["format"] == par_index::scorecard::SCORECARD_FORMAT {
                valid("scorecard", path, &v);
            }
            ok
        } else if v.get("kind").is_some() {
            valid("stage", path, &v);
            same(path, &text, Stage::from_json)
        } else if v.get("units").is_some() {
            valid("survey", path, &v);
            same(path, &text, SurveyFile::from_json)
        } else {
            if !bad {
                valid("submission", path, &v);
            }
            same(path, &text, Submission::from_json)
        };
        assert_eq!(ok, !bad, "{}", path.display());
        read += 1;
    }
    // 5 + 22 commune samples, 32 stage files, a survey, 3 case bases, fixtures, compat.
    assert!(read >= 64, "{read}");
}

#[test]
fn today_scorecards_validate_and_read_through_serde() {
    let card = par_index::catalog::sample_scorecard();
    let text = card.to_json();
    valid(
        "scorecard",
        Path::new("sample"),
        &serde_json::from_str(&text).unwrap(),
    );
    let back: Scorecard = serde_json::from_str(&text).unwrap();
    assert_eq!(back, card);
}

#[test]
fn every_toml_input_validates_against_its_schema() {
    let mut all = Vec::new();
    for dir in ["criteria", "tests/cases/good", "tests/fixtures"] {
        files(dir, ".toml", &mut all);
    }
    files("tests/cases/bad", ".cases.toml", &mut all);
    // Code maps (`.map.toml`) have no schema; `read_code_map` checks them (tests/mdiff.rs).
    all.retain(|p| !p.to_string_lossy().ends_with(".map.toml"));
    let mut n = 0;
    for path in &all {
        let text = std::fs::read_to_string(path).unwrap();
        let v = json_of(toml::from_str::<toml::Value>(&text).unwrap());
        let name = if path.to_string_lossy().ends_with(".cases.toml") {
            "case"
        } else {
            "methodology"
        };
        valid(name, path, &v);
        n += 1;
    }
    assert!(n >= 10, "{n}");
}

/// TOML as the JSON the schema describes: dates as `YYYY-MM-DD` strings.
fn json_of(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        // A TOML float is written back as its decimal text: the schema's decimals take numbers.
        toml::Value::Float(f) => serde_json::from_str(&f.to_string()).unwrap(),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(json_of).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, json_of(v))).collect())
        }
    }
}
