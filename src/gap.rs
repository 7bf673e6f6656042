//! The scostamento: how far an indicator's value is from its target, as
//! the value minus the target and in percent of the target. The OIV asks
//! for it beside every indicator, with its motivazione.

use rust_decimal::Decimal;

use crate::target::Target;
use crate::value::Value;

/// Value minus target, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// For a number target: v − T in the indicator's unit (a fraction for
    /// percents), and 100·(v − T)/|T| when T is not 0.
    Number { difference: Decimal, percent_of_target: Option<Decimal> },
    /// For a deadline: the day of the value minus the deadline, in days
    /// (positive when late).
    Days(i64),
}

/// The scostamento of `value` from `target`, when both are numbers or both
/// dates; `None` for booleans and mismatched kinds, or beyond 28 digits.
pub fn gap(target: &Target, value: &Value) -> Option<Gap> {
    match (target, value) {
        (Target::Number { value: t, .. }, Value::Number(v)) => {
            let difference = v.checked_sub(*t)?;
            let percent_of_target = if t.is_zero() {
                None
            } else {
                difference.checked_mul(Decimal::ONE_HUNDRED).and_then(|d| d.checked_div(t.abs()))
            };
            Some(Gap::Number { difference, percent_of_target })
        }
        // A range: the distance from the bound that was missed, 0 within it.
        (Target::Range { low, high }, Value::Number(v)) => {
            let bound = if v < low {
                low
            } else if v > high {
                high
            } else {
                v
            };
            gap(&Target::Number { comparison: crate::target::Comparison::Exactly, value: *bound }, value)
        }
        (Target::Deadline(t), Value::Date(v)) => Some(Gap::Days((*v - *t).num_days())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Comparison;
    use chrono::NaiveDate;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn value_minus_target_and_in_percent_of_it() {
        let at_least = Target::Number { comparison: Comparison::AtLeast, value: d("1.05") };
        // 0.96 − 1.05 = −0.09; −0.09 / 1.05 · 100 = −8.571428…
        let Some(Gap::Number { difference, percent_of_target: Some(p) }) = gap(&at_least, &Value::Number(d("0.96")))
        else {
            panic!("a number gap")
        };
        assert_eq!(difference, d("-0.09"));
        assert_eq!(p.round_dp(6), d("-8.571429"));
        // A negative target: −0.0231 − (−0.12) = 0.0969, 0.0969 / 0.12 · 100 = 80.75.
        let negative = Target::Number { comparison: Comparison::AtLeast, value: d("-0.12") };
        assert_eq!(
            gap(&negative, &Value::Number(d("-0.0231"))),
            Some(Gap::Number { difference: d("0.0969"), percent_of_target: Some(d("80.75")) })
        );
        let zero = Target::Number { comparison: Comparison::AtMost, value: Decimal::ZERO };
        assert_eq!(
            gap(&zero, &Value::Number(d("3"))),
            Some(Gap::Number { difference: d("3"), percent_of_target: None })
        );
        let day = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
        assert_eq!(gap(&Target::Deadline(day(3, 31)), &Value::Date(day(4, 5))), Some(Gap::Days(5)));
        assert_eq!(gap(&Target::Boolean(true), &Value::Bool(false)), None);
        // Between 0.8 and 0.9: 0.75 misses the lower bound by 0.05 (6.25 % of it); 0.85 misses nothing.
        let range = Target::Range { low: d("0.8"), high: d("0.9") };
        assert_eq!(
            gap(&range, &Value::Number(d("0.75"))),
            Some(Gap::Number { difference: d("-0.05"), percent_of_target: Some(d("-6.25")) })
        );
        assert_eq!(
            gap(&range, &Value::Number(d("0.85"))),
            Some(Gap::Number { difference: Decimal::ZERO, percent_of_target: Some(Decimal::ZERO) })
        );
        assert_eq!(gap(&Target::Deadline(day(3, 31)), &Value::Number(d("1"))), None);
    }
}
