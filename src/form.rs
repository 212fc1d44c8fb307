//! The Excel form: written from a methodology ([`template`], filled from an existing
//! self-assessment or blank) and read back ([`read_form`]) with every problem at its sheet
//! and cell. The layout and the reading rules (numbers, dates, merged cells) are in
//! `docs/excel.md`. The writer is `report/form.rs`, the reader `read/form.rs`; a form is
//! handed out only once its own reader reads it back as written.
//!
//! ```
//! use par_index::{catalog, form, score};
//! let m = catalog::default_methodology();
//! let blank = form::template(m, &form::Template::default()).unwrap();
//! let read = form::read_form(&blank);
//! // A blank form is a submission with no answers, and no unit yet.
//! let sub = read.submission.unwrap();
//! assert!(sub.answers.is_empty());
//! assert_eq!(sub.methodology, "commune-2024-model");
//! ```

use crate::error::{Error, Problem, ProblemKind};
use crate::model::methodology::Methodology;
pub use crate::read::form::{read_form, read_form_file};
pub use crate::report::form::Template;

/// The Excel form of `m` (an `.xlsx` file's bytes): the unit sheet, one row per area,
/// criterion and sub-criterion with input cells for the measure its rule takes (with data
/// validation), evidence and explanation columns, the bonus and penalty sheet and a guide.
/// Structure locked, headers frozen, A4 landscape.
///
/// Fails when the submission to fill from does not fit the methodology (an answer to an
/// unknown code, a measure the row does not take) or holds text longer than a cell takes,
/// when the unit's code is not one a submission may have, and when the form written would
/// not read back as written: it is read back before it is returned.
///
/// ```
/// use par_index::{catalog, form, submission::Unit};
/// let m = catalog::default_methodology();
/// let sub = catalog::sample_submission();
/// let bytes = form::template(m, &form::Template::default().from(&sub)).unwrap();
/// let read = form::read_form(&bytes);
/// assert!(read.problems.is_empty(), "{:?}", read.problems);
/// assert_eq!(read.submission.unwrap(), sub.canonical());
/// // A unit code the reader would refuse is refused before anything is written.
/// let bad = Unit { code: "HP 01".into(), name: "Xã Một".into() };
/// let err = form::template(m, &form::Template::default().unit(&bad)).unwrap_err();
/// assert_eq!(err.problems()[0].field, "unit.code");
/// ```
pub fn template(m: &Methodology, t: &Template<'_>) -> Result<Vec<u8>, Error> {
    let bytes = crate::report::form::write_template(m, t)?;
    written_reads_back(m, t, &bytes)?;
    Ok(bytes)
}

/// The form written reads back as what was written: filled from a submission, as that
/// submission; otherwise with no problem but the blanks left for the unit to fill. A form
/// its own reader refuses is never handed out.
fn written_reads_back(m: &Methodology, t: &Template<'_>, bytes: &[u8]) -> Result<(), Error> {
    let read = read_form(bytes);
    let blank = |p: &Problem| {
        p.message == "must not be empty"
            && matches!(p.field.as_str(), "unit.code" | "unit.name" | "period")
    };
    let mut wrong: Vec<Problem> = read
        .problems
        .iter()
        .filter(|p| !blank(p))
        .cloned()
        .collect();
    if let (Some(from), Some(back)) = (t.from, &read.submission)
        && wrong.is_empty()
        // Compared as hashed: the canonical form, text as NFC (as every reader reads it).
        && back.sha256() != from.sha256()
    {
        wrong.push(Problem::new(
            ProblemKind::BadValue,
            None,
            "",
            "the form written does not read back as the submission it was filled from",
        ));
    }
    if let Some(back) = &read.submission
        && wrong.is_empty()
        && back.methodology != m.id()
    {
        wrong.push(Problem::new(
            ProblemKind::BadValue,
            None,
            "methodology",
            "the form written does not read back with its methodology",
        ));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        let mut out = vec![Problem::new(
            ProblemKind::BadValue,
            None,
            "",
            "the Excel form written would not read back as written; nothing was written",
        )];
        out.extend(wrong);
        Err(Error::Invalid(out))
    }
}
