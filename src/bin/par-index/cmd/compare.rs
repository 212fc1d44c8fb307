//! `par-index compare`: this year's results against last year's.

use crate::cmd::rendered;
use std::path::PathBuf;

use par_index::Lang;
use par_index::analysis::Compared;

use super::{Outcome, code_map_among, deliver, fail_on, survey_file};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// This year's results: self-assessments (with their stage files) or scorecards;
    /// files or folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Last year's results: scorecards (as `score`/`appraise --format json` write them)
    /// or self-assessments with their stage files; files or folders (repeat the flag).
    #[arg(long, required = true)]
    previous: Vec<PathBuf>,
    /// This year's survey results file (JSON), for self-assessments.
    #[arg(long)]
    survey: Option<PathBuf>,
    /// Last year's survey results file (JSON), for last year's self-assessments.
    #[arg(long)]
    previous_survey: Option<PathBuf>,
    /// A roster (TOML, CSV or an Excel sheet) giving merged units their predecessors (and
    /// weights).
    #[arg(long)]
    roster: Option<PathBuf>,
    /// A code map (TOML, `[codes] "8.4.1" = "1.7.1"`): last year's item codes to this
    /// year's, for items that moved.
    #[arg(long)]
    map: Option<PathBuf>,
    /// Compare only this unit (by code) of the results given.
    #[arg(long)]
    unit: Option<String>,
    /// markdown, json, html (a printable report with charts) or xlsx (an Excel workbook,
    /// with -o).
    #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "json", "html", "xlsx"])]
    format: String,
    /// Write the output to this file (needed for xlsx) instead of standard output.
    #[arg(long, short, required_if_eq("format", "xlsx"))]
    output: Option<PathBuf>,
    /// Language of the Markdown and HTML: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

pub(crate) fn run(a: Args) -> Outcome {
    let roster = match &a.roster {
        Some(p) => Some(par_index::Roster::from_file(p).map_err(|e| e.to_string())?),
        None => None,
    };
    let survey = survey_file(a.survey.as_deref())?;
    let previous_survey = survey_file(a.previous_survey.as_deref())?;
    let now = par_index::Options::new().read_results(&a.paths, survey.as_ref());
    let before = par_index::Options::new().read_results(&a.previous, previous_survey.as_ref());
    // The map leads from last year's methodologies to this year's: its codes are checked
    // against those the results name (the embedded ones).
    let map = match &a.map {
        Some(p) => Some(code_map_among(
            p,
            &par_index::catalog::named_by(&before.value, &[]),
            &par_index::catalog::named_by(&now.value, &[]),
        )?),
        None => None,
    };
    let mut errors: Vec<String> = Vec::new();
    for (what, out) in [("", &now), ("--previous: ", &before)] {
        for n in &out.notes {
            eprintln!("note: {what}{n}");
        }
        errors.extend(out.failures.iter().map(|f| format!("{what}{}", f.error)));
    }
    let roster_file = a.roster.as_ref().map(|p| p.display().to_string());
    let compared = par_index::analysis::compare_results(
        now.value,
        &before.value,
        roster.as_ref().zip(roster_file.as_deref()),
        map.as_ref(),
        a.unit.as_deref(),
    )
    .map_err(|e| e.to_string())?;
    if let Compared::One(c) = &compared {
        for p in &c.missing {
            eprintln!(
                "note: predecessor {} ({}) of {} has no result among the --previous files",
                p.code, p.year, c.unit.code
            );
        }
    }
    deliver(a.output.as_deref(), rendered(&compared, &a.format, a.lang)?)?;
    fail_on(&errors, "could not be read; the others are compared")
}
