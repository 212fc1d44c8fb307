//! `par-index`: score PAR Index self-assessments from the command line.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 usage.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// The tool's allocator: scoring and reading allocate many small strings on every core, where
// mimalloc's per-thread heaps beat the system allocator (the library leaves the choice to
// the embedder).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use par_index::files::{self, FileKind};
use par_index::words::stage_label;
use par_index::{
    Error, Format, Lang, Methodology, Scorecard, Submission, catalog, load_methodology_file,
    render, render_items, schema, score, verify,
};

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
    Score {
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
    },
    /// Check methodology files (.toml), submissions (.json) and case files (.cases.toml), or
    /// folders of them, and print every problem.
    Validate {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Check submissions against this methodology (id or file) instead of the one they name.
        #[arg(long, short)]
        methodology: Option<String>,
    },
    /// Print the JSON Schema of a format: methodology, submission or scorecard.
    Schema {
        /// methodology, submission or scorecard.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(schema::NAMES))]
        name: String,
    },
    /// Run conformance case files (`*.cases.toml`, or folders of them, searched
    /// recursively) and print each failing case and `N passed, N failed`.
    Test {
        /// Case files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also report, per methodology, which items and branches the cases reached.
        #[arg(long)]
        coverage: bool,
    },
    /// Explain how one item or area of a self-assessment got its points: the rule in words,
    /// the measure, the branch, the rounding, the evidence, and what would earn more.
    Explain {
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
    },
    /// Score a self-assessment through its appraisal stages (appraisal rounds and the unit's
    /// explanation), in the order given: one line per stage, then what changed from the
    /// self-assessment to the last stage.
    Appraise {
        /// The self-assessment (JSON, or an Excel form from `template`).
        submission: PathBuf,
        /// Stage files (appraisal or explanation, JSON), applied by date, then `sequence`.
        #[arg(long = "stage", short = 's')]
        stages: Vec<PathBuf>,
        /// The survey results file (JSON).
        #[arg(long)]
        survey: Option<PathBuf>,
        /// An embedded methodology id or a methodology file (TOML).
        #[arg(long, short)]
        methodology: Option<String>,
        /// text, markdown, json (every stage's scorecard) or html (a printable report).
        #[arg(long, short, default_value = "text", value_parser = ["text", "markdown", "json", "html"])]
        format: String,
        /// Write the output to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Language: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
    },
    /// What changed between two stages of a unit's appraisal, per item, area and total, with
    /// the reasons and who decided: an appraisal minute in Markdown or CSV.
    Diff {
        /// The self-assessment (JSON, or an Excel form from `template`).
        submission: PathBuf,
        /// Stage files (appraisal or explanation, JSON), applied by date, then `sequence`.
        #[arg(long = "stage", short = 's')]
        stages: Vec<PathBuf>,
        /// The survey results file (JSON).
        #[arg(long)]
        survey: Option<PathBuf>,
        /// The stage to compare from (default: self).
        #[arg(long, default_value = "self")]
        from: String,
        /// The stage to compare to (default: the last).
        #[arg(long)]
        to: Option<String>,
        /// An embedded methodology id or a methodology file (TOML).
        #[arg(long, short)]
        methodology: Option<String>,
        /// markdown, csv or xlsx (an Excel workbook, with -o).
        #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "csv", "xlsx"])]
        format: String,
        /// Write the output to this file (needed for xlsx) instead of standard output.
        #[arg(long, short, required_if_eq("format", "xlsx"))]
        output: Option<PathBuf>,
        /// Language of the Markdown: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
    },
    /// Score and rank many units: folders or files of self-assessments (a JSON array holds
    /// many) with their stage files; each unit is ranked on its last stage. One bad file
    /// does not stop the batch: it is listed and the others are ranked.
    Rank {
        /// Files or folders (searched recursively for .json and .xlsx).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The survey results file (JSON).
        #[arg(long)]
        survey: Option<PathBuf>,
        /// An embedded methodology id or a methodology file (TOML); default: the embedded one
        /// the submissions name. With --roster it may be given more than once: each unit is
        /// scored against the one whose id it names (departments and communes together).
        #[arg(long, short)]
        methodology: Vec<String>,
        /// A roster (TOML, CSV or an Excel sheet): rank each block on its own, list the roster's units with
        /// no result, and refuse units not on it.
        #[arg(long)]
        roster: Option<PathBuf>,
        /// With --roster: rank units not on the roster in the whole list (they are listed
        /// either way).
        #[arg(long, requires = "roster")]
        include_unlisted: bool,
        /// markdown, json, csv, html (a printable report with charts) or xlsx (an Excel
        /// workbook, with -o).
        #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "json", "csv", "html", "xlsx"])]
        format: String,
        /// Write the output to this file (needed for xlsx) instead of standard output.
        #[arg(long, short, required_if_eq("format", "xlsx"))]
        output: Option<PathBuf>,
        /// Language of the Markdown: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
    },
    /// Year over year: this year's results against last year's, by index, total, area and
    /// item, with the change and its cause in words. A merged unit is compared with each of
    /// its predecessors (given by --roster) and with their weighted mean. One unit: its full
    /// comparison; many: the units that rose and fell most, and by which areas.
    Compare {
        /// This year's results: self-assessments (with their stage files) or scorecards;
        /// files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Last year's results: scorecards (as `score`/`appraise --format json` write them)
        /// or self-assessments with their stage files; files or folders (repeat the flag).
        #[arg(long, required = true)]
        previous: Vec<PathBuf>,
        /// This year's survey results file (JSON), for self-assessments.
        #[arg(long)]
        survey: Option<PathBuf>,
        /// Last year's survey results file (JSON), for last year's self-assessments.
        #[arg(long)]
        previous_survey: Option<PathBuf>,
        /// A roster (TOML, CSV or an Excel sheet) giving merged units their predecessors (and
        /// weights).
        #[arg(long)]
        roster: Option<PathBuf>,
        /// A code map (TOML, `[codes] "8.4.1" = "1.7.1"`): last year's item codes to this
        /// year's, for items that moved.
        #[arg(long)]
        map: Option<PathBuf>,
        /// Compare only this unit (by code) of the results given.
        #[arg(long)]
        unit: Option<String>,
        /// markdown, json or html (a printable report with charts).
        #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "json", "html"])]
        format: String,
        /// Write the output to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Language of the Markdown and HTML: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
    },
    /// Every point lost, by accountable office and by area, with the measure that wins it
    /// back. One self-assessment (with its stages): the unit's analysis; folders or many
    /// files: which items and offices lose the most points across the units.
    Gaps {
        /// A self-assessment, or files and folders of them (with their stage files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Stage files of a single self-assessment, in order.
        #[arg(long = "stage", short = 's')]
        stages: Vec<PathBuf>,
        /// The survey results file (JSON).
        #[arg(long)]
        survey: Option<PathBuf>,
        /// An embedded methodology id or a methodology file (TOML).
        #[arg(long, short)]
        methodology: Option<String>,
        /// markdown, json, html (a printable report) or xlsx (an Excel workbook, with -o).
        #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "json", "html", "xlsx"])]
        format: String,
        /// Write the output to this file (needed for xlsx) instead of standard output.
        #[arg(long, short, required_if_eq("format", "xlsx"))]
        output: Option<PathBuf>,
        /// Language: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
    },
    /// Check a self-assessment before it is sent: unanswered items, claims without evidence,
    /// claims with an explanation only, not-applicable answers without a note, and the range
    /// of index it can still reach.
    Readiness {
        /// The self-assessment (JSON, or an Excel form from `template`).
        submission: PathBuf,
        /// An embedded methodology id or a methodology file (TOML).
        #[arg(long, short)]
        methodology: Option<String>,
        /// Language: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
    },
    /// Re-verify a scorecard (JSON from `score --format json`): recompute every item from
    /// the measure recorded in its trace and every sum above it, and check the hashes.
    Verify {
        /// The scorecard (JSON), or a JSON array of scorecards (`appraise --format json`);
        /// several files or folders verify every scorecard in them, on all cores.
        #[arg(required = true)]
        scorecard: Vec<PathBuf>,
        /// An embedded methodology id or a methodology file (TOML); default: the embedded
        /// one the scorecard names.
        #[arg(long, short)]
        methodology: Option<String>,
        /// The self-assessment on record (JSON or an Excel form): its hash must be the one the
        /// scorecard records.
        #[arg(long)]
        submission: Option<PathBuf>,
        /// Stage files on record: each must be a stage the scorecard applies, with its hash.
        #[arg(long = "stage", short = 's')]
        stages: Vec<PathBuf>,
        /// The survey file on record: its hash must be the one the scorecard records.
        #[arg(long)]
        survey: Option<PathBuf>,
        /// The code map on record (TOML) of a carried-over scorecard: its hash must be the
        /// one the scorecard records.
        #[arg(long)]
        map: Option<PathBuf>,
    },
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
    Template {
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
    },
}

