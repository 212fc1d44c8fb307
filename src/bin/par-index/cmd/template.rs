//! `par-index template`: the Excel form of a methodology, blank or filled.

use std::path::PathBuf;

use par_index::Lang;

use super::{Outcome, named_or_default, read_checked};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The .xlsx file to write.
    #[arg(long, short)]
    output: PathBuf,
    /// An embedded methodology id or a methodology file (TOML); default: the one the
    /// `--from` submission names, else the embedded default.
    #[arg(long, short)]
    methodology: Option<String>,
    /// The unit's code, written in the form.
    #[arg(long)]
    unit: Option<String>,
    /// The unit's name, written in the form.
    #[arg(long)]
    name: Option<String>,
    /// The period (default: the methodology's year).
    #[arg(long)]
    period: Option<String>,
    /// A self-assessment (JSON or a form) to fill the form from: its answers, evidence,
    /// explanations and entries.
    #[arg(long)]
    from: Option<PathBuf>,
    /// Language of headers and words: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

pub(crate) fn run(a: Args) -> Outcome {
    let (sub, m) = match &a.from {
        Some(p) => {
            let (mut sub, m) = read_checked(p, a.methodology.as_deref())?;
            if let Some(code) = &a.unit {
                sub.unit.code.clone_from(code);
            }
            if let Some(name) = &a.name {
                sub.unit.name.clone_from(name);
            }
            if let Some(period) = &a.period {
                sub.period.clone_from(period);
            }
            (Some(sub), m)
        }
        None => (None, named_or_default(a.methodology.as_deref())?),
    };
    let u = par_index::submission::Unit {
        code: a.unit.clone().unwrap_or_default(),
        name: a.name.clone().unwrap_or_default(),
    };
    let mut t = par_index::form::Template::new(a.lang).unit(&u);
    if let Some(p) = a.period.as_deref() {
        t = t.period(p);
    }
    if let Some(s) = &sub {
        t = t.from(s);
    }
    let bytes = par_index::form::template(&m, &t).map_err(|e| e.to_string())?;
    std::fs::write(&a.output, bytes)
        .map_err(|e| format!("cannot write {}: {e}", a.output.display()))?;
    let filled = sub.as_ref().map_or(String::new(), |s| {
        format!(
            ", filled from {} ({} answers)",
            s.unit.name,
            s.answers.len()
        )
    });
    eprintln!(
        "wrote {}: the form of {} ({} sub-criteria){filled}",
        a.output.display(),
        m.id(),
        m.leaves().count()
    );
    Ok(())
}
