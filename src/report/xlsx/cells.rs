//! The cells of a run of a sheet's rows, as the sheet writes them: each with
//! its look's number and, for a text, its number in the run's own list of
//! texts ([`Texts`]), so that runs are made on several threads and numbered
//! for the workbook afterwards, in order. The columns are fitted to the cells
//! as they are written ([`ColumnFit`]), each of the run's texts measured once.

use rust_xlsxwriter::XlsxError;

use super::fit::{self, ColumnFit};
use super::looks::Look;
use super::number::Number;
use super::texts::Texts;

/// A sheet's rows: Excel's limit.
pub const MAX_ROWS: u32 = 1_048_576;

/// A sheet's columns, A to XFD: Excel's limit.
pub const MAX_COLUMNS: u16 = 16_384;

/// The longest text a cell holds, in UTF-16 units: Excel's limit.
const MAX_TEXT: usize = 32_767;

/// The deepest outline level Excel has.
pub const MAX_LEVEL: u8 = 7;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A cell with a look and nothing in it.
    Blank,
    /// A text, by its number in the run's texts.
    Text(u32),
    /// A number, or a date as Excel's serial day.
    Number(Number),
    Bool(bool),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub col: u16,
    pub look: Look,
    pub value: Value,
}

/// A row that holds cells or an outline level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    /// Counted from 0, as the cells' rows are.
    pub number: u32,
    pub level: u8,
    /// Where the row's cells end in [`Cells::cells`].
    pub end: usize,
}

pub struct Cells {
    pub cells: Vec<Cell>,
    pub rows: Vec<Row>,
    pub texts: Texts,
    /// Each text's width in pixels.
    widths: Vec<u32>,
    /// How many cells hold a text.
    pub text_cells: usize,
    /// Whether each row's cells came in the order of their columns, one in
    /// each: then the texts first come in the order of their numbers.
    pub in_order: bool,
    /// The row and column of the last cell put.
    last: Option<(u32, u16)>,
    /// The looks the cells have, in the order they were first used.
    pub used: Vec<Look>,
    seen: Vec<bool>,
    pub fit: ColumnFit,
    /// The first and last row and column that hold a cell (the sheet's dimension).
    pub bounds: Option<(u32, u16, u32, u16)>,
    /// Each block of 16 rows that holds a cell: its number and its first and
    /// last column, counted from 1 (the rows' spans), in the order put.
    pub blocks: Vec<(u32, u16, u16)>,
}

impl Cells {
    /// `columns` columns, none wider than `max_pixels`; `looks` looks; room
    /// for about `rows` rows.
    pub fn new(columns: usize, max_pixels: u32, looks: usize, rows: usize) -> Cells {
        Cells {
            cells: Vec::with_capacity(rows * columns),
            rows: Vec::with_capacity(rows),
            texts: Texts::with_capacity(rows * 4),
            widths: Vec::with_capacity(rows * 4),
            text_cells: 0,
            in_order: true,
            last: None,
            used: Vec::new(),
            seen: vec![false; looks],
            fit: ColumnFit::new(columns, max_pixels),
            bounds: None,
            blocks: Vec::with_capacity(rows / 16 + 2),
        }
    }

    /// Cells for another run, in the memory of `kept` when it has the same
    /// columns and looks: a thread's runs, one after the other, reuse it
    /// while it is still in the cache. The texts start anew: the run before
    /// took its own ([`Cells::take_texts`]).
    pub fn reused(kept: Option<Cells>, columns: usize, max_pixels: u32, looks: usize, rows: usize) -> Cells {
        match kept {
            Some(mut cells) if cells.seen.len() == looks && cells.fit.fits(columns, max_pixels) => {
                cells.cells.clear();
                cells.rows.clear();
                cells.texts = Texts::with_capacity(rows * 4);
                cells.widths.clear();
                cells.text_cells = 0;
                cells.in_order = true;
                cells.last = None;
                cells.used.clear();
                cells.seen.fill(false);
                cells.fit.clear();
                cells.bounds = None;
                cells.blocks.clear();
                cells
            }
            _ => Cells::new(columns, max_pixels, looks, rows),
        }
    }

    /// The run's texts, for the shared strings, which keep them.
    pub fn take_texts(&mut self) -> Texts {
        std::mem::take(&mut self.texts)
    }

    /// Sets a row's outline level; rows come in order.
    pub fn level(&mut self, row: u32, level: u8) -> Result<(), XlsxError> {
        if level > MAX_LEVEL {
            return Err(XlsxError::MaxGroupLevelExceeded);
        }
        self.row(row)?.level = level;
        Ok(())
    }

    /// A text with no look: an empty one writes nothing.
    pub fn plain(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        if !text.is_empty() {
            self.put_text(row, col, text, Look::DEFAULT)?;
        }
        Ok(())
    }

