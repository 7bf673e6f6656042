//! Sizes no real plan or actuals file comes near, so that a broken or hostile
//! file is answered quickly, within bounded memory, with a message naming the
//! limit (the README's "Limits" section lists them).

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;

/// A file read as text, or a workbook file: 256 MiB, more than twice the
/// national plan of a million indicators (the README's "Size and speed").
pub const MAX_FILE_BYTES: u64 = 256 << 20;
/// One line of a text file: 1 MiB.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// One cell: 32 767 characters, the most a spreadsheet cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;
/// The cells one workbook sheet keeps, counting the empty ones between
/// filled cells of a row: 2 000 000.
pub const MAX_SHEET_CELLS: usize = 2_000_000;
/// The cells of a text file, empty ones included: 40 000 000, near three
/// times a million indicators' actuals (a file of commas within the size
/// limit would otherwise hold 256 million).
pub const MAX_TEXT_CELLS: usize = 40_000_000;
/// Rows and columns of a workbook sheet, as Excel and LibreOffice count them
/// (the last cell is XFD1048576).
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 16_384;
/// One part of a workbook (a sheet, the shared strings, the styles) once
/// decompressed: 64 MiB; all the parts read: 256 MiB.
pub const MAX_PART_BYTES: u64 = 64 << 20;
pub const MAX_PARTS_BYTES: u64 = 256 << 20;

/// A size for messages: `64 MiB`, `1 MiB`.
pub fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// `32 767`: a count as the README writes it.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Reads a whole file, refusing one larger than [`MAX_FILE_BYTES`] without
/// reading past the limit (`/dev/zero` never ends).
pub fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let source = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::error(&source, None, format!("cannot read the file: {e}")))?;
    read_bounded(file, MAX_FILE_BYTES).map_err(|e| match e {
        Bounded::TooLarge => Diagnostic::error(&source, None, too_large_file()),
        Bounded::Io(e) => Diagnostic::error(&source, None, format!("cannot read the file: {e}")),
    })
}

/// About how much of a file [`read_file_in_blocks`] puts in one block.
pub const BLOCK_BYTES: usize = 2 << 20;

/// Reads a whole file like [`read_file`], in blocks of about
/// [`BLOCK_BYTES`], each but the last ending with a `\n`: a text read in
/// pieces lets each block go once its rows are read, instead of holding the
/// whole file until its last row (README, "The text in pieces").
pub fn read_file_in_blocks(path: &Path) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let source = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::error(&source, None, format!("cannot read the file: {e}")))?;
    read_blocks(file, MAX_FILE_BYTES, BLOCK_BYTES).map_err(|e| match e {
        Bounded::TooLarge => Diagnostic::error(&source, None, too_large_file()),
        Bounded::Io(e) => Diagnostic::error(&source, None, format!("cannot read the file: {e}")),
    })
}

/// Room for a block that is to hold about `bytes`: more than the system's
/// allocator (glibc's) ever keeps among its own, so that the block is
/// mapped by itself, whatever was freed before, and given back to the
/// system as soon as it is let go; the room it does not fill is given back
/// once it is read ([`Vec::shrink_to_fit`], which keeps it mapped). A block
/// as small as it is filled would, once other memory of that size had been
/// freed, be taken from the allocator's own memory, which it keeps: a file
/// read after the plan on one thread then held its blocks' memory to the end
/// (README, "The text in pieces").
fn new_block(bytes: usize) -> Vec<u8> {
    const MAPPED: usize = (32 << 20) + (64 << 10);
    Vec::with_capacity(bytes.max(MAPPED))
}

/// Lets a block of a text go, when no other piece reads it: emptied to a
/// byte first, so that the allocator (glibc's), which maps a block by
/// itself, gives it back without raising the size below which it keeps
/// freed memory among its own (freeing a mapped block of 2 MiB makes every
/// allocation up to 2 MiB afterwards come from memory it does not give back).
pub(crate) fn let_go(block: Arc<String>) {
    if let Some(mut text) = Arc::into_inner(block) {
        text.clear();
        text.shrink_to(1);
    }
}

