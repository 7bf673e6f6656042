//! Classifying the lines of the published layout.
//!
//! The plan's PDF table comes out as tab-separated lines whose cells shift
//! left or right from page to page, so a line is recognised by what its
//! cells say, never by column position: leading weights, then a head cell
//! that opens with the words of a level (`AMBITO`, `OBIETTIVO STRATEGICO`),
//! a code whose letters name one (`OS01.1.1`, `OO01.1.1.01`, `A1`), the
//! word `Indicatori`, an indicator code (`EC05.1`, `91.4`, `1.1 1`), or a
//! number (`1 - NAME`, `2. EFFICIENZA`). Only a row with nothing but a
//! weight and a name is placed by the header's column it sits in.

use super::cell_value::{is_value_cell, parse_weight};
use super::text::{normalize_whitespace, words};
use super::years::{title_range, year_of};
use super::ImportedLevel;

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
    /// An ambito, a strategic or an operational objective: `50,00% | 1 -
    /// NAME`, `AMBITO 1 - NAME`, `A1 - NAME`, `20,00% | OS01.1.1 - name`,
    /// `OBIETTIVO OPERATIVO 1.1.1 - name`, `OO01.1.1.01 - name`, or the
    /// weight inside the text (`OS09.2.1 - name 33,33% description`).
    Heading(Heading),
    /// A row with a weight and a name but no code and no value cells: what it
    /// is depends on the header's column it sits in.
    Unnamed {
        weight: String,
        column: usize,
        /// The column of the weight when it stands in the cell right before
        /// the name (`\t\t60\tPortale unico` under `Obiettivo operativo`).
        weight_column: Option<usize>,
        name: String,
    },
    /// The `100,00% | Indicatori` row that opens an objective's indicators.
    IndicatorsHeading {
        weight: Option<String>,
    },
    /// An indicator: its leading weights, its code, the text after the code
    /// in the same cell, and every cell after that one (empty cells kept:
    /// they are missing values).
    Indicator {
        weights: Vec<String>,
        code: String,
        after_code: String,
        rest: Vec<String>,
    },
    /// A line with one text cell and nothing else: a description.
    Text(String),
    /// Anything else.
    Unknown(String),
}

/// A heading row of the tree, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    pub(crate) level: ImportedLevel,
    pub(crate) weight: Option<String>,
    /// The code as written; `None` when the heading has none (an all-capitals
    /// ambito, `OBIETTIVO OPERATIVO - name`).
    pub(crate) code: Option<String>,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) weight_inside_text: bool,
    /// How the level was guessed, when the text does not say it in words.
    pub(crate) guess: Option<String>,
}

/// Words that name a heading's level, longest first (any case).
const HEADING_WORDS: [(&str, ImportedLevel); 8] = [
    ("area strategica", ImportedLevel::Ambito),
    ("ambito strategico", ImportedLevel::Ambito),
    ("obiettivo strategico", ImportedLevel::Strategic),
    ("obiettivo operativo", ImportedLevel::Operational),
    ("ambito", ImportedLevel::Ambito),
    ("area", ImportedLevel::Ambito),
    ("os", ImportedLevel::Strategic),
    ("oo", ImportedLevel::Operational),
];

