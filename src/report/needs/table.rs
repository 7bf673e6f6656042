//! `kpi needs` as a table (and Markdown): the tree indented, each node's
//! score now, its floor and ceiling, and for an indicator what it needs and
//! the quantity still to come; the body's figures close it. Needed values
//! are shown with every decimal they have, so the figure read is the figure
//! that reaches.

use std::io::{self, Write};

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use rust_decimal::{Decimal, RoundingStrategy};

use super::NeedsRenderer;
use crate::evaluate::Evaluation;
use crate::lang::Lang;
use crate::needs::need::{Wanted, Way};
use crate::needs::solve::Solved;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::{display, terminal, ReportOptions};
use crate::value::{format_italian, Value};

pub struct NeedsTable {
    pub options: ReportOptions,
    pub markdown: bool,
}

/// The header row shared by the table and Markdown.
pub const HEADER: [&str; 10] = [
    "Obiettivo / indicatore",
    "Target",
    "Valore",
    "Punteggio",
    "Stato",
    "Minimo",
    "Massimo",
    "Serve",
    "Da raccogliere",
    "Note",
];

/// A needed figure in full: a percent ×100 with up to 8 decimals, any other
/// number with up to 10, so nothing is rounded away.
pub fn figure(v: &Value, unit: Option<&str>, lang: Lang) -> String {
    match (v, unit) {
        (Value::Number(n), Some("%")) => match n.checked_mul(Decimal::ONE_HUNDRED) {
            Some(points) => format!("{} %", format_italian(points, 8, 2)),
            None => format_italian(*n, 10, 0),
        },
        (Value::Number(n), Some(u)) if u != "date" && !u.is_empty() => format!("{} {u}", format_italian(*n, 10, 0)),
        (Value::Number(n), _) => format_italian(*n, 10, 0),
        _ => display::value(v, unit, lang),
    }
}

/// `almeno`, `al massimo`, `entro`, `pari a`.
pub fn way(w: Way) -> &'static str {
    match w {
        Way::AtLeast => "almeno",
        Way::AtMost => "al massimo",
        Way::By => "entro",
        Way::Equal => "pari a",
    }
}

/// A score rounded up to two places: an average needed is never shown short.
pub fn score_up(s: Decimal) -> String {
    display::score(s.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity))
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
    let unit = node.unit.as_deref();
    let ind = n.indicator.as_ref();
    let need =
        ind.and_then(|i| i.need.as_ref()).map(|need| format!("{} {}", way(need.way), figure(&need.value, unit, lang)));
    let to_come = ind.and_then(|i| i.solution.as_ref()).map(|s| {
        let what = match &s.solved {
            Solved::Value { value, way: w, .. } => format!("{} {}", way(*w), figure(value, None, lang)),
            Solved::Any => "qualsiasi valore".to_string(),
            Solved::Unreachable(_) => "nessun valore basta".to_string(),
        };
        format!("{} {}: {what}", s.quantity, s.year)
    });
    let mut notes = Vec::new();
    if let Some(zero) = ind.and_then(|i| i.zero_below.as_ref()) {
        notes.push(format!("zero oltre {}", display::value(zero, unit, lang)));
    }
    if let Some(message) = ind.and_then(|i| i.message.as_deref()) {
        notes.push(message.to_string());
    }
    [
        format!("{}{}", indent.repeat(plan.depth(index)), node.title()),
        r.target.as_ref().map(|t| display::target(t, unit, lang)).unwrap_or_default(),
        r.value.as_ref().map(|v| display::value(v, unit, lang)).unwrap_or_default(),
        r.score.map(display::score).unwrap_or_default(),
        r.status.map(|s| s.name().to_string()).unwrap_or_default(),
        n.floor.map(display::score).unwrap_or_default(),
        n.ceiling.map(display::score).unwrap_or_default(),
        need.unwrap_or_default(),
        to_come.unwrap_or_default(),
        notes.join("; "),
    ]
}

/// The closing lines: the body now, its floor and ceiling, and the goal.
pub fn footer(evaluation: &Evaluation, needs: &Needs, lang: Lang) -> Vec<String> {
    let or_nd = |s: Option<Decimal>| s.map_or_else(|| "n/d".to_string(), display::score);
    let asked = match needs.wanted {
        Wanted::Achieved => "raggiungere il target".to_string(),
        Wanted::Score(s) => format!("un punteggio di almeno {}", display::weight(s)),
    };
    let mut lines = vec![
        format!(
            "Punteggio complessivo {} ad oggi: {} — fra {} (ogni indicatore non misurato a 0) e {} (ognuno a 100) — {}",
            evaluation.year,
            or_nd(evaluation.score),
            or_nd(needs.floor),
            or_nd(needs.ceiling),
            display::scoring(&evaluation.options, lang)
        ),
        format!(
            "Serve: il valore per {asked}; scadenze contate dal {}",
            crate::value::format_italian_date(needs.as_of)
        ),
    ];
    if let Some(goal) = &needs.goal {
        let g = display::weight(goal.goal);
        lines.push(match (goal.unreachable, goal.average, goal.shortfall) {
            (false, Some(a), _) if a.is_zero() => {
                format!("Obiettivo {g}: già assicurato, anche se ogni indicatore non misurato facesse 0")
            }
            (false, Some(a), _) => format!(
                "Obiettivo {g}: gli indicatori non misurati devono fare in media almeno {} (media pesata come nel roll-up)",
                score_up(a)
            ),
            (_, _, Some(short)) => format!(
                "Obiettivo {g}: fuori portata di {} punti (il massimo raggiungibile è {})",
                score_up(short),
                or_nd(needs.ceiling)
            ),
            _ => format!("Obiettivo {g}: fuori portata (nessun indicatore resta da misurare)"),
        });
    }
    lines
}

/// A cell on one Markdown line: `|` escaped, line breaks folded.
fn escape(cell: &str) -> String {
    cell.replace('|', "\\|").replace('\n', " ")
}

impl NeedsRenderer for NeedsTable {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.tree_order(plan);
        let lang = self.options.lang;
        if self.markdown {
            writeln!(out, "| {} |", HEADER.join(" | "))?;
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
        table.set_header(HEADER);
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
