//! Plans written from the contract alone, as five other offices would write
//! them, each with its figures worked out by hand before kpi ran
//! (`fixtures/offices/`):
//!
//! - `comune`: a canonical plan in English numbers with `;`, weights without
//!   `%`, targets in words, a linear and a `steps` scale, soglie, notes;
//! - `asl`: Italian column titles (`Peso (%)`, `Target 2025 (Risultato
//!   atteso)`, `Unità di misura`), tab-separated, Windows-1252, a `parent`
//!   column, operational objectives, `peso_2025`, `--scale`;
//! - `ministero`: the published layout of a ministry's 2025-2027 plan, with
//!   heading words, operational objectives, numeric codes and rows that lost
//!   or gained a cell;
//! - `camera`: another Camera's 2025-2027 layout, `AREA STRATEGICA`, `A2 -`,
//!   `OS 01.1`, codes `1.1 1`, two weight columns, algoritmi in words;
//! - `agenzia`: an English comma CSV with scales inherited over two levels,
//!   a strict target met exactly, a deadline in words, a yes/no.
//!
//! Scores are written to 6 decimals, rounded half away from zero, as JSON
//! writes them.

use crate::common;

use common::{eval_json, fixture, kpi, node, text};
use kpi::import::{import_published, ImportedLevel, ImportedPlan, PlanYears};
use serde_json::Value;

/// `kpi eval YEAR` of an office's plan with its actuals, as JSON.
fn evaluate(office: &str, plan: &str, actuals: &str, year: &str, extra: &[&str]) -> Value {
    let dir = fixture(&format!("offices/{office}"));
    let mut args = vec![year, "--plan", plan, "--actuals", actuals];
    args.extend_from_slice(extra);
    eval_json(&dir, &args)
}

/// Each `(code, field, expected)` of an evaluation, compared as text.
fn assert_fields(evaluation: &Value, expected: &[(&str, &str, &str)]) {
    for &(code, field, want) in expected {
        assert_eq!(text(&node(evaluation, code)[field]), want, "{code} {field}");
    }
}

