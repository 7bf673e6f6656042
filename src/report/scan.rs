//! Whether a cell or a name holds a byte that must be escaped or quoted,
//! looked at eight bytes at a time: the JSON and CSV of a national plan look
//! at every name, code and note of a million nodes this way, and nearly none
//! holds one.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// True when any byte of `bytes` is below `below` or one of `these`.
pub fn any_byte(bytes: &[u8], below: u8, these: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        let x = u64::from_le_bytes(eight);
        // A byte below `below` (at most 128) sets its high bit in `x - below` and not in `x`;
        // a byte equal to `b` is a zero byte of `x ^ b…`, found the same way with 1.
        let mut found = x.wrapping_sub(ONES * u64::from(below)) & !x;
        for &b in these {
            let equal = x ^ (ONES * u64::from(b));
            found |= equal.wrapping_sub(ONES) & !equal;
        }
        if found & HIGHS != 0 {
            return true;
        }
    }
    words.remainder().iter().any(|b| *b < below || these.contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same question asked byte by byte.
    fn one_by_one(bytes: &[u8], below: u8, these: &[u8]) -> bool {
        bytes.iter().any(|b| *b < below || these.contains(b))
    }

    #[test]
    fn every_byte_at_every_place_is_found_as_byte_by_byte() {
        // Each of the 256 bytes alone in a text of plain letters of 0 to 24 bytes, at each place,
        // and beside bytes just above the limit and with the high bit set (é is 0xc3 0xa9).
        for (below, these) in [(0x20u8, &b"\"\\"[..]), (0u8, &b",\"\n\r"[..]), (0u8, &b";\t\"\n\r"[..])] {
            for len in 0..25 {
                for at in 0..len {
                    for byte in 0..=255u8 {
                        for filler in [b'a', 0x20, 0xc3, 0x7f, 0xff] {
                            let mut text = vec![filler; len];
                            text[at] = byte;
                            assert_eq!(
                                any_byte(&text, below, these),
                                one_by_one(&text, below, these),
                                "{text:?} below {below} or {these:?}"
                            );
                        }
                    }
                }
                let plain = vec![b'a'; len];
                assert!(!any_byte(&plain, below, these));
            }
        }
    }
}
