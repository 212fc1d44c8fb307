//! Gap analysis: every point a unit lost, grouped by the office accountable for it and by
//! area, with the reason and the gain available (the measure that wins each point back); and,
//! for a batch, which items lose the most points across units, so that the office knows where
//! to train. Readiness: what a self-assessment still lacks before it is sent, and the range
//! of index it can still reach.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::analysis::gain::{Improvement, improvements};
use crate::engine::score::{Appraised, score_appraised};
use crate::error::Error;
use crate::model::code::Code;
use crate::model::exact::round_points;
use crate::model::methodology::Methodology;
use crate::model::rule::Measure;
use crate::model::rule::Rule;
use crate::model::scorecard::{ItemAppraisal, ScoreNode, Scorecard};
use crate::model::submission::{Submission, Unit};
use crate::model::text::{Lang, Text};
use crate::report::describe::{describe_leaf, fmt_decimal};
use crate::report::render::md_cell as cell;

/// One item that lost points.
///
/// ```
/// let g = par_index::gaps(&par_index::sample_scorecard(), par_index::Lang::En);
/// let item = &g.items[0];
/// assert!(item.gain <= item.lost && item.lost == item.max - item.points);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapItem {
    /// The item's code.
    pub code: Code,
    /// Its title.
    pub title: Text,
    /// The office accountable for it.
    pub office: Text,
    /// Points.
    pub points: Decimal,
    /// Maximum.
    pub max: Decimal,
    /// max − points.
    pub lost: Decimal,
    /// Why, in words: the measure and branch, the evidence policy, the appraiser's reason.
    pub reason: String,
    /// What would win points back, nearest first.
    #[serde(serialize_with = "ser_steps")]
    pub steps: Vec<Improvement>,
    /// The largest gain among the steps (≤ lost): what can be won back.
    pub gain: Decimal,
}

fn ser_steps<S: serde::Serializer>(steps: &[Improvement], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(steps.len()))?;
    for i in steps {
        seq.serialize_element(&serde_json::json!({
            "what": i.what, "points": i.points, "gain": i.gain,
        }))?;
    }
    seq.end()
}

/// Points lost under one office (or one area).
///
/// ```
/// let g = par_index::gaps(&par_index::sample_scorecard(), par_index::Lang::Vi);
/// let sum: rust_decimal::Decimal = g.offices.iter().map(|o| o.lost).sum();
/// assert_eq!(sum, g.lost);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapGroup {
    /// The office (or the area's title).
    pub name: Text,
    /// The area's code, when grouped by area.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// Points lost: the sum of its items'.
    pub lost: Decimal,
    /// Points that can be won back: the sum of its items' gains.
    pub gain: Decimal,
    /// The codes of its items, largest gain first.
    pub items: Vec<Code>,
}

/// A unit's gap analysis.
///
/// ```
/// let g = par_index::gaps(&par_index::sample_scorecard(), par_index::Lang::Vi);
/// // Lost points add up by office and by area, and equal the applicable maximum less the points.
/// let card = par_index::sample_scorecard();
/// assert_eq!(g.lost, card.applicable_max - card.appraised.points - card.survey.points);
/// assert_eq!(g.areas.iter().map(|a| a.lost).sum::<rust_decimal::Decimal>(), g.lost);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gaps {
    /// The unit.
    pub unit: Unit,
    /// Its index.
    pub index: Decimal,
    /// Points lost over all items that count.
    pub lost: Decimal,
    /// Points that can be won back.
    pub gain: Decimal,
    /// By accountable office, most lost first.
    pub offices: Vec<GapGroup>,
    /// By area, in code order.
    pub areas: Vec<GapGroup>,
    /// Every item that lost points, largest gain first (then code).
    pub items: Vec<GapItem>,
    /// Penalty points deducted.
    pub penalty: Decimal,
}

