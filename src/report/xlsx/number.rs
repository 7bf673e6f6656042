//! A cell's number as the sheet holds it: the text of the float nearest to
//! the decimal, the shortest that reads back as that float (how
//! rust_xlsxwriter writes a number, and how the column is measured).
//!
//! Most numbers are short decimals, and their float's text is their own
//! digits: a decimal of at most 15 significant digits reads back from its
//! float unchanged (every such decimal has a float of its own), and no
//! shorter text does, since it would be another such decimal with the same
//! float. So such a decimal is kept as its digits and written without going
//! through a float; any other number is kept as its float.

use rust_decimal::Decimal;

/// The largest mantissa written as its own digits: 15 significant digits.
const MAX_SHORT: u64 = 999_999_999_999_999;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// `mantissa` × 10^-`scale`: at most 15 digits, none of them a trailing
    /// zero after the point; never a negative zero.
    Short {
        mantissa: i64,
        scale: u8,
    },
    Float(f64),
}

impl Number {
    /// The number of a decimal (its float: the nearest to it).
    pub fn of(n: Decimal) -> Number {
        // The mantissa as 64 bits first: a 128-bit remainder is a call of its own.
        let short = i64::try_from(n.mantissa()).ok().zip(u8::try_from(n.scale()).ok()).filter(|&(mantissa, scale)| {
            mantissa.unsigned_abs() <= MAX_SHORT
                && (scale == 0 || mantissa % 10 != 0)
                && !(mantissa == 0 && n.is_sign_negative())
        });
        match short {
            Some((mantissa, scale)) => Number::Short { mantissa, scale },
            None => Number::Float(super::float(n)),
        }
    }

    /// A float: a whole one (a day's serial number) as its digits.
    pub fn float(f: f64) -> Number {
        let whole = f.fract() == 0.0 && f.abs() <= MAX_SHORT as f64 && !(f == 0.0 && f.is_sign_negative());
        if whole {
            Number::Short { mantissa: f as i64, scale: 0 }
        } else {
            Number::Float(f)
        }
    }

    /// Writes the float's shortest text.
    pub fn write(self, out: &mut Vec<u8>) {
        match self {
            Number::Short { mantissa, scale } => {
                let at = out.len();
                out.resize(at + self.len(), 0);
                write_short(mantissa, scale, &mut out[at..]);
            }
            // The float's shortest text, as the library writes it.
            Number::Float(f) => {
                let _ = std::io::Write::write_fmt(out, format_args!("{f}"));
            }
        }
    }

    /// How long its text is.
    pub fn len(self) -> usize {
        match self {
            Number::Short { mantissa, scale } => {
                // Counted, not written: a zero is one digit.
                let digits = digit_count(mantissa.unsigned_abs());
                let sign = usize::from(mantissa < 0);
                let scale = usize::from(scale);
                match scale {
                    0 => sign + digits,
                    // The point, and the 0 before it when there is no whole part.
                    _ => sign + digits.max(scale + 1) + 1,
                }
            }
            Number::Float(f) => {
                let mut length = Length(0);
                let _ = std::fmt::Write::write_fmt(&mut length, format_args!("{f}"));
                length.0
            }
        }
    }
}

/// A short number's text, written from its last digit to its first into
/// `out`, which is exactly as long as the text ([`Number::len`]): the
/// fraction's `scale` digits (its leading zeros too), the point, the whole
/// part (at least a 0), the sign; straight into place, no digits copied.
pub fn write_short(mantissa: i64, scale: u8, out: &mut [u8]) {
    let scale = usize::from(scale);
    let point = usize::from(scale > 0);
    let Some((head, fraction)) = out.split_at_mut_checked(out.len().saturating_sub(scale)) else { return };
    let rest = write_digits(mantissa.unsigned_abs(), fraction);
    let Some((head, dot)) = head.split_at_mut_checked(head.len().saturating_sub(point)) else { return };
    dot.fill(b'.');
    let Some((sign, whole)) = head.split_at_mut_checked(usize::from(mantissa < 0)) else { return };
    sign.fill(b'-');
    write_digits(rest, whole);
}

