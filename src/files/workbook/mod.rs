//! Spreadsheets (`.xlsx`, `.ods`): one sheet of a workbook becomes a
//! [`Sheet`], its rows numbered as the spreadsheet numbers them.
//!
//! Cells arrive typed. A number becomes the exact decimal the user typed
//! (spreadsheets store a binary float: its shortest round-trip text, to the
//! 15 significant digits a spreadsheet keeps, is what was typed); a cell
//! formatted as a percentage is a percent; a date cell is a date.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use calamine::Data;
use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::files::header::normalise_header;
use crate::files::limits::{too_large_cell, too_many_cells, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_SHEET_CELLS};
use crate::files::sheet::{Row, Sheet, TypedNumber};

mod ods;
pub mod package;
mod xlsx;

/// Significant digits a spreadsheet keeps of a number (Excel and LibreOffice alike).
const SIGNIFICANT_DIGITS: u32 = 15;

/// True for the workbooks kpi reads.
pub fn is_workbook(path: &Path) -> bool {
    matches!(extension(path).as_deref(), Some("xlsx" | "xlsm" | "ods"))
}

/// Workbooks in a format kpi does not read, with what to do instead.
pub fn unsupported_workbook(path: &Path) -> Option<&'static str> {
    match extension(path).as_deref() {
        Some("xls") => Some("an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx"),
        Some("xlsb") => Some("a binary Excel workbook (.xlsb) is not read: save it as .xlsx"),
        Some("numbers") => Some("a Numbers document is not read: export it as .xlsx"),
        _ => None,
    }
}

/// Office lock files (`~$plan.xlsx`, `.~lock.plan.ods#`) lie beside an open
/// workbook; they are never data.
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock."))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase)
}

/// Which sheet of a workbook to read, and the option that chooses it, so a
/// message can say which option to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetChoice<'a> {
    /// The sheet's name; `None`: the first sheet.
    pub name: Option<&'a str>,
    /// What the file is and the option that picks its sheet: (`the plan's`, `--plan-sheet`).
    pub whose: &'static str,
    pub option: &'static str,
}

/// The kinds of workbook kpi reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.xlsx`, `.xlsm`.
    Xlsx,
    /// `.ods`.
    Ods,
}

impl Kind {
    /// The kind a file's extension names, if it is a workbook kpi reads.
    pub fn of(path: &Path) -> Option<Kind> {
        match extension(path).as_deref() {
            Some("xlsx" | "xlsm") => Some(Kind::Xlsx),
            Some("ods") => Some(Kind::Ods),
            _ => None,
        }
    }
}

/// Reads the sheet `choice` names, or the first one, of the workbook at `path`.
pub fn read_workbook(path: &Path, choice: SheetChoice) -> Result<Sheet, Diagnostic> {
    let file = path.display().to_string();
    let Some(kind) = Kind::of(path) else {
        return Err(Diagnostic::error(&file, None, "not a workbook kpi reads: name it .xlsx or .ods"));
    };
    let bytes = crate::files::limits::read_file(path)?;
    read_workbook_bytes(&file, kind, &bytes, choice)
}

/// Reads a sheet of a workbook held in memory; `file` names it in messages.
/// Every size is bounded (see the README's limits), whatever the bytes.
pub fn read_workbook_bytes(file: &str, kind: Kind, bytes: &[u8], choice: SheetChoice) -> Result<Sheet, Diagnostic> {
    match kind {
        Kind::Xlsx => xlsx::read(file, bytes, choice),
        Kind::Ods => ods::read(file, bytes, choice),
    }
}

/// The sheet `choice` names among `names` (exactly, else as headers compare),
/// or the first.
fn choose_sheet(file: &str, names: &[String], choice: SheetChoice) -> Result<String, Diagnostic> {
    let name = match choice.name {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).or_else(|| {
            let wanted = normalise_header(wanted);
            names.iter().find(|n| normalise_header(n) == wanted)
        }),
        None => names.first(),
    };
    match name {
        Some(name) => Ok(name.clone()),
        None => {
            let message = match choice.name {
                Some(wanted) => format!(
                    "the workbook has no sheet `{}` (its sheets: {}); choose {} sheet with {} NAME",
                    crate::visible::excerpt(wanted),
                    names.join(", "),
                    choice.whose,
                    choice.option
                ),
                None => "the workbook has no sheets".to_string(),
            };
            Err(Diagnostic::error(file, None, message))
        }
    }
}

