//! The printable reports in a real browser: every HTML report is rendered headless by
//! Chromium to its DOM, to a PNG and to a PDF; the page must show the unit and its index,
//! the picture must not be blank, and the PDF must have the pages its page breaks make.
//!
//! `.ci/run` installs Debian's `chromium` and sets `PAR_INDEX_BROWSER=required`, so CI
//! fails without a browser; elsewhere the test says it was skipped.
#![cfg(feature = "html")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod cdp;
mod rendered;
use rendered::Rendered;

use std::path::Path;
use std::process::Command;

use par_index::{Lang, catalog};

use cdp::browser;

fn chrome(browser: &Path, args: &[&str], page: &Path) -> std::process::Output {
    let profile = page.with_extension("profile");
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-pdf-header-footer",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap()
}

/// A report rendered: its DOM after layout, the PNG's bytes, the PDF's page count.
fn render(browser: &Path, dir: &Path, name: &str, html: &str) -> (String, Vec<u8>, usize) {
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, html).unwrap();
    let dom = chrome(browser, &["--dump-dom"], &page);
    assert!(
        dom.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let png = dir.join(format!("{name}.png"));
    let shot = chrome(
        browser,
        &[
            "--window-size=1280,1800",
            &format!("--screenshot={}", png.display()),
        ],
        &page,
    );
    assert!(shot.status.success(), "{name}");
    let pdf = dir.join(format!("{name}.pdf"));
    let print = chrome(
        browser,
        &[&format!("--print-to-pdf={}", pdf.display())],
        &page,
    );
    assert!(print.status.success(), "{name}");
    let pdf = std::fs::read(&pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "{name}");
    // Page objects: `/Type /Page` (not `/Pages`).
    let pages = pdf
        .windows(11)
        .enumerate()
        .filter(|(i, w)| {
            (w == b"/Type /Page" || w == b"/Type/Page\n") && !matches!(pdf.get(i + 11), Some(b's'))
        })
        .count();
    (
        String::from_utf8(dom.stdout).unwrap(),
        std::fs::read(&png).unwrap(),
        pages,
    )
}

/// Not blank: a PNG of a white page of this size compresses to a few kilobytes; a page with
/// text, tables and charts to far more.
fn assert_not_blank(name: &str, png: &[u8]) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: not a PNG");
    assert!(png.len() > 40_000, "{name}: {} bytes, blank?", png.len());
}

