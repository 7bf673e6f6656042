//! One year's evaluation: every indicator's value and score (the indicator
//! step, with its scoring rules), then the weighted roll-up to objectives,
//! ambiti and the whole body; and the years of a span side by side.

pub mod indicator;
mod message;
mod result;
pub mod rollup;
pub mod score;
pub mod trend;
mod year;

pub use crate::maybe_decimal::MaybeDecimal;
pub use indicator::{
    adjustment_problems, check_adjustments, evaluate_indicators_from, find_input, inputs, scale_in_force,
};
pub use message::Message;
pub use result::{
    given_origin, target_of, threshold_of, Evaluation, Input, KeptRule, MissingPolicy, NodeResult, Options, ValueSource,
};
pub use trend::{trend, trend_years, Trend};
pub use year::evaluate;
