//! Appraisal stages, survey files, ranking, gap analysis and readiness. Every expected value
//! is computed by hand from `criteria/commune-2024-model.toml` (arithmetic in comments),
//! starting from `tests/cases/full-marks.json`: every item at its best measure with evidence,
//! 70 appraised + 30 survey = 100.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod rendered;
use rendered::Rendered;

use par_index::{
    Lang, ProblemKind, Scorecard, Stage, Submission, SurveyFile, analysis::batch_gaps,
    analysis::gaps, analysis::improvements, analysis::rank, appraisal::diff,
    appraisal::score_stages, catalog, methodology::Measure, score, submission::readiness,
};
use rust_decimal::Decimal;

fn m() -> &'static par_index::Methodology {
    catalog::default_methodology()
}

fn full() -> Submission {
    Submission::from_file("tests/cases/full-marks.json").unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn stage(json: &str) -> Stage {
    Stage::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

fn code(c: &str) -> par_index::Code {
    c.parse().unwrap()
}

const APPRAISAL_1: &str = r#"{"kind": "appraisal", "stage": "appraisal-1",
  "methodology": "commune-2024-model", "unit": "TN-01", "by": "Phòng Nội vụ", "date": "2025-01-10",
  "decisions": {
    "3.2.1": {"measure": {"num": 912, "den": 1000}, "reason": "Số liệu hệ thống của tỉnh"},
    "1.4.1": {"reject_evidence": ["141/BC-UBND"], "reason": "Ban hành ngoài kỳ"},
    "2.2.1": {"accept": true}}}"#;
const EXPLANATION: &str = r#"{"kind": "explanation", "stage": "explanation",
  "methodology": "commune-2024-model", "unit": "TN-01", "by": "UBND xã Thử Nghiệm", "date": "2025-01-17",
  "responses": {"1.4.1": {"evidence": [{"number": "9/KH-UBND", "date": "2024-02-01",
    "issuer": "UBND xã Thử Nghiệm", "title": "Kế hoạch tuyên truyền CCHC năm 2024"}],
    "explanation": "Kế hoạch ban hành trong kỳ, bổ sung bản chính"}}}"#;
const FINAL: &str = r#"{"kind": "appraisal", "stage": "final",
  "methodology": "commune-2024-model", "unit": "TN-01", "by": "Phòng Nội vụ", "date": "2025-01-24",
  "decisions": {"1.4.1": {"accept": true},
    "1.6.1": {"points": 1, "reason": "Giải pháp chưa cụ thể", "by": "Trần Thị Hoa"}}}"#;

fn stages() -> Vec<par_index::appraisal::StageCard> {
    score_stages(
        m(),
        &full(),
        &[stage(APPRAISAL_1), stage(EXPLANATION), stage(FINAL)],
        None,
    )
    .unwrap()
}

