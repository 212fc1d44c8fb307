//! The HTML renderer: any [`Document`] as one self-contained printable page (inline CSS and
//! SVG, no script, nothing fetched), an A4 print stylesheet with page breaks and table
//! headers repeated on every page; and the pieces every HTML report is drawn with.
//!
//! The charts are hand-written SVG: bars and a grid, whose labels the browser lays out in
//! the page's own font (Vietnamese text stays text, selectable and searchable). A charting
//! crate's SVG backend would need a font library to measure text, and the output would then
//! depend on the fonts installed; these charts need no measuring. Sizes are computed in
//! decimals, like every number of the crate.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::model::text::Lang;
use crate::report::document::{Block, Cell, Document, Kind, Medium, Tone};
use crate::report::labels::{Label, label};

/// A document as a printable HTML page.
///
/// ```
/// use par_index::report::document::{Block, Document, Fact};
/// use par_index::report::out::to_html;
/// let mut doc = Document::new("Gaps", par_index::Lang::En);
/// doc.blocks.push(Block::Headline(vec![Fact::new("Index", "95.29%").id("index")]));
/// let html = to_html(&doc);
/// assert!(html.starts_with("<!DOCTYPE html>") && html.contains("id=\"index\">95.29%<"));
/// ```
#[must_use]
pub fn to_html(doc: &Document) -> String {
    let lang = doc.lang;
    let mut b = format!("<h1>{}</h1>\n", esc(&doc.title));
    for m in &doc.meta {
        let _ = writeln!(b, "<p class=\"meta\">{}</p>", esc(m));
    }
    let mut next_page = false;
    for block in doc.blocks.iter().filter_map(|x| x.for_medium(Medium::Html)) {
        match block {
            Block::Section(s) => heading(&mut b, 2, s, std::mem::take(&mut next_page)),
            Block::Heading(level, s) => {
                heading(&mut b, *level, s, std::mem::take(&mut next_page));
            }
            Block::Legend(swatches) => b.push_str(&legend(swatches)),
            Block::HeatMap(h) => b.push_str(&heat_map(h, lang)),
            Block::Headline(facts) => {
                b.push_str("<div class=\"cards\">");
                for f in facts {
                    let _ = write!(
                        b,
                        "<div><div class=\"meta\">{}</div><div class=\"big\"{}>{}</div></div>",
                        esc(&f.label),
                        id(f.id),
                        cell(&f.value, lang)
                    );
                }
                b.push_str("</div>\n");
            }
            Block::Facts(facts) => {
                b.push_str("<table class=\"facts\">\n<tbody>\n");
                for f in facts {
                    let n = if matches!(f.value, Cell::Text(_)) {
                        ""
                    } else {
                        " class=\"n\""
                    };
                    let _ = writeln!(
                        b,
                        "<tr><th>{}</th><td{n}{}>{}</td></tr>",
                        esc(&f.label),
                        id(f.id),
                        cell(&f.value, lang)
                    );
                }
                b.push_str("</tbody>\n</table>\n");
            }
            Block::Table(t) => {
                let head: Vec<(&str, bool)> = t
                    .columns
                    .iter()
                    .map(|c| (c.head.as_str(), c.kind == Kind::Number))
                    .collect();
                let rows: Vec<(bool, Vec<String>)> = t
                    .rows
                    .iter()
                    .map(|r| (r.emphasis, r.cells.iter().map(|c| cell(c, lang)).collect()))
                    .collect();
                b.push_str(&table(&head, &rows));
            }
            Block::Bars(chart) => {
                let rows: Vec<Bar> = chart
                    .bars
                    .iter()
                    .map(|x| {
                        let value = if chart.show_max {
                            Cell::Of(x.value, x.max).shown(lang)
                        } else {
                            Cell::Points(x.value).shown(lang)
                        };
                        Bar {
                            label: x.label.clone(),
                            value: x.value,
                            max: x.max,
                            colour: colour(x.tone),
                            shown: x.text.clone().unwrap_or(value),
                        }
                    })
                    .collect();
                b.push_str(&bars(&chart.title, &rows));
            }
            Block::Paragraph(s) => {
                let _ = writeln!(b, "<p>{}</p>", esc(s));
            }
            Block::List(items) => {
                b.push_str("<ul>\n");
                for i in items {
                    let _ = writeln!(b, "<li>{}</li>", esc(i));
                }
                b.push_str("</ul>\n");
            }
            Block::Lines(lines) => {
                let shown: Vec<String> = lines.iter().map(|l| esc(l)).collect();
                let _ = writeln!(b, "<p>{}</p>", shown.join("<br>"));
            }
            Block::Note(s) => {
                let _ = writeln!(b, "<p class=\"meta\">{}</p>", esc(s));
            }
            Block::PageBreak => next_page = true,
            Block::Only(..) => {}
        }
    }
    page(&doc.title, lang, &b)
}

