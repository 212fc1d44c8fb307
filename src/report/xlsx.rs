//! Excel outputs (`--format xlsx`): a scorecard with every item, a ranking with per-area
//! points and ranks and bands in colour, gaps by office, and the appraisal minute. Numbers
//! are Excel numbers (decimals written as `report/form.rs` writes them: exactly, or as text);
//! words in Vietnamese or English. The same input gives the same bytes.

use crate::report::labels::{Label, label};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, ConditionalFormat3ColorScale, Workbook};

use crate::analysis::rank::Ranking;
use crate::error::Error;
use crate::model::scorecard::Scorecard;
use crate::model::text::Lang;
use crate::report::out::xlsx::{Styles, Table, V, done, excel_error, sheet, t, workbook};

/// The fill of a band by its place among the bands, best first: green to red.
fn band_color(place: usize, bands: usize) -> Color {
    const SCALE: [u32; 5] = [
        0x00C6_EFCE,
        0x00E2_F0D9,
        0x00FF_F2CC,
        0x00FC_E4D6,
        0x00FF_C7CE,
    ];
    let last = bands.saturating_sub(1).max(1);
    let i = place
        .saturating_mul(SCALE.len().saturating_sub(1))
        .checked_div(last)
        .unwrap_or(0);
    Color::RGB(SCALE.get(i).copied().unwrap_or(0x00FF_FFFF))
}

impl Scorecard {
    /// The scorecard as an Excel workbook: its document ([`Scorecard::to_document`]) as
    /// sheets: the figures, notes and check codes; each area; the points lost and why;
    /// every item with its points, max, points lost, measure, how it was scored, evidence,
    /// explanation and flags; and the bonus and penalty entries.
    ///
    /// # Errors
    ///
    /// [`Error::Output`] when the workbook cannot be written.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let bytes = card.to_xlsx(par_index::Lang::Vi).unwrap();
    /// assert_eq!(&bytes[..2], b"PK"); // a zip archive, as every .xlsx
    /// ```
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, Error> {
        crate::report::out::to_xlsx(&self.to_document(lang))
    }
}

impl Ranking {
    /// The ranking as an Excel workbook: rank, unit, index, total and band (coloured by
    /// band, best green to worst red), each area's points and rank; the count per band; and
    /// the statistics of the index, the total and each area.
    ///
    /// ```
    /// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// let r = par_index::batch::rank_batch(&batch, par_index::catalog::default_methodology());
    /// assert_eq!(&r.to_xlsx(par_index::Lang::En).unwrap()[..2], b"PK");
    /// ```
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, Error> {
        let s = Styles::new();
        let mut wb = workbook(&self.methodology).map_err(excel_error)?;
        let title = format!(
            "{} ({})",
            label(Label::PARIndexRanking, lang),
            self.methodology
        );
        self.ranking_sheet(
            &mut wb,
            label(Label::RankingHeading, lang),
            &title,
            lang,
            &s,
        )?;
        self.band_and_stats_sheets(&mut wb, ("", &title), lang, &s)?;
        done(&mut wb)
    }

    /// The ranking table on a sheet: bands filled by place, the index as a colour scale.
    fn ranking_sheet(
        &self,
        wb: &mut Workbook,
        name: &str,
        title: &str,
        lang: Lang,
        s: &Styles,
    ) -> Result<(), Error> {
        let mut head: Vec<(String, u16)> = vec![
            (label(Label::Rank, lang).into(), 7),
            (label(Label::Code, lang).into(), 10),
            (label(Label::Unit, lang).into(), 26),
            (label(Label::IndexShort, lang).into(), 9),
            (label(Label::TotalPoints, lang).into(), 10),
            (label(Label::Band, lang).into(), 14),
        ];
        for a in &self.areas {
            head.push((format!("{} {}", a.code, label(Label::PointsLower, lang)), 9));
            head.push((format!("{} {}", a.code, label(Label::RankLower, lang)), 8));
        }
        let head_ref: Vec<(&str, u16)> = head.iter().map(|(h, w)| (h.as_str(), *w)).collect();
        let mut table = Table::new(name, title.to_owned(), &head_ref);
        for r in &self.rows {
            let mut row = vec![
                V::Rank {
                    rank: r.rank,
                    tied: r.tied,
                },
                t(r.unit.code.as_str()),
                t(r.unit.name.as_str()),
                V::Num(r.index),
                V::Num(r.total),
                t(r.band.get(lang)),
            ];
            for a in &r.areas {
                row.push(V::Num(a.points));
                row.push(V::Rank {
                    rank: a.rank,
                    tied: a.tied,
                });
            }
            table.push(row, false);
        }
        let ws = sheet(wb, &table, s).map_err(excel_error)?;
        // Bands in colour, and the index as a colour scale.
        for (i, r) in self.rows.iter().enumerate() {
            let place = self
                .bands
                .iter()
                .position(|b| b.label == r.band)
                .unwrap_or(0);
            let fill = s
                .cell
                .clone()
                .set_background_color(band_color(place, self.bands.len()));
            let row = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(3);
            ws.write_string_with_format(row, 5, r.band.get(lang), &fill)
                .map_err(excel_error)?;
        }
        if !self.rows.is_empty() {
            let last = u32::try_from(self.rows.len())
                .unwrap_or(u32::MAX)
                .saturating_add(2);
            ws.add_conditional_format(3, 3, last, 3, &ConditionalFormat3ColorScale::new())
                .map_err(excel_error)?;
        }
        ws.set_freeze_panes(3, 3).map_err(excel_error)?;
        Ok(())
    }

