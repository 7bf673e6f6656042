//! `--format xlsx` (`-o report.xlsx`): the fields of the CSV in a workbook a
//! report can be built on. Cells are typed (numbers as numbers, percents with
//! a percent format, dates as dates, yes/no as booleans); the tree reads as
//! indented names grouped in outline levels under their parents; the header
//! stays frozen; each status has its colour; the overall score closes the sheet.
//!
//! A workbook holds numbers as binary floats: each is written from the same
//! rounded decimal the CSV prints, so the two agree to the digit.

use std::io::{self, Write};

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::display;
use super::fields::{node_fields, rounded, Field, COLUMNS, SCORE_DP};
use super::{Renderer, ReportOptions};
use crate::evaluate::score::Status;
use crate::evaluate::Evaluation;
use crate::plan::{Level, Plan};

pub struct XlsxReport {
    pub options: ReportOptions,
}

/// The columns of [`COLUMNS`] by position, for the cells written their own way.
const NAME: u16 = 3;
const TARGET: usize = 6;
const THRESHOLD: usize = 7;
const VALUE: usize = 8;
const SCORE: u16 = 9;
const COVERAGE: u16 = 10;
const STATUS: usize = 11;

/// Widest a column grows to fit its content, in pixels.
const MAX_COLUMN_PIXELS: u32 = 360;

/// The name of the sheet.
pub fn sheet_name(year: i32) -> String {
    format!("Valutazione {year}")
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
    n.to_string().parse().unwrap_or(0.0)
}

pub(super) fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

impl XlsxReport {
    /// The workbook as bytes.
    pub fn workbook(&self, plan: &Plan, evaluation: &Evaluation) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(evaluation.year))?;
        self.write_sheet(sheet, plan, evaluation)?;
        workbook.save_to_buffer()
    }

    /// Years side by side: one sheet per year, oldest first.
    pub fn trend_workbook(&self, plan: &Plan, evaluations: &[Evaluation]) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        for evaluation in evaluations {
            let sheet = workbook.add_worksheet();
            sheet.set_name(sheet_name(evaluation.year))?;
            self.write_sheet(sheet, plan, evaluation)?;
        }
        workbook.save_to_buffer()
    }

    fn write_sheet(&self, sheet: &mut Worksheet, plan: &Plan, evaluation: &Evaluation) -> Result<(), XlsxError> {
        let header = Format::new().set_bold().set_background_color(0xD9E1F2).set_border_bottom(FormatBorder::Thin);
        let percent = Format::new().set_num_format("0.00%");
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let score = Format::new().set_num_format("0.00");
        let general = Format::new();

        for (col, name) in COLUMNS.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *name, &header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        // Parents sit above their children, so outline buttons go above too.
        sheet.group_symbols_above(true);

        let order = self.options.tree_order(plan);
        for (r, &index) in order.iter().enumerate() {
            let row = r as u32 + 1;
            let node = &plan.nodes[index];
            let result = &evaluation.nodes[index];
            let depth = plan.depth(index);
            let is_percent = node.unit.as_deref() == Some("%");
            let bold = node.level != Level::Indicator;
            let emphasis = |f: &Format| if bold { f.clone().set_bold() } else { f.clone() };
            for (col, field) in node_fields(plan, evaluation, index).into_iter().enumerate() {
                let c = col as u16;
                match (col, field) {
                    (_, Field::Null) => {}
                    (TARGET, _) => {
                        // As the plan writes it, percents as percents: `>= 105,00 %`.
                        if let Some(target) = &result.target {
                            sheet.write_string(row, c, display::target(target, node.unit.as_deref()))?;
                        }
                    }
                    (_, Field::Text(text)) if c == NAME => {
                        let indented = emphasis(&general).set_indent(depth.min(15) as u8);
                        sheet.write_string_with_format(row, c, text, &indented)?;
                    }
                    (STATUS, Field::Text(text)) => match result.status.and_then(status_colors) {
                        Some((fill, font)) => {
                            let coloured = Format::new().set_background_color(fill).set_font_color(font);
                            sheet.write_string_with_format(row, c, text, &coloured)?;
                        }
                        None => {
                            sheet.write_string(row, c, text)?;
                        }
                    },
                    (_, Field::Text(text)) => {
                        sheet.write_string_with_format(row, c, text, &emphasis(&general))?;
                    }
                    (_, Field::Number(n)) if c == SCORE || c == COVERAGE => {
                        sheet.write_number_with_format(row, c, float(n), &emphasis(&score))?;
                    }
                    (THRESHOLD | VALUE, Field::Number(n)) if is_percent => {
                        sheet.write_number_with_format(row, c, float(n), &percent)?;
                    }
                    (_, Field::Number(n)) => {
                        sheet.write_number_with_format(row, c, float(n), &emphasis(&general))?;
                    }
                    (_, Field::Date(d)) => {
                        // A spreadsheet's calendar starts in 1900: an earlier (mistyped) year is written as text.
                        match u16::try_from(d.year())
                            .ok()
                            .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok())
                        {
                            Some(day) => sheet.write_date_with_format(row, c, day, &date)?,
                            None => sheet.write_string(row, c, d.format("%Y-%m-%d").to_string())?,
                        };
                    }
                    (_, Field::Bool(b)) => {
                        sheet.write_boolean(row, c, b)?;
                    }
                }
            }
        }
        self.group_subtrees(sheet, plan, &order)?;

        // The body's overall score, after a blank row.
        let last = order.len() as u32 + 2;
        let bold = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        sheet.write_string_with_format(
            last,
            NAME,
            format!("Punteggio complessivo {} (performance organizzativa)", evaluation.year),
            &bold,
        )?;
        if let Some(s) = evaluation.score {
            sheet.write_number_with_format(
                last,
                SCORE,
                float(rounded(s, SCORE_DP)),
                &bold.clone().set_num_format("0.00"),
            )?;
        }
        let coverage = float(rounded(evaluation.coverage.unwrap_or_default(), SCORE_DP));
        sheet.write_number_with_format(last, COVERAGE, coverage, &bold.clone().set_num_format("0.00"))?;
        sheet.write_string(last, STATUS as u16, display::scoring(&evaluation.options))?;

        sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
        sheet.autofit();
        Ok(())
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
        let bytes = self.workbook(plan, evaluation).map_err(xlsx_error)?;
        out.write_all(&bytes)
    }
}
