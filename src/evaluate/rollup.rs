//! Weighted roll-up (README, "Roll-up"): score(node) = Σ wᵢ·sᵢ / Σ wᵢ over the
//! children scored that year, and how much of each node's weight was measured.

use rust_decimal::Decimal;

use super::result::NodeResult;
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

/// Fills in each node's weight for the year. Siblings that all leave the
/// weight empty weigh the same (100/n each); an empty weight among weighted
/// siblings is an error naming its line.
pub fn resolve_weights(plan: &Plan, year: i32, results: &mut [NodeResult]) -> Result<(), Diagnostic> {
    if let Some(first) = weight_problems(plan, year).into_iter().next() {
        return Err(first);
    }
    for siblings in plan.sibling_groups() {
        let weighted = siblings.iter().any(|&i| plan.nodes[i].weight_in(year).is_some());
        // Equal weights roll up with 1 each (exact); the weight shown is
        // each sibling's share of 100, so it reads like any other weight.
        for &i in siblings {
            results[i].set_weight(!weighted);
        }
    }
    Ok(())
}

/// Every node of the year with an empty weight among weighted siblings.
pub fn weight_problems(plan: &Plan, year: i32) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for siblings in plan.sibling_groups() {
        sibling_weight_problems(plan, siblings, year, &mut problems);
    }
    problems
}

/// [`weight_problems`] of one group of siblings, pushed to `problems`.
pub fn sibling_weight_problems(plan: &Plan, siblings: &[usize], year: i32, problems: &mut Vec<Diagnostic>) {
    let Some(&weighted) = siblings.iter().find(|&&i| plan.nodes[i].weight_in(year).is_some()) else {
        return;
    };
    for &i in siblings {
        let node = &plan.nodes[i];
        if node.weight_in(year).is_none() {
            let w = &plan.nodes[weighted];
            problems.push(
                Diagnostic::error(
                    &plan.source,
                    Some(node.line()),
                    format!(
                        "{} has no weight for {year} while its sibling {} (line {}) has one",
                        node.code(),
                        w.code(),
                        w.line()
                    ),
                )
                .with_hint("give every sibling a weight, or none for equal weights"),
            );
        }
    }
}

/// A running weighted average with checked arithmetic.
#[derive(Default)]
struct WeightedSum {
    total: Decimal,
    weights: Decimal,
    /// Some child contributes, even with weight 0.
    any: bool,
    overflow: bool,
}

impl WeightedSum {
    fn add(&mut self, weight: Decimal, value: Decimal) {
        self.any = true;
        match (weight.checked_mul(value).and_then(|p| self.total.checked_add(p)), self.weights.checked_add(weight)) {
            (Some(total), Some(weights)) => {
                self.total = total;
                self.weights = weights;
            }
            _ => self.overflow = true,
        }
    }

    fn average(&self) -> Option<Decimal> {
        if self.overflow || self.weights.is_zero() {
            return None;
        }
        self.total.checked_div(self.weights)
    }
}

/// Rolls scores and coverage up from the indicators, children before
/// parents, and returns the body's overall score and coverage.
pub fn roll_up(plan: &Plan, year: i32, results: &mut [NodeResult]) -> (Option<Decimal>, Option<Decimal>) {
    for i in plan.bottom_up_order() {
        let node = &plan.nodes[i];
        if node.is_indicator() && plan.children(i).is_empty() {
            continue;
        }
        let (score, coverage) = combine(plan, year, plan.children(i), results, 0);
        results[i].score = score.into();
        results[i].coverage = coverage.into();
    }
    let (score, coverage) = combine(plan, year, &plan.roots, results, 0);
    (score, Some(coverage.unwrap_or(Decimal::ZERO)))
}

/// The children's weighted score and coverage in `year` (`results` of the nodes from `first` on).
fn combine(
    plan: &Plan,
    year: i32,
    children: &[usize],
    results: &[NodeResult],
    first: usize,
) -> (Option<Decimal>, Option<Decimal>) {
    combine_by(children, results, first, |_, c, child| child.effective_weight(&plan.nodes[c], year))
}

