//! What the commands share: the output format and terminal they write to,
//! and the warnings more than one of them gives.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::FormatArg;
use crate::diagnostic::Diagnostic;
use crate::error::UsageError;
use crate::plan::Plan;
use crate::report::{Format, Terminal};

/// The format to write: as asked, or by the output file's extension, or a
/// table on a terminal and CSV in a pipe. A workbook needs a file; a format
/// asked for must agree with the extension of the file, when that names one.
pub fn output_format(format: FormatArg, output: Option<&Path>) -> Result<Format, UsageError> {
    let chosen = match format {
        FormatArg::Table => Format::Table,
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Json => Format::Json,
        FormatArg::Md => Format::Markdown,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Html => Format::Html,
        FormatArg::Auto => match output {
            Some(path) => Format::from_extension(path).ok_or_else(|| {
                UsageError(format!(
                    "-o {}: cannot tell the format from the extension; name the file .csv, .tsv, .json, .md, .txt, .xlsx or .html, or give --format",
                    path.display()
                ))
            })?,
            None if std::io::stdout().is_terminal() => Format::Table,
            None => Format::Csv,
        },
    };
    if let Some(path) = output.filter(|path| format != FormatArg::Auto && !chosen.fits_file(path)) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        return Err(UsageError(format!(
            "--format {} writes {0}, but -o {} names a .{ext} file: drop --format, or name the file .{}",
            chosen.name(),
            path.display(),
            chosen.extension()
        )));
    }
    if chosen.is_binary() && output.is_none() {
        return Err(UsageError(
            "--format xlsx writes a workbook, which cannot go to standard output: give -o FILE.xlsx".into(),
        ));
    }
    Ok(chosen)
}

/// Refuses an output file that is not `.csv`, for the commands that write
/// only CSV; `what` says what the file holds.
pub fn require_csv(output: Option<&Path>, what: &str) -> Result<(), UsageError> {
    match output {
        Some(path) if Format::from_extension(path) != Some(Format::Csv) => Err(UsageError(format!(
            "-o {}: {what} is a CSV file (it opens in any spreadsheet); name it .csv",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// How the table may be drawn: colour, symbols and the terminal's width only
/// when standard output is a terminal and no file is asked for.
pub fn terminal(output: Option<&Path>) -> Terminal {
    let is_terminal = output.is_none() && std::io::stdout().is_terminal();
    let no_color = std::env::var("NO_COLOR").ok();
    Terminal::decide(is_terminal, no_color.as_deref(), if is_terminal { terminal_width() } else { None })
}

/// The terminal's width in columns: `COLUMNS` when set, else as the terminal reports it.
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).or_else(|| comfy_table::Table::new().width())
}

/// A year in which no indicator has a target (a typo: `2204`) evaluates to
/// nothing but `n/d`: say so, naming the years the plan has targets for.
pub fn no_target_warning(plan: &Plan, first: i32, last: i32, consequence: &str) -> Option<Diagnostic> {
    // Nearly always the first indicators have a target in the years asked:
    // the plan's years are gathered, from every node, only to say which it has.
    if plan.nodes.iter().any(|n| n.target_by_year().keys().any(|y| (first..=last).contains(y))) {
        return None;
    }
    let targets = plan.target_years();
    let asked = if first == last { format!("{first:04}") } else { format!("{first:04}..{last:04}") };
    let has = match targets.as_slice() {
        [] => "the plan has no target for any year".to_string(),
        [one] => format!("the plan has targets for {one} only"),
        years => {
            format!("the plan has targets for {}", years.iter().map(i32::to_string).collect::<Vec<_>>().join(", "))
        }
    };
    Some(Diagnostic::warning(
        &plan.source,
        None,
        format!("no indicator has a target for {asked}, so {consequence}; {has}"),
    ))
}
