//! The body's own rule for partial credit (README, Scales): a score read
//! off the degree of achievement, either interpolated between points
//! (`70%:0 90%:100`) or in steps (`steps 60%:50 80%:80 100%:100`).

use std::fmt;

use rust_decimal::Decimal;

/// How the points of a scale turn a degree into a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleKind {
    /// S1 at or below G1, Sn at or above Gn, linear between neighbours.
    Interpolated,
    /// The S of the highest G reached; 0 below the first.
    Steps,
}

/// A point of a scale: a degree of achievement in percent and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub degree: Decimal,
    pub score: Decimal,
}

/// A scale as written in a plan's `scale` cell or with `--scale`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub kind: ScaleKind,
    /// At least one, degrees rising.
    pub points: Vec<Point>,
    /// The scale as written, spaces made single: how outputs name it.
    pub text: String,
}

/// Why a scale cannot be read: the caller adds the file and line or the option.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ScaleError(pub String);

/// How a degree was placed on the scale, for `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// At or below the first point (interpolated): its score.
    AtOrBelowFirst(Point),
    /// At or above the last point (interpolated): its score.
    AtOrAboveLast(Point),
    /// Between two points (interpolated): Sa + (Sb − Sa)·(g − Ga)/(Gb − Ga).
    Between(Point, Point),
    /// The highest step reached.
    Step(Point),
    /// Below the first step: 0.
    BelowFirstStep(Point),
}

impl Scale {
    /// Reads `G1:S1 G2:S2 …` or `steps G1:S1 …` (also `scalini`, `gradini`).
    /// G is a degree in percent (`70%` or `70`), S a score from 0 to 100; a
    /// decimal may be written with `,` or `.`. `Ok(None)` for an empty text.
    pub fn parse(text: &str) -> Result<Option<Scale>, ScaleError> {
        if text.trim().is_empty() {
            // Most nodes have none.
            return Ok(None);
        }
        let tidy = tidy(text);
        let words: Vec<&str> = tidy.split_whitespace().collect();
        let Some(first) = words.first() else {
            return Ok(None);
        };
        let is_steps = |word: &str| ["steps", "scalini", "gradini"].contains(&word.to_lowercase().as_str());
        let (kind, points_text) = if is_steps(first) {
            (ScaleKind::Steps, &words[1..])
        } else if first.eq_ignore_ascii_case("a") && words.get(1).is_some_and(|w| is_steps(w)) {
            // `a scalini 60%:50 …`
            (ScaleKind::Steps, &words[2..])
        } else {
            (ScaleKind::Interpolated, &words[..])
        };
        if points_text.is_empty() {
            return Err(ScaleError("the scale has no points: write them as degree:score, like `70%:0 90%:100`".into()));
        }
        let mut points: Vec<Point> = Vec::with_capacity(points_text.len());
        for (i, written) in points_text.iter().enumerate() {
            let at = |problem: &str| ScaleError(format!("point {} `{written}`: {problem}", i + 1));
            let Some((g, s)) = written.split_once(':') else {
                return Err(at("write a point as degree:score, like `70%:0`"));
            };
            let degree = number(g.trim().trim_end_matches('%').trim())
                .ok_or_else(|| at("the degree of achievement is not a number (write it like 70%)"))?;
            let score = number(s.trim()).ok_or_else(|| at("the score is not a number (write it like 50)"))?;
            if score < Decimal::ZERO || score > Decimal::ONE_HUNDRED {
                return Err(at("a score lies between 0 and 100"));
            }
            if let Some(previous) = points.last() {
                if degree <= previous.degree {
                    return Err(at("the degrees must rise from point to point"));
                }
            }
            points.push(Point { degree, score });
        }
        // `0.7:0 0.9:100`: degrees written as fractions would give full
        // credit at 0,9 % of the target; degrees are percents.
        let bare = points_text.iter().all(|p| !p.split(':').next().unwrap_or("").contains('%'));
        if bare && points.iter().all(|p| p.degree <= Decimal::ONE) {
            return Err(ScaleError(format!(
                "the degrees are percents of the target, so `{}` would give full credit at {} % of it: write 70% (or 70) for seventy per cent",
                points_text.join(" "),
                points[points.len() - 1].degree
            )));
        }
        Ok(Some(Scale { kind, points, text: words.join(" ") }))
    }

    /// Where a degree `g` (in percent) falls on the scale.
    pub fn place(&self, g: Decimal) -> Placement {
        let first = self.points[0];
        let last = self.points[self.points.len() - 1];
        match self.kind {
            ScaleKind::Steps => match self.points.iter().rev().find(|p| g >= p.degree) {
                Some(p) => Placement::Step(*p),
                None => Placement::BelowFirstStep(first),
            },
            ScaleKind::Interpolated if g <= first.degree => Placement::AtOrBelowFirst(first),
            ScaleKind::Interpolated if g >= last.degree => Placement::AtOrAboveLast(last),
            ScaleKind::Interpolated => {
                let upper = self.points.iter().position(|p| p.degree > g).unwrap_or(self.points.len() - 1);
                Placement::Between(self.points[upper - 1], self.points[upper])
            }
        }
    }

    /// The score for a degree `g` (in percent); `None` only if the
    /// arithmetic overflows.
    pub fn score(&self, g: Decimal) -> Option<Decimal> {
        placement_score(self.place(g), g)
    }
}

