//! `par-index appraise`: a self-assessment scored through its appraisal stages.

use std::path::PathBuf;

use par_index::{Lang, report::Format};

use super::{Out, Outcome, deliver, staged};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The self-assessment (JSON, or an Excel form from `template`).
    submission: PathBuf,
    /// Stage files (appraisal or explanation, JSON), applied by date, then `sequence`.
    #[arg(long = "stage", short = 's')]
    stages: Vec<PathBuf>,
    /// The survey results file (JSON).
    #[arg(long)]
    survey: Option<PathBuf>,
    /// An embedded methodology id or a methodology file (TOML).
    #[arg(long, short)]
    methodology: Option<String>,
    /// text, markdown, json (every stage's scorecard), html (a printable report) or xlsx (an
    /// Excel workbook, with -o).
    #[arg(long, short, default_value = "text", value_parser = ["text", "markdown", "json", "html", "xlsx"])]
    format: String,
    /// Write the output to this file (needed for xlsx) instead of standard output.
    #[arg(long, short, required_if_eq("format", "xlsx"))]
    output: Option<PathBuf>,
    /// Language: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

pub(crate) fn run(a: Args) -> Outcome {
    let cards = staged(
        &a.submission,
        &a.stages,
        a.survey.as_deref(),
        a.methodology.as_deref(),
    )?;
    let format: Format = a
        .format
        .parse()
        .map_err(|e: par_index::UnknownName| e.to_string())?;
    // The pages draw the appraisal's document; the terminal forms are the staged report.
    let doc = || par_index::report::stages_document(&cards, a.lang);
    let out = match format {
        Format::Html => Out::Text(par_index::report::out::to_html(&doc())),
        Format::Xlsx => Out::Bytes(par_index::report::out::to_xlsx(&doc())),
        other => Out::Text(par_index::report::render_stages(&cards, other, a.lang)),
    };
    deliver(a.output.as_deref(), out)
}
