//! Numbers as the explanation writes them: Italian decimals, negatives in
//! parentheses where an operator precedes them, scores to two places.

use rust_decimal::Decimal;

use crate::value::format_italian;

/// An operand: as many decimals as it has, up to six (`0,84`, `1.336`).
pub fn figure(n: Decimal) -> String {
    format_italian(n, 6, 0)
}

/// An operand after an operator: `(-0,15)` for a negative.
pub fn operand(n: Decimal) -> String {
    if n.is_sign_negative() && !n.is_zero() {
        format!("({})", figure(n))
    } else {
        figure(n)
    }
}

/// A value read from the actuals, shown in full (`2.923,681`).
pub fn exact(n: Decimal) -> String {
    format_italian(n, 10, 0)
}

/// A score or a product of weights and scores: `89,47`.
pub fn two_places(n: Decimal) -> String {
    format_italian(n, 2, 2)
}
