//! A worksheet's XML and the shared strings' XML, written the way
//! rust_xlsxwriter writes them (the same elements, attributes and escapes),
//! so that the workbook reads exactly as the library's did; the rows are
//! written run by run, on several threads.

use std::fmt::Write as _;

use super::cells::{Cells, Value};
use super::number::{self, Number};

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A sheet's own settings, from all its runs of cells.
pub struct Layout {
    /// The first and last row and column that hold a cell.
    pub dimension: Option<(u32, u16, u32, u16)>,
    /// The first sheet is the one selected.
    pub selected: bool,
    pub max_level: u8,
    /// Each column's width in pixels (0: left as it is).
    pub widths: Vec<u32>,
}

/// Excel's default column width, in pixels.
const DEFAULT_COLUMN_PIXELS: u32 = 64;
/// The width of a digit of the default font, in pixels.
const DIGIT_PIXELS: u32 = 7;

/// The sheet's XML up to its first row.
pub fn start(layout: &Layout) -> String {
    let mut xml = String::from(DECLARATION);
    xml.push_str(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    );
    // Outline buttons above their rows: parents sit above their children.
    xml.push_str("<sheetPr><outlinePr summaryBelow=\"0\"/></sheetPr>");
    let range = match layout.dimension {
        Some((first_row, first_col, last_row, last_col)) => {
            let mut range = cell_name(first_row, first_col);
            if (first_row, first_col) != (last_row, last_col) {
                range.push(':');
                range.push_str(&cell_name(last_row, last_col));
            }
            range
        }
        None => "A1".to_string(),
    };
    let _ = write!(xml, "<dimension ref=\"{range}\"/>");
    // The header row frozen.
    let selected = if layout.selected { " tabSelected=\"1\"" } else { "" };
    let _ = write!(
        xml,
        "<sheetViews><sheetView{selected} workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
         activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>"
    );
    xml.push_str("<sheetFormatPr defaultRowHeight=\"15\"");
    if layout.max_level > 0 {
        let _ = write!(xml, " outlineLevelRow=\"{}\"", layout.max_level);
    }
    xml.push_str("/>");
    write_columns(&mut xml, &layout.widths);
    xml.push_str(if layout.dimension.is_some() { "<sheetData>" } else { "<sheetData/>" });
    xml
}

/// The page's margins, Excel's defaults.
macro_rules! margins {
    () => {
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
    };
}

/// The sheet's XML after its last row.
pub fn end(layout: &Layout) -> &'static str {
    if layout.dimension.is_some() {
        concat!("</sheetData>", margins!())
    } else {
        margins!()
    }
}

/// The columns' widths, neighbours of the same width as one range.
fn write_columns(xml: &mut String, widths: &[u32]) {
    let fitted: Vec<(usize, u32)> = widths.iter().copied().enumerate().filter(|&(_, w)| w > 0).collect();
    if fitted.is_empty() {
        return;
    }
    xml.push_str("<cols>");
    let mut i = 0;
    while i < fitted.len() {
        let (first, width) = fitted[i];
        let mut last = first;
        while i + 1 < fitted.len() && fitted[i + 1] == (last + 1, width) {
            i += 1;
            last += 1;
        }
        let chars = f64::from(width * 256 / DIGIT_PIXELS) / 256.0;
        let custom = if width != DEFAULT_COLUMN_PIXELS { " customWidth=\"1\"" } else { "" };
        let _ =
            write!(xml, "<col min=\"{}\" max=\"{}\" width=\"{chars}\" bestFit=\"1\"{custom}/>", first + 1, last + 1);
        i += 1;
    }
    xml.push_str("</cols>");
}

/// The column spans of a sheet's rows, by block of 16 rows as Excel keeps them:
/// the first and last column (counted from 1) of the cells in the block.
pub struct Spans {
    /// The first block's number.
    first: u32,
    spans: Vec<(u16, u16)>,
}

impl Spans {
    /// From each run's blocks (a block may be in several runs).
    pub fn of<'c>(runs: impl Iterator<Item = &'c Cells> + Clone) -> Spans {
        let first = runs.clone().filter_map(|cells| cells.blocks.iter().map(|b| b.0).min()).min().unwrap_or(0);
        let mut spans: Vec<(u16, u16)> = Vec::new();
        for cells in runs {
            for &(block, min_col, max_col) in &cells.blocks {
                let block = (block - first) as usize;
                if spans.len() <= block {
                    spans.resize(block + 1, (u16::MAX, 0));
                }
                let (min, max) = &mut spans[block];
                *min = (*min).min(min_col);
                *max = (*max).max(max_col);
            }
        }
        Spans { first, spans }
    }

    fn of_row(&self, row: u32) -> Option<(u16, u16)> {
        let block = (row / 16).checked_sub(self.first)?;
        self.spans.get(block as usize).copied().filter(|&(min, _)| min != u16::MAX)
    }
}

