//! Year over year as documents (every format but JSON renders them): a [`Comparison`] or a
//! [`BatchComparison`]; and as JSON.

use crate::report::labels::{Label, Sentence, label, say};
use rust_decimal::Decimal;

use crate::analysis::compare::{
    BaselineKind, BatchComparison, Cause, CauseKind, Compared, Comparison, Line,
};
use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;
use crate::report::document::{
    Bar, Bars, Block, Cell, Column, Document, Fact, Medium, Row, Table, Tone,
};

pub(crate) fn num(d: Option<Decimal>, lang: Lang) -> String {
    d.map_or_else(|| "—".to_owned(), |d| fmt_decimal(d, lang))
}

pub(crate) fn signed(d: Option<Decimal>, lang: Lang) -> String {
    match d {
        Some(d) if d > Decimal::ZERO => format!("+{}", fmt_decimal(d, lang)),
        Some(d) => fmt_decimal(d, lang),
        None => "—".to_owned(),
    }
}

/// A cause in words, with the predecessors it holds for.
///
/// ```
/// use par_index::{analysis::Cause, analysis::CauseKind, Lang};
/// let c = Cause { kind: CauseKind::EvidenceMissing, units: vec!["NG-04".into()] };
/// assert_eq!(par_index::report::words::describe_cause(&c, Lang::En), "claimed without evidence (NG-04)");
/// ```
#[must_use]
pub fn describe_cause(c: &Cause, lang: Lang) -> String {
    let l = match &c.kind {
        CauseKind::New => Label::CauseNewItem,
        CauseKind::Removed => Label::CauseNoLongerInThe,
        CauseKind::Moved { from } => {
            return with_units(
                say(
                    Sentence::MovedFrom {
                        from: from.as_str(),
                    },
                    lang,
                ),
                c,
            );
        }
        CauseKind::RuleChanged => Label::CauseRuleChanged,
        CauseKind::MaxChanged => Label::CauseMaximumChanged,
        CauseKind::NaPolicyChanged => Label::CauseNAPolicyChanged,
        CauseKind::MeasureChanged => Label::CauseMeasureChanged,
        CauseKind::EvidenceMissing => Label::CauseClaimedWithoutEvidence,
        CauseKind::EvidenceAdded => Label::CauseEvidenceAdded,
        CauseKind::NowNotApplicable => Label::CauseNotApplicableThisYear,
        CauseKind::NoLongerNotApplicable => Label::CauseNotApplicableLastYear,
        CauseKind::Unanswered => Label::CauseNotAnswered,
        CauseKind::Appraised => Label::CauseSetByTheAppraisal,
    };
    with_units(label(l, lang).to_owned(), c)
}

/// A cause's words, with the predecessors it holds for.
fn with_units(w: String, c: &Cause) -> String {
    if c.units.is_empty() {
        w
    } else {
        format!("{w} ({})", c.units.join(", "))
    }
}

/// ` ← NG-01, NG-04` for a unit compared with several predecessors; empty otherwise.
pub(crate) fn merged_from(c: &Comparison) -> String {
    if c.predecessors.len() > 1 {
        let codes: Vec<&str> = c
            .predecessors
            .iter()
            .map(|p| p.unit.code.as_str())
            .collect();
        format!(" ← {}", codes.join(", "))
    } else {
        String::new()
    }
}

