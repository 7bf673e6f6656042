//! A problem found by `kpi check`: how serious, where (file, line, column),
//! what, and what to do about it.

use std::fmt;

use crate::error::InputError;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// `kpi eval` refuses the input, or a figure would come out wrong or missing.
    Error,
    /// Probably a mistake, though kpi can compute with it.
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column inside a formula cell.
    pub column: Option<usize>,
    pub message: String,
    /// Lines shown under the message: a formula with a caret.
    pub detail: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, file: &str, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_string(),
            line: Some(line),
            column: None,
            message: message.into(),
            detail: None,
            hint: None,
        }
    }

    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, file, line, message)
    }

    pub fn warning(file: &str, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, file, line, message)
    }

    /// Points at a column of a formula, printed under the message with a caret.
    pub fn at_column(mut self, formula: &str, column: usize) -> Diagnostic {
        self.column = Some(column);
        self.detail = Some(crate::error::caret_under(formula, column));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column`, the place as editors and terminals link it.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file),
            (Some(line), None) => format!("{}:{line}", self.file),
            _ => self.file.clone(),
        }
    }
}

/// Input that `kpi eval` would refuse is an error.
impl From<InputError> for Diagnostic {
    fn from(e: InputError) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: e.file,
            line: e.line,
            column: e.column,
            message: e.message,
            detail: e.detail,
            hint: e.hint.map(String::from),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.place(), self.severity.name(), self.message)?;
        if let Some(detail) = &self.detail {
            write!(f, "\n{detail}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_reads_like_a_compiler_message() {
        let d = Diagnostic::error("plan.csv", 4, "[Follower] of K2 is not given for 2024")
            .at_column("[Follower] / 2", 1)
            .with_hint("add a row");
        assert_eq!(
            d.to_string(),
            "plan.csv:4:1: error: [Follower] of K2 is not given for 2024\n    [Follower] / 2\n    ^\n    hint: add a row"
        );
    }

    #[test]
    fn a_syntax_error_keeps_its_column() {
        let e = InputError::new("plan.csv", Some(2), "formula of K1, column 7: expected a number")
            .at_column("[a] + * [b]", 7);
        assert_eq!(Diagnostic::from(e).place(), "plan.csv:2:7");
    }
}