/// The filled cells of a sheet as a reader finds them, bounded in number,
/// position and size, before they are laid out as rows.
struct Cells<'a> {
    source: &'a str,
    cells: Vec<(u32, u32, Cell)>,
}

impl<'a> Cells<'a> {
    fn new(source: &'a str) -> Cells<'a> {
        Cells { source, cells: Vec::new() }
    }

    fn error(&self, row: u32, message: String) -> Diagnostic {
        Diagnostic::error(self.source, Some(row as usize + 1), message)
    }

    /// Keeps one filled cell at (`row`, `column`), both from 0.
    fn push(&mut self, row: u32, column: u32, data: &Data, percent: bool) -> Result<(), Diagnostic> {
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(Diagnostic::error(
                self.source,
                None,
                "a cell lies past the last cell a sheet has, XFD1048576: the file is broken; open it in the spreadsheet and save it again",
            ));
        }
        if self.cells.len() >= MAX_SHEET_CELLS {
            return Err(self.error(row, too_many_cells(MAX_SHEET_CELLS)));
        }
        if let Data::String(t) | Data::DateTimeIso(t) | Data::DurationIso(t) = data {
            self.check_text(row, column, t)?;
        }
        let name = || cell_name(column as usize, row as usize + 1);
        let cell = cell(data, percent).map_err(|message| self.error(row, format!("{}: {message}", name())))?;
        self.cells.push((row, column, cell));
        Ok(())
    }

    /// Refuses a cell's text longer than [`MAX_CELL_CHARS`].
    fn check_text(&self, row: u32, column: u32, text: &str) -> Result<(), Diagnostic> {
        if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
            return Err(self.error(row, too_large_cell(&cell_name(column as usize, row as usize + 1))));
        }
        Ok(())
    }

    /// Refuses a cell that shows an error, as `shown` (`#DIV/0!`).
    fn refuse_error(&self, row: u32, column: u32, shown: &str) -> Diagnostic {
        let name = cell_name(column as usize, row as usize + 1);
        self.error(
            row,
            format!(
                "{name}: the cell shows the error {}: correct it in the spreadsheet",
                crate::visible::excerpt(shown)
            ),
        )
    }

    /// Lays the cells out as a sheet: the first non-empty row is the header;
    /// empty rows are skipped; every row keeps its spreadsheet row number;
    /// the first column is the leftmost filled one.
    fn into_sheet(mut self) -> Result<Sheet, Diagnostic> {
        self.cells.sort_by_key(|(row, column, _)| (*row, *column));
        self.cells.dedup_by_key(|(row, column, _)| (*row, *column));
        let first_col = self.cells.iter().map(|(_, column, _)| *column).min().unwrap_or(0);
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        let mut typed = BTreeMap::new();
        let mut slots = 0usize;
        let mut cells = self.cells.into_iter().peekable();
        while let Some(&(row, _, _)) = cells.peek() {
            let line = row as usize + 1;
            let mut texts: Vec<String> = Vec::new();
            let mut numbers = Vec::new();
            while let Some((_, column, cell)) = cells.next_if(|(r, _, _)| *r == row) {
                let c = (column - first_col) as usize;
                slots = slots.saturating_add(c + 1 - texts.len().min(c + 1));
                if slots > MAX_SHEET_CELLS {
                    return Err(Diagnostic::error(self.source, Some(line), too_many_cells(MAX_SHEET_CELLS)));
                }
                texts.resize(c, String::new());
                match cell {
                    Cell::Text(t) => texts.push(t),
                    Cell::Number(n) => {
                        texts.push(n.plain());
                        numbers.push((c, n));
                    }
                }
            }
            if texts.iter().all(|t| t.trim().is_empty()) {
                continue;
            }
            match headers {
                None => headers = Some(texts.iter().map(|t| t.trim().to_string()).collect()),
                Some(_) => {
                    for (c, n) in numbers {
                        typed.insert((rows.len(), c), n);
                    }
                    rows.push(Row { line, cells: texts });
                }
            }
        }
        let Some(headers) = headers else {
            return Err(Diagnostic::error(self.source, None, "the sheet is empty: a header row is needed"));
        };
        Ok(Sheet { source: self.source.to_string(), headers, rows, delimiter: None, typed, diagnostics: Vec::new() })
    }
}

/// `C7`: a cell as the spreadsheet names it.
fn cell_name(column: usize, line: usize) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("cell {letters}{line}")
}

