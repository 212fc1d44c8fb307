//! What changed between two methodologies (`par-index methodology diff A B`): items added,
//! removed, moved (by an optional code map, or by an unchanged title under another code) and
//! changed (title, max, rule, N/A policy, source, office); each area's maximum; and the set's
//! settings (total, bands, caps, evidence policy, survey share). Data; `report/mdiff.rs`
//! words it.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::code::Code;
use crate::model::methodology::{Criterion, Methodology};
use crate::model::rule::Rule;
use crate::model::text::Text;

/// What happened to an item.
///
/// ```
/// assert_eq!(par_index::methodology::ItemChangeKind::Added, par_index::methodology::ItemChangeKind::Added);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ItemChangeKind {
    /// In B only.
    Added,
    /// In A only.
    Removed,
    /// In both, under another code (`from` is its code in A).
    Moved,
    /// In both under the same code, with fields changed.
    Changed,
}

/// One field of an item that differs: its value in A and in B, as text (rules as their
/// canonical JSON).
///
/// ```
/// let d = par_index::methodology::FieldChange { field: "max".into(), before: "2".into(), after: "3".into() };
/// assert_eq!(d.field, "max");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// `title`, `max`, `rule`, `na`, `source` or `office`.
    pub field: String,
    /// In A (empty when absent).
    pub before: String,
    /// In B (empty when absent).
    pub after: String,
}

/// An item (area, criterion or sub-criterion) that is not the same in A and B.
///
/// ```
/// let m = par_index::catalog::default_methodology();
/// assert!(par_index::methodology::diff(m, m, &Default::default()).items.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemChange {
    /// Its code in B (in A when removed).
    pub code: Code,
    /// Its code in A, when it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Code>,
    /// What happened.
    pub kind: ItemChangeKind,
    /// Its title (in B; in A when removed).
    pub title: Text,
    /// Whether it is a sub-criterion (scored by a rule).
    pub leaf: bool,
    /// Its maximum (in B; in A when removed).
    pub max: Decimal,
    /// The fields that differ (for a moved or changed item).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// An area's maximum in A and B.
///
/// ```
/// let m = par_index::catalog::default_methodology();
/// let d = par_index::methodology::diff(m, m, &Default::default());
/// assert!(d.areas.iter().all(|a| a.before == a.after));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaMax {
    /// The area's code.
    pub code: Code,
    /// Its title (B's, or A's when removed).
    pub title: Text,
    /// Its maximum in A (0 when absent).
    pub before: Decimal,
    /// Its maximum in B (0 when absent).
    pub after: Decimal,
}

/// What changed from methodology A to B.
///
/// ```
/// let m = par_index::catalog::default_methodology();
/// let d = par_index::methodology::diff(m, m, &Default::default());
/// assert!(d.settings.is_empty() && d.items.is_empty()); // a set against itself
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MethodologyDiff {
    /// A's id.
    pub a: String,
    /// B's id.
    pub b: String,
    /// Settings that differ: `max`, `bands`, `bonus_cap`, `penalty_cap`,
    /// `evidence_policy`, `survey_share`, `level`, `year`.
    pub settings: Vec<FieldChange>,
    /// Each area's maximum, A's areas first, then those new in B.
    pub areas: Vec<AreaMax>,
    /// The items that differ, in B's code order (removed ones at A's).
    pub items: Vec<ItemChange>,
}

fn nodes(m: &Methodology) -> Vec<&Criterion> {
    fn walk<'a>(c: &'a Criterion, out: &mut Vec<&'a Criterion>) {
        out.push(c);
        for ch in c.children() {
            walk(ch, out);
        }
    }
    let mut out = Vec::new();
    for a in m.areas() {
        walk(a, &mut out);
    }
    out
}

fn rule_text(r: Option<&Rule>) -> String {
    r.map(|r| serde_json::to_string(&r.normalized()).unwrap_or_default())
        .unwrap_or_default()
}

fn na_text(c: &Criterion) -> String {
    c.na_policy()
        .map(|p| {
            serde_json::to_string(&p)
                .unwrap_or_default()
                .trim_matches('"')
                .to_owned()
        })
        .unwrap_or_default()
}

/// The office of the area `c` is in.
fn area_office<'a>(
    nodes: &BTreeMap<&Code, &'a Criterion>,
    c: &Criterion,
) -> Option<Option<&'a Text>> {
    let area = c.code().as_str().split('.').next().unwrap_or_default();
    nodes
        .iter()
        .find(|(k, _)| k.as_str() == area)
        .map(|(_, n)| n.office())
}

