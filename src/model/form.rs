//! The layout of the Excel form (`par-index template`): its sheets, their columns and the
//! keys that name them. One description, shared by the writer (`report/form.rs`) and the
//! reader (`read/form.rs`), so that what one writes the other reads.
//!
//! Every sheet of a form has a hidden first row of keys, `sheet:column` (`items:value1`),
//! one per column. The reader finds sheets and columns by these keys, not by their names or
//! places, so a sheet renamed or moved, or columns reordered, read as before; the visible
//! headers (second row) are in Vietnamese or English and are not read.

use crate::model::rule::{Basis, Rule};
use crate::model::text::Lang;

/// The format tag written in the unit sheet; a form with another tag is refused.
pub(crate) const FORM_FORMAT: &str = "par-index/form/1";

/// Documents a row has room for when nothing asks for more.
pub(crate) const EVIDENCE_SLOTS: usize = 3;

/// The sheets of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SheetKind {
    /// The unit, the period and the methodology.
    Unit,
    /// One row per area, criterion and sub-criterion; answers on sub-criterion rows.
    Items,
    /// Bonus and penalty entries.
    Entries,
    /// How to fill the form in (not read).
    Guide,
}

impl SheetKind {
    /// Every sheet, in the order the writer puts them.
    pub const ALL: [SheetKind; 4] = [
        SheetKind::Unit,
        SheetKind::Items,
        SheetKind::Entries,
        SheetKind::Guide,
    ];

    /// The prefix of the sheet's keys.
    pub fn key(self) -> &'static str {
        match self {
            SheetKind::Unit => "unit",
            SheetKind::Items => "items",
            SheetKind::Entries => "entries",
            SheetKind::Guide => "guide",
        }
    }

    pub fn from_key(key: &str) -> Option<SheetKind> {
        SheetKind::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The input a sub-criterion's rule takes, as the form asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// Yes or no (`check`).
    Met,
    /// Due date and date done (`deadline`).
    Dates,
    /// Numerator and denominator (ratio tiers, `proportional`).
    Ratio,
    /// A number (number tiers).
    Value,
    /// A whole number of violations (`deduction`).
    Count,
    /// The assessor's points (`judgement`).
    Points,
    /// A satisfaction ratio in [0, 1] (`survey`).
    Satisfaction,
}

impl Input {
    pub fn of(rule: &Rule) -> Input {
        match rule {
            Rule::Check => Input::Met,
            Rule::Deadline { .. } => Input::Dates,
            Rule::Tiers {
                on: Basis::Ratio, ..
            }
            | Rule::Proportional { .. } => Input::Ratio,
            Rule::Tiers {
                on: Basis::Number, ..
            } => Input::Value,
            Rule::Deduction { .. } => Input::Count,
            Rule::Survey => Input::Satisfaction,
            Rule::Judgement { .. } => Input::Points,
        }
    }

    /// The key written in the form's hidden `kind` column: the measure's JSON keys.
    pub fn key(self) -> &'static str {
        match self {
            Input::Met => "met",
            Input::Dates => "due/done",
            Input::Ratio => "num/den",
            Input::Value => "value",
            Input::Count => "count",
            Input::Points => "points",
            Input::Satisfaction => "satisfaction",
        }
    }

    pub fn from_key(key: &str) -> Option<Input> {
        [
            Input::Met,
            Input::Dates,
            Input::Ratio,
            Input::Value,
            Input::Count,
            Input::Points,
            Input::Satisfaction,
        ]
        .into_iter()
        .find(|i| i.key() == key)
    }

    /// The JSON keys of the measure in the first and the second value cell.
    pub fn fields(self) -> (&'static str, Option<&'static str>) {
        match self {
            Input::Met => ("met", None),
            Input::Dates => ("due", Some("done")),
            Input::Ratio => ("num", Some("den")),
            Input::Value => ("value", None),
            Input::Count => ("count", None),
            Input::Points => ("points", None),
            Input::Satisfaction => ("satisfaction", None),
        }
    }
}

/// The fields of one evidence document, in column order (their headings are in the
/// report layer's catalogue: `report::labels::form_header`).
pub(crate) const EVIDENCE_FIELDS: [&str; 6] =
    ["number", "date", "issuer", "title", "locator", "link"];

