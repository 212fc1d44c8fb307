//! Gaps and readiness in words: Markdown, JSON and text.

use rust_decimal::Decimal;

use crate::analysis::gaps::GapGroup;
use crate::analysis::gaps::{BatchGaps, Gaps};
use crate::analysis::readiness::Readiness;
use crate::model::code::Code;
use crate::model::exact::round_points;
use crate::model::scorecard::ItemAppraisal;
use crate::model::scorecard::Trace;
use crate::model::submission::Unit;
use crate::model::text::Lang;
use crate::model::text::Text;
use crate::report::describe::describe_leaf;
use crate::report::describe::{describe_improvement, fmt_decimal};
use crate::report::render::md_cell as cell;

impl Gaps {
    /// The analysis as Markdown: the totals, lost points by office and by area, then every
    /// item with its reason and how to win the points back, largest gain first.
    ///
    /// ```
    /// let g = par_index::analysis::gaps(&par_index::catalog::sample_scorecard());
    /// assert!(g.to_markdown(par_index::Lang::Vi).contains("## Theo cơ quan chủ trì"));
    /// ```
    #[must_use]
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
            let steps: Vec<String> = i
                .steps
                .iter()
                .map(|s| describe_improvement(s, lang))
                .collect();
            o.push_str(&format!(
                "| {} | {} | {} | {} / {} | {} | {} |\n",
                i.code,
                cell(i.title.get(lang)),
                cell(i.office.get(lang)),
                d(i.points, lang),
                d(i.max, lang),
                cell(&reason(i.trace.as_ref(), i.max, lang)),
                cell(&steps.join("; "))
            ));
        }
        o
    }

    /// The analysis as pretty JSON, with each item's reason and steps in words (`lang`).
    ///
    /// ```
    /// let g = par_index::analysis::gaps(&par_index::catalog::sample_scorecard());
    /// assert!(g.to_json(par_index::Lang::En).contains("\"offices\""));
    /// ```
    #[must_use]
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(serde::Serialize)]
        struct Step {
            gain: Decimal,
            points: Decimal,
            what: String,
        }
        #[derive(serde::Serialize)]
        struct Item<'a> {
            code: &'a Code,
            title: &'a Text,
            office: &'a Text,
            points: Decimal,
            max: Decimal,
            lost: Decimal,
            reason: String,
            steps: Vec<Step>,
            gain: Decimal,
        }
        #[derive(serde::Serialize)]
        struct View<'a> {
            unit: &'a Unit,
            index: Decimal,
            lost: Decimal,
            gain: Decimal,
            offices: &'a [GapGroup],
            areas: &'a [GapGroup],
            items: Vec<Item<'a>>,
            penalty: Decimal,
        }
        let view = View {
            unit: &self.unit,
            index: self.index,
            lost: self.lost,
            gain: self.gain,
            offices: &self.offices,
            areas: &self.areas,
            items: self
                .items
                .iter()
                .map(|i| Item {
                    code: &i.code,
                    title: &i.title,
                    office: &i.office,
                    points: i.points,
                    max: i.max,
                    lost: i.lost,
                    reason: reason(i.trace.as_ref(), i.max, lang),
                    steps: i
                        .steps
                        .iter()
                        .map(|s| Step {
                            what: describe_improvement(s, lang),
                            points: s.points,
                            gain: s.gain,
                        })
                        .collect(),
                    gain: i.gain,
                })
                .collect(),
            penalty: self.penalty,
        };
        let mut s = serde_json::to_string_pretty(&view).unwrap_or_default();
        s.push('\n');
        s
    }
}

impl BatchGaps {
    /// As Markdown: offices, then the items that lose the most (with the mean loss per unit).
    ///
    /// ```
    /// let g = par_index::analysis::batch_gaps(&[par_index::catalog::sample_scorecard()]);
    /// assert!(g.to_markdown(par_index::Lang::Vi).contains("Tiêu chí mất nhiều điểm nhất"));
    /// ```
    #[must_use]
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
    /// let g = par_index::analysis::batch_gaps(&[par_index::catalog::sample_scorecard()]);
    /// assert!(g.to_json().contains("\"items\""));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

impl Readiness {
    /// As text (Vietnamese or English).
    ///
    /// ```
    /// let r = par_index::submission::readiness(par_index::catalog::default_methodology(), &par_index::catalog::sample_submission()).unwrap();
    /// assert!(r.to_text(par_index::Lang::Vi).contains("Sẵn sàng gửi"));
    /// ```
    #[must_use]
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

/// Why a leaf lost points, in words.
fn reason(trace: Option<&Trace>, max: Decimal, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let Some(t) = trace else {
        return String::new();
    };
    let mut s = describe_leaf(&t.rule, max, t.measure.as_ref(), &t.branch, lang);
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
