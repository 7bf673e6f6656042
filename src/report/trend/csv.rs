//! Years side by side as CSV: one row per node per year, a node's years
//! together, `year` first and then the columns of a single year's CSV.

use std::io::{self, Write};

use super::TrendRenderer;
use crate::plan::Plan;
use crate::report::fields::{node_fields, COLUMNS};
use crate::report::io_error;
use crate::trend::Trend;

pub struct TrendCsv {
    pub delimiter: u8,
}

impl TrendRenderer for TrendCsv {
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = csv::WriterBuilder::new().delimiter(self.delimiter).from_writer(out);
        writer.write_record(std::iter::once("year").chain(COLUMNS)).map_err(io_error)?;
        for i in 0..plan.nodes.len() {
            for evaluation in &trend.evaluations {
                let fields = node_fields(plan, evaluation, i);
                let year = evaluation.year.to_string();
                writer.write_record(std::iter::once(year).chain(fields.iter().map(|f| f.plain()))).map_err(io_error)?;
            }
        }
        writer.flush()
    }
}
