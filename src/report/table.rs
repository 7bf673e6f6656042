//! The table at the terminal: the tree indented, with weight, target,
//! value, score, status and coverage, and the overall score at the bottom.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

use super::layout::{cell_width, continuation, frame_width, word_room, wrap, NAME_MIN_WIDTH};
use super::{display, terminal, Renderer, ReportOptions};
use crate::evaluate::{Evaluation, Trend};
use crate::figure;
use crate::lang::Lang;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::visible::visible;

pub mod needs;
pub mod years;

pub struct TableReport {
    pub options: ReportOptions,
}

/// Narrowest the status column gets when the table is fitted to a terminal:
/// `✔ raggiunto` on one line.
const STATUS_MIN_WIDTH: usize = 11;

/// Narrowest the note column gets when the table is fitted to a terminal.
const NOTE_MIN_WIDTH: usize = 12;

/// The columns: name, weight, target, value, score, status, coverage, and
/// the note when some node shown has one.
const STATUS: usize = 5;
const NOTE: usize = 7;

/// The header row shared by the table and Markdown, in the report's
/// language: the note column only when `notes`.
pub fn header(lang: Lang, notes: bool) -> Vec<String> {
    let words = lang.words();
    let shown = if notes { NOTE + 1 } else { NOTE };
    words.header[..shown].iter().map(|h| h.to_string()).collect()
}

/// True when one of the nodes shown has a note, so the note column is worth its room.
pub fn has_notes(evaluation: &Evaluation, order: &[usize]) -> bool {
    order.iter().any(|&i| evaluation.nodes[i].note.is_some())
}

/// The cells of one node's line, for the table and Markdown alike; the
/// note last when `notes`.
pub fn line_cells(
    plan: &Plan,
    evaluation: &Evaluation,
    index: usize,
    indent: &str,
    lang: Lang,
    notes: bool,
) -> Vec<String> {
    let style = lang.figures();
    let node = &plan.nodes[index];
    let r = &evaluation.nodes[index];
    let unit = node.unit.as_ref();
    let name = node.title();
    let mut status = r.status.map(|s| lang.status(s).to_string()).unwrap_or_default();
    if let Some(message) = r.message() {
        let message = lang.message(message);
        status = if status.is_empty() { message } else { format!("{status}: {message}") };
    }
    let mut cells = vec![
        format!("{}{name}", indent.repeat(plan.depth(index))),
        evaluation.weight(index).map(|w| figure::weight(w, style)).unwrap_or_default(),
        evaluation.target(index).map(|t| figure::target(t, unit, style)).unwrap_or_default(),
        r.value().as_ref().map(|v| figure::value(v, unit, style)).unwrap_or_default(),
        r.score.get().map(|s| figure::score(s, style)).unwrap_or_default(),
        status,
        r.coverage.get().map(|c| format!("{} %", figure::weight(c, style))).unwrap_or_default(),
    ];
    if notes {
        cells.push(evaluation.note(index).unwrap_or_default().to_string());
    }
    // What a plan or a message holds is shown, never obeyed by the terminal.
    cells.into_iter().map(|c| visible(&c, &['\n']).into_owned()).collect()
}

/// The closing line with the body's overall figures.
pub fn overall_line(evaluation: &Evaluation, lang: Lang) -> String {
    let style = lang.figures();
    let words = lang.words();
    let score = evaluation.score.map_or_else(|| words.nothing_scored.to_string(), |s| figure::score(s, style));
    let coverage = figure::weight(evaluation.coverage.unwrap_or_default(), style);
    format!(
        "{} {} ({}): {score} — {} {coverage} % — {}",
        words.overall,
        evaluation.year,
        words.organisational,
        words.coverage,
        display::scoring(&evaluation.options, lang)
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
        let lang = self.options.lang;
        let order = self.options.tree_order(plan);
        let notes = has_notes(evaluation, &order);
        let mut rows: Vec<Vec<String>> = order
            .iter()
            .map(|&index| {
                let mut cells = line_cells(plan, evaluation, index, "  ", lang, notes);
                if let (Some(status), true) = (evaluation.nodes[index].status, style.symbols) {
                    cells[STATUS] = format!("{} {}", terminal::symbol(status), cells[STATUS]);
                }
                cells
            })
            .collect();
        let mut header = header(lang, notes);
        let compact = style
            .width
            .is_some_and(|width| fit(&mut header, &mut rows, usize::from(width), lang, |i| plan.depth(order[i])));

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
                (STATUS, Some(status)) => match terminal::color(status) {
                    Some(color) if style.color => Cell::new(text).fg(color),
                    _ => Cell::new(text),
                },
                (1..=4 | 6, _) => Cell::new(text).set_alignment(CellAlignment::Right),
                _ => Cell::new(text),
            }));
        }
        writeln!(out, "{table}")?;
        writeln!(out, "{}", overall_line(evaluation, lang))
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        years::YearsTable { options: self.options.clone(), markdown: false }.render(plan, trend, out)
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        needs::NeedsTable { options: self.options.clone(), markdown: false }.render(plan, evaluation, needs, out)
    }
}

