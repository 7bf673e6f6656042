//! Dates for a reader, day first as Italian bodies write them: `31-03-2024`
//! in Italian, `31/03/2024` in English (README, "Language").

use chrono::NaiveDate;

use super::Style;
use crate::value::NumberFormat;

/// A day in the reader's form. English keeps the day first, as the body's
/// own documents do, with the slashes an English reader writes.
pub fn date(d: NaiveDate, style: Style) -> String {
    day_first(d, style.numbers)
}

/// A day, day first, in the form of `numbers`.
pub(super) fn day_first(d: NaiveDate, numbers: NumberFormat) -> String {
    match numbers {
        NumberFormat::Italian => d.format("%d-%m-%Y").to_string(),
        NumberFormat::English => d.format("%d/%m/%Y").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_first_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(day_first(d, NumberFormat::Italian), "31-03-2024");
        assert_eq!(day_first(d, NumberFormat::English), "31/03/2024");
    }
}
