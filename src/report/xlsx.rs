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
mod turns;

use cells::Cells;
use looks::Looks;
use number::Number;
use package::Part;
use sheet::Spans;
use texts::Texts;
use turns::{Numbered, Turns};

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

/// A sheet's rows written by one thread at a time: at most this many…
const RUN: usize = 4096;
/// …and, in a smaller sheet, a sixteenth of its rows (but this many at
/// least), so that the threads share even a small sheet evenly.
const MIN_RUN: usize = 256;
/// The shared strings written by one thread at a time.
const STRINGS_RUN: usize = 8192;
/// Excel keeps the column spans of a sheet's rows by blocks of this many
/// rows: runs start on a block, so that each block's span is one run's.
const SPAN_BLOCK: usize = 16;

/// How many of a sheet's `rows` each run holds: the same whatever the
/// threads, so that the workbook is too.
fn run_size(rows: usize) -> usize {
    rows.div_ceil(16).clamp(MIN_RUN, RUN).next_multiple_of(SPAN_BLOCK)
}

/// A sheet to write: its evaluation, its nodes in the order of their rows
/// and each row's outline level, cut into runs of rows.
struct SheetRows<'e, 'p> {
    evaluation: &'e Evaluation<'p>,
    order: Vec<usize>,
    levels: Vec<u8>,
    /// Rows per run.
    run: usize,
}

impl<'e, 'p> SheetRows<'e, 'p> {
    fn new(report: &XlsxReport, plan: &Plan, evaluation: &'e Evaluation<'p>) -> Result<Self, XlsxError> {
        let order = report.options.tree_order(plan);
        // The closing row, the last, past a sheet's rows: said before any cell is made.
        if order.len() + 2 >= cells::MAX_ROWS as usize {
            return Err(XlsxError::RowColumnLimitError);
        }
        let levels = outline_levels(plan, &order);
        let run = run_size(order.len() + 3);
        Ok(SheetRows { evaluation, order, levels, run })
    }

    /// The header, the nodes, a blank row and the closing row.
    fn rows(&self) -> usize {
        self.order.len() + 3
    }

    fn runs(&self) -> usize {
        self.rows().div_ceil(self.run)
    }
}

