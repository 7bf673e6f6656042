//! What `kpi needs` says about an indicator beside its figures (why nothing
//! is needed, why no value reaches it, the deadline's state), kept as data:
//! each output words it in its language (`lang::needs`), the machine formats
//! in English.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::evaluate::Message;
use crate::formula::Quantity;

/// One note on an indicator's needs; an indicator may have several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// No target for the year: not part of its evaluation.
    NoTarget { year: i32 },
    /// The evaluator decided it (neutralized, or a forced score): the decision's message.
    Decided(Option<Message>),
    /// Achieved with the value so far.
    AchievedSoFar,
    /// The evaluation failed: its message.
    Failed(Option<Message>),
    /// No value reaches what is asked.
    Unreachable(Unreachable),
    /// Several quantities still to come, each with its year.
    SeveralToCome(Vec<(Quantity, i32)>),
    /// The quantity asked for cannot be solved for while these are still to come.
    OthersToCome { unknown: Quantity, others: Vec<(Quantity, i32)> },
    /// Whatever the quantity (0 or more), the target is reached.
    AnyValue { unknown: Quantity, year: i32 },
    /// Days left to a deadline still to come.
    DaysLeft { days: i64, deadline: NaiveDate },
    /// The deadline passed `ago` days ago; partial credit until the soglia, `left` days away.
    PassedBeforeSoglia { deadline: NaiveDate, ago: i64, soglia: NaiveDate, left: i64 },
    /// The deadline and its soglia both passed.
    PassedSogliaToo { deadline: NaiveDate, ago: i64, soglia: NaiveDate },
    /// The deadline passed, with no soglia.
    PassedNoSoglia { deadline: NaiveDate, ago: i64 },
}

/// Why no value reaches the target or the score asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreachable {
    /// A score above 100 that only a ratio under a cap can give.
    BeyondAchieving { score: Decimal },
    /// No value printed to the printed decimals scores it.
    NoPrintedValueScores { score: Decimal },
    /// The target itself cannot be met by a printed value.
    TargetNotPrintable,
    /// The indicator needs a date or a yes/no (`Value::kind`), which arithmetic cannot give.
    NotArithmetic { kind: &'static str },
    /// The formula cannot be computed whatever the quantity is.
    NeverComputed { name: String },
    /// More than one stretch of the quantity's values would do.
    NotMonotonic { name: String },
    /// The formula cannot get there (a min or max caps it).
    OutOfRange { name: String },
    /// The search found no value, the formula possibly not monotonic.
    NotFound { name: String },
    /// No printed value makes it exactly `target`.
    NotExactly { name: String, target: Decimal },
    /// The search found no value that makes it exactly `target`.
    NotFoundExactly { name: String, target: Decimal },
    /// No printed value of the quantity reaches it.
    NoPrintedValueReaches { name: String },
}
