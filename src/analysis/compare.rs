//! Year over year (`par-index compare`): a unit's scorecard against its previous ones, by
//! index, total, area and item, with the change and its causes; across the 2025 mergers, a
//! merged unit against each of its predecessors and against a baseline built from them.
//!
//! **The baseline.** A unit that was not merged is compared with its own previous scorecard
//! (the same code). A unit the roster gives predecessors is compared with every predecessor
//! found, each shown, and with their **weighted mean**: for the index, the total, each area
//! and each item, `Σ wᵢ·xᵢ / Σ wᵢ`, rounded once to 2 decimals half away from zero (the
//! rounding of scores). The weights are the roster's when it gives one for every predecessor
//! found, otherwise equal. The mean of the indices is not the index of a merged scorecard
//! (each index divides by its own unit's applicable maximum): it is a reference, and the
//! predecessors are never hidden behind it.
//!
//! **Items across methodologies** are matched by code, or through a code map (last year's
//! code → this year's). The causes of a change are data ([`CauseKind`]): the methodology's
//! (new, removed, moved, rule, maximum, N/A policy) and the unit's (measure, evidence, not
//! applicable, unanswered, appraisal), the latter naming the predecessors they hold for.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::roster::{Predecessor, Roster};
use crate::model::roster::{is_earlier, period_year};
use crate::model::scorecard::{ScoreNode, Scorecard};
use crate::model::submission::Unit;
use crate::model::text::Text;

/// Why an item's points changed, or what changed around it.
///
/// ```
/// assert_ne!(par_index::analysis::CauseKind::RuleChanged, par_index::analysis::CauseKind::New);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
#[non_exhaustive]
pub enum CauseKind {
    /// The item is new in this year's methodology.
    New,
    /// The item is not in this year's methodology.
    Removed,
    /// The item was under another code last year.
    Moved {
        /// Its code last year.
        from: Code,
    },
    /// The rule or its parameters changed between the methodologies.
    RuleChanged,
    /// The item's maximum changed.
    MaxChanged,
    /// The not-applicable policy changed.
    NaPolicyChanged,
    /// The unit's measure differs.
    MeasureChanged,
    /// Points claimed without evidence or explanation this year, not last year.
    EvidenceMissing,
    /// Evidence given this year where last year's claim had none.
    EvidenceAdded,
    /// Not applicable this year, applicable last year.
    NowNotApplicable,
    /// Applicable this year, not applicable last year.
    NoLongerNotApplicable,
    /// Not answered this year.
    Unanswered,
    /// An appraisal decided the points this year (a corrected measure, set points or
    /// rejected evidence).
    Appraised,
}

/// A cause and the predecessors it holds for (empty: for the unit's single previous
/// scorecard, or a change of the methodology).
///
/// ```
/// let c = par_index::analysis::Cause { kind: par_index::analysis::CauseKind::MeasureChanged, units: vec!["NG-04".into()] };
/// assert_eq!(c.units.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// What changed.
    #[serde(flatten)]
    pub kind: CauseKind,
    /// The codes of the predecessors it holds for, when the baseline has several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<String>,
}

/// A figure this year against the baseline.
///
/// ```
/// let c = par_index::analysis::Change::of(Some("80".parse().unwrap()), "84.5".parse().unwrap(), vec![]);
/// assert_eq!(c.change, Some("4.5".parse().unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The baseline (the previous figure, or the predecessors' weighted mean); `None`
    /// without one.
    pub before: Option<Decimal>,
    /// This year's figure.
    pub after: Decimal,
    /// `after − before`.
    pub change: Option<Decimal>,
    /// Each predecessor's figure, in the order of [`Comparison::predecessors`] (`None`: not
    /// in that predecessor's scorecard).
    pub each: Vec<Option<Decimal>>,
}

