//! Runs a parsed command line: reads the inputs, evaluates, renders.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::cli::{Cli, Command, FormatArg, InputArgs, MissingArg, NumberFormatArg, ScoringArg, ScoringArgs};
use crate::commands;
use crate::error::{InputError, UsageError};
use crate::evaluate::{MissingPolicy, Options};
use crate::inputs::read_plan;
use crate::plan::{Plan, PlanOptions};
use crate::report::{Format, Terminal};
use crate::score::{Method, Scoring};
use crate::value::NumberFormat;
use crate::workbook::SheetChoice;

/// Exit status for unusable input or a usage error.
pub const EXIT_INPUT: u8 = 2;

/// Runs the command and turns its outcome into an exit status, printing
/// errors and warnings on standard error.
pub fn run(cli: Cli) -> ExitCode {
    let mut warnings = Vec::new();
    let result = match cli.command {
        Command::Eval(args) => commands::eval::run(&args, &mut warnings),
        Command::Check(args) => commands::check::run(&args, &mut warnings),
        Command::Template(args) => commands::template::run(&args, &mut warnings),
        Command::Explain(args) => commands::explain::run(&args, &mut warnings),
        Command::Needs(args) => commands::needs::run(&args, &mut warnings),
        Command::Import(args) => commands::import::run(&args, &mut warnings),
        Command::Completions(args) => commands::completions::run(&args),
        Command::Man => commands::man::run(),
    };
    for w in &warnings {
        eprintln!("{w}");
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kpi: {e:#}");
            if e.downcast_ref::<InputError>().is_some() || e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(EXIT_INPUT)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

impl ScoringArgs {
    /// A warning when an option is given that the others make useless: a
    /// cap counts only under ratio scoring.
    pub fn unused(&self) -> Option<String> {
        (self.cap != Decimal::ONE_HUNDRED && self.scoring != ScoringArg::Ratio)
            .then(|| "kpi: warning: --cap counts only under --scoring ratio".to_string())
    }

    /// The evaluation options these arguments ask for.
    pub fn options(&self) -> Options {
        Options {
            scoring: Scoring {
                method: match self.scoring {
                    ScoringArg::Ratio => Method::Ratio,
                    ScoringArg::Linear => Method::Linear,
                    ScoringArg::Binary => Method::Binary,
                },
                cap: self.cap,
            },
            missing: match self.missing {
                MissingArg::Skip => MissingPolicy::Skip,
                MissingArg::Zero => MissingPolicy::Zero,
            },
        }
    }
}

impl InputArgs {
    pub fn number_format(&self) -> Option<NumberFormat> {
        self.number_format.map(|f| match f {
            NumberFormatArg::It => NumberFormat::Italian,
            NumberFormatArg::En => NumberFormat::English,
        })
    }

    /// The plan's sheet: `--plan-sheet`, else `--sheet`, else the first.
    pub fn plan_sheet(&self) -> SheetChoice<'_> {
        let name = self.plan_sheet.as_deref().or(self.sheet.as_deref());
        SheetChoice { name, whose: "the plan's", option: "--plan-sheet" }
    }

    /// The actuals workbooks' sheet: `--actuals-sheet`, else `--sheet`, else the first.
    pub fn actuals_sheet(&self) -> SheetChoice<'_> {
        let name = self.actuals_sheet.as_deref().or(self.sheet.as_deref());
        SheetChoice { name, whose: "the actuals'", option: "--actuals-sheet" }
    }

    pub fn read_plan(&self, warnings: &mut Vec<String>) -> Result<Plan, InputError> {
        read_plan(&self.plan, self.plan_sheet(), PlanOptions { number_format: self.number_format() }, warnings)
    }

    /// The actuals: the paths given, or the `actuals/` folder by default.
    pub fn read_actuals(&self, warnings: &mut Vec<String>) -> Result<Actuals, InputError> {
        Actuals::read_paths(&self.actuals_paths(), self.actuals_sheet(), self.number_format(), warnings)
    }

    /// The paths given with `--actuals`, or the `actuals/` folder.
    pub fn actuals_paths(&self) -> Vec<PathBuf> {
        if self.actuals.is_empty() {
            vec![PathBuf::from("actuals")]
        } else {
            self.actuals.clone()
        }
    }

    /// No `--actuals` was given and there is no `actuals/` folder: the
    /// commands that can work on the plan alone do so.
    pub fn no_actuals(&self) -> bool {
        self.actuals.is_empty() && !std::path::Path::new("actuals").exists()
    }
}

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
        FormatArg::Auto => match output {
            Some(path) => Format::from_extension(path).ok_or_else(|| {
                UsageError(format!(
                    "-o {}: cannot tell the format from the extension; name the file .csv, .tsv, .json, .md, .txt or .xlsx, or give --format",
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
