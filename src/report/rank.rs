//! A ranking as a document (every format but JSON renders it) and as JSON.

use crate::analysis::rank::{RankRow, Ranking, Stats};
use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;
use crate::report::document::{
    Bar, Bars, Block, Cell, Column, Document, HeatColumn, HeatMap, HeatRow, Medium, Row, Swatch,
    Table, Tone,
};
use crate::report::labels::{Label, Sentence, label, say};
use rust_decimal::Decimal;

/// A unit's points and rank in each area, as the sheet and the CSV list them (two columns
/// an area).
fn area_cells(r: &RankRow) -> impl Iterator<Item = Cell> + '_ {
    r.areas.iter().flat_map(|a| {
        [
            Cell::Points(a.points),
            Cell::Rank {
                rank: a.rank,
                tied: a.tied,
            },
        ]
    })
}

/// How a ranking is laid out in a document: on its own, or as a part of a ranking by roster.
pub(crate) struct Layout<'a> {
    /// The depth of its headings (2 on its own, 4 inside a block).
    pub(crate) level: u8,
    /// The name of its table's sheet in a workbook.
    pub(crate) sheet: &'a str,
    /// Whether the count of units heads it (a block's heading says it already).
    pub(crate) count: bool,
    /// Whether a workbook gets its band counts and statistics as sheets.
    pub(crate) summaries: bool,
}

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

    /// The ranking as a document ([`crate::report::render`] writes it in any format): the
    /// table (rank, unit, index, total, band, each area's points with its rank), how it is
    /// ranked, the units per band, the statistics and the units not scored; in HTML also
    /// the indices as bars coloured by band, the band counts and an area-by-unit heat map;
    /// in Excel a sheet for the ranking (ranks as numbers, bands filled by colour, the index
    /// as a colour scale), the band counts and the statistics; in CSV one row per unit.
    ///
    /// ```
    /// use par_index::{report::render, report::Format, Lang};
    /// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
    /// let md = render(&r, Format::Markdown, Lang::Vi).unwrap().into_text().unwrap();
    /// assert!(md.contains("| 1 | Xã Đồng Tâm (NG-01) | 95,29 |"));
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let mut doc = Document::new(
            format!(
                "{} ({})",
                label(Label::PARIndexRanking, lang),
                self.methodology
            ),
            lang,
        );
        doc.blocks = self.blocks(
            &Layout {
                level: 2,
                sheet: label(Label::RankingHeading, lang),
                count: true,
                summaries: true,
            },
            lang,
        );
        doc
    }

    /// The ranking's blocks, laid out on its own or as a part of a larger document.
    pub(crate) fn blocks(&self, at: &Layout<'_>, lang: Lang) -> Vec<Block> {
        const PEOPLE: [Medium; 3] = [Medium::Text, Medium::Markdown, Medium::Html];
        const LINES: [Medium; 2] = [Medium::Text, Medium::Markdown];
        let html = |b: Block| Block::only(&[Medium::Html], b);
        let excel = |b: Block| Block::only(&[Medium::Excel], b);
        let mut b = Vec::new();
        if at.count {
            b.push(html(Block::Note(format!(
                "{} {}",
                self.rows.len(),
                label(Label::Units, lang)
            ))));
        }
        b.extend(self.charts(at.level, lang).into_iter().map(html));
        b.push(Block::only(&PEOPLE, Block::Table(self.table(lang))));
        if self.rows.iter().any(|r| r.not_in_survey.is_some()) {
            b.push(Block::only(
                &PEOPLE,
                Block::Paragraph(label(Label::NotInSurveyFootnote, lang).to_owned()),
            ));
        }
        b.push(Block::only(
            &PEOPLE,
            Block::Paragraph(label(Label::RankingOrder, lang).to_owned()),
        ));
        b.push(excel(Block::Table(self.sheet(at.sheet, lang))));
        b.push(Block::only(&[Medium::Csv], Block::Table(self.csv_table())));
        let heading = |l: Label| Block::Heading(at.level, label(l, lang).to_owned());
        b.push(Block::only(&LINES, heading(Label::UnitsPerBand)));
        b.push(Block::only(
            &LINES,
            Block::List(
                self.bands
                    .iter()
                    .map(|x| {
                        format!(
                            "{} (≥ {}): {}",
                            x.label.get(lang),
                            fmt_decimal(x.min, lang),
                            x.count
                        )
                    })
                    .collect(),
            ),
        ));
        b.push(Block::only(&LINES, heading(Label::Statistics)));
        b.push(Block::only(&LINES, Block::Table(self.stats_lines(lang))));
        if let Some(st) = &self.index {
            let d = |x: Decimal| fmt_decimal(x, lang);
            b.push(html(Block::Note(format!(
                "{}: {} {} · {} {} · {} {} · {} {}",
                label(Label::IndexShort, lang),
                label(Label::MeanLower, lang),
                d(st.mean),
                label(Label::MedianLower, lang),
                d(st.median),
                label(Label::Lowest, lang),
                d(st.min),
                label(Label::Highest, lang),
                d(st.max)
            ))));
        }
        if at.summaries {
            b.push(excel(Block::Table(self.bands_sheet(lang))));
            b.push(excel(Block::Table(self.stats_sheet(lang))));
        }
        if !self.failures.is_empty() {
            b.push(heading(Label::NotScored));
            b.push(Block::List(
                self.failures.iter().map(|f| f.error.to_string()).collect(),
            ));
        }
        b
    }

    /// A band's place among the methodology's bands (the best 0), as a cell of its label.
    fn band(&self, band: &crate::Text, lang: Lang) -> Cell {
        Cell::Band {
            label: band.get(lang).to_owned(),
            place: self.place(band),
            of: self.bands.len(),
        }
    }

    fn place(&self, band: &crate::Text) -> usize {
        self.bands
            .iter()
            .position(|x| &x.label == band)
            .unwrap_or(0)
    }

    /// The charts of the page: the indices as bars by band with their legend, the units per
    /// band, and the areas' heat map; each under its heading, the map and the table after
    /// on pages of their own.
    fn charts(&self, level: u8, lang: Lang) -> Vec<Block> {
        let of = self.bands.len();
        let tone = |band: &crate::Text| Tone::Band {
            place: self.place(band),
            of,
        };
        let heading = |l: Label| Block::Heading(level, label(l, lang).to_owned());
        let units = Decimal::from(self.rows.len().max(1));
        vec![
            heading(Label::IndexByUnit),
            Block::Legend(
                self.bands
                    .iter()
                    .map(|x| Swatch {
                        label: format!("{} (≥ {})", x.label.get(lang), fmt_decimal(x.min, lang)),
                        tone: tone(&x.label),
                    })
                    .collect(),
            ),
            Block::Bars(Bars {
                title: label(Label::IndexByUnit, lang).to_owned(),
                show_max: false,
                bars: self
                    .rows
                    .iter()
                    .map(|r| {
                        let rank = Cell::Rank {
                            rank: r.rank,
                            tied: r.tied,
                        };
                        Bar::new(
                            format!("{} {}", rank.shown(lang), r.unit.name),
                            r.index,
                            Decimal::ONE_HUNDRED,
                            tone(&r.band),
                        )
                        .text(format!(
                            "{} · {}",
                            fmt_decimal(r.index, lang),
                            r.band.get(lang)
                        ))
                    })
                    .collect(),
            }),
            heading(Label::UnitsPerBand),
            Block::Bars(Bars {
                title: label(Label::UnitsPerBand, lang).to_owned(),
                show_max: false,
                bars: self
                    .bands
                    .iter()
                    .map(|x| {
                        Bar::new(
                            x.label.get(lang),
                            Decimal::from(x.count),
                            units,
                            tone(&x.label),
                        )
                    })
                    .collect(),
            }),
            Block::PageBreak,
            heading(Label::HeatMapHeading),
            Block::HeatMap(HeatMap {
                title: label(Label::HeatMap, lang).to_owned(),
                columns: self
                    .areas
                    .iter()
                    .map(|a| HeatColumn {
                        code: a.code.to_string(),
                        title: a.title.get(lang).to_owned(),
                    })
                    .collect(),
                rows: self
                    .rows
                    .iter()
                    .map(|r| HeatRow {
                        label: r.unit.name.clone(),
                        cells: r
                            .areas
                            .iter()
                            .zip(&self.areas)
                            .map(|(c, a)| (c.points, a.max))
                            .collect(),
                    })
                    .collect(),
            }),
            Block::PageBreak,
            heading(Label::Ranking),
        ]
    }

    /// The ranking for people: rank, unit, index, total, band, and each area's points with
    /// the unit's rank in it.
    fn table(&self, lang: Lang) -> Table {
        let mut columns = vec![
            Column::points(label(Label::Rank, lang)),
            Column::text(label(Label::Unit, lang), 30),
            Column::points(label(Label::IndexShort, lang)),
            Column::points(label(Label::TotalPoints, lang)),
            Column::text(label(Label::Band, lang), 14),
        ];
        columns.extend(
            self.areas
                .iter()
                .map(|a| Column::points(a.code.to_string())),
        );
        let mut t = Table::new(label(Label::RankingHeading, lang), columns);
        for r in &self.rows {
            let mut unit = format!("{} ({})", r.unit.name, r.unit.code);
            if r.not_in_survey.is_some() {
                unit.push_str(" ¹");
            }
            let mut cells = vec![
                Cell::Rank {
                    rank: r.rank,
                    tied: r.tied,
                },
                Cell::Text(unit),
                Cell::Points(r.index),
                Cell::Points(r.total),
                self.band(&r.band, lang),
            ];
            cells.extend(r.areas.iter().map(|a| {
                let rank = Cell::Rank {
                    rank: a.rank,
                    tied: a.tied,
                };
                Cell::Text(format!(
                    "{} ({})",
                    fmt_decimal(a.points, lang),
                    rank.shown(lang)
                ))
            }));
            t.rows.push(Row::new(cells));
        }
        t
    }

    /// The ranking as a sheet: the code apart from the name, each area's points and rank in
    /// columns of their own (numbers to sort by), bands filled, the index as a colour scale.
    fn sheet(&self, name: &str, lang: Lang) -> Table {
        let mut columns = vec![
            Column::points(label(Label::Rank, lang)).wide(7),
            Column::code(label(Label::Code, lang)).wide(10),
            Column::text(label(Label::Unit, lang), 26),
            Column::points(label(Label::IndexShort, lang))
                .wide(9)
                .colour_scale(),
            Column::points(label(Label::TotalPoints, lang)),
            Column::text(label(Label::Band, lang), 14),
        ];
        for a in &self.areas {
            columns.push(
                Column::points(format!("{} {}", a.code, label(Label::PointsLower, lang))).wide(9),
            );
            columns.push(
                Column::points(format!("{} {}", a.code, label(Label::RankLower, lang))).wide(8),
            );
        }
        let mut t = Table::new(name, columns);
        t.frozen = 3;
        for r in &self.rows {
            let mut cells = vec![
                Cell::Rank {
                    rank: r.rank,
                    tied: r.tied,
                },
                Cell::text(r.unit.code.as_str()),
                Cell::text(r.unit.name.as_str()),
                Cell::Points(r.index),
                Cell::Points(r.total),
                self.band(&r.band, lang),
            ];
            cells.extend(area_cells(r));
            t.rows.push(Row::new(cells));
        }
        t
    }

    /// The ranking for programs (CSV): one row per unit, the headings in Vietnamese in every
    /// language (a file other tools read by its columns), the note in English.
    fn csv_table(&self) -> Table {
        let vi = |l: Label| Column::text(label(l, Lang::Vi), 12);
        let mut columns = vec![
            vi(Label::Rank),
            vi(Label::UnitCode),
            vi(Label::Unit),
            vi(Label::IndexShort),
            vi(Label::TotalPoints),
            vi(Label::AppraisedPoints),
            vi(Label::Band),
        ];
        for a in &self.areas {
            let code = a.code.to_string();
            columns.push(Column::text(
                say(Sentence::AreaColumn { code: &code }, Lang::Vi),
                9,
            ));
            columns.push(Column::text(
                say(Sentence::AreaRankColumn { code: &code }, Lang::Vi),
                8,
            ));
        }
        columns.push(vi(Label::Note));
        let mut t = Table::new("csv", columns);
        for r in &self.rows {
            let mut cells = vec![
                Cell::Rank {
                    rank: r.rank,
                    tied: r.tied,
                },
                Cell::text(r.unit.code.as_str()),
                Cell::text(r.unit.name.as_str()),
                Cell::Points(r.index),
                Cell::Points(r.total),
                Cell::Points(r.appraised),
                Cell::text(r.band.vi.as_str()),
            ];
            cells.extend(area_cells(r));
            cells.push(Cell::Text(
                r.not_in_survey
                    .as_deref()
                    .map(|file| crate::report::render::not_in_survey(&r.unit.code, file, Lang::En))
                    .unwrap_or_default(),
            ));
            t.rows.push(Row::new(cells));
        }
        t
    }

    /// The statistics in lines: each area's max, mean, median and range, then the index's.
    fn stats_lines(&self, lang: Lang) -> Table {
        let range = |st: &Stats| {
            Cell::Text(format!(
                "{} – {}",
                fmt_decimal(st.min, lang),
                fmt_decimal(st.max, lang)
            ))
        };
        let mut t = Table::new(
            label(Label::Statistics, lang),
            vec![
                Column::text(label(Label::Code, lang), 8),
                Column::text(label(Label::Area, lang), 40),
                Column::points(label(Label::Max, lang)),
                Column::points(label(Label::Mean, lang)),
                Column::points(label(Label::Median, lang)),
                Column::points(label(Label::MinMax, lang)),
            ],
        );
        for a in &self.areas {
            t.rows.push(Row::new(vec![
                Cell::Text(a.code.to_string()),
                Cell::text(a.title.get(lang)),
                Cell::Points(a.max),
                Cell::Points(a.stats.mean),
                Cell::Points(a.stats.median),
                range(&a.stats),
            ]));
        }
        if let Some(st) = &self.index {
            t.rows.push(Row::new(vec![
                Cell::Empty,
                Cell::text(label(Label::Index, lang)).strong(),
                Cell::Points(Decimal::ONE_HUNDRED),
                Cell::Points(st.mean),
                Cell::Points(st.median),
                range(st),
            ]));
        }
        t
    }

    /// The units per band, as a sheet.
    fn bands_sheet(&self, lang: Lang) -> Table {
        let mut t = Table::new(
            label(Label::Bands, lang),
            vec![
                Column::text(label(Label::Band, lang), 18),
                Column::points(label(Label::FromIndex, lang)).wide(12),
                Column::points(label(Label::UnitCount, lang)),
            ],
        );
        for x in &self.bands {
            t.rows.push(Row::new(vec![
                self.band(&x.label, lang),
                Cell::Points(x.min),
                Cell::Count(x.count),
            ]));
        }
        t
    }

    /// The statistics of the index, the total and each area, as a sheet.
    fn stats_sheet(&self, lang: Lang) -> Table {
        let mut t = Table::new(
            label(Label::Statistics, lang),
            vec![
                Column::text(label(Label::What, lang), 40),
                Column::points(label(Label::Max, lang)).wide(9),
                Column::points(label(Label::Mean, lang)),
                Column::points(label(Label::Median, lang)),
                Column::points(label(Label::LowestHeading, lang)),
                Column::points(label(Label::HighestHeading, lang)),
            ],
        );
        let line = |name: String, max: Cell, st: &Stats| {
            vec![
                Cell::Text(name),
                max,
                Cell::Points(st.mean),
                Cell::Points(st.median),
                Cell::Points(st.min),
                Cell::Points(st.max),
            ]
        };
        if let Some(st) = &self.index {
            t.rows.push(Row::total(line(
                label(Label::Index, lang).into(),
                Cell::Points(Decimal::ONE_HUNDRED),
                st,
            )));
        }
        if let Some(st) = &self.total {
            t.rows.push(Row::total(line(
                label(Label::TotalPoints, lang).into(),
                Cell::Empty,
                st,
            )));
        }
        for a in &self.areas {
            t.rows.push(Row::new(line(
                format!("{} {}", a.code, a.title.get(lang)),
                Cell::Points(a.max),
                &a.stats,
            )));
        }
        t
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

    /// The ranking by roster as a document ([`crate::report::render`] writes it in any
    /// format): a summary of the blocks (units and band counts per block), each block's
    /// ranking under its name from a new page, then the whole list, the roster's units with
    /// no result and the units not on the roster. In Excel: the summary, a sheet per block
    /// (named after it), the whole list, its band counts and statistics.
    ///
    /// ```
    /// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, report::render, report::Format, Lang, Roster};
    /// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,Khối xã\nNG-99,Xã Khác,xa,Khối xã\n", None).unwrap();
    /// let b = rank_by_roster(&rank(&[catalog::sample_scorecard()]), &roster, false);
    /// let md = render(&b, Format::Markdown, Lang::Vi).unwrap().into_text().unwrap();
    /// assert!(md.contains("## Khối xã (1 đơn vị)"));
    /// assert!(md.contains("- Xã Khác (NG-99)"));
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        const PEOPLE: [Medium; 3] = [Medium::Text, Medium::Markdown, Medium::Html];
        let units = label(Label::Units, lang);
        let mut doc = Document::new(self.title(lang), lang);
        let b = &mut doc.blocks;
        b.push(Block::only(
            &[Medium::Html],
            Block::Table(self.summary(false, lang)),
        ));
        b.push(Block::only(
            &[Medium::Excel],
            Block::Table(self.summary(true, lang)),
        ));
        let part = |b: &mut Vec<Block>, name: &str, ranking: &Ranking, whole: bool| {
            b.push(Block::PageBreak);
            b.push(Block::Heading(
                2,
                format!("{name} ({} {units})", ranking.rows.len()),
            ));
            if whole && let Some(note) = self.mixed_note(lang) {
                b.push(Block::only(&PEOPLE, Block::Paragraph(note)));
            }
            let at = Layout {
                level: 4,
                sheet: name,
                count: false,
                summaries: whole,
            };
            b.extend(ranking.blocks(&at, lang));
        };
        for k in &self.blocks {
            part(b, &k.block.name, &k.ranking, false);
        }
        part(b, label(Label::AllUnits, lang), &self.whole, true);
        let unlisted = if self.unlisted_included {
            Label::UnlistedRanked
        } else {
            Label::UnlistedNotRanked
        };
        let names = |units: Vec<(&str, &str)>| -> Vec<String> {
            units
                .into_iter()
                .map(|(name, code)| format!("{name} ({code})"))
                .collect()
        };
        for (l, list) in [
            (
                Label::UnitsOnTheRosterWith,
                names(
                    self.missing
                        .iter()
                        .map(|u| (u.name.as_str(), u.code.as_str()))
                        .collect(),
                ),
            ),
            (
                unlisted,
                names(
                    self.unlisted
                        .iter()
                        .map(|u| (u.name.as_str(), u.code.as_str()))
                        .collect(),
                ),
            ),
        ] {
            if list.is_empty() {
                continue;
            }
            b.push(Block::only(
                &PEOPLE,
                Block::Heading(2, format!("{} ({})", label(l, lang), list.len())),
            ));
            b.push(Block::only(&PEOPLE, Block::List(list)));
        }
        doc
    }

    /// Units and band counts per block and in all; in a workbook (`sheet`) also the
    /// roster's units with no result and the units not on it, each on a row.
    fn summary(&self, sheet: bool, lang: Lang) -> Table {
        let mut columns = vec![
            Column::text(label(Label::Block, lang), 24),
            Column::points(label(Label::UnitCount, lang)),
        ];
        columns.extend(
            self.whole
                .bands
                .iter()
                .map(|b| Column::points(b.label.get(lang)).wide(11)),
        );
        let mut t = Table::new(label(Label::Summary, lang), columns);
        // Counted by the whole list's bands, so that every row has a cell for each (a block
        // ranked under another methodology may have fewer bands).
        let count = |name: &str, r: &Ranking| -> Vec<Cell> {
            let mut row = vec![Cell::text(name), Cell::Count(r.rows.len())];
            row.extend(
                self.whole
                    .bands
                    .iter()
                    .map(|b| Cell::Count(r.rows.iter().filter(|u| u.band == b.label).count())),
            );
            row
        };
        for k in &self.blocks {
            t.rows.push(Row::new(count(&k.block.name, &k.ranking)));
        }
        t.rows
            .push(Row::total(count(label(Label::AllUnits, lang), &self.whole)));
        if sheet {
            let missing: Vec<String> = self
                .missing
                .iter()
                .map(|u| format!("{} ({})", u.name, u.code))
                .collect();
            let unlisted: Vec<String> = self
                .unlisted
                .iter()
                .map(|u| format!("{} ({})", u.name, u.code))
                .collect();
            for (l, list) in [
                (Label::NoResult, missing),
                (Label::NotOnTheRoster, unlisted),
            ] {
                if !list.is_empty() {
                    t.rows.push(Row::new(vec![
                        Cell::text(label(l, lang)),
                        Cell::Count(list.len()),
                        Cell::Text(list.join(", ")),
                    ]));
                }
            }
        }
        t
    }
}

impl crate::report::output::Report for Ranking {
    fn to_document(&self, lang: Lang) -> Document {
        Ranking::to_document(self, lang)
    }
    fn to_json(&self, _lang: Lang) -> String {
        Ranking::to_json(self)
    }
}

impl crate::report::output::Report for crate::analysis::rank::BlockRanking {
    fn to_document(&self, lang: Lang) -> Document {
        crate::analysis::rank::BlockRanking::to_document(self, lang)
    }
    fn to_json(&self, _lang: Lang) -> String {
        crate::analysis::rank::BlockRanking::to_json(self)
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
