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
use std::sync::OnceLock;

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, XlsxError};

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
use crate::target::Target;
use crate::unit::Unit;

mod cells;
mod deflate;
mod fit;
mod looks;
mod needs;
mod number;
mod package;
mod sheet;
mod texts;

use cells::{Cells, Value};
use looks::{Look, Looks};
use number::Number;
use package::Part;
use sheet::{Layout, Spans};
use texts::SharedStrings;

pub struct XlsxReport {
    pub options: ReportOptions,
}

/// The spreadsheet column of a column.
fn at(column: Column) -> u16 {
    Column::ALL.iter().position(|c| *c == column).map_or(0, |i| i as u16)
}

/// Widest a column grows to fit its content, in pixels.
const MAX_COLUMN_PIXELS: u32 = 360;

/// The deflate level of the workbooks rust_xlsxwriter zips whole (`kpi needs
/// -o`): the one Excel itself saves with, about a third quicker to write than
/// the library's default 6 for a file about a sixth bigger (README, "National
/// scale"). The evaluation's workbook is deflated by `xlsx/deflate.rs`.
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
    ShortText::decimal(n).as_str().parse().unwrap_or(0.0)
}

pub(super) fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// A sheet's nodes written by one thread at a time: at most this many…
const RUN: usize = 4096;
/// …and, in a smaller sheet, a sixteenth of its nodes (but this many at
/// least), so that the threads share even a small sheet evenly.
const MIN_RUN: usize = 256;
/// The shared strings written by one thread at a time.
const STRINGS_RUN: usize = 8192;

/// How many of a sheet's `nodes` each run holds: the same whatever the
/// threads, so that the workbook is too.
fn run_size(nodes: usize) -> usize {
    nodes.div_ceil(16).clamp(MIN_RUN, RUN)
}

