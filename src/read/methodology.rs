//! Reading a methodology file (TOML) and validating it once, reporting every problem.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::methodology::AreaDef;
use crate::model::methodology::Decision;
use crate::model::methodology::ItemDef;
use crate::model::methodology::MethodologyFile;
use crate::model::methodology::Provenance;
use crate::model::methodology::canonical_form;
use crate::model::methodology::{
    Band, Content, Criterion, EvidencePolicy, Level, Methodology, Origin,
};
use crate::model::rule::{Basis, Direction, NaPolicy, Rule, Tier};
use crate::model::text::Text;
use crate::read::tree::{Node, Obj, Reader, Site};

const TOP_KEYS: &[&str] = &[
    "id",
    "title",
    "level",
    "year",
    "max",
    "survey_max",
    "evidence_policy",
    "bonus_cap",
    "penalty_cap",
    "decision",
    "provenance",
    "bands",
    "areas",
    "items",
];
const RULE_KINDS: &str = "check, deadline, tiers, proportional, deduction, survey, judgement";

/// Load and validate a methodology from TOML text. `file` names the source in problems.
/// Every problem found is reported, each with the file, the item code and the key.
///
/// ```
/// use par_index::{load_methodology_str, ProblemKind};
/// let text = par_index::catalog::source("commune-2024-model").unwrap()
///     .replace("code = \"1.1.2\"", "code = \"1.1.1\"");
/// let err = load_methodology_str(&text, Some("x.toml")).unwrap_err();
/// let p = err.problems().iter().find(|p| p.kind == ProblemKind::DuplicateCode).unwrap();
/// assert_eq!(p.code.as_deref(), Some("1.1.1"));
/// assert!(p.to_string().starts_with("x.toml:"));
/// ```
pub fn load_methodology_str(text: &str, file: Option<&str>) -> Result<Methodology, Error> {
    load_methodology_str_within(text, file, &crate::read::limits::Limits::default())
}

/// [`load_methodology_str`] within the embedder's [`crate::Limits`] (size, number of items,
/// string length).
pub(crate) fn load_methodology_str_within(
    text: &str,
    file: Option<&str>,
    limits: &crate::read::limits::Limits,
) -> Result<Methodology, Error> {
    let result = crate::read::tree::parse_toml_with(text, limits)
        .map_err(|p| vec![p])
        .and_then(|root| {
            let mut r = Reader {
                limits: *limits,
                ..Reader::default()
            };
            let Some(read) = read_file(&mut r, &root) else {
                return Err(r.problems);
            };
            // Consistency checks run even when some entries could not be read, so that one
            // pass reports as much as it can; checks whose inputs are incomplete are skipped.
            let built = build(read.file, &read.complete).map_err(|p| {
                locate(p, &read.item_at, &read.area_at)
                    .into_iter()
                    .map(|p| locate_top(p, &root))
                    .collect::<Vec<_>>()
            });
            match built {
                Ok(m) if r.problems.is_empty() => Ok(m),
                Ok(_) => Err(r.problems),
                Err(more) => {
                    let mut all = r.problems;
                    all.extend(more);
                    Err(all)
                }
            }
        });
    result.map_err(|problems| {
        let e = Error::Invalid(problems);
        match file {
            Some(f) => e.in_file(f),
            None => e,
        }
    })
}

/// Load and validate a methodology file from a path.
///
/// ```
/// let m = par_index::load_methodology_file("criteria/commune-2024-model.toml").unwrap();
/// assert_eq!(m.id(), "commune-2024-model");
/// assert!(par_index::load_methodology_file("no/such.toml").is_err());
/// ```
pub fn load_methodology_file(path: impl AsRef<std::path::Path>) -> Result<Methodology, Error> {
    let (text, shown) = crate::read::io::read_text(path.as_ref())?;
    load_methodology_str(&text, Some(&shown))
}

