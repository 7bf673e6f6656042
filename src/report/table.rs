//! The table at the terminal: the tree indented, with weight, target,
//! value, score, status and coverage, and the overall score at the bottom.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

use super::{display, Renderer};
use crate::evaluate::Evaluation;
use crate::plan::Plan;

pub struct TableReport {
    /// Fit the table to this many columns; `None` lets it grow.
    pub width: Option<u16>,
}

/// The header row shared by the table and Markdown.
pub const HEADER: [&str; 7] = ["Obiettivo / indicatore", "Peso", "Target", "Valore", "Punteggio", "Stato", "Copertura"];

/// The cells of one node's line, for the table and Markdown alike.
pub fn line_cells(plan: &Plan, evaluation: &Evaluation, index: usize, indent: &str) -> [String; 7] {
    let node = &plan.nodes[index];
    let r = &evaluation.nodes[index];
    let unit = node.unit.as_deref();
    let name = if node.name.is_empty() { node.code.clone() } else { format!("{} {}", node.code, node.name) };
    let mut status = r.status.map(|s| s.name().to_string()).unwrap_or_default();
    if let Some(message) = &r.message {
        status = if status.is_empty() { message.clone() } else { format!("{status}: {message}") };
    }
    [
        format!("{}{name}", indent.repeat(plan.depth(index))),
        r.weight.map(display::weight).unwrap_or_default(),
        r.target.as_ref().map(|t| display::target(t, unit)).unwrap_or_default(),
        r.value.as_ref().map(|v| display::value(v, unit)).unwrap_or_default(),
        r.score.map(display::score).unwrap_or_default(),
        status,
        r.coverage.map(|c| format!("{} %", display::weight(c))).unwrap_or_default(),
    ]
}

/// The closing line with the body's overall figures.
pub fn overall_line(evaluation: &Evaluation) -> String {
    let score = evaluation.score.map_or_else(|| "n/d (nothing scored)".to_string(), display::score);
    let coverage = display::weight(evaluation.coverage.unwrap_or_default());
    format!(
        "Punteggio complessivo {} (performance organizzativa): {score} — copertura {coverage} % — scoring {}",
        evaluation.year,
        evaluation.options.scoring.method.name()
    )
}

impl Renderer for TableReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        match self.width {
            Some(width) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(width);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table.set_header(HEADER);
        for index in plan.tree_order() {
            let cells = line_cells(plan, evaluation, index, "  ");
            table.add_row(cells.into_iter().enumerate().map(|(i, text)| {
                let cell = Cell::new(text);
                if (1..=4).contains(&i) || i == 6 {
                    cell.set_alignment(CellAlignment::Right)
                } else {
                    cell
                }
            }));
        }
        writeln!(out, "{table}")?;
        writeln!(out, "{}", overall_line(evaluation))
    }
}
