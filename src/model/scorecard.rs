//! The result of scoring: a tree mirroring the methodology, each leaf with its trace.
//!
//! Plain data, serialisable, deterministic: no timings, no hash-map order, decimals as
//! strings. The same inputs give the same bytes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::model::code::Code;
use crate::model::methodology::{Level, Origin};
use crate::model::rule::Measure;
use crate::model::rule::{Branch, NaPolicy, Rule};
use crate::model::submission::{AdjustmentEntry, Evidence, Unit};
use crate::model::text::Text;

/// Which methodology a scorecard was computed with.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// assert_eq!(card.methodology.id, "commune-2024-model");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MethodologyRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: Text,
    /// The level it scores.
    pub level: Level,
    /// The year it applies to.
    pub year: u16,
    /// The issuing decision, or the provenance of a model set.
    pub origin: Origin,
    /// SHA-256 of the methodology's canonical form ([`crate::Methodology::sha256`]).
    pub sha256: String,
}

/// The version of the scorecard format that this crate writes, recorded in every scorecard.
/// It changes when a field changes meaning or is removed; readers check it. Format 4: a
/// carried-over scorecard's `submission_sha256` is the hash of the submission as given (made
/// for another methodology), and its record keeps every answer it did not carry.
///
/// ```
/// assert_eq!(par_index::catalog::sample_scorecard().format, par_index::scorecard::SCORECARD_FORMAT);
/// ```
pub const SCORECARD_FORMAT: &str = "par-index/scorecard/4";

/// Format 3 (par-index 0.2.0): the trace as data. Read and verified as it is; a carried-over
/// scorecard of this format hashes the carried submission and does not keep the answers it
/// dropped, so its record is checked in full only with the original submission.
pub const SCORECARD_FORMAT_3: &str = "par-index/scorecard/3";

/// Format 2 (par-index 0.1.0, with the appraisal record), still read and verified: its prose
/// (`trace.detail`, the English notes) is dropped or turned into the typed values of this
/// format when it is read.
pub const SCORECARD_FORMAT_2: &str = "par-index/scorecard/2";

/// Format 1 (the first par-index 0.1.0 builds): format 2 without the appraisal record. Read
/// as format 2 is; a staged scorecard of this format is verified on its numbers with its
/// appraisal notes taken as written, and the report says what the format did not record.
pub const SCORECARD_FORMAT_1: &str = "par-index/scorecard/1";

/// Every scorecard format this version reads, newest first.
///
/// ```
/// assert_eq!(par_index::scorecard::SCORECARD_FORMATS[0], par_index::scorecard::SCORECARD_FORMAT);
/// assert_eq!(par_index::scorecard::SCORECARD_FORMATS.len(), 4);
/// ```
pub const SCORECARD_FORMATS: &[&str] = &[
    SCORECARD_FORMAT,
    SCORECARD_FORMAT_3,
    SCORECARD_FORMAT_2,
    SCORECARD_FORMAT_1,
];

/// What computed a scorecard: the crate and its version.
///
/// ```
/// let e = par_index::scorecard::Engine::current();
/// assert_eq!(e.name, "par-index");
/// assert_eq!(e.version, env!("CARGO_PKG_VERSION"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Engine {
    /// `par-index`.
    pub name: String,
    /// The crate version (`0.2.0`).
    pub version: String,
}

impl Engine {
    /// This crate, at this version.
    ///
    /// ```
    /// assert_eq!(par_index::scorecard::Engine::current().to_string(), format!("par-index {}", env!("CARGO_PKG_VERSION")));
    /// ```
    #[must_use]
    pub fn current() -> Engine {
        Engine {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

impl std::fmt::Display for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.name, self.version)
    }
}

/// Why a leaf's points differ from its rule's rounded value. Data, not words: reports say
/// it in either language.
///
/// ```
/// use par_index::scorecard::Override;
/// assert_eq!(serde_json::to_string(&Override::EvidencePolicy).unwrap(), "\"evidence-policy\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Override {
    /// Points were claimed with no evidence and no explanation, and the methodology's
    /// evidence policy is `zero`: the leaf gets 0.
    EvidencePolicy,
    /// The appraiser set the points directly (`ItemAppraisal::set_points`).
    Appraiser,
}

