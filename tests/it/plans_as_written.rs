//! Plans as offices write them: the number format found from the value
//! cells, column titles as spreadsheets write them, scales in the plan and on
//! the command line, and `explain` writing out a range and a scale.

use crate::common;

use std::fs;

use common::{eval_json, fixture, kpi, node, text};
use predicates::prelude::*;

fn folder(plan: &str, actuals: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("plan.csv"), plan).unwrap();
    fs::write(dir.path().join("actuals.csv"), actuals).unwrap();
    dir
}

fn eval(dir: &tempfile::TempDir, extra: &[&str]) -> serde_json::Value {
    eval_json(dir.path(), &[&["2024", "--plan", "plan.csv", "--actuals", "actuals.csv"], extra].concat())
}

#[test]
fn a_semicolon_file_with_decimal_points_is_english_beside_an_italian_plan() {
    // LibreOffice in an English locale writes `;` with `61.4`: English, whatever the delimiter.
    // The plan beside it is Italian (`1.336` is 1336 there), and neither needs --number-format.
    let dir = folder(
        "livello;codice;target_2024\nindicatore;K1;>= 1.336\nindicatore;K2;>= 60,5\n",
        "year;code;variable;value\n2024;K1;;1336\n2024;K2;;61.4\n",
    );
    let e = eval(&dir, &[]);
    // K1: 1336 >= 1336, achieved; K2: 61.4 >= 60.5, achieved
    assert_eq!(text(&node(&e, "K1")["target"]), ">= 1336");
    assert_eq!(text(&node(&e, "K2")["value"]), "61.4");
    assert_eq!(text(&e["score"]), "100");
}

#[test]
fn the_majority_of_telling_tokens_decides_and_the_odd_one_is_named() {
    // Three English decimals and one quoted Italian one: the file is English, and the
    // error names line 5, the one to fix, never the others.
    let dir = folder(
        "level,code,target_2024\nindicator,K1,>= 1\nindicator,K2,>= 1\nindicator,K3,>= 1\nindicator,K4,>= 1\n",
        "year,code,variable,value\n2024,K1,,1.5\n2024,K2,,2.5\n2024,K3,,\"61,4\"\n2024,K4,,3.25\n",
    );
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--plan", "plan.csv", "--actuals", "actuals.csv", "--format", "json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("actuals.csv:4").and(predicate::str::contains("`61,4`")))
        .stderr(predicate::str::contains("actuals.csv:2").not());
}

#[test]
fn number_format_forces_every_file() {
    // Each file is read in its own format without the option; `--number-format en` forces
    // English on the Italian plan too, whose `1,5` is then an error naming its line.
    let dir = folder("livello;codice;target_2024\nindicatore;K1;>= 1,5\n", "year,code,variable,value\n2024,K1,,1.5\n");
    assert_eq!(text(&eval(&dir, &[])["score"]), "100");
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--plan", "plan.csv", "--actuals", "actuals.csv", "--number-format", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("plan.csv:2"));
}

#[test]
fn column_titles_with_a_remark_in_parentheses() {
    let dir = folder(
        "Livello;Codice;Unità di misura;Peso (%);Target 2012 (Risultato atteso);TARGET-2013\nindicatore;K1;Percentuale;100;maggiore di 75,00%;almeno 80%\n",
        "anno;codice;variabile;valore\n2012;K1;;76%\n",
    );
    let e = eval_json(dir.path(), &["2012", "--plan", "plan.csv", "--actuals", "actuals.csv"]);
    // 76 % > 75 %: achieved; the unit `Percentuale` is the percent
    assert_eq!((text(&node(&e, "K1")["status"]), text(&node(&e, "K1")["unit"])), ("achieved".into(), "%".into()));
    let e = eval_json(dir.path(), &["2013", "--plan", "plan.csv", "--actuals", "actuals.csv"]);
    assert_eq!(text(&node(&e, "K1")["target"]), ">= 0.8");
}

#[test]
fn a_bad_scale_names_the_line_or_the_option_and_the_point() {
    let dir = folder(
        "level,code,scale,target_2024\nambito,A1,70%:0 90%:100,\nindicator,K1,steps 80%:50 60%:90,>= 1\n",
        "year,code,variable,value\n2024,K1,,0.5\n",
    );
    kpi()
        .current_dir(dir.path())
        .args(["eval", "2024", "--plan", "plan.csv", "--actuals", "actuals.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "plan.csv:3: scale `steps 80%:50 60%:90`: point 2 `60%:90`: the degrees must rise from point to point",
        ));
    kpi().current_dir(dir.path()).args(["eval", "2024", "--scale", "70%:0 90%:150"]).assert().code(2).stderr(
        predicate::str::contains("--scale")
            .and(predicate::str::contains("point 2 `90%:150`: a score lies between 0 and 100")),
    );
}

#[test]
fn explain_writes_out_a_range_and_a_scale() {
    let explain = |code: &str, extra: &[&str]| {
        let output = kpi().current_dir(fixture("sample")).args(["explain", code, "2024"]).args(extra).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let k16 = explain("K16", &[]);
    assert!(
        k16.contains("intervallo tra 80,00 % e 90,00 %: 72,00 % è sotto 80,00 %, quindi è valutato come >= 80,00 %: rapporto: 100 × v / T = 100 × 0,72 / 0,8 = 90,00"),
        "{k16}"
    );
    let k18 = explain("K18", &[]);
    assert!(
        k18.contains("scala 70%:0 90%:100: grado di raggiungimento 100 × T / v = 100 × 10 / 12,5 = 80,00 %, tra 70 % → 0 e 90 % → 100: 0 + (100 − 0) × (80 − 70) / (90 − 70) = 50,00"),
        "{k18}"
    );
    // --scale reaches explain too: K17's degree 80 % is at or above 80 % → 60
    let k17 = explain("K17", &["--scale", "60%:0 80%:60"]);
    assert!(k17.contains("pari o superiore all'ultimo punto 80 % → 60: 60,00"), "{k17}");
}

#[test]
fn years_side_by_side_take_the_scale_too() {
    let dir = fixture("sample");
    let output = kpi()
        .current_dir(&dir)
        .args(["eval", "2024..2025", "--scale", "60%:0 80%:60", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let single = eval_json(&dir, &["2024", "--scale", "60%:0 80%:60"]);
    // K17: degree 100 × 120 / 150 = 80 → 60
    assert_eq!(text(&node(&single, "K17")["score"]), "60");
    let trend: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(trend.to_string().contains("60%:0 80%:60"), "{trend}");
}
