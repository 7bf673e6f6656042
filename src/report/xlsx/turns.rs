//! The runs of a sheet's rows numbered in turn: each run's cells are made
//! on any thread, but the workbook numbers its shared strings and its styles
//! in the order the cells first hold them (rust_xlsxwriter's numbering), so
//! the runs are numbered one after the other. A run made before its turn is
//! parked, and the thread that numbers the run before it numbers it too: no
//! thread waits for another to make a run. Each sheet's layout is gathered
//! from its runs as they are numbered.

use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

use super::cells::{Cells, Value};
use super::looks::Look;
use super::sheet::Layout;
use super::texts::{SharedStrings, Texts};

/// The shared strings and the styles, numbered run after run in the order of
/// the rows (rust_xlsxwriter's numbering: in the order the cells first hold
/// them), and each sheet's layout gathered from its runs.
pub struct Numbering<'t> {
    /// The next run to number, counted over every sheet's runs.
    next: usize,
    /// A run could not be made: the others stop waiting for it.
    failed: bool,
    strings: SharedStrings<'t>,
    /// How many cells hold a text.
    text_cells: usize,
    /// Each look's style number (`u32::MAX`: not used yet), and the looks in
    /// the order of their numbers.
    styles: Vec<u32>,
    in_order: Vec<Look>,
    layouts: Vec<SheetLayout>,
    /// The cells of runs made before their turn, left for the thread that
    /// numbers the run before them.
    parked: Vec<Option<Cells>>,
}

/// What a sheet's layout needs of its runs: where the cells are, the deepest
/// outline level, the columns' widths.
#[derive(Default)]
struct SheetLayout {
    dimension: Option<(u32, u16, u32, u16)>,
    max_level: u8,
    widths: Vec<u32>,
}

impl SheetLayout {
    fn add(&mut self, cells: &Cells) {
        for row in &cells.rows {
            self.max_level = self.max_level.max(row.level);
        }
        if let Some((r, c, last_r, last_c)) = cells.bounds {
            self.dimension = Some(match self.dimension {
                None => (r, c, last_r, last_c),
                Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(last_r), c1.max(last_c)),
            });
        }
        let widths = cells.fit.widths();
        if self.widths.len() < widths.len() {
            self.widths.resize(widths.len(), 0);
        }
        for (width, &w) in self.widths.iter_mut().zip(widths) {
            *width = (*width).max(w);
        }
    }

    fn layout(&self, selected: bool) -> Layout {
        // rust_xlsxwriter counts a sheet's outline levels from the second one:
        // groups one level deep leave the sheet's own count out.
        let max_level = if self.max_level > 1 { self.max_level } else { 0 };
        Layout { dimension: self.dimension, selected, max_level, widths: self.widths.clone() }
    }
}

impl<'t> Numbering<'t> {
    /// Sheet `n`'s layout, from all its runs.
    pub fn layout(&self, n: usize, selected: bool) -> Layout {
        self.layouts[n].layout(selected)
    }

    /// The looks of the styles after the default one, in the order of their numbers.
    pub fn looks_in_order(&self) -> &[Look] {
        &self.in_order[1..]
    }

    pub fn strings(&self) -> &[&'t str] {
        self.strings.all()
    }

    /// How many cells hold a text.
    pub fn text_cells(&self) -> usize {
        self.text_cells
    }
}

/// The runs' turns at the numbering, one after the other.
pub struct Turns<'t> {
    numbering: Mutex<Numbering<'t>>,
    changed: Condvar,
    /// Each run's texts, kept for the shared strings, which borrow them.
    texts: &'t [OnceLock<Texts>],
    /// The sheet of each run.
    sheet_of: Vec<usize>,
    /// Cells written out, their memory for the runs still to make.
    spare: Mutex<Vec<Cells>>,
}

/// A run numbered, to write: its number in the workbook, its cells, each of
/// its texts' shared string number and each look's style number.
pub struct Numbered {
    pub run: usize,
    pub cells: Cells,
    pub texts: Vec<u32>,
    pub styles: Vec<u32>,
}

