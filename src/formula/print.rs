//! Writing a formula tree back as formula text, which parses to the same tree.
//!
//! Operands are put in parentheses wherever a reader of a plan could take
//! them the other way: any operation inside `*` or `/` (`([A] + [B]) / [C]`,
//! `([A] / [B]) * 100`), and a sum or difference on the right of `+` or `-`.
//! Plans write `A + B / C` for (A+B)/C, so the text never relies on
//! precedence to say which is meant.

use std::fmt;

use super::ast::{Expr, Function, Op};

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Number(n) => write!(f, "{}", n.normalize()),
            Expr::Quantity(q) => write!(f, "{q}"),
            Expr::Neg(inner) => match inner.as_ref() {
                Expr::Number(_) | Expr::Quantity(_) | Expr::Call(..) => write!(f, "-{inner}"),
                _ => write!(f, "-({inner})"),
            },
            Expr::Binary(op, left, right) => {
                write_operand(f, left, needs_parentheses(*op, left, Side::Left))?;
                write!(f, " {} ", symbol(*op))?;
                write_operand(f, right, needs_parentheses(*op, right, Side::Right))
            }
            Expr::Call(function, args) => {
                let name = match function {
                    Function::Min => "min",
                    Function::Max => "max",
                    Function::Abs => "abs",
                };
                write!(f, "{name}(")?;
                for (at, arg) in args.iter().enumerate() {
                    if at > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{arg}")?;
                }
                write!(f, ")")
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

fn symbol(op: Op) -> &'static str {
    match op {
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::Div => "/",
    }
}

/// Whether `operand`, on `side` of `op`, is written in parentheses.
fn needs_parentheses(op: Op, operand: &Expr, side: Side) -> bool {
    let Expr::Binary(inner, ..) = operand else {
        // `-x` binds tightest, but `a - -b` reads badly: a negation on the
        // right of an operator is put in parentheses.
        return matches!(operand, Expr::Neg(_)) && side == Side::Right;
    };
    let additive = |op: Op| matches!(op, Op::Add | Op::Sub);
    match (additive(op), side) {
        // `a - b + c`: a sum's left operand may be a sum.
        (true, Side::Left) => !additive(*inner),
        // `a * b * c`: a product's left operand may be a product.
        (false, Side::Left) => !(op == Op::Mul && *inner == Op::Mul),
        (_, Side::Right) => true,
    }
}

fn write_operand(f: &mut fmt::Formatter<'_>, operand: &Expr, parentheses: bool) -> fmt::Result {
    if parentheses {
        write!(f, "({operand})")
    } else {
        write!(f, "{operand}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::ast::Quantity;
    use super::super::Formula;
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn q(name: &str, lag: u32) -> Expr {
        Expr::Quantity(Quantity::new(name, lag))
    }

    fn bin(op: Op, a: Expr, b: Expr) -> Expr {
        Expr::Binary(op, Box::new(a), Box::new(b))
    }

    #[test]
    fn plans_read_the_text_the_way_the_tree_means_it() {
        let sum = bin(Op::Add, q("A", 0), q("B", 0));
        assert_eq!(bin(Op::Div, sum.clone(), q("C", 0)).to_string(), "([A] + [B]) / [C]");
        assert_eq!(bin(Op::Add, q("A", 0), bin(Op::Div, q("B", 0), q("C", 0))).to_string(), "[A] + ([B] / [C])");
        let growth = bin(Op::Div, bin(Op::Sub, q("x", 0), q("x", 1)), q("x", 1));
        assert_eq!(growth.to_string(), "([x] - [x](N-1)) / [x](N-1)");
        let per_hundred = bin(Op::Div, q("n", 0), bin(Op::Div, q("imprese", 0), Expr::Number(Decimal::from(100))));
        assert_eq!(per_hundred.to_string(), "[n] / ([imprese] / 100)");
        assert_eq!(
            bin(Op::Mul, bin(Op::Div, q("A", 0), q("B", 0)), Expr::Number(Decimal::from(100))).to_string(),
            "([A] / [B]) * 100"
        );
        assert_eq!(bin(Op::Sub, bin(Op::Sub, q("a", 0), q("b", 0)), q("c", 0)).to_string(), "[a] - [b] - [c]");
        assert_eq!(bin(Op::Sub, q("a", 0), bin(Op::Sub, q("b", 0), q("c", 0))).to_string(), "[a] - ([b] - [c])");
        assert_eq!(Expr::Neg(Box::new(sum)).to_string(), "-([A] + [B])");
        assert_eq!(Expr::Number(Decimal::new(5000, 2)).to_string(), "50");
    }

    fn name() -> impl Strategy<Value = String> {
        "[a-zA-Zàè0-9 ./%()'*-]{0,12}[a-zà]".prop_map(|s| s.trim().to_string())
    }

    fn expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0u32..100_000, 0u32..4).prop_map(|(m, scale)| Expr::Number(Decimal::new(i64::from(m), scale))),
            (name(), 0u32..3).prop_map(|(n, lag)| Expr::Quantity(Quantity::new(&n, lag))),
        ];
        leaf.prop_recursive(5, 40, 3, |inner| {
            let op = prop_oneof![Just(Op::Add), Just(Op::Sub), Just(Op::Mul), Just(Op::Div)];
            let function = prop_oneof![Just(Function::Min), Just(Function::Max)];
            prop_oneof![
                (op, inner.clone(), inner.clone()).prop_map(|(op, a, b)| bin(op, a, b)),
                inner.clone().prop_map(|e| Expr::Neg(Box::new(e))),
                inner.clone().prop_map(|e| Expr::Call(Function::Abs, vec![e])),
                (function, prop::collection::vec(inner, 1..4)).prop_map(|(f, args)| Expr::Call(f, args)),
            ]
        })
    }

    proptest! {
        #[test]
        fn every_tree_prints_as_text_that_parses_back_to_it(tree in expr()) {
            let text = tree.to_string();
            let parsed = Formula::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
            prop_assert_eq!(parsed.expr, tree, "{}", text);
        }
    }
}
