//! `par_index` for Python: the par-index library behind a Pythonic, typed API. Every rule,
//! reader and report is the library's; this module only converts between Python and Rust
//! (numbers as `decimal.Decimal` both ways, problems as `InputError`) and lets other Python
//! threads run while it reads, scores and ranks.

use std::path::PathBuf;
use std::sync::Arc;

use ::par_index as pi;
use pyo3::create_exception;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;

create_exception!(
    par_index,
    InputError,
    PyValueError,
    "An input with problems. `.problems` lists every one (kind, file, line, column, cell, \
     code, field, message); `str()` lists them as the command line does."
);

// ---------------------------------------------------------------------------------------
// Errors

/// One problem of an input, where it is and what was expected.
#[pyclass(frozen, module = "par_index")]
struct Problem {
    #[pyo3(get)]
    kind: String,
    #[pyo3(get)]
    file: Option<String>,
    #[pyo3(get)]
    line: Option<u32>,
    #[pyo3(get)]
    column: Option<u32>,
    #[pyo3(get)]
    cell: Option<String>,
    #[pyo3(get)]
    code: Option<String>,
    #[pyo3(get)]
    field: String,
    #[pyo3(get)]
    message: String,
    shown: String,
}

impl Problem {
    fn of(p: &pi::Problem) -> Problem {
        Problem {
            kind: p.kind.name().to_owned(),
            file: p.file.clone(),
            line: p.position.map(|(l, _)| l),
            column: p.position.map(|(_, c)| c),
            cell: p.cell.as_deref().map(str::to_owned),
            code: p.code.clone(),
            field: p.field.clone(),
            message: p.message.clone(),
            shown: p.to_string(),
        }
    }
}

#[pymethods]
impl Problem {
    fn __str__(&self) -> &str {
        &self.shown
    }

    fn __repr__(&self) -> String {
        format!("<Problem {}>", self.shown)
    }
}

/// The library's error as Python's: a file that cannot be read is an `OSError`
/// (`FileNotFoundError` when it is not there); anything else wrong with an input is an
/// `InputError` carrying every problem.
fn py_err(py: Python<'_>, e: pi::Error) -> PyErr {
    if let pi::Error::Io { cause, .. } = &e {
        return if cause.kind() == std::io::ErrorKind::NotFound {
            PyFileNotFoundError::new_err(e.to_string())
        } else {
            PyOSError::new_err(e.to_string())
        };
    }
    let problems: Vec<Problem> = e.problems().iter().map(Problem::of).collect();
    let err = InputError::new_err(e.to_string());
    match err.value(py).setattr("problems", problems) {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// A problem of the caller's own (a wrong argument), as an `InputError` with one problem.
fn refused(py: Python<'_>, message: impl Into<String>) -> PyErr {
    py_err(
        py,
        pi::Error::Invalid(vec![pi::Problem::new(
            pi::ProblemKind::BadValue,
            None,
            "",
            message,
        )]),
    )
}

// ---------------------------------------------------------------------------------------
// Conversions

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// JSON text as Python objects, every number a `decimal.Decimal` (never a `float`).
fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.import(py, "json", "loads")?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("parse_float", DECIMAL.import(py, "decimal", "Decimal")?)?;
    loads.call((text,), Some(&kwargs))
}

/// Text given as `str` or `bytes` (UTF-8).
fn text_of(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = data.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = data.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        return std::str::from_utf8(bytes)
            .map(|t| t.trim_start_matches('\u{feff}').to_owned())
            .map_err(|e| {
                refused(
                    py,
                    format!("not UTF-8 text: invalid at byte {}", e.valid_up_to()),
                )
            });
    }
    Err(refused(
        py,
        format!(
            "expected str or bytes, found {}",
            data.get_type().name()?.to_cow()?
        ),
    ))
}

/// How deep a dict given for JSON may nest (far deeper than any submission).
const MAX_DEPTH: usize = 64;

/// Where a value is in the dict given, spelled only when a problem names it.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Root => f.write_str("the dict"),
            At::Key(At::Root, k) => write!(f, "`{k}`"),
            At::Key(parent, k) => {
                let inner = parent.to_string();
                write!(f, "{}.{k}`", inner.trim_end_matches('`'))
            }
            At::Index(At::Root, i) => write!(f, "`[{i}]`"),
            At::Index(parent, i) => {
                let inner = parent.to_string();
                write!(f, "{}[{i}]`", inner.trim_end_matches('`'))
            }
        }
    }
}

