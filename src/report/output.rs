//! One entry point for every output: [`render`] any [`Report`] in any [`Format`] and
//! language. Text, Markdown, CSV, HTML and Excel render the report's document
//! ([`Report::to_document`]); JSON is the report's data serialised.

use crate::error::Error;
use crate::model::text::Lang;
use crate::report::document::Document;

/// An output format.
///
/// ```
/// use par_index::report::Format;
/// assert_eq!("markdown".parse::<Format>().unwrap(), Format::Markdown);
/// assert_eq!("xlsx".parse::<Format>().unwrap(), Format::Xlsx);
/// assert!("docx".parse::<Format>().is_err());
/// assert_eq!(Format::Html.media_type(), "text/html; charset=utf-8");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// Plain text with aligned columns (the default).
    #[default]
    Text,
    /// Markdown tables.
    Markdown,
    /// The report's data as JSON.
    Json,
    /// The report's main table as CSV.
    Csv,
    /// A printable, self-contained HTML page.
    Html,
    /// An Excel workbook.
    Xlsx,
}

impl Format {
    /// The media type of the output (for a server's `Content-Type`).
    ///
    /// ```
    /// assert_eq!(par_index::report::Format::Json.media_type(), "application/json");
    /// ```
    #[must_use]
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// Whether the output is bytes rather than text (a workbook).
    ///
    /// ```
    /// assert!(par_index::report::Format::Xlsx.is_binary());
    /// ```
    #[must_use]
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

impl std::str::FromStr for Format {
    type Err = crate::error::UnknownName;
    fn from_str(s: &str) -> Result<Format, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "html" => Ok(Format::Html),
            "xlsx" => Ok(Format::Xlsx),
            other => Err(crate::error::UnknownName {
                what: "format",
                found: other.to_owned(),
                expected: "text, markdown, json, csv, html or xlsx",
            }),
        }
    }
}

/// A rendered report: text, or the bytes of a workbook.
///
/// ```
/// use par_index::report::{render, Format, Output};
/// let out = render(&par_index::catalog::sample_scorecard(), Format::Text, par_index::Lang::En).unwrap();
/// assert!(matches!(out, Output::Text(_)) && out.as_text().unwrap().contains("PAR Index"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Text (every format but Excel).
    Text(String),
    /// Bytes (an Excel workbook).
    Bytes(Vec<u8>),
}

impl Output {
    /// The text, when the output is text.
    ///
    /// ```
    /// assert_eq!(par_index::report::Output::Text("a".into()).as_text(), Some("a"));
    /// ```
    #[must_use]
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Output::Text(t) => Some(t),
            Output::Bytes(_) => None,
        }
    }

    /// The text, when the output is text.
    ///
    /// ```
    /// assert_eq!(par_index::report::Output::Text("a".into()).into_text(), Some("a".to_owned()));
    /// ```
    #[must_use]
    pub fn into_text(self) -> Option<String> {
        match self {
            Output::Text(t) => Some(t),
            Output::Bytes(_) => None,
        }
    }

    /// The output as bytes (text as UTF-8).
    ///
    /// ```
    /// assert_eq!(par_index::report::Output::Text("a".into()).into_bytes(), b"a");
    /// ```
    #[must_use]
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Output::Text(t) => t.into_bytes(),
            Output::Bytes(b) => b,
        }
    }
}

/// What can be rendered: a report topic builds its document once, and gives its data as
/// JSON.
///
/// ```
/// use par_index::report::Report;
/// let g = par_index::analysis::gaps(&par_index::catalog::sample_scorecard());
/// assert!(g.to_document(par_index::Lang::Vi).title.contains("Xã Đồng Tâm"));
/// assert!(Report::to_json(&g, par_index::Lang::Vi).contains("\"offices\""));
/// ```
pub trait Report {
    /// The report as a document, its words in `lang`.
    fn to_document(&self, lang: Lang) -> Document;
    /// The report's data as pretty JSON (with words in `lang` where the data has some).
    fn to_json(&self, lang: Lang) -> String;
}

/// Render a report in a format and language: the one entry point for every output.
///
/// # Errors
///
/// [`Error::Output`] when an Excel workbook cannot be written, or CSV is asked of a report
/// with no table (readiness, an explanation); the other text formats do not fail.
///
/// ```
/// use par_index::{report::render, report::Format, Lang};
/// use par_index::catalog::sample_scorecard;
/// let md = render(&sample_scorecard(), Format::Markdown, Lang::Vi).unwrap();
/// assert!(md.as_text().unwrap().contains("Chỉ số CCHC"));
/// let gaps = par_index::analysis::gaps(&sample_scorecard());
/// let xlsx = render(&gaps, Format::Xlsx, Lang::En).unwrap().into_bytes();
/// assert_eq!(&xlsx[..2], b"PK");
/// ```
pub fn render<R: Report + ?Sized>(report: &R, format: Format, lang: Lang) -> Result<Output, Error> {
    use crate::report::out;
    let text = match format {
        Format::Json => report.to_json(lang),
        Format::Text => out::to_text(&report.to_document(lang)),
        Format::Markdown => out::to_markdown(&report.to_document(lang)),
        Format::Csv => {
            let csv = out::to_csv(&report.to_document(lang));
            if csv.is_empty() {
                return Err(Error::Output {
                    what: "CSV".into(),
                    cause: "this report has no table to write as CSV".into(),
                });
            }
            csv
        }
        #[cfg(feature = "html")]
        Format::Html => out::to_html(&report.to_document(lang)),
        #[cfg(feature = "xlsx")]
        Format::Xlsx => return out::to_xlsx(&report.to_document(lang)).map(Output::Bytes),
        #[cfg(not(all(feature = "html", feature = "xlsx")))]
        other => {
            return Err(Error::Output {
                what: format!("{other:?}"),
                cause: "this build of par-index has no renderer for it (features html and xlsx)"
                    .into(),
            });
        }
    };
    Ok(Output::Text(crate::model::text::into_printable(text)))
}
