//! Readiness: what a self-assessment still lacks before it is sent, and the range of index it
//! can still reach.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::score::Appraised;
use crate::engine::score::{Detail, figures, score_appraised};
use crate::error::Error;
use crate::model::code::Code;
use crate::model::methodology::Methodology;
use crate::model::rule::Measure;
use crate::model::rule::Rule;
use crate::model::scorecard::ItemAppraisal;
use crate::model::scorecard::ScoreNode;
use crate::model::submission::Submission;
use crate::model::submission::Unit;
/// What a self-assessment still lacks before it is sent, and the index range it can reach.
///
/// ```
/// let r = par_index::submission::readiness(par_index::catalog::default_methodology(), &par_index::catalog::sample_submission()).unwrap();
/// assert!(r.index_min <= r.index && r.index <= r.index_max);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Readiness {
    /// The unit.
    pub unit: Unit,
    /// Items not answered (survey items aside: the survey's organiser supplies them).
    pub unanswered: Vec<Code>,
    /// Survey items not answered (normal before the survey file is merged).
    pub survey_unanswered: Vec<Code>,
    /// Points claimed with neither evidence nor explanation.
    pub unsupported: Vec<Code>,
    /// Points claimed with an explanation only: for the appraiser to judge.
    pub explained_only: Vec<Code>,
    /// Not-applicable answers without a note saying why.
    pub not_applicable_without_note: Vec<Code>,
    /// The index as the self-assessment stands.
    pub index: Decimal,
    /// The index if every claim without evidence were refused and nothing more answered.
    pub index_min: Decimal,
    /// The index if every unanswered item (survey items included) earned its max.
    pub index_max: Decimal,
}

impl Readiness {
    /// Whether it can be sent: every item answered, every claim backed by evidence or an
    /// explanation, every not-applicable answer explained.
    ///
    /// ```
    /// let r = par_index::submission::readiness(par_index::catalog::default_methodology(), &par_index::catalog::sample_submission()).unwrap();
    /// assert!(r.ready());
    /// ```
    #[must_use]
    pub fn ready(&self) -> bool {
        self.unanswered.is_empty()
            && self.unsupported.is_empty()
            && self.not_applicable_without_note.is_empty()
    }
}

/// The readiness of a self-assessment: what it lacks, and the index range from "every claim
/// without evidence refused" to "every unanswered item at its max". Exact: both ends are
/// scored with the same rules as the index.
///
/// ```
/// use par_index::{catalog, submission::readiness, Submission};
/// let m = catalog::default_methodology();
/// let sub = Submission::from_json(r#"{"methodology": "commune-2024-model",
///   "unit": {"code": "X", "name": "Xã X"}, "period": "2024",
///   "answers": {"1.4.1": {"met": true}}}"#).unwrap();
/// let r = readiness(m, &sub).unwrap();
/// // 1.4.1 claimed without evidence: 0 under `zero`; everything else unanswered.
/// assert_eq!(r.unsupported.len(), 1);
/// assert_eq!((r.index_min, r.index), (0.into(), 0.into()));
/// // Every unanswered item at its max: 100 − 0.5 (1.4.1 stays at 0) = 99.5.
/// assert_eq!(r.index_max, rust_decimal::Decimal::new(995, 1));
/// ```
pub fn readiness(m: &Methodology, sub: &Submission) -> Result<Readiness, Error> {
    let card = score_appraised(m, sub, &Appraised::default())?;
    let survey = |l: &ScoreNode| {
        l.trace
            .as_ref()
            .is_some_and(|t| matches!(t.rule, Rule::Survey))
    };
    let flagged = |f: fn(&crate::model::scorecard::Flags) -> bool| -> Vec<Code> {
        card.leaves()
            .filter(|l| l.trace.as_ref().is_some_and(|t| f(&t.flags)))
            .map(|l| l.code.clone())
            .collect()
    };
    let unanswered: Vec<Code> = card
        .leaves()
        .filter(|l| !survey(l) && l.trace.as_ref().is_some_and(|t| t.flags.unanswered))
        .map(|l| l.code.clone())
        .collect();
    let survey_unanswered: Vec<Code> = card
        .leaves()
        .filter(|l| survey(l) && l.trace.as_ref().is_some_and(|t| t.flags.unanswered))
        .map(|l| l.code.clone())
        .collect();
    let unsupported = flagged(|f| f.unsupported);
    let explained_only = flagged(|f| f.explained);
    let not_applicable_without_note = sub
        .answers
        .iter()
        .filter(|(_, a)| {
            a.measure.is_not_applicable()
                && !matches!(
                    a.measure,
                    Measure::NotApplicable {
                        not_applicable: false
                    }
                )
                && a.explanation.as_deref().is_none_or(|e| e.trim().is_empty())
        })
        .map(|(c, _)| c.clone())
        .collect();
    let set = |codes: &mut dyn Iterator<Item = (Code, Decimal)>| Appraised {
        items: codes
            .map(|(c, p)| {
                (
                    c,
                    ItemAppraisal {
                        stage: "readiness".into(),
                        set_points: Some(p),
                        by: String::new(),
                        ..ItemAppraisal::default()
                    },
                )
            })
            .collect(),
        ..Appraised::default()
    };
    let low = set(&mut unsupported
        .iter()
        .chain(&explained_only)
        .map(|c| (c.clone(), Decimal::ZERO)));
    let high = set(&mut card
        .leaves()
        .filter(|l| l.trace.as_ref().is_some_and(|t| t.flags.unanswered))
        .map(|l| (l.code.clone(), l.max)));
    let index_min = figures(m, sub, &low, Detail::Numbers)?.index;
    let index_max = figures(m, sub, &high, Detail::Numbers)?.index;
    Ok(Readiness {
        unit: card.unit.clone(),
        unanswered,
        survey_unanswered,
        unsupported,
        explained_only,
        not_applicable_without_note,
        index: card.index,
        index_min,
        index_max,
    })
}
