//! JSON Schemas of the file formats, generated from the types (JSON Schema 2020-12).
//!
//! ```
//! let schema: serde_json::Value =
//!     serde_json::from_str(&par_index::schema::json_schema("scorecard").unwrap()).unwrap();
//! assert_eq!(schema["title"], "Scorecard");
//! ```

use schemars::generate::SchemaSettings;

/// The names of the schemas [`json_schema`] knows.
///
/// ```
/// for name in par_index::schema::NAMES {
///     assert!(par_index::schema::json_schema(name).is_some());
/// }
/// ```
pub const NAMES: &[&str] = &[
    "methodology",
    "submission",
    "scorecard",
    "case",
    "stage",
    "survey",
];

/// The JSON Schema of a format by name (`methodology`, `submission`, `scorecard`, `case`, `stage`, `survey`), pretty
/// JSON with a trailing newline. Input formats accept decimals as strings or numbers;
/// scorecards write them as strings.
///
/// ```
/// let s = par_index::schema::json_schema("submission").unwrap();
/// assert!(s.contains("\"answers\""));
/// assert!(par_index::schema::json_schema("nope").is_none());
/// ```
pub fn json_schema(name: &str) -> Option<String> {
    let input = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let output = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let schema = match name {
        "methodology" => input.into_root_schema_for::<crate::MethodologyFile>(),
        "submission" => input.into_root_schema_for::<crate::Submission>(),
        "scorecard" => output.into_root_schema_for::<crate::Scorecard>(),
        "case" => input.into_root_schema_for::<crate::conformance::format::CaseFile>(),
        "stage" => input.into_root_schema_for::<crate::Stage>(),
        "survey" => input.into_root_schema_for::<crate::SurveyFile>(),
        _ => return None,
    };
    let mut value = serde_json::to_value(&schema).ok()?;
    tidy(&mut value);
    // An answer is one measure plus evidence and explanation; nothing else is read.
    if let Some(answer) = value
        .pointer_mut("/$defs/Answer")
        .and_then(|a| a.as_object_mut())
    {
        answer.insert(
            "unevaluatedProperties".into(),
            serde_json::Value::Bool(false),
        );
        // A deadline must say `"done": null` when not done: absence is a mistake, not "no".
        let measures = answer.get_mut("anyOf").and_then(|m| m.as_array_mut());
        for m in measures.into_iter().flatten() {
            let has_done = m.pointer("/properties/done").is_some();
            if let Some(required) = m.get_mut("required").and_then(|r| r.as_array_mut())
                && has_done
                && !required.iter().any(|r| r == "done")
            {
                required.push(serde_json::Value::from("done"));
            }
        }
    }
    // The format version a scorecard of this schema carries.
    if name == "scorecard"
        && let Some(format) = value
            .pointer_mut("/properties/format")
            .and_then(|f| f.as_object_mut())
    {
        format.insert("const".into(), crate::SCORECARD_FORMAT.into());
    }
    // The problem kinds a bad case may expect.
    if let Some(kind) = value
        .pointer_mut("/$defs/ExpectedError/properties/kind")
        .and_then(|k| k.as_object_mut())
    {
        let names = crate::ProblemKind::ALL
            .iter()
            .map(|k| k.name().into())
            .collect();
        kind.insert("enum".into(), serde_json::Value::Array(names));
    }
    let mut s = serde_json::to_string_pretty(&value).ok()?;
    s.push('\n');
    Some(s)
}

/// Keep descriptions to their prose (doc examples are for Rust readers), and state the
/// decimal syntax the readers accept: digits with an optional fraction, no sign, no exponent.
fn tidy(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match (k.as_str(), x) {
                    ("description", Value::String(d)) => {
                        if let Some(i) = d.find("```") {
                            d.truncate(i);
                        }
                        let trimmed = d.trim_end().to_owned();
                        *d = trimmed;
                    }
                    ("pattern", Value::String(p)) if p.as_str() == r"^-?\d+(\.\d+)?([eE]\d+)?$" => {
                        *p = r"^\d+(\.\d+)?$".to_owned();
                    }
                    (_, x) => tidy(x),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}
