//! The parsed form of a formula.

use rust_decimal::Decimal;

/// A measured quantity: `[name]` read for the year evaluated, or `[name](N-k)`
/// read `lag` years earlier.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub name: String,
    pub lag: u32,
    /// The name as actuals are filed under it (see [`variable_key`]), computed
    /// once at parse time.
    pub key: String,
}

impl Quantity {
    pub fn new(name: &str, lag: u32) -> Quantity {
        Quantity { name: name.to_string(), lag, key: variable_key(name) }
    }
}

/// The key a variable is filed under: spaces folded and case ignored, so that
/// `Imprese attive  al 31/12` and `imprese attive al 31/12` are one quantity.
pub fn variable_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.lag == 0 {
            write!(f, "[{}]", self.name)
        } else {
            write!(f, "[{}](N-{})", self.name, self.lag)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Min,
    Max,
    Abs,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(Decimal),
    Quantity(Quantity),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Call(Function, Vec<Expr>),
}

impl Expr {
    pub(super) fn collect_quantities<'a>(&'a self, out: &mut Vec<&'a Quantity>) {
        match self {
            Expr::Number(_) => {}
            Expr::Quantity(q) => out.push(q),
            Expr::Neg(e) => e.collect_quantities(out),
            Expr::Binary(_, a, b) => {
                a.collect_quantities(out);
                b.collect_quantities(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_quantities(out)),
        }
    }
}
