//! Methodology files: any text either loads or gets problems, and what loads can score.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = par_index::methodology::load_str(text, Some("fuzz.toml")) {
        let _ = par_index::score(&m, &par_index::catalog::sample_submission());
        let _ = m.canonical_json();
    }
});
