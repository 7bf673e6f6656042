//! The measured quantities: long-format files with one value per row (see
//! the README, "The actuals"), and the evaluator's decisions among them.
//! The store is here; reading the files is in `load.rs`, the decisions in
//! `decisions.rs`.

mod decisions;
mod entry;
mod load;

pub use decisions::{Adjustment, Decision, Directive};
pub use entry::{Entry, Origin};

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState as FastHash;

use crate::diagnostic::Diagnostic;

/// Values filed by (code, variable, year): the code blank for shared
/// quantities, the variable blank for an indicator's own value. Codes and
/// variable names are interned once, so each value costs a small fixed key
/// and a lookup borrows its strings: evaluating allocates nothing per quantity.
/// The tables hash with foldhash: their keys are the file's own codes and
/// names, and SipHash's defence against chosen keys costs a quarter of a
/// national run's reading for nothing (see the README's "Size and speed").
#[derive(Debug, Default, Clone)]
pub struct Actuals {
    pub files: Vec<String>,
    codes: Interner,
    variables: Interner,
    values: HashMap<(u32, u32, i32), Entry, FastHash>,
    /// The notes, by the same key as the values: kept also for a row whose
    /// value is empty or `N/D`, since that is where an office says why.
    notes: HashMap<(u32, u32, i32), String, FastHash>,
    /// The evaluator's decisions, by code then year.
    adjustments: HashMap<String, HashMap<i32, Adjustment>>,
    /// How many values were given, for summaries.
    pub len: usize,
    /// Rows the loader reported and left out, as (code, variable key, year;
    /// `None` when the year itself was unreadable): a value they were meant
    /// to give is reported there, not again as missing.
    flagged: HashSet<(String, String, Option<i32>)>,
}

/// Numbers for strings, both ways.
#[derive(Debug, Default, Clone)]
struct Interner {
    ids: HashMap<String, u32, FastHash>,
    names: Vec<String>,
}

impl Interner {
    fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    fn reserve(&mut self, more: usize) {
        self.ids.reserve(more);
        self.names.reserve(more);
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(id) = self.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(name.to_string(), id);
        self.names.push(name.to_string());
        id
    }
}

impl Actuals {
    fn find(&self, code: &str, variable_key: &str, year: i32) -> Option<&Entry> {
        self.values.get(&(self.codes.get(code)?, self.variables.get(variable_key)?, year))
    }

    /// The indicator's own value for the year (a row with a blank variable).
    pub fn own_value(&self, code: &str, year: i32) -> Option<&Entry> {
        self.find(code, "", year)
    }

    /// The note written on the row of (code, variable, year), the code blank
    /// for a shared quantity, the variable blank for an indicator's own value
    /// (its motivazione). Several rows with different notes give them all,
    /// in the order read, joined by `; `.
    pub fn note(&self, code: &str, variable_key: &str, year: i32) -> Option<&str> {
        let key = (self.codes.get(code)?, self.variables.get(variable_key)?, year);
        self.notes.get(&key).map(String::as_str)
    }

    /// Files a row's note; a different note for the same key is added to
    /// the ones before it, the same note twice is kept once.
    fn add_note(&mut self, code: &str, key: &str, year: i32, note: &str) {
        let key = (self.codes.intern(code), self.variables.intern(key), year);
        match self.notes.get_mut(&key) {
            Some(notes) => {
                if !notes.split("; ").any(|n| n == note) {
                    notes.push_str("; ");
                    notes.push_str(note);
                }
            }
            None => {
                self.notes.insert(key, note.to_string());
            }
        }
    }

    /// A quantity for an indicator: first under its code, then shared.
    pub fn quantity(&self, code: &str, variable_key: &str, year: i32) -> Option<&Entry> {
        self.find(code, variable_key, year).or_else(|| self.find("", variable_key, year))
    }

    /// True when a row the loader reported and left out may have given this
    /// quantity (under the code or shared) for the year.
    pub fn quantity_flagged(&self, code: &str, variable_key: &str, year: i32) -> bool {
        [code, ""].iter().any(|c| {
            [Some(year), None].into_iter().any(|y| self.flagged.contains(&(c.to_string(), variable_key.to_string(), y)))
        })
    }