/// The office of an item the methodology assigns to none (both languages: a [`Text`]).
fn no_office() -> Text {
    Text {
        vi: "(chưa giao cơ quan chủ trì)".into(),
        en: Some("(no accountable office)".into()),
    }
}

/// The gap analysis of a scorecard: every applicable item below its max, with the reason and
/// the gain available, grouped by office and by area. Reasons and steps are in `lang`.
///
/// ```
/// use par_index::{gaps, sample_scorecard, Lang};
/// let g = gaps(&sample_scorecard(), Lang::En);
/// // 3.4.2: 620/1400 ≈ 44.29% of a 50% target → 0.89; 700/1400 reaches it: +0.11.
/// let item = g.items.iter().find(|i| i.code.as_str() == "3.4.2").unwrap();
/// assert_eq!(item.steps[0].what, "reach 700/1400 (50%) → 1 (+0.11)");
/// ```
pub fn gaps(card: &Scorecard, lang: Lang) -> Gaps {
    let mut items: Vec<GapItem> = card
        .leaves()
        .filter(|l| l.applicable && l.points < l.max)
        .map(|l| item(l, lang))
        .collect();
    items.sort_by(|a, b| b.gain.cmp(&a.gain).then_with(|| a.code.cmp(&b.code)));
    let sum = |it: &mut dyn Iterator<Item = Decimal>| {
        it.fold(Decimal::ZERO, |a, x| a.checked_add(x).unwrap_or(a))
    };
    let offices = by_office(items.iter().map(|i| (&i.code, &i.office, i.lost, i.gain)));
    let areas = card
        .areas
        .iter()
        .map(|a| {
            let mine: Vec<&GapItem> = items
                .iter()
                .filter(|i| i.code.area() == a.code.as_str())
                .collect();
            GapGroup {
                name: a.title.clone(),
                code: Some(a.code.clone()),
                lost: sum(&mut mine.iter().map(|i| i.lost)),
                gain: sum(&mut mine.iter().map(|i| i.gain)),
                items: mine.iter().map(|i| i.code.clone()).collect(),
            }
        })
        .collect();
    Gaps {
        unit: card.unit.clone(),
        index: card.index,
        lost: sum(&mut items.iter().map(|i| i.lost)),
        gain: sum(&mut items.iter().map(|i| i.gain)),
        offices,
        areas,
        items,
        penalty: card.penalty.points,
    }
}

/// Items grouped by accountable office, most lost first (then office name).
fn by_office<'a>(
    items: impl Iterator<Item = (&'a Code, &'a Text, Decimal, Decimal)>,
) -> Vec<GapGroup> {
    let mut offices: Vec<GapGroup> = Vec::new();
    for (code, office, lost, gain) in items {
        match offices.iter_mut().find(|o| &o.name == office) {
            Some(o) => {
                o.lost = o.lost.checked_add(lost).unwrap_or(o.lost);
                o.gain = o.gain.checked_add(gain).unwrap_or(o.gain);
                o.items.push(code.clone());
            }
            None => offices.push(GapGroup {
                name: office.clone(),
                code: None,
                lost,
                gain,
                items: vec![code.clone()],
            }),
        }
    }
    offices.sort_by(|a, b| b.lost.cmp(&a.lost).then_with(|| a.name.vi.cmp(&b.name.vi)));
    offices
}

fn item(l: &ScoreNode, lang: Lang) -> GapItem {
    let lost = l.max.checked_sub(l.points).unwrap_or_default();
    let steps = improvements(l, lang);
    let gain = steps
        .iter()
        .map(|s| s.gain)
        .max()
        .unwrap_or_default()
        .min(lost);
    GapItem {
        code: l.code.clone(),
        title: l.title.clone(),
        office: l.office.clone().unwrap_or_else(no_office),
        points: l.points,
        max: l.max,
        lost,
        reason: reason(l, lang),
        steps,
        gain,
    }
}

