//! The fields of `kpi needs`, one set per node: the single source for JSON,
//! CSV and TSV (and the workbook's cells), so they cannot drift apart.

use rust_decimal::Decimal;

use crate::evaluate::Evaluation;
use crate::lang::Lang;
use crate::needs::need::Way;
use crate::needs::solve::Solved;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::fields::{rounded, Field, SCORE_DP, VALUE_DP};
use crate::value::Value;

/// The columns, in order.
pub const COLUMNS: [&str; 21] = [
    "level",
    "code",
    "parent",
    "name",
    "unit",
    "status",
    "score",
    "floor",
    "ceiling",
    "target",
    "value",
    "needs",
    "needs_direction",
    "zero_below",
    "solve_quantity",
    "solve_year",
    "solve_value",
    "solve_direction",
    "days_left",
    "days_to_soglia",
    "message",
];

/// The column of the target, whose canonical text (`>= 1.05`) holds numbers.
pub const TARGET: usize = 9;

fn text(s: Option<&str>) -> Field {
    s.map_or(Field::Null, |s| Field::Text(s.to_string()))
}

fn score(n: Option<Decimal>) -> Field {
    n.map_or(Field::Null, |n| Field::Number(rounded(n, SCORE_DP)))
}

/// A value as `eval` writes it. Needed values are already at the printed
/// decimals (rounded the way that still reaches), so this changes none of them.
pub fn value(v: Option<&Value>) -> Field {
    match v {
        None => Field::Null,
        Some(Value::Number(n)) => Field::Number(rounded(*n, VALUE_DP)),
        Some(Value::Date(d)) => Field::Date(*d),
        Some(Value::Bool(b)) => Field::Bool(*b),
    }
}

fn way(w: Option<Way>) -> Field {
    text(w.map(Way::name))
}

/// The fields of node `index`, in [`COLUMNS`] order.
pub fn node_fields(plan: &Plan, evaluation: &Evaluation, needs: &Needs, index: usize) -> [Field; 21] {
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    let n = &needs.nodes[index];
    let ind = n.indicator.as_ref();
    let need = ind.and_then(|i| i.need.as_ref());
    let solution = ind.and_then(|i| i.solution.as_ref());
    let (solve_value, solve_way) = match solution.map(|s| &s.solved) {
        Some(Solved::Value { value, way, .. }) => (Some(value), Some(*way)),
        _ => (None, None),
    };
    let days = |d: Option<i64>| d.map_or(Field::Null, |d| Field::Number(Decimal::from(d)));
    [
        Field::Text(node.level.name().to_string()),
        Field::Text(node.code.clone()),
        text(node.parent.map(|p| plan.nodes[p].code.as_str())),
        Field::Text(node.name.clone()),
        text(node.unit.as_ref().map(crate::unit::Unit::symbol)),
        text(result.status.map(|s| s.name())),
        score(result.score),
        score(n.floor),
        score(n.ceiling),
        result.target.as_ref().map_or(Field::Null, |t| Field::Text(t.to_string())),
        value(result.value.as_ref()),
        value(need.map(|n| &n.value)),
        way(need.map(|n| n.way)),
        value(ind.and_then(|i| i.zero_below.as_ref())),
        text(solution.map(|s| s.quantity.name.as_str())),
        solution.map_or(Field::Null, |s| Field::Number(Decimal::from(s.year))),
        value(solve_value),
        way(solve_way),
        days(ind.and_then(|i| i.days_left)),
        days(ind.and_then(|i| i.days_to_soglia)),
        // English whatever `--lang`, like every machine format's message.
        text(ind.and_then(|i| Lang::machine_needs_notes(&i.notes)).as_deref()),
    ]
}
