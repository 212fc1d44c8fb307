//! One renderer per format, each rendering any [`crate::report::document::Document`]: text,
//! Markdown, CSV, HTML (with SVG charts) and Excel. JSON is not among them: it is the data types
//! serialised.

pub(crate) mod csv;
#[cfg(feature = "html")]
pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod text;
#[cfg(feature = "xlsx")]
pub(crate) mod xlsx;

pub use csv::to_csv;
#[cfg(feature = "html")]
pub use html::to_html;
pub use markdown::to_markdown;
pub use text::to_text;
#[cfg(feature = "xlsx")]
pub use xlsx::to_xlsx;
