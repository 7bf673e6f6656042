//! Scoring one indicator against its target and soglia (SPEC §6).
//!
//! The result carries the [`Rule`] that produced it, so every score can be
//! shown with its arithmetic written out.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::target::{Direction, Target};
use crate::value::Value;

/// How a missed target earns partial credit (`--scoring`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// 100·v/T (higher is better) or 100·T/v (lower is better).
    #[default]
    Ratio,
    /// Proportional to the distance covered from the soglia to the target.
    Linear,
    /// All or nothing.
    Binary,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Ratio => "ratio",
            Method::Linear => "linear",
            Method::Binary => "binary",
        }
    }
}

/// The scoring options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scoring {
    pub method: Method,
    /// `--cap P`: the highest score an over-achieving indicator may get (ratio only).
    pub cap: Decimal,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring { method: Method::Ratio, cap: Decimal::ONE_HUNDRED }
    }
}

/// An indicator's status for the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Achieved,
    Partial,
    Missed,
    Missing,
    NoTarget,
    Error,
    /// Taken out of the roll-up by the evaluator, with a written reason.
    Neutralized,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Partial => "partial",
            Status::Missed => "missed",
            Status::Missing => "missing",
            Status::NoTarget => "no-target",
            Status::Error => "error",
            Status::Neutralized => "neutralized",
        }
    }

    /// The status a score earns on its own: `achieved` at 100 or more,
    /// `partial` above 0, `missed` at 0. Used for a score the evaluator forces.
    pub fn of_score(score: Decimal) -> Status {
        if score >= Decimal::ONE_HUNDRED {
            Status::Achieved
        } else if score > Decimal::ZERO {
            Status::Partial
        } else {
            Status::Missed
        }
    }
}

/// Which rule of §6 gave the score, with the figures it used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The target is met.
    Achieved,
    /// Met, with over-achievement counted up to the cap: min(cap, 100·v/T) or min(cap, 100·T/v).
    AchievedOver { direction: Direction, value: Decimal, target: Decimal, cap: Decimal },
    /// Met by a lower-is-better value at or below zero under a cap: the cap.
    AchievedAtCap { cap: Decimal },
    /// Worse than the soglia.
    BeyondThreshold,
    /// 100·v/T or 100·T/v.
    Ratio { direction: Direction, value: Decimal, target: Decimal },
    /// 100·(v−S)/(T−S) or 100·(S−v)/(S−T).
    Linear { direction: Direction, value: Decimal, target: Decimal, threshold: Decimal },
    /// 100·(S−v)/(S−T) counted in days.
    DeadlineDays { value: NaiveDate, target: NaiveDate, threshold: NaiveDate },
    /// Missed with no partial credit, and why.
    NoCredit(&'static str),
}

/// A scored indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    pub score: Decimal,
    pub status: Status,
    pub rule: Rule,
}

/// Why an indicator with a value cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unscorable {
    /// The value is of another kind than the target (a number against a deadline).
    KindMismatch { value: &'static str, target: &'static str },
    /// The partial credit is beyond what 28 digits can hold.
    Overflow,
}

impl fmt::Display for Unscorable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unscorable::KindMismatch { value, target } => {
                write!(f, "the value is a {value} but the target needs a {target}")
            }
            Unscorable::Overflow => f.write_str("the score overflows: the value and the target are too far apart"),
        }
    }
}

/// Scores a value against a target and optional soglia.
pub fn score(
    target: &Target,
    threshold: Option<&Value>,
    value: &Value,
    scoring: Scoring,
) -> Result<Scored, Unscorable> {
    let mismatch = || Unscorable::KindMismatch { value: value.kind(), target: target.value_kind() };
    let achieved = target.is_met_by(value).ok_or_else(mismatch)?;
    if achieved {
        return Ok(score_achieved(target, value, scoring));
    }
    let rule = partial_rule(target, threshold, value, scoring.method);
    let raw = rule_score(&rule).ok_or(Unscorable::Overflow)?;
    let score = raw.max(Decimal::ZERO);
    let status = if score > Decimal::ZERO { Status::Partial } else { Status::Missed };
    Ok(Scored { score, status, rule })
}

