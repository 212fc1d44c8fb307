//! Re-scoring last year's submission under this year's methodology (issue 13, fourth part):
//! answers carried over by code or by a code map, what is not carried listed, the scorecard
//! marking it. Expected points worked out by hand from the two methodologies' text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use par_index::{
    catalog, methodology::read_code_map, scorecard::carry_over, scorecard::score_carried, verify,
};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn map(text: &str) -> std::collections::BTreeMap<par_index::Code, par_index::Code> {
    read_code_map(text, None).unwrap()
}

const MAP: &str = "[codes]\n\"8.4\" = \"1.7\"\n\"8.4.1\" = \"1.7.1\"\n";

#[test]
fn the_sample_under_the_2025_set_through_the_map() {
    let b = catalog::get("commune-2025-model").unwrap();
    let card = score_carried(b, &catalog::sample_submission(), Some(&map(MAP))).unwrap();
    // Under commune-2024-model the sample scores 67.53 + 26.76 (survey) + 1 (bonus) = 95.29.
    // What commune-2025-model changes for its answers:
    // - 1.1.2, 24/25 = 96%: ≥ 80% → 1 before; ≥ 90% → 1.5 now:              +0.5
    // - 3.7.1 (waiting time, full 1 point) is not an item of 2025:           −1
    // - 3.8.1 is new and has no answer:                                       0
    // - 7.2.2, 1520/1900 = 80%: 2.5 × 80/80 = 2.5 before; 2.5 × 80/90
    //   = 2.2222… → 2.22 now:                                                 −0.28
    // - 7.4.1, a met check worth 1 before, 0.5 now:                           −0.5
    // - 7.5.1, a met check worth 0.5 before, 1 now:                           +0.5
    // - 8.4.1 → 1.7.1, a met check worth 1 in both:                           0
    // 95.29 + 0.5 − 1 − 0.28 − 0.5 + 0.5 = 94.51, of 100 applicable: index 94.51.
    assert_eq!(card.total, dec("94.51"));
    assert_eq!(card.index, dec("94.51"));
    let area = |c: &str| card.find(&c.parse().unwrap()).unwrap().points;
    assert_eq!(area("1"), dec("12.25")); // 10.75 + 0.5 (1.1.2) + 1 (1.7.1)
    assert_eq!(area("3"), dec("12.69")); // 13.69 − 1 (3.7.1)
    assert_eq!(area("7"), dec("9.22")); // 9.5 − 0.28 − 0.5 + 0.5
    assert_eq!(area("8"), dec("5.83")); // 6.83 − 1 (8.4.1 moved out)
    let c = card.carried_over.as_ref().unwrap();
    assert_eq!(c.from, "commune-2024-model");
    // Format 4: the scorecard's hash is the submission's as given (made for 2024), and the
    // record keeps no other.
    assert_eq!(c.submission_sha256, None);
    assert_eq!(
        card.submission_sha256,
        catalog::sample_submission().sha256()
    );
    assert_eq!(
        c.map_sha256.as_deref(),
        Some(par_index::scorecard::CarriedOver::map_hash(&map(MAP)).as_str())
    );
    assert_eq!(c.map, map(MAP));
    let moved: Vec<(&str, &str)> = c
        .moved
        .iter()
        .map(|m| (m.from.as_str(), m.to.as_str()))
        .collect();
    assert_eq!(moved, [("8.4.1", "1.7.1")]);
    assert_eq!(c.dropped.len(), 1);
    assert_eq!(c.dropped[0].code.as_str(), "3.7.1");
    assert_eq!(
        c.dropped[0].why,
        par_index::scorecard::DropReason::NotAnItem
    );
    assert_eq!(
        par_index::report::words::describe_dropped(
            &c.dropped[0],
            "commune-2025-model",
            par_index::Lang::En
        ),
        "not an item of commune-2025-model"
    );
    let unanswered: Vec<&str> = card.unanswered.iter().map(|c| c.as_str()).collect();
    assert_eq!(unanswered, ["3.8.1"]);
    // The scorecard verifies: its points follow from the answers it records.
    assert!(verify(&card, b).is_ok());
    // And reads back with its record.
    let back = par_index::Scorecard::from_json(&card.to_json()).unwrap();
    assert_eq!(back.carried_over, card.carried_over);
}

#[test]
fn without_the_map_a_moved_item_is_dropped_and_its_new_code_unanswered() {
    let b = catalog::get("commune-2025-model").unwrap();
    let card = score_carried(b, &catalog::sample_submission(), None).unwrap();
    // The same as with the map, less 1.7.1's point: 94.51 − 1 = 93.51.
    assert_eq!(card.total, dec("93.51"));
    let c = card.carried_over.as_ref().unwrap();
    let dropped: Vec<&str> = c.dropped.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(dropped, ["3.7.1", "8.4.1"]);
    let unanswered: Vec<&str> = card.unanswered.iter().map(|c| c.as_str()).collect();
    assert_eq!(unanswered, ["1.7.1", "3.8.1"]);
}

