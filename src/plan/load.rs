//! Builds a [`Plan`] from the canonical plan table (SPEC §3).

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::{Level, Node, Plan};
use crate::error::{caret_under, InputError};
use crate::formula::Formula;
use crate::sheet::{Row, Sheet};
use crate::target::Target;
use crate::value::{ambiguity_warning, parse_value, NumberFormat, Reading, Value};

/// Choices that change how a plan is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOptions {
    /// `--number-format`: overrides the detection of SPEC §2.
    pub number_format: Option<NumberFormat>,
}

/// The columns of the plan, resolved once from the header.
struct Columns {
    level: usize,
    code: usize,
    name: Option<usize>,
    weight: Option<usize>,
    parent: Option<usize>,
    formula: Option<usize>,
    algorithm: Option<usize>,
    unit: Option<usize>,
    threshold: Option<usize>,
    weight_by_year: Vec<(i32, usize)>,
    threshold_by_year: Vec<(i32, usize)>,
    baseline_by_year: Vec<(i32, usize)>,
    target_by_year: Vec<(i32, usize)>,
}

impl Columns {
    fn resolve(sheet: &Sheet) -> Result<Columns, InputError> {
        let required = |names: &[&str], what: &str| {
            sheet.column(names).ok_or_else(|| {
                InputError::new(
                    &sheet.source,
                    Some(1),
                    format!("the header has no `{what}` column (found: {})", sheet.headers.join(", ")),
                )
                .with_detail("    a plan needs at least `level` and `code`; see the README for every column")
            })
        };
        Ok(Columns {
            level: required(&["level", "livello"], "level")?,
            code: required(&["code", "codice"], "code")?,
            name: sheet.column(&["name", "nome", "descrizione", "denominazione"]),
            weight: sheet.column(&["weight", "peso"]),
            parent: sheet.column(&["parent", "padre"]),
            formula: sheet.column(&["formula"]),
            algorithm: sheet.column(&["algorithm", "algoritmo"]),
            unit: sheet.column(&["unit", "unita", "unita_di_misura"]),
            threshold: sheet.column(&["threshold", "soglia"]),
            weight_by_year: sheet.year_columns(&["weight", "peso"]),
            threshold_by_year: sheet.year_columns(&["threshold", "soglia"]),
            baseline_by_year: sheet.year_columns(&["baseline"]),
            target_by_year: sheet.year_columns(&["target"]),
        })
    }

    /// The cells that hold values, which decide the number format.
    fn value_columns(&self) -> Vec<usize> {
        let mut cols: Vec<usize> = [self.weight, self.threshold].into_iter().flatten().collect();
        for list in [&self.weight_by_year, &self.threshold_by_year, &self.baseline_by_year, &self.target_by_year] {
            cols.extend(list.iter().map(|(_, c)| *c));
        }
        cols
    }
}

/// Reads every cell of one file by one number format, remembering the first
/// cell the other format would read differently.
struct CellReader<'a> {
    source: &'a str,
    format: NumberFormat,
    first_ambiguous: Option<(usize, String)>,
}

impl CellReader<'_> {
    fn error(&self, row: &Row, message: String) -> InputError {
        InputError::new(self.source, Some(row.line), message)
    }

    fn note_ambiguous(&mut self, row: &Row, text: &str, ambiguous: bool) {
        if ambiguous && self.first_ambiguous.is_none() {
            self.first_ambiguous = Some((row.line, text.trim().to_string()));
        }
    }

    fn value(&mut self, row: &Row, text: &str, column: &str) -> Result<Option<Value>, InputError> {
        match parse_value(text, self.format) {
            Ok(Reading::Nothing) => Ok(None),
            Ok(Reading::Value(p)) => Ok(Some(p.value)),
            Ok(Reading::Ambiguous(p)) => {
                self.note_ambiguous(row, text, true);
                Ok(Some(p.value))
            }
            Err(e) => Err(self.error(row, format!("{column}: {e}"))),
        }
    }

    /// A weight: `20%`, `20,00 %` and `20` are all 20.
    fn weight(&mut self, row: &Row, text: &str, column: &str) -> Result<Option<Decimal>, InputError> {
        let without_percent = text.trim().trim_end_matches('%').trim();
        match self.value(row, without_percent, column)? {
            None => Ok(None),
            Some(Value::Number(w)) if w >= Decimal::ZERO => Ok(Some(w)),
            Some(_) => {
                Err(self.error(row, format!("{column}: `{}` is not a weight (a number, 0 or more)", text.trim())))
            }
        }
    }

    fn target(&mut self, row: &Row, text: &str, column: &str) -> Result<Option<(Target, Option<String>)>, InputError> {
        match Target::parse(text, self.format) {
            Ok(None) => Ok(None),
            Ok(Some(parsed)) => {
                self.note_ambiguous(row, text, parsed.ambiguous);
                Ok(Some((parsed.target, parsed.unit)))
            }
            Err(e) => Err(self.error(row, format!("{column}: {e}"))),
        }
    }
}

