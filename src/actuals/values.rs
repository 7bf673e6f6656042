//! The given values as 22-byte records in one vector, the year, the kind and
//! the unit packed beside the number's exact bytes, each chained to its
//! code's value before it: a national file's millions of values cost no
//! `Value` and no hash table slot each (the README's "National scale").

use std::hash::BuildHasher;

use chrono::{Datelike, NaiveDate};
use foldhash::fast::RandomState as FastHash;
use hashbrown::HashTable;
use rust_decimal::Decimal;

use super::entry::{Entry, Origin};
use crate::value::Value;

/// A value as kept: 22 bytes. The first twelve of the value's sixteen (see
/// [`encode`]: a number's flags and the low 64 bits of its mantissa, the day
/// or the yes/no, with the year, the kind and the unit where a decimal's
/// bytes are always zero); the number of its variable as written, its line,
/// the next value of the same code. The mantissa's top 32 bits, zero for any
/// number of nineteen digits or fewer, and a variable numbered beyond what 16
/// bits hold are kept aside, by position. Neither the file nor the code is
/// kept: each file's values come one after another, so the file is known from
/// the position, and a value is found from its code's own slot (or beside its
/// code in the hash table), so the code is known from where it is found.
/// Packed by two bytes: the fields are only ever copied, never borrowed.
#[derive(Debug, Clone, Copy)]
#[repr(C, packed(2))]
struct Item {
    value: [u8; 12],
    line: u32,
    next: u32,
    written: u16,
}

impl Item {
    /// The year in the low 14 bits, the kind of value in the top two.
    fn year_kind(&self) -> u16 {
        u16::from_le_bytes([self.value[0], self.value[1]])
    }

    fn year(&self) -> u16 {
        self.year_kind() & YEAR_BITS
    }

    /// The unit's number, or [`ODD_UNIT`] when it is too large to fit.
    fn unit(&self) -> u8 {
        self.value[3] & ODD_UNIT
    }

    /// True when the mantissa's top 32 bits are kept aside ([`Values::high`]).
    fn wide(&self) -> bool {
        self.value[2] & WIDE != 0
    }
}

/// No value: the end of a chain, a code with none, a variable without a key.
const NONE: u32 = u32::MAX;
/// A code whose values are found through [`Values::long`].
const HASHED: u32 = u32::MAX - 1;
/// A code with more values than this is found by hashing rather than by
/// walking its chain, so that a code with thousands of values costs no more
/// to fill than thousands of codes.
const LONG: usize = 16;
const ODD_UNIT: u8 = 0x7F;
const YEAR_BITS: u16 = 0x3FFF;
/// A variable number kept in [`Values::odd_written`] instead of in its item.
const ODD_WRITTEN: u16 = u16::MAX;
/// The bit of a number's third byte (its scale's, which never passes 28
/// and which `Decimal::deserialize` reads as its low five bits only) saying
/// that the mantissa's top 32 bits are not zero.
const WIDE: u8 = 0x80;

/// The year as kept beside the kind, or `None` if no value can have it.
fn year_bits(year: i32) -> Option<u16> {
    u16::try_from(year).ok().filter(|y| *y <= YEAR_BITS)
}

/// The given values in the order read, each found by code, variable key and
/// year: the values of a code are chained from the code's own slot (a file
/// gives an indicator's few values together, so filing one walks a short
/// chain already in the cache, where a hash table would miss it on every
/// row); a code with many values, the shared quantities' blank code among
/// them, is found through a hash table instead.
#[derive(Debug, Clone, Default)]
pub(super) struct Values {
    items: Vec<Item>,
    /// By code number: its latest value, [`NONE`] or [`HASHED`].
    heads: Vec<u32>,
    /// The values of the codes marked [`HASHED`], each as (position, code).
    long: HashTable<(u32, u32)>,
    hasher: FastHash,
    /// The number of each variable's key, by the number of the variable as
    /// written: worked out once per way of writing it.
    pub(super) keys: Vec<u32>,
    /// The first value of each file.
    starts: Vec<u32>,
    /// The units whose number does not fit in an item, by item.
    odd_units: std::collections::HashMap<u32, u32>,
    /// The variables as written whose number does not fit in an item, by item.
    odd_written: std::collections::HashMap<u32, u32>,
    /// The mantissa's top 32 bits of the numbers that have them, by item.
    high: std::collections::HashMap<u32, u32>,
}

/// A value to file.
pub(super) struct New {
    pub(super) code: u32,
    pub(super) written: u32,
    pub(super) year: i32,
    pub(super) value: Value,
    pub(super) line: u32,
    pub(super) unit: u32,
}

impl Values {
    pub(super) fn reserve(&mut self, more: usize) {
        self.items.reserve(more);
    }

