//! Reports: the only layer that knows a language. Each report topic (a scorecard, gaps,
//! readiness, an explanation, the appraisal minute and stages, a ranking, year over year, a
//! methodology diff) builds one [`document::Document`]; one renderer per format in [`out`]
//! draws any document; [`render`] is the one entry point for every [`Format`] (JSON is the
//! data's own serialisation). The words are in one catalogue ([`words`]).
//!
//! Inside the crate it depends on the model, the engine and the analysis only.
//!
//! ```
//! use par_index::report::{render, Format};
//! let card = par_index::catalog::sample_scorecard();
//! let md = render(&card, Format::Markdown, par_index::Lang::Vi).unwrap();
//! assert!(md.as_text().unwrap().contains("Xếp loại"));
//! ```

pub(crate) mod compare;
pub(crate) mod describe;
pub(crate) mod diff;
pub mod document;
pub(crate) mod explain;
#[cfg(feature = "xlsx")]
pub(crate) mod form;
pub(crate) mod gaps;
pub(crate) mod labels;
pub(crate) mod mdiff;
pub mod out;
pub(crate) mod output;
pub(crate) mod rank;
pub(crate) mod render;
#[cfg(feature = "xlsx")]
pub(crate) mod rows;
pub(crate) mod stages;
pub(crate) mod toml;

pub use explain::{explain, explain_as, explanation};
pub use output::{Format, Output, Report, render};
pub use render::render_items;
pub use stages::{render_stages, stages_document};

/// Words for people: the catalogue of labels ([`words::Label`], one table per language), the
/// sentences that describe rules, measures, branches, steps and stages, decimals as each
/// language writes them, and text made safe to print. What the renderers use; for
/// embedders who build their own reports from the data.
///
/// ```
/// use par_index::report::words::{fmt_decimal, label, stage_label, Label};
/// use par_index::Lang;
/// assert_eq!(fmt_decimal(rust_decimal::Decimal::new(9120, 2), Lang::Vi), "91,2");
/// assert_eq!(stage_label("final", Lang::En), "Final");
/// assert_eq!(label(Label::Index, Lang::Vi), "Chỉ số CCHC");
/// ```
pub mod words {
    pub use crate::model::text::printable;
    pub use crate::report::compare::describe_cause;
    pub use crate::report::describe::{
        describe_branch, describe_improvement, describe_leaf, describe_measure, fmt_decimal,
    };
    pub use crate::report::explain::describe_rule;
    pub use crate::report::labels::{Label, Sentence, label, say};
    pub use crate::report::render::{describe_dropped, stage_label};
}
