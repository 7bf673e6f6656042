//! The value an indicator needs: the target's own figure to be achieved, or,
//! for a score short of it (`--score S`), the scoring rule in force turned
//! around. Every figure found is checked with the evaluator's scorer, so
//! `kpi needs` and `kpi eval` cannot disagree.

use chrono::{Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::{Unreachable, PRINTED_DP};
use crate::evaluate::score::{score, Method, Scoring, Status};
use crate::scale::{Scale, ScaleKind};
use crate::target::{Comparison, Direction, Target};
use crate::value::Value;

/// Which way a needed value may move and still be enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    AtLeast,
    AtMost,
    /// A date on or before.
    By,
    Equal,
}

impl Way {
    /// The name machine outputs use: `at least`, `at most`, `by`, `equal`.
    pub fn name(self) -> &'static str {
        match self {
            Way::AtLeast => "at least",
            Way::AtMost => "at most",
            Way::By => "by",
            Way::Equal => "equal",
        }
    }
}

/// What is asked of an indicator: its target achieved, or at least a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wanted {
    /// Status `achieved` (score 100, or more under a cap).
    #[default]
    Achieved,
    /// A score of at least this (0 < S ≤ the cap).
    Score(Decimal),
}

impl Wanted {
    /// `--score S`: 100 asks for the target itself.
    pub fn from_score(score: Option<Decimal>) -> Wanted {
        match score {
            Some(s) if s != Decimal::ONE_HUNDRED => Wanted::Score(s),
            _ => Wanted::Achieved,
        }
    }
}

/// True when the value, scored by the evaluator's own rules, gives what is wanted.
pub fn reaches(
    target: &Target,
    threshold: Option<&Value>,
    value: &Value,
    scoring: Scoring,
    scale: Option<&Scale>,
    wanted: Wanted,
) -> bool {
    match score(target, threshold, value, scoring, scale) {
        Ok(scored) => match wanted {
            Wanted::Achieved => scored.status == Status::Achieved,
            Wanted::Score(s) => scored.score >= s,
        },
        Err(_) => false,
    }
}

/// How the needed value was found, for `kpi needs YEAR CODE` to write out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Derivation {
    /// The target's own figure.
    Target,
    /// 100·v/T = S, so v = S·T/100 (or 100·T/v = S, so v = 100·T/S).
    Ratio { direction: Direction, target: Decimal, score: Decimal },
    /// 100·(v−S)/(T−S) = score, so v = S + score·(T−S)/100 (or the mirror).
    Linear { direction: Direction, target: Decimal, threshold: Decimal, score: Decimal },
    /// The score asked for is reached only at the soglia or beyond it.
    Threshold,
    /// The body's scale gives the score at degree g: v = g·T/100 (or 100·T/g).
    Scaled { direction: Direction, target: Decimal, score: Decimal, degree: Decimal, scale: String },
    /// A late deadline with a soglia: score·(S−T)/100 days before the soglia, rounded up.
    DeadlineDays { target: NaiveDate, threshold: NaiveDate, score: Decimal, days: i64 },
    /// No partial credit under the rule in force: only the target counts.
    NoPartialCredit(&'static str),
}

/// An indicator's needed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// The exact boundary (before rounding for printing).
    pub boundary: Value,
    /// The value printed: rounded, where it had to be, in the direction that still reaches.
    pub value: Value,
    pub way: Way,
    pub derivation: Derivation,
}

/// The needed value, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeedOutcome {
    Need(Need),
    /// No value reaches the score asked for.
    Unreachable(Unreachable),
}

/// The smallest step of a printed value.
fn step() -> Decimal {
    Decimal::new(1, PRINTED_DP)
}

/// Rounded to the printed decimals in the direction where the value stays enough.
fn round_safe(n: Decimal, way: Way) -> Decimal {
    let strategy = match way {
        Way::AtLeast => RoundingStrategy::ToPositiveInfinity,
        Way::AtMost | Way::By => RoundingStrategy::ToNegativeInfinity,
        Way::Equal => RoundingStrategy::MidpointAwayFromZero,
    };
    n.round_dp_with_strategy(PRINTED_DP, strategy).normalize()
}

