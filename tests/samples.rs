//! The bundled samples in `examples/data`: totals checked by hand, and snapshots of their
//! scorecards (JSON) and reports (Markdown, Vietnamese and English).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use par_index::{Lang, Submission, catalog, report::Format, report::render, score};
use rust_decimal::Decimal;

fn card(name: &str) -> par_index::Scorecard {
    let path = format!("{}/examples/data/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let sub = Submission::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    score(catalog::default_methodology(), &sub).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

/// (appraised, survey, bonus, penalty, total, applicable max, index, band)
fn assert_card(name: &str, want: [&str; 7], band: &str) {
    let c = card(name);
    let got = [
        c.appraised.points,
        c.survey.points,
        c.bonus.points,
        c.penalty.points,
        c.total,
        c.applicable_max,
        c.index,
    ];
    let want: Vec<Decimal> = want.iter().map(|s| d(s)).collect();
    assert_eq!(got.to_vec(), want, "{name}");
    assert_eq!(c.band.label.vi, band, "{name}");
}

#[test]
fn xa_dong_tam_strong() {
    // Area 1: 1.1.1 1 + 1.1.2 24/25 = 96% → 1 + 1.2.1 2 + 1.3.1 2 + 1.4.1 0.5 + 1.4.2 1.5
    //         + 1.5.1 1.5 + 1.6.1 1.25 = 10.75
    // Area 2: 6. Area 3: 3.1.1 2 + 3.2.1 1862/1900 = 98% → 3 + 3.2.2 0/0 N/A full → 1
    //         + 3.3.1 2 × 90/100 = 1.8 + 3.4.1 85% ≥ 80% → 1 + 3.4.2 1 × 44.2857/50 = 0.8857 → 0.89
    //         + 3.5.1 60.5% → 1.5 + 3.6.1 1.5 + 3.7.1 12 min → 1 = 13.69
    // Area 4: 5. Area 5: 2 + 1 + 1 + 5.3.1 2 × 22/24 = 1.8333 → 1.83 + 5.4.1 1.5 × 0.95 = 1.425 → 1.43
    //         + 1.5 = 8.76
    // Area 6: 7 (6.3.1 N/A full). Area 7: 7.1.1 73% ≥ 65% → 2 + 7.1.2 98% → 0.5 + 1.5 + 7.2.2 80% → 2.5
    //         + 1.5 + 1 + 0.5 = 9.5
    // Area 8: 8.1.1 106.8% → 2 + 8.2.1 3 × 17/18 = 2.8333 → 2.83 + 1 + 1 = 6.83
    // Appraised 10.75 + 6 + 13.69 + 5 + 8.76 + 7 + 9.5 + 6.83 = 67.53
    // Survey 6 × (0.92 + 0.88 + 0.90 + 0.91 + 0.85) = 6 × 4.46 = 26.76; bonus 1.
    // Total 67.53 + 26.76 + 1 = 95.29 of 100 → index 95.29, Tốt.
    assert_card(
        "xa-dong-tam",
        ["67.53", "26.76", "1", "0", "95.29", "100", "95.29"],
        "Tốt",
    );
}

#[test]
fn xa_kien_quoc_weak() {
    // Area 1: 1.1.1 late 0.5 + 1.1.2 60% 0 + 1.2.1 2 − 0.5 × 3 = 0.5 + 1.3.1 83% 0 + 1.4.1 0 + 1.4.2 60% 0
    //         + 1.5.1 0 + 1.6.1 0.5 = 1.5
    // Area 2: 2.1.1 80% → 1 + 0 + 2.2.2 33% 0 + 2.3.1 1 → 0.5 + 0 = 1.5
    // Area 3: 3.1.1 85.9% 0 + 3.2.1 88.75% → 1 + 3.2.2 33% 0 + 3.3.1 2 × 35/100 = 0.7
    //         + 3.4.1 1 × 30/80 = 0.375 → 0.38 + 3.4.2 1 × 14/50 = 0.28 + 3.5.1 31.25% 0 + 3.6.1 60% 0
    //         + 3.7.1 35 min 0 = 2.36
    // Area 4: 1.5 + 1 + 4.2.1 66.7% 0 + 4.3.1 not done 0 = 2.5
    // Area 5: 5.1.1 85% 0 + 5.2.1 1 + 5.2.2 late 0.5 + 5.3.1 41.7% < floor 0 + 5.4.1 1.5 × 0.8 = 1.2
    //         + 5.5.1 1.5 − 1 = 0.5 = 3.2
    // Area 6: 1 + 1 + 0 + 6.2.1 62% 0 + 6.3.1 75% 0 + 6.4.1 0.5 = 2.5
    // Area 7: 7.1.1 2 × 38.89/65 = 1.19658 → 1.20 + 7.1.2 85% 0 + 7.2.1 66.7% 0
    //         + 7.2.2 2.5 × 18.75/80 = 0.5859 → 0.59 + 7.3.1 1.5 × 0.6 = 0.9 + 7.4.1 1 + 7.5.1 0 = 3.69
    // Area 8: 8.1.1 90% 0 + 8.2.1 44.4% < floor 0 + 8.3.1 78.9% 0 + 8.4.1 0 = 0
    // Appraised 1.5 + 1.5 + 2.36 + 2.5 + 3.2 + 2.5 + 3.69 + 0 = 17.25
    // Survey 6 × (0.71 + 0.64 + 0.69 + 0.66 + 0.58) = 6 × 3.28 = 19.68; penalty 1.
    // Total 17.25 + 19.68 − 1 = 35.93 → Kém.
    assert_card(
        "xa-kien-quoc",
        ["17.25", "19.68", "0", "1", "35.93", "100", "35.93"],
        "Kém",
    );
}

#[test]
fn xa_nghia_an_not_applicable_both_policies() {
    // Excluded (exclude policy): 3.2.1 3 + 3.3.1 2 + 3.4.1 1 + 3.4.2 1 + 3.7.1 1 + 7.2.2 2.5 = 10.5
    // → applicable max 100 − 10.5 = 89.5, appraised applicable 70 − 10.5 = 59.5.
    // Full policy keeps max: 1.3.1 2, 2.2.2 1.5, 2.3.2 1, 3.2.2 1, 6.3.1 1, 8.3.1 1.
    // Lost: 3.1.1 124/128 = 96.9% → tier 2 = 1 (−1); 5.4.1 1.5 × 0.9 = 1.35 (−0.15).
    // Appraised 59.5 − 1 − 0.15 = 58.35; survey 26.76; total 85.11.
    // Index 100 × 85.11 / 89.5 = 95.0949… → 95.09, Tốt.
    assert_card(
        "xa-nghia-an",
        ["58.35", "26.76", "0", "0", "85.11", "89.5", "95.09"],
        "Tốt",
    );
}

#[test]
fn xa_ung_hoe_without_survey() {
    // Lost: 1.1.2 84% → 1 (−1); 3.2.1 90.58% → 2 (−1); 3.7.1 20 min → 0.5 (−0.5);
    // 5.3.1 2 × 62.5/100 = 1.25 (−0.75); 7.1.1 2 × 50/65 = 1.538 → 1.54 (−0.46);
    // 8.2.1 3 × 16/18 = 2.667 → 2.67 (−0.33).
    // Appraised 70 − 1 − 1 − 0.5 − 0.75 − 0.46 − 0.33 = 65.96; no survey: applicable max 70.
    // Index 100 × 65.96 / 70 = 94.2285… → 94.23, Tốt.
    assert_card(
        "xa-ung-hoe",
        ["65.96", "0", "0", "0", "65.96", "70", "94.23"],
        "Tốt",
    );
    assert!(!card("xa-ung-hoe").survey.held);
}

#[test]
fn xa_hong_du_unsupported_bonus_penalty() {
    // No evidence, no explanation → 0: 1.4.1 0.5, 2.3.2 1, 3.6.1 1.5, 4.1.2 1, 6.1.3 1, 7.5.1 0.5 (−5.5).
    // Explained without evidence keeps points: 1.5.1 value 1 → 1 (−0.5 for the tier), 7.4.1 1.
    // 7.3.1 1.5 × 0.9 = 1.35 (−0.15). Appraised 70 − 5.5 − 0.5 − 0.15 = 63.85.
    // Survey 26.76. Bonus 1.5 (evidence) + 1 (no evidence: not counted) = 1.5 ≤ cap 2.
    // Penalty 2 + 1.5 = 3.5 → cap 3. Total 63.85 + 26.76 + 1.5 − 3 = 89.11 → Khá.
    assert_card(
        "xa-hong-du",
        ["63.85", "26.76", "1.5", "3", "89.11", "100", "89.11"],
        "Khá",
    );
    let c = card("xa-hong-du");
    let flagged: Vec<String> = c
        .leaves()
        .filter(|l| l.trace.as_ref().unwrap().flags.unsupported)
        .map(|l| l.code.to_string())
        .collect();
    assert_eq!(
        flagged,
        ["1.4.1", "2.3.2", "3.6.1", "4.1.2", "6.1.3", "7.5.1"]
    );
}

#[test]
fn bundled_sample_is_xa_dong_tam() {
    assert_eq!(par_index::catalog::sample_scorecard(), card("xa-dong-tam"));
}

#[test]
fn snapshots_of_samples() {
    for name in [
        "xa-dong-tam",
        "xa-kien-quoc",
        "xa-nghia-an",
        "xa-ung-hoe",
        "xa-hong-du",
    ] {
        let c = card(name);
        insta::assert_snapshot!(format!("{name}.json"), c.to_json());
        insta::assert_snapshot!(
            format!("{name}.vi.md"),
            render(&c, Format::Markdown, Lang::Vi)
                .unwrap()
                .into_text()
                .unwrap()
        );
        insta::assert_snapshot!(
            format!("{name}.en.md"),
            render(&c, Format::Markdown, Lang::En)
                .unwrap()
                .into_text()
                .unwrap()
        );
    }
    insta::assert_snapshot!(
        "xa-dong-tam.vi.txt",
        render(&card("xa-dong-tam"), Format::Text, Lang::Vi)
            .unwrap()
            .into_text()
            .unwrap()
    );
    insta::assert_snapshot!(
        "xa-hong-du.items.vi.md",
        par_index::report::render_items(&card("xa-hong-du"), Format::Markdown, Lang::Vi)
    );
}
