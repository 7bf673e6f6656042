//! The fields of the README's "Output fields", one record per node: the single source for every
//! machine-readable format, so CSV, JSON and the workbook cannot drift apart. The records borrow
//! from the plan and the evaluation (no name is copied) and are serde records: JSON serializes
//! them as they are, CSV and the workbook read them column by column.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::exact::{Exact, IsoDate, Shown};
use crate::evaluate::{Evaluation, Message};
use crate::lang::Lang;
use crate::needs::Note;
use crate::plan::Plan;
use crate::target::Target;
use crate::unit::Unit;
use crate::value::Value;

pub mod json;
pub mod needs;

/// A column of the machine-readable formats: CSV, TSV, JSON and xlsx name
/// their columns and fields by it, never by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Level,
    Code,
    Parent,
    Name,
    Unit,
    Weight,
    Target,
    Threshold,
    Value,
    Score,
    Coverage,
    Status,
    Message,
    Note,
    Scale,
}

impl Column {
    /// Every column, in the order the formats write them.
    pub const ALL: [Column; 15] = [
        Column::Level,
        Column::Code,
        Column::Parent,
        Column::Name,
        Column::Unit,
        Column::Weight,
        Column::Target,
        Column::Threshold,
        Column::Value,
        Column::Score,
        Column::Coverage,
        Column::Status,
        Column::Message,
        Column::Note,
        Column::Scale,
    ];

    /// The column's name in the header and the JSON field's.
    pub fn name(self) -> &'static str {
        match self {
            Column::Level => "level",
            Column::Code => "code",
            Column::Parent => "parent",
            Column::Name => "name",
            Column::Unit => "unit",
            Column::Weight => "weight",
            Column::Target => "target",
            Column::Threshold => "threshold",
            Column::Value => "value",
            Column::Score => "score",
            Column::Coverage => "coverage",
            Column::Status => "status",
            Column::Message => "message",
            Column::Note => "note",
            Column::Scale => "scale",
        }
    }

    /// The column's title where people read it (the workbook), in `lang`.
    pub fn title(self, lang: Lang) -> &'static str {
        let position = Column::ALL.iter().position(|&c| c == self).unwrap_or(0);
        lang.words().fields[position]
    }

    /// True for the columns that describe the node itself (level, code,
    /// parent, name, unit); the others are its figures for the year.
    pub fn describes_node(self) -> bool {
        matches!(self, Column::Level | Column::Code | Column::Parent | Column::Name | Column::Unit)
    }

    /// The header: every column's name, in order.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Column::ALL.into_iter().map(Column::name)
    }
}

/// A field's content, typed so each format can write it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<'a> {
    Null,
    Text(&'a str),
    /// The target's canonical text (`>= 1.05`), which holds numbers.
    Target(&'a Target),
    /// The evaluation's message, written in English ([`EnglishMessage`]).
    Message(&'a Message),
    /// `kpi needs`' notes, written in English ([`EnglishNotes`]).
    Notes(&'a [Note]),
    /// Already rounded for output.
    Number(Decimal),
    Date(NaiveDate),
    Bool(bool),
}

impl<'a> Field<'a> {
    pub fn text(s: Option<&'a str>) -> Field<'a> {
        s.map_or(Field::Null, Field::Text)
    }

    pub fn number(n: Option<Exact>) -> Field<'a> {
        n.map_or(Field::Null, |n| Field::Number(n.decimal()))
    }

    pub fn figure(f: Option<Figure>) -> Field<'a> {
        match f {
            None => Field::Null,
            Some(Figure::Number(n)) => Field::Number(n.decimal()),
            Some(Figure::Date(d)) => Field::Date(d.0),
            Some(Figure::Bool(b)) => Field::Bool(b),
        }
    }
}

/// The evaluation's message as the machine formats write it: in English
/// whatever `--lang` (README, "Language").
#[derive(Debug, Clone, Copy)]
pub struct EnglishMessage<'a>(pub &'a Message);

impl fmt::Display for EnglishMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::English.message(self.0))
    }
}

/// `kpi needs`' notes as the machine formats write them: in English, joined by `; `.
#[derive(Debug, Clone, Copy)]
pub struct EnglishNotes<'a>(pub &'a [Note]);

impl fmt::Display for EnglishNotes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Lang::machine_needs_notes(self.0).unwrap_or_default())
    }
}

/// A value or a soglia as the machine formats write it: a number (to
/// [`VALUE_DP`] places), an ISO date or a boolean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Figure {
    Number(Exact),
    Date(IsoDate),
    Bool(bool),
}

impl Figure {
    pub fn of(value: &Value) -> Figure {
        match value {
            Value::Number(n) => Figure::Number(Exact::rounded(*n, VALUE_DP)),
            Value::Date(d) => Figure::Date(IsoDate(*d)),
            Value::Bool(b) => Figure::Bool(*b),
        }
    }
}

