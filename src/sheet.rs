//! A table of text cells read from a file, before any cell is interpreted:
//! the common ground of plan and actuals files, whatever their delimiter,
//! encoding or (later) spreadsheet format.

use crate::error::InputError;
use crate::value::{has_decimal_comma, NumberFormat};

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
    /// `;` makes a file Italian (SPEC §2).
    pub delimiter: u8,
}

impl Sheet {
    /// Parses delimited text already decoded.
    pub fn parse(source: &str, text: &str) -> Result<Sheet, InputError> {
        let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let delimiter = detect_delimiter(header_line);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let newlines: Vec<usize> = text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect();
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line() as usize);
                InputError::new(source, line, format!("not readable as CSV: {e}"))
            })?;
            let line = record.position().map_or(0, |p| line_of(text, &newlines, p.byte() as usize));
            let cells: Vec<String> = record.iter().map(str::to_string).collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            match headers {
                None => headers = Some(cells.iter().map(|c| c.trim().to_string()).collect()),
                Some(_) => rows.push(Row { line, cells }),
            }
        }
        let Some(headers) = headers else {
            return Err(InputError::new(source, None, "the file is empty: a header row is needed"));
        };
        Ok(Sheet { source: source.to_string(), headers, rows, delimiter })
    }

    /// The index of the first column whose normalised header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers.iter().position(|h| names.contains(&normalise_header(h).as_str()))
    }

    /// Columns named `prefix_YYYY` for any of the prefixes, with their years.
    pub fn year_columns(&self, prefixes: &[&str]) -> Vec<(i32, usize)> {
        let mut out = Vec::new();
        for (index, header) in self.headers.iter().enumerate() {
            let h = normalise_header(header);
            for prefix in prefixes {
                let Some(rest) = h.strip_prefix(prefix).and_then(|r| r.strip_prefix('_')) else {
                    continue;
                };
                if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
                    if let Ok(year) = rest.parse() {
                        out.push((year, index));
                    }
                }
            }
        }
        out
    }

    /// The file's number format (SPEC §2): forced, or Italian when the
    /// delimiter is `;` or a value cell holds a decimal comma.
    pub fn number_format(&self, value_columns: &[usize], forced: Option<NumberFormat>) -> NumberFormat {
        if let Some(f) = forced {
            return f;
        }
        if self.delimiter == b';' {
            return NumberFormat::Italian;
        }
        let italian = self.rows.iter().any(|row| {
            value_columns.iter().any(|&c| row.cells.get(c).is_some_and(|cell| cell_has_decimal_comma(cell)))
        });
        if italian {
            NumberFormat::Italian
        } else {
            NumberFormat::English
        }
    }
}

/// The 1-based line of the first character at or after `byte` that is not a
/// line break: the reader reports a record's start before skipping blank lines.
fn line_of(text: &str, newlines: &[usize], byte: usize) -> usize {
    let skipped =
        text.as_bytes().get(byte..).map_or(0, |rest| rest.iter().take_while(|b| matches!(b, b'\n' | b'\r')).count());
    newlines.partition_point(|&n| n < byte + skipped) + 1
}

/// True when some number in the cell (which may be a target such as
/// `>= 105,00 %`) is written with a decimal comma.
fn cell_has_decimal_comma(cell: &str) -> bool {
    cell.split(|c: char| c.is_whitespace() || "<>=≤≥".contains(c)).any(has_decimal_comma)
}

/// Lower case, accents and spaces folded, so `Unità`, `unita` and `UNITA` match.
pub fn normalise_header(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' => 'a',
            'è' | 'é' => 'e',
            'ì' | 'í' => 'i',
            'ò' | 'ó' => 'o',
            'ù' | 'ú' => 'u',
            ' ' | '-' => '_',
            c => c,
        })
        .collect()
}

/// UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), Windows-1252 otherwise.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
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
        assert_eq!(Sheet::parse("t", "a;b;c\n1;2;3\n").unwrap().delimiter, b';');
        assert_eq!(Sheet::parse("t", "a\tb\n1\t2\n").unwrap().delimiter, b'\t');
        assert_eq!(Sheet::parse("t", "a,b\n1,2\n").unwrap().delimiter, b',');
    }

    #[test]
    fn lines_are_counted_from_the_file() {
        let sheet = Sheet::parse("t", "a,b\n\n1,2\n\"x\ny\",3\n4,5\n").unwrap();
        let lines: Vec<usize> = sheet.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4, 6]);
    }

    #[test]
    fn windows_1252_is_decoded() {
        assert_eq!(decode(b"Unit\xe0"), "Unità");
        assert_eq!(decode("\u{feff}Unità".as_bytes()), "Unità");
    }

    #[test]
    fn italian_when_a_value_cell_has_a_decimal_comma() {
        let sheet = Sheet::parse("t", "name,target\n\"Uno, due\",\">= 105,00 %\"\n").unwrap();
        assert_eq!(sheet.number_format(&[1], None), NumberFormat::Italian);
        assert_eq!(sheet.number_format(&[0], None), NumberFormat::English);
    }
}