#[derive(Subcommand)]
enum MethodologyCommand {
    /// What changed from methodology A to B: items added, removed, moved or changed (title,
    /// max, rule, N/A policy, source, office), each area's maximum, and the settings (total,
    /// bands, caps, evidence policy, survey share).
    Diff {
        /// Methodology A: an embedded id or a file (TOML).
        a: String,
        /// Methodology B: an embedded id or a file (TOML).
        b: String,
        /// A code map (TOML, `[codes] "1.1.1" = "1.2.1"`): where A's items are in B.
        #[arg(long)]
        map: Option<PathBuf>,
        /// markdown or csv.
        #[arg(long, short, default_value = "markdown", value_parser = ["markdown", "csv"])]
        format: String,
        /// Write the output to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Language of the Markdown: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
    },
}

// Everything this tool prints goes through `par_index::words::printable`: no control or bidi
// character from an input reaches the terminal raw (JSON keeps its meaning: the escapes are
// JSON's). These shadow the standard macros for the whole file.
macro_rules! print {
    ($($t:tt)*) => { emit(false, &format!($($t)*)) };
}
macro_rules! println {
    () => { emit(false, "\n") };
    ($($t:tt)*) => { emit(false, &format!("{}\n", format!($($t)*))) };
}
macro_rules! eprintln {
    ($($t:tt)*) => { emit(true, &format!("{}\n", format!($($t)*))) };
}

