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

mod appraisal;
mod batch;
mod canonical;
pub mod catalog;
mod code;
pub mod conformance;
mod date;
mod diff;
mod error;
mod exact;
mod explain;
mod gain;
mod gaps;
pub mod guide;
mod json;
mod limits;
mod methodology;
mod render;
mod rule;
pub mod schema;
mod score;
mod scorecard;
mod submission;
mod text;
mod tree;
mod verify;
mod walk;

pub use appraisal::{
    AppraisalRecord, EntryDecision, ItemDecision, RecordedAnswer, Response, Source, Stage,
    StageCard, StageKind, StageRecord, SurveyFile, SurveyRecord, order_stages, score_stages,
    stage_label,
};
pub use batch::{
    AreaCell, AreaStats, BandCount, Batch, BatchFailure, BatchUnit, RankRow, Ranking, Stats, rank,
    rank_batch, read_batch, read_batch_with, score_batch,
};
pub use canonical::{canonical_json, sha256_hex};
pub use catalog::{sample_scorecard, sample_submission};
pub use code::{Code, CodeError, printable};
pub use date::{Date, DateError};
pub use diff::{Diff, DiffRow, diff};
pub use error::{Error, Problem, ProblemKind, read_text_file};
pub use explain::{describe_rule, explain};
pub use gain::{Improvement, improvements};
pub use gaps::{
    BatchGaps, GapGroup, GapItem, Gaps, ItemLoss, Readiness, batch_gaps, gaps, readiness,
};
pub use limits::Limits;
pub use methodology::{
    AreaDef, Band, Criterion, Decision, EvidencePolicy, ItemDef, Level, Methodology,
    MethodologyFile, Origin, Provenance, load_methodology_file, load_methodology_str,
    load_methodology_str_with,
};
pub use render::{Format, render, render_items};
pub use rule::{
    Basis, Branch, Direction, NaPolicy, Rule, RuleError, Tier, describe_branch, describe_leaf,
    describe_measure, fmt_decimal,
};
pub use score::{ROUNDING, round_points, score};
pub use scorecard::{
    Adjustment, BandRef, CountedEntry, Engine, EntryNote, Flags, ItemAppraisal, MethodologyRef,
    Override, Part, SCORECARD_FORMAT, SCORECARD_FORMAT_2, ScoreNode, Scorecard, SurveyPart, Trace,
};
pub use submission::{
    AdjustmentEntry, Answer, Evidence, Measure, Submission, SubmissionRead, Unit,
};
pub use text::{Lang, Text};
pub use verify::{Mismatch, Report, check_inputs, verify};
pub use walk::{Walk, walk_inputs};

/// The README's code examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
