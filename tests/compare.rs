//! Year over year (issue 13, second part): `compare` of a unit against its previous scorecard,
//! and of a merged unit against each predecessor and their weighted mean. Expected figures are
//! worked out by hand in the comments, from the sample's points and the methodologies' text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod rendered;
use rendered::Rendered;

use std::process::Command;

use par_index::{
    Roster, Scorecard, Submission, analysis::BaselineKind, analysis::CauseKind, analysis::compare,
    analysis::compare_batch, catalog, score,
};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The bundled sample (Xã Đồng Tâm), scored as `code` for `period`, with `drop` unanswered.
///
/// Its points: criteria 67.53 of 70, survey 26.76 of 30, bonus 1, penalty 0, every item
/// applicable: total 67.53 + 26.76 + 1 = 95.29 of 100, index 95.29. Item 7.5.1 (a check worth
/// 0.5, met with evidence) unanswered: 95.29 − 0.5 = 94.79.
fn card(code: &str, period: &str, drop: &[&str]) -> Scorecard {
    let mut s: Submission = catalog::sample_submission();
    s.unit.code = code.into();
    s.period = period.into();
    for c in drop {
        s.answers.remove(&c.parse().unwrap());
    }
    score(catalog::default_methodology(), &s).unwrap()
}

#[test]
fn a_unit_against_its_own_previous_scorecard() {
    let before = card("NG-01", "2024", &[]);
    let now = card("NG-01", "2025", &["7.5.1"]);
    let c = compare(&now, &[before], None, None);
    assert_eq!(c.basis, BaselineKind::Single);
    // 95.29 → 94.79: −0.5, all of it item 7.5.1 of area 7 (9.5 → 9).
    assert_eq!(c.index.before, Some(dec("95.29")));
    assert_eq!(c.index.after, dec("94.79"));
    assert_eq!(c.index.change, Some(dec("-0.5")));
    assert_eq!(c.total.change, Some(dec("-0.5")));
    let area7 = c.areas.iter().find(|a| a.code.as_str() == "7").unwrap();
    assert_eq!(
        (area7.points.before, area7.points.after),
        (Some(dec("9.5")), dec("9"))
    );
    // Only the item that changed is listed, with its cause.
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.items[0].code.as_str(), "7.5.1");
    assert_eq!(c.items[0].points.change, Some(dec("-0.5")));
    assert_eq!(c.items[0].causes.len(), 1);
    assert_eq!(c.items[0].causes[0].kind, CauseKind::Unanswered);
    assert!(c.items[0].causes[0].units.is_empty()); // one baseline: no predecessor named
    // The latest earlier period is the baseline when there are several.
    let older = card("NG-01", "2023", &["7.5.1", "7.4.1"]);
    let c = compare(&now, &[older, card("NG-01", "2024", &[])], None, None);
    assert_eq!(c.predecessors[0].period, "2024");
}

#[test]
fn a_merged_unit_against_each_predecessor_and_their_weighted_mean() {
    let pool = [
        card("A-01", "2024", &[]),
        card("A-02", "2024", &["7.5.1"]),
        card("A-03", "2023", &[]), // another year: not a predecessor @2024
    ];
    let now = card("N-01", "2025", &[]);
    let roster = |preds: &str| {
        Roster::from_csv_str(
            &format!("code,name,kind,block,predecessors\nN-01,Xã Mới,xa,xa,{preds}\n"),
            None,
        )
        .unwrap()
    };
    // Weights 3 and 1: (3 × 95.29 + 1 × 94.79) / 4 = (285.87 + 94.79) / 4 = 380.66 / 4
    // = 95.165, rounded half away from zero: 95.17. Now 95.29: +0.12.
    let r = roster("A-01@2024*3;A-02@2024*1;A-03@2024");
    let c = compare(&now, &pool, Some(&r), None);
    assert_eq!(c.basis, BaselineKind::RosterWeights);
    assert_eq!(c.predecessors.len(), 2);
    assert_eq!(c.missing.len(), 1);
    assert_eq!(
        (c.missing[0].code.as_str(), c.missing[0].year),
        ("A-03", 2024)
    );
    assert_eq!(c.index.each, [Some(dec("95.29")), Some(dec("94.79"))]);
    assert_eq!(c.index.before, Some(dec("95.17")));
    assert_eq!(c.index.change, Some(dec("0.12")));
    // Item 7.5.1: (3 × 0.5 + 1 × 0) / 4 = 0.375 → 0.38; now 0.5: +0.12. A-02 did not answer
    // it: no measure to compare, and the item is answered now.
    let l = c.items.iter().find(|l| l.code.as_str() == "7.5.1").unwrap();
    assert_eq!(l.points.each, [Some(dec("0.5")), Some(dec("0"))]);
    assert_eq!(l.points.before, Some(dec("0.38")));
    assert_eq!(l.points.change, Some(dec("0.12")));
    // A weight missing for one predecessor: equal weights, (95.29 + 94.79) / 2 = 95.04.
    let r = roster("A-01@2024*3;A-02@2024");
    let c = compare(&now, &pool, Some(&r), None);
    assert_eq!(c.basis, BaselineKind::EqualWeights);
    assert_eq!(c.index.before, Some(dec("95.04")));
    assert_eq!(c.index.change, Some(dec("0.25")));
    // The cause names the predecessor it holds for.
    let now = card("N-01", "2025", &["7.5.1"]);
    let c = compare(&now, &pool, Some(&r), None);
    let l = c.items.iter().find(|l| l.code.as_str() == "7.5.1").unwrap();
    assert_eq!(l.causes[0].kind, CauseKind::Unanswered);
    assert_eq!(l.causes[0].units, ["A-01"]);
}

