//! Years side by side as a table (or Markdown): one line per node, one
//! column per year. An indicator's cell holds its value, its target and its
//! score with the status; an objective's cell its score.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

use crate::evaluate::score::Status;
use crate::evaluate::trend::Trend;
use crate::evaluate::Evaluation;
use crate::figure;
use crate::lang::Lang;
use crate::plan::Plan;
use crate::report::layout::{cell_width, continuation, frame_width, word_room, wrap, NAME_MIN_WIDTH};
use crate::report::{display, ReportOptions};

/// Years side by side at the terminal, or as Markdown.
pub struct YearsTable {
    pub options: ReportOptions,
    pub markdown: bool,
}

/// The lines of one node's cell for one year.
fn cell(plan: &Plan, evaluation: &Evaluation, index: usize, lang: Lang) -> Vec<String> {
    let style = lang.figures();
    let node = &plan.nodes[index];
    let r = &evaluation.nodes[index];
    let unit = node.unit.as_ref();
    if !node.is_indicator() {
        return r.score.get().map(|s| figure::score(s, style)).into_iter().collect();
    }
    let mut lines = vec![r.value().as_ref().map_or_else(|| "—".to_string(), |v| figure::value(v, unit, style))];
    if let Some(t) = evaluation.target(index) {
        let shown = figure::target(t, unit, style);
        let and = lang.words().and;
        // A range takes two lines, one per bound, so the year's column stays narrow.
        match (t, shown.split_once(&format!(" {and} "))) {
            (crate::target::Target::Range { .. }, Some((low, high))) => {
                lines.push(format!("T {low}"));
                lines.push(format!("{and} {high}"));
            }
            _ => lines.push(format!("T {shown}")),
        }
    }
    match (r.score.get(), r.status) {
        (_, Some(Status::NoTarget)) => {}
        (Some(s), Some(status)) => lines.push(format!("{} {}", figure::score(s, style), lang.status(status))),
        (None, Some(status)) => lines.push(lang.status(status).to_string()),
        _ => {}
    }
    lines
}

/// A node's notes, one line per year that has one: `2024: personale ridotto`.
fn notes(trend: &Trend, index: usize) -> Vec<String> {
    trend.evaluations.iter().filter_map(|e| e.note(index).map(|note| format!("{}: {note}", e.year))).collect()
}

/// The header: the name column, then each year; a baseline year says so on
/// a line of its own (`2023` over `(baseline)`) in the table, after the year
/// in Markdown; the note column last when some node has a note.
fn header(trend: &Trend, separator: &str, lang: Lang, with_notes: bool) -> Vec<String> {
    let words = lang.words();
    let mut header = vec![words.header[0].to_string()];
    header.extend(trend.years().map(|y| {
        if trend.is_baseline_year(y) {
            format!("{y}{separator}{}", words.baseline)
        } else {
            y.to_string()
        }
    }));
    if with_notes {
        header.push(words.header[7].to_string());
    }
    header
}

/// `Punteggio complessivo: 2024 56,53 · 2025 61,20`.
fn overall(trend: &Trend, lang: Lang) -> String {
    let words = lang.words();
    let years: Vec<String> = trend
        .evaluations
        .iter()
        .filter(|e| !trend.is_baseline_year(e.year))
        .map(|e| {
            format!(
                "{} {}",
                e.year,
                e.score.map_or_else(|| words.not_available.to_string(), |s| figure::score(s, lang.figures()))
            )
        })
        .collect();
    let scoring = trend.evaluations.first().map_or_else(
        || format!("{} {}", words.scoring, lang.method(crate::evaluate::score::Method::Ratio)),
        |e| display::scoring(&e.options, lang),
    );
    format!("{} ({}): {} — {scoring}\n{}", words.overall, words.organisational, years.join(" · "), words.per_indicator)
}

