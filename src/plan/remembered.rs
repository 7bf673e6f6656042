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

/// What each remembered text was read as.
pub(super) struct Remembered<T> {
    texts: HashMap<String, T, FastHash>,
}

impl<T> Default for Remembered<T> {
    fn default() -> Self {
        Remembered { texts: HashMap::default() }
    }
}

impl<T> Remembered<T> {
    pub(super) fn get(&self, text: &str) -> Option<&T> {
        self.texts.get(text)
    }

    /// Keeps what `text` was read as, unless [`REMEMBERED`] texts already are.
    pub(super) fn keep(&mut self, text: &str, read: T) {
        if self.texts.len() < REMEMBERED {
            self.texts.insert(text.to_string(), read);
        }
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
        assert_eq!(remembered.texts.len(), REMEMBERED);
    }
}
