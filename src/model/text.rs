//! Bilingual text: Vietnamese as written in the source, with an optional English gloss.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of a rendering.
///
/// ```
/// use par_index::Lang;
/// assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
/// assert_eq!(Lang::default(), Lang::Vi);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = crate::error::UnknownName;
    fn from_str(s: &str) -> Result<Lang, Self::Err> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            other => Err(crate::error::UnknownName {
                what: "language",
                found: other.to_owned(),
                expected: "vi or en",
            }),
        }
    }
}

/// A title or name: Vietnamese as in the source document, with an English gloss.
///
/// ```
/// use par_index::{Lang, Text};
/// let t = Text::new("Cải cách thể chế", Some("Institutional reform"));
/// assert_eq!(t.get(Lang::Vi), "Cải cách thể chế");
/// assert_eq!(t.get(Lang::En), "Institutional reform");
/// assert_eq!(Text::new("Tốt", None).get(Lang::En), "Tốt");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Vietnamese, as written in the source.
    pub vi: String,
    /// English gloss, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A text from Vietnamese and an optional English gloss.
    ///
    /// ```
    /// assert_eq!(par_index::Text::new("Khá", Some("Fair")).vi, "Khá");
    /// ```
    pub fn new(vi: &str, en: Option<&str>) -> Text {
        Text {
            vi: vi.to_owned(),
            en: en.map(str::to_owned),
        }
    }

    /// The text in `lang`; English falls back to Vietnamese when no gloss is given.
    ///
    /// ```
    /// use par_index::{Lang, Text};
    /// assert_eq!(Text::new("Kém", Some("Poor")).get(Lang::En), "Poor");
    /// ```
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.vi,
        }
    }
}

/// Text made safe to print in a terminal, a message or a report: control characters (but
/// line feeds, tabs and the carriage return of a CRLF line end), and invisible or
/// bidirectional formatting characters, are written as `\uXXXX` escapes, so that no input
/// can move the cursor, recolour a terminal or reorder a line. The escape is JSON's, so JSON
/// text stays valid JSON with the same strings.
///
/// ```
/// use par_index::report::words::printable;
/// assert_eq!(printable("Xã A\u{1b}[2J"), "Xã A\\u001b[2J");
/// assert_eq!(printable("a\u{202e}b"), "a\\u202eb");
/// assert_eq!(printable("line 1\r\nline 2\tx"), "line 1\r\nline 2\tx");
/// assert_eq!(printable("Xã Đồng Tâm"), "Xã Đồng Tâm");
/// assert_eq!(printable("\u{feff}a,b\r\n"), "\u{feff}a,b\r\n"); // a CSV's byte-order mark
/// ```
#[must_use]
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char, next: Option<char>| {
        (c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && next == Some('\n')))
            || is_invisible(c)
    };
    // A byte-order mark that starts a text (CSV for Excel) is the text's own.
    let whole = s;
    let (bom, s) = match s.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", s),
    };
    if !has_unprintable(s, bad) {
        return std::borrow::Cow::Borrowed(whole);
    }
    let mut out = String::with_capacity(s.len().saturating_add(8));
    out.push_str(bom);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if bad(c, chars.peek().copied()) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`printable`] of a text owned: the same text, not copied, when it is printable already.
pub(crate) fn into_printable(s: String) -> String {
    match printable(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(changed) => changed,
    }
}

/// Whether `s` holds a character that is `bad` (given the character after it), looked for
/// byte by byte: only a control byte or the first bytes of the blocks that hold a control or
/// invisible character (U+0080–U+00BF, U+0600–U+063F, U+1800–U+183F, U+2000–U+207F,
/// U+FEC0–U+FEFF, U+FFC0–U+FFFF) are decoded and asked; the rest (ASCII, the Vietnamese
/// letters) is passed over. A report of megabytes is checked in milliseconds.
fn has_unprintable(s: &str, bad: impl Fn(char, Option<char>) -> bool) -> bool {
    let b = s.as_bytes();
    let next = |i: usize| b.get(i.saturating_add(1)).copied();
    let suspect = |i: usize, x: u8| match x {
        b'\n' | b'\t' => false,
        0x00..=0x1F | 0x7F | 0xC2 | 0xD8 => true,
        0xE1 => next(i) == Some(0xA0),
        0xE2 => matches!(next(i), Some(0x80 | 0x81)),
        0xEF => matches!(next(i), Some(0xBB | 0xBF)),
        _ => false,
    };
    // Runs of printable ASCII, line feeds and tabs (most of a report) are passed over 32
    // bytes at a time.
    let plain = |x: u8| (0x20..0x7F).contains(&x) || x == b'\n' || x == b'\t';
    let mut i = 0usize;
    while let Some(rest) = b.get(i..) {
        let skip = rest
            .chunks_exact(32)
            .take_while(|c| c.iter().fold(true, |all, &x| all & plain(x)))
            .count()
            .saturating_mul(32);
        i = i.saturating_add(skip);
        let rest = b.get(i..).unwrap_or_default();
        let Some(at) = rest
            .iter()
            .take(32)
            .enumerate()
            .position(|(k, &x)| suspect(i.saturating_add(k), x))
        else {
            if rest.len() <= 32 {
                return false;
            }
            i = i.saturating_add(32);
            continue;
        };
        i = i.saturating_add(at);
        // A suspect byte is ASCII or a lead byte: a character starts there.
        let mut chars = s.get(i..).unwrap_or_default().chars();
        let Some(c) = chars.next() else {
            return false;
        };
        if bad(c, chars.next()) {
            return true;
        }
        i = i.saturating_add(c.len_utf8());
    }
    false
}

