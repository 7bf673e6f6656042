//! Values as offices write them (README, "Values"): Italian and English numbers, percents,
//! unit words, dates, booleans and the many spellings of "nothing".
//!
//! A number is never misread silently: every token is read by its file's
//! [`NumberFormat`], and a token that the other format would read differently is
//! reported as [`Reading::Ambiguous`] so the caller can warn once per file.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::unit::Unit;

/// A value kpi computes with. Percents are already fractions (`105 %` is 1.05).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Number(Decimal),
    Date(NaiveDate),
    Bool(bool),
}

impl Value {
    /// The kind's name, for messages such as "a date cannot be compared with a number".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Number(_) => "number",
            Value::Date(_) => "date",
            Value::Bool(_) => "yes/no value",
        }
    }

    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// How a file writes its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// `1.234,5`: comma decimal point, dots group thousands.
    Italian,
    /// `1,234.5`: dot decimal point, commas group thousands.
    English,
}

impl NumberFormat {
    /// The format in words, for messages: `Italian`, `English`.
    pub fn language(self) -> &'static str {
        match self {
            NumberFormat::Italian => "Italian",
            NumberFormat::English => "English",
        }
    }

    fn other(self) -> NumberFormat {
        match self {
            NumberFormat::Italian => NumberFormat::English,
            NumberFormat::English => NumberFormat::Italian,
        }
    }
}

impl fmt::Display for NumberFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NumberFormat::Italian => "it",
            NumberFormat::English => "en",
        })
    }
}

/// A cell read as a value, with what is needed to display it the way it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub value: Value,
    /// Percent for percents, the unit word (`gg`, `N.`, `€`) otherwise.
    pub unit: Option<Unit>,
}

/// The outcome of reading one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Empty, `N/D`, `ND`, `n.d.` or `-`.
    Nothing,
    Value(Parsed),
    /// Read by the file's format, but the other format reads it differently
    /// (`1.336` is 1336 in Italian and 1.336 in English).
    Ambiguous(Parsed),
}

impl Reading {
    pub fn parsed(self) -> Option<Parsed> {
        match self {
            Reading::Nothing => None,
            Reading::Value(p) | Reading::Ambiguous(p) => Some(p),
        }
    }
}

/// Why a cell is not a value. The caller adds file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ValueError(pub String);

/// Words meaning "no value".
pub fn is_nothing(text: &str) -> bool {
    let t = text.trim();
    if t.is_ascii() {
        // Every cell of a large plan comes here: ASCII text is folded without a copy.
        return t.is_empty() || ["n/d", "nd", "n.d.", "n.d", "-"].iter().any(|word| t.eq_ignore_ascii_case(word));
    }
    ["—", "–"].contains(&t.to_lowercase().as_str())
}

/// Reads a boolean in any of the accepted spellings.
pub fn parse_bool(text: &str) -> Option<bool> {
    let t = text.trim();
    if t.is_ascii() {
        let is = |words: &[&str]| words.iter().any(|word| t.eq_ignore_ascii_case(word));
        return if is(&["si", "yes", "true", "vero"]) {
            Some(true)
        } else if is(&["no", "false", "falso"]) {
            Some(false)
        } else {
            None
        };
    }
    match t.to_lowercase().as_str() {
        "si" | "sì" | "sí" | "yes" | "true" | "vero" => Some(true),
        "no" | "false" | "falso" => Some(false),
        _ => None,
    }
}

/// Reads a year: exactly four ASCII digits (`2024`; never `24` nor `+202`).
pub fn parse_year(text: &str) -> Option<i32> {
    let &[a, b, c, d] = text.trim().as_bytes() else { return None };
    let digits = [a, b, c, d];
    // Four digits, read as their number without the general parser: a year is on every actuals row.
    digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, &b| n * 10 + i32::from(b - b'0')))
}

/// Reads a calendar day: `31-03-2024`, `31/03/2024`, `31.03.2024` or `2024-03-31`.
/// Only 4-digit years are accepted, so `31-12-24` is never year 24.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // Three runs of digits split by the same one of `-`, `/`, `.`; anything else is no date.
    let mut parts = [""; 3];
    let mut separators = [0u8; 2];
    let (mut found, mut start) = (0, 0);
    for (i, b) in t.bytes().enumerate() {
        if matches!(b, b'-' | b'/' | b'.') {
            if found == 2 {
                return None;
            }
            (parts[found], separators[found]) = (&t[start..i], b);
            (found, start) = (found + 1, i + 1);
        } else if !b.is_ascii_digit() {
            return None;
        }
    }
    parts[2] = &t[start..];
    if found != 2 || parts.iter().any(|p| p.is_empty()) || separators[0] != separators[1] {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 && parts[2].len() <= 2 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 && parts[0].len() <= 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    if m.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// What a date cell written in words or without its year reads as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateReading {
    /// Not written as a date at all.
    NotADate,
    Date(NaiveDate),
    /// A day and month (`31/12`, `30 giugno`, `fine anno`) with no year to take.
    NeedsYear,
    /// Written as a date, but no such day (`31 giugno 2024`).
    Invalid(String),
}

