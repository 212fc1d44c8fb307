//! Reading a submission (JSON): every structural problem with the item code, the field and
//! its line and column; `serde`'s `Deserialize` for the submission and its parts goes through
//! the same reader.

use std::collections::BTreeMap;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::methodology::Methodology;
use crate::model::rule::Measure;
use crate::model::submission::{AdjustmentEntry, Answer, Evidence, Submission, Unit};
use crate::read::tree::Value;
use crate::read::tree::{Node, Obj, Reader, Site};

const SUBMISSION_KEYS: &[&str] = &[
    "methodology",
    "unit",
    "period",
    "survey_held",
    "answers",
    "bonus",
    "penalty",
];

/// The measures an answer can give, in words.
pub(crate) const MEASURE_SHAPES: &str = "`met`; `due` and `done`; `num` and `den`; `value`; `count`; `points`; `satisfaction`; `not_applicable`";

/// The keys of the measures an answer can give.
pub(crate) const MEASURE_KEYS: &[&str] = &[
    "met",
    "due",
    "done",
    "num",
    "den",
    "value",
    "count",
    "points",
    "satisfaction",
    "not_applicable",
];

const ANSWER_KEYS: &[&str] = &[
    "met",
    "due",
    "done",
    "num",
    "den",
    "value",
    "count",
    "points",
    "satisfaction",
    "not_applicable",
    "evidence",
    "explanation",
];

const EVIDENCE_KEYS: &[&str] = &["number", "date", "issuer", "title", "locator", "link"];

impl Submission {
    /// Read a submission from JSON, reporting every structural problem (unknown keys, wrong
    /// types, impossible dates, negative counts, satisfaction outside \[0, 1\]) with the
    /// item code and field. Checks against a methodology happen in [`Submission::check`].
    ///
    /// ```
    /// let err = par_index::Submission::from_json(
    ///     r#"{"methodology": "m", "unit": {"code": "X", "name": "X"}, "period": "2024",
    ///         "answers": {"1.1.1": {"due": "2024-02-30", "done": null}, "3.2.1": {"num": -1, "den": 5}}}"#,
    /// ).unwrap_err();
    /// let msgs: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
    /// assert_eq!(msgs, [
    ///     "line 2, column 38: item 1.1.1: `answers.1.1.1.due`: `2024-02-30` is not a date that exists (expected YYYY-MM-DD)",
    ///     "line 2, column 84: item 3.2.1: `answers.3.2.1.num`: must not be negative, found -1",
    /// ]);
    /// ```
    pub fn from_json(text: &str) -> Result<Submission, Error> {
        let limits = crate::read::limits::Limits::default();
        // A document with no problem is read in one pass; any other by the full reader,
        // which reports every problem.
        if let Some(s) = crate::read::direct::submission(text, &limits) {
            return Ok(s);
        }
        let read = match crate::read::json::parse_json_with(text, &limits) {
            // No positions to keep: every problem of the text is placed as it is found.
            Ok(root) => SubmissionRead::from_node_with(&root, &limits, false),
            Err(problems) => return Err(Error::Invalid(problems)),
        };
        match read {
            SubmissionRead {
                submission: Some(s),
                problems,
                ..
            } if problems.is_empty() => Ok(s),
            read => Err(Error::Invalid(read.problems)),
        }
    }

    /// Read as much of a submission as can be read, with every problem found: fields that
    /// could not be read are left empty and answers that could not be read are left out, so
    /// that [`SubmissionRead::check`] can still report the problems of the rest, in the same
    /// pass and with their line and column.
    ///
    /// ```
    /// use par_index::{catalog, Submission, ProblemKind};
    /// let read = Submission::read_json(r#"{"methodology": "commune-2024-model",
    ///   "unit": {"code": "X"}, "period": "2024",
    ///   "answers": {"1.1.1": {"due": "2024-02-30", "done": null}, "3.2.1": {"num": 5, "den": 4}}}"#);
    /// let err = read.check(catalog::default_methodology()).unwrap_err();
    /// let found: Vec<_> = err.problems().iter().map(|p| (p.kind, p.position)).collect();
    /// assert_eq!(found, [
    ///     (ProblemKind::MissingKey, Some((2, 11))),
    ///     (ProblemKind::BadDate, Some((3, 32))),
    ///     (ProblemKind::RatioAboveOne, Some((3, 78))), // placed by the later check
    /// ]);
    /// ```
    #[must_use]
    pub fn read_json(text: &str) -> SubmissionRead {
        Submission::read_json_within(text, &crate::read::limits::Limits::default())
    }

