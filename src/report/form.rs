//! The Excel form of a methodology (`par-index template`): a workbook a unit fills in and
//! sends back, read by [`crate::form::read_form`]. The layout is `model/form.rs`.
//!
//! Numbers are written as Excel numbers when the double nearest the decimal shows as the
//! same decimal (what Excel displays, to 15 significant digits, and what the reader reads
//! back: `read/xlsx.rs`); a decimal with more significant digits than Excel shows is written
//! as text, which the reader also reads exactly. This is the writer's half of the one
//! boundary where a float appears.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::error::{Error, Problem, ProblemKind};
use crate::model::date::Date;
use crate::model::form::{
    Column, EVIDENCE_SLOTS, FORM_FORMAT, Input, SheetKind, UNIT_ROWS, entry_columns,
    entry_kind_words, item_columns, unit_columns, yes_no_words,
};
use crate::model::methodology::{Criterion, Methodology};
use crate::model::rule::{Measure, Rule};
use crate::model::submission::{AdjustmentEntry, Answer, Evidence, Submission, Unit};
use crate::model::text::Lang;
use crate::report::explain::describe_rule;
use crate::report::labels::{
    Label, Sentence, form_header, input_words, label, say, sheet_name, unit_row,
};

/// What to put in a form besides the methodology: the unit and period, or a whole
/// self-assessment to fill it from.
///
/// ```
/// let t = par_index::form::Template::default();
/// assert!(t.from.is_none() && t.unit.is_none());
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct Template<'a> {
    /// The unit to write in the unit sheet (a filled form takes the submission's).
    pub unit: Option<&'a Unit>,
    /// The period (default: the methodology's year).
    pub period: Option<&'a str>,
    /// A self-assessment whose answers, evidence, explanations and entries fill the form.
    pub from: Option<&'a Submission>,
    /// Language of headers, sheet names and words (data keeps its own).
    pub lang: Lang,
}