/// The way a number target's value must move.
fn way_of(direction: Direction) -> Way {
    match direction {
        Direction::HigherIsBetter => Way::AtLeast,
        Direction::LowerIsBetter => Way::AtMost,
        Direction::Deadline => Way::By,
        Direction::Exact | Direction::Boolean | Direction::Range => Way::Equal,
    }
}

/// The rule in force for an indicator: the scoring options and its scale.
#[derive(Debug, Clone, Copy)]
pub struct InForce<'a> {
    pub scoring: Scoring,
    pub scale: Option<&'a Scale>,
}

/// The value an indicator needs under the rule in force for what is wanted;
/// `now`, its value so far, tells which bound of a range it must reach.
pub fn needed_value(
    target: &Target,
    threshold: Option<&Value>,
    rule: InForce,
    wanted: Wanted,
    now: Option<&Value>,
) -> NeedOutcome {
    let (scoring, scale) = (rule.scoring, rule.scale);
    let achieved = achieving(target, threshold, rule, now);
    let Wanted::Score(s) = wanted else {
        return achieved;
    };
    let partial = match target {
        // Missed below, a range is scored as `>= low`; above, as `<= high`; it takes no soglia.
        Target::Range { low, high } => {
            let above = matches!(now, Some(Value::Number(v)) if v > high);
            let (comparison, bound) = if above { (Comparison::AtMost, *high) } else { (Comparison::AtLeast, *low) };
            partial(&Target::Number { comparison, value: bound }, None, rule, s)
        }
        _ => partial(target, threshold, rule, s),
    };
    let candidate = match partial {
        Some(found) => found,
        None if s > Decimal::ONE_HUNDRED => return NeedOutcome::Unreachable(Unreachable::BeyondAchieving { score: s }),
        None => return achieved,
    };
    if reaches(target, threshold, &candidate.value, scoring, scale, wanted) {
        return NeedOutcome::Need(candidate);
    }
    // The 28-digit division may leave the figure a hair short: a few printed steps further.
    if let (Value::Number(n), Way::AtLeast | Way::AtMost) = (candidate.value, candidate.way) {
        for k in 1..=3 {
            let nudge = step() * Decimal::from(k);
            let moved = if candidate.way == Way::AtLeast { n.checked_add(nudge) } else { n.checked_sub(nudge) };
            if let Some(moved) =
                moved.filter(|m| reaches(target, threshold, &Value::Number(*m), scoring, scale, wanted))
            {
                return NeedOutcome::Need(Need { value: Value::Number(moved.normalize()), ..candidate });
            }
        }
    }
    if s > Decimal::ONE_HUNDRED {
        return NeedOutcome::Unreachable(Unreachable::NoPrintedValueScores { score: s });
    }
    achieved
}

/// The value that achieves the target: its own figure, or for a strict
/// comparison the nearest printed value past it; for a range, the bound
/// nearer the value so far (the lower one when there is none yet).
fn achieving(target: &Target, threshold: Option<&Value>, rule: InForce, now: Option<&Value>) -> NeedOutcome {
    let need = match target {
        Target::Range { low, high } => {
            let above = matches!(now, Some(Value::Number(v)) if v > high);
            let (bound, way) = if above { (*high, Way::AtMost) } else { (*low, Way::AtLeast) };
            Need {
                boundary: Value::Number(bound),
                value: Value::Number(round_safe(bound, way)),
                way,
                derivation: Derivation::Target,
            }
        }
        Target::Number { comparison, value: t } => {
            let way = way_of(target.direction());
            let printed = match comparison {
                Comparison::Above => {
                    t.round_dp_with_strategy(PRINTED_DP, RoundingStrategy::ToNegativeInfinity) + step()
                }
                Comparison::Below => {
                    t.round_dp_with_strategy(PRINTED_DP, RoundingStrategy::ToPositiveInfinity) - step()
                }
                _ => round_safe(*t, way),
            };
            Need {
                boundary: Value::Number(*t),
                value: Value::Number(printed.normalize()),
                way,
                derivation: Derivation::Target,
            }
        }
        Target::Deadline(d) => {
            Need { boundary: Value::Date(*d), value: Value::Date(*d), way: Way::By, derivation: Derivation::Target }
        }
        Target::Boolean(b) => {
            Need { boundary: Value::Bool(*b), value: Value::Bool(*b), way: Way::Equal, derivation: Derivation::Target }
        }
    };
    if reaches(target, threshold, &need.value, rule.scoring, rule.scale, Wanted::Achieved) {
        NeedOutcome::Need(need)
    } else {
        NeedOutcome::Unreachable(Unreachable::TargetNotPrintable)
    }
}

