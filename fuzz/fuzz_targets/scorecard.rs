//! Scorecards as published: read, then verify against the embedded methodology.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(card) = par_index::Scorecard::from_json(text) {
        let _ = par_index::verify(&card, par_index::catalog::default_methodology());
    }
});
