//! `par-index rank`: many units scored and ranked, as one list or by the blocks of a roster.

use crate::cmd::rendered;
use std::path::{Path, PathBuf};

use par_index::{Lang, Methodology, Roster, catalog};

use super::{Outcome, Resolved, deliver, fail_on, named, progress_bar, survey_file};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Files or folders (searched recursively for .json and .xlsx).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The survey results file (JSON).
    #[arg(long)]
    survey: Option<PathBuf>,
    /// An embedded methodology id or a methodology file (TOML); default: the embedded one
    /// the submissions name. With --roster it may be given more than once: each unit is
    /// scored against the one whose id it names (departments and communes together).
    #[arg(long, short)]
    methodology: Vec<String>,
    /// A roster (TOML, CSV or an Excel sheet): rank each block on its own, list the roster's units with
    /// no result, and refuse units not on it.
    #[arg(long)]
    roster: Option<PathBuf>,
    /// With --roster: rank units not on the roster in the whole list (they are listed
    /// either way).
    #[arg(long, requires = "roster")]
    include_unlisted: bool,
    /// markdown, json, csv, html (a printable report with charts) or xlsx (an Excel
    /// workbook, with -o).
    #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "json", "csv", "html", "xlsx"])]
    format: String,
    /// Write the output to this file (needed for xlsx) instead of standard output.
    #[arg(long, short, required_if_eq("format", "xlsx"))]
    output: Option<PathBuf>,
    /// Language of the Markdown: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

pub(crate) fn run(a: Args) -> Outcome {
    if let Some(roster) = &a.roster {
        let roster = Roster::from_file(roster).map_err(|e| e.to_string())?;
        return by_roster(&a, &roster);
    }
    let methodology = match a.methodology.as_slice() {
        [] => None,
        [one] => Some(one.as_str()),
        _ => {
            return Err(
                "several methodologies are ranked together only by blocks: give --roster".into(),
            );
        }
    };
    // Streamed: a ranking row per unit is kept, not a scorecard.
    let survey = survey_file(a.survey.as_deref())?;
    let m = named(methodology)?;
    let options = match &m {
        Some(m) => par_index::Options::new().methodology(m),
        None => par_index::Options::new(),
    };
    let out = options.rank_paths(
        &a.paths,
        survey.as_ref(),
        None,
        &[],
        false,
        &mut progress_bar(),
    );
    for n in &out.notes {
        eprintln!("note: {n}");
    }
    let Some(ranking) = out.value.rankings.into_iter().next() else {
        return Err("nothing was ranked".into());
    };
    let (output, lang) = (a.output.as_deref(), a.lang);
    deliver(output, rendered(&ranking, &a.format, lang)?)?;
    if ranking.failures.is_empty() {
        return Ok(());
    }
    for f in &ranking.failures {
        eprintln!("{}", f.error);
    }
    // The others are ranked only when there are others: a batch refused whole (over a
    // limit) ranks nothing.
    let others = if ranking.rows.is_empty() {
        "nothing was ranked"
    } else {
        "the others are ranked"
    };
    Err(format!(
        "{} of the inputs could not be scored (listed above); {others}",
        ranking.failures.len()
    ))
}

/// `rank --roster`: every unit scored against the methodology it names (one of those given,
/// or an embedded one), each block ranked on its own.
fn by_roster(a: &Args, roster: &Roster) -> Outcome {
    let survey = survey_file(a.survey.as_deref())?;
    let loaded: Vec<Resolved> = a
        .methodology
        .iter()
        .map(|m| catalog::resolve(m).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let each: Vec<&Methodology> = loaded.iter().map(AsRef::as_ref).collect();
    let out = par_index::Options::new().rank_paths(
        &a.paths,
        survey.as_ref(),
        Some(roster),
        &each,
        a.include_unlisted,
        &mut progress_bar(),
    );
    for n in &out.notes {
        eprintln!("note: {n}");
    }
    let Some(blocks) = out.value.blocks else {
        return Err("nothing was ranked".into());
    };
    let (output, lang): (Option<&Path>, Lang) = (a.output.as_deref(), a.lang);
    if a.format == "csv" {
        return Err("with --roster, the format is markdown, json, html or xlsx, not csv".into());
    }
    deliver(output, rendered(&blocks, &a.format, lang)?)?;
    for u in &blocks.missing {
        eprintln!(
            "note: {} ({}) is on the roster and has no result",
            u.name, u.code
        );
    }
    let mut errors: Vec<String> = out.failures.iter().map(|f| f.error.to_string()).collect();
    if !a.include_unlisted {
        errors.extend(blocks.unlisted.iter().map(|u| {
            format!(
                "{} ({}) is not on the roster: not ranked (--include-unlisted ranks it)",
                u.name, u.code
            )
        }));
    }
    fail_on(&errors, "are not ranked")
}
