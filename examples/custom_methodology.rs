//! Write a small methodology in TOML, build a submission in Rust, and score it: the way a
//! provincial portal embeds par-index.
//!
//! ```sh
//! cargo run --example custom_methodology
//! ```

use std::collections::BTreeMap;

use par_index::{
    Submission, methodology, methodology::Measure, score, submission::Answer, submission::Evidence,
    submission::Unit,
};

const METHODOLOGY: &str = r#"
id = "demo-2025"
title = { vi = "Bộ tiêu chí minh họa", en = "Demo methodology" }
level = "commune"
year = 2025
max = 10
evidence_policy = "zero"
bonus_cap = 0
penalty_cap = 0

[provenance]
derived_from = "the par-index example"
note = "for demonstration only"

[[bands]]
label = { vi = "Đạt", en = "Pass" }
min = 50

[[bands]]
label = { vi = "Chưa đạt", en = "Fail" }
min = 0

[[areas]]
code = "1"
title = { vi = "Thủ tục hành chính", en = "Administrative procedures" }
max = 10
office = { vi = "Văn phòng", en = "Office" }

[[items]]
code = "1.1"
title = { vi = "Hồ sơ đúng hạn", en = "Files on time" }
max = 6
rule = { kind = "tiers", on = "ratio", tiers = [{ at = 95, points = 6 }, { at = 85, points = 3 }] }

[[items]]
code = "1.2"
title = { vi = "Hồ sơ trực tuyến", en = "Files online" }
max = 4
rule = { kind = "proportional", target = 80 }
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let methodology = methodology::load_str(METHODOLOGY, Some("demo.toml"))?;
    let report = Evidence {
        number: "15/BC-UBND".into(),
        date: "2025-12-15".parse()?,
        issuer: "UBND xã Minh Họa".into(),
        title: "Báo cáo kết quả giải quyết TTHC năm 2025".into(),
        locator: None,
        link: None,
    };
    let mut answers = BTreeMap::new();
    answers.insert(
        "1.1".parse()?,
        Answer {
            evidence: vec![report.clone()],
            ..Answer::new(Measure::Ratio {
                num: 912.into(),
                den: 1000.into(),
            })
        },
    );
    answers.insert(
        "1.2".parse()?,
        Answer {
            evidence: vec![report],
            ..Answer::new(Measure::Ratio {
                num: 300.into(),
                den: 1000.into(),
            })
        },
    );
    let submission = Submission {
        methodology: "demo-2025".into(),
        unit: Unit {
            code: "MH-01".into(),
            name: "Xã Minh Họa".into(),
        },
        period: "2025".into(),
        survey_held: true,
        answers,
        bonus: vec![],
        penalty: vec![],
    };
    let card = score(&methodology, &submission)?;
    // 1.1: 91.2% ≥ 85% → 3. 1.2: 4 × 30 / 80 = 1.5. Total 4.5 of 10 → index 45 → Chưa đạt.
    for leaf in card.leaves() {
        let detail = leaf
            .trace
            .as_ref()
            .map(|t| {
                par_index::report::words::describe_leaf(
                    &t.rule,
                    leaf.max,
                    t.measure.as_ref(),
                    &t.branch,
                    par_index::Lang::En,
                )
            })
            .unwrap_or_default();
        println!("{} {} / {}: {detail}", leaf.code, leaf.points, leaf.max);
    }
    println!(
        "total {} of {}, index {}, band {}",
        card.total, card.applicable_max, card.index, card.band.label.vi
    );
    Ok(())
}
