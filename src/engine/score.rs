//! Scoring: the tree walk, N/A policies, the evidence policy, bonus and penalty, the total,
//! the index and the band. Pure: no file, clock or network access.

use rust_decimal::Decimal;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::exact::ROUNDING;
use crate::model::exact::round_points;
use crate::model::methodology::{Criterion, EvidencePolicy, Methodology};
use crate::model::rule::{Branch, NaPolicy, Rule};
use crate::model::scorecard::{
    Adjustment, BandRef, CountedEntry, Engine, EntryNote, Flags, ItemAppraisal, MethodologyRef,
    Override, Part, SCORECARD_FORMAT, ScoreNode, Scorecard, SurveyPart, Trace,
};
use crate::model::submission::{AdjustmentEntry, Answer, Submission};

/// A sum past the decimal range, in the words a rule's overflow has.
fn overflow(code: Option<&str>, field: &str) -> Problem {
    let e = crate::model::rule::RuleError::Overflow;
    Problem::new(e.problem_kind(), code, field, e.to_string())
}

fn add(a: Decimal, b: Decimal, code: Option<&str>, field: &str) -> Result<Decimal, Problem> {
    a.checked_add(b).ok_or_else(|| overflow(code, field))
}

/// Score a submission against a methodology. Pure and deterministic.
///
/// Fails only on a bad submission (every problem listed, see [`Submission::check`]) or
/// when nothing applies at all.
///
/// ```
/// use par_index::{catalog, score, Submission};
/// let m = catalog::default_methodology();
/// let sub = Submission::from_json(r#"{"methodology": "commune-2024-model",
///   "unit": {"code": "X", "name": "Xã X"}, "period": "2024",
///   "answers": {"3.2.1": {"num": 912, "den": 1000, "evidence": [{"number": "15/BC-UBND",
///     "date": "2024-12-15", "issuer": "UBND xã X", "title": "Báo cáo kết quả giải quyết TTHC"}]}}}"#).unwrap();
/// let card = score(m, &sub).unwrap();
/// // 912/1000 = 91.2% ≥ 90%: tier 2 → 2 points; nothing else answered.
/// assert_eq!(card.total, 2.into());
/// assert_eq!(card.index, 2.into()); // 100 × 2 / 100
/// assert_eq!(card.band.label.vi, "Kém");
/// ```
pub fn score(m: &Methodology, s: &Submission) -> Result<Scorecard, Error> {
    score_appraised(m, s, &Appraised::default())
}

/// How much of a scorecard a scoring builds. The numbers are the same either way: one walk
/// computes them, and only what it keeps differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    /// The whole scorecard: every leaf with its trace, the submission's hash, the appraisal
    /// record.
    Full,
    /// What a gap analysis keeps of a unit: [`Detail::Numbers`] and every leaf's node,
    /// without its trace.
    Leaves,
    /// What a ranking keeps of a unit: the totals, the index, the band and each area's and
    /// criterion's points. No leaf nodes (so no trace).
    Numbers,
}

/// What one scoring walk computes: the unit's numbers and its tree of points, built to a
/// [`Detail`]. Not a scorecard: it has no submission hash, no appraisal record, no engine
/// or format, so it can be neither written nor verified. Batches that rank or analyse gaps
/// keep these ([`figures`]); [`score_appraised`] makes the scorecard of the whole ones.
#[derive(Debug, Clone)]
pub(crate) struct Figures {
    /// The methodology's id.
    pub methodology: String,
    pub unit: crate::model::submission::Unit,
    pub period: String,
    pub appraised: Part,
    pub survey: SurveyPart,
    pub bonus: Adjustment,
    pub penalty: Adjustment,
    pub total: Decimal,
    pub applicable_max: Decimal,
    pub index: Decimal,
    pub band: BandRef,
    pub unanswered: Vec<Code>,
    /// The areas, their criteria and (unless [`Detail::Numbers`]) their leaves.
    pub areas: Vec<ScoreNode>,
}

