//! The quantity still to come: the value of one quantity of a formula that
//! makes the indicator reach what is asked, the others as the actuals give
//! them. Where the quantity appears once, the formula is turned around one
//! operation at a time with the plan's checked decimal arithmetic; elsewhere
//! (twice or more, or inside `min`, `max`, `abs`) a bracketed search finds it
//! to the last printed digit. Either way the figure is checked by computing
//! the formula with it and scoring the result with the evaluator's scorer.

use rust_decimal::{Decimal, RoundingStrategy};

use super::need::{reaches, Need, Wanted, Way};
use super::{Unreachable, PRINTED_DP};
use crate::evaluate::score::Scoring;
use crate::formula::{Expr, Formula, Function, Op, Quantity};
use crate::scale::Scale;
use crate::target::Target;
use crate::value::Value;

/// One operation turned around: `y ← result`, from the y before it and the
/// operand the formula held fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub op: StepOp,
    pub operand: Decimal,
    /// What the part above needs (the indicator's value, for the first step).
    pub from: Decimal,
    /// The needed value of the part of the formula below this operation.
    pub result: Decimal,
}

/// How one operation is turned around, y being what the part above needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepOp {
    /// `x + c = y`: x = y − c.
    Minus,
    /// `x − c = y`: x = y + c.
    Plus,
    /// `c − x = y`: x = c − y.
    From,
    /// `x / c = y`: x = y × c.
    Times,
    /// `x × c = y`: x = y ÷ c.
    Over,
    /// `c / x = y`: x = c ÷ y.
    Into,
    /// `−x = y`: x = −y.
    Negate,
}

/// How the value was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// The formula turned around, the steps from the indicator's needed value down to the quantity.
    Exact(Vec<Step>),
    /// A bracketed search: the formula is monotonic in the quantity.
    Search,
}

/// What the quantity to come needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Solved {
    Value {
        value: Value,
        way: Way,
        how: How,
    },
    /// Whatever value it takes (0 or more), the indicator reaches what is asked.
    Any,
    /// No value does, and why.
    Unreachable(Unreachable),
}

/// The problem: the formula, the quantity to find, the values of the others.
pub struct Problem<'a> {
    pub formula: &'a Formula,
    pub unknown: &'a Quantity,
    /// The value of every other quantity (as the actuals give it).
    pub known: &'a dyn Fn(&Quantity) -> Option<Value>,
    pub target: &'a Target,
    pub threshold: Option<&'a Value>,
    pub scoring: Scoring,
    /// The scale in force for the indicator, if any.
    pub scale: Option<&'a Scale>,
    pub wanted: Wanted,
}

fn step() -> Decimal {
    Decimal::new(1, PRINTED_DP)
}

fn same(q: &Quantity, unknown: &Quantity) -> bool {
    q.key == unknown.key && q.lag == unknown.lag
}

impl Problem<'_> {
    /// The formula's value with `x` for the unknown quantity, as `kpi eval` would compute it.
    pub fn value_at(&self, x: Decimal) -> Option<Value> {
        self.formula
            .evaluate(&mut |q: &Quantity| if same(q, self.unknown) { Some(Value::Number(x)) } else { (self.known)(q) })
            .ok()
    }

    /// Whether `x` makes the indicator reach what is asked; `None` where the formula fails there.
    fn reaches_at(&self, x: Decimal) -> Option<bool> {
        let v = self.value_at(x)?;
        Some(reaches(self.target, self.threshold, &v, self.scoring, self.scale, self.wanted))
    }

    /// Whether the formula's value at `x` is at least `y` (for `=` targets).
    fn at_least_at(&self, x: Decimal, y: Decimal) -> Option<bool> {
        self.value_at(x)?.as_number().map(|v| v >= y)
    }
}

