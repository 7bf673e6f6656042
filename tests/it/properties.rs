//! No input makes kpi panic: values, targets, formulas, whole files.

use std::str::FromStr;

use kpi::diagnostic::Diagnostics;
use kpi::files::sheet::Sheet;
use kpi::formula::Formula;
use kpi::plan::{load_plan, PlanOptions};
use kpi::target::Target;
use kpi::value::{parse_value, NumberFormat, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Text built from the characters that matter to the parsers, so that the
/// interesting corners are reached far more often than by random Unicode.
fn parser_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("[".to_string()),
            Just("]".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just("N-".to_string()),
            Just("%".to_string()),
            Just(",".to_string()),
            Just(".".to_string()),
            Just("-".to_string()),
            Just("+".to_string()),
            Just("*".to_string()),
            Just("/".to_string()),
            Just(" ".to_string()),
            Just("min".to_string()),
            Just("max".to_string()),
            Just("abs".to_string()),
            Just("Entro ".to_string()),
            Just(">= ".to_string()),
            Just("SI".to_string()),
            Just("N/D".to_string()),
            Just("gg".to_string()),
            Just("31-03-2024".to_string()),
            Just("İ".to_string()),
            Just("tra ".to_string()),
            Just(" e ".to_string()),
            Just("da ".to_string()),
            Just(" a ".to_string()),
            Just("almeno ".to_string()),
            Just("non superiore a ".to_string()),
            Just("Anno 2024: ".to_string()),
            Just("2025:".to_string()),
            Just("giugno ".to_string()),
            Just("fine anno".to_string()),
            Just("31/12".to_string()),
            Just("steps ".to_string()),
            Just(":".to_string()),
            "[0-9]{1,30}",
            "[a-zà ]{1,8}",
            any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::from_str("0.0000000000000000000000000001").unwrap()),
        any::<i64>().prop_map(Decimal::from),
        (any::<i64>(), 0u32..28).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn values_never_panic(text in parser_text(), any_text in ".*") {
        for format in [NumberFormat::Italian, NumberFormat::English] {
            let _ = parse_value(&text, format);
            let _ = parse_value(&any_text, format);
            let _ = Target::parse(&text, format);
            let _ = Target::parse(&any_text, format);
            let _ = Target::parse_in(&text, format, Some(2024));
            let _ = Target::parse_in(&any_text, format, Some(9999));
        }
        let _ = kpi::target::split_years(&text);
        let _ = kpi::target::split_years(&any_text);
        let _ = kpi::value::parse_date_in_words(&text, Some(2024));
        let _ = kpi::value::parse_date_in_words(&any_text, Some(-262144));
        let _ = kpi::scale::Scale::parse(&text);
        let _ = kpi::scale::Scale::parse(&any_text);
    }

    #[test]
    fn a_scale_scores_between_0_and_100_at_any_degree(
        points in proptest::collection::vec((0u32..300, 0u32..=100), 1..6),
        steps in any::<bool>(),
        g in decimal(),
    ) {
        let mut degrees: Vec<u32> = points.iter().map(|p| p.0).collect();
        degrees.sort_unstable();
        degrees.dedup();
        let text: Vec<String> = degrees.iter().zip(&points).map(|(g, p)| format!("{g}%:{}", p.1)).collect();
        let text = format!("{}{}", if steps { "steps " } else { "" }, text.join(" "));
        let scale = kpi::scale::Scale::parse(&text).unwrap().unwrap();
        if let Some(score) = scale.score(g) {
            prop_assert!(score >= Decimal::ZERO && score <= Decimal::ONE_HUNDRED, "{text} at {g}: {score}");
        }
    }

    #[test]
    fn formulas_never_panic_to_parse(text in parser_text(), any_text in ".*") {
        let _ = Formula::parse(&text);
        let _ = Formula::parse(&any_text);
    }

    #[test]
    fn a_syntax_error_points_inside_the_formula_or_just_after(text in parser_text()) {
        if let Err(e) = Formula::parse(&text) {
            prop_assert!(e.column >= 1 && e.column <= text.chars().count() + 1, "{} for {text:?}", e.column);
        }
    }

    #[test]
    fn evaluating_any_parsed_formula_never_panics(text in parser_text(), values in proptest::collection::vec(decimal(), 1..8)) {
        if let Ok(formula) = Formula::parse(&text) {
            let mut i = 0;
            let _ = formula.evaluate(&mut |_| {
                i += 1;
                Some(Value::Number(values[i % values.len()]))
            });
        }
    }

    #[test]
    fn evaluating_generated_formulas_never_panics(ops in proptest::collection::vec((0usize..7, decimal()), 1..30)) {
        // Builds formulas such as `((x / 0) * MAX - -x)` from the operators and extreme values.
        let mut source = String::from("[q]");
        for (op, value) in &ops {
            let literal = format!("{value}");
            source = match op {
                0 => format!("({source} + {literal})"),
                1 => format!("({source} - -{literal})"),
                2 => format!("({source} * {literal})"),
                3 => format!("({source} / {literal})"),
                4 => format!("max({source}, {literal}%)"),
                5 => format!("abs(-{source})"),
                _ => format!("min({literal}, {source}, [q](N-1))"),
            };
        }
        let formula = Formula::parse(&source).unwrap();
        for q in [Decimal::MAX, Decimal::ZERO, Decimal::MIN] {
            let _ = formula.evaluate(&mut |_| Some(Value::Number(q)));
        }
    }
}

proptest! {
    // Whole files are slower to generate: fewer cases, each much larger.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn plans_never_panic(cells in proptest::collection::vec(parser_text(), 0..24), delimiter in prop_oneof![Just(','), Just(';'), Just('\t')]) {
        let header = ["level", "code", "name", "weight", "parent", "formula", "threshold", "baseline_2023", "target_2024", "weight_2024"];
        let mut text = header.join(&delimiter.to_string());
        text.push('\n');
        for row in cells.chunks(header.len()) {
            text.push_str(&row.join(&delimiter.to_string()));
            text.push('\n');
        }
        if let Ok(sheet) = Sheet::parse("p.csv", &text) {
            let _ = load_plan(&sheet, PlanOptions::default(), &mut Diagnostics::reading_on());
        }
    }
}
