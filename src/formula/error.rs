//! What the lexer and the parser report when a formula cannot be read.

/// A formula that cannot be read, with the 1-based column of the spot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    pub column: usize,
    pub message: String,
}

impl SyntaxError {
    pub(super) fn new(column: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError { column, message: message.into() }
    }
}
