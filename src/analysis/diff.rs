//! The difference between two scorecards of one unit (two stages, usually the self-assessment
//! and the final appraisal), per item, area and total, in the form of an appraisal minute
//! (*biên bản thẩm định*): code, item, self-score, appraised score, difference, reason, who.

use rust_decimal::Decimal;

use crate::model::code::Code;
use crate::model::rule::Measure;
use crate::model::scorecard::{ItemAppraisal, ScoreNode, Scorecard};
use crate::model::text::Text;

/// One line of a diff.
///
/// ```
/// use par_index::{catalog, appraisal::diff, appraisal::score_stages, Stage};
/// let stage = Stage::from_file("examples/data/district/appraisals/NG-05.final.json").unwrap();
/// let sub = par_index::Submission::from_file("examples/data/district/NG-05.json").unwrap();
/// let stages = score_stages(catalog::default_methodology(), &sub, &[stage], None).unwrap();
/// let d = diff(&stages[0].card, &stages[1].card);
/// assert!(d.rows.iter().all(|r| r.change == r.to - r.from));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct DiffRow {
    /// The item or area; `None` for the total.
    pub code: Option<Code>,
    /// Its title; `None` for the total.
    pub title: Option<Text>,
    /// Whether it is a leaf (with a measure), a group, or the total.
    pub leaf: bool,
    /// Points in the first scorecard.
    pub from: Decimal,
    /// Points in the second.
    pub to: Decimal,
    /// `to − from`.
    pub change: Decimal,
    /// The measures in the first and the second scorecard (`None`: unanswered), when they
    /// differ.
    pub measures: Option<(Option<Measure>, Option<Measure>)>,
    /// The decision behind the change, when an appraisal made it.
    pub appraisal: Option<ItemAppraisal>,
}

/// The differences between two scorecards: every leaf whose points, measure or evidence
/// changed, every group whose points changed, and the total, index and band when they did.
/// Empty when the two are the same.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// assert!(par_index::appraisal::diff(&card, &card).rows.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Diff {
    /// The unit's name.
    pub unit: String,
    /// The rows, in code order (groups before their items), the total last.
    pub rows: Vec<DiffRow>,
    /// The index before and after, when it changed.
    pub index: Option<(Decimal, Decimal)>,
    /// The band before and after, when it changed.
    pub band: Option<(Text, Text)>,
}

/// Compare two scorecards of the same unit and methodology.
///
/// ```
/// use par_index::{catalog, appraisal::diff, score, Submission};
/// let m = catalog::default_methodology();
/// let a = par_index::catalog::sample_scorecard();
/// let mut s = par_index::catalog::sample_submission();
/// s.answers.remove(&"1.4.1".parse().unwrap());
/// let b = score(m, &s).unwrap();
/// let d = diff(&a, &b);
/// // 1.4.1 (0.5) unanswered: the item, its criterion, its area and the total each lose 0.5.
/// let codes: Vec<String> = d.rows.iter().map(|r| r.code.as_ref().map_or("total".into(), |c| c.to_string())).collect();
/// assert_eq!(codes, ["1", "1.4", "1.4.1", "total"]);
/// assert!(d.rows.iter().all(|r| r.change == rust_decimal::Decimal::new(-5, 1)));
/// ```
#[must_use]
pub fn diff(a: &Scorecard, b: &Scorecard) -> Diff {
    let mut rows = Vec::new();
    for (x, y) in a.areas.iter().zip(&b.areas) {
        walk(x, y, &mut rows);
    }
    if a.total != b.total {
        rows.push(DiffRow {
            code: None,
            title: None,
            leaf: false,
            from: a.total,
            to: b.total,
            change: b.total.checked_sub(a.total).unwrap_or_default().normalize(),
            measures: None,
            appraisal: None,
        });
    }
    Diff {
        unit: b.unit.name.clone(),
        rows,
        index: (a.index != b.index).then_some((a.index, b.index)),
        band: (a.band.label != b.band.label).then(|| (a.band.label.clone(), b.band.label.clone())),
    }
}

fn walk(x: &ScoreNode, y: &ScoreNode, rows: &mut Vec<DiffRow>) {
    let leaf = x.children.is_empty();
    let (mx, my) = match (&x.trace, &y.trace) {
        (Some(tx), Some(ty)) => (tx.measure.as_ref(), ty.measure.as_ref()),
        _ => (None, None),
    };
    let measure_changed = mx != my;
    let evidence_changed = match (&x.trace, &y.trace) {
        (Some(tx), Some(ty)) => tx.evidence != ty.evidence || tx.appraisal != ty.appraisal,
        _ => false,
    };
    if x.points != y.points || (leaf && (measure_changed || evidence_changed)) {
        rows.push(DiffRow {
            code: Some(y.code.clone()),
            title: Some(Text::clone(&y.title)),
            leaf,
            from: x.points,
            to: y.points,
            change: y
                .points
                .checked_sub(x.points)
                .unwrap_or_default()
                .normalize(),
            measures: measure_changed.then(|| (mx.cloned(), my.cloned())),
            appraisal: y
                .trace
                .as_ref()
                .and_then(|t| t.appraisal.clone())
                .or_else(|| x.trace.as_ref().and_then(|t| t.appraisal.clone())),
        });
    }
    for (cx, cy) in x.children.iter().zip(&y.children) {
        walk(cx, cy, rows);
    }
}
