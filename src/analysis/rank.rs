//! Ranking: units ordered by index (ties broken by the appraised points), ranks per area,
//! band counts and statistics. Data only; `report` says it in words.

use crate::model::exact::round_points;
use crate::model::scorecard::Scorecard;
use crate::model::submission::Unit;
use crate::model::text::Text;
use rust_decimal::Decimal;
use serde::Serialize;

/// Mean, median, minimum and maximum of a column.
///
/// ```
/// use par_index::analysis::Stats;
/// use rust_decimal::Decimal;
/// let s = Stats::of(&[1.into(), 2.into(), 4.into()]).unwrap();
/// assert_eq!((s.mean, s.median, s.min, s.max), (Decimal::new(233, 2), 2.into(), 1.into(), 4.into()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Stats {
    /// The mean, rounded to 2 decimals half away from zero.
    pub mean: Decimal,
    /// The median (the mean of the middle two for an even count), rounded the same way.
    pub median: Decimal,
    /// The smallest.
    pub min: Decimal,
    /// The largest.
    pub max: Decimal,
}

impl Stats {
    /// The statistics of some values; `None` when there are none.
    ///
    /// ```
    /// assert!(par_index::analysis::Stats::of(&[]).is_none());
    /// let s = par_index::analysis::Stats::of(&[3.into(), 1.into(), 2.into(), 10.into()]).unwrap();
    /// assert_eq!(s.median, rust_decimal::Decimal::new(25, 1)); // (2 + 3) / 2
    /// ```
    #[must_use]
    pub fn of(values: &[Decimal]) -> Option<Stats> {
        let mut v = values.to_vec();
        v.sort();
        let n = Decimal::from(v.len());
        let sum = v.iter().try_fold(Decimal::ZERO, |a, x| a.checked_add(*x))?;
        let mean = sum.checked_div(n)?;
        let mid = v.len() / 2;
        let median = if v.len().is_multiple_of(2) {
            v.get(mid.checked_sub(1)?)?
                .checked_add(*v.get(mid)?)?
                .checked_div(Decimal::TWO)?
        } else {
            *v.get(mid)?
        };
        Some(Stats {
            mean: round_points(mean).normalize(),
            median: round_points(median).normalize(),
            min: *v.first()?,
            max: *v.last()?,
        })
    }
}

/// An area's points and rank in one unit's row.
///
/// ```
/// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
/// let c = &r.rows[0].areas[0];
/// assert_eq!((c.code.as_str(), c.rank, c.tied), ("1", 1, false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AreaCell {
    /// The area's code.
    pub code: crate::model::code::Code,
    /// Points.
    pub points: Decimal,
    /// Rank among the units (1 = best), ties shared.
    pub rank: usize,
    /// Whether another unit has the same points in this area.
    pub tied: bool,
}

/// One unit of a ranking.
///
/// ```
/// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
/// assert_eq!(r.rows[0].rank, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RankRow {
    /// Rank (1 = best); units equal in index and appraised points share it.
    pub rank: usize,
    /// Whether the rank is shared.
    pub tied: bool,
    /// The unit.
    pub unit: Unit,
    /// The index.
    pub index: Decimal,
    /// The total.
    pub total: Decimal,
    /// Points of the appraised (non-survey) items: the second ranking key.
    pub appraised: Decimal,
    /// The band's label.
    pub band: Text,
    /// Points and rank per area, in the methodology's area order.
    pub areas: Vec<AreaCell>,
    /// The survey file the unit is missing from, when it is: it was scored without a survey,
    /// as the methodology provides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_in_survey: Option<String>,
}

/// How many units fell in a band.
///
/// ```
/// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
/// assert_eq!(r.bands.iter().map(|b| b.count).sum::<usize>(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BandCount {
    /// The band.
    pub label: Text,
    /// Its lowest index.
    pub min: Decimal,
    /// Units in it.
    pub count: usize,
}

/// An area's statistics over the units.
///
/// ```
/// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
/// assert_eq!(r.areas[0].code.as_str(), "1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AreaStats {
    /// The area's code.
    pub code: crate::model::code::Code,
    /// Its title.
    pub title: Text,
    /// Its maximum.
    pub max: Decimal,
    /// The statistics of its points.
    pub stats: Stats,
}

