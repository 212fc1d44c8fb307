//! The conformance corpus in `tests/cases/` (TOML case files, see `docs/case-format.md`), run
//! through the same runner as `par-index test`: every expected value in it is computed by
//! hand from `criteria/commune-2024-model.toml` and `docs/semantics.md`, with the arithmetic
//! in each case's `note`. Also: the shape of the case format's problems, of a failure report
//! and of the coverage report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{dec, full, m, sub, with};
use par_index::conformance::{self, Expect};
use par_index::{methodology::Branch, score};
use serde_json::{Value, json};

#[test]
fn the_corpus_passes() {
    let run = conformance::run(&["tests/cases"]);
    assert_eq!(run.failed(), 0, "{}", run.report());
    assert!(run.passed() >= 60, "only {} cases", run.passed());
    assert_eq!(
        run.report(),
        format!("{} passed, 0 failed\n", run.passed()),
        "the closing line is exactly `N passed, N failed`"
    );
}

#[test]
fn good_cases_score_and_bad_cases_expect_errors() {
    let mut good = 0;
    for entry in ["tests/cases/good", "tests/cases/bad"] {
        let run = conformance::run(&[entry]);
        assert_eq!(run.failed(), 0, "{}", run.report());
        for r in &run.results {
            // A good case has a scorecard; a bad case never does.
            assert_eq!(
                r.scorecard.is_some(),
                entry.ends_with("good"),
                "{}: {}",
                r.file,
                r.name
            );
        }
        if entry.ends_with("good") {
            good = run.results.len();
        }
    }
    assert!(good >= 60, "only {good} good cases");
    // Every bad case names the error it expects.
    let bad = std::fs::read_dir("tests/cases/bad").unwrap();
    for f in bad.filter_map(|e| e.ok()).map(|e| e.path()) {
        if f.to_string_lossy().ends_with(".cases.toml") {
            let file = conformance::load_cases(&f).unwrap();
            assert!(
                file.cases
                    .iter()
                    .all(|c| matches!(c.expect, Expect::Error(_)))
            );
        }
    }
}

#[test]
fn the_corpus_reaches_every_branch_of_the_embedded_set() {
    let run = conformance::run(&["tests/cases"]);
    let cov = run.coverage();
    let model = cov
        .iter()
        .find(|c| c.methodology == "commune-2024-model")
        .unwrap();
    let unreached: Vec<_> = model.unreached().collect();
    assert!(unreached.is_empty(), "{}", model.render(false));
    assert_eq!(model.items.len(), 54);
    insta::assert_snapshot!("coverage-commune-2024-model", model.render(true));
}

#[test]
fn a_failing_case_shows_expected_against_actual_and_the_trace() {
    let run = conformance::run(&["tests/fixtures/failing.cases.toml"]);
    assert_eq!((run.passed(), run.failed()), (1, 4));
    insta::assert_snapshot!("failure-report", run.report());
}

#[test]
fn case_file_problems_are_all_reported_with_positions() {
    let text = std::fs::read_to_string("tests/bad/cases/broken.cases.toml").unwrap();
    let err = conformance::load_cases_str(&text, "broken.cases.toml", "tests/bad/cases".as_ref())
        .unwrap_err();
    let kinds: Vec<&str> = err.problems().iter().map(|p| p.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "duplicate-name",
            "bad-value",
            "bad-value",
            "bad-value",
            "missing-key",
            "bad-value",
            "unknown-key",
            "unknown-code",
            "unknown-key"
        ]
    );
    insta::assert_snapshot!("case-file-problems", err.to_string());
}

#[test]
fn flags_and_branches_are_traced() {
    let find = |doc: &Value, code: &str| {
        let card = score(m(), &sub(doc)).unwrap();
        card.find(&code.parse().unwrap()).unwrap().clone()
    };
    let leaf = find(
        &with(full(), &[("1.4.1", json!({"met": true, "evidence": []}))]),
        "1.4.1",
    );
    let t = leaf.trace.unwrap();
    assert!(t.flags.unsupported && !t.flags.explained);
    assert_eq!((t.rounded, leaf.points), (dec("0.5"), dec("0")));
    assert_eq!(
        t.adjustment,
        Some(par_index::scorecard::Override::EvidencePolicy)
    );

    let leaf = find(
        &with(
            full(),
            &[(
                "1.4.1",
                json!({"met": true, "evidence": [], "explanation": "x"}),
            )],
        ),
        "1.4.1",
    );
    let t = leaf.trace.unwrap();
    assert!(t.flags.explained && !t.flags.unsupported);

    let leaf = find(
        &with(full(), &[("3.2.1", json!({"num": 912, "den": 1000}))]),
        "3.2.1",
    );
    let t = leaf.trace.unwrap();
    assert_eq!(t.branch, Branch::Tier { tier: 2 });
    assert_eq!(
        t.measure,
        Some(par_index::methodology::Measure::Ratio {
            num: 912.into(),
            den: 1000.into()
        })
    );
    // The trace holds data; the words are the report's.
    assert_eq!(
        par_index::report::words::describe_leaf(
            &t.rule,
            leaf.max,
            t.measure.as_ref(),
            &t.branch,
            par_index::Lang::En
        ),
        "912/1000 = 91.2%; tier 2: ≥ 90% → 2"
    );

    let leaf = find(
        &with(full(), &[("3.4.2", json!({"num": 1, "den": 3}))]),
        "3.4.2",
    );
    let t = leaf.trace.unwrap();
    // 1 × 100 × 1 / (50 × 3) = 0.666…: kept before rounding.
    assert!(t.raw > dec("0.6666666") && t.raw < dec("0.6666667"));
    assert_eq!(t.rounded, dec("0.67"));

    let leaf = find(
        &with(full(), &[("3.2.1", json!({"num": 0, "den": 0}))]),
        "3.2.1",
    );
    assert!(!leaf.applicable);
    assert!(leaf.trace.unwrap().flags.not_applicable);

    let mut doc = with(full(), &[("1.1.1", Value::Null)]);
    doc["answers"].as_object_mut().unwrap().remove("1.1.2");
    let card = score(m(), &sub(&doc)).unwrap();
    let codes: Vec<String> = card.unanswered.iter().map(ToString::to_string).collect();
    assert_eq!(codes, ["1.1.1", "1.1.2"]);
}
