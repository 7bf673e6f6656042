//! The plan: a tree of ambiti, objectives and indicators (README, "The plan file").

mod load;
mod read;
mod years;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::formula::Formula;
use crate::scale::Scale;
use crate::target::Target;
use crate::unit::Unit;
use crate::value::Value;

pub use load::{load_plan, PlanOptions};
pub use read::{read_plan, review_lines};
pub use years::Years;

/// A node's level, from the top of the tree down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Ambito: a strategic area.
    Area,
    /// Obiettivo strategico.
    Strategic,
    /// Obiettivo operativo.
    Operational,
    /// Indicatore: a KPI.
    Indicator,
}

impl Level {
    /// The name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Level::Area => "ambito",
            Level::Strategic => "strategic",
            Level::Operational => "operational",
            Level::Indicator => "indicator",
        }
    }

    /// The level in a sentence: "an ambito", "a strategic objective".
    pub fn described(self) -> &'static str {
        match self {
            Level::Area => "an ambito",
            Level::Strategic => "a strategic objective",
            Level::Operational => "an operational objective",
            Level::Indicator => "an indicator",
        }
    }

    /// Reads a level in English or Italian, any case.
    pub fn parse(text: &str) -> Option<Level> {
        let mut short = [0u8; 24];
        let t: std::borrow::Cow<str> = if text.is_ascii() {
            // One per row: folded on the stack (no name of a level is longer than 24).
            let len = crate::fold::fold_ascii(text, b"_-", &mut short)?;
            std::str::from_utf8(&short[..len]).ok()?.into()
        } else {
            let t = text.trim().to_lowercase().replace(['_', '-'], " ");
            t.split_whitespace().collect::<Vec<_>>().join(" ").into()
        };
        Some(match t.as_ref() {
            "ambito" | "area" | "ambito strategico" | "area strategica" => Level::Area,
            "strategic" | "obiettivo strategico" | "os" | "strategic objective" => Level::Strategic,
            "operational" | "obiettivo operativo" | "oo" | "operational objective" => Level::Operational,
            "indicator" | "indicatore" | "kpi" => Level::Indicator,
            _ => return None,
        })
    }

    /// Higher levels rank first: an ambito is above everything.
    pub fn is_above(self, other: Level) -> bool {
        self < other
    }
}

/// One row of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub level: Level,
    pub code: String,
    pub name: String,
    /// Index of the parent in [`Plan::nodes`].
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// `weight`: among siblings; `None` when the plan leaves it empty.
    pub weight: Option<Decimal>,
    /// `weight_YYYY`: overrides `weight` in that year.
    pub weight_by_year: Years<Decimal>,
    /// Some weight of the row was written with `%`: a share of 100 rather
    /// than a relative weight.
    pub weight_in_percent: bool,
    /// Shared by every node whose cell has the same text: it is parsed once.
    pub formula: Option<Arc<Formula>>,
    /// The plan's own words for the computation.
    pub algorithm: Option<String>,
    /// For display: `%`, `gg`, `N.`, `date`.
    pub unit: Option<Unit>,
    /// The soglia for every year, unless `threshold_YYYY` says otherwise.
    pub threshold: Option<Value>,
    pub threshold_by_year: Years<Value>,
    pub baseline_by_year: Years<Value>,
    /// A target per plan year; a year with `N/D` has none.
    pub target_by_year: Years<Target>,
    /// The node's own `scale`, for every indicator below it that sets none
    /// (boxed: few nodes have one).
    pub scale: Option<Box<Scale>>,
    /// The line in the plan file, for messages.
    pub line: usize,
}

impl Node {
    pub fn weight_in(&self, year: i32) -> Option<Decimal> {
        self.weight_by_year.get(&year).copied().or(self.weight)
    }

    pub fn threshold_in(&self, year: i32) -> Option<&Value> {
        self.threshold_by_year.get(&year).or(self.threshold.as_ref())
    }

    pub fn target_in(&self, year: i32) -> Option<&Target> {
        self.target_by_year.get(&year)
    }

    /// `K01 Indice di struttura primario`, or the code alone when the plan gives no name.
    pub fn title(&self) -> String {
        if self.name.is_empty() {
            self.code.clone()
        } else {
            format!("{} {}", self.code, self.name)
        }
    }