/// Solves for the unknown quantity, the indicator needing `need`.
pub fn solve(problem: &Problem, need: &Need) -> Solved {
    // A formula that is the quantity itself: the quantity needs what the indicator needs, dates and yes/no too.
    if let Expr::Quantity(q) = &problem.formula.expr {
        if same(q, problem.unknown) {
            return Solved::Value { value: need.value, way: need.way, how: How::Exact(Vec::new()) };
        }
    }
    let Value::Number(y) = need.boundary else {
        return Solved::Unreachable(Unreachable::NotArithmetic { kind: need.boundary.kind() });
    };
    let once = occurrences(&problem.formula.expr, problem.unknown) == 1;
    if once {
        if let Some(found) = exact(problem, need.way, y) {
            return found;
        }
    }
    // Read once, outside `abs` and outside any divisor (where it would make a pole), the formula is
    // monotonic in the quantity: a search that finds nothing proves that nothing reaches it.
    // Otherwise it only failed to find a value.
    let expr = &problem.formula.expr;
    let monotonic = once && !under_abs(expr, problem.unknown) && !in_divisor(expr, problem.unknown);
    search(problem, need.way, y, monotonic)
}

/// True when the quantity is read inside a divisor.
fn in_divisor(expr: &Expr, unknown: &Quantity) -> bool {
    match expr {
        Expr::Number(..) | Expr::Quantity(_) => false,
        Expr::Neg(e, _) => in_divisor(e, unknown),
        Expr::Binary(Op::Div, a, b, _) => in_divisor(a, unknown) || occurrences(b, unknown) > 0,
        Expr::Binary(_, a, b, _) => in_divisor(a, unknown) || in_divisor(b, unknown),
        Expr::Call(_, args, _) => args.iter().any(|a| in_divisor(a, unknown)),
    }
}

/// True when the quantity is read inside an `abs`.
fn under_abs(expr: &Expr, unknown: &Quantity) -> bool {
    match expr {
        Expr::Number(..) | Expr::Quantity(_) => false,
        Expr::Neg(e, _) => under_abs(e, unknown),
        Expr::Binary(_, a, b, _) => under_abs(a, unknown) || under_abs(b, unknown),
        Expr::Call(Function::Abs, args, _) => args.iter().any(|a| occurrences(a, unknown) > 0),
        Expr::Call(_, args, _) => args.iter().any(|a| under_abs(a, unknown)),
    }
}

/// The quantity's occurrences in the expression.
fn occurrences(expr: &Expr, unknown: &Quantity) -> usize {
    match expr {
        Expr::Number(..) => 0,
        Expr::Quantity(q) => usize::from(same(q, unknown)),
        Expr::Neg(e, _) => occurrences(e, unknown),
        Expr::Binary(_, a, b, _) => occurrences(a, unknown) + occurrences(b, unknown),
        Expr::Call(_, args, _) => args.iter().map(|a| occurrences(a, unknown)).sum(),
    }
}

/// The formula turned around: `None` where an operation cannot be (a
/// function, a factor of 0) or the figure found does not check, so the
/// search is tried instead.
fn exact(problem: &Problem, way: Way, y: Decimal) -> Option<Solved> {
    let mut steps = Vec::new();
    let mut increasing = true;
    let mut expr = &problem.formula.expr;
    let mut y = y;
    let constant = |e: &Expr| -> Option<Decimal> {
        let part = Formula { source: problem.formula.source.clone(), expr: e.clone() };
        part.evaluate(&mut |q: &Quantity| (problem.known)(q)).ok()?.as_number()
    };
    loop {
        let (op, operand, next, flips, result) = match expr {
            Expr::Quantity(q) if same(q, problem.unknown) => break,
            Expr::Neg(e, _) => (StepOp::Negate, Decimal::ZERO, &**e, true, -y),
            Expr::Binary(op, a, b, _) => {
                let unknown_left = occurrences(a, problem.unknown) == 1;
                let (inside, other) = if unknown_left { (&**a, &**b) } else { (&**b, &**a) };
                let c = constant(other)?;
                let (step_op, flips, result) = match (op, unknown_left) {
                    (Op::Add, _) => (StepOp::Minus, false, y.checked_sub(c)?),
                    (Op::Sub, true) => (StepOp::Plus, false, y.checked_add(c)?),
                    (Op::Sub, false) => (StepOp::From, true, c.checked_sub(y)?),
                    (Op::Mul, _) if c.is_zero() => return None,
                    (Op::Mul, _) => (StepOp::Over, c.is_sign_negative(), y.checked_div(c)?),
                    (Op::Div, true) if c.is_zero() => return None,
                    (Op::Div, true) => (StepOp::Times, c.is_sign_negative(), y.checked_mul(c)?),
                    // c / x: falls as x grows when c > 0, rises when c < 0.
                    (Op::Div, false) if c.is_zero() || y.is_zero() => return None,
                    (Op::Div, false) => (StepOp::Into, c.is_sign_positive(), c.checked_div(y)?),
                };
                (step_op, c, inside, flips, result)
            }
            Expr::Number(..) | Expr::Quantity(_) | Expr::Call(..) => return None,
        };
        steps.push(Step { op, operand, from: y, result });
        if flips {
            increasing = !increasing;
        }
        y = result;
        expr = next;
    }
    let way = match (way, increasing) {
        (Way::Equal, _) => Way::Equal,
        (Way::AtLeast, true) | (Way::AtMost, false) => Way::AtLeast,
        _ => Way::AtMost,
    };
    let value = checked(problem, y, way)?;
    Some(Solved::Value { value: Value::Number(value), way, how: How::Exact(steps) })
}