/// Reads everything from `reader`, up to `limit` bytes, in blocks each of
/// `block` bytes more than it carries over from the block before, each but
/// the last ending with a `\n` (a line longer than a block makes its block
/// longer).
pub fn read_blocks(mut reader: impl Read, limit: u64, block: usize) -> Result<Vec<Vec<u8>>, Bounded> {
    let block = block.max(1);
    let mut blocks = Vec::new();
    let mut total: u64 = 0;
    let mut current = new_block(block);
    let mut full = block;
    loop {
        let room = full - current.len();
        current.reserve(room);
        (&mut reader).take(room as u64).read_to_end(&mut current).map_err(Bounded::Io)?;
        let read = current.len() + room - full;
        total += read as u64;
        if total > limit {
            return Err(Bounded::TooLarge);
        }
        if read < room {
            // The end of the file.
            current.shrink_to_fit();
            blocks.push(current);
            return Ok(blocks);
        }
        // The block is full: what follows its last line break starts the next
        // (what it held before this read has none).
        match memchr::memrchr(b'\n', &current[full - room..]).map(|at| full - room + at) {
            Some(end) => {
                let mut next = new_block(block);
                next.extend_from_slice(&current[end + 1..]);
                full = next.len() + block;
                current.truncate(end + 1);
                current.shrink_to_fit();
                blocks.push(std::mem::replace(&mut current, next));
            }
            None => full += block,
        }
    }
}

/// The message for a file over [`MAX_FILE_BYTES`].
pub fn too_large_file() -> String {
    format!(
        "the file is larger than {}, the most kpi reads (a plan or actuals file is far smaller): check that this is the file meant",
        size(MAX_FILE_BYTES)
    )
}

/// Why a bounded read stopped.
#[derive(Debug)]
pub enum Bounded {
    TooLarge,
    Io(std::io::Error),
}

/// Reads everything from `reader`, up to `limit` bytes.
pub fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, Bounded> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes).map_err(Bounded::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Bounded::TooLarge);
    }
    Ok(bytes)
}

/// The message for a cell over [`MAX_CELL_CHARS`].
pub fn too_large_cell(name: &str) -> String {
    format!(
        "{name} holds more than {} characters, the most a spreadsheet cell holds: shorten it",
        count(MAX_CELL_CHARS)
    )
}

/// The message for a sheet over its limit of cells ([`MAX_SHEET_CELLS`], [`MAX_TEXT_CELLS`]).
pub fn too_many_cells(limit: usize) -> String {
    format!(
        "the sheet has more than {} cells (counting the empty ones between filled cells of a row): a plan or actuals file has far fewer; delete the stray cells far from the table",
        count(limit)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_counts_read_as_in_the_readme() {
        assert_eq!(size(MAX_FILE_BYTES), "256 MiB");
        assert_eq!(count(MAX_TEXT_CELLS), "40 000 000");
        assert_eq!(size(MAX_LINE_BYTES as u64), "1 MiB");
        assert_eq!(count(MAX_CELL_CHARS), "32 767");
        assert_eq!(count(MAX_SHEET_CELLS), "2 000 000");
        assert_eq!(count(999), "999");
    }

    #[test]
    fn blocks_end_with_a_line_break_and_hold_the_whole_text() {
        let text = b"ab\ncd\nefghij\nk\n\nlm";
        for size in 1..=text.len() + 1 {
            let blocks = read_blocks(&text[..], 100, size).unwrap();
            assert_eq!(blocks.concat(), text, "blocks of {size}");
            let (_, others) = blocks.split_last().unwrap();
            assert!(others.iter().all(|b| b.ends_with(b"\n")), "blocks of {size}");
        }
        // Blocks of 4 bytes: each full block is cut after its last line break, the
        // rest starting the next, which reads 4 bytes more; `efghij` is longer than
        // a block: its block reads 4 bytes more (`efghij\nk\n\n`), and is cut after its last `\n`.
        let blocks = read_blocks(&text[..], 100, 4).unwrap();
        let expected: [&[u8]; 4] = [b"ab\n", b"cd\n", b"efghij\nk\n\n", b"lm"];
        assert_eq!(blocks, expected);
        assert!(matches!(read_blocks(&text[..], 17, 4), Err(Bounded::TooLarge)));
        assert_eq!(read_blocks(&text[..], 18, 4).unwrap().concat(), text);
        assert!(matches!(read_blocks(std::io::repeat(b'\n'), 1000, 64), Err(Bounded::TooLarge)));
        assert!(matches!(read_blocks(std::io::repeat(0), 1000, 64), Err(Bounded::TooLarge)));
        assert_eq!(read_blocks(&b""[..], 10, 4).unwrap(), [b""]);
    }

    #[test]
    fn an_endless_source_stops_at_the_limit() {
        assert!(matches!(read_bounded(std::io::repeat(0), 1000), Err(Bounded::TooLarge)));
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
    }
}
