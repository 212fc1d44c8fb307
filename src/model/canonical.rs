//! Canonical forms and content hashes.
//!
//! A scorecard records a SHA-256 of the methodology and of the submission it was computed
//! from, so that an auditor can tell whether the facts behind a published index are the ones
//! on file. The hash is taken over a **canonical form**, so that it depends on the facts
//! only, not on how a file happens to be written:
//!
//! - the value is read into its typed form first (defaults filled in, unknown keys already
//!   rejected), so whitespace, comments, key order and the choice between `912` and `"912"`
//!   do not matter;
//! - every decimal is normalised (`0.50` → `0.5`, `1000.0` → `1000`);
//! - lists whose order carries no meaning are sorted: evidence documents, and the areas and
//!   items of a methodology (by code);
//! - the result is written in the JSON Canonicalization Scheme, **RFC 8785 (JCS)**: compact
//!   JSON, object keys sorted by their UTF-16 code units, no insignificant whitespace, strings
//!   escaped as ECMAScript's `JSON.stringify` escapes them (only `"`, `\\` and control
//!   characters; `\b \t \n \f \r` short, others as `\u00xx`). Decimals are strings in the
//!   canonical form and integers are small, so JCS's number rule (ECMAScript's shortest
//!   double) never applies. A property test (`tests/canonical.rs`) holds the output to a
//!   maintained JCS implementation (`serde_json_canonicalizer`) on arbitrary values.
//!
//! ```
//! use par_index::canonical::{canonical_json, sha256_hex};
//! let v = serde_json::json!({"b": 1, "a": {"d": "x", "c": [2, 1]}});
//! assert_eq!(canonical_json(&v), r#"{"a":{"c":[2,1],"d":"x"},"b":1}"#);
//! assert_eq!(sha256_hex(b"abc"),
//!     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
//! ```

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The RFC 8785 (JCS) form of a JSON value: compact, object keys sorted by their UTF-16 code
/// units whatever the map type `serde_json` was built with. Numbers are written as
/// `serde_json` writes them, which is JCS's form for integers; values in par-index's canonical
/// forms hold no other numbers (decimals are strings).
///
/// ```
/// let v = serde_json::json!({"β": true, "a": null, "Z": [1, "2"]});
/// assert_eq!(par_index::canonical::canonical_json(&v), r#"{"Z":[1,"2"],"a":null,"β":true}"#);
/// // UTF-16 order, as RFC 8785 says: U+1F600 (a surrogate pair, 0xD83D…) sorts before U+FB01.
/// let v = serde_json::json!({"\u{fb01}": 1, "\u{1f600}": 2});
/// assert_eq!(par_index::canonical::canonical_json(&v), "{\"\u{1f600}\":2,\"\u{fb01}\":1}");
/// ```
#[must_use]
pub fn canonical_json(value: &Value) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, and serde_json writes only UTF-8.
    let _ = write(value, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn write<W: std::io::Write>(value: &Value, out: &mut W) -> std::io::Result<()> {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            // RFC 8785 §3.2.3: by UTF-16 code units. It equals UTF-8 byte order except for
            // characters above U+FFFF against U+E000–U+FFFF.
            entries.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
            out.write_all(b"{")?;
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                serde_json::to_writer(&mut *out, k.as_str())?;
                out.write_all(b":")?;
                write(v, out)?;
            }
            out.write_all(b"}")
        }
        Value::Array(items) => {
            out.write_all(b"[")?;
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                write(v, out)?;
            }
            out.write_all(b"]")
        }
        other => serde_json::to_writer(&mut *out, other).map_err(std::io::Error::other),
    }
}

fn hex(digest: &[u8]) -> String {
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(hex_digit(b >> 4));
        s.push(hex_digit(b & 0x0f));
    }
    s
}

/// The SHA-256 of some bytes, as 64 lowercase hex digits.
///
/// ```
/// assert_eq!(par_index::canonical::sha256_hex(b"").len(), 64);
/// ```
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).unwrap_or('0')
}

/// The canonical JSON of a serialisable value that has already been put in canonical form
/// (decimals normalised, unordered lists sorted).
pub(crate) fn canonical_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .map(|v| canonical_json(&v))
        .unwrap_or_default()
}

/// The SHA-256 (hex) of the canonical JSON of a value in canonical form.
pub(crate) fn sha256_of<T: serde::Serialize>(value: &T) -> String {
    let mut out = HashWriter::new();
    match serde_json::to_value(value) {
        Ok(v) => {
            let _ = write(&v, &mut out);
        }
        Err(_) => return sha256_hex(b""),
    }
    out.finish()
}

/// A writer that hashes what is written to it: bytes gather in a fixed block that is fed to
/// SHA-256 when full, so canonical JSON is hashed as it is written, with no string of it.
pub(crate) struct HashWriter {
    hasher: Sha256,
    block: [u8; 4096],
    len: usize,
}

