//! Reading the files a user names, whatever they are: delimited text
//! ([`text_table`], its records read by [`scanner`]) in either encoding ([`decode`]), workbooks
//! ([`workbook`]), both read as a [`sheet::Table`] under its [`header`],
//! and the folders given for the actuals ([`paths`]). Nothing here knows
//! plans or actuals.

pub mod decode;
mod format_votes;
pub mod formula_guard;
pub mod header;
pub mod limits;
pub mod paths;
pub mod scanner;
pub mod sheet;
pub mod text_table;
pub mod workbook;

use std::path::Path;

use crate::diagnostic::Diagnostic;
use decode::{decode_blocks, decode_owned};
use sheet::{Sheet, Table, Voters};
use text_table::TextTable;
use workbook::{is_workbook, read_workbook, unsupported_workbook, SheetChoice};

/// Reads a file's text: UTF-8 (a BOM is dropped) or Windows-1252.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    Ok(read_text_reporting(path)?.0)
}

/// Reads a file's text, and whether it mixed UTF-8 and Windows-1252.
pub fn read_text_reporting(path: &Path) -> Result<(String, bool), Diagnostic> {
    let bytes = limits::read_file(path)?;
    Ok(decode_owned(bytes))
}

/// Reads a file's text as [`read_text_reporting`] does, in blocks of whole
/// lines one after the other (see [`limits::read_file_in_blocks`]).
pub fn read_text_blocks(path: &Path) -> Result<(Vec<String>, bool), Diagnostic> {
    Ok(decode_blocks(limits::read_file_in_blocks(path)?))
}

/// Parses delimited text, warning when it mixed two encodings.
pub fn parse_text(source: &str, text: &str, mixed: bool) -> Result<Sheet, Diagnostic> {
    let mut sheet = Sheet::parse(source, text)?;
    sheet.diagnostics.extend(mixed.then(|| mixed_encodings(source)));
    Ok(sheet)
}

/// Checks delimited text, in the blocks [`read_text_blocks`] reads, to be
/// read row by row, counting the number format's votes in the columns
/// `voters` names, warning when it mixed two encodings.
pub fn parse_text_table(
    source: &str,
    blocks: Vec<String>,
    mixed: bool,
    voters: Voters,
) -> Result<TextTable, Diagnostic> {
    let mut table = TextTable::parse_blocks(source, blocks, text_table::PIECE_ROWS, voters)?;
    table.diagnostics.extend(mixed.then(|| mixed_encodings(source)));
    Ok(table)
}

fn mixed_encodings(source: &str) -> Diagnostic {
    Diagnostic::warning(
        source,
        None,
        "the file is UTF-8 with some Windows-1252 characters (as when a program saves part of it in another encoding); each part was read in its own encoding: check accented names, and save the file in one encoding",
    )
}

/// A table file read as [`read_sheet`] reads it, a text one kept as text to
/// be read row by row ([`TextTable`]): what large files are read with.
pub enum TableFile {
    Text(TextTable),
    Sheet(Sheet),
}

impl TableFile {
    /// The table to read.
    pub fn table(&self) -> &dyn Table {
        match self {
            TableFile::Text(table) => table,
            TableFile::Sheet(sheet) => sheet,
        }
    }
}

/// Reads a table file like [`read_sheet`], without holding a delimited
/// text's cells: its rows are read from the text as they are asked for, the
/// number format's votes counted in the columns `voters` names.
pub fn read_table(path: &Path, sheet: SheetChoice, voters: Voters) -> Result<TableFile, Diagnostic> {
    if is_workbook(path) {
        return read_workbook(path, sheet).map(TableFile::Sheet);
    }
    if let Some(message) = unsupported_workbook(path) {
        return Err(Diagnostic::error(path.display().to_string(), None, message));
    }
    let (blocks, mixed) = read_text_blocks(path)?;
    parse_text_table(&path.display().to_string(), blocks, mixed, voters).map(TableFile::Text)
}

/// Reads a table file: a workbook (`.xlsx`, `.ods`: the sheet `sheet` names,
/// else the first), or delimited text (CSV, semicolon or tab separated).
pub fn read_sheet(path: &Path, sheet: SheetChoice) -> Result<Sheet, Diagnostic> {
    if is_workbook(path) {
        return read_workbook(path, sheet);
    }
    if let Some(message) = unsupported_workbook(path) {
        return Err(Diagnostic::error(path.display().to_string(), None, message));
    }
    let (text, mixed) = read_text_reporting(path)?;
    parse_text(&path.display().to_string(), &text, mixed)
}
