//! Row heights for wrapped text in the workbooks this crate writes. Excel and LibreOffice
//! keep the default height for a row written by a program, so wrapped titles and rules run
//! into the next row when printed; each row is given the height of its tallest wrapped
//! cell instead.
//!
//! A cell `width` characters wide (Excel's unit: the width of a digit of the default font)
//! holds about `width - 1` characters a line; text is broken at spaces, a word longer than
//! a line within itself; a line of the default font (11 pt) takes 15 points. Bold text is
//! counted a tenth wider. No floating point: widths and heights are whole numbers, given to
//! the writer as such.

use std::collections::BTreeMap;

use unicode_width::UnicodeWidthStr;

/// Points a line of the default font takes.
pub(crate) const LINE_POINTS: u16 = 15;

/// The lines `text` takes in a wrapped cell `width` characters wide (`bold`: a tenth wider).
pub(crate) fn wrapped_lines(text: &str, width: u16, bold: bool) -> u16 {
    let mut usable = usize::from(width.saturating_sub(1)).max(1);
    if bold {
        usable = usable
            .saturating_mul(9)
            .checked_div(10)
            .unwrap_or(usable)
            .max(1);
    }
    let mut lines = 0u16;
    for line in text.split('\n') {
        lines = lines.saturating_add(line_count(line, usable));
    }
    lines.max(1)
}

/// The lines one line of text (no line break) takes, `usable` characters a line.
fn line_count(line: &str, usable: usize) -> u16 {
    let mut lines = 1u16;
    let mut filled = 0usize;
    for word in line.split(' ') {
        let w = word.width();
        // The space before the word, unless it starts a line.
        let need = if filled == 0 { w } else { w.saturating_add(1) };
        if filled.saturating_add(need) <= usable {
            filled = filled.saturating_add(need);
            continue;
        }
        // A new line; a word wider than a line is broken within itself.
        if filled > 0 {
            lines = lines.saturating_add(1);
        }
        let extra = w.saturating_sub(1).checked_div(usable).unwrap_or(0);
        lines = lines.saturating_add(u16::try_from(extra).unwrap_or(u16::MAX));
        filled = w.checked_rem(usable).filter(|r| *r > 0).unwrap_or(usable);
    }
    lines
}

/// The tallest cell of each row, in lines: noted as cells are written, then set on the
/// sheet (rows of one line keep the default height).
#[derive(Debug, Default)]
pub(crate) struct Heights(BTreeMap<u32, u16>);

impl Heights {
    /// A wrapped cell of `row`, `width` characters wide, holding `text`.
    pub(crate) fn note(&mut self, row: u32, text: &str, width: u16, bold: bool) {
        let lines = wrapped_lines(text, width, bold);
        let e = self.0.entry(row).or_insert(1);
        *e = (*e).max(lines);
    }

    /// Set the height of every row that needs more than one line.
    pub(crate) fn apply(
        &self,
        ws: &mut rust_xlsxwriter::Worksheet,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        for (row, lines) in &self.0 {
            if *lines > 1 {
                ws.set_row_height(*row, lines.saturating_mul(LINE_POINTS))?;
            }
        }
        Ok(())
    }
}

/// Set the height of row `row` from its wrapped cells (text, width, bold), if it needs more
/// than one line.
pub(crate) fn fit(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    cells: &[(&str, u16, bool)],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut h = Heights::default();
    for (text, width, bold) in cells {
        h.note(row, text, *width, *bold);
    }
    h.apply(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_by_hand() {
        // 9 usable characters a line (width 10).
        assert_eq!(wrapped_lines("", 10, false), 1);
        assert_eq!(wrapped_lines("abc def", 10, false), 1); // 7 ≤ 9
        assert_eq!(wrapped_lines("abcde fghij", 10, false), 2); // 5 + 1 + 5 = 11 > 9
        assert_eq!(wrapped_lines("abc\ndef", 10, false), 2); // a line break
        assert_eq!(wrapped_lines("abcdefghijklmnopqrst", 10, false), 3); // 20 = 9 + 9 + 2
        assert_eq!(wrapped_lines("ab abcdefghijklmnopqrst", 10, false), 4); // ab | 9 | 9 | 2
        // Bold: 9 × 9 / 10 = 8 usable: "abcd efgh" (9) no longer fits.
        assert_eq!(wrapped_lines("abcd efgh", 10, false), 1);
        assert_eq!(wrapped_lines("abcd efgh", 10, true), 2);
        // Vietnamese letters are one character each, whatever their marks.
        assert_eq!(wrapped_lines("Tỷ lệ hồ sơ", 12, false), 1); // 11 ≤ 11
    }
}
