//! Spreadsheets (`.xlsx`, `.ods`): one sheet of a workbook becomes a
//! [`Sheet`], its rows numbered as the spreadsheet numbers them.
//!
//! Cells arrive typed. A number becomes the exact decimal the user typed
//! (spreadsheets store a binary float: its shortest round-trip text, to the
//! 15 significant digits a spreadsheet keeps, is what was typed); a cell
//! formatted as a percentage is a percent; a date cell is a date.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::str::FromStr;

use calamine::{open_workbook_auto, Data, Range, Reader, Sheets};
use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::files::sheet::{normalise_header, Row, Sheet, TypedNumber};

mod ods;

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

/// Reads the sheet `choice` names, or the first one, of the workbook at `path`.
pub fn read_workbook(path: &Path, choice: SheetChoice) -> Result<Sheet, Diagnostic> {
    let sheet = choice.name;
    let file = path.display().to_string();
    let mut workbook = open_workbook_auto(path)
        .map_err(|e| Diagnostic::error(&file, None, format!("cannot read the workbook: {e}")))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).or_else(|| {
            let wanted = normalise_header(wanted);
            names.iter().find(|n| normalise_header(n) == wanted)
        }),
        None => names.first(),
    };
    let Some(name) = name.cloned() else {
        let message = match sheet {
            Some(wanted) => format!(
                "the workbook has no sheet `{wanted}` (its sheets: {}); choose {} sheet with {} NAME",
                names.join(", "),
                choice.whose,
                choice.option
            ),
            None => "the workbook has no sheets".to_string(),
        };
        return Err(Diagnostic::error(&file, None, message));
    };
    let source = format!("{file}[{name}]");
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| Diagnostic::error(&source, None, format!("cannot read the sheet: {e}")))?;
    let percent = percent_cells(&mut workbook, path, &name)
        .map_err(|e| Diagnostic::error(&source, None, format!("cannot read the cell formats: {e}")))?;
    sheet_from_range(&source, &range, &percent)
}

/// Builds the sheet: the first non-empty row is the header; empty rows are
/// skipped; every row keeps its spreadsheet row number.
fn sheet_from_range(source: &str, range: &Range<Data>, percent: &HashSet<(u32, u32)>) -> Result<Sheet, Diagnostic> {
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut typed = BTreeMap::new();
    for (r, cells) in range.rows().enumerate() {
        let row_number = first_row + r as u32;
        let line = row_number as usize + 1;
        let mut texts = Vec::with_capacity(cells.len());
        let mut numbers = Vec::new();
        for (c, data) in cells.iter().enumerate() {
            let is_percent = percent.contains(&(row_number, first_col + c as u32));
            match cell(data, is_percent) {
                Ok(Cell::Text(t)) => texts.push(t),
                Ok(Cell::Number(n)) => {
                    texts.push(n.plain());
                    numbers.push((c, n));
                }
                Err(message) => {
                    return Err(Diagnostic::error(source, Some(line), format!("{}: {message}", cell_name(c, line))))
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
        return Err(Diagnostic::error(source, None, "the sheet is empty: a header row is needed"));
    };
    Ok(Sheet { source: source.to_string(), headers, rows, delimiter: None, typed, diagnostics: Vec::new() })
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

/// The cells of the sheet formatted as a percentage, by absolute (row, column).
fn percent_cells(
    workbook: &mut Sheets<BufReader<File>>,
    path: &Path,
    sheet: &str,
) -> Result<HashSet<(u32, u32)>, String> {
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let styles = xlsx.worksheet_style(sheet).map_err(|e| e.to_string())?;
            Ok(styles
                .cells()
                .filter(|(_, _, style)| style.number_format.as_ref().is_some_and(|f| is_percent_format(&f.format_code)))
                .map(|(row, col, _)| (row, col))
                .collect())
        }
        Sheets::Ods(_) => ods::percent_cells(path, sheet),
        _ => Ok(HashSet::new()),
    }
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
