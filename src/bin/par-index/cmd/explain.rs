//! `par-index explain`: how one item or area got its points.

use std::path::PathBuf;

use par_index::Lang;

use super::{Outcome, read_checked};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The submission (JSON, or an Excel form from `template`).
    submission: PathBuf,
    /// The item or area code (`3.2.1`, `3.2`, `3`).
    code: String,
    /// An embedded methodology id or a methodology file (TOML); default: the one the
    /// submission names.
    #[arg(long, short)]
    methodology: Option<String>,
    /// Language: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

pub(crate) fn run(a: Args) -> Outcome {
    let shown = a.submission.display().to_string();
    let code: par_index::Code = a.code.parse().map_err(|e| format!("{e}"))?;
    let (sub, m) = read_checked(&a.submission, a.methodology.as_deref())?;
    let card = par_index::score(&m, &sub).map_err(|e| e.in_file(&shown).to_string())?;
    match par_index::report::explain(&card, &code, a.lang) {
        Some(text) => {
            print!("{text}");
            Ok(())
        }
        None => Err(format!(
            "methodology `{}` has no item or area `{code}`",
            m.id()
        )),
    }
}