/// Write to stdout or stderr through `printable`. A closed pipe (`par-index … | head`) ends
/// the program quietly, as command-line tools do, instead of a panic.
fn emit(to_stderr: bool, text: &str) {
    use std::io::Write;
    let text = par_index::words::printable(text);
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
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score {
            submission,
            methodology,
            format,
            output,
            lang,
            items,
            carry_over,
            map,
        } => cmd_score(
            submission.as_deref(),
            methodology.as_deref(),
            (carry_over, map.as_deref()),
            (&format, output.as_deref()),
            (lang, items),
        ),
        Command::Validate { paths, methodology } => cmd_validate(&paths, methodology.as_deref()),
        Command::Test { paths, coverage } => cmd_test(&paths, coverage),
        Command::Gaps {
            paths,
            stages,
            survey,
            methodology,
            format,
            output,
            lang,
        } => cmd_gaps(
            &paths,
            &stages,
            survey.as_deref(),
            methodology.as_deref(),
            (&format, output.as_deref()),
            lang,
        ),
        Command::Readiness {
            submission,
            methodology,
            lang,
        } => read_checked(&submission, methodology.as_deref(), &[]).and_then(|(sub, m)| {
            let r = par_index::readiness(m.get(), &sub)
                .map_err(|e| e.in_file(&submission.display().to_string()).to_string())?;
            print!("{}", r.to_text(lang));
            if r.ready() {
                Ok(())
            } else {
                Err(String::new())
            }
        }),
        Command::Rank {
            paths,
            survey,
            methodology,
            roster,
            include_unlisted,
            format,
            output,
            lang,
        } => cmd_rank(
            &paths,
            survey.as_deref(),
            &methodology,
            (roster.as_deref(), include_unlisted),
            (&format, output.as_deref()),
            lang,
        ),
        Command::Compare {
            paths,
            previous,
            survey,
            previous_survey,
            roster,
            map,
            unit,
            format,
            output,
            lang,
        } => cmd_compare(
            (&paths, survey.as_deref()),
            (&previous, previous_survey.as_deref()),
            (roster.as_deref(), map.as_deref(), unit.as_deref()),
            (&format, output.as_deref()),
            lang,
        ),
        Command::Appraise {
            submission,
            stages,
            survey,
            methodology,
            format,
            output,
            lang,
        } => staged(
            &submission,
            &stages,
            survey.as_deref(),
            methodology.as_deref(),
        )
        .and_then(|(cards, _)| {
            let text = if format == "html" {
                par_index::render_stages_html(&cards, lang)
            } else {
                let format: Format = format
                    .parse()
                    .map_err(|e: par_index::UnknownName| e.to_string())?;
                par_index::render_stages(&cards, format, lang)
            };
            deliver(output.as_deref(), Out::Text(text))
        }),
        Command::Diff {
            submission,
            stages,
            survey,
            from,
            to,
            methodology,
            format,
            output,
            lang,
        } => staged(
            &submission,
            &stages,
            survey.as_deref(),
            methodology.as_deref(),
        )
        .and_then(|(cards, _)| {
            let pick = |name: &str| {
                cards.iter().find(|c| c.stage == name).ok_or_else(|| {
                    let names: Vec<&str> = cards.iter().map(|c| c.stage.as_str()).collect();
                    format!("no stage `{name}` (the stages are: {})", names.join(", "))
                })
            };
            let a = pick(&from)?;
            let b = match &to {
                Some(t) => pick(t)?,
                None => cards.last().ok_or("no stages")?,
            };
            let d = par_index::diff(&a.card, &b.card);
            let (fa, fb) = (stage_label(&a.stage, lang), stage_label(&b.stage, lang));
            match format.as_str() {
                "csv" => deliver(output.as_deref(), Out::Text(d.to_csv(&fa, &fb))),
                "xlsx" => deliver(
                    output.as_deref(),
                    Out::Bytes(d.to_xlsx(&a.stage, &b.stage, lang)),
                ),
                _ => deliver(output.as_deref(), Out::Text(d.to_markdown(&fa, &fb, lang))),
            }
        }),
        Command::Explain {
            submission,
            code,
            methodology,
            lang,
        } => cmd_explain(&submission, &code, methodology.as_deref(), lang),
        Command::Verify {
            scorecard,
            methodology,
            submission,
            stages,
            survey,
            map,
        } => match scorecard.as_slice() {
            [one] if !one.is_dir() => cmd_verify(
                one,
                methodology.as_deref(),
                submission.as_deref(),
                &stages,
                survey.as_deref(),
                map.as_deref(),
            ),
            many if submission.is_none()
                && stages.is_empty()
                && survey.is_none()
                && map.is_none() =>
            {
                cmd_verify_many(many, methodology.as_deref())
            }
            _ => Err("--submission, --stage, --survey and --map are for one scorecard file".into()),
        },
        Command::Schema { name } => match schema::json_schema(&name) {
            Some(s) => {
                print!("{s}");
                Ok(())
            }
            None => Err(format!("unknown schema `{name}`")),
        },
        Command::Template {
            output,
            methodology,
            unit,
            name,
            period,
            from,
            lang,
        } => cmd_template(
            &output,
            methodology.as_deref(),
            (unit, name, period),
            from.as_deref(),
            lang,
        ),
        Command::Methodology {
            command:
                MethodologyCommand::Diff {
                    a,
                    b,
                    map,
                    format,
                    output,
                    lang,
                },
        } => (|| {
            let a = resolve_methodology(Some(&a), None)?;
            let b = resolve_methodology(Some(&b), None)?;
            let map = match &map {
                Some(p) => code_map_file_for(p, a.get(), b.get())?,
                None => Default::default(),
            };
            let d = par_index::methodology_diff(a.get(), b.get(), &map);
            let text = if format == "csv" {
                d.to_csv()
            } else {
                d.to_markdown(lang)
            };
            deliver(output.as_deref(), Out::Text(text))
        })(),
        Command::Methodologies => {
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

/// An embedded, borrowed or owned methodology.
enum Loaded<'a> {
    Embedded(&'static Methodology),
    Borrowed(&'a Methodology),
    Owned(Box<Methodology>),
}

impl Loaded<'_> {
    fn get(&self) -> &Methodology {
        match self {
            Loaded::Embedded(m) => m,
            Loaded::Borrowed(m) => m,
            Loaded::Owned(m) => m,
        }
    }
}

fn resolve_methodology(
    arg: Option<&str>,
    sub: Option<&Submission>,
) -> Result<Loaded<'static>, String> {
    match (arg, sub) {
        (Some(a), _) if catalog::source(a).is_some() => catalog::get(a)
            .map(Loaded::Embedded)
            .map_err(|e| e.to_string()),
        (Some(a), _) if Path::new(a).exists() => load_methodology_file(a)
            .map(|m| Loaded::Owned(Box::new(m)))
            .map_err(|e| e.to_string()),
        (Some(a), _) => Err(format!(
            "`{a}` is neither an embedded methodology ({}) nor a file",
            catalog::ids().collect::<Vec<_>>().join(", ")
        )),
        (None, Some(s)) => catalog::get(&s.methodology)
            .map(Loaded::Embedded)
            .map_err(|e| {
                format!("{e}; pass --methodology PATH to score against a methodology file")
            }),
        (None, None) => Ok(Loaded::Embedded(catalog::default_methodology())),
    }
}

/// Read a submission and check it against its methodology (the one given, one loaded
/// alongside, or the embedded one it names), reporting every problem of both in one pass.
fn read_checked<'a>(
    path: &Path,
    arg: Option<&str>,
    loaded: &'a [Methodology],
) -> Result<(Submission, Loaded<'a>), String> {
    let shown = path.display().to_string();
    let read = par_index::files::read_submission_file(path, &par_index::Limits::default())
        .map_err(|e| e.to_string())?;
    for n in &read.notes {
        eprintln!("note: {}", par_index::printable(&n.to_string()));
    }
    let fail = |e: Error| e.in_file(&shown).to_string();
    let Some(sub) = read.submission.clone() else {
        return Err(fail(Error::Invalid(read.problems)));
    };
    let given = loaded
        .iter()
        .find(|m| arg.is_none() && m.id() == sub.methodology);
    let m = match given {
        Some(m) => Loaded::Borrowed(m),
        None if sub.methodology.is_empty() && arg.is_none() => {
            return Err(fail(Error::Invalid(read.problems)));
        }
        None => match resolve_methodology(arg, Some(&sub)) {
            Ok(m) => m,
            Err(e) => {
                // The submission names a methodology that is not here: say where it names it.
                let mut problems = read.problems.clone();
                if arg.is_none() {
                    let p = par_index::Problem::new(
                        par_index::ProblemKind::MethodologyMismatch,
                        None,
                        "methodology",
                        e.clone(),
                    );
                    problems.push(read.locate(p, "methodology"));
                    return Err(fail(Error::Invalid(problems)));
                }
                if problems.is_empty() {
                    return Err(e);
                }
                return Err(format!("{}\n{e}", fail(Error::Invalid(problems))));
            }
        },
    };
    let sub = read.check(m.get()).map_err(fail)?;
    Ok((sub, m))
}

