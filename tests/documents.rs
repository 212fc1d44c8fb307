//! Reports as documents (issue 24): every report renders in every format through the one
//! entry point, the renderers agree on the numbers of one document, and no cell text can
//! break the shape of a table in any format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use par_index::report::document::{Block, Cell, Column, Document, Row, Table};
use par_index::report::{Format, Output, Report, render};
use par_index::{Lang, catalog};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Every report the crate builds as a document, from the bundled samples.
fn reports() -> Vec<(&'static str, Box<dyn Report>)> {
    let card = catalog::sample_scorecard();
    let batch =
        par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    let cards: Vec<_> = batch
        .units
        .iter()
        .filter_map(|u| u.latest())
        .map(|s| s.card.clone())
        .collect();
    let sub = par_index::Submission::from_file("examples/data/district/NG-04.json").unwrap();
    let stage =
        par_index::Stage::from_file("examples/data/district/appraisals/NG-04.final.json").unwrap();
    let staged =
        par_index::appraisal::score_stages(catalog::default_methodology(), &sub, &[stage], None)
            .unwrap();
    let minute = par_index::appraisal::diff(&staged[0].card, &staged[1].card);
    let mut last = card.clone();
    last.period = "2023".into();
    last.index -= Decimal::ONE;
    let a = catalog::get("commune-2024-model").unwrap();
    let b = catalog::get("commune-2025-model").unwrap();
    vec![
        ("scorecard", Box::new(card.clone())),
        ("gaps", Box::new(par_index::analysis::gaps(&card))),
        (
            "batch gaps",
            Box::new(par_index::analysis::batch_gaps(&cards)),
        ),
        (
            "methodology diff",
            Box::new(par_index::methodology::diff(a, b, &Default::default())),
        ),
        ("minute", Box::new(OwnedMinute(minute))),
        (
            "ranking",
            Box::new(par_index::batch::rank_batch(
                &batch,
                catalog::default_methodology(),
            )),
        ),
        ("ranking by roster", Box::new(by_roster(&cards))),
        (
            "year over year",
            Box::new(par_index::analysis::compare(
                &card,
                &[last.clone()],
                None,
                None,
            )),
        ),
        (
            "year over year, a batch",
            Box::new(par_index::analysis::compare_batch(
                &cards,
                &[last],
                None,
                None,
            )),
        ),
        (
            "readiness",
            Box::new(
                par_index::submission::readiness(catalog::default_methodology(), &sub).unwrap(),
            ),
        ),
    ]
}

/// The district's units in two blocks of a roster, one unit of it with no result.
fn by_roster(cards: &[par_index::Scorecard]) -> par_index::analysis::BlockRanking {
    let mut csv = String::from("code,name,kind,block\n");
    for (i, c) in cards.iter().enumerate() {
        let block = if i % 2 == 0 { "Khối A" } else { "Khối B" };
        csv.push_str(&format!("{},{},xa,{block}\n", c.unit.code, c.unit.name));
    }
    csv.push_str("NG-99,Xã Khác,xa,Khối A\n");
    let roster = par_index::Roster::from_csv_str(&csv, None).unwrap();
    par_index::analysis::rank_by_roster(&par_index::analysis::rank(cards), &roster, false)
}

/// A minute that owns its diff (the crate's `Minute` borrows one).
struct OwnedMinute(par_index::appraisal::Diff);

impl Report for OwnedMinute {
    fn to_document(&self, lang: Lang) -> Document {
        self.0.minute("Tự chấm", "Thẩm định").to_document(lang)
    }
    fn to_json(&self, lang: Lang) -> String {
        self.0.minute("Tự chấm", "Thẩm định").to_json(lang)
    }
}

