//! Opens the files a user names: picks the reader by what the file is.

use std::path::Path;

use crate::error::InputError;
use crate::import::{import_published, looks_like_published_layout, ImportedPlan};
use crate::plan::{load_plan_collecting, Plan, PlanOptions, PlanReading};
use crate::sheet::{decode_reporting, Sheet};
use crate::workbook::{is_lock_file, is_workbook, read_workbook, unsupported_workbook, SheetChoice};

/// Reads a file's text: UTF-8 (a BOM is dropped) or Windows-1252.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    Ok(read_text_reporting(path)?.0)
}

/// Reads a file's text, and whether it mixed UTF-8 and Windows-1252.
fn read_text_reporting(path: &Path) -> Result<(String, bool), InputError> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::new(path.display().to_string(), None, format!("cannot read the file: {e}")))?;
    Ok(decode_reporting(&bytes))
}

/// Parses delimited text, warning when it mixed two encodings.
fn parse_text(source: &str, text: &str, mixed: bool) -> Result<Sheet, InputError> {
    let mut sheet = Sheet::parse(source, text)?;
    if mixed {
        sheet.warnings.push(format!(
            "{source}: warning: the file is UTF-8 with some Windows-1252 characters (as when a program saves part of it in another encoding); each part was read in its own encoding: check accented names, and save the file in one encoding"
        ));
    }
    Ok(sheet)
}

/// Reads a table file: a workbook (`.xlsx`, `.ods`: the sheet `sheet` names,
/// else the first), or delimited text (CSV, semicolon or tab separated).
pub fn read_sheet(path: &Path, sheet: SheetChoice) -> Result<Sheet, InputError> {
    if is_workbook(path) {
        return read_workbook(path, sheet);
    }
    if let Some(message) = unsupported_workbook(path) {
        return Err(InputError::new(path.display().to_string(), None, message));
    }
    let (text, mixed) = read_text_reporting(path)?;
    parse_text(&path.display().to_string(), &text, mixed)
}

/// True for the files a folder given to `--actuals` contributes: text tables
/// and workbooks, but not the lock files an open workbook leaves beside it.
pub fn is_table_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    (matches!(ext.as_deref(), Some("csv" | "tsv")) || is_workbook(path)) && !is_lock_file(path)
}

/// Reads the plan, whatever form it comes in: the canonical plan as text or
/// as a workbook (`sheet` picks its sheet), or the published layout
/// (imported in memory, its review list among the warnings). Stops at the
/// first problem.
pub fn read_plan(
    path: &Path,
    sheet: SheetChoice,
    options: PlanOptions,
    warnings: &mut Vec<String>,
) -> Result<Plan, InputError> {
    let reading = read_plan_collecting(path, sheet, options, warnings)?;
    match reading.problems.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(reading.plan),
    }
}

/// Reads the plan like [`read_plan`], collecting every row's problems.
pub fn read_plan_collecting(
    path: &Path,
    sheet: SheetChoice,
    options: PlanOptions,
    warnings: &mut Vec<String>,
) -> Result<PlanReading, InputError> {
    let source = path.display().to_string();
    if !path.exists() {
        let beside = ["csv", "xlsx", "ods"].iter().map(|ext| path.with_extension(ext)).find(|p| p.is_file());
        let message = match beside {
            Some(other) => {
                format!("cannot read the file: it does not exist; there is {}: give --plan {0}", other.display())
            }
            None => "cannot read the file: it does not exist (give the plan with --plan FILE)".to_string(),
        };
        return Err(InputError::new(source, None, message));
    }
    if is_workbook(path) || unsupported_workbook(path).is_some() {
        return load_plan_collecting(&read_sheet(path, sheet)?, options, warnings);
    }
    let (text, mixed) = read_text_reporting(path)?;
    if !looks_like_published_layout(&text) {
        return load_plan_collecting(&parse_text(&source, &text, mixed)?, options, warnings);
    }
    let imported = import_published(&text).map_err(|e| InputError::new(&source, e.line, e.message))?;
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
