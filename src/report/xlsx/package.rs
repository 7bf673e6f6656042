//! The workbook's zip. A large part (a sheet, the shared strings) is deflated
//! in pieces on several threads, by kpi's own encoder (`xlsx/deflate.rs`):
//! each piece ends on a byte with a sync flush,
//! so the pieces one after the other, closed by an empty final block, are one
//! deflate stream, and their CRCs combine into the part's. The small parts
//! (content types, relationships, the workbook, styles, theme, properties)
//! are rust_xlsxwriter's own, from a workbook with the same sheets and looks.

use std::cell::RefCell;
use std::io::{self, Read, Write};

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::deflate::Encoder;

/// A piece of a part, deflated.
pub struct Piece {
    deflated: Vec<u8>,
    crc: crc32fast::Hasher,
    size: u64,
}

/// Deflates a piece of a part (one of several, in order). Each thread keeps
/// its encoder from piece to piece, so that its tables are allocated and
/// first touched once.
pub fn deflate(bytes: &[u8]) -> io::Result<Piece> {
    thread_local! {
        static ENCODER: RefCell<Encoder> = RefCell::new(Encoder::default());
    }
    let mut deflated = Vec::with_capacity(bytes.len() / 4);
    ENCODER.with(|encoder| encoder.borrow_mut().deflate(bytes, &mut deflated));
    let mut crc = crc32fast::Hasher::new();
    crc.update(bytes);
    Ok(Piece { deflated, crc, size: bytes.len() as u64 })
}

/// A part of the package: its path and its pieces, deflated.
pub struct Part {
    pub name: String,
    pub pieces: Vec<Piece>,
}

/// An empty final block (fixed codes, the end of block alone): closes the stream.
const FINAL_BLOCK: [u8; 2] = [0x03, 0x00];

/// Files are dated as rust_xlsxwriter dates them: 1 January 1980, midnight (DOS time).
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// Made on Unix, version 2.0 of the format (deflate).
const MADE_BY: u16 = (3 << 8) | 20;
const NEEDED: u16 = 20;
/// A regular file, readable and writable by its owner.
const ATTRIBUTES: u32 = 0o100_600 << 16;

fn too_large() -> io::Error {
    io::Error::other(
        "the workbook would be over 4 GiB, more than a workbook holds: write it as CSV instead (--format csv)",
    )
}

/// Writes the parts as a zip, in order.
pub fn write_zip(parts: &[Part], out: &mut dyn Write) -> io::Result<()> {
    let mut offset: u64 = 0;
    let mut central = Vec::new();
    for part in parts {
        let mut crc = crc32fast::Hasher::new();
        for piece in &part.pieces {
            crc.combine(&piece.crc);
        }
        let crc = crc.finalize();
        let size: u64 = part.pieces.iter().map(|p| p.size).sum();
        let deflated: u64 = part.pieces.iter().map(|p| p.deflated.len() as u64).sum::<u64>() + FINAL_BLOCK.len() as u64;
        let small = |n: u64| u32::try_from(n).map_err(|_| too_large());
        let (size, deflated, at) = (small(size)?, small(deflated)?, small(offset)?);
        let name = part.name.as_bytes();
        let name_length = u16::try_from(name.len()).map_err(|_| too_large())?;
        let mut header = Vec::with_capacity(30 + name.len());
        header.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header.extend_from_slice(&NEEDED.to_le_bytes());
        common(&mut header, crc, deflated, size, name_length);
        header.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        header.extend_from_slice(name);
        out.write_all(&header)?;
        for piece in &part.pieces {
            out.write_all(&piece.deflated)?;
        }
        out.write_all(&FINAL_BLOCK)?;

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&MADE_BY.to_le_bytes());
        central.extend_from_slice(&NEEDED.to_le_bytes());
        common(&mut central, crc, deflated, size, name_length);
        // No extra field, no comment, disk 0, no internal attributes.
        central.extend_from_slice(&[0; 8]);
        central.extend_from_slice(&ATTRIBUTES.to_le_bytes());
        central.extend_from_slice(&at.to_le_bytes());
        central.extend_from_slice(name);
        offset += header.len() as u64 + u64::from(deflated);
    }
    let entries = u16::try_from(parts.len()).map_err(|_| too_large())?;
    let at = u32::try_from(offset).map_err(|_| too_large())?;
    let mut end = Vec::with_capacity(22);
    end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    end.extend_from_slice(&[0; 4]); // this disk, the disk where the directory starts
    end.extend_from_slice(&entries.to_le_bytes());
    end.extend_from_slice(&entries.to_le_bytes());
    let directory = u32::try_from(central.len()).map_err(|_| too_large())?;
    end.extend_from_slice(&directory.to_le_bytes());
    end.extend_from_slice(&at.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes()); // no comment
    out.write_all(&central)?;
    out.write_all(&end)
}

