//! Builds a [`Plan`] from the canonical plan table (README, "The plan file").

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use foldhash::fast::RandomState as FastHash;

use rust_decimal::Decimal;

use super::definitions::Definitions;
use super::remembered::Remembered;
use super::target_lists::TargetLists;
use super::{Codes, Definition, DefinitionParts, LabelWriter, Level, Node, Plan, Rare, Years};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::files::header::Header;
use crate::files::sheet::{RowRef, Table};
use crate::formula::{Formula, SyntaxError};
use crate::scale::Scale;
use crate::similar::closest;
use crate::target::{split_years, Target};
use crate::threads::{Handover, Shared};
use crate::unit::Unit;
use crate::value::{
    ambiguity_warning, is_nothing, parse_date_in_words, parse_value, DateReading, NumberFormat, Reading, Value,
};

/// Choices that change how a plan is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOptions {
    /// `--number-format`: overrides the detection the README describes ("Values").
    pub number_format: Option<NumberFormat>,
}

/// The columns of the plan, resolved once from the header.
struct Columns {
    level: usize,
    code: usize,
    name: Option<usize>,
    weight: Option<usize>,
    parent: Option<usize>,
    formula: Option<usize>,
    algorithm: Option<usize>,
    unit: Option<usize>,
    threshold: Option<usize>,
    scale: Option<usize>,
    weight_by_year: Vec<YearColumn>,
    threshold_by_year: Vec<YearColumn>,
    baseline_by_year: Vec<YearColumn>,
    target_by_year: Vec<YearColumn>,
    /// Every column a node is read from but the code, the name and the
    /// parent, in order: the cells rows repeat a definition in.
    definition: Vec<usize>,
}

/// A `name_YYYY` column: its year, its index, and its name in messages
/// (`target_2024`), written once rather than for every cell.
struct YearColumn {
    year: i32,
    index: usize,
    label: String,
}

impl YearColumn {
    /// The columns named `prefix_YYYY` for one of `names`, labelled by the first.
    fn all(sheet: Header, names: &[&str]) -> Vec<YearColumn> {
        let label = |year: i32| format!("{}_{year}", names[0]);
        sheet
            .year_columns(names)
            .into_iter()
            .map(|(year, index)| YearColumn { year, index, label: label(year) })
            .collect()
    }
}

/// The plan's columns by role, each with its accepted names (README, "The plan file").
const LEVEL: &[&str] = &["level", "livello"];
const CODE: &[&str] = &["code", "codice"];
const NAME: &[&str] = &["name", "nome", "descrizione", "denominazione"];
const WEIGHT: &[&str] = &["weight", "peso"];
const PARENT: &[&str] = &["parent", "padre"];
const FORMULA: &[&str] = &["formula"];
const ALGORITHM: &[&str] = &["algorithm", "algoritmo"];
const UNIT: &[&str] = &["unit", "unita", "unita_di_misura"];
const THRESHOLD: &[&str] = &["threshold", "soglia"];
const BASELINE: &[&str] = &["baseline"];
const TARGET: &[&str] = &["target"];
const SCALE: &[&str] = &["scale", "scala"];
const ROLES: &[&[&str]] = &[LEVEL, CODE, NAME, WEIGHT, PARENT, FORMULA, ALGORITHM, UNIT, THRESHOLD, SCALE];
const YEAR_ROLES: &[&[&str]] = &[WEIGHT, THRESHOLD, BASELINE, TARGET];

impl Columns {
    fn resolve(sheet: Header) -> Result<Columns, Diagnostic> {
        const HINT: &str = "a plan needs at least `level` and `code`; see the README for every column";
        let required = |names: &[&str]| sheet.required_column(names, HINT);
        let mut columns = Columns {
            level: required(LEVEL)?,
            code: required(CODE)?,
            name: sheet.column(NAME),
            weight: sheet.column(WEIGHT),
            parent: sheet.column(PARENT),
            formula: sheet.column(FORMULA),
            algorithm: sheet.column(ALGORITHM),
            unit: sheet.column(UNIT),
            threshold: sheet.column(THRESHOLD),
            scale: sheet.column(SCALE),
            weight_by_year: YearColumn::all(sheet, WEIGHT),
            threshold_by_year: YearColumn::all(sheet, THRESHOLD),
            baseline_by_year: YearColumn::all(sheet, BASELINE),
            target_by_year: YearColumn::all(sheet, TARGET),
            definition: Vec::new(),
        };
        // Every value column, and the other cells a node is read from but
        // its code, name and parent.
        let mut definition = columns.value_columns();
        definition.extend(
            [Some(columns.level), columns.formula, columns.algorithm, columns.unit, columns.scale]
                .into_iter()
                .flatten(),
        );
        definition.sort_unstable();
        definition.dedup();
        columns.definition = definition;
        Ok(columns)
    }

    /// The cells that hold values, which decide the number format.
    fn value_columns(&self) -> Vec<usize> {
        let mut cols: Vec<usize> = [self.weight, self.threshold].into_iter().flatten().collect();
        for list in [&self.weight_by_year, &self.threshold_by_year, &self.baseline_by_year, &self.target_by_year] {
            cols.extend(list.iter().map(|c| c.index));
        }
        cols
    }
}

/// The columns whose cells decide a plan's number format, from its header:
/// its value columns, or none when the format is forced (or the header
/// lacks a column the plan needs, which is reported when it is read).
pub(crate) fn voting_columns(header: Header, options: PlanOptions) -> Vec<usize> {
    match options.number_format {
        Some(_) => Vec::new(),
        None => Columns::resolve(header).map(|columns| columns.value_columns()).unwrap_or_default(),
    }
}

/// Reads every cell of one file by one number format, remembering the first
/// cell the other format would read differently, and reporting every cell
/// that cannot be read.
struct CellReader<'a> {
    source: &'a str,
    format: NumberFormat,
    first_ambiguous: Option<(usize, String)>,
    /// How many cells the other format would read differently, the first included.
    ambiguities: usize,
    diagnostics: &'a mut Diagnostics,
    /// Formulas, targets (by year), weights, soglie and baselines as read.
    formulas: Remembered<Arc<Formula>>,
    /// The formulas remembered, in the order they were first read.
    parsed: Vec<Arc<Formula>>,
    targets: ByYear<i32, (Target, Option<Unit>)>,
    values: Remembered<Option<Value>>,
    /// Whether a soglia's text is a date, by the year its column gives.
    dates: ByYear<Option<i32>, DateKind>,
    /// The nodes' lists of targets, each distinct list kept once.
    target_lists: TargetLists,
    /// The text the nodes' codes and names are written to, finished once
    /// every row of the piece is read.
    labels: LabelWriter,
    /// The definitions of the piece's rows, each read once.
    definitions: Definitions,
}

/// Texts remembered apart for each year a column gives.
type ByYear<K, T> = Vec<(K, Remembered<T>)>;

/// The remembered texts of one year (a plan has a few): found by a look
/// along the list rather than by hashing the year at every cell.
fn of<K: PartialEq, R: Default>(by_year: &mut Vec<(K, R)>, key: K) -> &mut R {
    let at = match by_year.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            by_year.push((key, R::default()));
            by_year.len() - 1
        }
    };
    &mut by_year[at].1
}

/// What [`parse_date_in_words`] read a soglia as, when it was no mistake.
#[derive(Debug, Clone, Copy)]
enum DateKind {
    Date(chrono::NaiveDate),
    NeedsYear,
    NotADate,
}