impl Figures {
    /// The scorecard of figures built to [`Detail::Full`]: the record that makes them
    /// verifiable (the methodology, the submission's hash, the engine) added.
    fn into_scorecard(self, m: &Methodology, s: &Submission) -> Scorecard {
        Scorecard {
            format: SCORECARD_FORMAT.to_owned(),
            engine: Engine::current(),
            methodology: MethodologyRef {
                id: self.methodology,
                title: m.title().clone(),
                level: m.level(),
                year: m.year(),
                origin: m.origin().clone(),
                sha256: m.sha256().to_owned(),
            },
            submission_sha256: s.sha256(),
            unit: self.unit,
            period: self.period,
            appraised: self.appraised,
            survey: self.survey,
            bonus: self.bonus,
            penalty: self.penalty,
            total: self.total,
            max: m.max(),
            applicable_max: self.applicable_max,
            index: self.index,
            band: self.band,
            unanswered: self.unanswered,
            rounding: ROUNDING.to_owned(),
            appraisal: None,
            carried_over: None,
            areas: self.areas,
        }
    }
}

/// What appraisal adds to a submission when it is scored: the note of each item an
/// appraisal changed (points set directly replace the rule's points), and where the survey
/// results came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Appraised {
    pub items: std::collections::BTreeMap<Code, ItemAppraisal>,
    /// The appraisal of each bonus entry, by position; `set_points` is the amount accepted.
    pub bonus: Vec<Option<ItemAppraisal>>,
    /// The appraisal of each penalty entry, by position.
    pub penalty: Vec<Option<ItemAppraisal>>,
    pub survey_source: Option<String>,
    /// The unit is not in the survey file given.
    pub not_in_survey: bool,
}

/// Score a submission with the notes of its appraisal: the whole scorecard.
pub(crate) fn score_appraised(
    m: &Methodology,
    s: &Submission,
    a: &Appraised,
) -> Result<Scorecard, Error> {
    Ok(figures(m, s, a, Detail::Full)?.into_scorecard(m, s))
}

/// Score a submission with the notes of its appraisal, to its figures only, built to
/// `detail`.
pub(crate) fn figures(
    m: &Methodology,
    s: &Submission,
    a: &Appraised,
    detail: Detail,
) -> Result<Figures, Error> {
    let problems = s.check(m);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let mut f = score_checked(m, s, a, detail).map_err(|p| Error::Invalid(vec![p]))?;
    f.survey.source.clone_from(&a.survey_source);
    f.survey.not_in_source = a.not_in_survey;
    Ok(f)
}

struct Sums {
    appraised: Part,
    survey: Part,
}

