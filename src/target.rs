//! Targets as plans write them (README, "Targets"): `>= 105,00 %`, `<= 2 gg`,
//! `Entro 31-03-2024`, `SI`.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::value::{parse_bool, parse_date, parse_number, NumberFormat, Reading, Value, ValueError};

/// How a value is compared with a number target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    Deadline,
    Boolean,
}

/// A year's target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Number {
        comparison: Comparison,
        value: Decimal,
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
    pub unit: Option<String>,
    /// The number was one the other number format reads differently.
    pub ambiguous: bool,
}

impl Target {
    pub fn direction(&self) -> Direction {
        match self {
            Target::Number { comparison, .. } => match comparison {
                Comparison::AtLeast | Comparison::Above => Direction::HigherIsBetter,
                Comparison::AtMost | Comparison::Below => Direction::LowerIsBetter,
                Comparison::Exactly => Direction::Exact,
            },
            Target::Deadline(_) => Direction::Deadline,
            Target::Boolean(_) => Direction::Boolean,
        }
    }

    /// The kind of value this target is met by.
    pub fn value_kind(&self) -> &'static str {
        match self {
            Target::Number { .. } => "number",
            Target::Deadline(_) => "date",
            Target::Boolean(_) => "yes/no value",
        }
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
            (Target::Deadline(t), Value::Date(v)) => Some(v <= t),
            (Target::Boolean(t), Value::Bool(v)) => Some(v == t),
            _ => None,
        }
    }

    /// Reads a target cell; `Ok(None)` for an empty cell or `N/D`.
    pub fn parse(text: &str, format: NumberFormat) -> Result<Option<ParsedTarget>, ValueError> {
        let t = text.trim();
        if crate::value::is_nothing(t) {
            return Ok(None);
        }
        for prefix in ["entro il ", "entro ", "by "] {
            if t.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
                let date_text = &t[prefix.len()..];
                return match parse_date(date_text) {
                    Some(d) => Ok(Some(ParsedTarget {
                        target: Target::Deadline(d),
                        unit: Some("date".into()),
                        ambiguous: false,
                    })),
                    None => {
                        Err(ValueError(format!("`{t}`: `{}` is not a date (write it as 31-03-2024)", date_text.trim())))
                    }
                };
            }
        }
        let (comparison, rest) = split_comparison(t);
        let rest = rest.trim();
        if let Some(d) = parse_date(rest) {
            return match comparison {
                None | Some(Comparison::AtMost) => {
                    Ok(Some(ParsedTarget { target: Target::Deadline(d), unit: Some("date".into()), ambiguous: false }))
                }
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
        let reading = parse_number(rest, format).map_err(|e| ValueError(format!("target `{t}`: {}", e.0)))?;
        let ambiguous = matches!(reading, Reading::Ambiguous(_));
        let Some(parsed) = reading.parsed() else {
            return Err(ValueError(format!("target `{t}` has no value after the comparison")));
        };
        let Value::Number(value) = parsed.value else {
            return Err(ValueError(format!("target `{t}` is not a number, a date or a yes/no")));
        };
        Ok(Some(ParsedTarget {
            target: Target::Number { comparison: comparison.unwrap_or(Comparison::AtLeast), value },
            unit: parsed.unit,
            ambiguous,
        }))
    }
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
    (None, text)
}

/// The canonical form used in machine-readable output: `>= 1.05`,
/// `by 2024-03-31`, `= true`.
impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Number { comparison, value } => {
                write!(f, "{} {}", comparison.symbol(), crate::value::round_for_output(*value, 10))
            }
            Target::Deadline(d) => write!(f, "by {}", d.format("%Y-%m-%d")),
            Target::Boolean(b) => write!(f, "= {b}"),
        }
    }
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
    fn the_unit_is_kept() {
        let t = Target::parse(">= 105,00 %", NumberFormat::Italian).unwrap().unwrap();
        assert_eq!(t.unit.as_deref(), Some("%"));
        let t = Target::parse("<= 2 gg", NumberFormat::Italian).unwrap().unwrap();
        assert_eq!(t.unit.as_deref(), Some("gg"));
    }

    #[test]
    fn unreadable_targets_are_errors() {
        assert!(Target::parse(">= 1.2.3", NumberFormat::Italian).is_err());
        assert!(Target::parse("Entro marzo", NumberFormat::Italian).is_err());
        assert!(Target::parse("> 31-03-2024", NumberFormat::Italian).is_err());
        assert!(Target::parse("almeno dieci", NumberFormat::Italian).is_err());
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
