//! The methodologies compiled into the crate, reachable by id, and the bundled sample.
//!
//! ```
//! use par_index::catalog;
//! for id in catalog::ids() {
//!     let m = catalog::get(id).unwrap();
//!     assert_eq!(m.id(), id);
//! }
//! ```

use crate::read::compiled;

use crate::error::Error;
use crate::model::methodology::Methodology;
use crate::model::submission::Submission;

/// The id of the default methodology: the commune model set for 2024.
///
/// ```
/// assert_eq!(par_index::catalog::default_methodology().id(), par_index::catalog::DEFAULT_ID);
/// ```
pub const DEFAULT_ID: &str = "commune-2024-model";

/// The embedded sets: id and TOML source.
const EMBEDDED: &[(&str, &str)] = compiled::EMBEDDED;

/// The bundled sample submission (a strong commune), used by `par-index score` without a file.
const SAMPLE: &str = include_str!("../examples/data/xa-dong-tam.json");

/// The ids of the embedded methodologies.
///
/// ```
/// assert_eq!(par_index::catalog::ids().collect::<Vec<_>>(), ["commune-2024-model", "commune-2025-model", "department-2025-model"]);
/// ```
pub fn ids() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(id, _)| *id)
}

/// The TOML source of an embedded methodology.
///
/// ```
/// assert!(par_index::catalog::source("commune-2024-model").unwrap().contains("[[areas]]"));
/// ```
#[must_use]
pub fn source(id: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(i, _)| *i == id).map(|(_, s)| *s)
}

/// An embedded methodology by id, built once from its compiled form.
///
/// ```
/// let m = par_index::catalog::get("commune-2024-model").unwrap();
/// assert_eq!(m.year(), 2024);
/// assert!(par_index::catalog::get("district-2030").is_err());
/// ```
pub fn get(id: &str) -> Result<&'static Methodology, Error> {
    let unknown = || Error::UnknownMethodology {
        id: id.to_owned(),
        known: ids().collect::<Vec<_>>().join(", "),
    };
    // Every embedded set has its compiled form (a test in `read::compiled` requires it),
    // built once on first use: no TOML is parsed.
    compiled::get(id).ok_or_else(unknown)
}

/// The methodology with this id among those given (a user's files, a server's catalogue),
/// else the embedded one: how a file that names its methodology finds it.
///
/// # Errors
///
/// [`Error::UnknownMethodology`] when the id is neither among those given nor embedded.
///
/// ```
/// let given = [par_index::catalog::get("commune-2025-model").unwrap().clone()];
/// assert_eq!(par_index::catalog::among("commune-2024-model", &given).unwrap().year(), 2024);
/// assert!(std::ptr::eq(par_index::catalog::among("commune-2025-model", &given).unwrap(), &given[0]));
/// assert!(par_index::catalog::among("no-such-set", &given).is_err());
/// ```
pub fn among<'a>(id: &str, given: &'a [Methodology]) -> Result<&'a Methodology, Error> {
    match given.iter().find(|m| m.id() == id) {
        Some(m) => Ok(m),
        None => get(id),
    }
}

/// The methodologies results name, each once (in the order of their ids): each found
/// among those given, else embedded; one that is neither is left out (its results cannot
/// verify). What a code map between two years' results is checked against.
///
/// ```
/// let card = par_index::catalog::sample_scorecard();
/// let sets = par_index::catalog::named_by(&[card.clone(), card], &[]);
/// assert_eq!(sets.len(), 1);
/// assert_eq!(sets[0].id(), "commune-2024-model");
/// ```
#[must_use]
pub fn named_by<'a>(cards: &[crate::Scorecard], given: &'a [Methodology]) -> Vec<&'a Methodology> {
    let mut ids: Vec<&str> = cards.iter().map(|c| c.methodology.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| among(id, given).ok())
        .collect()
}

/// A methodology as a user names it: an embedded id, else a methodology file (TOML) at that
/// path, loaded and validated. Embedded sets are borrowed, files owned. What every command's
/// `--methodology` takes, and what a server or a binding resolves a name with.
///
/// ```
/// use par_index::{catalog, Error};
/// let m = catalog::resolve("commune-2025-model").unwrap();
/// assert_eq!(m.year(), 2025);
/// let m = catalog::resolve("criteria/department-2025-model.toml").unwrap();
/// assert_eq!(m.id(), "department-2025-model");
/// assert!(matches!(catalog::resolve("no-such-set"), Err(Error::NotAMethodology { .. })));
/// ```
pub fn resolve(given: &str) -> Result<std::borrow::Cow<'static, Methodology>, Error> {
    if source(given).is_some() {
        return get(given).map(std::borrow::Cow::Borrowed);
    }
    if std::path::Path::new(given).exists() {
        return crate::read::methodology::load_methodology_file(given).map(std::borrow::Cow::Owned);
    }
    Err(Error::NotAMethodology {
        given: given.to_owned(),
        known: ids().collect::<Vec<_>>().join(", "),
    })
}

/// The default methodology, `commune-2024-model`.
///
/// ```
/// assert_eq!(par_index::catalog::default_methodology().leaves().count(), 54);
/// ```
#[allow(clippy::expect_used)]
#[must_use]
pub fn default_methodology() -> &'static Methodology {
    // Compiled-in data, validated by the crate's tests: not input.
    get(DEFAULT_ID).expect("the embedded default methodology is valid")
}

/// The bundled sample submission: Xã Đồng Tâm, a strong commune.
///
/// ```
/// assert_eq!(par_index::catalog::sample_submission().unit.name, "Xã Đồng Tâm");
/// ```
#[must_use]
pub fn sample_submission() -> Submission {
    Submission::from_json(SAMPLE).unwrap_or_default()
}

/// The bundled sample, scored under the default methodology.
///
/// ```
/// assert_eq!(par_index::catalog::sample_scorecard().band.label.vi, "Tốt");
/// ```
#[allow(clippy::expect_used)]
#[must_use]
pub fn sample_scorecard() -> crate::Scorecard {
    // Compiled-in data, validated by the crate's tests: not input.
    crate::engine::score::score(default_methodology(), &sample_submission())
        .expect("the bundled sample scores")
}

/// The bundled sample's JSON text.
///
/// ```
/// assert!(par_index::catalog::sample_source().contains("Đồng Tâm"));
/// ```
#[must_use]
pub fn sample_source() -> &'static str {
    SAMPLE
}
