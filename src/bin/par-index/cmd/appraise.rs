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
    /// text, markdown, json (every stage's scorecard) or html (a printable report).
    #[arg(long, short, default_value = "text", value_parser = ["text", "markdown", "json", "html"])]
    format: String,
    /// Write the output to this file instead of standard output.
    #[arg(long, short)]
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
    let text = if a.format == "html" {
        par_index::report::render_stages_html(&cards, a.lang)
    } else {
        let format: Format = a
            .format
            .parse()
            .map_err(|e: par_index::UnknownName| e.to_string())?;
        par_index::report::render_stages(&cards, format, a.lang)
    };
    deliver(a.output.as_deref(), Out::Text(text))
}
