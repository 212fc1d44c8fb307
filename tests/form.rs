//! The Excel form: written from a methodology (filled from a submission or blank), read
//! back as the same submission, and read as the user meant after the edits people make in
//! Excel and LibreOffice (text numbers, text dates, merged cells, renamed and reordered
//! sheets and columns), with every problem at its sheet and cell, all in one pass.
#![cfg(feature = "xlsx")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod rendered;
use rendered::Rendered;

use par_index::{Code, Lang, Submission, catalog, form, score};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

fn m() -> &'static par_index::Methodology {
    catalog::default_methodology()
}

/// What a form reads back as, checked against the commune set.
fn read_back(bytes: &[u8]) -> Result<Submission, Vec<String>> {
    form::read_form(bytes)
        .check(m())
        .map_err(|e| e.problems().iter().map(ToString::to_string).collect())
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn every_sample_reads_back_from_its_form_and_scores_the_same() {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("examples/data")
        .unwrap()
        .chain(std::fs::read_dir("examples/data/district").unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| par_index::files::detect_file_kind(p) == par_index::files::FileKind::Submission)
        .collect();
    files.sort();
    let mut n = 0;
    for f in files {
        let sub = Submission::from_file(&f).unwrap();
        if sub.methodology != m().id() {
            continue;
        }
        for lang in [Lang::Vi, Lang::En] {
            let bytes = form::template(m(), &form::Template::new(lang).from(&sub)).unwrap();
            let back = read_back(&bytes).unwrap_or_else(|p| panic!("{}: {p:?}", f.display()));
            assert_eq!(back.canonical(), sub.canonical(), "{}", f.display());
            assert_eq!(
                score(m(), &back).unwrap().to_json(),
                score(m(), &sub).unwrap().to_json(),
                "{}",
                f.display()
            );
        }
        n += 1;
    }
    assert!(n >= 27, "{n} samples");
}

#[test]
fn a_blank_form_names_the_cells_to_fill() {
    let bytes = form::template(m(), &form::Template::default()).unwrap();
    let problems = read_back(&bytes).unwrap_err();
    // The unit sheet: rows from 3 (keys hidden in row 1, headers in row 2) in the order of
    // the layout: form, methodology, its hash, unit code (row 6), unit name (row 7).
    assert_eq!(
        problems,
        [
            "Đơn vị!C6: `unit.code`: must not be empty",
            "Đơn vị!C7: `unit.name`: must not be empty",
        ]
    );
    let u = par_index::submission::Unit {
        code: "HP-001".into(),
        name: "Xã An Hưng".into(),
    };
    let bytes =
        form::template(m(), &form::Template::new(Lang::En).unit(&u).period("2025")).unwrap();
    let sub = read_back(&bytes).unwrap();
    assert_eq!(sub.unit, u);
    assert_eq!(sub.period, "2025");
    assert!(sub.answers.is_empty() && sub.bonus.is_empty() && sub.survey_held);
}

#[test]
fn a_form_is_the_same_bytes_every_time() {
    let sub = catalog::sample_submission();
    let t = form::Template::default().from(&sub);
    assert_eq!(
        form::template(m(), &t).unwrap(),
        form::template(m(), &t).unwrap()
    );
}

#[test]
fn a_submission_that_does_not_fit_the_methodology_makes_no_form() {
    let mut sub = catalog::sample_submission();
    sub.answers.insert(
        "9.9.9".parse().unwrap(),
        par_index::submission::Answer::new(par_index::methodology::Measure::Check { met: true }),
    );
    sub.answers.insert(
        "3.2.1".parse().unwrap(),
        par_index::submission::Answer::new(par_index::methodology::Measure::Check { met: true }),
    );
    let err = form::template(m(), &form::Template::default().from(&sub)).unwrap_err();
    let kinds: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.code.clone(), p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            (Some("3.2.1".into()), par_index::ProblemKind::WrongMeasure),
            (Some("9.9.9".into()), par_index::ProblemKind::UnknownCode),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Forms as people edit them: built cell by cell, as Excel or LibreOffice would save them.

/// A cell a test writes.
#[derive(Clone)]
enum C {
    T(&'static str),
    /// Text built at run time (words in another normal form).
    S(String),
    N(f64),
    D(u16, u8, u8),
    B(bool),
    /// A formula and the value saved with it.
    F(&'static str, &'static str),
    /// A number cell formatted as a date: a date serial.
    Serial(f64),
}

fn put(ws: &mut Worksheet, row: u32, col: u16, c: &C) {
    match c {
        C::T(t) => ws.write_string(row, col, *t).map(|_| ()),
        C::S(t) => ws.write_string(row, col, t).map(|_| ()),
        C::F(f, v) => ws
            .write_formula(row, col, rust_xlsxwriter::Formula::new(*f).set_result(*v))
            .map(|_| ()),
        C::Serial(n) => {
            let f = Format::new().set_num_format("dd/mm/yyyy");
            ws.write_number_with_format(row, col, *n, &f).map(|_| ())
        }
        C::N(n) => ws.write_number(row, col, *n).map(|_| ()),
        C::D(y, m, d) => {
            let f = Format::new().set_num_format("dd/mm/yyyy");
            let x = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
            ws.write_datetime_with_format(row, col, &x, &f).map(|_| ())
        }
        C::B(b) => ws.write_boolean(row, col, *b).map(|_| ()),
    }
    .unwrap();
}

/// The unit sheet of a form for the commune set (`sha` replaces the methodology's hash).
fn unit_sheet(ws: &mut Worksheet, name: &str, sha: Option<&str>) {
    ws.set_name(name).unwrap();
    for (col, key) in ["unit:key", "unit:label", "unit:value"].iter().enumerate() {
        ws.write_string(0, col as u16, *key).unwrap();
    }
    let rows = [
        ("form", "par-index/form/1"),
        ("methodology", "commune-2024-model"),
        ("methodology_sha256", sha.unwrap_or(m().sha256())),
        ("unit.code", "HP-002"),
        ("unit.name", "Phường Lê Chân"),
        ("period", "2025"),
        ("survey_held", "Không"),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string(r, 0, *k).unwrap();
        ws.write_string(r, 2, *v).unwrap();
    }
}

/// An items sheet with the given column keys (in that order) and rows of cells.
fn items_sheet(ws: &mut Worksheet, name: &str, keys: &[&str], rows: &[Vec<Option<C>>]) {
    ws.set_name(name).unwrap();
    for (col, key) in keys.iter().enumerate() {
        ws.write_string(0, col as u16, format!("items:{key}"))
            .unwrap();
        ws.write_string(1, col as u16, *key).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        for (col, c) in row.iter().enumerate() {
            if let Some(c) = c {
                put(ws, i as u32 + 2, col as u16, c);
            }
        }
    }
}

const KEYS: [&str; 12] = [
    "code",
    "kind",
    "value1",
    "value2",
    "na",
    "explanation",
    "ev1.number",
    "ev1.date",
    "ev1.issuer",
    "ev1.title",
    "ev2.number",
    "ev2.title",
];

fn row(cells: [Option<C>; 12]) -> Vec<Option<C>> {
    cells.to_vec()
}

fn doc(n: &'static str, date: C) -> [Option<C>; 4] {
    [
        Some(C::T(n)),
        Some(date),
        Some(C::T("UBND phường Lê Chân")),
        Some(C::T("Báo cáo")),
    ]
}

fn leaf(
    code: &'static str,
    kind: &'static str,
    v1: Option<C>,
    v2: Option<C>,
    ev: [Option<C>; 4],
) -> Vec<Option<C>> {
    let [a, b, c, d] = ev;
    row([
        Some(C::T(code)),
        Some(C::T(kind)),
        v1,
        v2,
        None,
        None,
        a,
        b,
        c,
        d,
        None,
        None,
    ])
}

#[test]
fn text_numbers_text_dates_and_renamed_reordered_sheets_read_as_meant() {
    let mut wb = Workbook::new();
    // Sheets renamed and in another order: items first, the unit sheet last.
    let rows = vec![
        // An area row, as the form writes it (no kind): not an answer.
        row([
            Some(C::T("3")),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ]),
        // 912 of 1000 as text, evidence dated as typed text: 91.2% ≥ 90% → tier 2 → 2 points.
        leaf(
            "3.2.1",
            "num/den",
            Some(C::T("912")),
            Some(C::T(" 1000 ")),
            doc("15/BC-UBND", C::T("15/12/2024")),
        ),
        // A check answered with a word, any case.
        leaf(
            "1.4.1",
            "met",
            Some(C::T("có")),
            None,
            doc("01/KH", C::D(2024, 1, 10)),
        ),
        // A deadline: due as a date cell, done as text; done on time → full points.
        leaf(
            "1.1.1",
            "due/done",
            Some(C::D(2024, 1, 31)),
            Some(C::T("2024-01-20")),
            doc("05/KH", C::D(2024, 1, 20)),
        ),
        // A blank row between answers: ignored.
        row([
            None, None, None, None, None, None, None, None, None, None, None, None,
        ]),
    ];
    items_sheet(wb.add_worksheet(), "Sheet A", &KEYS, &rows);
    unit_sheet(wb.add_worksheet(), "Thông tin", None);
    let bytes = wb.save_to_buffer().unwrap();
    let sub = read_back(&bytes).unwrap();
    assert_eq!(sub.unit.code, "HP-002");
    assert!(!sub.survey_held);
    let a = &sub.answers[&"3.2.1".parse::<Code>().unwrap()];
    assert_eq!(
        a.measure,
        par_index::methodology::Measure::Ratio {
            num: dec("912"),
            den: dec("1000")
        }
    );
    assert_eq!(a.evidence[0].date, "2024-12-15".parse().unwrap());
    let d = &sub.answers[&"1.1.1".parse::<Code>().unwrap()];
    assert_eq!(
        d.measure,
        par_index::methodology::Measure::Deadline {
            due: "2024-01-31".parse().unwrap(),
            done: Some("2024-01-20".parse().unwrap())
        }
    );
    let card = score(m(), &sub).unwrap();
    let points = |code: &str| card.find(&code.parse().unwrap()).unwrap().points;
    assert_eq!(points("3.2.1"), dec("2"));
    // 1.4.1 is a check worth its max when met (with evidence); 1.1.1 done before due → max.
    assert_eq!(
        points("1.4.1"),
        m().find(&"1.4.1".parse().unwrap()).unwrap().max()
    );
    assert_eq!(
        points("1.1.1"),
        m().find(&"1.1.1".parse().unwrap()).unwrap().max()
    );
}

#[test]
fn merged_cells_hold_their_value_in_every_cell_they_cover() {
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    let ws = wb.add_worksheet();
    let rows = vec![
        leaf(
            "4.1.1",
            "met",
            Some(C::T("Có")),
            None,
            [None, None, None, None],
        ),
        leaf(
            "4.1.2",
            "met",
            Some(C::T("Có")),
            None,
            [None, None, None, None],
        ),
    ];
    items_sheet(ws, "Tiêu chí", &KEYS, &rows);
    // One document for both rows: its cells merged down over rows 3 and 4.
    let f = Format::new();
    ws.merge_range(2, 6, 3, 6, "02/QĐ-UBND", &f).unwrap();
    ws.merge_range(2, 8, 3, 8, "UBND phường Lê Chân", &f)
        .unwrap();
    ws.merge_range(2, 9, 3, 9, "Quyết định kiện toàn", &f)
        .unwrap();
    let df = Format::new().set_num_format("dd/mm/yyyy");
    ws.merge_range(2, 7, 3, 7, "", &df).unwrap();
    ws.write_datetime_with_format(2, 7, ExcelDateTime::from_ymd(2024, 2, 1).unwrap(), &df)
        .unwrap();
    let sub = read_back(&wb.save_to_buffer().unwrap()).unwrap();
    for code in ["4.1.1", "4.1.2"] {
        let a = &sub.answers[&code.parse::<Code>().unwrap()];
        assert_eq!(a.evidence.len(), 1, "{code}");
        assert_eq!(a.evidence[0].number, "02/QĐ-UBND");
        assert_eq!(a.evidence[0].date, "2024-02-01".parse().unwrap());
    }
}

#[test]
fn every_problem_of_a_form_is_at_its_cell_in_one_pass() {
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", Some("0000"));
    let rows = vec![
        // Row 3: a thousands separator or a decimal comma? Refused.
        leaf(
            "3.2.1",
            "num/den",
            Some(C::T("1,000")),
            Some(C::N(1200.0)),
            [None, None, None, None],
        ),
        // Row 4: a date that does not exist.
        leaf(
            "1.1.1",
            "due/done",
            Some(C::T("31/02/2024")),
            None,
            [None, None, None, None],
        ),
        // Row 5: a yes/no cell with something else.
        leaf(
            "1.4.1",
            "met",
            Some(C::T("chắc chắn")),
            None,
            [None, None, None, None],
        ),
        // Row 6: answers on a row with no code.
        row([
            None,
            None,
            Some(C::N(3.0)),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ]),
        // Row 7: the same item twice.
        leaf(
            "6.1.1",
            "met",
            Some(C::B(true)),
            None,
            [None, None, None, None],
        ),
        leaf(
            "6.1.1",
            "met",
            Some(C::B(false)),
            None,
            [None, None, None, None],
        ),
        // Row 9: a ratio above 100% (found by the check against the methodology).
        leaf(
            "3.2.2",
            "num/den",
            Some(C::N(5.0)),
            Some(C::N(4.0)),
            [None, None, None, None],
        ),
        // Row 10: a document without its title and issuer.
        leaf(
            "6.1.2",
            "met",
            Some(C::T("Có")),
            None,
            [Some(C::T("03/KH")), Some(C::D(2024, 3, 1)), None, None],
        ),
    ];
    items_sheet(wb.add_worksheet(), "Tiêu chí", &KEYS, &rows);
    let problems = read_back(&wb.save_to_buffer().unwrap()).unwrap_err();
    insta::assert_snapshot!(problems.join("\n"));
    // Every one is at a cell.
    for p in &problems {
        assert!(p.contains('!'), "{p}");
    }
}

#[test]
fn a_form_made_from_another_version_of_the_methodology_is_refused_at_its_hash() {
    let mut wb = Workbook::new();
    // Another version's hash: 64 hexadecimal digits, not this methodology's.
    let other = "a1b2".repeat(16);
    unit_sheet(wb.add_worksheet(), "Đơn vị", Some(&other));
    items_sheet(wb.add_worksheet(), "Tiêu chí", &KEYS, &[]);
    let problems = read_back(&wb.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .starts_with("Đơn vị!C5: `methodology_sha256`: the form was made from another version"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_form_for_another_methodology_is_refused_cell_by_cell() {
    let dept = par_index::methodology::load_file("tests/fixtures/department-mini.toml").unwrap();
    let sub = Submission::from_file("tests/fixtures/department-mini-sub.json").unwrap();
    let bytes = form::template(&dept, &form::Template::default().from(&sub)).unwrap();
    // Under its own methodology it reads back as the submission.
    assert_eq!(
        form::read_form(&bytes).check(&dept).unwrap().canonical(),
        sub.canonical()
    );
    // Under the commune set: the methodology named at its cell, then each answer at its row.
    let problems = read_back(&bytes).unwrap_err();
    assert_eq!(
        problems[0],
        "Đơn vị!C4: `methodology`: the submission is for `so-mini-2025` but is scored against `commune-2024-model`"
    );
    assert_eq!(problems.len(), 1 + sub.answers.len());
    assert!(
        problems[1..]
            .iter()
            .all(|p| p.starts_with("Tiêu chí!H") && p.contains("has no item"))
    );
}

#[test]
fn a_workbook_that_is_not_a_form_says_so() {
    let mut wb = Workbook::new();
    wb.add_worksheet().write_string(0, 0, "Tên đơn vị").unwrap();
    let read = form::read_form(&wb.save_to_buffer().unwrap());
    assert!(read.submission.is_none());
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0]
            .message
            .starts_with("not a par-index form: no `unit`, `items` sheet")
    );
    // Two copies of the items sheet.
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    items_sheet(wb.add_worksheet(), "Tiêu chí", &KEYS, &[]);
    items_sheet(wb.add_worksheet(), "Tiêu chí (2)", &KEYS, &[]);
    let read = form::read_form(&wb.save_to_buffer().unwrap());
    assert!(
        read.problems[0]
            .message
            .contains("are both the form's items sheet")
    );
}

#[test]
fn a_form_saved_by_libreoffice_reads_as_the_json_it_was_made_from() {
    // tests/fixtures/form/: `par-index template --from examples/data/xa-hong-du.json`, opened
    // and saved again as .xlsx by LibreOffice Calc 7 (headless `--convert-to xlsx`), which
    // rewrites every cell in its own way (shared strings, its own date styles, numbers).
    let bytes = std::fs::read("tests/fixtures/form/xa-hong-du.libreoffice.xlsx").unwrap();
    let back = read_back(&bytes).unwrap();
    let json = Submission::from_file("examples/data/xa-hong-du.json").unwrap();
    assert_eq!(back.canonical(), json.canonical());
}

#[test]
fn a_form_filled_by_typing_in_libreoffice_scores_by_hand() {
    // tests/fixtures/form/filled-by-libreoffice.xlsx: `par-index template --unit NG-99 --name
    // "Xã Thử Nghiệm" --period 2024`, then cells typed in LibreOffice Calc through its API
    // (`fill-in-libreoffice.py`, as typing does: numbers become numbers, ISO dates dates)
    // and saved by it as .xlsx.
    let bytes = std::fs::read("tests/fixtures/form/filled-by-libreoffice.xlsx").unwrap();
    let sub = read_back(&bytes).unwrap();
    assert_eq!(sub.unit.name, "Xã Thử Nghiệm");
    assert_eq!(sub.answers.len(), 5);
    let card = score(m(), &sub).unwrap();
    let points = |code: &str| card.find(&code.parse().unwrap()).unwrap().points;
    // 1.1.1 deadline (max 1): done 10/01 before the due 15/01, with evidence → 1.
    assert_eq!(points("1.1.1"), dec("1"));
    // 1.4.1 check (max 0.5): met, no document but an explanation → kept, flagged → 0.5.
    assert_eq!(points("1.4.1"), dec("0.5"));
    // 3.2.1 ratio tiers: 912/1000 = 91.2% ≥ 90% → tier 2 → 2.
    assert_eq!(points("3.2.1"), dec("2"));
    // S.1 survey (max 6): 6 × 0.87 = 5.22.
    assert_eq!(points("S.1"), dec("5.22"));
    // 3.1.1 not applicable, policy exclude: its 2 points leave the max: 70 − 2 = 68 appraised,
    // 68 + 30 = 98 applicable.
    assert_eq!(card.appraised.applicable_max, dec("68"));
    assert_eq!(card.applicable_max, dec("98"));
    // Total: 1 + 0.5 + 2 + 5.22 − 0.5 (the penalty) = 8.22; index 8.22 / 98 × 100 =
    // 8.3877… → 8.39.
    assert_eq!(card.total, dec("8.22"));
    assert_eq!(card.index, dec("8.39"));
}

#[test]
fn a_form_in_a_batch_has_its_problems_at_their_cells() {
    let dir = std::env::temp_dir().join(format!("par-index-form-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = catalog::sample_submission();
    let mut bad = good.clone();
    bad.unit.code = "NG-98".into();
    // 5 of 4: a ratio above 100%, which the check against the methodology refuses.
    bad.answers.insert(
        "3.2.2".parse().unwrap(),
        par_index::submission::Answer::new(par_index::methodology::Measure::Ratio {
            num: dec("5"),
            den: dec("4"),
        }),
    );
    for (name, s) in [("good.xlsx", &good), ("bad.xlsx", &bad)] {
        let bytes = form::template(m(), &form::Template::default().from(s)).unwrap();
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let out = par_index::Options::new().rank_files(&[&dir], None, &mut |_, _| {});
    assert_eq!(out.value.rows.len(), 1);
    assert_eq!(out.failures.len(), 1);
    let e = out.failures[0].error.to_string();
    assert!(
        e.contains("bad.xlsx: Tiêu chí!")
            && e.contains("item 3.2.2: `answers.3.2.2.num`: num 5 is greater than den 4"),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_district_forms_rank_as_the_district_json() {
    let o = par_index::Options::new();
    let from_forms = o.rank_files(&["examples/data/district-xlsx"], None, &mut |_, _| {});
    // The self-assessments only (the JSON folder also holds appraisal stages and a survey).
    let json: Vec<String> = (1..=22)
        .map(|i| format!("examples/data/district/NG-{i:02}.json"))
        .collect();
    let from_json = o.rank_files(&json, None, &mut |_, _| {});
    assert!(from_forms.failures.is_empty(), "{:?}", from_forms.failures);
    assert_eq!(from_forms.value.rows.len(), 22);
    let rows = |r: &par_index::analysis::Ranking| -> Vec<(String, Decimal, usize)> {
        r.rows
            .iter()
            .map(|x| (x.unit.code.clone(), x.index, x.rank))
            .collect()
    };
    assert_eq!(rows(&from_forms.value), rows(&from_json.value));
}

/// The workbook with one entry's text changed by `f`.
fn rewrite(bytes: &[u8], entry: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut file = zin.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == entry {
            content = f(String::from_utf8(content).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_workbook_cannot_make_the_reader_exhaust_the_machine() {
    let dir = std::env::temp_dir().join(format!("par-index-form-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let sub = catalog::sample_submission();
    let path = dir.join("form.xlsx");
    std::fs::write(
        &path,
        form::template(m(), &form::Template::default().from(&sub)).unwrap(),
    )
    .unwrap();
    // The unpacked workbook counts against the limit of one input, before it is unpacked.
    let tight = par_index::Limits::default().input_bytes(60_000);
    let read = form::read_form_file(&path, &tight).unwrap();
    assert!(read.submission.is_none());
    let msg = read.problems[0].to_string();
    assert!(
        msg.contains("the workbook unpacks to") && msg.contains("over the limit of 60000"),
        "{msg}"
    );
    // An entry that says it is small and unpacks to more: the zip reader stops at the size
    // declared, so the declared sizes bound what is unpacked.
    let mut lying = std::fs::read(&path).unwrap();
    let name = b"xl/sharedStrings.xml";
    let mut patched = 0;
    for j in 0..lying.len().saturating_sub(name.len()) {
        if &lying[j..j + name.len()] != name {
            continue;
        }
        // The local header's uncompressed size is 8 bytes before its name's 30-byte header
        // ends; the central directory's, 22 bytes before its 46-byte one ends.
        if j >= 30 && lying[j - 30..j - 26] == *b"PK\x03\x04" {
            lying[j - 8..j - 4].copy_from_slice(&10u32.to_le_bytes());
            patched += 1;
        }
        if j >= 46 && lying[j - 46..j - 42] == *b"PK\x01\x02" {
            lying[j - 22..j - 18].copy_from_slice(&10u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2);
    let read = form::read_form(&lying);
    assert!(read.submission.is_none());
    assert!(
        read.problems[0]
            .message
            .contains("larger than its declared uncompressed size"),
        "{:?}",
        read.problems
    );
    // So do its cells.
    let few = par_index::Limits::default().values(100);
    let read = form::read_form_file(&path, &few).unwrap();
    // (Its shared strings count as values too, and are met first.)
    assert!(
        read.problems[0].message.contains("more than 100 "),
        "{:?}",
        read.problems
    );

    // A cell at the sheet's last row and column, and a merged region over the whole sheet:
    // cells are kept where they are written, never as a dense grid.
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    let ws = wb.add_worksheet();
    items_sheet(
        ws,
        "Tiêu chí",
        &KEYS,
        &[leaf(
            "4.1.1",
            "met",
            Some(C::T("Có")),
            None,
            [None, None, None, None],
        )],
    );
    ws.write_string(1_048_575, 16_383, "far away").unwrap();
    ws.write_string(5, 0, "everywhere").unwrap();
    // The merged region is written into the sheet's XML by hand: a writer would fill it.
    let bytes = rewrite(
        &wb.save_to_buffer().unwrap(),
        "xl/worksheets/sheet2.xml",
        |xml| {
            xml.replace(
            "</sheetData>",
            r#"</sheetData><mergeCells count="1"><mergeCell ref="A6:XFD1048575"/></mergeCells>"#,
        )
        },
    );
    let problems = read_back(&bytes).unwrap_err();
    // More merged regions than a form could need: refused before any cell is looked up
    // (each lookup may check every region).
    let many: String = (0..1001)
        .map(|i| format!(r#"<mergeCell ref="Z{0}:AA{0}"/>"#, i + 10))
        .collect();
    let bytes2 = rewrite(&bytes, "xl/worksheets/sheet2.xml", |xml| {
        xml.replace(
            r#"<mergeCells count="1"><mergeCell ref="A6:XFD1048575"/></mergeCells>"#,
            &format!(r#"<mergeCells count="1001">{many}</mergeCells>"#),
        )
    });
    let read = form::read_form(&bytes2);
    assert!(
        read.problems[0]
            .message
            .contains("1001 merged regions, over the limit of 1000"),
        "{:?}",
        read.problems
    );
    // More rows than a methodology has items.
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    let ws = wb.add_worksheet();
    items_sheet(ws, "Tiêu chí", &KEYS, &[]);
    for r in 2..5_100 {
        ws.write_string(r, 0, "x").unwrap();
    }
    let read = form::read_form(&wb.save_to_buffer().unwrap());
    assert!(
        read.problems[0]
            .message
            .contains("5098 rows, more than the 5000 items"),
        "{:?}",
        read.problems
    );
    // The merged region's value is in every column of its first row, which the form did not
    // make (its code is the value): one problem, at the row's first input cell. The far cell
    // is in no column of the form. Its other rows hold nothing of their own.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Tiêu chí!C6: item everywhere: `answers.everywhere`: everywhere is an area or criterion, or a row the form did not make"),
        "{}",
        problems[0]
    );
}

// ---------------------------------------------------------------------------------------
// The law: whatever a submission for the commune set holds, its form reads back as it.

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Xã Đồng Tâm".to_owned()),
        Just("=SUM(A1:A2)".to_owned()),
        Just("_x0041_ literal".to_owned()),
        Just("  spaces around  ".to_owned()),
        Just("0123".to_owned()),
        Just("15/01/2024".to_owned()),
        "[a-zA-Z0-9 àáạảãăắâấđêếôốơớưứ/\\-.,:;()]{1,40}",
        "\\PC{1,20}",
    ]
    .prop_filter("text the reader takes", |s| !s.trim().is_empty())
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..100_000, 0u32..4).prop_map(|(n, s)| Decimal::new(n, s)),
        // More digits than a double keeps: written as text.
        (0i64..i64::MAX, 0u32..10).prop_map(|(n, s)| Decimal::new(n, s)),
    ]
}

fn any_date() -> impl Strategy<Value = par_index::Date> {
    (
        prop_oneof![1u16..1900, 1900u16..2100, 2100u16..=9999],
        1u8..=12,
        1u8..=28,
    )
        .prop_filter_map("a date", |(y, mo, d)| par_index::Date::new(y, mo, d))
}

fn any_evidence() -> impl Strategy<Value = par_index::submission::Evidence> {
    (
        any_text(),
        any_date(),
        any_text(),
        any_text(),
        prop::option::of(any_text()),
        prop::option::of(any_text()),
    )
        .prop_map(|(number, date, issuer, title, locator, link)| {
            par_index::submission::Evidence {
                number,
                date,
                issuer,
                title,
                locator,
                link,
            }
        })
}

/// A measure of the kind `rule` takes, or not applicable where the item allows it.
fn measure_for(
    c: &par_index::methodology::Criterion,
) -> BoxedStrategy<par_index::methodology::Measure> {
    use par_index::{methodology::Basis, methodology::Measure, methodology::Rule};
    let rule = c.rule().unwrap().clone();
    let max = c.max();
    let own: BoxedStrategy<Measure> = match rule {
        Rule::Check => any::<bool>().prop_map(|met| Measure::Check { met }).boxed(),
        Rule::Deadline { .. } => (any_date(), prop::option::of(any_date()))
            .prop_map(|(due, done)| Measure::Deadline { due, done })
            .boxed(),
        Rule::Tiers {
            on: Basis::Number, ..
        } => any_decimal()
            .prop_map(|value| Measure::Number { value })
            .boxed(),
        Rule::Tiers { .. } | Rule::Proportional { .. } => (any_decimal(), any_decimal())
            .prop_map(|(a, b)| {
                let (num, den) = if a <= b { (a, b) } else { (b, a) };
                Measure::Ratio { num, den }
            })
            .boxed(),
        Rule::Deduction { .. } => any::<u32>()
            .prop_map(|count| Measure::Count { count })
            .boxed(),
        Rule::Survey => (0u32..=1000)
            .prop_map(|n| Measure::Satisfaction {
                satisfaction: Decimal::new(i64::from(n), 3),
            })
            .boxed(),
        Rule::Judgement { step } => (0u32..=400)
            .prop_map(move |k| Decimal::from(k) * step)
            .prop_filter("within max", move |p| *p <= max)
            .prop_map(|points| Measure::Points { points })
            .boxed(),
        _ => unreachable!(),
    };
    if c.na_policy().is_some() {
        prop_oneof![4 => own, 1 => Just(Measure::NotApplicable { not_applicable: true })].boxed()
    } else {
        own
    }
}

fn any_answers()
-> impl Strategy<Value = std::collections::BTreeMap<Code, par_index::submission::Answer>> {
    let leaves: Vec<&'static par_index::methodology::Criterion> = m().leaves().collect();
    let per_leaf: Vec<_> = leaves
        .into_iter()
        .map(|c| {
            prop::option::weighted(
                0.7,
                (
                    measure_for(c),
                    prop::collection::vec(any_evidence(), 0..5),
                    prop::option::of(any_text()),
                ),
            )
            .prop_map(move |a| {
                a.map(|(measure, evidence, explanation)| {
                    let mut x = par_index::submission::Answer::new(measure);
                    x.evidence = evidence;
                    x.explanation = explanation;
                    (c.code().clone(), x)
                })
            })
        })
        .collect();
    per_leaf.prop_map(|v| v.into_iter().flatten().collect())
}

fn any_entries() -> impl Strategy<Value = Vec<par_index::submission::AdjustmentEntry>> {
    prop::collection::vec(
        (
            (1i64..1000, 0u32..3).prop_map(|(n, s)| Decimal::new(n, s)),
            any_text(),
            prop::collection::vec(any_evidence(), 0..4),
        )
            .prop_map(|(amount, reason, evidence)| {
                par_index::submission::AdjustmentEntry {
                    amount,
                    reason,
                    evidence,
                }
            }),
        0..3,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// submission → form filled by the program → read = the same submission (as JSON reads
    /// it: canonical text, normalised decimals).
    #[test]
    fn a_filled_form_reads_back_as_its_submission(
        answers in any_answers(),
        bonus in any_entries(),
        penalty in any_entries(),
        code in "[A-Za-z0-9][A-Za-z0-9._-]{0,20}",
        name in any_text(),
        period in prop_oneof![Just("2024".to_owned()), any_text()],
        survey_held in any::<bool>(),
        en in any::<bool>(),
    ) {
        let sub = Submission {
            methodology: m().id().to_owned(),
            unit: par_index::submission::Unit { code, name },
            period,
            survey_held,
            answers,
            bonus,
            penalty,
        };
        // What the JSON reader makes of it (its text rules: NFC, no blank text).
        let json = Submission::from_json(&sub.to_json());
        prop_assume!(json.is_ok());
        let json = json.unwrap();
        let lang = if en { Lang::En } else { Lang::Vi };
        let bytes = form::template(m(), &form::Template::new(lang).from(&sub)).unwrap();
        let read = form::read_form(&bytes);
        prop_assert!(read.problems.is_empty(), "{:?}", read.problems);
        prop_assert_eq!(read.submission.unwrap().canonical(), json.canonical());
    }
}

// ---------------------------------------------------------------------------------------
// Excel outputs: what the office opens is the same numbers as the other formats.

fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

fn number(d: &calamine::Data) -> Decimal {
    match d {
        calamine::Data::Float(f) => format!("{f}").parse().unwrap(),
        calamine::Data::Int(i) => Decimal::from(*i),
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_scorecard_workbook_holds_every_item_and_the_totals() {
    let sub = catalog::sample_submission();
    let card = score(m(), &sub).unwrap();
    let bytes = card.xlsx(Lang::Vi);
    assert_eq!(bytes, card.xlsx(Lang::Vi), "the same bytes every time");
    let items = sheet_rows(&bytes, "Chi tiết");
    // Title, blank, header, then one row per area, criterion and sub-criterion, in order.
    fn codes(nodes: &[par_index::scorecard::ScoreNode], out: &mut Vec<String>) {
        for n in nodes {
            out.push(n.code.to_string());
            codes(&n.children, out);
        }
    }
    let mut all = Vec::new();
    codes(&card.areas, &mut all);
    let shown: Vec<String> = items[3..].iter().map(|r| r[0].to_string()).collect();
    assert_eq!(shown, all);
    let leaf_codes: Vec<String> = card.leaves().map(|l| l.code.to_string()).collect();
    let leaves: Vec<&Vec<calamine::Data>> = items[3..]
        .iter()
        .filter(|r| leaf_codes.contains(&r[0].to_string()))
        .collect();
    assert_eq!(leaves.len(), 54);
    // Points of the leaves add up to the criteria and survey points (67.53 + 26.76 = 94.29
    // for the sample, as its scorecard says: bonus and penalty aside).
    let sum: Decimal = leaves.iter().map(|r| number(&r[3])).sum();
    assert_eq!(sum, card.appraised.points + card.survey.points);
    assert_eq!(sum, dec("94.29"));
    // Lost = max − points on every leaf.
    for r in &leaves {
        assert_eq!(number(&r[5]), number(&r[4]) - number(&r[3]), "{:?}", r[0]);
    }
    // The figures sheet: the index as a number (95.29, shown `95.29%`).
    let summary = sheet_rows(&bytes, "Tóm tắt");
    let index_row = summary.iter().find(|r| r[0] == "Chỉ số CCHC").unwrap();
    assert_eq!(number(&index_row[1]), card.index);
    assert_eq!(number(&index_row[1]), dec("95.29"));
}

#[test]
fn the_ranking_workbook_ranks_as_the_ranking() {
    let batch =
        par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    let r = par_index::batch::rank_batch(&batch, m());
    let bytes = r.xlsx(Lang::En);
    let rows = sheet_rows(&bytes, "Ranking");
    assert_eq!(rows.len() - 3, 22);
    // Ranks are numbers (a column of ranks sorts as numbers: 2 before 10), ties shown by the
    // cell's format.
    let styles = sheet_xml(&bytes, "xl/styles.xml");
    assert!(
        styles.contains(r#"formatCode="0&quot;=&quot;""#),
        "the tie format"
    );
    assert!(r.rows.iter().any(|x| x.tied), "the district has ties");
    for (x, row) in r.rows.iter().zip(&rows[3..]) {
        assert_eq!(number(&row[0]), Decimal::from(x.rank), "{}", x.unit.code);
        assert_eq!(row[1].to_string(), x.unit.code);
        assert_eq!(number(&row[3]), x.index);
        assert_eq!(row[5].to_string(), x.band.get(Lang::En));
        // Area 1's points and rank.
        assert_eq!(number(&row[6]), x.areas[0].points);
    }
    let bands = sheet_rows(&bytes, "Bands");
    let counted: usize = bands[3..]
        .iter()
        .map(|b| number(&b[2]).try_into().unwrap_or(0usize))
        .sum();
    assert_eq!(counted, 22);
}

/// A part of a workbook, as text.
fn sheet_xml(bytes: &[u8], part: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    zip.by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The heights written (`ht`, in points) of a sheet's rows, by 1-based row number.
fn row_heights(xml: &str) -> std::collections::BTreeMap<u32, u32> {
    let mut out = std::collections::BTreeMap::new();
    for row in xml.split("<row ").skip(1) {
        let head = &row[..row.find('>').unwrap()];
        let attr = |name: &str| {
            let at = head
                .find(&format!(" {name}=\""))
                .or_else(|| head.starts_with(&format!("{name}=\"")).then_some(0))?;
            let rest = &head[at..];
            let v = &rest[rest.find('"').unwrap() + 1..];
            Some(v[..v.find('"').unwrap()].to_owned())
        };
        if let (Some(r), Some(ht)) = (attr("r"), attr("ht")) {
            // Whole points, as this crate writes them (`45`, `45.0`).
            let whole = ht.split('.').next().unwrap();
            out.insert(r.parse().unwrap(), whole.parse::<u32>().unwrap());
        }
    }
    out
}

#[test]
fn rows_are_as_tall_as_their_wrapped_text() {
    // The form's criteria sheet: a sub-criterion's row holds its title (40 characters a
    // line), its rule in words (36) and its input (22), each wrapped; the row is as tall as
    // the tallest, 15 points a line. 3.2.1 "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn, trước
    // hạn" is 50 characters: 2 lines in 40 − 1; its rule in words is longer still.
    let bytes = par_index::form::template(m(), &par_index::form::Template::new(Lang::Vi)).unwrap();
    let xml = sheet_xml(&bytes, "xl/worksheets/sheet2.xml");
    let heights = row_heights(&xml);
    let items = sheet_rows(&bytes, "Tiêu chí");
    let at = items.iter().position(|r| r[0] == "3.2.1").unwrap();
    let ht = heights[&(at as u32 + 1)];
    assert!(ht >= 30 && ht.is_multiple_of(15), "3.2.1: {ht} points");
    // Every row taller than one line is a whole number of lines; none is left at the
    // default when its title wraps.
    for (i, r) in items.iter().enumerate().skip(2) {
        let title = r[2].to_string();
        if title.chars().count() > 39 {
            let ht = heights.get(&(i as u32 + 1)).copied().unwrap_or(15);
            assert!(ht >= 30, "row {} ({}): {ht}", i + 1, r[0]);
        }
    }
    // The reports too: the gaps of a unit, whose reasons and steps wrap.
    let card = score(m(), &catalog::sample_submission()).unwrap();
    let g = par_index::analysis::gaps(&card).xlsx(Lang::Vi);
    // The sheets of the gaps document: the figures, by office, by area, then the items.
    let names = {
        use calamine::Reader;
        calamine::Xlsx::new(std::io::Cursor::new(g.clone()))
            .unwrap()
            .sheet_names()
    };
    assert_eq!(
        names,
        ["Tóm tắt", "Theo cơ quan", "Theo lĩnh vực", "Chi tiết"]
    );
    let items = sheet_rows(&g, "Chi tiết");
    assert_eq!(items[2][0].to_string(), "Mã");
    let heights = row_heights(&sheet_xml(&g, "xl/worksheets/sheet4.xml"));
    assert!(heights.values().any(|h| *h >= 30), "{heights:?}");
    assert!(
        heights.values().all(|h| h.is_multiple_of(15)),
        "{heights:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Hardening, round 3 (issue 23): numbers as Excel shows them, words however typed, the
// form's own checks wherever its cells sit, hidden answers named, work bounded by the input.

/// A form of one items sheet (the rows given) and the unit sheet.
fn one_sheet_form(rows: &[Vec<Option<C>>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    items_sheet(wb.add_worksheet(), "Tiêu chí", &KEYS, rows);
    wb.save_to_buffer().unwrap()
}

fn ev() -> [Option<C>; 4] {
    doc("24/BC-UBND", C::D(2024, 12, 15))
}

#[test]
fn numbers_are_read_as_excel_shows_them() {
    // 3.2.1 (≥ 95% → 3, ≥ 90% → 2, ≥ 80% → 1): the numerator a formula whose exact value is
    // 1805, saved by Excel as the double 1804.9999999999998. Excel shows 1805: 1805/1900 =
    // 95% → 3 points. Read as the shortest round trip it would be 94.99…% → 2 points.
    // 1.3.1: the numerator a plain number cell holding that double: shown as 24 (15 digits).
    let bytes = one_sheet_form(&[
        leaf(
            "3.2.1",
            "num/den",
            Some(C::F("=1805/3.5*3.5", "1804.9999999999998")),
            Some(C::N(1900.0)),
            ev(),
        ),
        leaf(
            "1.3.1",
            "num/den",
            Some(C::N(23.999_999_999_999_996)),
            Some(C::N(25.0)),
            ev(),
        ),
        // A formula that refers to cells: read from its saved value.
        leaf(
            "1.1.2",
            "num/den",
            Some(C::F("=D5-1", "24")),
            Some(C::N(25.0)),
            ev(),
        ),
    ]);
    let sub = read_back(&bytes).unwrap();
    let ratio = |code: &str| match &sub.answers[&code.parse::<Code>().unwrap()].measure {
        par_index::methodology::Measure::Ratio { num, den } => (*num, *den),
        other => panic!("{other:?}"),
    };
    assert_eq!(ratio("3.2.1"), (dec("1805"), dec("1900")));
    assert_eq!(ratio("1.3.1"), (dec("24"), dec("25")));
    assert_eq!(ratio("1.1.2"), (dec("24"), dec("25")));
    let card = score(m(), &sub).unwrap();
    assert_eq!(
        card.find(&"3.2.1".parse().unwrap()).unwrap().points,
        dec("3")
    );
}

#[test]
fn a_formula_without_its_value_or_against_it_asks_for_a_recalculation() {
    let bytes = one_sheet_form(&[
        // Saved with a value its formula does not give: =12*0.95 is 11.4, not 50.
        leaf(
            "3.2.1",
            "num/den",
            Some(C::F("=12*0.95", "50")),
            Some(C::N(1900.0)),
            ev(),
        ),
        // A formula of cells saved with no value at all (rewritten below).
        leaf(
            "1.3.1",
            "num/den",
            Some(C::F("=D4*2", "NOVALUE")),
            Some(C::N(25.0)),
            ev(),
        ),
    ]);
    let bytes = rewrite(&bytes, "xl/worksheets/sheet2.xml", |xml| {
        xml.replace("<v>NOVALUE</v>", "")
    });
    let problems = read_back(&bytes).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("Tiêu chí!C3: item 3.2.1: `answers.3.2.1.num`: the formula `=12*0.95` gives 11.4 but the value saved with it is 50"),
        "{}",
        problems[0]
    );
    assert!(problems[0].contains("recalculate"), "{}", problems[0]);
    assert!(
        problems[1].starts_with("Tiêu chí!C4: item 1.3.1: `answers.1.3.1.num`: the cell holds the formula `=D4*2` with no saved value"),
        "{}",
        problems[1]
    );
}

#[test]
fn text_numbers_are_never_guessed() {
    // 1.862 and 1,862 could be 1862 or 1.862: refused, whichever the separator. 0,614 cannot
    // start a thousands group, 12,5 has no group of three: read as decimals.
    let bytes = one_sheet_form(&[
        leaf(
            "3.2.1",
            "num/den",
            Some(C::T("1.862")),
            Some(C::T("1900")),
            ev(),
        ),
        leaf(
            "1.3.1",
            "num/den",
            Some(C::T("1,862")),
            Some(C::T("1900")),
            ev(),
        ),
    ]);
    let problems = read_back(&bytes).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("Tiêu chí!C3:") && problems[0].contains("thousands separator"));
    assert!(problems[1].starts_with("Tiêu chí!C4:") && problems[1].contains("thousands separator"));
    let bytes = one_sheet_form(&[
        leaf(
            "3.2.1",
            "num/den",
            Some(C::T("1862,0")),
            Some(C::T("1900")),
            ev(),
        ),
        leaf(
            "1.3.1",
            "num/den",
            Some(C::T("12,5")),
            Some(C::T("25")),
            ev(),
        ),
    ]);
    let sub = read_back(&bytes).unwrap();
    let m131 = &sub.answers[&"1.3.1".parse::<Code>().unwrap()].measure;
    assert_eq!(
        *m131,
        par_index::methodology::Measure::Ratio {
            num: dec("12.5"),
            den: dec("25")
        }
    );
}

#[test]
fn date_serials_excel_cannot_show_are_refused_with_the_reason() {
    let date = |serial: f64| {
        leaf(
            "1.1.1",
            "due/done",
            Some(C::Serial(serial)),
            Some(C::D(2024, 1, 20)),
            doc("05/KH", C::D(2024, 1, 20)),
        )
    };
    for (serial, says) in [
        (60.0, "29/02/1900, a day that did not exist"),
        (0.0, "before the first day of Excel's calendar"),
        (-3.0, "negative"),
        (2_958_466.0, "past 31/12/9999"),
    ] {
        let problems = read_back(&one_sheet_form(&[date(serial)])).unwrap_err();
        assert_eq!(problems.len(), 1, "{serial}: {problems:#?}");
        assert!(
            problems[0].starts_with("Tiêu chí!C3: item 1.1.1: `answers.1.1.1.due`:")
                && problems[0].contains(says),
            "{serial}: {}",
            problems[0]
        );
    }
    // The last day Excel shows reads: 2958465 is 31/12/9999.
    let sub = read_back(&one_sheet_form(&[date(2_958_465.0)])).unwrap();
    assert_eq!(
        sub.answers[&"1.1.1".parse::<Code>().unwrap()].measure,
        par_index::methodology::Measure::Deadline {
            due: "9999-12-31".parse().unwrap(),
            done: Some("2024-01-20".parse().unwrap())
        }
    );
}

#[test]
fn words_typed_with_combining_marks_are_the_same_words() {
    use unicode_normalization::UnicodeNormalization;
    let nfd = |s: &str| s.nfd().collect::<String>();
    assert_ne!(nfd("Có"), "Có");
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    items_sheet(
        wb.add_worksheet(),
        "Tiêu chí",
        &KEYS,
        &[
            leaf("1.4.1", "met", Some(C::S(nfd("Có"))), None, ev()),
            leaf("7.4.1", "met", Some(C::S(nfd("Không"))), None, ev()),
        ],
    );
    let ws = wb.add_worksheet();
    ws.set_name("Điểm thưởng, trừ").unwrap();
    for (col, key) in ["kind", "amount", "reason"].iter().enumerate() {
        ws.write_string(0, col as u16, format!("entries:{key}"))
            .unwrap();
    }
    ws.write_string(2, 0, nfd("Thưởng")).unwrap();
    ws.write_number(2, 1, 1.0).unwrap();
    ws.write_string(2, 2, nfd("Sáng kiến")).unwrap();
    let sub = read_back(&wb.save_to_buffer().unwrap()).unwrap();
    let met = |code: &str| sub.answers[&code.parse::<Code>().unwrap()].measure.clone();
    assert_eq!(
        met("1.4.1"),
        par_index::methodology::Measure::Check { met: true }
    );
    assert_eq!(
        met("7.4.1"),
        par_index::methodology::Measure::Check { met: false }
    );
    assert_eq!(sub.bonus.len(), 1);
    // Text is read as NFC, as every reader reads it.
    assert_eq!(sub.bonus[0].reason, "Sáng kiến");
}

#[test]
fn the_methodology_hash_row_is_checked_however_it_is_edited() {
    let form = |sha: Option<C>, keep_row: bool| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Đơn vị").unwrap();
        for (col, key) in ["unit:key", "unit:label", "unit:value"].iter().enumerate() {
            ws.write_string(0, col as u16, *key).unwrap();
        }
        let mut r = 2;
        for (k, v) in [
            ("form", C::T("par-index/form/1")),
            ("methodology", C::T("commune-2024-model")),
            ("unit.code", C::T("HP-002")),
            ("unit.name", C::T("Phường Lê Chân")),
            ("period", C::T("2025")),
        ] {
            ws.write_string(r, 0, k).unwrap();
            put(ws, r, 2, &v);
            r += 1;
        }
        if keep_row {
            ws.write_string(r, 0, "methodology_sha256").unwrap();
            if let Some(v) = &sha {
                put(ws, r, 2, v);
            }
        }
        items_sheet(wb.add_worksheet(), "Tiêu chí", &KEYS, &[]);
        wb.save_to_buffer().unwrap()
    };
    for (what, bytes, says) in [
        ("emptied", form(None, true), "is empty"),
        ("a number", form(Some(C::N(1234.0)), true), "is `1234`"),
        (
            "deleted",
            form(None, false),
            "has no `methodology_sha256` row",
        ),
    ] {
        let problems = read_back(&bytes).unwrap_err();
        assert_eq!(problems.len(), 1, "{what}: {problems:#?}");
        assert!(problems[0].contains(says), "{what}: {}", problems[0]);
        assert!(
            problems[0].starts_with("Đơn vị!"),
            "{what}: {}",
            problems[0]
        );
    }
}

#[test]
fn a_key_in_two_columns_is_refused_naming_both() {
    let mut keys = KEYS.to_vec();
    keys[11] = "value1"; // column L is a second value1
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    items_sheet(wb.add_worksheet(), "Tiêu chí", &keys, &[]);
    let problems = read_back(&wb.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0]
            .starts_with("Tiêu chí!L1: the hidden key `items:value1` is in two columns, C and L"),
        "{}",
        problems[0]
    );
}

#[test]
fn answers_in_hidden_rows_and_sheets_are_read_and_named() {
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    let ws = wb.add_worksheet();
    items_sheet(
        ws,
        "Tiêu chí",
        &KEYS,
        &[
            leaf(
                "3.2.1",
                "num/den",
                Some(C::N(1862.0)),
                Some(C::N(1900.0)),
                ev(),
            ),
            leaf("1.4.1", "met", Some(C::T("Có")), None, ev()),
        ],
    );
    ws.set_row_hidden(3).unwrap(); // 1.4.1
    let bytes = wb.save_to_buffer().unwrap();
    let read = form::read_form(&bytes);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let notes: Vec<String> = read.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        ["Tiêu chí!C4: item 1.4.1: row 4 is hidden; the answer to 1.4.1 was read"]
    );
    assert_eq!(read.notes[0].kind, par_index::ProblemKind::HiddenInput);
    // The whole sheet hidden.
    let mut wb = Workbook::new();
    unit_sheet(wb.add_worksheet(), "Đơn vị", None);
    let ws = wb.add_worksheet();
    items_sheet(
        ws,
        "Tiêu chí",
        &KEYS,
        &[leaf(
            "3.2.1",
            "num/den",
            Some(C::N(1862.0)),
            Some(C::N(1900.0)),
            ev(),
        )],
    );
    ws.set_hidden(true);
    let read = form::read_form(&wb.save_to_buffer().unwrap());
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert!(
        read.notes
            .iter()
            .any(|n| n.message == "sheet `Tiêu chí` is hidden; its answers were read"),
        "{:?}",
        read.notes
    );
}

#[test]
fn a_long_shared_string_is_counted_each_time_it_is_used() {
    // 2,000 cells of one 30 kB text (Excel's longest is 32,767 characters): tens of kB
    // packed, 60 MB if each cell took its own copy, over a limit of 10 MB.
    let long = "x".repeat(30_000);
    let rows: Vec<Vec<Option<C>>> = (0..2000)
        .map(|i| {
            let mut r = leaf("3.2.1", "num/den", None, None, [None, None, None, None]);
            r[0] = Some(C::S(format!("9.{i}")));
            r[5] = Some(C::S(long.clone()));
            r
        })
        .collect();
    let bytes = one_sheet_form(&rows);
    assert!(bytes.len() < 1_000_000, "{}", bytes.len());
    let small = par_index::Limits::default().input_bytes(10 * 1024 * 1024);
    let path = std::env::temp_dir().join(format!("par-index-long-{}.xlsx", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let read = form::read_form_file(&path, &small).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(
        read.problems
            .iter()
            .any(|p| p.message.contains("counted each time a cell is used")),
        "{:?}",
        read.problems.first()
    );
}

#[test]
fn sheets_that_share_one_part_are_refused_before_it_is_read_again() {
    // A workbook listing the items sheet a hundred times, each pointing at the same part.
    let bytes = one_sheet_form(&[]);
    let bytes = rewrite(&bytes, "xl/workbook.xml", |xml| {
        let copies: String = (0..100)
            .map(|i| {
                format!(
                    r#"<sheet name="Copy {i}" sheetId="{}" r:id="rId2"/>"#,
                    i + 10
                )
            })
            .collect();
        xml.replace("</sheets>", &format!("{copies}</sheets>"))
    });
    let read = form::read_form(&bytes);
    assert!(
        read.problems
            .iter()
            .any(|p| p.message.contains("names its part") && p.message.contains("twice")),
        "{:?}",
        read.problems
    );
}

#[test]
fn rows_written_without_their_numbers_read_the_same() {
    // Some writers leave out a row's `r` (and a cell's): each row follows the one before,
    // each cell the one before in its row. The sample's form with every row number removed
    // from its criteria sheet reads as the sample.
    let sub = catalog::sample_submission();
    let bytes = form::template(m(), &form::Template::default().from(&sub)).unwrap();
    let stripped = rewrite(&bytes, "xl/worksheets/sheet2.xml", |xml| {
        // `<row r="12" …>` → `<row …>`.
        let mut out = String::new();
        let mut rest = xml.as_str();
        while let Some(i) = rest.find("<row r=\"") {
            out.push_str(&rest[..i + 4]);
            let number = &rest[i + 8..];
            let close = number.find('"').unwrap();
            rest = &number[close + 1..];
        }
        out.push_str(rest);
        out
    });
    assert!(!stripped.windows(8).any(|w| w == b"<row r=\""));
    let read = form::read_form(&stripped);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.submission.unwrap().sha256(), sub.sha256());
}
