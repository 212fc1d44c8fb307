//! Conformance case files: read, and run (inline submissions only reach the scorer here).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(file) = par_index::conformance::load_cases_str(text, "fuzz.cases.toml", ".".as_ref())
    {
        let mut runner = par_index::conformance::Runner::default();
        let _ = runner.run_file(&file);
    }
});
