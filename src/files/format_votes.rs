//! The votes that decide a file's number format: the tokens of its cells
//! that only one format reads (README, "Values").

use crate::files::formula_guard::unguard;
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
/// ones [`Told::count`] counts): the record's text is searched once for them
/// instead of each cell byte by byte.
pub(super) fn count_separated(record: &csv::StringRecord, told: &mut [Told]) {
    let text = record.as_slice().as_bytes();
    let mut separators = memchr::memchr2_iter(b',', b'.', text);
    let Some(mut next) = separators.next() else { return };
    let mut end = 0;
    for (cell, told) in record.iter().zip(told) {
        end += cell.len();
        if next < end {
            told.count(unguard(cell));
            match separators.find(|&at| at >= end) {
                Some(at) => next = at,
                None => return,
            }
        }
    }
}
