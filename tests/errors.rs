//! Bad input: every problem named with file, item code and field; nothing panics; all
//! problems are reported at once. Snapshots pin the messages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{full, m, sub, with};
use par_index::{Error, Problem, ProblemKind, Submission, catalog, methodology, score};
use serde_json::json;

fn model() -> String {
    catalog::source("commune-2024-model").unwrap().to_owned()
}

/// Replace the first occurrence of `from` (which must exist) in the model text.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture text not found: {from}");
    text.replacen(from, to, 1)
}

fn problems_of(text: &str) -> Vec<Problem> {
    match methodology::load_str(text, Some("bad.toml")) {
        Err(Error::Invalid(p)) => p,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("loaded a bad methodology"),
    }
}

/// Assert a problem of `kind` at `code` and `field` exists, in file bad.toml.
fn has(problems: &[Problem], kind: ProblemKind, code: Option<&str>, field: &str) {
    let found = problems.iter().any(|p| {
        p.kind == kind
            && p.code.as_deref() == code
            && p.field == field
            && p.file.as_deref() == Some("bad.toml")
    });
    let all: Vec<String> = problems
        .iter()
        .map(|p| format!("{:?} {p}", p.kind))
        .collect();
    assert!(
        found,
        "no {kind} at {code:?} `{field}` in:\n{}",
        all.join("\n")
    );
}

const ITEM_112: &str = "code = \"1.1.2\"\ntitle = { vi = \"Mức độ hoàn thành nhiệm vụ của kế hoạch CCHC năm\", en = \"Completion of the tasks of the annual PAR plan\" }\nmax = 2\nrule = { kind = \"tiers\", on = \"ratio\", tiers = [{ at = 100, points = 2 }, { at = 80, points = 1 }] }";

fn item_112_rule(rule: &str) -> String {
    edit(
        &model(),
        ITEM_112,
        &ITEM_112.replace(
            "rule = { kind = \"tiers\", on = \"ratio\", tiers = [{ at = 100, points = 2 }, { at = 80, points = 1 }] }",
            rule,
        ),
    )
}

#[test]
fn the_embedded_methodology_is_valid() {
    let m = methodology::load_str(&model(), Some("criteria/commune-2024-model.toml")).unwrap();
    assert_eq!(m.leaves().count(), 54);
    assert_eq!(m.leaves().filter(|l| l.code().area() != "S").count(), 49);
}

#[test]
fn duplicate_code() {
    let p = problems_of(&edit(&model(), "code = \"1.1.2\"", "code = \"1.1.1\""));
    has(
        &p,
        ProblemKind::DuplicateCode,
        Some("1.1.1"),
        "items[2].code",
    );
}

#[test]
fn missing_parent() {
    let p = problems_of(&edit(&model(), "code = \"1.1.2\"", "code = \"1.9.2\""));
    has(
        &p,
        ProblemKind::MissingParent,
        Some("1.9.2"),
        "items[2].code",
    );
}

#[test]
fn parent_max_differs_from_children() {
    let text = edit(
        &model(),
        "code = \"1.1\"\ntitle = { vi = \"Kế hoạch CCHC năm\", en = \"Annual PAR plan\" }\nmax = 3",
        "code = \"1.1\"\ntitle = { vi = \"Kế hoạch CCHC năm\", en = \"Annual PAR plan\" }\nmax = 4",
    );
    let p = problems_of(&text);
    // 1.1 says 4 but 1.1.1 + 1.1.2 = 1 + 2 = 3; area 1 says 12 but its criteria now add to 13.
    has(&p, ProblemKind::SumMismatch, Some("1.1"), "items[0].max");
    has(&p, ProblemKind::SumMismatch, Some("1"), "areas[0].max");
}

#[test]
fn total_does_not_add_up() {
    let p = problems_of(&edit(&model(), "max = 100\n", "max = 101\n"));
    has(&p, ProblemKind::SumMismatch, None, "max");
    let p = problems_of(&edit(&model(), "survey_max = 30", "survey_max = 25"));
    has(&p, ProblemKind::SumMismatch, None, "survey_max");
}

#[test]
fn tiers_not_strictly_ordered() {
    let p = problems_of(&item_112_rule(
        "rule = { kind = \"tiers\", on = \"ratio\", tiers = [{ at = 80, points = 2 }, { at = 80, points = 1 }] }",
    ));
    has(
        &p,
        ProblemKind::BadTiers,
        Some("1.1.2"),
        "items[2].rule.tiers[1].at",
    );
}

