//! The command-line tool as a user runs it: output, exit codes (0 ok, 1 invalid input,
//! 2 usage), errors on stderr.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_par-index"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn score_without_arguments_scores_the_bundled_sample() {
    let o = run(&["score"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // Hand-computed in tests/samples.rs: 67.53 + 26.76 + 1 = 95.29.
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .map(|l| l.split_whitespace().last())
    };
    assert_eq!(line("Chỉ số CCHC:"), Some(Some("95,29%")), "{out}");
    assert_eq!(line("Xếp loại:"), Some(Some("Tốt")), "{out}");
    insta::assert_snapshot!("score_default_text_vi", out);
}

#[test]
fn score_formats_and_languages() {
    let o = run(&[
        "score",
        "examples/data/xa-kien-quoc.json",
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("- **PAR Index:** 35.93%"), "{out}");
    assert!(out.contains("- **Band:** Poor"), "{out}");
    let o = run(&["score", "examples/data/xa-ung-hoe.json", "--format", "json"]);
    let card: par_index::Scorecard = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(card.index.to_string(), "94.23");
}

#[test]
fn score_with_the_item_table() {
    let o = run(&["score", "--items", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    // 3.4.2: 1 × 100 × 620 / (50 × 1400) = 0.8857… → 0.89, with its evidence number.
    assert!(
        out.contains("| 3.4.2 | Tỷ lệ giao dịch thanh toán trực tuyến | 1 | 0,89 |"),
        "{out}"
    );
    assert!(out.contains("| 28/BC-UBND |"), "{out}");
}

#[test]
fn score_with_a_methodology_file() {
    let o = run(&[
        "score",
        "examples/data/xa-nghia-an.json",
        "--methodology",
        "criteria/commune-2024-model.toml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("95,09%"));
    let o = run(&["score", "--methodology", "no-such-set"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("`no-such-set` is neither an embedded methodology"));
}

#[test]
fn invalid_input_exits_1_with_problems_on_stderr() {
    let dir = std::env::temp_dir().join(format!("par-index-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"methodology": "commune-2024-model", "unit": {"code": "X", "name": "Xã X"}, "period": "2024",
            "answers": {"3.2.1": {"num": 101, "den": 100}, "1.4.1": {"count": 1}}}"#,
    )
    .unwrap();
    let o = run(&["score", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    // Problems found against the methodology carry the line and column of the field too.
    assert!(
        err.contains(
            "bad.json:2:42: item 3.2.1: `answers.3.2.1.num`: num 101 is greater than den 100"
        ),
        "{err}"
    );
    assert!(
        err.contains("bad.json:2:69: item 1.4.1: `answers.1.4.1`"),
        "{err}"
    );
    let o = run(&[
        "validate",
        bad.to_str().unwrap(),
        "examples/data/xa-dong-tam.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("ok examples/data/xa-dong-tam.json"));
    assert!(stderr(&o).contains("1 of 2 files have problems"));
    // Problems of the text and problems against the methodology come in one pass.
    let both = dir.join("both.json");
    std::fs::write(
        &both,
        r#"{"methodology": "commune-2024-model", "unit": {"code": "X", "name": "Xã X"}, "period": "2024",
            "answers": {"1.1.1": {"due": "2024-02-30", "done": null}, "3.2.1": {"num": 101, "den": 100}}}"#,
    )
    .unwrap();
    let o = run(&["validate", both.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("item 1.1.1: `answers.1.1.1.due`: `2024-02-30` is not a date that exists"),
        "{err}"
    );
    assert!(
        err.contains("item 3.2.1: `answers.3.2.1.num`: num 101 is greater than den 100"),
        "{err}"
    );
    let missing = run(&["score", "no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("cannot read no/such/file.json"));
}

#[test]
fn validate_folders() {
    let o = run(&["validate", "criteria", "examples/data"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // The three methodologies and the code map of two, 5 samples, the district: 22
    // self-assessments, 32 stage files and the survey file; and the district's 22
    // self-assessments as Excel forms; the province: 22 scorecards of 2024, 77
    // self-assessments of 2025 and their survey file.
    assert_eq!(
        out.lines().filter(|l| l.starts_with("ok ")).count(),
        3 + 1 + 5 + 22 + 32 + 1 + 22 + 22 + 77 + 1,
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["score", "--format", "yaml"]).status.code(), Some(2));
    // A workbook is written to a file: without -o, a usage error.
    assert_eq!(run(&["score", "--format", "xlsx"]).status.code(), Some(2));
    assert_eq!(run(&["schema", "nope"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn schemas_and_methodologies() {
    for name in ["methodology", "submission", "scorecard", "case"] {
        let o = run(&["schema", name]);
        assert_eq!(o.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
    let o = run(&["methodologies"]);
    assert!(stdout(&o).starts_with("commune-2024-model\t"));
}

#[test]
fn validate_checks_submissions_against_methodologies_given_alongside() {
    let o = run(&["validate", "tests/fixtures"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("department-mini-sub.json: submission of Sở Thử Nghiệm (SO-TN), 6 answers, checked against so-mini-2025"));
    // Alone, the submission names a set that is not embedded.
    let o = run(&["validate", "tests/fixtures/department-mini-sub.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("unknown methodology `so-mini-2025`"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "score",
        "tests/fixtures/department-mini-sub.json",
        "-m",
        "tests/fixtures/department-mini.toml",
        "-f",
        "json",
    ]);
    let card: par_index::Scorecard = serde_json::from_slice(&o.stdout).unwrap();
    // Hand-computed in tests/custom.rs: 15.51 of 20 → 77.55.
    assert_eq!(card.index.to_string(), "77.55");
}

#[test]
fn files_in_other_encodings_and_with_a_bom() {
    let dir = std::env::temp_dir().join(format!("par-index-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // "Xã" in a legacy single-byte encoding: not UTF-8.
    let legacy = dir.join("legacy.json");
    std::fs::write(&legacy, b"{\"methodology\": \"commune-2024-model\", \"unit\": {\"code\": \"X\", \"name\": \"X\xe3\"}}").unwrap();
    let o = run(&["validate", legacy.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("legacy.json: the file is not UTF-8 text"),
        "{}",
        stderr(&o)
    );
    // UTF-8 with a byte-order mark, as Windows editors save it, is fine.
    let bom = dir.join("bom.json");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read("examples/data/xa-dong-tam.json").unwrap());
    std::fs::write(&bom, bytes).unwrap();
    let o = run(&["score", bom.to_str().unwrap(), "-f", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn test_runs_case_files_and_ends_with_the_count() {
    let o = run(&["test", "tests/cases"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    let last = out.lines().last().unwrap();
    let n: usize = last
        .strip_suffix(" passed, 0 failed")
        .unwrap()
        .parse()
        .unwrap();
    assert!(n >= 60, "{last}");
    // Coverage of the embedded set: nothing unreached.
    let o = run(&["test", "--coverage", "tests/cases"]);
    let out = stdout(&o);
    let model = out
        .split("coverage of ")
        .find(|s| s.starts_with("commune-2024-model"))
        .unwrap();
    assert!(model.contains("not reached: none"), "{model}");
    // Failing cases: exit 1, the report on stdout.
    let o = run(&["test", "tests/fixtures/failing.cases.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("FAIL tests/fixtures/failing.cases.toml: wrong tier"),
        "{out}"
    );
    assert_eq!(out.lines().last(), Some("1 passed, 4 failed"));
    // A folder without case files fails rather than passing with nothing run.
    let o = run(&["test", "examples"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("no case files"));
}

#[test]
fn verify_a_scorecard_and_an_edited_one() {
    let dir = std::env::temp_dir().join(format!("par-index-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let o = run(&["score", "examples/data/xa-kien-quoc.json", "-f", "json"]);
    let json = stdout(&o);
    let good = dir.join("card.json");
    std::fs::write(&good, &json).unwrap();
    let o = run(&["verify", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("verified: 54 items recomputed, hashes match"));
    // The index edited by hand: 35.93 → 53.93.
    let bad = dir.join("edited.json");
    std::fs::write(
        &bad,
        json.replace("\"index\": \"35.93\"", "\"index\": \"53.93\""),
    )
    .unwrap();
    let o = run(&["verify", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o).lines().next(),
        Some("index: recorded 53.93, recomputed 35.93")
    );
    assert!(stderr(&o).contains("edited.json: does not verify"));
    // Against a methodology file, and one that is not the methodology scored.
    let o = run(&[
        "verify",
        good.to_str().unwrap(),
        "-m",
        "criteria/commune-2024-model.toml",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&[
        "verify",
        good.to_str().unwrap(),
        "-m",
        "tests/fixtures/department-mini.toml",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .starts_with("methodology.id: recorded commune-2024-model, recomputed so-mini-2025")
    );
}

#[test]
fn explain_an_item() {
    let o = run(&["explain", "examples/data/xa-kien-quoc.json", "3.2.1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // 1420/1600 = 88.75% → tier 3; 90% of 1600 = 1440 → tier 2 (+1).
    assert!(out.contains("Số liệu: 1420/1600 = 88,75%"), "{out}");
    assert!(out.contains("  - đạt 1440/1600 (90%) → 2 (+1)"), "{out}");
    let o = run(&[
        "explain",
        "examples/data/xa-kien-quoc.json",
        "3.2.1",
        "--lang",
        "en",
    ]);
    assert!(stdout(&o).contains("  - reach 1520/1600 (95%) → 3 (+2)"));
    let o = run(&["explain", "examples/data/xa-kien-quoc.json", "9.9"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("has no item or area `9.9`"));
}

const D: &str = "examples/data/district";

#[test]
fn appraise_and_diff_a_unit() {
    let stage = |s: &str| format!("{D}/appraisals/NG-04.{s}.json");
    let sub = format!("{D}/NG-04.json");
    let survey = format!("{D}/survey.json");
    let (a1, ex, fin) = (stage("appraisal-1"), stage("explanation"), stage("final"));
    let args = [
        sub.as_str(),
        "-s",
        &a1,
        "-s",
        &ex,
        "-s",
        &fin,
        "--survey",
        &survey,
    ];
    let o = run(&[&["appraise"][..], &args[..]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for label in [
        "Tự chấm",
        "Thẩm định lần 1",
        "Giải trình",
        "Thẩm định chính thức",
        "# Biên bản thẩm định",
    ] {
        assert!(out.contains(label), "{label}: {out}");
    }
    let o = run(&[&["diff"][..], &args[..], &["--format", "csv"][..]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.starts_with("\u{feff}Mã,Nội dung,Tự chấm,Thẩm định chính thức,"));
    // Every change has its reason and who decided.
    for line in csv.lines().skip(1).filter(|l| {
        l.starts_with(|c: char| c.is_ascii_digit())
            && l.split(',').next().unwrap().matches('.').count() == 2
    }) {
        assert!(!line.ends_with(",,"), "no reason: {line}");
    }
    let o = run(&[
        &["diff"][..],
        &args[..],
        &["--from", "appraisal-1", "--to", "nope"][..],
    ]
    .concat());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no stage `nope`"));
}

#[test]
fn rank_a_district() {
    let survey = format!("{D}/survey.json");
    let o = run(&["rank", D, "--survey", &survey]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# Xếp hạng Chỉ số CCHC (commune-2024-model)"));
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("| ") && l.contains("(NG-"))
            .count(),
        22
    );
    // Piped: no progress bar, no escape codes.
    assert!(!stderr(&o).contains('\u{1b}'));
    let o = run(&["rank", D, "--survey", &survey, "-f", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 22);
    // Without --survey, the survey file in the folder is pointed out, not used.
    let o = run(&["rank", D]);
    assert!(stderr(&o).contains("looks like a survey file"));
    // A bad file: listed, the others ranked, exit 1.
    let dir = std::env::temp_dir().join(format!("par-index-rank-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(format!("{D}/NG-01.json"), dir.join("NG-01.json")).unwrap();
    std::fs::write(
        dir.join("bad.json"),
        "{\"methodology\": \"commune-2024-model\", \"unit\": 3}",
    )
    .unwrap();
    let o = run(&["rank", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("(NG-01)"));
    assert!(stderr(&o).contains("bad.json"), "{}", stderr(&o));
}

#[test]
fn gaps_and_readiness() {
    let survey = format!("{D}/survey.json");
    let o = run(&["gaps", &format!("{D}/NG-03.json"), "--survey", &survey]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("## Theo cơ quan chủ trì") && out.contains("Cách lấy lại điểm"));
    let o = run(&["gaps", D, "--survey", &survey, "-l", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("## Items that lose the most"));
    let o = run(&["readiness", &format!("{D}/NG-03.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Chưa sẵn sàng gửi."));
    let o = run(&["readiness", "examples/data/xa-dong-tam.json", "-l", "en"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Ready to send."));
}

/// An auditor verifies a folder of scorecards at once: one line per scorecard, the
/// differences of an edited one, exit code 1 when any does not verify.
#[test]
fn verify_a_folder_of_scorecards() {
    let dir = std::env::temp_dir().join(format!("par-index-verify-many-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["xa-kien-quoc", "xa-nghia-an"] {
        let o = run(&["score", &format!("examples/data/{name}.json"), "-f", "json"]);
        std::fs::write(dir.join(format!("{name}.json")), stdout(&o)).unwrap();
    }
    let o = run(&["verify", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
    assert!(
        stdout(&o)
            .lines()
            .all(|l| l.ends_with("verified: 54 items recomputed, hashes match"))
    );
    // The index of one edited by hand (35.93 → 53.93): its difference, and exit code 1.
    let kq = dir.join("xa-kien-quoc.json");
    let json = std::fs::read_to_string(&kq).unwrap();
    std::fs::write(
        &kq,
        json.replace("\"index\": \"35.93\"", "\"index\": \"53.93\""),
    )
    .unwrap();
    let o = run(&["verify", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("index: recorded 53.93, recomputed 35.93"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("1 of 2 scorecards do not verify"),
        "{}",
        stderr(&o)
    );
    // Files on record are for one scorecard.
    let o = run(&[
        "verify",
        dir.to_str().unwrap(),
        "--survey",
        "examples/data/district/survey.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn template_writes_a_form_that_every_command_reads() {
    let dir = std::env::temp_dir().join(format!("par-index-cli-form-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let blank = dir.join("blank.xlsx");
    let o = run(&[
        "template",
        "-o",
        blank.to_str().unwrap(),
        "--unit",
        "HP-001",
        "--name",
        "Xã An Hưng",
        "--period",
        "2025",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("the form of commune-2024-model (54 sub-criteria)"));
    // Nothing answered: every item unanswered, the index 0 (nothing claimed).
    let s = run(&["score", blank.to_str().unwrap(), "-f", "json"]);
    assert_eq!(s.status.code(), Some(0), "{}", stderr(&s));
    let card: serde_json::Value = serde_json::from_str(&stdout(&s)).unwrap();
    assert_eq!(card["unit"]["name"], "Xã An Hưng");
    assert_eq!(card["total"], "0");
    assert_eq!(card["unanswered"].as_array().unwrap().len(), 54);

    // Filled from the sample: the same scorecard as the JSON it came from.
    let filled = dir.join("dong-tam.xlsx");
    let sample = "examples/data/xa-dong-tam.json";
    let o = run(&[
        "template",
        "-o",
        filled.to_str().unwrap(),
        "--from",
        sample,
        "-l",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for cmd in [&["score"][..], &["readiness"], &["gaps"], &["explain"]] {
        let mut a: Vec<&str> = cmd.to_vec();
        let mut b = a.clone();
        a.push(filled.to_str().unwrap());
        b.push(sample);
        if cmd == ["explain"] {
            a.push("3.2.1");
            b.push("3.2.1");
        }
        let (x, y) = (run(&a), run(&b));
        assert_eq!(x.status.code(), y.status.code(), "{cmd:?}: {}", stderr(&x));
        assert_eq!(stdout(&x), stdout(&y), "{cmd:?}");
    }
    // The form on record verifies a scorecard made from the JSON: the same submission, the
    // same hash.
    let card = dir.join("card.json");
    let o = run(&["score", sample, "-f", "json", "-o", card.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let v = run(&[
        "verify",
        card.to_str().unwrap(),
        "--submission",
        filled.to_str().unwrap(),
    ]);
    assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
    let v = run(&["validate", filled.to_str().unwrap()]);
    assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
    assert!(stdout(&v).contains("submission of Xã Đồng Tâm (NG-01), 54 answers"));

    // A form that is not one: located, exit 1.
    std::fs::write(dir.join("bad.xlsx"), b"PK\x03\x04 not really").unwrap();
    let bad = run(&["score", dir.join("bad.xlsx").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("bad.xlsx: not a readable Excel workbook"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn excel_outputs_need_a_file_and_write_one() {
    let no_file = run(&["rank", "examples/data/district", "-f", "xlsx"]);
    assert_eq!(no_file.status.code(), Some(2));
    assert!(
        stderr(&no_file).contains("--output <OUTPUT>"),
        "{}",
        stderr(&no_file)
    );
    let dir = std::env::temp_dir().join(format!("par-index-cli-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (args, name) in [
        (&["score", "-f", "xlsx"][..], "card.xlsx"),
        (
            &["rank", "examples/data/district", "-f", "xlsx"],
            "rank.xlsx",
        ),
        (
            &["gaps", "examples/data/district", "-f", "xlsx"],
            "gaps.xlsx",
        ),
        (
            &["gaps", "examples/data/xa-nghia-an.json", "-f", "xlsx"],
            "unit-gaps.xlsx",
        ),
        (
            &[
                "diff",
                "examples/data/district/NG-04.json",
                "-s",
                "examples/data/district/appraisals/NG-04.final.json",
                "-f",
                "xlsx",
            ],
            "diff.xlsx",
        ),
    ] {
        let out = dir.join(name);
        let mut a = args.to_vec();
        a.extend(["-o", out.to_str().unwrap()]);
        let o = run(&a);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(&format!("wrote {}", out.display())));
        assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK", "{args:?}");
    }
    // Text formats go to the file too, as they would print.
    let md = dir.join("card.md");
    let o = run(&["score", "-f", "markdown", "-o", md.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        stdout(&run(&["score", "-f", "markdown"]))
    );
}

#[test]
fn verify_a_carried_scorecard_with_its_original_and_map() {
    let dir = std::env::temp_dir().join(format!("par-index-carried-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let card = dir.join("carried.json");
    let o = run(&[
        "score",
        "-m",
        "commune-2025-model",
        "--map",
        "criteria/maps/commune-2024-to-2025.map.toml",
        "--format",
        "json",
        "-o",
        card.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let card = card.to_str().unwrap();
    // The original (made for commune-2024-model) and the map on record: both match.
    let o = run(&[
        "verify",
        card,
        "--submission",
        "examples/data/xa-dong-tam.json",
        "--map",
        "criteria/maps/commune-2024-to-2025.map.toml",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("hashes match"), "{}", stdout(&o));
    // Another submission is not the one carried over.
    let o = run(&[
        "verify",
        card,
        "--submission",
        "examples/data/xa-kien-quoc.json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("submission_sha256: recorded"),
        "{}",
        stdout(&o)
    );
    // The record removed: the scorecard no longer hashes to what it says.
    let text = std::fs::read_to_string(card).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("carried_over");
    let edited = dir.join("removed.json");
    std::fs::write(&edited, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let o = run(&["verify", edited.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn template_refuses_a_unit_its_own_reader_would_refuse() {
    let out = std::env::temp_dir().join(format!("par-index-tpl-{}.xlsx", std::process::id()));
    let o = run(&[
        "template",
        "-o",
        out.to_str().unwrap(),
        "--unit",
        "HP 01",
        "--name",
        "Xã Một",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`unit.code`: `HP 01` is not a code"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists(), "nothing is written");
    // A code the reader takes: the form is written and reads back with it.
    let o = run(&[
        "template",
        "-o",
        out.to_str().unwrap(),
        "--unit",
        "HP-01",
        "--name",
        "Xã Một",
        "--period",
        "2025",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["validate", out.to_str().unwrap()]);
    assert!(stdout(&o).contains("(HP-01)"), "{}", stdout(&o));
    std::fs::remove_file(&out).unwrap();
}

#[test]
fn a_batch_refused_whole_says_that_nothing_was_ranked() {
    let dir = std::env::temp_dir().join(format!("par-index-over-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let unit = |i: usize| {
        format!(
            r#"{{"methodology": "commune-2024-model", "unit": {{"code": "U{i}", "name": "X"}}, "period": "2024", "answers": {{}}}}"#
        )
    };
    let n = par_index::Limits::default().batch_units + 1;
    let text = format!("[{}]", (0..n).map(unit).collect::<Vec<_>>().join(",\n"));
    std::fs::write(dir.join("all.json"), text).unwrap();
    let o = run(&["rank", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("nothing was scored"), "{err}");
    assert!(err.contains("nothing was ranked"), "{err}");
    assert!(!err.contains("the others are ranked"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
