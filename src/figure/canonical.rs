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

/// `00` to `99`, two digits at a time.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

impl DecimalText {
    /// `n`'s text, the same as its `Display` (every digit of its scale, a
    /// `-` for any negative, `0.` before a fraction), written two digits at
    /// a time instead of through the formatting machinery: a large plan
    /// writes millions of them.
    pub fn of(n: Decimal) -> DecimalText {
        // Written from the last digit back: the scale's digits (as many as the scale at
        // least: 0.05 is the mantissa 5 at scale 2), the point, the whole part or a 0, the sign.
        let mut text = DecimalText { bytes: [0; 32], start: 32 };
        let mut fraction = n.scale() as usize;
        let mut rest = n.mantissa().unsigned_abs();
        // Beyond 64 bits (rare), one digit at a time until it fits.
        while rest > u128::from(u64::MAX) {
            text.digit((rest % 10) as u8, &mut fraction);
            rest /= 10;
        }
        let mut rest = rest as u64;
        if fraction > 0 {
            while fraction >= 2 {
                text.pair((rest % 100) as usize);
                rest /= 100;
                fraction -= 2;
            }
            if fraction == 1 {
                text.push(b'0' + (rest % 10) as u8);
                rest /= 10;
            }
            text.push(b'.');
        }
        // The whole part: at least one digit, and once the loop has run `rest` is 1 to 99.
        while rest >= 100 {
            text.pair((rest % 100) as usize);
            rest /= 100;
        }
        if rest >= 10 {
            text.pair(rest as usize);
        } else {
            text.push(b'0' + rest as u8);
        }
        if n.is_sign_negative() {
            text.push(b'-');
        }
        text
    }

    /// One digit of the fraction's `fraction` left, or of the whole part once
    /// they are written (with the point before them).
    fn digit(&mut self, d: u8, fraction: &mut usize) {
        self.push(b'0' + d);
        if *fraction > 0 {
            *fraction -= 1;
            if *fraction == 0 {
                self.push(b'.');
            }
        }
    }

    fn pair(&mut self, pair: usize) {
        self.start -= 2;
        self.bytes[self.start..self.start + 2].copy_from_slice(&PAIRS[2 * pair..2 * pair + 2]);
    }

    fn push(&mut self, b: u8) {
        self.start -= 1;
        self.bytes[self.start] = b;
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII digits, `-` and `.` are written in.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The text's bytes, for an output of bytes (no check that they are UTF-8: they are ASCII).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[self.start..]
    }
}

/// A day as the machine formats write it, `2024-03-31`, written straight
/// into whatever formats it (a JSON string, a CSV cell) without a `String`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate(pub NaiveDate);

impl IsoDate {
    /// The day's ten bytes, for a year of 0 to 9999; `None` for any other,
    /// which chrono's `%Y` writes with a sign (left to it).
    fn digits(self) -> Option<[u8; 10]> {
        let year = self.0.year();
        if !(0..=9999).contains(&year) {
            return None;
        }
        let (month, day) = (self.0.month(), self.0.day());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let year = year.unsigned_abs();
        Some([
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
        ])
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.digits() {
            Some(text) => f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?),
            None => write!(f, "{}", self.0.format("%Y-%m-%d")),
        }
    }
}

/// A day's text as [`IsoDate`]'s `Display` writes it, appended to `buffer`
/// without the formatting machinery.
pub fn write_date(buffer: &mut Vec<u8>, d: NaiveDate) {
    match IsoDate(d).digits() {
        Some(text) => buffer.extend_from_slice(&text),
        None => buffer.extend_from_slice(IsoDate(d).to_string().as_bytes()),
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
        let mut written = Ok(());
        target_text(self, |piece| {
            if written.is_ok() {
                written = std::str::from_utf8(piece).map_err(|_| fmt::Error).and_then(|piece| f.write_str(piece));
            }
        });
        written
    }
}

/// The target's text as [`Target`]'s `Display` writes it, appended to
/// `buffer` without the formatting machinery: a national plan's JSON and
/// CSV write a target per indicator.
pub fn write_target(buffer: &mut Vec<u8>, target: &Target) {
    target_text(target, |piece| buffer.extend_from_slice(piece));
}

/// The pieces of a target's text, in order, to `put`: the one place the
/// canonical text of a target is made.
fn target_text(target: &Target, mut put: impl FnMut(&[u8])) {
    let number = |n: Decimal| DecimalText::of(round(n, 10));
    match target {
        Target::Number { comparison, value } => {
            put(comparison.symbol().as_bytes());
            put(b" ");
            put(number(*value).as_bytes());
        }
        Target::Range { low, high } => {
            put(b"between ");
            put(number(*low).as_bytes());
            put(b" and ");
            put(number(*high).as_bytes());
        }
        Target::Deadline(d) => {
            put(b"by ");
            match IsoDate(*d).digits() {
                Some(text) => put(&text),
                None => put(IsoDate(*d).to_string().as_bytes()),
            }
        }
        Target::Boolean(b) => put(if *b { b"= true" } else { b"= false" }),
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
            let mut bytes = Vec::new();
            write_date(&mut bytes, day);
            assert_eq!(String::from_utf8(bytes).unwrap(), day.format("%Y-%m-%d").to_string());
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
        // Written into bytes, every form is the same text as its `Display`, which is the one
        // written by hand here (a deadline's year beyond 9999 as chrono writes it).
        let day = |y| Target::Deadline(NaiveDate::from_ymd_opt(y, 3, 31).unwrap());
        let forms = [
            (at_least, ">= 1.05"),
            (range, "between -0.3333333333 and 1000"),
            (Target::Number { comparison: Comparison::Below, value: Decimal::new(-4, 11) }, "< 0"),
            (day(2024), "by 2024-03-31"),
            (day(10000), "by +10000-03-31"),
            (Target::Boolean(true), "= true"),
            (Target::Boolean(false), "= false"),
        ];
        for (target, text) in forms {
            let mut bytes = Vec::new();
            write_target(&mut bytes, &target);
            assert_eq!(String::from_utf8(bytes).unwrap(), text);
            assert_eq!(target.to_string(), text);
        }
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
