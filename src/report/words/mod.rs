//! Words for people, in one place: every label of a report in each language ([`Label`],
//! one table per language in `words/vi.rs` and `words/en.rs`), and the sentences that
//! describe rules, measures, branches, steps and stages, decimals as each language writes
//! them, and text made safe to print. What the renderers use; for embedders who build their
//! own reports from the data.
//!
//! A label is a variant of [`Label`]; each language's table is one exhaustive `match`, so a
//! label missing from a language does not compile. A third language is one more table (and
//! one arm in [`label`]).
//!
//! ```
//! use par_index::report::words::{fmt_decimal, label, stage_label, Label};
//! use par_index::Lang;
//! assert_eq!(fmt_decimal(rust_decimal::Decimal::new(9120, 2), Lang::Vi), "91,2");
//! assert_eq!(stage_label("final", Lang::En), "Final");
//! assert_eq!(label(Label::Index, Lang::Vi), "Chỉ số CCHC");
//! ```

mod en;
mod vi;

pub use crate::model::text::printable;
pub use crate::report::compare::describe_cause;
pub use crate::report::describe::{
    describe_branch, describe_improvement, describe_leaf, describe_measure, fmt_decimal,
};
pub use crate::report::explain::describe_rule;
pub use crate::report::render::{describe_dropped, stage_label};

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