/// A ranking of units with bands, band counts, per-area ranks and statistics.
///
/// ```
/// let r = par_index::analysis::rank(&[par_index::catalog::sample_scorecard()]);
/// assert_eq!(r.index.unwrap().max, rust_decimal::Decimal::new(9529, 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Ranking {
    /// The methodology id.
    pub methodology: String,
    /// The units, best first.
    pub rows: Vec<RankRow>,
    /// Units per band, best band first (every band of the methodology, even when empty).
    pub bands: Vec<BandCount>,
    /// Per-area statistics.
    pub areas: Vec<AreaStats>,
    /// Statistics of the index.
    pub index: Option<Stats>,
    /// Statistics of the total.
    pub total: Option<Stats>,
    /// Inputs that could not be scored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<BatchFailure>,
}

/// Rank scorecards (of one methodology) by the documented keys: index, then appraised
/// points, then unit code; equal index and appraised points share a rank.
///
/// ```
/// use par_index::{catalog, analysis::rank, score, Submission};
/// let m = catalog::default_methodology();
/// let a = par_index::catalog::sample_scorecard();
/// let mut s = par_index::catalog::sample_submission();
/// s.unit.code = "NG-00".into();
/// let b = score(m, &s).unwrap(); // the same facts under another code
/// let r = rank(&[a, b]);
/// let ranks: Vec<(usize, bool, &str)> = r.rows.iter().map(|x| (x.rank, x.tied, x.unit.code.as_str())).collect();
/// assert_eq!(ranks, [(1, true, "NG-00"), (1, true, "NG-01")]);
/// ```
#[must_use]
pub fn rank(cards: &[Scorecard]) -> Ranking {
    rank_refs(&cards.iter().collect::<Vec<_>>())
}

pub(crate) fn rank_refs(cards: &[&Scorecard]) -> Ranking {
    let areas = cards
        .first()
        .map(|c| AreaHead::of(&c.areas))
        .unwrap_or_default();
    let methodology = cards
        .first()
        .map(|c| c.methodology.id.clone())
        .unwrap_or_default();
    rank_entries(
        cards.iter().map(|c| RankEntry::of(c)).collect(),
        &areas,
        methodology,
    )
}

/// What a ranking keeps of a scorecard: a few numbers per unit, so that a batch can be
/// ranked as it is scored, without keeping the scorecards.
#[derive(Debug, Clone)]
pub(crate) struct RankEntry {
    unit: Unit,
    index: Decimal,
    total: Decimal,
    appraised: Decimal,
    band: Text,
    band_min: Decimal,
    areas: Vec<(crate::model::code::Code, Decimal)>,
    not_in_survey: Option<String>,
}

impl RankEntry {
    pub(crate) fn of(c: &Scorecard) -> RankEntry {
        RankEntry::from_parts(
            &c.unit,
            (c.index, c.total, c.appraised.points),
            &c.band,
            &c.areas,
            &c.survey,
        )
    }

    /// A unit's entry from the figures a streamed batch keeps.
    pub(crate) fn of_figures(f: &crate::engine::score::Figures) -> RankEntry {
        RankEntry::from_parts(
            &f.unit,
            (f.index, f.total, f.appraised.points),
            &f.band,
            &f.areas,
            &f.survey,
        )
    }

    fn from_parts(
        unit: &crate::model::submission::Unit,
        (index, total, appraised): (Decimal, Decimal, Decimal),
        band: &crate::model::scorecard::BandRef,
        areas: &[crate::model::scorecard::ScoreNode],
        survey: &crate::model::scorecard::SurveyPart,
    ) -> RankEntry {
        RankEntry {
            unit: unit.clone(),
            index,
            total,
            appraised,
            band: band.label.clone(),
            band_min: band.min,
            areas: areas.iter().map(|a| (a.code.clone(), a.points)).collect(),
            not_in_survey: survey
                .not_in_source
                .then(|| survey.source.clone().unwrap_or_default()),
        }
    }
}

/// An area as a ranking heads it: code, title, max.
#[derive(Debug, Clone, Default)]
/// Titles are shared with the scorecard (a head is taken of every unit of a streamed batch).
pub(crate) struct AreaHead(Vec<(crate::model::code::Code, std::sync::Arc<Text>, Decimal)>);

impl AreaHead {
    pub(crate) fn of(areas: &[crate::model::scorecard::ScoreNode]) -> AreaHead {
        AreaHead(
            areas
                .iter()
                .map(|a| (a.code.clone(), a.title.clone(), a.max))
                .collect(),
        )
    }
}

