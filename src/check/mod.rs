//! `kpi check`: every problem in the plan and the actuals, found in one run,
//! so the office can mend its own mistakes before the figures are published.
//!
//! The loaders report what `kpi eval` would refuse; the checks here look for
//! what it would accept but get wrong or leave missing.

mod evaluation;
pub mod percent;
mod suggest;
mod thresholds;
mod unused;
mod values;
mod weights;

use crate::actuals::Actuals;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::evaluate::{evaluate_indicators_from, NodeResult, Options};
use crate::plan::Plan;

/// What is checked.
pub struct Subject<'a> {
    /// The plan as read; its flawed nodes were reported by the loader.
    pub plan: &'a Plan,
    /// `None` when no actuals were given: the plan alone is checked.
    pub actuals: Option<&'a Actuals>,
    /// The years whose evaluation must work.
    pub years: &'a [i32],
    /// The years, among `years`, whose values must all be given: those the
    /// actuals have rows for, unless the years were asked for.
    pub value_years: &'a [i32],
}

impl Subject<'_> {
    /// A node whose row the loader reported: its mistakes are told there,
    /// once. Most plans have none, so the set is asked only when it is not
    /// empty.
    fn flawed(&self, index: usize) -> bool {
        !self.plan.flawed.is_empty() && self.plan.flawed.contains(&index)
    }
}

/// The nodes evaluated at once: enough for the threads to share (the
/// evaluation splits a run of 8 192 or more), a few MiB of results.
const RUN: usize = 1 << 16;

/// Pushes every problem the checks find, in no particular order (see [`sort`]).
pub fn check(subject: &Subject, out: &mut Diagnostics) {
    check_in_runs(subject, RUN, out);
}

/// [`check`], evaluating `run` nodes at a time. The checks that need no
/// evaluation run beside it, those of the plan alone on one thread and those
/// of the actuals on another, when there are two; their findings are pushed
/// in the order they would be found one after the other.
fn check_in_runs(subject: &Subject, run: usize, out: &mut Diagnostics) {
    let ((plan_found, (given_found, rows_found)), (too_large, errors)) = crate::threads::both(
        || crate::threads::both(|| of_the_plan(subject, out), || of_the_actuals(subject, out)),
        || evaluated(subject, run),
    );
    out.extend(plan_found);
    out.extend(too_large);
    out.extend(given_found);
    errors.report(subject.plan, out);
    out.extend(rows_found);
}

/// The checks of the plan alone: weights, soglie, percents written as points.
fn of_the_plan(subject: &Subject, like: &Diagnostics) -> Diagnostics {
    let mut found = like.empty_like();
    weights::check(subject, &mut found);
    thresholds::check(subject, &mut found);
    percent::check_plan(subject, &mut found);
    found
}

/// The checks of the actuals that need no evaluation: the own values given
/// as points, then the values the formulas need, the rows nothing reads and
/// the decisions that cannot apply.
fn of_the_actuals(subject: &Subject, like: &Diagnostics) -> (Diagnostics, Diagnostics) {
    let (mut given_found, mut rows_found) = (like.empty_like(), like.empty_like());
    if let Some(actuals) = subject.actuals {
        percent::check_given(subject, actuals, &mut given_found);
        values::check(subject, actuals, &mut rows_found);
        unused::check(subject, actuals, &mut rows_found);
        rows_found.extend(crate::evaluate::adjustment_problems(subject.plan, actuals).map(|(_, problem)| problem));
    }
    (given_found, rows_found)
}

/// Each year evaluated once, for the values too large for a percent and for
/// what the evaluator scores as error; their findings keep that order.
fn evaluated(subject: &Subject, run: usize) -> (Vec<Diagnostic>, evaluation::Found) {
    let none = Actuals::default();
    let actuals = subject.actuals.unwrap_or(&none);
    let mut too_large = Vec::new();
    let mut errors = evaluation::Found::default();
    // A run of nodes at a time: only the indicators' own results are read,
    // each on its own, so a large plan never holds a result for every node.
    let nodes = subject.plan.nodes.len();
    for &year in subject.years {
        for first in (0..nodes).step_by(run) {
            let mut results = vec![NodeResult::default(); run.min(nodes - first)];
            evaluate_indicators_from(subject.plan, actuals, year, &Options::default(), false, first, &mut results);
            if subject.actuals.is_some() {
                too_large.extend(percent::computed_as_points(subject, actuals, year, first, &results));
            }
            errors.add_year(subject, actuals, year, first, &results);
        }
    }
    (too_large, errors)
}

