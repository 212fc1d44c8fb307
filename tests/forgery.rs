//! `verify` and the appraisal: every appraisal decision a staged scorecard shows is re-applied
//! from the stages it records, so a forged, edited or deleted decision is a mismatch; a
//! plain scorecard carries no appraisal at all.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use par_index::{
    Scorecard, Stage, Submission, SurveyFile, appraisal::score_stages, catalog, score, verify,
};
use serde_json::{Value, json};

fn m() -> &'static par_index::Methodology {
    catalog::default_methodology()
}

/// Edit the JSON of a scorecard at a pointer, read it back, and verify it.
fn edited(card: &Scorecard, edit: impl FnOnce(&mut Value)) -> par_index::scorecard::Report {
    let mut v = serde_json::to_value(card).unwrap();
    edit(&mut v);
    let back = Scorecard::from_json(&serde_json::to_string_pretty(&v).unwrap())
        .unwrap_or_else(|e| panic!("the edited scorecard is not readable: {e}"));
    verify(&back, m())
}

/// The pointer of a leaf in the scorecard's JSON: areas/children indices by code.
fn pointer(card: &Scorecard, code: &str) -> String {
    fn go(
        nodes: &[par_index::scorecard::ScoreNode],
        code: &str,
        at: String,
        out: &mut Option<String>,
    ) {
        for (i, n) in nodes.iter().enumerate() {
            let here = format!("{at}/{i}");
            if n.code.as_str() == code {
                *out = Some(here);
                return;
            }
            go(&n.children, code, format!("{here}/children"), out);
        }
    }
    let mut out = None;
    go(&card.areas, code, "/areas".into(), &mut out);
    out.unwrap()
}

/// The district's NG-04: three stages (appraisal-1, explanation, final) and the survey.
fn ng04() -> (Submission, Vec<Stage>, SurveyFile) {
    let sub = Submission::from_file("examples/data/district/NG-04.json").unwrap();
    let stages = ["appraisal-1", "explanation", "final"]
        .iter()
        .map(|s| {
            Stage::from_file(format!("examples/data/district/appraisals/NG-04.{s}.json")).unwrap()
        })
        .collect();
    let survey = SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    (sub, stages, survey)
}

fn staged_ng04() -> Scorecard {
    let (sub, stages, survey) = ng04();
    score_stages(m(), &sub, &stages, Some(&survey))
        .unwrap()
        .pop()
        .unwrap()
        .card
}

#[test]
fn a_forged_appraisal_on_a_plain_scorecard_is_a_mismatch() {
    // xa-kien-quoc: a weak commune (35.93, Kém). A forger gives 3.2.1 full points by writing
    // an appraisal note into its trace and fixing every sum above it: the easiest way to get
    // every sum right is to let the engine do it with a real stage, then drop the record.
    let sub = Submission::from_file("examples/data/xa-kien-quoc.json").unwrap();
    let plain = score(m(), &sub).unwrap();
    assert_eq!(plain.index.to_string(), "35.93");
    let forged_stage = Stage::from_json(
        r#"{"kind": "appraisal", "stage": "final", "methodology": "commune-2024-model",
        "unit": "NG-02", "by": "x", "date": "2025-01-20",
        "decisions": {"3.2.1": {"points": 3, "reason": "x"}}}"#
            .replace("NG-02", &sub.unit.code)
            .as_str(),
    )
    .unwrap();
    let mut forged = score_stages(m(), &sub, &[forged_stage], None).unwrap()[1]
        .card
        .clone();
    assert!(
        verify(&forged, m()).is_ok(),
        "the real staged card verifies"
    );
    forged.appraisal = None;
    let report = verify(&forged, m());
    assert!(!report.is_ok());
    let fields: Vec<String> = report.mismatches.iter().map(|x| x.to_string()).collect();
    assert!(
        fields
            .iter()
            .any(|f| f.starts_with("3.2.1 trace.appraisal:")),
        "{fields:#?}"
    );
    assert!(
        fields.iter().any(|f| f.starts_with("3.2.1 points:")),
        "{fields:#?}"
    );
    // A note alone, points untouched, is a mismatch too.
    let p = pointer(&plain, "3.2.1");
    let report = edited(&plain, |v| {
        v.pointer_mut(&format!("{p}/trace"))
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert(
                "appraisal".into(),
                json!({"stage": "final", "set_points": "3", "by": "x"}),
            );
    });
    assert_eq!(report.mismatches.len(), 1, "{report}");
    assert_eq!(report.mismatches[0].field, "trace.appraisal");
}

