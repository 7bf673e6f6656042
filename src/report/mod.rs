//! Renderers: one per output format, all behind [`Renderer`].

mod csv;
pub mod display;
pub mod fields;
mod json;
mod markdown;
mod table;
pub mod trend;

use std::io::{self, Write};

use crate::evaluate::Evaluation;
use crate::plan::Plan;

pub use self::csv::{io_error, CsvReport};
pub use json::{to_json, JsonReport};
pub use markdown::MarkdownReport;
pub use table::TableReport;

/// Writes an evaluation in one format.
pub trait Renderer {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Markdown,
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "json" => Format::Json,
            "md" | "markdown" => Format::Markdown,
            "txt" => Format::Table,
            _ => return None,
        })
    }

    pub fn renderer(self, width: Option<u16>) -> Box<dyn Renderer> {
        match self {
            Format::Table => Box::new(TableReport { width }),
            Format::Csv => Box::new(CsvReport { delimiter: b',' }),
            Format::Tsv => Box::new(CsvReport { delimiter: b'\t' }),
            Format::Json => Box::new(JsonReport),
            Format::Markdown => Box::new(MarkdownReport),
        }
    }
}
