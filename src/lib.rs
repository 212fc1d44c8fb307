//! # par-index
//!
//! Exact, explainable scoring of Vietnam's Administrative Reform Index (*Chỉ số cải cách
//! hành chính*, the PAR Index).
//!
//! - A **methodology** (*bộ tiêu chí*) is data: a TOML file of areas, criteria and
//!   sub-criteria with their maxima, rules, N/A policies, bands, evidence policy and caps,
//!   validated once when loaded ([`load_methodology_str`], [`catalog`]).
//! - A **submission** (*bản tự đánh giá*) is JSON: one answer per sub-criterion with its
//!   measure, evidence and explanation ([`Submission::from_json`]).
//! - [`score`] is pure and exact (`rust_decimal`, checked arithmetic, one rounding place,
//!   [`round_points`]) and returns a [`Scorecard`]: a tree mirroring the methodology in which
//!   every leaf carries its trace (rule, measure, branch, value before rounding, evidence,
//!   flags).
//! - [`render`] turns a scorecard into text or Markdown an official can read, in Vietnamese
//!   or English; [`explain`] tells how one item or area got its points and what would earn
//!   more.
//! - For auditors: every scorecard records its format version and SHA-256 hashes of the
//!   canonical methodology and submission; [`verify`] recomputes a published scorecard and
//!   names every difference; [`conformance`] runs TOML case files that state what a
//!   methodology must score, with branch coverage.
//!
//! ```
//! use par_index::{catalog, render, score, Format, Lang, Submission};
//!
//! let methodology = catalog::default_methodology();
//! let submission = Submission::from_json(catalog::sample_source())?;
//! let card = score(methodology, &submission)?;
//! assert_eq!(card.band.label.vi, "Tốt");
//! let report = render(&card, Format::Markdown, Lang::Vi);
//! assert!(report.contains("Xếp loại"));
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
mod analysis;
mod engine;
mod error;
mod model;
mod read;
mod report;

mod batch;
pub mod catalog;
pub mod conformance;
pub mod guide;
mod options;
pub mod schema;
pub mod validate;

pub use analysis::compare::{
    Baseline, BaselineKind, BatchComparison, Cause, CauseKind, Change, Comparison, Line, compare,
    compare_batch,
};
pub use analysis::diff::{Diff, DiffRow, diff};
pub use analysis::gain::{Improvement, Step, improvements};
pub use analysis::gaps::{BatchGaps, GapGroup, GapItem, Gaps, ItemLoss, batch_gaps, gaps};
pub use analysis::mdiff::{
    AreaMax, FieldChange, ItemChange, ItemChangeKind, MethodologyDiff, methodology_diff,
};
pub use analysis::rank::{
    AreaCell, AreaStats, BandCount, BatchFailure, BlockRanking, RankRow, RankedBlock, Ranking,
    Stats, rank, rank_by_roster, rank_by_roster_sets,
};
pub use analysis::readiness::{Readiness, readiness};
pub use batch::{
    Batch, BatchOutcome, BatchUnit, Verified, rank_batch, read_batch, read_results, score_batch,
};
pub use engine::carry::{carry_over, score_carried};
pub use engine::score::score;
pub use engine::stages::{StageCard, order_stages, score_stages};
pub use engine::verify::{Mismatch, OnRecord, Report, check_inputs, verify, verify_on_record};
pub use error::{Error, Problem, ProblemKind, UnknownName};
pub use model::code::{Code, CodeError};
pub use model::date::{Date, DateError};
pub use model::exact::{ROUNDING, round_points};
pub use model::methodology::{
    AreaDef, Band, Criterion, Decision, EvidencePolicy, ItemDef, Level, Methodology,
    MethodologyFile, Origin, Provenance,
};
pub use model::record::{AppraisalRecord, RecordedAnswer, StageRecord, SurveyRecord};
pub use model::roster::{Block, MAX_WEIGHT, Predecessor, Roster, RosterUnit, WEIGHT_DECIMALS};
pub use model::rule::{Basis, Branch, Direction, Measure, NaPolicy, Rule, RuleError, Tier};
pub use model::scorecard::{
    Adjustment, BandRef, CarriedOver, CountedEntry, DropReason, Dropped, Engine, EntryNote, Flags,
    ItemAppraisal, MethodologyRef, Moved, Override, Part, SCORECARD_FORMAT, SCORECARD_FORMAT_1,
    SCORECARD_FORMAT_2, SCORECARD_FORMAT_3, SCORECARD_FORMATS, ScoreNode, Scorecard, SurveyPart,
    Trace,
};
pub use model::stage::{EntryDecision, ItemDecision, Response, Source, Stage, StageKind};
pub use model::submission::{AdjustmentEntry, Answer, Evidence, Submission, Unit};
pub use model::survey::SurveyFile;
pub use model::text::printable;
pub use model::text::{Lang, Text};
pub use options::Options;
pub use read::codemap::{read_code_map, read_code_map_for};
pub use read::limits::Limits;
pub use read::methodology::{load_methodology_file, load_methodology_str};
pub use read::submission::SubmissionRead;
pub use report::explain::explain;
#[cfg(feature = "html")]
pub use report::html::render_stages_html;
pub use report::render::{Format, render, render_items};
pub use report::stages::render_stages;
pub use validate::{Checked, SubmissionCheck};

/// Words for people: rules, measures, branches, steps and stages described in Vietnamese or
/// English, decimals as each language writes them, and text made safe to print. What the
/// renderers use; for embedders who build their own reports from the data.
///
/// ```
/// use par_index::words::{fmt_decimal, stage_label};
/// use par_index::Lang;
/// assert_eq!(fmt_decimal(rust_decimal::Decimal::new(9120, 2), Lang::Vi), "91,2");
/// assert_eq!(stage_label("final", Lang::En), "Final");
/// ```
pub mod words {
    pub use crate::model::text::printable;
    pub use crate::report::compare::describe_cause;
    pub use crate::report::describe::{
        describe_branch, describe_improvement, describe_leaf, describe_measure, fmt_decimal,
    };
    pub use crate::report::explain::describe_rule;
    pub use crate::report::render::{describe_dropped, stage_label};
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

/// The README's code examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