/// The province sample: Xã Ninh Giang (HP-X01), formed in 2025 from NG-01, NG-04, NG-05 and
/// NG-15, scored under commune-2025-model against their 2024 final scorecards.
fn ninh_giang(with_map: bool) -> par_index::analysis::Comparison {
    let survey =
        par_index::SurveyFile::from_file("examples/data/province/2025/survey.json").unwrap();
    let now = par_index::Options::new()
        .read_results(&["examples/data/province/2025/HP-X01.json"], Some(&survey));
    let before = par_index::Options::new().read_results(&["examples/data/province/2024"], None);
    assert!(now.failures.is_empty() && before.failures.is_empty());
    let roster = Roster::from_file("examples/data/province/roster.csv").unwrap();
    let code_map = par_index::methodology::read_code_map(
        &std::fs::read_to_string("criteria/maps/commune-2024-to-2025.map.toml").unwrap(),
        None,
    )
    .unwrap();
    compare(
        &now.value[0],
        &before.value,
        Some(&roster),
        with_map.then_some(&code_map),
    )
}

#[test]
fn a_merged_commune_of_the_province_sample_across_methodologies() {
    let c = ninh_giang(true);
    assert_eq!(c.basis, BaselineKind::EqualWeights);
    let codes: Vec<&str> = c
        .predecessors
        .iter()
        .map(|p| p.unit.code.as_str())
        .collect();
    assert_eq!(codes, ["NG-01", "NG-04", "NG-05", "NG-15"]);
    // Their 2024 indices 91.24, 88.43, 86.25 and 92.35: (91.24 + 88.43 + 86.25 + 92.35) / 4
    // = 358.27 / 4 = 89.5675 → 89.57.
    assert_eq!(
        c.index.each,
        ["91.24", "88.43", "86.25", "92.35"].map(|d| Some(dec(d)))
    );
    assert_eq!(c.index.before, Some(dec("89.57")));
    let item = |code: &str| c.items.iter().find(|l| l.code.as_str() == code).unwrap();
    let kinds = |code: &str| -> Vec<CauseKind> {
        item(code).causes.iter().map(|c| c.kind.clone()).collect()
    };
    // 1.1.2 gained a tier in 2025 (≥ 90% → 1.5): the rule changed.
    assert!(kinds("1.1.2").contains(&CauseKind::RuleChanged));
    // 7.4.1 is worth 0.5 in 2025, 1 in 2024: 1 → 0.5 for a met check.
    assert!(kinds("7.4.1").contains(&CauseKind::MaxChanged));
    assert_eq!(item("7.4.1").max, (Some(dec("1")), Some(dec("0.5"))));
    // 3.6.1's N/A policy went from full points to excluded.
    assert!(kinds("3.6.1").contains(&CauseKind::NaPolicyChanged));
    // 3.8.1 is new; 3.7.1 is gone: its points (0.5, 0.5, 0.5, 1) average 2.5 / 4 = 0.625
    // → 0.63, and it is worth 0 now.
    assert_eq!(kinds("3.8.1"), [CauseKind::New]);
    assert_eq!(item("3.8.1").points.before, None);
    assert_eq!(kinds("3.7.1"), [CauseKind::Removed]);
    assert_eq!(item("3.7.1").points.before, Some(dec("0.63")));
    // 8.4.1 is 1.7.1 through the map: moved, compared with its old code's points.
    assert!(kinds("1.7.1").contains(&CauseKind::Moved {
        from: "8.4.1".parse().unwrap()
    }));
    assert!(c.items.iter().all(|l| l.code.as_str() != "8.4.1"));
    // The sample left 3.2.1 without evidence in 2025: claimed without evidence, for every
    // predecessor whose claim had some.
    let ev = item("3.2.1")
        .causes
        .iter()
        .find(|c| c.kind == CauseKind::EvidenceMissing)
        .unwrap();
    assert_eq!(ev.units, ["NG-01", "NG-04", "NG-05", "NG-15"]);
    assert_eq!(item("3.2.1").points.after, Decimal::ZERO);
    // Without the map, 1.7.1 is new and 8.4.1 removed.
    let c = ninh_giang(false);
    let l = c.items.iter().find(|l| l.code.as_str() == "1.7.1").unwrap();
    assert_eq!(l.causes[0].kind, CauseKind::New);
    assert!(
        c.items
            .iter()
            .any(|l| l.code.as_str() == "8.4.1" && l.causes[0].kind == CauseKind::Removed)
    );
}