fn score_achieved(target: &Target, value: &Value, scoring: Scoring) -> Scored {
    let plain = Scored { score: Decimal::ONE_HUNDRED, status: Status::Achieved, rule: Rule::Achieved };
    if scoring.method != Method::Ratio || scoring.cap <= Decimal::ONE_HUNDRED {
        return plain;
    }
    let (Target::Number { value: t, .. }, Value::Number(v)) = (target, value) else {
        return plain;
    };
    let cap = scoring.cap;
    let direction = target.direction();
    let rule = match direction {
        Direction::HigherIsBetter if *t > Decimal::ZERO => Rule::AchievedOver { direction, value: *v, target: *t, cap },
        Direction::LowerIsBetter if *t >= Decimal::ZERO && *v <= Decimal::ZERO => Rule::AchievedAtCap { cap },
        Direction::LowerIsBetter if *t >= Decimal::ZERO => Rule::AchievedOver { direction, value: *v, target: *t, cap },
        _ => return plain,
    };
    match rule_score(&rule) {
        Some(score) => Scored { score, status: Status::Achieved, rule },
        None => plain,
    }
}

/// The rule for a missed target, before the score is computed.
fn partial_rule(target: &Target, threshold: Option<&Value>, value: &Value, method: Method) -> Rule {
    match (target, value) {
        (Target::Number { value: t, .. }, Value::Number(v)) => {
            let direction = target.direction();
            let s = threshold.and_then(Value::as_number);
            let beyond = match (direction, s) {
                (Direction::HigherIsBetter, Some(s)) => *v < s,
                (Direction::LowerIsBetter, Some(s)) => *v > s,
                _ => false,
            };
            if beyond {
                return Rule::BeyondThreshold;
            }
            if direction == Direction::Exact {
                return Rule::NoCredit("an exact target earns no partial credit");
            }
            let ratio = || match direction {
                Direction::HigherIsBetter if *t > Decimal::ZERO && *v >= Decimal::ZERO => {
                    Some(Rule::Ratio { direction, value: *v, target: *t })
                }
                Direction::LowerIsBetter if *t >= Decimal::ZERO && *v > Decimal::ZERO => {
                    Some(Rule::Ratio { direction, value: *v, target: *t })
                }
                _ => None,
            };
            let linear = || match s {
                Some(s) if s == *t => Rule::NoCredit("the soglia equals the target: no range for partial credit"),
                Some(s) => Rule::Linear { direction, value: *v, target: *t, threshold: s },
                None => Rule::NoCredit("no soglia"),
            };
            match method {
                Method::Binary => Rule::NoCredit("binary scoring gives no partial credit"),
                Method::Ratio => ratio().unwrap_or_else(|| match s {
                    Some(_) => linear(),
                    None => Rule::NoCredit(
                        "a ratio needs a positive target and a non-negative value, and there is no soglia",
                    ),
                }),
                Method::Linear => match s {
                    Some(_) => linear(),
                    None => ratio().unwrap_or(Rule::NoCredit(
                        "a ratio needs a positive target and a non-negative value, and there is no soglia",
                    )),
                },
            }
        }
        (Target::Deadline(t), Value::Date(v)) => match threshold {
            Some(Value::Date(s)) if v > s => Rule::BeyondThreshold,
            _ if method == Method::Binary => Rule::NoCredit("binary scoring gives no partial credit"),
            Some(Value::Date(s)) if s == t => {
                Rule::NoCredit("the soglia equals the deadline: no range for partial credit")
            }
            Some(Value::Date(s)) => Rule::DeadlineDays { value: *v, target: *t, threshold: *s },
            _ => Rule::NoCredit("a late deadline without a soglia earns nothing"),
        },
        _ => Rule::NoCredit("a yes/no target earns no partial credit"),
    }
}

