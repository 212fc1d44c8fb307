//! The difference between two scorecards of one unit (two stages, usually the self-assessment
//! and the final appraisal), per item, area and total, in the form of an appraisal minute
//! (*biên bản thẩm định*): code, item, self-score, appraised score, difference, reason, who.

use rust_decimal::Decimal;

use crate::model::code::Code;
use crate::model::scorecard::{ItemAppraisal, ScoreNode, Scorecard};
use crate::model::text::Lang;
use crate::report::describe::{describe_measure, fmt_decimal};
use crate::report::render::md_cell as cell;

/// One line of a diff.
///
/// ```
/// use par_index::{catalog, diff, score_stages, Stage};
/// let stage = Stage::from_file("examples/data/district/appraisals/NG-05.final.json").unwrap();
/// let sub = par_index::Submission::from_file("examples/data/district/NG-05.json").unwrap();
/// let stages = score_stages(catalog::default_methodology(), &sub, &[stage], None).unwrap();
/// let d = diff(&stages[0].card, &stages[1].card);
/// assert!(d.rows.iter().all(|r| r.change == r.to - r.from));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffRow {
    /// The item or area; `None` for the total.
    pub code: Option<Code>,
    /// Its title (Vietnamese), or `Tổng điểm` for the total.
    pub title: String,
    /// Whether it is a leaf (with a measure), a group, or the total.
    pub leaf: bool,
    /// Points in the first scorecard.
    pub from: Decimal,
    /// Points in the second.
    pub to: Decimal,
    /// `to − from`.
    pub change: Decimal,
    /// The measure in the first, in words, when it differs.
    pub measure_from: Option<String>,
    /// The measure in the second, in words, when it differs.
    pub measure_to: Option<String>,
    /// The decision behind the change, when an appraisal made it.
    pub appraisal: Option<ItemAppraisal>,
}

/// The differences between two scorecards: every leaf whose points, measure or evidence
/// changed, every group whose points changed, and the total, index and band when they did.
/// Empty when the two are the same.
///
/// ```
/// let card = par_index::sample_scorecard();
/// assert!(par_index::diff(&card, &card).rows.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The unit's name.
    pub unit: String,
    /// The rows, in code order (groups before their items), the total last.
    pub rows: Vec<DiffRow>,
    /// The index before and after, when it changed.
    pub index: Option<(Decimal, Decimal)>,
    /// The band before and after (Vietnamese labels), when it changed.
    pub band: Option<(String, String)>,
}

/// Compare two scorecards of the same unit and methodology.
///
/// ```
/// use par_index::{catalog, diff, score, Submission};
/// let m = catalog::default_methodology();
/// let a = par_index::sample_scorecard();
/// let mut s = par_index::sample_submission();
/// s.answers.remove(&"1.4.1".parse().unwrap());
/// let b = score(m, &s).unwrap();
/// let d = diff(&a, &b);
/// // 1.4.1 (0.5) unanswered: the item, its criterion, its area and the total each lose 0.5.
/// let codes: Vec<String> = d.rows.iter().map(|r| r.code.as_ref().map_or("total".into(), |c| c.to_string())).collect();
/// assert_eq!(codes, ["1", "1.4", "1.4.1", "total"]);
/// assert!(d.rows.iter().all(|r| r.change == rust_decimal::Decimal::new(-5, 1)));
/// ```
pub fn diff(a: &Scorecard, b: &Scorecard) -> Diff {
    let mut rows = Vec::new();
    for (x, y) in a.areas.iter().zip(&b.areas) {
        walk(x, y, &mut rows);
    }
    if a.total != b.total {
        rows.push(DiffRow {
            code: None,
            title: "Tổng điểm".into(),
            leaf: false,
            from: a.total,
            to: b.total,
            change: b.total.checked_sub(a.total).unwrap_or_default().normalize(),
            measure_from: None,
            measure_to: None,
            appraisal: None,
        });
    }
    Diff {
        unit: b.unit.name.clone(),
        rows,
        index: (a.index != b.index).then_some((a.index, b.index)),
        band: (a.band.label != b.band.label)
            .then(|| (a.band.label.vi.clone(), b.band.label.vi.clone())),
    }
}

