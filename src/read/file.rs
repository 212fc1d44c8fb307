//! Reading a self-assessment from a file, whatever it is written in: JSON, or an Excel
//! form (with the `xlsx` feature).

use crate::error::Error;
use crate::model::submission::Submission;
use crate::read::submission::SubmissionRead;

/// The extensions of the files a self-assessment is read from.
#[cfg(feature = "xlsx")]
pub(crate) const SUBMISSION_EXTS: &[&str] = &["json", "xlsx"];
/// The extensions of the files a self-assessment is read from.
#[cfg(not(feature = "xlsx"))]
pub(crate) const SUBMISSION_EXTS: &[&str] = &["json"];
/// The files a self-assessment is read from, in words.
#[cfg(feature = "xlsx")]
pub(crate) const SUBMISSION_FILES: &str = ".json or .xlsx";
/// The files a self-assessment is read from, in words.
#[cfg(not(feature = "xlsx"))]
pub(crate) const SUBMISSION_FILES: &str = ".json";

/// Read a self-assessment from a file within `limits`: JSON, or an Excel form (`.xlsx`,
/// with the `xlsx` feature). Every problem names the file, and its line and column or its
/// sheet and cell.
///
/// ```
/// use par_index::{files, Limits};
/// let read = files::read_submission_file("examples/data/xa-dong-tam.json".as_ref(), &Limits::default()).unwrap();
/// assert!(read.problems.is_empty());
/// assert_eq!(read.submission.unwrap().unit.code, "NG-01");
/// ```
pub fn read_submission_file(
    path: &std::path::Path,
    limits: &crate::read::limits::Limits,
) -> Result<SubmissionRead, Error> {
    if crate::read::walk::has_ext(path, &["xlsx"]) {
        #[cfg(feature = "xlsx")]
        return crate::read::form::read_form_file(path, limits);
        #[cfg(not(feature = "xlsx"))]
        return Err(Error::Invalid(vec![
            crate::error::Problem::new(
                crate::error::ProblemKind::Syntax,
                None,
                "",
                "an Excel form, and this build reads none (build with the `xlsx` feature)",
            )
            .in_file(&path.display().to_string()),
        ]));
    }
    let (text, shown) = crate::read::io::read_text_within(path, limits.input_bytes)?;
    let mut read = Submission::read_json_within(&text, limits);
    read.problems = std::mem::take(&mut read.problems)
        .into_iter()
        .map(|p| p.in_file(&shown))
        .collect();
    Ok(read)
}
