//! The command line: the clap definitions, and what the arguments ask for
//! in the library's own terms (evaluation options, number format, sheets,
//! the plan and actuals they name).

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

use crate::actuals::Actuals;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::error::UsageError;
use crate::evaluate::score::{Method, Scoring};
use crate::evaluate::{MissingPolicy, Options};
use crate::files::workbook::SheetChoice;
use crate::lang::Lang;
use crate::plan::{read_plan, read_plan_sharing, Plan, PlanOptions};
use crate::scale::Scale;
use crate::threads::Handover;
use crate::value::NumberFormat;

#[derive(Debug, Parser)]
#[command(name = "kpi", version, about = "Evaluate the KPIs of a public body's performance plan", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute, score and roll up every indicator for a year.
    Eval(EvalArgs),
    /// Find every problem in the plan and the actuals, each with file, line and a hint.
    Check(CheckArgs),
    /// Write the actuals file to fill in for a year: one row per quantity the formulas need.
    Template(TemplateArgs),
    /// Show how one indicator's or objective's score was made, with its arithmetic.
    Explain(ExplainArgs),
    /// Mid-year monitoring: what each indicator, and the body, still needs to reach the targets.
    Needs(NeedsArgs),
    /// Turn a plan in its published layout (text from the PDF) into the canonical plan CSV.
    Import(ImportArgs),
    /// Print the shell completion script for SHELL.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `kpi man > kpi.1`.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The published plan: tab-separated text extracted from its PDF.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Write the canonical plan to FILE, a .csv file (atomically), instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE of -o when it exists (a reviewed plan is never replaced without it).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoringArg {
    /// 100·v/T (or 100·T/v when lower is better); linear between soglia and target where a ratio cannot apply.
    Ratio,
    /// 100·(v−S)/(T−S) from the soglia to the target; ratio without a soglia.
    Linear,
    /// 100 when achieved, 0 otherwise.
    Binary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MissingArg {
    /// Leave missing indicators out of the roll-up.
    Skip,
    /// Count missing indicators as 0.
    Zero,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumberFormatArg {
    /// 1.234,5 (decimal comma)
    It,
    /// 1,234.5 (decimal point)
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Italiano
    It,
    /// English
    En,
}

/// The language of the human outputs, the same option for every command that has them.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct LangArgs {
    /// The language of the human outputs: the table, Markdown, the workbook, explain and the template
    /// (JSON, CSV and TSV keep their English fields and statuses in both).
    #[arg(long, value_enum, value_name = "it|en", default_value = "it")]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table on a terminal, CSV in a pipe; with -o, the file's extension.
    Auto,
    Table,
    Csv,
    Tsv,
    Json,
    Md,
    /// A workbook; needs -o FILE.
    Xlsx,
    /// The Relazione: one self-contained HTML page to open, print or publish.
    Html,
}

/// The inputs every command reads.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// The plan: CSV (comma, semicolon or tab), .xlsx or .ods.
    #[arg(long, value_name = "FILE", default_value = "plan.csv")]
    pub plan: PathBuf,

    /// Actuals files, or folders whose .csv, .tsv, .xlsx and .ods files are all read. Repeatable.
    #[arg(long, value_name = "PATH")]
    pub actuals: Vec<PathBuf>,

    /// The sheet to read in every .xlsx or .ods workbook (default: the first);
    /// --plan-sheet and --actuals-sheet override it for one side.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// The plan's sheet, when the plan is a workbook (default: --sheet, else the first).
    #[arg(long, value_name = "NAME")]
    pub plan_sheet: Option<String>,

    /// The sheet of every actuals workbook (default: --sheet, else the first), so one
    /// workbook can hold the plan on one sheet and the actuals on another.
    #[arg(long, value_name = "NAME")]
    pub actuals_sheet: Option<String>,

    /// Read every number as Italian (1.234,5) or English (1,234.5) instead of detecting it per file.
    #[arg(long, value_enum, value_name = "it|en")]
    pub number_format: Option<NumberFormatArg>,
}