impl<'a> Template<'a> {
    /// A blank form in `lang`.
    ///
    /// ```
    /// let t = par_index::form::Template::new(par_index::Lang::En);
    /// assert_eq!(t.lang, par_index::Lang::En);
    /// ```
    #[must_use]
    pub fn new(lang: Lang) -> Template<'a> {
        Template {
            lang,
            ..Template::default()
        }
    }

    /// The same template filled from `submission`.
    ///
    /// ```
    /// let sub = par_index::catalog::sample_submission();
    /// let t = par_index::form::Template::default().from(&sub);
    /// assert!(t.from.is_some());
    /// ```
    #[must_use]
    pub fn from(mut self, submission: &'a Submission) -> Template<'a> {
        self.from = Some(submission);
        self
    }

    /// The same template for `unit`.
    ///
    /// ```
    /// let u = par_index::submission::Unit { code: "X".into(), name: "Xã X".into() };
    /// assert_eq!(par_index::form::Template::default().unit(&u).unit, Some(&u));
    /// ```
    #[must_use]
    pub fn unit(mut self, unit: &'a Unit) -> Template<'a> {
        self.unit = Some(unit);
        self
    }

    /// The same template for `period`.
    ///
    /// ```
    /// assert_eq!(par_index::form::Template::default().period("2025").period, Some("2025"));
    /// ```
    #[must_use]
    pub fn period(mut self, period: &'a str) -> Template<'a> {
        self.period = Some(period);
        self
    }
}

/// Excel's limit on the characters of one cell.
const CELL_CHARS: usize = 32_767;

/// Rows of blank bonus and penalty entries after those filled in.
const BLANK_ENTRIES: u32 = 12;

/// The Excel form of `m` (an `.xlsx` file's bytes), as [`crate::form::template`] describes
/// it, before it is read back: the inputs checked (what it is filled from fits the
/// methodology and the cells; the unit's code is one the reader takes), then the workbook
/// built.
pub(crate) fn write_template(m: &Methodology, t: &Template<'_>) -> Result<Vec<u8>, Error> {
    let mut problems = Vec::new();
    if let Some(s) = t.from {
        for (code, answer) in &s.answers {
            match m.find(code) {
                Some(c) => match c.rule() {
                    Some(rule) if !fits(rule, &answer.measure) => problems.push(Problem::new(
                        ProblemKind::WrongMeasure,
                        Some(code.as_str()),
                        format!("answers.{code}"),
                        format!(
                            "the form's row takes {}; the answer gives `{}`",
                            rule.expects(),
                            answer.measure.name()
                        ),
                    )),
                    Some(_)
                        if matches!(answer.measure, Measure::NotApplicable { .. })
                            && c.na_policy().is_none() =>
                    {
                        problems.push(Problem::new(
                            ProblemKind::NotApplicableRejected,
                            Some(code.as_str()),
                            format!("answers.{code}"),
                            "not applicable, but the item has no N/A policy: the form has no N/A cell for it",
                        ));
                    }
                    Some(_) => {}
                    None => problems.push(Problem::new(
                        ProblemKind::UnknownCode,
                        Some(code.as_str()),
                        format!("answers.{code}"),
                        "a group, not a sub-criterion: the form has no answer cells for it",
                    )),
                },
                None => problems.push(Problem::new(
                    ProblemKind::UnknownCode,
                    Some(code.as_str()),
                    format!("answers.{code}"),
                    format!("methodology `{}` has no item {code}", m.id()),
                )),
            }
        }
        check_lengths(s, &mut problems);
    }
    // What the template writes of the unit and period must be what its reader takes.
    let unit = t.unit.or(t.from.map(|s| &s.unit));
    let period = t.period.or(t.from.map(|s| s.period.as_str()));
    if let Some(u) = unit
        && !u.code.is_empty()
        && let Some(why) = crate::model::code::ident_problem(&u.code)
    {
        problems.push(Problem::new(ProblemKind::BadValue, None, "unit.code", why));
    }
    for (field, text) in [
        ("unit.name", unit.map(|u| u.name.as_str())),
        ("period", period),
    ] {
        if let Some(text) = text
            && !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_whitespace() || crate::model::text::is_invisible(c))
        {
            problems.push(Problem::new(
                ProblemKind::BadValue,
                None,
                field,
                "must not be blank: leave it out for the unit to fill in, or write it",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    build(m, t).map_err(|e| Error::Output {
        what: "the Excel form".into(),
        cause: e.to_string(),
    })
}

/// Whether a measure can be written in the cells of a row whose rule is `rule`.
fn fits(rule: &Rule, measure: &Measure) -> bool {
    matches!(measure, Measure::NotApplicable { .. }) || rule.accepts(measure)
}

fn too_long(problems: &mut Vec<Problem>, code: Option<&str>, field: String, text: &str) {
    if text.chars().count() > CELL_CHARS {
        problems.push(Problem::new(
            ProblemKind::TooLarge,
            code,
            field,
            format!("longer than the {CELL_CHARS} characters an Excel cell holds"),
        ));
    }
}

fn check_evidence(problems: &mut Vec<Problem>, code: Option<&str>, base: &str, list: &[Evidence]) {
    for (i, e) in list.iter().enumerate() {
        for (k, v) in [
            ("number", Some(&e.number)),
            ("issuer", Some(&e.issuer)),
            ("title", Some(&e.title)),
            ("locator", e.locator.as_ref()),
            ("link", e.link.as_ref()),
        ] {
            if let Some(v) = v {
                too_long(problems, code, format!("{base}.evidence[{i}].{k}"), v);
            }
        }
    }
}

/// Text longer than a cell holds: Excel would refuse the file.
fn check_lengths(s: &Submission, problems: &mut Vec<Problem>) {
    too_long(problems, None, "unit.name".into(), &s.unit.name);
    too_long(problems, None, "unit.code".into(), &s.unit.code);
    too_long(problems, None, "period".into(), &s.period);
    for (code, a) in &s.answers {
        let base = format!("answers.{code}");
        check_evidence(problems, Some(code.as_str()), &base, &a.evidence);
        if let Some(x) = &a.explanation {
            too_long(
                problems,
                Some(code.as_str()),
                format!("{base}.explanation"),
                x,
            );
        }
    }
    for (name, list) in [("bonus", &s.bonus), ("penalty", &s.penalty)] {
        for (i, e) in list.iter().enumerate() {
            check_evidence(problems, None, &format!("{name}[{i}]"), &e.evidence);
            too_long(problems, None, format!("{name}[{i}].reason"), &e.reason);
        }
    }
}

/// The formats of a form.
struct Styles {
    keys: Format,
    header: Format,
    group: [Format; 3],
    locked: Format,
    locked_number: Format,
    wrap: Format,
    input: Format,
    input_date: Format,
    input_number: Format,
    closed: Format,
    guide: Format,
    guide_title: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        let input = base
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0x00FF_F8DC));
        Styles {
            keys: Format::new(),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00D9_E1F2)),
            group: [
                base.clone()
                    .set_bold()
                    .set_text_wrap()
                    .set_background_color(Color::RGB(0x00B4_C6E7)),
                base.clone()
                    .set_bold()
                    .set_text_wrap()
                    .set_background_color(Color::RGB(0x00E2_EAF6)),
                base.clone().set_italic().set_text_wrap(),
            ],
            locked: base.clone(),
            locked_number: base.clone().set_num_format("0.##"),
            wrap: base.clone().set_text_wrap(),
            input_date: input.clone().set_num_format("dd/mm/yyyy"),
            input_number: input.clone().set_num_format("General"),
            input: input.set_text_wrap(),
            closed: base.set_background_color(Color::RGB(0x00D9_D9D9)),
            guide: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            guide_title: Format::new().set_bold().set_font_size(14),
        }
    }
}

