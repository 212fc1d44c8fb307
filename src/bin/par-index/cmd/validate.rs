//! `par-index validate`: every file checked as what it is, every problem printed.

use std::path::PathBuf;

use super::{Outcome, named};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Files or folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Check submissions against this methodology (id or file) instead of the one they name.
    #[arg(long, short)]
    methodology: Option<String>,
}

pub(crate) fn run(a: Args) -> Outcome {
    let m = named(a.methodology.as_deref())?;
    let options = match &m {
        Some(m) => par_index::Options::new().methodology(m),
        None => par_index::Options::new(),
    };
    let v = options.validate_files(&a.paths);
    for n in &v.not_files {
        eprintln!("note: {n}");
    }
    // Entries that could not be read; nothing found at all ends the command.
    for e in &v.unread {
        if !matches!(e, par_index::Error::NothingToRead { .. }) {
            eprintln!("{e}");
        }
    }
    if let Some(nothing) = v
        .unread
        .iter()
        .find(|e| matches!(e, par_index::Error::NothingToRead { .. }))
    {
        return Err(nothing.to_string());
    }
    for f in &v.files {
        for n in &f.notes {
            eprintln!(
                "note: {}",
                par_index::report::words::printable(&n.to_string())
            );
        }
        match &f.outcome {
            Ok(found) => println!("ok {}: {found}", f.file),
            Err(e) => eprintln!("{e}"),
        }
    }
    if v.is_ok() {
        return Ok(());
    }
    let unread = v.unread.len();
    Err(format!(
        "{} of {} files have problems{}",
        v.failed(),
        v.files.len(),
        if unread == 0 {
            String::new()
        } else {
            format!("; {unread} entries could not be read")
        }
    ))
}
