//! What a file is, before it is read: from its name (`.toml`, `.cases.toml`, `.json`) and,
//! for JSON, the keys of its top-level object. One rule for every command and batch; the
//! reader of the kind found then checks the file fully.

use crate::read::tree::{Node, Value};

/// The kind of an input file.
///
/// ```
/// use par_index::files::{FileKind, detect_kind};
/// assert_eq!(detect_kind("a.cases.toml", ""), FileKind::Cases);
/// assert_eq!(detect_kind("set.TOML", ""), FileKind::Methodology);
/// assert_eq!(detect_kind("x.json", r#"{"kind": "appraisal", "stage": "final"}"#), FileKind::Stage);
/// assert_eq!(detect_kind("x.json", r#"{"survey": "S", "units": {}}"#), FileKind::Survey);
/// assert_eq!(detect_kind("x.json", r#"{"format": "par-index/scorecard/3"}"#), FileKind::Scorecard);
/// assert_eq!(detect_kind("x.json", r#"{"answers": {}}"#), FileKind::Submission);
/// assert_eq!(detect_kind("x.json", r#"[{"format": "par-index/scorecard/3"}]"#), FileKind::Scorecard);
/// assert_eq!(detect_kind("x.txt", ""), FileKind::Other);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// A methodology (`.toml`).
    Methodology,
    /// Conformance cases (`.cases.toml`).
    Cases,
    /// A self-assessment (JSON with `answers`, or anything JSON that is no other kind).
    Submission,
    /// A stage file (JSON with `kind` and no `answers`).
    Stage,
    /// A survey file (JSON with `survey` and `units`).
    Survey,
    /// A scorecard (JSON with `format`).
    Scorecard,
    /// Not a par-index file by its name.
    Other,
}

/// The kind of a file from its name and text (the text is looked at only for `.json`, and
/// only its top-level keys; text that does not parse is a submission, whose reader then says
/// what is wrong).
#[must_use]
pub fn detect_kind(name: &str, text: &str) -> FileKind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".cases.toml") {
        FileKind::Cases
    } else if lower.ends_with(".toml") {
        FileKind::Methodology
    } else if lower.ends_with(".json") {
        match crate::read::json::parse_json(text.trim_start_matches('\u{feff}')) {
            Ok(root) => json_kind(&root),
            Err(_) => FileKind::Submission,
        }
    } else {
        FileKind::Other
    }
}

/// The kind of a JSON document from the keys of its top-level object (of the first element
/// of a top-level array: `appraise --format json` writes an array of scorecards, and a batch
/// file may hold an array of self-assessments).
pub(crate) fn json_kind(root: &Node) -> FileKind {
    if let Value::Array(items) = &root.value {
        return items.first().map_or(FileKind::Submission, json_kind);
    }
    let has = |k: &str| match &root.value {
        Value::Table(entries) => entries.iter().any(|(x, _)| x == k),
        _ => false,
    };
    if has("format") && !has("answers") {
        FileKind::Scorecard
    } else if has("kind") && !has("answers") {
        FileKind::Stage
    } else if has("units") && has("survey") {
        FileKind::Survey
    } else {
        FileKind::Submission
    }
}

/// The kind of a file on disk (its text read within the default limits; a file that cannot
/// be read is a submission by its name, whose reader then says why).
#[must_use]
pub fn detect_file_kind(path: &std::path::Path) -> FileKind {
    let name = path.display().to_string();
    let lower = name.to_ascii_lowercase();
    if !lower.ends_with(".json") {
        return detect_kind(&name, "");
    }
    let text = crate::read::io::read_text_file(path).unwrap_or_default();
    detect_kind(&name, &text)
}
