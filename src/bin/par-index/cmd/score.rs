//! `par-index score`: one self-assessment scored, in any format.

use std::path::PathBuf;

use par_index::{Lang, report::Format};

use super::{Out, Outcome, code_map_among, deliver, named, read_checked, rendered};

#[derive(clap::Args)]
pub(crate) struct Args {
    /// The submission (JSON, or an Excel form from `template`). Without it, the bundled sample `Xã Đồng Tâm` is scored.
    submission: Option<PathBuf>,
    /// An embedded methodology id or a methodology file (TOML); default: the one the
    /// submission names.
    #[arg(long, short)]
    methodology: Option<String>,
    /// Output format: text, markdown, json, html (a printable report) or xlsx (an Excel
    /// workbook, with -o).
    #[arg(long, short, default_value = "text", value_parser = ["text", "markdown", "json", "html", "xlsx"])]
    format: String,
    /// Write the output to this file (needed for xlsx) instead of standard output.
    #[arg(long, short, required_if_eq("format", "xlsx"))]
    output: Option<PathBuf>,
    /// Language of text and Markdown output: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
    /// Append the table of every item (points, measure, branch, evidence) to text and
    /// Markdown output.
    #[arg(long)]
    items: bool,
    /// Re-score a submission made for another methodology under the one given with -m:
    /// answers carried over by code, the carrying recorded in the scorecard.
    #[arg(long, requires = "methodology")]
    carry_over: bool,
    /// With -m: carry the answers over through this code map (TOML, `[codes] "8.4.1" =
    /// "1.7.1"`: the submission's code = the methodology's); implies --carry-over.
    #[arg(long, requires = "methodology")]
    map: Option<PathBuf>,
}

pub(crate) fn run(a: Args) -> Outcome {
    let carry = a.carry_over || a.map.is_some();
    // Carried over: the submission is read and checked against the methodology it names,
    // then carried to the one given.
    let own = if carry {
        None
    } else {
        a.methodology.as_deref()
    };
    let (sub, m, shown) = match &a.submission {
        Some(p) => {
            let (sub, m) = read_checked(p, own)?;
            (sub, m, p.display().to_string())
        }
        None => {
            let sub = par_index::catalog::sample_submission();
            let m = match named(own)? {
                Some(m) => m,
                None => std::borrow::Cow::Borrowed(
                    par_index::catalog::get(&sub.methodology).map_err(|e| {
                        format!("{e}; pass --methodology PATH to score against a methodology file")
                    })?,
                ),
            };
            (sub, m, "examples/data/xa-dong-tam.json".to_owned())
        }
    };
    let card = if carry {
        let to = named(a.methodology.as_deref())?
            .ok_or("--carry-over needs the methodology to carry to (-m)")?;
        let map = a
            .map
            .as_deref()
            .map(|p| code_map_among(p, &[&m], &[&to]))
            .transpose()?;
        par_index::scorecard::score_carried(&to, &sub, map.as_ref())
    } else {
        par_index::score(&m, &sub)
    }
    .map_err(|e| e.in_file(&shown).to_string())?;
    let output = a.output.as_deref();
    let mut out = rendered(&card, &a.format, a.lang)?;
    if let Out::Text(text) = &mut out
        && a.items
        && let Ok(format @ (Format::Text | Format::Markdown)) = a.format.parse::<Format>()
    {
        text.push('\n');
        text.push_str(&par_index::report::render_items(&card, format, a.lang));
    }
    deliver(output, out)
}
