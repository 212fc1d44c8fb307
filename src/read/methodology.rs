//! Reading a methodology file (TOML) and validating it once, reporting every problem.

use rust_decimal::Decimal;

use crate::error::{Error, Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::methodology::AreaDef;
use crate::model::methodology::Decision;
use crate::model::methodology::ItemDef;
use crate::model::methodology::MethodologyFile;
use crate::model::methodology::Provenance;
use crate::model::methodology::{Band, EvidencePolicy, Level, Methodology};
use crate::model::rule::{Basis, Direction, NaPolicy, Rule, Tier};
use crate::model::text::Text;
use crate::read::tree::{Node, Obj, Reader, Site};
use crate::read::validate::{Complete, RULE_KINDS, build, short};

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

/// Load and validate a methodology from TOML text. `file` names the source in problems.
/// Every problem found is reported, each with the file, the item code and the key.
///
/// ```
/// use par_index::{methodology, ProblemKind};
/// let text = par_index::catalog::source("commune-2024-model").unwrap()
///     .replace("code = \"1.1.2\"", "code = \"1.1.1\"");
/// let err = methodology::load_str(&text, Some("x.toml")).unwrap_err();
/// let p = err.problems().iter().find(|p| p.kind == ProblemKind::DuplicateCode).unwrap();
/// assert_eq!(p.code.as_deref(), Some("1.1.1"));
/// assert!(p.to_string().starts_with("x.toml:"));
/// ```
pub fn load_methodology_str(text: &str, file: Option<&str>) -> Result<Methodology, Error> {
    // The text of an embedded set, byte for byte: its compiled form, which a test holds equal
    // to this text loaded within the default limits (no TOML to parse, nothing to validate).
    if let Some(m) = crate::read::compiled::for_text(text) {
        return Ok(m);
    }
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
/// let m = par_index::methodology::load_file("criteria/commune-2024-model.toml").unwrap();
/// assert_eq!(m.id(), "commune-2024-model");
/// assert!(par_index::methodology::load_file("no/such.toml").is_err());
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
    let top = Site::top();
    let mut t = r.table(root, &top)?;
    let id = t.must(r, None, "id", "the methodology's identifier", Reader::ident);
    let title = t.must(r, None, "title", "{ vi = \"...\", en = \"...\" }", text);
    let (level, year) = level_and_year(r, &mut t);
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
    let (decision, provenance) = origin(r, &mut t);
    let bands = bands(r, &mut t);
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

/// The level and the year of a set.
fn level_and_year(r: &mut Reader, t: &mut Obj<'_>) -> (Option<Level>, Option<u16>) {
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
    (level, year)
}

/// Where a set comes from: an official decision or, for a model set, its provenance (one of
/// the two, never both).
fn origin(r: &mut Reader, t: &mut Obj<'_>) -> (Option<Decision>, Option<Provenance>) {
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
    (decision, provenance)
}

/// The bands, best first (`[[bands]]` with label and min); whether all of them were read.
fn bands(r: &mut Reader, t: &mut Obj<'_>) -> Option<(bool, Vec<Band>)> {
    t.must(
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
    )
}

/// Read the `code` first so that every other problem of the entry can name it.
fn entry_code(r: &mut Reader, t: &mut Obj<'_>, field: &str) -> Option<Code> {
    let site = Site {
        code: None,
        field: format!("{field}.code").into(),
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
