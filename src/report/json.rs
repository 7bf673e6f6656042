//! `--format json`: the document of the README's "Output fields", numbers written from the exact
//! decimal, never through a float. Years side by side: each node once, with
//! a `years` array of its figures; the overall score per year in `overall`.
//! `kpi needs`: `{"year", "as_of", "goal", "floor", "ceiling",
//! "goal_average", ["unreachable", "shortfall"], "nodes": [...]}`.

use std::io::{self, Write};
use std::str::FromStr;

use serde_json::{Map, Number, Value as Json};

use super::fields::needs as needs_fields;
use super::fields::{node_fields, rounded, Field, SCORE_DP};
use super::{Renderer, ReportOptions};
use crate::evaluate::{Evaluation, Trend};
use crate::needs::Needs;
use crate::plan::Plan;

pub struct JsonReport {
    pub options: ReportOptions,
}

fn number(n: rust_decimal::Decimal) -> Json {
    // A normalised decimal's text is always a valid JSON number.
    Number::from_str(&n.to_string()).map_or(Json::Null, Json::Number)
}

fn field(f: Field) -> Json {
    match f {
        Field::Null => Json::Null,
        Field::Text(s) => Json::String(s),
        Field::Number(n) => number(n),
        Field::Date(d) => Json::String(d.format("%Y-%m-%d").to_string()),
        Field::Bool(b) => Json::Bool(b),
    }
}

fn node_object(plan: &Plan, evaluation: &Evaluation, index: usize) -> Json {
    let mut object = Map::new();
    for (column, f) in node_fields(plan, evaluation, index) {
        object.insert(column.name().to_string(), field(f));
    }
    Json::Object(object)
}

/// The evaluation's own fields, before the nodes.
fn header(evaluation: &Evaluation) -> Map<String, Json> {
    let mut root = Map::new();
    root.insert("year".into(), Json::from(evaluation.year));
    root.insert("scoring".into(), Json::String(evaluation.options.scoring.method.name().into()));
    root.insert("score".into(), evaluation.score.map_or(Json::Null, |s| number(rounded(s, SCORE_DP))));
    root.insert("coverage".into(), number(rounded(evaluation.coverage.unwrap_or_default(), SCORE_DP)));
    root
}

/// One node: what it is, then its figures year by year.
fn node_years_object(plan: &Plan, trend: &Trend, index: usize) -> Json {
    let mut object = Map::new();
    let mut years = Vec::with_capacity(trend.evaluations.len());
    for (n, evaluation) in trend.evaluations.iter().enumerate() {
        let mut year = Map::new();
        year.insert("year".into(), Json::from(evaluation.year));
        for (column, f) in node_fields(plan, evaluation, index) {
            if !column.describes_node() {
                year.insert(column.name().to_string(), field(f));
            } else if n == 0 {
                object.insert(column.name().to_string(), field(f));
            }
        }
        years.push(Json::Object(year));
    }
    object.insert("years".into(), Json::Array(years));
    Json::Object(object)
}

/// The document's own fields, before the nodes.
fn years_header(trend: &Trend) -> Map<String, Json> {
    let overall: Vec<Json> = trend
        .evaluations
        .iter()
        .map(|e| {
            let mut year = Map::new();
            year.insert("year".into(), Json::from(e.year));
            year.insert("score".into(), e.score.map_or(Json::Null, |s| number(rounded(s, SCORE_DP))));
            year.insert("coverage".into(), number(rounded(e.coverage.unwrap_or_default(), SCORE_DP)));
            Json::Object(year)
        })
        .collect();
    let mut root = Map::new();
    root.insert("years".into(), Json::Array(trend.years().map(Json::from).collect()));
    let scoring = trend.evaluations.first().map_or("ratio", |e| e.options.scoring.method.name());
    root.insert("scoring".into(), Json::String(scoring.into()));
    root.insert("overall".into(), Json::Array(overall));
    root
}

fn score(s: Option<rust_decimal::Decimal>) -> Json {
    s.map_or(Json::Null, |s| number(rounded(s, SCORE_DP)))
}

/// What the year still needs: the body's figures, before the nodes.
fn needs_header(evaluation: &Evaluation, needs: &Needs) -> Map<String, Json> {
    let mut root = Map::new();
    root.insert("year".into(), Json::from(evaluation.year));
    root.insert("as_of".into(), Json::String(needs.as_of.format("%Y-%m-%d").to_string()));
    root.insert("goal".into(), score(needs.goal.as_ref().map(|g| g.goal)));
    root.insert("floor".into(), score(needs.floor));
    root.insert("ceiling".into(), score(needs.ceiling));
    // Already rounded up to the printed decimals: enough, never short.
    root.insert("goal_average".into(), score(needs.goal.as_ref().and_then(|g| g.average)));
    if let Some(goal) = needs.goal.as_ref().filter(|g| g.unreachable) {
        root.insert("unreachable".into(), Json::Bool(true));
        root.insert("shortfall".into(), score(goal.shortfall));
    }
    root
}

/// One node of `kpi needs`: the fields of [`needs_fields::COLUMNS`].
fn needs_node_object(plan: &Plan, evaluation: &Evaluation, needs: &Needs, index: usize) -> Json {
    let fields = needs_fields::node_fields(plan, evaluation, needs, index);
    Json::Object(needs_fields::COLUMNS.iter().zip(fields).map(|(name, f)| (name.to_string(), field(f))).collect())
}

/// Writes the document: its own fields, then one node per line, so a plan
/// of any size is written without building the whole document in memory.
fn write_document(out: &mut dyn Write, header: Map<String, Json>, nodes: impl Iterator<Item = Json>) -> io::Result<()> {
    writeln!(out, "{{")?;
    for (key, value) in header {
        writeln!(out, "  {}: {},", Json::String(key), value)?;
    }
    write!(out, "  \"nodes\": [")?;
    let mut written = 0usize;
    for node in nodes {
        write!(out, "{}\n    ", if written == 0 { "" } else { "," })?;
        serde_json::to_writer(&mut *out, &node)?;
        written += 1;
    }
    writeln!(out, "{}]", if written == 0 { "" } else { "\n  " })?;
    writeln!(out, "}}")
}

impl Renderer for JsonReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let nodes = self.options.plan_order(plan).into_iter().map(|index| node_object(plan, evaluation, index));
        write_document(out, header(evaluation), nodes)
    }

    fn render_years(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let nodes = self.options.plan_order(plan).into_iter().map(|index| node_years_object(plan, trend, index));
        write_document(out, years_header(trend), nodes)
    }

    fn render_needs(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.plan_order(plan).into_iter();
        let nodes = order.map(|index| needs_node_object(plan, evaluation, needs, index));
        write_document(out, needs_header(evaluation, needs), nodes)
    }
}
