//! Submissions: read, check, score, and every report on the result.
#![no_main]
use libfuzzer_sys::fuzz_target;
use par_index::{report::Format, Lang};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let m = par_index::catalog::default_methodology();
    // The one-pass reader behind `from_json` gives a submission only when the full reader
    // gives the same one, and the full reader's problems otherwise.
    let read = par_index::Submission::read_json(text);
    let by_full = read.problems.is_empty().then(|| read.submission.clone()).flatten();
    assert_eq!(
        par_index::Submission::from_json(text).ok(),
        by_full,
        "from_json must read as the full reader reads"
    );
    let Ok(sub) = read.check(m) else {
        return;
    };
    let _ = sub.sha256();
    let Ok(card) = par_index::score(m, &sub) else {
        return;
    };
    assert!(
        par_index::verify(&card, m).is_ok(),
        "a fresh scorecard must verify"
    );
    let _ = par_index::report::render(&card, Format::Markdown, Lang::Vi);
    let _ = par_index::report::render_items(&card, Format::Text, Lang::En);
    let g = par_index::analysis::gaps(&card);
    let _ = g.to_markdown(Lang::Vi);
    let _ = g.to_json(Lang::En);
    let _ = par_index::submission::readiness(m, &sub);
    for leaf in card.leaves() {
        let _ = par_index::report::explain(&card, &leaf.code, Lang::Vi);
    }
});