impl CellReader<'_> {
    fn error(&self, row: &RowRef, message: String) -> Diagnostic {
        Diagnostic::error(self.source, row.line, message)
    }

    fn report(&mut self, problem: Diagnostic) {
        self.diagnostics.push(problem);
    }

    fn note_ambiguous(&mut self, row: &RowRef, text: &str, ambiguous: bool) {
        self.ambiguities += usize::from(ambiguous);
        if ambiguous && self.first_ambiguous.is_none() {
            self.first_ambiguous = Some((row.line, text.trim().to_string()));
        }
    }

    /// A value; an unreadable cell is reported and read as empty.
    fn value(&mut self, row: &RowRef, text: &str, column: &str) -> Option<Value> {
        if let Some(known) = self.values.get(text) {
            return *known;
        }
        let remember = |values: &mut Remembered<Option<Value>>, value: Option<Value>| {
            values.keep(text, value);
            value
        };
        match parse_value(text, self.format) {
            Ok(Reading::Nothing) => remember(&mut self.values, None),
            Ok(Reading::Value(p)) => remember(&mut self.values, Some(p.value)),
            Ok(Reading::Ambiguous(p)) => {
                self.note_ambiguous(row, text, true);
                Some(p.value)
            }
            Err(e) => {
                let problem = self.error(row, format!("{column}: {e}"));
                self.report(problem.with_hint(
                    "write a number (1.234,5 or 1234.5), a percent (85 %), a date (31-03-2024), SI/NO, or N/D",
                ));
                None
            }
        }
    }

    /// A weight: `20%`, `20,00 %` and `20` are all 20. Also tells whether it
    /// was written with `%`.
    fn weight(&mut self, row: &RowRef, text: &str, column: &str) -> Option<(Decimal, bool)> {
        let percent = text.trim().ends_with('%');
        let without_percent = text.trim().trim_end_matches('%').trim();
        match self.value(row, without_percent, column)? {
            Value::Number(w) if w >= Decimal::ZERO => Some((w, percent)),
            _ => {
                let problem =
                    self.error(row, format!("{column}: `{}` is not a weight (a number, 0 or more)", text.trim()));
                self.report(problem.with_hint("write the weight as 20 or 20 %"));
                None
            }
        }
    }

    fn formula(&mut self, source: &str) -> Result<Arc<Formula>, SyntaxError> {
        if let Some(formula) = self.formulas.get(source) {
            return Ok(formula.clone());
        }
        let formula = Arc::new(Formula::parse(source)?);
        if self.formulas.keep(source, formula.clone()) {
            self.parsed.push(formula.clone());
        }
        Ok(formula)
    }

    fn target(&mut self, row: &RowRef, text: &str, column: &str, year: i32) -> Option<(Target, Option<Unit>)> {
        if let Some(known) = of(&mut self.targets, year).get(text) {
            return Some(known.clone());
        }
        match Target::parse_in(text, self.format, Some(year)) {
            Ok(None) => None,
            Ok(Some(parsed)) => {
                self.note_ambiguous(row, text, parsed.ambiguous);
                let read = (parsed.target, parsed.unit);
                if !parsed.ambiguous {
                    of(&mut self.targets, year).keep(text, read.clone());
                }
                Some(read)
            }
            Err(e) => {
                let problem = self.error(row, format!("{column}: {e}"));
                self.report(problem.with_hint(
                    "write a target as >= 105,00 %, almeno 5, <= 2 gg, tra 80 % e 90 %, Entro 31-03-2024, SI or NO; N/D for none that year",
                ));
                None
            }
        }
    }

    /// A soglia: a value, or a date as targets write it (`30 aprile 2024`,
    /// `31/12` in a `soglia_YYYY` column). `Err(())` for a day and month
    /// without a year in a column without one: each target year gives it.
    fn threshold(&mut self, row: &RowRef, text: &str, column: &str, year: Option<i32>) -> Result<Option<Value>, ()> {
        let known = of(&mut self.dates, year).get(text).copied();
        let kind = match known {
            Some(kind) => kind,
            None => {
                let kind = match parse_date_in_words(text, year) {
                    DateReading::Date(d) => DateKind::Date(d),
                    DateReading::NeedsYear => DateKind::NeedsYear,
                    DateReading::NotADate => DateKind::NotADate,
                    DateReading::Invalid(message) => {
                        let problem = self.error(row, format!("{column}: {message}"));
                        self.report(problem.with_hint("write a day that exists, such as 30-06-2024 or 30 giugno 2024"));
                        return Ok(None);
                    }
                };
                of(&mut self.dates, year).keep(text, kind);
                kind
            }
        };
        match kind {
            DateKind::Date(d) => Ok(Some(Value::Date(d))),
            DateKind::NeedsYear => Err(()),
            DateKind::NotADate => Ok(self.value(row, text, column)),
        }
    }

    /// A scale (README, Scales); an unreadable one is reported, naming the point.
    fn scale(&mut self, row: &RowRef, text: &str) -> Option<Scale> {
        match Scale::parse(text) {
            Ok(scale) => scale,
            Err(e) => {
                let problem = self.error(row, format!("scale `{}`: {e}", text.trim()));
                self.report(problem.with_hint(
                    "write points degree:score with rising degrees and scores from 0 to 100, like 70%:0 90%:100, or steps 60%:50 80%:80 100%:100",
                ));
                None
            }
        }
    }
}

/// Reads the plan in a sheet as far as it goes, every problem and warning
/// (an ambiguous number) pushed to `diagnostics`: a row whose level or code
/// cannot be read is left out, an unreadable cell is read as empty, and the
/// node is marked [`Plan::flawed`]. Fails only when the header lacks the
/// columns that make a plan. A large text's rows are read in pieces on
/// every thread (README, "The plan's rows on both cores"), the plan and its
/// messages the same as one thread's.
pub fn load_plan(
    sheet: &(dyn Table + Sync),
    options: PlanOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Plan, Diagnostic> {
    load_plan_on(sheet, options, diagnostics, crate::threads::threads())
}

/// [`load_plan`] with the rows read on `threads` threads.
pub(crate) fn load_plan_on(
    sheet: &(dyn Table + Sync),
    options: PlanOptions,
    diagnostics: &mut Diagnostics,
    threads: usize,
) -> Result<Plan, Diagnostic> {
    load(Held::Borrowed(sheet), options, diagnostics, |reading| {
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads.min(reading.pieces)).map(|_| scope.spawn(|| reading.share())).collect();
            reading.share();
            for helper in helpers {
                helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            }
        });
        reading.finished()
    })
}

/// [`load_plan`] of a table the plan's reader owns, its pieces offered to the
/// thread that calls [`Handover::help`] once free (the one reading the
/// actuals), beside this one and as many more as the threads allow.
pub(crate) fn load_plan_sharing(
    table: Box<dyn Table + Send + Sync>,
    options: PlanOptions,
    diagnostics: &mut Diagnostics,
    handover: &Handover,
) -> Result<Plan, Diagnostic> {
    load(Held::Owned(table), options, diagnostics, |reading| {
        let reading = Arc::new(reading);
        handover.offer(reading.clone());
        let more = crate::threads::threads().saturating_sub(2).min(reading.pieces.saturating_sub(2));
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (0..more).map(|_| scope.spawn(|| reading.share())).collect();
            reading.share();
            for helper in helpers {
                helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            }
        });
        let merged = reading.finished();
        // Every piece is read: the offer lets the reading go now, so the
        // text is freed before the table of codes and the parents are made
        // rather than when the actuals' thread is joined.
        handover.close();
        merged
    })
}

/// The table being read: borrowed, or owned so that another thread may read
/// its pieces for as long as it needs.
enum Held<'t> {
    Borrowed(&'t (dyn Table + Sync)),
    Owned(Box<dyn Table + Send + Sync>),
}