/// How indicators are scored and rolled up: the same for every command that evaluates.
#[derive(Debug, Clone, clap::Args)]
pub struct ScoringArgs {
    /// How a missed target earns partial credit.
    #[arg(long, value_enum, default_value = "ratio")]
    pub scoring: ScoringArg,

    /// Let over-achievement count up to P (ratio scoring only); 100 or more.
    #[arg(long, value_name = "P", default_value = "100", value_parser = parse_cap)]
    pub cap: Decimal,

    /// What a missing indicator counts as in the roll-up.
    #[arg(long, value_enum, default_value = "skip")]
    pub missing: MissingArg,

    /// The body's scale of partial credit for every indicator whose plan sets
    /// none: points degree:score, e.g. "70%:0 90%:100", or "steps 60%:50 80%:80".
    #[arg(long, value_name = "SCALE", value_parser = parse_scale)]
    pub scale: Option<Scale>,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The year to evaluate, e.g. 2024; or years side by side, e.g. 2024..2026
    /// (the plan's baseline years before them are shown too).
    #[arg(value_name = "YEAR[..YEAR]", value_parser = parse_years)]
    pub years: YearSpan,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub lang: LangArgs,

    #[command(flatten)]
    pub scoring: ScoringArgs,

    /// Output format.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: FormatArg,

    /// Write to FILE (atomically) instead of standard output; the extension
    /// (.csv .tsv .json .md .txt .xlsx .html) picks the format unless --format is given.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Show only the top N levels of the tree (1: the ambiti).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub depth: Option<u16>,

    /// CSV for Italian Excel: `;` between fields, decimal comma, UTF-8 with BOM (CSV and TSV only).
    #[arg(long)]
    pub decimal_comma: bool,

    /// Write CSV and TSV text cells as they are, without the `'` that stops a
    /// spreadsheet running a cell beginning with = + - @ as a formula.
    #[arg(long)]
    pub raw: bool,

    /// The Relazione's title, e.g. the body's name (HTML only; default: the plan file's name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Where the Relazione's bands begin: below A red, below G amber, else green (HTML only).
    #[arg(long, value_name = "A,G", default_value = "60,90", value_parser = crate::report::Bands::parse)]
    pub bands: crate::report::Bands,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: InputArgs,

    /// Check this year (repeatable), its values too; by default, the years the plan has targets for,
    /// their values where the actuals give some row for the year.
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub year: Vec<i32>,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The year whose values are to be collected, e.g. 2024.
    #[arg(value_name = "YEAR", value_parser = parse_year)]
    pub year: i32,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub lang: LangArgs,

    /// Write to FILE, a .csv file (atomically), instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code of an indicator, objective or ambito, e.g. K00015 or OS3.2.
    #[arg(value_name = "CODE")]
    pub code: String,

    /// The year, e.g. 2024.
    #[arg(value_name = "YEAR", value_parser = parse_year)]
    pub year: i32,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub lang: LangArgs,

    #[command(flatten)]
    pub scoring: ScoringArgs,
}

#[derive(Debug, clap::Args)]
pub struct NeedsArgs {
    /// The year being monitored, e.g. 2024.
    #[arg(value_name = "YEAR", value_parser = parse_year)]
    pub year: i32,

    /// An indicator's code: what it needs, with the arithmetic written out.
    #[arg(value_name = "CODE")]
    pub code: Option<String>,

    #[command(flatten)]
    pub inputs: InputArgs,

    #[command(flatten)]
    pub scoring: ScoringArgs,

    #[command(flatten)]
    pub lang: LangArgs,

    /// The overall score to reach: the average score the unmeasured indicators need for it.
    #[arg(long, value_name = "G", value_parser = parse_score)]
    pub goal: Option<Decimal>,

    /// The score each indicator is to reach (above 0, up to the cap), instead of its target.
    #[arg(long, value_name = "S", value_parser = parse_score)]
    pub score: Option<Decimal>,

    /// Solve for this quantity in every formula that names it, even where it is given.
    #[arg(long, value_name = "NAME")]
    pub solve: Option<String>,

