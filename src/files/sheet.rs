//! A table of text cells read from a file, before any cell is interpreted:
//! the common ground of plan and actuals files, whatever their delimiter,
//! encoding or spreadsheet format.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::files::formula_guard::unguard;
use crate::files::limits::{too_large_cell, too_many_cells, MAX_CELL_CHARS, MAX_LINE_BYTES, MAX_TEXT_CELLS};
use crate::unit::Unit;
use crate::value::{format_told_by, NumberFormat, Value};

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

/// The header row of a table, with the file's name for messages.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    pub source: &'a str,
    pub cells: &'a [String],
}

impl Header<'_> {
    /// The index of the first column whose normalised header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.cells.iter().position(|h| names.contains(&normalise_header(h).as_str()))
    }

    /// The column a file cannot do without, or an error on the header line
    /// naming it, listing the columns found, with `hint` saying what is needed.
    pub fn required_column(&self, names: &[&str], hint: &str) -> Result<usize, Diagnostic> {
        self.column(names).ok_or_else(|| {
            Diagnostic::error(
                self.source,
                Some(1),
                format!("the header has no `{}` column (found: {})", names[0], self.cells.join(", ")),
            )
            .with_hint(hint)
        })
    }

    /// Header cells kpi would silently misread: a column given twice (only
    /// one would be read), a known column misspelt (`wieght`: ignored, so the
    /// weights would all fall back to equal), a year column without its
    /// year (`target`). `roles` lists each column's accepted names;
    /// `year_roles` those of the `name_YYYY` columns. Other columns are
    /// the user's own and are left alone.
    pub fn header_problems(&self, roles: &[&[&str]], year_roles: &[&[&str]]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let problem = |column: usize, message: String, hint: &str| {
            Diagnostic::error(
                self.source,
                Some(1),
                format!("column {} `{}`: {message}", column + 1, self.cells[column]),
            )
            .with_hint(hint)
        };
        for (column, header) in self.cells.iter().enumerate() {
            let h = normalise_header(header);
            if h.is_empty() {
                continue;
            }
            let role = roles.iter().find(|aliases| aliases.contains(&h.as_str())).map(|aliases| aliases[0].to_string());
            let year_role = split_year(&h).and_then(|(prefix, year)| {
                year_roles
                    .iter()
                    .find(|aliases| aliases.contains(&prefix))
                    .map(|aliases| format!("{}_{year}", aliases[0]))
            });
            if let Some(key) = role.or(year_role) {
                // A name and a description may both be there: the first is the name.
                let repeatable = key == "name";
                if let (Some(&first), false) = (seen.get(&key), repeatable) {
                    problems.push(problem(
                        column,
                        format!(
                            "the same column as column {} `{}`, and only one of them would be read",
                            first + 1,
                            self.cells[first]
                        ),
                        "keep one of the two columns, or rename the one kpi should not read",
                    ));
                } else {
                    seen.insert(key, column);
                }
                continue;
            }
            if let Some(aliases) = year_roles.iter().find(|aliases| {
                aliases
                    .iter()
                    .any(|a| h == *a || (h.starts_with(a) && h[a.len()..].bytes().any(|b| b.is_ascii_digit())))
            }) {
                problems.push(problem(
                    column,
                    year_title_problem(header, &h, aliases),
                    "name it after the year it holds: target_2024, baseline_2023, weight_2025, threshold_2024",
                ));
                continue;
            }
            if OWN_COLUMNS.contains(&h.as_str()) {
                continue;
            }
            let known = roles.iter().flat_map(|aliases| aliases.iter().map(|a| a.to_string())).chain(
                year_roles.iter().flat_map(|aliases| {
                    aliases.iter().map(|a| format!("{a}_{}", split_year(&h).map_or("2024", |(_, y)| y)))
                }),
            );
            let limit = if h.chars().count() <= 5 { 1 } else { 2 };
            let near = known.map(|k| (crate::similar::edit_distance(&h, &k), k)).filter(|(d, _)| *d <= limit).min();
            if let Some((_, near)) = near {
                problems.push(problem(
                    column,
                    format!("not a column kpi knows; did you mean `{near}`?"),
                    "kpi ignores columns it does not know, so a misspelt one would change the figures without a word: correct the name (or give your own column a name far from kpi's)",
                ));
            }
        }
        problems
    }

    /// Columns named `prefix_YYYY` for any of the prefixes, with their years.
    pub fn year_columns(&self, prefixes: &[&str]) -> Vec<(i32, usize)> {
        let mut out = Vec::new();
        for (index, header) in self.cells.iter().enumerate() {
            let h = normalise_header(header);
            let Some((prefix, year)) = split_year(&h) else { continue };
            if let (true, Ok(year)) = (prefixes.contains(&prefix), year.parse()) {
                out.push((year, index));
            }
        }
        out
    }
}

