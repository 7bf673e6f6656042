//! Targets as plans write them (README, "Targets"): `>= 105,00 %`, `<= 2 gg`,
//! `Entro 31-03-2024`, `SI`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::unit::Unit;
use crate::value::{
    parse_bool, parse_date_in_words, parse_deadline_date, parse_number, DateReading, NumberFormat, Reading, Value,
    ValueError,
};

/// How a value is compared with a number target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    AtLeast,
    Above,
    AtMost,
    Below,
    Exactly,
}

impl Comparison {
    /// `>=`, `>`, `<=`, `<` or `=`: how targets are written.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::Above => ">",
            Comparison::AtMost => "<=",
            Comparison::Below => "<",
            Comparison::Exactly => "=",
        }
    }
}

/// Which way is better, which decides how a miss is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    Exact,
    /// Between two bounds: a miss below is scored as `>= low`, above as `<= high`.
    Range,
    Deadline,
    Boolean,
}

/// A year's target. Written for people and machines by `crate::figure`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Number {
        comparison: Comparison,
        value: Decimal,
    },
    /// `tra X e Y`: achieved when low ≤ v ≤ high (low < high).
    Range {
        low: Decimal,
        high: Decimal,
    },
    /// `Entro DATE`: achieved on or before the day.
    Deadline(NaiveDate),
    /// `SI` / `NO`: achieved when the value equals it.
    Boolean(bool),
}

/// A target read from a cell, with the unit it was written in (`%`, `gg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTarget {
    pub target: Target,
    pub unit: Option<Unit>,
    /// The number was one the other number format reads differently.
    pub ambiguous: bool,
}

impl ParsedTarget {
    fn deadline(d: NaiveDate) -> ParsedTarget {
        ParsedTarget { target: Target::Deadline(d), unit: Some(Unit::Date), ambiguous: false }
    }
}

/// The comparisons plans write in words, each with its symbol (README,
/// Targets). Longer phrases come first, so `non inferiore a` is never read
/// as `inferiore a`.
const WORDS: &[(&str, Comparison)] = &[
    ("maggiore o uguale a", Comparison::AtLeast),
    ("maggiore/uguale a", Comparison::AtLeast),
    // Beyond the contract's lists, as plans also write them (README,
    // "Choices where the contract is silent").
    ("superiore o uguale a", Comparison::AtLeast),
    ("maggiore uguale a", Comparison::AtLeast),
    ("almeno pari a", Comparison::AtLeast),
    ("pari ad almeno", Comparison::AtLeast),
    ("non meno di", Comparison::AtLeast),
    ("inferiore o uguale a", Comparison::AtMost),
    ("minore uguale a", Comparison::AtMost),
    ("non più di", Comparison::AtMost),
    ("non piu di", Comparison::AtMost),
    ("più di", Comparison::Above),
    ("meno di", Comparison::Below),
    ("pari o superiore a", Comparison::AtLeast),
    ("non inferiore a", Comparison::AtLeast),
    ("at least", Comparison::AtLeast),
    ("almeno", Comparison::AtLeast),
    ("minore o uguale a", Comparison::AtMost),
    ("minore/uguale a", Comparison::AtMost),
    ("pari o inferiore a", Comparison::AtMost),
    ("non superiore a", Comparison::AtMost),
    ("al massimo", Comparison::AtMost),
    ("non oltre il", Comparison::AtMost),
    ("non oltre la", Comparison::AtMost),
    ("non oltre", Comparison::AtMost),
    ("at most", Comparison::AtMost),
    ("maggiore di", Comparison::Above),
    ("superiore a", Comparison::Above),
    ("more than", Comparison::Above),
    ("oltre", Comparison::Above),
    ("minore di", Comparison::Below),
    ("inferiore a", Comparison::Below),
    ("less than", Comparison::Below),
    ("uguale a", Comparison::Exactly),
    ("pari a", Comparison::Exactly),
    ("equal to", Comparison::Exactly),
    // Without their `a`, after every phrase that has it.
    ("maggiore o uguale", Comparison::AtLeast),
    ("minore o uguale", Comparison::AtMost),
];

/// Words that open a deadline, longest first.
const DEADLINE_WORDS: &[&str] = &[
    "entro e non oltre il",
    "entro e non oltre la",
    "entro e non oltre",
    "entro il",
    "entro la",
    "entro l'",
    "entro l’",
    "entro",
    "by",
];

