//! A ranking in words: Markdown (Vietnamese or English), CSV and JSON.

use crate::analysis::rank::{RankRow, Ranking};
use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;
use crate::report::labels::{Label, Sentence, label, say};
use crate::report::out::csv::csv_line;
use rust_decimal::Decimal;

/// The rows of a ranking as serde_json's pretty form writes them as the value of a key of the
/// top-level object, in chunks (written on all cores; each row's lines indented two levels).
fn rows_json(rows: &[RankRow]) -> Vec<String> {
    use rayon::prelude::*;
    const INDENT: &str = "    ";
    rows.par_chunks(256)
        .map(|chunk| {
            let mut out = String::new();
            for (i, r) in chunk.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                out.push_str(INDENT);
                let one = serde_json::to_string_pretty(r).unwrap_or_default();
                // A newline inside a string is escaped: every raw one starts a line.
                for (k, line) in one.split('\n').enumerate() {
                    if k > 0 {
                        out.push('\n');
                        out.push_str(INDENT);
                    }
                    out.push_str(line);
                }
            }
            out
        })
        .collect()
}

impl Ranking {
    /// The ranking as pretty JSON.
    ///
    /// ```
    /// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
    /// assert!(r.to_json().contains("\"rank\": 1"));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // The rows, most of a large ranking, are written on all cores, each as serde_json
        // writes it at its depth, and put in the place of the empty list of the rest.
        let rest = Ranking {
            methodology: self.methodology.clone(),
            rows: Vec::new(),
            bands: self.bands.clone(),
            areas: self.areas.clone(),
            index: self.index,
            total: self.total,
            failures: self.failures.clone(),
        };
        let mut s = serde_json::to_string_pretty(&rest).unwrap_or_default();
        // A newline is escaped inside a JSON string, so this is the key of the top level.
        const EMPTY: &str = "\n  \"rows\": [],\n";
        let at = match s.find(EMPTY) {
            Some(at) if !self.rows.is_empty() => at,
            Some(_) => {
                s.push('\n');
                return s;
            }
            None => {
                let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
                s.push('\n');
                return s;
            }
        };
        let (head, tail) = s.split_at(at);
        let tail = tail.get(EMPTY.len()..).unwrap_or_default();
        let parts = rows_json(&self.rows);
        let len = parts
            .iter()
            .map(|p| p.len().saturating_add(2))
            .sum::<usize>();
        let mut out = String::with_capacity(len.saturating_add(s.len()).saturating_add(24));
        out.push_str(head);
        out.push_str("\n  \"rows\": [\n");
        // Each chunk is dropped once copied.
        for (i, p) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            out.push_str(&p);
        }
        out.push_str("\n  ],\n");
        out.push_str(tail);
        out.push('\n');
        out
    }

    fn rank_label(r: &RankRow) -> String {
        if r.tied {
            format!("{}=", r.rank)
        } else {
            r.rank.to_string()
        }
    }

    /// The ranking as Markdown: the table (rank, unit, index, total, band, each area's
    /// points with its rank), band counts, statistics, and the failures.
    ///
    /// ```
    /// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
    /// let md = r.to_markdown(par_index::Lang::Vi);
    /// assert!(md.contains("| 1 | Xã Đồng Tâm (NG-01) | 95,29 |"));
    /// ```
    #[must_use]
    pub fn to_markdown(&self, lang: Lang) -> String {
        crate::model::text::printable(&self.markdown_raw(lang)).into_owned()
    }

    fn markdown_raw(&self, lang: Lang) -> String {
        let d = |x: Decimal| fmt_decimal(x, lang);
        let mut o = format!(
            "# {} ({})\n\n",
            label(Label::PARIndexRanking, lang),
            self.methodology
        );
        let mut head = vec![
            label(Label::Rank, lang).to_owned(),
            label(Label::Unit, lang).to_owned(),
            label(Label::IndexShort, lang).to_owned(),
            label(Label::TotalPoints, lang).to_owned(),
            label(Label::Band, lang).to_owned(),
        ];
        head.extend(self.areas.iter().map(|a| a.code.to_string()));
        o.push_str(&format!("| {} |\n", head.join(" | ")));
        o.push_str(&format!(
            "|---:|---|---:|---:|---|{}\n",
            "---:|".repeat(self.areas.len())
        ));
        for r in &self.rows {
            let mut cells = vec![
                Ranking::rank_label(r),
                format!("{} ({})", r.unit.name, r.unit.code),
                d(r.index),
                d(r.total),
                r.band.get(lang).to_owned(),
            ];
            if r.not_in_survey.is_some()
                && let Some(c) = cells.get_mut(1)
            {
                c.push_str(" ¹");
            }
            cells.extend(r.areas.iter().map(|a| {
                format!(
                    "{} ({}{})",
                    d(a.points),
                    a.rank,
                    if a.tied { "=" } else { "" }
                )
            }));
            let cells: Vec<String> = cells
                .iter()
                .map(|c| crate::report::out::markdown::md_cell(c))
                .collect();
            o.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        if self.rows.iter().any(|r| r.not_in_survey.is_some()) {
            o.push_str(label(Label::NNotInTheSurvey, lang));
        }
        o.push_str(label(Label::NRankedByIndexThenAppraised, lang));
        o.push_str(&format!("\n## {}\n\n", label(Label::UnitsPerBand, lang)));
        for b in &self.bands {
            o.push_str(&format!(
                "- {} (≥ {}): {}\n",
                b.label.get(lang),
                d(b.min),
                b.count
            ));
        }
        o.push_str(&format!(
            "\n## {}\n\n| {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|\n",
            label(Label::Statistics, lang),
            label(Label::Code, lang),
            label(Label::Area, lang),
            label(Label::Max, lang),
            label(Label::Mean, lang),
            label(Label::Median, lang),
            label(Label::MinMax, lang),
        ));
        for a in &self.areas {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} – {} |\n",
                a.code,
                crate::report::out::markdown::md_cell(a.title.get(lang)),
                d(a.max),
                d(a.stats.mean),
                d(a.stats.median),
                d(a.stats.min),
                d(a.stats.max)
            ));
        }
        if let Some(s) = &self.index {
            o.push_str(&format!(
                "| | **{}** | 100 | {} | {} | {} – {} |\n",
                label(Label::Index, lang),
                d(s.mean),
                d(s.median),
                d(s.min),
                d(s.max)
            ));
        }
        if !self.failures.is_empty() {
            o.push_str(&format!("\n## {}\n\n", label(Label::NotScored, lang)));
            for f in &self.failures {
                o.push_str(&format!(
                    "- {}\n",
                    f.error.to_string().replace('\n', "\n  ")
                ));
            }
        }
        o
    }

    /// The ranking as CSV: UTF-8 with a byte-order mark (spreadsheet programs then read the
    /// Vietnamese text correctly), one row per unit, decimals with a point.
    ///
    /// ```
    /// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
    /// let csv = r.to_csv();
    /// assert!(csv.starts_with("\u{feff}Hạng,Mã đơn vị,Đơn vị,Chỉ số,Tổng điểm,Điểm thẩm định,Xếp loại,"));
    /// ```
    pub fn to_csv(&self) -> String {
        let mut o = String::from("\u{feff}");
        let mut head: Vec<String> = [
            Label::Rank,
            Label::UnitCode,
            Label::Unit,
            Label::IndexShort,
            Label::TotalPoints,
            Label::AppraisedPoints,
            Label::Band,
        ]
        .map(|l| label(l, Lang::Vi).to_owned())
        .to_vec();
        for a in &self.areas {
            let code = a.code.to_string();
            head.push(say(Sentence::AreaColumn { code: &code }, Lang::Vi));
            head.push(say(Sentence::AreaRankColumn { code: &code }, Lang::Vi));
        }
        head.push(label(Label::Note, Lang::Vi).to_owned());
        o.push_str(&csv_line(
            &head.iter().map(String::as_str).collect::<Vec<_>>(),
        ));
        for r in &self.rows {
            let mut cells = vec![
                Ranking::rank_label(r),
                r.unit.code.clone(),
                r.unit.name.clone(),
                r.index.to_string(),
                r.total.to_string(),
                r.appraised.to_string(),
                r.band.vi.clone(),
            ];
            for a in &r.areas {
                cells.push(a.points.to_string());
                cells.push(format!("{}{}", a.rank, if a.tied { "=" } else { "" }));
            }
            cells.push(
                r.not_in_survey
                    .as_deref()
                    .map(|file| crate::report::render::not_in_survey(&r.unit.code, file, Lang::En))
                    .unwrap_or_default(),
            );
            o.push_str(&csv_line(
                &cells.iter().map(String::as_str).collect::<Vec<_>>(),
            ));
        }
        o
    }
}

