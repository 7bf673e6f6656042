//! The canonical form of figures, which machine outputs (JSON, CSV, TSV),
//! the decisions file and English messages write in every language: a
//! plain decimal point and no thousands, ISO dates: `>= 1.05`,
//! `between 0.8 and 0.9`, `by 2024-03-31`, `= true`.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::number::round;
use crate::target::Target;
use crate::value::Value;

/// A number rounded to `dp` places, trailing zeros dropped: `95.5`.
pub fn number(n: Decimal, dp: u32) -> String {
    round(n, dp).to_string()
}

/// A day as the machine formats write it, `2024-03-31`, written straight
/// into whatever formats it (a JSON string, a CSV cell) without a `String`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// A day: `2024-03-31`.
pub fn date(d: NaiveDate) -> String {
    IsoDate(d).to_string()
}

/// A value as messages quote it: `1336`, `2024-03-31`, `true`.
pub fn value(v: &Value) -> String {
    match v {
        Value::Number(n) => n.normalize().to_string(),
        Value::Date(d) => date(*d),
        Value::Bool(b) => b.to_string(),
    }
}

/// A target with its numbers to 10 places, as the machine formats write it.
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = |n: Decimal| round(n, 10);
        match self {
            Target::Number { comparison, value } => write!(f, "{} {}", comparison.symbol(), number(*value)),
            Target::Range { low, high } => write!(f, "between {} and {}", number(*low), number(*high)),
            Target::Deadline(d) => write!(f, "by {}", IsoDate(*d)),
            Target::Boolean(b) => write!(f, "= {b}"),
        }
    }
}