/// Classifies one line of the tab-separated text.
pub(crate) fn classify(raw: &str) -> LineKind {
    let cells: Vec<String> = raw.split('\t').map(normalize_whitespace).collect();
    let filled: Vec<&str> = cells.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
    if filled.is_empty() {
        return LineKind::Blank;
    }
    if filled.iter().any(|c| is_algoritmo_title(c)) {
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
    let bold = strip_bold(&head) != head;
    let head = strip_bold(&head).to_string();
    let rest: Vec<String> = cells[head_index + 1..].to_vec();
    let rest_is_empty = rest.iter().all(String::is_empty);
    let weight = weights.first().cloned();

    if head.eq_ignore_ascii_case("indicatori") && rest_is_empty {
        return LineKind::IndicatorsHeading { weight };
    }
    if let Some(heading) = worded_heading(&head, weight.clone()) {
        return LineKind::Heading(heading);
    }
    if let Some((code, after)) = leading_code(&head) {
        // `A1` heads an ambito, but an indicator may be coded so too: one
        // with value cells after it is an indicator.
        let has_values = rest.iter().any(|c| !c.is_empty() && is_value_cell(c));
        let level = letter_code_level(code).filter(|l| *l != ImportedLevel::Ambito || !has_values);
        if let Some(level) = level {
            return LineKind::Heading(heading_with_weight(level, weight, code, after));
        }
        return LineKind::Indicator { weights, code: code.to_string(), after_code: after.to_string(), rest };
    }
    if let Some((code, after)) = numeric_code(&head) {
        if !rest_is_empty {
            return LineKind::Indicator { weights, code, after_code: after.to_string(), rest };
        }
        return LineKind::Heading(numbered_heading(weight, &code, after));
    }
    if rest_is_empty && (bold || is_capitals_heading(&head)) {
        let written = if bold { "in bold" } else { "in capitals" };
        return LineKind::Heading(Heading {
            level: ImportedLevel::Ambito,
            weight,
            code: None,
            name: head,
            description: None,
            weight_inside_text: false,
            guess: Some(format!("a heading {written}, read as an ambito")),
        });
    }
    if weights.is_empty() && filled.len() == 1 {
        let short_title = head.split_whitespace().count() < 12 && title_range(&head).is_some();
        if head.starts_with("All.") || short_title {
            return LineKind::PageTitle(head);
        }
        return LineKind::Text(head);
    }
    if let (Some(weight), true) = (weight, rest_is_empty) {
        let weight_column = head_index.checked_sub(1).filter(|&at| parse_weight(&cells[at]).is_some());
        return LineKind::Unnamed { weight, column: head_index, weight_column, name: head };
    }
    LineKind::Unknown(filled.join(" "))
}

/// The titles plans give the algoritmo's column (any case): a cell that is
/// exactly one of them is the titles row, never an indicator's text.
pub(crate) fn is_algoritmo_title(cell: &str) -> bool {
    ["algoritmo", "algoritmo di calcolo", "formula", "formula di calcolo", "modalità di calcolo", "metodo di calcolo"]
        .iter()
        .any(|title| cell.trim().eq_ignore_ascii_case(title) || cell.trim().to_lowercase() == *title)
}

/// The weights that open a line, the index of the first other cell and that
/// cell. A cell like `100,00% Indicatori` is a weight and a head in one (a
/// weight written inside a cell needs its `%`: `1 - NAME` is an ambito).
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
            if is_percent_weight(weight) {
                weights.push(weight.to_string());
                return (weights, index, Some(rest.trim().to_string()));
            }
        }
        return (weights, index, Some(cell.clone()));
    }
    (weights, cells.len(), None)
}

/// `20,00%`, `20 %`: a weight with its sign, as one word or two.
fn is_percent_weight(text: &str) -> bool {
    text.trim_end().ends_with('%') && parse_weight(text).is_some()
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
    Some((code, after_separator(&cell[code.len()..])))
}

/// The text after a code: its ` - `, `:` or `.` separator taken off.
fn after_separator(text: &str) -> &str {
    text.trim_start().trim_start_matches(['-', '–', ':', '.']).trim_start()
}

/// Codes whose letters name a heading's level: `OS01.1.1` strategic,
/// `OO01.1.1.01` operational, `A1` an ambito.
fn letter_code_level(code: &str) -> Option<ImportedLevel> {
    let digits_after =
        |prefix: &str| code.strip_prefix(prefix).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    if digits_after("OS") {
        Some(ImportedLevel::Strategic)
    } else if digits_after("OO") {
        Some(ImportedLevel::Operational)
    } else if code.strip_prefix('A').is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit())) {
        Some(ImportedLevel::Ambito)
    } else {
        None
    }
}

/// `91.4 - name`, `1.1 1 - name`, `2. EFFICIENZA`, `1 - NAME`: a code made of
/// numbers (several words of digits and dots), and the text after it.
fn numeric_code(head: &str) -> Option<(String, &str)> {
    let all = words(head);
    let is_number =
        |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == '.');
    let count = all.iter().take_while(|w| is_number(w.text)).count();
    if count == 0 || all.first()?.text.len() > 12 {
        return None;
    }
    let code_end = all[count - 1].end;
    let code: Vec<&str> = all[..count].iter().map(|w| w.text.trim_end_matches('.')).collect();
    let after = after_separator(&head[code_end..]);
    (!after.is_empty()).then(|| (code.join(" "), after))
}

