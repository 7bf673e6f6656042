//! The fields of `kpi needs`, one record per node: the single source for JSON,
//! CSV and TSV (and the workbook's cells), so they cannot drift apart. Like
//! `eval`'s records, they borrow from the plan, the evaluation and the needs.

use serde::Serialize;

use crate::evaluate::Evaluation;
use crate::needs::need::Way;
use crate::needs::solve::Solved;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::exact::{Exact, Shown};
use crate::report::fields::{EnglishNotes, Field, Figure, NodeFields, SCORE_DP};
use crate::target::Target;

/// The columns, in order: the fields of what a node still needs.
pub const COLUMNS: [&str; 21] = crate::needs::FIELDS;

/// What one node still needs, its fields in [`COLUMNS`] order.
#[derive(Debug, Serialize)]
pub struct NeedsRecord<'a> {
    #[serde(flatten)]
    node: NodeFields<'a>,
    status: Option<&'static str>,
    score: Option<Exact>,
    floor: Option<Exact>,
    ceiling: Option<Exact>,
    target: Option<Shown<&'a Target>>,
    value: Option<Figure>,
    /// Already at the printed decimals (rounded the way that still reaches),
    /// so writing it as `eval` writes a value changes nothing.
    needs: Option<Figure>,
    needs_direction: Option<&'static str>,
    zero_below: Option<Figure>,
    solve_quantity: Option<&'a str>,
    solve_year: Option<Exact>,
    solve_value: Option<Figure>,
    solve_direction: Option<&'static str>,
    days_left: Option<Exact>,
    days_to_soglia: Option<Exact>,
    message: Option<Shown<EnglishNotes<'a>>>,
}

fn score(n: Option<rust_decimal::Decimal>) -> Option<Exact> {
    n.map(|n| Exact::rounded(n, SCORE_DP))
}

impl<'a> NeedsRecord<'a> {
    pub fn new(plan: &'a Plan, evaluation: &'a Evaluation, needs: &'a Needs, index: usize) -> NeedsRecord<'a> {
        let result = &evaluation.nodes[index];
        let n = &needs.nodes[index];
        let ind = n.indicator.as_ref();
        let need = ind.and_then(|i| i.need.as_ref());
        let solution = ind.and_then(|i| i.solution.as_ref());
        let (solve_value, solve_way) = match solution.map(|s| &s.solved) {
            Some(Solved::Value { value, way, .. }) => (Some(value), Some(*way)),
            _ => (None, None),
        };
        NeedsRecord {
            node: NodeFields::new(plan, index),
            status: result.status.map(|s| s.name()),
            score: score(result.score.get()),
            floor: score(n.floor),
            ceiling: score(n.ceiling),
            target: evaluation.target(index).map(Shown),
            value: result.value().as_ref().map(Figure::of),
            needs: need.map(|n| Figure::of(&n.value)),
            needs_direction: need.map(|n| n.way.name()),
            zero_below: ind.and_then(|i| i.zero_below.as_ref()).map(Figure::of),
            solve_quantity: solution.map(|s| s.quantity.name.as_str()),
            solve_year: solution.map(|s| Exact::whole(s.year.into())),
            solve_value: solve_value.map(Figure::of),
            solve_direction: solve_way.map(Way::name),
            days_left: ind.and_then(|i| i.days_left).map(Exact::whole),
            days_to_soglia: ind.and_then(|i| i.days_to_soglia).map(Exact::whole),
            message: ind.filter(|i| !i.notes.is_empty()).map(|i| Shown(EnglishNotes(&i.notes))),
        }
    }

    /// The fields, in [`COLUMNS`] order.
    pub fn fields(&self) -> [Field<'a>; 21] {
        let node = &self.node;
        [
            Field::Text(node.level),
            Field::Text(node.code),
            Field::text(node.parent),
            Field::Text(node.name),
            Field::text(node.unit),
            Field::text(self.status),
            Field::number(self.score),
            Field::number(self.floor),
            Field::number(self.ceiling),
            self.target.map_or(Field::Null, |t| Field::Target(t.0)),
            Field::figure(self.value),
            Field::figure(self.needs),
            Field::text(self.needs_direction),
            Field::figure(self.zero_below),
            Field::text(self.solve_quantity),
            Field::number(self.solve_year),
            Field::figure(self.solve_value),
            Field::text(self.solve_direction),
            Field::number(self.days_left),
            Field::number(self.days_to_soglia),
            self.message.map_or(Field::Null, |m| Field::Notes(m.0 .0)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::COLUMNS;
    use crate::lang::Lang;

    #[test]
    fn the_english_workbook_is_titled_with_the_machine_fields() {
        assert_eq!(Lang::English.needs().fields, COLUMNS);
        assert_eq!(Lang::Italian.needs().fields.len(), COLUMNS.len());
    }
}
