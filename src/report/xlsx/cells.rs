//! Writes a sheet's cells and fits its columns to them as it goes
//! ([`ColumnFit`]), a cell in the default look written without a look.

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use super::fit::ColumnFit;

pub struct Cells<'s> {
    sheet: &'s mut Worksheet,
    fit: ColumnFit,
    default: Format,
}

impl<'s> Cells<'s> {
    /// `columns` columns, none wider than `max_pixels`.
    pub fn new(sheet: &'s mut Worksheet, columns: usize, max_pixels: u32) -> Cells<'s> {
        Cells { sheet, fit: ColumnFit::new(columns, max_pixels), default: Format::new() }
    }

    pub fn sheet(&mut self) -> &mut Worksheet {
        self.sheet
    }

    /// A text with no look: an empty one writes nothing.
    pub fn plain(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        self.sheet.write_string(row, col, text)?;
        self.fit.text(col, text);
        Ok(())
    }

    /// A text in a look, `None` for the default one: an empty text is then a blank cell.
    pub fn text(&mut self, row: u32, col: u16, text: &str, look: Option<&Format>) -> Result<(), XlsxError> {
        match look {
            Some(format) => self.sheet.write_string_with_format(row, col, text, format)?,
            None if text.is_empty() => self.sheet.write_blank(row, col, &self.default)?,
            None => self.sheet.write_string(row, col, text)?,
        };
        self.fit.text(col, text);
        Ok(())
    }

    pub fn number(&mut self, row: u32, col: u16, number: f64, look: Option<&Format>) -> Result<(), XlsxError> {
        match look {
            Some(format) => self.sheet.write_number_with_format(row, col, number, format)?,
            None => self.sheet.write_number(row, col, number)?,
        };
        self.fit.number(col, number);
        Ok(())
    }

    pub fn date(&mut self, row: u32, col: u16, day: ExcelDateTime, look: &Format) -> Result<(), XlsxError> {
        self.sheet.write_date_with_format(row, col, day, look)?;
        self.fit.date(col);
        Ok(())
    }

    pub fn boolean(&mut self, row: u32, col: u16, value: bool) -> Result<(), XlsxError> {
        self.sheet.write_boolean(row, col, value)?;
        self.fit.boolean(col, value);
        Ok(())
    }

    /// Sets the columns' widths to their widest cells.
    pub fn fit_columns(self) -> Result<(), XlsxError> {
        self.fit.apply(self.sheet)
    }
}