/// The digits 00 to 99.
const PAIRS: [[u8; 2]; 100] = {
    let mut pairs = [[0; 2]; 100];
    let mut n = 0;
    while n < 100 {
        pairs[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    pairs
};

/// Writes `n`'s last `out.len()` digits into `out` (zeros once they run
/// out), two at a time from the end; what is left of `n`.
pub fn write_digits(mut n: u64, out: &mut [u8]) -> u64 {
    let (odd, pairs) = out.as_rchunks_mut::<2>();
    for pair in pairs.iter_mut().rev() {
        *pair = PAIRS[(n % 100) as usize];
        n /= 100;
    }
    if let [digit] = odd {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
    n
}

/// How many digits `n` has: a zero is one.
pub fn digit_count(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Counts the bytes written, for a number's text without making it.
struct Length(usize);

impl std::fmt::Write for Length {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s.len();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The float's own text, as the sheet wrote every number before.
    fn float_text(f: f64) -> String {
        format!("{f}")
    }

    /// The text of the float read from the decimal's text, as the sheet wrote every decimal before.
    fn decimal_text(n: Decimal) -> String {
        float_text(n.to_string().parse().unwrap())
    }

    fn written(n: Number) -> String {
        let mut out = Vec::new();
        n.write(&mut out);
        assert_eq!(n.len(), out.len(), "{n:?}");
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_decimal_is_written_as_its_floats_shortest_text() {
        let cases = [
            "0",
            "1",
            "-1",
            "0.8",
            "-0.1",
            "100",
            "77.701106",
            "-0.0424339472",
            "0.05",
            "1.5",
            "123456789012345",
            "-999999999999999",
            "0.000000000000001",
            "0.0000000000000000000000000001",
            "99999999999999.9",
            // Beyond 15 digits, a trailing zero, a negative zero: kept as floats.
            "1234567890123456",
            "0.1234567890123456789",
            "1.50",
            "-0",
            "-0.00",
            "79228162514264337593543950335",
        ];
        // A zero with its sign set, as the decimal allows.
        let mut negative_zero = Decimal::ZERO;
        negative_zero.set_sign_negative(true);
        assert_eq!(written(Number::of(negative_zero)), decimal_text(negative_zero));
        for case in cases {
            let n: Decimal = case.parse().unwrap();
            assert_eq!(written(Number::of(n)), decimal_text(n), "{case}");
        }
        assert!(matches!(Number::of("0.8".parse().unwrap()), Number::Short { mantissa: 8, scale: 1 }));
        assert!(matches!(Number::of("1.50".parse().unwrap()), Number::Float(_)));
        assert!(matches!(Number::of("1234567890123456".parse().unwrap()), Number::Float(_)));
    }

    #[test]
    fn many_decimals_of_up_to_15_digits_are_their_floats_text() {
        // A fixed sequence of mantissas of 1 to 15 digits at every scale
        // (a linear congruential generator, Knuth's constants).
        let mut state: u64 = 1;
        for i in 0..200_000u32 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let digits = 1 + i % 15;
            let mantissa = (state >> 11) % 10u64.pow(digits);
            let scale = (state >> 3) as u32 % 29;
            let sign = if state & 1 == 1 { -1 } else { 1 };
            let n = Decimal::from_i128_with_scale(i128::from(mantissa) * sign, scale).normalize();
            assert_eq!(written(Number::of(n)), decimal_text(n), "{n}");
        }
    }

    #[test]
    fn whole_floats_are_their_digits() {
        for f in [45_473.0, 0.0, -3.0, 1e15, 1e16, -0.0, 0.25, 1e300] {
            assert_eq!(written(Number::float(f)), float_text(f), "{f}");
        }
        assert!(matches!(Number::float(45_473.0), Number::Short { mantissa: 45_473, scale: 0 }));
        assert!(matches!(Number::float(-0.0), Number::Float(_)));
    }
}