/// How many tokens of some cells only one number format reads: `61,4`
/// Italian, `61.4` English (README, "Values").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Told {
    italian: usize,
    english: usize,
}

impl Told {
    fn count(&mut self, cell: &str) {
        // Without a `,` or a `.` both formats read a token alike.
        let separated = |text: &str| text.bytes().any(|b| b == b',' || b == b'.');
        if !separated(cell) {
            return;
        }
        for token in cell.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '=' | '≤' | '≥' | ':' | '('))
        {
            if !separated(token) {
                continue;
            }
            match format_told_by(token) {
                Some(NumberFormat::Italian) => self.italian += 1,
                Some(NumberFormat::English) => self.english += 1,
                None => {}
            }
        }
    }

    fn add(&mut self, other: Told) {
        self.italian += other.italian;
        self.english += other.english;
    }

    /// The majority; a tie, or no such token, is decided by the delimiter:
    /// `;` Italian, anything else English.
    fn decide(self, delimiter: Option<u8>) -> NumberFormat {
        match self.italian.cmp(&self.english) {
            std::cmp::Ordering::Greater => NumberFormat::Italian,
            std::cmp::Ordering::Less => NumberFormat::English,
            std::cmp::Ordering::Equal if delimiter == Some(b';') => NumberFormat::Italian,
            std::cmp::Ordering::Equal => NumberFormat::English,
        }
    }
}

/// Counts, column by column, the cells that have a `,` or a `.` (the only
/// ones [`Told::count`] counts): the record's text is searched once for them
/// instead of each cell byte by byte.
fn count_separated(record: &csv::StringRecord, told: &mut [Told]) {
    let text = record.as_slice().as_bytes();
    let mut separators = memchr::memchr2_iter(b',', b'.', text);
    let Some(mut next) = separators.next() else { return };
    let mut end = 0;
    for (cell, told) in record.iter().zip(told) {
        end += cell.len();
        if next < end {
            told.count(unguard(cell));
            match separators.find(|&at| at >= end) {
                Some(at) => next = at,
                None => return,
            }
        }
    }
}

/// What the plan and actuals loaders read: a header, the problems found in
/// reading, the file's number format, then the rows one at a time. A
/// [`Sheet`] (a workbook, or a small text) holds its rows; a [`TextTable`]
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
    /// The file's number format (see [`Sheet::number_format`]).
    fn number_format(&self, value_columns: &[usize], forced: Option<NumberFormat>) -> NumberFormat;
    /// The data rows in file order, a number typed in a value column
    /// written in `format` (see [`Sheet::with_numbers_in`]).
    fn rows(&self, format: NumberFormat, value_columns: &[usize]) -> Rows<'_>;
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
    fn rows(&self, format: NumberFormat, value_columns: &[usize]) -> Rows<'_> {
        Rows(Reading::Held { sheet: self.with_numbers_in(format, value_columns), next: 0 })
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
}