    /// [`Submission::read_json`] within the embedder's [`crate::Limits`] (size, depth, number
    /// of answers, evidence per answer, string length), each checked before the work it
    /// guards ([`crate::Options::read_submission`]).
    #[must_use]
    pub(crate) fn read_json_within(
        text: &str,
        limits: &crate::read::limits::Limits,
    ) -> SubmissionRead {
        let root = match crate::read::json::parse_json_with(text, limits) {
            Ok(root) => root,
            Err(problems) => {
                return SubmissionRead::from_problems(problems);
            }
        };
        SubmissionRead::from_node_with(&root, limits, true)
    }

    /// Read a submission from a JSON file; every problem names the file.
    ///
    /// ```
    /// let sub = par_index::Submission::from_file("examples/data/xa-dong-tam.json").unwrap();
    /// assert_eq!(sub.unit.code, "NG-01");
    /// let err = par_index::Submission::from_file("no/such.json").unwrap_err();
    /// assert!(err.to_string().starts_with("cannot read no/such.json"));
    /// ```
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<Submission, Error> {
        let (text, shown) = crate::read::io::read_text(path.as_ref())?;
        Submission::from_json(&text).map_err(|e| e.in_file(&shown))
    }
}

/// A submission read leniently from JSON ([`Submission::read_json`]): what could be read,
/// the problems of the text, and where every field stands, so that problems found later
/// against a methodology can be placed too.
///
/// ```
/// let read = par_index::Submission::read_json(par_index::catalog::sample_source());
/// assert!(read.problems.is_empty());
/// assert_eq!(read.position("answers.3.2.1.num"), Some((171, 14)));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SubmissionRead {
    /// What could be read; `None` only when the text is not a JSON object.
    pub submission: Option<Submission>,
    /// The problems of the text.
    pub problems: Vec<Problem>,
    /// Remarks that are not problems: for an Excel form, each answer read from a hidden row
    /// or sheet (kind [`crate::ProblemKind::HiddenInput`]), at its cell.
    pub notes: Vec<Problem>,
    positions: BTreeMap<String, (u32, u32)>,
    /// For an Excel form: the cell of each position's line (positions are `(i + 1, 1)`).
    cells: Vec<String>,
    /// For an Excel form: the SHA-256 of the methodology it was made from, and where.
    made_from: Option<(String, Option<(u32, u32)>)>,
}

impl SubmissionRead {
    /// Read a submission from a document tree (JSON, or a table of a TOML case file).
    pub(crate) fn from_node(root: &Node) -> SubmissionRead {
        SubmissionRead::from_node_with(root, &crate::read::limits::Limits::default(), true)
    }

    /// [`SubmissionRead::from_node`] within limits. `with_positions`: keep the position of
    /// every field, to place the problems [`SubmissionRead::check`] finds later (a reader
    /// that does not check needs none: problems of the text are placed as they are found).
    pub(crate) fn from_node_with(
        root: &Node,
        limits: &crate::read::limits::Limits,
        with_positions: bool,
    ) -> SubmissionRead {
        let mut r = Reader {
            limits: *limits,
            ..Reader::default()
        };
        let submission = read_submission(&mut r, root);
        let mut positions = BTreeMap::new();
        if with_positions {
            crate::read::tree::positions(root, String::new(), &mut positions);
        }
        SubmissionRead {
            submission,
            problems: r.problems,
            notes: Vec::new(),
            positions,
            cells: Vec::new(),
            made_from: None,
        }
    }

