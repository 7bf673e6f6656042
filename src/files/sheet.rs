//! A table of text cells read from a file, before any cell is interpreted:
//! the common ground of plan and actuals files, whatever their delimiter,
//! encoding or spreadsheet format. The loaders read a [`Table`]; a [`Sheet`]
//! is one that holds its rows (a workbook, a small text).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::files::format_votes::Told;
use crate::files::formula_guard::unguard;
use crate::files::header::Header;
use crate::files::scanner::{Record, Scanner};
use crate::unit::Unit;
use crate::value::{NumberFormat, Value};

/// The fuzz targets decode a file's bytes by this path, beside [`Sheet`].
pub use crate::files::decode::decode;

/// One data row, with the line it came from for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in column `index`, trimmed; empty when the row is short.
    pub fn cell(&self, index: Option<usize>) -> &str {
        index.and_then(|i| self.cells.get(i)).map_or("", |c| c.trim())
    }
}

/// A header row and the data rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The name used in messages: the path as the user gave it.
    pub source: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// `;` makes a file Italian (README, "Values"); `None` for a spreadsheet, which has none.
    pub delimiter: Option<u8>,
    /// Numbers typed in a spreadsheet, by (index in `rows`, column). Their
    /// cells hold them as plain text until [`Sheet::with_numbers_in`] writes
    /// them in the file's number format.
    pub typed: BTreeMap<(usize, usize), TypedNumber>,
    /// What reading the file found, which the loaders pass on with their
    /// own: rows that cannot be trusted as read (more cells than the header,
    /// a quote never closed), a file mixing two encodings.
    pub diagnostics: Vec<Diagnostic>,
}

/// A number typed in a spreadsheet cell, as the user typed it: exact, and a
/// percent when the cell is formatted as one (`14,67 %` is 0.1467).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedNumber {
    /// The cell's value; for a percent, the fraction (0.1467).
    pub value: Decimal,
    pub percent: bool,
}

impl TypedNumber {
    /// The cell as text that the value parser reads back exactly in `format`,
    /// and that the other format could never read differently: `14,67 %`,
    /// `1.3360` rather than the ambiguous `1.336`.
    pub fn text(&self, format: NumberFormat) -> String {
        let unit = self.percent.then_some(Unit::Percent);
        crate::figure::cell::value(&Value::Number(self.value), unit.as_ref(), format)
    }

    /// The cell as a spreadsheet shows it by default, for cells that hold no
    /// value (codes, names, years): `2024`, `1.5`, `14.67%`.
    pub fn plain(&self) -> String {
        crate::figure::cell::as_spreadsheet_shows(self.value, self.percent)
    }
}

impl Sheet {
    /// The header row, with the file's name for messages.
    pub fn header(&self) -> Header<'_> {
        Header { source: &self.source, cells: &self.headers }
    }

    /// The index of the first column whose normalised header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header().column(names)
    }

    /// See [`Header::required_column`].
    pub fn required_column(&self, names: &[&str], hint: &str) -> Result<usize, Diagnostic> {
        self.header().required_column(names, hint)
    }

    /// See [`Header::header_problems`].
    pub fn header_problems(&self, roles: &[&[&str]], year_roles: &[&[&str]]) -> Vec<Diagnostic> {
        self.header().header_problems(roles, year_roles)
    }

    /// See [`Header::year_columns`].
    pub fn year_columns(&self, prefixes: &[&str]) -> Vec<(i32, usize)> {
        self.header().year_columns(prefixes)
    }

    /// The file's number format (README, "Values"): forced, or that of the
    /// majority of the value cells' tokens that only one format can read
    /// (`61,4` Italian, `61.4` English); a tie, or no such token, is decided
    /// by the delimiter: `;` Italian, anything else English.
    pub fn number_format(&self, value_columns: &[usize], forced: Option<NumberFormat>) -> NumberFormat {
        if let Some(f) = forced {
            return f;
        }
        let mut told = Told::default();
        for (r, row) in self.rows.iter().enumerate() {
            for &c in value_columns {
                // A typed number has no format of its own: only text cells tell.
                if self.typed.contains_key(&(r, c)) {
                    continue;
                }
                if let Some(cell) = row.cells.get(c) {
                    told.count(cell);
                }
            }
        }
        told.decide(self.delimiter)
    }

    /// The sheet with every number typed in a value column written in
    /// `format`, so the file's text and typed cells read the same way.
    /// Borrowed when the sheet has no typed numbers (any text file).
    pub fn with_numbers_in(&self, format: NumberFormat, value_columns: &[usize]) -> Cow<'_, Sheet> {
        if !self.typed.keys().any(|(_, c)| value_columns.contains(c)) {
            return Cow::Borrowed(self);
        }
        let mut sheet = self.clone();
        for (&(r, c), number) in &self.typed {
            if value_columns.contains(&c) {
                sheet.rows[r].cells[c] = number.text(format);
            }
        }
        Cow::Owned(sheet)
    }
}

