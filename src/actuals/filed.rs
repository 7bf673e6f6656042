//! A table keyed by code, variable and year, for what the actuals file
//! beside their values (the notes, the decisions): fewer than the values,
//! so each is found by hashing its key once instead of through a chain.

use std::hash::BuildHasher;

use foldhash::fast::RandomState as FastHash;
use hashbrown::HashTable;

/// What a value is filed under: the code's and the variable key's numbers
/// (the code blank for a shared quantity, the variable blank for an
/// indicator's own value) and the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Key {
    pub(super) code: u32,
    pub(super) variable: u32,
    pub(super) year: i32,
}

/// Items in the order filed, each found by its key through a table of their
/// positions: the key is hashed once per lookup, and the table, sized for the
/// file's rows before they are read, holds four bytes per item.
#[derive(Debug, Clone)]
pub(super) struct Filed<T> {
    items: Vec<(Key, T)>,
    table: HashTable<u32>,
    hasher: FastHash,
}

impl<T> Default for Filed<T> {
    fn default() -> Self {
        Filed { items: Vec::new(), table: HashTable::new(), hasher: FastHash::default() }
    }
}

impl<T> Filed<T> {
    pub(super) fn get(&self, key: Key) -> Option<&T> {
        let hash = self.hasher.hash_one(key);
        self.table.find(hash, |&i| self.items[i as usize].0 == key).map(|&i| &self.items[i as usize].1)
    }

    /// The item under `key`, or a new one made by `make` and filed there.
    /// The boolean is true when the item was already there.
    pub(super) fn get_or_insert_with(&mut self, key: Key, make: impl FnOnce() -> T) -> (&mut T, bool) {
        let hash = self.hasher.hash_one(key);
        let Filed { items, table, hasher } = self;
        match table.entry(hash, |&i| items[i as usize].0 == key, |&i| hasher.hash_one(items[i as usize].0)) {
            hashbrown::hash_table::Entry::Occupied(found) => (&mut items[*found.get() as usize].1, true),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                let i = u32::try_from(items.len()).unwrap_or(u32::MAX);
                slot.insert(i);
                items.push((key, make()));
                (&mut items[i as usize].1, false)
            }
        }
    }

    /// Every item with its key, in the order filed.
    pub(super) fn iter(&self) -> impl Iterator<Item = (Key, &T)> {
        self.items.iter().map(|(key, item)| (*key, item))
    }

    pub(super) fn len(&self) -> usize {
        self.items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_by_key_and_kept_in_order() {
        let mut filed = Filed::default();
        let key = |code, year| Key { code, variable: 0, year };
        assert!(!filed.get_or_insert_with(key(1, 2024), || "a").1);
        assert!(!filed.get_or_insert_with(key(0, 2024), || "b").1);
        assert_eq!(filed.get_or_insert_with(key(1, 2024), || "c"), (&mut "a", true));
        assert_eq!((filed.get(key(0, 2024)), filed.get(key(0, 2023)), filed.len()), (Some(&"b"), None, 2));
        assert_eq!(filed.iter().map(|(k, v)| (k.code, *v)).collect::<Vec<_>>(), vec![(1, "a"), (0, "b")]);
    }
}
