//! Excel workbooks (`.xlsx`, `.xlsm`): the cells of one sheet, streamed one
//! by one from its XML part, each with whether its format shows a percentage.
//! Nothing is sized by the farthest cell: only the cells present are kept.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xlsx};

use super::{choose_sheet, is_percent_format, package, Cells, SheetChoice};
use crate::diagnostic::Diagnostic;
use crate::files::sheet::Sheet;

/// Reads the sheet `choice` names from the workbook's bytes; `file` names it in messages.
pub fn read(file: &str, bytes: &[u8], choice: SheetChoice) -> Result<Sheet, Diagnostic> {
    let refuse = |message: String| Diagnostic::error(file, None, message);
    let mut archive = package::open(bytes).map_err(refuse)?;
    package::check_all_xml(&mut archive).map_err(refuse)?;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| refuse(format!("cannot read the workbook: {e}")))?;
    let name = choose_sheet(file, &workbook.sheet_names(), choice)?;
    let source = format!("{file}[{name}]");
    let unreadable = |e: calamine::XlsxError| Diagnostic::error(&source, None, format!("cannot read the sheet: {e}"));
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(unreadable)?;
    let percent: Vec<bool> = reader
        .styles()
        .iter()
        .map(|style| style.number_format.as_ref().is_some_and(|f| is_percent_format(&f.format_code)))
        .collect();
    let mut cells = Cells::new(&source);
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        // A huge shared string is refused before it is copied into the cell.
        match cell.get_value() {
            DataRef::SharedString(t) => cells.check_text(row, column, t)?,
            DataRef::String(t) => cells.check_text(row, column, t)?,
            _ => {}
        }
        let data: Data = cell.get_value().clone().into();
        if data != Data::Empty {
            cells.push(row, column, &data, percent.get(style).copied().unwrap_or(false))?;
        }
    }
    cells.into_sheet()
}