/// A string as JSON: quoted, escaped only where it must be.
fn write_str(out: &mut String, s: &str) {
    if s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        // serde_json escapes exactly what JSON needs; a `str` always serialises.
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    } else {
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

/// A Python value as JSON text, numbers exactly: a `Decimal` as its digits, an `int` as
/// itself, a `float` as Python prints it (`repr`, the shortest text that reads back the
/// same), as an Excel cell is read as Excel shows it.
fn write_json(
    py: Python<'_>,
    v: &Bound<'_, PyAny>,
    out: &mut String,
    at: At<'_>,
    depth: usize,
) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(refused(
            py,
            format!("{at}: nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    if let Ok(s) = v.cast::<PyString>() {
        write_str(out, &s.to_cow()?);
    } else if let Ok(d) = v.cast::<PyDict>() {
        out.push('{');
        for (i, (k, val)) in d.iter().enumerate() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(refused(
                    py,
                    format!(
                        "{at}: a key of type {} (keys are strings)",
                        k.get_type().name()?.to_cow()?
                    ),
                ));
            };
            if i > 0 {
                out.push(',');
            }
            let key = key.to_cow()?;
            write_str(out, &key);
            out.push(':');
            write_json(py, &val, out, At::Key(&at, &key), depth + 1)?;
        }
        out.push('}');
    } else if v.is_none() {
        out.push_str("null");
    } else if let Ok(b) = v.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
    } else if v.is_instance_of::<PyInt>() {
        match v.extract::<i64>() {
            Ok(i) => {
                use std::fmt::Write as _;
                let _ = write!(out, "{i}");
            }
            Err(_) => out.push_str(&v.str()?.to_cow()?),
        }
    } else if v.is_instance_of::<PyFloat>() {
        let shown = v.repr()?.to_cow()?.into_owned();
        if !shown
            .bytes()
            .all(|c| c.is_ascii_digit() || b"+-.e".contains(&c))
        {
            return Err(refused(py, format!("{at}: {shown} is not a number")));
        }
        out.push_str(&shown);
    } else if v.is_instance(DECIMAL.import(py, "decimal", "Decimal")?)? {
        if !v.call_method0("is_finite")?.is_truthy()? {
            return Err(refused(
                py,
                format!("{at}: {} is not a number", v.str()?.to_cow()?),
            ));
        }
        // Plain digits, never an exponent: `format(d, 'f')`.
        out.push_str(&v.call_method1("__format__", ("f",))?.str()?.to_cow()?);
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        out.push('[');
        for (i, item) in v.try_iter()?.enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_json(py, &item?, out, At::Index(&at, i), depth + 1)?;
        }
        out.push(']');
    } else {
        return Err(refused(
            py,
            format!(
                "{at}: a value of type {} (JSON values only: dict, list, str, int, Decimal, float, bool, None)",
                v.get_type().name()?.to_cow()?
            ),
        ));
    }
    Ok(())
}

fn lang_of(py: Python<'_>, lang: &str) -> PyResult<pi::Lang> {
    lang.parse()
        .map_err(|e: pi::UnknownName| refused(py, e.to_string()))
}

fn format_of(py: Python<'_>, format: &str) -> PyResult<pi::report::Format> {
    format
        .parse()
        .map_err(|e: pi::UnknownName| refused(py, e.to_string()))
}

/// A report rendered as text in a format other than a workbook's.
fn render_text(
    py: Python<'_>,
    report: &(dyn pi::report::Report + Sync),
    format: &str,
    lang: &str,
) -> PyResult<String> {
    let (format, lang) = (format_of(py, format)?, lang_of(py, lang)?);
    if format == pi::report::Format::Xlsx {
        return Err(refused(
            py,
            "a workbook is bytes, not text: use write_xlsx(path)",
        ));
    }
    let out = py
        .detach(|| pi::report::render(report, format, lang))
        .map_err(|e| py_err(py, e))?;
    Ok(out.as_text().unwrap_or_default().to_owned())
}

/// A report written as an Excel workbook to `path`.
fn write_xlsx(
    py: Python<'_>,
    report: &(dyn pi::report::Report + Sync),
    path: PathBuf,
    lang: &str,
) -> PyResult<()> {
    let lang = lang_of(py, lang)?;
    let bytes = py
        .detach(|| pi::report::render(report, pi::report::Format::Xlsx, lang))
        .map_err(|e| py_err(py, e))?
        .into_bytes();
    std::fs::write(&path, bytes)
        .map_err(|e| PyOSError::new_err(format!("cannot write {}: {e}", path.display())))
}

// ---------------------------------------------------------------------------------------
// Methodologies

/// An embedded methodology (borrowed) or one loaded from TOML (shared).
#[derive(Clone)]
enum Set {
    Embedded(&'static pi::Methodology),
    Loaded(Arc<pi::Methodology>),
}

impl std::ops::Deref for Set {
    type Target = pi::Methodology;
    fn deref(&self) -> &pi::Methodology {
        match self {
            Set::Embedded(m) => m,
            Set::Loaded(m) => m,
        }
    }
}

/// A methodology (bộ tiêu chí): areas, criteria and items with their rules and points.
#[pyclass(frozen, module = "par_index")]
struct Methodology {
    m: Set,
}

/// An area or item of a methodology: its code, title (Vietnamese, with the English gloss)
/// and maximum.
#[pyclass(frozen, module = "par_index")]
struct Criterion {
    #[pyo3(get)]
    code: String,
    #[pyo3(get)]
    title: String,
    #[pyo3(get)]
    title_en: Option<String>,
    #[pyo3(get)]
    max: Decimal,
}

impl Criterion {
    fn of(c: &pi::methodology::Criterion) -> Criterion {
        Criterion {
            code: c.code().to_string(),
            title: c.title().vi.clone(),
            title_en: c.title().en.clone(),
            max: c.max(),
        }
    }
}

#[pymethods]
impl Criterion {
    fn __repr__(&self) -> String {
        format!(
            "<Criterion {} {} (max {})>",
            self.code, self.title, self.max
        )
    }
}

#[pymethods]
impl Methodology {
    /// An embedded methodology by id.
    #[staticmethod]
    fn embedded(py: Python<'_>, id: &str) -> PyResult<Methodology> {
        pi::catalog::get(id)
            .map(|m| Methodology {
                m: Set::Embedded(m),
            })
            .map_err(|e| py_err(py, e))
    }

