//! `kpi template YEAR`: the actuals file to fill in, in the format of the README's "The actuals files".
//! It is written the way an Italian spreadsheet saves CSV (`;`, decimal
//! comma), so the office can fill the `value` column in Excel or LibreOffice
//! and give the file back to `kpi eval` unchanged.

use std::borrow::Cow;
use std::io;
use std::process::ExitCode;

use crate::cli::TemplateArgs;
use crate::commands::shared::require_csv;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::output::write_output;
use crate::report::io_error;
use crate::template::{each_row, header, safe_text, written, Row};

pub fn run(args: &TemplateArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    require_csv(args.output.as_deref(), "the template")?;
    args.inputs.refuse_output_over_inputs(args.output.as_deref())?;
    let (plan, actuals) = args.inputs.read_plan_and_any_actuals(diagnostics)?;
    diagnostics.no_error()?;
    diagnostics.extend(crate::commands::shared::no_target_warning(
        &plan,
        args.year,
        args.year,
        "there is nothing to collect",
    ));
    let lang = args.lang.lang();
    // Each row is written as it is made; all are counted, even past a
    // closed pipe: (rows, already filled in).
    let (mut rows, mut known) = (0, 0);
    write_output(args.output.as_deref(), |out| {
        // A byte-order mark: without it Excel opens UTF-8 as Windows-1252
        // (`CapacitÃ `) and saves the names back wrong.
        out.write_all("\u{feff}".as_bytes())?;
        let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
        let mut outcome = writer.write_record(header(lang)).map_err(io_error);
        each_row(&plan, actuals.as_ref(), args.year, lang, |row| {
            rows += 1;
            known += usize::from(row.known.is_some());
            if outcome.is_ok() {
                outcome = write_row(&mut writer, &row);
            }
        });
        outcome?;
        writer.flush()
    })?;
    diagnostics.push(Diagnostic::general(
        Severity::Note,
        format!(
            "kpi template: {rows} rows for {} ({known} already filled in from the actuals); fill the value column and give the file to kpi eval --actuals",
            args.year
        ),
    ));
    std::mem::forget((plan, actuals));
    Ok(ExitCode::SUCCESS)
}

/// One row of the file.
fn write_row(writer: &mut csv::Writer<&mut dyn io::Write>, row: &Row) -> io::Result<()> {
    let value = row.known.as_ref().map(|(v, unit)| written(v, unit.as_ref())).unwrap_or_default();
    // The cells borrowed where no guard is needed: no copy of each per row.
    let mut year = itoa::Buffer::new();
    let cells = [
        Cow::Borrowed(year.format(row.year)),
        safe_text(&row.code),
        safe_text(&row.variable),
        safe_text(&value),
        safe_text(row.note.as_deref().unwrap_or_default()),
        safe_text(&row.description),
    ];
    writer.write_record(cells.iter().map(|cell| cell.as_bytes())).map_err(io_error)
}