/// One column of a sheet: its key (after the sheet's prefix) and its width. Its heading, in
/// either language, is the catalogue's (`report::labels::form_header`): the model knows no
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    pub key: String,
    pub width: u16,
}

impl Column {
    fn new(key: &str, width: u16) -> Column {
        Column {
            key: key.to_owned(),
            width,
        }
    }
}

/// The key of field `field` of evidence slot `slot` (1-based): `ev2.date`.
pub(crate) fn evidence_key(slot: usize, field: &str) -> String {
    format!("ev{slot}.{field}")
}

/// Split an evidence key into its slot (1-based) and field.
pub(crate) fn parse_evidence_key(key: &str) -> Option<(usize, &str)> {
    let rest = key.strip_prefix("ev")?;
    let (n, field) = rest.split_once('.')?;
    let slot: usize = n.parse().ok().filter(|s| *s >= 1)?;
    EVIDENCE_FIELDS.contains(&field).then_some((slot, field))
}

fn evidence_columns(slots: usize, out: &mut Vec<Column>) {
    for slot in 1..=slots {
        for key in EVIDENCE_FIELDS {
            let width = if key == "title" { 28 } else { 14 };
            out.push(Column {
                key: evidence_key(slot, key),
                width,
            });
        }
    }
}

/// The columns of the items sheet, with room for `slots` documents per row.
pub(crate) fn item_columns(slots: usize) -> Vec<Column> {
    let mut out = vec![
        Column::new("code", 8),
        Column::new("title", 46),
        Column::new("office", 18),
        Column::new("max", 7),
        Column::new("rule", 36),
        Column::new("input", 20),
        Column::new("kind", 6),
        Column::new("value1", 12),
        Column::new("value2", 12),
        Column::new("na", 10),
        Column::new("explanation", 30),
    ];
    evidence_columns(slots, &mut out);
    out
}

/// The columns of the bonus and penalty sheet.
pub(crate) fn entry_columns(slots: usize) -> Vec<Column> {
    let mut out = vec![
        Column::new("kind", 14),
        Column::new("amount", 9),
        Column::new("reason", 40),
    ];
    evidence_columns(slots, &mut out);
    out
}

/// The columns of the unit sheet: key, label, value.
pub(crate) fn unit_columns() -> Vec<Column> {
    vec![
        Column::new("key", 6),
        Column::new("label", 34),
        Column::new("value", 48),
    ]
}

/// The rows of the unit sheet, by the key in its hidden first column (their labels are the
/// catalogue's: `report::labels::unit_row`). `form` and the methodology's are written by the
/// program.
pub(crate) const UNIT_ROWS: [&str; 7] = [
    "form",
    "methodology",
    "methodology_sha256",
    "unit.code",
    "unit.name",
    "period",
    "survey_held",
];

// The words the form reader recognises, in one place: yes and no, bonus and penalty (any
// case, with or without diacritics), and the words the writer offers for them.

/// The words a yes/no cell takes, either language, any case: `Some(true)` for yes.
pub(crate) fn yes_no(text: &str) -> Option<bool> {
    // The words are short: a long text is none of them (and is not copied).
    if text.trim().len() > 32 {
        return None;
    }
    // NFC first: `Có` typed as `C`, `o`, U+0301 is the same word.
    let t = crate::model::text::nfc(text.trim()).to_lowercase();
    match t.as_str() {
        "có" | "co" | "yes" | "y" | "x" | "true" | "đạt" | "1" => Some(true),
        "không" | "khong" | "no" | "n" | "false" | "không đạt" | "0" => Some(false),
        _ => None,
    }
}

/// The words for yes and no in a language.
pub(crate) fn yes_no_words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Vi => ["Có", "Không"],
        Lang::En => ["Yes", "No"],
    }
}

/// The words a bonus/penalty kind cell takes: `Some(true)` for bonus.
pub(crate) fn entry_kind(text: &str) -> Option<bool> {
    if text.trim().len() > 32 {
        return None;
    }
    match crate::model::text::nfc(text.trim()).to_lowercase().as_str() {
        "thưởng" | "thuong" | "bonus" | "điểm thưởng" => Some(true),
        "trừ" | "tru" | "penalty" | "điểm trừ" => Some(false),
        _ => None,
    }
}