    /// A methodology from its TOML text, validated.
    #[staticmethod]
    #[pyo3(signature = (text, file = None))]
    fn from_toml(py: Python<'_>, text: &str, file: Option<&str>) -> PyResult<Methodology> {
        py.detach(|| pi::methodology::load_str(text, file))
            .map(|m| Methodology {
                m: Set::Loaded(Arc::new(m)),
            })
            .map_err(|e| py_err(py, e))
    }

    /// A methodology from its TOML file, validated.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Methodology> {
        py.detach(|| pi::methodology::load_file(&path))
            .map(|m| Methodology {
                m: Set::Loaded(Arc::new(m)),
            })
            .map_err(|e| py_err(py, e))
    }

    #[getter]
    fn id(&self) -> &str {
        self.m.id()
    }

    #[getter]
    fn sha256(&self) -> &str {
        self.m.sha256()
    }

    #[getter]
    fn title(&self) -> &str {
        &self.m.title().vi
    }

    #[getter]
    fn year(&self) -> u16 {
        self.m.year()
    }

    #[getter]
    fn max(&self) -> Decimal {
        self.m.max()
    }

    #[getter]
    fn areas(&self) -> Vec<Criterion> {
        self.m.areas().iter().map(Criterion::of).collect()
    }

    #[getter]
    fn items(&self) -> Vec<Criterion> {
        self.m.leaves().map(Criterion::of).collect()
    }

    fn __repr__(&self) -> String {
        format!("<Methodology {} sha256={}>", self.m.id(), self.m.sha256())
    }
}

/// The embedded methodologies.
#[pyfunction]
fn methodologies() -> Vec<Methodology> {
    pi::catalog::ids()
        .filter_map(|id| pi::catalog::get(id).ok())
        .map(|m| Methodology {
            m: Set::Embedded(m),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Inputs

/// A self-assessment (bản tự đánh giá) of one unit for one period.
#[pyclass(frozen, module = "par_index")]
struct Submission {
    s: Arc<pi::Submission>,
}

/// What a submission's problems keep of their place: a file's (name, line and column), the
/// text's (line and column, no file named), or a dict's (the field only: the JSON text the
/// dict was written to is the binding's own).
#[derive(Clone, Copy, PartialEq)]
enum Place {
    File,
    Text,
    Dict,
}

/// A submission read and checked against its methodology (the one given, else the embedded
/// one it names), or every problem, each where it is.
fn checked(
    py: Python<'_>,
    check: pi::submission::SubmissionCheck<'_>,
    place: Place,
) -> PyResult<Submission> {
    match check.outcome {
        Ok(c) => Ok(Submission {
            s: Arc::new(c.submission),
        }),
        Err(pi::Error::Invalid(mut problems)) if place != Place::File => {
            for p in &mut problems {
                p.file = None;
                if place == Place::Dict {
                    p.position = None;
                }
            }
            Err(py_err(py, pi::Error::Invalid(problems)))
        }
        Err(e) => Err(py_err(py, e)),
    }
}

/// Options reading against `methodology` when one is given.
fn options_for(methodology: Option<&Methodology>) -> pi::Options<'_> {
    match methodology {
        Some(m) => pi::Options::new().methodology(&m.m),
        None => pi::Options::new(),
    }
}

#[pymethods]
impl Submission {
    /// A submission from its JSON (str or UTF-8 bytes), checked against its methodology
    /// (the one given, else the embedded one it names); problems name `file` when given.
    #[staticmethod]
    #[pyo3(signature = (data, file = None, methodology = None))]
    fn from_json(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        file: Option<&str>,
        methodology: Option<&Methodology>,
    ) -> PyResult<Submission> {
        let text = text_of(py, data)?;
        let options = options_for(methodology);
        let check =
            py.detach(|| options.check_submission_bytes(text.as_bytes(), file.unwrap_or(""), &[]));
        checked(
            py,
            check,
            if file.is_some() {
                Place::File
            } else {
                Place::Text
            },
        )
    }

    /// A submission from a dict (as `json.loads` gives, or built in Python), checked as
    /// `from_json`: numbers as `Decimal` or `int`; a `float` is read as Python prints it.
    #[staticmethod]
    #[pyo3(signature = (data, methodology = None))]
    fn from_dict(
        py: Python<'_>,
        data: &Bound<'_, PyDict>,
        methodology: Option<&Methodology>,
    ) -> PyResult<Submission> {
        let mut text = String::with_capacity(16 * 1024);
        write_json(py, data.as_any(), &mut text, At::Root, 0)?;
        let options = options_for(methodology);
        let check = py.detach(|| options.check_submission_bytes(text.as_bytes(), "", &[]));
        checked(py, check, Place::Dict)
    }

    /// A submission from a file, JSON or the filled Excel form (`.xlsx`), checked as
    /// `from_json`.
    #[staticmethod]
    #[pyo3(signature = (path, methodology = None))]
    fn from_file(
        py: Python<'_>,
        path: PathBuf,
        methodology: Option<&Methodology>,
    ) -> PyResult<Submission> {
        let options = options_for(methodology);
        let check = py.detach(|| options.check_submission_file(&path, &[]));
        checked(py, check, Place::File)
    }

    /// The submission as JSON text.
    fn to_json(&self) -> String {
        self.s.to_json()
    }

    /// The submission as a dict (numbers as `Decimal`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        loads(py, &self.s.to_json())
    }

    /// The content hash a scorecard records of it (SHA-256 of its canonical JSON).
    #[getter]
    fn sha256(&self) -> String {
        self.s.sha256()
    }

    /// The methodology it names.
    #[getter]
    fn methodology(&self) -> &str {
        &self.s.methodology
    }

    #[getter]
    fn unit_code(&self) -> &str {
        &self.s.unit.code
    }

    #[getter]
    fn unit_name(&self) -> &str {
        &self.s.unit.name
    }

    #[getter]
    fn period(&self) -> &str {
        &self.s.period
    }

    fn __repr__(&self) -> String {
        format!(
            "<Submission {} ({}) {} under {}>",
            self.s.unit.name, self.s.unit.code, self.s.period, self.s.methodology
        )
    }
}

/// An appraisal stage file (a round's decisions, the unit's explanation).
#[pyclass(frozen, module = "par_index")]
struct Stage {
    s: Arc<pi::Stage>,
    name: String,
}

#[pymethods]
impl Stage {
    /// A stage from its JSON (str or UTF-8 bytes).
    #[staticmethod]
    #[pyo3(signature = (data, file = None))]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>, file: Option<&str>) -> PyResult<Stage> {
        let text = text_of(py, data)?;
        let name = file.unwrap_or("stage").to_owned();
        pi::Stage::from_json(&text)
            .map(|s| Stage {
                s: Arc::new(s),
                name,
            })
            .map_err(|e| py_err(py, e.in_file(file.unwrap_or(""))))
    }

    /// A stage from its file.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Stage> {
        pi::Stage::from_file(&path)
            .map(|s| Stage {
                s: Arc::new(s),
                name: path.display().to_string(),
            })
            .map_err(|e| py_err(py, e))
    }

    #[getter]
    fn unit(&self) -> &str {
        &self.s.unit
    }

    #[getter]
    fn stage(&self) -> &str {
        &self.s.stage
    }
}