/// Reads the plan in a sheet. Warnings (an ambiguous number) are pushed to `warnings`.
pub fn load_plan(sheet: &Sheet, options: PlanOptions, warnings: &mut Vec<String>) -> Result<Plan, InputError> {
    let columns = Columns::resolve(sheet)?;
    let value_columns = columns.value_columns();
    let format = sheet.number_format(&value_columns, options.number_format);
    let sheet = &*sheet.with_numbers_in(format, &value_columns);
    let mut cells = CellReader { source: &sheet.source, format, first_ambiguous: None };
    let mut nodes: Vec<Node> = Vec::with_capacity(sheet.rows.len());
    let mut by_code: HashMap<String, usize> = HashMap::with_capacity(sheet.rows.len());
    let mut parent_codes: Vec<Option<String>> = Vec::with_capacity(sheet.rows.len());

    for row in &sheet.rows {
        let node = read_node(row, &columns, &mut cells)?;
        if let Some(&first) = by_code.get(&node.code) {
            return Err(cells.error(
                row,
                format!(
                    "the code `{}` is already used on line {}: every node needs its own code",
                    node.code, nodes[first].line
                ),
            ));
        }
        by_code.insert(node.code.clone(), nodes.len());
        let parent = row.cell(columns.parent);
        parent_codes.push((!parent.is_empty()).then(|| parent.to_string()));
        nodes.push(node);
    }

    link_parents(&sheet.source, &mut nodes, &by_code, &parent_codes)?;
    check_thresholds(&sheet.source, &nodes)?;

    if let Some((line, text)) = cells.first_ambiguous {
        warnings.push(ambiguity_warning(&format!("{}:{line}", sheet.source), &text, format));
    }

    let roots = (0..nodes.len()).filter(|&i| nodes[i].parent.is_none()).collect();
    Ok(Plan { source: sheet.source.clone(), nodes, roots, by_code })
}

fn read_node(row: &Row, columns: &Columns, cells: &mut CellReader) -> Result<Node, InputError> {
    let level_text = row.cell(Some(columns.level));
    let level = Level::parse(level_text).ok_or_else(|| {
        cells.error(
            row,
            format!(
                "unknown level `{level_text}`: use ambito, strategic (obiettivo strategico), operational (obiettivo operativo) or indicator (indicatore)"
            ),
        )
    })?;
    let code = row.cell(Some(columns.code)).to_string();
    if code.is_empty() {
        return Err(cells.error(row, "the code is empty: every node needs a unique code".into()));
    }
    let text = |c: Option<usize>| {
        let t = row.cell(c);
        (!t.is_empty()).then(|| t.to_string())
    };

    let weight = cells.weight(row, row.cell(columns.weight), "weight")?;
    let mut weight_by_year = BTreeMap::new();
    for &(year, c) in &columns.weight_by_year {
        if let Some(w) = cells.weight(row, row.cell(Some(c)), &format!("weight_{year}"))? {
            weight_by_year.insert(year, w);
        }
    }

    let formula = match text(columns.formula) {
        Some(source) => Some(Formula::parse(&source).map_err(|e| {
            cells
                .error(row, format!("formula of {code}, column {}: {}", e.column, e.message))
                .with_detail(caret_under(&source, e.column))
        })?),
        None => None,
    };

    let mut unit = text(columns.unit);
    let threshold = cells.value(row, row.cell(columns.threshold), "threshold")?;
    let mut threshold_by_year = BTreeMap::new();
    for &(year, c) in &columns.threshold_by_year {
        if let Some(v) = cells.value(row, row.cell(Some(c)), &format!("threshold_{year}"))? {
            threshold_by_year.insert(year, v);
        }
    }
    let mut baseline_by_year = BTreeMap::new();
    for &(year, c) in &columns.baseline_by_year {
        if let Some(v) = cells.value(row, row.cell(Some(c)), &format!("baseline_{year}"))? {
            baseline_by_year.insert(year, v);
        }
    }
    let mut target_by_year = BTreeMap::new();
    for &(year, c) in &columns.target_by_year {
        if let Some((target, target_unit)) = cells.target(row, row.cell(Some(c)), &format!("target_{year}"))? {
            if unit.is_none() {
                unit = target_unit;
            }
            target_by_year.insert(year, target);
        }
    }
    if level != Level::Indicator && (formula.is_some() || !target_by_year.is_empty()) {
        return Err(cells.error(
            row,
            format!(
                "{code} is a{} {} but has a formula or a target: only indicators are measured",
                if level == Level::Area { "n" } else { "" },
                level.name()
            ),
        ));
    }

    Ok(Node {
        level,
        code,
        name: row.cell(columns.name).to_string(),
        parent: None,
        children: Vec::new(),
        weight,
        weight_by_year,
        formula,
        algorithm: text(columns.algorithm),
        unit,
        threshold,
        threshold_by_year,
        baseline_by_year,
        target_by_year,
        line: row.line,
    })
}

