//! The direct reader: a submission's JSON text straight to a [`Submission`], in one pass
//! over the bytes with no document tree, for a document that has no problem at all.
//!
//! It is a shortcut of the full reader ([`crate::read::json`] then
//! [`crate::read::submission`]), never a second description of the format: it accepts a
//! strict subset of what the full reader accepts and gives the same value, and at the first
//! thing it does not take plainly (any problem, a limit reached, an escaped key, a `null`
//! where a value is expected, a type it does not expect) it gives up, and the caller reads the
//! text again with the full reader, which finds and places every problem. Every check it
//! makes is the full reader's own function ([`parse_decimal`], [`Code`]'s and [`Date`]'s
//! parsers, [`nfc`], [`ident_problem`], [`Measure::range_problems`]) or a condition the full
//! reader reports as a problem. The equivalence is a law tested on every sample, the
//! bad-input corpus, generated submissions and their mutations, and fuzzed.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::model::code::{Code, ident_problem};
use crate::model::date::Date;
use crate::model::exact::parse_decimal;
use crate::model::rule::Measure;
use crate::model::submission::{AdjustmentEntry, Answer, Evidence, Submission, Unit};
use crate::model::text::{is_invisible, nfc};
use crate::read::limits::Limits;

/// The deepest value of a submission: an evidence document's field (the root at 0, then
/// `answers`, the answer, `evidence`, the document, its field). Limits shallower than this
/// go to the full reader, which reports the depth.
const DEPTH: usize = 5;

/// `text` as a submission, when it is one with no problem within `limits`; `None` means
/// only "read it with the full reader".
pub(crate) fn submission(text: &str, limits: &Limits) -> Option<Submission> {
    if limits.check_input(text.len()).is_some() || limits.depth < DEPTH {
        return None;
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Cursor {
        b: text.as_bytes(),
        text,
        at: 0,
        values: 0,
        limits,
    };
    c.ws();
    c.value()?;
    let s = c.submission()?;
    c.ws();
    (c.at == c.b.len()).then_some(s)
}

struct Cursor<'s> {
    b: &'s [u8],
    text: &'s str,
    at: usize,
    /// Values read so far, as the full parser counts them.
    values: usize,
    limits: &'s Limits,
}

/// Fields of a fixed table, one bit each: a repeated key is a problem (given up).
struct Seen(u32);

impl Seen {
    fn first(&mut self, bit: u32) -> Option<()> {
        let mask = 1u32.checked_shl(bit)?;
        if self.0 & mask != 0 {
            return None;
        }
        self.0 |= mask;
        Some(())
    }
}

