//! `par-index schema`: the JSON Schema of a format.

use super::Outcome;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// methodology, submission or scorecard.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(par_index::schema::NAMES))]
    name: String,
}

pub(crate) fn run(a: Args) -> Outcome {
    match par_index::schema::json_schema(&a.name) {
        Some(s) => {
            print!("{s}");
            Ok(())
        }
        None => Err(format!("unknown schema `{}`", a.name)),
    }
}
