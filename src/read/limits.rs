//! Limits on inputs, enforced with a clear error before the work is done, so that a portal
//! embedding par-index cannot be made to spend unbounded memory or time on one request.
//!
//! The defaults are generous for real use: a province's methodology has a few hundred items
//! and a commune's self-assessment a few hundred answers; a batch of 10,000 communes is read
//! file by file (or as array files of up to 64 MiB each, read element by element). Embedders
//! set their own through [`crate::Options::limits`].

use crate::error::{Problem, ProblemKind};

/// Limits on what a reader accepts. Every limit is checked while the input is read, so no
/// input can make a reader spend more than the limits allow.
///
/// ```
/// let l = par_index::Limits::default();
/// assert_eq!(l.depth, 64);
/// let strict = par_index::Limits::default().answers(100);
/// assert_eq!(strict.answers, 100);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct Limits {
    /// Bytes of one input text or file (default 64 MiB), counted as they are read: a pipe or
    /// a device stops there.
    pub input_bytes: usize,
    /// Items (criteria and sub-criteria) of a methodology (default 5,000).
    pub items: usize,
    /// Answers of a submission (default 5,000).
    pub answers: usize,
    /// Evidence documents cited by one answer or entry (default 500).
    pub evidence_per_item: usize,
    /// Characters of one string: a title, a reason, an explanation (default 20,000).
    pub string_chars: usize,
    /// Nesting depth of a JSON document (default 64; a submission needs 5, a scorecard
    /// 2 × the depth of codes + 6).
    pub depth: usize,
    /// Elements of any one array (default 100,000).
    pub array_elements: usize,
    /// Keys of any one object or table (default 10,000).
    pub object_keys: usize,
    /// Values (numbers, strings, arrays, objects, …) in one document, or in one element of a
    /// batch file that is an array (default 1,000,000; a commune's self-assessment has about
    /// 1,000). With it, a document's memory is bounded whatever its shape.
    pub values: usize,
    /// Values of one TOML document (a methodology, a case file), counted by a scan before it
    /// is parsed: TOML is parsed whole, at about a kilobyte a value (default 100,000; the
    /// embedded commune set has about 1,500).
    pub toml_values: usize,
    /// Segments of an item code: `3.2.1` has 3 (default 8).
    pub code_depth: usize,
    /// Units of one batch (default 20,000).
    pub batch_units: usize,
    /// Bytes of all the files of one batch (default 2 GiB).
    pub batch_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            input_bytes: 64 * 1024 * 1024,
            items: 5_000,
            answers: 5_000,
            evidence_per_item: 500,
            string_chars: 20_000,
            depth: 64,
            array_elements: 100_000,
            object_keys: 10_000,
            values: 1_000_000,
            toml_values: 100_000,
            code_depth: 8,
            batch_units: 20_000,
            batch_bytes: 2 * 1024 * 1024 * 1024,
        }
    }
}

/// Setting a limit: `Limits::default().answers(100).depth(8)`. The struct is
/// `#[non_exhaustive]`, so that a limit can be added without breaking callers; its fields
/// are read as fields and set through these methods.
impl Limits {
    /// These limits with [`Limits::input_bytes`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().input_bytes(1024);
    /// assert_eq!(l.input_bytes, 1024);
    /// ```
    pub fn input_bytes(mut self, n: usize) -> Limits {
        self.input_bytes = n;
        self
    }

    /// These limits with [`Limits::items`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().items(50);
    /// assert_eq!(l.items, 50);
    /// ```
    pub fn items(mut self, n: usize) -> Limits {
        self.items = n;
        self
    }

    /// These limits with [`Limits::answers`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().answers(100);
    /// assert_eq!(l.answers, 100);
    /// ```
    pub fn answers(mut self, n: usize) -> Limits {
        self.answers = n;
        self
    }

    /// These limits with [`Limits::evidence_per_item`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().evidence_per_item(5);
    /// assert_eq!(l.evidence_per_item, 5);
    /// ```
    pub fn evidence_per_item(mut self, n: usize) -> Limits {
        self.evidence_per_item = n;
        self
    }

    /// These limits with [`Limits::string_chars`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().string_chars(500);
    /// assert_eq!(l.string_chars, 500);
    /// ```
    pub fn string_chars(mut self, n: usize) -> Limits {
        self.string_chars = n;
        self
    }

    /// These limits with [`Limits::depth`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().depth(8);
    /// assert_eq!(l.depth, 8);
    /// ```
    pub fn depth(mut self, n: usize) -> Limits {
        self.depth = n;
        self
    }

    /// These limits with [`Limits::array_elements`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().array_elements(1000);
    /// assert_eq!(l.array_elements, 1000);
    /// ```
    pub fn array_elements(mut self, n: usize) -> Limits {
        self.array_elements = n;
        self
    }

    /// These limits with [`Limits::object_keys`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().object_keys(100);
    /// assert_eq!(l.object_keys, 100);
    /// ```
    pub fn object_keys(mut self, n: usize) -> Limits {
        self.object_keys = n;
        self
    }

    /// These limits with [`Limits::values`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().values(10_000);
    /// assert_eq!(l.values, 10_000);
    /// ```
    pub fn values(mut self, n: usize) -> Limits {
        self.values = n;
        self
    }

    /// These limits with [`Limits::toml_values`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().toml_values(2_000);
    /// assert_eq!(l.toml_values, 2_000);
    /// ```
    pub fn toml_values(mut self, n: usize) -> Limits {
        self.toml_values = n;
        self
    }

    /// These limits with [`Limits::code_depth`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().code_depth(4);
    /// assert_eq!(l.code_depth, 4);
    /// ```
    pub fn code_depth(mut self, n: usize) -> Limits {
        self.code_depth = n;
        self
    }

    /// These limits with [`Limits::batch_units`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().batch_units(200);
    /// assert_eq!(l.batch_units, 200);
    /// ```
    pub fn batch_units(mut self, n: usize) -> Limits {
        self.batch_units = n;
        self
    }

    /// These limits with [`Limits::batch_bytes`] set to `n`.
    ///
    /// ```
    /// let l = par_index::Limits::default().batch_bytes(1 << 20);
    /// assert_eq!(l.batch_bytes, 1 << 20);
    /// ```
    pub fn batch_bytes(mut self, n: u64) -> Limits {
        self.batch_bytes = n;
        self
    }
}

impl Limits {
    /// The problem for an input over [`Limits::input_bytes`], if it is.
    ///
    /// ```
    /// let l = par_index::Limits::default().input_bytes(10);
    /// assert!(l.check_input(11).is_some());
    /// assert!(l.check_input(10).is_none());
    /// ```
    #[must_use]
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
