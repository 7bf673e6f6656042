//! The votes that decide a file's number format: the tokens of its cells
//! that only one format reads (README, "Values").

use crate::files::formula_guard::unguard;
use crate::files::scanner::Record;
use crate::value::{format_told_by, NumberFormat};

/// How many tokens of some cells only one number format reads: `61,4`
/// Italian, `61.4` English (README, "Values").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Told {
    italian: usize,
    english: usize,
}

impl Told {
    pub(super) fn count(&mut self, cell: &str) {
        // Without a `,` or a `.` both formats read a token alike: only the
        // tokens around each of them are looked at, not the whole cell.
        let breaks = |c: char| c.is_whitespace() || matches!(c, '<' | '>' | '=' | '≤' | '≥' | ':' | '(');
        let mut from = 0;
        while let Some(found) = memchr::memchr2(b',', b'.', &cell.as_bytes()[from..]) {
            let at = from + found;
            let start = cell[..at].char_indices().rev().find(|&(_, c)| breaks(c)).map_or(0, |(i, c)| i + c.len_utf8());
            let end = cell[at..].find(breaks).map_or(cell.len(), |i| at + i);
            match format_told_by(&cell[start..end]) {
                Some(NumberFormat::Italian) => self.italian += 1,
                Some(NumberFormat::English) => self.english += 1,
                None => {}
            }
            from = end;
        }
    }

    pub(super) fn add(&mut self, other: Told) {
        self.italian += other.italian;
        self.english += other.english;
    }

    /// The majority; a tie, or no such token, is decided by the delimiter:
    /// `;` Italian, anything else English.
    pub(super) fn decide(self, delimiter: Option<u8>) -> NumberFormat {
        match self.italian.cmp(&self.english) {
            std::cmp::Ordering::Greater => NumberFormat::Italian,
            std::cmp::Ordering::Less => NumberFormat::English,
            std::cmp::Ordering::Equal if delimiter == Some(b';') => NumberFormat::Italian,
            std::cmp::Ordering::Equal => NumberFormat::English,
        }
    }
}

/// Counts, column by column, what each cell of a record tells.
pub(super) fn count_separated(record: &Record, told: &mut [Told]) {
    for (cell, told) in record.iter().zip(told) {
        told.count(unguard(cell));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The votes as the cell's tokens give them one by one.
    fn by_tokens(cell: &str) -> Told {
        let mut told = Told::default();
        let tokens = cell.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '=' | '≤' | '≥' | ':' | '('));
        for token in tokens.filter(|t| t.contains([',', '.'])) {
            match format_told_by(token) {
                Some(NumberFormat::Italian) => told.italian += 1,
                Some(NumberFormat::English) => told.english += 1,
                None => {}
            }
        }
        told
    }

    #[test]
    fn each_token_that_only_one_format_reads_is_a_vote() {
        let mut told = Told::default();
        // `61,4` and `1.234,5` Italian, `61.4` English; `1.336` both, `K0.0.1` neither.
        told.count("61,4 <=61.4 (1.336) ≥1.234,5 K0.0.1");
        assert_eq!(told, Told { italian: 2, english: 1 });
    }

    proptest! {
        #[test]
        fn the_votes_are_those_of_every_token(cell in "[0-9,. <>=≤≥:(a\u{a0}\u{3000}é]{0,16}") {
            let mut told = Told::default();
            told.count(&cell);
            prop_assert_eq!(told, by_tokens(&cell));
        }
    }
}
