//! The formula language (README, "Formulas"): `[Patrimonio netto] / [Immobilizzazioni]`,
//! `[x](N-1)`, numbers with an optional `%`, `+ - * /`, `min`, `max`, `abs`.
//!
//! Each formula is parsed once, when the plan is loaded; evaluating it is a walk
//! of a small tree with checked decimal arithmetic. The tree keeps where each
//! quantity, number, operation and call is written, so messages point into the
//! text without reading it again; writing a tree as text is `print`'s alone.

mod ast;
mod error;
mod eval;
mod lexer;
mod parser;
mod print;

pub use ast::{variable_key, Expr, Function, Op, Quantity, Span, MAX_LAG};
pub use error::SyntaxError;
pub use eval::{Cause, EvalError, Failure};
pub use print::{write, Grouping, Notation, Symbols};

use crate::value::Value;

/// A parsed formula with its source text, kept for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub source: String,
    pub expr: Expr,
}

impl Formula {
    /// Parses a formula cell. Errors carry the 1-based column (in characters) of the spot.
    pub fn parse(source: &str) -> Result<Formula, SyntaxError> {
        let expr = parser::parse(source)?;
        Ok(Formula { source: source.to_string(), expr })
    }

    /// Every quantity the formula reads, in order of appearance, repeats included.
    pub fn quantities(&self) -> Vec<&Quantity> {
        self.expr.quantities()
    }

    /// Every quantity with the 1-based column (in characters) where it is
    /// written, in order of appearance, repeats included: for messages that
    /// point at one quantity of the formula.
    pub fn quantities_with_columns(&self) -> Vec<(&Quantity, usize)> {
        self.quantities().into_iter().map(|q| (q, q.span.column)).collect()
    }

    /// The column of a `100` that the formula multiplies by (`… * 100` or
    /// `100 * …`), if any: what turns a fraction into a number of percent
    /// points. The first such `100` in the text.
    pub fn multiplies_by_hundred(&self) -> Option<usize> {
        let mut found = Vec::new();
        hundreds_multiplied(&self.expr, &mut found);
        found.into_iter().map(|span| span.column).min()
    }

    /// Computes the formula, reading each quantity through `lookup`.
    /// Every quantity is looked up first, so a missing one is reported as
    /// missing even where the arithmetic would also have failed.
    /// `lookup` is given the formula's own quantities, so it may keep them.
    pub fn evaluate<'a>(&'a self, lookup: &mut dyn FnMut(&'a Quantity) -> Option<Value>) -> Result<Value, EvalError> {
        eval::evaluate(&self.expr, &self.source, lookup, true)
    }

    /// [`Formula::evaluate`], but a missing quantity gives
    /// [`EvalError::Missing`] with no list of what is missing, for a caller
    /// that only needs to know (no copy of the quantities' names is made).
    pub fn evaluate_unlisted<'a>(
        &'a self,
        lookup: &mut dyn FnMut(&'a Quantity) -> Option<Value>,
    ) -> Result<Value, EvalError> {
        eval::evaluate(&self.expr, &self.source, lookup, false)
    }
}

/// The spans of the `100`s that are a factor of a multiplication.
fn hundreds_multiplied(expr: &Expr, found: &mut Vec<Span>) {
    let hundred = |e: &Expr| match e {
        Expr::Number(n, span) if *n == rust_decimal::Decimal::ONE_HUNDRED => Some(*span),
        _ => None,
    };
    match expr {
        Expr::Number(..) | Expr::Quantity(_) => {}
        Expr::Neg(inner, _) => hundreds_multiplied(inner, found),
        Expr::Binary(op, left, right, _) => {
            if *op == Op::Mul {
                found.extend(hundred(left));
                found.extend(hundred(right));
            }
            hundreds_multiplied(left, found);
            hundreds_multiplied(right, found);
        }
        Expr::Call(_, args, _) => args.iter().for_each(|a| hundreds_multiplied(a, found)),
    }
}