    /// A text in a look: an empty one is a blank cell in that look.
    pub fn text(&mut self, row: u32, col: u16, text: &str, look: Look) -> Result<(), XlsxError> {
        if text.is_empty() {
            self.put(row, col, look, Value::Blank)
        } else {
            self.put_text(row, col, text, look).map(|_| ())
        }
    }

    pub fn number(&mut self, row: u32, col: u16, number: Number, look: Look) -> Result<(), XlsxError> {
        self.put(row, col, look, Value::Number(number))?;
        self.fit.number(col, number.len());
        Ok(())
    }

    /// A date, as Excel's serial day.
    pub fn date(&mut self, row: u32, col: u16, day: f64, look: Look) -> Result<(), XlsxError> {
        self.put(row, col, look, Value::Number(Number::float(day)))?;
        self.fit.date(col);
        Ok(())
    }

    pub fn boolean(&mut self, row: u32, col: u16, value: bool) -> Result<(), XlsxError> {
        self.put(row, col, Look::DEFAULT, Value::Bool(value))?;
        self.fit.boolean(col, value);
        Ok(())
    }

    /// A text with no look, as [`Cells::plain`] would put it, given the
    /// number [`Cells::plain_number`] gave it (`None`: an empty text).
    pub fn plain_again(&mut self, row: u32, col: u16, number: Option<u32>) -> Result<(), XlsxError> {
        let Some(number) = number else { return Ok(()) };
        self.put(row, col, Look::DEFAULT, Value::Text(number))?;
        self.text_cells += 1;
        self.fit.text(col, self.widths[number as usize]);
        Ok(())
    }

    /// [`Cells::plain`], and the text's number for [`Cells::plain_again`].
    pub fn plain_number(&mut self, row: u32, col: u16, text: &str) -> Result<Option<u32>, XlsxError> {
        if text.is_empty() {
            return Ok(None);
        }
        self.put_text(row, col, text, Look::DEFAULT).map(Some)
    }

    /// Puts a text cell; the text's number in the shared strings.
    fn put_text(&mut self, row: u32, col: u16, text: &str, look: Look) -> Result<u32, XlsxError> {
        // A UTF-16 text is never longer than its UTF-8 bytes.
        if text.len() > MAX_TEXT && text.encode_utf16().count() > MAX_TEXT {
            return Err(XlsxError::MaxStringLengthExceeded);
        }
        let number = self.texts.number(text);
        if number as usize == self.widths.len() {
            self.widths.push(fit::text_width(text));
        }
        self.put(row, col, look, Value::Text(number))?;
        self.text_cells += 1;
        self.fit.text(col, self.widths[number as usize]);
        Ok(number)
    }

    fn put(&mut self, row: u32, col: u16, look: Look, value: Value) -> Result<(), XlsxError> {
        if col >= MAX_COLUMNS {
            return Err(XlsxError::RowColumnLimitError);
        }
        let seen = &mut self.seen[usize::from(look.0)];
        if !*seen && look != Look::DEFAULT {
            *seen = true;
            self.used.push(look);
        }
        self.row(row)?;
        if self.last.is_some_and(|(r, c)| r == row && c >= col) {
            self.in_order = false;
        }
        self.last = Some((row, col));
        self.cells.push(Cell { col, look, value });
        if let Some(last) = self.rows.last_mut() {
            last.end = self.cells.len();
        }
        // Where the cells are, kept as they come (on the run's thread) rather
        // than by walking every cell of the sheet again.
        self.bounds = Some(match self.bounds {
            None => (row, col, row, col),
            Some((r0, c0, r1, c1)) => (r0.min(row), c0.min(col), r1.max(row), c1.max(col)),
        });
        let (block, column) = (row / 16, col + 1);
        match self.blocks.last_mut() {
            Some((b, first, last)) if *b == block => {
                *first = (*first).min(column);
                *last = (*last).max(column);
            }
            _ => self.blocks.push((block, column, column)),
        }
        Ok(())
    }

    /// The row being written, begun if it is a new one.
    fn row(&mut self, number: u32) -> Result<&mut Row, XlsxError> {
        if number >= MAX_ROWS {
            return Err(XlsxError::RowColumnLimitError);
        }
        if self.rows.last().is_none_or(|last| last.number != number) {
            self.rows.push(Row { number, level: 0, end: self.cells.len() });
        }
        Ok(self.rows.last_mut().expect("a row was just made"))
    }

