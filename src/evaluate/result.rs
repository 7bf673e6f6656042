//! What an evaluation gives: each node's result for the year, and how it
//! was made.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::actuals::{Actuals, Adjustment, NoteNumber, Origin};
use crate::formula::{Failure, Quantity};
use crate::plan::{Node, Plan};
use crate::scale::Scale;
use crate::target::Target;
use crate::value::Value;

use super::message::Message;
use super::score::{Rule, Scoring, Status, EXACT_NO_CREDIT};
use crate::maybe_decimal::MaybeDecimal;

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
/// hold is not kept again: the target and the soglia are the plan's for the
/// year ([`Evaluation::target`], [`Evaluation::threshold`]), the note is its
/// number in the actuals; the fields
/// few nodes fill (message, failure, decision, a rule with figures of its
/// own) share one box; the weight the roll-up uses is told from the weight
/// in force; and a decimal that may be missing takes 16 bytes, so that a
/// result of a plan of a million indicators stays small (README, "National
/// scale").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeResult {
    /// The weight in force: the plan's, or 100/n where n siblings weigh equally.
    pub weight: MaybeDecimal,
    pub value: Option<Value>,
    pub source: Option<ValueSource>,
    pub score: MaybeDecimal,
    /// Share (0-100) of the node's weight that was measured; none without any target.
    pub coverage: MaybeDecimal,
    /// Indicators only.
    pub status: Option<Status>,
    /// The weight in force is a share of siblings that all weigh equally,
    /// which the roll-up weighs as 1 each (see [`NodeResult::effective_weight`]).
    equal_share: bool,
    /// The office's motivazione: the note on the indicator's own-value row
    /// for the year (even one whose value is empty), whatever gave the value.
    /// It never changes a figure. Kept as its number in the actuals (4
    /// bytes where the text borrowed takes 16): [`Evaluation::note`] gives it.
    pub note: Option<NoteNumber>,
    /// The scoring rule, for indicators with a score. Under a forced score,
    /// the rule the computed value followed.
    rule: KeptRule,
    /// `None` when the node has none of the fields few nodes fill.
    rare: Option<Box<RareResult>>,
}

/// The fields of a node's result few nodes fill, each but the rule boxed
/// again so that a result with a rule of its own alone (the commonest of
/// them) holds no room for a message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct RareResult {
    /// Why there is no score, or how the evaluator decided it.
    message: Option<Box<Message>>,
    /// Why the formula failed, when it did: the cause behind an `error`'s
    /// message, for `kpi check` to point at the quantity to blame.
    failure: Option<Box<Failure>>,
    /// The evaluator's decision for the year: neutralized, or a forced score.
    adjustment: Option<Box<Adjustment>>,
    /// A rule with figures other than the result's own.
    rule: Option<Rule>,
}

impl NodeResult {
    fn rare_mut(&mut self) -> &mut RareResult {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Why there is no score, or how the evaluator decided it.
    pub fn message(&self) -> Option<&Message> {
        self.rare.as_ref().and_then(|r| r.message.as_deref())
    }

    pub fn set_message(&mut self, message: Message) {
        self.rare_mut().message = Some(Box::new(message));
    }

    /// Why the formula failed, when it did: the cause behind an `error`'s
    /// message, for `kpi check` to point at the quantity to blame.
    pub fn failure(&self) -> Option<&Failure> {
        self.rare.as_ref().and_then(|r| r.failure.as_deref())
    }

    /// The formula failed: the message says so, the failure is kept for `kpi check`.
    pub fn set_failure(&mut self, failure: Failure) {
        let rare = self.rare_mut();
        rare.message = Some(Box::new(Message::Failed(failure.clone())));
        rare.failure = Some(Box::new(failure));
    }

    /// The evaluator's decision for the year: neutralized, or a forced score.
    pub fn adjustment(&self) -> Option<&Adjustment> {
        self.rare.as_ref().and_then(|r| r.adjustment.as_deref())
    }

    pub fn set_adjustment(&mut self, adjustment: Adjustment) {
        self.rare_mut().adjustment = Some(Box::new(adjustment));
    }

    /// Sets the weight in force; `equal_share` when it is the share of
    /// siblings that all leave the weight empty.
    pub fn set_weight(&mut self, weight: Option<Decimal>, equal_share: bool) {
        self.weight = weight.into();
        self.equal_share = equal_share;
    }

    /// The weight the roll-up uses: the plan's, 1 for each of siblings that
    /// weigh equally (exact, where 100/n may not be), 0 before the weights
    /// are resolved.
    pub fn effective_weight(&self) -> Decimal {
        if self.equal_share {
            Decimal::ONE
        } else {
            self.weight.get().unwrap_or(Decimal::ZERO)
        }
    }
}

impl NodeResult {
    /// The scoring rule, for indicators with a score (see [`KeptRule`]),
    /// told with the `target` and `threshold` the result was scored against
    /// ([`Evaluation::rule`] gives them).
    pub fn rule(&self, target: Option<&Target>, threshold: Option<&Value>) -> Option<Cow<'_, Rule>> {
        match &self.rule {
            KeptRule::None => None,
            KeptRule::Achieved => Some(Cow::Borrowed(&ACHIEVED)),
            KeptRule::BeyondThreshold => Some(Cow::Borrowed(&BEYOND_THRESHOLD)),
            KeptRule::ExactNoCredit => Some(Cow::Borrowed(&EXACT)),
            KeptRule::Ratio => self.ratio(target).map(Cow::Owned),
            KeptRule::Linear => self.linear(target, threshold).map(Cow::Owned),
            KeptRule::Other => self.rare.as_ref().and_then(|r| r.rule.as_ref()).map(Cow::Borrowed),
        }
    }

