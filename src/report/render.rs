//! Readable renderings of a scorecard, in Vietnamese (default) or English: a per-area table,
//! the total, index and band, the points lost with the reason for each, and the items an
//! appraiser should look at.

use rust_decimal::Decimal;

use crate::model::scorecard::{ScoreNode, Scorecard};
use crate::model::text::Lang;
use crate::report::describe::{describe_leaf, describe_measure, fmt_decimal};
use crate::report::document::{
    Bar, Bars, Block, Cell, Column, Document, Fact, Medium, Row, Table, Tone,
};

use crate::report::labels::{Label, Sentence, label, say};
use crate::report::output::Format;

/// Every node of the scorecard in one table, as an appraisal sheet lists them: code, title,
/// max, points, the measure and branch, and the evidence cited (document numbers). Markdown
/// for [`Format::Markdown`], aligned text otherwise (JSON already holds all of it, so
/// [`Format::Json`] gives the scorecard itself).
///
/// ```
/// use par_index::{report::render_items, report::Format, Lang};
/// use par_index::catalog::sample_scorecard;
/// let table = render_items(&sample_scorecard(), Format::Markdown, Lang::Vi);
/// assert!(table.contains("| 3.2.1 | Tỷ lệ hồ sơ TTHC giải quyết đúng hạn, trước hạn | 3 | 3 |"));
/// assert_eq!(table.lines().filter(|l| l.starts_with("| ")).count(), 1 + 9 + 37 + 54);
/// ```
#[must_use]
pub fn render_items(card: &Scorecard, format: Format, lang: Lang) -> String {
    let w = |l| label(l, lang);
    let mut t = Table::new(
        w(Label::ItemsSheet),
        vec![
            Column::code(w(Label::Code)),
            Column::text(w(Label::Criterion), 44),
            Column::points(w(Label::Max)),
            Column::points(w(Label::Points)),
            Column::text(w(Label::HowScored), 40),
            Column::text(w(Label::Evidence), 24),
        ],
    );
    fn walk(nodes: &[ScoreNode], lang: Lang, t: &mut Table) {
        for n in nodes {
            let (how, docs) = match &n.trace {
                Some(tr) => (
                    reason(n, lang),
                    tr.evidence
                        .iter()
                        .map(|e| e.number.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                None => (String::new(), String::new()),
            };
            let max = if n.applicable {
                Cell::Points(n.max)
            } else {
                Cell::Text(format!("({})", fmt_decimal(n.max, lang)))
            };
            let code = Cell::text(n.code.to_string());
            t.rows.push(Row::new(vec![
                // An area's code stands out.
                if n.code.as_str().contains('.') {
                    code
                } else {
                    code.strong()
                },
                Cell::text(n.title.get(lang)),
                max,
                Cell::Points(n.points),
                Cell::Text(how),
                Cell::Text(docs),
            ]));
            walk(&n.children, lang, t);
        }
    }
    walk(&card.areas, lang, &mut t);
    match format {
        Format::Json => card.to_json(),
        Format::Markdown => crate::report::out::markdown::table(&t, lang),
        _ => crate::report::out::text::grid(&t, lang),
    }
}

/// Points as a share of the maximum, to two places (a dash when the maximum is 0).
fn rate(points: Decimal, max: Decimal) -> Cell {
    if max.is_zero() {
        return Cell::text("—");
    }
    match points
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(max))
    {
        Some(r) => Cell::Percent(r.round_dp(2)),
        None => Cell::text("—"),
    }
}

/// A lost-points row: code, title, points, max, lost, reason.
pub(crate) struct LostRow {
    pub code: String,
    pub title: String,
    pub points: Decimal,
    pub max: Decimal,
    pub lost: Decimal,
    pub reason: String,
}

pub(crate) fn reason(leaf: &ScoreNode, lang: Lang) -> String {
    let Some(t) = &leaf.trace else {
        return String::new();
    };
    let mut out = describe_leaf(&t.rule, leaf.max, t.measure.as_ref(), &t.branch, lang);
    if t.raw != t.rounded {
        let shown = t.raw.round_dp(6);
        let more = if shown == t.raw { "" } else { "…" };
        let word = label(Label::Rounded, lang);
        out.push_str(&format!(
            " = {}{more}, {word} {}",
            fmt_decimal(shown, lang),
            fmt_decimal(t.rounded, lang)
        ));
    }
    if t.flags.unsupported && leaf.points < t.rounded {
        out.push_str("; ");
        out.push_str(label(Label::NoEvidenceZero, lang));
    }
    out
}

pub(crate) fn lost_rows(card: &Scorecard, lang: Lang) -> Vec<LostRow> {
    card.leaves()
        .filter(|l| l.applicable && l.points < l.max)
        .map(|l| LostRow {
            code: l.code.to_string(),
            title: l.title.get(lang).to_owned(),
            points: l.points,
            max: l.max,
            lost: l.max.checked_sub(l.points).unwrap_or_default(),
            reason: reason(l, lang),
        })
        .collect()
}

pub(crate) fn notes(card: &Scorecard, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = &card.carried_over {
        out.push(carried_note(c, &card.methodology.id, lang));
    }
    for l in card.leaves() {
        let Some(t) = &l.trace else { continue };
        let mut what = Vec::new();
        if t.flags.unanswered {
            what.push(label(Label::Unanswered, lang).to_owned());
        }
        if t.flags.unsupported {
            what.push(label(Label::ClaimedWithoutEvidence, lang).to_owned());
        }
        if t.flags.explained {
            let ex = t.explanation.as_deref().unwrap_or_default();
            what.push(format!(
                "{}: “{ex}”",
                label(Label::ExplainedNoEvidence, lang)
            ));
        }
        if t.flags.not_applicable
            && (card.survey.held || !matches!(t.rule, crate::model::rule::Rule::Survey))
        {
            let policy = if l.applicable {
                ""
            } else {
                label(Label::Excluded, lang)
            };
            let mut s = label(Label::NotApplicable, lang).to_owned();
            if !policy.is_empty() {
                s.push_str(&format!(" ({policy})"));
            }
            if let Some(ex) = &t.explanation {
                s.push_str(&format!(": “{ex}”"));
            }
            what.push(s);
        }
        if !what.is_empty() {
            out.push(format!(
                "{} {}: {}",
                l.code,
                l.title.get(lang),
                what.join("; ")
            ));
        }
    }
    for (kind, adj) in [(Label::Bonus, &card.bonus), (Label::Penalty, &card.penalty)] {
        for e in &adj.entries {
            let what = match (e.counted, e.entry.evidence.is_empty()) {
                (false, _) => label(Label::NotCounted, lang),
                (true, true) if kind == Label::Bonus => label(Label::ClaimedWithoutEvidence, lang),
                _ => continue,
            };
            out.push(format!(
                "{} {} ({}): {what}",
                label(kind, lang),
                fmt_decimal(e.entry.amount, lang),
                e.entry.reason
            ));
        }
    }
    out
}

/// The note of a scorecard re-scored under another methodology: from which, what moved,
/// what was not carried over.
fn carried_note(c: &crate::model::scorecard::CarriedOver, to: &str, lang: Lang) -> String {
    let from = c.from.to_string();
    let mut s = say(Sentence::RescoredFrom { to, from: &from }, lang);
    if !c.moved.is_empty() {
        let moved: Vec<String> = c
            .moved
            .iter()
            .map(|m| format!("{} → {}", m.from, m.to))
            .collect();
        s.push_str(&format!(
            "; {}: {}",
            label(Label::MovedCode, lang),
            moved.join(", ")
        ));
    }
    if !c.dropped.is_empty() {
        let dropped: Vec<String> = c
            .dropped
            .iter()
            .map(|d| format!("{} ({})", d.code, describe_dropped(d, to, lang)))
            .collect();
        s.push_str(&format!(
            "; {}: {}",
            label(Label::NotCarried, lang),
            dropped.join(", ")
        ));
    }
    s
}

/// Why an answer was not carried over to methodology `to`, in words.
///
/// ```
/// use par_index::{scorecard::DropReason, scorecard::Dropped, Lang};
/// let d = Dropped { code: "8.4.1".parse().unwrap(), to: "8.4.1".parse().unwrap(), why: DropReason::NotAnItem, answer: None };
/// assert_eq!(par_index::report::words::describe_dropped(&d, "commune-2025-model", Lang::En), "not an item of commune-2025-model");
/// assert_eq!(par_index::report::words::describe_dropped(&d, "commune-2025-model", Lang::Vi), "không phải tiêu chí của commune-2025-model");
/// ```
#[must_use]
pub fn describe_dropped(d: &crate::model::scorecard::Dropped, to: &str, lang: Lang) -> String {
    use crate::model::scorecard::DropReason;
    let target = d.to.to_string();
    let moved = d.to != d.code;
    let mapped = |rest: String| {
        if moved {
            say(
                Sentence::MappedTo {
                    target: &target,
                    rest: &rest,
                },
                lang,
            )
        } else {
            rest
        }
    };
    match &d.why {
        DropReason::NotAnItem => mapped(say(Sentence::NotAnItemOf { to }, lang)),
        DropReason::Group => mapped(say(Sentence::GroupOf { to }, lang)),
        DropReason::Taken { by } => {
            let by = by.to_string();
            say(
                Sentence::AlreadyCarried {
                    target: &target,
                    by: &by,
                    mapped: moved,
                },
                lang,
            )
        }
        DropReason::Refused { message } => say(Sentence::DoesNotFit { to, message }, lang),
    }
}

fn d(x: Decimal, lang: Lang) -> String {
    fmt_decimal(x, lang)
}

pub(crate) fn header_lines(card: &Scorecard, lang: Lang) -> [String; 3] {
    [
        format!(
            "{} · {}: {}",
            label(Label::ScorecardTitle, lang),
            label(Label::Period, lang),
            card.period
        ),
        format!(
            "{}: {} ({})",
            label(Label::Unit, lang),
            card.unit.name,
            card.unit.code
        ),
        format!(
            "{}: {} ({}; {})",
            label(Label::Methodology, lang),
            card.methodology.title.get(lang),
            card.methodology.id,
            origin(&card.methodology.origin, lang)
        ),
    ]
}

/// Where the methodology comes from, in a few words: the decision, or "a model set".
fn origin(o: &crate::model::methodology::Origin, lang: Lang) -> String {
    match o {
        crate::model::methodology::Origin::Issued { body, number, date } => {
            say(Sentence::Decision { number, date, body }, lang)
        }
        crate::model::methodology::Origin::Model { .. } => label(Label::ModelSet, lang).to_owned(),
    }
}

/// The parts of the total, typed: criteria and survey points out of their maxima, bonus
/// and penalty with their caps, the total, the index and the band.
fn summary_facts(card: &Scorecard, lang: Lang) -> Vec<Fact> {
    let w = |l| label(l, lang);
    let capped = |a: &crate::model::scorecard::Adjustment| {
        Cell::Text(format!(
            "{} ({} {})",
            d(a.points, lang),
            w(Label::Cap),
            d(a.cap, lang)
        ))
    };
    let survey = if card.survey.held {
        Cell::Of(card.survey.points, card.survey.applicable_max)
    } else {
        Cell::text(w(Label::SurveyNotHeld))
    };
    vec![
        Fact::new(
            w(Label::CriteriaPoints),
            Cell::Of(card.appraised.points, card.appraised.applicable_max),
        ),
        Fact::new(w(Label::SurveyPoints), survey),
        Fact::new(w(Label::Bonus), capped(&card.bonus)),
        Fact::new(w(Label::Penalty), capped(&card.penalty)),
        Fact::new(
            w(Label::TotalPoints),
            format!(
                "{} / {} ({})",
                d(card.total, lang),
                d(card.applicable_max, lang),
                w(Label::OutOfApplicableMax)
            ),
        ),
        Fact::new(w(Label::Index), Cell::Percent(card.index)),
        Fact::new(w(Label::Band), card.band.label.get(lang)),
    ]
}

impl Scorecard {
    /// The scorecard as a document: the unit and methodology, each area's points (as bars
    /// and a table), the parts of the total, the points lost and why, what the appraiser
    /// should look at, every item with its evidence (where there is room: a page, a
    /// workbook), and the check codes that tie it to its files. Every format of a
    /// scorecard renders this document.
    ///
    /// ```
    /// use par_index::report::document::{Block};
    /// use par_index::report::out::to_markdown;
    /// let card = par_index::catalog::sample_scorecard();
    /// let doc = card.to_document(par_index::Lang::Vi);
    /// assert_eq!(doc.meta.len(), 2);
    /// let md = par_index::report::render(&card, par_index::report::Format::Markdown, par_index::Lang::Vi).unwrap();
    /// assert_eq!(md.as_text(), Some(to_markdown(&doc).as_str()));
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let w = |l| label(l, lang);
        let [title, unit, methodology] = header_lines(self, lang);
        let mut doc = Document::new(title, lang);
        doc.meta = vec![unit, methodology];
        let (page, excel) = (Medium::Html, Medium::Excel);
        doc.blocks.push(Block::only(
            &[page],
            Block::Headline(vec![
                Fact::new(w(Label::Index), Cell::Percent(self.index)).id("index"),
                Fact::new(w(Label::Band), self.band.label.get(lang)),
                Fact::new(
                    w(Label::TotalPoints),
                    Cell::Of(self.total, self.applicable_max),
                ),
            ]),
        ));
        doc.blocks.push(Block::only(
            &[page],
            Block::Section(w(Label::PointsByArea).to_owned()),
        ));
        doc.blocks.push(Block::Bars(Bars {
            title: w(Label::PointsByArea).to_owned(),
            show_max: true,
            bars: self
                .areas
                .iter()
                .map(|a| Bar {
                    label: format!("{} {}", a.code, a.title.get(lang)),
                    value: a.points,
                    max: a.applicable_max,
                    tone: Tone::Neutral,
                    text: None,
                })
                .collect(),
        }));
        doc.blocks.push(Block::Table(self.areas_table(lang)));
        doc.blocks.push(Block::Facts(summary_facts(self, lang)));
        doc.blocks
            .push(Block::Section(w(Label::PointsLost).to_owned()));
        let lost = lost_rows(self, lang);
        if lost.is_empty() {
            doc.blocks
                .push(Block::Paragraph(w(Label::NoneLost).to_owned()));
        } else {
            let d = |x| fmt_decimal(x, lang);
            doc.blocks.push(Block::only(
                &[Medium::Text],
                Block::Lines(
                    lost.iter()
                        .map(|r| {
                            format!(
                                "{} {} ({}/{}, −{}): {}",
                                r.code,
                                r.title,
                                d(r.points),
                                d(r.max),
                                d(r.lost),
                                r.reason
                            )
                        })
                        .collect(),
                ),
            ));
            let mut t = Table::new(
                w(Label::PointsLost),
                vec![
                    Column::code(w(Label::Code)),
                    Column::text(w(Label::Criterion), 44),
                    Column::points(w(Label::Points)),
                    Column::points(w(Label::Max)),
                    Column::points(w(Label::LostShort)),
                    Column::text(w(Label::Reason), 60),
                ],
            );
            for r in lost {
                t.rows.push(Row::new(vec![
                    Cell::Text(r.code),
                    Cell::Text(r.title),
                    Cell::Points(r.points),
                    Cell::Points(r.max),
                    Cell::Points(r.lost),
                    Cell::Text(r.reason),
                ]));
            }
            doc.blocks.push(Block::only(
                &[Medium::Markdown, page, excel],
                Block::Table(t),
            ));
        }
        let notes = notes(self, lang);
        if !notes.is_empty() {
            doc.blocks
                .push(Block::Section(w(Label::ForTheAppraiser).to_owned()));
            doc.blocks.push(Block::List(notes));
        }
        doc.blocks.push(Block::only(&[page], Block::PageBreak));
        doc.blocks.push(Block::only(
            &[page],
            Block::Section(w(Label::EveryItem).to_owned()),
        ));
        doc.blocks.push(Block::only(
            &[page],
            Block::Table(self.items_table(false, lang)),
        ));
        doc.blocks.push(Block::only(
            &[excel],
            Block::Table(self.items_table(true, lang)),
        ));
        if let Some(entries) = self.entries_table(lang) {
            doc.blocks.push(Block::only(
                &[page],
                Block::Section(w(Label::BonusPenaltyEntries).to_owned()),
            ));
            doc.blocks
                .push(Block::only(&[page, excel], Block::Table(entries)));
        }
        doc.blocks.push(Block::Note(stamp(self, lang)));
        doc
    }

    /// Each area: code, title, office (where there is room), points, max (or "excluded"),
    /// rate.
    fn areas_table(&self, lang: Lang) -> Table {
        let w = |l| label(l, lang);
        let mut t = Table::new(
            w(Label::AreasSheet),
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Area), 44),
                Column::text(w(Label::AccountableOffice), 24).not_in_text(),
                Column::points(w(Label::Points)),
                Column::points(w(Label::Max)),
                Column::points(w(Label::Rate)),
            ],
        );
        for a in &self.areas {
            let office = a.office.as_ref().map(|t| t.get(lang)).unwrap_or_default();
            let max = if a.applicable {
                Cell::Points(a.applicable_max)
            } else {
                Cell::text(w(Label::Excluded))
            };
            t.rows.push(Row::new(vec![
                Cell::text(a.code.to_string()),
                Cell::text(a.title.get(lang)),
                Cell::text(office),
                Cell::Points(a.points),
                max,
                rate(a.points, a.applicable_max),
            ]));
        }
        t
    }

    /// Every node, areas and criteria as emphasised rows: code, title, points, max, how
    /// scored and the evidence; `full` adds the office, points lost, the measure, the
    /// explanation and the flags (for a workbook).
    fn items_table(&self, full: bool, lang: Lang) -> Table {
        let w = |l| label(l, lang);
        let columns = if full {
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Criterion), 44),
                Column::text(w(Label::AccountableOffice), 18),
                Column::points(w(Label::Points)).wide(8),
                Column::points(w(Label::Max)).wide(8),
                Column::points(w(Label::LostShort)).wide(8),
                Column::text(w(Label::Measure), 24),
                Column::text(w(Label::HowScored), 40),
                Column::text(w(Label::Evidence), 40),
                Column::text(w(Label::Explanation), 28),
                Column::text(w(Label::Flags), 22),
            ]
        } else {
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Criterion), 44),
                Column::points(w(Label::Points)),
                Column::points(w(Label::Max)),
                Column::text(w(Label::HowScored), 40),
                Column::text(w(Label::Evidence), 40),
            ]
        };
        let mut t = Table::new(w(Label::ItemsSheet), columns);
        let mut nodes: Vec<&ScoreNode> = Vec::new();
        fn walk<'a>(ns: &'a [ScoreNode], out: &mut Vec<&'a ScoreNode>) {
            for n in ns {
                out.push(n);
                walk(&n.children, out);
            }
        }
        walk(&self.areas, &mut nodes);
        for n in nodes {
            let Some(tr) = &n.trace else {
                let mut cells = vec![
                    Cell::text(n.code.to_string()),
                    Cell::text(n.title.get(lang)),
                ];
                if full {
                    cells.push(Cell::text(n.office.as_ref().map_or("", |o| o.get(lang))));
                }
                cells.extend([Cell::Points(n.points), Cell::Points(n.max)]);
                if full {
                    cells.push(Cell::Points(lost(n)));
                }
                cells.resize(t.columns.len(), Cell::Empty);
                t.rows.push(Row::total(cells));
                continue;
            };
            let evidence: Vec<String> = tr
                .evidence
                .iter()
                .map(|e| {
                    if full {
                        format!(
                            "{}, {}, {}: {}",
                            e.number,
                            e.date.to_vietnamese(),
                            e.issuer,
                            e.title
                        )
                    } else {
                        format!("{}, {}: {}", e.number, e.date.to_vietnamese(), e.title)
                    }
                })
                .collect();
            let row = if full {
                let flags: Vec<&str> = [
                    (tr.flags.unanswered, Label::Unanswered),
                    (tr.flags.unsupported, Label::FlagNoEvidence),
                    (tr.flags.explained, Label::FlagExplained),
                    (tr.flags.not_applicable, Label::NotApplicable),
                ]
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, l)| w(*l))
                .collect();
                vec![
                    Cell::text(n.code.to_string()),
                    Cell::text(n.title.get(lang)),
                    Cell::text(n.office.as_ref().map_or("", |o| o.get(lang))),
                    Cell::Points(n.points),
                    Cell::Points(n.max),
                    Cell::Points(lost(n)),
                    Cell::Text(
                        tr.measure
                            .as_ref()
                            .map(|m| describe_measure(m, lang))
                            .unwrap_or_default(),
                    ),
                    Cell::Text(reason(n, lang)),
                    Cell::Text(evidence.join("\n")),
                    Cell::Text(tr.explanation.clone().unwrap_or_default()),
                    Cell::Text(flags.join("; ")),
                ]
            } else {
                vec![
                    Cell::text(n.code.to_string()),
                    Cell::text(n.title.get(lang)),
                    Cell::Points(n.points),
                    Cell::Points(n.max),
                    Cell::Text(reason(n, lang)),
                    Cell::Text(evidence.join("\n")),
                ]
            };
            t.rows.push(Row::new(row));
        }
        t
    }

    /// The bonus and penalty entries: kind, points, counted, reason, evidence (none when
    /// there are no entries).
    fn entries_table(&self, lang: Lang) -> Option<Table> {
        let w = |l| label(l, lang);
        let mut t = Table::new(
            w(Label::BonusPenaltySheet),
            vec![
                Column::text(w(Label::Kind), 10),
                Column::points(w(Label::Points)).wide(9),
                Column::text(w(Label::Counted), 10),
                Column::text(w(Label::Reason), 48),
                Column::text(w(Label::Evidence), 40),
            ],
        );
        for (kind, a) in [
            (Label::BonusEntry, &self.bonus),
            (Label::PenaltyEntry, &self.penalty),
        ] {
            for e in &a.entries {
                let docs: Vec<&str> = e.entry.evidence.iter().map(|d| d.number.as_str()).collect();
                t.rows.push(Row::new(vec![
                    Cell::text(w(kind)),
                    Cell::Points(e.entry.amount),
                    Cell::text(w(if e.counted { Label::Yes } else { Label::No })),
                    Cell::text(e.entry.reason.as_str()),
                    Cell::Text(docs.join(", ")),
                ]));
            }
        }
        (!t.rows.is_empty()).then_some(t)
    }
}

