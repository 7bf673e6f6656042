//! Classifying the lines of the published layout.
//!
//! The plan's PDF table comes out as tab-separated lines whose cells shift
//! left or right from page to page, so a line is recognised by what its
//! cells say, never by column position: leading weights, then a head cell
//! that opens with an ambito number, an `OSxx` code, the word `Indicatori`
//! or an indicator code.

use super::cell_value::parse_weight;
use super::text::{normalize_whitespace, words};
use super::years::{title_range, year_of};

/// What one line of the source is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind {
    Blank,
    /// The title repeated at every page break (`All. 2 Obiettivi ente …`).
    PageTitle(String),
    /// The first header row (`Ambito | Obiettivo strategico | … | Algoritmo`),
    /// every cell in its position.
    ColumnHeader(Vec<String>),
    /// The second header row: the years of the baseline and target columns,
    /// each with the position of its cell.
    YearHeader(Vec<(usize, i32)>),
    /// An ambito (strategic area): `50,00% | 1 - NAME`.
    Ambito {
        weight: String,
        number: String,
        name: String,
    },
    /// A strategic objective: `20,00% | OS01.1.1 - name`, or the weight
    /// inside the text (`OS09.2.1 - name 33,33% description`).
    Strategic {
        weight: Option<String>,
        code: String,
        name: String,
        description: Option<String>,
        weight_inside_text: bool,
    },
    /// The `100,00% | Indicatori` row that opens an objective's indicators.
    IndicatorsHeading {
        weight: Option<String>,
    },
    /// An indicator: its leading weights, the cell with its code, and every
    /// cell after that one (empty cells kept: they are missing values).
    Indicator {
        weights: Vec<String>,
        head: String,
        rest: Vec<String>,
    },
    /// A line with one text cell and nothing else: a description.
    Text(String),
    /// Anything else.
    Unknown(String),
}

/// Classifies one line of the tab-separated text.
pub(crate) fn classify(raw: &str) -> LineKind {
    let cells: Vec<String> = raw.split('\t').map(normalize_whitespace).collect();
    let filled: Vec<&str> = cells.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
    if filled.is_empty() {
        return LineKind::Blank;
    }
    if filled.iter().any(|c| c.eq_ignore_ascii_case("algoritmo")) {
        return LineKind::ColumnHeader(cells);
    }
    if filled.len() >= 2 && filled.iter().all(|c| year_of(c).is_some()) {
        let years = cells.iter().enumerate().filter_map(|(at, c)| Some((at, year_of(c)?))).collect();
        return LineKind::YearHeader(years);
    }

    let (weights, head_index, head) = split_leading_weights(&cells);
    let Some(head) = head else {
        return LineKind::Unknown(filled.join(" "));
    };
    let head = strip_bold(&head).to_string();
    let rest: Vec<String> = cells[head_index + 1..].to_vec();
    let rest_is_empty = rest.iter().all(String::is_empty);

    if head.eq_ignore_ascii_case("indicatori") && rest_is_empty {
        return LineKind::IndicatorsHeading { weight: weights.first().cloned() };
    }
    if let Some((code, after)) = leading_code(&head) {
        if is_strategic_code(code) {
            return strategic(weights.first().cloned(), code, after);
        }
        return LineKind::Indicator { weights, head, rest };
    }
    if let (Some(weight), Some((number, name))) = (weights.first(), ambito_head(&head)) {
        return LineKind::Ambito { weight: weight.clone(), number: number.to_string(), name: name.to_string() };
    }
    if weights.is_empty() && filled.len() == 1 {
        let short_title = head.split_whitespace().count() < 12 && title_range(&head).is_some();
        if head.starts_with("All.") || short_title {
            return LineKind::PageTitle(head);
        }
        return LineKind::Text(head);
    }
    LineKind::Unknown(filled.join(" "))
}

/// The weights that open a line, the index of the first other cell and that
/// cell. A cell like `100,00% Indicatori` is a weight and a head in one.
fn split_leading_weights(cells: &[String]) -> (Vec<String>, usize, Option<String>) {
    let mut weights = Vec::new();
    for (index, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        if parse_weight(cell).is_some() {
            weights.push(cell.clone());
            continue;
        }
        if let Some((weight, rest)) = cell.split_once(' ') {
            if parse_weight(weight).is_some() {
                weights.push(weight.to_string());
                return (weights, index, Some(rest.trim().to_string()));
            }
        }
        return (weights, index, Some(cell.clone()));
    }
    (weights, cells.len(), None)
}

/// Removes the `**…**` that marks a line the extraction took in bold.
fn strip_bold(cell: &str) -> &str {
    match cell.strip_prefix("**").and_then(|c| c.strip_suffix("**")) {
        Some(inner) => inner.trim(),
        None => cell,
    }
}

