//! Delimited text, checked whole in a first pass that keeps no cell and
//! then read row by row, and the held [`Sheet`] that a small text becomes.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostic::Diagnostic;
use crate::files::format_votes::{count_separated, Told};
use crate::files::formula_guard::unguard;
use crate::files::header::Header;
use crate::files::limits::{too_large_cell, too_many_cells, MAX_CELL_CHARS, MAX_LINE_BYTES, MAX_TEXT_CELLS};
use crate::files::scanner::{Record, Scanner};
use crate::files::sheet::{is_blank, Piece, PieceOf, Row, Sheet, Table, Voters};
use crate::value::NumberFormat;

impl Sheet {
    /// Parses delimited text already decoded, every row kept as its cells.
    /// Large files are read row by row instead, with [`TextTable`].
    pub fn parse(source: &str, text: &str) -> Result<Sheet, Diagnostic> {
        // A sheet counts its value cells' votes itself (Sheet::number_format): none here.
        let table = TextTable::parse_blocks(source, vec![text.to_string()], PIECE_ROWS, &|_| Vec::new())?;
        let mut rows = Vec::with_capacity(table.len());
        for index in 0..table.pieces() {
            let piece = table.piece(index, NumberFormat::English, &[]);
            let mut reading = piece.rows();
            while let Some(row) = reading.next_row() {
                rows.push(Row { line: row.line, cells: row.cells().map(str::to_string).collect() });
            }
        }
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
/// column, what the cells say of the number format; [`Table::piece`] reads
/// the text again, one record at a time, each piece taking its part of the
/// text with it (README, "The text in pieces").
#[derive(Debug)]
pub struct TextTable {
    pub source: String,
    pub headers: Vec<String>,
    /// `;` makes a file Italian (README, "Values").
    pub delimiter: u8,
    /// Rows that cannot be trusted as read (see [`Sheet::diagnostics`]).
    pub diagnostics: Vec<Diagnostic>,
    /// What each column's cells say of the number format, for the columns
    /// the caller's [`Voters`] named (the others are not counted).
    told: Vec<Told>,
    rows: usize,
    /// Where each piece but the first starts (the first starts at the
    /// header): pieces of consecutive rows can be read on several threads
    /// (README, "The plan's rows on both cores").
    starts: Vec<PieceStart>,
    /// Each piece's blocks of the text, until the piece is taken: a block
    /// that holds the end of a piece and the start of the next is in both,
    /// and let go when both are done with it.
    texts: Mutex<Vec<Vec<Arc<String>>>>,
}

/// How many data rows a piece of a large text holds: enough that each
/// piece's own start (its remembered texts read again) costs little, few
/// enough that the threads finish together.
pub const PIECE_ROWS: usize = 32_768;

/// Where a piece's first data row starts: its block, its first byte there,
/// its line, and which row it is; a [`Scanner`] started there reads it
/// first, with the same lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PieceStart {
    block: usize,
    byte: usize,
    line: usize,
    /// The piece's first data row, counted from 0.
    row: usize,
}

impl TextTable {
    /// Checks delimited text already decoded, as [`Sheet::parse`] does,
    /// keeping the text to read its rows from.
    pub fn parse(source: &str, text: String) -> Result<TextTable, Diagnostic> {
        TextTable::parse_in_pieces(source, text, PIECE_ROWS)
    }

    /// [`TextTable::parse`], noting where every piece of `piece_rows` data
    /// rows starts (tests read a small text in pieces of a row or two).
    /// Every column of the header votes on the number format.
    pub fn parse_in_pieces(source: &str, text: String, piece_rows: usize) -> Result<TextTable, Diagnostic> {
        TextTable::parse_blocks(source, vec![text], piece_rows, &|header| (0..header.cells.len()).collect())
    }