impl Held<'_> {
    fn table(&self) -> &(dyn Table + Sync) {
        match self {
            Held::Borrowed(table) => *table,
            Held::Owned(table) => table.as_ref(),
        }
    }
}

fn load<'t>(
    held: Held<'t>,
    options: PlanOptions,
    diagnostics: &mut Diagnostics,
    read_rows: impl FnOnce(RowsReading<'t>) -> Merged,
) -> Result<Plan, Diagnostic> {
    let sheet = held.table();
    let columns = Columns::resolve(sheet.header())?;
    let value_columns = columns.value_columns();
    let format = sheet.number_format(&value_columns, options.number_format);
    diagnostics.extend(sheet.header().header_problems(ROLES, YEAR_ROLES));
    diagnostics.extend(sheet.diagnostics().iter().cloned());
    let source = sheet.source().to_string();
    let pieces = sheet.pieces();
    let merged = Merged::new(sheet.len(), pieces);
    let hasher = FastHash::default();
    let reading = RowsReading {
        hasher: hasher.clone(),
        held,
        columns,
        value_columns,
        format,
        pieces,
        collector: diagnostics.empty_like(),
        next: AtomicUsize::new(0),
        merged: Mutex::new(merged),
        merging: Condvar::new(),
    };
    let Merged {
        mut nodes,
        diagnostics: from_rows,
        first_ambiguous,
        mut flawed,
        mut left_out,
        parent_codes,
        hashes,
        thresholds,
        ..
    } = read_rows(reading);
    let source = source.as_str();
    let rows_from = diagnostics.len();
    diagnostics.extend(from_rows);

    let (by_code, duplicates) = Codes::of(&nodes, hasher, hashes);
    let duplicated = duplicates.into_iter().map(|(node, first)| {
        // Which of the two the actuals mean cannot be told: leave its values unchecked.
        flawed.insert(node);
        let (code, line) = (nodes[node].code(), nodes[node].line());
        Diagnostic::error(source, line, format!("the code `{code}` is already used on line {}", nodes[first].line()))
            .with_hint("every node needs its own code; rename one of the two")
    });
    // Each at its row, after that row's own problems, as if found as it was read.
    let duplicated: Vec<Diagnostic> = duplicated.collect();
    diagnostics.merge_by_line(rows_from, duplicated);

    let (children, child_starts) = link_parents(source, &mut nodes, &by_code, &left_out, &parent_codes, diagnostics);
    // Each piece's nodes were checked as it was read.
    diagnostics.extend(thresholds);

    if let Some((line, text)) = first_ambiguous {
        diagnostics.push(Diagnostic::warning(source, line, ambiguity_warning(&text, format)));
    }

    let roots = (0..nodes.len()).filter(|&i| nodes[i].parent().is_none()).collect();
    // A code that another row gives a node is that node's.
    left_out.retain(|code| !code.is_empty() && !by_code.contains(&nodes, code));
    Ok(Plan { source: source.to_string(), nodes, roots, children, child_starts, codes: by_code, flawed, left_out })
}

/// The rows of a table read piece by piece, on every thread that joins in:
/// each takes the next piece, reads it into nodes of its own with remembered
/// texts of its own, and hands it to [`Merged`], which appends the pieces in
/// order.
struct RowsReading<'t> {
    /// What the table of codes hashes them with.
    hasher: FastHash,
    held: Held<'t>,
    columns: Columns,
    value_columns: Vec<usize>,
    format: NumberFormat,
    pieces: usize,
    /// An empty collector that reads as the caller's does.
    collector: Diagnostics,
    /// The next piece to take.
    next: AtomicUsize,
    merged: Mutex<Merged>,
    /// Told when a piece is merged, or when a thread failed.
    merging: Condvar,
}

impl Shared for RowsReading<'static> {
    fn share(&self) {
        RowsReading::share(self);
    }
}

impl RowsReading<'_> {
    fn lock(&self) -> MutexGuard<'_, Merged> {
        self.merged.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads pieces until none is left to take.
    fn share(&self) {
        // A thread that panics tells the others, who would wait for its piece.
        struct Failing<'r, 't>(&'r RowsReading<'t>);
        impl Drop for Failing<'_, '_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.lock().failed = true;
                    self.0.merging.notify_all();
                }
            }
        }
        let _failing = Failing(self);
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            if index >= self.pieces {
                return;
            }
            let nodes = self.lock().spare.pop().unwrap_or_default();
            let piece = self.piece(index, nodes);
            let mut merged = self.lock();
            merged.arrive(index, piece);
            self.merging.notify_all();
        }
    }

    /// What the pieces made, once every one is merged.
    fn finished(&self) -> Merged {
        let mut merged = self.lock();
        while merged.next < self.pieces {
            assert!(!merged.failed, "a thread reading the plan's rows failed");
            merged = self.merging.wait(merged).unwrap_or_else(PoisonError::into_inner);
        }
        std::mem::take(&mut *merged)
    }

    /// Reads piece `index` into `nodes` (empty, kept from an earlier piece).
    fn piece(&self, index: usize, mut nodes: Vec<Node>) -> Piece {
        let table = self.held.table();
        let columns = &self.columns;
        let mut diagnostics = self.collector.empty_like();
        let mut cells = CellReader {
            source: table.source(),
            format: self.format,
            first_ambiguous: None,
            ambiguities: 0,
            diagnostics: &mut diagnostics,
            formulas: Remembered::default(),
            parsed: Vec::new(),
            targets: Vec::new(),
            values: Remembered::default(),
            dates: Vec::new(),
            target_lists: TargetLists::default(),
            labels: LabelWriter::default(),
            definitions: Definitions::default(),
        };
        if self.pieces == 1 {
            nodes.reserve_exact(table.len());
        } else {
            nodes.reserve(table.len().div_ceil(self.pieces));
        }
        // Only the rows that name a parent: most plans name none, and a list with
        // room for every row would cost 24 bytes a row while the file is held.
        let mut parent_codes: Vec<(usize, String)> = Vec::new();
        let mut flawed = Vec::new();
        let mut left_out = Vec::new();
        let piece = table.piece(index, self.format, &self.value_columns);
        let mut rows = piece.rows();
        while let Some(row) = rows.next_row() {
            let row = &row;
            let before = cells.diagnostics.errors();
            let Some(node) = read_node(row, columns, &mut cells) else {
                left_out.push(row.cell(Some(columns.code)).to_string());
                continue;
            };
            if cells.diagnostics.errors() > before {
                flawed.push(nodes.len());
            }
            let parent = row.cell(columns.parent);
            if !parent.is_empty() {
                parent_codes.push((nodes.len(), parent.to_string()));
            }
            nodes.push(node);
        }
        // The piece's text is let go as soon as it is read.
        drop(rows);
        drop(piece);
        // The piece's codes and names, one text for its nodes, can be read from here on.
        cells.labels.finish();
        let hashes: Vec<u64> = nodes.iter().map(|node| self.hasher.hash_one(node.code())).collect();
        let CellReader { first_ambiguous, parsed, target_lists, .. } = cells;
        let mut thresholds = self.collector.empty_like();
        check_thresholds(table.source(), &nodes, &mut thresholds);
        Piece {
            nodes,
            diagnostics,
            first_ambiguous,
            flawed,
            left_out,
            parent_codes,
            hashes,
            thresholds,
            formulas: parsed,
            target_lists,
        }
    }
}

