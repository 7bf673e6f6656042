//! OpenDocument spreadsheets (`.ods`): the cells of one sheet, read straight
//! from `content.xml` once it is known to be well formed, repeated rows and
//! columns expanded only where they hold a value, and each cell typed as
//! LibreOffice stores it (`office:value-type`: a `percentage` is a percent).

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{choose_sheet, package, Cells, SheetChoice};
use crate::diagnostic::Diagnostic;
use crate::files::limits::{too_large_cell, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS};
use crate::files::sheet::Sheet;

/// Reads the sheet `choice` names from the spreadsheet's bytes; `file` names it in messages.
pub fn read(file: &str, bytes: &[u8], choice: SheetChoice) -> Result<Sheet, Diagnostic> {
    let refuse = |message: String| Diagnostic::error(file, None, message);
    let mut archive = package::open(bytes).map_err(refuse)?;
    let mut budget = crate::files::limits::MAX_PARTS_BYTES;
    let content = package::xml_part(&mut archive, "content.xml", &mut budget)
        .map_err(refuse)?
        .ok_or_else(|| refuse("the file has no content.xml: it is not an OpenDocument spreadsheet".into()))?;
    let names = sheet_names(&content).map_err(refuse)?;
    let name = choose_sheet(file, &names, choice)?;
    let source = format!("{file}[{name}]");
    let mut cells = Cells::new(&source);
    read_sheet(&content, &name, &mut cells)?;
    cells.into_sheet()
}

fn broken(e: impl std::fmt::Display) -> String {
    format!("the spreadsheet's content.xml is broken ({e}): open the file in the spreadsheet and save it again")
}

fn attribute(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    match e.try_get_attribute(name).map_err(broken)? {
        Some(a) => Ok(Some(a.normalized_value(XmlVersion::Implicit1_0).map_err(broken)?.into_owned())),
        None => Ok(None),
    }
}

fn repeats(e: &BytesStart, name: &str) -> Result<u64, String> {
    Ok(attribute(e, name)?.and_then(|v| v.trim().parse().ok()).unwrap_or(1).max(1))
}

/// The names of the sheets, in order (tables nested in a cell are none).
fn sheet_names(content: &[u8]) -> Result<Vec<String>, String> {
    let mut xml = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut names = Vec::new();
    let mut depth = 0usize;
    loop {
        match xml.read_event_into(&mut buf).map_err(broken)? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                if depth == 0 {
                    names.push(attribute(&e, "table:name")?.unwrap_or_default());
                }
                depth += 1;
            }
            Event::Empty(e) if e.name().as_ref() == "table:table" && depth == 0 => {
                names.push(attribute(&e, "table:name")?.unwrap_or_default());
            }
            Event::End(e) if e.name().as_ref() == "table:table" => depth = depth.saturating_sub(1),
            Event::Eof => return Ok(names),
            _ => {}
        }
        buf.clear();
    }
}

/// One cell's value as its attributes and text give it.
struct CellValue {
    data: calamine::Data,
    percent: bool,
    /// The error the cell shows (`#DIV/0!`), when it holds one.
    error: bool,
}