/// Rank units from their entries; `areas` heads the per-area statistics (the areas of the
/// first scorecard, which are the methodology's).
pub(crate) fn rank_entries(
    entries: Vec<RankEntry>,
    areas: &AreaHead,
    methodology: String,
) -> Ranking {
    use rayon::prelude::*;
    // The sorts and the rows are independent per area and per unit: on all cores (every
    // sort is stable or sorts values whose order among equals is not shown).
    let mut order = entries;
    order.par_sort_by(|a, b| {
        b.index
            .cmp(&a.index)
            .then_with(|| b.appraised.cmp(&a.appraised))
            .then_with(|| a.unit.code.cmp(&b.unit.code))
    });
    let key = |c: &RankEntry| (c.index, c.appraised);
    let area_count = areas.0.len();
    // Area points of every unit, per area, for area ranks.
    let area_points: Vec<Vec<Decimal>> = (0..area_count)
        .map(|i| {
            order
                .iter()
                .map(|c| c.areas.get(i).map(|a| a.1).unwrap_or_default())
                .collect()
        })
        .collect();
    // Each area's points sorted best first: a unit's rank is 1 + the number of better values.
    let sorted: Vec<Vec<Decimal>> = area_points
        .par_iter()
        .map(|col| {
            let mut c = col.clone();
            c.sort_unstable_by(|a, b| b.cmp(a));
            c
        })
        .collect();
    let place = |col: &[Decimal], x: Decimal| {
        let better = col.partition_point(|p| *p > x);
        let upto = col.partition_point(|p| *p >= x);
        (better, upto.saturating_sub(better))
    };
    // `order` is sorted by the keys: equal keys are adjacent.
    let keys: Vec<(Decimal, Decimal)> = order.iter().map(key).collect();
    let mut bands: Vec<BandCount> = Vec::new();
    for c in &order {
        match bands.iter_mut().find(|b| b.label == c.band) {
            Some(b) => b.count = b.count.saturating_add(1),
            None => bands.push(BandCount {
                label: c.band.clone(),
                min: c.band_min,
                count: 1,
            }),
        }
    }
    bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    let area_stats = areas
        .0
        .par_iter()
        .enumerate()
        .filter_map(|(i, (code, title, max))| {
            Some(AreaStats {
                code: code.clone(),
                title: title.as_ref().clone(),
                max: *max,
                stats: Stats::of(area_points.get(i)?)?,
            })
        })
        .collect();
    let column = |f: fn(&RankEntry) -> Decimal| -> Vec<Decimal> { order.iter().map(f).collect() };
    let index = Stats::of(&column(|c| c.index));
    let total = Stats::of(&column(|c| c.total));
    let rows: Vec<RankRow> = order
        .into_par_iter()
        .map(|c| {
            let k = key(&c);
            let better = keys.partition_point(|o| *o > k);
            let same = keys.partition_point(|o| *o >= k).saturating_sub(better);
            let areas = c
                .areas
                .into_iter()
                .enumerate()
                .map(|(i, (code, points))| {
                    let col = sorted.get(i).map(Vec::as_slice).unwrap_or_default();
                    let (better, same) = place(col, points);
                    AreaCell {
                        code,
                        points,
                        rank: better.saturating_add(1),
                        tied: same > 1,
                    }
                })
                .collect();
            RankRow {
                rank: better.saturating_add(1),
                tied: same > 1,
                unit: c.unit,
                index: c.index,
                total: c.total,
                appraised: c.appraised,
                band: c.band,
                areas,
                not_in_survey: c.not_in_survey,
            }
        })
        .collect();
    Ranking {
        methodology,
        rows,
        bands,
        areas: area_stats,
        index,
        total,
        failures: Vec::new(),
    }
}

/// An input of a batch that could not be scored, with why; the rest are scored.
///
/// ```
/// let (m, s) = (par_index::catalog::default_methodology(), par_index::catalog::sample_submission());
/// let twice = vec![("a.json".into(), s.clone()), ("b.json".into(), s)];
/// let b = par_index::batch::score_batch(m, twice, vec![], None, &mut |_, _| {});
/// assert_eq!(b.failures[0].file, "b.json");
/// let problem = &b.failures[0].error.problems()[0];
/// assert_eq!(problem.kind, par_index::ProblemKind::DuplicateCode);
/// assert!(problem.message.contains("each unit must be given once"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BatchFailure {
    /// The file (empty for a failure of no one file: a folder that could not be walked,
    /// nothing found).
    pub file: String,
    /// What went wrong: every problem of the file, located, or why it was not read or
    /// scored. Written into JSON as its message.
    pub error: crate::error::Error,
}