/// Puts problems in reading order: the files in the order given, then line
/// and column. Problems at the same spot keep the order they were found in.
pub fn sort(diagnostics: &mut [Diagnostic], files: &[&str]) {
    let rank = |file: &str| files.iter().position(|f| *f == file).unwrap_or(files.len());
    diagnostics.sort_by_key(|d| (rank(d.file.as_deref().unwrap_or_default()), d.line, d.column));
}

/// The plan's node for each code of the actuals' values, which come a few
/// rows to a code and the codes in the plan's order: a code like the one
/// before is not looked up again, and a new one is looked for first among
/// the few nodes after the last found (an objective or an ambito may sit
/// between two indicators) before its code is hashed, which on a national
/// plan misses the cache of a table of a million codes.
pub(crate) struct CodeFinder<'a> {
    plan: &'a Plan,
    last: Option<(&'a str, Option<usize>)>,
    /// The node last found.
    found: Option<usize>,
}

impl<'a> CodeFinder<'a> {
    /// How many nodes after the last found are tried.
    const NEAR: usize = 4;

    pub(crate) fn new(plan: &'a Plan) -> Self {
        CodeFinder { plan, last: None, found: None }
    }

    /// [`Plan::find`].
    pub(crate) fn find(&mut self, code: &'a str) -> Option<usize> {
        match self.last {
            Some((last, index)) if last == code => index,
            _ => {
                let index = self.near(code).or_else(|| self.plan.find(code));
                self.last = Some((code, index));
                self.found = index.or(self.found);
                index
            }
        }
    }

    /// The node with the code among the few after the last found, if it is
    /// the one [`Plan::find`] gives: the first with its code, since a later
    /// one is flawed, as a duplicate.
    fn near(&self, code: &str) -> Option<usize> {
        let nodes = &self.plan.nodes;
        let from = self.found? + 1;
        let code = code.trim();
        (from..nodes.len().min(from + Self::NEAR))
            .find(|&i| nodes[i].code() == code)
            .filter(|i| self.plan.flawed.is_empty() || !self.plan.flawed.contains(i))
    }
}

