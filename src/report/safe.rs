//! Safe output: text from input printed so that it cannot move a terminal's cursor, recolour
//! it, reorder a line or break a table.

use crate::model::code::is_invisible;

/// Text made safe to print in a terminal, a message or a report: control characters (but
/// line feeds, tabs and the carriage return of a CRLF line end), and invisible or
/// bidirectional formatting characters, are written as `\uXXXX` escapes, so that no input
/// can move the cursor, recolour a terminal or reorder a line. The escape is JSON's, so JSON
/// text stays valid JSON with the same strings.
///
/// ```
/// use par_index::printable;
/// assert_eq!(printable("Xã A\u{1b}[2J"), "Xã A\\u001b[2J");
/// assert_eq!(printable("a\u{202e}b"), "a\\u202eb");
/// assert_eq!(printable("line 1\r\nline 2\tx"), "line 1\r\nline 2\tx");
/// assert_eq!(printable("Xã Đồng Tâm"), "Xã Đồng Tâm");
/// assert_eq!(printable("\u{feff}a,b\r\n"), "\u{feff}a,b\r\n"); // a CSV's byte-order mark
/// ```
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
    let mut chars = s.chars().peekable();
    let mut found = false;
    while let Some(c) = chars.next() {
        if bad(c, chars.peek().copied()) {
            found = true;
            break;
        }
    }
    if !found {
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