/// What one piece's rows made, its nodes numbered from the piece's first.
struct Piece {
    nodes: Vec<Node>,
    diagnostics: Diagnostics,
    first_ambiguous: Option<(usize, String)>,
    flawed: Vec<usize>,
    left_out: Vec<String>,
    parent_codes: Vec<(usize, String)>,
    /// Each node's code hashed for the table of codes.
    hashes: Vec<u64>,
    /// The soglie that do not fit their targets, which come after the parents' problems.
    thresholds: Diagnostics,
    /// The formulas the piece parsed and remembered, in the order it met them.
    formulas: Vec<Arc<Formula>>,
    target_lists: TargetLists,
}

/// The pieces merged so far, in order, as if one reader had read their rows
/// one after the other: the nodes in one list reserved once, the messages in
/// row order, the first ambiguous number the first piece's that has one,
/// and one copy of each formula and list of targets for every node that has
/// it.
#[derive(Default)]
struct Merged {
    nodes: Vec<Node>,
    /// The rows of the table, to reserve the nodes once.
    rows: usize,
    /// The table is one piece, read straight into a list of its size.
    one_piece: bool,
    diagnostics: Diagnostics,
    first_ambiguous: Option<(usize, String)>,
    flawed: HashSet<usize>,
    left_out: HashSet<String>,
    parent_codes: Vec<(usize, String)>,
    hashes: Vec<u64>,
    thresholds: Diagnostics,
    formulas: Remembered<Arc<Formula>>,
    target_lists: TargetLists,
    /// The next piece to merge, and those read before their turn.
    next: usize,
    waiting: Vec<(usize, Piece)>,
    /// Lists of nodes already merged, emptied, for the next pieces to fill.
    spare: Vec<Vec<Node>>,
    /// A thread reading a piece panicked.
    failed: bool,
}

impl Merged {
    fn new(rows: usize, pieces: usize) -> Merged {
        Merged { rows, one_piece: pieces == 1, waiting: Vec::with_capacity(pieces.min(8)), ..Merged::default() }
    }

    /// Piece `index` is read: merges it, and any read after it that it held up.
    fn arrive(&mut self, index: usize, piece: Piece) {
        self.waiting.push((index, piece));
        while let Some(at) = self.waiting.iter().position(|(i, _)| *i == self.next) {
            let (_, piece) = self.waiting.swap_remove(at);
            self.append(piece);
            self.next += 1;
        }
    }

    fn append(&mut self, piece: Piece) {
        let Piece {
            mut nodes,
            diagnostics,
            first_ambiguous,
            flawed,
            left_out,
            parent_codes,
            hashes,
            thresholds,
            formulas,
            target_lists,
        } = piece;
        let mut formulas_kept: HashMap<usize, Arc<Formula>, FastHash> = HashMap::default();
        for formula in formulas {
            match self.formulas.get(&formula.source) {
                Some(kept) => {
                    formulas_kept.insert(Arc::as_ptr(&formula) as usize, kept.clone());
                }
                None => {
                    let text = formula.clone();
                    self.formulas.keep(&text.source, formula);
                }
            }
        }
        let lists_kept = self.target_lists.adopt(target_lists);
        if !formulas_kept.is_empty() || !lists_kept.is_empty() {
            // Each of the piece's definitions is made again once, for all its nodes, with
            // the copies kept; the old one is held until the end, so no address is reused.
            let mut redefined: HashMap<usize, Redefined, FastHash> = HashMap::default();
            for node in &mut nodes {
                let (_, new) = redefined.entry(Arc::as_ptr(&node.definition) as usize).or_insert_with(|| {
                    let old = node.definition.clone();
                    let formula = old.formula.as_ref().and_then(|f| formulas_kept.get(&(Arc::as_ptr(f) as usize)));
                    let list = old.target_by_year.as_ref().and_then(|l| lists_kept.get(&(Arc::as_ptr(l) as usize)));
                    if formula.is_none() && list.is_none() {
                        return (old, None);
                    }
                    let mut definition = Definition::clone(&old);
                    if let Some(kept) = formula {
                        definition.formula = Some(kept.clone());
                    }
                    if let Some(kept) = list {
                        definition.target_by_year = Some(kept.clone());
                    }
                    (old, Some(Arc::new(definition)))
                });
                if let Some(new) = new {
                    node.definition = new.clone();
                }
            }
        }
        let offset = self.nodes.len();
        if self.one_piece {
            // Read into a list of the table's size: it is the plan's.
            self.nodes = nodes;
        } else {
            if self.nodes.capacity() == 0 {
                self.nodes.reserve_exact(self.rows);
            }
            self.nodes.append(&mut nodes);
            self.spare.push(nodes);
        }
        if self.hashes.capacity() == 0 {
            self.hashes.reserve_exact(self.rows);
        }
        self.hashes.extend(hashes);
        self.diagnostics.extend(diagnostics);
        self.thresholds.extend(thresholds);
        if self.first_ambiguous.is_none() {
            self.first_ambiguous = first_ambiguous;
        }
        self.flawed.extend(flawed.into_iter().map(|node| node + offset));
        self.left_out.extend(left_out);
        self.parent_codes.extend(parent_codes.into_iter().map(|(node, code)| (node + offset, code)));
    }
}

/// A piece's definition, held, and the one made again with the copies an
/// earlier piece kept (`None` when it keeps its own).
type Redefined = (Arc<Definition>, Option<Arc<Definition>>);

/// Reads one row; `None` when its level or code cannot be read, which leaves
/// no node to place. Every problem goes to `cells`.
fn read_node(row: &RowRef, columns: &Columns, cells: &mut CellReader) -> Option<Node> {
    let code = row.cell(Some(columns.code));
    let name = row.cell(columns.name);
    if let Some(definition) = cells.definitions.find(row, &columns.definition) {
        // A row without a code is read again for its messages.
        if !code.is_empty() {
            return Some(Node::new(definition.clone(), code, name, row.line, &mut cells.labels));
        }
    }
    let (messages, ambiguities) = (cells.diagnostics.len(), cells.ambiguities);
    let level_text = row.cell(Some(columns.level));
    let level = Level::parse(level_text);
    if level.is_none() {
        let problem = cells.error(row, format!("unknown level `{level_text}`"));
        cells.report(problem.with_hint(
            "use ambito, strategic (obiettivo strategico), operational (obiettivo operativo) or indicator (indicatore)",
        ));
    }
    if code.is_empty() {
        let problem = cells.error(row, "the code is empty".into());
        cells.report(problem.with_hint("every node needs a unique code, such as OS01.1 or EC05.1"));
    }
    let text = |c: Option<usize>| {
        let t = row.cell(c);
        (!t.is_empty()).then(|| t.to_string())
    };

    let weight = cells.weight(row, row.cell(columns.weight), "weight");
    let mut weight_in_percent = weight.is_some_and(|(_, percent)| percent);
    let mut weight_by_year = Years::new();
    for c in &columns.weight_by_year {
        if let Some((w, percent)) = cells.weight(row, row.cell(Some(c.index)), &c.label) {
            weight_by_year.insert(c.year, w);
            weight_in_percent |= percent;
        }
    }

    let source = row.cell(columns.formula);
    let mut formula = match (!source.is_empty()).then_some(source) {
        Some(source) => match cells.formula(source) {
            Ok(formula) => Some(formula),
            Err(e) => {
                let problem = cells
                    .error(row, format!("formula of {code}, column {}: {}", e.column, e.message))
                    .at_column(source, e.column)
                    .with_hint(
                        "quantities go in [brackets], numbers use `.` as the decimal point, with + - * / ( ) and min, max, abs",
                    );
                cells.report(problem);
                None
            }
        },
        None => None,
    };

    let mut unit = Unit::parse(row.cell(columns.unit));
    let scale = cells.scale(row, row.cell(columns.scale));
    let general_threshold = row.cell(columns.threshold);
    let mut threshold = None;
    let mut yearless_threshold = false;
    match cells.threshold(row, general_threshold, "threshold", None) {
        Ok(v) => threshold = v,
        Err(()) => yearless_threshold = true,
    }
    let mut threshold_by_year = Years::new();
    for c in &columns.threshold_by_year {
        if let Ok(Some(v)) = cells.threshold(row, row.cell(Some(c.index)), &c.label, Some(c.year)) {
            threshold_by_year.insert(c.year, v);
        }
    }
    let mut baseline_by_year = Years::new();
    for c in &columns.baseline_by_year {
        if let Some(v) = cells.value(row, row.cell(Some(c.index)), &c.label) {
            baseline_by_year.insert(c.year, v);
        }
    }
    let mut target_by_year = read_targets(row, columns, cells, &mut unit);
    if yearless_threshold {
        // `31/12` in the general soglia: each target year's own 31/12.
        for &year in target_by_year.keys() {
            if let (false, DateReading::Date(d)) =
                (threshold_by_year.contains_key(&year), parse_date_in_words(general_threshold, Some(year)))
            {
                threshold_by_year.insert(year, Value::Date(d));
            }
        }
    }
    let level = level?;
    if code.is_empty() {
        return None;
    }
    if level != Level::Indicator && (formula.is_some() || !target_by_year.is_empty()) {
        let problem = cells.error(
            row,
            format!(
                "{code} is a{} {} but has a formula or a target",
                if level == Level::Area { "n" } else { "" },
                level.name()
            ),
        );
        cells.report(problem.with_hint(
            "only indicators are measured: make the row an indicator, or move the formula and targets to one",
        ));
        formula = None;
        target_by_year.clear();
    }

    let definition = Definition::new(DefinitionParts {
        level,
        weight: weight.map(|(w, _)| w),
        weight_in_percent,
        formula,
        unit,
        threshold,
        target_by_year: cells.target_lists.share(target_by_year),
        rare: Rare {
            weight_by_year,
            threshold_by_year,
            baseline_by_year,
            algorithm: text(columns.algorithm).map(String::into_boxed_str),
            scale: scale.map(Box::new),
        },
    });
    // Only a row read without a message is given to the rows that repeat it.
    if cells.diagnostics.len() == messages && cells.ambiguities == ambiguities {
        cells.definitions.keep(&definition);
    }
    Some(Node::new(definition, code, name, row.line, &mut cells.labels))
}

