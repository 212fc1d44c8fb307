//! Analysis of scorecards, data out and no prose: what would earn more points (gains),
//! where points were lost (gaps, by office and area), readiness before sending, the
//! difference between two stages (the appraisal minute), rankings, year over year, and what
//! changed between two methodologies.
//!
//! Depends on the [`crate::model`] and the [`crate::engine`].

pub(crate) mod compare;
pub(crate) mod diff;
pub(crate) mod gain;
pub(crate) mod gaps;
pub(crate) mod mdiff;
pub(crate) mod rank;
pub(crate) mod readiness;
