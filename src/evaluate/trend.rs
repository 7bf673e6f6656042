//! Years side by side (`kpi eval 2024..2026`): the plan evaluated for each
//! year of the span, with the plan's baseline years before it, so every
//! indicator's history sits beside its targets and scores.

use super::result::{Evaluation, Options};
use super::year::evaluate;
use crate::actuals::Actuals;
use crate::diagnostic::Diagnostic;
use crate::plan::Plan;

/// One evaluation per year, oldest first.
#[derive(Debug, Clone)]
pub struct Trend<'a> {
    pub evaluations: Vec<Evaluation<'a>>,
    /// The years before the span, shown for their baselines.
    pub baseline_years: Vec<i32>,
}

impl Trend<'_> {
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.evaluations.iter().map(|e| e.year)
    }

    pub fn is_baseline_year(&self, year: i32) -> bool {
        self.baseline_years.contains(&year)
    }
}

/// The years shown: the plan's baseline years before `first`, then `first`
/// to `last`.
pub fn trend_years(plan: &Plan, first: i32, last: i32) -> (Vec<i32>, Vec<i32>) {
    let mut baseline: Vec<i32> =
        plan.nodes.iter().flat_map(|n| n.baseline_by_year().keys().copied()).filter(|&y| y < first).collect();
    baseline.sort_unstable();
    baseline.dedup();
    let mut years = baseline.clone();
    years.extend(first..=last);
    (years, baseline)
}

/// Evaluates every year shown. Fails like [`evaluate`] on a year that cannot
/// be weighed.
pub fn trend<'a>(
    plan: &'a Plan,
    actuals: &'a Actuals,
    first: i32,
    last: i32,
    options: Options,
) -> Result<Trend<'a>, Diagnostic> {
    let (years, baseline_years) = trend_years(plan, first, last);
    let evaluations =
        years.into_iter().map(|y| evaluate(plan, actuals, y, options.clone())).collect::<Result<_, _>>()?;
    Ok(Trend { evaluations, baseline_years })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::sheet::Sheet;
    use crate::plan::{load_plan, PlanOptions};

    #[test]
    fn baseline_years_come_first() {
        let plan = load_plan(
            &Sheet::parse(
                "p.csv",
                "level,code,baseline_2022,baseline_2023,baseline_2024,target_2025\nindicator,K1,1,2,3,>= 4\n",
            )
            .unwrap(),
            PlanOptions::default(),
            &mut crate::diagnostic::Diagnostics::reading_on(),
        )
        .unwrap();
        assert_eq!(trend_years(&plan, 2024, 2026), (vec![2022, 2023, 2024, 2025, 2026], vec![2022, 2023]));
        assert_eq!(trend_years(&plan, 2022, 2022), (vec![2022], vec![]));
    }
}
