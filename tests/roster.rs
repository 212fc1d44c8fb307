//! Rosters (issue 13, first part): read from TOML and CSV with every problem located, and
//! `rank --roster`: each block ranked on its own, every roster unit accounted for, units not
//! on the roster refused unless included.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use par_index::{Roster, rank, rank_by_roster};

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