/// 100·n/d: multiplied first, for the exact digits; divided first when the
/// product would overflow. `None` only when the result itself cannot be held.
fn percent_of(n: Decimal, d: Decimal) -> Option<Decimal> {
    let hundred = Decimal::ONE_HUNDRED;
    match hundred.checked_mul(n) {
        Some(product) => product.checked_div(d),
        None => n.checked_div(d)?.checked_mul(hundred),
    }
}

/// The score a rule gives, before negatives are raised to 0. `None` when the
/// result is beyond 28 digits (the indicator is then an `error`).
pub fn rule_score(rule: &Rule) -> Option<Decimal> {
    match rule {
        Rule::Achieved => Some(Decimal::ONE_HUNDRED),
        Rule::AchievedAtCap { cap } => Some(*cap),
        Rule::AchievedOver { direction, value, target, cap } => {
            // A ratio too large to hold is in any case above the cap.
            let ratio = rule_score(&Rule::Ratio { direction: *direction, value: *value, target: *target });
            Some(ratio.map_or(*cap, |r| r.min(*cap)))
        }
        Rule::BeyondThreshold | Rule::NoCredit(_) => Some(Decimal::ZERO),
        Rule::Ratio { direction, value, target } => match direction {
            Direction::LowerIsBetter => percent_of(*target, *value),
            _ => percent_of(*value, *target),
        },
        Rule::Linear { direction, value, target, threshold } => {
            let (covered, range) = match direction {
                Direction::LowerIsBetter => (threshold.checked_sub(*value)?, threshold.checked_sub(*target)?),
                _ => (value.checked_sub(*threshold)?, target.checked_sub(*threshold)?),
            };
            percent_of(covered, range)
        }
        Rule::DeadlineDays { value, target, threshold } => {
            let covered = Decimal::from((*threshold - *value).num_days());
            let range = Decimal::from((*threshold - *target).num_days());
            percent_of(covered, range)
        }
    }
}

#[cfg(test)]
mod tests {
    //! One test per branch of SPEC §6, each with its arithmetic written out.
    use super::*;
    use crate::target::Comparison;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn n(s: &str) -> Value {
        Value::Number(d(s))
    }
    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn t(c: Comparison, v: &str) -> Target {
        Target::Number { comparison: c, value: d(v) }
    }
    fn with(method: Method) -> Scoring {
        Scoring { method, cap: Decimal::ONE_HUNDRED }
    }
    fn run(target: &Target, s: Option<Value>, v: Value, scoring: Scoring) -> (Decimal, Status) {
        let r = score(target, s.as_ref(), &v, scoring).unwrap();
        (r.score, r.status)
    }

    #[test]
    fn achieved_scores_100() {
        // 1.10 >= 1.05
        assert_eq!(
            run(&t(Comparison::AtLeast, "1.05"), None, n("1.10"), with(Method::Ratio)),
            (d("100"), Status::Achieved)
        );
        // 2 <= 2
        assert_eq!(run(&t(Comparison::AtMost, "2"), None, n("2"), with(Method::Binary)), (d("100"), Status::Achieved));
        assert_eq!(run(&Target::Boolean(true), None, Value::Bool(true), with(Method::Ratio)).1, Status::Achieved);
        let deadline = Target::Deadline(day("2024-03-31"));
        assert_eq!(run(&deadline, None, Value::Date(day("2024-03-31")), with(Method::Ratio)).1, Status::Achieved);
    }

    #[test]
    fn ratio_higher_is_better() {
        // 100 × 0.84 / 1.05 = 80
        assert_eq!(
            run(&t(Comparison::AtLeast, "1.05"), None, n("0.84"), with(Method::Ratio)),
            (d("80"), Status::Partial)
        );
    }

    #[test]
    fn ratio_lower_is_better() {
        // 100 × 2 / 2.5 = 80
        assert_eq!(run(&t(Comparison::AtMost, "2"), None, n("2.5"), with(Method::Ratio)), (d("80"), Status::Partial));
    }

