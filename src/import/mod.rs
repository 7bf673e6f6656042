//! Importing a plan from its published layout: the table of a Piano della
//! performance as text extracted from its PDF (tab-separated, page breaks
//! repeating the title and the header rows, cells shifting from page to
//! page), into the canonical plan (README, "The plan file").
//!
//! The importer keeps the document's own words and values, proposes a
//! formula for every algoritmo, and lists everything it is not sure of as
//! [`ReviewItem`]s: the result is a draft for a person to check, never a
//! silent guess.
//!
//! Codes are kept as written. A code used by an earlier row again is
//! suffixed `#2`, `#3`, … (`kpi14.5_04#2`): the plan's codes never contain
//! `#`, so the suffix cannot collide with a real code, and it reads as "the
//! second row with this code".

mod canonical_csv;
mod cell_value;
mod formula_proposal;
mod indicator_row;
mod layout;
mod placement;
mod review;
mod text;
mod threshold;
mod years;

pub use review::ReviewItem;
pub use years::PlanYears;

use cell_value::{is_deadline, parse_weight, unit_of};
use formula_proposal::{propose_formula, TargetKind};
use indicator_row::read_indicator;
use layout::{classify, Heading, LineKind};
use rust_decimal::Decimal;
use std::collections::HashMap;
use text::excerpt;
use threshold::{read_soglia, unlabelled_soglia_hint};
use years::{split_years, title_range, years_in_titles};

/// The level of a row of the imported plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportedLevel {
    /// A strategic area.
    Ambito,
    /// An obiettivo strategico.
    Strategic,
    /// An obiettivo operativo, between a strategic objective and its
    /// indicators.
    Operational,
    /// An indicatore (KPI).
    Indicator,
}

impl ImportedLevel {
    /// The level in words, for review messages.
    fn described(self) -> &'static str {
        match self {
            ImportedLevel::Ambito => "an ambito",
            ImportedLevel::Strategic => "a strategic objective",
            ImportedLevel::Operational => "an operational objective",
            ImportedLevel::Indicator => "an indicator",
        }
    }

    /// The level as the canonical plan writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportedLevel::Ambito => "ambito",
            ImportedLevel::Strategic => "strategic",
            ImportedLevel::Operational => "operational",
            ImportedLevel::Indicator => "indicator",
        }
    }
}

/// One row of the imported plan; cells keep the document's Italian text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRow {
    pub level: ImportedLevel,
    pub code: String,
    pub name: String,
    /// The weight the evaluation uses, as written (`20,00%`).
    pub weight: String,
    /// The second weight column, where a row has one (OS02.1.1's and
    /// OS14.5's indicators); kept visible, not used by the evaluation.
    pub weight_alt: Option<String>,
    /// The proposed formula (README, "Formulas"), when the algoritmo could be read.
    pub formula: Option<String>,
    /// The algoritmo in the plan's own words.
    pub algorithm: String,
    pub description: String,
    /// `%`, `gg`, `N.`, `€` or `date`, from the targets and baselines.
    pub unit: Option<String>,
    /// The soglia, when the description states one clearly (`85%`, `4 gg`).
    pub threshold: Option<String>,
    /// The baseline cells, one per baseline year of the header, as written.
    pub baselines: Vec<(i32, String)>,
    /// The target cells, one per target year of the header, as written.
    pub targets: Vec<(i32, String)>,
    /// The 1-based line of the source text.
    pub line: usize,
    /// What the reviewer should check on this row.
    pub review: Vec<String>,
}

impl ImportedRow {
    /// The baseline cell of `year`, empty when the row has none.
    pub fn baseline(&self, year: i32) -> &str {
        cell_of(&self.baselines, year)
    }

    /// The target cell of `year`, empty when the row has none.
    pub fn target(&self, year: i32) -> &str {
        cell_of(&self.targets, year)
    }
}

fn cell_of(cells: &[(i32, String)], year: i32) -> &str {
    cells.iter().find(|(y, _)| *y == year).map_or("", |(_, cell)| cell.as_str())
}

