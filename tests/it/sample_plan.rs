//! The hand-written sample plan (fixtures/sample): every figure below was
//! worked out by hand from the README's "Targets", "Scoring" and "Roll-up", and the arithmetic is written beside it.

use crate::common;

use common::{eval_json, fixture, node, text};

fn scores(args: &[&str]) -> serde_json::Value {
    eval_json(&fixture("sample"), &[&["2024"], args].concat())
}

fn score_of(evaluation: &serde_json::Value, code: &str) -> String {
    text(&node(evaluation, code)["score"])
}

fn status_of(evaluation: &serde_json::Value, code: &str) -> String {
    text(&node(evaluation, code)["status"])
}

#[test]
fn ratio_scoring_indicator_by_indicator() {
    let e = scores(&[]);
    // K01: 1 200 000 / 1 250 000 = 0.96 against >= 105 %: 100 × 0.96 / 1.05 = 91.428571…
    assert_eq!(score_of(&e, "K01"), "91.428571");
    assert_eq!(text(&node(&e, "K01")["value"]), "0.96");
    // K02: (1000 − 1150) / 1000 = −0.15 against >= −12 %, soglia −20 %: the target is not
    // positive, so ratio falls back to linear: 100 × (−0.15 + 0.20) / (−0.12 + 0.20) = 62.5
    assert_eq!(score_of(&e, "K02"), "62.5");
    // K03: 1500 / 20000 = 0.075 against <= 7 % (soglia 10 %): 100 × 0.07 / 0.075 = 93.333333
    assert_eq!(score_of(&e, "K03"), "93.333333");
    // K04: given directly, 1.92 gg <= 2 gg: achieved
    assert_eq!((score_of(&e, "K04"), status_of(&e, "K04")), ("100".into(), "achieved".into()));
    // K05: 830 / 1000 = 0.83, below the soglia 85 %: 0
    assert_eq!((score_of(&e, "K05"), status_of(&e, "K05")), ("0".into(), "missed".into()));
    // K06: (2080 − 2000) / 2000 = 0.04 (the 2023 value from actuals/2023.csv): 100 × 0.04 / 0.05 = 80
    assert_eq!(score_of(&e, "K06"), "80");
    // K07: 9000 / (200 000 shared / 100) = 4.5 >= 4: achieved
    assert_eq!(text(&node(&e, "K07")["value"]), "4.5");
    assert_eq!(status_of(&e, "K07"), "achieved");
    // K08: 5 against > 5: a strict target met exactly is partial with 100 × 5 / 5 = 100
    assert_eq!((score_of(&e, "K08"), status_of(&e, "K08")), ("100".into(), "partial".into()));
    // K09: delivered 2024-04-10, deadline 2024-03-31, soglia 2024-04-30:
    // 100 × (30 Apr − 10 Apr) / (30 Apr − 31 Mar) = 100 × 20 / 30 = 66.666667
    assert_eq!((score_of(&e, "K09"), status_of(&e, "K09")), ("66.666667".into(), "partial".into()));
    assert_eq!(text(&node(&e, "K09")["value"]), "2024-04-10");
    // K10: SI = SI
    assert_eq!(status_of(&e, "K10"), "achieved");
    // K11: 4 against = 5: no partial credit for an exact target
    assert_eq!((score_of(&e, "K11"), status_of(&e, "K11")), ("0".into(), "missed".into()));
    // K12: 0 / 0
    assert_eq!((score_of(&e, "K12"), status_of(&e, "K12")), ("null".into(), "error".into()));
    assert_eq!(text(&node(&e, "K12")["message"]), "division by zero in `[Risorse impegnate] / [Risorse SAL]`");
    // K13: no Follower row
    assert_eq!((score_of(&e, "K13"), status_of(&e, "K13")), ("null".into(), "missing".into()));
    assert_eq!(text(&node(&e, "K13")["message"]), "no value for [Follower] in 2024");
    // K14: max(12, 30) × 50 % = 15 >= 10
    assert_eq!(text(&node(&e, "K14")["value"]), "15");
    assert_eq!(status_of(&e, "K14"), "achieved");
    // K15: N/D in 2024, its value is still shown
    assert_eq!((score_of(&e, "K15"), status_of(&e, "K15")), ("null".into(), "no-target".into()));
    assert_eq!(text(&node(&e, "K15")["value"]), "2");
}