/// Reads the cells of the sheet `name` into `cells`.
fn read_sheet(content: &[u8], name: &str, cells: &mut Cells) -> Result<(), Diagnostic> {
    let mut xml = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut in_sheet = false;
    // Tables nested in a cell have rows of their own: they are skipped.
    let mut nested = 0usize;
    let (mut row, mut col, mut row_repeats) = (0u64, 0u64, 1u64);
    // The filled cells of the current row: (column, value, columns repeated).
    let mut row_cells: Vec<(u64, CellValue, u64)> = Vec::new();
    let source = cells.source;
    let refuse = |message: String| Diagnostic::error(source, None, message);
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| refuse(broken(e)))?;
        let (e, empty) = match &event {
            Event::Start(e) => (e.to_owned(), false),
            Event::Empty(e) => (e.to_owned(), true),
            Event::End(e) if in_sheet => {
                match e.name().as_ref() {
                    "table:table" if nested == 0 => return Ok(()),
                    "table:table" => nested -= 1,
                    "table:table-row" if nested == 0 => {
                        flush_row(cells, row, row_repeats, &mut row_cells)?;
                        row = row.saturating_add(row_repeats);
                    }
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Event::Eof => return Ok(()),
            _ => {
                buf.clear();
                continue;
            }
        };
        buf.clear();
        match e.name().as_ref() {
            "table:table" if in_sheet => nested += usize::from(!empty),
            "table:table" => {
                let this = attribute(&e, "table:name").map_err(refuse)?.as_deref() == Some(name);
                if this && empty {
                    return Ok(());
                }
                in_sheet = this;
            }
            "table:table-row" if in_sheet && nested == 0 => {
                row_repeats = repeats(&e, "table:number-rows-repeated").map_err(refuse)?;
                col = 0;
                row_cells.clear();
                if empty {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if in_sheet && nested == 0 => {
                let columns = repeats(&e, "table:number-columns-repeated").map_err(refuse)?;
                let at = |col: u64| (row.min(u64::from(MAX_ROWS)) as u32, col.min(u64::from(MAX_COLUMNS)) as u32);
                let value = cell_value(&mut xml, &e, empty).map_err(|m| {
                    let (r, c) = at(col);
                    match m {
                        CellProblem::Broken(m) => refuse(m),
                        CellProblem::TooLarge => {
                            cells.error(r, too_large_cell(&super::cell_name(c as usize, r as usize + 1)))
                        }
                    }
                })?;
                if let Some(value) = value {
                    row_cells.push((col, value, columns));
                }
                col = col.saturating_add(columns);
            }
            _ => {}
        }
    }
}

/// Keeps the filled cells of a row, once for each time the row repeats.
fn flush_row(
    cells: &mut Cells,
    row: u64,
    repeats: u64,
    row_cells: &mut Vec<(u64, CellValue, u64)>,
) -> Result<(), Diagnostic> {
    if row_cells.is_empty() {
        return Ok(());
    }
    for r in 0..repeats {
        for (col, value, columns) in row_cells.iter() {
            for c in 0..*columns {
                // Past the sheet's limits, `push` refuses: u32::MAX is past them.
                let at = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                let (row, col) = (at(row.saturating_add(r)), at(col.saturating_add(c)));
                if value.error {
                    let calamine::Data::String(shown) = &value.data else { continue };
                    return Err(cells.refuse_error(row, col, shown));
                }
                cells.push(row, col, &value.data, value.percent)?;
            }
        }
    }
    row_cells.clear();
    Ok(())
}

enum CellProblem {
    Broken(String),
    TooLarge,
}

/// The value of the cell element `e` (its text read when it has one), or
/// `None` for an empty cell.
fn cell_value(xml: &mut Reader<&[u8]>, e: &BytesStart, empty: bool) -> Result<Option<CellValue>, CellProblem> {
    use calamine::Data;
    let get = |name: &str| attribute(e, name).map_err(CellProblem::Broken);
    let value_type = get("office:value-type")?;
    let error = get("calcext:value-type")?.as_deref() == Some("error");
    let text = if empty { String::new() } else { cell_text(xml)? };
    let percent = value_type.as_deref() == Some("percentage");
    let data = if error {
        Data::String(text)
    } else if let Some(value) = get("office:value")? {
        match value.trim().parse::<f64>() {
            Ok(f) => Data::Float(f),
            Err(_) => {
                return Err(CellProblem::Broken(broken(format!(
                    "a cell's value `{}` is not a number",
                    crate::visible::excerpt(&value)
                ))))
            }
        }
    } else if let Some(date) = get("office:date-value")? {
        Data::DateTimeIso(date)
    } else if let Some(time) = get("office:time-value")? {
        Data::DurationIso(time)
    } else if let Some(b) = get("office:boolean-value")? {
        Data::Bool(b == "true" || b == "TRUE")
    } else if let Some(s) = get("office:string-value")? {
        Data::String(s)
    } else if value_type.as_deref() == Some("string") {
        Data::String(text)
    } else {
        return Ok(None);
    };
    Ok(Some(CellValue { data, percent, error }))
}

/// The text of a cell, up to its end: paragraphs on lines of their own,
/// `text:s` spaces, tabs and line breaks as LibreOffice shows them, notes
/// (`office:annotation`) left out.
fn cell_text(xml: &mut Reader<&[u8]>) -> Result<String, CellProblem> {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut push = |text: &mut String, s: &str| {
        chars += s.chars().count();
        text.push_str(s);
        if chars > MAX_CELL_CHARS {
            Err(CellProblem::TooLarge)
        } else {
            Ok(())
        }
    };
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut annotation = 0usize;
    let mut paragraphs = 0usize;
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| CellProblem::Broken(broken(e)))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let is_start = matches!(event, Event::Start(_));
                let name = e.name();
                if annotation > 0 || name.as_ref() == "office:annotation" {
                    annotation += usize::from(is_start);
                } else {
                    match name.as_ref() {
                        "text:p" | "text:h" => {
                            if paragraphs > 0 {
                                push(&mut text, "\n")?;
                            }
                            paragraphs += 1;
                        }
                        "text:s" => {
                            let n = attribute(e, "text:c")
                                .map_err(CellProblem::Broken)?
                                .and_then(|c| c.trim().parse::<usize>().ok())
                                .unwrap_or(1);
                            if n > MAX_CELL_CHARS {
                                return Err(CellProblem::TooLarge);
                            }
                            push(&mut text, &" ".repeat(n))?;
                        }
                        "text:tab" => push(&mut text, "\t")?,
                        "text:line-break" => push(&mut text, "\n")?,
                        _ => {}
                    }
                }
                if is_start {
                    depth += 1;
                }
            }
            Event::End(_) => {
                if depth == 0 {
                    return Ok(text);
                }
                depth -= 1;
                annotation = annotation.saturating_sub(1);
            }
            Event::Text(t) if annotation == 0 => push(&mut text, &t.xml10_content())?,
            Event::CData(t) if annotation == 0 => push(&mut text, &t.xml10_content())?,
            Event::GeneralRef(r) if annotation == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_xml_entity(&r.xml10_content()).unwrap_or_default().to_string(),
                };
                push(&mut text, &resolved)?;
            }
            Event::Eof => return Err(CellProblem::Broken(broken("it ends inside a cell"))),
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_xml(xml: &str, sheet: &str) -> Result<Sheet, Diagnostic> {
        let mut cells = Cells::new("t.ods");
        read_sheet(xml.as_bytes(), sheet, &mut cells)?;
        cells.into_sheet()
    }

    #[test]
    fn cells_are_found_where_the_spreadsheet_puts_them() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="Other"><table:table-row><table:table-cell office:value-type="percentage" office:value="0.5"/></table:table-row></table:table>
            <table:table table:name="Dati &amp; note">
              <table:table-row><table:table-cell office:value-type="string"><text:p>peso</text:p></table:table-cell></table:table-row>
              <table:table-row table:number-rows-repeated="2"/>
              <table:table-row>
                <table:table-cell table:number-columns-repeated="2"/>
                <table:table-cell office:value-type="float" office:value="3"/>
                <table:table-cell office:value-type="percentage" office:value="0.1467"><text:p>14,67%</text:p></table:table-cell>
              </table:table-row>
              <table:table-row table:number-rows-repeated="2">
                <table:covered-table-cell/>
                <table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>a<text:s text:c="2"/>b &amp; c</text:p><text:p>d</text:p><office:annotation><text:p>nota</text:p></office:annotation></table:table-cell>
              </table:table-row>
              <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table>
          </office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(sheet_names(xml.as_bytes()).unwrap(), ["Other", "Dati & note"]);
        let sheet = read_xml(xml, "Dati & note").unwrap();
        assert_eq!(sheet.headers, ["peso"]);
        // Row 4 (line 4): C4 = 3, D4 = 14.67 %; rows 5 and 6: B and C hold the text.
        assert_eq!(sheet.rows.len(), 3);
        assert_eq!(sheet.rows[0].line, 4);
        assert_eq!(sheet.rows[0].cells, ["", "", "3", "14.67%"]);
        assert!(sheet.typed[&(0, 3)].percent);
        assert!(!sheet.typed[&(0, 2)].percent);
        assert_eq!(sheet.rows[2].line, 6);
        assert_eq!(sheet.rows[2].cells, ["", "a  b & c\nd", "a  b & c\nd"]);
    }

    #[test]
    fn an_error_cell_is_refused_by_name() {
        let xml = r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
            <table:table-row><table:table-cell/><table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row></table:table>"#;
        let e = read_xml(xml, "S").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.ods:2: error: cell B2: the cell shows the error #DIV/0!: correct it in the spreadsheet"
        );
    }

    #[test]
    fn repeated_filled_cells_are_bounded() {
        let xml = r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>"#;
        let e = read_xml(xml, "S").unwrap_err();
        assert!(e.message.contains("more than 2 000 000 cells"), "{e}");
    }
}
