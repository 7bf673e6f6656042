//! Renderers for years side by side (`kpi eval 2024..2026`), one per format.
//!
//! - table and Markdown: one line per node, one column per year; an
//!   indicator's cell holds its value, target and score, an objective's its
//!   score; the overall score per year closes the table.
//! - CSV and TSV: one row per node per year (a node's years together), the
//!   columns of a single year's CSV after a `year` column.
//! - JSON: `{"years": [...], "scoring", "overall": [{"year", "score",
//!   "coverage"}], "nodes": [{level, code, parent, name, unit, "years":
//!   [{"year", weight, target, threshold, value, score, coverage, status,
//!   message}]}]}`.
//! - xlsx: one sheet per year, each like a single year's workbook.
//! - html: the Relazione of the span's last year, with every year's figures
//!   side by side and a trend chart per objective.
//!
//! `--depth`, `--decimal-comma` and `--raw` apply as for a single year.

mod csv;
mod html;
mod json;
mod table;
mod xlsx;

use std::io::{self, Write};

use super::{CsvReport, Format, ReportOptions};
use crate::evaluate::trend::Trend;
use crate::plan::Plan;

/// Writes years side by side in one format.
pub trait TrendRenderer {
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()>;
}

impl Format {
    pub fn trend_renderer(self, options: ReportOptions) -> Box<dyn TrendRenderer> {
        match self {
            Format::Table => Box::new(table::TrendTable { options, markdown: false }),
            Format::Markdown => Box::new(table::TrendTable { options, markdown: true }),
            Format::Csv => {
                let delimiter = if options.decimal_comma { b';' } else { b',' };
                Box::new(csv::TrendCsv { cells: CsvReport { delimiter, options } })
            }
            Format::Tsv => Box::new(csv::TrendCsv { cells: CsvReport { delimiter: b'\t', options } }),
            Format::Json => Box::new(json::TrendJson { options }),
            Format::Xlsx => Box::new(xlsx::TrendXlsx { options }),
            Format::Html => Box::new(html::TrendHtml { options }),
        }
    }
}
