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

#[cfg(feature = "xlsx")]
use crate::model::form::{Input, SheetKind};
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
    /// The form's unit sheet.
    SheetUnit,
    /// The form's criteria sheet.
    SheetItems,
    /// The form's bonus and penalty sheet.
    SheetEntries,
    /// The form's guide sheet.
    SheetGuide,
    /// What a check takes.
    InputMet,
    /// What a deadline takes.
    InputDates,
    /// What a ratio takes.
    InputRatio,
    /// What a number takes.
    InputValue,
    /// What a deduction takes.
    InputCount,
    /// What a judgement takes.
    InputPoints,
    /// What a survey item takes.
    InputSatisfaction,
    /// An evidence document's number.
    EvidenceNumber,
    /// An evidence document's date.
    EvidenceDate,
    /// An evidence document's issuer.
    EvidenceIssuer,
    /// An evidence document's title.
    EvidenceTitle,
    /// The part of an evidence document that applies.
    EvidenceLocator,
    /// A link to an evidence document.
    EvidenceLink,
    /// The form's criterion column.
    FormCriterion,
    /// The form's office column.
    FormOffice,
    /// The form's maximum column.
    FormMax,
    /// The form's rule column.
    FormRule,
    /// The form's input column.
    FormInput,
    /// The form's first value column.
    FormValue1,
    /// The form's second value column.
    FormValue2,
    /// The form's not-applicable column.
    FormNotApplicable,
    /// The form's bonus or penalty column.
    FormEntryKind,
    /// The form's amount column.
    FormAmount,
    /// The unit sheet's label column.
    FormField,
    /// The unit sheet's value column.
    FormValue,
    /// The unit sheet's form row.
    RowForm,
    /// The unit sheet's methodology hash row.
    RowMethodologySha,
    /// The unit sheet's unit code row.
    RowUnitCode,
    /// The unit sheet's unit name row.
    RowUnitName,
    /// The unit sheet's period row.
    RowPeriod,
    /// The unit sheet's survey row.
    RowSurveyHeld,
    /// Rounded (`= 0,885714…, rounded 0,89`).
    Rounded,
    /// Answers not carried over (a note).
    NotCarried,
    /// A model set, not an issued decision.
    ModelSet,
    /// No survey held (before the trace of a survey item).
    NoSurveyHeldBefore,
    /// The self-assessment stage.
    StageSelf,
    /// The explanation stage.
    StageExplanation,
    /// The final appraisal stage.
    StageFinal,
    /// none
    NoneWord,
    /// No evidence: 0 points (after a trace).
    NoEvidenceNoPoints,
    /// Self-assessment
    SelfAssessment,
    /// Unanswered
    UnansweredItems,
    /// Claims without evidence or explanation
    ClaimsWithoutEvidenceOrExplanation,
    /// Claims with an explanation only
    ClaimsWithAnExplanationOnly,
    /// Not applicable without a note
    NotApplicableWithoutANote,
    /// Survey items (supplied by the survey)
    SurveyItemsSuppliedByThe,
    /// Index now
    IndexNow,
    /// can reach
    CanReach,
    /// appraised
    Appraised,
    /// set to
    SetTo,
    /// rejected
    Rejected,
    /// measure
    MeasureWord,
    /// evidence rejected:
    EvidenceRejected,
    /// evidence added:
    EvidenceAdded,
    /// points set to
    PointsSetTo,
    /// at its maximum
    AtItsMaximum,
    /// To earn more
    ToEarnMore,
    /// check: yes
    CheckYes,
    /// no
    NoLower,
    /// deadline: done by the due date
    DeadlineDoneByTheDue,
    /// late
    Late,
    /// not done
    NotDone,
    /// tiers on a ratio:
    TiersOnARatio,
    /// tiers on a number:
    TiersOnANumber,
    /// otherwise
    Otherwise,
    /// proportional:
    Proportional,
    /// ratio
    Ratio,
    /// at most
    AtMost,
    /// below
    Below,
    /// deduction:
    Deduction,
    /// violations
    Violations,
    /// not below 0
    NotBelowZero,
    /// survey:
    Survey,
    /// satisfaction
    Satisfaction,
    /// the assessor's points from
    AssessorPointsFrom,
    /// to
    To,
    /// in steps of
    InStepsOf,
    /// Source
    Source,
    /// If it does not arise
    IfItDoesNotArise,
    /// no answer
    NoAnswer,
    /// Branch
    Branch,
    /// Rounding
    Rounding,
    /// 2 decimals, half away from zero
    RoundingRule,
    /// Evidence policy
    EvidencePolicy,
    /// an explanation only, no document: for the appraiser to judge
    AnExplanationOnlyNoDocument,
    /// of
    Of,
    /// Applicable maximum
    ApplicableMaximum,
    /// Parts
    Parts,
    /// No points lost.
    NoPointsLost,
    /// Points lost and how to gain them
    PointsLostAndHowTo,
    /// Year over year
    YearOverYear,
    /// Before
    LastYear,
    /// Now
    Now,
    /// Results
    Results,
    /// Total points
    TotalPointsLong,
    /// Items that changed, and why
    ItemsThatChangedAndWhy,
    /// Why
    Causes,
    /// Period
    PeriodShort,
    /// Weight
    Weight,
    /// Predecessors with no result among the files given (not in the baseline):
    PredecessorsWithNoResultAmong,
    /// PAR Index year over year
    PARIndexYearOverYear,
    /// Areas that moved most
    AreasThatMovedMost,
    /// Rose most
    RoseMost,
    /// Fell most
    FellMost,
    /// Every unit with a previous result
    EveryUnitWithAPrevious,
    /// A merged unit (←) is compared with its predecessors' mean; 'par-index compare' on the unit shows each predecessor.
    MergedUnitsAreCompared,
    /// No previous result
    NoPreviousResult,
    /// Rank
    Rank,
    /// PAR Index ranking
    PARIndexRanking,
    /// ¹ Not in the survey file: scored without a survey, as the methodology provides.
    NotInSurveyFootnote,
    /// Ranked by index, then appraised points, then unit code; units equal in index and appraised points share a rank (=). In brackets: the unit's rank in that area.
    RankingOrder,
    /// Units per band
    UnitsPerBand,
    /// Statistics
    Statistics,
    /// Mean
    Mean,
    /// Median
    Median,
    /// Min – max
    MinMax,
    /// Not scored
    NotScored,
    /// All units
    AllUnits,
    /// The baseline (the results compared with)
    Baseline,
    /// A bundle's cover page: its heading (checking the ranking)
    BundleCheck,
    /// A bundle's cover page: the manifest's hash
    BundleManifest,
    /// A bundle's cover page: how to check it
    BundleHowTo,
    /// The upload page's title
    UploadTitle,
    /// What the upload page is for
    UploadLead,
    /// The name of the other language, to switch to
    OtherLanguage,
    /// Score one unit (a heading)
    UploadOne,
    /// The file input for one form
    UploadFile,
    /// The methodology choice
    UploadMethodology,
    /// The methodology the file names
    UploadAsNamed,
    /// The score button
    UploadScore,
    /// Rank many units (a heading)
    UploadMany,
    /// The file input for many forms
    UploadFiles,
    /// The survey file input
    UploadSurvey,
    /// The roster file input
    UploadRoster,
    /// The rank button
    UploadRank,
    /// Download a blank form (a heading)
    UploadBlank,
    /// The unit code input
    UploadUnitCode,
    /// The unit name input
    UploadUnitName,
    /// The download button
    UploadDownload,
    /// Units on the roster with no result
    UnitsOnTheRosterWith,
    /// Index by unit
    IndexByUnit,
    /// Heat map: each area's points (% of max)
    HeatMapHeading,
    /// Ranking
    Ranking,
    /// mean
    MeanLower,
    /// median
    MedianLower,
    /// lowest
    Lowest,
    /// highest
    Highest,
    /// Heat map
    HeatMap,
    /// before
    LastYearLower,
    /// change
    ChangeLower,
    /// No result (not in the baseline)
    NoResultNotInThe,
    /// What
    What,
    /// units with a previous result
    UnitsWithAPreviousResult,
    /// From the largest rise to the largest fall
    FromTheLargestRiseTo,
    /// Ranking
    RankingHeading,
    /// points
    PointsLower,
    /// rank
    RankLower,
    /// Bands
    Bands,
    /// From (index)
    FromIndex,
    /// Units
    UnitCount,
    /// Lowest
    LowestHeading,
    /// Highest
    HighestHeading,
    /// Block
    Block,
    /// Summary
    Summary,
    /// No result
    NoResult,
    /// Not on the roster
    NotOnTheRoster,
    /// meet it
    MeetIt,
    /// satisfaction 100%
    FullSatisfaction,
    /// the assessor's full marks
    AssessorFullMarks,
    /// did not arise
    DidNotArise,
    /// The separator between the bounds of a range (`[0; 2]` in Vietnamese, `[0, 2]` in English).
    RangeSeparator,
    /// points set by the appraiser: a new appraisal decision is needed, up to
    PointsSetByTheAppraiser,
    /// attach evidence
    AttachEvidence,
    /// answer it, with evidence: up to
    AnswerItWithEvidenceUp,
    /// finish by
    FinishBy,
    /// reach
    Reach,
    /// met
    Met,
    /// not met
    NotMet,
    /// on time
    OnTime,
    /// tier
    Tier,
    /// below all tiers
    BelowAllTiers,
    /// target met
    TargetMet,
    /// below the floor
    BelowTheFloor,
    /// count
    Count,
    /// deductions reach the floor → 0
    DeductionsReachFloor,
    /// the assessor's judgement, in
    AssessorJudgementIn,
    /// not applicable, full points
    NotApplicableFullPoints,
    /// not applicable, excluded from the maximum
    NotApplicableExcludedFromThe,
    /// unanswered → 0
    UnansweredZero,
    /// No (a measure).
    NoAnswerValue,
    /// Ready to send (a sentence).
    ReadyToSend,
    /// Not ready to send (a sentence).
    NotReadyToSend,
    /// A stage (a column of the staged report).
    Phase,
    /// Who did a stage (a column of the staged report).
    DoneBy,
    /// Section: units not on the roster, ranked in the whole list.
    UnlistedRanked,
    /// Section: units not on the roster, not ranked.
    UnlistedNotRanked,
    /// Not applicable: full points.
    NaFullPoints,
    /// Not applicable: excluded from the maximum.
    NaExcludedFromMax,
    /// No evidence and no explanation: points kept, for the appraiser.
    KeptForTheAppraiser,
    /// Not applicable (a measure).
    NotApplicableValue,
    /// Yes (a measure).
    YesValue,
    /// A cause of a change: new item
    CauseNewItem,
    /// A cause of a change: no longer in the methodology
    CauseNoLongerInThe,
    /// A cause of a change: rule changed
    CauseRuleChanged,
    /// A cause of a change: maximum changed
    CauseMaximumChanged,
    /// A cause of a change: N/A policy changed
    CauseNAPolicyChanged,
    /// A cause of a change: measure changed
    CauseMeasureChanged,
    /// A cause of a change: claimed without evidence
    CauseClaimedWithoutEvidence,
    /// A cause of a change: evidence added
    CauseEvidenceAdded,
    /// A cause of a change: not applicable this year
    CauseNotApplicableThisYear,
    /// A cause of a change: not applicable last year
    CauseNotApplicableLastYear,
    /// A cause of a change: not answered
    CauseNotAnswered,
    /// A cause of a change: set by the appraisal
    CauseSetByTheAppraisal,
    /// How the baseline was built: No previous result of the unit (or of the units it was formed from) among the files given.
    BaselineNoPreviousResult,
    /// How the baseline was built: Against the previous result:
    BaselineAgainstThePrevious,
    /// How the baseline was built: A merged unit. The baseline is the mean of its predecessors' results (equal weights), rounded to 2 decimals; each predecessor is shown:
    BaselineEqualWeights,
    /// How the baseline was built: A merged unit. The baseline is the mean of its predecessors' results weighted as the roster gives, rounded to 2 decimals; each predecessor is shown:
    BaselineRosterWeights,
    /// The heading of a ranking by block.
    RankingByBlock,
    /// The appraised points (a CSV heading).
    AppraisedPoints,
    /// A note (a CSV heading).
    Note,
    /// What a cell of the form takes (its validation message): A date, dd/mm/yyyy
    ValidDate,
    /// What a cell of the form takes (its validation message): A number ≥ 0
    ValidNonNegative,
    /// What a cell of the form takes (its validation message): A whole number ≥ 0
    ValidAWholeNumber,
    /// What a cell of the form takes (its validation message): A ratio from 0 to 1
    ValidARatioFrom,
    /// What a cell of the form takes (its validation message): Points > 0
    ValidPositivePoints,
    /// The office that leads an item (a figure of an explanation).
    LeadOffice,
    /// A scoring rule (a figure of an explanation).
    Rule,
    /// A unit's code (a column).
    UnitCode,
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

