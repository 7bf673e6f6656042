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
        // tokens around each of them are looked at, not the whole cell. A
        // short cell (a value, most of them) is looked at byte by byte,
        // which costs less than starting a search.
        let bytes = cell.as_bytes();
        let first = if bytes.len() <= 16 {
            bytes.iter().position(|&b| b == b',' || b == b'.')
        } else {
            memchr::memchr2(b',', b'.', bytes)
        };
        if let Some(at) = first {
            self.count_from(cell, at);
        }
    }

    /// [`Told::count`], given the cell's first `,` or `.`.
    fn count_from(&mut self, cell: &str, mut at: usize) {
        loop {
            let (start, end) = (token_start(cell, at), token_end(cell, at));
            let token = &cell[start..end];
            // A token starting with a letter (a code, `K0.0.1`) is no number: neither format reads it.
            let letter = token.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
            match if letter { None } else { format_told_by(token) } {
                Some(NumberFormat::Italian) => self.italian += 1,
                Some(NumberFormat::English) => self.english += 1,
                None => {}
            }
            match cell.as_bytes().get(end..).and_then(|rest| memchr::memchr2(b',', b'.', rest)) {
                Some(i) => at = end + i,
                None => return,
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

/// What ends a token: a space of any kind, or a comparison's sign.
fn breaks(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '=' | '≤' | '≥' | ':' | '(')
}

/// [`breaks`] for an ASCII byte (`\x0b` is a space too, as `char` sees it).
fn ascii_breaks(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b'<' | b'>' | b'=' | b':' | b'(')
}

/// Where the token holding byte `at` starts: after the break before it, looked
/// for byte by byte while the bytes are ASCII.
fn token_start(cell: &str, at: usize) -> usize {
    let bytes = cell.as_bytes();
    let mut i = at;
    while i > 0 {
        match bytes[i - 1] {
            b if b >= 0x80 => {
                // `i` follows a character's last byte: the rest is looked for by character.
                return cell[..i].char_indices().rev().find(|&(_, c)| breaks(c)).map_or(0, |(j, c)| j + c.len_utf8());
            }
            b if ascii_breaks(b) => return i,
            _ => i -= 1,
        }
    }
    0
}

/// Where the token holding byte `at`, an ASCII one, ends: at the break after it.
fn token_end(cell: &str, at: usize) -> usize {
    let bytes = cell.as_bytes();
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        if b >= 0x80 {
            return cell[i..].find(breaks).map_or(cell.len(), |j| i + j);
        }
        if ascii_breaks(b) {
            return i;
        }
        i += 1;
    }
    cell.len()
}

