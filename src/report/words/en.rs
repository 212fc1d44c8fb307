//! English: the labels of every report.

use super::Label;

pub(super) const fn label(l: Label) -> &'static str {
    match l {
        Label::Index => "PAR Index",
        Label::PointsLost => "Points lost",
        Label::Lost => "Lost",
        Label::CanWinBack => "Can be won back",
        Label::Penalty => "Penalty",
        Label::Items => "Items",
        Label::Code => "Code",
        Label::Item => "Item",
        Label::Office => "Office",
        Label::Area => "Area",
        Label::PointsOfMax => "Points / max",
        Label::Why => "Why",
        Label::HowToWinBack => "How to win it back",
        Label::Total => "Total",
        Label::Units => "units",
        Label::UnitsLosing => "Units losing",
        Label::MeanPerUnit => "Mean per unit",
        Label::GapsTitle => "Points lost and how to win them back",
        Label::BatchGapsTitle => "Points lost across units",
        Label::ByOffice => "By accountable office",
        Label::ByArea => "By area",
        Label::ItemsByGain => "Items, largest gain first",
        Label::ItemsLosingMost => "Items that lose the most",
        Label::LostByOfficeChart => "Points lost by office",
        Label::TotalLost => "Points lost",
        Label::ItemsSheet => "Items",
        Label::OfficesSheet => "By office",
        Label::AreasSheet => "By area",
        Label::SummarySheet => "Summary",
        Label::PageFooter => {
            "Scored by the methodology; every point is traced in the scorecard (JSON)."
        }
    }
}
