//! `methodology diff` (issue 13, part 3): what changed between two sets, by hand-made
//! edits of the commune set whose effects are known.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod rendered;
use rendered::Rendered;

use par_index::{catalog, methodology, methodology::ItemChangeKind, methodology::read_code_map};

fn commune() -> String {
    catalog::source("commune-2024-model").unwrap().to_owned()
}

/// B: 3.2.2 moved to 3.2.3 and worth 2 (was 1), so criterion 3.2 is worth 5 (was 4), area 3
/// 15 (was 14) and the set 101 (was 100); bonus cap 3 (was 2); a new id and year.
fn b_text() -> String {
    let t = commune()
        .replace("id = \"commune-2024-model\"", "id = \"commune-2025-model\"")
        .replace("year = 2024", "year = 2025")
        .replace("max = 100\n", "max = 101\n")
        .replace("bonus_cap = 2", "bonus_cap = 3")
        .replace("code = \"3\"\ntitle = { vi = \"Cải cách thủ tục hành chính\", en = \"Administrative-procedure reform\" }\nmax = 14", "code = \"3\"\ntitle = { vi = \"Cải cách thủ tục hành chính\", en = \"Administrative-procedure reform\" }\nmax = 15")
        .replace("code = \"3.2\"\ntitle = { vi = \"Kết quả giải quyết TTHC\", en = \"Results of handling procedures\" }\nmax = 4", "code = \"3.2\"\ntitle = { vi = \"Kết quả giải quyết TTHC\", en = \"Results of handling procedures\" }\nmax = 5");
    let i = t.find("code = \"3.2.2\"").unwrap();
    let (head, tail) = t.split_at(i);
    let tail = tail
        .replacen("code = \"3.2.2\"", "code = \"3.2.3\"", 1)
        .replacen("max = 1\n", "max = 2\n", 1)
        .replacen(
            "tiers = [{ at = 100, points = 1 }]",
            "tiers = [{ at = 100, points = 2 }]",
            1,
        );
    format!("{head}{tail}")
}

#[test]
fn a_diff_says_what_changed_and_its_effect_on_each_area() {
    let a = catalog::default_methodology();
    let b = methodology::load_str(&b_text(), None).unwrap();
    let d = methodology::diff(a, &b, &Default::default());
    let settings: Vec<(&str, &str, &str)> = d
        .settings
        .iter()
        .map(|s| (s.field.as_str(), s.before.as_str(), s.after.as_str()))
        .collect();
    // The survey's share: 30 of 100 = 30%, then 30 of 101 = 29.702…% → 29.7%.
    assert_eq!(
        settings,
        [
            ("year", "2024", "2025"),
            ("max", "100", "101"),
            ("bonus_cap", "2", "3"),
            ("survey_share", "30%", "29.7%"),
        ]
    );
    // Area 3: 14 → 15; the others unchanged.
    let area3 = d.areas.iter().find(|x| x.code.as_str() == "3").unwrap();
    assert_eq!((area3.before, area3.after), (14.into(), 15.into()));
    assert!(
        d.areas
            .iter()
            .filter(|x| x.code.as_str() != "3")
            .all(|x| x.before == x.after)
    );
    // Items: area 3 and criterion 3.2 changed their max; 3.2.2 is found again as 3.2.3 by
    // its title (moved), with its max and rule changed.
    let items: Vec<(&str, ItemChangeKind, Vec<&str>)> = d
        .items
        .iter()
        .map(|i| {
            (
                i.code.as_str(),
                i.kind,
                i.fields.iter().map(|f| f.field.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            ("3", ItemChangeKind::Changed, vec!["max"]),
            ("3.2", ItemChangeKind::Changed, vec!["max"]),
            ("3.2.3", ItemChangeKind::Moved, vec!["max", "rule"]),
        ]
    );
    assert_eq!(d.items[2].from.as_ref().unwrap().as_str(), "3.2.2");
    // The Markdown says it in words; the CSV a line per field.
    let md = d.md(par_index::Lang::Vi);
    assert!(
        md.contains("| 3 | Cải cách thủ tục hành chính | 14 | 15 | +1 |"),
        "{md}"
    );
    assert!(md.contains("chuyển mã (từ 3.2.2)"));
    let csv = d.csv();
    assert!(csv.contains("3.2.3,3.2.2,moved,max,1,2\r\n"), "{csv}");
}

#[test]
fn a_code_map_says_where_items_went() {
    let a = catalog::default_methodology();
    // B: 3.2.2 renamed and moved to 3.2.3 (so its title cannot find it).
    let text = b_text().replace(
        "title = { vi = \"Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi người dân\"",
        "title = { vi = \"Tỷ lệ hồ sơ trễ hạn được xin lỗi bằng văn bản\"",
    );
    let b = methodology::load_str(&text, None).unwrap();
    let without = methodology::diff(a, &b, &Default::default());
    let kinds: Vec<(&str, ItemChangeKind)> = without
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.kind))
        .collect();
    assert!(kinds.contains(&("3.2.2", ItemChangeKind::Removed)));
    assert!(kinds.contains(&("3.2.3", ItemChangeKind::Added)));
    let map = read_code_map("[codes]\n\"3.2.2\" = \"3.2.3\"\n", None).unwrap();
    let with = methodology::diff(a, &b, &map);
    let moved = with
        .items
        .iter()
        .find(|i| i.code.as_str() == "3.2.3")
        .unwrap();
    assert_eq!(moved.kind, ItemChangeKind::Moved);
    let fields: Vec<&str> = moved.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["title", "max", "rule"]);
    // Two A items mapped to one B item: an error at the second.
    let err = read_code_map(
        "[codes]\n\"3.2.1\" = \"3.2.3\"\n\"3.2.2\" = \"3.2.3\"\n",
        Some("m.toml"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "m.toml:3:11: item 3.2.2: `codes.3.2.2`: 3.2.1 and 3.2.2 both map to 3.2.3"
    );
}

