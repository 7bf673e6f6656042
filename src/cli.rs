//! The command line: clap definitions only.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

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

    /// Write the canonical plan to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
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

    /// The sheet to read in every .xlsx or .ods workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Read every number as Italian (1.234,5) or English (1,234.5) instead of detecting it per file.
    #[arg(long, value_enum, value_name = "it|en")]
    pub number_format: Option<NumberFormatArg>,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The year to evaluate, e.g. 2024.
    #[arg(value_name = "YEAR", value_parser = parse_year)]
    pub year: i32,

    #[command(flatten)]
    pub inputs: InputArgs,

    /// How a missed target earns partial credit.
    #[arg(long, value_enum, default_value = "ratio")]
    pub scoring: ScoringArg,

    /// Let over-achievement count up to P (ratio scoring only); 100 or more.
    #[arg(long, value_name = "P", default_value = "100", value_parser = parse_cap)]
    pub cap: Decimal,

    /// What a missing indicator counts as in the roll-up.
    #[arg(long, value_enum, default_value = "skip")]
    pub missing: MissingArg,

    /// Output format.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: FormatArg,

    /// Write to FILE (atomically) instead of standard output; the extension
    /// (.csv .tsv .json .md .txt .xlsx) picks the format unless --format is given.
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
}

fn parse_year(text: &str) -> Result<i32, String> {
    let t = text.trim();
    match t.parse::<i32>() {
        Ok(y) if t.len() == 4 => Ok(y),
        _ => Err(format!("`{text}` is not a year: write it with four digits, like 2024")),
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