#[test]
fn every_report_renders_in_every_format_and_language() {
    for (name, r) in reports() {
        for lang in [Lang::Vi, Lang::En] {
            for format in [
                Format::Text,
                Format::Markdown,
                Format::Json,
                Format::Csv,
                Format::Html,
                Format::Xlsx,
            ] {
                let what = format!("{name} {format:?} {lang:?}");
                if name == "readiness" && format == Format::Csv {
                    // No table: nothing to write as CSV, which render says.
                    let e = render(r.as_ref(), format, lang).unwrap_err();
                    assert!(e.to_string().contains("no table"), "{what}: {e}");
                    continue;
                }
                let out =
                    render(r.as_ref(), format, lang).unwrap_or_else(|e| panic!("{what}: {e}"));
                match (format, &out) {
                    (Format::Xlsx, Output::Bytes(b)) => assert_eq!(&b[..2], b"PK", "{what}"),
                    (Format::Html, Output::Text(t)) => {
                        assert!(t.starts_with("<!DOCTYPE html>"), "{what}");
                        assert!(!t.contains("<script"), "{what}");
                    }
                    (Format::Json, Output::Text(t)) => {
                        serde_json::from_str::<serde_json::Value>(t)
                            .unwrap_or_else(|e| panic!("{what}: {e}"));
                    }
                    (Format::Csv, Output::Text(t)) => {
                        assert!(t.ends_with("\r\n"), "{what}: {t}");
                    }
                    (_, Output::Text(t)) => {
                        assert!(t.lines().next().is_some_and(|l| !l.is_empty()), "{what}");
                    }
                    _ => panic!("{what}: bytes for a text format"),
                }
                // Same input, same bytes.
                assert_eq!(out, render(r.as_ref(), format, lang).unwrap(), "{what}");
            }
        }
    }
}

/// One document, many renderers, the same numbers. The sample loses 2.47 on the criteria
/// (67.53 of 70) and 3.24 on the survey (26.76 of 30): 5.71 in all, which is what the gaps
/// say in every format: the Markdown's figure, the CSV's and the workbook's total row.
#[test]
fn the_renderers_of_one_document_agree_on_its_numbers() {
    let card = catalog::sample_scorecard();
    let g = par_index::analysis::gaps(&card);
    assert_eq!(g.lost, dec("70") - dec("67.53") + dec("30") - dec("26.76"));
    assert_eq!(g.lost, dec("5.71"));
    let md = render(&g, Format::Markdown, Lang::Vi)
        .unwrap()
        .into_text()
        .unwrap();
    assert!(md.contains("- **Điểm bị mất:** 5,71\n"), "{md}");
    assert!(md.contains("| **Cộng** | **5,71** | **5,71** |"), "{md}");
    // The CSV is the document's first table (by office), its total row with a point.
    let csv = render(&g, Format::Csv, Lang::Vi)
        .unwrap()
        .into_text()
        .unwrap();
    assert!(csv.starts_with("\u{feff}Cơ quan,Điểm bị mất,Có thể lấy lại,Số tiêu chí\r\n"));
    assert!(csv.ends_with("Cộng,5.71,5.71,13\r\n"), "{csv}");
    // The workbook: the figures first (the index a number, 95.29), then a sheet per table.
    let bytes = render(&g, Format::Xlsx, Lang::Vi).unwrap().into_bytes();
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let figures = wb.worksheet_range("Tóm tắt").unwrap();
    let index = figures
        .rows()
        .find(|r| r[0] == "Chỉ số CCHC")
        .map(|r| r[1].clone())
        .unwrap();
    assert_eq!(index, calamine::Data::Float(95.29));
    let offices = wb.worksheet_range("Theo cơ quan").unwrap();
    let total = offices.rows().find(|r| r[0] == "Cộng").unwrap().to_vec();
    assert_eq!(total[1], calamine::Data::Float(5.71));
    assert_eq!(total[3], calamine::Data::Float(13.0));
    // The page: the same figure, named for tools.
    let html = render(&g, Format::Html, Lang::Vi)
        .unwrap()
        .into_text()
        .unwrap();
    assert!(html.contains("id=\"index\">95,29%<"));
}

#[test]
fn a_block_for_some_media_is_only_in_those() {
    use par_index::report::document::Medium;
    let mut doc = Document::new("T", Lang::En);
    doc.blocks.push(Block::only(
        &[Medium::Text],
        Block::Paragraph("terminal only".into()),
    ));
    doc.blocks.push(Block::only(
        &[Medium::Markdown, Medium::Html],
        Block::Paragraph("pages only".into()),
    ));
    let text = par_index::report::out::to_text(&doc);
    let md = par_index::report::out::to_markdown(&doc);
    let html = par_index::report::out::to_html(&doc);
    assert!(text.contains("terminal only") && !text.contains("pages only"));
    assert!(md.contains("pages only") && !md.contains("terminal only"));
    assert!(html.contains("pages only") && !html.contains("terminal only"));
}

