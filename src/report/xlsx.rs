//! Excel outputs (`--format xlsx`): a scorecard with every item, a ranking with per-area
//! points and ranks and bands in colour, gaps by office, and the appraisal minute. Numbers
//! are Excel numbers (decimals written as `report/form.rs` writes them: exactly, or as text);
//! words in Vietnamese or English. The same input gives the same bytes.

use crate::analysis::rank::Ranking;
use crate::error::Error;
use crate::model::scorecard::Scorecard;
use crate::model::text::Lang;

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
    /// The ranking as an Excel workbook ([`Ranking::to_document`] as sheets): rank, unit,
    /// index, total and band (filled by band, best green to worst red; the index as a colour
    /// scale), each area's points and rank; the count per band; and the statistics of the
    /// index, the total and each area.
    ///
    /// # Errors
    ///
    /// [`Error::Output`] when the workbook cannot be written.
    ///
    /// ```
    /// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// let r = par_index::batch::rank_batch(&batch, par_index::catalog::default_methodology());
    /// assert_eq!(&r.to_xlsx(par_index::Lang::En).unwrap()[..2], b"PK");
    /// ```
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, Error> {
        crate::report::out::to_xlsx(&self.to_document(lang))
    }
}

impl crate::analysis::rank::BlockRanking {
    /// The ranking by roster as an Excel workbook: a summary (units and band counts per
    /// block, the roster's units with no result, the units not on it), then each block's
    /// ranking on its own sheet (named after the block), then the whole list with its band
    /// counts and statistics.
    ///
    /// # Errors
    ///
    /// [`Error::Output`] when the workbook cannot be written.
    ///
    /// ```
    /// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, Lang, Roster};
    /// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,Khối xã\n", None).unwrap();
    /// let b = rank_by_roster(&rank(&[catalog::sample_scorecard()]), &roster, false);
    /// assert_eq!(&b.to_xlsx(Lang::Vi).unwrap()[..2], b"PK");
    /// ```
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, Error> {
        crate::report::out::to_xlsx(&self.to_document(lang))
    }
}
