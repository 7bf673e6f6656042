//! Percent indicators: kpi reads `85 %` as 0,85, like a spreadsheet, and
//! compares values with targets that way. A formula that multiplies by 100,
//! or a value above 10 (1.000 %), is almost surely a percent written as a
//! number of points.

use rust_decimal::Decimal;

use super::Subject;
use crate::actuals::Actuals;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::evaluate::{given_origin, inputs, NodeResult, ValueSource};
use crate::figure;
use crate::plan::Plan;
use crate::unit::is_percent;
use crate::value::Value;

/// Above this a fraction is more than 1.000 %: probably a missing `%`.
fn too_large(n: Decimal) -> bool {
    n.abs() > Decimal::TEN
}

/// The plan's own mistakes: a formula that multiplies by 100, targets,
/// soglie and baselines written as points.
pub(super) fn check_plan(subject: &Subject, out: &mut Diagnostics) {
    let plan = subject.plan;
    for (index, node) in plan.nodes.iter().enumerate() {
        if !node.is_indicator() || !is_percent(node.unit.as_ref()) || subject.flawed(index) {
            continue;
        }
        if let Some(formula) = &node.formula {
            if let Some(column) = formula.multiplies_by_hundred() {
                out.push(
                    Diagnostic::error(
                        &plan.source,
                        node.line(),
                        format!("{} is a percent indicator but its formula multiplies by 100", node.code()),
                    )
                    .at_column(&formula.source, column)
                    .with_hint("kpi keeps percents as fractions (85 % is 0,85) and its targets too: drop the `* 100`"),
                );
            }
        }
        let cells: Vec<String> = plan_cells_as_points(node).iter().map(|(c, n)| format!("{c} {n}")).collect();
        if !cells.is_empty() {
            out.push(
                Diagnostic::warning(
                    &plan.source,
                    node.line(),
                    format!(
                        "{} is a percent indicator but has values above 1.000 %: {}",
                        node.code(),
                        cells.join(", ")
                    ),
                )
                .with_hint("write percents with the % sign (85 %, not 85): without it 85 means 8.500 %"),
            );
        }
    }
}

/// Computed values of one year's `results` of the nodes from `first` on: a
/// quantity written as points makes the value too large (own values and
/// baselines are reported as the cells they are, by [`check_plan`] and
/// [`check_given`]).
pub(super) fn computed_as_points(
    subject: &Subject,
    actuals: &Actuals,
    year: i32,
    first: usize,
    results: &[NodeResult],
) -> Vec<Diagnostic> {
    let plan = subject.plan;
    let mut out = Vec::new();
    for found in values_as_points(plan, actuals, year, first, results) {
        let node = &plan.nodes[found.index];
        // A formula that multiplies by 100 is reported by `check_plan`, as the cause.
        let by_hundred = node.formula.as_ref().is_some_and(|f| f.multiplies_by_hundred().is_some());
        if found.computed && !by_hundred && !subject.flawed(found.index) {
            out.push(
                Diagnostic::warning(
                    &found.file,
                    found.line,
                    format!(
                        "{} is a percent indicator but its {year} value {}, {}, is above 1.000 %",
                        plan.nodes[found.index].code(),
                        found.value.normalize(),
                        found.from
                    ),
                )
                .with_hint("a quantity that is a percent written as points (92 for 92 %) makes the value 100 times too large: write it with the % sign"),
            );
        }
    }
    out
}

/// The own values the actuals give as points.
pub(super) fn check_given(subject: &Subject, actuals: &Actuals, out: &mut Diagnostics) {
    let plan = subject.plan;
    for (index, code, year, entry, n) in percents_given_as_points(plan, actuals) {
        if subject.flawed(index) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                actuals.file(&entry.origin),
                entry.origin.line(),
                format!("{code} is a percent indicator but its {year} value {} is above 1.000 %", n.normalize()),
            )
            .with_hint("write percents with the % sign (85 %, not 85): without it 85 means 8.500 %"),
        );
    }
}

/// The plan cells of a percent indicator written as points (a target,
/// soglia or baseline above 10, that is 1.000 %), each as its column and
/// number: shared by `check` and by `eval`, since they score silently.
pub fn plan_cells_as_points(node: &crate::plan::Node) -> Vec<(String, Decimal)> {
    let mut cells: Vec<(String, Decimal)> = Vec::new();
    each_plan_cell_as_points(node, |column, n| cells.push((column.to_string(), n)));
    cells
}

/// A column of the plan that holds a number of a percent indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanColumn {
    Baseline(i32),
    Threshold,
    ThresholdIn(i32),
    Target(i32),
}

