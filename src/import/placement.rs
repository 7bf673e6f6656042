//! Placing a row's value cells under the header's years.
//!
//! A row whose cells fit the header is read by position, as the table
//! means. When the PDF extraction lost a cell or added one, position would
//! move a target into a baseline or a year onto the next; the cells are then
//! placed by what they are: the targets (a comparison or a deadline) go to
//! the target years, the bare values before them to the baseline years
//! nearest the targets, and what cannot be placed is left out. Either way
//! the review says what was read and where it went. A cell that is no value
//! at all keeps its place and is left empty, so it never shifts the others.

use super::cell_value::{cell_kind, is_nothing, several_years, CellKind};
use super::text::excerpt;
use super::years::PlanYears;

/// The row's cells, one per year of the header (baselines, then targets),
/// and what the reviewer should know about how they were placed.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Placement {
    pub(crate) values: Vec<String>,
    pub(crate) notes: Vec<String>,
}

/// The column of the `slot`-th value cell: `baseline_2023`, `target_2025`.
fn column(years: &PlanYears, slot: usize) -> String {
    match years.baseline.get(slot) {
        Some(year) => format!("baseline_{year}"),
        None => years.target.get(slot - years.baseline.len()).map_or_else(String::new, |y| format!("target_{y}")),
    }
}

/// Places `cells` (every cell after the algoritmo) under `years`.
pub(crate) fn place(cells: &[String], years: &PlanYears) -> Placement {
    let wanted = years.len();
    let found = cells.len();
    // Trailing empty cells are no cells.
    let cells = &cells[..cells.iter().rposition(|c| !c.is_empty()).map_or(0, |last| last + 1)];
    // Nor, to tell whether the row fits, are `N/D` cells past the years.
    let fitting =
        cells.iter().enumerate().rposition(|(at, c)| at < wanted || !is_nothing(c)).map_or(0, |last| last + 1);
    let kinds: Vec<CellKind> = cells.iter().map(|c| cell_kind(c)).collect();
    let is_target = |k: &CellKind| matches!(k, CellKind::Target | CellKind::SeveralYears);
    let first_target = kinds.iter().position(is_target);
    // By position a target would sit in a baseline column, or a bare value
    // that comes before the targets in a target column.
    let misplaced = first_target.is_some_and(|first| {
        let baselines = years.baseline.len();
        first < baselines || kinds[baselines..first].contains(&CellKind::Bare)
    });

    let mut placement = Placement { values: vec![String::new(); wanted], notes: Vec::new() };
    let mut slots: Vec<Option<usize>> = vec![None; cells.len()];
    match first_target {
        Some(first) if fitting > wanted || misplaced => {
            // Bare values right before the targets, nearest them first.
            let baselines = years.baseline.len();
            for (back, at) in (0..first).rev().enumerate() {
                slots[at] = baselines.checked_sub(back + 1);
            }
            for (ahead, at) in (first..cells.len()).enumerate() {
                slots[at] = Some(baselines + ahead).filter(|&slot| slot < wanted);
            }
            placement.notes.push(by_meaning(cells, &slots, years));
        }
        _ => {
            for (at, slot) in slots.iter_mut().enumerate() {
                *slot = Some(at).filter(|&slot| slot < wanted);
            }
            let extra: Vec<&str> = cells.iter().skip(wanted).map(String::as_str).filter(|c| !is_nothing(c)).collect();
            if !extra.is_empty() {
                let last = years.all().last().map_or_else(String::new, |y| format!(" {y}"));
                placement.notes.push(format!("cells after the last target{last} ignored: {}", extra.join(" | ")));
            }
            if found < wanted && !kinds.contains(&CellKind::SeveralYears) {
                placement.notes.push(format!("only {found} baseline/target cells found: the others are left empty"));
            }
        }
    }
    for (at, slot) in slots.iter().enumerate() {
        let Some(slot) = *slot else { continue };
        match kinds[at] {
            CellKind::Text => placement.notes.push(format!(
                "{} '{}' is neither a value nor a target: left empty",
                column(years, slot),
                excerpt(&cells[at], 60)
            )),
            _ => placement.values[slot].clone_from(&cells[at]),
        }
    }
    spread_several_years(&mut placement, years);
    placement
}

/// The note for a row placed by meaning: every cell read and where it went.
fn by_meaning(cells: &[String], slots: &[Option<usize>], years: &PlanYears) -> String {
    let mut placed = Vec::new();
    let mut left_out = Vec::new();
    for (cell, slot) in cells.iter().zip(slots) {
        let shown = if cell.is_empty() { "(empty)".to_string() } else { format!("'{}'", excerpt(cell, 40)) };
        match slot {
            Some(slot) => placed.push(format!("{shown} → {}", column(years, *slot))),
            None if is_nothing(cell) => {}
            None => left_out.push(shown),
        }
    }
    let mut note = format!(
        "{} value cells for the header's {} years: placed by meaning, targets to the target years and the values before them to the nearest baseline years: {}",
        cells.len(),
        years.len(),
        placed.join(", ")
    );
    if !left_out.is_empty() {
        note.push_str(&format!("; left out, as they fit no year: {}", left_out.join(", ")));
    }
    note
}