    /// Values filed from now on come from a new file.
    pub(super) fn start_file(&mut self) {
        self.starts.push(u32::try_from(self.items.len()).unwrap_or(u32::MAX));
    }

    /// The number of the variable as written of the value at `at`.
    fn written(&self, at: u32) -> u32 {
        written_of(&self.items, &self.odd_written, at)
    }

    /// The number of the variable's key of the value at `at`.
    fn key_of(&self, at: u32) -> u32 {
        key_of(&self.items, &self.keys, &self.odd_written, at)
    }

    fn hash(&self, code: u32, key: u32, year: u16) -> u64 {
        self.hasher.hash_one((code, key, year))
    }

    fn is(&self, i: u32, key: u32, year: u16) -> bool {
        self.items[i as usize].year() == year && self.key_of(i) == key
    }

    /// The position of the value under (code, key, year), and how many values
    /// of the code's chain were walked to know.
    fn position(&self, code: u32, key: u32, year: u16) -> (Option<u32>, usize) {
        match self.heads.get(code as usize).copied().unwrap_or(NONE) {
            HASHED => {
                let found = self.long.find(self.hash(code, key, year), |&(i, of)| of == code && self.is(i, key, year));
                (found.map(|&(i, _)| i), 0)
            }
            mut at => {
                let mut walked = 0;
                while at != NONE {
                    if self.is(at, key, year) {
                        return (Some(at), walked);
                    }
                    walked += 1;
                    at = self.items[at as usize].next;
                }
                (None, walked)
            }
        }
    }

    /// The value under (code, key, year).
    pub(super) fn get(&self, code: u32, key: u32, year: i32) -> Option<Entry> {
        let (found, _) = self.position(code, key, year_bits(year)?);
        self.entry(found?)
    }

    /// Files a value; when one is already filed under its key, gives that
    /// one back and files nothing.
    pub(super) fn file(&mut self, new: New) -> Result<(), Entry> {
        let Some(year) = year_bits(new.year) else { return Ok(()) };
        let key = self.keys.get(new.written as usize).copied().unwrap_or(NONE);
        let (found, walked) = self.position(new.code, key, year);
        if let Some(entry) = found.and_then(|at| self.entry(at)) {
            return Err(entry);
        }
        let at = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        let unit = match u8::try_from(new.unit) {
            Ok(unit) if unit < ODD_UNIT => unit,
            _ => {
                self.odd_units.insert(at, new.unit);
                ODD_UNIT
            }
        };
        let written = match u16::try_from(new.written) {
            Ok(written) if written < ODD_WRITTEN => written,
            _ => {
                self.odd_written.insert(at, new.written);
                ODD_WRITTEN
            }
        };
        let code = new.code as usize;
        if self.heads.len() <= code {
            self.heads.resize(code + 1, NONE);
        }
        let head = self.heads[code];
        let bytes = encode(new.value, year, unit);
        let mut value = [0; 12];
        value.copy_from_slice(&bytes[..12]);
        let high = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        if high != 0 {
            value[2] |= WIDE;
            self.high.insert(at, high);
        }
        let item = Item { value, written, line: new.line, next: NONE };
        if head == HASHED || walked >= LONG {
            if head != HASHED {
                self.hash_chain(new.code, head);
            }
            self.items.push(item);
            self.insert_long(new.code, at);
        } else {
            self.items.push(Item { next: head, ..item });
            self.heads[code] = at;
        }
        Ok(())
    }

    /// Moves a code's chain, from its latest value `at`, into the hash table.
    fn hash_chain(&mut self, code: u32, mut at: u32) {
        while at != NONE {
            self.insert_long(code, at);
            at = self.items[at as usize].next;
        }
        self.heads[code as usize] = HASHED;
    }

    /// Files the value at `at`, of `code`, in the hash table.
    fn insert_long(&mut self, code: u32, at: u32) {
        let hash = self.hash(code, self.key_of(at), self.items[at as usize].year());
        let (items, keys, odd, hasher) = (&self.items, &self.keys, &self.odd_written, &self.hasher);
        self.long.insert_unique(hash, (at, code), |&(i, of)| {
            hasher.hash_one((of, key_of(items, keys, odd, i), items[i as usize].year()))
        });
    }

    /// The code of every value, by position: from each code's chain, and
    /// beside each value of the hash table.
    fn codes(&self) -> Vec<u32> {
        let mut codes = vec![NONE; self.items.len()];
        for (code, &head) in (0u32..).zip(&self.heads) {
            let mut at = if head == HASHED { NONE } else { head };
            while at != NONE {
                codes[at as usize] = code;
                at = self.items[at as usize].next;
            }
        }
        for &(at, code) in self.long.iter() {
            codes[at as usize] = code;
        }
        codes
    }

