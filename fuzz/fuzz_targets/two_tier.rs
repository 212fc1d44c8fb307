//! The two-tier era's inputs: the bytes as a roster (CSV, then TOML) and as a code map.
//! A roster that reads ranks the sample by its blocks and compares it across its
//! predecessors; a map that reads carries the sample over to the 2025 set and scores it.
//! Never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static CARD: std::sync::OnceLock<par_index::Scorecard> = std::sync::OnceLock::new();
    let card = CARD.get_or_init(par_index::catalog::sample_scorecard);
    for roster in [
        par_index::Roster::from_csv_str(text, Some("r.csv")),
        par_index::Roster::from_toml_str(text, Some("r.toml")),
    ]
    .into_iter()
    .flatten()
    {
        let ranking = par_index::rank(std::slice::from_ref(card));
        let blocks = par_index::rank_by_roster(&ranking, &roster, true);
        let _ = blocks.to_markdown(par_index::Lang::Vi);
        let c = par_index::compare(card, std::slice::from_ref(card), Some(&roster), None);
        let _ = c.to_markdown(par_index::Lang::En);
    }
    if let Ok(map) = par_index::read_code_map(text, Some("m.toml")) {
        let Ok(b) = par_index::catalog::get("commune-2025-model") else {
            return;
        };
        let _ = par_index::score_carried(b, &par_index::catalog::sample_submission(), Some(&map));
        let c = par_index::compare(card, std::slice::from_ref(card), None, Some(&map));
        let _ = c.to_json();
    }
});
