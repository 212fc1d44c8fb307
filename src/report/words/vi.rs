//! Vietnamese: the labels of every report.

use super::Label;

pub(super) const fn label(l: Label) -> &'static str {
    match l {
        Label::Index => "Chỉ số CCHC",
        Label::PointsLost => "Điểm bị mất",
        Label::Lost => "Điểm bị mất",
        Label::CanWinBack => "Có thể lấy lại",
        Label::Penalty => "Điểm trừ",
        Label::Items => "Số tiêu chí",
        Label::Code => "Mã",
        Label::Item => "Nội dung",
        Label::Office => "Cơ quan",
        Label::Area => "Lĩnh vực",
        Label::PointsOfMax => "Điểm / tối đa",
        Label::Why => "Lý do",
        Label::HowToWinBack => "Cách lấy lại điểm",
        Label::Total => "Cộng",
        Label::Units => "đơn vị",
        Label::UnitsLosing => "Số đơn vị mất điểm",
        Label::MeanPerUnit => "Bình quân mỗi đơn vị",
        Label::GapsTitle => "Điểm bị mất và giải pháp",
        Label::BatchGapsTitle => "Điểm bị mất của các đơn vị",
        Label::ByOffice => "Theo cơ quan chủ trì",
        Label::ByArea => "Theo lĩnh vực",
        Label::ItemsByGain => "Chi tiết, theo điểm có thể lấy lại",
        Label::ItemsLosingMost => "Tiêu chí mất nhiều điểm nhất",
        Label::LostByOfficeChart => "Điểm mất theo cơ quan",
        Label::TotalLost => "Tổng điểm bị mất",
        Label::ItemsSheet => "Chi tiết",
        Label::OfficesSheet => "Theo cơ quan",
        Label::AreasSheet => "Theo lĩnh vực",
        Label::SummarySheet => "Tóm tắt",
        Label::PageFooter => {
            "Điểm do chương trình tính theo bộ tiêu chí; mọi điểm có dấu vết trong phiếu chấm (JSON)."
        }
    }
}
