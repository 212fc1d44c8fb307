//! The catalogue of labels: every label of a report in each language ([`Label`], one
//! table per language in `labels/vi.rs` and `labels/en.rs`), published with the
//! sentences of the reports in [`crate::report::words`].
//!
//! A label is a variant of [`Label`]; each language's table is one exhaustive `match`, so a
//! label missing from a language does not compile. A third language is one more table (and
//! one arm in [`label`]).
//!
//! ```
//! use par_index::report::words::{label, Label};
//! assert_eq!(label(Label::Index, par_index::Lang::Vi), "Chỉ số CCHC");
//! ```

mod en;
mod vi;

use crate::model::text::Lang;

/// A label of a report: a heading, a column's head, a figure's name.
///
/// ```
/// use par_index::report::words::{label, Label};
/// assert_eq!(label(Label::ByOffice, par_index::Lang::En), "By accountable office");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Label {
    /// The PAR Index.
    Index,
    /// Points lost (a figure, a column).
    PointsLost,
    /// Points lost (a column beside what can be won back).
    Lost,
    /// Points that can be won back.
    CanWinBack,
    /// Penalty points.
    Penalty,
    /// A count of items (a column).
    Items,
    /// A code (a column).
    Code,
    /// An item's content (a column).
    Item,
    /// An accountable office (a column).
    Office,
    /// An area (a column).
    Area,
    /// Points out of the maximum (a column).
    PointsOfMax,
    /// Why points were lost (a column).
    Why,
    /// How to win points back (a column).
    HowToWinBack,
    /// A total row.
    Total,
    /// Units (after a count: `12 units`).
    Units,
    /// The number of units that lost points on an item (a column).
    UnitsLosing,
    /// The mean per unit (a column).
    MeanPerUnit,
    /// The heading of the gaps of one unit.
    GapsTitle,
    /// The heading of the gaps of many units.
    BatchGapsTitle,
    /// Section: by accountable office.
    ByOffice,
    /// Section: by area.
    ByArea,
    /// Section: every item, largest gain first.
    ItemsByGain,
    /// Section: the items that lose the most across units.
    ItemsLosingMost,
    /// A chart: points lost by office.
    LostByOfficeChart,
    /// The total points lost (a column across units).
    TotalLost,
    /// A sheet: the items.
    ItemsSheet,
    /// A sheet: by office.
    OfficesSheet,
    /// A sheet: by area.
    AreasSheet,
    /// A sheet: the summary figures.
    SummarySheet,
    /// The line at the foot of every printed page.
    PageFooter,
    /// The heading of a scorecard.
    ScorecardTitle,
    /// A unit (a figure).
    Unit,
    /// A methodology (a figure).
    Methodology,
    /// The period assessed.
    Period,
    /// The accountable office of an area (a column).
    AccountableOffice,
    /// Points (a column).
    Points,
    /// The maximum (a column).
    Max,
    /// Points as a share of the maximum (a column).
    Rate,
    /// The points of the criteria, self-assessed.
    CriteriaPoints,
    /// The points of the survey.
    SurveyPoints,
    /// No survey held: its points are left out of the maximum.
    SurveyNotHeld,
    /// Bonus points.
    Bonus,
    /// A cap (after a bonus or penalty: `cap 3`).
    Cap,
    /// The total points.
    TotalPoints,
    /// What the total is out of.
    OutOfApplicableMax,
    /// The band.
    Band,
    /// An item (a column).
    Criterion,
    /// Points lost (a short column).
    LostShort,
    /// The reason (a column).
    Reason,
    /// Evidence documents (a column).
    Evidence,
    /// How an item was scored (a column).
    HowScored,
    /// No points lost (a sentence).
    NoneLost,
    /// Section: what the appraiser should look at.
    ForTheAppraiser,
    /// An item not answered.
    Unanswered,
    /// Points claimed without evidence.
    ClaimedWithoutEvidence,
    /// No evidence and no explanation, so no points.
    NoEvidenceZero,
    /// Explained, without evidence yet.
    ExplainedNoEvidence,
    /// Not applicable to the unit.
    NotApplicable,
    /// Excluded from the maximum.
    Excluded,
    /// Not counted.
    NotCounted,
    /// Section: points by area.
    PointsByArea,
    /// Section: every item of the scorecard.
    EveryItem,
    /// A sheet: the bonus and penalty entries.
    BonusPenaltySheet,
    /// Section: the bonus and penalty entries.
    BonusPenaltyEntries,
    /// The kind of an entry (a column).
    Kind,
    /// Whether an entry counts (a column).
    Counted,
    /// Yes.
    Yes,
    /// No.
    No,
    /// A bonus entry (a kind).
    BonusEntry,
    /// A penalty entry (a kind).
    PenaltyEntry,
    /// The measure of an item (a column).
    Measure,
    /// An explanation (a column).
    Explanation,
    /// What to look at on an item (a column).
    Flags,
    /// A flag: no evidence.
    FlagNoEvidence,
    /// A flag: explained.
    FlagExplained,
    /// The heading of an appraisal minute.
    MinuteTitle,
    /// No change (a sentence).
    NoChangeSentence,
    /// A difference (a column).
    Difference,
    /// Who decided (a column).
    DecidedBy,
    /// A sheet: the changes.
    ChangesSheet,
    /// The heading of a methodology diff.
    MethodologyDiffTitle,
    /// Section: the settings of a methodology.
    Settings,
    /// Nothing changed in a section (a sentence).
    Unchanged,
    /// A setting of a methodology (a column).
    Setting,
    /// A field of an item (a column).
    Field,
    /// Before (a column).
    Before,
    /// After (a column).
    After,
    /// Section: the maximum by area.
    MaxByArea,
    /// A change (a column).
    Change,
    /// Section: the items.
    ItemsHeading,
    /// No item changed (a sentence).
    NoItemChanged,
    /// An item added.
    Added,
    /// An item removed.
    Removed,
    /// An item moved to another code.
    MovedCode,
    /// An item changed.
    Changed,
    /// From a code (`moved (from 1.2)`).
    FromCode,
    /// The level of a methodology.
    FieldLevel,
    /// The year of a methodology.
    FieldYear,
    /// A maximum.
    FieldMax,
    /// The bands.
    FieldBands,
    /// The bonus cap.
    FieldBonusCap,
    /// The penalty cap.
    FieldPenaltyCap,
    /// The evidence policy.
    FieldEvidencePolicy,
    /// The survey share of the maximum.
    FieldSurveyShare,
    /// A title.
    FieldTitle,
    /// A scoring rule.
    FieldRule,
    /// What not applicable does.
    FieldNotApplicable,
    /// Where an item comes from in the decision.
    FieldSource,
    /// The accountable office.
    FieldOffice,
    /// The heading of an appraisal report.
    AppraisalTitle,
    /// The index after the appraisal.
    IndexAfterAppraisal,
    /// Section: the stages of an appraisal.
    StagesHeading,
    /// A chart: the index at each stage.
    IndexByStage,
    /// A stage (a column).
    Stage,
    /// Who did a stage (a column).
    By,
    /// A date (a column).
    Date,
    /// The index (a short column).
    IndexShort,
}

/// A label in a language.
///
/// ```
/// use par_index::report::words::{label, Label};
/// use par_index::Lang;
/// assert_eq!(label(Label::Total, Lang::Vi), "Cộng");
/// assert_eq!(label(Label::Total, Lang::En), "Total");
/// ```
#[must_use]
pub fn label(l: Label, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => vi::label(l),
        Lang::En => en::label(l),
    }
}
