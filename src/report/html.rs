//! Printable reports (`--format html`): one self-contained file per report (inline CSS and
//! SVG, no script, nothing fetched), Vietnamese by default, an A4 print stylesheet with page
//! breaks and table headers repeated on every page.
//!
//! The charts are hand-written SVG: bars and a grid, whose labels the browser lays out in
//! the page's own font (Vietnamese text stays text, selectable and searchable). A charting
//! crate's SVG backend would need a font library to measure text, and the output would then
//! depend on the fonts installed; these charts need no measuring. Sizes are computed in
//! decimals, like every number of the crate.

use crate::report::labels::{Label, label};
use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::analysis::rank::Ranking;
use crate::engine::stages::StageCard;
use crate::model::scorecard::Scorecard;
use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;
use crate::report::out::html::{Bar, band_colour, bars, esc, heat_colour, page, percent, table};

fn d(x: Decimal, lang: Lang) -> String {
    fmt_decimal(x, lang)
}

impl Scorecard {
    /// The scorecard as a printable HTML report: its document ([`Scorecard::to_document`])
    /// as a page: the index, band and total large, each area's points as bars and a table,
    /// the parts of the total, the points lost and why, what the appraiser should look at,
    /// and every item with its evidence from a new page.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let html = card.to_html(par_index::Lang::Vi);
    /// assert!(html.starts_with("<!DOCTYPE html>"));
    /// assert!(html.contains("Xã Đồng Tâm") && html.contains("<svg"));
    /// assert!(!html.contains("<script") && !html.contains("<link")); // self-contained
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        crate::report::out::to_html(&self.to_document(lang))
    }
}

