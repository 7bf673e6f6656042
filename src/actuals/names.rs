//! Names numbered once, all kept in one text, and the cache of the names
//! interned last: an actuals file writes a million codes and a few variables
//! over and over, and a name costs its bytes, never a `String` of its own
//! (the README's "National scale").

use std::hash::BuildHasher;

use foldhash::fast::RandomState as FastHash;

/// Names numbered in the order first seen, all kept in one text: a name costs
/// its bytes, its end and a slot of the table, never a `String` of its own.
/// The table hashes with foldhash: its keys are the file's own codes and
/// names, and SipHash's defence against chosen keys costs a national run's
/// reading a quarter of its time for nothing. Each slot holds the name's
/// number beside its place (see [`Interner::tag`]), in one array probed
/// in order: a new name (a national file's million codes each are one) costs
/// at most one miss of the cache, where a table keeping the hashes apart from
/// the numbers misses twice, and codes numbered one after another
/// (`K1.2.3`, `K1.2.4`) are placed side by side, so that most of them cost
/// none.
#[derive(Debug, Default, Clone)]
pub(super) struct Interner {
    text: String,
    ends: Vec<usize>,
    /// Empty (0), or the name's place above its number plus one; a name's
    /// first slot is picked by its place, so the table grows without hashing
    /// the names again.
    slots: Vec<u64>,
    hasher: FastHash,
}

/// The slot of a place and a number.
fn slot(tag: u32, id: u32) -> u64 {
    (u64::from(tag) << 32) | u64::from(id.saturating_add(1))
}

impl Interner {
    pub(super) fn name(&self, id: u32) -> &str {
        name(&self.text, &self.ends, id)
    }

    /// True when `id` is the number of `name_`.
    pub(super) fn is(&self, id: u32, name_: &str) -> bool {
        (id as usize) < self.ends.len() && name(&self.text, &self.ends, id) == name_
    }

    /// Where a name's search starts, 32 bits: the top of its hash; or, for
    /// a name ending in digits, the hash of what comes before them and of
    /// the number they write but its last four bits, plus those four bits,
    /// so that sixteen codes numbered in a row take sixteen slots in a row.
    /// Two names with the same place are told apart by their text.
    fn tag(&self, name_: &str) -> u32 {
        let digits = name_.bytes().rev().take_while(u8::is_ascii_digit).count().min(9);
        if digits == 0 {
            return (self.hasher.hash_one(name_) >> 32) as u32;
        }
        let (stem, tail) = name_.split_at(name_.len() - digits);
        // Nine digits at most: below 10^9, which a u32 holds.
        let n = tail.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        let group = (self.hasher.hash_one((stem, n >> 4)) >> 32) as u32;
        group.wrapping_add(n & 15)
    }

    /// The name's number, or the empty slot where it would go.
    fn find(&self, tag: u32, name_: &str) -> Result<u32, usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = tag as usize & mask;
        loop {
            match self.slots.get(at).copied() {
                None | Some(0) => return Err(at),
                Some(s) if (s >> 32) as u32 == tag => {
                    let id = (s as u32).wrapping_sub(1);
                    if name(&self.text, &self.ends, id) == name_ {
                        return Ok(id);
                    }
                }
                Some(_) => {}
            }
            at = (at + 1) & mask;
        }
    }

    pub(super) fn get(&self, name_: &str) -> Option<u32> {
        if self.ends.is_empty() {
            return None;
        }
        self.find(self.tag(name_), name_).ok()
    }

    /// Room for `more` names without growing the table, at most three
    /// quarters full.
    pub(super) fn reserve(&mut self, more: usize) {
        let wanted = self.ends.len().saturating_add(more);
        self.ends.reserve(more);
        if wanted.saturating_mul(4) > self.slots.len().saturating_mul(3) {
            self.grow(wanted.saturating_mul(4) / 3 + 1);
        }
    }

    /// A table of at least `least` slots (a power of two) holding every name.
    fn grow(&mut self, least: usize) {
        let size = least.max(16).next_power_of_two();
        let mut slots = vec![0u64; size];
        let mask = size - 1;
        for &s in self.slots.iter().filter(|&&s| s != 0) {
            let mut at = (s >> 32) as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = s;
        }
        self.slots = slots;
    }

    pub(super) fn intern(&mut self, name_: &str) -> u32 {
        let tag = self.tag(name_);
        if self.slots.is_empty() {
            self.grow(16);
        }
        let at = match self.find(tag, name_) {
            Ok(id) => return id,
            Err(at) => at,
        };
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.text.push_str(name_);
        self.ends.push(self.text.len());
        self.slots[at] = slot(tag, id);
        if self.ends.len().saturating_mul(4) > self.slots.len().saturating_mul(3) {
            self.grow(self.slots.len() * 2);
        }
        id
    }
}

/// The numbers of names interned last, each in the place its length and
/// last byte pick: a name found there is checked by comparing it, never hashed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Recent([u32; 16]);

impl Default for Recent {
    fn default() -> Self {
        Recent([NONE; 16])
    }
}

/// A place of [`Recent`] that holds no name yet.
const NONE: u32 = u32::MAX;

impl Interner {
    /// [`Interner::intern`], trying first the name `recent` keeps in its place.
    pub(super) fn intern_recent(&mut self, name_: &str, recent: &mut Recent) -> u32 {
        let last = name_.as_bytes().last().map_or(0, |&b| usize::from(b));
        let place = (name_.len() ^ last.wrapping_mul(7)) & 15;
        let id = recent.0[place];
        if id != NONE && self.is(id, name_) {
            return id;
        }
        let id = self.intern(name_);
        recent.0[place] = id;
        id
    }
}

/// The name numbered `id`, from the text and the names' ends.
fn name<'a>(text: &'a str, ends: &[usize], id: u32) -> &'a str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] };
    &text[start..ends[id]]
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
        assert_eq!(Interner::default().get(""), None);
    }

    #[test]
    fn codes_numbered_in_a_row_are_placed_side_by_side() {
        let names = Interner::default();
        let place = |name| names.tag(name);
        assert_eq!(place("K1.2.17").wrapping_sub(place("K1.2.16")), 1);
        assert_eq!(place("K1.2.31").wrapping_sub(place("K1.2.16")), 15);
        // Leading zeros write the same number: the texts tell the names apart.
        assert_eq!(place("K1.2.017"), place("K1.2.17"));
        let mut names = Interner::default();
        assert_eq!((names.intern("K1.2.017"), names.intern("K1.2.17"), names.intern("K1.2.017")), (0, 1, 0));
        assert_eq!((names.get("K1.2.17"), names.get("K1.2.0017")), (Some(1), None));
        // Digits beyond nine are part of the stem; a name of digits alone has an empty one.
        for name in ["1234567890123", "0", "", "K"] {
            assert_eq!(names.get(name), None);
            let id = names.intern(name);
            assert_eq!((names.get(name), names.name(id)), (Some(id), name));
        }
    }

    #[test]
    fn names_keep_their_numbers_as_the_table_grows() {
        let mut names = Interner::default();
        names.reserve(10);
        // 3 000 names grow a table reserved for 10 several times over.
        for i in 0..3000u32 {
            assert_eq!(names.intern(&format!("K{i}")), i);
        }
        assert!(names.slots.len() >= 4000 && names.slots.len().is_power_of_two());
        for i in 0..3000u32 {
            let code = format!("K{i}");
            assert_eq!((names.get(&code), names.intern(&code), names.name(i)), (Some(i), i, code.as_str()));
        }
        assert_eq!((names.get("K3000"), names.get("")), (None, None));
    }
}