    #[test]
    fn worse_than_the_soglia_scores_0() {
        // higher is better: 0.80 < soglia 0.85
        assert_eq!(
            run(&t(Comparison::AtLeast, "0.9"), Some(n("0.85")), n("0.80"), with(Method::Ratio)),
            (d("0"), Status::Missed)
        );
        // lower is better: 5 gg > soglia 4 gg
        assert_eq!(
            run(&t(Comparison::AtMost, "2"), Some(n("4")), n("5"), with(Method::Ratio)),
            (d("0"), Status::Missed)
        );
        // a deadline: 2024-05-01 is after the soglia 2024-04-30
        let deadline = Target::Deadline(day("2024-03-31"));
        assert_eq!(
            run(&deadline, Some(Value::Date(day("2024-04-30"))), Value::Date(day("2024-05-01")), with(Method::Ratio)).1,
            Status::Missed
        );
    }

    #[test]
    fn ratio_with_a_non_positive_target_falls_back_to_linear_with_a_soglia() {
        // >= -5 %, soglia -15 %, v = -10 %: ratio impossible (T <= 0), linear 100 × (-0.10 + 0.15) / (-0.05 + 0.15) = 50
        assert_eq!(
            run(&t(Comparison::AtLeast, "-0.05"), Some(n("-0.15")), n("-0.10"), with(Method::Ratio)),
            (d("50"), Status::Partial)
        );
        // without a soglia: 0
        assert_eq!(
            run(&t(Comparison::AtLeast, "-0.05"), None, n("-0.10"), with(Method::Ratio)),
            (d("0"), Status::Missed)
        );
        // lower is better with v <= 0 cannot miss T >= 0; T < 0: <= -2, v = -1, soglia 0: linear 100 × (0 - -1) / (0 - -2) = 50
        assert_eq!(
            run(&t(Comparison::AtMost, "-2"), Some(n("0")), n("-1"), with(Method::Ratio)),
            (d("50"), Status::Partial)
        );
        // higher is better, negative value: >= 10, v = -5, soglia -10: linear 100 × (-5 + 10) / (10 + 10) = 25
        assert_eq!(
            run(&t(Comparison::AtLeast, "10"), Some(n("-10")), n("-5"), with(Method::Ratio)),
            (d("25"), Status::Partial)
        );
    }

    #[test]
    fn linear_with_a_soglia() {
        // higher: 100 × (42 − 20) / (164 − 20) = 2200 / 144 = 15.2777…
        let (s, st) = run(&t(Comparison::AtLeast, "164"), Some(n("20")), n("42"), with(Method::Linear));
        assert_eq!(s.round_dp(6), d("15.277778"));
        assert_eq!(st, Status::Partial);
        // lower: 100 × (8 − 7) / (8 − 6) = 50
        assert_eq!(
            run(&t(Comparison::AtMost, "6"), Some(n("8")), n("7"), with(Method::Linear)),
            (d("50"), Status::Partial)
        );
        // S = T: no range, 0
        assert_eq!(
            run(&t(Comparison::Above, "5"), Some(n("5")), n("5"), with(Method::Linear)),
            (d("0"), Status::Missed)
        );
    }

    #[test]
    fn linear_without_a_soglia_is_ratio() {
        // 100 × 42 / 164 = 25.6097…
        let (s, _) = run(&t(Comparison::AtLeast, "164"), None, n("42"), with(Method::Linear));
        assert_eq!(s.round_dp(6), d("25.609756"));
    }

    #[test]
    fn binary_gives_no_partial_credit() {
        assert_eq!(
            run(&t(Comparison::AtLeast, "1.05"), Some(n("0.5")), n("1.04"), with(Method::Binary)),
            (d("0"), Status::Missed)
        );
    }

    #[test]
    fn deadline_with_a_soglia_counts_days() {
        // T 2025-08-22, S 2025-09-29, v 2025-08-26: 100 × 34 / 38 = 89.4736…
        let deadline = Target::Deadline(day("2025-08-22"));
        let (s, st) =
            run(&deadline, Some(Value::Date(day("2025-09-29"))), Value::Date(day("2025-08-26")), with(Method::Ratio));
        assert_eq!(s.round_dp(6), d("89.473684"));
        assert_eq!(st, Status::Partial);
        // under binary: 0
        assert_eq!(
            run(&deadline, Some(Value::Date(day("2025-09-29"))), Value::Date(day("2025-08-26")), with(Method::Binary))
                .0,
            d("0")
        );
        // late without a soglia: 0
        assert_eq!(
            run(&deadline, None, Value::Date(day("2025-08-26")), with(Method::Linear)),
            (d("0"), Status::Missed)
        );
    }

