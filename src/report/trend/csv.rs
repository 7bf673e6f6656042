//! Years side by side as CSV: one row per node per year, a node's years
//! together, `year` first and then the columns of a single year's CSV, each
//! cell written as a single year's CSV writes it.

use std::io::{self, Write};

use super::TrendRenderer;
use crate::evaluate::trend::Trend;
use crate::plan::Plan;
use crate::report::csv::BOM;
use crate::report::fields::{node_fields, COLUMNS};
use crate::report::{io_error, CsvReport};

pub struct TrendCsv {
    /// Writes each cell, with the delimiter and options of the run.
    pub cells: CsvReport,
}

impl TrendRenderer for TrendCsv {
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let options = &self.cells.options;
        if options.decimal_comma {
            out.write_all(BOM.as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new().delimiter(self.cells.delimiter).from_writer(out);
        writer.write_record(std::iter::once("year").chain(COLUMNS)).map_err(io_error)?;
        for i in options.plan_order(plan) {
            for evaluation in &trend.evaluations {
                let fields = node_fields(plan, evaluation, i);
                let cells = fields.iter().enumerate().map(|(column, f)| self.cells.cell(column, f));
                writer.write_record(std::iter::once(evaluation.year.to_string()).chain(cells)).map_err(io_error)?;
            }
        }
        writer.flush()
    }
}
