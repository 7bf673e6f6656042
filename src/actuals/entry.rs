//! One given value and where it came from.

use crate::value::Value;

/// Where a value came from, for messages and for `explain`: two numbers, so
/// that a national run's millions of values each carry eight bytes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// Index into [`Actuals::files`](super::Actuals::files).
    pub file: u32,
    pub line: u32,
}

impl Origin {
    /// The line, as messages take it.
    pub fn line(&self) -> usize {
        self.line as usize
    }
}

/// One given value. The unit and the variable as written are numbers into
/// the store's own tables ([`Actuals::unit`](super::Actuals::unit),
/// [`Actuals::written`](super::Actuals::written)): most rows share them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub value: Value,
    pub origin: Origin,
    pub(super) unit: u32,
    pub(super) variable: u32,
}
