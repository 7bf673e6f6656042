//! Delimited text, checked whole in a first pass that keeps no cell and
//! then read row by row, and the held [`Sheet`] that a small text becomes.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::files::format_votes::{count_separated, Told};
use crate::files::formula_guard::unguard;
use crate::files::header::Header;
use crate::files::limits::{too_large_cell, too_many_cells, MAX_CELL_CHARS, MAX_LINE_BYTES, MAX_TEXT_CELLS};
use crate::files::scanner::{Record, Scanner};
use crate::files::sheet::{is_blank, Reading, Row, Rows, Sheet, Table};
use crate::value::NumberFormat;

impl Sheet {
    /// Parses delimited text already decoded, every row kept as its cells.
    /// Large files are read row by row instead, with [`TextTable`].
    pub fn parse(source: &str, text: &str) -> Result<Sheet, Diagnostic> {
        let table = TextTable::parse(source, text.to_string())?;
        let mut rows = Vec::with_capacity(table.len());
        let mut reading = table.rows(NumberFormat::English, &[]);
        while let Some(row) = reading.next_row() {
            rows.push(Row { line: row.line, cells: row.cells().map(str::to_string).collect() });
        }
        drop(reading);
        Ok(Sheet {
            source: table.source,
            headers: table.headers,
            rows,
            delimiter: Some(table.delimiter),
            typed: BTreeMap::new(),
            diagnostics: table.diagnostics,
        })
    }
}

/// Delimited text, checked whole once and then read row by row: no cell is
/// kept. [`TextTable::parse`] reads the header, refuses what the README's
/// "Limits" refuse, finds every row's problems and counts, column by
/// column, what the cells say of the number format; [`Table::rows`] reads
/// the text again, one record at a time.
#[derive(Debug)]
pub struct TextTable {
    pub source: String,
    text: String,
    pub headers: Vec<String>,
    /// `;` makes a file Italian (README, "Values").
    pub delimiter: u8,
    /// Rows that cannot be trusted as read (see [`Sheet::diagnostics`]).
    pub diagnostics: Vec<Diagnostic>,
    /// What each column's cells say of the number format.
    told: Vec<Told>,
    rows: usize,
    /// Where each piece but the first starts (the first starts at the
    /// header): pieces of consecutive rows can be read on several threads
    /// (README, "The plan's rows on both cores").
    pieces: Vec<PieceStart>,
}

/// How many data rows a piece of a large text holds: enough that each
/// piece's own start (its remembered texts read again) costs little, few
/// enough that the threads finish together.
pub const PIECE_ROWS: usize = 32_768;

/// Where a piece's first data row starts: its first byte, its line, and
/// which row it is; a [`Scanner`] started there reads it first, with the
/// same lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceStart {
    pub byte: usize,
    pub line: usize,
    /// The piece's first data row, counted from 0.
    pub row: usize,
}

impl TextTable {
    /// Checks delimited text already decoded, as [`Sheet::parse`] does,
    /// keeping the text to read its rows from.
    pub fn parse(source: &str, text: String) -> Result<TextTable, Diagnostic> {
        TextTable::parse_in_pieces(source, text, PIECE_ROWS)
    }

