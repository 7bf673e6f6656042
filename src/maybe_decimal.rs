//! A decimal that may be missing, in 16 bytes where `Option<Decimal>` takes
//! 20: a node holds one (its weight) and its result three, and a plan of a
//! million indicators a million of each (README, "National scale").

use std::fmt;

use rust_decimal::Decimal;

/// The decimal's exact 16 bytes as `Decimal::serialize` gives them, or a
/// mark for none in the low byte of the flags, which a decimal always
/// leaves zero.
#[derive(Clone, Copy)]
pub struct MaybeDecimal([u8; 16]);

const NONE_MARK: u8 = 1;

impl MaybeDecimal {
    pub const NONE: MaybeDecimal = MaybeDecimal([NONE_MARK, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    pub const fn some(value: Decimal) -> Self {
        MaybeDecimal(value.serialize())
    }

    /// The decimal, exactly as it was stored (its digits, scale and sign).
    pub fn get(self) -> Option<Decimal> {
        self.is_some().then(|| Decimal::deserialize(self.0))
    }

    pub fn is_some(self) -> bool {
        self.0[0] != NONE_MARK
    }

    pub fn is_none(self) -> bool {
        !self.is_some()
    }
}

impl Default for MaybeDecimal {
    fn default() -> Self {
        MaybeDecimal::NONE
    }
}

impl From<Option<Decimal>> for MaybeDecimal {
    fn from(value: Option<Decimal>) -> Self {
        value.map_or(MaybeDecimal::NONE, MaybeDecimal::some)
    }
}

impl From<Decimal> for MaybeDecimal {
    fn from(value: Decimal) -> Self {
        MaybeDecimal::some(value)
    }
}

/// Equal as the decimals are: 1.0 and 1.00 are the same figure.
impl PartialEq for MaybeDecimal {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for MaybeDecimal {}

impl fmt::Debug for MaybeDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    /// Digits, scale and sign come back as they went in: 1.50 keeps its
    /// scale 2, -0.0424339472 stays negative with scale 10, and zero, the
    /// largest decimal and the smallest step are not mistaken for none.
    #[test]
    fn a_decimal_comes_back_exactly() {
        let texts = [
            "1.50",
            "-0.0424339472",
            "0",
            "-0.00",
            "100",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ];
        for text in texts {
            let d = Decimal::from_str(text).unwrap();
            let back = MaybeDecimal::some(d).get().unwrap();
            assert_eq!(back.to_string(), d.to_string());
            assert_eq!(
                (back.scale(), back.is_sign_negative(), back.mantissa()),
                (d.scale(), d.is_sign_negative(), d.mantissa())
            );
        }
        assert_eq!(MaybeDecimal::default().get(), None);
        assert_eq!(MaybeDecimal::from(None), MaybeDecimal::NONE);
        assert_eq!(MaybeDecimal::some(Decimal::from_str("1.0").unwrap()), MaybeDecimal::some(Decimal::ONE));
        assert_eq!(std::mem::size_of::<MaybeDecimal>(), 16);
    }
}
