//! Nodes' targets, shared: the indicators of a large plan repeat a few lists
//! of targets word for word (`>= 95%` in 2024, `>= 96%` in 2025), so every
//! node with the same list points to one copy instead of holding its own
//! (README, "The plan's memory").

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use foldhash::fast::RandomState as FastHash;

use super::Years;
use crate::target::{Comparison, Target};

/// How many distinct lists are remembered: a plan of all different targets
/// gives each node its own list, and the table stays small.
const REMEMBERED: usize = 4096;

/// The lists of targets read so far, each under its exact figures.
#[derive(Default)]
pub(super) struct TargetLists {
    lists: HashMap<Box<[YearFigures]>, Arc<Years<Target>>, FastHash>,
    /// The lists kept, in the order they were first read.
    kept: Vec<Arc<Years<Target>>>,
    /// The key of the list being looked up, reused from node to node.
    key: Vec<YearFigures>,
}

/// The lists of a piece of the plan that an earlier piece already has, by
/// where each is: the piece's nodes are given the earlier copy.
pub(super) type Replaced = HashMap<usize, Arc<Years<Target>>, FastHash>;

/// One year of a list and its target's exact figures.
type YearFigures = (i32, Exact);

/// A target as its figures are written: `Decimal`'s equality reads `1,0`
/// and `1,00` as the same number, which outputs write apart, so numbers are
/// compared by their exact representation (digits, scale and sign).
#[derive(PartialEq, Eq, Hash)]
enum Exact {
    Number(Comparison, [u8; 16]),
    Range([u8; 16], [u8; 16]),
    Deadline(NaiveDate),
    Boolean(bool),
}

impl Exact {
    fn of(target: &Target) -> Exact {
        match target {
            Target::Number { comparison, value } => Exact::Number(*comparison, value.serialize()),
            Target::Range { low, high } => Exact::Range(low.serialize(), high.serialize()),
            Target::Deadline(day) => Exact::Deadline(*day),
            Target::Boolean(yes) => Exact::Boolean(*yes),
        }
    }
}

impl TargetLists {
    /// The node's list: `None` when it has no target, else the copy every
    /// node with the same figures shares.
    pub(super) fn share(&mut self, mut targets: Years<Target>) -> Option<Arc<Years<Target>>> {
        if targets.is_empty() {
            return None;
        }
        self.key.clear();
        self.key.extend(targets.iter().map(|(year, target)| (*year, Exact::of(target))));
        if let Some(list) = self.lists.get(self.key.as_slice()) {
            return Some(list.clone());
        }
        targets.shrink_to_fit();
        let list = Arc::new(targets);
        if self.lists.len() < REMEMBERED {
            let key = std::mem::take(&mut self.key).into_boxed_slice();
            self.lists.insert(key, list.clone());
            self.kept.push(list.clone());
        }
        Some(list)
    }

    /// Takes in the lists a later piece of the plan kept, in the order it
    /// read them: those already kept here are to be replaced in its nodes by
    /// the copy kept here, the others are kept as they are, within the same
    /// limit, so every node with the same figures shares one copy as when the
    /// plan is read in one piece.
    pub(super) fn adopt(&mut self, later: TargetLists) -> Replaced {
        let mut replaced = Replaced::default();
        for list in later.kept {
            let key: Box<[YearFigures]> = list.iter().map(|(year, target)| (*year, Exact::of(target))).collect();
            match self.lists.get(&key) {
                Some(kept) => {
                    replaced.insert(Arc::as_ptr(&list) as usize, kept.clone());
                }
                None if self.lists.len() < REMEMBERED => {
                    self.lists.insert(key, list.clone());
                    self.kept.push(list);
                }
                None => {}
            }
        }
        replaced
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn at_least(year: i32, value: Decimal) -> Years<Target> {
        [(year, Target::Number { comparison: Comparison::AtLeast, value })].into_iter().collect()
    }

    #[test]
    fn the_same_figures_share_one_list_and_other_writings_do_not() {
        let mut lists = TargetLists::default();
        assert_eq!(lists.share(Years::new()), None);
        // 0,95 twice: one list; 0,950 is the same number written with one more digit, kept apart.
        let first = lists.share(at_least(2024, Decimal::new(95, 2))).unwrap();
        let again = lists.share(at_least(2024, Decimal::new(95, 2))).unwrap();
        let longer = lists.share(at_least(2024, Decimal::new(950, 3))).unwrap();
        let other_year = lists.share(at_least(2025, Decimal::new(95, 2))).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert!(!Arc::ptr_eq(&first, &longer) && !Arc::ptr_eq(&first, &other_year));
        assert!(matches!(longer[&2024], Target::Number { value, .. } if value.scale() == 3));
        assert_eq!(lists.lists.len(), 3);
    }

    #[test]
    fn a_later_piece_s_lists_are_replaced_by_the_copies_kept_before() {
        let mut first = TargetLists::default();
        let kept = first.share(at_least(2024, Decimal::new(95, 2))).unwrap();
        let mut later = TargetLists::default();
        let again = later.share(at_least(2024, Decimal::new(95, 2))).unwrap();
        let new = later.share(at_least(2024, Decimal::new(96, 2))).unwrap();
        let replaced = first.adopt(later);
        // 0,95 is replaced by the first piece's copy; 0,96 is kept as the later piece read it.
        assert_eq!(replaced.len(), 1);
        assert!(Arc::ptr_eq(&replaced[&(Arc::as_ptr(&again) as usize)], &kept));
        assert!(Arc::ptr_eq(&first.share(at_least(2024, Decimal::new(96, 2))).unwrap(), &new));
        assert_eq!(first.lists.len(), 2);
    }

    #[test]
    fn beyond_the_remembered_lists_each_node_keeps_its_own() {
        let mut lists = TargetLists::default();
        for n in 0..REMEMBERED as i64 + 10 {
            lists.share(at_least(2024, Decimal::new(n, 0)));
        }
        assert_eq!(lists.lists.len(), REMEMBERED);
        let late = lists.share(at_least(2024, Decimal::new(REMEMBERED as i64 + 5, 0))).unwrap();
        let late_again = lists.share(at_least(2024, Decimal::new(REMEMBERED as i64 + 5, 0))).unwrap();
        assert!(!Arc::ptr_eq(&late, &late_again));
        assert_eq!(late, late_again);
    }
}