#[test]
fn the_staged_scorecard_verifies_and_records_every_input() {
    let (sub, stages, survey) = ng04();
    let cards = score_stages(m(), &sub, &stages, Some(&survey)).unwrap();
    for c in &cards {
        let back = Scorecard::from_json(&c.card.to_json()).unwrap();
        let report = verify(&back, m());
        assert!(report.is_ok(), "{}: {report}", c.stage);
    }
    let last = &cards[3].card;
    let rec = last.appraisal.as_ref().unwrap();
    assert_eq!(rec.self_assessment_sha256, sub.sha256());
    let hashes: Vec<&str> = rec.stages.iter().map(|s| s.sha256.as_str()).collect();
    let expected: Vec<String> = stages.iter().map(Stage::sha256).collect();
    assert_eq!(hashes, expected);
    assert_eq!(rec.survey.as_ref().unwrap().sha256, survey.sha256());
    // The report names every hash, for the auditor to compare with the files on record.
    let report = verify(last, m()).to_string();
    for h in expected.iter().chain([&sub.sha256(), &survey.sha256()]) {
        assert!(report.contains(h.as_str()), "{report}");
    }
}

/// Every appraisal field a staged scorecard shows, edited in the trace, fails verification.
#[test]
fn an_edited_decision_is_a_mismatch() {
    let card = staged_ng04();
    // Find items with each kind of note.
    let with = |f: &dyn Fn(&par_index::scorecard::ItemAppraisal) -> bool| {
        card.leaves()
            .find(|l| l.trace.as_ref().unwrap().appraisal.as_ref().is_some_and(f))
            .map(|l| l.code.to_string())
    };
    let any = with(&|_| true).expect("NG-04's final card has appraisal notes");
    let p = format!("{}/trace/appraisal", pointer(&card, &any));
    for (field, value) in [
        ("reason", json!("Lý do khác")),
        ("by", json!("Người khác")),
        ("date", json!("2025-02-01")),
        ("stage", json!("appraisal-9")),
    ] {
        let report = edited(&card, |v| {
            v.pointer_mut(&p).unwrap()[field] = value.clone();
        });
        assert!(
            report
                .mismatches
                .iter()
                .any(|x| x.field == format!("trace.appraisal.{field}")),
            "{field}: {report}"
        );
    }
    // A deleted decision.
    let report = edited(&card, |v| {
        let t = v
            .pointer_mut(&format!("{}/trace", pointer(&card, &any)))
            .unwrap();
        t.as_object_mut().unwrap().remove("appraisal");
    });
    assert!(!report.is_ok(), "a deleted decision verified");
    {
        let c = with(&|a| a.corrected_from.is_some()).expect("NG-04 has a corrected measure");
        let p = format!("{}/trace/appraisal/corrected_from", pointer(&card, &c));
        let report = edited(&card, |v| {
            v.pointer_mut(&p).unwrap()["num"] = json!("1");
        });
        assert!(!report.is_ok(), "an edited corrected_from verified");
    }
    {
        let c = with(&|a| !a.added_evidence.is_empty()).expect("NG-04 added evidence");
        let p = format!("{}/trace/appraisal/added_evidence", pointer(&card, &c));
        let report = edited(&card, |v| {
            v.pointer_mut(&p).unwrap()[0] = json!("99/XX");
        });
        assert!(!report.is_ok(), "an edited added_evidence verified");
    }
    // The survey's source.
    let report = edited(&card, |v| {
        v["survey"]["source"] = json!("SIPAS khác");
    });
    assert!(
        report.mismatches.iter().any(|x| x.field == "survey.source"),
        "{report}"
    );
}

