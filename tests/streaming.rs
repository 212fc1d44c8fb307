//! Batches ranked as they are scored (`Options::rank_files`) give the ranking of the whole
//! batch read first (`read_batch` then `rank_batch`): with stages, a survey file, failures
//! of every kind, and units that differ only by the order their files are read in.

use par_index::{Options, SurveyFile, batch::rank_batch, catalog};
use std::path::PathBuf;

fn both(paths: &[PathBuf], survey: Option<&SurveyFile>) {
    both_with(Options::new(), paths, survey);
}

fn both_with(options: Options<'_>, paths: &[PathBuf], survey: Option<&SurveyFile>) {
    let batch = options.read_batch(paths, survey, &mut |_, _| {});
    let whole = rank_batch(&batch, catalog::default_methodology());
    let streamed = options.rank_files(paths, survey, &mut |_, _| {});
    if streamed.value.methodology.is_empty() {
        // Nothing read, no methodology known: no bands to list (the tool then lists the
        // default's); the rest is the same.
        assert_eq!(streamed.value.rows, whole.rows);
        assert_eq!(streamed.value.failures, whole.failures);
    } else {
        assert_eq!(streamed.value, whole);
    }
    assert_eq!(streamed.notes, batch.notes);
    assert_eq!(streamed.failures, batch.failures);
    let cards: Vec<_> = batch
        .units
        .iter()
        .filter_map(|u| u.latest())
        .map(|s| s.card.clone())
        .collect();
    let gaps = options.gaps_files(paths, survey, &mut |_, _| {});
    assert_eq!(gaps.value, par_index::analysis::batch_gaps(&cards));
    assert_eq!(gaps.failures, batch.failures);
}

#[test]
fn the_district_with_stages_and_survey_ranks_the_same_streamed() {
    let survey = SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    let d = PathBuf::from("examples/data/district");
    both(std::slice::from_ref(&d), Some(&survey));
    both(std::slice::from_ref(&d), None);
    // 22 units, ranks 1.. with the survey: hand-checkable shape.
    let r = Options::new()
        .rank_files(&[d], Some(&survey), &mut |_, _| {})
        .value;
    assert_eq!(r.rows.len(), 22);
    assert_eq!(r.bands.iter().map(|b| b.count).sum::<usize>(), 22);
    assert!(r.failures.is_empty());
}

