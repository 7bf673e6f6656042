//! `kpi check` through the real binary: a plan with one mistake of each kind
//! gets one clear message for each, at the right line.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn mistakes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mistakes")
}

fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("kpi").unwrap().current_dir(dir).arg("check").args(args).output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

/// The diagnostics, each as its lines.
fn diagnostics(stdout: &str) -> Vec<Vec<&str>> {
    stdout
        .split("\n\n")
        .filter(|block| block.contains(": error: ") || block.contains(": warning: "))
        .map(|b| b.lines().collect())
        .collect()
}

#[test]
fn one_message_for_each_mistake_at_its_line() {
    let (code, stdout) = check(&mistakes(), &["--actuals", "actuals.csv"]);
    assert_eq!(code, Some(1), "{stdout}");
    let found = diagnostics(&stdout);
    let heads: Vec<&str> = found.iter().map(|d| d[0]).collect();
    assert_eq!(
        heads,
        vec![
            "plan.csv:3: warning: the weights under A1 add up to 90 %, not 100 %: OS1 50 %, OS2 40 %",
            "plan.csv:5:1: error: [Follower] of K2 is not given for 2024",
            "plan.csv:6:20: error: [Pratiche SUAP](N-1) of K3 is not given for 2023 (N-1 of 2024)",
            "plan.csv:8:33: error: K4 is a percent indicator but its formula multiplies by 100",
            "plan.csv:12: error: K6 has a target for 2024 but no way to get its value",
            "plan.csv:13: error: the code `K6` is already used on line 12",
            "plan.csv:14: error: unknown level `obiettivo`",
            "plan.csv:15: error: baseline_2023: `1.2.3` is not a number in this file's format",
            "plan.csv:16: error: target_2024: target `>= dieci`: `dieci` is not a number, a date, a yes/no or N/D",
            "plan.csv:17: error: the soglia 30 N. of K10 is above its target >= 20 N. (2024)",
            "plan.csv:18:12: error: formula of K11, column 12: expected a number, a [quantity] or `(`, found `*`",
            "actuals.csv:4: warning: the formula of K2 does not use `Folower` (2024)",
            "actuals.csv:8: warning: K5 is a percent indicator but its 2024 value 85 is above 1.000 %",
            "actuals.csv:11: error: #neutralize for K1 has no note",
        ]
    );
    // every problem comes with a hint
    for d in &found {
        assert!(d.last().unwrap().starts_with("    hint: "), "no hint for {}", d[0]);
    }
    assert!(
        stdout.ends_with("kpi check: 11 errors, 3 warnings in plan.csv and 1 actuals file (years 2024)\n"),
        "{stdout}"
    );
}

#[test]
fn formulas_are_shown_with_a_caret_and_typos_with_the_closest_name() {
    let (_, stdout) = check(&mistakes(), &["--actuals", "actuals.csv"]);
    let found = diagnostics(&stdout);
    let of = |head: &str| found.iter().find(|d| d[0].starts_with(head)).unwrap().clone();
    assert_eq!(
        of("plan.csv:5:1:"),
        vec![
            "plan.csv:5:1: error: [Follower] of K2 is not given for 2024",
            "    [Follower]",
            "    ^",
            "    hint: actuals.csv:4 gives `Folower`: a typo? The name must match the formula's, case and spaces aside",
        ]
    );
    assert_eq!(
        of("plan.csv:6:20:")[1..3],
        ["    ([Pratiche SUAP] - [Pratiche SUAP](N-1)) / [Pratiche SUAP](N-1)", "                       ^"]
    );
    assert_eq!(
        of("plan.csv:8:33:")[1..3],
        ["    [Soddisfatti] / [Rispondenti] * 100", "                                    ^"]
    );
    assert_eq!(of("actuals.csv:4:")[1], "    hint: did you mean `Follower`?");
    assert_eq!(
        of("actuals.csv:11:")[1],
        "    hint: write the reason in the note column: a decision that changes a published figure must say why"
    );
    assert_eq!(
        of("plan.csv:17:")[1],
        "    hint: the soglia is the worst value still worth partial credit: with higher is better it must be below the target; swap them or correct one"
    );
}

#[test]
fn warnings_alone_exit_0_and_a_clean_plan_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,weight,formula,unit,target_2024\nambito,A1,100%,,,\nindicator,K1,60%,[a] / [b],%,>= 50 %\nindicator,K2,40%,,N.,>= 3\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.csv"), "year,code,variable,value\n2024,K1,a,1\n2024,K1,b,2\n2024,K2,,4\n")
        .unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "a.csv"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, "kpi check: no problems in plan.csv and 1 actuals file (years 2024)\n");

    // a shared quantity no formula uses is only a warning
    std::fs::write(dir.path().join("b.csv"), "year,code,variable,value\n2024,,Imprese,7\n").unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "a.csv", "--actuals", "b.csv"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.starts_with("b.csv:2: warning: no formula uses the shared quantity `Imprese` (2024)\n"), "{stdout}");
}

#[test]
fn without_actuals_the_plan_alone_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(mistakes().join("plan.csv"), dir.path().join("plan.csv")).unwrap();
    let (code, stdout) = check(dir.path(), &[]);
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("note: no actuals given and no actuals/ folder here: the plan alone was checked"),
        "{stdout}"
    );
    assert!(!stdout.contains("is not given for"), "{stdout}");
    assert!(stdout.contains("plan.csv:14: error: unknown level `obiettivo`"));
}

#[test]
fn eval_still_stops_at_the_first_problem() {
    let output = Command::cargo_bin("kpi")
        .unwrap()
        .current_dir(mistakes())
        .args(["eval", "2024", "--actuals", "actuals.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("kpi: plan.csv:13: the code `K6` is already used on line 12: every node needs its own code; rename one of the two\n"),
        "{stderr}"
    );
}

#[test]
fn a_forced_score_for_an_indicator_without_a_target_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.csv"),
        "level,code,weight,unit,target_2024\nambito,A1,,,\nindicator,K1,,N.,>= 3\nindicator,K2,,N.,N/D\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("score.csv"),
        "year,code,variable,value,note\n2024,K1,,4,\n2024,K2,#score,100,note\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("neutralize.csv"),
        "year,code,variable,value,note\n2024,K1,,4,\n2024,K2,#neutralize,,strike\n",
    )
    .unwrap();
    let (code, stdout) = check(dir.path(), &["--actuals", "score.csv"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert_eq!(
        diagnostics(&stdout),
        vec![vec![
            "score.csv:3: error: #score 100 for 2024: K2 has no target in 2024",
            "    hint: an indicator without a target is not part of the year's evaluation, so it has no score to force: remove the row, or give K2 a target_2024 in the plan",
        ]]
    );
    // neutralizing it is harmless
    let (code, stdout) = check(dir.path(), &["--actuals", "neutralize.csv"]);
    assert_eq!(
        (code, stdout.as_str()),
        (Some(0), "kpi check: no problems in plan.csv and 1 actuals file (years 2024)\n")
    );
}
