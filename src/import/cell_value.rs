//! Recognising value cells (baselines, targets, weights) of the published
//! layout without interpreting them.
//!
//! The importer keeps the document's own text in every value cell (reading values, README "Values", is
//! the evaluator's business); it only needs to know where the text cells of a
//! row end and its value cells begin, which unit they carry, and what a weight
//! adds up to when siblings are compared. Whether a cell is a value is the
//! evaluator's own reading (`crate::value`, `crate::target`), so a cell the
//! evaluator accepts is never taken for the algoritmo.

use crate::target::{ParsedTarget, Target};
use crate::unit::Unit;
use crate::value::NumberFormat;
use rust_decimal::Decimal;
use std::str::FromStr;

/// The published plans write Italian numbers (`1.336 N.`, `114,67 %`).
const FORMAT: NumberFormat = NumberFormat::Italian;

/// A day and month without a year (`entro il 30/06`, `fine anno`) is read
/// for the year of its column, by the canonical plan; to tell whether such a
/// cell is a target at all, any year does. The cell is kept as written.
const ANY_YEAR: i32 = 2000;

/// Comparators a soglia may open with (README, "Targets"), as the evaluator accepts
/// them, longest first.
const COMPARATORS: [&str; 9] = [">=", "<=", "=>", "=<", "≥", "≤", ">", "<", "="];

/// Whether a non-empty cell is a value rather than text: `N/D`, `—`,
/// `114,67 %`, `>= 2 N.`, `=> 1,00 %`, `1,92 gg`, `Entro 31-03-2024`,
/// `11-05-2021`, `31.03.2024`, `100`, `SI`. A cell is a value exactly when
/// the evaluator reads it as a value or a target in a unit the plan uses.
pub(crate) fn is_value_cell(cell: &str) -> bool {
    cell_kind(cell) != CellKind::Text
}

/// What a value cell is, for placing it under the header's years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellKind {
    /// Empty or `N/D`: a cell in its place, holding nothing.
    Nothing,
    /// A value written bare: `114,67 %`, `1.336 N.`, `11-05-2021`, `100`.
    Bare,
    /// A target with its comparison or deadline: `>= 105,00 %`, `Entro
    /// 31-03-2024`, and whatever else the canonical plan reads as a target.
    Target,
    /// Several years' targets in one cell: `Anno 2024: <= 5 gg Anno 2025: <= 4 gg`.
    SeveralYears,
    /// None of them: text.
    Text,
}

/// Reads a value cell the canonical plan's way (see [`CellKind`]).
pub(crate) fn cell_kind(cell: &str) -> CellKind {
    if is_nothing(cell) {
        return CellKind::Nothing;
    }
    if several_years(cell).is_some() {
        return CellKind::SeveralYears;
    }
    let bare =
        crate::value::parse_value(cell, FORMAT).ok().and_then(|reading| reading.parsed()).is_some_and(|parsed| {
            parsed.unit.as_ref().map(Unit::symbol).is_none_or(|unit| unit == "date" || canonical_unit(unit).is_some())
        });
    match (bare, read(cell).is_some()) {
        (true, _) => CellKind::Bare,
        (false, true) => CellKind::Target,
        (false, false) => CellKind::Text,
    }
}

/// The years and their targets of a cell that gives several
/// (`Anno 2024: <= 5 gg Anno 2025: <= 4 gg`, `2025: almeno 3 2026: almeno 4`),
/// as the canonical plan splits it, when every part reads as a target of its
/// year; `None` for any other cell.
pub(crate) fn several_years(cell: &str) -> Option<Vec<(i32, String)>> {
    let parts = crate::target::split_years(cell)?;
    let readable = parts.len() >= 2
        && parts.iter().all(|(year, text)| Target::parse_in(text, FORMAT, Some(*year)).is_ok_and(|t| t.is_some()));
    readable.then_some(parts)
}

/// Whether the cell says "no value" (empty, `N/D`, `ND`, `n.d.`, `-`, `—`),
/// as the evaluator reads it.
pub(crate) fn is_nothing(cell: &str) -> bool {
    crate::value::is_nothing(cell)
}

/// Whether the cell is a deadline target or a date (`Entro 31-03-2024`).
pub(crate) fn is_deadline(cell: &str) -> bool {
    read(cell).is_some_and(|parsed| matches!(parsed.target, Target::Deadline(_)))
}

