//! Splits a formula into tokens, each with its span in the text.

use rust_decimal::Decimal;

use super::ast::Span;
use super::error::SyntaxError;

#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// `[name]`, the name trimmed.
    Quantity(String),
    /// A number literal, `%` already applied.
    Number(Decimal),
    Ident(String),
    Plus,
    Minus,
    Star,
    Slash,
    LParen,
    RParen,
    Comma,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

pub fn tokenize(source: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = source.chars().collect();
    // The byte offset of each character, and of the end: columns count
    // characters, spans bytes.
    let bytes: Vec<usize> = source.char_indices().map(|(at, _)| at).chain([source.len()]).collect();
    let span = |from: usize, to: usize| Span { start: bytes[from], end: bytes[to], column: from + 1 };
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let single = match c {
            '+' => Some(TokenKind::Plus),
            '-' | '−' => Some(TokenKind::Minus),
            '*' => Some(TokenKind::Star),
            '/' => Some(TokenKind::Slash),
            '(' => Some(TokenKind::LParen),
            ')' => Some(TokenKind::RParen),
            ',' => Some(TokenKind::Comma),
            _ => None,
        };
        if let Some(kind) = single {
            tokens.push(Token { kind, span: span(i, i + 1) });
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
        } else if c == '[' {
            let start = i + 1;
            let Some(len) = chars[start..].iter().position(|&c| c == ']') else {
                return Err(SyntaxError::new(column, "`[` opens a quantity name that is never closed with `]`"));
            };
            let name: String = chars[start..start + len].iter().collect::<String>().trim().to_string();
            if name.is_empty() {
                return Err(SyntaxError::new(column, "a quantity name cannot be empty"));
            }
            if let Some(inner) = chars[start..start + len].iter().position(|&c| c == '[') {
                // Columns count characters, so the offset is taken in characters too.
                return Err(SyntaxError::new(start + inner + 1, "`[` inside a quantity name"));
            }
            tokens.push(Token { kind: TokenKind::Quantity(name), span: span(i, start + len + 1) });
            i = start + len + 1;
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let mut number =
                text.parse::<Decimal>().ok().filter(|_| text.matches('.').count() <= 1 && text != ".").ok_or_else(
                    || {
                        SyntaxError::new(
                            column,
                            format!("`{text}` is not a number (formulas use `.` as the decimal point)"),
                        )
                    },
                )?;
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '%' {
                number = number
                    .checked_div(Decimal::ONE_HUNDRED)
                    .ok_or_else(|| SyntaxError::new(column, "number too large"))?;
                i = j + 1;
            }
            tokens.push(Token { kind: TokenKind::Number(number), span: span(start, i) });
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token { kind: TokenKind::Ident(chars[start..i].iter().collect()), span: span(start, i) });
        } else {
            return Err(SyntaxError::new(column, format!("unexpected `{c}`")));
        }
    }
    Ok(tokens)
}
