//! Writing a formula tree back as text: the one walk that every place writing
//! a formula goes through, in one of two notations.
//!
//! As formula text (`Display`), which parses back to the same tree, operands
//! are put in parentheses wherever a reader of a plan could take them the
//! other way: any operation inside `*` or `/` (`([A] + [B]) / [C]`,
//! `([A] / [B]) * 100`), and a sum or difference on the right of `+` or `-`.
//! Plans write `A + B / C` for (A+B)/C, so the text never relies on
//! precedence to say which is meant. A negative number, which no formula text
//! holds (the parser reads `-5` as a negation of 5), is written as a negation.
//!
//! For a reader following the arithmetic (`kpi explain`, values in place of
//! quantities), a [`Notation`] chooses the leaves and symbols and
//! [`Grouping::Precedence`] keeps only the parentheses precedence needs.

use std::fmt;

use rust_decimal::Decimal;

use super::ast::{Expr, Function, Op, Quantity};

/// Where parentheses go around an operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Formula text: every grouping a plan's reader could misread is explicit.
    Explicit,
    /// Only where precedence needs them, and around the right side of a `-`
    /// or `/` of the same precedence: `a − (b − c)`, `a / (b / c)`.
    Precedence,
}

/// The signs a notation writes, and where its parentheses go.
#[derive(Debug, Clone, Copy)]
pub struct Symbols {
    pub add: &'static str,
    pub sub: &'static str,
    pub mul: &'static str,
    pub div: &'static str,
    /// The sign of a negation.
    pub minus: &'static str,
    /// Between a function's arguments.
    pub separator: &'static str,
    pub grouping: Grouping,
}

impl Symbols {
    fn of(&self, op: Op) -> &'static str {
        match op {
            Op::Add => self.add,
            Op::Sub => self.sub,
            Op::Mul => self.mul,
            Op::Div => self.div,
        }
    }
}

/// What a written formula looks like: how its leaves are written, and its
/// symbols.
pub trait Notation {
    fn number(&self, n: Decimal) -> String;
    fn quantity(&self, q: &Quantity) -> String;
    fn symbols(&self) -> &Symbols;
}

/// The notation of formula text, which the parser reads back.
struct FormulaText;

const FORMULA_TEXT: Symbols =
    Symbols { add: "+", sub: "-", mul: "*", div: "/", minus: "-", separator: ", ", grouping: Grouping::Explicit };

impl Notation for FormulaText {
    fn number(&self, n: Decimal) -> String {
        n.normalize().to_string()
    }

    fn quantity(&self, q: &Quantity) -> String {
        q.to_string()
    }

    fn symbols(&self) -> &Symbols {
        &FORMULA_TEXT
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&write(self, &FormulaText))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lag == 0 {
            write!(f, "[{}]", self.name)
        } else {
            write!(f, "[{}](N-{})", self.name, self.lag)
        }
    }
}

/// `expr` written in `notation`.
pub fn write(expr: &Expr, notation: &dyn Notation) -> String {
    let mut out = String::new();
    walk(expr, notation, &mut out);
    out
}

fn walk(expr: &Expr, notation: &dyn Notation, out: &mut String) {
    match expr {
        Expr::Number(n, _) => out.push_str(&notation.number(*n)),
        Expr::Quantity(q) => out.push_str(&notation.quantity(q)),
        Expr::Neg(inner, _) => {
            out.push_str(notation.symbols().minus);
            operand(inner, notation, matches!(inner.as_ref(), Expr::Binary(..) | Expr::Neg(..)), out);
        }
        Expr::Binary(op, left, right, _) => {
            let symbols = notation.symbols();
            let grouping = symbols.grouping;
            operand(left, notation, needs_parentheses(grouping, *op, left, Side::Left), out);
            out.push(' ');
            out.push_str(symbols.of(*op));
            out.push(' ');
            operand(right, notation, needs_parentheses(grouping, *op, right, Side::Right), out);
        }
        Expr::Call(function, args, _) => {
            out.push_str(match function {
                Function::Min => "min",
                Function::Max => "max",
                Function::Abs => "abs",
            });
            out.push('(');
            for (at, arg) in args.iter().enumerate() {
                if at > 0 {
                    out.push_str(notation.symbols().separator);
                }
                walk(arg, notation, out);
            }
            out.push(')');
        }
    }
}

