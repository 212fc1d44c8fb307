//! Gap analysis: every point a unit lost, grouped by the office accountable for it and by
//! area, with the reason and the gain available (the measure that wins each point back); and,
//! for a batch, which items lose the most points across units, so that the office knows where
//! to train. Readiness: what a self-assessment still lacks before it is sent, and the range
//! of index it can still reach.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::gain::{Improvement, improvements};
use crate::model::code::Code;
use crate::model::scorecard::Trace;
use crate::model::scorecard::{ScoreNode, Scorecard};
use crate::model::submission::Unit;
use crate::model::text::Text;

/// One item that lost points.
///
/// ```
/// let g = par_index::analysis::gaps(&par_index::catalog::sample_scorecard());
/// let item = &g.items[0];
/// assert!(item.gain <= item.lost && item.lost == item.max - item.points);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GapItem {
    /// The item's code.
    pub code: Code,
    /// Its title.
    pub title: Text,
    /// The office accountable for it.
    pub office: Text,
    /// Points.
    pub points: Decimal,
    /// Maximum.
    pub max: Decimal,
    /// max − points.
    pub lost: Decimal,
    /// Why, as data: the leaf's trace (measure, branch, evidence policy, the appraisal);
    /// the report says it in words.
    pub trace: Option<Trace>,
    /// What would win points back, nearest first.
    pub steps: Vec<Improvement>,
    /// The largest gain among the steps (≤ lost): what can be won back.
    pub gain: Decimal,
}

/// Points lost under one office (or one area).
///
/// ```
/// let g = par_index::analysis::gaps(&par_index::catalog::sample_scorecard());
/// let sum: rust_decimal::Decimal = g.offices.iter().map(|o| o.lost).sum();
/// assert_eq!(sum, g.lost);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GapGroup {
    /// The office (or the area's title).
    pub name: Text,
    /// The area's code, when grouped by area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// Points lost: the sum of its items'.
    pub lost: Decimal,
    /// Points that can be won back: the sum of its items' gains.
    pub gain: Decimal,
    /// The codes of its items, largest gain first.
    pub items: Vec<Code>,
}

/// A unit's gap analysis.
///
/// ```
/// let g = par_index::analysis::gaps(&par_index::catalog::sample_scorecard());
/// // Lost points add up by office and by area, and equal the applicable maximum less the points.
/// let card = par_index::catalog::sample_scorecard();
/// assert_eq!(g.lost, card.applicable_max - card.appraised.points - card.survey.points);
/// assert_eq!(g.areas.iter().map(|a| a.lost).sum::<rust_decimal::Decimal>(), g.lost);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Gaps {
    /// The unit.
    pub unit: Unit,
    /// Its index.
    pub index: Decimal,
    /// Points lost over all items that count.
    pub lost: Decimal,
    /// Points that can be won back.
    pub gain: Decimal,
    /// By accountable office, most lost first.
    pub offices: Vec<GapGroup>,
    /// By area, in code order.
    pub areas: Vec<GapGroup>,
    /// Every item that lost points, largest gain first (then code).
    pub items: Vec<GapItem>,
    /// Penalty points deducted.
    pub penalty: Decimal,
}

/// The office of an item the methodology assigns to none (both languages: a [`Text`]).
fn no_office() -> Text {
    Text {
        vi: "(chưa giao cơ quan chủ trì)".into(),
        en: Some("(no accountable office)".into()),
    }
}

/// The gap analysis of a scorecard: every applicable item below its max, with the reason and
/// the gain available, grouped by office and by area. Data only: the report says the reasons
/// and steps in either language ([`Gaps::to_document`]).
///
/// ```
/// use par_index::{analysis::gaps, Lang};
/// use par_index::report::words::describe_improvement;
/// use par_index::catalog::sample_scorecard;
/// let g = gaps(&sample_scorecard());
/// // 3.4.2: 620/1400 ≈ 44.29% of a 50% target → 0.89; 700/1400 reaches it: +0.11.
/// let item = g.items.iter().find(|i| i.code.as_str() == "3.4.2").unwrap();
/// assert_eq!(item.steps[0].gain, "0.11".parse().unwrap());
/// assert_eq!(describe_improvement(&item.steps[0], Lang::En), "reach 700/1400 (50%) → 1 (+0.11)");
/// ```
#[must_use]
pub fn gaps(card: &Scorecard) -> Gaps {
    let mut items: Vec<GapItem> = card
        .leaves()
        .filter(|l| l.applicable && l.points < l.max)
        .map(item)
        .collect();
    items.sort_by(|a, b| b.gain.cmp(&a.gain).then_with(|| a.code.cmp(&b.code)));
    let sum = |it: &mut dyn Iterator<Item = Decimal>| {
        it.fold(Decimal::ZERO, |a, x| a.checked_add(x).unwrap_or(a))
    };
    let offices = by_office(items.iter().map(|i| (&i.code, &i.office, i.lost, i.gain)));
    let areas = card
        .areas
        .iter()
        .map(|a| {
            let mine: Vec<&GapItem> = items
                .iter()
                .filter(|i| i.code.area() == a.code.as_str())
                .collect();
            GapGroup {
                name: a.title.as_ref().clone(),
                code: Some(a.code.clone()),
                lost: sum(&mut mine.iter().map(|i| i.lost)),
                gain: sum(&mut mine.iter().map(|i| i.gain)),
                items: mine.iter().map(|i| i.code.clone()).collect(),
            }
        })
        .collect();
    Gaps {
        unit: card.unit.clone(),
        index: card.index,
        lost: sum(&mut items.iter().map(|i| i.lost)),
        gain: sum(&mut items.iter().map(|i| i.gain)),
        offices,
        areas,
        items,
        penalty: card.penalty.points,
    }
}