impl crate::report::output::Report for Scorecard {
    fn to_document(&self, lang: Lang) -> Document {
        Scorecard::to_document(self, lang)
    }
    /// The scorecard itself (its JSON has no words to translate).
    fn to_json(&self, _lang: Lang) -> String {
        Scorecard::to_json(self)
    }
}

/// Points lost on an applicable node (none on an excluded one).
fn lost(n: &ScoreNode) -> Decimal {
    if n.applicable {
        n.max.checked_sub(n.points).unwrap_or_default()
    } else {
        Decimal::ZERO
    }
}

/// The line that ties a printed report to its files: the content hashes (first 16 hex
/// digits; `par-index verify` checks the full ones) and the engine.
fn stamp(card: &Scorecard, lang: Lang) -> String {
    let short = |h: &str| h.get(..16).unwrap_or(h).to_owned();
    let (methodology, submission) = (
        short(&card.methodology.sha256),
        short(&card.submission_sha256),
    );
    say(
        Sentence::CheckCodes {
            methodology: &methodology,
            submission: &submission,
            engine: &card.engine.to_string(),
        },
        lang,
    )
}

/// The sentence for a unit missing from the survey file, in either language.
pub(crate) fn not_in_survey(unit: &str, file: &str, lang: Lang) -> String {
    say(Sentence::NotInSurvey { unit, file }, lang)
}

