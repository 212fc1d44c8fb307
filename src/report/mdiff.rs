//! A methodology diff in words: one document (Markdown, HTML, Excel) and a machine table
//! (CSV).

use crate::analysis::mdiff::{ItemChangeKind, MethodologyDiff};
use crate::model::text::Lang;
use crate::report::document::{Block, Cell, Column, Document, Medium, Row, Table};
use crate::report::labels::{Label, label};

/// A kind of change in words.
fn kind_label(k: ItemChangeKind) -> Label {
    match k {
        ItemChangeKind::Added => Label::Added,
        ItemChangeKind::Removed => Label::Removed,
        ItemChangeKind::Moved => Label::MovedCode,
        ItemChangeKind::Changed => Label::Changed,
    }
}

/// A kind of change as the CSV writes it (a key for programs, not a word).
fn kind_key(k: ItemChangeKind) -> &'static str {
    match k {
        ItemChangeKind::Added => "added",
        ItemChangeKind::Removed => "removed",
        ItemChangeKind::Moved => "moved",
        ItemChangeKind::Changed => "changed",
    }
}

/// A field of a methodology or an item in words (the key itself when it is not one the
/// catalogue knows).
fn field_words(field: &str, lang: Lang) -> String {
    let l = match field {
        "level" => Label::FieldLevel,
        "year" => Label::FieldYear,
        "max" => Label::FieldMax,
        "bands" => Label::FieldBands,
        "bonus_cap" => Label::FieldBonusCap,
        "penalty_cap" => Label::FieldPenaltyCap,
        "evidence_policy" => Label::FieldEvidencePolicy,
        "survey_share" => Label::FieldSurveyShare,
        "title" => Label::FieldTitle,
        "rule" => Label::FieldRule,
        "na" => Label::FieldNotApplicable,
        "source" => Label::FieldSource,
        "office" => Label::FieldOffice,
        other => return other.to_owned(),
    };
    label(l, lang).to_owned()
}

