//! A file's bytes as text: UTF-8 (a BOM is dropped) or Windows-1252, the
//! two encodings offices' files come in, and a UTF-8 file with a few
//! Windows-1252 bytes, each part read in its own encoding.

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

/// Decodes a file read in blocks, each but the last ending with a `\n` (see
/// [`crate::files::limits::read_blocks`]), as [`decode_owned`] decodes it
/// whole: when every block is UTF-8, as most files are, each becomes its
/// text without a copy (the first without its BOM); any other file is
/// decoded whole, one block. A `\n` is never part of a character in
/// either encoding, so a UTF-8 file's blocks are UTF-8 each.
pub fn decode_blocks(blocks: Vec<Vec<u8>>) -> (Vec<String>, bool) {
    let mut texts: Vec<String> = Vec::with_capacity(blocks.len());
    let mut mark = false;
    let mut blocks = blocks.into_iter();
    while let Some(mut block) = blocks.next() {
        if texts.is_empty() && block.starts_with(b"\xEF\xBB\xBF") {
            block.drain(..3);
            mark = true;
        }
        match String::from_utf8(block) {
            Ok(text) => texts.push(text),
            Err(e) => {
                let mut whole = Vec::new();
                if mark {
                    whole.extend_from_slice(b"\xEF\xBB\xBF");
                }
                for text in texts {
                    whole.extend_from_slice(text.as_bytes());
                }
                whole.extend_from_slice(e.as_bytes());
                for block in blocks {
                    whole.extend_from_slice(&block);
                }
                let (text, mixed) = decode_owned(whole);
                return (vec![text], mixed);
            }
        }
    }
    (texts, false)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_decoded() {
        assert_eq!(decode(b"Unit\xe0"), "Unità");
        assert_eq!(decode("\u{feff}Unità".as_bytes()), "Unità");
        assert_eq!(decode_reporting(b"Unit\xe0"), ("Unità".to_string(), false));
    }

    #[test]
    fn blocks_decode_as_the_whole_file() {
        let utf8 = "\u{feff}Unità;x\n\u{feff}b;perché\nc".as_bytes();
        let mut mixed = "Capacità;\n".as_bytes().to_vec();
        mixed.extend_from_slice(b"perch\xe9\nx\n");
        let windows = b"Unit\xe0\n\xc3\n\xe9t\xe9".to_vec();
        // A UTF-8 sequence after the last Windows-1252 byte does not make a file mixed.
        let mut late = b"Unit\xe0\n".to_vec();
        late.extend_from_slice("perché\n".as_bytes());
        for bytes in [utf8.to_vec(), mixed, windows, late, b"\xEF\xBB\xBF\xEF\xBB\xBFa\n".to_vec(), Vec::new()] {
            let whole = decode_owned(bytes.clone());
            for size in [1, 2, 3, 5, 8, 100] {
                let blocks = crate::files::limits::read_blocks(&bytes[..], 1000, size).unwrap();
                let (texts, mixed) = decode_blocks(blocks);
                assert_eq!((texts.concat(), mixed), whole, "{bytes:?} in blocks of {size}");
            }
        }
        // UTF-8 keeps its blocks, the first without its mark.
        let (texts, _) = decode_blocks(vec![b"\xEF\xBB\xBFa\n".to_vec(), b"b".to_vec()]);
        assert_eq!(texts, ["a\n", "b"]);
    }

    #[test]
    fn a_utf8_file_with_a_few_windows_1252_bytes_reads_both_right() {
        // `Capacità` in UTF-8, then `perché` as Excel saves it in Windows-1252.
        let mut bytes = "Capacità;".as_bytes().to_vec();
        bytes.extend_from_slice(b"perch\xe9");
        assert_eq!(decode_reporting(&bytes), ("Capacità;perché".to_string(), true));
    }
}