    /// The cells of each row, sorted by column (the last one written at a
    /// place is the one kept), with the row.
    pub fn row_cells(&self) -> impl Iterator<Item = (&Row, std::borrow::Cow<'_, [Cell]>)> {
        let mut start = 0;
        self.rows.iter().map(move |row| {
            let cells = &self.cells[start..row.end];
            start = row.end;
            if cells.windows(2).all(|w| w[0].col < w[1].col) {
                return (row, std::borrow::Cow::Borrowed(cells));
            }
            let mut sorted: Vec<Cell> = Vec::with_capacity(cells.len());
            for cell in cells {
                match sorted.iter_mut().find(|c| c.col == cell.col) {
                    Some(place) => *place = *cell,
                    None => sorted.push(*cell),
                }
            }
            sorted.sort_by_key(|c| c.col);
            (row, std::borrow::Cow::Owned(sorted))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_know_their_bounds_and_each_block_of_16_rows_columns() {
        let mut cells = Cells::new(20, 360, 1, 4);
        assert_eq!(cells.bounds, None);
        // Row 3 (block 0): columns F and C, 6 and 3 counted from 1.
        cells.plain(3, 5, "a").unwrap();
        cells.plain(3, 2, "b").unwrap();
        // A row with a level and no cell is in neither.
        cells.level(40, 1).unwrap();
        // Row 17 (block 1): column J, 10.
        cells.plain(17, 9, "c").unwrap();
        // Refused cells are in neither.
        assert!(cells.plain(MAX_ROWS, 0, "x").is_err());
        assert!(cells.plain(2, MAX_COLUMNS, "x").is_err());
        assert_eq!(cells.bounds, Some((3, 2, 17, 9)));
        assert_eq!(cells.blocks, [(0, 3, 6), (1, 10, 10)]);
    }

    #[test]
    fn cells_keep_their_rows_texts_and_looks_in_order() {
        let mut cells = Cells::new(3, 360, 4, 1);
        cells.text(0, 0, "a", Look(2)).unwrap();
        cells.plain(0, 1, "").unwrap();
        cells.plain(0, 2, "a").unwrap();
        cells.level(2, 1).unwrap();
        cells.text(2, 1, "", Look(3)).unwrap();
        assert!(cells.in_order);
        cells.number(2, 0, Number::float(1.5), Look::DEFAULT).unwrap();
        assert!(!cells.in_order);
        // The empty plain text is no cell; the same text is the same number.
        assert_eq!(cells.texts.len(), 1);
        assert_eq!(cells.text_cells, 2);
        assert_eq!(cells.used, [Look(2), Look(3)]);
        // "a" is 7 + 7 pixels wide, 1.5 three characters: 21 + 7.
        assert_eq!(cells.fit.widths(), [28, 0, 14]);
        let rows: Vec<_> = cells.row_cells().map(|(row, cells)| (row.number, row.level, cells.to_vec())).collect();
        assert_eq!(rows[0].2.len(), 2);
        // Row 2's cells come out by column, though written the other way round.
        assert_eq!((rows[1].0, rows[1].1), (2, 1));
        assert_eq!(rows[1].2[0], Cell { col: 0, look: Look::DEFAULT, value: Value::Number(Number::float(1.5)) });
        assert_eq!(rows[1].2[1], Cell { col: 1, look: Look(3), value: Value::Blank });
        assert!(matches!(cells.level(3, 8), Err(XlsxError::MaxGroupLevelExceeded)));
        assert!(matches!(cells.plain(MAX_ROWS, 0, "x"), Err(XlsxError::RowColumnLimitError)));
        // XFD, the 16 384th column, is the last a cell may be in.
        let one = Number::float(1.0);
        assert!(cells.number(6, MAX_COLUMNS - 1, one, Look::DEFAULT).is_ok());
        assert!(matches!(cells.number(6, MAX_COLUMNS, one, Look::DEFAULT), Err(XlsxError::RowColumnLimitError)));
        // A text put again by its number is the same cell as the text put again
        // (its number 2: "x" above was numbered before its row was refused).
        let number = cells.plain_number(7, 0, "a b").unwrap();
        cells.plain_again(7, 1, number).unwrap();
        let empty = cells.plain_number(8, 0, "").unwrap();
        cells.plain_again(7, 2, empty).unwrap();
        let row_7 = cells.row_cells().find(|(row, _)| row.number == 7).map(|(_, cells)| cells.to_vec()).unwrap();
        assert_eq!(
            row_7.iter().map(|c| (c.col, c.value)).collect::<Vec<_>>(),
            [(0, Value::Text(2)), (1, Value::Text(2))]
        );
        assert_eq!(cells.text_cells, 4);
        let long = "é".repeat(MAX_TEXT);
        assert!(cells.plain(4, 0, &long).is_ok());
        assert!(matches!(cells.plain(5, 0, &(long + "x")), Err(XlsxError::MaxStringLengthExceeded)));
    }
}