/// A value of a field as the language writes it: points and caps as decimals of the
/// language (`0,5`), a rule in words, anything else as the file has it.
fn value_words(field: &str, value: &str, max: rust_decimal::Decimal, lang: Lang) -> String {
    match field {
        "max" | "bonus_cap" | "penalty_cap" => crate::model::exact::parse_decimal(value)
            .map_or_else(
                |_| value.to_owned(),
                |x| crate::report::describe::fmt_decimal(x, lang),
            ),
        // A rule in words (the data holds its canonical JSON).
        "rule" => match serde_json::from_str::<crate::model::rule::Rule>(value) {
            Ok(r) if !value.is_empty() => crate::report::explain::describe_rule(&r, max, lang),
            _ => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

impl MethodologyDiff {
    /// The diff as a document: the settings that changed, each area's maximum before and
    /// after with its effect, and every item added, removed, moved or changed with the
    /// fields before and after (in words: field names, decimals and rules as the language
    /// says them). For CSV, a machine table of its own: one row per change, ASCII keys.
    ///
    /// ```
    /// let m = par_index::catalog::default_methodology();
    /// let doc = par_index::methodology::diff(m, m, &Default::default()).to_document(par_index::Lang::En);
    /// assert_eq!(doc.title, "Methodology diff: commune-2024-model → commune-2024-model");
    /// ```
    #[must_use]
    pub fn to_document(&self, lang: Lang) -> Document {
        let w = |l| label(l, lang);
        let mut doc = Document::new(
            format!(
                "{}: {} → {}",
                w(Label::MethodologyDiffTitle),
                self.a,
                self.b
            ),
            lang,
        );
        let people = [Medium::Text, Medium::Markdown, Medium::Html, Medium::Excel];
        doc.blocks
            .push(Block::Section(w(Label::Settings).to_owned()));
        if self.settings.is_empty() {
            doc.blocks
                .push(Block::Paragraph(w(Label::Unchanged).to_owned()));
        } else {
            let mut t = Table::new(
                w(Label::Settings),
                vec![
                    Column::text(w(Label::Setting), 24),
                    Column::text(w(Label::Before), 40),
                    Column::text(w(Label::After), 40),
                ],
            );
            for s in &self.settings {
                let z = rust_decimal::Decimal::ZERO;
                t.rows.push(Row::new(vec![
                    Cell::Text(field_words(&s.field, lang)),
                    Cell::Text(value_words(&s.field, &s.before, z, lang)),
                    Cell::Text(value_words(&s.field, &s.after, z, lang)),
                ]));
            }
            doc.blocks.push(Block::only(&people, Block::Table(t)));
        }
        doc.blocks
            .push(Block::Section(w(Label::MaxByArea).to_owned()));
        let mut areas = Table::new(
            w(Label::AreasSheet),
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Area), 44),
                Column::points(w(Label::Before)),
                Column::points(w(Label::After)),
                Column::points(w(Label::Change)),
            ],
        );
        for a in &self.areas {
            areas.rows.push(Row::new(vec![
                Cell::text(a.code.to_string()),
                Cell::text(a.title.get(lang)),
                Cell::Points(a.before),
                Cell::Points(a.after),
                Cell::Change(a.after.checked_sub(a.before).unwrap_or_default()),
            ]));
        }
        doc.blocks.push(Block::only(&people, Block::Table(areas)));
        doc.blocks
            .push(Block::Section(w(Label::ItemsHeading).to_owned()));
        if self.items.is_empty() {
            doc.blocks
                .push(Block::Paragraph(w(Label::NoItemChanged).to_owned()));
        } else {
            doc.blocks
                .push(Block::only(&people, Block::Table(self.items_table(lang))));
        }
        doc.blocks.push(Block::only(
            &[Medium::Csv],
            Block::Table(self.machine_table()),
        ));
        doc
    }

    /// Every item that changed: code, title and what changed on its first line, then one
    /// line per field with its value before and after.
    fn items_table(&self, lang: Lang) -> Table {
        let w = |l| label(l, lang);
        let mut t = Table::new(
            w(Label::ItemsSheet),
            vec![
                Column::code(w(Label::Code)),
                Column::text(w(Label::Criterion), 40),
                Column::text(w(Label::Change), 16),
                Column::text(w(Label::Field), 16),
                Column::text(w(Label::Before), 40),
                Column::text(w(Label::After), 40),
            ],
        );
        for i in &self.items {
            let what = match &i.from {
                Some(f) => format!("{} ({} {f})", w(kind_label(i.kind)), w(Label::FromCode)),
                None => w(kind_label(i.kind)).to_owned(),
            };
            let head = [
                Cell::text(i.code.to_string()),
                Cell::text(i.title.get(lang)),
                Cell::Text(what),
            ];
            if i.fields.is_empty() {
                let mut cells = head.to_vec();
                cells.resize(6, Cell::Empty);
                t.rows.push(Row::new(cells));
            }
            for (n, f) in i.fields.iter().enumerate() {
                let mut cells = if n == 0 {
                    head.to_vec()
                } else {
                    vec![Cell::Empty; 3]
                };
                cells.extend([
                    Cell::Text(field_words(&f.field, lang)),
                    Cell::Text(value_words(&f.field, &f.before, i.max, lang)),
                    Cell::Text(value_words(&f.field, &f.after, i.max, lang)),
                ]);
                t.rows.push(Row::new(cells));
            }
        }
        t
    }

    /// The machine table: a line per field that changed (and per item added or removed),
    /// settings with an empty code, keys and values as the data holds them.
    fn machine_table(&self) -> Table {
        let mut t = Table::new(
            "diff",
            ["code", "from", "change", "field", "before", "after"]
                .iter()
                .map(|h| Column::text(*h, 16))
                .collect(),
        );
        let line = |cells: [&str; 6]| Row::new(cells.iter().map(|c| Cell::text(*c)).collect());
        for s in &self.settings {
            t.rows
                .push(line(["", "", "setting", &s.field, &s.before, &s.after]));
        }
        for i in &self.items {
            let code = i.code.to_string();
            let from = i.from.as_ref().map(ToString::to_string).unwrap_or_default();
            let kind = kind_key(i.kind);
            if i.fields.is_empty() {
                t.rows.push(line([&code, &from, kind, "", "", ""]));
            }
            for f in &i.fields {
                t.rows
                    .push(line([&code, &from, kind, &f.field, &f.before, &f.after]));
            }
        }
        t
    }
}

impl crate::report::output::Report for MethodologyDiff {
    fn to_document(&self, lang: Lang) -> Document {
        MethodologyDiff::to_document(self, lang)
    }
    /// The diff's data (keys and values as the data holds them).
    fn to_json(&self, _lang: Lang) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
