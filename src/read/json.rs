//! A strict JSON reader (RFC 8259) into the shared document tree.
//!
//! Why not `serde_json`: without its crate-wide `arbitrary_precision` feature (which would
//! change `serde_json` for every crate an embedder builds) it reads `0.1` through a binary float,
//! and it stops at the first problem. This reader keeps every number as the text written,
//! records positions, rejects duplicate keys and bounds nesting depth.

use crate::error::{Problem, ProblemKind};
use crate::read::tree::Reader;
use crate::read::tree::{Node, Str, Value};

/// Parse JSON text into a tree. A syntax error is one problem; duplicate keys are collected
/// as problems too (the first value is kept).
pub(crate) fn parse_json(src: &str) -> Result<Node, Vec<Problem>> {
    parse_json_with(src, &crate::read::limits::Limits::default())
}

/// [`parse_json`] within limits: the size is checked before anything is read, the depth as
/// it is read.
pub(crate) fn parse_json_with(
    src: &str,
    limits: &crate::read::limits::Limits,
) -> Result<Node, Vec<Problem>> {
    if let Some(p) = limits.check_input(src.len()) {
        return Err(vec![p]);
    }
    // Editors on Windows often save UTF-8 with a byte-order mark; it is not part of the JSON.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut p = Parser::new(src, limits);
    let result = p.skip_ws().and_then(|()| p.value(0)).and_then(|node| {
        p.skip_ws()?;
        if p.at < p.src.len() {
            return Err(p.error("unexpected text after the JSON value"));
        }
        Ok(node)
    });
    match result {
        Err(e) => Err(vec![e]),
        Ok(_) if !p.dups.is_empty() => Err(p.dups),
        Ok(node) => Ok(node),
    }
}

/// Parse JSON text whose top level is an array one element at a time: `each` gets every
/// element's tree, with its index, and the tree is dropped before the next is read, so the
/// memory needed is that of one element ([`crate::Limits::values`] applies to each); `each`
/// returns false to stop reading. Returns `Ok(false)` when the top level is not an array
/// (nothing is read), and the first syntax or limit problem as an error.
pub(crate) fn for_each_element(
    src: &str,
    limits: &crate::read::limits::Limits,
    each: &mut dyn FnMut(usize, Node) -> bool,
) -> Result<bool, Vec<Problem>> {
    if let Some(p) = limits.check_input(src.len()) {
        return Err(vec![p]);
    }
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut p = Parser::new(src, limits);
    let mut run = |p: &mut Parser<'_>| -> Result<bool, Problem> {
        p.skip_ws()?;
        if p.peek() != Some(b'[') {
            return Ok(false);
        }
        p.bump();
        p.skip_ws()?;
        if p.peek() == Some(b']') {
            p.bump();
        } else {
            let mut i = 0usize;
            loop {
                p.skip_ws()?;
                if i >= p.limits.array_elements {
                    return Err(p.too_large(format!(
                        "an array of more than {} elements (the limit of elements in an array)",
                        p.limits.array_elements
                    )));
                }
                p.values = 0;
                p.path.push(Seg::Index(i));
                let node = p.value(1);
                p.path.pop();
                let node = node?;
                if !p.dups.is_empty() {
                    return Err(p.dups.remove(0));
                }
                if !each(i, node) {
                    return Ok(true);
                }
                i = i.saturating_add(1);
                p.skip_ws()?;
                match p.bump() {
                    Some(b',') => continue,
                    Some(b']') => break,
                    _ => return Err(p.error("expected `,` or `]` in an array")),
                }
            }
        }
        p.skip_ws()?;
        if p.at < p.src.len() {
            return Err(p.error("unexpected text after the JSON value"));
        }
        Ok(true)
    };
    run(&mut p).map_err(|e| vec![e])
}

