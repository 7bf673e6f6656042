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

    /// Whether these are the widths of `columns` columns, none wider than `max`.
    pub fn fits(&self, columns: usize, max: u32) -> bool {
        self.widths.len() == columns && self.max == max
    }

    /// No cell measured yet.
    pub fn clear(&mut self) {
        self.widths.fill(0);
    }

    /// A text cell of `width` pixels ([`text_width`]).
    pub fn text(&mut self, col: u16, width: u32) {
        self.cell(col, width);
    }

    /// A number cell, measured by the length of the float's text.
    pub fn number(&mut self, col: u16, length: usize) {
        self.cell(col, 7 * length as u32);
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

/// A text's width in pixels: its widest line's. Measured once for each of
/// a run's texts, however many cells hold it.
pub fn text_width(text: &str) -> u32 {
    if text.is_ascii() {
        // A line as `str::lines` cuts it: at a line feed, a carriage return before it dropped.
        let lines = text.as_bytes().split_inclusive(|&b| b == b'\n');
        let lines = lines.map(|line| line.strip_suffix(b"\r\n").or(line.strip_suffix(b"\n")).unwrap_or(line));
        return lines.map(ascii_pixel_width).max().unwrap_or(0);
    }
    text.lines().map(pixel_width).max().unwrap_or(0)
}

/// [`pixel_width`] of an ASCII text, its characters' widths from a table.
fn ascii_pixel_width(line: &[u8]) -> u32 {
    if line.len() > 233 {
        return MAX_TEXT_PIXELS;
    }
    let width: u32 = line.iter().map(|&b| u32::from(ASCII_WIDTHS[usize::from(b)])).sum();
    width.min(MAX_TEXT_PIXELS)
}

/// [`char_width`] of each ASCII character.
const ASCII_WIDTHS: [u8; 128] = {
    let mut widths = [0; 128];
    let mut b = 0;
    while b < 128 {
        widths[b] = char_width(b as u8 as char) as u8;
        b += 1;
    }
    widths
};

/// A text's width in pixels from Excel's character widths (8 for a character
/// not in the table), as rust_xlsxwriter's autofit counts it.
fn pixel_width(text: &str) -> u32 {
    if text.chars().count() > 233 {
        return MAX_TEXT_PIXELS;
    }
    let width: u32 = text.chars().map(char_width).sum();
    width.min(MAX_TEXT_PIXELS)
}

const fn char_width(c: char) -> u32 {
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
        fit.text(0, text_width("Ambito 1"));
        fit.text(0, text_width("K1"));
        // 0.25 is four characters: 28, plus 7; a date is 68, plus 7.
        fit.number(1, 4);
        fit.date(1);
        // The widest of two lines; an empty text adds nothing.
        fit.text(2, text_width(""));
        assert_eq!(fit.widths, [63, 75, 0]);
        fit.text(2, text_width("ab\nW"));
        assert_eq!(fit.widths[2], 15 + 7);
        // 300 characters are Excel's widest, held to the sheet's limit.
        fit.text(2, text_width(&"x".repeat(300)));
        assert_eq!(fit.widths[2], 360);
        fit.boolean(1, false);
        assert_eq!(fit.widths[1], 75);
    }

    #[test]
    fn an_ascii_text_measures_as_any_text() {
        // Every ASCII character, alone and in lines cut every way `str::lines` cuts them.
        let all: String = (0u8..128).map(char::from).collect();
        let texts = [&all, "a\r\nbb\r", "\r\n\n", "\n", "x\r\ry\n", "\rW\r\n", "é and a", "ab\n\u{1F600}\n"];
        for text in texts.iter().map(|t| t.to_string()).chain([all.repeat(3), "m".repeat(233), "m".repeat(234)]) {
            assert_eq!(text_width(&text), text.lines().map(pixel_width).max().unwrap_or(0), "{text:?}");
        }
    }
}
