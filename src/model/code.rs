//! Dotted item codes (`3`, `3.2`, `3.2.1`, `S.1`) with a natural order.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use crate::model::text::is_invisible;
use crate::model::text::printable;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A dotted code of an area, criterion or sub-criterion: segments of ASCII letters and
/// digits separated by dots. Codes order naturally: `1.2` before `1.10`, digits before
/// letters (`8` before `S`).
///
/// ```
/// use par_index::Code;
/// let a: Code = "1.2".parse().unwrap();
/// let b: Code = "1.10".parse().unwrap();
/// assert!(a < b);
/// assert_eq!(b.parent().unwrap().as_str(), "1");
/// assert!("1..2".parse::<Code>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, JsonSchema)]
#[schemars(transparent)]
// Shared text: a code is copied into every scorecard node, trace and index that names it,
// and a clone is a count, not an allocation.
pub struct Code(#[schemars(regex(pattern = r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$"))] Arc<str>);

impl Code {
    /// A code from text known to be one (compiled-in data, held to its source by a test).
    pub(crate) fn trusted(s: &str) -> Code {
        Code(Arc::from(s))
    }

    /// The code as written.
    ///
    /// ```
    /// assert_eq!("3.2.1".parse::<par_index::Code>().unwrap().as_str(), "3.2.1");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code one level up (`3.2` for `3.2.1`), `None` for an area.
    ///
    /// ```
    /// let c: par_index::Code = "3".parse().unwrap();
    /// assert!(c.parent().is_none());
    /// ```
    #[must_use]
    pub fn parent(&self) -> Option<Code> {
        self.0
            .rfind('.')
            .map(|i| Code(Arc::from(self.0.get(..i).unwrap_or_default())))
    }

    /// The number of segments: 1 for an area, 2 for a criterion, 3 for a sub-criterion.
    ///
    /// ```
    /// assert_eq!("3.2.1".parse::<par_index::Code>().unwrap().depth(), 3);
    /// ```
    #[must_use]
    pub fn depth(&self) -> usize {
        self.0.split('.').count()
    }

    /// The first segment: the code of the area the item belongs to.
    ///
    /// ```
    /// assert_eq!("3.2.1".parse::<par_index::Code>().unwrap().area(), "3");
    /// ```
    #[must_use]
    pub fn area(&self) -> &str {
        self.0.split('.').next().unwrap_or_default()
    }
}

/// Why a text is not a [`Code`], naming the character at fault: codes are ASCII letters and
/// digits in dot-separated segments, so that a stray space, a full-width digit typed by an
/// Asian keyboard or a look-alike letter from another script is caught, not matched.
///
/// ```
/// let err = "".parse::<par_index::Code>().unwrap_err();
/// assert!(err.to_string().contains("empty"));
/// let err = "１.2.1".parse::<par_index::Code>().unwrap_err();
/// assert!(err.to_string().contains("`１` (U+FF11)"), "{err}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeError(String);

impl std::error::Error for CodeError {}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        let why = if s.is_empty() {
            "it is empty".to_owned()
        } else if let Some(c) = s.chars().find(|c| *c != '.' && !c.is_ascii_alphanumeric()) {
            if c.is_whitespace() {
                "it contains a space".to_owned()
            } else {
                format!(
                    "it contains `{c}` (U+{:04X}), which is not an ASCII letter or digit",
                    u32::from(c)
                )
            }
        } else {
            "it has an empty segment".to_owned()
        };
        write!(
            f,
            "`{s}` is not an item code: {why} (codes are ASCII letters and digits separated by dots, like `3.2.1`)"
        )
    }
}