/// The value for a score `s` short of achieving (or beyond it, under a cap),
/// by the rule that scores a value there; `None` when only achieving counts.
fn partial(target: &Target, threshold: Option<&Value>, rule: InForce, s: Decimal) -> Option<Need> {
    let hundred = Decimal::ONE_HUNDRED;
    let scoring = rule.scoring;
    match target {
        Target::Number { value: t, .. } => {
            let t = *t;
            let direction = target.direction();
            let way = way_of(direction);
            if direction == Direction::Exact {
                return None;
            }
            if s > hundred {
                return over_achieving(direction, t, scoring, s);
            }
            let soglia = threshold.and_then(Value::as_number);
            let ratio_applies = match direction {
                Direction::HigherIsBetter => t > Decimal::ZERO,
                _ => t >= Decimal::ZERO,
            };
            let linear = |sg: Decimal| -> Option<(Decimal, Derivation)> {
                if sg == t {
                    return None;
                }
                // higher: v = S + s·(T−S)/100; lower: v = S − s·(S−T)/100
                let range = if way == Way::AtLeast { t.checked_sub(sg)? } else { sg.checked_sub(t)? };
                let covered = s.checked_mul(range)?.checked_div(hundred)?;
                let v = if way == Way::AtLeast { sg.checked_add(covered)? } else { sg.checked_sub(covered)? };
                Some((v, Derivation::Linear { direction, target: t, threshold: sg, score: s }))
            };
            let ratio = || -> Option<(Decimal, Derivation)> {
                // higher: v = s·T/100; lower: v = 100·T/s
                let v = if way == Way::AtLeast {
                    s.checked_mul(t)?.checked_div(hundred)?
                } else {
                    hundred.checked_mul(t)?.checked_div(s)?
                };
                Some((v, Derivation::Ratio { direction, target: t, score: s }))
            };
            let scaled = rule.scale.filter(|_| ratio_applies).and_then(|scale| {
                // On the scale: the least degree g that scores s; v = g·T/100, or 100·T/g lower is better.
                let g = degree_for(scale, s)?;
                let v = if way == Way::AtLeast {
                    g.checked_mul(t)?.checked_div(hundred)?
                } else if g.is_zero() {
                    return None;
                } else {
                    hundred.checked_mul(t)?.checked_div(g)?
                };
                Some((v, Derivation::Scaled { direction, target: t, score: s, degree: g, scale: scale.text.clone() }))
            });
            let (v, derivation) = match (scoring.method, soglia) {
                _ if scaled.is_some() => scaled?,
                (Method::Binary, _) => return None,
                (Method::Ratio, _) if ratio_applies => ratio()?,
                (Method::Ratio, Some(sg)) | (Method::Linear, Some(sg)) => linear(sg)?,
                (Method::Linear, None) if ratio_applies => ratio()?,
                _ => return None,
            };
            // Beyond the soglia everything scores 0: the soglia itself is then the least needed.
            let (v, derivation) = match soglia {
                Some(sg) if way == Way::AtLeast && v < sg => (sg, Derivation::Threshold),
                Some(sg) if way == Way::AtMost && v > sg => (sg, Derivation::Threshold),
                _ => (v, derivation),
            };
            Some(Need { boundary: Value::Number(v), value: Value::Number(round_safe(v, way)), way, derivation })
        }
        Target::Deadline(t) => {
            let Some(Value::Date(sg)) = threshold else { return None };
            if scoring.method == Method::Binary || sg <= t || s > hundred {
                return None;
            }
            // 100·(S−v)/(S−T) >= s  ⇔  S − v >= s·(S−T)/100 days, a whole number of days, rounded up.
            let range = Decimal::from((*sg - *t).num_days());
            let days = s.checked_mul(range)?.checked_div(hundred)?.ceil();
            let days = i64::try_from(days).ok()?;
            let v = sg.checked_sub_days(Days::new(u64::try_from(days).ok()?))?;
            Some(Need {
                boundary: Value::Date(v),
                value: Value::Date(v),
                way: Way::By,
                derivation: Derivation::DeadlineDays { target: *t, threshold: *sg, score: s, days },
            })
        }
        Target::Boolean(_) | Target::Range { .. } => None,
    }
}

