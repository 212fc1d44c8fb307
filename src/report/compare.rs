//! Year over year in words: a [`Comparison`] or a [`BatchComparison`] as Markdown (Vietnamese
//! or English) and as JSON.

use crate::report::labels::{Label, Sentence, label, say};
use rust_decimal::Decimal;

use crate::analysis::compare::{BaselineKind, BatchComparison, Cause, CauseKind, Comparison, Line};
use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;
use crate::report::out::markdown::md_cell;

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

    /// The comparison as Markdown: the baseline and every predecessor, the index and total,
    /// each area, and each item that changed with its causes.
    ///
    /// ```
    /// use par_index::{catalog, analysis::compare, Lang};
    /// let card = catalog::sample_scorecard();
    /// let mut last = card.clone();
    /// last.period = "2023".into(); // the same numbers, a year before
    /// let md = compare(&card, &[last.clone()], None, None).to_markdown(Lang::En);
    /// assert!(md.contains("| PAR Index | 95.29 | 95.29 | 0 |"));
    /// ```
    #[must_use]
    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut o = format!(
            "# {} — {} ({}), {}\n\n",
            label(Label::YearOverYear, lang),
            self.unit.name,
            self.unit.code,
            self.period
        );
        o.push_str(&self.baseline_md(lang));
        if self.basis == BaselineKind::None {
            return o;
        }
        let heads = self.predecessor_columns();
        let multi = !heads.is_empty();
        let head_row = |first: &str| -> String {
            let mut h = format!(
                "| {first} | {} | {} | {} |",
                label(Label::LastYear, lang),
                label(Label::Now, lang),
                label(Label::Change, lang)
            );
            for c in &heads {
                h.push_str(&format!(" {c} |"));
            }
            h.push_str("\n|---|---:|---:|---:|");
            for _ in &heads {
                h.push_str("---:|");
            }
            h.push('\n');
            h
        };
        let row = |label: &str, c: &crate::analysis::compare::Change| -> String {
            let mut r = format!(
                "| {label} | {} | {} | {} |",
                num(c.before, lang),
                fmt_decimal(c.after, lang),
                signed(c.change, lang)
            );
            if multi {
                for e in &c.each {
                    r.push_str(&format!(" {} |", num(*e, lang)));
                }
            }
            r.push('\n');
            r
        };
        o.push_str(&format!("## {}\n\n", label(Label::Results, lang)));
        o.push_str(&head_row(""));
        o.push_str(&row(label(Label::Index, lang), &self.index));
        o.push_str(&row(label(Label::TotalPointsLong, lang), &self.total));
        o.push_str(&row(label(Label::Bonus, lang), &self.bonus));
        o.push_str(&row(label(Label::Penalty, lang), &self.penalty));
        o.push_str(&format!("\n## {}\n\n", label(Label::AreasSheet, lang)));
        o.push_str(&head_row(label(Label::Area, lang)));
        for a in &self.areas {
            let mut label = format!("{} {}", a.code, md_cell(a.title.get(lang)));
            if !a.causes.is_empty() {
                label.push_str(&format!(" ({})", causes(a, lang)));
            }
            o.push_str(&row(&label, &a.points));
        }
        o.push_str(&format!(
            "\n## {}\n\n",
            label(Label::ItemsThatChangedAndWhy, lang)
        ));
        if self.items.is_empty() {
            o.push_str(label(Label::NoItemChangedN, lang));
            return o;
        }
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |",
            label(Label::Code, lang),
            label(Label::Criterion, lang),
            label(Label::LastYear, lang),
            label(Label::Now, lang),
            label(Label::Change, lang),
            label(Label::Causes, lang),
        ));
        for c in &heads {
            o.push_str(&format!(" {c} |"));
        }
        o.push_str("\n|---|---|---:|---:|---:|---|");
        for _ in &heads {
            o.push_str("---:|");
        }
        o.push('\n');
        for l in &self.items {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |",
                l.code,
                md_cell(l.title.get(lang)),
                num(l.points.before, lang),
                fmt_decimal(l.points.after, lang),
                signed(l.points.change, lang),
                md_cell(&causes(l, lang)),
            ));
            if multi {
                for e in &l.points.each {
                    o.push_str(&format!(" {} |", num(*e, lang)));
                }
            }
            o.push('\n');
        }
        o
    }

    fn baseline_md(&self, lang: Lang) -> String {
        let mut o = String::new();
        o.push_str(basis_words(self.basis, lang));
        o.push_str("\n\n");
        o.push_str(&self.baseline_tables_md(lang));
        o
    }

    fn baseline_tables_md(&self, lang: Lang) -> String {
        let mut o = String::new();
        if !self.predecessors.is_empty() {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---:|---|---:|\n",
                label(Label::Unit, lang),
                label(Label::PeriodShort, lang),
                label(Label::Methodology, lang),
                label(Label::IndexShort, lang),
                label(Label::Band, lang),
                label(Label::Weight, lang),
            ));
            for p in &self.predecessors {
                o.push_str(&format!(
                    "| {} ({}) | {} | {} | {} | {} | {} |\n",
                    md_cell(&p.unit.name),
                    md_cell(&p.unit.code),
                    md_cell(&p.period),
                    md_cell(&p.methodology),
                    fmt_decimal(p.index, lang),
                    md_cell(p.band.get(lang)),
                    fmt_decimal(p.weight, lang),
                ));
            }
            o.push('\n');
        }
        if !self.missing.is_empty() {
            o.push_str(label(Label::PredecessorsWithNoResultAmong, lang));
            for p in &self.missing {
                o.push_str(&format!("- {} ({})\n", p.code, p.year));
            }
            o.push('\n');
        }
        if self
            .predecessors
            .iter()
            .any(|p| p.methodology != self.methodology)
        {
            o.push_str(&say(
                Sentence::ScoredUnderAnother {
                    methodology: &self.methodology,
                },
                lang,
            ));
            o.push_str("\n\n");
        }
        o
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

    /// The batch as Markdown: the units that rose most and fell most, with the areas that
    /// moved most, then every unit, then the units with no previous result.
    ///
    /// ```
    /// let now = par_index::catalog::sample_scorecard();
    /// let mut last = now.clone();
    /// last.period = "2023".into();
    /// let md = par_index::analysis::compare_batch(&[now.clone()], &[last], None, None).to_markdown(par_index::Lang::En);
    /// assert!(md.contains("| Xã Đồng Tâm (NG-01) | 95.29 | 95.29 | 0 |"));
    /// ```
    #[must_use]
    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut o = format!("# {}\n\n", label(Label::PARIndexYearOverYear, lang));
        let table = |units: &[&Comparison]| -> String {
            let mut t = format!(
                "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|\n",
                label(Label::Unit, lang),
                label(Label::LastYear, lang),
                label(Label::Now, lang),
                label(Label::Change, lang),
                label(Label::AreasThatMovedMost, lang),
            );
            for c in units {
                t.push_str(&format!(
                    "| {} ({}){} | {} | {} | {} | {} |\n",
                    md_cell(&c.unit.name),
                    md_cell(&c.unit.code),
                    md_cell(&merged_from(c)),
                    num(c.index.before, lang),
                    fmt_decimal(c.index.after, lang),
                    signed(c.index.change, lang),
                    moved_areas(c, lang)
                ));
            }
            t
        };
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
        if !rose.is_empty() {
            o.push_str(&format!("## {}\n\n", label(Label::RoseMost, lang)));
            o.push_str(&table(&rose));
            o.push('\n');
        }
        if !fell.is_empty() {
            o.push_str(&format!("## {}\n\n", label(Label::FellMost, lang)));
            o.push_str(&table(&fell));
            o.push('\n');
        }
        o.push_str(&format!(
            "## {} ({})\n\n",
            label(Label::EveryUnitWithAPrevious, lang),
            self.units.len()
        ));
        o.push_str(&table(&self.units.iter().collect::<Vec<_>>()));
        o.push_str(label(Label::NAMergedUnitIsCompared, lang));
        if !self.without_baseline.is_empty() {
            o.push_str(&format!(
                "\n## {} ({})\n\n",
                label(Label::NoPreviousResult, lang),
                self.without_baseline.len()
            ));
            for u in &self.without_baseline {
                o.push_str(&format!("- {} ({})\n", md_cell(&u.name), md_cell(&u.code)));
            }
        }
        o
    }
}
