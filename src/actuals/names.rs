//! Names numbered once, all kept in one text, and the cache of the names
//! interned last: an actuals file writes a million codes and a few variables
//! over and over, and a name costs its bytes, never a `String` of its own
//! (the README's "National scale").

use std::cmp::Ordering;
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
/// none. A file listing its codes in order numbers them without the table
/// at all ([`Interner::intern_in_order`]).
#[derive(Debug, Default, Clone)]
pub(super) struct Interner {
    text: String,
    ends: Vec<usize>,
    /// Empty (0), or the name's place above its number plus one; a name's
    /// first slot is picked by its place, so the table grows without hashing
    /// the names again.
    slots: Vec<u64>,
    hasher: FastHash,
    /// How many names, from the first, are in `slots`: those after them were
    /// numbered in order and are placed together ([`Interner::settle`]).
    placed: usize,
    /// The number of the name that comes last in [`in_order`] of all those
    /// numbered.
    greatest: Option<u32>,
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
        (id as usize) < self.ends.len() && same(name(&self.text, &self.ends, id), name_)
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
                    if same(name(&self.text, &self.ends, id), name_) {
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
        let found = self.find(self.tag(name_), name_).ok();
        // Names not placed yet (none once the reading has settled) are looked at one by one.
        found.or_else(|| {
            (self.placed..self.ends.len()).find_map(|id| u32::try_from(id).ok().filter(|&id| self.is(id, name_)))
        })
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
        self.rebuild(least, false);
    }

    /// [`Interner::grow`]; with `touch`, every slot is written at once, for a
    /// table about to be filled all over: a slot of a fresh page read before
    /// it is written costs the page two faults, a read and a write.
    fn rebuild(&mut self, least: usize, touch: bool) {
        let size = least.max(16).next_power_of_two();
        let mut slots = if touch {
            let mut slots = Vec::with_capacity(size);
            // Opaque, so that the writes are not left to a zeroed allocation.
            slots.resize(size, std::hint::black_box(0u64));
            slots
        } else {
            vec![0u64; size]
        };
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
        self.settle();
        let tag = self.tag(name_);
        if self.slots.is_empty() {
            self.grow(16);
        }
        let at = match self.find(tag, name_) {
            Ok(id) => return id,
            Err(at) => at,
        };
        let greater = self.greatest.is_none_or(|g| in_order(self.name(g), name_) == Ordering::Less);
        let id = self.push(name_, greater);
        self.slots[at] = slot(tag, id);
        self.placed = self.ends.len();
        if self.ends.len().saturating_mul(4) > self.slots.len().saturating_mul(3) {
            self.grow(self.slots.len() * 2);
        }
        id
    }

    /// Numbers a name not numbered before, the greatest in order when `greater`.
    fn push(&mut self, name_: &str, greater: bool) -> u32 {
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.text.push_str(name_);
        self.ends.push(self.text.len());
        if greater {
            self.greatest = Some(id);
        }
        id
    }

    /// [`Interner::intern`] for names that mostly come in order, as a file's
    /// codes do (`K1.2.9`, `K1.2.10`, `K1.3.1`): a name after every one
    /// numbered before cannot be one of them, so it is numbered without
    /// looking in the table, and placed there with the others later, one
    /// after the other, where each new code's search missed the cache while
    /// the row waited. A name out of order is looked up as by `intern`.
    pub(super) fn intern_in_order(&mut self, name_: &str) -> u32 {
        match self.greatest {
            Some(g) if in_order(self.name(g), name_) == Ordering::Less => self.push(name_, true),
            _ => self.intern(name_),
        }
    }

    /// Places in the table the names numbered in order and not yet placed.
    pub(super) fn settle(&mut self) {
        if self.placed == self.ends.len() {
            return;
        }
        let wanted = self.ends.len().saturating_mul(4) / 3 + 1;
        let size = self.slots.len().max(wanted);
        // As many names as an eighth of the slots touch every page of the table.
        if (self.ends.len() - self.placed).saturating_mul(8) >= size {
            self.rebuild(size, true);
        } else if self.slots.len() < wanted {
            self.grow(wanted);
        }
        let mask = self.slots.len() - 1;
        let mut tags = [0u32; 64];
        for first in (self.placed..self.ends.len()).step_by(tags.len()) {
            let ids = first..(first + tags.len()).min(self.ends.len());
            let ids = || ids.clone().map(|id| u32::try_from(id).unwrap_or(u32::MAX));
            for (tag, id) in tags.iter_mut().zip(ids()) {
                *tag = self.tag(self.name(id));
            }
            // Each name's first slot read once, none waiting on another, so that the
            // misses of the cache come together instead of one after the other.
            let first_slots = tags.iter().zip(ids()).fold(0, |any, (&tag, _)| any | self.slots[tag as usize & mask]);
            std::hint::black_box(first_slots);
            for (&tag, id) in tags.iter().zip(ids()) {
                // A name numbered in order is in no slot yet: the first free one is its.
                let mut at = tag as usize & mask;
                while self.slots[at] != 0 {
                    at = (at + 1) & mask;
                }
                self.slots[at] = slot(tag, id);
            }
        }
        self.placed = self.ends.len();
    }
}

