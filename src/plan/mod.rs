//! The plan: a tree of ambiti, objectives and indicators (README, "The plan file").

mod codes;
mod definitions;
mod labels;
mod load;
mod read;
mod remembered;
mod target_lists;
mod years;

use std::collections::HashSet;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::formula::Formula;
use crate::maybe_decimal::MaybeDecimal;
use crate::scale::Scale;
use crate::target::Target;
use crate::unit::Unit;
use crate::value::Value;

pub use load::{load_plan, PlanOptions};
pub use read::{read_plan, read_plan_sharing, review_lines};
pub use years::Years;

use codes::Codes;
use labels::{Label, LabelWriter};

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

/// One row of the plan. A national plan has a million of them, so a node is
/// kept small (README, "National scale"): its code and name are in one text
/// shared by the nodes read with it, indices and lines are 32-bit, its
/// children are the plan's to give ([`Plan::children`]), and what its row
/// says of it besides is its [`Definition`], shared by every node whose row
/// repeats it word for word (README, "The plan's rows: a definition read
/// once"). A node reads as its definition (`node.formula`, `node.unit`):
/// [`Deref`](std::ops::Deref) gives the definition's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The code and the name, in the text of the nodes read with it.
    label: Label,
    /// The line in the plan file, for messages.
    line: u32,
    /// Index of the parent in [`Plan::nodes`], [`NO_PARENT`] for a root: 4
    /// bytes where an `Option<u32>` takes 8.
    parent: u32,
    definition: Arc<Definition>,
}

/// What a row says of its node but its code, name and line: rows that
/// repeat a definition word for word share one reading of it. The weight
/// takes 16 bytes, the fields few rows fill (weights and soglie by year,
/// baselines, the algorithm, the scale) are boxed together, and nodes with
/// the same targets share one list of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub level: Level,
    /// Some weight of the row was written with `%`: a share of 100 rather
    /// than a relative weight.
    pub weight_in_percent: bool,
    /// `weight`: among siblings; none when the plan leaves it empty.
    weight: MaybeDecimal,
    /// Shared by every node whose cell has the same text: it is parsed once.
    pub formula: Option<Arc<Formula>>,
    /// For display: `%`, `gg`, `N.`, `date`.
    pub unit: Option<Unit>,
    /// The soglia for every year, unless `threshold_YYYY` says otherwise.
    pub threshold: Option<Value>,
    /// A target per plan year; a year with `N/D` has none. `None` when the
    /// row has no target; else shared by every node with the same figures.
    target_by_year: Option<Arc<Years<Target>>>,
    /// `None` when the row fills none of them, as most rows do.
    rare: Option<Box<Rare>>,
}

/// The fields of a node few rows fill.
#[derive(Debug, Clone, PartialEq, Default)]
struct Rare {
    weight_by_year: Years<Decimal>,
    threshold_by_year: Years<Value>,
    baseline_by_year: Years<Value>,
    algorithm: Option<Box<str>>,
    scale: Option<Box<Scale>>,
}

impl Rare {
    fn is_empty(&self) -> bool {
        self.weight_by_year.is_empty()
            && self.threshold_by_year.is_empty()
            && self.baseline_by_year.is_empty()
            && self.algorithm.is_none()
            && self.scale.is_none()
    }

    /// The fields few rows fill, boxed: `None` when the row fills none, as
    /// most rows do.
    fn boxed(mut self) -> Option<Box<Rare>> {
        if self.is_empty() {
            return None;
        }
        self.weight_by_year.shrink_to_fit();
        self.threshold_by_year.shrink_to_fit();
        self.baseline_by_year.shrink_to_fit();
        Some(Box::new(self))
    }
}

/// What the loader reads a row's definition from.
struct DefinitionParts {
    level: Level,
    weight: Option<Decimal>,
    weight_in_percent: bool,
    formula: Option<Arc<Formula>>,
    unit: Option<Unit>,
    threshold: Option<Value>,
    target_by_year: Option<Arc<Years<Target>>>,
    rare: Rare,
}