impl crate::analysis::rank::BlockRanking {
    /// The ranking by roster as pretty JSON.
    ///
    /// ```
    /// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, Roster};
    /// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,xa\n", None).unwrap();
    /// let b = rank_by_roster(&rank(&[catalog::sample_scorecard()]), &roster, false);
    /// assert!(b.to_json().contains("\"blocks\""));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report's title: `Xếp hạng Chỉ số CCHC theo khối — {roster}`.
    pub(crate) fn title(&self, lang: Lang) -> String {
        let t = label(Label::RankingByBlock, lang);
        if self.roster.is_empty() {
            t.to_owned()
        } else {
            format!("{t} — {}", self.roster)
        }
    }

    /// When the whole list mixes methodologies, what it is ranked by, in words.
    pub(crate) fn mixed_note(&self, lang: Lang) -> Option<String> {
        let sets: Vec<&str> = self.whole.methodology.split('+').collect();
        (sets.len() > 1).then(|| {
            say(
                Sentence::MixedMethodologies {
                    sets: &sets.join(", "),
                },
                lang,
            )
        })
    }

    /// The ranking by roster as Markdown: each block's ranking under its name, then the
    /// whole list, the roster's units with no result and the units not on the roster.
    ///
    /// ```
    /// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, Lang, Roster};
    /// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,Khối xã\nNG-99,Xã Khác,xa,Khối xã\n", None).unwrap();
    /// let b = rank_by_roster(&rank(&[catalog::sample_scorecard()]), &roster, false);
    /// let md = b.to_markdown(Lang::Vi);
    /// assert!(md.contains("## Khối xã (1 đơn vị)"));
    /// assert!(md.contains("- Xã Khác (NG-99)"));
    /// ```
    #[must_use]
    pub fn to_markdown(&self, lang: Lang) -> String {
        let units = label(Label::Units, lang);
        let demote = |md: String| -> String {
            md.lines()
                .map(|l| {
                    if l.starts_with('#') {
                        format!("##{l}")
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut o = format!("# {}\n\n", self.title(lang));
        for b in &self.blocks {
            o.push_str(&format!(
                "## {} ({} {units})\n\n",
                b.block.name,
                b.ranking.rows.len()
            ));
            // The block's own ranking, its title dropped (the block's name heads it).
            let md = b.ranking.to_markdown(lang);
            let body = md.split_once("\n\n").map_or(md.as_str(), |(_, rest)| rest);
            o.push_str(&demote(body.to_owned()));
            o.push_str("\n\n");
        }
        o.push_str(&format!(
            "## {} ({} {units})\n\n",
            label(Label::AllUnits, lang),
            self.whole.rows.len()
        ));
        if let Some(note) = self.mixed_note(lang) {
            o.push_str(&note);
            o.push_str("\n\n");
        }
        let md = self.whole.to_markdown(lang);
        let body = md.split_once("\n\n").map_or(md.as_str(), |(_, rest)| rest);
        o.push_str(&demote(body.to_owned()));
        o.push_str("\n\n");
        if !self.missing.is_empty() {
            o.push_str(&format!(
                "## {} ({})\n\n",
                label(Label::UnitsOnTheRosterWith, lang),
                self.missing.len()
            ));
            for u in &self.missing {
                o.push_str(&format!("- {} ({})\n", u.name, u.code));
            }
            o.push('\n');
        }
        if !self.unlisted.is_empty() {
            o.push_str(&format!(
                "## {} ({})\n\n",
                label(
                    if self.unlisted_included {
                        Label::UnlistedRanked
                    } else {
                        Label::UnlistedNotRanked
                    },
                    lang
                ),
                self.unlisted.len()
            ));
            for u in &self.unlisted {
                o.push_str(&format!("- {} ({})\n", u.name, u.code));
            }
            o.push('\n');
        }
        crate::model::text::printable(&o).into_owned()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
    use crate::analysis::rank::Ranking;

    fn serde_form(r: &Ranking) -> String {
        serde_json::to_string_pretty(r).unwrap() + "\n"
    }

    /// The JSON written with its rows on all cores is serde_json's pretty form, byte for
    /// byte: no row, one, many over several chunks, text with newlines, quotes and
    /// controls, with failures and without.
    #[test]
    fn a_ranking_is_written_as_serde_writes_it() {
        let one = crate::analysis::rank::rank(&[crate::catalog::sample_scorecard()]);
        assert_eq!(one.to_json(), serde_form(&one));
        let mut none = one.clone();
        none.rows.clear();
        assert_eq!(none.to_json(), serde_form(&none));
        let mut many = one.clone();
        let row = many.rows[0].clone();
        for i in 0..1000 {
            let mut r = row.clone();
            r.unit.name = format!("Xã \"{i}\"\n\t\u{1}\\ \"rows\": [],\n");
            r.rank = i + 2;
            many.rows.push(r);
        }
        many.methodology = "m\n  \"rows\": [],\n".into();
        assert_eq!(many.to_json(), serde_form(&many));
        many.failures.push(crate::analysis::rank::BatchFailure {
            file: "a.json".into(),
            error: crate::error::Error::Interrupted {
                file: "a.json".into(),
            },
        });
        assert_eq!(many.to_json(), serde_form(&many));
    }
}
