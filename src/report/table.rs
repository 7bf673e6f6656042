//! The table at the terminal: the tree indented, with weight, target,
//! value, score, status and coverage, and the overall score at the bottom.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

use super::layout::{cell_width, continuation, frame_width, word_room, wrap, NAME_MIN_WIDTH};
use super::{display, terminal, Renderer, ReportOptions};
use crate::evaluate::Evaluation;
use crate::plan::Plan;

pub struct TableReport {
    pub options: ReportOptions,
}

/// Narrowest the status column gets when the table is fitted to a terminal.
const STATUS_MIN_WIDTH: usize = 10;

/// The header row shared by the table and Markdown.
pub const HEADER: [&str; 7] = ["Obiettivo / indicatore", "Peso", "Target", "Valore", "Punteggio", "Stato", "Copertura"];

/// The cells of one node's line, for the table and Markdown alike.
pub fn line_cells(plan: &Plan, evaluation: &Evaluation, index: usize, indent: &str) -> [String; 7] {
    let node = &plan.nodes[index];
    let r = &evaluation.nodes[index];
    let unit = node.unit.as_deref();
    let name = node.title();
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
        "Punteggio complessivo {} (performance organizzativa): {score} — copertura {coverage} % — {}",
        evaluation.year,
        display::scoring(&evaluation.options)
    )
}

/// A target broken after its first word (`>=`, `entro`), or a range before
/// its second bound (`tra 80,00 %` over `e 90,00 %`), with the width of its
/// wider line; `None` for a target of one word.
fn break_target(target: &str) -> Option<(usize, String)> {
    let (first, rest) = [" e ", " and "]
        .iter()
        .find_map(|between| target.split_once(between).map(|(a, b)| (a, format!("{}{b}", between.trim_start()))))
        .or_else(|| target.split_once(' ').map(|(a, b)| (a, b.to_string())))?;
    Some((first.chars().count().max(rest.chars().count()), format!("{first}\n{rest}")))
}

impl Renderer for TableReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let style = self.options.terminal;
        let order = self.options.tree_order(plan);
        let mut rows: Vec<[String; 7]> = order
            .iter()
            .map(|&index| {
                let mut cells = line_cells(plan, evaluation, index, "  ");
                if let (Some(status), true) = (evaluation.nodes[index].status, style.symbols) {
                    cells[5] = format!("{} {}", terminal::symbol(status), cells[5]);
                }
                cells
            })
            .collect();
        let mut header = HEADER.map(String::from);
        let compact =
            style.width.is_some_and(|width| fit(&mut header, &mut rows, usize::from(width), |i| plan.depth(order[i])));

        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Disabled);
        if style.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table.set_header(header);
        if compact {
            table.column_iter_mut().for_each(|c| {
                c.set_padding((0, 0));
            });
        }
        for (cells, &index) in rows.into_iter().zip(&order) {
            let status = evaluation.nodes[index].status;
            table.add_row(cells.into_iter().enumerate().map(|(i, text)| match (i, status) {
                (5, Some(status)) => match terminal::color(status) {
                    Some(color) if style.color => Cell::new(text).fg(color),
                    _ => Cell::new(text),
                },
                (1..=4 | 6, _) => Cell::new(text).set_alignment(CellAlignment::Right),
                _ => Cell::new(text),
            }));
        }
        writeln!(out, "{table}")?;
        writeln!(out, "{}", overall_line(evaluation))
    }
}

