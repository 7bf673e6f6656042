//! The words of the plans as offices write them, and the words kpi answers
//! with: dates with dots, year columns titled in other ways, and the
//! evaluation's messages in the language of the human outputs, through the
//! real binary on `fixtures/words`.

use crate::common::{eval_json, fixture, kpi, node, text};

#[test]
fn dates_with_dots_are_dates_after_a_deadline_word_and_in_the_actuals() {
    let json = eval_json(&fixture("words"), &["2024", "--plan", "plan.csv", "--actuals", "actuals.csv"]);
    // `entro il 31.12` in target_2024 is 31-12-2024; the actual `15.12.2024` is 15 December 2024, before it.
    let k5 = node(&json, "K5");
    assert_eq!(text(&k5["target"]), "by 2024-12-31");
    assert_eq!(text(&k5["value"]), "2024-12-15");
    assert_eq!((text(&k5["status"]), text(&k5["score"])), ("achieved".into(), "100".into()));
    // the actual `30.06.2024` of a formula's quantity is a date too, which arithmetic refuses
    assert_eq!(
        text(&node(&json, "K6")["message"]),
        "[Data consegna] is a date, which cannot be used in arithmetic in `[Data consegna] + 1`"
    );
}

#[test]
fn a_bare_day_and_month_with_a_dot_is_a_number() {
    // `31.12` without `entro` in an English file is the number 31.12: 40 against it is achieved.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.csv"), "level,code,formula,target_2024\nindicator,K1,,31.12\n").unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,K1,,40\n").unwrap();
    let json = eval_json(dir.path(), &["2024", "--actuals", "a.csv"]);
    assert_eq!(text(&node(&json, "K1")["target"]), ">= 31.12");
    assert_eq!(text(&node(&json, "K1")["status"]), "achieved");
}

#[test]
fn year_columns_titled_with_anno_are_that_year_s_columns() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "level;code;name;Peso;Peso anno 2024;formula;Baseline anno 2023;Soglia anno 2024;Target anno 2024 (valore atteso);Target year 2025\n\
                ambito;A1;Servizi;1;;;;;;\n\
                indicator;K1;Pratiche evase;1;3;;55;50;>= 80;>= 90\n\
                indicator;K2;Tempi medi;1;1;;;15;<= 10;<= 8\n";
    std::fs::write(dir.path().join("plan.csv"), plan).unwrap();
    std::fs::write(dir.path().join("a.csv"), "year;code;variable;value\n2024;K1;;60\n2024;K2;;20\n").unwrap();
    let json = eval_json(dir.path(), &["2024", "--actuals", "a.csv"]);
    // K1: `Target anno 2024` >= 80, value 60, above its `Soglia anno 2024` 50: ratio 100·60/80 = 75, partial.
    let k1 = node(&json, "K1");
    assert_eq!(text(&k1["target"]), ">= 80");
    assert_eq!(text(&k1["threshold"]), "50");
    assert_eq!((text(&k1["score"]), text(&k1["status"])), ("75".into(), "partial".into()));
    // its `Peso anno 2024` 3 overrides `Peso` 1
    assert_eq!(text(&k1["weight"]), "3");
    // K2: <= 10, value 20, worse than its soglia 15: 0, missed (without the soglia, 100·10/20 = 50).
    let k2 = node(&json, "K2");
    assert_eq!((text(&k2["score"]), text(&k2["status"])), ("0".into(), "missed".into()));
    // A1 = (3·75 + 1·0) / (3 + 1) = 225 / 4 = 56.25, and so the whole plan; everything measured.
    assert_eq!(text(&node(&json, "A1")["score"]), "56.25");
    assert_eq!((text(&json["score"]), text(&json["coverage"])), ("56.25".into(), "100".into()));
    // `Target year 2025`: K1 >= 90 in 2025; `Baseline anno 2023`: K1's own value in 2023, 55, without a target.
    let json = eval_json(dir.path(), &["2025", "--actuals", "a.csv"]);
    assert_eq!(text(&node(&json, "K1")["target"]), ">= 90");
    let json = eval_json(dir.path(), &["2023", "--actuals", "a.csv"]);
    let k1 = node(&json, "K1");
    assert_eq!((text(&k1["value"]), text(&k1["status"])), ("55".into(), "no-target".into()));
}

#[test]
fn a_year_column_titled_with_other_words_says_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "level,code,formula,Target 2023 (Risultato atteso),Target previsto 2024 (valore atteso)\n\
                indicator,K1,,>= 1,>= 2\n";
    std::fs::write(dir.path().join("plan.csv"), plan).unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,K1,,1\n").unwrap();
    let output = kpi().current_dir(dir.path()).args(["check", "--actuals", "a.csv"]).output().unwrap();
    // kpi check: exit status 1 for a plan with errors
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    // the 2023 column with its remark is read; only the 2024 one is refused
    assert!(
        stdout.starts_with(
            "plan.csv:1: error: column 5 `Target previsto 2024 (valore atteso)`: `previsto` stands between `target` and the year, \
             where kpi reads no words: write `target_2024` or `Target 2024` (a remark goes in parentheses after the year: \
             `target 2024 (previsto)`)\n"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("column 4"), "{stdout}");
}
