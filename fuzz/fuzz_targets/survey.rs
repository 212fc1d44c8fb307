//! Survey files merged into a self-assessment.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(survey) = par_index::SurveyFile::from_json(text) else {
        return;
    };
    let m = par_index::catalog::default_methodology();
    let _ = par_index::appraisal::score_stages(m, &par_index::catalog::sample_submission(), &[], Some(&survey));
});
