//! The report of a staged scoring: the stages, then the appraisal minute.

use crate::engine::stages::StageCard;
use crate::model::text::Lang;
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
    let vi = lang == Lang::Vi;
    let mut o = String::new();
    if let Some(first) = cards.first() {
        o.push_str(&format!(
            "{}: {} ({})\n\n",
            if vi { "Đơn vị" } else { "Unit" },
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
        let head = if vi {
            [
                "Giai đoạn",
                "Người thực hiện",
                "Ngày",
                "Tổng điểm",
                "Chỉ số",
                "Xếp loại",
            ]
        } else {
            ["Stage", "By", "Date", "Total", "Index", "Band"]
        };
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
        o.push_str(&crate::analysis::diff::diff(&a.card, &b.card).to_markdown(
            &stage_label(&a.stage, lang),
            &stage_label(&b.stage, lang),
            lang,
        ));
    }
    o
}