#[test]
fn a_batch_is_ordered_by_the_change_of_the_index() {
    let pool = [card("A-01", "2024", &[]), card("B-01", "2024", &[])];
    let now = [
        card("A-01", "2025", &["7.5.1"]), // −0.5
        card("B-01", "2025", &[]),        // 0
        card("C-01", "2025", &[]),        // no baseline
    ];
    let b = compare_batch(&now, &pool, None, None);
    let order: Vec<(&str, Option<Decimal>)> = b
        .units
        .iter()
        .map(|c| (c.unit.code.as_str(), c.index.change))
        .collect();
    assert_eq!(
        order,
        [("B-01", Some(dec("0"))), ("A-01", Some(dec("-0.5")))]
    );
    assert_eq!(b.without_baseline[0].code, "C-01");
    // A-01's largest area change is area 7: 9.5 → 9.
    let a = &b.units[1].largest_area_changes(3);
    assert_eq!(a.len(), 1);
    assert_eq!(
        (a[0].code.as_str(), a[0].points.change),
        ("7", Some(dec("-0.5")))
    );
    let md = b.md(par_index::Lang::En);
    assert!(md.contains("## Fell most"), "{md}");
    assert!(
        md.contains("| Xã Đồng Tâm (A-01) | 95.29 | 94.79 | -0.5 | 7 -0.5 |"),
        "{md}"
    );
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_par-index"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_compares_a_merged_commune_and_the_province() {
    let base = [
        "--survey",
        "examples/data/province/2025/survey.json",
        "--previous",
        "examples/data/province/2024",
        "--roster",
        "examples/data/province/roster.csv",
        "--map",
        "criteria/maps/commune-2024-to-2025.map.toml",
    ];
    let mut args = vec!["compare", "examples/data/province/2025/HP-X01.json"];
    args.extend(base);
    let o = run(&args);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("| Xã Nghĩa An (NG-04) | 2024 | commune-2024-model | 88,43 | Khá | 1 |"),
        "{out}"
    );
    assert!(out.contains("| Chỉ số CCHC | 89,57 |"), "{out}");
    assert!(
        out.contains("| 1.7.1 |") && out.contains("chuyển từ mã 8.4.1"),
        "{out}"
    );
    // The province: the five merged communes have a baseline, the others none.
    let mut args = vec!["compare", "examples/data/province/2025", "-l", "en"];
    args.extend(base);
    let o = run(&args);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("## Every unit with a previous result (5)"),
        "{out}"
    );
    // The 14 departments and 58 wards, communes and special zones were not merged.
    assert!(out.contains("## No previous result (72)"), "{out}");
    // A unit by code, and a unit not there.
    let mut args = vec![
        "compare",
        "examples/data/province/2025",
        "--unit",
        "hp-x02",
        "-f",
        "json",
    ];
    args.extend(base);
    let o = run(&args);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["basis"], "roster-weights");
    assert_eq!(json["predecessors"][0]["weight"], "0.3");
    // Printable: the same comparison as HTML.
    let mut args = vec![
        "compare",
        "examples/data/province/2025/HP-X01.json",
        "-f",
        "html",
    ];
    args.extend(base);
    let o = run(&args);
    let html = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<td>Xã Nghĩa An (NG-04)</td>"), "{html}");
    let mut args = vec!["compare", "examples/data/province/2025", "--unit", "XX-1"];
    args.extend(base);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no result of unit XX-1"));
}

