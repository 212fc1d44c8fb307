//! Scorecards written by par-index 0.1.0 (committed in `tests/fixtures/` from that build) still
//! read and verify with this version: a published scorecard never stops verifying because the
//! engine moved on.

use par_index::{Scorecard, catalog, verify};

#[test]
fn a_0_1_0_scorecard_still_verifies() {
    let text = include_str!("fixtures/scorecard-0.1.0.json");
    let card = Scorecard::from_json(text).expect("a 0.1.0 scorecard reads");
    let report = verify(&card, catalog::default_methodology());
    assert!(report.is_ok(), "{report}");
    // xa-nghia-an: the sample's total, by the methodology's sums, is recorded and recomputed.
    assert!(report.checked > 0);
}

#[test]
fn a_0_1_0_appraisal_record_still_verifies() {
    let text = include_str!("fixtures/appraise-0.1.0.json");
    let cards = Scorecard::from_json_array(text).expect("0.1.0 staged scorecards read");
    assert!(cards.len() >= 2, "self-assessment and at least one stage");
    for card in &cards {
        let report = verify(card, catalog::default_methodology());
        assert!(report.is_ok(), "{report}");
    }
}
