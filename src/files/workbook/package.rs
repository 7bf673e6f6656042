//! A workbook is a zip of XML parts. Before any part is parsed for cells,
//! each is decompressed within a bound and checked to be well formed XML,
//! with every cell reference inside a sheet's limits: a broken or hostile
//! part is refused with a message instead of being handed to a reader that
//! could loop at its end or allocate by its farthest cell.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::files::limits::{read_bounded, size, Bounded, MAX_COLUMNS, MAX_PARTS_BYTES, MAX_PART_BYTES, MAX_ROWS};

/// The zip archive of a workbook held in memory.
pub type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Opens the archive, or says why the bytes are not a workbook.
pub fn open(bytes: &[u8]) -> Result<Archive<'_>, String> {
    zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("cannot read the workbook: it is not a valid .xlsx or .ods file ({e})"))
}

/// Decompresses the part at `index`, refusing one larger than
/// [`MAX_PART_BYTES`]; `budget` is what is left of [`MAX_PARTS_BYTES`].
/// With `only_xml`, a part whose first bytes are not XML is skipped (`None`).
fn part_at(
    archive: &mut Archive,
    index: usize,
    budget: &mut u64,
    only_xml: bool,
) -> Result<Option<(String, Vec<u8>)>, String> {
    let mut entry = archive.by_index(index).map_err(|e| format!("cannot read the workbook: {e}"))?;
    let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("number {}", index + 1));
    let unreadable = |e: std::io::Error| format!("cannot read the workbook's part {name}: {e}");
    let mut head = Vec::new();
    (&mut entry).take(64).read_to_end(&mut head).map_err(unreadable)?;
    if only_xml && !looks_like_xml(&head) {
        return Ok(None);
    }
    let limit = MAX_PART_BYTES.min(*budget);
    let rest = read_bounded(entry, limit.saturating_sub(head.len() as u64)).map_err(|e| match e {
        Bounded::TooLarge if limit < MAX_PART_BYTES => format!(
            "the workbook's parts are larger than {} once decompressed, the most kpi reads: check that this is the file meant",
            size(MAX_PARTS_BYTES)
        ),
        Bounded::TooLarge => format!(
            "the workbook's part {name} is larger than {} once decompressed, the most kpi reads: check that this is the file meant",
            size(MAX_PART_BYTES)
        ),
        Bounded::Io(e) => unreadable(e),
    })?;
    head.extend_from_slice(&rest);
    *budget = budget.saturating_sub(head.len() as u64);
    Ok(Some((name, head)))
}

