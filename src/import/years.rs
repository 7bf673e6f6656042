//! The years of a published plan's value columns, read from its header.
//!
//! The header row names the years (`2021 2022 2023 2024 2025 2026` under
//! `BASE LINE` and `TARGET`), and which of them are baselines and which are
//! targets is what the header says above them: every edition of the plan
//! moves them on by a year, so none is fixed here. Where the header says
//! nothing about the split, the title's range (`Obiettivi ente 2025-2027`)
//! names the target years, and failing that the last three years are the
//! targets of a three-year plan, with a note for the reviewer.

/// The baseline and target years of the plan, in the header's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanYears {
    pub baseline: Vec<i32>,
    pub target: Vec<i32>,
}

impl PlanYears {
    /// How many value cells a row has: one per year.
    pub fn len(&self) -> usize {
        self.baseline.len() + self.target.len()
    }

    /// Whether the header named no year at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every year, baselines first, as the value cells follow them.
    pub fn all(&self) -> impl Iterator<Item = i32> + '_ {
        self.baseline.iter().chain(&self.target).copied()
    }
}

/// What a header cell says of the columns below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnKind {
    Baseline,
    Target,
}

/// `BASE LINE`, `Baseline 2022`, `Valore di partenza` are baselines;
/// `TARGET`, `Target 2025`, `Risultato atteso`, `Valore atteso` targets.
fn column_kind(cell: &str) -> Option<ColumnKind> {
    let lower = cell.to_lowercase();
    if lower.starts_with("target") || lower.contains("atteso") || lower.contains("attesi") {
        Some(ColumnKind::Target)
    } else if ["base line", "baseline", "base-line", "storico", "partenza"].iter().any(|w| lower.contains(w)) {
        Some(ColumnKind::Baseline)
    } else {
        None
    }
}

/// A four-digit year in a plan's range of years.
pub(crate) fn year_of(text: &str) -> Option<i32> {
    let year: i32 = (text.len() == 4 && text.chars().all(|c| c.is_ascii_digit())).then(|| text.parse().ok())??;
    (1990..=2100).contains(&year).then_some(year)
}

/// Headers that name each column's year in its title (`Baseline 2022`,
/// `Target 2025`): the years and their kinds, in order, and a note for the
/// reviewer on each title that names more than one year (`Target
/// 2024/2025`), which is read as its first year (README, "Starting from the
/// published plan"). `None` unless at least one cell has a kind and a year.
pub(crate) fn years_in_titles(cells: &[String]) -> Option<(PlanYears, Vec<String>)> {
    let mut years = PlanYears::default();
    let mut notes = Vec::new();
    for cell in cells {
        let Some(kind) = column_kind(cell) else { continue };
        let mut named = cell.split(|c: char| !c.is_ascii_digit()).filter_map(year_of);
        let Some(year) = named.next() else { continue };
        let role = match kind {
            ColumnKind::Baseline => "baseline",
            ColumnKind::Target => "target",
        };
        if named.any(|other| other != year) {
            notes.push(format!("column \"{cell}\" read as the {role} for {year}: check"));
        }
        match kind {
            ColumnKind::Baseline => years.baseline.push(year),
            ColumnKind::Target => years.target.push(year),
        }
    }
    (!years.is_empty()).then_some((years, notes))
}

/// Splits the years of a year row (each with its cell's position) into
/// baselines and targets, using the titles row above it (`header`, cells by
/// position) and the title's range. Returns the years and, when the split
/// was a guess, what the reviewer should check.
pub(crate) fn split_years(
    header: Option<&[String]>,
    years: &[(usize, i32)],
    title_range: Option<(i32, i32)>,
) -> (PlanYears, Option<String>) {
    let first_target_column =
        header.and_then(|cells| cells.iter().position(|cell| column_kind(cell) == Some(ColumnKind::Target)));
    if let Some(column) = first_target_column {
        let (target, baseline): (Vec<_>, Vec<_>) = years.iter().partition(|(at, _)| *at >= column);
        if !target.is_empty() {
            let years = PlanYears {
                baseline: baseline.iter().map(|(_, y)| *y).collect(),
                target: target.iter().map(|(_, y)| *y).collect(),
            };
            return (years, None);
        }
    }
    let all: Vec<i32> = years.iter().map(|(_, y)| *y).collect();
    if let Some((from, to)) = title_range {
        if all.iter().any(|y| (from..=to).contains(y)) {
            let (target, baseline) = all.iter().partition(|y| (from..=to).contains(*y));
            let years = PlanYears { baseline, target };
            let note = format!(
                "the header does not say which years are targets: the title's {from}-{to} are ({})",
                describe(&years)
            );
            return (years, Some(note));
        }
    }
    let split = all.len().saturating_sub(3);
    let years = PlanYears { baseline: all[..split].to_vec(), target: all[split..].to_vec() };
    let note = format!(
        "neither the header nor the title says which years are targets: the last three are ({})",
        describe(&years)
    );
    (years, Some(note))
}

