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

mod csv;
mod json;
mod table;

use std::io::{self, Write};

use super::Format;
use crate::plan::Plan;
use crate::trend::Trend;

/// Writes years side by side in one format.
pub trait TrendRenderer {
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()>;
}

impl Format {
    pub fn trend_renderer(self, width: Option<u16>) -> Box<dyn TrendRenderer> {
        match self {
            Format::Table => Box::new(table::TrendTable { width, markdown: false }),
            Format::Markdown => Box::new(table::TrendTable { width: None, markdown: true }),
            Format::Csv => Box::new(csv::TrendCsv { delimiter: b',' }),
            Format::Tsv => Box::new(csv::TrendCsv { delimiter: b'\t' }),
            Format::Json => Box::new(json::TrendJson),
        }
    }
}