/// The unit a value cell is written in: `%`, `gg`, `N.`, `€` or `date`.
pub(crate) fn unit_of(cell: &str) -> Option<&'static str> {
    let parsed = read(cell)?;
    match parsed.target {
        Target::Deadline(_) => Some("date"),
        Target::Boolean(_) => None,
        Target::Number { .. } | Target::Range { .. } => canonical_unit(parsed.unit.as_ref().map(Unit::symbol)?),
    }
}

/// The cell as the evaluator reads a target (a plain value reads as one
/// too), when its unit, if any, is one the plan uses.
fn read(cell: &str) -> Option<ParsedTarget> {
    let parsed =
        Target::parse(cell, FORMAT).or_else(|_| Target::parse_in(cell, FORMAT, Some(ANY_YEAR))).ok().flatten()?;
    let unit_ok = match parsed.unit.as_ref().map(Unit::symbol) {
        None | Some("date") => true,
        Some(unit) => canonical_unit(unit).is_some(),
    };
    unit_ok.then_some(parsed)
}

/// A number's unit word in the spelling kpi displays (`%`, `gg`, `N.`,
/// `€`), as the canonical plan reads units; dates are told apart by their
/// cells, not by a unit word.
pub(crate) fn canonical_unit(word: &str) -> Option<&'static str> {
    Unit::known(word).filter(|u| !u.is_date()).and_then(|u| u.known_symbol())
}

/// A weight as the plan writes it (`20,00%`, `33,34 %`, `100%`, or without
/// the sign, `20`, `33,34`), as the number of percent points: the sign
/// changes nothing. `None` for anything else (`91.4` is a code, not a
/// weight: a weight's decimals follow a comma).
pub(crate) fn parse_weight(cell: &str) -> Option<Decimal> {
    let cell = cell.trim();
    let number = match cell.strip_suffix('%') {
        Some(number) => number.trim_end(),
        None if cell.contains('.') => return None,
        None => cell,
    };
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

/// Removes a leading comparator (`>=`, `<`, …) and the spaces after it.
pub(crate) fn strip_comparator(cell: &str) -> &str {
    for comparator in COMPARATORS {
        if let Some(rest) = cell.strip_prefix(comparator) {
            return rest.trim_start();
        }
    }
    cell
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
    fn the_evaluator_s_spellings_are_values_too() {
        for cell in
            ["—", "–", "=> 1,00 %", "=< 2 gg", "≥ 4 N.", "31.03.2024", "Entro 31.03.2024", "entro il 31/03/2024"]
        {
            assert!(is_value_cell(cell), "{cell}");
        }
        assert!(is_nothing("—") && is_nothing("–"));
        assert!(is_deadline("Entro 31.03.2024"));
        assert_eq!(unit_of("=> 1,00 %"), Some("%"));
        assert_eq!(unit_of("=< 2 gg"), Some("gg"));
        assert_eq!(unit_of("31.03.2024"), Some("date"));
        assert_eq!(unit_of("—"), None);
    }

    #[test]
    fn a_value_cell_is_one_the_evaluator_reads() {
        use crate::value::NumberFormat::Italian;
        for cell in [
            "N/D",
            "—",
            "114,67 %",
            ">= 105,00 %",
            "=> 1,00 %",
            "1.336 N.",
            "Entro 31-03-2024",
            "31.03.2024",
            "SI",
            "100",
            "1.2.3",
            "31-02-2024",
            "Entro marzo",
            "entro il 30/06",
            "maggiore o uguale a 90,00%",
            "tra 80% e 90%",
            "> 31-03-2024",
            "N. report anno n",
            "almeno dieci",
        ] {
            // As the canonical plan reads a target cell: in its column's year.
            let evaluator = crate::value::is_nothing(cell)
                || Target::parse_in(cell, Italian, Some(2024)).is_ok_and(|t| t.is_some());
            assert_eq!(is_value_cell(cell), evaluator, "{cell}");
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
        assert_eq!(parse_weight("20"), Some(Decimal::from(20)));
        assert_eq!(parse_weight("33,33"), Some(Decimal::new(3333, 2)));
        assert_eq!(parse_weight("91.4"), None);
        assert_eq!(parse_weight("2024"), None);
        assert_eq!(parse_weight("Indicatori"), None);
        assert_eq!(parse_weight("1.336 N."), None);
    }
}
