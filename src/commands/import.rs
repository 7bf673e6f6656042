//! `kpi import FILE`: the published layout → the canonical plan, with
//! everything the importer was unsure of listed for review.

use std::process::ExitCode;

use crate::cli::ImportArgs;
use crate::commands::shared::require_csv;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::error::UsageError;
use crate::files::read_text;
use crate::import::{import_published, looks_like_published_layout};
use crate::output::write_output;
use crate::plan::review_lines;

/// Written first, so that Excel reads the file as UTF-8 and shows the
/// accents (`Capacità`, not `CapacitÃ `); kpi reads it either way.
const BOM: &str = "\u{feff}";

pub fn run(args: &ImportArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    require_csv(args.output.as_deref(), "the canonical plan")?;
    crate::output::refuse_output_over_inputs(args.output.as_deref(), [("the published plan", args.file.as_path())])?;
    if let Some(output) = args.output.as_deref().filter(|path| path.exists() && !args.force) {
        return Err(UsageError(format!(
            "-o {}: the file exists, and a plan may hold a person's corrections: give --force to replace it, or another name",
            output.display()
        ))
        .into());
    }
    let source = args.file.display().to_string();
    let text = read_text(&args.file)?;
    if !looks_like_published_layout(&text) {
        return Err(Diagnostic::error(
            &source,
            None,
            "this is not a plan in the published layout: expected, among its first lines, a tab-separated titles row naming the tree (Ambito, Area strategica or Obiettivo strategico) and the Algoritmo column, as the text of the plan's PDF table gives it; a canonical plan needs no import: give it to `kpi eval --plan`",
        )
        .into());
    }
    let imported = import_published(&text).map_err(|e| Diagnostic::error(&source, e.line, e.message))?;
    diagnostics.extend(review_lines(&source, &imported));
    let indicators = imported.rows.iter().filter(|r| r.level == crate::import::ImportedLevel::Indicator).count();
    diagnostics.push(Diagnostic::new(
        Severity::Note,
        &source,
        None,
        format!(
            "imported {} ({}); {} to review{}",
            counted(imported.rows.len(), "row", "rows"),
            counted(indicators, "indicator", "indicators"),
            counted(imported.review.len(), "item", "items"),
            if imported.review.is_empty() { "" } else { " (listed above, and in the `review` column)" }
        ),
    ));
    let csv = imported.to_canonical_csv();
    write_output(args.output.as_deref(), |out| {
        out.write_all(BOM.as_bytes())?;
        out.write_all(csv.as_bytes())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `1 item`, `6 items`: a count with its noun.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
