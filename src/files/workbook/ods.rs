//! What the OpenDocument reader does not tell: which cells of a sheet are
//! percentages (`office:value-type="percentage"`), so a cell showing
//! `20 %` reads as a percent, as it does in an `.xlsx`.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// At most this many cells are recorded: a guard against a row of
/// percentages repeated to the end of the sheet.
const MAX_CELLS: usize = 1 << 20;

/// The percent cells of the sheet named `sheet`, by absolute (row, column),
/// both counted from 0 as the workbook reader counts them.
pub fn percent_cells(path: &Path, sheet: &str) -> Result<HashSet<(u32, u32)>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    scan(BufReader::new(content), sheet)
}

fn attribute(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    match e.try_get_attribute(name).map_err(|e| e.to_string())? {
        Some(a) => Ok(Some(a.normalized_value(XmlVersion::Implicit1_0).map_err(|e| e.to_string())?.into_owned())),
        None => Ok(None),
    }
}

fn repeats(e: &BytesStart, name: &str) -> Result<u32, String> {
    Ok(attribute(e, name)?.and_then(|v| v.parse().ok()).unwrap_or(1).max(1))
}

fn scan(reader: impl BufRead, sheet: &str) -> Result<HashSet<(u32, u32)>, String> {
    let mut xml = Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut found = HashSet::new();
    let mut in_sheet = false;
    // Tables nested in a cell have rows of their own: they are skipped.
    let mut depth = 0usize;
    let (mut row, mut col, mut row_repeats) = (0u32, 0u32, 1u32);
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.name().as_ref() {
                    "table:table" if in_sheet && depth == 0 => break,
                    "table:table" if in_sheet => depth -= 1,
                    "table:table-row" if in_sheet && depth == 0 => row = row.saturating_add(row_repeats),
                    _ => {}
                }
                buf.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.name().as_ref() {
            "table:table" if in_sheet => depth += usize::from(!empty),
            "table:table" => in_sheet = !empty && attribute(e, "table:name")?.as_deref() == Some(sheet),
            "table:table-row" if in_sheet && depth == 0 => {
                row_repeats = repeats(e, "table:number-rows-repeated")?;
                col = 0;
                if empty {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if in_sheet && depth == 0 => {
                let columns = repeats(e, "table:number-columns-repeated")?;
                if attribute(e, "office:value-type")?.as_deref() == Some("percentage") {
                    'cells: for r in 0..row_repeats {
                        for c in 0..columns {
                            if found.len() >= MAX_CELLS {
                                break 'cells;
                            }
                            found.insert((row.saturating_add(r), col.saturating_add(c)));
                        }
                    }
                }
                col = col.saturating_add(columns);
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_cells_are_found_where_the_reader_puts_them() {
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
                <table:table-cell office:value-type="percentage" office:value="0.2" table:number-columns-repeated="2"/>
              </table:table-row>
            </table:table>
          </office:spreadsheet></office:body></office:document-content>"#;
        let found = scan(xml.as_bytes(), "Dati & note").unwrap();
        let mut found: Vec<_> = found.into_iter().collect();
        found.sort();
        assert_eq!(found, vec![(3, 3), (4, 1), (4, 2), (5, 1), (5, 2)]);
        assert!(scan(xml.as_bytes(), "Missing").unwrap().is_empty());
    }
}
