//! `--format json`: the document of the README's "Output fields", numbers written from the exact
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

pub(super) fn number(n: rust_decimal::Decimal) -> Json {
    // A normalised decimal's text is always a valid JSON number.
    Number::from_str(&n.to_string()).map_or(Json::Null, Json::Number)
}

pub(super) fn field(f: Field) -> Json {
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
    for (name, f) in COLUMNS.iter().zip(node_fields(plan, evaluation, index)) {
        object.insert(name.to_string(), field(f));
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

impl Renderer for JsonReport {
    /// Streams one node per line, so a plan of any size is written without
    /// building the whole document in memory.
    fn render(&self, plan: &Plan, evaluation: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{")?;
        for (key, value) in header(evaluation) {
            writeln!(out, "  {}: {},", Json::String(key), value)?;
        }
        write!(out, "  \"nodes\": [")?;
        let shown = (0..plan.nodes.len()).filter(|&i| self.options.shows(plan, i));
        let mut written = 0usize;
        for index in shown {
            write!(out, "{}\n    ", if written == 0 { "" } else { "," })?;
            serde_json::to_writer(&mut *out, &node_object(plan, evaluation, index))?;
            written += 1;
        }
        writeln!(out, "{}]", if written == 0 { "" } else { "\n  " })?;
        writeln!(out, "}}")
    }
}
