//! A small document tree that TOML and JSON inputs are both read into, keeping numbers as
//! the text that was written (so no number ever passes through a float) and the position of
//! every value. Typed values are then read out of it with every problem collected, not only
//! the first.

use rust_decimal::Decimal;

use crate::error::{Problem, ProblemKind};
use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::exact::parse_decimal;
use crate::model::text::nfc;

/// A value of a TOML or JSON document.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Table(Vec<(Str, Node)>),
    Array(Vec<Node>),
    Str(Str),
    /// A number exactly as written.
    Num(Str),
    Bool(bool),
    Null,
    /// A TOML date or date-time, as written.
    Datetime(Str),
}

/// The text of a key or a scalar in the tree: short ones (keys, numbers, dates, codes) are
/// held inline, with no allocation; long ones once, shared.
pub(crate) type Str = smol_str::SmolStr;

/// A value with its 1-based (line, column) in the source.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub value: Value,
    pub pos: Option<(u32, u32)>,
}

impl Node {
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Table(_) => "a table",
            Value::Array(_) => "an array",
            Value::Str(_) => "a string",
            Value::Num(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
            Value::Datetime(_) => "a date",
        }
    }
}

/// Line starts of a text, to turn byte offsets into 1-based (line, column) quickly.
pub(crate) struct Lines<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    pub fn new(src: &'s str) -> Lines<'s> {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i.saturating_add(1)))
            .collect();
        Lines { src, starts }
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let col = self
            .src
            .get(start..offset)
            .map_or(0, |l| l.chars().count())
            .saturating_add(1);
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(col).unwrap_or(u32::MAX),
        )
    }
}

/// 1-based (line, column) of a byte offset.
#[cfg(test)]
pub(crate) fn position(src: &str, offset: usize) -> (u32, u32) {
    Lines::new(src).position(offset)
}

/// Parse TOML text into a tree. A syntax error is one problem.
pub(crate) fn parse_toml(src: &str) -> Result<Node, Problem> {
    parse_toml_with(src, &crate::read::limits::Limits::default())
}

/// [`parse_toml`] within limits: the size is checked before anything is parsed.
pub(crate) fn parse_toml_with(
    src: &str,
    limits: &crate::read::limits::Limits,
) -> Result<Node, Problem> {
    if let Some(p) = limits.check_input(src.len()) {
        return Err(p);
    }
    let lines = Lines::new(src);
    // TOML is parsed whole, by a parser that keeps a kilobyte or so per value: bound the values
    // by a cheap scan first, so that no file can make the parse itself exhaust the machine.
    if let Some(at) = toml_over(src, limits.toml_values) {
        return Err(Problem::new(
            ProblemKind::TooLarge,
            None,
            "",
            format!(
                "more than {} values in one TOML document (the limit of TOML values); nothing was parsed",
                limits.toml_values
            ),
        )
        .at(Some(lines.position(at))));
    }
    let doc = toml_edit::Document::parse(src).map_err(|e| {
        let pos = e.span().map(|s| lines.position(s.start));
        let msg = e.message().trim().to_lowercase();
        Problem::new(
            ProblemKind::Syntax,
            None,
            "",
            format!("not valid TOML: {msg}"),
        )
        .at(pos)
    })?;
    Ok(Node {
        value: toml_table(&lines, doc.as_table().iter()),
        pos: Some((1, 1)),
    })
}

/// Where a TOML text passes `limit` values, if it does, counting its punctuation outside
/// strings and comments (`=`, `,`, `[`, `{`): an upper bound on its values. Linear, no
/// allocation.
fn toml_over(src: &str, limit: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut n = 0usize;
    let mut i = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'#' => {
                while b.get(i).is_some_and(|c| *c != b'\n') {
                    i = i.saturating_add(1);
                }
            }
            b'"' | b'\'' => {
                let triple = b.get(i..i.saturating_add(3)) == Some(&[c, c, c][..]);
                i = i.saturating_add(if triple { 3 } else { 1 });
                loop {
                    match b.get(i) {
                        None => break,
                        // A basic string's escape: skip the escaped byte.
                        Some(b'\\') if c == b'"' => i = i.saturating_add(2),
                        Some(&x) if x == c => {
                            if !triple {
                                break;
                            }
                            if b.get(i..i.saturating_add(3)) == Some(&[c, c, c][..]) {
                                i = i.saturating_add(2);
                                break;
                            }
                            i = i.saturating_add(1);
                        }
                        Some(b'\n') if !triple => break,
                        Some(_) => i = i.saturating_add(1),
                    }
                }
            }
            b'=' | b',' | b'[' | b'{' => {
                n = n.saturating_add(1);
                if n > limit {
                    return Some(i);
                }
            }
            _ => {}
        }
        i = i.saturating_add(1);
    }
    None
}

