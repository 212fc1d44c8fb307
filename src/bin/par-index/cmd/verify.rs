//! `par-index verify`: scorecards recomputed and compared with what they record, and with
//! the files on record.

use std::path::{Path, PathBuf};

use par_index::{Scorecard, catalog, scorecard::OnRecord};

use super::{Outcome, code_map, named, progress_bar, survey_file};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The scorecard (JSON), or a JSON array of scorecards (`appraise --format json`);
    /// several files or folders verify every scorecard in them, on all cores.
    #[arg(required = true)]
    scorecard: Vec<PathBuf>,
    /// An embedded methodology id or a methodology file (TOML); default: the embedded
    /// one the scorecard names.
    #[arg(long, short)]
    methodology: Option<String>,
    /// The self-assessment on record (JSON or an Excel form): its hash must be the one the
    /// scorecard records.
    #[arg(long)]
    submission: Option<PathBuf>,
    /// Stage files on record: each must be a stage the scorecard applies, with its hash.
    #[arg(long = "stage", short = 's')]
    stages: Vec<PathBuf>,
    /// The survey file on record: its hash must be the one the scorecard records.
    #[arg(long)]
    survey: Option<PathBuf>,
    /// The code map on record (TOML) of a carried-over scorecard: its hash must be the
    /// one the scorecard records.
    #[arg(long)]
    map: Option<PathBuf>,
}

pub(crate) fn run(a: Args) -> Outcome {
    let on_record =
        a.submission.is_some() || !a.stages.is_empty() || a.survey.is_some() || a.map.is_some();
    match a.scorecard.as_slice() {
        [one] if !one.is_dir() => one_file(one, &a),
        many if !on_record => many_files(many, a.methodology.as_deref()),
        _ => Err("--submission, --stage, --survey and --map are for one scorecard file".into()),
    }
}

/// One file's scorecards (one, or every stage of a unit), the files on record compared with
/// the last.
fn one_file(path: &Path, a: &Args) -> Outcome {
    let shown = path.display().to_string();
    let text = par_index::files::read_text_file(path).map_err(|e| e.to_string())?;
    let cards =
        Scorecard::from_json_one_or_many(&text).map_err(|e| e.in_file(&shown).to_string())?;
    let submission = match &a.submission {
        // JSON or an Excel form: the same submission, the same hash.
        Some(p) => {
            let read = par_index::files::read_submission_file(p, &par_index::Limits::default())
                .map_err(|e| e.to_string())?;
            match read.submission {
                Some(s) if read.problems.is_empty() => Some(s),
                _ => return Err(par_index::Error::Invalid(read.problems).to_string()),
            }
        }
        None => None,
    };
    let mut stages = Vec::new();
    for f in &a.stages {
        stages.push(par_index::Stage::from_file(f).map_err(|e| e.to_string())?);
    }
    let survey = survey_file(a.survey.as_deref())?;
    let map = a.map.as_deref().map(code_map).transpose()?;
    let given = named(a.methodology.as_deref())?;
    let mut failed = 0usize;
    let last = cards.len().saturating_sub(1);
    for (i, card) in cards.iter().enumerate() {
        let m = match &given {
            Some(m) => m,
            None => catalog::get(&card.methodology.id).map_err(|e| {
                format!("{e}; pass --methodology PATH to verify against a methodology file")
            })?,
        };
        // The files on record are those of the last stage: earlier stages apply fewer.
        let report = if i == last {
            let mut files = OnRecord::default().stages(&stages);
            if let Some(s) = &submission {
                files = files.submission(s);
            }
            if let Some(s) = &survey {
                files = files.survey(s);
            }
            if let Some(m) = &map {
                files = files.map(m);
            }
            par_index::scorecard::verify_on_record(card, m, &files)
        } else {
            par_index::verify(card, m)
        };
        let which = if cards.len() > 1 {
            format!("{shown}[{i}]")
        } else {
            shown.clone()
        };
        if report.is_ok() && report.notes.is_empty() {
            println!("{which}: {report}");
        } else if report.is_ok() {
            println!("{which}:\n{report}");
        } else if cards.len() == 1 {
            failed += 1;
            println!("{report}");
        } else {
            failed += 1;
            println!("{which}:\n{report}");
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{shown}: does not verify"))
    }
}

/// Verify every scorecard of files and folders: one line per scorecard that verifies, the
/// differences of those that do not.
fn many_files(paths: &[PathBuf], methodology: Option<&str>) -> Outcome {
    let m = named(methodology)?;
    let options = match &m {
        Some(m) => par_index::Options::new().methodology(m),
        None => par_index::Options::new(),
    };
    let out = options.verify_files(paths, &mut progress_bar());
    for n in &out.notes {
        eprintln!("note: {n}");
    }
    for f in &out.failures {
        eprintln!("{}", f.error);
    }
    let mut failed = 0usize;
    for v in &out.value {
        match &v.outcome {
            Ok(report) if report.is_ok() && report.notes.is_empty() => {
                println!("{}: {report}", v.file);
            }
            Ok(report) => {
                if !report.is_ok() {
                    failed += 1;
                }
                println!("{}:\n{report}", v.file);
            }
            Err(e) => {
                failed += 1;
                println!("{}: {e}", v.file);
            }
        }
    }
    // The scorecards that do not verify, of those read; the inputs that could not be read,
    // apart.
    let unread = match out.failures.len() {
        0 => String::new(),
        1 => "; 1 input could not be read".to_owned(),
        n => format!("; {n} inputs could not be read"),
    };
    if failed == 0 && out.failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{failed} of {} scorecards do not verify{unread}",
            out.value.len()
        ))
    }
}
