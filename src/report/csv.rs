//! `--format csv` and `tsv`: one row per node, the fields of SPEC §9 as columns.

use std::io::{self, Write};

use super::fields::{node_fields, COLUMNS};
use super::Renderer;
use crate::evaluate::Evaluation;
use crate::plan::Plan;

pub struct CsvReport {
    pub delimiter: u8,
}

impl Renderer for CsvReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = csv::WriterBuilder::new().delimiter(self.delimiter).from_writer(out);
        writer.write_record(COLUMNS).map_err(io_error)?;
        for i in 0..plan.nodes.len() {
            let fields = node_fields(plan, evaluation, i);
            writer.write_record(fields.iter().map(|f| f.plain())).map_err(io_error)?;
        }
        writer.flush()
    }
}

/// The I/O error inside a CSV error, so a closed pipe is still recognised as one.
pub fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
