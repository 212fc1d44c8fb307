//! `par-index methodologies` and `par-index methodology diff`.

use std::path::PathBuf;

use par_index::{Lang, catalog};

use super::{Outcome, code_map_among, deliver, rendered};

#[derive(clap::Args)]
pub(crate) struct DiffArgs {
    /// Methodology A: an embedded id or a file (TOML).
    a: String,
    /// Methodology B: an embedded id or a file (TOML).
    b: String,
    /// A code map (TOML, `[codes] "1.1.1" = "1.2.1"`): where A's items are in B.
    #[arg(long)]
    map: Option<PathBuf>,
    /// markdown, csv (a line per field, for programs), json, html (a printable report) or
    /// xlsx (an Excel workbook, with -o).
    #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "csv", "json", "html", "xlsx"])]
    format: String,
    /// Write the output to this file (needed for xlsx) instead of standard output.
    #[arg(long, short, required_if_eq("format", "xlsx"))]
    output: Option<PathBuf>,
    /// Language of the Markdown: vi or en.
    #[arg(long, short, default_value = "vi")]
    lang: Lang,
}

/// Every embedded methodology, one line each: id, title, level, year, items.
pub(crate) fn list() -> Outcome {
    for id in catalog::ids() {
        match catalog::get(id) {
            Ok(m) => println!(
                "{id}\t{}\t{}\t{}\t{} items",
                m.title().vi,
                format!("{:?}", m.level()).to_lowercase(),
                m.year(),
                m.leaves().count()
            ),
            Err(e) => println!("{id}\tinvalid: {e}"),
        }
    }
    Ok(())
}

/// What changed from one methodology to another.
pub(crate) fn diff(a: DiffArgs) -> Outcome {
    let from = catalog::resolve(&a.a).map_err(|e| e.to_string())?;
    let to = catalog::resolve(&a.b).map_err(|e| e.to_string())?;
    let map = match &a.map {
        Some(p) => code_map_among(p, &[&from], &[&to])?,
        None => Default::default(),
    };
    let d = par_index::methodology::diff(&from, &to, &map);
    deliver(a.output.as_deref(), rendered(&d, &a.format, a.lang)?)
}