/// The `<row>` elements of a run of cells: `texts` gives each of the run's
/// texts its shared string's number, `styles` each look its style's.
///
/// Written in place ([`Out`]): each cell is its reference (`<c r="` and its
/// column and row, made once for the row), what follows it for its look and
/// kind of value (made once for the run, [`Tails`]), its value's digits and
/// `</v></c>`; the first two copied as fixed blocks of [`BLOCK`] bytes.
pub fn write_rows(xml: &mut Vec<u8>, cells: &Cells, texts: &[u32], styles: &[u32], spans: &Spans) {
    let tails = Tails::new(styles);
    let mut out = Out::new(xml);
    for (row, row_cells) in cells.row_cells() {
        out.room(ROW_MOST);
        let r = row.number + 1;
        // `<c r="A` and the row's number, the A replaced by each cell's column.
        let mut head = [0u8; BLOCK];
        head[..6].copy_from_slice(b"<c r=\"");
        let r_len = number::digit_count(u64::from(r));
        number::write_digits(u64::from(r), &mut head[7..7 + r_len]);
        out.put(b"<row r=\"");
        out.put(&head[7..7 + r_len]);
        out.put(b"\"");
        if let Some((min, max)) = spans.of_row(row.number) {
            out.put(b" spans=\"");
            out.number(u32::from(min));
            out.put(b":");
            out.number(u32::from(max));
            out.put(b"\"");
        }
        if row.level > 0 {
            out.put(b" outlineLevel=\"");
            out.number(u32::from(row.level));
            out.put(b"\"");
        }
        if row_cells.is_empty() {
            out.put(b"/>");
            continue;
        }
        out.put(b">");
        for cell in row_cells.iter() {
            if cell.value == Value::Blank && styles[usize::from(cell.look.0)] == 0 {
                // Excel writes no unformatted blank cell.
                continue;
            }
            out.room(CELL_MOST);
            let tails = &tails.0[usize::from(cell.look.0)];
            if cell.col < 26 {
                // The letter written over the copy, not into the block: a
                // byte stored then read back in a wider load waits for it.
                out.block(&head, 7 + r_len);
                out.set_back(7 + r_len - 6, b'A' + cell.col as u8);
            } else {
                let letters = column_letters(cell.col);
                out.put(&head[..6]);
                out.put(&letters.0[..letters.1]);
                out.put(&head[7..7 + r_len]);
            }
            match cell.value {
                Value::Blank => {
                    out.tail(&tails[BLANK]);
                    continue;
                }
                Value::Text(t) => {
                    out.tail(&tails[TEXT]);
                    out.number(texts[t as usize]);
                }
                Value::Number(n) => {
                    out.tail(&tails[NUMBER]);
                    out.value(n);
                }
                Value::Bool(b) => {
                    out.tail(&tails[BOOL]);
                    out.put(if b { b"1" } else { b"0" });
                }
            }
            out.put(b"</v></c>");
        }
        out.room(ROW_MOST);
        out.put(b"</row>");
    }
}

/// The size of the fixed blocks a cell's reference and what follows it are
/// copied as: their longest is `"` and a style of ten digits and a type,
/// 26 bytes.
const BLOCK: usize = 32;
/// The most a row's own XML (not its cells') takes.
const ROW_MOST: usize = 96;
/// The most a cell's XML takes, its two blocks whole, but for a number of
/// more than [`VALUE_MOST`] bytes.
const CELL_MOST: usize = 2 * BLOCK + VALUE_MOST + 8;
/// The longest value a cell is given room for in advance: a text's number,
/// most numbers.
const VALUE_MOST: usize = 32;
/// How much room is made at a time, as zeros then written over.
const AHEAD: usize = 1 << 16;

// The kinds of value, in each look's [`Tails`].
const BLANK: usize = 0;
const TEXT: usize = 1;
const NUMBER: usize = 2;
const BOOL: usize = 3;

/// What follows a cell's reference, by kind of value, for each look: `"`,
/// the style, the type and the value's opening (`" s="4" t="s"><v>`).
struct Tails(Vec<[Tail; 4]>);

/// The bytes of a [`Tails`] and how many of them there are.
#[derive(Clone, Copy)]
struct Tail([u8; BLOCK], usize);