#[test]
fn failures_duplicates_and_stray_stages_are_reported_the_same_streamed() {
    let dir = std::env::temp_dir().join(format!("par-index-streaming-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(from, dir.join(to)).unwrap();
    copy("examples/data/district/NG-01.json", "a.json");
    copy("examples/data/district/NG-01.json", "b-same-unit.json");
    copy("examples/data/district/NG-02.json", "c.json");
    copy(
        "examples/data/district/appraisals/NG-05.appraisal-1.json",
        "d-stage-without-unit.json",
    );
    std::fs::write(dir.join("e-broken.json"), "{\"answers\": ").unwrap();
    std::fs::write(dir.join("f-unknown.json"), "{\"methodology\": \"commune-2024-model\", \"unit\": {\"code\": \"Z\", \"name\": \"Z\"}, \"period\": \"2024\", \"answers\": {}, \"extra\": 1}").unwrap();
    let paths = [dir.clone()];
    both(&paths, None);
    let r = Options::new()
        .rank_files(&paths, None, &mut |_, _| {})
        .value;
    assert_eq!(r.rows.len(), 2);
    // The second copy of NG-01, the stage of a unit not in the batch, the broken file and
    // the unknown key: four failures.
    assert_eq!(r.failures.len(), 4, "{:#?}", r.failures);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_empty_batch_ranks_nothing_streamed() {
    let dir =
        std::env::temp_dir().join(format!("par-index-streaming-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let r = Options::new()
        .rank_files(std::slice::from_ref(&dir), None, &mut |_, _| {})
        .value;
    assert!(r.rows.is_empty());
    assert!(!r.failures.is_empty(), "an empty folder is reported");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A folder of every kind of input at once: an array of submissions, a unit given twice in
/// different case, a scorecard, a survey file, a submission for another methodology.
#[test]
fn every_kind_of_input_streams_as_it_reads() {
    let dir =
        std::env::temp_dir().join(format!("par-index-streaming-kinds-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let read = |p: &str| std::fs::read_to_string(p).unwrap();
    let a = read("examples/data/district/NG-03.json");
    let b = read("examples/data/district/NG-04.json");
    std::fs::write(dir.join("a-array.json"), format!("[{a}, {b}]")).unwrap();
    let lower = read("examples/data/district/NG-05.json").replace("\"NG-05\"", "\"ng-03\"");
    std::fs::write(dir.join("b-lower.json"), lower).unwrap();
    let card = par_index::score(
        catalog::default_methodology(),
        &catalog::sample_submission(),
    )
    .unwrap();
    std::fs::write(dir.join("c-card.json"), card.to_json()).unwrap();
    std::fs::copy(
        "examples/data/district/survey.json",
        dir.join("d-survey.json"),
    )
    .unwrap();
    let other =
        read("examples/data/district/NG-06.json").replace("commune-2024-model", "other-set");
    std::fs::write(dir.join("e-other.json"), other).unwrap();
    std::fs::copy(
        "examples/data/district/appraisals/NG-04.appraisal-1.json",
        dir.join("f-stage.json"),
    )
    .ok();
    let paths = [dir.clone()];
    both(&paths, None);
    // Limits: a batch over the units or the bytes it may have is refused whole.
    for limits in [
        par_index::Limits::default().batch_units(2),
        par_index::Limits::default().batch_bytes(20_000),
    ] {
        both_with(Options::new().limits(limits), &paths, None);
        let r = Options::new()
            .limits(limits)
            .rank_files(&paths, None, &mut |_, _| {});
        assert!(
            r.value.rows.is_empty() && r.failures.len() == 1,
            "{:#?}",
            r.failures
        );
    }
    // The first self-assessment names a methodology not embedded: nothing is scored.
    let first =
        read("examples/data/district/NG-07.json").replace("commune-2024-model", "no-such-set");
    std::fs::write(dir.join("0-first.json"), first).unwrap();
    both(&paths, None);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `read_batch` streams its files; `score_batch` scores submissions and stages given in
/// memory. The same inputs give the same batch.
#[test]
fn a_folder_streamed_scores_as_its_files_given_in_memory() {
    let survey = SurveyFile::from_file("examples/data/district/survey.json").unwrap();
    let dir = std::path::Path::new("examples/data/district");
    let mut subs = Vec::new();
    let mut stages = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("appraisals")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    for p in names {
        let shown = p.display().to_string();
        if p.starts_with(dir.join("appraisals")) {
            let mut s = par_index::Stage::from_file(&p).unwrap();
            s.source.file = Some(shown.clone());
            stages.push((shown, s));
        } else if let Ok(s) = par_index::Submission::from_file(&p) {
            subs.push((shown, s));
        }
    }
    let m = catalog::default_methodology();
    let given = par_index::batch::score_batch(m, subs, stages, Some(&survey), &mut |_, _| {});
    let read = par_index::Options::new().read_batch(&[dir], Some(&survey), &mut |_, _| {});
    assert_eq!(read.units.len(), 22);
    assert_eq!(read.units, given.units);
    assert_eq!(read.failures, given.failures);
}

/// Self-assessments are scored as they are read when the methodology is known from the first
/// one that reads (here after a broken file); a unit whose stage file comes later is scored
/// again with it. The result is the whole batch's.
#[test]
fn a_unit_read_before_its_stages_is_scored_with_them() {
    let dir =
        std::env::temp_dir().join(format!("par-index-streaming-later-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("0-broken.json"), "{\"answers\": ").unwrap();
    let copy = |from: &str, to: &str| std::fs::copy(from, dir.join(to)).unwrap();
    copy("examples/data/district/NG-05.json", "1-ng05.json");
    copy("examples/data/district/NG-01.json", "2-ng01.json");
    copy(
        "examples/data/district/appraisals/NG-05.appraisal-1.json",
        "3-ng05-stage.json",
    );
    let paths = [dir.clone()];
    both(&paths, None);
    let r = Options::new()
        .rank_files(&paths, None, &mut |_, _| {})
        .value;
    assert_eq!(r.rows.len(), 2);
    assert_eq!(r.failures.len(), 1, "{:#?}", r.failures);
    // The appraised scorecard of NG-05 is the one ranked, not its self-assessment.
    let ng05 = |r: &par_index::analysis::Ranking| {
        r.rows
            .iter()
            .find(|row| row.unit.code == "NG-05")
            .cloned()
            .unwrap()
    };
    let staged = ng05(&r);
    std::fs::remove_file(dir.join("3-ng05-stage.json")).unwrap();
    let unstaged = ng05(
        &Options::new()
            .rank_files(&paths, None, &mut |_, _| {})
            .value,
    );
    assert_ne!(
        (staged.total, staged.appraised),
        (unstaged.total, unstaged.appraised)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
