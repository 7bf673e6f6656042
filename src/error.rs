//! Errors a user can fix: each names the file, the line and what to do.

use std::fmt;

/// Input that cannot be used (exit status 2): a plan or actuals file with a
/// mistake, or a file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// 1-based line in the file, where one line is to blame.
    pub line: Option<usize>,
    /// 1-based column inside a formula cell, where one spot is to blame.
    pub column: Option<usize>,
    pub message: String,
    /// Further lines shown under the message: a formula with a caret.
    pub detail: Option<String>,
    /// What to do about it, shown after the message (`kpi check` shows it on
    /// a line of its own). Boxed to keep the error small, as it travels in
    /// every `Result` of the loaders.
    pub hint: Option<Box<str>>,
}

impl InputError {
    pub fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> InputError {
        InputError { file: file.into(), line, column: None, message: message.into(), detail: None, hint: None }
    }

    /// Points at a column of a formula: the message shows it with a caret.
    pub fn at_column(mut self, formula: &str, column: usize) -> InputError {
        self.column = Some(column);
        self.detail = Some(caret_under(formula, column));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> InputError {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    /// `file:line`, the place as editors and terminals link it.
    pub fn place(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)?;
        // One line reads best: `…: unknown level `x`: use ambito, …`. Under a
        // formula with its caret, the hint gets a line of its own.
        match (&self.detail, &self.hint) {
            (None, Some(hint)) => write!(f, ": {hint}"),
            (Some(detail), hint) => {
                write!(f, "\n{detail}")?;
                match hint {
                    Some(hint) => write!(f, "\n    hint: {hint}"),
                    None => Ok(()),
                }
            }
            (None, None) => Ok(()),
        }
    }
}

impl std::error::Error for InputError {}

/// A wrong option or argument (exit status 2), naming the option.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// A formula printed with a caret under the column (1-based, in characters).
pub fn caret_under(formula: &str, column: usize) -> String {
    let pad: String =
        formula.chars().take(column.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    format!("    {formula}\n    {pad}^")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_column() {
        assert_eq!(caret_under("[a] + * [b]", 7), "    [a] + * [b]\n          ^");
    }

    #[test]
    fn message_names_file_and_line() {
        let e = InputError::new("plan.csv", Some(4), "unknown level `foo`");
        assert_eq!(e.to_string(), "plan.csv:4: unknown level `foo`");
    }
}
