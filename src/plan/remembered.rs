//! What distinct cell texts were read as: the cells of a large plan repeat
//! word for word (`[a] / [b]`, `>= 95%`, `1`, `80%`), so each distinct text
//! is parsed once. At most [`REMEMBERED`] texts of a kind are kept, so a plan
//! of all different cells costs no more memory than reading them (README,
//! "Reading the plan"). A cell that fails or is ambiguous is never kept: it is
//! reported at every row that has it.

use std::collections::HashMap;

use foldhash::fast::RandomState as FastHash;

/// How many distinct texts of a kind are kept.
pub(super) const REMEMBERED: usize = 4096;

/// What each remembered text was read as. Most cells are short (`1`,
/// `80%`, `>= 95%`): a text of up to [`SHORT`] bytes is kept as one number
/// holding its bytes and its length, so finding it hashes and compares two
/// words instead of a string; longer texts are kept as they are.
pub(super) struct Remembered<T> {
    short: HashMap<u128, T, FastHash>,
    long: HashMap<String, T, FastHash>,
}

/// The longest text kept as a number: its bytes fill the low fifteen bytes,
/// its length the top one, so no two texts give the same number.
const SHORT: usize = 15;

/// `text` as one number, when it is short enough.
fn packed(text: &str) -> Option<u128> {
    let bytes = text.as_bytes();
    if bytes.len() > SHORT {
        return None;
    }
    let key = bytes.iter().rev().fold(0u128, |key, &b| key << 8 | u128::from(b));
    Some(key | (bytes.len() as u128) << (8 * SHORT))
}

impl<T> Default for Remembered<T> {
    fn default() -> Self {
        Remembered { short: HashMap::default(), long: HashMap::default() }
    }
}

impl<T> Remembered<T> {
    pub(super) fn get(&self, text: &str) -> Option<&T> {
        match packed(text) {
            Some(key) => self.short.get(&key),
            None => self.long.get(text),
        }
    }

    /// Keeps what `text` was read as, unless [`REMEMBERED`] texts already
    /// are; tells whether it was kept.
    pub(super) fn keep(&mut self, text: &str, read: T) -> bool {
        if self.short.len() + self.long.len() >= REMEMBERED {
            return false;
        }
        match packed(text) {
            Some(key) => self.short.insert(key, read),
            None => self.long.insert(text.to_string(), read),
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_kept_up_to_the_limit() {
        let mut remembered = Remembered::default();
        for n in 0..REMEMBERED + 10 {
            remembered.keep(&n.to_string(), n);
        }
        // 0 to 4 095 are kept; 4 096 and after are read again each time.
        assert_eq!(remembered.get("4095"), Some(&4095));
        assert_eq!(remembered.get("4096"), None);
        assert_eq!(remembered.short.len(), REMEMBERED);
    }

    #[test]
    fn short_and_long_texts_are_told_apart_by_every_byte_and_their_length() {
        let mut remembered = Remembered::default();
        // 15 bytes is the longest kept as a number; 16 is kept as a string.
        let texts = ["", "\0", "\0\0", "1", "10", "01", "a\0", "123456789012345", "1234567890123456", "è", ">= 95%"];
        for (n, text) in texts.iter().enumerate() {
            remembered.keep(text, n);
        }
        for (n, text) in texts.iter().enumerate() {
            assert_eq!(remembered.get(text), Some(&n), "{text:?}");
        }
        assert_eq!((remembered.short.len(), remembered.long.len()), (10, 1));
        assert_eq!(remembered.get("12345678901234"), None);
        assert_eq!(remembered.get("12345678901234567"), None);
        assert_eq!(remembered.get("0"), None);
    }
}
