//! `kpi explain` through the real binary: the arithmetic it writes out
//! reproduces every score by hand.

use crate::common;

use std::path::PathBuf;
use std::str::FromStr;

use common::{eval_json, fixture, kpi};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

fn case100() -> PathBuf {
    fixture("conformance/case100")
}

fn explain(args: &[&str]) -> String {
    let output =
        kpi().current_dir(case100()).arg("explain").args(args).args(["--actuals", "actuals.csv"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn has_line(text: &str, line: &str) {
    assert!(text.lines().any(|l| l == line), "no line `{line}` in:\n{text}");
}

#[test]
fn k00015_2024_ratio() {
    let text = explain(&["K00015", "2024"]);
    has_line(&text, "K00015 Indicatore K00015 (count) — 2024");
    has_line(&text, "percorso:  A3 Ambito 3 à › OS3.2 Obiettivo strategico OS3.2 › OO3.2.2 Obiettivo operativo OO3.2.2 › K00015 Indicatore K00015 (count)");
    has_line(&text, "  [Giorni di assenza] 2024 = 46  (actuals.csv:27, K00015)");
    has_line(&text, "valore:    46 N.");
    has_line(&text, "target:    > 200 N.");
    has_line(&text, "soglia:    nessuna");
    has_line(&text, "regola:    rapporto: 100 × v / T = 100 × 46 / 200 = 23,00");
    has_line(&text, "punteggio: 23,00 (parziale)");
    // OO3.2.2: (12 × 100 + 21 × 0 + 21 × 23 + 4 × 0) / (12 + 21 + 21 + 4) = 1683 / 58 = 29,017…
    has_line(&text, "  a OO3.2.2 (punteggio 29,02):");
    has_line(&text, "    K00013  w 12 × s 100,00 = 1.200,00");
    has_line(&text, "  ▸ K00015  w 21 × s 23,00 = 483,00");
    has_line(&text, "    Σ w·s / Σ w = 1.683,00 / 58 = 29,02");
    // 23 × 21 / 58 = 8,327…; then 8,327… × 26 / (25 + 26) = 4,245…
    has_line(&text, "    K00015 contribuisce 23,00 × 21 / 58 = 8,33 punti");
    has_line(&text, "    K00015 contribuisce 8,33 × 26 / 51 = 4,25 punti");
    has_line(&text, "  al punteggio complessivo (punteggio 36,55):");
}

#[test]
fn k00017_2025_deadline_with_a_soglia() {
    let text = explain(&["K00017", "2025"]);
    has_line(&text, "target:    entro 22-08-2025");
    has_line(&text, "soglia:    29-09-2025");
    // 26-08 → 29-09 is 34 days, 22-08 → 29-09 is 38: 100 × 34 / 38 = 89,47
    has_line(
        &text,
        "regola:    scadenza, in giorni da v 26-08-2025 e T 22-08-2025 a S 29-09-2025: 100 × (S − v) / (S − T) = 100 × 34 / 38 = 89,47",
    );
    has_line(&text, "punteggio: 89,47 (parziale)");
}

#[test]
fn k00007_2025_linear_with_a_soglia() {
    let text = explain(&["K00007", "2025", "--scoring", "linear"]);
    has_line(&text, "soglia:    20 N.");
    has_line(&text, "regola:    lineare: 100 × (v − S) / (T − S) = 100 × (42 − 20) / (164 − 20) = 15,28");
    has_line(&text, "punteggio: 15,28 (parziale)");
}

#[test]
fn a_formula_is_written_again_with_its_values() {
    let text = explain(&["K00003", "2024"]);
    has_line(&text, "  [Giorni lavorativi] 2024 = 1.680  (actuals.csv:12, K00003)");
    has_line(&text, "  [Giorni lavorativi](N-1) 2023 = 1.180  (actuals.csv:4, K00003)");
    // (1680 − 1180) / 1180 = 0,42372881355…
    has_line(&text, "valore:    (1.680 − 1.180) / 1.180 = 0,4237288136 (42,37 %)");
    has_line(&text, "regola:    raggiunto: 42,37 % soddisfa >= 4,80 % → 100");
    let text = explain(&["K00005", "2024"]);
    has_line(&text, "  [Imprese attive al 31/12] 2024 = 135.594  (actuals.csv:8, condivisa)");
    has_line(&text, "valore:    2.220 / (135.594 / 100) = 1,6372405859");
    has_line(&text, "regola:    peggiore della soglia: 1,64 è sotto 4,79 → 0");
}

#[test]
fn missing_and_failing_indicators_say_why() {
    let text = explain(&["K00007", "2024"]);
    has_line(&text, "  [Follower] 2024: non data");
    has_line(&text, "punteggio: nessuno (mancante): nessun valore per [Follower] nel 2024");
    // weight_2024 is 49
    has_line(&text, "  ▸ K00007  w 49 — mancante: escluso");
    has_line(&text, "    K00007 non ha punteggio nel 2024, quindi è escluso da ogni punteggio superiore");
    assert_eq!(text.matches("non ha punteggio").count(), 1, "{text}");
    let text = explain(&["K00002", "2024"]);
    has_line(&text, "  [Contratti conclusi] 2024 = 0  (actuals.csv:10, K00002)");
    has_line(&text, "punteggio: nessuno (errore): divisione per zero in `([Partecipanti] / [Contratti conclusi])`");
}

#[test]
fn an_objective_shows_the_weighted_average_of_its_children() {
    let text = explain(&["OS3.2", "2024"]);
    has_line(&text, "punteggio: Σ w·s / Σ w sui figli con un punteggio:");
    has_line(&text, "    OO3.2.1  w 25 × s 100,00 = 2.500,00");
    // OO3.2.2 scores 1683 / 58 = 29,0172…: 26 × 29,0172… = 754,448…
    has_line(&text, "    OO3.2.2  w 26 × s 29,02 = 754,45");
    // (2500 + 754,448…) / 51 = 63,812…
    has_line(&text, "    Σ w·s / Σ w = 3.254,45 / 51 = 63,81");
    has_line(&text, "copertura: 100 % del peso misurato");
    has_line(&text, "    OS3.2 contribuisce 63,81 × 20 / 74 = 17,25 punti");
}

#[test]
fn the_evaluator_s_decisions_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("oiv.csv");
    std::fs::write(
        &file,
        "year,code,variable,value,note\n2024,K00015,#neutralize,,Sciopero\n2024,K00005,#score,80,Dato rettificato\n",
    )
    .unwrap();
    let text = explain(&["K00015", "2024", "--actuals", file.to_str().unwrap()]);
    assert!(text.contains("oiv.csv:2): Sciopero; esce dall'aggregazione\n"), "{text}");
    has_line(&text, "punteggio: nessuno (neutralizzato)");
    has_line(&text, "  ▸ K00015  w 21 — neutralizzato: escluso");
    let text = explain(&["K00005", "2024", "--actuals", file.to_str().unwrap()]);
    has_line(
        &text,
        "regola:    peggiore della soglia: 1,64 è sotto 4,79 → 0 (sostituito dal punteggio del valutatore)",
    );
    assert!(text.contains("oiv.csv:3): Dato rettificato\n"), "{text}");
    has_line(&text, "punteggio: 80,00 (parziale)");
}

#[test]
fn in_english_every_word_is_english_and_the_figures_are_the_same_in_english_form() {
    let text = explain(&["K00015", "2024", "--lang", "en"]);
    has_line(&text, "path:      A3 Ambito 3 à › OS3.2 Obiettivo strategico OS3.2 › OO3.2.2 Obiettivo operativo OO3.2.2 › K00015 Indicatore K00015 (count)");
    has_line(&text, "quantities:");
    has_line(&text, "value:     46 N.");
    has_line(&text, "soglia:    none");
    has_line(&text, "rule:      ratio: 100 × v / T = 100 × 46 / 200 = 23.00");
    has_line(&text, "score:     23.00 (partial)");
    has_line(&text, "weighted contribution:");
    has_line(&text, "  to OO3.2.2 (score 29.02):");
    has_line(&text, "    K00015 contributes 23.00 × 21 / 58 = 8.33 points");
    has_line(&text, "  to the overall score (score 36.55):");
    let text = explain(&["K00017", "2025", "--lang", "en"]);
    has_line(&text, "target:    by 22/08/2025");
    has_line(
        &text,
        "rule:      deadline, in days from v 26/08/2025 and T 22/08/2025 to S 29/09/2025: 100 × (S − v) / (S − T) = 100 × 34 / 38 = 89.47",
    );
}

#[test]
fn an_unknown_code_suggests_the_closest() {
    kpi()
        .current_dir(case100())
        .args(["explain", "K0015", "2024", "--actuals", "actuals.csv"])
        .assert()
        .code(2)
        .stderr("kpi: `K0015` is not a code of plan.csv; did you mean K00015?\n");
}

/// A figure as explain writes it: `1.683,00`, `(-0,15)`.
fn italian(text: &str) -> Decimal {
    let t = text.trim().trim_start_matches('(').trim_end_matches(')');
    Decimal::from_str(&t.replace('.', "").replace(',', ".")).unwrap()
}

/// `(a − b)` or `a`.
fn side(text: &str) -> Decimal {
    let t = text.trim();
    match t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).and_then(|t| t.split_once(" − ")) {
        Some((a, b)) => italian(a) - italian(b),
        None => italian(t),
    }
}

/// Recomputes `100 × N / D = S` from the figures the rule line prints.
fn recompute(rule: &str) -> Option<(Decimal, Decimal)> {
    let (_, arithmetic) = rule.rsplit_once("= 100 × ")?;
    let (expression, result) = arithmetic.rsplit_once(" = ")?;
    let (numerator, denominator) = expression.split_once(" / ")?;
    let by_hand = (Decimal::ONE_HUNDRED * side(numerator) / side(denominator))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // `= -12,50, raised to 0` prints the figure before the raise
    Some((by_hand, italian(result.split(", ").next()?)))
}

#[test]
fn every_partial_score_of_case100_is_reproduced_by_hand_from_its_explanation() {
    let mut checked = 0;
    for (year, scoring) in [("2024", "ratio"), ("2025", "ratio"), ("2024", "linear"), ("2025", "linear")] {
        let evaluation = eval_json(&case100(), &[year, "--actuals", "actuals.csv", "--scoring", scoring]);
        for node in evaluation["nodes"].as_array().unwrap().iter().filter(|n| n["level"] == "indicator") {
            let code = node["code"].as_str().unwrap();
            let text = explain(&[code, year, "--scoring", scoring]);
            let score_line = text.lines().find(|l| l.starts_with("punteggio:")).unwrap();
            match &node["score"] {
                Value::Null => assert!(score_line.starts_with("punteggio: nessuno"), "{code} {year}: {score_line}"),
                score => {
                    let want = Decimal::from_str(&score.to_string())
                        .unwrap()
                        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                    assert!(
                        score_line.starts_with(&format!("punteggio: {}", want.to_string().replace('.', ","))),
                        "{code} {year}: {score_line} vs {want}"
                    );
                    let rule = text.lines().find(|l| l.starts_with("regola:")).unwrap();
                    if let Some((by_hand, printed)) = recompute(rule) {
                        assert_eq!(by_hand, printed, "{code} {year}: {rule}");
                        assert_eq!(by_hand.max(Decimal::ZERO), want, "{code} {year}: {rule}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked >= 6, "only {checked} partial scores were recomputed");
}