/// A plan read from the published layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPlan {
    /// The baseline and target years, as the header names them.
    pub years: PlanYears,
    /// Every ambito, strategic objective and indicator, in document order.
    pub rows: Vec<ImportedRow>,
    /// Everything to check, in line order: every row's notes and the notes
    /// about the document itself.
    pub review: Vec<ReviewItem>,
}

impl ImportedPlan {
    /// The canonical plan: `;`-delimited Italian CSV with the header
    /// `level;code;name;weight;weight_alt;formula;algorithm;unit;threshold;
    /// baseline_YYYY…;target_YYYY…;review`, one column per year of the
    /// header.
    pub fn to_canonical_csv(&self) -> String {
        canonical_csv::write(self)
    }
}

/// Whether `text` looks like the published layout rather than a canonical
/// plan: one of its first lines is a tab-separated header naming the
/// `Ambito`, `Obiettivo strategico` and `Algoritmo` columns.
pub fn looks_like_published_layout(text: &str) -> bool {
    published_layout_in(text.lines())
}

/// [`looks_like_published_layout`] of the text whose lines are `lines`.
pub fn published_layout_in<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    lines.filter(|line| !line.trim().is_empty()).take(10).any(|line| {
        let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_lowercase()).collect();
        let names_the_tree = cells.iter().any(|c| {
            ["ambito", "ambiti", "area strategica", "aree strategiche", "obiettivo strategico", "obiettivi strategici"]
                .iter()
                .any(|title| c.starts_with(title))
        });
        cells.len() >= 4 && names_the_tree && cells.iter().any(|c| layout::is_algoritmo_title(c))
    })
}

/// Why a text is not a published plan the importer can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPlan {
    /// The 1-based line the problem is seen at, if any.
    pub line: Option<usize>,
    /// What was expected and not found.
    pub message: String,
}

/// Reads the published layout. Never panics: what cannot be read is reported
/// in [`ImportedPlan::review`]; a text with no header naming the years, or
/// with no indicator at all, is not a plan and is refused.
pub fn import_published(text: &str) -> Result<ImportedPlan, NotAPlan> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut builder = Builder::default();
    for (index, line) in text.lines().enumerate() {
        builder.read_line(index + 1, line)?;
    }
    builder.finish()
}

/// Builds the rows line by line, remembering the open ambito and objective.
#[derive(Default)]
struct Builder {
    rows: Vec<ImportedRow>,
    parents: Vec<Option<usize>>,
    notes: Vec<ReviewItem>,
    ambito: Option<usize>,
    objective: Option<usize>,
    operational: Option<usize>,
    /// The ambito or objective whose description is the next text line.
    awaiting_description: Option<usize>,
    /// The years of the value cells, once the header has named them.
    years: Option<PlanYears>,
    /// The last titles row, cells by position: it says which years are targets.
    header: Option<Vec<String>>,
    /// The year range of the title (`Obiettivi ente 2025-2027`), if any.
    title_range: Option<(i32, i32)>,
    /// For every code a new row could repeat: the line of the first earlier
    /// row using it and how many do. A row's code counts for itself and for
    /// each part before a `#` (`K1#2` counts for `K1#2` and `K1`), so the
    /// lookup finds exactly the rows whose code is that code or opens with
    /// it and a `#`.
    codes: HashMap<String, (usize, usize)>,
}

