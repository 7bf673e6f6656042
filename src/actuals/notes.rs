//! The notes' texts filed by code, variable and year, chained from the
//! code's own slot as the values are (`values.rs`): a file gives an
//! indicator's rows together and the evaluation asks for the indicators in
//! the same order, so filing and finding a note walks memory in order where
//! a hash table missed the cache on every note (the README's "National
//! scale").

use super::filed::{Filed, Key};

/// No note: the end of a chain, a code with none.
const NONE: u32 = u32::MAX;
/// A code whose notes are found through [`Notes::long`].
const HASHED: u32 = u32::MAX - 1;
/// A code with more notes than this is found by hashing rather than by
/// walking its chain, so that no file makes filing a note walk a long chain.
const LONG: usize = 16;

/// One note: its key but the code, the number of its text, the code's note
/// filed before it.
#[derive(Debug, Clone, Copy)]
struct Note {
    variable: u32,
    year: i32,
    text: u32,
    next: u32,
}

/// The number of each note's text by (code, variable, year).
#[derive(Debug, Clone, Default)]
pub(super) struct Notes {
    /// By code number: its latest note, [`NONE`] or [`HASHED`].
    heads: Vec<u32>,
    notes: Vec<Note>,
    /// The notes of the codes marked [`HASHED`].
    long: Filed<u32>,
}

impl Notes {
    fn head(&self, code: u32) -> u32 {
        self.heads.get(code as usize).copied().unwrap_or(NONE)
    }

    /// The position of the note under `key` in its code's chain, and how many
    /// notes were walked to know; `None` for a code found by hashing.
    fn position(&self, key: Key) -> Option<(Option<u32>, usize)> {
        let mut at = self.head(key.code);
        if at == HASHED {
            return None;
        }
        let mut walked = 0;
        while at != NONE {
            let note = self.notes[at as usize];
            if note.variable == key.variable && note.year == key.year {
                return Some((Some(at), walked));
            }
            walked += 1;
            at = note.next;
        }
        Some((None, walked))
    }

    /// The number of the text filed under `key`.
    pub(super) fn get(&self, key: Key) -> Option<u32> {
        match self.position(key) {
            None => self.long.get(key).copied(),
            Some((at, _)) => Some(self.notes[at? as usize].text),
        }
    }

    /// The number of the text under `key`, or a new one made by `make` and
    /// filed there. The boolean is true when a text was already there.
    pub(super) fn get_or_insert_with(&mut self, key: Key, make: impl FnOnce() -> u32) -> (&mut u32, bool) {
        let walked = match self.position(key) {
            None => return self.long.get_or_insert_with(key, make),
            Some((Some(at), _)) => return (&mut self.notes[at as usize].text, true),
            Some((None, walked)) => walked,
        };
        let code = key.code as usize;
        if self.heads.len() <= code {
            self.heads.resize(code + 1, NONE);
        }
        if walked >= LONG {
            // The chain moves into the hash table, the new note with it.
            let mut at = self.heads[code];
            while at != NONE {
                let note = self.notes[at as usize];
                self.long.get_or_insert_with(Key { variable: note.variable, year: note.year, ..key }, || note.text);
                at = note.next;
            }
            self.heads[code] = HASHED;
            return self.long.get_or_insert_with(key, make);
        }
        let at = u32::try_from(self.notes.len()).unwrap_or(NONE);
        self.notes.push(Note { variable: key.variable, year: key.year, text: make(), next: self.heads[code] });
        self.heads[code] = at;
        let last = self.notes.len() - 1;
        (&mut self.notes[last].text, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_found_by_key_chained_or_hashed() {
        let mut notes = Notes::default();
        let key = |code, variable, year| Key { code, variable, year };
        // Code 3 before code 0: the heads grow to the code asked.
        assert_eq!(notes.get_or_insert_with(key(3, 0, 2024), || 7), (&mut 7, false));
        assert_eq!(notes.get_or_insert_with(key(0, 1, 2024), || 8), (&mut 8, false));
        assert_eq!(notes.get_or_insert_with(key(3, 0, 2024), || 9), (&mut 7, true));
        assert_eq!((notes.get(key(3, 0, 2024)), notes.get(key(0, 1, 2024))), (Some(7), Some(8)));
        assert_eq!(
            (notes.get(key(3, 0, 2023)), notes.get(key(1, 0, 2024)), notes.get(key(9, 0, 2024))),
            (None, None, None)
        );
        // Code 5 gets 40 notes, more than a chain is walked for, between those of code 6.
        for year in 2000..2040 {
            for code in [5, 6] {
                let text = code * 1000 + year as u32;
                assert_eq!(notes.get_or_insert_with(key(code, 2, year), || text), (&mut { text }, false));
            }
        }
        assert_eq!((notes.heads[5], notes.heads[6]), (HASHED, HASHED));
        for year in 2000..2040 {
            for code in [5, 6] {
                let text = code * 1000 + year as u32;
                assert_eq!(notes.get(key(code, 2, year)), Some(text));
                assert_eq!(notes.get_or_insert_with(key(code, 2, year), || 1), (&mut { text }, true));
            }
        }
        assert_eq!(
            (notes.get(key(5, 2, 2040)), notes.get(key(5, 3, 2000)), notes.get(key(3, 0, 2024))),
            (None, None, Some(7))
        );
    }
}
