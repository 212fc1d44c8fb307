//! The embedded methodologies compiled into Rust, as chrono-tz compiles its time zones: no
//! TOML is parsed or validated when they are first used. Each set's code is generated from its
//! file under `criteria/` and committed; a test (`read::compiled::tests`) holds each compiled
//! set equal to its file loaded and validated, and the committed code equal to what the
//! generator writes (`UPDATE_COMPILED=1 cargo test --lib compiled` rewrites it).
//!
//! Loading the text of an embedded set ([`crate::methodology::load_str`]) recognises it byte
//! for byte and returns its compiled form: the same methodology, by that test.

use rust_decimal::Decimal;

use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::methodology::Methodology;
use crate::model::text::Text;

#[rustfmt::skip]
mod commune_2024_model;
#[rustfmt::skip]
mod commune_2025_model;
#[rustfmt::skip]
mod department_2025_model;

/// The embedded sets: id and TOML source (the files under `criteria/`).
pub(crate) const EMBEDDED: &[(&str, &str)] = &[
    (
        "commune-2024-model",
        include_str!("../../criteria/commune-2024-model.toml"),
    ),
    (
        "commune-2025-model",
        include_str!("../../criteria/commune-2025-model.toml"),
    ),
    (
        "department-2025-model",
        include_str!("../../criteria/department-2025-model.toml"),
    ),
];

/// The compiled form of an embedded set whose source is exactly `text` (a copy of the one
/// built on first use).
pub(crate) fn for_text(text: &str) -> Option<Methodology> {
    let (id, _) = EMBEDDED.iter().find(|(_, source)| *source == text)?;
    get(id).cloned()
}

/// The compiled form of an embedded set, by id, built on first use.
pub(crate) fn get(id: &str) -> Option<&'static Methodology> {
    static BUILT: [std::sync::OnceLock<Methodology>; 3] = [
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
        std::sync::OnceLock::new(),
    ];
    let (i, build): (usize, fn() -> Methodology) = match id {
        "commune-2024-model" => (0, commune_2024_model::methodology),
        "commune-2025-model" => (1, commune_2025_model::methodology),
        "department-2025-model" => (2, department_2025_model::methodology),
        _ => return None,
    };
    Some(BUILT.get(i)?.get_or_init(build))
}

fn t(vi: &str, en: Option<&str>) -> Text {
    Text::new(vi, en)
}

fn d(mantissa: i128, scale: u32) -> Decimal {
    Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or_default()
}