impl std::fmt::Display for PlanColumn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanColumn::Baseline(year) => write!(f, "baseline_{year}"),
            PlanColumn::Threshold => f.write_str("threshold"),
            PlanColumn::ThresholdIn(year) => write!(f, "threshold_{year}"),
            PlanColumn::Target(year) => write!(f, "target_{year}"),
        }
    }
}

/// [`plan_cells_as_points`] one cell at a time, in the same order, the
/// number normalized: `eval` looks at every node of a plan for its warning
/// and names only the first, so it makes no text for the others.
pub fn each_plan_cell_as_points(node: &crate::plan::Node, mut found: impl FnMut(PlanColumn, Decimal)) {
    if !node.is_indicator() || !is_percent(node.unit.as_ref()) {
        return;
    }
    let number = |v: &Value| v.as_number().filter(|n| too_large(*n));
    for (year, v) in node.baseline_by_year() {
        if let Some(n) = number(v) {
            found(PlanColumn::Baseline(*year), n.normalize());
        }
    }
    if let Some(n) = node.threshold.as_ref().and_then(number) {
        found(PlanColumn::Threshold, n.normalize());
    }
    for (year, v) in node.threshold_by_year() {
        if let Some(n) = number(v) {
            found(PlanColumn::ThresholdIn(*year), n.normalize());
        }
    }
    for (year, t) in node.target_by_year() {
        for value in t.numbers().filter(|n| too_large(*n)) {
            found(PlanColumn::Target(*year), value.normalize());
        }
    }
}

/// The own values the actuals give for percent indicators that are above 10
/// (1.000 %): almost surely points written without `%`. Shared by `check`
/// and by `eval`, which warns about them too, since they score silently.
pub fn percents_given_as_points<'a>(
    plan: &'a crate::plan::Plan,
    actuals: &'a crate::actuals::Actuals,
) -> impl Iterator<Item = (usize, &'a str, i32, crate::actuals::Entry, Decimal)> + 'a {
    let mut find = super::CodeFinder::new(plan);
    actuals.entries().filter_map(move |(code, variable, year, entry)| {
        let index = find.find(code).filter(|_| variable.is_empty())?;
        let node = &plan.nodes[index];
        if !node.is_indicator() || !is_percent(node.unit.as_ref()) {
            return None;
        }
        let n = entry.value.as_number().filter(|n| too_large(*n))?;
        Some((index, code, year, entry, n))
    })
}

/// A percent indicator's value for a year that is above 10 (1.000 %),
/// however it was obtained, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsValue {
    pub index: usize,
    pub year: i32,
    pub value: Decimal,
    /// Where to look: the actuals row of an own value, else the plan row.
    pub file: String,
    pub line: usize,
    /// `given directly`, `the plan's baseline_2024`, or `computed from [a]
    /// 2024 = 92 (actuals.csv:3), [b] 2024 = 1 (actuals.csv:4)`.
    pub from: String,
    /// Computed by the formula rather than given or taken from the baseline.
    pub computed: bool,
}

/// The percent indicators of one year's results (those of the nodes from
/// `first` on) whose value is above 10 (1.000 %): points written without
/// `%`, in an own value, a baseline or a quantity of the formula. Shared by
/// `check` and by `eval`, since such a value scores silently.
pub fn values_as_points(
    plan: &Plan,
    actuals: &Actuals,
    year: i32,
    first: usize,
    results: &[NodeResult],
) -> Vec<PointsValue> {
    let mut found = Vec::new();
    for (index, result) in (first..).zip(results) {
        let node = &plan.nodes[index];
        if !node.is_indicator() || !is_percent(node.unit.as_ref()) {
            continue;
        }
        let Some(value) = result.value().as_ref().and_then(Value::as_number).filter(|n| too_large(*n)) else {
            continue;
        };
        let (file, line, from, computed) = match &result.source {
            Some(ValueSource::Given) => {
                let (file, line) = given_origin(actuals, node, year)
                    .map_or((String::new(), 0), |origin| (actuals.file(&origin).to_string(), origin.line()));
                (file, line, "given directly".to_string(), false)
            }
            Some(ValueSource::Baseline) => {
                (plan.source.clone(), node.line(), format!("the plan's baseline_{year}"), false)
            }
            Some(ValueSource::Computed) => {
                let quantities: Vec<String> = inputs(actuals, node, year)
                    .iter()
                    .map(|i| {
                        let shown = match i.value {
                            Value::Number(_) => figure::canonical::value(&i.value),
                            other => figure::value(&other, None, crate::lang::Lang::default().figures()),
                        };
                        format!("{} {} = {shown} ({})", i.quantity, i.year, actuals.place(&i.origin))
                    })
                    .collect();
                (plan.source.clone(), node.line(), format!("computed from {}", quantities.join(", ")), true)
            }
            None => continue,
        };
        found.push(PointsValue { index, year, value, file, line, from, computed });
    }
    found
}
