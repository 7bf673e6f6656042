//! The notes of `kpi needs` (why nothing is needed, why no value reaches
//! it, the deadline's state) worded in Italian and in English. The English
//! wording, with the figures of the default style, is also the machine
//! formats' `message`, whatever `--lang`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::figure::{date, grouped, Style};
use crate::formula::Quantity;
use crate::needs::{Note, Unreachable, PRINTED_DP};
use crate::value::NumberFormat;

use super::Lang;

impl Lang {
    /// An indicator's notes, joined by `; `, with dates in `figures`; `None` without any.
    pub fn needs_notes(self, notes: &[Note], figures: Style) -> Option<String> {
        let worded: Vec<String> = notes.iter().map(|n| self.needs_note(n, figures)).collect();
        (!worded.is_empty()).then(|| worded.join("; "))
    }

    /// The notes as the machine formats write them: English, with the
    /// default style's dates (`31-12-2024`), whatever `--lang`.
    pub fn machine_needs_notes(notes: &[Note]) -> Option<String> {
        Lang::English.needs_notes(notes, Lang::default().figures())
    }

    /// One note.
    pub fn needs_note(self, note: &Note, figures: Style) -> String {
        let it = self == Lang::Italian;
        let day = |d: &NaiveDate| date(*d, figures);
        let days = |n: i64| match (it, n.abs() == 1) {
            (true, true) => "giorno",
            (true, false) => "giorni",
            (false, true) => "day",
            (false, false) => "days",
        };
        match note {
            Note::NoTarget { year } if it => format!("nessun target per il {year}: fuori dalla valutazione dell'anno"),
            Note::NoTarget { year } => format!("no target for {year}: not part of the year's evaluation"),
            Note::Decided(message) => {
                let message = match message {
                    Some(m) => self.message(m),
                    None if it => "deciso dal valutatore".to_string(),
                    None => "decided by the evaluator".to_string(),
                };
                if it {
                    format!("non serve nulla: {message}")
                } else {
                    format!("nothing is needed: {message}")
                }
            }
            Note::AchievedSoFar if it => "raggiunto con il valore finora".to_string(),
            Note::AchievedSoFar => "achieved with the value so far".to_string(),
            Note::Failed(message) => message.as_ref().map(|m| self.message(m)).unwrap_or_default(),
            Note::Unreachable(why) => self.unreachable(why),
            Note::SeveralToCome(quantities) if it => format!(
                "{} quantità ancora da dare ({}): il valore che serve a una si calcola quando le altre sono date, o indicala con --solve",
                quantities.len(),
                listed(quantities)
            ),
            Note::SeveralToCome(quantities) => format!(
                "{} quantities still to come ({}): the needed value of one is solved once the others are given, or name it with --solve",
                quantities.len(),
                listed(quantities)
            ),
            Note::OthersToCome { unknown, others } if it => {
                format!("{unknown} non si può calcolare finché manca {}", listed(others))
            }
            Note::OthersToCome { unknown, others } => {
                format!("{unknown} cannot be solved for while {} is still to come", listed(others))
            }
            Note::AnyValue { unknown, year } if it => {
                format!("qualunque sia {unknown} {year} (0 o più), il target è raggiunto")
            }
            Note::AnyValue { unknown, year } => {
                format!("whatever {unknown} {year} is (0 or more), the target is reached")
            }
            Note::DaysLeft { days: d, deadline } if it => {
                let verb = if d.abs() == 1 { "manca" } else { "mancano" };
                format!("{verb} {d} {} alla scadenza {}", days(*d), day(deadline))
            }
            Note::DaysLeft { days: d, deadline } => format!("{d} {} left to the deadline {}", days(*d), day(deadline)),
            Note::PassedBeforeSoglia { deadline, ago, soglia, left } if it => format!(
                "la scadenza {} è passata da {ago} {}; credito parziale fino alla soglia {} (mancano {left} {})",
                day(deadline),
                days(*ago),
                day(soglia),
                days(*left)
            ),
            Note::PassedBeforeSoglia { deadline, ago, soglia, left } => format!(
                "the deadline {} passed {ago} {} ago; partial credit until the soglia {} ({left} {} left)",
                day(deadline),
                days(*ago),
                day(soglia),
                days(*left)
            ),
            Note::PassedSogliaToo { deadline, ago, soglia } if it => format!(
                "la scadenza {} è passata da {ago} {}, e anche la soglia {}: la data ancora da dare vale 0",
                day(deadline),
                days(*ago),
                day(soglia)
            ),
            Note::PassedSogliaToo { deadline, ago, soglia } => format!(
                "the deadline {} passed {ago} {} ago and the soglia {} too: the date still to come scores 0",
                day(deadline),
                days(*ago),
                day(soglia)
            ),
            Note::PassedNoSoglia { deadline, ago } if it => format!(
                "la scadenza {} è passata da {ago} {}, senza soglia: la data ancora da dare vale 0",
                day(deadline),
                days(*ago)
            ),
            Note::PassedNoSoglia { deadline, ago } => format!(
                "the deadline {} passed {ago} {} ago, with no soglia: the date still to come scores 0",
                day(deadline),
                days(*ago)
            ),
        }
    }