impl TextTable {
    /// Checks delimited text already decoded, as [`Sheet::parse`] does,
    /// keeping the text to read its rows from.
    pub fn parse(source: &str, text: String) -> Result<TextTable, Diagnostic> {
        check_line_lengths(source, &text)?;
        let delimiter = detect_delimiter(text.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
        let mut reader = text_reader(&text, delimiter);
        let mut headers: Option<Vec<String>> = None;
        let mut problems = Vec::new();
        let mut told: Vec<Told> = Vec::new();
        let mut rows = 0usize;
        let mut kept = 0usize;
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            Diagnostic::error(source, line, format!("not readable as CSV: {e}"))
        })? {
            let line = line_of(text.as_bytes(), &record);
            if let Some(column) =
                record.iter().position(|c| c.len() > MAX_CELL_CHARS && c.chars().count() > MAX_CELL_CHARS)
            {
                return Err(Diagnostic::error(source, Some(line), too_large_cell(&format!("column {}", column + 1))));
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
        Ok(TextTable { source: source.to_string(), text, headers, delimiter, diagnostics: problems, told, rows })
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
        Rows(Reading::Text {
            reader: text_reader(&self.text, self.delimiter),
            record: csv::StringRecord::new(),
            text: self.text.as_bytes(),
            header_read: false,
        })
    }
}

/// The CSV reader both passes over a text use.
fn text_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes())
}

/// A record of empty cells (a guarded empty cell included), skipped like a blank line.
fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| unguard(c).trim().is_empty())
}

/// The rows of a [`Table`], read one at a time: `while let Some(row) = rows.next_row()`.
pub struct Rows<'a>(Reading<'a>);

enum Reading<'a> {
    Held { sheet: Cow<'a, Sheet>, next: usize },
    Text { reader: csv::Reader<&'a [u8]>, record: csv::StringRecord, text: &'a [u8], header_read: bool },
}

impl Rows<'_> {
    /// The next data row; `None` after the last.
    pub fn next_row(&mut self) -> Option<RowRef<'_>> {
        match &mut self.0 {
            Reading::Held { sheet, next } => {
                let row = sheet.rows.get(*next)?;
                *next += 1;
                Some(RowRef { line: row.line, cells: Cells::Held(&row.cells) })
            }
            Reading::Text { reader, record, text, header_read } => loop {
                // The text was read whole without a fault by [`TextTable::parse`].
                if !reader.read_record(record).unwrap_or(false) {
                    return None;
                }
                if is_blank(record) {
                    continue;
                }
                if !*header_read {
                    *header_read = true;
                    continue;
                }
                let line = line_of(text, record);
                return Some(RowRef { line, cells: Cells::Record(record) });
            },
        }
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
    Record(&'a csv::StringRecord),
}

