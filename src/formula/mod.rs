//! The formula language of SPEC §4: `[Patrimonio netto] / [Immobilizzazioni]`,
//! `[x](N-1)`, numbers with an optional `%`, `+ - * /`, `min`, `max`, `abs`.
//!
//! Each formula is parsed once, when the plan is loaded; evaluating it is a walk
//! of a small tree with checked decimal arithmetic.

mod ast;
mod eval;
mod lexer;
mod parser;

pub use ast::{variable_key, Expr, Function, Op, Quantity};
pub use eval::EvalError;
pub use parser::SyntaxError;

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
}
