//! Stage files (appraisals, explanations) applied to a real self-assessment.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(stage) = par_index::Stage::from_json(text) else {
        return;
    };
    let m = par_index::catalog::default_methodology();
    let sub = par_index::catalog::sample_submission();
    if let Ok(cards) = par_index::appraisal::score_stages(m, &sub, &[stage], None) {
        for c in &cards {
            assert!(
                par_index::verify(&c.card, m).is_ok(),
                "a stage's scorecard must verify"
            );
        }
        if let [a, .., b] = cards.as_slice() {
            let d = par_index::appraisal::diff(&a.card, &b.card);
            let _ = d.to_csv("a", "b");
        }
    }
});
