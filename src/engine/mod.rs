//! The engine: checking a submission against a methodology, scoring (the tree walk, N/A,
//! the evidence policy, bonus and penalty, total, index and band), appraisal stages applied
//! in order, re-scoring under another methodology, and verification of published scorecards.
//!
//! Depends on the [`crate::model`] only.

pub(crate) mod carry;
pub(crate) mod check;
pub(crate) mod score;
pub(crate) mod stages;
pub(crate) mod verify;
