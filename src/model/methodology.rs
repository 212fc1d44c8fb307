//! The typed rule set (*bộ tiêu chí*): areas, criteria and sub-criteria with their maxima,
//! rules and N/A policies, the bands, the evidence policy and the bonus and penalty caps.
//!
//! A [`Methodology`] is only made by loading a file ([`load_methodology_str`],
//! [`load_methodology_file`]) or taking an embedded set from the [`catalog`](crate::catalog);
//! loading validates everything once, so a `Methodology` cannot be inconsistent afterwards
//! and scoring never fails because of one.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::rule::{NaPolicy, Rule};
use crate::model::text::Text;

/// The administrative level a methodology scores.
///
/// ```
/// use par_index::{catalog, methodology::Level};
/// assert_eq!(catalog::default_methodology().level(), Level::Commune);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Level {
    /// A province or centrally-run city (*tỉnh, thành phố*).
    Province,
    /// A provincial department (*sở, ban, ngành*).
    Department,
    /// A district (*huyện*), until 2025.
    District,
    /// A commune, ward or township (*xã, phường, thị trấn*).
    Commune,
}

/// Where a methodology comes from: an issuing decision, or, for a model set, its provenance.
///
/// ```
/// use par_index::{catalog, methodology::Origin};
/// assert!(matches!(catalog::default_methodology().origin(), Origin::Model { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Origin {
    /// Issued by decision.
    Issued {
        /// The issuing body (`UBND tỉnh Hải Dương`).
        body: String,
        /// The decision number (`2452/QĐ-UBND`).
        number: String,
        /// The decision's date.
        date: Date,
    },
    /// A model set, not an official decision.
    Model {
        /// What it is derived from.
        derived_from: String,
        /// How, and what it is not.
        note: String,
    },
}

/// What happens to a claim without evidence.
///
/// ```
/// use par_index::{catalog, methodology::EvidencePolicy};
/// assert_eq!(catalog::default_methodology().evidence_policy(), EvidencePolicy::Zero);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EvidencePolicy {
    /// A claim earning points with neither evidence nor explanation earns 0.
    Zero,
    /// Such a claim keeps its points and is flagged for the appraiser.
    Flag,
}

/// A band (*xếp loại*): a label and the lowest (inclusive) index that earns it.
///
/// ```
/// let bands = par_index::catalog::default_methodology().bands();
/// assert_eq!(bands[0].label.vi, "Tốt");
/// assert_eq!(bands[0].min, 90.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The label.
    pub label: Text,
    /// The lowest index (inclusive) in this band.
    pub min: Decimal,
}

/// What a node of the tree is: a group of items, or a leaf scored by a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Content {
    Group(Vec<Criterion>),
    Leaf { rule: Rule, na: Option<NaPolicy> },
}

/// A node of the methodology tree: an area (*lĩnh vực*), a criterion (*tiêu chí*) or a
/// sub-criterion (*tiêu chí thành phần*, a leaf with a rule).
///
/// ```
/// use par_index::catalog;
/// let m = catalog::default_methodology();
/// let item = m.find(&"3.2.1".parse().unwrap()).unwrap();
/// assert_eq!(item.max(), 3.into());
/// assert_eq!(item.rule().unwrap().kind(), "tiers");
/// assert_eq!(item.office().unwrap().vi, "Văn phòng HĐND&UBND");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub(crate) code: Code,
    // Shared with every scorecard node that shows them: a clone is a count.
    pub(crate) title: Arc<Text>,
    pub(crate) max: Decimal,
    pub(crate) office: Option<Arc<Text>>,
    pub(crate) source: Option<Arc<str>>,
    pub(crate) content: Content,
}

impl Criterion {
    /// The dotted code.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.areas()[0].code().as_str(), "1");
    /// ```
    #[must_use]
    pub fn code(&self) -> &Code {
        &self.code
    }

