//! Years side by side as JSON: each node once, with a `years` array of its
//! figures; the overall score per year in `overall`.

use std::io::{self, Write};

use serde_json::{Map, Value as Json};

use super::TrendRenderer;
use crate::plan::Plan;
use crate::report::fields::{node_fields, rounded, COLUMNS, NODE_COLUMNS, SCORE_DP};
use crate::report::json::{field, number};
use crate::trend::Trend;

pub struct TrendJson;

pub fn to_json(plan: &Plan, trend: &Trend) -> Json {
    let nodes: Vec<Json> = (0..plan.nodes.len())
        .map(|i| {
            let mut object = Map::new();
            let mut years = Vec::with_capacity(trend.evaluations.len());
            for (n, evaluation) in trend.evaluations.iter().enumerate() {
                let mut year = Map::new();
                year.insert("year".into(), Json::from(evaluation.year));
                for (column, (name, f)) in COLUMNS.iter().zip(node_fields(plan, evaluation, i)).enumerate() {
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
        })
        .collect();
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
    root.insert("nodes".into(), Json::Array(nodes));
    Json::Object(root)
}

impl TrendRenderer for TrendJson {
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &to_json(plan, trend))?;
        writeln!(out)
    }
}
