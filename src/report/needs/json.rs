//! `kpi needs --format json`: `{"year", "as_of", "goal", "floor", "ceiling",
//! "goal_average", ["unreachable"], "nodes": [...]}`, numbers written from the
//! exact decimal, never through a float.

use std::io::{self, Write};

use serde_json::{Map, Value as Json};

use super::fields::{node_fields, COLUMNS};
use super::NeedsRenderer;
use crate::evaluate::Evaluation;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::fields::{rounded, SCORE_DP};
use crate::report::json::{field, number};
use crate::report::ReportOptions;

pub struct NeedsJson {
    pub options: ReportOptions,
}

fn score(s: Option<rust_decimal::Decimal>) -> Json {
    s.map_or(Json::Null, |s| number(rounded(s, SCORE_DP)))
}

/// The body's figures, before the nodes.
fn header(evaluation: &Evaluation, needs: &Needs) -> Map<String, Json> {
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

impl NeedsRenderer for NeedsJson {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{")?;
        for (key, value) in header(evaluation, needs) {
            writeln!(out, "  {}: {},", Json::String(key), value)?;
        }
        write!(out, "  \"nodes\": [")?;
        let mut written = 0usize;
        for index in self.options.plan_order(plan) {
            let mut object = Map::new();
            for (name, f) in COLUMNS.iter().zip(node_fields(plan, evaluation, needs, index)) {
                object.insert(name.to_string(), field(f));
            }
            write!(out, "{}\n    ", if written == 0 { "" } else { "," })?;
            serde_json::to_writer(&mut *out, &Json::Object(object))?;
            written += 1;
        }
        writeln!(out, "{}]", if written == 0 { "" } else { "\n  " })?;
        writeln!(out, "}}")
    }
}
