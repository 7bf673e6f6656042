//! Numbers rounded and grouped for a reader: `1.336`, `104,67` in Italian,
//! `1,336`, `104.67` in English.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::unit::{is_percent, Unit};
use crate::value::NumberFormat;

/// Rounds half away from zero to `dp` places and drops trailing zeros: the
/// rounding of every figure kpi writes, and the form machine outputs use.
pub fn round(n: Decimal, dp: u32) -> Decimal {
    n.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize()
}

/// `n` with at most `dp` decimal places, trailing zeros kept to `min_dp`,
/// and thousands grouped, in `format`. Never `-0`.
pub fn grouped(n: Decimal, format: NumberFormat, dp: u32, min_dp: u32) -> String {
    let (point, group) = marks(format);
    let rounded = round(n, dp);
    let digits = rounded.abs().to_string();
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    let zeros = (min_dp as usize).saturating_sub(frac_part.len());
    if !frac_part.is_empty() || zeros > 0 {
        out.push(point);
        out.push_str(frac_part);
        out.extend(std::iter::repeat_n('0', zeros));
    }
    out
}

/// Percent points with two decimals, as percents are shown: `110,00 %`.
pub fn points(p: Decimal, format: NumberFormat) -> String {
    format!("{} %", grouped(p, format, 2, 2))
}

/// `n` with all its decimals and no thousands separator, the decimal point
/// of `format`: `1336,5` or `1336.5`.
pub(super) fn ungrouped(n: Decimal, format: NumberFormat) -> String {
    let text = n.normalize().to_string();
    match format {
        NumberFormat::Italian => text.replace('.', ","),
        NumberFormat::English => text,
    }
}

/// A number in its unit, written by `write`: percents ×100 (written with
/// their `%` by `points`), other units after the number.
pub(super) fn in_unit(
    n: Decimal,
    unit: Option<&Unit>,
    write: impl Fn(Decimal) -> String,
    points: impl Fn(Decimal) -> String,
) -> String {
    if is_percent(unit) {
        return match n.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => points(p),
            // Too large to show as a percent: the fraction itself, without a `%` that would misstate it.
            None => write(n),
        };
    }
    match unit.and_then(Unit::after_number) {
        Some(u) => format!("{} {u}", write(n)),
        None => write(n),
    }
}

/// The decimal point and the thousands separator of a format.
fn marks(format: NumberFormat) -> (char, char) {
    match format {
        NumberFormat::Italian => (',', '.'),
        NumberFormat::English => ('.', ','),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn num(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn italian_and_english_numbers() {
        use NumberFormat::{English, Italian};
        assert_eq!(grouped(num("1336"), Italian, 2, 0), "1.336");
        assert_eq!(grouped(num("1336"), English, 2, 0), "1,336");
        assert_eq!(grouped(num("104.666"), Italian, 2, 2), "104,67");
        assert_eq!(grouped(num("104.666"), English, 2, 2), "104.67");
        assert_eq!(grouped(num("-0.5"), Italian, 2, 2), "-0,50");
        // 1234567.005 rounds half away from zero to 1234567.01
        assert_eq!(grouped(num("1234567.005"), Italian, 2, 0), "1.234.567,01");
        assert_eq!(grouped(num("1234567.005"), English, 2, 0), "1,234,567.01");
        assert_eq!(grouped(num("-0.001"), Italian, 2, 0), "0");
        assert_eq!(grouped(num("100"), English, 2, 2), "100.00");
        assert_eq!(points(num("110"), Italian), "110,00 %");
        assert_eq!(points(num("1234.5"), English), "1,234.50 %");
        assert_eq!(ungrouped(num("-1336.50"), Italian), "-1336,5");
        assert_eq!(points(num("110"), Italian), "110,00 %");
        assert_eq!(points(num("1234.5"), English), "1,234.50 %");
        assert_eq!(ungrouped(num("-1336.50"), English), "-1336.5");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round(num("2.5"), 0), num("3"));
        assert_eq!(round(num("-2.5"), 0), num("-3"));
        assert_eq!(round(num("1.1000000"), 6).to_string(), "1.1");
    }
}
