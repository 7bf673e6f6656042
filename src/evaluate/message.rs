//! Why an indicator has no score, or how its score was decided, kept as
//! data: each output words it in its own language (`lang::message`), the
//! machine formats always in English.

use rust_decimal::Decimal;

use crate::formula::{Failure, Quantity};

use super::score::{Status, Unscorable};

/// The message an indicator's result carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// No value given, and no formula or baseline to get one from.
    NoValue { code: String, year: i32 },
    /// The formula's quantities the actuals do not give, each with the year
    /// it was looked for (N-k years earlier where lagged).
    MissingQuantities(Vec<(Quantity, i32)>),
    /// The formula's arithmetic failed.
    Failed(Failure),
    /// The value cannot be scored against the target.
    Unscorable(Unscorable),
    /// The evaluator took the indicator out of the roll-up; `place` is the
    /// decision's file and line, `note` its written reason.
    Neutralized { place: String, note: String },
    /// The evaluator forced the score; `computed` is what the evaluation
    /// gave before it (its status, and its score when it had one).
    Forced { score: Decimal, place: String, note: String, computed: Option<(Status, Option<Decimal>)> },
}
