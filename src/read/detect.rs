//! What a file is, before it is read: from its name (`.toml`, `.cases.toml`, `.map.toml`,
//! `.json`) and,
//! for JSON, the keys of its top-level object. One rule for every command and batch; the
//! reader of the kind found then checks the file fully.

use crate::read::tree::{Node, Value};

/// The kind of an input file.
///
/// ```
/// use par_index::files::{FileKind, detect_kind};
/// assert_eq!(detect_kind("a.cases.toml", ""), FileKind::Cases);
/// assert_eq!(detect_kind("2024-to-2025.map.toml", ""), FileKind::CodeMap);
/// assert_eq!(detect_kind("set.TOML", ""), FileKind::Methodology);
/// assert_eq!(detect_kind("x.json", r#"{"kind": "appraisal", "stage": "final"}"#), FileKind::Stage);
/// assert_eq!(detect_kind("x.json", r#"{"survey": "S", "units": {}}"#), FileKind::Survey);
/// assert_eq!(detect_kind("x.json", r#"{"format": "par-index/scorecard/4"}"#), FileKind::Scorecard);
/// assert_eq!(detect_kind("x.json", r#"{"answers": {}}"#), FileKind::Submission);
/// assert_eq!(detect_kind("x.json", r#"[{"format": "par-index/scorecard/4"}]"#), FileKind::Scorecard);
/// assert_eq!(detect_kind("x.txt", ""), FileKind::Other);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// A methodology (`.toml`).
    Methodology,
    /// Conformance cases (`.cases.toml`).
    Cases,
    /// A code map from one methodology's codes to another's (`.map.toml`).
    CodeMap,
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
    } else if lower.ends_with(".map.toml") {
        FileKind::CodeMap
    } else if lower.ends_with(".toml") {
        FileKind::Methodology
    } else if lower.ends_with(".xlsx") {
        // An Excel form: a self-assessment, whose reader says if it is not one.
        FileKind::Submission
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
    kind_of_keys(has)
}

/// The kind of a JSON object from which of its top-level keys are present: the one rule,
/// for the parsed tree ([`json_kind`]) and for the sniffed text ([`sniff_object`]).
fn kind_of_keys(has: impl Fn(&str) -> bool) -> FileKind {
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

/// What a JSON object's top-level keys say it is ([`json_kind`]'s rule), found without
/// reading it into a tree. `None` when the text is not plainly an object (an array, a syntax error, an
/// escaped key): the file is then read in full to know. A batch uses it to leave
/// self-assessments unread until they are scored.
pub(crate) fn sniff_object(text: &str) -> Option<FileKind> {
    let b = text.as_bytes();
    let mut i = 0usize;
    let ws = |i: &mut usize| {
        while matches!(b.get(*i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            *i = i.wrapping_add(1);
        }
    };
    // A string from its opening quote: its content (None when it holds an escape) and the
    // index after its closing quote.
    let string = |i: usize| -> Option<(Option<&str>, usize)> {
        let mut j = i.checked_add(1)?;
        let mut plain = true;
        loop {
            // To the next quote or backslash at once (most of a document is in strings).
            j = j.checked_add(memchr::memchr2(b'"', b'\\', b.get(j..)?)?)?;
            if b.get(j)? == &b'"' {
                let content = text.get(i.wrapping_add(1)..j).filter(|_| plain);
                return Some((content, j.checked_add(1)?));
            }
            // A backslash: it and the byte it escapes.
            plain = false;
            j = j.checked_add(2)?;
        }
    };
    ws(&mut i);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = i.checked_add(1)?;
    let (mut answers, mut format, mut kind, mut units, mut survey) =
        (false, false, false, false, false);
    ws(&mut i);
    if b.get(i) == Some(&b'}') {
        return Some(FileKind::Submission);
    }
    loop {
        ws(&mut i);
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (key, after) = string(i)?;
        let key = key?;
        i = after;
        ws(&mut i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = i.checked_add(1)?;
        ws(&mut i);
        // The value: a string, or anything up to the `,` or `}` at depth 0.
        if b.get(i) == Some(&b'"') {
            i = string(i)?.1;
        } else {
            let mut depth = 0usize;
            loop {
                match b.get(i)? {
                    b'"' => {
                        i = string(i)?.1;
                        continue;
                    }
                    b'{' | b'[' => depth = depth.checked_add(1)?,
                    b'}' | b']' if depth > 0 => depth = depth.wrapping_sub(1),
                    b',' | b'}' if depth == 0 => break,
                    b']' => return None,
                    _ => {}
                }
                i = i.checked_add(1)?;
            }
        }
        match key {
            "answers" => answers = true,
            "format" => format = true,
            "kind" => kind = true,
            "units" => units = true,
            "survey" => survey = true,
            _ => {}
        }
        ws(&mut i);
        match b.get(i)? {
            b',' => i = i.checked_add(1)?,
            b'}' => break,
            _ => return None,
        }
    }
    Some(kind_of_keys(|k| match k {
        "answers" => answers,
        "format" => format,
        "kind" => kind,
        "units" => units,
        "survey" => survey,
        _ => false,
    }))
}

#[cfg(test)]
mod tests {
    use super::{FileKind, json_kind, sniff_object};
    use proptest::prelude::*;
    use serde_json::{Map, Value};

    fn value() -> impl Strategy<Value = Value> {
        let key = prop_oneof![
            Just("answers".to_owned()),
            Just("format".to_owned()),
            Just("kind".to_owned()),
            Just("units".to_owned()),
            Just("survey".to_owned()),
            Just("methodology".to_owned()),
            "[a-z\\\\\"\\]\\[{},:]{0,4}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            "[a-z\\\\\"\\]\\[{},: ]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
            ]
        })
    }

    proptest! {
        /// Whenever the text parses, the sniffed kind is the kind of the parsed tree; on any
        /// text, the sniffer ends without panicking.
        #[test]
        fn the_sniffed_kind_is_the_parsed_kind(v in value(), pretty in any::<bool>(), cut in any::<prop::sample::Index>()) {
            let text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap_or_default();
            let parsed = crate::read::json::parse_json(&text);
            if let (Some(kind), Ok(root)) = (sniff_object(&text), &parsed) {
                prop_assert_eq!(kind, json_kind(root), "{}", text);
            }
            if v.is_object() && parsed.is_ok() && !text.contains('\\') {
                prop_assert!(sniff_object(&text).is_some(), "{}", text);
            }
            // Any prefix of the text: no panic, no endless loop.
            let end = cut.index(text.len().saturating_add(1));
            if let Some(prefix) = text.get(..end) {
                let _ = sniff_object(prefix);
            }
        }
    }

    #[test]
    fn sniffed_kinds_of_the_samples() {
        let kind = |t: &str| sniff_object(t);
        assert_eq!(
            kind(r#"{"answers": {}, "kind": "x"}"#),
            Some(FileKind::Submission)
        );
        assert_eq!(
            kind(r#"{"kind": "appraisal", "decisions": {"1": {"a": [1, "]"]}}}"#),
            Some(FileKind::Stage)
        );
        assert_eq!(
            kind(r#"{"format": "x", "areas": []}"#),
            Some(FileKind::Scorecard)
        );
        assert_eq!(
            kind(r#"{"units": {}, "survey": "S"}"#),
            Some(FileKind::Survey)
        );
        assert_eq!(kind(r#"[{"answers": {}}]"#), None);
        assert_eq!(kind(r#"{"a\"b": 1}"#), None);
        assert_eq!(kind(r#"{"answers": "#), None);
    }
}