#[test]
fn answers_that_do_not_fit_or_collide_are_not_carried() {
    let b = catalog::get("commune-2025-model").unwrap();
    let sub = catalog::sample_submission();
    // 3.7.1 (minutes, a number) onto 3.8.1 (a ratio): B's check refuses it. Onto a group
    // (6.4.1 → 1.1) or a code that does not exist (6.1.1 → 9.9.9): not carried. 6.1.2 onto
    // 6.1.3, which the sample also answers: 6.1.2 comes first in code order and is carried;
    // 6.1.3's own answer is not.
    let m = map(
        "[codes]\n\"3.7.1\" = \"3.8.1\"\n\"6.4.1\" = \"1.1\"\n\"6.1.1\" = \"9.9.9\"\n\"6.1.2\" = \"6.1.3\"\n",
    );
    let (carried, record) = carry_over(&sub, b, Some(&m));
    assert!(carried.check(b).is_empty());
    // The reasons are data; in words (English) they read:
    let words: Vec<String> = record
        .dropped
        .iter()
        .map(|d| {
            par_index::report::words::describe_dropped(d, "commune-2025-model", par_index::Lang::En)
        })
        .collect();
    let dropped: Vec<(&str, &str)> = record
        .dropped
        .iter()
        .zip(&words)
        .map(|(d, w)| (d.code.as_str(), w.as_str()))
        .collect();
    assert_eq!(
        record.dropped[2].why,
        par_index::scorecard::DropReason::Taken {
            by: "6.1.2".parse().unwrap()
        }
    );
    assert_eq!(
        record.dropped[3].why,
        par_index::scorecard::DropReason::Group
    );
    assert_eq!(record.dropped[3].to.as_str(), "1.1");
    // And 8.4.1, with no map line, is not an item of 2025 either.
    assert_eq!(dropped.len(), 5, "{dropped:?}");
    assert_eq!(dropped[4], ("8.4.1", "not an item of commune-2025-model"));
    assert_eq!(dropped[0].0, "3.7.1");
    assert_eq!(
        dropped[0].1,
        "does not fit commune-2025-model: item 3.8.1 is scored by rule `tiers`, which takes `num` and `den` (two counts); found `value`"
    );
    assert_eq!(
        dropped[1],
        (
            "6.1.1",
            "mapped to 9.9.9, not an item of commune-2025-model"
        )
    );
    assert_eq!(dropped[2], ("6.1.3", "6.1.3 is already carried from 6.1.2"));
    assert_eq!(
        dropped[3],
        ("6.4.1", "mapped to 1.1, a group of commune-2025-model")
    );
    let moved: Vec<(&str, &str)> = record
        .moved
        .iter()
        .map(|m| (m.from.as_str(), m.to.as_str()))
        .collect();
    assert_eq!(moved, [("6.1.2", "6.1.3")]);
    // B's 3.8.1, 6.1.1, 6.1.2, 6.4.1 and (no map line for it) 1.7.1 have no answer now.
    let card = score_carried(b, &sub, Some(&m)).unwrap();
    let unanswered: Vec<&str> = card.unanswered.iter().map(|c| c.as_str()).collect();
    assert_eq!(unanswered, ["1.7.1", "3.8.1", "6.1.1", "6.1.2", "6.4.1"]);
}

#[test]
fn a_submission_for_the_same_set_is_scored_as_it_is() {
    let a = catalog::default_methodology();
    let sub = catalog::sample_submission();
    let card = score_carried(a, &sub, Some(&map(MAP))).unwrap();
    assert_eq!(card, par_index::score(a, &sub).unwrap());
    assert!(card.carried_over.is_none());
}

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_par-index"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_rescores_with_a_map() {
    let o = run(&[
        "score",
        "examples/data/xa-dong-tam.json",
        "-m",
        "commune-2025-model",
        "--map",
        "criteria/maps/commune-2024-to-2025.map.toml",
        "-l",
        "en",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("94.51"), "{out}");
    assert!(
        out.contains("Re-scored under commune-2025-model from a self-assessment made for commune-2024-model; moved: 8.4.1 → 1.7.1; not carried over: 3.7.1"),
        "{out}"
    );
    // Without --map or --carry-over, another set is a mismatch, as before.
    let o = run(&[
        "score",
        "examples/data/xa-dong-tam.json",
        "-m",
        "commune-2025-model",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("has no item `3.7.1`"));
    // --map needs -m.
    let o = run(&[
        "score",
        "--map",
        "criteria/maps/commune-2024-to-2025.map.toml",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