impl Change {
    /// A change from its baseline, this year's figure and each predecessor's.
    ///
    /// ```
    /// let c = par_index::analysis::Change::of(None, "1".parse().unwrap(), vec![]);
    /// assert_eq!(c.change, None);
    /// ```
    #[must_use]
    pub fn of(before: Option<Decimal>, after: Decimal, each: Vec<Option<Decimal>>) -> Change {
        Change {
            before,
            after,
            change: before.and_then(|b| after.checked_sub(b)),
            each,
        }
    }
}

/// An area or an item compared.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// let mut last = card.clone();
/// last.period = "2023".into(); // the same numbers, a year before
/// let c = par_index::analysis::compare(&card, &[last.clone()], None, None);
/// assert!(c.items.is_empty()); // nothing changed
/// assert_eq!(c.areas[0].points.change, Some(rust_decimal::Decimal::ZERO));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Its code this year (last year's, for an item removed).
    pub code: Code,
    /// Its title (this year's, or last year's for an item removed).
    pub title: Text,
    /// Its maximum last year (the first predecessor's) and this year.
    pub max: (Option<Decimal>, Option<Decimal>),
    /// Its points (an item removed: 0 this year).
    pub points: Change,
    /// Why they changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<Cause>,
}

/// A previous scorecard the comparison is made against.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// let mut last = card.clone();
/// last.period = "2023".into(); // the same numbers, a year before
/// let c = par_index::analysis::compare(&card, &[last.clone()], None, None);
/// assert_eq!(c.predecessors[0].weight, rust_decimal::Decimal::ONE);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Baseline {
    /// The unit it scored.
    pub unit: Unit,
    /// Its period.
    pub period: String,
    /// The methodology it was scored under.
    pub methodology: String,
    /// Its index.
    pub index: Decimal,
    /// Its total.
    pub total: Decimal,
    /// Its band.
    pub band: Text,
    /// Its weight in the baseline (1 each when equal).
    pub weight: Decimal,
}

/// How the baseline was built.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// assert_eq!(par_index::analysis::compare(&card, &[], None, None).basis, par_index::analysis::BaselineKind::None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BaselineKind {
    /// No previous scorecard was found.
    None,
    /// The unit's own previous scorecard, or a single predecessor's.
    Single,
    /// The predecessors' mean, weighted equally.
    EqualWeights,
    /// The predecessors' mean, weighted as the roster says.
    RosterWeights,
}

/// A unit this year against its previous scorecards.
///
/// ```
/// use par_index::{catalog, analysis::compare, score};
/// let m = catalog::default_methodology();
/// let before = catalog::sample_scorecard();
/// let mut s = catalog::sample_submission();
/// s.period = "2025".into();
/// s.answers.remove(&"7.5.1".parse().unwrap()); // 0.5 points no longer claimed
/// let after = score(m, &s).unwrap();
/// let c = compare(&after, &[before], None, None);
/// let line = c.items.iter().find(|l| l.code.as_str() == "7.5.1").unwrap();
/// assert_eq!(line.points.change, Some("-0.5".parse().unwrap()));
/// assert_eq!(line.causes[0].kind, par_index::analysis::CauseKind::Unanswered);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Comparison {
    /// The unit.
    pub unit: Unit,
    /// This year's period.
    pub period: String,
    /// This year's methodology.
    pub methodology: String,
    /// How the baseline was built.
    pub basis: BaselineKind,
    /// The previous scorecards compared against: the unit's own, or each predecessor found.
    pub predecessors: Vec<Baseline>,
    /// Predecessors the roster names that have no previous scorecard among those given.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<Predecessor>,
    /// The index.
    pub index: Change,
    /// The total points.
    pub total: Change,
    /// The bonus and the penalty counted.
    pub bonus: Change,
    /// The penalty counted.
    pub penalty: Change,
    /// Every area, in this year's order, then areas removed.
    pub areas: Vec<Line>,
    /// The items whose points changed, or that are new, removed, moved or under a changed
    /// rule, maximum or N/A policy; in this year's code order, then items removed.
    pub items: Vec<Line>,
}