/// Why a bonus or penalty entry counts as it does, when that is not simply "as claimed".
///
/// ```
/// use par_index::scorecard::EntryNote;
/// assert_eq!(serde_json::to_string(&EntryNote::NoEvidenceFlagged).unwrap(), "\"no-evidence-flagged\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EntryNote {
    /// The appraiser rejected it (accepted 0).
    RejectedByAppraiser,
    /// The appraiser accepted the amount in `appraisal.set_points`.
    AcceptedByAppraiser,
    /// A bonus with no evidence, not counted under the evidence policy `zero`.
    NoEvidenceNotCounted,
    /// A bonus with no evidence, counted and flagged for the appraiser (policy `flag`).
    NoEvidenceFlagged,
}

/// Flags on a leaf, for the appraiser and for reports.
///
/// ```
/// let f = par_index::scorecard::Flags::default();
/// assert!(!f.unanswered && !f.not_applicable && !f.unsupported && !f.explained);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Flags {
    /// No answer was given.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub unanswered: bool,
    /// The item did not arise.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub not_applicable: bool,
    /// Points were claimed without evidence or explanation.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub unsupported: bool,
    /// Points were claimed with an explanation but no evidence: for the appraiser to judge.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub explained: bool,
}

/// How a leaf got its points: the rule, the measure, the branch, the value before rounding,
/// the evidence and the flags.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// let leaf = card.find(&"3.2.1".parse().unwrap()).unwrap();
/// let trace = leaf.trace.as_ref().unwrap();
/// assert_eq!(trace.rule.kind(), "tiers");
/// assert!(!trace.evidence.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Trace {
    /// The rule and its parameters.
    pub rule: Rule,
    /// The N/A policy of the item, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub na: Option<NaPolicy>,
    /// The source (plan section or article).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Arc<str>>,
    /// The measure as given; absent when unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// The branch taken.
    pub branch: Branch,
    /// The rule's value before rounding.
    pub raw: Decimal,
    /// The rule's value rounded to 2 decimals, half away from zero.
    pub rounded: Decimal,
    /// Why the points differ from `rounded`, when they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustment: Option<Override>,
    /// The evidence cited, in a canonical order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// The explanation given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Flags.
    #[serde(default)]
    pub flags: Flags,
    /// The appraisal that last changed the item, when one did (staged scoring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appraisal: Option<ItemAppraisal>,
}

/// What an appraisal stage (or the unit's explanation) did to an item: the last decision
/// that changed it, with its reason, who decided and when. Recorded in the item's trace.
///
/// ```
/// let a = par_index::scorecard::ItemAppraisal::default();
/// assert!(a.corrected_from.is_none() && a.set_points.is_none() && a.rejected_evidence.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ItemAppraisal {
    /// The stage that decided (`appraisal-1`, `explanation`, `final`).
    pub stage: String,
    /// The measure before the appraiser corrected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_from: Option<Measure>,
    /// Points the appraiser set directly; they replace the rule's points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_points: Option<Decimal>,
    /// Numbers of the evidence documents the appraiser rejected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_evidence: Vec<String>,
    /// Numbers of the evidence documents the unit added in its explanation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_evidence: Vec<String>,
    /// The reason given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who decided (name or role), or who answered for the unit.
    pub by: String,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::model::date::Date>,
}

/// A node of the scorecard: an area, criterion or sub-criterion with its points.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// let area = &card.areas[0];
/// let sum: rust_decimal::Decimal = area.children.iter().map(|c| c.points).sum();
/// assert_eq!(area.points, sum);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScoreNode {
    /// The code.
    pub code: Code,
    // Title, office and source are shared with the methodology's item (`Arc`): a scorecard
    // node costs a count, not a copy of the text.
    /// The title.
    pub title: Arc<Text>,
    /// The accountable office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<Arc<Text>>,
    /// Points awarded.
    pub points: Decimal,
    /// Maximum points.
    pub max: Decimal,
    /// Whether the node counts (false when every leaf below is excluded as not applicable).
    pub applicable: bool,
    /// The maximum of the leaves that count.
    pub applicable_max: Decimal,
    /// Children (empty for a leaf).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ScoreNode>,
    /// The trace (leaves only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

