//! `kpi needs --format json`: `{"year", "as_of", "goal", "floor", "ceiling",
//! "goal_average", ["unreachable", "shortfall"], "nodes": [...]}`, numbers
//! written from the exact decimal, never through a float; laid out and
//! streamed like `eval`'s document.

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::fields::NeedsRecord;
use super::NeedsRenderer;
use crate::evaluate::Evaluation;
use crate::needs::Needs;
use crate::plan::Plan;
use crate::report::exact::{Exact, IsoDate};
use crate::report::fields::SCORE_DP;
use crate::report::json_document::write_document;
use crate::report::ReportOptions;

pub struct NeedsJson {
    pub options: ReportOptions,
}

fn score(s: Option<rust_decimal::Decimal>) -> Option<Exact> {
    s.map(|s| Exact::rounded(s, SCORE_DP))
}

/// The body's figures, then the nodes.
#[derive(Serialize)]
struct Document<'a> {
    year: i32,
    as_of: IsoDate,
    goal: Option<Exact>,
    floor: Option<Exact>,
    ceiling: Option<Exact>,
    /// Already rounded up to the printed decimals: enough, never short.
    goal_average: Option<Exact>,
    /// Only when the goal cannot be reached, with the shortfall.
    #[serde(skip_serializing_if = "Option::is_none")]
    unreachable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shortfall: Option<Option<Exact>>,
    nodes: Nodes<'a>,
}

struct Nodes<'a> {
    plan: &'a Plan,
    evaluation: &'a Evaluation,
    needs: &'a Needs,
    order: &'a [usize],
}

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let record = |&index: &usize| NeedsRecord::new(self.plan, self.evaluation, self.needs, index);
        serializer.collect_seq(self.order.iter().map(record))
    }
}

impl NeedsRenderer for NeedsJson {
    fn render(&self, plan: &Plan, evaluation: &Evaluation, needs: &Needs, out: &mut dyn Write) -> io::Result<()> {
        let order = self.options.plan_order(plan);
        let unreachable = needs.goal.as_ref().filter(|g| g.unreachable);
        let document = Document {
            year: evaluation.year,
            as_of: IsoDate(needs.as_of),
            goal: score(needs.goal.as_ref().map(|g| g.goal)),
            floor: score(needs.floor),
            ceiling: score(needs.ceiling),
            goal_average: score(needs.goal.as_ref().and_then(|g| g.average)),
            unreachable: unreachable.map(|_| true),
            shortfall: unreachable.map(|g| score(g.shortfall)),
            nodes: Nodes { plan, evaluation, needs, order: &order },
        };
        write_document(out, &document)
    }
}
