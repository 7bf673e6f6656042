//! Column widths fitted to their content as the cells are written, the way
//! rust_xlsxwriter's `Worksheet::autofit` measures them (its character widths
//! taken from Excel, 7 pixels of padding), so the columns come out exactly as
//! wide; `autofit` measures them again afterwards by looking every cell up in
//! the sheet, which on a large plan costs a tenth of writing the workbook.

/// The widest text a column is measured for, in pixels: Excel's own limit.
const MAX_TEXT_PIXELS: u32 = 1790;

/// The widest cell of each column so far, in pixels (0: none yet).
pub struct ColumnFit {
    widths: Vec<u32>,
    /// No column grows wider than this.
    max: u32,
}

impl ColumnFit {
    pub fn new(columns: usize, max: u32) -> ColumnFit {
        ColumnFit { widths: vec![0; columns], max }
    }

    /// A text cell: its widest line.
    pub fn text(&mut self, col: u16, text: &str) {
        let width = text.lines().map(pixel_width).max().unwrap_or(0);
        self.cell(col, width);
    }

    /// A number cell, measured by the length of the float's text.
    pub fn number(&mut self, col: u16, number: f64) {
        let mut length = Length(0);
        let _ = std::fmt::Write::write_fmt(&mut length, format_args!("{number}"));
        self.cell(col, 7 * length.0 as u32);
    }

    /// A date cell: Excel's default date's width.
    pub fn date(&mut self, col: u16) {
        self.cell(col, 68);
    }

    /// A yes/no cell: `TRUE` or `FALSE`.
    pub fn boolean(&mut self, col: u16, value: bool) {
        self.cell(col, if value { 31 } else { 36 });
    }

    fn cell(&mut self, col: u16, width: u32) {
        if width == 0 {
            return;
        }
        let width = (width + 7).min(self.max);
        if let Some(widest) = self.widths.get_mut(usize::from(col)) {
            *widest = (*widest).max(width);
        }
    }

    /// Each column's widest cell so far, in pixels (0: none).
    pub fn widths(&self) -> &[u32] {
        &self.widths
    }
}

/// Counts the bytes written, for a number's text without making it.
struct Length(usize);

impl std::fmt::Write for Length {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

/// A text's width in pixels from Excel's character widths (8 for a character
/// not in the table), as rust_xlsxwriter's autofit counts it.
fn pixel_width(text: &str) -> u32 {
    if text.chars().count() > 233 {
        return MAX_TEXT_PIXELS;
    }
    let width: u32 = text.chars().map(char_width).sum();
    width.min(MAX_TEXT_PIXELS)
}

fn char_width(c: char) -> u32 {
    match c {
        ' ' | '\'' => 3,
        ',' | '.' | ':' | ';' | 'I' | '`' | 'i' | 'j' | 'l' => 4,
        '!' | '(' | ')' | '-' | 'J' | '[' | ']' | 'f' | 'r' | 't' | '{' | '}' => 5,
        '"' | '/' | 'L' | '\\' | 'c' | 's' | 'z' => 6,
        '#'
        | '$'
        | '*'
        | '+'
        | '0'..='9'
        | '<'
        | '='
        | '>'
        | '?'
        | 'E'
        | 'F'
        | 'S'
        | 'T'
        | 'Y'
        | 'Z'
        | '^'
        | '_'
        | 'a'
        | 'g'
        | 'k'
        | 'v'
        | 'x'
        | 'y'
        | '|'
        | '~' => 7,
        'B' | 'C' | 'K' | 'P' | 'R' | 'X' | 'b' | 'd' | 'e' | 'h' | 'n' | 'o' | 'p' | 'q' | 'u' => 8,
        'A' | 'D' | 'G' | 'H' | 'U' | 'V' => 9,
        '&' | 'N' | 'O' | 'Q' => 10,
        '%' | 'w' => 11,
        'M' | 'm' => 12,
        '@' | 'W' => 13,
        _ => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_the_widest_cell_plus_padding_within_the_limit() {
        let mut fit = ColumnFit::new(3, 360);
        // "Ambito 1": A 9, m 12, b 8, i 4, t 5, o 8, space 3, 1 7 = 56, plus 7.
        fit.text(0, "Ambito 1");
        fit.text(0, "K1");
        // 0.25 is four characters: 28, plus 7; a date is 68, plus 7.
        fit.number(1, 0.25);
        fit.date(1);
        // The widest of two lines; an empty text adds nothing.
        fit.text(2, "");
        assert_eq!(fit.widths, [63, 75, 0]);
        fit.text(2, "ab\nW");
        assert_eq!(fit.widths[2], 15 + 7);
        // 300 characters are Excel's widest, held to the sheet's limit.
        fit.text(2, &"x".repeat(300));
        assert_eq!(fit.widths[2], 360);
        fit.boolean(1, false);
        assert_eq!(fit.widths[1], 75);
    }
}
