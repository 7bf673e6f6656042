//! `kpi needs -o needs.xlsx`: the CSV's fields as typed cells, titled and
//! worded in the reader's language, as `eval`'s
//! workbook writes them (percents with a percent format, dates as dates,
//! names indented and grouped under their parents, statuses coloured, the
//! header frozen), and the body's figures in closing rows.

use std::io::{self, Write};

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::evaluate::Evaluation;
use crate::figure;
use crate::needs::need::Way;
use crate::needs::solve::Solved;
use crate::needs::Needs;
use crate::plan::{Level, Plan};
use crate::report::fields::needs::NeedsRecord;
use crate::report::fields::Field;
use crate::report::table::needs::{footer, way as table_way};
use crate::report::xlsx::{float, header_format, outline_levels, status_colors, xlsx_error, ZIP_LEVEL};
use crate::report::ReportOptions;

/// The needs half of [`XlsxReport`](crate::report::XlsxReport).
pub struct NeedsXlsx {
    pub options: ReportOptions,
}

/// The columns of [`crate::report::fields::needs::COLUMNS`] by position, for
/// the cells written their own way.
const LEVEL: usize = 0;
const NAME: usize = 3;
const STATUS: usize = 5;
/// How the needed value and the solved quantity may move.
const DIRECTIONS: [usize; 2] = [12, 17];
const SCORES: [usize; 3] = [6, 7, 8];
/// Values in the indicator's unit: the value, what it needs, where it scores 0.
const IN_UNIT: [usize; 3] = [10, 11, 13];

/// Widest a column grows to fit its content, in pixels.
const MAX_COLUMN_PIXELS: u32 = 360;

impl NeedsXlsx {
    fn workbook(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        workbook.set_zip_compression_level(ZIP_LEVEL);
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("{} {}", self.options.lang.needs().sheet, evaluation.year))?;
        let header = header_format();
        // Needed values keep every printed decimal: a percent to 8 places of its points.
        let percent = Format::new().set_num_format("0.00########%");
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let score = Format::new().set_num_format("0.00");
        let general = Format::new();
        // The CSV's fields, titled in the reader's language.
        let lang = self.options.lang;
        for (col, name) in lang.needs().fields.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *name, &header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.group_symbols_above(true);

        let order = self.options.tree_order(plan);
        for (r, &index) in order.iter().enumerate() {
            let row = r as u32 + 1;
            let node = &plan.nodes[index];
            let result = &evaluation.nodes[index];
            let is_percent = crate::unit::is_percent(node.unit.as_ref());
            let bold = node.level != Level::Indicator;
            let emphasis = |f: &Format| if bold { f.clone().set_bold() } else { f.clone() };
            let record = NeedsRecord::new(plan, evaluation, needs, index);
            let ways = directions(needs, index);
            for (col, field) in record.fields().into_iter().enumerate() {
                let c = col as u16;
                match field {
                    Field::Null => {}
                    Field::Target(_) => {
                        if let Some(target) = evaluation.target(index) {
                            sheet.write_string(row, c, figure::target(target, node.unit.as_ref(), lang.figures()))?;
                        }
                    }
                    Field::Text(_) if col == LEVEL => {
                        sheet.write_string_with_format(row, c, lang.level(node.level), &emphasis(&general))?;
                    }
                    Field::Text(text) if DIRECTIONS.contains(&col) => {
                        let way = ways[usize::from(col != DIRECTIONS[0])];
                        sheet.write_string(row, c, way.map_or(text, |w| table_way(w, lang)))?;
                    }
                    Field::Text(text) if col == NAME => {
                        let indented = emphasis(&general).set_indent(plan.depth(index).min(15) as u8);
                        sheet.write_string_with_format(row, c, text, &indented)?;
                    }
                    // In the reader's language, like `eval`'s workbook.
                    Field::Text(text) if col == STATUS => {
                        let text = result.status.map_or(text, |s| lang.status(s));
                        match result.status.and_then(status_colors) {
                            Some((fill, font)) => {
                                let coloured = Format::new().set_background_color(fill).set_font_color(font);
                                sheet.write_string_with_format(row, c, text, &coloured)?;
                            }
                            None => {
                                sheet.write_string(row, c, text)?;
                            }
                        }
                    }
                    Field::Text(text) => {
                        sheet.write_string_with_format(row, c, text, &emphasis(&general))?;
                    }
                    // In the reader's language, like the statuses beside them.
                    Field::Notes(notes) => {
                        let text = lang.needs_notes(notes, lang.figures()).unwrap_or_default();
                        sheet.write_string_with_format(row, c, text, &emphasis(&general))?;
                    }
                    // Only `kpi eval` has the evaluation's message as a field.
                    Field::Message(_) => {}
                    Field::Number(n) if SCORES.contains(&col) => {
                        sheet.write_number_with_format(row, c, float(n), &emphasis(&score))?;
                    }
                    Field::Number(n) if is_percent && IN_UNIT.contains(&col) => {
                        sheet.write_number_with_format(row, c, float(n), &percent)?;
                    }
                    Field::Number(n) => {
                        sheet.write_number_with_format(row, c, float(n), &emphasis(&general))?;
                    }
                    Field::Date(d) => {
                        match u16::try_from(d.year())
                            .ok()
                            .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok())
                        {
                            Some(day) => sheet.write_date_with_format(row, c, day, &date)?,
                            None => sheet.write_string(row, c, crate::figure::canonical::date(d))?,
                        };
                    }
                    Field::Bool(b) => {
                        sheet.write_boolean(row, c, b)?;
                    }
                }
            }
        }
        group_rows(sheet, &outline_levels(plan, &order))?;
        let bold = Format::new().set_bold();
        for (k, line) in footer(evaluation, needs, lang).into_iter().enumerate() {
            sheet.write_string_with_format(order.len() as u32 + 2 + k as u32, NAME as u16, line, &bold)?;
        }
        sheet.set_autofit_max_width(MAX_COLUMN_PIXELS);
        sheet.autofit();
        workbook.save_to_buffer()
    }
}

/// Puts each node's row (from the second) in as many row groups as its outline
/// level: the library counts a row's level one group at a time.
fn group_rows(sheet: &mut Worksheet, levels: &[u8]) -> Result<(), XlsxError> {
    for (r, &level) in levels.iter().enumerate() {
        let row = r as u32 + 1;
        for _ in 0..level {
            sheet.group_rows(row, row)?;
        }
    }
    Ok(())
}

/// How the needed value and the solved quantity may move, as the record's
/// two direction fields hold them.
fn directions(needs: &Needs, index: usize) -> [Option<Way>; 2] {
    let indicator = needs.nodes[index].indicator.as_ref();
    let need = indicator.and_then(|i| i.need.as_ref()).map(|n| n.way);
    let solved = indicator.and_then(|i| i.solution.as_ref()).and_then(|s| match s.solved {
        Solved::Value { way, .. } => Some(way),
        _ => None,
    });
    [need, solved]
}

impl NeedsXlsx {
    pub fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let bytes = self.workbook(plan, evaluation, needs).map_err(xlsx_error)?;
        out.write_all(&bytes)
    }
}