    /// Why no value reaches the target or the score asked for.
    pub fn unreachable(self, why: &Unreachable) -> String {
        let n = |x: &Decimal| match self {
            Lang::Italian => grouped(*x, NumberFormat::Italian, 28, 0),
            Lang::English => x.normalize().to_string(),
        };
        let dp = PRINTED_DP;
        match (self, why) {
            (Lang::Italian, Unreachable::BeyondAchieving { score }) => format!(
                "nessun valore dà {}: il superamento conta solo con --scoring ratio e --cap, con un target sopra 0 (o, se è meglio meno, da 0 in su)",
                n(score)
            ),
            (Lang::English, Unreachable::BeyondAchieving { score }) => format!(
                "no value scores {}: over-achievement counts only under --scoring ratio with --cap, against a target above 0 (or, lower is better, 0 or more)",
                n(score)
            ),
            (Lang::Italian, Unreachable::NoPrintedValueScores { score }) => {
                format!("nessun valore scritto con {dp} decimali dà {}", n(score))
            }
            (Lang::English, Unreachable::NoPrintedValueScores { score }) => {
                format!("no value printed to {dp} decimals scores {}", n(score))
            }
            (Lang::Italian, Unreachable::TargetNotPrintable) => {
                format!("il target non si raggiunge con un valore scritto con {dp} decimali")
            }
            (Lang::English, Unreachable::TargetNotPrintable) => {
                format!("the target cannot be met by a value printed to {dp} decimals")
            }
            (Lang::Italian, Unreachable::NotArithmetic { kind }) => {
                format!("all'indicatore serve {}, che il calcolo della sua formula non può dare", self.kind(kind))
            }
            (Lang::English, Unreachable::NotArithmetic { kind }) => {
                format!("the indicator needs {}, which its formula's arithmetic cannot give", self.kind(kind))
            }
            (Lang::Italian, Unreachable::NeverComputed { name }) => format!(
                "nessun valore di {name} lo raggiunge: la formula non si può calcolare qualunque sia {name} (una divisione per zero, o un valore che non è un numero)"
            ),
            (Lang::English, Unreachable::NeverComputed { name }) => format!(
                "no value of {name} reaches it: the formula cannot be computed whatever {name} is (a division by zero, or a value that is not a number)"
            ),
            (Lang::Italian, Unreachable::NotMonotonic { name }) => format!(
                "non si può indicare un valore di {name}: la formula non è monotona in questa quantità, quindi andrebbe bene più di un tratto dei suoi valori"
            ),
            (Lang::English, Unreachable::NotMonotonic { name }) => format!(
                "no value of {name} can be given: the formula is not monotonic in it, so more than one stretch of its values would do"
            ),
            (Lang::Italian, Unreachable::OutOfRange { name }) => format!(
                "nessun valore di {name} lo raggiunge: la formula non ci arriva qualunque sia {name} (un min o un max la limita, o il target è oltre i suoi valori)"
            ),
            (Lang::English, Unreachable::OutOfRange { name }) => format!(
                "no value of {name} reaches it: the formula cannot get there whatever {name} is (a min or max caps it, or the target is beyond its range)"
            ),
            (Lang::Italian, Unreachable::NotFound { name }) => format!(
                "nessun valore di {name} trovato: la formula la legge più di una volta, dentro abs o in un divisore, quindi può non essere monotona in questa quantità, e la ricerca da -10^27 a 10^27 non ne ha trovato uno che lo raggiunga"
            ),
            (Lang::English, Unreachable::NotFound { name }) => format!(
                "no value of {name} was found: the formula reads it more than once, inside abs or in a divisor, so it may not be monotonic in it, and the search from -10^27 to 10^27 found none that reaches it"
            ),
            (Lang::Italian, Unreachable::NotExactly { name, target }) => {
                format!("nessun valore di {name} scritto con {dp} decimali lo rende esattamente {}", n(target))
            }
            (Lang::English, Unreachable::NotExactly { name, target }) => {
                format!("no value of {name} printed to {dp} decimals makes it exactly {}", n(target))
            }
            (Lang::Italian, Unreachable::NotFoundExactly { name, target }) => format!(
                "nessun valore di {name} trovato che lo renda esattamente {}: la formula la legge più di una volta, dentro abs o in un divisore, quindi può non essere monotona in questa quantità",
                n(target)
            ),
            (Lang::English, Unreachable::NotFoundExactly { name, target }) => format!(
                "no value of {name} was found that makes it exactly {}: the formula reads it more than once, inside abs or in a divisor, so it may not be monotonic in it",
                n(target)
            ),
            (Lang::Italian, Unreachable::NoPrintedValueReaches { name }) => {
                format!("nessun valore di {name} scritto con {dp} decimali lo raggiunge")
            }
            (Lang::English, Unreachable::NoPrintedValueReaches { name }) => {
                format!("no value of {name} printed to {dp} decimals reaches it")
            }
        }
    }
}