/// Which columns' cells vote on a text's number format, told by its header
/// once the first pass has read it: the loader's value columns, or none when
/// the format is forced. The codes, names and notes, which decide nothing
/// (`K0.0.1` holds dots), are not looked at (README, "The first pass").
pub type Voters<'a> = &'a dyn Fn(Header) -> Vec<usize>;

/// What the plan and actuals loaders read: a header, the problems found in
/// reading, the file's number format, then the rows one at a time. A
/// [`Sheet`] (a workbook, or a small text) holds its rows; a
/// [`TextTable`](crate::files::text_table::TextTable)
/// reads them from its text as they are asked for.
pub trait Table {
    /// The name used in messages: the path as the user gave it.
    fn source(&self) -> &str;
    fn header(&self) -> Header<'_>;
    /// What reading the file found (see [`Sheet::diagnostics`]).
    fn diagnostics(&self) -> &[Diagnostic];
    /// How many data rows there are.
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The file's number format (see [`Sheet::number_format`]). A text's
    /// votes were counted for the columns its [`Voters`] named: those are
    /// the `value_columns` to ask about.
    fn number_format(&self, value_columns: &[usize], forced: Option<NumberFormat>) -> NumberFormat;
    /// How many pieces of consecutive rows [`Table::piece`] reads: a large
    /// text is read in several, on as many threads; a sheet in one.
    fn pieces(&self) -> usize {
        1
    }
    /// Piece `index`, its rows to read with [`Piece::rows`] in file order, a
    /// number typed in a value column written in `format` (see
    /// [`Sheet::with_numbers_in`]): the pieces one after the other are every
    /// row, with the same lines. A text's piece takes its part of the text
    /// with it, which is let go once the piece is dropped (README, "The
    /// text in pieces"): each piece is read once, and asked again it has no
    /// row.
    fn piece(&self, index: usize, format: NumberFormat, value_columns: &[usize]) -> Piece<'_>;
}

impl Table for Sheet {
    fn source(&self) -> &str {
        &self.source
    }
    fn header(&self) -> Header<'_> {
        Sheet::header(self)
    }
    fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn number_format(&self, value_columns: &[usize], forced: Option<NumberFormat>) -> NumberFormat {
        Sheet::number_format(self, value_columns, forced)
    }
    fn piece(&self, index: usize, format: NumberFormat, value_columns: &[usize]) -> Piece<'_> {
        let sheet = if index == 0 { Some(self.with_numbers_in(format, value_columns)) } else { None };
        Piece(PieceOf::Held(sheet))
    }
}

/// A piece of a [`Table`]'s rows, holding what they are read from: `let
/// piece = table.piece(…); let mut rows = piece.rows(); while let Some(row)
/// = rows.next_row() { … }`.
pub struct Piece<'a>(pub(super) PieceOf<'a>);

pub(super) enum PieceOf<'a> {
    /// A sheet's rows (the first piece), or none.
    Held(Option<Cow<'a, Sheet>>),
    /// Some of a text's blocks, read from a record's start for some rows.
    Text {
        blocks: Vec<Arc<String>>,
        delimiter: u8,
        /// Where the piece's first row is in the first block, and its line;
        /// `None` for the first piece, read from the text's start, its header first.
        start: Option<(usize, usize)>,
        /// The data rows it holds.
        rows: usize,
    },
}

