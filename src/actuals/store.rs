//! The compact tables the actuals are kept in: names numbered once, all in
//! one text, and values in one vector found through a table of their numbers
//! (the README's "National scale").

use std::hash::BuildHasher;

use foldhash::fast::RandomState as FastHash;
use hashbrown::HashTable;

/// Names numbered in the order first seen, all kept in one text: a name costs
/// its bytes, its end and a slot of the table, never a `String` of its own.
/// The table hashes with foldhash: its keys are the file's own codes and
/// names, and SipHash's defence against chosen keys costs a national run's
/// reading a quarter of its time for nothing.
#[derive(Debug, Default, Clone)]
pub(super) struct Interner {
    text: String,
    ends: Vec<usize>,
    table: HashTable<u32>,
    hasher: FastHash,
}

impl Interner {
    pub(super) fn name(&self, id: u32) -> &str {
        name(&self.text, &self.ends, id)
    }

    pub(super) fn get(&self, name_: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(name_);
        self.table.find(hash, |&id| name(&self.text, &self.ends, id) == name_).copied()
    }

    pub(super) fn reserve(&mut self, more: usize) {
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table.reserve(more, |&id| hasher.hash_one(name(text, ends, id)));
        self.ends.reserve(more);
    }

    pub(super) fn intern(&mut self, name_: &str) -> u32 {
        let hash = self.hasher.hash_one(name_);
        let Interner { text, ends, table, hasher } = self;
        if let Some(&id) = table.find(hash, |&id| name(text, ends, id) == name_) {
            return id;
        }
        let id = u32::try_from(ends.len()).unwrap_or(u32::MAX);
        text.push_str(name_);
        ends.push(text.len());
        table.insert_unique(hash, id, |&id| hasher.hash_one(name(text, ends, id)));
        id
    }
}

fn name<'a>(text: &'a str, ends: &[usize], id: u32) -> &'a str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] };
    &text[start..ends[id]]
}

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
    pub(super) fn reserve(&mut self, more: usize) {
        let (items, hasher) = (&self.items, &self.hasher);
        self.table.reserve(more, |&i| hasher.hash_one(items[i as usize].0));
        self.items.reserve(more);
    }

    pub(super) fn get(&self, key: Key) -> Option<&T> {
        let hash = self.hasher.hash_one(key);
        self.table.find(hash, |&i| self.items[i as usize].0 == key).map(|&i| &self.items[i as usize].1)
    }

    /// The item under `key`, or a new one made by `make` and filed there.
    /// The boolean is true when the item was already there.
    pub(super) fn get_or_insert_with(&mut self, key: Key, make: impl FnOnce() -> T) -> (&mut T, bool) {
        let hash = self.hasher.hash_one(key);
        let Filed { items, table, hasher } = self;
        if let Some(&i) = table.find(hash, |&i| items[i as usize].0 == key) {
            return (&mut items[i as usize].1, true);
        }
        let i = u32::try_from(items.len()).unwrap_or(u32::MAX);
        items.push((key, make()));
        table.insert_unique(hash, i, |&i| hasher.hash_one(items[i as usize].0));
        (&mut items[i as usize].1, false)
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
    fn names_keep_their_numbers() {
        let mut names = Interner::default();
        assert_eq!((names.intern("K1"), names.intern(""), names.intern("K10"), names.intern("K1")), (0, 1, 2, 0));
        assert_eq!((names.name(0), names.name(1), names.name(2)), ("K1", "", "K10"));
        assert_eq!((names.get("K10"), names.get("K2")), (Some(2), None));
    }

    #[test]
    fn items_are_found_by_key_and_kept_in_order() {
        let mut filed = Filed::default();
        filed.reserve(2);
        let key = |code, year| Key { code, variable: 0, year };
        assert!(!filed.get_or_insert_with(key(1, 2024), || "a").1);
        assert!(!filed.get_or_insert_with(key(0, 2024), || "b").1);
        assert_eq!(filed.get_or_insert_with(key(1, 2024), || "c"), (&mut "a", true));
        assert_eq!((filed.get(key(0, 2024)), filed.get(key(0, 2023)), filed.len()), (Some(&"b"), None, 2));
        assert_eq!(filed.iter().map(|(k, v)| (k.code, *v)).collect::<Vec<_>>(), vec![(1, "a"), (0, "b")]);
    }
}
