//! Vietnamese: the labels of every report.

use super::{Label, Sentence};

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
        Label::ScorecardTitle => "Phiếu chấm điểm Chỉ số CCHC",
        Label::Unit => "Đơn vị",
        Label::Methodology => "Bộ tiêu chí",
        Label::Period => "Kỳ đánh giá",
        Label::AccountableOffice => "Cơ quan phụ trách",
        Label::Points => "Điểm",
        Label::Max => "Tối đa",
        Label::Rate => "Tỷ lệ",
        Label::CriteriaPoints => "Điểm các tiêu chí (tự đánh giá)",
        Label::SurveyPoints => "Điểm điều tra xã hội học",
        Label::SurveyNotHeld => "không tổ chức điều tra, không tính vào tổng điểm",
        Label::Bonus => "Điểm thưởng",
        Label::Cap => "tối đa",
        Label::TotalPoints => "Tổng điểm",
        Label::OutOfApplicableMax => "trên tổng điểm tối đa áp dụng",
        Label::Band => "Xếp loại",
        Label::Criterion => "Tiêu chí",
        Label::LostShort => "Mất",
        Label::Reason => "Lý do",
        Label::Evidence => "Tài liệu kiểm chứng",
        Label::HowScored => "Cách chấm",
        Label::NoneLost => "Không mất điểm nào.",
        Label::ForTheAppraiser => "Cần lưu ý khi thẩm định",
        Label::Unanswered => "chưa tự chấm",
        Label::ClaimedWithoutEvidence => "có điểm nhưng không có tài liệu kiểm chứng",
        Label::NoEvidenceZero => "không có tài liệu kiểm chứng, không giải trình → 0",
        Label::ExplainedNoEvidence => "có giải trình, chưa có tài liệu kiểm chứng",
        Label::NotApplicable => "không phát sinh",
        Label::Excluded => "không tính",
        Label::NotCounted => "không được tính",
        Label::PointsByArea => "Điểm theo lĩnh vực",
        Label::EveryItem => "Chi tiết từng tiêu chí",
        Label::BonusPenaltySheet => "Thưởng, trừ",
        Label::BonusPenaltyEntries => "Điểm thưởng và điểm trừ",
        Label::Kind => "Loại",
        Label::Counted => "Được tính",
        Label::Yes => "Có",
        Label::No => "Không",
        Label::BonusEntry => "Thưởng",
        Label::PenaltyEntry => "Trừ",
        Label::Measure => "Số liệu",
        Label::Explanation => "Giải trình",
        Label::Flags => "Lưu ý",
        Label::FlagNoEvidence => "không có tài liệu kiểm chứng",
        Label::FlagExplained => "có giải trình",
        Label::MinuteTitle => "Biên bản thẩm định",
        Label::NoChangeSentence => "Không có thay đổi.",
        Label::Difference => "Chênh lệch",
        Label::DecidedBy => "Người quyết định",
        Label::ChangesSheet => "Thay đổi",
        Label::MethodologyDiffTitle => "So sánh bộ tiêu chí",
        Label::Settings => "Thiết lập chung",
        Label::Setting => "Nội dung",
        Label::Unchanged => "Không thay đổi.",
        Label::Field => "Nội dung",
        Label::Before => "Trước",
        Label::After => "Sau",
        Label::MaxByArea => "Điểm tối đa theo lĩnh vực",
        Label::Change => "Thay đổi",
        Label::ItemsHeading => "Tiêu chí",
        Label::NoItemChanged => "Không có tiêu chí nào thay đổi.",
        Label::Added => "thêm mới",
        Label::Removed => "bỏ",
        Label::MovedCode => "chuyển mã",
        Label::Changed => "sửa đổi",
        Label::FromCode => "từ",
        Label::FieldLevel => "cấp đánh giá",
        Label::FieldYear => "năm",
        Label::FieldMax => "điểm tối đa",
        Label::FieldBands => "xếp loại",
        Label::FieldBonusCap => "điểm thưởng tối đa",
        Label::FieldPenaltyCap => "điểm trừ tối đa",
        Label::FieldEvidencePolicy => "quy định về tài liệu kiểm chứng",
        Label::FieldSurveyShare => "tỷ trọng điểm điều tra xã hội học",
        Label::FieldTitle => "tên",
        Label::FieldRule => "cách chấm",
        Label::FieldNotApplicable => "khi không phát sinh",
        Label::FieldSource => "căn cứ",
        Label::FieldOffice => "cơ quan chủ trì",
        Label::AppraisalTitle => "Kết quả thẩm định",
        Label::IndexAfterAppraisal => "Chỉ số CCHC sau thẩm định",
        Label::StagesHeading => "Các bước thẩm định",
        Label::IndexByStage => "Chỉ số theo bước",
        Label::Stage => "Bước",
        Label::By => "Cơ quan",
        Label::Date => "Ngày",
        Label::IndexShort => "Chỉ số",
        Label::SheetUnit => "Đơn vị",
        Label::SheetItems => "Tiêu chí",
        Label::SheetEntries => "Điểm thưởng, trừ",
        Label::SheetGuide => "Hướng dẫn",
        Label::InputMet => "Đạt: Có / Không",
        Label::InputDates => "Hạn | Ngày hoàn thành (trống: chưa hoàn thành)",
        Label::InputRatio => "Tử số | Mẫu số",
        Label::InputValue => "Số liệu",
        Label::InputCount => "Số vi phạm (số nguyên)",
        Label::InputPoints => "Điểm thẩm định",
        Label::InputSatisfaction => "Tỷ lệ hài lòng (0–1)",
        Label::EvidenceNumber => "Số văn bản",
        Label::EvidenceDate => "Ngày ban hành",
        Label::EvidenceIssuer => "Cơ quan ban hành",
        Label::EvidenceTitle => "Trích yếu",
        Label::EvidenceLocator => "Phần liên quan",
        Label::EvidenceLink => "Liên kết",
        Label::FormCriterion => "Tiêu chí",
        Label::FormOffice => "Cơ quan chủ trì",
        Label::FormMax => "Điểm tối đa",
        Label::FormRule => "Cách chấm",
        Label::FormInput => "Số liệu cần nhập",
        Label::FormValue1 => "Giá trị 1",
        Label::FormValue2 => "Giá trị 2",
        Label::FormNotApplicable => "Không phát sinh",
        Label::FormEntryKind => "Loại (Thưởng / Trừ)",
        Label::FormAmount => "Số điểm",
        Label::FormField => "Thông tin",
        Label::FormValue => "Giá trị",
        Label::RowForm => "Mẫu biểu",
        Label::RowMethodologySha => "Mã kiểm tra bộ tiêu chí (SHA-256)",
        Label::RowUnitCode => "Mã đơn vị",
        Label::RowUnitName => "Tên đơn vị",
        Label::RowPeriod => "Kỳ đánh giá (năm)",
        Label::RowSurveyHeld => "Đã tổ chức điều tra xã hội học (Có / Không)",
        Label::Rounded => "làm tròn",
        Label::NotCarried => "không chuyển",
        Label::ModelSet => "bộ tiêu chí mẫu, không phải văn bản ban hành chính thức",
        Label::NoSurveyHeldBefore => "không tổ chức khảo sát; ",
        Label::StageSelf => "Tự chấm",
        Label::StageExplanation => "Giải trình",
        Label::StageFinal => "Thẩm định chính thức",
        Label::NoneWord => "không có",
        Label::NoEvidence0Points => "không có tài liệu kiểm chứng: 0 điểm",
        Label::SelfAssessment => "Bản tự đánh giá",
        Label::UnansweredItems => "Chưa tự chấm",
        Label::ClaimsWithoutEvidenceOrExplanation => "Chưa có tài liệu kiểm chứng hay giải trình",
        Label::ClaimsWithAnExplanationOnly => "Chỉ có giải trình",
        Label::NotApplicableWithoutANote => "Không phát sinh nhưng chưa ghi lý do",
        Label::SurveyItemsSuppliedByThe => "Tiêu chí khảo sát (do đơn vị khảo sát cung cấp)",
        Label::IndexNow => "Chỉ số hiện tại",
        Label::CanReach => "có thể đạt",
        Label::Appraised => "thẩm định",
        Label::SetTo => "chấm",
        Label::Rejected => "không chấp nhận",
        Label::MeasureWord => "số liệu",
        Label::EvidenceRejected => "không chấp nhận tài liệu",
        Label::EvidenceAdded => "bổ sung tài liệu",
        Label::PointsSetTo => "chấm",
    }
}

