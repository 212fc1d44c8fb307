//! `par-index gaps`: every point lost, for one unit or across many.

use std::path::PathBuf;

use par_index::Lang;

use super::{Outcome, deliver, named, progress_bar, rendered, staged, survey_file};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// A self-assessment, or files and folders of them (with their stage files).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Stage files of a single self-assessment, in order.
    #[arg(long = "stage", short = 's')]
    stages: Vec<PathBuf>,
    /// The survey results file (JSON).
    #[arg(long)]
    survey: Option<PathBuf>,
    /// An embedded methodology id or a methodology file (TOML).
    #[arg(long, short)]
    methodology: Option<String>,
    /// markdown, json, html (a printable report) or xlsx (an Excel workbook, with -o).
    #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "json", "html", "xlsx"])]
    format: String,
    /// Write the output to this file (needed for xlsx) instead of standard output.
    #[arg(long, short, required_if_eq("format", "xlsx"))]
    output: Option<PathBuf>,
    /// Language: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

pub(crate) fn run(a: Args) -> Outcome {
    let (output, lang) = (a.output.as_deref(), a.lang);
    if let [one] = a.paths.as_slice()
        && one.is_file()
    {
        let cards = staged(
            one,
            &a.stages,
            a.survey.as_deref(),
            a.methodology.as_deref(),
        )?;
        let card = &cards.last().ok_or("no scorecard")?.card;
        let g = par_index::analysis::gaps(card);
        return deliver(output, rendered(&g, &a.format, lang)?);
    }
    if !a.stages.is_empty() {
        return Err("--stage is for a single self-assessment; in folders, stage files are found by their unit".into());
    }
    // Streamed: the items that lost points are kept per unit, not a scorecard.
    let survey = survey_file(a.survey.as_deref())?;
    let m = named(a.methodology.as_deref())?;
    let options = match &m {
        Some(m) => par_index::Options::new().methodology(m),
        None => par_index::Options::new(),
    };
    let out = options.gaps_files(&a.paths, survey.as_ref(), &mut progress_bar());
    for n in &out.notes {
        eprintln!("note: {n}");
    }
    deliver(output, rendered(&out.value, &a.format, lang)?)?;
    for f in &out.failures {
        eprintln!("{}", f.error);
    }
    if out.failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of the inputs could not be scored",
            out.failures.len()
        ))
    }
}