/// A heading opened by the words of its level: `AMBITO 1 - NAME`, `AREA
/// STRATEGICA 1 - NAME`, `OBIETTIVO STRATEGICO 1.1 - name`, `OBIETTIVO
/// OPERATIVO 1.1.1 - name`, `OS 01.1 - name`.
fn worded_heading(head: &str, weight: Option<String>) -> Option<Heading> {
    let lower = head.to_lowercase();
    let (word, level) = HEADING_WORDS.iter().find(|(word, _)| {
        lower.starts_with(word) && lower[word.len()..].starts_with(|c: char| c.is_whitespace() || c == ':' || c == '-')
    })?;
    let after = head[word.len()..].trim_start().trim_start_matches(':').trim_start();
    let (code, name) = match after.split_once(" - ").or_else(|| after.split_once(" – ")) {
        Some((code, name)) if code.split_whitespace().count() <= 2 && code.chars().any(|c| c.is_ascii_digit()) => {
            (Some(code.trim().to_string()), name.trim())
        }
        _ => match numeric_code(after) {
            Some((code, name)) => (Some(code), name),
            // Without a code only in capitals (`OBIETTIVO OPERATIVO - name`):
            // a description may open with the word `Ambito` or `Area`.
            None if !["os", "oo"].contains(word) && is_capitals_heading(&head[..word.len()]) => {
                (None, after_separator(after))
            }
            None => return None,
        },
    };
    if name.is_empty() {
        return None;
    }
    let code = code.map(|c| match *word {
        "os" => format!("OS {c}"),
        "oo" => format!("OO {c}"),
        _ => c,
    });
    let mut heading = heading_with_weight(*level, weight, "", name);
    heading.code = code;
    Some(heading)
}

/// A heading numbered without words: `1 - NAME` and `2. EFFICIENZA` are
/// ambiti; `1.1 - name` is read as a strategic objective and `1.1.1 - name`
/// as an operational one, which the review says.
fn numbered_heading(weight: Option<String>, code: &str, after: &str) -> Heading {
    let parts = code.split(['.', ' ']).filter(|p| !p.is_empty()).count();
    let (level, guess) = match parts {
        0 | 1 => (ImportedLevel::Ambito, None),
        2 => (
            ImportedLevel::Strategic,
            Some(format!("numbered {code} without a code word: read as a strategic objective")),
        ),
        _ => (
            ImportedLevel::Operational,
            Some(format!("numbered {code} without a code word: read as an operational objective")),
        ),
    };
    let mut heading = heading_with_weight(level, weight, code, after);
    heading.guess = guess;
    heading
}

/// A heading with its weight: the leading one, or for a strategic or
/// operational objective without one, a weight written inside its text.
fn heading_with_weight(level: ImportedLevel, weight: Option<String>, code: &str, after: &str) -> Heading {
    let mut heading = Heading {
        level,
        weight: weight.clone(),
        code: (!code.is_empty()).then(|| code.to_string()),
        name: after.to_string(),
        description: None,
        weight_inside_text: false,
        guess: None,
    };
    if weight.is_some() || level == ImportedLevel::Ambito {
        return heading;
    }
    if let Some(word) = words(after).into_iter().find(|word| is_percent_weight(word.text)) {
        let description = after[word.end..].trim();
        heading.weight = Some(word.text.to_string());
        heading.name = after[..word.start].trim().to_string();
        heading.description = (!description.is_empty()).then(|| description.to_string());
        heading.weight_inside_text = true;
    }
    heading
}

/// A line of text that may be a strategic objective written as a name with
/// its weight inside (`Semplificare i servizi 30,00% Ridurre i tempi …`): the
/// name, the weight and what follows. Descriptions also hold percentages
/// (`… ai progetti 20% e …`), so the caller decides by what it awaits.
pub(crate) fn named_with_weight_inside(text: &str) -> Option<Heading> {
    let heading = heading_with_weight(ImportedLevel::Strategic, None, "", text);
    (heading.weight_inside_text && heading.name.split_whitespace().count() >= 2).then_some(heading)
}