impl HashWriter {
    pub(crate) fn new() -> HashWriter {
        HashWriter {
            hasher: Sha256::new(),
            block: [0; 4096],
            len: 0,
        }
    }

    /// The SHA-256 of everything written, in hex.
    pub(crate) fn finish(mut self) -> String {
        self.hasher
            .update(self.block.get(..self.len).unwrap_or_default());
        hex(&self.hasher.finalize())
    }
}

impl HashWriter {
    /// Hash the block, then take the bytes (hashed at once when they fill a block).
    #[cold]
    fn spill(&mut self, bytes: &[u8]) {
        self.hasher
            .update(self.block.get(..self.len).unwrap_or_default());
        self.len = 0;
        if bytes.len() >= self.block.len() {
            self.hasher.update(bytes);
        } else if let Some(dst) = self.block.get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
            self.len = bytes.len();
        }
    }
}

impl std::io::Write for HashWriter {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let end = self.len.saturating_add(bytes.len());
        match self.block.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(bytes);
                self.len = end;
            }
            None => self.spill(bytes),
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What one pass over a text finds: whether it is NFC (as [`crate::model::text::is_nfc`]
/// decides it) and whether JCS escapes any of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextState {
    pub(crate) nfc: bool,
    pub(crate) escape: bool,
}

/// [`TextState`] of a text, in one pass over its bytes for the usual text (ASCII, Latin,
/// Vietnamese); any other character leaves the decision to Unicode's own check.
pub(crate) fn text_state(s: &str) -> TextState {
    let bytes = s.as_bytes();
    let mut escape = false;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if b < 0xCC {
            // ASCII, a continuation byte, or the lead byte of a character below U+0300.
            escape |= needs_escape(b);
            i = i.wrapping_add(1);
        } else if b == 0xE1 && matches!(bytes.get(i.wrapping_add(1)), Some(0xB8..=0xBB)) {
            // U+1E00–U+1EFF: three bytes, none of them an escape.
            i = i.wrapping_add(3);
        } else {
            // Anything else: Unicode's own check decides, for the whole text.
            return TextState {
                nfc: crate::model::text::is_nfc(s),
                escape: s.bytes().any(needs_escape),
            };
        }
    }
    TextState { nfc: true, escape }
}

/// Write a JSON string in canonical form: Unicode NFC, escaped as JCS escapes it.
pub(crate) fn write_text<W: std::io::Write>(out: &mut W, s: &str) -> std::io::Result<()> {
    let state = text_state(s);
    if !state.nfc {
        let s = crate::model::text::nfc(s);
        return serde_json::to_writer(out, &s).map_err(std::io::Error::other);
    }
    write_plain_or_escaped(out, s, state.escape)
}

/// [`write_text`] of a text known to be NFC.
pub(crate) fn write_nfc_text<W: std::io::Write>(out: &mut W, s: &str) -> std::io::Result<()> {
    write_plain_or_escaped(out, s, s.bytes().any(needs_escape))
}

/// The bytes JCS escapes: `"`, `\\` and controls.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

pub(crate) fn write_plain_or_escaped<W: std::io::Write>(
    out: &mut W,
    s: &str,
    escape: bool,
) -> std::io::Result<()> {
    if escape {
        return serde_json::to_writer(out, s).map_err(std::io::Error::other);
    }
    // Most text needs no escape: one copy.
    out.write_all(b"\"")?;
    out.write_all(s.as_bytes())?;
    out.write_all(b"\"")
}

/// Write a date as its serde form writes it (`"2024-01-10"`).
pub(crate) fn write_date<W: std::io::Write>(
    out: &mut W,
    d: crate::model::date::Date,
) -> std::io::Result<()> {
    if d.year() > 9999 {
        return write_scalar(out, &d);
    }
    out.write_all(b"\"")?;
    out.write_all(&d.iso())?;
    out.write_all(b"\"")
}

/// Write a decimal, normalised, as its serde form writes it (`"0.05"`, `"-12"`), without
/// the formatting machinery: the digits of a mantissa that fits in 64 bits are written from a
/// buffer on the stack; a larger one goes through serde. A test holds it to serde's form.
pub(crate) fn write_decimal<W: std::io::Write>(
    out: &mut W,
    d: rust_decimal::Decimal,
) -> std::io::Result<()> {
    let d = d.normalize();
    let Ok(mut u) = u64::try_from(d.mantissa().unsigned_abs()) else {
        return write_scalar(out, &d);
    };
    let scale = usize::try_from(d.scale()).unwrap_or(usize::MAX);
    // At most 20 digits, the point, up to 28 zeros after it and one before, a sign, quotes.
    let mut buf = [0u8; 56];
    let mut at = buf.len();
    let mut put = |b: u8| {
        at = at.saturating_sub(1);
        if let Some(slot) = buf.get_mut(at) {
            *slot = b;
        }
    };
    put(b'"');
    let mut digits = 0usize;
    loop {
        // `u % 10` is below 10.
        put(b'0'.wrapping_add(u8::try_from(u % 10).unwrap_or(0)));
        u /= 10;
        digits = digits.saturating_add(1);
        if digits == scale {
            put(b'.');
        }
        if u == 0 && digits > scale {
            break;
        }
    }
    if d.is_sign_negative() {
        put(b'-');
    }
    put(b'"');
    out.write_all(buf.get(at..).unwrap_or_default())
}