/// Words that open a range, with the word between its bounds.
const RANGE_WORDS: &[(&str, &str)] =
    &[("tra", "e"), ("fra", "e"), ("dall'", "al"), ("dall’", "al"), ("dal", "al"), ("da", "a"), ("between", "and")];

/// `text` without the word `word` at its start (any case), when the word
/// ends there: followed by a space, the end, or (for a word that ends in an
/// apostrophe or a preposition such as `a`) what follows directly.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = &text[word.len()..];
    if word.ends_with(['\'', '’']) || rest.is_empty() || rest.starts_with(' ') {
        return Some(rest.trim_start());
    }
    // `maggiore o uguale al 90%`: the preposition joined with the article.
    if word.ends_with(" a") {
        // `all'80%` too: the article elided before a vowel.
        for joined in ["l", "ll'", "ll’"] {
            if let Some(after) = strip_word(rest, joined) {
                return Some(after);
            }
        }
    }
    None
}

/// `text` with every run of spaces made one, and the spaces around `/` in
/// `maggiore / uguale a` dropped.
fn collapse(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" / ", "/")
        .replace("/ ", "/")
        .replace(" /", "/")
        // `> = 5`: a symbol typed with a space inside.
        .replace("> =", ">=")
        .replace("< =", "<=")
}

impl Target {
    pub fn direction(&self) -> Direction {
        match self {
            Target::Number { comparison, .. } => match comparison {
                Comparison::AtLeast | Comparison::Above => Direction::HigherIsBetter,
                Comparison::AtMost | Comparison::Below => Direction::LowerIsBetter,
                Comparison::Exactly => Direction::Exact,
            },
            Target::Range { .. } => Direction::Range,
            Target::Deadline(_) => Direction::Deadline,
            Target::Boolean(_) => Direction::Boolean,
        }
    }

    /// The kind of value this target is met by.
    pub fn value_kind(&self) -> &'static str {
        match self {
            Target::Number { .. } | Target::Range { .. } => "number",
            Target::Deadline(_) => "date",
            Target::Boolean(_) => "yes/no value",
        }
    }

    /// The numbers the target is written with, for checks on their size;
    /// without an allocation, since the checks look at every target of a plan.
    pub fn numbers(&self) -> impl Iterator<Item = Decimal> {
        let (first, second) = match self {
            Target::Number { value, .. } => (Some(*value), None),
            Target::Range { low, high } => (Some(*low), Some(*high)),
            _ => (None, None),
        };
        first.into_iter().chain(second)
    }

    /// Whether the value meets the target; `None` when the value is of another kind.
    pub fn is_met_by(&self, value: &Value) -> Option<bool> {
        match (self, value) {
            (Target::Number { comparison, value: t }, Value::Number(v)) => Some(match comparison {
                Comparison::AtLeast => v >= t,
                Comparison::Above => v > t,
                Comparison::AtMost => v <= t,
                Comparison::Below => v < t,
                Comparison::Exactly => v == t,
            }),
            (Target::Range { low, high }, Value::Number(v)) => Some(low <= v && v <= high),
            (Target::Deadline(t), Value::Date(v)) => Some(v <= t),
            (Target::Boolean(t), Value::Bool(v)) => Some(v == t),
            _ => None,
        }
    }

    /// Reads a target cell; `Ok(None)` for an empty cell or `N/D`. A date
    /// without its year is refused: see [`Target::parse_in`].
    pub fn parse(text: &str, format: NumberFormat) -> Result<Option<ParsedTarget>, ValueError> {
        Target::parse_in(text, format, None)
    }

    /// Reads the target cell of `year`'s column: a day and month without a
    /// year (`entro il 30/06`, `fine anno`) take that year.
    pub fn parse_in(text: &str, format: NumberFormat, year: Option<i32>) -> Result<Option<ParsedTarget>, ValueError> {
        let collapsed = collapse(text);
        let t = collapsed.as_str();
        if crate::value::is_nothing(t) {
            return Ok(None);
        }
        for word in DEADLINE_WORDS {
            if let Some(date_text) = strip_word(t, word) {
                return match read_date(t, date_text, parse_deadline_date(date_text, year))? {
                    Some(d) => Ok(Some(ParsedTarget::deadline(d))),
                    None => Err(ValueError(format!(
                        "`{t}`: `{}` is not a date (write it as 31-03-2024 or 31 marzo 2024)",
                        date_text.trim()
                    ))),
                };
            }
        }
        // `compreso tra 80% e 90%`: the participle adds nothing to the range.
        let ranged =
            ["compreso", "compresa", "compresi", "compreso/a"].iter().find_map(|word| strip_word(t, word)).unwrap_or(t);
        for (word, between) in RANGE_WORDS {
            if let Some(bounds) = strip_word(ranged, word) {
                return parse_range(t, bounds, between, format).map(Some);
            }
        }
        let (comparison, rest) = split_comparison(t);
        let rest = rest.trim();
        if comparison.is_some() && rest.is_empty() {
            return Err(ValueError(format!("target `{t}` has no value after the comparison")));
        }
        if let Some(d) = read_date(t, rest, parse_date_in_words(rest, year))? {
            return match comparison {
                None | Some(Comparison::AtMost) => Ok(Some(ParsedTarget::deadline(d))),
                Some(other) => Err(ValueError(format!(
                    "`{t}`: a date target is a deadline; write `Entro {}` or `<= {}`, not `{}`",
                    rest,
                    rest,
                    other.symbol()
                ))),
            };
        }
        if let Some(b) = parse_bool(rest) {
            return match comparison {
                None | Some(Comparison::Exactly) => {
                    Ok(Some(ParsedTarget { target: Target::Boolean(b), unit: None, ambiguous: false }))
                }
                Some(other) => Err(ValueError(format!("`{t}`: a yes/no target cannot use `{}`", other.symbol()))),
            };
        }
        let (value, unit, ambiguous) = read_number(t, rest, format)?;
        Ok(Some(ParsedTarget {
            target: Target::Number { comparison: comparison.unwrap_or(Comparison::AtLeast), value },
            unit,
            ambiguous,
        }))
    }
}