fn score_checked(
    m: &Methodology,
    s: &Submission,
    a: &Appraised,
    detail: Detail,
) -> Result<Figures, Problem> {
    let mut unanswered = Vec::new();
    let mut sums = Sums {
        appraised: Part {
            points: Decimal::ZERO,
            max: Decimal::ZERO,
            applicable_max: Decimal::ZERO,
        },
        survey: Part {
            points: Decimal::ZERO,
            max: Decimal::ZERO,
            applicable_max: Decimal::ZERO,
        },
    };
    let mut areas = Vec::with_capacity(m.areas().len());
    let mut walk = Walk {
        answers: Cursor::new(&s.answers),
        appraised: Cursor::new(&a.items),
        unanswered: &mut unanswered,
        sums: &mut sums,
        detail,
    };
    for area in m.areas() {
        // An area is a branch: its node is always built.
        score_node(m, s, area, &mut walk, &mut areas)?;
    }
    let bonus = adjustment(&s.bonus, &a.bonus, m.bonus_cap(), Some(m.evidence_policy()))?;
    let penalty = adjustment(&s.penalty, &a.penalty, m.penalty_cap(), None)?;
    let applicable_max = add(
        sums.appraised.applicable_max,
        sums.survey.applicable_max,
        None,
        "applicable_max",
    )?;
    if applicable_max <= Decimal::ZERO {
        return Err(Problem::new(
            ProblemKind::NothingApplicable,
            None,
            "answers",
            "every item is excluded as not applicable, so no index can be computed",
        ));
    }
    let gross = add(sums.appraised.points, sums.survey.points, None, "total")?;
    let gross = add(gross, bonus.points, None, "total")?;
    let gross = gross
        .checked_sub(penalty.points)
        .ok_or_else(|| overflow(None, "total"))?;
    let total = gross.max(Decimal::ZERO).min(applicable_max).normalize();
    let applicable_max = applicable_max.normalize();
    let index = total
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(applicable_max))
        .ok_or_else(|| overflow(None, "index"))?;
    // Rounded as the exact quotient rounds, not its 28-digit approximation.
    let index = crate::model::exact::round_quotient(
        index,
        &[total, Decimal::ONE_HUNDRED],
        &[applicable_max],
    )
    .normalize();
    let band = m.band_of(index);
    for part in [&mut sums.appraised, &mut sums.survey] {
        part.points = part.points.normalize();
        part.max = part.max.normalize();
        part.applicable_max = part.applicable_max.normalize();
    }
    Ok(Figures {
        methodology: m.id().to_owned(),
        unit: s.unit.clone(),
        period: s.period.clone(),
        appraised: sums.appraised,
        survey: SurveyPart {
            held: s.survey_held,
            source: None,
            not_in_source: false,
            points: sums.survey.points,
            max: sums.survey.max,
            applicable_max: sums.survey.applicable_max,
        },
        bonus,
        penalty,
        total,
        applicable_max,
        index,
        band: BandRef {
            label: band.label.clone(),
            min: band.min,
        },
        unanswered,
        areas,
    })
}

fn adjustment(
    entries: &[AdjustmentEntry],
    notes: &[Option<ItemAppraisal>],
    cap: Decimal,
    policy: Option<EvidencePolicy>,
) -> Result<Adjustment, Problem> {
    let mut claimed = Decimal::ZERO;
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let appraisal = notes.get(i).cloned().flatten();
        let (counted, amount, note) = match (&appraisal, policy, e.evidence.is_empty()) {
            // The appraiser's amount replaces the claim (0: rejected).
            (Some(x), _, _) => match x.set_points {
                Some(p) if p.is_zero() => {
                    (false, Decimal::ZERO, Some(EntryNote::RejectedByAppraiser))
                }
                Some(p) => (true, p, Some(EntryNote::AcceptedByAppraiser)),
                None => (true, e.amount, None),
            },
            (None, Some(EvidencePolicy::Zero), true) => {
                (false, Decimal::ZERO, Some(EntryNote::NoEvidenceNotCounted))
            }
            (None, Some(EvidencePolicy::Flag), true) => {
                (true, e.amount, Some(EntryNote::NoEvidenceFlagged))
            }
            _ => (true, e.amount, None),
        };
        if counted {
            claimed = add(claimed, amount, None, "bonus")?;
        }
        let mut entry = e.clone();
        entry.amount = entry.amount.normalize();
        entry.evidence.sort();
        out.push(CountedEntry {
            entry,
            counted,
            note,
            appraisal,
        });
    }
    Ok(Adjustment {
        entries: out,
        claimed: claimed.normalize(),
        cap,
        points: claimed.min(cap).normalize(),
    })
}

/// Entries of a map keyed by code, taken in code order as the tree walk reaches each leaf:
/// the methodology's tree is in code order (validation builds it so), and so is the map, so
/// one pass pairs them with no lookup.
struct Cursor<'a, V> {
    entries: std::iter::Peekable<std::collections::btree_map::Iter<'a, Code, V>>,
}

impl<'a, V> Cursor<'a, V> {
    fn new(map: &'a std::collections::BTreeMap<Code, V>) -> Self {
        Cursor {
            entries: map.iter().peekable(),
        }
    }

