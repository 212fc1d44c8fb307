//! Rosters (issue 13, first part): read from TOML and CSV with every problem located, and
//! `rank --roster`: each block ranked on its own, every roster unit accounted for, units not
//! on the roster refused unless included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod rendered;
use rendered::Rendered;

use par_index::{Roster, analysis::rank, analysis::rank_by_roster};

const CSV: &str = "\u{feff}code,name,kind,block,predecessors\r\n\
NG-01,Thị trấn Ninh Giang,phuong,Khối phường,\r\n\
ng-02,Xã Đồng Tâm,xa,Khối xã,NG-02@2024\r\n\
NG-03,Xã Kiến Quốc,xa,Khối xã,\r\n\
NG-04,Xã Nghĩa An,xa,Khối xã,\r\n\
NG-99,\"Phường Mới, hợp nhất\",phuong,Khối phường,NG-05@2024*0.5;NG-06@2024*0.5\r\n";

fn cards(codes: &[&str]) -> Vec<par_index::Scorecard> {
    let m = par_index::catalog::default_methodology();
    codes
        .iter()
        .map(|c| {
            let s = par_index::Submission::from_file(format!("examples/data/district/{c}.json"))
                .unwrap();
            par_index::score(m, &s).unwrap()
        })
        .collect()
}

#[test]
fn a_csv_roster_reads_with_its_blocks_and_predecessors() {
    let r = Roster::from_csv_str(CSV, Some("roster.csv")).unwrap();
    let blocks: Vec<&str> = r.blocks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(blocks, ["Khối phường", "Khối xã"]);
    assert_eq!(r.units.len(), 5);
    assert_eq!(r.units[4].name, "Phường Mới, hợp nhất");
    let p = &r.units[4].predecessors;
    assert_eq!((p[0].code.as_str(), p[0].year), ("NG-05", 2024));
    assert_eq!(p[1].weight, Some("0.5".parse().unwrap()));
    // The same roster in TOML reads to the same value.
    let toml = r#"
[[units]]
code = "NG-01"
name = "Thị trấn Ninh Giang"
kind = "phuong"
block = "Khối phường"
[[units]]
code = "ng-02"
name = "Xã Đồng Tâm"
kind = "xa"
block = "Khối xã"
predecessors = [{ code = "NG-02", year = 2024 }]
[[units]]
code = "NG-03"
name = "Xã Kiến Quốc"
kind = "xa"
block = "Khối xã"
[[units]]
code = "NG-04"
name = "Xã Nghĩa An"
kind = "xa"
block = "Khối xã"
[[units]]
code = "NG-99"
name = "Phường Mới, hợp nhất"
kind = "phuong"
block = "Khối phường"
predecessors = [{ code = "NG-05", year = 2024, weight = "0.5" }, { code = "NG-06", year = 2024, weight = "0.5" }]
"#;
    assert_eq!(Roster::from_toml_str(toml, None).unwrap(), r);
}

#[test]
fn every_problem_of_a_roster_is_located() {
    let toml = r#"title = "x"
[[blocks]]
id = "xa"
name = "Xã"
[[units]]
code = "A1"
name = "Xã A"
kind = "xa"
block = "phuong"
[[units]]
code = "a1"
name = "Xã A lần nữa"
kind = "xa"
block = "xa"
colour = "đỏ"
predecessors = [{ code = "B", year = 1800 }]
"#;
    let err = Roster::from_toml_str(toml, Some("r.toml"))
        .unwrap_err()
        .to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "r.toml:16:38: `units[1].predecessors[0].year`: 1800 is not a year from 1990 to 2100",
            "r.toml:15:10: `units[1].colour`: unknown key `colour` (expected one of: code, name, kind, block, predecessors)",
            "r.toml:10:1: `units[1].code`: unit a1 is on the roster twice (first as units[0])",
            "r.toml:5:1: `units[0].block`: block `phuong` is not declared (blocks: xa)",
        ],
        "{err}"
    );
    let csv = "code,name,kind,block\nX1,Xã Một,xa,\n\"X2,Xã Hai,xa,xa\n";
    let err = Roster::from_csv_str(csv, Some("r.csv"))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "r.csv:3:1: a quoted field is not closed");
}