/// The survey results file (điều tra xã hội học) of a year: each unit's survey score.
#[pyclass(frozen, module = "par_index")]
struct Survey {
    s: Arc<pi::SurveyFile>,
}

#[pymethods]
impl Survey {
    /// A survey file from its JSON (str or UTF-8 bytes).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Survey> {
        let text = text_of(py, data)?;
        pi::SurveyFile::from_json(&text)
            .map(|s| Survey { s: Arc::new(s) })
            .map_err(|e| py_err(py, e))
    }

    /// A survey file from its file.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Survey> {
        pi::SurveyFile::from_file(&path)
            .map(|s| Survey { s: Arc::new(s) })
            .map_err(|e| py_err(py, e))
    }
}

/// A roster: the units of a year in their ranking blocks, with merged units' predecessors.
#[pyclass(frozen, module = "par_index")]
struct Roster {
    r: Arc<pi::Roster>,
}

#[pymethods]
impl Roster {
    /// A roster from its file (CSV, TOML or an Excel sheet).
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<Roster> {
        pi::Roster::from_file(&path)
            .map(|r| Roster { r: Arc::new(r) })
            .map_err(|e| py_err(py, e))
    }

    #[getter]
    fn title(&self) -> &str {
        &self.r.title
    }
}

// ---------------------------------------------------------------------------------------
// Scorecards

/// A node of a scorecard (an area, criterion or item): its points of its maximum, and for
/// an item the trace of how it got them.
#[pyclass(frozen, module = "par_index")]
struct Node {
    #[pyo3(get)]
    code: String,
    #[pyo3(get)]
    title: String,
    #[pyo3(get)]
    title_en: Option<String>,
    #[pyo3(get)]
    points: Decimal,
    #[pyo3(get)]
    max: Decimal,
    #[pyo3(get)]
    applicable: bool,
    trace: Option<String>,
}

impl Node {
    fn of(n: &pi::scorecard::ScoreNode) -> Node {
        Node {
            code: n.code.to_string(),
            title: n.title.vi.clone(),
            title_en: n.title.en.clone(),
            points: n.points,
            max: n.max,
            applicable: n.applicable,
            trace: n.trace.as_ref().and_then(|t| serde_json::to_string(t).ok()),
        }
    }
}