fn toml_table<'a>(
    src: &Lines<'_>,
    items: impl Iterator<Item = (&'a str, &'a toml_edit::Item)>,
) -> Value {
    let mut out = Vec::new();
    for (key, item) in items {
        if let Some(node) = toml_item(src, item) {
            out.push((Str::new(key), node));
        }
    }
    Value::Table(out)
}

fn toml_item(src: &Lines<'_>, item: &toml_edit::Item) -> Option<Node> {
    use toml_edit::Item;
    match item {
        Item::None => None,
        Item::Value(v) => Some(toml_value(src, v)),
        Item::Table(t) => Some(Node {
            value: toml_table(src, t.iter()),
            pos: t.span().map(|s| src.position(s.start)),
        }),
        Item::ArrayOfTables(a) => Some(Node {
            value: Value::Array(
                a.iter()
                    .map(|t| Node {
                        value: toml_table(src, t.iter()),
                        pos: t.span().map(|s| src.position(s.start)),
                    })
                    .collect(),
            ),
            pos: a.span().map(|s| src.position(s.start)),
        }),
    }
}

fn toml_value(src: &Lines<'_>, v: &toml_edit::Value) -> Node {
    use toml_edit::Value as V;
    let span = v.span();
    let pos = span.clone().map(|s| src.position(s.start));
    let raw = || {
        span.clone()
            .and_then(|s| src.src.get(s))
            .map(Str::new)
            .unwrap_or_default()
    };
    let value = match v {
        V::String(s) => Value::Str(Str::new(s.value())),
        V::Integer(_) | V::Float(_) => Value::Num(raw()),
        V::Boolean(b) => Value::Bool(*b.value()),
        V::Datetime(d) => Value::Datetime(Str::from(d.value().to_string())),
        V::Array(a) => Value::Array(a.iter().map(|x| toml_value(src, x)).collect()),
        V::InlineTable(t) => {
            let mut out = Vec::new();
            for (k, x) in t.iter() {
                out.push((Str::new(k), toml_value(src, x)));
            }
            Value::Table(out)
        }
    };
    Node { value, pos }
}

