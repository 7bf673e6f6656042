//! What an evaluation gives: each node's result for the year, and how it
//! was made.

use rust_decimal::Decimal;

use crate::actuals::{Actuals, Adjustment, Origin};
use crate::formula::{Failure, Quantity};
use crate::scale::Scale;
use crate::target::Target;
use crate::value::Value;

use super::maybe::MaybeDecimal;
use super::message::Message;
use super::score::{Rule, Scoring, Status};

/// What a `missing` indicator counts as in the roll-up (`--missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MissingPolicy {
    /// Left out, like an error.
    #[default]
    Skip,
    /// Counted as a score of 0.
    Zero,
}

/// The options of one evaluation, kept in its result so outputs can say how
/// the figures were made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub scoring: Scoring,
    pub missing: MissingPolicy,
    /// `--scale`: the scale for every indicator whose plan sets none.
    pub scale: Option<Scale>,
}

/// A quantity read for a formula, and where it was found (see
/// [`inputs`](super::inputs)). It borrows the quantity from the plan's
/// formula and the note from the actuals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input<'a> {
    pub quantity: &'a Quantity,
    /// The note on the row that gave it.
    pub note: Option<&'a str>,
    pub value: Value,
    pub origin: Origin,
    pub year: i32,
    /// Read among the shared quantities rather than the indicator's own.
    pub shared: bool,
}

/// How an indicator got its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueSource {
    /// Given directly in the actuals.
    Given(Origin),
    /// Computed by the formula. The quantities it was made of are not kept
    /// (a national plan has millions): [`inputs`](super::inputs) reads them
    /// again for the outputs that show them.
    Computed,
    /// The plan's `baseline_YYYY`.
    Baseline,
}

/// One node's result for the year. What the plan and the actuals already
/// hold (the target, the soglia, the note) is borrowed from them, and the
/// fields most nodes leave empty (message, failure, decision, a rule with
/// figures) are boxed, the scale is the rule's and a decimal that may be
/// missing takes 16 bytes, so that a result of a plan of a million
/// indicators stays small (README, "National scale").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeResult<'a> {
    /// The weight in force: the plan's, or 100/n where n siblings weigh equally.
    pub weight: MaybeDecimal,
    /// The weight the roll-up uses.
    pub effective_weight: Decimal,
    pub target: Option<&'a Target>,
    pub threshold: Option<&'a Value>,
    pub value: Option<Value>,
    pub source: Option<ValueSource>,
    pub score: MaybeDecimal,
    /// Share (0-100) of the node's weight that was measured; none without any target.
    pub coverage: MaybeDecimal,
    /// Indicators only.
    pub status: Option<Status>,
    /// Why there is no score, or how the evaluator decided it.
    pub message: Option<Box<Message>>,
    /// The office's motivazione: the note on the indicator's own-value row
    /// for the year (even one whose value is empty), whatever gave the value.
    /// It never changes a figure.
    pub note: Option<&'a str>,
    /// Why the formula failed, when it did: the cause behind an `error`'s
    /// message, for `kpi check` to point at the quantity to blame.
    pub failure: Option<Box<Failure>>,
    /// The scoring rule, for indicators with a score. Under a forced score,
    /// the rule the computed value followed.
    pub rule: KeptRule,
    /// The evaluator's decision for the year: neutralized, or a forced score.
    pub adjustment: Option<Box<Adjustment>>,
}

impl NodeResult<'_> {
    /// The scale that gave the score, when one did: the rule's.
    pub fn scale(&self) -> Option<&Scale> {
        self.rule.get().and_then(Rule::scale)
    }
}

/// A result's scoring rule: the rules without figures (met, worse than the
/// soglia) inline, any other boxed, so that a result of a met indicator does
/// not hold room for a rule's figures (README, "National scale").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum KeptRule {
    #[default]
    None,
    Achieved,
    BeyondThreshold,
    Boxed(Box<Rule>),
}

static ACHIEVED: Rule = Rule::Achieved;
static BEYOND_THRESHOLD: Rule = Rule::BeyondThreshold;

impl KeptRule {
    pub fn get(&self) -> Option<&Rule> {
        match self {
            KeptRule::None => None,
            KeptRule::Achieved => Some(&ACHIEVED),
            KeptRule::BeyondThreshold => Some(&BEYOND_THRESHOLD),
            KeptRule::Boxed(rule) => Some(rule),
        }
    }
}

impl From<Rule> for KeptRule {
    fn from(rule: Rule) -> Self {
        match rule {
            Rule::Achieved => KeptRule::Achieved,
            Rule::BeyondThreshold => KeptRule::BeyondThreshold,
            rule => KeptRule::Boxed(Box::new(rule)),
        }
    }
}

/// The evaluation of a plan for one year, node results in plan order,
/// borrowing from the plan and the actuals it was made of.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    pub year: i32,
    /// The actuals it was made of, where the outputs that show a computed
    /// value's quantities read them.
    pub actuals: &'a Actuals,
    pub options: Options,
    /// The body's overall score ("performance organizzativa").
    pub score: Option<Decimal>,
    pub coverage: Option<Decimal>,
    pub nodes: Vec<NodeResult<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan of a million indicators holds a million results: the rare
    /// fields are boxed and what the plan and the actuals hold is borrowed,
    /// so that a typical node stays small. Measured with `size_of` on
    /// x86_64: 656 bytes with every field inline, 336 with message, failure,
    /// decision and scale boxed, 248 with the target, soglia and note
    /// borrowed and the scale of a scaled rule boxed, 232 without the
    /// quantities of a computed value (a vector of them, each of 144 bytes
    /// and two `String`s, plus its note's), 184 with a rule without figures
    /// kept inline and any other boxed (16 bytes instead of 56) and the
    /// scale read from the rule instead of kept beside it, 176 with the
    /// weight, score and coverage in 16 bytes each instead of 20.
    #[test]
    fn a_node_result_stays_compact() {
        let size = std::mem::size_of::<NodeResult>();
        assert!(size <= 176, "NodeResult grew to {size} bytes");
        assert_eq!(std::mem::size_of::<KeptRule>(), 16);
    }

    /// A met indicator's rule and one worse than the soglia come back as
    /// they went in without a box; one with figures, boxed.
    #[test]
    fn a_kept_rule_gives_back_the_rule() {
        assert_eq!(KeptRule::from(Rule::Achieved), KeptRule::Achieved);
        assert_eq!(KeptRule::from(Rule::Achieved).get(), Some(&Rule::Achieved));
        assert_eq!(KeptRule::from(Rule::BeyondThreshold).get(), Some(&Rule::BeyondThreshold));
        let figures = Rule::AchievedAtCap { cap: Decimal::from(120) };
        assert_eq!(KeptRule::from(figures.clone()).get(), Some(&figures));
        assert_eq!(KeptRule::default().get(), None);
    }
}
