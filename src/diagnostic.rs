//! Every problem kpi finds in its inputs, whichever command finds it: how
//! serious, where (file, line, column), what, and what to do about it. The
//! loaders, the evaluator and the checks push them into one [`Diagnostics`];
//! `kpi eval` stops at the first error, `kpi check` reads on and lists them
//! all. The format is described in the README ("Messages").

use std::fmt;
use std::io::{self, Write};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// `kpi eval` refuses the input, or a figure would come out wrong or missing.
    Error,
    /// Probably a mistake, though kpi can compute with it.
    Warning,
    /// Something the importer was unsure of, for a person to look at.
    Review,
    /// What a command did, for the record (`imported 85 rows`).
    Note,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Review => "review",
            Severity::Note => "note",
        }
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user named it; `None` for a problem of the command
    /// line as a whole (an option that does nothing).
    pub file: Option<String>,
    /// 1-based line in the file (a spreadsheet's row number).
    pub line: Option<usize>,
    /// 1-based column, in characters, inside a formula cell.
    pub column: Option<usize>,
    pub message: String,
    /// The formula the column points into, shown under the message with a
    /// caret. Boxed, like the hint, to keep a diagnostic small: it travels in
    /// every `Result` of the loaders.
    pub excerpt: Option<Box<str>>,
    /// What to do about it.
    pub hint: Option<Box<str>>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        file: impl Into<String>,
        line: impl Into<Option<usize>>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            file: Some(file.into()),
            line: line.into(),
            column: None,
            message: message.into(),
            excerpt: None,
            hint: None,
        }
    }

    /// An error at a file's line (`None`: the file as a whole).
    pub fn error(file: impl Into<String>, line: impl Into<Option<usize>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, file, line, message)
    }

    pub fn warning(file: impl Into<String>, line: impl Into<Option<usize>>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, file, line, message)
    }

    /// A problem of the command line rather than of a file: `kpi: warning: …`.
    pub fn general(severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic { file: None, ..Diagnostic::new(severity, "", None, message) }
    }

    /// Points at a column of a formula, printed under the message with a caret.
    pub fn at_column(mut self, formula: &str, column: usize) -> Diagnostic {
        self.column = Some(column);
        self.excerpt = Some(formula.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, the place as editors and terminals link it; `kpi`
    /// for a problem of no file.
    pub fn place(&self) -> String {
        let Some(file) = &self.file else { return "kpi".to_string() };
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            (Some(line), None) => format!("{file}:{line}"),
            _ => file.clone(),
        }
    }

    /// The problem as `kpi eval` and the other commands that stop at it show
    /// it: `kpi: plan.csv:4: unknown level `x`: use ambito, …`.
    pub fn refusal(&self) -> Refusal<'_> {
        Refusal(self)
    }

    /// The formula with a caret under the column.
    fn caret(&self) -> Option<String> {
        Some(caret_under(self.excerpt.as_deref()?, self.column?))
    }
}

/// `plan.csv:4:1: error: message`, then the formula with its caret and the
/// hint on lines of their own: the form `kpi check` lists and every command
/// prints its warnings in. A note prints without its label.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.severity, &self.file) {
            (Severity::Note, None) => write!(f, "{}", self.message)?,
            (Severity::Note, Some(_)) => write!(f, "{}: {}", self.place(), self.message)?,
            (severity, _) => write!(f, "{}: {}: {}", self.place(), severity.name(), self.message)?,
        }
        if let Some(caret) = self.caret() {
            write!(f, "\n{caret}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// The problem that stopped a command: the error it returns.
impl std::error::Error for Diagnostic {}

/// A diagnostic as a command that stops at it shows it.
pub struct Refusal<'a>(&'a Diagnostic);

impl fmt::Display for Refusal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        match &d.file {
            Some(_) => write!(f, "kpi: {}: {}", d.place(), d.message)?,
            None => write!(f, "kpi: {}", d.message)?,
        }
        // One line reads best: `…: unknown level `x`: use ambito, …`. Under a
        // formula with its caret, the hint gets a line of its own.
        match (d.caret(), &d.hint) {
            (None, Some(hint)) => write!(f, ": {hint}"),
            (Some(caret), hint) => {
                write!(f, "\n{caret}")?;
                match hint {
                    Some(hint) => write!(f, "\n    hint: {hint}"),
                    None => Ok(()),
                }
            }
            (None, None) => Ok(()),
        }
    }
}