impl Piece<'_> {
    /// The piece's rows, read one at a time.
    pub fn rows(&self) -> Rows<'_> {
        match &self.0 {
            PieceOf::Held(sheet) => Rows(Reading::Held { sheet: sheet.as_deref(), next: 0 }),
            PieceOf::Text { blocks, delimiter, start, rows } => {
                let first = blocks.first().map_or("", |b| b.as_str());
                let scanner = match *start {
                    Some((byte, line)) => Scanner::starting_at(first, *delimiter, byte, line),
                    None => Scanner::new(first, *delimiter),
                };
                let blocks = blocks.get(1..).unwrap_or_default();
                Rows(Reading::Text {
                    scanner,
                    blocks,
                    delimiter: *delimiter,
                    header_read: start.is_some(),
                    left: *rows,
                })
            }
        }
    }
}

impl Drop for Piece<'_> {
    fn drop(&mut self) {
        if let PieceOf::Text { blocks, .. } = &mut self.0 {
            blocks.drain(..).for_each(crate::files::limits::let_go);
        }
    }
}

/// The rows of a [`Piece`], read one at a time: `while let Some(row) = rows.next_row()`.
pub struct Rows<'a>(Reading<'a>);

/// Where the rows come from: a sheet's held rows, or a text's records.
enum Reading<'a> {
    Held {
        sheet: Option<&'a Sheet>,
        next: usize,
    },
    Text {
        scanner: Scanner<'a>,
        /// The blocks after the one being scanned: no record crosses from one to the next.
        blocks: &'a [Arc<String>],
        delimiter: u8,
        header_read: bool,
        /// The data rows still to give (a piece's).
        left: usize,
    },
}

impl Rows<'_> {
    /// The next data row; `None` after the last.
    pub fn next_row(&mut self) -> Option<RowRef<'_>> {
        match &mut self.0 {
            Reading::Held { sheet, next } => {
                let row = sheet.as_ref()?.rows.get(*next)?;
                *next += 1;
                Some(RowRef { line: row.line, cells: Cells::Held(&row.cells) })
            }
            Reading::Text { scanner, blocks, delimiter, header_read, left } => {
                if *left == 0 {
                    return None;
                }
                loop {
                    if !scanner.advance() {
                        // The block's last record was read: the next block goes on from its line.
                        let all = *blocks;
                        let (next, rest) = all.split_first()?;
                        *scanner = Scanner::starting_at(next, *delimiter, 0, scanner.position().1);
                        *blocks = rest;
                        continue;
                    }
                    if is_blank(&scanner.record()) {
                        continue;
                    }
                    if *header_read {
                        break;
                    }
                    *header_read = true;
                }
                *left -= 1;
                let record = scanner.record();
                Some(RowRef { line: record.line, cells: Cells::Record(record) })
            }
        }
    }
}

/// A record of empty cells (a guarded empty cell included), skipped like a
/// blank line. Most records' first cell starts and ends with a visible
/// character, which [`trim`] tells without decoding it.
#[inline]
pub(super) fn is_blank(record: &Record) -> bool {
    // A record starting with a visible character other than a quote, a
    // guard's `'` or the delimiter (after an empty first cell) starts with
    // that character in its first cell, which is then not blank.
    let written = record.written().as_bytes();
    if written.first().is_some_and(|&b| b.is_ascii_graphic() && b != b'"' && b != b'\'' && b != record.delimiter()) {
        return false;
    }
    record.iter().all(|c| trim(unguard(c)).is_empty())
}

