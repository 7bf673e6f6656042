//! Actuals rows that nothing reads: a quantity no formula names, or a code
//! that is not an indicator of the plan. Usually a typo, so the closest
//! name is suggested.

use std::collections::{BTreeMap, HashMap, HashSet};

use foldhash::fast::RandomState as FastHash;

use super::suggest::Suggester;
use super::{years_text, Subject};
use crate::actuals::Actuals;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::Plan;
use crate::similar::closest;

/// The keys of every quantity some formula names.
pub(super) fn used_keys(plan: &Plan) -> HashSet<&str, FastHash> {
    formulas(plan).flat_map(|(_, f)| f.quantities()).map(|q| q.key.as_str()).collect()
}

fn formulas(plan: &Plan) -> impl Iterator<Item = (&str, &crate::formula::Formula)> {
    plan.nodes.iter().filter_map(|n| n.formula.as_deref().map(|f| (n.code(), f)))
}

/// Rows that nothing reads, grouped: the same quantity for several years is
/// one finding, reported at its first row.
struct Unread<'a> {
    message: String,
    hint: Hint<'a>,
    /// (year, file index, line) of every row.
    rows: Vec<(i32, usize, usize)>,
}

/// A finding's hint, or the name whose closest match it still needs: those
/// are looked up once all rows are grouped, in the order of their first row.
enum Hint<'a> {
    Ready(String),
    /// A code not in the plan, to compare with the indicators' codes.
    Code(&'a str),
    /// A quantity to compare with every formula's, and the hint without a match.
    Quantity(&'a str, &'static str),
}