/// A heading written in capitals (`EFFICIENZA E TRASPARENZA`): letters, all
/// upper case, at least four of them.
fn is_capitals_heading(head: &str) -> bool {
    let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && !head.starts_with("All.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(line: &str) -> Heading {
        match classify(line) {
            LineKind::Heading(heading) => heading,
            other => panic!("{line}: not a heading but {other:?}"),
        }
    }

    /// Level, weight, code and name of a heading.
    fn read(line: &str) -> (ImportedLevel, Option<String>, Option<String>, String) {
        let h = heading(line);
        (h.level, h.weight, h.code, h.name)
    }

    fn some(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn ambito_rows_in_a_cell_or_on_a_bold_line() {
        use ImportedLevel::Ambito;
        assert_eq!(
            read("7,00%\t4 - ORIENTAMENTO AL LAVORO\t\t"),
            (Ambito, some("7,00%"), some("4"), "ORIENTAMENTO AL LAVORO".into())
        );
        assert_eq!(
            read("7,00% **3 - VALORIZZAZIONE DEL PATRIMONIO**"),
            (Ambito, some("7,00%"), some("3"), "VALORIZZAZIONE DEL PATRIMONIO".into())
        );
    }

    #[test]
    fn headings_in_words_numbers_and_capitals() {
        use ImportedLevel::{Ambito, Operational, Strategic};
        assert_eq!(read("30\tAMBITO 1 - EFFICIENZA\t\t"), (Ambito, some("30"), some("1"), "EFFICIENZA".into()));
        assert_eq!(read("AREA STRATEGICA 2 - TERRITORIO"), (Ambito, None, some("2"), "TERRITORIO".into()));
        assert_eq!(read("40 %\tA1 - COMPETITIVITÀ"), (Ambito, some("40 %"), some("A1"), "COMPETITIVITÀ".into()));
        assert_eq!(read("20\t2. EFFICIENZA"), (Ambito, some("20"), some("2"), "EFFICIENZA".into()));
        let capitals = heading("EFFICIENZA E TRASPARENZA");
        assert_eq!((capitals.level, capitals.code), (Ambito, None));
        assert!(capitals.guess.is_some());
        assert_eq!(
            read("50\tOBIETTIVO STRATEGICO 1.1 - Semplificare"),
            (Strategic, some("50"), some("1.1"), "Semplificare".into())
        );
        assert_eq!(
            read("OS 01.1 - Digitalizzare 25%"),
            (Strategic, some("25%"), some("OS 01.1"), "Digitalizzare".into())
        );
        // `OO 1.1.2`, spaced like `OS 01.1`, is an operational objective.
        assert_eq!(
            read("40\t\tOO 1.1.2 - Formare il personale"),
            (Operational, some("40"), some("OO 1.1.2"), "Formare il personale".into())
        );
        assert_eq!(
            read("60,00%\tOO01.1.1.01 - Ridurre i tempi"),
            (Operational, some("60,00%"), some("OO01.1.1.01"), "Ridurre i tempi".into())
        );
        assert_eq!(
            read("40%\tOBIETTIVO OPERATIVO 1.1.2 - Formare"),
            (Operational, some("40%"), some("1.1.2"), "Formare".into())
        );
        assert_eq!(read("OBIETTIVO OPERATIVO - Formare"), (Operational, None, None, "Formare".into()));
        let bold = heading("25,00%\t**Efficienza e trasparenza**");
        assert_eq!(
            (bold.level, bold.weight.as_deref(), bold.name.as_str()),
            (Ambito, Some("25,00%"), "Efficienza e trasparenza")
        );
        assert_eq!(bold.guess.as_deref(), Some("a heading in bold, read as an ambito"));
        let inside = named_with_weight_inside("Semplificare i servizi 30,00% Ridurre i tempi di attesa").unwrap();
        assert_eq!((inside.weight.as_deref(), inside.name.as_str()), (Some("30,00%"), "Semplificare i servizi"));
        assert_eq!(inside.description.as_deref(), Some("Ridurre i tempi di attesa"));
        assert!(named_with_weight_inside("Attività di sostegno alle imprese").is_none());
        // A description that opens with the word stays a description.
        assert_eq!(
            classify("Ambito di intervento del Comune"),
            LineKind::Text("Ambito di intervento del Comune".into())
        );
    }

    #[test]
    fn numeric_indicator_codes_need_their_cells() {
        let LineKind::Indicator { weights, code, after_code, .. } =
            classify("25\t91.4 - Tempi medi\tMisura\tGiorni / Pratiche\t5\t<= 4")
        else {
            panic!("not an indicator");
        };
        assert_eq!((weights, code.as_str(), after_code.as_str()), (vec!["25".to_string()], "91.4", "Tempi medi"));
        let LineKind::Indicator { code, after_code, .. } = classify("\t1.1 1 Pratiche evase\tN. pratiche\t10") else {
            panic!("not an indicator");
        };
        assert_eq!((code.as_str(), after_code.as_str()), ("1.1 1", "Pratiche evase"));
        assert_eq!(heading("1.1 - Semplificare").level, ImportedLevel::Strategic);
        let LineKind::Indicator { code, .. } = classify("50\t\tA1 - Pratiche evase\tMisura\tPratiche\t10\t>= 12")
        else {
            panic!("an indicator coded A1 with its cells is an indicator");
        };
        assert_eq!(code, "A1");
    }

    #[test]
    fn strategic_weight_may_sit_inside_the_text() {
        let h = heading("OS09.2.1 - Promuovere l'ecosistema 33,33% Sostenere le imprese 20%\t\t");
        assert_eq!(h.weight.as_deref(), Some("33,33%"));
        assert_eq!(h.code.as_deref(), Some("OS09.2.1"));
        assert_eq!(h.name, "Promuovere l'ecosistema");
        assert_eq!(h.description.as_deref(), Some("Sostenere le imprese 20%"));
        assert!(h.weight_inside_text);
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