/// What a command outputs: text (printed, or written with -o) or a workbook's bytes.
enum Out {
    Text(String),
    Bytes(Result<Vec<u8>, Error>),
}

/// Print the output, or write it to `-o FILE`; a workbook needs a file.
fn deliver(output: Option<&Path>, out: Out) -> Result<(), String> {
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    match (out, output) {
        (Out::Text(t), None) => {
            emit(false, &t);
            Ok(())
        }
        (Out::Text(t), Some(p)) => write(p, par_index::words::printable(&t).as_bytes()),
        (Out::Bytes(b), Some(p)) => {
            let bytes = b.map_err(|e| e.to_string())?;
            write(p, &bytes)?;
            eprintln!("wrote {}", p.display());
            Ok(())
        }
        (Out::Bytes(_), None) => {
            Err("an Excel workbook is written to a file: add -o FILE.xlsx".into())
        }
    }
}

fn cmd_template(
    output: &Path,
    methodology: Option<&str>,
    (unit, name, period): (Option<String>, Option<String>, Option<String>),
    from: Option<&Path>,
    lang: Lang,
) -> Result<(), String> {
    let (sub, m) = match from {
        Some(p) => {
            let (mut sub, m) = read_checked(p, methodology, &[])?;
            if let Some(code) = &unit {
                sub.unit.code.clone_from(code);
            }
            if let Some(name) = &name {
                sub.unit.name.clone_from(name);
            }
            if let Some(period) = period.clone() {
                sub.period = period;
            }
            (Some(sub), m)
        }
        None => (None, resolve_methodology(methodology, None)?),
    };
    let u = par_index::Unit {
        code: unit.unwrap_or_default(),
        name: name.unwrap_or_default(),
    };
    let mut t = par_index::form::Template::new(lang).unit(&u);
    if let Some(p) = period.as_deref() {
        t = t.period(p);
    }
    if let Some(s) = &sub {
        t = t.from(s);
    }
    let bytes = par_index::form::template(m.get(), &t).map_err(|e| e.to_string())?;
    std::fs::write(output, bytes).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    let filled = sub.as_ref().map_or(String::new(), |s| {
        format!(
            ", filled from {} ({} answers)",
            s.unit.name,
            s.answers.len()
        )
    });
    eprintln!(
        "wrote {}: the form of {} ({} sub-criteria){filled}",
        output.display(),
        m.get().id(),
        m.get().leaves().count()
    );
    Ok(())
}

fn cmd_score(
    path: Option<&Path>,
    methodology: Option<&str>,
    (carry_over, map): (bool, Option<&Path>),
    (format, output): (&str, Option<&Path>),
    (lang, items): (Lang, bool),
) -> Result<(), String> {
    let carry = carry_over || map.is_some();
    // Carried over: the submission is read and checked against the methodology it names,
    // then carried to the one given.
    let own = if carry { None } else { methodology };
    let (sub, m, shown) = match path {
        Some(p) => {
            let (sub, m) = read_checked(p, own, &[])?;
            (sub, m, p.display().to_string())
        }
        None => {
            let sub = par_index::catalog::sample_submission();
            let m = resolve_methodology(own, Some(&sub))?;
            (sub, m, "examples/data/xa-dong-tam.json".to_owned())
        }
    };
    let card = if carry {
        let to = resolve_methodology(methodology, None)?;
        let map = map
            .map(|p| code_map_file_for(p, m.get(), to.get()))
            .transpose()?;
        drop(m);
        par_index::score_carried(to.get(), &sub, map.as_ref())
    } else {
        score(m.get(), &sub)
    }
    .map_err(|e| e.in_file(&shown).to_string())?;
    match format {
        "xlsx" => return deliver(output, Out::Bytes(card.to_xlsx(lang))),
        "html" => return deliver(output, Out::Text(card.to_html(lang))),
        _ => {}
    }
    let format: Format = format
        .parse()
        .map_err(|e: par_index::UnknownName| e.to_string())?;
    let mut out = render(&card, format, lang);
    if items && format != Format::Json {
        out.push('\n');
        out.push_str(&render_items(&card, format, lang));
    }
    deliver(output, Out::Text(out))
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
fn progress_bar() -> impl FnMut(usize, usize) {
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    move |done, total| {
        if let Some(b) = &bar {
            b.set_length(u64::try_from(total).unwrap_or(u64::MAX));
            b.set_position(u64::try_from(done).unwrap_or(u64::MAX));
            if done >= total {
                b.finish_and_clear();
            }
        }
    }
}

/// Run `f` with the options of a batch command (the methodology, if named) and the survey
/// file, if given.
fn batch_options<T>(
    survey: Option<&Path>,
    methodology: Option<&str>,
    f: impl FnOnce(&par_index::Options<'_>, Option<&par_index::SurveyFile>) -> T,
) -> Result<T, String> {
    let survey = match survey {
        Some(p) => Some(par_index::SurveyFile::from_file(p).map_err(|e| e.to_string())?),
        None => None,
    };
    let m = match methodology {
        Some(_) => Some(resolve_methodology(methodology, None)?),
        None => None,
    };
    let options = match m.as_ref() {
        Some(m) => par_index::Options::new().methodology(m.get()),
        None => par_index::Options::new(),
    };
    Ok(f(&options, survey.as_ref()))
}

fn cmd_gaps(
    paths: &[PathBuf],
    stages: &[PathBuf],
    survey: Option<&Path>,
    methodology: Option<&str>,
    (format, output): (&str, Option<&Path>),
    lang: Lang,
) -> Result<(), String> {
    let single = match paths {
        [one] if one.is_file() => Some(one),
        _ => None,
    };
    if let Some(one) = single {
        let (cards, _) = staged(one, stages, survey, methodology)?;
        let card = &cards.last().ok_or("no scorecard")?.card;
        let g = par_index::gaps(card);
        return match format {
            "json" => deliver(output, Out::Text(g.to_json(lang))),
            "html" => deliver(output, Out::Text(g.to_html(lang))),
            "xlsx" => deliver(output, Out::Bytes(g.to_xlsx(lang))),
            _ => deliver(output, Out::Text(g.to_markdown(lang))),
        };
    }
    if !stages.is_empty() {
        return Err("--stage is for a single self-assessment; in folders, stage files are found by their unit".into());
    }
    // Streamed: the items that lost points are kept per unit, not a scorecard.
    let out = batch_options(survey, methodology, |o, survey| {
        o.gaps_files(paths, survey, &mut progress_bar())
    })?;
    for n in &out.notes {
        eprintln!("note: {n}");
    }
    let g = out.value;
    match format {
        "json" => deliver(output, Out::Text(g.to_json()))?,
        "html" => deliver(output, Out::Text(g.to_html(lang)))?,
        "xlsx" => deliver(output, Out::Bytes(g.to_xlsx(lang)))?,
        _ => deliver(output, Out::Text(g.to_markdown(lang)))?,
    }
    for f in &out.failures {
        eprintln!("{}", f.error);
    }
    if out.failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of the inputs could not be scored",
            out.failures.len()
        ))
    }
}