/// The least degree of achievement (in percent) at which the scale scores at
/// least `s`; `None` where no degree does.
fn degree_for(scale: &Scale, s: Decimal) -> Option<Decimal> {
    let points = &scale.points;
    match scale.kind {
        ScaleKind::Steps => points.iter().find(|p| p.score >= s).map(|p| p.degree),
        ScaleKind::Interpolated => {
            let first = points.first()?;
            if first.score >= s {
                return Some(Decimal::ZERO.min(first.degree));
            }
            points.windows(2).find_map(|pair| {
                let (a, b) = (pair[0], pair[1]);
                if !(a.score < s && s <= b.score) {
                    return None;
                }
                // g = Ga + (s − Sa)·(Gb − Ga)/(Sb − Sa)
                let run = b.degree.checked_sub(a.degree)?;
                let rise = b.score.checked_sub(a.score)?;
                a.degree.checked_add(s.checked_sub(a.score)?.checked_mul(run)?.checked_div(rise)?)
            })
        }
    }
}

/// The degree (in percent) at or below which the scale scores 0, `None`
/// where it scores something everywhere.
fn zero_degree(scale: &Scale) -> Option<Decimal> {
    let points = &scale.points;
    match scale.kind {
        // Below the first step that scores, 0.
        ScaleKind::Steps => points.iter().find(|p| p.score > Decimal::ZERO).map(|p| p.degree),
        ScaleKind::Interpolated => {
            let zeros = points.iter().take_while(|p| p.score.is_zero()).count();
            (zeros > 0).then(|| points[zeros - 1].degree)
        }
    }
}