impl Builder {
    fn read_line(&mut self, line: usize, raw: &str) -> Result<(), NotAPlan> {
        let kind = classify(raw);
        let keeps_waiting = matches!(
            kind,
            LineKind::Blank
                | LineKind::PageTitle(_)
                | LineKind::ColumnHeader(_)
                | LineKind::YearHeader(_)
                | LineKind::Text(_)
        );
        if !keeps_waiting {
            self.awaiting_description = None;
        }
        // Above the titles row and the years there is only the document's
        // title, however it is written (`PIANO DELLA PERFORMANCE 2025-2027`
        // in capitals is no ambito).
        let before_header = self.header.is_none() && self.years.is_none();
        let kind = match kind {
            LineKind::Heading(Heading { code: None, weight: None, name, .. }) if before_header => {
                LineKind::PageTitle(name)
            }
            LineKind::Text(text) if before_header && self.rows.is_empty() => LineKind::PageTitle(text),
            other => other,
        };
        match kind {
            LineKind::Blank => {}
            LineKind::PageTitle(title) => {
                self.title_range = self.title_range.or(title_range(&title));
            }
            LineKind::ColumnHeader(cells) => {
                if let Some((years, notes)) = years_in_titles(&cells) {
                    self.set_years(line, years, notes);
                }
                self.header = Some(cells);
            }
            LineKind::YearHeader(years) => {
                let (read, note) = split_years(self.header.as_deref(), &years, self.title_range);
                self.set_years(line, read, note.into_iter().collect());
            }
            LineKind::Heading(heading) => self.push_heading(line, heading),
            LineKind::Unnamed { weight, column, weight_column, name } => {
                match self.level_of_column(column).or_else(|| weight_column.and_then(|at| self.level_of_column(at))) {
                    Some(level) => {
                        let heading = Heading {
                            level,
                            weight: Some(weight),
                            code: None,
                            name,
                            description: None,
                            weight_inside_text: false,
                            guess: Some(format!(
                                "a weight and a name without a code: read as {} from the header's column",
                                level.described()
                            )),
                        };
                        self.push_heading(line, heading);
                    }
                    None => self.note(
                        line,
                        format!(
                        "line not understood, skipped: '{} {}' (a weight and a name, no code, under no level's column)",
                        weight,
                        excerpt(&name, 70)
                    ),
                    ),
                }
            }
            LineKind::IndicatorsHeading { weight } => self.check_indicators_heading(line, weight),
            LineKind::Indicator { weights, code, after_code, rest } => {
                let Some(years) = self.years.clone() else {
                    return Err(NotAPlan {
                        line: Some(line),
                        message: "an indicator row comes before any header row naming the years (expected the titles row with Algoritmo, BASE LINE and TARGET, and under it the row of years)".into(),
                    });
                };
                self.push_indicator(line, &years, weights, code, &after_code, &rest)
            }
            LineKind::Text(text) => match (self.awaiting_description.take(), layout::named_with_weight_inside(&text)) {
                (Some(index), _) => self.rows[index].description = text,
                (None, Some(mut heading)) => {
                    heading.guess =
                        Some("a name with its weight inside the text, read as a strategic objective".into());
                    self.push_heading(line, heading);
                }
                (None, None) => self.note(line, format!("text line not attached to any row: '{}'", excerpt(&text, 80))),
            },
            LineKind::Unknown(text) => {
                self.note(line, format!("line not understood, skipped: '{}'", excerpt(&text, 80)))
            }
        }
        Ok(())
    }

    /// Appends an ambito, a strategic or an operational objective under the
    /// nearest open row of a higher level.
    fn push_heading(&mut self, line: usize, heading: Heading) {
        let level = heading.level;
        let parent = match level {
            ImportedLevel::Ambito => None,
            ImportedLevel::Strategic => self.ambito,
            _ => self.objective.or(self.ambito),
        };
        let code = heading.code.clone().unwrap_or_else(|| self.generated_code(level));
        let weight = heading.weight.clone().unwrap_or_default();
        let index = self.push(level, line, code.clone(), heading.name, weight, parent);
        let row = &mut self.rows[index];
        match (heading.guess, heading.code.is_none()) {
            (Some(guess), true) => row.review.push(format!("{guess}; no code written: called {code}")),
            (Some(guess), false) => row.review.push(guess),
            (None, true) => row.review.push(format!("no code written: called {code}")),
            (None, false) => {}
        }
        match (&heading.weight, heading.weight_inside_text) {
            (None, _) if level != ImportedLevel::Ambito => row.review.push("no weight found".into()),
            (Some(weight), true) => row.review.push(format!("weight {weight} read from inside the objective's text")),
            _ => {}
        }
        match heading.description {
            Some(description) => row.description = description,
            None => self.awaiting_description = Some(index),
        }
        match level {
            ImportedLevel::Ambito => {
                self.ambito = Some(index);
                self.objective = None;
                self.operational = None;
            }
            ImportedLevel::Strategic => {
                if parent.is_none() {
                    row.review.push("no ambito before this objective".into());
                }
                self.objective = Some(index);
                self.operational = None;
            }
            _ => {
                if parent.is_none() {
                    row.review.push("no strategic objective or ambito before this objective".into());
                }
                self.operational = Some(index);
            }
        }
    }