/// The position of every key path of a document (`decisions.3.2.1.points`, `bonus[0]`), for
/// problems found after reading. Depth is bounded by the reader's nesting limit.
pub(crate) fn positions(
    node: &Node,
    path: String,
    out: &mut std::collections::BTreeMap<String, (u32, u32)>,
) {
    if let Some(pos) = node.pos {
        out.insert(path.clone(), pos);
    }
    match &node.value {
        Value::Table(entries) => {
            for (k, n) in entries {
                let p = if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}.{k}")
                };
                positions(n, p, out);
            }
        }
        Value::Array(items) => {
            for (i, n) in items.iter().enumerate() {
                positions(n, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// A map by item code from the entries of a table, built at once: documents list codes in
/// order, so the sort is one pass. Codes order as their text compares equal (the order breaks
/// ties by bytes), and a table's keys are distinct (the parsers refuse a repeated key), so no
/// entry replaces another.
pub(crate) fn code_map<T>(entries: Vec<(Code, T)>) -> std::collections::BTreeMap<Code, T> {
    entries.into_iter().collect()
}

/// The most points any maximum, cap, tier, bonus or penalty may have. With at most
/// [`crate::Limits::items`] items and [`crate::Limits::array_elements`] entries, no sum of
/// points can come near the decimal range.
pub(crate) const MAX_POINTS: u32 = 1_000_000;

/// Which keys of a table were taken: a bit per key for the usual table (no allocation).
#[derive(Debug)]
enum Used {
    Bits(u64),
    Many(Vec<bool>),
    All,
}

impl Used {
    fn none(n: usize) -> Used {
        if n <= 64 {
            Used::Bits(0)
        } else {
            Used::Many(vec![false; n])
        }
    }

    fn take(&mut self, i: usize) {
        match self {
            Used::Bits(b) => {
                *b |= 1u64
                    .checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
                    .unwrap_or(0)
            }
            Used::Many(v) => {
                if let Some(u) = v.get_mut(i) {
                    *u = true;
                }
            }
            Used::All => {}
        }
    }

    fn taken(&self, i: usize) -> bool {
        match self {
            Used::Bits(b) => {
                let bit = 1u64
                    .checked_shl(u32::try_from(i).unwrap_or(u32::MAX))
                    .unwrap_or(0);
                b & bit != 0
            }
            Used::Many(v) => v.get(i).copied().unwrap_or(false),
            Used::All => true,
        }
    }
}

/// A key path (`answers.3.2.1.num`): written out, or a key under a path, joined only when
/// shown. Every value read has one and problems are few, so most are never joined.
#[derive(Debug, Clone)]
pub(crate) enum Field<'a> {
    /// A path already joined (short ones are held inline: no allocation).
    Text(Str),
    Under(&'a str, &'a str),
    /// A key of an array's element: `base[i].key`.
    UnderAt(&'a str, usize, &'a str),
}

impl Field<'_> {
    /// The path as text, joined once.
    pub(crate) fn to_str(&self) -> Str {
        match self {
            Field::Text(t) => t.clone(),
            Field::Under("", key) => Str::new(key),
            Field::Under(base, key) => {
                let mut b = smol_str::SmolStrBuilder::new();
                b.push_str(base);
                b.push('.');
                b.push_str(key);
                b.finish()
            }
            Field::UnderAt(..) => smol_str::format_smolstr!("{self}"),
        }
    }
}

impl std::fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Text(t) => f.write_str(t),
            Field::Under("", key) => f.write_str(key),
            Field::Under(base, key) => write!(f, "{base}.{key}"),
            Field::UnderAt(base, i, key) => write!(f, "{base}[{i}].{key}"),
        }
    }
}

impl From<String> for Field<'_> {
    fn from(s: String) -> Self {
        Field::Text(s.into())
    }
}

impl From<Str> for Field<'_> {
    fn from(s: Str) -> Self {
        Field::Text(s)
    }
}

impl From<&str> for Field<'_> {
    fn from(s: &str) -> Self {
        Field::Text(Str::new(s))
    }
}

/// Where a value sits: the item code and key path, for problems.
#[derive(Debug, Clone)]
pub(crate) struct Site<'a> {
    pub code: Option<&'a str>,
    pub field: Field<'a>,
}

impl Site<'static> {
    /// The document's top: no item code, no field.
    pub(crate) fn top() -> Site<'static> {
        Site {
            code: None,
            field: Field::Text(Str::default()),
        }
    }
}

/// Collects problems while typed values are read from a tree, within limits.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
    pub limits: crate::read::limits::Limits,
}

impl Reader {
    pub fn report(
        &mut self,
        kind: ProblemKind,
        site: &Site<'_>,
        pos: Option<(u32, u32)>,
        msg: String,
    ) {
        self.problems
            .push(Problem::new(kind, site.code, site.field.to_string(), msg).at(pos));
    }

    fn wrong_type(&mut self, node: &Node, site: &Site<'_>, expected: &str) {
        let msg = format!("expected {expected}, found {}", node.type_name());
        self.report(ProblemKind::WrongType, site, node.pos, msg);
    }

    pub fn string(&mut self, node: &Node, site: &Site<'_>) -> Option<String> {
        match &node.value {
            Value::Str(s)
                if s.chars()
                    .all(|c| c.is_whitespace() || crate::model::text::is_invisible(c)) =>
            {
                self.report(
                    ProblemKind::BadValue,
                    site,
                    node.pos,
                    "must not be empty".into(),
                );
                None
            }
            // A text has no more characters than bytes: most are counted by their length.
            Value::Str(s)
                if s.len() > self.limits.string_chars
                    && s.chars().count() > self.limits.string_chars =>
            {
                let msg = format!(
                    "{} characters, over the limit of {}",
                    s.chars().count(),
                    self.limits.string_chars
                );
                self.report(ProblemKind::TooLarge, site, node.pos, msg);
                None
            }
            Value::Str(s) => Some(nfc(s)),
            _ => {
                self.wrong_type(node, site, "a string");
                None
            }
        }
    }