impl<'t> Turns<'t> {
    /// Turns for runs of these sheets (`sheet_of`: each run's, in order),
    /// their texts to be kept in `texts` (one place per run), with `looks`
    /// looks, room for about `strings` shared strings.
    pub fn new(sheet_of: Vec<usize>, texts: &'t [OnceLock<Texts>], looks: usize, strings: usize) -> Self {
        let mut styles = vec![u32::MAX; looks];
        styles[usize::from(Look::DEFAULT.0)] = 0;
        let sheets = sheet_of.iter().max().map_or(0, |&n| n + 1);
        Turns {
            numbering: Mutex::new(Numbering {
                next: 0,
                failed: false,
                strings: SharedStrings::with_capacity(strings),
                text_cells: 0,
                styles,
                in_order: vec![Look::DEFAULT],
                layouts: (0..sheets).map(|_| SheetLayout::default()).collect(),
                parked: sheet_of.iter().map(|_| None).collect(),
            }),
            changed: Condvar::new(),
            texts,
            sheet_of,
            spare: Mutex::new(Vec::new()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Numbering<'t>> {
        self.numbering.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for every run to be numbered (`None`: one failed).
    pub fn all(&self) -> Option<MutexGuard<'_, Numbering<'t>>> {
        let mut numbering = self.lock();
        while numbering.next != self.sheet_of.len() && !numbering.failed {
            numbering = self.changed.wait(numbering).unwrap_or_else(PoisonError::into_inner);
        }
        (!numbering.failed).then_some(numbering)
    }

    /// Files run `run`'s cells and numbers every run whose turn has come:
    /// this one, if the runs before it are numbered, and those made after it
    /// and parked, none waiting. The runs numbered, to write.
    pub fn file(&self, mut guard: RunGuard<'_, 't>, run: usize, mut cells: Cells) -> Vec<Numbered> {
        let _ = self.texts[run].set(cells.take_texts());
        let mut numbering = self.lock();
        if numbering.failed {
            // The others already know.
            guard.filed = true;
            return Vec::new();
        }
        numbering.parked[run] = Some(cells);
        let mut numbered = Vec::new();
        loop {
            let run = numbering.next;
            let Some(cells) = numbering.parked.get_mut(run).and_then(Option::take) else { break };
            let Some(texts) = self.texts[run].get() else { break };
            let numbering = &mut *numbering;
            let numbers = number_strings(&cells, texts, numbering);
            for &look in &cells.used {
                let style = &mut numbering.styles[usize::from(look.0)];
                if *style == u32::MAX {
                    *style = numbering.in_order.len() as u32;
                    numbering.in_order.push(look);
                }
            }
            numbering.layouts[self.sheet_of[run]].add(&cells);
            numbered.push(Numbered { run, cells, texts: numbers, styles: numbering.styles.clone() });
            numbering.next += 1;
        }
        // Filed and numbered: had the numbering unwound, the guard would have
        // told the others that the runs stop here.
        guard.filed = true;
        drop(numbering);
        if !numbered.is_empty() {
            self.changed.notify_all();
        }
        numbered
    }

    fn fail(&self) {
        self.lock().failed = true;
        self.changed.notify_all();
    }

    /// A run's guard, to hand to [`Turns::file`] with its cells.
    pub fn guard(&self) -> RunGuard<'_, 't> {
        RunGuard { turns: self, filed: false }
    }

    /// The memory of cells already written, if any.
    pub fn spare_cells(&self) -> Option<Cells> {
        self.spare.lock().unwrap_or_else(PoisonError::into_inner).pop()
    }

    pub fn give_back(&self, cells: Cells) {
        self.spare.lock().unwrap_or_else(PoisonError::into_inner).push(cells);
    }

    /// The numbering, every run numbered.
    pub fn finish(self) -> Numbering<'t> {
        self.numbering.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A run being made: if it fails, or unwinds, before its cells are filed
/// and numbered, the other runs are told, so that none waits for it for ever.
pub struct RunGuard<'a, 't> {
    turns: &'a Turns<'t>,
    filed: bool,
}

impl Drop for RunGuard<'_, '_> {
    fn drop(&mut self) {
        if !self.filed {
            self.turns.fail();
        }
    }
}

/// Numbers a run's texts as the workbook's shared strings (as the library
/// numbers them: in the order the rows and columns hold them); each text's
/// number, by its number in the run.
fn number_strings<'t>(cells: &Cells, texts: &'t Texts, numbering: &mut Numbering<'t>) -> Vec<u32> {
    let mut numbers = vec![u32::MAX; texts.len()];
    if cells.in_order {
        // Each row's cells by column, one in each: the texts first come in
        // the order the run numbered them.
        numbering.text_cells += cells.text_cells;
        for (t, number) in numbers.iter_mut().enumerate() {
            let (text, hash) = texts.with_hash(t);
            *number = numbering.strings.number(text, hash);
        }
    } else {
        for (_, row) in cells.row_cells() {
            for cell in row.iter() {
                if let Value::Text(t) = cell.value {
                    numbering.text_cells += 1;
                    let t = t as usize;
                    if numbers[t] == u32::MAX {
                        let (text, hash) = texts.with_hash(t);
                        numbers[t] = numbering.strings.number(text, hash);
                    }
                }
            }
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of one row holding these texts, the second in look 1.
    fn run(row: u32, texts: &[&str]) -> Cells {
        let mut cells = Cells::new(4, 360, 2, 1);
        for (col, text) in texts.iter().enumerate() {
            let look = if col == 1 { Look(1) } else { Look::DEFAULT };
            cells.text(row, col as u16, text, look).unwrap();
        }
        cells
    }

    #[test]
    fn runs_filed_out_of_order_are_numbered_in_order() {
        let texts: Vec<OnceLock<Texts>> = (0..3).map(|_| OnceLock::new()).collect();
        let turns = Turns::new(vec![0, 0, 1], &texts, 2, 8);
        // Run 1 is made first: parked, nothing to write yet.
        assert!(turns.file(turns.guard(), 1, run(1, &["b", "c"])).is_empty());
        // Run 0 numbers itself and run 1 after it, in the order of their rows.
        let numbered = turns.file(turns.guard(), 0, run(0, &["a", "b"]));
        let runs: Vec<(usize, Vec<u32>)> = numbered.iter().map(|n| (n.run, n.texts.clone())).collect();
        assert_eq!(runs, [(0, vec![0, 1]), (1, vec![1, 2])]);
        // The look is numbered where it is first used, after the default's 0.
        assert_eq!(numbered[0].styles, [0, 1]);
        let numbered = turns.file(turns.guard(), 2, run(5, &["c"]));
        assert_eq!(numbered.iter().map(|n| (n.run, n.texts.clone())).collect::<Vec<_>>(), [(2, vec![2])]);
        let numbering = turns.all().expect("every run numbered");
        assert_eq!(numbering.strings(), ["a", "b", "c"]);
        assert_eq!(numbering.text_cells(), 5);
        drop(numbering);
        let numbering = turns.finish();
        // Each sheet's layout from its own runs: rows 0 and 1, then row 5 alone.
        assert_eq!(numbering.layout(0, true).dimension, Some((0, 0, 1, 1)));
        assert_eq!(numbering.layout(1, false).dimension, Some((5, 0, 5, 0)));
    }

    #[test]
    fn a_run_that_fails_leaves_no_one_waiting() {
        let texts: Vec<OnceLock<Texts>> = (0..3).map(|_| OnceLock::new()).collect();
        let turns = Turns::new(vec![0, 0, 0], &texts, 2, 8);
        assert!(turns.file(turns.guard(), 1, run(1, &["b"])).is_empty());
        std::thread::scope(|scope| {
            // A thread waiting for every run: told when run 0 fails.
            let waiting = scope.spawn(|| turns.all().is_none());
            drop(turns.guard());
            assert!(waiting.join().unwrap());
        });
        // The runs after it number nothing.
        assert!(turns.file(turns.guard(), 2, run(2, &["c"])).is_empty());
        assert!(turns.all().is_none());
    }
}