/// A code map from its file for carrying from methodology `a` to `b`: every code checked
/// against both, every problem at its line and column.
fn code_map_file_for(p: &Path, a: &Methodology, b: &Methodology) -> Result<CodeMap, String> {
    code_map_file_among(p, &[a], &[b])
}

/// A code map from its file, every source code an item of one of `a`, every target one of
/// `b`.
fn code_map_file_among(
    p: &Path,
    a: &[&Methodology],
    b: &[&Methodology],
) -> Result<CodeMap, String> {
    let shown = p.display().to_string();
    let text = files::read_text_file(p).map_err(|e| e.to_string())?;
    par_index::read_code_map_for(&text, Some(&shown), a, b).map_err(|e| e.to_string())
}

/// A code map.
type CodeMap = std::collections::BTreeMap<par_index::Code, par_index::Code>;

/// A code map from its file, every problem at its line and column.
fn code_map_file(
    p: &Path,
) -> Result<std::collections::BTreeMap<par_index::Code, par_index::Code>, String> {
    let shown = p.display().to_string();
    let text = files::read_text_file(p).map_err(|e| e.to_string())?;
    par_index::read_code_map(&text, Some(&shown)).map_err(|e| e.to_string())
}

/// Print each error, then fail with their count and `what` happened to them.
fn fail_on(errors: &[String], what: &str) -> Result<(), String> {
    for e in errors {
        eprintln!("{e}");
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of the inputs {what} (listed above)",
            errors.len()
        ))
    }
}

fn cmd_compare(
    (paths, survey): (&[PathBuf], Option<&Path>),
    (previous, previous_survey): (&[PathBuf], Option<&Path>),
    (roster, map, unit): (Option<&Path>, Option<&Path>, Option<&str>),
    (format, output): (&str, Option<&Path>),
    lang: Lang,
) -> Result<(), String> {
    let roster_file = roster.map(|p| p.display().to_string());
    let roster = match roster {
        Some(p) => Some(par_index::Roster::from_file(p).map_err(|e| e.to_string())?),
        None => None,
    };
    let map_path = map;
    let read_survey = |p: Option<&Path>| -> Result<Option<par_index::SurveyFile>, String> {
        p.map(|p| par_index::SurveyFile::from_file(p).map_err(|e| e.to_string()))
            .transpose()
    };
    let (survey, previous_survey) = (read_survey(survey)?, read_survey(previous_survey)?);
    let now = par_index::read_results(paths, survey.as_ref(), None);
    let before = par_index::read_results(previous, previous_survey.as_ref(), None);
    // The map leads from last year's methodologies to this year's: its codes are checked
    // against those the results name (the embedded ones).
    let sets = |cards: &[Scorecard]| -> Vec<&'static Methodology> {
        let mut ids: Vec<&str> = cards.iter().map(|c| c.methodology.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| catalog::get(id).ok())
            .collect()
    };
    let map = match map_path {
        Some(p) => Some(code_map_file_among(
            p,
            &sets(&before.value),
            &sets(&now.value),
        )?),
        None => None,
    };
    let mut errors: Vec<String> = Vec::new();
    for (what, out) in [("", &now), ("--previous: ", &before)] {
        for n in &out.notes {
            eprintln!("note: {what}{n}");
        }
        errors.extend(out.failures.iter().map(|f| format!("{what}{}", f.error)));
    }
    let mut current = now.value;
    if let Some(code) = unit {
        current.retain(|c| c.unit.code.eq_ignore_ascii_case(code));
        if current.is_empty() {
            return Err(format!("no result of unit {code} among the files given"));
        }
    }
    // The roster's predecessors must be of years before the results compared.
    if let (Some(r), Some(file)) = (&roster, &roster_file) {
        let mut periods: Vec<&str> = current.iter().map(|c| c.period.as_str()).collect();
        periods.sort_unstable();
        periods.dedup();
        let problems: Vec<par_index::Problem> =
            periods.iter().flat_map(|p| r.check_period(p)).collect();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems).in_file(file).to_string());
        }
    }
    let (roster, map) = (roster.as_ref(), map.as_ref());
    match current.as_slice() {
        [] => return Err("no result among the files given".to_owned()),
        [one] => {
            let c = par_index::compare(one, &before.value, roster, map);
            for p in &c.missing {
                eprintln!(
                    "note: predecessor {} ({}) of {} has no result among the --previous files",
                    p.code, p.year, c.unit.code
                );
            }
            let text = match format {
                "json" => c.to_json(),
                "html" => c.to_html(lang),
                _ => c.to_markdown(lang),
            };
            deliver(output, Out::Text(text))?;
        }
        many => {
            let b = par_index::compare_batch(many, &before.value, roster, map);
            let text = match format {
                "json" => b.to_json(),
                "html" => b.to_html(lang),
                _ => b.to_markdown(lang),
            };
            deliver(output, Out::Text(text))?;
        }
    }
    fail_on(&errors, "could not be read; the others are compared")
}