    /// A unit code or a methodology id: ASCII letters, digits, `-`, `_` and `.`; a
    /// look-alike, a space or an invisible character is named.
    pub fn ident(&mut self, node: &Node, site: &Site<'_>) -> Option<String> {
        let s = self.string(node, site)?;
        match crate::model::code::ident_problem(&s) {
            None => Some(s),
            Some(msg) => {
                self.report(ProblemKind::BadValue, site, node.pos, msg);
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node, site: &Site<'_>) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, site, "true or false");
                None
            }
        }
    }

    /// An exact decimal, written as a number (`0.5`) or a string (`"0.5"`).
    pub fn decimal(&mut self, node: &Node, site: &Site<'_>) -> Option<Decimal> {
        let text = match &node.value {
            Value::Num(s) | Value::Str(s) => s,
            _ => {
                self.wrong_type(node, site, "a decimal number");
                return None;
            }
        };
        match parse_decimal(text) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.report(ProblemKind::BadValue, site, node.pos, msg);
                None
            }
        }
    }

    /// A decimal ≥ 0.
    pub fn non_negative(&mut self, node: &Node, site: &Site<'_>) -> Option<Decimal> {
        let d = self.decimal(node, site)?;
        if d.is_sign_negative() && !d.is_zero() {
            self.report(
                ProblemKind::BadValue,
                site,
                node.pos,
                format!("must not be negative, found {d}"),
            );
            return None;
        }
        Some(d)
    }

    /// Points given in a file (a bonus or penalty amount, points set by an appraiser): ≥ 0
    /// and at most [`MAX_POINTS`], so that no sum of them can leave the decimal range.
    pub fn points(&mut self, node: &Node, site: &Site<'_>) -> Option<Decimal> {
        let d = self.non_negative(node, site)?;
        if d > Decimal::from(MAX_POINTS) {
            self.report(
                ProblemKind::TooLarge,
                site,
                node.pos,
                format!("{d} points is over the limit of {MAX_POINTS}"),
            );
            return None;
        }
        Some(d)
    }

    /// A whole number ≥ 0.
    pub fn count(&mut self, node: &Node, site: &Site<'_>) -> Option<u32> {
        let d = self.non_negative(node, site)?;
        if !d.fract().is_zero() {
            self.report(
                ProblemKind::BadValue,
                site,
                node.pos,
                format!("expected a whole number, found {d}"),
            );
            return None;
        }
        match rust_decimal::prelude::ToPrimitive::to_u32(&d) {
            Some(n) => Some(n),
            None => {
                self.report(
                    ProblemKind::BadValue,
                    site,
                    node.pos,
                    format!("{d} is too large"),
                );
                None
            }
        }
    }

    pub fn date(&mut self, node: &Node, site: &Site<'_>) -> Option<Date> {
        match &node.value {
            Value::Str(s) | Value::Datetime(s) => match s.parse::<Date>() {
                Ok(d) => Some(d),
                Err(e) => {
                    self.report(ProblemKind::BadDate, site, node.pos, e.to_string());
                    None
                }
            },
            _ => {
                self.wrong_type(node, site, "a date written YYYY-MM-DD");
                None
            }
        }
    }

    pub fn code(&mut self, node: &Node, site: &Site<'_>) -> Option<Code> {
        let s = self.string(node, site)?;
        match s.parse::<Code>() {
            Ok(c) => Some(c),
            Err(e) => {
                self.report(ProblemKind::BadValue, site, node.pos, e.to_string());
                None
            }
        }
    }

    /// An array of at most `max` elements; over it, one problem and nothing read.
    pub fn array_at_most<'n>(
        &mut self,
        node: &'n Node,
        site: &Site<'_>,
        max: usize,
        what: &str,
    ) -> Option<&'n [Node]> {
        let items = self.array(node, site)?;
        if items.len() > max {
            let msg = format!("{} {what}, over the limit of {max}", items.len());
            self.report(ProblemKind::TooLarge, site, node.pos, msg);
            return None;
        }
        Some(items)
    }

    pub fn array<'n>(&mut self, node: &'n Node, site: &Site<'_>) -> Option<&'n [Node]> {
        match &node.value {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(node, site, "an array");
                None
            }
        }
    }

    /// An array of tables: `read` gets each table (its key path is `field[i]`) with its
    /// index and position. Returns what was read, and whether every element was.
    pub fn tables<'n, T>(
        &mut self,
        node: &'n Node,
        site: &Site<'_>,
        mut read: impl FnMut(&mut Reader, Obj<'n>, usize, Option<(u32, u32)>) -> Option<T>,
    ) -> Option<(bool, Vec<T>)> {
        let items = self.array(node, site)?;
        let mut out = Vec::with_capacity(items.len());
        // The array's path, joined once; each element's index is joined only when shown.
        let base = site.field.to_str();
        for (i, item) in items.iter().enumerate() {
            let Value::Table(entries) = &item.value else {
                let s = Site {
                    code: site.code,
                    field: Field::Text(smol_str::format_smolstr!("{base}[{i}]")),
                };
                self.wrong_type(item, &s, "a table");
                continue;
            };
            let t = Obj {
                entries,
                used: Used::none(entries.len()),
                pos: item.pos,
                field: base.clone(),
                index: Some(i),
            };
            if let Some(v) = read(self, t, i, item.pos) {
                out.push(v);
            }
        }
        Some((out.len() == items.len(), out))
    }

    /// A table whose keys are read one by one; see [`Obj::finish`].
    pub fn table<'n>(&mut self, node: &'n Node, site: &Site<'_>) -> Option<Obj<'n>> {
        match &node.value {
            Value::Table(entries) => Some(Obj {
                entries,
                used: Used::none(entries.len()),
                pos: node.pos,
                field: site.field.to_str(),
                index: None,
            }),
            _ => {
                self.wrong_type(node, site, "a table");
                None
            }
        }
    }
}