    /// The title (Vietnamese, with an English gloss).
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.areas()[1].title().vi, "Cải cách thể chế");
    /// ```
    #[must_use]
    pub fn title(&self) -> &Text {
        &self.title
    }

    /// The maximum points (*điểm tối đa*).
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.areas()[0].max(), 12.into());
    /// ```
    #[must_use]
    pub fn max(&self) -> Decimal {
        self.max
    }

    /// The accountable office: the item's own, else its nearest ancestor's.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.areas()[1].office().unwrap().vi, "Phòng Tư pháp");
    /// ```
    #[must_use]
    pub fn office(&self) -> Option<&Text> {
        self.office.as_deref()
    }

    /// The source (plan section or article) the item comes from.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// let item = m.find(&"3.2.1".parse().unwrap()).unwrap();
    /// assert_eq!(item.source(), Some("II.3.a"));
    /// ```
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The children, in code order; empty for a leaf.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.areas()[0].children().len(), 6);
    /// ```
    #[must_use]
    pub fn children(&self) -> &[Criterion] {
        match &self.content {
            Content::Group(children) => children,
            Content::Leaf { .. } => &[],
        }
    }

    /// The rule of a leaf; `None` for a group.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert!(m.areas()[0].rule().is_none());
    /// ```
    #[must_use]
    pub fn rule(&self) -> Option<&Rule> {
        match &self.content {
            Content::Leaf { rule, .. } => Some(rule),
            Content::Group(_) => None,
        }
    }

    /// The N/A policy of a leaf; `None` when the item always applies (or for a group).
    ///
    /// ```
    /// use par_index::methodology::NaPolicy;
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.find(&"3.1.1".parse().unwrap()).unwrap().na_policy(), Some(NaPolicy::Exclude));
    /// ```
    #[must_use]
    pub fn na_policy(&self) -> Option<NaPolicy> {
        match &self.content {
            Content::Leaf { na, .. } => *na,
            Content::Group(_) => None,
        }
    }

    /// Whether this is a leaf (a sub-criterion scored by a rule).
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert!(m.find(&"1.1.1".parse().unwrap()).unwrap().is_leaf());
    /// ```
    #[must_use]
    pub fn is_leaf(&self) -> bool {
        matches!(self.content, Content::Leaf { .. })
    }

    /// Every leaf at or below this node, in code order.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.areas()[0].leaves().count(), 8);
    /// ```
    #[must_use]
    pub fn leaves(&self) -> Box<dyn Iterator<Item = &Criterion> + '_> {
        match &self.content {
            Content::Leaf { .. } => Box::new(std::iter::once(self)),
            Content::Group(children) => Box::new(children.iter().flat_map(|c| c.leaves())),
        }
    }
}

/// A validated methodology (*bộ tiêu chí*).
///
/// ```
/// use par_index::catalog;
/// let m = catalog::default_methodology();
/// assert_eq!(m.id(), "commune-2024-model");
/// assert_eq!(m.max(), 100.into());
/// assert_eq!(m.leaves().count(), 54); // 49 sub-criteria + 5 survey items
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Methodology {
    pub(crate) id: String,
    pub(crate) title: Text,
    pub(crate) level: Level,
    pub(crate) year: u16,
    pub(crate) origin: Origin,
    pub(crate) max: Decimal,
    pub(crate) evidence_policy: EvidencePolicy,
    pub(crate) bonus_cap: Decimal,
    pub(crate) penalty_cap: Decimal,
    pub(crate) bands: Vec<Band>,
    pub(crate) areas: Vec<Criterion>,
    /// Path of child indices from the areas to every node.
    pub(crate) index: BTreeMap<Code, Vec<usize>>,
    pub(crate) file: MethodologyFile,
    pub(crate) sha256: String,
}

impl Methodology {
    /// The id (`commune-2024-model`).
    ///
    /// ```
    /// assert_eq!(par_index::catalog::default_methodology().id(), "commune-2024-model");
    /// ```
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The title.
    ///
    /// ```
    /// assert!(par_index::catalog::default_methodology().title().vi.starts_with("Bộ tiêu chí"));
    /// ```
    #[must_use]
    pub fn title(&self) -> &Text {
        &self.title
    }

    /// The level scored.
    ///
    /// ```
    /// assert_eq!(par_index::catalog::default_methodology().level(), par_index::methodology::Level::Commune);
    /// ```
    #[must_use]
    pub fn level(&self) -> Level {
        self.level
    }

    /// The year the methodology applies to.
    ///
    /// ```
    /// assert_eq!(par_index::catalog::default_methodology().year(), 2024);
    /// ```
    #[must_use]
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The issuing decision, or the provenance of a model set.
    ///
    /// ```
    /// use par_index::methodology::Origin;
    /// let Origin::Model { derived_from, .. } = par_index::catalog::default_methodology().origin() else { panic!() };
    /// assert!(derived_from.contains("Ninh Giang"));
    /// ```
    #[must_use]
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The total of all areas' maxima (100 for the embedded set).
    ///
    /// ```
    /// assert_eq!(par_index::catalog::default_methodology().max(), 100.into());
    /// ```
    #[must_use]
    pub fn max(&self) -> Decimal {
        self.max
    }

