//! Every value a scorecard asserts is checked by `verify` (issue 23, first class): each value
//! of each kind of scorecard (plain, staged, carried over) is edited in turn, and each key
//! removed, and the edited scorecard must either not read or not verify. Every field is
//! edited at up to `PLACES` places of the same shape (`/areas/*/children/*/points`: the first
//! places of each), so that a run stays within seconds. The few values that
//! cannot be checked from the scorecard alone are listed in `EXCEPTIONS`, with the reason; the
//! list is in docs/auditing.md too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use par_index::{
    Methodology, Scorecard, Stage, Submission, SurveyFile, appraisal::score_stages, catalog,
    methodology::read_code_map, scorecard::OnRecord, scorecard::check_inputs,
    scorecard::score_carried, verify,
};
use rust_decimal::Decimal;
use serde_json::Value;

/// Values whose edit verification cannot catch, each with its reason.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "/engine/version",
        "which version computed the scorecard: a note in the report, as no version can recompute another's name",
    ),
    (
        "/appraisal/survey/sha256",
        "the hash of the whole survey file, of which only this unit's results are in the scorecard: checked with the file (verify --survey)",
    ),
];

/// A different value of the same kind: a decimal plus one, a hash with its first digit
/// changed, a date a year earlier, a flag flipped, text with a letter more.
fn other(v: &Value) -> Value {
    match v {
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(n) => Value::from(n.as_u64().map_or(1, |x| x + 1)),
        Value::Null => Value::from("x"),
        Value::String(s) => {
            if let Ok(d) = s.parse::<Decimal>() {
                return Value::from((d + Decimal::ONE).to_string());
            }
            if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
                let first = if s.starts_with('0') { "1" } else { "0" };
                return Value::from(format!("{first}{}", &s[1..]));
            }
            if s.len() == 10 && s.as_bytes()[4] == b'-' && s[..4].parse::<u16>().is_ok() {
                let y: u16 = s[..4].parse().unwrap();
                return Value::from(format!("{}{}", y - 1, &s[4..]));
            }
            Value::from(format!("{s}x"))
        }
        Value::Array(_) | Value::Object(_) => unreachable!("only scalars are edited"),
    }
}

/// Every scalar's pointer, and every key's and array element's.
fn pointers(v: &Value, at: &str, scalars: &mut Vec<String>, parts: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let here = format!("{at}/{k}");
                parts.push(here.clone());
                pointers(x, &here, scalars, parts);
            }
        }
        Value::Array(list) => {
            for (i, x) in list.iter().enumerate() {
                let here = format!("{at}/{i}");
                parts.push(here.clone());
                pointers(x, &here, scalars, parts);
            }
        }
        _ => scalars.push(at.to_owned()),
    }
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.remove(last);
        }
        Value::Array(list) => {
            list.remove(last.parse::<usize>().unwrap());
        }
        _ => unreachable!(),
    }
}

/// Whether the edited scorecard is caught: it does not read, or does not verify. An edit
/// that reads back as the same scorecard (a key removed that holds its default) changes
/// nothing, and is not a tamper.
fn caught(v: &Value, m: &Methodology, original: Option<&Scorecard>) -> bool {
    caught_with(v, m, original, &OnRecord::default())
}

/// [`caught`], the files on record compared too.
fn caught_with(
    v: &Value,
    m: &Methodology,
    original: Option<&Scorecard>,
    files: &OnRecord<'_>,
) -> bool {
    match Scorecard::from_json(&serde_json::to_string_pretty(v).unwrap()) {
        Err(_) => true,
        Ok(card) => {
            Some(&card) == original
                || !verify(&card, m).is_ok()
                || !check_inputs(&card, m, files).is_empty()
        }
    }
}

/// Places of the same shape edited, for each field.
const PLACES: usize = 3;

/// The pointers of each shape (indices as `*`), at most `PLACES` of each.
fn sampled(pointers: Vec<String>) -> Vec<String> {
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    pointers
        .into_iter()
        .filter(|p| {
            let shape: Vec<&str> = p
                .split('/')
                .map(|s| if s.parse::<usize>().is_ok() { "*" } else { s })
                .collect();
            let n = seen.entry(shape.join("/")).or_default();
            *n += 1;
            *n <= PLACES
        })
        .collect()
}

/// Edit every value and remove every key and element of a scorecard; list what passes.
fn uncaught(card: &Scorecard, m: &Methodology) -> Vec<String> {
    uncaught_with(card, m, &OnRecord::default())
}

/// [`uncaught`], the files on record compared too.
fn uncaught_with(card: &Scorecard, m: &Methodology, files: &OnRecord<'_>) -> Vec<String> {
    let v = serde_json::to_value(card).unwrap();
    assert!(
        !caught_with(&v, m, None, files),
        "the scorecard verifies unedited"
    );
    let (mut scalars, mut parts) = (Vec::new(), Vec::new());
    pointers(&v, "", &mut scalars, &mut parts);
    let (scalars, parts) = (sampled(scalars), sampled(parts));
    let mut missed = Vec::new();
    for p in &scalars {
        let mut e = v.clone();
        let x = e.pointer_mut(p).unwrap();
        *x = other(x);
        if !caught_with(&e, m, Some(card), files) {
            missed.push(format!("edit {p}"));
        }
    }
    for p in &parts {
        let mut e = v.clone();
        remove(&mut e, p);
        if !caught_with(&e, m, Some(card), files) {
            missed.push(format!("remove {p}"));
        }
    }
    missed.retain(|x| {
        !EXCEPTIONS
            .iter()
            .any(|(p, _)| x.strip_prefix("edit ") == Some(*p))
    });
    missed
}