#[test]
fn an_edited_record_is_a_mismatch() {
    let card = staged_ng04();
    // The stage as recorded, edited without its hash.
    let report = edited(&card, |v| {
        v["appraisal"]["stages"][0]["stage"]["by"] = json!("Ai đó");
    });
    assert!(
        report
            .mismatches
            .iter()
            .any(|x| x.field == "appraisal.stages[0].sha256"),
        "{report}"
    );
    // A stage removed from the record: its decisions are no longer re-applied.
    let report = edited(&card, |v| {
        v["appraisal"]["stages"].as_array_mut().unwrap().remove(0);
    });
    assert!(!report.is_ok(), "a removed stage verified");
    // The unit's own answers edited: the self-assessment no longer hashes as recorded.
    let (sub, _, _) = ng04();
    let report = edited(&card, |v| {
        let own = v["appraisal"]["self_answers"].as_object_mut().unwrap();
        let first = own.values_mut().find(|a| a.is_object()).unwrap();
        first["explanation"] = json!("thêm vào");
    });
    assert!(
        report
            .mismatches
            .iter()
            .any(|x| x.field == "appraisal.self_assessment_sha256"),
        "{report}"
    );
    assert!(!report.to_string().contains("verified"), "{report}");
    assert!(report.to_string().contains(&sub.sha256()), "{report}");
    // The record dropped altogether: the notes in the traces are then forged.
    let report = edited(&card, |v| {
        v.as_object_mut().unwrap().remove("appraisal");
    });
    assert!(
        report
            .mismatches
            .iter()
            .any(|x| x.field == "trace.appraisal"),
        "{report}"
    );
}

#[test]
fn survey_items_cannot_be_appraised() {
    let (sub, _, _) = ng04();
    let st = Stage::from_json(
        r#"{"kind": "appraisal", "stage": "final", "methodology": "commune-2024-model",
        "unit": "NG-04", "by": "x", "date": "2025-01-20",
        "decisions": {"S.1": {"points": 6, "reason": "x"}}}"#,
    )
    .unwrap();
    let err = score_stages(m(), &sub, &[st], None).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert!(err.to_string().contains("S.1 is a survey item"), "{err}");
}

/// The command line: every stage's scorecard of `appraise --format json` verifies, and the
/// files on record are compared with the hashes the last one records.
#[cfg(feature = "cli")]
#[test]
fn verify_checks_the_files_on_record() {
    use std::process::Command;
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_par-index"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let d = "examples/data/district";
    let stages =
        ["appraisal-1", "explanation", "final"].map(|s| format!("{d}/appraisals/NG-04.{s}.json"));
    let mut args: Vec<String> = vec!["appraise".into(), format!("{d}/NG-04.json")];
    for s in &stages {
        args.extend(["--stage".into(), s.clone()]);
    }
    args.extend([
        "--survey".into(),
        format!("{d}/survey.json"),
        "-f".into(),
        "json".into(),
    ]);
    let o = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(0));
    let dir = std::env::temp_dir().join(format!("par-index-forgery-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cards = dir.join("cards.json");
    std::fs::write(&cards, &o.stdout).unwrap();
    let mut check: Vec<String> = vec![
        "verify".into(),
        cards.to_str().unwrap().into(),
        "--submission".into(),
        format!("{d}/NG-04.json"),
        "--survey".into(),
        format!("{d}/survey.json"),
    ];
    for s in &stages {
        check.extend(["--stage".into(), s.clone()]);
    }
    let o = run(&check.iter().map(String::as_str).collect::<Vec<_>>());
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert_eq!(
        out.matches("verified: 54 items recomputed").count(),
        4,
        "{out}"
    );
    // A stage file on record that is not the one applied.
    let edited = dir.join("final.json");
    let text = std::fs::read_to_string(&stages[2]).unwrap();
    std::fs::write(
        &edited,
        text.replacen("Phòng Nội vụ", "Phòng Nội vụ (bản khác)", 1),
    )
    .unwrap();
    let o = run(&[
        "verify",
        cards.to_str().unwrap(),
        "--stage",
        edited.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("appraisal.stages[2].sha256"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