/// A cell naming several years (`Anno 2024: <= 5 gg Anno 2025: <= 4 gg`)
/// gives each its own target column, where that column has no target of its
/// own; a year the header does not have, or whose column is taken, keeps
/// nothing from the cell and is reported.
fn spread_several_years(placement: &mut Placement, years: &PlanYears) {
    let first_target = years.baseline.len();
    for slot in first_target..years.len() {
        let Some(parts) = several_years(&placement.values[slot]) else { continue };
        let cell = std::mem::take(&mut placement.values[slot]);
        let mut given = Vec::new();
        for (year, text) in parts {
            let target_slot = years.target.iter().position(|&y| y == year).map(|at| first_target + at);
            match target_slot {
                Some(at) if at == slot || is_nothing(&placement.values[at]) => {
                    placement.values[at] = text.clone();
                    given.push(format!("target_{year} '{text}'"));
                }
                Some(at) => placement.notes.push(format!(
                    "'{}' names {year}, whose cell already holds '{}': that cell is kept",
                    excerpt(&cell, 60),
                    placement.values[at]
                )),
                None => placement.notes.push(format!(
                    "'{}' names {year}, which is not a target year of the header: left out",
                    excerpt(&cell, 60)
                )),
            }
        }
        if !given.is_empty() {
            placement.notes.push(format!("'{}' gives several years: {}", excerpt(&cell, 60), given.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years() -> PlanYears {
        PlanYears { baseline: vec![2021, 2022, 2023], target: vec![2024, 2025, 2026] }
    }

    fn cells(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    fn placed(list: &[&str]) -> Placement {
        place(&cells(list), &years())
    }

    #[test]
    fn a_row_that_fits_is_read_by_position_without_a_note() {
        let read = placed(&["114,67 %", "110,58 %", "N/D", ">= 105,00 %", "N/D", "N/D", ""]);
        assert_eq!(read.values, cells(&["114,67 %", "110,58 %", "N/D", ">= 105,00 %", "N/D", "N/D"]));
        assert!(read.notes.is_empty(), "{:?}", read.notes);
        // Bare targets (`100`) and empty cells between values keep their place.
        let read = placed(&["5,88 gg", "7,40 gg", "", "<= 6 gg", "", "", ""]);
        assert_eq!(read.values, cells(&["5,88 gg", "7,40 gg", "", "<= 6 gg", "", ""]));
        assert!(read.notes.is_empty());
    }

    #[test]
    fn a_lost_cell_never_moves_a_target_into_a_baseline() {
        let read = placed(&["5,88 gg", "7,40 gg", "<= 6 gg", "<= 5 gg"]);
        assert_eq!(read.values, cells(&["", "5,88 gg", "7,40 gg", "<= 6 gg", "<= 5 gg", ""]));
        assert_eq!(
            read.notes,
            ["4 value cells for the header's 6 years: placed by meaning, targets to the target years and the values before them to the nearest baseline years: '5,88 gg' → baseline_2022, '7,40 gg' → baseline_2023, '<= 6 gg' → target_2024, '<= 5 gg' → target_2025"]
        );
    }

    #[test]
    fn a_gained_cell_is_left_out_and_named() {
        let read = placed(&["1,1 %", "1,2 %", "1,3 %", "1,4 %", ">= 2 %", "N/D", "N/D"]);
        assert_eq!(read.values, cells(&["1,2 %", "1,3 %", "1,4 %", ">= 2 %", "N/D", "N/D"]));
        assert!(read.notes[0].ends_with("; left out, as they fit no year: '1,1 %'"), "{:?}", read.notes);
        let read = placed(&["N/D", "N/D", "N/D", ">= 1 N.", ">= 2 N.", ">= 3 N.", ">= 4 N."]);
        assert_eq!(read.values, cells(&["N/D", "N/D", "N/D", ">= 1 N.", ">= 2 N.", ">= 3 N."]));
        assert!(read.notes[0].ends_with("left out, as they fit no year: '>= 4 N.'"), "{:?}", read.notes);
    }

    #[test]
    fn a_text_keeps_its_place_and_is_left_empty() {
        let read = placed(&["1 N.", "2 N.", "3 N.", ">= 4 N.", "da definire", ">= 6 N."]);
        assert_eq!(read.values, cells(&["1 N.", "2 N.", "3 N.", ">= 4 N.", "", ">= 6 N."]));
        assert_eq!(read.notes, ["target_2025 'da definire' is neither a value nor a target: left empty"]);
    }

    #[test]
    fn several_years_in_one_cell_go_to_their_columns() {
        let read = placed(&["N/D", "N/D", "6 gg", "Anno 2024: <= 5 gg Anno 2025: <= 4 gg"]);
        assert_eq!(read.values, cells(&["N/D", "N/D", "6 gg", "<= 5 gg", "<= 4 gg", ""]));
        assert_eq!(
            read.notes,
            ["'Anno 2024: <= 5 gg Anno 2025: <= 4 gg' gives several years: target_2024 '<= 5 gg', target_2025 '<= 4 gg'"]
        );
    }
}
