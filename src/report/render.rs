//! Readable renderings of a scorecard, in Vietnamese (default) or English: a per-area table,
//! the total, index and band, the points lost with the reason for each, and the items an
//! appraiser should look at.

use rust_decimal::Decimal;

use crate::model::scorecard::{ScoreNode, Scorecard};
use crate::model::text::Lang;
use crate::report::describe::{describe_leaf, fmt_decimal};
use crate::report::out::markdown::md_cell;
use crate::report::out::text::{pad, table, width};

/// An output format.
///
/// ```
/// use par_index::report::Format;
/// assert_eq!("markdown".parse::<Format>().unwrap(), Format::Markdown);
/// assert!("xlsx".parse::<Format>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// Plain text with aligned columns (the default).
    #[default]
    Text,
    /// Markdown tables.
    Markdown,
    /// The scorecard as JSON.
    Json,
}

impl std::str::FromStr for Format {
    type Err = crate::error::UnknownName;
    fn from_str(s: &str) -> Result<Format, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            other => Err(crate::error::UnknownName {
                what: "format",
                found: other.to_owned(),
                expected: "text, markdown or json",
            }),
        }
    }
}

/// Render a scorecard in a format and language.
///
/// ```
/// use par_index::{report::render, report::Format, Lang};
/// use par_index::catalog::sample_scorecard;
/// let text = render(&sample_scorecard(), Format::Markdown, Lang::Vi);
/// assert!(text.contains("Chỉ số CCHC"));
/// let en = render(&sample_scorecard(), Format::Text, Lang::En);
/// assert!(en.contains("PAR Index"));
/// ```
#[must_use]
pub fn render(card: &Scorecard, format: Format, lang: Lang) -> String {
    let out = match format {
        Format::Json => card.to_json(),
        Format::Markdown => markdown(card, lang),
        Format::Text => text(card, lang),
    };
    crate::model::text::printable(&out).into_owned()
}

