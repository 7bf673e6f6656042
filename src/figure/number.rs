//! Numbers rounded and grouped for a reader: `1.336`, `104,67` in Italian,
//! `1,336`, `104.67` in English.

use rust_decimal::Decimal;

use crate::unit::{is_percent, Unit};
use crate::value::NumberFormat;

/// Rounds half away from zero to `dp` places and drops trailing zeros: the
/// rounding of every figure kpi writes, and the form machine outputs use.
/// The same decimal as `round_dp_with_strategy(dp, MidpointAwayFromZero)`
/// and then `normalize` (a test holds the two together), worked out on the
/// mantissa as one number instead of 32 bits at a time: a national plan
/// rounds millions of figures for its JSON and CSV.
pub fn round(n: Decimal, dp: u32) -> Decimal {
    let mut scale = n.scale();
    let mut mantissa = n.mantissa().unsigned_abs();
    if scale > dp {
        // The dropped digits but the first cut off; the first decides: 5 or more rounds away from zero.
        mantissa = cut_digits(mantissa, scale - dp - 1);
        let first_dropped = mantissa % 10;
        mantissa = mantissa / 10 + u128::from(first_dropped >= 5);
        scale = dp;
    }
    if mantissa == 0 {
        return Decimal::ZERO;
    }
    let (mantissa, scale) = without_trailing_zeros(mantissa, scale);
    // Never more than the 96 bits it came from: cut by ten at least before adding one.
    let part = |shift: u32| (mantissa >> shift) as u32;
    Decimal::from_parts(part(0), part(32), part(64), n.is_sign_negative(), scale)
}

/// `m` without its last `digits` digits, in 64-bit steps once it fits.
fn cut_digits(mut m: u128, mut digits: u32) -> u128 {
    while digits > 0 {
        let step = digits.min(19);
        let power = 10u64.pow(step);
        m = match u64::try_from(m) {
            Ok(small) => u128::from(small / power),
            Err(_) => m / u128::from(power),
        };
        digits -= step;
    }
    m
}

/// A mantissa other than zero and its scale, with the zeros after the point dropped.
fn without_trailing_zeros(m: u128, mut scale: u32) -> (u128, u32) {
    if let Ok(mut small) = u64::try_from(m) {
        while scale > 0 && small.is_multiple_of(10) {
            small /= 10;
            scale -= 1;
        }
        return (u128::from(small), scale);
    }
    let mut m = m;
    while scale > 0 && m.is_multiple_of(10) {
        m /= 10;
        scale -= 1;
    }
    (m, scale)
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
    use rust_decimal::RoundingStrategy;
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
        // 99.9999995 to 6 places carries into every digit: 100.000000, written 100.
        assert_eq!(round(num("99.9999995"), 6).to_string(), "100");
        // 0.0000004 to 6 places is 0, and -0.0000004 too, never -0.
        assert_eq!(round(num("-0.0000004"), 6).to_string(), "0");
        assert!(!round(num("-0.0000004"), 6).is_sign_negative());
    }

    /// The rounding as it was first written, with rust_decimal's own.
    fn by_rust_decimal(n: Decimal, dp: u32) -> Decimal {
        n.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize()
    }

    fn same(n: Decimal, dp: u32) {
        let (fast, reference) = (round(n, dp), by_rust_decimal(n, dp));
        // The same number, scale and sign: the same text wherever it is written.
        assert_eq!(fast.serialize(), reference.serialize(), "{n:?} to {dp}");
    }

    #[test]
    fn rounding_is_rust_decimal_s_own() {
        // Midpoints and their neighbours, carries, zeros with a scale and a sign, the extremes.
        let edges = [
            "0.5",
            "-0.5",
            "0.05",
            "0.049999",
            "2.45",
            "-2.45",
            "9.95",
            "99.9999995",
            "-99.99999949",
            "0",
            "-0",
            "0.000",
            "-0.0000000000000000000000000001",
            "0.0000000000000000000000000005",
            "100.000000",
            "18446744073709551615",
            "18446744073709551616",
            "1844674407370955161.6",
            "1234567890.1234567895",
        ];
        for text in edges {
            for dp in [0, 1, 2, 6, 10, 27, 28, 30] {
                same(num(text), dp);
            }
        }
        for n in [Decimal::MAX, Decimal::MIN, -Decimal::new(0, 5), Decimal::new(5, 28), Decimal::new(-5, 28)] {
            for dp in 0..=29 {
                same(n, dp);
            }
        }
        // Mantissas of every length up to 96 bits at every scale, either sign, from a fixed sequence;
        // some end in fives and zeros, where rounding and the trailing zeros are decided.
        let mut seed: u128 = 0x2545_f491_4f6c_dd1d;
        for i in 0..200_000u32 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let mut mantissa = (seed >> 32) % (1u128 << 96);
            mantissa >>= (seed as u32) % 96;
            match i % 4 {
                1 => mantissa = mantissa / 10 * 10 + 5,
                2 => mantissa = mantissa / 1000 * 1000,
                _ => {}
            }
            let signed = if i % 2 == 0 { mantissa as i128 } else { -(mantissa as i128) };
            let n = Decimal::from_i128_with_scale(signed, (seed >> 8) as u32 % 29);
            same(n, (seed >> 16) as u32 % 31);
        }
    }
}