impl Ranking {
    /// The ranking as a printable HTML report: the units' indices as bars coloured by band,
    /// the count per band, an area-by-unit heat map (each area's points as a share of its
    /// max), the ranking table and the statistics.
    ///
    /// ```
    /// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// let r = par_index::batch::rank_batch(&batch, par_index::catalog::default_methodology());
    /// let html = r.to_html(par_index::Lang::Vi);
    /// assert!(html.contains("Xã Đồng Tâm") && html.matches("<svg").count() == 3);
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        let title = format!(
            "{} ({})",
            label(Label::PARIndexRanking, lang),
            self.methodology
        );
        page(&title, lang, &self.html_body(&title, "", lang))
    }

    /// The ranking's part of a page under the heading `title` (`class` for the heading:
    /// `page` starts it on a new printed page).
    fn html_body(&self, title: &str, class: &str, lang: Lang) -> String {
        let mut b = format!(
            "<h1{}>{}</h1>\n<p class=\"meta\">{} {}</p>\n",
            if class.is_empty() {
                String::new()
            } else {
                format!(" class=\"{class}\"")
            },
            esc(title),
            self.rows.len(),
            label(Label::Units, lang)
        );
        let colour = |label: &crate::Text| {
            let place = self
                .bands
                .iter()
                .position(|x| &x.label == label)
                .unwrap_or(0);
            band_colour(place, self.bands.len())
        };
        let _ = writeln!(b, "<h2>{}</h2>", label(Label::IndexByUnit, lang));
        let mut legend = String::from("<p class=\"legend\">");
        for band in &self.bands {
            let _ = write!(
                legend,
                "<span><i style=\"background:{}\"></i>{} (≥ {})</span>",
                colour(&band.label),
                esc(band.label.get(lang)),
                d(band.min, lang)
            );
        }
        legend.push_str("</p>\n");
        b.push_str(&legend);
        let rows: Vec<Bar> = self
            .rows
            .iter()
            .map(|r| Bar {
                label: format!(
                    "{}{} {}",
                    r.rank,
                    if r.tied { "=" } else { "" },
                    r.unit.name
                ),
                value: r.index,
                max: Decimal::ONE_HUNDRED,
                colour: colour(&r.band),
                shown: format!("{} · {}", d(r.index, lang), r.band.get(lang)),
            })
            .collect();
        b.push_str(&bars(label(Label::IndexByUnit, lang), &rows));
        let _ = writeln!(b, "<h2>{}</h2>", label(Label::UnitsPerBand, lang));
        let total = Decimal::from(self.rows.len().max(1));
        let rows: Vec<Bar> = self
            .bands
            .iter()
            .map(|x| Bar {
                label: x.label.get(lang).to_owned(),
                value: Decimal::from(x.count),
                max: total,
                colour: colour(&x.label),
                shown: x.count.to_string(),
            })
            .collect();
        b.push_str(&bars(label(Label::UnitsPerBand, lang), &rows));
        let _ = writeln!(
            b,
            "<h2 class=\"page\">{}</h2>",
            label(Label::HeatMapEachAreaS, lang)
        );
        b.push_str(&self.heat_map(lang));
        let _ = writeln!(b, "<h2 class=\"page\">{}</h2>", label(Label::Ranking, lang));
        let mut head: Vec<(String, bool)> = vec![
            (label(Label::Rank, lang).into(), true),
            (label(Label::Unit, lang).into(), false),
            (label(Label::IndexShort, lang).into(), true),
            (label(Label::TotalPoints, lang).into(), true),
            (label(Label::Band, lang).into(), false),
        ];
        head.extend(self.areas.iter().map(|a| (a.code.to_string(), true)));
        let head_ref: Vec<(&str, bool)> = head.iter().map(|(h, n)| (h.as_str(), *n)).collect();
        let rows: Vec<(bool, Vec<String>)> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    format!("{}{}", r.rank, if r.tied { "=" } else { "" }),
                    format!("{} ({})", esc(&r.unit.name), esc(&r.unit.code)),
                    d(r.index, lang),
                    d(r.total, lang),
                    format!(
                        "<span class=\"band\" style=\"background:{};color:#fff\">{}</span>",
                        colour(&r.band),
                        esc(r.band.get(lang))
                    ),
                ];
                cells.extend(r.areas.iter().map(|a| {
                    format!(
                        "{} ({}{})",
                        d(a.points, lang),
                        a.rank,
                        if a.tied { "=" } else { "" }
                    )
                }));
                (false, cells)
            })
            .collect();
        b.push_str(&table(&head_ref, &rows));
        if let Some(st) = &self.index {
            let _ = writeln!(
                b,
                "<p class=\"meta\">{}: {} {} · {} {} · {} {} · {} {}</p>",
                label(Label::IndexShort, lang),
                label(Label::MeanLower, lang),
                d(st.mean, lang),
                label(Label::MedianLower, lang),
                d(st.median, lang),
                label(Label::Lowest, lang),
                d(st.min, lang),
                label(Label::Highest, lang),
                d(st.max, lang)
            );
        }
        b
    }

    /// Units down, areas across: each cell an area's points as a share of its max.
    fn heat_map(&self, lang: Lang) -> String {
        const NAME: i64 = 220;
        const CELL_W: i64 = 62;
        const CELL_H: i64 = 20;
        let cols = i64::try_from(self.areas.len()).unwrap_or(0);
        let rows = i64::try_from(self.rows.len()).unwrap_or(0);
        let width = NAME
            .saturating_add(cols.saturating_mul(CELL_W))
            .saturating_add(4);
        let height = rows
            .saturating_add(1)
            .saturating_mul(CELL_H)
            .saturating_add(4);
        let mut o = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">\n",
            label(Label::HeatMap, lang)
        );
        for (j, a) in self.areas.iter().enumerate() {
            let x = NAME.saturating_add(i64::try_from(j).unwrap_or(0).saturating_mul(CELL_W));
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"14\" text-anchor=\"middle\"><title>{}</title>{}</text>",
                x.saturating_add(CELL_W / 2),
                esc(a.title.get(lang)),
                esc(&a.code.to_string())
            );
        }
        for (i, r) in self.rows.iter().enumerate() {
            let y = i64::try_from(i)
                .unwrap_or(0)
                .saturating_add(1)
                .saturating_mul(CELL_H);
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                NAME.saturating_sub(6),
                y.saturating_add(14),
                esc(&r.unit.name)
            );
            for (j, (cell, area)) in r.areas.iter().zip(&self.areas).enumerate() {
                let x = NAME.saturating_add(i64::try_from(j).unwrap_or(0).saturating_mul(CELL_W));
                let pct = percent(cell.points, area.max);
                let _ = writeln!(
                    o,
                    "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#fff\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    y.saturating_add(2),
                    CELL_W,
                    CELL_H.saturating_sub(2),
                    heat_colour(pct),
                    x.saturating_add(CELL_W / 2),
                    y.saturating_add(15),
                    d(cell.points, lang)
                );
            }
        }
        o.push_str("</svg>\n");
        let mut legend = String::from("<p class=\"legend\">");
        for (n, label) in [
            (90, "≥ 90%"),
            (80, "80–90%"),
            (65, "65–80%"),
            (50, "50–65%"),
            (0, "< 50%"),
        ] {
            let _ = write!(
                legend,
                "<span><i style=\"background:{}\"></i>{label}</span>",
                heat_colour(Decimal::from(n))
            );
        }
        legend.push_str("</p>\n");
        o.push_str(&legend);
        o
    }
}