fn text(r: &mut Reader, node: &Node, site: &Site<'_>) -> Option<Text> {
    let mut t = r.table(node, site)?;
    let vi = t.must(r, site.code, "vi", "the Vietnamese text", Reader::string);
    let en = t.opt(r, site.code, "en", Reader::string);
    t.finish(r, site.code, &["vi", "en"]);
    Some(Text { vi: vi?, en })
}

fn positive(r: &mut Reader, node: &Node, site: &Site<'_>) -> Option<Decimal> {
    let d = r.decimal(node, site)?;
    if d <= Decimal::ZERO {
        r.report(
            ProblemKind::BadValue,
            site,
            node.pos,
            format!("must be greater than 0, found {d}"),
        );
        return None;
    }
    Some(d)
}

fn one_of<T: Copy>(
    r: &mut Reader,
    node: &Node,
    site: &Site<'_>,
    options: &[(&str, T)],
) -> Option<T> {
    let s = r.string(node, site)?;
    match options.iter().find(|(name, _)| *name == s) {
        Some((_, v)) => Some(*v),
        None => {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            let msg = format!("unknown value `{s}` (expected {})", names.join(" or "));
            r.report(ProblemKind::BadValue, site, node.pos, msg);
            None
        }
    }
}

/// Which parts of a file were read completely; checks on incomplete parts are skipped.
#[derive(Debug, Clone, Copy, Default)]
struct Complete {
    areas: bool,
    items: bool,
    max: bool,
    bands: bool,
}

/// Where an area or item was read: its code, its index in the file, its position.
type EntryAt = (Code, usize, Option<(u32, u32)>);

/// A file as far as it could be read, with the file index and position of every area and
/// item that was read.
struct Read {
    file: MethodologyFile,
    complete: Complete,
    area_at: Vec<EntryAt>,
    item_at: Vec<EntryAt>,
}

/// Give consistency problems the full key path (`items[4].rule.tiers[1].at`) and the
/// position of their entry.
fn locate(problems: Vec<Problem>, items: &[EntryAt], areas: &[EntryAt]) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            let Some(code) = p.code.clone() else { return p };
            let find = |list: &[EntryAt], last: bool| {
                let mut hits = list.iter().filter(|(c, _, _)| c.as_str() == code);
                if last { hits.next_back() } else { hits.next() }.map(|(_, i, pos)| (*i, *pos))
            };
            let last = p.kind == ProblemKind::DuplicateCode;
            let hit = find(items, last)
                .map(|(i, pos)| (format!("items[{i}]"), pos))
                .or_else(|| find(areas, last).map(|(i, pos)| (format!("areas[{i}]"), pos)));
            if let Some((prefix, pos)) = hit {
                p.field = if p.field.is_empty() {
                    prefix
                } else {
                    format!("{prefix}.{}", p.field)
                };
                if p.position.is_none() {
                    p.position = pos;
                }
            }
            p
        })
        .collect()
}

/// Give a problem of a top-level key (`max`, `bonus_cap`, `bands[2].min`) the position of
/// its value in the file.
fn locate_top(mut p: Problem, root: &Node) -> Problem {
    if p.position.is_some() || p.code.is_some() {
        return p;
    }
    let crate::read::tree::Value::Table(entries) = &root.value else {
        return p;
    };
    let head = p.field.split(['.', '[']).next().unwrap_or_default();
    let Some((_, node)) = entries.iter().find(|(k, _)| k == head) else {
        return p;
    };
    let mut pos = node.pos;
    // `bands[2]…`: the position of that entry.
    if let Some(rest) = p.field.strip_prefix(head).and_then(|r| r.strip_prefix('['))
        && let Some(i) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok())
        && let crate::read::tree::Value::Array(items) = &node.value
        && let Some(item) = items.get(i)
    {
        pos = item.pos.or(pos);
    }
    p.position = pos;
    p
}