/// Splits `EC05.1 - Indice …` or `kpi14.5_06 Ampiezza …` into the code and
/// the text after it. A code opens with a letter, has a digit, and is made of
/// letters, digits and `._-` only.
pub(crate) fn leading_code(cell: &str) -> Option<(&str, &str)> {
    let token_end = cell.find(char::is_whitespace).unwrap_or(cell.len());
    let code = cell[..token_end].trim_end_matches(['-', ':', '.']);
    let valid = code.len() <= 40
        && code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !valid {
        return None;
    }
    let after = cell[code.len()..].trim_start().trim_start_matches(['-', '–', ':']).trim_start();
    Some((code, after))
}

/// Strategic objectives are coded `OS` and a number (`OS01.1.1`, `OS12.3`).
fn is_strategic_code(code: &str) -> bool {
    code.strip_prefix("OS").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Reads a strategic objective, finding its weight inside the text when no
/// cell before the code holds one.
fn strategic(weight: Option<String>, code: &str, after: &str) -> LineKind {
    if weight.is_some() {
        return LineKind::Strategic {
            weight,
            code: code.to_string(),
            name: after.to_string(),
            description: None,
            weight_inside_text: false,
        };
    }
    let found = words(after).into_iter().find(|word| parse_weight(word.text).is_some());
    match found {
        Some(word) => {
            let description = after[word.end..].trim();
            LineKind::Strategic {
                weight: Some(word.text.to_string()),
                code: code.to_string(),
                name: after[..word.start].trim().to_string(),
                description: (!description.is_empty()).then(|| description.to_string()),
                weight_inside_text: true,
            }
        }
        None => LineKind::Strategic {
            weight: None,
            code: code.to_string(),
            name: after.to_string(),
            description: None,
            weight_inside_text: false,
        },
    }
}

/// Splits an ambito head `3 - VALORIZZAZIONE …` into its number and name.
fn ambito_head(head: &str) -> Option<(&str, &str)> {
    let digits_end = head.find(|c: char| !c.is_ascii_digit()).unwrap_or(head.len());
    if digits_end == 0 {
        return None;
    }
    let name = head[digits_end..].trim_start().strip_prefix('-')?.trim();
    (!name.is_empty()).then_some((&head[..digits_end], name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambito_rows_in_a_cell_or_on_a_bold_line() {
        assert_eq!(
            classify("7,00%\t4 - ORIENTAMENTO AL LAVORO\t\t"),
            LineKind::Ambito { weight: "7,00%".into(), number: "4".into(), name: "ORIENTAMENTO AL LAVORO".into() }
        );
        assert_eq!(
            classify("7,00% **3 - VALORIZZAZIONE DEL PATRIMONIO**"),
            LineKind::Ambito {
                weight: "7,00%".into(),
                number: "3".into(),
                name: "VALORIZZAZIONE DEL PATRIMONIO".into()
            }
        );
    }

    #[test]
    fn strategic_weight_may_sit_inside_the_text() {
        let LineKind::Strategic { weight, code, name, description, weight_inside_text } =
            classify("OS09.2.1 - Promuovere l'ecosistema 33,33% Sostenere le imprese 20%\t\t")
        else {
            panic!("not strategic");
        };
        assert_eq!(weight.as_deref(), Some("33,33%"));
        assert_eq!(code, "OS09.2.1");
        assert_eq!(name, "Promuovere l'ecosistema");
        assert_eq!(description.as_deref(), Some("Sostenere le imprese 20%"));
        assert!(weight_inside_text);
    }

    #[test]
    fn indicators_heading_with_weight_in_the_same_cell() {
        assert_eq!(
            classify("\t100,00% Indicatori\t\t"),
            LineKind::IndicatorsHeading { weight: Some("100,00%".into()) }
        );
    }

    #[test]
    fn indicator_codes_with_and_without_dash() {
        assert_eq!(leading_code("kpi14.5_06 Ampiezza delle attività"), Some(("kpi14.5_06", "Ampiezza delle attività")));
        assert_eq!(leading_code("kpi3.1.1-06 - Incremento"), Some(("kpi3.1.1-06", "Incremento")));
        assert_eq!(leading_code("All. 2 Obiettivi"), None);
        assert_eq!(leading_code("Attività amministrativa"), None);
    }

    #[test]
    fn headers_and_titles() {
        assert_eq!(
            classify("All. 2 Obiettivi ente 2024-2026"),
            LineKind::PageTitle("All. 2 Obiettivi ente 2024-2026".into())
        );
        assert!(matches!(
            classify("Ambito\tObiettivo strategico\tIndicatori\tAlgoritmo\tBASE LINE"),
            LineKind::ColumnHeader(cells) if cells[4] == "BASE LINE"
        ));
        assert_eq!(classify("\t\t2021\t2022\t2023"), LineKind::YearHeader(vec![(2, 2021), (3, 2022), (4, 2023)]));
    }
}