/// Why a leaf lost points, in words.
fn reason(l: &ScoreNode, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let Some(t) = &l.trace else {
        return String::new();
    };
    let mut s = describe_leaf(&t.rule, l.max, t.measure.as_ref(), &t.branch, lang);
    if t.flags.unsupported
        && t.adjustment.is_some()
        && t.appraisal.as_ref().is_none_or(|a| a.set_points.is_none())
    {
        s.push_str(if vi {
            "; không có tài liệu kiểm chứng: 0 điểm"
        } else {
            "; no evidence: 0 points"
        });
    }
    if let Some(a) = &t.appraisal {
        s.push_str("; ");
        s.push_str(&appraisal_words(a, lang));
    }
    s
}

fn appraisal_words(a: &ItemAppraisal, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut parts = vec![format!(
        "{} ({}, {})",
        if vi { "thẩm định" } else { "appraised" },
        a.by,
        a.stage
    )];
    if let Some(p) = a.set_points {
        parts.push(format!(
            "{} {}",
            if vi { "chấm" } else { "set to" },
            fmt_decimal(p, lang)
        ));
    }
    if !a.rejected_evidence.is_empty() {
        parts.push(format!(
            "{} {}",
            if vi {
                "không chấp nhận"
            } else {
                "rejected"
            },
            a.rejected_evidence.join(", ")
        ));
    }
    if let Some(r) = &a.reason {
        parts.push(r.clone());
    }
    parts.join(": ")
}

fn d(x: Decimal, lang: Lang) -> String {
    fmt_decimal(x, lang)
}

impl Gaps {
    /// The analysis as Markdown: the totals, lost points by office and by area, then every
    /// item with its reason and how to win the points back, largest gain first.
    ///
    /// ```
    /// let g = par_index::gaps(&par_index::sample_scorecard(), par_index::Lang::Vi);
    /// assert!(g.to_markdown(par_index::Lang::Vi).contains("## Theo cơ quan chủ trì"));
    /// ```
    pub fn to_markdown(&self, lang: Lang) -> String {
        crate::model::text::printable(&self.markdown_raw(lang)).into_owned()
    }

