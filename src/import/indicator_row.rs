//! Reading the cells of one indicator row.
//!
//! After the weights comes the cell with the code and name; then, in the
//! usual case, a description cell, the algoritmo cell, three baselines and
//! three targets. The extraction shifts and merges cells: code, name and
//! description may share one cell, the description may be missing, a stray
//! cell may follow the targets. The last text cell of the row is the
//! algoritmo; the value cells are everything after it.

use super::cell_value::is_value_cell;
use super::placement::place;
use super::text::{excerpt, find_soglia, trim_trailing_punctuation, words, Word};
use super::years::PlanYears;

/// Words that open an indicator's description in these plans ("it measures",
/// "it indicates", "the number of").
const DESCRIPTION_OPENERS: [&str; 3] = ["Misura", "Indica", "Numero"];

/// Endings of Italian infinitives and action nouns (`Avviare`,
/// `Procedimento`, `Promozione`), which open a description when they follow
/// a lower-case word in the middle of a merged cell.
const ACTION_ENDINGS: [&str; 6] = ["are", "ere", "ire", "zione", "sione", "mento"];

/// The cells of an indicator row, still as the document writes them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct IndicatorCells {
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) algorithm: String,
    /// Where the plan may state the soglia, each read on its own: the name
    /// cell, the description, or the algoritmo cell when it carries the
    /// description's soglia.
    pub(crate) soglia_texts: Vec<String>,
    /// One cell per year of the header: baselines, then targets.
    pub(crate) values: Vec<String>,
    pub(crate) notes: Vec<String>,
}

/// Reads the cells of an indicator row: `after_code` is the text after the
/// code in its cell, `rest` every cell after that one, `years` those of the
/// header.
pub(crate) fn read_indicator(after_code: &str, rest: &[String], years: &PlanYears) -> IndicatorCells {
    let mut cells = IndicatorCells::default();

    let last_text = algoritmo_cell(rest, years.len());
    let (text_cells, value_cells): (Vec<&str>, &[String]) = match last_text {
        Some(last) => (rest[..=last].iter().map(String::as_str).filter(|c| !c.is_empty()).collect(), &rest[last + 1..]),
        None => (Vec::new(), rest),
    };

    match text_cells.as_slice() {
        [] => {
            let (name, description) = split_merged_cell(after_code, "", &mut cells.notes);
            cells.name = name;
            cells.description = description;
            cells.soglia_texts = vec![after_code.to_string()];
            cells.notes.push("no algoritmo cell found".to_string());
        }
        [algorithm] => {
            let (name, description) = split_merged_cell(after_code, algorithm, &mut cells.notes);
            cells.name = name;
            cells.description = description;
            cells.soglia_texts = vec![after_code.to_string()];
            match find_soglia(algorithm) {
                Some(at) => {
                    cells.algorithm = algorithm[..at].trim().to_string();
                    cells.soglia_texts.push(algorithm[at..].to_string());
                    cells.notes.push("no description cell: the algoritmo cell also states the soglia".into());
                }
                None => cells.algorithm = algorithm.to_string(),
            }
        }
        [descriptions @ .., algorithm] => {
            if descriptions.len() > 1 {
                cells.notes.push("more text cells than expected: joined into the description".into());
            }
            cells.name = name_before_soglia(after_code);
            cells.description = descriptions.join(" ");
            cells.algorithm = algorithm.to_string();
            cells.soglia_texts = vec![after_code.to_string(), cells.description.clone()];
        }
    }
    if cells.name.is_empty() {
        cells.notes.push("no name found after the code".into());
    }

    let placement = place(value_cells, years);
    cells.values = placement.values;
    cells.notes.extend(placement.notes);
    cells
}

