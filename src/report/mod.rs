//! Reports: the only layer that knows a language. Words per language, descriptions of
//! rules, measures and branches, tables, and the renderers of every output (text,
//! Markdown, CSV) of scorecards, explanations, gaps, readiness, diffs and rankings.
//!
//! Depends on the [`crate::model`], the [`crate::engine`] and [`crate::analysis`].

pub(crate) mod compare;
pub(crate) mod describe;
pub(crate) mod diff;
pub(crate) mod explain;
#[cfg(feature = "xlsx")]
pub(crate) mod form;
pub(crate) mod gaps;
#[cfg(feature = "html")]
pub(crate) mod html;
pub(crate) mod mdiff;
pub(crate) mod rank;
pub(crate) mod render;
pub(crate) mod stages;
pub(crate) mod toml;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;