    /// A code for a heading that has none: `A1`, `OS1`, `OO1`, counting the
    /// rows of that level (a clash with a written code gets the usual `#2`).
    fn generated_code(&self, level: ImportedLevel) -> String {
        let prefix = match level {
            ImportedLevel::Ambito => "A",
            ImportedLevel::Strategic => "OS",
            _ => "OO",
        };
        let count = self.rows.iter().filter(|r| r.level == level).count();
        format!("{prefix}{}", count + 1)
    }

    /// The level a header's column names (`Ambito`, `Obiettivo strategico`,
    /// `Obiettivo operativo`), for the cell at `column`; a column shared with
    /// the indicators (`Obiettivi Operativi / Indicatori OS`) names none.
    fn level_of_column(&self, column: usize) -> Option<ImportedLevel> {
        let title = self.header.as_ref()?.get(column)?.to_lowercase();
        if title.contains("indicator") {
            None
        } else if title.contains("operativ") {
            Some(ImportedLevel::Operational)
        } else if title.contains("strategic") {
            Some(ImportedLevel::Strategic)
        } else if title.starts_with("ambito") || title.starts_with("area") {
            Some(ImportedLevel::Ambito)
        } else {
            None
        }
    }

    fn note(&mut self, line: usize, message: String) {
        self.notes.push(ReviewItem { line, code: None, message });
    }

    /// The header names the years of the value columns; the first header
    /// sets them, and a later page whose header names others is reported
    /// (its rows are still read with the first header's years). The notes on
    /// how the years were read go to the review with the first header only,
    /// so a header repeated at every page names each guess once.
    fn set_years(&mut self, line: usize, years: PlanYears, notes: Vec<String>) {
        match &self.years {
            None => {
                for note in notes {
                    self.note(line, note);
                }
                self.years = Some(years);
            }
            Some(first) if *first == years => {}
            Some(first) => {
                let message = format!(
                    "this header names other years ({}) than the first one ({}): the first one's are used",
                    years::describe(&years),
                    years::describe(first)
                );
                self.note(line, message);
            }
        }
    }

    fn check_indicators_heading(&mut self, line: usize, weight: Option<String>) {
        let Some(objective) = self.operational.or(self.objective) else {
            self.note(line, "'Indicatori' row outside any objective".into());
            return;
        };
        // A bare `Indicatori` only opens the list: there is nothing to doubt.
        let Some(weight) = weight else { return };
        let full = parse_weight(&weight).is_some_and(|w| w == Decimal::from(100));
        if !full {
            self.rows[objective].review.push(format!("its 'Indicatori' row weighs {weight}, not 100 %"));
        }
    }

    /// Appends a row, making a repeated code distinguishable (`#2`).
    fn push(
        &mut self,
        level: ImportedLevel,
        line: usize,
        code: String,
        name: String,
        weight: String,
        parent: Option<usize>,
    ) -> usize {
        let mut row = ImportedRow {
            level,
            code: code.clone(),
            name,
            weight,
            weight_alt: None,
            formula: None,
            algorithm: String::new(),
            description: String::new(),
            unit: None,
            threshold: None,
            baselines: Vec::new(),
            targets: Vec::new(),
            line,
            review: Vec::new(),
        };
        if let Some(&(first_line, count)) = self.codes.get(&code) {
            row.code = format!("{code}#{}", count + 1);
            row.review.push(format!(
                "code {code} is also used at line {first_line} for a different row: this one is {}",
                row.code
            ));
        }
        self.count_code(&row.code, line);
        self.rows.push(row);
        self.parents.push(parent);
        self.rows.len() - 1
    }