fn operand(expr: &Expr, notation: &dyn Notation, parentheses: bool, out: &mut String) {
    if parentheses {
        out.push('(');
        walk(expr, notation, out);
        out.push(')');
    } else {
        walk(expr, notation, out);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

/// Whether `operand`, on `side` of `op`, is written in parentheses.
fn needs_parentheses(grouping: Grouping, op: Op, operand: &Expr, side: Side) -> bool {
    match grouping {
        Grouping::Explicit => explicit(op, operand, side),
        Grouping::Precedence => {
            let (own, inner) = (precedence(op), binding(operand));
            inner < own || (side == Side::Right && inner == own && matches!(op, Op::Sub | Op::Div))
        }
    }
}

fn explicit(op: Op, operand: &Expr, side: Side) -> bool {
    let Expr::Binary(inner, ..) = operand else {
        // `-x` binds tightest, but `a - -b` reads badly: a negation on the
        // right of an operator is put in parentheses.
        return matches!(operand, Expr::Neg(..)) && side == Side::Right;
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

/// Binding strength of an operation, loosest first.
fn precedence(op: Op) -> u8 {
    match op {
        Op::Add | Op::Sub => 1,
        Op::Mul | Op::Div => 2,
    }
}

/// Binding strength of a written operand: a negation binds tighter than any
/// operation, a leaf or call tightest.
fn binding(expr: &Expr) -> u8 {
    match expr {
        Expr::Binary(op, ..) => precedence(*op),
        Expr::Neg(..) => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Formula;
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn q(name: &str, lag: u32) -> Expr {
        Expr::quantity(name, lag)
    }

    fn bin(op: Op, a: Expr, b: Expr) -> Expr {
        Expr::binary(op, a, b)
    }

    #[test]
    fn plans_read_the_text_the_way_the_tree_means_it() {
        let sum = bin(Op::Add, q("A", 0), q("B", 0));
        assert_eq!(bin(Op::Div, sum.clone(), q("C", 0)).to_string(), "([A] + [B]) / [C]");
        assert_eq!(bin(Op::Add, q("A", 0), bin(Op::Div, q("B", 0), q("C", 0))).to_string(), "[A] + ([B] / [C])");
        let growth = bin(Op::Div, bin(Op::Sub, q("x", 0), q("x", 1)), q("x", 1));
        assert_eq!(growth.to_string(), "([x] - [x](N-1)) / [x](N-1)");
        let per_hundred = bin(Op::Div, q("n", 0), bin(Op::Div, q("imprese", 0), Expr::number(Decimal::from(100))));
        assert_eq!(per_hundred.to_string(), "[n] / ([imprese] / 100)");
        assert_eq!(
            bin(Op::Mul, bin(Op::Div, q("A", 0), q("B", 0)), Expr::number(Decimal::from(100))).to_string(),
            "([A] / [B]) * 100"
        );
        assert_eq!(bin(Op::Sub, bin(Op::Sub, q("a", 0), q("b", 0)), q("c", 0)).to_string(), "[a] - [b] - [c]");
        assert_eq!(bin(Op::Sub, q("a", 0), bin(Op::Sub, q("b", 0), q("c", 0))).to_string(), "[a] - ([b] - [c])");
        assert_eq!(Expr::negated(sum).to_string(), "-([A] + [B])");
        assert_eq!(Expr::number(Decimal::new(5000, 2)).to_string(), "50");
    }

    fn name() -> impl Strategy<Value = String> {
        "[a-zA-Zàè0-9 ./%()'*-]{0,12}[a-zà]".prop_map(|s| s.trim().to_string())
    }

    fn expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0u32..100_000, 0u32..4).prop_map(|(m, scale)| Expr::number(Decimal::new(i64::from(m), scale))),
            (name(), 0u32..3).prop_map(|(n, lag)| Expr::quantity(&n, lag)),
        ];
        leaf.prop_recursive(5, 40, 3, |inner| {
            let op = prop_oneof![Just(Op::Add), Just(Op::Sub), Just(Op::Mul), Just(Op::Div)];
            let function = prop_oneof![Just(Function::Min), Just(Function::Max)];
            prop_oneof![
                (op, inner.clone(), inner.clone()).prop_map(|(op, a, b)| bin(op, a, b)),
                inner.clone().prop_map(Expr::negated),
                inner.clone().prop_map(|e| Expr::call(Function::Abs, vec![e])),
                (function, prop::collection::vec(inner, 1..4)).prop_map(|(f, args)| Expr::call(f, args)),
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

    /// Formula text as plans write it, more loosely than the printer does:
    /// spaces anywhere or nowhere, redundant parentheses and `+` signs,
    /// percents, `−`, `(N-0)`, function names in capitals.
    fn text() -> impl Strategy<Value = String> {
        let space = prop_oneof![Just(""), Just(" "), Just("  ")];
        let leaf = prop_oneof![
            (0u32..100_000, 0u32..4, any::<bool>()).prop_map(|(m, scale, percent)| {
                let n = Decimal::new(i64::from(m), scale).to_string();
                if percent {
                    format!("{n} %")
                } else {
                    n
                }
            }),
            (name(), 0u32..3, any::<bool>()).prop_map(|(n, lag, lag_zero)| match (lag, lag_zero) {
                (0, true) => format!("[ {n} ](N-0)"),
                (0, false) => format!("[{n}]"),
                (lag, _) => format!("[{n}] (n-{lag})"),
            }),
        ];
        leaf.prop_recursive(5, 40, 3, move |inner| {
            let op = prop_oneof![Just("+"), Just("-"), Just("−"), Just("*"), Just("/")];
            let function = prop_oneof![Just("min"), Just("MAX"), Just("Abs")];
            prop_oneof![
                (inner.clone(), space.clone(), op, space.clone(), inner.clone())
                    .prop_map(|(a, s, op, t, b)| format!("{a}{s}{op}{t}{b}")),
                inner.clone().prop_map(|e| format!("({e})")),
                (prop_oneof![Just("-"), Just("+"), Just("- -")], inner.clone())
                    .prop_map(|(sign, e)| format!("{sign}{e}")),
                (function, prop::collection::vec(inner, 1..4)).prop_map(|(f, args)| {
                    let args = if f == "Abs" { &args[..1] } else { &args[..] };
                    format!("{f}({})", args.join(","))
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_formula_text_prints_as_text_that_parses_to_the_same_tree(source in text()) {
            let first = Formula::parse(&source).map_err(|e| TestCaseError::fail(format!("{source}: {e}")))?;
            let printed = first.expr.to_string();
            let second = Formula::parse(&printed).map_err(|e| TestCaseError::fail(format!("{source} → {printed}: {e}")))?;
            prop_assert_eq!(&second.expr, &first.expr, "{} → {}", source, printed);
            prop_assert_eq!(second.expr.to_string(), printed);
        }
    }

    #[test]
    fn loose_texts_print_the_one_way() {
        let printed = |source: &str| Formula::parse(source).unwrap().expr.to_string();
        assert_eq!(printed("[a]+[b]/[c]"), "[a] + ([b] / [c])");
        assert_eq!(printed("((([a])))*50 %"), "[a] * 0.5");
        assert_eq!(printed("- -[a] − +[b]"), "[a] - [b]");
        assert_eq!(printed("MAX([a](N-0),[b] (n-2))"), "max([a], [b](N-2))");
        assert_eq!(printed("-[a] * [b]"), "-[a] * [b]");
        assert_eq!(printed("[a] - -[b]"), "[a] - (-[b])");
        assert_eq!(printed("-(-[a])"), "-(-[a])");
    }
}