fn cmd_rank(
    paths: &[PathBuf],
    survey: Option<&Path>,
    methodologies: &[String],
    (roster, include_unlisted): (Option<&Path>, bool),
    (format, output): (&str, Option<&Path>),
    lang: Lang,
) -> Result<(), String> {
    let roster = match roster {
        Some(p) => Some(par_index::Roster::from_file(p).map_err(|e| e.to_string())?),
        None => None,
    };
    if let Some(roster) = &roster {
        return rank_roster(
            paths,
            survey,
            methodologies,
            (roster, include_unlisted),
            (format, output),
            lang,
        );
    }
    let methodology = match methodologies {
        [] => None,
        [one] => Some(one.as_str()),
        _ => {
            return Err(
                "several methodologies are ranked together only by blocks: give --roster".into(),
            );
        }
    };
    // Streamed: a ranking row per unit is kept, not a scorecard.
    let out = batch_options(survey, methodology, |o, survey| {
        o.rank_files(paths, survey, &mut progress_bar())
    })?;
    let (mut ranking, notes) = (out.value, out.notes);
    for n in &notes {
        eprintln!("note: {n}");
    }
    if ranking.methodology.is_empty() {
        // Nothing was scored and no methodology named: the default's bands, all empty.
        let failures = std::mem::take(&mut ranking.failures);
        ranking =
            par_index::rank_batch(&par_index::Batch::default(), catalog::default_methodology());
        ranking.failures = failures;
    }
    match format {
        "json" => deliver(output, Out::Text(ranking.to_json()))?,
        "csv" => deliver(output, Out::Text(ranking.to_csv()))?,
        "html" => deliver(output, Out::Text(ranking.to_html(lang)))?,
        "xlsx" => deliver(output, Out::Bytes(ranking.to_xlsx(lang)))?,
        _ => deliver(output, Out::Text(ranking.to_markdown(lang)))?,
    }
    if ranking.failures.is_empty() {
        Ok(())
    } else {
        for f in &ranking.failures {
            eprintln!("{}", f.error);
        }
        // The others are ranked only when there are others: a batch refused whole (over a
        // limit) ranks nothing.
        let others = if ranking.rows.is_empty() {
            "nothing was ranked"
        } else {
            "the others are ranked"
        };
        Err(format!(
            "{} of the inputs could not be scored (listed above); {others}",
            ranking.failures.len()
        ))
    }
}

/// `rank --roster`: every unit scored against the methodology it names (one of those given,
/// or an embedded one), each block ranked on its own.
fn rank_roster(
    paths: &[PathBuf],
    survey: Option<&Path>,
    methodologies: &[String],
    (roster, include_unlisted): (&par_index::Roster, bool),
    (format, output): (&str, Option<&Path>),
    lang: Lang,
) -> Result<(), String> {
    let survey = match survey {
        Some(p) => Some(par_index::SurveyFile::from_file(p).map_err(|e| e.to_string())?),
        None => None,
    };
    let loaded: Vec<Loaded<'static>> = methodologies
        .iter()
        .map(|m| resolve_methodology(Some(m), None))
        .collect::<Result<_, _>>()?;
    let each: Vec<&Methodology> = loaded.iter().map(Loaded::get).collect();
    let out = par_index::Options::new().rank_files_by_set(
        paths,
        survey.as_ref(),
        &each,
        &mut progress_bar(),
    );
    for n in &out.notes {
        eprintln!("note: {n}");
    }
    let mut rankings = out.value;
    if rankings.is_empty() {
        // Nothing was scored: the bands of the first methodology given, or the default's.
        let m: &Methodology = match each.first() {
            Some(m) => m,
            None => catalog::default_methodology(),
        };
        rankings.push(par_index::rank_batch(&par_index::Batch::default(), m));
    }
    let blocks = par_index::rank_by_roster_sets(&rankings, roster, include_unlisted);
    match format {
        "json" => deliver(output, Out::Text(blocks.to_json()))?,
        "html" => deliver(output, Out::Text(blocks.to_html(lang)))?,
        "xlsx" => deliver(output, Out::Bytes(blocks.to_xlsx(lang)))?,
        "markdown" => deliver(output, Out::Text(blocks.to_markdown(lang)))?,
        other => {
            return Err(format!(
                "with --roster, the format is markdown, json, html or xlsx, not {other}"
            ));
        }
    }
    for u in &blocks.missing {
        eprintln!(
            "note: {} ({}) is on the roster and has no result",
            u.name, u.code
        );
    }
    let mut errors: Vec<String> = out.failures.iter().map(|f| f.error.to_string()).collect();
    if !include_unlisted {
        errors.extend(blocks.unlisted.iter().map(|u| {
            format!(
                "{} ({}) is not on the roster: not ranked (--include-unlisted ranks it)",
                u.name, u.code
            )
        }));
    }
    fail_on(&errors, "are not ranked")
}