/// The score of a placement for the degree `g`.
pub fn placement_score(placement: Placement, g: Decimal) -> Option<Decimal> {
    match placement {
        Placement::AtOrBelowFirst(p) | Placement::AtOrAboveLast(p) | Placement::Step(p) => Some(p.score),
        Placement::BelowFirstStep(_) => Some(Decimal::ZERO),
        Placement::Between(a, b) => {
            let rise = b.score.checked_sub(a.score)?;
            let covered = g.checked_sub(a.degree)?;
            let run = b.degree.checked_sub(a.degree)?;
            a.score.checked_add(rise.checked_mul(covered)?.checked_div(run)?)
        }
    }
}

/// The scale with the spaces that offices put inside a point taken out
/// (`70 % : 0` is `70%:0`), and `;` between points read as a space.
fn tidy(text: &str) -> String {
    let mut out = text.replace(';', " ");
    for (spaced, joined) in [(" %", "%"), (" :", ":"), (": ", ":")] {
        while out.contains(spaced) {
            out = out.replace(spaced, joined);
        }
    }
    out
}

/// A number with `.` or `,` as its decimal point and no grouping.
fn number(text: &str) -> Option<Decimal> {
    let t = text.replace(',', ".");
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        return None;
    }
    Decimal::from_str_exact(&t).ok()
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn scale(text: &str) -> Scale {
        Scale::parse(text).unwrap().unwrap()
    }

    #[test]
    fn interpolated_between_points() {
        let s = scale("70%:0 90%:100");
        // at or below 70: 0; at or above 90: 100
        assert_eq!(s.score(d("50")), Some(d("0")));
        assert_eq!(s.score(d("70")), Some(d("0")));
        assert_eq!(s.score(d("95")), Some(d("100")));
        // 80: 0 + (100 − 0) × (80 − 70) / (90 − 70) = 50
        assert_eq!(s.score(d("80")), Some(d("50")));
        // three points, 60:20 80:60 100:100 at 90: 60 + 40 × 10 / 20 = 80
        assert_eq!(scale("60:20 80:60 100:100").score(d("90")), Some(d("80")));
        // at 70 on the same: 20 + 40 × 10 / 20 = 40
        assert_eq!(scale("60:20 80:60 100:100").score(d("70")), Some(d("40")));
        // below the first point its score, 20, not 0
        assert_eq!(scale("60:20 80:60 100:100").score(d("10")), Some(d("20")));
    }

    #[test]
    fn steps_take_the_highest_reached() {
        let s = scale("steps 60%:50 80%:80 100%:100");
        assert_eq!(s.kind, ScaleKind::Steps);
        assert_eq!(scale("a scalini 60%:50 80%:80").kind, ScaleKind::Steps);
        assert_eq!(scale("a scalini 60%:50 80%:80").points.len(), 2);
        // 59,9 is below the first step: 0
        assert_eq!(s.score(d("59.9")), Some(d("0")));
        assert_eq!(s.score(d("60")), Some(d("50")));
        assert_eq!(s.score(d("94.7")), Some(d("80")));
        assert_eq!(s.score(d("100")), Some(d("100")));
    }

    #[test]
    fn decimal_commas_and_bare_degrees() {
        let s = scale("72,5:0  92.5%:100");
        assert_eq!(s.points[0].degree, d("72.5"));
        assert_eq!(s.text, "72,5:0 92.5%:100");
        // 82,5: 100 × 10 / 20 = 50
        assert_eq!(s.score(d("82.5")), Some(d("50")));
    }

    #[test]
    fn spaces_inside_a_point_and_semicolons_between_points() {
        // `70 %:0 90 %:100` as an Italian office types it is `70%:0 90%:100`:
        // at 80, 0 + 100 × (80 − 70) / (90 − 70) = 50.
        for written in ["70 %:0 90 %:100", "70% : 0  90% : 100", "70%:0; 90%:100"] {
            let s = scale(written);
            assert_eq!(s.text, "70%:0 90%:100", "{written}");
            assert_eq!(s.score(d("80")), Some(d("50")), "{written}");
        }
        // A degree written with `%` below 1 is what it says.
        assert_eq!(scale("0,5%:0 1%:100").points[1].degree, d("1"));
    }

    #[test]
    fn mistakes_name_the_point() {
        let err = |t: &str| Scale::parse(t).unwrap_err().0;
        assert_eq!(err("70%:0 60%:100"), "point 2 `60%:100`: the degrees must rise from point to point");
        assert_eq!(err("70%:0 90%:120"), "point 2 `90%:120`: a score lies between 0 and 100");
        assert_eq!(err("70%:-1"), "point 1 `70%:-1`: a score lies between 0 and 100");
        assert_eq!(err("70%"), "point 1 `70%`: write a point as degree:score, like `70%:0`");
        assert_eq!(err("abc:5"), "point 1 `abc:5`: the degree of achievement is not a number (write it like 70%)");
        assert!(err("steps").contains("no points"));
        // Fractions for degrees: full credit at 0,9 % of the target is no SMVP's rule.
        assert_eq!(
            err("0.7:0 0.9:100"),
            "the degrees are percents of the target, so `0.7:0 0.9:100` would give full credit at 0.9 % of it: write 70% (or 70) for seventy per cent"
        );
        assert_eq!(Scale::parse("  ").unwrap(), None);
    }
}
