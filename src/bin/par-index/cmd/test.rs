//! `par-index test`: conformance case files run, failures and coverage printed.

use std::path::PathBuf;

use super::Outcome;

#[derive(clap::Args)]
pub(crate) struct Args {
    /// Case files or folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Also report, per methodology, which items and branches the cases reached.
    #[arg(long)]
    coverage: bool,
}

pub(crate) fn run(a: Args) -> Outcome {
    let run = par_index::conformance::run(&a.paths);
    if a.coverage {
        for c in run.coverage() {
            print!("{}", c.render(true));
            println!();
        }
    }
    print!("{}", run.report());
    if run.failed() > 0 {
        Err(String::new())
    } else {
        Ok(())
    }
}
