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
fn a_year_column_titled_with_other_words_says_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let plan = "level,code,formula,Target 2023 (Risultato atteso),Target anno 2024 (valore atteso)\n\
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
            "plan.csv:1: error: column 5 `Target anno 2024 (valore atteso)`: `anno` stands between `target` and the year, \
             where kpi reads no words: write `target_2024` or `Target 2024` (a remark goes in parentheses after the year: \
             `target 2024 (anno)`)\n"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("column 4"), "{stdout}");
}