    /// What happens to claims without evidence.
    ///
    /// ```
    /// use par_index::methodology::EvidencePolicy;
    /// assert_eq!(par_index::catalog::default_methodology().evidence_policy(), EvidencePolicy::Zero);
    /// ```
    #[must_use]
    pub fn evidence_policy(&self) -> EvidencePolicy {
        self.evidence_policy
    }

    /// The cap on bonus points.
    ///
    /// ```
    /// assert_eq!(par_index::catalog::default_methodology().bonus_cap(), 2.into());
    /// ```
    #[must_use]
    pub fn bonus_cap(&self) -> Decimal {
        self.bonus_cap
    }

    /// The cap on penalty points.
    ///
    /// ```
    /// assert_eq!(par_index::catalog::default_methodology().penalty_cap(), 3.into());
    /// ```
    #[must_use]
    pub fn penalty_cap(&self) -> Decimal {
        self.penalty_cap
    }

    /// The bands, best first; the last one starts at 0.
    ///
    /// ```
    /// let labels: Vec<_> = par_index::catalog::default_methodology().bands().iter().map(|b| b.label.vi.as_str()).collect();
    /// assert_eq!(labels, ["Tốt", "Khá", "Trung bình", "Kém"]);
    /// ```
    #[must_use]
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }

    /// The band of an index: the first (best) band whose minimum it reaches.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.band_of(90.into()).label.vi, "Tốt");
    /// assert_eq!(m.band_of(rust_decimal::Decimal::new(8999, 2)).label.vi, "Khá");
    /// assert_eq!(m.band_of(0.into()).label.vi, "Kém");
    /// ```
    #[must_use]
    pub fn band_of(&self, index: Decimal) -> &Band {
        self.bands
            .iter()
            .find(|b| index >= b.min)
            .or_else(|| self.bands.last())
            .unwrap_or(&FALLBACK_BAND)
    }

    /// The areas, in code order.
    ///
    /// ```
    /// assert_eq!(par_index::catalog::default_methodology().areas().len(), 9);
    /// ```
    #[must_use]
    pub fn areas(&self) -> &[Criterion] {
        &self.areas
    }

    /// Every leaf, in code order.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.leaves().filter(|l| matches!(l.rule(), Some(par_index::methodology::Rule::Survey))).count(), 5);
    /// ```
    pub fn leaves(&self) -> impl Iterator<Item = &Criterion> {
        self.areas.iter().flat_map(Criterion::leaves)
    }

    /// The node with this code, if any.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert!(m.find(&"7.2".parse().unwrap()).is_some());
    /// assert!(m.find(&"9".parse().unwrap()).is_none());
    /// ```
    #[must_use]
    pub fn find(&self, code: &Code) -> Option<&Criterion> {
        self.at(self.index.get(code)?)
    }

    /// Every code with the path to its node, in code order.
    pub(crate) fn codes(&self) -> impl Iterator<Item = (&Code, &[usize])> {
        self.index.iter().map(|(c, p)| (c, p.as_slice()))
    }

    /// The node at a path of child positions from the areas.
    pub(crate) fn at(&self, path: &[usize]) -> Option<&Criterion> {
        let (first, rest) = path.split_first()?;
        let mut node = self.areas.get(*first)?;
        for i in rest {
            node = node.children().get(*i)?;
        }
        Some(node)
    }

    /// The file form the methodology was loaded from (for schemas and canonical output).
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert_eq!(m.file().items.len(), 37 /* criteria */ + 49 + 5);
    /// ```
    #[must_use]
    pub fn file(&self) -> &MethodologyFile {
        &self.file
    }

    /// The SHA-256 of the methodology's canonical form, in hex: decimals normalised, areas
    /// and items sorted by code, keys sorted, so that comments, layout and the order of
    /// entries in the file do not change it (see [`crate::canonical::canonical_json`]).
    ///
    /// ```
    /// use par_index::{catalog, methodology};
    /// let m = catalog::default_methodology();
    /// assert_eq!(m.sha256().len(), 64);
    /// // A comment and a different way of writing a number leave the hash unchanged.
    /// let text = catalog::source(m.id()).unwrap().replace("bonus_cap = 2", "bonus_cap = 2.00 # cap");
    /// assert_eq!(methodology::load_str(&text, None).unwrap().sha256(), m.sha256());
    /// ```
    #[must_use]
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The canonical JSON that [`Methodology::sha256`] hashes.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// assert!(m.canonical_json().starts_with(r#"{"areas":[{"code":"1","#));
    /// assert_eq!(par_index::canonical::sha256_hex(m.canonical_json().as_bytes()), m.sha256());
    /// ```
    #[must_use]
    pub fn canonical_json(&self) -> String {
        canonical_form(&self.file)
    }
}

