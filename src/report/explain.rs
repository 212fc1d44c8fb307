//! How one item or area got its points, in words: the rule, the measure, the branch, the
//! rounding, the evidence, and what would earn more (`par-index explain`).

use crate::report::labels::{Label, label};
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::analysis::gain::improvements;
use crate::model::code::Code;
use crate::model::rule::{Basis, Direction, NaPolicy, Rule};
use crate::model::scorecard::{ScoreNode, Scorecard};
use crate::model::text::Lang;
use crate::report::describe::describe_improvement;
use crate::report::describe::{describe_branch, describe_measure, fmt_decimal};

/// A rule in words, with its parameters: `tiers on a ratio: ≥ 95% → 3; ≥ 90% → 2; below → 0`.
///
/// ```
/// use par_index::{Lang, methodology::Rule};
/// use par_index::report::words::describe_rule;
/// let rule = Rule::Deadline { late: rust_decimal::Decimal::new(5, 1) };
/// assert_eq!(describe_rule(&rule, 1.into(), Lang::En),
///            "deadline: done by the due date → 1; late → 0.5; not done → 0");
/// assert_eq!(describe_rule(&rule, 1.into(), Lang::Vi),
///            "thời hạn: hoàn thành đúng hạn → 1; chậm hạn → 0,5; chưa hoàn thành → 0");
/// ```
#[must_use]
pub fn describe_rule(rule: &Rule, max: Decimal, lang: Lang) -> String {
    let d = |x: Decimal| fmt_decimal(x, lang);
    match rule {
        Rule::Check => format!(
            "{} → {}; {} → 0",
            label(Label::CheckYes, lang),
            d(max),
            label(Label::NoLower, lang)
        ),
        Rule::Deadline { late } => format!(
            "{} → {}; {} → {}; {} → 0",
            label(Label::DeadlineDoneByTheDue, lang),
            d(max),
            label(Label::Late, lang),
            d(*late),
            label(Label::NotDone, lang)
        ),
        Rule::Tiers {
            on,
            direction,
            tiers,
            ..
        } => {
            let cmp = if *direction == Direction::AtLeast {
                "≥"
            } else {
                "≤"
            };
            let unit = if *on == Basis::Ratio { "%" } else { "" };
            let parts: Vec<String> = tiers
                .iter()
                .map(|t| format!("{cmp} {}{unit} → {}", d(t.at), d(t.points)))
                .collect();
            format!(
                "{} {}; {} → 0",
                match on {
                    Basis::Ratio => label(Label::TiersOnARatio, lang),
                    Basis::Number => label(Label::TiersOnANumber, lang),
                },
                parts.join("; "),
                label(Label::Otherwise, lang)
            )
        }
        Rule::Proportional { target, floor, .. } => {
            let mut s = format!(
                "{} {} × {} ÷ {}%, {} {}",
                label(Label::Proportional, lang),
                d(max),
                label(Label::Ratio, lang),
                d(*target),
                label(Label::AtMost, lang),
                d(max)
            );
            if let Some(f) = floor {
                let _ = write!(s, "; {} {}% → 0", label(Label::Below, lang), d(*f));
            }
            s
        }
        Rule::Deduction { per } => format!(
            "{} {} − {} × {}, {}",
            label(Label::Deduction, lang),
            d(max),
            d(*per),
            label(Label::Violations, lang),
            label(Label::NotBelow0, lang)
        ),
        Rule::Survey => format!(
            "{} {} × {}",
            label(Label::Survey, lang),
            d(max),
            label(Label::Satisfaction, lang)
        ),
        Rule::Judgement { step } => format!(
            "{} 0 {} {}, {} {}",
            label(Label::TheAssessorSPointsFrom, lang),
            label(Label::To, lang),
            d(max),
            label(Label::InStepsOf, lang),
            d(*step)
        ),
    }
}

/// How an item or area of a scorecard got its points, as text (Vietnamese or English):
/// for a leaf the rule in words, the measure, the branch, the value before and after
/// rounding, the evidence policy, the evidence and explanation, and what would earn more;
/// for a group its parts and where points were lost. `None` when the code is not in the
/// scorecard.
///
/// ```
/// use par_index::{report::explain, Lang};
/// use par_index::catalog::sample_scorecard;
/// let card = sample_scorecard();
/// let text = explain(&card, &"3.4.2".parse().unwrap(), Lang::En).unwrap();
/// assert!(text.contains("Rule: proportional: 1 × ratio ÷ 50%"));
/// assert!(explain(&card, &"9.9".parse().unwrap(), Lang::En).is_none());
/// ```
#[must_use]
pub fn explain(card: &Scorecard, code: &Code, lang: Lang) -> Option<String> {
    explain_raw(card, code, lang).map(|s| crate::model::text::printable(&s).into_owned())
}