/// Fits the rows to `width` columns: the figures keep their width, the
/// names (then, if need be, the statuses and the notes) wrap into what is
/// left. Before a word of a name is cut, the cells lose their padding and
/// the longest headers are abbreviated; true is returned then. A terminal
/// too narrow for a note column as well gets each note under its status.
/// A terminal too narrow for the figures and a name of [`NAME_MIN_WIDTH`]
/// gets a wider table.
fn fit(
    header: &mut Vec<String>,
    rows: &mut [Vec<String>],
    width: usize,
    lang: Lang,
    depth: impl Fn(usize) -> usize,
) -> bool {
    let widest = |header: &[String], rows: &[Vec<String>], col: usize| {
        rows.iter().map(|r| cell_width(&r[col])).chain([cell_width(&header[col])]).max().unwrap_or(0)
    };
    let figures = |header: &[String], rows: &[Vec<String>]| -> usize {
        [1, 2, 3, 4, 6].iter().map(|&c| widest(header, rows, c)).sum()
    };
    let notes = |header: &[String]| header.len() > NOTE;
    let note_width =
        |header: &[String], rows: &[Vec<String>]| if notes(header) { widest(header, rows, NOTE) } else { 0 };
    let status = widest(header, rows, STATUS);
    let name = widest(header, rows, 0);
    let words = word_room(rows.iter().enumerate().map(|(i, r)| (r[0].as_str(), depth(i))));
    let room = |header: &[String], rows: &[Vec<String>], padded: bool| {
        width.saturating_sub(frame_width(header.len(), padded) + figures(header, rows))
    };
    if name + status + note_width(header, rows) <= room(header, rows, true) {
        return false;
    }
    let note_min = NOTE_MIN_WIDTH.min(note_width(header, rows));
    let compact = room(header, rows, true) < words + STATUS_MIN_WIDTH.min(status) + note_min;
    if compact {
        header[4] = lang.words().score_short.into();
        header[6] = lang.words().coverage_short.into();
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
    }
    if notes(header) && room(header, rows, !compact) < words + STATUS_MIN_WIDTH.min(status) + note_min {
        // No room for a column of notes: each goes under its status.
        let label = lang.words().header[NOTE].to_lowercase();
        header.truncate(NOTE);
        for row in rows.iter_mut() {
            let note = row.remove(NOTE);
            if !note.is_empty() {
                row[STATUS] = format!("{}\n{label}: {note}", row[STATUS]).trim_start().to_string();
            }
        }
    }
    let room = room(header, rows, !compact);
    let status = widest(header, rows, STATUS);
    let note = note_width(header, rows);
    // Names come first, up to three fifths of the room; statuses, then notes, get the rest.
    let name_share = name.min((room * 3 / 5).max(words));
    let rest = room.saturating_sub(name_share);
    let status_room = if notes(header) {
        status.min((rest / 2).max(STATUS_MIN_WIDTH).max(rest.saturating_sub(note)))
    } else {
        status.min(rest.max(STATUS_MIN_WIDTH))
    };
    let note_room = if notes(header) { note.min(rest.saturating_sub(status_room).max(note_min)) } else { 0 };
    let name_room = room.saturating_sub(status_room + note_room).max(NAME_MIN_WIDTH);
    header[0] = wrap(&header[0], name_room, "");
    header[STATUS] = wrap(&header[STATUS], status_room, "");
    if notes(header) {
        header[NOTE] = wrap(&header[NOTE], note_room, "");
    }
    for (i, row) in rows.iter_mut().enumerate() {
        let indent = " ".repeat(continuation(depth(i)));
        row[0] = wrap(&row[0], name_room, &indent);
        row[STATUS] = row[STATUS].lines().map(|line| wrap(line, status_room, "  ")).collect::<Vec<_>>().join("\n");
        if notes(header) {
            row[NOTE] = wrap(&row[NOTE], note_room, "");
        }
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
        let actuals = Actuals::default();
        let evaluation = evaluate(&plan, &actuals, 2024, Options::default()).unwrap();
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
        assert!(text.contains("✔ raggiunto") && text.contains("◐ parziale"), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour was asked for");
    }

    #[test]
    fn colour_only_when_asked_and_plain_text_otherwise() {
        let coloured = render(Terminal { width: None, color: true, symbols: true }, None);
        assert!(coloured.contains("\u{1b}["), "{coloured}");
        let plain = render(Terminal::default(), None);
        assert!(!plain.contains('\u{1b}') && !plain.contains('✔'), "{plain}");
        assert!(plain.contains("┆ raggiunto"), "{plain}");
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
            // 8 borders, 27 of figures, 11 of status, 16 of name: what narrower terminals get.
            assert!(widest <= usize::from(width).max(62), "{width} columns: a line of {widest}\n{text}");
            for figure in ["70,00", "100,00", "40,00", "100 %", "12", "✔ raggiunto", "◐ parziale", "Obiettivo"] {
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
