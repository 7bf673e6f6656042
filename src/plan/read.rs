//! Reads the plan, whatever form it comes in: the canonical plan as text or
//! as a workbook, or the published layout imported in memory.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::files::text_table::TextTable;
use crate::files::workbook::{is_workbook, unsupported_workbook, SheetChoice};
use crate::files::{parse_text_table, read_sheet, read_text_blocks};
use crate::import::{import_published, published_layout_in, ImportedPlan};

use super::load::{load_plan, load_plan_sharing, voting_columns};
use super::{Plan, PlanOptions};
use crate::threads::Handover;

/// Reads the plan, whatever form it comes in: the canonical plan as text or
/// as a workbook (`sheet` picks its sheet), or the published layout
/// (imported in memory, its review list among the diagnostics). Every
/// problem is pushed to `diagnostics` (see [`load_plan`]); fails only when
/// there is no plan to read at all.
pub fn read_plan(
    path: &Path,
    sheet: SheetChoice,
    options: PlanOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Plan, Diagnostic> {
    read_plan_sharing(path, sheet, options, diagnostics, None)
}

/// [`read_plan`], the pieces of a large text's rows offered to the thread
/// that calls the `handover`'s [`Handover::help`] once it is free.
pub fn read_plan_sharing(
    path: &Path,
    sheet: SheetChoice,
    options: PlanOptions,
    diagnostics: &mut Diagnostics,
    handover: Option<&Handover>,
) -> Result<Plan, Diagnostic> {
    let source = path.display().to_string();
    if !path.exists() {
        let beside = ["csv", "xlsx", "ods"].iter().map(|ext| path.with_extension(ext)).find(|p| p.is_file());
        let message = match beside {
            Some(other) => {
                format!("cannot read the file: it does not exist; there is {}: give --plan {0}", other.display())
            }
            None => "cannot read the file: it does not exist (give the plan with --plan FILE)".to_string(),
        };
        return Err(Diagnostic::error(source, None, message));
    }
    if is_workbook(path) || unsupported_workbook(path).is_some() {
        return load_plan(&read_sheet(path, sheet)?, options, diagnostics);
    }
    let (blocks, mixed) = read_text_blocks(path)?;
    if !published_layout_in(blocks.iter().flat_map(|block| block.lines())) {
        let table = parse_text_table(&source, blocks, mixed, &|header| voting_columns(header, options))?;
        return match handover {
            Some(handover) => load_plan_sharing(Box::new(table), options, diagnostics, handover),
            None => load_plan(&table, options, diagnostics),
        };
    }
    // A published plan is a small file: its blocks are joined for the importer.
    let text = blocks.concat();
    let imported = import_published(&text).map_err(|e| Diagnostic::error(&source, e.line, e.message))?;
    diagnostics.extend(review_lines(&source, &imported));
    let canonical = imported.to_canonical_csv();
    // The canonical text has one line per imported row after its header:
    // every message names the line of the published file instead, which is
    // the file the user has.
    let published_line = |line: usize| line.checked_sub(2).and_then(|row| imported.rows.get(row)).map(|r| r.line);
    let on_published = |d: &mut Diagnostic| {
        if d.file.as_deref() == Some(source.as_str()) {
            d.line = d.line.and_then(published_line);
        }
    };
    let from = diagnostics.len();
    let read = TextTable::parse(&source, canonical).and_then(|table| load_plan(&table, options, diagnostics));
    diagnostics.since_mut(from).iter_mut().for_each(on_published);
    let mut plan = read.map_err(|mut e| {
        on_published(&mut e);
        e
    })?;
    for node in &mut plan.nodes {
        node.set_line(published_line(node.line()).unwrap_or(node.line()));
    }
    Ok(plan)
}

/// The importer's review list, one `file:line: review: …` per item.
pub fn review_lines(source: &str, imported: &ImportedPlan) -> Vec<Diagnostic> {
    imported
        .review
        .iter()
        .map(|item| {
            let message = match &item.code {
                Some(code) => format!("{code}: {}", item.message),
                None => item.message.clone(),
            };
            Diagnostic::new(Severity::Review, source, item.line, message)
        })
        .collect()
}
