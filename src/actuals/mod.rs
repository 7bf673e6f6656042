//! The measured quantities: long-format files with one value per row (see
//! the README, "The actuals"), and the evaluator's decisions among them.
//! The store is here, its tables beside it: the names in `names.rs`, the
//! values in `values.rs`, the notes in `notes.rs`, the table the decisions
//! are filed in by code and year in `filed.rs`. Reading the files is in `load.rs`, what a
//! decision is in `decisions.rs`.

mod decisions;
mod entry;
mod filed;
mod load;
mod names;
mod notes;
mod values;

pub use decisions::{Adjustment, Decision, Directive};
pub use entry::{Entry, Origin};

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState as FastHash;

use crate::diagnostic::Diagnostic;
use crate::unit::Unit;
use crate::value::Value;
use filed::{Filed, Key};
use names::Interner;
use notes::Notes;
use values::{New, Values};

/// Values filed by (code, variable, year): the code blank for shared
/// quantities, the variable blank for an indicator's own value. Codes,
/// variable names and units are numbered once, so each value costs a small
/// fixed key and entry, a lookup hashes its key once and borrows its strings:
/// evaluating allocates nothing per quantity (see the README's "National scale").
#[derive(Debug, Default, Clone)]
pub struct Actuals {
    pub files: Vec<String>,
    codes: Interner,
    variables: Interner,
    /// The variables as the files write them.
    written: Interner,
    /// The units the values are given in; the first is none.
    units: Vec<Option<Unit>>,
    unit_numbers: HashMap<Option<Unit>, u32, FastHash>,
    values: Values,
    /// The notes' numbers, by the same key as the values: kept also for a
    /// row whose value is empty or `N/D`, since that is where an office says
    /// why. A note's text is kept once however many rows write it.
    notes: Notes,
    note_texts: Interner,
    /// The evaluator's decisions, by code and year (the variable is blank).
    adjustments: Filed<Adjustment>,
    /// How many values were given, for summaries.
    pub len: usize,
    /// Rows the loader reported and left out, as (code, variable key, year;
    /// `None` when the year itself was unreadable): a value they were meant
    /// to give is reported there, not again as missing.
    flagged: HashSet<(String, String, Option<i32>)>,
}

/// Where a row's value is filed: its code and variable as written, with
/// their numbers, and the year.
#[derive(Clone, Copy)]
struct Filing<'a> {
    code: &'a str,
    code_id: u32,
    variable: &'a str,
    written: u32,
    year: i32,
}

/// A note's text by its number, one more than its place among the notes'
/// texts so that a missing note takes no room of its own:
/// `Option<NoteNumber>` is 4 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteNumber(std::num::NonZeroU32);

/// A code looked up once for all the lookups of one indicator: its number,
/// and that of the blank code the shared quantities are filed under.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    own: Option<u32>,
    shared: Option<u32>,
    /// The number of the last code found, this one or one before it (see
    /// [`Actuals::code_after`]).
    last: Option<u32>,
    /// The number of the blank variable an indicator's own value and note
    /// are filed under, looked up once instead of for every indicator.
    blank: Option<u32>,
}

impl Actuals {
    fn key(&self, code: Option<u32>, variable_key: &str, year: i32) -> Option<Key> {
        Some(Key { code: code?, variable: self.variables.get(variable_key)?, year })
    }

    fn find(&self, code: &str, variable_key: &str, year: i32) -> Option<Entry> {
        self.values.get(self.codes.get(code)?, self.variables.get(variable_key)?, year)
    }

    /// The code as the store knows it, for [`Actuals::own_value_of`],
    /// [`Actuals::quantity_of`] and [`Actuals::note_of`].
    pub fn code(&self, code: &str) -> Code {
        let own = self.codes.get(code);
        Code { own, shared: self.codes.get(""), last: own, blank: self.variables.get("") }
    }

    /// [`Actuals::code`] of the indicator after the one looked up as
    /// `before`: an actuals file lists the indicators in the plan's order, so
    /// the code numbered after the last one found is tried first, which
    /// finds it beside the one before instead of hashing it and missing the
    /// cache on a national plan's million codes.
    pub fn code_after(&self, code: &str, before: Option<Code>) -> Code {
        let Some(before) = before else { return self.code(code) };
        let next = before.last.and_then(|last| last.checked_add(1)).filter(|&next| self.codes.is(next, code));
        let own = next.or_else(|| self.codes.get(code));
        Code { own, shared: before.shared, last: own.or(before.last), blank: before.blank }
    }

    /// The indicator's own value for the year (a row with a blank variable).
    pub fn own_value(&self, code: &str, year: i32) -> Option<Entry> {
        self.own_value_of(self.code(code), year)
    }

    /// [`Actuals::own_value`] of a code looked up before.
    pub fn own_value_of(&self, code: Code, year: i32) -> Option<Entry> {
        self.values.get(code.own?, code.blank?, year)
    }

    /// The note written on the row of (code, variable, year), the code blank
    /// for a shared quantity, the variable blank for an indicator's own value
    /// (its motivazione). Several rows with different notes give them all,
    /// in the order read, joined by `; `.
    pub fn note(&self, code: &str, variable_key: &str, year: i32) -> Option<&str> {
        self.notes.get(self.key(self.codes.get(code), variable_key, year)?).map(|n| self.note_texts.name(n))
    }

