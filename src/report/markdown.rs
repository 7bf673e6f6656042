//! `--format md`: the table as Markdown, ready for a report; years side by
//! side as the years' table, in Markdown.

use std::io::{self, Write};

use super::display::markdown_cell as escape;
use super::table::needs::NeedsTable;
use super::table::years::YearsTable;
use super::table::{has_notes, header, line_cells, overall_line};
use super::{Renderer, ReportOptions};
use crate::evaluate::{Evaluation, Trend};
use crate::needs::Needs;
use crate::plan::Plan;

pub struct MarkdownReport {
    pub options: ReportOptions,
}

impl Renderer for MarkdownReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.options.lang;
        let order = self.options.tree_order(plan);
        let notes = has_notes(evaluation, &order);
        let header: Vec<String> = header(lang, notes).iter().map(|h| escape(h)).collect();
        writeln!(out, "| {} |", header.join(" | "))?;
        writeln!(out, "|---|---:|---:|---:|---:|---|---:|{}", if notes { "---|" } else { "" })?;
        for index in order {
            // Non-breaking spaces survive Markdown rendering as indentation.
            let cells = line_cells(plan, evaluation, index, "\u{a0}\u{a0}\u{a0}\u{a0}", lang, notes);
            let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        writeln!(out)?;
        writeln!(out, "**{}**", overall_line(evaluation, lang))
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        YearsTable { options: self.options.clone(), markdown: true }.render(plan, trend, out)
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        NeedsTable { options: self.options.clone(), markdown: true }.render(plan, evaluation, needs, out)
    }
}
