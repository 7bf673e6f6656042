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
use super::scan::any_byte;
use super::{Renderer, ReportOptions};
use crate::evaluate::{Evaluation, Trend};
use crate::figure::canonical::{write_date, write_target, DecimalText};
use crate::files::formula_guard::{guard_text, needs_guard};
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

    /// A number's or a target's text, just written, with the decimal comma when asked for.
    fn decimal_comma(&self, text: &mut [u8]) {
        if self.options.decimal_comma {
            for b in text {
                if *b == b'.' {
                    *b = b',';
                }
            }
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

/// Each row is written from the node's borrowed record rather than by csv's
/// `serialize`: a cell's text depends on the options (decimal comma, formula
/// guard), which a record's `Serialize` cannot see; the header must be there
/// even when no node is shown (csv writes it from the first record); and the
/// years' rows put a `year` column first, which csv's serializer cannot
/// flatten into a record. The rows are written in runs of consecutive nodes
/// on every thread (`report::runs`), the header first; `eval`'s rows are
/// written by `CsvReport::row`, the others by csv's writer.
impl Renderer for CsvReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        self.header(out, Column::names())?;
        let order = self.options.plan_order(plan);
        write_runs(out, order.len(), |run, buffer| {
            for &i in &order[run] {
                self.row(buffer, None, &NodeRecord::new(plan, evaluation, i))?;
            }
            Ok(())
        })?;
        out.flush()
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        self.header(out, std::iter::once("year").chain(Column::names()))?;
        let order = self.options.plan_order(plan);
        write_runs(out, order.len(), |run, buffer| {
            for &i in &order[run] {
                for evaluation in &trend.evaluations {
                    self.row(buffer, Some(evaluation.year), &NodeRecord::new(plan, evaluation, i))?;
                }
            }
            Ok(())
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

impl CsvReport {
    /// A node's row, after its year when given, written straight into `buffer`:
    /// the same bytes as csv's writer of [`CsvReport::cell`]s (quoted only when
    /// a cell holds the delimiter, a quote or a line break, quotes doubled),
    /// without a cell's copy for a target or the writer's state per field: a
    /// national plan writes millions of rows.
    fn row(&self, buffer: &mut Vec<u8>, year: Option<i32>, record: &NodeRecord) -> io::Result<()> {
        if let Some(year) = year {
            buffer.extend_from_slice(CsvReport::year(year).as_ref());
            buffer.push(self.delimiter);
        }
        for (n, (_, field)) in record.fields().enumerate() {
            if n > 0 {
                buffer.push(self.delimiter);
            }
            self.write_cell(buffer, field)?;
        }
        buffer.push(b'\n');
        Ok(())
    }

    /// [`CsvReport::cell`] of `field`, written in place and then guarded and
    /// quoted as it needs.
    fn write_cell(&self, buffer: &mut Vec<u8>, field: Field) -> io::Result<()> {
        let start = buffer.len();
        match field {
            Field::Null => return Ok(()),
            // Numbers, days and yes/no are never guarded nor quoted.
            Field::Number(n) => {
                buffer.extend_from_slice(DecimalText::of(n).as_bytes());
                self.decimal_comma(&mut buffer[start..]);
                return Ok(());
            }
            Field::Date(d) => {
                write_date(buffer, d);
                return Ok(());
            }
            Field::Bool(_) => {
                buffer.extend_from_slice(self.cell(field).as_ref());
                return Ok(());
            }
            Field::Text(text) => buffer.extend_from_slice(text.as_bytes()),
            Field::Target(target) => {
                write_target(buffer, target);
                self.decimal_comma(&mut buffer[start..]);
            }
            Field::Message(_) | Field::Notes(_) => buffer.extend_from_slice(self.cell(field).as_ref()),
        }
        if matches!(field, Field::Text(_) | Field::Target(_)) && !self.options.raw && needs_guard(&buffer[start..]) {
            buffer.insert(start, b'\'');
        }
        let delimiter = self.delimiter;
        if any_byte(&buffer[start..], 0, &[delimiter, b'"', b'\n', b'\r']) {
            let cell = buffer.split_off(start);
            buffer.reserve(cell.len() + 2);
            buffer.push(b'"');
            for b in cell {
                if b == b'"' {
                    buffer.push(b'"');
                }
                buffer.push(b);
            }
            buffer.push(b'"');
        }
        Ok(())
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

    /// The row as csv's writer writes the cells, the way every row was written before.
    fn by_csv(report: &CsvReport, year: Option<i32>, record: &NodeRecord) -> String {
        let mut buffer = Vec::new();
        let mut writer = report.rows(&mut buffer);
        let cells = record.fields().map(|(_, f)| report.cell(f));
        writer.write_record(year.map(CsvReport::year).into_iter().chain(cells)).unwrap();
        drop(writer);
        String::from_utf8(buffer).unwrap()
    }

    #[test]
    fn a_row_is_written_as_csv_s_writer_writes_its_cells() {
        use crate::evaluate::Message;
        use crate::report::exact::{Exact, Shown};
        use crate::report::fields::{EnglishMessage, Figure, NodeFields, YearFields};
        let at_least = Target::Number { comparison: Comparison::AtLeast, value: "-0.1".parse().unwrap() };
        let message = Message::NoValue { code: "K;1".to_string(), year: 2024 };
        // Delimiters, quotes and line breaks to quote, formulas to guard (behind quotes too), empty.
        let names = ["Pratiche, \"evase\"", "a;b\tc", "riga\naltra\r", "'=1+1", "''-x", "'''", "", "-", "semplice"];
        for name in names {
            let record = NodeRecord {
                node: NodeFields { level: "indicator", code: name, parent: Some("=A1"), name, unit: Some("%") },
                year: YearFields {
                    weight: Some(Exact::rounded("-12.5".parse().unwrap(), 10)),
                    target: Some(Shown(&at_least)),
                    threshold: Some(Figure::Date(IsoDate(chrono::NaiveDate::from_ymd_opt(2024, 4, 30).unwrap()))),
                    value: Some(Figure::Bool(false)),
                    score: None,
                    coverage: Some(Exact::whole(0)),
                    status: Some("missing"),
                    message: Some(Shown(EnglishMessage(&message))),
                    note: Some(name),
                    scale: None,
                },
            };
            for (delimiter, decimal_comma, raw) in
                [(b',', false, false), (b';', true, false), (b'\t', true, false), (b',', false, true)]
            {
                let options = ReportOptions { decimal_comma, raw, ..ReportOptions::default() };
                let report = CsvReport { delimiter, options };
                for year in [None, Some(2024)] {
                    let mut by_hand = Vec::new();
                    report.row(&mut by_hand, year, &record).unwrap();
                    assert_eq!(String::from_utf8(by_hand).unwrap(), by_csv(&report, year, &record), "{name:?}");
                }
            }
        }
    }
}
