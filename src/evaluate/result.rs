//! What an evaluation gives: each node's result for the year, and how it
//! was made.

use std::borrow::Cow;
use std::sync::OnceLock;

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
use crate::maybe_value::MaybeValue;

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
    /// Given directly in the actuals: the indicator's own value for the
    /// year, whose row [`given_origin`] finds again (a result does not keep
    /// it: 8 bytes for each of a national plan's million indicators).
    Given,
    /// Computed by the formula. The quantities it was made of are not kept
    /// (a national plan has millions): [`inputs`](super::inputs) reads them
    /// again for the outputs that show them.
    Computed,
    /// The plan's `baseline_YYYY`.
    Baseline,
}

/// One node's result for the year. What the plan and the actuals already
/// hold is not kept again: the target and the soglia are the plan's for the
/// year ([`Evaluation::target`], [`Evaluation::threshold`]), the weight in
/// force is told by the plan and the siblings ([`Evaluation::weight`]), a
/// given value's row is the actuals' ([`given_origin`]), the note is its
/// number in the actuals; the fields
/// few nodes fill (message, failure, decision, a rule with figures of its
/// own) share one box; and a decimal or a value that may be missing takes 16
/// bytes, so that a result of a plan of a million indicators stays small
/// (README, "National scale").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NodeResult {
    /// The indicator's value for the year ([`NodeResult::value`]).
    value: MaybeValue,
    pub source: Option<ValueSource>,
    pub score: MaybeDecimal,
    /// Share (0-100) of the node's weight that was measured; none without any target.
    pub coverage: MaybeDecimal,
    /// Indicators only.
    pub status: Option<Status>,
    /// Whose the weight in force is: the plan's, or a share of siblings that
    /// all weigh equally (see [`NodeResult::weight`]).
    weight: KeptWeight,
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
    /// The indicator's value for the year, however it was obtained.
    pub fn value(&self) -> Option<Value> {
        self.value.get()
    }

    pub fn set_value(&mut self, value: Value) {
        self.value = Some(value).into();
    }

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

    /// Weighs the node for the year: with the plan's weight, or, when
    /// `equal_share`, as each of siblings that all leave the weight empty.
    pub fn set_weight(&mut self, equal_share: bool) {
        self.weight = if equal_share { KeptWeight::EqualShare } else { KeptWeight::Plan };
    }

    /// The weight in force of node `index` of `plan` in `year`, this
    /// result's: the plan's, or 100/n where its n siblings weigh equally;
    /// none before the weights are resolved.
    pub fn weight(&self, plan: &Plan, index: usize, year: i32) -> Option<Decimal> {
        match self.weight {
            KeptWeight::Unweighed => None,
            KeptWeight::Plan => plan.nodes[index].weight_in(year),
            KeptWeight::EqualShare => {
                let siblings = plan.nodes[index].parent().map_or(plan.roots.len(), |p| plan.children(p).len());
                equal_share(siblings)
            }
        }
    }

    /// The weight the roll-up uses, of `node`'s result in `year`: the
    /// plan's, 1 for each of siblings that weigh equally (exact, where 100/n
    /// may not be), 0 before the weights are resolved.
    pub fn effective_weight(&self, node: &Node, year: i32) -> Decimal {
        match self.weight {
            KeptWeight::Unweighed => Decimal::ZERO,
            KeptWeight::Plan => node.weight_in(year).unwrap_or(Decimal::ZERO),
            KeptWeight::EqualShare => Decimal::ONE,
        }
    }
}

/// Whose a result's weight in force is, told again from the plan when it is
/// shown: one byte where the decimal took sixteen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum KeptWeight {
    /// Not weighed yet (`kpi check` scores indicators without weighing them).
    #[default]
    Unweighed,
    /// The plan's weight for the year.
    Plan,
    /// 100/n, where n siblings all leave the weight empty.
    EqualShare,
}

/// Each of `siblings` siblings' share of 100. Worked out once for the
/// small groups a plan is made of: a national plan shows a million weights.
fn equal_share(siblings: usize) -> Option<Decimal> {
    static SHARES: [OnceLock<Option<Decimal>>; 128] = [const { OnceLock::new() }; 128];
    let share = || Decimal::ONE_HUNDRED.checked_div(Decimal::from(siblings));
    match SHARES.get(siblings) {
        Some(known) => *known.get_or_init(share),
        None => share(),
    }
}