fn read_file(r: &mut Reader, root: &Node) -> Option<Read> {
    let top = Site {
        code: None,
        field: String::new(),
    };
    let mut t = r.table(root, &top)?;
    let id = t.must(r, None, "id", "the methodology's identifier", Reader::ident);
    let title = t.must(r, None, "title", "{ vi = \"...\", en = \"...\" }", text);
    let level = t.must(
        r,
        None,
        "level",
        "province, department, district or commune",
        |r, n, s| {
            one_of(
                r,
                n,
                s,
                &[
                    ("province", Level::Province),
                    ("department", Level::Department),
                    ("district", Level::District),
                    ("commune", Level::Commune),
                ],
            )
        },
    );
    let year = t.must(r, None, "year", "the year assessed", |r, n, s| {
        let d = r.count(n, s)?;
        match u16::try_from(d) {
            Ok(y) if (1990..=2100).contains(&y) => Some(y),
            _ => {
                r.report(
                    ProblemKind::BadValue,
                    s,
                    n.pos,
                    format!("expected a year between 1990 and 2100, found {d}"),
                );
                None
            }
        }
    });
    let max = t.must(r, None, "max", "the total maximum points", positive);
    let survey_max = t.opt(r, None, "survey_max", Reader::non_negative);
    let evidence_policy = t.must(r, None, "evidence_policy", "zero or flag", |r, n, s| {
        one_of(
            r,
            n,
            s,
            &[
                ("zero", EvidencePolicy::Zero),
                ("flag", EvidencePolicy::Flag),
            ],
        )
    });
    let bonus_cap = t.must(
        r,
        None,
        "bonus_cap",
        "the cap on bonus points (0 for none)",
        Reader::non_negative,
    );
    let penalty_cap = t.must(
        r,
        None,
        "penalty_cap",
        "the cap on penalty points (0 for none)",
        Reader::non_negative,
    );
    let decision = t.opt(r, None, "decision", |r, n, s| {
        let mut d = r.table(n, s)?;
        let body = d.must(r, None, "body", "the issuing body", Reader::string);
        let number = d.must(r, None, "number", "the decision number", Reader::string);
        let date = d.must(r, None, "date", "the decision date", Reader::date);
        d.finish(r, None, &["body", "number", "date"]);
        Some(Decision {
            body: body?,
            number: number?,
            date: date?,
        })
    });
    let provenance = t.opt(r, None, "provenance", |r, n, s| {
        let mut p = r.table(n, s)?;
        let derived_from = p.must(
            r,
            None,
            "derived_from",
            "what the set is derived from",
            Reader::string,
        );
        let note = p.must(r, None, "note", "how, and what it is not", Reader::string);
        p.finish(r, None, &["derived_from", "note"]);
        Some(Provenance {
            derived_from: derived_from?,
            note: note?,
        })
    });
    let had_decision = t.has("decision");
    let had_provenance = t.has("provenance");
    if had_decision == had_provenance {
        let site = t.site(None, "decision");
        let msg = if had_decision {
            "give either [decision] (an official set) or [provenance] (a model set), not both"
        } else {
            "missing [decision] (body, number, date of an official set) or [provenance] (derived_from, note of a model set)"
        };
        r.report(ProblemKind::MissingKey, &site, t.pos, msg.into());
    }
    let bands = t.must(
        r,
        None,
        "bands",
        "[[bands]] with label and min",
        |r, n, s| {
            r.tables(n, s, |r, mut b, _, _| {
                let label = b.must(r, None, "label", "{ vi = \"...\", en = \"...\" }", text);
                let min = b.must(
                    r,
                    None,
                    "min",
                    "the lowest index in the band",
                    Reader::non_negative,
                );
                b.finish(r, None, &["label", "min"]);
                Some(Band {
                    label: label?,
                    min: min?,
                })
            })
        },
    );
    let mut area_at = Vec::new();
    let areas = t.must(r, None, "areas", "[[areas]]", |r, n, s| {
        r.tables(n, s, |r, t, i, pos| {
            let a = read_area(r, t)?;
            area_at.push((a.code.clone(), i, pos));
            Some(a)
        })
    });
    let mut item_at = Vec::new();
    let items = t.must(r, None, "items", "[[items]]", |r, n, s| {
        let max = r.limits.items;
        r.array_at_most(n, s, max, "items")?;
        r.tables(n, s, |r, t, i, pos| {
            let item = read_item(r, t)?;
            item_at.push((item.code.clone(), i, pos));
            Some(item)
        })
    });
    t.finish(r, None, TOP_KEYS);
    let bands_complete = bands.as_ref().is_some_and(|(all, _)| *all);
    let complete = Complete {
        areas: areas.as_ref().is_some_and(|(all, _)| *all),
        items: items.as_ref().is_some_and(|(all, _)| *all),
        max: max.is_some(),
        bands: bands_complete,
    };
    let file = MethodologyFile {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_else(|| Text::new("", None)),
        level: level.unwrap_or(Level::Commune),
        year: year.unwrap_or_default(),
        max: max.unwrap_or_default(),
        survey_max,
        evidence_policy: evidence_policy.unwrap_or(EvidencePolicy::Zero),
        bonus_cap: bonus_cap.unwrap_or_default(),
        penalty_cap: penalty_cap.unwrap_or_default(),
        decision,
        provenance,
        bands: bands.map(|(_, b)| b).unwrap_or_default(),
        areas: areas.map(|(_, a)| a).unwrap_or_default(),
        items: items.map(|(_, i)| i).unwrap_or_default(),
    };
    Some(Read {
        file,
        complete,
        area_at,
        item_at,
    })
}