    /// True when a row the loader reported and left out may have given the
    /// indicator's own value, or a decision about it, for the year.
    pub fn own_value_flagged(&self, code: &str, year: i32) -> bool {
        !code.is_empty()
            && [Some(year), None].into_iter().any(|y| self.flagged.contains(&(code.to_string(), String::new(), y)))
    }

    pub fn place(&self, origin: &Origin) -> String {
        format!("{}:{}", self.files[origin.file], origin.line)
    }

    /// Every given value as (code, variable key, year, entry); for checks and templates.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str, i32, &Entry)> {
        self.values.iter().map(|(&(code, variable, year), entry)| {
            (self.codes.names[code as usize].as_str(), self.variables.names[variable as usize].as_str(), year, entry)
        })
    }

    /// The years given a row, a value or a decision, in order.
    pub fn years(&self) -> Vec<i32> {
        let years: std::collections::BTreeSet<i32> =
            self.values.keys().map(|&(_, _, year)| year).chain(self.adjustments().map(|(_, year, _)| year)).collect();
        years.into_iter().collect()
    }

    /// The evaluator's decision about an indicator for the year, if any.
    pub fn adjustment(&self, code: &str, year: i32) -> Option<&Adjustment> {
        self.adjustments.get(code)?.get(&year)
    }

    /// Every decision as (code, year, adjustment).
    pub fn adjustments(&self) -> impl Iterator<Item = (&str, i32, &Adjustment)> {
        self.adjustments.iter().flat_map(|(code, years)| years.iter().map(move |(y, a)| (code.as_str(), *y, a)))
    }

    /// Room for `rows` more values, so that a large file fills its tables
    /// without growing them step by step.
    fn reserve(&mut self, rows: usize) {
        self.values.reserve(rows);
        self.codes.reserve(rows / 2);
    }

    /// Files a value under its variable's key (`key`, from [`crate::formula::variable_key`]).
    fn insert(&mut self, code: &str, variable: &str, key: &str, year: i32, entry: Entry) -> Result<(), Diagnostic> {
        let files = &self.files;
        let key = (self.codes.intern(code), self.variables.intern(key), year);
        match self.values.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(entry);
                self.len += 1;
                Ok(())
            }
            std::collections::hash_map::Entry::Occupied(slot) if slot.get().value == entry.value => Ok(()),
            std::collections::hash_map::Entry::Occupied(slot) => {
                let existing = slot.get();
                let what = match (code.is_empty(), variable.is_empty()) {
                    (true, _) => format!("shared [{variable}]"),
                    (false, true) => format!("{code}'s own value"),
                    (false, false) => format!("{code} [{variable}]"),
                };
                let first = format!("{}:{}", files[existing.origin.file], existing.origin.line);
                let shown = crate::figure::canonical::value;
                Err(Diagnostic::error(
                    &files[entry.origin.file],
                    entry.origin.line,
                    format!(
                        "{year} {what} is given twice with different values: {} here and {} at {first}; keep one",
                        shown(&entry.value),
                        shown(&existing.value)
                    ),
                ))
            }
        }
    }

    fn insert_adjustment(&mut self, code: &str, year: i32, adjustment: Adjustment) -> Result<(), Diagnostic> {
        let files = &self.files;
        let slot = self.adjustments.entry(code.to_string()).or_default();
        match slot.get(&year) {
            Some(existing) if existing.decision == adjustment.decision => Ok(()),
            Some(existing) => Err(Diagnostic::error(
                &files[adjustment.origin.file],
                adjustment.origin.line,
                format!(
                    "{year} {code} has two decisions: {} here and {} at {}:{}",
                    adjustment.decision, existing.decision, files[existing.origin.file], existing.origin.line
                ),
            )
            .with_hint("keep one of the two rows")),
            None => {
                slot.insert(year, adjustment);
                Ok(())
            }
        }
    }
}
