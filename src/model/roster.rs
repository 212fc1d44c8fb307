//! A roster: the units a province scores in a year, each in its ranking block, with the
//! units it was formed from (after the 2025 mergers). Read from TOML or CSV
//! (`read/roster.rs`); used by `rank --roster` to rank each block on its own and to account
//! for every unit on the list.

use rust_decimal::Decimal;
use serde::Serialize;

/// A unit a merged unit was formed from, in an earlier year.
///
/// ```
/// let p = par_index::roster::Predecessor { code: "NG-04".into(), year: 2024, weight: None };
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
/// let u = par_index::roster::RosterUnit {
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
/// let b = par_index::roster::Block { id: "phuong".into(), name: "Phường".into() };
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
/// A roster is checked as it is read: every unit once, every block declared (when blocks are
/// declared), each unit's predecessors distinct, no units formed from each other (a cycle
/// through predecessors of one year), each weight above 0 and at most
/// [`MAX_WEIGHT`] with at most [`WEIGHT_DECIMALS`] decimals (so that no weighted mean can
/// leave the decimal range), and, when the roster gives its `year`, every predecessor of an
/// earlier year (a unit cannot precede itself, or a unit of its own year, or a later one).
/// A roster without its year is checked so against the period of the results it is used
/// with ([`Roster::check_period`]).
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
    /// The year it lists the units of, when it says (`year = 2025`; a `year` column in CSV).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
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
    /// let r = par_index::Roster { title: String::new(), year: None, blocks: vec![], units: vec![] };
    /// assert!(r.unit("X").is_none());
    /// ```
    #[must_use]
    pub fn unit(&self, code: &str) -> Option<&RosterUnit> {
        self.units
            .iter()
            .find(|u| u.code.eq_ignore_ascii_case(code))
    }

    /// The predecessors that cannot be a baseline for results of `period`: of its year or
    /// later (a unit as its own predecessor in the same year, a cycle within a year, a
    /// predecessor from the future). Each is a problem naming the unit and the predecessor;
    /// empty when every predecessor is of an earlier year, or the period names no year.
    ///
    /// ```
    /// let r = par_index::Roster::from_csv_str("code,name,kind,block,predecessors\nX1,Xã Một,xa,xa,X1@2024;X2@2025\n", None).unwrap();
    /// assert!(r.check_period("2024").len() == 2);
    /// let p = r.check_period("2025");
    /// assert_eq!(p.len(), 1);
    /// assert!(p[0].message.contains("X2@2025"), "{}", p[0].message);
    /// assert!(r.check_period("2026").is_empty());
    /// ```
    #[must_use]
    pub fn check_period(&self, period: &str) -> Vec<crate::error::Problem> {
        let Some(year) = period_year(period) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, u) in self.units.iter().enumerate() {
            for (j, p) in u.predecessors.iter().enumerate() {
                if p.year >= year {
                    let what = if p.code.eq_ignore_ascii_case(&u.code) && p.year == year {
                        "a unit cannot be its own predecessor"
                    } else if p.year == year {
                        "a predecessor of the same year is a unit of this year, not one it was formed from"
                    } else {
                        "a predecessor is of an earlier year"
                    };
                    out.push(crate::error::Problem::new(
                        crate::error::ProblemKind::BadValue,
                        None,
                        format!("units[{i}].predecessors[{j}]"),
                        format!(
                            "unit {} lists {}@{} as a predecessor for the results of {year}: {what}",
                            u.code, p.code, p.year
                        ),
                    ));
                }
            }
        }
        out
    }
}

/// The largest weight a predecessor may have.
pub const MAX_WEIGHT: u32 = 1_000_000;

/// The most decimals a predecessor's weight may have.
pub const WEIGHT_DECIMALS: u32 = 9;

/// The year a period names: its first four digits (`2025`, `2025-H1`); `None` otherwise.
pub(crate) fn period_year(period: &str) -> Option<u16> {
    let digits = period.trim().get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether a result of period `then` is earlier than period `now`: by the years they name,
/// else by their text.
pub(crate) fn is_earlier(then: &str, now: &str) -> bool {
    match (period_year(then), period_year(now)) {
        (Some(a), Some(b)) if a != b => a < b,
        _ => then < now,
    }
}