#[test]
fn tier_points_exceed_max_or_do_not_decrease() {
    let p = problems_of(&item_112_rule(
        "rule = { kind = \"tiers\", on = \"ratio\", tiers = [{ at = 100, points = 3 }, { at = 80, points = 3 }] }",
    ));
    has(
        &p,
        ProblemKind::BadTiers,
        Some("1.1.2"),
        "items[2].rule.tiers[0].points",
    );
    has(
        &p,
        ProblemKind::BadTiers,
        Some("1.1.2"),
        "items[2].rule.tiers[1].points",
    );
}

#[test]
fn ratio_threshold_above_100_needs_over_100() {
    let p = problems_of(&item_112_rule(
        "rule = { kind = \"tiers\", on = \"ratio\", tiers = [{ at = 120, points = 2 }] }",
    ));
    has(
        &p,
        ProblemKind::BadTiers,
        Some("1.1.2"),
        "items[2].rule.tiers[0].at",
    );
}

#[test]
fn proportional_target_must_be_positive() {
    let p = problems_of(&item_112_rule(
        "rule = { kind = \"proportional\", target = 0 }",
    ));
    has(
        &p,
        ProblemKind::BadRule,
        Some("1.1.2"),
        "items[2].rule.target",
    );
    let p = problems_of(&item_112_rule(
        "rule = { kind = \"proportional\", target = 80, floor = 90 }",
    ));
    has(
        &p,
        ProblemKind::BadRule,
        Some("1.1.2"),
        "items[2].rule.floor",
    );
}

#[test]
fn unknown_keys_are_errors() {
    let p = problems_of(&edit(&model(), "bonus_cap = 2", "bonus_capp = 2"));
    has(&p, ProblemKind::UnknownKey, None, "bonus_capp");
    has(&p, ProblemKind::MissingKey, None, "bonus_cap");
    let p = problems_of(&item_112_rule(
        "rule = { kind = \"tiers\", on = \"ratio\", tier = [{ at = 100, points = 2 }] }",
    ));
    has(
        &p,
        ProblemKind::UnknownKey,
        Some("1.1.2"),
        "items[2].rule.tier",
    );
}

#[test]
fn unknown_rule_kind() {
    let p = problems_of(&item_112_rule("rule = { kind = \"ratio\" }"));
    has(
        &p,
        ProblemKind::BadRule,
        Some("1.1.2"),
        "items[2].rule.kind",
    );
}

#[test]
fn unknown_na_policy() {
    let p = problems_of(&edit(&model(), "na = \"full\"", "na = \"skip\""));
    has(&p, ProblemKind::BadValue, Some("1.3.1"), "items[6].na");
}

#[test]
fn criterion_with_rule_and_leaf_without() {
    let p = problems_of(&edit(
        &model(),
        "max = 3\nsource = \"II.1\"",
        "max = 3\nrule = { kind = \"check\" }\nsource = \"II.1\"",
    ));
    has(&p, ProblemKind::BadRule, Some("1.1"), "items[0].rule");
    let p = problems_of(&edit(
        &model(),
        "rule = { kind = \"deadline\", late = 0.5 }\n",
        "",
    ));
    has(&p, ProblemKind::MissingKey, Some("1.1.1"), "items[1].rule");
}

#[test]
fn bands_must_be_ordered_and_reach_zero() {
    let p = problems_of(&edit(&model(), "min = 70", "min = 95"));
    has(&p, ProblemKind::BadBands, None, "bands[1].min");
    let p = problems_of(&edit(&model(), "min = 0\n", "min = 10\n"));
    has(&p, ProblemKind::BadBands, None, "bands[3].min");
}

#[test]
fn numbers_are_exact_never_floats() {
    // In f64, 0.1 + 0.2 != 0.3; in the methodology they must add up exactly.
    let text = edit(
        &model(),
        "max = 0.5\nrule = { kind = \"check\" }\nsource = \"II.1\"",
        "max = 0.3\nrule = { kind = \"check\" }\nsource = \"II.1\"",
    );
    let text = edit(
        &text,
        "max = 1.5\nrule = { kind = \"tiers\", on = \"ratio\", tiers = [{ at = 100, points = 1.5 }, { at = 70, points = 0.75 }] }",
        "max = 1.7\nrule = { kind = \"tiers\", on = \"ratio\", tiers = [{ at = 100, points = 1.7 }, { at = 70, points = 0.75 }] }",
    );
    // 1.4 = 1.4.1 + 1.4.2 = 0.3 + 1.7 = 2: still valid.
    assert!(methodology::load_str(&text, None).is_ok());
    let text = edit(&text, "max = 0.3\n", "max = 0.1\n");
    let text = text.replacen("code = \"1.4.2\"", "code = \"1.4.3\"\ntitle = { vi = \"x\" }\nmax = 0.2\nrule = { kind = \"check\" }\n\n[[items]]\ncode = \"1.4.2\"", 1);
    // 0.1 + 0.2 + 1.7 = 2 exactly.
    assert!(
        methodology::load_str(&text, None).is_ok(),
        "{:?}",
        methodology::load_str(&text, None).err()
    );
}

