//! Analysis of scorecards, data out and no prose: what would earn more points (gains),
//! where points were lost (gaps, by office and area), readiness before sending, the
//! difference between two stages (the appraisal minute), rankings, year over year, and what
//! changed between two methodologies.
//!
//! Inside the crate it depends on the model and the engine only.
//!
//! ```
//! use par_index::analysis::{gaps, improvements};
//! let card = par_index::catalog::sample_scorecard();
//! let g = gaps(&card);
//! assert_eq!(g.unit.code, "NG-01");
//! let leaf = card.find(&"3.4.2".parse().unwrap()).unwrap();
//! assert!(!improvements(leaf).is_empty());
//! ```

pub(crate) mod compare;
pub(crate) mod diff;
pub(crate) mod gain;
pub(crate) mod gaps;
pub(crate) mod mdiff;
pub(crate) mod rank;
pub(crate) mod readiness;

pub use compare::{
    Baseline, BaselineKind, BatchComparison, Cause, CauseKind, Change, Compared, Comparison, Line,
    compare, compare_batch, compare_results,
};
pub use gain::{Improvement, Step, improvements};
pub use gaps::{BatchGaps, GapGroup, GapItem, Gaps, ItemLoss, batch_gaps, gaps};
pub use rank::{
    AreaCell, AreaStats, BandCount, BlockRanking, RankRow, RankedBlock, Ranking, Stats, rank,
    rank_by_roster, rank_by_roster_sets,
};