/// The fields the local header and the central directory share, from the flags on.
fn common(record: &mut Vec<u8>, crc: u32, deflated: u32, size: u32, name_length: u16) {
    record.extend_from_slice(&0u16.to_le_bytes()); // flags
    record.extend_from_slice(&8u16.to_le_bytes()); // deflate
    record.extend_from_slice(&DOS_TIME.to_le_bytes());
    record.extend_from_slice(&DOS_DATE.to_le_bytes());
    record.extend_from_slice(&crc.to_le_bytes());
    record.extend_from_slice(&deflated.to_le_bytes());
    record.extend_from_slice(&size.to_le_bytes());
    record.extend_from_slice(&name_length.to_le_bytes());
}

/// rust_xlsxwriter's parts of a workbook with these sheets and these looks
/// (in the order the sheets first use them), each path with its bytes: the
/// sheets and the shared strings are left for the caller to write.
pub fn library_parts(sheets: &[String], looks: &[&Format]) -> Result<Vec<(String, Vec<u8>)>, XlsxError> {
    let mut workbook = Workbook::new();
    // Read back and deflated again here: the library's quickest level.
    workbook.set_zip_compression_level(1);
    for (i, name) in sheets.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        if i == 0 {
            // A look's first use numbers it: a blank cell in each, in order.
            for (col, look) in looks.iter().enumerate() {
                let col = u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)?;
                sheet.write_blank(0, col, look)?;
            }
            // A text, so that the package lists the shared strings.
            sheet.write_string(1, 0, "-")?;
        }
    }
    let bytes = workbook.save_to_buffer()?;
    let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).map_err(|e| XlsxError::IoError(io::Error::other(e)))?;
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let unreadable = |e: zip::result::ZipError| XlsxError::IoError(io::Error::other(e));
        let mut file = zip.by_index(i).map_err(unreadable)?;
        let name = file.name().map_err(unreadable)?.into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content)?;
        parts.push((name, content));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_deflated_apart_read_back_as_one_part() {
        let text: Vec<u8> = (0..50_000u32).flat_map(|i| format!("<c r=\"A{i}\"><v>{i}</v></c>").into_bytes()).collect();
        let pieces = text.chunks(100_000).map(deflate).collect::<io::Result<Vec<_>>>().unwrap();
        assert!(pieces.len() > 5);
        let parts = [
            Part { name: "a.xml".into(), pieces },
            Part { name: "b/empty.xml".into(), pieces: vec![deflate(b"").unwrap()] },
        ];
        let mut out = Vec::new();
        write_zip(&parts, &mut out).unwrap();
        let mut zip = zip::ZipArchive::new(io::Cursor::new(out)).unwrap();
        let mut read = Vec::new();
        // The zip reader checks each part's CRC as it reads it to the end.
        zip.by_name("a.xml").unwrap().read_to_end(&mut read).unwrap();
        assert_eq!(read, text);
        read.clear();
        zip.by_name("b/empty.xml").unwrap().read_to_end(&mut read).unwrap();
        assert!(read.is_empty());
    }
}