/// Read the `code` first so that every other problem of the entry can name it.
fn entry_code(r: &mut Reader, t: &mut Obj<'_>, field: &str) -> Option<Code> {
    let site = Site {
        code: None,
        field: format!("{field}.code"),
    };
    match t.get("code") {
        Some(n) => {
            let code = r.code(n, &site)?;
            let max = r.limits.code_depth;
            if code.depth() > max {
                r.report(
                    ProblemKind::TooLarge,
                    &site,
                    n.pos,
                    format!(
                        "code `{}` has {} levels; codes have at most {max} (the limit of code depth)",
                        short(code.as_str()),
                        code.depth()
                    ),
                );
                return None;
            }
            Some(code)
        }
        None => {
            r.report(
                ProblemKind::MissingKey,
                &site,
                t.pos,
                "missing key `code`".into(),
            );
            None
        }
    }
}

fn read_area(r: &mut Reader, mut t: Obj<'_>) -> Option<AreaDef> {
    let field = t.field().to_owned();
    let code = entry_code(r, &mut t, &field);
    let c = code.as_ref().map(Code::as_str);
    let title = t.must(r, c, "title", "{ vi = \"...\", en = \"...\" }", text);
    let max = t.must(r, c, "max", "the area's maximum points", positive);
    let office = t.must(
        r,
        c,
        "office",
        "the accountable office { vi = \"...\", en = \"...\" }",
        text,
    );
    let source = t.opt(r, c, "source", Reader::string);
    t.finish(r, c, &["code", "title", "max", "office", "source"]);
    Some(AreaDef {
        code: code?,
        title: title?,
        max: max?,
        office: office?,
        source,
    })
}

fn read_item(r: &mut Reader, mut t: Obj<'_>) -> Option<ItemDef> {
    let field = t.field().to_owned();
    let code = entry_code(r, &mut t, &field);
    let c = code.as_ref().map(Code::as_str);
    let title = t.must(r, c, "title", "{ vi = \"...\", en = \"...\" }", text);
    let max = t.must(r, c, "max", "the item's maximum points", positive);
    let rule = t.opt(r, c, "rule", read_rule);
    let rule_bad = t.has("rule") && rule.is_none();
    let na = t.opt(r, c, "na", |r, n, s| {
        one_of(
            r,
            n,
            s,
            &[("full", NaPolicy::Full), ("exclude", NaPolicy::Exclude)],
        )
    });
    let source = t.opt(r, c, "source", Reader::string);
    let office = t.opt(r, c, "office", text);
    t.finish(
        r,
        c,
        &["code", "title", "max", "rule", "na", "source", "office"],
    );
    if rule_bad {
        return None;
    }
    Some(ItemDef {
        code: code?,
        title: title?,
        max: max?,
        rule,
        na,
        source,
        office,
    })
}

