//! The records of delimited text, read straight from the text in memory.
//!
//! It reads exactly what the csv crate reads when set up as kpi used it
//! (any delimiter, no header row, rows of any length, `"` quoting with `""`
//! for a quote): a record ends at `\r`, `\n` or `\r\n` outside quotes and
//! blank lines are skipped; a quote opens a quoted cell only as a cell's
//! first character (elsewhere it is kept as written), text after a closing
//! quote is added to the cell, and a quote never closed runs to the end of
//! the text; a byte order mark starting the text is dropped. Nothing can
//! fail: any text is some records. The test below holds it against the csv
//! crate on random texts, and the `scanner` fuzz target on any.
//!
//! A cell is borrowed from the text unless a `""` or text after its closing
//! quote makes it differ from every stretch of it; only those cells are
//! copied, into the record's own buffer. The cells of a record are a list
//! of ranges used again for every record.

use memchr::{memchr, memchr3, memchr_iter};

/// A cell: a stretch of the text, or a range of the record's own buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span<'t> {
    Text(&'t str),
    Copied { start: usize, end: usize },
}

impl<'t> Span<'t> {
    #[inline]
    fn of<'r>(self, copied: &'r str) -> &'r str
    where
        't: 'r,
    {
        match self {
            Span::Text(cell) => cell,
            Span::Copied { start, end } => &copied[start..end],
        }
    }
}

/// Reads a text's records one after the other: `while scanner.advance() {
/// let record = scanner.record(); … }`.
#[derive(Debug)]
pub struct Scanner<'t> {
    text: &'t str,
    delimiter: u8,
    /// Where the record after the current one is looked for.
    next: usize,
    /// The line at `next`: one more than the `\n`s before it.
    line: usize,
    /// The current record: where it starts and ends in the text, its line.
    start: usize,
    end: usize,
    record_line: usize,
    cells: Vec<Span<'t>>,
    copied: String,
    /// The current record has no quote: its cells are its text cut at
    /// each delimiter.
    plain: bool,
    /// The text started with a byte order mark, which the csv crate drops:
    /// it then counts the first record's line as 1 even after blank lines.
    first_after_mark: bool,
}

impl<'t> Scanner<'t> {
    /// Reads `text` from its start.
    pub fn new(text: &'t str, delimiter: u8) -> Scanner<'t> {
        let mark = text.starts_with('\u{feff}');
        let mut scanner = Scanner::starting_at(text, delimiter, if mark { 3 } else { 0 }, 1);
        scanner.first_after_mark = mark;
        scanner
    }

    /// Reads `text` from byte `offset`, where a record starts (or the line
    /// breaks before one), whose line is `line`: the records from there
    /// are those [`Scanner::new`] reads, with the same lines.
    pub fn starting_at(text: &'t str, delimiter: u8, offset: usize, line: usize) -> Scanner<'t> {
        Scanner {
            text,
            delimiter,
            next: offset.min(text.len()),
            line,
            start: 0,
            end: 0,
            record_line: 0,
            cells: Vec::new(),
            copied: String::new(),
            plain: true,
            first_after_mark: false,
        }
    }

    /// Reads the next record; false at the end of the text.
    pub fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut at = self.next;
        while let Some(&b) = bytes.get(at).filter(|&&b| b == b'\n' || b == b'\r') {
            self.line += usize::from(b == b'\n');
            at += 1;
        }
        self.cells.clear();
        self.copied.clear();
        if at >= bytes.len() {
            self.next = bytes.len();
            self.start = bytes.len();
            self.end = bytes.len();
            return false;
        }
        self.start = at;
        self.record_line = if std::mem::take(&mut self.first_after_mark) { 1 } else { self.line };
        let plain = self.plain_record(at);
        self.plain = plain.is_some();
        let end = match plain {
            Some(end) => end,
            None => {
                self.cells.clear();
                let end = self.quoted_record(at);
                self.line += memchr_iter(b'\n', &bytes[at..end]).count();
                end
            }
        };
        self.end = end;
        self.next = end;
        true
    }

    /// The record [`Scanner::advance`] read last.
    pub fn record(&self) -> Record<'_> {
        Record {
            line: self.record_line,
            start: self.start,
            end: self.end,
            text: self.text,
            copied: &self.copied,
            cells: &self.cells,
            delimiter: self.delimiter,
            plain: self.plain,
        }
    }

    /// Where the next record is looked for, and its line: a scanner
    /// [`Scanner::starting_at`] them reads the records after this one.
    pub fn position(&self) -> (usize, usize) {
        (self.next, self.line)
    }