    /// Counts a new row's code (see [`Builder::codes`]).
    fn count_code(&mut self, code: &str, line: usize) {
        let prefixes = code.match_indices('#').map(|(at, _)| &code[..at]);
        for key in prefixes.chain(std::iter::once(code)) {
            self.codes.entry(key.to_string()).or_insert((line, 0)).1 += 1;
        }
    }

    fn push_indicator(
        &mut self,
        line: usize,
        years: &PlanYears,
        weights: Vec<String>,
        code: String,
        after_code: &str,
        rest: &[String],
    ) {
        let cells = read_indicator(after_code, rest, years);
        let parent = self.operational.or(self.objective).or(self.ambito);
        let index = self.push(
            ImportedLevel::Indicator,
            line,
            code,
            cells.name.clone(),
            weights.first().cloned().unwrap_or_default(),
            parent,
        );
        let row = &mut self.rows[index];
        row.description = cells.description;
        row.algorithm = cells.algorithm;
        row.review.extend(cells.notes);
        let mut values = cells.values.into_iter();
        row.baselines = years.baseline.iter().map(|&y| (y, values.next().unwrap_or_default())).collect();
        row.targets = years.target.iter().map(|&y| (y, values.next().unwrap_or_default())).collect();

        match weights.as_slice() {
            [] => row.review.push("no weight found".into()),
            [_] => {}
            // The parent's note names every row with two weights, once.
            [_, second, extra @ ..] => {
                row.weight_alt = Some(second.clone());
                if !extra.is_empty() {
                    row.review.push(format!("further weights ignored: {}", extra.join(", ")));
                }
            }
        }
        if parent.is_none() {
            row.review.push("no objective before this indicator".into());
        }

        let (unit, unit_notes) = infer_unit(row);
        row.review.extend(unit_notes);
        row.unit = unit.map(str::to_string);

        let soglia = read_soglia(&cells.soglia_texts, unit);
        row.threshold = soglia.threshold;
        row.review.extend(soglia.notes);
        if row.threshold.is_none() {
            row.review.extend(unlabelled_soglia_hint(&row.description));
        }

        let deadline = row.targets.iter().any(|(_, t)| is_deadline(t));
        let kind = TargetKind { percent: unit == Some("%"), deadline };
        let proposal = propose_formula(&row.algorithm, kind);
        row.formula = proposal.formula;
        row.review.extend(proposal.notes);
    }

    fn finish(mut self) -> Result<ImportedPlan, NotAPlan> {
        let Some(years) = self.years.take() else {
            return Err(NotAPlan {
                line: None,
                message: "no header row naming the years (expected the titles row with Algoritmo, BASE LINE and TARGET, and under it the row of years)".into(),
            });
        };
        if !self.rows.iter().any(|r| r.level == ImportedLevel::Indicator) {
            return Err(NotAPlan {
                line: None,
                message: "no indicator row found (expected rows with a weight, a code and name such as `20,00% EC05.1 - name`, the algoritmo and a value cell per year of the header)".into(),
            });
        }
        let mut review = review::check_sibling_weights(&mut self.rows, &self.parents);
        review.append(&mut self.notes);
        review.extend(review::grouped(&self.rows));
        review.sort_by_key(|item| item.line);
        Ok(ImportedPlan { years, rows: self.rows, review })
    }
}

/// The unit of an indicator: the first one its targets, then its baselines,
/// are written in; for bare counts, `N.` when the algoritmo counts (`N.`,
/// `Numero`).
fn infer_unit(row: &ImportedRow) -> (Option<&'static str>, Vec<String>) {
    let cells = row.targets.iter().chain(&row.baselines).map(|(_, cell)| cell);
    let mut units: Vec<&'static str> = Vec::new();
    for unit in cells.filter_map(|c| unit_of(c)) {
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    let mut notes = Vec::new();
    if units.len() > 1 {
        notes.push(format!("targets and baselines mix units ({}): the unit is {}", units.join(", "), units[0]));
    }
    if let Some(&unit) = units.first() {
        return (Some(unit), notes);
    }
    let first_word = row.algorithm.split_whitespace().next().unwrap_or("");
    let counts = first_word.eq_ignore_ascii_case("n.") || first_word.eq_ignore_ascii_case("numero");
    (counts.then_some("N."), notes)
}