#[derive(Debug)]
enum Cell {
    Text(String),
    Number(TypedNumber),
}

/// One cell as text the value parser reads, or as a typed number.
fn cell(data: &Data, percent: bool) -> Result<Cell, String> {
    Ok(match data {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::Int(i) => Cell::Number(TypedNumber { value: Decimal::from(*i), percent }),
        Data::Float(f) => Cell::Number(TypedNumber { value: exact_decimal(*f)?, percent }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, hh, mm, ss, ms) = dt.to_ymd_hms_milli();
            Cell::Text(if (hh, mm, ss, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            })
        }
        // A duration has no meaning as a value; show it as the spreadsheet stores it.
        Data::DateTime(dt) => Cell::Text(exact_decimal(dt.as_f64())?.to_string()),
        Data::DateTimeIso(s) => {
            let midnight = s.get(10..).is_none_or(|t| t.is_empty() || t.trim_start_matches('T') == "00:00:00");
            Cell::Text(if midnight { s.chars().take(10).collect() } else { s.replace('T', " ") })
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => return Err(format!("the cell shows the error {e}: correct it in the spreadsheet")),
    })
}

/// The exact decimal behind a spreadsheet's float: its shortest round-trip
/// text (Rust's `{}`), rounded to the significant digits a spreadsheet keeps,
/// so 0.1467 is 0.1467 and a stored 0.30000000000000004 is 0.3.
pub fn exact_decimal(f: f64) -> Result<Decimal, String> {
    let text = format!("{f}");
    let d = Decimal::from_str(&text).map_err(|_| format!("the number {text} is too large"))?;
    Ok(d.round_sf(SIGNIFICANT_DIGITS).unwrap_or(d).normalize())
}

/// True when a number format code shows its number as a percentage: a `%`
/// outside quotes and escapes, in the first (positive) section.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => return false,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_become_the_decimal_typed() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(exact_decimal(0.1467).unwrap(), d("0.1467"));
        assert_eq!(exact_decimal(0.1 + 0.2).unwrap(), d("0.3"));
        assert_eq!(exact_decimal(49.14).unwrap(), d("49.14"));
        assert_eq!(exact_decimal(2923.681).unwrap(), d("2923.681"));
        assert_eq!(exact_decimal(-0.05).unwrap(), d("-0.05"));
        assert_eq!(exact_decimal(190253.0).unwrap(), d("190253"));
        assert_eq!(exact_decimal(14.67 / 100.0).unwrap(), d("0.1467"));
        assert!(exact_decimal(1e300).is_err());
    }

    #[test]
    fn a_percent_cell_is_a_percent() {
        let Cell::Number(n) = cell(&Data::Float(0.1467), true).unwrap() else { panic!() };
        assert_eq!(n, TypedNumber { value: Decimal::from_str("0.1467").unwrap(), percent: true });
        assert_eq!(n.text(crate::value::NumberFormat::Italian), "14,67 %");
    }

    #[test]
    fn percent_formats_are_recognised() {
        assert!(is_percent_format("0.00%"));
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("#,##0.0 %"));
        assert!(!is_percent_format("0.00\"%\""));
        assert!(!is_percent_format("0.00\\%"));
        assert!(!is_percent_format("General"));
        assert!(!is_percent_format("0;\"%\"0"));
    }

    #[test]
    fn cells_are_named_as_the_spreadsheet_names_them() {
        assert_eq!(cell_name(0, 7), "cell A7");
        assert_eq!(cell_name(25, 1), "cell Z1");
        assert_eq!(cell_name(26, 1), "cell AA1");
    }

    #[test]
    fn dates_and_errors() {
        let Cell::Text(t) = cell(&Data::DateTimeIso("2024-03-31T00:00:00".into()), false).unwrap() else { panic!() };
        assert_eq!(t, "2024-03-31");
        let Cell::Text(t) = cell(&Data::DateTimeIso("2024-03-31".into()), false).unwrap() else { panic!() };
        assert_eq!(t, "2024-03-31");
        let serial = calamine::ExcelDateTime::new(45382.0, calamine::ExcelDateTimeType::DateTime, false);
        let Cell::Text(t) = cell(&Data::DateTime(serial), false).unwrap() else { panic!() };
        assert_eq!(t, "2024-03-31");
        assert!(cell(&Data::Error(calamine::CellErrorType::Div0), false).unwrap_err().contains("#DIV/0!"));
    }
}