/// Over-achievement (s above 100) counts only under ratio with a cap of at least s.
fn over_achieving(direction: Direction, t: Decimal, scoring: Scoring, s: Decimal) -> Option<Need> {
    if scoring.method != Method::Ratio || scoring.cap < s {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let (v, way) = match direction {
        Direction::HigherIsBetter if t > Decimal::ZERO => (s.checked_mul(t)?.checked_div(hundred)?, Way::AtLeast),
        Direction::LowerIsBetter if t >= Decimal::ZERO => (hundred.checked_mul(t)?.checked_div(s)?, Way::AtMost),
        _ => return None,
    };
    Some(Need {
        boundary: Value::Number(v),
        value: Value::Number(round_safe(v, way)),
        way,
        derivation: Derivation::Ratio { direction, target: t, score: s },
    })
}

/// The value beyond which (the worse way) the indicator scores 0: its soglia;
/// without one, 0 where a ratio scores (0 earns nothing), the target itself
/// where any miss scores 0; `None` where every value short of the target still
/// earns something, and for `=` and yes/no targets (any other value scores 0).
pub fn zero_below(target: &Target, threshold: Option<&Value>, rule: InForce) -> Option<Value> {
    if let Some(sg) = threshold {
        return Some(*sg);
    }
    match target {
        Target::Number { value: t, .. } => {
            let t = *t;
            let any_miss_is_zero = Some(Value::Number(t));
            let direction = target.direction();
            let degree_applies = match direction {
                Direction::HigherIsBetter => t > Decimal::ZERO,
                Direction::LowerIsBetter => t >= Decimal::ZERO,
                _ => false,
            };
            if let Some(scale) = rule.scale.filter(|_| degree_applies) {
                // The scale's lowest scoring point, as a value: g·T/100, or 100·T/g lower is better.
                let hundred = Decimal::ONE_HUNDRED;
                return match (zero_degree(scale), direction) {
                    (None, _) => None,
                    (Some(g), Direction::HigherIsBetter) => {
                        g.checked_mul(t).and_then(|x| x.checked_div(hundred)).map(Value::Number)
                    }
                    (Some(g), _) if g.is_zero() => None,
                    (Some(g), _) => hundred.checked_mul(t).and_then(|x| x.checked_div(g)).map(Value::Number),
                };
            }
            match (direction, rule.scoring.method) {
                (_, Method::Binary) => any_miss_is_zero,
                (Direction::HigherIsBetter, _) if t > Decimal::ZERO => Some(Value::Number(Decimal::ZERO)),
                // 100·T/v is above 0 for every v > 0 when T > 0.
                (Direction::LowerIsBetter, _) if t > Decimal::ZERO => None,
                (Direction::HigherIsBetter | Direction::LowerIsBetter, _) => any_miss_is_zero,
                _ => None,
            }
        }
        Target::Deadline(d) => Some(Value::Date(*d)),
        Target::Boolean(_) | Target::Range { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn number(c: Comparison, v: &str) -> Target {
        Target::Number { comparison: c, value: d(v) }
    }
    fn with(method: Method) -> InForce<'static> {
        InForce { scoring: Scoring { method, cap: Decimal::ONE_HUNDRED }, scale: None }
    }
    fn need(t: &Target, s: Option<&str>, scoring: InForce, wanted: Wanted) -> (Value, Way) {
        let threshold = s.map(|s| Value::Number(d(s)));
        match needed_value(t, threshold.as_ref(), scoring, wanted, None) {
            NeedOutcome::Need(n) => (n.value, n.way),
            NeedOutcome::Unreachable(why) => panic!("{why:?}"),
        }
    }
    fn n(s: &str) -> Value {
        Value::Number(d(s))
    }

    #[test]
    fn to_achieve_the_target_is_needed() {
        let r = with(Method::Ratio);
        assert_eq!(need(&number(Comparison::AtLeast, "1.05"), None, r, Wanted::Achieved), (n("1.05"), Way::AtLeast));
        assert_eq!(need(&number(Comparison::AtMost, "2"), None, r, Wanted::Achieved), (n("2"), Way::AtMost));
        // > 5: the nearest printed value above, 5 + 10^-10
        assert_eq!(need(&number(Comparison::Above, "5"), None, r, Wanted::Achieved), (n("5.0000000001"), Way::AtLeast));
        // < 7 %: 0.07 − 10^-10
        assert_eq!(
            need(&number(Comparison::Below, "0.07"), None, r, Wanted::Achieved),
            (n("0.0699999999"), Way::AtMost)
        );
        assert_eq!(need(&number(Comparison::Exactly, "5"), None, r, Wanted::Achieved), (n("5"), Way::Equal));
        assert_eq!(need(&Target::Boolean(true), None, r, Wanted::Achieved), (Value::Bool(true), Way::Equal));
    }

    #[test]
    fn a_score_short_of_the_target_inverts_the_rule() {
        let r = with(Method::Ratio);
        // ratio, higher: 100 × v / 1.05 = 80 → v = 80 × 1.05 / 100 = 0.84
        assert_eq!(
            need(&number(Comparison::AtLeast, "1.05"), None, r, Wanted::Score(d("80"))),
            (n("0.84"), Way::AtLeast)
        );
        // ratio, lower: 100 × 2 / v = 80 → v = 100 × 2 / 80 = 2.5
        assert_eq!(need(&number(Comparison::AtMost, "2"), None, r, Wanted::Score(d("80"))), (n("2.5"), Way::AtMost));
        // ratio, but the soglia 0.9 is above 0.84: the soglia itself (scores 85.71)
        assert_eq!(
            need(&number(Comparison::AtLeast, "1.05"), Some("0.9"), r, Wanted::Score(d("80"))),
            (n("0.9"), Way::AtLeast)
        );
        // ratio impossible (T <= 0), linear from the soglia: −0.20 + 50 × (−0.12 + 0.20) / 100 = −0.16
        assert_eq!(
            need(&number(Comparison::AtLeast, "-0.12"), Some("-0.2"), r, Wanted::Score(d("50"))),
            (n("-0.16"), Way::AtLeast)
        );
        // linear, lower: 10 − 60 × (10 − 7) / 100 = 8.2 (percent points as fractions: 0.1 − 0.6 × 0.03 = 0.082)
        assert_eq!(
            need(&number(Comparison::AtMost, "0.07"), Some("0.1"), with(Method::Linear), Wanted::Score(d("60"))),
            (n("0.082"), Way::AtMost)
        );
        // 100 × v / 3 = 50 → v = 1.5; 100 × v / 3 = 10 → 0.3; 1/3 × 3 … 100 × v / 3 = 100/3: v = 1, rounded up at 10 places
        assert_eq!(need(&number(Comparison::AtLeast, "3"), None, r, Wanted::Score(d("50"))), (n("1.5"), Way::AtLeast));
        // binary: only the target counts
        assert_eq!(
            need(&number(Comparison::AtLeast, "1.05"), Some("0.5"), with(Method::Binary), Wanted::Score(d("50"))),
            (n("1.05"), Way::AtLeast)
        );
    }

    #[test]
    fn printed_values_always_reach_what_is_asked() {
        // 100 × v / 7 = 33: v = 2.31 exactly; 100 × v / 0.07 = 33.3: v = 0.02331
        for (t, s) in [("7", "33"), ("0.07", "33.3"), ("3", "33.3333333333333"), ("0.0000000003", "1")] {
            let target = number(Comparison::AtLeast, t);
            let (value, _) = need(&target, None, with(Method::Ratio), Wanted::Score(d(s)));
            assert!(
                reaches(&target, None, &value, with(Method::Ratio).scoring, None, Wanted::Score(d(s))),
                "{t} {s}: {value:?}"
            );
        }
    }

    #[test]
    fn over_achievement_only_under_a_cap() {
        let capped = InForce { scoring: Scoring { method: Method::Ratio, cap: d("120") }, scale: None };
        // 100 × v / 1.05 = 110 → v = 1.155
        assert_eq!(
            need(&number(Comparison::AtLeast, "1.05"), None, capped, Wanted::Score(d("110"))),
            (n("1.155"), Way::AtLeast)
        );
        let outcome = needed_value(
            &number(Comparison::AtLeast, "1.05"),
            None,
            with(Method::Linear),
            Wanted::Score(d("110")),
            None,
        );
        assert!(matches!(outcome, NeedOutcome::Unreachable(_)), "{outcome:?}");
    }

    #[test]
    fn a_late_deadline_with_a_soglia_counts_days() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let t = Target::Deadline(day("2024-03-31"));
        let s = Value::Date(day("2024-04-30"));
        // 30 days of range; 50 → 15 days before the soglia: 2024-04-15 scores 100 × 15 / 30 = 50
        let NeedOutcome::Need(need) = needed_value(&t, Some(&s), with(Method::Ratio), Wanted::Score(d("50")), None)
        else {
            panic!()
        };
        assert_eq!((need.value, need.way), (Value::Date(day("2024-04-15")), Way::By));
        // 70 → 21 days: 2024-04-09 (100 × 21 / 30 = 70)
        let NeedOutcome::Need(need) = needed_value(&t, Some(&s), with(Method::Ratio), Wanted::Score(d("70")), None)
        else {
            panic!()
        };
        assert_eq!(need.value, Value::Date(day("2024-04-09")));
    }

    #[test]
    fn zero_below_is_the_soglia_or_what_the_rule_makes_of_it() {
        let r = with(Method::Ratio);
        assert_eq!(zero_below(&number(Comparison::AtLeast, "1.05"), Some(&n("0.9")), r), Some(n("0.9")));
        assert_eq!(zero_below(&number(Comparison::AtLeast, "1.05"), None, r), Some(n("0")));
        assert_eq!(zero_below(&number(Comparison::AtMost, "2"), None, r), None);
        assert_eq!(zero_below(&number(Comparison::AtLeast, "-0.12"), None, r), Some(n("-0.12")));
        assert_eq!(zero_below(&number(Comparison::AtLeast, "1.05"), None, with(Method::Binary)), Some(n("1.05")));
        assert_eq!(zero_below(&Target::Boolean(true), None, r), None);
    }
}