static FALLBACK_BAND: Band = Band {
    label: Text {
        vi: String::new(),
        en: None,
    },
    min: Decimal::ZERO,
};

/// The issuing decision of an official methodology (`[decision]`).
///
/// ```
/// let d = par_index::methodology::Decision { body: "UBND tỉnh Hải Dương".into(), number: "2452/QĐ-UBND".into(),
///                               date: "2019-07-18".parse().unwrap() };
/// assert_eq!(d.number, "2452/QĐ-UBND");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The issuing body.
    pub body: String,
    /// The decision number.
    pub number: String,
    /// The decision's date.
    pub date: Date,
}

/// The provenance of a model set (`[provenance]`).
///
/// ```
/// let p = par_index::methodology::Provenance { derived_from: "a plan".into(), note: "not official".into() };
/// assert_eq!(p.note, "not official");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// What the set is derived from.
    pub derived_from: String,
    /// How, and what it is not.
    pub note: String,
}

/// An area (`[[areas]]`): a component index with its accountable office.
///
/// ```
/// let m = par_index::catalog::default_methodology();
/// assert_eq!(m.file().areas[0].office.vi, "Phòng Nội vụ");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaDef {
    /// A one-segment code (`1`, `S`).
    pub code: Code,
    /// Title, Vietnamese with an English gloss.
    pub title: Text,
    /// Maximum points: the sum of its items' maxima.
    pub max: Decimal,
    /// The office accountable for the area.
    pub office: Text,
    /// The plan section or article it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A criterion or sub-criterion (`[[items]]`); its parent is its code less the last segment.
///
/// ```
/// let m = par_index::catalog::default_methodology();
/// let item = m.file().items.iter().find(|i| i.code.as_str() == "1.1.1").unwrap();
/// assert_eq!(item.rule.as_ref().unwrap().kind(), "deadline");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// Dotted code (`3.2`, `3.2.1`).
    pub code: Code,
    /// Title, Vietnamese with an English gloss.
    pub title: Text,
    /// Maximum points; for a criterion, the sum of its sub-criteria.
    pub max: Decimal,
    /// The scoring rule; only on sub-criteria (leaves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    /// N/A policy: `full` or `exclude`; absent means the item always applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub na: Option<NaPolicy>,
    /// The plan section or article it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// An accountable office other than the area's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<Text>,
}

/// A methodology file as written (TOML). See `docs/methodology-format.md`.
///
/// ```
/// let m = par_index::catalog::default_methodology();
/// assert_eq!(m.file().bonus_cap, 2.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MethodologyFile {
    /// Identifier (`commune-2024-model`).
    pub id: String,
    /// Title, Vietnamese with an English gloss.
    pub title: Text,
    /// `province`, `department`, `district` or `commune`.
    pub level: Level,
    /// The year assessed.
    pub year: u16,
    /// Total maximum: the sum of the areas' maxima.
    pub max: Decimal,
    /// The survey part's maximum, checked against the survey items when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_max: Option<Decimal>,
    /// `zero` or `flag`: what happens to a claim without evidence.
    pub evidence_policy: EvidencePolicy,
    /// Cap on bonus points.
    pub bonus_cap: Decimal,
    /// Cap on penalty points.
    pub penalty_cap: Decimal,
    /// The issuing decision (official sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The provenance (model sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// Bands, best first; the last starts at 0.
    pub bands: Vec<Band>,
    /// Areas.
    pub areas: Vec<AreaDef>,
    /// Criteria and sub-criteria.
    pub items: Vec<ItemDef>,
}

/// The canonical JSON of a methodology file: decimals normalised, areas and items sorted by
/// code, keys sorted (see [`crate::canonical::canonical_json`]).
pub(crate) fn canonical_form(f: &MethodologyFile) -> String {
    let mut c = f.clone();
    c.max = c.max.normalize();
    c.survey_max = c.survey_max.map(|d| d.normalize());
    c.bonus_cap = c.bonus_cap.normalize();
    c.penalty_cap = c.penalty_cap.normalize();
    for b in &mut c.bands {
        b.min = b.min.normalize();
    }
    for a in &mut c.areas {
        a.max = a.max.normalize();
    }
    for i in &mut c.items {
        i.max = i.max.normalize();
        i.rule = i.rule.as_ref().map(Rule::normalized);
    }
    c.areas.sort_by(|a, b| a.code.cmp(&b.code));
    c.items.sort_by(|a, b| a.code.cmp(&b.code));
    crate::model::canonical::canonical_of(&c)
}
