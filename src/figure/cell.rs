//! Values as a file kpi writes holds them, to be read back exactly: the
//! template's values, the cells of a spreadsheet read as text. No thousands
//! separator and every decimal kept, so nothing is rounded and no number is
//! one the other format reads differently: `85,37 %`, `1336 N.`, `1,3360`,
//! `31-03-2024`, `SI`.

use rust_decimal::Decimal;

use super::date::day_first;
use super::number::{in_unit, ungrouped};
use crate::unit::Unit;
use crate::value::{NumberFormat, Value};

/// A value as a cell of a file in `format`, read back the same by `kpi eval`.
pub fn value(v: &Value, unit: Option<&Unit>, format: NumberFormat) -> String {
    match v {
        Value::Number(n) => in_unit(*n, unit, |n| number(n, format), |p| format!("{} %", number(p, format))),
        // The plans' own spellings, which every file kpi reads accepts.
        Value::Date(d) => day_first(*d, NumberFormat::Italian),
        Value::Bool(true) => "SI".into(),
        Value::Bool(false) => "NO".into(),
    }
}

/// A number with all its decimals and no thousands. Three decimals would
/// read as thousands in the other format (`1,336`): a trailing zero keeps
/// the value and removes the doubt (`1,3360`).
pub fn number(n: Decimal, format: NumberFormat) -> String {
    let mut text = ungrouped(n, format);
    let decimals = text.split_once([',', '.']).map_or(0, |(_, f)| f.len());
    if decimals == 3 {
        text.push('0');
    }
    text
}

/// A number cell as a spreadsheet shows it by default, for cells that hold
/// no value (codes, names, years): `2024`, `1.5`, `14.67%`.
pub fn as_spreadsheet_shows(n: Decimal, percent: bool) -> String {
    match n.checked_mul(Decimal::ONE_HUNDRED) {
        Some(points) if percent => format!("{}%", points.normalize()),
        _ => n.normalize().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn cells_read_back_the_same() {
        use NumberFormat::{English, Italian};
        assert_eq!(value(&Value::Number(d("0.8537")), Some(&Unit::Percent), Italian), "85,37 %");
        assert_eq!(value(&Value::Number(d("1336")), Some(&Unit::Count), Italian), "1336 N.");
        assert_eq!(value(&Value::Number(d("-7.50")), None, Italian), "-7,5");
        assert_eq!(value(&Value::Number(d("1.336")), None, Italian), "1,3360");
        assert_eq!(value(&Value::Number(d("1.336")), None, English), "1.3360");
        assert_eq!(value(&Value::Bool(true), None, English), "SI");
        assert_eq!(as_spreadsheet_shows(d("0.1467"), true), "14.67%");
        assert_eq!(as_spreadsheet_shows(d("2024"), false), "2024");
    }
}
