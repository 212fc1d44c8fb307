//! Reading a scorecard (JSON): the format version first, the same limits as every input,
//! and scorecards of the earlier format (0.1.0) turned into this one.

use serde::Deserialize;

use crate::model::scorecard::{
    SCORECARD_FORMAT, SCORECARD_FORMAT_1, SCORECARD_FORMAT_2, SCORECARD_FORMAT_3,
    SCORECARD_FORMATS, Scorecard,
};

/// Reads as [`Scorecard::from_json`] reads, whatever the caller: the same checks, limits and
/// errors. Only JSON deserializers can give the text this needs (`serde_json`).
impl<'de> Deserialize<'de> for Scorecard {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        Scorecard::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}

impl Scorecard {
    /// Read a scorecard from JSON (as written by [`Scorecard::to_json`] or `par-index score
    /// --format json`). The format version is checked first, so a scorecard of another
    /// version gets a clear error rather than a list of unknown fields. Every format ever
    /// written is read ([`crate::scorecard::SCORECARD_FORMATS`]): formats 1 and 2 have their prose set
    /// aside, and a field a format never had is refused (an `appraisal` record in format 1, a
    /// `carried_over` record before format 3, the record's hash of the original in format 4,
    /// its dropped answers before format 4). Decimals must be strings, as this crate writes
    /// them: a JSON number would pass through a float.
    ///
    /// ```
    /// use par_index::{Scorecard, ProblemKind};
    /// use par_index::catalog::sample_scorecard;
    /// let card = sample_scorecard();
    /// assert_eq!(Scorecard::from_json(&card.to_json()).unwrap(), card);
    /// let other = card.to_json().replace("par-index/scorecard/4", "par-index/scorecard/9");
    /// let err = Scorecard::from_json(&other).unwrap_err();
    /// assert_eq!(err.problems()[0].kind, ProblemKind::BadValue);
    /// assert_eq!(err.problems()[0].field, "format");
    /// let err = Scorecard::from_json(&card.to_json().replace("\"total\": \"95.29\"", "\"total\": 95.29")).unwrap_err();
    /// assert!(err.to_string().contains("line "), "{err}");
    /// ```
    pub fn from_json(text: &str) -> Result<Scorecard, crate::Error> {
        use crate::error::{Error, Problem, ProblemKind};
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // serde_json's message ends with its own " at line L column C"; the problem says it.
        // Its words for a measure that fits no shape are about Rust, not the format.
        let msg = |e: &serde_json::Error| {
            let m = e.to_string();
            let m = match m.rfind(" at line ") {
                Some(i) => m.get(..i).unwrap_or(&m).to_owned(),
                None => m,
            };
            if m.contains("untagged enum Measure") {
                format!(
                    "a measure that is none of the measures a rule takes (expected one of: {})",
                    crate::read::submission::MEASURE_SHAPES
                )
            } else if m.starts_with("EOF while parsing") {
                "the text ends before the scorecard does".to_owned()
            } else {
                m.replace(
                    "data did not match any variant of untagged enum",
                    "no shape fits",
                )
            }
        };
        let at = |e: &serde_json::Error| {
            Some((
                u32::try_from(e.line()).unwrap_or(u32::MAX),
                u32::try_from(e.column()).unwrap_or(u32::MAX),
            ))
        };
        // The strict reader first: syntax errors in its words, with their position, and
        // the same limits as every other input (depth, sizes), before serde sees the text.
        // A text the strict reader would read is only checked, with no tree built (the
        // common case: a scorecard as this crate writes it); any other is parsed, for its
        // problems.
        let checked = crate::read::json::check_json(text, &crate::read::limits::Limits::default());
        let root = match checked {
            Some(_) => None,
            None => Some(crate::read::json::parse_json(text).map_err(Error::Invalid)?),
        };
        // The format from the check or the tree already read: the text is parsed into a
        // `Value` only to upgrade an older format.
        let format = match (checked, &root) {
            (Some(format), _) => format,
            (None, Some(root)) => match &root.value {
                crate::read::tree::Value::Table(entries) => entries
                    .iter()
                    .find(|(k, _)| k == "format")
                    .and_then(|(_, n)| match &n.value {
                        crate::read::tree::Value::Str(f) => Some(f.as_str()),
                        _ => None,
                    }),
                _ => None,
            },
            (None, None) => None,
        };
        // A serde error as the one problem, placed where serde stopped.
        let serde_error = |kind: ProblemKind, what: &str, e: &serde_json::Error| {
            Error::Invalid(vec![
                Problem::new(kind, None, "", format!("{what}: {}", msg(e))).at(at(e)),
            ])
        };
        let value = || {
            serde_json::from_str::<serde_json::Value>(text)
                .map_err(|e| serde_error(ProblemKind::Syntax, "not valid JSON", &e))
        };
        let card = match format {
            Some(SCORECARD_FORMAT | SCORECARD_FORMAT_3) => {
                let mut de = serde_json::Deserializer::from_str(text);
                Scorecard::deserialize(&mut de)
                    .and_then(|card| de.end().map(|()| card))
                    .map_err(|e| {
                        serde_error(ProblemKind::WrongType, "not a par-index scorecard", &e)
                    })?
            }
            Some(SCORECARD_FORMAT_2 | SCORECARD_FORMAT_1) => {
                let mut value = value()?;
                upgrade_v2(&mut value).map_err(|(field, message)| {
                    Error::Invalid(vec![Problem::new(
                        ProblemKind::BadValue,
                        None,
                        field,
                        message,
                    )])
                })?;
                Scorecard::deserialize(value).map_err(|e| {
                    Error::Invalid(vec![Problem::new(
                        ProblemKind::WrongType,
                        None,
                        "",
                        format!("not a par-index scorecard: {}", msg(&e)),
                    )])
                })?
            }
            Some(other) => {
                return Err(Error::Invalid(vec![Problem::new(
                    ProblemKind::BadValue,
                    None,
                    "format",
                    format!(
                        "scorecard format `{other}` is not one this version reads ({})",
                        SCORECARD_FORMATS.join(", ")
                    ),
                )]));
            }
            None => {
                return Err(Error::Invalid(vec![Problem::new(
                    ProblemKind::MissingKey,
                    None,
                    "format",
                    format!(
                        "not a par-index scorecard: no `format` (expected `{SCORECARD_FORMAT}`)"
                    ),
                )]));
            }
        };
        match fields_of_its_format(&card) {
            None => Ok(card),
            Some((field, message)) => Err(Error::Invalid(vec![Problem::new(
                ProblemKind::UnknownKey,
                None,
                field,
                message,
            )])),
        }
    }