/// Check JSON text as [`parse_json_with`] reads it, without building its tree: `Some` when
/// that reader would give a tree, with the top-level object's `format` when it is a plain
/// string; `None` when it would report a problem, or when this check is not sure (a string
/// with an escape): the caller then parses the text, which finds and places the problem.
/// Syntax, depth, the number of values, keys and elements, and duplicate keys are checked
/// as the parser checks them.
pub(crate) fn check_json<'s>(
    src: &'s str,
    limits: &crate::read::limits::Limits,
) -> Option<Option<&'s str>> {
    if limits.check_input(src.len()).is_some() {
        return None;
    }
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut c = Check {
        b: src.as_bytes(),
        text: src,
        at: 0,
        values: 0,
        limits,
        format: None,
    };
    c.ws();
    c.value(0)?;
    c.ws();
    (c.at == c.b.len()).then_some(c.format)
}

/// The value of the 4 hex digits at `at` (after a `\\u`), if they are 4 hex digits.
pub(crate) fn hex4_at(b: &[u8], at: usize) -> Option<u32> {
    let digits = b.get(at..at.checked_add(4)?)?;
    let mut v = 0u32;
    for &d in digits {
        v = (v << 4) | char::from(d).to_digit(16)?;
    }
    Some(v)
}

/// The end (just past it) of the JSON string whose opening quote is at `at`, and whether it
/// was written plainly (no escape), for the readers that give up rather than report:
/// [`check_json`] and the direct reader. Escapes are taken as [`parse_json`] takes them;
/// when `out` is given, a string with an escape is decoded into it (a plain one is not: its
/// content is `text[at + 1..end - 1]`). `None` at anything the parser refuses.
pub(crate) fn scan_string(
    text: &str,
    at: usize,
    mut out: Option<&mut String>,
) -> Option<(usize, bool)> {
    let b = text.as_bytes();
    let mut i = at.checked_add(1)?;
    let mut plain = true;
    loop {
        let rest = b.get(i..)?;
        let len = memchr::memchr2(b'"', b'\\', rest)?;
        // Control characters are rare: checked over the whole run at once.
        if rest
            .get(..len)?
            .iter()
            .fold(false, |any, &x| any | (x < 0x20))
        {
            return None;
        }
        let end = i.checked_add(len)?;
        let closing = *b.get(end)? == b'"';
        if let Some(o) = out.as_deref_mut()
            && (!plain || !closing)
        {
            // The text so far (all of it, at the first escape), then each run.
            o.push_str(text.get(if plain { at.checked_add(1)? } else { i }..end)?);
        }
        if closing {
            return Some((end.checked_add(1)?, plain));
        }
        plain = false;
        let (ch, next) = escape_at(b, end)?;
        if let Some(o) = out.as_deref_mut() {
            o.push(ch);
        }
        i = next;
    }
}

/// The character of the escape whose backslash is at `at`, and the index after it; a
/// surrogate pair is one escape. `None` for an escape the parser refuses.
fn escape_at(b: &[u8], at: usize) -> Option<(char, usize)> {
    let after = |n: usize| at.checked_add(n);
    let ch = match *b.get(after(1)?)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let hi = hex4_at(b, after(2)?)?;
            if !(0xD800..0xDC00).contains(&hi) {
                return Some((char::from_u32(hi)?, after(6)?));
            }
            // The second half of the pair must follow.
            if b.get(after(6)?..after(8)?)? != b"\\u" {
                return None;
            }
            let lo = hex4_at(b, after(8)?)?;
            if !(0xDC00..0xE000).contains(&lo) {
                return None;
            }
            let code = 0x10000u32
                .checked_add((hi.checked_sub(0xD800)? << 10) | lo.checked_sub(0xDC00)?)?;
            return Some((char::from_u32(code)?, after(12)?));
        }
        _ => return None,
    };
    Some((ch, after(2)?))
}

