//! Renderers: one per output format, all behind [`Renderer`], each writing
//! one year's evaluation, the years of a span side by side, or what a year
//! still needs (`kpi needs`).
//!
//! Years side by side (`kpi eval 2024..2026`):
//! - table and Markdown: one line per node, one column per year; an
//!   indicator's cell holds its value, target and score, an objective's its
//!   score; the overall score per year closes the table.
//! - CSV and TSV: one row per node per year (a node's years together), the
//!   columns of a single year's CSV after a `year` column.
//! - JSON: `{"years": [...], "scoring", "overall": [{"year", "score",
//!   "coverage"}], "nodes": [{level, code, parent, name, unit, "years":
//!   [{"year", weight, target, threshold, value, score, coverage, status,
//!   message, note, scale}]}]}`.
//! - xlsx: one sheet per year, each like a single year's workbook.
//! - html: the Relazione of the span's last year, with every year's figures
//!   side by side and a trend chart per objective.
//!
//! `--depth`, `--decimal-comma` and `--raw` apply as for a single year.
//!
//! What a year still needs (`kpi needs YEAR`), with `eval`'s conventions:
//! - table and Markdown (`table/needs.rs`): the tree, each node's score now,
//!   floor and ceiling, what each indicator needs and the quantity still to
//!   come; the body's figures and the goal close it.
//! - CSV and TSV: one row per node, the columns of [`fields::needs::COLUMNS`].
//! - JSON: `{"year", "as_of", "goal", "floor", "ceiling", "goal_average",
//!   ["unreachable", "shortfall"], "nodes": [...]}`.
//! - xlsx (`xlsx/needs.rs`): the CSV's fields as typed cells.
//! - html: none, `kpi needs` refuses it; the Relazione is `kpi eval`'s.

pub mod bands;
mod csv;
pub mod display;
mod exact;
pub mod fields;
pub mod html;
mod json;
mod json_document;
mod layout;
mod markdown;
mod runs;
mod scan;
pub(crate) mod table;
pub mod terminal;
mod xlsx;

use std::io::{self, Write};

use crate::evaluate::{Evaluation, Trend};
use crate::lang::Lang;
use crate::needs::Needs;
use crate::plan::Plan;

pub use self::csv::{io_error, CsvReport};
pub use crate::files::formula_guard::runs_as_formula;
pub use bands::Bands;
pub use html::HtmlReport;
pub use json::JsonReport;
pub use markdown::MarkdownReport;
pub use table::TableReport;
pub use terminal::Terminal;
pub use xlsx::XlsxReport;

/// Writes kpi's reports in one format: one renderer per format, made by
/// [`Format::renderer`], for `kpi eval` and `kpi needs` alike, so a format's
/// options (`--decimal-comma`, `--raw`, the terminal, `--lang`) mean the
/// same in both.
pub trait Renderer {
    /// One year's evaluation.
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()>;
    /// The years of a span side by side.
    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()>;
    /// What the year still needs (`kpi needs YEAR`): the evaluation so far
    /// with each node's floor and ceiling and each indicator's needed value.
    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Markdown,
    Xlsx,
    Html,
}

/// Choices that shape a report whatever its format.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// `--depth N`: only the top N levels of the tree.
    pub depth: Option<usize>,
    /// `--decimal-comma`: CSV and TSV for Italian Excel, numbers with a
    /// decimal comma and CSV fields separated by `;`.
    pub decimal_comma: bool,
    /// `--raw`: CSV and TSV text cells as they are, even where a spreadsheet
    /// would run them as formulas.
    pub raw: bool,
    /// How the table is drawn at a terminal.
    pub terminal: Terminal,
    /// `--title`: the Relazione's title (by default the plan file's name).
    pub title: Option<String>,
    /// `--bands`: where the Relazione's red, amber and green begin.
    pub bands: Bands,
    /// The language of the human formats (`--lang`); JSON, CSV and TSV
    /// speak their English field names in every language.
    pub lang: Lang,
}

impl ReportOptions {
    /// True when node `index` is within `--depth`.
    pub fn shows(&self, plan: &Plan, index: usize) -> bool {
        self.depth.is_none_or(|depth| plan.depth(index) < depth)
    }

    /// The nodes shown, in plan order.
    pub fn plan_order(&self, plan: &Plan) -> Vec<usize> {
        (0..plan.nodes.len()).filter(|&i| self.shows(plan, i)).collect()
    }

    /// The nodes shown, each followed by its subtree.
    pub fn tree_order(&self, plan: &Plan) -> Vec<usize> {
        plan.tree_order().into_iter().filter(|&i| self.shows(plan, i)).collect()
    }
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "txt" => Format::Table,
            "xlsx" => Format::Xlsx,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }

    /// True for formats that only make sense in a file.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }

    /// The extension of a file in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Markdown => "md",
            other => other.name(),
        }
    }

    /// True when a file named `path` may hold this format: its extension
    /// names no format, or this one. A `.txt` file holds any text.
    pub fn fits_file(self, path: &std::path::Path) -> bool {
        match Format::from_extension(path) {
            None => true,
            Some(Format::Table) => !self.is_binary(),
            Some(named) => named == self,
        }
    }

    pub fn renderer(self, options: ReportOptions) -> Box<dyn Renderer> {
        match self {
            Format::Table => Box::new(TableReport { options }),
            Format::Csv => Box::new(CsvReport { delimiter: if options.decimal_comma { b';' } else { b',' }, options }),
            Format::Tsv => Box::new(CsvReport { delimiter: b'\t', options }),
            Format::Json => Box::new(JsonReport { options }),
            Format::Markdown => Box::new(MarkdownReport { options }),
            Format::Xlsx => Box::new(XlsxReport { options }),
            Format::Html => Box::new(HtmlReport { options }),
        }
    }
}