    /// A read that found nothing to read, only problems.
    pub(crate) fn from_problems(problems: Vec<Problem>) -> SubmissionRead {
        SubmissionRead {
            submission: None,
            problems,
            notes: Vec::new(),
            positions: BTreeMap::new(),
            cells: Vec::new(),
            made_from: None,
        }
    }

    /// A read whose tree was built from the cells of an Excel form: each node's position
    /// is `(i + 1, 1)` for the cell `cells[i]`. Problems are placed at their cells.
    #[cfg(feature = "xlsx")]
    pub(crate) fn from_cells(
        root: &Node,
        limits: &crate::read::limits::Limits,
        cells: Vec<String>,
        mut problems: Vec<Problem>,
        made_from: Option<(String, Option<(u32, u32)>)>,
    ) -> SubmissionRead {
        let mut read = SubmissionRead::from_node_with(root, limits, true);
        read.cells = cells;
        read.made_from = made_from;
        problems.extend(std::mem::take(&mut read.problems));
        read.problems = problems.into_iter().map(|p| read.place(p)).collect();
        read
    }

    /// A problem at its cell, when the read is of an Excel form and the problem's position
    /// is one of its cells.
    fn place(&self, mut p: Problem) -> Problem {
        if let Some((i, _)) = p.position
            && !self.cells.is_empty()
        {
            let cell = usize::try_from(i)
                .ok()
                .and_then(|i| i.checked_sub(1))
                .and_then(|i| self.cells.get(i));
            p.cell = cell.map(|c| c.as_str().into());
            p.position = None;
        }
        p
    }

    /// `p` placed where `field` was written: its line and column in JSON, its cell in an
    /// Excel form.
    ///
    /// ```
    /// use par_index::{Problem, ProblemKind, Submission};
    /// let read = Submission::read_json("{\n  \"methodology\": \"x\"\n}");
    /// let p = Problem::new(ProblemKind::MethodologyMismatch, None, "methodology", "unknown");
    /// assert_eq!(read.locate(p, "methodology").position, Some((2, 18)));
    /// ```
    #[must_use]
    pub fn locate(&self, mut p: Problem, field: &str) -> Problem {
        p.position = self.position(field);
        self.place(p)
    }

    /// The 1-based (line, column) of a field (`answers.3.2.1.num`), or of its nearest
    /// enclosing field that was written.
    ///
    /// ```
    /// let read = par_index::Submission::read_json("{\n  \"answers\": {}\n}");
    /// assert_eq!(read.position("answers.1.1.1.met"), Some((2, 14)));
    /// ```
    #[must_use]
    pub fn position(&self, field: &str) -> Option<(u32, u32)> {
        let mut f = field;
        loop {
            if let Some(p) = self.positions.get(f) {
                return Some(*p);
            }
            f = f.get(..f.rfind(['.', '['])?)?;
        }
    }

    /// The problems of the text and, for what could be read, those of
    /// [`Submission::check`] against `m`, each with its position. The submission when there
    /// are none.
    ///
    /// ```
    /// let read = par_index::Submission::read_json(par_index::catalog::sample_source());
    /// let sub = read.check(par_index::catalog::default_methodology()).unwrap();
    /// assert_eq!(sub.unit.name, "Xã Đồng Tâm");
    /// ```
    pub fn check(self, m: &Methodology) -> Result<Submission, Error> {
        let Some(sub) = self.submission.as_ref() else {
            return Err(Error::Invalid(self.problems));
        };
        let mut problems = self.problems.clone();
        if let Some((sha, pos)) = &self.made_from
            && sha != m.sha256()
            && sub.methodology == m.id()
        {
            let p = Problem::new(
                ProblemKind::MethodologyMismatch,
                None,
                "methodology_sha256",
                format!(
                    "the form was made from another version of methodology `{}` than the one it is scored against: make the form again with `par-index template` (`--from` carries the answers over)",
                    m.id()
                ),
            );
            problems.push(self.place(p.at(*pos)));
        }
        for p in sub.check(m) {
            let pos = self.position(&p.field);
            problems.push(self.place(p.at(pos)));
        }
        match self.submission {
            Some(sub) if problems.is_empty() => Ok(sub),
            _ => Err(Error::Invalid(problems)),
        }
    }
}

