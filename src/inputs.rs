//! Opens the files a user names: picks the reader by what the file is.

use std::path::Path;

use crate::error::InputError;
use crate::import::{import_published, looks_like_published_layout, ImportedPlan};
use crate::plan::{load_plan_collecting, Plan, PlanOptions, PlanReading};
use crate::sheet::{decode, Sheet};

/// Reads a file's text: UTF-8 (a BOM is dropped) or Windows-1252.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::new(path.display().to_string(), None, format!("cannot read the file: {e}")))?;
    Ok(decode(&bytes))
}

/// Reads a table file (CSV, semicolon or tab separated).
pub fn read_sheet(path: &Path) -> Result<Sheet, InputError> {
    Sheet::parse(&path.display().to_string(), &read_text(path)?)
}

/// True for the files a folder given to `--actuals` contributes.
pub fn is_table_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("csv" | "tsv"))
}

/// Reads the plan, whatever form it comes in: the canonical plan, or the
/// published layout (imported in memory, its review list among the warnings).
/// Stops at the first problem.
pub fn read_plan(path: &Path, options: PlanOptions, warnings: &mut Vec<String>) -> Result<Plan, InputError> {
    let reading = read_plan_collecting(path, options, warnings)?;
    match reading.problems.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(reading.plan),
    }
}

/// Reads the plan like [`read_plan`], collecting every row's problems.
pub fn read_plan_collecting(
    path: &Path,
    options: PlanOptions,
    warnings: &mut Vec<String>,
) -> Result<PlanReading, InputError> {
    let source = path.display().to_string();
    let text = read_text(path)?;
    if !looks_like_published_layout(&text) {
        return load_plan_collecting(&Sheet::parse(&source, &text)?, options, warnings);
    }
    let imported = import_published(&text);
    warnings.extend(review_lines(&source, &imported));
    let canonical = imported.to_canonical_csv();
    let sheet = Sheet::parse(&source, &canonical)?;
    // The canonical text has one line per imported row after its header:
    // name the line of the published file instead.
    let published_line = |line: usize| line.checked_sub(2).and_then(|row| imported.rows.get(row)).map(|r| r.line);
    let mut reading = load_plan_collecting(&sheet, options, warnings).map_err(|mut e| {
        e.line = e.line.and_then(published_line);
        e
    })?;
    for problem in &mut reading.problems {
        problem.line = problem.line.and_then(published_line);
    }
    for node in &mut reading.plan.nodes {
        node.line = published_line(node.line).unwrap_or(node.line);
    }
    Ok(reading)
}

/// The importer's review list, one `file:line: review: …` line per item.
pub fn review_lines(source: &str, imported: &ImportedPlan) -> Vec<String> {
    imported
        .review
        .iter()
        .map(|item| match &item.code {
            Some(code) => format!("{source}:{}: review: {code}: {}", item.line, item.message),
            None => format!("{source}:{}: review: {}", item.line, item.message),
        })
        .collect()
}