/// The index of the algoritmo: the last text cell before the value cells. A
/// text after a value, within the years' reach of the row's end, is a value
/// cell that reads as none (`da definire`), not the algoritmo: it keeps its
/// place among the values.
fn algoritmo_cell(rest: &[String], years: usize) -> Option<usize> {
    let end = rest.iter().rposition(|c| !c.is_empty()).map_or(0, |last| last + 1);
    (0..end).rev().find(|&at| {
        let cell = &rest[at];
        if cell.is_empty() || is_value_cell(cell) {
            return false;
        }
        let after_a_value = rest[..at].iter().rev().find(|c| !c.is_empty()).is_some_and(|c| is_value_cell(c));
        !(after_a_value && end - at <= years)
    })
}

/// The name when it has a cell of its own: everything before a soglia.
fn name_before_soglia(text: &str) -> String {
    let end = find_soglia(text).unwrap_or(text.len());
    trim_trailing_punctuation(&text[..end]).to_string()
}

/// Splits a cell that holds an indicator's name and its description,
/// returning both. `algorithm` helps: descriptions often restate it.
fn split_merged_cell(text: &str, algorithm: &str, notes: &mut Vec<String>) -> (String, String) {
    let body_end = find_soglia(text).unwrap_or(text.len());
    let body = &text[..body_end];
    let soglia = text[body_end..].trim();
    let all = words(body);

    let split = repeated_opening(&all)
        .or_else(|| doubled_word(&all))
        .or_else(|| restated_algorithm(&all, algorithm))
        .or_else(|| description_opener(&all))
        .or_else(|| short_dash_tail(body, &all));
    match split {
        Some(at) => {
            let name = trim_trailing_punctuation(&body[..at]).to_string();
            let description = format!("{} {soglia}", body[at..].trim());
            (name, description.trim().to_string())
        }
        None => {
            if all.len() > 12 {
                notes.push(format!(
                    "name and description share one cell and no boundary was found: the whole text is the name ('{}')",
                    excerpt(body.trim(), 60)
                ));
            }
            (trim_trailing_punctuation(body).to_string(), soglia.to_string())
        }
    }
}