/// [`combine`], the weight of the `k`th child `c` told by `weight(k, c, result)`.
fn combine_by(
    children: &[usize],
    results: &[NodeResult],
    first: usize,
    weight: impl Fn(usize, usize, &NodeResult) -> Decimal,
) -> (Option<Decimal>, Option<Decimal>) {
    let mut score = WeightedSum::default();
    let mut coverage = WeightedSum::default();
    for (k, &c) in children.iter().enumerate() {
        let child = &results[c - first];
        let (s, cov) = (child.score.get(), child.coverage.get());
        if s.is_none() && cov.is_none() {
            continue;
        }
        let weight = weight(k, c, child);
        if let Some(s) = s {
            score.add(weight, s);
        }
        if let Some(cov) = cov {
            coverage.add(weight, cov);
        }
    }
    // Children with targets that all weigh nothing leave nothing to measure: no coverage, like no score.
    let coverage = if coverage.any { coverage.average() } else { None };
    (score.average(), coverage)
}

/// [`weigh`] and then [`combine`] of the children of one node, each child's
/// weight read from the plan once for both (`weights` is room for them,
/// kept from node to node): the same weights, figures and answer as the
/// two one after the other.
fn weigh_and_combine(
    plan: &Plan,
    year: i32,
    children: &[usize],
    results: &mut [NodeResult],
    first: usize,
    weights: &mut Vec<Option<Decimal>>,
) -> (bool, (Option<Decimal>, Option<Decimal>)) {
    let problem = weigh(plan, year, children, results, first, weights);
    let weighted = weights.iter().any(Option::is_some);
    // As `NodeResult::effective_weight`: the plan's weight or 0, or 1 each for siblings that weigh equally.
    let weight = |k: usize, _, _: &NodeResult| {
        if weighted {
            weights[k].unwrap_or(Decimal::ZERO)
        } else {
            Decimal::ONE
        }
    };
    (problem, combine_by(children, results, first, weight))
}

/// The nodes below which a thread costs more than it saves.
const PER_THREAD: usize = 4096;

/// [`resolve_weights`] and then [`roll_up`], in one pass over the nodes and a
/// piece of the plan on each thread: each piece, last node to first, weighs
/// the children of every node whose subtree lies wholly after it in the
/// piece and rolls them up into it; the few nodes left (those above a
/// piece's edge) are done after, last to first, then the top-level nodes. A
/// node's figures depend only on its children's, so they come out the same
/// as one thread's in any such order. A plan where a node comes after a child
/// (a parent named by its code further down) is done the way of one thread.
pub fn weigh_and_roll_up(
    plan: &Plan,
    year: i32,
    results: &mut [NodeResult],
) -> Result<(Option<Decimal>, Option<Decimal>), Diagnostic> {
    let threads = crate::threads::threads().min(results.len() / PER_THREAD).max(1);
    weigh_and_roll_up_in(plan, year, results, threads)
}