/// A heading at `level` (1 to 6), starting a new printed page when `new_page`.
fn heading(b: &mut String, level: u8, text: &str, new_page: bool) {
    let level = level.clamp(1, 6);
    let class = if new_page { " class=\"page\"" } else { "" };
    let _ = writeln!(b, "<h{level}{class}>{}</h{level}>", esc(text));
}

/// The colour of a tone.
fn colour(tone: Tone) -> &'static str {
    match tone {
        Tone::Loss => "#c62828",
        Tone::Gain => "#2e7d32",
        Tone::Neutral => "#3f6fb5",
        Tone::Muted => "#9e9e9e",
        Tone::Band { place, of } => band_colour(place, of),
        Tone::Share(pct) => heat_colour(pct),
    }
}

/// A legend: a square of each colour and what it means.
fn legend(swatches: &[crate::report::document::Swatch]) -> String {
    let mut o = String::from("<p class=\"legend\">");
    for s in swatches {
        let _ = write!(
            o,
            "<span><i style=\"background:{}\"></i>{}</span>",
            colour(s.tone),
            esc(&s.label)
        );
    }
    o.push_str("</p>\n");
    o
}

/// Rows against columns as SVG, each cell coloured by its share of its max, with the legend
/// of the shares.
fn heat_map(h: &crate::report::document::HeatMap, lang: Lang) -> String {
    const NAME: i64 = 220;
    const CELL_W: i64 = 62;
    const CELL_H: i64 = 20;
    let at = |n: usize, size: i64| i64::try_from(n).unwrap_or(0).saturating_mul(size);
    let width = NAME
        .saturating_add(at(h.columns.len(), CELL_W))
        .saturating_add(4);
    let height = at(h.rows.len().saturating_add(1), CELL_H).saturating_add(4);
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">\n",
        esc(&h.title)
    );
    for (j, c) in h.columns.iter().enumerate() {
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"14\" text-anchor=\"middle\"><title>{}</title>{}</text>",
            NAME.saturating_add(at(j, CELL_W))
                .saturating_add(CELL_W / 2),
            esc(&c.title),
            esc(&c.code)
        );
    }
    for (i, r) in h.rows.iter().enumerate() {
        let y = at(i.saturating_add(1), CELL_H);
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            NAME.saturating_sub(6),
            y.saturating_add(14),
            esc(&r.label)
        );
        for (j, (value, max)) in r.cells.iter().enumerate() {
            let x = NAME.saturating_add(at(j, CELL_W));
            let _ = writeln!(
                o,
                "<rect x=\"{x}\" y=\"{}\" width=\"{CELL_W}\" height=\"{}\" fill=\"{}\" stroke=\"#fff\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                y.saturating_add(2),
                CELL_H.saturating_sub(2),
                heat_colour(percent(*value, *max)),
                x.saturating_add(CELL_W / 2),
                y.saturating_add(15),
                esc(&Cell::Points(*value).shown(lang))
            );
        }
    }
    o.push_str("</svg>\n");
    let shares: Vec<crate::report::document::Swatch> = [
        (90, "≥ 90%"),
        (80, "80–90%"),
        (65, "65–80%"),
        (50, "50–65%"),
        (0, "< 50%"),
    ]
    .into_iter()
    .map(|(n, label)| crate::report::document::Swatch {
        label: label.to_owned(),
        tone: Tone::Share(Decimal::from(n)),
    })
    .collect();
    o.push_str(&legend(&shares));
    o
}

