//! Baselines: loading and validating the embedded methodology, reading the sample
//! submission, scoring it with the full trace and rendering it, hashing, verification, and
//! running the conformance corpus; with the floors the speed targets are ratios of (serde_json
//! parsing the same bytes into a `Value`). The side-by-side ratios against GoRules ZEN come from
//! `../shared/peers/zen/run.sh` (not part of the build).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use par_index::{Lang, Submission, catalog, methodology, report::Format, report::render, score};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let source = catalog::source(catalog::DEFAULT_ID).unwrap();
    c.bench_function("load embedded methodology", |b| {
        b.iter(|| methodology::load_str(black_box(source), None).unwrap())
    });
    let text = catalog::sample_source();
    c.bench_function("read sample submission", |b| {
        b.iter(|| Submission::from_json(black_box(text)).unwrap())
    });
    // The floor of reading: serde_json into a `Value`, the same bytes (issue 11 ratio 2).
    c.bench_function("floor: serde_json Value of the sample submission", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(text)).unwrap())
    });
    let m = catalog::default_methodology();
    let sub = Submission::from_json(text).unwrap();
    c.bench_function("score sample with trace", |b| {
        b.iter(|| score(black_box(m), black_box(&sub)).unwrap())
    });
    let card = score(m, &sub).unwrap();
    c.bench_function("render sample markdown", |b| {
        b.iter(|| render(black_box(&card), Format::Markdown, Lang::Vi))
    });
    c.bench_function("scorecard to json", |b| {
        b.iter(|| black_box(&card).to_json())
    });
    // The floor for writing: parsing the scorecard's own bytes into a `Value`.
    let card_json = card.to_json();
    c.bench_function("floor: serde_json Value of the sample scorecard", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&card_json)).unwrap())
    });
    c.bench_function("submission sha256", |b| b.iter(|| black_box(&sub).sha256()));
    c.bench_function("verify sample scorecard", |b| {
        b.iter(|| par_index::verify(black_box(&card), black_box(m)))
    });
    c.bench_function("conformance corpus (tests/cases)", |b| {
        b.iter(|| par_index::conformance::run(black_box(&["tests/cases"])))
    });
}

/// 10,000 communes: the sample with its measures varied by a fixed pseudo-random sequence,
/// so that scores and ranks differ (ties included).
fn communes(n: usize) -> Vec<(String, Submission)> {
    use par_index::methodology::Measure;
    use rust_decimal::Decimal;
    let base = par_index::catalog::sample_submission();
    let mut x: u64 = 0x2024;
    let mut next = move |k: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % k
    };
    (0..n)
        .map(|i| {
            let mut s = base.clone();
            s.unit.code = format!("C{i:05}");
            s.unit.name = format!("Xã số {i}");
            for a in s.answers.values_mut() {
                a.measure = match &a.measure {
                    Measure::Ratio { num, den } if !den.is_zero() => {
                        let cut = Decimal::from(next(20)) * *den / Decimal::from(100);
                        Measure::Ratio {
                            num: (*num - cut.floor()).max(Decimal::ZERO),
                            den: *den,
                        }
                    }
                    Measure::Satisfaction { .. } => Measure::Satisfaction {
                        satisfaction: Decimal::new(70 + next(31) as i64, 2),
                    },
                    Measure::Count { .. } => Measure::Count {
                        count: next(4) as u32,
                    },
                    Measure::Check { .. } => Measure::Check { met: next(10) > 0 },
                    other => other.clone(),
                };
            }
            (format!("c{i}.json"), s)
        })
        .collect()
}

fn batch(c: &mut Criterion) {
    let m = catalog::default_methodology();
    let inputs = communes(10_000);
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("score and rank 10,000 communes", |b| {
        b.iter(|| {
            let batch = par_index::batch::score_batch(
                m,
                black_box(inputs.clone()),
                Vec::new(),
                None,
                &mut |_, _| {},
            );
            par_index::batch::rank_batch(&batch, m)
        })
    });
    group.finish();
}

criterion_group!(scoring, benches, batch);
criterion_main!(scoring);