/// The words for bonus and penalty in a language.
pub(crate) fn entry_kind_words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Vi => ["Thưởng", "Trừ"],
        Lang::En => ["Bonus", "Penalty"],
    }
}

/// Significant digits Excel keeps and shows.
pub(crate) const DIGITS: u32 = 15;

/// The decimal Excel shows for a double: rounded to 15 significant digits, half away from
/// zero, with no exponent and no trailing zeros. The double's exact value is written to 41
/// significant digits (Rust writes a double's digits exactly rounded) and rounded from
/// there. `None` for a value that is not finite or has more than 28 digits before or after
/// the decimal point once rounded.
///
/// This is the crate's one float conversion: a number cell holds a double, and from here on
/// it is an exact decimal.
pub(crate) fn shown_number(f: f64) -> Option<String> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some("0".into());
    }
    let s = format!("{:.40e}", f.abs());
    let (mantissa, exp) = s.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let keep = usize::try_from(DIGITS).ok()?;
    let mut kept: Vec<u8> = digits.get(..keep)?.to_vec();
    let mut exp = exp;
    if digits.get(keep).is_some_and(|d| *d >= b'5') {
        // Round half away from zero, carrying.
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                kept.pop();
                exp = exp.saturating_add(1);
                break;
            }
            i = i.saturating_sub(1);
            match kept.get_mut(i) {
                Some(d) if *d == b'9' => *d = b'0',
                Some(d) => {
                    *d = d.saturating_add(1);
                    break;
                }
                None => break,
            }
        }
    }
    while kept.len() > 1 && kept.last() == Some(&b'0') {
        kept.pop();
    }
    if !(-28..=28).contains(&exp) {
        return None;
    }
    let digits = String::from_utf8(kept).ok()?;
    let point = exp.saturating_add(1); // digits before the decimal point
    let body = if point <= 0 {
        let zeros = "0".repeat(usize::try_from(point.checked_neg()?).ok()?);
        format!("0.{zeros}{digits}")
    } else {
        let point = usize::try_from(point).ok()?;
        if digits.len() <= point {
            format!("{digits}{}", "0".repeat(point.saturating_sub(digits.len())))
        } else {
            let (a, b) = digits.split_at(point);
            format!("{a}.{b}")
        }
    };
    Some(if f < 0.0 { format!("-{body}") } else { body })
}

/// The spreadsheet name of a 0-based column: 0 → `A`, 26 → `AA`.
pub(crate) fn column_name(col: u32) -> String {
    let mut n = u64::from(col).saturating_add(1);
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n.saturating_sub(1)) % 26;
        out.push(char::from(
            b'A'.saturating_add(u8::try_from(rem).unwrap_or(0)),
        ));
        n = (n.saturating_sub(1)) / 26;
    }
    out.iter().rev().collect()
}

/// A cell's reference, as Excel writes it: `F23` (0-based row and column).
pub(crate) fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row).saturating_add(1))
}

/// A cell's address on a sheet, as Excel shows it: `Tiêu chí!F23` (0-based row and column).
pub(crate) fn cell_address(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}", cell_ref(row, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(column_name(16383), "XFD");
        assert_eq!(cell_address("Tiêu chí", 22, 5), "Tiêu chí!F23");
    }

    #[test]
    fn keys_read_back() {
        for s in SheetKind::ALL {
            assert_eq!(SheetKind::from_key(s.key()), Some(s));
        }
        assert_eq!(parse_evidence_key("ev2.date"), Some((2, "date")));
        assert_eq!(parse_evidence_key("ev0.date"), None);
        assert_eq!(parse_evidence_key("ev1.colour"), None);
        assert_eq!(
            parse_evidence_key(&evidence_key(12, "link")),
            Some((12, "link"))
        );
        assert_eq!(yes_no(" CÓ "), Some(true));
        assert_eq!(yes_no("Không"), Some(false));
        assert_eq!(yes_no("maybe"), None);
        assert_eq!(entry_kind("Trừ"), Some(false));
    }
}
