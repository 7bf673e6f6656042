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
    /// The text is `bytes[start..]`.
    start: usize,
}

impl DecimalText {
    /// `n`'s text, the same as its `Display` (every digit of its scale, a
    /// `-` for any negative, `0.` before a fraction), written digit by digit
    /// instead of through the formatting machinery: a large plan writes
    /// millions of them.
    pub fn of(n: Decimal) -> DecimalText {
        // Written from the last digit back: the point once the scale's digits
        // are in, as many digits as the scale at least (0.05 is the mantissa 5
        // at scale 2), then a 0 before a point that leads, then the sign.
        let mut text = DecimalText { bytes: [0; 32], start: 32 };
        let scale = n.scale() as usize;
        let mut digits = 0;
        let mut rest = n.mantissa().unsigned_abs();
        while rest > u128::from(u64::MAX) {
            text.digit((rest % 10) as u8, digits, scale);
            rest /= 10;
            digits += 1;
        }
        let mut rest = rest as u64;
        while rest > 0 || digits < scale {
            text.digit((rest % 10) as u8, digits, scale);
            rest /= 10;
            digits += 1;
        }
        if digits == scale {
            text.digit(0, digits, scale);
        }
        if n.is_sign_negative() {
            text.push(b'-');
        }
        text
    }

    /// The digit `d` before the `written` ones, after the point when they are the scale's.
    fn digit(&mut self, d: u8, written: usize, scale: usize) {
        if written == scale && scale > 0 {
            self.push(b'.');
        }
        self.push(b'0' + d);
    }

    fn push(&mut self, b: u8) {
        self.start -= 1;
        self.bytes[self.start] = b;
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits, `-` and `.` are written in.
        std::str::from_utf8(&self.bytes[self.start..]).unwrap_or_default()
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
        // Mantissas of every length at every scale, either sign, from a fixed sequence.
        let mut seed: u128 = 0x2545_f491_4f6c_dd1d;
        for i in 0..20_000u32 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let mantissa = (seed >> 32) % 10u128.pow(i % 29 + 1);
            let signed = if i % 2 == 0 { mantissa as i128 } else { -(mantissa as i128) };
            let n = Decimal::from_i128_with_scale(signed, i % 29);
            assert_eq!(DecimalText::of(n).as_str(), n.to_string(), "{n:?}");
        }
    }
}
