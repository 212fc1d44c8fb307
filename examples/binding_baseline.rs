//! The calls the Python binding makes, timed in Rust the same way `bindings/python/bench.py`
//! times them from Python (a warm-up, then the mean of many rounds), so that
//! `scripts/python-bench.sh` can print the binding's overhead as a ratio measured in one run.
//!
//! `cargo run --release --example binding_baseline [ROUNDS]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3000)
        .max(1);
    let text = std::fs::read_to_string("examples/data/xa-dong-tam.json")?;
    let m = par_index::catalog::get("commune-2024-model")?;
    let s = par_index::Submission::from_json(&text)?;
    let time = |what: &str, f: &dyn Fn() -> Result<(), par_index::Error>| {
        for _ in 0..rounds / 10 {
            f()?;
        }
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            f()?;
        }
        let per = start.elapsed() / rounds;
        let ns = per.as_nanos();
        println!("rust {what}: {}.{} µs", ns / 1000, ns % 1000 / 100);
        Ok::<(), par_index::Error>(())
    };
    time("score", &|| {
        std::hint::black_box(par_index::score(m, &s)?);
        Ok(())
    })?;
    // What `Submission.from_json` calls: read and check against the methodology named.
    time("from_json", &|| {
        let r = par_index::Options::new().check_submission_bytes(text.as_bytes(), "", &[]);
        std::hint::black_box(r.outcome?);
        Ok(())
    })?;
    Ok(())
}