    /// [`TextTable::parse`], noting where every piece of `piece_rows` data
    /// rows starts (tests read a small text in pieces of a row or two).
    pub fn parse_in_pieces(source: &str, text: String, piece_rows: usize) -> Result<TextTable, Diagnostic> {
        let piece_rows = piece_rows.max(1);
        check_line_lengths(source, &text)?;
        let delimiter = detect_delimiter(text.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
        let mut scanner = Scanner::new(&text, delimiter);
        let mut headers: Option<Vec<String>> = None;
        let mut problems = Vec::new();
        let mut told: Vec<Told> = Vec::new();
        let mut rows = 0usize;
        let mut kept = 0usize;
        let mut pieces = Vec::new();
        while scanner.advance() {
            let record = scanner.record();
            let line = record.line;
            // No cell is longer than the record as written.
            if record.end - record.start > MAX_CELL_CHARS {
                if let Some(column) =
                    record.iter().position(|c| c.len() > MAX_CELL_CHARS && c.chars().count() > MAX_CELL_CHARS)
                {
                    return Err(Diagnostic::error(
                        source,
                        Some(line),
                        too_large_cell(&format!("column {}", column + 1)),
                    ));
                }
            }
            kept = kept.saturating_add(record.len());
            if kept > MAX_TEXT_CELLS {
                return Err(Diagnostic::error(source, Some(line), too_many_cells(MAX_TEXT_CELLS)));
            }
            if is_blank(&record) {
                continue;
            }
            match &headers {
                None => headers = Some(record.iter().map(|c| unguard(c).trim().to_string()).collect()),
                Some(header) => {
                    if rows > 0 && rows.is_multiple_of(piece_rows) {
                        pieces.push(PieceStart { byte: record.start, line: record.line, row: rows });
                    }
                    problems.extend(row_problem(source, line, &record, header.len(), delimiter));
                    if told.len() < record.len() {
                        told.resize(record.len(), Told::default());
                    }
                    count_separated(&record, &mut told);
                    rows += 1;
                }
            }
        }
        let Some(headers) = headers else {
            return Err(Diagnostic::error(source, None, "the file is empty: a header row is needed"));
        };
        Ok(TextTable {
            source: source.to_string(),
            text,
            headers,
            delimiter,
            diagnostics: problems,
            told,
            rows,
            pieces,
        })
    }
}

impl Table for TextTable {
    fn source(&self) -> &str {
        &self.source
    }
    fn header(&self) -> Header<'_> {
        Header { source: &self.source, cells: &self.headers }
    }
    fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
    fn len(&self) -> usize {
        self.rows
    }
    fn number_format(&self, value_columns: &[usize], forced: Option<NumberFormat>) -> NumberFormat {
        if let Some(f) = forced {
            return f;
        }
        let mut told = Told::default();
        for &c in value_columns {
            if let Some(column) = self.told.get(c) {
                told.add(*column);
            }
        }
        told.decide(Some(self.delimiter))
    }
    fn rows(&self, _format: NumberFormat, _value_columns: &[usize]) -> Rows<'_> {
        Rows(Reading::Text { scanner: Scanner::new(&self.text, self.delimiter), header_read: false, left: usize::MAX })
    }
    fn pieces(&self) -> usize {
        self.pieces.len() + 1
    }
    fn piece(&self, index: usize, format: NumberFormat, value_columns: &[usize]) -> Rows<'_> {
        if index >= self.pieces() {
            return self.rows(format, value_columns).none_left();
        }
        let start = index.checked_sub(1).map(|i| self.pieces[i]);
        let first = start.map_or(0, |s| s.row);
        let left = self.pieces.get(index).map_or(usize::MAX, |next| next.row - first);
        let (scanner, header_read) = match start {
            Some(s) => (Scanner::starting_at(&self.text, self.delimiter, s.byte, s.line), true),
            None => (Scanner::new(&self.text, self.delimiter), false),
        };
        Rows(Reading::Text { scanner, header_read, left })
    }
}

/// A row that was not read as written: more cells than the header (a
/// number with a comma in a comma-separated file, `1,336`, splits in two and
/// would be read as 1), or a quote opened and never closed, which swallows
/// the lines after it into one cell.
fn row_problem(source: &str, line: usize, record: &Record, columns: usize, delimiter: u8) -> Option<Diagnostic> {
    let delimiter = char::from(delimiter);
    let cells = || record.iter().map(unguard);
    // Only a cell over more than one line can swallow rows: most records have none.
    let several_lines = memchr::memchr(b'\n', record.written().as_bytes()).is_some();
    if let Some(swallowing) =
        cells().filter(|_| several_lines).find(|c| c.lines().skip(1).any(|l| l.contains(delimiter)))
    {
        let first = swallowing.lines().next().unwrap_or("");
        return Some(
            Diagnostic::error(
                source,
                Some(line),
                format!(
                    "a quoted cell starting `{}` runs over the next lines, taking whole rows with it",
                    first.trim()
                ),
            )
            .with_hint("a `\"` opens a quoted cell that ends at the next `\"`: close it, or remove the stray quote"),
        );
    }
    let extra: Vec<&str> = cells().skip(columns).map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    if extra.is_empty() {
        return None;
    }
    let hint = if delimiter == ',' {
        "a number written with a comma (`1,5`, `1,336`) splits into two cells in a comma-separated file: put it in quotes (\"1,5\"), or separate the cells with `;`"
    } else {
        "every row needs as many cells as the header: remove the extra ones, or add a column to the header"
    };
    Some(
        Diagnostic::error(
            source,
            Some(line),
            format!(
                "this row has {} cells but the header has {columns}; the extra `{}` would be lost",
                record.len(),
                extra.join(&delimiter.to_string())
            ),
        )
        .with_hint(hint),
    )
}

/// Refuses a line longer than [`MAX_LINE_BYTES`], naming it: no plan has one,
/// and the CSV reader would hold it whole.
fn check_line_lengths(source: &str, text: &str) -> Result<(), Diagnostic> {
    // Split by a `char`, which finds each line break with `memchr` rather than byte by byte.
    for (index, line) in text.split('\n').enumerate() {
        if line.len() > MAX_LINE_BYTES {
            let message = format!(
                "the line is longer than {}, the most kpi reads in one line (a plan's lines are far shorter): check that this is the file meant",
                crate::files::limits::size(MAX_LINE_BYTES as u64)
            );
            return Err(Diagnostic::error(source, Some(index + 1), message));
        }
    }
    Ok(())
}