    fn markdown_raw(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let mut o = format!(
            "# {} — {} ({})\n\n",
            if vi {
                "Điểm bị mất và giải pháp"
            } else {
                "Points lost and how to win them back"
            },
            self.unit.name,
            self.unit.code
        );
        o.push_str(&format!(
            "- **{}:** {}%\n- **{}:** {}\n- **{}:** {}\n",
            if vi { "Chỉ số CCHC" } else { "PAR Index" },
            d(self.index, lang),
            if vi {
                "Điểm bị mất"
            } else {
                "Points lost"
            },
            d(self.lost, lang),
            if vi {
                "Có thể lấy lại"
            } else {
                "Can be won back"
            },
            d(self.gain, lang),
        ));
        if self.penalty > Decimal::ZERO {
            o.push_str(&format!(
                "- **{}:** {}\n",
                if vi { "Điểm trừ" } else { "Penalty" },
                d(self.penalty, lang)
            ));
        }
        let group_table = |o: &mut String, title: &str, groups: &[GapGroup], with_code: bool| {
            o.push_str(&format!(
                "\n## {title}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|\n",
                if with_code {
                    if vi { "Lĩnh vực" } else { "Area" }
                } else if vi {
                    "Cơ quan"
                } else {
                    "Office"
                },
                if vi { "Điểm bị mất" } else { "Lost" },
                if vi {
                    "Có thể lấy lại"
                } else {
                    "Can be won back"
                },
                if vi { "Số tiêu chí" } else { "Items" },
            ));
            for g in groups {
                let name = match &g.code {
                    Some(c) => format!("{c} {}", g.name.get(lang)),
                    None => g.name.get(lang).to_owned(),
                };
                o.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    cell(&name),
                    d(g.lost, lang),
                    d(g.gain, lang),
                    g.items.len()
                ));
            }
            o.push_str(&format!(
                "| **{}** | **{}** | **{}** | **{}** |\n",
                if vi { "Cộng" } else { "Total" },
                d(groups.iter().map(|g| g.lost).sum(), lang),
                d(groups.iter().map(|g| g.gain).sum(), lang),
                groups.iter().map(|g| g.items.len()).sum::<usize>()
            ));
        };
        group_table(
            &mut o,
            if vi {
                "Theo cơ quan chủ trì"
            } else {
                "By accountable office"
            },
            &self.offices,
            false,
        );
        let areas: Vec<GapGroup> = self
            .areas
            .iter()
            .filter(|a| !a.items.is_empty())
            .cloned()
            .collect();
        group_table(
            &mut o,
            if vi { "Theo lĩnh vực" } else { "By area" },
            &areas,
            true,
        );
        o.push_str(&format!(
            "\n## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---:|---|---|\n",
            if vi {
                "Chi tiết, theo điểm có thể lấy lại"
            } else {
                "Items, largest gain first"
            },
            if vi { "Mã" } else { "Code" },
            if vi { "Nội dung" } else { "Item" },
            if vi { "Cơ quan" } else { "Office" },
            if vi {
                "Điểm / tối đa"
            } else {
                "Points / max"
            },
            if vi { "Lý do" } else { "Why" },
            if vi {
                "Cách lấy lại điểm"
            } else {
                "How to win it back"
            },
        ));
        for i in &self.items {
            let steps: Vec<&str> = i.steps.iter().map(|s| s.what.as_str()).collect();
            o.push_str(&format!(
                "| {} | {} | {} | {} / {} | {} | {} |\n",
                i.code,
                cell(i.title.get(lang)),
                cell(i.office.get(lang)),
                d(i.points, lang),
                d(i.max, lang),
                cell(&i.reason),
                cell(&steps.join("; "))
            ));
        }
        o
    }

    /// The analysis as pretty JSON.
    ///
    /// ```
    /// let g = par_index::gaps(&par_index::sample_scorecard(), par_index::Lang::Vi);
    /// assert!(g.to_json().contains("\"offices\""));
    /// ```
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// One item's losses across a batch.
///
/// ```
/// let g = par_index::batch_gaps(&[par_index::sample_scorecard()]);
/// assert!(g.items.iter().all(|i| i.units >= 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemLoss {
    /// The item's code.
    pub code: Code,
    /// Its title.
    pub title: Text,
    /// The office accountable for it.
    pub office: Text,
    /// How many units lost points on it.
    pub units: usize,
    /// Points lost on it, summed over the units.
    pub lost: Decimal,
    /// The item's maximum.
    pub max: Decimal,
}

/// Where a batch of units loses points: items and offices, most lost first.
///
/// ```
/// let g = par_index::batch_gaps(&[par_index::sample_scorecard()]);
/// let by_items: rust_decimal::Decimal = g.items.iter().map(|i| i.lost).sum();
/// assert_eq!(by_items, g.offices.iter().map(|o| o.lost).sum());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchGaps {
    /// Units analysed.
    pub units: usize,
    /// Items, most points lost first (then code).
    pub items: Vec<ItemLoss>,
    /// Offices, most points lost first.
    pub offices: Vec<GapGroup>,
}

