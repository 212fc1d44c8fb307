//! Re-scoring under another methodology (`par-index score -m B --map map.toml`): a
//! submission made for methodology A is carried over to B, each answer under its own code or
//! the code the map gives it, and scored; the scorecard records what was carried where and
//! what was not ([`CarriedOver`]).
//!
//! **What is carried.** An answer whose code (after the map) is an item of B with a rule,
//! and whose measure fits that rule as B's checks say (the same checks as any submission).
//! **What is not:** an answer whose code is not an item of B, or is a group there; a second
//! answer onto a code already carried (in code order: a map that moves one of A's items onto
//! another A item's code); an answer B's checks refuse (a check answered
//! where B counts a ratio, …), with the check's words. Bonus and penalty entries, the unit,
//! the period and the survey are carried as they are.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::model::code::Code;
use crate::model::methodology::Methodology;
use crate::model::scorecard::{CarriedOver, DropReason, Dropped, Moved, Scorecard};
use crate::model::submission::Submission;

/// Carry a submission over to methodology `to`: the submission as B would take it, and the
/// record of what was carried (see the module's text).
///
/// ```
/// use par_index::{catalog, scorecard::carry_over};
/// let sub = catalog::sample_submission(); // made for commune-2024-model
/// let b = catalog::get("commune-2025-model").unwrap();
/// let map = par_index::methodology::read_code_map("[codes]\n\"8.4.1\" = \"1.7.1\"\n", None).unwrap();
/// let (carried, record) = carry_over(&sub, b, Some(&map));
/// assert_eq!(carried.methodology, "commune-2025-model");
/// assert_eq!(record.moved[0].to.as_str(), "1.7.1");
/// assert_eq!(record.dropped[0].code.as_str(), "3.7.1"); // not an item of the 2025 set
/// assert!(carried.check(b).is_empty());
/// ```
#[must_use]
pub fn carry_over(
    s: &Submission,
    to: &Methodology,
    map: Option<&BTreeMap<Code, Code>>,
) -> (Submission, CarriedOver) {
    let mut record = CarriedOver {
        from: s.methodology.clone(),
        submission_sha256: None,
        map: map.cloned().unwrap_or_default(),
        map_sha256: map.map(CarriedOver::map_hash),
        moved: Vec::new(),
        dropped: Vec::new(),
    };
    let mut out = s.clone();
    out.methodology = to.id().to_owned();
    out.answers = BTreeMap::new();
    let mut from_of: BTreeMap<Code, Code> = BTreeMap::new();
    for (code, answer) in &s.answers {
        let target = map.and_then(|m| m.get(code)).unwrap_or(code);
        let why = match to.find(target) {
            None => Some(DropReason::NotAnItem),
            Some(node) if node.rule().is_none() => Some(DropReason::Group),
            Some(_) => None,
        };
        if let Some(why) = why {
            record.dropped.push(Dropped {
                code: code.clone(),
                to: target.clone(),
                why,
                answer: Some(answer.clone().into()),
            });
            continue;
        }
        if let Some(first) = from_of.get(target) {
            record.dropped.push(Dropped {
                code: code.clone(),
                to: target.clone(),
                why: DropReason::Taken { by: first.clone() },
                answer: Some(answer.clone().into()),
            });
            continue;
        }
        from_of.insert(target.clone(), code.clone());
        out.answers.insert(target.clone(), answer.clone());
    }
    // What B's checks refuse is not carried: each problem is at an answer's code.
    let mut refused: BTreeMap<Code, String> = BTreeMap::new();
    for p in out.check(to) {
        if let Some(code) = p.code.as_deref().and_then(|c| c.parse::<Code>().ok())
            && out.answers.contains_key(&code)
        {
            refused.entry(code).or_insert(p.message);
        }
    }
    let mut refused_answers: BTreeMap<Code, crate::model::submission::Answer> = BTreeMap::new();
    for code in refused.keys() {
        if let Some(a) = out.answers.remove(code) {
            refused_answers.insert(code.clone(), a);
        }
    }
    for (to_code, from_code) in &from_of {
        if let Some(why) = refused.get(to_code) {
            record.dropped.push(Dropped {
                code: from_code.clone(),
                to: to_code.clone(),
                why: DropReason::Refused {
                    message: why.clone(),
                },
                answer: refused_answers.remove(to_code).map(Into::into),
            });
        } else if to_code != from_code {
            record.moved.push(Moved {
                from: from_code.clone(),
                to: to_code.clone(),
            });
        }
    }
    record.dropped.sort_by(|a, b| a.code.cmp(&b.code));
    (out, record)
}

