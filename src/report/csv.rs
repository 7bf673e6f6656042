//! `--format csv` and `tsv`: one row per node, the fields of the README's "Output fields" as columns;
//! years side by side, one row per node per year (a node's years together),
//! `year` first and then the columns of a single year; `kpi needs`, one row
//! per node, the columns of [`needs_fields::COLUMNS`].
//!
//! Safe to open in a spreadsheet: a text cell that Excel or LibreOffice would
//! run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage
//! return) is written with a leading `'`; numbers stay numbers. `--raw`
//! writes text as it is.

use std::borrow::Cow;
use std::io::{self, Write};

use super::exact::{IsoDate, ShortText};
use super::fields::needs::{self as needs_fields, NeedsRecord};
use super::fields::{Column, Field, NodeRecord};
use super::runs::write_runs;
use super::{Renderer, ReportOptions};
use crate::evaluate::{Evaluation, Trend};
use crate::files::formula_guard::guard_text;
use crate::lang::Lang;
use crate::needs::Needs;
use crate::plan::Plan;

pub struct CsvReport {
    pub delimiter: u8,
    pub options: ReportOptions,
}

/// The byte-order mark that makes Excel read a CSV as UTF-8.
const BOM: &str = "\u{feff}";

/// A cell's text: borrowed from the evaluation, on the stack (numbers,
/// dates, years) or, for a guarded text or a target, made for the cell.
enum Cell<'a> {
    Text(Cow<'a, str>),
    Short(ShortText),
}

impl AsRef<[u8]> for Cell<'_> {
    fn as_ref(&self) -> &[u8] {
        match self {
            Cell::Text(text) => text.as_bytes(),
            Cell::Short(text) => text.as_str().as_bytes(),
        }
    }
}

impl CsvReport {
    /// The cell of a field, in any table kpi writes as CSV (`kpi needs`
    /// too): numbers and a target's text with the decimal point asked for,
    /// ISO dates, `true`/`false`, empty for null; a text that a spreadsheet
    /// would run as a formula guarded unless `--raw`.
    fn cell<'a>(&self, field: Field<'a>) -> Cell<'a> {
        match field {
            Field::Null => Cell::Text(Cow::Borrowed("")),
            Field::Text(text) => Cell::Text(self.guarded(Cow::Borrowed(text))),
            Field::Target(target) => {
                let text = target.to_string();
                let text = if self.options.decimal_comma { text.replace('.', ",") } else { text };
                Cell::Text(self.guarded(Cow::Owned(text)))
            }
            Field::Message(message) => Cell::Text(self.guarded(Cow::Owned(Lang::English.message(message)))),
            Field::Notes(notes) => {
                Cell::Text(self.guarded(Cow::Owned(Lang::machine_needs_notes(notes).unwrap_or_default())))
            }
            Field::Number(n) => {
                let text = ShortText::decimal(n);
                Cell::Short(if self.options.decimal_comma { text.with_comma() } else { text })
            }
            Field::Date(d) => Cell::Short(ShortText::of(IsoDate(d))),
            Field::Bool(b) => Cell::Text(Cow::Borrowed(if b { "true" } else { "false" })),
        }
    }

    fn guarded<'a>(&self, text: Cow<'a, str>) -> Cow<'a, str> {
        if self.options.raw {
            return text;
        }
        match guard_text(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(guarded) => Cow::Owned(guarded),
        }
    }

    /// A year's cell, on the stack.
    fn year(year: i32) -> Cell<'static> {
        Cell::Short(ShortText::of(year))
    }

    /// The header row, after the byte-order mark an Italian Excel needs.
    fn header<I: IntoIterator<Item = &'static str>>(&self, out: &mut dyn Write, names: I) -> io::Result<()> {
        if self.options.decimal_comma {
            out.write_all(BOM.as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new().delimiter(self.delimiter).from_writer(out);
        writer.write_record(names).map_err(io_error)?;
        writer.flush()
    }

    /// A writer of rows into a run's buffer, with the header's settings.
    fn rows<'b>(&self, buffer: &'b mut Vec<u8>) -> csv::Writer<&'b mut Vec<u8>> {
        csv::WriterBuilder::new().delimiter(self.delimiter).from_writer(buffer)
    }
}

