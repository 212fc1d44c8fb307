//! Baselines: loading and validating the embedded methodology, reading the sample
//! submission, scoring it with the full trace and rendering it, hashing, verification, and
//! running the conformance corpus.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use par_index::{Format, Lang, Submission, catalog, load_methodology_str, render, score};
use std::hint::black_box;

fn benches(c: &mut Criterion) {
    let source = catalog::source(catalog::DEFAULT_ID).unwrap();
    c.bench_function("load embedded methodology", |b| {
        b.iter(|| load_methodology_str(black_box(source), None).unwrap())
    });
    let text = catalog::sample_source();
    c.bench_function("read sample submission", |b| {
        b.iter(|| Submission::from_json(black_box(text)).unwrap())
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
    c.bench_function("submission sha256", |b| b.iter(|| black_box(&sub).sha256()));
    c.bench_function("verify sample scorecard", |b| {
        b.iter(|| par_index::verify(black_box(&card), black_box(m)))
    });
    c.bench_function("conformance corpus (tests/cases)", |b| {
        b.iter(|| par_index::conformance::run(black_box(&["tests/cases"])))
    });
}

criterion_group!(scoring, benches);
criterion_main!(scoring);