/// Fits the rows to `width` columns: the figures keep their width, the
/// names (then, if need be, the statuses) wrap into what is left. Before a
/// word of a name is cut, the cells lose their padding and the longest
/// headers are abbreviated; true is returned then. A terminal too narrow
/// for the figures and a name of [`NAME_MIN_WIDTH`] gets a wider table.
fn fit(header: &mut [String; 7], rows: &mut [[String; 7]], width: usize, depth: impl Fn(usize) -> usize) -> bool {
    let widest = |header: &[String; 7], rows: &[[String; 7]], col: usize| {
        rows.iter().map(|r| cell_width(&r[col])).chain([cell_width(&header[col])]).max().unwrap_or(0)
    };
    let figures = |header: &[String; 7], rows: &[[String; 7]]| -> usize {
        [1, 2, 3, 4, 6].iter().map(|&c| widest(header, rows, c)).sum()
    };
    let status = widest(header, rows, 5);
    let name = widest(header, rows, 0);
    let words = word_room(rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), depth(i))));
    let mut room = width.saturating_sub(frame_width(HEADER.len(), true) + figures(header, rows));
    if name + status <= room {
        return false;
    }
    let compact = room < words + STATUS_MIN_WIDTH.min(status);
    if compact {
        header[4] = "Punt.".into();
        header[6] = "Cop.".into();
        // A target may break after its operator: `entro` over `07-12-2024`.
        // Never narrower than the header: breaking a target would gain nothing.
        let target_room = rows
            .iter()
            .map(|r| break_target(&r[2]).map_or(r[2].chars().count(), |(w, _)| w))
            .chain([cell_width(&header[2])])
            .max();
        for row in rows.iter_mut() {
            if let (Some(room), Some((_, broken))) = (target_room, break_target(&row[2])) {
                if row[2].chars().count() > room {
                    row[2] = broken;
                }
            }
        }
        room = width.saturating_sub(frame_width(HEADER.len(), false) + figures(header, rows));
    }
    // Names come first, up to three fifths of the room; statuses get the rest.
    let name_share = name.min((room * 3 / 5).max(words));
    let status_room = status.min(room.saturating_sub(name_share).max(STATUS_MIN_WIDTH));
    let name_room = room.saturating_sub(status_room).max(NAME_MIN_WIDTH);
    header[0] = wrap(&header[0], name_room, "");
    header[5] = wrap(&header[5], status_room, "");
    for (i, row) in rows.iter_mut().enumerate() {
        let indent = " ".repeat(continuation(depth(i)));
        row[0] = wrap(&row[0], name_room, &indent);
        row[5] = wrap(&row[5], status_room, "  ");
    }
    compact
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::Actuals;
    use crate::diagnostic::Diagnostics;
    use crate::evaluate::{evaluate, Options};
    use crate::files::sheet::Sheet;
    use crate::plan::{load_plan, PlanOptions};
    use crate::report::Terminal;

    fn render(terminal: Terminal, depth: Option<usize>) -> String {
        let text = "level,code,name,weight,target_2024,baseline_2024\nambito,A1,Un ambito dal nome molto lungo che non entra in una riga stretta,1,,\nstrategic,OS1,Obiettivo strategico anch'esso lungo quanto basta,1,,\nindicator,K1,Indicatore,1,>= 10,12\nindicator,K2,Indicatore mancato,1,>= 10,4\n";
        let mut diagnostics = Diagnostics::default();
        let plan =
            load_plan(&Sheet::parse("plan.csv", text).unwrap(), PlanOptions::default(), &mut diagnostics).unwrap();
        diagnostics.no_error().unwrap();
        let evaluation = evaluate(&plan, &Actuals::default(), 2024, Options::default()).unwrap();
        let mut out = Vec::new();
        let options = ReportOptions { depth, terminal, ..ReportOptions::default() };
        TableReport { options }.render(&plan, &evaluation, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_table_fits_the_terminal() {
        let text = render(Terminal { width: Some(72), color: false, symbols: true }, None);
        let table: Vec<&str> = text.lines().filter(|l| !l.starts_with("Punteggio")).collect();
        for line in &table {
            assert!(line.chars().count() <= 72, "{} columns: {line}", line.chars().count());
        }
        assert!(text.contains("✔ achieved") && text.contains("◐ partial"), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour was asked for");
    }

    #[test]
    fn colour_only_when_asked_and_plain_text_otherwise() {
        let coloured = render(Terminal { width: None, color: true, symbols: true }, None);
        assert!(coloured.contains("\u{1b}["), "{coloured}");
        let plain = render(Terminal::default(), None);
        assert!(!plain.contains('\u{1b}') && !plain.contains('✔'), "{plain}");
        assert!(plain.contains("┆ achieved"), "{plain}");
    }

    #[test]
    fn depth_shows_only_the_top_levels() {
        let text = render(Terminal::default(), Some(2));
        assert!(text.contains("A1 ") && text.contains("OS1 "), "{text}");
        assert!(!text.contains("K1 "), "{text}");
    }

    #[test]
    fn figures_are_never_broken_however_narrow_the_terminal() {
        for width in (10..=140).step_by(5) {
            let text = render(Terminal { width: Some(width), color: false, symbols: true }, None);
            let table = text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└']));
            let widest = table.map(|l| l.chars().count()).max().unwrap();
            // 8 borders, 27 of figures, 10 of status, 16 of name: what narrower terminals get.
            assert!(widest <= usize::from(width).max(61), "{width} columns: a line of {widest}\n{text}");
            for figure in ["70,00", "100,00", "40,00", "100 %", "12", "✔ achieved", "◐ partial", "Obiettivo"] {
                assert!(text.contains(figure), "{width} columns: {figure} is broken\n{text}");
            }
            assert!(text.contains(">= 10") || text.contains("┆ >=┆"), "{width} columns: a broken target\n{text}");
            for line in text.lines().skip_while(|l| !l.starts_with('╞')).filter(|l| l.starts_with('│')) {
                // Every continuation of a name stays under its own level.
                let name = line.trim_start_matches('│').split('┆').next().unwrap();
                assert!(!name.starts_with(|c: char| c.is_lowercase()), "{width} columns: {line}\n{text}");
            }
        }
    }
}