/// Values keep 10 decimal places; scores and coverage 6.
pub const VALUE_DP: u32 = 10;
pub const SCORE_DP: u32 = 6;

/// What a node is, the same every year: the columns that [`Column::describes_node`].
#[derive(Debug, Serialize)]
pub struct NodeFields<'a> {
    pub level: &'static str,
    pub code: &'a str,
    pub parent: Option<&'a str>,
    pub name: &'a str,
    pub unit: Option<&'a str>,
}

impl<'a> NodeFields<'a> {
    pub fn new(plan: &'a Plan, index: usize) -> NodeFields<'a> {
        let node = &plan.nodes[index];
        NodeFields {
            level: node.level.name(),
            code: node.code(),
            parent: node.parent().map(|p| plan.nodes[p].code()),
            name: node.name(),
            unit: node.unit.as_ref().map(Unit::symbol),
        }
    }
}

/// A node's figures for one year: the other columns.
#[derive(Debug, Serialize)]
pub struct YearFields<'a> {
    pub weight: Option<Exact>,
    pub target: Option<Shown<&'a Target>>,
    pub threshold: Option<Figure>,
    pub value: Option<Figure>,
    pub score: Option<Exact>,
    pub coverage: Option<Exact>,
    pub status: Option<&'static str>,
    pub message: Option<Shown<EnglishMessage<'a>>>,
    pub note: Option<&'a str>,
    pub scale: Option<&'a str>,
}

impl<'a> YearFields<'a> {
    pub fn new(evaluation: &'a Evaluation, index: usize) -> YearFields<'a> {
        let result = &evaluation.nodes[index];
        YearFields {
            weight: evaluation.weight(index).map(|w| Exact::rounded(w, VALUE_DP)),
            target: evaluation.target(index).map(Shown),
            threshold: evaluation.threshold(index).map(Figure::of),
            value: result.value().as_ref().map(Figure::of),
            score: result.score.get().map(|s| Exact::rounded(s, SCORE_DP)),
            coverage: result.coverage.get().map(|c| Exact::rounded(c, SCORE_DP)),
            status: result.status.map(|s| s.name()),
            message: result.message().map(|m| Shown(EnglishMessage(m))),
            note: evaluation.note(index),
            scale: result.scale().map(|s| s.text.as_str()),
        }
    }
}

/// One node's record for one year, its fields in [`Column::ALL`] order.
#[derive(Debug, Serialize)]
pub struct NodeRecord<'a> {
    #[serde(flatten)]
    pub node: NodeFields<'a>,
    #[serde(flatten)]
    pub year: YearFields<'a>,
}

impl<'a> NodeRecord<'a> {
    pub fn new(plan: &'a Plan, evaluation: &'a Evaluation, index: usize) -> NodeRecord<'a> {
        NodeRecord { node: NodeFields::new(plan, index), year: YearFields::new(evaluation, index) }
    }

    /// The field of `column`.
    pub fn field(&self, column: Column) -> Field<'a> {
        let (node, year) = (&self.node, &self.year);
        match column {
            Column::Level => Field::Text(node.level),
            Column::Code => Field::Text(node.code),
            Column::Parent => Field::text(node.parent),
            Column::Name => Field::Text(node.name),
            Column::Unit => Field::text(node.unit),
            Column::Weight => Field::number(year.weight),
            Column::Target => year.target.map_or(Field::Null, |t| Field::Target(t.0)),
            Column::Threshold => Field::figure(year.threshold),
            Column::Value => Field::figure(year.value),
            Column::Score => Field::number(year.score),
            Column::Coverage => Field::number(year.coverage),
            Column::Status => Field::text(year.status),
            Column::Message => year.message.map_or(Field::Null, |m| Field::Message(m.0 .0)),
            Column::Note => Field::text(year.note),
            Column::Scale => Field::text(year.scale),
        }
    }

    /// Every field with its column, in [`Column::ALL`] order.
    pub fn fields(&self) -> impl Iterator<Item = (Column, Field<'a>)> + '_ {
        Column::ALL.into_iter().map(|column| (column, self.field(column)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_fields_are_the_columns_in_order() {
        let record = NodeRecord {
            node: NodeFields { level: "indicator", code: "K1", parent: Some("A1"), name: "Pratiche", unit: None },
            year: YearFields {
                weight: Some(Exact::rounded(Decimal::ONE, VALUE_DP)),
                target: None,
                threshold: None,
                value: Some(Figure::Bool(true)),
                score: None,
                coverage: None,
                status: Some("achieved"),
                message: None,
                note: None,
                scale: None,
            },
        };
        let json = serde_json::to_string(&record).unwrap();
        let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&json)
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, Column::names().collect::<Vec<_>>());
        assert_eq!(record.field(Column::Code), Field::Text("K1"));
        assert_eq!(record.field(Column::Unit), Field::Null);
        assert_eq!(record.field(Column::Weight), Field::Number(Decimal::ONE));
        assert_eq!(record.field(Column::Value), Field::Bool(true));
    }
}