impl ScoreNode {
    /// Every leaf at or below this node, in code order.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// assert_eq!(card.areas[0].leaves().count(), 8);
    /// ```
    pub fn leaves(&self) -> Box<dyn Iterator<Item = &ScoreNode> + '_> {
        if self.children.is_empty() {
            Box::new(std::iter::once(self))
        } else {
            Box::new(self.children.iter().flat_map(ScoreNode::leaves))
        }
    }
}

/// The appraised or survey part of the total.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// assert_eq!(card.appraised.max, 70.into());
/// assert_eq!(card.survey.max, 30.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Part {
    /// Points.
    pub points: Decimal,
    /// Maximum.
    pub max: Decimal,
    /// Maximum of the items that count.
    pub applicable_max: Decimal,
}

/// The survey part, and whether the survey was held.
///
/// ```
/// assert!(par_index::catalog::sample_scorecard().survey.held);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SurveyPart {
    /// Whether the survey was held for the unit.
    pub held: bool,
    /// Where the survey results came from, when a survey file supplied them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The unit is not in the survey file given (`source`): scored without a survey, as the
    /// methodology provides.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub not_in_source: bool,
    /// Points.
    pub points: Decimal,
    /// Maximum.
    pub max: Decimal,
    /// Maximum of the survey items that count.
    pub applicable_max: Decimal,
}

/// An entry of bonus or penalty as counted.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// // Every entry that does not count says why.
/// assert!(card.bonus.entries.iter().chain(&card.penalty.entries).all(|e| e.counted || e.note.is_some()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CountedEntry {
    /// The entry as given.
    #[serde(flatten)]
    pub entry: AdjustmentEntry,
    /// Whether it counts (a bonus without evidence does not, under the `zero` policy).
    pub counted: bool,
    /// Why it does not count, or a flag for the appraiser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<EntryNote>,
    /// The appraiser's decision on it (`set_points` is the amount accepted; 0 rejects it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appraisal: Option<ItemAppraisal>,
}

/// Bonus or penalty: entries claimed, the sum claimed, the cap and the points counted.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// assert!(card.bonus.points <= card.bonus.cap);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Adjustment {
    /// The entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<CountedEntry>,
    /// Sum of the counted entries.
    pub claimed: Decimal,
    /// The cap.
    pub cap: Decimal,
    /// min(claimed, cap).
    pub points: Decimal,
}

/// A band as awarded.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// assert_eq!(card.band.label.vi, "Tốt");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BandRef {
    /// The label.
    pub label: Text,
    /// The band's lowest index.
    pub min: Decimal,
}