    /// The day deadlines are counted from (default: today), e.g. 30-06-2024.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<chrono::NaiveDate>,

    /// Output format.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: FormatArg,

    /// Write to FILE (atomically) instead of standard output; the extension
    /// (.csv .tsv .json .md .txt .xlsx) picks the format unless --format is given.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// CSV for Italian Excel: `;` between fields, decimal comma, UTF-8 with BOM (CSV and TSV only).
    #[arg(long)]
    pub decimal_comma: bool,

    /// Write CSV and TSV text cells as they are, without the `'` that stops a
    /// spreadsheet running a cell beginning with = + - @ as a formula.
    #[arg(long)]
    pub raw: bool,
}

/// One year, or the years from `first` to `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearSpan {
    pub first: i32,
    pub last: i32,
}

impl YearSpan {
    pub fn is_single(self) -> bool {
        self.first == self.last
    }
}

/// `2024`, or `2024..2026` (also `2024-2026`).
fn parse_years(text: &str) -> Result<YearSpan, String> {
    let t = text.trim();
    let Some((first, last)) = t.split_once("..").or_else(|| t.split_once('-')).or_else(|| t.split_once('–')) else {
        let year = parse_year(t)?;
        return Ok(YearSpan { first: year, last: year });
    };
    let (first, last) = (parse_year(first)?, parse_year(last)?);
    if first > last {
        return Err(format!("`{text}`: write the earlier year first, like {last}..{first}"));
    }
    if last - first > 50 {
        return Err(format!("`{text}` spans more than 50 years"));
    }
    Ok(YearSpan { first, last })
}

fn parse_year(text: &str) -> Result<i32, String> {
    crate::value::parse_year(text)
        .ok_or_else(|| format!("`{text}` is not a year: write it with four digits, like 2024"))
}

/// A score: `80`, `72,5`, `72.5`; 0 or more (whether it can be reached is the command's to say).
fn parse_score(text: &str) -> Result<Decimal, String> {
    let score: Decimal = text
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("`{text}` is not a score (write it like 80 or 72,5)"))?;
    if score < Decimal::ZERO {
        return Err(format!("a score is 0 or more (got {text})"));
    }
    Ok(score)
}

/// A day as plans write it: `30-06-2024`, `30/06/2024`, `2024-06-30`.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::value::parse_date(text.trim()).ok_or_else(|| format!("`{text}` is not a date (write it like 30-06-2024)"))
}

fn parse_scale(text: &str) -> Result<Scale, String> {
    match Scale::parse(text) {
        Ok(Some(scale)) => Ok(scale),
        Ok(None) => Err("the scale is empty: write points degree:score, like \"70%:0 90%:100\"".into()),
        Err(e) => Err(format!("`{}`: {e}", text.trim())),
    }
}

fn parse_cap(text: &str) -> Result<Decimal, String> {
    let cap: Decimal = text.trim().parse().map_err(|_| format!("`{text}` is not a number (write it like 120)"))?;
    if cap < Decimal::ONE_HUNDRED {
        return Err(format!(
            "the cap is the highest score over-achievement may reach, so it cannot be below 100 (got {text})"
        ));
    }
    Ok(cap)
}

impl LangArgs {
    /// The language asked for.
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::It => Lang::Italian,
            LangArg::En => Lang::English,
        }
    }
}

