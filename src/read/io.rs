//! Reading files: UTF-8 text within a byte limit counted while reading.

use crate::error::{Error, Problem, ProblemKind};

/// Read a UTF-8 text file, as the loaders do: a file in another encoding is a clear
/// problem naming the file, not an I/O error.
///
/// ```
/// let text = par_index::files::read_text_file("criteria/commune-2024-model.toml").unwrap();
/// assert!(text.contains("commune-2024-model"));
/// let err = par_index::files::read_text_file("no/such.toml").unwrap_err();
/// assert!(err.to_string().starts_with("cannot read no/such.toml"));
/// ```
pub fn read_text_file(path: impl AsRef<std::path::Path>) -> Result<String, Error> {
    read_text(path.as_ref()).map(|(text, _)| text)
}

/// Read a text file for a loader: its text and its path as shown in problems, within the
/// default [`crate::Limits::input_bytes`].
pub(crate) fn read_text(path: &std::path::Path) -> Result<(String, String), Error> {
    read_text_within(path, crate::read::limits::Limits::default().input_bytes)
}

/// Read a text file of at most `limit` bytes. The limit is checked on the bytes read, not on
/// what the file system says the size is: a pipe, a device (`/dev/zero`) or a file that grows
/// while it is read stops at the limit, with a `too-large` problem.
pub(crate) fn read_text_within(
    path: &std::path::Path,
    limit: usize,
) -> Result<(String, String), Error> {
    let (bytes, shown) = read_bytes_within(path, limit)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, shown)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let p = Problem::new(
                ProblemKind::Syntax,
                None,
                "",
                format!(
                    "the file is not UTF-8 text (byte {at} is not): save it as UTF-8 (Unicode), not in a legacy Vietnamese encoding"
                ),
            );
            Err(Error::Invalid(vec![p.in_file(&shown)]))
        }
    }
}

/// Read a file of at most `limit` bytes (counted as they are read) and its path as shown.
pub(crate) fn read_bytes_within(
    path: &std::path::Path,
    limit: usize,
) -> Result<(Vec<u8>, String), Error> {
    use std::io::Read;
    let shown = path.display().to_string();
    let io = |cause: std::io::Error| Error::Io {
        path: shown.clone(),
        cause,
    };
    let folder = || {
        let p = Problem::new(
            ProblemKind::BadValue,
            None,
            "",
            "this is a folder, not a file",
        );
        Error::Invalid(vec![p.in_file(&shown)])
    };
    // A folder is refused by what the opened file is (no second look-up of the path).
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(_) if path.is_dir() => return Err(folder()),
        Err(e) => return Err(io(e)),
    };
    let size = match file.metadata() {
        Ok(m) if m.is_dir() => return Err(folder()),
        Ok(m) => m.len(),
        Err(_) => 0,
    };
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    // Room for what the file system says the file holds (one read, no regrowth), never more
    // than the limit allows; the limit itself is counted on the bytes read.
    let room = usize::try_from(size.saturating_add(1).min(cap)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    file.take(cap).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > limit {
        let p = Problem::new(
            ProblemKind::TooLarge,
            None,
            "",
            format!(
                "the input is over the limit of {limit} bytes; reading stopped there and nothing was read"
            ),
        );
        return Err(Error::Invalid(vec![p.in_file(&shown)]));
    }
    Ok((bytes, shown))
}
