//! Reading: text to model, every problem located. The strict JSON parser and the TOML
//! document tree (both with positions and limits), typed reading with every problem
//! collected in one pass, one reader per format (methodology with its validation,
//! submission, stage, survey, scorecard), bounded file reading and the walk over folders. The direct reader is the shortcut for a
//! submission with no problem: text to value in one pass, the full reader whenever it is not sure.
//!
//! Depends on the [`crate::model`] only.

pub(crate) mod codemap;
pub(crate) mod compiled;
pub(crate) mod detect;
pub(crate) mod direct;
pub(crate) mod file;
#[cfg(feature = "xlsx")]
pub(crate) mod form;
pub(crate) mod io;
pub(crate) mod json;
pub(crate) mod limits;
pub(crate) mod methodology;
pub(crate) mod roster;
pub(crate) mod scorecard;
pub(crate) mod stage;
pub(crate) mod submission;
pub(crate) mod survey;
pub(crate) mod tree;
pub(crate) mod validate;
pub(crate) mod walk;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;
