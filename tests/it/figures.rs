//! Figures written by `kpi::figure` read back as the same value, in both
//! number formats; and with `--lang en` the human outputs write them the
//! English way (README, "Language").

use crate::common;

use chrono::NaiveDate;
use common::{comparison, fixture, kpi};
use kpi::figure::{self, canonical, cell, Style};
use kpi::lang::Lang;
use kpi::target::Target;
use kpi::unit::Unit;
use kpi::value::{parse_value, NumberFormat, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A decimal with at most 10 places, as kpi keeps values: both signs, from
/// one digit to thirteen (each length as likely), so small figures, grouping
/// in thousands, many decimals and negatives all occur often.
fn decimal() -> impl Strategy<Value = Decimal> {
    (1u32..=13, any::<i64>(), 0u32..=10).prop_map(|(digits, raw, scale)| Decimal::new(raw % 10i64.pow(digits), scale))
}

fn day() -> impl Strategy<Value = NaiveDate> {
    // 1900-01-01 plus up to two centuries.
    (0i64..73_000).prop_map(|n| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(n))
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => decimal().prop_map(Value::Number),
        1 => day().prop_map(Value::Date),
        1 => any::<bool>().prop_map(Value::Bool),
    ]
}

fn unit() -> impl Strategy<Value = Option<Unit>> {
    prop_oneof![
        Just(None),
        Just(Some(Unit::Percent)),
        Just(Some(Unit::Days)),
        Just(Some(Unit::Count)),
        Just(Some(Unit::Euro))
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        3 => (comparison(), decimal()).prop_map(|(comparison, value)| Target::Number { comparison, value }),
        2 => (decimal(), decimal()).prop_map(|(a, b)| Target::Range { low: a.min(b), high: a.max(b) }),
        1 => day().prop_map(Target::Deadline),
        1 => any::<bool>().prop_map(Target::Boolean),
    ]
}

/// The reader's styles of both languages, with the number format each
/// reads its own figures in.
fn styles() -> [(Style, NumberFormat); 2] {
    [(Lang::Italian.figures(), NumberFormat::Italian), (Lang::English.figures(), NumberFormat::English)]
}

fn read_value(text: &str, format: NumberFormat) -> Option<Value> {
    parse_value(text, format).ok().and_then(|r| r.parsed()).map(|p| p.value)
}

fn read_target(text: &str, format: NumberFormat) -> Option<Target> {
    Target::parse(text, format).ok().flatten().map(|t| t.target)
}

/// A number as the human outputs round it: two places, four below 1; a
/// percent to two places of its points (0.925926 → 92.59 % → 0.9259).
fn as_shown(n: Decimal, unit: Option<&Unit>) -> Decimal {
    if kpi::unit::is_percent(unit) {
        return figure::round(n * Decimal::ONE_HUNDRED, 2) / Decimal::ONE_HUNDRED;
    }
    let places = if n.abs() < Decimal::ONE && !n.is_zero() { 4 } else { 2 };
    figure::round(n, places)
}

fn shown_value(v: Value, unit: Option<&Unit>) -> Value {
    match v {
        Value::Number(n) => Value::Number(as_shown(n, unit)),
        other => other,
    }
}

