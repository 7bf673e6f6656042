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
    fn a_utf8_file_with_a_few_windows_1252_bytes_reads_both_right() {
        // `Capacità` in UTF-8, then `perché` as Excel saves it in Windows-1252.
        let mut bytes = "Capacità;".as_bytes().to_vec();
        bytes.extend_from_slice(b"perch\xe9");
        assert_eq!(decode_reporting(&bytes), ("Capacità;perché".to_string(), true));
    }
}