impl Tails {
    fn new(styles: &[u32]) -> Tails {
        let mut number = itoa::Buffer::new();
        Tails(
            styles
                .iter()
                .map(|&style| {
                    let mut start = b"\"".to_vec();
                    if style > 0 {
                        start.extend_from_slice(b" s=\"");
                        start.extend_from_slice(number.format(style).as_bytes());
                        start.push(b'"');
                    }
                    [&b"/>"[..], b" t=\"s\"><v>", b"><v>", b" t=\"b\"><v>"].map(|end| {
                        let mut tail = Tail([0; BLOCK], start.len() + end.len());
                        tail.0[..start.len()].copy_from_slice(&start);
                        tail.0[start.len()..tail.1].copy_from_slice(end);
                        tail
                    })
                })
                .collect(),
        )
    }
}

/// The XML written in place: room made ahead (zeros), written over, and the
/// XML cut to what was written when done. Room is made before each row and
/// each cell for the most they take, so that the writes after it fit.
struct Out<'x> {
    xml: &'x mut Vec<u8>,
    /// Where the next byte goes.
    at: usize,
}

impl<'x> Out<'x> {
    fn new(xml: &'x mut Vec<u8>) -> Out<'x> {
        let at = xml.len();
        Out { xml, at }
    }

    /// Room for `n` more bytes.
    #[inline]
    fn room(&mut self, n: usize) {
        if self.xml.len() < self.at + n {
            self.xml.resize(self.at + n.max(AHEAD), 0);
        }
    }

    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.xml[self.at..self.at + bytes.len()].copy_from_slice(bytes);
        self.at += bytes.len();
    }

    /// The first `len` bytes of `block`, copied whole.
    #[inline]
    fn block(&mut self, block: &[u8; BLOCK], len: usize) {
        self.xml[self.at..self.at + BLOCK].copy_from_slice(block);
        self.at += len.min(BLOCK);
    }

    /// The byte `back` bytes before the next one.
    #[inline]
    fn set_back(&mut self, back: usize, byte: u8) {
        self.xml[self.at - back] = byte;
    }

    #[inline]
    fn tail(&mut self, tail: &Tail) {
        self.block(&tail.0, tail.1);
    }

    #[inline]
    fn number(&mut self, n: u32) {
        let len = n.checked_ilog10().map_or(1, |d| d as usize + 1);
        number::write_digits(u64::from(n), &mut self.xml[self.at..self.at + len]);
        self.at += len;
    }

    fn value(&mut self, n: Number) {
        match n {
            Number::Short { mantissa, scale } => {
                let len = n.len();
                self.room(len + 8);
                number::write_short(mantissa, scale, &mut self.xml[self.at..self.at + len]);
                self.at += len;
            }
            Number::Float(_) => {
                self.xml.truncate(self.at);
                n.write(self.xml);
                self.at = self.xml.len();
                self.room(8);
            }
        }
    }
}

impl Drop for Out<'_> {
    fn drop(&mut self) {
        self.xml.truncate(self.at);
    }
}

/// The shared strings' XML up to the first string: `count` text cells, `unique` texts.
pub fn strings_start(count: usize, unique: usize) -> String {
    format!(
        "{DECLARATION}<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         count=\"{count}\" uniqueCount=\"{unique}\">"
    )
}

pub const STRINGS_END: &str = "</sst>";

/// The `<si>` elements of texts: most need no escape, and are seen to
/// need none in one look at their bytes and copied whole.
pub fn write_strings(xml: &mut Vec<u8>, texts: &[&str]) {
    for text in texts {
        let bytes = text.as_bytes();
        // A blank is one byte: the first and last bytes are the first and last characters.
        let blank = |b: Option<&u8>| matches!(b, Some(b'\t' | b'\n' | b' '));
        if blank(bytes.first()) || blank(bytes.last()) {
            xml.extend_from_slice(b"<si><t xml:space=\"preserve\">");
        } else {
            xml.extend_from_slice(b"<si><t>");
        }
        if bytes.iter().any(|&b| MAY_ESCAPE[usize::from(b)]) {
            escape(xml, &escape_escapes(text));
        } else {
            xml.extend_from_slice(bytes);
        }
        xml.extend_from_slice(b"</t></si>");
    }
}