    /// Read a file's scorecards: one scorecard, or an array of them (every stage of
    /// `appraise --format json`), told apart by the first character that is not a byte-order
    /// mark or white space. The one rule for every reader of scorecard files.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let one = par_index::Scorecard::from_json_one_or_many(&card.to_json()).unwrap();
    /// let two = format!(" [{}, {}]", card.to_json(), card.to_json());
    /// assert_eq!(one.len(), 1);
    /// assert_eq!(par_index::Scorecard::from_json_one_or_many(&two).unwrap().len(), 2);
    /// ```
    pub fn from_json_one_or_many(text: &str) -> Result<Vec<Scorecard>, crate::Error> {
        let array = text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('[');
        if array {
            Scorecard::from_json_array(text)
        } else {
            Scorecard::from_json(text).map(|c| vec![c])
        }
    }

    /// Read a JSON array of scorecards (`par-index appraise --format json`), each checked as
    /// [`Scorecard::from_json`] checks one; a problem names the element (`[2]`).
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let two = format!("[{}, {}]", card.to_json(), card.to_json());
    /// assert_eq!(par_index::Scorecard::from_json_array(&two).unwrap().len(), 2);
    /// assert!(par_index::Scorecard::from_json_array("[1]").is_err());
    /// ```
    pub fn from_json_array(text: &str) -> Result<Vec<Scorecard>, crate::Error> {
        use crate::error::{Error, Problem, ProblemKind};
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        crate::read::json::parse_json(text).map_err(Error::Invalid)?;
        let items: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
            Error::Invalid(vec![Problem::new(
                ProblemKind::WrongType,
                None,
                "",
                format!("expected an array of scorecards: {e}"),
            )])
        })?;
        let mut out = Vec::with_capacity(items.len());
        let mut problems = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match Scorecard::from_json(&item.to_string()) {
                Ok(c) => out.push(c),
                Err(e) => problems.extend(e.problems().iter().map(|p| {
                    let mut p = p.clone();
                    p.field = format!(
                        "[{i}]{}{}",
                        if p.field.is_empty() { "" } else { "." },
                        p.field
                    );
                    p.position = None;
                    p
                })),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

/// A field that the scorecard's format never had: a scorecard is read as its format says,
/// so that relabelling it cannot change what it is checked on.
fn fields_of_its_format(card: &Scorecard) -> Option<(String, String)> {
    let version = card.format_version()?;
    let f = &card.format;
    if version < 2 && card.appraisal.is_some() {
        return Some((
            "appraisal".into(),
            format!("format `{f}` has no appraisal record (format 2 added it)"),
        ));
    }
    let carried = card.carried_over.as_ref()?;
    if version < 3 {
        return Some((
            "carried_over".into(),
            format!("format `{f}` has no record of carrying (format 3 added it)"),
        ));
    }
    if version < 4 && (!carried.map.is_empty() || carried.map_sha256.is_some()) {
        return Some((
            "carried_over.map".into(),
            format!("format `{f}` does not record the code map (format 4 does)"),
        ));
    }
    match (version, &carried.submission_sha256) {
        (3, None) => {
            return Some((
                "carried_over.submission_sha256".into(),
                format!("missing: format `{f}` records the original submission's hash here"),
            ));
        }
        (4.., Some(_)) => {
            return Some((
                "carried_over.submission_sha256".into(),
                format!(
                    "format `{f}` has no such field: the scorecard's `submission_sha256` is the original's"
                ),
            ));
        }
        _ => {}
    }
    for (i, d) in carried.dropped.iter().enumerate() {
        match (version, &d.answer) {
            (3, Some(_)) => {
                return Some((
                    format!("carried_over.dropped[{i}].answer"),
                    format!("format `{f}` does not record the answers it drops (format 4 does)"),
                ));
            }
            (4.., None) => {
                return Some((
                    format!("carried_over.dropped[{i}].answer"),
                    format!("missing: format `{f}` records every answer it drops"),
                ));
            }
            _ => {}
        }
    }
    None
}

/// Turn a scorecard of format 2 (par-index 0.1.0) into format 3: drop the English prose of
/// each trace (`detail`) and turn the English notes, which 0.1.0 wrote from a fixed set of
/// sentences, into their typed values. The numbers, measures, branches and evidence are kept
/// as they are, so verification judges them exactly as before.
fn upgrade_v2(card: &mut serde_json::Value) -> Result<(), (String, String)> {
    use serde_json::Value;
    fn nodes(list: Option<&mut Value>, at: &str) -> Result<(), (String, String)> {
        let Some(Value::Array(list)) = list else {
            return Ok(());
        };
        for (i, node) in list.iter_mut().enumerate() {
            let here = format!("{at}[{i}]");
            if let Some(Value::Object(t)) = node.get_mut("trace") {
                t.remove("detail");
                if let Some(a) = t.remove("adjustment") {
                    let a = a.as_str().unwrap_or_default();
                    let typed = if a.starts_with("no evidence and no explanation") {
                        "evidence-policy"
                    } else if a.starts_with("set to ") {
                        "appraiser"
                    } else {
                        return Err((
                            format!("{here}.trace.adjustment"),
                            format!("`{a}` is not a note par-index 0.1.0 wrote"),
                        ));
                    };
                    t.insert("adjustment".into(), Value::from(typed));
                }
            }
            nodes(node.get_mut("children"), &format!("{here}.children"))?;
        }
        Ok(())
    }
    nodes(card.get_mut("areas"), "areas")?;
    for part in ["bonus", "penalty"] {
        let Some(Value::Array(entries)) = card.get_mut(part).and_then(|p| p.get_mut("entries"))
        else {
            continue;
        };
        for (i, e) in entries.iter_mut().enumerate() {
            let Some(Value::Object(e)) = Some(e) else {
                continue;
            };
            if let Some(n) = e.remove("note") {
                let n = n.as_str().unwrap_or_default();
                let typed = if n == "rejected by the appraiser" {
                    "rejected-by-appraiser"
                } else if n.ends_with(" accepted by the appraiser") {
                    "accepted-by-appraiser"
                } else if n.starts_with("no evidence: not counted") {
                    "no-evidence-not-counted"
                } else if n.starts_with("no evidence: flagged") {
                    "no-evidence-flagged"
                } else {
                    return Err((
                        format!("{part}.entries[{i}].note"),
                        format!("`{n}` is not a note par-index 0.1.0 wrote"),
                    ));
                };
                e.insert("note".into(), Value::from(typed));
            }
        }
    }
    if let Some(Value::Object(survey)) = card.get_mut("survey")
        && survey.remove("note").is_some()
    {
        // 0.1.0's one survey note: the unit is not in the survey file.
        survey.insert("not_in_source".into(), Value::Bool(true));
    }
    Ok(())
}
