//! One file per command, and what they share: naming the methodology, reading a checked
//! self-assessment with its stages, reading the side files (survey, roster, code map),
//! delivering the output, the progress bar.

pub(crate) mod appraise;
pub(crate) mod bundle;
pub(crate) mod compare;
pub(crate) mod diff;
pub(crate) mod explain;
pub(crate) mod gaps;
pub(crate) mod methodology;
pub(crate) mod rank;
pub(crate) mod readiness;
pub(crate) mod schema;
pub(crate) mod score;
pub(crate) mod serve;
pub(crate) mod template;
pub(crate) mod test;
pub(crate) mod validate;
pub(crate) mod verify;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use par_index::{Code, Methodology, Submission, SurveyFile, appraisal::StageCard, catalog};

/// What a command ends with: nothing, or the message to print before exit code 1 (empty when
/// everything was said already).
pub(crate) type Outcome = Result<(), String>;

/// A methodology the library resolved: borrowed when embedded, owned when loaded from a file.
pub(crate) type Resolved = Cow<'static, Methodology>;

/// The methodology named by `-m` (an embedded id or a file), if named.
pub(crate) fn named(arg: Option<&str>) -> Result<Option<Resolved>, String> {
    arg.map(catalog::resolve)
        .transpose()
        .map_err(|e| e.to_string())
}

/// The methodology named by `-m`, else the embedded default.
pub(crate) fn named_or_default(arg: Option<&str>) -> Result<Resolved, String> {
    Ok(named(arg)?.unwrap_or(Cow::Borrowed(catalog::default_methodology())))
}

/// A self-assessment read from its file and checked against its methodology (the one named
/// by `-m`, else the embedded one it names); the notes of the reading printed.
pub(crate) fn read_checked(
    path: &Path,
    arg: Option<&str>,
) -> Result<(Submission, Resolved), String> {
    fn check<'m>(
        options: &par_index::Options<'m>,
        path: &Path,
    ) -> Result<par_index::submission::Checked<'m>, String> {
        let read = options.check_submission_file(path, &[]);
        for n in &read.notes {
            eprintln!(
                "note: {}",
                par_index::report::words::printable(&n.to_string())
            );
        }
        read.outcome.map_err(|e| e.to_string())
    }
    match named(arg)? {
        Some(m) => {
            let submission = check(&par_index::Options::new().methodology(&m), path)?.submission;
            Ok((submission, m))
        }
        None => {
            let checked = check(&par_index::Options::new(), path)?;
            Ok((checked.submission, Cow::Borrowed(checked.methodology)))
        }
    }
}

/// Read a self-assessment, its stage files and the survey file, and score every stage.
pub(crate) fn staged(
    path: &Path,
    stages: &[PathBuf],
    survey: Option<&Path>,
    methodology: Option<&str>,
) -> Result<Vec<StageCard>, String> {
    let shown = path.display().to_string();
    let (sub, m) = read_checked(path, methodology)?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for f in stages {
        match par_index::Stage::from_file(f) {
            Ok(s) => files.push((f.display().to_string(), s)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    // The order every command applies: date, then sequence (not the order given).
    let files: Vec<par_index::Stage> = match par_index::appraisal::order_stages(files) {
        Ok(ordered) => ordered.into_iter().map(|(_, s)| s).collect(),
        Err(e) => {
            problems.push(e.to_string());
            Vec::new()
        }
    };
    let survey = survey_file(survey)?;
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    par_index::appraisal::score_stages(&m, &sub, &files, survey.as_ref())
        .map_err(|e| e.in_file(&shown).to_string())
}

/// The survey file, if given.
pub(crate) fn survey_file(path: Option<&Path>) -> Result<Option<SurveyFile>, String> {
    path.map(|p| SurveyFile::from_file(p).map_err(|e| e.to_string()))
        .transpose()
}

/// A code map.
pub(crate) type CodeMap = BTreeMap<Code, Code>;

/// A code map from its file, every source code an item of one of `a`, every target one of
/// `b`; every problem at its line and column.
pub(crate) fn code_map_among(
    p: &Path,
    a: &[&Methodology],
    b: &[&Methodology],
) -> Result<CodeMap, String> {
    let shown = p.display().to_string();
    let text = par_index::files::read_text_file(p).map_err(|e| e.to_string())?;
    par_index::methodology::read_code_map_for(&text, Some(&shown), a, b).map_err(|e| e.to_string())
}

/// A code map from its file, unchecked against methodologies.
pub(crate) fn code_map(p: &Path) -> Result<CodeMap, String> {
    let shown = p.display().to_string();
    let text = par_index::files::read_text_file(p).map_err(|e| e.to_string())?;
    par_index::methodology::read_code_map(&text, Some(&shown)).map_err(|e| e.to_string())
}

/// What a command outputs: text (printed, or written with -o) or a workbook's bytes.
pub(crate) enum Out {
    Text(String),
    Bytes(Result<Vec<u8>, par_index::Error>),
}

/// A report in the format named on the command line (one of the command's choices).
pub(crate) fn rendered(
    report: &dyn par_index::report::Report,
    format: &str,
    lang: par_index::Lang,
) -> Result<Out, String> {
    let format: par_index::report::Format = format
        .parse()
        .map_err(|e: par_index::UnknownName| e.to_string())?;
    Ok(match par_index::report::render(report, format, lang) {
        Ok(par_index::report::Output::Text(t)) => Out::Text(t),
        Ok(par_index::report::Output::Bytes(b)) => Out::Bytes(Ok(b)),
        Err(e) => Out::Bytes(Err(e)),
    })
}

/// Print the output, or write it to `-o FILE`; a workbook needs a file.
pub(crate) fn deliver(output: Option<&Path>, out: Out) -> Outcome {
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    match (out, output) {
        (Out::Text(t), None) => {
            crate::emit(false, &t);
            Ok(())
        }
        (Out::Text(t), Some(p)) => write(p, par_index::report::words::printable(&t).as_bytes()),
        (Out::Bytes(b), Some(p)) => {
            let bytes = b.map_err(|e| e.to_string())?;
            write(p, &bytes)?;
            eprintln!("wrote {}", p.display());
            Ok(())
        }
        (Out::Bytes(_), None) => {
            Err("an Excel workbook is written to a file: add -o FILE.xlsx".into())
        }
    }
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
pub(crate) fn progress_bar() -> impl FnMut(usize, usize) {
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    move |done, total| {
        if let Some(b) = &bar {
            b.set_length(u64::try_from(total).unwrap_or(u64::MAX));
            b.set_position(u64::try_from(done).unwrap_or(u64::MAX));
            if done >= total {
                b.finish_and_clear();
            }
        }
    }
}

/// Print each error, then fail with their count and `what` happened to them.
pub(crate) fn fail_on(errors: &[String], what: &str) -> Outcome {
    for e in errors {
        eprintln!("{e}");
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of the inputs {what} (listed above)",
            errors.len()
        ))
    }
}