/// The description repeats the name's first two words (`Controlli e report
/// … Controlli e report … semestrali`).
fn repeated_opening(all: &[Word<'_>]) -> Option<usize> {
    let (first, second) = (all.first()?.text, all.get(1)?.text);
    (2..all.len().saturating_sub(1)).find(|&i| all[i].text == first && all[i + 1].text == second).map(|i| all[i].start)
}

/// A word written twice in a row (`… tramite LinkedIn LinkedIn calendario`):
/// the name ends with the first.
fn doubled_word(all: &[Word<'_>]) -> Option<usize> {
    (1..all.len())
        .find(|&i| {
            let word = all[i].text;
            word == all[i - 1].text && word.chars().count() >= 3 && word.starts_with(|c: char| c.is_alphabetic())
        })
        .map(|i| all[i].start)
}

/// Words of the algoritmo a description must restate to be recognised:
/// fewer would match the names' own phrases (`n. fasi realizzate`).
const RESTATED_WORDS: usize = 4;

/// The description restates the algoritmo's first words.
fn restated_algorithm(all: &[Word<'_>], algorithm: &str) -> Option<usize> {
    let wanted: Vec<&str> = algorithm.split_whitespace().take(RESTATED_WORDS).collect();
    if wanted.len() < RESTATED_WORDS {
        return None;
    }
    (1..all.len().saturating_sub(RESTATED_WORDS - 1))
        .find(|&i| (0..RESTATED_WORDS).all(|k| all[i + k].text == wanted[k]))
        .map(|i| all[i].start)
}

/// The earliest word that opens a description: after a dash (`… - Indica`,
/// `realizzate- Indica`), `Fasi 2024`, an opener word, or an infinitive or
/// action noun after a lower-case word.
fn description_opener(all: &[Word<'_>]) -> Option<usize> {
    (1..all.len())
        .find(|&i| {
            let word = all[i].text;
            let previous = all[i - 1].text;
            let capitalised = word.starts_with(|c: char| c.is_uppercase());
            let after_dash = previous.ends_with('-') && capitalised;
            let phases = word.eq_ignore_ascii_case("fasi")
                && all.get(i + 1).is_some_and(|next| {
                    let year = next.text.trim_end_matches(':');
                    year.len() == 4 && year.chars().all(|c| c.is_ascii_digit())
                });
            let opener = DESCRIPTION_OPENERS.contains(&word);
            after_dash || phases || opener || is_action_word_after_lowercase(word, previous)
        })
        .map(|i| all[i].start)
}

fn is_action_word_after_lowercase(word: &str, previous: &str) -> bool {
    let mut chars = word.chars();
    let title_case =
        chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase) && word.chars().count() >= 6;
    let previous = previous.trim_end_matches('*');
    let after_lowercase = previous.starts_with(|c: char| c.is_lowercase()) || previous.ends_with(')');
    title_case && after_lowercase && ACTION_ENDINGS.iter().any(|e| word.ends_with(e))
}

/// A short last part after ` - ` (`… "Doppia transizione" - kpi progetto
/// sull'annualità 2024 -`) is the description.
fn short_dash_tail(body: &str, all: &[Word<'_>]) -> Option<usize> {
    let trimmed_end = trim_trailing_punctuation(body).len();
    let dash = all.iter().rposition(|w| w.text == "-" && w.end < trimmed_end)?;
    let next = all.get(dash + 1)?;
    let tail = &body[next.start..trimmed_end];
    (dash > 0 && tail.chars().count() <= 40).then_some(next.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| c.to_string()).collect()
    }

    fn years() -> PlanYears {
        PlanYears { baseline: vec![2021, 2022, 2023], target: vec![2024, 2025, 2026] }
    }

    #[test]
    fn usual_row_has_description_and_algoritmo() {
        let read = read_indicator(
            "Indice di struttura primario",
            &cells(&[
                "Misura la capacità",
                "Patrimonio netto / Immobilizzazioni",
                "114,67 %",
                "110,58 %",
                "N/D",
                ">= 105,00 %",
                "N/D",
                "N/D",
                "",
            ]),
            &years(),
        );
        assert_eq!(read.name, "Indice di struttura primario");
        assert_eq!(read.description, "Misura la capacità");
        assert_eq!(read.algorithm, "Patrimonio netto / Immobilizzazioni");
        assert_eq!(read.values[0], "114,67 %");
        assert_eq!(read.values[3], ">= 105,00 %");
        assert!(read.notes.is_empty(), "{:?}", read.notes);
    }

    #[test]
    fn merged_cell_splits_at_the_description() {
        let read = read_indicator(
            "Grado di adesione al cassetto digitale Misura il grado di adesione SOGLIA 20%",
            &cells(&[
                "N. imprese aderenti / Numero imprese attive",
                "22,74%",
                "33,09%",
                "41,42%",
                ">= 45,00 %",
                "N/D",
                "N/D",
            ]),
            &years(),
        );
        assert_eq!(read.name, "Grado di adesione al cassetto digitale");
        assert_eq!(read.description, "Misura il grado di adesione SOGLIA 20%");
        assert_eq!(read.values[2], "41,42%");
    }

    #[test]
    fn empty_cells_between_values_stay_empty() {
        let read = read_indicator(
            "Tempo medio di lavorazione - Indica il tempo medio. SOGLIA 8",
            &cells(&["", "Tempi medi di lavorazione", "5,88 gg", "7,40 gg", "", "<= 6 gg", "", "", ""]),
            &years(),
        );
        assert_eq!(read.name, "Tempo medio di lavorazione");
        assert_eq!(read.algorithm, "Tempi medi di lavorazione");
        assert_eq!(read.values[2], "");
        assert_eq!(read.values[3], "<= 6 gg");
    }

    #[test]
    fn stray_cell_after_targets_is_reported_unless_empty() {
        let mut row = cells(&["desc", "algo", "1", "2", "3", ">= 4", "N/D", "N/D", "N/D"]);
        assert!(read_indicator("nome", &row, &years()).notes.is_empty());
        row[8] = "99 N.".into();
        assert_eq!(read_indicator("nome", &row, &years()).notes.len(), 1);
    }
}