/// A sentence of a report with the values it says: one exhaustive `say` per language, as
/// for [`Label`], so that the order of words is each language's own.
///
/// ```
/// use par_index::report::words::{say, Sentence};
/// use par_index::Lang;
/// assert_eq!(say(Sentence::AppraisalRound { n: "2" }, Lang::Vi), "Thẩm định lần 2");
/// assert_eq!(say(Sentence::AppraisalRound { n: "2" }, Lang::En), "Appraisal 2");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Sentence<'a> {
    /// An appraisal round by its number.
    AppraisalRound {
        /// The round.
        n: &'a str,
    },
    /// A scorecard re-scored under methodology `to` from a self-assessment made for `from`.
    RescoredFrom {
        /// The methodology scored under.
        to: &'a str,
        /// The methodology the self-assessment was made for.
        from: &'a str,
    },
    /// An answer carried to another code: `mapped to {target}, {rest}`.
    MappedTo {
        /// Where it was mapped.
        target: &'a str,
        /// Why it was not carried over.
        rest: &'a str,
    },
    /// Not an item of a methodology.
    NotAnItemOf {
        /// The methodology.
        to: &'a str,
    },
    /// A group (not an item) of a methodology.
    GroupOf {
        /// The methodology.
        to: &'a str,
    },
    /// An item that already takes another answer.
    AlreadyCarried {
        /// The item.
        target: &'a str,
        /// The answer it takes.
        by: &'a str,
        /// Whether the answer not carried was mapped to the item.
        mapped: bool,
    },
    /// An answer that does not fit the rule of a methodology.
    DoesNotFit {
        /// The methodology.
        to: &'a str,
        /// Why.
        message: &'a str,
    },
    /// An issuing decision.
    Decision {
        /// The decision's number.
        number: &'a str,
        /// Its date.
        date: &'a crate::model::date::Date,
        /// The issuing body.
        body: &'a str,
    },
    /// The check codes that tie a printed report to its files.
    CheckCodes {
        /// The methodology's hash (shortened).
        methodology: &'a str,
        /// The self-assessment's hash (shortened).
        submission: &'a str,
        /// The engine and its version.
        engine: &'a str,
    },
    /// A unit missing from the survey file.
    NotInSurvey {
        /// The unit's code.
        unit: &'a str,
        /// The survey file.
        file: &'a str,
    },
    /// Points set to 0 under the evidence policy `zero`.
    ZeroedForEvidence {
        /// What the rule gave.
        rounded: rust_decimal::Decimal,
    },
    /// Points set by the appraiser.
    SetByAppraiser {
        /// The points set.
        points: rust_decimal::Decimal,
        /// What the rule gave.
        rounded: rust_decimal::Decimal,
    },
    /// A deadline met or missed: done on a date, due on another.
    DoneDue {
        /// When it was done.
        done: &'a str,
        /// When it was due.
        due: &'a str,
    },
    /// A deadline not met yet.
    NotDoneDue {
        /// When it was due.
        due: &'a str,
    },
    /// A count of violations.
    Violations {
        /// How many.
        count: &'a str,
    },
    /// Points an appraiser gave.
    PointsGiven {
        /// The points.
        points: &'a str,
    },
    /// A step that wins points: cut the violations to a count.
    CutViolationsTo {
        /// The count.
        count: &'a str,
    },
    /// An item moved from another code.
    MovedFrom {
        /// The code it had.
        from: &'a str,
    },
    /// This year is scored under another methodology than the baseline's.
    ScoredUnderAnother {
        /// This year's methodology.
        methodology: &'a str,
    },
    /// The blocks of a ranking are scored under different methodologies.
    MixedMethodologies {
        /// The methodologies, joined.
        sets: &'a str,
    },
    /// The column of an area's points (a CSV heading).
    AreaColumn {
        /// The area's code.
        code: &'a str,
    },
    /// The column of an area's rank (a CSV heading).
    AreaRankColumn {
        /// The area's code.
        code: &'a str,
    },
    /// The guide sheet of the form, one line of the guide per line of text.
    FormGuide {
        /// The methodology's title.
        title: &'a str,
        /// The methodology's id.
        id: &'a str,
        /// The unit sheet's name.
        unit_sheet: &'a str,
        /// The criteria sheet's name.
        items_sheet: &'a str,
        /// The bonus and penalty sheet's name.
        entries_sheet: &'a str,
        /// The word for yes.
        yes: &'a str,
        /// The word for no.
        no: &'a str,
    },
    /// What a judgement cell of the form takes: points from 0 to a maximum, in steps.
    PointsInSteps {
        /// The maximum.
        max: &'a str,
        /// The step.
        step: &'a str,
    },
}