    /// The note of a code looked up before, or the shared one's when `shared`.
    pub fn note_of(&self, code: Code, variable_key: &str, year: i32, shared: bool) -> Option<&str> {
        self.note_number_of(code, variable_key, year, shared).map(|n| self.note_text(n))
    }

    /// The actuals as the outputs of an evaluation already made read them:
    /// the files' names and the notes' texts by number
    /// ([`Actuals::note_text`]), every value and every table that finds one
    /// let go. A national file's values and codes are a quarter of what is
    /// held while the results are written (README, "National scale").
    pub fn notes_only(self) -> Actuals {
        let Actuals { files, note_texts, len, .. } = self;
        Actuals { files, note_texts, len, ..Actuals::default() }
    }

    /// The text of a note by its number ([`Actuals::note_number_of`]).
    pub fn note_text(&self, note: NoteNumber) -> &str {
        self.note_texts.name(note.0.get() - 1)
    }

    /// [`Actuals::note_of`] as the number of its text: 4 bytes where the text
    /// borrowed takes 16, for what keeps a note per indicator (an evaluation's
    /// results).
    pub fn note_number_of(&self, code: Code, variable_key: &str, year: i32, shared: bool) -> Option<NoteNumber> {
        let variable = if variable_key.is_empty() { code.blank? } else { self.variables.get(variable_key)? };
        let key = Key { code: if shared { code.shared } else { code.own }?, variable, year };
        self.notes.get(key).and_then(|n| n.checked_add(1)).and_then(std::num::NonZeroU32::new).map(NoteNumber)
    }

    /// Files a row's note; a different note for the same key is added to
    /// the ones before it, the same note twice is kept once.
    fn add_note(&mut self, code: u32, variable: u32, year: i32, note: &str, recent: &mut names::Recent) {
        let key = Key { code, variable, year };
        let texts = &mut self.note_texts;
        let (notes, known) = self.notes.get_or_insert_with(key, || texts.intern_recent(note, recent));
        let before = texts.name(*notes);
        if known && !before.split("; ").any(|n| n == note) {
            let joined = format!("{before}; {note}");
            *notes = texts.intern(&joined);
        }
    }

    /// A quantity for an indicator: first under its code, then shared.
    pub fn quantity(&self, code: &str, variable_key: &str, year: i32) -> Option<Entry> {
        self.find(code, variable_key, year).or_else(|| self.find("", variable_key, year))
    }

    /// [`Actuals::quantity`] of a code looked up before, and whether it was
    /// found among the shared quantities. The variable's key is hashed once.
    pub fn quantity_of(&self, code: Code, variable_key: &str, year: i32) -> Option<(Entry, bool)> {
        self.quantity_numbered(code, self.variable_number(variable_key)?, year)
    }

    /// The number of a variable's key among the actuals', if any row gives
    /// it: what [`Actuals::quantity_numbered`] looks a quantity up by.
    pub fn variable_number(&self, variable_key: &str) -> Option<u32> {
        self.variables.get(variable_key)
    }

    /// [`Actuals::quantity_of`] of a variable numbered before
    /// ([`Actuals::variable_number`]): the evaluation numbers each of a
    /// formula's quantities once, not once per indicator that shares it.
    pub fn quantity_numbered(&self, code: Code, variable: u32, year: i32) -> Option<(Entry, bool)> {
        let under = |code: Option<u32>| self.values.get(code?, variable, year);
        match under(code.own) {
            Some(entry) => Some((entry, code.own == code.shared)),
            None => Some((under(code.shared)?, true)),
        }
    }

    /// True when a row the loader reported and left out may have given this
    /// quantity (under the code or shared) for the year.
    pub fn quantity_flagged(&self, code: &str, variable_key: &str, year: i32) -> bool {
        !self.flagged.is_empty()
            && [code, ""].iter().any(|c| {
                [Some(year), None]
                    .into_iter()
                    .any(|y| self.flagged.contains(&(c.to_string(), variable_key.to_string(), y)))
            })
    }

    /// True when a row the loader reported and left out may have given the
    /// indicator's own value, or a decision about it, for the year.
    pub fn own_value_flagged(&self, code: &str, year: i32) -> bool {
        !code.is_empty()
            && !self.flagged.is_empty()
            && [Some(year), None].into_iter().any(|y| self.flagged.contains(&(code.to_string(), String::new(), y)))
    }

    /// The file a value came from.
    pub fn file(&self, origin: &Origin) -> &str {
        &self.files[origin.file as usize]
    }

    pub fn place(&self, origin: &Origin) -> String {
        format!("{}:{}", self.file(origin), origin.line)
    }

    /// The unit a value was given in.
    pub fn unit(&self, entry: &Entry) -> Option<&Unit> {
        self.units.get(entry.unit as usize)?.as_ref()
    }

    /// The variable as the file writes it (empty for an indicator's own value).
    pub fn written(&self, entry: &Entry) -> &str {
        self.written.name(entry.variable)
    }