/// Write an object key known to need no escape (a fixed ASCII name) and its colon.
pub(crate) fn write_key<W: std::io::Write>(out: &mut W, key: &str) -> std::io::Result<()> {
    out.write_all(b"\"")?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\":")
}

/// Write any scalar (decimal, date, number, bool, null) as its serde form writes it.
pub(crate) fn write_scalar<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: &mut W,
    v: &T,
) -> std::io::Result<()> {
    serde_json::to_writer(out, v).map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::{HashWriter, sha256_hex, write_decimal};
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use std::io::Write;

    fn written(d: Decimal) -> String {
        let mut out = Vec::new();
        write_decimal(&mut out, d).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The decimal writer writes what serde writes of the normalised decimal.
    #[test]
    fn decimals_are_written_as_serde_writes_them() {
        for (d, want) in [
            ("0", "\"0\""),
            ("-0.00", "\"0\""),
            ("0.05", "\"0.05\""),
            ("-0.5", "\"-0.5\""),
            ("1000.0", "\"1000\""),
            ("912", "\"912\""),
            ("12.50", "\"12.5\""),
            (
                "0.0000000000000000000000000001",
                "\"0.0000000000000000000000000001\"",
            ),
            ("18446744073709551615", "\"18446744073709551615\""),
            ("-18446744073709551616", "\"-18446744073709551616\""),
            (
                "79228162514264337593543950335",
                "\"79228162514264337593543950335\"",
            ),
        ] {
            let d: Decimal = d.parse().unwrap();
            assert_eq!(written(d), want);
            assert_eq!(written(d), serde_json::to_string(&d.normalize()).unwrap());
        }
    }

    /// The one-pass look at a text finds what `is_nfc` (Unicode's quick check: a text it
    /// calls "maybe" NFC counts as not, and is normalised when written) and a scan for escapes
    /// find: combining marks whose second byte looks like that of U+1E00–U+1EFF (U+0338 is
    /// `CC B8`) included.
    #[test]
    fn the_state_of_a_text_is_found_in_one_pass() {
        for (s, nfc, escape) in [
            ("Xã Đồng Tâm, UBND", true, false),
            ("Báo cáo \"kết quả\"", true, true),
            ("ệ\n", true, true),
            ("<\u{0338}", false, false),
            ("a\u{0338}\t", false, true),
            ("e\u{0301}", false, false),
            ("\u{1EC7}\u{0323}", false, false),
            ("ε\u{0301}\\", false, true),
            ("", true, false),
        ] {
            assert_eq!(
                super::text_state(s),
                super::TextState { nfc, escape },
                "{s:?}"
            );
        }
    }

    proptest! {
        #[test]
        fn the_state_of_any_text_is_the_quick_checks(
            s in "[a-zA-Z \"\\\\\n\t\u{1}àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ\u{300}-\u{36f}\u{1e00}-\u{1eff}<=>\u{338}Ωε]{0,24}"
        ) {
            let nfc = crate::model::text::is_nfc(&s);
            let escape = s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(super::text_state(&s), super::TextState { nfc, escape });
        }
    }

    proptest! {
        #[test]
        fn any_decimal_is_written_as_serde_writes_it(
            lo in any::<u64>(), hi in any::<u32>(), wide in any::<bool>(),
            scale in 0u32..=28, negative in any::<bool>(),
        ) {
            let hi = if wide { hi } else { 0 };
            let d = Decimal::from_parts(lo as u32, (lo >> 32) as u32, hi, negative, scale);
            prop_assert_eq!(written(d), serde_json::to_string(&d.normalize()).unwrap());
        }
    }

    /// The hashing writer hashes exactly what is written, whatever the sizes of the writes:
    /// small ones gathered in its block, ones larger than the block hashed at once, through
    /// `write` and `write_all`.
    #[test]
    fn the_hashing_writer_hashes_what_is_written() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        for sizes in [
            &[1usize, 7, 4095, 1, 4096, 9000][..],
            &[10_000],
            &[4096, 4096],
            &[3],
        ] {
            let mut w = HashWriter::new();
            let mut at = 0;
            for (k, n) in sizes.iter().cycle().enumerate() {
                if at >= data.len() {
                    break;
                }
                let end = (at + n).min(data.len());
                let chunk = &data[at..end];
                if k % 2 == 0 {
                    assert_eq!(w.write(chunk).unwrap(), chunk.len());
                } else {
                    w.write_all(chunk).unwrap();
                }
                at = end;
            }
            w.flush().unwrap();
            assert_eq!(w.finish(), sha256_hex(&data), "{sizes:?}");
        }
    }
}