fn walk(x: &ScoreNode, y: &ScoreNode, rows: &mut Vec<DiffRow>) {
    let leaf = x.children.is_empty();
    let (mx, my) = match (&x.trace, &y.trace) {
        (Some(tx), Some(ty)) => (tx.measure.as_ref(), ty.measure.as_ref()),
        _ => (None, None),
    };
    let measure_changed = mx != my;
    let evidence_changed = match (&x.trace, &y.trace) {
        (Some(tx), Some(ty)) => tx.evidence != ty.evidence || tx.appraisal != ty.appraisal,
        _ => false,
    };
    if x.points != y.points || (leaf && (measure_changed || evidence_changed)) {
        let words = |m: Option<&crate::model::rule::Measure>| {
            m.map_or_else(|| "—".to_owned(), |m| describe_measure(m, Lang::Vi))
        };
        rows.push(DiffRow {
            code: Some(y.code.clone()),
            title: y.title.vi.clone(),
            leaf,
            from: x.points,
            to: y.points,
            change: y
                .points
                .checked_sub(x.points)
                .unwrap_or_default()
                .normalize(),
            measure_from: measure_changed.then(|| words(mx)),
            measure_to: measure_changed.then(|| words(my)),
            appraisal: y
                .trace
                .as_ref()
                .and_then(|t| t.appraisal.clone())
                .or_else(|| x.trace.as_ref().and_then(|t| t.appraisal.clone())),
        });
    }
    for (cx, cy) in x.children.iter().zip(&y.children) {
        walk(cx, cy, rows);
    }
}

impl Diff {
    /// The reason of a row in words: the appraiser's decision and reason.
    fn reason(r: &DiffRow, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let Some(a) = &r.appraisal else {
            return match (&r.measure_from, &r.measure_to) {
                (Some(f), Some(t)) => format!("{f} → {t}"),
                _ => String::new(),
            };
        };
        let mut parts = Vec::new();
        if let (Some(f), Some(t)) = (&r.measure_from, &r.measure_to) {
            parts.push(format!(
                "{} {f} → {t}",
                if vi { "số liệu" } else { "measure" }
            ));
        }
        if !a.rejected_evidence.is_empty() {
            parts.push(format!(
                "{} {}",
                if vi {
                    "không chấp nhận tài liệu"
                } else {
                    "evidence rejected:"
                },
                a.rejected_evidence.join(", ")
            ));
        }
        if !a.added_evidence.is_empty() {
            parts.push(format!(
                "{} {}",
                if vi {
                    "bổ sung tài liệu"
                } else {
                    "evidence added:"
                },
                a.added_evidence.join(", ")
            ));
        }
        if let Some(p) = a.set_points {
            parts.push(format!(
                "{} {}",
                if vi { "chấm" } else { "points set to" },
                fmt_decimal(p, lang)
            ));
        }
        if let Some(reason) = &a.reason {
            parts.push(reason.clone());
        }
        parts.join("; ")
    }

    fn who(r: &DiffRow) -> String {
        r.appraisal
            .as_ref()
            .map(|a| format!("{} ({})", a.by, a.stage))
            .unwrap_or_default()
    }

    /// The diff as a Markdown table: code, item, the two scores, the difference, the reason and
    /// who decided, then the index and band.
    ///
    /// ```
    /// let card = par_index::sample_scorecard();
    /// let md = par_index::diff(&card, &card).to_markdown("Tự chấm", "Thẩm định", par_index::Lang::Vi);
    /// assert!(md.contains("Không có thay đổi"));
    /// ```
    pub fn to_markdown(&self, from: &str, to: &str, lang: Lang) -> String {
        crate::model::text::printable(&self.markdown_raw(from, to, lang)).into_owned()
    }