#[test]
fn toml_syntax_error_has_a_position() {
    let p = problems_of("id = \"x\"\ntitle = {\n");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProblemKind::Syntax);
    assert!(p[0].position.is_some());
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut text = edit(&model(), "bonus_cap = 2", "bonus_cap = -2");
    text = edit(&text, "code = \"1.1.2\"", "code = \"1.1.1\"");
    text = edit(&text, "na = \"full\"", "na = \"sometimes\"");
    text = edit(
        &text,
        "rule = { kind = \"deadline\", late = 0.5 }",
        "rule = { kind = \"deadline\", late = 0.5, lat = 1 }",
    );
    text = edit(
        &text,
        "{ at = 95, points = 3 }, { at = 90, points = 2 }",
        "{ at = 90, points = 3 }, { at = 95, points = 2 }",
    );
    text = edit(
        &text,
        "label = { vi = \"Khá\", en = \"Fair\" }",
        "label = { vi = \"Khá\", en = \"Fair\", fr = \"Assez bien\" }",
    );
    let err = methodology::load_str(&text, Some("bad.toml")).unwrap_err();
    insta::assert_snapshot!("methodology_many_problems", err.to_string());
}

fn sub_problems(doc: &serde_json::Value) -> Vec<Problem> {
    let s = Submission::from_json(&doc.to_string());
    match s {
        Err(e) => e.problems().to_vec(),
        Ok(s) => match score(m(), &s) {
            Err(e) => e.problems().to_vec(),
            Ok(_) => panic!("a bad submission scored"),
        },
    }
}

fn sub_has(p: &[Problem], kind: ProblemKind, code: Option<&str>, field: &str) {
    let all: Vec<String> = p.iter().map(|p| format!("{:?} {p}", p.kind)).collect();
    assert!(
        p.iter()
            .any(|x| x.kind == kind && x.code.as_deref() == code && x.field == field),
        "no {kind} at {code:?} `{field}` in:\n{}",
        all.join("\n")
    );
}

#[test]
fn submission_unknown_code_and_group() {
    let p = sub_problems(&with(
        full(),
        &[
            ("9.9.9", json!({"met": true})),
            ("1.1", json!({"met": true})),
        ],
    ));
    sub_has(&p, ProblemKind::UnknownCode, Some("9.9.9"), "answers.9.9.9");
    sub_has(&p, ProblemKind::UnknownCode, Some("1.1"), "answers.1.1");
}

#[test]
fn submission_wrong_measure() {
    let p = sub_problems(&with(
        full(),
        &[
            ("1.4.1", json!({"count": 1})),
            ("S.1", json!({"points": 5})),
        ],
    ));
    sub_has(
        &p,
        ProblemKind::WrongMeasure,
        Some("1.4.1"),
        "answers.1.4.1",
    );
    sub_has(&p, ProblemKind::WrongMeasure, Some("S.1"), "answers.S.1");
}

#[test]
fn submission_num_above_den() {
    let p = sub_problems(&with(full(), &[("3.2.1", json!({"num": 101, "den": 100}))]));
    sub_has(
        &p,
        ProblemKind::RatioAboveOne,
        Some("3.2.1"),
        "answers.3.2.1.num",
    );
}

#[test]
fn submission_negative_counts() {
    let p = sub_problems(&with(
        full(),
        &[
            ("3.2.1", json!({"num": -1, "den": 100})),
            ("1.2.1", json!({"count": -2})),
            ("1..2", json!({"count": 1})),
        ],
    ));
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("3.2.1"),
        "answers.3.2.1.num",
    );
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("1.2.1"),
        "answers.1.2.1.count",
    );
    sub_has(&p, ProblemKind::BadValue, Some("1..2"), "answers.1..2");
}