/// Links every node to its parent: the `parent` column where given, else the
/// nearest earlier row of a higher level. Linear in the number of rows.
fn link_parents(
    source: &str,
    nodes: &mut [Node],
    by_code: &HashMap<String, usize>,
    parent_codes: &[Option<String>],
) -> Result<(), InputError> {
    // The latest row seen of each level, for the document-order rule.
    let mut latest: [Option<usize>; 4] = [None; 4];
    for i in 0..nodes.len() {
        let level = nodes[i].level;
        let parent = match &parent_codes[i] {
            Some(code) => {
                let p = *by_code.get(code).ok_or_else(|| {
                    InputError::new(
                        source,
                        Some(nodes[i].line),
                        format!("the parent `{code}` of {} is not a code in this plan", nodes[i].code),
                    )
                })?;
                if !nodes[p].level.is_above(level) {
                    return Err(InputError::new(
                        source,
                        Some(nodes[i].line),
                        format!(
                            "{} ({}) cannot hang under {} ({}): a parent must be of a higher level",
                            nodes[i].code,
                            level.name(),
                            nodes[p].code,
                            nodes[p].level.name()
                        ),
                    ));
                }
                Some(p)
            }
            None => latest[..level as usize].iter().flatten().max().copied(),
        };
        nodes[i].parent = parent;
        latest[level as usize] = Some(i);
    }
    for i in 0..nodes.len() {
        if let Some(p) = nodes[i].parent {
            nodes[p].children.push(i);
        }
    }
    Ok(())
}

/// A soglia must be of the same kind as the target it qualifies.
fn check_thresholds(source: &str, nodes: &[Node]) -> Result<(), InputError> {
    for node in nodes {
        for (year, target) in &node.target_by_year {
            let Some(threshold) = node.threshold_in(*year) else { continue };
            let fits = matches!(
                (target, threshold),
                (Target::Number { .. }, Value::Number(_))
                    | (Target::Deadline(_), Value::Date(_))
                    | (Target::Boolean(_), _)
            );
            if !fits {
                return Err(InputError::new(
                    source,
                    Some(node.line),
                    format!(
                        "the soglia of {} for {year} is a {} but its target needs a {}",
                        node.code,
                        threshold.kind(),
                        target.value_kind()
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Plan, InputError> {
        load_plan(&Sheet::parse("plan.csv", text).unwrap(), PlanOptions::default(), &mut Vec::new())
    }

    #[test]
    fn document_order_gives_parents_and_levels_may_be_skipped() {
        let plan = load(
            "level,code,name,weight\nambito,A1,Uno,60\nstrategic,OS1,S,1\nindicator,K1,I,1\noperational,OO1,O,1\nindicator,K2,I,1\nambito,A2,Due,40\nindicator,K3,I,1\n",
        )
        .unwrap();
        let parent = |code: &str| plan.nodes[plan.find(code).unwrap()].parent.map(|p| plan.nodes[p].code.clone());
        assert_eq!(parent("A1"), None);
        assert_eq!(parent("K1").as_deref(), Some("OS1"));
        assert_eq!(parent("OO1").as_deref(), Some("OS1"));
        assert_eq!(parent("K2").as_deref(), Some("OO1"));
        assert_eq!(parent("K3").as_deref(), Some("A2"));
        assert_eq!(plan.roots.len(), 2);
    }

    #[test]
    fn italian_aliases_and_weights() {
        let plan = load("livello;codice;nome;peso;peso_2025\nambito;A1;Uno;20,00 %;30\n").unwrap();
        let a1 = &plan.nodes[0];
        assert_eq!(a1.weight, Some(Decimal::from(20)));
        assert_eq!(a1.weight_in(2025), Some(Decimal::from(30)));
        assert_eq!(a1.weight_in(2024), Some(Decimal::from(20)));
    }

    #[test]
    fn mistakes_name_the_line() {
        let err = load("level,code\nambito,A1\nsomething,A2\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("unknown level `something`"));
        let err = load("level,code\nambito,A1\nambito,A1\n").unwrap_err();
        assert_eq!((err.line, err.message.contains("line 2")), (Some(3), true));
        let err = load("level,code,target_2024\nindicator,K1,>= 1.2.3\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = load("level,code,formula\nindicator,K1,[a] + * [b]\n").unwrap_err();
        assert_eq!(err.to_string(), "plan.csv:2: formula of K1, column 7: expected a number, a [quantity] or `(`, found `*`\n    [a] + * [b]\n          ^");
    }

    #[test]
    fn a_soglia_must_fit_its_target() {
        let err = load("level,code,threshold,target_2024\nindicator,K1,31-03-2024,>= 5\n").unwrap_err();
        assert!(err.message.contains("soglia"), "{err}");
    }

    #[test]
    fn an_ambiguous_number_warns_once_per_file() {
        let mut warnings = Vec::new();
        let sheet = Sheet::parse(
            "p.csv",
            "level;code;baseline_2023;target_2024\nindicator;K1;1.336;>= 1.500\nindicator;K2;2.000;>= 1.500\n",
        )
        .unwrap();
        let plan = load_plan(&sheet, PlanOptions::default(), &mut warnings).unwrap();
        assert_eq!(plan.nodes[0].baseline_by_year[&2023], Value::Number(Decimal::from(1336)));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("p.csv:2: warning: `1.336` is read as 1336"), "{}", warnings[0]);
        assert!(warnings[0].contains("--number-format en"));
    }
}
