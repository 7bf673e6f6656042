//! `kpi needs --format csv` and `tsv`: one row per node, the JSON's node
//! fields as columns, written by `eval`'s own CSV cells (formula guard,
//! `--raw`, `--decimal-comma`).

use std::io::{self, Write};

use super::fields::{NeedsRecord, COLUMNS};
use super::NeedsRenderer;
use crate::evaluate::Evaluation;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::{io_error, CsvReport};

pub struct NeedsCsv {
    pub cells: CsvReport,
}

impl NeedsRenderer for NeedsCsv {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = self.cells.writer(out)?;
        writer.write_record(COLUMNS).map_err(io_error)?;
        for i in self.cells.options.plan_order(plan) {
            let record = NeedsRecord::new(plan, evaluation, needs, i);
            writer.write_record(record.fields().map(|f| self.cells.cell(f))).map_err(io_error)?;
        }
        writer.flush()
    }
}