#[test]
fn each_stage_has_its_scorecard() {
    let s = stages();
    let totals: Vec<(&str, Decimal)> = s.iter().map(|c| (c.stage.as_str(), c.card.total)).collect();
    // self: 100.
    // appraisal-1: 3.2.1 912/1000 = 91.2% → tier 2 = 2 (−1); 1.4.1's only evidence rejected:
    //   a claim without evidence or explanation → 0 under `zero` (−0.5). 100 − 1.5 = 98.5.
    // explanation: 1.4.1 gets new evidence → 0.5 again: 99.
    // final: 1.6.1 set to 1 of 1.5 (−0.5): 98.5.
    assert_eq!(
        totals,
        [
            ("self", dec("100")),
            ("appraisal-1", dec("98.5")),
            ("explanation", dec("99")),
            ("final", dec("98.5"))
        ]
    );
    let leaf = |i: usize, c: &str| s[i].card.find(&code(c)).unwrap().clone();
    // A corrected measure moves the item to another tier, and the trace says from what.
    let t = leaf(1, "3.2.1").trace.unwrap();
    assert_eq!(t.branch.name(), "tier-2");
    let a = t.appraisal.unwrap();
    assert_eq!(
        a.corrected_from,
        Some(Measure::Ratio {
            num: 100.into(),
            den: 100.into()
        })
    );
    assert_eq!(a.by, "Phòng Nội vụ");
    // A rejected evidence item zeroes the claim; the explanation restores it.
    assert!(leaf(1, "1.4.1").trace.unwrap().flags.unsupported);
    assert_eq!(leaf(1, "1.4.1").points, Decimal::ZERO);
    assert_eq!(leaf(2, "1.4.1").points, dec("0.5"));
    assert_eq!(
        leaf(2, "1.4.1")
            .trace
            .unwrap()
            .appraisal
            .unwrap()
            .added_evidence,
        ["9/KH-UBND"]
    );
    // Points set directly; the rule's value stays in the trace.
    let t = leaf(3, "1.6.1").trace.unwrap();
    assert_eq!((leaf(3, "1.6.1").points, t.rounded), (1.into(), dec("1.5")));
    // An explicit accept changes nothing.
    assert!(leaf(3, "2.2.1").trace.unwrap().appraisal.is_none());
    // Every stage's scorecard verifies like any other.
    for c in &s {
        let report = par_index::verify(&c.card, m());
        assert!(report.is_ok(), "{}: {report}", c.stage);
    }
}

#[test]
fn nothing_given_is_overwritten() {
    let sub = full();
    let before = sub.clone();
    let _ = score_stages(m(), &sub, &[stage(APPRAISAL_1)], None).unwrap();
    assert_eq!(sub, before);
}

#[test]
fn the_diff_is_an_appraisal_minute() {
    let s = stages();
    let d = diff(&s[0].card, &s[3].card);
    let rows: Vec<(String, Decimal)> = d
        .rows
        .iter()
        .map(|r| {
            (
                r.code.as_ref().map_or("total".into(), ToString::to_string),
                r.change,
            )
        })
        .collect();
    // 1: −0.5 (1.6.1); 1.4.1 unchanged in points but its evidence changed (rejected, then
    // replaced); 3: −1 (3.2.1); total −1.5.
    assert_eq!(
        rows,
        [
            ("1".into(), dec("-0.5")),
            ("1.4.1".into(), dec("0")),
            ("1.6".into(), dec("-0.5")),
            ("1.6.1".into(), dec("-0.5")),
            ("3".into(), dec("-1")),
            ("3.2".into(), dec("-1")),
            ("3.2.1".into(), dec("-1")),
            ("total".into(), dec("-1.5")),
        ]
    );
    assert!(diff(&s[3].card, &s[3].card).rows.is_empty());
    insta::assert_snapshot!(
        "diff-self-final-md",
        d.minute("Tự chấm", "Thẩm định").md(Lang::Vi)
    );
    insta::assert_snapshot!(
        "diff-self-final-csv",
        d.minute("Tự chấm", "Thẩm định").csv()
    );
}