/// The boundary rounded to the printed decimals the way that keeps it
/// enough, checked by computing and scoring, and moved a few printed steps
/// further where the 28-digit arithmetic left it a hair short.
fn checked(problem: &Problem, x: Decimal, way: Way) -> Option<Decimal> {
    let strategy = match way {
        Way::AtLeast => RoundingStrategy::ToPositiveInfinity,
        Way::AtMost | Way::By => RoundingStrategy::ToNegativeInfinity,
        Way::Equal => RoundingStrategy::MidpointAwayFromZero,
    };
    let rounded = x.round_dp_with_strategy(PRINTED_DP, strategy);
    let candidates: Vec<Decimal> = match way {
        Way::AtLeast => (0..=3).filter_map(|k| rounded.checked_add(step() * Decimal::from(k))).collect(),
        Way::AtMost | Way::By => (0..=3).filter_map(|k| rounded.checked_sub(step() * Decimal::from(k))).collect(),
        Way::Equal => {
            [Some(rounded), rounded.checked_sub(step()), rounded.checked_add(step())].into_iter().flatten().collect()
        }
    };
    candidates.into_iter().find(|&c| problem.reaches_at(c) == Some(true)).map(|c| c.normalize())
}

/// −10^27 … −10^-10, 0, 10^-10 … 10^27: where the search looks for the
/// stretch in which the answer changes.
fn samples() -> Vec<Decimal> {
    let magnitudes: Vec<Decimal> = (0..=(PRINTED_DP + 27))
        .map(|exponent| {
            if exponent < PRINTED_DP {
                Decimal::new(1, PRINTED_DP - exponent)
            } else {
                Decimal::from_i128_with_scale(10i128.pow(exponent - PRINTED_DP), 0)
            }
        })
        .collect();
    let mut out: Vec<Decimal> = magnitudes.iter().rev().map(|m| -*m).collect();
    out.push(Decimal::ZERO);
    out.extend(magnitudes);
    out
}

/// Where the answer changes between neighbouring samples.
fn changes(points: &[(Decimal, bool)]) -> Vec<usize> {
    (1..points.len()).filter(|&i| points[i].1 != points[i - 1].1).collect()
}

