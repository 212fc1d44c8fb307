//! Excel forms: the input as a workbook's bytes, and the input as the XML of one entry of a
//! real filled form (its first byte picks the entry). Read, checked and scored: never a
//! panic, every problem at a cell or naming the workbook, and a form that reads scores.
//! The laws of issue 23: notes are only of hidden answers, at a cell; a form that reads
//! reads the same twice (no state, no order); the same bytes as a roster workbook read or
//! fail, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};

fn score(bytes: &[u8]) {
    let m = par_index::catalog::default_methodology();
    let read = par_index::form::read_form(bytes);
    for n in &read.notes {
        assert_eq!(n.kind, par_index::ProblemKind::HiddenInput);
        assert!(n.cell.is_some(), "a note at its cell");
    }
    let again = par_index::form::read_form(bytes);
    assert_eq!(read.submission, again.submission);
    assert_eq!(read.problems.len(), again.problems.len());
    if let Ok(sub) = read.check(m) {
        let _ = par_index::score(m, &sub);
    }
    let _ = par_index::Roster::from_xlsx(bytes, Some("r.xlsx"));
}

fuzz_target!(|data: &[u8]| {
    score(data);
    let Some((pick, xml)) = data.split_first() else {
        return;
    };
    static FORM: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let form = FORM.get_or_init(|| {
        let sub = par_index::catalog::sample_submission();
        let t = par_index::form::Template::default().from(&sub);
        par_index::form::template(par_index::catalog::default_methodology(), &t).unwrap_or_default()
    });
    let Ok(mut zin) = zip::ZipArchive::new(std::io::Cursor::new(&form[..])) else {
        return;
    };
    let target = usize::from(*pick) % zin.len().max(1);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let Ok(mut file) = zin.by_index(i) else { return };
        let Ok(name) = file.name().map(|n| n.into_owned()) else { return };
        let mut content = Vec::new();
        if file.read_to_end(&mut content).is_err() {
            return;
        }
        if i == target {
            content = xml.to_vec();
        }
        if out.start_file(name, zip::write::SimpleFileOptions::default()).is_err()
            || out.write_all(&content).is_err()
        {
            return;
        }
    }
    if let Ok(c) = out.finish() {
        score(&c.into_inner());
    }
});
