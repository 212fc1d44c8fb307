//! A methodology other than the embedded one, loaded from a path: what the commune set does
//! not exercise (an issuing decision, the `flag` evidence policy, at-most tiers, proportional
//! targets above 100%, no survey items).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use par_index::{Submission, methodology, methodology::Origin, score};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_methodology_from_a_path_scores_by_hand() {
    let m = methodology::load_file(fixture("department-mini.toml")).unwrap();
    assert!(matches!(m.origin(), Origin::Issued { number, .. } if number == "123/QĐ-UBND"));
    let sub = Submission::from_json(
        &std::fs::read_to_string(fixture("department-mini-sub.json")).unwrap(),
    )
    .unwrap();
    let card = score(&m, &sub).unwrap();
    let pts = |code: &str| card.find(&code.parse().unwrap()).unwrap().points;
    // A.1 done 3 days late → late = 1.
    assert_eq!(pts("A.1"), d("1"));
    // A.2 judgement 2.5 (step 0.5), explanation but no evidence: kept, flagged explained.
    assert_eq!(pts("A.2"), d("2.5"));
    // A.3 3 − 1.25 × 1 = 1.75.
    assert_eq!(pts("A.3"), d("1.75"));
    // B.1 at most: 20 ≤ 20 → tier 2 = 2.5.
    assert_eq!(pts("B.1"), d("2.5"));
    // B.2 130/120 = 108.33% of a 120% target → 5 × 100 × 130 / (120 × 120) = 4.513888… → 4.51;
    // no evidence and no explanation, but the policy is `flag`: kept, flagged unsupported.
    assert_eq!(pts("B.2"), d("4.51"));
    // B.3 check yes without evidence: kept under `flag`.
    assert_eq!(pts("B.3"), d("3"));
    // Appraised 1 + 2.5 + 1.75 + 2.5 + 4.51 + 3 = 15.26; no survey items.
    assert_eq!(card.appraised.points, d("15.26"));
    // Bonus 0.75 without evidence counts under `flag` (cap 1); penalty 1 capped at 0.5.
    assert_eq!(
        (card.bonus.points, card.penalty.points),
        (d("0.75"), d("0.5"))
    );
    // Total 15.26 + 0.75 − 0.5 = 15.51 of 20 → index 77.55 → below Tốt (80): Chưa đạt.
    assert_eq!(card.total, d("15.51"));
    assert_eq!(card.index, d("77.55"));
    assert_eq!(card.band.label.vi, "Chưa đạt");
    let flags = |code: &str| {
        card.find(&code.parse().unwrap())
            .unwrap()
            .trace
            .as_ref()
            .unwrap()
            .flags
    };
    assert!(flags("A.2").explained && !flags("A.2").unsupported);
    assert!(flags("B.2").unsupported && flags("B.3").unsupported);
    assert!(card.bonus.entries[0].counted && card.bonus.entries[0].note.is_some());
    let report = par_index::report::render(
        &card,
        par_index::report::Format::Markdown,
        par_index::Lang::Vi,
    )
    .unwrap()
    .into_text()
    .unwrap();
    assert!(
        report.contains(
            "- Điểm thưởng 0,75 (Mô hình hay): có điểm nhưng không có tài liệu kiểm chứng"
        ),
        "{report}"
    );
}

#[test]
fn exclusion_in_a_custom_set() {
    let m = methodology::load_file(fixture("department-mini.toml")).unwrap();
    let text = std::fs::read_to_string(fixture("department-mini-sub.json"))
        .unwrap()
        .replace(r#""value": "20""#, r#""not_applicable": true"#);
    let card = score(&m, &Submission::from_json(&text).unwrap()).unwrap();
    // B.1 excluded (max 4): applicable max 16; total 15.26 − 2.5 + 0.75 − 0.5 = 13.01;
    // index 100 × 13.01 / 16 = 81.3125 → 81.31 → Tốt.
    assert_eq!(card.applicable_max, d("16"));
    assert_eq!(card.total, d("13.01"));
    assert_eq!(card.index, d("81.31"));
    assert_eq!(card.band.label.vi, "Tốt");
}

#[test]
fn judgement_step_from_the_file() {
    let m = methodology::load_file(fixture("department-mini.toml")).unwrap();
    let text = std::fs::read_to_string(fixture("department-mini-sub.json"))
        .unwrap()
        .replace(r#""2.5""#, r#""2.25""#);
    let err = score(&m, &Submission::from_json(&text).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .contains("points 2.25 are not a multiple of the step 0.5"),
        "{err}"
    );
}

#[test]
fn survey_items_without_na_policy_reject_a_missing_survey() {
    // A set whose survey item always applies: a submission without a survey is an error.
    let text = std::fs::read_to_string(fixture("department-mini.toml"))
        .unwrap()
        .replace("max = 20\n", "max = 21\n")
        + "\n[[areas]]\ncode = \"S\"\ntitle = { vi = \"Khảo sát\" }\nmax = 1\noffice = { vi = \"Văn phòng Sở\" }\n\n[[items]]\ncode = \"S.1\"\ntitle = { vi = \"Hài lòng\" }\nmax = 1\nrule = { kind = \"survey\" }\n";
    let m = par_index::methodology::load_str(&text, Some("with-survey.toml")).unwrap();
    let sub = std::fs::read_to_string(fixture("department-mini-sub.json"))
        .unwrap()
        .replace(
            r#""period": "2025","#,
            r#""period": "2025", "survey_held": false,"#,
        );
    let err = score(&m, &Submission::from_json(&sub).unwrap()).unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(
        (p.kind, p.code.as_deref(), p.field.as_str()),
        (
            par_index::ProblemKind::NotApplicableRejected,
            Some("S.1"),
            "survey_held"
        )
    );
}
