//! The bands a score falls in (`--bands 60,90`): red below the first
//! figure, amber below the second, green from there up. Which scores count
//! as good is the body's choice, so kpi only offers a default (see the
//! README, "The Relazione").

use std::fmt;

use rust_decimal::Decimal;

/// The two scores where the bands change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bands {
    /// Scores below this are red.
    pub amber_from: Decimal,
    /// Scores below this (and at or above `amber_from`) are amber; the rest green.
    pub green_from: Decimal,
}

/// One band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Band {
    Red,
    Amber,
    Green,
}

impl Band {
    /// The CSS class that colours it.
    pub fn class(self) -> &'static str {
        match self {
            Band::Red => "red",
            Band::Amber => "amber",
            Band::Green => "green",
        }
    }
}

impl Default for Bands {
    fn default() -> Self {
        Bands { amber_from: Decimal::from(60), green_from: Decimal::from(90) }
    }
}

impl Bands {
    /// Reads `60,90`: two scores from 0 to 100, the first below the second,
    /// decimals written with a point (`62.5,90`) since the comma separates them.
    pub fn parse(text: &str) -> Result<Bands, String> {
        let usage = || {
            format!("`{text}`: give two scores, the first below the second, like --bands 60,90 (below 60 red, below 90 amber, else green)")
        };
        let (amber, green) = text.split_once(',').ok_or_else(usage)?;
        let read = |s: &str| s.trim().parse::<Decimal>().map_err(|_| usage());
        let (amber_from, green_from) = (read(amber)?, read(green)?);
        if amber_from <= Decimal::ZERO || green_from <= amber_from || green_from > Decimal::ONE_HUNDRED {
            return Err(usage());
        }
        Ok(Bands { amber_from, green_from })
    }

    pub fn of(&self, score: Decimal) -> Band {
        if score < self.amber_from {
            Band::Red
        } else if score < self.green_from {
            Band::Amber
        } else {
            Band::Green
        }
    }
}

impl fmt::Display for Bands {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{}", self.amber_from.normalize(), self.green_from.normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_fall_in_the_bands_the_body_chose() {
        let bands = Bands::parse("60,90").unwrap();
        assert_eq!(bands, Bands::default());
        assert_eq!(bands.of(Decimal::from(59)), Band::Red);
        assert_eq!(bands.of(Decimal::from(60)), Band::Amber);
        assert_eq!(bands.of(Decimal::from(90)), Band::Green);
        assert_eq!(bands.of(Decimal::from(120)), Band::Green);
        assert_eq!(Bands::parse(" 62.5 , 80 ").unwrap().to_string(), "62.5,80");
        for wrong in ["90,60", "60", "0,50", "60,60", "60,101", "a,b", "60,90,95"] {
            assert!(Bands::parse(wrong).is_err(), "{wrong}");
        }
    }
}