    /// The entry for `code`, skipping entries before it (codes the tree does not have as
    /// leaves: `check` has refused those already).
    fn take(&mut self, code: &Code) -> Option<&'a V> {
        while let Some((c, v)) = self.entries.peek() {
            match (*c).cmp(code) {
                std::cmp::Ordering::Less => {
                    self.entries.next();
                }
                std::cmp::Ordering::Equal => {
                    let v = *v;
                    self.entries.next();
                    return Some(v);
                }
                std::cmp::Ordering::Greater => return None,
            }
        }
        None
    }
}

/// The state of one scoring walk over the tree.
struct Walk<'a, 'w> {
    answers: Cursor<'a, Answer>,
    appraised: Cursor<'a, ItemAppraisal>,
    unanswered: &'w mut Vec<Code>,
    sums: &'w mut Sums,
    detail: Detail,
}

/// The numbers of a node scored, and whether it is a leaf left unanswered. Its node of the
/// scorecard (none for a leaf scored for [`Detail::Numbers`]) goes straight into its
/// parent's list, so the large node is built in place and not moved up the walk.
struct Scored {
    points: Decimal,
    max: Decimal,
    applicable_max: Decimal,
    applicable: bool,
    unanswered: bool,
}

fn score_node(
    m: &Methodology,
    s: &Submission,
    node: &Criterion,
    walk: &mut Walk<'_, '_>,
    out: &mut Vec<ScoreNode>,
) -> Result<Scored, Problem> {
    if let Some(rule) = node.rule() {
        let answer = walk.answers.take(node.code());
        let appraisal = walk.appraised.take(node.code());
        let leaf = score_leaf(m, s, (answer, appraisal), node, rule, walk.detail, out)?;
        let sums = &mut *walk.sums;
        let unanswered = &mut *walk.unanswered;
        let part = if matches!(rule, Rule::Survey) {
            &mut sums.survey
        } else {
            &mut sums.appraised
        };
        let c = Some(node.code().as_str());
        part.points = add(part.points, leaf.points, c, "points")?;
        part.max = add(part.max, leaf.max, c, "max")?;
        part.applicable_max = add(part.applicable_max, leaf.applicable_max, c, "max")?;
        if leaf.unanswered {
            unanswered.push(node.code().clone());
        }
        return Ok(leaf);
    }
    let mut children = Vec::with_capacity(node.children().len());
    let mut points = Decimal::ZERO;
    let mut applicable_max = Decimal::ZERO;
    let mut applicable = false;
    let c = Some(node.code().as_str());
    for child in node.children() {
        let scored = score_node(m, s, child, walk, &mut children)?;
        points = add(points, scored.points, c, "points")?;
        applicable_max = add(applicable_max, scored.applicable_max, c, "max")?;
        applicable |= scored.applicable;
    }
    let points = points.min(node.max()).normalize();
    let applicable_max = applicable_max.normalize();
    out.push(ScoreNode {
        code: node.code().clone(),
        title: node.title.clone(),
        office: node.office.clone(),
        points,
        max: node.max(),
        applicable,
        applicable_max,
        children,
        trace: None,
    });
    Ok(Scored {
        points,
        max: node.max(),
        applicable_max,
        applicable,
        unanswered: false,
    })
}