/// A month name in Italian or English, full or in three letters (`giugno`,
/// `giu`, `June`, `jun.`).
fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let mut folded = [0u8; 9];
    let w: std::borrow::Cow<str> = if word.is_ascii() {
        // No month is longer than nine letters: a longer word is none, without a copy.
        let folded = folded.get_mut(..word.len())?;
        folded.copy_from_slice(word.as_bytes());
        folded.make_ascii_lowercase();
        std::str::from_utf8(folded).ok()?.into()
    } else {
        word.to_lowercase().into()
    };
    let w = w.as_ref();
    const MONTHS: [(&str, &str, &str); 12] = [
        ("gennaio", "january", "jan"),
        ("febbraio", "february", "feb"),
        ("marzo", "march", "mar"),
        ("aprile", "april", "apr"),
        ("maggio", "may", "may"),
        ("giugno", "june", "jun"),
        ("luglio", "july", "jul"),
        ("agosto", "august", "aug"),
        ("settembre", "september", "sep"),
        ("ottobre", "october", "oct"),
        ("novembre", "november", "nov"),
        ("dicembre", "december", "dec"),
    ];
    let italian_short = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"];
    MONTHS
        .iter()
        .zip(italian_short)
        .position(|((it, en, en_short), it_short)| {
            [*it, *en, *en_short, it_short].contains(&w) || (w == "sept" && *en_short == "sep")
        })
        .map(|i| i as u32 + 1)
}

