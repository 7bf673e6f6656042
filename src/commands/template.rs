//! `kpi template YEAR`: the actuals file to fill in, in the format of the README's "The actuals files".
//! It is written the way an Italian spreadsheet saves CSV (`;`, decimal
//! comma), so the office can fill the `value` column in Excel or LibreOffice
//! and give the file back to `kpi eval` unchanged.

use std::io;
use std::process::ExitCode;

use crate::cli::TemplateArgs;
use crate::commands::shared::require_csv;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::lang::Lang;
use crate::output::write_output;
use crate::report::io_error;
use crate::template::{header, safe_text, template, written, Row};

pub fn run(args: &TemplateArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    require_csv(args.output.as_deref(), "the template")?;
    args.inputs.refuse_output_over_inputs(args.output.as_deref())?;
    let plan = args.inputs.read_plan(diagnostics)?;
    diagnostics.no_error()?;
    let actuals = if args.inputs.no_actuals() { None } else { Some(args.inputs.read_actuals(diagnostics)) };
    diagnostics.no_error()?;
    diagnostics.extend(crate::commands::shared::no_target_warning(
        &plan,
        args.year,
        args.year,
        "there is nothing to collect",
    ));
    let lang = args.lang.lang();
    let rows = template(&plan, actuals.as_ref(), args.year, lang);
    write_output(args.output.as_deref(), |out| write_rows(&rows, lang, out))?;
    let known = rows.iter().filter(|r| r.known.is_some()).count();
    diagnostics.push(Diagnostic::general(
        Severity::Note,
        format!(
            "kpi template: {} rows for {} ({known} already filled in from the actuals); fill the value column and give the file to kpi eval --actuals",
            rows.len(),
            args.year
        ),
    ));
    Ok(ExitCode::SUCCESS)
}

/// Starts with a byte-order mark: without it Excel opens UTF-8 as
/// Windows-1252 (`CapacitÃ `) and saves the names back wrong.
fn write_rows(rows: &[Row], lang: Lang, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    writer.write_record(header(lang)).map_err(io_error)?;
    for row in rows {
        let value = row.known.as_ref().map(|(v, unit)| written(v, unit.as_ref())).unwrap_or_default();
        writer
            .write_record([
                row.year.to_string(),
                safe_text(&row.code),
                safe_text(&row.variable),
                safe_text(&value),
                safe_text(row.note.as_deref().unwrap_or_default()),
                safe_text(&row.description),
            ])
            .map_err(io_error)?;
    }
    writer.flush()
}
