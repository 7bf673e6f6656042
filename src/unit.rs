//! What a value or a target is measured in. Every spelling of a unit is
//! here and only here (README, "Values"): `Percentuale` is a percent,
//! `giorni` days, `numero` a count, `EUR` euro, `data` a date.

use std::fmt;

/// A unit, as kpi knows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// `%`: the value is a fraction, `105 %` is 1.05.
    Percent,
    /// `gg`.
    Days,
    /// `N.`.
    Count,
    /// `€`.
    Euro,
    /// A day: deadlines and dates given as values.
    Date,
    /// Any other word (`km`, `ore`), kept as written. Boxed, so that a unit
    /// takes 16 bytes where a `String` in place would make it 24: a plan of a
    /// million indicators holds a million units, nearly all known ones.
    Other(Box<String>),
}

impl Unit {
    /// The unit a known spelling names; `None` for any other word.
    pub fn known(word: &str) -> Option<Unit> {
        let mut short = [0u8; 16];
        let folded: std::borrow::Cow<str> = if word.is_ascii() {
            // Every value cell comes here: ASCII words are folded on the stack (no spelling is longer than 16).
            let len = crate::fold::fold_ascii(word, b"", &mut short)?;
            std::str::from_utf8(&short[..len]).ok()?.into()
        } else {
            word.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().into()
        };
        Unit::spelled(&folded)
    }

    /// The unit a spelling names, once folded (lowercase, one space between words).
    fn spelled(folded: &str) -> Option<Unit> {
        Some(match folded {
            "%" | "percentuale" | "perc." | "percent" | "percentage" => Unit::Percent,
            "gg" | "gg." | "giorni" | "gg lavorativi" | "days" => Unit::Days,
            "n." | "n" | "num." | "numero" | "count" => Unit::Count,
            "€" | "euro" | "eur" => Unit::Euro,
            "data" | "date" => Unit::Date,
            _ => return None,
        })
    }

    /// A unit cell or word: a known spelling, else a unit of its own as
    /// written (trimmed); `None` when there is no word at all.
    pub fn parse(word: &str) -> Option<Unit> {
        let word = word.trim();
        if word.is_empty() {
            return None;
        }
        Some(Unit::known(word).unwrap_or_else(|| Unit::Other(Box::new(word.to_string()))))
    }

    /// The spelling kpi shows: `%`, `gg`, `N.`, `€`, `date`, or the word.
    pub fn symbol(&self) -> &str {
        match self {
            Unit::Other(word) => word,
            known => known.known_symbol().unwrap_or_default(),
        }
    }

    /// The spelling of a unit kpi knows; `None` for another word.
    pub fn known_symbol(&self) -> Option<&'static str> {
        Some(match self {
            Unit::Percent => "%",
            Unit::Days => "gg",
            Unit::Count => "N.",
            Unit::Euro => "€",
            Unit::Date => "date",
            Unit::Other(_) => return None,
        })
    }

    pub fn is_percent(&self) -> bool {
        *self == Unit::Percent
    }

    pub fn is_date(&self) -> bool {
        *self == Unit::Date
    }

    /// The word written after a number (`1,92 gg`): every unit but a
    /// percent, which has its own writing, and a date, which is no number's.
    pub fn after_number(&self) -> Option<&str> {
        match self {
            Unit::Percent | Unit::Date => None,
            other => Some(other.symbol()),
        }
    }
}

/// True when the unit, if any, is a percent.
pub fn is_percent(unit: Option<&Unit>) -> bool {
    unit.is_some_and(Unit::is_percent)
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `Unit::known` with its words folded as first written, one `String` per step.
    fn straightforward(word: &str) -> Option<Unit> {
        Unit::spelled(&word.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
    }

    proptest! {
        #[test]
        fn the_fast_fold_agrees_with_the_straightforward_one(text in crate::value::tests::CELL) {
            prop_assert_eq!(Unit::known(&text), straightforward(&text));
        }
    }

    #[test]
    fn the_fast_fold_agrees_on_the_edges() {
        for text in
            ["", " ", "GG\u{a0}lavorativi", "gg\u{b}lavorativi", "  Gg   LAVORATIVI ", "€", " EUR ", "n.", "\u{212a}m"]
        {
            assert_eq!(Unit::known(text), straightforward(text), "{text}");
        }
    }

    #[test]
    fn spellings_name_one_unit() {
        for (word, unit) in [
            ("%", Unit::Percent),
            ("Percentuale", Unit::Percent),
            ("perc.", Unit::Percent),
            ("percentage", Unit::Percent),
            ("gg", Unit::Days),
            ("giorni", Unit::Days),
            ("GG  lavorativi", Unit::Days),
            ("N.", Unit::Count),
            ("numero", Unit::Count),
            ("EUR", Unit::Euro),
            ("€", Unit::Euro),
            ("Data", Unit::Date),
        ] {
            assert_eq!(Unit::known(word), Some(unit.clone()), "{word}");
            assert_eq!(Unit::parse(word), Some(unit), "{word}");
        }
        assert_eq!(Unit::known("km"), None);
        assert_eq!(Unit::parse(" km "), Some(Unit::Other(Box::new("km".into()))));
        assert_eq!(Unit::parse("  "), None);
    }

    #[test]
    fn each_unit_is_shown_in_one_spelling() {
        assert_eq!(Unit::parse("giorni").unwrap().to_string(), "gg");
        assert_eq!(Unit::parse("numero").unwrap().symbol(), "N.");
        assert_eq!(Unit::Percent.after_number(), None);
        assert_eq!(Unit::Date.after_number(), None);
        assert_eq!(Unit::Other(Box::new("km".into())).after_number(), Some("km"));
    }
}