impl<'a> RowRef<'a> {
    /// The cell in column `index`, trimmed; empty when the row is short.
    #[inline]
    pub fn cell(&self, index: Option<usize>) -> &'a str {
        index.and_then(|i| self.raw(i)).map_or("", str::trim)
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

/// The 1-based line of the first character at or after the record's start
/// that is not a line break: the reader reports a record's start before
/// skipping blank lines. The reader counts every `\n` it has consumed, so
/// only the breaks it skips at the record's start are counted here.
fn line_of(text: &[u8], record: &csv::StringRecord) -> usize {
    let Some(position) = record.position() else { return 0 };
    let byte = (position.byte() as usize).min(text.len());
    let skipped = text[byte..].iter().take_while(|b| matches!(b, b'\n' | b'\r')).filter(|&&b| b == b'\n').count();
    position.line() as usize + skipped
}

/// A row that was not read as written: more cells than the header (a
/// number with a comma in a comma-separated file, `1,336`, splits in two and
/// would be read as 1), or a quote opened and never closed, which swallows
/// the lines after it into one cell.
fn row_problem(
    source: &str,
    line: usize,
    record: &csv::StringRecord,
    columns: usize,
    delimiter: u8,
) -> Option<Diagnostic> {
    let delimiter = char::from(delimiter);
    let cells = || record.iter().map(unguard);
    // Only a cell over more than one line can swallow rows: most records have none.
    let several_lines = record.as_slice().contains('\n');
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

/// Columns offices add for themselves whose names happen to be close to one
/// of kpi's (`note` is one letter from `nome`): never taken for a typo.
const OWN_COLUMNS: &[&str] =
    &["note", "notes", "nota", "review", "weight_alt", "description", "fonte", "fonti", "source"];

/// What is wrong with the title of a year column that kpi cannot read, and
/// what to write: the title is the name, at most the word `anno` or `year`,
/// the year in four digits, then at most a remark in parentheses (README,
/// "The plan file"). `header` is the
/// title as written, `normalised` as [`normalise_header`] gives it, and
/// `aliases` the names of its column, the first the canonical one.
fn year_title_problem(header: &str, normalised: &str, aliases: &[&str]) -> String {
    let canonical = aliases[0];
    let alias = aliases.iter().filter(|a| normalised.starts_with(**a)).max_by_key(|a| a.len()).unwrap_or(&canonical);
    let written = |year: &str| format!("`{alias}_{year}` or `{}{} {year}`", alias[..1].to_uppercase(), &alias[1..]);
    let rest = &normalised[alias.len()..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let year = if year.len() == 4 { year } else { "2024".to_string() };
        return format!("the year must stand apart from `{alias}`: write {}", written(&year));
    }
    let words: Vec<&str> = rest.split('_').filter(|w| !w.is_empty()).collect();
    let is_year = |w: &&str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let years: Vec<&str> = words.iter().copied().filter(is_year).collect();
    match years.as_slice() {
        [] => {
            if let Some(short) = words.iter().find(|w| w.bytes().all(|b| b.is_ascii_digit())) {
                return format!("`{short}` is not a year written with four digits: write {}", written("2024"));
            }
            let in_parentheses = header.split(['(', ')', '[', ']']).skip(1).step_by(2).find_map(|remark| {
                remark.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 4).map(str::to_string)
            });
            match in_parentheses {
                Some(year) => format!(
                    "the year `{year}` is in parentheses, where kpi reads a remark and ignores it: write {}",
                    written(&year)
                ),
                None => format!("a `{alias}` column needs the year it holds in its title: write {}", written("2024")),
            }
        }
        [year] => {
            let at = words.iter().position(|w| w == year).unwrap_or(0);
            let (before, after) = (&words[..at], &words[at + 1..]);
            let quoted = |ws: &[&str]| format!("`{}`", ws.join(" "));
            if !before.is_empty() {
                format!(
                    "{} stands between `{alias}` and the year, where kpi reads no words: write {} (a remark goes in parentheses after the year: `{alias} {year} ({})`)",
                    quoted(before),
                    written(year),
                    before.join(" ")
                )
            } else if after.is_empty() {
                format!("write {}", written(year))
            } else {
                format!(
                    "{} follows the year, where kpi reads only a remark in parentheses: write {}, or `{alias} {year} ({})`",
                    quoted(after),
                    written(year),
                    after.join(" ")
                )
            }
        }
        several => format!(
            "the title names {} years ({}) and a column holds one year: write one column per year, {}",
            several.len(),
            several.join(", "),
            several.iter().map(|y| format!("`{canonical}_{y}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// `target_2024` → (`target`, `2024`); the word `anno` or `year` between
/// the name and the year is the way offices title the column and can mean
/// nothing else (`target_anno_2024`, `peso_year_2025`: README, "The plan file").
fn split_year(header: &str) -> Option<(&str, &str)> {
    let (prefix, year) = header.rsplit_once('_')?;
    let prefix = ["_anno", "_year"].iter().find_map(|word| prefix.strip_suffix(word)).unwrap_or(prefix);
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then_some((prefix, year))
}

/// Lower case, accents and spaces folded, so `Unità`, `unita` and `UNITA` match.
pub fn normalise_header(header: &str) -> String {
    // A unit or remark in parentheses (`Peso (%)`, `Target 2012 (Risultato atteso)`) is no part of the name.
    let mut depth = 0usize;
    let bare: String = header
        .chars()
        .filter(|&c| match c {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect();
    let folded: String = bare
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
            c if c.is_alphanumeric() || c == '_' => c,
            // Spaces, dashes, and the `%` or `(%)` spreadsheets add to a title
            // (`Peso (%)`, `Target 2024`) only separate words.
            _ => ' ',
        })
        .collect();
    folded.split([' ', '_']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
}

/// UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), Windows-1252 otherwise.
pub fn decode(bytes: &[u8]) -> String {
    decode_reporting(bytes).0
}

/// Decodes like [`decode_reporting`], taking the bytes: a UTF-8 file,
/// which is most, becomes its text without a copy.
pub fn decode_owned(mut bytes: Vec<u8>) -> (String, bool) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => decode_reporting(e.as_bytes()),
    }
}

/// Decodes like [`decode`], and says whether the file mixed the two: UTF-8
/// text with a few Windows-1252 bytes, as a UTF-8 file edited and saved by a
/// program that writes Windows-1252. Each part is then read in its own
/// encoding, so neither `à` nor `Ã ` stands where the other was meant.
pub fn decode_reporting(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Err(first_error) = std::str::from_utf8(bytes) else {
        return (String::from_utf8_lossy(bytes).into_owned(), false);
    };
    let has_utf8_sequences = bytes[..first_error.valid_up_to()].iter().any(|b| *b >= 0x80);
    let mut text = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut mixed = has_utf8_sequences;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                // SAFETY-free: `valid` is exactly the prefix from_utf8 accepted.
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                mixed |= valid.bytes().any(|b| b >= 0x80);
                text.push_str(valid);
                let bad = e.error_len().unwrap_or(after.len()).min(after.len()).max(1);
                text.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(&after[..bad]).0);
                rest = &after[bad..];
            }
        }
    }
    if !mixed {
        // Plain Windows-1252: decode it whole, the usual way.
        return (encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), false);
    }
    (text, true)
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

