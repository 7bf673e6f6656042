//! Figures as the human outputs write them (the table, Markdown, years side
//! by side, the workbook, the Relazione, `explain`, `kpi needs`): rounded
//! for reading, thousands grouped, in the reader's [`Style`]: `104,67 %`,
//! `1.336 N.`, `>= 105,00 %`, `entro 31-03-2024`, `SI`.

use rust_decimal::Decimal;

use super::number::{grouped, in_unit, points};
use super::{date, Style};
use crate::target::Target;
use crate::unit::Unit;
use crate::value::Value;

/// A number with as many decimals as it needs, up to two (four below 1).
fn number(n: Decimal, style: Style) -> String {
    let places = if n.abs() < Decimal::ONE && !n.is_zero() { 4 } else { 2 };
    grouped(n, style.numbers, places, 0)
}

/// A value in its unit: `104,67 %`, `1.336 N.`, `0,1875`, `31-03-2024`, `SI`.
pub fn value(v: &Value, unit: Option<&Unit>, style: Style) -> String {
    match v {
        Value::Number(n) => in_unit(*n, unit, |n| number(n, style), |p| points(p, style.numbers)),
        Value::Date(d) => date(*d, style),
        Value::Bool(true) => style.yes.into(),
        Value::Bool(false) => style.no.into(),
    }
}

/// A value in full, nothing rounded away, as `kpi needs` asks for it: a
/// percent ×100 with up to 8 decimals, any other number with up to 10.
pub fn full(v: &Value, unit: Option<&Unit>, style: Style) -> String {
    match v {
        Value::Number(n) => {
            in_unit(*n, unit, |n| exact(n, style), |p| format!("{} %", grouped(p, style.numbers, 8, 2)))
        }
        other => value(other, unit, style),
    }
}

/// A target as plans write it: `>= 105,00 %`, `tra 80,00 % e 90,00 %`,
/// `entro 31-03-2024`, `SI`.
pub fn target(t: &Target, unit: Option<&Unit>, style: Style) -> String {
    let number = |n: &Decimal| value(&Value::Number(*n), unit, style);
    match t {
        Target::Number { comparison, value: v } => format!("{} {}", comparison.symbol(), number(v)),
        Target::Range { low, high } => format!("{} {} {} {}", style.between, number(low), style.and, number(high)),
        Target::Deadline(d) => format!("{} {}", style.by, date(*d, style)),
        Target::Boolean(b) => value(&Value::Bool(*b), None, style),
    }
}

/// A score or coverage, and a product of weights and scores: `72,73`.
pub fn score(s: Decimal, style: Style) -> String {
    grouped(s, style.numbers, 2, 2)
}

/// A weight, a cap, a count of days: `20`, `33,34`.
pub fn weight(w: Decimal, style: Style) -> String {
    grouped(w, style.numbers, 2, 0)
}

/// An operand of `explain`'s arithmetic: as many decimals as it has, up to
/// six (`0,84`, `1.336`).
pub fn figure(n: Decimal, style: Style) -> String {
    grouped(n, style.numbers, 6, 0)
}

/// An operand after an operator: `(-0,15)` for a negative.
pub fn operand(n: Decimal, style: Style) -> String {
    if n.is_sign_negative() && !n.is_zero() {
        format!("({})", figure(n, style))
    } else {
        figure(n, style)
    }
}

/// A value read from the actuals, shown in full (`2.923,681`).
pub fn exact(n: Decimal, style: Style) -> String {
    grouped(n, style.numbers, 10, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Comparison;
    use crate::value::NumberFormat;
    use chrono::NaiveDate;
    use std::str::FromStr;

    const ITALIAN: Style =
        Style { numbers: NumberFormat::Italian, yes: "SI", no: "NO", by: "entro", between: "tra", and: "e" };
    const ENGLISH: Style =
        Style { numbers: NumberFormat::English, yes: "YES", no: "NO", by: "by", between: "between", and: "and" };

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn figures_read_the_italian_way() {
        let it = ITALIAN;
        assert_eq!(value(&Value::Number(d("1.046666")), Some(&Unit::Percent), it), "104,67 %");
        assert_eq!(value(&Value::Number(d("1336")), Some(&Unit::Count), it), "1.336 N.");
        assert_eq!(value(&Value::Number(d("0.18751")), None, it), "0,1875");
        let at_most = Target::Number { comparison: Comparison::AtMost, value: d("2") };
        assert_eq!(target(&at_most, Some(&Unit::Days), it), "<= 2 gg");
        let at_least = Target::Number { comparison: Comparison::AtLeast, value: d("1.05") };
        assert_eq!(target(&at_least, Some(&Unit::Percent), it), ">= 105,00 %");
        let deadline = Target::Deadline(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(target(&deadline, None, it), "entro 31-03-2024");
        let range = Target::Range { low: d("0.8"), high: d("0.9") };
        assert_eq!(target(&range, Some(&Unit::Percent), it), "tra 80,00 % e 90,00 %");
        assert_eq!(score(d("72.727272"), it), "72,73");
        assert_eq!(weight(d("33.335"), it), "33,34");
        assert_eq!(operand(d("-0.15"), it), "(-0,15)");
        assert_eq!(exact(d("2923.681"), it), "2.923,681");
        // a needed percent keeps up to 8 decimals: 0.9259259259 is 92,59259259 %
        assert_eq!(full(&Value::Number(d("0.9259259259")), Some(&Unit::Percent), it), "92,59259259 %");
    }

    #[test]
    fn figures_read_the_english_way() {
        assert_eq!(value(&Value::Number(d("0.925925")), Some(&Unit::Percent), ENGLISH), "92.59 %");
        assert_eq!(value(&Value::Number(d("1336")), Some(&Unit::Count), ENGLISH), "1,336 N.");
        let deadline = Target::Deadline(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(target(&deadline, None, ENGLISH), "by 31/03/2024");
        let range = Target::Range { low: d("0.8"), high: d("0.9") };
        assert_eq!(target(&range, Some(&Unit::Percent), ENGLISH), "between 80.00 % and 90.00 %");
        assert_eq!(value(&Value::Bool(true), None, ENGLISH), "YES");
        assert_eq!(score(d("72.727272"), ENGLISH), "72.73");
        assert_eq!(exact(d("2923.681"), ENGLISH), "2,923.681");
    }
}
