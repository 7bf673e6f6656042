//! A value that may be missing, in 16 bytes where `Option<Value>` takes 20:
//! each of a national plan's million results holds one (README, "National
//! scale").

use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::value::Value;

/// A number's exact 16 bytes as `Decimal::serialize` gives them, whose first
/// byte (the low byte of the flags) a decimal always leaves zero; or, marked
/// in that byte, none, a day (its number from the fifth byte on) or a yes/no
/// (the fifth byte).
#[derive(Clone, Copy)]
pub struct MaybeValue([u8; 16]);

const NUMBER: u8 = 0;
const NONE: u8 = 1;
const DATE: u8 = 2;
const BOOL: u8 = 3;

impl MaybeValue {
    pub const NONE: MaybeValue = MaybeValue([NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    /// The value, exactly as it was kept (a number's digits, scale and sign).
    pub fn get(self) -> Option<Value> {
        let bytes = self.0;
        match bytes[0] {
            NUMBER => Some(Value::Number(Decimal::deserialize(bytes))),
            DATE => {
                let days = i32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]);
                NaiveDate::from_num_days_from_ce_opt(days).map(Value::Date)
            }
            BOOL => Some(Value::Bool(bytes[4] != 0)),
            _ => None,
        }
    }

    pub fn is_some(self) -> bool {
        self.0[0] != NONE
    }
}

impl Default for MaybeValue {
    fn default() -> Self {
        MaybeValue::NONE
    }
}

impl From<Option<Value>> for MaybeValue {
    fn from(value: Option<Value>) -> Self {
        let mut bytes = [0; 16];
        match value {
            None => bytes[0] = NONE,
            Some(Value::Number(n)) => bytes = n.serialize(),
            Some(Value::Date(d)) => {
                bytes[0] = DATE;
                bytes[4..8].copy_from_slice(&d.num_days_from_ce().to_le_bytes());
            }
            Some(Value::Bool(b)) => {
                bytes[0] = BOOL;
                bytes[4] = u8::from(b);
            }
        }
        MaybeValue(bytes)
    }
}

/// Equal as the values are: 1.0 and 1.00 are the same figure.
impl PartialEq for MaybeValue {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for MaybeValue {}

impl fmt::Debug for MaybeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers keep their digits, scale and sign (1.50 stays 1.50, -0 stays
    /// negative, the largest and smallest decimals and the smallest step come
    /// back), days from the first of year 1 to the last of 9999 and both
    /// yes/no come back as they went in, and none is none.
    #[test]
    fn a_value_comes_back_exactly() {
        assert_eq!(std::mem::size_of::<MaybeValue>(), 16);
        let numbers =
            [Decimal::new(150, 2), -Decimal::ZERO, Decimal::ZERO, Decimal::MAX, Decimal::MIN, Decimal::new(1, 28)];
        let days =
            [(1, 1, 1), (2024, 2, 29), (9999, 12, 31)].map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let values =
            numbers.map(Value::Number).into_iter().chain(days.map(Value::Date)).chain([true, false].map(Value::Bool));
        for value in values {
            let kept = MaybeValue::from(Some(value));
            assert!(kept.is_some());
            assert_eq!(kept.get(), Some(value));
            if let (Value::Number(n), Some(Value::Number(back))) = (value, kept.get()) {
                assert_eq!((back.to_string(), back.is_sign_negative()), (n.to_string(), n.is_sign_negative()));
            }
        }
        assert_eq!((MaybeValue::from(None).get(), MaybeValue::default().is_some()), (None, false));
    }
}
