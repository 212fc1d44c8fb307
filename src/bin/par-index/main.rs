//! `par-index`: score PAR Index self-assessments from the command line.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 usage.
//!
//! Arguments and dispatch only: each command is one file of `cmd/`, and each calls the
//! library (`par_index`) for its work: reading, checking, scoring, rendering.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// The tool's allocator: scoring and reading allocate many small strings on every core, where
// mimalloc's per-thread heaps beat the system allocator (the library leaves the choice to
// the embedder).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Everything this tool prints goes through `par_index::report::words::printable`: no control or bidi
// character from an input reaches the terminal raw (JSON keeps its meaning: the escapes are
// JSON's). These shadow the standard macros for every command.
macro_rules! print {
    ($($t:tt)*) => { $crate::emit(false, &format!($($t)*)) };
}
macro_rules! println {
    () => { $crate::emit(false, "\n") };
    ($($t:tt)*) => { $crate::emit(false, &format!("{}\n", format!($($t)*))) };
}
macro_rules! eprintln {
    ($($t:tt)*) => { $crate::emit(true, &format!("{}\n", format!($($t)*))) };
}

mod cmd;

#[derive(Parser)]
#[command(
    name = "par-index",
    version,
    about = "Exact, explainable scoring of Vietnam's PAR Index (Chỉ số CCHC)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score a self-assessment (the bundled sample commune when no file is given).
    Score(cmd::score::Args),
    /// Check methodology files (.toml), submissions (.json) and case files (.cases.toml), or
    /// folders of them, and print every problem.
    Validate(cmd::validate::Args),
    /// Print the JSON Schema of a format: methodology, submission or scorecard.
    Schema(cmd::schema::Args),
    /// Run conformance case files (`*.cases.toml`, or folders of them, searched
    /// recursively) and print each failing case and `N passed, N failed`.
    Test(cmd::test::Args),
    /// Explain how one item or area of a self-assessment got its points: the rule in words,
    /// the measure, the branch, the rounding, the evidence, and what would earn more.
    Explain(cmd::explain::Args),
    /// Score a self-assessment through its appraisal stages (appraisal rounds and the unit's
    /// explanation), in the order given: one line per stage, then what changed from the
    /// self-assessment to the last stage.
    Appraise(cmd::appraise::Args),
    /// What changed between two stages of a unit's appraisal, per item, area and total, with
    /// the reasons and who decided: an appraisal minute in Markdown or CSV.
    Diff(cmd::diff::Args),
    /// Score and rank many units: folders or files of self-assessments (a JSON array holds
    /// many) with their stage files; each unit is ranked on its last stage. One bad file
    /// does not stop the batch: it is listed and the others are ranked.
    Rank(cmd::rank::Args),
    /// Year over year: this year's results against last year's, by index, total, area and
    /// item, with the change and its cause in words. A merged unit is compared with each of
    /// its predecessors (given by --roster) and with their weighted mean. One unit: its full
    /// comparison; many: the units that rose and fell most, and by which areas.
    Compare(cmd::compare::Args),
    /// Every point lost, by accountable office and by area, with the measure that wins it
    /// back. One self-assessment (with its stages): the unit's analysis; folders or many
    /// files: which items and offices lose the most points across the units.
    Gaps(cmd::gaps::Args),
    /// Check a self-assessment before it is sent: unanswered items, claims without evidence,
    /// claims with an explanation only, not-applicable answers without a note, and the range
    /// of index it can still reach.
    Readiness(cmd::readiness::Args),
    /// Re-verify a scorecard (JSON from `score --format json`): recompute every item from
    /// the measure recorded in its trace and every sum above it, and check the hashes.
    Verify(cmd::verify::Args),
    /// List the embedded methodologies.
    Methodologies,
    /// Work with methodologies: `diff A B` says what changed from one to the other.
    Methodology {
        #[command(subcommand)]
        command: MethodologyCommand,
    },
    /// Write the Excel form of a methodology for a unit to fill in (one row per
    /// sub-criterion, input cells with validation, evidence and explanation columns, bonus
    /// and penalty entries, a guide). Every command that reads a self-assessment reads the
    /// filled form (`.xlsx`) as it reads JSON.
    Template(cmd::template::Args),
    /// Serve the library over HTTP for portals and offices: a JSON API (submissions as JSON
    /// or filled forms; answers as JSON, HTML, Markdown or Excel by `Accept`).
    Serve(cmd::serve::Args),
    /// Make an Ed25519 key pair in minisign's format for signing result bundles (the secret
    /// key protected by a passphrase, or --unprotected).
    Keygen(cmd::bundle::KeygenArgs),
    /// Publish results as a signed bundle: the inputs, every unit's final scorecard, the
    /// ranking, and MANIFEST.json (their SHA-256) signed with the issuer's key.
    Publish(cmd::bundle::PublishArgs),
    /// Verify a bundle offline: the signature, every file's digest, and every scorecard and
    /// the ranking computed again from the inputs.
    VerifyBundle(cmd::bundle::VerifyArgs),
}

#[derive(Subcommand)]
enum MethodologyCommand {
    /// What changed from methodology A to B: items added, removed, moved or changed (title,
    /// max, rule, N/A policy, source, office), each area's maximum, and the settings (total,
    /// bands, caps, evidence policy, survey share).
    Diff(cmd::methodology::DiffArgs),
}

/// Write to stdout or stderr through `printable`. A closed pipe (`par-index … | head`) ends
/// the program quietly, as command-line tools do, instead of a panic.
fn emit(to_stderr: bool, text: &str) {
    use std::io::Write;
    let text = par_index::report::words::printable(text);
    let done = if to_stderr {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
    if let Err(e) = done {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        std::process::exit(1);
    }
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Score(a) => cmd::score::run(a),
        Command::Validate(a) => cmd::validate::run(a),
        Command::Schema(a) => cmd::schema::run(a),
        Command::Test(a) => cmd::test::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Appraise(a) => cmd::appraise::run(a),
        Command::Diff(a) => cmd::diff::run(a),
        Command::Rank(a) => cmd::rank::run(a),
        Command::Compare(a) => cmd::compare::run(a),
        Command::Gaps(a) => cmd::gaps::run(a),
        Command::Readiness(a) => cmd::readiness::run(a),
        Command::Verify(a) => cmd::verify::run(a),
        Command::Methodologies => cmd::methodology::list(),
        Command::Methodology {
            command: MethodologyCommand::Diff(a),
        } => cmd::methodology::diff(a),
        Command::Template(a) => cmd::template::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Keygen(a) => cmd::bundle::keygen(a),
        Command::Publish(a) => cmd::bundle::publish(a),
        Command::VerifyBundle(a) => cmd::bundle::verify(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("{msg}");
            }
            ExitCode::from(1)
        }
    }
}
