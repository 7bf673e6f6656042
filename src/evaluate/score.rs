//! Scoring one indicator against its target and soglia (README, "Scoring").
//!
//! The result carries the [`Rule`] that produced it, so every score can be
//! shown with its arithmetic written out.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::scale::Scale;
use crate::target::{Comparison, Direction, Target};
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
    /// Every status, in the order they are declared.
    pub const ALL: [Status; 7] = [
        Status::Achieved,
        Status::Partial,
        Status::Missed,
        Status::Missing,
        Status::NoTarget,
        Status::Error,
        Status::Neutralized,
    ];

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
    /// A range missed below its lower bound, scored as `>= low`, or above its
    /// upper one, scored as `<= high`: `rule` is that target's rule.
    Range { below: bool, bound: Decimal, rule: Box<Rule> },
    /// The body's scale read at the degree of achievement g = 100·v/T (or
    /// 100·T/v when lower is better). Boxed: few indicators have one, and
    /// every scored result holds a rule.
    Scaled { direction: Direction, value: Decimal, target: Decimal, scale: Box<Scale> },
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

impl Scored {
    /// The scale that gave the score, when one did.
    pub fn scale(&self) -> Option<&Scale> {
        self.rule.scale()
    }
}

impl Rule {
    /// The scale this rule read, when it read one.
    pub fn scale(&self) -> Option<&Scale> {
        match self {
            Rule::Scaled { scale, .. } => Some(scale),
            Rule::Range { rule, .. } => match rule.as_ref() {
                Rule::Scaled { scale, .. } => Some(scale),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Why an indicator with a value cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unscorable {
    /// The value is of another kind than the target (a number against a deadline).
    KindMismatch { value: &'static str, target: &'static str },
    /// The partial credit is beyond what 28 digits can hold.
    Overflow,
}

/// Scores a value against a target and optional soglia; `scale`, when
/// given, replaces `--scoring` for the partial credit it can measure.
pub fn score(
    target: &Target,
    threshold: Option<&Value>,
    value: &Value,
    scoring: Scoring,
    scale: Option<&Scale>,
) -> Result<Scored, Unscorable> {
    let mismatch = || Unscorable::KindMismatch { value: value.kind(), target: target.value_kind() };
    let achieved = target.is_met_by(value).ok_or_else(mismatch)?;
    if achieved {
        return Ok(score_achieved(target, value, scoring));
    }
    let rule = match (target, value) {
        (Target::Range { low, high }, Value::Number(v)) => {
            let below = v < low;
            let (comparison, bound) = if below { (Comparison::AtLeast, *low) } else { (Comparison::AtMost, *high) };
            let bound_target = Target::Number { comparison, value: bound };
            Rule::Range {
                below,
                bound,
                rule: Box::new(partial_rule(&bound_target, None, value, scoring.method, scale)),
            }
        }
        _ => partial_rule(target, threshold, value, scoring.method, scale),
    };
    let raw = rule_score(&rule).ok_or(Unscorable::Overflow)?;
    let score = raw.max(Decimal::ZERO);
    let status = if score > Decimal::ZERO { Status::Partial } else { Status::Missed };
    Ok(Scored { score, status, rule })
}

/// The degree of achievement of README's Scales: the `ratio` figure, where
/// it can be computed (higher is better with T > 0 and v ≥ 0, lower is
/// better with T ≥ 0 and v > 0).
fn has_degree(direction: Direction, value: Decimal, target: Decimal) -> bool {
    match direction {
        Direction::HigherIsBetter => target > Decimal::ZERO && value >= Decimal::ZERO,
        Direction::LowerIsBetter => target >= Decimal::ZERO && value > Decimal::ZERO,
        _ => false,
    }
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

/// Why a missed exact target earns nothing.
pub const EXACT_NO_CREDIT: &str = "an exact target earns no partial credit";

/// The rule for a missed target, before the score is computed.
fn partial_rule(
    target: &Target,
    threshold: Option<&Value>,
    value: &Value,
    method: Method,
    scale: Option<&Scale>,
) -> Rule {
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
                return Rule::NoCredit(EXACT_NO_CREDIT);
            }
            if let Some(scale) = scale.filter(|_| has_degree(direction, *v, *t)) {
                return Rule::Scaled { direction, value: *v, target: *t, scale: Box::new(scale.clone()) };
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
        Rule::Range { rule, .. } => rule_score(rule),
        Rule::Scaled { direction, value, target, scale } => {
            scale.score(rule_score(&Rule::Ratio { direction: *direction, value: *value, target: *target })?)
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
    //! One test per rule of the README's "Scoring", each with its arithmetic written out.
    use super::*;
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
        let r = score(target, s.as_ref(), &v, scoring, None).unwrap();
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
            None,
        )
        .unwrap();
        assert_eq!((r.score, r.status), (d("120"), Status::Achieved));
        // Linear from soglia MIN to target MAX: the range itself overflows: an error, not a silent 0.
        let linear = Scoring { method: Method::Linear, cap: Decimal::ONE_HUNDRED };
        let t = Target::Number { comparison: Comparison::AtLeast, value: Decimal::MAX };
        assert_eq!(score(&t, Some(&Value::Number(Decimal::MIN)), &n("0"), linear, None), Err(Unscorable::Overflow));
    }

    fn range(low: &str, high: &str) -> Target {
        Target::Range { low: d(low), high: d(high) }
    }

    #[test]
    fn a_range_is_scored_by_the_bound_it_missed() {
        let t = range("0.8", "0.9");
        // inside, or on a bound: achieved, 100 even under a cap
        assert_eq!(run(&t, None, n("0.85"), with(Method::Ratio)), (d("100"), Status::Achieved));
        assert_eq!(run(&t, None, n("0.9"), Scoring { method: Method::Ratio, cap: d("120") }).0, d("100"));
        // below: as >= 0.8, ratio 100 × 0.72 / 0.8 = 90
        assert_eq!(run(&t, None, n("0.72"), with(Method::Ratio)), (d("90"), Status::Partial));
        // above: as <= 0.9, ratio 100 × 0.9 / 0.95 = 94.7368…
        assert_eq!(run(&t, None, n("0.95"), with(Method::Ratio)).0.round_dp(6), d("94.736842"));
        // linear without a soglia is ratio: the same
        assert_eq!(run(&t, None, n("0.72"), with(Method::Linear)).0, d("90"));
        // binary: 0
        assert_eq!(run(&t, None, n("0.72"), with(Method::Binary)), (d("0"), Status::Missed));
        // a negative value below the range: no ratio, no soglia: 0
        assert_eq!(run(&t, None, n("-0.1"), with(Method::Ratio)), (d("0"), Status::Missed));
    }

    fn scale(text: &str) -> Scale {
        Scale::parse(text).unwrap().unwrap()
    }

    fn scaled(target: &Target, s: Option<Value>, v: Value, method: Method, sc: &str) -> (Decimal, Status) {
        let r = score(target, s.as_ref(), &v, with(method), Some(&scale(sc))).unwrap();
        (r.score, r.status)
    }

    #[test]
    fn a_scale_replaces_the_scoring_method() {
        let t = t(Comparison::AtLeast, "0.9");
        // g = 100 × 0.85 / 0.9 = 94.44…, at or above 90: 100, yet partial
        assert_eq!(scaled(&t, None, n("0.85"), Method::Ratio, "70%:0 90%:100"), (d("100"), Status::Partial));
        // g = 100 × 0.72 / 0.9 = 80: 0 + 100 × (80 − 70) / (90 − 70) = 50, under binary too
        assert_eq!(scaled(&t, None, n("0.72"), Method::Binary, "70%:0 90%:100"), (d("50"), Status::Partial));
        // g = 100 × 0.54 / 0.9 = 60, at or below 70: 0, missed
        assert_eq!(scaled(&t, None, n("0.54"), Method::Linear, "70%:0 90%:100"), (d("0"), Status::Missed));
        // steps: g = 80 reaches 80 → 80
        assert_eq!(
            scaled(&t, None, n("0.72"), Method::Ratio, "steps 60%:50 80%:80 100%:100"),
            (d("80"), Status::Partial)
        );
        // lower is better: <= 5 with 6: g = 100 × 5 / 6 = 83.33…: 100 × 13.33… / 20 = 66.66…
        let lower = Target::Number { comparison: Comparison::AtMost, value: d("5") };
        let (s, st) = scaled(&lower, None, n("6"), Method::Ratio, "70%:0 90%:100");
        assert_eq!((s.round_dp(6), st), (d("66.666667"), Status::Partial));
    }

    #[test]
    fn a_scale_comes_after_achieved_and_the_soglia() {
        let t = t(Comparison::AtLeast, "0.9");
        // achieved: 100, achieved, the scale unused
        let r = score(&t, None, &n("0.95"), with(Method::Ratio), Some(&scale("70%:0 90%:50"))).unwrap();
        assert_eq!((r.score, r.status, r.scale()), (d("100"), Status::Achieved, None));
        // worse than the soglia 0.8: 0, though the scale would give 50 at g = 83.3
        assert_eq!(scaled(&t, Some(n("0.8")), n("0.75"), Method::Ratio, "70%:0 90%:100"), (d("0"), Status::Missed));
        // between soglia and target: the scale, g = 100 × 0.81 / 0.9 = 90 → 100
        let r = score(&t, Some(&n("0.8")), &n("0.81"), with(Method::Ratio), Some(&scale("70%:0 90%:100"))).unwrap();
        assert_eq!((r.score, r.scale().map(|s| s.text.as_str())), (d("100"), Some("70%:0 90%:100")));
    }

    #[test]
    fn where_no_degree_can_be_computed_the_method_scores() {
        // T <= 0: >= -0.05, soglia -0.15, v -0.10: linear 50, as without a scale
        assert_eq!(
            scaled(&t(Comparison::AtLeast, "-0.05"), Some(n("-0.15")), n("-0.10"), Method::Ratio, "70%:0 90%:100"),
            (d("50"), Status::Partial)
        );
        // deadlines: days, 100 × 34 / 38 = 89.47…
        let deadline = Target::Deadline(day("2025-08-22"));
        let r = score(
            &deadline,
            Some(&Value::Date(day("2025-09-29"))),
            &Value::Date(day("2025-08-26")),
            with(Method::Ratio),
            Some(&scale("70%:0 90%:100")),
        )
        .unwrap();
        assert_eq!((r.score.round_dp(6), r.scale()), (d("89.473684"), None));
        // `=`: 0
        assert_eq!(scaled(&t(Comparison::Exactly, "3"), None, n("2.9"), Method::Ratio, "70%:0 90%:100").0, d("0"));
    }

    #[test]
    fn a_range_reads_the_scale_at_the_bound_it_missed() {
        // tra 80 % e 90 %, v = 95 %: as <= 0.9, g = 100 × 0.9 / 0.95 = 94.7…: steps 60:40 80:75 → 75
        let r = score(&range("0.8", "0.9"), None, &n("0.95"), with(Method::Ratio), Some(&scale("steps 60%:40 80%:75")))
            .unwrap();
        assert_eq!((r.score, r.status), (d("75"), Status::Partial));
        assert!(r.scale().is_some());
        // v = 72 %: as >= 0.8, g = 90 → 75
        assert_eq!(scaled(&range("0.8", "0.9"), None, n("0.72"), Method::Ratio, "steps 60%:40 80%:75").0, d("75"));
        // v = 40 %: g = 50, below the first step: 0
        assert_eq!(scaled(&range("0.8", "0.9"), None, n("0.4"), Method::Ratio, "steps 60%:40 80%:75").0, d("0"));
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_a_mismatch() {
        let deadline = Target::Deadline(day("2024-03-31"));
        assert!(score(&deadline, None, &n("3"), Scoring::default(), None).is_err());
        assert!(score(&t(Comparison::AtLeast, "1"), None, &Value::Bool(true), Scoring::default(), None).is_err());
    }
}
