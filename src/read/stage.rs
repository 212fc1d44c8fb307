//! Reading a stage file (JSON): an appraisal or the unit's explanation, every problem located.

use crate::error::{Error, ProblemKind};
use crate::model::stage::{EntryDecision, ItemDecision, Response, Source, Stage, StageKind};
use crate::read::submission::{MEASURE_KEYS, read_evidence, read_measure};
use crate::read::tree::{Node, Reader, Site, by_code};

const STAGE_KEYS: &[&str] = &[
    "kind",
    "stage",
    "methodology",
    "unit",
    "by",
    "date",
    "sequence",
    "decisions",
    "responses",
    "bonus",
    "penalty",
];

const DECISION_KEYS: &[&str] = &[
    "accept",
    "measure",
    "points",
    "reject_evidence",
    "reason",
    "by",
    "date",
];

impl Stage {
    /// A stage from a parsed document (batches parse each file once).
    pub(crate) fn from_node(root: &Node) -> Result<Stage, Error> {
        Stage::from_node_with(root, &crate::read::limits::Limits::default())
    }

    /// Read a stage file from JSON, with every problem and its position. Numbers are read
    /// exactly. Checks against a methodology and a submission happen in [`score_stages`](crate::appraisal::score_stages).
    ///
    /// ```
    /// let err = par_index::Stage::from_json(r#"{"kind": "appraisal", "stage": "final",
    ///   "methodology": "m", "unit": "X", "by": "P", "date": "2025-01-20",
    ///   "decisions": {"1.4.1": {"points": 1}, "1.6.1": {"acept": true}}}"#).unwrap_err();
    /// let fields: Vec<&str> = err.problems().iter().map(|p| p.field.as_str()).collect();
    /// assert_eq!(fields, ["decisions.1.4.1.reason", "decisions.1.6.1.acept"]);
    /// ```
    pub fn from_json(text: &str) -> Result<Stage, Error> {
        Stage::from_json_within(text, &crate::read::limits::Limits::default())
    }

    /// [`Stage::from_json`] within the embedder's [`crate::Limits`].
    pub(crate) fn from_json_within(
        text: &str,
        limits: &crate::read::limits::Limits,
    ) -> Result<Stage, Error> {
        let root = crate::read::json::parse_json_with(text, limits).map_err(Error::Invalid)?;
        Stage::from_node_with(&root, limits)
    }

    fn from_node_with(root: &Node, limits: &crate::read::limits::Limits) -> Result<Stage, Error> {
        let mut r = Reader {
            limits: *limits,
            ..Reader::default()
        };
        let stage = read_stage(&mut r, root);
        match stage {
            Some(mut s) if r.problems.is_empty() => {
                s.source = crate::read::tree::source_of(root);
                Ok(s)
            }
            _ => Err(Error::Invalid(r.problems)),
        }
    }

    /// Read a stage file; every problem names the file.
    ///
    /// ```
    /// let s = par_index::Stage::from_file("examples/data/district/appraisals/NG-05.appraisal-1.json").unwrap();
    /// assert_eq!(s.unit, "NG-05");
    /// ```
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Stage, Error> {
        let (text, shown) = crate::read::io::read_text(path.as_ref())?;
        let mut s = Stage::from_json(&text).map_err(|e| e.in_file(&shown))?;
        s.source.file = Some(shown);
        Ok(s)
    }
}

fn read_stage(r: &mut Reader, root: &Node) -> Option<Stage> {
    let mut t = r.table(root, &Site::top())?;
    let kind = t.must(
        r,
        None,
        "kind",
        "`appraisal` or `explanation`",
        |r, n, s| match r.string(n, s)?.as_str() {
            "appraisal" => Some(StageKind::Appraisal),
            "explanation" => Some(StageKind::Explanation),
            other => {
                r.report(
                    ProblemKind::BadValue,
                    s,
                    n.pos,
                    format!(
                        "`{other}` is not a stage kind (expected `appraisal` or `explanation`)"
                    ),
                );
                None
            }
        },
    );
    let stage = t.must(
        r,
        None,
        "stage",
        "the stage's name, e.g. appraisal-1",
        Reader::string,
    );
    let methodology = t.must(r, None, "methodology", "the methodology id", Reader::string);
    let unit = t.must(r, None, "unit", "the unit's code", Reader::ident);
    let by = t.must(
        r,
        None,
        "by",
        "the appraising office or the unit",
        Reader::string,
    );
    let date = t.must(
        r,
        None,
        "date",
        "the stage's date, YYYY-MM-DD",
        Reader::date,
    );
    let sequence = t.opt(r, None, "sequence", Reader::count);
    let decisions = t
        .opt(r, None, "decisions", |r, n, s| {
            by_code(r, n, s, read_decision)
        })
        .unwrap_or_default();
    let responses = t
        .opt(r, None, "responses", |r, n, s| {
            by_code(r, n, s, read_response)
        })
        .unwrap_or_default();
    let bonus = t
        .opt(r, None, "bonus", read_entry_decisions)
        .unwrap_or_default();
    let penalty = t
        .opt(r, None, "penalty", read_entry_decisions)
        .unwrap_or_default();
    t.finish(r, None, STAGE_KEYS);
    let kind = kind?;
    match kind {
        StageKind::Appraisal if !responses.is_empty() => r.report(
            ProblemKind::UnknownKey,
            &Site {
                code: None,
                field: "responses".into(),
            },
            root.pos,
            "an appraisal has `decisions`, not `responses`".into(),
        ),
        StageKind::Explanation
            if !decisions.is_empty() || !bonus.is_empty() || !penalty.is_empty() =>
        {
            r.report(
                ProblemKind::UnknownKey,
                &Site {
                    code: None,
                    field: "decisions".into(),
                },
                root.pos,
                "an explanation has `responses`, not decisions".into(),
            );
        }
        _ => {}
    }
    Some(Stage {
        kind,
        stage: stage?,
        methodology: methodology?,
        unit: unit?,
        by: by?,
        date: date?,
        sequence,
        decisions,
        responses,
        bonus,
        penalty,
        source: Source::default(),
    })
}

