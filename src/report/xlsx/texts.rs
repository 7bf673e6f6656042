//! Lists of distinct texts, each numbered in the order it first came: a run's
//! own texts ([`Texts`], kept one after the other in one string, each with
//! its hash), and the workbook's shared strings ([`SharedStrings`]), which
//! number every text of the workbook in the order the cells hold them (sheet
//! by sheet, row by row), borrowing them from the runs and their hashes with
//! them, so that no text is copied or hashed twice.

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

#[derive(Default)]
pub struct Texts {
    /// The texts one after the other.
    text: String,
    /// Where each text ends in `text`.
    ends: Vec<usize>,
    hashes: Vec<u64>,
    table: HashTable<u32>,
    hasher: FixedState,
}

impl Texts {
    /// Room for about `texts` texts.
    pub fn with_capacity(texts: usize) -> Texts {
        Texts {
            text: String::with_capacity(texts * 16),
            ends: Vec::with_capacity(texts),
            hashes: Vec::with_capacity(texts),
            table: HashTable::with_capacity(texts),
            hasher: FixedState::default(),
        }
    }

    /// The text's number, given it if it is new.
    pub fn number(&mut self, text: &str) -> u32 {
        let hash = self.hasher.hash_one(text);
        if let Some(&number) = self.table.find(hash, |&n| self.get(n as usize) == text) {
            return number;
        }
        let number = self.ends.len() as u32;
        self.text.push_str(text);
        self.ends.push(self.text.len());
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table.insert_unique(hash, number, |&n| hashes[n as usize]);
        number
    }

    /// How many texts there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Text number `n`.
    pub fn get(&self, n: usize) -> &str {
        let start = n.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[n]]
    }

    /// Text number `n` and its hash, for [`SharedStrings::number`].
    pub fn with_hash(&self, n: usize) -> (&str, u64) {
        (self.get(n), self.hashes[n])
    }
}

/// The workbook's shared strings, borrowed from the runs' [`Texts`].
#[derive(Default)]
pub struct SharedStrings<'t> {
    texts: Vec<&'t str>,
    hashes: Vec<u64>,
    table: HashTable<u32>,
}

impl<'t> SharedStrings<'t> {
    /// Room for `texts` texts, so that the table never grows while they are numbered.
    pub fn with_capacity(texts: usize) -> Self {
        SharedStrings {
            texts: Vec::with_capacity(texts),
            hashes: Vec::with_capacity(texts),
            table: HashTable::with_capacity(texts),
        }
    }

    /// The number of a text with its hash (as [`Texts`] hashes it), given it if it is new.
    pub fn number(&mut self, text: &'t str, hash: u64) -> u32 {
        if let Some(&number) = self.table.find(hash, |&n| self.texts[n as usize] == text) {
            return number;
        }
        let number = self.texts.len() as u32;
        self.texts.push(text);
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table.insert_unique(hash, number, |&n| hashes[n as usize]);
        number
    }

    pub fn all(&self) -> &[&'t str] {
        &self.texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_numbered_in_the_order_they_first_come() {
        let mut texts = Texts::with_capacity(1);
        assert_eq!(texts.number("b"), 0);
        assert_eq!(texts.number("a"), 1);
        assert_eq!(texts.number("b"), 0);
        // Past the room asked for, and an empty text, which is a text like any other.
        assert_eq!(texts.number(""), 2);
        assert_eq!(texts.number("ccc"), 3);
        assert_eq!(texts.number("a"), 1);
        assert_eq!(texts.len(), 4);
        assert_eq!((0..4).map(|n| texts.get(n)).collect::<Vec<_>>(), ["b", "a", "", "ccc"]);

        // A second run's texts: those it shares with the first keep their numbers.
        let mut other = Texts::default();
        other.number("ccc");
        other.number("d");
        other.number("b");
        let mut shared = SharedStrings::default();
        for run in [&texts, &other] {
            for n in 0..run.len() {
                let (text, hash) = run.with_hash(n);
                shared.number(text, hash);
            }
        }
        assert_eq!(shared.all(), ["b", "a", "", "ccc", "d"]);
    }
}
