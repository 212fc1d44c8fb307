//! Folder batches: the input cut at NUL bytes into up to six files (JSON of any kind, a
//! nested folder, a link back to the folder), read, scored and ranked as `rank` does. Never
//! a panic, every file accounted for (a unit or a failure), and the ranking's renderings run.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("par-index-fuzz-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if std::fs::create_dir_all(dir.join("sub")).is_err() {
        return;
    }
    #[cfg(unix)]
    let _ = std::os::unix::fs::symlink(&dir, dir.join("sub/loop"));
    for (i, part) in data.split(|b| *b == 0).take(6).enumerate() {
        let name = if i % 2 == 0 {
            format!("u{i}.json")
        } else {
            format!("sub/u{i}.JSON")
        };
        let _ = std::fs::write(dir.join(name), part);
    }
    let m = par_index::catalog::default_methodology();
    let batch = par_index::Options::new().methodology(m).read_batch(&[&dir], None, &mut |_, _| {});
    let ranking = par_index::batch::rank_batch(&batch, m);
    let _ = ranking.to_markdown(par_index::Lang::Vi);
    let _ = ranking.to_csv();
    let _ = ranking.to_json();
    let _ = par_index::analysis::batch_gaps(
        &batch
            .units
            .iter()
            .filter_map(|u| u.latest().map(|s| s.card.clone()))
            .collect::<Vec<_>>(),
    );
    let _ = std::fs::remove_dir_all(&dir);
});