/// The sentences, in Vietnamese.
pub(super) fn say(s: Sentence<'_>) -> String {
    let d = |x| crate::report::describe::fmt_decimal(x, crate::model::text::Lang::Vi);
    match s {
        Sentence::AppraisalRound { n } => format!("Thẩm định lần {n}"),
        Sentence::RescoredFrom { to, from } => {
            format!("Chấm lại theo {to} từ bài tự đánh giá lập theo {from}")
        }
        Sentence::MappedTo { target, rest } => format!("chuyển sang {target}, {rest}"),
        Sentence::NotAnItemOf { to } => format!("không phải tiêu chí của {to}"),
        Sentence::GroupOf { to } => format!("là nhóm tiêu chí của {to}"),
        Sentence::AlreadyCarried { target, by, .. } => {
            format!("{target} đã nhận câu trả lời của {by}")
        }
        Sentence::DoesNotFit { to, message } => {
            format!("không phù hợp cách chấm của {to}: {message}")
        }
        Sentence::Decision { number, date, body } => {
            format!(
                "Quyết định số {number} ngày {} của {body}",
                date.to_vietnamese()
            )
        }
        Sentence::CheckCodes {
            methodology,
            submission,
            engine,
        } => format!(
            "Mã kiểm tra SHA-256: bộ tiêu chí {methodology}, bản tự đánh giá {submission}; {engine}"
        ),
        Sentence::NotInSurvey { unit, file } => format!(
            "đơn vị {unit} không có trong tệp kết quả khảo sát `{file}`: chấm không có điểm khảo sát, theo bộ tiêu chí"
        ),
        Sentence::ZeroedForEvidence { rounded } => {
            format!(
                "không có tài liệu kiểm chứng và giải trình: {} → 0",
                d(rounded)
            )
        }
        Sentence::SetByAppraiser { points, rounded } => {
            format!(
                "đoàn thẩm định chấm {} (quy tắc cho {})",
                d(points),
                d(rounded)
            )
        }
    }
}