fn read_decision(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<ItemDecision> {
    let c = s.code;
    let mut t = r.table(n, s)?;
    let accept = t.opt(r, c, "accept", Reader::boolean).unwrap_or(false);
    let measure = t.opt(r, c, "measure", |r, n, s| {
        let mut m = r.table(n, s)?;
        let measure = read_measure(r, &mut m, c);
        m.finish(r, c, MEASURE_KEYS);
        measure
    });
    let points = t.opt(r, c, "points", Reader::points);
    let reject_evidence = t
        .opt(r, c, "reject_evidence", |r, n, s| {
            let items = r.array(n, s)?;
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let site = Site {
                    code: c,
                    field: format!("{}[{i}]", s.field).into(),
                };
                out.push(r.string(item, &site)?);
            }
            Some(out)
        })
        .unwrap_or_default();
    let reason = t.opt(r, c, "reason", Reader::string);
    let by = t.opt(r, c, "by", Reader::string);
    let date = t.opt(r, c, "date", Reader::date);
    let had = |k: &str| t.has(k);
    let given_changes = had("measure") || had("points") || had("reject_evidence");
    let site = Site {
        code: c,
        field: s.field.clone(),
    };
    if accept && given_changes {
        r.report(
            ProblemKind::BadValue,
            &site,
            n.pos,
            "`accept` cannot come with a change: give either `accept` or the change".into(),
        );
    } else if !accept && !given_changes && t.keys().all(|(k, _)| DECISION_KEYS.contains(&k)) {
        r.report(
            ProblemKind::MissingKey,
            &site,
            n.pos,
            "no decision: give `accept`, a corrected `measure`, `reject_evidence` or `points`"
                .into(),
        );
    }
    if had("points") && had("measure") {
        r.report(
            ProblemKind::BadValue,
            &site,
            n.pos,
            "give a corrected `measure` or `points`, not both".into(),
        );
    }
    if given_changes && !had("reason") {
        r.report(
            ProblemKind::MissingKey,
            &Site {
                code: c,
                field: format!("{}.reason", s.field).into(),
            },
            n.pos,
            "missing key `reason`: every change needs its reason".into(),
        );
    }
    t.finish(r, c, DECISION_KEYS);
    Some(ItemDecision {
        accept,
        measure,
        points,
        reject_evidence,
        reason,
        by,
        date,
    })
}

fn read_response(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<Response> {
    let c = s.code;
    let mut t = r.table(n, s)?;
    let evidence = t.opt(r, c, "evidence", read_evidence).unwrap_or_default();
    let explanation = t.opt(r, c, "explanation", Reader::string);
    if evidence.is_empty() && explanation.is_none() && !t.has("evidence") && !t.has("explanation") {
        r.report(
            ProblemKind::MissingKey,
            &Site {
                code: c,
                field: s.field.clone(),
            },
            n.pos,
            "an empty response: give `evidence`, `explanation` or both".into(),
        );
    }
    t.finish(r, c, &["evidence", "explanation"]);
    Some(Response {
        evidence,
        explanation,
    })
}

fn read_entry_decisions(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<Vec<EntryDecision>> {
    let (_, out) = r.tables(n, s, |r, mut t, _, pos| {
        let entry = t.must(
            r,
            None,
            "entry",
            "the entry's position, from 0",
            |r, n, s| r.count(n, s).and_then(|c| usize::try_from(c).ok()),
        );
        let accept = t.opt(r, None, "accept", Reader::boolean).unwrap_or(false);
        let reject = t.opt(r, None, "reject", Reader::boolean).unwrap_or(false);
        let amount = t.opt(r, None, "amount", Reader::points);
        let reason = t.opt(r, None, "reason", Reader::string);
        let by = t.opt(r, None, "by", Reader::string);
        let site = Site {
            code: None,
            field: t.field().to_owned().into(),
        };
        let n_actions = [accept, reject, t.has("amount")]
            .iter()
            .filter(|x| **x)
            .count();
        if n_actions != 1 {
            r.report(
                ProblemKind::BadValue,
                &site,
                pos,
                "give exactly one of `accept`, `reject` or a corrected `amount`".into(),
            );
        }
        if !accept && !t.has("reason") {
            r.report(
                ProblemKind::MissingKey,
                &Site {
                    code: None,
                    field: t.path("reason").into(),
                },
                pos,
                "missing key `reason`: every change needs its reason".into(),
            );
        }
        t.finish(
            r,
            None,
            &["entry", "accept", "reject", "amount", "reason", "by"],
        );
        Some(EntryDecision {
            entry: entry?,
            accept,
            reject,
            amount,
            reason,
            by,
        })
    })?;
    Some(out)
}

/// Reads as [`Stage::from_json`] reads, whatever the caller: one description of the format,
/// the same checks, limits, positions and errors (an error's message is the reader's, with
/// every problem). Only JSON deserializers can give the text this needs (`serde_json`; a
/// value nested in a larger document is read as its own text).
///
/// ```
/// let text = std::fs::read_to_string("examples/data/district/appraisals/NG-02.appraisal-1.json").unwrap();
/// let by_serde: par_index::Stage = serde_json::from_str(&text).unwrap();
/// assert_eq!(by_serde, par_index::Stage::from_json(&text).unwrap());
/// ```
impl<'de> serde::Deserialize<'de> for Stage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw =
            <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
        Stage::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}
