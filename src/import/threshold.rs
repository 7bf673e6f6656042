//! Reading the soglia (threshold) out of an indicator's description.
//!
//! The plan states it in free text: `SOGLIA 85%`, `SOGLIA 4 GG`, `SOGLIA 3`,
//! `SOGLIA >= 80%`, sometimes twice (`… SOGLIA 80 *anno 2024: … SOGLIA 80`),
//! sometimes ambiguously (`SOGLIA 5% soglia 2023 3% dal 2024 soglia 0`,
//! `SOGLIA 0 d`). A soglia changes scores (README, "Scoring"), so only a clear one is
//! taken; anything else is left empty and reported.

use super::cell_value::{canonical_unit, split_number_and_unit, strip_comparator};
use super::text::{excerpt, is_soglia_word, words, Word};

/// The soglia read from a text, and what the reader should double-check.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct SogliaReading {
    /// The soglia in the plan's Italian spelling with the targets' unit
    /// (`85%`, `4 gg`, `3 N.`), when the text states one clearly.
    pub(crate) threshold: Option<String>,
    pub(crate) notes: Vec<String>,
}

/// One `soglia <value>` found in the text.
struct Mention {
    number: String,
    unit: Option<&'static str>,
    /// False when something other than a footnote or another soglia follows
    /// the value (`SOGLIA 0 d`, `soglia 2023 3%`).
    clean: bool,
}

/// Reads the soglia stated in `texts` (the cells that may state it, each
/// read on its own), writing a bare number in the unit of the indicator's
/// targets (`target_unit`).
pub(crate) fn read_soglia(texts: &[String], target_unit: Option<&str>) -> SogliaReading {
    let mut mentions = Vec::new();
    let mut stated = Vec::new();
    for text in texts {
        let all = words(text);
        let starts: Vec<usize> = (0..all.len()).filter(|&i| is_soglia_word(all[i].text)).collect();
        if let Some(&first) = starts.first() {
            stated.push(text[all[first].start..].trim());
        }
        mentions.extend(starts.iter().map(|&i| mention_at(&all, i)));
    }
    if mentions.is_empty() {
        return SogliaReading::default();
    }
    let stated = stated.join(" … ");
    let unclear = || SogliaReading {
        threshold: None,
        notes: vec![format!("soglia not clear, left empty: '{}'", excerpt(&stated, 90))],
    };

    let mut clear = Vec::new();
    for mention in mentions {
        match mention {
            Some(m) if m.clean => clear.push(m),
            _ => return unclear(),
        }
    }
    let first_mention = &clear[0];
    if clear.iter().any(|m| m.number != first_mention.number || m.unit != first_mention.unit) {
        return unclear();
    }

    let mut notes = Vec::new();
    if clear.len() > 1 {
        notes.push(format!("soglia stated {} times, always {}", clear.len(), first_mention.number));
    }
    let number = &first_mention.number;
    let threshold = match (first_mention.unit, target_unit) {
        (Some(unit), _) => with_unit(number, unit),
        (None, Some("date")) => {
            notes.push(format!("soglia '{number}' is a number but the targets are deadlines: left empty"));
            return SogliaReading { threshold: None, notes };
        }
        (None, Some("%")) => {
            if !is_zero(number) {
                notes.push(format!("soglia '{number}' has no unit: read as {number}% like the targets"));
            }
            with_unit(number, "%")
        }
        (None, Some(unit)) => with_unit(number, unit),
        (None, None) => number.clone(),
    };
    SogliaReading { threshold: Some(threshold), notes }
}