    fn entry(&self, at: u32) -> Option<Entry> {
        let item = self.items.get(at as usize)?;
        let file = self.starts.partition_point(|&start| start <= at).saturating_sub(1);
        let unit = match item.unit() {
            ODD_UNIT => self.odd_units.get(&at).copied().unwrap_or(0),
            unit => u32::from(unit),
        };
        let mut bytes = [0; 16];
        bytes[..12].copy_from_slice(&item.value);
        if item.wide() {
            let high = self.high.get(&at).copied().unwrap_or(0);
            bytes[12..].copy_from_slice(&high.to_le_bytes());
        }
        Some(Entry {
            value: decode(bytes),
            origin: Origin { file: u32::try_from(file).unwrap_or(u32::MAX), line: item.line },
            unit,
            variable: self.written(at),
        })
    }

    /// Every value as (code, variable key, year, entry), in the order filed.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, u32, i32, Entry)> + '_ {
        (0u32..).zip(self.codes()).filter_map(|(at, code)| {
            let item = self.items[at as usize];
            Some((code, self.key_of(at), i32::from(item.year()), self.entry(at)?))
        })
    }
}

/// The number of the variable as written of the item at `at`, from the item
/// or, when too large for it, from `odd`.
fn written_of(items: &[Item], odd: &std::collections::HashMap<u32, u32>, at: u32) -> u32 {
    match items[at as usize].written {
        ODD_WRITTEN => odd.get(&at).copied().unwrap_or(NONE),
        written => u32::from(written),
    }
}

/// The number of the variable's key of the item at `at`.
fn key_of(items: &[Item], keys: &[u32], odd: &std::collections::HashMap<u32, u32>, at: u32) -> u32 {
    keys.get(written_of(items, odd, at) as usize).copied().unwrap_or(NONE)
}

const NUMBER: u16 = 0;
const DATE: u16 = 1 << 14;
const BOOL: u16 = 2 << 14;

/// A value as sixteen bytes: a number's exact bytes (its digits and scale,
/// so that `1.50` stays `1.50`), a day's number or a yes/no from the fifth
/// byte on; the year and the kind in the first two bytes and the unit in the
/// low seven bits of the fourth, which a decimal leaves zero (its flags hold
/// only the scale in the third byte and the sign in the top bit of the fourth).
fn encode(value: Value, year: u16, unit: u8) -> [u8; 16] {
    let (kind, mut bytes) = match value {
        Value::Number(n) => (NUMBER, n.serialize()),
        Value::Date(d) => {
            let mut bytes = [0; 16];
            bytes[4..8].copy_from_slice(&d.num_days_from_ce().to_le_bytes());
            (DATE, bytes)
        }
        Value::Bool(b) => {
            let mut bytes = [0; 16];
            bytes[4] = u8::from(b);
            (BOOL, bytes)
        }
    };
    [bytes[0], bytes[1]] = (year | kind).to_le_bytes();
    bytes[3] = (bytes[3] & !ODD_UNIT) | (unit & ODD_UNIT);
    bytes
}