#[pymethods]
impl Node {
    /// Points lost: the maximum less the points (none when not applicable).
    #[getter]
    fn lost(&self) -> Decimal {
        if self.applicable {
            self.max - self.points
        } else {
            Decimal::ZERO
        }
    }

    /// How an item got its points (rule, inputs, branch taken, value before rounding,
    /// evidence), as a dict; `None` for an area or criterion.
    #[getter]
    fn trace<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.trace.as_deref().map(|t| loads(py, t)).transpose()
    }

    fn __repr__(&self) -> String {
        format!("<Node {} {}/{}>", self.code, self.points, self.max)
    }
}

/// A scorecard (phiếu chấm điểm): every point traced, hashed against its inputs.
#[pyclass(frozen, module = "par_index")]
struct Scorecard {
    c: Arc<pi::Scorecard>,
}

#[pymethods]
impl Scorecard {
    /// A scorecard from its JSON (as `to_json` or `par-index score --format json` write it).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Scorecard> {
        let text = text_of(py, data)?;
        py.detach(|| pi::Scorecard::from_json(&text))
            .map(|c| Scorecard { c: Arc::new(c) })
            .map_err(|e| py_err(py, e))
    }

    /// The index (Chỉ số CCHC), in percent.
    #[getter]
    fn index(&self) -> Decimal {
        self.c.index
    }

    #[getter]
    fn total(&self) -> Decimal {
        self.c.total
    }

    #[getter]
    fn max(&self) -> Decimal {
        self.c.max
    }

    #[getter]
    fn applicable_max(&self) -> Decimal {
        self.c.applicable_max
    }

    /// The band (xếp loại), in Vietnamese.
    #[getter]
    fn band(&self) -> &str {
        &self.c.band.label.vi
    }

    #[getter]
    fn methodology(&self) -> &str {
        &self.c.methodology.id
    }

    #[getter]
    fn unit_code(&self) -> &str {
        &self.c.unit.code
    }

    #[getter]
    fn unit_name(&self) -> &str {
        &self.c.unit.name
    }

    #[getter]
    fn period(&self) -> &str {
        &self.c.period
    }

    /// The areas, in order.
    #[getter]
    fn areas(&self) -> Vec<Node> {
        self.c.areas.iter().map(Node::of).collect()
    }

    /// Every item (the leaves), in order.
    #[getter]
    fn items(&self) -> Vec<Node> {
        self.c.leaves().map(Node::of).collect()
    }

    /// The scorecard as JSON, byte for byte what `par-index score --format json` prints.
    fn to_json(&self, py: Python<'_>) -> String {
        py.detach(|| self.c.to_json())
    }

    /// The scorecard as a dict (as its JSON: decimals as exact strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = py.detach(|| self.c.to_json());
        loads(py, &text)
    }

    /// The scorecard as `markdown`, `html` (printable), `text`, `csv` or `json`, in `vi` or
    /// `en`.
    #[pyo3(signature = (format = "markdown", lang = "vi"))]
    fn render(&self, py: Python<'_>, format: &str, lang: &str) -> PyResult<String> {
        render_text(py, &*self.c, format, lang)
    }

    /// The scorecard as an Excel workbook at `path`.
    #[pyo3(signature = (path, lang = "vi"))]
    fn write_xlsx(&self, py: Python<'_>, path: PathBuf, lang: &str) -> PyResult<()> {
        write_xlsx(py, &*self.c, path, lang)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Scorecard {} ({}) {}: {}% {}>",
            self.c.unit.name, self.c.unit.code, self.c.period, self.c.index, self.c.band.label.vi
        )
    }
}

/// Score a submission against a methodology.
#[pyfunction]
fn score(
    py: Python<'_>,
    methodology: &Methodology,
    submission: &Submission,
) -> PyResult<Scorecard> {
    let (m, s) = (&methodology.m, &submission.s);
    py.detach(|| pi::score(m, s))
        .map(|c| Scorecard { c: Arc::new(c) })
        .map_err(|e| py_err(py, e))
}

/// What `verify` found: whether the scorecard is what its methodology and inputs give.
#[pyclass(frozen, module = "par_index")]
struct Verification {
    #[pyo3(get)]
    ok: bool,
    #[pyo3(get)]
    mismatches: Vec<String>,
    #[pyo3(get)]
    notes: Vec<String>,
}

#[pymethods]
impl Verification {
    fn __bool__(&self) -> bool {
        self.ok
    }

    fn __repr__(&self) -> String {
        format!(
            "<Verification ok={} mismatches={}>",
            self.ok,
            self.mismatches.len()
        )
    }
}

/// Recompute a scorecard and compare: an edited one is `ok=False` with its mismatches. The
/// methodology is the embedded one it names unless one is given.
#[pyfunction]
#[pyo3(signature = (scorecard, methodology = None))]
fn verify(
    py: Python<'_>,
    scorecard: &Scorecard,
    methodology: Option<&Methodology>,
) -> PyResult<Verification> {
    let m: &pi::Methodology = match methodology {
        Some(m) => &m.m,
        None => pi::catalog::get(&scorecard.c.methodology.id).map_err(|e| py_err(py, e))?,
    };
    let c = &scorecard.c;
    let report = py.detach(|| pi::verify(c, m));
    Ok(Verification {
        ok: report.is_ok(),
        mismatches: report.mismatches.iter().map(ToString::to_string).collect(),
        notes: report.notes.clone(),
    })
}