/// Every node of the scorecard in one table, as an appraisal sheet lists them: code, title,
/// max, points, the measure and branch, and the evidence cited (document numbers). Markdown
/// for [`Format::Markdown`], aligned text otherwise (JSON already holds all of it, so
/// [`Format::Json`] gives the scorecard itself).
///
/// ```
/// use par_index::{report::render_items, report::Format, Lang};
/// use par_index::catalog::sample_scorecard;
/// let table = render_items(&sample_scorecard(), Format::Markdown, Lang::Vi);
/// assert!(table.contains("| 3.2.1 | Tỷ lệ hồ sơ TTHC giải quyết đúng hạn, trước hạn | 3 | 3 |"));
/// assert_eq!(table.lines().filter(|l| l.starts_with("| ")).count(), 1 + 9 + 37 + 54);
/// ```
#[must_use]
pub fn render_items(card: &Scorecard, format: Format, lang: Lang) -> String {
    let w = words(lang);
    let mut rows: Vec<[String; 6]> = Vec::new();
    fn walk(nodes: &[ScoreNode], lang: Lang, rows: &mut Vec<[String; 6]>) {
        for n in nodes {
            let (how, docs) = match &n.trace {
                Some(t) => (
                    reason(n, lang),
                    t.evidence
                        .iter()
                        .map(|e| e.number.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                None => (String::new(), String::new()),
            };
            let max = if n.applicable {
                fmt_decimal(n.max, lang)
            } else {
                format!("({})", fmt_decimal(n.max, lang))
            };
            rows.push([
                n.code.to_string(),
                n.title.get(lang).to_owned(),
                max,
                fmt_decimal(n.points, lang),
                how,
                docs,
            ]);
            walk(&n.children, lang, rows);
        }
    }
    walk(&card.areas, lang, &mut rows);
    let head = [w.code, w.item, w.max, w.points, w.how, w.evidence];
    match format {
        Format::Json => card.to_json(),
        Format::Markdown => {
            let mut o = format!("| {} |\n|---|---|---:|---:|---|---|\n", head.join(" | "));
            for [code, title, max, points, how, docs] in rows {
                let code = if code.contains('.') {
                    code
                } else {
                    format!("**{code}**")
                };
                let cells = [title, max, points, how, docs].map(|c| md_cell(&c));
                o.push_str(&format!("| {code} | {} |\n", cells.join(" | ")));
            }
            o
        }
        Format::Text => {
            let mut all = vec![head.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
            all.extend(rows.into_iter().map(|r| r.to_vec()));
            table(&all, &[false, false, true, true, false, false])
        }
    }
}

struct Words {
    heading: &'static str,
    unit: &'static str,
    methodology: &'static str,
    period: &'static str,
    code: &'static str,
    area: &'static str,
    office: &'static str,
    points: &'static str,
    max: &'static str,
    rate: &'static str,
    appraised: &'static str,
    survey: &'static str,
    survey_not_held: &'static str,
    bonus: &'static str,
    penalty: &'static str,
    cap: &'static str,
    total: &'static str,
    applicable_max: &'static str,
    index: &'static str,
    band: &'static str,
    lost_heading: &'static str,
    item: &'static str,
    lost: &'static str,
    reason: &'static str,
    evidence: &'static str,
    how: &'static str,
    none_lost: &'static str,
    notes_heading: &'static str,
    unanswered: &'static str,
    unsupported: &'static str,
    unsupported_zero: &'static str,
    explained: &'static str,
    not_applicable: &'static str,
    excluded: &'static str,
    not_counted: &'static str,
}

const VI: Words = Words {
    heading: "Phiếu chấm điểm Chỉ số CCHC",
    unit: "Đơn vị",
    methodology: "Bộ tiêu chí",
    period: "Kỳ đánh giá",
    code: "Mã",
    area: "Lĩnh vực",
    office: "Cơ quan phụ trách",
    points: "Điểm",
    max: "Tối đa",
    rate: "Tỷ lệ",
    appraised: "Điểm các tiêu chí (tự đánh giá)",
    survey: "Điểm điều tra xã hội học",
    survey_not_held: "không tổ chức điều tra, không tính vào tổng điểm",
    bonus: "Điểm thưởng",
    penalty: "Điểm trừ",
    cap: "tối đa",
    total: "Tổng điểm",
    applicable_max: "trên tổng điểm tối đa áp dụng",
    index: "Chỉ số CCHC",
    band: "Xếp loại",
    lost_heading: "Điểm bị mất",
    item: "Tiêu chí",
    lost: "Mất",
    reason: "Lý do",
    evidence: "Tài liệu kiểm chứng",
    how: "Cách chấm",
    none_lost: "Không mất điểm nào.",
    notes_heading: "Cần lưu ý khi thẩm định",
    unanswered: "chưa tự chấm",
    unsupported: "có điểm nhưng không có tài liệu kiểm chứng",
    unsupported_zero: "không có tài liệu kiểm chứng, không giải trình → 0",
    explained: "có giải trình, chưa có tài liệu kiểm chứng",
    not_applicable: "không phát sinh",
    excluded: "không tính",
    not_counted: "không được tính",
};

const EN: Words = Words {
    heading: "PAR Index scorecard",
    unit: "Unit",
    methodology: "Methodology",
    period: "Period",
    code: "Code",
    area: "Area",
    office: "Accountable office",
    points: "Points",
    max: "Max",
    rate: "Rate",
    appraised: "Criteria points (self-assessed)",
    survey: "Survey points",
    survey_not_held: "no survey held, excluded from the maximum",
    bonus: "Bonus",
    penalty: "Penalty",
    cap: "cap",
    total: "Total",
    applicable_max: "out of the applicable maximum",
    index: "PAR Index",
    band: "Band",
    lost_heading: "Points lost",
    item: "Item",
    lost: "Lost",
    reason: "Reason",
    evidence: "Evidence",
    how: "How scored",
    none_lost: "No points lost.",
    notes_heading: "For the appraiser",
    unanswered: "unanswered",
    unsupported: "points claimed without evidence",
    unsupported_zero: "no evidence and no explanation → 0",
    explained: "explained, no evidence yet",
    not_applicable: "not applicable",
    excluded: "excluded",
    not_counted: "not counted",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

fn rate(points: Decimal, max: Decimal, lang: Lang) -> String {
    if max.is_zero() {
        return "—".to_owned();
    }
    match points
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|x| x.checked_div(max))
    {
        Some(r) => format!("{}%", fmt_decimal(r.round_dp(2), lang)),
        None => "—".to_owned(),
    }
}

/// A lost-points row: code, title, points, max, lost, reason.
pub(crate) struct LostRow {
    pub code: String,
    pub title: String,
    pub points: Decimal,
    pub max: Decimal,
    pub lost: Decimal,
    pub reason: String,
}

pub(crate) fn reason(leaf: &ScoreNode, lang: Lang) -> String {
    let w = words(lang);
    let Some(t) = &leaf.trace else {
        return String::new();
    };
    let mut out = describe_leaf(&t.rule, leaf.max, t.measure.as_ref(), &t.branch, lang);
    if t.raw != t.rounded {
        let shown = t.raw.round_dp(6);
        let more = if shown == t.raw { "" } else { "…" };
        let word = if lang == Lang::Vi {
            "làm tròn"
        } else {
            "rounded"
        };
        out.push_str(&format!(
            " = {}{more}, {word} {}",
            fmt_decimal(shown, lang),
            fmt_decimal(t.rounded, lang)
        ));
    }
    if t.flags.unsupported && leaf.points < t.rounded {
        out.push_str("; ");
        out.push_str(w.unsupported_zero);
    }
    out
}

pub(crate) fn lost_rows(card: &Scorecard, lang: Lang) -> Vec<LostRow> {
    card.leaves()
        .filter(|l| l.applicable && l.points < l.max)
        .map(|l| LostRow {
            code: l.code.to_string(),
            title: l.title.get(lang).to_owned(),
            points: l.points,
            max: l.max,
            lost: l.max.checked_sub(l.points).unwrap_or_default(),
            reason: reason(l, lang),
        })
        .collect()
}

pub(crate) fn notes(card: &Scorecard, lang: Lang) -> Vec<String> {
    let w = words(lang);
    let mut out = Vec::new();
    if let Some(c) = &card.carried_over {
        out.push(carried_note(c, &card.methodology.id, lang));
    }
    for l in card.leaves() {
        let Some(t) = &l.trace else { continue };
        let mut what = Vec::new();
        if t.flags.unanswered {
            what.push(w.unanswered.to_owned());
        }
        if t.flags.unsupported {
            what.push(w.unsupported.to_owned());
        }
        if t.flags.explained {
            let ex = t.explanation.as_deref().unwrap_or_default();
            what.push(format!("{}: “{ex}”", w.explained));
        }
        if t.flags.not_applicable
            && (card.survey.held || !matches!(t.rule, crate::model::rule::Rule::Survey))
        {
            let policy = if l.applicable { "" } else { w.excluded };
            let mut s = w.not_applicable.to_owned();
            if !policy.is_empty() {
                s.push_str(&format!(" ({policy})"));
            }
            if let Some(ex) = &t.explanation {
                s.push_str(&format!(": “{ex}”"));
            }
            what.push(s);
        }
        if !what.is_empty() {
            out.push(format!(
                "{} {}: {}",
                l.code,
                l.title.get(lang),
                what.join("; ")
            ));
        }
    }
    for (label, adj) in [(w.bonus, &card.bonus), (w.penalty, &card.penalty)] {
        for e in &adj.entries {
            let what = match (e.counted, e.entry.evidence.is_empty()) {
                (false, _) => w.not_counted,
                (true, true) if label == w.bonus => w.unsupported,
                _ => continue,
            };
            out.push(format!(
                "{label} {} ({}): {what}",
                fmt_decimal(e.entry.amount, lang),
                e.entry.reason
            ));
        }
    }
    out
}

/// The note of a scorecard re-scored under another methodology: from which, what moved,
/// what was not carried over.
fn carried_note(c: &crate::model::scorecard::CarriedOver, to: &str, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut s = if vi {
        format!("Chấm lại theo {to} từ bài tự đánh giá lập theo {}", c.from)
    } else {
        format!(
            "Re-scored under {to} from a self-assessment made for {}",
            c.from
        )
    };
    if !c.moved.is_empty() {
        let moved: Vec<String> = c
            .moved
            .iter()
            .map(|m| format!("{} → {}", m.from, m.to))
            .collect();
        s.push_str(&format!(
            "; {}: {}",
            if vi { "chuyển mã" } else { "moved" },
            moved.join(", ")
        ));
    }
    if !c.dropped.is_empty() {
        let dropped: Vec<String> = c
            .dropped
            .iter()
            .map(|d| format!("{} ({})", d.code, describe_dropped(d, to, lang)))
            .collect();
        s.push_str(&format!(
            "; {}: {}",
            if vi {
                "không chuyển"
            } else {
                "not carried over"
            },
            dropped.join(", ")
        ));
    }
    s
}

/// Why an answer was not carried over to methodology `to`, in words.
///
/// ```
/// use par_index::{scorecard::DropReason, scorecard::Dropped, Lang};
/// let d = Dropped { code: "8.4.1".parse().unwrap(), to: "8.4.1".parse().unwrap(), why: DropReason::NotAnItem, answer: None };
/// assert_eq!(par_index::report::words::describe_dropped(&d, "commune-2025-model", Lang::En), "not an item of commune-2025-model");
/// assert_eq!(par_index::report::words::describe_dropped(&d, "commune-2025-model", Lang::Vi), "không phải tiêu chí của commune-2025-model");
/// ```
#[must_use]
pub fn describe_dropped(d: &crate::model::scorecard::Dropped, to: &str, lang: Lang) -> String {
    use crate::model::scorecard::DropReason;
    let vi = lang == Lang::Vi;
    let target = &d.to;
    let moved = target != &d.code;
    let mapped = |s: String| {
        if moved {
            if vi {
                format!("chuyển sang {target}, {s}")
            } else {
                format!("mapped to {target}, {s}")
            }
        } else {
            s
        }
    };
    match &d.why {
        DropReason::NotAnItem => mapped(if vi {
            format!("không phải tiêu chí của {to}")
        } else {
            format!("not an item of {to}")
        }),
        DropReason::Group => mapped(if vi {
            format!("là nhóm tiêu chí của {to}")
        } else {
            format!("a group of {to}")
        }),
        DropReason::Taken { by } => match (vi, moved) {
            (true, _) => format!("{target} đã nhận câu trả lời của {by}"),
            (false, false) => format!("{target} is already carried from {by}"),
            (false, true) => format!("mapped to {target}, which {by} is already carried to"),
        },
        DropReason::Refused { message } => {
            if vi {
                format!("không phù hợp cách chấm của {to}: {message}")
            } else {
                format!("does not fit {to}: {message}")
            }
        }
    }
}

fn d(x: Decimal, lang: Lang) -> String {
    fmt_decimal(x, lang)
}

pub(crate) fn header_lines(card: &Scorecard, lang: Lang) -> [String; 3] {
    let w = words(lang);
    [
        format!("{} · {}: {}", w.heading, w.period, card.period),
        format!("{}: {} ({})", w.unit, card.unit.name, card.unit.code),
        format!(
            "{}: {} ({}; {})",
            w.methodology,
            card.methodology.title.get(lang),
            card.methodology.id,
            origin(&card.methodology.origin, lang)
        ),
    ]
}

/// Where the methodology comes from, in a few words: the decision, or "a model set".
fn origin(o: &crate::model::methodology::Origin, lang: Lang) -> String {
    match (o, lang) {
        (crate::model::methodology::Origin::Issued { body, number, date }, Lang::Vi) => {
            format!(
                "Quyết định số {number} ngày {} của {body}",
                date.to_vietnamese()
            )
        }
        (crate::model::methodology::Origin::Issued { body, number, date }, Lang::En) => {
            format!("decision {number} of {date}, {body}")
        }
        (crate::model::methodology::Origin::Model { .. }, Lang::Vi) => {
            "bộ tiêu chí mẫu, không phải văn bản ban hành chính thức".to_owned()
        }
        (crate::model::methodology::Origin::Model { .. }, Lang::En) => {
            "a model set, not an official decision".to_owned()
        }
    }
}

pub(crate) fn summary_lines(card: &Scorecard, lang: Lang) -> Vec<(String, String)> {
    let w = words(lang);
    let of = |points, max| format!("{} / {}", d(points, lang), d(max, lang));
    let capped = |a: &crate::model::scorecard::Adjustment| {
        format!("{} ({} {})", d(a.points, lang), w.cap, d(a.cap, lang))
    };
    let survey = if card.survey.held {
        of(card.survey.points, card.survey.applicable_max)
    } else {
        w.survey_not_held.to_owned()
    };
    vec![
        (
            w.appraised.to_owned(),
            of(card.appraised.points, card.appraised.applicable_max),
        ),
        (w.survey.to_owned(), survey),
        (w.bonus.to_owned(), capped(&card.bonus)),
        (w.penalty.to_owned(), capped(&card.penalty)),
        (
            w.total.to_owned(),
            format!(
                "{} ({})",
                of(card.total, card.applicable_max),
                w.applicable_max
            ),
        ),
        (w.index.to_owned(), format!("{}%", d(card.index, lang))),
        (w.band.to_owned(), card.band.label.get(lang).to_owned()),
    ]
}

fn markdown(card: &Scorecard, lang: Lang) -> String {
    let w = words(lang);
    let [h, unit, meth] = header_lines(card, lang);
    let mut o = format!("# {h}\n\n- {unit}\n- {meth}\n\n");
    o.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} |\n",
        w.code, w.area, w.office, w.points, w.max, w.rate
    ));
    o.push_str("|---|---|---|---:|---:|---:|\n");
    for a in &card.areas {
        let office = a.office.as_ref().map(|t| t.get(lang)).unwrap_or_default();
        let max = if a.applicable {
            d(a.applicable_max, lang)
        } else {
            w.excluded.to_owned()
        };
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            a.code,
            md_cell(a.title.get(lang)),
            md_cell(office),
            d(a.points, lang),
            max,
            rate(a.points, a.applicable_max, lang)
        ));
    }
    o.push('\n');
    for (k, v) in summary_lines(card, lang) {
        o.push_str(&format!("- **{k}:** {v}\n"));
    }
    o.push_str(&format!("\n## {}\n\n", w.lost_heading));
    let rows = lost_rows(card, lang);
    if rows.is_empty() {
        o.push_str(w.none_lost);
        o.push('\n');
    } else {
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            w.code, w.item, w.points, w.max, w.lost, w.reason
        ));
        o.push_str("|---|---|---:|---:|---:|---|\n");
        for r in rows {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                r.code,
                md_cell(&r.title),
                d(r.points, lang),
                d(r.max, lang),
                d(r.lost, lang),
                md_cell(&r.reason)
            ));
        }
    }
    let notes = notes(card, lang);
    if !notes.is_empty() {
        o.push_str(&format!("\n## {}\n\n", w.notes_heading));
        for n in notes {
            o.push_str(&format!("- {}\n", md_cell(&n)));
        }
    }
    o.push_str(&format!("\n_{}_\n", stamp(card, lang)));
    o
}