/// Why a leaf's points differ from the rule's rounded value, in words.
pub(crate) fn describe_override(
    o: crate::model::scorecard::Override,
    rounded: Decimal,
    points: Decimal,
    lang: Lang,
) -> String {
    use crate::model::scorecard::Override;
    match o {
        Override::EvidencePolicy => say(Sentence::ZeroedForEvidence { rounded }, lang),
        Override::Appraiser => say(Sentence::SetByAppraiser { points, rounded }, lang),
    }
}

/// The measure and the branch of a leaf in words, as a trace line says them:
/// `912/1000 = 91.2%; tier 2: ≥ 90% → 2`, with "no survey held" first for a survey item
/// of a unit that held none.
pub(crate) fn describe_trace(
    card: &Scorecard,
    n: &crate::model::scorecard::ScoreNode,
    lang: Lang,
) -> String {
    let Some(t) = &n.trace else {
        return String::new();
    };
    let mut s = describe_leaf(&t.rule, n.max, t.measure.as_ref(), &t.branch, lang);
    if matches!(t.rule, crate::model::rule::Rule::Survey) && !card.survey.held {
        s.insert_str(0, label(Label::NoSurveyHeldBefore, lang));
    }
    s
}

/// A stage's name for people: `self` → *Tự chấm* / *Self-assessed*, `appraisal-2` →
/// *Thẩm định lần 2* / *Appraisal 2*, `explanation` → *Giải trình*, `final` → *Thẩm định
/// chính thức* / *Final*; other names as they are.
///
/// ```
/// use par_index::Lang;
/// use par_index::report::words::stage_label;
/// assert_eq!(stage_label("appraisal-1", Lang::Vi), "Thẩm định lần 1");
/// assert_eq!(stage_label("final", Lang::En), "Final");
/// ```
#[must_use]
pub fn stage_label(stage: &str, lang: crate::model::text::Lang) -> String {
    match stage {
        "self" => label(Label::StageSelf, lang).into(),
        "explanation" => label(Label::StageExplanation, lang).into(),
        "final" => label(Label::StageFinal, lang).into(),
        other => match other.strip_prefix("appraisal-") {
            Some(n) => say(Sentence::AppraisalRound { n }, lang),
            None => other.to_owned(),
        },
    }
}
