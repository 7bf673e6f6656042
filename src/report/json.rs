//! `--format json`: the document of SPEC §9, numbers written from the exact
//! decimal, never through a float.

use std::io::{self, Write};
use std::str::FromStr;

use serde_json::{Map, Number, Value as Json};

use super::fields::{node_fields, rounded, Field, COLUMNS, SCORE_DP};
use super::{Renderer, ReportOptions};
use crate::evaluate::Evaluation;
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

/// The whole evaluation as a JSON value.
pub fn to_json(plan: &Plan, evaluation: &Evaluation) -> Json {
    document(plan, evaluation, 0..plan.nodes.len())
}

/// The document with the nodes at `indices`.
fn document(plan: &Plan, evaluation: &Evaluation, indices: impl Iterator<Item = usize>) -> Json {
    let nodes: Vec<Json> = indices
        .map(|i| {
            let mut object = Map::new();
            for (name, f) in COLUMNS.iter().zip(node_fields(plan, evaluation, i)) {
                object.insert(name.to_string(), field(f));
            }
            Json::Object(object)
        })
        .collect();
    let mut root = Map::new();
    root.insert("year".into(), Json::from(evaluation.year));
    root.insert("scoring".into(), Json::String(evaluation.options.scoring.method.name().into()));
    root.insert("score".into(), evaluation.score.map_or(Json::Null, |s| number(rounded(s, SCORE_DP))));
    root.insert("coverage".into(), number(rounded(evaluation.coverage.unwrap_or_default(), SCORE_DP)));
    root.insert("nodes".into(), Json::Array(nodes));
    Json::Object(root)
}

impl Renderer for JsonReport {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        let doc = document(plan, evaluation, self.options.plan_order(plan).into_iter());
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
