//! Scorecards written by par-index 0.1.0 (committed in `tests/compat/` from that build) still
//! read and verify with this version: a published scorecard never stops verifying because the
//! engine moved on.

use par_index::{Scorecard, catalog, verify};

#[test]
fn a_0_1_0_scorecard_still_verifies() {
    let text = include_str!("compat/scorecard-0.1.0.json");
    let card = Scorecard::from_json(text).expect("a 0.1.0 scorecard reads");
    let report = verify(&card, catalog::default_methodology());
    assert!(report.is_ok(), "{report}");
    // xa-nghia-an: the sample's total, by the methodology's sums, is recorded and recomputed.
    assert!(report.checked > 0);
}

#[test]
fn a_0_1_0_appraisal_record_still_verifies() {
    let text = include_str!("compat/appraise-0.1.0.json");
    let cards = Scorecard::from_json_array(text).expect("0.1.0 staged scorecards read");
    assert!(cards.len() >= 2, "self-assessment and at least one stage");
    for card in &cards {
        let report = verify(card, catalog::default_methodology());
        assert!(report.is_ok(), "{report}");
    }
}

#[test]
fn a_0_1_0_scorecard_is_still_judged_on_its_numbers() {
    // Rewording is not a change; an edited number still is.
    let text = include_str!("compat/scorecard-0.1.0.json");
    let card = Scorecard::from_json(text).unwrap();
    assert_eq!(card.format, "par-index/scorecard/2");
    let report = verify(&card, catalog::default_methodology());
    assert!(
        report.notes.iter().any(|n| n.contains("earlier format")),
        "{report}"
    );
    let edited = text.replacen("\"points\": \"", "\"points\": \"1", 1);
    let card = Scorecard::from_json(&edited).unwrap();
    assert!(!verify(&card, catalog::default_methodology()).is_ok());
}

#[test]
fn a_0_1_0_note_that_0_1_0_never_wrote_is_refused() {
    let text = include_str!("compat/appraise-0.1.0.json");
    let first = text.find("\"adjustment\": \"").unwrap();
    let mut forged = text.to_owned();
    forged.insert_str(first + "\"adjustment\": \"".len(), "forged ");
    let err = Scorecard::from_json_array(&forged).unwrap_err();
    assert!(
        err.to_string().contains("not a note par-index 0.1.0 wrote"),
        "{err}"
    );
}