fn read_submission(r: &mut Reader, root: &Node) -> Option<Submission> {
    let top = Site::top();
    let mut t = r.table(root, &top)?;
    let methodology = t.must(r, None, "methodology", "the methodology id", Reader::string);
    let unit = t.must(r, None, "unit", "the unit's code and name", read_unit);
    let period = t.must(
        r,
        None,
        "period",
        "the period assessed, e.g. \"2024\"",
        |r, n, s| match &n.value {
            Value::Num(x) => Some(x.to_string()),
            _ => r.string(n, s),
        },
    );
    let survey_held = t.opt(r, None, "survey_held", Reader::boolean);
    let answers = t.must(
        r,
        None,
        "answers",
        "an object of answers by item code",
        |r, n, s| {
            let mut a = r.table(n, s)?;
            a.take_all();
            let count = a.keys().count();
            if count > r.limits.answers {
                let msg = format!("{count} answers, over the limit of {}", r.limits.answers);
                r.report(ProblemKind::TooLarge, s, n.pos, msg);
                return None;
            }
            let mut out = Vec::with_capacity(count);
            for (key, node) in a.keys() {
                let site = Site {
                    code: Some(key),
                    field: crate::read::tree::Field::Under("answers", key),
                };
                let code = match key.parse::<Code>() {
                    Ok(c) => c,
                    Err(e) => {
                        r.report(ProblemKind::BadValue, &site, node.pos, e.to_string());
                        continue;
                    }
                };
                if let Some(answer) = read_answer(r, node, &site) {
                    out.push((code, answer));
                }
            }
            Some(crate::read::tree::code_map(out))
        },
    );
    let bonus = t.opt(r, None, "bonus", read_entries).unwrap_or_default();
    let penalty = t.opt(r, None, "penalty", read_entries).unwrap_or_default();
    t.finish(r, None, SUBMISSION_KEYS);
    Some(Submission {
        methodology: methodology.unwrap_or_default(),
        unit: unit.unwrap_or_default(),
        period: period.unwrap_or_default(),
        survey_held: survey_held.unwrap_or(true),
        answers: answers.unwrap_or_default(),
        bonus,
        penalty,
    })
}

pub(crate) fn read_entries(
    r: &mut Reader,
    node: &Node,
    site: &Site<'_>,
) -> Option<Vec<AdjustmentEntry>> {
    let (_, entries) = r.tables(node, site, |r, t, _, _| read_entry(r, t))?;
    Some(entries)
}

/// One bonus or penalty entry.
fn read_entry(r: &mut Reader, mut t: Obj<'_>) -> Option<AdjustmentEntry> {
    {
        let amount = t.must(r, None, "amount", "points > 0", |r, n, s| {
            let d = r.points(n, s)?;
            if d.is_zero() {
                r.report(
                    ProblemKind::BadValue,
                    s,
                    n.pos,
                    "must be greater than 0".into(),
                );
                return None;
            }
            Some(d)
        });
        let reason = t.must(
            r,
            None,
            "reason",
            "why the points are given",
            Reader::string,
        );
        let evidence = t
            .opt(r, None, "evidence", read_evidence)
            .unwrap_or_default();
        t.finish(r, None, &["amount", "reason", "evidence"]);
        Some(AdjustmentEntry {
            amount: amount?,
            reason: reason?,
            evidence,
        })
    }
}

pub(crate) fn read_evidence(r: &mut Reader, node: &Node, site: &Site<'_>) -> Option<Vec<Evidence>> {
    let c = site.code;
    let max = r.limits.evidence_per_item;
    r.array_at_most(node, site, max, "evidence documents")?;
    let (_, docs) = r.tables(node, site, |r, t, _, _| read_document(r, t, c))?;
    Some(docs)
}