impl XlsxReport {
    /// Writes the workbook: one sheet per evaluation, oldest first.
    ///
    /// Each sheet's cells are made in runs of nodes on every thread; then, in
    /// order, each run's looks get their styles' numbers and its texts their
    /// shared strings' (rust_xlsxwriter's numbering: in the order the cells
    /// first hold them), the strings by one thread while the others write and
    /// deflate the runs already numbered (README, "National scale").
    fn write_workbook(&self, plan: &Plan, evaluations: &[Evaluation], out: &mut dyn Write) -> io::Result<()> {
        let looks = Looks::new();
        let names: Vec<String> = evaluations.iter().map(|e| sheet_name(e.year, self.options.lang)).collect();
        let sheets: Vec<Vec<Cells>> = evaluations
            .iter()
            .map(|evaluation| self.sheet_cells(plan, evaluation, &looks))
            .collect::<Result<_, _>>()
            .map_err(xlsx_error)?;

        // The styles numbered in order, as the cells first hold their looks.
        let mut styles = vec![u32::MAX; looks.len()];
        styles[usize::from(Look::DEFAULT.0)] = 0;
        let mut in_order: Vec<&rust_xlsxwriter::Format> = vec![looks.format(Look::DEFAULT)];
        for cells in sheets.iter().flatten() {
            for &look in &cells.used {
                let style = &mut styles[usize::from(look.0)];
                if *style == u32::MAX {
                    *style = in_order.len() as u32;
                    in_order.push(looks.format(look));
                }
            }
        }

        // One round of work on every thread: numbering the shared strings in
        // order (one job, run by run, each run's numbers handed over as soon
        // as they are made), rust_xlsxwriter's small parts (made and
        // deflated), every sheet's runs of rows (each once its texts are
        // numbered) and the shared strings' pieces (once all are), so that no
        // thread waits for the numbering while there is other work.
        let numbered: Vec<Vec<OnceLock<Vec<u32>>>> =
            sheets.iter().map(|cells| cells.iter().map(|_| OnceLock::new()).collect()).collect();
        let strings: OnceLock<(SharedStrings, usize)> = OnceLock::new();
        // At most the runs' texts, most of them a node's own code and name.
        let most = sheets.iter().flatten().map(|cells| cells.texts.len()).sum::<usize>();
        let mut jobs = vec![Job::Numbering, Job::Library];
        for (n, cells) in sheets.iter().enumerate() {
            jobs.extend((0..cells.len()).map(|r| Job::Rows(n, r)));
        }
        jobs.extend((0..most.div_ceil(STRINGS_RUN)).map(Job::Strings));
        let spans: Vec<Spans> = sheets.iter().map(|cells| Spans::of(cells.iter())).collect();
        let mut done = crate::threads::map_each(jobs.len(), |j| match jobs[j] {
            Job::Numbering => {
                let mut shared = SharedStrings::with_capacity(most);
                let text_cells = number_strings(&sheets, &mut shared, &numbered);
                let _ = strings.set((shared, text_cells));
                Ok(Done::Numbered)
            }
            Job::Library => {
                let parts = package::library_parts(&names, &in_order[1..]).map_err(xlsx_error)?;
                let ours = |name: &str| sheet_number(name).is_some() || name == "xl/sharedStrings.xml";
                let deflated = parts
                    .into_iter()
                    .map(|(name, content)| {
                        Ok(if ours(&name) { (name, None) } else { (name, Some(package::deflate(&content)?)) })
                    })
                    .collect::<io::Result<Vec<_>>>()?;
                Ok(Done::Library(deflated))
            }
            Job::Rows(n, r) => {
                let texts = numbered[n][r].wait();
                let write = |xml: &mut Vec<u8>| sheet::write_rows(xml, &sheets[n][r], texts, &styles, &spans[n]);
                deflated_xml(write).map(Done::Piece)
            }
            Job::Strings(c) => {
                let all = strings.wait().0.all();
                match all.get(c * STRINGS_RUN..all.len().min((c + 1) * STRINGS_RUN)) {
                    Some(chunk) if !chunk.is_empty() => {
                        deflated_xml(|xml| sheet::write_strings(xml, chunk)).map(Done::Piece)
                    }
                    // Past the texts there are: no piece.
                    _ => Ok(Done::Numbered),
                }
            }
        })
        .into_iter();
        let out_of_order = || io::Error::other("the workbook's parts came out of order");
        let Some(Done::Numbered) = done.next().transpose()? else { return Err(out_of_order()) };
        let Some(Done::Library(library)) = done.next().transpose()? else { return Err(out_of_order()) };
        let mut sheet_pieces = Vec::with_capacity(sheets.len());
        for (n, cells) in sheets.iter().enumerate() {
            let layout = layout(cells, n == 0);
            let mut pieces = vec![package::deflate(sheet::start(&layout).as_bytes())?];
            for _ in 0..cells.len() {
                let Some(Done::Piece(piece)) = done.next().transpose()? else { return Err(out_of_order()) };
                pieces.push(piece);
            }
            pieces.push(package::deflate(sheet::end(&layout).as_bytes())?);
            sheet_pieces.push(Some(pieces));
        }
        let Some((shared, text_cells)) = strings.get() else { return Err(out_of_order()) };
        let mut strings_pieces =
            vec![package::deflate(sheet::strings_start(*text_cells, shared.all().len()).as_bytes())?];
        for piece in done {
            if let Done::Piece(piece) = piece? {
                strings_pieces.push(piece);
            }
        }
        strings_pieces.push(package::deflate(sheet::STRINGS_END.as_bytes())?);
        let mut strings_pieces = Some(strings_pieces);
        let mut parts = Vec::new();
        for (name, deflated) in library {
            let pieces = match (deflated, sheet_number(&name)) {
                (Some(piece), _) => Some(vec![piece]),
                (None, Some(n)) => sheet_pieces.get_mut(n).and_then(Option::take),
                (None, None) => strings_pieces.take(),
            };
            if let Some(pieces) = pieces {
                parts.push(Part { name, pieces });
            }
        }
        package::write_zip(&parts, out)?;
        drop((strings, numbered));
        // A large sheet's cells take a while to free: on another thread, beside
        // the rest of the run (if no thread can be had, here).
        let _ = std::thread::Builder::new().spawn(move || drop(sheets));
        Ok(())
    }