/// The end (just past it) of the JSON number at `at`, by the grammar [`parse_json`] applies
/// (`-`, no leading zero, a fraction and an exponent each with digits); `None` if none is there.
pub(crate) fn number_end(b: &[u8], at: usize) -> Option<usize> {
    let digits = |i: usize| {
        let n = b
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|x| x.is_ascii_digit()).count());
        i.saturating_add(n)
    };
    let mut i = at;
    if b.get(i) == Some(&b'-') {
        i = i.saturating_add(1);
    }
    i = match b.get(i)? {
        b'0' => i.saturating_add(1),
        b'1'..=b'9' => digits(i),
        _ => return None,
    };
    if b.get(i) == Some(&b'.') {
        let from = i.saturating_add(1);
        i = digits(from);
        if i == from {
            return None;
        }
    }
    if let Some(b'e' | b'E') = b.get(i) {
        let mut from = i.saturating_add(1);
        if let Some(b'+' | b'-') = b.get(from) {
            from = from.saturating_add(1);
        }
        i = digits(from);
        if i == from {
            return None;
        }
    }
    Some(i)
}

struct Check<'s, 'l> {
    b: &'s [u8],
    text: &'s str,
    at: usize,
    values: usize,
    limits: &'l crate::read::limits::Limits,
    format: Option<&'s str>,
}

impl<'s> Check<'s, '_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn bump(&mut self) {
        self.at = self.at.saturating_add(1);
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.bump();
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > self.limits.depth {
            return None;
        }
        self.values = self.values.saturating_add(1);
        if self.values > self.limits.values {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(drop),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'n' => self.word(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn word(&mut self, w: &[u8]) -> Option<()> {
        let end = self.at.saturating_add(w.len());
        (self.b.get(self.at..end)? == w).then(|| self.at = end)
    }

    /// A string: its content when it has no escape, `Some(None)` when it has (valid ones:
    /// such a string is only checked), `None` when the parser would refuse it.
    fn string(&mut self) -> Option<Option<&'s str>> {
        let (end, plain) = scan_string(self.text, self.at, None)?;
        let content = self
            .text
            .get(self.at.checked_add(1)?..end.checked_sub(1)?)?;
        self.at = end;
        Some(plain.then_some(content))
    }

    fn number(&mut self) -> Option<()> {
        self.at = number_end(self.b, self.at)?;
        Some(())
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.bump();
        self.ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Some(());
        }
        let mut keys: Vec<&str> = Vec::new();
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return None;
            }
            // A key with an escape is compared decoded: left to the parser.
            let key = self.string()??;
            let repeated = if keys.len() < 16 {
                keys.contains(&key)
            } else {
                if seen.is_empty() {
                    seen.extend(keys.iter().copied());
                }
                !seen.insert(key)
            };
            if repeated || keys.len() >= self.limits.object_keys {
                return None;
            }
            keys.push(key);
            self.ws();
            (self.peek() == Some(b':')).then(|| self.bump())?;
            self.ws();
            let at = self.at;
            self.value(depth.saturating_add(1))?;
            if depth == 0 && key == "format" {
                // The value just checked: a string's content, when written plainly (an
                // escaped one is left to the parser to decode).
                let quoted = self.text.get(at..self.at).and_then(|v| v.strip_prefix('"'));
                if let Some(f) = quoted.and_then(|v| v.strip_suffix('"')) {
                    if f.contains('\\') {
                        return None;
                    }
                    self.format = Some(f);
                }
            }
            if self.closed(b'}')? {
                return Some(());
            }
        }
    }

    /// After a member or element: `Some(false)` past a comma, `Some(true)` past `close`,
    /// `None` at anything else.
    fn closed(&mut self, close: u8) -> Option<bool> {
        self.ws();
        let b = self.peek()?;
        if b != b',' && b != close {
            return None;
        }
        self.bump();
        Some(b == close)
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.bump();
        self.ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Some(());
        }
        let mut n = 0usize;
        loop {
            self.ws();
            if n >= self.limits.array_elements {
                return None;
            }
            n = n.saturating_add(1);
            self.value(depth.saturating_add(1))?;
            if self.closed(b']')? {
                return Some(());
            }
        }
    }
}

/// A step of a key path: an object key or an array index.
enum Seg {
    Key(Str),
    Index(usize),
}