/// The three areas whose points changed most, with the change: `3 -3,42, 2 -2,75`.
pub(crate) fn moved_areas(c: &Comparison, lang: Lang) -> String {
    c.largest_area_changes(3)
        .iter()
        .map(|a| format!("{} {}", a.code, signed(a.points.change, lang)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the baseline was built, in a sentence.
pub(crate) fn basis_words(basis: BaselineKind, lang: Lang) -> &'static str {
    let l = match basis {
        BaselineKind::None => Label::BaselineNoPreviousResult,
        BaselineKind::Single => Label::BaselineAgainstThePrevious,
        BaselineKind::EqualWeights => Label::BaselineEqualWeights,
        BaselineKind::RosterWeights => Label::BaselineRosterWeights,
    };
    label(l, lang)
}

pub(crate) fn causes(l: &Line, lang: Lang) -> String {
    l.causes
        .iter()
        .map(|c| describe_cause(c, lang))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Comparison {
    /// The predecessors' codes, one column each, when there are several (one predecessor,
    /// or none, is the baseline column itself).
    pub(crate) fn predecessor_columns(&self) -> Vec<String> {
        if self.predecessors.len() > 1 {
            self.predecessors
                .iter()
                .map(|p| p.unit.code.clone())
                .collect()
        } else {
            Vec::new()
        }
    }

    /// The comparison as pretty JSON, decimals as strings, ending with a newline.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let mut last = card.clone();
    /// last.period = "2023".into(); // the same numbers, a year before
    /// let json = par_index::analysis::compare(&card, &[last.clone()], None, None).to_json();
    /// assert!(json.contains("\"basis\": \"single\""));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The comparison as a document ([`crate::report::render`] writes it in any format): the
    /// index this year against the baseline, how the baseline was built and every
    /// predecessor, the index and total, each area (in HTML also as bars, green up and red
    /// down) and each item that changed with its causes.
    ///
    /// ```
    /// use par_index::{catalog, analysis::compare, report::render, report::Format, Lang};
    /// let card = catalog::sample_scorecard();
    /// let mut last = card.clone();
    /// last.period = "2023".into(); // the same numbers, a year before
    /// let c = compare(&card, &[last.clone()], None, None);
    /// let md = render(&c, Format::Markdown, Lang::En).unwrap().into_text().unwrap();
    /// assert!(md.contains("| PAR Index | 95.29 | 95.29 | 0 |"));
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let mut doc = Document::new(
            format!(
                "{} — {} ({}), {}",
                label(Label::YearOverYear, lang),
                self.unit.name,
                self.unit.code,
                self.period
            ),
            lang,
        );
        let b = &mut doc.blocks;
        b.push(Block::only(
            &[Medium::Text, Medium::Html, Medium::Excel],
            Block::Headline(vec![
                Fact::new(
                    label(Label::IndexShort, lang),
                    Cell::Points(self.index.after),
                )
                .id("index"),
                Fact::new(label(Label::LastYear, lang), or_dash(self.index.before)),
                Fact::new(label(Label::Change, lang), signed_cell(self.index.change)),
            ]),
        ));
        b.push(Block::Paragraph(basis_words(self.basis, lang).to_owned()));
        self.baseline_blocks(b, lang);
        if self.basis == BaselineKind::None {
            return doc;
        }
        let each = self.predecessor_columns();
        let b = &mut doc.blocks;
        b.push(Block::Section(label(Label::Results, lang).to_owned()));
        let mut results = self.change_table(label(Label::Results, lang), "", &each, lang);
        for (l, c) in [
            (Label::Index, &self.index),
            (Label::TotalPointsLong, &self.total),
            (Label::Bonus, &self.bonus),
            (Label::Penalty, &self.penalty),
        ] {
            results
                .rows
                .push(Row::new(change_row(label(l, lang).to_owned(), c, &each)));
        }
        b.push(Block::Table(results));
        b.push(Block::Section(label(Label::AreasSheet, lang).to_owned()));
        b.push(Block::Bars(Bars {
            title: label(Label::AreasSheet, lang).to_owned(),
            show_max: false,
            bars: self
                .areas
                .iter()
                .filter_map(|a| {
                    let max = a.max.1?;
                    let text = format!(
                        "{} → {} ({})",
                        num(a.points.before, lang),
                        fmt_decimal(a.points.after, lang),
                        signed(a.points.change, lang)
                    );
                    Some(
                        Bar::new(
                            format!("{} {}", a.code, a.title.get(lang)),
                            a.points.after,
                            max,
                            tone(a.points.change),
                        )
                        .text(text),
                    )
                })
                .collect(),
        }));
        let mut areas = self.change_table(
            label(Label::AreasSheet, lang),
            label(Label::Area, lang),
            &each,
            lang,
        );
        for a in &self.areas {
            let mut name = format!("{} {}", a.code, a.title.get(lang));
            if !a.causes.is_empty() {
                name.push_str(&format!(" ({})", causes(a, lang)));
            }
            areas
                .rows
                .push(Row::new(change_row(name, &a.points, &each)));
        }
        b.push(Block::Table(areas));
        b.push(Block::PageBreak);
        b.push(Block::Section(
            label(Label::ItemsThatChangedAndWhy, lang).to_owned(),
        ));
        if self.items.is_empty() {
            b.push(Block::Paragraph(
                label(Label::NoItemChanged, lang).to_owned(),
            ));
        } else {
            b.push(Block::Table(self.items_table(&each, lang)));
        }
        doc
    }

    /// The units compared with, those with no result, and a word on a changed methodology.
    fn baseline_blocks(&self, b: &mut Vec<Block>, lang: Lang) {
        if !self.predecessors.is_empty() {
            let mut t = Table::new(
                label(Label::Baseline, lang),
                vec![
                    Column::text(label(Label::Unit, lang), 30),
                    Column::text(label(Label::PeriodShort, lang), 8),
                    Column::text(label(Label::Methodology, lang), 16),
                    Column::points(label(Label::IndexShort, lang)),
                    Column::text(label(Label::Band, lang), 12),
                    Column::points(label(Label::Weight, lang)),
                ],
            );
            for p in &self.predecessors {
                t.rows.push(Row::new(vec![
                    Cell::Text(format!("{} ({})", p.unit.name, p.unit.code)),
                    Cell::text(p.period.as_str()),
                    Cell::text(p.methodology.as_str()),
                    Cell::Points(p.index),
                    Cell::text(p.band.get(lang)),
                    Cell::Points(p.weight),
                ]));
            }
            b.push(Block::Table(t));
        }
        if !self.missing.is_empty() {
            b.push(Block::Paragraph(
                label(Label::PredecessorsWithNoResultAmong, lang).to_owned(),
            ));
            b.push(Block::List(
                self.missing
                    .iter()
                    .map(|p| format!("{} ({})", p.code, p.year))
                    .collect(),
            ));
        }
        if self
            .predecessors
            .iter()
            .any(|p| p.methodology != self.methodology)
        {
            b.push(Block::Paragraph(say(
                Sentence::ScoredUnderAnother {
                    methodology: &self.methodology,
                },
                lang,
            )));
        }
    }

    /// A table of changes: what, last year, now, the change, and each predecessor's figure
    /// when there are several.
    fn change_table(&self, name: &str, first: &str, each: &[String], lang: Lang) -> Table {
        let mut columns = vec![
            Column::text(first, 44),
            Column::points(label(Label::LastYear, lang)),
            Column::points(label(Label::Now, lang)),
            Column::points(label(Label::Change, lang)),
        ];
        columns.extend(each.iter().map(|c| Column::points(c.as_str())));
        Table::new(name, columns)
    }

    /// Every item that changed, with its causes.
    fn items_table(&self, each: &[String], lang: Lang) -> Table {
        let mut columns = vec![
            Column::code(label(Label::Code, lang)),
            Column::text(label(Label::Criterion, lang), 44),
            Column::points(label(Label::LastYear, lang)),
            Column::points(label(Label::Now, lang)),
            Column::points(label(Label::Change, lang)),
            Column::text(label(Label::Causes, lang), 30),
        ];
        columns.extend(each.iter().map(|c| Column::points(c.as_str())));
        let mut t = Table::new(label(Label::ItemsSheet, lang), columns);
        for l in &self.items {
            let mut cells = vec![
                Cell::Text(l.code.to_string()),
                Cell::text(l.title.get(lang)),
                or_dash(l.points.before),
                Cell::Points(l.points.after),
                signed_cell(l.points.change),
                Cell::Text(causes(l, lang)),
            ];
            if !each.is_empty() {
                cells.extend(l.points.each.iter().map(|e| or_dash(*e)));
            }
            t.rows.push(Row::new(cells));
        }
        t
    }
}

impl BatchComparison {
    /// The batch comparison as pretty JSON, ending with a newline.
    ///
    /// ```
    /// let now = par_index::catalog::sample_scorecard();
    /// assert!(par_index::analysis::compare_batch(&[now], &[], None, None).to_json().contains("without_baseline"));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The batch as a document ([`crate::report::render`] writes it in any format): the
    /// units that rose most and fell most, with the areas that moved most, then every unit
    /// (in HTML also as bars, green up and red down), then the units with no previous result.
    ///
    /// ```
    /// use par_index::{report::render, report::Format, Lang};
    /// let now = par_index::catalog::sample_scorecard();
    /// let mut last = now.clone();
    /// last.period = "2023".into();
    /// let b = par_index::analysis::compare_batch(&[now.clone()], &[last], None, None);
    /// let md = render(&b, Format::Markdown, Lang::En).unwrap().into_text().unwrap();
    /// assert!(md.contains("| Xã Đồng Tâm (NG-01) | 95.29 | 95.29 | 0 |"));
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let title = label(Label::PARIndexYearOverYear, lang);
        let mut doc = Document::new(title, lang);
        let b = &mut doc.blocks;
        b.push(Block::only(
            &[Medium::Html],
            Block::Note(format!(
                "{} {}",
                self.units.len(),
                label(Label::UnitsWithAPreviousResult, lang)
            )),
        ));
        b.push(Block::Bars(Bars {
            title: title.to_owned(),
            show_max: false,
            bars: self
                .units
                .iter()
                .map(|c| {
                    let text = format!(
                        "{} ({})",
                        fmt_decimal(c.index.after, lang),
                        signed(c.index.change, lang)
                    );
                    Bar::new(
                        format!("{} ({})", c.unit.name, c.unit.code),
                        c.index.after,
                        Decimal::ONE_HUNDRED,
                        tone(c.index.change),
                    )
                    .text(text)
                })
                .collect(),
        }));
        let rose: Vec<&Comparison> = self
            .units
            .iter()
            .filter(|c| c.index.change.is_some_and(|d| d > Decimal::ZERO))
            .take(5)
            .collect();
        let fell: Vec<&Comparison> = self
            .units
            .iter()
            .rev()
            .filter(|c| c.index.change.is_some_and(|d| d < Decimal::ZERO))
            .take(5)
            .collect();
        for (l, units) in [(Label::RoseMost, rose), (Label::FellMost, fell)] {
            if !units.is_empty() {
                b.push(Block::Section(label(l, lang).to_owned()));
                b.push(Block::Table(units_table(label(l, lang), &units, lang)));
            }
        }
        b.push(Block::PageBreak);
        b.push(Block::Section(format!(
            "{} ({})",
            label(Label::EveryUnitWithAPrevious, lang),
            self.units.len()
        )));
        let all: Vec<&Comparison> = self.units.iter().collect();
        b.push(Block::Table(units_table(
            label(Label::AllUnits, lang),
            &all,
            lang,
        )));
        b.push(Block::Paragraph(
            label(Label::MergedUnitsAreCompared, lang).to_owned(),
        ));
        if !self.without_baseline.is_empty() {
            b.push(Block::Section(format!(
                "{} ({})",
                label(Label::NoPreviousResult, lang),
                self.without_baseline.len()
            )));
            b.push(Block::List(
                self.without_baseline
                    .iter()
                    .map(|u| format!("{} ({})", u.name, u.code))
                    .collect(),
            ));
        }
        doc
    }
}

impl crate::report::output::Report for Comparison {
    fn to_document(&self, lang: Lang) -> Document {
        Comparison::to_document(self, lang)
    }
    fn to_json(&self, _lang: Lang) -> String {
        Comparison::to_json(self)
    }
}

impl crate::report::output::Report for BatchComparison {
    fn to_document(&self, lang: Lang) -> Document {
        BatchComparison::to_document(self, lang)
    }
    fn to_json(&self, _lang: Lang) -> String {
        BatchComparison::to_json(self)
    }
}

impl crate::report::output::Report for Compared {
    fn to_document(&self, lang: Lang) -> Document {
        match self {
            Compared::One(c) => c.to_document(lang),
            Compared::Many(b) => b.to_document(lang),
        }
    }
    fn to_json(&self, _lang: Lang) -> String {
        match self {
            Compared::One(c) => c.to_json(),
            Compared::Many(b) => b.to_json(),
        }
    }
}

/// A figure, or `—` when there is none.
fn or_dash(d: Option<Decimal>) -> Cell {
    d.map_or_else(|| Cell::text("—"), Cell::Points)
}

/// A change with its sign, or `—` when there is none.
fn signed_cell(d: Option<Decimal>) -> Cell {
    d.map_or_else(|| Cell::text("—"), Cell::Signed)
}

/// The colour of a change: green up, red down, grey otherwise.
fn tone(d: Option<Decimal>) -> Tone {
    match d {
        Some(d) if d > Decimal::ZERO => Tone::Gain,
        Some(d) if d < Decimal::ZERO => Tone::Loss,
        _ => Tone::Muted,
    }
}

/// A row of a table of changes: the label, last year, now, the change, and each
/// predecessor's figure when there are several.
fn change_row(what: String, c: &crate::analysis::compare::Change, each: &[String]) -> Vec<Cell> {
    let mut r = vec![
        Cell::Text(what),
        or_dash(c.before),
        Cell::Points(c.after),
        signed_cell(c.change),
    ];
    if !each.is_empty() {
        r.extend(c.each.iter().map(|e| or_dash(*e)));
    }
    r
}

/// Units compared: last year, now, the change, and the areas that moved most.
fn units_table(name: &str, units: &[&Comparison], lang: Lang) -> Table {
    let mut t = Table::new(
        name,
        vec![
            Column::text(label(Label::Unit, lang), 36),
            Column::points(label(Label::LastYear, lang)),
            Column::points(label(Label::Now, lang)),
            Column::points(label(Label::Change, lang)),
            Column::text(label(Label::AreasThatMovedMost, lang), 30),
        ],
    );
    for c in units {
        t.rows.push(Row::new(vec![
            Cell::Text(format!(
                "{} ({}){}",
                c.unit.name,
                c.unit.code,
                merged_from(c)
            )),
            or_dash(c.index.before),
            Cell::Points(c.index.after),
            signed_cell(c.index.change),
            Cell::Text(moved_areas(c, lang)),
        ]));
    }
    t
}