fn shown_target(t: &Target, unit: Option<&Unit>) -> Target {
    match t {
        Target::Number { comparison, value } => {
            Target::Number { comparison: *comparison, value: as_shown(*value, unit) }
        }
        Target::Range { low, high } => Target::Range { low: as_shown(*low, unit), high: as_shown(*high, unit) },
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A value as a file holds it (the template, a spreadsheet cell read as
    /// text) reads back as exactly the same value, in either format, and is
    /// never one the other format reads as another number.
    #[test]
    fn a_value_in_a_file_reads_back_exactly(v in value(), unit in unit()) {
        for format in [NumberFormat::Italian, NumberFormat::English] {
            let text = cell::value(&v, unit.as_ref(), format);
            prop_assert_eq!(read_value(&text, format), Some(v), "{} ({})", text, format);
            let reading = parse_value(&text, format).unwrap();
            prop_assert!(!matches!(reading, kpi::value::Reading::Ambiguous(_)), "{} is ambiguous in {}", text, format);
        }
    }

    /// A value as the human outputs write it, in Italian and in English,
    /// reads back in that language's number format as the figure shown.
    #[test]
    fn a_value_shown_reads_back_as_shown(v in value(), unit in unit()) {
        for (style, format) in styles() {
            let text = figure::value(&v, unit.as_ref(), style);
            prop_assert_eq!(read_value(&text, format), Some(shown_value(v, unit.as_ref())), "{} ({})", text, format);
        }
    }

    /// The figures that are not rounded to two places read back exactly:
    /// explain's operands (up to 6 decimals) and values in full (up to 10).
    #[test]
    fn explain_s_figures_read_back(n in decimal()) {
        for (style, format) in styles() {
            let text = figure::exact(n, style);
            prop_assert_eq!(read_value(&text, format), Some(Value::Number(n)), "{}", text);
            let text = figure::figure(n, style);
            prop_assert_eq!(read_value(&text, format), Some(Value::Number(figure::round(n, 6))), "{}", text);
            let text = figure::score(n, style);
            prop_assert_eq!(read_value(&text, format), Some(Value::Number(figure::round(n, 2))), "{}", text);
        }
    }

    /// A target as the human outputs write it (`>= 105,00 %`, `between 80.00 %
    /// and 90.00 %`, `by 31/03/2024`, `YES`) reads back as the target shown.
    #[test]
    fn a_target_shown_reads_back_as_shown(t in target(), unit in unit()) {
        let unit = unit.filter(|_| matches!(t, Target::Number { .. } | Target::Range { .. }));
        let shown = shown_target(&t, unit.as_ref());
        // A range whose bounds round to one figure is no range to read back.
        prop_assume!(!matches!(shown, Target::Range { low, high } if low >= high));
        for (style, format) in styles() {
            let text = figure::target(&t, unit.as_ref(), style);
            prop_assert_eq!(read_target(&text, format), Some(shown.clone()), "{} ({})", text, format);
        }
    }

    /// A target and a value in their canonical form (the machine outputs',
    /// the messages') read back exactly, every decimal kept.
    #[test]
    fn the_canonical_form_reads_back_exactly(t in target(), v in value()) {
        prop_assume!(!matches!(t, Target::Range { low, high } if low >= high));
        let text = t.to_string();
        prop_assert_eq!(read_target(&text, NumberFormat::English), Some(t.clone()), "{}", text);
        let text = canonical::value(&v);
        prop_assert_eq!(read_value(&text, NumberFormat::English), Some(v), "{}", text);
    }
}

fn real(args: &[&str]) -> String {
    let output = kpi()
        .current_dir(fixture("real"))
        .args(args)
        .args(["--plan", "plan.csv", "--actuals", "actuals-2024.csv"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// The cells of the table line (or Markdown row) of one code, trimmed.
fn row_of(text: &str, code: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.split_whitespace().any(|word| word == code))
        .unwrap_or_else(|| panic!("no {code} in:\n{text}"));
    line.split(['┆', '│', '|']).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).skip(1).collect()
}

#[test]
fn the_real_plan_s_table_in_english_figures() {
    let english = real(&["eval", "2024", "--format", "table", "--lang", "en"]);
    // OC_TBS_01: 13 200 practices against >= 15 000: 100 × 13200 / 15000 = 88.
    assert_eq!(row_of(&english, "OC_TBS_01"), ["10", ">= 15,000 N.", "13,200 N.", "88.00", "partial", "100 %"]);
    // kpi1.1.1_03: 4290 / 56400 = 0.076064 → 7.61 %; lower is better: 100 × 0.07 / 0.076064 = 92.03.
    assert_eq!(row_of(&english, "kpi1.1.1_03"), ["20", "<= 7.00 %", "7.61 %", "92.03", "partial", "100 %"]);
    // EC27: a negative target and value.
    assert_eq!(row_of(&english, "EC27"), ["20", ">= -12.00 %", "-10.67 %", "100.00", "achieved", "100 %"]);
    // kpi7.1.2_10: given 15 April, due 31 March: missed.
    assert_eq!(row_of(&english, "kpi7.1.2_10"), ["14", "by 31/03/2024", "15/04/2024", "0.00", "missed", "100 %"]);
    assert!(
        english.ends_with("Overall score 2024 (organisational performance): 96.21 — coverage 100 % — scoring ratio\n"),
        "{english}"
    );
    // Italian, the default, as it always was.
    let italian = real(&["eval", "2024", "--format", "table"]);
    assert_eq!(row_of(&italian, "OC_TBS_01"), ["10", ">= 15.000 N.", "13.200 N.", "88,00", "parziale", "100 %"]);
    assert_eq!(
        row_of(&italian, "kpi7.1.2_10"),
        ["14", "entro 31-03-2024", "15-04-2024", "0,00", "non raggiunto", "100 %"]
    );
    assert!(
        italian.ends_with(
            "Punteggio complessivo 2024 (performance organizzativa): 96,21 — copertura 100 % — metodo rapporto\n"
        ),
        "{italian}"
    );
}

#[test]
fn the_real_plan_s_markdown_in_english_figures() {
    let md = real(&["eval", "2024", "--format", "md", "--lang", "en"]);
    assert_eq!(row_of(&md, "OC_TBS_01"), ["10", ">= 15,000 N.", "13,200 N.", "88.00", "partial", "100 %"]);
    assert_eq!(row_of(&md, "EC05.1"), ["20", ">= 105.00 %", "114.61 %", "100.00", "achieved", "100 %"]);
    assert!(
        md.ends_with("**Overall score 2024 (organisational performance): 96.21 — coverage 100 % — scoring ratio**\n"),
        "{md}"
    );
    // The machine formats do not change with the language.
    for format in ["json", "csv"] {
        assert_eq!(
            real(&["eval", "2024", "--format", format, "--lang", "en"]),
            real(&["eval", "2024", "--format", format])
        );
    }
}

#[test]
fn the_real_plan_explained_in_english_figures() {
    let text = real(&["explain", "OC_TBS_01", "2024", "--lang", "en"]);
    for line in [
        "value:     13,200 N.",
        "target:    >= 15,000 N.",
        "rule:      ratio: 100 × v / T = 100 × 13,200 / 15,000 = 88.00",
        "score:     88.00 (partial)",
        // OS03.1.1: eleven indicators of weight 10, Σ w·s = 10 248.49, / 110 = 93.17.
        "    Σ w·s / Σ w = 10,248.49 / 110 = 93.17",
        "    OC_TBS_01 contributes 88.00 × 10 / 110 = 8.00 points",
        "  to the overall score (score 96.21):",
    ] {
        assert!(text.lines().any(|l| l == line), "no line `{line}` in:\n{text}");
    }
    let text = real(&["explain", "kpi1.1.1_03", "2024", "--lang", "en"]);
    for line in [
        "value:     4,290 / 56,400 = 0.0760638298 (7.61 %)",
        "target:    <= 7.00 %",
        "soglia:    10.00 %",
        "rule:      ratio (lower is better): 100 × T / v = 100 × 0.07 / 0.076064 = 92.03",
    ] {
        assert!(text.lines().any(|l| l == line), "no line `{line}` in:\n{text}");
    }
    let italian = real(&["explain", "kpi1.1.1_03", "2024"]);
    assert!(italian.lines().any(|l| l == "valore:    4.290 / 56.400 = 0,0760638298 (7,61 %)"), "{italian}");
}
