//! Evaluates a parsed formula with exact, checked decimal arithmetic.

use rust_decimal::Decimal;

use super::ast::{Expr, Function, Op, Quantity};
use crate::value::Value;

/// Why a formula gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// Quantities the actuals do not give; the indicator is `missing`.
    Missing(Vec<Quantity>),
    /// Division by zero, overflow, or a date or yes/no in arithmetic; the indicator is an `error`.
    Failed(Failure),
}

/// Why a formula's arithmetic failed; worded by `lang::message` (``division by zero in `[a] / [b]` ``).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub cause: Cause,
    /// The formula as written.
    pub formula: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A divisor came to 0: the quantities it is made of, none when it is a number.
    DivisionByZero(Vec<Quantity>),
    /// A result beyond 28 significant digits.
    Overflow,
    /// A quantity whose value is of this kind (a date, a yes/no) where arithmetic needs a number.
    NotANumber(Quantity, &'static str),
}

/// Computes `expr`, the tree of the formula `source`, reading each quantity
/// through `lookup`. Every quantity is looked up first, so a missing one is
/// reported as missing even where the arithmetic would also have failed;
/// the missing ones are listed if `list_missing`, else the list is empty.
pub(super) fn evaluate<'a>(
    expr: &'a Expr,
    source: &str,
    lookup: &mut dyn FnMut(&'a Quantity) -> Option<Value>,
    list_missing: bool,
) -> Result<Value, EvalError> {
    let mut missing: Vec<Quantity> = Vec::new();
    let mut any_missing = false;
    let mut looked = Looked::default();
    expr.each_quantity(&mut |q| {
        let value = lookup(q);
        looked.keep(q, value);
        if value.is_none() {
            any_missing = true;
            if list_missing && !missing.contains(q) {
                missing.push(q.clone());
            }
        }
    });
    if any_missing {
        return Err(EvalError::Missing(missing));
    }
    let mut again = |q: &'a Quantity| looked.get(q).unwrap_or_else(|| lookup(q));
    if let Expr::Quantity(q) = expr {
        return again(q).ok_or_else(|| EvalError::Missing(vec![q.clone()]));
    }
    number(expr, &mut again).map(Value::Number).map_err(|e| match e {
        Problem::Missing(q) => EvalError::Missing(vec![q]),
        Problem::Arithmetic(cause) => EvalError::Failed(Failure { cause, formula: source.to_string() }),
    })
}