/// The bracketed search. The answer must change exactly once along the
/// samples (the formula is monotonic in the quantity), or, failing that,
/// once among the values of 0 or more (quantities are counts and amounts:
/// `c / [a]` changes again across 0); the stretch where it changes is
/// halved down to the last printed digit.
fn search(problem: &Problem, way: Way, y: Decimal, monotonic: bool) -> Solved {
    let test = |x: Decimal| -> Option<bool> {
        if way == Way::Equal {
            problem.at_least_at(x, y)
        } else {
            problem.reaches_at(x)
        }
    };
    let name = problem.unknown.to_string();
    let points: Vec<(Decimal, bool)> =
        samples().into_iter().filter_map(|x| test(x).map(|answer| (x, answer))).collect();
    if points.is_empty() {
        return Solved::Unreachable(Unreachable::NeverComputed { name });
    }
    let not_negative: Vec<(Decimal, bool)> = points.iter().copied().filter(|p| p.0 >= Decimal::ZERO).collect();
    let stretch = match (changes(&points).as_slice(), changes(&not_negative).as_slice()) {
        ([i], _) => Some((points[i - 1], points[*i])),
        (_, [i]) => Some((not_negative[i - 1], not_negative[*i])),
        ([], _) => None,
        (_, []) if !not_negative.is_empty() && not_negative.iter().all(|p| p.1) => None,
        _ => return Solved::Unreachable(Unreachable::NotMonotonic { name }),
    };
    let Some((before, after)) = stretch else {
        // The same answer everywhere (among values of 0 or more at least).
        let all_true = if changes(&points).is_empty() { points[0].1 } else { true };
        if way == Way::Equal && all_true {
            // The formula never falls below the target: equal to it, if at all, where it touches it.
            let hits: Vec<Decimal> =
                points.iter().map(|p| p.0).filter(|&x| problem.reaches_at(x) == Some(true)).collect();
            if hits.len() == points.len() {
                return Solved::Any;
            }
            if let Some(x) = hits.iter().copied().find(|x| *x >= Decimal::ZERO).or(hits.first().copied()) {
                return Solved::Value { value: Value::Number(x.normalize()), way, how: How::Search };
            }
        }
        return if all_true && way != Way::Equal {
            Solved::Any
        } else if monotonic {
            Solved::Unreachable(Unreachable::OutOfRange { name })
        } else {
            Solved::Unreachable(Unreachable::NotFound { name })
        };
    };
    let (no, yes) = if after.1 { (before.0, after.0) } else { (after.0, before.0) };
    let found = bisect(no, yes, &test);
    if way == Way::Equal {
        // The last value below and the first at or above: one of them may be exact.
        let exact = [found, no_side(found, no)].into_iter().find(|&x| problem.reaches_at(x) == Some(true));
        // Where the formula may turn back, a sample may hit the target exactly elsewhere.
        let hit = || {
            let hits: Vec<Decimal> =
                points.iter().map(|p| p.0).filter(|&x| problem.reaches_at(x) == Some(true)).collect();
            hits.iter().copied().find(|x| *x >= Decimal::ZERO).or(hits.first().copied())
        };
        return match exact.or_else(|| if monotonic { None } else { hit() }) {
            Some(x) => Solved::Value { value: Value::Number(x.normalize()), way, how: How::Search },
            None if monotonic => Solved::Unreachable(Unreachable::NotExactly { name, target: y }),
            None => Solved::Unreachable(Unreachable::NotFoundExactly { name, target: y }),
        };
    }
    if problem.reaches_at(found) != Some(true) {
        return Solved::Unreachable(Unreachable::NoPrintedValueReaches { name });
    }
    let way = if yes > no { Way::AtLeast } else { Way::AtMost };
    Solved::Value { value: Value::Number(found.normalize()), way, how: How::Search }
}

/// The printed neighbour of `x` on the side of `no`.
fn no_side(x: Decimal, no: Decimal) -> Decimal {
    if no < x {
        x - step()
    } else {
        x + step()
    }
}

