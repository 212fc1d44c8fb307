//! Self-assessments: answers, measures, evidence, explanations, bonus and penalty entries.
//!
//! A submission is JSON (schema: `par-index schema submission`):
//!
//! ```json
//! {
//!   "methodology": "commune-2024-model",
//!   "unit": { "code": "NG-01", "name": "Xã Đồng Tâm" },
//!   "period": "2024",
//!   "answers": {
//!     "1.1.1": { "due": "2024-01-15", "done": "2024-01-10",
//!                "evidence": [{ "number": "05/KH-UBND", "date": "2024-01-10",
//!                               "issuer": "UBND xã Đồng Tâm", "title": "Kế hoạch CCHC năm 2024" }] },
//!     "3.2.1": { "num": 912, "den": 1000, "evidence": [ ... ] },
//!     "3.1.1": { "not_applicable": true, "explanation": "Không phát sinh TTHC" },
//!     "S.1":   { "satisfaction": "0.87" }
//!   },
//!   "bonus": [{ "amount": 1, "reason": "...", "evidence": [ ... ] }],
//!   "penalty": []
//! }
//! ```
//!
//! Numbers may be written as JSON numbers or strings; either way they are read exactly.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::canonical::{
    text_state, write_date, write_decimal, write_key, write_nfc_text, write_plain_or_escaped,
    write_scalar, write_text,
};
use crate::model::code::Code;
use crate::model::date::Date;
use crate::model::rule::Measure;
use std::io::{self, Write};

/// The unit being scored.
///
/// ```
/// let u = par_index::submission::Unit { code: "NG-01".into(), name: "Xã Đồng Tâm".into() };
/// assert_eq!(u.name, "Xã Đồng Tâm");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The unit's code (administrative code or an office's own).
    pub code: String,
    /// The unit's name, as written (`Xã Đồng Tâm`).
    pub name: String,
}