/// The delimiter of the header line: whichever of tab, `;` and `,` occurs most
/// outside quotes (a comma wins ties, as in a plain CSV).
fn detect_delimiter(header_line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header_line.chars() {
        match c {
            '"' => quoted = !quoted,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[0] > counts[1].max(counts[2]) {
        b'\t'
    } else if counts[1] > counts[2] {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(Sheet::parse("t", "a;b;c\n1;2;3\n").unwrap().delimiter, Some(b';'));
        assert_eq!(Sheet::parse("t", "a\tb\n1\t2\n").unwrap().delimiter, Some(b'\t'));
        assert_eq!(Sheet::parse("t", "a,b\n1,2\n").unwrap().delimiter, Some(b','));
    }

    #[test]
    fn lines_are_counted_from_the_file() {
        let sheet = Sheet::parse("t", "a,b\n\n1,2\n\"x\ny\",3\n4,5\n").unwrap();
        let lines: Vec<usize> = sheet.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4, 6]);
    }

    #[test]
    fn a_text_table_reads_the_rows_a_sheet_holds() {
        let text = "a;b\n\n1;'=x\n\"y\nz\";3,5\n;\n4;5;6\n";
        let table = TextTable::parse("t", text.to_string()).unwrap();
        let mut rows = table.rows(NumberFormat::Italian, &[]);
        let mut read = Vec::new();
        while let Some(row) = rows.next_row() {
            read.push((row.line, row.cells().map(str::to_string).collect::<Vec<_>>()));
        }
        // The blank line 2 and the row of empty cells on line 6 are skipped; `'=x` reads as `=x`.
        let lines: Vec<(usize, Vec<String>)> =
            Sheet::parse("t", text).unwrap().rows.into_iter().map(|r| (r.line, r.cells)).collect();
        assert_eq!(read, lines);
        assert_eq!(read.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [3, 4, 7]);
        assert_eq!(read[0].1, ["1", "=x"]);
        assert_eq!(table.len(), 3);
        // Line 7 has a cell more than the header.
        assert_eq!(table.diagnostics.iter().map(|d| d.line).collect::<Vec<_>>(), [Some(7)]);
        // Column 2 holds `3,5`, which only the Italian format reads; in column 1 nothing tells, and `;` decides.
        assert_eq!(Table::number_format(&table, &[1], None), NumberFormat::Italian);
        assert_eq!(Table::number_format(&table, &[0], None), NumberFormat::Italian);
        let comma = TextTable::parse("t", "a,b\n1,2.5\n".to_string()).unwrap();
        assert_eq!(Table::number_format(&comma, &[0], None), NumberFormat::English);
        assert_eq!(Table::number_format(&comma, &[1], Some(NumberFormat::Italian)), NumberFormat::Italian);
    }

    fn read(mut rows: Rows) -> Vec<(usize, Vec<String>)> {
        let mut read = Vec::new();
        while let Some(row) = rows.next_row() {
            read.push((row.line, row.cells().map(str::to_string).collect()));
        }
        read
    }

    #[test]
    fn the_pieces_one_after_the_other_are_the_rows_with_their_lines() {
        // Blank lines, a row of empty cells, CRLF and lone CR breaks, a quoted cell over two
        // lines, a row starting with a byte order mark (kept: only the text's own first one is
        // dropped) and a guarded cell.
        let text = "a;b\r\n\r\n1;x\r\n\n\"y\nz\";2\r3;'=w\n;\n\u{feff}4;5\n6;7\r\n\r\n8;9\n10;11";
        let whole = TextTable::parse("t", text.to_string()).unwrap();
        let all = read(whole.rows(NumberFormat::Italian, &[]));
        // A lone CR ends a record but not a line: lines count the `\n`s.
        assert_eq!(all.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [3, 5, 6, 8, 9, 11, 12]);
        assert_eq!(all[3].1, ["\u{feff}4", "5"]);
        assert_eq!(whole.pieces(), 1);
        for piece_rows in 1..=8 {
            let table = TextTable::parse_in_pieces("t", text.to_string(), piece_rows).unwrap();
            let pieces: Vec<_> =
                (0..table.pieces()).map(|p| read(table.piece(p, NumberFormat::Italian, &[]))).collect();
            assert_eq!(pieces.concat(), all, "pieces of {piece_rows}");
            // Seven rows (the row of empty cells is none); a piece starts at the fourth, the
            // one starting with the mark, like at any other.
            let sizes: Vec<usize> = pieces.iter().map(Vec::len).collect();
            let expected: &[usize] = match piece_rows {
                1 => &[1, 1, 1, 1, 1, 1, 1],
                2 => &[2, 2, 2, 1],
                3 => &[3, 3, 1],
                4 => &[4, 3],
                5 => &[5, 2],
                6 => &[6, 1],
                _ => &[7],
            };
            assert_eq!(sizes, expected, "pieces of {piece_rows}");
            assert!(read(table.piece(table.pieces(), NumberFormat::Italian, &[])).is_empty());
        }
    }
}