/// Halves the stretch from `no` (the test fails) to `yes` (it holds) down to
/// the last printed digit; returns the printed value nearest `no` that holds.
fn bisect(mut no: Decimal, mut yes: Decimal, test: &dyn Fn(Decimal) -> Option<bool>) -> Decimal {
    for _ in 0..400 {
        let Some(mid) = no.checked_add(yes).and_then(|s| s.checked_div(Decimal::TWO)) else { break };
        let mid = mid.round_dp(PRINTED_DP);
        if mid == no || mid == yes {
            break;
        }
        if test(mid) == Some(true) {
            yes = mid;
        } else {
            no = mid;
        }
    }
    yes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::score::Method;
    use crate::needs::need::{needed_value, InForce, NeedOutcome};
    use crate::target::Comparison;
    use std::collections::HashMap;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// Solves `formula` for `unknown` with the other quantities in `known`, against `target`.
    fn run(formula: &str, unknown: (&str, u32), known: &[(&str, u32, &str)], target: Target) -> Solved {
        let formula = Formula::parse(formula).unwrap();
        let map: HashMap<(String, u32), Value> =
            known.iter().map(|(n, l, v)| ((crate::formula::variable_key(n), *l), Value::Number(d(v)))).collect();
        let lookup = move |q: &Quantity| map.get(&(q.key.clone(), q.lag)).copied();
        let unknown = Quantity::new(unknown.0, unknown.1);
        let scoring = Scoring { method: Method::Ratio, cap: Decimal::ONE_HUNDRED };
        let NeedOutcome::Need(need) =
            needed_value(&target, None, InForce { scoring, scale: None }, Wanted::Achieved, None)
        else {
            panic!()
        };
        let problem = Problem {
            formula: &formula,
            unknown: &unknown,
            known: &lookup,
            target: &target,
            threshold: None,
            scoring,
            scale: None,
            wanted: Wanted::Achieved,
        };
        solve(&problem, &need)
    }

    fn at_least(v: &str) -> Target {
        Target::Number { comparison: Comparison::AtLeast, value: d(v) }
    }

    fn value(solved: &Solved) -> (Decimal, Way, bool) {
        match solved {
            Solved::Value { value: Value::Number(n), way, how } => (*n, *way, matches!(how, How::Exact(_))),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_ratio_is_turned_around_exactly() {
        // [P] / [I] >= 1.05 with [I] = 1 250 000: [P] = 1.05 × 1 250 000 = 1 312 500
        let s = run("[P] / [I]", ("P", 0), &[("I", 0, "1250000")], at_least("1.05"));
        assert_eq!(value(&s), (d("1312500"), Way::AtLeast, true));
        // [P] = 1 200 000: [I] = 1 200 000 / 1.05 = 1 142 857.142857142857…, at most, rounded down
        let s = run("[P] / [I]", ("I", 0), &[("P", 0, "1200000")], at_least("1.05"));
        assert_eq!(value(&s), (d("1142857.1428571428"), Way::AtMost, true));
    }

    #[test]
    fn a_lagged_growth_is_turned_around_exactly() {
        // ([S] − [S](N-1)) / [S](N-1) >= 5 % with [S](N-1) = 2000: 0.05 × 2000 + 2000 = 2100
        let s = run("([S] - [S](N-1)) / [S](N-1)", ("S", 0), &[("S", 1, "2000")], at_least("0.05"));
        assert_eq!(value(&s), (d("2100"), Way::AtLeast, true));
        // the earlier year appears twice: searched, 2080 / 1.05 = 1980.952380952…, at most
        let s = run("([S] - [S](N-1)) / [S](N-1)", ("S", 1), &[("S", 0, "2080")], at_least("0.05"));
        assert_eq!(value(&s), (d("1980.9523809523"), Way::AtMost, false));
    }

    #[test]
    fn a_sum_over_a_quantity_and_a_per_hundred() {
        // ([A] + [B]) / [C] >= 2 with B = 30, C = 50: A = 2 × 50 − 30 = 70
        let s = run("([A] + [B]) / [C]", ("A", 0), &[("B", 0, "30"), ("C", 0, "50")], at_least("2"));
        assert_eq!(value(&s), (d("70"), Way::AtLeast, true));
        // [S] / ([I] / 100) >= 4 with I = 200 000: S = 4 × 2000 = 8000
        let s = run("[S] / ([I] / 100)", ("S", 0), &[("I", 0, "200000")], at_least("4"));
        assert_eq!(value(&s), (d("8000"), Way::AtLeast, true));
        // minus in front: −[A] + 10 >= 4: A <= 6
        let s = run("-[A] + 10", ("A", 0), &[], at_least("4"));
        assert_eq!(value(&s), (d("6"), Way::AtMost, true));
    }

    #[test]
    fn min_and_max_are_searched_or_cap_the_formula() {
        // max([a], [b]) * 50% >= 10 with b = 12: a >= 20, found by the search
        let s = run("max([a], [b]) * 50%", ("a", 0), &[("b", 0, "12")], at_least("10"));
        assert_eq!(value(&s), (d("20"), Way::AtLeast, false));
        // with b = 30 the formula is 15 whatever a is
        assert_eq!(run("max([a], [b]) * 50%", ("a", 0), &[("b", 0, "30")], at_least("10")), Solved::Any);
        // min([a], 1) never reaches 1.05
        assert!(matches!(run("min([a], 1)", ("a", 0), &[], at_least("1.05")), Solved::Unreachable(_)));
    }

    #[test]
    fn a_quantity_twice_is_searched() {
        // ([P] − [O]) / [P] >= −12 % with O = 1150: 1 − 1150/P >= −0.12 → P >= 1150 / 1.12 = 1026.785714285714…
        let s = run("([P] - [O]) / [P]", ("P", 0), &[("O", 0, "1150")], at_least("-0.12"));
        assert_eq!(value(&s), (d("1026.7857142858"), Way::AtLeast, false));
    }
}