/// A reference to an evidence document (*tài liệu kiểm chứng*).
///
/// ```
/// let e = par_index::submission::Evidence {
///     number: "12/KH-UBND".into(),
///     date: "2024-01-10".parse().unwrap(),
///     issuer: "UBND xã Đồng Tâm".into(),
///     title: "Kế hoạch CCHC năm 2024".into(),
///     locator: Some("mục II".into()),
///     link: None,
/// };
/// assert_eq!(e.number, "12/KH-UBND");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// serde's own derive: evidence sits in entries flattened into a scorecard's `CountedEntry`,
// where a raw-text reader cannot run. It holds no decimal, so serde and the reader differ
// only in what the reader adds (blank text refused, NFC).
pub struct Evidence {
    /// The document number (`12/KH-UBND`).
    pub number: String,
    /// The date of the document.
    pub date: Date,
    /// The body that issued it.
    pub issuer: String,
    /// The title (*trích yếu*).
    pub title: String,
    /// The part that counts, when only part does (section, page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// Where it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// One answer of a self-assessment: the measure, the evidence cited, an explanation.
///
/// ```
/// use par_index::{submission::Answer, methodology::Measure};
/// let a = Answer::new(Measure::Check { met: true });
/// assert!(a.evidence.is_empty() && a.explanation.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
// One measure plus evidence and explanation; nothing else is read.
#[schemars(extend("unevaluatedProperties" = false))]
pub struct Answer {
    /// The measure the item's rule needs.
    #[serde(flatten)]
    pub measure: Measure,
    /// Evidence documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// An explanation (*giải trình*), or a note for a not-applicable answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

impl Answer {
    /// An answer with a measure, no evidence and no explanation.
    ///
    /// ```
    /// let a = par_index::submission::Answer::new(par_index::methodology::Measure::Count { count: 2 });
    /// assert_eq!(a.measure.name(), "count");
    /// ```
    #[must_use]
    pub fn new(measure: Measure) -> Answer {
        Answer {
            measure,
            evidence: Vec::new(),
            explanation: None,
        }
    }
}

/// A bonus (*điểm thưởng*) or penalty (*điểm trừ*) entry.
///
/// ```
/// let e = par_index::submission::AdjustmentEntry { amount: 1.into(), reason: "Giải thưởng CCHC".into(), evidence: vec![] };
/// assert_eq!(e.amount, 1.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// serde's own derive: the entry is flattened into a scorecard's `CountedEntry`, where a
// raw-text reader cannot run. Its serde form is the scorecard's: amounts as decimal strings.
pub struct AdjustmentEntry {
    /// Points, > 0.
    pub amount: Decimal,
    /// Why.
    pub reason: String,
    /// Evidence documents.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// A unit's self-assessment against one methodology.
///
/// ```
/// use par_index::{catalog, score, Submission};
/// let json = r#"{"methodology": "commune-2024-model", "unit": {"code": "X", "name": "Xã X"},
///                "period": "2024", "answers": {"1.4.1": {"met": false}}}"#;
/// let sub = Submission::from_json(json).unwrap();
/// let card = score(catalog::default_methodology(), &sub).unwrap();
/// assert_eq!(card.total, 0.into());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The id of the methodology the answers follow.
    pub methodology: String,
    /// The unit.
    pub unit: Unit,
    /// The period assessed (`2024`).
    pub period: String,
    /// Whether the citizen survey was held for this unit (default true). When false, every
    /// survey item is not applicable.
    #[serde(default = "yes", skip_serializing_if = "Clone::clone")]
    pub survey_held: bool,
    /// One answer per sub-criterion code; a missing answer scores 0 and is listed.
    pub answers: BTreeMap<Code, Answer>,
    /// Bonus entries, capped by the methodology.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bonus: Vec<AdjustmentEntry>,
    /// Penalty entries, capped by the methodology.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalty: Vec<AdjustmentEntry>,
}

fn yes() -> bool {
    true
}

impl Submission {
    /// The submission as pretty JSON (decimals as strings); [`Submission::from_json`] reads
    /// it back to an equal value.
    ///
    /// ```
    /// let sub = par_index::Submission::default();
    /// assert!(sub.to_json().contains("\"answers\": {}"));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The submission in canonical form: every decimal normalised, text in Unicode NFC, and
    /// the evidence of each answer and entry sorted. Scoring does not depend on anything this
    /// changes.
    ///
    /// ```
    /// let sub = par_index::catalog::sample_submission();
    /// assert_eq!(sub.canonical().canonical(), sub.canonical());
    /// ```
    pub fn canonical(&self) -> Submission {
        use crate::model::text::nfc;
        let text = |e: &mut Evidence| *e = e.canonical();
        let mut s = self.clone();
        s.unit.code = nfc(&s.unit.code);
        s.unit.name = nfc(&s.unit.name);
        s.period = nfc(&s.period);
        for a in s.answers.values_mut() {
            a.measure = a.measure.normalized();
            a.evidence.iter_mut().for_each(text);
            a.evidence.sort();
            a.explanation = a.explanation.as_deref().map(nfc);
        }
        for e in s.bonus.iter_mut().chain(s.penalty.iter_mut()) {
            e.amount = e.amount.normalize();
            e.reason = nfc(&e.reason);
            e.evidence.iter_mut().for_each(text);
            e.evidence.sort();
        }
        s
    }

