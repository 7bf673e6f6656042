//! What the importer reports for a person to check, and the checks that
//! compare rows with each other (weights among siblings).
//!
//! The source is a PDF turned into text: anything the importer guessed must
//! be visible, so that a wrong guess is corrected before it changes a score.

use super::cell_value::parse_weight;
use super::{ImportedLevel, ImportedRow};
use crate::figure;
use crate::value::NumberFormat;
use rust_decimal::Decimal;

/// One thing the importer read but is not sure of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// The 1-based line of the source text.
    pub line: usize,
    /// The row's code as written in the canonical plan, if the item is
    /// about a row.
    pub code: Option<String>,
    /// What was read and why it is unsure.
    pub message: String,
}

/// Compares the weights of every group of siblings: they should add up to
/// 100 %, and where rows carry two weight columns the reader must know
/// which one the evaluation uses. Notes go on the parent row; for the
/// top-level ambiti they are returned as plan-level items.
pub(crate) fn check_sibling_weights(rows: &mut [ImportedRow], parents: &[Option<usize>]) -> Vec<ReviewItem> {
    let mut plan_items = Vec::new();
    // Groups in order of first appearance, found by hash: linear in the rows.
    let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
    let mut group_of: std::collections::HashMap<Option<usize>, usize> = std::collections::HashMap::new();
    for (index, parent) in parents.iter().enumerate() {
        let group = *group_of.entry(*parent).or_insert_with(|| {
            groups.push((*parent, Vec::new()));
            groups.len() - 1
        });
        groups[group].1.push(index);
    }
    for (parent, children) in groups {
        for message in weight_messages(rows, &children) {
            match parent {
                Some(parent) => rows[parent].review.push(message),
                None => plan_items.push(ReviewItem { line: rows[children[0]].line, code: None, message }),
            }
        }
    }
    plan_items
}

fn weight_messages(rows: &[ImportedRow], children: &[usize]) -> Vec<String> {
    let kind = match rows[children[0]].level {
        ImportedLevel::Ambito => "ambiti",
        ImportedLevel::Strategic => "strategic objectives",
        ImportedLevel::Operational => "operational objectives",
        ImportedLevel::Indicator => "indicators",
    };
    let total = children.len();
    let first: Vec<Decimal> = children.iter().filter_map(|&i| parse_weight(&rows[i].weight)).collect();
    let second: Vec<Decimal> =
        children.iter().filter_map(|&i| rows[i].weight_alt.as_deref().and_then(parse_weight)).collect();
    let first_sum = sum(&first);
    let adds_up = first_sum == Some(Decimal::from(100));

    let mut messages = Vec::new();
    let sum_note = if adds_up { String::new() } else { " (not 100 %: kpi uses only their ratios)".to_string() };
    if !second.is_empty() {
        let rows: Vec<String> = children
            .iter()
            .filter_map(|&i| {
                Some(format!("{} {} and {}", rows[i].code, rows[i].weight, rows[i].weight_alt.as_deref()?))
            })
            .collect();
        messages.push(format!(
            "its {kind} have two weight columns: the first adds up to {}{sum_note} over {} of {total}, the second to {} over {} of {total}; the evaluation uses the first (weight), the second is kept as weight_alt ({})",
            sum_text(first_sum),
            first.len(),
            sum_text(sum(&second)),
            second.len(),
            rows.join(", "),
        ));
    } else if !first.is_empty() && !adds_up {
        messages.push(format!("the weights of its {total} {kind} add up to {}{sum_note}", sum_text(first_sum)));
    }
    let unweighted: Vec<&str> =
        children.iter().filter(|&&i| parse_weight(&rows[i].weight).is_none()).map(|&i| rows[i].code.as_str()).collect();
    if !first.is_empty() && !unweighted.is_empty() {
        messages.push(format!(
            "{} of its {total} {kind} have no weight ({}): the canonical plan refuses an empty weight among weighted siblings",
            unweighted.len(),
            unweighted.join(", ")
        ));
    }
    messages
}

/// Every row's notes as review items, a note that several rows share given
/// once: at the first row's line, naming every row and line
/// (`kpi3.1.1_08, kpi8.2.1_02: trailing *100 dropped … (lines 37, 77)`).
pub(crate) fn grouped(rows: &[ImportedRow]) -> Vec<ReviewItem> {
    let mut items: Vec<(ReviewItem, Vec<usize>)> = Vec::new();
    let mut by_message: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for row in rows {
        for message in &row.review {
            match by_message.get(message.as_str()) {
                Some(&at) => {
                    let (item, lines) = &mut items[at];
                    let codes = item.code.get_or_insert_with(String::new);
                    codes.push_str(", ");
                    codes.push_str(&row.code);
                    lines.push(row.line);
                }
                None => {
                    by_message.insert(message, items.len());
                    let item = ReviewItem { line: row.line, code: Some(row.code.clone()), message: message.clone() };
                    items.push((item, vec![row.line]));
                }
            }
        }
    }
    items
        .into_iter()
        .map(|(mut item, lines)| {
            if lines.len() > 1 {
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                item.message = format!("{} (lines {})", item.message, lines.join(", "));
            }
            item
        })
        .collect()
}

/// The sum of the weights, `None` when it is too large to compute.
fn sum(weights: &[Decimal]) -> Option<Decimal> {
    weights.iter().try_fold(Decimal::ZERO, |total, weight| total.checked_add(*weight))
}

/// A sum for a review message: `110,00 %`, or what it is when too large.
fn sum_text(sum: Option<Decimal>) -> String {
    sum.map_or_else(|| "more than can be computed".to_string(), |s| figure::points(s, NumberFormat::Italian))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_too_large_to_compute_do_not_add_up() {
        assert_eq!(sum(&[Decimal::from(60), Decimal::from(40)]), Some(Decimal::from(100)));
        assert_eq!(sum(&[Decimal::MAX, Decimal::ONE]), None);
        assert_eq!(sum_text(Some(Decimal::from(110))), "110,00 %");
        assert_eq!(sum_text(None), "more than can be computed");
    }
}
