//! The hand-written sample plan (fixtures/sample): every figure below was
//! worked out by hand from SPEC §5-§7, and the arithmetic is written beside it.

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
    // Overall = (60 × 78.327381 + 40 × 80) / 100 = 78.996429
    assert_eq!(text(&e["score"]), "78.996429");
}

#[test]
fn coverage_shows_what_was_measured() {
    let e = scores(&[]);
    // OS4: (30 × 0 + 30 × 0 + 40 × 100) / 100; K15 has no target and is left out
    assert_eq!(text(&node(&e, "OS4")["coverage"]), "40");
    assert_eq!(text(&node(&e, "K15")["coverage"]), "null");
    // A2 = (60 × 100 + 40 × 40) / 100 = 76; overall = (60 × 100 + 40 × 76) / 100 = 90.4
    assert_eq!(text(&node(&e, "A2")["coverage"]), "76");
    assert_eq!(text(&e["coverage"]), "90.4");
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
    // Overall = 60 % × (80.321429 + 73.333333) / 2 + 40 % × 80 = 78.096429
    assert_eq!(text(&e["score"]), "78.096429");
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
    // Overall = 60 % × 27.777778 + 40 % × 55 = 38.666667
    assert_eq!(text(&e["score"]), "38.666667");
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
    // Overall = 60 % × (83.321429 + 77.5) / 2 + 40 % × (60 % × 66.666667 + 40 % × 120) = 83.446429
    assert_eq!(text(&e["score"]), "83.446429");
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
    // Overall = 60 % × 78.327381 + 40 % × (60 % × 66.666667 + 40 % × 57.142857) = 72.139286
    assert_eq!(text(&e["score"]), "72.139286");
}
