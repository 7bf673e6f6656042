//! What the human outputs share beyond their figures (which `crate::figure`
//! writes): the line naming the scoring options, and the Markdown cell.

use rust_decimal::Decimal;

use crate::evaluate::score::Method;
use crate::evaluate::{MissingPolicy, Options};
use crate::figure;
use crate::lang::Lang;

/// The options the scores were made with, so a published figure can be
/// checked: `metodo rapporto`, and the cap and the missing policy when they
/// are not the defaults (`metodo rapporto, tetto 120, mancanti contati come
/// 0`). The cap is named only under ratio, the one scoring it changes.
pub fn scoring(options: &Options, lang: Lang) -> String {
    let words = lang.words();
    let mut text = format!("{} {}", words.scoring, lang.method(options.scoring.method));
    if options.scoring.method == Method::Ratio && options.scoring.cap != Decimal::ONE_HUNDRED {
        text += &format!(", {} {}", words.cap, figure::weight(options.scoring.cap, lang.figures()));
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
    use std::str::FromStr;

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
        assert_eq!(scoring(&options(Method::Ratio, "112.5", MissingPolicy::Skip), en), "scoring ratio, cap 112.5");
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