    /// Reads the cells of a record without a quote from `at` (most of them),
    /// cut at its delimiters, and returns where it ends (its line break or
    /// the end of the text); `None` when a quote comes first on its line,
    /// the cells pushed so far then to be dropped. The line is looked at
    /// eight bytes at a time for the four bytes that matter, in one pass,
    /// where three searches (the line's end, a quote, each delimiter) each
    /// paid their own start on lines a few tens of bytes long.
    fn plain_record(&mut self, at: usize) -> Option<usize> {
        let text = self.text;
        let bytes = text.as_bytes();
        let delimiter = self.delimiter;
        let mut cell = at;
        let mut i = at;
        while let Some(word) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            // The delimiters, the quotes and the line breaks (with the other
            // bytes below 14, which are passed over), and some bytes after them.
            let mut found = below(word ^ spread(delimiter), 1) | below(word ^ spread(b'"'), 1) | below(word, 14);
            while found != 0 {
                let at = i + (found.trailing_zeros() / 8) as usize;
                match bytes[at] {
                    b'"' => return None,
                    b'\n' | b'\r' => {
                        self.cells.push(Span::Text(&text[cell..at]));
                        return Some(at);
                    }
                    b if b == delimiter => {
                        self.cells.push(Span::Text(&text[cell..at]));
                        cell = at + 1;
                    }
                    _ => {}
                }
                found &= found - 1;
            }
            i += 8;
        }
        // The last bytes of the text, fewer than eight.
        for (at, &b) in bytes.iter().enumerate().skip(i) {
            match b {
                b'"' => return None,
                b'\n' | b'\r' => {
                    self.cells.push(Span::Text(&text[cell..at]));
                    return Some(at);
                }
                _ if b == delimiter => {
                    self.cells.push(Span::Text(&text[cell..at]));
                    cell = at + 1;
                }
                _ => {}
            }
        }
        self.cells.push(Span::Text(&text[cell..]));
        Some(bytes.len())
    }

    /// Reads the cells of a record with a quote from `at`, cell by cell as
    /// the csv crate does; returns where the record ends (its line break,
    /// or the end of the text).
    fn quoted_record(&mut self, mut at: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let delimiter = self.delimiter;
        // Where an unquoted cell, or text after a closing quote, ends.
        let cell_end = |from: usize| memchr3(delimiter, b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |i| from + i);
        loop {
            let span = if bytes.get(at) == Some(&b'"') {
                let mut from = at + 1;
                // Where the cell starts in the record's buffer, once a `""` has made it a copy.
                let mut copy: Option<usize> = None;
                let inside = loop {
                    match memchr(b'"', &bytes[from..]) {
                        None => {
                            at = bytes.len();
                            break from..bytes.len();
                        }
                        Some(i) if bytes.get(from + i + 1) == Some(&b'"') => {
                            copy.get_or_insert(self.copied.len());
                            self.copied.push_str(&text[from..=from + i]);
                            from += i + 2;
                        }
                        Some(i) => {
                            at = from + i + 1;
                            break from..from + i;
                        }
                    }
                };
                let after = if at < bytes.len() { cell_end(at) } else { at };
                if copy.is_none() && after == at {
                    Span::Text(&text[inside])
                } else {
                    let start = copy.unwrap_or(self.copied.len());
                    self.copied.push_str(&text[inside]);
                    self.copied.push_str(&text[at..after]);
                    at = after;
                    Span::Copied { start, end: self.copied.len() }
                }
            } else {
                let end = cell_end(at);
                let span = Span::Text(&text[at..end]);
                at = end;
                span
            };
            self.cells.push(span);
            match bytes.get(at) {
                Some(&b) if b == delimiter => at += 1,
                _ => return at,
            }
        }
    }
}

/// `byte` in each of a word's eight bytes.
#[inline]
const fn spread(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// The top bit of each byte of `word` below `n` (at most 127), and perhaps
/// of bytes after the first such one, never of a byte before it: a byte
/// borrows from the next only when it is below `n` (or equal, after a
/// borrow itself), and a borrow can add bytes found but never hide one.
/// Callers look at each byte found.
#[inline]
const fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(spread(n)) & !word & spread(0x80)
}

/// One record: its cells unquoted, its line, where it lies in the text.
#[derive(Debug, Clone, Copy)]
pub struct Record<'r> {
    /// The line of its first character.
    pub line: usize,
    /// Its first byte in the text, and the byte after its last (its line
    /// break, or the end of the text).
    pub start: usize,
    pub end: usize,
    text: &'r str,
    copied: &'r str,
    cells: &'r [Span<'r>],
    delimiter: u8,
    plain: bool,
}