/// Years as a list: `2024, 2025`.
pub fn years_text(years: &[i32]) -> String {
    years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::sheet::Sheet;
    use crate::plan::{load_plan, PlanOptions};

    /// The first line of each problem the plan alone gets, in order.
    fn problems(plan: &str, years: &[i32]) -> Vec<String> {
        let sheet = Sheet::parse("plan.csv", plan).unwrap();
        let plan = load_plan(&sheet, PlanOptions::default(), &mut Diagnostics::reading_on()).unwrap();
        let subject = Subject { plan: &plan, actuals: None, years, value_years: years };
        let mut collected = Diagnostics::reading_on();
        check(&subject, &mut collected);
        let mut found = collected.take(|_| true);
        sort(&mut found, &["plan.csv"]);
        found.iter().map(|d| d.to_string().lines().next().unwrap().to_string()).collect()
    }

    /// Every problem of a plan whose indicators the evaluator scores as error
    /// (one in both years) or finds as percents written as points, as its
    /// full text, found evaluating `run` nodes at a time.
    fn evaluated_in_runs(run: usize) -> Vec<String> {
        let plan = "level,code,weight,formula,unit,target_2024,target_2025\n\
             ambito,A1,,,,,\n\
             indicator,K1,,[Data] + 1,N.,>= 3,>= 3\n\
             indicator,K2,,[p] / [q],%,>= 50 %,>= 50 %\n\
             indicator,K3,,2 / (1 - 1),N.,>= 3,>= 3\n\
             indicator,K4,,[a] / ([b] - [c]),%,>= 50 %,\n\
             indicator,K5,,,,SI,SI\n\
             indicator,K6,,[p] / [q],%,>= 50 %,\n";
        let actuals = "year,code,variable,value,note\n\
             2024,K1,Data,31-03-2024,\n\
             2024,,p,92,\n\
             2024,,q,1,\n\
             2024,,a,5,\n\
             2024,K4,b,7,\n\
             2024,K4,c,7,\n\
             2024,K5,,12,\n\
             2025,K5,,13,\n";
        let mut reading = Diagnostics::reading_on();
        let plan = load_plan(&Sheet::parse("plan.csv", plan).unwrap(), PlanOptions::default(), &mut reading).unwrap();
        let mut given = Actuals::default();
        given.add_sheet(&Sheet::parse("a.csv", actuals).unwrap(), None, &mut reading);
        assert!(reading.take(|_| true).is_empty());
        let years = [2024, 2025];
        let subject = Subject { plan: &plan, actuals: Some(&given), years: &years, value_years: &years[..1] };
        let mut collected = Diagnostics::reading_on();
        check_in_runs(&subject, run, &mut collected);
        let mut found = collected.take(|_| true);
        sort(&mut found, &["plan.csv", "a.csv"]);
        found.iter().map(|d| d.to_string().lines().next().unwrap().to_string()).collect()
    }

    #[test]
    fn a_plan_checked_a_few_nodes_at_a_time_gets_the_same_problems() {
        let whole = evaluated_in_runs(RUN);
        assert_eq!(
            whole,
            vec![
                "plan.csv:3: error: K1 cannot be computed for 2024: [Data] is a date, which cannot be used in arithmetic in `[Data] + 1`",
                // 92 / 1 = 92, that is 9 200 %
                "plan.csv:4: warning: K2 is a percent indicator but its 2024 value 92, computed from [p] 2024 = 92 (a.csv:3), [q] 2024 = 1 (a.csv:4), is above 1.000 %",
                "plan.csv:5: error: K3 cannot be computed for 2024, 2025: division by zero in `2 / (1 - 1)`",
                // 7 - 7 = 0
                "plan.csv:6: error: K4 cannot be computed for 2024: division by zero in `[a] / ([b] - [c])`",
                // its hint names a row of each year
                "plan.csv:7: error: K5 cannot be scored for 2024: the value is a number but the target needs a yes/no value",
                "plan.csv:7: error: K5 cannot be scored for 2025: the value is a number but the target needs a yes/no value",
                "plan.csv:8: warning: K6 is a percent indicator but its 2024 value 92, computed from [p] 2024 = 92 (a.csv:3), [q] 2024 = 1 (a.csv:4), is above 1.000 %",
            ]
        );
        for run in [1, 2, 3, 5] {
            assert_eq!(evaluated_in_runs(run), whole, "runs of {run} nodes");
        }
    }

    #[test]
    fn the_code_finder_finds_the_node_the_plan_finds() {
        // K2 is on lines 4 and 6: the second is flawed and never the one found.
        let plan = "level,code\nambito,A1\nindicator,K1\nindicator,K2\nstrategic,OS1\nindicator,K2\nindicator,K3\nindicator,K4\n";
        let plan = Sheet::parse("plan.csv", plan).unwrap();
        let plan = load_plan(&plan, PlanOptions::default(), &mut Diagnostics::reading_on()).unwrap();
        assert_eq!(plan.flawed, std::collections::HashSet::from([4]));
        // In the plan's order, going back, skipping, blank, unknown, repeated, with spaces.
        let codes = ["K1", "K2", "K3", "K4", "K2", "K3", "", "K1", "K9", "K4", "K4", " K3", "A1", "OS1", "K2", "K4"];
        let mut find = CodeFinder::new(&plan);
        let found: Vec<Option<usize>> = codes.iter().map(|c| find.find(c)).collect();
        let expected: Vec<Option<usize>> = codes.iter().map(|c| plan.find(c)).collect();
        assert_eq!(found, expected);
        assert_eq!(&found[..5], &[Some(1), Some(2), Some(5), Some(6), Some(2)]);
    }

    #[test]
    fn weights_that_do_not_add_up_to_100_are_named_with_or_without_percent() {
        // The `%` sign changes nothing: 1 + 2 = 3 is not 100 either.
        assert_eq!(
            problems("level,code,weight\nambito,A1,1\nambito,A2,2\n", &[2024]),
            vec!["plan.csv:2: warning: the weights of the top-level nodes add up to 3, not 100: A1 1, A2 2"]
        );
        // 40 + 60 = 100 without `%`: nothing to say
        assert!(problems("level,code,weight\nambito,A1,40\nambito,A2,60\n", &[2024]).is_empty());
        // 3 × 33,33 = 99,99: a rounding, not a mistake
        let thirds = "level,code,weight\nambito,A1,\"33,33 %\"\nambito,A2,\"33,33 %\"\nambito,A3,\"33,33 %\"\n";
        assert!(problems(thirds, &[2024]).is_empty());
        // a group mixing % and plain numbers is read as percentages
        assert_eq!(
            problems("level,code,weight\nambito,A1,60%\nambito,A2,30\n", &[2024]),
            vec!["plan.csv:2: warning: the weights of the top-level nodes add up to 90 %, not 100 %: A1 60 %, A2 30 %"]
        );
    }

    #[test]
    fn weights_too_large_to_add_up_are_reported_not_skipped() {
        let plan = "level,code,weight\nambito,A1,79228162514264337593543950335\nambito,A2,1%\n";
        let found = problems(plan, &[2024]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("plan.csv:2: warning: the weights of the top-level nodes add up to more than kpi can compute, not 100 %: A1 "),
            "{found:?}"
        );
    }

    #[test]
    fn a_weight_wrong_in_one_year_only_names_it() {
        let plan = "level,code,weight,weight_2025\nambito,A1,60%,50%\nambito,A2,40%,\n";
        assert_eq!(
            problems(plan, &[2024, 2025]),
            vec!["plan.csv:2: warning: the weights of the top-level nodes add up to 90 % in 2025, not 100 %: A1 50 %, A2 40 %"]
        );
    }

    #[test]
    fn an_empty_weight_among_weighted_siblings_is_an_error() {
        assert_eq!(
            problems("level,code,weight\nambito,A1,1\nambito,A2,\n", &[2024, 2025]),
            vec!["plan.csv:3: error: A2 has no weight for 2024 while its sibling A1 (line 2) has one"]
        );
    }

    #[test]
    fn soglie_on_the_wrong_side() {
        let plan = "level,code,threshold,target_2024,target_2025\nindicator,K1,4 gg,<= 5 gg,<= 3 gg\nindicator,K2,30-04-2024,Entro 31-03-2024,\nindicator,K3,10-03-2024,Entro 31-03-2024,\n";
        assert_eq!(
            problems(plan, &[2024, 2025]),
            vec![
                "plan.csv:2: error: the soglia 4 gg of K1 is below its target <= 5 gg (2024)",
                "plan.csv:4: error: the soglia 10-03-2024 of K3 is before its target entro 31-03-2024 (2024)",
            ]
        );
    }

    #[test]
    fn percents_written_as_points_in_the_plan() {
        let plan = "level,code,unit,baseline_2023,threshold,target_2024\nindicator,K1,%,85,70%,>= 90\nindicator,K2,N.,85,70,>= 90\n";
        assert_eq!(
            problems(plan, &[2024]),
            vec!["plan.csv:2: warning: K1 is a percent indicator but has values above 1.000 %: baseline_2023 85, target_2024 90"]
        );
        // Any spelling of the percent is a percent; a target in words and a range are read the same way.
        let plan =
            "level,code,unit,threshold,target_2024,target_2025\nindicator,K1,Percentuale,70,almeno 90,tra 80 e 95\n";
        assert_eq!(
            problems(plan, &[2024]),
            vec!["plan.csv:2: warning: K1 is a percent indicator but has values above 1.000 %: threshold 70, target_2024 90, target_2025 80, target_2025 95"]
        );
    }
}