/// Which items lose the most points across units, and which offices are accountable.
///
/// ```
/// use par_index::{batch_gaps, sample_scorecard};
/// let g = batch_gaps(&[sample_scorecard(), sample_scorecard()]);
/// // Every loss counted twice: the same unit twice.
/// let one = batch_gaps(&[sample_scorecard()]);
/// assert_eq!(g.items[0].lost, one.items[0].lost * rust_decimal::Decimal::TWO);
/// ```
pub fn batch_gaps(cards: &[Scorecard]) -> BatchGaps {
    let mut items: Vec<ItemLoss> = Vec::new();
    for card in cards {
        for l in card.leaves().filter(|l| l.applicable && l.points < l.max) {
            let lost = l.max.checked_sub(l.points).unwrap_or_default();
            match items.iter_mut().find(|i| i.code == l.code) {
                Some(i) => {
                    i.units = i.units.saturating_add(1);
                    i.lost = i.lost.checked_add(lost).unwrap_or(i.lost);
                }
                None => items.push(ItemLoss {
                    code: l.code.clone(),
                    title: l.title.clone(),
                    office: l.office.clone().unwrap_or_else(no_office),
                    units: 1,
                    lost,
                    max: l.max,
                }),
            }
        }
    }
    items.sort_by(|a, b| b.lost.cmp(&a.lost).then_with(|| a.code.cmp(&b.code)));
    let offices = by_office(
        items
            .iter()
            .map(|i| (&i.code, &i.office, i.lost, Decimal::ZERO)),
    );
    BatchGaps {
        units: cards.len(),
        items,
        offices,
    }
}

impl BatchGaps {
    /// As Markdown: offices, then the items that lose the most (with the mean loss per unit).
    ///
    /// ```
    /// let g = par_index::batch_gaps(&[par_index::sample_scorecard()]);
    /// assert!(g.to_markdown(par_index::Lang::Vi).contains("Tiêu chí mất nhiều điểm nhất"));
    /// ```
    pub fn to_markdown(&self, lang: Lang) -> String {
        crate::model::text::printable(&self.markdown_raw(lang)).into_owned()
    }

    fn markdown_raw(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let n = Decimal::from(self.units.max(1));
        let mean = |x: Decimal| {
            d(
                round_points(x.checked_div(n).unwrap_or_default()).normalize(),
                lang,
            )
        };
        let mut o = format!(
            "# {} ({} {})\n\n## {}\n\n| {} | {} | {} | {} |\n|---|---:|---:|---:|\n",
            if vi {
                "Điểm bị mất của các đơn vị"
            } else {
                "Points lost across units"
            },
            self.units,
            if vi { "đơn vị" } else { "units" },
            if vi {
                "Theo cơ quan chủ trì"
            } else {
                "By accountable office"
            },
            if vi { "Cơ quan" } else { "Office" },
            if vi {
                "Tổng điểm bị mất"
            } else {
                "Points lost"
            },
            if vi {
                "Bình quân mỗi đơn vị"
            } else {
                "Mean per unit"
            },
            if vi { "Số tiêu chí" } else { "Items" },
        );
        for g in &self.offices {
            o.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(g.name.get(lang)),
                d(g.lost, lang),
                mean(g.lost),
                g.items.len()
            ));
        }
        o.push_str(&format!(
            "\n## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---|---|---:|---:|---:|\n",
            if vi {
                "Tiêu chí mất nhiều điểm nhất"
            } else {
                "Items that lose the most"
            },
            if vi { "Mã" } else { "Code" },
            if vi { "Nội dung" } else { "Item" },
            if vi { "Cơ quan" } else { "Office" },
            if vi {
                "Số đơn vị mất điểm"
            } else {
                "Units losing"
            },
            if vi {
                "Tổng điểm bị mất"
            } else {
                "Points lost"
            },
            if vi {
                "Bình quân mỗi đơn vị"
            } else {
                "Mean per unit"
            },
        ));
        for i in &self.items {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                i.code,
                cell(i.title.get(lang)),
                cell(i.office.get(lang)),
                i.units,
                d(i.lost, lang),
                mean(i.lost)
            ));
        }
        o
    }

    /// As pretty JSON.
    ///
    /// ```
    /// let g = par_index::batch_gaps(&[par_index::sample_scorecard()]);
    /// assert!(g.to_json().contains("\"items\""));
    /// ```
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// What a self-assessment still lacks before it is sent, and the index range it can reach.
///
/// ```
/// let r = par_index::readiness(par_index::catalog::default_methodology(), &par_index::sample_submission()).unwrap();
/// assert!(r.index_min <= r.index && r.index <= r.index_max);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// The unit.
    pub unit: Unit,
    /// Items not answered (survey items aside: the survey's organiser supplies them).
    pub unanswered: Vec<Code>,
    /// Survey items not answered (normal before the survey file is merged).
    pub survey_unanswered: Vec<Code>,
    /// Points claimed with neither evidence nor explanation.
    pub unsupported: Vec<Code>,
    /// Points claimed with an explanation only: for the appraiser to judge.
    pub explained_only: Vec<Code>,
    /// Not-applicable answers without a note saying why.
    pub not_applicable_without_note: Vec<Code>,
    /// The index as the self-assessment stands.
    pub index: Decimal,
    /// The index if every claim without evidence were refused and nothing more answered.
    pub index_min: Decimal,
    /// The index if every unanswered item (survey items included) earned its max.
    pub index_max: Decimal,
}