/// [`str::trim`], answered without looking at a character when the cell
/// is empty or starts and ends with a visible ASCII one, as most cells do.
#[inline]
fn trim(cell: &str) -> &str {
    match cell.as_bytes() {
        [] => cell,
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        [only] if only.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// One data row, borrowed from the table being read.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    /// The line it came from, for messages.
    pub line: usize,
    cells: Cells<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Cells<'a> {
    Held(&'a [String]),
    Record(Record<'a>),
}

impl<'a> RowRef<'a> {
    /// The cell in column `index`, trimmed; empty when the row is short.
    #[inline]
    pub fn cell(&self, index: Option<usize>) -> &'a str {
        index.and_then(|i| self.raw(i)).map_or("", trim)
    }

    /// The cell in column `index` as written, untrimmed (a cell kpi guarded
    /// against a spreadsheet's formulas reads as the text it was).
    #[inline]
    pub fn raw(&self, index: usize) -> Option<&'a str> {
        match self.cells {
            Cells::Held(cells) => cells.get(index).map(String::as_str),
            Cells::Record(record) => record.get(index).map(unguard),
        }
    }

    /// Every cell as [`RowRef::raw`] gives it.
    pub fn cells(&self) -> impl Iterator<Item = &'a str> + 'a {
        let (held, record) = match self.cells {
            Cells::Held(cells) => (Some(cells.iter().map(String::as_str)), None),
            Cells::Record(record) => (None, Some(record.iter().map(unguard))),
        };
        held.into_iter().flatten().chain(record.into_iter().flatten())
    }

    /// How many cells the row has.
    pub fn len(&self) -> usize {
        match self.cells {
            Cells::Held(cells) => cells.len(),
            Cells::Record(record) => record.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Row {
    /// The row as the loaders read it.
    pub fn as_ref(&self) -> RowRef<'_> {
        RowRef { line: self.line, cells: Cells::Held(&self.cells) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_as_str_trims_them() {
        for cell in ["", "a", " a", "a ", "ab", " a b ", "\u{a0}x", "x\u{3000}", "\t", "é", "\u{1}", "a\r"] {
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
    }

    #[test]
    fn italian_when_a_value_cell_has_a_decimal_comma() {
        let sheet = Sheet::parse("t", "name,target\n\"Uno, due\",\">= 105,00 %\"\n").unwrap();
        assert_eq!(sheet.number_format(&[1], None), NumberFormat::Italian);
        assert_eq!(sheet.number_format(&[0], None), NumberFormat::English);
    }

    fn typed(value: &str, percent: bool) -> TypedNumber {
        TypedNumber { value: value.parse().unwrap(), percent }
    }

    #[test]
    fn typed_numbers_read_back_exactly_in_either_format() {
        use crate::value::{parse_value, Reading};
        for (n, it, en) in [
            (typed("0.1467", true), "14,67 %", "14.67 %"),
            (typed("1.336", false), "1,3360", "1.3360"),
            (typed("-0.05", false), "-0,05", "-0.05"),
            (typed("15000", false), "15000", "15000"),
            (typed("0.06", true), "6 %", "6 %"),
        ] {
            assert_eq!(n.text(NumberFormat::Italian), it);
            assert_eq!(n.text(NumberFormat::English), en);
            for format in [NumberFormat::Italian, NumberFormat::English] {
                match parse_value(&n.text(format), format).unwrap() {
                    Reading::Value(p) => assert_eq!(p.value, crate::value::Value::Number(n.value), "{n:?}"),
                    other => panic!("{n:?} read as {other:?}"),
                }
            }
        }
        assert_eq!(typed("0.1467", true).plain(), "14.67%");
        assert_eq!(typed("2024", false).plain(), "2024");
    }

    #[test]
    fn typed_numbers_do_not_decide_the_format_and_follow_it() {
        let mut sheet = Sheet::parse("t", "name,target\nx,>= 105\ny,0.1\n").unwrap();
        sheet.delimiter = None;
        sheet.rows[1].cells[1] = "1.5".into();
        sheet.typed.insert((1, 1), typed("1.5", false));
        assert_eq!(sheet.number_format(&[1], None), NumberFormat::English);
        sheet.rows[0].cells[1] = ">= 105,5".into();
        assert_eq!(sheet.number_format(&[1], None), NumberFormat::Italian);
        assert_eq!(sheet.with_numbers_in(NumberFormat::Italian, &[1]).rows[1].cells[1], "1,5");
        assert_eq!(sheet.with_numbers_in(NumberFormat::Italian, &[0]).rows[1].cells[1], "1.5");
    }
}
