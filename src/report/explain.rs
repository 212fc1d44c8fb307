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
use crate::report::document::{Block, Cell, Document, Fact};

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
            label(Label::NotBelowZero, lang)
        ),
        Rule::Survey => format!(
            "{} {} × {}",
            label(Label::Survey, lang),
            d(max),
            label(Label::Satisfaction, lang)
        ),
        Rule::Judgement { step } => format!(
            "{} 0 {} {}, {} {}",
            label(Label::AssessorPointsFrom, lang),
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
    explanation(card, code, lang).map(|doc| crate::report::out::to_text(&doc))
}

/// How an item or area of a scorecard got its points, in `format`: JSON is the node itself
/// (its points, maximum and trace, as the scorecard holds it), text, Markdown and HTML the
/// [`explanation`]. `None` when the code is not in the scorecard. What the server's
/// `/v1/explain` and the bindings answer.
///
/// # Errors
///
/// [`crate::Error::Output`] for a format an explanation is not written in (CSV, a workbook).
///
/// ```
/// use par_index::{report::{explain_as, Format}, Lang};
/// let card = par_index::catalog::sample_scorecard();
/// let code = "3.4.2".parse().unwrap();
/// let json = explain_as(&card, &code, Format::Json, Lang::Vi).unwrap().unwrap().into_bytes();
/// assert!(String::from_utf8(json).unwrap().contains("\"trace\""));
/// assert!(explain_as(&card, &code, Format::Csv, Lang::Vi).unwrap().is_err());
/// assert!(explain_as(&card, &"9.9".parse().unwrap(), Format::Text, Lang::Vi).is_none());
/// ```
#[must_use]
pub fn explain_as(
    card: &Scorecard,
    code: &Code,
    format: crate::report::output::Format,
    lang: Lang,
) -> Option<Result<crate::report::output::Output, crate::error::Error>> {
    use crate::report::output::{Format, Output};
    let node = card.find(code)?;
    let text = match format {
        Format::Json => {
            let mut t = serde_json::to_value(node)
                .and_then(|v| serde_json::to_string_pretty(&v))
                .unwrap_or_default();
            t.push('\n');
            t
        }
        Format::Text => crate::report::out::to_text(&explanation(card, code, lang)?),
        Format::Markdown => crate::report::out::to_markdown(&explanation(card, code, lang)?),
        #[cfg(feature = "html")]
        Format::Html => crate::report::out::to_html(&explanation(card, code, lang)?),
        other => {
            return Some(Err(crate::error::Error::Output {
                what: format!("{other:?}"),
                cause: "an explanation is written as JSON, text, Markdown or HTML".into(),
            }));
        }
    };
    Some(Ok(Output::Text(text)))
}

/// How an item or area of a scorecard got its points, as a short document
/// ([`crate::report::out`] writes it in any format; [`explain`] is its text). `None` when the
/// code is not in the scorecard.
///
/// ```
/// use par_index::{report::explanation, report::out::to_markdown, Lang};
/// let card = par_index::catalog::sample_scorecard();
/// let doc = explanation(&card, &"3.4.2".parse().unwrap(), Lang::En).unwrap();
/// assert!(to_markdown(&doc).contains("- **Rule:** proportional: 1 × ratio ÷ 50%"));
/// ```
#[must_use]
pub fn explanation(card: &Scorecard, code: &Code, lang: Lang) -> Option<Document> {
    let node = card.find(code)?;
    let d = |x: Decimal| fmt_decimal(x, lang);
    let mut doc = Document::new(format!("{} {}", node.code, node.title.get(lang)), lang);
    doc.compact = true;
    if lang == Lang::Vi
        && let Some(en) = &node.title.en
    {
        doc.meta.push(format!("({en})"));
    }
    let mut head = vec![Fact::new(
        label(Label::Unit, lang),
        format!("{} — {}", card.unit.name, card.period),
    )];
    if let Some(office) = &node.office {
        head.push(Fact::new(label(Label::LeadOffice, lang), office.get(lang)));
    }
    head.push(Fact::new(
        label(Label::Points, lang),
        format!("{} / {}", d(node.points), d(node.max)),
    ));
    doc.blocks.push(Block::Facts(head));
    match &node.trace {
        Some(t) => explain_leaf(&mut doc.blocks, node, t, lang),
        None => explain_group(&mut doc.blocks, node, lang),
    }
    Some(doc)
}