fn explain_raw(card: &Scorecard, code: &Code, lang: Lang) -> Option<String> {
    let node = card.find(code)?;
    let vi = lang == Lang::Vi;
    let d = |x: Decimal| fmt_decimal(x, lang);
    let mut s = String::new();
    let title = node.title.get(lang);
    let _ = writeln!(s, "{} {title}", node.code);
    if vi && let Some(en) = &node.title.en {
        let _ = writeln!(s, "({en})");
    }
    let _ = writeln!(
        s,
        "{}: {} — {}",
        label(Label::Unit, lang),
        card.unit.name,
        card.period
    );
    if let Some(office) = &node.office {
        let _ = writeln!(
            s,
            "{}: {}",
            label(Label::LeadOffice, lang),
            office.get(lang)
        );
    }
    let _ = writeln!(
        s,
        "{}: {} / {}",
        label(Label::Points, lang),
        d(node.points),
        d(node.max)
    );
    match &node.trace {
        Some(t) => explain_leaf(&mut s, node, t, lang),
        None => explain_group(&mut s, node, lang),
    }
    Some(s)
}
/// How a leaf got its points: source, rule, measure, branch, rounding, evidence, and what
/// would earn more.
fn explain_leaf(s: &mut String, node: &ScoreNode, t: &crate::model::scorecard::Trace, lang: Lang) {
    let d = |x: Decimal| fmt_decimal(x, lang);
    if let Some(src) = &t.source {
        let _ = writeln!(s, "{}: {src}", label(Label::Source, lang));
    }
    let _ = writeln!(
        s,
        "{}: {}",
        label(Label::Rule, lang),
        describe_rule(&t.rule, node.max, lang)
    );
    if let Some(na) = t.na {
        let _ = writeln!(
            s,
            "{}: {}",
            label(Label::IfItDoesNotArise, lang),
            label(
                match na {
                    NaPolicy::Full => Label::NaFullPoints,
                    NaPolicy::Exclude => Label::NaExcludedFromMax,
                },
                lang
            )
        );
    }
    let measure = match &t.measure {
        Some(m) => describe_measure(m, lang),
        None => label(Label::NoAnswer, lang).to_owned(),
    };
    let _ = writeln!(s, "{}: {measure}", label(Label::Measure, lang));
    let _ = writeln!(
        s,
        "{}: {}",
        label(Label::Branch, lang),
        describe_branch(&t.rule, node.max, &t.branch, lang)
    );
    let _ = writeln!(
        s,
        "{}: {} → {} ({})",
        label(Label::Rounding, lang),
        d(t.raw),
        d(t.rounded),
        label(Label::RoundingRule, lang)
    );
    if t.flags.unsupported {
        let _ = writeln!(
            s,
            "{}: {}",
            label(Label::EvidencePolicy, lang),
            match t.adjustment {
                Some(a) =>
                    crate::report::render::describe_override(a, t.rounded, node.points, lang),
                None => label(Label::KeptForTheAppraiser, lang).to_owned(),
            }
        );
    }
    if t.flags.explained {
        let _ = writeln!(
            s,
            "{}: {}",
            label(Label::EvidencePolicy, lang),
            label(Label::AnExplanationOnlyNoDocument, lang)
        );
    }
    if t.evidence.is_empty() {
        let _ = writeln!(
            s,
            "{}: {}",
            label(Label::Evidence, lang),
            label(Label::NoneWord, lang)
        );
    } else {
        let _ = writeln!(s, "{}:", label(Label::Evidence, lang));
    }
    for e in &t.evidence {
        let date = match lang {
            Lang::Vi => e.date.to_vietnamese(),
            Lang::En => e.date.to_string(),
        };
        let _ = write!(
            s,
            "  - {} {} {date}, {}: {}",
            e.number,
            label(Label::Of, lang),
            e.issuer,
            e.title
        );
        if let Some(l) = &e.locator {
            let _ = write!(s, " ({l})");
        }
        s.push('\n');
    }
    if let Some(x) = &t.explanation {
        let _ = writeln!(s, "{}: {x}", label(Label::StageExplanation, lang));
    }
    next_steps(s, node, lang);
}

/// How an area or criterion got its points: its parts, and the points lost below it with
/// how to gain them.
fn explain_group(s: &mut String, node: &ScoreNode, lang: Lang) {
    let d = |x: Decimal| fmt_decimal(x, lang);
    if !node.applicable || node.applicable_max < node.max {
        let _ = writeln!(
            s,
            "{}: {}",
            label(Label::ApplicableMaximum, lang),
            d(node.applicable_max)
        );
    }
    let _ = writeln!(s, "{}:", label(Label::Parts, lang));
    for c in &node.children {
        let _ = writeln!(
            s,
            "  {} {}: {} / {}{}",
            c.code,
            c.title.get(lang),
            d(c.points),
            d(c.max),
            c.trace
                .as_ref()
                .map(|t| format!(" — {}", describe_branch(&t.rule, c.max, &t.branch, lang)))
                .unwrap_or_default()
        );
    }
    let lost: Vec<&ScoreNode> = node
        .leaves()
        .filter(|l| l.applicable && l.points < l.max)
        .collect();
    if lost.is_empty() {
        let _ = writeln!(s, "{}", label(Label::NoPointsLost, lang));
    } else {
        let _ = writeln!(s, "{}:", label(Label::PointsLostAndHowTo, lang));
        for l in lost {
            let gap = l.max.checked_sub(l.points).unwrap_or_default();
            let _ = writeln!(s, "  {} −{}", l.code, d(gap));
            for i in improvements(l) {
                let _ = writeln!(s, "    - {}", describe_improvement(&i, lang));
            }
        }
    }
}

fn next_steps(s: &mut String, node: &ScoreNode, lang: Lang) {
    let steps = improvements(node);
    if steps.is_empty() {
        let msg = if node.points >= node.max {
            label(Label::AtItsMaximum, lang)
        } else {
            label(Label::NoneWord, lang)
        };
        let _ = writeln!(s, "{}: {msg}", label(Label::ToEarnMore, lang));
        return;
    }
    let _ = writeln!(s, "{}:", label(Label::ToEarnMore, lang));
    for i in steps {
        let _ = writeln!(s, "  - {}", describe_improvement(&i, lang));
    }
}