/// A unit's scorecard.
///
/// ```
/// use par_index::{catalog, score};
/// use par_index::catalog::sample_submission;
/// let card = score(catalog::default_methodology(), &sample_submission()).unwrap();
/// assert!(card.index <= 100.into());
/// let json = serde_json::to_string(&card).unwrap();
/// let back: par_index::Scorecard = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, card);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
// `remote = "Self"`: the derives write inherent `Scorecard::serialize`/`deserialize`; the
// trait impls below call them, so that `serde_json::from_str::<Scorecard>` is
// [`Scorecard::from_json`] (format check, limits, earlier formats) and nothing else.
#[serde(deny_unknown_fields, remote = "Self")]
#[non_exhaustive]
pub struct Scorecard {
    /// The format version, [`SCORECARD_FORMAT`].
    #[schemars(extend("const" = SCORECARD_FORMAT))]
    pub format: String,
    /// What computed it.
    pub engine: Engine,
    /// The methodology used.
    pub methodology: MethodologyRef,
    /// SHA-256 of the submission's canonical form ([`crate::Submission::sha256`]): the
    /// submission as given. For a staged scorecard, the final answers (the self-assessment's
    /// hash is in the appraisal record); for a carried-over one, the submission made for the
    /// other methodology (format 4).
    pub submission_sha256: String,
    /// The unit.
    pub unit: Unit,
    /// The period.
    pub period: String,
    /// Points of the items appraised from the self-assessment (every non-survey leaf).
    pub appraised: Part,
    /// Points of the survey items.
    pub survey: SurveyPart,
    /// Bonus.
    pub bonus: Adjustment,
    /// Penalty.
    pub penalty: Adjustment,
    /// appraised + survey + bonus − penalty, clamped to \[0, applicable max\].
    pub total: Decimal,
    /// The methodology's maximum.
    pub max: Decimal,
    /// max − Σ max of excluded items.
    pub applicable_max: Decimal,
    /// 100 × total ÷ applicable max, rounded to 2 decimals half away from zero.
    pub index: Decimal,
    /// The band of the rounded index.
    pub band: BandRef,
    /// Leaves without an answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unanswered: Vec<Code>,
    /// The rounding used, in words.
    pub rounding: String,
    /// The appraisal behind a staged scorecard (stages and survey file applied, and what the
    /// unit had said of the items they changed); absent for a plain self-assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appraisal: Option<crate::model::record::AppraisalRecord>,
    /// How a submission made for another methodology was carried over to this one
    /// ([`crate::scorecard::score_carried`]); absent when the submission was made for this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_over: Option<CarriedOver>,
    /// The areas.
    pub areas: Vec<ScoreNode>,
}

/// An answer carried over to another code.
///
/// ```
/// let m = par_index::scorecard::Moved { from: "8.4.1".parse().unwrap(), to: "1.7.1".parse().unwrap() };
/// assert_eq!(m.to.as_str(), "1.7.1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Moved {
    /// Its code in the submission's methodology.
    pub from: Code,
    /// Its code in this one.
    pub to: Code,
}

/// An answer of the submission that was not carried over, and why (data; worded by the
/// reports).
///
/// ```
/// use par_index::{scorecard::DropReason, scorecard::Dropped};
/// let d = Dropped { code: "3.7.1".parse().unwrap(), to: "3.7.1".parse().unwrap(), why: DropReason::NotAnItem, answer: None };
/// assert_eq!(d.code.as_str(), "3.7.1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    /// Its code in the submission's methodology.
    pub code: Code,
    /// The code it would have had: its own, or the one the code map gives.
    pub to: Code,
    /// Why it was not carried over.
    pub why: DropReason,
    /// The answer as the submission gave it, so that the submission can be rebuilt from the
    /// scorecard and its hash checked (format 4; absent in format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<crate::model::record::RecordedAnswer>,
}

/// Why an answer was not carried over to another methodology.
///
/// ```
/// let why = par_index::scorecard::DropReason::Taken { by: "6.1.2".parse().unwrap() };
/// assert!(matches!(why, par_index::scorecard::DropReason::Taken { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", tag = "kind", deny_unknown_fields)]
#[non_exhaustive]
pub enum DropReason {
    /// `to` is not an item of the methodology.
    NotAnItem,
    /// `to` is a group of the methodology, not a sub-criterion.
    Group,
    /// Another answer was carried to `to` first (code order).
    Taken {
        /// The code of the answer carried there.
        by: Code,
    },
    /// The methodology's checks refuse the measure for `to` (a check answered where it
    /// counts a ratio, …).
    Refused {
        /// The check's words.
        message: String,
    },
}

