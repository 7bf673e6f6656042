//! The formula language (README, "Formulas"): `[Patrimonio netto] / [Immobilizzazioni]`,
//! `[x](N-1)`, numbers with an optional `%`, `+ - * /`, `min`, `max`, `abs`.
//!
//! Each formula is parsed once, when the plan is loaded; evaluating it is a walk
//! of a small tree with checked decimal arithmetic.

mod ast;
mod error;
mod eval;
mod lexer;
mod parser;
mod print;

pub use ast::{variable_key, Expr, Function, Op, Quantity};
pub use error::SyntaxError;
pub use eval::{Cause, EvalError, Failure};

use lexer::{Token, TokenKind};

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
        let mut out = Vec::new();
        self.expr.collect_quantities(&mut out);
        out
    }

    /// Every quantity with the 1-based column (in characters) where it is
    /// written, in order of appearance, repeats included: for messages that
    /// point at one quantity of the formula.
    pub fn quantities_with_columns(&self) -> Vec<(&Quantity, usize)> {
        let columns = self.tokens().into_iter().filter(|t| matches!(t.kind, TokenKind::Quantity(_))).map(|t| t.column);
        self.quantities().into_iter().zip(columns).collect()
    }

    /// The column of a `100` that the formula multiplies by (`… * 100` or
    /// `100 * …`), if any: what turns a fraction into a number of percent points.
    pub fn multiplies_by_hundred(&self) -> Option<usize> {
        let tokens = self.tokens();
        let hundred = |t: &Token| matches!(t.kind, TokenKind::Number(n) if n == rust_decimal::Decimal::ONE_HUNDRED);
        let star = |t: Option<&Token>| matches!(t.map(|t| &t.kind), Some(TokenKind::Star));
        tokens.iter().enumerate().find_map(|(i, t)| {
            let multiplied = star(i.checked_sub(1).and_then(|p| tokens.get(p))) || star(tokens.get(i + 1));
            (hundred(t) && multiplied).then_some(t.column)
        })
    }

    /// The tokens of a formula that parsed, so they always tokenize.
    fn tokens(&self) -> Vec<Token> {
        lexer::tokenize(&self.source).unwrap_or_default()
    }
}
