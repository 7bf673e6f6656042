//! Can every indicator with a target get its value? Each quantity its
//! formula names must be in the actuals for the year (or N-k where lagged),
//! and an indicator without a formula needs its own value or a baseline.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState as FastHash;

use super::suggest::Suggester;
use super::{years_text, Subject};
use crate::actuals::{Actuals, Entry};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::Node;
use crate::similar::{closest, edit_distance};

pub(super) fn check(subject: &Subject, actuals: &Actuals, out: &mut Diagnostics) {
    let plan = subject.plan;
    // The rows no formula reads, by code: where a typo of a missing name hides.
    let used = super::unused::used_keys(plan);
    let mut unread = Unread::new(actuals, &used);
    let mut before = None;
    // The quantities of an indicator's formula already looked at, each once.
    let mut seen = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    for (index, node) in plan.nodes.iter().enumerate() {
        if !node.is_indicator() || subject.flawed(index) {
            continue;
        }
        // The code looked up once for all of this indicator's values, first
        // beside the one before, as the evaluation does.
        let code = actuals.code_after(node.code(), before);
        before = Some(code);
        // The years whose value must come from a formula or a baseline.
        years.clear();
        years.extend(
            subject
                .value_years
                .iter()
                .copied()
                .filter(|&y| node.target_in(y).is_some())
                .filter(|&y| actuals.adjustment_of(code, y).is_none() && actuals.own_value_of(code, y).is_none())
                // A row meant to give it that the loader reported is mended there.
                .filter(|&y| !actuals.own_value_flagged(node.code(), y))
                .filter(|y| !node.baseline_by_year().contains_key(y)),
        );
        if years.is_empty() {
            continue;
        }
        let Some(formula) = &node.formula else {
            out.push(no_way(&plan.source, node, &years));
            continue;
        };
        seen.clear();
        for (quantity, column) in formula.quantities_with_columns() {
            if seen.contains(&(&quantity.key, quantity.lag)) {
                continue;
            }
            seen.push((&quantity.key, quantity.lag));
            let lag = i32::try_from(quantity.lag).unwrap_or(i32::MAX);
            let missing: Vec<i32> = years
                .iter()
                .filter_map(|y| y.checked_sub(lag))
                .filter(|&y| actuals.quantity_of(code, &quantity.key, y).is_none())
                .filter(|&y| !actuals.quantity_flagged(node.code(), &quantity.key, y))
                .collect();
            let Some(&first) = missing.first() else { continue };
            let needed_for = if quantity.lag == 0 {
                String::new()
            } else {
                let of: Vec<i32> = missing.iter().map(|y| y + lag).collect();
                format!(" (N-{} of {})", quantity.lag, years_text(&of))
            };
            let hint = match unread.typo(actuals, node.code(), &quantity.key) {
                Some(place) => format!("{place}: a typo? The name must match the formula's, case and spaces aside"),
                None => format!(
                    "add a row with year {first}, code {} (or blank, if the quantity is shared), variable `{}` and its value; `kpi template` lists every row needed",
                    node.code(), quantity.name
                ),
            };
            out.push(
                Diagnostic::error(
                    &plan.source,
                    node.line(),
                    format!("{quantity} of {} is not given for {}{needed_for}", node.code(), years_text(&missing)),
                )
                .at_column(&formula.source, column)
                .with_hint(hint),
            );
        }
    }
}

fn no_way(source: &str, node: &Node, years: &[i32]) -> Diagnostic {
    Diagnostic::error(
        source,
        node.line(),
        format!("{} has a target for {} but no way to get its value", node.code(), years_text(years)),
    )
    .with_hint(format!(
        "give it a formula, a baseline_{} in the plan, or its value in the actuals (year {}, code {}, blank variable)",
        years[0],
        years[0],
        node.code()
    ))
}

/// The actuals rows no formula uses, ready to be searched for a name close to
/// a missing one.
struct Unread<'a> {
    /// By code (blank for shared rows): each name and its first row.
    by_code: HashMap<&'a str, HashMap<&'a str, Entry>>,
    /// The shared rows' names, each compared once.
    shared: Suggester<'a>,
}

impl<'a> Unread<'a> {
    fn new(actuals: &'a Actuals, used: &HashSet<&str, FastHash>) -> Self {
        let mut by_code: HashMap<&str, HashMap<&str, Entry>> = HashMap::new();
        for (code, key, _, entry) in actuals.entries() {
            if !key.is_empty() && !used.contains(key) {
                let first = by_code.entry(code).or_default().entry(key).or_insert(entry);
                if (entry.origin.file, entry.origin.line) < (first.origin.file, first.origin.line) {
                    *first = entry;
                }
            }
        }
        let shared = Suggester::new(by_code.get("").into_iter().flat_map(|names| names.keys().copied()));
        Unread { by_code, shared }
    }

    /// An actuals row for this indicator (or shared) that no formula uses,
    /// with a name close to the missing one: `actuals.csv:4 gives `Folower``.
    fn typo(&mut self, actuals: &Actuals, code: &str, key: &str) -> Option<String> {
        let own = self.by_code.get(code).filter(|_| !code.is_empty());
        let near_own = own.and_then(|names| closest(key, names.keys().copied()));
        let near_shared = self.shared.closest(key);
        // The closest of both, as if compared together: the nearer, then the
        // alphabetically first.
        let near = [near_own, near_shared].into_iter().flatten().min_by_key(|c| (edit_distance(key, c), *c))?;
        let entry = [code, ""]
            .iter()
            .filter_map(|c| self.by_code.get(c)?.get(near).copied())
            .min_by_key(|e| (e.origin.file, e.origin.line))?;
        Some(format!("{} gives `{}`", actuals.place(&entry.origin), actuals.written(&entry)))
    }
}
