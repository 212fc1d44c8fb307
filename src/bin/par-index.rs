//! `par-index`: score PAR Index self-assessments from the command line.
//!
//! Exit codes: 0 success, 1 invalid input (problems on stderr), 2 usage.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
        /// The submission (JSON). Without it, the bundled sample `Xã Đồng Tâm` is scored.
        submission: Option<PathBuf>,
        /// An embedded methodology id or a methodology file (TOML); default: the one the
        /// submission names.
        #[arg(long, short)]
        methodology: Option<String>,
        /// Output format: text, markdown or json.
        #[arg(long, short, default_value = "text")]
        format: Format,
        /// Language of text and Markdown output: vi or en.
        #[arg(long, short, default_value = "vi")]
        lang: Lang,
        /// Append the table of every item (points, measure, branch, evidence) to text and
        /// Markdown output.
        #[arg(long)]
        items: bool,
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
        /// The submission (JSON).
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
    /// Re-verify a scorecard (JSON from `score --format json`): recompute every item from
    /// the measure recorded in its trace and every sum above it, and check the hashes.
    Verify {
        /// The scorecard (JSON).
        scorecard: PathBuf,
        /// An embedded methodology id or a methodology file (TOML); default: the embedded
        /// one the scorecard names.
        #[arg(long, short)]
        methodology: Option<String>,
    },
    /// List the embedded methodologies.
    Methodologies,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score {
            submission,
            methodology,
            format,
            lang,
            items,
        } => cmd_score(
            submission.as_deref(),
            methodology.as_deref(),
            format,
            lang,
            items,
        ),
        Command::Validate { paths, methodology } => cmd_validate(&paths, methodology.as_deref()),
        Command::Test { paths, coverage } => cmd_test(&paths, coverage),
        Command::Explain {
            submission,
            code,
            methodology,
            lang,
        } => cmd_explain(&submission, &code, methodology.as_deref(), lang),
        Command::Verify {
            scorecard,
            methodology,
        } => cmd_verify(&scorecard, methodology.as_deref()),
        Command::Schema { name } => match schema::json_schema(&name) {
            Some(s) => {
                print!("{s}");
                Ok(())
            }
            None => Err(format!("unknown schema `{name}`")),
        },
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
    let text = par_index::read_text_file(path).map_err(|e| e.to_string())?;
    let read = Submission::read_json(&text);
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
            Err(e) if read.problems.is_empty() => return Err(e),
            Err(e) => return Err(format!("{}\n{e}", fail(Error::Invalid(read.problems)))),
        },
    };
    let sub = read.check(m.get()).map_err(fail)?;
    Ok((sub, m))
}

fn cmd_score(
    path: Option<&Path>,
    methodology: Option<&str>,
    format: Format,
    lang: Lang,
    items: bool,
) -> Result<(), String> {
    let (sub, m, shown) = match path {
        Some(p) => {
            let (sub, m) = read_checked(p, methodology, &[])?;
            (sub, m, p.display().to_string())
        }
        None => {
            let sub = par_index::sample_submission();
            let m = resolve_methodology(methodology, Some(&sub))?;
            (sub, m, "examples/data/xa-dong-tam.json".to_owned())
        }
    };
    let card = score(m.get(), &sub).map_err(|e| e.in_file(&shown).to_string())?;
    print!("{}", render(&card, format, lang));
    if items && format != Format::Json {
        println!();
        print!("{}", render_items(&card, format, lang));
    }
    Ok(())
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

fn cmd_verify(path: &Path, methodology: Option<&str>) -> Result<(), String> {
    let shown = path.display().to_string();
    let text = par_index::read_text_file(path).map_err(|e| e.to_string())?;
    let card = Scorecard::from_json(&text).map_err(|e| e.in_file(&shown).to_string())?;
    let m = match methodology {
        Some(_) => resolve_methodology(methodology, None)?,
        None => catalog::get(&card.methodology.id)
            .map(Loaded::Embedded)
            .map_err(|e| {
                format!("{e}; pass --methodology PATH to verify against a methodology file")
            })?,
    };
    let report = verify(&card, m.get());
    if report.is_ok() {
        println!("{shown}: {report}");
        Ok(())
    } else {
        println!("{report}");
        Err(format!("{shown}: does not verify"))
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir()
                || matches!(
                    p.extension().and_then(|x| x.to_str()),
                    Some("toml" | "json")
                )
            {
                collect(&p, out)?;
            }
        }
    } else {
        out.push(path.to_owned());
    }
    Ok(())
}

fn cmd_validate(paths: &[PathBuf], methodology: Option<&str>) -> Result<(), String> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files)?;
    }
    // Methodology files first, so that submissions can be checked against the sets given
    // on the same command line (by the id they name) as well as the embedded ones.
    let mut outcomes: Vec<(String, Result<String, String>)> = Vec::new();
    let mut loaded: Vec<Methodology> = Vec::new();
    for f in files.iter().filter(|f| is_ext(f, "toml") && !is_cases(f)) {
        let outcome = load_methodology_file(f)
            .map_err(|e| e.to_string())
            .map(|m| {
                let what = format!("methodology {}, {} items", m.id(), m.leaves().count());
                loaded.push(m);
                what
            });
        outcomes.push((f.display().to_string(), outcome));
    }
    for f in files.iter().filter(|f| !is_ext(f, "toml") || is_cases(f)) {
        let shown = f.display().to_string();
        let outcome = if is_cases(f) {
            par_index::conformance::load_cases(f)
                .map(|c| format!("case file, {} cases", c.cases.len()))
                .map_err(|e| e.to_string())
        } else if is_ext(f, "json") {
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
    if failed > 0 {
        Err(format!("{failed} of {} files have problems", files.len()))
    } else {
        Ok(())
    }
}

fn is_cases(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.ends_with(".cases.toml"))
}

fn is_ext(path: &Path, ext: &str) -> bool {
    path.extension().and_then(|x| x.to_str()) == Some(ext)
}