fn fields(a: &Criterion, b: &Criterion) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut cmp = |field: &str, before: String, after: String| {
        if before != after {
            out.push(FieldChange {
                field: field.to_owned(),
                before,
                after,
            });
        }
    };
    cmp("title", a.title().vi.clone(), b.title().vi.clone());
    cmp(
        "max",
        a.max().normalize().to_string(),
        b.max().normalize().to_string(),
    );
    cmp("rule", rule_text(a.rule()), rule_text(b.rule()));
    cmp("na", na_text(a), na_text(b));
    cmp(
        "source",
        a.source().unwrap_or_default().to_owned(),
        b.source().unwrap_or_default().to_owned(),
    );
    cmp(
        "office",
        a.office().map(|o| o.vi.clone()).unwrap_or_default(),
        b.office().map(|o| o.vi.clone()).unwrap_or_default(),
    );
    out
}

/// The share of the total maximum held by survey items, in percent (2 decimals).
fn survey_share(m: &Methodology) -> String {
    let survey: Decimal = m
        .leaves()
        .filter(|l| matches!(l.rule(), Some(Rule::Survey)))
        .map(Criterion::max)
        .fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a));
    let share = survey
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(m.max()))
        .unwrap_or_default()
        .round_dp(2)
        .normalize();
    format!("{share}%")
}

