//! A wrong option or argument. Problems of the files are
//! [`Diagnostic`](crate::diagnostic::Diagnostic)s.

/// A wrong option or argument (exit status 2), naming the option.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