/// The order a person lists codes in: runs of digits by the number they
/// write (`K2` before `K10`; of two runs writing the same number, the one
/// with fewer leading zeros first), every other byte by its value, a name
/// before any longer one it starts. Two names are `Equal` only when they are
/// the same text, so a name after the greatest one numbered is a new one.
fn in_order(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // What both start with decides nothing: the comparison starts at the first
    // difference, or at the start of the run of digits it falls in.
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let start = same - a[..same].iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let (mut i, mut j) = (start, start);
    loop {
        let (x, y) = match (a.get(i), b.get(j)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(&x), Some(&y)) => (x, y),
        };
        if !(x.is_ascii_digit() && y.is_ascii_digit()) {
            // A run of digits against any other byte: all digits are on the same side of it.
            match x.cmp(&y) {
                Ordering::Equal => (i, j) = (i + 1, j + 1),
                unequal => return unequal,
            }
            continue;
        }
        let run = |text: &[u8], from: usize| from + text[from..].iter().take_while(|c| c.is_ascii_digit()).count();
        let (end_a, end_b) = (run(a, i), run(b, j));
        let zeros =
            |text: &[u8], from: usize, end: usize| from + text[from..end].iter().take_while(|&&c| c == b'0').count();
        let (digits_a, digits_b) = (&a[zeros(a, i, end_a)..end_a], &b[zeros(b, j, end_b)..end_b]);
        let order = (digits_a.len().cmp(&digits_b.len()))
            .then_with(|| digits_a.iter().cmp(digits_b.iter()))
            .then_with(|| (end_a - i).cmp(&(end_b - j)));
        if order != Ordering::Equal {
            return order;
        }
        (i, j) = (end_a, end_b);
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

/// True when two names are the same text, compared from their last bytes:
/// the names compared are mostly a file's codes, which differ there from
/// the one before (`K1.2.9`, `K1.2.10`), and the short loop in place costs
/// less than a call to compare memory, once per row of a national file.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().rev().zip(b.bytes().rev()).all(|(x, y)| x == y)
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
    fn names_are_the_same_text_or_not() {
        for (a, b, equal) in [("K1.2.9", "K1.2.9", true), ("K1.2.9", "K1.2.8", false), ("K1.2.9", "J1.2.9", false)] {
            assert_eq!(same(a, b), equal, "{a} {b}");
        }
        assert!(same("", "") && !same("K1", "K10") && !same("K10", "K1") && !same("", "K"));
    }

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
    fn names_in_order_are_numbered_as_any_and_found_once_settled() {
        let mut names = Interner::default();
        // In order but for `K1.10` (after `K1.9` and `K1.10`) and the blank name (before all).
        let order = ["K1.9", "K1.10", "K1.10", "K2", "K02", "K02.1", "", "K1.10", "K10", "K3", "K10.0"];
        let ids: Vec<u32> = order.iter().map(|name| names.intern_in_order(name)).collect();
        assert_eq!(ids, [0, 1, 1, 2, 3, 4, 5, 1, 6, 7, 8]);
        // `K3` came out of order: interned as by `intern`, and `K10.0` is after `K10`, the greatest.
        assert_eq!(names.greatest, Some(8));
        // Before settling, the names not placed are still found, one by one.
        assert!(names.placed < names.ends.len());
        assert_eq!((names.get("K10.0"), names.get("K11")), (Some(8), None));
        names.settle();
        assert_eq!(names.placed, names.ends.len());
        for (name, id) in order.iter().zip(&ids) {
            assert_eq!((names.get(name), names.name(*id)), (Some(*id), *name));
        }
        // 3 000 names in order grow a table of 16 slots when they settle.
        for i in 0..3000u32 {
            assert_eq!(names.intern_in_order(&format!("K20.{i}")), 9 + i);
        }
        names.settle();
        assert!(names.slots.len() >= 4000 && names.slots.len().is_power_of_two());
        for i in 0..3000u32 {
            assert_eq!(names.get(&format!("K20.{i}")), Some(9 + i));
        }
        assert_eq!((names.get("K20.3000"), names.intern("K20.0"), names.get("K1.9")), (None, 9, Some(0)));
    }

    /// The order of [`in_order`] worked out the long way: each name as its runs
    /// of digits (the number, then how many digits write it) and its other bytes.
    fn tokens(name: &str) -> Vec<(u8, u128, usize)> {
        let mut tokens = Vec::new();
        let bytes = name.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let end = i + bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                // A digit run sorts with the digits among the other bytes: between `/` and `:`.
                tokens.push((b'0', name[i..end].parse().unwrap(), end - i));
                i = end;
            } else {
                tokens.push((bytes[i], 0, 0));
                i += 1;
            }
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn names_are_ordered_as_their_runs_of_digits(a in "[K0-9./a]{0,12}", b in "[K0-9./a]{0,12}", c in "[K0-9.]{0,8}") {
            let order = in_order(&a, &b);
            proptest::prop_assert_eq!(order, tokens(&a).cmp(&tokens(&b)), "{} {}", a, b);
            proptest::prop_assert_eq!(order == Ordering::Equal, a == b);
            proptest::prop_assert_eq!(in_order(&b, &a), order.reverse());
            // Transitive: c sorts against a and b as their order says.
            if order == Ordering::Less && in_order(&b, &c) == Ordering::Less {
                proptest::prop_assert_eq!(in_order(&a, &c), Ordering::Less);
            }
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
