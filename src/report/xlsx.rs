//! `--format xlsx` (`-o report.xlsx`): the fields of the CSV in a workbook a
//! report can be built on. Cells are typed (numbers as numbers, percents with
//! a percent format, dates as dates, yes/no as booleans); the tree reads as
//! indented names grouped in outline levels under their parents; the header
//! stays frozen; each status has its colour; the overall score closes the sheet.
//!
//! Years side by side: one sheet per year, each written like a single
//! year's workbook. `kpi needs`: one sheet, in `xlsx/needs.rs`.
//!
//! A workbook holds numbers as binary floats: each is written from the same
//! rounded decimal the CSV prints, so the two agree to the digit.

use std::io::{self, Write};

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::display;
use super::exact::{rounded, ShortText};
use super::fields::{Column, Field, NodeRecord, SCORE_DP};
use super::{Renderer, ReportOptions};
use crate::evaluate::score::Status;
use crate::evaluate::{Evaluation, Trend};
use crate::figure;
use crate::lang::Lang;
use crate::needs::Needs;
use crate::plan::{Level, Plan};

mod cells;
mod fit;
mod looks;
mod needs;

use cells::Cells;
use looks::Looks;

pub struct XlsxReport {
    pub options: ReportOptions,
}

/// The spreadsheet column of a column.
fn at(column: Column) -> u16 {
    Column::ALL.iter().position(|c| *c == column).map_or(0, |i| i as u16)
}

/// Widest a column grows to fit its content, in pixels.
const MAX_COLUMN_PIXELS: u32 = 360;

/// The zip's deflate level: the one Excel itself saves with, about a third
/// quicker to write than the library's default 6 for a file about a sixth
/// bigger (README, "National scale").
pub(super) const ZIP_LEVEL: u8 = 3;

/// The name of the sheet: `Valutazione 2024`.
pub fn sheet_name(year: i32, lang: Lang) -> String {
    format!("{} {year}", lang.words().sheet)
}

/// The header row's look, the same in every workbook kpi writes.
pub(super) fn header_format() -> Format {
    Format::new().set_bold().set_background_color(0xD9E1F2).set_border_bottom(FormatBorder::Thin)
}

/// Excel's own "good", "neutral" and "bad" colours, and greys for the rest.
pub(super) fn status_colors(status: Status) -> Option<(u32, u32)> {
    match status {
        Status::Achieved => Some((0xC6EFCE, 0x006100)),
        Status::Partial => Some((0xFFEB9C, 0x9C5700)),
        Status::Missed => Some((0xFFC7CE, 0x9C0006)),
        Status::Missing => Some((0xEDEDED, 0x595959)),
        Status::Error => Some((0xF8CBAD, 0x843C0C)),
        Status::Neutralized => Some((0xDDEBF7, 0x1F4E78)),
        Status::NoTarget => None,
    }
}

pub(super) fn float(n: Decimal) -> f64 {
    // The decimal's text parses to the nearest float: the cell shows the same digits.
    ShortText::of(n).as_str().parse().unwrap_or(0.0)
}

pub(super) fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