/// The row an indicator's value given directly came from in `year`: its own
/// value in the actuals, which is the value the evaluation took (see
/// [`ValueSource::Given`]).
pub fn given_origin(actuals: &Actuals, node: &Node, year: i32) -> Option<Origin> {
    actuals.own_value(node.code(), year).map(|entry| entry.origin)
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
        match (target?, self.value()?) {
            (target @ Target::Number { value: t, .. }, Value::Number(v)) => {
                Some(Rule::Ratio { direction: target.direction(), value: v, target: *t })
            }
            _ => None,
        }
    }

    /// The partial credit between the soglia and the target, made of the
    /// result's own value and the target and soglia, when it has the three.
    fn linear(&self, target: Option<&Target>, threshold: Option<&Value>) -> Option<Rule> {
        let target = target?;
        match (target, threshold?, self.value()?) {
            (Target::Number { value: t, .. }, Value::Number(s), Value::Number(v)) => {
                Some(Rule::Linear { direction: target.direction(), value: v, target: *t, threshold: *s })
            }
            (Target::Deadline(t), Value::Date(s), Value::Date(v)) => {
                Some(Rule::DeadlineDays { value: v, target: *t, threshold: *s })
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

    /// The weight in force of node `index` (see [`NodeResult::weight`]).
    pub fn weight(&self, index: usize) -> Option<Decimal> {
        self.nodes[index].weight(self.plan, index, self.year)
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
    /// the plan's, told by the evaluation, instead of two pointers, 72 with
    /// the weight in force told by the plan and the siblings (16 bytes
    /// become 1) and a given value's row found again in the actuals (12
    /// bytes become 1), 64 with the value in 16 bytes instead of 20.
    #[test]
    fn a_node_result_stays_compact() {
        let size = std::mem::size_of::<NodeResult>();
        assert!(size <= 64, "NodeResult grew to {size} bytes");
        assert_eq!(std::mem::size_of::<KeptRule>(), 1);
        assert!(std::mem::size_of::<RareResult>() <= 80);
    }

    /// The weight in force is told again from the plan and the siblings:
    /// the three ambiti leave it empty, so each weighs 100/3 = 33.33…; K1
    /// and K2 weigh 30 and 70 as the plan says, and K2 70 + 10 = 80 in 2025
    /// by its `weight_2025`; a result not weighed yet has none.
    #[test]
    fn the_weight_in_force_is_told_from_the_plan() {
        use crate::diagnostic::Diagnostics;
        use crate::files::sheet::Sheet;
        use crate::plan::{load_plan, PlanOptions};
        let text = "level,code,weight,weight_2025,target_2024,target_2025\n\
                    ambito,A1,,,,\nindicator,K1,30,,>= 1,>= 1\nindicator,K2,70,80,>= 1,>= 1\n\
                    ambito,A2,,,,\nindicator,K3,,,>= 1,>= 1\nambito,A3,,,,\nindicator,K4,,,>= 1,>= 1\n";
        let sheet = Sheet::parse("p.csv", text).unwrap();
        let plan = load_plan(&sheet, PlanOptions::default(), &mut Diagnostics::reading_on()).unwrap();
        let actuals = Actuals::default();
        let third = Decimal::ONE_HUNDRED.checked_div(Decimal::from(3));
        for (year, k2) in [(2024, 70), (2025, 80)] {
            let evaluation = super::super::evaluate(&plan, &actuals, year, Options::default()).unwrap();
            let weights: Vec<_> = (0..plan.nodes.len()).map(|i| evaluation.weight(i)).collect();
            let (k1, k2, alone) = (Some(Decimal::from(30)), Some(Decimal::from(k2)), Some(Decimal::ONE_HUNDRED));
            assert_eq!(weights, [third, k1, k2, third, alone, third, alone], "{year}");
        }
        assert_eq!(NodeResult::default().weight(&plan, 1, 2024), None);
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
        let mut result = NodeResult::default();
        result.set_value(Value::Number(Decimal::from(25)));
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