fn bands_text(m: &Methodology) -> String {
    m.bands()
        .iter()
        .map(|b| format!("{} ≥ {}", b.label.vi, b.min.normalize()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What changed from `a` to `b`. `map` gives the B code of an A item that moved (`1.1.1` →
/// `1.2.1`); without it, an item removed from A and added to B with the same Vietnamese
/// title is taken as moved.
///
/// ```
/// use par_index::{catalog, methodology, methodology::ItemChangeKind};
/// let a = catalog::default_methodology();
/// // B: the commune set with 3.2.1's tiers raised by 5 points and a bonus cap of 3.
/// let text = catalog::source("commune-2024-model").unwrap()
///     .replace("bonus_cap = 2", "bonus_cap = 3")
///     .replace("tiers = [{ at = 95, points = 3 }, { at = 90, points = 2 }, { at = 80, points = 1 }]",
///              "tiers = [{ at = 100, points = 3 }, { at = 95, points = 2 }, { at = 85, points = 1 }]");
/// let b = methodology::load_str(&text, None).unwrap();
/// let d = methodology::diff(a, &b, &Default::default());
/// assert_eq!(d.settings[0].field, "bonus_cap");
/// assert_eq!((d.settings[0].before.as_str(), d.settings[0].after.as_str()), ("2", "3"));
/// assert_eq!(d.items.len(), 1);
/// assert_eq!(d.items[0].code.as_str(), "3.2.1");
/// assert_eq!(d.items[0].kind, ItemChangeKind::Changed);
/// assert_eq!(d.items[0].fields[0].field, "rule");
/// ```
#[must_use]
pub fn methodology_diff(
    a: &Methodology,
    b: &Methodology,
    map: &BTreeMap<Code, Code>,
) -> MethodologyDiff {
    MethodologyDiff {
        a: a.id().to_owned(),
        b: b.id().to_owned(),
        settings: setting_changes(a, b),
        areas: area_maxima(a, b),
        items: item_changes(a, b, map),
    }
}

/// The settings of the two sets that differ.
fn setting_changes(a: &Methodology, b: &Methodology) -> Vec<FieldChange> {
    let mut settings = Vec::new();
    let mut set = |field: &str, before: String, after: String| {
        if before != after {
            settings.push(FieldChange {
                field: field.to_owned(),
                before,
                after,
            });
        }
    };
    set(
        "level",
        format!("{:?}", a.level()).to_lowercase(),
        format!("{:?}", b.level()).to_lowercase(),
    );
    set("year", a.year().to_string(), b.year().to_string());
    set(
        "max",
        a.max().normalize().to_string(),
        b.max().normalize().to_string(),
    );
    set("bands", bands_text(a), bands_text(b));
    set(
        "bonus_cap",
        a.bonus_cap().normalize().to_string(),
        b.bonus_cap().normalize().to_string(),
    );
    set(
        "penalty_cap",
        a.penalty_cap().normalize().to_string(),
        b.penalty_cap().normalize().to_string(),
    );
    set(
        "evidence_policy",
        format!("{:?}", a.evidence_policy()).to_lowercase(),
        format!("{:?}", b.evidence_policy()).to_lowercase(),
    );
    set("survey_share", survey_share(a), survey_share(b));
    settings
}

/// Every item added, removed, moved (by the map or by its title) or changed, by code.
fn item_changes(a: &Methodology, b: &Methodology, map: &BTreeMap<Code, Code>) -> Vec<ItemChange> {
    let an: BTreeMap<&Code, &Criterion> = nodes(a).into_iter().map(|c| (c.code(), c)).collect();
    let bn: BTreeMap<&Code, &Criterion> = nodes(b).into_iter().map(|c| (c.code(), c)).collect();
    // An item's office is its area's unless it names its own: when both items' offices are
    // their areas', a change is the areas' (listed on the area's line), not the item's.
    let fields = |x: &Criterion, y: &Criterion| {
        let mut f = fields(x, y);
        let item = x.code().as_str().contains('.') && y.code().as_str().contains('.');
        if item
            && area_office(&an, x) == Some(x.office())
            && area_office(&bn, y) == Some(y.office())
        {
            f.retain(|c| c.field != "office");
        }
        f
    };
    // Where each A item is in B: the map, else the same code.
    let target = |c: &Code| map.get(c).unwrap_or(c).clone();
    let mut matched_b: BTreeSet<Code> = BTreeSet::new();
    let mut items = Vec::new();
    let mut removed: Vec<&Criterion> = Vec::new();
    for (code, x) in &an {
        let t = target(code);
        match bn.get(&t) {
            Some(y) => {
                matched_b.insert(t.clone());
                let f = fields(x, y);
                let moved = t != **code;
                if moved || !f.is_empty() {
                    items.push(ItemChange {
                        code: t,
                        from: moved.then(|| (*code).clone()),
                        kind: if moved {
                            ItemChangeKind::Moved
                        } else {
                            ItemChangeKind::Changed
                        },
                        title: y.title().clone(),
                        leaf: y.rule().is_some(),
                        max: y.max(),
                        fields: f,
                    });
                }
            }
            None => removed.push(x),
        }
    }
    let mut added: Vec<&Criterion> = bn
        .iter()
        .filter(|(c, _)| !matched_b.contains(**c))
        .map(|(_, c)| *c)
        .collect();
    // Unmapped moves: the same title, removed from A and added to B.
    removed.retain(|x| {
        let same = added
            .iter()
            .position(|y| y.title().vi == x.title().vi && y.rule().is_some() == x.rule().is_some());
        match same {
            Some(i) => {
                let y = added.remove(i);
                items.push(ItemChange {
                    code: y.code().clone(),
                    from: Some(x.code().clone()),
                    kind: ItemChangeKind::Moved,
                    title: y.title().clone(),
                    leaf: y.rule().is_some(),
                    max: y.max(),
                    fields: fields(x, y),
                });
                false
            }
            None => true,
        }
    });
    for x in removed {
        items.push(ItemChange {
            code: x.code().clone(),
            from: None,
            kind: ItemChangeKind::Removed,
            title: x.title().clone(),
            leaf: x.rule().is_some(),
            max: x.max(),
            fields: Vec::new(),
        });
    }
    for y in added {
        items.push(ItemChange {
            code: y.code().clone(),
            from: None,
            kind: ItemChangeKind::Added,
            title: y.title().clone(),
            leaf: y.rule().is_some(),
            max: y.max(),
            fields: Vec::new(),
        });
    }
    items.sort_by(|p, q| p.code.cmp(&q.code));
    items
}

/// Each area's maximum in A and in B (0 where the area is not in one of them).
fn area_maxima(a: &Methodology, b: &Methodology) -> Vec<AreaMax> {
    let mut areas: Vec<AreaMax> = a
        .areas()
        .iter()
        .map(|x| {
            let after = b.areas().iter().find(|y| y.code() == x.code());
            AreaMax {
                code: x.code().clone(),
                title: after.map_or_else(|| x.title().clone(), |y| y.title().clone()),
                before: x.max(),
                after: after.map_or(Decimal::ZERO, Criterion::max),
            }
        })
        .collect();
    for y in b.areas() {
        if !areas.iter().any(|x| &x.code == y.code()) {
            areas.push(AreaMax {
                code: y.code().clone(),
                title: y.title().clone(),
                before: Decimal::ZERO,
                after: y.max(),
            });
        }
    }
    areas
}