/// Score a self-assessment through its stage files (in any order) and the survey: every
/// stage's scorecard, the self-assessment's first, the last the final result.
#[pyfunction]
#[pyo3(signature = (submission, stages, survey = None, methodology = None))]
fn appraise(
    py: Python<'_>,
    submission: &Submission,
    stages: Vec<PyRef<'_, Stage>>,
    survey: Option<&Survey>,
    methodology: Option<&Methodology>,
) -> PyResult<Vec<Scorecard>> {
    let m: &pi::Methodology = match methodology {
        Some(m) => &m.m,
        None => pi::catalog::get(&submission.s.methodology).map_err(|e| py_err(py, e))?,
    };
    let named: Vec<(String, pi::Stage)> = stages
        .iter()
        .map(|s| (s.name.clone(), (*s.s).clone()))
        .collect();
    let (s, survey) = (&submission.s, survey.map(|v| &*v.s));
    let cards = py.detach(|| {
        let ordered = pi::appraisal::order_stages(named)?;
        let stages: Vec<pi::Stage> = ordered.into_iter().map(|(_, s)| s).collect();
        pi::appraisal::score_stages(m, s, &stages, survey)
    });
    cards
        .map(|cards| {
            cards
                .into_iter()
                .map(|c| Scorecard {
                    c: Arc::new(c.card),
                })
                .collect()
        })
        .map_err(|e| py_err(py, e))
}

/// A report of the library (readiness, gaps): its data and its renderings.
#[pyclass(frozen, subclass, module = "par_index")]
struct Report {
    r: Arc<dyn pi::report::Report + Send + Sync>,
}

#[pymethods]
impl Report {
    /// The report's data as JSON text.
    #[pyo3(signature = (lang = "vi"))]
    fn to_json(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        let lang = lang_of(py, lang)?;
        Ok(self.r.to_json(lang))
    }

    /// The report's data as a dict (numbers as `Decimal`).
    #[pyo3(signature = (lang = "vi"))]
    fn to_dict<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let lang = lang_of(py, lang)?;
        loads(py, &self.r.to_json(lang))
    }

    /// The report as `markdown`, `html`, `text`, `csv` or `json`, in `vi` or `en`.
    #[pyo3(signature = (format = "markdown", lang = "vi"))]
    fn render(&self, py: Python<'_>, format: &str, lang: &str) -> PyResult<String> {
        render_text(py, &*self.r, format, lang)
    }

    /// The report as an Excel workbook at `path`.
    #[pyo3(signature = (path, lang = "vi"))]
    fn write_xlsx(&self, py: Python<'_>, path: PathBuf, lang: &str) -> PyResult<()> {
        write_xlsx(py, &*self.r, path, lang)
    }
}

/// Readiness before sending: `ready`, and the report of what is unanswered, missing
/// evidence or odd.
#[pyclass(frozen, extends = Report, module = "par_index")]
struct Readiness {
    #[pyo3(get)]
    ready: bool,
}

/// Whether a self-assessment is ready to send: what is unanswered, missing evidence, odd.
#[pyfunction]
fn readiness(
    py: Python<'_>,
    methodology: &Methodology,
    submission: &Submission,
) -> PyResult<Py<Readiness>> {
    let (m, s) = (&methodology.m, &submission.s);
    let r = py
        .detach(|| pi::submission::readiness(m, s))
        .map_err(|e| py_err(py, e))?;
    let ready = r.ready();
    Py::new(
        py,
        PyClassInitializer::from(Report { r: Arc::new(r) }).add_subclass(Readiness { ready }),
    )
}

/// Where a scorecard loses points, by office and area, and how to win them back.
#[pyfunction]
fn gaps(py: Python<'_>, scorecard: &Scorecard) -> Report {
    let c = &scorecard.c;
    let g = py.detach(|| pi::analysis::gaps(c));
    Report { r: Arc::new(g) }
}

/// How one item or area of a scorecard got its points, as `text`, `markdown`, `html` or
/// `json`.
#[pyfunction]
#[pyo3(signature = (scorecard, code, format = "text", lang = "vi"))]
fn explain(
    py: Python<'_>,
    scorecard: &Scorecard,
    code: &str,
    format: &str,
    lang: &str,
) -> PyResult<String> {
    let parsed: pi::Code = code
        .parse()
        .map_err(|e: pi::CodeError| refused(py, e.to_string()))?;
    let (format, lang) = (format_of(py, format)?, lang_of(py, lang)?);
    let Some(out) = pi::report::explain_as(&scorecard.c, &parsed, format, lang) else {
        return Err(refused(
            py,
            format!("{code} is not an item or area of this scorecard"),
        ));
    };
    let out = out.map_err(|e| refused(py, e.to_string()))?;
    Ok(out.as_text().unwrap_or_default().to_owned())
}

