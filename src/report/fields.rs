//! The fields of the README's "Output fields", one set per node: the single source for every
//! machine-readable format, so CSV and JSON cannot drift apart.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::evaluate::Evaluation;
use crate::figure::round;
use crate::lang::Lang;
use crate::plan::Plan;
use crate::unit::Unit;
use crate::value::Value;

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
    let r = round(n, dp);
    if r.is_zero() {
        Decimal::ZERO
    } else {
        r
    }
}

/// Values keep 10 decimal places; scores and coverage 6.
pub const VALUE_DP: u32 = 10;
pub const SCORE_DP: u32 = 6;

/// The fields of node `index`, each with its column, in [`Column::ALL`] order.
pub fn node_fields(plan: &Plan, evaluation: &Evaluation, index: usize) -> [(Column, Field); 15] {
    let node = &plan.nodes[index];
    let result = &evaluation.nodes[index];
    Column::ALL.map(|column| {
        let field = match column {
            Column::Level => Field::Text(node.level.name().to_string()),
            Column::Code => Field::Text(node.code.clone()),
            Column::Parent => Field::text(node.parent.map(|p| plan.nodes[p].code.as_str())),
            Column::Name => Field::Text(node.name.clone()),
            Column::Unit => Field::text(node.unit.as_ref().map(Unit::symbol)),
            Column::Weight => Field::number(result.weight, VALUE_DP),
            Column::Target => result.target.as_ref().map_or(Field::Null, |t| Field::Text(t.to_string())),
            Column::Threshold => Field::value(result.threshold.as_ref()),
            Column::Value => Field::value(result.value.as_ref()),
            Column::Score => Field::number(result.score, SCORE_DP),
            Column::Coverage => Field::number(result.coverage, SCORE_DP),
            Column::Status => Field::text(result.status.map(|s| s.name())),
            // The machine formats' message is English whatever `--lang` (README, "Output fields").
            Column::Message => Field::text(result.message.as_ref().map(|m| Lang::English.message(m)).as_deref()),
            Column::Note => Field::text(result.note.as_deref()),
            Column::Scale => Field::text(result.scale.as_ref().map(|s| s.text.as_str())),
        };
        (column, field)
    })
}