/// The date `text` was read as (`reading`); `Ok(None)` when it is not
/// written as a date; an error when it is but cannot be read (no such day,
/// no year to take).
fn read_date(cell: &str, text: &str, reading: DateReading) -> Result<Option<NaiveDate>, ValueError> {
    match reading {
        DateReading::Date(d) => Ok(Some(d)),
        DateReading::NotADate => Ok(None),
        DateReading::NeedsYear => Err(ValueError(format!(
            "`{cell}`: `{}` has no year, and this column has none to give it (write it in full: 31-12-2024)",
            text.trim()
        ))),
        DateReading::Invalid(message) => Err(ValueError(format!("`{cell}`: {message}"))),
    }
}

/// A number with its unit, as a target writes it after the comparison.
fn read_number(cell: &str, text: &str, format: NumberFormat) -> Result<(Decimal, Option<Unit>, bool), ValueError> {
    let reading = parse_number(text, format).map_err(|e| ValueError(format!("target `{cell}`: {}", e.0)))?;
    let ambiguous = matches!(reading, Reading::Ambiguous(_));
    let Some(parsed) = reading.parsed() else {
        return Err(ValueError(format!("target `{cell}` has no value after the comparison")));
    };
    let Value::Number(value) = parsed.value else {
        return Err(ValueError(format!("target `{cell}` is not a number, a date or a yes/no")));
    };
    Ok((value, parsed.unit, ambiguous))
}

/// `tra 80% e 90%`: two numbers, the lower first. A unit written only after
/// the second (`tra 80 e 90 %`) holds for both.
fn parse_range(cell: &str, bounds: &str, between: &str, format: NumberFormat) -> Result<ParsedTarget, ValueError> {
    let separator = format!(" {between} ");
    // Found in the cell itself, any case: lower-casing may change byte offsets.
    let at = bounds
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| bounds.get(i..i + separator.len()).is_some_and(|w| w.eq_ignore_ascii_case(&separator)));
    let Some(at) = at else {
        return Err(ValueError(format!(
            "`{cell}`: a range is written with two values, like `tra 80 % e 90 %` or `between 0.8 and 0.9`"
        )));
    };
    // `tra il 10% e il 20%`: an article before a bound is no part of it.
    let (low_text, high_text) = (strip_article(&bounds[..at]), strip_article(&bounds[at + separator.len()..]));
    let (mut low, low_unit, low_ambiguous) = read_number(cell, low_text, format)?;
    let (mut high, high_unit, high_ambiguous) = read_number(cell, high_text, format)?;
    let unit = match (low_unit, high_unit) {
        (Some(a), Some(b)) if a != b => {
            return Err(ValueError(format!("`{cell}`: the two bounds are in different units, `{a}` and `{b}`")));
        }
        (None, Some(u)) => {
            if u.is_percent() {
                low = low.checked_div(Decimal::ONE_HUNDRED).unwrap_or(low);
            }
            Some(u)
        }
        (Some(u), None) => {
            if u.is_percent() {
                high = high.checked_div(Decimal::ONE_HUNDRED).unwrap_or(high);
            }
            Some(u)
        }
        (a, _) => a,
    };
    if low >= high {
        return Err(ValueError(format!("`{cell}`: a range needs its lower bound first, below the upper one")));
    }
    Ok(ParsedTarget { target: Target::Range { low, high }, unit, ambiguous: low_ambiguous || high_ambiguous })
}