fn decode(bytes: [u8; 16]) -> Value {
    match u16::from_le_bytes([bytes[0], bytes[1]]) & !YEAR_BITS {
        DATE => {
            let days = i32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
            Value::Date(NaiveDate::from_num_days_from_ce_opt(days).unwrap_or_default())
        }
        BOOL => Value::Bool(bytes[4] != 0),
        // `deserialize` reads only the scale and the sign of the flags.
        _ => Value::Number(Decimal::deserialize(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_kind_exactly_and_their_file() {
        let mut values = Values { keys: vec![0, 1], ..Values::default() };
        let day = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        let new = |code, written, year, value, line| New { code, written, year, value, line, unit: 0 };
        values.start_file();
        // 1.50 keeps its scale: it is written back as given.
        let number = Value::Number(Decimal::new(150, 2));
        assert!(values.file(new(0, 0, 2024, number, 2)).is_ok());
        values.start_file();
        assert!(values.file(new(0, 1, 2024, Value::Date(day), 2)).is_ok());
        assert!(values.file(new(1, 0, 9999, Value::Bool(true), 3)).is_ok());
        let got = values.get(0, 0, 2024).unwrap();
        let Value::Number(n) = got.value else { panic!("{got:?}") };
        assert_eq!((n.to_string(), got.origin), ("1.50".to_string(), Origin { file: 0, line: 2 }));
        assert_eq!(values.get(0, 1, 2024).unwrap().value, Value::Date(day));
        assert_eq!(values.get(0, 1, 2024).unwrap().origin, Origin { file: 1, line: 2 });
        assert_eq!(values.get(1, 0, 9999).unwrap().value, Value::Bool(true));
        assert!(values.get(1, 0, 2024).is_none() && values.get(2, 0, 2024).is_none() && values.get(0, 0, -1).is_none());
        // The same key again gives back the first.
        assert_eq!(values.file(new(0, 0, 2024, Value::Bool(false), 9)).unwrap_err().origin.line, 2);
        let years: Vec<_> = values.iter().map(|(code, key, year, _)| (code, key, year)).collect();
        assert_eq!(years, vec![(0, 0, 2024), (0, 1, 2024), (1, 0, 9999)]);
    }

    #[test]
    fn a_value_keeps_every_bit_beside_its_year_and_unit() {
        assert_eq!(std::mem::size_of::<Item>(), 22);
        let numbers =
            [Decimal::MAX, Decimal::MIN, Decimal::new(-1, 28), Decimal::new(150, 2), Decimal::ZERO, -Decimal::ZERO];
        let day = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        let values =
            numbers.map(Value::Number).into_iter().chain([Value::Date(day), Value::Bool(true), Value::Bool(false)]);
        for value in values {
            for (year, unit) in [(0, 0), (2024, 1), (YEAR_BITS, ODD_UNIT)] {
                let bytes = encode(value, year, unit);
                let mut kept = [0; 12];
                kept.copy_from_slice(&bytes[..12]);
                let item = Item { value: kept, written: 0, line: 0, next: NONE };
                assert_eq!((decode(bytes), item.year(), item.unit()), (value, year, unit), "{value:?}");
                if let Value::Number(n) = value {
                    let Value::Number(back) = decode(bytes) else { unreachable!() };
                    // The same digits and scale, and the same sign for a zero.
                    assert_eq!((back.to_string(), back.is_sign_negative()), (n.to_string(), n.is_sign_negative()));
                }
            }
        }
    }

    #[test]
    fn wide_numbers_and_many_variables_are_kept_aside_exactly() {
        // Variable 70 000 is beyond 16 bits; its key is number 1.
        let mut keys = vec![0; 70_001];
        keys[70_000] = 1;
        let mut values = Values { keys, ..Values::default() };
        values.start_file();
        // 2^96 - 1 and its negative need the mantissa's top 32 bits; -1e-28 and
        // 2^64 - 1 (twenty digits) and its negative do not.
        let wide =
            [Decimal::MAX, Decimal::MIN, Decimal::new(-1, 28), Decimal::from(u64::MAX), -Decimal::from(u64::MAX)];
        for (code, n) in (0u32..).zip(wide) {
            let new = |written| New { code, written, year: 2024, value: Value::Number(n), line: code, unit: 200 };
            assert!(values.file(new(70_000)).is_ok() && values.file(new(0)).is_ok());
            // Filed under key 1, the variable numbered 70 000 is found again by it, and not under key 0's.
            assert_eq!(values.file(new(70_000)).unwrap_err().variable, 70_000);
            for (key, written) in [(1, 70_000), (0, 0)] {
                let got = values.get(code, key, 2024).unwrap();
                let Value::Number(back) = got.value else { panic!("{got:?}") };
                assert_eq!((back.to_string(), got.unit, got.variable), (n.to_string(), 200, written));
            }
        }
        assert_eq!((values.high.len(), values.odd_written.len()), (2 * 2, 5));
        let filed: Vec<_> = values.iter().map(|(code, key, _, entry)| (code, key, entry.variable)).collect();
        assert_eq!(filed[..4], [(0, 1, 70_000), (0, 0, 0), (1, 1, 70_000), (1, 0, 0)]);
    }

    #[test]
    fn a_code_with_many_values_is_found_by_hashing() {
        let mut values = Values { keys: vec![0], ..Values::default() };
        values.start_file();
        // 40 years of code 0, more than a chain is walked for, between values of code 1.
        for year in 2000..2040 {
            let new = |code| New { code, written: 0, year, value: Value::Bool(true), line: year as u32, unit: 0 };
            assert!(values.file(new(0)).is_ok() && values.file(new(1)).is_ok());
            assert!(values.file(new(0)).is_err());
        }
        assert_eq!(values.heads[0], HASHED);
        for year in 2000..2040 {
            assert_eq!(values.get(0, 0, year).unwrap().origin.line, year as u32);
            assert_eq!(values.get(1, 0, year).unwrap().origin.line, year as u32);
        }
        assert!(values.get(0, 0, 2040).is_none() && values.get(0, 1, 2000).is_none());
        // Each value's code is known again, those hashed and those chained: 0, 1, 0, 1, … in the order filed.
        let codes: Vec<u32> = values.iter().map(|(code, ..)| code).collect();
        assert_eq!(codes, (0..40).flat_map(|_| [0, 1]).collect::<Vec<u32>>());
    }
}