fn c(code: &str) -> Code {
    Code::trusted(code)
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[allow(
    dead_code,
    reason = "for sets issued by a decision (the embedded model set has none)"
)]
fn date(year: u16, month: u8, day: u8) -> Date {
    Date::trusted(year, month, day)
}

#[cfg(test)]
mod tests {
    use crate::model::methodology::{ItemDef, MethodologyFile};
    use crate::model::rule::Rule;
    use crate::model::text::Text;
    use rust_decimal::Decimal;
    use std::fmt::Write;

    fn text(t: &Text) -> String {
        format!("t({:?}, {:?})", t.vi, t.en.as_deref())
    }

    fn dec(d: Decimal) -> String {
        format!("d({}, {})", d.mantissa(), d.scale())
    }

    fn opt<T>(o: Option<&T>, f: impl Fn(&T) -> String) -> String {
        o.map_or_else(|| "None".to_owned(), |v| format!("Some({})", f(v)))
    }

    fn rule(r: &Rule) -> String {
        match r {
            Rule::Check => "Rule::Check".into(),
            Rule::Survey => "Rule::Survey".into(),
            Rule::Deadline { late } => format!("Rule::Deadline {{ late: {} }}", dec(*late)),
            Rule::Tiers {
                on,
                direction,
                over_100,
                tiers,
            } => format!(
                "Rule::Tiers {{ on: Basis::{on:?}, direction: Direction::{direction:?}, over_100: {over_100}, tiers: vec![{}] }}",
                tiers
                    .iter()
                    .map(|t| format!("Tier {{ at: {}, points: {} }}", dec(t.at), dec(t.points)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Rule::Proportional {
                target,
                floor,
                over_100,
            } => format!(
                "Rule::Proportional {{ target: {}, floor: {}, over_100: {over_100} }}",
                dec(*target),
                opt(floor.as_ref(), |d| dec(*d))
            ),
            Rule::Deduction { per } => format!("Rule::Deduction {{ per: {} }}", dec(*per)),
            Rule::Judgement { step } => format!("Rule::Judgement {{ step: {} }}", dec(*step)),
        }
    }

    fn item(i: &ItemDef) -> String {
        format!(
            "        ItemDef {{ code: c({:?}), title: {}, max: {}, rule: {}, na: {}, source: {}, office: {} }},\n",
            i.code.as_str(),
            text(&i.title),
            dec(i.max),
            opt(i.rule.as_ref(), rule),
            opt(i.na.as_ref(), |n| format!("NaPolicy::{n:?}")),
            opt(i.source.as_ref(), |s| format!("s({s:?})")),
            opt(i.office.as_ref(), text),
        )
    }

    /// The Rust source of a set: its file as Rust values, assembled with its hash.
    fn source_of(file_name: &str, f: &MethodologyFile, sha256: &str) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "//! Generated from `criteria/{file_name}` by `read::compiled::tests`\n\
             //! (`UPDATE_COMPILED=1 cargo test --lib compiled`). Do not edit.\n\n\
             #[allow(unused_imports)]\n\
             use super::{{c, d, date, s, t}};\n\
             #[allow(unused_imports)]\n\
             use crate::model::methodology::{{AreaDef, Band, Decision, EvidencePolicy, ItemDef, Level, Methodology, MethodologyFile, Provenance}};\n\
             #[allow(unused_imports)]\n\
             use crate::model::rule::{{Basis, Direction, NaPolicy, Rule, Tier}};\n\n\
             pub(super) fn methodology() -> Methodology {{\n    crate::read::validate::assemble(file(), {sha256:?}.to_owned())\n}}\n\n\
             fn file() -> MethodologyFile {{\n    MethodologyFile {{\n"
        );
        let _ = writeln!(out, "        id: s({:?}),", f.id);
        let _ = writeln!(out, "        title: {},", text(&f.title));
        let _ = writeln!(out, "        level: Level::{:?},", f.level);
        let _ = writeln!(out, "        year: {},", f.year);
        let _ = writeln!(out, "        max: {},", dec(f.max));
        let _ = writeln!(
            out,
            "        survey_max: {},",
            opt(f.survey_max.as_ref(), |d| dec(*d))
        );
        let _ = writeln!(
            out,
            "        evidence_policy: EvidencePolicy::{:?},",
            f.evidence_policy
        );
        let _ = writeln!(out, "        bonus_cap: {},", dec(f.bonus_cap));
        let _ = writeln!(out, "        penalty_cap: {},", dec(f.penalty_cap));
        let _ = writeln!(
            out,
            "        decision: {},",
            opt(f.decision.as_ref(), |x| format!(
                "Decision {{ body: s({:?}), number: s({:?}), date: date({}, {}, {}) }}",
                x.body,
                x.number,
                x.date.year(),
                x.date.month(),
                x.date.day()
            ))
        );
        let _ = writeln!(
            out,
            "        provenance: {},",
            opt(f.provenance.as_ref(), |p| format!(
                "Provenance {{ derived_from: s({:?}), note: s({:?}) }}",
                p.derived_from, p.note
            ))
        );
        let _ = writeln!(out, "        bands: vec![");
        for b in &f.bands {
            let _ = writeln!(
                out,
                "            Band {{ label: {}, min: {} }},",
                text(&b.label),
                dec(b.min)
            );
        }
        let _ = writeln!(out, "        ],\n        areas: vec![");
        for a in &f.areas {
            let _ = writeln!(
                out,
                "            AreaDef {{ code: c({:?}), title: {}, max: {}, office: {}, source: {} }},",
                a.code.as_str(),
                text(&a.title),
                dec(a.max),
                text(&a.office),
                opt(a.source.as_ref(), |s| format!("s({s:?})"))
            );
        }
        let _ = writeln!(out, "        ],\n        items: vec![");
        for i in &f.items {
            out.push_str("    ");
            out.push_str(&item(i));
        }
        out.push_str("        ],\n    }\n}\n");
        out
    }

    /// Every embedded set: the compiled form equals the file loaded and validated, and the
    /// committed code is what the generator writes.
    #[test]
    fn compiled_sets_equal_their_files() {
        for (id, text) in super::EMBEDDED {
            let file_name = format!("{id}.toml");
            // Parsed and validated: `load_methodology_str` would return the compiled form
            // itself for this text, and the test would compare it with itself.
            let loaded = crate::read::methodology::load_methodology_str_within(
                text,
                Some(&file_name),
                &crate::read::limits::Limits::default(),
            );
            let Ok(loaded) = loaded else {
                panic!("criteria/{file_name} does not load: {loaded:?}");
            };
            let generated = source_of(&file_name, loaded.file(), loaded.sha256());
            let path = format!("src/read/compiled/{}.rs", id.replace('-', "_"));
            if std::env::var_os("UPDATE_COMPILED").is_some() {
                let _ = std::fs::write(&path, &generated);
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == generated,
                "{path} is not the compiled form of criteria/{file_name}: run `UPDATE_COMPILED=1 cargo test --lib compiled`"
            );
            assert_eq!(super::get(id), Some(&loaded), "{id}");
            assert_eq!(super::for_text(text).as_ref(), Some(&loaded), "{id}");
            // Not an embedded text: not recognised (a single byte differs).
            assert!(super::for_text(&format!("{text} ")).is_none());
        }
    }
}