    /// The canonical JSON of the submission (see [`crate::canonical::canonical_json`]): what
    /// [`Submission::sha256`] hashes.
    ///
    /// ```
    /// let a = par_index::Submission::from_json(r#"{"methodology": "m", "unit": {"name": "X", "code": "1"},
    ///   "period": "2024", "answers": {"3.2.1": {"num": 912, "den": "1000.0"}}}"#).unwrap();
    /// assert_eq!(a.canonical_json(), r#"{"answers":{"3.2.1":{"den":"1000","num":"912"}},"methodology":"m","period":"2024","unit":{"code":"1","name":"X"}}"#);
    /// ```
    #[must_use]
    pub fn canonical_json(&self) -> String {
        let mut out = Vec::with_capacity(4096);
        // Writing to a Vec cannot fail, and only UTF-8 is written.
        let _ = self.write_canonical(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// The SHA-256 of the submission's canonical JSON, in hex: the same facts give the same
    /// hash whatever the key order, whitespace or number format of the file.
    ///
    /// ```
    /// use par_index::Submission;
    /// let a = Submission::from_json(r#"{"methodology": "m", "unit": {"code": "1", "name": "X"},
    ///   "period": "2024", "answers": {"1.4.1": {"met": true}}}"#).unwrap();
    /// let b = Submission::from_json(r#"{"answers": {"1.4.1": {"met": true}}, "period": "2024",
    ///   "survey_held": true, "unit": {"name": "X", "code": "1"}, "methodology": "m"}"#).unwrap();
    /// assert_eq!(a.sha256(), b.sha256());
    /// ```
    #[must_use]
    pub fn sha256(&self) -> String {
        let mut out = crate::model::canonical::HashWriter::new();
        let _ = self.write_canonical(&mut out);
        out.finish()
    }

    /// Write the canonical JSON of [`Submission::canonical`] straight from this submission,
    /// with no copy of it: keys in their sorted order, text in NFC, decimals normalised,
    /// evidence sorted. `tests/canonical.rs` holds it to the serde form of
    /// [`Submission::canonical`] put through [`crate::canonical::canonical_json`].
    fn write_canonical<W: Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"{\"answers\":{")?;
        let mut answers: Vec<(&Code, &Answer)> = self.answers.iter().collect();
        // JCS orders keys by UTF-16 code units; codes are ASCII, where that is byte order.
        answers.sort_unstable_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        for (i, (code, answer)) in answers.into_iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            write_text(w, code.as_str())?;
            w.write_all(b":")?;
            answer.write_canonical(w)?;
        }
        w.write_all(b"}")?;
        if !self.bonus.is_empty() {
            w.write_all(b",\"bonus\":")?;
            write_entries(w, &self.bonus)?;
        }
        w.write_all(b",\"methodology\":")?;
        write_scalar(w, self.methodology.as_str())?;
        if !self.penalty.is_empty() {
            w.write_all(b",\"penalty\":")?;
            write_entries(w, &self.penalty)?;
        }
        w.write_all(b",\"period\":")?;
        write_text(w, &self.period)?;
        if !self.survey_held {
            w.write_all(b",\"survey_held\":false")?;
        }
        w.write_all(b",\"unit\":{\"code\":")?;
        write_text(w, &self.unit.code)?;
        w.write_all(b",\"name\":")?;
        write_text(w, &self.unit.name)?;
        w.write_all(b"}}")
    }
}

/// A value of an answer's canonical object.
enum Field<'a> {
    Bool(bool),
    Count(u32),
    Date(Date),
    Done(Option<Date>),
    Decimal(Decimal),
    Evidence(&'a [Evidence]),
    Text(&'a str),
}

/// A fixed list of an answer's keys and values.
struct Slots<'s, 'a> {
    slots: &'s mut [(&'static str, Field<'a>); 4],
    n: &'s mut usize,
}

impl<'a> Slots<'_, 'a> {
    fn push(&mut self, field: (&'static str, Field<'a>)) {
        if let Some(slot) = self.slots.get_mut(*self.n) {
            *slot = field;
            *self.n = self.n.saturating_add(1);
        }
    }
}

impl Answer {
    /// The answer's canonical object: the measure's keys, the evidence and the explanation,
    /// sorted by key together.
    fn write_canonical<W: Write>(&self, w: &mut W) -> io::Result<()> {
        // At most four keys (two of a measure, evidence, explanation): no allocation.
        let mut slots = [
            ("", Field::Bool(false)),
            ("", Field::Bool(false)),
            ("", Field::Bool(false)),
            ("", Field::Bool(false)),
        ];
        let mut n = 0;
        let mut fields = Slots {
            slots: &mut slots,
            n: &mut n,
        };
        match &self.measure {
            Measure::Check { met } => fields.push(("met", Field::Bool(*met))),
            Measure::Deadline { due, done } => {
                fields.push(("due", Field::Date(*due)));
                fields.push(("done", Field::Done(*done)));
            }
            Measure::Ratio { num, den } => {
                fields.push(("num", Field::Decimal(*num)));
                fields.push(("den", Field::Decimal(*den)));
            }
            Measure::Number { value } => fields.push(("value", Field::Decimal(*value))),
            Measure::Count { count } => fields.push(("count", Field::Count(*count))),
            Measure::Points { points } => fields.push(("points", Field::Decimal(*points))),
            Measure::Satisfaction { satisfaction } => {
                fields.push(("satisfaction", Field::Decimal(*satisfaction)));
            }
            Measure::NotApplicable { not_applicable } => {
                fields.push(("not_applicable", Field::Bool(*not_applicable)));
            }
        }
        if !self.evidence.is_empty() {
            fields.push(("evidence", Field::Evidence(&self.evidence)));
        }
        if let Some(e) = &self.explanation {
            fields.push(("explanation", Field::Text(e)));
        }
        let fields = slots.get_mut(..n).unwrap_or_default();
        fields.sort_unstable_by_key(|f| f.0);
        w.write_all(b"{")?;
        for (i, (key, value)) in fields.iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            write_key(w, key)?;
            match value {
                Field::Bool(v) => write_scalar(w, v)?,
                Field::Count(v) => write_scalar(w, v)?,
                Field::Date(v) => write_date(w, *v)?,
                Field::Done(Some(v)) => write_date(w, *v)?,
                Field::Done(None) => w.write_all(b"null")?,
                Field::Decimal(d) => write_decimal(w, *d)?,
                Field::Evidence(list) => write_evidence(w, list)?,
                Field::Text(t) => write_text(w, t)?,
            }
        }
        w.write_all(b"}")
    }
}