/// An `id` attribute, when the value is named.
fn id(name: Option<&str>) -> String {
    name.map(|i| format!(" id=\"{}\"", esc(i)))
        .unwrap_or_default()
}

/// A cell, escaped, its line breaks kept.
fn cell(c: &Cell, lang: Lang) -> String {
    match c {
        Cell::Strong(inner) => format!("<b>{}</b>", cell(inner, lang)),
        Cell::Change(x) | Cell::Signed(x) if !x.is_zero() => format!(
            "<b style=\"color:{}\">{}</b>",
            colour(if x.is_sign_positive() {
                Tone::Gain
            } else {
                Tone::Loss
            }),
            esc(&c.shown(lang))
        ),
        Cell::Band { label, place, of } => format!(
            "<span class=\"band\" style=\"background:{};color:#fff\">{}</span>",
            band_colour(*place, *of),
            esc(label)
        ),
        other => esc(&other.shown(lang)).replace('\n', "<br>"),
    }
}

/// HTML-escaped text.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {
                let _ = write!(o, "\\u{{{:04x}}}", u32::from(c));
            }
            c => o.push(c),
        }
    }
    o
}

pub(crate) const CSS: &str = r#"
:root { --ink: #1f2937; --muted: #6b7280; --line: #d1d5db; --head: #e5eaf5; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 24px; font-size: 13px; line-height: 1.4; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 22px 0 8px; border-bottom: 2px solid var(--head); padding-bottom: 2px; }
h3, h4 { font-size: 14px; margin: 16px 0 6px; }
.meta { color: var(--muted); margin: 2px 0; }
.big { font-size: 28px; font-weight: 700; } .band { display: inline-block; padding: 2px 10px; border-radius: 10px; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: var(--head); } table.facts { width: auto; min-width: 50%; } table.facts th { font-weight: 600; } td.n, th.n { text-align: right; white-space: nowrap; }
tr.group td { font-weight: 700; background: #f3f4f6; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.cards { display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; margin: 10px 0; }
svg { display: block; max-width: 100%; height: auto; margin: 6px 0 12px; }
svg text { font-family: inherit; font-size: 11px; fill: var(--ink); }
.legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -2px; }
.page { break-before: page; }
footer { color: var(--muted); margin-top: 18px; font-size: 11px; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } h2, h3, h4 { break-after: avoid; } svg { break-inside: avoid; } }
"#;

pub(crate) fn page(title: &str, lang: Lang, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"par-index {}\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}<footer>par-index {} · {}</footer>\n</body>\n</html>\n",
        if lang == Lang::Vi { "vi" } else { "en" },
        env!("CARGO_PKG_VERSION"),
        esc(title),
        env!("CARGO_PKG_VERSION"),
        label(Label::PageFooter, lang)
    )
}

/// Colours of bands by place, best first: green to red.
pub(crate) fn band_colour(place: usize, bands: usize) -> &'static str {
    const SCALE: [&str; 5] = ["#2e7d32", "#7cb342", "#f9a825", "#ef6c00", "#c62828"];
    let last = bands.saturating_sub(1).max(1);
    let i = place
        .saturating_mul(SCALE.len().saturating_sub(1))
        .checked_div(last)
        .unwrap_or(0);
    SCALE.get(i).copied().unwrap_or("#9e9e9e")
}