impl<'s> Cursor<'s> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.at).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at = self.at.saturating_add(1);
        }
    }

    /// The byte `c` next (after whitespace).
    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.peek() == Some(c)).then(|| self.at = self.at.saturating_add(1))
    }

    /// Count one more value, within the limit of values.
    fn value(&mut self) -> Option<()> {
        self.values = self.values.saturating_add(1);
        (self.values <= self.limits.values).then_some(())
    }

    /// A string's content: borrowed when it has no escape, decoded when it has.
    fn string(&mut self) -> Option<Cow<'s, str>> {
        self.ws();
        if self.peek() != Some(b'"') {
            return None;
        }
        let mut decoded = String::new();
        let (end, plain) = crate::read::json::scan_string(self.text, self.at, Some(&mut decoded))?;
        let content = if plain {
            Cow::Borrowed(
                self.text
                    .get(self.at.checked_add(1)?..end.checked_sub(1)?)?,
            )
        } else {
            Cow::Owned(decoded)
        };
        self.at = end;
        Some(content)
    }

    /// A key, written plainly (an escaped key goes to the full reader), and its colon.
    fn key(&mut self) -> Option<&'s str> {
        let Cow::Borrowed(k) = self.string()? else {
            return None;
        };
        self.eat(b':')?;
        self.ws();
        self.value()?;
        Some(k)
    }

    /// A JSON number's text, by the grammar the full parser applies.
    fn number(&mut self) -> Option<&'s str> {
        self.ws();
        let start = self.at;
        self.at = crate::read::json::number_end(self.b, start)?;
        self.text.get(start..self.at)
    }

    fn word(&mut self, w: &[u8]) -> bool {
        self.ws();
        let end = self.at.saturating_add(w.len());
        if self.b.get(self.at..end) == Some(w) {
            self.at = end;
            true
        } else {
            false
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.word(b"true") {
            Some(true)
        } else if self.word(b"false") {
            Some(false)
        } else {
            None
        }
    }

    /// A text field, as `Reader::string` reads it: not blank, within the limit of
    /// characters, in NFC.
    fn text(&mut self) -> Option<String> {
        let s = self.string()?;
        if s.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
            return None;
        }
        if s.len() > self.limits.string_chars && s.chars().count() > self.limits.string_chars {
            return None;
        }
        Some(nfc(&s))
    }

    /// A decimal written as a number or a string.
    fn decimal(&mut self) -> Option<Decimal> {
        self.ws();
        if self.peek() == Some(b'"') {
            parse_decimal(&self.string()?).ok()
        } else {
            parse_decimal(self.number()?).ok()
        }
    }

    /// A decimal ≥ 0.
    fn non_negative(&mut self) -> Option<Decimal> {
        let d = self.decimal()?;
        (!d.is_sign_negative() || d.is_zero()).then_some(d)
    }

    fn date(&mut self) -> Option<Date> {
        self.string()?.parse().ok()
    }

    /// An object: `field` reads each key's value; returns how many keys it had.
    fn object(&mut self, mut field: impl FnMut(&mut Self, &'s str) -> Option<()>) -> Option<usize> {
        self.eat(b'{')?;
        let mut n = 0usize;
        if self.eat(b'}').is_some() {
            return Some(0);
        }
        loop {
            n = n.checked_add(1)?;
            if n > self.limits.object_keys {
                return None;
            }
            let key = self.key()?;
            field(self, key)?;
            self.ws();
            match self.peek()? {
                b',' => self.at = self.at.saturating_add(1),
                b'}' => {
                    self.at = self.at.saturating_add(1);
                    return Some(n);
                }
                _ => return None,
            }
        }
    }

    /// An array of at most `max` elements, each read by `item`.
    fn array<T>(
        &mut self,
        max: usize,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.eat(b']').is_some() {
            return Some(out);
        }
        loop {
            if out.len() >= max.min(self.limits.array_elements) {
                return None;
            }
            self.ws();
            self.value()?;
            out.push(item(self)?);
            self.ws();
            match self.peek()? {
                b',' => self.at = self.at.saturating_add(1),
                b']' => {
                    self.at = self.at.saturating_add(1);
                    return Some(out);
                }
                _ => return None,
            }
        }
    }

    fn submission(&mut self) -> Option<Submission> {
        let (mut methodology, mut unit, mut period, mut survey_held) = (None, None, None, None);
        let (mut answers, mut bonus, mut penalty) = (None, None, None);
        let mut seen = Seen(0);
        self.object(|c, key| {
            match key {
                "methodology" => {
                    seen.first(0)?;
                    methodology = Some(c.text()?);
                }
                "unit" => {
                    seen.first(1)?;
                    unit = Some(c.unit()?);
                }
                "period" => {
                    seen.first(2)?;
                    c.ws();
                    period = Some(if c.peek() == Some(b'"') {
                        c.text()?
                    } else {
                        c.number()?.to_owned()
                    });
                }
                "survey_held" => {
                    seen.first(3)?;
                    survey_held = Some(c.boolean()?);
                }
                "answers" => {
                    seen.first(4)?;
                    answers = Some(c.answers()?);
                }
                "bonus" => {
                    seen.first(5)?;
                    bonus = Some(c.entries()?);
                }
                "penalty" => {
                    seen.first(6)?;
                    penalty = Some(c.entries()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Submission {
            methodology: methodology?,
            unit: unit?,
            period: period?,
            survey_held: survey_held.unwrap_or(true),
            answers: answers?,
            bonus: bonus.unwrap_or_default(),
            penalty: penalty.unwrap_or_default(),
        })
    }

    fn unit(&mut self) -> Option<Unit> {
        let (mut code, mut name) = (None, None);
        let mut seen = Seen(0);
        self.object(|c, key| {
            match key {
                "code" => {
                    seen.first(0)?;
                    let s = c.text()?;
                    if ident_problem(&s).is_some() {
                        return None;
                    }
                    code = Some(s);
                }
                "name" => {
                    seen.first(1)?;
                    name = Some(c.text()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Unit {
            code: code?,
            name: name?,
        })
    }

    fn answers(&mut self) -> Option<std::collections::BTreeMap<Code, Answer>> {
        let mut out = Vec::new();
        let n = self.object(|c, key| {
            let code = key.parse::<Code>().ok()?;
            out.push((code, c.answer()?));
            Some(())
        })?;
        if n > self.limits.answers {
            return None;
        }
        let map = crate::read::tree::code_map(out);
        // Two keys that are one code would be a problem for the full reader to name.
        (map.len() == n).then_some(map)
    }

    fn answer(&mut self) -> Option<Answer> {
        let (mut met, mut due, mut done, mut num, mut den) = (None, None, None, None, None);
        let (mut value, mut count, mut points, mut satisfaction, mut na) =
            (None, None, None, None, None);
        let (mut evidence, mut explanation) = (None, None);
        let mut seen = Seen(0);
        self.object(|c, key| {
            match key {
                "met" => {
                    seen.first(0)?;
                    met = Some(c.boolean()?);
                }
                "due" => {
                    seen.first(1)?;
                    due = Some(c.date()?);
                }
                "done" => {
                    seen.first(2)?;
                    done = Some(if c.word(b"null") {
                        None
                    } else {
                        Some(c.date()?)
                    });
                }
                "num" => {
                    seen.first(3)?;
                    num = Some(c.decimal()?);
                }
                "den" => {
                    seen.first(4)?;
                    den = Some(c.decimal()?);
                }
                "value" => {
                    seen.first(5)?;
                    value = Some(c.decimal()?);
                }
                "count" => {
                    seen.first(6)?;
                    let d = c.non_negative()?;
                    if !d.fract().is_zero() {
                        return None;
                    }
                    count = Some(rust_decimal::prelude::ToPrimitive::to_u32(&d)?);
                }
                "points" => {
                    seen.first(7)?;
                    points = Some(c.decimal()?);
                }
                "satisfaction" => {
                    seen.first(8)?;
                    satisfaction = Some(c.decimal()?);
                }
                "not_applicable" => {
                    seen.first(9)?;
                    na = Some(c.boolean()?);
                }
                "evidence" => {
                    seen.first(10)?;
                    evidence = Some(c.evidence()?);
                }
                "explanation" => {
                    seen.first(11)?;
                    explanation = Some(c.text()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        // Exactly one measure, with all of its keys.
        let measure = match (
            met,
            due,
            done,
            num,
            den,
            value,
            count,
            points,
            satisfaction,
            na,
        ) {
            (Some(met), None, None, None, None, None, None, None, None, None) => {
                Measure::Check { met }
            }
            (None, Some(due), Some(done), None, None, None, None, None, None, None) => {
                Measure::Deadline { due, done }
            }
            (None, None, None, Some(num), Some(den), None, None, None, None, None) => {
                Measure::Ratio { num, den }
            }
            (None, None, None, None, None, Some(value), None, None, None, None) => {
                Measure::Number { value }
            }
            (None, None, None, None, None, None, Some(count), None, None, None) => {
                Measure::Count { count }
            }
            (None, None, None, None, None, None, None, Some(points), None, None) => {
                Measure::Points { points }
            }
            (None, None, None, None, None, None, None, None, Some(satisfaction), None) => {
                Measure::Satisfaction { satisfaction }
            }
            (None, None, None, None, None, None, None, None, None, Some(not_applicable)) => {
                Measure::NotApplicable { not_applicable }
            }
            _ => return None,
        };
        if !measure.range_problems().is_empty() {
            return None;
        }
        Some(Answer {
            measure,
            evidence: evidence.unwrap_or_default(),
            explanation,
        })
    }

    fn evidence(&mut self) -> Option<Vec<Evidence>> {
        self.array(self.limits.evidence_per_item, Cursor::document)
    }

    fn document(&mut self) -> Option<Evidence> {
        let (mut number, mut date, mut issuer, mut title) = (None, None, None, None);
        let (mut locator, mut link) = (None, None);
        let mut seen = Seen(0);
        self.object(|c, key| {
            match key {
                "number" => {
                    seen.first(0)?;
                    number = Some(c.text()?);
                }
                "date" => {
                    seen.first(1)?;
                    date = Some(c.date()?);
                }
                "issuer" => {
                    seen.first(2)?;
                    issuer = Some(c.text()?);
                }
                "title" => {
                    seen.first(3)?;
                    title = Some(c.text()?);
                }
                "locator" => {
                    seen.first(4)?;
                    locator = Some(c.text()?);
                }
                "link" => {
                    seen.first(5)?;
                    link = Some(c.text()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Evidence {
            number: number?,
            date: date?,
            issuer: issuer?,
            title: title?,
            locator,
            link,
        })
    }

    fn entries(&mut self) -> Option<Vec<AdjustmentEntry>> {
        self.array(usize::MAX, Cursor::entry)
    }

    fn entry(&mut self) -> Option<AdjustmentEntry> {
        let (mut amount, mut reason, mut evidence) = (None, None, None);
        let mut seen = Seen(0);
        self.object(|c, key| {
            match key {
                "amount" => {
                    seen.first(0)?;
                    let d = c.non_negative()?;
                    if d.is_zero() || d > Decimal::from(crate::read::tree::MAX_POINTS) {
                        return None;
                    }
                    amount = Some(d);
                }
                "reason" => {
                    seen.first(1)?;
                    reason = Some(c.text()?);
                }
                "evidence" => {
                    seen.first(2)?;
                    evidence = Some(c.evidence()?);
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(AdjustmentEntry {
            amount: amount?,
            reason: reason?,
            evidence: evidence.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::string_slice
    )]
    use super::*;
    use proptest::prelude::*;

    /// What the full reader makes of `text`: the submission when it has no problem.
    fn full(text: &str, limits: &Limits) -> Option<Submission> {
        let root = crate::read::json::parse_json_with(text, limits).ok()?;
        let read = crate::read::submission::SubmissionRead::from_node_with(&root, limits, false);
        read.problems
            .is_empty()
            .then_some(read.submission)
            .flatten()
    }

    /// The law: the direct reader gives a submission only when the full reader gives the
    /// same one.
    fn agrees(text: &str, limits: &Limits) {
        if let Some(direct) = submission(text, limits) {
            assert_eq!(Some(direct), full(text, limits), "{text}");
        }
    }

    fn samples() -> Vec<String> {
        let mut texts = Vec::new();
        for dir in ["examples/data", "examples/data/district"] {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            for f in files {
                let text = std::fs::read_to_string(&f).unwrap();
                if crate::read::detect::sniff_object(&text)
                    == Some(crate::read::detect::FileKind::Submission)
                {
                    texts.push(text);
                }
            }
        }
        texts
    }

    #[test]
    fn every_sample_is_read_directly_to_the_full_readers_value() {
        let limits = Limits::default();
        let texts = samples();
        assert!(texts.len() > 20, "{}", texts.len());
        for text in &texts {
            let direct = submission(text, &limits).expect("a sample has no problem");
            assert_eq!(Some(direct), full(text, &limits));
        }
    }

    #[test]
    fn what_it_does_not_take_plainly_goes_to_the_full_reader() {
        let limits = Limits::default();
        let base = r#"{"methodology": "m", "unit": {"code": "X", "name": "X"}, "period": "2024", "answers": {"1.1.1": {"met": true}}}"#;
        assert!(submission(base, &limits).is_some());
        // Each of these is a problem, or a form the direct reader leaves to the full one.
        for (from, to) in [
            (r#""met": true"#, r#""met": true, "met": false"#),
            (r#""met": true"#, r#""met": true, "x": 1"#),
            (r#""met": true"#, r#""met": null"#),
            (r#""met": true"#, r#""met": true, "num": 1, "den": 2"#),
            (r#""met": true"#, r#""num": 1"#),
            (r#""met": true"#, r#""num": -1, "den": 2"#),
            (r#""met": true"#, r#""count": 1.5"#),
            (r#""met": true"#, r#""count": -1"#),
            (r#""met": true"#, r#""value": 1e2"#),
            (r#""met": true"#, r#""due": "2024-02-30", "done": null"#),
            (r#""met": true"#, r#""met": true, "explanation": "  ""#),
            (r#""met": true"#, r#""met": true, "evidence": [1]"#),
            (r#""code": "X""#, r#""code": "X Y""#),
            (r#""period": "2024""#, r#""period": "2024", "extra": 1"#),
            (r#""1.1.1""#, r#""1..1""#),
            (r#""methodology""#, r#""methodolog\u0079""#),
            (r#""name": "X""#, "\"name\": \"X\u{1}\""),
            (r#""name": "X""#, "\"name\": \"X\u{1}\u{1f}\""),
            ("}}}", "}},}"),
            ("}}}", "}}} x"),
            // A bonus of 0, or over the most points a bonus may be (10^6).
            (
                r#""answers""#,
                r#""bonus": [{"amount": 0, "reason": "r"}], "answers""#,
            ),
            (
                r#""answers""#,
                r#""bonus": [{"amount": 1000001, "reason": "r"}], "answers""#,
            ),
        ] {
            let text = base.replacen(from, to, 1);
            assert_ne!(text, base);
            assert!(submission(&text, &limits).is_none(), "{text}");
        }
        // Forms it does take, as the full reader does.
        for (from, to) in [
            (r#""name": "X""#, r#""name": "\"X\" \u1ea0\ud83d\ude00\n""#),
            (r#""met": true"#, r#""due": "2024-02-28", "done": null"#),
            (r#""met": true"#, r#""num": "1.50", "den": 2"#),
            (
                r#""period": "2024""#,
                r#""period": 2024, "survey_held": false"#,
            ),
            (
                r#""answers""#,
                r#""bonus": [{"amount": 1, "reason": "r"}], "answers""#,
            ),
            // The most a bonus may be, exactly.
            (
                r#""answers""#,
                r#""penalty": [{"amount": 1000000, "reason": "r"}], "answers""#,
            ),
            // A document with every field, a locator and a link included.
            (
                r#""met": true"#,
                r#""met": true, "evidence": [{"number": "1/KH", "date": "2024-01-02", "issuer": "UBND", "title": "KH", "locator": "tr. 3", "link": "https://x.vn/kh"}]"#,
            ),
            ("{", "\u{feff} \n{"),
            // Not in NFC: read in NFC.
            (r#""name": "X""#, "\"name\": \"Xa\u{301}\""),
        ] {
            let text = base.replacen(from, to, 1);
            let direct = submission(&text, &limits);
            assert!(direct.is_some(), "{text}");
            assert_eq!(direct, full(&text, &limits), "{text}");
        }
    }

    /// A limit met exactly is within it: the direct reader takes the document (it does not
    /// give up early, which would cost only speed but is a shortcut lost), and gives the full
    /// reader's value; one less and both refuse it.
    #[test]
    fn a_document_at_its_limits_is_read_directly() {
        // The root has 4 keys (methodology, unit, period, answers); the longest text is the
        // name, 5 characters in 15 bytes ("ạ" is 3 bytes in UTF-8); one answer, with one
        // document in its evidence array.
        let text = r#"{"methodology": "m", "unit": {"code": "X", "name": "ạạạạạ"}, "period": "2024", "answers": {"1.1.1": {"met": true, "evidence": [{"number": "1/KH", "date": "2024-01-02", "issuer": "UBND", "title": "KH"}]}}}"#;
        let at = |limits: Limits| {
            let direct = submission(text, &limits);
            assert!(direct.is_some(), "{limits:?}");
            assert_eq!(direct, full(text, &limits), "{limits:?}");
        };
        let over = |limits: Limits| {
            assert!(submission(text, &limits).is_none(), "{limits:?}");
            assert!(full(text, &limits).is_none(), "{limits:?}");
        };
        type Field = fn(&mut Limits) -> &mut usize;
        let with = |field: Field, n: usize| {
            let mut limits = Limits::default();
            *field(&mut limits) = n;
            limits
        };
        // An evidence document's field is at depth 5 (the root at 0). Values as the parser
        // counts them, containers included: the root, "m", the unit, its 2 texts, "2024",
        // the answers, the answer, true, the evidence array, the document and its 4 texts: 15.
        let limits: [(Field, usize); 8] = [
            (|l| &mut l.object_keys, 4),
            (|l| &mut l.string_chars, 5),
            (|l| &mut l.depth, 5),
            (|l| &mut l.answers, 1),
            (|l| &mut l.evidence_per_item, 1),
            (|l| &mut l.array_elements, 1),
            (|l| &mut l.values, 15),
            (|l| &mut l.input_bytes, text.len()),
        ];
        for (set, n) in limits {
            at(with(set, n));
            over(with(set, n - 1));
        }
    }

    #[test]
    fn limits_send_a_document_to_the_full_reader() {
        let text = &std::fs::read_to_string("examples/data/xa-dong-tam.json").unwrap();
        for limits in [
            Limits {
                answers: 3,
                ..Limits::default()
            },
            Limits {
                evidence_per_item: 0,
                ..Limits::default()
            },
            Limits {
                string_chars: 5,
                ..Limits::default()
            },
            Limits {
                values: 50,
                ..Limits::default()
            },
            Limits {
                object_keys: 5,
                ..Limits::default()
            },
            Limits {
                array_elements: 0,
                ..Limits::default()
            },
            Limits {
                depth: 4,
                ..Limits::default()
            },
            Limits {
                input_bytes: 100,
                ..Limits::default()
            },
        ] {
            assert!(submission(text, &limits).is_none(), "{limits:?}");
            assert!(full(text, &limits).is_none(), "{limits:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Any edit of a sample: read directly only to the full reader's value.
        #[test]
        fn an_edited_sample_reads_as_the_full_reader_reads_it(
            pick in 0usize..64,
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), 0usize..3, prop::sample::select(vec![
                    "\"", "\\", ",", "}", "]", "{", "[", ":", " ", "0", "-", ".", "e", "n",
                    "null", "true", "1", "\\u00e0", "\\ud83d", "ạ", "a\u{301}", "\u{200b}",
                    "_", "+", "9999999999999999999999999999", "\"x\": 1,",
                ])),
                1..4,
            ),
        ) {
            let texts = samples();
            let mut text = texts[pick % texts.len()].clone();
            for (at, op, piece) in edits {
                let mut i = at.index(text.len().max(1));
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                match op {
                    0 => text.insert_str(i, piece),
                    1 => {
                        let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                        text.replace_range(i..end, piece);
                    }
                    _ => {
                        let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                        text.replace_range(i..end, "");
                    }
                }
            }
            agrees(&text, &Limits::default());
            agrees(&text, &Limits { evidence_per_item: 1, string_chars: 40, ..Limits::default() });
        }
    }
}