#[test]
fn bonus_and_penalty_are_appraised() {
    // 1.2.1 four violations: 2 − 0.5 × 4 = 0 (−2): 98; bonus 1.5 with evidence: 99.5.
    let mut sub = full();
    sub.answers.insert(
        code("1.2.1"),
        Submission::from_json(r#"{"methodology": "x", "unit": {"code": "x", "name": "x"}, "period": "x", "answers": {"1.2.1": {"count": 4}}}"#)
            .unwrap()
            .answers[&code("1.2.1")]
            .clone(),
    );
    sub.bonus = vec![par_index::submission::AdjustmentEntry {
        amount: dec("1.5"),
        reason: "Sáng kiến".into(),
        evidence: full().answers[&code("1.4.1")].evidence.clone(),
    }];
    let reject = r#"{"kind": "appraisal", "stage": "final", "methodology": "commune-2024-model",
      "unit": "TN-01", "by": "Phòng Nội vụ", "date": "2025-01-24",
      "bonus": [{"entry": 0, "reject": true, "reason": "Chưa được công nhận"}]}"#;
    let lower = reject.replace(r#""reject": true"#, r#""amount": 0.5"#);
    let total = |json: &str| {
        score_stages(m(), &sub, &[stage(json)], None).unwrap()[1]
            .card
            .total
    };
    assert_eq!(score(m(), &sub).unwrap().total, dec("99.5"));
    assert_eq!(total(reject), dec("98")); // the bonus rejected: 98 + 0
    assert_eq!(total(&lower), dec("98.5")); // 0.5 accepted: 98 + 0.5
    // The appraised entry is recorded and verifies; edited by hand, it does not.
    let card = score_stages(m(), &sub, &[stage(&lower)], None).unwrap()[1]
        .card
        .clone();
    let e = &card.bonus.entries[0];
    assert_eq!(
        (e.counted, e.appraisal.as_ref().unwrap().set_points),
        (true, Some(dec("0.5")))
    );
    assert!(par_index::verify(&card, m()).is_ok());
    let mut edited = card.clone();
    edited.bonus.points = dec("1.5");
    assert!(!par_index::verify(&edited, m()).is_ok());
}

#[test]
fn stage_problems_are_reported_together() {
    let bad = r#"{"kind": "appraisal", "stage": "final", "methodology": "commune-2024-model",
      "unit": "TN-01", "by": "Phòng Nội vụ", "date": "2025-01-24",
      "decisions": {"9.9.9": {"accept": true},
        "1.6.1": {"points": 2, "reason": "x"},
        "1.4.1": {"reject_evidence": ["1/XX"], "reason": "x"},
        "1.4.2": {"measure": {"met": true}, "reason": "x"}},
      "penalty": [{"entry": 3, "reject": true, "reason": "x"}]}"#;
    let err = score_stages(m(), &full(), &[stage(bad)], None).unwrap_err();
    let found: Vec<(ProblemKind, Option<&str>)> = err
        .problems()
        .iter()
        .map(|p| (p.kind, p.code.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (ProblemKind::BadValue, Some("1.4.1")),
            (ProblemKind::WrongMeasure, Some("1.4.2")),
            (ProblemKind::BadValue, Some("1.6.1")),
            (ProblemKind::UnknownCode, Some("9.9.9")),
            (ProblemKind::BadValue, None),
        ]
    );
    insta::assert_snapshot!("stage-problems", err.to_string());
    // A stage for another unit.
    let other = APPRAISAL_1.replace("TN-01", "TN-99");
    let err = score_stages(m(), &full(), &[stage(&other)], None).unwrap_err();
    assert!(
        err.to_string()
            .contains("the stage is for unit TN-99, not TN-01")
    );
}

#[test]
fn survey_results_come_from_the_survey_file() {
    let survey = SurveyFile::from_json(
        r#"{"survey": "SIPAS thử", "methodology": "commune-2024-model",
            "units": {"TN-01": {"S.1": "0.5", "S.2": "1", "S.3": "1", "S.4": "1", "S.5": "1"}}}"#,
    )
    .unwrap();
    // S.1: 6 × 0.5 = 3 (−3): 97.
    let s = score_stages(m(), &full(), &[], Some(&survey)).unwrap();
    assert_eq!(s[0].card.total, dec("97"));
    assert_eq!(s[0].card.survey.source.as_deref(), Some("SIPAS thử"));
    // A unit missing from the file is scored without a survey (the model set excludes the
    // survey items): 70 of 70, index 100, and the scorecard says so.
    let mut other = full();
    other.unit.code = "TN-02".into();
    let s = score_stages(m(), &other, &[], Some(&survey)).unwrap();
    let card = &s[0].card;
    assert_eq!(
        (card.total, card.applicable_max, card.index),
        (dec("70"), dec("70"), dec("100"))
    );
    assert!(!card.survey.held);
    assert!(card.survey.not_in_source);
    // Results for an item that is not a survey item, or missing items, are errors.
    let bad = SurveyFile::from_json(
        r#"{"survey": "x", "methodology": "commune-2024-model", "units": {"TN-01": {"1.1.1": "1"}}}"#,
    )
    .unwrap();
    let kinds: Vec<ProblemKind> = bad.check(m()).iter().map(|p| p.kind).collect();
    assert_eq!(kinds[0], ProblemKind::UnknownCode);
    assert_eq!(kinds.len(), 1 + 5);
}