/// A formula printed with a caret under the column (1-based, in characters).
pub fn caret_under(formula: &str, column: usize) -> String {
    let pad: String =
        formula.chars().take(column.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    format!("    {formula}\n    {pad}^")
}

/// Writes one message, and a newline, on standard error: the one way kpi
/// writes there. A standard error that cannot be written to (closed, full)
/// cannot be told about it, so the failure is dropped rather than a panic.
pub fn to_stderr(message: &dyn fmt::Display) {
    // A name or cell quoted in a message shows its control characters rather than sending them to the terminal.
    let text = short_quotes(&message.to_string());
    let _ = writeln!(io::stderr().lock(), "{}", crate::visible::visible(&text, &['\n', '\t']));
}

/// A message with each quoted cell (between backticks, as messages quote
/// cells) cut to its first characters: a 20 MB cell is named, not repeated.
fn short_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4096));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts lie between backticks.
        if i % 2 == 1 {
            out.push_str(&crate::visible::excerpt(part));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Whether a reading goes on after an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// `kpi eval`: the first error decides, nothing after it is read.
    StopAtFirstError,
    /// `kpi check`: every problem, in one run.
    On,
}

/// The one collector of diagnostics that a command's readers, evaluator and
/// checks push into, in the order they were found.
#[derive(Debug, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    errors: usize,
    reading: Reading,
}

/// Stops at the first error, as `kpi eval` does.
impl Default for Diagnostics {
    fn default() -> Diagnostics {
        Diagnostics::stopping_at_first_error()
    }
}

impl Diagnostics {
    /// For the commands that refuse input with an error: a reader may stop
    /// at the first one ([`Diagnostics::stopped`]).
    pub fn stopping_at_first_error() -> Diagnostics {
        Diagnostics { items: Vec::new(), errors: 0, reading: Reading::StopAtFirstError }
    }

    /// For `kpi check`: every reader reads on to the end.
    pub fn reading_on() -> Diagnostics {
        Diagnostics { items: Vec::new(), errors: 0, reading: Reading::On }
    }

    /// An empty collector that reads as this one does, for a reader run
    /// beside another whose diagnostics are put in order afterwards.
    pub fn empty_like(&self) -> Diagnostics {
        Diagnostics { items: Vec::new(), errors: 0, reading: self.reading }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.errors += usize::from(diagnostic.is_error());
        self.items.push(diagnostic);
    }

    /// True when there is an error and nothing more needs reading.
    pub fn stopped(&self) -> bool {
        self.reading == Reading::StopAtFirstError && self.errors > 0
    }