/// The office's Excel form of a methodology for a unit (blank), or filled from a
/// submission: written to `path` when one is given, else returned as bytes.
#[pyfunction]
#[pyo3(signature = (methodology, unit = None, name = None, period = None, submission = None, lang = "vi", path = None))]
#[allow(clippy::too_many_arguments)]
fn template<'py>(
    py: Python<'py>,
    methodology: &Methodology,
    unit: Option<&str>,
    name: Option<&str>,
    period: Option<&str>,
    submission: Option<&Submission>,
    lang: &str,
    path: Option<PathBuf>,
) -> PyResult<Option<Bound<'py, PyBytes>>> {
    let mut t = pi::form::Template::new(lang_of(py, lang)?);
    let who = unit.map(|code| pi::submission::Unit {
        code: code.to_owned(),
        name: name.unwrap_or_default().to_owned(),
    });
    t.unit = who.as_ref();
    t.period = period;
    t.from = submission.map(|s| &*s.s);
    let m = &methodology.m;
    let bytes = py
        .detach(|| pi::form::template(m, &t))
        .map_err(|e| py_err(py, e))?;
    match path {
        Some(p) => {
            std::fs::write(&p, bytes)
                .map_err(|e| PyOSError::new_err(format!("cannot write {}: {e}", p.display())))?;
            Ok(None)
        }
        None => Ok(Some(PyBytes::new(py, &bytes))),
    }
}

// ---------------------------------------------------------------------------------------
// Rankings

/// A row of a ranking.
#[pyclass(frozen, module = "par_index")]
struct Row {
    #[pyo3(get)]
    rank: usize,
    #[pyo3(get)]
    tied: bool,
    #[pyo3(get)]
    code: String,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    index: Decimal,
    #[pyo3(get)]
    total: Decimal,
    #[pyo3(get)]
    band: String,
    #[pyo3(get)]
    block: Option<String>,
}

impl Row {
    fn of(r: &pi::analysis::RankRow, block: Option<&str>) -> Row {
        Row {
            rank: r.rank,
            tied: r.tied,
            code: r.unit.code.clone(),
            name: r.unit.name.clone(),
            index: r.index,
            total: r.total,
            band: r.band.vi.clone(),
            block: block.map(str::to_owned),
        }
    }
}

#[pymethods]
impl Row {
    fn __repr__(&self) -> String {
        format!(
            "<Row {} {} ({}) {}%>",
            self.rank, self.name, self.code, self.index
        )
    }
}

/// A block of a ranking by roster, ranked on its own.
#[pyclass(frozen, module = "par_index")]
struct Block {
    #[pyo3(get)]
    id: String,
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    rows: Vec<Py<Row>>,
}

/// Units ranked: one list, or by the blocks of a roster.
#[pyclass(frozen, module = "par_index")]
struct Ranking {
    r: Arc<pi::batch::Ranked>,
}

impl Ranking {
    fn report(&self) -> &(dyn pi::report::Report + Sync) {
        match (&self.r.blocks, self.r.rankings.first()) {
            (Some(b), _) => b,
            (None, Some(one)) => one,
            (None, None) => &*EMPTY,
        }
    }
}

/// Nothing to report (never reached: a ranking has at least one list).
static EMPTY: std::sync::LazyLock<pi::analysis::Ranking> = std::sync::LazyLock::new(|| {
    pi::batch::rank_batch(
        &pi::batch::Batch::default(),
        pi::catalog::default_methodology(),
    )
});

#[pymethods]
impl Ranking {
    /// Every unit ranked, best first (with a roster: the whole list).
    #[getter]
    fn rows(&self) -> Vec<Row> {
        let whole = match &self.r.blocks {
            Some(b) => Some(&b.whole),
            None => self.r.rankings.first(),
        };
        whole
            .map(|w| w.rows.iter().map(|r| Row::of(r, None)).collect())
            .unwrap_or_default()
    }

    /// With a roster, each block ranked on its own; else empty.
    #[getter]
    fn blocks(&self, py: Python<'_>) -> PyResult<Vec<Block>> {
        let Some(b) = &self.r.blocks else {
            return Ok(Vec::new());
        };
        b.blocks
            .iter()
            .map(|rb| {
                let rows = rb
                    .ranking
                    .rows
                    .iter()
                    .map(|r| Py::new(py, Row::of(r, Some(&rb.block.id))))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(Block {
                    id: rb.block.id.clone(),
                    name: rb.block.name.clone(),
                    rows,
                })
            })
            .collect()
    }

    /// The files that could not be scored, each with why.
    #[getter]
    fn failures(&self) -> Vec<String> {
        let lists: Vec<&pi::analysis::Ranking> = match &self.r.blocks {
            Some(b) => vec![&b.whole],
            None => self.r.rankings.iter().collect(),
        };
        lists
            .iter()
            .flat_map(|r| r.failures.iter().map(|f| f.error.to_string()))
            .collect()
    }

