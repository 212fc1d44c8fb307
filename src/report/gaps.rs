//! Gaps and readiness in words: the gaps as documents (every format renders them), JSON,
//! and readiness as text.

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
use crate::report::document::{Bar, Bars, Block, Cell, Column, Document, Fact, Row, Table, Tone};
use crate::report::labels::{Label, label};

impl Gaps {
    /// The analysis as a document: the totals, lost points by office (as bars and a table)
    /// and by area, then every item with its reason and how to win the points back, largest
    /// gain first. Every format of the gaps of a unit renders this document.
    ///
    /// ```
    /// use par_index::report::document::Block;
    /// let g = par_index::analysis::gaps(&par_index::catalog::sample_scorecard());
    /// let doc = g.to_document(par_index::Lang::En);
    /// assert!(doc.title.starts_with("Points lost and how to win them back"));
    /// assert_eq!(doc.blocks.iter().filter(|b| matches!(b, Block::Table(_))).count(), 3);
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let w = |l| label(l, lang);
        let mut facts = vec![
            Fact::new(w(Label::Index), Cell::Percent(self.index)).id("index"),
            Fact::new(w(Label::PointsLost), self.lost),
            Fact::new(w(Label::CanWinBack), self.gain),
        ];
        if self.penalty > Decimal::ZERO {
            facts.push(Fact::new(w(Label::Penalty), self.penalty));
        }
        let mut blocks = vec![
            Block::Facts(facts),
            Block::Section(w(Label::ByOffice).to_owned()),
            lost_bars(&self.offices, lang),
            Block::Table(group_table(&self.offices, Label::Office, lang)),
        ];
        let areas: Vec<GapGroup> = self
            .areas
            .iter()
            .filter(|a| !a.items.is_empty())
            .cloned()
            .collect();
        blocks.push(Block::Section(w(Label::ByArea).to_owned()));
        blocks.push(Block::Table(group_table(&areas, Label::Area, lang)));
        blocks.push(Block::Section(w(Label::ItemsByGain).to_owned()));
        let mut items = Table::new(
            w(Label::ItemsSheet),
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Item), 44),
                Column::text(w(Label::Office), 22),
                Column::points(w(Label::PointsOfMax)).wide(12),
                Column::text(w(Label::Why), 40),
                Column::text(w(Label::HowToWinBack), 40),
            ],
        );
        for i in &self.items {
            let steps: Vec<String> = i
                .steps
                .iter()
                .map(|s| describe_improvement(s, lang))
                .collect();
            items.rows.push(Row::new(vec![
                Cell::text(i.code.to_string()),
                Cell::text(i.title.get(lang)),
                Cell::text(i.office.get(lang)),
                Cell::Of(i.points, i.max),
                Cell::text(reason(i.trace.as_ref(), i.max, lang)),
                Cell::text(steps.join("; ")),
            ]));
        }
        blocks.push(Block::Table(items));
        Document {
            meta: Vec::new(),
            title: format!(
                "{} — {} ({})",
                w(Label::GapsTitle),
                self.unit.name,
                self.unit.code
            ),
            lang,
            blocks,
            compact: false,
        }
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
    /// The gaps of many units as a document: points lost by office (as bars and a table,
    /// with the mean per unit), then the items that lose the most. Every format of the gaps
    /// of a batch renders this document.
    ///
    /// ```
    /// let g = par_index::analysis::batch_gaps(&[par_index::catalog::sample_scorecard()]);
    /// assert_eq!(g.to_document(par_index::Lang::En).title, "Points lost across units (1 units)");
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let w = |l| label(l, lang);
        let n = Decimal::from(self.units.max(1));
        let mean = |x: Decimal| round_points(x.checked_div(n).unwrap_or_default()).normalize();
        let mut offices = Table::new(
            w(Label::OfficesSheet),
            vec![
                Column::text(w(Label::Office), 30),
                Column::points(w(Label::TotalLost)),
                Column::points(w(Label::MeanPerUnit)),
                Column::points(w(Label::Items)),
            ],
        );
        for g in &self.offices {
            offices.rows.push(Row::new(vec![
                Cell::text(g.name.get(lang)),
                Cell::Points(g.lost),
                Cell::Points(mean(g.lost)),
                Cell::Count(g.items.len()),
            ]));
        }
        let mut items = Table::new(
            w(Label::ItemsSheet),
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Item), 44),
                Column::text(w(Label::Office), 22),
                Column::points(w(Label::UnitsLosing)),
                Column::points(w(Label::TotalLost)),
                Column::points(w(Label::MeanPerUnit)),
            ],
        );
        for i in &self.items {
            items.rows.push(Row::new(vec![
                Cell::text(i.code.to_string()),
                Cell::text(i.title.get(lang)),
                Cell::text(i.office.get(lang)),
                Cell::Count(i.units),
                Cell::Points(i.lost),
                Cell::Points(mean(i.lost)),
            ]));
        }
        Document {
            meta: Vec::new(),
            title: format!(
                "{} ({} {})",
                w(Label::BatchGapsTitle),
                self.units,
                w(Label::Units)
            ),
            lang,
            blocks: vec![
                Block::Section(w(Label::ByOffice).to_owned()),
                lost_bars(&self.offices, lang),
                Block::Table(offices),
                Block::Section(w(Label::ItemsLosingMost).to_owned()),
                Block::Table(items),
            ],
            compact: false,
        }
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
    /// The readiness as a short document ([`crate::report::render`] writes it in any
    /// format): each list of what is missing (or none), the index now and the range it can
    /// still reach, and whether the self-assessment is ready to send.
    ///
    /// ```
    /// let r = par_index::submission::readiness(par_index::catalog::default_methodology(), &par_index::catalog::sample_submission()).unwrap();
    /// let md = par_index::report::out::to_markdown(&r.to_document(par_index::Lang::En));
    /// assert!(md.contains("- **Unanswered:** none"));
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let mut doc = Document::new(
            format!(
                "{}: {} ({})",
                label(Label::SelfAssessment, lang),
                self.unit.name,
                self.unit.code
            ),
            lang,
        );
        doc.compact = true;
        let list = |what: Label, codes: &[Code]| {
            let shown: Vec<String> = codes.iter().map(ToString::to_string).collect();
            Fact::new(
                label(what, lang),
                if shown.is_empty() {
                    label(Label::NoneWord, lang).to_owned()
                } else {
                    format!("{} ({})", shown.len(), shown.join(", "))
                },
            )
        };
        doc.blocks.push(Block::Facts(vec![
            list(Label::UnansweredItems, &self.unanswered),
            list(Label::ClaimsWithoutEvidenceOrExplanation, &self.unsupported),
            list(Label::ClaimsWithAnExplanationOnly, &self.explained_only),
            list(
                Label::NotApplicableWithoutANote,
                &self.not_applicable_without_note,
            ),
            list(Label::SurveyItemsSuppliedByThe, &self.survey_unanswered),
            Fact::new(
                label(Label::IndexNow, lang),
                format!(
                    "{}% ({} {}% – {}%)",
                    d(self.index, lang),
                    label(Label::CanReach, lang),
                    d(self.index_min, lang),
                    d(self.index_max, lang)
                ),
            ),
        ]));
        doc.blocks.push(Block::Paragraph(
            label(
                if self.ready() {
                    Label::ReadyToSend
                } else {
                    Label::NotReadyToSend
                },
                lang,
            )
            .to_owned(),
        ));
        doc
    }
}