#[test]
fn every_html_report_renders_in_a_real_browser() {
    let Some(browser) = browser() else {
        assert!(
            std::env::var("PAR_INDEX_BROWSER").as_deref() != Ok("required"),
            "no Chromium found, and PAR_INDEX_BROWSER=required"
        );
        eprintln!("skipped: no Chromium (apt-get install chromium)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("par-index-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let m = catalog::default_methodology();

    // The scorecard: the sample's index is 95.29 (its README and tests/samples.rs hold the
    // arithmetic), shown the Vietnamese way.
    let card = catalog::sample_scorecard();
    assert_eq!(card.index.to_string(), "95.29");
    for lang in [Lang::Vi, Lang::En] {
        let (dom, png, pages) =
            render(&browser, &dir, &format!("score-{lang:?}"), &card.html(lang));
        assert!(dom.contains("Xã Đồng Tâm"), "{lang:?}");
        let shown = if lang == Lang::Vi { "95,29%" } else { "95.29%" };
        assert!(dom.contains(&format!("id=\"index\">{shown}<")), "{lang:?}");
        assert_not_blank("score", &png);
        // One forced break (before every item's table): at least two pages; the 54 items
        // fit in well under twelve.
        assert!((2..=12).contains(&pages), "score: {pages} pages");
    }

    // The ranking of the district (with its survey): two forced breaks (heat map, table).
    let survey = par_index::SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    let batch = par_index::Options::new().methodology(m).read_batch(
        &["examples/data/district"],
        Some(&survey),
        &mut |_, _| {},
    );
    let ranking = par_index::batch::rank_batch(&batch, m);
    let (dom, png, pages) = render(&browser, &dir, "rank", &ranking.html(Lang::Vi));
    let first = &ranking.rows[0];
    assert!(dom.contains(&first.unit.name));
    assert!(dom.contains(&par_index::report::words::fmt_decimal(
        first.index,
        Lang::Vi
    )));
    assert_eq!(
        dom.matches("<svg").count(),
        3,
        "index bars, band counts, heat map"
    );
    assert_not_blank("rank", &png);
    assert!((3..=8).contains(&pages), "rank: {pages} pages");

    // The gaps of one unit.
    let g = par_index::analysis::gaps(&card);
    let (dom, png, pages) = render(&browser, &dir, "gaps", &g.html(Lang::Vi));
    assert!(dom.contains("Xã Đồng Tâm") && dom.contains("id=\"index\">95,29%<"));
    assert_not_blank("gaps", &png);
    // The document of the gaps: the figures, offices as bars and a table, areas, then every
    // item with why and how to win it back; a page or two.
    assert!(
        dom.contains("<h2>Theo lĩnh vực</h2>") && dom.contains("Cách lấy lại điểm"),
        "gaps"
    );
    assert!((1..=2).contains(&pages), "gaps: {pages} pages");

    // The appraisal of NG-04 through its three stages, then its last scorecard.
    let sub = par_index::Submission::from_file("examples/data/district/NG-04.json").unwrap();
    let stages: Vec<par_index::Stage> = ["appraisal-1", "explanation", "final"]
        .iter()
        .map(|s| {
            par_index::Stage::from_file(format!("examples/data/district/appraisals/NG-04.{s}.json"))
                .unwrap()
        })
        .collect();
    let cards = par_index::appraisal::score_stages(m, &sub, &stages, None).unwrap();
    let html =
        par_index::report::out::to_html(&par_index::report::stages_document(&cards, Lang::Vi));
    let (dom, png, pages) = render(&browser, &dir, "appraise", &html);
    let last = &cards.last().unwrap().card;
    assert!(dom.contains("Xã Nghĩa An"));
    assert!(dom.contains(&format!(
        "id=\"index\">{}%<",
        par_index::report::words::fmt_decimal(last.index, Lang::Vi)
    )));
    assert_not_blank("appraise", &png);
    // The stages and changes, then the scorecard's own two forced parts.
    assert!((3..=14).contains(&pages), "appraise: {pages} pages");

    // The province by roster: a page for the summary, then each of the three blocks and the
    // whole list from a new page, each with its own two forced breaks (heat map, table); the
    // departments under their own methodology.
    let survey =
        par_index::SurveyFile::from_file("examples/data/province/2025/survey.json").unwrap();
    let out = par_index::Options::new().rank_files_by_set(
        &["examples/data/province/2025"],
        Some(&survey),
        &[],
        &mut |_, _| {},
    );
    let roster = par_index::Roster::from_file("examples/data/province/roster.csv").unwrap();
    let blocks = par_index::analysis::rank_by_roster_sets(&out.value, &roster, false);
    let (dom, png, pages) = render(&browser, &dir, "blocks", &blocks.html(Lang::Vi));
    assert!(dom.contains("Khối sở, ngành") && dom.contains("Xã Mao Điền (HP-X38)"));
    assert_eq!(
        dom.matches("<svg").count(),
        12,
        "three charts for each block and the whole"
    );
    assert_not_blank("blocks", &png);
    assert!((13..=40).contains(&pages), "blocks: {pages} pages");

    // Year over year: the merged commune Xã Ninh Giang against its four predecessors, and
    // the province.
    let now =
        par_index::Options::new().read_results(&["examples/data/province/2025"], Some(&survey));
    let before = par_index::Options::new().read_results(&["examples/data/province/2024"], None);
    let x01 = now.value.iter().find(|c| c.unit.code == "HP-X01").unwrap();
    let c = par_index::analysis::compare(x01, &before.value, Some(&roster), None);
    let (dom, png, pages) = render(&browser, &dir, "compare", &c.html(Lang::Vi));
    assert!(dom.contains("Xã Nghĩa An (NG-04)"));
    assert!(dom.contains(&format!(
        "id=\"index\">{}<",
        par_index::report::words::fmt_decimal(x01.index, Lang::Vi)
    )));
    assert_not_blank("compare", &png);
    assert!((2..=8).contains(&pages), "compare: {pages} pages");
    let b = par_index::analysis::compare_batch(&now.value, &before.value, Some(&roster), None);
    let (dom, png, pages) = render(&browser, &dir, "compare-batch", &b.html(Lang::En));
    assert!(dom.contains("Xã Khúc Thừa Dụ (HP-X03) ← NG-02, NG-03, NG-11, NG-16"));
    assert_not_blank("compare-batch", &png);
    assert!((2..=8).contains(&pages), "compare batch: {pages} pages");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reports_are_self_contained_and_escape_what_they_print() {
    let mut sub = catalog::sample_submission();
    sub.unit.name = "Xã <script>alert(1)</script> & \"Đông\"".into();
    let card = par_index::score(catalog::default_methodology(), &sub).unwrap();
    let html = card.html(Lang::Vi);
    assert!(!html.contains("<script"));
    assert!(html.contains("Xã &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Đông&quot;"));
    // Nothing is fetched: no external stylesheet, script, image or font.
    for needle in ["<link", "src=", "@import", "url("] {
        assert!(!html.contains(needle), "{needle}");
    }
    assert_eq!(html, card.html(Lang::Vi), "the same bytes every time");
}
