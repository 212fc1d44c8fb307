//! The report of a staged scoring: the stages, then the appraisal minute (text and
//! Markdown); as a document for the printable page.

use crate::engine::stages::StageCard;
use crate::model::text::Lang;
use crate::report::document::{Bar, Bars, Block, Cell, Column, Document, Fact, Row, Table, Tone};
use crate::report::labels::{Label, label};
use crate::report::out::markdown::md_cell;
use crate::report::out::text::{pad, width};
use crate::report::output::Format;
use crate::report::render::stage_label;

/// The report of a staged scoring (`par-index appraise`): one line per stage (who, when,
/// total, index, band) as text or a Markdown table, then the appraisal minute from the
/// self-assessment to the last stage; or every stage's scorecard as a JSON array.
///
/// ```
/// use par_index::{catalog, report::render_stages, appraisal::score_stages, report::Format, Lang, Stage, Submission};
/// let sub = Submission::from_file("examples/data/district/NG-05.json").unwrap();
/// let stage = Stage::from_file("examples/data/district/appraisals/NG-05.final.json").unwrap();
/// let cards = score_stages(catalog::default_methodology(), &sub, &[stage], None).unwrap();
/// let report = render_stages(&cards, Format::Markdown, Lang::Vi);
/// assert!(report.starts_with("Đơn vị: "));
/// assert!(report.contains("| Giai đoạn |"));
/// ```
#[must_use]
pub fn render_stages(cards: &[StageCard], format: Format, lang: Lang) -> String {
    if format == Format::Json {
        let all: Vec<&crate::Scorecard> = cards.iter().map(|c| &c.card).collect();
        let mut s = serde_json::to_string_pretty(&all).unwrap_or_default();
        s.push('\n');
        return s;
    }
    let mut o = String::new();
    if let Some(first) = cards.first() {
        o.push_str(&format!(
            "{}: {} ({})\n\n",
            label(Label::Unit, lang),
            first.card.unit.name,
            first.card.unit.code
        ));
    }
    let rows: Vec<[String; 6]> = cards
        .iter()
        .map(|c| {
            [
                stage_label(&c.stage, lang),
                c.by.clone(),
                c.date.map(|d| d.to_string()).unwrap_or_default(),
                crate::report::describe::fmt_decimal(c.card.total, lang),
                format!(
                    "{}%",
                    crate::report::describe::fmt_decimal(c.card.index, lang)
                ),
                c.card.band.label.get(lang).to_owned(),
            ]
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r.get(i).map_or(0, |x| width(x)))
            .max()
            .unwrap_or(0)
    };
    if format == Format::Markdown {
        let head = [
            Label::Phase,
            Label::DoneBy,
            Label::Date,
            Label::TotalPoints,
            Label::IndexShort,
            Label::Band,
        ]
        .map(|l| label(l, lang));
        o.push_str(&format!(
            "| {} |\n|---|---|---|---:|---:|---|\n",
            head.join(" | ")
        ));
        for r in &rows {
            let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
            o.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        return with_minute(o, cards, lang);
    }
    let w: Vec<usize> = (0..6).map(width).collect();
    for r in &rows {
        let pad = |i: usize, right: bool| {
            let x = r.get(i).map(String::as_str).unwrap_or_default();
            pad(x, w.get(i).copied().unwrap_or(0), right)
        };
        let line = format!(
            "{}  {}  {}  {}  {}  {}",
            pad(0, false),
            pad(1, false),
            pad(2, false),
            pad(3, true),
            pad(4, true),
            pad(5, false)
        );
        o.push_str(line.trim_end());
        o.push('\n');
    }
    with_minute(o, cards, lang)
}

/// The report followed by the appraisal minute from the self-assessment to the last stage.
fn with_minute(mut o: String, cards: &[StageCard], lang: Lang) -> String {
    if let (Some(a), Some(b)) = (cards.first(), cards.last())
        && cards.len() > 1
    {
        o.push('\n');
        let diff = crate::analysis::diff::diff(&a.card, &b.card);
        let (from, to) = (stage_label(&a.stage, lang), stage_label(&b.stage, lang));
        o.push_str(&crate::report::out::to_markdown(
            &diff.to_document(&from, &to, lang),
        ));
    }
    o
}

/// The appraisal of one unit as a document: the index after the appraisal, each stage's
/// total, index and band (as bars and a table), what changed from the first stage to the
/// last, then the last stage's scorecard from a new page. The printable page
/// is its HTML ([`crate::report::out::to_html`]), the workbook its Excel.
///
/// ```
/// use par_index::{catalog, Lang};
/// let m = catalog::default_methodology();
/// let stages = par_index::appraisal::score_stages(m, &catalog::sample_submission(), &[], None).unwrap();
/// let doc = par_index::report::stages_document(&stages, Lang::Vi);
/// assert!(doc.title.starts_with("Kết quả thẩm định — Xã Đồng Tâm"));
/// ```
#[must_use]
pub fn stages_document(cards: &[StageCard], lang: Lang) -> Document {
    let w = |l| label(l, lang);
    let Some(last) = cards.last() else {
        return Document::new(w(Label::AppraisalTitle), lang);
    };
    let unit = &last.card.unit;
    let mut doc = Document::new(
        format!(
            "{} — {} ({})",
            w(Label::AppraisalTitle),
            unit.name,
            unit.code
        ),
        lang,
    );
    doc.blocks.push(Block::Headline(vec![
        Fact::new(
            w(Label::IndexAfterAppraisal),
            Cell::Percent(last.card.index),
        )
        .id("index"),
        Fact::new(w(Label::Band), last.card.band.label.get(lang)),
    ]));
    doc.blocks
        .push(Block::Section(w(Label::StagesHeading).to_owned()));
    doc.blocks.push(Block::Bars(Bars {
        title: w(Label::IndexByStage).to_owned(),
        show_max: false,
        bars: cards
            .iter()
            .map(|c| Bar {
                label: stage_label(&c.stage, lang),
                value: c.card.index,
                max: rust_decimal::Decimal::ONE_HUNDRED,
                tone: Tone::Neutral,
                text: None,
            })
            .collect(),
    }));
    let mut t = Table::new(
        w(Label::StagesHeading),
        vec![
            Column::text(w(Label::Stage), 20),
            Column::text(w(Label::By), 30),
            Column::text(w(Label::Date), 12),
            Column::points(w(Label::TotalPoints)),
            Column::points(w(Label::IndexShort)),
            Column::text(w(Label::Band), 14),
        ],
    );
    for c in cards {
        t.rows.push(Row::new(vec![
            Cell::Text(stage_label(&c.stage, lang)),
            Cell::text(c.by.as_str()),
            Cell::Text(c.date.map(|x| x.to_vietnamese()).unwrap_or_default()),
            Cell::Points(c.card.total),
            Cell::Percent(c.card.index),
            Cell::text(c.card.band.label.get(lang)),
        ]));
    }
    doc.blocks.push(Block::Table(t));
    if let Some(first) = cards.first() {
        let diff = crate::analysis::diff::diff(&first.card, &last.card);
        doc.blocks.push(Block::Section(format!(
            "{}: {} → {}",
            w(Label::ChangesSheet),
            stage_label(&first.stage, lang),
            stage_label(&last.stage, lang)
        )));
        let mut changed = Table::new(
            w(Label::ChangesSheet),
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Criterion), 44),
                Column::points(w(Label::Before)),
                Column::points(w(Label::After)),
                Column::points(w(Label::Change)),
                Column::text(w(Label::Reason), 40),
            ],
        );
        for r in diff.rows.iter().filter(|r| r.leaf) {
            changed.rows.push(Row::new(vec![
                Cell::Text(r.code.as_ref().map(ToString::to_string).unwrap_or_default()),
                Cell::text(r.title.as_ref().map_or("", |t| t.get(lang))),
                Cell::Points(r.from),
                Cell::Points(r.to),
                Cell::Change(r.change),
                Cell::text(
                    r.appraisal
                        .as_ref()
                        .and_then(|a| a.reason.as_deref())
                        .unwrap_or(""),
                ),
            ]));
        }
        doc.blocks.push(Block::Table(changed));
    }
    // The last stage's scorecard follows from a new page, under its own heading.
    let card = last.card.to_document(lang);
    doc.blocks.push(Block::PageBreak);
    doc.blocks.push(Block::Section(card.title));
    doc.blocks.push(Block::Lines(card.meta));
    // One figure per page carries a name: the appraisal's index, not the scorecard's.
    doc.blocks.extend(card.blocks.into_iter().map(unnamed));
    doc
}

/// A block whose figures carry no name.
fn unnamed(b: Block) -> Block {
    match b {
        Block::Headline(facts) => {
            Block::Headline(facts.into_iter().map(|f| Fact { id: None, ..f }).collect())
        }
        Block::Facts(facts) => {
            Block::Facts(facts.into_iter().map(|f| Fact { id: None, ..f }).collect())
        }
        Block::Only(media, inner) => Block::Only(media, Box::new(unnamed(*inner))),
        other => other,
    }
}