pub(super) fn check(subject: &Subject, actuals: &Actuals, out: &mut Diagnostics) {
    let plan = subject.plan;
    // Each quantity's name as a formula writes it, and who uses it.
    let mut names: HashMap<&str, &str, FastHash> = HashMap::default();
    let mut users: HashMap<&str, Vec<&str>, FastHash> = HashMap::default();
    for (code, formula) in formulas(plan) {
        for q in formula.quantities() {
            names.entry(q.key.as_str()).or_insert(q.name.as_str());
            // A formula's quantities come together, so a repeat is the last one.
            let list = users.entry(q.key.as_str()).or_default();
            if list.last() != Some(&code) {
                list.push(code);
            }
        }
    }
    let did_you_mean = |near: &str| format!("did you mean `{}`?", names.get(near).copied().unwrap_or(near));

    // A row the loader reported may have lost the formula that reads a row
    // of the actuals: the mistake is reported there, not again at every row
    // it would read.
    let flawed = |index: usize| subject.flawed(index);
    let formula_lost = !plan.left_out.is_empty()
        || plan.flawed.iter().any(|&i| plan.nodes[i].is_indicator() && plan.nodes[i].formula.is_none());
    let mut groups: BTreeMap<(&str, &str), Unread> = BTreeMap::new();
    let mut find = super::CodeFinder::new(plan);
    // The keys of the formula of the node of the rows before, which come a
    // few to a code: nodes with the same formula text share it.
    let (mut formula_before, mut keys_before): (Option<&crate::formula::Formula>, Vec<&str>) = (None, Vec::new());
    for (code, key, year, entry) in actuals.entries() {
        let row = (year, entry.origin.file as usize, entry.origin.line());
        let index = find.find(code);
        let left_out = !plan.left_out.is_empty() && plan.left_out.contains(code);
        if index.is_some_and(flawed) || left_out || (code.is_empty() && formula_lost) {
            continue;
        }
        let node = index.map(|i| &plan.nodes[i]);
        let group = match node {
            None if !code.is_empty() => (code, ""),
            Some(node) if !node.is_indicator() => (code, ""),
            _ if key.is_empty() => continue,
            None if users.contains_key(key) => continue,
            None => (code, key),
            Some(node) => {
                let formula = node.formula.as_deref();
                let same = match (formula, formula_before) {
                    (Some(a), Some(b)) => std::ptr::eq(a, b),
                    (a, b) => a.is_none() && b.is_none(),
                };
                if !same {
                    keys_before.clear();
                    keys_before.extend(formula.iter().flat_map(|f| f.quantities()).map(|q| q.key.as_str()));
                    formula_before = formula;
                }
                if keys_before.contains(&key) {
                    continue;
                }
                (code, key)
            }
        };
        // The message and hint depend only on the group: made at its first row.
        if let Some(unread) = groups.get_mut(&group) {
            unread.rows.push(row);
            continue;
        }
        let (message, hint) = match node {
            None if !code.is_empty() => {
                (format!("{code} is not a code of the plan: nothing reads its rows"), Hint::Code(code))
            }
            Some(node) if !node.is_indicator() => (
                format!(
                    "{code} is {}: its score comes from its children, so nothing reads its rows",
                    node.level.described()
                ),
                Hint::Ready("give values for indicators only".to_string()),
            ),
            None => (
                format!("no formula uses the shared quantity `{}`", actuals.written(&entry)),
                Hint::Quantity(key, "remove the rows, or name the quantity in a formula"),
            ),
            Some(node) => {
                let own = node.formula.iter().flat_map(|f| f.quantities()).map(|q| q.key.as_str());
                let hint = match (closest(key, own), users.get(key), &node.formula) {
                    (Some(near), _, _) => Hint::Ready(did_you_mean(near)),
                    (None, Some(others), _) => Hint::Ready(format!(
                        "the formula of {} uses it: file it under that code, or leave the code blank to share it",
                        few(others)
                    )),
                    (None, None, None) => {
                        Hint::Ready(format!("{code} has no formula: its own value goes in a row with a blank variable"))
                    }
                    (None, None, Some(_)) => {
                        Hint::Quantity(key, "remove the rows, or name the quantity in the formula")
                    }
                };
                (format!("the formula of {code} does not use `{}`", actuals.written(&entry)), hint)
            }
        };
        groups.insert(group, Unread { message, hint, rows: vec![row] });
    }

    // The suggestions, once per name, in the order of each finding's first row.
    // The indicators' codes are gathered only for a code not in the plan.
    let mut codes = None;
    let indicators = || Suggester::new(plan.nodes.iter().filter(|n| n.is_indicator()).map(|n| n.code()));
    let mut quantities = Suggester::new(names.keys().copied());
    let findings: Vec<Unread> = groups.into_values().collect();
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| findings[i].rows.iter().map(|&(_, file, line)| (file, line)).min());
    let mut hints = vec![String::new(); findings.len()];
    for i in order {
        hints[i] = match &findings[i].hint {
            Hint::Ready(hint) => hint.clone(),
            Hint::Code(code) => match codes.get_or_insert_with(indicators).closest(code) {
                Some(near) => format!("did you mean {near}?"),
                None => "give an indicator's code, or leave it blank for a quantity shared by every indicator".into(),
            },
            Hint::Quantity(key, otherwise) => quantities.closest(key).map_or_else(|| (*otherwise).into(), did_you_mean),
        };
    }

    for (unread, hint) in findings.into_iter().zip(hints) {
        out.push(report(actuals, unread, hint));
    }
}

/// A list for a message: the first few, then how many more.
fn few<T: AsRef<str>>(items: &[T]) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<&str> = items.iter().take(SHOWN).map(AsRef::as_ref).collect();
    match items.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("{} and {more} more", shown.join(", ")),
        _ => shown.join(", "),
    }
}

/// One finding at its first row: `(2023, 2024; also lines 7, 32)`.
fn report(actuals: &Actuals, mut unread: Unread, hint: String) -> Diagnostic {
    unread.rows.sort_by_key(|&(year, file, line)| (file, line, year));
    let (_, file, line) = unread.rows[0];
    let mut years: Vec<i32> = unread.rows.iter().map(|(y, _, _)| *y).collect();
    years.sort_unstable();
    years.dedup();
    let others: Vec<String> = unread.rows[1..]
        .iter()
        .map(|&(_, f, l)| if f == file { l.to_string() } else { format!("{}:{l}", actuals.files[f]) })
        .collect();
    let also = match others.len() {
        0 => String::new(),
        1 => format!("; also line {}", others[0]),
        _ => format!("; also lines {}", few(&others)),
    };
    Diagnostic::warning(&actuals.files[file], line, format!("{} ({}{also})", unread.message, years_text(&years)))
        .with_hint(hint)
}
