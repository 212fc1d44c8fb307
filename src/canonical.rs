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
//! - the result is written as compact JSON with object keys sorted by their UTF-8 bytes, no
//!   insignificant whitespace, and strings escaped as `serde_json` escapes them.
//!
//! ```
//! use par_index::{canonical_json, sha256_hex};
//! let v = serde_json::json!({"b": 1, "a": {"d": "x", "c": [2, 1]}});
//! assert_eq!(canonical_json(&v), r#"{"a":{"c":[2,1],"d":"x"},"b":1}"#);
//! assert_eq!(sha256_hex(b"abc"),
//!     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
//! ```

use serde_json::Value;
use sha2::{Digest, Sha256};

/// Compact JSON with object keys sorted by their UTF-8 bytes, whatever the map type of
/// `serde_json` was built with.
///
/// ```
/// let v = serde_json::json!({"β": true, "a": null, "Z": [1, "2"]});
/// assert_eq!(par_index::canonical_json(&v), r#"{"Z":[1,"2"],"a":null,"β":true}"#);
/// ```
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The SHA-256 of some bytes, as 64 lowercase hex digits.
///
/// ```
/// assert_eq!(par_index::sha256_hex(b"").len(), 64);
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(hex_digit(b >> 4));
        s.push(hex_digit(b & 0x0f));
    }
    s
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