impl YearsTable {
    pub fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.options.lang;
        let order = self.options.tree_order(plan);
        let with_notes = order.iter().any(|&index| !notes(trend, index).is_empty());
        let rows: Vec<Row> = order
            .into_iter()
            .map(|index| {
                let node = &plan.nodes[index];
                let name = crate::visible::visible(&node.title(), &['\n']).into_owned();
                let cells = trend.evaluations.iter().map(|e| cell(plan, e, index, lang).join("\n")).collect();
                let notes = with_notes.then(|| notes(trend, index));
                Row { depth: plan.depth(index), name, cells, notes }
            })
            .collect();
        if self.markdown {
            return markdown(trend, &rows, lang, with_notes, out);
        }
        let mut header = header(trend, "\n", lang, with_notes);
        let mut rows = rows;
        for row in &mut rows {
            row.name.insert_str(0, &"  ".repeat(row.depth));
        }
        let compact =
            self.options.terminal.width.is_some_and(|width| fit(&mut header, &mut rows, usize::from(width), lang));
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        // Every cell is laid out here: comfy-table never breaks a line.
        table.set_content_arrangement(ContentArrangement::Disabled);
        table.set_header(header);
        if compact {
            table.column_iter_mut().for_each(|c| {
                c.set_padding((0, 0));
            });
        }
        for row in rows {
            let mut cells = vec![Cell::new(row.name)];
            cells.extend(row.cells.into_iter().map(|c| Cell::new(c).set_alignment(CellAlignment::Right)));
            cells.extend(row.notes.map(|notes| Cell::new(notes.join("\n"))));
            table.add_row(cells);
        }
        writeln!(out, "{table}")?;
        writeln!(out, "{}", overall(trend, lang))
    }
}

/// One node's line: its depth in the tree, its code and name, a cell per
/// year, and its notes (year by year) when the table has a note column.
struct Row {
    depth: usize,
    name: String,
    cells: Vec<String>,
    notes: Option<Vec<String>>,
}

/// Markdown: the three lines of an indicator's cell on one, with `<br>`.
fn markdown(trend: &Trend, rows: &[Row], lang: Lang, with_notes: bool, out: &mut dyn Write) -> io::Result<()> {
    let escape = display::markdown_cell;
    let header = header(trend, " ", lang, with_notes);
    let years = header.len() - 1 - usize::from(with_notes);
    writeln!(out, "| {} |", header.iter().map(|h| escape(h)).collect::<Vec<_>>().join(" | "))?;
    writeln!(out, "|---|{}{}", "---:|".repeat(years), if with_notes { "---|" } else { "" })?;
    for row in rows {
        let indent = "\u{a0}\u{a0}\u{a0}\u{a0}".repeat(row.depth);
        let mut cells: Vec<String> =
            row.cells.iter().map(|c| c.split('\n').map(escape).collect::<Vec<_>>().join("<br>")).collect();
        if let Some(notes) = &row.notes {
            cells.push(notes.iter().map(|n| escape(n)).collect::<Vec<_>>().join("<br>"));
        }
        writeln!(out, "| {indent}{} | {} |", escape(&row.name), cells.join(" | "))?;
    }
    writeln!(out)?;
    writeln!(out, "**{}**", overall(trend, lang))
}

