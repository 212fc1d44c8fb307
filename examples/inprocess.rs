//! What `POST /v1/score` costs without HTTP: read the sample's bytes, check them against the
//! methodology, score, write the JSON; `scripts/load.sh` prints it beside the server's
//! figures, measured in the same run.
//!
//! `cargo run --release --example inprocess [ROUNDS]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000)
        .max(1);
    let bytes = std::fs::read("examples/data/xa-dong-tam.json")?;
    let once = || -> Result<(), par_index::Error> {
        let read = par_index::Options::new().check_submission_bytes(&bytes, "request body", &[]);
        let checked = read.outcome?;
        let card = par_index::score(checked.methodology, &checked.submission)?;
        let out =
            par_index::report::render(&card, par_index::report::Format::Json, par_index::Lang::Vi)?;
        std::hint::black_box(out);
        Ok(())
    };
    for _ in 0..rounds / 10 {
        once()?;
    }
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        once()?;
    }
    let per = start.elapsed() / rounds;
    println!(
        "in-process read + score + JSON: {} µs per request",
        per.as_micros()
    );
    Ok(())
}