/// A sentence in a language.
///
/// ```
/// use par_index::report::words::{say, Sentence};
/// let s = say(Sentence::NotAnItemOf { to: "commune-2025-model" }, par_index::Lang::Vi);
/// assert_eq!(s, "không phải tiêu chí của commune-2025-model");
/// ```
#[must_use]
pub fn say(s: Sentence<'_>, lang: Lang) -> String {
    match lang {
        Lang::Vi => vi::say(s),
        Lang::En => en::say(s),
    }
}

#[cfg(feature = "xlsx")]
/// The name the form writer gives a sheet.
pub(crate) fn sheet_name(sheet: SheetKind, lang: Lang) -> &'static str {
    label(
        match sheet {
            SheetKind::Unit => Label::SheetUnit,
            SheetKind::Items => Label::SheetItems,
            SheetKind::Entries => Label::SheetEntries,
            SheetKind::Guide => Label::SheetGuide,
        },
        lang,
    )
}

#[cfg(feature = "xlsx")]
/// What to write in a row's value cells, in words.
pub(crate) fn input_words(input: Input, lang: Lang) -> &'static str {
    label(
        match input {
            Input::Met => Label::InputMet,
            Input::Dates => Label::InputDates,
            Input::Ratio => Label::InputRatio,
            Input::Value => Label::InputValue,
            Input::Count => Label::InputCount,
            Input::Points => Label::InputPoints,
            Input::Satisfaction => Label::InputSatisfaction,
        },
        lang,
    )
}