#[test]
fn each_block_is_ranked_on_its_own_and_every_unit_is_accounted_for() {
    let r = Roster::from_csv_str(CSV, None).unwrap();
    let all = cards(&["NG-01", "NG-02", "NG-03", "NG-04", "NG-05"]);
    let whole = rank(&all);
    let b = rank_by_roster(&whole, &r, false);
    // A block's ranking is the ranking of its units' scorecards alone: Khối xã is NG-02,
    // NG-03, NG-04 (ranked by index: 66 > 62.25 > 35.37, so NG-02, NG-04, NG-03).
    let xa = rank(&[all[1].clone(), all[2].clone(), all[3].clone()]);
    let mut expected = xa.clone();
    expected.bands = b.blocks[1].ranking.bands.clone();
    assert_eq!(b.blocks[1].ranking.rows, expected.rows);
    let order: Vec<&str> = b.blocks[1]
        .ranking
        .rows
        .iter()
        .map(|r| r.unit.code.as_str())
        .collect();
    assert_eq!(order, ["NG-02", "NG-04", "NG-03"]);
    let counts: Vec<usize> = b.blocks[1].ranking.bands.iter().map(|x| x.count).collect();
    // Every band the whole ranking lists, empty ones with 0: here Trung bình and Kém (the
    // batch commands list every band of the methodology).
    assert_eq!(counts, [2, 1]);
    // Khối phường: NG-01 alone (NG-99 has no result).
    assert_eq!(b.blocks[0].ranking.rows.len(), 1);
    assert_eq!(b.blocks[0].ranking.rows[0].rank, 1);
    assert_eq!(
        b.missing
            .iter()
            .map(|u| u.code.as_str())
            .collect::<Vec<_>>(),
        ["NG-99"]
    );
    // NG-05 is not on the roster: listed, and not in the whole list.
    assert_eq!(
        b.unlisted
            .iter()
            .map(|u| u.code.as_str())
            .collect::<Vec<_>>(),
        ["NG-05"]
    );
    assert_eq!(b.whole.rows.len(), 4);
    // Included, it is ranked in the whole list (not in a block).
    let inc = rank_by_roster(&whole, &r, true);
    assert_eq!(inc.whole.rows.len(), 5);
    assert_eq!(
        inc.blocks
            .iter()
            .map(|x| x.ranking.rows.len())
            .sum::<usize>(),
        4
    );
}

