//! `--format csv` and `tsv`: one row per node, the fields of the README's "Output fields" as columns;
//! years side by side, one row per node per year (a node's years together),
//! `year` first and then the columns of a single year; `kpi needs`, one row
//! per node, the columns of [`needs_fields::COLUMNS`].
//!
//! Safe to open in a spreadsheet: a text cell that Excel or LibreOffice would
//! run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) is written with a leading `'`; numbers stay numbers. `--raw`
//! writes text as it is.

use std::io::{self, Write};

use super::fields::needs as needs_fields;
use super::fields::{node_fields, Column, Field};
use super::{Renderer, ReportOptions};
use crate::evaluate::{Evaluation, Trend};
use crate::files::formula_guard::guard_text;
use crate::needs::Needs;
use crate::plan::Plan;

pub struct CsvReport {
    pub delimiter: u8,
    pub options: ReportOptions,
}

/// The byte-order mark that makes Excel read a CSV as UTF-8.
const BOM: &str = "\u{feff}";

impl CsvReport {
    /// The text of a cell. The target's canonical text (`>= 1.05`) holds
    /// numbers, so it takes the decimal point asked for too.
    fn cell(&self, column: Column, field: &Field) -> String {
        self.cell_of(field, column == Column::Target)
    }

    /// The text of a cell of any table kpi writes as CSV (`kpi needs` too);
    /// `holds_numbers`: a text whose numbers take the decimal point asked for.
    fn cell_of(&self, field: &Field, holds_numbers: bool) -> String {
        let text = match field {
            Field::Number(_) => return self.number(field.plain()),
            Field::Text(text) if holds_numbers => self.number(text.clone()),
            _ => field.plain(),
        };
        if matches!(field, Field::Text(_)) && !self.options.raw {
            guard_text(&text).into_owned()
        } else {
            text
        }
    }

    /// A number (or a target's text) with the decimal point asked for.
    fn number(&self, text: String) -> String {
        if self.options.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }

    /// A node's cells for one year, in column order.
    fn cells<'a>(&'a self, plan: &Plan, evaluation: &Evaluation, index: usize) -> impl Iterator<Item = String> + 'a {
        node_fields(plan, evaluation, index).into_iter().map(|(column, f)| self.cell(column, &f))
    }

    /// The writer, after the byte-order mark an Italian Excel needs.
    fn writer<'w>(&self, out: &'w mut dyn Write) -> io::Result<csv::Writer<&'w mut dyn Write>> {
        if self.options.decimal_comma {
            out.write_all(BOM.as_bytes())?;
        }
        Ok(csv::WriterBuilder::new().delimiter(self.delimiter).from_writer(out))
    }
}

impl Renderer for CsvReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = self.writer(out)?;
        writer.write_record(Column::names()).map_err(io_error)?;
        for i in self.options.plan_order(plan) {
            writer.write_record(self.cells(plan, evaluation, i)).map_err(io_error)?;
        }
        writer.flush()
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = self.writer(out)?;
        writer.write_record(std::iter::once("year").chain(Column::names())).map_err(io_error)?;
        for i in self.options.plan_order(plan) {
            for evaluation in &trend.evaluations {
                let cells = self.cells(plan, evaluation, i);
                writer.write_record(std::iter::once(evaluation.year.to_string()).chain(cells)).map_err(io_error)?;
            }
        }
        writer.flush()
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = self.writer(out)?;
        writer.write_record(needs_fields::COLUMNS).map_err(io_error)?;
        for i in self.options.plan_order(plan) {
            let fields = needs_fields::node_fields(plan, evaluation, needs, i);
            let cells = fields.iter().enumerate().map(|(column, f)| self.cell_of(f, column == needs_fields::TARGET));
            writer.write_record(cells).map_err(io_error)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let report = CsvReport { delimiter: b',', options: ReportOptions::default() };
        for text in ["=HYPERLINK(\"x\")", "+1", "-A1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(report.cell(Column::Name, &Field::Text(text.into())), format!("'{text}"));
        }
        assert_eq!(report.cell(Column::Name, &Field::Text("Ambito 1".into())), "Ambito 1");
        assert_eq!(report.cell(Column::Target, &Field::Text("= 3".into())), "'= 3");
        let negative = Field::Number("-0.05".parse().unwrap());
        assert_eq!(report.cell(Column::Value, &negative), "-0.05");
        let raw = CsvReport { delimiter: b',', options: ReportOptions { raw: true, ..ReportOptions::default() } };
        assert_eq!(raw.cell(Column::Name, &Field::Text("=1+1".into())), "=1+1");
        let italian =
            CsvReport { delimiter: b';', options: ReportOptions { decimal_comma: true, ..ReportOptions::default() } };
        assert_eq!(italian.cell(Column::Value, &negative), "-0,05");
        assert_eq!(italian.cell(Column::Target, &Field::Text(">= -0.1".into())), ">= -0,1");
        assert_eq!(italian.cell(Column::Name, &Field::Text("a.b".into())), "a.b");
    }
}