#[test]
fn ratio_scoring_rolled_up() {
    let e = scores(&[]);
    // OS1 = (40 × 91.428571… + 30 × 62.5 + 30 × 93.333…) / 100 = 83.321429
    assert_eq!(score_of(&e, "OS1"), "83.321429");
    // OS2, K05 weighing 20 in 2024 (weight_2024): (30 × 100 + 20 × 0 + 20 × 80 + 20 × 100) / 90 = 73.333333
    assert_eq!(score_of(&e, "OS2"), "73.333333");
    assert_eq!(text(&node(&e, "K05")["weight"]), "20");
    // A1 = (50 × 83.321429 + 50 × 73.333333) / 100 = 78.327381
    assert_eq!(score_of(&e, "A1"), "78.327381");
    // OO3.1 and OO3.2 have no weights: equal. OO3.1 = (100 + 66.666667) / 2, OO3.2 = (100 + 0) / 2
    assert_eq!(score_of(&e, "OO3.1"), "83.333333");
    assert_eq!(score_of(&e, "OO3.2"), "50");
    assert_eq!(text(&node(&e, "OO3.1")["weight"]), "50");
    // OS3 = (83.333333 + 50) / 2
    assert_eq!(score_of(&e, "OS3"), "66.666667");
    // OS4: K12 (error) and K13 (missing) are left out, K15 has no target: K14 alone
    assert_eq!(score_of(&e, "OS4"), "100");
    // A2 = (60 × 66.666667 + 40 × 100) / 100 = 80
    assert_eq!(score_of(&e, "A2"), "80");
    // A3 = OS5 = (40 × 90 + 30 × 80 + 30 × 50) / 100 = 75 (see the test below)
    assert_eq!(score_of(&e, "A3"), "75");
    // Overall = (45 × 78.327381 + 30 × 80 + 25 × 75) / 100 = 35.247321 + 24 + 18.75 = 77.997321
    assert_eq!(text(&e["score"]), "77.997321");
}

#[test]
fn coverage_shows_what_was_measured() {
    let e = scores(&[]);
    // OS4: (30 × 0 + 30 × 0 + 40 × 100) / 100; K15 has no target and is left out
    assert_eq!(text(&node(&e, "OS4")["coverage"]), "40");
    assert_eq!(text(&node(&e, "K15")["coverage"]), "null");
    // A2 = (60 × 100 + 40 × 40) / 100 = 76; A3 = 100; overall = (45 × 100 + 30 × 76 + 25 × 100) / 100 = 92.8
    assert_eq!(text(&node(&e, "A2")["coverage"]), "76");
    assert_eq!(text(&node(&e, "A3")["coverage"]), "100");
    assert_eq!(text(&e["coverage"]), "92.8");
}

#[test]
fn linear_scoring() {
    let e = scores(&["--scoring", "linear"]);
    // K03 with its soglia: 100 × (0.10 − 0.075) / (0.10 − 0.07) = 83.333333
    assert_eq!(score_of(&e, "K03"), "83.333333");
    // K01 has no soglia: as ratio
    assert_eq!(score_of(&e, "K01"), "91.428571");
    // OS1 = (40 × 91.428571… + 30 × 62.5 + 30 × 83.333…) / 100 = 80.321429
    assert_eq!(score_of(&e, "OS1"), "80.321429");
    // K17 with its soglia 100: 100 × (120 − 100) / (150 − 100) = 40; K16 (no soglia) as ratio, 90;
    // K18 by its scale, 50: A3 = (40 × 90 + 30 × 40 + 30 × 50) / 100 = 63
    assert_eq!(score_of(&e, "K17"), "40");
    assert_eq!(score_of(&e, "A3"), "63");
    // Overall = 45 % × (80.321429 + 73.333333) / 2 + 30 % × 80 + 25 % × 63
    //         = 34.572321 + 24 + 15.75 = 74.322321
    assert_eq!(text(&e["score"]), "74.322321");
    assert_eq!(text(&e["scoring"]), "linear");
}

#[test]
fn binary_scoring() {
    let e = scores(&["--scoring", "binary"]);
    // Only achieved indicators score: OS1 = 0, OS2 = (30 × 100 + 20 × 100) / 90 = 55.555556
    assert_eq!(score_of(&e, "OS1"), "0");
    assert_eq!(score_of(&e, "OS2"), "55.555556");
    // K08 (> 5 met exactly) now earns nothing
    assert_eq!((score_of(&e, "K08"), status_of(&e, "K08")), ("0".into(), "missed".into()));
    // OS3 = (0 + 50) / 2 = 25; A2 = 60 % × 25 + 40 % × 100 = 55
    assert_eq!(score_of(&e, "A2"), "55");
    // K16 and K17 earn nothing; K18's scale still scores it, 50: A3 = 30 × 50 / 100 = 15
    assert_eq!((score_of(&e, "K18"), status_of(&e, "K18")), ("50".into(), "partial".into()));
    assert_eq!(score_of(&e, "A3"), "15");
    // Overall = 45 % × 27.777778 + 30 % × 55 + 25 % × 15 = 12.5 + 16.5 + 3.75 = 32.75
    assert_eq!(text(&e["score"]), "32.75");
}

