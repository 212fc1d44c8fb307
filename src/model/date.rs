//! Calendar dates (`YYYY-MM-DD`) checked to exist.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date in the proleptic Gregorian calendar, written `YYYY-MM-DD`. Only dates
/// that exist parse: `2024-02-29` does, `2023-02-29` and `2024-04-31` do not.
///
/// ```
/// use par_index::Date;
/// let d: Date = "2024-02-29".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
/// assert!("2023-02-29".parse::<Date>().is_err());
/// assert!("2024-01-05".parse::<Date>().unwrap() < d);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, JsonSchema)]
#[schemars(with = "DateSchema")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// A date written `YYYY-MM-DD`.
#[derive(JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct DateSchema(#[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))] String);

impl Date {
    /// 1 January 2000: a date that exists, for code that needs one when another does not.
    #[cfg(feature = "testing")]
    pub(crate) const FALLBACK: Date = Date {
        year: 2000,
        month: 1,
        day: 1,
    };

    /// A date from its parts, if it exists.
    ///
    /// ```
    /// assert!(par_index::Date::new(2024, 12, 31).is_some());
    /// assert!(par_index::Date::new(2024, 13, 1).is_none());
    /// ```
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// The year.
    ///
    /// ```
    /// assert_eq!("2024-03-01".parse::<par_index::Date>().unwrap().year(), 2024);
    /// ```
    #[must_use]
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    ///
    /// ```
    /// assert_eq!("2024-03-01".parse::<par_index::Date>().unwrap().month(), 3);
    /// ```
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    ///
    /// ```
    /// assert_eq!("2024-03-01".parse::<par_index::Date>().unwrap().day(), 1);
    /// ```
    #[must_use]
    pub fn day(self) -> u8 {
        self.day
    }

    /// The date as Vietnamese documents write it: `dd/mm/yyyy`.
    ///
    /// ```
    /// assert_eq!("2024-03-01".parse::<par_index::Date>().unwrap().to_vietnamese(), "01/03/2024");
    /// ```
    #[must_use]
    pub fn to_vietnamese(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// Why a text is not a [`Date`].
///
/// ```
/// let err = "2024-02-30".parse::<par_index::Date>().unwrap_err();
/// assert_eq!(err.to_string(), "`2024-02-30` is not a date that exists (expected YYYY-MM-DD)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date that exists (expected YYYY-MM-DD)")]
pub struct DateError(String);

impl std::str::FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_owned());
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !shape {
            return Err(err());
        }
        let year = s.get(0..4).and_then(|x| x.parse().ok()).ok_or_else(err)?;
        let month = s.get(5..7).and_then(|x| x.parse().ok()).ok_or_else(err)?;
        let day = s.get(8..10).and_then(|x| x.parse().ok()).ok_or_else(err)?;
        Date::new(year, month, day).ok_or_else(err)
    }
}

impl Date {
    /// A date known to exist (compiled-in data, held to its source by a test).
    #[allow(
        dead_code,
        reason = "for sets issued by a decision (the embedded model set has none)"
    )]
    pub(crate) const fn trusted(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// The ISO form, `YYYY-MM-DD`, as bytes: what `Display` writes, with no formatter.
    pub(crate) fn iso(self) -> [u8; 10] {
        let d = |n: u16, div: u16| {
            let digit = n
                .checked_div(div)
                .and_then(|q| q.checked_rem(10))
                .unwrap_or(0);
            b'0'.wrapping_add(u8::try_from(digit).unwrap_or(0))
        };
        let (y, m, day) = (self.year, u16::from(self.month), u16::from(self.day));
        [
            d(y, 1000),
            d(y, 100),
            d(y, 10),
            d(y, 1),
            b'-',
            d(m, 10),
            d(m, 1),
            b'-',
            d(day, 10),
            d(day, 1),
        ]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