/// How a leaf got its points: source, rule, measure, branch, rounding, evidence, and what
/// would earn more.
fn explain_leaf(
    b: &mut Vec<Block>,
    node: &ScoreNode,
    t: &crate::model::scorecard::Trace,
    lang: Lang,
) {
    let d = |x: Decimal| fmt_decimal(x, lang);
    let fact = |l: Label, v: String| Fact::new(label(l, lang), v);
    let mut facts = Vec::new();
    if let Some(src) = &t.source {
        facts.push(fact(Label::Source, src.to_string()));
    }
    facts.push(fact(Label::Rule, describe_rule(&t.rule, node.max, lang)));
    if let Some(na) = t.na {
        let policy = match na {
            NaPolicy::Full => Label::NaFullPoints,
            NaPolicy::Exclude => Label::NaExcludedFromMax,
        };
        facts.push(fact(
            Label::IfItDoesNotArise,
            label(policy, lang).to_owned(),
        ));
    }
    let measure = match &t.measure {
        Some(m) => describe_measure(m, lang),
        None => label(Label::NoAnswer, lang).to_owned(),
    };
    facts.push(fact(Label::Measure, measure));
    facts.push(fact(
        Label::Branch,
        describe_branch(&t.rule, node.max, &t.branch, lang),
    ));
    facts.push(fact(
        Label::Rounding,
        format!(
            "{} → {} ({})",
            d(t.raw),
            d(t.rounded),
            label(Label::RoundingRule, lang)
        ),
    ));
    if t.flags.unsupported {
        let policy = match t.adjustment {
            Some(a) => crate::report::render::describe_override(a, t.rounded, node.points, lang),
            None => label(Label::KeptForTheAppraiser, lang).to_owned(),
        };
        facts.push(fact(Label::EvidencePolicy, policy));
    }
    if t.flags.explained {
        facts.push(fact(
            Label::EvidencePolicy,
            label(Label::AnExplanationOnlyNoDocument, lang).to_owned(),
        ));
    }
    if t.evidence.is_empty() {
        facts.push(fact(
            Label::Evidence,
            label(Label::NoneWord, lang).to_owned(),
        ));
        b.push(Block::Facts(facts));
    } else {
        facts.push(Fact::new(label(Label::Evidence, lang), Cell::Empty));
        b.push(Block::Facts(facts));
        b.push(Block::List(
            t.evidence
                .iter()
                .map(|e| {
                    let date = match lang {
                        Lang::Vi => e.date.to_vietnamese(),
                        Lang::En => e.date.to_string(),
                    };
                    let mut s = format!(
                        "{} {} {date}, {}: {}",
                        e.number,
                        label(Label::Of, lang),
                        e.issuer,
                        e.title
                    );
                    if let Some(l) = &e.locator {
                        s.push_str(&format!(" ({l})"));
                    }
                    s
                })
                .collect(),
        ));
    }
    if let Some(x) = &t.explanation {
        b.push(Block::Facts(vec![fact(Label::StageExplanation, x.clone())]));
    }
    next_steps(b, node, lang);
}

/// How an area or criterion got its points: its parts, and the points lost below it with
/// how to gain them.
fn explain_group(b: &mut Vec<Block>, node: &ScoreNode, lang: Lang) {
    let d = |x: Decimal| fmt_decimal(x, lang);
    let mut facts = Vec::new();
    if !node.applicable || node.applicable_max < node.max {
        facts.push(Fact::new(
            label(Label::ApplicableMaximum, lang),
            Cell::Points(node.applicable_max),
        ));
    }
    facts.push(Fact::new(label(Label::Parts, lang), Cell::Empty));
    b.push(Block::Facts(facts));
    b.push(Block::Lines(
        node.children
            .iter()
            .map(|c| {
                format!(
                    "{} {}: {} / {}{}",
                    c.code,
                    c.title.get(lang),
                    d(c.points),
                    d(c.max),
                    c.trace
                        .as_ref()
                        .map(|t| format!(" — {}", describe_branch(&t.rule, c.max, &t.branch, lang)))
                        .unwrap_or_default()
                )
            })
            .collect(),
    ));
    let lost: Vec<&ScoreNode> = node
        .leaves()
        .filter(|l| l.applicable && l.points < l.max)
        .collect();
    if lost.is_empty() {
        b.push(Block::Paragraph(
            label(Label::NoPointsLost, lang).to_owned(),
        ));
        return;
    }
    b.push(Block::Facts(vec![Fact::new(
        label(Label::PointsLostAndHowTo, lang),
        Cell::Empty,
    )]));
    let mut lines = Vec::new();
    for l in lost {
        let gap = l.max.checked_sub(l.points).unwrap_or_default();
        lines.push(format!("{} −{}", l.code, d(gap)));
        for i in improvements(l) {
            lines.push(format!("  - {}", describe_improvement(&i, lang)));
        }
    }
    b.push(Block::Lines(lines));
}

/// What would earn more, or why nothing would.
fn next_steps(b: &mut Vec<Block>, node: &ScoreNode, lang: Lang) {
    let steps = improvements(node);
    if steps.is_empty() {
        let msg = if node.points >= node.max {
            label(Label::AtItsMaximum, lang)
        } else {
            label(Label::NoneWord, lang)
        };
        b.push(Block::Facts(vec![Fact::new(
            label(Label::ToEarnMore, lang),
            msg,
        )]));
        return;
    }
    b.push(Block::Facts(vec![Fact::new(
        label(Label::ToEarnMore, lang),
        Cell::Empty,
    )]));
    b.push(Block::List(
        steps
            .iter()
            .map(|i| describe_improvement(i, lang))
            .collect(),
    ));
}
