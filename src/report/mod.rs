//! Reports: the only layer that knows a language. Words per language, descriptions of
//! rules, measures and branches, tables, and the renderers of every output (text,
//! Markdown, CSV) of scorecards, explanations, gaps, readiness, diffs and rankings.
//!
//! Inside the crate it depends on the model, the engine and the analysis only. Every
//! output of a scorecard goes through [`render`]; the other results have their renderings
//! as methods (`to_markdown`, `to_json`, `to_csv`, `to_html`, `to_xlsx`).
//!
//! ```
//! use par_index::report::{render, Format};
//! let card = par_index::catalog::sample_scorecard();
//! assert!(render(&card, Format::Markdown, par_index::Lang::Vi).contains("Xếp loại"));
//! ```

pub(crate) mod compare;
pub(crate) mod describe;
pub(crate) mod diff;
pub mod document;
pub(crate) mod explain;
#[cfg(feature = "xlsx")]
pub(crate) mod form;
pub(crate) mod gaps;
#[cfg(feature = "html")]
pub(crate) mod html;
pub(crate) mod mdiff;
pub(crate) mod out;
pub(crate) mod rank;
pub(crate) mod render;
#[cfg(feature = "xlsx")]
pub(crate) mod rows;
pub(crate) mod stages;
pub(crate) mod toml;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;

pub use explain::explain;
#[cfg(feature = "html")]
pub use html::render_stages_html;
pub use render::{Format, render, render_items};
pub use stages::render_stages;

pub mod words;