/// The colour of a cell of the heat map by its share of the max, in percent.
pub(crate) fn heat_colour(pct: Decimal) -> &'static str {
    let at = |n: i64| pct >= Decimal::from(n);
    if at(90) {
        "#c8e6c9"
    } else if at(80) {
        "#e6ee9c"
    } else if at(65) {
        "#fff59d"
    } else if at(50) {
        "#ffcc80"
    } else {
        "#ef9a9a"
    }
}

/// `part / whole × scale`, to one decimal place (0 when `whole` is 0).
pub(crate) fn scaled(part: Decimal, whole: Decimal, scale: i64) -> Decimal {
    part.max(Decimal::ZERO)
        .checked_mul(Decimal::from(scale))
        .and_then(|x| x.checked_div(whole))
        .unwrap_or(Decimal::ZERO)
        .min(Decimal::from(scale))
        .round_dp(1)
        .normalize()
}

pub(crate) fn percent(part: Decimal, whole: Decimal) -> Decimal {
    scaled(part, whole, 100)
}

/// One bar of a horizontal bar chart.
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: Decimal,
    pub(crate) max: Decimal,
    pub(crate) colour: &'static str,
    /// What is written after the bar.
    pub(crate) shown: String,
}

/// A horizontal bar chart: a label, a bar of `value` against a track of `max`, the value.
pub(crate) fn bars(title: &str, rows: &[Bar]) -> String {
    const LABEL: i64 = 300;
    const TRACK: i64 = 420;
    const ROW: i64 = 22;
    let count = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    let height = count.saturating_mul(ROW).saturating_add(12);
    // Room after the track for the longest value written there (about 7 units a character
    // at the charts' 11px), so that no value is cut at the chart's edge.
    let longest = rows
        .iter()
        .map(|b| b.shown.chars().count())
        .max()
        .unwrap_or(0);
    let after = i64::try_from(longest)
        .unwrap_or(i64::MAX)
        .saturating_mul(7)
        .saturating_add(16)
        .max(110);
    let width = LABEL.saturating_add(TRACK).saturating_add(after);
    let top = rows.iter().map(|b| b.max).max().unwrap_or(Decimal::ONE);
    let mut o = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">\n",
        esc(title)
    );
    for (i, b) in rows.iter().enumerate() {
        let y = i64::try_from(i)
            .unwrap_or(0)
            .saturating_mul(ROW)
            .saturating_add(6);
        let track = scaled(b.max, top, TRACK);
        let bar = scaled(b.value, top, TRACK);
        let ty = y.saturating_add(14);
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{ty}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL}\" y=\"{}\" width=\"{track}\" height=\"14\" fill=\"#eceff1\"/><rect x=\"{LABEL}\" y=\"{}\" width=\"{bar}\" height=\"14\" fill=\"{}\"/><text x=\"{}\" y=\"{ty}\">{}</text>",
            LABEL.saturating_sub(6),
            esc(&b.label),
            y.saturating_add(3),
            y.saturating_add(3),
            b.colour,
            Decimal::from(LABEL)
                .checked_add(track)
                .unwrap_or_default()
                .saturating_add(Decimal::from(6)),
            esc(&b.shown)
        );
    }
    o.push_str("</svg>\n");
    o
}

/// A table: head cells (`n` marks numeric columns) and rows of already-escaped cells.
pub(crate) fn table(head: &[(&str, bool)], rows: &[(bool, Vec<String>)]) -> String {
    let mut o = String::from("<table>\n<thead><tr>");
    for (h, n) in head {
        let _ = write!(
            o,
            "<th{}>{}</th>",
            if *n { " class=\"n\"" } else { "" },
            esc(h)
        );
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for (group, cells) in rows {
        o.push_str(if *group {
            "<tr class=\"group\">"
        } else {
            "<tr>"
        });
        for (c, (_, n)) in cells.iter().zip(head) {
            let _ = write!(o, "<td{}>{c}</td>", if *n { " class=\"n\"" } else { "" });
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
    o
}