    /// Keeps the rule that scored the result, whose value is already set,
    /// against `target` and `threshold`: without a box where the rule can be
    /// told again from them.
    pub fn keep_rule(&mut self, rule: Rule, target: Option<&Target>, threshold: Option<&Value>) {
        if let Some(rare) = &mut self.rare {
            rare.rule = None;
        }
        self.rule = match rule {
            Rule::Achieved => KeptRule::Achieved,
            Rule::BeyondThreshold => KeptRule::BeyondThreshold,
            Rule::NoCredit(EXACT_NO_CREDIT) => KeptRule::ExactNoCredit,
            rule if self.ratio(target).as_ref() == Some(&rule) => KeptRule::Ratio,
            rule if self.linear(target, threshold).as_ref() == Some(&rule) => KeptRule::Linear,
            rule => {
                self.rare_mut().rule = Some(rule);
                KeptRule::Other
            }
        };
    }

    /// The ratio of the result's own value to the target, when it has both.
    fn ratio(&self, target: Option<&Target>) -> Option<Rule> {
        match (target?, self.value.as_ref()?) {
            (target @ Target::Number { value: t, .. }, Value::Number(v)) => {
                Some(Rule::Ratio { direction: target.direction(), value: *v, target: *t })
            }
            _ => None,
        }
    }

    /// The partial credit between the soglia and the target, made of the
    /// result's own value and the target and soglia, when it has the three.
    fn linear(&self, target: Option<&Target>, threshold: Option<&Value>) -> Option<Rule> {
        let target = target?;
        match (target, threshold?, self.value.as_ref()?) {
            (Target::Number { value: t, .. }, Value::Number(s), Value::Number(v)) => {
                Some(Rule::Linear { direction: target.direction(), value: *v, target: *t, threshold: *s })
            }
            (Target::Deadline(t), Value::Date(s), Value::Date(v)) => {
                Some(Rule::DeadlineDays { value: *v, target: *t, threshold: *s })
            }
            _ => None,
        }
    }

    /// The scale that gave the score, when one did: the rule's (a scaled
    /// rule is always kept with the fields few nodes fill).
    pub fn scale(&self) -> Option<&Scale> {
        match &self.rule {
            KeptRule::Other => self.rare.as_ref().and_then(|r| r.rule.as_ref()).and_then(Rule::scale),
            _ => None,
        }
    }
}

/// The target an indicator's result is scored against in `year`: the
/// plan's; the result of a node that is no indicator has none.
pub fn target_of(node: &Node, year: i32) -> Option<&Target> {
    node.is_indicator().then(|| node.target_in(year)).flatten()
}

/// The soglia an indicator's result is scored against in `year`: the
/// plan's; the result of a node that is no indicator has none, whatever its
/// row says.
pub fn threshold_of(node: &Node, year: i32) -> Option<&Value> {
    node.is_indicator().then(|| node.threshold_in(year)).flatten()
}

/// A result's scoring rule, told by [`NodeResult::rule`]: the rules without
/// figures (met, worse than the soglia, an exact target missed), and the
/// ratio and the partial credit between the soglia and the target, whose
/// figures are the result's own, are kept as their kind alone; any other
/// among the fields few results fill. So a result holds one byte for its
/// rule rather than room for the largest (README, "National scale").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeptRule {
    #[default]
    None,
    Achieved,
    BeyondThreshold,
    ExactNoCredit,
    /// 100·v/T or 100·T/v of the result's value and target.
    Ratio,
    /// Linear between the result's soglia and target, of numbers or of days.
    Linear,
    /// Kept whole with the fields few results fill.
    Other,
}

