//! Validating a methodology once, when it is loaded: bounds on points and parameters, codes,
//! sums, tiers, bands, caps; every problem found. After this, a `Methodology` cannot be
//! inconsistent and scoring never fails because of one.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::error::{Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::methodology::Content;
use crate::model::methodology::Criterion;
use crate::model::methodology::ItemDef;
use crate::model::methodology::Methodology;
use crate::model::methodology::MethodologyFile;
use crate::model::methodology::Origin;
use crate::model::methodology::canonical_form;
use crate::model::rule::Basis;
use crate::model::rule::Direction;
use crate::model::rule::Rule;
use crate::model::text::Text;
use crate::read::tree::MAX_POINTS;

pub(crate) const RULE_KINDS: &str =
    "check, deadline, tiers, proportional, deduction, survey, judgement";

/// Which parts of a file were read completely; checks on incomplete parts are skipped.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Complete {
    pub(crate) areas: bool,
    pub(crate) items: bool,
    pub(crate) max: bool,
    pub(crate) bands: bool,
}

/// Check a rule's parameters against the item's max; push problems.
/// Points are kept to 2 decimals, so maxima and the points a rule gives may not have more.
fn check_cents(code: Option<&str>, field: &str, value: Decimal, out: &mut Vec<Problem>) {
    if value.normalize().scale() > 2 {
        out.push(Problem::new(
            ProblemKind::BadValue,
            code,
            field,
            format!("{value} has more than 2 decimals; points are kept to 2 decimals"),
        ));
    }
}

/// A long code or value shown in a message: its first 40 characters.
pub(crate) fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// The largest threshold, target, floor or deduction a rule may have, and the most decimals.
const MAX_PARAMETER: u32 = 1_000_000_000;
const PARAMETER_DECIMALS: u32 = 6;

/// Points (a maximum, a cap, a tier's points): at most [`MAX_POINTS`] and 2 decimals.
fn check_points(code: Option<&str>, field: &str, value: Decimal, out: &mut Vec<Problem>) {
    check_cents(code, field, value, out);
    if value > Decimal::from(MAX_POINTS) {
        out.push(Problem::new(
            ProblemKind::TooLarge,
            code,
            field,
            format!("{value} points is over the limit of {MAX_POINTS}"),
        ));
    }
}

/// A rule's parameter: at most [`MAX_PARAMETER`] and [`PARAMETER_DECIMALS`] decimals, so that
/// every product the rule computes is exact.
fn check_parameter(code: Option<&str>, field: &str, value: Decimal, out: &mut Vec<Problem>) {
    if value > Decimal::from(MAX_PARAMETER) {
        out.push(Problem::new(
            ProblemKind::TooLarge,
            code,
            field,
            format!("{value} is over the limit of {MAX_PARAMETER}"),
        ));
    }
    if value.normalize().scale() > PARAMETER_DECIMALS {
        out.push(Problem::new(
            ProblemKind::BadValue,
            code,
            field,
            format!("{value} has more than {PARAMETER_DECIMALS} decimals"),
        ));
    }
}