impl Readiness {
    /// Whether it can be sent: every item answered, every claim backed by evidence or an
    /// explanation, every not-applicable answer explained.
    ///
    /// ```
    /// let r = par_index::readiness(par_index::catalog::default_methodology(), &par_index::sample_submission()).unwrap();
    /// assert!(r.ready());
    /// ```
    pub fn ready(&self) -> bool {
        self.unanswered.is_empty()
            && self.unsupported.is_empty()
            && self.not_applicable_without_note.is_empty()
    }

    /// As text (Vietnamese or English).
    ///
    /// ```
    /// let r = par_index::readiness(par_index::catalog::default_methodology(), &par_index::sample_submission()).unwrap();
    /// assert!(r.to_text(par_index::Lang::Vi).contains("Sẵn sàng gửi"));
    /// ```
    pub fn to_text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let mut o = format!(
            "{}: {} ({})\n",
            if vi {
                "Bản tự đánh giá"
            } else {
                "Self-assessment"
            },
            self.unit.name,
            self.unit.code
        );
        let list = |o: &mut String, label: &str, codes: &[Code]| {
            let shown: Vec<String> = codes.iter().map(ToString::to_string).collect();
            o.push_str(&format!(
                "{label}: {}\n",
                if shown.is_empty() {
                    (if vi { "không có" } else { "none" }).to_owned()
                } else {
                    format!("{} ({})", shown.len(), shown.join(", "))
                }
            ));
        };
        list(
            &mut o,
            if vi {
                "Chưa tự chấm"
            } else {
                "Unanswered"
            },
            &self.unanswered,
        );
        list(
            &mut o,
            if vi {
                "Chưa có tài liệu kiểm chứng hay giải trình"
            } else {
                "Claims without evidence or explanation"
            },
            &self.unsupported,
        );
        list(
            &mut o,
            if vi {
                "Chỉ có giải trình"
            } else {
                "Claims with an explanation only"
            },
            &self.explained_only,
        );
        list(
            &mut o,
            if vi {
                "Không phát sinh nhưng chưa ghi lý do"
            } else {
                "Not applicable without a note"
            },
            &self.not_applicable_without_note,
        );
        list(
            &mut o,
            if vi {
                "Tiêu chí khảo sát (do đơn vị khảo sát cung cấp)"
            } else {
                "Survey items (supplied by the survey)"
            },
            &self.survey_unanswered,
        );
        o.push_str(&format!(
            "{}: {}% ({} {}% – {}%)\n{}\n",
            if vi {
                "Chỉ số hiện tại"
            } else {
                "Index now"
            },
            d(self.index, lang),
            if vi { "có thể đạt" } else { "can reach" },
            d(self.index_min, lang),
            d(self.index_max, lang),
            match (self.ready(), vi) {
                (true, true) => "Sẵn sàng gửi.",
                (true, false) => "Ready to send.",
                (false, true) => "Chưa sẵn sàng gửi.",
                (false, false) => "Not ready to send.",
            }
        ));
        o
    }
}