fn variant(code_: &str, changes: &[(&str, &str)]) -> Scorecard {
    let mut sub = full();
    sub.unit.code = code_.into();
    sub.unit.name = format!("Xã {code_}");
    for (c, json) in changes {
        let text = format!(
            r#"{{"methodology": "x", "unit": {{"code": "x", "name": "x"}}, "period": "x", "answers": {{"{c}": {json}}}}}"#
        );
        let a = Submission::from_json(&text).unwrap().answers[&code(c)].clone();
        let old = sub.answers[&code(c)].clone();
        sub.answers.insert(
            code(c),
            par_index::submission::Answer {
                evidence: old.evidence,
                ..a
            },
        );
    }
    score(m(), &sub).unwrap()
}

#[test]
fn ranking_with_ties_at_every_key() {
    // A: 100. B and C: 1.1.1 not done (−1 appraised): 99, appraised 69. D: S.1 at 5/6
    // satisfaction → 6 × 0.8334 = 5.0004 → 5 (−1 survey): 99, appraised 70. E: like B but
    // code first: ties with B and C, listed first by code.
    let a = variant("NG-A", &[]);
    let b = variant(
        "NG-B",
        &[("1.1.1", r#"{"due": "2024-01-15", "done": null}"#)],
    );
    let c = variant(
        "NG-C",
        &[("1.1.1", r#"{"due": "2024-01-15", "done": null}"#)],
    );
    let d = variant("NG-D", &[("S.1", r#"{"satisfaction": "0.8334"}"#)]);
    let r = rank(&[b.clone(), d.clone(), c.clone(), a.clone()]);
    let got: Vec<(usize, bool, &str)> = r
        .rows
        .iter()
        .map(|x| (x.rank, x.tied, x.unit.code.as_str()))
        .collect();
    // D beats B and C on appraised points (70 > 69) at the same index.
    assert_eq!(
        got,
        [
            (1, false, "NG-A"),
            (2, false, "NG-D"),
            (3, true, "NG-B"),
            (3, true, "NG-C")
        ]
    );
    // Area 1: A and D 12 (1=), B and C 11 (3=).
    let area1: Vec<(usize, bool)> = r
        .rows
        .iter()
        .map(|x| (x.areas[0].rank, x.areas[0].tied))
        .collect();
    assert_eq!(area1, [(1, true), (1, true), (3, true), (3, true)]);
    // Band counts: all Tốt.
    assert_eq!(r.bands[0].count, 4);
    // Index statistics: mean (100 + 99 × 3) / 4 = 99.25, median (99 + 99) / 2 = 99.
    let s = r.index.unwrap();
    assert_eq!(
        (s.mean, s.median, s.min, s.max),
        (dec("99.25"), dec("99"), dec("99"), dec("100"))
    );
    // The same ranking whatever the input order.
    assert_eq!(rank(&[a, b, c, d]).rows, r.rows);
}

#[test]
fn gains_at_each_rule_kind() {
    let card = variant(
        "NG-G",
        &[
            ("1.4.1", r#"{"met": false}"#),
            ("1.1.1", r#"{"due": "2024-01-15", "done": "2024-01-20"}"#),
            ("1.2.1", r#"{"count": 3}"#),
            ("S.1", r#"{"satisfaction": "0.9"}"#),
            ("1.6.1", r#"{"points": "1.25"}"#),
            ("7.1.1", r#"{"num": 26, "den": 100}"#),
        ],
    );
    let steps = |c: &str| -> Vec<String> {
        improvements(card.find(&code(c)).unwrap())
            .into_iter()
            .map(|i| par_index::report::words::describe_improvement(&i, Lang::En))
            .collect()
    };
    // check: no → yes, +0.5.
    assert_eq!(steps("1.4.1"), ["meet it → 0.5 (+0.5)"]);
    // deadline late (0.5) → on time (1), +0.5.
    assert_eq!(steps("1.1.1"), ["finish by 2024-01-15 → 1 (+0.5)"]);
    // deduction 2 − 0.5 × 3 = 0.5: two violations → 1 (+0.5), none → 2 (+1.5).
    assert_eq!(
        steps("1.2.1"),
        [
            "cut violations to 2 → 1 (+0.5)",
            "cut violations to 0 → 2 (+1.5)"
        ]
    );
    // survey 6 × 0.9 = 5.4 → 100% gives 6, +0.6.
    assert_eq!(steps("S.1"), ["satisfaction 100% → 6 (+0.6)"]);
    // judgement 1.25 → 1.5, +0.25.
    assert_eq!(steps("1.6.1"), ["the assessor's full marks → 1.5 (+0.25)"]);
    // proportional 7.1.1 (target 65%): 26/100 → 2 × 26/65 = 0.8; 65/100 → 2 (+1.2).
    assert_eq!(steps("7.1.1"), ["reach 65/100 (65%) → 2 (+1.2)"]);
    // The unit's gaps add up: lost 0.5 + 0.5 + 1.5 + 0.6 + 0.25 + 1.2 = 4.55, all winnable.
    let g = gaps(&card);
    assert_eq!((g.lost, g.gain), (dec("4.55"), dec("4.55")));
    let by_office: Decimal = g.offices.iter().map(|o| o.lost).sum();
    assert_eq!(by_office, g.lost);
    // An unsupported claim: attach evidence.
    let mut sub = full();
    sub.answers
        .get_mut(&code("1.4.1"))
        .unwrap()
        .evidence
        .clear();
    let card = score(m(), &sub).unwrap();
    let steps: Vec<String> = improvements(card.find(&code("1.4.1")).unwrap())
        .into_iter()
        .map(|i| par_index::report::words::describe_improvement(&i, Lang::En))
        .collect();
    assert_eq!(steps, ["attach evidence (+0.5)"]);
}

#[test]
fn readiness_bounds() {
    // 1.4.1 with an explanation only (kept: 0.5), 1.4.2 without evidence (0 under `zero`),
    // 1.1.1 unanswered (0), S.1 unanswered (0).
    let mut sub = full();
    let a = sub.answers.get_mut(&code("1.4.1")).unwrap();
    a.evidence.clear();
    a.explanation = Some("Đang trình ký".into());
    sub.answers
        .get_mut(&code("1.4.2"))
        .unwrap()
        .evidence
        .clear();
    sub.answers.remove(&code("1.1.1"));
    sub.answers.remove(&code("S.1"));
    let r = readiness(m(), &sub).unwrap();
    assert_eq!(r.unanswered, [code("1.1.1")]);
    assert_eq!(r.survey_unanswered, [code("S.1")]);
    assert_eq!(r.unsupported, [code("1.4.2")]);
    assert_eq!(r.explained_only, [code("1.4.1")]);
    // Now: 100 − 1.5 (1.4.2) − 1 (1.1.1) − 6 (S.1) = 91.5.
    // Min: 1.4.1 refused too (−0.5): 91. Max: 1.1.1 and S.1 at their max: 100 − 1.5 = 98.5.
    assert_eq!(
        (r.index_min, r.index, r.index_max),
        (dec("91"), dec("91.5"), dec("98.5"))
    );
    assert!(!r.ready());
}

#[test]
fn district_snapshots() {
    let survey = SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    let batch = par_index::Options::new().read_batch(
        &["examples/data/district"],
        Some(&survey),
        &mut |_, _| {},
    );
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert_eq!(batch.units.len(), 22);
    // At least half the communes have appraisal stages, some with an explanation round.
    let staged = batch.units.iter().filter(|u| u.stages.len() > 1).count();
    let explained = batch
        .units
        .iter()
        .filter(|u| u.stages.iter().any(|s| s.stage == "explanation"))
        .count();
    assert!(staged >= 11 && explained >= 3, "{staged} {explained}");
    let ranking = par_index::batch::rank_batch(&batch, m());
    assert_eq!(ranking.bands.iter().map(|b| b.count).sum::<usize>(), 22);
    // NG-21 and NG-22 have the same facts: they tie.
    let twins: Vec<_> = ranking
        .rows
        .iter()
        .filter(|r| r.unit.code == "NG-21" || r.unit.code == "NG-22")
        .collect();
    assert!(twins[0].tied && twins[1].tied && twins[0].rank == twins[1].rank);
    insta::assert_snapshot!("district-ranking-md", ranking.md(Lang::Vi));
    insta::assert_snapshot!("district-ranking-csv", ranking.csv());
    let unit = batch
        .units
        .iter()
        .find(|u| u.file.ends_with("NG-04.json"))
        .unwrap();
    let d = diff(&unit.stages[0].card, &unit.latest().unwrap().card);
    insta::assert_snapshot!(
        "district-NG-04-diff",
        d.minute("Tự chấm", "Thẩm định chính thức").md(Lang::Vi)
    );
    insta::assert_snapshot!(
        "district-NG-04-gaps",
        gaps(&unit.latest().unwrap().card).md(Lang::Vi)
    );
    let cards: Vec<Scorecard> = batch
        .units
        .iter()
        .map(|u| u.latest().unwrap().card.clone())
        .collect();
    insta::assert_snapshot!("district-gaps", batch_gaps(&cards).md(Lang::Vi));
}

#[test]
fn a_bad_file_does_not_stop_the_batch() {
    let dir = std::env::temp_dir().join(format!("par-index-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy("examples/data/xa-dong-tam.json", dir.join("a.json")).unwrap();
    std::fs::write(
        dir.join("b.json"),
        "{\"methodology\": \"commune-2024-model\",",
    )
    .unwrap();
    // The same unit code twice.
    std::fs::copy("examples/data/xa-dong-tam.json", dir.join("c.json")).unwrap();
    let batch = par_index::Options::new().read_batch(&[&dir], None, &mut |_, _| {});
    assert_eq!(batch.units.len(), 1);
    let errors: Vec<String> = batch.failures.iter().map(|f| f.error.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("b.json") && errors[0].contains("not valid JSON"));
    assert!(errors[1].contains("unit code NG-01 is also used by"));
}

#[test]
fn one_file_can_hold_many_units() {
    let dir = std::env::temp_dir().join(format!("par-index-array-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = std::fs::read_to_string("examples/data/district/NG-01.json").unwrap();
    let b = std::fs::read_to_string("examples/data/district/NG-02.json").unwrap();
    std::fs::write(dir.join("all.json"), format!("[{a},{b}]")).unwrap();
    let batch = par_index::Options::new().read_batch(&[dir.join("all.json")], None, &mut |_, _| {});
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    let files: Vec<&str> = batch.units.iter().map(|u| u.file.as_str()).collect();
    assert!(files[0].ends_with("all.json[0]") && files[1].ends_with("all.json[1]"));
    // The same units as from their own files.
    let one = par_index::Options::new().read_batch(
        &["examples/data/district/NG-01.json"],
        None,
        &mut |_, _| {},
    );
    assert_eq!(one.units[0].stages[0].card, batch.units[0].stages[0].card);
}

/// Bonus entries decided by the appraiser: a rejected entry does not count and says so; an
/// accepted amount replaces the claim. By hand: claims 1 and 0.5 (both with evidence); the
/// stage rejects entry 0 and accepts 0.25 of entry 1, so the bonus claimed is 0.25.
#[test]
fn bonus_entries_rejected_and_corrected_by_the_appraiser() {
    let doc = r#"{"number": "7/QĐ-UBND", "date": "2024-06-01", "issuer": "UBND tỉnh", "title": "Khen thưởng"}"#;
    let mut sub = full();
    sub.bonus = serde_json::from_str::<Submission>(&format!(
        r#"{{"methodology": "commune-2024-model", "unit": {{"code": "TN-01", "name": "Xã Thử Nghiệm"}},
          "period": "2024", "answers": {{}},
          "bonus": [{{"amount": 1, "reason": "Giải thưởng", "evidence": [{doc}]}},
                    {{"amount": "0.5", "reason": "Sáng kiến", "evidence": [{doc}]}}]}}"#
    ))
    .unwrap()
    .bonus;
    let decided = stage(
        r#"{"kind": "appraisal", "stage": "appraisal-1", "methodology": "commune-2024-model",
        "unit": "TN-01", "by": "Phòng Nội vụ", "date": "2025-01-10",
        "bonus": [{"entry": 0, "reject": true, "reason": "Chưa được công nhận"},
                  {"entry": 1, "amount": "0.25", "reason": "Chỉ một phần"}]}"#,
    );
    let cards = score_stages(m(), &sub, &[decided], None).unwrap();
    let bonus = &cards.last().unwrap().card.bonus;
    let (rejected, corrected) = (&bonus.entries[0], &bonus.entries[1]);
    assert!(!rejected.counted);
    assert_eq!(
        rejected.note,
        Some(par_index::scorecard::EntryNote::RejectedByAppraiser)
    );
    assert!(corrected.counted);
    assert_eq!(
        corrected.note,
        Some(par_index::scorecard::EntryNote::AcceptedByAppraiser)
    );
    assert_eq!(bonus.claimed, dec("0.25"));
    assert_eq!(bonus.points, dec("0.25")); // under the cap
}

/// Points an appraiser sets are marked as the appraiser's in the trace only when they differ
/// from the rule's: full marks' 1.6.1 is a judgement of 1.5 (its max). Set to 1, the trace
/// says `appraiser` and the item scores 1; set to 1.5, the rule's own value, nothing is
/// overridden.
#[test]
fn points_set_by_the_appraiser_are_an_override_only_when_they_differ() {
    let set = |points: &str| {
        let s = stage(&format!(
            r#"{{"kind": "appraisal", "stage": "final", "methodology": "commune-2024-model",
              "unit": "TN-01", "by": "Phòng Nội vụ", "date": "2025-01-24",
              "decisions": {{"1.6.1": {{"points": {points}, "reason": "Thẩm định"}}}}}}"#
        ));
        let cards = score_stages(m(), &full(), &[s], None).unwrap();
        cards[1].card.find(&code("1.6.1")).unwrap().clone()
    };
    let lower = set("1");
    assert_eq!(lower.points, dec("1"));
    let t = lower.trace.as_ref().unwrap();
    assert_eq!(
        t.adjustment,
        Some(par_index::scorecard::Override::Appraiser)
    );
    assert_eq!(t.rounded, dec("1.5")); // the rule's value, kept beside the appraiser's
    let same = set("1.5");
    assert_eq!(same.points, dec("1.5"));
    assert_eq!(same.trace.as_ref().unwrap().adjustment, None);
    assert_eq!(
        same.trace
            .as_ref()
            .unwrap()
            .appraisal
            .as_ref()
            .unwrap()
            .set_points,
        Some(dec("1.5"))
    );
}