    /// One dict per unit ranked (rank, code, name, index, total, band, block), ready for
    /// `pandas.DataFrame`; by block with a roster.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let rows: Vec<Row> = match &self.r.blocks {
            Some(b) => b
                .blocks
                .iter()
                .flat_map(|rb| {
                    rb.ranking
                        .rows
                        .iter()
                        .map(|r| Row::of(r, Some(&rb.block.id)))
                })
                .collect(),
            None => self.rows(),
        };
        rows.into_iter()
            .map(|r| {
                let d = PyDict::new(py);
                d.set_item("rank", r.rank)?;
                d.set_item("tied", r.tied)?;
                d.set_item("code", r.code)?;
                d.set_item("name", r.name)?;
                d.set_item("index", r.index)?;
                d.set_item("total", r.total)?;
                d.set_item("band", r.band)?;
                d.set_item("block", r.block)?;
                Ok(d)
            })
            .collect()
    }

    /// The ranking as JSON, as `par-index rank --format json` prints it.
    fn to_json(&self) -> String {
        self.report().to_json(pi::Lang::Vi)
    }

    /// The ranking as a dict (numbers as `Decimal`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        loads(py, &self.to_json())
    }

    /// The ranking as `markdown`, `html`, `text`, `csv` (without a roster) or `json`.
    #[pyo3(signature = (format = "markdown", lang = "vi"))]
    fn render(&self, py: Python<'_>, format: &str, lang: &str) -> PyResult<String> {
        render_text(py, self.report(), format, lang)
    }

    /// The ranking as an Excel workbook at `path`.
    #[pyo3(signature = (path, lang = "vi"))]
    fn write_xlsx(&self, py: Python<'_>, path: PathBuf, lang: &str) -> PyResult<()> {
        write_xlsx(py, self.report(), path, lang)
    }
}

/// Paths given as one path or a sequence of them.
fn paths_of(py: Python<'_>, given: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = given.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let mut out = Vec::new();
    for item in given
        .try_iter()
        .map_err(|_| refused(py, "expected a path or a list of paths"))?
    {
        out.push(item?.extract::<PathBuf>()?);
    }
    Ok(out)
}

/// Score and rank the self-assessments (JSON or filled forms, with their stage files) of
/// files and folders, as `par-index rank` does: one list, or by the blocks of a roster
/// (then each unit against the methodology it names).
#[pyfunction]
#[pyo3(signature = (paths, survey = None, roster = None, methodology = None, include_unlisted = false))]
fn rank(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
    survey: Option<&Bound<'_, PyAny>>,
    roster: Option<&Bound<'_, PyAny>>,
    methodology: Option<&Methodology>,
    include_unlisted: bool,
) -> PyResult<Ranking> {
    let paths = paths_of(py, paths)?;
    let survey: Option<Arc<pi::SurveyFile>> = match survey {
        None => None,
        Some(s) => match s.cast::<Survey>() {
            Ok(v) => Some(v.get().s.clone()),
            Err(_) => {
                let p: PathBuf = s.extract()?;
                Some(Arc::new(
                    pi::SurveyFile::from_file(&p).map_err(|e| py_err(py, e))?,
                ))
            }
        },
    };
    let roster: Option<Arc<pi::Roster>> = match roster {
        None => None,
        Some(r) => match r.cast::<Roster>() {
            Ok(v) => Some(v.get().r.clone()),
            Err(_) => {
                let p: PathBuf = r.extract()?;
                Some(Arc::new(
                    pi::Roster::from_file(&p).map_err(|e| py_err(py, e))?,
                ))
            }
        },
    };
    let m: Option<&pi::Methodology> = methodology.map(|m| &*m.m);
    let ranked = py.detach(|| {
        let options = match (m, &roster) {
            (Some(m), None) => pi::Options::new().methodology(m),
            _ => pi::Options::new(),
        };
        let among: Vec<&pi::Methodology> = m.into_iter().collect();
        options.rank_paths(
            &paths,
            survey.as_deref(),
            roster.as_deref(),
            &among,
            include_unlisted,
            &mut |_, _| {},
        )
    });
    Ok(Ranking {
        r: Arc::new(ranked.value),
    })
}

// ---------------------------------------------------------------------------------------

/// Vietnam's PAR Index (Chỉ số CCHC) scored exactly and explainably.
#[pymodule]
fn par_index(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    for class in [
        m.py().get_type::<Problem>(),
        m.py().get_type::<Methodology>(),
        m.py().get_type::<Criterion>(),
        m.py().get_type::<Submission>(),
        m.py().get_type::<Stage>(),
        m.py().get_type::<Survey>(),
        m.py().get_type::<Roster>(),
        m.py().get_type::<Scorecard>(),
        m.py().get_type::<Node>(),
        m.py().get_type::<Verification>(),
        m.py().get_type::<Report>(),
        m.py().get_type::<Readiness>(),
        m.py().get_type::<Ranking>(),
        m.py().get_type::<Row>(),
        m.py().get_type::<Block>(),
    ] {
        m.add(class.name()?, class)?;
    }
    m.add_function(wrap_pyfunction!(methodologies, m)?)?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(appraise, m)?)?;
    m.add_function(wrap_pyfunction!(readiness, m)?)?;
    m.add_function(wrap_pyfunction!(gaps, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(template, m)?)?;
    m.add_function(wrap_pyfunction!(rank, m)?)?;
    Ok(())
}