#[test]
fn the_province_ranks_by_block_with_every_roster_unit_accounted_for() {
    let o = run(&[
        "rank",
        "examples/data/province/2025",
        "--survey",
        "examples/data/province/2025/survey.json",
        "--roster",
        "examples/data/province/roster.csv",
        "-f",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 14 departments, 24 wards, 37 of the 38 communes (HP-X38 has no self-assessment) and
    // the 2 special zones.
    let sizes: Vec<(String, usize)> = json["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["block"]["name"].as_str().unwrap().to_owned(),
                b["ranking"]["rows"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        sizes,
        [
            ("Khối sở, ngành".to_owned(), 14),
            ("Khối phường".to_owned(), 24),
            ("Khối xã, đặc khu".to_owned(), 39)
        ]
    );
    // Each block under its own methodology, with its areas; the whole list by index.
    assert_eq!(
        json["blocks"][0]["ranking"]["methodology"],
        "department-2025-model"
    );
    assert_eq!(
        json["blocks"][0]["ranking"]["areas"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
    assert_eq!(
        json["blocks"][1]["ranking"]["methodology"],
        "commune-2025-model"
    );
    assert_eq!(
        json["blocks"][1]["ranking"]["areas"]
            .as_array()
            .unwrap()
            .len(),
        9
    );
    assert_eq!(
        json["whole"]["methodology"],
        "commune-2025-model+department-2025-model"
    );
    assert_eq!(json["missing"][0]["code"], "HP-X38");
    assert_eq!(json["whole"]["rows"].as_array().unwrap().len(), 77);
    assert!(String::from_utf8_lossy(&o.stderr).contains("HP-X38"));
}

#[test]
fn the_whole_province_folder_ranks_with_last_years_scorecards_beside_it() {
    // `rank examples/data/province --roster …`: the 2024 scorecards in `2024/` are results,
    // named and not scored again; the survey file is named too (not given with --survey).
    let o = run(&[
        "rank",
        "examples/data/province",
        "--roster",
        "examples/data/province/roster.csv",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(
        err.matches("is a scorecard: a result, not scored again")
            .count(),
        22,
        "{err}"
    );
    assert!(
        err.contains("survey.json looks like a survey file"),
        "{err}"
    );
    assert!(
        err.contains("Xã Mao Điền (HP-X38) is on the roster and has no result"),
        "{err}"
    );
    let out = String::from_utf8_lossy(&o.stdout);
    for block in [
        "## Khối sở, ngành (14 đơn vị)",
        "## Khối phường (24 đơn vị)",
        "## Khối xã, đặc khu (39 đơn vị)",
    ] {
        assert!(out.contains(block), "{out}");
    }
}

#[test]
fn the_province_ranking_by_block_prints_and_opens_in_excel() {
    use calamine::Reader;
    let dir = std::env::temp_dir().join(format!("par-index-blocks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (xlsx, html) = (dir.join("blocks.xlsx"), dir.join("blocks.html"));
    for (format, out) in [("xlsx", &xlsx), ("html", &html)] {
        let o = run(&[
            "rank",
            "examples/data/province/2025",
            "--survey",
            "examples/data/province/2025/survey.json",
            "--roster",
            "examples/data/province/roster.csv",
            "-f",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let mut book = calamine::open_workbook::<calamine::Xlsx<_>, _>(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Tổng hợp",
            "Khối sở, ngành",
            "Khối phường",
            "Khối xã, đặc khu",
            "Toàn bộ",
            "Xếp loại",
            "Thống kê"
        ]
    );
    // The summary: units per block and in all (14 + 24 + 39 = 77), then the unit with no
    // result.
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    let col = |r: u32, c: u32| {
        summary
            .get_value((r, c))
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let counts: Vec<(String, String)> = (3..7).map(|r| (col(r, 0), col(r, 1))).collect();
    assert_eq!(
        counts,
        [
            ("Khối sở, ngành", "14"),
            ("Khối phường", "24"),
            ("Khối xã, đặc khu", "39"),
            ("Toàn bộ", "77")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(col(7, 2), "Xã Mao Điền (HP-X38)");
    // Each block's sheet has its units ranked from 1 (title, blank, header, then the rows).
    let wards = book.worksheet_range("Khối phường").unwrap();
    assert_eq!(wards.height(), 3 + 24);
    assert_eq!(wards.get_value((3, 0)).unwrap().to_string(), "1");
    let communes = book.worksheet_range("Khối xã, đặc khu").unwrap();
    assert_eq!(communes.height(), 3 + 39);
    let html = std::fs::read_to_string(&html).unwrap();
    // A new printed page per block and for the whole list.
    assert_eq!(html.matches("<h2 class=\"page\">").count(), 4);
    assert!(html.contains("<li>Xã Mao Điền (HP-X38)</li>"));
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------
// Hardening, round 3 (issue 23): only earlier results are a baseline, only verified
// scorecards are used, and the roster and map must make sense for the years compared.

#[test]
fn only_an_earlier_result_is_a_baseline() {
    let now = card("NG-01", "2025", &["7.5.1"]);
    // The same period, and a later one: neither is "the previous result".
    let same = card("NG-01", "2025", &[]);
    let later = card("NG-01", "2026", &[]);
    let c = compare(&now, &[same.clone(), later.clone()], None, None);
    assert_eq!(c.basis, BaselineKind::None);
    assert_eq!(c.index.before, None);
    // With an earlier one too, the earlier one is the baseline: 95.29 → 94.79.
    let c = compare(&now, &[same, later, card("NG-01", "2024", &[])], None, None);
    assert_eq!(c.predecessors[0].period, "2024");
    assert_eq!(c.index.change, Some(dec("-0.5")));
    // A roster's predecessor of the same year is no baseline either (and the roster is
    // refused for it by the command line: Roster::check_period).
    let r = Roster::from_csv_str(
        "code,name,kind,block,predecessors\nNG-01,Xã Đồng Tâm,xa,xa,NG-02@2025;NG-03@2024\n",
        None,
    )
    .unwrap();
    let pool = [card("NG-02", "2025", &[]), card("NG-03", "2024", &[])];
    let c = compare(&now, &pool, Some(&r), None);
    let codes: Vec<&str> = c
        .predecessors
        .iter()
        .map(|p| p.unit.code.as_str())
        .collect();
    assert_eq!(codes, ["NG-03"]);
    assert_eq!(r.check_period("2025").len(), 1);
}

#[test]
fn a_previous_scorecard_that_does_not_verify_is_not_used() {
    let dir = std::env::temp_dir().join(format!("par-index-prev-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let good = card("NG-01", "2024", &[]);
    let mut forged = card("NG-02", "2024", &[]);
    forged.index += Decimal::ONE; // edited by hand
    std::fs::write(dir.join("NG-01.json"), good.to_json()).unwrap();
    std::fs::write(dir.join("NG-02.json"), forged.to_json()).unwrap();
    let out = par_index::Options::new().read_results(&[&dir], None);
    assert_eq!(out.value.len(), 1);
    assert_eq!(out.value[0].unit.code, "NG-01");
    assert_eq!(out.failures.len(), 1);
    assert!(
        out.failures[0]
            .error
            .to_string()
            .contains("does not verify, so it is not used")
            && out.failures[0]
                .error
                .to_string()
                .contains("index: recorded"),
        "{}",
        out.failures[0].error
    );
    // Through the command line: the forged one is named, the others compared.
    let o = run(&[
        "compare",
        "examples/data/xa-dong-tam.json",
        "--previous",
        dir.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("NG-02.json: the scorecard does not verify"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_cli_refuses_a_roster_or_map_that_makes_no_sense_for_the_years_compared() {
    let dir = std::env::temp_dir().join(format!("par-index-roster-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // HP-X01 of 2025 listed as formed from itself in 2025.
    let roster = dir.join("roster.csv");
    std::fs::write(
        &roster,
        "code,name,kind,block,predecessors\nHP-X01,Xã Ninh Giang,xa,xa,HP-X01@2025;NG-04@2024\n",
    )
    .unwrap();
    let o = run(&[
        "compare",
        "examples/data/province/2025/HP-X01.json",
        "--previous",
        "examples/data/province/2024",
        "--roster",
        roster.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("unit HP-X01 lists HP-X01@2025 as a predecessor for the results of 2025: a unit cannot be its own predecessor"), "{err}");
    // A map naming a code neither methodology has.
    let map = dir.join("bad.map.toml");
    std::fs::write(
        &map,
        "[codes]\n\"8.4.1\" = \"1.7.1\"\n\"8.9.9\" = \"1.7.1\"\n",
    )
    .unwrap();
    let o = run(&[
        "compare",
        "examples/data/province/2025/HP-X01.json",
        "--previous",
        "examples/data/province/2024",
        "--map",
        map.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("8.9.9 is not an item of commune-2024-model"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