/// A key path as problems show it: `answers.3.2.1.evidence[0]`.
fn join(path: &[Seg]) -> String {
    let mut s = String::new();
    for p in path {
        match p {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

struct Parser<'s> {
    src: &'s [u8],
    text: &'s str,
    at: usize,
    line: u32,
    col: u32,
    dups: Vec<Problem>,
    /// The key path of the value being read (`answers`, `3.2.1`, `evidence`, `[0]`).
    path: Vec<Seg>,
    /// What the document may hold.
    limits: crate::read::limits::Limits,
    /// Values read so far (of the document, or of the element of a streamed array).
    values: usize,
    /// Entries of the tables being read, innermost last.
    entries: Vec<(Str, Node)>,
    /// Elements of the arrays being read, innermost last.
    items: Vec<Node>,
}

impl<'s> Parser<'s> {
    fn new(src: &'s str, limits: &crate::read::limits::Limits) -> Parser<'s> {
        Parser {
            src: src.as_bytes(),
            text: src,
            at: 0,
            line: 1,
            col: 1,
            dups: Vec::new(),
            path: Vec::new(),
            limits: *limits,
            values: 0,
            entries: Vec::new(),
            items: Vec::new(),
        }
    }

    /// A problem for a document over a limit, at the current position, naming the key path.
    fn too_large(&self, msg: String) -> Problem {
        Problem::new(
            ProblemKind::TooLarge,
            None,
            join(&self.path),
            format!("{msg}; reading stopped here"),
        )
        .at(self.pos())
    }

    fn pos(&self) -> Option<(u32, u32)> {
        Some((self.line, self.col))
    }

    fn error(&self, msg: &str) -> Problem {
        Problem::new(
            ProblemKind::Syntax,
            None,
            "",
            format!("not valid JSON: {msg}"),
        )
        .at(self.pos())
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at = self.at.saturating_add(1);
        if b == b'\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else if b & 0xC0 != 0x80 {
            self.col = self.col.saturating_add(1);
        }
        Some(b)
    }

    fn skip_ws(&mut self) -> Result<(), Problem> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\r') => {
                    self.at = self.at.saturating_add(1);
                    self.col = self.col.saturating_add(1);
                }
                Some(b'\n') => {
                    self.at = self.at.saturating_add(1);
                    self.line = self.line.saturating_add(1);
                    self.col = 1;
                }
                _ => return Ok(()),
            }
        }
    }

    fn expect(&mut self, word: &str) -> Result<(), Problem> {
        for b in word.bytes() {
            if self.peek() != Some(b) {
                return Err(self.error(&format!("expected `{word}`")));
            }
            self.bump();
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Node, Problem> {
        if depth > self.limits.depth {
            let mut p = self.error(&format!("nesting deeper than {} levels", self.limits.depth));
            p.kind = ProblemKind::TooLarge;
            return Err(p);
        }
        self.values = self.values.saturating_add(1);
        if self.values > self.limits.values {
            return Err(self.too_large(format!(
                "more than {} values in one document (the limit of values)",
                self.limits.values
            )));
        }
        let pos = self.pos();
        let value = match self.peek() {
            None => return Err(self.error("unexpected end of input")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::Str(self.string()?),
            Some(b't') => {
                self.expect("true")?;
                Value::Bool(true)
            }
            Some(b'f') => {
                self.expect("false")?;
                Value::Bool(false)
            }
            Some(b'n') => {
                self.expect("null")?;
                Value::Null
            }
            Some(b'-' | b'0'..=b'9') => Value::Num(self.number()?),
            Some(_) => return Err(self.error("expected a value")),
        };
        Ok(Node { value, pos })
    }

    fn object(&mut self, depth: usize) -> Result<Value, Problem> {
        self.bump();
        // Entries gather on the parser's stack and move into a table of the right size at
        // the end (no growth of a vector per table); nested tables use the stack above.
        let base = self.entries.len();
        // Keys seen, for duplicates in linear time once an object is more than small.
        let mut seen: std::collections::HashSet<Str> = std::collections::HashSet::new();
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Value::Table(Vec::new()));
        }
        loop {
            self.skip_ws()?;
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.skip_ws()?;
            self.expect(":")?;
            self.skip_ws()?;
            // The key is lent to the path while its value is read (no copy per key).
            self.path.push(Seg::Key(key));
            let node = self.value(depth.saturating_add(1));
            let key = match self.path.pop() {
                Some(Seg::Key(k)) => k,
                _ => Str::default(),
            };
            let node = node?;
            let entries = self.entries.get(base..).unwrap_or_default();
            let repeated = if entries.len() < 16 {
                entries.iter().any(|(k, _)| *k == key)
            } else {
                if seen.is_empty() {
                    seen.extend(entries.iter().map(|(k, _)| k.clone()));
                }
                !seen.insert(key.clone())
            };
            if repeated {
                // The key of an answer, decision or response is an item code: name it.
                let code = matches!(
                    self.path.last(),
                    Some(Seg::Key(k)) if matches!(k.as_str(), "answers" | "decisions" | "responses")
                )
                .then_some(key.as_str());
                let mut field = join(&self.path);
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(&key);
                self.dups.push(
                    Problem::new(
                        ProblemKind::DuplicateKey,
                        code,
                        field,
                        format!("duplicate key `{key}`: a JSON object must not repeat a key (the values would be silently lost)"),
                    )
                    .at(key_pos),
                );
            } else {
                if entries.len() >= self.limits.object_keys {
                    return Err(self.too_large(format!(
                        "an object of more than {} keys (the limit of keys in an object)",
                        self.limits.object_keys
                    )));
                }
                self.entries.push((key, node));
            }
            self.skip_ws()?;
            match self.bump() {
                Some(b',') => continue,
                Some(b'}') => {
                    let start = base.min(self.entries.len());
                    return Ok(Value::Table(self.entries.drain(start..).collect()));
                }
                _ => return Err(self.error("expected `,` or `}` in an object")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Problem> {
        self.bump();
        // As for tables: elements on the parser's stack, then an array of the right size.
        let base = self.items.len();
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Value::Array(Vec::new()));
        }
        loop {
            self.skip_ws()?;
            let count = self.items.len().saturating_sub(base);
            if count >= self.limits.array_elements {
                return Err(self.too_large(format!(
                    "an array of more than {} elements (the limit of elements in an array)",
                    self.limits.array_elements
                )));
            }
            self.path.push(Seg::Index(count));
            let item = self.value(depth.saturating_add(1));
            self.path.pop();
            self.items.push(item?);
            self.skip_ws()?;
            match self.bump() {
                Some(b',') => continue,
                Some(b']') => {
                    let start = base.min(self.items.len());
                    return Ok(Value::Array(self.items.drain(start..).collect()));
                }
                _ => return Err(self.error("expected `,` or `]` in an array")),
            }
        }
    }

    fn number(&mut self) -> Result<Str, Problem> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => {
                self.bump();
            }
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = self.peek() {
                    self.bump();
                }
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after `.`"));
            }
            while let Some(b'0'..=b'9') = self.peek() {
                self.bump();
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.bump();
            if let Some(b'+' | b'-') = self.peek() {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            while let Some(b'0'..=b'9') = self.peek() {
                self.bump();
            }
        }
        Ok(Str::new(self.text.get(start..self.at).unwrap_or_default()))
    }

    fn hex4(&mut self) -> Result<u32, Problem> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.bump() {
                Some(b @ (b'0'..=b'9' | b'a'..=b'f' | b'A'..=b'F')) => {
                    char::from(b).to_digit(16).unwrap_or(0)
                }
                _ => return Err(self.error("expected 4 hex digits after `\\u`")),
            };
            v = (v << 4) | d;
        }
        Ok(v)
    }

    /// Skip the run of string bytes that need no care (no quote, backslash or control
    /// character: so no line break either), counting its characters into the column.
    fn plain_run(&mut self) -> usize {
        let start = self.at;
        let rest = self.src.get(start..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        let run = rest.get(..len).unwrap_or_default();
        // Characters are the bytes that are not UTF-8 continuation bytes.
        let chars = run.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.col = self
            .col
            .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        self.at = start.saturating_add(len);
        start
    }

    fn string(&mut self) -> Result<Str, Problem> {
        self.bump();
        // The common case, a string with no escape: one copy of the run (none when short).
        let start = self.plain_run();
        if self.peek() == Some(b'"') {
            let out = Str::new(self.text.get(start..self.at).unwrap_or_default());
            self.bump();
            return Ok(out);
        }
        let mut out = self.text.get(start..self.at).unwrap_or_default().to_owned();
        loop {
            let start = self.plain_run();
            out.push_str(self.text.get(start..self.at).unwrap_or_default());
            match self.bump() {
                Some(b'"') => return Ok(Str::from(out)),
                Some(b'\\') => {
                    let c = match self.bump() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.expect("\\u").is_err() {
                                    return Err(self.error(&format!(
                                        "`\\u{hi:04x}` is half of a surrogate pair; the second half (`\\udc00`–`\\udfff`) must follow"
                                    )));
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("invalid surrogate pair"));
                                }
                                // hi and lo are in range, so the parts do not overlap.
                                0x10000u32.saturating_add(
                                    (hi.wrapping_sub(0xD800) << 10) | lo.wrapping_sub(0xDC00),
                                )
                            } else {
                                hi
                            };
                            char::from_u32(code)
                                .ok_or_else(|| self.error("invalid unicode escape"))?
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string (escape it)")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }
}

/// A `serde::Deserialize` impl through a strict reader: the JSON text of the value (serde_json
/// hands it over whole, as a raw value) is parsed by the strict parser and read by `read`,
/// so that serde and the reader accept exactly the same documents, with the same messages.
/// Every problem is in the error, one per line.
pub(crate) fn deserialize_through<'de, D, T>(
    deserializer: D,
    read: impl FnOnce(&mut Reader, &Node) -> Option<T>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error as _;
    let raw = <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
    let root = crate::read::json::parse_json(raw.get())
        .map_err(|p| D::Error::custom(crate::Error::Invalid(p)))?;
    let mut r = Reader::default();
    let value = read(&mut r, &root);
    match value {
        Some(v) if r.problems.is_empty() => Ok(v),
        _ => Err(D::Error::custom(crate::Error::Invalid(r.problems))),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::arithmetic_side_effects, clippy::string_slice)]
    use super::*;

    fn parse(s: &str) -> Node {
        parse_json(s).unwrap()
    }

    #[test]
    fn numbers_keep_their_text() {
        let node = parse(r#"{"a": 0.1, "b": [1, -2.50, 3e2]}"#);
        let Value::Table(e) = node.value else {
            panic!()
        };
        assert!(matches!(&e[0].1.value, Value::Num(s) if s == "0.1"));
        let Value::Array(a) = &e[1].1.value else {
            panic!()
        };
        assert!(matches!(&a[1].value, Value::Num(s) if s == "-2.50"));
        assert!(matches!(&a[2].value, Value::Num(s) if s == "3e2"));
    }

    #[test]
    fn strings_unescape() {
        let node = parse(r#""a\"b\u00e0\ud83d\ude00 Việt""#);
        assert!(matches!(node.value, Value::Str(s) if s == "a\"bà😀 Việt"));
        let node = parse(r#""\ud852\udf62\ud801\udc37""#);
        assert!(matches!(node.value, Value::Str(s) if s == "\u{24B62}\u{10437}"));
        assert!(parse_json(r#""\ud852x""#).is_err());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse_json("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(e[0].position, Some((3, 1)));
        assert!(parse_json("[1,]").is_err());
        assert!(parse_json("01").is_err());
        assert!(parse_json("{} x").is_err());
        assert!(parse_json("\"abc").is_err());
        assert!(parse_json("").is_err());
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let node = parse("\u{feff}{\"a\": 1}");
        assert!(matches!(node.value, Value::Table(_)));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let e = parse_json(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(e[0].message.contains("duplicate key `a`"));
    }

    /// The check without a tree agrees with the parser: it passes only what the parser reads,
    /// and finds the same top-level `format`.
    #[test]
    fn the_check_without_a_tree_passes_only_what_the_parser_reads() {
        let limits = crate::read::limits::Limits::default();
        let card = std::fs::read_to_string("examples/data/province/2024/NG-01.json").unwrap();
        assert_eq!(
            check_json(&card, &limits),
            Some(Some("par-index/scorecard/4"))
        );
        assert_eq!(check_json("[1, 2.5e-3, {}]", &limits), Some(None));
        for bad in [
            r#"{"a": 1, "a": 2}"#,
            "[1,]",
            "01",
            "{} x",
            "\"abc",
            "",
            "-",
            "1.",
            "[tru]",
            "{\"a\" 1}",
            "\"a\u{1}\"",
            // Two control characters (any number of them, not only an odd one).
            "\"a\u{1}\u{1f}b\"",
            r#""\x""#,
            r#""\ud800""#,
            r#""\ud800\u0041""#,
            r#""\udc00""#,
            r#""\u12g4""#,
        ] {
            assert!(parse_json(bad).is_err(), "{bad}");
            assert_eq!(check_json(bad, &limits), None, "{bad}");
        }
        // Escapes in values are checked; a key with one is left to the parser.
        for text in [r#""a\u0001\"\\\/\b\f\n\r\t""#, r#"["\ud83d\ude00"]"#] {
            assert!(parse_json(text).is_ok(), "{text}");
            assert_eq!(check_json(text, &limits), Some(None), "{text}");
        }
        assert_eq!(check_json(r#"{"\u0061": 1}"#, &limits), None);
        assert_eq!(check_json(r#"{"format": "a\"b"}"#, &limits), None);
        // Limits: the same as the parser's.
        let tight = crate::read::limits::Limits {
            depth: 2,
            ..crate::read::limits::Limits::default()
        };
        assert!(parse_json_with("[[[1]]]", &tight).is_err());
        assert_eq!(check_json("[[[1]]]", &tight), None);
        assert_eq!(check_json("[[1]]", &tight), Some(None));
        let few = crate::read::limits::Limits {
            values: 3,
            object_keys: 2,
            array_elements: 2,
            ..crate::read::limits::Limits::default()
        };
        for (text, ok) in [
            ("[1, 2]", true),
            ("[1, 2, 3]", false),
            (r#"{"a": 1, "b": 2}"#, true),
            (r#"{"a": 1, "b": 2, "c": 3}"#, false),
            (r#"{"format": "x", "b": 2}"#, true),
            (r#"{"format": "x", "b": [2]}"#, false),
        ] {
            assert_eq!(parse_json_with(text, &few).is_ok(), ok, "{text}");
            assert_eq!(check_json(text, &few).is_some(), ok, "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Any edit of a scorecard: the check passes only what the parser reads, with the
        /// parser's `format`.
        #[test]
        fn an_edited_scorecard_is_checked_as_it_is_parsed(
            edits in proptest::collection::vec(
                (proptest::prelude::any::<proptest::sample::Index>(), proptest::sample::select(vec![
                    "\"", ",", "}", "]", "{", "[", ":", " ", "0", "-", ".", "e", "n", "",
                    "\"format\": 1,", "\"x\": 1,", "ạ", "\u{1}", "\\", "\\u", "\\n", "\\ud800",
                ])),
                1..4,
            ),
        ) {
            let mut text = std::fs::read_to_string("examples/data/province/2024/NG-01.json").unwrap();
            for (at, piece) in edits {
                let mut i = at.index(text.len());
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                text.replace_range(i..end, piece);
            }
            let limits = crate::read::limits::Limits::default();
            if let Some(format) = check_json(&text, &limits) {
                let root = parse_json(&text).expect("the check passed it");
                let by_tree = match &root.value {
                    Value::Table(e) => e.iter().find(|(k, _)| k == "format").and_then(|(_, n)| match &n.value {
                        Value::Str(f) => Some(f.as_str()),
                        _ => None,
                    }),
                    _ => None,
                };
                proptest::prop_assert_eq!(format, by_tree);
            }
        }
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(1000);
        assert!(parse_json(&deep).is_err());
    }
}