/// The quantities [`evaluate`] has looked up, by their place in the tree, so
/// that its arithmetic reads each value it already has instead of asking
/// `lookup` a second time: a national plan's formulas spent half their
/// lookups on the second asking (README, "National scale"). A formula of
/// more quantities than this holds asks again for the rest, with the same
/// answer.
#[derive(Default)]
struct Looked<'a> {
    found: [Option<(&'a Quantity, Option<Value>)>; LOOKED],
    len: usize,
}

/// The quantities of a formula [`Looked`] keeps: nearly every formula reads
/// fewer.
const LOOKED: usize = 8;

impl<'a> Looked<'a> {
    fn keep(&mut self, quantity: &'a Quantity, value: Option<Value>) {
        if let Some(place) = self.found.get_mut(self.len) {
            *place = Some((quantity, value));
            self.len += 1;
        }
    }

    /// The value looked up for `quantity` (this very node of the tree), if kept.
    fn get(&self, quantity: &Quantity) -> Option<Option<Value>> {
        self.found[..self.len].iter().flatten().find(|(q, _)| std::ptr::eq(*q, quantity)).map(|(_, v)| *v)
    }
}

enum Problem {
    Missing(Quantity),
    Arithmetic(Cause),
}

/// The quantities an expression is made of, each once.
fn quantities_of(expr: &Expr) -> Vec<Quantity> {
    let mut once: Vec<Quantity> = Vec::new();
    for q in expr.quantities() {
        if !once.contains(q) {
            once.push(q.clone());
        }
    }
    once
}

/// The recursive walk. Its frame is kept small (the work of each kind of
/// node is done in a function of its own), since a long chain of operations
/// makes it recurse once per operation.
fn number<'a>(expr: &'a Expr, lookup: &mut dyn FnMut(&'a Quantity) -> Option<Value>) -> Result<Decimal, Problem> {
    match expr {
        Expr::Number(n, _) => Ok(*n),
        Expr::Quantity(q) => quantity(q, lookup),
        Expr::Neg(e, _) => Ok(-number(e, lookup)?),
        Expr::Binary(op, a, divisor, _) => {
            let a = number(a, lookup)?;
            let b = number(divisor, lookup)?;
            apply(*op, a, b).map_err(|problem| blame_divisor(problem, divisor))
        }
        Expr::Call(function, args, _) => call(*function, args, lookup),
    }
}

#[inline(never)]
fn quantity<'a>(q: &'a Quantity, lookup: &mut dyn FnMut(&'a Quantity) -> Option<Value>) -> Result<Decimal, Problem> {
    match lookup(q) {
        Some(Value::Number(n)) => Ok(n),
        Some(other) => Err(Problem::Arithmetic(Cause::NotANumber(q.clone(), other.kind()))),
        None => Err(Problem::Missing(q.clone())),
    }
}

#[inline(never)]
fn apply(op: Op, a: Decimal, b: Decimal) -> Result<Decimal, Problem> {
    let result = match op {
        Op::Add => a.checked_add(b),
        Op::Sub => a.checked_sub(b),
        Op::Mul => a.checked_mul(b),
        Op::Div if b.is_zero() => return Err(Problem::Arithmetic(Cause::DivisionByZero(Vec::new()))),
        Op::Div => a.checked_div(b),
    };
    result.ok_or(Problem::Arithmetic(Cause::Overflow))
}

/// A division by zero names the quantities its divisor is made of.
#[inline(never)]
fn blame_divisor(problem: Problem, divisor: &Expr) -> Problem {
    match problem {
        Problem::Arithmetic(Cause::DivisionByZero(_)) => {
            Problem::Arithmetic(Cause::DivisionByZero(quantities_of(divisor)))
        }
        other => other,
    }
}

#[inline(never)]
fn call<'a>(
    function: Function,
    args: &'a [Expr],
    lookup: &mut dyn FnMut(&'a Quantity) -> Option<Value>,
) -> Result<Decimal, Problem> {
    let mut values = Vec::with_capacity(args.len());
    for a in args {
        values.push(number(a, lookup)?);
    }
    Ok(match function {
        Function::Min => values.into_iter().min().unwrap_or_default(),
        Function::Max => values.into_iter().max().unwrap_or_default(),
        Function::Abs => values.first().copied().unwrap_or_default().abs(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::Formula;
    use super::*;
    use chrono::NaiveDate;
    use std::collections::HashMap;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn eval(source: &str, values: &[(&str, u32, Value)]) -> Result<Value, EvalError> {
        let map: HashMap<(String, u32), Value> = values.iter().map(|(n, l, v)| ((n.to_string(), *l), *v)).collect();
        Formula::parse(source).unwrap().evaluate(&mut |q| map.get(&(q.name.clone(), q.lag)).copied())
    }

    #[test]
    fn precedence_and_parentheses() {
        assert_eq!(eval("1 + 2 * 3", &[]), Ok(Value::Number(d("7"))));
        assert_eq!(eval("(1 + 2) * 3", &[]), Ok(Value::Number(d("9"))));
        assert_eq!(eval("10 - 4 - 3", &[]), Ok(Value::Number(d("3"))));
        assert_eq!(eval("12 / 3 / 2", &[]), Ok(Value::Number(d("2"))));
        assert_eq!(eval("-2 * -3", &[]), Ok(Value::Number(d("6"))));
        assert_eq!(eval("- (1 - 3)", &[]), Ok(Value::Number(d("2"))));
    }

    #[test]
    fn percents_lags_and_functions() {
        let v = [("Pratiche SUAP", 0, Value::Number(d("110"))), ("Pratiche SUAP", 1, Value::Number(d("100")))];
        // (110 - 100) / 100 = 0.1
        assert_eq!(
            eval("([Pratiche SUAP] - [Pratiche SUAP](N-1)) / [Pratiche SUAP](N-1)", &v),
            Ok(Value::Number(d("0.1")))
        );
        // max(3, 40, 29) * 50% = 20
        assert_eq!(eval("max(3, 40, 29) * 50%", &[]), Ok(Value::Number(d("20"))));
        assert_eq!(eval("min(3, 40, 29)", &[]), Ok(Value::Number(d("3"))));
        assert_eq!(eval("abs(2 - 7)", &[]), Ok(Value::Number(d("5"))));
    }

    /// Counts the lookups of evaluating `source` with every quantity `[qN]`
    /// worth N.
    fn lookups(source: &str) -> (Result<Value, EvalError>, usize) {
        let mut asked = 0;
        let formula = Formula::parse(source).unwrap();
        let value = formula.evaluate(&mut |q| {
            asked += 1;
            q.name[1..].parse::<u32>().ok().map(|n| Value::Number(Decimal::from(n)))
        });
        (value, asked)
    }

    #[test]
    fn each_quantity_is_looked_up_once() {
        // [q2] * [q3] - [q2] / [q4] = 6 - 0.5 = 5.5: four quantities in the
        // tree, four lookups (the arithmetic reads what the first pass found).
        assert_eq!(lookups("[q2] * [q3] - [q2] / [q4]"), (Ok(Value::Number(d("5.5"))), 4));
        assert_eq!(lookups("[q7]"), (Ok(Value::Number(d("7"))), 1));
        // max(q1, q2 + q3, abs(-q4)) = max(1, 5, 4) = 5.
        assert_eq!(lookups("max([q1], [q2] + [q3], abs(-[q4]))"), (Ok(Value::Number(d("5"))), 4));
        // Ten quantities, more than are kept: 1 + 2 + … + 10 = 55; the first
        // eight are read again from what was kept, the last two asked twice.
        let ten = (1..=10).map(|n| format!("[q{n}]")).collect::<Vec<_>>().join(" + ");
        assert_eq!(lookups(&ten), (Ok(Value::Number(d("55"))), 12));
        // A missing quantity stops before the arithmetic: each asked once.
        let (missing, asked) = lookups("[q1] / [x]");
        assert!(matches!(missing, Err(EvalError::Missing(ref q)) if q.len() == 1 && q[0].name == "x"), "{missing:?}");
        assert_eq!(asked, 2);
    }

    #[test]
    fn one_third_is_rounded_at_28_digits() {
        assert_eq!(eval("1 / 3", &[]), Ok(Value::Number(d("0.3333333333333333333333333333"))));
    }

    #[test]
    fn division_by_zero_and_overflow_are_failures_naming_the_formula() {
        let failure = |source: &str, values: &[(&str, u32, Value)]| match eval(source, values) {
            Err(EvalError::Failed(failure)) => failure,
            other => panic!("{source}: {other:?}"),
        };
        let v = [("a", 0, Value::Number(d("5"))), ("b", 0, Value::Number(d("0"))), ("c", 1, Value::Number(d("5")))];
        let zero = failure("[a] / [b]", &v);
        assert_eq!(zero.formula, "[a] / [b]");
        assert_eq!(zero.cause, Cause::DivisionByZero(vec![Quantity::new("b", 0)]));
        // the divisor's quantities, each once, whatever the expression
        let zero = failure("[a] / ([a] - [c](N-1) + [b] * [a])", &v);
        assert_eq!(
            zero.cause,
            Cause::DivisionByZero(vec![Quantity::new("a", 0), Quantity::new("c", 1), Quantity::new("b", 0)])
        );
        assert_eq!(failure("[a] / (1 - 1)", &v).cause, Cause::DivisionByZero(vec![]));
        let big = [("a", 0, Value::Number(Decimal::MAX))];
        let overflow = failure("[a] * 2", &big);
        assert_eq!(overflow.formula, "[a] * 2");
        assert_eq!(overflow.cause, Cause::Overflow);
    }

    #[test]
    fn a_bare_quantity_may_be_a_date_but_arithmetic_on_it_fails() {
        let day = Value::Date(NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(eval("[Data]", &[("Data", 0, day)]), Ok(day));
        let Err(EvalError::Failed(failure)) = eval("[Data] + 1", &[("Data", 0, day)]) else { panic!() };
        assert_eq!(failure.cause, Cause::NotANumber(Quantity::new("Data", 0), "date"));
        assert_eq!(failure.formula, "[Data] + 1");
    }

    #[test]
    fn missing_quantities_are_all_named() {
        let v = [("a", 0, Value::Number(d("0")))];
        assert_eq!(
            eval("[b] / [a] + [c](N-1)", &v),
            Err(EvalError::Missing(vec![Quantity::new("b", 0), Quantity::new("c", 1)]))
        );
    }

    #[test]
    fn unlisted_the_missing_quantities_are_not_named_and_the_rest_is_the_same() {
        let unlisted = |source: &str, values: &[(&str, u32, Value)]| {
            let map: HashMap<(String, u32), Value> = values.iter().map(|(n, l, v)| ((n.to_string(), *l), *v)).collect();
            Formula::parse(source).unwrap().evaluate_unlisted(&mut |q| map.get(&(q.name.clone(), q.lag)).copied())
        };
        let v = [("a", 0, Value::Number(d("0"))), ("b", 0, Value::Number(d("6")))];
        assert_eq!(unlisted("[b] / [a] + [c](N-1)", &v), Err(EvalError::Missing(Vec::new())));
        assert_eq!(unlisted("[z]", &v), Err(EvalError::Missing(Vec::new())));
        // 6 / 2 = 3, and 6 / 0 fails as it does listed
        for source in ["[b] / 2", "[b] / [a]"] {
            assert_eq!(unlisted(source, &v), eval(source, &v), "{source}");
        }
        assert_eq!(unlisted("[b] / 2", &v), Ok(Value::Number(d("3"))));
    }

    #[test]
    fn quantities_know_their_columns() {
        let f = Formula::parse("([a] - [b](N-1)) / [a]").unwrap();
        let got: Vec<(String, u32, usize)> =
            f.quantities_with_columns().into_iter().map(|(q, c)| (q.name.clone(), q.lag, c)).collect();
        assert_eq!(got, vec![("a".into(), 0, 2), ("b".into(), 1, 8), ("a".into(), 0, 20)]);
    }

    #[test]
    fn a_multiplication_by_100_is_found() {
        assert_eq!(Formula::parse("[a] / [b] * 100").unwrap().multiplies_by_hundred(), Some(13));
        assert_eq!(Formula::parse("100 * [a] / [b]").unwrap().multiplies_by_hundred(), Some(1));
        assert_eq!(Formula::parse("[a] / [b] * 100%").unwrap().multiplies_by_hundred(), None);
        assert_eq!(Formula::parse("[a] / ([b] / 100)").unwrap().multiplies_by_hundred(), None);
        assert_eq!(Formula::parse("[a] + 100").unwrap().multiplies_by_hundred(), None);
        // Read from the tree, not from the tokens side by side: `/ 100 *`
        // divides by 100, and a `100` in parentheses still multiplies.
        assert_eq!(Formula::parse("[a] / 100 * [b]").unwrap().multiplies_by_hundred(), None);
        assert_eq!(Formula::parse("[a] * (100)").unwrap().multiplies_by_hundred(), Some(8));
        // the first in the text, in characters: `[Città] * ` is 10 of them
        assert_eq!(Formula::parse("[Città] * 100 * 100").unwrap().multiplies_by_hundred(), Some(11));
    }

    #[test]
    fn a_formula_too_long_to_evaluate_safely_is_refused() {
        let long = vec!["[a]"; 258].join(" + ");
        let err = Formula::parse(&long).unwrap_err();
        assert!(err.message.contains("more than 256 operations"), "{}", err.message);
        let fine = vec!["[a]"; 257].join(" + ");
        assert_eq!(eval(&fine, &[("a", 0, Value::Number(d("1")))]), Ok(Value::Number(d("257"))));
        // The deepest formula allowed: the longest chain inside the deepest nesting of functions.
        let deepest = format!("{}{}{}", "max(".repeat(126), vec!["[a]"; 257].join(" * "), ")".repeat(126));
        assert_eq!(eval(&deepest, &[("a", 0, Value::Number(d("1")))]), Ok(Value::Number(d("1"))));
    }

    #[test]
    fn syntax_errors_point_at_the_column() {
        let err = Formula::parse("[a] + * [b]").unwrap_err();
        assert_eq!(err.column, 7);
        let err = Formula::parse("([a] + [b]").unwrap_err();
        assert_eq!(err.column, 11);
        let err = Formula::parse("[a] / [b").unwrap_err();
        assert_eq!(err.column, 7);
        let err = Formula::parse("Patrimonio / [b]").unwrap_err();
        assert_eq!(err.column, 1);
        assert!(err.message.contains("[Patrimonio]"));
        let err = Formula::parse("[a](N-x)").unwrap_err();
        assert_eq!(err.column, 7);
        let err = Formula::parse("[àà[b]").unwrap_err();
        assert_eq!(err.column, 4);
        let err = Formula::parse("1,5 * [a]").unwrap_err();
        assert_eq!(err.column, 2);
    }
}