/// The previous scorecards by unit code and the roster's units by code (ASCII case aside),
/// built once for a batch.
struct Lookup<'a> {
    pool: BTreeMap<String, Vec<&'a Scorecard>>,
    roster: BTreeMap<String, &'a crate::model::roster::RosterUnit>,
}

impl<'a> Lookup<'a> {
    fn of(pool: &'a [Scorecard], roster: Option<&'a Roster>) -> Lookup<'a> {
        let mut by_code: BTreeMap<String, Vec<&Scorecard>> = BTreeMap::new();
        for c in pool {
            by_code
                .entry(c.unit.code.to_ascii_lowercase())
                .or_default()
                .push(c);
        }
        Lookup {
            pool: by_code,
            roster: roster
                .map(|r| {
                    r.units
                        .iter()
                        .map(|u| (u.code.to_ascii_lowercase(), u))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn cards(&self, code: &str) -> &[&'a Scorecard] {
        self.pool
            .get(&code.to_ascii_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// The previous scorecards of `unit`: the roster's predecessors when it gives any (each
    /// found by code and year), else the latest scorecard of the same code; with the weights
    /// the roster gives and the predecessors not found.
    fn baseline_of(
        &self,
        unit: &Unit,
        period: &str,
    ) -> (Vec<(&'a Scorecard, Option<Decimal>)>, Vec<Predecessor>) {
        let predecessors = self
            .roster
            .get(&unit.code.to_ascii_lowercase())
            .map(|u| u.predecessors.as_slice())
            .unwrap_or_default();
        if predecessors.is_empty() {
            // The latest result before this one: never one of the same period or later.
            let own = self
                .cards(&unit.code)
                .iter()
                .filter(|c| is_earlier(&c.period, period))
                .max_by(|a, b| a.period.cmp(&b.period));
            return (own.map(|c| (*c, None)).into_iter().collect(), Vec::new());
        }
        let now = period_year(period);
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for p in predecessors {
            // A predecessor of this year or later is no baseline (`Roster::check_period`
            // names it as a problem of the roster).
            if now.is_some_and(|now| p.year >= now) {
                continue;
            }
            let year = p.year.to_string();
            match self
                .cards(&p.code)
                .iter()
                .find(|c| c.period.starts_with(&year))
            {
                Some(c) => found.push((*c, p.weight)),
                None => missing.push(p.clone()),
            }
        }
        (found, missing)
    }
}

/// Compare `current` with its previous scorecards in `pool` (see the module's text for how
/// they are found and how a merged unit's baseline is built). `map` maps last year's item
/// codes to this year's, for items that moved.
///
/// ```
/// use par_index::{analysis::compare, Roster};
/// let card = |c: &str| par_index::Scorecard::from_json(&std::fs::read_to_string(c).unwrap()).unwrap();
/// let pool = [card("examples/data/province/2024/NG-04.json"), card("examples/data/province/2024/NG-05.json")];
/// let roster = Roster::from_csv_str("code,name,kind,block,predecessors\nNG-01,Xã Mới,xa,xa,NG-04@2024;NG-05@2024;NG-99@2024\n", None).unwrap();
/// let mut now = par_index::catalog::sample_scorecard(); // NG-01
/// now.period = "2025".into(); // formed in 2025 from the 2024 units
/// let c = compare(&now, &pool, Some(&roster), None);
/// assert_eq!(c.predecessors.len(), 2);
/// assert_eq!(c.missing[0].code, "NG-99"); // named by the roster, not given: said, not hidden
/// assert_eq!(c.basis, par_index::analysis::BaselineKind::EqualWeights);
/// ```
#[must_use]
pub fn compare(
    current: &Scorecard,
    pool: &[Scorecard],
    roster: Option<&Roster>,
    map: Option<&BTreeMap<Code, Code>>,
) -> Comparison {
    compare_in(current, &Lookup::of(pool, roster), map)
}

fn compare_in(
    current: &Scorecard,
    lookup: &Lookup<'_>,
    map: Option<&BTreeMap<Code, Code>>,
) -> Comparison {
    let (found, missing) = lookup.baseline_of(&current.unit, &current.period);
    let weighted = found.len() > 1 && found.iter().all(|(_, w)| w.is_some());
    let weights: Vec<Decimal> = found
        .iter()
        .map(|(_, w)| {
            if weighted {
                w.unwrap_or(Decimal::ONE)
            } else {
                Decimal::ONE
            }
        })
        .collect();
    let basis = match found.len() {
        0 => BaselineKind::None,
        1 => BaselineKind::Single,
        _ if weighted => BaselineKind::RosterWeights,
        _ => BaselineKind::EqualWeights,
    };
    let cards: Vec<&Scorecard> = found.iter().map(|(c, _)| *c).collect();
    let mean = |each: &[Option<Decimal>]| weighted_mean(each, &weights);
    let figure = |after: Decimal, of: &dyn Fn(&Scorecard) -> Decimal| {
        let each: Vec<Option<Decimal>> = cards.iter().map(|c| Some(of(c))).collect();
        Change::of(mean(&each), after, each)
    };
    let predecessors = cards
        .iter()
        .zip(&weights)
        .map(|(c, w)| Baseline {
            unit: c.unit.clone(),
            period: c.period.clone(),
            methodology: c.methodology.id.clone(),
            index: c.index,
            total: c.total,
            band: c.band.label.clone(),
            weight: *w,
        })
        .collect();
    let ctx = Ctx {
        cards: &cards,
        map,
        back: map
            .map(|m| m.iter().map(|(from, to)| (to, from)).collect())
            .unwrap_or_default(),
        multi: cards.len() > 1,
    };
    Comparison {
        unit: current.unit.clone(),
        period: current.period.clone(),
        methodology: current.methodology.id.clone(),
        basis,
        predecessors,
        missing,
        index: figure(current.index, &|c| c.index),
        total: figure(current.total, &|c| c.total),
        bonus: figure(current.bonus.points, &|c| c.bonus.points),
        penalty: figure(current.penalty.points, &|c| c.penalty.points),
        areas: ctx.areas(current, &mean),
        items: ctx.items(current, &mean),
    }
}

/// `Σ wᵢ·xᵢ / Σ wᵢ` over the figures present, rounded once (2 decimals, half away from
/// zero); `None` when none is present.
fn weighted_mean(each: &[Option<Decimal>], weights: &[Decimal]) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    let mut total = Decimal::ZERO;
    let mut any = false;
    for (x, w) in each.iter().zip(weights) {
        if let Some(x) = x {
            sum = sum.checked_add(x.checked_mul(*w)?)?;
            total = total.checked_add(*w)?;
            any = true;
        }
    }
    if !any {
        return None;
    }
    Some(crate::model::exact::round_points(sum.checked_div(total)?))
}

/// What the comparison of areas and items needs.
struct Ctx<'a> {
    cards: &'a [&'a Scorecard],
    map: Option<&'a BTreeMap<Code, Code>>,
    /// The map read backwards: this year's code → last year's.
    back: BTreeMap<&'a Code, &'a Code>,
    multi: bool,
}

type Mean<'m> = &'m dyn Fn(&[Option<Decimal>]) -> Option<Decimal>;

/// Whether a cause holds against a previous leaf's trace.
type Holds<'h> = dyn Fn(&crate::model::scorecard::Trace) -> bool + 'h;

impl Ctx<'_> {
    /// Last year's code of an item of this year (through the map's inverse).
    fn previous_code<'c>(&'c self, code: &'c Code) -> &'c Code {
        self.back.get(code).copied().unwrap_or(code)
    }

    /// This year's code of an item of last year.
    fn current_code<'c>(&'c self, code: &'c Code) -> &'c Code {
        self.map.and_then(|m| m.get(code)).unwrap_or(code)
    }

    fn areas(&self, current: &Scorecard, mean: Mean<'_>) -> Vec<Line> {
        let mut out: Vec<Line> = current
            .areas
            .iter()
            .map(|a| {
                let prev: Vec<Option<&ScoreNode>> = self
                    .cards
                    .iter()
                    .map(|c| c.areas.iter().find(|x| x.code == a.code))
                    .collect();
                let each: Vec<Option<Decimal>> = prev.iter().map(|n| n.map(|n| n.points)).collect();
                let first = prev.iter().flatten().next();
                let mut causes = Vec::new();
                if !self.cards.is_empty() && first.is_none() {
                    causes.push(bare(CauseKind::New));
                }
                if first.is_some_and(|p| p.max != a.max) {
                    causes.push(bare(CauseKind::MaxChanged));
                }
                Line {
                    code: a.code.clone(),
                    title: a.title.as_ref().clone(),
                    max: (first.map(|p| p.max), Some(a.max)),
                    points: Change::of(mean(&each), a.points, each),
                    causes,
                }
            })
            .collect();
        // Areas of last year that are gone.
        let mut gone: BTreeMap<&Code, &ScoreNode> = BTreeMap::new();
        for c in self.cards {
            for a in &c.areas {
                if !current.areas.iter().any(|x| x.code == a.code) {
                    gone.entry(&a.code).or_insert(a);
                }
            }
        }
        for (code, a) in gone {
            let each: Vec<Option<Decimal>> = self
                .cards
                .iter()
                .map(|c| c.areas.iter().find(|x| &x.code == code).map(|n| n.points))
                .collect();
            out.push(Line {
                code: code.clone(),
                title: a.title.as_ref().clone(),
                max: (Some(a.max), None),
                points: Change::of(mean(&each), Decimal::ZERO, each),
                causes: vec![bare(CauseKind::Removed)],
            });
        }
        out
    }

    fn items(&self, current: &Scorecard, mean: Mean<'_>) -> Vec<Line> {
        let mut out = Vec::new();
        if self.cards.is_empty() {
            return out;
        }
        for leaf in current.leaves() {
            let from = self.previous_code(&leaf.code);
            let prev: Vec<Option<&ScoreNode>> = self.cards.iter().map(|c| c.find(from)).collect();
            let each: Vec<Option<Decimal>> = prev.iter().map(|n| n.map(|n| n.points)).collect();
            let points = Change::of(mean(&each), leaf.points, each);
            let causes = self.causes(leaf, from, &prev);
            let moved_or_rule = causes.iter().any(|c| {
                matches!(
                    c.kind,
                    CauseKind::New
                        | CauseKind::Moved { .. }
                        | CauseKind::RuleChanged
                        | CauseKind::MaxChanged
                        | CauseKind::NaPolicyChanged
                )
            });
            if points.change != Some(Decimal::ZERO) || moved_or_rule {
                out.push(Line {
                    code: leaf.code.clone(),
                    title: leaf.title.as_ref().clone(),
                    max: (prev.iter().flatten().next().map(|p| p.max), Some(leaf.max)),
                    points,
                    causes,
                });
            }
        }
        // Items of last year that are not in this year's methodology.
        let mut gone: BTreeMap<&Code, &ScoreNode> = BTreeMap::new();
        for c in self.cards {
            for l in c.leaves() {
                if current.find(self.current_code(&l.code)).is_none() {
                    gone.entry(&l.code).or_insert(l);
                }
            }
        }
        for (code, l) in gone {
            let each: Vec<Option<Decimal>> = self
                .cards
                .iter()
                .map(|c| c.find(code).map(|n| n.points))
                .collect();
            out.push(Line {
                code: code.clone(),
                title: l.title.as_ref().clone(),
                max: (Some(l.max), None),
                points: Change::of(mean(&each), Decimal::ZERO, each),
                causes: vec![bare(CauseKind::Removed)],
            });
        }
        out
    }

    /// The causes for a leaf of this year against its previous scorecards' leaves.
    fn causes(&self, leaf: &ScoreNode, from: &Code, prev: &[Option<&ScoreNode>]) -> Vec<Cause> {
        let mut out = Vec::new();
        let Some(first) = prev.iter().flatten().next() else {
            out.push(bare(CauseKind::New));
            return out;
        };
        if from != &leaf.code {
            out.push(bare(CauseKind::Moved { from: from.clone() }));
        }
        let (now, then) = (leaf.trace.as_ref(), first.trace.as_ref());
        if let (Some(now), Some(then)) = (now, then) {
            if now.rule != then.rule {
                out.push(bare(CauseKind::RuleChanged));
            }
            if now.na != then.na {
                out.push(bare(CauseKind::NaPolicyChanged));
            }
        }
        if leaf.max != first.max {
            out.push(bare(CauseKind::MaxChanged));
        }
        // The unit's causes, each with the predecessors it holds for.
        let Some(now) = now else { return out };
        let checks: [(CauseKind, &Holds<'_>); 7] = [
            (CauseKind::Unanswered, &|t| {
                now.flags.unanswered && !t.flags.unanswered
            }),
            (CauseKind::NowNotApplicable, &|t| {
                now.flags.not_applicable && !t.flags.not_applicable
            }),
            (CauseKind::NoLongerNotApplicable, &|t| {
                !now.flags.not_applicable && t.flags.not_applicable
            }),
            (CauseKind::EvidenceMissing, &|t| {
                now.flags.unsupported && !t.flags.unsupported
            }),
            (CauseKind::EvidenceAdded, &|t| {
                !now.flags.unsupported && t.flags.unsupported
            }),
            (CauseKind::MeasureChanged, &|t| {
                now.measure.is_some() && t.measure.is_some() && now.measure != t.measure
            }),
            (CauseKind::Appraised, &|_| now.appraisal.is_some()),
        ];
        for (kind, holds) in checks {
            let units: Vec<String> = self
                .cards
                .iter()
                .zip(prev)
                .filter_map(|(c, p)| {
                    let t = p.and_then(|p| p.trace.as_ref())?;
                    holds(t).then(|| c.unit.code.clone())
                })
                .collect();
            if !units.is_empty() {
                out.push(Cause {
                    kind,
                    units: if self.multi { units } else { Vec::new() },
                });
            }
        }
        out
    }
}

fn bare(kind: CauseKind) -> Cause {
    Cause {
        kind,
        units: Vec::new(),
    }
}

/// Many units compared: each unit with a baseline, ordered by the change of its index
/// (largest rise first), and the units with none.
///
/// ```
/// let now = par_index::catalog::sample_scorecard();
/// let mut last = now.clone();
/// last.period = "2023".into();
/// let b = par_index::analysis::compare_batch(&[now.clone()], &[last], None, None);
/// assert_eq!(b.units.len(), 1);
/// assert!(b.without_baseline.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BatchComparison {
    /// The comparisons with a baseline, largest rise of the index first (ties by unit code).
    pub units: Vec<Comparison>,
    /// Units with no previous scorecard.
    pub without_baseline: Vec<Unit>,
}

/// Compare every scorecard of `current` with `pool` (see [`compare`]).
///
/// ```
/// let now = par_index::catalog::sample_scorecard();
/// let b = par_index::analysis::compare_batch(&[now], &[], None, None);
/// assert_eq!(b.without_baseline[0].code, "NG-01");
/// ```
#[must_use]
pub fn compare_batch(
    current: &[Scorecard],
    pool: &[Scorecard],
    roster: Option<&Roster>,
    map: Option<&BTreeMap<Code, Code>>,
) -> BatchComparison {
    let mut units = Vec::new();
    let mut without_baseline = Vec::new();
    let lookup = Lookup::of(pool, roster);
    for c in current {
        let cmp = compare_in(c, &lookup, map);
        if cmp.basis == BaselineKind::None {
            without_baseline.push(cmp.unit);
        } else {
            units.push(cmp);
        }
    }
    units.sort_by(|a, b| {
        b.index
            .change
            .cmp(&a.index.change)
            .then_with(|| a.unit.code.cmp(&b.unit.code))
    });
    without_baseline.sort_by(|a, b| a.code.cmp(&b.code));
    BatchComparison {
        units,
        without_baseline,
    }
}

/// This year's results compared with last year's, as `par-index compare` compares them:
/// one unit, or many.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Compared {
    /// One unit's results were given (or asked for): its comparison, in full.
    One(Box<Comparison>),
    /// Many units': each with its baseline, and those without one.
    Many(BatchComparison),
}

/// Compare this year's results with last year's (`pool`), as `par-index compare` does: only
/// the unit `unit` when one is named (by code, regardless of case); one unit compared in
/// full, many as a batch. A roster (given with the name of its file) must name
/// predecessors of years before the results' periods.
///
/// # Errors
///
/// [`Error::Invalid`]: no result given, none of the unit named, or predecessors of the
/// roster that cannot be a baseline for these periods (each a problem in the roster's
/// file, naming the unit and the predecessor).
///
/// ```
/// use par_index::analysis::{compare_results, Compared};
/// let now = par_index::catalog::sample_scorecard(); // NG-01, 2024
/// let mut last = now.clone();
/// last.period = "2023".into();
/// let Ok(Compared::One(c)) = compare_results(vec![now.clone()], &[last], None, None, None) else { panic!() };
/// assert!(c.index.change.unwrap().is_zero());
/// let err = compare_results(vec![now], &[], None, None, Some("NG-09")).unwrap_err();
/// assert_eq!(err.to_string(), "no result of unit NG-09 among the files given");
/// ```
pub fn compare_results(
    mut current: Vec<Scorecard>,
    pool: &[Scorecard],
    roster: Option<(&Roster, &str)>,
    map: Option<&BTreeMap<Code, Code>>,
    unit: Option<&str>,
) -> Result<Compared, Error> {
    let refused = |message: String| {
        Error::Invalid(vec![Problem::new(ProblemKind::BadValue, None, "", message)])
    };
    if let Some(code) = unit {
        current.retain(|c| c.unit.code.eq_ignore_ascii_case(code));
        if current.is_empty() {
            return Err(refused(format!(
                "no result of unit {code} among the files given"
            )));
        }
    }
    if let Some((r, file)) = roster {
        let mut periods: Vec<&str> = current.iter().map(|c| c.period.as_str()).collect();
        periods.sort_unstable();
        periods.dedup();
        let problems: Vec<Problem> = periods.iter().flat_map(|p| r.check_period(p)).collect();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems).in_file(file));
        }
    }
    let roster = roster.map(|(r, _)| r);
    match current.as_slice() {
        [] => Err(refused("no result among the files given".to_owned())),
        [one] => Ok(Compared::One(Box::new(compare(one, pool, roster, map)))),
        many => Ok(Compared::Many(compare_batch(many, pool, roster, map))),
    }
}

impl Comparison {
    /// The areas whose points changed most, largest change (either way) first, at most `n`.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let mut last = card.clone();
    /// last.period = "2023".into(); // the same numbers, a year before
    /// assert!(par_index::analysis::compare(&card, &[last.clone()], None, None).largest_area_changes(2).is_empty());
    /// ```
    #[must_use]
    pub fn largest_area_changes(&self, n: usize) -> Vec<&Line> {
        let mut v: Vec<&Line> = self
            .areas
            .iter()
            .filter(|a| a.points.change.is_some_and(|c| !c.is_zero()))
            .collect();
        v.sort_by(|a, b| {
            let size = |l: &Line| l.points.change.unwrap_or_default().abs();
            size(b).cmp(&size(a)).then_with(|| a.code.cmp(&b.code))
        });
        v.truncate(n);
        v
    }
}