    #[test]
    fn a_year_title_kpi_cannot_read_says_what_is_wrong_and_what_to_write() {
        let roles: &[&[&str]] = &[&["level"], &["code"]];
        let year_roles: &[&[&str]] = &[&["weight", "peso"], &["threshold", "soglia"], &["baseline"], &["target"]];
        let problems = |title: &str| -> Vec<String> {
            let sheet = Sheet::parse("p.csv", &format!("level,code,{title}\nindicator,K1,5\n")).unwrap();
            sheet.header_problems(roles, year_roles).iter().map(|p| p.message.clone()).collect()
        };
        // the forms the plan file accepts: no problem at all
        // `anno` or `year` between the name and the year can mean only that year's column.
        for accepted in [
            "Target 2012 (Risultato atteso)",
            "TARGET-2024",
            "target_2024",
            "Peso 2025 (%)",
            "Soglia 2024",
            "Target anno 2024 (valore atteso)",
            "Peso anno 2025",
            "Baseline anno 2023",
            "Soglia anno 2024",
            "Target year 2024",
            "weight_year_2025",
        ] {
            assert_eq!(problems(accepted), Vec::<String>::new(), "{accepted}");
        }
        let one = |title: &str| problems(title).pop().unwrap();
        assert_eq!(
            one("Target previsto 2024 (valore atteso)"),
            "column 3 `Target previsto 2024 (valore atteso)`: `previsto` stands between `target` and the year, where kpi reads no words: write `target_2024` or `Target 2024` (a remark goes in parentheses after the year: `target 2024 (previsto)`)"
        );
        assert_eq!(
            one("Soglia minima anno 2024"),
            "column 3 `Soglia minima anno 2024`: `minima anno` stands between `soglia` and the year, where kpi reads no words: write `soglia_2024` or `Soglia 2024` (a remark goes in parentheses after the year: `soglia 2024 (minima anno)`)"
        );
        // the same year's column twice, once with `anno`: only one would be read
        assert_eq!(
            problems("Target 2024,Target anno 2024"),
            ["column 4 `Target anno 2024`: the same column as column 3 `Target 2024`, and only one of them would be read"]
        );
        assert_eq!(
            one("Target 2024 bis"),
            "column 3 `Target 2024 bis`: `bis` follows the year, where kpi reads only a remark in parentheses: write `target_2024` or `Target 2024`, or `target 2024 (bis)`"
        );
        assert_eq!(
            one("Target 2024/2025"),
            "column 3 `Target 2024/2025`: the title names 2 years (2024, 2025) and a column holds one year: write one column per year, `target_2024`, `target_2025`"
        );
        assert_eq!(
            one("Target 24"),
            "column 3 `Target 24`: `24` is not a year written with four digits: write `target_2024` or `Target 2024`"
        );
        assert_eq!(
            one("Target2025"),
            "column 3 `Target2025`: the year must stand apart from `target`: write `target_2025` or `Target 2025`"
        );
        assert_eq!(
            one("Target (2026)"),
            "column 3 `Target (2026)`: the year `2026` is in parentheses, where kpi reads a remark and ignores it: write `target_2026` or `Target 2026`"
        );
        assert_eq!(
            one("target"),
            "column 3 `target`: a `target` column needs the year it holds in its title: write `target_2024` or `Target 2024`"
        );
    }