    /// A sheet's cells: the header, runs of nodes, the closing row.
    fn sheet_cells(&self, plan: &Plan, evaluation: &Evaluation, looks: &Looks) -> Result<Vec<Cells>, XlsxError> {
        let lang = self.options.lang;
        let new_cells = |rows| Cells::new(Column::ALL.len(), MAX_COLUMN_PIXELS, looks.len(), rows);
        let mut header = new_cells(1);
        // The fields of the CSV, titled in the reader's language.
        for column in Column::ALL {
            header.text(0, at(column), column.title(lang), looks.header())?;
        }

        let order = self.options.tree_order(plan);
        // The closing row, the last, past a sheet's rows: said before any cell is made.
        if order.len() + 2 >= cells::MAX_ROWS as usize {
            return Err(XlsxError::RowColumnLimitError);
        }
        let levels = outline_levels(plan, &order);
        let run = run_size(order.len());
        let runs = crate::threads::map_each(order.len().div_ceil(run), |r| {
            let mut cells = new_cells(run);
            let rows = r * run..((r + 1) * run).min(order.len());
            self.write_nodes(&mut cells, plan, evaluation, looks, &order, &levels, rows).map(|()| cells)
        });
        let mut sheet = vec![header];
        for run in runs {
            sheet.push(run?);
        }

        // The body's overall score, after a blank row.
        let mut closing = new_cells(1);
        let last = order.len() as u32 + 2;
        let overall = format!("{} {} ({})", lang.words().overall, evaluation.year, lang.words().organisational);
        closing.text(last, at(Column::Name), &overall, looks.overall())?;
        if let Some(s) = evaluation.score {
            closing.number(last, at(Column::Score), Number::of(rounded(s, SCORE_DP)), looks.overall_score())?;
        }
        let coverage = Number::of(rounded(evaluation.coverage.unwrap_or_default(), SCORE_DP));
        closing.number(last, at(Column::Coverage), coverage, looks.overall_score())?;
        closing.plain(last, at(Column::Status), &display::scoring(&evaluation.options, lang))?;
        sheet.push(closing);
        Ok(sheet)
    }

    /// The rows of the nodes `order[rows]`.
    #[allow(clippy::too_many_arguments)]
    fn write_nodes(
        &self,
        cells: &mut Cells,
        plan: &Plan,
        evaluation: &Evaluation,
        looks: &Looks,
        order: &[usize],
        levels: &[u8],
        rows: std::ops::Range<usize>,
    ) -> Result<(), XlsxError> {
        let lang = self.options.lang;
        let mut targets = TargetTexts::new();
        for r in rows {
            let index = order[r];
            let row = r as u32 + 1;
            if levels[r] > 0 {
                cells.level(row, levels[r])?;
            }
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
                        if let Some(target) = evaluation.target(index) {
                            let unit = node.unit.as_ref();
                            match targets.get(target, unit) {
                                Some(number) => cells.plain_again(row, c, number)?,
                                None => {
                                    let text = figure::target(target, unit, lang.figures());
                                    targets.put(target, unit, cells.plain_number(row, c, &text)?);
                                }
                            }
                        }
                    }
                    (Column::Level, _) => cells.text(row, c, lang.level(node.level), looks.general(bold))?,
                    (Column::Name, Field::Text(text)) => {
                        cells.text(row, c, text, looks.name(bold, plan.depth(index)))?;
                    }
                    (Column::Status, _) => {
                        let Some(status) = result.status else { continue };
                        match looks.status(status) {
                            Some(coloured) => cells.text(row, c, lang.status(status), coloured)?,
                            None => cells.plain(row, c, lang.status(status))?,
                        }
                    }
                    // In the reader's language, like the statuses beside it.
                    (_, Field::Message(message)) => cells.plain(row, c, &lang.message(message))?,
                    // Only `kpi needs` has notes.
                    (_, Field::Notes(_)) => {}
                    (_, Field::Text(text)) => cells.text(row, c, text, looks.general(bold))?,
                    (Column::Score | Column::Coverage, Field::Number(n)) => {
                        cells.number(row, c, Number::of(n), looks.score(bold))?;
                    }
                    (Column::Threshold | Column::Value, Field::Number(n)) if is_percent => {
                        cells.number(row, c, Number::of(n), looks.percent())?;
                    }
                    (_, Field::Number(n)) => cells.number(row, c, Number::of(n), looks.general(bold))?,
                    (_, Field::Date(d)) => {
                        // A spreadsheet's calendar starts in 1900: an earlier (mistyped) year is written as text.
                        match u16::try_from(d.year())
                            .ok()
                            .and_then(|y| ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8).ok())
                        {
                            Some(day) => cells.date(row, c, day.to_excel(), looks.date())?,
                            None => cells.plain(row, c, &crate::figure::canonical::date(d))?,
                        };
                    }
                    (_, Field::Bool(b)) => cells.boolean(row, c, b)?,
                }
            }
        }
        Ok(())
    }
}

