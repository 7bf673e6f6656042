//! The fields of SPEC §9, one set per node: the single source for every
//! machine-readable format, so CSV and JSON cannot drift apart.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::evaluate::Evaluation;
use crate::plan::Plan;
use crate::value::{round_for_output, Value};

/// The columns, in order.
pub const COLUMNS: [&str; 14] = [
    "level",
    "code",
    "parent",
    "name",
    "unit",
    "weight",
    "target",
    "threshold",
    "value",
    "score",
    "coverage",
    "status",
    "message",
    "scale",
];

/// The first columns describe the node itself (level, code, parent, name,
/// unit); the others are its figures for the year.
pub const NODE_COLUMNS: usize = 5;

/// A field's content, typed so each format can write it its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Null,
    Text(String),
    /// Already rounded for output.
    Number(Decimal),
    Date(NaiveDate),
    Bool(bool),
}

impl Field {
    fn text(s: Option<&str>) -> Field {
        s.map_or(Field::Null, |s| Field::Text(s.to_string()))
    }

    fn number(n: Option<Decimal>, dp: u32) -> Field {
        n.map_or(Field::Null, |n| Field::Number(rounded(n, dp)))
    }

    fn value(v: Option<&Value>) -> Field {
        match v {
            None => Field::Null,
            Some(Value::Number(n)) => Field::Number(rounded(*n, 10)),
            Some(Value::Date(d)) => Field::Date(*d),
            Some(Value::Bool(b)) => Field::Bool(*b),
        }
    }

    /// The text a CSV cell holds: numbers with a `.` point and no grouping,
    /// ISO dates, `true`/`false`, empty for null.
    pub fn plain(&self) -> String {
        match self {
            Field::Null => String::new(),
            Field::Text(s) => s.clone(),
            Field::Number(n) => n.to_string(),
            Field::Date(d) => d.format("%Y-%m-%d").to_string(),
            Field::Bool(b) => b.to_string(),
        }
    }
}

/// Rounded half away from zero to `dp` places, trailing zeros dropped, never `-0`.
pub fn rounded(n: Decimal, dp: u32) -> Decimal {
    let r = round_for_output(n, dp);
    if r.is_zero() {
        Decimal::ZERO
    } else {
        r
    }
}

/// Values keep 10 decimal places; scores and coverage 6.
pub const VALUE_DP: u32 = 10;
pub const SCORE_DP: u32 = 6;

/// The fields of node `index`, in [`COLUMNS`] order.
pub fn node_fields(plan: &Plan, evaluation: &Evaluation, index: usize) -> [Field; 14] {
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    [
        Field::Text(node.level.name().to_string()),
        Field::Text(node.code.clone()),
        Field::text(node.parent.map(|p| plan.nodes[p].code.as_str())),
        Field::Text(node.name.clone()),
        Field::text(node.unit.as_deref()),
        Field::number(result.weight, VALUE_DP),
        result.target.as_ref().map_or(Field::Null, |t| Field::Text(t.to_string())),
        Field::value(result.threshold.as_ref()),
        Field::value(result.value.as_ref()),
        Field::number(result.score, SCORE_DP),
        Field::number(result.coverage, SCORE_DP),
        Field::text(result.status.map(|s| s.name())),
        Field::text(result.message.as_deref()),
        Field::text(result.scale.as_ref().map(|s| s.text.as_str())),
    ]
}
