//! Conformance cases: test files for methodologies that a non-programmer can write, and the
//! runner behind `par-index test`.
//!
//! A case file is TOML (format: `docs/case-format.md`, schema: `par-index schema case`). Each
//! `[[case]]` names a methodology (an embedded id or a file), a submission (a JSON file, a
//! table written inline, or the file's default), changes to its answers, and what is
//! expected: total, index, band, any item or area points, flags and branches, or, for a bad
//! case, the error kind and item code.
//!
//! ```
//! use par_index::conformance::{load_cases_str, Runner};
//! let file = load_cases_str(r#"
//! methodology = "commune-2024-model"
//!
//! [[case]]
//! name = "one item answered"
//! note = "912/1000 = 91.2% ≥ 90% → tier 2 = 2 points; nothing else answered: 2 of 100"
//! submission = { methodology = "commune-2024-model", unit = { code = "X", name = "Xã X" }, period = "2024", answers = {} }
//! answers."3.2.1" = { num = 912, den = 1000, explanation = "Báo cáo số 15/BC-UBND" }
//! expect = { total = 2, index = 2, band = "Kém", points = { "3.2.1" = 2 }, branches = { "3.2.1" = "tier-2" } }
//! "#, "inline.cases.toml", std::path::Path::new(".")).unwrap();
//! let mut runner = Runner::default();
//! let results = runner.run_file(&file);
//! assert!(results[0].passed(), "{:?}", results[0].failures);
//! ```

pub(crate) mod case;
pub(crate) mod coverage;
pub(crate) mod format;

pub use coverage::{Coverage, ItemCoverage, Reach};
pub(crate) mod read;
pub(crate) mod run;

pub use case::{
    Case, CaseFile, ErrorExpectation, Expect, FLAG_NAMES, MethodologySource, ScoreExpectation,
};
pub use read::{load_cases, load_cases_str};
pub use run::{BrokenFile, CaseResult, Run, Runner, run};
