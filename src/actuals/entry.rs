//! One given value and where it came from.

use crate::unit::Unit;
use crate::value::Value;

/// Where a value came from, for messages and for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`Actuals::files`](super::Actuals::files).
    pub file: usize,
    pub line: usize,
}

/// One given value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The variable as the file writes it (empty for an indicator's own value).
    pub variable: String,
    pub value: Value,
    pub unit: Option<Unit>,
    pub origin: Origin,
}
