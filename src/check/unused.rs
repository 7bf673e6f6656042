//! Actuals rows that nothing reads: a quantity no formula names, or a code
//! that is not an indicator of the plan. Usually a typo, so the closest
//! name is suggested.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{years_text, Subject};
use crate::actuals::Actuals;
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;
use crate::similar::closest;

/// The keys of every quantity some formula names.
pub(super) fn used_keys(plan: &Plan) -> HashSet<&str> {
    formulas(plan).flat_map(|(_, f)| f.quantities()).map(|q| q.key.as_str()).collect()
}

fn formulas(plan: &Plan) -> impl Iterator<Item = (&str, &crate::formula::Formula)> {
    plan.nodes.iter().filter_map(|n| n.formula.as_ref().map(|f| (n.code.as_str(), f)))
}

/// Rows that nothing reads, grouped: the same quantity for several years is
/// one finding, reported at its first row.
struct Unread {
    message: String,
    hint: String,
    /// (year, file index, line) of every row.
    rows: Vec<(i32, usize, usize)>,
}

pub(super) fn check(subject: &Subject, actuals: &Actuals, out: &mut Vec<Diagnostic>) {
    let plan = subject.plan;
    // Each quantity's name as a formula writes it, and who uses it.
    let mut names: HashMap<&str, &str> = HashMap::new();
    let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
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
    let suggest = |key: &str, among: Vec<&str>| {
        closest(key, among).map(|near| format!("did you mean `{}`?", names.get(near).copied().unwrap_or(near)))
    };

    let mut groups: BTreeMap<(&str, &str), Unread> = BTreeMap::new();
    for (code, key, year, entry) in actuals.entries() {
        let node = plan.find(code).map(|i| &plan.nodes[i]);
        let finding = match node {
            None if !code.is_empty() => {
                let indicators = plan.nodes.iter().filter(|n| n.is_indicator()).map(|n| n.code.as_str());
                let hint = match closest(code, indicators) {
                    Some(near) => format!("did you mean {near}?"),
                    None => {
                        "give an indicator's code, or leave it blank for a quantity shared by every indicator".into()
                    }
                };
                Some(((code, ""), format!("{code} is not a code of the plan: nothing reads its rows"), hint))
            }
            Some(node) if !node.is_indicator() => Some((
                (code, ""),
                format!(
                    "{code} is {}: its score comes from its children, so nothing reads its rows",
                    node.level.described()
                ),
                "give values for indicators only".to_string(),
            )),
            _ if key.is_empty() => None,
            None if users.contains_key(key) => None,
            None => Some((
                (code, key),
                format!("no formula uses the shared quantity `{}`", entry.variable),
                suggest(key, names.keys().copied().collect())
                    .unwrap_or_else(|| "remove the rows, or name the quantity in a formula".into()),
            )),
            Some(node) => {
                let own: Vec<&str> = node.formula.iter().flat_map(|f| f.quantities()).map(|q| q.key.as_str()).collect();
                if own.contains(&key) {
                    None
                } else {
                    let hint = match (suggest(key, own), users.get(key), &node.formula) {
                        (Some(did_you_mean), _, _) => did_you_mean,
                        (None, Some(others), _) => format!(
                            "the formula of {} uses it: file it under that code, or leave the code blank to share it",
                            few(others)
                        ),
                        (None, None, None) => {
                            format!("{code} has no formula: its own value goes in a row with a blank variable")
                        }
                        (None, None, Some(_)) => suggest(key, names.keys().copied().collect())
                            .unwrap_or_else(|| "remove the rows, or name the quantity in the formula".into()),
                    };
                    Some(((code, key), format!("the formula of {code} does not use `{}`", entry.variable), hint))
                }
            }
        };
        if let Some((group, message, hint)) = finding {
            groups.entry(group).or_insert(Unread { message, hint, rows: Vec::new() }).rows.push((
                year,
                entry.origin.file,
                entry.origin.line,
            ));
        }
    }

    for unread in groups.into_values() {
        out.push(report(actuals, unread));
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
fn report(actuals: &Actuals, mut unread: Unread) -> Diagnostic {
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
        .with_hint(unread.hint)
}