fn split_comparison(text: &str) -> (Option<Comparison>, &str) {
    for (symbol, comparison) in [
        (">=", Comparison::AtLeast),
        ("=>", Comparison::AtLeast),
        ("≥", Comparison::AtLeast),
        ("<=", Comparison::AtMost),
        ("=<", Comparison::AtMost),
        ("≤", Comparison::AtMost),
        (">", Comparison::Above),
        ("<", Comparison::Below),
        ("=", Comparison::Exactly),
    ] {
        if let Some(rest) = text.strip_prefix(symbol) {
            return (Some(comparison), rest);
        }
    }
    for (words, comparison) in WORDS {
        if let Some(rest) = strip_word(text, words) {
            return (Some(*comparison), strip_article(rest));
        }
    }
    (None, text)
}

/// `il 65%` after a comparison in words (`almeno il 65%`, `non inferiore
/// all'80%` aside): the article before a number is no part of it (README,
/// "Choices where the contract is silent").
fn strip_article(text: &str) -> &str {
    let opens_number = |rest: &str| rest.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
    for article in ["il ", "lo ", "la ", "l'", "l’", "i ", "gli ", "le "] {
        if let Some(rest) = strip_word(text, article.trim_end()) {
            if opens_number(rest) {
                return rest;
            }
        }
    }
    text
}