/// The readiness of a self-assessment: what it lacks, and the index range from "every claim
/// without evidence refused" to "every unanswered item at its max". Exact: both ends are
/// scored with the same rules as the index.
///
/// ```
/// use par_index::{catalog, readiness, Submission};
/// let m = catalog::default_methodology();
/// let sub = Submission::from_json(r#"{"methodology": "commune-2024-model",
///   "unit": {"code": "X", "name": "Xã X"}, "period": "2024",
///   "answers": {"1.4.1": {"met": true}}}"#).unwrap();
/// let r = readiness(m, &sub).unwrap();
/// // 1.4.1 claimed without evidence: 0 under `zero`; everything else unanswered.
/// assert_eq!(r.unsupported.len(), 1);
/// assert_eq!((r.index_min, r.index), (0.into(), 0.into()));
/// // Every unanswered item at its max: 100 − 0.5 (1.4.1 stays at 0) = 99.5.
/// assert_eq!(r.index_max, rust_decimal::Decimal::new(995, 1));
/// ```
pub fn readiness(m: &Methodology, sub: &Submission) -> Result<Readiness, Error> {
    let card = score_appraised(m, sub, &Appraised::default())?;
    let survey = |l: &ScoreNode| {
        l.trace
            .as_ref()
            .is_some_and(|t| matches!(t.rule, Rule::Survey))
    };
    let flagged = |f: fn(&crate::model::scorecard::Flags) -> bool| -> Vec<Code> {
        card.leaves()
            .filter(|l| l.trace.as_ref().is_some_and(|t| f(&t.flags)))
            .map(|l| l.code.clone())
            .collect()
    };
    let unanswered: Vec<Code> = card
        .leaves()
        .filter(|l| !survey(l) && l.trace.as_ref().is_some_and(|t| t.flags.unanswered))
        .map(|l| l.code.clone())
        .collect();
    let survey_unanswered: Vec<Code> = card
        .leaves()
        .filter(|l| survey(l) && l.trace.as_ref().is_some_and(|t| t.flags.unanswered))
        .map(|l| l.code.clone())
        .collect();
    let unsupported = flagged(|f| f.unsupported);
    let explained_only = flagged(|f| f.explained);
    let not_applicable_without_note = sub
        .answers
        .iter()
        .filter(|(_, a)| {
            a.measure.is_not_applicable()
                && !matches!(
                    a.measure,
                    Measure::NotApplicable {
                        not_applicable: false
                    }
                )
                && a.explanation.as_deref().is_none_or(|e| e.trim().is_empty())
        })
        .map(|(c, _)| c.clone())
        .collect();
    let set = |codes: &mut dyn Iterator<Item = (Code, Decimal)>| Appraised {
        items: codes
            .map(|(c, p)| {
                (
                    c,
                    ItemAppraisal {
                        stage: "readiness".into(),
                        set_points: Some(p),
                        by: String::new(),
                        ..ItemAppraisal::default()
                    },
                )
            })
            .collect(),
        ..Appraised::default()
    };
    let low = set(&mut unsupported
        .iter()
        .chain(&explained_only)
        .map(|c| (c.clone(), Decimal::ZERO)));
    let high = set(&mut card
        .leaves()
        .filter(|l| l.trace.as_ref().is_some_and(|t| t.flags.unanswered))
        .map(|l| (l.code.clone(), l.max)));
    let index_min = score_appraised(m, sub, &low)?.index;
    let index_max = score_appraised(m, sub, &high)?.index;
    Ok(Readiness {
        unit: card.unit.clone(),
        unanswered,
        survey_unanswered,
        unsupported,
        explained_only,
        not_applicable_without_note,
        index: card.index,
        index_min,
        index_max,
    })
}