#[cfg(feature = "xlsx")]
/// The heading of a column of a sheet of the form, by its key (`ev2.date` → `Ngày ban hành
/// (2)`); a key the catalogue does not know (the items sheet's hidden `kind`) is its own
/// heading.
pub(crate) fn form_header(sheet: SheetKind, key: &str, lang: Lang) -> String {
    if let Some((slot, field)) = crate::model::form::parse_evidence_key(key) {
        let l = match field {
            "number" => Label::EvidenceNumber,
            "date" => Label::EvidenceDate,
            "issuer" => Label::EvidenceIssuer,
            "title" => Label::EvidenceTitle,
            "locator" => Label::EvidenceLocator,
            _ => Label::EvidenceLink,
        };
        return format!("{} ({slot})", label(l, lang));
    }
    let l = match key {
        "code" => Label::Code,
        "title" => Label::FormCriterion,
        "office" => Label::FormOffice,
        "max" => Label::FormMax,
        "rule" => Label::FormRule,
        "input" => Label::FormInput,
        "value1" => Label::FormValue1,
        "value2" => Label::FormValue2,
        "na" => Label::FormNotApplicable,
        "explanation" => Label::Explanation,
        "kind" if sheet == SheetKind::Entries => Label::FormEntryKind,
        "amount" => Label::FormAmount,
        "reason" => Label::Reason,
        "label" => Label::FormField,
        "value" => Label::FormValue,
        other => return other.to_owned(),
    };
    label(l, lang).to_owned()
}

#[cfg(feature = "xlsx")]
/// The label of a row of the unit sheet, by its key.
pub(crate) fn unit_row(key: &str, lang: Lang) -> &'static str {
    label(
        match key {
            "form" => Label::RowForm,
            "methodology" => Label::Methodology,
            "methodology_sha256" => Label::RowMethodologySha,
            "unit.code" => Label::RowUnitCode,
            "unit.name" => Label::RowUnitName,
            "period" => Label::RowPeriod,
            _ => Label::RowSurveyHeld,
        },
        lang,
    )
}