impl Definition {
    fn new(parts: DefinitionParts) -> Arc<Definition> {
        let DefinitionParts { level, weight, weight_in_percent, formula, unit, threshold, target_by_year, rare } =
            parts;
        Arc::new(Definition {
            level,
            weight_in_percent,
            weight: weight.into(),
            formula,
            unit,
            threshold,
            target_by_year,
            rare: rare.boxed(),
        })
    }
}

/// The parent of a root. No plan comes near as many rows: a file holds at
/// most 40 000 000 cells (README, "Limits: broken and hostile files").
const NO_PARENT: u32 = u32::MAX;

/// What a node without the rare fields has by year.
static NO_WEIGHTS: Years<Decimal> = Years::new();
static NO_VALUES: Years<Value> = Years::new();
static NO_TARGETS: Years<Target> = Years::new();

/// A node reads as its definition: `node.formula`, `node.level`.
impl std::ops::Deref for Node {
    type Target = Definition;

    fn deref(&self) -> &Definition {
        &self.definition
    }
}

impl Node {
    /// The node of `definition`, its code and name written to `labels`.
    fn new(definition: Arc<Definition>, code: &str, name: &str, line: usize, labels: &mut LabelWriter) -> Node {
        let mut node = Node { label: labels.label(code, name), line: 0, parent: NO_PARENT, definition };
        node.set_line(line);
        node
    }

    pub fn code(&self) -> &str {
        self.label.code()
    }

    pub fn name(&self) -> &str {
        self.label.name()
    }

    /// The line in the plan file, for messages.
    pub fn line(&self) -> usize {
        self.line as usize
    }

    fn set_line(&mut self, line: usize) {
        self.line = u32::try_from(line).unwrap_or(u32::MAX);
    }

    /// Index of the parent in [`Plan::nodes`].
    pub fn parent(&self) -> Option<usize> {
        (self.parent != NO_PARENT).then_some(self.parent as usize)
    }

    fn set_parent(&mut self, parent: Option<usize>) {
        self.parent = parent.map_or(NO_PARENT, |p| u32::try_from(p).expect("a plan within the cells a file may hold"));
    }

    /// `weight_YYYY`: overrides `weight` in that year.
    pub fn weight_by_year(&self) -> &Years<Decimal> {
        self.rare.as_ref().map_or(&NO_WEIGHTS, |r| &r.weight_by_year)
    }

    pub fn threshold_by_year(&self) -> &Years<Value> {
        self.rare.as_ref().map_or(&NO_VALUES, |r| &r.threshold_by_year)
    }

    pub fn baseline_by_year(&self) -> &Years<Value> {
        self.rare.as_ref().map_or(&NO_VALUES, |r| &r.baseline_by_year)
    }

    /// The plan's own words for the computation.
    pub fn algorithm(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.algorithm.as_deref())
    }

    /// The node's own `scale`, for every indicator below it that sets none.
    pub fn scale(&self) -> Option<&Scale> {
        self.rare.as_ref().and_then(|r| r.scale.as_deref())
    }

    /// `weight`: among siblings; `None` when the plan leaves it empty.
    pub fn weight(&self) -> Option<Decimal> {
        self.weight.get()
    }

    pub fn weight_in(&self, year: i32) -> Option<Decimal> {
        self.weight_by_year().get(&year).copied().or(self.weight())
    }

    pub fn threshold_in(&self, year: i32) -> Option<&Value> {
        self.threshold_by_year().get(&year).or(self.threshold.as_ref())
    }

    /// A target per plan year; a year with `N/D` has none.
    pub fn target_by_year(&self) -> &Years<Target> {
        self.target_by_year.as_deref().unwrap_or(&NO_TARGETS)
    }

    pub fn target_in(&self, year: i32) -> Option<&Target> {
        self.target_by_year().get(&year)
    }

    /// `K01 Indice di struttura primario`, or the code alone when the plan gives no name.
    pub fn title(&self) -> String {
        if self.name().is_empty() {
            self.code().to_string()
        } else {
            format!("{} {}", self.code(), self.name())
        }
    }

    pub fn is_indicator(&self) -> bool {
        self.level == Level::Indicator
    }
}

