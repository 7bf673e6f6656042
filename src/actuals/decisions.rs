//! The evaluator's decisions about single indicators: neutralizing one (events
//! outside the body's control take it out of the roll-up) or forcing its score.
//! Both are rows of an actuals file, always with the reason in `note`:
//!
//! | year | code | variable | value | note |
//! | --- | --- | --- | --- | --- |
//! | 2024 | K7 | `#neutralize` | (blank) | the reason |
//! | 2024 | K9 | `#score` | `80` | the reason |

use std::fmt;

use rust_decimal::Decimal;

use super::entry::Origin;

/// What the evaluator decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The indicator leaves the year's roll-up (status `neutralized`).
    Neutralize,
    /// The indicator's score is this, whatever its value (0 to 100).
    Score(Decimal),
}

/// A decision with its written reason and the row it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub decision: Decision,
    /// The reason, from the row's `note`; never empty.
    pub note: String,
    pub origin: Origin,
}

/// The directive a `variable` cell names: `#neutralize` or `#score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    Neutralize,
    Score,
}

impl Directive {
    /// Reads a variable cell starting with `#`: `None` for an ordinary
    /// quantity, `Some(Err((message, hint)))` for a `#` word that is no directive.
    pub fn parse(variable: &str) -> Option<Result<Directive, (String, String)>> {
        // Only the start is trimmed to know: nearly every variable is no directive.
        let word = variable.trim_start().strip_prefix('#')?;
        Some(match word.trim().to_lowercase().as_str() {
            "neutralize" | "neutralise" | "neutralizza" | "neutralizzato" => Ok(Directive::Neutralize),
            "score" | "punteggio" => Ok(Directive::Score),
            _ => Err((
                format!("`{}` is not a directive", variable.trim()),
                "use #neutralize (blank value) or #score (the forced score), with the reason in the note".into(),
            )),
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Directive::Neutralize => "#neutralize",
            Directive::Score => "#score",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Neutralize => f.write_str("#neutralize"),
            Decision::Score(s) => write!(f, "#score {}", crate::figure::canonical::number(*s, 6)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_in_english_and_italian() {
        assert_eq!(Directive::parse("#neutralize"), Some(Ok(Directive::Neutralize)));
        assert_eq!(Directive::parse(" #Neutralizza "), Some(Ok(Directive::Neutralize)));
        assert_eq!(Directive::parse("#punteggio"), Some(Ok(Directive::Score)));
        assert!(matches!(Directive::parse("#skip"), Some(Err(_))));
        assert_eq!(Directive::parse("Follower"), None);
    }
}