/// The line that ties a printed report to its files: the content hashes (first 16 hex
/// digits; `par-index verify` checks the full ones) and the engine.
fn stamp(card: &Scorecard, lang: Lang) -> String {
    let short = |h: &str| h.get(..16).unwrap_or(h).to_owned();
    let (label, m, s) = match lang {
        Lang::Vi => ("Mã kiểm tra SHA-256", "bộ tiêu chí", "bản tự đánh giá"),
        Lang::En => ("SHA-256 check codes", "methodology", "self-assessment"),
    };
    format!(
        "{label}: {m} {}, {s} {}; {}",
        short(&card.methodology.sha256),
        short(&card.submission_sha256),
        card.engine
    )
}

fn text(card: &Scorecard, lang: Lang) -> String {
    let w = words(lang);
    let [h, unit, meth] = header_lines(card, lang);
    let mut o = format!("{h}\n{unit}\n{meth}\n\n");
    let mut rows = vec![vec![
        w.code.to_owned(),
        w.area.to_owned(),
        w.points.to_owned(),
        w.max.to_owned(),
        w.rate.to_owned(),
    ]];
    for a in &card.areas {
        let max = if a.applicable {
            d(a.applicable_max, lang)
        } else {
            w.excluded.to_owned()
        };
        rows.push(vec![
            a.code.to_string(),
            a.title.get(lang).to_owned(),
            d(a.points, lang),
            max,
            rate(a.points, a.applicable_max, lang),
        ]);
    }
    o.push_str(&table(&rows, &[false, false, true, true, true]));
    o.push('\n');
    let summary = summary_lines(card, lang);
    let kw = summary.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    for (k, v) in summary {
        o.push_str(&format!(
            "{}  {v}\n",
            pad(&format!("{k}:"), kw.saturating_add(1), false)
        ));
    }
    o.push_str(&format!("\n{}\n", w.lost_heading));
    let lost = lost_rows(card, lang);
    if lost.is_empty() {
        o.push_str(w.none_lost);
        o.push('\n');
    } else {
        for r in lost {
            o.push_str(&format!(
                "  {} {} ({}/{}, −{}): {}\n",
                r.code,
                r.title,
                d(r.points, lang),
                d(r.max, lang),
                d(r.lost, lang),
                r.reason
            ));
        }
    }
    let notes = notes(card, lang);
    if !notes.is_empty() {
        o.push_str(&format!("\n{}\n", w.notes_heading));
        for n in notes {
            o.push_str(&format!("  - {n}\n"));
        }
    }
    o.push_str(&format!("\n{}\n", stamp(card, lang)));
    o
}