/// Read a submission, its stage files and the survey file, and score every stage.
fn staged(
    path: &Path,
    stages: &[PathBuf],
    survey: Option<&Path>,
    methodology: Option<&str>,
) -> Result<(Vec<par_index::StageCard>, String), String> {
    let shown = path.display().to_string();
    let (sub, m) = read_checked(path, methodology, &[])?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for f in stages {
        match par_index::Stage::from_file(f) {
            Ok(s) => files.push((f.display().to_string(), s)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    // The order every command applies: date, then sequence (not the order given).
    let files: Vec<par_index::Stage> = match par_index::order_stages(files) {
        Ok(ordered) => ordered.into_iter().map(|(_, s)| s).collect(),
        Err(e) => {
            problems.push(e.to_string());
            Vec::new()
        }
    };
    let survey = match survey {
        Some(p) => Some(par_index::SurveyFile::from_file(p).map_err(|e| e.to_string())?),
        None => None,
    };
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let cards = par_index::score_stages(m.get(), &sub, &files, survey.as_ref())
        .map_err(|e| e.in_file(&shown).to_string())?;
    Ok((cards, shown))
}

fn cmd_explain(
    path: &Path,
    code: &str,
    methodology: Option<&str>,
    lang: Lang,
) -> Result<(), String> {
    let shown = path.display().to_string();
    let code: par_index::Code = code.parse().map_err(|e| format!("{e}"))?;
    let (sub, m) = read_checked(path, methodology, &[])?;
    let card = score(m.get(), &sub).map_err(|e| e.in_file(&shown).to_string())?;
    match par_index::explain(&card, &code, lang) {
        Some(text) => {
            print!("{text}");
            Ok(())
        }
        None => Err(format!(
            "methodology `{}` has no item or area `{code}`",
            m.get().id()
        )),
    }
}

fn cmd_test(paths: &[PathBuf], coverage: bool) -> Result<(), String> {
    let run = par_index::conformance::run(paths);
    if coverage {
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

fn cmd_verify(
    path: &Path,
    methodology: Option<&str>,
    submission: Option<&Path>,
    stage_files: &[PathBuf],
    survey: Option<&Path>,
    map: Option<&Path>,
) -> Result<(), String> {
    let shown = path.display().to_string();
    let text = par_index::files::read_text_file(path).map_err(|e| e.to_string())?;
    // One scorecard, or an array of them (every stage of `appraise --format json`).
    let cards: Vec<Scorecard> = if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('[')
    {
        Scorecard::from_json_array(&text).map_err(|e| e.in_file(&shown).to_string())?
    } else {
        vec![Scorecard::from_json(&text).map_err(|e| e.in_file(&shown).to_string())?]
    };
    let on_record = match submission {
        // JSON or an Excel form: the same submission, the same hash.
        Some(p) => {
            let read = par_index::files::read_submission_file(p, &par_index::Limits::default())
                .map_err(|e| e.to_string())?;
            match read.submission {
                Some(s) if read.problems.is_empty() => Some(s),
                _ => return Err(Error::Invalid(read.problems).to_string()),
            }
        }
        None => None,
    };
    let mut stages = Vec::new();
    for f in stage_files {
        stages.push(par_index::Stage::from_file(f).map_err(|e| e.to_string())?);
    }
    let survey = match survey {
        Some(p) => Some(par_index::SurveyFile::from_file(p).map_err(|e| e.to_string())?),
        None => None,
    };
    let map = map.map(code_map_file).transpose()?;
    let mut failed = 0usize;
    let last = cards.len().saturating_sub(1);
    for (i, card) in cards.iter().enumerate() {
        let m = match methodology {
            Some(_) => resolve_methodology(methodology, None)?,
            None => catalog::get(&card.methodology.id)
                .map(Loaded::Embedded)
                .map_err(|e| {
                    format!("{e}; pass --methodology PATH to verify against a methodology file")
                })?,
        };
        let mut report = verify(card, m.get());
        // The files on record are those of the last stage: earlier stages apply fewer.
        if i == last {
            let mut files = par_index::OnRecord::default().stages(&stages);
            if let Some(s) = &on_record {
                files = files.submission(s);
            }
            if let Some(s) = &survey {
                files = files.survey(s);
            }
            if let Some(m) = &map {
                files = files.map(m);
            }
            let found = par_index::check_inputs(card, m.get(), &files);
            if found.is_empty() && on_record.is_some() && card.carried_over.is_some() {
                report.notes.push(
                    "the submission given was carried over again: the same answers, moves and drops"
                        .into(),
                );
            }
            report.mismatches.extend(found);
        }
        let which = if cards.len() > 1 {
            format!("{shown}[{i}]")
        } else {
            shown.clone()
        };
        if report.is_ok() && report.notes.is_empty() {
            println!("{which}: {report}");
        } else if report.is_ok() {
            println!("{which}:\n{report}");
        } else if cards.len() == 1 {
            failed += 1;
            println!("{report}");
        } else {
            failed += 1;
            println!("{which}:\n{report}");
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{shown}: does not verify"))
    }
}

/// Verify every scorecard of files and folders: one line per scorecard that verifies, the
/// differences of those that do not.
fn cmd_verify_many(paths: &[PathBuf], methodology: Option<&str>) -> Result<(), String> {
    let out = batch_options(None, methodology, |o, _| {
        o.verify_files(paths, &mut progress_bar())
    })?;
    for n in &out.notes {
        eprintln!("note: {n}");
    }
    for f in &out.failures {
        eprintln!("{}", f.error);
    }
    let mut failed = 0usize;
    for v in &out.value {
        match &v.outcome {
            Ok(report) if report.is_ok() && report.notes.is_empty() => {
                println!("{}: {report}", v.file);
            }
            Ok(report) => {
                if !report.is_ok() {
                    failed += 1;
                }
                println!("{}:\n{report}", v.file);
            }
            Err(e) => {
                failed += 1;
                println!("{}: {e}", v.file);
            }
        }
    }
    // The scorecards that do not verify, of those read; the inputs that could not be read,
    // apart.
    let unread = match out.failures.len() {
        0 => String::new(),
        1 => "; 1 input could not be read".to_owned(),
        n => format!("; {n} inputs could not be read"),
    };
    if failed == 0 && out.failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{failed} of {} scorecards do not verify{unread}",
            out.value.len()
        ))
    }
}

fn cmd_validate(paths: &[PathBuf], methodology: Option<&str>) -> Result<(), String> {
    let walked = par_index::files::walk_inputs(paths, &["toml", "json", "xlsx"]);
    for n in &walked.not_files {
        eprintln!("note: {n}");
    }
    for p in &walked.problems {
        eprintln!("{p}");
    }
    if let Some(nothing) = walked.nothing_found(paths, ".toml, .json or .xlsx") {
        return Err(nothing.to_string());
    }
    let files = walked.files;
    // What each file is, decided once (a JSON file's top-level keys are read once).
    let kinds: Vec<FileKind> = files.iter().map(|f| files::detect_file_kind(f)).collect();
    let of_kind = |want: FileKind| {
        files
            .iter()
            .zip(&kinds)
            .filter(move |(_, k)| **k == want)
            .map(|(f, _)| f)
    };
    // Methodology files first, so that submissions can be checked against the sets given
    // on the same command line (by the id they name) as well as the embedded ones.
    let mut outcomes: Vec<(String, Result<String, String>)> = Vec::new();
    let mut loaded: Vec<Methodology> = Vec::new();
    for f in of_kind(FileKind::Methodology) {
        let outcome = load_methodology_file(f)
            .map_err(|e| e.to_string())
            .map(|m| {
                let what = format!("methodology {}, {} items", m.id(), m.leaves().count());
                loaded.push(m);
                what
            });
        outcomes.push((f.display().to_string(), outcome));
    }
    for (f, kind) in files.iter().zip(&kinds) {
        if *kind == FileKind::Methodology {
            continue;
        }
        let shown = f.display().to_string();
        let outcome = if *kind == FileKind::Cases {
            par_index::conformance::load_cases(f)
                .map(|c| format!("case file, {} cases", c.cases.len()))
                .map_err(|e| e.to_string())
        } else if *kind == FileKind::CodeMap {
            par_index::files::read_text_file(f)
                .and_then(|t| par_index::read_code_map(&t, Some(&shown)))
                .map(|map| format!("code map, {} codes", map.len()))
                .map_err(|e| e.to_string())
        } else if *kind == FileKind::Stage {
            par_index::Stage::from_file(f)
                .map(|s| {
                    format!(
                        "{} stage `{}` of unit {} by {}, {} decisions, {} responses",
                        if s.kind == par_index::StageKind::Appraisal {
                            "appraisal"
                        } else {
                            "explanation"
                        },
                        s.stage,
                        s.unit,
                        s.by,
                        s.decisions.len(),
                        s.responses.len()
                    )
                })
                .map_err(|e| e.to_string())
        } else if *kind == FileKind::Survey {
            par_index::SurveyFile::from_file(f)
                .map_err(|e| e.to_string())
                .and_then(|s| {
                    let m =
                        resolve_methodology(methodology.or(Some(s.methodology.as_str())), None)?;
                    let problems = s.check(m.get());
                    if problems.is_empty() {
                        Ok(format!(
                            "survey `{}`, {} units, checked against {}",
                            s.survey,
                            s.units.len(),
                            m.get().id()
                        ))
                    } else {
                        Err(Error::Invalid(problems).in_file(&shown).to_string())
                    }
                })
        } else if *kind == FileKind::Scorecard {
            par_index::files::read_text_file(f)
                .and_then(|t| {
                    par_index::Scorecard::from_json(&t)
                        .map(|c| vec![c])
                        .or_else(|_| par_index::Scorecard::from_json_array(&t))
                })
                .map(|cards| {
                    let c = cards
                        .last()
                        .map(|c| (c.unit.name.clone(), c.unit.code.clone()));
                    let (name, code) = c.unwrap_or_default();
                    format!(
                        "scorecard of {name} ({code}), {} stage(s); `par-index verify` checks it",
                        cards.len()
                    )
                })
                .map_err(|e| e.in_file(&shown).to_string())
        } else if *kind == FileKind::Submission {
            read_checked(f, methodology, &loaded).map(|(s, m)| {
                format!(
                    "submission of {} ({}), {} answers, checked against {}",
                    s.unit.name,
                    s.unit.code,
                    s.answers.len(),
                    m.get().id()
                )
            })
        } else {
            Err(format!(
                "{shown}: not a methodology (.toml), submission (.json) or case file (.cases.toml)"
            ))
        };
        outcomes.push((shown, outcome));
    }
    // Stage files are checked against their self-assessments exactly as `rank` applies them
    // (the unit's submission among the files given, the order of dates and sequences).
    let stage_files: Vec<String> = of_kind(FileKind::Stage)
        .map(|f| f.display().to_string())
        .collect();
    if !stage_files.is_empty() {
        let json: Vec<&PathBuf> = files
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| {
                !matches!(
                    k,
                    FileKind::Methodology | FileKind::Cases | FileKind::CodeMap | FileKind::Other
                )
            })
            .map(|(f, _)| f)
            .collect();
        let m = match methodology {
            Some(_) => Some(resolve_methodology(methodology, None)?),
            None => None,
        };
        let batch = par_index::read_batch(&json, None, m.as_ref().map(Loaded::get));
        for failure in &batch.failures {
            // The stage file the failure is of: the file failed, or the file its problems
            // are located in (a stage applied to its self-assessment).
            let of_stage = |s: &&String| {
                failure.file == **s
                    || failure
                        .error
                        .problems()
                        .iter()
                        .any(|p| p.file.as_deref() == Some(s.as_str()))
            };
            if let Some(stage) = stage_files.iter().find(of_stage)
                && let Some(entry) = outcomes.iter_mut().find(|(f, _)| f == stage)
                && entry.1.is_ok()
            {
                entry.1 = Err(failure.error.to_string());
            }
        }
    }
    let mut failed = 0usize;
    for (shown, outcome) in outcomes {
        match outcome {
            Ok(what) => println!("ok {shown}: {what}"),
            Err(msg) => {
                failed += 1;
                eprintln!("{msg}");
            }
        }
    }
    if failed > 0 || !walked.problems.is_empty() {
        Err(format!(
            "{failed} of {} files have problems{}",
            files.len(),
            if walked.problems.is_empty() {
                String::new()
            } else {
                format!("; {} entries could not be read", walked.problems.len())
            }
        ))
    } else {
        Ok(())
    }
}
