//! JSON Schemas of the file formats, generated from the types (JSON Schema 2020-12).
//!
//! ```
//! let schema: serde_json::Value =
//!     serde_json::from_str(&par_index::schema::json_schema("scorecard").unwrap()).unwrap();
//! assert_eq!(schema["title"], "Scorecard");
//! ```

use schemars::Schema;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;

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
#[must_use]
pub fn json_schema(name: &str) -> Option<String> {
    // Two generation settings, the same for every type: descriptions keep their prose (doc
    // examples are for Rust readers), and decimals state the syntax the readers accept.
    let settings = |s: SchemaSettings| s.with_transform(RecursiveTransform(tidy));
    let input = settings(SchemaSettings::draft2020_12().for_deserialize()).into_generator();
    let output = settings(SchemaSettings::draft2020_12().for_serialize()).into_generator();
    let schema = match name {
        "methodology" => input.into_root_schema_for::<crate::model::methodology::MethodologyFile>(),
        "submission" => input.into_root_schema_for::<crate::Submission>(),
        "scorecard" => output.into_root_schema_for::<crate::Scorecard>(),
        "case" => input.into_root_schema_for::<crate::conformance::format::CaseFile>(),
        "stage" => input.into_root_schema_for::<crate::Stage>(),
        "survey" => input.into_root_schema_for::<crate::SurveyFile>(),
        _ => return None,
    };
    let value = serde_json::to_value(&schema).ok()?;
    let mut s = serde_json::to_string_pretty(&value).ok()?;
    s.push('\n');
    Some(s)
}

/// Keep a description to its prose (doc examples are for Rust readers), and state the decimal
/// syntax the readers accept: digits with an optional fraction, no sign, no exponent.
fn tidy(schema: &mut Schema) {
    use serde_json::Value;
    if let Some(Value::String(d)) = schema.get_mut("description") {
        if let Some(i) = d.find("```") {
            d.truncate(i);
        }
        let trimmed = d.trim_end().to_owned();
        *d = trimmed;
    }
    if let Some(Value::String(p)) = schema.get_mut("pattern")
        && p.as_str() == r"^-?\d+(\.\d+)?([eE]\d+)?$"
    {
        *p = r"^\d+(\.\d+)?$".to_owned();
    }
}