    /// Every given value as (code, variable key, year, entry), in the order
    /// read; for checks and templates.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str, i32, Entry)> {
        self.values
            .iter()
            .map(|(code, key, year, entry)| (self.codes.name(code), self.variables.name(key), year, entry))
    }

    /// The years given a row, a value or a decision, in order.
    pub fn years(&self) -> Vec<i32> {
        let years: std::collections::BTreeSet<i32> =
            self.values.iter().map(|(_, _, year, _)| year).chain(self.adjustments().map(|(_, year, _)| year)).collect();
        years.into_iter().collect()
    }

    /// The evaluator's decision about an indicator for the year, if any.
    pub fn adjustment(&self, code: &str, year: i32) -> Option<&Adjustment> {
        self.adjustment_of(self.code(code), year)
    }

    /// [`Actuals::adjustment`] of a code looked up before.
    pub fn adjustment_of(&self, code: Code, year: i32) -> Option<&Adjustment> {
        if self.adjustments.len() == 0 {
            return None;
        }
        self.adjustments.get(Key { code: code.own?, variable: 0, year })
    }

    /// Every decision as (code, year, adjustment), in the order read.
    pub fn adjustments(&self) -> impl Iterator<Item = (&str, i32, &Adjustment)> {
        self.adjustments.iter().map(|(key, a)| (self.codes.name(key.code), key.year, a))
    }

    /// Room for `rows` more values, so that a large file fills its tables
    /// without growing them step by step; codes are fewer than rows (a few
    /// rows per indicator), the table of names grows if not.
    fn reserve(&mut self, rows: usize) {
        self.values.reserve(rows);
        self.codes.reserve(rows / 2);
        if self.units.is_empty() {
            self.units.push(None);
            self.unit_numbers.insert(None, 0);
        }
    }

    /// The number of a unit, kept once.
    fn unit_number(&mut self, unit: Option<Unit>) -> u32 {
        if unit.is_none() && !self.units.is_empty() {
            // No unit is always the first.
            return 0;
        }
        if let Some(&at) = self.unit_numbers.get(&unit) {
            return at;
        }
        let at = u32::try_from(self.units.len()).unwrap_or(0);
        self.units.push(unit.clone());
        self.unit_numbers.insert(unit, at);
        at
    }

    /// The numbers of a variable as written and of its key (from
    /// [`crate::formula::variable_key`]).
    /// The rows of a file write a few variables over and over: `recent`
    /// remembers the last ones, so most rows find theirs without hashing it.
    fn variable_numbers(&mut self, variable: &str, recent: &mut names::Recent) -> (u32, u32) {
        let written = self.written.intern_recent(variable, recent);
        if let Some(&key) = self.values.keys.get(written as usize) {
            return (written, key);
        }
        let key = self.variables.intern(&crate::formula::variable_key(variable));
        self.values.keys.push(key);
        (written, key)
    }

    /// Files a value under its variable's key.
    #[inline]
    fn insert(&mut self, filing: Filing, value: Value, unit: Option<Unit>, origin: Origin) -> Result<(), Diagnostic> {
        let unit = self.unit_number(unit);
        let new =
            New { code: filing.code_id, written: filing.written, year: filing.year, value, line: origin.line, unit };
        match self.values.file(new) {
            Ok(()) => {
                self.len += 1;
                Ok(())
            }
            Err(existing) if existing.value == value => Ok(()),
            Err(existing) => {
                Err(self.given_twice(filing, Entry { value, origin, unit, variable: filing.written }, existing))
            }
        }
    }

    /// The error of a value given twice with different values.
    #[cold]
    #[inline(never)]
    fn given_twice(&self, filing: Filing, entry: Entry, existing: Entry) -> Diagnostic {
        let Filing { code, variable, year, .. } = filing;
        let what = match (code.is_empty(), variable.is_empty()) {
            (true, _) => format!("shared [{variable}]"),
            (false, true) => format!("{code}'s own value"),
            (false, false) => format!("{code} [{variable}]"),
        };
        let first = self.place(&existing.origin);
        let shown = crate::figure::canonical::value;
        Diagnostic::error(
            self.file(&entry.origin),
            entry.origin.line(),
            format!(
                "{year} {what} is given twice with different values: {} here and {} at {first}; keep one",
                shown(&entry.value),
                shown(&existing.value)
            ),
        )
    }

    fn insert_adjustment(
        &mut self,
        code: &str,
        code_id: u32,
        year: i32,
        adjustment: Adjustment,
    ) -> Result<(), Diagnostic> {
        let key = Key { code: code_id, variable: 0, year };
        let (existing, known) = self.adjustments.get_or_insert_with(key, || adjustment.clone());
        if !known || existing.decision == adjustment.decision {
            return Ok(());
        }
        let existing = existing.clone();
        Err(Diagnostic::error(
            self.file(&adjustment.origin),
            adjustment.origin.line(),
            format!(
                "{year} {code} has two decisions: {} here and {} at {}",
                adjustment.decision,
                existing.decision,
                self.place(&existing.origin)
            ),
        )
        .with_hint("keep one of the two rows"))
    }
}
