//! `par-index readiness`: a self-assessment checked before it is sent.

use std::path::PathBuf;

use par_index::Lang;

use super::{Outcome, deliver, read_checked, rendered};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The self-assessment (JSON, or an Excel form from `template`).
    submission: PathBuf,
    /// An embedded methodology id or a methodology file (TOML).
    #[arg(long, short)]
    methodology: Option<String>,
    /// text, markdown, json or html.
    #[arg(long, short, default_value = "text", value_parser = ["text", "markdown", "json", "html"])]
    format: String,
    /// Language: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

pub(crate) fn run(a: Args) -> Outcome {
    let (sub, m) = read_checked(&a.submission, a.methodology.as_deref())?;
    let r = par_index::submission::readiness(&m, &sub)
        .map_err(|e| e.in_file(&a.submission.display().to_string()).to_string())?;
    deliver(None, rendered(&r, &a.format, a.lang)?)?;
    if r.ready() {
        Ok(())
    } else {
        Err(String::new())
    }
}
