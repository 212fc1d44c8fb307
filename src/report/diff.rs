//! The appraisal minute in words: a diff between two stages as Markdown or CSV.

use crate::analysis::diff::{Diff, DiffRow};
use crate::model::text::Lang;
use crate::report::describe::{describe_measure, fmt_decimal};
use crate::report::document::{Block, Cell, Column, Document, Fact, Medium, Row, Table};
use crate::report::labels::{Label, label};

impl Diff {
    /// The reason of a row in words: the appraiser's decision and reason.
    fn reason(r: &DiffRow, lang: Lang) -> String {
        let Some(a) = &r.appraisal else {
            return match measure_words(r, lang) {
                Some((f, t)) => format!("{f} → {t}"),
                None => String::new(),
            };
        };
        let mut parts = Vec::new();
        if let Some((f, t)) = measure_words(r, lang) {
            parts.push(format!("{} {f} → {t}", label(Label::MeasureWord, lang)));
        }
        if !a.rejected_evidence.is_empty() {
            parts.push(format!(
                "{} {}",
                label(Label::EvidenceRejected, lang),
                a.rejected_evidence.join(", ")
            ));
        }
        if !a.added_evidence.is_empty() {
            parts.push(format!(
                "{} {}",
                label(Label::EvidenceAdded, lang),
                a.added_evidence.join(", ")
            ));
        }
        if let Some(p) = a.set_points {
            parts.push(format!(
                "{} {}",
                label(Label::PointsSetTo, lang),
                fmt_decimal(p, lang)
            ));
        }
        if let Some(reason) = &a.reason {
            parts.push(reason.clone());
        }
        parts.join("; ")
    }

    fn who(r: &DiffRow) -> String {
        r.appraisal
            .as_ref()
            .map(|a| format!("{} ({})", a.by, a.stage))
            .unwrap_or_default()
    }

    /// The minute as a document: a table of every item, area and total that changed from
    /// stage `from` to stage `to` (the names to show for them), with the difference, the
    /// reason and who decided, then the index and band before and after. Every format of the
    /// minute renders this document.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let doc = par_index::appraisal::diff(&card, &card).to_document("Tự chấm", "Thẩm định", par_index::Lang::Vi);
    /// assert_eq!(doc.title, "Biên bản thẩm định — Xã Đồng Tâm: Tự chấm → Thẩm định");
    /// ```
    #[must_use]
    pub fn to_document(&self, from: &str, to: &str, lang: Lang) -> Document {
        let w = |l| label(l, lang);
        let mut doc = Document::new(
            format!("{} — {}: {from} → {to}", w(Label::MinuteTitle), self.unit),
            lang,
        );
        let mut t = Table::new(
            w(Label::ChangesSheet),
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Item), 44),
                Column::points(from),
                Column::points(to),
                Column::points(w(Label::Difference)),
                Column::text(w(Label::Reason), 48),
                Column::text(w(Label::DecidedBy), 28),
            ],
        );
        if self.rows.is_empty() {
            doc.blocks
                .push(Block::Paragraph(w(Label::NoChangeSentence).to_owned()));
            // A table of no change: its heading alone, for the media that want a table.
            doc.blocks
                .push(Block::only(&[Medium::Csv], Block::Table(t)));
            return doc;
        }

        for r in &self.rows {
            let code = match &r.code {
                Some(c) if r.leaf => Cell::text(c.to_string()),
                Some(c) => Cell::text(c.to_string()).strong(),
                None => Cell::Empty,
            };
            let title = match &r.title {
                None => Cell::text(w(Label::TotalPoints)).strong(),
                Some(t) => Cell::text(t.get(lang)),
            };
            t.rows.push(Row::new(vec![
                code,
                title,
                Cell::Points(r.from),
                Cell::Points(r.to),
                Cell::Change(r.change),
                Cell::Text(Diff::reason(r, lang)),
                Cell::Text(Diff::who(r)),
            ]));
        }
        doc.blocks.push(Block::Table(t));
        let mut facts = Vec::new();
        if let Some((a, b)) = self.index {
            facts.push(Fact::new(
                w(Label::Index),
                format!("{}% → {}%", fmt_decimal(a, lang), fmt_decimal(b, lang)),
            ));
        }
        if let Some((a, b)) = &self.band {
            facts.push(Fact::new(
                w(Label::Band),
                format!("{} → {}", a.get(lang), b.get(lang)),
            ));
        }
        if !facts.is_empty() {
            doc.blocks.push(Block::Facts(facts));
        }
        doc
    }
}

/// An appraisal minute ready to render: the diff and the names of its two stages.
///
/// ```
/// use par_index::{appraisal::diff, report::{render, Format}, Lang};
/// let card = par_index::catalog::sample_scorecard();
/// let d = diff(&card, &card);
/// let out = render(&d.minute("Tự chấm", "Thẩm định"), Format::Csv, Lang::Vi).unwrap();
/// assert!(out.as_text().unwrap().starts_with("\u{feff}Mã,Nội dung,Tự chấm,Thẩm định,"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Minute<'a> {
    /// What changed.
    pub diff: &'a Diff,
    /// The name to show for the first stage.
    pub from: &'a str,
    /// The name to show for the second stage.
    pub to: &'a str,
}

impl Diff {
    /// The minute of this diff between stages shown as `from` and `to`, to render.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let d = par_index::appraisal::diff(&card, &card);
    /// assert_eq!(d.minute("a", "b").to, "b");
    /// ```
    #[must_use]
    pub fn minute<'a>(&'a self, from: &'a str, to: &'a str) -> Minute<'a> {
        Minute {
            diff: self,
            from,
            to,
        }
    }
}

impl crate::report::output::Report for Minute<'_> {
    fn to_document(&self, lang: Lang) -> Document {
        self.diff.to_document(self.from, self.to, lang)
    }
    fn to_json(&self, _lang: Lang) -> String {
        let mut s = serde_json::to_string_pretty(self.diff).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The two measures of a row whose measure changed, in words (`—` when unanswered).
fn measure_words(r: &DiffRow, lang: Lang) -> Option<(String, String)> {
    let words = |m: &Option<crate::model::rule::Measure>| {
        m.as_ref()
            .map_or_else(|| "—".to_owned(), |m| describe_measure(m, lang))
    };
    r.measures.as_ref().map(|(f, t)| (words(f), words(t)))
}