impl crate::analysis::rank::BlockRanking {
    /// The ranking by roster as a printable HTML report: each block's ranking (bars by band,
    /// band counts, heat map, table, statistics) from a new page under the block's name, then
    /// the whole list, the roster's units with no result and the units not on the roster.
    ///
    /// ```
    /// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, Lang, Roster};
    /// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,Khối xã\nNG-99,Xã Khác,xa,Khối xã\n", None).unwrap();
    /// let b = rank_by_roster(&rank(&[catalog::sample_scorecard()]), &roster, false);
    /// let html = b.to_html(Lang::Vi);
    /// assert!(html.contains("<h1 class=\"page\">Khối xã</h1>"));
    /// assert!(html.contains("Xã Khác (NG-99)"));
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        let title = self.title(lang);
        let mut b = format!("<h1>{}</h1>\n<ul>\n", esc(&title));
        for k in &self.blocks {
            let _ = writeln!(
                b,
                "<li>{}: {} {}</li>",
                esc(&k.block.name),
                k.ranking.rows.len(),
                label(Label::Units, lang)
            );
        }
        b.push_str("</ul>\n");
        let list = |b: &mut String, heading: &str, units: Vec<(&str, &str)>| {
            if units.is_empty() {
                return;
            }
            let _ = writeln!(b, "<h2>{} ({})</h2>\n<ul>", esc(heading), units.len());
            for (name, code) in units {
                let _ = writeln!(b, "<li>{} ({})</li>", esc(name), esc(code));
            }
            b.push_str("</ul>\n");
        };
        list(
            &mut b,
            label(Label::UnitsOnTheRosterWith, lang),
            self.missing
                .iter()
                .map(|u| (u.name.as_str(), u.code.as_str()))
                .collect(),
        );
        list(
            &mut b,
            label(
                if self.unlisted_included {
                    Label::UnlistedRanked
                } else {
                    Label::UnlistedNotRanked
                },
                lang,
            ),
            self.unlisted
                .iter()
                .map(|u| (u.name.as_str(), u.code.as_str()))
                .collect(),
        );
        for k in &self.blocks {
            b.push_str(&k.ranking.html_body(&k.block.name, "page", lang));
        }
        let whole = self
            .whole
            .html_body(label(Label::AllUnits, lang), "page", lang);
        match (self.mixed_note(lang), whole.split_once("</p>\n")) {
            // Under the whole list's heading and count.
            (Some(note), Some((head, rest))) => {
                let _ = write!(b, "{head}</p>\n<p>{}</p>\n{rest}", esc(&note));
            }
            _ => b.push_str(&whole),
        }
        page(&title, lang, &b)
    }
}

