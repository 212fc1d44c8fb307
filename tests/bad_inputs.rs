//! The bad-input corpus in `tests/bad/`: every file gets the error `expected.toml` states
//! (kind, item code, field, and the file named), or is accepted when it is a tricky but valid
//! input (a byte-order mark, CRLF line ends, Vietnamese typed with combining marks, a decimal
//! with many digits). Never a panic, never silence. The messages are snapshotted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use par_index::files::read_text_file;
use par_index::{Error, Stage, Submission, SurveyFile, catalog, methodology, score};

struct Expected {
    path: String,
    ok: bool,
    kind: Option<String>,
    code: Option<String>,
    field: Option<String>,
}

fn manifest() -> Vec<Expected> {
    let text = std::fs::read_to_string("tests/bad/expected.toml").unwrap();
    let doc: toml_edit::DocumentMut = text.parse().unwrap();
    let files = doc["file"].as_array_of_tables().unwrap();
    let s = |t: &toml_edit::Table, k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    files
        .iter()
        .map(|t| Expected {
            path: s(t, "path").unwrap(),
            ok: t.get("ok").and_then(|v| v.as_bool()).unwrap_or(false),
            kind: s(t, "kind"),
            code: s(t, "code"),
            field: s(t, "field"),
        })
        .collect()
}

/// Read a file of the corpus the way the tool does, checking it fully.
fn read(path: &str) -> Result<(), Error> {
    let m = catalog::default_methodology();
    let folder = path.split('/').next().unwrap();
    let full = format!("tests/bad/{path}");
    match folder {
        "submissions" => {
            let text = read_text_file(&full)?;
            let sub = Submission::read_json(&text)
                .check(m)
                .map_err(|e| e.in_file(&full))?;
            score(m, &sub).map(|_| ())
        }
        "methodologies" => methodology::load_file(&full).map(|_| ()),
        "stages" => Stage::from_file(&full).map(|_| ()),
        "surveys" => {
            let s = SurveyFile::from_file(&full)?;
            let problems = s.check(m);
            if problems.is_empty() {
                Ok(())
            } else {
                Err(Error::Invalid(problems).in_file(&full))
            }
        }
        other => panic!("unknown folder {other}"),
    }
}

#[test]
fn every_bad_input_gets_its_error() {
    let all = manifest();
    assert!(all.len() >= 60, "only {} files", all.len());
    let mut failures = Vec::new();
    let mut messages = String::new();
    for e in &all {
        let full = format!("tests/bad/{}", e.path);
        let result = std::panic::catch_unwind(|| read(&e.path));
        let Ok(result) = result else {
            failures.push(format!("{}: panicked", e.path));
            continue;
        };
        match (result, e.ok) {
            (Ok(()), true) => messages.push_str(&format!("== {} (accepted)\n", e.path)),
            (Ok(()), false) => {
                failures.push(format!("{}: accepted, expected {:?}", e.path, e.kind))
            }
            (Err(err), true) => {
                failures.push(format!("{}: expected to be accepted: {err}", e.path))
            }
            (Err(err), false) => {
                let found = err.problems().iter().any(|p| {
                    e.kind.as_deref() == Some(p.kind.name())
                        && e.code
                            .as_deref()
                            .is_none_or(|c| p.code.as_deref() == Some(c))
                        && e.field.as_deref().is_none_or(|f| p.field == f)
                        && p.file.as_deref() == Some(full.as_str())
                });
                if !found {
                    failures.push(format!(
                        "{}: expected {:?} at {:?} in {:?}, got:\n{err}",
                        e.path, e.kind, e.code, e.field
                    ));
                }
                messages.push_str(&format!("== {}\n{err}\n", e.path));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    insta::assert_snapshot!("bad-input-corpus", messages);
}

#[test]
fn every_file_of_the_corpus_is_listed() {
    let listed: Vec<String> = manifest().into_iter().map(|e| e.path).collect();
    for folder in ["submissions", "methodologies", "stages", "surveys"] {
        for entry in std::fs::read_dir(Path::new("tests/bad").join(folder)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let path = format!("{folder}/{name}");
            assert!(
                listed.contains(&path),
                "{path} has no expectation in expected.toml"
            );
        }
    }
}

#[test]
fn accepted_inputs_read_as_their_plain_twins() {
    // A byte-order mark and CRLF line ends change nothing; NFD text reads as NFC.
    let plain = Submission::from_file("examples/data/xa-dong-tam.json").unwrap();
    for twin in ["bom.json", "crlf.json", "nfd-unit-name.json"] {
        let s = Submission::from_file(format!("tests/bad/submissions/{twin}")).unwrap();
        assert_eq!(s, plain, "{twin}");
        assert_eq!(s.sha256(), plain.sha256(), "{twin}");
    }
    let m = methodology::load_file("tests/fixtures/department-mini.toml").unwrap();
    for twin in ["bom.toml", "crlf.toml", "nfd-title.toml"] {
        let t = methodology::load_file(format!("tests/bad/methodologies/{twin}")).unwrap();
        assert_eq!(t.sha256(), m.sha256(), "{twin}");
    }
    // 0.30000000000000004 is kept exactly: 6 × 0.30000000000000004 = 1.80000000000000024 → 1.8.
    let s = Submission::from_file("tests/bad/submissions/float-with-many-digits.json").unwrap();
    let card = score(catalog::default_methodology(), &s).unwrap();
    let leaf = card.find(&"S.1".parse().unwrap()).unwrap();
    assert_eq!(
        leaf.trace.as_ref().unwrap().raw.to_string(),
        "1.80000000000000024"
    );
    assert_eq!(leaf.points.to_string(), "1.8");
}

#[test]
fn limits_are_enforced_before_the_work() {
    use par_index::{Limits, Options, ProblemKind};
    let text = std::fs::read_to_string("examples/data/xa-dong-tam.json").unwrap();
    let kind = |read: par_index::submission::SubmissionRead| {
        read.problems.first().map(|p| (p.kind, p.field.clone()))
    };
    // Size: refused before parsing.
    let tiny = Limits::default().input_bytes(100);
    assert_eq!(
        kind(Options::new().limits(tiny).read_submission(&text)),
        Some((ProblemKind::TooLarge, String::new()))
    );
    // Evidence documents per answer (the sample cites one per item).
    let none = Limits::default().evidence_per_item(0);
    let read = Options::new().limits(none).read_submission(&text);
    assert_eq!(read.problems[0].kind, ProblemKind::TooLarge);
    assert_eq!(read.problems[0].field, "answers.1.1.1.evidence");
    // String length.
    let short = Limits::default().string_chars(5);
    let read = Options::new().limits(short).read_submission(&text);
    assert!(
        read.problems
            .iter()
            .any(|p| p.kind == ProblemKind::TooLarge && p.field == "unit.name")
    );
    // Nesting depth.
    let flat = Limits::default().depth(2);
    assert_eq!(
        Options::new().limits(flat).read_submission(&text).problems[0].kind,
        ProblemKind::TooLarge
    );
    // Methodology items.
    let src = catalog::source("commune-2024-model").unwrap();
    let few = Limits::default().items(10);
    let err = Options::new()
        .limits(few)
        .load_methodology(src)
        .unwrap_err();
    assert_eq!(err.problems()[0].kind, ProblemKind::TooLarge);
    // The defaults take a province-sized methodology and the samples.
    assert!(Options::new().load_methodology(src).is_ok());
    assert!(Options::new().read_submission(&text).problems.is_empty());
}