/// The texts of the last targets a run wrote, by the target (as the plan
/// keeps it: nodes with the same targets share one list) and the unit: most
/// nodes' targets are those of a node just before, and their text, made and
/// numbered once, is put again by its number.
struct TargetTexts<'p> {
    recent: [Option<TargetText<'p>>; TargetTexts::SLOTS],
}

/// A target, its unit, and its text's number in the run (`None`: an empty text).
type TargetText<'p> = (&'p Target, Option<&'p Unit>, Option<u32>);

impl<'p> TargetTexts<'p> {
    const SLOTS: usize = 64;

    fn new() -> Self {
        TargetTexts { recent: [None; Self::SLOTS] }
    }

    fn slot(target: &Target) -> usize {
        // The target's place in memory: two targets the plan keeps apart are two slots' worth apart.
        (std::ptr::from_ref(target) as usize / std::mem::size_of::<Target>()) % Self::SLOTS
    }

    /// The number of the target's text in the run, if it was written.
    fn get(&self, target: &'p Target, unit: Option<&'p Unit>) -> Option<Option<u32>> {
        match self.recent[Self::slot(target)] {
            Some((t, u, number)) if std::ptr::eq(t, target) && u == unit => Some(number),
            _ => None,
        }
    }

    fn put(&mut self, target: &'p Target, unit: Option<&'p Unit>, number: Option<u32>) {
        self.recent[Self::slot(target)] = Some((target, unit, number));
    }
}

impl Renderer for XlsxReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        self.write_workbook(plan, std::slice::from_ref(evaluation), out)
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        self.write_workbook(plan, &trend.evaluations, out)
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        needs::NeedsXlsx { options: self.options.clone() }.render(plan, evaluation, needs, out)
    }
}

/// A share of the workbook's writing (`write_workbook`).
#[derive(Clone, Copy)]
enum Job {
    /// Numbering the shared strings.
    Numbering,
    /// rust_xlsxwriter's small parts.
    Library,
    /// A run of the shared strings.
    Strings(usize),
    /// A sheet's run of rows.
    Rows(usize, usize),
}

/// What a job made: the library's parts (each deflated, but the sheets and
/// the shared strings, which are left out), or a piece of a part.
enum Done {
    /// The shared strings numbered (or a run of them past their end: nothing).
    Numbered,
    Library(Vec<(String, Option<package::Piece>)>),
    Piece(package::Piece),
}