/// The sentence for a unit missing from the survey file, in either language.
pub(crate) fn not_in_survey(unit: &str, file: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "đơn vị {unit} không có trong tệp kết quả khảo sát `{file}`: chấm không có điểm khảo sát, theo bộ tiêu chí"
        ),
        Lang::En => format!(
            "unit {unit} is not in the survey file `{file}`: scored without a survey, as the methodology provides"
        ),
    }
}

/// Why a leaf's points differ from the rule's rounded value, in words.
pub(crate) fn describe_override(
    o: crate::model::scorecard::Override,
    rounded: Decimal,
    points: Decimal,
    lang: Lang,
) -> String {
    use crate::model::scorecard::Override;
    match (o, lang) {
        (Override::EvidencePolicy, Lang::En) => format!(
            "no evidence and no explanation: {rounded} → 0 under the evidence policy `zero`"
        ),
        (Override::EvidencePolicy, Lang::Vi) => format!(
            "không có tài liệu kiểm chứng và giải trình: {} → 0",
            fmt_decimal(rounded, lang)
        ),
        (Override::Appraiser, Lang::En) => {
            format!("set to {points} by the appraiser (the rule gives {rounded})")
        }
        (Override::Appraiser, Lang::Vi) => format!(
            "đoàn thẩm định chấm {} (quy tắc cho {})",
            fmt_decimal(points, lang),
            fmt_decimal(rounded, lang)
        ),
    }
}