fn read_rule(r: &mut Reader, node: &Node, site: &Site<'_>) -> Option<Rule> {
    let c = site.code;
    let mut t = r.table(node, site)?;
    let kind = t.must(r, c, "kind", RULE_KINDS, Reader::string)?;
    match kind.as_str() {
        "check" => {
            t.finish(r, c, &["kind"]);
            Some(Rule::Check)
        }
        "survey" => {
            t.finish(r, c, &["kind"]);
            Some(Rule::Survey)
        }
        "deadline" => {
            let late = t.must(
                r,
                c,
                "late",
                "points when done late (0 for none)",
                Reader::non_negative,
            );
            t.finish(r, c, &["kind", "late"]);
            Some(Rule::Deadline { late: late? })
        }
        "deduction" => {
            let per = t.must(r, c, "per", "points lost per violation", positive);
            t.finish(r, c, &["kind", "per"]);
            Some(Rule::Deduction { per: per? })
        }
        "judgement" => {
            let step = t.opt(r, c, "step", positive);
            let bad = t.has("step") && step.is_none();
            t.finish(r, c, &["kind", "step"]);
            if bad {
                return None;
            }
            Some(Rule::Judgement {
                step: step.unwrap_or(Decimal::new(25, 2)),
            })
        }
        "proportional" => {
            let target = t.must(r, c, "target", "the target percentage, > 0", |r, n, s| {
                let d = r.decimal(n, s)?;
                if d <= Decimal::ZERO {
                    r.report(
                        ProblemKind::BadRule,
                        s,
                        n.pos,
                        format!("the target must be greater than 0, found {d}"),
                    );
                    return None;
                }
                Some(d)
            });
            let floor = t.opt(r, c, "floor", Reader::non_negative);
            let over_100 = t.opt(r, c, "over_100", Reader::boolean);
            t.finish(r, c, &["kind", "target", "floor", "over_100"]);
            Some(Rule::Proportional {
                target: target?,
                floor,
                over_100: over_100.unwrap_or(false),
            })
        }
        "tiers" => {
            let on = t.must(r, c, "on", "ratio or number", |r, n, s| {
                one_of(
                    r,
                    n,
                    s,
                    &[("ratio", Basis::Ratio), ("number", Basis::Number)],
                )
            });
            let direction = t.opt(r, c, "direction", |r, n, s| {
                one_of(
                    r,
                    n,
                    s,
                    &[
                        ("at-least", Direction::AtLeast),
                        ("at-most", Direction::AtMost),
                    ],
                )
            });
            let over_100 = t.opt(r, c, "over_100", Reader::boolean);
            let tiers = t.must(
                r,
                c,
                "tiers",
                "[{ at = ..., points = ... }, ...], best first",
                |r, n, s| {
                    r.tables(n, s, |r, mut tt, _, _| {
                        let at = tt.must(r, c, "at", "the threshold", Reader::non_negative);
                        let points = tt.must(
                            r,
                            c,
                            "points",
                            "the points of the tier",
                            Reader::non_negative,
                        );
                        tt.finish(r, c, &["at", "points"]);
                        Some(Tier {
                            at: at?,
                            points: points?,
                        })
                    })
                },
            );
            t.finish(r, c, &["kind", "on", "direction", "over_100", "tiers"]);
            Some(Rule::Tiers {
                on: on?,
                direction: direction.unwrap_or_default(),
                over_100: over_100.unwrap_or(false),
                tiers: tiers?.1,
            })
        }
        other => {
            let s = t.site(c, "kind");
            r.report(
                ProblemKind::BadRule,
                &s,
                t.pos,
                format!("unknown rule kind `{other}` (expected one of: {RULE_KINDS})"),
            );
            t.take_all();
            None
        }
    }
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
fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

use crate::read::tree::MAX_POINTS;

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
fn build(f: MethodologyFile, complete: &Complete) -> Result<Methodology, Vec<Problem>> {
    let all_read = complete.areas && complete.items;
    let mut out: Vec<Problem> = Vec::new();
    let mut seen: BTreeSet<Code> = BTreeSet::new();
    if complete.max {
        check_points(None, "max", f.max, &mut out);
    }
    if let Some(sm) = f.survey_max {
        check_points(None, "survey_max", sm, &mut out);
    }
    check_points(None, "bonus_cap", f.bonus_cap, &mut out);
    check_points(None, "penalty_cap", f.penalty_cap, &mut out);
    for a in &f.areas {
        let c = Some(a.code.as_str());
        check_points(c, "max", a.max, &mut out);
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
    // A duplicate is an entry left out of the tree: sums would mislead, so skip them.
    let all_read = all_read && !out.iter().any(|p| p.kind == ProblemKind::DuplicateCode);
    // Children of every code, and missing parents.
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
    for (code, item) in &items {
        let c = Some(code.as_str());
        let has_children = children.contains_key(code);
        match (&item.rule, has_children) {
            (Some(_), true) => out.push(Problem::new(ProblemKind::BadRule, c, "rule", format!("`{code}` has sub-criteria, so its points are their sum: remove its rule"))),
            // When an entry could not be read, a group may look childless: say nothing.
            (None, false) if !all_read => {}
            (None, false) => out.push(Problem::new(ProblemKind::MissingKey, c, "rule", format!("missing key `rule`: `{code}` has no sub-criteria, so it needs a rule ({RULE_KINDS})"))),
            (Some(rule), false) => check_rule(code.as_str(), item.max, rule, &mut out),
            (None, true) => {
                if item.na.is_some() {
                    out.push(Problem::new(ProblemKind::BadValue, c, "na", "an N/A policy belongs on sub-criteria, not on a group".to_owned()));
                }
            }
        }
    }
    // Sums: every group's max is the sum of its children's.
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
    // Bands.
    if complete.bands && f.bands.is_empty() {
        out.push(Problem::new(
            ProblemKind::BadBands,
            None,
            "bands",
            "at least one band is needed".to_owned(),
        ));
    }
    for (i, b) in f.bands.iter().enumerate().filter(|_| complete.bands) {
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
    if complete.bands
        && let Some(last) = f.bands.last()
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
    if !out.is_empty() {
        return Err(out);
    }

    // Build the tree; validation above guarantees every lookup succeeds.
    fn node(
        code: &Code,
        items: &BTreeMap<Code, &ItemDef>,
        children: &BTreeMap<Code, Vec<Code>>,
        office: Option<&Text>,
    ) -> Option<Criterion> {
        let item = items.get(code)?;
        let office = item.office.as_ref().or(office);
        let content = match children.get(code) {
            Some(kids) => Content::Group(
                kids.iter()
                    .filter_map(|k| node(k, items, children, office))
                    .collect(),
            ),
            None => Content::Leaf {
                rule: item.rule.clone()?,
                na: item.na,
            },
        };
        Some(Criterion {
            code: code.clone(),
            title: item.title.clone(),
            max: item.max,
            office: office.cloned(),
            source: item.source.clone(),
            content,
        })
    }
    let mut areas: Vec<Criterion> = f
        .areas
        .iter()
        .map(|a| Criterion {
            code: a.code.clone(),
            title: a.title.clone(),
            max: a.max,
            office: Some(a.office.clone()),
            source: a.source.clone(),
            content: Content::Group(
                children
                    .get(&a.code)
                    .map(|kids| {
                        kids.iter()
                            .filter_map(|k| node(k, &items, &children, Some(&a.office)))
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
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
    let canonical = canonical_form(&f);
    let sha256 = crate::model::canonical::sha256_hex(canonical.as_bytes());
    Ok(Methodology {
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
    })
}