impl Ranking {
    /// Every band of `bands` listed, those with no unit with 0, best first.
    pub(crate) fn list_bands<'b>(&mut self, bands: impl Iterator<Item = (&'b Text, Decimal)>) {
        for (label, min) in bands {
            if !self.bands.iter().any(|x| &x.label == label) {
                self.bands.push(BandCount {
                    label: label.clone(),
                    min,
                    count: 0,
                });
            }
        }
        self.bands.sort_by_key(|b| std::cmp::Reverse(b.min));
    }
}

/// A ranking by roster: each block ranked on its own, the whole list, the roster's units
/// with no scorecard, and the units scored that are not on the roster.
///
/// ```
/// use par_index::{catalog, analysis::rank, analysis::rank_by_roster, Roster};
/// let card = catalog::sample_scorecard(); // NG-01, index 95.29
/// let roster = Roster::from_toml_str(r#"
/// [[units]]
/// code = "NG-01"
/// name = "Xã Đồng Tâm"
/// kind = "xa"
/// block = "xa"
/// [[units]]
/// code = "NG-02"
/// name = "Phường Mới"
/// kind = "phuong"
/// block = "phuong"
/// "#, None).unwrap();
/// let b = rank_by_roster(&rank(&[card]), &roster, false);
/// assert_eq!(b.blocks[0].ranking.rows[0].rank, 1);
/// assert!(b.blocks[1].ranking.rows.is_empty());
/// assert_eq!(b.missing[0].code, "NG-02"); // on the roster, no scorecard
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct BlockRanking {
    /// The roster's title.
    pub roster: String,
    /// Each block, in the roster's order, ranked on its own.
    pub blocks: Vec<RankedBlock>,
    /// Every unit ranked together (the units not on the roster only when included).
    pub whole: Ranking,
    /// Units on the roster with no scorecard.
    pub missing: Vec<crate::model::roster::RosterUnit>,
    /// Units scored that are not on the roster.
    pub unlisted: Vec<Unit>,
    /// Whether the units not on the roster are ranked in the whole list.
    pub unlisted_included: bool,
}

/// One block of a [`BlockRanking`].
///
/// ```
/// let b = par_index::analysis::RankedBlock {
///     block: par_index::roster::Block { id: "xa".into(), name: "Xã".into() },
///     ranking: par_index::analysis::rank(&[]),
/// };
/// assert!(b.ranking.rows.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedBlock {
    /// The block.
    pub block: crate::model::roster::Block,
    /// Its units ranked among themselves: ranks, band counts, statistics.
    pub ranking: Ranking,
}

/// Rank each block of `roster` on its own, from the ranking of every unit: the same keys
/// and ties as [`rank`], within the block. Units not on the roster are listed, and ranked in
/// the whole list only when `include_unlisted`.
#[must_use]
pub fn rank_by_roster(
    whole: &Ranking,
    roster: &crate::model::roster::Roster,
    include_unlisted: bool,
) -> BlockRanking {
    rank_by_roster_sets(std::slice::from_ref(whole), roster, include_unlisted)
}