#[test]
fn submission_not_applicable_where_not_allowed() {
    let p = sub_problems(&with(
        full(),
        &[
            ("1.1.2", json!({"not_applicable": true})),
            ("1.4.2", json!({"num": 0, "den": 0})),
        ],
    ));
    sub_has(
        &p,
        ProblemKind::NotApplicableRejected,
        Some("1.1.2"),
        "answers.1.1.2",
    );
    sub_has(
        &p,
        ProblemKind::NotApplicableRejected,
        Some("1.4.2"),
        "answers.1.4.2",
    );
}

#[test]
fn submission_survey_needs_a_ratio_in_0_1() {
    let p = sub_problems(&with(
        full(),
        &[
            ("S.1", json!({"satisfaction": "1.2"})),
            ("S.2", json!({"satisfaction": "-0.1"})),
        ],
    ));
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("S.1"),
        "answers.S.1.satisfaction",
    );
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("S.2"),
        "answers.S.2.satisfaction",
    );
    let mut doc = full();
    doc["survey_held"] = json!(false);
    let p = sub_problems(&doc);
    sub_has(&p, ProblemKind::WrongMeasure, Some("S.1"), "answers.S.1");
}

#[test]
fn submission_dates_must_exist() {
    let p = sub_problems(&with(
        full(),
        &[("1.1.1", json!({"due": "2024-02-30", "done": "15/01/2024"}))],
    ));
    sub_has(&p, ProblemKind::BadDate, Some("1.1.1"), "answers.1.1.1.due");
    sub_has(
        &p,
        ProblemKind::BadDate,
        Some("1.1.1"),
        "answers.1.1.1.done",
    );
}

#[test]
fn submission_judgement_bounds_and_step() {
    let p = sub_problems(&with(full(), &[("1.6.1", json!({"points": "1.3"}))]));
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("1.6.1"),
        "answers.1.6.1.points",
    );
    let p = sub_problems(&with(full(), &[("1.6.1", json!({"points": 2}))]));
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("1.6.1"),
        "answers.1.6.1.points",
    );
}

#[test]
fn submission_methodology_mismatch() {
    let mut doc = full();
    doc["methodology"] = json!("district-2024");
    let p = sub_problems(&doc);
    sub_has(&p, ProblemKind::MethodologyMismatch, None, "methodology");
}

#[test]
fn submission_json_syntax_and_duplicates() {
    let e =
        Submission::from_json("{\n  \"methodology\": \"x\",\n  \"period\": 2024,\n}").unwrap_err();
    assert_eq!(e.problems()[0].position, Some((4, 1)));
    let e =
        Submission::from_json(r#"{"answers": {"1.1.1": {"met": true}, "1.1.1": {"met": false}}}"#)
            .unwrap_err();
    assert!(e.problems()[0].message.contains("duplicate key `1.1.1`"));
}

#[test]
fn submission_many_problems_at_once() {
    let mut doc = with(
        full(),
        &[
            ("9.9.9", json!({"met": true})),
            ("1.4.1", json!({"count": 1})),
            ("3.2.1", json!({"num": 101, "den": 100})),
            ("1.2.1", json!({"count": -2})),
            ("1.1.2", json!({"not_applicable": true})),
            ("S.1", json!({"satisfaction": "1.2"})),
            ("1.1.1", json!({"due": "2024-02-30", "done": null})),
            ("4.1.1", json!({"met": true, "evidance": []})),
            ("4.1.2", json!({"explanation": "đã bố trí đủ"})),
            ("5.1.1", json!({"met": true, "num": 1, "den": 1})),
            (
                "6.1.1",
                json!({"met": true, "evidence": [{"number": "1/QĐ-UBND", "date": "2024-13-01", "title": "x"}]}),
            ),
        ],
    );
    doc["unit"] = json!({"code": "X"});
    let e = Submission::from_json(&doc.to_string()).unwrap_err();
    insta::assert_snapshot!("submission_structural_problems", e.to_string());
    // After structural problems are fixed, the checks against the methodology report the rest.
    let doc = with(
        full(),
        &[
            ("9.9.9", json!({"met": true})),
            ("1.4.1", json!({"count": 1})),
            ("3.2.1", json!({"num": 101, "den": 100})),
            ("1.1.2", json!({"not_applicable": true})),
            ("1.6.1", json!({"points": "1.3"})),
        ],
    );
    let e = score(m(), &sub(&doc)).unwrap_err();
    insta::assert_snapshot!(
        "submission_methodology_problems",
        e.in_file("xa-x.json").to_string()
    );
}

#[test]
fn maxima_keep_to_two_decimals() {
    let p = problems_of(&edit(
        &model(),
        "max = 0.5\nrule = { kind = \"check\" }\nsource = \"II.1\"",
        "max = 0.125\nrule = { kind = \"check\" }\nsource = \"II.1\"",
    ));
    has(&p, ProblemKind::BadValue, Some("1.4.1"), "items[8].max");
}

#[test]
fn submissions_built_in_code_are_checked_too() {
    use par_index::{methodology::Measure, submission::AdjustmentEntry, submission::Answer};
    use rust_decimal::Decimal;
    let mut s = sub(&full());
    let mut put = |code: &str, m: Measure| {
        s.answers.insert(code.parse().unwrap(), Answer::new(m));
    };
    put(
        "S.1",
        Measure::Satisfaction {
            satisfaction: Decimal::new(15, 1),
        },
    );
    put(
        "3.2.1",
        Measure::Ratio {
            num: Decimal::from(-5),
            den: Decimal::from(10),
        },
    );
    put(
        "1.3.1",
        Measure::NotApplicable {
            not_applicable: false,
        },
    );
    s.bonus.push(AdjustmentEntry {
        amount: Decimal::from(-1),
        reason: "x".into(),
        evidence: vec![],
    });
    let p = score(m(), &s).unwrap_err().problems().to_vec();
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("S.1"),
        "answers.S.1.satisfaction",
    );
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("3.2.1"),
        "answers.3.2.1.num",
    );
    sub_has(
        &p,
        ProblemKind::BadValue,
        Some("1.3.1"),
        "answers.1.3.1.not_applicable",
    );
    sub_has(&p, ProblemKind::BadValue, None, "bonus[0].amount");
}

