//! Renderers for `kpi needs`, one per format, with `eval`'s conventions:
//!
//! - table and Markdown: the tree, each node's score now, floor and ceiling,
//!   what each indicator needs and the quantity still to come; the body's
//!   figures and the goal close it;
//! - CSV and TSV: one row per node, the columns of [`fields::COLUMNS`];
//! - JSON: `{"year", "as_of", "goal", "floor", "ceiling", "goal_average",
//!   ["unreachable", "shortfall"], "nodes": [...]}`;
//! - xlsx: the CSV's fields as typed cells.

mod csv;
pub mod fields;
mod json;
pub mod table;
mod xlsx;

use std::io::{self, Write};

use super::{CsvReport, Format, ReportOptions};
use crate::evaluate::Evaluation;
use crate::needs::Needs;
use crate::plan::Plan;

/// Writes what the plan still needs in one format.
pub trait NeedsRenderer {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()>;
}

impl Format {
    /// The renderer of `kpi needs` for this format; `None` for the Relazione, which is `eval`'s.
    pub fn needs_renderer(self, options: ReportOptions) -> Option<Box<dyn NeedsRenderer>> {
        Some(match self {
            Format::Table => Box::new(table::NeedsTable { options, markdown: false }),
            Format::Markdown => Box::new(table::NeedsTable { options, markdown: true }),
            Format::Csv => {
                let delimiter = if options.decimal_comma { b';' } else { b',' };
                Box::new(csv::NeedsCsv { cells: CsvReport { delimiter, options } })
            }
            Format::Tsv => Box::new(csv::NeedsCsv { cells: CsvReport { delimiter: b'\t', options } }),
            Format::Json => Box::new(json::NeedsJson { options }),
            Format::Xlsx => Box::new(xlsx::NeedsXlsx { options }),
            Format::Html => return None,
        })
    }
}