    #[test]
    fn exact_and_boolean_misses_score_0() {
        assert_eq!(run(&t(Comparison::Exactly, "3"), None, n("4"), with(Method::Ratio)), (d("0"), Status::Missed));
        assert_eq!(
            run(&Target::Boolean(true), None, Value::Bool(false), with(Method::Ratio)),
            (d("0"), Status::Missed)
        );
    }

    #[test]
    fn a_strict_target_met_exactly_is_partial() {
        // > 141, v = 141: not achieved; ratio 100 × 141 / 141 = 100, status partial
        assert_eq!(run(&t(Comparison::Above, "141"), None, n("141"), with(Method::Ratio)), (d("100"), Status::Partial));
        // < 7, v = 7: 100 × 7 / 7 = 100, partial
        assert_eq!(run(&t(Comparison::Below, "7"), None, n("7"), with(Method::Ratio)), (d("100"), Status::Partial));
    }

    #[test]
    fn the_cap_counts_over_achievement_under_ratio_only() {
        let capped = Scoring { method: Method::Ratio, cap: d("120") };
        // 100 × 1.1 / 1 = 110
        assert_eq!(run(&t(Comparison::AtLeast, "1"), None, n("1.1"), capped), (d("110"), Status::Achieved));
        // 100 × 2 / 1 = 200, capped at 120
        assert_eq!(run(&t(Comparison::AtLeast, "1"), None, n("2"), capped), (d("120"), Status::Achieved));
        // lower: 100 × 2 / 1.8 = 111.11…
        assert_eq!(run(&t(Comparison::AtMost, "2"), None, n("1.8"), capped).0.round_dp(4), d("111.1111"));
        // lower with v <= 0: the cap
        assert_eq!(run(&t(Comparison::AtMost, "2"), None, n("0"), capped), (d("120"), Status::Achieved));
        // other achieved kinds: 100
        assert_eq!(run(&t(Comparison::Exactly, "3"), None, n("3"), capped).0, d("100"));
        assert_eq!(run(&t(Comparison::AtLeast, "-1"), None, n("5"), capped).0, d("100"));
        // linear ignores the cap
        let linear = Scoring { method: Method::Linear, cap: d("120") };
        assert_eq!(run(&t(Comparison::AtLeast, "1"), None, n("2"), linear).0, d("100"));
    }

    #[test]
    fn extreme_figures_score_without_losing_the_cap_or_failing_silently() {
        // 100 × MAX overflows: divided first, MAX / (MAX / 2) × 100 = 200, capped at 120.
        let capped = Scoring { method: Method::Ratio, cap: d("120") };
        let half = Decimal::MAX / Decimal::TWO;
        let r = score(
            &Target::Number { comparison: Comparison::AtLeast, value: half },
            None,
            &Value::Number(Decimal::MAX),
            capped,
        )
        .unwrap();
        assert_eq!((r.score, r.status), (d("120"), Status::Achieved));
        // Linear from soglia MIN to target MAX: the range itself overflows: an error, not a silent 0.
        let linear = Scoring { method: Method::Linear, cap: Decimal::ONE_HUNDRED };
        let t = Target::Number { comparison: Comparison::AtLeast, value: Decimal::MAX };
        assert_eq!(score(&t, Some(&Value::Number(Decimal::MIN)), &n("0"), linear), Err(Unscorable::Overflow));
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_a_mismatch() {
        let deadline = Target::Deadline(day("2024-03-31"));
        assert!(score(&deadline, None, &n("3"), Scoring::default()).is_err());
        assert!(score(&t(Comparison::AtLeast, "1"), None, &Value::Bool(true), Scoring::default()).is_err());
    }
}