/// Failures are typed as they go up: a batch's failures, a walk's problems and a
/// verification's outcome carry `Error`s whose kind and file a caller can match on, never
/// their text.
#[test]
fn failures_are_typed_end_to_end() {
    let dir = std::env::temp_dir().join(format!("par-index-typed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("examples/data/xa-dong-tam.json", dir.join("a.json")).unwrap();
    std::fs::copy("examples/data/xa-dong-tam.json", dir.join("b.json")).unwrap();
    // A stage of a unit with no self-assessment in the batch.
    let stage =
        std::fs::read_to_string("examples/data/district/appraisals/NG-02.final.json").unwrap();
    std::fs::write(dir.join("s.json"), stage).unwrap();
    let batch = par_index::Options::new().read_batch(&[&dir], None, &mut |_, _| {});
    assert_eq!(batch.units.len(), 1);
    let by_file = |name: &str| {
        let shown = dir.join(name).display().to_string();
        batch
            .failures
            .iter()
            .find(|f| f.file == shown)
            .unwrap_or_else(|| panic!("no failure of {shown}: {:?}", batch.failures))
    };
    let twice = &by_file("b.json").error.problems()[0];
    assert_eq!(twice.kind, ProblemKind::DuplicateCode);
    assert_eq!(
        twice.file.as_deref(),
        Some(&*dir.join("b.json").display().to_string())
    );
    let stray = &by_file("s.json").error.problems()[0];
    assert_eq!(stray.kind, ProblemKind::UnknownCode);
    assert!(stray.message.contains("NG-02"), "{stray}");
    // Written into JSON as its message, as before.
    let json = serde_json::to_value(&batch.failures[0]).unwrap();
    assert_eq!(json["error"], batch.failures[0].error.to_string());

    // A walk: a path that is not there is an I/O error, an empty folder nothing to read.
    let w = par_index::files::walk_inputs(&[dir.join("none")], &["json"]);
    assert!(
        matches!(&w.problems[0], Error::Io { .. }),
        "{:?}",
        w.problems
    );
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let w = par_index::files::walk_inputs(&[&empty], &["json"]);
    assert!(matches!(
        w.nothing_found(&[&empty], ".json"),
        Some(Error::NothingToRead { skipped: 0, .. })
    ));

    // Verification of a file that is no scorecard: the reader's problems, located.
    let out = par_index::Options::new().verify_files(&[dir.join("a.json")], &mut |_, _| {});
    let Err(e) = &out.value[0].outcome else {
        panic!("a self-assessment verified as a scorecard")
    };
    assert!(!e.problems().is_empty());
    assert!(
        e.problems()
            .iter()
            .all(|p| p.file.as_deref() == Some(&*dir.join("a.json").display().to_string()))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