fn any_text() -> impl Strategy<Value = String> {
    // Words, and what could break a table: pipes, commas, quotes, line breaks, markup,
    // formula starts, control characters.
    prop::collection::vec(
        prop_oneof![
            Just("Xã Đồng Tâm".to_owned()),
            Just("|".to_owned()),
            Just(",".to_owned()),
            Just("\"".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("<b>".to_owned()),
            Just("=SUM(A1)".to_owned()),
            Just("\u{7}".to_owned()),
            "[a-z ]{0,6}",
        ],
        0..5,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the cells say, every format keeps the table's shape: one Markdown line per
    /// row (plus the head and the rule), one text line per row (plus the head and the
    /// dashed rule), no markup of the cells in the page, and a CSV with one record per row.
    #[test]
    fn no_cell_breaks_the_shape_of_its_table(cells in prop::collection::vec((any_text(), any_text()), 0..6)) {
        let mut t = Table::new("T", vec![Column::text("Tên", 20), Column::points("Điểm")]);
        for (a, b) in &cells {
            t.rows.push(Row::new(vec![Cell::Text(a.clone()), Cell::Text(b.clone())]));
        }
        let mut doc = Document::new("T", Lang::Vi);
        doc.blocks.push(Block::Table(t));
        let md = par_index::report::out::to_markdown(&doc);
        // "# T", "", the head, the rule, then the rows.
        prop_assert_eq!(md.lines().count(), 4 + cells.len(), "{}", md);
        let text = par_index::report::out::to_text(&doc);
        prop_assert_eq!(text.lines().count(), 4 + cells.len(), "{}", text);
        let html = par_index::report::out::to_html(&doc);
        prop_assert!(!html.contains("<b>"));
        let csv = par_index::report::out::to_csv(&doc);
        prop_assert_eq!(csv_records(&csv), 1 + cells.len(), "{}", csv);
    }
}

/// The records of a CSV (RFC 4180: line breaks inside quotes belong to the field).
fn csv_records(csv: &str) -> usize {
    let mut quoted = false;
    let mut records = 0;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\r' if !quoted && chars.peek() == Some(&'\n') => {
                chars.next();
                records += 1;
            }
            _ => {}
        }
    }
    records
}

/// The summary of a ranking by roster counts each block's units by the whole list's bands:
/// every row's band cells add up to its count of units, and the blocks add up to the whole.
/// The district's 22 units split in two blocks of 11, NG-99 with no result.
#[test]
fn a_ranking_by_roster_counts_every_unit_once_per_block() {
    let batch =
        par_index::Options::new().read_batch(&["examples/data/district"], None, &mut |_, _| {});
    let cards: Vec<_> = batch
        .units
        .iter()
        .filter_map(|u| u.latest())
        .map(|s| s.card.clone())
        .collect();
    assert_eq!(cards.len(), 22);
    let blocks = by_roster(&cards);
    let doc = blocks.to_document(Lang::En);
    let summary = doc
        .blocks
        .iter()
        .find_map(
            |b| match b.for_medium(par_index::report::document::Medium::Html) {
                Some(Block::Table(t)) if t.name == "Summary" => Some(t.clone()),
                _ => None,
            },
        )
        .unwrap();
    let count = |c: &Cell| match c {
        Cell::Count(n) => *n,
        Cell::Strong(inner) => match inner.as_ref() {
            Cell::Count(n) => *n,
            _ => panic!("{c:?}"),
        },
        other => panic!("{other:?}"),
    };
    let totals: Vec<usize> = summary.rows.iter().map(|r| count(&r.cells[1])).collect();
    // Units 1, 3, 5, … of 22 in block A (11), the others in B (11); all 22.
    assert_eq!(totals, [11, 11, 22]);
    for r in &summary.rows {
        let bands: usize = r.cells[2..].iter().map(count).sum();
        assert_eq!(bands, count(&r.cells[1]), "{r:?}");
    }
    // The roster's unit with no result is listed under its heading.
    let md = par_index::report::out::to_markdown(&doc);
    assert!(md.contains("- Xã Khác (NG-99)"), "{md}");
    assert!(md.contains("## Khối A (11 units)") && md.contains("## All units (22 units)"));
}