/// One cell holding several years' targets, such as
/// `Anno 2024: >= 90% Anno 2025: >= 95%` or `2024: … 2025: …`. `None` when
/// the cell does not open with a year so marked; else each year with its
/// text, in the cell's order.
pub fn split_years(text: &str) -> Option<Vec<(i32, String)>> {
    let t = text.trim();
    // The first year must open the cell: most cells have none, and are not scanned.
    year_mark(t)?;
    let mut marks: Vec<(usize, usize, i32)> = Vec::new();
    let bytes = t.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let opens = start == 0 || (bytes[start - 1].is_ascii_whitespace() || b";,|".contains(&bytes[start - 1]));
        match year_mark(&t[start..]).filter(|_| opens) {
            Some((year, length)) => {
                marks.push((start, start + length, year));
                start += length;
            }
            None => start += t[start..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if marks.first().map(|m| m.0) != Some(0) {
        return None;
    }
    let mut out = Vec::with_capacity(marks.len());
    for (i, &(_, end, year)) in marks.iter().enumerate() {
        let stop = marks.get(i + 1).map_or(t.len(), |next| next.0);
        let part = t[end..stop].trim().trim_end_matches([';', ',', '|']).trim();
        out.push((year, part.to_string()));
    }
    Some(out)
}

/// `Anno 2024:` or `2024:` at the start of `text`: the year and the length of the mark.
fn year_mark(text: &str) -> Option<(i32, usize)> {
    let mut at = 0;
    if text.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("anno")) {
        at = 4;
        let spaces = text[at..].bytes().take_while(u8::is_ascii_whitespace).count();
        at += spaces;
    }
    let digits = text.get(at..at + 4)?;
    let year = crate::value::parse_year(digits)?;
    at += 4;
    at += text[at..].bytes().take_while(u8::is_ascii_whitespace).count();
    text[at..].starts_with(':').then_some((year, at + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn parse(text: &str) -> Target {
        Target::parse(text, NumberFormat::Italian).unwrap().unwrap().target
    }

    fn number(c: Comparison, v: &str) -> Target {
        Target::Number { comparison: c, value: Decimal::from_str(v).unwrap() }
    }

    #[test]
    fn every_written_form() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(parse(">= 105,00 %"), number(Comparison::AtLeast, "1.05"));
        assert_eq!(parse("≥ 4 N."), number(Comparison::AtLeast, "4"));
        assert_eq!(parse("15.000 N."), number(Comparison::AtLeast, "15000"));
        assert_eq!(parse("> 141"), number(Comparison::Above, "141"));
        assert_eq!(parse("<= 2 gg"), number(Comparison::AtMost, "2"));
        assert_eq!(parse("≤ 2"), number(Comparison::AtMost, "2"));
        assert_eq!(parse("< 7 %"), number(Comparison::Below, "0.07"));
        assert_eq!(parse("= 3"), number(Comparison::Exactly, "3"));
        assert_eq!(parse(">= -12,00 %"), number(Comparison::AtLeast, "-0.12"));
        for text in ["Entro 31-03-2024", "entro il 31/03/2024", "by 2024-03-31", "<= 31-03-2024", "31-03-2024"] {
            assert_eq!(parse(text), Target::Deadline(day), "{text}");
        }
        assert_eq!(parse("SI"), Target::Boolean(true));
        assert_eq!(parse("NO"), Target::Boolean(false));
        assert_eq!(Target::parse("N/D", NumberFormat::Italian).unwrap(), None);
        assert_eq!(Target::parse("", NumberFormat::Italian).unwrap(), None);
    }

    #[test]
    fn comparisons_in_words() {
        for (text, c, v) in [
            ("maggiore o uguale a 90,00%", Comparison::AtLeast, "0.9"),
            ("Maggiore  O Uguale A 90 %", Comparison::AtLeast, "0.9"),
            ("maggiore/uguale a 5", Comparison::AtLeast, "5"),
            ("maggiore / uguale a 5", Comparison::AtLeast, "5"),
            ("pari o superiore a 5", Comparison::AtLeast, "5"),
            ("non inferiore a 5", Comparison::AtLeast, "5"),
            ("almeno 5", Comparison::AtLeast, "5"),
            ("At least 5", Comparison::AtLeast, "5"),
            ("maggiore o uguale al 90%", Comparison::AtLeast, "0.9"),
            // Beyond the contract's lists: other ways plans write them.
            ("superiore o uguale a 5", Comparison::AtLeast, "5"),
            ("maggiore uguale a 5", Comparison::AtLeast, "5"),
            ("maggiore o uguale 90%", Comparison::AtLeast, "0.9"),
            ("almeno pari a 5", Comparison::AtLeast, "5"),
            ("pari ad almeno 5", Comparison::AtLeast, "5"),
            ("non meno di 5", Comparison::AtLeast, "5"),
            ("> = 5", Comparison::AtLeast, "5"),
            ("inferiore o uguale a 5", Comparison::AtMost, "5"),
            ("minore uguale a 5", Comparison::AtMost, "5"),
            ("non più di 5 gg", Comparison::AtMost, "5"),
            ("< = 5", Comparison::AtMost, "5"),
            ("più di 5", Comparison::Above, "5"),
            ("meno di 5", Comparison::Below, "5"),
            // Articles before the number, as sentences write them.
            ("almeno il 65%", Comparison::AtLeast, "0.65"),
            ("non inferiore all'80%", Comparison::AtLeast, "0.8"),
            ("pari o superiore al 95 %", Comparison::AtLeast, "0.95"),
            ("al massimo l'8%", Comparison::AtMost, "0.08"),
            ("non superiore a 30 gg", Comparison::AtMost, "30"),
            ("maggiore di 75,00%", Comparison::Above, "0.75"),
            ("superiore a 5", Comparison::Above, "5"),
            ("oltre 5", Comparison::Above, "5"),
            ("more than 5", Comparison::Above, "5"),
            ("minore o uguale a 30 gg", Comparison::AtMost, "30"),
            ("minore/uguale a 30", Comparison::AtMost, "30"),
            ("pari o inferiore a 30", Comparison::AtMost, "30"),
            ("non superiore a 30 gg", Comparison::AtMost, "30"),
            ("al massimo 30", Comparison::AtMost, "30"),
            ("at most 30", Comparison::AtMost, "30"),
            ("minore di 3", Comparison::Below, "3"),
            ("inferiore a 3", Comparison::Below, "3"),
            ("less than 3", Comparison::Below, "3"),
            ("uguale a 3", Comparison::Exactly, "3"),
            ("pari a 3", Comparison::Exactly, "3"),
            ("equal to 3", Comparison::Exactly, "3"),
        ] {
            assert_eq!(parse(text), number(c, v), "{text}");
        }
        // a comparator in words with no value is an error, like `>=`
        for text in ["almeno", "maggiore o uguale a", "non superiore a  "] {
            let err = Target::parse(text, NumberFormat::Italian).unwrap_err();
            assert!(err.0.contains("no value"), "{text}: {err}");
        }
    }

    #[test]
    fn ranges() {
        let range = |low: &str, high: &str| Target::Range { low: low.parse().unwrap(), high: high.parse().unwrap() };
        assert_eq!(parse("tra 80% e 90%"), range("0.8", "0.9"));
        assert_eq!(parse("Tra 80 e 90 %"), range("0.8", "0.9"));
        assert_eq!(parse("fra 80,5% e 90%"), range("0.805", "0.9"));
        assert_eq!(parse("da 10 a 20 gg"), range("10", "20"));
        // As sentences write a range: `compreso`, `dal … al …`, articles.
        assert_eq!(parse("compreso tra 80% e 90%"), range("0.8", "0.9"));
        assert_eq!(parse("dal 10 al 20 gg"), range("10", "20"));
        assert_eq!(parse("dall'80% al 90%"), range("0.8", "0.9"));
        assert_eq!(parse("tra il 70% e l'85%"), range("0.7", "0.85"));
        assert_eq!(
            Target::parse("between 0.8 and 0.9", NumberFormat::English).unwrap().unwrap().target,
            range("0.8", "0.9")
        );
        assert_eq!(parse("tra 80% e 90%").to_string(), "between 0.8 and 0.9");
        assert_eq!(parse("tra 80% e 90%").direction(), Direction::Range);
        assert!(Target::parse("tra 90% e 80%", NumberFormat::Italian).unwrap_err().0.contains("lower bound first"));
        assert!(Target::parse("tra 80%", NumberFormat::Italian).is_err());
        assert!(Target::parse("tra 5 gg e 10 €", NumberFormat::Italian).unwrap_err().0.contains("different units"));
        // met inside and on both bounds
        let t = range("0.8", "0.9");
        for (v, met) in [("0.79", false), ("0.8", true), ("0.85", true), ("0.9", true), ("0.91", false)] {
            assert_eq!(t.is_met_by(&Value::Number(v.parse().unwrap())), Some(met), "{v}");
        }
    }

    #[test]
    fn deadlines_with_dates_in_words() {
        let day = |y, m, d| Target::Deadline(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let in_2024 = |text: &str| Target::parse_in(text, NumberFormat::Italian, Some(2024)).unwrap().unwrap().target;
        assert_eq!(parse("Entro il 30 giugno 2015"), day(2015, 6, 30));
        assert_eq!(parse("entro dicembre 2015"), day(2015, 12, 31));
        assert_eq!(parse("by June 30, 2024"), day(2024, 6, 30));
        assert_eq!(parse("30 giu 2024"), day(2024, 6, 30));
        assert_eq!(parse("<= 30 giugno 2024"), day(2024, 6, 30));
        assert_eq!(parse("minore o uguale a 30/06/2024"), day(2024, 6, 30));
        assert_eq!(in_2024("entro il 30/06"), day(2024, 6, 30));
        assert_eq!(in_2024("31/12"), day(2024, 12, 31));
        assert_eq!(in_2024("30 giugno"), day(2024, 6, 30));
        assert_eq!(in_2024("entro fine anno"), day(2024, 12, 31));
        assert_eq!(in_2024("fine anno"), day(2024, 12, 31));
        assert_eq!(in_2024("entro l'1 luglio"), day(2024, 7, 1));
        // the phrases of administrative Italian for "no later than"
        assert_eq!(in_2024("entro e non oltre il 30/06"), day(2024, 6, 30));
        assert_eq!(in_2024("non oltre il 30 settembre"), day(2024, 9, 30));
        assert_eq!(parse("non oltre 30 gg"), number(Comparison::AtMost, "30"));
        // dates with dots, as Italian plans write them: in full anywhere, the
        // day and month alone after a deadline word, taking the column's year
        assert_eq!(parse("31.12.2024"), day(2024, 12, 31));
        assert_eq!(parse("entro il 31.12.2024"), day(2024, 12, 31));
        assert_eq!(parse("<= 30.06.2025"), day(2025, 6, 30));
        assert_eq!(in_2024("entro il 31.12"), day(2024, 12, 31));
        assert_eq!(in_2024("Entro 30.06"), day(2024, 6, 30));
        assert_eq!(in_2024("entro e non oltre il 1.7"), day(2024, 7, 1));
        assert_eq!(in_2024("by 31.3"), day(2024, 3, 31));
        // a bare 31.12 is a number, as the number formats read it (31.12 in an English file)
        let bare = |f| Target::parse_in("31.12", f, Some(2024)).unwrap().unwrap().target;
        assert_eq!(bare(NumberFormat::English), number(Comparison::AtLeast, "31.12"));
        assert_eq!(
            Target::parse_in("<= 31.12", NumberFormat::English, Some(2024)).unwrap().unwrap().target,
            number(Comparison::AtMost, "31.12")
        );
        assert!(Target::parse("entro il 31.12", NumberFormat::Italian).unwrap_err().0.contains("no year"));
        assert!(Target::parse_in("entro il 31.02", NumberFormat::Italian, Some(2024))
            .unwrap_err()
            .0
            .contains("`31.02` is not a day that exists"));
        assert!(Target::parse("entro il 30/06", NumberFormat::Italian).unwrap_err().0.contains("no year"));
        assert!(Target::parse("entro il 31 giugno 2024", NumberFormat::Italian).unwrap_err().0.contains("not a day"));
    }

    #[test]
    fn several_years_in_one_cell() {
        let split = |t: &str| {
            split_years(t).map(|parts| parts.into_iter().map(|(y, p)| format!("{y}={p}")).collect::<Vec<_>>())
        };
        assert_eq!(split("Anno 2024: >= 90% Anno 2025: >= 95%").unwrap(), ["2024=>= 90%", "2025=>= 95%"]);
        assert_eq!(split("anno 2024: <= 5 gg; anno 2025: <= 4 gg").unwrap(), ["2024=<= 5 gg", "2025=<= 4 gg"]);
        assert_eq!(
            split("2024: almeno 3 2025: almeno 4 2026 : N/D").unwrap(),
            ["2024=almeno 3", "2025=almeno 4", "2026=N/D"]
        );
        assert_eq!(
            split("2024: entro il 31/12/2024 2025: entro il 30/06").unwrap(),
            ["2024=entro il 31/12/2024", "2025=entro il 30/06"]
        );
        assert_eq!(split(">= 90%"), None);
        assert_eq!(split("Entro 31-12-2024"), None);
        assert_eq!(split("Target 2024: 5"), None);
    }

    #[test]
    fn the_unit_is_kept() {
        let t = Target::parse(">= 105,00 %", NumberFormat::Italian).unwrap().unwrap();
        assert_eq!(t.unit, Some(Unit::Percent));
        let t = Target::parse("<= 2 gg", NumberFormat::Italian).unwrap().unwrap();
        assert_eq!(t.unit, Some(Unit::Days));
    }

    #[test]
    fn unreadable_targets_are_errors() {
        assert!(Target::parse(">= 1.2.3", NumberFormat::Italian).is_err());
        assert!(Target::parse("Entro domani", NumberFormat::Italian).is_err());
        assert!(Target::parse("Entro marzo", NumberFormat::Italian).is_err(), "no year to take");
        assert!(Target::parse("> 31-03-2024", NumberFormat::Italian).is_err());
        assert!(Target::parse("almeno dieci", NumberFormat::Italian).is_err());
        // An article is dropped only before a number: the words stay an error.
        assert!(Target::parse("almeno la metà", NumberFormat::Italian).is_err());
        assert!(Target::parse(">=", NumberFormat::Italian).is_err());
    }

    #[test]
    fn canonical_text() {
        assert_eq!(parse(">= 105,00 %").to_string(), ">= 1.05");
        assert_eq!(parse("<= 2 gg").to_string(), "<= 2");
        assert_eq!(parse("Entro 31-03-2024").to_string(), "by 2024-03-31");
        assert_eq!(parse("SI").to_string(), "= true");
    }
}