/// Bonus or penalty entries: `amount`, `evidence` (always written), `reason`.
fn write_entries<W: Write>(w: &mut W, entries: &[AdjustmentEntry]) -> io::Result<()> {
    w.write_all(b"[")?;
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(b"{\"amount\":")?;
        write_decimal(w, e.amount)?;
        w.write_all(b",\"evidence\":")?;
        write_evidence(w, &e.evidence)?;
        w.write_all(b",\"reason\":")?;
        write_text(w, &e.reason)?;
        w.write_all(b"}")?;
    }
    w.write_all(b"]")
}

/// Evidence in canonical order (sorted after NFC), each document's keys sorted.
fn write_evidence<W: Write>(w: &mut W, list: &[Evidence]) -> io::Result<()> {
    // One pass over each text finds both whether it is NFC and whether it needs an escape.
    let (mut normal, mut escape) = (true, false);
    for e in list {
        let texts = [&e.number, &e.issuer, &e.title].into_iter();
        for s in texts.chain([&e.locator, &e.link].into_iter().flatten()) {
            let state = text_state(s);
            normal &= state.nfc;
            escape |= state.escape;
        }
    }
    w.write_all(b"[")?;
    // NFC already (the usual case) and in order: written as they are, with no copy, and
    // with no second look at their bytes when none needs an escape.
    if normal && list.is_sorted() {
        for (i, e) in list.iter().enumerate() {
            write_document(w, i, e, escape)?;
        }
        return w.write_all(b"]");
    }
    let owned: Vec<Evidence>;
    let mut sorted: Vec<&Evidence> = if normal {
        list.iter().collect()
    } else {
        owned = list.iter().map(Evidence::canonical).collect();
        owned.iter().collect()
    };
    sorted.sort_unstable();
    for (i, e) in sorted.into_iter().enumerate() {
        write_document(w, i, e, true)?;
    }
    w.write_all(b"]")
}

/// One evidence document, its text NFC already, keys sorted; after a comma unless first.
/// `escapes`: some text may need an escape (each is then looked at); else none does.
fn write_document<W: Write>(w: &mut W, i: usize, e: &Evidence, escapes: bool) -> io::Result<()> {
    let text = |w: &mut W, s: &str| {
        if escapes {
            write_nfc_text(w, s)
        } else {
            write_plain_or_escaped(w, s, false)
        }
    };
    if i > 0 {
        w.write_all(b",")?;
    }
    w.write_all(b"{\"date\":")?;
    write_date(w, e.date)?;
    w.write_all(b",\"issuer\":")?;
    text(w, &e.issuer)?;
    if let Some(link) = &e.link {
        w.write_all(b",\"link\":")?;
        text(w, link)?;
    }
    if let Some(locator) = &e.locator {
        w.write_all(b",\"locator\":")?;
        text(w, locator)?;
    }
    w.write_all(b",\"number\":")?;
    text(w, &e.number)?;
    w.write_all(b",\"title\":")?;
    text(w, &e.title)?;
    w.write_all(b"}")
}

impl Evidence {
    /// The document with its text in NFC.
    fn canonical(&self) -> Evidence {
        use crate::model::text::nfc;
        Evidence {
            number: nfc(&self.number),
            date: self.date,
            issuer: nfc(&self.issuer),
            title: nfc(&self.title),
            locator: self.locator.as_deref().map(nfc),
            link: self.link.as_deref().map(nfc),
        }
    }
}