fn build(m: &Methodology, t: &Template<'_>) -> Result<Vec<u8>, XlsxError> {
    let lang = t.lang;
    let styles = Styles::new();
    let slots = t.from.map_or(EVIDENCE_SLOTS, |s| {
        s.answers
            .values()
            .map(|a| a.evidence.len())
            .chain(s.bonus.iter().chain(&s.penalty).map(|e| e.evidence.len()))
            .max()
            .unwrap_or(0)
            .max(EVIDENCE_SLOTS)
    });
    let mut wb = Workbook::new();
    // A fixed creation time: the same form, the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} — {}",
                m.id(),
                sheet_name(SheetKind::Items, lang)
            ))
            .set_author("par-index")
            .set_creation_datetime(&created),
    );
    for sheet in SheetKind::ALL {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(sheet, lang))?;
        match sheet {
            SheetKind::Unit => unit_sheet(ws, m, t, &styles)?,
            SheetKind::Items => items_sheet(ws, m, t, slots, &styles)?,
            SheetKind::Entries => entries_sheet(ws, t, slots, &styles)?,
            SheetKind::Guide => guide_sheet(ws, m, lang, &styles)?,
        }
    }
    wb.save_to_buffer()
}

/// The hidden row of keys and the visible headers, column widths, frozen headers, print
/// setup and protection (input cells are unlocked one by one).
fn frame(
    ws: &mut Worksheet,
    sheet: SheetKind,
    columns: &[Column],
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (i, c) in columns.iter().enumerate() {
        let col = col_num(i);
        ws.write_string_with_format(0, col, format!("{}:{}", sheet.key(), c.key), &styles.keys)?;
        ws.write_string_with_format(1, col, form_header(sheet, &c.key, lang), &styles.header)?;
        ws.set_column_width(col, c.width)?;
    }
    let heads: Vec<String> = columns
        .iter()
        .map(|c| form_header(sheet, &c.key, lang))
        .collect();
    let headers: Vec<(&str, u16, bool)> = columns
        .iter()
        .zip(&heads)
        .map(|(c, h)| (h.as_str(), c.width, true))
        .collect();
    crate::report::rows::fit(ws, 1, &headers)?;
    ws.set_row_hidden(0)?;
    ws.set_freeze_panes(2, 0)?;
    ws.set_repeat_rows(1, 1)?;
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

fn col_num(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn unit_sheet(
    ws: &mut Worksheet,
    m: &Methodology,
    t: &Template<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = t.lang;
    let columns = unit_columns();
    frame(ws, SheetKind::Unit, &columns, lang, styles)?;
    ws.set_column_hidden(0)?;
    let unit = t.from.map(|s| &s.unit).or(t.unit);
    let year = m.year().to_string();
    let period = t
        .from
        .map(|s| s.period.as_str())
        .or(t.period)
        .unwrap_or(&year);
    let held = t.from.is_none_or(|s| s.survey_held);
    let [yes, no] = yes_no_words(lang);
    for (i, key) in UNIT_ROWS.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(0).saturating_add(2);
        ws.write_string_with_format(row, 0, *key, &styles.locked)?;
        ws.write_string_with_format(row, 1, unit_row(key, lang), &styles.locked)?;
        let value: (&str, bool) = match *key {
            "form" => (FORM_FORMAT, false),
            "methodology" => (m.id(), false),
            "methodology_sha256" => (m.sha256(), false),
            "unit.code" => (unit.map_or("", |u| u.code.as_str()), true),
            "unit.name" => (unit.map_or("", |u| u.name.as_str()), true),
            "period" => (period, true),
            "survey_held" => (if held { yes } else { no }, true),
            _ => ("", false),
        };
        let format = if value.1 {
            &styles.input
        } else {
            &styles.locked
        };
        ws.write_string_with_format(row, 2, value.0, format)?;
        if *key == "survey_held" {
            let v = DataValidation::new().allow_list_strings(&[yes, no])?;
            ws.add_data_validation(row, 2, row, 2, &v)?;
        }
    }
    let title_row = u32::try_from(UNIT_ROWS.len())
        .unwrap_or(0)
        .saturating_add(3);
    ws.write_string_with_format(title_row, 1, m.title().get(lang), &styles.guide_title)?;
    Ok(())
}

/// The column index of a key.
fn at(columns: &[Column], key: &str) -> u16 {
    col_num(columns.iter().position(|c| c.key == key).unwrap_or(0))
}

/// The width of the column of a key.
fn width(columns: &[Column], key: &str) -> u16 {
    columns
        .iter()
        .find(|c| c.key == key)
        .map_or(10, |c| c.width)
}

fn items_sheet(
    ws: &mut Worksheet,
    m: &Methodology,
    t: &Template<'_>,
    slots: usize,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let columns = item_columns(slots);
    frame(ws, SheetKind::Items, &columns, t.lang, styles)?;
    ws.set_freeze_panes(2, 2)?;
    ws.set_column_hidden(at(&columns, "kind"))?;
    let mut row = 2u32;
    for area in m.areas() {
        item_rows(ws, &columns, area, 0, &mut row, t, styles)?;
    }
    // Printed: the items, their inputs and explanations (the documents are in the
    // scorecard's report), one page wide.
    ws.set_print_area(1, 0, row.saturating_sub(1), at(&columns, "explanation"))?;
    Ok(())
}

fn item_rows(
    ws: &mut Worksheet,
    columns: &[Column],
    node: &Criterion,
    depth: usize,
    row: &mut u32,
    t: &Template<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = t.lang;
    let r = *row;
    *row = row.saturating_add(1);
    let title = match (lang, &node.title().en) {
        (Lang::En, Some(en)) => format!("{}\n{en}", node.title().vi),
        _ => node.title().vi.clone(),
    };
    let Some(rule) = node.rule() else {
        let [area, criterion, deeper] = &styles.group;
        let style = match depth {
            0 => area,
            1 => criterion,
            _ => deeper,
        };
        for (i, _) in columns.iter().enumerate() {
            ws.write_blank(r, col_num(i), style)?;
        }
        ws.write_string_with_format(r, at(columns, "code"), node.code().as_str(), style)?;
        let office = node.office().map_or("", |o| o.get(lang));
        crate::report::rows::fit(
            ws,
            r,
            &[
                (&title, width(columns, "title"), true),
                (office, width(columns, "office"), true),
            ],
        )?;
        ws.write_string_with_format(r, at(columns, "title"), title, style)?;
        if node.office().is_some() {
            ws.write_string_with_format(r, at(columns, "office"), office, style)?;
        }
        write_decimal(ws, r, at(columns, "max"), node.max(), style)?;
        for child in node.children() {
            item_rows(ws, columns, child, depth.saturating_add(1), row, t, styles)?;
        }
        // Excel groups rows up to seven levels deep.
        if depth < 7 && *row > r.saturating_add(1) {
            ws.group_rows(r.saturating_add(1), row.saturating_sub(1))?;
        }
        return Ok(());
    };
    let input = Input::of(rule);
    let answer = t.from.and_then(|s| s.answers.get(node.code()));
    let code = node.code().as_str();
    let rule_words = describe_rule(rule, node.max(), lang);
    let office = node.office().map_or("", |o| o.get(lang));
    let explanation = answer.and_then(|a| a.explanation.as_deref()).unwrap_or("");
    // The row as tall as its tallest wrapped cell, so that the printout reads.
    crate::report::rows::fit(
        ws,
        r,
        &[
            (&title, width(columns, "title"), false),
            (office, width(columns, "office"), false),
            (&rule_words, width(columns, "rule"), false),
            (input_words(input, lang), width(columns, "input"), false),
            (explanation, width(columns, "explanation"), false),
        ],
    )?;
    ws.write_string_with_format(r, at(columns, "code"), code, &styles.locked)?;
    ws.write_string_with_format(r, at(columns, "title"), title, &styles.wrap)?;
    ws.write_string_with_format(r, at(columns, "office"), office, &styles.wrap)?;
    write_decimal(ws, r, at(columns, "max"), node.max(), &styles.locked_number)?;
    ws.write_string_with_format(r, at(columns, "rule"), rule_words, &styles.wrap)?;
    ws.write_string_with_format(
        r,
        at(columns, "input"),
        input_words(input, lang),
        &styles.wrap,
    )?;
    ws.write_string_with_format(r, at(columns, "kind"), input.key(), &styles.locked)?;
    let (c1, c2) = (at(columns, "value1"), at(columns, "value2"));
    value_cells(
        ws,
        r,
        (c1, c2),
        input,
        rule,
        node.max(),
        answer,
        lang,
        styles,
    )?;
    let na = at(columns, "na");
    if node.na_policy().is_some() {
        let [yes, no] = yes_no_words(lang);
        let ticked = answer.is_some_and(|a| matches!(a.measure, Measure::NotApplicable { .. }));
        ws.write_string_with_format(r, na, if ticked { yes } else { "" }, &styles.input)?;
        let v = DataValidation::new().allow_list_strings(&[yes, no])?;
        ws.add_data_validation(r, na, r, na, &v)?;
    } else {
        ws.write_blank(r, na, &styles.closed)?;
    }
    ws.write_string_with_format(r, at(columns, "explanation"), explanation, &styles.input)?;
    let evidence = answer.map_or(&[][..], |a| &a.evidence[..]);
    evidence_cells(ws, r, columns, evidence, styles)?;
    Ok(())
}

/// The value cells of a sub-criterion: the measure its rule takes, with validation.
#[allow(clippy::too_many_arguments)]
fn value_cells(
    ws: &mut Worksheet,
    r: u32,
    (c1, c2): (u16, u16),
    input: Input,
    rule: &Rule,
    max: Decimal,
    answer: Option<&Answer>,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let a1 = crate::model::form::cell_ref(r, u32::from(c1));
    let validation = |formula: String, message: &str| -> Result<DataValidation, XlsxError> {
        DataValidation::new()
            .allow_custom(Formula::new(formula))
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_message(message)
    };
    match input {
        Input::Met => {
            let [yes, no] = yes_no_words(lang);
            let v = DataValidation::new().allow_list_strings(&[yes, no])?;
            ws.add_data_validation(r, c1, r, c1, &v)?;
        }
        Input::Dates => {
            let v = validation(format!("=ISNUMBER({a1})"), label(Label::ValidDate, lang))?;
            ws.add_data_validation(r, c1, r, c2, &v)?;
        }
        Input::Ratio | Input::Value => {
            let v = validation(
                format!("=AND(ISNUMBER({a1}),{a1}>=0)"),
                label(Label::ValidNonNegative, lang),
            )?;
            let last = if input == Input::Ratio { c2 } else { c1 };
            ws.add_data_validation(r, c1, r, last, &v)?;
        }
        Input::Count => {
            let v = validation(
                format!("=AND(ISNUMBER({a1}),{a1}>=0,{a1}=INT({a1}))"),
                label(Label::ValidAWholeNumber, lang),
            )?;
            ws.add_data_validation(r, c1, r, c1, &v)?;
        }
        Input::Satisfaction => {
            let v = validation(
                format!("=AND(ISNUMBER({a1}),{a1}>=0,{a1}<=1)"),
                label(Label::ValidARatioFrom, lang),
            )?;
            ws.add_data_validation(r, c1, r, c1, &v)?;
        }
        Input::Points => {
            let step = match rule {
                Rule::Judgement { step } => *step,
                _ => Decimal::ONE,
            };
            let max = max.normalize();
            let step = step.normalize();
            let v = validation(
                format!(
                    "=AND(ISNUMBER({a1}),{a1}>=0,{a1}<={max},ROUND({a1}/{step},6)=ROUND({a1}/{step},0))"
                ),
                &say(
                    Sentence::PointsInSteps {
                        max: &max.to_string(),
                        step: &step.to_string(),
                    },
                    lang,
                ),
            )?;
            ws.add_data_validation(r, c1, r, c1, &v)?;
        }
    }
    let two = matches!(input, Input::Dates | Input::Ratio);
    let date = input == Input::Dates;
    let style = if date {
        &styles.input_date
    } else {
        &styles.input_number
    };
    ws.write_blank(r, c1, style)?;
    if two {
        ws.write_blank(r, c2, style)?;
    } else {
        ws.write_blank(r, c2, &styles.closed)?;
    }
    let Some(a) = answer else { return Ok(()) };
    match &a.measure {
        Measure::Check { met } => {
            let [yes, no] = yes_no_words(lang);
            ws.write_string_with_format(r, c1, if *met { yes } else { no }, &styles.input)?;
        }
        Measure::Deadline { due, done } => {
            write_date(ws, r, c1, *due, style)?;
            if let Some(done) = done {
                write_date(ws, r, c2, *done, style)?;
            }
        }
        Measure::Ratio { num, den } => {
            write_decimal(ws, r, c1, *num, style)?;
            write_decimal(ws, r, c2, *den, style)?;
        }
        Measure::Number { value } => write_decimal(ws, r, c1, *value, style)?,
        Measure::Count { count } => {
            ws.write_number_with_format(r, c1, *count, style)?;
        }
        Measure::Points { points } => write_decimal(ws, r, c1, *points, style)?,
        Measure::Satisfaction { satisfaction } => write_decimal(ws, r, c1, *satisfaction, style)?,
        // The not-applicable column says it; nothing goes in the value cells.
        Measure::NotApplicable { .. } => {}
    }
    Ok(())
}

fn evidence_cells(
    ws: &mut Worksheet,
    r: u32,
    columns: &[Column],
    evidence: &[Evidence],
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (i, c) in columns.iter().enumerate() {
        let Some((slot, field)) = crate::model::form::parse_evidence_key(&c.key) else {
            continue;
        };
        let col = col_num(i);
        let doc = evidence.get(slot.saturating_sub(1));
        if field == "date" {
            match doc {
                Some(e) => write_date(ws, r, col, e.date, &styles.input_date)?,
                None => {
                    ws.write_blank(r, col, &styles.input_date)?;
                }
            }
            continue;
        }
        let text = doc.and_then(|e| match field {
            "number" => Some(e.number.as_str()),
            "issuer" => Some(e.issuer.as_str()),
            "title" => Some(e.title.as_str()),
            "locator" => e.locator.as_deref(),
            "link" => e.link.as_deref(),
            _ => None,
        });
        ws.write_string_with_format(r, col, text.unwrap_or(""), &styles.input)?;
    }
    Ok(())
}

fn entries_sheet(
    ws: &mut Worksheet,
    t: &Template<'_>,
    slots: usize,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = t.lang;
    let columns = entry_columns(slots);
    frame(ws, SheetKind::Entries, &columns, lang, styles)?;
    let [bonus, penalty] = entry_kind_words(lang);
    let entries: Vec<(bool, &AdjustmentEntry)> = t.from.map_or_else(Vec::new, |s| {
        s.bonus
            .iter()
            .map(|e| (true, e))
            .chain(s.penalty.iter().map(|e| (false, e)))
            .collect()
    });
    let filled = u32::try_from(entries.len()).unwrap_or(u32::MAX);
    let last = filled.saturating_add(BLANK_ENTRIES).saturating_add(1);
    let (ck, ca, cr) = (
        at(&columns, "kind"),
        at(&columns, "amount"),
        at(&columns, "reason"),
    );
    for r in 2..=last {
        let i = usize::try_from(r.saturating_sub(2)).unwrap_or(usize::MAX);
        let entry = entries.get(i);
        let kind = entry.map_or("", |(b, _)| if *b { bonus } else { penalty });
        ws.write_string_with_format(r, ck, kind, &styles.input)?;
        match entry {
            Some((_, e)) => write_decimal(ws, r, ca, e.amount, &styles.input_number)?,
            None => {
                ws.write_blank(r, ca, &styles.input_number)?;
            }
        }
        ws.write_string_with_format(
            r,
            cr,
            entry.map_or("", |(_, e)| e.reason.as_str()),
            &styles.input,
        )?;
        evidence_cells(
            ws,
            r,
            &columns,
            entry.map_or(&[][..], |(_, e)| &e.evidence[..]),
            styles,
        )?;
    }
    let v = DataValidation::new().allow_list_strings(&[bonus, penalty])?;
    ws.add_data_validation(2, ck, last, ck, &v)?;
    let a1 = crate::model::form::column_name(u32::from(ca));
    let v = DataValidation::new()
        .allow_custom(Formula::new(format!("=AND(ISNUMBER({a1}3),{a1}3>0)")))
        .set_error_message(label(Label::ValidPositivePoints, lang))?;
    ws.add_data_validation(2, ca, last, ca, &v)?;
    Ok(())
}

fn guide_sheet(
    ws: &mut Worksheet,
    m: &Methodology,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, "guide:text", &styles.keys)?;
    ws.set_row_hidden(0)?;
    ws.set_column_width(0, 110)?;
    let [yes, no] = yes_no_words(lang);
    let guide = say(
        Sentence::FormGuide {
            title: m.title().get(lang),
            id: m.id(),
            unit_sheet: sheet_name(SheetKind::Unit, lang),
            items_sheet: sheet_name(SheetKind::Items, lang),
            entries_sheet: sheet_name(SheetKind::Entries, lang),
            yes,
            no,
        },
        lang,
    );
    let lines: Vec<&str> = guide.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(0).saturating_add(1);
        let style = if i == 0 {
            &styles.guide_title
        } else {
            &styles.guide
        };
        ws.write_string_with_format(row, 0, *line, style)?;
        crate::report::rows::fit(ws, row, &[(line, 110, i == 0)])?;
    }
    ws.protect();
    Ok(())
}

/// A decimal as an Excel number when the double nearest it shows as the same decimal, as
/// text otherwise (both read back exactly).
pub(crate) fn write_decimal(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Decimal,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = d.normalize().to_string();
    match excel_number(&text) {
        Some(n) => ws.write_number_with_format(row, col, n, format)?,
        None => ws.write_string_with_format(row, col, text, format)?,
    };
    Ok(())
}

/// The double that Excel shows as `text`, when there is one: the writer's half of the Excel
/// boundary (the reader's is `read/xlsx.rs`; both ask `model::form::shown_number`).
fn excel_number(text: &str) -> Option<f64> {
    let n: f64 = text.parse().ok()?;
    (crate::model::form::shown_number(n).as_deref() == Some(text)).then_some(n)
}

/// A date as an Excel date (dd/mm/yyyy), or as ISO text outside Excel's years.
fn write_date(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Date,
    format: &Format,
) -> Result<(), XlsxError> {
    match ExcelDateTime::from_ymd(d.year(), d.month(), d.day()) {
        Ok(x) if d.year() >= 1900 => ws.write_datetime_with_format(row, col, &x, format)?,
        _ => ws.write_string_with_format(row, col, d.to_string(), format)?,
    };
    Ok(())
}