/// The last day of a month.
fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 { (year.checked_add(1)?, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// Reads a date as targets and soglie write it (README, Targets): `31-03-2024`;
/// in words, `30 giugno 2024`, `30 giu 2024`, `June 30, 2024`; a month alone,
/// `dicembre 2024`, for its last day; without a year, `31/12`, `30 giugno`,
/// `dicembre` and `fine anno` (31 December), which take `year` when given.
pub fn parse_date_in_words(text: &str, year: Option<i32>) -> DateReading {
    let t = text.trim();
    if let Some(d) = parse_date(t) {
        return DateReading::Date(d);
    }
    if !t.bytes().any(|b| b.is_ascii_alphabetic()) {
        // Without a letter there is no month and no `fine`: only a day and month in digits, alone.
        let mut words = t.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
        return match (words.next(), words.next()) {
            (Some(dm), None) => match yearless_numeric(dm) {
                Some((day, month, written_year)) => resolve_day(t, day, month, written_year.or(year)),
                None => DateReading::NotADate,
            },
            _ => DateReading::NotADate,
        };
    }
    date_from_words(t, year, month_number)
}

/// The date a text with letters writes in words, the month's name read by
/// `month_number` (the tests give the reader as first written, to compare).
fn date_from_words(t: &str, year: Option<i32>, month_number: impl Fn(&str) -> Option<u32>) -> DateReading {
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let is_day = |w: &str| {
        let w = w.trim_end_matches(['°', 'º']);
        (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let day_of = |w: &str| w.trim_end_matches(['°', 'º']).parse::<u32>().ok();
    let year_of = |w: &str| parse_year(w);
    // (day or None for the month's last day, month, year written or None)
    let parts: Option<(Option<u32>, u32, Option<i32>)> = match words.as_slice() {
        ["fine", "anno"] | ["fine", "dell'anno"] | ["fine", "d'anno"] | ["fine", "dell’anno"] => {
            Some((None, 12, None))
        }
        [d, m] if is_day(d) && month_number(m).is_some() => Some((day_of(d), month_number(m).unwrap_or(1), None)),
        [m, d] if is_day(d) && month_number(m).is_some() => Some((day_of(d), month_number(m).unwrap_or(1), None)),
        [d, m, y] if is_day(d) && month_number(m).is_some() && year_of(y).is_some() => {
            Some((day_of(d), month_number(m).unwrap_or(1), year_of(y)))
        }
        [m, d, y] if is_day(d) && month_number(m).is_some() && year_of(y).is_some() => {
            Some((day_of(d), month_number(m).unwrap_or(1), year_of(y)))
        }
        [m, y] if month_number(m).is_some() && year_of(y).is_some() => {
            Some((None, month_number(m).unwrap_or(1), year_of(y)))
        }
        ["fine", m, y] if month_number(m).is_some() && year_of(y).is_some() => {
            Some((None, month_number(m).unwrap_or(1), year_of(y)))
        }
        ["fine", m] if month_number(m).is_some() => Some((None, month_number(m).unwrap_or(1), None)),
        [m] if month_number(m).is_some() && m.len() > 3 => Some((None, month_number(m).unwrap_or(1), None)),
        [dm] => yearless_numeric(dm),
        _ => None,
    };
    let Some((day, month, written_year)) = parts else {
        return DateReading::NotADate;
    };
    resolve_day(t, day, month, written_year.or(year))
}

/// Reads the date after a deadline word (`entro il 31.12`): any form of
/// [`parse_date_in_words`], and also a day and month with a dot, `31.12`, as
/// Italian plans write them. Only there: elsewhere `31.12` is a number
/// (README, "Targets").
pub fn parse_deadline_date(text: &str, year: Option<i32>) -> DateReading {
    let t = text.trim();
    match parse_date_in_words(t, year) {
        DateReading::NotADate => match day_and_month(t, &['.']) {
            Some((day, month, _)) => resolve_day(t, day, month, year),
            None => DateReading::NotADate,
        },
        other => other,
    }
}

/// The day `day` (the month's last when `None`) of `month` in `year`.
fn resolve_day(t: &str, day: Option<u32>, month: u32, year: Option<i32>) -> DateReading {
    let Some(year) = year else {
        return DateReading::NeedsYear;
    };
    let date = match day {
        Some(d) => NaiveDate::from_ymd_opt(year, month, d),
        None => last_day(year, month),
    };
    match date {
        Some(d) => DateReading::Date(d),
        None => DateReading::Invalid(format!("`{t}` is not a day that exists")),
    }
}

/// `31/12` or `31-12`: a day and a month without the year.
fn yearless_numeric(text: &str) -> Option<(Option<u32>, u32, Option<i32>)> {
    day_and_month(text, &['/', '-'])
}

/// A day and a month without the year, split by one of `separators`.
fn day_and_month(text: &str, separators: &[char]) -> Option<(Option<u32>, u32, Option<i32>)> {
    let (d, m) = separators.iter().find_map(|&s| text.split_once(s))?;
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(d) || !digits(m) {
        return None;
    }
    let (d, m): (u32, u32) = (d.parse().ok()?, m.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((Some(d), m, None))
}

/// Which number format a token tells (README, Values): the one format that
/// can read it, or `None` when both can (`1.336`, `15.000`, `43`) or none.
pub fn format_told_by(token: &str) -> Option<NumberFormat> {
    let (number, _) = split_number(token)?;
    match (parse_digits(number, NumberFormat::Italian), parse_digits(number, NumberFormat::English)) {
        (Some(_), None) => Some(NumberFormat::Italian),
        (None, Some(_)) => Some(NumberFormat::English),
        _ => None,
    }
}

/// Reads a bare number token (no sign, unit or percent) in one format.
/// Returns `None` when the token does not fit that format.
fn parse_digits(token: &str, format: NumberFormat) -> Option<Decimal> {
    let (decimal_point, group) = match format {
        NumberFormat::Italian => (',', '.'),
        NumberFormat::English => ('.', ','),
    };
    if token.is_empty() {
        return None;
    }
    if token.bytes().all(|b| b.is_ascii_digit()) {
        // Digits alone (`20`, `2024`) are the number as written, in either format.
        return Decimal::from_str_exact(token).ok();
    }
    let (int_part, frac_part) = match token.split_once(decimal_point) {
        Some((i, f)) => (i, Some(f)),
        None => (token, None),
    };
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    if int_part.is_empty() {
        // `,5` / `.5`: a bare fraction is fine when a fraction follows.
        frac_part?;
    }
    // The digits without the groups, `.` before the fraction: on the stack, as most tokens are short.
    let mut digits = Digits::default();
    if int_part.contains(group) {
        for (i, g) in int_part.split(group).enumerate() {
            let fits = if i == 0 { (1..=3).contains(&g.len()) } else { g.len() == 3 };
            if !fits || !g.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.push(g);
        }
    } else {
        if !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push(if int_part.is_empty() { "0" } else { int_part });
    }
    if let Some(f) = frac_part {
        digits.push(".");
        digits.push(f);
    }
    Decimal::from_str_exact(digits.as_str()).ok()
}

/// The text of a number's digits, built on the stack up to 64 bytes and on the heap beyond.
struct Digits {
    short: [u8; 64],
    len: usize,
    long: String,
}

impl Default for Digits {
    fn default() -> Self {
        Digits { short: [0; 64], len: 0, long: String::new() }
    }
}

impl Digits {
    /// Adds ASCII text (digits and `.`).
    fn push(&mut self, text: &str) {
        if !self.long.is_empty() {
            self.long.push_str(text);
        } else if let Some(room) = self.short.get_mut(self.len..self.len + text.len()) {
            room.copy_from_slice(text.as_bytes());
            self.len += text.len();
        } else {
            self.long.push_str(std::str::from_utf8(&self.short[..self.len]).unwrap_or_default());
            self.long.push_str(text);
        }
    }

    fn as_str(&self) -> &str {
        if self.long.is_empty() {
            std::str::from_utf8(&self.short[..self.len]).unwrap_or_default()
        } else {
            &self.long
        }
    }
}

/// Splits `-1.234,5 gg` into the number token `1.234,5` (sign removed) and the rest.
fn split_number(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let t = t.strip_prefix(['-', '+', '−']).unwrap_or(t).trim_start();
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    if end == 0 {
        return None;
    }
    Some((&t[..end], &t[end..]))
}

/// Reads one cell as a value, by the file's number format.
pub fn parse_value(text: &str, format: NumberFormat) -> Result<Reading, ValueError> {
    let t = text.trim();
    if is_nothing(t) {
        return Ok(Reading::Nothing);
    }
    if let Some(b) = parse_bool(t) {
        return Ok(Reading::Value(Parsed { value: Value::Bool(b), unit: None }));
    }
    if let Some(d) = parse_date(t) {
        return Ok(Reading::Value(Parsed { value: Value::Date(d), unit: Some(Unit::Date) }));
    }
    parse_number(t, format)
}

/// Reads a number with its optional sign, percent or unit word.
pub fn parse_number(text: &str, format: NumberFormat) -> Result<Reading, ValueError> {
    let t = text.trim();
    let (t, currency_prefix) = match t.strip_prefix('€') {
        Some(rest) => (rest.trim_start(), true),
        None => (t, false),
    };
    let negative = t.starts_with(['-', '−']);
    let Some((token, rest)) = split_number(t) else {
        return Err(ValueError(format!("`{text}` is not a number, a date, a yes/no or N/D")));
    };
    let rest = rest.trim();
    let Some(mut number) = parse_digits(token, format) else {
        let hint = match parse_digits(token, format.other()) {
            Some(other) => format!(
                " (in {} it would be {other}, but this file's numbers are {}: write it as the other cells are, or use --number-format {} if the whole file is {})",
                format.other().language(),
                format.language(),
                format.other(),
                format.other().language()
            ),
            None => String::new(),
        };
        let digits = token.bytes().filter(u8::is_ascii_digit).count();
        if hint.is_empty() && digits > 28 {
            return Err(ValueError(format!(
                "`{}` has {digits} digits: kpi computes exactly with at most 28 significant digits",
                text.trim()
            )));
        }
        return Err(ValueError(format!("`{}` is not a number in this file's format{hint}", text.trim())));
    };
    let ambiguous = matches!(parse_digits(token, format.other()), Some(other) if other != number);
    let mut unit = if currency_prefix { Some(Unit::Euro) } else { None };
    if Unit::known(rest) == Some(Unit::Percent) {
        number =
            number.checked_div(Decimal::ONE_HUNDRED).ok_or_else(|| ValueError(format!("`{text}` is too large")))?;
        unit = Some(Unit::Percent);
    } else if !rest.is_empty() {
        let is_unit_word = rest.chars().count() <= 24
            && rest.chars().all(|c| c.is_alphabetic() || c == '.' || c == '€' || c == '/' || c == ' ')
            && rest.chars().any(|c| c.is_alphabetic() || c == '€');
        if !is_unit_word {
            let looks_like_date =
                rest.starts_with(['-', '/', '.']) && t.chars().filter(char::is_ascii_digit).count() >= 6;
            if looks_like_date {
                return Err(ValueError(format!(
                    "`{}` is not a valid date (write a day that exists, with a four-digit year: 31-03-2024)",
                    text.trim()
                )));
            }
            return Err(ValueError(format!("`{}` is not a number followed by a unit", text.trim())));
        }
        unit = Unit::parse(rest);
    }
    if negative {
        number = -number;
    }
    let parsed = Parsed { value: Value::Number(number), unit };
    Ok(if ambiguous { Reading::Ambiguous(parsed) } else { Reading::Value(parsed) })
}

/// The one warning a file gets for its first number that the other format
/// reads differently: what it was read as, what it could have meant, and
/// the option that changes it.
pub fn ambiguity_warning(cell: &str, format: NumberFormat) -> String {
    let name = |f: NumberFormat| match f {
        NumberFormat::Italian => "Italian",
        NumberFormat::English => "English",
    };
    let readings = cell.split(|c: char| c.is_whitespace() || "<>=≤≥%-+".contains(c)).find_map(|token| {
        match (parse_digits(token, format), parse_digits(token, format.other())) {
            (Some(read), Some(other)) if read != other => Some((token, read.normalize(), other.normalize())),
            _ => None,
        }
    });
    match readings {
        Some((token, read, other)) => format!(
            "`{token}` is read as {read}, since this file's numbers are {}; in {} it would be {other}. If that is wrong, use --number-format {}",
            name(format),
            name(format.other()),
            format.other()
        ),
        None => format!(
            "`{cell}` is read as {} but the other format reads it differently. If that is wrong, use --number-format {}",
            name(format),
            format.other()
        ),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    /// The readers as first written, one `String` per step: the fast ones must agree with them on any text.
    mod straightforward {
        use super::*;

        pub fn is_nothing(text: &str) -> bool {
            let t = text.trim();
            t.is_empty() || ["n/d", "nd", "n.d.", "n.d", "-", "—", "–"].contains(&t.to_lowercase().as_str())
        }

        pub fn parse_bool(text: &str) -> Option<bool> {
            match text.trim().to_lowercase().as_str() {
                "si" | "sì" | "sí" | "yes" | "true" | "vero" => Some(true),
                "no" | "false" | "falso" => Some(false),
                _ => None,
            }
        }

        pub fn parse_date(text: &str) -> Option<NaiveDate> {
            let t = text.trim();
            let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
            if parts.len() != 3 || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
                return None;
            }
            let seps: Vec<char> = t.chars().filter(|c| matches!(c, '-' | '/' | '.')).collect();
            if !(seps.len() == 2 && seps[0] == seps[1]) {
                return None;
            }
            let (y, m, d) = if parts[0].len() == 4 && parts[2].len() <= 2 {
                (parts[0], parts[1], parts[2])
            } else if parts[2].len() == 4 && parts[0].len() <= 2 {
                (parts[2], parts[1], parts[0])
            } else {
                return None;
            };
            if m.len() > 2 {
                return None;
            }
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }

        pub fn parse_digits(token: &str, format: NumberFormat) -> Option<Decimal> {
            let (decimal_point, group) = match format {
                NumberFormat::Italian => (',', '.'),
                NumberFormat::English => ('.', ','),
            };
            if token.is_empty() {
                return None;
            }
            let (int_part, frac_part) = match token.split_once(decimal_point) {
                Some((i, f)) => (i, Some(f)),
                None => (token, None),
            };
            if let Some(f) = frac_part {
                if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
            }
            if int_part.is_empty() {
                frac_part?;
            }
            let mut digits = String::with_capacity(token.len());
            if int_part.contains(group) {
                let groups: Vec<&str> = int_part.split(group).collect();
                let first_ok = (1..=3).contains(&groups[0].len());
                let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
                if !first_ok || !rest_ok || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
                    return None;
                }
                groups.iter().for_each(|g| digits.push_str(g));
            } else {
                if !int_part.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                digits.push_str(if int_part.is_empty() { "0" } else { int_part });
            }
            if let Some(f) = frac_part {
                digits.push('.');
                digits.push_str(f);
            }
            Decimal::from_str_exact(&digits).ok()
        }

        // The day in words, its month found by `month_number` as first written.
        pub fn month_number(word: &str) -> Option<u32> {
            let w = word.trim_end_matches('.').to_lowercase();
            const MONTHS: [(&str, &str, &str); 12] = [
                ("gennaio", "january", "jan"),
                ("febbraio", "february", "feb"),
                ("marzo", "march", "mar"),
                ("aprile", "april", "apr"),
                ("maggio", "may", "may"),
                ("giugno", "june", "jun"),
                ("luglio", "july", "jul"),
                ("agosto", "august", "aug"),
                ("settembre", "september", "sep"),
                ("ottobre", "october", "oct"),
                ("novembre", "november", "nov"),
                ("dicembre", "december", "dec"),
            ];
            let italian_short = ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"];
            MONTHS
                .iter()
                .zip(italian_short)
                .position(|((it, en, en_short), it_short)| {
                    [*it, *en, *en_short, it_short].contains(&w.as_str()) || (w == "sept" && *en_short == "sep")
                })
                .map(|i| i as u32 + 1)
        }
        pub fn parse_date_in_words(text: &str, year: Option<i32>) -> DateReading {
            let t = text.trim();
            if let Some(d) = parse_date(t) {
                return DateReading::Date(d);
            }
            // No shortcut for a text without letters: every text goes to the words.
            date_from_words(t, year, month_number)
        }
    }

    /// Texts made of what cells of plans hold, and of what could trip a fast path: case, spacing, accents,
    /// the Kelvin sign (which lowercases to an ASCII `k`), separators, signs, long runs of digits.
    pub(crate) const CELL: &str = "(?s)([0-9]{0,30}|[-/.,:;%'\\t\\n\\x0b \\u{a0}]|[sSiInNoOdDgGkKaAeEfFlLrRtTuUvVyYpP]{1,4}|ì|Ì|€|—|–|\\u{212a}|\\u{130}|°|giugno|Dicembre|fine|anno|sept|OBIETTIVO|strategico|operativo|indicatore|ambito|area|lavorativi|percentuale){0,8}";

    proptest! {
        #[test]
        fn the_fast_readers_agree_with_the_straightforward_ones(text in CELL) {
            prop_assert_eq!(is_nothing(&text), straightforward::is_nothing(&text));
            prop_assert_eq!(parse_bool(&text), straightforward::parse_bool(&text));
            prop_assert_eq!(parse_date(&text), straightforward::parse_date(&text));
            for year in [None, Some(2024)] {
                prop_assert_eq!(parse_date_in_words(&text, year), straightforward::parse_date_in_words(&text, year));
            }
            for format in [NumberFormat::Italian, NumberFormat::English] {
                prop_assert_eq!(parse_digits(&text, format), straightforward::parse_digits(&text, format));
            }
        }
    }

    #[test]
    fn the_fast_readers_agree_on_the_edges() {
        let long_digits = "1".repeat(70);
        let long_fraction = format!("1.{}", "2".repeat(70));
        let long_groups = format!("1{}", ",234".repeat(20));
        for text in [
            "",
            " ",
            "N/D",
            "n.D.",
            "—",
            "–",
            "SÌ",
            "Sì",
            "sí",
            "VERO",
            "\u{212a}pi",
            "\u{130}ndicatore",
            "kpi",
            "Obiettivo__Strategico",
            "  operational   objective ",
            "GG\u{a0}lavorativi",
            "gg\u{b}lavorativi",
            "31-03-2024",
            "2024-03-31",
            "31/03/2024",
            "31.03.2024",
            "2024-03/31",
            "1-2-3-4",
            "31--2024",
            // A day and month in digits alone, where a text without letters takes its shortcut.
            "31/12",
            " 1/1 ",
            "30/02",
            "31/12, 5",
            "31/12 2024",
            "٣١-٠٣-٢٠٢٤",
            "007",
            "1.234,5",
            ",5",
            ".5",
            "1,",
            "1.234.567,89",
            &long_digits,
            &long_fraction,
            &long_groups,
        ] {
            assert_eq!(is_nothing(text), straightforward::is_nothing(text), "{text}");
            assert_eq!(parse_bool(text), straightforward::parse_bool(text), "{text}");
            assert_eq!(parse_date(text), straightforward::parse_date(text), "{text}");
            assert_eq!(month_number(text), straightforward::month_number(text), "{text}");
            assert_eq!(parse_date_in_words(text, Some(2024)), straightforward::parse_date_in_words(text, Some(2024)));
            for format in [NumberFormat::Italian, NumberFormat::English] {
                assert_eq!(parse_digits(text, format), straightforward::parse_digits(text, format), "{text}");
            }
        }
    }

    fn num(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn read(text: &str, f: NumberFormat) -> Reading {
        parse_value(text, f).unwrap()
    }

    fn number(text: &str, f: NumberFormat) -> Decimal {
        read(text, f).parsed().unwrap().value.as_number().unwrap()
    }

    #[test]
    fn italian_numbers() {
        use NumberFormat::Italian as It;
        assert_eq!(number("1.234,5", It), num("1234.5"));
        assert_eq!(number("1234,5", It), num("1234.5"));
        assert_eq!(number("-7,73", It), num("-7.73"));
        assert_eq!(number("15.000", It), num("15000"));
        assert_eq!(number("1.234.567,5", It), num("1234567.5"));
        assert_eq!(number("43", It), num("43"));
    }

    #[test]
    fn english_numbers() {
        use NumberFormat::English as En;
        assert_eq!(number("1234.5", En), num("1234.5"));
        assert_eq!(number("1,234.5", En), num("1234.5"));
        assert_eq!(number("2923.681", En), num("2923.681"));
    }

    #[test]
    fn the_same_token_reads_by_the_file_format_and_is_flagged() {
        assert_eq!(
            read("1.336", NumberFormat::Italian),
            Reading::Ambiguous(Parsed { value: Value::Number(num("1336")), unit: None })
        );
        assert_eq!(
            read("1.336", NumberFormat::English),
            Reading::Ambiguous(Parsed { value: Value::Number(num("1.336")), unit: None })
        );
        assert!(matches!(read("1,336", NumberFormat::English), Reading::Ambiguous(_)));
        assert!(matches!(read("2923.681", NumberFormat::English), Reading::Value(_)));
    }

    #[test]
    fn tokens_that_fit_neither_format_are_errors() {
        assert!(parse_value("1.2.3", NumberFormat::Italian).is_err());
        assert!(parse_value("1.2.3", NumberFormat::English).is_err());
        let err = parse_value("1,5", NumberFormat::English).unwrap_err();
        assert!(err.0.contains("--number-format"), "{err}");
        assert!(parse_value("12abc3", NumberFormat::English).is_err());
        assert!(parse_value("1.23.456", NumberFormat::Italian).is_err());
    }

    #[test]
    fn messages_say_what_is_wrong() {
        let err = parse_value("31/02/2024", NumberFormat::Italian).unwrap_err();
        assert!(err.0.contains("not a valid date"), "{err}");
        let err = parse_value("99999999999999999999999999999", NumberFormat::English).unwrap_err();
        assert!(err.0.contains("29 digits"), "{err}");
    }

    #[test]
    fn percents_are_fractions() {
        let p = read("114,67 %", NumberFormat::Italian).parsed().unwrap();
        assert_eq!(p.value, Value::Number(num("1.1467")));
        assert_eq!(p.unit, Some(Unit::Percent));
        assert_eq!(number("8.37%", NumberFormat::English), num("0.0837"));
        assert_eq!(number("50 %", NumberFormat::English), num("0.5"));
        assert_eq!(number("-12,00 %", NumberFormat::Italian), num("-0.12"));
    }

    #[test]
    fn unit_words_are_kept_for_display() {
        let p = read("1,92 gg", NumberFormat::Italian).parsed().unwrap();
        assert_eq!(p.value, Value::Number(num("1.92")));
        assert_eq!(p.unit, Some(Unit::Days));
        let p = read("1.336 N.", NumberFormat::Italian).parsed().unwrap();
        assert_eq!(p.value, Value::Number(num("1336")));
        assert_eq!(p.unit, Some(Unit::Count));
        assert_eq!(read("12 €", NumberFormat::Italian).parsed().unwrap().unit, Some(Unit::Euro));
    }

    #[test]
    fn dates_with_four_digit_years_only() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        for text in ["31-03-2024", "31/03/2024", "2024-03-31"] {
            assert_eq!(read(text, NumberFormat::Italian).parsed().unwrap().value, Value::Date(d));
        }
        assert!(parse_date("31-12-24").is_none());
        assert!(parse_date("31-02-2024").is_none());
        assert!(parse_date("2024-03/31").is_none());
    }

    #[test]
    fn booleans_and_nothing() {
        for (text, b) in [("SI", true), ("SÌ", true), ("NO", false), ("yes", true), ("false", false)] {
            assert_eq!(read(text, NumberFormat::English).parsed().unwrap().value, Value::Bool(b));
        }
        for text in ["", "N/D", "ND", "n.d.", "-", "  "] {
            assert_eq!(read(text, NumberFormat::English), Reading::Nothing);
        }
    }

    #[test]
    fn the_warning_says_both_readings() {
        assert_eq!(
            ambiguity_warning(">= 1.336 N.", NumberFormat::Italian),
            "`1.336` is read as 1336, since this file's numbers are Italian; in English it would be 1.336. If that is wrong, use --number-format en"
        );
        assert_eq!(
            ambiguity_warning("1,500", NumberFormat::English),
            "`1,500` is read as 1500, since this file's numbers are English; in Italian it would be 1.5. If that is wrong, use --number-format it"
        );
    }

    #[test]
    fn tokens_that_tell_the_format() {
        use NumberFormat::{English, Italian};
        for (token, told) in [
            ("114,67", Some(Italian)),
            ("-7,73", Some(Italian)),
            ("1.234,5", Some(Italian)),
            ("61.4", Some(English)),
            ("1,234.5", Some(English)),
            ("1.5%", Some(English)),
            ("1,336", None),
            ("1.336", None),
            ("15.000", None),
            ("43", None),
            ("Ambito", None),
            ("31.03.2024", None),
        ] {
            assert_eq!(format_told_by(token), told, "{token}");
        }
    }

    #[test]
    fn unit_words_in_a_value_are_read_by_the_unit_s_spellings() {
        // a percent in words is a percent: 95 percentuale is 0,95
        assert_eq!(number("95 percentuale", NumberFormat::Italian), num("0.95"));
        assert_eq!(read("6 giorni", NumberFormat::Italian).parsed().unwrap().unit, Some(Unit::Days));
    }

    #[test]
    fn dates_in_words() {
        let day = |y, m, d| DateReading::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(parse_date_in_words("30 giugno 2024", None), day(2024, 6, 30));
        assert_eq!(parse_date_in_words("30 Giugno 2024", None), day(2024, 6, 30));
        assert_eq!(parse_date_in_words("30 giu 2024", None), day(2024, 6, 30));
        assert_eq!(parse_date_in_words("30 giu. 2024", None), day(2024, 6, 30));
        assert_eq!(parse_date_in_words("1° luglio 2024", None), day(2024, 7, 1));
        assert_eq!(parse_date_in_words("30 June 2024", None), day(2024, 6, 30));
        assert_eq!(parse_date_in_words("June 30, 2024", None), day(2024, 6, 30));
        assert_eq!(parse_date_in_words("15 sept 2024", None), day(2024, 9, 15));
        // a month alone is its last day: February 2024 has 29
        assert_eq!(parse_date_in_words("dicembre 2024", None), day(2024, 12, 31));
        assert_eq!(parse_date_in_words("febbraio 2024", None), day(2024, 2, 29));
        assert_eq!(parse_date_in_words("fine febbraio 2025", None), day(2025, 2, 28));
        // without a year: the column's
        assert_eq!(parse_date_in_words("31/12", Some(2025)), day(2025, 12, 31));
        assert_eq!(parse_date_in_words("30 giugno", Some(2025)), day(2025, 6, 30));
        assert_eq!(parse_date_in_words("fine anno", Some(2025)), day(2025, 12, 31));
        assert_eq!(parse_date_in_words("Fine Anno", None), DateReading::NeedsYear);
        assert_eq!(parse_date_in_words("30/06", None), DateReading::NeedsYear);
        assert!(matches!(parse_date_in_words("31 giugno 2024", None), DateReading::Invalid(_)));
        assert!(matches!(parse_date_in_words("30/02", Some(2024)), DateReading::Invalid(_)));
        // with dots: in full, a date anywhere; the day and month alone only after a deadline word
        assert_eq!(parse_date_in_words("31.12.2024", None), day(2024, 12, 31));
        assert_eq!(parse_date_in_words("31.12", Some(2024)), DateReading::NotADate);
        assert_eq!(parse_deadline_date("31.12", Some(2024)), day(2024, 12, 31));
        assert_eq!(parse_deadline_date("1.7", Some(2025)), day(2025, 7, 1));
        assert_eq!(parse_deadline_date("31.12", None), DateReading::NeedsYear);
        assert_eq!(parse_deadline_date("31/12", Some(2026)), day(2026, 12, 31));
        assert!(matches!(parse_deadline_date("30.02", Some(2024)), DateReading::Invalid(_)));
        for not_a_date in ["31.13", "32.12", "1.336", "31.12.24", "5 gg"] {
            assert_eq!(parse_deadline_date(not_a_date, Some(2024)), DateReading::NotADate, "{not_a_date}");
        }
        for not_a_date in ["5 gg", "1.336", "2024", "85 %", "almeno 5", "SI", ""] {
            assert_eq!(parse_date_in_words(not_a_date, Some(2024)), DateReading::NotADate, "{not_a_date}");
        }
    }
}
