//! `kpi needs` as a table (and Markdown): the tree indented, each node's
//! score now, its floor and ceiling, and for an indicator what it needs and
//! the quantity still to come; the body's figures close it. Needed values
//! are shown with every decimal they have, so the figure read is the figure
//! that reaches.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::evaluate::Evaluation;
use crate::figure;
use crate::lang::Lang;
use crate::needs::need::{Wanted, Way};
use crate::needs::solve::Solved;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::display::markdown_cell as escape;
use crate::report::{display, terminal, ReportOptions};

/// The needs half of [`crate::report::TableReport`] and, `markdown`, of
/// [`crate::report::MarkdownReport`].
pub struct NeedsTable {
    pub options: ReportOptions,
    pub markdown: bool,
}

/// How a needed value may move, in words: `almeno`, `al massimo`, `entro`, `pari a`.
pub fn way(way: Way, lang: Lang) -> &'static str {
    let w = lang.needs();
    match way {
        Way::AtLeast => w.at_least,
        Way::AtMost => w.at_most,
        Way::By => w.by,
        Way::Equal => w.equal,
    }
}

/// A score rounded up to two places: an average needed is never shown short.
pub fn score_up(s: Decimal, lang: Lang) -> String {
    figure::score(s.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity), lang.figures())
}

/// The cells of one node's line.
pub fn line_cells(
    plan: &Plan,
    evaluation: &Evaluation,
    needs: &Needs,
    index: usize,
    indent: &str,
    lang: Lang,
) -> [String; 10] {
    let node = &plan.nodes[index];
    let r = &evaluation.nodes[index];
    let n = &needs.nodes[index];
    let unit = node.unit.as_ref();
    let ind = n.indicator.as_ref();
    let words = lang.needs();
    let need = ind
        .and_then(|i| i.need.as_ref())
        .map(|need| format!("{} {}", way(need.way, lang), figure::full(&need.value, unit, lang.figures())));
    let to_come = ind.and_then(|i| i.solution.as_ref()).map(|s| {
        let what = match &s.solved {
            Solved::Value { value, way: w, .. } => {
                format!("{} {}", way(*w, lang), figure::full(value, None, lang.figures()))
            }
            Solved::Any => words.any_value.to_string(),
            Solved::Unreachable(_) => words.no_value.to_string(),
        };
        format!("{} {}: {what}", s.quantity, s.year)
    });
    let mut notes = Vec::new();
    if let Some(zero) = ind.and_then(|i| i.zero_below.as_ref()) {
        notes.push(format!("{} {}", words.zero_beyond, figure::value(zero, unit, lang.figures())));
    }
    if let Some(message) = ind.and_then(|i| lang.needs_notes(&i.notes, lang.figures())) {
        notes.push(message);
    }
    [
        format!("{}{}", indent.repeat(plan.depth(index)), node.title()),
        evaluation.target(index).map(|t| figure::target(t, unit, lang.figures())).unwrap_or_default(),
        r.value().as_ref().map(|v| figure::value(v, unit, lang.figures())).unwrap_or_default(),
        r.score.get().map(|s| figure::score(s, lang.figures())).unwrap_or_default(),
        r.status.map(|s| lang.status(s).to_string()).unwrap_or_default(),
        n.floor.map(|s| figure::score(s, lang.figures())).unwrap_or_default(),
        n.ceiling.map(|s| figure::score(s, lang.figures())).unwrap_or_default(),
        need.unwrap_or_default(),
        to_come.unwrap_or_default(),
        notes.join("; "),
    ]
}

/// The closing lines: the body now, its floor and ceiling, and the goal.
pub fn footer(evaluation: &Evaluation, needs: &Needs, lang: Lang) -> Vec<String> {
    let style = lang.figures();
    let w = lang.needs();
    let or_nd =
        |s: Option<Decimal>| s.map_or_else(|| lang.words().not_available.to_string(), |s| figure::score(s, style));
    let asked = match needs.wanted {
        Wanted::Achieved => w.to_achieve.to_string(),
        Wanted::Score(s) => format!("{} {}", w.for_a_score, figure::weight(s, style)),
    };
    let mut lines = vec![
        format!(
            "{} {} {}: {} — {} {} ({}) {} {} ({}) — {}",
            lang.words().overall,
            evaluation.year,
            w.overall_now,
            or_nd(evaluation.score),
            w.between,
            or_nd(needs.floor),
            w.all_at_zero,
            w.and,
            or_nd(needs.ceiling),
            w.all_at_hundred,
            display::scoring(&evaluation.options, lang)
        ),
        format!("{} {asked}; {} {}", w.needs_means, w.deadlines_from, figure::date(needs.as_of, style)),
    ];
    if let Some(goal) = &needs.goal {
        let g = format!("{} {}", w.goal, figure::weight(goal.goal, style));
        lines.push(match (goal.unreachable, goal.average, goal.shortfall) {
            (false, Some(a), _) if a.is_zero() => format!("{g}: {}", w.goal_assured),
            (false, Some(a), _) => format!("{g}: {} {} ({})", w.goal_average, score_up(a, lang), w.weighed_as_roll_up),
            (_, _, Some(short)) => format!(
                "{g}: {} {} {} ({} {})",
                w.out_of_reach_by,
                score_up(short, lang),
                w.points,
                w.highest_reachable,
                or_nd(needs.ceiling)
            ),
            _ => format!("{g}: {}", w.out_of_reach_nothing_left),
        });
    }
    lines
}

impl NeedsTable {
    pub fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.tree_order(plan);
        let lang = self.options.lang;
        if self.markdown {
            writeln!(out, "| {} |", lang.needs().header.join(" | "))?;
            writeln!(out, "|---|---:|---:|---:|---|---:|---:|---:|---|---|")?;
            for &index in &order {
                let cells = line_cells(plan, evaluation, needs, index, "\u{a0}\u{a0}\u{a0}\u{a0}", lang);
                let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            writeln!(out)?;
            for line in footer(evaluation, needs, lang) {
                writeln!(out, "**{}**  ", escape(&line))?;
            }
            return Ok(());
        }
        let style = self.options.terminal;
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        match style.width {
            Some(width) => {
                table.set_content_arrangement(ContentArrangement::Dynamic);
                table.set_width(width);
            }
            None => {
                table.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        if style.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table.set_header(lang.needs().header);
        for &index in &order {
            let mut cells = line_cells(plan, evaluation, needs, index, "  ", lang);
            let status = evaluation.nodes[index].status;
            if let (Some(status), true) = (status, style.symbols) {
                cells[4] = format!("{} {}", terminal::symbol(status), cells[4]);
            }
            table.add_row(cells.into_iter().enumerate().map(|(i, text)| match (i, status) {
                (4, Some(status)) => match terminal::color(status) {
                    Some(color) if style.color => Cell::new(text).fg(color),
                    _ => Cell::new(text),
                },
                (1..=3 | 5 | 6, _) => Cell::new(text).set_alignment(CellAlignment::Right),
                _ => Cell::new(text),
            }));
        }
        writeln!(out, "{table}")?;
        for line in footer(evaluation, needs, lang) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}