/// Quantities with their years: `[a] 2024, [b](N-1) 2023`.
fn listed(quantities: &[(Quantity, i32)]) -> String {
    quantities.iter().map(|(q, year)| format!("{q} {year}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(written: &str) -> Quantity {
        crate::formula::Formula::parse(written).unwrap().quantities()[0].clone()
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    /// Every note, with the English the machine formats have always written
    /// (dates in the default style, `31-12-2024`) and its Italian.
    fn every_note() -> Vec<(Note, &'static str, &'static str)> {
        let (a, b) = (quantity("[a]"), quantity("[b](N-1)"));
        let name = || "[a]".to_string();
        let unreachable = |u| Note::Unreachable(u);
        vec![
            (
                Note::NoTarget { year: 2024 },
                "no target for 2024: not part of the year's evaluation",
                "nessun target per il 2024: fuori dalla valutazione dell'anno",
            ),
            (Note::Decided(None), "nothing is needed: decided by the evaluator", "non serve nulla: deciso dal valutatore"),
            (
                Note::Decided(Some(crate::evaluate::Message::Neutralized {
                    place: "a.csv:3".into(),
                    note: "Sciopero".into(),
                })),
                "nothing is needed: neutralized by the evaluator (a.csv:3): Sciopero",
                "non serve nulla: neutralizzato dal valutatore (a.csv:3): Sciopero",
            ),
            (Note::AchievedSoFar, "achieved with the value so far", "raggiunto con il valore finora"),
            (Note::Failed(None), "", ""),
            (
                Note::SeveralToCome(vec![(a.clone(), 2024), (b.clone(), 2023)]),
                "2 quantities still to come ([a] 2024, [b](N-1) 2023): the needed value of one is solved once the others are given, or name it with --solve",
                "2 quantità ancora da dare ([a] 2024, [b](N-1) 2023): il valore che serve a una si calcola quando le altre sono date, o indicala con --solve",
            ),
            (
                Note::OthersToCome { unknown: a.clone(), others: vec![(b.clone(), 2023)] },
                "[a] cannot be solved for while [b](N-1) 2023 is still to come",
                "[a] non si può calcolare finché manca [b](N-1) 2023",
            ),
            (
                Note::AnyValue { unknown: a.clone(), year: 2024 },
                "whatever [a] 2024 is (0 or more), the target is reached",
                "qualunque sia [a] 2024 (0 o più), il target è raggiunto",
            ),
            // 30-06 → 31-12 is 184 days
            (
                Note::DaysLeft { days: 184, deadline: day(12, 31) },
                "184 days left to the deadline 31-12-2024",
                "mancano 184 giorni alla scadenza 31-12-2024",
            ),
            (
                Note::DaysLeft { days: 1, deadline: day(7, 1) },
                "1 day left to the deadline 01-07-2024",
                "manca 1 giorno alla scadenza 01-07-2024",
            ),
            (
                Note::PassedBeforeSoglia { deadline: day(3, 31), ago: 1, soglia: day(7, 31), left: 31 },
                "the deadline 31-03-2024 passed 1 day ago; partial credit until the soglia 31-07-2024 (31 days left)",
                "la scadenza 31-03-2024 è passata da 1 giorno; credito parziale fino alla soglia 31-07-2024 (mancano 31 giorni)",
            ),
            (
                Note::PassedSogliaToo { deadline: day(3, 31), ago: 91, soglia: day(4, 30) },
                "the deadline 31-03-2024 passed 91 days ago and the soglia 30-04-2024 too: the date still to come scores 0",
                "la scadenza 31-03-2024 è passata da 91 giorni, e anche la soglia 30-04-2024: la data ancora da dare vale 0",
            ),
            (
                Note::PassedNoSoglia { deadline: day(3, 31), ago: 91 },
                "the deadline 31-03-2024 passed 91 days ago, with no soglia: the date still to come scores 0",
                "la scadenza 31-03-2024 è passata da 91 giorni, senza soglia: la data ancora da dare vale 0",
            ),
            (
                unreachable(Unreachable::BeyondAchieving { score: "110.50".parse().unwrap() }),
                "no value scores 110.5: over-achievement counts only under --scoring ratio with --cap, against a target above 0 (or, lower is better, 0 or more)",
                "nessun valore dà 110,5: il superamento conta solo con --scoring ratio e --cap, con un target sopra 0 (o, se è meglio meno, da 0 in su)",
            ),
            (
                unreachable(Unreachable::NoPrintedValueScores { score: "120".parse().unwrap() }),
                "no value printed to 10 decimals scores 120",
                "nessun valore scritto con 10 decimali dà 120",
            ),
            (
                unreachable(Unreachable::TargetNotPrintable),
                "the target cannot be met by a value printed to 10 decimals",
                "il target non si raggiunge con un valore scritto con 10 decimali",
            ),
            (
                unreachable(Unreachable::NotArithmetic { kind: "date" }),
                "the indicator needs a date, which its formula's arithmetic cannot give",
                "all'indicatore serve una data, che il calcolo della sua formula non può dare",
            ),
            (
                unreachable(Unreachable::NeverComputed { name: name() }),
                "no value of [a] reaches it: the formula cannot be computed whatever [a] is (a division by zero, or a value that is not a number)",
                "nessun valore di [a] lo raggiunge: la formula non si può calcolare qualunque sia [a] (una divisione per zero, o un valore che non è un numero)",
            ),
            (
                unreachable(Unreachable::NotMonotonic { name: name() }),
                "no value of [a] can be given: the formula is not monotonic in it, so more than one stretch of its values would do",
                "non si può indicare un valore di [a]: la formula non è monotona in questa quantità, quindi andrebbe bene più di un tratto dei suoi valori",
            ),
            (
                unreachable(Unreachable::OutOfRange { name: name() }),
                "no value of [a] reaches it: the formula cannot get there whatever [a] is (a min or max caps it, or the target is beyond its range)",
                "nessun valore di [a] lo raggiunge: la formula non ci arriva qualunque sia [a] (un min o un max la limita, o il target è oltre i suoi valori)",
            ),
            (
                unreachable(Unreachable::NotFound { name: name() }),
                "no value of [a] was found: the formula reads it more than once, inside abs or in a divisor, so it may not be monotonic in it, and the search from -10^27 to 10^27 found none that reaches it",
                "nessun valore di [a] trovato: la formula la legge più di una volta, dentro abs o in un divisore, quindi può non essere monotona in questa quantità, e la ricerca da -10^27 a 10^27 non ne ha trovato uno che lo raggiunga",
            ),
            (
                unreachable(Unreachable::NotExactly { name: name(), target: "1.050".parse().unwrap() }),
                "no value of [a] printed to 10 decimals makes it exactly 1.05",
                "nessun valore di [a] scritto con 10 decimali lo rende esattamente 1,05",
            ),
            (
                unreachable(Unreachable::NotFoundExactly { name: name(), target: "2".parse().unwrap() }),
                "no value of [a] was found that makes it exactly 2: the formula reads it more than once, inside abs or in a divisor, so it may not be monotonic in it",
                "nessun valore di [a] trovato che lo renda esattamente 2: la formula la legge più di una volta, dentro abs o in un divisore, quindi può non essere monotona in questa quantità",
            ),
            (
                unreachable(Unreachable::NoPrintedValueReaches { name: name() }),
                "no value of [a] printed to 10 decimals reaches it",
                "nessun valore di [a] scritto con 10 decimali lo raggiunge",
            ),
        ]
    }

    #[test]
    fn every_note_in_english_is_the_text_the_machine_formats_have_always_written() {
        for (note, english, _) in every_note() {
            assert_eq!(Lang::machine_needs_notes(std::slice::from_ref(&note)).unwrap(), english);
        }
    }

    #[test]
    fn every_note_has_its_italian() {
        for (note, _, italian) in every_note() {
            assert_eq!(Lang::Italian.needs_note(&note, Lang::Italian.figures()), italian);
        }
    }

    #[test]
    fn notes_are_joined_and_english_readers_get_english_dates() {
        let notes = [Note::AchievedSoFar, Note::DaysLeft { days: 184, deadline: day(12, 31) }];
        assert_eq!(
            Lang::English.needs_notes(&notes, Lang::English.figures()).unwrap(),
            "achieved with the value so far; 184 days left to the deadline 31/12/2024"
        );
        assert_eq!(Lang::Italian.needs_notes(&[], Lang::Italian.figures()), None);
    }

    #[test]
    fn every_variant_is_covered() {
        // A new variant fails to compile here until it is added to `every_note`.
        let kind = |n: &Note| match n {
            Note::NoTarget { .. } => 0,
            Note::Decided(_) => 1,
            Note::AchievedSoFar => 2,
            Note::Failed(_) => 3,
            Note::Unreachable(u) => match u {
                Unreachable::BeyondAchieving { .. } => 10,
                Unreachable::NoPrintedValueScores { .. } => 11,
                Unreachable::TargetNotPrintable => 12,
                Unreachable::NotArithmetic { .. } => 13,
                Unreachable::NeverComputed { .. } => 14,
                Unreachable::NotMonotonic { .. } => 15,
                Unreachable::OutOfRange { .. } => 16,
                Unreachable::NotFound { .. } => 17,
                Unreachable::NotExactly { .. } => 18,
                Unreachable::NotFoundExactly { .. } => 19,
                Unreachable::NoPrintedValueReaches { .. } => 20,
            },
            Note::SeveralToCome(_) => 4,
            Note::OthersToCome { .. } => 5,
            Note::AnyValue { .. } => 6,
            Note::DaysLeft { .. } => 7,
            Note::PassedBeforeSoglia { .. } => 8,
            Note::PassedSogliaToo { .. } => 9,
            Note::PassedNoSoglia { .. } => 21,
        };
        let kinds: std::collections::BTreeSet<i32> = every_note().iter().map(|(n, _, _)| kind(n)).collect();
        assert_eq!(kinds.len(), 22);
    }
}
