//! The evaluation's messages (why an indicator has no score, how the
//! evaluator decided it) worded in Italian and in English. The English
//! wording is also the machine formats' `message`, whatever `--lang`.

use rust_decimal::Decimal;

use crate::evaluate::score::Unscorable;
use crate::evaluate::Message;
use crate::figure::{canonical, grouped};
use crate::formula::{Cause, Failure};
use crate::value::NumberFormat;

use super::Lang;

impl Lang {
    /// An evaluation's message in this language: `nessun valore per [X] nel 2024`.
    pub fn message(self, message: &Message) -> String {
        let it = self == Lang::Italian;
        match message {
            Message::NoValue { code, year } if it => format!(
                "nessun valore per il {year}: i dati a consuntivo non hanno una riga per {code} con la variabile vuota, e il piano non ha né formula né baseline_{year}"
            ),
            Message::NoValue { code, year } => format!(
                "no value for {year}: the actuals have no row for {code} with a blank variable, and the plan has no formula or baseline_{year}"
            ),
            Message::MissingQuantities(quantities) => {
                let (lead, at) = if it { ("nessun valore per", "nel") } else { ("no value for", "in") };
                let names: Vec<String> = quantities.iter().map(|(q, year)| format!("{q} {at} {year}")).collect();
                format!("{lead} {}", names.join(", "))
            }
            Message::Failed(failure) => self.failure(failure),
            Message::Unscorable(why) => self.unscorable(why),
            Message::Neutralized { place, note } if it => format!("neutralizzato dal valutatore ({place}): {note}"),
            Message::Neutralized { place, note } => format!("neutralized by the evaluator ({place}): {note}"),
            Message::Forced { score, place, note, computed } => {
                let computed = match computed {
                    Some((status, Some(score))) => format!("{} ({})", self.score(*score), self.computed_status(*status)),
                    Some((status, None)) => self.computed_status(*status).to_string(),
                    None => String::new(),
                };
                if it {
                    format!(
                        "punteggio imposto a {} dal valutatore ({place}): {note}; calcolato: {computed}",
                        self.score(*score)
                    )
                } else {
                    format!("score forced to {} by the evaluator ({place}): {note}; computed: {computed}", self.score(*score))
                }
            }
        }
    }

    /// Why a formula's arithmetic failed: ``division by zero in `[a] / [b]` ``.
    pub fn failure(self, failure: &Failure) -> String {
        let cause = match (self, &failure.cause) {
            (Lang::Italian, Cause::DivisionByZero(_)) => "divisione per zero".to_string(),
            (Lang::Italian, Cause::Overflow) => "risultato troppo grande da calcolare".to_string(),
            (Lang::Italian, Cause::NotANumber(q, kind)) => {
                format!("{q} è {}, che non si può usare in un calcolo,", self.kind(kind))
            }
            (Lang::English, Cause::DivisionByZero(_)) => "division by zero".to_string(),
            (Lang::English, Cause::Overflow) => "overflow".to_string(),
            (Lang::English, Cause::NotANumber(q, kind)) => {
                format!("{q} is {}, which cannot be used in arithmetic", self.kind(kind))
            }
        };
        format!("{cause} in `{}`", failure.formula)
    }

    /// Why a value cannot be scored against its target.
    pub fn unscorable(self, why: &Unscorable) -> String {
        match (self, why) {
            (Lang::Italian, Unscorable::KindMismatch { value, target }) => {
                format!("il valore è {} ma il target richiede {}", self.kind(value), self.kind(target))
            }
            (Lang::Italian, Unscorable::Overflow) => {
                "il punteggio è troppo grande da calcolare: valore e target sono troppo distanti".to_string()
            }
            (Lang::English, Unscorable::KindMismatch { value, target }) => {
                format!("the value is {} but the target needs {}", self.kind(value), self.kind(target))
            }
            (Lang::English, Unscorable::Overflow) => {
                "the score overflows: the value and the target are too far apart".to_string()
            }
        }
    }

    /// A kind of value (`Value::kind`) with its article: `una data`, `a date`.
    pub(super) fn kind(self, kind: &str) -> String {
        match (self, kind) {
            (Lang::Italian, "number") => "un numero".to_string(),
            (Lang::Italian, "date") => "una data".to_string(),
            (Lang::Italian, "yes/no value") => "un valore SI/NO".to_string(),
            (Lang::Italian, other) => format!("un {other}"),
            (Lang::English, other) => format!("a {other}"),
        }
    }

    /// The score the evaluator forced, or the one computed before it, to two
    /// places: `83,32` in Italian, `83.32` in English (trailing zeros dropped).
    fn score(self, score: Decimal) -> String {
        match self {
            Lang::Italian => grouped(score, NumberFormat::Italian, 2, 0),
            Lang::English => canonical::number(score, 2),
        }
    }