    pub fn is_indicator(&self) -> bool {
        self.level == Level::Indicator
    }
}

/// The whole plan, nodes in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Where it was read from, for messages.
    pub source: String,
    pub nodes: Vec<Node>,
    /// Nodes with no parent, in file order.
    pub roots: Vec<usize>,
    pub by_code: HashMap<String, usize>,
    /// Nodes with a cell the loader reported (unreadable, or a code used
    /// twice): checks that depend on their cells leave them alone rather
    /// than report the same mistake twice. Empty in a plan `kpi eval` uses.
    pub flawed: HashSet<usize>,
    /// Codes of rows the loader reported and left out (an unknown level):
    /// the rows that name them are not reported again. Empty in a plan
    /// `kpi eval` uses.
    pub left_out: HashSet<String>,
}

impl Plan {
    pub fn find(&self, code: &str) -> Option<usize> {
        self.by_code.get(code.trim()).copied()
    }

    /// Indices in tree order: each node followed by its subtree, children in
    /// file order. Iterative, so a deep plan cannot overflow the stack.
    pub fn tree_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.nodes[i].children.iter().rev().copied());
        }
        out
    }

    /// Indices so that every child comes before its parent: the order a
    /// roll-up needs.
    pub fn bottom_up_order(&self) -> Vec<usize> {
        let mut order = self.tree_order();
        order.reverse();
        order
    }

    /// The groups of siblings: the top-level nodes, then each node's children.
    pub fn sibling_groups(&self) -> impl Iterator<Item = &[usize]> {
        std::iter::once(self.roots.as_slice()).chain(self.nodes.iter().map(|n| n.children.as_slice()))
    }

    /// How deep a node is: 0 for a root.
    pub fn depth(&self, mut index: usize) -> usize {
        let mut depth = 0;
        while let Some(p) = self.nodes[index].parent {
            depth += 1;
            index = p;
        }
        depth
    }

    /// The scale in force for a node: its own, else its nearest ancestor's.
    pub fn scale_of(&self, mut index: usize) -> Option<&Scale> {
        loop {
            let node = &self.nodes[index];
            if let Some(scale) = node.scale.as_deref() {
                return Some(scale);
            }
            index = node.parent?;
        }
    }

    /// The codes from the root down to the node.
    pub fn path(&self, index: usize) -> Vec<usize> {
        let mut path = vec![index];
        let mut at = index;
        while let Some(p) = self.nodes[at].parent {
            path.push(p);
            at = p;
        }
        path.reverse();
        path
    }

    /// The years some indicator has a target for, in order.
    pub fn target_years(&self) -> Vec<i32> {
        let years: std::collections::BTreeSet<i32> =
            self.nodes.iter().flat_map(|n| n.target_by_year.keys().copied()).collect();
        years.into_iter().collect()
    }

    /// The years the plan mentions, in targets, baselines and weights.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .nodes
            .iter()
            .flat_map(|n| n.target_by_year.keys().chain(n.baseline_by_year.keys()).chain(n.weight_by_year.keys()))
            .copied()
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `Level::parse` as first written, one `String` per step.
    fn straightforward(text: &str) -> Option<crate::plan::Level> {
        let t = text.trim().to_lowercase().replace(['_', '-'], " ");
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        Some(match t.as_str() {
            "ambito" | "area" | "ambito strategico" | "area strategica" => Level::Area,
            "strategic" | "obiettivo strategico" | "os" | "strategic objective" => Level::Strategic,
            "operational" | "obiettivo operativo" | "oo" | "operational objective" => Level::Operational,
            "indicator" | "indicatore" | "kpi" => Level::Indicator,
            _ => return None,
        })
    }

    proptest! {
        #[test]
        fn the_fast_fold_agrees_with_the_straightforward_one(text in crate::value::tests::CELL) {
            prop_assert_eq!(Level::parse(&text), straightforward(&text));
        }
    }

    #[test]
    fn the_fast_fold_agrees_on_the_edges() {
        for text in [
            "",
            "Obiettivo__Strategico",
            "  operational   objective ",
            "\u{212a}pi",
            "\u{130}ndicatore",
            "KPI",
            "area-strategica",
            "ambito\u{b}strategico",
        ] {
            assert_eq!(Level::parse(text), straightforward(text), "{text}");
        }
    }
}
