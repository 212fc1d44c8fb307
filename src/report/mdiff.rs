//! A methodology diff in words: Markdown (Vietnamese or English) and CSV.

use crate::analysis::mdiff::{ItemChangeKind, MethodologyDiff};
use crate::model::text::Lang;
use crate::report::describe::fmt_decimal;
use crate::report::out::csv::csv_line;
use crate::report::out::markdown::md_cell;

fn kind_word(k: ItemChangeKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (ItemChangeKind::Added, Lang::Vi) => "thêm mới",
        (ItemChangeKind::Added, Lang::En) => "added",
        (ItemChangeKind::Removed, Lang::Vi) => "bỏ",
        (ItemChangeKind::Removed, Lang::En) => "removed",
        (ItemChangeKind::Moved, Lang::Vi) => "chuyển mã",
        (ItemChangeKind::Moved, Lang::En) => "moved",
        (ItemChangeKind::Changed, Lang::Vi) => "sửa đổi",
        (ItemChangeKind::Changed, Lang::En) => "changed",
    }
}

impl MethodologyDiff {
    /// The diff as Markdown: the settings that changed, each area's maximum before and
    /// after with its effect, and every item added, removed, moved or changed with the
    /// fields before and after.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// let md = par_index::methodology::diff(m, m, &Default::default()).to_markdown(par_index::Lang::Vi);
    /// assert!(md.contains("Không có tiêu chí nào thay đổi."));
    /// ```
    #[must_use]
    pub fn to_markdown(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let d = |x| fmt_decimal(x, lang);
        let mut o = format!(
            "# {}: {} → {}\n\n",
            if vi {
                "So sánh bộ tiêu chí"
            } else {
                "Methodology diff"
            },
            self.a,
            self.b
        );
        o.push_str(&format!(
            "## {}\n\n",
            if vi {
                "Thiết lập chung"
            } else {
                "Settings"
            }
        ));
        if self.settings.is_empty() {
            o.push_str(if vi {
                "Không thay đổi.\n\n"
            } else {
                "No change.\n\n"
            });
        } else {
            o.push_str(if vi {
                "| Nội dung | Trước | Sau |\n|---|---|---|\n"
            } else {
                "| Setting | Before | After |\n|---|---|---|\n"
            });
            for s in &self.settings {
                o.push_str(&format!(
                    "| {} | {} | {} |\n",
                    s.field,
                    md_cell(&s.before),
                    md_cell(&s.after)
                ));
            }
            o.push('\n');
        }
        o.push_str(&format!(
            "## {}\n\n{}\n|---|---|---:|---:|---:|\n",
            if vi {
                "Điểm tối đa theo lĩnh vực"
            } else {
                "Maximum by area"
            },
            if vi {
                "| Mã | Lĩnh vực | Trước | Sau | Thay đổi |"
            } else {
                "| Code | Area | Before | After | Change |"
            }
        ));
        for a in &self.areas {
            let change = a.after.checked_sub(a.before).unwrap_or_default();
            let sign = if change > rust_decimal::Decimal::ZERO {
                "+"
            } else {
                ""
            };
            o.push_str(&format!(
                "| {} | {} | {} | {} | {sign}{} |\n",
                a.code,
                md_cell(a.title.get(lang)),
                d(a.before),
                d(a.after),
                d(change)
            ));
        }
        o.push('\n');
        o.push_str(&format!("## {}\n\n", if vi { "Tiêu chí" } else { "Items" }));
        if self.items.is_empty() {
            o.push_str(if vi {
                "Không có tiêu chí nào thay đổi.\n"
            } else {
                "No item changed.\n"
            });
        } else {
            o.push_str(if vi {
                "| Mã | Tiêu chí | Thay đổi | Nội dung | Trước | Sau |\n|---|---|---|---|---|---|\n"
            } else {
                "| Code | Item | Change | Field | Before | After |\n|---|---|---|---|---|---|\n"
            });
            for i in &self.items {
                let what = match &i.from {
                    Some(f) => format!(
                        "{} ({} {f})",
                        kind_word(i.kind, lang),
                        if vi { "từ" } else { "from" }
                    ),
                    None => kind_word(i.kind, lang).to_owned(),
                };
                if i.fields.is_empty() {
                    o.push_str(&format!(
                        "| {} | {} | {what} | | | |\n",
                        i.code,
                        md_cell(i.title.get(lang))
                    ));
                }
                // A rule in words (the data holds its canonical JSON).
                let words = |json: &str| -> String {
                    match serde_json::from_str::<crate::model::rule::Rule>(json) {
                        Ok(r) if !json.is_empty() => {
                            crate::report::explain::describe_rule(&r, i.max, lang)
                        }
                        _ => json.to_owned(),
                    }
                };
                for (n, f) in i.fields.iter().enumerate() {
                    let (before, after) = if f.field == "rule" {
                        (words(&f.before), words(&f.after))
                    } else {
                        (f.before.clone(), f.after.clone())
                    };
                    let (code, title, what) = if n == 0 {
                        (i.code.to_string(), md_cell(i.title.get(lang)), what.clone())
                    } else {
                        (String::new(), String::new(), String::new())
                    };
                    o.push_str(&format!(
                        "| {code} | {title} | {what} | {} | {} | {} |\n",
                        f.field,
                        md_cell(&before),
                        md_cell(&after)
                    ));
                }
            }
        }
        crate::model::text::printable(&o).into_owned()
    }

    /// The diff as CSV, a line per field that changed (and per item added or removed):
    /// `code,from,change,field,before,after`, settings with an empty code.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// let csv = par_index::methodology::diff(m, m, &Default::default()).to_csv();
    /// assert_eq!(csv, "code,from,change,field,before,after\r\n");
    /// ```
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut o = csv_line(&["code", "from", "change", "field", "before", "after"]);
        for s in &self.settings {
            o.push_str(&csv_line(&[
                "", "", "setting", &s.field, &s.before, &s.after,
            ]));
        }
        for i in &self.items {
            let code = i.code.to_string();
            let from = i.from.as_ref().map(ToString::to_string).unwrap_or_default();
            let kind = kind_word(i.kind, Lang::En);
            if i.fields.is_empty() {
                o.push_str(&csv_line(&[&code, &from, kind, "", "", ""]));
            }
            for f in &i.fields {
                o.push_str(&csv_line(&[
                    &code, &from, kind, &f.field, &f.before, &f.after,
                ]));
            }
        }
        o
    }
}