/// The bytes a text may need an escape for: XML's three, the control
/// characters (but tab and line feed), the underscore of an `_xHHHH_`, and
/// the first byte of U+FFFE and U+FFFF.
const MAY_ESCAPE: [bool; 256] = {
    let mut may = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        may[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    may[b'&' as usize] = true;
    may[b'<' as usize] = true;
    may[b'>' as usize] = true;
    may[b'_' as usize] = true;
    may[0xEF] = true;
    may
};

/// A column's letters: A, B, … Z, AA, … XFD, the last a sheet has. Cells
/// past it are refused when they are made ([`super::cells::MAX_COLUMNS`]);
/// any column still gets its letters, at most four, rather than a panic.
fn push_column(xml: &mut Vec<u8>, col: u16) {
    let (letters, len) = column_letters(col);
    xml.extend_from_slice(&letters[..len]);
}

/// A column's letters and how many there are.
fn column_letters(col: u16) -> ([u8; 4], usize) {
    let mut letters = [0u8; 4];
    let mut n = u32::from(col) + 1;
    let mut len = 0;
    while n > 0 && len < 4 {
        let rem = (n - 1) % 26;
        letters[len] = b'A' + rem as u8;
        len += 1;
        n = (n - 1) / 26;
    }
    letters[..len].reverse();
    (letters, len)
}

fn cell_name(row: u32, col: u16) -> String {
    let mut name = Vec::new();
    push_column(&mut name, col);
    format!("{}{}", String::from_utf8_lossy(&name), row + 1)
}

/// A text's `_xHHHH_` written `_x005F_xHHHH_`, so that it is read as itself
/// and not as the escape of a control character.
fn escape_escapes(text: &str) -> std::borrow::Cow<'_, str> {
    const LENGTH: usize = 7; // _xHHHH_
    if !text.contains("_x") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut escaped = text.to_string();
    for (index, _) in text.rmatch_indices("_x") {
        if index + LENGTH > text.len()
            || !text.is_char_boundary(index + LENGTH - 1)
            || !text[index + LENGTH - 1..].starts_with('_')
        {
            continue;
        }
        if text[index + 2..index + LENGTH - 1].chars().all(|c| c.is_ascii_hexdigit()) {
            escaped.replace_range(index..index, "_x005F");
        }
    }
    std::borrow::Cow::Owned(escaped)
}

/// XML's escapes, and control characters (but tab and line feed) and the
/// two non-characters as `_xHHHH_`, as Excel writes them.
fn escape(xml: &mut Vec<u8>, text: &str) {
    let mut rest = 0;
    for (i, c) in text.char_indices() {
        let escaped: Option<&[u8]> = match c {
            '&' => Some(b"&amp;"),
            '<' => Some(b"&lt;"),
            '>' => Some(b"&gt;"),
            '\t' | '\n' => None,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                xml.extend_from_slice(&text.as_bytes()[rest..i]);
                let _ = std::io::Write::write_fmt(xml, format_args!("_x{:04X}_", u32::from(c)));
                rest = i + c.len_utf8();
                None
            }
            _ => None,
        };
        if let Some(escaped) = escaped {
            xml.extend_from_slice(&text.as_bytes()[rest..i]);
            xml.extend_from_slice(escaped);
            rest = i + 1;
        }
    }
    xml.extend_from_slice(&text.as_bytes()[rest..]);
}

#[cfg(test)]
mod bench;

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut xml = Vec::new();
        escape(&mut xml, &escape_escapes(text));
        String::from_utf8(xml).unwrap()
    }

    #[test]
    fn texts_are_escaped_as_excel_escapes_them() {
        assert_eq!(escaped(">= 5 & <"), "&gt;= 5 &amp; &lt;");
        assert_eq!(escaped("a\u{1b}b\tc\n\u{ffff}"), "a_x001B_b\tc\n_xFFFF_");
        // A literal escape is kept as itself; an incomplete one needs nothing.
        assert_eq!(escaped("_x00E9_ _x00E9 _xZZZZ_"), "_x005F_x00E9_ _x00E9 _xZZZZ_");
        assert_eq!(escaped("è_x1234_"), "è_x005F_x1234_");
    }

    #[test]
    fn columns_and_cells_are_named_as_in_a_spreadsheet() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 16_383), "XFD1");
        // Past ZZZ (26 + 26² + 26³ = 18 278 columns) a fourth letter; the widest index, 65 535, is the 65 536th column.
        assert_eq!(cell_name(0, 18_278), "AAAA1");
        assert_eq!(cell_name(0, u16::MAX), "CRXP1");
    }

    #[test]
    fn neighbouring_columns_of_one_width_are_one_range() {
        let mut xml = String::new();
        // 70 pixels: 70 * 256 / 7 = 2560, 10 characters; 64 is the default width.
        write_columns(&mut xml, &[70, 70, 0, 64, 71]);
        assert_eq!(
            xml,
            "<cols><col min=\"1\" max=\"2\" width=\"10\" bestFit=\"1\" customWidth=\"1\"/>\
             <col min=\"4\" max=\"4\" width=\"9.140625\" bestFit=\"1\"/>\
             <col min=\"5\" max=\"5\" width=\"10.140625\" bestFit=\"1\" customWidth=\"1\"/></cols>"
        );
    }
}
