//! Hostile inputs, generated here (not committed): inputs that would exhaust the machine get a
//! clear `too-large` error, read no further than the limits allow; folders with loops, no
//! files or unreadable entries are walked once, reported and never pass as "nothing wrong".
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use par_index::{Limits, ProblemKind, Scorecard, Submission, catalog, methodology};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_par-index"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("par-index-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn first_kind(e: &par_index::Error) -> ProblemKind {
    e.problems()
        .first()
        .map(|p| p.kind)
        .unwrap_or_else(|| panic!("{e}"))
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_read_only_up_to_the_limit() {
    let err = Submission::from_file("/dev/zero").unwrap_err();
    assert_eq!(first_kind(&err), ProblemKind::TooLarge, "{err}");
    assert!(err.to_string().contains("/dev/zero"), "{err}");
    let o = run(&["score", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("over the limit"), "{}", stderr(&o));
}

#[test]
fn a_huge_array_under_an_unknown_key_stops_at_the_array_limit() {
    // 20 MB: ten million zeros under a key the format does not know.
    let mut text = catalog::sample_source().replacen('{', "{\"x\": [", 1);
    let at = text.find('[').unwrap() + 1;
    text.insert_str(at, &"0,".repeat(10_000_000));
    text = text.replacen("0,\"", "0], \"", 1);
    let err = Submission::from_json(&text).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind, ProblemKind::TooLarge, "{err}");
    assert_eq!(p.field, "x");
    assert!(p.message.contains("more than 100000 elements"), "{err}");
}

#[test]
fn an_object_of_many_keys_stops_at_the_key_limit_and_duplicates_are_found_in_linear_time() {
    let keys = |n: usize| {
        (0..n)
            .map(|i| format!("\"k{i}\": 0"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let err = Submission::from_json(&format!("{{{}}}", keys(100_000))).unwrap_err();
    assert_eq!(first_kind(&err), ProblemKind::TooLarge, "{err}");
    // 9,999 keys and the first one again: found (a quadratic check would take seconds).
    let text = format!("{{{}, \"k0\": 1}}", keys(9_999));
    let err = Submission::from_json(&text).unwrap_err();
    assert_eq!(first_kind(&err), ProblemKind::DuplicateKey, "{err}");
    assert_eq!(err.problems()[0].field, "k0");
}

#[test]
fn a_document_of_many_small_values_stops_at_the_value_limit() {
    // 100 arrays of 20,000 elements: under the array limit, over the value limit.
    let inner = format!("[{}]", vec!["0"; 20_000].join(","));
    let text = format!("{{\"x\": [{}]}}", vec![inner.as_str(); 100].join(","));
    let err = Submission::from_json(&text).unwrap_err();
    assert_eq!(first_kind(&err), ProblemKind::TooLarge, "{err}");
    assert!(
        err.to_string().contains("more than 1000000 values"),
        "{err}"
    );
}

#[test]
fn a_batch_array_over_the_unit_limit_is_refused_whole() {
    let dir = temp("batch");
    let unit = |i: usize| {
        format!(
            r#"{{"methodology": "commune-2024-model", "unit": {{"code": "U{i}", "name": "X"}}, "period": "2024", "answers": {{}}}}"#
        )
    };
    let n = Limits::default().batch_units + 1;
    let text = format!("[{}]", (0..n).map(unit).collect::<Vec<_>>().join(",\n"));
    std::fs::write(dir.join("all.json"), text).unwrap();
    let batch = par_index::Options::new().read_batch(&[&dir], None, &mut |_, _| {});
    assert!(batch.units.is_empty());
    assert_eq!(batch.failures.len(), 1);
    assert!(
        batch.failures[0]
            .error
            .to_string()
            .contains("more than 20000 units"),
        "{}",
        batch.failures[0].error
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn codes_nested_past_the_limit_are_refused_at_load() {
    // ~900 levels: no stack overflow, one clear problem.
    let deep: Vec<String> = (0..900).map(|_| "1".to_owned()).collect();
    let text = catalog::source(catalog::DEFAULT_ID).unwrap().replacen(
        "code = \"1.1.1\"",
        &format!("code = \"{}\"", deep.join(".")),
        1,
    );
    let err = methodology::load_str(&text, Some("deep.toml")).unwrap_err();
    assert!(
        err.problems()
            .iter()
            .any(|p| p.kind == ProblemKind::TooLarge && p.message.contains("has 900 levels")),
        "{err}"
    );
}

#[test]
fn a_scorecard_nested_too_deep_is_a_located_problem() {
    let card = par_index::catalog::sample_scorecard().to_json();
    let deep = card.replacen(
        "\"period\":",
        &format!("\"x\": {}0{}, \"period\":", "[".repeat(70), "]".repeat(70)),
        1,
    );
    let err = Scorecard::from_json(&deep).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind, ProblemKind::TooLarge, "{err}");
    assert!(p.position.is_some());
    // A truncated scorecard says so in the format's words, not serde's.
    let err = Scorecard::from_json(&card[..card.len() / 2]).unwrap_err();
    assert!(!err.to_string().contains("EOF"), "{err}");
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn nothing_to_check_is_an_error_in_every_command() {
    let empty = temp("empty");
    let other = temp("other");
    write(&other, "notes.txt", "x");
    for dir in [&empty, &other] {
        let d = dir.to_str().unwrap();
        for args in [
            vec!["validate", d],
            vec!["rank", d],
            vec!["gaps", d],
            vec!["test", d],
        ] {
            let o = run(&args);
            let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
            assert_eq!(o.status.code(), Some(1), "{args:?}: {said}");
            assert!(said.contains(": no "), "{args:?}: {said}");
        }
    }
    // An upper-case extension is still JSON.
    let upper = temp("upper");
    std::fs::copy("examples/data/xa-dong-tam.json", upper.join("XA.JSON")).unwrap();
    let o = run(&["validate", upper.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for d in [empty, other, upper] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[cfg(unix)]
#[test]
fn loops_are_walked_once_and_unreadable_entries_do_not_stop_the_rest() {
    let dir = temp("loop");
    std::fs::copy("examples/data/xa-dong-tam.json", dir.join("a.json")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.join("a.json"), dir.join("b.json")).unwrap();
    std::os::unix::fs::symlink(dir.join("missing"), dir.join("dangling.json")).unwrap();
    let d = dir.to_str().unwrap();
    let o = run(&["validate", d]);
    let out = String::from_utf8_lossy(&o.stdout);
    // The one real file once, the dangling link reported, exit 1.
    assert_eq!(out.matches("ok ").count(), 1, "{out}");
    assert!(stderr(&o).contains("dangling.json"), "{}", stderr(&o));
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["test", d]);
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Names that try to run in a spreadsheet, add a Markdown row or drive a terminal come out
/// as text.
#[test]
fn names_cannot_inject_into_reports() {
    let dir = temp("inject");
    let base = std::fs::read_to_string("examples/data/xa-dong-tam.json").unwrap();
    let names = [
        ("NG-01", r#"=HYPERLINK(\"http://evil\",\"Xã A\")"#),
        ("NG-02", r"Xã B | 99 | fake |\n| 1 | Xã giả | 100"),
        ("NG-03", r"Xã C\u001b[2J\u001b]0;pwned\u0007\u202e"),
    ];
    for (code, name) in names {
        let text = base
            .replacen("\"NG-01\"", &format!("\"{code}\""), 1)
            .replacen("\"Xã Đồng Tâm\"", &format!("\"{name}\""), 1);
        write(&dir, &format!("{code}.json"), &text);
    }
    let d = dir.to_str().unwrap();
    let csv = run(&["rank", d, "--format", "csv"]);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
    assert!(!csv.contains(",=") && !csv.contains(",\"="), "{csv}");
    let md = run(&["rank", d, "--format", "markdown"]);
    let md = String::from_utf8(md.stdout).unwrap();
    // Header, rule and three units: no fourth row.
    let ranking_rows = md
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with('|'))
        .count();
    assert_eq!(ranking_rows, 2 + 3, "{md}");
    assert!(md.contains(r"Xã B \| 99 \| fake \|"), "{md}");
    for out in [&csv, &md] {
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "a control character reached the output"
        );
    }
    assert!(md.contains(r"\u001b[2J"), "{md}");
    // The text scorecard and the errors too.
    let o = run(&["score", &format!("{d}/NG-03.json")]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        !out.contains('\u{1b}') && out.contains(r"Xã C\u001b"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Stages have one order everywhere, and a code matches exactly or not at all.
#[test]
fn stages_in_no_stated_order_and_near_miss_codes_are_refused() {
    let dir = temp("stages");
    let d = dir.to_str().unwrap();
    std::fs::copy("examples/data/district/NG-05.json", dir.join("NG-05.json")).unwrap();
    let first = std::fs::read_to_string("examples/data/district/appraisals/NG-05.appraisal-1.json")
        .unwrap();
    write(&dir, "a.json", &first);
    // A second stage of the same date deciding 3.2.1 too, with no sequence.
    let second = r#"{"kind": "appraisal", "stage": "review", "methodology": "commune-2024-model",
      "unit": "NG-05", "by": "Phòng Nội vụ", "date": "2025-01-10",
      "decisions": {"3.2.1": {"measure": {"num": 120, "den": 150}, "reason": "Số liệu khác"}}}"#
        .to_owned();
    write(&dir, "b.json", &second);
    for args in [vec!["rank", d], vec!["validate", d]] {
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("a.json") && err.contains("b.json") && err.contains("sequence"),
            "{args:?}: {err}"
        );
    }
    // With a sequence the order is stated, and both commands agree.
    write(
        &dir,
        "b.json",
        &second.replace(
            "\"date\": \"2025-01-10\"",
            "\"date\": \"2025-01-10\", \"sequence\": 2",
        ),
    );
    for args in [vec!["rank", d], vec!["validate", d]] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    // Two stages with one name.
    write(
        &dir,
        "b.json",
        &first.replace("\"date\": \"2025-01-10\"", "\"date\": \"2025-01-11\""),
    );
    let o = run(&["rank", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("two stages named `appraisal-1`"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(dir.join("b.json")).unwrap();
    // A stage that `rank` refuses (evidence the unit never cited) fails `validate` too.
    write(
        &dir,
        "a.json",
        &first.replace("\"34/BC-UBND\"", "\"99/XX\""),
    );
    for args in [vec!["rank", d], vec!["validate", d]] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains("a.json:"), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("99/XX"), "{args:?}: {}", stderr(&o));
    }
    // A unit given twice under codes that differ only in case.
    write(&dir, "a.json", &first);
    let twin = std::fs::read_to_string("examples/data/district/NG-05.json")
        .unwrap()
        .replace("\"NG-05\"", "\"ng-05\"");
    write(&dir, "twin.json", &twin);
    let o = run(&["rank", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("only in case"), "{}", stderr(&o));
    std::fs::remove_file(dir.join("twin.json")).unwrap();
    // A survey that lists the unit as ng-05: reported, not applied.
    let survey = std::fs::read_to_string("examples/data/district/survey.json")
        .unwrap()
        .replace("\"NG-05\"", "\"ng-05\"");
    write(&dir, "survey.txt", &survey);
    let o = run(&["rank", d, "--survey", &format!("{d}/survey.txt")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("survey.txt"), "{}", stderr(&o));
    assert!(stderr(&o).contains("only in case"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_toml_file_of_a_million_keys_is_refused_before_it_is_parsed() {
    let text: String = (0..1_000_000).map(|i| format!("k{i} = 0\n")).collect();
    let err = methodology::load_str(&text, Some("keys.toml")).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind, ProblemKind::TooLarge, "{err}");
    assert!(p.message.contains("nothing was parsed"), "{err}");
    // An array of four million elements, and brackets nested 100,000 deep.
    let text = format!("a = [{}]\n", "0,".repeat(4_000_000));
    assert_eq!(
        first_kind(&methodology::load_str(&text, None).unwrap_err()),
        ProblemKind::TooLarge
    );
    let text = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert!(methodology::load_str(&text, None).is_err());
}