    /// `Ok` while no error was pushed; else the first error, which is what
    /// `kpi eval` stops at (exit status 2).
    pub fn no_error(&self) -> Result<(), Diagnostic> {
        match self.items.iter().find(|d| d.is_error()) {
            Some(first) => Err(first.clone()),
            None => Ok(()),
        }
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The diagnostics pushed since [`Diagnostics::len`] was `from`, to
    /// adjust their place (a file read through another).
    pub fn since_mut(&mut self, from: usize) -> &mut [Diagnostic] {
        let from = from.min(self.items.len());
        &mut self.items[from..]
    }

    /// Puts `later` (in the order of their lines) among the diagnostics
    /// pushed since [`Diagnostics::len`] was `from` (in the order of theirs),
    /// each after the last one whose line is not after its own: a problem a
    /// reader can tell only once it has read every row goes where it would
    /// have gone had it been found at its row.
    pub fn merge_by_line(&mut self, from: usize, later: Vec<Diagnostic>) {
        if later.is_empty() {
            return;
        }
        let read = self.items.split_off(from.min(self.items.len()));
        let mut read = read.into_iter().peekable();
        for diagnostic in later {
            while let Some(before) = read.next_if(|d| d.line <= diagnostic.line) {
                self.items.push(before);
            }
            self.push(diagnostic);
        }
        self.items.extend(read);
    }

    /// Takes out the diagnostics `which` selects, leaving the others.
    pub fn take(&mut self, which: impl Fn(&Diagnostic) -> bool) -> Vec<Diagnostic> {
        let (taken, kept) = std::mem::take(&mut self.items).into_iter().partition(|d| which(d));
        self.items = kept;
        self.errors = self.items.iter().filter(|d| d.is_error()).count();
        taken
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, items: I) {
        for d in items {
            self.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_are_cut() {
        let long = "x".repeat(100);
        assert_eq!(
            short_quotes(&format!("a.csv:2: `{long}` is not a number; `ok`")),
            format!("a.csv:2: `{}…` is not a number; `ok`", "x".repeat(40))
        );
        assert_eq!(short_quotes("no quotes"), "no quotes");
    }

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
    fn a_refusal_keeps_the_hint_on_its_line_unless_a_caret_is_shown() {
        let d = Diagnostic::error("plan.csv", 4, "unknown level `foo`").with_hint("use ambito");
        assert_eq!(d.refusal().to_string(), "kpi: plan.csv:4: unknown level `foo`: use ambito");
        let d = Diagnostic::error("plan.csv", 2, "formula of K1, column 7: expected a number")
            .at_column("[a] + * [b]", 7)
            .with_hint("brackets");
        assert_eq!(
            d.refusal().to_string(),
            "kpi: plan.csv:2:7: formula of K1, column 7: expected a number\n    [a] + * [b]\n          ^\n    hint: brackets"
        );
        assert_eq!(
            Diagnostic::error("plan.csv", None, "cannot read").refusal().to_string(),
            "kpi: plan.csv: cannot read"
        );
    }

    #[test]
    fn caret_sits_under_the_column() {
        assert_eq!(caret_under("[a] + * [b]", 7), "    [a] + * [b]\n          ^");
    }

    #[test]
    fn general_problems_and_notes() {
        assert_eq!(
            Diagnostic::general(Severity::Warning, "--cap counts only under --scoring ratio").to_string(),
            "kpi: warning: --cap counts only under --scoring ratio"
        );
        assert_eq!(Diagnostic::general(Severity::Note, "kpi template: 3 rows").to_string(), "kpi template: 3 rows");
        assert_eq!(
            Diagnostic::new(Severity::Note, "plan.txt", None, "imported 3 rows").to_string(),
            "plan.txt: imported 3 rows"
        );
        assert_eq!(
            Diagnostic::new(Severity::Review, "plan.txt", 7, "K1: check the unit").to_string(),
            "plan.txt:7: review: K1: check the unit"
        );
    }

    #[test]
    fn the_collector_counts_errors_and_knows_when_to_stop() {
        let mut stopping = Diagnostics::default();
        stopping.push(Diagnostic::warning("a.csv", 2, "w"));
        assert!(!stopping.stopped() && stopping.no_error().is_ok());
        stopping.push(Diagnostic::error("a.csv", 3, "first"));
        stopping.push(Diagnostic::error("a.csv", 4, "second"));
        assert!(stopping.stopped());
        assert_eq!(stopping.no_error().unwrap_err().message, "first");
        assert_eq!(stopping.errors(), 2);
        let mut reading = Diagnostics::reading_on();
        reading.extend(stopping.iter().cloned());
        assert!(!reading.stopped());
        let errors = reading.take(Diagnostic::is_error);
        assert_eq!((errors.len(), reading.len(), reading.errors()), (2, 1, 0));
    }
}