fn import(office: &str) -> ImportedPlan {
    let path = fixture(&format!("offices/{office}/plan.txt"));
    import_published(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Every imported row as `level code parent weight`, in document order.
fn structure(plan: &ImportedPlan) -> Vec<String> {
    let evaluation_parent = |index: usize| -> String {
        // The parent is the nearest earlier row of a higher level, as the
        // canonical plan reads it without a parent column.
        let rank = |level: ImportedLevel| level as u8;
        let level = plan.rows[index].level;
        plan.rows[..index].iter().rev().find(|r| rank(r.level) < rank(level)).map_or("-".into(), |r| r.code.clone())
    };
    plan.rows
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{} {} {} {}", r.level.as_str(), r.code, evaluation_parent(i), r.weight))
        .collect()
}

#[test]
fn a_comune_in_english_numbers_with_words_and_scales() {
    let e = evaluate("comune", "plan.csv", "actuals-2025.csv", "2025", &[]);
    // I1: 36000 / 1000 = 36 gg against `non superiore a 30 gg`, no soglia,
    //     OS1.1's scale 70%:0 90%:100: degree 100 × 30 / 36 = 83,333…%,
    //     0 + 100 × (83,333… − 70) / (90 − 70) = 66,666667.
    // I2: 560 / 800 = 70 % against `tra 80% e 90%`: below, so as >= 80 %,
    //     degree 100 × 0,7 / 0,8 = 87,5 %: 100 × 17,5 / 20 = 87,5.
    // I3: 2025-07-15 against `entro il 30 giugno 2025`, soglia
    //     `31 luglio 2025` (the scale does not apply to a deadline):
    //     100 × (S − v) / (S − T) = 100 × 16 days / 31 days = 51,612903.
    // OS1.1 = (40 × 66,666667 + 35 × 87,5 + 25 × 51,612903) / 100
    //       = (2666,666667 + 3062,5 + 1290,322581) / 100 = 70,194892.
    // I4: 4 against `almeno 5`, soglia 3, own scale steps 60%:50 80%:80
    //     100%:100: degree 100 × 4 / 5 = 80 % reaches 80 %: 80.
    // I5: 7000 / 10000 = 70 % against 2025's part of the three-year cell,
    //     >= 75 %, soglia_2025 60 %: 100 × 0,70 / 0,75 = 93,333333.
    // I6: 2025-11-20 against `dicembre 2025` = 2025-12-31: achieved, 100.
    // OS1.2 = (30 × 80 + 40 × 93,333333 + 30 × 100) / 100 = 91,333333.
    // A1 = (50 × 70,194892 + 50 × 91,333333) / 100 = 80,764113.
    // I7: 8,800,000.00 / 10,000,000.00 = 0,88 against `maggiore di 90%`,
    //     soglia 85 %: 100 × 0,88 / 0,9 = 97,777778.
    // I8: 11,200.00 € against `al massimo 10,000 euro`: 100 × 10000 / 11200 = 89,285714.
    // A2 = OS2.1 = (97,777778 + 89,285714) / 2 = 93,531746.
    // Overall = (60 × 80,764113 + 40 × 93,531746) / 100 = 48,458468 + 37,412698 = 85,871166.
    assert_eq!(text(&e["score"]), "85.871166");
    assert_eq!(text(&e["coverage"]), "100");
    assert_fields(
        &e,
        &[
            ("I1", "score", "66.666667"),
            ("I1", "status", "partial"),
            ("I1", "unit", "gg"),
            ("I1", "target", "<= 30"),
            ("I1", "scale", "70%:0 90%:100"),
            ("I1", "note", "ritardi nel primo trimestre per il cambio del gestionale"),
            ("I2", "score", "87.5"),
            ("I2", "unit", "%"),
            ("I2", "target", "between 0.8 and 0.9"),
            ("I3", "score", "51.612903"),
            ("I3", "target", "by 2025-06-30"),
            ("I3", "threshold", "2025-07-31"),
            ("I3", "scale", "null"),
            ("OS1.1", "score", "70.194892"),
            ("I4", "score", "80"),
            ("I4", "unit", "N."),
            ("I4", "scale", "steps 60%:50 80%:80 100%:100"),
            ("I4", "note", "due servizi rinviati al 2026"),
            ("I5", "score", "93.333333"),
            ("I5", "threshold", "0.6"),
            ("I6", "status", "achieved"),
            ("I6", "target", "by 2025-12-31"),
            ("OS1.2", "score", "91.333333"),
            ("A1", "score", "80.764113"),
            ("I7", "score", "97.777778"),
            ("I7", "target", "> 0.9"),
            ("I8", "score", "89.285714"),
            ("I8", "unit", "€"),
            ("I8", "target", "<= 10000"),
            ("I8", "threshold", "15000"),
            ("I8", "value", "11200"),
            ("A2", "score", "93.531746"),
        ],
    );
    // 2026: the three-year cell's second part, `fine anno` in its column,
    // `compreso tra 85% e 95%`, `non più di 9,500 euro`,
    // the range and the words of the 2026 column.
    let next = evaluate("comune", "plan.csv", "actuals-2025.csv", "2026", &[]);
    assert_fields(
        &next,
        &[
            ("I1", "target", "<= 28"),
            ("I2", "target", "between 0.85 and 0.95"),
            ("I3", "status", "no-target"),
            ("I4", "target", ">= 6"),
            ("I5", "target", ">= 0.8"),
            ("I6", "target", "by 2026-12-31"),
            ("I7", "status", "no-target"),
            ("I8", "target", "<= 9500"),
        ],
    );
    let last = evaluate("comune", "plan.csv", "actuals-2025.csv", "2027", &[]);
    assert_fields(&last, &[("I1", "target", "<= 25"), ("I4", "target", ">= 7"), ("I5", "target", ">= 0.85")]);
}

#[test]
fn the_comune_explains_its_scale_and_its_range() {
    let dir = fixture("offices/comune");
    let run = |code: &str| {
        let out = kpi()
            .current_dir(&dir)
            .args(["explain", code, "2025", "--plan", "plan.csv", "--actuals", "actuals-2025.csv"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let i1 = run("I1");
    assert!(i1.contains("100 × 30 / 36 = 83,33 %"), "{i1}");
    assert!(i1.contains("0 + (100 − 0) × (83,333333 − 70) / (90 − 70) = 66,67"), "{i1}");
    let i2 = run("I2");
    assert!(i2.contains("100 × 0,7 / 0,8 = 87,50 %"), "{i2}");
    assert!(i2.contains("(87,5 − 70) / (90 − 70) = 87,50"), "{i2}");
}

#[test]
fn an_asl_plan_in_italian_titles_tabs_and_windows_1252() {
    let e = evaluate("asl", "plan.csv", "actuals-2025.csv", "2025", &[]);
    // K1: 5800 / 10000 = 58 % against `almeno 60%` (unit `Percentuale`),
    //     soglia 50 %: 100 × 0,58 / 0,6 = 96,666667.
    // K2: 17 gg against 2025's part of `2025: <= 15 gg 2026: <= 12 gg`,
    //     soglia 20: 100 × 15 / 17 = 88,235294.
    // OO1.1 = (50 × 96,666667 + 50 × 88,235294) / 100 = 92,450980.
    // K3: 72 % against `da 75% a 95%`: below, as >= 75 %: 100 × 0,72 / 0,75 = 96.
    // OS1 = AS1 = (60 × 92,450980 + 40 × 96) / 100 = 55,470588 + 38,4 = 93,870588.
    // K4: 15/04/2025 against `entro il 31/03` in the 2025 column, soglia
    //     `30/06` (that year's): 100 × 76 days / 91 days = 83,516484.
    // K5: 18 h against `pari o superiore a 24`, steps 50%:40 75%:70 100%:100:
    //     degree 100 × 18 / 24 = 75 % reaches 75 %: 70.
    // AS2, with peso_2025 70/30: (70 × 83,516484 + 30 × 70) / 100 = 58,461538 + 21 = 79,461538.
    // Overall = (60 × 93,870588 + 40 × 79,461538) / 100 = 56,322353 + 31,784615 = 88,106968.
    assert_eq!(text(&e["score"]), "88.106968");
    assert_fields(
        &e,
        &[
            ("OS1", "parent", "AS1"),
            ("OO1.1", "level", "operational"),
            ("OO1.1", "parent", "OS1"),
            ("K1", "parent", "OO1.1"),
            ("K1", "unit", "%"),
            ("K1", "score", "96.666667"),
            ("K2", "unit", "gg"),
            ("K2", "target", "<= 15"),
            ("K2", "score", "88.235294"),
            ("K2", "note", "carenza di un medico radiologo da marzo"),
            ("OO1.1", "score", "92.45098"),
            ("K3", "score", "96"),
            ("OS1", "score", "93.870588"),
            ("K4", "weight", "70"),
            ("K4", "target", "by 2025-03-31"),
            ("K4", "threshold", "2025-06-30"),
            ("K4", "score", "83.516484"),
            ("K5", "weight", "30"),
            ("K5", "unit", "ore"),
            ("K5", "score", "70"),
            ("AS2", "score", "79.461538"),
        ],
    );
    // With `--scale 80%:0 100%:100` for the indicators that set none
    // (K4 is a deadline, K5 keeps its own steps):
    // K1: 0 + 100 × (96,666667 − 80) / 20 = 83,333333;
    // K2: 100 × (88,235294 − 80) / 20 = 41,176471; OO1.1 = 62,254902;
    // K3: 100 × (96 − 80) / 20 = 80; OS1 = 0,6 × 62,254902 + 0,4 × 80 = 69,352941;
    // overall = 0,6 × 69,352941 + 0,4 × 79,461538 = 41,611765 + 31,784615 = 73,39638.
    let scaled = evaluate("asl", "plan.csv", "actuals-2025.csv", "2025", &["--scale", "80%:0 100%:100"]);
    assert_eq!(text(&scaled["score"]), "73.39638");
    assert_fields(
        &scaled,
        &[
            ("K1", "score", "83.333333"),
            ("K1", "scale", "80%:0 100%:100"),
            ("K2", "score", "41.176471"),
            ("K3", "score", "80"),
            ("K4", "scale", "null"),
            ("K5", "scale", "steps 50%:40 75%:70 100%:100"),
            ("OS1", "score", "69.352941"),
        ],
    );
    // 2026: `almeno il 65%`, `dall'80% al 95%`, the two-year cell's second
    // part, peso back to 50.
    let next = evaluate("asl", "plan.csv", "actuals-2025.csv", "2026", &[]);
    assert_fields(
        &next,
        &[
            ("K1", "target", ">= 0.65"),
            ("K2", "target", "<= 12"),
            ("K3", "target", "between 0.8 and 0.95"),
            ("K4", "target", "by 2026-03-31"),
            ("K4", "threshold", "2026-06-30"),
            ("K4", "weight", "50"),
        ],
    );
}

#[test]
fn a_ministry_layout_imports_with_its_tree_years_and_cells() {
    let plan = import("ministero");
    assert_eq!(plan.years, PlanYears { baseline: vec![2023, 2024], target: vec![2025, 2026, 2027] });
    assert_eq!(
        structure(&plan),
        [
            "ambito 1 - 70",
            "strategic 1.1 1 60",
            "operational 1.1.1 1.1 60",
            "indicator 91.4 1.1.1 50",
            "indicator 91.5 1.1.1 50",
            "operational 1.1.2 1.1 40",
            "indicator 91.6 1.1.2 100",
            "strategic 1.2 1 40",
            "indicator 92.1 1.2 40",
            "indicator 92.2 1.2 60",
            "ambito 2 - 30",
            "strategic OS 02.1 2 100",
            "indicator 93.1 OS 02.1 50",
            "indicator 93.2 OS 02.1 30",
            "indicator 93.3 OS 02.1 20",
        ]
    );
    let cells = |code: &str| {
        let row = plan.rows.iter().find(|r| r.code == code).unwrap();
        let mut all: Vec<String> = row.baselines.iter().map(|(y, c)| format!("b{y}={c}")).collect();
        all.extend(row.targets.iter().map(|(y, c)| format!("t{y}={c}")));
        all
    };
    assert_eq!(
        cells("91.4"),
        ["b2023=72,50 %", "b2024=80,10 %", "t2025=maggiore o uguale a 85%", "t2026=almeno 90%", "t2027=almeno 95%"]
    );
    assert_eq!(cells("91.6"), ["b2023=N/D", "b2024=N/D", "t2025=entro il 30 giugno 2025", "t2026=N/D", "t2027=N/D"]);
    // A lost cell: one baseline, then the three years in one cell.
    assert_eq!(cells("92.2"), ["b2023=", "b2024=88,00 %", "t2025=>= 90%", "t2026=>= 92%", "t2027=>= 95%"]);
    // A gained cell: three baselines for two years; the oldest is left out.
    assert_eq!(
        cells("93.2"),
        [
            "b2023=140 N.",
            "b2024=150 N.",
            "t2025=pari o superiore a 160 N.",
            "t2026=pari o superiore a 180 N.",
            "t2027=pari o superiore a 200 N."
        ]
    );
    // A lost cell: one baseline before the targets.
    assert_eq!(
        cells("93.3"),
        ["b2023=", "b2024=1.250.000 €", "t2025=al massimo 1.200.000 €", "t2026=al massimo 1.150.000 €", "t2027=N/D"]
    );
    let formula = |code: &str| plan.rows.iter().find(|r| r.code == code).unwrap().formula.clone().unwrap();
    assert_eq!(formula("91.4"), "[Istanze presentate online] / [Istanze presentate]");
    assert_eq!(formula("91.6"), "[data pubblicazione della modulistica]");
    // The review names what was placed by meaning, once per row, and
    // nothing about the title lines or the unweighted `Indicatori` rows.
    let reviewed: Vec<(usize, Option<&str>)> = plan.review.iter().map(|i| (i.line, i.code.as_deref())).collect();
    assert_eq!(reviewed, [(19, Some("92.2")), (19, Some("92.2")), (31, Some("93.2")), (32, Some("93.3"))]);
}

#[test]
fn the_ministry_evaluates_to_its_hand_worked_figures() {
    let e = evaluate("ministero", "plan.txt", "actuals-2025.csv", "2025", &[]);
    // 91.4: 8200 / 10000 = 82 % against >= 85 %: 100 × 0,82 / 0,85 = 96,470588.
    // 91.5: 3300 / 100 = 33 gg against <= 30 gg: 100 × 30 / 33 = 90,909091.
    // 1.1.1 = (96,470588 + 90,909091) / 2 = 93,689840.
    // 91.6: 30/06/2025 against `entro il 30 giugno 2025`: achieved, 100; 1.1.2 = 100.
    // 1.1 = (60 × 93,689840 + 40 × 100) / 100 = 96,213904.
    // 92.1: 190 / 200 = 95 % in `tra 95% e 100%`: 100. 92.2: 450 / 500 = 90 % >= 90 %: 100.
    // 1.2 = 100; ambito 1 = (60 × 96,213904 + 40 × 100) / 100 = 97,728342.
    // 93.1: 2 gg against <= 0 gg: 100 × 0 / 2 = 0, missed.
    // 93.2: 152 against >= 160: 100 × 152 / 160 = 95. 93.3: 1.180.000 <= 1.200.000: 100.
    // OS 02.1 = ambito 2 = (50 × 0 + 30 × 95 + 20 × 100) / 100 = 48,5.
    // Overall = (70 × 97,728342 + 30 × 48,5) / 100 = 68,409840 + 14,55 = 82,95984.
    assert_eq!(text(&e["score"]), "82.95984");
    assert_fields(
        &e,
        &[
            ("91.4", "score", "96.470588"),
            ("91.5", "score", "90.909091"),
            ("91.5", "target", "<= 30"),
            ("1.1.1", "level", "operational"),
            ("1.1.1", "score", "93.68984"),
            ("91.6", "status", "achieved"),
            // The note is on the quantity's row, not on an own-value row: it
            // is the quantity's (shown by `explain`), not a motivazione.
            ("91.6", "note", "null"),
            ("1.1", "score", "96.213904"),
            ("92.1", "target", "between 0.95 and 1"),
            ("92.2", "target", ">= 0.9"),
            ("1", "score", "97.728342"),
            ("93.1", "score", "0"),
            ("93.1", "status", "missed"),
            ("93.2", "score", "95"),
            ("93.3", "value", "1180000"),
            ("2", "score", "48.5"),
        ],
    );
}

#[test]
fn another_cameras_layout_imports_and_evaluates() {
    let plan = import("camera");
    assert_eq!(plan.years, PlanYears { baseline: vec![2022, 2023, 2024], target: vec![2025, 2026, 2027] });
    assert_eq!(
        structure(&plan),
        [
            "ambito 1 - 40 %",
            "strategic OS 01.1 1 50 %",
            "indicator 1.1 1 OS 01.1 40 %",
            "indicator 1.1 2 OS 01.1 30 %",
            "indicator 1.1 3 OS 01.1 30 %",
            "strategic OS 01.2 1 50 %",
            "indicator 1.2 1 OS 01.2 60 %",
            "indicator 1.2 2 OS 01.2 40 %",
            "ambito A2 - 60 %",
            "strategic OS 02.1 A2 100 %",
            "indicator 2.1 1 OS 02.1 50 %",
            "indicator 2.1 2 OS 02.1 50 %",
        ]
    );
    let row = |code: &str| plan.rows.iter().find(|r| r.code == code).unwrap();
    assert_eq!(row("1.1 1").threshold.as_deref(), Some("8 gg"));
    assert_eq!([row("1.1 1").target(2025), row("1.1 1").target(2026)], ["<= 5 gg", "<= 4 gg"]);
    assert_eq!(row("1.1 2").target(2027), "", "`da definire` is text, left empty");
    assert_eq!(row("1.2 2").target(2025), "Entro il 30/06");
    assert_eq!([row("2.1 2").baseline(2022), row("2.1 2").baseline(2024)], ["", "77,00 %"]);
    assert_eq!(row("2.1 2").target(2025), "tra 78% e 85%");
    let formulas: Vec<&str> = ["1.1 2", "1.1 3", "1.2 1", "2.1 1"].map(|c| row(c).formula.as_deref().unwrap()).to_vec();
    assert_eq!(
        formulas,
        [
            "[PRATICHE EVASE ENTRO 5 GIORNI] / [PRATICHE EVASE]",
            "[T_IND_EVI] / [TOT_IND]",
            "([Garanzie concesse] - [Garanzie concesse](N-1)) / [Garanzie concesse](N-1)",
            "[Oneri di funzionamento] / [imprese attive]",
        ]
    );

    let e = evaluate("camera", "plan.txt", "actuals-2025.csv", "2025", &[]);
    // 1.1 1: 5,6 gg against <= 5 gg, soglia 8 gg: 100 × 5 / 5,6 = 89,285714.
    // 1.1 2: 760 / 1000 = 76 % > 75 %: 100. 1.1 3: 45 / 50 = 90 % against >= 100 %: 90.
    // OS 01.1 = (40 × 89,285714 + 30 × 100 + 30 × 90) / 100 = 35,714286 + 30 + 27 = 92,714286.
    // 1.2 1: (1080000 − 1000000) / 1000000 = 8 % against >= 10 %: 80.
    // 1.2 2: 10/07/2025 against `Entro il 30/06` (2025-06-30), no soglia: 0.
    // OS 01.2 = (60 × 80 + 40 × 0) / 100 = 48; ambito 1 = (92,714286 + 48) / 2 = 70,357143.
    // 2.1 1: 4000000 / 100000 = 40 € against <= 39 €: 100 × 39 / 40 = 97,5.
    // 2.1 2: 74 / 100 = 74 % below `tra 78% e 85%`: 100 × 0,74 / 0,78 = 94,871795.
    // A2 = (97,5 + 94,871795) / 2 = 96,185897.
    // Overall = (40 × 70,357143 + 60 × 96,185897) / 100 = 28,142857 + 57,711538 = 85,854396.
    assert_eq!(text(&e["score"]), "85.854396");
    assert_fields(
        &e,
        &[
            ("1.1 1", "threshold", "8"),
            ("1.1 1", "score", "89.285714"),
            ("1.1 2", "status", "achieved"),
            ("1.1 3", "score", "90"),
            ("OS 01.1", "score", "92.714286"),
            ("1.2 1", "score", "80"),
            ("1.2 2", "target", "by 2025-06-30"),
            ("1.2 2", "status", "missed"),
            ("1", "score", "70.357143"),
            ("2.1 1", "score", "97.5"),
            ("2.1 2", "score", "94.871795"),
            ("A2", "score", "96.185897"),
        ],
    );
}

#[test]
fn an_agency_in_english_with_inherited_scales() {
    let e = evaluate("agenzia", "plan.csv", "actuals-2025.csv", "2025", &[]);
    // A1's scale 80%:0 100%:100 holds two levels down, for S1's indicators.
    // K1: 11.5 days against `at most 10 days`: degree 100 × 10 / 11,5 = 86,956522 %,
    //     100 × (86,956522 − 80) / 20 = 34,782609.
    // K2: 75 % above `between 60% and 70%`: as <= 70 %, degree 100 × 0,7 / 0,75
    //     = 93,333333 %: 100 × 13,333333 / 20 = 66,666667.
    // K3: 2 against <= 0: 100 × 0 / 2 = 0, missed.
    // S1 = (2 × 34,782609 + 66,666667 + 0) / 4 = 136,231884 / 4 = 34,057971.
    // S2's own steps 50%:25 90%:90:
    // K4: 141 against `more than 141`, met exactly, so not achieved: degree
    //     100 × 141 / 141 = 100 % reaches 90 %: 90, partial.
    // K5: 2025-05-15 against `by 31 March 2025`, soglia `June 30, 2025`:
    //     100 × 46 days / 91 days = 50,549451. K6: no against yes: 0.
    // S2 = (90 + 50,549451 + 0) / 3 = 46,849817.
    // A1 = overall = (34,057971 + 46,849817) / 2 = 40,453894.
    assert_eq!(text(&e["score"]), "40.453894");
    assert_fields(
        &e,
        &[
            ("K1", "score", "34.782609"),
            ("K1", "scale", "80%:0 100%:100"),
            ("K2", "score", "66.666667"),
            ("K3", "score", "0"),
            ("S1", "score", "34.057971"),
            ("K4", "score", "90"),
            ("K4", "status", "partial"),
            ("K4", "scale", "steps 50%:25 90%:90"),
            ("K5", "threshold", "2025-06-30"),
            ("K5", "score", "50.549451"),
            ("K6", "note", "board meeting postponed"),
            ("S2", "score", "46.849817"),
        ],
    );
    // Under `--scoring binary` the scales still score (K1, K2, K4), and the
    // deadline gets 0: S2 = (90 + 0 + 0) / 3 = 30;
    // overall = (34,057971 + 30) / 2 = 32,028986.
    let binary = evaluate("agenzia", "plan.csv", "actuals-2025.csv", "2025", &["--scoring", "binary"]);
    assert_eq!(text(&binary["score"]), "32.028986");
    assert_fields(&binary, &[("K1", "score", "34.782609"), ("K5", "score", "0"), ("S2", "score", "30")]);
}

#[test]
fn a_layout_with_its_title_in_capitals_and_unnamed_operational_objectives() {
    let plan = import("provincia");
    assert_eq!(plan.years, PlanYears { baseline: vec![2024], target: vec![2025, 2026, 2027] });
    // The title above the header is no ambito; `OO 1.1.2` is spaced like
    // `OS 01.1`; `60` in the `Obiettivo operativo` column with a name
    // beside it is an operational objective, called OO1.
    assert_eq!(
        structure(&plan),
        [
            "ambito 1 - ",
            "strategic OS 01.1 1 55",
            "operational OO1 OS 01.1 60",
            "indicator ID-01 OO1 20",
            "indicator ID-02 OO1 40",
            "indicator ID-03 OO1 40",
            "operational OO 1.1.2 OS 01.1 40",
            "indicator ID-04 OO 1.1.2 100",
            "strategic OS 01.2 1 45",
            "indicator ID-05 OS 01.2 100",
            "ambito 2 - ",
            "strategic OS 02.1 2 100",
            "indicator ID-06 OS 02.1 100",
        ]
    );
    let row = |code: &str| plan.rows.iter().find(|r| r.code == code).unwrap();
    assert_eq!(row("ID-02").target(2025), "dicembre 2025");
    assert_eq!([row("ID-03").target(2025), row("ID-03").target(2026)], ["", "<= 3 gg"]);
    assert_eq!([row("ID-04").target(2025), row("ID-04").target(2026)], ["almeno 50%", "almeno 60%"]);
    let reviewed: Vec<(usize, Option<&str>)> = plan.review.iter().map(|i| (i.line, i.code.as_deref())).collect();
    assert_eq!(reviewed, [(6, Some("OO1")), (9, Some("ID-03")), (11, Some("ID-04")), (11, Some("ID-04"))]);

    let e = evaluate("provincia", "plan.txt", "actuals-2025.csv", "2025", &[]);
    // ID-01: 36 / 50 = 72 % >= 70 %: 100. ID-02: 15/01/2026 after `dicembre
    // 2025` (2025-12-31), no soglia: 0. ID-03: no target in 2025, left out.
    // OO1 = (20 × 100 + 40 × 0) / (20 + 40) = 33,333333.
    // ID-04: 45 / 100 = 45 % against `almeno 50%`: 100 × 0,45 / 0,5 = 90; OO 1.1.2 = 90.
    // OS 01.1 = (60 × 33,333333 + 40 × 90) / 100 = 20 + 36 = 56.
    // ID-05: 118000 / 10000 = 11,8 € < 12 €: 100; OS 01.2 = 100.
    // Ambito 1 = (55 × 56 + 45 × 100) / 100 = 30,8 + 45 = 75,8.
    // ID-06: 33 gg against `al massimo 30 gg`: 100 × 30 / 33 = 90,909091 = ambito 2.
    // The ambiti have no weights, so they weigh the same:
    // overall = (75,8 + 90,909091) / 2 = 83,354545.
    assert_eq!(text(&e["score"]), "83.354545");
    assert_fields(
        &e,
        &[
            ("OO1", "score", "33.333333"),
            ("ID-02", "status", "missed"),
            ("ID-03", "status", "no-target"),
            ("ID-03", "value", "3.5"),
            ("ID-04", "score", "90"),
            ("OS 01.1", "score", "56"),
            ("ID-05", "target", "< 12"),
            ("1", "score", "75.8"),
            ("1", "weight", "50"),
            ("2", "score", "90.909091"),
        ],
    );
}