/// Fits the table to `width` columns: each year's column keeps the width of
/// its widest figure, and the names wrap, under their own level, into what
/// is left, down to [`NAME_MIN_WIDTH`]. The cells lose their padding (true
/// is returned then) before a word of a name is cut; a terminal narrower
/// still gets a table wider than itself, never a figure broken across lines.
fn fit(header: &mut Vec<String>, rows: &mut [Row], width: usize, lang: Lang) -> bool {
    let years = rows.first().map_or(0, |r| r.cells.len());
    let figures: usize = (1..=years)
        .map(|c| rows.iter().map(|r| cell_width(&r.cells[c - 1])).chain([cell_width(&header[c])]).max().unwrap_or(0))
        .sum();
    let name = rows.iter().map(|r| cell_width(&r.name)).chain([cell_width(&header[0])]).max().unwrap_or(0);
    let notes_width = |rows: &[Row], header: &[String]| {
        let widest = rows.iter().flat_map(|r| r.notes.iter().flatten()).map(|n| n.chars().count()).max();
        widest.map_or(0, |w| w.max(cell_width(&header[header.len() - 1])))
    };
    let room = |columns: usize, padded| width.saturating_sub(frame_width(columns, padded) + figures);
    let words = word_room(rows.iter().map(|r| (r.name.as_str(), r.depth)));
    let mut note = notes_width(rows, header);
    let note_min = NOTE_MIN_WIDTH.min(note);
    // Too narrow for a column of notes even without padding: each node's notes go under its name.
    let fold = note > 0 && name + note > room(header.len(), true) && room(header.len(), false) < words + note_min;
    if fold {
        header.truncate(1 + years);
        note = 0;
    }
    let columns = header.len();
    if name + note <= room(columns, true) && !fold {
        return false;
    }
    let note_min = NOTE_MIN_WIDTH.min(note);
    let compact = room(columns, true) < words + note_min;
    let room = room(columns, !compact);
    // Names come first, up to three fifths of the room; the notes get the rest.
    let note_room =
        if note > 0 { note.min(room.saturating_sub(name.min((room * 3 / 5).max(words)))).max(note_min) } else { 0 };
    let name_room = room.saturating_sub(note_room).max(NAME_MIN_WIDTH);
    header[0] = wrap(&header[0], name_room, "");
    let label = lang.words().header[7].to_lowercase();
    for row in rows.iter_mut() {
        let indent = " ".repeat(continuation(row.depth));
        row.name = wrap(&row.name, name_room, &indent);
        if fold {
            for note in row.notes.take().into_iter().flatten() {
                row.name.push('\n');
                row.name.push_str(&wrap(&format!("{indent}{label} {note}"), name_room, &indent));
            }
        } else if let Some(notes) = &mut row.notes {
            for note in notes.iter_mut() {
                *note = wrap(note, note_room, "  ");
            }
        }
    }
    compact
}