    /// The status computed before the evaluator's decision: in English the
    /// machine formats' name (`no-target`), as the message has always said.
    fn computed_status(self, status: crate::evaluate::score::Status) -> &'static str {
        match self {
            Lang::Italian => self.status(status),
            Lang::English => status.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::score::Status;
    use crate::formula::Quantity;

    fn quantity(name: &str, lag: u32) -> Quantity {
        let written = if lag == 0 { format!("[{name}]") } else { format!("[{name}](N-{lag})") };
        crate::formula::Formula::parse(&written).unwrap().quantities()[0].clone()
    }

    fn failure(cause: Cause) -> Message {
        Message::Failed(Failure { cause, formula: "[Data consegna] + 1".to_string() })
    }

    /// Every variant, with the English text the evaluation has always given
    /// (the machine formats' `message`, byte for byte) and its Italian.
    fn every_message() -> Vec<(Message, &'static str, &'static str)> {
        let forced = |computed| Message::Forced {
            score: "83.325".parse().unwrap(),
            place: "actuals.csv:11".to_string(),
            note: "Obiettivo raggiunto nei fatti".to_string(),
            computed,
        };
        vec![
            (
                Message::NoValue { code: "K2".to_string(), year: 2024 },
                "no value for 2024: the actuals have no row for K2 with a blank variable, and the plan has no formula or baseline_2024",
                "nessun valore per il 2024: i dati a consuntivo non hanno una riga per K2 con la variabile vuota, e il piano non ha né formula né baseline_2024",
            ),
            (
                Message::MissingQuantities(vec![(quantity("Pratiche evase", 0), 2024)]),
                "no value for [Pratiche evase] in 2024",
                "nessun valore per [Pratiche evase] nel 2024",
            ),
            (
                Message::MissingQuantities(vec![(quantity("a", 0), 2024), (quantity("a", 1), 2023)]),
                "no value for [a] in 2024, [a](N-1) in 2023",
                "nessun valore per [a] nel 2024, [a](N-1) nel 2023",
            ),
            (
                Message::Failed(Failure {
                    cause: Cause::DivisionByZero(vec![quantity("Utenti", 0)]),
                    formula: "[Reclami] / [Utenti]".to_string(),
                }),
                "division by zero in `[Reclami] / [Utenti]`",
                "divisione per zero in `[Reclami] / [Utenti]`",
            ),
            (failure(Cause::Overflow), "overflow in `[Data consegna] + 1`", "risultato troppo grande da calcolare in `[Data consegna] + 1`"),
            (
                failure(Cause::NotANumber(quantity("Data consegna", 0), "date")),
                "[Data consegna] is a date, which cannot be used in arithmetic in `[Data consegna] + 1`",
                "[Data consegna] è una data, che non si può usare in un calcolo, in `[Data consegna] + 1`",
            ),
            (
                failure(Cause::NotANumber(quantity("Fatto", 0), "yes/no value")),
                "[Fatto] is a yes/no value, which cannot be used in arithmetic in `[Data consegna] + 1`",
                "[Fatto] è un valore SI/NO, che non si può usare in un calcolo, in `[Data consegna] + 1`",
            ),
            (
                Message::Unscorable(Unscorable::KindMismatch { value: "number", target: "date" }),
                "the value is a number but the target needs a date",
                "il valore è un numero ma il target richiede una data",
            ),
            (
                Message::Unscorable(Unscorable::Overflow),
                "the score overflows: the value and the target are too far apart",
                "il punteggio è troppo grande da calcolare: valore e target sono troppo distanti",
            ),
            (
                Message::Neutralized { place: "actuals.csv:9".to_string(), note: "Sciopero nazionale".to_string() },
                "neutralized by the evaluator (actuals.csv:9): Sciopero nazionale",
                "neutralizzato dal valutatore (actuals.csv:9): Sciopero nazionale",
            ),
            // 83.325 rounds half away from zero to 83.33; 80 keeps no decimals
            (
                forced(Some((Status::Partial, Some("80".parse().unwrap())))),
                "score forced to 83.33 by the evaluator (actuals.csv:11): Obiettivo raggiunto nei fatti; computed: 80 (partial)",
                "punteggio imposto a 83,33 dal valutatore (actuals.csv:11): Obiettivo raggiunto nei fatti; calcolato: 80 (parziale)",
            ),
            (
                forced(Some((Status::NoTarget, None))),
                "score forced to 83.33 by the evaluator (actuals.csv:11): Obiettivo raggiunto nei fatti; computed: no-target",
                "punteggio imposto a 83,33 dal valutatore (actuals.csv:11): Obiettivo raggiunto nei fatti; calcolato: senza target",
            ),
            (
                forced(None),
                "score forced to 83.33 by the evaluator (actuals.csv:11): Obiettivo raggiunto nei fatti; computed: ",
                "punteggio imposto a 83,33 dal valutatore (actuals.csv:11): Obiettivo raggiunto nei fatti; calcolato: ",
            ),
        ]
    }

    #[test]
    fn every_message_in_english_is_the_text_the_machine_formats_have_always_written() {
        for (message, english, _) in every_message() {
            assert_eq!(Lang::English.message(&message), english);
        }
    }

    #[test]
    fn every_message_has_its_italian() {
        for (message, _, italian) in every_message() {
            assert_eq!(Lang::Italian.message(&message), italian);
        }
    }

    #[test]
    fn every_variant_is_covered() {
        // A new variant fails to compile here until it is added to `every_message`.
        let covered = |m: &Message| match m {
            Message::NoValue { .. }
            | Message::MissingQuantities(_)
            | Message::Failed(_)
            | Message::Unscorable(_)
            | Message::Neutralized { .. }
            | Message::Forced { .. } => true,
        };
        let all = every_message();
        assert!(all.iter().all(|(m, _, _)| covered(m)));
        let variants: std::collections::HashSet<std::mem::Discriminant<Message>> =
            all.iter().map(|(m, _, _)| std::mem::discriminant(m)).collect();
        assert_eq!(variants.len(), 6);
    }
}