/// The row's targets by year. A cell may give several years (`Anno 2024:
/// >= 90% Anno 2025: >= 95%`): its own column's year and later ones whose
/// own cells are empty; anything else is reported naming both cells. The
/// unit of the first target fills in an empty `unit`.
fn read_targets(row: &RowRef, columns: &Columns, cells: &mut CellReader, unit: &mut Option<Unit>) -> Years<Target> {
    let mut targets = Years::new();
    // Which column gave each year's target: (year, the column's year).
    let mut given_in: Vec<(i32, i32)> = Vec::new();
    for own in &columns.target_by_year {
        let (column_year, text, column) = (own.year, row.cell(Some(own.index)), &own.label);
        let split = split_years(text);
        let whole = split.is_none().then_some((column_year, text));
        for (year, part) in split.iter().flatten().map(|(year, part)| (*year, part.as_str())).chain(whole) {
            if is_nothing(part) {
                continue;
            }
            let given = given_in.iter().find(|(y, _)| *y == year).map(|(_, c)| *c);
            let clash = if year < column_year {
                Some(format!(
                    "{column} gives a target for {year}, an earlier year: a cell may give only its own year's target and later years'; write {year}'s in target_{year}"
                ))
            } else if given == Some(column_year) {
                Some(format!("{column} gives a target for {year} twice: keep one of the two"))
            } else if let Some(earlier) = given {
                Some(format!("{column} gives a target for {year}, and so does target_{earlier}: keep one of the two"))
            } else {
                columns
                    .target_by_year
                    .iter()
                    .map(|c| (c.year, row.cell(Some(c.index))))
                    .find(|(y, t)| *y == year && year != column_year && !is_nothing(t))
                    .map(|(_, other)| format!(
                        "{column} gives a target for {year}, but target_{year} holds one too (`{other}`): keep one of the two"
                    ))
            };
            if let Some(message) = clash {
                let problem = cells.error(row, message);
                cells.report(problem.with_hint(
                    "a cell such as `Anno 2024: >= 90% Anno 2025: >= 95%` may stand only in the column of its first year, with the later years' cells left empty",
                ));
                continue;
            }
            let label: Cow<str> =
                if year == column_year { column.into() } else { format!("{column} (for {year})").into() };
            if let Some((target, target_unit)) = cells.target(row, part, &label, year) {
                if unit.is_none() {
                    *unit = target_unit;
                }
                given_in.push((year, column_year));
                targets.insert(year, target);
            }
        }
    }
    targets
}

/// Links every node to its parent: the `parent` column where given, else the
/// nearest earlier row of a higher level. Linear in the number of rows. A
/// parent that cannot be used is reported, and the document order decides;
/// a parent whose own row was `left_out` is reported there, not again here.
/// Gives every node's children in one list and where each node's start
/// ([`Plan::children`]).
fn link_parents(
    source: &str,
    nodes: &mut [Node],
    by_code: &Codes,
    left_out: &HashSet<String>,
    parent_codes: &[(usize, String)],
    problems: &mut Diagnostics,
) -> (Vec<usize>, Vec<u32>) {
    let mut named = parent_codes.iter().peekable();
    // The latest row seen of each level, for the document-order rule.
    let mut latest: [Option<usize>; 4] = [None; 4];
    // Suggestions compare a code with every code of the plan: only the first
    // few unknown parents get one, so a plan full of them stays linear.
    let mut suggestions_left = SUGGESTIONS;
    // How many children each node has, to give each its place in the list.
    let mut counts: Vec<u32> = vec![0; nodes.len()];
    for i in 0..nodes.len() {
        let level = nodes[i].level;
        let by_order = latest[..level as usize].iter().flatten().max().copied();
        let code = named.next_if(|(row, _)| *row == i).map(|(_, code)| code);
        let parent = match code {
            Some(code) => match by_code.get(nodes, code) {
                None if left_out.contains(code) => by_order,
                None => {
                    problems.push(
                        Diagnostic::error(
                            source,
                            nodes[i].line(),
                            format!("the parent `{code}` of {} is not a code in this plan", nodes[i].code()),
                        )
                        .with_hint(suggest_code(code, nodes, &mut suggestions_left)),
                    );
                    by_order
                }
                Some(p) if !nodes[p].level.is_above(level) => {
                    problems.push(
                        Diagnostic::error(
                            source,
                            nodes[i].line(),
                            format!(
                                "{} ({}) cannot hang under {} ({})",
                                nodes[i].code(),
                                level.name(),
                                nodes[p].code(),
                                nodes[p].level.name()
                            ),
                        )
                        .with_hint("a parent must be of a higher level: ambito > strategic > operational > indicator"),
                    );
                    by_order
                }
                Some(p) => Some(p),
            },
            None => by_order,
        };
        if let Some(p) = parent {
            counts[p] += 1;
        }
        nodes[i].set_parent(parent);
        latest[level as usize] = Some(i);
    }
    // Where each node's children end in the one list, which is then filled
    // from the end with the children taken last to first: each node's come
    // in file order, and where they end becomes where they start.
    let mut starts = counts;
    let mut total: u32 = 0;
    for n in &mut starts {
        total += *n;
        *n = total;
    }
    starts.push(total);
    let mut children = vec![0; total as usize];
    for i in (0..nodes.len()).rev() {
        if let Some(p) = nodes[i].parent() {
            starts[p] -= 1;
            children[starts[p] as usize] = i;
        }
    }
    (children, starts)
}