/// The appraisal of one unit as a printable HTML report: each stage's total, index and band
/// as a table and its index as bars, what changed from the self-assessment to the last
/// stage, and the last stage's scorecard.
///
/// ```
/// use par_index::{catalog, Lang};
/// let m = catalog::default_methodology();
/// let stages = par_index::appraisal::score_stages(m, &catalog::sample_submission(), &[], None).unwrap();
/// let html = par_index::report::render_stages_html(&stages, Lang::Vi);
/// assert!(html.contains("Tự chấm") && html.contains("Xã Đồng Tâm"));
/// ```
#[must_use]
pub fn render_stages_html(cards: &[StageCard], lang: Lang) -> String {
    crate::report::out::to_html(&crate::report::stages::stages_document(cards, lang))
}

use crate::report::compare::{merged_from, moved_areas, num, signed};

/// The colour of a change: green up, red down, grey level or unknown.
fn change_colour(x: Option<Decimal>) -> &'static str {
    match x {
        Some(x) if x > Decimal::ZERO => "#2e7d32",
        Some(x) if x < Decimal::ZERO => "#c62828",
        _ => "#9e9e9e",
    }
}

impl crate::analysis::compare::Comparison {
    /// The comparison as a printable HTML report: the index this year against the baseline,
    /// how the baseline was built and every predecessor, each area's points as a bar (green
    /// up, red down) and in a table with each predecessor's, and the items that changed with
    /// their causes.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let mut last = card.clone();
    /// last.period = "2023".into(); // the same numbers, a year before
    /// let html = par_index::analysis::compare(&card, &[last], None, None).to_html(par_index::Lang::En);
    /// assert!(html.contains("id=\"index\">95.29<") && html.contains("<svg"));
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        use crate::report::compare::basis_words;
        let title = format!(
            "{} — {} ({}), {}",
            label(Label::YearOverYear, lang),
            self.unit.name,
            self.unit.code,
            self.period
        );
        let mut b = format!("<h1>{}</h1>\n", esc(&title));
        let _ = writeln!(
            b,
            "<p><span class=\"big\" id=\"index\">{}</span> <span class=\"meta\">{} {} · {} <b style=\"color:{}\">{}</b></span></p>",
            d(self.index.after, lang),
            label(Label::LastYearLower, lang),
            num(self.index.before, lang),
            label(Label::ChangeLower, lang),
            change_colour(self.index.change),
            signed(self.index.change, lang)
        );
        let _ = writeln!(b, "<p>{}</p>", esc(basis_words(self.basis, lang)));
        b.push_str(&self.baseline_html(lang));
        if self.basis == crate::analysis::compare::BaselineKind::None {
            return page(&title, lang, &b);
        }
        let each_head = self.predecessor_columns();
        b.push_str(&self.areas_html(&each_head, lang));
        b.push_str(&self.items_html(&each_head, lang));
        page(&title, lang, &b)
    }

    /// The units compared with, and those with no result.
    fn baseline_html(&self, lang: Lang) -> String {
        let mut b = String::new();
        if !self.predecessors.is_empty() {
            let head = [
                (label(Label::Unit, lang), false),
                (label(Label::PeriodShort, lang), false),
                (label(Label::Methodology, lang), false),
                (label(Label::IndexShort, lang), true),
                (label(Label::Band, lang), false),
                (label(Label::Weight, lang), true),
            ];
            let rows: Vec<(bool, Vec<String>)> = self
                .predecessors
                .iter()
                .map(|p| {
                    (
                        false,
                        vec![
                            format!("{} ({})", esc(&p.unit.name), esc(&p.unit.code)),
                            esc(&p.period),
                            esc(&p.methodology),
                            d(p.index, lang),
                            esc(p.band.get(lang)),
                            d(p.weight, lang),
                        ],
                    )
                })
                .collect();
            b.push_str(&table(&head, &rows));
        }
        if !self.missing.is_empty() {
            let _ = writeln!(
                b,
                "<p class=\"meta\">{}: {}</p>",
                label(Label::NoResultNotInThe, lang),
                esc(&self
                    .missing
                    .iter()
                    .map(|p| format!("{} ({})", p.code, p.year))
                    .collect::<Vec<_>>()
                    .join(", "))
            );
        }
        b
    }

    /// Each area as bars (now against its maximum, coloured by the change) and the results and areas as a table.
    fn areas_html(&self, each_head: &[String], lang: Lang) -> String {
        use crate::report::compare::causes;
        let mut b = String::new();
        let multi = !each_head.is_empty();
        let _ = writeln!(b, "<h2>{}</h2>", label(Label::AreasSheet, lang));
        let rows: Vec<Bar> = self
            .areas
            .iter()
            .filter_map(|a| {
                let max = a.max.1?;
                Some(Bar {
                    label: format!("{} {}", a.code, a.title.get(lang)),
                    value: a.points.after,
                    max,
                    colour: change_colour(a.points.change),
                    shown: format!(
                        "{} → {} ({})",
                        num(a.points.before, lang),
                        d(a.points.after, lang),
                        signed(a.points.change, lang)
                    ),
                })
            })
            .collect();
        b.push_str(&bars(label(Label::AreasSheet, lang), &rows));
        let mut head: Vec<(String, bool)> = vec![
            (label(Label::What, lang).into(), false),
            (label(Label::LastYear, lang).into(), true),
            (label(Label::Now, lang).into(), true),
            (label(Label::Change, lang).into(), true),
        ];
        head.extend(each_head.iter().map(|c| (c.clone(), true)));
        let head_ref: Vec<(&str, bool)> = head.iter().map(|(h, n)| (h.as_str(), *n)).collect();
        let line = |label: String, c: &crate::analysis::compare::Change| -> Vec<String> {
            let mut r = vec![
                label,
                num(c.before, lang),
                d(c.after, lang),
                signed(c.change, lang),
            ];
            if multi {
                r.extend(c.each.iter().map(|e| num(*e, lang)));
            }
            r
        };
        let mut rows: Vec<(bool, Vec<String>)> = vec![
            (true, line(label(Label::Index, lang).into(), &self.index)),
            (
                true,
                line(label(Label::TotalPointsLong, lang).into(), &self.total),
            ),
            (false, line(label(Label::Bonus, lang).into(), &self.bonus)),
            (
                false,
                line(label(Label::Penalty, lang).into(), &self.penalty),
            ),
        ];
        rows.extend(self.areas.iter().map(|a| {
            let mut label = format!("{} {}", a.code, esc(a.title.get(lang)));
            if !a.causes.is_empty() {
                let _ = write!(label, " ({})", esc(&causes(a, lang)));
            }
            (false, line(label, &a.points))
        }));
        b.push_str(&table(&head_ref, &rows));
        b
    }

    /// Every item that changed, with its causes, from a new page.
    fn items_html(&self, each_head: &[String], lang: Lang) -> String {
        use crate::report::compare::causes;
        let mut b = String::new();
        let multi = !each_head.is_empty();
        let _ = writeln!(
            b,
            "<h2 class=\"page\">{}</h2>",
            label(Label::ItemsThatChangedAndWhy, lang)
        );
        let mut head: Vec<(String, bool)> = vec![
            (label(Label::Code, lang).into(), false),
            (label(Label::Criterion, lang).into(), false),
            (label(Label::LastYear, lang).into(), true),
            (label(Label::Now, lang).into(), true),
            (label(Label::Change, lang).into(), true),
            (label(Label::Causes, lang).into(), false),
        ];
        head.extend(each_head.iter().map(|c| (c.clone(), true)));
        let head_ref: Vec<(&str, bool)> = head.iter().map(|(h, n)| (h.as_str(), *n)).collect();
        let rows: Vec<(bool, Vec<String>)> = self
            .items
            .iter()
            .map(|l| {
                let mut r = vec![
                    esc(l.code.as_str()),
                    esc(l.title.get(lang)),
                    num(l.points.before, lang),
                    d(l.points.after, lang),
                    format!(
                        "<b style=\"color:{}\">{}</b>",
                        change_colour(l.points.change),
                        signed(l.points.change, lang)
                    ),
                    esc(&causes(l, lang)),
                ];
                if multi {
                    r.extend(l.points.each.iter().map(|e| num(*e, lang)));
                }
                (false, r)
            })
            .collect();
        b.push_str(&table(&head_ref, &rows));
        b
    }
}