impl XlsxReport {
    /// Writes the workbook: one sheet per evaluation, oldest first.
    ///
    /// Each sheet's rows are written in runs, on every thread at once: a
    /// thread makes a run's cells and files them (`xlsx/turns.rs`), which
    /// numbers the run's texts as shared strings and its looks as styles once
    /// the runs before it are numbered (rust_xlsxwriter's numbering: in the
    /// order the cells first hold them), then writes and deflates the rows of
    /// the runs it numbered. Cells written out give their memory to the next
    /// run made; the runs' texts are kept for the shared strings, written
    /// last, in pieces (README, "National scale").
    fn write_workbook(&self, plan: &Plan, evaluations: &[Evaluation], out: &mut dyn Write) -> io::Result<()> {
        let looks = Looks::new();
        let names: Vec<String> = evaluations.iter().map(|e| sheet_name(e.year, self.options.lang)).collect();
        let sheets: Vec<SheetRows> =
            evaluations.iter().map(|e| SheetRows::new(self, plan, e)).collect::<Result<_, _>>().map_err(xlsx_error)?;
        let runs: Vec<(usize, usize)> =
            sheets.iter().enumerate().flat_map(|(n, sheet)| (0..sheet.runs()).map(move |r| (n, r))).collect();
        // Each run's texts, kept for the shared strings, which borrow them.
        let texts: Vec<OnceLock<Texts>> = runs.iter().map(|_| OnceLock::new()).collect();
        // At most a text in every cell.
        let most_texts = sheets.iter().map(|sheet| sheet.rows() * Column::ALL.len()).sum::<usize>();
        let strings = sheets.iter().map(|sheet| sheet.rows() * 4).sum();
        let turns = Turns::new(runs.iter().map(|&(n, _)| n).collect(), &texts, looks.len(), strings);

        // The runs in order, then rust_xlsxwriter's small parts (made and
        // deflated once every look is numbered) and the shared strings' pieces.
        let mut jobs: Vec<Job> = (0..runs.len()).map(Job::Rows).collect();
        jobs.push(Job::Library);
        jobs.extend((0..most_texts.div_ceil(STRINGS_RUN)).map(Job::Strings));
        let done = crate::threads::map_each(jobs.len(), |j| match jobs[j] {
            Job::Rows(i) => {
                let (n, r) = runs[i];
                self.write_run(plan, &sheets[n], r, i, &looks, &turns)
            }
            Job::Library => {
                let Some(numbering) = turns.all() else { return Ok(Done::Nothing) };
                let in_order: Vec<&Format> =
                    numbering.looks_in_order().iter().map(|&look| looks.format(look)).collect();
                drop(numbering);
                let parts = package::library_parts(&names, &in_order).map_err(xlsx_error)?;
                let ours = |name: &str| sheet_number(name).is_some() || name == "xl/sharedStrings.xml";
                let deflated = parts
                    .into_iter()
                    .map(|(name, content)| {
                        Ok(if ours(&name) { (name, None) } else { (name, Some(package::deflate(&content)?)) })
                    })
                    .collect::<io::Result<Vec<_>>>()?;
                Ok(Done::Library(deflated))
            }
            Job::Strings(c) => {
                let Some(numbering) = turns.all() else { return Ok(Done::Nothing) };
                let all = numbering.strings();
                // Copied, so that the other pieces need not wait for this one.
                let chunk = all.get(c * STRINGS_RUN..all.len().min((c + 1) * STRINGS_RUN)).map(<[_]>::to_vec);
                drop(numbering);
                match chunk {
                    Some(chunk) if !chunk.is_empty() => {
                        deflated_xml(|xml| sheet::write_strings(xml, &chunk)).map(Done::Piece)
                    }
                    // Past the texts there are: no piece.
                    _ => Ok(Done::Nothing),
                }
            }
        });
        // A run that failed stopped the ones after it: its error is the one to tell.
        let done = done.into_iter().collect::<io::Result<Vec<Done>>>()?;
        let out_of_order = || io::Error::other("the workbook's parts came out of order");
        let numbering = turns.finish();
        // Each run's rows, by the run's number, whichever job wrote them.
        let mut done = done.into_iter();
        let mut rows: Vec<Option<package::Piece>> = runs.iter().map(|_| None).collect();
        for _ in 0..runs.len() {
            let Some(Done::Runs(pieces)) = done.next() else { return Err(out_of_order()) };
            for (run, piece) in pieces {
                rows[run] = Some(piece);
            }
        }
        let mut rows = rows.into_iter();
        let mut sheet_pieces = Vec::with_capacity(sheets.len());
        for (n, sheet) in sheets.iter().enumerate() {
            let layout = numbering.layout(n, n == 0);
            let mut pieces = Vec::with_capacity(sheet.runs() + 2);
            pieces.push(package::deflate(sheet::start(&layout).as_bytes())?);
            for _ in 0..sheet.runs() {
                let Some(Some(piece)) = rows.next() else { return Err(out_of_order()) };
                pieces.push(piece);
            }
            pieces.push(package::deflate(sheet::end(&layout).as_bytes())?);
            sheet_pieces.push(Some(pieces));
        }
        let Some(Done::Library(library)) = done.next() else { return Err(out_of_order()) };
        let start = sheet::strings_start(numbering.text_cells(), numbering.strings().len());
        let mut strings_pieces = vec![package::deflate(start.as_bytes())?];
        for piece in done {
            if let Done::Piece(piece) = piece {
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
        drop(numbering);
        // A large sheet's texts take a while to free: on another thread, beside
        // the rest of the run (if no thread can be had, here).
        let _ = std::thread::Builder::new().spawn(move || drop(texts));
        Ok(())
    }

    /// Run `r` of a sheet (run `i` of the workbook): its cells made and
    /// filed for numbering; then the rows of every run this filing numbered
    /// written and deflated.
    #[allow(clippy::too_many_arguments)]
    fn write_run(
        &self,
        plan: &Plan,
        sheet: &SheetRows,
        r: usize,
        i: usize,
        looks: &Looks,
        turns: &Turns,
    ) -> io::Result<Done> {
        let guard = turns.guard();
        let rows = r * sheet.run..((r + 1) * sheet.run).min(sheet.rows());
        let mut cells =
            Cells::reused(turns.spare_cells(), Column::ALL.len(), MAX_COLUMN_PIXELS, looks.len(), rows.len());
        self.run_cells(&mut cells, plan, sheet, looks, rows).map_err(xlsx_error)?;
        let numbered = turns.file(guard, i, cells);
        let mut pieces = Vec::with_capacity(numbered.len());
        for Numbered { run, cells, texts, styles } in numbered {
            let spans = Spans::of(std::iter::once(&cells));
            let piece = deflated_xml(|xml| sheet::write_rows(xml, &cells, &texts, &styles, &spans))?;
            turns.give_back(cells);
            pieces.push((run, piece));
        }
        Ok(Done::Runs(pieces))
    }

    /// A run's cells: the header, the nodes and the closing row among `rows`.
    fn run_cells(
        &self,
        cells: &mut Cells,
        plan: &Plan,
        sheet: &SheetRows,
        looks: &Looks,
        rows: std::ops::Range<usize>,
    ) -> Result<(), XlsxError> {
        let lang = self.options.lang;
        if rows.contains(&0) {
            // The fields of the CSV, titled in the reader's language.
            for column in Column::ALL {
                cells.text(0, at(column), column.title(lang), looks.header())?;
            }
        }
        // Node `k` of the order is on row `k + 1`.
        let nodes = rows.start.max(1) - 1..(rows.end - 1).min(sheet.order.len());
        if !nodes.is_empty() {
            self.write_nodes(cells, plan, sheet.evaluation, looks, &sheet.order, &sheet.levels, nodes)?;
        }
        // The body's overall score, after a blank row.
        let last = sheet.rows() - 1;
        if rows.contains(&last) {
            let evaluation = sheet.evaluation;
            let last = last as u32;
            let overall = format!("{} {} ({})", lang.words().overall, evaluation.year, lang.words().organisational);
            cells.text(last, at(Column::Name), &overall, looks.overall())?;
            if let Some(s) = evaluation.score {
                cells.number(last, at(Column::Score), Number::of(rounded(s, SCORE_DP)), looks.overall_score())?;
            }
            let coverage = Number::of(rounded(evaluation.coverage.unwrap_or_default(), SCORE_DP));
            cells.number(last, at(Column::Coverage), coverage, looks.overall_score())?;
            cells.plain(last, at(Column::Status), &display::scoring(&evaluation.options, lang))?;
        }
        Ok(())
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
    /// A run of a sheet's rows, by its number in the workbook.
    Rows(usize),
    /// rust_xlsxwriter's small parts.
    Library,
    /// A run of the shared strings.
    Strings(usize),
}

/// What a job made: the library's parts (each deflated, but the sheets and
/// the shared strings, which are left out), or a piece of a part.
enum Done {
    /// A run of the shared strings past their end, or a job after a run
    /// that failed: nothing.
    Nothing,
    /// The runs of rows a job numbered, each by its number in the workbook, deflated.
    Runs(Vec<(usize, package::Piece)>),
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

/// The sheet's number in the package (from 0) of a sheet's path, `xl/worksheets/sheet1.xml`.
fn sheet_number(path: &str) -> Option<usize> {
    let n: usize = path.strip_prefix("xl/worksheets/sheet")?.strip_suffix(".xml")?.parse().ok()?;
    n.checked_sub(1)
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
