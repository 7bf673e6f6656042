//! Years side by side as JSON: each node once, with a `years` array of its
//! figures; the overall score per year in `overall`.

use std::io::{self, Write};

use serde_json::{Map, Value as Json};

use super::TrendRenderer;
use crate::evaluate::trend::Trend;
use crate::plan::Plan;
use crate::report::fields::{node_fields, rounded, COLUMNS, NODE_COLUMNS, SCORE_DP};
use crate::report::json::{field, number};
use crate::report::ReportOptions;

pub struct TrendJson {
    pub options: ReportOptions,
}

/// One node: what it is, then its figures year by year.
fn node_object(plan: &Plan, trend: &Trend, index: usize) -> Json {
    let mut object = Map::new();
    let mut years = Vec::with_capacity(trend.evaluations.len());
    for (n, evaluation) in trend.evaluations.iter().enumerate() {
        let mut year = Map::new();
        year.insert("year".into(), Json::from(evaluation.year));
        for (column, (name, f)) in COLUMNS.iter().zip(node_fields(plan, evaluation, index)).enumerate() {
            if column >= NODE_COLUMNS {
                year.insert(name.to_string(), field(f));
            } else if n == 0 {
                object.insert(name.to_string(), field(f));
            }
        }
        years.push(Json::Object(year));
    }
    object.insert("years".into(), Json::Array(years));
    Json::Object(object)
}

/// The document's own fields, before the nodes.
fn header(trend: &Trend) -> Map<String, Json> {
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

impl TrendRenderer for TrendJson {
    /// Streams one node per line, like a single year's JSON.
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{")?;
        for (key, value) in header(trend) {
            writeln!(out, "  {}: {},", Json::String(key), value)?;
        }
        write!(out, "  \"nodes\": [")?;
        let mut written = 0usize;
        for index in self.options.plan_order(plan) {
            write!(out, "{}\n    ", if written == 0 { "" } else { "," })?;
            serde_json::to_writer(&mut *out, &node_object(plan, trend, index))?;
            written += 1;
        }
        writeln!(out, "{}]", if written == 0 { "" } else { "\n  " })?;
        writeln!(out, "}}")
    }
}