    /// The count per band and the statistics, on two sheets (their names after `prefix`).
    fn band_and_stats_sheets(
        &self,
        wb: &mut Workbook,
        (prefix, title): (&str, &str),
        lang: Lang,
        s: &Styles,
    ) -> Result<(), Error> {
        let mut bands = Table::new(
            &format!("{prefix}{}", label(Label::Bands, lang)),
            label(Label::UnitsPerBand, lang).to_owned(),
            &[
                (label(Label::Band, lang), 18),
                (label(Label::FromIndex, lang), 12),
                (label(Label::UnitCount, lang), 10),
            ],
        );
        for b in &self.bands {
            bands.push(
                vec![t(b.label.get(lang)), V::Num(b.min), V::Int(b.count)],
                false,
            );
        }
        sheet(wb, &bands, s).map_err(excel_error)?;

        let mut stats = Table::new(
            &format!("{prefix}{}", label(Label::Statistics, lang)),
            title.to_owned(),
            &[
                (label(Label::What, lang), 40),
                (label(Label::Max, lang), 9),
                (label(Label::Mean, lang), 10),
                (label(Label::Median, lang), 10),
                (label(Label::LowestHeading, lang), 10),
                (label(Label::HighestHeading, lang), 10),
            ],
        );
        let line = |name: String, max: V, st: &crate::analysis::rank::Stats| {
            vec![
                t(name),
                max,
                V::Num(st.mean),
                V::Num(st.median),
                V::Num(st.min),
                V::Num(st.max),
            ]
        };
        if let Some(st) = &self.index {
            stats.push(
                line(
                    label(Label::Index, lang).into(),
                    V::Num(Decimal::ONE_HUNDRED),
                    st,
                ),
                true,
            );
        }
        if let Some(st) = &self.total {
            stats.push(
                line(label(Label::TotalPoints, lang).into(), V::Blank, st),
                true,
            );
        }
        for a in &self.areas {
            stats.push(
                line(
                    format!("{} {}", a.code, a.title.get(lang)),
                    V::Num(a.max),
                    &a.stats,
                ),
                false,
            );
        }
        sheet(wb, &stats, s).map_err(excel_error)?;
        Ok(())
    }
}

impl crate::analysis::rank::BlockRanking {
    /// The ranking by roster as an Excel workbook: a summary (units and band counts per
    /// block, the roster's units with no result, the units not on it), then each block's
    /// ranking on its own sheet (named after the block), then the whole list with its band
    /// counts and statistics.
    ///
    /// ```
    /// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, Lang, Roster};
    /// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,Khối xã\n", None).unwrap();
    /// let b = rank_by_roster(&rank(&[catalog::sample_scorecard()]), &roster, false);
    /// assert_eq!(&b.to_xlsx(Lang::Vi).unwrap()[..2], b"PK");
    /// ```
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, Error> {
        let s = Styles::new();
        let mut wb = workbook(&self.roster).map_err(excel_error)?;
        let title = self.title(lang);
        let mut head: Vec<(String, u16)> = vec![
            (label(Label::Block, lang).into(), 24),
            (label(Label::UnitCount, lang).into(), 10),
        ];
        head.extend(
            self.whole
                .bands
                .iter()
                .map(|b| (b.label.get(lang).to_owned(), 11)),
        );
        let head_ref: Vec<(&str, u16)> = head.iter().map(|(h, w)| (h.as_str(), *w)).collect();
        let mut summary = Table::new(label(Label::Summary, lang), title.clone(), &head_ref);
        let count = |r: &Ranking| -> Vec<V> {
            let mut row = vec![V::Int(r.rows.len())];
            row.extend(r.bands.iter().map(|b| V::Int(b.count)));
            row
        };
        for k in &self.blocks {
            let mut row = vec![t(k.block.name.as_str())];
            row.extend(count(&k.ranking));
            summary.push(row, false);
        }
        let mut row = vec![t(label(Label::AllUnits, lang))];
        row.extend(count(&self.whole));
        summary.push(row, true);
        for (label, units) in [
            (
                label(Label::NoResult, lang),
                self.missing
                    .iter()
                    .map(|u| format!("{} ({})", u.name, u.code))
                    .collect::<Vec<_>>(),
            ),
            (
                label(Label::NotOnTheRoster, lang),
                self.unlisted
                    .iter()
                    .map(|u| format!("{} ({})", u.name, u.code))
                    .collect(),
            ),
        ] {
            if !units.is_empty() {
                summary.push(
                    vec![t(label), V::Int(units.len()), t(units.join(", "))],
                    false,
                );
            }
        }
        sheet(&mut wb, &summary, &s).map_err(excel_error)?;
        // Sheet names: at most 31 characters, none of `[]:*?/\`, each once.
        let mut used: Vec<String> = Vec::new();
        let mut name_of = |name: &str| -> String {
            let clean: String = name
                .chars()
                .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
                .take(28)
                .collect();
            let mut n = clean.clone();
            let mut i: u32 = 2;
            while used.iter().any(|u| u.eq_ignore_ascii_case(&n)) {
                n = format!("{clean} {i}");
                i = i.saturating_add(1);
            }
            used.push(n.clone());
            n
        };
        name_of(label(Label::Summary, lang));
        for k in &self.blocks {
            let name = name_of(&k.block.name);
            k.ranking.ranking_sheet(
                &mut wb,
                &name,
                &format!("{title}: {}", k.block.name),
                lang,
                &s,
            )?;
        }
        let whole = name_of(label(Label::AllUnits, lang));
        self.whole
            .ranking_sheet(&mut wb, &whole, &title, lang, &s)?;
        self.whole
            .band_and_stats_sheets(&mut wb, ("", &title), lang, &s)?;
        done(&mut wb)
    }
}
