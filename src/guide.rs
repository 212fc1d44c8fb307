//! Long-form documentation: what is computed, and the file formats.
//!
//! ```
//! // The guide is documentation only; the API it describes starts at `par_index::score`.
//! let card = par_index::catalog::sample_scorecard();
//! assert_eq!(card.rounding, par_index::methodology::ROUNDING);
//! ```

pub mod semantics {
    #![doc = include_str!("../docs/semantics.md")]
}

pub mod methodology_format {
    #![doc = include_str!("../docs/methodology-format.md")]
}

pub mod submission_format {
    #![doc = include_str!("../docs/submission-format.md")]
}

pub mod case_format {
    #![doc = include_str!("../docs/case-format.md")]
}

pub mod auditing {
    #![doc = include_str!("../docs/auditing.md")]
}

pub mod appraisal {
    #![doc = include_str!("../docs/appraisal.md")]
}
