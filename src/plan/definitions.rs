//! Rows that repeat a definition. A national plan lists the same indicators,
//! with the same formula, unit, soglia and targets, body after body: its
//! rows differ in their code and name and little else. Each distinct
//! definition (every cell a node is read from but its code, its name and its
//! parent) is read once, and its reading given to every later row that
//! repeats those cells byte for byte (README, "The plan's rows: a definition
//! read once"). A row whose reading gave any message (a problem, a number
//! the other format reads differently) is never remembered, so every row
//! that has it is read, and reported, as before.

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::fast::RandomState as FastHash;

use super::remembered::REMEMBERED;
use super::Definition;
use crate::files::sheet::RowRef;

/// The definitions read so far, each under its row's cells.
#[derive(Default)]
pub(super) struct Definitions {
    read: HashMap<Box<[u8]>, Arc<Definition>, FastHash>,
    /// The cells of the row being read, one after the other, each ended by
    /// [`END`]; empty when the row is not looked up.
    key: Vec<u8>,
    /// Rows looked up, and how many of them repeated a definition.
    looked: u32,
    found: u32,
}

/// Ends each cell in a key: no byte of UTF-8 text is 0xFF, so two rows have
/// the same key only when each of their cells is the same.
const END: u8 = 0xFF;

impl Definitions {
    /// The definition `row` repeats in `columns`, when one was remembered.
    /// The row's key is kept for [`Definitions::keep`].
    pub(super) fn find(&mut self, row: &RowRef, columns: &[usize]) -> Option<&Arc<Definition>> {
        self.key.clear();
        if !self.worth_looking() {
            return None;
        }
        for &column in columns {
            // A cell the row lacks reads as empty, as an empty one does.
            if let Some(cell) = row.raw(column) {
                self.key.extend_from_slice(cell.as_bytes());
            }
            self.key.push(END);
        }
        self.looked += 1;
        let found = self.read.get(self.key.as_slice());
        self.found += u32::from(found.is_some());
        found
    }

    /// Remembers what the row last looked up was read as, within
    /// [`REMEMBERED`] definitions.
    pub(super) fn keep(&mut self, definition: &Arc<Definition>) {
        if self.key.is_empty() || self.read.len() >= REMEMBERED {
            return;
        }
        self.read.insert(self.key.as_slice().into(), definition.clone());
    }

    /// Once as many definitions are remembered as may be, rows are looked
    /// up only while at least one in eight repeats one: a plan of rows all
    /// different pays for the first few thousand keys and no more.
    fn worth_looking(&self) -> bool {
        self.read.len() < REMEMBERED || self.found >= self.looked / 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::sheet::Row;
    use crate::plan::{DefinitionParts, Level};

    fn definition(level: Level) -> Arc<Definition> {
        Definition::new(DefinitionParts {
            level,
            weight: None,
            weight_in_percent: false,
            formula: None,
            unit: None,
            threshold: None,
            target_by_year: None,
            rare: Default::default(),
        })
    }

    fn row(cells: &[&str]) -> Row {
        Row { line: 2, cells: cells.iter().map(|c| c.to_string()).collect() }
    }

    /// Rows are the same definition only when every cell looked at is the
    /// same: not when one cell's end moves to the next (`ab`,`c` and `a`,`bc`),
    /// nor when the text moves to another cell; a cell the row lacks is an
    /// empty one, and a column not looked at does not count.
    #[test]
    fn a_definition_is_found_by_every_cell_it_is_read_from() {
        let rows = [
            row(&["ab", "c", "", "x"]),
            row(&["a", "bc", "", "y"]),
            row(&["ab", "c", "", "z"]),
            row(&["ab", "c"]),
            row(&["", "abc", "", "x"]),
            row(&["ab", "c", "", ""]),
        ];
        let columns = [0, 1, 2];
        let mut definitions = Definitions::default();
        assert!(definitions.find(&rows[0].as_ref(), &columns).is_none());
        definitions.keep(&definition(Level::Area));
        assert!(definitions.find(&rows[1].as_ref(), &columns).is_none());
        definitions.keep(&definition(Level::Strategic));
        for (at, expected) in [(2, Some(Level::Area)), (3, Some(Level::Area)), (4, None), (5, Some(Level::Area))] {
            let found = definitions.find(&rows[at].as_ref(), &columns).map(|d| d.level);
            assert_eq!(found, expected, "row {at}");
        }
        assert_eq!(definitions.read.len(), 2);
        // 6 rows looked up, 3 of them found.
        assert_eq!((definitions.looked, definitions.found), (6, 3));
    }

    /// Once it remembers all the definitions it may, a plan of rows all
    /// different stops being looked up: fewer than one in eight repeats one.
    #[test]
    fn rows_all_different_stop_being_looked_up() {
        let rows: Vec<Row> = (0..REMEMBERED + 1000).map(|n| row(&[&n.to_string()])).collect();
        let mut definitions = Definitions::default();
        for row in &rows {
            if definitions.find(&row.as_ref(), &[0]).is_none() {
                definitions.keep(&definition(Level::Indicator));
            }
        }
        assert_eq!(definitions.read.len(), REMEMBERED);
        // The rows up to the remembered ones were looked up, none after them.
        assert_eq!((definitions.looked as usize, definitions.found), (REMEMBERED, 0));
        assert!(definitions.find(&rows[0].as_ref(), &[0]).is_none());
    }
}
