//! `par-index diff`: the appraisal minute between two stages of a unit.

use std::path::PathBuf;

use par_index::Lang;
use par_index::report::words::stage_label;

use super::{Outcome, deliver, rendered, staged};

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
    /// The stage to compare from (default: self).
    #[arg(long, default_value = "self")]
    from: String,
    /// The stage to compare to (default: the last).
    #[arg(long)]
    to: Option<String>,
    /// An embedded methodology id or a methodology file (TOML).
    #[arg(long, short)]
    methodology: Option<String>,
    /// markdown, csv or xlsx (an Excel workbook, with -o).
    #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "csv", "xlsx"])]
    format: String,
    /// Write the output to this file (needed for xlsx) instead of standard output.
    #[arg(long, short, required_if_eq("format", "xlsx"))]
    output: Option<PathBuf>,
    /// Language of the Markdown: vi or en.
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
    let pick = |name: &str| {
        cards.iter().find(|c| c.stage == name).ok_or_else(|| {
            let names: Vec<&str> = cards.iter().map(|c| c.stage.as_str()).collect();
            format!("no stage `{name}` (the stages are: {})", names.join(", "))
        })
    };
    let from = pick(&a.from)?;
    let to = match &a.to {
        Some(t) => pick(t)?,
        None => cards.last().ok_or("no stages")?,
    };
    let d = par_index::appraisal::diff(&from.card, &to.card);
    let (fa, fb) = (
        stage_label(&from.stage, a.lang),
        stage_label(&to.stage, a.lang),
    );
    let output = a.output.as_deref();
    deliver(output, rendered(&d.minute(&fa, &fb), &a.format, a.lang)?)
}
