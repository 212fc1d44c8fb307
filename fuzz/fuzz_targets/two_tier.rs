//! The two-tier era's inputs: the bytes as a roster (CSV, then TOML) and as a code map.
//! A roster that reads ranks the sample by its blocks and compares it across its
//! predecessors; a map that reads carries the sample over to the 2025 set and scores it.
//! Never a panic, and the laws of issue 23 hold:
//! - a roster that reads has each unit once, each unit's predecessors distinct, every weight
//!   in (0, MAX_WEIGHT] with at most WEIGHT_DECIMALS decimals, and, when it gives its year,
//!   every predecessor of an earlier year;
//! - a comparison's baseline is only of earlier periods;
//! - a map that reads against both methodologies names only their items, and the scorecard
//!   carried with it verifies, reads back, and fails verification with its record removed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static CARD: std::sync::OnceLock<par_index::Scorecard> = std::sync::OnceLock::new();
    let card = CARD.get_or_init(par_index::catalog::sample_scorecard);
    let mut last = card.clone();
    last.period = "2023".into();
    for roster in [
        par_index::Roster::from_csv_str(text, Some("r.csv")),
        par_index::Roster::from_toml_str(text, Some("r.toml")),
    ]
    .into_iter()
    .flatten()
    {
        let mut codes = std::collections::BTreeSet::new();
        for u in &roster.units {
            assert!(codes.insert(u.code.to_ascii_lowercase()), "a unit twice");
            let mut seen = std::collections::BTreeSet::new();
            for p in &u.predecessors {
                assert!(seen.insert((p.code.to_ascii_lowercase(), p.year)), "a predecessor twice");
                if let Some(w) = p.weight {
                    assert!(w > rust_decimal::Decimal::ZERO);
                    assert!(w <= rust_decimal::Decimal::from(par_index::roster::MAX_WEIGHT));
                    assert!(w.scale() <= par_index::roster::WEIGHT_DECIMALS);
                }
                if let Some(y) = roster.year {
                    assert!(p.year < y, "a predecessor of the roster's year or later");
                }
            }
        }
        if let Some(y) = roster.year {
            assert!(roster.check_period(&y.to_string()).is_empty());
        }
        let ranking = par_index::analysis::rank(std::slice::from_ref(card));
        let blocks = par_index::analysis::rank_by_roster(&ranking, &roster, true);
        let _ = blocks.to_markdown(par_index::Lang::Vi);
        let c = par_index::analysis::compare(card, &[last.clone(), card.clone()], Some(&roster), None);
        for b in &c.predecessors {
            assert!(b.period.as_str() < card.period.as_str(), "a baseline not earlier");
        }
        let _ = c.to_markdown(par_index::Lang::En);
    }
    let (Ok(a), Ok(b)) = (
        par_index::catalog::get("commune-2024-model"),
        par_index::catalog::get("commune-2025-model"),
    ) else {
        return;
    };
    if let Ok(map) = par_index::methodology::read_code_map_for(text, Some("m.toml"), &[a], &[b]) {
        for (from, to) in &map {
            assert!(a.find(from).is_some() && b.find(to).is_some());
        }
        if let Ok(carried) =
            par_index::scorecard::score_carried(b, &par_index::catalog::sample_submission(), Some(&map))
        {
            let report = par_index::verify(&carried, b);
            assert!(report.is_ok(), "an honest carried scorecard verifies: {report}");
            let back = par_index::Scorecard::from_json(&carried.to_json());
            assert_eq!(back.as_ref().ok(), Some(&carried));
            let mut removed = carried.clone();
            removed.carried_over = None;
            assert!(!par_index::verify(&removed, b).is_ok(), "a removed record is caught");
        }
        let c = par_index::analysis::compare(card, std::slice::from_ref(&last), None, Some(&map));
        let _ = c.to_json();
    }
});
