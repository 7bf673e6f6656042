//! A formula written again with each quantity's value in its place, so the
//! computation can be followed by hand: `(1680 − 1180) / 1180`.

use crate::figure;
use crate::formula::{Expr, Function, Op, Quantity};
use crate::lang::Lang;
use crate::value::Value;

/// Binding strength, loosest first.
fn precedence(expr: &Expr) -> u8 {
    match expr {
        Expr::Binary(Op::Add | Op::Sub, ..) => 1,
        Expr::Binary(Op::Mul | Op::Div, ..) => 2,
        Expr::Neg(_) => 3,
        _ => 4,
    }
}

/// The expression with values in place of quantities; a quantity without a
/// value keeps its `[name]`.
pub fn substituted(expr: &Expr, value_of: &dyn Fn(&Quantity) -> Option<Value>, lang: Lang) -> String {
    let style = lang.figures();
    match expr {
        Expr::Number(n) => figure::operand(*n, style),
        Expr::Quantity(q) => match value_of(q) {
            Some(Value::Number(n)) => figure::operand(n, style),
            Some(other) => crate::figure::value(&other, None, style),
            None => q.to_string(),
        },
        Expr::Neg(inner) => {
            let text = substituted(inner, value_of, lang);
            if precedence(inner) < 4 {
                format!("−({text})")
            } else {
                format!("−{text}")
            }
        }
        Expr::Binary(op, left, right) => {
            let own = precedence(expr);
            let side = |e: &Expr, strict: bool| {
                let text = substituted(e, value_of, lang);
                let p = precedence(e);
                if p < own || (strict && p == own) {
                    format!("({text})")
                } else {
                    text
                }
            };
            let symbol = match op {
                Op::Add => "+",
                Op::Sub => "−",
                Op::Mul => "×",
                Op::Div => "/",
            };
            // a − (b − c) and a / (b / c) keep their parentheses
            let strict = matches!(op, Op::Sub | Op::Div);
            format!("{} {symbol} {}", side(left, false), side(right, strict))
        }
        Expr::Call(function, args) => {
            let name = match function {
                Function::Min => "min",
                Function::Max => "max",
                Function::Abs => "abs",
            };
            let args: Vec<String> = args.iter().map(|a| substituted(a, value_of, lang)).collect();
            // `;` between arguments, since `,` is the decimal point
            format!("{name}({})", args.join("; "))
        }
    }
}

/// Whether writing the formula again says more than its value alone: not for
/// a bare `[quantity]`.
pub fn worth_writing(expr: &Expr) -> bool {
    !matches!(expr, Expr::Quantity(_) | Expr::Number(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::Formula;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn show(source: &str, values: &[(&str, &str)]) -> String {
        let formula = Formula::parse(source).unwrap();
        let lookup = |q: &Quantity| {
            values
                .iter()
                .find(|(name, _)| *name == q.to_string())
                .map(|(_, v)| Value::Number(Decimal::from_str(v).unwrap()))
        };
        substituted(&formula.expr, &lookup, Lang::Italian)
    }

    #[test]
    fn values_in_place_with_the_parentheses_that_matter() {
        assert_eq!(
            show("([a] - [a](N-1)) / [a](N-1)", &[("[a]", "1680"), ("[a](N-1)", "1180")]),
            "(1.680 − 1.180) / 1.180"
        );
        assert_eq!(show("[a] / ([b] / 100)", &[("[a]", "2220"), ("[b]", "135594")]), "2.220 / (135.594 / 100)");
        assert_eq!(show("[a] - ([b] - [c])", &[("[a]", "1"), ("[b]", "2"), ("[c]", "3")]), "1 − (2 − 3)");
        assert_eq!(show("[a] - [b] - [c]", &[("[a]", "1"), ("[b]", "2"), ("[c]", "3")]), "1 − 2 − 3");
        assert_eq!(show("max([a], [b], 29) * 50%", &[("[a]", "85.95"), ("[b]", "-3")]), "max(85,95; (-3); 29) × 0,5");
        assert_eq!(show("-([a] + 1)", &[]), "−([a] + 1)");
    }
}