/// The measure and the branch of a leaf in words, as a trace line says them:
/// `912/1000 = 91.2%; tier 2: ≥ 90% → 2`, with "no survey held" first for a survey item
/// of a unit that held none.
pub(crate) fn describe_trace(
    card: &Scorecard,
    n: &crate::model::scorecard::ScoreNode,
    lang: Lang,
) -> String {
    let Some(t) = &n.trace else {
        return String::new();
    };
    let mut s = describe_leaf(&t.rule, n.max, t.measure.as_ref(), &t.branch, lang);
    if matches!(t.rule, crate::model::rule::Rule::Survey) && !card.survey.held {
        s.insert_str(
            0,
            match lang {
                Lang::Vi => "không tổ chức khảo sát; ",
                Lang::En => "no survey held; ",
            },
        );
    }
    s
}

/// A stage's name for people: `self` → *Tự chấm* / *Self-assessed*, `appraisal-2` →
/// *Thẩm định lần 2* / *Appraisal 2*, `explanation` → *Giải trình*, `final` → *Thẩm định
/// chính thức* / *Final*; other names as they are.
///
/// ```
/// use par_index::Lang;
/// use par_index::report::words::stage_label;
/// assert_eq!(stage_label("appraisal-1", Lang::Vi), "Thẩm định lần 1");
/// assert_eq!(stage_label("final", Lang::En), "Final");
/// ```
#[must_use]
pub fn stage_label(stage: &str, lang: crate::model::text::Lang) -> String {
    use crate::model::text::Lang;
    let vi = lang == Lang::Vi;
    match stage {
        "self" => (if vi { "Tự chấm" } else { "Self-assessed" }).into(),
        "explanation" => (if vi { "Giải trình" } else { "Explanation" }).into(),
        "final" => (if vi {
            "Thẩm định chính thức"
        } else {
            "Final"
        })
        .into(),
        other => match other.strip_prefix("appraisal-") {
            Some(n) if vi => format!("Thẩm định lần {n}"),
            Some(n) => format!("Appraisal {n}"),
            None => other.to_owned(),
        },
    }
}
