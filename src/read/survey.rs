//! Reading a survey file (JSON), every problem located; satisfaction values exact.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::error::{Error, ProblemKind};
use crate::model::stage::Source;
use crate::model::survey::SurveyFile;
use crate::read::submission::read_evidence;
use crate::read::tree::{Node, Reader, Site, Value, by_code};

impl SurveyFile {
    /// Read a survey file from JSON, every problem with its position; numbers exact.
    ///
    /// ```
    /// let err = par_index::SurveyFile::from_json(r#"{"survey": "x", "methodology": "m",
    ///   "units": {"NG-01": {"S.1": 1.2}}}"#).unwrap_err();
    /// assert_eq!(err.problems()[0].field, "units.NG-01.S.1");
    /// ```
    pub fn from_json(text: &str) -> Result<SurveyFile, Error> {
        SurveyFile::from_json_within(text, &crate::read::limits::Limits::default())
    }

    /// [`SurveyFile::from_json`] within the embedder's [`crate::Limits`].
    pub(crate) fn from_json_within(
        text: &str,
        limits: &crate::read::limits::Limits,
    ) -> Result<SurveyFile, Error> {
        let root = crate::read::json::parse_json_with(text, limits).map_err(Error::Invalid)?;
        let mut r = Reader {
            limits: *limits,
            ..Reader::default()
        };
        let read = (|| {
            let mut t = r.table(&root, &Site::top())?;
            let survey = t.must(&mut r, None, "survey", "the survey's name", Reader::string);
            let methodology = t.must(
                &mut r,
                None,
                "methodology",
                "the methodology id",
                Reader::string,
            );
            let reference = t.opt(&mut r, None, "reference", |r, n, s| {
                let wrapped = Node {
                    value: Value::Array(vec![n.clone()]),
                    pos: n.pos,
                };
                read_evidence(r, &wrapped, s).and_then(|mut v| v.pop())
            });
            let units = t.must(&mut r, None, "units", "results by unit code", |r, n, s| {
                let mut u = r.table(n, s)?;
                u.take_all();
                let mut out = BTreeMap::new();
                for (unit, node) in u.keys() {
                    let site = Site {
                        code: None,
                        field: format!("units.{}", crate::model::text::printable(unit)).into(),
                    };
                    if let Some(msg) = crate::model::code::ident_problem(unit) {
                        r.report(ProblemKind::BadValue, &site, node.pos, msg);
                        continue;
                    }
                    let items = by_code(r, node, &site, |r, n, s| {
                        let d = r.non_negative(n, s)?;
                        if d > Decimal::ONE {
                            r.report(
                                ProblemKind::BadValue,
                                s,
                                n.pos,
                                format!("must be a ratio in [0, 1], found {d}"),
                            );
                            return None;
                        }
                        Some(d)
                    });
                    if let Some(items) = items {
                        out.insert(unit.to_owned(), items);
                    }
                }
                Some(out)
            });
            t.finish(
                &mut r,
                None,
                &["survey", "methodology", "reference", "units"],
            );
            Some(SurveyFile {
                survey: survey?,
                methodology: methodology?,
                reference,
                units: units?,
                source: Source::default(),
            })
        })();
        match read {
            Some(mut s) if r.problems.is_empty() => {
                s.source = crate::read::tree::source_of(&root);
                Ok(s)
            }
            _ => Err(Error::Invalid(r.problems)),
        }
    }

    /// Read a survey file; every problem names the file.
    ///
    /// ```
    /// let s = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    /// assert!(s.units.len() >= 20);
    /// ```
    pub fn from_file(path: impl AsRef<std::path::Path>) -> Result<SurveyFile, Error> {
        let (text, shown) = crate::read::io::read_text(path.as_ref())?;
        let mut s = SurveyFile::from_json(&text).map_err(|e| e.in_file(&shown))?;
        s.source.file = Some(shown);
        Ok(s)
    }
}

/// Reads as [`SurveyFile::from_json`] reads, whatever the caller: one description of the format,
/// the same checks, limits, positions and errors (an error's message is the reader's, with
/// every problem). Only JSON deserializers can give the text this needs (`serde_json`; a
/// value nested in a larger document is read as its own text).
///
/// ```
/// let text = std::fs::read_to_string("examples/data/district/survey.json").unwrap();
/// let by_serde: par_index::SurveyFile = serde_json::from_str(&text).unwrap();
/// assert_eq!(by_serde, par_index::SurveyFile::from_json(&text).unwrap());
/// ```
impl<'de> serde::Deserialize<'de> for SurveyFile {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw =
            <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
        SurveyFile::from_json(raw.get()).map_err(serde::de::Error::custom)
    }
}
