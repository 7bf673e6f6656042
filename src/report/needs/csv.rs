//! `kpi needs --format csv` and `tsv`: one row per node, the JSON's node
//! fields as columns, with `eval`'s conventions (formula guard, `--raw`,
//! `--decimal-comma`).

use std::io::{self, Write};

use super::fields::{node_fields, COLUMNS, TARGET};
use super::NeedsRenderer;
use crate::evaluate::Evaluation;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::fields::Field;
use crate::report::{io_error, runs_as_formula, ReportOptions};

pub struct NeedsCsv {
    pub delimiter: u8,
    pub options: ReportOptions,
}

impl NeedsCsv {
    fn cell(&self, column: usize, field: &Field) -> String {
        let number = |text: String| if self.options.decimal_comma { text.replace('.', ",") } else { text };
        let text = match field {
            Field::Number(_) => return number(field.plain()),
            Field::Text(text) if column == TARGET => number(text.clone()),
            _ => field.plain(),
        };
        if matches!(field, Field::Text(_)) && !self.options.raw && runs_as_formula(&text) {
            format!("'{text}")
        } else {
            text
        }
    }
}

impl NeedsRenderer for NeedsCsv {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        if self.options.decimal_comma {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new().delimiter(self.delimiter).from_writer(out);
        writer.write_record(COLUMNS).map_err(io_error)?;
        for i in self.options.plan_order(plan) {
            let fields = node_fields(plan, evaluation, needs, i);
            writer.write_record(fields.iter().enumerate().map(|(column, f)| self.cell(column, f))).map_err(io_error)?;
        }
        writer.flush()
    }
}