/// [`rank_by_roster`] from the rankings of units scored against different methodologies (a
/// province's departments under one set, its communes and wards under another; see
/// [`crate::Options::rank_files_by_set`]). A block whose units share a methodology is ranked
/// with its areas; a block or a whole list that mixes methodologies is ranked by index and
/// appraised points only (areas differ), its `methodology` naming every set, joined by `+`.
///
/// ```
/// use par_index::{catalog, analysis::rank, analysis::rank_by_roster_sets, score, Roster};
/// let a = catalog::sample_scorecard(); // NG-01 under commune-2024-model, index 95.29
/// let b = par_index::scorecard::score_carried(catalog::get("commune-2025-model").unwrap(), &catalog::sample_submission(), None).unwrap();
/// let mut b = b; b.unit.code = "P-01".into(); // 93.51 under commune-2025-model
/// let roster = Roster::from_csv_str("code,name,kind,block\nNG-01,Xã Đồng Tâm,xa,Khối xã\nP-01,Phường Một,phuong,Khối phường\n", None).unwrap();
/// let r = rank_by_roster_sets(&[rank(&[a]), rank(&[b])], &roster, false);
/// assert_eq!(r.blocks[0].ranking.methodology, "commune-2024-model");
/// assert_eq!(r.blocks[0].ranking.areas.len(), 9);
/// assert_eq!(r.whole.methodology, "commune-2024-model+commune-2025-model");
/// assert!(r.whole.areas.is_empty()); // ranked by index only
/// assert_eq!(r.whole.rows[1].unit.code, "P-01");
/// ```
#[must_use]
pub fn rank_by_roster_sets(
    rankings: &[Ranking],
    roster: &crate::model::roster::Roster,
    include_unlisted: bool,
) -> BlockRanking {
    // Every row with the ranking it comes from.
    let all: Vec<(&RankRow, &Ranking)> = rankings
        .iter()
        .flat_map(|r| r.rows.iter().map(move |row| (row, r)))
        .collect();
    let subset = |keep: &dyn Fn(&RankRow) -> bool| -> Ranking {
        let rows: Vec<&(&RankRow, &Ranking)> = all.iter().filter(|(r, _)| keep(r)).collect();
        // The sets the rows come from, in the rankings' order (by address: one each).
        let mut sets: Vec<&Ranking> = Vec::new();
        for (_, from) in &rows {
            if !sets.iter().any(|s| std::ptr::eq(*s, *from)) {
                sets.push(from);
            }
        }
        if sets.is_empty() {
            sets.extend(rankings.first());
        }
        let single = sets.len() == 1;
        let areas = match (single, sets.first()) {
            (true, Some(r)) => AreaHead(
                r.areas
                    .iter()
                    .map(|a| (a.code.clone(), std::sync::Arc::new(a.title.clone()), a.max))
                    .collect(),
            ),
            _ => AreaHead::default(),
        };
        let entries = rows
            .iter()
            .map(|(r, from)| RankEntry {
                unit: r.unit.clone(),
                index: r.index,
                total: r.total,
                appraised: r.appraised,
                band: r.band.clone(),
                band_min: from
                    .bands
                    .iter()
                    .find(|b| b.label == r.band)
                    .map_or(Decimal::ZERO, |b| b.min),
                areas: if single {
                    r.areas.iter().map(|a| (a.code.clone(), a.points)).collect()
                } else {
                    Vec::new()
                },
                not_in_survey: r.not_in_survey.clone(),
            })
            .collect();
        let id = sets
            .iter()
            .map(|r| r.methodology.as_str())
            .collect::<Vec<_>>()
            .join("+");
        let mut out = rank_entries(entries, &areas, id);
        for r in &sets {
            out.list_bands(r.bands.iter().map(|b| (&b.label, b.min)));
        }
        out
    };
    // Codes match without regard to ASCII case; one lookup table each way.
    let listed: std::collections::BTreeMap<String, &crate::model::roster::RosterUnit> = roster
        .units
        .iter()
        .map(|u| (u.code.to_ascii_lowercase(), u))
        .collect();
    let ranked: std::collections::BTreeSet<String> = all
        .iter()
        .map(|(r, _)| r.unit.code.to_ascii_lowercase())
        .collect();
    let listing = |r: &RankRow| listed.get(&r.unit.code.to_ascii_lowercase()).copied();
    let on_roster = |r: &RankRow| listing(r).is_some();
    let blocks = roster
        .blocks
        .iter()
        .map(|b| RankedBlock {
            block: b.clone(),
            ranking: subset(&|r: &RankRow| listing(r).is_some_and(|u| u.block == b.id)),
        })
        .collect();
    let failures: Vec<BatchFailure> = rankings.iter().flat_map(|r| r.failures.clone()).collect();
    let mut whole_ranked = if include_unlisted {
        subset(&|_| true)
    } else {
        subset(&on_roster)
    };
    whole_ranked.failures = failures;
    BlockRanking {
        roster: roster.title.clone(),
        blocks,
        whole: whole_ranked,
        missing: roster
            .units
            .iter()
            .filter(|u| !ranked.contains(&u.code.to_ascii_lowercase()))
            .cloned()
            .collect(),
        unlisted: all
            .iter()
            .filter(|(r, _)| !on_roster(r))
            .map(|(r, _)| r.unit.clone())
            .collect(),
        unlisted_included: include_unlisted,
    }
}