/// Score a submission made for another methodology under `to`: [`carry_over`], then
/// [`crate::score`], the record in the scorecard's `carried_over`. A submission made for
/// `to` itself is scored as it is. The scorecard's `submission_sha256` is the hash of `s`,
/// the submission as given (the file on record), which the scorecard can be rebuilt into.
///
/// ```
/// use par_index::{catalog, scorecard::score_carried};
/// let b = catalog::get("commune-2025-model").unwrap();
/// let card = score_carried(b, &catalog::sample_submission(), None).unwrap();
/// let c = card.carried_over.as_ref().unwrap();
/// assert_eq!(c.from, "commune-2024-model");
/// // Without the map, 8.4.1 is not carried; 1.7.1 and the new 3.8.1 have no answer.
/// assert!(c.dropped.iter().any(|d| d.code.as_str() == "8.4.1"));
/// assert!(card.unanswered.iter().any(|u| u.as_str() == "1.7.1"));
/// ```
pub fn score_carried(
    to: &Methodology,
    s: &Submission,
    map: Option<&BTreeMap<Code, Code>>,
) -> Result<Scorecard, Error> {
    if s.methodology == to.id() {
        return crate::engine::score::score(to, s);
    }
    let (carried, record) = carry_over(s, to, map);
    let mut card = crate::engine::score::score(to, &carried)?;
    card.submission_sha256 = s.sha256();
    card.carried_over = Some(record);
    Ok(card)
}

/// The code map as far as a record of carrying shows it: each move, and each drop whose code
/// the map changed.
pub(crate) fn map_of(record: &CarriedOver) -> BTreeMap<Code, Code> {
    let moves = record.moved.iter().map(|m| (m.from.clone(), m.to.clone()));
    let drops = record
        .dropped
        .iter()
        .filter(|d| d.to != d.code)
        .map(|d| (d.code.clone(), d.to.clone()));
    moves.chain(drops).collect()
}

/// The submission as given, rebuilt from the carried one (the answers a scorecard's traces
/// record) and the record of the carrying: each moved answer back under its own code, every
/// dropped answer with it, the methodology it was made for. Every way the record cannot
/// describe a carrying (an answer moved twice, moved and dropped, two onto one) is an `Err`
/// naming the field and the reason.
pub(crate) fn rebuild_original(
    carried: &Submission,
    record: &CarriedOver,
) -> Result<Submission, Vec<(String, String)>> {
    let mut wrong: Vec<(String, String)> = Vec::new();
    let mut map: BTreeMap<Code, Code> = BTreeMap::new();
    let mut back: BTreeMap<&Code, &Code> = BTreeMap::new();
    for (i, m) in record.moved.iter().enumerate() {
        let at = format!("carried_over.moved[{i}]");
        if m.from == m.to {
            wrong.push((at, format!("{} is moved onto its own code", m.from)));
        } else if map.insert(m.from.clone(), m.to.clone()).is_some() {
            wrong.push((at, format!("{} is moved twice", m.from)));
        } else if back.insert(&m.to, &m.from).is_some() {
            wrong.push((at, format!("two answers are moved to {}", m.to)));
        } else if !carried.answers.contains_key(&m.to) {
            wrong.push((
                at,
                format!("{} is moved to {}, which has no answer", m.from, m.to),
            ));
        }
    }
    let mut answers = BTreeMap::new();
    for (code, answer) in &carried.answers {
        let own = back.get(code).map_or(code, |from| *from);
        answers.insert(own.clone(), answer.clone());
    }
    // An answer carried under its own code whose code a move also takes back: two answers
    // would be one.
    if answers.len() != carried.answers.len() {
        wrong.push((
            "carried_over.moved".into(),
            "a moved answer's own code is also carried under that code".into(),
        ));
    }
    for (i, d) in record.dropped.iter().enumerate() {
        let at = format!("carried_over.dropped[{i}]");
        if d.to != d.code && map.insert(d.code.clone(), d.to.clone()).is_some() {
            wrong.push((at.clone(), format!("{} is both moved and dropped", d.code)));
        }
        match &d.answer {
            None => wrong.push((
                format!("{at}.answer"),
                format!("the answer to {} is not recorded", d.code),
            )),
            Some(a) => {
                if answers.insert(d.code.clone(), a.clone().into()).is_some() {
                    wrong.push((at, format!("{} is both carried and dropped", d.code)));
                }
            }
        }
    }
    let original = Submission {
        methodology: record.from.clone(),
        answers,
        ..carried.clone()
    };
    if wrong.is_empty() {
        Ok(original)
    } else {
        Err(wrong)
    }
}