#[test]
fn methodology_diff_on_the_command_line() {
    let dir = std::env::temp_dir().join(format!("par-index-mdiff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let b = dir.join("b.toml");
    std::fs::write(&b, b_text()).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_par-index"))
        .args([
            "methodology",
            "diff",
            "commune-2024-model",
            b.to_str().unwrap(),
            "-f",
            "csv",
        ])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with("code,from,change,field,before,after\r\n,,setting,year,2024,2025\r\n"),
        "{out}"
    );
}

#[test]
fn an_office_inherited_from_the_area_changes_on_the_area_line_only() {
    let a = catalog::default_methodology();
    // Area 3's office renamed; 7.2 (which names its own office, the one area 3 had) given
    // another one.
    let text = commune()
        .replace(
            "max = 14\noffice = { vi = \"Văn phòng HĐND&UBND\"",
            "max = 14\noffice = { vi = \"Trung tâm Phục vụ hành chính công\"",
        )
        .replace(
            "# The plan shares area 7 with the office in charge of procedures.\noffice = { vi = \"Văn phòng HĐND&UBND\"",
            "# The plan shares area 7 with the office in charge of procedures.\noffice = { vi = \"Bộ phận Một cửa\"",
        );
    let b = methodology::load_str(&text, None).unwrap();
    let d = methodology::diff(a, &b, &Default::default());
    let offices: Vec<(&str, &str, &str)> = d
        .items
        .iter()
        .flat_map(|i| {
            i.fields
                .iter()
                .filter(|f| f.field == "office")
                .map(move |f| (i.code.as_str(), f.before.as_str(), f.after.as_str()))
        })
        .collect();
    // Area 3 on its own line; 3.1 … 3.7.1 inherit it and are not repeated. 7.2 and its two
    // items had their own office (7.2's): each of them changed.
    assert_eq!(
        offices,
        [
            (
                "3",
                "Văn phòng HĐND&UBND",
                "Trung tâm Phục vụ hành chính công"
            ),
            ("7.2", "Văn phòng HĐND&UBND", "Bộ phận Một cửa"),
            ("7.2.1", "Văn phòng HĐND&UBND", "Bộ phận Một cửa"),
            ("7.2.2", "Văn phòng HĐND&UBND", "Bộ phận Một cửa"),
        ]
    );
}

/// Every word of the Markdown in the reader's language (issue 24): the settings and fields
/// by name, maxima as the language writes decimals, falls with a true minus sign; the CSV
/// keeps the data's keys and decimals for programs.
#[test]
fn the_diff_says_every_word_in_its_language() {
    let a = par_index::catalog::get("commune-2024-model").unwrap();
    let b = par_index::catalog::get("commune-2025-model").unwrap();
    let d = par_index::methodology::diff(a, b, &Default::default());
    let vi = d.md(par_index::Lang::Vi);
    // The year of the set: 2024 → 2025.
    assert!(vi.contains("| năm | 2024 | 2025 |"), "{vi}");
    // 7.4's maximum halves: 1 → 0.5, written 0,5 in Vietnamese.
    assert!(
        vi.contains("| 7.4 | Trang thông tin điện tử | sửa đổi | điểm tối đa | 1 | 0,5 |"),
        "{vi}"
    );
    // Area 8 goes from 7 to 6: a change of −1 (U+2212), as the appraisal minute writes it.
    assert!(vi.contains("| 7 | 6 | −1 |"), "{vi}");
    for key in ["| year |", "| max |", "| rule |", "| 0.5 |", " | -1 |"] {
        assert!(!vi.contains(key), "{key} in {vi}");
    }
    let en = d.md(par_index::Lang::En);
    assert!(
        en.contains("| year | 2024 | 2025 |") && en.contains("| maximum | 1 | 0.5 |"),
        "{en}"
    );
    let csv = d.csv();
    assert!(csv.contains(",setting,year,2024,2025\r\n"), "{csv}");
    assert!(csv.contains("7.4,,changed,max,1,0.5\r\n"), "{csv}");
}