/// Reads the value after the word `soglia` at `all[at]`.
fn mention_at(all: &[Word<'_>], at: usize) -> Option<Mention> {
    let mut next = at + 1;
    let mut value = all.get(next)?.text;
    if strip_comparator(value).is_empty() {
        next += 1;
        value = all.get(next)?.text;
    }
    let value = strip_comparator(value);
    let (number, attached_unit) = split_number_and_unit(value)?;
    next += 1;
    let mut unit = canonical_unit(attached_unit).filter(|_| !attached_unit.is_empty());
    if unit.is_none() {
        if let Some(word) = all.get(next) {
            if let Some(found) = canonical_unit(word.text) {
                unit = Some(found);
                next += 1;
            }
        }
    }
    let clean = match all.get(next) {
        None => true,
        Some(word) => word.text.starts_with('*') || is_soglia_word(word.text),
    };
    Some(Mention { number: number.to_string(), unit, clean })
}

/// `85` and `%` → `85%`; `4` and `gg` → `4 gg`.
fn with_unit(number: &str, unit: &str) -> String {
    if unit == "%" {
        format!("{number}%")
    } else {
        format!("{number} {unit}")
    }
}

fn is_zero(number: &str) -> bool {
    number.chars().all(|c| matches!(c, '0' | ',' | '.'))
}

/// A percentage with a starting year (`… n-1 5% (dal 2022)`) in a
/// description without the word soglia: probably a soglia, never taken
/// silently.
pub(crate) fn unlabelled_soglia_hint(description: &str) -> Option<String> {
    let all = words(description);
    all.windows(3).find_map(|w| {
        let is_percent = split_number_and_unit(w[0].text).is_some_and(|(_, unit)| unit == "%");
        let from_year = w[1].text.eq_ignore_ascii_case("(dal")
            && w[2].text.trim_end_matches(')').len() == 4
            && w[2].text.ends_with(')');
        (is_percent && from_year).then(|| {
            format!(
                "description states '{} {} {}' without the word soglia: possibly a soglia, not used",
                w[0].text, w[1].text, w[2].text
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, unit: Option<&str>) -> SogliaReading {
        read_soglia(&[text.to_string()], unit)
    }

    fn threshold(text: &str, unit: Option<&str>) -> Option<String> {
        read(text, unit).threshold
    }

    #[test]
    fn clear_soglie_keep_their_unit() {
        assert_eq!(threshold("Soddisfazione SOGLIA 85%", Some("%")).as_deref(), Some("85%"));
        assert_eq!(threshold("evasione SOGLIA 4 GG", Some("gg")).as_deref(), Some("4 gg"));
        assert_eq!(threshold("KPI SOGLIA >= 80%", Some("%")).as_deref(), Some("80%"));
        assert_eq!(threshold("SOGLIA 3", Some("N.")).as_deref(), Some("3 N."));
        assert_eq!(threshold("Registro SOGLIA 8", Some("gg")).as_deref(), Some("8 gg"));
        assert_eq!(threshold("- SOGLIA 80", None).as_deref(), Some("80"));
    }

    #[test]
    fn bare_number_against_percent_targets_is_a_percent_and_reported() {
        let reading = read("Corsi SOGLIA 80", Some("%"));
        assert_eq!(reading.threshold.as_deref(), Some("80%"));
        assert_eq!(reading.notes.len(), 1);
        let zero = read("fasi SOGLIA 0", Some("%"));
        assert_eq!(zero.threshold.as_deref(), Some("0%"));
        assert!(zero.notes.is_empty());
    }

    #[test]
    fn repeated_equal_soglie_are_accepted() {
        let reading = read("eventi SOGLIA 80 *anno 2024: Salone del Libro SOGLIA 80", Some("%"));
        assert_eq!(reading.threshold.as_deref(), Some("80%"));
    }

    #[test]
    fn ambiguous_soglie_are_left_empty() {
        for text in
            ["persone SOGLIA 5% soglia 2023 3% dal 2024 soglia 0", "civ. SOGLIA 0 d", "SOGLIA", "SOGLIA da definire"]
        {
            let reading = read(text, Some("%"));
            assert_eq!(reading.threshold, None, "{text}");
            assert_eq!(reading.notes.len(), 1, "{text}");
        }
    }

    #[test]
    fn soglia_closing_the_name_cell_is_not_mixed_with_the_description() {
        let reading =
            read_soglia(&["Eventi con scuole SOGLIA 0".to_string(), "Eventi con scuole".to_string()], Some("N."));
        assert_eq!(reading.threshold.as_deref(), Some("0 N."));
    }

    #[test]
    fn percent_with_starting_year_is_a_hint() {
        assert!(unlabelled_soglia_hint("rispetto all'anno n-1 5% (dal 2022)").is_some());
        assert!(unlabelled_soglia_hint("Diritto Annuale del 20%").is_none());
    }
}
