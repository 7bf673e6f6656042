//! A recursive-descent parser with the usual precedence: unary minus binds
//! tightest, then `*` `/`, then `+` `-`, all left-associative.

use rust_decimal::Decimal;

use super::ast::{Expr, Function, Op, Quantity, Span, MAX_LAG};
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
            token.span.column,
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
        TokenKind::Quantity(name) => format!("quantity `{}`", Quantity::new(name, 0)),
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
        self.peek().map_or(self.end_column, |t| t.span.column)
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

    /// The next token, which must be of `kind`; its span.
    fn expect(&mut self, kind: TokenKind, what: &str) -> Result<Span, SyntaxError> {
        match self.peek() {
            Some(t) if t.kind == kind => {
                self.pos += 1;
                Ok(t.span)
            }
            Some(t) => Err(SyntaxError::new(t.span.column, format!("expected {what}, found {}", describe(&t.kind)))),
            None => Err(SyntaxError::new(self.end_column, format!("expected {what} before the end of the formula"))),
        }
    }

    /// The operator at the current token, if it is one of `ops`, with its span.
    fn operator(&mut self, ops: [(TokenKind, Op); 2]) -> Option<(Op, Span)> {
        let token = self.peek()?;
        let (_, op) = ops.into_iter().find(|(kind, _)| *kind == token.kind)?;
        self.pos += 1;
        Some((op, token.span))
    }

    fn expression(&mut self) -> Result<Expr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::new(self.column(), "the formula is nested too deeply"));
        }
        let mut left = self.term()?;
        while let Some((op, span)) = self.operator([(TokenKind::Plus, Op::Add), (TokenKind::Minus, Op::Sub)]) {
            self.operation()?;
            let right = self.term()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right), span);
        }
        self.depth -= 1;
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.unary()?;
        while let Some((op, span)) = self.operator([(TokenKind::Star, Op::Mul), (TokenKind::Slash, Op::Div)]) {
            self.operation()?;
            let right = self.unary()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right), span);
        }
        Ok(left)
    }

    /// Signs before an operand: an odd number of `-` negates it, and the
    /// negation spans the first of them.
    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        let mut negations = 0usize;
        let mut first_minus = None;
        while let Some(token) = self.peek().filter(|t| matches!(t.kind, TokenKind::Minus | TokenKind::Plus)) {
            if token.kind == TokenKind::Minus {
                negations += 1;
                first_minus.get_or_insert(token.span);
                self.operation()?;
            }
            self.pos += 1;
        }
        let operand = self.primary()?;
        Ok(match first_minus {
            Some(span) if negations % 2 == 1 => Expr::Neg(Box::new(operand), span),
            _ => operand,
        })
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
            TokenKind::Number(n) => Ok(Expr::Number(*n, token.span)),
            TokenKind::Quantity(name) => {
                let (lag, close) = self.lag()?;
                let mut quantity = Quantity::new(name, lag);
                quantity.span = close.map_or(token.span, |close| token.span.to(close));
                Ok(Expr::Quantity(quantity))
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
                            token.span.column,
                            format!(
                                "unknown word `{name}`: quantities go in brackets, like `{}`; the functions are min, max and abs",
                                Quantity::new(name, 0)
                            ),
                        ))
                    }
                };
                self.call(function, token.span)
            }
            other => Err(SyntaxError::new(
                token.span.column,
                format!("expected a number, a [quantity] or `(`, found {}", describe(other)),
            )),
        }
    }

    /// The arguments of a call whose name spans `name`.
    fn call(&mut self, function: Function, name: Span) -> Result<Expr, SyntaxError> {
        self.expect(TokenKind::LParen, "`(` after the function name")?;
        let mut args = vec![self.expression()?];
        while let Some(TokenKind::Comma) = self.peek_kind(0) {
            self.pos += 1;
            self.operation()?;
            args.push(self.expression()?);
        }
        let close = self.expect(TokenKind::RParen, "`,` or `)`")?;
        if function == Function::Abs && args.len() != 1 {
            return Err(SyntaxError::new(name.column, format!("abs takes one argument, not {}", args.len())));
        }
        Ok(Expr::Call(function, args, name.to(close)))
    }

    /// `(N-k)` right after a quantity: the quantity k years earlier, and the
    /// span of its `)`.
    fn lag(&mut self) -> Result<(u32, Option<Span>), SyntaxError> {
        let is_lag = matches!(self.peek_kind(0), Some(TokenKind::LParen))
            && matches!(self.peek_kind(1), Some(TokenKind::Ident(n)) if n.eq_ignore_ascii_case("n"));
        if !is_lag {
            return Ok((0, None));
        }
        self.pos += 2;
        let lag = match self.peek_kind(0) {
            Some(TokenKind::Minus) => {
                self.pos += 1;
                let column = self.column();
                match self.next().map(|t| &t.kind) {
                    Some(TokenKind::Number(k)) if k.fract().is_zero() && *k <= Decimal::from(MAX_LAG) => {
                        u32::try_from(k.mantissa() / 10i128.pow(k.scale())).unwrap_or(0)
                    }
                    _ => {
                        return Err(SyntaxError::new(
                            column,
                            format!("expected a whole number of years from 0 to {MAX_LAG} after `N-`, as in `(N-1)`"),
                        ))
                    }
                }
            }
            _ => 0,
        };
        let close = self.expect(TokenKind::RParen, "`)` closing the year offset, as in `(N-1)`")?;
        Ok((lag, Some(close)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::ast::Span;
    use super::super::Formula;
    use super::*;

    /// Each quantity's span, and the text it covers.
    fn spans(source: &str) -> Vec<(Span, &str)> {
        let formula = Formula::parse(source).unwrap();
        let spans: Vec<Span> = formula.quantities().iter().map(|q| q.span).collect();
        spans.into_iter().map(|s| (s, &source[s.range()])).collect()
    }

    #[test]
    fn a_quantity_after_a_non_ascii_name_is_at_its_column_in_characters() {
        // `[Città]` is 7 characters but 8 bytes (`à` takes two): `[b]` starts
        // at byte 11, the 11th character after 7 + ` / `.
        assert_eq!(
            spans("[Città] / [b]"),
            [(Span { start: 0, end: 8, column: 1 }, "[Città]"), (Span { start: 11, end: 14, column: 11 }, "[b]")]
        );
    }

    #[test]
    fn a_quantity_written_twice_has_the_span_of_each_occurrence() {
        // `[a] + [b] * [a](N-1) - [a]`: `[a]` at characters 1 and 24,
        // `[a](N-1)` from 13 to 20, with its year offset.
        assert_eq!(
            spans("[a] + [b] * [a](N-1) - [a]"),
            [
                (Span { start: 0, end: 3, column: 1 }, "[a]"),
                (Span { start: 6, end: 9, column: 7 }, "[b]"),
                (Span { start: 12, end: 20, column: 13 }, "[a](N-1)"),
                (Span { start: 23, end: 26, column: 24 }, "[a]"),
            ]
        );
    }

    #[test]
    fn numbers_operations_negations_and_calls_keep_their_spans() {
        let source = "-max([è], 50 %) / 2";
        let formula = Formula::parse(source).unwrap();
        let Expr::Binary(Op::Div, left, right, division) = &formula.expr else { panic!("{:?}", formula.expr) };
        // `è` is two bytes: the `/` is the 17th character but starts at byte 17.
        assert_eq!((&source[division.range()], division.column), ("/", 17));
        assert_eq!((&source[right.span().range()], right.span().column), ("2", 19));
        let Expr::Neg(call, minus) = left.as_ref() else { panic!("{left:?}") };
        assert_eq!((&source[minus.range()], minus.column), ("-", 1));
        assert_eq!((&source[call.span().range()], call.span().column), ("max([è], 50 %)", 2));
        let Expr::Call(Function::Max, args, _) = call.as_ref() else { panic!("{call:?}") };
        // `-max([è], ` is 10 characters: the number is the 11th.
        assert_eq!((&source[args[1].span().range()], args[1].span().column), ("50 %", 11));
    }

    #[test]
    fn trees_are_equal_wherever_their_nodes_are_written() {
        let tight = Formula::parse("[a]+[b]").unwrap();
        let loose = Formula::parse("  [a]   +   [b]").unwrap();
        assert_ne!(tight.expr.span(), loose.expr.span());
        assert_eq!(tight.expr, loose.expr);
        assert_eq!(tight.expr, Expr::binary(Op::Add, Expr::quantity("a", 0), Expr::quantity("b", 0)));
        assert_ne!(tight.expr, Expr::binary(Op::Add, Expr::quantity("a", 0), Expr::quantity("b", 1)));
    }
}
