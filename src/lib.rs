//! # par-index
//!
//! Exact, explainable scoring of Vietnam's Administrative Reform Index (*Chỉ số cải cách
//! hành chính*, the PAR Index).
//!
//! - A **methodology** (*bộ tiêu chí*) is data: a TOML file of areas, criteria and
//!   sub-criteria with their maxima, rules, N/A policies, bands, evidence policy and caps,
//!   validated once when loaded ([`methodology::load_str`], [`catalog`]).
//! - A **submission** (*bản tự đánh giá*) is JSON: one answer per sub-criterion with its
//!   measure, evidence and explanation ([`Submission::from_json`]).
//! - [`score`] is pure and exact (`rust_decimal`, checked arithmetic, one rounding place,
//!   [`methodology::round_points`]) and returns a [`Scorecard`]: a tree mirroring the methodology in which
//!   every leaf carries its trace (rule, measure, branch, value before rounding, evidence,
//!   flags).
//! - [`report::render`] turns a scorecard (or any report: gaps, a ranking, a diff) into
//!   text, Markdown, CSV, a printable HTML page or an Excel workbook an official can read,
//!   in Vietnamese or English; each report is built once as a [`report::document`] and one
//!   renderer per format draws it. [`report::explain`] tells how one item or area got its points and what would earn
//!   more.
//! - For auditors: every scorecard records its format version and SHA-256 hashes of the
//!   canonical methodology and submission; [`verify`] recomputes a published scorecard and
//!   names every difference; [`conformance`] runs TOML case files that state what a
//!   methodology must score, with branch coverage.
//!
//! ```
//! use par_index::report::{render, Format};
//! use par_index::{catalog, score, Lang, Submission};
//!
//! let methodology = catalog::default_methodology();
//! let submission = Submission::from_json(catalog::sample_source())?;
//! let card = score(methodology, &submission)?;
//! assert_eq!(card.band.label.vi, "Tốt");
//! let report = render(&card, Format::Markdown, Lang::Vi)?;
//! assert!(report.as_text().unwrap_or_default().contains("Xếp loại"));
//! # Ok::<(), par_index::Error>(())
//! ```
//!
//! The scoring semantics and the file formats are in the [`guide`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::arithmetic_side_effects)]

// The layers, in the one direction data flows (ARCHITECTURE.md): the model is pure data;
// readers turn text into it; the engine scores and verifies it; analysis derives data from
// scorecards; reports put everything into words. Batches and conformance use them all.
pub mod analysis;
mod engine;
mod error;
mod model;
mod read;
pub mod report;

pub mod batch;
#[cfg(feature = "sign")]
pub mod bundle;
pub mod catalog;
pub mod conformance;
pub mod guide;
mod options;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod validate;

// The crate root: the types every user meets, the two operations every user calls, and one
// module per concept for the rest (ARCHITECTURE.md, "What is at the crate root?").
pub use engine::score::score;
pub use engine::verify::verify;
pub use error::{Error, Problem, ProblemKind, UnknownName};
pub use model::code::{Code, CodeError};
pub use model::date::{Date, DateError};
pub use model::methodology::Methodology;
pub use model::roster::Roster;
pub use model::scorecard::Scorecard;
pub use model::stage::Stage;
pub use model::submission::Submission;
pub use model::survey::SurveyFile;
pub use model::text::{Lang, Text};
pub use options::Options;
pub use read::limits::Limits;

// The 0.2 names the peer harness (`../shared/peers/zen`) calls, kept working and hidden until
// the harness moves to the 0.3 paths: each is the one spelling it names, deprecated.
#[doc(hidden)]
#[deprecated(since = "0.3.0", note = "use `par_index::methodology::load_str`")]
#[allow(missing_docs)]
pub fn load_methodology_str(text: &str, file: Option<&str>) -> Result<Methodology, Error> {
    methodology::load_str(text, file)
}

#[doc(hidden)]
#[deprecated(since = "0.3.0", note = "use `par_index::batch::score_batch`")]
#[allow(missing_docs)]
pub fn score_batch(
    m: &Methodology,
    submissions: Vec<(String, Submission)>,
    stages: Vec<(String, Stage)>,
    survey: Option<&SurveyFile>,
    progress: &mut dyn FnMut(usize, usize),
) -> batch::Batch {
    batch::score_batch(m, submissions, stages, survey, progress)
}

#[doc(hidden)]
#[deprecated(since = "0.3.0", note = "use `par_index::batch::rank_batch`")]
#[allow(missing_docs)]
#[must_use]
pub fn rank_batch(b: &batch::Batch, m: &Methodology) -> analysis::Ranking {
    batch::rank_batch(b, m)
}

/// Methodologies: their parts (areas, criteria, items, bands, rules, measures), loading and
/// validating them, the one rounding place, what changed between two of them, and the code
/// maps that carry items from one to the other.
///
/// ```
/// use par_index::methodology;
/// let m = methodology::load_file("criteria/commune-2025-model.toml").unwrap();
/// let d = methodology::diff(par_index::catalog::default_methodology(), &m, &Default::default());
/// assert!(!d.items.is_empty());
/// ```
pub mod methodology {
    pub use crate::analysis::mdiff::{
        AreaMax, FieldChange, ItemChange, ItemChangeKind, MethodologyDiff, methodology_diff as diff,
    };
    pub use crate::model::exact::{ROUNDING, round_points};
    pub use crate::model::methodology::{
        AreaDef, Band, Criterion, Decision, EvidencePolicy, ItemDef, Level, MethodologyFile,
        Origin, Provenance,
    };
    pub use crate::model::rule::{
        Basis, Branch, Direction, Measure, NaPolicy, Rule, RuleError, Tier,
    };
    pub use crate::read::codemap::{read_code_map, read_code_map_for};
    pub use crate::read::methodology::{
        load_methodology_file as load_file, load_methodology_str as load_str,
    };
}

