//! The parsed form of a formula. Each node that a message may point at keeps
//! its [`Span`], the place in the formula text it was read from; what a node
//! means does not depend on where it was written, so comparing nodes ignores
//! their spans.

use std::ops::Range;

use rust_decimal::Decimal;

/// Where a node is written in its formula's text. Spans are relative to the
/// text, so one parsed formula serves every row that has the same text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the node's first character.
    pub start: usize,
    /// Byte offset just after the node's last character.
    pub end: usize,
    /// 1-based column of `start` in characters, as messages show it (a name
    /// like `[Città]` is one column a letter, not one a byte).
    pub column: usize,
}

impl Span {
    /// The span of a node built in code rather than read from a text.
    pub const NONE: Span = Span { start: 0, end: 0, column: 0 };

    /// The byte range, to slice the formula text with.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// From the start of `self` to the end of `other`.
    pub(super) fn to(self, other: Span) -> Span {
        Span { end: other.end, ..self }
    }
}

/// The most years back a formula may read: `(N-1000)`.
pub const MAX_LAG: u32 = 1000;

/// A measured quantity: `[name]` read for the year evaluated, or `[name](N-k)`
/// read `lag` years earlier, at most [`MAX_LAG`].
#[derive(Debug, Clone)]
pub struct Quantity {
    pub name: String,
    pub lag: u32,
    /// The name as actuals are filed under it (see [`variable_key`]), computed
    /// once at parse time.
    pub key: String,
    /// From `[` to `]`, or to the `)` of `(N-k)`.
    pub span: Span,
}

impl Quantity {
    pub fn new(name: &str, lag: u32) -> Quantity {
        Quantity { name: name.to_string(), lag, key: variable_key(name), span: Span::NONE }
    }
}

/// One quantity wherever it is written: `[a]` at column 2 and at column 20
/// are the same quantity.
impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.name == other.name && self.lag == other.lag
    }
}

impl Eq for Quantity {}

impl std::hash::Hash for Quantity {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.lag.hash(state);
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

/// A formula's tree. The last field of each node is its span: a number's
/// literal (with its `%`), the `-` of a negation, the symbol of an operation,
/// and a call from the function's name to its `)`.
#[derive(Debug, Clone)]
pub enum Expr {
    Number(Decimal, Span),
    Quantity(Quantity),
    Neg(Box<Expr>, Span),
    Binary(Op, Box<Expr>, Box<Expr>, Span),
    Call(Function, Vec<Expr>, Span),
}

/// Two trees are equal when they compute the same way, wherever their nodes
/// are written.
impl PartialEq for Expr {
    fn eq(&self, other: &Expr) -> bool {
        match (self, other) {
            (Expr::Number(a, _), Expr::Number(b, _)) => a == b,
            (Expr::Quantity(a), Expr::Quantity(b)) => a == b,
            (Expr::Neg(a, _), Expr::Neg(b, _)) => a == b,
            (Expr::Binary(op, a, b, _), Expr::Binary(other_op, c, d, _)) => op == other_op && a == c && b == d,
            (Expr::Call(f, a, _), Expr::Call(g, b, _)) => f == g && a == b,
            _ => false,
        }
    }
}

/// Trees built in code (the importer's proposals, tests): their nodes are
/// written nowhere yet, so they carry [`Span::NONE`].
impl Expr {
    pub fn number(n: Decimal) -> Expr {
        Expr::Number(n, Span::NONE)
    }

    pub fn quantity(name: &str, lag: u32) -> Expr {
        Expr::Quantity(Quantity::new(name, lag))
    }

    pub fn negated(inner: Expr) -> Expr {
        Expr::Neg(Box::new(inner), Span::NONE)
    }

    pub fn binary(op: Op, left: Expr, right: Expr) -> Expr {
        Expr::Binary(op, Box::new(left), Box::new(right), Span::NONE)
    }

    pub fn call(function: Function, args: Vec<Expr>) -> Expr {
        Expr::Call(function, args, Span::NONE)
    }

    /// Where the node is written (see [`Expr`] for what each kind spans).
    pub fn span(&self) -> Span {
        match self {
            Expr::Quantity(q) => q.span,
            Expr::Number(_, span) | Expr::Neg(_, span) | Expr::Binary(.., span) | Expr::Call(_, _, span) => *span,
        }
    }

    /// Every quantity the expression reads, in order of appearance, repeats
    /// included, each with its own span.
    pub fn quantities(&self) -> Vec<&Quantity> {
        let mut out = Vec::new();
        self.each_quantity(&mut |q| out.push(q));
        out
    }

    /// Calls `f` with every quantity the expression reads, in the order of
    /// [`Expr::quantities`], without making its list.
    pub fn each_quantity<'a>(&'a self, f: &mut dyn FnMut(&'a Quantity)) {
        match self {
            Expr::Number(..) => {}
            Expr::Quantity(q) => f(q),
            Expr::Neg(e, _) => e.each_quantity(f),
            Expr::Binary(_, a, b, _) => {
                a.each_quantity(f);
                b.each_quantity(f);
            }
            Expr::Call(_, args, _) => args.iter().for_each(|a| a.each_quantity(f)),
        }
    }
}