impl ScoringArgs {
    /// A warning when an option is given that the others make useless: a
    /// cap counts only under ratio scoring.
    pub fn unused(&self) -> Option<Diagnostic> {
        (self.cap != Decimal::ONE_HUNDRED && self.scoring != ScoringArg::Ratio)
            .then(|| Diagnostic::general(Severity::Warning, "--cap counts only under --scoring ratio"))
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
            scale: self.scale.clone(),
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

    /// The plan, every problem pushed to `diagnostics`; fails when there is
    /// no plan to read at all.
    pub fn read_plan(&self, diagnostics: &mut Diagnostics) -> Result<Plan, Diagnostic> {
        read_plan(&self.plan, self.plan_sheet(), PlanOptions { number_format: self.number_format() }, diagnostics)
    }

    /// The actuals: the paths given, or the `actuals/` folder by default.
    pub fn read_actuals(&self, diagnostics: &mut Diagnostics) -> Actuals {
        Actuals::read_paths(&self.actuals_paths(), self.actuals_sheet(), self.number_format(), diagnostics)
    }

    /// The plan, then the actuals when the plan has no error, as
    /// [`InputArgs::read_plan`] and [`InputArgs::read_actuals`] one after the
    /// other give them, diagnostics in the same order; the two files are read
    /// at once when there are two threads (the actuals read for nothing when
    /// the plan is refused).
    pub fn read_plan_and_actuals(&self, diagnostics: &mut Diagnostics) -> Result<(Plan, Actuals), Diagnostic> {
        let (plan, actuals) = self.read_both(true, diagnostics)?;
        Ok((plan, actuals.unwrap_or_default()))
    }

    /// [`InputArgs::read_plan_and_actuals`] for the commands that work on the
    /// plan alone when no actuals are given ([`InputArgs::no_actuals`]).
    pub fn read_plan_and_any_actuals(
        &self,
        diagnostics: &mut Diagnostics,
    ) -> Result<(Plan, Option<Actuals>), Diagnostic> {
        self.read_both(!self.no_actuals(), diagnostics)
    }

    fn read_both(&self, actuals: bool, diagnostics: &mut Diagnostics) -> Result<(Plan, Option<Actuals>), Diagnostic> {
        let (mut from_plan, mut from_actuals) = (diagnostics.empty_like(), diagnostics.empty_like());
        let (plan, actuals) = self.read_both_apart(actuals, &mut from_plan, &mut from_actuals);
        diagnostics.extend(from_plan);
        let plan = plan?;
        diagnostics.no_error()?;
        diagnostics.extend(from_actuals);
        Ok((plan, actuals))
    }

    /// The plan and, when `actuals`, the actuals, read at once when there
    /// are two threads, each reader's problems pushed to its own collector:
    /// the thread reading the actuals, once done, reads pieces of the plan's
    /// rows.
    pub fn read_both_apart(
        &self,
        actuals: bool,
        from_plan: &mut Diagnostics,
        from_actuals: &mut Diagnostics,
    ) -> (Result<Plan, Diagnostic>, Option<Actuals>) {
        let handover = Handover::default();
        crate::threads::both(
            || {
                let _closing = handover.closing();
                let options = PlanOptions { number_format: self.number_format() };
                read_plan_sharing(&self.plan, self.plan_sheet(), options, from_plan, Some(&handover))
            },
            || {
                let actuals = actuals.then(|| self.read_actuals(from_actuals));
                handover.help();
                actuals
            },
        )
    }

    /// The paths given with `--actuals`, or the `actuals/` folder.
    pub fn actuals_paths(&self) -> Vec<PathBuf> {
        if self.actuals.is_empty() {
            vec![PathBuf::from("actuals")]
        } else {
            self.actuals.clone()
        }
    }

    /// Refuses `-o` naming a file this run reads: the plan or an actuals
    /// file (one given, or one in an actuals folder).
    pub fn refuse_output_over_inputs(&self, output: Option<&Path>) -> Result<(), UsageError> {
        if output.is_none() {
            return Ok(());
        }
        // A path that cannot be read is reported by the reading itself.
        let actuals: Vec<PathBuf> = self
            .actuals_paths()
            .into_iter()
            .flat_map(|path| crate::files::paths::expand_paths(&[path]).unwrap_or_default())
            .collect();
        let inputs = std::iter::once(("the plan", self.plan.as_path()))
            .chain(actuals.iter().map(|file| ("the actuals file", file.as_path())));
        crate::output::refuse_output_over_inputs(output, inputs)
    }

    /// No `--actuals` was given and there is no `actuals/` folder: the
    /// commands that can work on the plan alone do so.
    pub fn no_actuals(&self) -> bool {
        self.actuals.is_empty() && !std::path::Path::new("actuals").exists()
    }
}