    /// [`TextTable::parse`] of a text given in blocks one after the other,
    /// each but the last ending with a `\n` (as [`crate::files::read_text_blocks`]
    /// reads a file): a block whose last record runs on into the next (a
    /// quoted cell over several lines) is joined with the blocks after it,
    /// so that each record lies in one block. Only the cells of the columns
    /// `voters` names once the header is read are counted for the number
    /// format: [`Table::number_format`] is then asked about those alone.
    pub fn parse_blocks(
        source: &str,
        blocks: Vec<String>,
        piece_rows: usize,
        voters: Voters,
    ) -> Result<TextTable, Diagnostic> {
        let piece_rows = piece_rows.max(1);
        check_line_lengths(source, &blocks)?;
        let first_line = blocks.iter().flat_map(|b| b.lines()).find(|l| !l.trim().is_empty());
        let delimiter = detect_delimiter(first_line.unwrap_or(""));
        let mut headers: Option<Vec<String>> = None;
        let mut problems = Vec::new();
        let mut told: Vec<Told> = Vec::new();
        // Whether each column votes, up to the last one that does.
        let mut voting: Vec<bool> = Vec::new();
        let mut rows = 0usize;
        // The rows until the next piece starts (counted down: no division per row).
        let mut to_next_piece = piece_rows;
        let mut kept = 0usize;
        let mut starts = Vec::new();
        let mut queue = VecDeque::from(blocks);
        let mut done: Vec<String> = Vec::with_capacity(queue.len());
        // The line at the start of the next block.
        let mut line = 1;
        while let Some(mut block) = queue.pop_front() {
            // Where to read the block from again once joined with the next, and the line there.
            let mut again: Option<(usize, usize)> = None;
            loop {
                let mut scanner = match again {
                    Some((byte, at)) => Scanner::starting_at(&block, delimiter, byte, at),
                    None if done.is_empty() => Scanner::new(&block, delimiter),
                    None => Scanner::starting_at(&block, delimiter, 0, line),
                };
                let mut cut_short = None;
                let mut read_here = false;
                while scanner.advance() {
                    let record = scanner.record();
                    if record.end == block.len() && !queue.is_empty() {
                        // The record goes on in the next block: the first record
                        // of the text is read again from the text's start.
                        let from_start = done.is_empty() && !read_here && again.is_none();
                        cut_short = Some((!from_start).then_some((record.start, record.line)));
                        break;
                    }
                    read_here = true;
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
                        None => {
                            let header: Vec<String> = record.iter().map(|c| unguard(c).trim().to_string()).collect();
                            for column in voters(Header { source, cells: &header }) {
                                if voting.len() <= column {
                                    voting.resize(column + 1, false);
                                }
                                voting[column] = true;
                            }
                            told = vec![Told::default(); voting.len()];
                            headers = Some(header);
                        }
                        Some(header) => {
                            if to_next_piece == 0 {
                                to_next_piece = piece_rows;
                                starts.push(PieceStart {
                                    block: done.len(),
                                    byte: record.start,
                                    line: record.line,
                                    row: rows,
                                });
                            }
                            problems.extend(row_problem(source, line, &record, header.len(), delimiter));
                            count_separated(&record, &mut told, &voting);
                            rows += 1;
                            to_next_piece -= 1;
                        }
                    }
                }
                let at = scanner.position().1;
                drop(scanner);
                match cut_short {
                    None => {
                        line = at;
                        break;
                    }
                    Some(from) => {
                        // Joined with as much again as it holds, so that a record
                        // running over many blocks is read again only a few times.
                        let mut joined = 0;
                        while let Some(next) = queue.pop_front() {
                            joined += next.len();
                            block.push_str(&next);
                            if joined >= block.len() - joined {
                                break;
                            }
                        }
                        // `from` is none only for the text's first record, read with `again` none.
                        again = from;
                    }
                }
            }
            done.push(block);
        }
        let Some(headers) = headers else {
            return Err(Diagnostic::error(source, None, "the file is empty: a header row is needed"));
        };
        let blocks: Vec<Arc<String>> = done.into_iter().map(Arc::new).collect();
        let texts = (0..=starts.len())
            .map(|piece| {
                let first = piece.checked_sub(1).map_or(0, |p| starts[p].block);
                let last = match starts.get(piece) {
                    Some(next) if next.byte == 0 => next.block.saturating_sub(1).max(first),
                    Some(next) => next.block,
                    None => blocks.len().saturating_sub(1),
                };
                blocks.get(first..=last).unwrap_or_default().to_vec()
            })
            .collect();
        Ok(TextTable {
            source: source.to_string(),
            headers,
            delimiter,
            diagnostics: problems,
            told,
            rows,
            starts,
            texts: Mutex::new(texts),
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
    fn pieces(&self) -> usize {
        self.starts.len() + 1
    }
    fn piece(&self, index: usize, _format: NumberFormat, _value_columns: &[usize]) -> Piece<'_> {
        let blocks = match self.texts.lock().unwrap_or_else(PoisonError::into_inner).get_mut(index) {
            Some(blocks) => std::mem::take(blocks),
            None => Vec::new(),
        };
        let start = index.checked_sub(1).and_then(|i| self.starts.get(i));
        let first = start.map_or(0, |s| s.row);
        let next = self.starts.get(index).map_or(self.rows, |next| next.row);
        // A piece taken before has no blocks left, and so no row.
        let rows = if blocks.is_empty() { 0 } else { next.saturating_sub(first) };
        Piece(PieceOf::Text { blocks, delimiter: self.delimiter, start: start.map(|s| (s.byte, s.line)), rows })
    }
}

/// A row that was not read as written: more cells than the header (a
/// number with a comma in a comma-separated file, `1,336`, splits in two and
/// would be read as 1), or a quote opened and never closed, which swallows
/// the lines after it into one cell.
fn row_problem(source: &str, line: usize, record: &Record, columns: usize, delimiter: u8) -> Option<Diagnostic> {
    let delimiter = char::from(delimiter);
    let cells = || record.iter().map(unguard);
    // Only a cell over more than one line can swallow rows: most records
    // have none, and a record without a quote lies on one line.
    let several_lines = !record.is_plain() && memchr::memchr(b'\n', record.written().as_bytes()).is_some();
    let swallowing = several_lines.then(|| cells().find(|c| c.lines().skip(1).any(|l| l.contains(delimiter))));
    if let Some(swallowing) = swallowing.flatten() {
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
    // Most records have no cell past the header's: nothing to look at.
    if record.len() <= columns {
        return None;
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
/// and the CSV reader would hold it whole. Each block but the last ends
/// with a `\n`, so no line runs from one block into the next.
fn check_line_lengths(source: &str, blocks: &[String]) -> Result<(), Diagnostic> {
    // Most texts have no long line: shown with one search a MiB, the lines
    // are not walked one by one (that walk names the long line).
    if blocks.iter().all(|b| no_long_line(b.as_bytes())) {
        return Ok(());
    }
    // The lines of the blocks one after the other: after a block's last `\n`,
    // the empty rest starts nothing.
    let lines = blocks.iter().enumerate().flat_map(|(b, block)| {
        let mut lines = block.split('\n');
        if b + 1 < blocks.len() {
            lines.next_back();
        }
        lines
    });
    // Split by a `char`, which finds each line break with `memchr` rather than byte by byte.
    for (index, line) in lines.enumerate() {
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

/// Whether no line of `block` is longer than [`MAX_LINE_BYTES`]: from a
/// line's start, the last `\n` within the next `MAX_LINE_BYTES + 1` bytes
/// ends every line starting before it, each no longer than the limit; a
/// window without one is a line too long, unless it is shorter, the last.
fn no_long_line(block: &[u8]) -> bool {
    let mut start = 0;
    while start < block.len() {
        let end = block.len().min(start.saturating_add(MAX_LINE_BYTES + 1));
        match memchr::memrchr(b'\n', &block[start..end]) {
            Some(at) => start += at + 1,
            None => return end - start <= MAX_LINE_BYTES,
        }
    }
    true
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
    use crate::files::sheet::Rows;

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(Sheet::parse("t", "a;b;c\n1;2;3\n").unwrap().delimiter, Some(b';'));
        assert_eq!(Sheet::parse("t", "a\tb\n1\t2\n").unwrap().delimiter, Some(b'\t'));
        assert_eq!(Sheet::parse("t", "a,b\n1,2\n").unwrap().delimiter, Some(b','));
    }

    #[test]
    fn a_line_just_over_the_limit_is_found_by_the_quick_look() {
        let line = |n: usize| "x".repeat(n);
        // A line of exactly MAX_LINE_BYTES bytes is allowed, with or without its `\n`.
        assert!(no_long_line(format!("a\n{}\nb\n", line(MAX_LINE_BYTES)).as_bytes()));
        assert!(no_long_line(format!("a\n{}", line(MAX_LINE_BYTES)).as_bytes()));
        // One byte more, anywhere in the text, is seen: in the middle, last, after many short lines.
        assert!(!no_long_line(format!("a\n{}\nb\n", line(MAX_LINE_BYTES + 1)).as_bytes()));
        assert!(!no_long_line(format!("a\n{}", line(MAX_LINE_BYTES + 1)).as_bytes()));
        let many = "ab,c\n".repeat(300_000); // 1 500 000 bytes of short lines
        assert!(no_long_line(format!("{many}{}\n{many}", line(MAX_LINE_BYTES)).as_bytes()));
        assert!(!no_long_line(format!("{many}{}\n{many}", line(MAX_LINE_BYTES + 1)).as_bytes()));
        // And the walk then names it: line 1 + 300 000 + 1 = 300 002.
        let blocks = vec!["a\n".to_string(), format!("{many}{}\n", line(MAX_LINE_BYTES + 1))];
        let error = check_line_lengths("t", &blocks).unwrap_err();
        assert_eq!(error.line, Some(300_002));
        assert!(check_line_lengths("t", &["a\n".to_string(), format!("{many}{}\n", line(MAX_LINE_BYTES))]).is_ok());
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
        let piece = table.piece(0, NumberFormat::Italian, &[]);
        let mut rows = piece.rows();
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
        let all = read(whole.piece(0, NumberFormat::Italian, &[]).rows());
        // A lone CR ends a record but not a line: lines count the `\n`s.
        assert_eq!(all.iter().map(|(line, _)| *line).collect::<Vec<_>>(), [3, 5, 6, 8, 9, 11, 12]);
        assert_eq!(all[3].1, ["\u{feff}4", "5"]);
        assert_eq!(whole.pieces(), 1);
        for piece_rows in 1..=8 {
            let table = TextTable::parse_in_pieces("t", text.to_string(), piece_rows).unwrap();
            let pieces: Vec<_> =
                (0..table.pieces()).map(|p| read(table.piece(p, NumberFormat::Italian, &[]).rows())).collect();
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
            assert!(read(table.piece(table.pieces(), NumberFormat::Italian, &[]).rows()).is_empty());
        }
    }
}