fn check_rule(code: &str, max: Decimal, rule: &Rule, out: &mut Vec<Problem>) {
    let c = Some(code);
    check_points(c, "max", max, out);
    match rule {
        Rule::Deadline { late } => check_cents(c, "rule.late", *late, out),
        Rule::Tiers { tiers, .. } => {
            for (i, t) in tiers.iter().enumerate() {
                check_cents(c, &format!("rule.tiers[{i}].points"), t.points, out);
                check_parameter(c, &format!("rule.tiers[{i}].at"), t.at, out);
            }
        }
        Rule::Proportional { target, floor, .. } => {
            check_parameter(c, "rule.target", *target, out);
            if let Some(f) = floor {
                check_parameter(c, "rule.floor", *f, out);
            }
        }
        Rule::Deduction { per } => check_parameter(c, "rule.per", *per, out),
        Rule::Judgement { step } => check_parameter(c, "rule.step", *step, out),
        Rule::Check | Rule::Survey => {}
    }
    let mut bad = |kind, field: &str, msg: String| out.push(Problem::new(kind, c, field, msg));
    match rule {
        Rule::Check | Rule::Survey => {}
        Rule::Deadline { late } => {
            if *late > max {
                bad(
                    ProblemKind::BadRule,
                    "rule.late",
                    format!("late points {late} exceed the item's max {max}"),
                );
            }
        }
        Rule::Deduction { .. } => {}
        Rule::Judgement { step } => {
            if max.checked_rem(*step).is_none_or(|r| !r.is_zero()) {
                bad(
                    ProblemKind::BadRule,
                    "rule.step",
                    format!("the max {max} is not a multiple of the step {step}"),
                );
            }
        }
        Rule::Proportional {
            target,
            floor,
            over_100,
        } => {
            if !over_100 && *target > Decimal::ONE_HUNDRED {
                bad(
                    ProblemKind::BadRule,
                    "rule.target",
                    format!("target {target}% is above 100% but `over_100` is not set"),
                );
            }
            if let Some(f) = floor
                && f > target
            {
                bad(
                    ProblemKind::BadRule,
                    "rule.floor",
                    format!("floor {f}% is above the target {target}%"),
                );
            }
        }
        Rule::Tiers {
            on,
            direction,
            over_100,
            tiers,
        } => {
            if tiers.is_empty() {
                bad(
                    ProblemKind::BadTiers,
                    "rule.tiers",
                    "at least one tier is needed".into(),
                );
            }
            for (i, t) in tiers.iter().enumerate() {
                let field = format!("rule.tiers[{i}]");
                if t.points > max {
                    bad(
                        ProblemKind::BadTiers,
                        &format!("{field}.points"),
                        format!("tier points {} exceed the item's max {max}", t.points),
                    );
                }
                if i == 0 && *on == Basis::Number && *over_100 {
                    bad(
                        ProblemKind::BadRule,
                        "rule.over_100",
                        "`over_100` applies to ratios; tiers on a number have no 100%".into(),
                    );
                }
                if *on == Basis::Ratio && !over_100 && t.at > Decimal::ONE_HUNDRED {
                    bad(
                        ProblemKind::BadTiers,
                        &format!("{field}.at"),
                        format!(
                            "threshold {}% is above 100% but `over_100` is not set",
                            t.at
                        ),
                    );
                }
                if i == 0 && t.points < max {
                    bad(
                        ProblemKind::BadTiers,
                        &format!("{field}.points"),
                        format!(
                            "the best tier gives {} but the item's max is {max}",
                            t.points
                        ),
                    );
                }
                if let Some(prev) = i.checked_sub(1).and_then(|j| tiers.get(j)) {
                    let ordered = match direction {
                        Direction::AtLeast => t.at < prev.at,
                        Direction::AtMost => t.at > prev.at,
                    };
                    if !ordered {
                        let want = if *direction == Direction::AtLeast {
                            "lower"
                        } else {
                            "higher"
                        };
                        bad(
                            ProblemKind::BadTiers,
                            &format!("{field}.at"),
                            format!(
                                "tiers must be strictly ordered best first: threshold {} must be {want} than the previous {}",
                                t.at, prev.at
                            ),
                        );
                    }
                    if t.points >= prev.points {
                        bad(
                            ProblemKind::BadTiers,
                            &format!("{field}.points"),
                            format!(
                                "tier points must decrease: {} follows {}",
                                t.points, prev.points
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// Validate the file as a whole and build the tree.
pub(crate) fn build(f: MethodologyFile, complete: &Complete) -> Result<Methodology, Vec<Problem>> {
    let mut out: Vec<Problem> = Vec::new();
    let (seen, items) = check_codes(&f, complete, &mut out);
    // A duplicate is an entry left out of the tree: sums would mislead, so skip them.
    let all_read = complete.areas
        && complete.items
        && !out.iter().any(|p| p.kind == ProblemKind::DuplicateCode);
    let children = check_tree(&seen, &items, all_read, &mut out);
    check_sums(&f, &items, &children, (complete, all_read), &mut out);
    if complete.bands {
        check_bands(&f, &mut out);
    }
    if !out.is_empty() {
        return Err(out);
    }
    let canonical = canonical_form(&f);
    let sha256 = crate::model::canonical::sha256_hex(canonical.as_bytes());
    Ok(assemble(f, sha256))
}

/// The points of the file and its areas, and every code: areas of one segment, items of
/// more, none declared twice. The codes seen and the items by code.
fn check_codes<'f>(
    f: &'f MethodologyFile,
    complete: &Complete,
    out: &mut Vec<Problem>,
) -> (BTreeSet<Code>, BTreeMap<Code, &'f ItemDef>) {
    let mut seen: BTreeSet<Code> = BTreeSet::new();
    if complete.max {
        check_points(None, "max", f.max, out);
    }
    if let Some(sm) = f.survey_max {
        check_points(None, "survey_max", sm, out);
    }
    check_points(None, "bonus_cap", f.bonus_cap, out);
    check_points(None, "penalty_cap", f.penalty_cap, out);
    for a in &f.areas {
        let c = Some(a.code.as_str());
        check_points(c, "max", a.max, out);
        if a.code.depth() != 1 {
            out.push(Problem::new(
                ProblemKind::BadValue,
                c,
                "code",
                format!(
                    "an area code has one segment (`1`, `S`), found `{}`",
                    a.code
                ),
            ));
        }
        if !seen.insert(a.code.clone()) {
            out.push(Problem::new(
                ProblemKind::DuplicateCode,
                c,
                "code",
                format!("code `{}` is declared more than once", a.code),
            ));
        }
    }
    let mut items: BTreeMap<Code, &ItemDef> = BTreeMap::new();
    for item in &f.items {
        let c = Some(item.code.as_str());
        if item.code.depth() < 2 {
            out.push(Problem::new(ProblemKind::BadValue, c, "code", format!("`{}` is an area code; declare areas under [[areas]] and items with dotted codes", item.code)));
            continue;
        }
        if !seen.insert(item.code.clone()) {
            out.push(Problem::new(
                ProblemKind::DuplicateCode,
                c,
                "code",
                format!("code `{}` is declared more than once", item.code),
            ));
            continue;
        }
        items.insert(item.code.clone(), item);
    }
    (seen, items)
}

/// The children of every code; parents not declared; rules where the tree needs them and
/// nowhere else.
fn check_tree(
    seen: &BTreeSet<Code>,
    items: &BTreeMap<Code, &ItemDef>,
    all_read: bool,
    out: &mut Vec<Problem>,
) -> BTreeMap<Code, Vec<Code>> {
    let mut children: BTreeMap<Code, Vec<Code>> = BTreeMap::new();
    for code in items.keys() {
        if let Some(parent) = code.parent() {
            if seen.contains(&parent) {
                children.entry(parent).or_default().push(code.clone());
            } else if all_read {
                out.push(Problem::new(
                    ProblemKind::MissingParent,
                    Some(code.as_str()),
                    "code",
                    format!("the parent `{parent}` of `{code}` is not declared"),
                ));
            }
        }
    }
    for (code, item) in items {
        let c = Some(code.as_str());
        let has_children = children.contains_key(code);
        match (&item.rule, has_children) {
            (Some(_), true) => out.push(Problem::new(ProblemKind::BadRule, c, "rule", format!("`{code}` has sub-criteria, so its points are their sum: remove its rule"))),
            // When an entry could not be read, a group may look childless: say nothing.
            (None, false) if !all_read => {}
            (None, false) => out.push(Problem::new(ProblemKind::MissingKey, c, "rule", format!("missing key `rule`: `{code}` has no sub-criteria, so it needs a rule ({RULE_KINDS})"))),
            (Some(rule), false) => check_rule(code.as_str(), item.max, rule, out),
            (None, true) => {
                if item.na.is_some() {
                    out.push(Problem::new(ProblemKind::BadValue, c, "na", "an N/A policy belongs on sub-criteria, not on a group".to_owned()));
                }
            }
        }
    }
    children
}

/// Sums: every group's max is the sum of its children's, the areas add up to the max and the
/// survey items to `survey_max`; every area has items.
fn check_sums(
    f: &MethodologyFile,
    items: &BTreeMap<Code, &ItemDef>,
    children: &BTreeMap<Code, Vec<Code>>,
    (complete, all_read): (&Complete, bool),
    out: &mut Vec<Problem>,
) {
    let max_of = |code: &Code| -> Option<Decimal> {
        items
            .get(code)
            .map(|i| i.max)
            .or_else(|| f.areas.iter().find(|a| &a.code == code).map(|a| a.max))
    };
    for (parent, kids) in children.iter().filter(|_| all_read) {
        let sum = kids
            .iter()
            .filter_map(max_of)
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(b));
        let Some(own) = max_of(parent) else { continue };
        match sum {
            Some(sum) if sum == own => {}
            Some(sum) => out.push(Problem::new(
                ProblemKind::SumMismatch,
                Some(parent.as_str()),
                "max",
                format!(
                    "max is {own} but its children add up to {sum} ({})",
                    kids.iter()
                        .map(|k| format!("{k}: {}", max_of(k).unwrap_or_default()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            None => out.push(Problem::new(
                ProblemKind::Overflow,
                Some(parent.as_str()),
                "max",
                "the children's maxima overflow".to_owned(),
            )),
        }
    }
    for a in f.areas.iter().filter(|_| all_read) {
        if !children.contains_key(&a.code) {
            out.push(Problem::new(
                ProblemKind::MissingKey,
                Some(a.code.as_str()),
                "code",
                format!("area `{}` has no items", a.code),
            ));
        }
    }
    let area_sum = f
        .areas
        .iter()
        .try_fold(Decimal::ZERO, |s, a| s.checked_add(a.max))
        .unwrap_or(Decimal::MAX);
    if complete.areas && complete.max && area_sum != f.max {
        out.push(Problem::new(
            ProblemKind::SumMismatch,
            None,
            "max",
            format!("max is {} but the areas add up to {area_sum}", f.max),
        ));
    }
    if let Some(sm) = f.survey_max.filter(|_| all_read) {
        let survey_sum = items
            .values()
            .filter(|i| matches!(i.rule, Some(Rule::Survey)))
            .try_fold(Decimal::ZERO, |s, i| s.checked_add(i.max))
            .unwrap_or(Decimal::MAX);
        if survey_sum != sm {
            out.push(Problem::new(
                ProblemKind::SumMismatch,
                None,
                "survey_max",
                format!("survey_max is {sm} but the survey items add up to {survey_sum}"),
            ));
        }
    }
}

/// The bands: at least one, best first with strictly decreasing minima of at most 2
/// decimals, none above 100, labels distinct, the last from 0.
fn check_bands(f: &MethodologyFile, out: &mut Vec<Problem>) {
    if f.bands.is_empty() {
        out.push(Problem::new(
            ProblemKind::BadBands,
            None,
            "bands",
            "at least one band is needed".to_owned(),
        ));
    }
    for (i, b) in f.bands.iter().enumerate() {
        if b.min.normalize().scale() > 2 {
            out.push(Problem::new(
                ProblemKind::BadBands,
                None,
                format!("bands[{i}].min"),
                format!(
                    "min {} has more than 2 decimals; the index is kept to 2 decimals, so no index could fall on it",
                    b.min
                ),
            ));
        }
        if let Some(j) = f.bands.iter().position(|o| o.label.vi == b.label.vi)
            && j < i
        {
            out.push(Problem::new(
                ProblemKind::BadBands,
                None,
                format!("bands[{i}].label"),
                format!(
                    "the label `{}` is also the label of bands[{j}]; each band needs its own",
                    b.label.vi
                ),
            ));
        }
        if b.min > Decimal::ONE_HUNDRED {
            out.push(Problem::new(
                ProblemKind::BadBands,
                None,
                format!("bands[{i}].min"),
                format!("min {} is above 100", b.min),
            ));
        }
        if let Some(prev) = i.checked_sub(1).and_then(|j| f.bands.get(j))
            && b.min >= prev.min
        {
            out.push(Problem::new(
                ProblemKind::BadBands,
                None,
                format!("bands[{i}].min"),
                format!(
                    "bands must be listed best first with strictly decreasing min: {} follows {}",
                    b.min, prev.min
                ),
            ));
        }
    }
    if let Some(last) = f.bands.last()
        && !last.min.is_zero()
    {
        let i = f.bands.len().saturating_sub(1);
        out.push(Problem::new(
            ProblemKind::BadBands,
            None,
            format!("bands[{i}].min"),
            format!(
                "the last band must start at 0 so that every index has a band, found {}",
                last.min
            ),
        ));
    }
}

/// The methodology of a file already validated, with the SHA-256 of its canonical form: the
/// tree in code order (offices inherited), the index of codes, the origin. No check: `build`
/// validates first, and the compiled-in sets are held equal to their loaded files by a test.
pub(crate) fn assemble(f: MethodologyFile, sha256: String) -> Methodology {
    let mut items: BTreeMap<Code, &ItemDef> = BTreeMap::new();
    for item in &f.items {
        items.entry(item.code.clone()).or_insert(item);
    }
    let known: BTreeSet<&Code> = f
        .areas
        .iter()
        .map(|a| &a.code)
        .chain(items.keys())
        .collect();
    let mut children: BTreeMap<Code, Vec<Code>> = BTreeMap::new();
    for code in items.keys() {
        if let Some(parent) = code.parent()
            && known.contains(&parent)
        {
            children.entry(parent).or_default().push(code.clone());
        }
    }
    // Build the tree; validation above guarantees every lookup succeeds.
    fn node(
        code: &Code,
        items: &BTreeMap<Code, &ItemDef>,
        children: &BTreeMap<Code, Vec<Code>>,
        office: Option<&Arc<Text>>,
    ) -> Option<Criterion> {
        let item = items.get(code)?;
        // An office is inherited by the items below, sharing one text.
        let office = match &item.office {
            Some(own) => Some(Arc::new(own.clone())),
            None => office.cloned(),
        };
        let content = match children.get(code) {
            Some(kids) => Content::Group(
                kids.iter()
                    .filter_map(|k| node(k, items, children, office.as_ref()))
                    .collect(),
            ),
            None => Content::Leaf {
                rule: item.rule.clone()?,
                na: item.na,
            },
        };
        Some(Criterion {
            code: code.clone(),
            title: Arc::new(item.title.clone()),
            max: item.max,
            office,
            source: item.source.as_deref().map(Arc::from),
            content,
        })
    }
    let mut areas: Vec<Criterion> = f
        .areas
        .iter()
        .map(|a| {
            let office = Arc::new(a.office.clone());
            Criterion {
                code: a.code.clone(),
                title: Arc::new(a.title.clone()),
                max: a.max,
                source: a.source.as_deref().map(Arc::from),
                content: Content::Group(
                    children
                        .get(&a.code)
                        .map(|kids| {
                            kids.iter()
                                .filter_map(|k| node(k, &items, &children, Some(&office)))
                                .collect()
                        })
                        .unwrap_or_default(),
                ),
                office: Some(office),
            }
        })
        .collect();
    areas.sort_by(|a, b| a.code.cmp(&b.code));
    let mut index = BTreeMap::new();
    fn walk(nodes: &[Criterion], path: &mut Vec<usize>, index: &mut BTreeMap<Code, Vec<usize>>) {
        for (i, n) in nodes.iter().enumerate() {
            path.push(i);
            index.insert(n.code.clone(), path.clone());
            walk(n.children(), path, index);
            path.pop();
        }
    }
    walk(&areas, &mut Vec::new(), &mut index);
    let origin = match (&f.decision, &f.provenance) {
        (Some(d), _) => Origin::Issued {
            body: d.body.clone(),
            number: d.number.clone(),
            date: d.date,
        },
        (None, Some(p)) => Origin::Model {
            derived_from: p.derived_from.clone(),
            note: p.note.clone(),
        },
        // Reported when the file was read; the file fails to load.
        (None, None) => Origin::Model {
            derived_from: String::new(),
            note: String::new(),
        },
    };
    Methodology {
        id: f.id.clone(),
        title: f.title.clone(),
        level: f.level,
        year: f.year,
        origin,
        max: f.max,
        evidence_policy: f.evidence_policy,
        bonus_cap: f.bonus_cap,
        penalty_cap: f.penalty_cap,
        bands: f.bands.clone(),
        areas,
        index,
        file: f,
        sha256,
    }
}