impl<'r> Record<'r> {
    /// How many cells it has (at least one).
    #[inline]
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Never: a record has a cell at least.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The cell in column `index`, unquoted.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&'r str> {
        let span = *self.cells.get(index)?;
        Some(span.of(self.copied))
    }

    /// Every cell, unquoted.
    pub fn iter(&self) -> impl Iterator<Item = &'r str> + 'r {
        let Record { copied, cells, .. } = *self;
        cells.iter().map(move |span| span.of(copied))
    }

    /// The delimiter its cells are cut at.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// True when it has no quote: [`Record::written`] is its cells one
    /// after the other, a delimiter between each two, on one line.
    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// The record as written, quotes and delimiters included.
    pub fn written(&self) -> &'r str {
        &self.text[self.start..self.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record as the scanner reads it: its line and its cells.
    fn scanned(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut scanner = Scanner::new(text, delimiter);
        let mut records = Vec::new();
        while scanner.advance() {
            let record = scanner.record();
            records.push((record.line, record.iter().map(str::to_string).collect()));
        }
        records
    }

    /// Every record as the csv crate reads it, set up as kpi used it, with
    /// the line of its first character (the crate gives the line where it
    /// started to look for it, before the line breaks it skipped).
    fn read_by_csv(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut records = Vec::new();
        while reader.read_record(&mut record).expect("any text is read") {
            let position = record.position().expect("a record read has a position");
            let byte = position.byte() as usize;
            let skipped = text.as_bytes()[byte..]
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .filter(|&&b| b == b'\n')
                .count();
            records.push((position.line() as usize + skipped, record.iter().map(str::to_string).collect()));
        }
        records
    }

    fn cells(records: &[(usize, Vec<String>)]) -> Vec<(usize, Vec<&str>)> {
        records.iter().map(|(line, cells)| (*line, cells.iter().map(String::as_str).collect())).collect()
    }

    #[test]
    fn quotes_line_breaks_and_blank_lines_read_as_csv_reads_them() {
        let text = "a,\"b,c\",d\r\n\r\n\"x\"\"y\",\"z\"w,q\"r\n\"open\nline\",2\r3,\"\"\n,\n\"never closed,\n4";
        let records = scanned(text, b',');
        assert_eq!(
            cells(&records),
            [
                (1, vec!["a", "b,c", "d"]),
                (3, vec!["x\"y", "zw", "q\"r"]),
                (4, vec!["open\nline", "2"]),
                (5, vec!["3", ""]),
                (6, vec!["", ""]),
                (7, vec!["never closed,\n4"]),
            ]
        );
        assert_eq!(records, read_by_csv(text, b','));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_the_first_line_counted_as_csv_counts_it() {
        let text = "\u{feff}\n\na;b\n\u{feff}c\n";
        assert_eq!(cells(&scanned(text, b';')), [(1, vec!["a", "b"]), (4, vec!["\u{feff}c"])]);
        assert_eq!(scanned(text, b';'), read_by_csv(text, b';'));
    }

    #[test]
    fn only_cells_changed_by_unquoting_are_copied() {
        let text = "plain;\"quoted; whole\";\"do\"\"ubled\";\"after\"wards\n";
        let mut scanner = Scanner::new(text, b';');
        assert!(scanner.advance());
        let copied: Vec<bool> = scanner.cells.iter().map(|s| matches!(s, Span::Copied { .. })).collect();
        assert_eq!(copied, [false, false, true, true]);
        assert_eq!(scanner.record().iter().collect::<Vec<_>>(), ["plain", "quoted; whole", "do\"ubled", "afterwards"]);
        assert_eq!(scanner.record().written(), &text[..text.len() - 1]);
        assert!(!scanner.advance());
    }

    /// Random texts of the characters that change how CSV reads.
    fn texts() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("é"),
                Just(","),
                Just(";"),
                Just("\t"),
                Just("\""),
                Just("\"\""),
                Just("\r"),
                Just("\n"),
                Just("\r\n"),
                Just(" "),
                Just("'="),
                Just("1,5"),
                Just("\u{feff}"),
                // Bytes one above those the scanner looks for, which its
                // eight-byte search may find after one of them and pass over.
                Just("#-:\u{8}\u{e}"),
                Just("abcdefgh"),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_scanner_reads_what_the_csv_crate_reads(text in texts(), delimiter in prop::sample::select(vec![b',', b';', b'\t'])) {
            prop_assert_eq!(scanned(&text, delimiter), read_by_csv(&text, delimiter));
        }

        #[test]
        fn a_scanner_started_at_any_record_reads_the_rest_alike(text in texts(), delimiter in prop::sample::select(vec![b',', b';', b'\t'])) {
            let all = scanned(&text, delimiter);
            let mut scanner = Scanner::new(&text, delimiter);
            let mut index = 0;
            while scanner.advance() {
                let record = scanner.record();
                let from_start = cells(&all[index..]);
                let mut again = Scanner::starting_at(&text, delimiter, record.start, record.line);
                let mut rest = Vec::new();
                while again.advance() {
                    let r = again.record();
                    rest.push((r.line, r.iter().map(str::to_string).collect::<Vec<_>>()));
                }
                // The first record after a byte order mark has its line counted as 1.
                if index > 0 || !text.starts_with('\u{feff}') {
                    prop_assert_eq!(cells(&rest), from_start);
                }
                let (next, line) = scanner.position();
                let mut after = Scanner::starting_at(&text, delimiter, next, line);
                let mut count = 0;
                while after.advance() {
                    count += 1;
                }
                prop_assert_eq!(count, all.len() - index - 1);
                index += 1;
            }
            prop_assert_eq!(index, all.len());
        }
    }
}