#[test]
fn rank_with_a_roster_on_the_command_line() {
    let dir = std::env::temp_dir().join(format!("par-index-roster-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let roster = dir.join("roster.csv");
    std::fs::write(&roster, CSV).unwrap();
    let files: Vec<String> = (1..=5)
        .map(|i| format!("examples/data/district/NG-0{i}.json"))
        .collect();
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = vec!["rank"];
        args.extend(files.iter().map(String::as_str));
        args.extend(["--roster", roster.to_str().unwrap()]);
        args.extend(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_par-index"))
            .args(&args)
            .output()
            .unwrap()
    };
    let o = run(&[]);
    let out = String::from_utf8(o.stdout).unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(out.contains("## Khối xã (3 đơn vị)") && out.contains("## Khối phường (1 đơn vị)"));
    assert!(out.contains("- Phường Mới, hợp nhất (NG-99)"));
    assert!(
        err.contains("Xã Ứng Hòe (NG-05) is not on the roster: not ranked"),
        "{err}"
    );
    let o = run(&["--include-unlisted", "-f", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["whole"]["rows"].as_array().unwrap().len(), 5);
    assert_eq!(v["blocks"][1]["block"]["id"], "Khối xã");
}

#[cfg(feature = "xlsx")]
#[test]
fn a_roster_kept_in_excel_reads_with_problems_at_their_cells() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Danh sách").unwrap();
    let rows = [
        ["code", "name", "kind", "block", "predecessors"],
        ["NG-01", "Thị trấn Ninh Giang", "phuong", "Khối phường", ""],
        ["NG-02", "Xã Đồng Tâm", "xa", "Khối xã", "NG-02@2024"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let r = Roster::from_xlsx(&bytes, Some("r.xlsx")).unwrap();
    assert_eq!(r.units.len(), 2);
    assert_eq!(r.units[1].predecessors[0].code, "NG-02");
    // The same unit twice (row 4), and a unit without its name (cell B5 left empty).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Danh sách").unwrap();
    for (r, row) in rows
        .iter()
        .chain(
            [
                ["ng-01", "Lặp lại", "xa", "Khối xã", ""],
                ["NG-03", "", "xa", "Khối xã", ""],
            ]
            .iter(),
        )
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    let err = Roster::from_xlsx(&wb.save_to_buffer().unwrap(), Some("r.xlsx"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "r.xlsx: Danh sách!B5: `units[3].name`: must not be empty\n\
         r.xlsx: Danh sách!A4: `units[2].code`: unit ng-01 is on the roster twice (first as units[0])",
        "{err}"
    );
}

mod common;

/// A department at full marks under the embedded department-2025-model, as `code`, with
/// `changes` to its answers' measures.
fn department(code: &str, changes: &[(&str, serde_json::Value)]) -> par_index::Scorecard {
    let m = par_index::catalog::get("department-2025-model").unwrap();
    let mut answers = serde_json::Map::new();
    for leaf in m.leaves() {
        let mut a = common::full_answer(leaf.rule().unwrap(), &leaf.max().to_string());
        a["evidence"] = common::evidence(leaf.code().as_str());
        answers.insert(leaf.code().to_string(), a);
    }
    for (c, measure) in changes {
        let a = answers.get_mut(*c).unwrap();
        for (k, v) in measure.as_object().unwrap() {
            a[k] = v.clone();
        }
    }
    let doc = serde_json::json!({
        "methodology": "department-2025-model",
        "unit": {"code": code, "name": format!("Sở {code}")},
        "period": "2025",
        "answers": answers
    });
    par_index::score(m, &common::sub(&doc)).unwrap()
}

#[test]
fn departments_and_communes_are_ranked_in_their_blocks_under_their_own_methodologies() {
    use serde_json::json;
    // S-A: every item at full marks: 12 + 10 + 16 + 10 + 12 + 10 + 16 + 14 = 100 → Tốt.
    let a = department("S-A", &[]);
    // S-B: 3.2.1 96/100 ≥ 95% → 3 of 4 (−1); 5.4.1 one violation, 3 − 1 × 1 = 2 (−1): 98.
    let b = department(
        "S-B",
        &[
            ("3.2.1", json!({"num": 96, "den": 100})),
            ("5.4.1", json!({"count": 1})),
        ],
    );
    // S-C: 8.1.1 40% is under its floor of 50% → 0 of 6 (−6); 7.1.1 45% of a 90% target
    // → 4 × 45 / 90 = 2 (−2); 4.1.1 done late → 2 of 4 (−2); 4.2.1 not met → 0 of 3 (−3):
    // 100 − 13 = 87 → Khá (80 ≤ 87 < 90 in the department set).
    let c = department(
        "S-C",
        &[
            ("8.1.1", json!({"num": 40, "den": 100})),
            ("7.1.1", json!({"num": 45, "den": 100})),
            ("4.1.1", json!({"due": "2025-03-31", "done": "2025-04-15"})),
            ("4.2.1", json!({"met": false})),
        ],
    );
    for (card, total) in [(&a, "100"), (&b, "98"), (&c, "87")] {
        assert_eq!(card.total, common::dec(total), "{}", card.unit.code);
    }
    // The sample commune NG-01 under commune-2024-model: 95.29.
    let x = par_index::catalog::sample_scorecard();
    let roster = Roster::from_csv_str(
        "code,name,kind,block\nS-A,Sở A,so,Khối sở\nS-B,Sở B,so,Khối sở\nS-C,Sở C,so,Khối sở\nNG-01,Xã Đồng Tâm,xa,Khối xã\n",
        None,
    )
    .unwrap();
    let r =
        par_index::analysis::rank_by_roster_sets(&[rank(&[a, b, c]), rank(&[x])], &roster, false);
    let block = |i: usize| -> Vec<(usize, String, String)> {
        r.blocks[i]
            .ranking
            .rows
            .iter()
            .map(|x| (x.rank, x.unit.code.clone(), x.band.vi.clone()))
            .collect()
    };
    assert_eq!(
        block(0),
        [
            (1, "S-A".into(), "Tốt".into()),
            (2, "S-B".into(), "Tốt".into()),
            (3, "S-C".into(), "Khá".into())
        ]
    );
    assert_eq!(block(1), [(1, "NG-01".into(), "Tốt".into())]);
    // The department block keeps its eight areas and its own bands: Tốt 2, Khá 1 (`rank` of
    // scorecards lists the bands that occur; a batch lists every band of the set).
    let d = &r.blocks[0].ranking;
    assert_eq!(d.methodology, "department-2025-model");
    assert_eq!(d.areas.len(), 8);
    let counts: Vec<(&str, usize)> = d
        .bands
        .iter()
        .map(|b| (b.label.vi.as_str(), b.count))
        .collect();
    assert_eq!(counts, [("Tốt", 2), ("Khá", 1)]);
    // The whole list by index: 100, 98, 95.29, 87; no area columns.
    let whole: Vec<&str> = r.whole.rows.iter().map(|x| x.unit.code.as_str()).collect();
    assert_eq!(whole, ["S-A", "S-B", "NG-01", "S-C"]);
    assert!(r.whole.areas.is_empty());
    assert_eq!(
        r.whole.methodology,
        "department-2025-model+commune-2024-model"
    );
    assert!(r.md(par_index::Lang::En).contains(
        "The blocks are scored under different methodologies (department-2025-model, commune-2024-model): the whole list is ranked by index, not by area."
    ));
}

#[test]
fn rank_by_roster_scores_each_unit_against_the_methodology_it_names() {
    let dir = std::env::temp_dir().join(format!("par-index-sets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let roster = dir.join("roster.csv");
    std::fs::write(
        &roster,
        "code,name,kind,block\nSO-01,Sở Tám Lĩnh Vực,so,Khối sở\nNG-01,Xã Đồng Tâm,xa,Khối xã\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "rank",
            "tests/fixtures/shapes/department-8-37-88.sub.json",
            "examples/data/xa-dong-tam.json",
            "--roster",
            roster.to_str().unwrap(),
            "-f",
            "json",
        ];
        args.extend(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_par-index"))
            .args(&args)
            .output()
            .unwrap()
    };
    // A set that is not embedded, given with -m: the department is scored under it (full
    // marks, 100), the commune under the embedded set it names (95.29).
    let o = run(&["-m", "tests/fixtures/shapes/department-8-37-88.toml"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["blocks"][0]["ranking"]["rows"][0]["index"], "100");
    assert_eq!(
        json["blocks"][0]["ranking"]["methodology"],
        "department-8-37-88"
    );
    assert_eq!(json["blocks"][1]["ranking"]["rows"][0]["index"], "95.29");
    // Without it, the department names a set that is neither given nor embedded.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("unknown methodology `department-8-37-88`"),
        "{err}"
    );
    assert!(
        err.contains("SO-01") || err.contains("department-8-37-88.sub.json"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---------------------------------------------------------------------------------------
// Hardening, round 3 (issue 23): a roster that says nonsense is refused, at its place.

fn csv_problems(csv: &str) -> Vec<String> {
    Roster::from_csv_str(csv, Some("r.csv"))
        .unwrap_err()
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn predecessors_must_be_distinct_and_of_earlier_years() {
    // The roster of 2025: a unit as its own predecessor in 2025, a predecessor of the same
    // year (X1 and X2 each formed from the other: a cycle within the year), one from the
    // future, and one listed twice.
    let csv = "code,name,kind,block,predecessors,year\n\
X1,Xã Một,xa,xa,X1@2025,2025\n\
X2,Xã Hai,xa,xa,X1@2025,2025\n\
X3,Xã Ba,xa,xa,NG-01@2026,2025\n\
X4,Xã Bốn,xa,xa,NG-02@2024;ng-02@2024,2025\n\
X5,Xã Năm,xa,xa,X5@2024,2025\n";
    let problems = csv_problems(csv);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(
        problems[0].contains("ng-02@2024 is listed twice (first as predecessor 1)"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("unit X1 lists X1@2025")
            && problems[1].contains("its own predecessor"),
        "{}",
        problems[1]
    );
    assert!(
        problems[2].contains("unit X2 lists X1@2025") && problems[2].contains("same year"),
        "{}",
        problems[2]
    );
    assert!(
        problems[3].contains("unit X3 lists NG-01@2026") && problems[3].contains("earlier year"),
        "{}",
        problems[3]
    );
    // Each at its line: the first problem of the predecessors column of line 5.
    assert!(problems[0].starts_with("r.csv:5:"), "{}", problems[0]);
    assert!(problems[1].starts_with("r.csv:2:"), "{}", problems[1]);
    // X5@2024 for the roster of 2025 is the unit's own earlier self: accepted.
    // Without a year, the same roster is checked against the results it is used with.
    let no_year = csv.replace(",year", "").replace(",2025\n", "\n");
    let r = Roster::from_csv_str(&no_year.replace(";ng-02@2024", ""), None).unwrap();
    assert_eq!(r.year, None);
    assert_eq!(r.check_period("2025").len(), 3);
    assert_eq!(r.check_period("2027").len(), 0);
    // A year column that disagrees with itself.
    let two = "code,name,kind,block,year\nX1,Xã Một,xa,xa,2025\nX2,Xã Hai,xa,xa,2024\n";
    let p = csv_problems(two);
    assert!(
        p[0].contains("a roster lists the units of one year"),
        "{}",
        p[0]
    );
}

#[test]
fn weights_are_bounded_so_that_no_mean_overflows() {
    for (w, says) in [
        ("0", "greater than 0"),
        ("1000001", "at most 1000000"),
        ("0.0000000001", "at most 9 decimals"),
        ("79228162514264337593543950335", "at most 1000000"),
    ] {
        let csv = format!(
            "code,name,kind,block,predecessors\nX1,Xã Một,xa,xa,NG-01@2024*{w};NG-02@2024\n"
        );
        let p = csv_problems(&csv);
        assert_eq!(p.len(), 1, "{w}: {p:#?}");
        assert!(p[0].contains(says), "{w}: {}", p[0]);
    }
    // The largest weight allowed, on two predecessors of index 100: the mean is 100.
    let csv = "code,name,kind,block,predecessors\nX1,Xã Một,xa,xa,NG-01@2024*1000000;NG-02@2024*0.000000001\n";
    assert!(Roster::from_csv_str(csv, None).is_ok());
}

#[test]
fn a_csv_saved_with_cr_line_ends_reads_as_lines() {
    let mac = CSV.replace("\r\n", "\r");
    let r = Roster::from_csv_str(&mac, Some("roster.csv")).unwrap();
    assert_eq!(r.units.len(), 5);
    assert_eq!(r, Roster::from_csv_str(CSV, None).unwrap());
}

#[test]
fn a_roster_of_many_blocks_is_read_in_linear_work() {
    // 15,000 units, each in its own block, every block undeclared but one: each problem
    // names at most ten blocks (not all 15,000), and blocks are found by a set.
    let mut toml = String::from("[[blocks]]\nid = \"b0\"\nname = \"B0\"\n");
    for i in 0..15_000 {
        toml.push_str(&format!(
            "[[units]]\ncode = \"U{i}\"\nname = \"Đơn vị {i}\"\nkind = \"xa\"\nblock = \"b{i}\"\n"
        ));
    }
    let err = Roster::from_toml_str(&toml, None).unwrap_err();
    assert_eq!(err.problems().len(), 14_999);
    assert!(err.problems()[0].message.ends_with("(blocks: b0)"));
    let undeclared = toml.replacen("[[blocks]]\nid = \"b0\"\nname = \"B0\"\n", "", 1);
    assert_eq!(
        Roster::from_toml_str(&undeclared, None)
            .unwrap()
            .blocks
            .len(),
        15_000
    );
}

#[test]
fn a_roster_workbook_of_one_long_shared_string_is_refused_not_expanded() {
    let long = "x".repeat(30_000);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["code", "name", "kind", "block"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // 5,000 rows naming the same 30 kB text: 150 MB if each cell held a copy.
    for r in 1..=5000u32 {
        ws.write_string(r, 0, format!("X{r}")).unwrap();
        ws.write_string(r, 1, &long).unwrap();
        ws.write_string(r, 2, "xa").unwrap();
        ws.write_string(r, 3, "xa").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    assert!(bytes.len() < 2_000_000, "{}", bytes.len());
    let err = Roster::from_xlsx(&bytes, Some("r.xlsx")).unwrap_err();
    // Within the default limit of 64 MB it stops with a reason, naming the file.
    assert!(
        err.to_string().contains("counted each time a cell is used"),
        "{err}"
    );
}

#[test]
fn units_formed_from_each_other_are_a_cycle_whatever_the_year() {
    // No year given: A and B list each other for 2024, and C, D, E go round for 2024 too.
    // (A unit listing its own code for an earlier year is the unit before, not a cycle.)
    let csv = "code,name,kind,block,predecessors\n\
A,Xã A,xa,xa,B@2024;A@2024\n\
B,Xã B,xa,xa,A@2024\n\
C,Xã C,xa,xa,D@2024\n\
D,Xã D,xa,xa,E@2024\n\
E,Xã E,xa,xa,C@2024;NG-01@2024\n\
F,Xã F,xa,xa,A@2023\n";
    let problems = csv_problems(csv);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].contains("units formed from each other in 2024: A → B → A"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("units formed from each other in 2024: C → D → E → C"),
        "{}",
        problems[1]
    );
    // Listing each other for different years is no cycle (A of 2025 from B of 2024, B of
    // 2025 from A of 2023): it reads.
    let csv = "code,name,kind,block,predecessors\nA,Xã A,xa,xa,B@2024\nB,Xã B,xa,xa,A@2023\n";
    assert!(Roster::from_csv_str(csv, None).is_ok());
}
