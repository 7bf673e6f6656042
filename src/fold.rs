//! Words compared whatever their case and spacing (`Obiettivo  Strategico`,
//! `GG lavorativi`), folded on the stack: the plan's level and unit cells
//! and every value's unit word come here, one per cell of a large file.

/// Writes `text`, which must be ASCII, into `out` as its words in lower
/// case, one space between them: words are split by whitespace and by any
/// byte of `also`. Returns the length written; `None` when it does not fit,
/// which callers size so that no word they know is longer.
pub fn fold_ascii(text: &str, also: &[u8], out: &mut [u8]) -> Option<usize> {
    debug_assert!(text.is_ascii());
    let mut len = 0;
    let separates = |c: char| c.is_whitespace() || (c.is_ascii() && also.contains(&(c as u8)));
    for word in text.split(separates).filter(|w| !w.is_empty()) {
        if len > 0 {
            *out.get_mut(len)? = b' ';
            len += 1;
        }
        let room = out.get_mut(len..len + word.len())?;
        room.copy_from_slice(word.as_bytes());
        room.make_ascii_lowercase();
        len += word.len();
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str, also: &[u8], room: usize) -> Option<String> {
        let mut out = vec![0u8; room];
        let len = fold_ascii(text, also, &mut out)?;
        Some(String::from_utf8(out[..len].to_vec()).unwrap())
    }

    #[test]
    fn words_are_lowered_and_spaced_once() {
        assert_eq!(folded("  GG \t lavorativi ", b"", 16).as_deref(), Some("gg lavorativi"));
        assert_eq!(folded("obiettivo_strategico", b"_-", 24).as_deref(), Some("obiettivo strategico"));
        assert_eq!(folded("Obiettivo--Operativo", b"_-", 24).as_deref(), Some("obiettivo operativo"));
        assert_eq!(folded("", b"", 4).as_deref(), Some(""));
        // `gg lavorativi` is 13 bytes: it does not fit in 12
        assert_eq!(folded("gg lavorativi", b"", 12), None);
    }
}