impl crate::report::output::Report for Readiness {
    fn to_document(&self, lang: Lang) -> Document {
        Readiness::to_document(self, lang)
    }
    fn to_json(&self, _lang: Lang) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

impl crate::report::output::Report for Gaps {
    fn to_document(&self, lang: Lang) -> Document {
        Gaps::to_document(self, lang)
    }
    fn to_json(&self, lang: Lang) -> String {
        Gaps::to_json(self, lang)
    }
}

impl crate::report::output::Report for BatchGaps {
    fn to_document(&self, lang: Lang) -> Document {
        BatchGaps::to_document(self, lang)
    }
    fn to_json(&self, _lang: Lang) -> String {
        BatchGaps::to_json(self)
    }
}

/// Points lost by accountable office, as bars against the largest loss.
fn lost_bars(offices: &[GapGroup], lang: Lang) -> Block {
    let top = offices.iter().map(|g| g.lost).max().unwrap_or(Decimal::ONE);
    Block::Bars(Bars {
        show_max: false,
        title: label(Label::LostByOfficeChart, lang).to_owned(),
        bars: offices
            .iter()
            .map(|g| Bar {
                label: g.name.get(lang).to_owned(),
                value: g.lost,
                max: top,
                tone: Tone::Loss,
                text: None,
            })
            .collect(),
    })
}

/// Points lost by group (office or area): lost, what can be won back, items; and the total.
fn group_table(groups: &[GapGroup], head: Label, lang: Lang) -> Table {
    let w = |l| label(l, lang);
    let sheet = if head == Label::Area {
        Label::AreasSheet
    } else {
        Label::OfficesSheet
    };
    let mut t = Table::new(
        w(sheet),
        vec![
            Column::text(w(head), 30),
            Column::points(w(Label::Lost)),
            Column::points(w(Label::CanWinBack)).wide(12),
            Column::points(w(Label::Items)),
        ],
    );
    for g in groups {
        let name = match &g.code {
            Some(c) => format!("{c} {}", g.name.get(lang)),
            None => g.name.get(lang).to_owned(),
        };
        t.rows.push(Row::new(vec![
            Cell::Text(name),
            Cell::Points(g.lost),
            Cell::Points(g.gain),
            Cell::Count(g.items.len()),
        ]));
    }
    t.rows.push(Row::total(vec![
        Cell::text(w(Label::Total)),
        Cell::Points(groups.iter().map(|g| g.lost).sum()),
        Cell::Points(groups.iter().map(|g| g.gain).sum()),
        Cell::Count(groups.iter().map(|g| g.items.len()).sum()),
    ]));
    t
}

/// Why a leaf lost points, in words.
fn reason(trace: Option<&Trace>, max: Decimal, lang: Lang) -> String {
    let Some(t) = trace else {
        return String::new();
    };
    let mut s = describe_leaf(&t.rule, max, t.measure.as_ref(), &t.branch, lang);
    if t.flags.unsupported
        && t.adjustment.is_some()
        && t.appraisal.as_ref().is_none_or(|a| a.set_points.is_none())
    {
        s.push_str("; ");
        s.push_str(label(Label::NoEvidenceNoPoints, lang));
    }
    if let Some(a) = &t.appraisal {
        s.push_str("; ");
        s.push_str(&appraisal_words(a, lang));
    }
    s
}

fn appraisal_words(a: &ItemAppraisal, lang: Lang) -> String {
    let mut parts = vec![format!(
        "{} ({}, {})",
        label(Label::Appraised, lang),
        a.by,
        a.stage
    )];
    if let Some(p) = a.set_points {
        parts.push(format!(
            "{} {}",
            label(Label::SetTo, lang),
            fmt_decimal(p, lang)
        ));
    }
    if !a.rejected_evidence.is_empty() {
        parts.push(format!(
            "{} {}",
            label(Label::Rejected, lang),
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
