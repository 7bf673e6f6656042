//! Figures as an Italian reader expects them in the table and Markdown:
//! `104,67 %`, `1.336 N.`, `31-03-2024`, `SI`.

use rust_decimal::Decimal;

use crate::evaluate::score::Method;
use crate::evaluate::{MissingPolicy, Options};
use crate::lang::Lang;
use crate::target::Target;
use crate::unit::{is_percent, Unit};
use crate::value::{format_italian, format_italian_date, Value};

/// A number with as many decimals as it needs, up to two (four below 1).
fn number(n: Decimal) -> String {
    let places = if n.abs() < Decimal::ONE && !n.is_zero() { 4 } else { 2 };
    format_italian(n, places, 0)
}

/// A value in its unit: percents ×100 with `%`, other units after the number;
/// yes/no in the reader's language.
pub fn value(v: &Value, unit: Option<&Unit>, lang: Lang) -> String {
    match v {
        Value::Number(n) if is_percent(unit) => match n.checked_mul(Decimal::ONE_HUNDRED) {
            Some(points) => format!("{} %", format_italian(points, 2, 2)),
            // Too large to show as a percent: the fraction itself, without a `%` that would misstate it.
            None => number(*n),
        },
        Value::Number(n) => match unit.and_then(Unit::after_number) {
            Some(u) => format!("{} {u}", number(*n)),
            None => number(*n),
        },
        Value::Date(d) => format_italian_date(*d),
        Value::Bool(true) => lang.words().yes.into(),
        Value::Bool(false) => lang.words().no.into(),
    }
}

/// A target as plans write it: `>= 105,00 %`, `entro 31-03-2024`, `SI`.
pub fn target(t: &Target, unit: Option<&Unit>, lang: Lang) -> String {
    match t {
        Target::Number { comparison, value: v } => {
            let symbol = comparison.symbol();
            format!("{symbol} {}", value(&Value::Number(*v), unit, lang))
        }
        Target::Range { low, high } => {
            let words = lang.words();
            let (low, high) = (value(&Value::Number(*low), unit, lang), value(&Value::Number(*high), unit, lang));
            format!("{} {low} {} {high}", words.between, words.and)
        }
        Target::Deadline(d) => format!("{} {}", lang.words().by, format_italian_date(*d)),
        Target::Boolean(b) => value(&Value::Bool(*b), None, lang),
    }
}

/// The options the scores were made with, so a published figure can be
/// checked: `metodo rapporto`, and the cap and the missing policy when they
/// are not the defaults (`metodo rapporto, tetto 120, mancanti contati come
/// 0`). The cap is named only under ratio, the one scoring it changes.
pub fn scoring(options: &Options, lang: Lang) -> String {
    let words = lang.words();
    let mut text = format!("{} {}", words.scoring, lang.method(options.scoring.method));
    if options.scoring.method == Method::Ratio && options.scoring.cap != Decimal::ONE_HUNDRED {
        text += &format!(", {} {}", words.cap, weight(options.scoring.cap));
    }
    if options.missing == MissingPolicy::Zero {
        text += &format!(", {}", words.missing_counted_as_zero);
    }
    if let Some(scale) = &options.scale {
        // Nodes may set their own: this is the one for the rest.
        text += &format!(", {} {scale} {}", words.scale, words.where_the_plan_sets_none);
    }
    text
}

/// A score or coverage: `72,73`.
pub fn score(s: Decimal) -> String {
    format_italian(s, 2, 2)
}

/// A weight: `20`, `33,34`.
pub fn weight(w: Decimal) -> String {
    format_italian(w, 2, 0)
}

/// A cell on one Markdown line: `|` escaped, line breaks folded, and a `<`
/// or `&` that would open an HTML tag or entity (`<img onerror=…>`, `&#…`)
/// written as an entity, so a name holding HTML shows as text wherever the
/// Markdown is rendered; `<= 7 %` stays as it is.
pub fn markdown_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied().unwrap_or(' ');
        match c {
            '<' if next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?') => out.push_str("&lt;"),
            '&' if next.is_ascii_alphanumeric() || next == '#' => out.push_str("&amp;"),
            '|' => out.push_str("\\|"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Comparison;
    use crate::unit::Unit;
    use std::str::FromStr;

    #[test]
    fn figures_read_the_italian_way() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(value(&Value::Number(d("1.046666")), Some(&Unit::Percent), Lang::Italian), "104,67 %");
        assert_eq!(value(&Value::Number(d("1336")), Some(&Unit::Count), Lang::Italian), "1.336 N.");
        assert_eq!(value(&Value::Number(d("0.18751")), None, Lang::Italian), "0,1875");
        assert_eq!(
            target(&Target::Number { comparison: Comparison::AtMost, value: d("2") }, Some(&Unit::Days), Lang::Italian),
            "<= 2 gg"
        );
        assert_eq!(
            target(
                &Target::Number { comparison: Comparison::AtLeast, value: d("1.05") },
                Some(&Unit::Percent),
                Lang::Italian
            ),
            ">= 105,00 %"
        );
        let deadline = Target::Deadline(chrono::NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(target(&deadline, None, Lang::Italian), "entro 31-03-2024");
        assert_eq!(target(&deadline, None, Lang::English), "by 31-03-2024");
        assert_eq!(value(&Value::Bool(true), None, Lang::English), "YES");
        assert_eq!(score(d("72.727272")), "72,73");
    }

    #[test]
    fn the_scoring_names_the_options_that_are_not_the_defaults() {
        use crate::evaluate::score::Scoring;
        let options = |method, cap: &str, missing| Options {
            scoring: Scoring { method, cap: Decimal::from_str(cap).unwrap() },
            missing,
            scale: None,
        };
        let en = Lang::English;
        assert_eq!(scoring(&options(Method::Ratio, "100", MissingPolicy::Skip), en), "scoring ratio");
        assert_eq!(
            scoring(&options(Method::Ratio, "120", MissingPolicy::Zero), en),
            "scoring ratio, cap 120, missing counted as 0"
        );
        assert_eq!(scoring(&options(Method::Ratio, "112.5", MissingPolicy::Skip), en), "scoring ratio, cap 112,5");
        // A cap counts only under ratio.
        assert_eq!(scoring(&options(Method::Linear, "120", MissingPolicy::Skip), en), "scoring linear");
        assert_eq!(
            scoring(&options(Method::Binary, "100", MissingPolicy::Zero), en),
            "scoring binary, missing counted as 0"
        );
        assert_eq!(
            scoring(&options(Method::Ratio, "120", MissingPolicy::Zero), Lang::Italian),
            "metodo rapporto, tetto 120, mancanti contati come 0"
        );
        let scaled = Options { scale: crate::scale::Scale::parse("70%:0 90%:100").unwrap(), ..Options::default() };
        assert_eq!(scoring(&scaled, en), "scoring ratio, scale 70%:0 90%:100 where the plan sets none");
        assert_eq!(
            scoring(&scaled, Lang::Italian),
            "metodo rapporto, scala 70%:0 90%:100 dove il piano non ne indica una"
        );
    }
}
