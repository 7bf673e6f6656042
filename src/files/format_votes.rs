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
        // Without a `,` or a `.` both formats read a token alike.
        let separated = |text: &str| text.bytes().any(|b| b == b',' || b == b'.');
        if !separated(cell) {
            return;
        }
        for token in cell.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '=' | '≤' | '≥' | ':' | '('))
        {
            if !separated(token) {
                continue;
            }
            match format_told_by(token) {
                Some(NumberFormat::Italian) => self.italian += 1,
                Some(NumberFormat::English) => self.english += 1,
                None => {}
            }
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

/// Counts, column by column, the cells that have a `,` or a `.` (the only
/// ones [`Told::count`] counts), each found by a search for the two bytes
/// before its tokens are looked at.
pub(super) fn count_separated(record: &Record, told: &mut [Told]) {
    for (cell, told) in record.iter().zip(told) {
        if memchr::memchr2(b',', b'.', cell.as_bytes()).is_some() {
            told.count(unguard(cell));
        }
    }
}