impl XlsxReport {
    /// The workbook as bytes: one sheet per evaluation, oldest first.
    pub fn workbook(&self, plan: &Plan, evaluations: &[Evaluation]) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        workbook.set_zip_compression_level(ZIP_LEVEL);
        for evaluation in evaluations {
            let sheet = workbook.add_worksheet();
            sheet.set_name(sheet_name(evaluation.year, self.options.lang))?;
            self.write_sheet(sheet, plan, evaluation)?;
        }
        let bytes = workbook.save_to_buffer()?;
        // A large sheet's cells take a while to free: on another thread, beside
        // the writing of the file (if no thread can be had, here).
        let _ = std::thread::Builder::new().spawn(move || drop(workbook));
        Ok(bytes)
    }

    fn write_sheet(&self, sheet: &mut Worksheet, plan: &Plan, evaluation: &Evaluation) -> Result<(), XlsxError> {
        let looks = Looks::new();
        let lang = self.options.lang;
        let mut cells = Cells::new(sheet, Column::ALL.len(), MAX_COLUMN_PIXELS);
        // The fields of the CSV, titled in the reader's language.
        for column in Column::ALL {
            cells.text(0, at(column), column.title(lang), Some(&looks.header))?;
        }
        cells.sheet().set_freeze_panes(1, 0)?;
        // Parents sit above their children, so outline buttons go above too.
        cells.sheet().group_symbols_above(true);

        let order = self.options.tree_order(plan);
        for (r, &index) in order.iter().enumerate() {
            let row = r as u32 + 1;
            let node = &plan.nodes[index];
            let result = &evaluation.nodes[index];
            let is_percent = crate::unit::is_percent(node.unit.as_ref());
            let bold = node.level != Level::Indicator;
            let record = NodeRecord::new(plan, evaluation, index);
            for (column, field) in record.fields() {
                let c = at(column);
                match (column, field) {
                    (_, Field::Null) => {}
                    (Column::Target, _) | (_, Field::Target(_)) => {
                        // As the plan writes it, percents as percents: `>= 105,00 %`.
                        if let Some(target) = &result.target {
                            let text = figure::target(target, node.unit.as_ref(), lang.figures());
                            cells.plain(row, c, &text)?;
                        }
                    }
                    (Column::Level, _) => cells.text(row, c, lang.level(node.level), looks.general(bold))?,
                    (Column::Name, Field::Text(text)) => {
                        cells.text(row, c, text, looks.name(bold, plan.depth(index)))?;
                    }
                    (Column::Status, _) => {
                        let Some(status) = result.status else { continue };
                        match looks.status(status) {
                            Some(coloured) => cells.text(row, c, lang.status(status), Some(coloured))?,
                            None => cells.plain(row, c, lang.status(status))?,
                        }
                    }
                    // In the reader's language, like the statuses beside it.
                    (_, Field::Message(message)) => cells.plain(row, c, &lang.message(message))?,
                    // Only `kpi needs` has notes.
                    (_, Field::Notes(_)) => {}
                    (_, Field::Text(text)) => cells.text(row, c, text, looks.general(bold))?,
                    (Column::Score | Column::Coverage, Field::Number(n)) => {
                        cells.number(row, c, float(n), Some(looks.score(bold)))?;
                    }
                    (Column::Threshold | Column::Value, Field::Number(n)) if is_percent => {
                        cells.number(row, c, float(n), Some(&looks.percent))?;
                    }
                    (_, Field::Number(n)) => cells.number(row, c, float(n), looks.general(bold))?,
                    (_, Field::Date(d)) => {
                        // A spreadsheet's calendar starts in 1900: an earlier (mistyped) year is written as text.
                        match u16::try_from(d.year())
                            .ok()
                            .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok())
                        {
                            Some(day) => cells.date(row, c, day, &looks.date)?,
                            None => cells.plain(row, c, &crate::figure::canonical::date(d))?,
                        };
                    }
                    (_, Field::Bool(b)) => cells.boolean(row, c, b)?,
                }
            }
        }
        self.group_subtrees(cells.sheet(), plan, &order)?;

        // The body's overall score, after a blank row.
        let last = order.len() as u32 + 2;
        let bold = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        let overall = format!("{} {} ({})", lang.words().overall, evaluation.year, lang.words().organisational);
        cells.text(last, at(Column::Name), &overall, Some(&bold))?;
        let bold_score = bold.clone().set_num_format("0.00");
        if let Some(s) = evaluation.score {
            cells.number(last, at(Column::Score), float(rounded(s, SCORE_DP)), Some(&bold_score))?;
        }
        let coverage = float(rounded(evaluation.coverage.unwrap_or_default(), SCORE_DP));
        cells.number(last, at(Column::Coverage), coverage, Some(&bold_score))?;
        cells.plain(last, at(Column::Status), &display::scoring(&evaluation.options, lang))?;
        cells.fit_columns()
    }

    /// Groups every node's subtree under it, one outline level per depth, so
    /// the tree folds open and shut in the spreadsheet.
    pub(super) fn group_subtrees(&self, sheet: &mut Worksheet, plan: &Plan, order: &[usize]) -> Result<(), XlsxError> {
        for (r, &index) in order.iter().enumerate() {
            let depth = plan.depth(index);
            let descendants = order[r + 1..].iter().take_while(|&&i| plan.depth(i) > depth).count();
            if descendants > 0 {
                let first = r as u32 + 2;
                sheet.group_rows(first, first + descendants as u32 - 1)?;
            }
        }
        Ok(())
    }
}

impl Renderer for XlsxReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let bytes = self.workbook(plan, std::slice::from_ref(evaluation)).map_err(xlsx_error)?;
        out.write_all(&bytes)
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let bytes = self.workbook(plan, &trend.evaluations).map_err(xlsx_error)?;
        out.write_all(&bytes)
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        needs::NeedsXlsx { options: self.options.clone() }.render(plan, evaluation, needs, out)
    }
}
