//! A recursive-descent parser with the usual precedence: unary minus binds
//! tightest, then `*` `/`, then `+` `-`, all left-associative.

use rust_decimal::Decimal;

use super::ast::{Expr, Function, Op, Quantity};
use super::error::SyntaxError;
use super::lexer::{tokenize, Token, TokenKind};

/// Nesting deeper than this is surely a mistake, and refusing it keeps the stack safe.
const MAX_DEPTH: usize = 128;

/// More operations than this is no plan's formula; a chain of them builds a
/// tree as deep as it is long, and refusing it keeps evaluation's stack safe.
const MAX_OPERATIONS: usize = 256;

pub fn parse(source: &str) -> Result<Expr, SyntaxError> {
    let tokens = tokenize(source)?;
    let end_column = source.chars().count() + 1;
    if tokens.is_empty() {
        return Err(SyntaxError::new(1, "the formula is empty"));
    }
    let mut parser = Parser { tokens: &tokens, pos: 0, depth: 0, operations: 0, end_column };
    let expr = parser.expression()?;
    if let Some(token) = parser.peek() {
        return Err(SyntaxError::new(
            token.column,
            format!("unexpected {} after a complete expression", describe(&token.kind)),
        ));
    }
    Ok(expr)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    depth: usize,
    operations: usize,
    end_column: usize,
}

fn describe(kind: &TokenKind) -> String {
    match kind {
        TokenKind::Quantity(name) => format!("quantity `[{name}]`"),
        TokenKind::Number(n) => format!("number `{n}`"),
        TokenKind::Ident(name) => format!("word `{name}`"),
        TokenKind::Plus => "`+`".into(),
        TokenKind::Minus => "`-`".into(),
        TokenKind::Star => "`*`".into(),
        TokenKind::Slash => "`/`".into(),
        TokenKind::LParen => "`(`".into(),
        TokenKind::RParen => "`)`".into(),
        TokenKind::Comma => "`,`".into(),
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    fn peek_kind(&self, offset: usize) -> Option<&'a TokenKind> {
        self.tokens.get(self.pos + offset).map(|t| &t.kind)
    }

    fn next(&mut self) -> Option<&'a Token> {
        let t = self.tokens.get(self.pos);
        self.pos += 1;
        t
    }

    fn column(&self) -> usize {
        self.peek().map_or(self.end_column, |t| t.column)
    }

    /// Counts one more operation, refusing a formula with too many.
    fn operation(&mut self) -> Result<(), SyntaxError> {
        self.operations += 1;
        if self.operations > MAX_OPERATIONS {
            return Err(SyntaxError::new(
                self.column(),
                format!("the formula has more than {MAX_OPERATIONS} operations: split it into quantities"),
            ));
        }
        Ok(())
    }

    fn expect(&mut self, kind: TokenKind, what: &str) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(t) if t.kind == kind => {
                self.pos += 1;
                Ok(())
            }
            Some(t) => Err(SyntaxError::new(t.column, format!("expected {what}, found {}", describe(&t.kind)))),
            None => Err(SyntaxError::new(self.end_column, format!("expected {what} before the end of the formula"))),
        }
    }

    fn expression(&mut self) -> Result<Expr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::new(self.column(), "the formula is nested too deeply"));
        }
        let mut left = self.term()?;
        loop {
            let op = match self.peek_kind(0) {
                Some(TokenKind::Plus) => Op::Add,
                Some(TokenKind::Minus) => Op::Sub,
                _ => break,
            };
            self.pos += 1;
            self.operation()?;
            let right = self.term()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        self.depth -= 1;
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek_kind(0) {
                Some(TokenKind::Star) => Op::Mul,
                Some(TokenKind::Slash) => Op::Div,
                _ => break,
            };
            self.pos += 1;
            self.operation()?;
            let right = self.unary()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        let mut negations = 0usize;
        while let Some(TokenKind::Minus | TokenKind::Plus) = self.peek_kind(0) {
            if let Some(TokenKind::Minus) = self.peek_kind(0) {
                negations += 1;
                self.operation()?;
            }
            self.pos += 1;
        }
        let operand = self.primary()?;
        Ok(if negations % 2 == 1 { Expr::Neg(Box::new(operand)) } else { operand })
    }

    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        let column = self.column();
        let Some(token) = self.next() else {
            return Err(SyntaxError::new(
                column,
                "expected a number, a [quantity] or `(` before the end of the formula",
            ));
        };
        match &token.kind {
            TokenKind::Number(n) => Ok(Expr::Number(*n)),
            TokenKind::Quantity(name) => {
                let lag = self.lag()?;
                Ok(Expr::Quantity(Quantity::new(name, lag)))
            }
            TokenKind::LParen => {
                let inner = self.expression()?;
                self.expect(TokenKind::RParen, "`)`")?;
                Ok(inner)
            }
            TokenKind::Ident(name) => {
                let function = match name.to_lowercase().as_str() {
                    "min" => Function::Min,
                    "max" => Function::Max,
                    "abs" => Function::Abs,
                    _ => {
                        return Err(SyntaxError::new(
                            token.column,
                            format!("unknown word `{name}`: quantities go in brackets, like `[{name}]`; the functions are min, max and abs"),
                        ))
                    }
                };
                self.call(function, token.column)
            }
            other => Err(SyntaxError::new(
                token.column,
                format!("expected a number, a [quantity] or `(`, found {}", describe(other)),
            )),
        }
    }

    fn call(&mut self, function: Function, column: usize) -> Result<Expr, SyntaxError> {
        self.expect(TokenKind::LParen, "`(` after the function name")?;
        let mut args = vec![self.expression()?];
        while let Some(TokenKind::Comma) = self.peek_kind(0) {
            self.pos += 1;
            self.operation()?;
            args.push(self.expression()?);
        }
        self.expect(TokenKind::RParen, "`,` or `)`")?;
        if function == Function::Abs && args.len() != 1 {
            return Err(SyntaxError::new(column, format!("abs takes one argument, not {}", args.len())));
        }
        Ok(Expr::Call(function, args))
    }

    /// `(N-k)` right after a quantity: the quantity k years earlier.
    fn lag(&mut self) -> Result<u32, SyntaxError> {
        let is_lag = matches!(self.peek_kind(0), Some(TokenKind::LParen))
            && matches!(self.peek_kind(1), Some(TokenKind::Ident(n)) if n.eq_ignore_ascii_case("n"));
        if !is_lag {
            return Ok(0);
        }
        self.pos += 2;
        let lag = match self.peek_kind(0) {
            Some(TokenKind::Minus) => {
                self.pos += 1;
                let column = self.column();
                match self.next().map(|t| &t.kind) {
                    Some(TokenKind::Number(k)) if k.fract().is_zero() && *k <= Decimal::from(1000) => {
                        u32::try_from(k.mantissa() / 10i128.pow(k.scale())).unwrap_or(0)
                    }
                    _ => {
                        return Err(SyntaxError::new(
                            column,
                            "expected a whole number of years from 0 to 1000 after `N-`, as in `(N-1)`",
                        ))
                    }
                }
            }
            _ => 0,
        };
        self.expect(TokenKind::RParen, "`)` closing the year offset, as in `(N-1)`")?;
        Ok(lag)
    }
}