#[test]
fn every_value_of_a_plain_scorecard_is_checked() {
    let m = catalog::default_methodology();
    let missed = uncaught(&catalog::sample_scorecard(), m);
    assert!(missed.is_empty(), "{missed:#?}");
}

#[test]
fn every_value_of_a_staged_scorecard_is_checked() {
    let m = catalog::default_methodology();
    let sub = Submission::from_file("examples/data/district/NG-04.json").unwrap();
    let stages: Vec<Stage> = ["appraisal-1", "explanation", "final"]
        .iter()
        .map(|s| {
            Stage::from_file(format!("examples/data/district/appraisals/NG-04.{s}.json")).unwrap()
        })
        .collect();
    let survey = SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    let card = score_stages(m, &sub, &stages, Some(&survey))
        .unwrap()
        .pop()
        .unwrap()
        .card;
    let missed = uncaught(&card, m);
    assert!(missed.is_empty(), "{missed:#?}");
}

/// The sample re-scored under the 2025 set through a map that moves one answer and drops one
/// for every reason: not an item (3.7.1), a group (1.2.1 → 1.1), taken (1.1.2 → 1.1.1,
/// which 1.1.1 holds), refused (1.4.1, a check, → 3.8.1, which counts a ratio).
fn carried() -> (Scorecard, &'static Methodology) {
    let b = catalog::get("commune-2025-model").unwrap();
    let map = read_code_map(
        "[codes]\n\"8.4.1\" = \"1.7.1\"\n\"1.2.1\" = \"1.1\"\n\"1.1.2\" = \"1.1.1\"\n\"1.4.1\" = \"3.8.1\"\n",
        None,
    )
    .unwrap();
    let card = score_carried(b, &catalog::sample_submission(), Some(&map)).unwrap();
    let why: Vec<&str> = card
        .carried_over
        .as_ref()
        .unwrap()
        .dropped
        .iter()
        .map(|d| match d.why {
            par_index::scorecard::DropReason::NotAnItem => "not-an-item",
            par_index::scorecard::DropReason::Group => "group",
            par_index::scorecard::DropReason::Taken { .. } => "taken",
            par_index::scorecard::DropReason::Refused { .. } => "refused",
            _ => "other",
        })
        .collect();
    assert_eq!(why, ["taken", "group", "refused", "not-an-item"]);
    (card, b)
}

#[test]
fn every_value_of_a_carried_scorecard_is_checked() {
    let (card, b) = carried();
    let missed = uncaught(&card, b);
    assert!(missed.is_empty(), "{missed:#?}");
}

#[test]
fn a_record_of_carrying_cannot_be_removed_or_forged() {
    let (card, b) = carried();
    // Removed: the card claims the carried answers were the unit's own submission to B.
    let mut v = serde_json::to_value(&card).unwrap();
    v.as_object_mut().unwrap().remove("carried_over");
    assert!(caught(&v, b, None));
    // Forged onto a plain scorecard of B.
    let (for_b, _) = par_index::scorecard::carry_over(&catalog::sample_submission(), b, None);
    let plain = par_index::score(b, &for_b).unwrap();
    assert!(verify(&plain, b).is_ok());
    let mut v = serde_json::to_value(&plain).unwrap();
    v["carried_over"] = serde_json::json!({"from": "commune-2024-model"});
    assert!(caught(&v, b, None));
    // The record of another carrying, whole.
    let mut v = serde_json::to_value(&plain).unwrap();
    v["carried_over"] = serde_json::to_value(card.carried_over.as_ref().unwrap()).unwrap();
    assert!(caught(&v, b, None));
}

/// A format-1 scorecard of a plain self-assessment is recomputed in full, as this format's.
#[test]
fn every_value_of_a_format_1_scorecard_is_checked() {
    let text = std::fs::read_to_string("tests/compat/scorecard-1.json").unwrap();
    let card = Scorecard::from_json(&text).unwrap();
    let missed = uncaught(&card, catalog::default_methodology());
    assert!(missed.is_empty(), "{missed:#?}");
}

/// A format-3 carried scorecard kept neither its dropped answers nor its map: with the
/// submission and map on record, every value is checked.
#[test]
fn every_value_of_a_format_3_carried_scorecard_is_checked_with_its_files() {
    let text = std::fs::read_to_string("tests/compat/carried-3.json").unwrap();
    let card = Scorecard::from_json(&text).unwrap();
    let b = catalog::get("commune-2025-model").unwrap();
    let map = read_code_map(
        &std::fs::read_to_string("tests/compat/carried.map.toml").unwrap(),
        None,
    )
    .unwrap();
    let original = catalog::sample_submission();
    let files = OnRecord::default().submission(&original).map(&map);
    let missed = uncaught_with(&card, b, &files);
    // Words are compared only by the engine that wrote them (a message may be reworded
    // between versions): a card of another version leaves its refusal messages unchecked,
    // and nothing else.
    let current = par_index::scorecard::Engine::current();
    if card.engine == current {
        assert!(missed.is_empty(), "{missed:#?}");
    } else {
        assert!(
            missed.iter().all(|m| m.ends_with("/why/message")),
            "{missed:#?}"
        );
        // The same card as this version wrote it: its messages are checked too.
        let mut same = card.clone();
        same.engine = current;
        let missed = uncaught_with(&same, b, &files);
        assert!(missed.is_empty(), "{missed:#?}");
    }
}
