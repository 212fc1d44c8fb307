//! Score the bundled sample commune and explain where its points went.
//!
//! ```sh
//! cargo run --example score_sample
//! ```

use par_index::report::words::describe_leaf;
use par_index::{Lang, Submission, catalog, report::Format, report::render, score};

fn main() -> Result<(), par_index::Error> {
    let methodology = catalog::default_methodology();
    let submission = Submission::from_json(catalog::sample_source())?;
    let card = score(methodology, &submission)?;

    println!(
        "{} ({}): index {}, band {}",
        card.unit.name, card.unit.code, card.index, card.band.label.vi
    );
    println!();
    println!("Every leaf that did not get full points, with its trace:");
    for leaf in card.leaves().filter(|l| l.applicable && l.points < l.max) {
        if let Some(trace) = &leaf.trace {
            println!(
                "  {:6} {:>5} / {:<4} {} (before rounding: {})",
                leaf.code.as_str(),
                leaf.points.to_string(),
                leaf.max.to_string(),
                describe_leaf(
                    &trace.rule,
                    leaf.max,
                    trace.measure.as_ref(),
                    &trace.branch,
                    Lang::En
                ),
                trace.raw
            );
        }
    }
    println!();
    let report = render(&card, Format::Markdown, Lang::En)?;
    print!("{}", report.as_text().unwrap_or_default());
    Ok(())
}
