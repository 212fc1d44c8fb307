//! The model: pure data with no I/O and no language. Codes, dates, bilingual text, rules and
//! their evaluation, exact arithmetic and the one rounding place, methodologies, submissions,
//! appraisal stages and survey files, scorecards, and their canonical forms and hashes.
//!
//! Everything here is built by the readers ([`crate::read`]) or in code, scored by the
//! [`crate::engine`], analysed by [`crate::analysis`] and put into words by
//! [`crate::report`]. Nothing here depends on those layers.

pub(crate) mod canonical;
pub(crate) mod code;
pub(crate) mod date;
pub(crate) mod exact;
#[cfg(feature = "xlsx")]
pub(crate) mod form;
pub(crate) mod methodology;
pub(crate) mod record;
pub(crate) mod roster;
pub(crate) mod rule;
pub(crate) mod scorecard;
pub(crate) mod stage;
pub(crate) mod submission;
pub(crate) mod survey;
pub(crate) mod text;

/// For `#[serde(skip_serializing_if = "crate::model::is_false")]`: flags are written only
/// when set.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes a reference
pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
