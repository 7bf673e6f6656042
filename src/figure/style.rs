//! How a reader's figures are written: the number format and the few words
//! a target is written with.

use crate::value::NumberFormat;

/// The reader's form of figures. The words come from the reader's language
/// (`crate::lang::Lang::figures`), so this module needs none of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Decimal point and thousands: `1.336,5` or `1,336.5`; dates follow it.
    pub numbers: NumberFormat,
    /// `SI` / `YES`, `NO`.
    pub yes: &'static str,
    pub no: &'static str,
    /// A deadline: `entro 31-03-2024`, `by 31/03/2024`.
    pub by: &'static str,
    /// A range: `tra 80,00 % e 90,00 %`, `between 80.00 % and 90.00 %`.
    pub between: &'static str,
    pub and: &'static str,
}