#[test]
fn over_achievement_with_a_cap() {
    let e = scores(&["--cap", "120"]);
    // K04: 100 × 2 / 1.92 = 104.166667; K07: 100 × 4.5 / 4 = 112.5; K14: 100 × 15 / 10 = 150, capped at 120
    assert_eq!(score_of(&e, "K04"), "104.166667");
    assert_eq!(score_of(&e, "K07"), "112.5");
    assert_eq!(score_of(&e, "K14"), "120");
    // K10 (SI) stays at 100
    assert_eq!(score_of(&e, "K10"), "100");
    // OS2 = (30 × 104.1667 + 20 × 0 + 20 × 80 + 20 × 112.5) / 90 = 6975 / 90 = 77.5
    assert_eq!(score_of(&e, "OS2"), "77.5");
    // A3 is unchanged, 75: nothing of it is achieved
    // Overall = 45 % × (83.321429 + 77.5) / 2 + 30 % × (60 % × 66.666667 + 40 % × 120) + 25 % × 75
    //         = 36.184821 + 26.4 + 18.75 = 81.334821
    assert_eq!(text(&e["score"]), "81.334821");
}

#[test]
fn missing_counted_as_zero() {
    let e = scores(&["--missing", "zero"]);
    // K13 scores 0 but stays missing and unmeasured; K12 (error) is still left out
    assert_eq!((score_of(&e, "K13"), status_of(&e, "K13")), ("0".into(), "missing".into()));
    assert_eq!(text(&node(&e, "K13")["coverage"]), "0");
    assert_eq!(score_of(&e, "K12"), "null");
    // OS4 = (30 × 0 + 40 × 100) / 70 = 57.142857
    assert_eq!(score_of(&e, "OS4"), "57.142857");
    // Overall = 45 % × 78.327381 + 30 % × (60 % × 66.666667 + 40 % × 57.142857) + 25 % × 75
    //         = 35.247321 + 18.857143 + 18.75 = 72.854464
    assert_eq!(text(&e["score"]), "72.854464");
}

#[test]
fn a_range_words_and_a_scale() {
    let e = scores(&[]);
    // K16 `tra 80% e 90%`, 72 %: below the range, scored as >= 80 %: 100 × 0.72 / 0.8 = 90
    assert_eq!((score_of(&e, "K16"), status_of(&e, "K16")), ("90".into(), "partial".into()));
    assert_eq!(text(&node(&e, "K16")["target"]), "between 0.8 and 0.9");
    // K17 `Anno 2024: almeno 150 N. Anno 2025: non inferiore a 160 N.`, 120: 100 × 120 / 150 = 80
    // (above the soglia 100, so ratio applies); the unit `numero` is shown as N.
    assert_eq!((score_of(&e, "K17"), text(&node(&e, "K17")["target"])), ("80".into(), ">= 150".into()));
    assert_eq!(text(&node(&e, "K17")["unit"]), "N.");
    // K18 `non superiore a 10 gg`, 12.5 gg, its own scale 70%:0 90%:100:
    // degree 100 × 10 / 12.5 = 80; 0 + (100 − 0) × (80 − 70) / (90 − 70) = 50, partial
    assert_eq!((score_of(&e, "K18"), status_of(&e, "K18")), ("50".into(), "partial".into()));
    assert_eq!(text(&node(&e, "K18")["scale"]), "70%:0 90%:100");
    assert_eq!(text(&node(&e, "K17")["scale"]), "null");
    // OS5 = (40 × 90 + 30 × 80 + 30 × 50) / 100 = 75
    assert_eq!(score_of(&e, "OS5"), "75");
    // 2025: the second year of K17's cell, and K18's `al massimo 9 gg`
    let y2025 = eval_json(&fixture("sample"), &["2025"]);
    assert_eq!(text(&node(&y2025, "K17")["target"]), ">= 160");
    assert_eq!(text(&node(&y2025, "K18")["target"]), "<= 9");
}

#[test]
fn a_scale_for_the_whole_plan() {
    // --scale steps 60%:50 90%:100 scores every indicator without a scale of its own; K18 keeps its own.
    let e = scores(&["--scale", "steps 60%:50 90%:100"]);
    // K01: degree 100 × 0.96 / 1.05 = 91.43, reaches 90 → 100
    assert_eq!((score_of(&e, "K01"), status_of(&e, "K01")), ("100".into(), "partial".into()));
    // K16: degree of the missed bound 100 × 0.72 / 0.8 = 90 → 100; K17: 100 × 120 / 150 = 80 → 50
    assert_eq!(score_of(&e, "K16"), "100");
    assert_eq!(score_of(&e, "K17"), "50");
    assert_eq!(text(&node(&e, "K17")["scale"]), "steps 60%:50 90%:100");
    // K18: its own scale wins, 50
    assert_eq!((score_of(&e, "K18"), text(&node(&e, "K18")["scale"])), ("50".into(), "70%:0 90%:100".into()));
    // K02: the target -12 % is not positive, so there is no degree: linear as before, 62.5
    assert_eq!(score_of(&e, "K02"), "62.5");
    // K09, a deadline: days as before, 66.666667
    assert_eq!(score_of(&e, "K09"), "66.666667");
    // OS5 = (40 × 100 + 30 × 50 + 30 × 50) / 100 = 70
    assert_eq!(score_of(&e, "OS5"), "70");
}
