//! Staged scoring and verification: up to three stage files and a survey file, cut from the
//! input at NUL bytes, applied to a real self-assessment in the one stage order. Never a
//! panic; every staged scorecard verifies, through its JSON too; and the scorecard's JSON
//! damaged at one byte never panics `verify` (and verifies only if it still says the same).
#![no_main]
use libfuzzer_sys::fuzz_target;
use par_index::{Scorecard, Stage, Submission, SurveyFile, catalog, appraisal::order_stages, appraisal::score_stages, verify};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\0');
    let m = catalog::default_methodology();
    let Ok(sub) = Submission::from_json(include_str!("../../examples/data/district/NG-04.json"))
    else {
        return;
    };
    let mut stages = Vec::new();
    let mut survey = None;
    for (i, part) in parts.by_ref().take(4).enumerate() {
        if let Ok(s) = Stage::from_json(part) {
            stages.push((format!("s{i}.json"), s));
        } else if let Ok(s) = SurveyFile::from_json(part) {
            survey = Some(s);
        }
    }
    let Ok(ordered) = order_stages(stages) else {
        return;
    };
    let stages: Vec<Stage> = ordered.into_iter().map(|(_, s)| s).collect();
    let Ok(cards) = score_stages(m, &sub, &stages, survey.as_ref()) else {
        return;
    };
    for c in &cards {
        assert!(verify(&c.card, m).is_ok(), "a staged scorecard must verify");
        let json = c.card.to_json();
        let back = Scorecard::from_json(&json).expect("a scorecard reads back");
        assert!(verify(&back, m).is_ok(), "a staged scorecard must verify through JSON");
    }
    // One byte of the last card changed: verify never panics.
    if let (Some(last), Some(&b)) = (cards.last(), data.first()) {
        let mut json = last.card.to_json().into_bytes();
        let at = usize::from(b).wrapping_mul(97) % json.len().max(1);
        if let Some(x) = json.get_mut(at) {
            *x = x.wrapping_add(1);
        }
        if let Ok(t) = String::from_utf8(json)
            && let Ok(card) = Scorecard::from_json(&t)
        {
            let _ = verify(&card, m);
        }
    }
});