/// What re-scoring under another methodology did with a submission: which methodology it
/// was made for, the answers carried to another code and those not carried (with the
/// answers themselves). Every other answer was carried over under its own code; this
/// methodology's items with no answer are the scorecard's `unanswered`.
///
/// The submission as given is the carried one (the answers in the traces), each moved answer
/// put back under its own code, and every dropped answer: [`crate::verify`] rebuilds it,
/// checks it against the scorecard's `submission_sha256` (the hash of the submission as
/// given) and carries it over again.
///
/// The code map used is recorded whole with its hash (as stages are), so that a move or a
/// drop cannot be re-targeted without the map disagreeing, and the hash can be compared with
/// the map file on record (`par-index verify --map`).
///
/// ```
/// let c = par_index::scorecard::CarriedOver {
///     from: "commune-2024-model".into(), submission_sha256: None,
///     map: Default::default(), map_sha256: None,
///     moved: vec![], dropped: vec![],
/// };
/// assert!(c.moved.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarriedOver {
    /// The methodology the submission was made for.
    pub from: String,
    /// Format 3 only: SHA-256 of the original submission's canonical form (there, the
    /// scorecard's `submission_sha256` was the carried-over submission's). Format 4 does not
    /// write it: the scorecard's `submission_sha256` is the original's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submission_sha256: Option<String>,
    /// The code map given, whole (format 4; empty when none was given).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub map: BTreeMap<Code, Code>,
    /// SHA-256 of the code map's canonical form ([`CarriedOver::map_hash`]), when a map was
    /// given (format 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map_sha256: Option<String>,
    /// Answers carried to another code (by the code map).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<Moved>,
    /// Answers not carried over.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dropped: Vec<Dropped>,
}

impl CarriedOver {
    /// SHA-256 of a code map's canonical form: the JSON object of its codes, in RFC 8785
    /// canonical form. Equal for equal maps, whatever the TOML file's layout or comments.
    ///
    /// ```
    /// let a = par_index::methodology::read_code_map("[codes]\n\"8.4.1\" = \"1.7.1\"\n", None).unwrap();
    /// let b = par_index::methodology::read_code_map("# moved\n[codes]\n  \"8.4.1\"=\"1.7.1\"", None).unwrap();
    /// assert_eq!(par_index::scorecard::CarriedOver::map_hash(&a), par_index::scorecard::CarriedOver::map_hash(&b));
    /// assert_eq!(par_index::scorecard::CarriedOver::map_hash(&a).len(), 64);
    /// ```
    #[must_use]
    pub fn map_hash(map: &BTreeMap<Code, Code>) -> String {
        crate::model::canonical::sha256_of(map)
    }
}

impl Serialize for Scorecard {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Scorecard::serialize(self, serializer)
    }
}

impl Scorecard {
    /// The version of the scorecard's format (1 to 4), or `None` for a format this version
    /// does not know.
    ///
    /// ```
    /// assert_eq!(par_index::catalog::sample_scorecard().format_version(), Some(4));
    /// ```
    #[must_use]
    pub fn format_version(&self) -> Option<u8> {
        let at = SCORECARD_FORMATS.iter().position(|f| *f == self.format)?;
        u8::try_from(SCORECARD_FORMATS.len().checked_sub(at)?).ok()
    }

    /// The node with this code.
    ///
    /// ```
    /// let card = par_index::catalog::sample_scorecard();
    /// assert_eq!(card.find(&"3".parse().unwrap()).unwrap().max, 14.into());
    /// ```
    #[must_use]
    pub fn find(&self, code: &Code) -> Option<&ScoreNode> {
        fn go<'a>(nodes: &'a [ScoreNode], code: &Code) -> Option<&'a ScoreNode> {
            for n in nodes {
                if &n.code == code {
                    return Some(n);
                }
                if let Some(found) = go(&n.children, code) {
                    return Some(found);
                }
            }
            None
        }
        go(&self.areas, code)
    }

    /// Every leaf, in code order.
    ///
    /// ```
    /// assert_eq!(par_index::catalog::sample_scorecard().leaves().count(), 54);
    /// ```
    pub fn leaves(&self) -> impl Iterator<Item = &ScoreNode> {
        self.areas.iter().flat_map(ScoreNode::leaves)
    }

    /// The scorecard as pretty JSON, decimals as strings, ending with a newline.
    ///
    /// ```
    /// let json = par_index::catalog::sample_scorecard().to_json();
    /// assert!(json.contains("\"index\": \""));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