/// One evidence document.
fn read_document(r: &mut Reader, mut t: Obj<'_>, c: Option<&str>) -> Option<Evidence> {
    {
        let number = t.must(
            r,
            c,
            "number",
            "the document number, e.g. 12/KH-UBND",
            Reader::string,
        );
        let date = t.must(
            r,
            c,
            "date",
            "the document's date, YYYY-MM-DD",
            Reader::date,
        );
        let issuer = t.must(r, c, "issuer", "the issuing body", Reader::string);
        let title = t.must(r, c, "title", "the document's title", Reader::string);
        let locator = t.opt(r, c, "locator", Reader::string);
        let link = t.opt(r, c, "link", Reader::string);
        t.finish(r, c, EVIDENCE_KEYS);
        Some(Evidence {
            number: number?,
            date: date?,
            issuer: issuer?,
            title: title?,
            locator,
            link,
        })
    }
}

/// The unit: its code and name (missing ones left empty; the problem is reported).
fn read_unit(r: &mut Reader, n: &Node, s: &Site<'_>) -> Option<Unit> {
    let mut u = r.table(n, s)?;
    let code = u.must(r, None, "code", "the unit's code", Reader::ident);
    let name = u.must(r, None, "name", "the unit's name", Reader::string);
    u.finish(r, None, &["code", "name"]);
    Some(Unit {
        code: code.unwrap_or_default(),
        name: name.unwrap_or_default(),
    })
}

fn read_answer(r: &mut Reader, node: &Node, site: &Site<'_>) -> Option<Answer> {
    let c = site.code;
    let mut t = r.table(node, site)?;
    let measure = read_measure(r, &mut t, c);
    let evidence = t.opt(r, c, "evidence", read_evidence).unwrap_or_default();
    let explanation = t.opt(r, c, "explanation", Reader::string);
    t.finish(r, c, ANSWER_KEYS);
    Some(Answer {
        measure: measure?,
        evidence,
        explanation,
    })
}

/// Read the measure of an answer and check its values with [`Measure::range_problems`], the
/// same check that [`Submission::check`] applies to submissions built in code.
pub(crate) fn read_measure(r: &mut Reader, t: &mut Obj<'_>, c: Option<&str>) -> Option<Measure> {
    let measure = read_measure_shape(r, t, c)?;
    let problems = measure.range_problems();
    for (key, msg) in &problems {
        let site = t.site(c, key);
        r.report(ProblemKind::BadValue, &site, t.pos_of(key), msg.clone());
    }
    problems.is_empty().then_some(measure)
}

fn read_measure_shape(r: &mut Reader, t: &mut Obj<'_>, c: Option<&str>) -> Option<Measure> {
    let shapes: [(&str, &[&str]); 8] = [
        ("met", &["met"]),
        ("due/done", &["due", "done"]),
        ("num/den", &["num", "den"]),
        ("value", &["value"]),
        ("count", &["count"]),
        ("points", &["points"]),
        ("satisfaction", &["satisfaction"]),
        ("not_applicable", &["not_applicable"]),
    ];
    // At most eight shapes: found without allocating; the site only when reported.
    let mut found = [""; 8];
    let mut n = 0usize;
    for (name, keys) in &shapes {
        if keys.iter().any(|k| t.has(k))
            && let Some(slot) = found.get_mut(n)
        {
            *slot = name;
            n = n.saturating_add(1);
        }
    }
    let present = found.get(..n).unwrap_or_default();
    let site = || Site {
        code: c,
        field: t.field().to_owned().into(),
    };
    match present {
        [] => {
            r.report(
                ProblemKind::MissingKey,
                &site(),
                t.pos,
                "no measure: expected one of `met`, `due`+`done`, `num`+`den`, `value`, `count`, `points`, `satisfaction`, `not_applicable`".into(),
            );
            None
        }
        [one] => match *one {
            "met" => t
                .opt(r, c, "met", Reader::boolean)
                .map(|met| Measure::Check { met }),
            "due/done" => {
                let due = t.must(r, c, "due", "the due date", Reader::date);
                let done = t.must(
                    r,
                    c,
                    "done",
                    "the date done, or null if not done",
                    |r, n, s| match n.value {
                        Value::Null => Some(None),
                        _ => r.date(n, s).map(Some),
                    },
                );
                Some(Measure::Deadline {
                    due: due?,
                    done: done?,
                })
            }
            "num/den" => {
                let num = t.must(r, c, "num", "the numerator", Reader::decimal);
                let den = t.must(
                    r,
                    c,
                    "den",
                    "the denominator (0 if it did not arise)",
                    Reader::decimal,
                );
                Some(Measure::Ratio {
                    num: num?,
                    den: den?,
                })
            }
            "value" => t
                .opt(r, c, "value", Reader::decimal)
                .map(|value| Measure::Number { value }),
            "count" => t
                .opt(r, c, "count", Reader::count)
                .map(|count| Measure::Count { count }),
            "points" => t
                .opt(r, c, "points", Reader::decimal)
                .map(|points| Measure::Points { points }),
            "satisfaction" => t
                .opt(r, c, "satisfaction", Reader::decimal)
                .map(|satisfaction| Measure::Satisfaction { satisfaction }),
            _ => t
                .opt(r, c, "not_applicable", Reader::boolean)
                .map(|not_applicable| Measure::NotApplicable { not_applicable }),
        },
        many => {
            let site = site();
            for (_, keys) in &shapes {
                keys.iter().for_each(|k| {
                    t.get(k);
                });
            }
            r.report(
                ProblemKind::WrongMeasure,
                &site,
                t.pos,
                format!(
                    "more than one measure given ({}); give exactly one",
                    many.join(", ")
                ),
            );
            None
        }
    }
}

