//! Scorecards of every format par-index has written (committed in `tests/compat/`, each from
//! the build that wrote it) still read and verify with this version: a published scorecard
//! never stops verifying because the engine moved on.
//!
//! - format 1: the first 0.1.0 builds (`scorecard-1.json`, plain; `staged-1.json`, the last
//!   stage of an appraisal, with no appraisal record);
//! - format 2: 0.1.0 with the appraisal record (`scorecard-2.json`, `appraise-2.json`);
//! - format 3: 0.2.0, the trace as data (`scorecard-3.json`, `staged-3.json`, and
//!   `carried-3.json`, re-scored under commune-2025-model with `carried.map.toml`);
//! - format 4: this version (`scorecard-4.json`, `staged-4.json`, `carried-4.json`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use par_index::{
    Scorecard, Submission, catalog, methodology::read_code_map, scorecard::OnRecord,
    scorecard::check_inputs, verify,
};

fn cards(name: &str) -> Vec<Scorecard> {
    let text = std::fs::read_to_string(format!("tests/compat/{name}")).unwrap();
    if text.trim_start().starts_with('[') {
        Scorecard::from_json_array(&text).unwrap()
    } else {
        vec![Scorecard::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))]
    }
}

fn methodology(card: &Scorecard) -> &'static par_index::Methodology {
    catalog::get(&card.methodology.id).unwrap()
}

fn map() -> std::collections::BTreeMap<par_index::Code, par_index::Code> {
    read_code_map(
        &std::fs::read_to_string("tests/compat/carried.map.toml").unwrap(),
        None,
    )
    .unwrap()
}

#[test]
fn every_format_ever_written_reads_and_verifies() {
    let mut seen = std::collections::BTreeSet::new();
    let mut names: Vec<String> = std::fs::read_dir("tests/compat")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 10, "{names:?}");
    for name in &names {
        for card in cards(name) {
            let report = verify(&card, methodology(&card));
            assert!(report.is_ok(), "{name}: {report}");
            let v = card.format_version().unwrap();
            seen.insert(v);
            // Only the current format verifies with no word about its format.
            assert_eq!(
                report.notes.iter().any(|n| n.contains("earlier format")),
                v < 4,
                "{name}: {report}"
            );
        }
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), [1, 2, 3, 4]);
}

#[test]
fn a_format_1_staged_scorecard_says_what_format_1_did_not_record() {
    let card = &cards("staged-1.json")[0];
    assert_eq!(card.format, "par-index/scorecard/1");
    assert!(card.appraisal.is_none());
    let report = verify(card, catalog::default_methodology());
    assert!(report.is_ok(), "{report}");
    let note = report
        .notes
        .iter()
        .find(|n| n.starts_with("format 1 did not record the appraisal"))
        .unwrap();
    for what in [
        "self-assessment before it",
        "stage files and their hashes",
        "survey file's hash",
        "taken as written",
    ] {
        assert!(note.contains(what), "{note}");
    }
    // Its numbers are still judged: an appraiser's points edited are a mismatch.
    let text = std::fs::read_to_string("tests/compat/staged-1.json").unwrap();
    let edited = text.replacen("\"set_points\": \"1\"", "\"set_points\": \"1.5\"", 1);
    assert_ne!(edited, text);
    let card = Scorecard::from_json(&edited).unwrap();
    assert!(!verify(&card, catalog::default_methodology()).is_ok());
}

#[test]
fn a_format_1_plain_scorecard_is_recomputed_in_full() {
    let card = &cards("scorecard-1.json")[0];
    let report = verify(card, catalog::default_methodology());
    assert!(report.is_ok(), "{report}");
    assert!(
        !report.notes.iter().any(|n| n.contains("did not record")),
        "{report}"
    );
    // The sample's submission, as given, hashes to the hash format 1 recorded.
    assert_eq!(
        card.submission_sha256,
        catalog::sample_submission().sha256()
    );
}