/// Items grouped by accountable office, most lost first (then office name).
fn by_office<'a>(
    items: impl Iterator<Item = (&'a Code, &'a Text, Decimal, Decimal)>,
) -> Vec<GapGroup> {
    let mut offices: Vec<GapGroup> = Vec::new();
    for (code, office, lost, gain) in items {
        match offices.iter_mut().find(|o| &o.name == office) {
            Some(o) => {
                o.lost = o.lost.checked_add(lost).unwrap_or(o.lost);
                o.gain = o.gain.checked_add(gain).unwrap_or(o.gain);
                o.items.push(code.clone());
            }
            None => offices.push(GapGroup {
                name: office.clone(),
                code: None,
                lost,
                gain,
                items: vec![code.clone()],
            }),
        }
    }
    offices.sort_by(|a, b| b.lost.cmp(&a.lost).then_with(|| a.name.vi.cmp(&b.name.vi)));
    offices
}

fn item(l: &ScoreNode) -> GapItem {
    let lost = l.max.checked_sub(l.points).unwrap_or_default();
    let steps = improvements(l);
    let gain = steps
        .iter()
        .map(|s| s.gain)
        .max()
        .unwrap_or_default()
        .min(lost);
    GapItem {
        code: l.code.clone(),
        title: l.title.as_ref().clone(),
        office: l.office.as_deref().cloned().unwrap_or_else(no_office),
        points: l.points,
        max: l.max,
        lost,
        trace: l.trace.clone(),
        steps,
        gain,
    }
}

/// One item's losses across a batch.
///
/// ```
/// let g = par_index::analysis::batch_gaps(&[par_index::catalog::sample_scorecard()]);
/// assert!(g.items.iter().all(|i| i.units >= 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ItemLoss {
    /// The item's code.
    pub code: Code,
    /// Its title.
    pub title: Text,
    /// The office accountable for it.
    pub office: Text,
    /// How many units lost points on it.
    pub units: usize,
    /// Points lost on it, summed over the units.
    pub lost: Decimal,
    /// The item's maximum.
    pub max: Decimal,
}

/// Where a batch of units loses points: items and offices, most lost first.
///
/// ```
/// let g = par_index::analysis::batch_gaps(&[par_index::catalog::sample_scorecard()]);
/// let by_items: rust_decimal::Decimal = g.items.iter().map(|i| i.lost).sum();
/// assert_eq!(by_items, g.offices.iter().map(|o| o.lost).sum());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BatchGaps {
    /// Units analysed.
    pub units: usize,
    /// Items, most points lost first (then code).
    pub items: Vec<ItemLoss>,
    /// Offices, most points lost first.
    pub offices: Vec<GapGroup>,
}

/// Which items lose the most points across units, and which offices are accountable.
///
/// ```
/// use par_index::analysis::batch_gaps;
/// use par_index::catalog::sample_scorecard;
/// let g = batch_gaps(&[sample_scorecard(), sample_scorecard()]);
/// // Every loss counted twice: the same unit twice.
/// let one = batch_gaps(&[sample_scorecard()]);
/// assert_eq!(g.items[0].lost, one.items[0].lost * rust_decimal::Decimal::TWO);
/// ```
pub fn batch_gaps(cards: &[Scorecard]) -> BatchGaps {
    gaps_of_units(cards.iter().map(|c| UnitLosses::of(&c.areas)).collect())
}

/// The items of one unit that lost points: what a batch's gap analysis keeps of a scorecard,
/// so that a batch can be analysed as it is scored (texts shared with the methodology).
#[derive(Debug, Clone)]
pub(crate) struct UnitLosses(Vec<LeafLoss>);

/// A leaf that lost points: code, title, office, points lost, max.
type LeafLoss = (
    Code,
    std::sync::Arc<Text>,
    Option<std::sync::Arc<Text>>,
    Decimal,
    Decimal,
);

impl UnitLosses {
    pub(crate) fn of(areas: &[crate::model::scorecard::ScoreNode]) -> UnitLosses {
        UnitLosses(
            areas
                .iter()
                .flat_map(crate::model::scorecard::ScoreNode::leaves)
                .filter(|l| l.applicable && l.points < l.max)
                .map(|l| {
                    let lost = l.max.checked_sub(l.points).unwrap_or_default();
                    (
                        l.code.clone(),
                        l.title.clone(),
                        l.office.clone(),
                        lost,
                        l.max,
                    )
                })
                .collect(),
        )
    }
}

/// The gap analysis of a batch from each unit's losses.
pub(crate) fn gaps_of_units(units: Vec<UnitLosses>) -> BatchGaps {
    let count = units.len();
    let mut items: Vec<ItemLoss> = Vec::new();
    for unit in units {
        for (code, title, office, lost, max) in unit.0 {
            match items.iter_mut().find(|i| i.code == code) {
                Some(i) => {
                    i.units = i.units.saturating_add(1);
                    i.lost = i.lost.checked_add(lost).unwrap_or(i.lost);
                }
                None => items.push(ItemLoss {
                    code,
                    title: title.as_ref().clone(),
                    office: office.as_deref().cloned().unwrap_or_else(no_office),
                    units: 1,
                    lost,
                    max,
                }),
            }
        }
    }
    items.sort_by(|a, b| b.lost.cmp(&a.lost).then_with(|| a.code.cmp(&b.code)));
    let offices = by_office(
        items
            .iter()
            .map(|i| (&i.code, &i.office, i.lost, Decimal::ZERO)),
    );
    BatchGaps {
        units: count,
        items,
        offices,
    }
}
