//! `--format md`: the table as Markdown, ready for a report.

use std::io::{self, Write};

use super::table::{line_cells, overall_line, HEADER};
use super::{Renderer, ReportOptions};
use crate::evaluate::Evaluation;
use crate::plan::Plan;

pub struct MarkdownReport {
    pub options: ReportOptions,
}

/// A cell on one Markdown line: `|` escaped, line breaks folded.
pub(super) fn escape(cell: &str) -> String {
    cell.replace('|', "\\|").replace('\n', " ")
}

impl Renderer for MarkdownReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "| {} |", HEADER.join(" | "))?;
        writeln!(out, "|---|---:|---:|---:|---:|---|---:|")?;
        for index in self.options.tree_order(plan) {
            // Non-breaking spaces survive Markdown rendering as indentation.
            let cells = line_cells(plan, evaluation, index, "\u{a0}\u{a0}\u{a0}\u{a0}");
            let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        writeln!(out)?;
        writeln!(out, "**{}**", overall_line(evaluation))
    }
}
