//! The header row of a table: a column found by any of its names, the
//! titles kpi would misread, and the `name_YYYY` columns of each year.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;

/// The header row of a table, with the file's name for messages.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    pub source: &'a str,
    pub cells: &'a [String],
}

impl Header<'_> {
    /// The index of the first column whose normalised header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.cells.iter().position(|h| names.contains(&normalise_header(h).as_str()))
    }

    /// The column a file cannot do without, or an error on the header line
    /// naming it, listing the columns found, with `hint` saying what is needed.
    pub fn required_column(&self, names: &[&str], hint: &str) -> Result<usize, Diagnostic> {
        self.column(names).ok_or_else(|| {
            Diagnostic::error(
                self.source,
                Some(1),
                format!("the header has no `{}` column (found: {})", names[0], self.cells.join(", ")),
            )
            .with_hint(hint)
        })
    }

    /// Header cells kpi would silently misread: a column given twice (only
    /// one would be read), a known column misspelt (`wieght`: ignored, so the
    /// weights would all fall back to equal), a year column without its
    /// year (`target`). `roles` lists each column's accepted names;
    /// `year_roles` those of the `name_YYYY` columns. Other columns are
    /// the user's own and are left alone.
    pub fn header_problems(&self, roles: &[&[&str]], year_roles: &[&[&str]]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let problem = |column: usize, message: String, hint: &str| {
            Diagnostic::error(
                self.source,
                Some(1),
                format!("column {} `{}`: {message}", column + 1, self.cells[column]),
            )
            .with_hint(hint)
        };
        for (column, header) in self.cells.iter().enumerate() {
            let h = normalise_header(header);
            if h.is_empty() {
                continue;
            }
            let role = roles.iter().find(|aliases| aliases.contains(&h.as_str())).map(|aliases| aliases[0].to_string());
            let year_role = split_year(&h).and_then(|(prefix, year)| {
                year_roles
                    .iter()
                    .find(|aliases| aliases.contains(&prefix))
                    .map(|aliases| format!("{}_{year}", aliases[0]))
            });
            if let Some(key) = role.or(year_role) {
                // A name and a description may both be there: the first is the name.
                let repeatable = key == "name";
                if let (Some(&first), false) = (seen.get(&key), repeatable) {
                    problems.push(problem(
                        column,
                        format!(
                            "the same column as column {} `{}`, and only one of them would be read",
                            first + 1,
                            self.cells[first]
                        ),
                        "keep one of the two columns, or rename the one kpi should not read",
                    ));
                } else {
                    seen.insert(key, column);
                }
                continue;
            }
            if let Some(aliases) = year_roles.iter().find(|aliases| {
                aliases
                    .iter()
                    .any(|a| h == *a || (h.starts_with(a) && h[a.len()..].bytes().any(|b| b.is_ascii_digit())))
            }) {
                problems.push(problem(
                    column,
                    year_title_problem(header, &h, aliases),
                    "name it after the year it holds: target_2024, baseline_2023, weight_2025, threshold_2024",
                ));
                continue;
            }
            if OWN_COLUMNS.contains(&h.as_str()) {
                continue;
            }
            let known = roles.iter().flat_map(|aliases| aliases.iter().map(|a| a.to_string())).chain(
                year_roles.iter().flat_map(|aliases| {
                    aliases.iter().map(|a| format!("{a}_{}", split_year(&h).map_or("2024", |(_, y)| y)))
                }),
            );
            let limit = if h.chars().count() <= 5 { 1 } else { 2 };
            let near = known.map(|k| (crate::similar::edit_distance(&h, &k), k)).filter(|(d, _)| *d <= limit).min();
            if let Some((_, near)) = near {
                problems.push(problem(
                    column,
                    format!("not a column kpi knows; did you mean `{near}`?"),
                    "kpi ignores columns it does not know, so a misspelt one would change the figures without a word: correct the name (or give your own column a name far from kpi's)",
                ));
            }
        }
        problems
    }

    /// Columns named `prefix_YYYY` for any of the prefixes, with their years.
    pub fn year_columns(&self, prefixes: &[&str]) -> Vec<(i32, usize)> {
        let mut out = Vec::new();
        for (index, header) in self.cells.iter().enumerate() {
            let h = normalise_header(header);
            let Some((prefix, year)) = split_year(&h) else { continue };
            if let (true, Ok(year)) = (prefixes.contains(&prefix), year.parse()) {
                out.push((year, index));
            }
        }
        out
    }
}