#[test]
fn a_scorecard_is_read_as_its_format_says() {
    // A record a format never had is refused, so that relabelling cannot change the checks.
    let staged = std::fs::read_to_string("tests/compat/staged-4.json").unwrap();
    let as_1 = staged.replacen("par-index/scorecard/4", "par-index/scorecard/1", 1);
    // (Its typed notes are not 0.1.0's sentences either; either problem refuses it.)
    let err = Scorecard::from_json(&as_1).unwrap_err();
    assert!(
        err.to_string().contains("not a note par-index 0.1.0 wrote")
            || err.to_string().contains("no appraisal record"),
        "{err}"
    );
    let mut v: serde_json::Value = serde_json::from_str(&as_1).unwrap();
    for area in v["areas"].as_array_mut().unwrap() {
        strip_adjustments(area);
    }
    let err = Scorecard::from_json(&v.to_string()).unwrap_err();
    assert!(err.to_string().contains("no appraisal record"), "{err}");
    let carried = std::fs::read_to_string("tests/compat/carried-4.json").unwrap();
    for (format, says) in [
        ("par-index/scorecard/3", "does not record the code map"),
        ("par-index/scorecard/2", "no record of carrying"),
    ] {
        let relabelled = carried.replacen("par-index/scorecard/4", format, 1);
        let err = Scorecard::from_json(&relabelled).unwrap_err();
        assert!(err.to_string().contains(says), "{format}: {err}");
    }
    let old = std::fs::read_to_string("tests/compat/carried-3.json").unwrap();
    let relabelled = old.replacen("par-index/scorecard/3", "par-index/scorecard/4", 1);
    let err = Scorecard::from_json(&relabelled).unwrap_err();
    assert!(
        err.to_string()
            .contains("`submission_sha256` is the original's"),
        "{err}"
    );
}

fn strip_adjustments(node: &mut serde_json::Value) {
    if let Some(t) = node.get_mut("trace").and_then(|t| t.as_object_mut()) {
        t.remove("adjustment");
    }
    if let Some(list) = node.get_mut("children").and_then(|c| c.as_array_mut()) {
        list.iter_mut().for_each(strip_adjustments);
    }
}

#[test]
fn a_format_3_carried_scorecard_is_checked_in_full_with_its_original() {
    let card = &cards("carried-3.json")[0];
    let b = methodology(card);
    let report = verify(card, b);
    assert!(report.is_ok(), "{report}");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("checked only with that file")),
        "{report}"
    );
    let original = catalog::sample_submission();
    let map = map();
    let files = OnRecord::default().submission(&original);
    assert!(check_inputs(card, b, &files).is_empty());
    assert!(check_inputs(card, b, &files.map(&map)).is_empty());
    // Another submission is not the original.
    let other = Submission::from_file("examples/data/xa-kien-quoc.json").unwrap();
    let found = check_inputs(card, b, &OnRecord::default().submission(&other));
    assert_eq!(found[0].field, "carried_over.submission_sha256");
    // A record edited: the carrying done again from the original disagrees. 1.2.1 was
    // dropped as mapped onto a group; the record edited to say it was not an item.
    let text = std::fs::read_to_string("tests/compat/carried-3.json").unwrap();
    let edited = text.replacen("\"kind\": \"group\"", "\"kind\": \"not-an-item\"", 1);
    assert_ne!(edited, text);
    let card = Scorecard::from_json(&edited).unwrap();
    // Without the original, this format's record is checked against the methodology: 1.1
    // is a group of commune-2025-model, not a missing item.
    assert!(!verify(&card, b).is_ok());
    let found = check_inputs(&card, b, &files);
    assert!(
        found.iter().any(|m| m.field.starts_with("carried_over")),
        "{found:?}"
    );
}

#[test]
fn a_carried_scorecard_verifies_against_its_original_and_map() {
    let card = &cards("carried-4.json")[0];
    let b = methodology(card);
    let original = catalog::sample_submission();
    let map = map();
    let files = OnRecord::default().submission(&original).map(&map);
    assert!(check_inputs(card, b, &files).is_empty());
    // Another map on record: its hash is not the recorded one.
    let other = read_code_map("[codes]\n\"8.4.1\" = \"1.7.1\"\n", None).unwrap();
    let found = check_inputs(card, b, &OnRecord::default().map(&other));
    assert_eq!(found[0].field, "carried_over.map_sha256");
}

#[test]
fn a_note_that_0_1_0_never_wrote_is_refused() {
    let text = include_str!("compat/appraise-2.json");
    let first = text.find("\"adjustment\": \"").unwrap();
    let mut forged = text.to_owned();
    forged.insert_str(first + "\"adjustment\": \"".len(), "forged ");
    let err = Scorecard::from_json_array(&forged).unwrap_err();
    assert!(
        err.to_string().contains("not a note par-index 0.1.0 wrote"),
        "{err}"
    );
}

#[test]
fn an_earlier_scorecard_is_still_judged_on_its_numbers() {
    // Rewording is not a change; an edited number still is.
    for name in ["scorecard-1.json", "scorecard-2.json", "scorecard-3.json"] {
        let text = std::fs::read_to_string(format!("tests/compat/{name}")).unwrap();
        let edited = text.replacen("\"points\": \"", "\"points\": \"1", 1);
        let card = Scorecard::from_json(&edited).unwrap();
        assert!(
            !verify(&card, catalog::default_methodology()).is_ok(),
            "{name}"
        );
    }
}