/// The whole plan, nodes in file order.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Where it was read from, for messages.
    pub source: String,
    pub nodes: Vec<Node>,
    /// Nodes with no parent, in file order.
    pub roots: Vec<usize>,
    /// Every node's children, the first node's, then the second's, and so
    /// on, each node's in file order: one list for the plan instead of one
    /// per node (README, "National scale").
    children: Vec<usize>,
    /// Where each node's children start in `children`, and at the end their
    /// number: node `i`'s are `children[child_starts[i]..child_starts[i + 1]]`.
    child_starts: Vec<u32>,
    /// The first node of each code.
    codes: Codes,
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
        self.codes.get(&self.nodes, code.trim())
    }

    /// Indices of the children of node `index` in [`Plan::nodes`], in file order.
    pub fn children(&self, index: usize) -> &[usize] {
        let (start, end) = (self.child_starts[index], self.child_starts[index + 1]);
        &self.children[start as usize..end as usize]
    }

    /// Indices in tree order: each node followed by its subtree, children in
    /// file order. Iterative, so a deep plan cannot overflow the stack.
    pub fn tree_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(self.children(i).iter().rev().copied());
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
        std::iter::once(self.roots.as_slice()).chain((0..self.nodes.len()).map(|i| self.children(i)))
    }

    /// How deep a node is: 0 for a root.
    pub fn depth(&self, mut index: usize) -> usize {
        let mut depth = 0;
        while let Some(p) = self.nodes[index].parent() {
            depth += 1;
            index = p;
        }
        depth
    }

    /// The scale in force for a node: its own, else its nearest ancestor's.
    pub fn scale_of(&self, mut index: usize) -> Option<&Scale> {
        loop {
            let node = &self.nodes[index];
            if let Some(scale) = node.scale() {
                return Some(scale);
            }
            index = node.parent()?;
        }
    }

    /// The codes from the root down to the node.
    pub fn path(&self, index: usize) -> Vec<usize> {
        let mut path = vec![index];
        let mut at = index;
        while let Some(p) = self.nodes[at].parent() {
            path.push(p);
            at = p;
        }
        path.reverse();
        path
    }

    /// The years some indicator has a target for, in order.
    pub fn target_years(&self) -> Vec<i32> {
        let years: std::collections::BTreeSet<i32> =
            self.nodes.iter().flat_map(|n| n.target_by_year().keys().copied()).collect();
        years.into_iter().collect()
    }

    /// The years the plan mentions, in targets, baselines and weights.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .nodes
            .iter()
            .flat_map(|n| n.target_by_year().keys().chain(n.baseline_by_year().keys()).chain(n.weight_by_year().keys()))
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

    /// A national plan holds a million nodes: the code and name share one
    /// allocation, indices and lines are 32-bit, and the fields few rows fill
    /// are boxed together, and the targets are a pointer to a shared list.
    /// Measured with `std::mem::size_of::<Node>()` on x86_64: 304 bytes with
    /// a `String` each for the code, the name and the algorithm, `usize`
    /// indices and every list of years inline; 160 after; 144 with the
    /// targets shared instead of a `Vec` of the node's own (24 bytes to 8);
    /// 136 with the parent a `u32` that has a value for none; 128 with the
    /// weight a decimal that may be missing in 16 bytes (20 as an `Option`)
    /// and a unit of the plan's own words boxed (24 bytes to 16). The
    /// fields few rows fill: 152 bytes, 96 with the algorithm a `Box<str>`
    /// and the scale (56 bytes) boxed; 112 with the children in one list
    /// of the plan's instead of a list of each node's (16 bytes); the same
    /// with the code and name in a text shared by the nodes read together
    /// (a pointer and three 32-bit numbers where a `Box<str>` and one were,
    /// without an allocation of each node's); 40 with everything but the
    /// label, the line and the parent in a definition that the nodes whose
    /// rows repeat it share (96 bytes, held once for all of them).
    #[test]
    fn a_node_stays_compact() {
        let size = std::mem::size_of::<Node>();
        eprintln!("size_of::<Node>() = {size}");
        assert!(size <= 40, "Node grew to {size} bytes");
        assert!(std::mem::size_of::<Definition>() <= 96);
        assert!(std::mem::size_of::<Rare>() <= 96);
    }
}
