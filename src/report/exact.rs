//! The machine formats' figures as serde values: a number written from the
//! exact decimal (never through a float), an ISO date, a text written from
//! its `Display`. The JSON and CSV records hold these, so a figure is
//! written the same way in every machine format and nothing is allocated per
//! figure.

use std::fmt::{self, Display, Write as _};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::ser::{Error as _, Serialize, Serializer};

use crate::figure::canonical::DecimalText;
/// The machine formats' day, written by the one figure module.
pub use crate::figure::canonical::IsoDate;
use crate::figure::round;

/// Rounded half away from zero to `dp` places, trailing zeros dropped, never `-0`.
pub fn rounded(n: Decimal, dp: u32) -> Decimal {
    let r = round(n, dp);
    if r.is_zero() {
        Decimal::ZERO
    } else {
        r
    }
}

/// A decimal already rounded the way the README's "Output fields" says
/// (values to 10 places, scores and coverage to 6, half away from zero,
/// trailing zeros dropped, never `-0`). Serialized as a JSON number whose
/// text is the decimal's own: serde_json's `arbitrary_precision` keeps the
/// digits of a [`serde_json::Number`] read from text as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exact(Decimal);

impl Exact {
    /// `n` rounded to `dp` places for output.
    pub fn rounded(n: Decimal, dp: u32) -> Exact {
        Exact(rounded(n, dp))
    }

    /// A whole number (a year, a count of days): nothing to round.
    pub fn whole(n: i64) -> Exact {
        Exact(Decimal::from(n))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// The number's text, `.` as the decimal point, without allocating.
    pub fn text(self) -> ShortText {
        ShortText::decimal(self.0)
    }
}

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A normalised decimal's text is always a valid JSON number.
        let number = serde_json::Number::from_str(self.text().as_str()).map_err(S::Error::custom)?;
        number.serialize(serializer)
    }
}

/// A short text on the stack: room for any decimal's (at most 31 bytes: 29
/// digits, or `-0.` and 28), a date's or a year's.
pub struct ShortText {
    bytes: [u8; 40],
    len: usize,
}

impl Default for ShortText {
    fn default() -> Self {
        ShortText { bytes: [0; 40], len: 0 }
    }
}

impl ShortText {
    /// `shown`'s text; one longer than the room is cut short, never a panic.
    pub fn of(shown: impl Display) -> ShortText {
        let mut text = ShortText::default();
        let _ = write!(text, "{shown}");
        text
    }

    /// `n`'s text, the same as its `Display`, without the formatting machinery.
    pub fn decimal(n: Decimal) -> ShortText {
        let mut text = ShortText::default();
        let _ = text.write_str(DecimalText::of(n).as_str());
        text
    }

    pub fn as_str(&self) -> &str {
        // Only whole `str`s are ever written in.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }

    /// The text with a decimal comma in place of the point.
    pub fn with_comma(mut self) -> ShortText {
        for b in &mut self.bytes[..self.len] {
            if *b == b'.' {
                *b = b',';
            }
        }
        self
    }
}

impl fmt::Write for ShortText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A text written from its `Display` (a target's canonical text), straight
/// into the output.
#[derive(Debug, Clone, Copy)]
pub struct Shown<T>(pub T);

impl<T: Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(value: impl Serialize) -> String {
        serde_json::to_string(&value).unwrap()
    }

    #[test]
    fn numbers_keep_every_digit_of_the_decimal() {
        // 0.1 + 0.2 is 0.3 in decimals; through a float it would be 0.30000000000000004.
        let sum: Decimal = "0.1".parse::<Decimal>().unwrap() + "0.2".parse::<Decimal>().unwrap();
        assert_eq!(json(Exact::rounded(sum, 10)), "0.3");
        // 20 significant digits survive the 10 places: no float has them.
        let long: Decimal = "1234567890.123456789512345678".parse().unwrap();
        assert_eq!(json(Exact::rounded(long, 10)), "1234567890.1234567895");
        // Half away from zero, trailing zeros dropped, never -0.
        assert_eq!(json(Exact::rounded("2.0000005".parse().unwrap(), 6)), "2.000001");
        assert_eq!(json(Exact::rounded("-2.0000005".parse().unwrap(), 6)), "-2.000001");
        assert_eq!(json(Exact::rounded("-0.0000001".parse().unwrap(), 6)), "0");
        assert_eq!(json(Exact::rounded("100.000".parse().unwrap(), 6)), "100");
        assert_eq!(json(Exact::whole(-12)), "-12");
    }

    #[test]
    fn the_longest_decimal_fits() {
        let tiny = Decimal::new(-1, 28);
        assert_eq!(Exact(tiny).text().as_str(), "-0.0000000000000000000000000001");
        assert_eq!(Exact(Decimal::MIN).text().as_str(), "-79228162514264337593543950335");
        assert_eq!(Exact("-1234.5".parse().unwrap()).text().with_comma().as_str(), "-1234,5");
    }

    #[test]
    fn a_decimal_s_text_is_its_display() {
        // Trailing zeros kept to the scale, a zero with a scale, a negative zero,
        // fractions below one, the largest mantissas and the largest scale.
        let cases = [
            Decimal::new(500, 2),
            Decimal::new(0, 3),
            Decimal::new(-0, 0),
            -Decimal::new(0, 2),
            Decimal::new(5, 2),
            Decimal::new(-5, 1),
            Decimal::new(123, 28),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::from_i128_with_scale(i128::from(u64::MAX) + 1, 5),
            Decimal::from_i128_with_scale(-(i128::from(u64::MAX) * 10 + 7), 28),
            Decimal::new(1_000_000, 0),
        ];
        for n in cases {
            assert_eq!(ShortText::decimal(n).as_str(), n.to_string(), "{n:?}");
        }
    }

    #[test]
    fn dates_and_shown_texts_are_json_strings() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        assert_eq!(json(IsoDate(day)), "\"2024-06-30\"");
        assert_eq!(json(Shown("a \"b\"\n")), "\"a \\\"b\\\"\\n\"");
    }
}