fn score_leaf(
    m: &Methodology,
    s: &Submission,
    (answer, appraisal): (Option<&Answer>, Option<&ItemAppraisal>),
    item: &Criterion,
    rule: &Rule,
    detail: Detail,
    out: &mut Vec<ScoreNode>,
) -> Result<Scored, Problem> {
    let code = item.code();
    let c = Some(code.as_str());
    let max = item.max();
    let is_survey = matches!(rule, Rule::Survey);
    let mut flags = Flags::default();
    let mut adjustment = None;
    // The rule's value and branch.
    let na_now =
        (is_survey && !s.survey_held) || answer.is_some_and(|a| a.measure.is_not_applicable());
    let (raw, branch) = if na_now {
        let Some(policy) = item.na_policy() else {
            return Err(Problem::new(
                ProblemKind::NotApplicableRejected,
                c,
                "survey_held",
                format!("no survey was held, but survey item {code} has no N/A policy"),
            ));
        };
        flags.not_applicable = true;
        let raw = if policy == NaPolicy::Full {
            max
        } else {
            Decimal::ZERO
        };
        (raw, Branch::NotApplicable { policy })
    } else if let Some(a) = answer {
        rule.evaluate(max, &a.measure).map_err(|e| {
            Problem::new(
                e.problem_kind(),
                c,
                format!("answers.{code}"),
                e.to_string(),
            )
        })?
    } else {
        flags.unanswered = true;
        (Decimal::ZERO, Branch::Unanswered)
    };
    let raw = raw.normalize();
    // A rule rounds its own value (a not-applicable branch is plain rounding there too).
    let rounded = match answer {
        Some(a) => rule.round(max, &a.measure, &branch, raw),
        None => round_points(raw).max(Decimal::ZERO).min(max).normalize(),
    };
    let applicable = !matches!(
        branch,
        Branch::NotApplicable {
            policy: NaPolicy::Exclude
        }
    );

    // The evidence policy: claims of points need evidence (survey and N/A need none).
    let mut points = rounded;
    if let Some(a) = answer
        && !is_survey
        && !flags.not_applicable
        && rounded > Decimal::ZERO
        && a.evidence.is_empty()
    {
        if a.explanation
            .as_deref()
            .is_some_and(|e| !e.trim().is_empty())
        {
            flags.explained = true;
        } else {
            flags.unsupported = true;
            if m.evidence_policy() == EvidencePolicy::Zero {
                points = Decimal::ZERO;
                adjustment = Some(Override::EvidencePolicy);
            }
        }
    }

    // Points the appraiser set directly replace the rule's (and the evidence policy's).
    if let Some(set) = appraisal.and_then(|x| x.set_points) {
        let set = set.max(Decimal::ZERO).min(max).normalize();
        if set != points {
            adjustment = Some(Override::Appraiser);
        }
        points = set;
    }

    let points = points.normalize();
    let applicable_max = if applicable { max } else { Decimal::ZERO };
    let leaf = Scored {
        points,
        max,
        applicable_max,
        applicable,
        unanswered: flags.unanswered,
    };
    let node = |trace| ScoreNode {
        code: code.clone(),
        title: item.title.clone(),
        office: item.office.clone(),
        points,
        max,
        applicable,
        applicable_max,
        children: Vec::new(),
        trace,
    };
    match detail {
        Detail::Numbers => return Ok(leaf),
        Detail::Leaves => {
            out.push(node(None));
            return Ok(leaf);
        }
        Detail::Full => {}
    }
    let mut evidence = answer.map(|a| a.evidence.clone()).unwrap_or_default();
    evidence.sort();
    out.push(node(Some(Trace {
        rule: rule.clone(),
        na: item.na_policy(),
        source: item.source.clone(),
        measure: answer.map(|a| a.measure.normalized()),
        branch,
        raw,
        rounded,
        adjustment,
        evidence,
        explanation: answer.and_then(|a| a.explanation.clone()),
        flags,
        appraisal: appraisal.cloned(),
    })));
    Ok(leaf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sum past the decimal range is a located problem, never a wrapped number. Through a
    /// validated methodology (maxima at most 10^9) no sum gets there; the edge is pinned here.
    #[test]
    fn a_sum_past_the_decimal_range_is_an_overflow_at_its_field() {
        let p = add(Decimal::MAX, Decimal::ONE, Some("1.1"), "total").unwrap_err();
        assert_eq!(p.kind, ProblemKind::Overflow);
        assert_eq!(
            (p.code.as_deref(), p.field.as_str()),
            (Some("1.1"), "total")
        );
        assert_eq!(p.message, "arithmetic overflow: the numbers are too large");
        assert_eq!(
            add(Decimal::MAX, Decimal::ZERO, None, "total").unwrap(),
            Decimal::MAX
        );
    }
}