impl std::str::FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Code, CodeError> {
        let ok = !s.is_empty()
            && s.split('.')
                .all(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_alphanumeric()));
        if ok {
            Ok(Code(Arc::from(s)))
        } else {
            Err(CodeError(s.to_owned()))
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn cmp_segment(a: &[u8], b: &[u8]) -> Ordering {
    let an = a.iter().all(u8::is_ascii_digit);
    let bn = b.iter().all(u8::is_ascii_digit);
    match (an, bn) {
        (true, true) => {
            let a = trim_zeros(a);
            let b = trim_zeros(b);
            a.len().cmp(&b.len()).then_with(|| a.cmp(b))
        }
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|c| *c != b'0').unwrap_or(s.len());
    s.get(start..).unwrap_or_default()
}

impl Ord for Code {
    fn cmp(&self, other: &Code) -> Ordering {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        if a == b {
            return Ordering::Equal;
        }
        // The segments before the first differing byte are the same text: compare from the
        // segment where the codes first differ (most comparisons decide there).
        let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let from = a
            .get(..same)
            .and_then(|p| p.iter().rposition(|c| *c == b'.'))
            .map_or(0, |i| i.saturating_add(1));
        let (ra, rb) = (
            a.get(from..).unwrap_or_default(),
            b.get(from..).unwrap_or_default(),
        );
        natural(ra, rb).then_with(|| a.cmp(b))
    }
}

/// Segment by segment: numbers by value, digits before letters; a code that is a prefix of
/// another comes first.
fn natural(a: &[u8], b: &[u8]) -> Ordering {
    let mut a = a.split(|c| *c == b'.');
    let mut b = b.split(|c| *c == b'.');
    loop {
        match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match cmp_segment(x, y) {
                Ordering::Equal => {}
                other => return other,
            },
        }
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The look-alike an ASCII reader would take a character for, if it is a common one: dashes
/// and minus signs, Greek and Cyrillic capitals and small letters shaped like Latin ones, and
/// full-width forms.
fn looks_like(c: char) -> Option<char> {
    let ascii = match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
        'Α' | 'А' => 'A',
        'Β' | 'В' => 'B',
        'Ε' | 'Е' => 'E',
        'Ζ' => 'Z',
        'Η' | 'Н' => 'H',
        'Ι' | 'І' => 'I',
        'Κ' | 'К' => 'K',
        'Μ' | 'М' => 'M',
        'Ν' => 'N',
        'Ο' | 'О' => 'O',
        'Ρ' | 'Р' => 'P',
        'Τ' | 'Т' => 'T',
        'Υ' => 'Y',
        'Χ' | 'Х' => 'X',
        'С' => 'C',
        'а' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' => 'p',
        'с' => 'c',
        'х' => 'x',
        'у' => 'y',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c).wrapping_sub(0xFEE0)).unwrap_or(c),
        _ => return None,
    };
    Some(ascii)
}

/// A character named for a message: `` `Ν` (U+039D, looks like `N`) ``.
pub(crate) fn describe_char(c: char) -> String {
    let shown = if c.is_control() || is_invisible(c) {
        String::new()
    } else {
        format!("`{c}` ")
    };
    let what = if c == ' ' {
        ", a space".to_owned()
    } else if c == '\n' || c == '\r' {
        ", a line break".to_owned()
    } else if c == '\t' {
        ", a tab".to_owned()
    } else if c.is_control() {
        ", a control character".to_owned()
    } else if c.is_whitespace() {
        ", a white space".to_owned()
    } else if is_invisible(c) {
        ", an invisible formatting character".to_owned()
    } else {
        match looks_like(c) {
            Some(a) => format!(", looks like `{a}`"),
            None => String::new(),
        }
    };
    format!("{shown}(U+{:04X}{what})", u32::from(c))
}

/// The most characters a unit code or a methodology id may have.
pub(crate) const IDENT_MAX: usize = 64;

/// Why `s` is not an identifier (a unit code or a methodology id), if it is not: 1 to 64
/// ASCII letters, digits, `-`, `_` and `.`, starting with a letter or a digit. Look-alikes
/// (a Greek `Ν`, a non-breaking hyphen `‑`), spaces and invisible characters are named.
/// `NG-04` and `10507` are identifiers; `NG-04 ` and `ΝG-04` are not.
pub(crate) fn ident_problem(s: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let why = if s.is_empty() {
        "it is empty".to_owned()
    } else if let Some(c) = s.chars().find(|c| !allowed(*c)) {
        format!("it contains {}", describe_char(c))
    } else if !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        "it does not start with a letter or a digit".to_owned()
    } else if s.len() > IDENT_MAX {
        format!("it is longer than {IDENT_MAX} characters")
    } else {
        return None;
    };
    Some(format!(
        "`{}` is not a code: {why} (codes are ASCII letters, digits, `-`, `_` and `.`, like `NG-04`)",
        printable(s)
    ))
}