static ACHIEVED: Rule = Rule::Achieved;
static BEYOND_THRESHOLD: Rule = Rule::BeyondThreshold;
static EXACT: Rule = Rule::NoCredit(EXACT_NO_CREDIT);

/// The evaluation of a plan for one year, node results in plan order,
/// borrowing from the plan and the actuals it was made of.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    pub year: i32,
    /// The plan it was made of, which gives each result's target and soglia.
    pub plan: &'a Plan,
    /// The actuals it was made of, where the outputs that show a computed
    /// value's quantities read them.
    pub actuals: &'a Actuals,
    pub options: Options,
    /// The body's overall score ("performance organizzativa").
    pub score: Option<Decimal>,
    pub coverage: Option<Decimal>,
    pub nodes: Vec<NodeResult>,
}

impl<'a> Evaluation<'a> {
    /// The office's motivazione of node `index` (see [`NodeResult::note`]).
    pub fn note(&self, index: usize) -> Option<&'a str> {
        self.nodes[index].note.map(|n| self.actuals.note_text(n))
    }

    /// The target node `index` is scored against (see [`target_of`]).
    pub fn target(&self, index: usize) -> Option<&'a Target> {
        target_of(&self.plan.nodes[index], self.year)
    }

    /// The soglia node `index` is scored against (see [`threshold_of`]).
    pub fn threshold(&self, index: usize) -> Option<&'a Value> {
        threshold_of(&self.plan.nodes[index], self.year)
    }

    /// The scoring rule of node `index` (see [`NodeResult::rule`]).
    pub fn rule(&self, index: usize) -> Option<Cow<'_, Rule>> {
        self.nodes[index].rule(self.target(index), self.threshold(index))
    }
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
    /// weight, score and coverage in 16 bytes each instead of 20, 128 with
    /// the message, the failure, the decision and a rule with figures of its
    /// own in one box (four fields of 8 bytes and a rule of 16 become one of
    /// 8 and a rule of 1) and the roll-up's weight told from the weight in
    /// force (16 bytes become 1), 112 with the note kept as its number in
    /// the actuals (16 bytes become 4), 96 with the target and the soglia
    /// the plan's, told by the evaluation, instead of two pointers.
    #[test]
    fn a_node_result_stays_compact() {
        let size = std::mem::size_of::<NodeResult>();
        assert!(size <= 96, "NodeResult grew to {size} bytes");
        assert_eq!(std::mem::size_of::<KeptRule>(), 1);
        assert!(std::mem::size_of::<RareResult>() <= 80);
    }

    /// Every rule comes back as it was kept: those without figures, and the
    /// ratio and the linear one made of the result's own figures (value 25
    /// days against a target of <= 20 and a soglia of 45), as their kind alone, one whose
    /// figures are not the result's (a cap of 120) kept whole.
    #[test]
    fn a_kept_rule_comes_back_as_it_was() {
        use crate::target::Comparison;
        let target = Target::Number { comparison: Comparison::AtMost, value: Decimal::from(20) };
        let threshold = Value::Number(Decimal::from(45));
        let mut result = NodeResult { value: Some(Value::Number(Decimal::from(25))), ..NodeResult::default() };
        let (t, s) = (Some(&target), Some(&threshold));
        assert_eq!(result.rule(t, s), None);
        let linear = Rule::Linear {
            direction: target.direction(),
            value: Decimal::from(25),
            target: Decimal::from(20),
            threshold: Decimal::from(45),
        };
        let ratio = Rule::Ratio { direction: target.direction(), value: Decimal::from(25), target: Decimal::from(20) };
        let capped = Rule::AchievedAtCap { cap: Decimal::from(120) };
        let exact = Rule::NoCredit(EXACT_NO_CREDIT);
        let other = Rule::NoCredit("no soglia");
        for (rule, kept) in [
            (Rule::Achieved, KeptRule::Achieved),
            (Rule::BeyondThreshold, KeptRule::BeyondThreshold),
            (exact.clone(), KeptRule::ExactNoCredit),
            (ratio.clone(), KeptRule::Ratio),
            (linear.clone(), KeptRule::Linear),
            (capped.clone(), KeptRule::Other),
            (other.clone(), KeptRule::Other),
        ] {
            result.keep_rule(rule.clone(), t, s);
            assert_eq!(result.rule, kept);
            assert_eq!(result.rule(t, s).as_deref(), Some(&rule));
        }
    }
}
