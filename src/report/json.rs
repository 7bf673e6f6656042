//! `--format json`: the document of the README's "Output fields", numbers written from the exact
//! decimal, never through a float. Years side by side: each node once, with
//! a `years` array of its figures; the overall score per year in `overall`.
//! `kpi needs`: `{"year", "as_of", "goal", "floor", "ceiling",
//! "goal_average", ["unreachable", "shortfall"], "nodes": [...]}`.
//!
//! The document is a tree of serde records borrowing from the plan and the
//! evaluation; the nodes are made and written in runs on every thread after
//! the document's own fields, so a plan of any size is written without
//! building it in memory.

use std::io::{self, Write};

use serde::Serialize;

use super::exact::{Exact, IsoDate, ShortText};
use super::fields::needs::NeedsRecord;
use super::fields::{self, NodeFields, NodeRecord, YearFields, SCORE_DP};
use super::json_document::{compact, write_with_nodes, NodesAfter};
use super::{Renderer, ReportOptions};
use crate::evaluate::{Evaluation, Trend};
use crate::needs::Needs;
use crate::plan::Plan;

pub struct JsonReport {
    pub options: ReportOptions,
}

/// A score or coverage as the document writes it.
fn score(s: rust_decimal::Decimal) -> Exact {
    Exact::rounded(s, SCORE_DP)
}

/// One year's document.
#[derive(Serialize)]
struct Document {
    year: i32,
    scoring: &'static str,
    score: Option<Exact>,
    coverage: Exact,
    nodes: NodesAfter,
}

/// The years side by side.
#[derive(Serialize)]
struct YearsDocument {
    years: Vec<i32>,
    scoring: &'static str,
    overall: Vec<Overall>,
    nodes: NodesAfter,
}

/// The body's score in one year.
#[derive(Serialize)]
struct Overall {
    year: i32,
    score: Option<Exact>,
    coverage: Exact,
}

/// What a year still needs: the body's figures, then the nodes.
#[derive(Serialize)]
struct NeedsDocument {
    year: i32,
    as_of: IsoDate,
    goal: Option<Exact>,
    floor: Option<Exact>,
    ceiling: Option<Exact>,
    /// Already rounded up to the printed decimals: enough, never short.
    goal_average: Option<Exact>,
    /// Only when the goal cannot be reached, with the shortfall.
    #[serde(skip_serializing_if = "Option::is_none")]
    unreachable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shortfall: Option<Option<Exact>>,
    nodes: NodesAfter,
}

impl Renderer for JsonReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.plan_order(plan);
        let document = Document {
            year: evaluation.year,
            scoring: evaluation.options.scoring.method.name(),
            score: evaluation.score.map(score),
            coverage: score(evaluation.coverage.unwrap_or_default()),
            nodes: NodesAfter,
        };
        write_with_nodes(out, &document, order.len(), |i, buffer| {
            fields::json::record(buffer, &NodeRecord::new(plan, evaluation, order[i]))
        })
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.plan_order(plan);
        let overall = |e: &Evaluation| Overall {
            year: e.year,
            score: e.score.map(score),
            coverage: score(e.coverage.unwrap_or_default()),
        };
        let document = YearsDocument {
            years: trend.years().collect(),
            scoring: trend.evaluations.first().map_or("ratio", |e| e.options.scoring.method.name()),
            overall: trend.evaluations.iter().map(overall).collect(),
            nodes: NodesAfter,
        };
        write_with_nodes(out, &document, order.len(), |i, buffer| {
            let index = order[i];
            buffer.push(b'{');
            fields::json::node_fields(buffer, &NodeFields::new(plan, index))?;
            buffer.extend_from_slice(b",\"years\":[");
            for (n, evaluation) in trend.evaluations.iter().enumerate() {
                buffer.extend_from_slice(if n == 0 { b"{\"year\":" } else { b",{\"year\":" });
                buffer.extend_from_slice(ShortText::of(evaluation.year).as_str().as_bytes());
                buffer.push(b',');
                fields::json::year_fields(buffer, &YearFields::new(evaluation, index))?;
                buffer.push(b'}');
            }
            buffer.extend_from_slice(b"]}");
            Ok(())
        })
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.plan_order(plan);
        let unreachable = needs.goal.as_ref().filter(|g| g.unreachable);
        let document = NeedsDocument {
            year: evaluation.year,
            as_of: IsoDate(needs.as_of),
            goal: needs.goal.as_ref().map(|g| score(g.goal)),
            floor: needs.floor.map(score),
            ceiling: needs.ceiling.map(score),
            goal_average: needs.goal.as_ref().and_then(|g| g.average).map(score),
            unreachable: unreachable.map(|_| true),
            shortfall: unreachable.map(|g| g.shortfall.map(score)),
            nodes: NodesAfter,
        };
        write_with_nodes(out, &document, order.len(), |i, buffer| {
            compact(buffer, &NeedsRecord::new(plan, evaluation, needs, order[i]))
        })
    }
}