/// A table read as a map by item code (`answers`, `decisions`, `points` of a case): each key
/// must be a code; each value is read with `read` at `field.code`.
pub(crate) fn by_code<T>(
    r: &mut Reader,
    n: &Node,
    s: &Site<'_>,
    mut read: impl FnMut(&mut Reader, &Node, &Site<'_>) -> Option<T>,
) -> Option<std::collections::BTreeMap<Code, T>> {
    let mut t = r.table(n, s)?;
    t.take_all();
    let mut out = Vec::with_capacity(t.len());
    for (key, node) in t.keys() {
        let site = Site {
            code: Some(key),
            field: Field::Text(smol_str::format_smolstr!("{}.{key}", s.field)),
        };
        match key.parse::<Code>() {
            Ok(code) => {
                if let Some(v) = read(r, node, &site) {
                    out.push((code, v));
                }
            }
            Err(e) => r.report(ProblemKind::BadValue, &site, node.pos, e.to_string()),
        }
    }
    Some(code_map(out))
}

/// A table being read: each key taken is marked, and [`Obj::finish`] reports the rest as
/// unknown.
pub(crate) struct Obj<'n> {
    entries: &'n [(Str, Node)],
    used: Used,
    pub pos: Option<(u32, u32)>,
    /// The key path of the table, or of the array it is an element of.
    field: Str,
    /// The table's index in that array.
    index: Option<usize>,
}

impl<'n> Obj<'n> {
    /// The key path of this table.
    pub fn field(&self) -> String {
        match self.index {
            Some(i) => format!("{}[{i}]", self.field),
            None => self.field.to_string(),
        }
    }

    /// The key path of a key of this table.
    pub fn path(&self, key: &str) -> String {
        self.site(None, key).field.to_string()
    }