impl crate::analysis::compare::BatchComparison {
    /// The comparison of many units as a printable HTML report: each unit's index this year
    /// as a bar (green up, red down, with the change), the units that rose and fell most with
    /// the areas that moved them, and the units with no previous result.
    ///
    /// ```
    /// let now = par_index::catalog::sample_scorecard();
    /// let html = par_index::analysis::compare_batch(&[now.clone()], &[now], None, None).to_html(par_index::Lang::Vi);
    /// assert!(html.contains("Xã Đồng Tâm") && html.contains("<svg"));
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        let title = label(Label::PARIndexYearOverYear, lang);
        let mut b = format!(
            "<h1>{}</h1>\n<p class=\"meta\">{} {}</p>\n",
            esc(title),
            self.units.len(),
            label(Label::UnitsWithAPreviousResult, lang)
        );
        let rows: Vec<Bar> = self
            .units
            .iter()
            .map(|c| Bar {
                label: format!("{} ({})", c.unit.name, c.unit.code),
                value: c.index.after,
                max: Decimal::ONE_HUNDRED,
                colour: change_colour(c.index.change),
                shown: format!(
                    "{} ({})",
                    d(c.index.after, lang),
                    signed(c.index.change, lang)
                ),
            })
            .collect();
        b.push_str(&bars(title, &rows));
        let head = [
            (label(Label::Unit, lang), false),
            (label(Label::LastYear, lang), true),
            (label(Label::Now, lang), true),
            (label(Label::Change, lang), true),
            (label(Label::AreasThatMovedMost, lang), false),
        ];
        let rows: Vec<(bool, Vec<String>)> = self
            .units
            .iter()
            .map(|c| {
                let (merged, areas) = (merged_from(c), moved_areas(c, lang));
                (
                    false,
                    vec![
                        format!(
                            "{} ({}){}",
                            esc(&c.unit.name),
                            esc(&c.unit.code),
                            esc(&merged)
                        ),
                        num(c.index.before, lang),
                        d(c.index.after, lang),
                        format!(
                            "<b style=\"color:{}\">{}</b>",
                            change_colour(c.index.change),
                            signed(c.index.change, lang)
                        ),
                        esc(&areas),
                    ],
                )
            })
            .collect();
        let _ = writeln!(
            b,
            "<h2 class=\"page\">{}</h2>",
            label(Label::FromTheLargestRiseTo, lang)
        );
        b.push_str(&table(&head, &rows));
        if !self.without_baseline.is_empty() {
            let _ = writeln!(
                b,
                "<h2>{} ({})</h2>\n<p>{}</p>",
                label(Label::NoPreviousResult, lang),
                self.without_baseline.len(),
                esc(&self
                    .without_baseline
                    .iter()
                    .map(|u| format!("{} ({})", u.name, u.code))
                    .collect::<Vec<_>>()
                    .join(", "))
            );
        }
        page(title, lang, &b)
    }
}