/// Text in Unicode normalisation form C. Vietnamese can be typed with precomposed letters
/// (NFC, `ệ` as one code point) or with combining marks (NFD, `e` + two marks), depending on
/// the keyboard and the system; read text is normalised so that the same words compare, hash
/// and sort the same however they were typed. Codes are ASCII and unaffected.
pub(crate) fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Whether a text is already in NFC, decided cheaply for the text par-index reads: every
/// character below U+0300 (ASCII, Latin-1, Latin Extended-A and B: `ă â đ ê ô ơ ư`) and in
/// Latin Extended Additional (U+1E00–U+1EFF: `ạ ả ấ … ỹ`, the rest of Vietnamese) is its own
/// NFC and composes with nothing before it, so a text of only those is NFC. Anything else
/// (a combining mark, another script) goes to Unicode's quick check.
pub(crate) fn is_nfc(s: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // By UTF-8 bytes: a byte below 0xCC is ASCII, a continuation byte, or the lead byte of
    // a character below U+0300; 0xE1 0xB8..=0xBB leads U+1E00–U+1EFF.
    let bytes = s.as_bytes();
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if b < 0xCC {
            i = i.wrapping_add(1);
        } else if b == 0xE1 && matches!(bytes.get(i.wrapping_add(1)), Some(0xB8..=0xBB)) {
            i = i.wrapping_add(3);
        } else {
            return matches!(is_nfc_quick(s.chars()), IsNormalized::Yes);
        }
    }
    true
}

/// Characters that print as nothing or reorder text: zero-width spaces and joiners, the
/// soft hyphen, bidirectional marks, embeddings, overrides and isolates, the byte-order mark.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use unicode_normalization::{IsNormalized, is_nfc_quick};

    /// The byte scan finds what a scan of every character finds, for every character of the
    /// blocks it passes over or asks about, alone, before a line feed and between letters.
    #[test]
    fn the_byte_scan_for_unprintable_text_agrees_with_every_character() {
        let bad = |c: char, next: Option<char>| {
            (c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && next == Some('\n')))
                || super::is_invisible(c)
        };
        let every = |s: &str| {
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if bad(c, chars.peek().copied()) {
                    return true;
                }
            }
            false
        };
        let blocks = ('\0'..='\u{2FFF}')
            .chain('\u{FE00}'..='\u{FFFF}')
            .chain(['\u{1F600}']);
        let mut seen_bad = 0;
        for c in blocks {
            for s in [
                c.to_string(),
                format!("{c}\n"),
                format!("Xã {c}ệ"),
                format!("ạ{c}"),
                // Across and after the 32-byte runs the scan passes over.
                format!("{}{c}{}", "a".repeat(31), "b\n".repeat(20)),
                format!("{}{c}", "x\t".repeat(32)),
                format!("{}ệ{c}z", "a".repeat(40)),
            ] {
                assert_eq!(super::has_unprintable(&s, bad), every(&s), "{:?}", s);
            }
            seen_bad += usize::from(every(&c.to_string()));
        }
        // 31 controls below U+0020 but the tab and line feed (and the lone carriage return),
        // U+007F–U+009F, and the invisible characters.
        assert!(seen_bad > 60, "{seen_bad}");
    }

    /// The ranges `is_nfc` decides alone are NFC by Unicode's own quick check, one by one
    /// and in any pair (they are all starters).
    #[test]
    fn the_cheap_nfc_ranges_agree_with_unicode() {
        let simple = ('\0'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}');
        for c in simple.clone() {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert!(super::is_nfc(&c.to_string()));
        }
        for (a, b) in [
            ('e', '\u{1EC7}'),
            ('\u{1EA1}', 'a'),
            ('\u{1B0}', '\u{1EEB}'),
        ] {
            assert_eq!(is_nfc_quick([a, b].into_iter()), IsNormalized::Yes);
        }
        // A combining mark is not decided by the cheap ranges.
        assert!(!super::is_nfc("e\u{302}\u{323}"));
        assert!(super::is_nfc("\u{1EC7}"));
    }
}