    fn markdown_raw(&self, from: &str, to: &str, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let d = |x: Decimal| fmt_decimal(x, lang);
        let mut o = format!(
            "# {} — {}: {from} → {to}\n\n",
            if vi {
                "Biên bản thẩm định"
            } else {
                "Appraisal minute"
            },
            self.unit
        );
        if self.rows.is_empty() {
            o.push_str(if vi {
                "Không có thay đổi.\n"
            } else {
                "No change.\n"
            });
            return o;
        }
        let head = if vi {
            [
                "Mã",
                "Nội dung",
                from,
                to,
                "Chênh lệch",
                "Lý do",
                "Người quyết định",
            ]
        } else {
            [
                "Code",
                "Item",
                from,
                to,
                "Difference",
                "Reason",
                "Decided by",
            ]
        };
        o.push_str(&format!(
            "| {} |\n|---|---|---:|---:|---:|---|---|\n",
            head.join(" | ")
        ));
        for r in &self.rows {
            let code = match &r.code {
                Some(c) if r.leaf => c.to_string(),
                Some(c) => format!("**{c}**"),
                None => String::new(),
            };
            let title = if r.code.is_none() {
                format!("**{}**", if vi { "Tổng điểm" } else { "Total" })
            } else {
                r.title.clone()
            };
            o.push_str(&format!(
                "| {code} | {} | {} | {} | {} | {} | {} |\n",
                cell(&title),
                d(r.from),
                d(r.to),
                signed(r.change, lang),
                cell(&Diff::reason(r, lang)),
                cell(&Diff::who(r))
            ));
        }
        if let Some((a, b)) = self.index {
            o.push_str(&format!(
                "\n- **{}:** {}% → {}%\n",
                if vi { "Chỉ số CCHC" } else { "PAR Index" },
                d(a),
                d(b)
            ));
        }
        if let Some((a, b)) = &self.band {
            o.push_str(&format!(
                "- **{}:** {a} → {b}\n",
                if vi { "Xếp loại" } else { "Band" }
            ));
        }
        o
    }

    /// The diff as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the
    /// Vietnamese text correctly; decimals with a point).
    ///
    /// ```
    /// let card = par_index::sample_scorecard();
    /// let csv = par_index::diff(&card, &card).to_csv("Tự chấm", "Thẩm định");
    /// assert!(csv.starts_with("\u{feff}Mã,Nội dung,Tự chấm,Thẩm định,"));
    /// ```
    pub fn to_csv(&self, from: &str, to: &str) -> String {
        let mut o = String::from("\u{feff}");
        o.push_str(&csv_line(&[
            "Mã",
            "Nội dung",
            from,
            to,
            "Chênh lệch",
            "Lý do",
            "Người quyết định",
        ]));
        for r in &self.rows {
            let code = r.code.as_ref().map(ToString::to_string).unwrap_or_default();
            o.push_str(&csv_line(&[
                &code,
                &r.title,
                &r.from.to_string(),
                &r.to.to_string(),
                &r.change.to_string(),
                &Diff::reason(r, Lang::Vi),
                &Diff::who(r),
            ]));
        }
        o
    }
}

fn signed(x: Decimal, lang: Lang) -> String {
    if x > Decimal::ZERO {
        format!("+{}", fmt_decimal(x, lang))
    } else if x < Decimal::ZERO {
        format!("−{}", fmt_decimal(x.abs(), lang))
    } else {
        "0".into()
    }
}

/// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted.
pub(crate) fn csv_line(fields: &[&str]) -> String {
    let mut o = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        let f = csv_safe(f);
        if f.contains([',', '"', '\n', '\r']) {
            o.push('"');
            o.push_str(&f.replace('"', "\"\""));
            o.push('"');
        } else {
            o.push_str(&f);
        }
    }
    o.push_str("\r\n");
    o
}

/// A CSV cell that a spreadsheet cannot run (the OWASP rule): text that begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`, unless it is a number (`-1.5`, a
/// change the program wrote); control and invisible characters are escaped.
pub(crate) fn csv_safe(f: &str) -> std::borrow::Cow<'_, str> {
    let risky = f.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && crate::model::exact::parse_decimal(f).is_err();
    match (risky, crate::model::text::printable(f)) {
        (true, text) => std::borrow::Cow::Owned(format!("'{text}")),
        (false, text) => text,
    }
}
