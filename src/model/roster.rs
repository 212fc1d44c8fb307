//! A roster: the units a province scores in a year, each in its ranking block, with the
//! units it was formed from (after the 2025 mergers). Read from TOML or CSV
//! (`read/roster.rs`); used by `rank --roster` to rank each block on its own and to account
//! for every unit on the list.

use rust_decimal::Decimal;
use serde::Serialize;

/// A unit a merged unit was formed from, in an earlier year.
///
/// ```
/// let p = par_index::Predecessor { code: "NG-04".into(), year: 2024, weight: None };
/// assert_eq!(p.year, 2024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Predecessor {
    /// The earlier unit's code.
    pub code: String,
    /// The year it was scored under that code.
    pub year: u16,
    /// Its weight in a merged unit's baseline, when the roster gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Decimal>,
}

/// One unit on a roster.
///
/// ```
/// let u = par_index::RosterUnit {
///     code: "HP-X01".into(), name: "Xã An Hưng".into(), kind: "xa".into(),
///     block: "xa".into(), predecessors: vec![],
/// };
/// assert_eq!(u.block, "xa");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterUnit {
    /// The unit's code, as its submissions give it.
    pub code: String,
    /// The unit's name.
    pub name: String,
    /// Its kind: `xa` (commune), `phuong` (ward), `dac-khu` (special zone), `so`
    /// (department), or another the roster uses.
    pub kind: String,
    /// The id of the block it is ranked in.
    pub block: String,
    /// The units it was formed from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub predecessors: Vec<Predecessor>,
}

/// A ranking block: units ranked among themselves (Hải Phòng 2025: departments; wards;
/// communes and special zones).
///
/// ```
/// let b = par_index::Block { id: "phuong".into(), name: "Phường".into() };
/// assert_eq!(b.id, "phuong");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// The id units name in `block`.
    pub id: String,
    /// The block's name, as published.
    pub name: String,
}

/// The units of a year, in their blocks.
///
/// ```
/// let r = par_index::Roster::from_toml_str(r#"
/// title = "Thử nghiệm 2025"
/// [[units]]
/// code = "X1"
/// name = "Xã Một"
/// kind = "xa"
/// block = "xa"
/// "#, None).unwrap();
/// assert_eq!(r.blocks[0].id, "xa"); // blocks not declared come from the units, in order
/// assert_eq!(r.unit("x1").unwrap().name, "Xã Một"); // codes match without regard to case
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roster {
    /// What the roster is (`Hải Phòng 2025`).
    pub title: String,
    /// The blocks, in the order they are published.
    pub blocks: Vec<Block>,
    /// The units.
    pub units: Vec<RosterUnit>,
}

impl Roster {
    /// The unit with this code (ASCII case aside: `hp-01` is `HP-01`, as unit identity is
    /// everywhere else).
    ///
    /// ```
    /// let r = par_index::Roster { title: String::new(), blocks: vec![], units: vec![] };
    /// assert!(r.unit("X").is_none());
    /// ```
    #[must_use]
    pub fn unit(&self, code: &str) -> Option<&RosterUnit> {
        self.units
            .iter()
            .find(|u| u.code.eq_ignore_ascii_case(code))
    }
}
