//! A list of distinct texts, each numbered in the order it first came: a run's
//! own texts, and the workbook's shared strings, which number every text of
//! the workbook in the order the cells hold them (sheet by sheet, row by row).

use std::hash::BuildHasher;

use foldhash::fast::FixedState;
use hashbrown::HashTable;

#[derive(Default)]
pub struct Texts {
    texts: Vec<Box<str>>,
    table: HashTable<u32>,
    hasher: FixedState,
}

impl Texts {
    /// The text's number, given it if it is new.
    pub fn number(&mut self, text: &str) -> u32 {
        let hash = self.hasher.hash_one(text);
        if let Some(&number) = self.table.find(hash, |&n| *self.texts[n as usize] == *text) {
            return number;
        }
        self.add(hash, text.into())
    }

    /// The text's number, given it (without a copy) if it is new.
    pub fn number_of_owned(&mut self, text: Box<str>) -> u32 {
        let hash = self.hasher.hash_one(&*text);
        if let Some(&number) = self.table.find(hash, |&n| self.texts[n as usize] == text) {
            return number;
        }
        self.add(hash, text)
    }

    fn add(&mut self, hash: u64, text: Box<str>) -> u32 {
        let number = self.texts.len() as u32;
        self.texts.push(text);
        let (texts, hasher) = (&self.texts, &self.hasher);
        self.table.insert_unique(hash, number, |&n| hasher.hash_one(&*texts[n as usize]));
        number
    }

    /// The texts in their order, taken out of the list.
    pub fn take(&mut self) -> Vec<Box<str>> {
        self.table.clear();
        std::mem::take(&mut self.texts)
    }

    pub fn all(&self) -> &[Box<str>] {
        &self.texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_numbered_in_the_order_they_first_come() {
        let mut texts = Texts::default();
        assert_eq!(texts.number("b"), 0);
        assert_eq!(texts.number("a"), 1);
        assert_eq!(texts.number("b"), 0);
        assert_eq!(texts.number_of_owned("c".into()), 2);
        assert_eq!(texts.number_of_owned("a".into()), 1);
        assert_eq!(&*texts.all()[2], "c");
        assert_eq!(texts.take(), ["b".into(), "a".into(), "c".into()] as [Box<str>; 3]);
    }
}
