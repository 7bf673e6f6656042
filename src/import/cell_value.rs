//! Recognising value cells (baselines, targets, weights) of the published
//! layout without interpreting them.
//!
//! The importer keeps the document's own text in every value cell (SPEC §2 is
//! the evaluator's business); it only needs to know where the text cells of a
//! row end and its value cells begin, which unit they carry, and what a weight
//! adds up to when siblings are compared.

use rust_decimal::Decimal;
use std::str::FromStr;

/// Spellings of "no value" (SPEC §2).
const NOTHING: [&str; 5] = ["n/d", "nd", "n.d.", "n.d", "-"];

/// Comparators a target may open with (SPEC §5), longest first.
const COMPARATORS: [&str; 7] = [">=", "<=", "≥", "≤", ">", "<", "="];

/// Whether a non-empty cell is a value rather than text: `N/D`, `114,67 %`,
/// `>= 2 N.`, `1,92 gg`, `Entro 31-03-2024`, `11-05-2021`, `100`, `SI`.
pub(crate) fn is_value_cell(cell: &str) -> bool {
    let cell = cell.trim();
    if cell.is_empty() || is_nothing(cell) {
        return true;
    }
    if ["si", "sì", "no"].iter().any(|b| cell.eq_ignore_ascii_case(b)) || cell == "SÌ" {
        return true;
    }
    let rest = strip_comparator(cell);
    if let Some(date) = strip_deadline_word(rest) {
        return is_date(date);
    }
    is_date(rest) || split_number_and_unit(rest).is_some()
}

/// Whether the cell says "no value" (`N/D`, `ND`, `n.d.`, `-`).
pub(crate) fn is_nothing(cell: &str) -> bool {
    let cell = cell.trim();
    NOTHING.iter().any(|n| cell.eq_ignore_ascii_case(n))
}

/// Whether the cell is a deadline target or a date (`Entro 31-03-2024`).
pub(crate) fn is_deadline(cell: &str) -> bool {
    let rest = strip_comparator(cell.trim());
    match strip_deadline_word(rest) {
        Some(date) => is_date(date),
        None => is_date(rest),
    }
}

/// The unit a value cell is written in: `%`, `gg`, `N.`, `€` or `date`.
pub(crate) fn unit_of(cell: &str) -> Option<&'static str> {
    let cell = cell.trim();
    if cell.is_empty() || is_nothing(cell) {
        return None;
    }
    if is_deadline(cell) {
        return Some("date");
    }
    let (_, unit) = split_number_and_unit(strip_comparator(cell))?;
    canonical_unit(unit)
}

/// The unit words the plan uses, in the spelling kpi displays.
pub(crate) fn canonical_unit(word: &str) -> Option<&'static str> {
    match word.trim().to_lowercase().as_str() {
        "%" => Some("%"),
        "gg" | "gg." | "giorni" => Some("gg"),
        "n." | "n" => Some("N."),
        "€" | "euro" => Some("€"),
        _ => None,
    }
}

/// A weight as the plan writes it (`20,00%`, `33,34 %`, `100%`), as the
/// number of percent points. `None` for anything else.
pub(crate) fn parse_weight(cell: &str) -> Option<Decimal> {
    let number = cell.trim().strip_suffix('%')?.trim_end();
    let (integer, fraction) = match number.split_once([',', '.']) {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (number, None),
    };
    let digits_ok = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits_ok(integer) || integer.len() > 3 || !fraction.is_none_or(digits_ok) {
        return None;
    }
    let text = match fraction {
        Some(fraction) => format!("{integer}.{fraction}"),
        None => integer.to_string(),
    };
    Decimal::from_str(&text).ok()
}

/// Formats percent points the Italian way for review messages: `110,00 %`.
pub(crate) fn format_percent(points: Decimal) -> String {
    format!("{:.2} %", points).replace('.', ",")
}

/// Removes a leading comparator (`>=`, `<`, …) and the spaces after it.
pub(crate) fn strip_comparator(cell: &str) -> &str {
    for comparator in COMPARATORS {
        if let Some(rest) = cell.strip_prefix(comparator) {
            return rest.trim_start();
        }
    }
    cell
}

/// The date after `Entro`, `entro il` or `by`, when the cell opens with one.
fn strip_deadline_word(cell: &str) -> Option<&str> {
    let (first, rest) = cell.split_once(' ')?;
    if !(first.eq_ignore_ascii_case("entro") || first.eq_ignore_ascii_case("by")) {
        return None;
    }
    let rest = rest.trim_start();
    Some(match rest.split_once(' ') {
        Some((article, date)) if article.eq_ignore_ascii_case("il") => date.trim(),
        _ => rest.trim(),
    })
}

/// `31-03-2024`, `31/03/2024` or `2024-03-31`: a calendar day with a
/// 4-digit year (the calendar itself is checked by the evaluator).
pub(crate) fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    matches!(lengths.as_slice(), [1 | 2, 1 | 2, 4] | [4, 1 | 2, 1 | 2])
}

/// Splits `114,67 %`, `1.336 N.`, `-7,73%` or `100` into the number text and
/// the unit text; `None` when the cell is not a number with a known unit.
pub(crate) fn split_number_and_unit(cell: &str) -> Option<(&str, &str)> {
    let end = cell
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || (i == 0 && c == '-')))
        .map_or(cell.len(), |(i, _)| i);
    let number = cell[..end].trim_end_matches(['.', ',']);
    let unit = cell[number.len()..].trim();
    let has_digit = number.chars().any(|c| c.is_ascii_digit());
    let unit_ok = unit.is_empty() || canonical_unit(unit).is_some();
    (has_digit && unit_ok).then_some((number, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_cells_of_the_plan_are_recognised() {
        for cell in [
            "N/D",
            "114,67 %",
            "22,74%",
            ">= 105,00 %",
            ">= -12,00 %",
            "<= 2 gg",
            "1.336 N.",
            ">= 15.000 N.",
            "Entro 31-03-2024",
            "11-05-2021",
            "100",
            ">= 10",
            "-65,50 %",
        ] {
            assert!(is_value_cell(cell), "{cell}");
        }
        for cell in ["N. report anno n", "Patrimonio netto / Immobilizzazioni", "Indicatori", "data consegna brief"] {
            assert!(!is_value_cell(cell), "{cell}");
        }
    }

    #[test]
    fn units_come_from_the_cell() {
        assert_eq!(unit_of(">= 105,00 %"), Some("%"));
        assert_eq!(unit_of("1,92 gg"), Some("gg"));
        assert_eq!(unit_of("1.336 N."), Some("N."));
        assert_eq!(unit_of("Entro 31-03-2024"), Some("date"));
        assert_eq!(unit_of("100"), None);
        assert_eq!(unit_of("N/D"), None);
    }

    #[test]
    fn weights_are_percent_points() {
        assert_eq!(parse_weight("33,34%"), Some(Decimal::new(3334, 2)));
        assert_eq!(parse_weight("100 %"), Some(Decimal::from(100)));
        assert_eq!(parse_weight("Indicatori"), None);
        assert_eq!(parse_weight("1.336 N."), None);
        assert_eq!(format_percent(Decimal::new(11000, 2)), "110,00 %");
    }
}