/// [`weigh_and_roll_up`] in `pieces` pieces, each on a thread of its own.
fn weigh_and_roll_up_in(
    plan: &Plan,
    year: i32,
    results: &mut [NodeResult],
    pieces: usize,
) -> Result<(Option<Decimal>, Option<Decimal>), Diagnostic> {
    let size = results.len().div_ceil(pieces.max(1)).max(1);
    let pieces: Vec<(Vec<usize>, bool)> = if pieces <= 1 {
        vec![roll_up_piece(plan, year, 0, results)]
    } else {
        std::thread::scope(|scope| {
            let spawned: Vec<_> = results
                .chunks_mut(size)
                .enumerate()
                .map(|(piece, run)| scope.spawn(move || roll_up_piece(plan, year, piece * size, run)))
                .collect();
            spawned
                .into_iter()
                .map(|thread| thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        })
    };
    let mut problem = pieces.iter().any(|(_, problem)| *problem);
    let mut weights = Vec::new();
    // Each piece's nodes left are last to first, and so are the pieces taken from the last.
    for &i in pieces.iter().rev().flat_map(|(left, _)| left) {
        let children = plan.children(i);
        if children.iter().any(|&c| c < i) {
            resolve_weights(plan, year, results)?;
            return Ok(roll_up(plan, year, results));
        }
        let (weight_problem, (score, coverage)) = weigh_and_combine(plan, year, children, results, 0, &mut weights);
        problem |= weight_problem;
        results[i].score = score.into();
        results[i].coverage = coverage.into();
    }
    problem |= weigh(plan, year, &plan.roots, results, 0, &mut weights);
    if problem {
        if let Some(first) = weight_problems(plan, year).into_iter().next() {
            return Err(first);
        }
    }
    let (score, coverage) = combine(plan, year, &plan.roots, results, 0);
    Ok((score, Some(coverage.unwrap_or(Decimal::ZERO))))
}

/// Weighs and rolls up, last to first, the nodes from `first` on (one result
/// each in `results`) whose children all come after them within the piece
/// and are done; returns the others, last to first, and whether a group of
/// siblings weighed has an empty weight among weighted ones.
fn roll_up_piece(plan: &Plan, year: i32, first: usize, results: &mut [NodeResult]) -> (Vec<usize>, bool) {
    let end = first + results.len();
    let mut done = vec![false; results.len()];
    let mut left = Vec::new();
    let mut problem = false;
    let mut weights = Vec::new();
    for i in (first..end).rev() {
        let node = &plan.nodes[i];
        let children = plan.children(i);
        if node.is_indicator() && children.is_empty() {
            done[i - first] = true;
        } else if children.iter().all(|&c| c > i && c < end && done[c - first]) {
            let (weight_problem, (score, coverage)) =
                weigh_and_combine(plan, year, children, results, first, &mut weights);
            problem |= weight_problem;
            results[i - first].score = score.into();
            results[i - first].coverage = coverage.into();
            done[i - first] = true;
        } else {
            left.push(i);
        }
    }
    (left, problem)
}

/// Gives a group of siblings their weights for the year, as
/// [`resolve_weights`] does (`results` of the nodes from `first` on); true
/// when the group leaves a weight empty among weighted siblings. `weights`
/// is left with each sibling's weight in the plan for the year, in order.
fn weigh(
    plan: &Plan,
    year: i32,
    siblings: &[usize],
    results: &mut [NodeResult],
    first: usize,
    weights: &mut Vec<Option<Decimal>>,
) -> bool {
    weights.clear();
    weights.extend(siblings.iter().map(|&i| plan.nodes[i].weight_in(year)));
    let given = weights.iter().filter(|w| w.is_some()).count();
    let weighted = given > 0;
    for &i in siblings {
        results[i - first].set_weight(!weighted);
    }
    weighted && given < siblings.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::files::sheet::Sheet;
    use crate::plan::{load_plan, PlanOptions};

    fn plan(text: &str) -> Plan {
        let sheet = Sheet::parse("p.csv", text).unwrap();
        load_plan(&sheet, PlanOptions::default(), &mut Diagnostics::reading_on()).unwrap()
    }

    /// Each indicator scored 10, 20, … 90, 10, … in file order, a third of
    /// them unmeasured (no score, coverage 0).
    fn scored(plan: &Plan) -> Vec<NodeResult> {
        let mut results = vec![NodeResult::default(); plan.nodes.len()];
        for (k, i) in (0..plan.nodes.len()).filter(|&i| plan.nodes[i].is_indicator()).enumerate() {
            let measured = k % 3 != 2;
            results[i].score = measured.then(|| Decimal::from(10 * (k % 9 + 1))).into();
            results[i].coverage = Some(if measured { Decimal::ONE_HUNDRED } else { Decimal::ZERO }).into();
        }
        results
    }

    /// A plan of `ambiti` ambiti of three objectives of four indicators,
    /// weighted by hand in the first ambito and equally elsewhere.
    fn generated(ambiti: usize) -> String {
        let mut text = String::from("level,code,weight,target_2024\n");
        for a in 0..ambiti {
            text.push_str(&format!("ambito,A{a},,\n"));
            for o in 0..3 {
                let w = if a == 0 { format!("{}", o + 1) } else { String::new() };
                text.push_str(&format!("strategic,O{a}.{o},{w},\n"));
                for k in 0..4 {
                    let w = if a == 0 { format!("{}", k * 10) } else { String::new() };
                    text.push_str(&format!("indicator,K{a}.{o}.{k},{w},>= 1\n"));
                }
            }
        }
        text
    }

    /// The way of one thread: every weight, then the roll-up children first.
    fn by_one_thread(plan: &Plan, results: &[NodeResult]) -> (Vec<NodeResult>, (Option<Decimal>, Option<Decimal>)) {
        let mut results = results.to_vec();
        resolve_weights(plan, 2024, &mut results).unwrap();
        let overall = roll_up(plan, 2024, &mut results);
        (results, overall)
    }

    #[test]
    fn every_piece_count_rolls_up_as_one_thread() {
        // 7 ambiti of 3 objectives of 4 indicators: 7 × (1 + 3 × 5) = 112 nodes.
        let plan = plan(&generated(7));
        assert_eq!(plan.nodes.len(), 112);
        let results = scored(&plan);
        let (expected, overall) = by_one_thread(&plan, &results);
        // Worked out by hand for the first objective, O0.0, weight 1: its
        // indicators weigh 0, 10, 20, 30 and score 10, 20, n/d, 40:
        // (0·10 + 10·20 + 30·40) / (0 + 10 + 30) = 1400 / 40 = 35.
        assert_eq!(expected[1].score.get(), Some(Decimal::from(35)));
        // Its coverage: (0·100 + 10·100 + 20·0 + 30·100) / 60 = 4000 / 60 = 66.66…
        assert_eq!(expected[1].coverage.get(), Decimal::from(4000).checked_div(Decimal::from(60)));
        for pieces in 1..=9 {
            let mut mine = results.clone();
            assert_eq!(weigh_and_roll_up_in(&plan, 2024, &mut mine, pieces), Ok(overall), "{pieces} pieces");
            assert_eq!(mine, expected, "{pieces} pieces");
        }
    }

    #[test]
    fn a_parent_after_its_children_rolls_up_as_one_thread() {
        // O1's indicators name it as their parent before its own row.
        let plan = plan(
            "level,code,parent,weight,target_2024\n\
             ambito,A1,,,\n\
             indicator,K1,O1,1,>= 1\n\
             indicator,K2,O1,3,>= 1\n\
             strategic,O1,A1,,\n\
             strategic,O2,A1,,\n\
             indicator,K3,O2,,>= 1\n",
        );
        let results = scored(&plan);
        let (expected, overall) = by_one_thread(&plan, &results);
        // O1: K1 scores 10, K2 20, weights 1 and 3: (10 + 60) / 4 = 17.5.
        assert_eq!(expected[3].score.get(), Some(Decimal::new(175, 1)));
        for pieces in 1..=6 {
            let mut mine = results.clone();
            assert_eq!(weigh_and_roll_up_in(&plan, 2024, &mut mine, pieces), Ok(overall), "{pieces} pieces");
            assert_eq!(mine, expected, "{pieces} pieces");
        }
    }

    #[test]
    fn an_empty_weight_among_weighted_siblings_is_the_first_problem_in_any_piece() {
        let mut text = generated(5);
        // K3.1.2 and K4.0.0 lose their weights among weighted siblings (their
        // ambiti weigh equally, so their siblings are weighted by hand here).
        text = text
            .replace("indicator,K3.1.0,,", "indicator,K3.1.0,5,")
            .replace("indicator,K4.0.1,,", "indicator,K4.0.1,5,");
        let plan = plan(&text);
        let first = weight_problems(&plan, 2024).into_iter().next().unwrap();
        assert!(first.message.starts_with("K3.1.1 has no weight for 2024"), "{}", first.message);
        for pieces in 1..=7 {
            let mut results = scored(&plan);
            assert_eq!(weigh_and_roll_up_in(&plan, 2024, &mut results, pieces), Err(first.clone()), "{pieces} pieces");
        }
    }
}
