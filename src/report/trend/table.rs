//! Years side by side as a table (or Markdown): one line per node, one
//! column per year. An indicator's cell holds its value, its target and its
//! score with the status; an objective's cell its score.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

use super::TrendRenderer;
use crate::evaluate::Evaluation;
use crate::plan::Plan;
use crate::report::{display, ReportOptions};
use crate::score::Status;
use crate::trend::Trend;

pub struct TrendTable {
    pub options: ReportOptions,
    pub markdown: bool,
}

/// The lines of one node's cell for one year.
fn cell(plan: &Plan, evaluation: &Evaluation, index: usize) -> Vec<String> {
    let node = &plan.nodes[index];
    let r = &evaluation.nodes[index];
    let unit = node.unit.as_deref();
    if !node.is_indicator() {
        return r.score.map(display::score).into_iter().collect();
    }
    let mut lines = vec![r.value.as_ref().map_or_else(|| "—".to_string(), |v| display::value(v, unit))];
    if let Some(t) = &r.target {
        lines.push(format!("T {}", display::target(t, unit)));
    }
    match (r.score, r.status) {
        (_, Some(Status::NoTarget)) => {}
        (Some(s), Some(status)) => lines.push(format!("{} {}", display::score(s), status.name())),
        (None, Some(status)) => lines.push(status.name().to_string()),
        _ => {}
    }
    lines
}

fn header(trend: &Trend) -> Vec<String> {
    let mut header = vec!["Obiettivo / indicatore".to_string()];
    header.extend(trend.years().map(
        |y| {
            if trend.is_baseline_year(y) {
                format!("{y} (baseline)")
            } else {
                y.to_string()
            }
        },
    ));
    header
}

/// `Punteggio complessivo: 2024 56,53 · 2025 61,20`.
fn overall(trend: &Trend) -> String {
    let years: Vec<String> = trend
        .evaluations
        .iter()
        .filter(|e| !trend.is_baseline_year(e.year))
        .map(|e| format!("{} {}", e.year, e.score.map_or_else(|| "n/d".to_string(), display::score)))
        .collect();
    let scoring = trend.evaluations.first().map_or("ratio", |e| e.options.scoring.method.name());
    format!(
        "Punteggio complessivo (performance organizzativa): {} — scoring {scoring}\nPer ogni indicatore: valore, target (T), punteggio e stato.",
        years.join(" · ")
    )
}

impl TrendRenderer for TrendTable {
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let rows = self.options.tree_order(plan).into_iter().map(|index| {
            let node = &plan.nodes[index];
            let name = if node.name.is_empty() { node.code.clone() } else { format!("{} {}", node.code, node.name) };
            let cells: Vec<Vec<String>> = trend.evaluations.iter().map(|e| cell(plan, e, index)).collect();
            (plan.depth(index), name, cells)
        });
        if self.markdown {
            let header = header(trend);
            writeln!(out, "| {} |", header.join(" | "))?;
            writeln!(out, "|---|{}", "---:|".repeat(header.len() - 1))?;
            for (depth, name, cells) in rows {
                let indent = "\u{a0}\u{a0}\u{a0}\u{a0}".repeat(depth);
                let cells: Vec<String> = cells.iter().map(|c| c.join("<br>").replace('|', "\\|")).collect();
                writeln!(out, "| {indent}{} | {} |", name.replace('|', "\\|"), cells.join(" | "))?;
            }
            writeln!(out)?;
            return writeln!(out, "**{}**", overall(trend));
        }
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        match self.options.terminal.width {
            Some(width) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(width);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        table.set_header(header(trend));
        for (depth, name, cells) in rows {
            let mut row = vec![Cell::new(format!("{}{name}", "  ".repeat(depth)))];
            row.extend(cells.into_iter().map(|c| Cell::new(c.join("\n")).set_alignment(CellAlignment::Right)));
            table.add_row(row);
        }
        writeln!(out, "{table}")?;
        writeln!(out, "{}", overall(trend))
    }
}