/// How many unknown parents get a "did you mean" in one reading.
const SUGGESTIONS: usize = 50;

/// The hint for a code that is not in the plan: the closest one, if any is
/// close and suggestions are `left`.
fn suggest_code(code: &str, nodes: &[Node], left: &mut usize) -> String {
    let near = if *left > 0 {
        *left -= 1;
        // Edit distance is at least the difference in length: skip codes too long or short to be close.
        let length = code.chars().count();
        let reach = length.div_ceil(3).max(1);
        closest(code, nodes.iter().map(Node::code).filter(|c| c.chars().count().abs_diff(length) <= reach))
    } else {
        None
    };
    match near {
        Some(near) => format!("did you mean `{near}`?"),
        None => "give the code of a row of this plan, or leave the parent empty to use the document order".into(),
    }
}

/// A soglia must be of the same kind as the target it qualifies: one
/// problem per row, naming the years.
fn check_thresholds(source: &str, nodes: &[Node], problems: &mut Diagnostics) {
    for node in nodes {
        let mut misfits: Vec<(i32, &'static str, &'static str)> = Vec::new();
        let ranged: Vec<String> = node
            .target_by_year()
            .iter()
            .filter(|(year, target)| matches!(target, Target::Range { .. }) && node.threshold_in(**year).is_some())
            .map(|(year, _)| year.to_string())
            .collect();
        if !ranged.is_empty() {
            problems.push(
                Diagnostic::error(
                    source,
                    node.line(),
                    format!("{} has a range target for {} and a soglia: a range takes no soglia", node.code(), ranged.join(", ")),
                )
                .with_hint("a range is scored as >= its lower bound below it and as <= its upper one above it: remove the soglia, or write the target as >= or <="),
            );
            continue;
        }
        for (year, target) in node.target_by_year() {
            let Some(threshold) = node.threshold_in(*year) else { continue };
            let fits = matches!(
                (target, threshold),
                (Target::Number { .. }, Value::Number(_))
                    | (Target::Deadline(_), Value::Date(_))
                    | (Target::Boolean(_), _)
            );
            if !fits {
                misfits.push((*year, threshold.kind(), target.value_kind()));
            }
        }
        let Some(&(_, threshold_kind, target_kind)) = misfits.first() else { continue };
        let years: Vec<String> = misfits.iter().map(|(y, _, _)| y.to_string()).collect();
        problems.push(
            Diagnostic::error(
                source,
                node.line(),
                format!(
                    "the soglia of {} for {} is a {threshold_kind} but its target needs a {target_kind}",
                    node.code(),
                    years.join(", ")
                ),
            )
            .with_hint("a soglia is a value of the target's kind: a number for a number, a date for a deadline"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::sheet::Sheet;
    use crate::files::text_table::TextTable;
    use crate::unit::Unit;

    /// Reads as `kpi eval` does: the first error stops it.
    fn load(text: &str) -> Result<Plan, Diagnostic> {
        let mut diagnostics = Diagnostics::default();
        let plan = load_plan(&Sheet::parse("plan.csv", text).unwrap(), PlanOptions::default(), &mut diagnostics)?;
        diagnostics.no_error()?;
        Ok(plan)
    }

    /// A plan with a mistake of every kind the pieces must merge as one
    /// reader would: codes used again in a later piece, parents in an earlier
    /// piece, a parent left out, an unknown parent, ambiguous numbers in later
    /// rows, repeated formulas and targets, a quoted name over two lines and a
    /// blank line, soglie that do not fit their targets.
    const PIECES_PLAN: &str = "livello;codice;nome;peso;padre;formula;target_2024;target_2025;baseline_2023;soglia\n\
        ambito;A1;Uno;60;;;;;\n\
        strategic;OS1;S;1;A1;;;;\n\
        indicator;K1;I;1;;[a] / [b];>= 90%;>= 95%;\n\
        indicator;K2;\"Nome\nlungo\";1;;[a] / [b];>= 90%;>= 95%;\n\
        something;X1;bad level;1;;;;;\n\
        \n\
        indicator;K3;I;x;;[a] +;>= 1;;\n\
        operational;OO1;O;1;OS1;;;;\n\
        indicator;K1;dup;1;OO1;[a] / [b];>= 90%;>= 95%;\n\
        indicator;K4;I;1;X1;[c];>= 2;;;31-03-2024\n\
        indicator;K5;I;1;A1;[c];tra 1 e 3;;;1\n\
        indicator;K6;I;1;ZZ;[a] / [b];;;\n\
        indicator;K7;I;1;;[a] / [b];>= 1.336;;\n\
        ambito;A2;Due;40;;;;;\n\
        indicator;K8;I;1;K1;[a];>= 2;;\n\
        indicator;;noname;1;;;;;\n\
        indicator;K9;I;1;;[a] / [b];>= 2.000;;1.500\n\
        indicator;K2;dup2;1;;[c];>= 2;;;5\n\
        indicator;K10;I;1;OS1;[a] / [b];>= 90%;>= 95%;\n";

    /// The nodes, roots, flawed nodes and codes left out (sorted) and messages of a reading.
    type Reading = (Vec<Node>, Vec<usize>, Vec<usize>, Vec<String>, Vec<String>);

    /// Everything a reading gives, in a form two readings compare by.
    fn reading(plan: &Plan, diagnostics: &Diagnostics) -> Reading {
        let mut flawed: Vec<usize> = plan.flawed.iter().copied().collect();
        flawed.sort_unstable();
        let mut left_out: Vec<String> = plan.left_out.iter().cloned().collect();
        left_out.sort_unstable();
        let messages = diagnostics.iter().map(|d| format!("{d:?}")).collect();
        (plan.nodes.clone(), plan.roots.clone(), flawed, left_out, messages)
    }

    #[test]
    fn a_plan_read_in_pieces_on_any_threads_is_the_plan_read_whole() {
        let sheet = Sheet::parse("plan.csv", PIECES_PLAN).unwrap();
        let mut whole = Diagnostics::reading_on();
        let plan = load_plan_on(&sheet, PlanOptions::default(), &mut whole, 1).unwrap();
        let expected = reading(&plan, &whole);
        // What the whole reading finds: its lines and how many there are, so that a
        // reading that lost or moved one cannot agree by chance.
        let lines: Vec<Option<usize>> = whole.iter().map(|d| d.line).collect();
        assert_eq!(
            lines,
            // The unknown level; the weight and formula of K3; the codes K1 and K2 used again
            // (each after its row's own problems); the empty code; the parents; the soglie of K4
            // and K5; the first ambiguous number, K7's (K9's later ones are not told).
            [Some(7), Some(9), Some(9), Some(11), Some(18), Some(20), Some(14), Some(17), Some(12), Some(13), Some(15)],
            "{:#?}",
            expected.4
        );
        // 18 rows, X1 and the empty code left out.
        assert_eq!(plan.nodes.len(), 16);
        assert_eq!(plan.find("K1"), Some(2));
        for piece_rows in [1, 2, 3, 5, 7, 100] {
            for threads in [1, 2, 3, 7] {
                let table = TextTable::parse_in_pieces("plan.csv", PIECES_PLAN.to_string(), piece_rows).unwrap();
                assert_eq!(table.pieces(), 18usize.div_ceil(piece_rows), "{piece_rows}");
                let mut diagnostics = Diagnostics::reading_on();
                let read = load_plan_on(&table, PlanOptions::default(), &mut diagnostics, threads).unwrap();
                let got = reading(&read, &diagnostics);
                assert_eq!(got, expected, "pieces of {piece_rows} rows on {threads} threads");
                for code in ["A1", "K1", "K2", "K10", "X1", ""] {
                    assert_eq!(read.find(code), plan.find(code), "{code}");
                }
                // Every node with the same formula text, or the same targets, shares one copy.
                for (a, b) in read
                    .nodes
                    .iter()
                    .zip(read.nodes.iter().skip(1))
                    .chain(read.nodes.iter().map(|n| (n, &read.nodes[2])))
                {
                    if let (Some(fa), Some(fb)) = (&a.formula, &b.formula) {
                        assert_eq!(Arc::ptr_eq(fa, fb), fa.source == fb.source, "{} {}", a.code(), b.code());
                    }
                    if let (Some(ta), Some(tb)) = (&a.target_by_year, &b.target_by_year) {
                        assert_eq!(Arc::ptr_eq(ta, tb), ta == tb, "{} {}", a.code(), b.code());
                    }
                }
            }
        }
    }

    #[test]
    fn a_plan_s_pieces_offered_to_a_thread_busy_elsewhere_make_the_same_plan() {
        let sheet = Sheet::parse("plan.csv", PIECES_PLAN).unwrap();
        let mut whole = Diagnostics::default();
        let expected = reading(&load_plan_on(&sheet, PlanOptions::default(), &mut whole, 1).unwrap(), &whole);
        // The helper comes before the offer, after it, or once the plan is read.
        for helper_waits in [0, 1, 2] {
            let table = TextTable::parse_in_pieces("plan.csv", PIECES_PLAN.to_string(), 2).unwrap();
            let handover = Handover::default();
            let mut diagnostics = Diagnostics::default();
            let plan = std::thread::scope(|scope| {
                let helper = scope.spawn(|| {
                    if helper_waits == 1 {
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                    if helper_waits < 2 {
                        handover.help();
                    }
                });
                let plan = {
                    let _closing = handover.closing();
                    load_plan_sharing(Box::new(table), PlanOptions::default(), &mut diagnostics, &handover).unwrap()
                };
                if helper_waits == 2 {
                    handover.help();
                }
                helper.join().unwrap();
                plan
            });
            assert_eq!(reading(&plan, &diagnostics), expected, "{helper_waits}");
        }
    }

    #[test]
    fn document_order_gives_parents_and_levels_may_be_skipped() {
        let plan = load(
            "level,code,name,weight\nambito,A1,Uno,60\nstrategic,OS1,S,1\nindicator,K1,I,1\noperational,OO1,O,1\nindicator,K2,I,1\nambito,A2,Due,40\nindicator,K3,I,1\n",
        )
        .unwrap();
        let parent =
            |code: &str| plan.nodes[plan.find(code).unwrap()].parent().map(|p| plan.nodes[p].code().to_string());
        assert_eq!(parent("A1"), None);
        assert_eq!(parent("K1").as_deref(), Some("OS1"));
        assert_eq!(parent("OO1").as_deref(), Some("OS1"));
        assert_eq!(parent("K2").as_deref(), Some("OO1"));
        assert_eq!(parent("K3").as_deref(), Some("A2"));
        assert_eq!(plan.roots.len(), 2);
    }

    #[test]
    fn italian_aliases_and_weights() {
        let plan = load("livello;codice;nome;peso;peso_2025\nambito;A1;Uno;20,00 %;30\n").unwrap();
        let a1 = &plan.nodes[0];
        assert_eq!(a1.weight(), Some(Decimal::from(20)));
        assert_eq!(a1.weight_in(2025), Some(Decimal::from(30)));
        assert_eq!(a1.weight_in(2024), Some(Decimal::from(20)));
    }

    #[test]
    fn mistakes_name_the_line() {
        let err = load("level,code\nambito,A1\nsomething,A2\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("unknown level `something`"));
        let err = load("level,code\nambito,A1\nambito,A1\n").unwrap_err();
        assert_eq!((err.line, err.message.contains("line 2")), (Some(3), true));
        let err = load("level,code,target_2024\nindicator,K1,>= 1.2.3\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = load("level,code,formula\nindicator,K1,[a] + * [b]\n").unwrap_err();
        assert_eq!(err.refusal().to_string(), "kpi: plan.csv:2:7: formula of K1, column 7: expected a number, a [quantity] or `(`, found `*`\n    [a] + * [b]\n          ^\n    hint: quantities go in [brackets], numbers use `.` as the decimal point, with + - * / ( ) and min, max, abs");
    }

    #[test]
    fn collecting_reports_every_row_and_keeps_the_rest() {
        let sheet = Sheet::parse(
            "plan.csv",
            "level,code,weight,formula,target_2024\nambito,A1,50%,,\nsomething,A2,50%,,\nindicator,K1,1,[a] +,>= 1\nindicator,K1,x,,>= 1.2.3\nindicator,K2,1,[b],>= 2\n",
        )
        .unwrap();
        let mut diagnostics = Diagnostics::reading_on();
        let plan = load_plan(&sheet, PlanOptions::default(), &mut diagnostics).unwrap();
        let problems: Vec<&Diagnostic> = diagnostics.iter().collect();
        let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
        // unknown level, formula syntax, weight, target, duplicate code
        assert_eq!(lines, vec![Some(3), Some(4), Some(5), Some(5), Some(5)]);
        assert!(problems.iter().all(|p| p.is_error()));
        assert!(problems[4].message.contains("already used on line 4"));
        let codes: Vec<&str> = plan.nodes.iter().map(|n| n.code()).collect();
        assert_eq!(codes, vec!["A1", "K1", "K1", "K2"]);
        assert!(plan.nodes[0].weight_in_percent);
        assert!(!plan.nodes[3].weight_in_percent);
        assert_eq!(plan.flawed, HashSet::from([1, 2]));
        // the duplicate is left unchecked too
        assert!(plan.nodes[2].code() == "K1");
        // eval stops at the first
        assert_eq!(diagnostics.no_error().unwrap_err().line, Some(3));
    }

    #[test]
    fn a_code_used_again_is_reported_at_its_row_after_the_row_s_own_problems() {
        let got = problems(
            "level,code,weight\nindicator,K1,1\nindicator,K2,x\nindicator,K1,y\nindicator,K2,1\nindicator,K1,1\nindicator,K3,1\n",
        );
        // The weight of line 4 before its code; K1 of lines 4 and 6 both name line 2, the first K1.
        assert_eq!(
            got,
            [
                "3: weight: `x` is not a number, a date, a yes/no or N/D",
                "4: weight: `y` is not a number, a date, a yes/no or N/D",
                "4: the code `K1` is already used on line 2",
                "5: the code `K2` is already used on line 3",
                "6: the code `K1` is already used on line 2",
            ]
        );
    }

    #[test]
    fn a_row_left_out_is_remembered_and_its_children_are_not_reported_again() {
        let sheet = Sheet::parse(
            "plan.csv",
            "level,code,parent\nambito,A1,\nobiettivo,OS1,A1\nindicator,K1,OS1\nnone,A1,\nnone,,\n",
        )
        .unwrap();
        let mut diagnostics = Diagnostics::reading_on();
        let plan = load_plan(&sheet, PlanOptions::default(), &mut diagnostics).unwrap();
        // the two unknown levels and the empty code, not the parent `OS1` of K1
        let lines: Vec<Option<usize>> = diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![Some(3), Some(5), Some(6), Some(6)]);
        // A1 is a node's code, so only OS1 was left out
        assert_eq!(plan.left_out, HashSet::from(["OS1".to_string()]));
    }

    /// Rows that repeat a definition share its reading; a row with a mistake
    /// is never remembered, so each row that repeats it is reported, and a
    /// repeated definition without a code is still reported as such.
    #[test]
    fn a_repeated_definition_is_read_once_and_its_mistakes_at_every_row() {
        let text = "level,code,name,weight,formula,threshold,target_2024\n\
            indicator,K1,Uno,1,[a],30/04,entro il 31/12\n\
            indicator,K2,Due,1,[a],30/04,entro il 31/12\n\
            indicator,,Tre,1,[a],30/04,entro il 31/12\n\
            indicator,K3,Tre,x,[a],30/04,entro il 31/12\n\
            indicator,K4,Quattro,x,[a],30/04,entro il 31/12\n\
            indicator,K5,Cinque,1,[a],30/04,entro il 31/12\n";
        assert_eq!(
            problems(text),
            [
                "4: the code is empty",
                "5: weight: `x` is not a number, a date, a yes/no or N/D",
                "6: weight: `x` is not a number, a date, a yes/no or N/D",
            ]
        );
        let plan = load(&text.replace(",x,", ",2,").replace(",,Tre", ",K0,Tre")).unwrap();
        let (k1, k5) = (&plan.nodes[0], &plan.nodes[5]);
        assert_eq!((k5.code(), k5.name(), k5.line()), ("K5", "Cinque", 7));
        // The yearless soglia takes the target's year: 30 April 2024.
        let day = Value::Date(chrono::NaiveDate::from_ymd_opt(2024, 4, 30).unwrap());
        assert_eq!(k5.threshold_in(2024), Some(&day));
        assert!(Arc::ptr_eq(&k1.definition, &k5.definition));
        // K3 and K4 (weight 2) are a definition of their own.
        assert_eq!(plan.nodes[3].weight(), Some(Decimal::from(2)));
        assert_eq!(k5.weight(), Some(Decimal::ONE));
    }

    #[test]
    fn a_soglia_must_fit_its_target() {
        let err = load("level,code,threshold,target_2024\nindicator,K1,31-03-2024,>= 5\n").unwrap_err();
        assert!(err.message.contains("soglia"), "{err}");
    }

    #[test]
    fn an_ambiguous_number_warns_once_per_file() {
        let mut diagnostics = Diagnostics::default();
        let sheet = Sheet::parse(
            "p.csv",
            "level;code;baseline_2023;target_2024\nindicator;K1;1.336;>= 1.500\nindicator;K2;2.000;>= 1.500\n",
        )
        .unwrap();
        let plan = load_plan(&sheet, PlanOptions::default(), &mut diagnostics).unwrap();
        assert_eq!(plan.nodes[0].baseline_by_year()[&2023], Value::Number(Decimal::from(1336)));
        let warnings: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("p.csv:2: warning: `1.336` is read as 1336"), "{}", warnings[0]);
        assert!(warnings[0].contains("--number-format en"));
    }

    fn problems(text: &str) -> Vec<String> {
        let sheet = Sheet::parse("plan.csv", text).unwrap();
        let mut diagnostics = Diagnostics::reading_on();
        load_plan(&sheet, PlanOptions::default(), &mut diagnostics).unwrap();
        diagnostics.iter().map(|p| format!("{}: {}", p.line.unwrap_or(0), p.message)).collect()
    }

    #[test]
    fn one_cell_may_give_its_own_year_and_later_empty_ones() {
        let plan = load(
            "livello;codice;unita;target_2024;target_2025;target_2026\nindicatore;K1;giorni;Anno 2024: <= 5 gg Anno 2025: <= 4 gg;;N/D\nindicatore;K2;;2025: almeno 3 2026: almeno 4;;\n",
        )
        .unwrap();
        let k1 = &plan.nodes[0];
        assert_eq!(k1.unit.as_ref(), Some(&Unit::Days));
        assert_eq!(k1.target_by_year()[&2024].to_string(), "<= 5");
        assert_eq!(k1.target_by_year()[&2025].to_string(), "<= 4");
        assert!(!k1.target_by_year().contains_key(&2026));
        // a cell may skip its own year and name later ones, even a year with no column
        let k2 = &plan.nodes[1];
        assert_eq!(k2.target_by_year().keys().copied().collect::<Vec<_>>(), [2025, 2026]);
    }

    #[test]
    fn a_year_given_twice_names_both_cells() {
        let got = problems("level,code,target_2024,target_2025\nindicator,K1,2024: >= 1 2025: >= 2,>= 3\n");
        assert_eq!(
            got,
            ["2: target_2024 gives a target for 2025, but target_2025 holds one too (`>= 3`): keep one of the two"]
        );
        let got = problems("level,code,target_2024,target_2025\nindicator,K1,>= 1,2024: >= 2\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("2: target_2025 gives a target for 2024, an earlier year"), "{got:?}");
        let got = problems("level,code,target_2024,target_2025,target_2026\nindicator,K1,2026: >= 1,2026: >= 2,\n");
        assert_eq!(got, ["2: target_2025 gives a target for 2026, and so does target_2024: keep one of the two"]);
        let got = problems("level,code,target_2024\nindicator,K1,2024: >= 1 2024: >= 2\n");
        assert_eq!(got, ["2: target_2024 gives a target for 2024 twice: keep one of the two"]);
    }

    #[test]
    fn soglie_may_be_dates_in_words() {
        let plan = load(
            "level,code,threshold,threshold_2025,target_2024,target_2025\nindicator,K1,31/12,30 giugno,entro il 30/06,entro il 31 marzo 2025\nindicator,K2,30 aprile 2024,,Entro il 31 marzo 2024,\n",
        )
        .unwrap();
        let date = |y, m, d| Value::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        // the general soglia without a year takes each target year's; soglia_2025 its own
        assert_eq!(plan.nodes[0].threshold_in(2024), Some(&date(2024, 12, 31)));
        assert_eq!(plan.nodes[0].threshold_in(2025), Some(&date(2025, 6, 30)));
        assert_eq!(plan.nodes[1].threshold_in(2024), Some(&date(2024, 4, 30)));
    }

    #[test]
    fn a_range_takes_no_soglia() {
        let got = problems("level,code,threshold,target_2024\nindicator,K1,70%,tra 80% e 90%\n");
        assert_eq!(got, ["2: K1 has a range target for 2024 and a soglia: a range takes no soglia"]);
    }

    #[test]
    fn scales_on_any_node_and_their_mistakes() {
        let plan = load(
            "level,code,scala,target_2024\nambito,A1,70%:0 90%:100,\nindicator,K1,,>= 1\nindicator,K2,steps 60%:50,>= 1\n",
        )
        .unwrap();
        assert_eq!(plan.scale_of(1).map(|s| s.text.as_str()), Some("70%:0 90%:100"));
        assert_eq!(plan.scale_of(2).map(|s| s.text.as_str()), Some("steps 60%:50"));
        let got = problems("level,code,scale\nambito,A1,70%:0 60%:100\n");
        assert_eq!(got, ["2: scale `70%:0 60%:100`: point 2 `60%:100`: the degrees must rise from point to point"]);
    }

    #[test]
    fn units_are_kept_in_their_canonical_spelling() {
        let plan = load("level,code,unit,target_2024\nindicator,K1,Percentuale,>= 90%\nindicator,K2,num.,>= 3\nindicator,K3,km,>= 3\n").unwrap();
        let units: Vec<_> = plan.nodes.iter().map(|n| n.unit.as_ref()).collect();
        assert_eq!(units, [Some(&Unit::Percent), Some(&Unit::Count), Some(&Unit::Other(Box::new("km".into())))]);
    }
}