/// Each row is written with `write_record` from the node's borrowed record
/// rather than by csv's `serialize`: a cell's text depends on the options
/// (decimal comma, formula guard), which a record's `Serialize` cannot see;
/// the header must be there even when no node is shown (csv writes it from
/// the first record); and the years' rows put a `year` column first, which
/// csv's serializer cannot flatten into a record. The rows are written in
/// runs of consecutive nodes on every thread ([`write_runs`]), the header
/// first.
impl Renderer for CsvReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        self.header(out, Column::names())?;
        let order = self.options.plan_order(plan);
        write_runs(out, order.len(), |run, buffer| {
            let mut writer = self.rows(buffer);
            for &i in &order[run] {
                let record = NodeRecord::new(plan, evaluation, i);
                writer.write_record(record.fields().map(|(_, f)| self.cell(f))).map_err(io_error)?;
            }
            writer.flush()
        })?;
        out.flush()
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        self.header(out, std::iter::once("year").chain(Column::names()))?;
        let order = self.options.plan_order(plan);
        write_runs(out, order.len(), |run, buffer| {
            let mut writer = self.rows(buffer);
            for &i in &order[run] {
                for evaluation in &trend.evaluations {
                    let record = NodeRecord::new(plan, evaluation, i);
                    let cells = record.fields().map(|(_, f)| self.cell(f));
                    writer
                        .write_record(std::iter::once(CsvReport::year(evaluation.year)).chain(cells))
                        .map_err(io_error)?;
                }
            }
            writer.flush()
        })?;
        out.flush()
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        self.header(out, needs_fields::COLUMNS)?;
        let order = self.options.plan_order(plan);
        write_runs(out, order.len(), |run, buffer| {
            let mut writer = self.rows(buffer);
            for &i in &order[run] {
                let record = NeedsRecord::new(plan, evaluation, needs, i);
                writer.write_record(record.fields().map(|f| self.cell(f))).map_err(io_error)?;
            }
            writer.flush()
        })?;
        out.flush()
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
    use crate::target::{Comparison, Target};

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let report = CsvReport { delimiter: b',', options: ReportOptions::default() };
        let cell = |report: &CsvReport, field: Field| String::from_utf8(report.cell(field).as_ref().to_vec()).unwrap();
        for text in ["=HYPERLINK(\"x\")", "+1", "-A1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(&report, Field::Text(text)), format!("'{text}"));
        }
        assert_eq!(cell(&report, Field::Text("Ambito 1")), "Ambito 1");
        let equal = Target::Number { comparison: Comparison::Exactly, value: "3".parse().unwrap() };
        assert_eq!(cell(&report, Field::Target(&equal)), "'= 3");
        let negative = Field::Number("-0.05".parse().unwrap());
        assert_eq!(cell(&report, negative), "-0.05");
        let raw = CsvReport { delimiter: b',', options: ReportOptions { raw: true, ..ReportOptions::default() } };
        assert_eq!(cell(&raw, Field::Text("=1+1")), "=1+1");
        let italian =
            CsvReport { delimiter: b';', options: ReportOptions { decimal_comma: true, ..ReportOptions::default() } };
        assert_eq!(cell(&italian, negative), "-0,05");
        let at_least = Target::Number { comparison: Comparison::AtLeast, value: "-0.1".parse().unwrap() };
        assert_eq!(cell(&italian, Field::Target(&at_least)), ">= -0,1");
        assert_eq!(cell(&italian, Field::Text("a.b")), "a.b");
        let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        assert_eq!(cell(&italian, Field::Date(day)), "2024-06-30");
        assert_eq!(cell(&italian, Field::Bool(false)), "false");
        assert_eq!(cell(&italian, Field::Null), "");
        assert_eq!(CsvReport::year(2024).as_ref(), b"2024");
    }
}
