//! Limits on inputs, enforced with a clear error before the work is done, so that a portal
//! embedding par-index cannot be made to spend unbounded memory or time on one request.
//!
//! The defaults are generous for real use: a province's methodology has a few hundred items
//! and a commune's self-assessment a few hundred answers; a batch of 10,000 communes is read
//! file by file (or as one array file of up to 256 MiB). Embedders set their own with the
//! `*_with` readers ([`crate::Submission::read_json_with`],
//! [`crate::load_methodology_str_with`]).

use crate::error::{Problem, ProblemKind};

/// Limits on what a reader accepts.
///
/// ```
/// let l = par_index::Limits::default();
/// assert_eq!(l.depth, 64);
/// let strict = par_index::Limits { answers: 100, ..par_index::Limits::default() };
/// assert_eq!(strict.answers, 100);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one input text or file (default 256 MiB).
    pub input_bytes: usize,
    /// Items (criteria and sub-criteria) of a methodology (default 5,000).
    pub items: usize,
    /// Answers of a submission (default 5,000).
    pub answers: usize,
    /// Evidence documents cited by one answer or entry (default 500).
    pub evidence_per_item: usize,
    /// Characters of one string: a title, a reason, an explanation (default 20,000).
    pub string_chars: usize,
    /// Nesting depth of a JSON document (default 64; a submission needs 5).
    pub depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            input_bytes: 256 * 1024 * 1024,
            items: 5_000,
            answers: 5_000,
            evidence_per_item: 500,
            string_chars: 20_000,
            depth: 64,
        }
    }
}

impl Limits {
    /// The problem for an input over [`Limits::input_bytes`], if it is.
    ///
    /// ```
    /// let l = par_index::Limits { input_bytes: 10, ..Default::default() };
    /// assert!(l.check_input(11).is_some());
    /// assert!(l.check_input(10).is_none());
    /// ```
    pub fn check_input(&self, bytes: usize) -> Option<Problem> {
        (bytes > self.input_bytes).then(|| {
            Problem::new(
                ProblemKind::TooLarge,
                None,
                "",
                format!(
                    "the input is {bytes} bytes, over the limit of {} bytes; nothing was read",
                    self.input_bytes
                ),
            )
        })
    }
}