    #[test]
    fn spreadsheet_titles_name_the_same_columns() {
        assert_eq!(normalise_header("Peso (%)"), "peso");
        assert_eq!(normalise_header("Target 2024"), "target_2024");
        assert_eq!(normalise_header(" Unità di misura "), "unita_di_misura");
        assert_eq!(normalise_header("\u{feff}LIVELLO"), "livello");
        assert_eq!(normalise_header("soglia-2025 %"), "soglia_2025");
        assert_eq!(normalise_header("weight__alt"), "weight_alt");
        assert_eq!(normalise_header("Target 2012 (Risultato atteso)"), "target_2012");
        assert_eq!(normalise_header("TARGET-2024"), "target_2024");
        assert_eq!(normalise_header("Soglia [%] 2025"), "soglia_2025");
        assert_eq!(normalise_header("Scala"), "scala");
    }

    #[test]
    fn a_year_column_with_anno_or_year_before_its_year_is_that_year_s_column() {
        let title = "level,Target 2023,Target anno 2024,TARGET YEAR 2025,Peso anno 2024,Target previsto 2026\n";
        let sheet = Sheet::parse("p.csv", &format!("{title}indicator,1,2,3,4,5\n")).unwrap();
        assert_eq!(sheet.year_columns(&["target"]), [(2023, 1), (2024, 2), (2025, 3)]);
        assert_eq!(sheet.year_columns(&["weight", "peso"]), [(2024, 4)]);
    }

    #[test]
    fn windows_1252_is_decoded() {
        assert_eq!(decode(b"Unit\xe0"), "Unità");
        assert_eq!(decode("\u{feff}Unità".as_bytes()), "Unità");
        assert_eq!(decode_reporting(b"Unit\xe0"), ("Unità".to_string(), false));
    }

    #[test]
    fn a_utf8_file_with_a_few_windows_1252_bytes_reads_both_right() {
        // `Capacità` in UTF-8, then `perché` as Excel saves it in Windows-1252.
        let mut bytes = "Capacità;".as_bytes().to_vec();
        bytes.extend_from_slice(b"perch\xe9");
        assert_eq!(decode_reporting(&bytes), ("Capacità;perché".to_string(), true));
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
