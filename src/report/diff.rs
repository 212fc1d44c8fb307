//! The appraisal minute in words: a diff between two stages as Markdown or CSV.

use rust_decimal::Decimal;

use crate::analysis::diff::{Diff, DiffRow};
use crate::model::text::Lang;
use crate::report::describe::{describe_measure, fmt_decimal};
use crate::report::out::markdown::md_cell as cell;

impl Diff {
    /// The reason of a row in words: the appraiser's decision and reason.
    fn reason(r: &DiffRow, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let Some(a) = &r.appraisal else {
            return match measure_words(r) {
                Some((f, t)) => format!("{f} → {t}"),
                None => String::new(),
            };
        };
        let mut parts = Vec::new();
        if let Some((f, t)) = measure_words(r) {
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
    /// let card = par_index::catalog::sample_scorecard();
    /// let md = par_index::appraisal::diff(&card, &card).to_markdown("Tự chấm", "Thẩm định", par_index::Lang::Vi);
    /// assert!(md.contains("Không có thay đổi"));
    /// ```
    #[must_use]
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
            let title = match &r.title {
                None => format!("**{}**", if vi { "Tổng điểm" } else { "Total" }),
                Some(t) => t.vi.clone(),
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
                "- **{}:** {} → {}\n",
                if vi { "Xếp loại" } else { "Band" },
                a.vi,
                b.vi
            ));
        }
        o
    }

    /// The diff as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the
    /// Vietnamese text correctly; decimals with a point).
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// let csv = par_index::appraisal::diff(&card, &card).to_csv("Tự chấm", "Thẩm định");
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
                r.title.as_ref().map_or("Tổng điểm", |t| t.vi.as_str()),
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

/// The two measures of a row whose measure changed, in words (Vietnamese, as the minute's
/// tables have always said them; `—` when unanswered).
fn measure_words(r: &DiffRow) -> Option<(String, String)> {
    let words = |m: &Option<crate::model::rule::Measure>| {
        m.as_ref()
            .map_or_else(|| "—".to_owned(), |m| describe_measure(m, Lang::Vi))
    };
    r.measures.as_ref().map(|(f, t)| (words(f), words(t)))
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
