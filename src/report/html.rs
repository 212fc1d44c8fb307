//! Printable reports (`--format html`): one self-contained file per report (inline CSS and
//! SVG, no script, nothing fetched), Vietnamese by default, an A4 print stylesheet with page
//! breaks and table headers repeated on every page.
//!
//! The charts are hand-written SVG: bars and a grid, whose labels the browser lays out in
//! the page's own font (Vietnamese text stays text, selectable and searchable). A charting
//! crate's SVG backend would need a font library to measure text, and the output would then
//! depend on the fonts installed; these charts need no measuring. Sizes are computed in
//! decimals, like every number of the crate.

use crate::analysis::rank::Ranking;
use crate::engine::stages::StageCard;
use crate::model::scorecard::Scorecard;
use crate::model::text::Lang;

impl Scorecard {
    /// The scorecard as a printable HTML report: its document ([`Scorecard::to_document`])
    /// as a page: the index, band and total large, each area's points as bars and a table,
    /// the parts of the total, the points lost and why, what the appraiser should look at,
    /// and every item with its evidence from a new page.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let html = card.to_html(par_index::Lang::Vi);
    /// assert!(html.starts_with("<!DOCTYPE html>"));
    /// assert!(html.contains("Xã Đồng Tâm") && html.contains("<svg"));
    /// assert!(!html.contains("<script") && !html.contains("<link")); // self-contained
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        crate::report::out::to_html(&self.to_document(lang))
    }
}

impl Ranking {
    /// The ranking as a printable HTML report ([`Ranking::to_document`] as a page): the
    /// units' indices as bars coloured by band, the count per band, an area-by-unit heat map
    /// (each area's points as a share of its max), the ranking table and the statistics.
    ///
    /// ```
    /// let batch = par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    /// let r = par_index::batch::rank_batch(&batch, par_index::catalog::default_methodology());
    /// let html = r.to_html(par_index::Lang::Vi);
    /// assert!(html.contains("Xã Đồng Tâm") && html.matches("<svg").count() == 3);
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        crate::report::out::to_html(&self.to_document(lang))
    }
}

impl crate::analysis::rank::BlockRanking {
    /// The ranking by roster as a printable HTML report: the blocks' summary, each block's
    /// ranking (bars by band, band counts, heat map, table, statistics) from a new page under
    /// the block's name, then the whole list, the roster's units with no result and the
    /// units not on the roster.
    ///
    /// ```
    /// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, Lang, Roster};
    /// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,Khối xã\nNG-99,Xã Khác,xa,Khối xã\n", None).unwrap();
    /// let b = rank_by_roster(&rank(&[catalog::sample_scorecard()]), &roster, false);
    /// let html = b.to_html(Lang::Vi);
    /// assert!(html.contains("<h2 class=\"page\">Khối xã (1 đơn vị)</h2>"));
    /// assert!(html.contains("Xã Khác (NG-99)"));
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        crate::report::out::to_html(&self.to_document(lang))
    }
}

/// The appraisal of one unit as a printable HTML report: each stage's total, index and band
/// as a table and its index as bars, what changed from the self-assessment to the last
/// stage, and the last stage's scorecard.
///
/// ```
/// use par_index::{catalog, Lang};
/// let m = catalog::default_methodology();
/// let stages = par_index::appraisal::score_stages(m, &catalog::sample_submission(), &[], None).unwrap();
/// let html = par_index::report::render_stages_html(&stages, Lang::Vi);
/// assert!(html.contains("Tự chấm") && html.contains("Xã Đồng Tâm"));
/// ```
#[must_use]
pub fn render_stages_html(cards: &[StageCard], lang: Lang) -> String {
    crate::report::out::to_html(&crate::report::stages::stages_document(cards, lang))
}

/// The colour of a change: green up, red down, grey level or unknown.
impl crate::analysis::compare::Comparison {
    /// The comparison as a printable HTML report ([`Self::to_document`] as a page): the
    /// index this year against the baseline, how the baseline was built and every
    /// predecessor, each area's points as a bar (green up, red down) and in a table with each
    /// predecessor's, and the items that changed with their causes.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let mut last = card.clone();
    /// last.period = "2023".into(); // the same numbers, a year before
    /// let html = par_index::analysis::compare(&card, &[last], None, None).to_html(par_index::Lang::En);
    /// assert!(html.contains("id=\"index\">95.29<") && html.contains("<svg"));
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        crate::report::out::to_html(&self.to_document(lang))
    }
}

impl crate::analysis::compare::BatchComparison {
    /// The comparison of many units as a printable HTML report ([`Self::to_document`] as a
    /// page): each unit's index this year as a bar (green up, red down, with the change), the
    /// units that rose and fell most with the areas that moved them, every unit, and the
    /// units with no previous result.
    ///
    /// ```
    /// let now = par_index::catalog::sample_scorecard();
    /// let html = par_index::analysis::compare_batch(&[now.clone()], &[now], None, None).to_html(par_index::Lang::Vi);
    /// assert!(html.contains("Xã Đồng Tâm") && html.contains("<svg"));
    /// ```
    #[must_use]
    pub fn to_html(&self, lang: Lang) -> String {
        crate::report::out::to_html(&self.to_document(lang))
    }
}