/// Counts, column by column, what each cell of a record tells, for the
/// columns `voting` marks (`told` is as long): a few short cells, each
/// looked at by itself, the cells that do not vote (a code, `K0.0.1`) not at
/// all.
pub(super) fn count_separated(record: &Record, told: &mut [Told], voting: &[bool]) {
    for ((cell, told), _) in record.iter().zip(told).zip(voting).filter(|(_, &votes)| votes) {
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

    #[test]
    fn ascii_bytes_break_tokens_as_their_characters_do() {
        for b in 0..0x80u8 {
            assert_eq!(ascii_breaks(b), breaks(char::from(b)), "{b:#x}");
        }
    }

    /// The votes of every record, column by column, counted cell by cell.
    fn cell_by_cell(text: &str, delimiter: u8) -> Vec<Vec<Told>> {
        let mut scanner = crate::files::scanner::Scanner::new(text, delimiter);
        let mut all = Vec::new();
        while scanner.advance() {
            let record = scanner.record();
            all.push(
                record
                    .iter()
                    .map(|cell| {
                        let mut told = Told::default();
                        told.count(unguard(cell));
                        told
                    })
                    .collect(),
            );
        }
        all
    }

    fn by_record(text: &str, delimiter: u8) -> Vec<Vec<Told>> {
        by_record_voting(text, delimiter, &[true; 64])
    }

    /// The votes of every record, counted for the columns `voting` marks.
    fn by_record_voting(text: &str, delimiter: u8, voting: &[bool]) -> Vec<Vec<Told>> {
        let mut scanner = crate::files::scanner::Scanner::new(text, delimiter);
        let mut all = Vec::new();
        while scanner.advance() {
            let record = scanner.record();
            let mut told = vec![Told::default(); record.len().min(voting.len())];
            count_separated(&record, &mut told, voting);
            all.push(told);
        }
        all
    }

    #[test]
    fn a_record_s_votes_go_to_the_cells_that_hold_them() {
        let text = "K0.0.1,Indicatore K0.0.1,61.4,,1.5 e 2.5\nx;'=1,5;\"7,5\";3.5\n";
        let votes = by_record(text, b',');
        assert_eq!(votes, cell_by_cell(text, b','));
        let english = Told { italian: 0, english: 1 };
        assert_eq!(
            votes[0],
            [Told::default(), Told::default(), english, Told::default(), Told { italian: 0, english: 2 }]
        );
        assert_eq!(
            by_record(text, b';')[1],
            [Told::default(), Told { italian: 1, english: 0 }, Told { italian: 1, english: 0 }, english]
        );
        // Only the third and fifth columns vote: the codes' and the name's dots are passed over.
        let voting = [false, false, true, false, true];
        assert_eq!(
            by_record_voting(text, b',', &voting)[0],
            [Told::default(), Told::default(), english, Told::default(), Told { italian: 0, english: 2 }]
        );
        let voting = [false, true];
        assert_eq!(by_record_voting(text, b';', &voting)[1], [Told::default(), Told { italian: 1, english: 0 }]);
    }

    proptest! {
        #[test]
        fn a_record_s_votes_are_those_of_its_cells(
            parts in proptest::collection::vec(prop::sample::select(vec![
                "1,5", "2.5", "K0.0.1", "1.234,5", ",", ";", "\t", "\"", "\n", " ", "'", "'=", "a", "é", "(3.5", "1.336",
            ]), 0..30),
            delimiter in prop::sample::select(vec![b',', b';', b'\t']),
        ) {
            let text = parts.concat();
            prop_assert_eq!(by_record(&text, delimiter), cell_by_cell(&text, delimiter));
        }

        #[test]
        fn only_the_voting_columns_are_counted(
            parts in proptest::collection::vec(prop::sample::select(vec![
                "1,5", "2.5", "K0.0.1", "1.234,5", ",", ";", "\t", "\"", "\n", " ", "'", "a", "é", "1.336",
            ]), 0..30),
            delimiter in prop::sample::select(vec![b',', b';', b'\t']),
            voting in proptest::collection::vec(any::<bool>(), 0..8),
        ) {
            let text = parts.concat();
            // Cell by cell, a column that does not vote (or past the last that does) counts nothing.
            let expected: Vec<Vec<Told>> = cell_by_cell(&text, delimiter)
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .zip(&voting)
                        .map(|(told, &votes)| if votes { told } else { Told::default() })
                        .collect()
                })
                .collect();
            prop_assert_eq!(by_record_voting(&text, delimiter, &voting), expected);
        }

        #[test]
        fn the_votes_are_those_of_every_token(cell in "[0-9,. <>=≤≥:(a\u{a0}\u{3000}é]{0,16}") {
            let mut told = Told::default();
            told.count(&cell);
            prop_assert_eq!(told, by_tokens(&cell));
        }

        #[test]
        fn tokens_with_letters_vote_as_every_token(cell in "[0-9,. <>=(aKé:\u{b}\u{1c}\u{85}-]{0,16}") {
            let mut told = Told::default();
            told.count(&cell);
            prop_assert_eq!(told, by_tokens(&cell));
        }
    }
}
