//! The arithmetic of a scoring rule (SPEC §6), written out so that the score
//! can be checked by hand: `ratio: 100 × v / T = 100 × 46 / 200 = 23,00`.

use rust_decimal::Decimal;

use super::figures::{figure, operand, two_places};
use crate::evaluate::score::{rule_score, Rule};
use crate::report::display;
use crate::target::{Direction, Target};
use crate::value::{format_italian_date, Value};

/// The rule with its figures; `score` is the indicator's score.
pub fn arithmetic(
    rule: &Rule,
    target: &Target,
    threshold: Option<&Value>,
    value: &Value,
    unit: Option<&str>,
) -> String {
    let v = || display::value(value, unit);
    let raised = |text: String| match rule_score(rule) {
        Some(raw) if raw < Decimal::ZERO => {
            format!("{text} = {}, raised to 0 (a score is never negative)", figure(raw))
        }
        Some(raw) => format!("{text} = {}", two_places(raw)),
        None => format!("{text}: too large to compute, so 0"),
    };
    match rule {
        Rule::Achieved => format!("achieved: {} meets {} → 100", v(), display::target(target, unit)),
        Rule::AchievedOver { direction, value, target, cap } => {
            let ratio = match direction {
                Direction::LowerIsBetter => format!("100 × {} / {}", operand(*target), operand(*value)),
                _ => format!("100 × {} / {}", operand(*value), operand(*target)),
            };
            let text = format!("achieved, over-achievement counted up to the cap: min({}; {ratio})", figure(*cap));
            raised(text)
        }
        Rule::AchievedAtCap { cap } => {
            format!("achieved with a value at or below 0 under --cap {}: the cap, {}", figure(*cap), two_places(*cap))
        }
        Rule::BeyondThreshold => {
            let s = threshold.map(|s| display::value(s, unit)).unwrap_or_default();
            let worse = match target.direction() {
                Direction::LowerIsBetter => "above",
                Direction::Deadline => "after",
                _ => "below",
            };
            format!("worse than the soglia: {} is {worse} {s} → 0", v())
        }
        Rule::Ratio { direction, value, target } => {
            let text = match direction {
                Direction::LowerIsBetter => {
                    format!("ratio (lower is better): 100 × T / v = 100 × {} / {}", operand(*target), operand(*value))
                }
                _ => format!("ratio: 100 × v / T = 100 × {} / {}", operand(*value), operand(*target)),
            };
            raised(text)
        }
        Rule::Linear { direction, value, target, threshold } => {
            let (v, t, s) = (operand(*value), operand(*target), operand(*threshold));
            let text = match direction {
                Direction::LowerIsBetter => {
                    format!("linear (lower is better): 100 × (S − v) / (S − T) = 100 × ({s} − {v}) / ({s} − {t})")
                }
                _ => format!("linear: 100 × (v − S) / (T − S) = 100 × ({v} − {s}) / ({t} − {s})"),
            };
            raised(text)
        }
        Rule::DeadlineDays { value, target, threshold } => {
            let covered = (*threshold - *value).num_days();
            let range = (*threshold - *target).num_days();
            raised(format!(
                "deadline, in days from v {} and T {} to S {}: 100 × (S − v) / (S − T) = 100 × {covered} / {range}",
                format_italian_date(*value),
                format_italian_date(*target),
                format_italian_date(*threshold)
            ))
        }
        Rule::NoCredit(reason) => format!("missed, no partial credit: {reason} → 0"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::score::{score, Method, Scoring};
    use crate::target::Comparison;
    use chrono::NaiveDate;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn explain(target: Target, threshold: Option<Value>, value: Value, method: Method, unit: Option<&str>) -> String {
        let scoring = Scoring { method, cap: Decimal::ONE_HUNDRED };
        let scored = score(&target, threshold.as_ref(), &value, scoring).unwrap();
        arithmetic(&scored.rule, &target, threshold.as_ref(), &value, unit)
    }

    fn at_least(v: &str) -> Target {
        Target::Number { comparison: Comparison::AtLeast, value: d(v) }
    }

    #[test]
    fn each_rule_with_its_figures() {
        let n = |s| Value::Number(d(s));
        assert_eq!(
            explain(at_least("1.05"), None, n("0.84"), Method::Ratio, Some("%")),
            "ratio: 100 × v / T = 100 × 0,84 / 1,05 = 80,00"
        );
        assert_eq!(
            explain(at_least("164"), Some(n("20")), n("42"), Method::Linear, Some("N.")),
            "linear: 100 × (v − S) / (T − S) = 100 × (42 − 20) / (164 − 20) = 15,28"
        );
        assert_eq!(
            explain(at_least("-0.05"), Some(n("-0.15")), n("-0.10"), Method::Ratio, Some("%")),
            "linear: 100 × (v − S) / (T − S) = 100 × ((-0,1) − (-0,15)) / ((-0,05) − (-0,15)) = 50,00"
        );
        assert_eq!(
            explain(
                Target::Number { comparison: Comparison::AtMost, value: d("2") },
                None,
                n("2.5"),
                Method::Ratio,
                Some("gg")
            ),
            "ratio (lower is better): 100 × T / v = 100 × 2 / 2,5 = 80,00"
        );
        assert_eq!(
            explain(at_least("0.9"), Some(n("0.85")), n("0.8"), Method::Ratio, Some("%")),
            "worse than the soglia: 80,00 % is below 85,00 % → 0"
        );
        assert_eq!(
            explain(at_least("0.9"), None, n("0.95"), Method::Ratio, Some("%")),
            "achieved: 95,00 % meets >= 90,00 % → 100"
        );
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            explain(Target::Deadline(day("2025-08-22")), Some(Value::Date(day("2025-09-29"))), Value::Date(day("2025-08-26")), Method::Ratio, None),
            "deadline, in days from v 26-08-2025 and T 22-08-2025 to S 29-09-2025: 100 × (S − v) / (S − T) = 100 × 34 / 38 = 89,47"
        );
        assert_eq!(
            explain(Target::Boolean(true), None, Value::Bool(false), Method::Ratio, None),
            "missed, no partial credit: a yes/no target earns no partial credit → 0"
        );
    }

    #[test]
    fn over_achievement_under_a_cap() {
        let scoring = Scoring { method: Method::Ratio, cap: d("120") };
        let target = at_least("1");
        let value = Value::Number(d("1.1"));
        let scored = score(&target, None, &value, scoring).unwrap();
        assert_eq!(
            arithmetic(&scored.rule, &target, None, &value, None),
            "achieved, over-achievement counted up to the cap: min(120; 100 × 1,1 / 1) = 110,00"
        );
    }
}
