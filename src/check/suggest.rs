//! Suggesting the closest name for many unknown ones at a bounded cost.
//!
//! A check may meet thousands of unknown codes or quantity names, each to be
//! compared with thousands of candidates. [`Suggester`] answers each distinct
//! name once, compares it only with candidates whose length lets them be
//! close enough, and stops suggesting after [`SUGGESTED_NAMES`] distinct
//! names: past that many, the file has a systematic problem that a list of
//! typos would not explain.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::similar::closest;

/// How many distinct unknown names get a suggestion; the rest get the plain hint.
pub(super) const SUGGESTED_NAMES: usize = 100;

/// Candidate names grouped by their length as the edit distance counts it.
pub(super) struct Candidates<'a> {
    by_length: BTreeMap<usize, BTreeSet<&'a str>>,
}

impl<'a> Candidates<'a> {
    pub(super) fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_length: BTreeMap<usize, BTreeSet<&'a str>> = BTreeMap::new();
        for name in names {
            by_length.entry(compared_length(name)).or_default().insert(name);
        }
        Candidates { by_length }
    }

    /// The same answer as [`closest`] over every candidate: a candidate whose
    /// length differs from the word's by more than `closest`'s limit is at
    /// least that many edits away, so it is never compared.
    pub(super) fn closest(&self, word: &str) -> Option<&'a str> {
        let limit = word.chars().count().div_ceil(3).max(1);
        let length = compared_length(word);
        let near = self.by_length.range(length.saturating_sub(limit)..=length + limit);
        closest(word, near.flat_map(|(_, names)| names.iter().copied()))
    }
}

/// The number of characters the edit distance compares (it ignores case, and
/// a few characters lower-case to two).
fn compared_length(name: &str) -> usize {
    name.chars().flat_map(char::to_lowercase).count()
}

/// [`Candidates::closest`], once per distinct word and for at most
/// [`SUGGESTED_NAMES`] words; the words must be asked in a stable order so
/// that the same ones get a suggestion on every run.
pub(super) struct Suggester<'a> {
    candidates: Candidates<'a>,
    answers: HashMap<String, Option<&'a str>>,
}

impl<'a> Suggester<'a> {
    pub(super) fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        Suggester { candidates: Candidates::new(names), answers: HashMap::new() }
    }

    pub(super) fn closest(&mut self, word: &str) -> Option<&'a str> {
        if let Some(&answer) = self.answers.get(word) {
            return answer;
        }
        if self.answers.len() >= SUGGESTED_NAMES {
            return None;
        }
        let answer = self.candidates.closest(word);
        self.answers.insert(word.to_string(), answer);
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_answers_as_comparing_every_candidate() {
        let names = ["follower", "imprese attive", "risorse sal", "K01", "K02", "Straße", "İstanbul", "ab", "abcdefgh"];
        let candidates = Candidates::new(names);
        for word in [
            "folower",
            "imprese atttive",
            "patrimonio netto",
            "follower",
            "k01",
            "STRASSE",
            "istanbul",
            "a",
            "abcdef",
            "",
        ] {
            assert_eq!(candidates.closest(word), closest(word, names), "{word}");
        }
    }

    #[test]
    fn only_so_many_distinct_words_get_a_suggestion() {
        let mut suggester = Suggester::new(["K1", "K2"]);
        for i in 0..SUGGESTED_NAMES {
            suggester.closest(&format!("word {i}"));
        }
        assert_eq!(suggester.closest("k1"), None);
        assert_eq!(suggester.closest("word 0"), None);
        let mut suggester = Suggester::new(["K1", "K2"]);
        assert_eq!(suggester.closest("k1"), Some("K1"));
        for i in 0..2 * SUGGESTED_NAMES {
            suggester.closest(&format!("word {i}"));
        }
        assert_eq!(suggester.closest("k1"), Some("K1"), "an answered word keeps its answer");
    }
}