/// Columns offices add for themselves whose names happen to be close to one
/// of kpi's (`note` is one letter from `nome`): never taken for a typo.
const OWN_COLUMNS: &[&str] =
    &["note", "notes", "nota", "review", "weight_alt", "description", "fonte", "fonti", "source"];

/// What is wrong with the title of a year column that kpi cannot read, and
/// what to write: the title is the name, at most the word `anno` or `year`,
/// the year in four digits, then at most a remark in parentheses (README,
/// "The plan file"). `header` is the
/// title as written, `normalised` as [`normalise_header`] gives it, and
/// `aliases` the names of its column, the first the canonical one.
fn year_title_problem(header: &str, normalised: &str, aliases: &[&str]) -> String {
    let canonical = aliases[0];
    let alias = aliases.iter().filter(|a| normalised.starts_with(**a)).max_by_key(|a| a.len()).unwrap_or(&canonical);
    let written = |year: &str| format!("`{alias}_{year}` or `{}{} {year}`", alias[..1].to_uppercase(), &alias[1..]);
    let rest = &normalised[alias.len()..];
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let year = if year.len() == 4 { year } else { "2024".to_string() };
        return format!("the year must stand apart from `{alias}`: write {}", written(&year));
    }
    let words: Vec<&str> = rest.split('_').filter(|w| !w.is_empty()).collect();
    let is_year = |w: &&str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let years: Vec<&str> = words.iter().copied().filter(is_year).collect();
    match years.as_slice() {
        [] => {
            if let Some(short) = words.iter().find(|w| w.bytes().all(|b| b.is_ascii_digit())) {
                return format!("`{short}` is not a year written with four digits: write {}", written("2024"));
            }
            let in_parentheses = header.split(['(', ')', '[', ']']).skip(1).step_by(2).find_map(|remark| {
                remark.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 4).map(str::to_string)
            });
            match in_parentheses {
                Some(year) => format!(
                    "the year `{year}` is in parentheses, where kpi reads a remark and ignores it: write {}",
                    written(&year)
                ),
                None => format!("a `{alias}` column needs the year it holds in its title: write {}", written("2024")),
            }
        }
        [year] => {
            let at = words.iter().position(|w| w == year).unwrap_or(0);
            let (before, after) = (&words[..at], &words[at + 1..]);
            let quoted = |ws: &[&str]| format!("`{}`", ws.join(" "));
            if !before.is_empty() {
                format!(
                    "{} stands between `{alias}` and the year, where kpi reads no words: write {} (a remark goes in parentheses after the year: `{alias} {year} ({})`)",
                    quoted(before),
                    written(year),
                    before.join(" ")
                )
            } else if after.is_empty() {
                format!("write {}", written(year))
            } else {
                format!(
                    "{} follows the year, where kpi reads only a remark in parentheses: write {}, or `{alias} {year} ({})`",
                    quoted(after),
                    written(year),
                    after.join(" ")
                )
            }
        }
        several => format!(
            "the title names {} years ({}) and a column holds one year: write one column per year, {}",
            several.len(),
            several.join(", "),
            several.iter().map(|y| format!("`{canonical}_{y}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// `target_2024` → (`target`, `2024`); the word `anno` or `year` between
/// the name and the year is the way offices title the column and can mean
/// nothing else (`target_anno_2024`, `peso_year_2025`: README, "The plan file").
fn split_year(header: &str) -> Option<(&str, &str)> {
    let (prefix, year) = header.rsplit_once('_')?;
    let prefix = ["_anno", "_year"].iter().find_map(|word| prefix.strip_suffix(word)).unwrap_or(prefix);
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then_some((prefix, year))
}

/// Lower case, accents and spaces folded, so `Unità`, `unita` and `UNITA` match.
pub fn normalise_header(header: &str) -> String {
    // A unit or remark in parentheses (`Peso (%)`, `Target 2012 (Risultato atteso)`) is no part of the name.
    let mut depth = 0usize;
    let bare: String = header
        .chars()
        .filter(|&c| match c {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect();
    let folded: String = bare
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' => 'a',
            'è' | 'é' => 'e',
            'ì' | 'í' => 'i',
            'ò' | 'ó' => 'o',
            'ù' | 'ú' => 'u',
            c if c.is_alphanumeric() || c == '_' => c,
            // Spaces, dashes, and the `%` or `(%)` spreadsheets add to a title
            // (`Peso (%)`, `Target 2024`) only separate words.
            _ => ' ',
        })
        .collect();
    folded.split([' ', '_']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A header line's cells, as a file without quotes in its header gives them.
    fn cells(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn a_year_title_kpi_cannot_read_says_what_is_wrong_and_what_to_write() {
        let roles: &[&[&str]] = &[&["level"], &["code"]];
        let year_roles: &[&[&str]] = &[&["weight", "peso"], &["threshold", "soglia"], &["baseline"], &["target"]];
        let problems = |title: &str| -> Vec<String> {
            let cells = cells(&format!("level,code,{title}"));
            let header = Header { source: "p.csv", cells: &cells };
            header.header_problems(roles, year_roles).iter().map(|p| p.message.clone()).collect()
        };
        // the forms the plan file accepts: no problem at all
        // `anno` or `year` between the name and the year can mean only that year's column.
        for accepted in [
            "Target 2012 (Risultato atteso)",
            "TARGET-2024",
            "target_2024",
            "Peso 2025 (%)",
            "Soglia 2024",
            "Target anno 2024 (valore atteso)",
            "Peso anno 2025",
            "Baseline anno 2023",
            "Soglia anno 2024",
            "Target year 2024",
            "weight_year_2025",
        ] {
            assert_eq!(problems(accepted), Vec::<String>::new(), "{accepted}");
        }
        let one = |title: &str| problems(title).pop().unwrap();
        assert_eq!(
            one("Target previsto 2024 (valore atteso)"),
            "column 3 `Target previsto 2024 (valore atteso)`: `previsto` stands between `target` and the year, where kpi reads no words: write `target_2024` or `Target 2024` (a remark goes in parentheses after the year: `target 2024 (previsto)`)"
        );
        assert_eq!(
            one("Soglia minima anno 2024"),
            "column 3 `Soglia minima anno 2024`: `minima anno` stands between `soglia` and the year, where kpi reads no words: write `soglia_2024` or `Soglia 2024` (a remark goes in parentheses after the year: `soglia 2024 (minima anno)`)"
        );
        // the same year's column twice, once with `anno`: only one would be read
        assert_eq!(
            problems("Target 2024,Target anno 2024"),
            ["column 4 `Target anno 2024`: the same column as column 3 `Target 2024`, and only one of them would be read"]
        );
        assert_eq!(
            one("Target 2024 bis"),
            "column 3 `Target 2024 bis`: `bis` follows the year, where kpi reads only a remark in parentheses: write `target_2024` or `Target 2024`, or `target 2024 (bis)`"
        );
        assert_eq!(
            one("Target 2024/2025"),
            "column 3 `Target 2024/2025`: the title names 2 years (2024, 2025) and a column holds one year: write one column per year, `target_2024`, `target_2025`"
        );
        assert_eq!(
            one("Target 24"),
            "column 3 `Target 24`: `24` is not a year written with four digits: write `target_2024` or `Target 2024`"
        );
        assert_eq!(
            one("Target2025"),
            "column 3 `Target2025`: the year must stand apart from `target`: write `target_2025` or `Target 2025`"
        );
        assert_eq!(
            one("Target (2026)"),
            "column 3 `Target (2026)`: the year `2026` is in parentheses, where kpi reads a remark and ignores it: write `target_2026` or `Target 2026`"
        );
        assert_eq!(
            one("target"),
            "column 3 `target`: a `target` column needs the year it holds in its title: write `target_2024` or `Target 2024`"
        );
    }

    #[test]
    fn spreadsheet_titles_name_the_same_columns() {
        assert_eq!(normalise_header("Peso (%)"), "peso");
        assert_eq!(normalise_header("Target 2024"), "target_2024");
        assert_eq!(normalise_header(" Unità di misura "), "unita_di_misura");
        assert_eq!(normalise_header("\u{feff}LIVELLO"), "livello");
        assert_eq!(normalise_header("soglia-2025 %"), "soglia_2025");
        assert_eq!(normalise_header("weight__alt"), "weight_alt");
        assert_eq!(normalise_header("Target 2012 (Risultato atteso)"), "target_2012");
        assert_eq!(normalise_header("TARGET-2024"), "target_2024");
        assert_eq!(normalise_header("Soglia [%] 2025"), "soglia_2025");
        assert_eq!(normalise_header("Scala"), "scala");
    }

    #[test]
    fn a_year_column_with_anno_or_year_before_its_year_is_that_year_s_column() {
        let cells = cells("level,Target 2023,Target anno 2024,TARGET YEAR 2025,Peso anno 2024,Target previsto 2026");
        let header = Header { source: "p.csv", cells: &cells };
        assert_eq!(header.year_columns(&["target"]), [(2023, 1), (2024, 2), (2025, 3)]);
        assert_eq!(header.year_columns(&["weight", "peso"]), [(2024, 4)]);
    }
}
