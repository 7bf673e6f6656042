//! The canonical form of figures, which machine outputs (JSON, CSV, TSV),
//! the decisions file and English messages write in every language: a
//! plain decimal point and no thousands, ISO dates: `>= 1.05`,
//! `between 0.8 and 0.9`, `by 2024-03-31`, `= true`.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::number::round;
use crate::target::Target;
use crate::value::Value;

/// A number rounded to `dp` places, trailing zeros dropped: `95.5`.
pub fn number(n: Decimal, dp: u32) -> String {
    round(n, dp).to_string()
}

/// A decimal's text on the stack: room for any decimal's (at most 31 bytes:
/// 29 digits, a sign, a point and a `0` before it).
pub struct DecimalText {
    bytes: [u8; 32],
    len: usize,
}

impl DecimalText {
    /// `n`'s text, the same as its `Display` (every digit of its scale, a
    /// `-` for any negative, `0.` before a fraction), written digit by digit
    /// instead of through the formatting machinery: a large plan writes
    /// millions of them.
    pub fn of(n: Decimal) -> DecimalText {
        // The mantissa's digits, last first: at most 29 of them.
        let mut digits = [0u8; 29];
        let mut len = 0;
        let mut rest = n.mantissa().unsigned_abs();
        while rest > u128::from(u64::MAX) {
            digits[len] = b'0' + (rest % 10) as u8;
            rest /= 10;
            len += 1;
        }
        let mut rest = rest as u64;
        while rest > 0 {
            digits[len] = b'0' + (rest % 10) as u8;
            rest /= 10;
            len += 1;
        }
        let scale = n.scale() as usize;
        // As many digits as the scale at least: 0.05 is the mantissa 5 at scale 2.
        while len < scale {
            digits[len] = b'0';
            len += 1;
        }
        let mut text = DecimalText { bytes: [0; 32], len: 0 };
        let mut push = |b: u8| {
            text.bytes[text.len] = b;
            text.len += 1;
        };
        if n.is_sign_negative() {
            push(b'-');
        }
        let whole = len - scale;
        if whole == 0 {
            push(b'0');
        }
        for i in 0..len {
            if i == whole && scale > 0 {
                push(b'.');
            }
            push(digits[len - 1 - i]);
        }
        text
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits, `-` and `.` are written in.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// A day as the machine formats write it, `2024-03-31`, written straight
/// into whatever formats it (a JSON string, a CSV cell) without a `String`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chrono's `%Y` writes a year outside 0..=9999 with a sign: left to it.
        let year = self.0.year();
        if !(0..=9999).contains(&year) {
            return write!(f, "{}", self.0.format("%Y-%m-%d"));
        }
        let (month, day) = (self.0.month(), self.0.day());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let year = year.unsigned_abs();
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
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
        let number = |n: Decimal| DecimalText::of(round(n, 10));
        match self {
            Target::Number { comparison, value } => {
                write!(f, "{} {}", comparison.symbol(), number(*value).as_str())
            }
            Target::Range { low, high } => {
                write!(f, "between {} and {}", number(*low).as_str(), number(*high).as_str())
            }
            Target::Deadline(d) => write!(f, "by {}", IsoDate(*d)),
            Target::Boolean(b) => write!(f, "= {b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Comparison;

    #[test]
    fn a_day_is_written_as_chrono_writes_it() {
        // Years of one to four digits are zero-padded; beyond, chrono adds a sign.
        for (y, m, d) in
            [(2024, 6, 30), (5, 1, 9), (999, 12, 31), (9999, 12, 31), (10000, 1, 1), (-1, 3, 4), (0, 2, 29)]
        {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(IsoDate(day).to_string(), day.format("%Y-%m-%d").to_string());
        }
        assert_eq!(date(NaiveDate::from_ymd_opt(5, 1, 9).unwrap()), "0005-01-09");
    }

    #[test]
    fn a_target_s_numbers_are_their_decimal_s_text() {
        // 1.05 to 10 places is 1.05; 1/3 written to 28 places is cut to 10, half away from zero.
        let third = Decimal::ONE / Decimal::from(3);
        let at_least = Target::Number { comparison: Comparison::AtLeast, value: "1.0500".parse().unwrap() };
        assert_eq!(at_least.to_string(), ">= 1.05");
        let range = Target::Range { low: -third, high: Decimal::from(1000) };
        assert_eq!(range.to_string(), "between -0.3333333333 and 1000");
        for n in [Decimal::ZERO, Decimal::new(-5, 1), Decimal::MAX, Decimal::new(1, 28), third] {
            assert_eq!(DecimalText::of(n).as_str(), n.to_string());
        }
    }
}