/// Narrowest the note column gets when the table is fitted to a terminal.
const NOTE_MIN_WIDTH: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::Actuals;
    use crate::diagnostic::Diagnostics;
    use crate::evaluate::trend::trend;
    use crate::evaluate::Options;
    use crate::files::sheet::Sheet;
    use crate::plan::{load_plan, PlanOptions};
    use crate::report::Terminal;

    const PLAN: &str = "level,code,name,unit,weight,baseline_2023,baseline_2024,target_2024,target_2025\n\
        ambito,A1,Un ambito dal nome molto lungo che non entra in una riga stretta,,1,,,,\n\
        strategic,OS1,Obiettivo strategico anch'esso lungo quanto basta,,1,,,,\n\
        indicator,K1,Indice di struttura primario,%,1,114.67%,96%,>= 105%,>= 105%\n";

    fn render(width: Option<u16>) -> String {
        let mut diagnostics = Diagnostics::default();
        let plan =
            load_plan(&Sheet::parse("plan.csv", PLAN).unwrap(), PlanOptions::default(), &mut diagnostics).unwrap();
        diagnostics.no_error().unwrap();
        let actuals = Actuals::default();
        let trend = trend(&plan, &actuals, 2024, 2025, Options::default()).unwrap();
        let terminal = Terminal { width, color: false, symbols: true };
        let options = ReportOptions { terminal, ..ReportOptions::default() };
        let mut out = Vec::new();
        YearsTable { options, markdown: false }.render(&plan, &trend, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn names_wrap_under_their_level_and_figures_keep_their_width() {
        assert_eq!(
            render(Some(80)).lines().take(12).collect::<Vec<_>>().join("\n"),
            "\
┌──────────────────────────────┬────────────┬────────────────┬───────────────┐
│ Obiettivo / indicatore       ┆ 2023       ┆ 2024           ┆ 2025          │
│                              ┆ (baseline) ┆                ┆               │
╞══════════════════════════════╪════════════╪════════════════╪═══════════════╡
│ A1 Un ambito dal nome molto  ┆            ┆          91,43 ┆               │
│   lungo che non entra in una ┆            ┆                ┆               │
│   riga stretta               ┆            ┆                ┆               │
│   OS1 Obiettivo strategico   ┆            ┆          91,43 ┆               │
│     anch'esso lungo quanto   ┆            ┆                ┆               │
│     basta                    ┆            ┆                ┆               │
│     K1 Indice di struttura   ┆   114,67 % ┆        96,00 % ┆             — │
│       primario               ┆            ┆  T >= 105,00 % ┆ T >= 105,00 % │"
        );
        // Too narrow for padding: the cells lose it, the names still wrap.
        assert_eq!(
            render(Some(60)),
            "\
┌──────────────────┬──────────┬──────────────┬─────────────┐
│Obiettivo /       ┆2023      ┆2024          ┆2025         │
│indicatore        ┆(baseline)┆              ┆             │
╞══════════════════╪══════════╪══════════════╪═════════════╡
│A1 Un ambito dal  ┆          ┆         91,43┆             │
│  nome molto lungo┆          ┆              ┆             │
│  che non entra in┆          ┆              ┆             │
│  una riga stretta┆          ┆              ┆             │
│  OS1 Obiettivo   ┆          ┆         91,43┆             │
│    strategico    ┆          ┆              ┆             │
│    anch'esso     ┆          ┆              ┆             │
│    lungo quanto  ┆          ┆              ┆             │
│    basta         ┆          ┆              ┆             │
│    K1 Indice di  ┆  114,67 %┆       96,00 %┆            —│
│      struttura   ┆          ┆ T >= 105,00 %┆T >= 105,00 %│
│      primario    ┆          ┆91,43 parziale┆     mancante│
└──────────────────┴──────────┴──────────────┴─────────────┘
Punteggio complessivo (performance organizzativa): 2024 91,43 · 2025 n/d — metodo rapporto
Per ogni indicatore: valore, target (T), punteggio e stato.
"
        );
    }

    #[test]
    fn a_narrow_terminal_gets_a_wider_table_rather_than_broken_figures() {
        let text = render(Some(40));
        assert_eq!(
            text.lines().take(8).collect::<Vec<_>>().join("\n"),
            "\
┌────────────────┬──────────┬──────────────┬─────────────┐
│Obiettivo /     ┆2023      ┆2024          ┆2025         │
│indicatore      ┆(baseline)┆              ┆             │
╞════════════════╪══════════╪══════════════╪═════════════╡
│A1 Un ambito dal┆          ┆         91,43┆             │
│  nome molto    ┆          ┆              ┆             │
│  lungo che non ┆          ┆              ┆             │
│  entra in una  ┆          ┆              ┆             │"
        );
        for width in (10..=140).step_by(5) {
            let text = render(Some(width));
            let table = text.lines().filter(|l| l.starts_with(['┌', '│', '╞', '└']));
            let widest = table.map(|l| l.chars().count()).max().unwrap();
            // 5 borders, 37 of figures (`91,43 parziale` is 14) and 16 of name: what narrower terminals get.
            assert!(widest <= usize::from(width).max(58), "{width} columns: a line of {widest}\n{text}");
            for figure in ["114,67 %", "96,00 %", "T >= 105,00 %", "91,43 parziale", "(baseline)"] {
                assert!(text.contains(figure), "{width} columns: {figure} is broken\n{text}");
            }
        }
    }

    #[test]
    fn a_wide_terminal_or_a_file_gets_the_table_unwrapped() {
        assert!(render(None).contains("│ A1 Un ambito dal nome molto lungo che non entra in una riga stretta ┆"));
        assert_eq!(render(Some(200)), render(None));
    }
}
