//! `--format json`: the document of the README's "Output fields", numbers written from the exact
//! decimal, never through a float. Years side by side: each node once, with
//! a `years` array of its figures; the overall score per year in `overall`.
//! `kpi needs`: `{"year", "as_of", "goal", "floor", "ceiling",
//! "goal_average", ["unreachable", "shortfall"], "nodes": [...]}`.
//!
//! The document is a tree of serde records borrowing from the plan and the
//! evaluation; the nodes are produced one at a time as serde_json writes
//! them, so a plan of any size is written without building it in memory.

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::exact::{Exact, IsoDate};
use super::fields::needs::NeedsRecord;
use super::fields::{NodeFields, NodeRecord, YearFields, SCORE_DP};
use super::json_document::write_document;
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
struct Document<'a> {
    year: i32,
    scoring: &'static str,
    score: Option<Exact>,
    coverage: Exact,
    nodes: Nodes<'a>,
}

/// The nodes, in the order asked for, each made as it is written.
struct Nodes<'a> {
    plan: &'a Plan,
    evaluation: &'a Evaluation<'a>,
    order: &'a [usize],
}

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.order.iter().map(|&index| NodeRecord::new(self.plan, self.evaluation, index)))
    }
}

/// The years side by side.
#[derive(Serialize)]
struct YearsDocument<'a> {
    years: Vec<i32>,
    scoring: &'static str,
    overall: Vec<Overall>,
    nodes: NodesByYear<'a>,
}

/// The body's score in one year.
#[derive(Serialize)]
struct Overall {
    year: i32,
    score: Option<Exact>,
    coverage: Exact,
}

struct NodesByYear<'a> {
    plan: &'a Plan,
    trend: &'a Trend<'a>,
    order: &'a [usize],
}

impl Serialize for NodesByYear<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let node = |&index: &usize| NodeYears {
            node: NodeFields::new(self.plan, index),
            years: Years { trend: self.trend, index },
        };
        serializer.collect_seq(self.order.iter().map(node))
    }
}

/// One node: what it is, then its figures year by year.
#[derive(Serialize)]
struct NodeYears<'a> {
    #[serde(flatten)]
    node: NodeFields<'a>,
    years: Years<'a>,
}

struct Years<'a> {
    trend: &'a Trend<'a>,
    index: usize,
}

impl Serialize for Years<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let year = |evaluation| NodeYear::new(evaluation, self.index);
        serializer.collect_seq(self.trend.evaluations.iter().map(year))
    }
}

#[derive(Serialize)]
struct NodeYear<'a> {
    year: i32,
    #[serde(flatten)]
    figures: YearFields<'a>,
}

impl<'a> NodeYear<'a> {
    fn new(evaluation: &'a Evaluation, index: usize) -> NodeYear<'a> {
        NodeYear { year: evaluation.year, figures: YearFields::new(evaluation, index) }
    }
}

/// What a year still needs: the body's figures, then the nodes.
#[derive(Serialize)]
struct NeedsDocument<'a> {
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
    nodes: NeedsNodes<'a>,
}

struct NeedsNodes<'a> {
    plan: &'a Plan,
    evaluation: &'a Evaluation<'a>,
    needs: &'a Needs,
    order: &'a [usize],
}

impl Serialize for NeedsNodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let record = |&index: &usize| NeedsRecord::new(self.plan, self.evaluation, self.needs, index);
        serializer.collect_seq(self.order.iter().map(record))
    }
}

impl Renderer for JsonReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.plan_order(plan);
        let document = Document {
            year: evaluation.year,
            scoring: evaluation.options.scoring.method.name(),
            score: evaluation.score.map(score),
            coverage: score(evaluation.coverage.unwrap_or_default()),
            nodes: Nodes { plan, evaluation, order: &order },
        };
        write_document(out, &document)
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
            nodes: NodesByYear { plan, trend, order: &order },
        };
        write_document(out, &document)
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
            nodes: NeedsNodes { plan, evaluation, needs, order: &order },
        };
        write_document(out, &document)
    }
}