    /// The site of a key of this table.
    pub fn site<'c>(&'c self, code: Option<&'c str>, key: &'c str) -> Site<'c> {
        Site {
            code,
            field: match self.index {
                Some(i) => Field::UnderAt(&self.field, i, key),
                None => Field::Under(&self.field, key),
            },
        }
    }

    /// Take a key if present.
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        let entries = self.entries;
        for (i, (k, node)) in entries.iter().enumerate() {
            if k == key {
                self.used.take(i);
                return Some(node);
            }
        }
        None
    }

    /// The position of a key's value, if the key is present.
    pub fn pos_of(&self, key: &str) -> Option<(u32, u32)> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, n)| n.pos)
    }

    /// Whether a key is present (without taking it).
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// Take a required key; report it missing otherwise.
    pub fn req(
        &mut self,
        r: &mut Reader,
        code: Option<&str>,
        key: &str,
        what: &str,
    ) -> Option<&'n Node> {
        let node = self.get(key);
        if node.is_none() {
            let site = self.site(code, key);
            r.report(
                ProblemKind::MissingKey,
                &site,
                self.pos,
                format!("missing key `{key}` ({what})"),
            );
        }
        node
    }

    /// Read an optional key with `read`; `None` when absent or bad (bad ones are reported).
    pub fn opt<T>(
        &mut self,
        r: &mut Reader,
        code: Option<&str>,
        key: &str,
        read: impl FnOnce(&mut Reader, &'n Node, &Site<'_>) -> Option<T>,
    ) -> Option<T> {
        let node = self.get(key)?;
        let site = self.site(code, key);
        read(r, node, &site)
    }

    /// Read a required key with `read`.
    pub fn must<T>(
        &mut self,
        r: &mut Reader,
        code: Option<&str>,
        key: &str,
        what: &str,
        read: impl FnOnce(&mut Reader, &'n Node, &Site<'_>) -> Option<T>,
    ) -> Option<T> {
        let node = self.req(r, code, key, what)?;
        let site = self.site(code, key);
        read(r, node, &site)
    }

    /// Report every key not taken as unknown, naming the keys that are allowed.
    pub fn finish(self, r: &mut Reader, code: Option<&str>, allowed: &[&str]) {
        for (i, (key, node)) in self.entries.iter().enumerate() {
            if !self.used.taken(i) {
                let site = Site {
                    code,
                    field: self.path(key).into(),
                };
                let msg = if allowed.is_empty() {
                    format!("unknown key `{key}`")
                } else {
                    format!(
                        "unknown key `{key}` (expected one of: {})",
                        allowed.join(", ")
                    )
                };
                r.report(ProblemKind::UnknownKey, &site, node.pos, msg);
            }
        }
    }

    /// The keys of the table, in order.
    pub fn keys(&self) -> impl Iterator<Item = (&'n str, &'n Node)> + use<'n> {
        self.entries.iter().map(|(k, n)| (k.as_str(), n))
    }

    /// How many keys the table has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Mark every key as taken (for tables read as maps).
    pub fn take_all(&mut self) {
        self.used = Used::All;
    }
}

/// Where a stage or survey file was read: the position of every key path in its tree.
pub(crate) fn source_of(root: &Node) -> crate::model::stage::Source {
    let mut map = std::collections::BTreeMap::new();
    positions(root, String::new(), &mut map);
    crate::model::stage::Source::with_positions(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_decimal("0.1").unwrap().to_string(), "0.1");
        assert_eq!(parse_decimal("1_000.50").unwrap().to_string(), "1000.5");
        assert_eq!(parse_decimal("+2").unwrap().to_string(), "2");
        assert!(parse_decimal("1e3").is_err());
        assert!(parse_decimal("nan").is_err());
        assert!(parse_decimal(".5").is_err());
        assert!(parse_decimal("5.").is_err());
        assert!(parse_decimal("").is_err());
    }

    #[test]
    fn toml_numbers_keep_their_text() {
        let node = parse_toml("a = 0.30000000000000004\nb = 1_0").unwrap();
        let Value::Table(entries) = node.value else {
            panic!()
        };
        assert!(matches!(&entries[0].1.value, Value::Num(s) if s == "0.30000000000000004"));
        assert!(matches!(&entries[1].1.value, Value::Num(s) if s == "1_0"));
        assert_eq!(entries[1].1.pos, Some((2, 5)));
    }

    #[test]
    fn toml_values_are_bounded_by_a_scan() {
        // The embedded set is far below the default limit.
        let text = include_str!("../../criteria/commune-2024-model.toml");
        assert!(toml_over(text, 5_000).is_none());
        assert!(toml_over(text, 100).is_some());
        // Punctuation in strings and comments does not count.
        assert_eq!(
            toml_over("a = \"=,[{\" # ,,,\nb = '[[' \nc = \"\"\"\n,,\n\"\"\"", 3),
            None
        );
        assert_eq!(toml_over("a = [1, 2, 3]", 3), Some(9));
    }

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position("ab\ncd", 4), (2, 2));
        assert_eq!(position("", 0), (1, 1));
    }
}