/// Self-assessments: their parts (answers, evidence, bonus and penalty entries, the unit),
/// reading one with every problem located, checking one against its methodology, and
/// readiness before it is sent.
///
/// ```
/// use par_index::submission::readiness;
/// let (m, s) = (par_index::catalog::default_methodology(), par_index::catalog::sample_submission());
/// assert!(readiness(m, &s).unwrap().ready());
/// ```
pub mod submission {
    pub use crate::analysis::readiness::{Readiness, readiness};
    pub use crate::model::submission::{AdjustmentEntry, Answer, Evidence, Unit};
    pub use crate::read::submission::SubmissionRead;
    pub use crate::validate::{Checked, SubmissionCheck};
}

/// Scorecards: their parts (the tree, each leaf's trace, bonus and penalty, the appraisal
/// and carrying records), their formats, re-scoring under another methodology, and
/// verification with the files on record.
///
/// ```
/// use par_index::scorecard::{verify_on_record, OnRecord, SCORECARD_FORMAT};
/// let card = par_index::catalog::sample_scorecard();
/// assert_eq!(card.format, SCORECARD_FORMAT);
/// let sub = par_index::catalog::sample_submission();
/// let m = par_index::catalog::default_methodology();
/// assert!(verify_on_record(&card, m, &OnRecord::default().submission(&sub)).is_ok());
/// ```
pub mod scorecard {
    pub use crate::engine::carry::{carry_over, score_carried};
    pub use crate::engine::verify::{Mismatch, OnRecord, Report, check_inputs, verify_on_record};
    pub use crate::model::record::{AppraisalRecord, RecordedAnswer, StageRecord, SurveyRecord};
    pub use crate::model::scorecard::{
        Adjustment, BandRef, CarriedOver, CountedEntry, DropReason, Dropped, Engine, EntryNote,
        Flags, ItemAppraisal, MethodologyRef, Moved, Override, Part, SCORECARD_FORMAT,
        SCORECARD_FORMAT_1, SCORECARD_FORMAT_2, SCORECARD_FORMAT_3, SCORECARD_FORMATS, ScoreNode,
        SurveyPart, Trace,
    };
}

/// Appraisal: stage files (appraisal rounds, the unit's explanation) and their decisions,
/// scoring a self-assessment through its stages, and what changed between two stages.
///
/// ```
/// use par_index::appraisal::{diff, score_stages};
/// let (m, s) = (par_index::catalog::default_methodology(), par_index::catalog::sample_submission());
/// let cards = score_stages(m, &s, &[], None).unwrap();
/// assert!(diff(&cards[0].card, &cards[0].card).rows.is_empty());
/// ```
pub mod appraisal {
    pub use crate::analysis::diff::{Diff, DiffRow, diff};
    pub use crate::engine::stages::{StageCard, order_stages, score_stages};
    pub use crate::model::stage::{EntryDecision, ItemDecision, Response, Source, StageKind};
    pub use crate::report::diff::Minute;
}

/// Rosters: the units of a year in their ranking blocks, with the predecessors of merged
/// units and their weights.
///
/// ```
/// let r = par_index::Roster::from_file("examples/data/province/roster.csv").unwrap();
/// assert_eq!(r.blocks.len(), 3);
/// assert!(par_index::roster::MAX_WEIGHT > 1);
/// ```
pub mod roster {
    pub use crate::model::roster::{Block, MAX_WEIGHT, Predecessor, RosterUnit, WEIGHT_DECIMALS};
}

/// Canonical forms and content hashes: RFC 8785 (JCS) JSON and SHA-256, as scorecards record
/// them (`docs/auditing.md`).
///
/// ```
/// let v = serde_json::json!({"b": 1, "a": 2});
/// assert_eq!(par_index::canonical::canonical_json(&v), r#"{"a":2,"b":1}"#);
/// ```
pub mod canonical {
    pub use crate::model::canonical::{canonical_json, sha256_hex};
}

/// Files: reading UTF-8 text within the limits, walking folders (each real file once), and
/// telling what a file is.
///
/// ```
/// use par_index::files::{detect_file_kind, FileKind};
/// assert_eq!(detect_file_kind("criteria/commune-2024-model.toml".as_ref()), FileKind::Methodology);
/// ```
pub mod files {
    pub use crate::read::detect::{FileKind, detect_file_kind, detect_kind};
    pub use crate::read::file::read_submission_file;
    pub use crate::read::io::read_text_file;
    pub use crate::read::walk::{Walk, walk_inputs};
}

#[cfg(feature = "xlsx")]
pub mod form;
#[cfg(feature = "testing")]
pub mod testing;

/// The README's code examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The reports guide's code examples, run as doctests too.
#[cfg(doctest)]
#[doc = include_str!("../docs/reports.md")]
pub struct ReportsDoctests;
