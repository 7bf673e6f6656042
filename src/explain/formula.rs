//! A formula written again with each quantity's value in its place, so the
//! computation can be followed by hand: `(1680 − 1180) / 1180`.

use rust_decimal::Decimal;

use crate::figure::{self, Style};
use crate::formula::{write, Expr, Grouping, Notation, Quantity, Symbols};
use crate::lang::Lang;
use crate::value::Value;

/// Values in the language's figures, `−` and `×`, `;` between a function's arguments
/// (`,` is the decimal point), and only the parentheses precedence needs.
struct WithValues<'a> {
    value_of: &'a dyn Fn(&Quantity) -> Option<Value>,
    style: Style,
}

impl Notation for WithValues<'_> {
    fn number(&self, n: Decimal) -> String {
        figure::operand(n, self.style)
    }

    /// A quantity without a value keeps its `[name]`.
    fn quantity(&self, q: &Quantity) -> String {
        match (self.value_of)(q) {
            Some(Value::Number(n)) => figure::operand(n, self.style),
            Some(other) => figure::value(&other, None, self.style),
            None => q.to_string(),
        }
    }

    fn symbols(&self) -> &Symbols {
        &WITH_VALUES
    }
}

const WITH_VALUES: Symbols =
    Symbols {
        add: "+", sub: "−", mul: "×", div: "/", minus: "−", separator: "; ", grouping: Grouping::Precedence
    };

/// The expression with values in place of quantities.
pub fn substituted(expr: &Expr, value_of: &dyn Fn(&Quantity) -> Option<Value>, lang: Lang) -> String {
    write(expr, &WithValues { value_of, style: lang.figures() })
}

/// Whether writing the formula again says more than its value alone: not for
/// a bare `[quantity]`.
pub fn worth_writing(expr: &Expr) -> bool {
    !matches!(expr, Expr::Quantity(_) | Expr::Number(..))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::Formula;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn show(source: &str, values: &[(&str, &str)]) -> String {
        let formula = Formula::parse(source).unwrap();
        let lookup = |q: &Quantity| {
            values
                .iter()
                .find(|(name, _)| *name == q.to_string())
                .map(|(_, v)| Value::Number(Decimal::from_str(v).unwrap()))
        };
        substituted(&formula.expr, &lookup, Lang::Italian)
    }

    #[test]
    fn values_in_place_with_the_parentheses_that_matter() {
        assert_eq!(
            show("([a] - [a](N-1)) / [a](N-1)", &[("[a]", "1680"), ("[a](N-1)", "1180")]),
            "(1.680 − 1.180) / 1.180"
        );
        assert_eq!(show("[a] / ([b] / 100)", &[("[a]", "2220"), ("[b]", "135594")]), "2.220 / (135.594 / 100)");
        assert_eq!(show("[a] - ([b] - [c])", &[("[a]", "1"), ("[b]", "2"), ("[c]", "3")]), "1 − (2 − 3)");
        assert_eq!(show("[a] - [b] - [c]", &[("[a]", "1"), ("[b]", "2"), ("[c]", "3")]), "1 − 2 − 3");
        assert_eq!(show("max([a], [b], 29) * 50%", &[("[a]", "85.95"), ("[b]", "-3")]), "max(85,95; (-3); 29) × 0,5");
        assert_eq!(show("-([a] + 1)", &[]), "−([a] + 1)");
    }
}