/// Reads as [`Submission::from_json`] reads, whatever the caller: one description of the format,
/// the same checks, limits, positions and errors (an error's message is the reader's, with
/// every problem). Only JSON deserializers can give the text this needs (`serde_json`; a
/// value nested in a larger document is read as its own text).
///
/// ```
/// let text = std::fs::read_to_string("examples/data/xa-nghia-an.json").unwrap();
/// let by_serde: par_index::Submission = serde_json::from_str(&text).unwrap();
/// assert_eq!(by_serde, par_index::Submission::from_json(&text).unwrap());
/// ```
impl<'de> serde::Deserialize<'de> for Submission {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw =
            <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
        Submission::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}

/// Reads as an answer's measure is read in a submission (numbers or decimal strings, one
/// shape, values in range), whatever the caller.
///
/// ```
/// let m: par_index::methodology::Measure = serde_json::from_str(r#"{"num": 912, "den": "1000"}"#).unwrap();
/// assert_eq!(m, par_index::methodology::Measure::Ratio { num: 912.into(), den: 1000.into() });
/// let err = serde_json::from_str::<par_index::methodology::Measure>(r#"{"num": -1, "den": 5}"#).unwrap_err();
/// assert!(err.to_string().contains("must not be negative"), "{err}");
/// ```
impl<'de> serde::Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::read::json::deserialize_through(deserializer, |r, node| {
            let site = Site::top();
            let mut t = r.table(node, &site)?;
            let m = read_measure(r, &mut t, None);
            t.finish(r, None, MEASURE_KEYS);
            m
        })
    }
}

/// Reads as an answer is read in a submission, whatever the caller.
///
/// ```
/// let a: par_index::submission::Answer = serde_json::from_str(r#"{"met": true, "evidence": []}"#).unwrap();
/// assert!(a.evidence.is_empty());
/// assert!(serde_json::from_str::<par_index::submission::Answer>(r#"{"met": true, "x": 1}"#).is_err());
/// ```
impl<'de> serde::Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::read::json::deserialize_through(deserializer, |r, node| {
            read_answer(r, node, &Site::top())
        })
    }
}

/// Reads as a submission's unit is read, whatever the caller.
///
/// ```
/// let u: par_index::submission::Unit = serde_json::from_str(r#"{"code": "NG-01", "name": "Xã Đồng Tâm"}"#).unwrap();
/// assert_eq!(u.code, "NG-01");
/// assert!(serde_json::from_str::<par_index::submission::Unit>(r#"{"code": "NG 01", "name": "X"}"#).is_err());
/// ```
impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::read::json::deserialize_through(deserializer, |r, node| {
            read_unit(r, node, &Site::top())
        })
    }
}