/// A year range in a title line: `Obiettivi ente 2025-2027`.
pub(crate) fn title_range(line: &str) -> Option<(i32, i32)> {
    line.split_whitespace().find_map(|word| {
        let (from, to) = word.split_once(['-', '–', '/'])?;
        let (from, to) = (year_of(from)?, year_of(to.trim_end_matches([',', '.', ')']))?);
        (from < to).then_some((from, to))
    })
}

/// `baselines 2022, 2023, 2024; targets 2025, 2026, 2027`.
pub(crate) fn describe(years: &PlanYears) -> String {
    let list = |years: &[i32]| years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
    format!("baselines {}; targets {}", list(&years.baseline), list(&years.target))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_header_above_the_years_splits_them() {
        let header = cells(&["Ambito", "", "", "", "Algoritmo", "BASE LINE", "", "", "TARGET", "", ""]);
        let years: Vec<(usize, i32)> = (5..11).zip(2022..2028).collect();
        let (read, note) = split_years(Some(&header), &years, None);
        assert_eq!(read, PlanYears { baseline: vec![2022, 2023, 2024], target: vec![2025, 2026, 2027] });
        assert_eq!(note, None);
    }

    #[test]
    fn without_the_words_the_title_or_the_last_three_decide() {
        let years: Vec<(usize, i32)> = (0..6).zip(2022..2028).collect();
        let (read, note) = split_years(None, &years, Some((2025, 2027)));
        assert_eq!(read.target, [2025, 2026, 2027]);
        assert!(note.unwrap().contains("title's 2025-2027"));
        let (read, note) = split_years(None, &years[..5], None);
        assert_eq!(read, PlanYears { baseline: vec![2022, 2023], target: vec![2024, 2025, 2026] });
        assert!(note.unwrap().contains("last three"));
    }

    #[test]
    fn titles_with_their_year() {
        let read =
            years_in_titles(&cells(&["Indicatore", "Baseline 2023", "Target 2025", "Target 2026 (Risultato atteso)"]));
        assert_eq!(read, Some((PlanYears { baseline: vec![2023], target: vec![2025, 2026] }, vec![])));
        assert_eq!(years_in_titles(&cells(&["Ambito", "Algoritmo"])), None);
        // `anno` or `year` before the year, as the canonical plan's titles accept it too
        let read = years_in_titles(&cells(&["Baseline anno 2023", "Target anno 2024", "Target year 2025"]));
        assert_eq!(read, Some((PlanYears { baseline: vec![2023], target: vec![2024, 2025] }, vec![])));
    }

    #[test]
    fn a_title_naming_two_years_is_read_as_its_first_and_noted() {
        let read = years_in_titles(&cells(&[
            "Indicatore",
            "Baseline 2022-2023",
            "Target 2024/2025",
            "Target 2026",
            "Target previsto 2027",
        ]));
        let (years, notes) = read.unwrap();
        assert_eq!(years, PlanYears { baseline: vec![2022], target: vec![2024, 2026, 2027] });
        assert_eq!(
            notes,
            [
                r#"column "Baseline 2022-2023" read as the baseline for 2022: check"#,
                r#"column "Target 2024/2025" read as the target for 2024: check"#,
            ]
        );
    }

    #[test]
    fn title_ranges() {
        assert_eq!(title_range("All. 2 Obiettivi ente 2025-2027"), Some((2025, 2027)));
        assert_eq!(title_range("Piano 2024"), None);
    }
}