/// XML begins with `<`, after a byte-order mark and blanks.
fn looks_like_xml(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// Decompresses the part named `name`, checked as [`check_xml`] does.
pub fn xml_part(archive: &mut Archive, name: &str, budget: &mut u64) -> Result<Option<Vec<u8>>, String> {
    let Some(index) = archive.index_for_name(name) else { return Ok(None) };
    let Some((name, bytes)) = part_at(archive, index, budget, false)? else { return Ok(None) };
    check_xml(&name, &bytes)?;
    Ok(Some(bytes))
}

/// Checks every XML part of the archive, whatever its name says: within the
/// size limits, well formed, cell references within a sheet.
pub fn check_all_xml(archive: &mut Archive) -> Result<(), String> {
    let mut budget = MAX_PARTS_BYTES;
    for index in 0..archive.len() {
        if let Some((name, bytes)) = part_at(archive, index, &mut budget, true)? {
            check_xml(&name, &bytes)?;
        }
    }
    Ok(())
}

/// Refuses a part that is not well formed XML (an element never closed, as
/// in a file cut short, or closed by another name), or that names a cell
/// past the last one a sheet has.
pub fn check_xml(name: &str, bytes: &[u8]) -> Result<(), String> {
    let broken = |why: String| {
        format!("the workbook's part {name} is broken ({why}): open the file in the spreadsheet and save it again")
    };
    let mut xml = Reader::from_reader(bytes);
    xml.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let event =
            xml.read_event_into(&mut buf).map_err(|e| broken(format!("{e} at byte {}", xml.error_position())))?;
        match &event {
            Event::Start(e) => {
                roots += usize::from(depth == 0);
                depth += 1;
                check_references(e).map_err(broken)?;
                check_counts(e, bytes.len()).map_err(broken)?;
            }
            Event::Empty(e) => {
                roots += usize::from(depth == 0);
                check_references(e).map_err(broken)?;
                check_counts(e, bytes.len()).map_err(broken)?;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if depth > 0 => return Err(broken("it ends before its elements are closed".into())),
            Event::Eof if roots == 0 => return Err(broken("it has no content".into())),
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The cell references of a sheet's part (`<c r="B7">`, `<row r="7">`,
/// `<dimension ref="A1:F30">`, a shared formula's `ref`) must name cells
/// within the sheet.
fn check_references(e: &BytesStart) -> Result<(), String> {
    let attribute = match e.local_name().as_ref() {
        "c" | "row" => "r",
        "dimension" | "f" | "mergeCell" => "ref",
        _ => return Ok(()),
    };
    for a in e.attributes().flatten() {
        if a.key.local_name().as_ref() == attribute {
            let mut corners = a.value.split(':');
            let first = corners.next().unwrap_or_default();
            check_reference(first.as_bytes())?;
            if let Some(last) = corners.next() {
                check_reference(last.as_bytes())?;
                let (start, end) = (position(first.as_bytes()), position(last.as_bytes()));
                if end.0 < start.0 || end.1 < start.1 {
                    return Err(format!("its range {} runs backwards", crate::visible::excerpt(&a.value)));
                }
            }
        }
    }
    Ok(())
}

/// A count a reader sizes its tables by (`<sst uniqueCount="…">`, the
/// shared strings) can be no larger than the part holding what it counts.
fn check_counts(e: &BytesStart, part_bytes: usize) -> Result<(), String> {
    if e.local_name().as_ref() != "sst" {
        return Ok(());
    }
    for a in e.attributes().flatten() {
        if matches!(a.key.local_name().as_ref(), "count" | "uniqueCount") {
            let n: u64 = a.value.trim().parse().unwrap_or(u64::MAX);
            if n > part_bytes as u64 {
                return Err(format!("it counts {} strings in {part_bytes} bytes", crate::visible::excerpt(&a.value)));
            }
        }
    }
    Ok(())
}

/// (column, row) of a reference, both from 1, saturating.
fn position(reference: &[u8]) -> (u64, u64) {
    let letters = reference.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (column, row) = reference.split_at(letters);
    let column = column
        .iter()
        .fold(0u64, |n, b| n.saturating_mul(26).saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1)));
    let row = row
        .iter()
        .filter(|b| b.is_ascii_digit())
        .fold(0u64, |n, b| n.saturating_mul(10).saturating_add(u64::from(b - b'0')));
    (column, row)
}

/// `XFD1048576` is the last cell; `XFE1`, `A1048577` or `ZZZZZZZZ35` are none.
pub fn check_reference(reference: &[u8]) -> Result<(), String> {
    let (column_number, row_number) = position(reference);
    if column_number > u64::from(MAX_COLUMNS) || row_number > u64::from(MAX_ROWS) {
        let shown = String::from_utf8_lossy(reference);
        return Err(format!(
            "it names `{}`, past the last cell a sheet has, XFD1048576",
            crate::visible::excerpt(&shown)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_past_the_last_cell_are_refused() {
        assert!(check_reference(b"XFD1048576").is_ok());
        assert!(check_reference(b"A1").is_ok());
        assert!(check_reference(b"7").is_ok());
        assert!(check_reference(b"XFE1").is_err());
        assert!(check_reference(b"A1048577").is_err());
        assert!(check_reference(b"A5000000000").is_err());
        assert!(check_reference(b"ZZZZZZZZ35").unwrap_err().contains("ZZZZZZZZ35"));
        assert!(check_reference(b"ZZZZ35").is_err());
    }

    #[test]
    fn a_part_cut_short_is_refused() {
        assert!(check_xml("content.xml", b"<a><b/></a>").is_ok());
        let cut = check_xml("content.xml", b"<a><table:table><b/>").unwrap_err();
        assert!(cut.contains("content.xml") && cut.contains("ends before"), "{cut}");
        assert!(check_xml("x.xml", b"<a></b>").is_err());
        assert!(check_xml("x.xml", b"").is_err());
        assert!(check_xml("x.xml", br#"<sheetData><row r="1"><c r="XFD1048577"/></row></sheetData>"#).is_err());
        // calamine reserves room for uniqueCount strings before reading one.
        assert!(check_xml("s.xml", br#"<sst uniqueCount="4294967296"><si><t>a</t></si></sst>"#).is_err());
        assert!(check_xml("s.xml", br#"<sst count="2" uniqueCount="1"><si><t>a</t></si></sst>"#).is_ok());
    }
}