/// A piece's XML, written into a buffer each thread keeps from piece to piece
/// (its memory allocated and first touched once, not grown again for every
/// piece), deflated.
fn deflated_xml(write: impl FnOnce(&mut Vec<u8>)) -> io::Result<package::Piece> {
    thread_local! {
        static XML: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    XML.with(|xml| {
        let mut xml = xml.borrow_mut();
        xml.clear();
        write(&mut xml);
        package::deflate(&xml)
    })
}

/// Numbers the texts of every run in order, sheet by sheet (as the library
/// numbers them: in the order the rows and columns hold them), and hands over
/// each run's numbers as soon as they are made; the count of text cells.
fn number_strings<'t>(
    sheets: &'t [Vec<Cells>],
    strings: &mut SharedStrings<'t>,
    numbered: &[Vec<OnceLock<Vec<u32>>>],
) -> usize {
    let mut text_cells = 0;
    for (sheet, runs) in sheets.iter().zip(numbered) {
        for (cells, run) in sheet.iter().zip(runs) {
            let mut numbers = vec![u32::MAX; cells.texts.len()];
            if cells.in_order {
                // Each row's cells by column, one in each: the texts first
                // come in the order the run numbered them.
                text_cells += cells.text_cells;
                for (t, number) in numbers.iter_mut().enumerate() {
                    let (text, hash) = cells.texts.with_hash(t);
                    *number = strings.number(text, hash);
                }
            } else {
                for (_, row) in cells.row_cells() {
                    for cell in row.iter() {
                        if let Value::Text(t) = cell.value {
                            text_cells += 1;
                            let t = t as usize;
                            if numbers[t] == u32::MAX {
                                let (text, hash) = cells.texts.with_hash(t);
                                numbers[t] = strings.number(text, hash);
                            }
                        }
                    }
                }
            }
            let _ = run.set(numbers);
        }
    }
    text_cells
}

/// The sheet's number in the package (from 0) of a sheet's path, `xl/worksheets/sheet1.xml`.
fn sheet_number(path: &str) -> Option<usize> {
    let n: usize = path.strip_prefix("xl/worksheets/sheet")?.strip_suffix(".xml")?.parse().ok()?;
    n.checked_sub(1)
}

/// A sheet's layout from its cells: where they are, the deepest outline
/// level, the columns' widths.
fn layout(runs: &[Cells], selected: bool) -> Layout {
    let mut dimension: Option<(u32, u16, u32, u16)> = None;
    let mut max_level = 0;
    let mut widths = vec![0; Column::ALL.len()];
    for cells in runs {
        for row in &cells.rows {
            max_level = max_level.max(row.level);
        }
        if let Some((r, c, last_r, last_c)) = cells.bounds {
            dimension = Some(match dimension {
                None => (r, c, last_r, last_c),
                Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(last_r), c1.max(last_c)),
            });
        }
        for (width, &w) in widths.iter_mut().zip(cells.fit.widths()) {
            *width = (*width).max(w);
        }
    }
    // rust_xlsxwriter counts a sheet's outline levels from the second one:
    // groups one level deep leave the sheet's own count out.
    let max_level = if max_level > 1 { max_level } else { 0 };
    Layout { dimension, selected, max_level, widths }
}

/// Each row's outline level, the one rule both workbooks fold their tree by:
/// every node's subtree (the run of deeper nodes after it) is grouped under
/// it, so a row's level is the number of nodes before it whose run reaches it.
/// The evaluation's sheet writes the levels itself, the needs sheet hands them
/// to rust_xlsxwriter (`xlsx/needs.rs`).
pub(super) fn outline_levels(plan: &Plan, order: &[usize]) -> Vec<u8> {
    let mut open: Vec<usize> = Vec::new();
    order
        .iter()
        .map(|&index| {
            let depth = plan.depth(index);
            while open.last().is_some_and(|&d| d >= depth) {
                open.pop();
            }
            let level = u8::try_from(open.len()).unwrap_or(u8::MAX);
            open.push(depth);
            level
        })
        .collect()
}
